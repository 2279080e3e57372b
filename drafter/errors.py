"""The one error hierarchy of drafter.

Every error the library raises on purpose is a :class:`DrafterError`. Each carries where the problem is
(file, line, column, field) and how to fix it, so the CLI can print one clear line and exit non-zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class DrafterError(Exception):
    """Base of all errors drafter raises for bad input, configuration or state.

    Attributes:
        message: What is wrong, in one sentence without location.
        file: The file the problem is in, if any.
        line: 1-based line in ``file``.
        column: 1-based column in ``file``.
        field: Dotted path of the field at fault (``facts[3].value``).
        hint: How to fix it (``did you mean 'value'?``).
        exit_code: The process exit code the CLI uses for this error.
    """

    exit_code: int = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint

    def location(self) -> str:
        """Return ``file:line:column`` (as much of it as is known), or an empty string."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text = f"{text}; {self.hint}"
        loc = self.location()
        return f"{loc}: {text}" if loc else text


class StorageError(DrafterError):
    """A file or database cannot be read or written: permissions, a full disk, a path that is no folder.

    Its own exit code (3), so a script can tell "the disk refused" from bad input (2).
    """

    exit_code = 3


class DrafterWarning(UserWarning):
    """Something went wrong but drafter carries on (a corrupt cache rebuilt, a locked log skipped)."""


class FactsError(DrafterError):
    """The facts file is missing, unreadable or invalid."""


class ErrorList(DrafterError):
    """Several errors of one input reported together, one line each, then a count.

    Attributes:
        errors: The errors in input order; the first is this error's own message and place.
        summary: The last line when there are several, with ``{count}``.
    """

    summary = "{count} problems"

    def __init__(self, errors: Sequence[DrafterError]) -> None:
        first = errors[0]
        super().__init__(
            first.message,
            file=first.file,
            line=first.line,
            column=first.column,
            field=first.field,
            hint=first.hint,
        )
        self.errors = list(errors)

    def __str__(self) -> str:
        lines = [DrafterError.__str__(error) for error in self.errors]
        if len(lines) > 1:
            lines.append(self.summary.format(count=len(lines)))
        return "\n".join(lines)


class MissingValuesError(ErrorList, FactsError):
    """Facts still without a value (``value: null``, as ``drafter facts extract`` writes them), each with its
    line."""

    summary = "{count} facts have no value yet"


class KindError(DrafterError):
    """A report kind is unknown or its data file is invalid."""


class OutputExistsError(DrafterError):
    """Refused to overwrite an existing file without ``--force``."""


class InputError(DrafterError):
    """A draft or other input file cannot be read."""


class ConfigError(DrafterError):
    """Settings (flags, environment, drafter.toml) are missing or contradictory."""


class PromptError(DrafterError):
    """A prompt folder or prompt file is missing or malformed."""


class BackendError(DrafterError):
    """The model backend failed (unreachable, refused, malformed reply) after retries."""


class SessionError(DrafterError):
    """A revise session file is missing, corrupt or does not match its facts."""


class EvalError(DrafterError):
    """An eval suite, baseline or drafts folder is invalid."""
