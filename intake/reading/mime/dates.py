"""The Date header, including the loose forms mail clients write."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from mailparser.dates import parse_mail_date

from intake.reading.mime.model import PARIS

_LOOSE_DATE = re.compile(
    r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\s*(?:at|à|,)?\s*"
    r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(?:(?:gmt|utc|ut)\s*)?([+-]\d{1,2}(?::?\d{2})?)?",
    re.I,
)


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


_MONTHS.update({"fév": 2, "fev": 2, "avr": 4, "mai": 5, "jui": 7, "aoû": 8, "aou": 8,
                "déc": 12, "dec": 12, "janv": 1, "juin": 6})


def parse_date(text: str) -> datetime | None:
    """RFC 5322 first, then mail-parser's obsolete-syntax reader, then a loose pattern
    for the forms clients really send ("16 May 2016 at 09:30:32 GMT+1")."""
    if not text:
        return None
    dt: datetime | None = None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    if dt is None:
        try:
            dt = parse_mail_date(text).value
        except Exception:
            dt = None
    if dt is None:
        dt = _loose_date(text)
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=PARIS)
    if not 1970 <= dt.year <= 2200:
        return None
    return dt


def _loose_date(text: str) -> datetime | None:
    m = _LOOSE_DATE.search(text)
    if not m:
        return None
    word = m.group(2).lower()
    month = _MONTHS.get(word[:4]) or _MONTHS.get(word[:3])
    if not month:
        return None
    try:
        tz: timezone | ZoneInfo = PARIS
        if m.group(7):
            sign = -1 if m.group(7)[0] == "-" else 1
            digits = m.group(7)[1:].replace(":", "")
            hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (
                int(digits), 0)
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
        elif re.search(r"\b(gmt|utc|ut)\b", text, re.I):
            tz = UTC
        return datetime(int(m.group(3)), month, int(m.group(1)), int(m.group(4)),
                        int(m.group(5)), int(m.group(6) or 0), tzinfo=tz)
    except (ValueError, OverflowError):
        return None
