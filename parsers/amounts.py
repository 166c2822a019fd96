"""French money amounts, from a table cell or from prose, as Decimal.

Applicants write "12 500 €", "12 500,00", "12.500,00 €", "12 k€", "12,5 K€", with
no-break (U+00A0) or narrow no-break (U+202F) spaces, and say HT or TTC. Money never
passes through float here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SPACES = "\u00a0\u202f\u2009\u2007\u2008\u200a "
_SP = f"[{_SPACES}]"
# A number: digits with optional thousands groups (space, dot, apostrophe, comma) and an
# optional decimal part. Validated further in _to_decimal.
_NUMBER = rf"(?<![\d,.])[-−]?\d{{1,3}}(?:(?:{_SP}|\.|'|’|,)\d{{3}})+(?:[,.]\d{{1,2}})?(?![\d])|(?<![\d,.])[-−]?\d+(?:[,.]\d+)?(?![\d])"
_UNIT = r"(?:k|K|M|m)?\s?(?:€|euros?\b|eur\b|EUR\b|Euros?\b)|(?:k€|K€|keur|kEUR|KEUR|M€)"
_TAX = r"(?:\s*(?:\(?\s*(?P<tax>HT|H\.T\.|TTC|T\.T\.C\.|hors\s+taxes?|toutes\s+taxes\s+comprises|net\s+de\s+taxes?|nets?)\s*\)?))?"

_PROSE_AMOUNT = re.compile(
    rf"(?:€\s?(?P<pre>{_NUMBER})|(?P<num>{_NUMBER}){_SP}*(?P<unit>{_UNIT})){_TAX}",
    re.IGNORECASE,
)
_CELL = re.compile(
    rf"^\s*(?:€\s*)?(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?{_TAX}\s*\.?\s*$", re.IGNORECASE
)
_PER_UNIT = re.compile(
    r"^\s*(?:HT\s*|TTC\s*)?(?:/|par\s+|l[' ]|le\s+|la\s+)\s*(?:j\b|jour|journ|heure|h\b|mois|an\b|ann|unit|pers|participant|atelier|nuit|demi|km|kilom|session|séance|seance)",
    re.IGNORECASE,
)


# "39 j × 480 €", "12 jours à 600 €": the amount after the multiplication is a rate
_TIMES = re.compile(r"(?:\d|\bj|jours?|h|heures?|mois|ateliers?|sessions?|pers\w*|unit\w*)\.?\s*(?:×|x|X|\*|à)\s*$")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    start: int
    end: int
    raw: str
    tax: str | None  # "HT", "TTC" or None
    per_unit: bool = False  # "600 € / jour": a rate, not a line total


def _to_decimal(num: str) -> Decimal | None:
    s = num.replace("−", "-")
    for sp in _SPACES:
        s = s.replace(sp, "")
    s = s.replace("'", "").replace("’", "")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if len(parts) > 2 or (len(parts[-1]) == 3 and len(parts) == 2 and parts[0].lstrip("-") != "0"):
            s = s.replace(",", "")  # 1,234,567 or 12,500: thousands
        else:
            s = s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2 or len(parts[-1]) == 3:
            s = s.replace(".", "")  # 12.500: thousands
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _scale(value: Decimal, unit: str | None) -> Decimal:
    if not unit:
        return value
    u = unit.strip().lower()
    if u.startswith("k"):
        return value * 1000
    if u.startswith("m"):
        return value * 1_000_000
    return value


def _tax(raw: str | None) -> str | None:
    if not raw:
        return None
    r = raw.lower().replace(".", "")
    if r.startswith("ttc") or r.startswith("toutes"):
        return "TTC"
    return "HT"


def parse_amount(text: str) -> Decimal | None:
    """The amount a table cell holds, or None when the cell is not just an amount.

    "12 500 €" -> 12500; "12,5 k€" -> 12500; "12.500,00" -> 12500.00; "20 %" -> None.
    """
    if not text:
        return None
    m = _CELL.match(text.strip())
    if not m:
        return None
    value = _to_decimal(m.group("num"))
    if value is None:
        return None
    return _scale(value, m.group("unit"))


def cell_tax(text: str) -> str | None:
    """"HT"/"TTC" when a cell or header says so."""
    m = re.search(r"\b(HT|H\.T\.?|TTC|T\.T\.C\.?|hors\s+taxes?|toutes\s+taxes)\b", text, re.IGNORECASE)
    return _tax(m.group(1)) if m else None


def find_amounts(text: str) -> list[Amount]:
    """Amounts with a currency marker in prose, in order of appearance."""
    out: list[Amount] = []
    for m in _PROSE_AMOUNT.finditer(text):
        num = m.group("pre") or m.group("num")
        value = _to_decimal(num)
        if value is None:
            continue
        value = _scale(value, m.group("unit"))
        per_unit = bool(_PER_UNIT.match(text[m.end() : m.end() + 16])
                        or _TIMES.search(text[max(0, m.start() - 24) : m.start()]))
        out.append(Amount(value, m.start(), m.end(), m.group(0), _tax(m.group("tax")), per_unit))
    return out


def to_float(value: Decimal | None) -> float | None:
    """Contract export: euros as floats, rounded to the cent."""
    if value is None:
        return None
    return float(value.quantize(Decimal("0.01")))
