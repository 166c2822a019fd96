"""Exports: the queue as CSV and XLSX, one row a dossier with every figure and flag, under
the queue's own filters (the same URL parameters, read by the queue's own QueueFilters and
applied by its own query); and one dossier as a ZIP of its original files, each raw
message as .eml, and its dossier.json.

The CSV is written for a spreadsheet opened in French: UTF-8 with a byte-order mark, ';'
between fields, decimal commas, dates as 'AAAA-MM-JJ HH:MM' in Paris time. The XLSX has
typed cells: dates as dates, amounts as numbers shown in euros, shares as percentages,
counts as integers. What comes from an applicant is text in both: a title starting with
'=' is not a formula (CSV: a leading apostrophe, as spreadsheets expect; XLSX: a string
cell), and characters XML cannot hold are dropped.

Routes (behind the app's login):
- GET /exports/dossiers.csv, /exports/dossiers.xlsx   the queue, same parameters as '/'
- GET /dossiers/{reference}/dossier.zip               one dossier's files
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection, select
from sqlalchemy.engine import Row

from intake import vocabulary
from intake.config import default_call
from intake.decisions import current_reading, flag_key
from intake.vocabulary import PARIS
from storage.blobs import BlobNotFound, BlobStore
from storage.queries import now
from storage.schema import NOT_APPLICABLE, dossier_corrections, dossiers, flag_overrides, users

from .files import (
    content_disposition,
    contract_names,
    dossier_message_rows,
    message_files,
    safe_filename,
    unique_names,
)
from .pages import require_secretariat
from .queries import QueueFilters, QueuePage, queue_page

router = APIRouter(dependencies=[Depends(require_secretariat)])

EXPORT_LIMIT = 100_000  # dossiers in one export: every one a call receives, with room
CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")  # the contract's
_CHUNK = 500  # references per IN (...) list
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ------------------------------------------------------------------ the rows

@dataclass
class Record:
    """A dossier of the queue with everything an export or the API shows of it."""

    queue: dict                 # the queue's row (web.queries): mail state, counts...
    row: Row                    # the dossiers table's row
    data: dict                  # its dossier JSON (the contract)
    overrides: dict[tuple[str, str], str]  # (code, target) -> not_applicable | confirmed

    @property
    def budget(self) -> dict:
        return self.data.get("budget") or {}

    @property
    def cofinancing(self) -> dict:
        return self.budget.get("cofinancing") or {}

    def flags(self) -> list[tuple[dict, bool]]:
        """Every flag of the reading, with whether it still counts (not set aside)."""
        return [(f, self.overrides.get(flag_key(f)) != NOT_APPLICABLE)
                for f in self.data.get("flags") or [] if isinstance(f, dict)]

    @cached_property
    def standing_codes(self) -> Counter:
        """How many flags of each code still count."""
        return Counter(f.get("code", "") for f, counts in self.flags() if counts)


def _chunks(items: list, size: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def records(conn: Connection, f: QueueFilters, page_size: int = EXPORT_LIMIT,
            only: list[str] | None = None, limits: dict | None = None) -> tuple[QueuePage, list[Record]]:
    """The queue's page under these filters (its own query: filters, search, order), each
    row completed with its dossier JSON and flag overrides: two more statements per 500
    dossiers. `only`: the references ticked in the queue, in the queue's order."""
    page = queue_page(conn, f, page_size=page_size, only=only, limits=limits)
    refs = [r["reference"] for r in page.rows]
    rows: dict[str, Row] = {}
    for chunk in _chunks(refs):
        for found in conn.execute(select(dossiers.c.id, dossiers.c.reference, dossiers.c.sender,
                                     dossiers.c.sender_address, dossiers.c.subject, dossiers.c.title,
                                     dossiers.c.decision, dossiers.c.first_received, dossiers.c.dossier_json)
                              .where(dossiers.c.reference.in_(chunk))):
            rows[found.reference] = found
    overrides: dict[int, dict] = defaultdict(dict)
    for chunk in _chunks([d.id for d in rows.values()]):
        for o in conn.execute(select(flag_overrides.c.dossier_id, flag_overrides.c.code, flag_overrides.c.target,
                                     flag_overrides.c.status).where(flag_overrides.c.dossier_id.in_(chunk))):
            overrides[o.dossier_id][(o.code, o.target or "")] = o.status
    out = []
    for q in page.rows:
        d = rows.get(q["reference"])
        if d is None:  # deleted between the two statements
            continue
        data = q.get("data")  # the reading with the secretariat's corrections (web.queries)
        if data is None:
            try:
                data = json.loads(d.dossier_json)
            except ValueError:
                data = {}
        out.append(Record(q, d, data if isinstance(data, dict) else {}, overrides[d.id]))
    return page, out


def export_filters(params) -> QueueFilters:
    """The queue's filters from the same URL parameters; the page is ignored (all rows)."""
    return replace(QueueFilters.from_params(params), page=1)


def last_email(q: dict) -> str:
    if q.get("mail_state"):
        return (f"{vocabulary.KIND_LABELS.get(q['mail_kind'], q['mail_kind'])} : "
                f"{vocabulary.ANSWER_STATE_LABELS.get(q['mail_state'], q['mail_state'])}")
    return "réponse en préparation" if q.get("answer_waiting") else ""


def flag_summary(r: Record) -> str:
    out = []
    for f, counts in r.flags():
        code = f.get("code", "")
        target = vocabulary.flag_target_label(code, str(f.get("target") or ""))
        text = vocabulary.FLAG_LABELS.get(code, code) + (f" : {target}" if target else "")
        out.append(text if counts else f"{text} (écartée)")
    return " ; ".join(out)


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------ the columns

TEXT, DATETIME, EUROS, PERCENT, COUNT = "text", "datetime", "euros", "percent", "count"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    value: Callable[[Record], Any]
    width: float = 14


def _code_count(code: str) -> Callable[[Record], Any]:
    return lambda r: r.standing_codes.get(code, 0)


def _category_total(category: str) -> Callable[[Record], Any]:
    return lambda r: _number((r.budget.get("totals") or {}).get(category))


def _columns(base_url: str) -> list[Column]:
    def received(r: Record):
        return r.row.first_received

    cols = [
        Column("Référence", TEXT, lambda r: r.row.reference, 15),
        Column("Reçu le", DATETIME, received, 17),
        Column("Porteur", TEXT, lambda r: r.row.sender_address or r.row.sender or "", 32),
        Column("Projet", TEXT, lambda r: r.row.title or r.data.get("title") or r.row.subject or "", 40),
        Column("Objet du courriel", TEXT, lambda r: r.row.subject or "", 40),
        Column("Décision", TEXT, lambda r: vocabulary.DECISION_LABELS.get(r.row.decision or "", r.row.decision or ""), 16),
        Column("Code de la décision", TEXT, lambda r: r.row.decision or "", 14),
        Column("Alertes bloquantes", COUNT, lambda r: r.queue["flags"]["blocking"], 11),
        Column("Avertissements", COUNT, lambda r: r.queue["flags"]["warning"], 11),
        Column("Alertes écartées", COUNT, lambda r: r.queue["flags"]["set_aside"], 11),
    ]
    for code, label in vocabulary.FLAG_LABELS.items():
        cols.append(Column(f"{label} ({code})", COUNT, _code_count(code), 12))
    cols += [
        Column("Détail des alertes", TEXT, flag_summary, 60),
        Column("Coût total", EUROS, lambda r: _number(r.budget.get("total_cost")), 14),
        Column("Demande à l'Anact", EUROS, lambda r: _number(r.budget.get("anact_request")), 14),
        Column("Co-financement", EUROS, lambda r: _number(r.cofinancing.get("amount")), 14),
        Column("Part du co-financement", PERCENT, lambda r: _number(r.cofinancing.get("share")), 12),
    ]
    for cat in CATEGORIES:
        cols.append(Column(f"Budget : {vocabulary.category_labels()[cat]}", EUROS, _category_total(cat), 14))
    cols += [
        Column("Partenaires", COUNT, lambda r: len(r.data.get("partners") or []), 11),
        Column("Noms des partenaires", TEXT, lambda r: " ; ".join(
            str(p.get("name") or "") for p in r.data.get("partners") or [] if isinstance(p, dict)), 40),
        Column("Parties présentes (sur 10)", COUNT, lambda r: sum(
            1 for s in (r.data.get("sections") or {}).values() if isinstance(s, dict) and s.get("present")), 11),
        Column("Pièces jointes", COUNT, lambda r: len(r.data.get("attachments") or []), 11),
        Column("Dernier courriel", TEXT, lambda r: last_email(r.queue), 30),
        Column("Courriels à valider", COUNT, lambda r: r.queue["held"], 11),
        Column("Courriels en échec", COUNT, lambda r: r.queue["failed"], 11),
        Column("Lien", TEXT, lambda r: f"{base_url}dossiers/{r.row.reference}", 45),
    ]
    return cols


def _text(value) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) if value is not None else ""


def _paris_naive(value: datetime | None) -> datetime | None:
    """Excel has no time zones: the moment as Paris wall-clock time."""
    return value.astimezone(PARIS).replace(tzinfo=None) if value is not None else None


# ------------------------------------------------------------------ CSV

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == DATETIME:
        return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
    if kind == EUROS:
        return f"{value:.2f}".replace(".", ",")
    if kind == PERCENT:
        return f"{value * 100:.2f}".replace(".", ",")
    if kind == COUNT:
        return str(int(value))
    text = str(value)
    # A cell that a spreadsheet would read as a formula is quoted (OWASP's advice).
    return "'" + text if text.startswith(_FORMULA_START) else text


def queue_csv(recs: list[Record], base_url: str) -> bytes:
    cols = _columns(base_url)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow([c.header + (" (%)" if c.kind == PERCENT else " (€)" if c.kind == EUROS else "") for c in cols])
    for r in recs:
        w.writerow([_csv_cell(c.kind, c.value(r)) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ------------------------------------------------------------------ XLSX

NUMBER_FORMATS = {DATETIME: "dd/mm/yyyy hh:mm", EUROS: '#,##0.00 "€"', PERCENT: "0.0%", COUNT: "0"}


def queue_xlsx(recs: list[Record], base_url: str, f: QueueFilters, at: datetime,
               selection: str = "") -> bytes:
    """Three sheets: 'Dossiers' (one row a dossier, headers frozen, filters on),
    'Alertes' (one row a flag), 'Export' (when, which filters, how many)."""
    cols = _columns(base_url)
    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEEEF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    def header(ws, titles: list[str], widths: list[float]) -> None:
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        cells = []
        for t in titles:
            c = WriteOnlyCell(ws, value=t)
            c.font, c.fill, c.alignment = bold, fill, wrap
            cells.append(c)
        ws.append(cells)

    def cell(ws, kind: str, value):
        if kind == DATETIME:
            value = _paris_naive(value)
        elif kind == TEXT:
            value = _text(value)
        c = WriteOnlyCell(ws, value=value)
        if kind == TEXT:
            c.data_type = "s"  # never a formula, whatever it starts with
        elif value is not None:
            c.number_format = NUMBER_FORMATS[kind]
        return c

    ws = wb.create_sheet("Dossiers")
    ws.freeze_panes = "B2"
    if recs:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(recs) + 1}"
    header(ws, [c.header for c in cols], [c.width for c in cols])
    for r in recs:
        cells = [cell(ws, c.kind, c.value(r)) for c in cols]
        cells[0].hyperlink = f"{base_url}dossiers/{r.row.reference}"
        ws.append(cells)

    flags = wb.create_sheet("Alertes")
    flags.freeze_panes = "A2"
    titles = ["Référence", "Alerte", "Code", "Cible", "Gravité", "Correction", "Message", "Élément relevé"]
    header(flags, titles, [15, 30, 24, 30, 14, 16, 70, 40])
    n = 0
    for r in recs:
        for fl, _counts in r.flags():
            code, target = flag_key(fl)
            status = r.overrides.get((code, target))
            values = [r.row.reference, vocabulary.FLAG_LABELS.get(code, code), code,
                      vocabulary.flag_target_label(code, target),
                      vocabulary.SEVERITY_LABELS.get(fl.get("severity") or "", fl.get("severity") or ""),
                      vocabulary.OVERRIDE_LABELS.get(status, "") if status else "",
                      vocabulary.staff_message(fl), fl.get("evidence") or ""]
            flags.append([cell(flags, TEXT, v) for v in values])
            n += 1
    if n:
        flags.auto_filter.ref = f"A1:H{n + 1}"

    about = wb.create_sheet("Export")
    header(about, ["Rubrique", "Valeur"], [28, 60])
    query = urlencode(f.params(page=""))
    for k, kind, v in [("Exporté le", DATETIME, at), ("Dossiers", COUNT, len(recs)),
                       ("Filtres", TEXT, selection or describe_filters(f) or "aucun : tous les dossiers"),
                       ("Adresse de la liste", TEXT, f"{base_url}?{query}" if query else base_url)]:
        about.append([cell(about, TEXT, k), cell(about, kind, v)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def describe_filters(f: QueueFilters) -> str:
    """The filters in French, for the 'Export' sheet."""
    parts = []
    if f.decision:
        parts.append(f"décision : {vocabulary.DECISION_LABELS.get(f.decision, f.decision)}")
    if f.flag:
        parts.append(f"alerte : {vocabulary.FLAG_LABELS.get(f.flag, f.flag)}")
    if f.date_from:
        parts.append(f"reçus à partir du {f.date_from:%d/%m/%Y}")
    if f.date_to:
        parts.append(f"reçus jusqu'au {f.date_to:%d/%m/%Y}")
    if f.todo:
        parts.append("à traiter seulement")
    if f.q:
        parts.append(f"recherche : « {f.q} »")
    return " ; ".join(parts)


def stamp(at: datetime) -> str:
    return at.astimezone(PARIS).strftime("%Y-%m-%d-%H%M")


def download_response(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": content_disposition(filename), "X-Content-Type-Options": "nosniff"})


@router.get("/exports/dossiers.csv", response_class=Response, tags=["exports"],
            summary="La liste des dossiers en CSV (mêmes filtres que la liste)",
            responses={200: {"content": {"text/csv": {}}}},
            description="Les dossiers de la liste avec les mêmes paramètres (decision, flag, from, to, todo, q, "
                        "sort, dir ; page est ignoré), une ligne par dossier : UTF-8 avec BOM, séparateur ';', "
                        "virgule décimale.")
def export_csv(request: Request) -> Response:
    """Every dossier the queue shows under the same URL parameters (decision, flag, from,
    to, todo, q, sort, dir; page is ignored), one row each: UTF-8 with BOM, ';'."""
    f = export_filters(request.query_params)
    with request.app.state.db.connect() as conn:
        _page, recs = records(conn, f)
    return download_response(queue_csv(recs, str(request.base_url)), "text/csv; charset=utf-8",
                     f"dossiers-{stamp(now())}.csv")


@router.get("/exports/dossiers.xlsx", response_class=Response, tags=["exports"],
            summary="La liste des dossiers en XLSX (mêmes filtres que la liste)",
            responses={200: {"content": {XLSX_TYPE: {}}}},
            description="Les mêmes lignes que le CSV, en cellules typées (dates, montants en euros, parts en "
                        "pourcentage), plus une feuille des alertes et une feuille décrivant l'export.")
def export_xlsx(request: Request) -> Response:
    """The same rows as the CSV in a workbook with typed cells, plus a sheet of flags."""
    f = export_filters(request.query_params)
    with request.app.state.db.connect() as conn:
        _page, recs = records(conn, f)
    at = now()
    return download_response(queue_xlsx(recs, str(request.base_url), f, at), XLSX_TYPE, f"dossiers-{stamp(at)}.xlsx")


# ------------------------------------------------------------------ one dossier, as stored

def dossier_document(conn: Connection, d: Row, call=None) -> dict:
    """The dossier as it stands now, in the contract's shape: the reading with the
    secretariat's corrections applied and the flags it set aside left out
    (intake.decisions.current_reading, the state every page and answer reads), plus what
    the service adds: reference, received_at, title, decision, the reading itself
    (`reading`: its decision, budget, flags and parts as read; `reading_decision`), the
    corrections and overrides with who made them, and each attachment's download path."""
    try:
        data = json.loads(d.dossier_json)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    current = current_reading(conn, d.id, data, call or default_call())
    out: dict[str, Any] = {
        "reference": d.reference,
        "received_at": d.first_received.isoformat() if d.first_received else None,
        "title": d.title or data.get("title"),
        "decision": d.decision,
        "reading_decision": data.get("decision"),
    }
    for key, value in current.items():
        if key not in out and key != "decision":
            out[key] = value
    out["reading"] = {k: data[k] for k in ("decision", "budget", "flags", "sections") if k in data}
    out["corrections"] = [
        {"field": c.field, "value": c.value, "reason": c.reason, "by": c.user_name,
         "at": c.updated_at.isoformat() if c.updated_at else None}
        for c in conn.execute(select(dossier_corrections, users.c.name.label("user_name"))
                              .outerjoin(users, users.c.id == dossier_corrections.c.user_id)
                              .where(dossier_corrections.c.dossier_id == d.id).order_by(dossier_corrections.c.id))]
    attachments = []
    for a in out.get("attachments") or []:
        if isinstance(a, dict) and not a.get("container") and isinstance(a.get("sha256"), str):
            a = {**a, "download_url": f"/dossiers/{d.reference}/files/{a['sha256']}"}
        attachments.append(a)
    if "attachments" in out:
        out["attachments"] = attachments
    out["overrides"] = [
        {"code": o.code, "target": o.target or "", "status": o.status, "comment": o.comment,
         "by": o.user_name, "at": o.updated_at.isoformat() if o.updated_at else None}
        for o in conn.execute(select(flag_overrides, users.c.name.label("user_name"))
                              .outerjoin(users, users.c.id == flag_overrides.c.user_id)
                              .where(flag_overrides.c.dossier_id == d.id).order_by(flag_overrides.c.id))]
    return out


def dossier_row(conn: Connection, reference: str) -> Row | None:
    return conn.execute(select(dossiers).where(dossiers.c.reference == reference.upper())).first()


def dossier_zip(conn: Connection, blobs: BlobStore, d: Row, call=None) -> bytes:
    """<REF>/dossier.json, <REF>/courriel-N.eml (each raw message as received) and
    <REF>/courriel-N/<file> (each of its attachments, safely named); a message whose
    bytes are gone from the store leaves a note in its place."""
    root = safe_filename(d.reference, "dossier")
    names = contract_names(d.dossier_json)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        def add(path: str, data: bytes, when: datetime | None) -> None:
            info = zipfile.ZipInfo(f"{root}/{path}", date_time=_zip_time(when))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        add("dossier.json", json.dumps(dossier_document(conn, d, call), ensure_ascii=False, indent=2).encode("utf-8"),
            now())
        for rank, m in enumerate(dossier_message_rows(conn, d.id), 1):
            folder = f"courriel-{rank}"
            try:
                raw = blobs.get(m.sha256)
            except (BlobNotFound, ValueError):
                add(f"{folder}-absent.txt", f"Le courriel n° {rank} (empreinte {m.sha256}) n'est plus dans le "
                    "stockage des messages : il n'a pas pu être joint.\n".encode(), m.internaldate)
                continue
            add(f"{folder}.eml", raw, m.internaldate)
            files = message_files(raw, rank, names)
            for f, name in zip(files, unique_names(f.safe_name for f in files), strict=True):
                add(f"{folder}/{name}", f.data, m.internaldate)
    return buf.getvalue()


def _zip_time(when: datetime | None) -> tuple[int, int, int, int, int, int]:
    t = (when or now()).astimezone(PARIS)
    t = max(t.replace(tzinfo=None), datetime(1980, 1, 1))  # ZIP dates start in 1980
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


@router.get("/dossiers/{reference}/dossier.zip", response_class=Response, tags=["exports"],
            summary="Un dossier : ses fichiers d'origine, ses courriels et son dossier.json",
            responses={200: {"content": {"application/zip": {}}}, 404: {"description": "Dossier inconnu."}},
            description="<REF>/dossier.json, <REF>/courriel-N.eml (chaque courriel tel que reçu) et "
                        "<REF>/courriel-N/<fichier> (ses pièces jointes, sous des noms sûrs et uniques).")
def export_zip(request: Request, reference: str) -> Response:
    with request.app.state.db.connect() as conn:
        d = dossier_row(conn, reference)
        if d is None:
            raise HTTPException(404)
        body = dossier_zip(conn, request.app.state.blobs, d, request.app.state.call)
    return download_response(body, "application/zip", f"{d.reference}.zip")
