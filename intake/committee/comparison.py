"""The committee's comparison table: one row per released dossier, side by side.

Evidence, not a verdict: a row carries the figures the committee sees (the budget as the
secretariat corrected it), who the partners are by kind, the territories named, and for
each selection criterion how many passages bear on it and the facts found. Nothing is
scored or ranked: the table counts, it does not rate.

`comparison_rows` is pure (committee views in, rows out); `comparison_xlsx` writes them
as a workbook with typed cells, plus the criteria's wording and, given an envelope, the
funding simulation (the proposals ticked, their Anact requests against the envelope).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intake.committee.summary_model import UNCLEAR
from intake.vocabulary import euros

# Short column headers for the call's criteria (config ids); an id not listed here gets
# the first words of its wording. The full wording is on the "Critères" sheet.
CRITERION_HEADERS = {
    "pertinence": "Pertinence",
    "innovation": "Innovation",
    "participation": "Participation",
    "partenaires": "Partenaires mobilisés",
    "collectif": "Dimension collective",
    "ancrage": "Ancrage",
    "demande_sociale": "Demande sociale",
    "communs": "Communs",
}
SOCIAL_FACT = "Partenaires sociaux nommés : "  # intake.committee.summary's fact on the partners criterion

# Number formats in the file's own (en-US) syntax: a spreadsheet opened in French shows
# them as "12 500 €" and "20,5 %" (the separators follow the locale; the space before the
# sign is a no-break space, as French typography wants).
EUROS_FORMAT = '#,##0"\u00a0€"'
PERCENT_FORMAT = '0.0"\u00a0"%'
COUNT_FORMAT = "0"

TEXT, EUROS, PERCENT, COUNT = "text", "euros", "percent", "count"


@dataclass(frozen=True)
class Column:
    """A column of the table: row key, French header, cell kind, width in the workbook."""

    key: str
    header: str
    kind: str
    width: float = 14


def criterion_header(cid: str, label: str) -> str:
    if cid in CRITERION_HEADERS:
        return CRITERION_HEADERS[cid]
    words = label.split()
    return " ".join(words[:3]) + ("…" if len(words) > 3 else "")


def all_criteria(settings) -> list:
    """The seven criteria then the commitment, in the call's order."""
    return [*settings.criteria, settings.commitment]


def partner_kind_labels(settings) -> list[str]:
    """The partner kinds' labels in config order, then the one for partners not classed."""
    out = [k.label for k in settings.partner_kinds]
    return out + ([UNCLEAR] if UNCLEAR not in out else [])


def columns(settings) -> list[Column]:
    """Every column of the workbook's 'Comparaison' sheet, in order."""
    cols = [
        Column("reference", "Référence", TEXT, 15),
        Column("title", "Projet", TEXT, 40),
        Column("applicant", "Porteur", TEXT, 28),
        Column("sender", "Expéditeur", TEXT, 28),
        Column("applicant_kind", "Nature du porteur", TEXT, 18),
        # the reading's state (complet, incomplet…); the committee's own decision is "Décisions"
        Column("decision", "État du dossier", TEXT, 14),
        Column("total_cost", "Coût total", EUROS, 13),
        Column("anact_request", "Demande à l'Anact", EUROS, 13),
        Column("cofinancing", "Co-financement", EUROS, 13),
        Column("cofinancing_share", "Part du co-financement", PERCENT, 12),
        Column("partners", "Partenaires", COUNT, 11),
    ]
    cols += [Column(f"kind:{label}", f"Partenaires : {label}", COUNT, 13) for label in partner_kind_labels(settings)]
    cols += [
        Column("social_partners", "Partenaires sociaux nommés", TEXT, 28),
        Column("territories", "Territoires nommés", TEXT, 30),
        Column("regions", "Régions", TEXT, 22),
    ]
    for c in all_criteria(settings):
        head = criterion_header(c.id, c.label)
        cols.append(Column(f"quote:{c.id}", f"{head} : passage le plus parlant (et sa place)", TEXT, 60))
        cols.append(Column(f"facts:{c.id}", f"{head} : faits relevés", TEXT, 36))
    cols += [
        Column("blocking", "Alertes bloquantes", COUNT, 11),
        Column("warning", "Avertissements", COUNT, 11),
        Column("flag_messages", "Alertes (messages)", TEXT, 50),
    ]
    return cols


# ------------------------------------------------------------------ rows

def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _social_partners(summary: Mapping, partners: list[Mapping]) -> list[str]:
    """Social partners named: the summary's fact on the partners criterion (acronyms
    found in the text and partners of that kind), else the partners of that kind."""
    for c in summary.get("criteria") or []:
        for fact in c.get("facts") or []:
            if fact.startswith(SOCIAL_FACT):
                return [n.strip() for n in fact[len(SOCIAL_FACT):].rstrip(".").split(", ") if n.strip()]
    return [p.get("name") or "" for p in partners if p.get("kind") == "partenaire_social"]


def _territory(t: Mapping) -> str:
    name, region = t.get("name") or "", t.get("region") or ""
    return name if not region or region == name else f"{name} ({region})"


def best_passage(passages: list) -> dict | None:
    """The passage that bears most on a criterion: the one the most distinct cue words
    point to (the first in the document among equals), with its place."""
    quotes = [p for p in passages if isinstance(p, dict) and p.get("text")]
    if not quotes:
        return None
    best = max(enumerate(quotes), key=lambda iq: (len(set(iq[1].get("cues") or [])), -iq[0]))[1]
    place = " — ".join(x for x in (f"« {best['heading']} »" if best.get("heading") else "",
                                   best.get("file") or "") if x)
    return {"text": str(best["text"]), "place": place}


def best_text(best: dict) -> str:
    """« quote » (place), as a workbook cell holds it."""
    return f"« {best['text']} »" + (f" ({best['place']})" if best.get("place") else "")


def comparison_rows(views: list[dict], settings) -> list[dict]:
    """One row per committee view (intake.committee.summaries.committee_view), in the same order.

    Keys: those of `columns(settings)` ("kind:<label>", "passages:<id>", "facts:<id>"
    included), plus lists kept for the web page (partner_kinds, territory_names,
    region_names, social_partner_names, flag_message_list, criteria) and has_summary.
    Counts taken from the summary are None when the dossier has none (unknown, not 0)."""
    kinds = partner_kind_labels(settings)
    crits = all_criteria(settings)
    out = []
    for v in views:
        summary = v.get("summary") or None
        s = summary or {}
        identity = v.get("identity") or {}
        budget = v.get("budget") or {}
        cof = budget.get("cofinancing") or {}
        partners = s.get("partners") or []
        by_kind: dict[str, int] = {}
        for p in partners:
            label = p.get("kind_label") or ""
            by_kind[label] = by_kind.get(label, 0) + 1
        territories = identity.get("territories") or []
        regions: list[str] = []
        for t in territories:
            if t.get("region") and t["region"] not in regions:
                regions.append(t["region"])
        found = {c.get("id"): c for c in [*(s.get("criteria") or []), s.get("commitment") or {}]}
        standing = v.get("standing") or []
        blocking = [f for f in standing if f.get("severity") == "blocking"]
        warning = [f for f in standing if f.get("severity") == "warning"]
        messages = [f.get("message") or "" for f in blocking + warning]
        social = _social_partners(s, partners) if summary else []
        row: dict[str, Any] = {
            "reference": v.get("reference") or "",
            "title": v.get("title") or "",
            "applicant": identity.get("applicant") or "",
            "sender": v.get("sender") or "",
            "applicant_kind": identity.get("applicant_kind_label") or "",
            "decision": v.get("decision_label") or "",
            "decision_code": v.get("decision") or "",
            "total_cost": _number(budget.get("total_cost")),
            "anact_request": _number(budget.get("anact_request")),
            "cofinancing": _number(cof.get("amount")),
            "cofinancing_share": _number(cof.get("share")),
            "corrected": list(v.get("corrected") or []),
            "partners": len(partners) if summary else len(v.get("partners") or []),
            "partner_kinds": by_kind,
            "social_partners": ", ".join(social),
            "social_partner_names": social,
            "territories": ", ".join(_territory(t) for t in territories),
            "territory_names": [_territory(t) for t in territories],
            "regions": ", ".join(regions),
            "region_names": regions,
            "blocking": len(blocking),
            "warning": len(warning),
            "flag_messages": " ; ".join(messages),
            "flag_message_list": messages,
            "has_summary": summary is not None,
            "criteria": [],
        }
        for label in kinds:
            row[f"kind:{label}"] = by_kind.get(label, 0) if summary else None
        for c in crits:
            got = found.get(c.id)
            passages = len(got.get("passages") or []) if got is not None else None
            facts = list(got.get("facts") or []) if got is not None else []
            best = best_passage((got or {}).get("passages") or [])
            row[f"passages:{c.id}"] = passages
            row[f"quote:{c.id}"] = best_text(best) if best else ("" if got is not None else None)
            row[f"facts:{c.id}"] = " ".join(facts)
            row["criteria"].append({"id": c.id, "header": criterion_header(c.id, c.label), "label": c.label,
                                    "passages": passages, "facts": facts, "best": best})
        out.append(row)
    return out


# ------------------------------------------------------------------ sorting

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def sort_rows(rows: list[dict], key: str, descending: bool = False) -> list[dict]:
    """The rows by one column (texts without case or accents), empty values last in
    both orders; ties keep the reference order."""
    def value(r: dict):
        v = r.get(key)
        if isinstance(v, str):
            return _fold(v) or None
        return v

    present = [r for r in rows if value(r) is not None]
    absent = [r for r in rows if value(r) is None]
    present.sort(key=lambda r: r.get("reference") or "")
    present.sort(key=value, reverse=descending)
    return present + absent


# ------------------------------------------------------------------ simulation

@dataclass(frozen=True)
class Simulation:
    """The proposals ticked, their Anact requests added up, against the envelope."""

    picked: list[dict]          # rows, in the table's order
    total: float                # sum of the Anact requests found
    unknown: list[str]          # references ticked whose request was not found
    envelope: float | None

    @property
    def remainder(self) -> float | None:
        return None if self.envelope is None else self.envelope - self.total


def simulate(rows: list[dict], picked: Iterable[str] | None, envelope: float | None) -> Simulation:
    chosen = set(picked or ())
    rows_in = [r for r in rows if r["reference"] in chosen]
    total = sum(r["anact_request"] or 0.0 for r in rows_in)
    unknown = [r["reference"] for r in rows_in if r["anact_request"] is None]
    return Simulation(rows_in, round(total, 2), unknown, envelope)


def remainder_text(sim: Simulation) -> str:
    """What is left of the envelope, or by how much it is overrun, in plain French."""
    r = sim.remainder
    if r is None:
        return "Enveloppe non renseignée"
    if abs(r) < 0.005:
        return "L'enveloppe est exactement engagée"
    if r > 0:
        return f"Reste disponible : {euros(r)}"
    return f"Dépassement de {euros(-r)}"


# ------------------------------------------------------------------ XLSX

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) if value is not None else ""


def put(ws, row: int, col: int, kind: str, value, wrap: Alignment | None = None):
    """One typed cell. Text is always a string cell; text a spreadsheet would read as a
    formula (=, +, -, @ first) is also marked quote-prefixed, as a typed apostrophe does."""
    c = ws.cell(row=row, column=col)
    if kind == TEXT:
        text = _text(value)
        c.value = text
        c.data_type = "s"  # never a formula, whatever it starts with
        if text.startswith(_FORMULA_START):
            c.quotePrefix = True
        if wrap is not None:
            c.alignment = wrap
        return c
    c.value = value
    if value is not None:
        c.number_format = {EUROS: EUROS_FORMAT, PERCENT: PERCENT_FORMAT, COUNT: COUNT_FORMAT}[kind]
    return c


def _header(ws, titles: list[str], widths: list[float]) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (t, w) in enumerate(zip(titles, widths, strict=True), 1):
        c = put(ws, 1, i, TEXT, t, wrap)
        c.font, c.fill = bold, fill
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"


def comparison_xlsx(rows: list[dict], settings, envelope: float | None = None,
                    picked: set[str] | None = None, *, conflicts: bool = False,
                    decisions: dict[str, tuple[str, float | None]] | None = None) -> bytes:
    """Sheets 'Comparaison' (one row per dossier, header frozen, filters on, typed
    cells), 'Critères' (the call's wording) and, given an envelope, 'Simulation'.
    `conflicts`: the reader has a conflict of interest with some rows: a column after
    the reference says which (each row's "conflict")."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Comparaison"
    cols = columns(settings)
    if conflicts:
        cols.insert(1, Column("conflict", "Conflit d'intérêts (vous)", TEXT, 30))
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    _header(ws, [c.header for c in cols], [c.width for c in cols])
    ws.freeze_panes = "B2"  # the header row, and the reference while scrolling right
    for i, r in enumerate(rows, 2):
        for j, c in enumerate(cols, 1):
            cell = put(ws, i, j, c.kind, r.get(c.key), wrap)
            if c.kind != TEXT:
                cell.alignment = top
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"

    crit = wb.create_sheet("Critères")
    _header(crit, ["Colonne", "Critère de l'appel", "Identifiant"], [24, 100, 18])
    for i, c in enumerate(all_criteria(settings), 2):
        put(crit, i, 1, TEXT, criterion_header(c.id, c.label), wrap)
        put(crit, i, 2, TEXT, c.label, wrap)
        put(crit, i, 3, TEXT, c.id)
    n = len(all_criteria(settings)) + 3
    put(crit, n, 1, TEXT, "Lecture", wrap)
    put(crit, n, 2, TEXT, "Pour chaque critère, le passage des documents qui s'y rapporte le plus "
        "(celui que désignent le plus de mots du critère), avec sa place, et les faits relevés (nombres, "
        "noms). Aucune note, aucun classement : la comparaison cite, elle n'évalue pas.", wrap)

    if envelope is not None:
        sim = simulate(rows, picked, envelope)
        sh = wb.create_sheet("Simulation")
        _header(sh, ["Référence", "Projet", "Porteur", "Demande à l'Anact"], [15, 50, 30, 16])
        i = 2
        for r in sim.picked:
            put(sh, i, 1, TEXT, r["reference"] + (" (conflit d'intérêts)" if r.get("conflict") else ""))
            put(sh, i, 2, TEXT, r["title"], wrap)
            put(sh, i, 3, TEXT, r["applicant"] or r["sender"], wrap)
            put(sh, i, 4, EUROS, r["anact_request"])
            i += 1
        if not sim.picked:
            put(sh, i, 2, TEXT, "Aucune proposition cochée.")
            i += 1
        i += 1
        bold = Font(bold=True)
        for label, value in [("Total demandé", sim.total), ("Enveloppe", envelope),
                             ("Reste" if (sim.remainder or 0) >= 0 else "Dépassement", abs(sim.remainder or 0))]:
            put(sh, i, 3, TEXT, label).font = bold
            put(sh, i, 4, EUROS, value).font = bold
            i += 1
        if sim.unknown:
            put(sh, i + 1, 2, TEXT, "Demande à l'Anact non trouvée (comptée 0) : " + ", ".join(sim.unknown), wrap)

    if decisions:  # the committee's decisions (web.selection): the amounts granted against the envelope
        ds = wb.create_sheet("Décisions")
        _header(ds, ["Référence", "Projet", "Décision du comité", "Montant accordé"], [15, 50, 20, 16])
        i = 2
        for r in rows:
            if r["reference"] in decisions:
                label, amount = decisions[r["reference"]]
                put(ds, i, 1, TEXT, r["reference"])
                put(ds, i, 2, TEXT, r["title"], wrap)
                put(ds, i, 3, TEXT, label)
                put(ds, i, 4, EUROS, amount)
                i += 1
        granted = sum(a for _label, a in decisions.values() if a)
        bold = Font(bold=True)
        for label, value in [("Total accordé", granted)] + ([("Enveloppe", envelope), (
                "Reste" if envelope >= granted else "Dépassement", abs(envelope - granted))] if envelope else []):
            i += 1 if label == "Total accordé" else 0
            put(ds, i, 3, TEXT, label).font = bold
            put(ds, i, 4, EUROS, value).font = bold
            i += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ranking_xlsx(rows: list[dict], envelope: float | None) -> bytes:
    """The committee's ranking as a workbook: one row per dossier in rank order (the keys
    web.selection gives: reference, title, applicant, mean, reviews, disagree, anact,
    decision, amount, consensus), then the total granted against the envelope."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Classement"
    wrap = Alignment(wrap_text=True, vertical="top")
    _header(ws, ["Rang", "Référence", "Projet", "Porteur", "Moyenne des évaluations", "Évaluations soumises",
                 "Critères en désaccord", "Demande à l'Anact", "Décision du comité", "Montant accordé",
                 "Avis du comité"], [7, 15, 45, 28, 12, 12, 14, 14, 16, 14, 50])
    ws.freeze_panes = "C2"
    rank = 0
    for i, r in enumerate(rows, 2):
        rank += 1 if r.get("mean") is not None else 0
        put(ws, i, 1, COUNT, rank if r.get("mean") is not None else None)
        put(ws, i, 2, TEXT, r["reference"])
        put(ws, i, 3, TEXT, r.get("title") or "", wrap)
        put(ws, i, 4, TEXT, r.get("applicant") or "", wrap)
        cell = ws.cell(i, 5, r.get("mean"))
        cell.number_format = "0.0"
        put(ws, i, 6, COUNT, r.get("reviews") or 0)
        put(ws, i, 7, COUNT, r.get("disagree") or 0)
        put(ws, i, 8, EUROS, r.get("anact"))
        put(ws, i, 9, TEXT, r.get("decision") or "")
        put(ws, i, 10, EUROS, r.get("amount"))
        put(ws, i, 11, TEXT, r.get("consensus") or "", wrap)
    n = len(rows) + 3
    granted = sum(r.get("amount") or 0 for r in rows if r.get("decision") == "retenu")
    bold = Font(bold=True)
    lines = [("Total accordé", granted)]
    if envelope is not None:
        lines += [("Enveloppe", envelope), ("Reste" if envelope >= granted else "Dépassement", abs(envelope - granted))]
    for k, (label, value) in enumerate(lines):
        put(ws, n + k, 9, TEXT, label).font = bold
        put(ws, n + k, 10, EUROS, value).font = bold
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------ envelope

_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,2})?$")


def parse_amount(text: str) -> float | None:
    """'150 000', '150000,50', '150 000 €' -> a float; None when it is not an amount."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    if not _AMOUNT.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))

