"""Dates in French prose and tables, with their precision: the project's calendar.

"30 décembre 2023", "30/12/2023", "décembre 2023", "déc. 2023", "T4 2023",
"2e semestre 2023", "fin 2023", "automne 2022", ranges whose first month borrows the
year of the second ("septembre – novembre 2022", "de novembre à février 2023"), and
durations ("sur 14 mois à compter de novembre 2022"). Each date is a period (first and
last day): a project "ending in December 2023" ends on its last day but is not after a
30 December 2023 limit (compared by the period's first day); one ending in January 2024
is. `project_schedule` is the one reading of start, end and duration that `inspect`, the
summaries and the emails share.
"""

from __future__ import annotations

import calendar
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
_RANGE = re.compile(
    rf"\b(?:(?:de|d|du|entre|depuis)\s+)?(?:(\d{{1,2}})\s*(?:er)?\s+)?({_MONTH_RE})(?:\s+{_YEAR})?"
    rf"\s+(?:a|au|jusqu\s+a|jusqu\s+en|et|)\s*(?:fin\s+|debut\s+)?(?:(\d{{1,2}})\s*(?:er)?\s+)?"
    rf"({_MONTH_RE})\s+{_YEAR}\b")
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
# months a season covers (from its first month): "automne 2022" is September to November
_SEASON_MONTHS = {"fin": 3, "courant": 12, "debut": 3, "mi": 3, "automne": 3, "hiver": 3, "ete": 3,
                  "printemps": 3, "rentree": 2}
_PRECISION_MONTHS = {"month": 1, "quarter": 3, "semester": 6, "year": 12}


@dataclass(frozen=True)
class FoundDate:
    start: date  # first day of the period the text names
    text: str
    precision: str  # day, month, quarter, semester, season, year
    last: date | None = None  # last day of the period (None: computed from the precision)

    @property
    def end(self) -> date:
        """The period's last day: "décembre 2023" ends on 31 December 2023."""
        if self.last is not None:
            return self.last
        if self.precision == "day":
            return self.start
        return _month_end(self.start, _PRECISION_MONTHS.get(self.precision, 1))

    def iso(self, *, last: bool = False) -> str:
        """"2023-06-15" for a day, "2023-06" for any coarser period (its first or, with
        `last`, its last month): a month is never turned into its 1st."""
        d = self.end if last else self.start
        if self.precision == "year":
            return f"{d.year:04d}"
        return d.isoformat() if self.precision == "day" else f"{d.year:04d}-{d.month:02d}"


def _month_end(first: date, months: int) -> date:
    m = first.month - 1 + months - 1
    y, m = first.year + m // 12, m % 12 + 1
    return date(y, m, calendar.monthrange(y, m)[1])


def find_dates(text: str) -> list[FoundDate]:
    """Dates named in `text` (folded: separators /.- become spaces)."""
    f = fold(text.replace("/", " ").replace(".", " ").replace("-", " "))
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(f):
        first, second = _range_dates(m, counted=bool(m.group(1)) and bool(_COUNTER.search(f[: m.start(1)])))
        if first is None or second is None or first.start > second.start:
            continue
        taken.append((m.start(), m.end()))
        out.extend((first, second))
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
            precision, last = d[1], None
            if precision.startswith("season:"):
                precision, last = "season", _month_end(d[0], _SEASON_MONTHS[d[1][7:]])
            out.append(FoundDate(d[0], _display(d[0], precision, m.group(0)), precision, last))
    return out


def _range_dates(m: re.Match, counted: bool = False) -> tuple[FoundDate | None, FoundDate | None]:
    """"septembre – novembre 2022", "de novembre 2022 à février 2023", "du 3 octobre au
    30 juin 2023": both ends, the first borrowing the second's year (the year before when
    its month comes later: "novembre – février 2023")."""
    d1, m1, y1, d2, m2, y2 = m.groups()
    if counted:
        d1 = None  # "Phase 1 septembre – novembre 2022": the 1 numbers the phase
    try:
        month1, month2, year2 = MONTHS[m1], MONTHS[m2], int(y2)
        year1 = int(y1) if y1 else (year2 if month1 <= month2 else year2 - 1)
        a = date(year1, month1, int(d1) if d1 else 1)
        b = date(year2, month2, int(d2) if d2 else 1)
    except (ValueError, KeyError):
        return None, None
    return (FoundDate(a, _display(a, "day" if d1 else "month", ""), "day" if d1 else "month"),
            FoundDate(b, _display(b, "day" if d2 else "month", ""), "day" if d2 else "month"))


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
            return date(int(m.group(2)), _SEASON_START[m.group(1)], 1), "season:" + m.group(1)
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


def french_period(value: str | None) -> str | None:
    """"2023-06" -> "juin 2023", "2023-06-15" -> "15 juin 2023" (a month stays a month)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}", str(value).strip()):
        return str(value).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value).strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        return str(value)
    month = f"{_MONTH_NAMES[int(m.group(2)) - 1]} {m.group(1)}"
    if m.group(3):
        day = int(m.group(3))
        return f"{'1er' if day == 1 else day} {month}"
    return month


def describe_schedule(project: dict | None) -> str | None:
    """The project's calendar in one French phrase, from a dossier's "project" key:
    "d'octobre 2022 à juin 2023 (9 mois)", "du 3 octobre 2022 au 30 juin 2023 (9 mois)",
    "jusqu'en juin 2023", "sur 14 mois". The one wording of the emails, the summaries
    and the pages."""
    if not isinstance(project, dict):
        return None
    start, end = project.get("start"), project.get("end")
    months = project.get("duration_months")
    length = f"{months} mois" if isinstance(months, int) and months > 0 else None
    a, b = french_period(start), french_period(end)
    if a and b:
        first = ("du " if len(str(start)) == 10 else ("d’" if a[0] in "aeiouyéèâ" else "de ")) + a
        phrase = f"{first} {'au' if len(str(end)) == 10 else 'à'} {b}"
    elif b:
        phrase = f"jusqu’{'au' if len(str(end)) == 10 else 'en'} {b}"
    elif a:
        phrase = f"à partir {'du' if len(str(start)) == 10 else ('d’' if a[0] in 'aeiouyéèâ' else 'de')} {a}"
    else:
        return f"sur {length}" if length else None
    return f"{phrase} ({length})" if length else phrase


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


def project_end(phasage_text: str, other_texts: list[str],
                gantt_ends: list[FoundDate] | None = None) -> FoundDate | None:
    """The latest date the phasage gives for the project (its sentences and the last
    marked column of its Gantt chart), ignoring sentences about what follows the project
    or a month kept free as a margin; statements like "fin du projet : ..." elsewhere
    count too."""
    candidates: list[FoundDate] = list(gantt_ends or [])
    for sent in _sentences(phasage_text):
        if _AFTER_PROJECT.search(fold(sent)):
            continue
        if _MARGIN.search(fold(sent)):  # keep the clauses that are not about the margin
            sent = "; ".join(c for c in re.split(r"[;,]|\s\(", sent) if not _MARGIN.search(fold(c)))
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
            elif stated_months(sent):
                candidates.extend(_duration_end(sent, find_dates(sent)))
    if not candidates:
        return None
    return max(candidates, key=lambda d: (d.start, _FINER.get(d.precision, 0)))


_FINER = {"day": 4, "month": 3, "quarter": 2, "semester": 2, "season": 1, "year": 0}


_NUMBER_WORDS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
                 "quinze": 15, "seize": 16, "dix sept": 17, "dix huit": 18, "dix neuf": 19, "vingt": 20,
                 "vingt et un": 21, "vingt deux": 22, "vingt trois": 23, "vingt quatre": 24}
_NUMBER_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(
    r"\b(?:dure|durera|duree|sur|pendant|durant|de|s etend sur|s etale sur|s etalera sur|en)\s+"
    r"(?:de\s+|totale\s+(?:de\s+)?|prevue\s+(?:de\s+)?|estimee\s+(?:a\s+)?)?(?:environ\s+)?"
    rf"(\d{{1,2}}|{_NUMBER_RE})\s+mois\b")


def stated_months(text: str) -> int | None:
    """A project length said in words: "sur 14 mois", "durée : dix-huit mois"."""
    m = _DURATION.search(fold(text))
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
    return n if 1 <= n <= 60 else None


def _duration_end(sentence: str, found: list[FoundDate]) -> list[FoundDate]:
    """"18 mois à compter de septembre 2022": the project's last month."""
    n = stated_months(sentence)
    if not n or not found:
        return []
    start = min(found, key=lambda d: d.start).start
    months = start.month - 1 + n - 1
    last = date(start.year + months // 12, months % 12 + 1, 1)
    begin = _display(start, "month", "")
    text = f"{_display(last, 'month', '')} ({n} mois à partir {'d’' if begin[0] in 'aeiouyéèâ' else 'de '}{begin})"
    return [FoundDate(last, text, "month")]


_START_WORDS = re.compile(
    r"demarr|debut du projet|debutera|commencer|commencera|lancement|a compter d|a partir d|"
    r"date de debut|coup d envoi|kick off")


@dataclass(frozen=True)
class Schedule:
    """The project's calendar as the proposal states it."""

    start: FoundDate | None
    end: FoundDate | None
    duration_months: int | None
    duration_stated: bool  # said in words ("sur 14 mois") rather than counted from the dates

    def to_contract(self) -> dict:
        return {"start": self.start.iso() if self.start else None,
                "end": self.end.iso(last=True) if self.end else None,
                "duration_months": self.duration_months,
                "start_text": self.start.text if self.start else None,
                "end_text": self.end.text if self.end else None}


_HEAD_CELL = re.compile(rf"^(?:({_MONTH_RE})\s*(\d{{2}}|20\d\d)?|(\d{{1,2}})\s+(20\d\d)|(?:t|q)\s*([1-4])\s+(\d{{2}}|20\d\d))$")


def gantt_span(rows: list[list[str]]) -> tuple[FoundDate, FoundDate] | None:
    """First and last marked period of a Gantt chart: a header row of months ("sept. 22",
    "oct-22", "10/2022", "T4 2022") over rows whose marked cells (X, ■, shading text) say
    when each task runs."""
    for i, row in enumerate(rows[:6]):
        periods: dict[int, FoundDate] = {}
        year: int | None = None
        last_month = 0
        for j, cell in enumerate(row):
            m = _HEAD_CELL.match(fold(cell.replace("/", " ").replace(".", " ").replace("-", " ")))
            if not m:
                continue
            if m.group(1):
                month = MONTHS[m.group(1)]
                y = m.group(2)
                if y:
                    year = int(y) + (2000 if len(y) == 2 else 0)
                elif year is not None and month < last_month:
                    year += 1
                if year is None:
                    continue
                last_month = month
                periods[j] = FoundDate(date(year, month, 1), _display(date(year, month, 1), "month", ""), "month")
            elif m.group(3):
                month, year = int(m.group(3)), int(m.group(4))
                if 1 <= month <= 12:
                    periods[j] = FoundDate(date(year, month, 1), _display(date(year, month, 1), "month", ""), "month")
            else:
                y = m.group(6)
                year = int(y) + (2000 if len(y) == 2 else 0)
                first = date(year, 3 * int(m.group(5)) - 2, 1)
                periods[j] = FoundDate(first, _display(first, "quarter", ""), "quarter")
        if len(periods) < 3:
            continue
        marked = [j for r in rows[i + 1:] for j, c in enumerate(r)
                  if j in periods and c.strip() and j != min(periods) - 1]
        if not marked:
            return None
        return periods[min(marked)], periods[max(marked)]
    return None


# a month the calendar keeps free ("décembre 2023 est laissé libre comme marge") is no end
_MARGIN = re.compile(r"\bmarge\b|laisse libre|laissee? libre|en reserve|tampon|battement")


# A length is the project's where the sentence says so ("le projet dure 14 mois", "Durée :
# 18 mois", "au total"), not a step's ("Étape 4 : expérimentation pendant trois mois").
_OF_PROJECT = re.compile(r"\bprojet|\baction|\bdemarche|\bprogramme|\bdispositif|^\W*duree\b|\bduree (?:totale|globale)"
                         r"|\bau total\b|\ben tout\b|\bnotre intervention")


def project_schedule(phasage_text: str, other_texts: list[str],
                     tables: list[list[list[str]]] | None = None) -> Schedule | None:
    """Start, end and duration from the phasage (and statements elsewhere such as "le
    projet démarrera en octobre 2022" or "sur 14 mois"), sentences about what follows the
    project left out. The duration is the stated one, else the months from the start's
    month to the end's last month, both counted."""
    starts: list[FoundDate] = []
    said: list[FoundDate] = []  # starts stated outside the phasage
    stated: int | None = None
    for sent in _sentences(phasage_text):
        if _AFTER_PROJECT.search(fold(sent)):
            continue
        starts.extend(find_dates(sent))
        stated = stated or (stated_months(sent) if _OF_PROJECT.search(fold(sent)) else None)
    spans = [span for rows in tables or [] if (span := gantt_span(rows))]
    starts.extend(span[0] for span in spans)
    for text in other_texts:
        for sent in _sentences(text):
            f = fold(sent)
            if _AFTER_PROJECT.search(f):
                continue
            n = stated_months(sent) if _OF_PROJECT.search(f) else None
            if n or (_START_WORDS.search(f) and re.search(r"\bprojet|\baction|\bdemarche", f)):
                stated = stated or n
                said.extend(d for d in find_dates(sent) if d.precision != "year")
    starts = starts or said
    # "2022" alone does not start a project that also says "septembre 2022"
    starts = [d for d in starts if d.precision != "year"
              or not any(o.precision != "year" and o.start.year == d.start.year for o in starts)]
    end = project_end(phasage_text, other_texts, [span[1] for span in spans])
    start = min(starts, key=lambda d: (d.start, -_FINER.get(d.precision, 0))) if starts else None
    if start is not None and end is not None and start.start > end.start:
        start = None
    if start is None and end is None and stated is None:
        return None
    duration = stated
    if duration is None and start is not None and end is not None:
        last = end.end
        months = (last.year - start.start.year) * 12 + last.month - start.start.month + 1
        duration = months if 0 < months <= 60 else None
    return Schedule(start, end, duration, stated is not None)


def _sentences(text: str) -> list[str]:
    # a sentence ends before a capital: "janv. 2024" and "sept. 2023" stay whole
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-ZÀ-ÝŒ«\"(])|\n|\s\|\s(?=[A-ZÀ-Ý])", text) if s.strip()]
