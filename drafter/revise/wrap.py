"""Line breaking for the terminal that follows Chinese 禁则 (kinsoku): no ，。；：、）」 at a line start.

A terminal wraps Chinese text at any character, so a line may start with a comma or a lone 。. Here a line
that would start with a closing mark takes the character before it along (push-out), a line never ends with
an opening mark (（「《 “), and Latin words and figures (12.5%, 2025年 is fine to break after 5) are not cut.
"""

from __future__ import annotations

from rich.cells import cell_len

# Characters that must not start a line (closing punctuation, pause marks, small kana-like marks).
NO_START = frozenset("，。、；：！？）」』》〉】〕”’…—·,.;:!?)]}%％")
# Characters that must not end a line (opening brackets and quotes).
NO_END = frozenset("（「『《〈【〔“‘([{")


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-'%$/")


def break_points(text: str, width: int) -> list[int]:
    """Return the offsets in ``text`` where lines break so that each fits ``width`` cells.

    Existing newlines are kept (their offsets are not returned: they break by themselves). Every other
    break is placed so that no line starts with a :data:`NO_START` character, none ends with a
    :data:`NO_END` one, and an ASCII word shorter than the width is not split.
    """
    width = max(width, 4)
    breaks: list[int] = []
    line_start = 0
    used = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\n":
            line_start, used = i + 1, 0
            i += 1
            continue
        size = cell_len(char)
        if used + size <= width:
            used += size
            i += 1
            continue
        cut = _adjust(text, line_start, i)
        breaks.append(cut)
        line_start = cut
        used = cell_len(text[cut:i])
    return breaks


def _adjust(text: str, line_start: int, cut: int) -> int:
    """Move a break at ``cut`` back so the rules hold (never to the line's start: then keep ``cut``)."""
    best = cut
    # A Latin word or figure moves to the next line whole.
    while best > line_start and _is_word(text[best]) and _is_word(text[best - 1]):
        best -= 1
    # A closing mark takes the character before it along; an opening mark goes with what follows.
    while best > line_start and (text[best] in NO_START or text[best - 1] in NO_END):
        best -= 1
    if best <= line_start:  # the rules cannot hold on so short a line: break where it overflows
        return cut
    # Spaces at the break are left at the line end rather than starting the next line.
    while best < cut and text[best] == " ":
        best += 1
    return best


def wrap_lines(text: str, width: int) -> list[str]:
    """Return ``text`` broken into lines of at most ``width`` cells (see :func:`break_points`)."""
    lines: list[str] = []
    start = 0
    for cut in break_points(text, width):
        lines.extend(text[start:cut].split("\n"))
        start = cut
    lines.extend(text[start:].split("\n"))
    return lines
