"""The offline realiser: facts → formal prose, deterministically, from phrase tables."""

from drafter.realize.realizer import realize_section, realize_title

__all__ = ["realize_section", "realize_title"]
