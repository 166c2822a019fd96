"""Specification model of the holdout2 cases: documents as blocks, budgets, partners, emails.

Everything an expected label says is computed from these objects (see ``label()`` in
generate.py): the renderers and the labeller read the same specification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

SECTION_IDS = (
    "contexte",
    "objectifs",
    "problematique",
    "cibles",
    "methodologie",
    "phasage",
    "pilotage",
    "resultats",
    "perennisation",
    "partenaires",
)
CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")
CAP = 80_000.0
MIN_SHARE = 0.20
CAT_TITLES = {
    "personnel": "Dépenses de personnel",
    "deplacements_logistique": "Frais de déplacement et logistique",
    "prestations": "Achats de prestations",
    "autre": "Autres dépenses",
}

NBSP = "\u00a0"
NNBSP = "\u202f"


# --------------------------------------------------------------------------- blocks
# A document is a list of blocks (tuples); renderers turn them into DOCX, PDF, ODT...


def TITLE(text: str, sub: str = "") -> tuple:
    return ("title", text, sub)


def H1(text: str, *secs: str, placeholder: bool = False) -> tuple:
    """A heading; ``secs`` are the section ids the part under it covers."""
    for s in secs:
        assert s in SECTION_IDS, s
    return ("h1", text, frozenset(secs), placeholder)


def H2(text: str, *secs: str, placeholder: bool = False) -> tuple:
    for s in secs:
        assert s in SECTION_IDS, s
    return ("h2", text, frozenset(secs), placeholder)


def squash(text: str) -> str:
    """Join a triple-quoted paragraph into one line (keeps no-break spaces)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def P(text: str) -> tuple:
    return ("p", squash(text))


def B(*items: str) -> tuple:
    return ("bullets", [squash(i) for i in items])


def NUM(*items: str) -> tuple:
    return ("numbered", [squash(i) for i in items])


def T(rows: list[list[str]], widths: list[float] | None = None, small: bool = False) -> tuple:
    return ("table", rows, widths, small)


def NOTE(text: str) -> tuple:
    return ("note", squash(text))


def SIG(*lines: str) -> tuple:
    return ("sig", list(lines))


def BR() -> tuple:
    return ("pagebreak",)


def COLS(*blocks: tuple) -> tuple:
    """Blocks laid out on two columns (PDF renderers only; others write them in sequence)."""
    return ("cols", list(blocks))


def BUDGET(layout: str = "grouped") -> tuple:
    """Where the case's budget is printed inside the document."""
    return ("budget", layout)


# --------------------------------------------------------------------------- amounts


def fmt_amount(x: float, style: str = "fr0", sep: str = NBSP) -> str:
    """French-style amount strings as applicants write them."""
    neg = x < 0
    x = abs(x)
    if style == "keur":
        s = f"{x / 1000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        out = f"{s} k€"
    elif style == "dot":
        out = f"{x:,.0f}".replace(",", ".") + " €"
    elif style == "fr2":
        out = f"{x:,.2f}".replace(",", "#").replace(".", ",").replace("#", sep) + f"{NBSP}€"
    elif style == "eur_ht":
        out = f"{x:,.0f}".replace(",", sep) + " euros HT"
    elif style == "eur":
        out = f"{x:,.0f}".replace(",", sep) + " euros"
    elif style == "plain":
        out = f"{x:,.0f}".replace(",", sep)
    else:  # fr0
        out = f"{x:,.0f}".replace(",", sep) + f"{NBSP}€"
    return ("-" if neg else "") + out


# --------------------------------------------------------------------------- budget


@dataclass
class Line:
    """An expense line, amount excluding tax."""

    label: str
    amount: float
    cat: str
    detail: str = ""
    ineligible: bool = False
    vat: bool = False  # TTC = HT * 1.2 where a TTC column is printed

    @property
    def label_cat(self) -> str:
        """The category the contract files the line under."""
        return "autre" if self.ineligible else self.cat


@dataclass
class Resource:
    label: str
    amount: float
    anact: bool = False
    nature: str = ""
    status: str = ""


@dataclass
class Budget:
    lines: list[Line]
    resources: list[Resource]
    declared_total: float | None = None  # None: the applicant prints no total
    print_total: bool = True  # print sum(lines) as the total when declared_total is None
    anact_sentence: float | None = None  # Anact request given in a sentence only
    style: str = "fr0"
    sep: str = NBSP

    @property
    def sum_lines(self) -> float:
        return round(sum(x.amount for x in self.lines), 2)

    @property
    def shown_total(self) -> float | None:
        """The total printed in the document (None when none is printed)."""
        if self.declared_total is not None:
            return self.declared_total
        return self.sum_lines if self.print_total else None

    @property
    def total_cost(self) -> float:
        return self.shown_total if self.shown_total is not None else self.sum_lines

    @property
    def anact(self) -> float | None:
        for r in self.resources:
            if r.anact:
                return r.amount
        return self.anact_sentence

    @property
    def cofin_lines(self) -> list[Resource]:
        return [r for r in self.resources if not r.anact]

    @property
    def cofin(self) -> float:
        return round(sum(r.amount for r in self.cofin_lines), 2)

    def amt(self, x: float) -> str:
        return fmt_amount(x, self.style, self.sep)

    def by_cat(self, cat: str) -> list[Line]:
        return [x for x in self.lines if x.cat == cat]

    def cat_total(self, cat: str) -> float:
        return round(sum(x.amount for x in self.lines if x.cat == cat), 2)


# --------------------------------------------------------------------------- phasage


MONTHS_SHORT = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]
MONTHS_LONG = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def month_seq(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    y, m = start
    while (y, m) <= end:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def gantt(
    phases: list[tuple[str, tuple[int, int], tuple[int, int]]],
    start: tuple[int, int],
    end: tuple[int, int],
    mark: str = "X",
) -> tuple:
    """A Gantt-like table: months as columns, ``mark`` where a phase runs.

    ``end`` may go past the last phase (empty trailing columns): the project ends with the
    last column holding a mark, which ``gantt_end`` returns."""
    months = month_seq(start, end)
    head = ["Phase"] + [f"{MONTHS_SHORT[m - 1]} {str(y)[2:]}" for y, m in months]
    rows = [head]
    for name, a, b in phases:
        rows.append([name] + [mark if a <= ym <= b else "" for ym in months])
    return ("table", rows, None, True)


def gantt_end(phases: list[tuple[str, tuple[int, int], tuple[int, int]]]) -> tuple[int, int]:
    return max(b for _, _, b in phases)


# --------------------------------------------------------------------------- documents and cases


@dataclass
class Doc:
    """One file attached to the message.

    fmt: docx | pdf | pdf_lo (DOCX exported by LibreOffice) | odt | doc | xlsx |
    docx_encrypted | pdf_scanned | pdf_truncated | png
    """

    filename: str
    fmt: str
    blocks: list[tuple] = field(default_factory=list)
    budget: Budget | None = None  # the budget this file carries (xlsx, or a BUDGET block)
    opts: dict = field(default_factory=dict)
    media_type: str = ""  # override the MIME type (e.g. application/octet-stream)

    @property
    def status(self) -> str:
        return {
            "docx_encrypted": "encrypted",
            "pdf_scanned": "scanned",
            "pdf_truncated": "unreadable",
        }.get(self.fmt, "parsed")


@dataclass
class Case:
    id: str
    title: str  # one line for the README
    sender: str  # "Name <addr>"
    subject: str
    date: str  # RFC 2822 Date header
    body: str
    docs: list[Doc] = field(default_factory=list)
    kind: str = "proposal"  # proposal | question | autoreply
    partners: list[tuple[str, str]] = field(default_factory=list)
    end: date | tuple[int, int] | None = None  # project end as the phasage states it
    container: str = ""  # "" | "zip" | "forward"
    zip_name: str = ""
    zip_folder: str = ""
    inline_logo: tuple = ()  # (text, rgb): a logo sent inline with a Content-ID
    html_body: bool = False
    forward_from: str = ""
    forward_date: str = ""
    forward_subject: str = ""
    inner_body: str = ""  # body of the forwarded message
    defects: str = ""  # what is wrong, for the README
    judgement: str = ""  # judgement calls for this case, for the README


def partners_table(partners: list[tuple[str, str]], head=("Partenaire", "Contribution attendue")):
    return T([list(head)] + [[n, c] for n, c in partners], [5, 11])


def partners_bullets(partners: list[tuple[str, str]], sep: str = " : "):
    return B(*[f"{n}{sep}{c}" for n, c in partners])


def partners_paragraphs(partners: list[tuple[str, str]]) -> list[tuple]:
    """One short paragraph per partner, its name in front (as many applicants write)."""
    return [P(f"{n}. {c[0].upper()}{c[1:]}.") for n, c in partners]
