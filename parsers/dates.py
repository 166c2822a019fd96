"""Dates in French prose and tables, with their precision, for the project's end date.

"30 décembre 2023", "30/12/2023", "décembre 2023", "déc. 2023", "T4 2023",
"2e semestre 2023", "fin 2023". A period is compared by its first day: a project
"ending in December 2023" is not after a 30 December 2023 limit; one ending in
January 2024 is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .vocab import fold

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(20\d\d)"
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"\b(\d{{1,2}})\s*(?:er)?\s+({_MONTH_RE})\s+{_YEAR}\b"), "dmy"),
    (re.compile(r"\b(\d{1,2})\s+(\d{1,2})\s+(20\d\d)\b"), "dmy_num"),
    (re.compile(rf"\b({_MONTH_RE})\s+{_YEAR}\b"), "my"),
    (re.compile(r"\b(\d{1,2})\s+(20\d\d)\b"), "my_num"),
    (re.compile(rf"\b(?:t|q)\s*([1-4])\s+{_YEAR}\b"), "quarter"),
    (re.compile(rf"\b([1-4])(?:er|e|eme|nd)?\s+trimestre\s+{_YEAR}\b"), "quarter"),
    (re.compile(rf"\b(?:s\s*([12])|([12])(?:er|e|eme|nd)?\s+semestre)\s+{_YEAR}\b"), "semester"),
    (re.compile(rf"\b(fin|courant|debut|mi|automne|hiver|ete|printemps|rentree)\s+(?:de\s+l\s+annee\s+|d\s+annee\s+)?{_YEAR}\b"), "season"),
    (re.compile(rf"\b(?:en|annee|au cours de|durant)\s+{_YEAR}\b"), "year"),
    (re.compile(rf"\b{_YEAR}\b"), "year"),
]
_COUNTER = re.compile(
    r"\b(?:phase|etape|lot|axe|action|atelier|jalon|volet|temps|module|sprint|session|seance|"
    r"livrable|tache|mois|semaine|sequence|vague|cohorte|partie|t|s|n|no)\s*$"
)
_SEASON_START = {"fin": 10, "courant": 1, "debut": 1, "mi": 5, "automne": 9, "hiver": 1, "ete": 6,
                 "printemps": 3, "rentree": 9}


@dataclass(frozen=True)
class FoundDate:
    start: date  # first day of the period the text names
    text: str
    precision: str  # day, month, quarter, semester, year


def find_dates(text: str) -> list[FoundDate]:
    """Dates named in `text` (folded: separators /.- become spaces)."""
    f = fold(text.replace("/", " ").replace(".", " ").replace("-", " "))
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pat, kind in _PATTERNS:
        for m in pat.finditer(f):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
                continue
            if kind in ("dmy", "dmy_num", "my_num") and _COUNTER.search(f[: m.start()]):
                continue  # "Phase 1 septembre 2022": the 1 numbers the phase
            d = _to_date(kind, m)
            if d is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(FoundDate(d[0], _display(d[0], d[1], m.group(0)), d[1]))
    return out


def _to_date(kind: str, m: re.Match) -> tuple[date, str] | None:
    try:
        if kind == "dmy":
            return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))), "day"
        if kind == "dmy_num":
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day"
        if kind == "my":
            return date(int(m.group(2)), MONTHS[m.group(1)], 1), "month"
        if kind == "my_num":
            month = int(m.group(1))
            return (date(int(m.group(2)), month, 1), "month") if 1 <= month <= 12 else None
        if kind == "quarter":
            return date(int(m.group(2)), 3 * int(m.group(1)) - 2, 1), "quarter"
        if kind == "semester":
            sem = int(m.group(1) or m.group(2))
            return date(int(m.group(3)), 1 if sem == 1 else 7, 1), "semester"
        if kind == "season":
            return date(int(m.group(2)), _SEASON_START[m.group(1)], 1), "season"
        if kind == "year":
            return date(int(m.group(1)), 1, 1), "year"
    except (ValueError, KeyError):
        return None
    return None


_MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                "octobre", "novembre", "décembre"]


def _display(d: date, precision: str, matched: str) -> str:
    """The date as a French reader writes it, for messages ("janvier 2024", "T1 2024")."""
    if precision == "day":
        return f"{'1er' if d.day == 1 else d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
    if precision == "month":
        return f"{_MONTH_NAMES[d.month - 1]} {d.year}"
    if precision == "quarter":
        return f"T{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "semester":
        return f"{'1er' if d.month == 1 else '2e'} semestre {d.year}"
    return matched


_AFTER_PROJECT = re.compile(
    r"apres (?:la fin du |le )?projet|a l issue du projet|au dela du projet|a terme|essaim|perennis|"
    r"suite du projet|suites du projet|prolongement|dans un second temps|ulterieurement|perspective|"
    r"deploiement a plus grande|generalis|au dela de|par la suite|a plus long terme|a moyen terme"
)
_END_WORDS = re.compile(
    r"fin du projet|fin de projet|achevement|s achevera|se terminera|se termine|se cloturera|"
    r"cloture du projet|date de fin|jusqu en|jusqu au|jusqu a|prendra fin|terme du projet|s acheve|"
    r"echeance du projet|fin des travaux|remise du rapport final|livrable final"
)


def project_end(phasage_text: str, other_texts: list[str]) -> FoundDate | None:
    """The latest date the phasage gives for the project, ignoring sentences about what
    follows the project; statements like "fin du projet : ..." elsewhere count too."""
    candidates: list[FoundDate] = []
    for sent in _sentences(phasage_text):
        if _AFTER_PROJECT.search(fold(sent)):
            continue
        found = find_dates(sent)
        candidates.extend(found)
        candidates.extend(_duration_end(sent, found))
    for text in other_texts:
        for sent in _sentences(text):
            f = fold(sent)
            if _AFTER_PROJECT.search(f):
                continue
            if _END_WORDS.search(f):
                candidates.extend(find_dates(sent))
            elif _DURATION.search(f):
                candidates.extend(_duration_end(sent, find_dates(sent)))
    if not candidates:
        return None
    finer = {"day": 4, "month": 3, "quarter": 2, "semester": 2, "season": 1, "year": 0}
    return max(candidates, key=lambda d: (d.start, finer.get(d.precision, 0)))


_DURATION = re.compile(r"\b(?:duree|sur|pendant|durant|de)\s+(?:de\s+)?(\d{1,2})\s+mois\b")


def _duration_end(sentence: str, found: list[FoundDate]) -> list[FoundDate]:
    """"18 mois à compter de septembre 2022": the month the project's last month starts."""
    m = _DURATION.search(fold(sentence))
    if not m or not found:
        return []
    start = min(found, key=lambda d: d.start).start
    months = start.month - 1 + int(m.group(1)) - 1
    last = date(start.year + months // 12, months % 12 + 1, 1)
    return [FoundDate(last, f"{m.group(1)} mois à partir de {start:%m/%Y}", "month")]


def _sentences(text: str) -> list[str]:
    # a sentence ends before a capital: "janv. 2024" and "sept. 2023" stay whole
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-ZÀ-ÝŒ«\"(])|\n|\s\|\s(?=[A-ZÀ-Ý])", text) if s.strip()]
