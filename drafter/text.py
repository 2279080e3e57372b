"""Control characters: find them in input (with line and column) and escape them for the terminal.

A facts file or a draft may carry U+0000, ANSI escape sequences or other control characters. In a facts file
they are an error (Word cannot store them; a terminal would obey them); in anything printed they are shown
escaped (``\\x1b``), so a file can never drive the user's terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from drafter.lines import line_column

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls except tab, newline and carriage return; DEL; C1 controls. Line and paragraph separators
# and the bidirectional overrides that can reorder what the terminal shows are included.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_ON_SCREEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def find_control(text: str) -> tuple[int, int, str] | None:
    """Return (line, column, character) of the first disallowed control character in ``text``, or None.

    Tab, newline and carriage return are allowed; lines and columns are 1-based.
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    return (*line_column(text, found.start()), found.group())


def codepoint(char: str) -> str:
    """Return ``U+001B`` for ``char``."""
    return f"U+{ord(char):04X}"


def printable(text: str, keep: str = "") -> str:
    """Return ``text`` with control characters escaped (``\\x1b``, ``\\u202e``); ``keep`` lists exceptions.

    Tab is always kept; a newline is escaped unless ``keep`` holds ``"\\n"`` (one message, one line).
    """

    def escaped(found: re.Match[str]) -> str:
        char = found.group()
        if char in keep:
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _CONTROL_ON_SCREEN.sub(escaped, text)


def one_line(text: str, limit: int = 200) -> str:
    """Return ``text`` with its whitespace runs (newlines included) collapsed, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def visible(text: str) -> str:
    """Return ``text`` with each control character replaced by one visible character, offsets unchanged.

    C0 controls become their Unicode control pictures (ESC → ␛), others U+FFFD; newline and tab stay. For
    text whose spans are already computed (a highlighted draft), where :func:`printable` would shift them.
    """

    def picture(found: re.Match[str]) -> str:
        code = ord(found.group())
        if found.group() in "\n\t":
            return found.group()
        return chr(0x2400 + code) if code < 0x20 else ("\u2421" if code == 0x7F else "\ufffd")

    return _CONTROL_ON_SCREEN.sub(picture, text)


def visible_rich(text: Text) -> Text:
    """Return the rich ``text`` with its control characters made :func:`visible` (styles stay in place)."""
    text.plain = visible(text.plain)
    return text


def without_control(text: str) -> str:
    """Return ``text`` without control characters (tab and newline kept; a lone CR becomes a newline)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
