"""Chinese numerals → values: 一百零九, 两千, 一万二, 三千五百万, 二○○三 (digit by digit), 三四 (a range)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from drafter.resources import load_yaml

DATA = "drafter.numbers.data"


@dataclass(frozen=True)
class ZhNumerals:
    """The numeral lexicon: digits, small units (十百千), big units (万亿), range pairs, vague prefixes."""

    digits: dict[str, int]
    small: dict[str, int]
    big: dict[str, int]
    range_pairs: frozenset[str]
    vague: dict[str, tuple[float, float]]
    teen_vague: str
    financial: dict[str, str]
    financial_money: tuple[str, ...]

    @property
    def chars(self) -> str:
        """Every numeral character."""
        return "".join([*self.digits, *self.small, *self.big])


@cache
def numerals() -> ZhNumerals:
    """Return the numeral lexicon (loaded once)."""
    data = load_yaml(DATA, "zh_numerals.yaml")
    vague = {k: (float(v[0]), float(v[1])) for k, v in data["vague"].items()}
    return ZhNumerals(
        digits=data["digits"],
        small=data["small_units"],
        big=data["big_units"],
        range_pairs=frozenset(data["range_pairs"]),
        vague=vague,
        teen_vague=data["teen_vague"],
        financial=data["financial"],
        financial_money=tuple(data["financial_money"]),
    )


def parse_zh(run: str) -> float | None:
    """Return the value of the Chinese numeral ``run``, or ``None`` if it is not well formed.

    Handles positional numerals (一百零九 = 109, 一万二 = 12000, 三千五 = 3500, 一亿二千万) and digit-by-digit
    ones (二○○三 = 2003).
    """
    lex = numerals()
    if not run:
        return None
    if all(ch in lex.digits for ch in run):
        if len(run) == 1 or len(run) >= 3 or "零" in run or "〇" in run or "○" in run:
            return float(int("".join(str(lex.digits[ch]) for ch in run)))
        return None
    return _positional(run, lex)


def _positional(run: str, lex: ZhNumerals) -> float | None:
    total, section, digit = 0, 0, None
    last_unit, zero_seen = 1, False
    for ch in run:
        if ch in lex.digits:
            if digit is not None and digit != 0 and lex.digits[ch] != 0:
                return None  # two digits in a row inside a positional numeral: not well formed
            digit = lex.digits[ch]
            zero_seen = zero_seen or digit == 0
        elif ch in lex.small:
            unit = lex.small[ch]
            if unit >= last_unit and section and last_unit != 1:
                return None
            section += (digit if digit else 1) * unit
            digit, last_unit, zero_seen = None, unit, False
        else:
            big = lex.big[ch]
            if section == 0 and digit is None and total == 0:
                section = 1
            if big > 10000 or total == 0:
                total = (total + section + (digit or 0)) * big
            else:
                total += (section + (digit or 0)) * big
            section, digit, last_unit, zero_seen = 0, None, big, False
    if digit:
        # 一万二 = 12000, 三千五 = 3500: a trailing digit right after a unit counts one place lower.
        section += digit * (last_unit // 10 if last_unit > 1 and not zero_seen else 1)
    return float(total + section)


def financial_run(run: str, after: str) -> str | None:
    """Return the financial numeral ``run`` (壹万贰仟) in ordinary numerals (一万二千), or ``None`` when
    it is no number: a lone financial numeral not followed by a money unit (伍 in 队伍, 陆 in 陆续)."""
    lex = numerals()
    own = sum(ch in lex.financial for ch in run)
    if own < 2 and not after.startswith(lex.financial_money):
        return None
    return "".join(lex.financial.get(ch, ch) for ch in run)


def parse_zh_range(run: str) -> tuple[float, float] | None:
    """Return (low, high) for a range written with adjacent numerals: 三四 → (3, 4), 五六十 → (50, 60),
    十七八 → (17, 18), 三四百 → (300, 400); ``None`` when ``run`` is no such range."""
    lex = numerals()
    for i in range(len(run) - 1):
        if run[i : i + 2] not in lex.range_pairs:
            continue
        head, tail = run[:i], run[i + 2 :]
        if tail and (len(tail) > 1 or (tail not in lex.small and tail not in lex.big)):
            continue
        if head and head[-1] not in lex.small and head[-1] not in lex.big:
            continue
        base = parse_zh(head) if head else 0.0
        if base is None:
            continue
        unit = (lex.small.get(tail) or lex.big.get(tail) or 1) if tail else 1
        low, high = lex.digits[run[i]] * unit, lex.digits[run[i + 1]] * unit
        return base + low, base + high
    return None
