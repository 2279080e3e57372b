"""Fixtures for the realiser tests."""

from __future__ import annotations

import pytest
from realize_helpers import EXAMPLE_FILES, markdown

from drafter.facts import Facts, load_facts


@pytest.fixture(params=EXAMPLE_FILES, ids=lambda p: p.name)
def example(request: pytest.FixtureRequest) -> tuple[Facts, str]:
    """Each shipped example, loaded, with its offline Markdown draft."""
    facts = load_facts(request.param)
    return facts, markdown(facts)
