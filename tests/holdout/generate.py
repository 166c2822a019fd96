#!/usr/bin/env python3
"""Generate the HOLDOUT corpus (tests/holdout/cases/<id>.eml + <id>.expected.json).

Written from the call (shared/call/ami-fabrique-cto.md) and the dossier contract
(shared/contract/dossier.md) only, independently of tests/corpus/ and of the reader.

Every case is a *specification* (who writes, how, what the proposal contains, what it lacks,
which budget lines, which files): the documents are rendered from it and the expected
dossier is computed from it by ``expected_dossier`` (the contract's rules, applied
literally). No label is typed by hand.

Deterministic: choices use ``random.Random(SEED + case id)``; ZIP-based files get fixed
timestamps; PDFs a fixed creation date; MIME boundaries are fixed; files converted by
LibreOffice are cached in tests/holdout/soffice_cache/ (keyed by the input's hash).

Run: ``.venv/bin/python tests/holdout/generate.py`` (needs fpdf2 and Pillow in the venv for
the PDFs and images, and /usr/bin/soffice the first time for .odt/.doc/.pdf exports).
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from base64 import b64encode
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
CACHE_DIR = HERE / "soffice_cache"
SEED = 20220823
PARIS = ZoneInfo("Europe/Paris")
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=PARIS)
END_LIMIT = date(2023, 12, 30)
CAP = 80_000.0
MIN_SHARE = 0.20
FIXED_ZIP_TS = (2022, 8, 12, 9, 30, 0)
FIXED_DT = datetime(2022, 8, 12, 9, 30, 0, tzinfo=PARIS)

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
BODY = "<body>"  # where a part lives when it is in the message body

MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()


# =============================================================================== spec model


@dataclass
class Line:
    """An expense line as the applicant writes it."""

    label: str
    cat: str  # personnel | deplacements_logistique | prestations (ignored when ineligible)
    amount: float
    ineligible: bool = False

    @property
    def category(self) -> str:
        return "autre" if self.ineligible else self.cat


@dataclass
class Resource:
    """A resource line (Anact's share or a co-financing)."""

    label: str
    amount: float
    nature: str  # anact | region | opco | fonds_propres | mecenat | en_nature | collectivite | europe
    status: str = ""


@dataclass
class Budget:
    lines: list[Line]
    resources: list[Resource]
    declared_total: float | None = None  # set by ``declared``; None = no total written
    style: str = "lines"  # how it is rendered
    money: str = "sp"  # how amounts are written
    show_total: bool = True

    def __post_init__(self) -> None:
        if self.show_total and self.declared_total is None:
            self.declared_total = self.lines_sum

    @property
    def lines_sum(self) -> float:
        return round(sum(x.amount for x in self.lines), 2)

    @property
    def anact(self) -> float | None:
        vals = [r.amount for r in self.resources if r.nature == "anact"]
        return sum(vals) if vals else None

    @property
    def cofin(self) -> list[Resource]:
        return [r for r in self.resources if r.nature != "anact"]


@dataclass
class Phasing:
    start: tuple[int, int]  # (year, month)
    months: list[int]  # duration of each phase
    last_day: int | None = None  # explicit day of the final month ("30 novembre 2023")
    style: str = "list"  # list | table | jalons | prose | durations

    def bounds(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        out = []
        y, m = self.start
        for d in self.months:
            s = (y, m)
            ey, em = _add_months(y, m, d - 1)
            out.append((s, (ey, em)))
            y, m = _add_months(ey, em, 1)
        return out

    @property
    def end(self) -> date:
        """The project end as the phasage states it (last day of the final month unless a
        day is written)."""
        (_, (y, m)) = self.bounds()[-1]
        if self.last_day:
            return date(y, m, self.last_day)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


@dataclass
class Att:
    """One attachment as sent, with the status the contract gives it."""

    filename: str
    data: bytes
    mime: tuple[str, str]
    status: str = "parsed"  # parsed | scanned | encrypted | unreadable | unsupported | skipped
    disposition: str = "attachment"
    cid: str | None = None
    rfc2047: bool = False
    members: list[Att] = field(default_factory=list)  # for a ZIP: what it holds


@dataclass
class Case:
    id: str
    persona: dict
    subject: str
    date: str  # ISO 8601 with offset
    kind: str = "proposal"  # proposal | autoreply | question | cijoint
    fmt: str = "docx"  # how the description is delivered (see ``build_case``)
    sections: dict[str, str] = field(default_factory=dict)  # sid -> ok | missing | todo
    budget: Budget | None = None
    budget_where: str = "same"  # same | xlsx2 | xlsx1 | none
    phasing: Phasing | None = None
    opts: dict = field(default_factory=dict)
    # filled by build_case:
    desc_in: str | None = None  # file name (or BODY) holding the description
    budget_in: str | None = None
    attachments: list[Att] = field(default_factory=list)
    body_proposal: bool = False

    def __post_init__(self) -> None:
        for sid in SECTION_IDS:
            self.sections.setdefault(sid, "ok")


# =============================================================================== the rules


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.split())


def subject_names_call(subject: str) -> bool:
    s = norm(subject)
    return "fabrique cto" in s or "manifestation d'interet" in s


def flat_attachments(case: Case) -> list[Att]:
    """Attachments as the contract counts them: ZIP members instead of the ZIP."""
    out: list[Att] = []
    for a in case.attachments:
        out.extend(a.members if a.members else [a])
    return out


def expected_dossier(case: Case) -> dict:
    """The dossier the contract prescribes for this case, restricted to what is certain."""
    flags: list[dict] = []

    def flag(code: str, target: str = "", severity: str = "blocking") -> None:
        flags.append({"code": code, "target": target, "severity": severity})

    atts = flat_attachments(case)
    readable = {a.filename for a in atts if a.status == "parsed"} | {BODY}
    real = [a for a in atts if a.status != "skipped"]
    if not real and not case.body_proposal:
        flag("no_proposal_document")
    for a in atts:
        if a.status in ("encrypted", "unreadable", "unsupported"):
            flag("unreadable_attachment", a.filename, "warning")
        elif a.status == "scanned":
            flag("scanned_document", a.filename, "warning")

    desc_ok = case.desc_in is not None and case.desc_in in readable
    present = {sid: desc_ok and case.sections[sid] == "ok" for sid in SECTION_IDS}
    for sid in SECTION_IDS:
        if not present[sid]:
            flag("missing_section", sid)

    budget_out: dict = {}
    b = case.budget
    if b is None or case.budget_in is None or case.budget_in not in readable:
        flag("missing_budget")  # stands alone: no missing_budget_item
    else:
        cats = {x.category for x in b.lines}
        if "personnel" not in cats:
            flag("missing_budget_item", "personnel")
        if not b.cofin:
            flag("missing_budget_item", "cofinancement")
        if "deplacements_logistique" not in cats:
            flag("missing_budget_item", "deplacements_logistique", "warning")
        if "prestations" not in cats:
            flag("missing_budget_item", "prestations", "warning")
        total = b.declared_total if b.declared_total is not None else b.lines_sum
        if b.declared_total is not None and abs(b.declared_total - b.lines_sum) > 1.0:
            flag("budget_total_mismatch", "", "warning")
        if b.anact is not None and b.anact > CAP:
            flag("anact_request_over_cap")
        cofin = sum(r.amount for r in b.cofin)
        if cofin < MIN_SHARE * total - 1e-6:
            flag("cofinancing_below_minimum")
        for x in b.lines:
            if x.ineligible:
                flag("ineligible_expense", x.label, "warning")
        budget_out = {
            "total_cost": float(total),
            "anact_request": None if b.anact is None else float(b.anact),
            "totals": {
                c: float(sum(x.amount for x in b.lines if x.category == c)) for c in CATEGORIES
            },
        }
        if b.cofin:  # with no co-financing line at all, amount/share are not stated
            budget_out["cofinancing"] = {
                "amount": float(cofin),
                "share": round(cofin / total, 4),
            }

    sent = datetime.fromisoformat(case.date)
    late = sent > DEADLINE
    if late:
        flag("late_submission")
    if present["phasage"] and case.phasing and case.phasing.end > END_LIMIT:
        flag("project_end_after_limit")
    if not subject_names_call(case.subject):
        flag("subject_mismatch", "", "warning")

    blocking = any(f["severity"] == "blocking" for f in flags)
    unread = any(a.status in ("scanned", "encrypted", "unreadable") for a in atts)
    if late:
        decision = "late"
    elif case.kind in ("autoreply", "question"):
        decision = "not_a_proposal"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"

    sections: dict = {}
    for sid in SECTION_IDS:
        entry: dict = {"present": present[sid]}
        if present[sid] and case.desc_in not in (None, BODY):
            entry["source"] = case.desc_in
        sections[sid] = entry
    partners = (
        [{"name": n} for n, _ in case.persona.get("partners", [])] if present["partenaires"] else []
    )
    p = case.persona
    return {
        "id": case.id,
        "message": {
            "message_id": message_id(case),
            "from": p["email"],
            "subject": case.subject,
            "date": sent.isoformat(),
        },
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": budget_out,
        "partners": partners,
        "attachments": [{"filename": a.filename, "status": a.status} for a in atts],
    }


def message_id(case: Case) -> str:
    h = hashlib.sha1(f"{SEED}:{case.id}".encode()).hexdigest()[:16]
    domain = case.persona["email"].split("@", 1)[1]
    return f"<{h}.{case.id}@{domain}>"


# =============================================================================== formatting


def money(x: float, style: str = "sp") -> str:
    """An amount as an applicant would type it."""
    whole = int(round(x))
    grouped = f"{whole:,}"
    if style == "dot":
        return grouped.replace(",", ".") + " €"
    if style == "euros":
        return grouped.replace(",", " ") + " euros"
    if style == "eur":
        return grouped.replace(",", " ") + " EUR"
    if style == "nbsp":
        return grouped.replace(",", "\u00a0") + "\u00a0€"
    if style == "nnbsp":
        return grouped.replace(",", "\u202f") + "\u00a0€"
    if style == "cents":
        cents = f"{x:,.2f}".replace(",", " ").replace(".", ",")
        return cents + " €"
    if style == "k":
        k = x / 1000
        s = f"{k:.1f}".replace(".", ",")
        if s.endswith(",0"):
            s = s[:-2]
        return s + " k€"
    if style == "ht":
        return grouped.replace(",", " ") + " € HT"
    return grouped.replace(",", " ") + " €"


def month_name(y: int, m: int, with_year: bool = True) -> str:
    return f"{MONTHS[m - 1]} {y}" if with_year else MONTHS[m - 1]


def period(s: tuple[int, int], e: tuple[int, int], last_day: int | None = None) -> str:
    (sy, sm), (ey, em) = s, e
    end = month_name(ey, em)
    if last_day:
        end = f"{last_day} {end}"
    if (sy, sm) == (ey, em) and not last_day:
        return month_name(sy, sm)
    if sy == ey and not last_day:
        return f"{month_name(sy, sm, False)} – {end}"
    return f"{month_name(sy, sm)} – {end}"


def lc_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s else s


def uc_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


# =============================================================================== documents
# A document is a list of blocks:
#   ("title", text) ("subtitle", text) ("h", text) ("p", text) ("bullets", [text])
#   ("table", [header], [[cells]], {"align": "LR..", "bold_last": bool}) ("toc", [entries])
#   ("small", text) ("break",)


def normalize_zip(data: bytes) -> bytes:
    """Same archive with fixed timestamps (DOCX/XLSX/ODT are ZIPs)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            ni = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TS)
            ni.compress_type = info.compress_type
            ni.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                import re

                stamp = FIXED_DT.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", content)
            dst.writestr(ni, content)
    return out.getvalue()


def render_docx(blocks: list, opts: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Document()
    cp = doc.core_properties
    cp.author = opts.get("author", "")
    cp.title = opts.get("doc_title", "")
    cp.created = FIXED_DT.replace(tzinfo=None)
    cp.modified = FIXED_DT.replace(tzinfo=None)
    cp.last_modified_by = opts.get("author", "")
    cp.revision = 3
    normal = doc.styles["Normal"]
    normal.font.name = opts.get("font", "Calibri")
    normal.font.size = Pt(opts.get("size", 11))
    mode = opts.get("heading", "styles")
    color = opts.get("color", (0x1F, 0x3A, 0x5F))
    for blk in blocks:
        kind = blk[0]
        if kind == "title":
            if mode == "styles":
                doc.add_heading(blk[1], level=0)
            else:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r = p.add_run(blk[1])
                r.bold = True
                r.font.size = Pt(18)
                r.font.color.rgb = RGBColor(*color)
        elif kind == "subtitle":
            p = doc.add_paragraph()
            if mode != "styles":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(blk[1])
            r.italic = True
        elif kind == "h":
            if mode == "styles":
                doc.add_heading(blk[1], level=1)
            elif mode == "h2":
                doc.add_heading(blk[1], level=2)
            else:
                p = doc.add_paragraph()
                p.paragraph_format.space_before = Pt(12)
                r = p.add_run(blk[1].upper() if mode == "caps" else blk[1])
                r.bold = True
                r.font.size = Pt(12 if mode == "bold" else 11)
                r.font.color.rgb = RGBColor(*color)
        elif kind == "p":
            doc.add_paragraph(blk[1])
        elif kind == "small":
            p = doc.add_paragraph()
            r = p.add_run(blk[1])
            r.font.size = Pt(9)
            r.italic = True
        elif kind == "bullets":
            for item in blk[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            header, rows, topt = blk[1], blk[2], blk[3] if len(blk) > 3 else {}
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            align = topt.get("align", "L" + "R" * (len(header) - 1))
            for i, h in enumerate(header):
                cell = table.rows[0].cells[i]
                cell.text = ""
                r = cell.paragraphs[0].add_run(h)
                r.bold = True
            for ri, row in enumerate(rows):
                cells = table.add_row().cells
                last = topt.get("bold_last") and ri == len(rows) - 1
                bold_rows = topt.get("bold_rows", ())
                for i, val in enumerate(row):
                    parts = str(val).split("\n")
                    para = cells[i].paragraphs[0]
                    for j, part in enumerate(parts):
                        if j:
                            para = cells[i].add_paragraph()
                        r = para.add_run(part)
                        r.bold = bool(last or ri in bold_rows)
                        if align[i] == "R":
                            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            doc.add_paragraph()
        elif kind == "toc":
            p = doc.add_paragraph()
            p.add_run("Sommaire").bold = True
            for entry in blk[1]:
                doc.add_paragraph(entry)
        elif kind == "break":
            doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _pdf_base(opts: dict):
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self) -> None:
            if opts.get("header") and self.page_no() > 1:
                self.set_font(self.family_, "I", 8)
                self.set_text_color(110, 110, 110)
                self.cell(0, 6, opts["header"], align="R")
                self.ln(9)
                self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(self.family_, "", 8)
            self.set_text_color(110, 110, 110)
            foot = opts.get("footer", "")
            self.cell(0, 8, f"{foot}  ·  {self.page_no()}/{{nb}}" if foot else f"{self.page_no()}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Pdf(format="A4")
    serif = opts.get("serif", False)
    fam = "DejaVuSerif" if serif else "DejaVuSans"
    pdf.add_font(fam, "", str(FONT_DIR / f"{fam}.ttf"))
    pdf.add_font(fam, "B", str(FONT_DIR / f"{fam}-Bold.ttf"))
    pdf.add_font(fam, "I", str(FONT_DIR / (f"{fam}-Italic.ttf" if serif else f"{fam}-Oblique.ttf")))
    pdf.family_ = fam
    pdf.set_creation_date(FIXED_DT)
    pdf.set_title(opts.get("doc_title", ""))
    pdf.set_author(opts.get("author", ""))
    pdf.set_creator(opts.get("creator", "Microsoft Word"))
    pdf.set_margins(opts.get("margin", 20), 18, opts.get("margin", 20))
    pdf.set_auto_page_break(True, 20)
    pdf.alias_nb_pages()
    return pdf


def render_pdf(blocks: list, opts: dict, encrypt: str | None = None) -> bytes:
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    pdf = _pdf_base(opts)
    fam = pdf.family_
    body = opts.get("size", 10.5)
    lh = body * 0.5
    mode = opts.get("heading", "boldnum")
    color = opts.get("color", (31, 58, 95))
    pdf.add_page()
    pdf.set_font(fam, "", body)
    for blk in blocks:
        kind = blk[0]
        if kind == "title":
            pdf.set_font(fam, "B" if mode != "size" else "", 19 if mode != "size" else 21)
            pdf.set_text_color(*color)
            pdf.multi_cell(0, 9, blk[1], align="C" if mode != "size" else "L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(2)
        elif kind == "subtitle":
            pdf.set_font(fam, "I", body)
            pdf.multi_cell(0, lh, blk[1], align="C" if mode != "size" else "L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(3)
        elif kind == "h":
            if pdf.get_y() > 250:
                pdf.add_page()
            pdf.ln(3)
            if mode == "size":  # headings distinguished only by their size
                pdf.set_font(fam, "", 15)
                pdf.multi_cell(0, 8, blk[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            elif mode == "bar":
                pdf.set_font(fam, "B", 11.5)
                pdf.set_fill_color(*color)
                pdf.set_text_color(255, 255, 255)
                pdf.multi_cell(0, 7.5, "  " + blk[1], fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.set_text_color(0, 0, 0)
                pdf.set_fill_color(255, 255, 255)
            elif mode == "roman":
                pdf.set_font(fam, "B", 11)
                pdf.set_text_color(*color)
                pdf.multi_cell(0, 7, blk[1].upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.set_draw_color(*color)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
                pdf.set_text_color(0, 0, 0)
            else:
                pdf.set_font(fam, "B", 13)
                pdf.set_text_color(*color)
                pdf.multi_cell(0, 7.5, blk[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)
            pdf.set_font(fam, "", body)
        elif kind == "p":
            pdf.set_font(fam, "", body)
            pdf.multi_cell(0, lh, blk[1], align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "small":
            pdf.set_font(fam, "I", body - 1.5)
            pdf.multi_cell(0, lh * 0.9, blk[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font(fam, "", body)
            pdf.ln(2)
        elif kind == "bullets":
            pdf.set_font(fam, "", body)
            for item in blk[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.cell(5, lh, "•" if mode != "roman" else "–")
                pdf.multi_cell(0, lh, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(0.8)
            pdf.ln(1.5)
        elif kind == "table":
            header, rows, topt = blk[1], blk[2], blk[3] if len(blk) > 3 else {}
            n = len(header)
            align = topt.get("align", "L" + "R" * (n - 1))
            widths = topt.get("widths") or ((95,) + (75 / (n - 1),) * (n - 1) if n > 1 else (170,))
            pdf.set_font(fam, "", body - 1)
            head_style = FontFace(emphasis="BOLD", fill_color=topt.get("fill", (225, 231, 240)))
            with pdf.table(
                col_widths=widths,
                text_align=tuple({"L": "LEFT", "R": "RIGHT", "C": "CENTER"}[a] for a in align),
                line_height=lh + 0.6,
                headings_style=head_style,
                first_row_as_headings=True,
            ) as t:
                row = t.row()
                for h in header:
                    row.cell(h)
                for ri, r_ in enumerate(rows):
                    row = t.row()
                    bold = (topt.get("bold_last") and ri == len(rows) - 1) or ri in topt.get("bold_rows", ())
                    for val in r_:
                        row.cell(str(val), style=FontFace(emphasis="BOLD") if bold else None)
            pdf.ln(3)
            pdf.set_font(fam, "", body)
        elif kind == "toc":
            pdf.set_font(fam, "B", 12)
            pdf.cell(0, 8, "Sommaire", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font(fam, "", body)
            for i, entry in enumerate(blk[1]):
                page = str(2 + i // 3)
                w_txt = pdf.get_string_width(entry)
                w_avail = pdf.w - pdf.l_margin - pdf.r_margin - 10
                dots = "." * max(3, int((w_avail - w_txt) / pdf.get_string_width(".")) - 2)
                pdf.cell(w_avail, lh + 1, f"{entry} {dots}")
                pdf.cell(10, lh + 1, page, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "break":
            pdf.add_page()
    if encrypt:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(
            owner_password=encrypt + "-owner",
            user_password=encrypt,
            encryption_method=EncryptionMethod.RC4,
        )
    return bytes(pdf.output())


def render_html(blocks: list, opts: dict) -> str:
    import html as h

    css = opts.get("font", "Arial, Helvetica, sans-serif")
    out = [
        "<!DOCTYPE html>",
        "<html><head><meta charset=\"utf-8\"></head>",
        f"<body style=\"font-family: {css}; font-size: 14px; color: #222;\">",
    ]
    for blk in blocks:
        kind = blk[0]
        if kind == "title":
            out.append(f"<h1 style=\"font-size:20px;color:#7a2e5d\">{h.escape(blk[1])}</h1>")
        elif kind == "subtitle":
            out.append(f"<p><em>{h.escape(blk[1])}</em></p>")
        elif kind == "h":
            out.append(f"<h2 style=\"font-size:16px;color:#7a2e5d;margin-top:18px\">{h.escape(blk[1])}</h2>")
        elif kind in ("p", "small"):
            out.append(f"<p>{h.escape(blk[1])}</p>")
        elif kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{h.escape(i)}</li>" for i in blk[1]) + "</ul>")
        elif kind == "table":
            header, rows, topt = blk[1], blk[2], blk[3] if len(blk) > 3 else {}
            align = topt.get("align", "L" + "R" * (len(header) - 1))
            al = {"L": "left", "R": "right", "C": "center"}
            out.append("<table border=\"1\" cellpadding=\"5\" cellspacing=\"0\" style=\"border-collapse:collapse\">")
            out.append("<tr>" + "".join(f"<th style=\"background:#f1e6ee\">{h.escape(c)}</th>" for c in header) + "</tr>")
            for row in rows:
                out.append(
                    "<tr>"
                    + "".join(
                        f"<td style=\"text-align:{al[align[i]]}\">{h.escape(str(c)).replace(chr(10), '<br>')}</td>"
                        for i, c in enumerate(row)
                    )
                    + "</tr>"
                )
            out.append("</table>")
        elif kind == "break":
            out.append("<hr>")
    out.append(opts.get("signature_html", ""))
    out.append("</body></html>")
    return "\n".join(out)


def render_text(blocks: list, opts: dict) -> str:
    """Plain text, as typed in a text editor or a mail client."""
    mode = opts.get("heading", "underline")
    width = opts.get("width", 78)
    import textwrap

    out: list[str] = []
    for blk in blocks:
        kind = blk[0]
        if kind == "title":
            out += [blk[1].upper(), "=" * min(width, len(blk[1])), ""]
        elif kind == "subtitle":
            out += [blk[1], ""]
        elif kind == "h":
            if mode == "underline":
                out += ["", blk[1], "-" * len(blk[1]), ""]
            elif mode == "caps":
                out += ["", blk[1].upper(), ""]
            else:
                out += ["", f"## {blk[1]}", ""]
        elif kind in ("p", "small"):
            out += textwrap.wrap(blk[1], width) + [""]
        elif kind == "bullets":
            for item in blk[1]:
                wrapped = textwrap.wrap(item, width - 4)
                out.append("  - " + wrapped[0])
                out += ["    " + w for w in wrapped[1:]]
            out.append("")
        elif kind == "table":
            header, rows = blk[1], blk[2]
            table = [header] + [[str(c).replace("\n", " / ") for c in r] for r in rows]
            n = len(header)
            w = [max(len(r[i]) for r in table) for i in range(n)]
            for ri, r in enumerate(table):
                cells = [r[0].ljust(w[0])] + [r[i].rjust(w[i]) for i in range(1, n)]
                out.append("  ".join(cells).rstrip())
                if ri == 0:
                    out.append("  ".join("-" * x for x in w))
            out.append("")
        elif kind == "break":
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def soffice_convert(data: bytes, src_ext: str, target: str, out_ext: str) -> bytes:
    """Convert with LibreOffice; results cached by input hash so reruns are identical."""
    key = hashlib.sha256(data + target.encode()).hexdigest()[:24]
    cached = CACHE_DIR / f"{key}.{out_ext}"
    if cached.exists():
        return cached.read_bytes()
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"document.{src_ext}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out = (Path(tmp) / f"document.{out_ext}").read_bytes()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(out)
    return out


def render_xlsx(sheets: list[tuple[str, list[list], dict]], opts: dict) -> bytes:
    """sheets: (title, rows, {"money_cols": [..], "bold_rows": [..], "widths": [..]})."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.properties.creator = opts.get("author", "")
    wb.properties.created = FIXED_DT.replace(tzinfo=None)
    wb.properties.modified = FIXED_DT.replace(tzinfo=None)
    first = True
    for title, rows, sopt in sheets:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        for r in rows:
            ws.append(r)
        fmt = sopt.get("number_format", '#,##0 "€"')
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)):
                    c.number_format = fmt
        for ri in sopt.get("bold_rows", []):
            for c in ws[ri]:
                c.font = Font(bold=True)
                if ri == sopt.get("header_row", 1):
                    c.fill = PatternFill("solid", fgColor="DDE6F0")
        for i, w in enumerate(sopt.get("widths", [52, 16, 16, 16])):
            ws.column_dimensions["ABCDEFG"[i]].width = w
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


def png_logo(text: str, color: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (220, 64), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((2, 2, 60, 60), 10, fill=color)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 17)
    d.text((70, 20), text, fill=color, font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def scanned_pdf(lines: list[str], seed: int) -> bytes:
    """A signed letter printed and scanned: one page image, no text layer."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    w, hgt = 1240, 1754  # A4 at 150 dpi
    img = Image.new("L", (w, hgt), 246)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 25)
    y = 160
    for ln in lines:
        d.text((140, y), ln, fill=35, font=font)
        y += 44 if ln else 30
    # a signature scribble
    pts = [(760 + i * 9, y + 60 + int(18 * rng.random()) - (i % 3) * 6) for i in range(28)]
    d.line(pts, fill=40, width=3)
    for _ in range(2500):  # scanner dust
        x, yy = rng.randrange(w), rng.randrange(hgt)
        d.point((x, yy), fill=rng.randrange(120, 220))
    img = img.rotate(0.6, fillcolor=240, resample=Image.BICUBIC).filter(ImageFilter.GaussianBlur(0.6))
    jpg = io.BytesIO()
    img.save(jpg, format="JPEG", quality=70)
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DT)
    pdf.set_creator("Canon iR-ADV C3525 Scan")
    pdf.add_page()
    pdf.image(io.BytesIO(jpg.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def corrupt_bytes(valid: bytes, seed: int, keep: float = 0.45) -> bytes:
    """A damaged file: the real start, then garbage (a failed transfer or a bad disk)."""
    rng = random.Random(seed)
    head = valid[: int(len(valid) * keep)]
    if valid.startswith(b"%PDF"):
        # keep only the header line, so nothing can be recovered from the objects
        head = valid[:9]
    return head + bytes(rng.randrange(256) for _ in range(2048))


# =============================================================================== text banks
# Headings an applicant might use for each part (the call's own words are only one option).

HEADINGS = {
    "contexte": [
        "Contexte", "Genèse du projet", "Constat de départ", "Contexte et origine de la démarche",
        "Le point de départ", "Pourquoi ce projet ?", "Éléments de contexte", "Situation actuelle",
    ],
    "objectifs": [
        "Objectifs", "Nos ambitions", "Finalités du projet", "Ce que nous visons",
        "Objectifs poursuivis", "Objectifs généraux et opérationnels", "Buts du projet",
    ],
    "problematique": [
        "Problématique", "Ce que nous cherchons à résoudre", "Enjeux", "La question posée",
        "Questionnement", "Problème à traiter", "Question de recherche-action",
    ],
    "cibles": [
        "Cibles", "Qui est concerné ?", "Publics bénéficiaires", "Publics visés", "Bénéficiaires",
        "À qui s'adresse le projet ?", "Publics et structures ciblés",
    ],
    "methodologie": [
        "Méthodologie", "Comment nous allons procéder", "Démarche d'intervention",
        "Déroulé méthodologique", "Approche et méthodes", "Notre méthode", "Modalités d'intervention",
    ],
    "phasage": [
        "Phasage", "Feuille de route", "Chronogramme", "Jalons", "Calendrier prévisionnel",
        "Étapes et calendrier", "Planning de réalisation",
    ],
    "pilotage": [
        "Pilotage", "Gouvernance", "Comité de pilotage", "Pilotage et comitologie",
        "Organisation du pilotage", "Instances de suivi", "Gouvernance du projet",
    ],
    "resultats": [
        "Résultats escomptés", "Ce que le projet produira", "Effets attendus", "Livrables et résultats",
        "Impacts attendus", "Productions attendues",
    ],
    "perennisation": [
        "Pérennisation", "Et après ?", "Diffusion et transfert", "Essaimage", "Suites et essaimage",
        "Pérennité et diffusion", "Capitalisation et essaimage",
    ],
    "partenaires": [
        "Partenaires", "Nos partenaires", "Consortium", "Partenaires mobilisés", "Les acteurs associés",
        "Partenariats et contributions", "Partenaires et rôle de chacun",
    ],
}
BUDGET_HEADINGS = [
    "Budget prévisionnel", "Plan de financement", "Budget détaillé", "Coûts et financement",
    "Moyens financiers", "Budget et financements",
]

TODO_TEXTS = ["À compléter.", "[À compléter]", "(à compléter par l'équipe)", "À compléter"]


def _fill(tpl: str, p: dict) -> str:
    return tpl.format(**p)


CONTEXTE = [
    "Depuis plusieurs années, {org_short} accompagne des acteurs de {sector}. {constat} "
    "Le projet s'appuie sur {origin}, qui a fait apparaître un besoin d'espaces où ces "
    "transformations puissent être discutées avant d'être subies. Trop souvent, le choix des "
    "{tech} reste l'affaire des services informatiques et des prestataires.",
    "{constat} {in1_uc} comme {in2}, les {structures} que nous rencontrons décrivent la "
    "même difficulté : les outils sont choisis loin de celles et ceux qui les utiliseront, puis "
    "ajustés au fil de l'eau, sans lieu pour en parler. Ce constat est documenté par {origin}.",
    "Le projet {acr} est né d'un constat partagé avec nos partenaires : {constat_lc} {origin_uc} "
    "l'a confirmé. L'accord-cadre européen de juin 2020 sur la numérisation invite précisément à "
    "faire du dialogue social un levier de ces transformations ; c'est dans cette perspective que "
    "nous inscrivons notre démarche.",
    "{origin_uc} a servi de point de départ. {constat} Pour les directions comme pour les "
    "représentants du personnel, la question n'est plus de savoir s'il faut s'équiper {tech_de}, "
    "mais comment le faire sans dégrader les conditions de travail.",
]
PROBLEMATIQUE = [
    "{question} Autrement dit : comment faire des choix technologiques un objet de dialogue "
    "professionnel et social, et non une décision prise en dehors du travail ?",
    "La difficulté que nous cherchons à lever tient en une question : {question_lc} Les démarches "
    "existantes traitent soit de l'outil (formation, accompagnement au changement), soit des "
    "relations sociales, rarement des deux ensemble.",
    "Nous faisons l'hypothèse que les difficultés rencontrées ne sont pas d'abord techniques mais "
    "organisationnelles. {question} C'est ce déplacement du regard, de l'outil vers le travail, "
    "que le projet veut rendre possible.",
]
CIBLES = [
    ("p", "Le projet s'adresse en priorité {public_a}. Il concerne {n} {structures} volontaires "
     "{in1} et {in2}, de 10 à 250 salariés, soit environ {m} personnes."),
    ("bullets", "Nous visons quatre publics, dans {n} {structures} participantes ({terr1}, {terr2}) :", [
        "les salariés directement concernés par les {tech} ;",
        "l'encadrement de proximité et les directions, qui décident des usages ;",
        "les représentants du personnel (CSE, délégués syndicaux, commissions paritaires) ;",
        "les fournisseurs et intégrateurs de solutions, associés aux ateliers.",
    ]),
    ("p", "Les bénéficiaires directs sont {public}, dans {n} {structures}. Indirectement, le "
     "projet intéresse les branches professionnelles et les acteurs du conseil qui accompagnent "
     "ces structures. Au total, environ {m} personnes participeront à au moins une étape."),
]
METHODO = [
    "La démarche s'organise autour d'ateliers de dialogue réunissant, dans chaque structure, des "
    "salariés, des managers et des élus. Nous partons de situations de travail concrètes, "
    "observées en amont par un ergonome, que nous mettons en discussion à l'aide de supports "
    "visuels. Les scénarios d'usage des {tech} sont ensuite prototypés, testés quelques semaines "
    "puis évalués collectivement. Des rencontres inter-structures permettent de croiser les "
    "pratiques d'un territoire à l'autre ({terr1}, {terr2}).",
    "Notre méthode combine trois outils : une observation du travail réel (entretiens, suivis "
    "d'activité, journaux de bord), des ateliers de conception participative, et une instance "
    "paritaire ad hoc qui statue sur les ajustements à apporter. Chaque structure bénéficie de "
    "six demi-journées d'intervention, complétées par deux journées collectives qui réunissent "
    "l'ensemble des participants.",
    "Nous procéderons par recherche-action. Un diagnostic partagé ouvre la démarche ; il est suivi "
    "de la co-construction d'un accord de méthode entre direction et représentants du personnel, "
    "puis de l'expérimentation de nouvelles règles d'usage des {tech}. Chaque expérimentation fait "
    "l'objet d'un protocole d'évaluation défini avec les participants eux-mêmes.",
    "Concrètement, nous allons d'abord écouter : une vingtaine d'entretiens et des observations "
    "en situation dans chaque structure. Nous allons ensuite mettre autour de la table ceux qui "
    "utilisent, ceux qui décident et ceux qui conçoivent les outils, avec des méthodes issues du "
    "design (cartes d'usage, maquettes, jeux de rôle). Enfin, nous testerons en conditions réelles "
    "les arrangements trouvés, et nous en mesurerons les effets sur la charge de travail.",
]
PILOTAGE = [
    "Un comité de pilotage réunit {org_short}, les partenaires du projet et un représentant de "
    "l'Anact ; il se tient chaque trimestre. Il valide le passage d'une étape à l'autre, arbitre "
    "les choix méthodologiques et suit l'exécution budgétaire. Un comité technique, composé de "
    "l'équipe projet et des référents de chaque structure, se réunit toutes les trois semaines.",
    "La gouvernance repose sur deux instances : un comité stratégique paritaire (directions, "
    "représentants du personnel, partenaires sociaux du territoire) réuni trois fois par an, et "
    "une équipe opérationnelle qui se retrouve tous les quinze jours. Les comptes rendus sont "
    "partagés avec l'ensemble des participants sur un espace en ligne.",
    "Le pilotage est assuré par {lead}, au sein de {org_short}, qui rend compte à un comité de "
    "suivi composé des partenaires et des structures participantes. Ce comité se réunit à chaque "
    "jalon (lancement, mi-parcours, clôture) ; un point mensuel avec les référents permet "
    "d'ajuster le calendrier.",
]
RESULTATS_INTRO = [
    "Le projet produira :",
    "Nous attendons des effets à trois niveaux — dans les structures participantes, pour les "
    "partenaires sociaux et pour l'écosystème de l'accompagnement. Les productions seront les "
    "suivantes :",
    "À la fin du projet, nous aurons livré :",
]
PERENNISATION = [
    "Les outils seront publiés sous licence Creative Commons (CC BY-SA) et mis à disposition du "
    "réseau Anact-Aract. Nous proposerons un module de formation aux consultants et aux élus afin "
    "que la démarche puisse être reprise sans nous. La diffusion passera par {diffusion}.",
    "La pérennité repose d'abord sur l'appropriation par les acteurs eux-mêmes : les règles "
    "d'usage négociées ont vocation à être intégrées aux accords d'entreprise. Pour l'essaimage, "
    "nous nous appuierons sur {diffusion}. Par la suite, {essaimage}",
    "Nous visons la transférabilité dès la conception : chaque outil est testé dans au moins deux "
    "contextes différents. Une journée de partage sera organisée avec {diffusion}, et un kit "
    "d'animation sera diffusé gratuitement. Au-delà de la durée du projet, {essaimage}",
]

PHASE_NAMES = {
    2: [("Diagnostic et ateliers", "observations, entretiens et premiers ateliers de dialogue"),
        ("Expérimentation et capitalisation", "tests en situation réelle, évaluation et rédaction des ressources")],
    3: [("Cadrage et diagnostic partagé", "recrutement des structures, entretiens et observations"),
        ("Ateliers et expérimentations", "ateliers de dialogue, prototypage et tests des nouvelles règles d'usage"),
        ("Évaluation, capitalisation et restitution", "bilan avec les participants, rédaction du guide, séminaire de restitution")],
    4: [("Lancement et constitution du collectif", "réunion de lancement, choix des structures, accord de méthode"),
        ("Diagnostic des situations de travail", "observations et entretiens dans chaque structure"),
        ("Conception et expérimentation", "ateliers de conception participative et tests en conditions réelles"),
        ("Évaluation et diffusion", "évaluation croisée, production des ressources, journée de restitution")],
    5: [("Cadrage", "installation du comité de pilotage et choix des terrains"),
        ("Observation du travail réel", "entretiens, observations et journaux de bord"),
        ("Ateliers de dialogue", "mise en discussion des situations observées"),
        ("Tests des nouvelles règles d'usage", "expérimentation et suivi des effets"),
        ("Bilan et essaimage", "évaluation, rédaction et restitution publique")],
}


DEFAULT_OBJECTIVES = [
    ["permettre {public_a} de mettre en discussion les effets des {tech} sur leur travail",
     "expérimenter dans {n} {structures} des règles d'usage négociées et évaluées collectivement",
     "produire des ressources ouvertes pour que d'autres structures puissent reprendre la démarche"],
    ["outiller le dialogue social de proximité sur les choix {tech_de}",
     "faire travailler ensemble utilisateurs, encadrement, élus et fournisseurs de solutions",
     "capitaliser une méthode transférable à d'autres territoires et d'autres secteurs"],
]
DEFAULT_LIVRABLES = [
    ["un guide pratique illustré de situations réelles, publié sous licence libre",
     "des règles d'usage négociées dans chaque structure participante",
     "une grille d'évaluation des effets sur les conditions de travail",
     "un séminaire de restitution ouvert aux partenaires sociaux"],
    ["un kit d'animation d'ateliers (cartes, fiches, gabarits)",
     "une note de capitalisation destinée au réseau Anact-Aract",
     "des vidéos courtes de témoignages",
     "un module de sensibilisation pour les élus et les managers"],
]


def _contract(p: dict) -> dict:
    """Elided / contracted forms the templates need ("d'applications", "aux compagnons")."""
    out = dict(p)
    tech, public = p.get("tech", ""), p.get("public", "")
    out["tech_de"] = ("d'" if tech[:1].lower() in "aeiouyéèh" else "de ") + tech
    a = ("aux " + public[4:]) if public.startswith("les ") else "à " + public
    for x, y in ((", les ", ", aux "), (" et les ", " et aux "), (", leurs ", ", à leurs "), (" et leurs ", " et à leurs ")):
        a = a.replace(x, y)
    out["public_a"] = a
    return out


def persona_fields(p: dict) -> dict:
    p = _contract(p)
    f = dict(p)
    f["constat_lc"] = lc_first(p["constat"])
    f["origin_uc"] = uc_first(p["origin"])
    f["question_lc"] = lc_first(p["question"])
    f["in1_uc"] = uc_first(p["in1"])
    f.setdefault("objectives", [x.format(**p) for x in DEFAULT_OBJECTIVES[len(p["acr"]) % 2]])
    f.setdefault("livrables", [x.format(**p) for x in DEFAULT_LIVRABLES[len(p["org"]) % 2]])
    f.setdefault("essaimage", "nous proposerons la démarche à d'autres branches professionnelles.")
    f.setdefault("diffusion", "le réseau Anact-Aract et les organisations professionnelles du secteur")
    return f


def section_blocks(sid: str, case: Case, rng: random.Random) -> list:
    """The content of one part of the description, as blocks."""
    p = persona_fields(case.persona)
    v = case.opts.get("variants", {}).get(sid)
    pick = (lambda seq: seq[v % len(seq)]) if v is not None else rng.choice
    if sid == "contexte":
        return [("p", _fill(pick(CONTEXTE), p))]
    if sid == "objectifs":
        objs = p["objectives"]
        style = pick(["bullets", "prose", "numbered"])
        if style == "bullets":
            return [("p", "Le projet poursuit trois objectifs :"),
                    ("bullets", [uc_first(o) + (" ;" if i < len(objs) - 1 else ".") for i, o in enumerate(objs)])]
        if style == "numbered":
            return [("p", f"Objectif {i + 1} — {uc_first(o)}.") for i, o in enumerate(objs)]
        return [("p", f"Notre ambition est double. D'une part, {objs[0]}. D'autre part, {objs[1]}. "
                      f"À plus long terme, il s'agit de {objs[2]}.")]
    if sid == "problematique":
        return [("p", _fill(pick(PROBLEMATIQUE), p))]
    if sid == "cibles":
        c = pick(CIBLES)
        if c[0] == "p":
            return [("p", _fill(c[1], p))]
        return [("p", _fill(c[1], p)), ("bullets", [_fill(x, p) for x in c[2]])]
    if sid == "methodologie":
        return [("p", _fill(pick(METHODO), p))]
    if sid == "phasage":
        return phasage_blocks(case)
    if sid == "pilotage":
        return [("p", _fill(pick(PILOTAGE), p))]
    if sid == "resultats":
        intro = pick(RESULTATS_INTRO)
        return [("p", intro), ("bullets", [uc_first(x) for x in p["livrables"]])]
    if sid == "perennisation":
        return [("p", _fill(pick(PERENNISATION), p))]
    if sid == "partenaires":
        return partner_blocks(case, pick)
    raise KeyError(sid)


def phasage_blocks(case: Case) -> list:
    ph = case.phasing
    assert ph is not None
    names = PHASE_NAMES[len(ph.months)]
    bounds = ph.bounds()
    # a project ending in December 2023 must state its day: "décembre 2023" alone is ambiguous
    (_, (ey, em)) = bounds[-1]
    assert not ((ey, em) == (2023, 12) and not ph.last_day), case.id
    last = len(bounds) - 1
    if ph.style == "durations":
        total = sum(ph.months)
        (sy, sm) = ph.start
        items = [f"Phase {i + 1} — {n} ({d} mois) : {desc}." for i, ((n, desc), d) in enumerate(zip(names, ph.months, strict=False))]
        return [
            ("p", f"Le projet démarrera en {month_name(sy, sm)}, dès la notification, pour une durée "
                  f"totale de {total} mois, organisée en {len(ph.months)} phases successives :"),
            ("bullets", items),
        ]
    if ph.style == "table":
        rows = [[f"{i + 1}. {n}", period(s, e, ph.last_day if i == last else None), uc_first(desc)]
                for i, ((n, desc), (s, e)) in enumerate(zip(names, bounds, strict=False))]
        return [("table", ["Étape", "Période", "Contenu et livrables"], rows, {"align": "LLL", "widths": (55, 45, 70)})]
    if ph.style == "jalons":
        items = []
        for i, ((n, desc), (_s, e)) in enumerate(zip(names, bounds, strict=False)):
            if i == last and ph.last_day:
                when = f"{ph.last_day} {month_name(*e)}"
            else:
                when = f"fin {month_name(*e)}"
            items.append(f"J{i + 1} — {when} : fin de la phase « {lc_first(n)} » ({desc}).")
        (sy, sm) = ph.start
        return [("p", f"Lancement : {month_name(sy, sm)}. Les jalons ci-dessous rythment le projet :"),
                ("bullets", items)]
    if ph.style == "prose":
        parts = []
        for i, ((n, desc), (s, e)) in enumerate(zip(names, bounds, strict=False)):
            parts.append(f"la phase « {lc_first(n)} » se déroule sur la période {period(s, e, ph.last_day if i == last else None)} ({desc})")
        (ey, em) = bounds[-1][1]
        end = f"{ph.last_day} {month_name(ey, em)}" if ph.last_day else month_name(ey, em)
        return [("p", uc_first("; ".join(parts)) + f". Le projet s'achève en {end}." if not ph.last_day
                 else uc_first("; ".join(parts)) + f". Le projet s'achève le {end}.")]
    items = [f"Phase {i + 1} – {n} ({period(s, e, ph.last_day if i == last else None)}) : {desc}."
             for i, ((n, desc), (s, e)) in enumerate(zip(names, bounds, strict=False))]
    return [("bullets", items)]


def partner_blocks(case: Case, pick) -> list:
    p = case.persona
    partners = p["partners"]
    style = case.opts.get("partners_style") or pick(["bullets", "table"] + (["prose"] if p.get("partners_prose") else []))
    lead_in = []
    if case.opts.get("partners_mention_applicant"):
        lead_in = [("p", f"{p['org']}, porteur du projet, en assure la coordination d'ensemble et "
                         f"la gestion administrative. Il s'entoure des partenaires suivants.")]
    if style == "table":
        rows = [[n, uc_first(c)] for n, c in partners]
        return lead_in + [("table", ["Partenaire", "Contribution attendue"], rows, {"align": "LL", "widths": (70, 100)})]
    if style == "prose":  # only applicants who wrote their own paragraph
        return lead_in + [("p", p["partners_prose"])]
    return lead_in + [("bullets", [f"{n} : {c}." for n, c in partners])]


# ------------------------------------------------------------------------------ budgets

CAT_TITLES = {
    "personnel": "Dépenses de personnel",
    "deplacements_logistique": "Frais de déplacement et de logistique",
    "prestations": "Achats de prestations",
}


def budget_blocks(case: Case, head: str) -> list:
    """The budget written inside the description document (or the body)."""
    b = case.budget
    assert b is not None
    m = lambda x: money(x, b.money)  # noqa: E731
    out: list = [("h", head)]
    if b.style == "prose":
        return out + budget_prose(b)
    if b.style == "years":
        rows = []
        for x in b.lines:
            y22 = round(x.amount * 0.3 / 100) * 100
            rows.append([x.label, m(y22), m(x.amount - y22), m(x.amount)])
        t22 = sum(round(x.amount * 0.3 / 100) * 100 for x in b.lines)
        rows.append(["Total", m(t22), m(b.declared_total - t22), m(b.declared_total)])
        out += [("p", "Dépenses prévisionnelles par nature et par année (montants hors taxes) :"),
                ("table", ["Nature de dépense", "2022", "2023", "Total"], rows, {"bold_last": True, "widths": (70, 33, 33, 34)})]
    elif b.style == "htttc":
        rows = [[x.label, m(x.amount), m(x.amount * 0.2), m(x.amount * 1.2)] for x in b.lines]
        rows.append(["Total", m(b.declared_total), m(b.declared_total * 0.2), m(b.declared_total * 1.2)])
        out += [("table", ["Poste", "Montant HT", "TVA 20 %", "Montant TTC"], rows, {"bold_last": True, "widths": (74, 32, 32, 32)})]
    elif b.style == "grouped":
        rows, bold = [], []
        for cat in ("personnel", "deplacements_logistique", "prestations"):
            ls = [x for x in b.lines if x.cat == cat and not x.ineligible]
            if not ls:
                continue
            bold.append(len(rows))
            rows.append([CAT_TITLES[cat], ""])
            rows += [[f"   {x.label}", m(x.amount)] for x in ls]
        others = [x for x in b.lines if x.ineligible]
        if others:
            bold.append(len(rows))
            rows.append(["Autres dépenses", ""])
            rows += [[f"   {x.label}", m(x.amount)] for x in others]
        if b.show_total:
            rows.append(["TOTAL DES DÉPENSES", m(b.declared_total)])
        out += [("table", ["Dépenses", "Montant"], rows, {"bold_rows": tuple(bold), "bold_last": b.show_total, "widths": (120, 50)})]
    else:  # "lines"
        rows = [[x.label, m(x.amount)] for x in b.lines]
        if b.show_total:
            rows.append(["Coût total du projet", m(b.declared_total)])
        out += [("table", ["Poste de dépense", "Montant HT"], rows, {"bold_last": b.show_total, "widths": (120, 50)})]
    out += resources_blocks(b, m)
    return out


def resources_blocks(b: Budget, m) -> list:
    rows = [[r.label, r.status or "—", m(r.amount)] for r in b.resources]
    if b.show_total:
        rows.append(["Total des ressources", "", m(sum(r.amount for r in b.resources))])
    return [("p", "Plan de financement :"),
            ("table", ["Financeur", "Statut", "Montant"], rows, {"bold_last": b.show_total, "align": "LLR", "widths": (90, 40, 40)})]


def budget_prose(b: Budget) -> list:
    m = lambda x: money(x, b.money)  # noqa: E731
    parts = []
    for x in b.lines:
        parts.append(f"{lc_first(x.label)} pour {m(x.amount)}")
    anact = b.anact or 0
    cof = b.cofin
    cof_txt = ", ".join(f"{lc_first(r.label)} ({m(r.amount)}{', ' + r.status if r.status else ''})" for r in cof[:-1])
    cof_txt = (cof_txt + " et " if cof_txt else "") + (
        f"{lc_first(cof[-1].label)} ({m(cof[-1].amount)}{', ' + cof[-1].status if cof[-1].status else ''})" if cof else "")
    total = b.declared_total if b.declared_total is not None else b.lines_sum
    return [
        ("p", f"Le coût total du projet est estimé à {money(total, 'ht')}, dont {m(anact)} sollicités "
              f"auprès de l'Anact. Le solde, soit {m(sum(r.amount for r in cof))}, est couvert par {cof_txt}."),
        ("p", "Les dépenses se décomposent comme suit : " + ", ".join(parts[:-1]) + " et " + parts[-1] + ". "
              "Tous les montants sont exprimés hors taxes."),
    ]


def xlsx_budget(case: Case, layout: str) -> bytes:
    b = case.budget
    assert b is not None
    author = case.persona["sender"]
    if layout == "xlsx2":
        names = case.opts.get("sheet_names", ("Dépenses", "Recettes"))
        dep = [["Poste de dépense", "Nature", "Montant HT"]]
        nature = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
                  "prestations": "Prestations", "autre": "Autre"}
        for x in b.lines:
            dep.append([x.label, nature[x.category if not x.ineligible else "autre"], x.amount])
        dep.append(["TOTAL", "", b.declared_total])
        rec = [["Ressource", "Statut", "Montant"]]
        for r in b.resources:
            rec.append([r.label, r.status, r.amount])
        rec.append(["TOTAL", "", sum(r.amount for r in b.resources)])
        return render_xlsx([
            (names[0], dep, {"bold_rows": [1, len(dep)], "widths": [50, 26, 16]}),
            (names[1], rec, {"bold_rows": [1, len(rec)], "widths": [50, 26, 16]}),
        ], {"author": author})
    # one sheet: expenses then resources, a title row
    rows: list[list] = [[f"Budget prévisionnel — projet {case.persona['acr']}"], [],
                        ["DÉPENSES", "Montant (€ HT)"]]
    for x in b.lines:
        rows.append([x.label, x.amount])
    rows.append(["Total dépenses", b.declared_total])
    rows += [[], ["RESSOURCES", "Montant (€)"]]
    for r in b.resources:
        rows.append([r.label + (f" ({r.status})" if r.status else ""), r.amount])
    rows.append(["Total ressources", sum(r.amount for r in b.resources)])
    bold = [1, 3, 4 + len(b.lines), 6 + len(b.lines), len(rows)]
    return render_xlsx([("Budget", rows, {"bold_rows": bold, "header_row": 3, "widths": [58, 18]})], {"author": author})


# =============================================================================== applicants

def _persona(**kw) -> dict:
    kw.setdefault("org_short", kw["org"])
    return kw


PERSONAS = {
    "tisserands": _persona(
        org="Les Tisserands du Numérique", org_short="la coopérative", kind="société coopérative de conseil",
        city="Lyon", acr="FIL-IA",
        title="FIL-IA — mettre en discussion la planification algorithmique dans les ateliers textiles",
        sector="l'industrie textile et de l'habillement", structures="PME textiles", n=6, m=180,
        tech="logiciels de planification assistée par intelligence artificielle",
        public="les opératrices et opérateurs de production, les chefs d'atelier et les élus des CSE",
        terr1="vallée du Rhône", terr2="Roannais", in1="dans la vallée du Rhône", in2="dans le Roannais",
        constat="Dans les ateliers de confection, les logiciels d'ordonnancement pilotés par algorithme ont réduit "
                "les temps de changement de série, mais ils ont aussi morcelé les journées des opératrices et rendu "
                "les priorités illisibles pour l'encadrement de proximité.",
        origin="une enquête conduite en 2021 auprès de 214 salariés de la filière",
        question="Comment associer les opératrices, l'encadrement et les élus au paramétrage d'outils dont les "
                 "règles de calcul restent opaques, y compris pour les directions qui les achètent ?",
        objectives=["rendre lisibles, pour les équipes, les règles qui gouvernent la planification automatique",
                    "installer dans chaque entreprise un espace de discussion régulier entre utilisateurs, direction, élus et éditeur",
                    "formaliser une méthode transférable à d'autres filières manufacturières"],
        livrables=["un guide « Discuter l'algorithme » illustré de cas réels",
                   "six accords de méthode signés ou en cours de négociation",
                   "une grille d'évaluation des effets de la planification sur la charge de travail",
                   "un webinaire de restitution ouvert aux branches professionnelles"],
        diffusion="les branches professionnelles du textile et le réseau Anact-Aract",
        essaimage="nous proposerons la démarche aux entreprises de la plasturgie de la région, qui utilisent des outils comparables.",
        lead="Claire Vasseur", sender="Claire Vasseur", email="c.vasseur@tisserands-numerique.coop",
        partners=[("Aract Auvergne-Rhône-Alpes", "co-animation des ateliers et apport méthodologique sur les conditions de travail"),
                  ("Union départementale CFDT du Rhône", "mobilisation et formation des élus de CSE"),
                  ("Union des industriels textiles de la Loire", "recrutement des entreprises et relais auprès des directions")],
    ),
    "ouest": _persona(
        org="Ouest Travail & Numérique", org_short="le cabinet", kind="cabinet de conseil", city="Rennes",
        acr="ACCORD-TPE", title="ACCORD-TPE : le logiciel de gestion comme objet de dialogue dans les TPE du bâtiment",
        sector="le bâtiment et les travaux publics", structures="TPE du bâtiment", n=8, m=90,
        tech="applications de pointage mobile et de planification de chantier",
        public="les compagnons, les conducteurs de travaux, les assistantes de gestion et les dirigeants",
        terr1="Ille-et-Vilaine", terr2="Loire-Atlantique", in1="en Ille-et-Vilaine", in2="en Loire-Atlantique",
        constat="Les petites entreprises du bâtiment s'équipent d'applications de pointage et de planification sur "
                "smartphone, souvent sur la recommandation de leur expert-comptable, sans que les compagnons aient "
                "été consultés.",
        origin="une série de 25 entretiens menés en 2021 avec des dirigeants et des salariés de TPE",
        question="Comment organiser un dialogue utile dans des entreprises de moins de vingt salariés, sans instance "
                 "représentative, autour d'outils qui modifient le contrôle du temps de travail ?",
        lead="Yann Le Goff", sender="Yann Le Goff", email="yann.legoff@ouest-travail-numerique.fr",
        partners=[("OPCO des entreprises de proximité (OPCO EP)", "financement des temps de formation et relais auprès des TPE adhérentes"),
                  ("Chambre syndicale du bâtiment d'Ille-et-Vilaine", "identification des entreprises volontaires"),
                  ("Aract Bretagne", "appui méthodologique et capitalisation")],
    ),
    "acu": _persona(
        org="Atelier Commun des Usages", org_short="l'association", kind="association de médiation numérique",
        city="Marseille", acr="GUICHET+",
        title="GUICHET+ : reconnaître le travail de médiation numérique des agents d'accueil",
        sector="la fonction publique territoriale", structures="collectivités", n=5, m=140,
        tech="plateformes de dématérialisation des démarches administratives",
        public="les agents d'accueil, leurs encadrants et les représentants du personnel siégeant en comité social territorial",
        terr1="métropole Aix-Marseille-Provence", terr2="Vaucluse",
        in1="dans la métropole Aix-Marseille-Provence", in2="dans le Vaucluse",
        constat="Depuis la généralisation des guichets numériques, les agents d'accueil des mairies reçoivent des "
                "usagers en difficulté avec des démarches qu'eux-mêmes ne maîtrisent pas toujours ; leur métier "
                "glisse vers une médiation pour laquelle ils n'ont été ni formés ni reconnus.",
        origin="un cycle de rencontres organisé en 2021 avec une quarantaine d'agents d'accueil",
        question="Comment reconnaître et outiller ce travail de médiation invisible, et en faire un objet de "
                 "discussion entre agents, encadrement, élus et prestataires des plateformes ?",
        livrables=["un référentiel des activités de médiation numérique réalisées à l'accueil",
                   "cinq plans d'action négociés en comité social territorial",
                   "un jeu de cartes pour animer des ateliers entre agents et encadrants",
                   "une vidéo de dix minutes présentant la démarche"],
        lead="Nadia Benali", sender="Nadia Benali", email="nadia.benali@atelier-usages.org",
        partners=[("Centre de gestion de la fonction publique territoriale des Bouches-du-Rhône", "mobilisation des collectivités et appui RH"),
                  ("Laboratoire d'économie et de sociologie du travail (LEST)", "observation des situations de travail et analyse"),
                  ("Syndicat Interco CFDT des Bouches-du-Rhône", "participation des représentants du personnel aux ateliers")],
    ),
    "hybrida": _persona(
        org="Collectif Hybrida", org_short="le collectif", kind="association", city="Montpellier",
        acr="HYBRIDE", title="HYBRIDE : le travail à distance dans les centres sociaux, parlons-en !",
        sector="l'éducation populaire", structures="centres sociaux", n=5, m=120,
        tech="outils de travail à distance et messageries d'équipe",
        public="les animateurs, les personnels administratifs, les directions et les administrateurs bénévoles",
        terr1="Hérault", terr2="Gard", in1="dans l'Hérault", in2="dans le Gard",
        constat="Depuis 2020, les centres sociaux ont adopté dans l'urgence visioconférence et messageries d'équipe ; "
                "deux ans plus tard, les salariés décrivent une joignabilité permanente et une coupure croissante "
                "entre ceux qui sont sur le terrain et ceux qui travaillent à distance.",
        origin="un questionnaire diffusé au printemps 2022 dans notre réseau (312 réponses)",
        question="Comment construire, dans de petites associations employeuses, des règles d'usage des outils à "
                 "distance qui protègent le collectif de travail sans renoncer à la souplesse gagnée ?",
        lead="Julien Roux", sender="Julien Roux", email="julien.roux@collectif-hybrida.org",
        partners=[("Aract Occitanie", "appui méthodologique et participation au groupe de travail"),
                  ("Union régionale des Scop d'Occitanie", "partage d'expériences de gouvernance coopérative"),
                  ("Fédération des centres sociaux du Gard", "mobilisation des centres et relais auprès des administrateurs")],
    ),
    "trame": _persona(
        org="Laboratoire TRAME (Université de Lille)", org_short="le laboratoire", kind="laboratoire de recherche",
        city="Villeneuve-d'Ascq", acr="TRAME",
        title="TRAME — Travail, relation usager et automatisation des messageries",
        sector="la protection sociale et du logement social", structures="organismes", n=4, m=160,
        tech="agents conversationnels et outils de tri automatique des demandes",
        public="les conseillers en relation usager, leurs managers et les représentants du personnel",
        terr1="métropole lilloise", terr2="bassin minier", in1="dans la métropole lilloise", in2="dans le bassin minier",
        constat="Les mutuelles et les bailleurs sociaux automatisent le premier niveau de réponse aux usagers ; les "
                "conseillers héritent des demandes les plus complexes, souvent sans information sur ce que la machine "
                "a déjà répondu.",
        origin="une étude exploratoire menée en 2021-2022 dans deux organismes de la région",
        question="Comment associer les conseillers à la conception des scénarios de réponse automatique, pour que "
                 "l'automatisation allège réellement leur travail au lieu de le déplacer ?",
        diffusion="le réseau Anact-Aract, les fédérations professionnelles et les revues de sciences sociales du travail",
        essaimage="nous souhaitons, à partir de 2024, transférer la démarche vers les caisses d'allocations familiales "
                  "qui nous ont fait part de leur intérêt.",
        lead="la professeure Hélène Dufresne", sender="Hélène Dufresne", email="helene.dufresne@univ-lille.fr",
        partners=[("Aract Hauts-de-France", "co-animation des ateliers et apport d'expertise sur les conditions de travail"),
                  ("Mutuelle Solidaris Nord", "terrain d'expérimentation et mise à disposition de données d'activité"),
                  ("Union régionale CFE-CGC Hauts-de-France", "participation des représentants du personnel au comité de suivi"),
                  ("Lille Design", "accompagnement en design de service pour le prototypage des scénarios")],
    ),
    "communs": _persona(
        org="Les Communs du Travail", org_short="l'association", kind="association loi 1901", city="Toulouse",
        acr="OUTILS-COMMUNS", title="Outils communs : des logiciels libres discutés par celles et ceux qui les utilisent",
        sector="l'économie sociale et solidaire", structures="structures de l'ESS", n=7, m=150,
        tech="outils collaboratifs libres",
        public="les salariés et bénévoles des associations, leurs responsables et les délégués du personnel",
        terr1="Haute-Garonne", terr2="Tarn", in1="en Haute-Garonne", in2="dans le Tarn",
        constat="Beaucoup d'associations ont quitté les suites logicielles des grands éditeurs pour des outils libres, "
                "par conviction ; la migration a pourtant été vécue par une partie des équipes comme une charge "
                "supplémentaire, décidée sans elles.",
        origin="le bilan de dix migrations accompagnées par notre association entre 2019 et 2021",
        question="Comment faire des choix d'outils numériques dans l'ESS une occasion de dialogue sur le travail, "
                 "cohérente avec les valeurs que ces structures défendent ?",
        lead="Mathilde Garrigue", sender="Mathilde Garrigue", email="contact@communs-du-travail.org",
        partners_prose="Trois partenaires sont mobilisés. La Chambre régionale de l'économie sociale et solidaire "
                       "d'Occitanie mobilisera les structures participantes et diffusera les résultats dans son réseau. "
                       "La Coopérative Ekipage hébergera les outils libres et assurera l'assistance technique pendant "
                       "les expérimentations. Le Laboratoire CERTOP évaluera les effets du projet sur le travail et en "
                       "proposera une analyse sociologique. Chacun a confirmé son engagement par écrit.",
        partners=[("Chambre régionale de l'économie sociale et solidaire d'Occitanie", "mobilisation des structures et diffusion des résultats"),
                  ("Coopérative Ekipage", "hébergement des outils et assistance technique pendant les expérimentations"),
                  ("Laboratoire CERTOP", "évaluation des effets sur le travail et analyse sociologique")],
    ),
    "sextant": _persona(
        org="Sextant RH", org_short="le cabinet", kind="cabinet de conseil en ressources humaines", city="Caen",
        acr="PROPRE-NUM", title="PROPRE-NUM : géolocalisation et contrôle qualité dans la propreté, un dialogue à construire",
        sector="la propreté", structures="entreprises de propreté", n=5, m=200,
        tech="applications de contrôle qualité et de géolocalisation des équipes",
        public="les agents de propreté, les chefs d'équipe, les inspecteurs et les élus",
        terr1="Calvados", terr2="Manche", in1="dans le Calvados", in2="dans la Manche",
        constat="Les entreprises de propreté généralisent les applications qui horodatent le passage des agents et "
                "notent la qualité des prestations ; les agents, souvent seuls sur site et en horaires décalés, "
                "vivent ces outils comme une surveillance.",
        origin="un diagnostic réalisé en 2021 avec la commission santé de la branche en Normandie",
        question="Comment transformer des outils pensés pour le contrôle en supports de dialogue sur la qualité du "
                 "travail, dans un secteur où les agents sont dispersés et peu représentés ?",
        lead="Antoine Mercier", sender="Antoine Mercier", email="a.mercier@sextant-rh.fr",
        partners=[("Aract Normandie", "co-construction des ateliers et capitalisation"),
                  ("Fédération des entreprises de propreté de Normandie", "mobilisation des entreprises"),
                  ("CFDT Services Normandie", "association des élus et des agents")],
    ),
    "kairos": _persona(
        org="Kairos Ergonomie", org_short="Kairos", kind="cabinet d'ergonomie", city="Clermont-Ferrand",
        acr="VOIX-ENTREPÔT", title="VOIX-ENTREPÔT : la préparation guidée par la voix en débat",
        sector="la logistique", structures="entrepôts", n=4, m=260,
        tech="systèmes de commande vocale et terminaux de préparation guidée",
        public="les préparateurs de commandes, les chefs d'équipe et les élus des CSE",
        terr1="Puy-de-Dôme", terr2="Allier", in1="dans le Puy-de-Dôme", in2="dans l'Allier",
        constat="Dans les entrepôts, la commande vocale dicte désormais chaque geste et mesure la productivité en "
                "continu ; les troubles musculosquelettiques et le sentiment de perte d'autonomie progressent.",
        origin="une analyse des données de sinistralité fournie par la Carsat pour 2019-2021",
        question="Comment rouvrir des marges de manœuvre pour les préparateurs dans des systèmes conçus pour les "
                 "réduire, et qui doit en décider ?",
        lead="Sébastien Faure", sender="Sébastien Faure", email="s.faure@kairos-ergonomie.fr",
        partners=[("Carsat Auvergne", "apport de données de santé au travail et expertise prévention"),
                  ("Union départementale FO du Puy-de-Dôme", "mobilisation des élus"),
                  ("Cluster Auvergne Logistique", "recrutement des entrepôts et diffusion")],
    ),
    "bordeaux": _persona(
        org="Chaire Travail et Transitions — Université de Bordeaux", org_short="la chaire", kind="chaire universitaire",
        city="Bordeaux", acr="TRANSMETTRE",
        title="TRANSMETTRE : le dossier de soins informatisé au cœur du dialogue professionnel en EHPAD",
        sector="le médico-social", structures="EHPAD", n=5, m=230,
        tech="tablettes de transmissions et dossiers de soins informatisés",
        public="les aides-soignantes, les infirmières, les cadres de santé et les représentants du personnel",
        terr1="Gironde", terr2="Landes", in1="en Gironde", in2="dans les Landes",
        constat="Dans les EHPAD, les transmissions orales entre équipes ont été largement remplacées par la saisie sur "
                "tablette ; les soignantes disent passer plus de temps à tracer qu'à échanger sur les résidents.",
        origin="les travaux de la chaire sur les métiers du soin (2019-2022)",
        question="Comment réintroduire le dialogue professionnel sur le soin dans des organisations où l'outil de "
                 "traçabilité structure désormais les échanges ?",
        lead="Marc Lalanne", sender="Marc Lalanne", email="marc.lalanne@u-bordeaux.fr",
        partners=[("Aract Nouvelle-Aquitaine", "appui méthodologique et participation aux instances"),
                  ("Fédération hospitalière de France – Nouvelle-Aquitaine", "mobilisation des établissements"),
                  ("Syndicat Sud Santé Sociaux de la Gironde", "association des représentants du personnel")],
    ),
    "parite": _persona(
        org="Parité Numérique Conseil", org_short="le cabinet", kind="cabinet de conseil", city="Strasbourg",
        acr="LIVRER-LOCAL", title="LIVRER-LOCAL : commerces de proximité et plateformes de livraison",
        sector="le commerce de proximité", structures="commerces indépendants", n=10, m=70,
        tech="plateformes de commande en ligne et de livraison",
        public="les vendeurs, les gérants, les livreurs salariés et les représentants du commerce",
        terr1="Eurométropole de Strasbourg", terr2="Mulhouse", in1="dans l'Eurométropole de Strasbourg", in2="à Mulhouse",
        constat="Les commerces indépendants ont rejoint en masse les plateformes de commande et de livraison ; les "
                "vendeurs jonglent désormais entre le comptoir, trois tablettes et des délais imposés par des "
                "algorithmes extérieurs.",
        origin="une étude réalisée en 2021 pour la chambre de commerce auprès de 120 commerçants",
        question="Comment des commerces de quelques salariés peuvent-ils négocier collectivement les conditions "
                 "d'usage de plateformes qui leur imposent leur rythme ?",
        lead="Lucie Hoffmann", sender="Lucie Hoffmann", email="lucie.hoffmann@parite-numerique.eu",
        partners=[("Aract Grand Est", "appui méthodologique"),
                  ("CCI Alsace Eurométropole", "mobilisation des commerçants et accueil des ateliers"),
                  ("Union locale CGT de Strasbourg", "association des salariés du commerce")],
    ),
    "observatoire": _persona(
        org="Observatoire Travail & Technologies", org_short="l'Observatoire", kind="think tank", city="Paris",
        acr="MESURE-HUMAINE", title="MESURE-HUMAINE : l'analytique RH sous le regard des salariés",
        sector="les services (banque, assurance, conseil)", structures="entreprises de services", n=6, m=300,
        tech="outils d'analytique RH et de mesure de l'engagement",
        public="les salariés, les managers, les DRH et les représentants du personnel",
        terr1="Île-de-France", terr2="Grand Est", in1="en Île-de-France", in2="dans le Grand Est",
        constat="Les directions des ressources humaines déploient des tableaux de bord qui mesurent l'engagement, "
                "le risque de départ ou la collaboration à partir des traces numériques ; les salariés en ignorent "
                "le plus souvent l'existence.",
        origin="une note publiée par l'Observatoire en 2021 et débattue avec des organisations syndicales",
        question="Comment ouvrir la boîte noire de l'analytique RH aux représentants du personnel, et quelles règles "
                 "négocier pour un usage acceptable de ces données ?",
        lead="Thomas Aubry", sender="Thomas Aubry", email="t.aubry@observatoire-tt.org",
        partners=[("Groupe de recherche Ergonomie & Société", "expertise scientifique et évaluation"),
                  ("Confédération des PME d'Île-de-France", "relais auprès des entreprises"),
                  ("UNSA Île-de-France", "formation des représentants du personnel")],
    ),
    "idt": _persona(
        org="Institut Dialogue & Technologies", org_short="l'Institut", kind="cabinet d'études", city="Nîmes",
        acr="CAPTEURS-DIALOGUE", title="CAPTEURS & DIALOGUE : l'agriculture numérique vue du travail",
        sector="l'agriculture", structures="coopératives agricoles", n=4, m=110,
        tech="capteurs connectés et logiciels de traçabilité",
        public="les salariés des coopératives, les chefs de culture, les adhérents exploitants et leurs représentants",
        terr1="Gard", terr2="Hérault", in1="dans le Gard", in2="dans l'Hérault",
        constat="Les coopératives déploient capteurs, stations météo connectées et logiciels de traçabilité ; les "
                "salariés techniques passent de l'observation des parcelles à la lecture d'écrans.",
        origin="une journée d'échanges organisée en 2022 avec la fédération des coopératives",
        question="Comment faire de l'outillage numérique des coopératives un sujet de dialogue entre salariés, "
                 "adhérents et fournisseurs, plutôt qu'une contrainte de plus ?",
        lead="Pauline Roques", sender="Pauline Roques", email="p.roques@institut-dt.fr",
        partners=[("Fédération régionale des coopératives agricoles d'Occitanie", "mobilisation des coopératives"),
                  ("MSA Languedoc", "expertise santé-sécurité au travail"),
                  ("IUT de Nîmes", "encadrement d'étudiants pour les observations")],
    ),
    "numeria": _persona(
        org="Numéria Conseil", org_short="le cabinet", kind="cabinet de conseil", city="Amiens",
        acr="MAIRIES-NUM", title="MAIRIES-NUM : dématérialiser sans isoler, dans les petites communes",
        sector="les collectivités rurales", structures="communes et intercommunalités", n=8, m=60,
        tech="logiciels de gestion du courrier et de signature électronique",
        public="les secrétaires de mairie, les agents administratifs, les élus et les représentants du personnel",
        terr1="Somme", terr2="Oise", in1="dans la Somme", in2="dans l'Oise",
        constat="Les secrétaires de mairie, souvent seules dans leur commune, doivent absorber coup sur coup la "
                "dématérialisation du courrier, de la comptabilité et des actes, sans collègue avec qui en parler.",
        origin="une enquête du centre de gestion auprès de 85 secrétaires de mairie en 2021",
        question="Comment créer un collectif de travail et un dialogue social là où l'agent est seul, pour que la "
                 "dématérialisation soit discutée plutôt que subie ?",
        lead="Céline Marchal", sender="Céline Marchal", email="celine.marchal@numeria-conseil.fr",
        partners=[("Centre de gestion de la Somme", "mobilisation des communes et organisation des rencontres"),
                  ("Association des maires ruraux de la Somme", "implication des élus"),
                  ("Syndicat CFDT Interco de la Somme", "participation des agents et de leurs représentants")],
    ),
    "design": _persona(
        org="Design du Travail Collectif", org_short="le collectif", kind="collectif de designers et d'ergonomes",
        city="Nantes", acr="TÉLÉGESTION-ENSEMBLE",
        title="Télégestion ensemble : redessiner les outils des aides à domicile avec elles",
        sector="l'aide à domicile", structures="associations d'aide à domicile", n=4, m=240,
        tech="applications de télégestion et plannings sur smartphone",
        public="les aides à domicile, les responsables de secteur et les élus des CSE",
        terr1="Loire-Atlantique", terr2="Vendée", in1="en Loire-Atlantique", in2="en Vendée",
        constat="Les aides à domicile badgent chez chaque bénéficiaire et reçoivent leur planning sur smartphone ; "
                "les changements de dernière minute et les temps de trajet non comptés alimentent un fort turnover.",
        origin="un travail de terrain de six mois réalisé en 2021 avec une fédération départementale",
        question="Comment associer les intervenantes à la conception et au paramétrage des outils de télégestion pour "
                 "qu'ils soutiennent leur travail au lieu de le contraindre ?",
        lead="Inès Carré", sender="Inès Carré", email="ines.carre@design-travail.fr",
        partners=[("Aract Pays de la Loire", "appui méthodologique et capitalisation"),
                  ("Fédération ADMR de Loire-Atlantique", "terrains d'expérimentation"),
                  ("École de design Nantes Atlantique", "ateliers de conception avec des étudiants")],
    ),
    "agilab": _persona(
        org="AgiLab Santé", org_short="AgiLab", kind="société de conseil", city="Rouen",
        acr="COORDO-MSP", title="COORDO-MSP : coordonner les soins sans s'épuiser dans les outils",
        sector="les soins de premier recours", structures="maisons de santé pluriprofessionnelles", n=6, m=120,
        tech="logiciels de coordination et messageries sécurisées de santé",
        public="les secrétaires médicales, les coordinatrices, les infirmières et les médecins",
        terr1="Seine-Maritime", terr2="Eure", in1="en Seine-Maritime", in2="dans l'Eure",
        constat="Les maisons de santé ont multiplié les outils de coordination ; les secrétaires et coordinatrices "
                "passent leurs journées à relayer des messages d'un logiciel à l'autre.",
        origin="les retours de la fédération régionale des maisons de santé en 2021",
        question="Comment, dans des structures sans représentation du personnel, construire des règles communes "
                 "d'usage des outils entre professionnels libéraux et salariés ?",
        lead="Romain Delaunay", sender="Romain Delaunay", email="romain.delaunay@agilab-sante.fr",
        partners=[("Fédération des maisons de santé de Normandie", "mobilisation des maisons de santé"),
                  ("URPS Infirmiers Normandie", "relais auprès des infirmières libérales"),
                  ("Aract Normandie", "expertise conditions de travail")],
    ),
    "comptoir": _persona(
        org="Comptoir de l'Ergonomie", org_short="le Comptoir", kind="cabinet d'ergonomie", city="Angers",
        acr="COBOT-DIALOGUE", title="COBOT-DIALOGUE : robots collaboratifs et dialogue social dans l'agroalimentaire",
        sector="l'agroalimentaire", structures="PME agroalimentaires", n=5, m=190,
        tech="robots collaboratifs de conditionnement",
        public="les opérateurs de conditionnement, les régleurs, l'encadrement et les élus",
        terr1="Maine-et-Loire", terr2="Sarthe", in1="en Maine-et-Loire", in2="dans la Sarthe",
        constat="Les PME agroalimentaires installent des robots collaboratifs sur les lignes de conditionnement ; "
                "les opérateurs se retrouvent à alimenter la machine et à gérer ses arrêts.",
        origin="un programme de prévention des TMS mené avec la Carsat entre 2019 et 2021",
        question="Comment impliquer opérateurs et élus dès le choix et l'implantation des cobots, pour que "
                 "l'automatisation réduise la pénibilité plutôt que de la déplacer ?",
        lead="Hugo Bertin", sender="Hugo Bertin", email="h.bertin@comptoir-ergonomie.fr",
        partners=[("Carsat Pays de la Loire", "expertise prévention et accès aux données"),
                  ("Association régionale des entreprises alimentaires des Pays de la Loire", "mobilisation des PME"),
                  ("Union régionale CFTC des Pays de la Loire", "implication des élus")],
    ),
    "transfo": _persona(
        org="Transfo — hôtel à projets", org_short="Transfo", kind="hôtel à projets d'innovation sociale",
        city="Besançon", acr="MES-EN-DÉBAT", title="MES en débat : piloter la production sans perdre le métier",
        sector="la microtechnique", structures="sous-traitants de la microtechnique", n=5, m=150,
        tech="systèmes de pilotage de la production (MES)",
        public="les décolleteurs, les régleurs, les responsables de production et les élus",
        terr1="Doubs", terr2="Jura", in1="dans le Doubs", in2="dans le Jura",
        constat="Les sous-traitants de la microtechnique déploient des systèmes de pilotage de la production qui "
                "remontent en temps réel l'état des machines ; les régleurs expérimentés y voient une remise en "
                "cause de leur savoir-faire.",
        origin="un séminaire organisé en 2021 avec le pôle des microtechniques",
        question="Comment mettre en discussion les indicateurs produits par ces systèmes entre régleurs, "
                 "encadrement et éditeurs, pour qu'ils servent le travail bien fait ?",
        lead="Élodie Grandjean", sender="Élodie Grandjean", email="elodie.grandjean@transfo-besancon.fr",
        partners=[("Pôle des microtechniques", "mobilisation des entreprises"),
                  ("Aract Bourgogne-Franche-Comté", "appui méthodologique"),
                  ("UIMM Franche-Comté", "relais auprès des directions")],
    ),
    "orcade": _persona(
        org="Bureau d'études Orcade", org_short="Orcade", kind="bureau d'études", city="Orléans",
        acr="BIM-TRAVAIL", title="BIM-TRAVAIL : la maquette numérique, un outil à discuter sur le chantier",
        sector="la construction", structures="PME du bâtiment", n=6, m=130,
        tech="maquettes numériques (BIM) et tablettes de chantier",
        public="les chefs de chantier, les compagnons, les dessinateurs et les dirigeants",
        terr1="Loiret", terr2="Indre-et-Loire", in1="dans le Loiret", in2="en Indre-et-Loire",
        constat="La maquette numérique arrive dans les PME du bâtiment par les appels d'offres publics ; sur les "
                "chantiers, les chefs d'équipe doivent consulter des plans sur tablette sans avoir été associés.",
        origin="une étude conduite en 2021 avec la fédération départementale",
        question="Comment faire de la maquette numérique un objet de dialogue entre bureau d'études et chantier ?",
        lead="François Martel", sender="François Martel", email="f.martel@orcade-be.fr",
        partners=[("Fédération du BTP du Loiret", "mobilisation des entreprises"),
                  ("Aract Centre-Val de Loire", "appui méthodologique"),
                  ("Campus des métiers et des qualifications BTP Centre-Val de Loire", "ingénierie de formation")],
    ),
    "strateo": _persona(
        org="Stratéo Consultants", org_short="le cabinet", kind="cabinet de conseil", city="Nice",
        acr="HÔTEL-PLANNING", title="HÔTEL-PLANNING : plannings automatisés et tarification dynamique dans l'hôtellerie",
        sector="l'hôtellerie", structures="hôtels indépendants", n=7, m=160,
        tech="logiciels de planification des équipes et de tarification dynamique",
        public="les réceptionnistes, les femmes de chambre, les gouvernantes et les directions",
        terr1="Alpes-Maritimes", terr2="Var", in1="dans les Alpes-Maritimes", in2="dans le Var",
        constat="Les hôtels indépendants confient leurs plannings à des logiciels qui ajustent les effectifs au taux "
                "d'occupation prévu ; les horaires changent d'une semaine à l'autre et les équipes s'épuisent.",
        origin="une enquête menée en 2022 avec l'union des métiers de l'hôtellerie",
        question="Comment concilier l'ajustement automatique des effectifs avec la prévisibilité des horaires, et "
                 "qui doit arbitrer ?",
        lead="Sarah Giordano", sender="Sarah Giordano", email="s.giordano@strateo-consultants.fr",
        partners=[("UMIH Alpes-Maritimes", "mobilisation des hôtels"),
                  ("Aract Provence-Alpes-Côte d'Azur", "appui méthodologique"),
                  ("Université Côte d'Azur", "évaluation")],
    ),
    "fablab": _persona(
        org="Fab'Lab Social du Limousin", org_short="le Fab'Lab", kind="association", city="Limoges",
        acr="ÉLUS-NUM", title="ÉLUS-NUM : former les élus de CSE aux projets numériques",
        sector="l'industrie et les services", structures="entreprises", n=10, m=80,
        tech="projets de transformation numérique",
        public="les élus de CSE et les délégués syndicaux",
        terr1="Haute-Vienne", terr2="Corrèze", in1="en Haute-Vienne", in2="en Corrèze",
        constat="Les élus de CSE sont consultés sur des projets numériques qu'ils découvrent au moment de l'information-"
                "consultation, sans outils pour en apprécier les effets sur le travail.",
        origin="une série de formations pilotes réalisées en 2021",
        question="Comment donner aux élus les moyens d'intervenir tôt dans les projets numériques ?",
        lead="Bastien Chaput", sender="Bastien Chaput", email="bastien.chaput@fablab-social-limousin.org",
        partners=[("Aract Nouvelle-Aquitaine", "apport méthodologique")],
    ),
    "capdialogue": _persona(
        org="Cap Dialogue Numérique", org_short="Cap Dialogue", kind="société coopérative", city="Dijon",
        acr="SUPERVISION-OUVERTE", title="Supervision ouverte : l'analyse des appels en centre de relation client",
        sector="la relation client", structures="centres de relation client", n=4, m=280,
        tech="outils de supervision des appels et d'analyse sémantique",
        public="les téléconseillers, les superviseurs et les représentants du personnel",
        terr1="Côte-d'Or", terr2="Saône-et-Loire", in1="en Côte-d'Or", in2="en Saône-et-Loire",
        constat="Les centres de relation client analysent automatiquement chaque appel (ton, mots-clés, durée) ; "
                "les téléconseillers reçoivent des scores sans savoir comment ils sont calculés.",
        origin="une enquête par questionnaire auprès de 400 téléconseillers en 2021",
        question="Comment rendre discutables les indicateurs produits par l'analyse automatique des appels ?",
        lead="Agathe Perrin", sender="Agathe Perrin", email="agathe.perrin@capdialogue.coop",
        partners=[("Laboratoire d'économie de Dijon (LEDi)", "évaluation et analyse des données"),
                  ("Union régionale CFE-CGC Bourgogne-Franche-Comté", "participation des représentants du personnel"),
                  ("Association des centres de contacts de Bourgogne", "mobilisation des entreprises")],
    ),
    "horizon": _persona(
        org="Horizon Ergonomie", org_short="Horizon", kind="cabinet d'ergonomie", city="Brest",
        acr="PORT-NUM", title="PORT-NUM : automatisation des terminaux portuaires et dialogue social",
        sector="les activités portuaires", structures="entreprises de manutention", n=3, m=210,
        tech="systèmes de gestion automatisée des terminaux",
        public="les dockers, les pointeurs, les chefs de quai et les représentants du personnel",
        terr1="Finistère", terr2="Morbihan", in1="dans le Finistère", in2="dans le Morbihan",
        constat="Les terminaux portuaires bretons automatisent l'affectation des engins et le suivi des conteneurs.",
        origin="une étude réalisée en 2021 pour la branche",
        question="Comment associer les équipes portuaires aux choix d'automatisation ?",
        lead="Gwenaëlle Tanguy", sender="Gwenaëlle Tanguy", email="g.tanguy@horizon-ergonomie.bzh",
        partners=[("Aract Bretagne", "appui méthodologique"), ("Union des ports de Bretagne", "mobilisation")],
    ),
    "arpege": _persona(
        org="Collectif Arpège", org_short="le collectif", kind="collectif de consultants", city="Grenoble",
        acr="PLATEFORMES-PROJET", title="Plateformes projet : le travail collaboratif outillé dans les bureaux d'études",
        sector="l'ingénierie", structures="bureaux d'études", n=5, m=170,
        tech="plateformes de travail collaboratif et de gestion de projet",
        public="les ingénieurs, les techniciens, les chefs de projet et les élus",
        terr1="Isère", terr2="Savoie", in1="en Isère", in2="en Savoie",
        constat="Les bureaux d'études ont généralisé les plateformes de gestion de projet ; les ingénieurs "
                "décrivent une fragmentation de leur temps et une injonction à rendre compte en continu.",
        origin="un cycle de conférences-débats organisé en 2021 avec des élus du personnel du secteur",
        question="Comment négocier des règles d'usage des plateformes collaboratives qui préservent le temps de "
                 "concentration et la coopération réelle ?",
        lead="Vincent Olivier", sender="Vincent Olivier", email="vincent.olivier@collectif-arpege.fr",
        partners=[("Grenoble École de Management", "apport scientifique et évaluation"),
                  ("Union départementale CFDT de l'Isère", "participation des élus"),
                  ("Cluster numérique alpin", "mobilisation des entreprises")],
    ),
    "ergonova": _persona(
        org="Ergonova", org_short="Ergonova", kind="cabinet d'ergonomie", city="Poitiers",
        acr="PARCOURS-NUM", title="PARCOURS-NUM : la dématérialisation du suivi des jeunes en mission locale",
        sector="l'insertion des jeunes", structures="missions locales", n=4, m=140,
        tech="logiciels de suivi des parcours et de dématérialisation des dossiers",
        public="les conseillers en insertion, les chargés d'accueil, les directions et les représentants du personnel",
        terr1="Vienne", terr2="Deux-Sèvres", in1="dans la Vienne", in2="dans les Deux-Sèvres",
        constat="Les conseillers des missions locales consacrent une part croissante de leur temps à la saisie dans "
                "des systèmes d'information imposés par les financeurs, au détriment de l'accompagnement.",
        origin="un diagnostic mené en 2021 avec l'association régionale",
        question="Comment faire du système d'information un objet de dialogue entre conseillers, directions et "
                 "financeurs, et non une contrainte subie ?",
        lead="Camille Dupuis", sender="Camille Dupuis", email="camille.dupuis@ergonova.fr",
        partners=[("Association régionale des missions locales de Nouvelle-Aquitaine", "mobilisation des structures"),
                  ("Aract Nouvelle-Aquitaine", "expertise conditions de travail"),
                  ("Laboratoire GRESCO (Université de Poitiers)", "évaluation sociologique")],
    ),
    "ateliers": _persona(
        org="Les Ateliers du Dialogue", org_short="les Ateliers", kind="association", city="Reims",
        acr="VENDANGES-NUM", title="VENDANGES-NUM : traçabilité numérique et travail dans les exploitations viticoles",
        sector="la viticulture", structures="exploitations et coopératives viticoles", n=6, m=120,
        tech="outils de traçabilité et de pilotage des vendanges",
        public="les ouvriers viticoles, les chefs de culture, les exploitants et leurs représentants",
        terr1="Marne", terr2="Aube", in1="dans la Marne", in2="dans l'Aube",
        constat="Les exploitations viticoles adoptent des outils de traçabilité parcellaire et de pilotage des "
                "vendanges ; la saisie s'ajoute au travail physique des équipes.",
        origin="une rencontre organisée en 2022 avec les organisations professionnelles",
        question="Comment associer les équipes viticoles aux choix d'outils, en tenant compte de la saisonnalité ?",
        lead="Margaux Lefort", sender="Margaux Lefort", email="margaux.lefort@ateliers-dialogue.fr",
        partners_prose="Le consortium réunit l'Union des coopératives vinicoles de la Marne, qui ouvre ses "
                       "exploitations adhérentes comme terrains d'expérimentation, l'Aract Grand Est, qui apporte son "
                       "appui méthodologique, et le Lycée viticole d'Avize, qui accueillera les ateliers et y associera "
                       "ses apprentis.",
        partners=[("Union des coopératives vinicoles de la Marne", "terrains d'expérimentation"),
                  ("Aract Grand Est", "appui méthodologique"),
                  ("Lycée viticole d'Avize", "accueil des ateliers et implication des apprentis")],
    ),
    "hexagone": _persona(
        org="Coopérative Hexagone Travail", org_short="la coopérative", kind="société coopérative", city="Le Mans",
        acr="CAISSES-AUTO", title="CAISSES-AUTO : l'automatisation des encaissements mise en dialogue",
        sector="la grande distribution", structures="magasins", n=5, m=260,
        tech="caisses automatiques et outils de gestion des flux en magasin",
        public="les hôtes et hôtesses de caisse, les managers de rayon et les élus",
        terr1="Sarthe", terr2="Mayenne", in1="dans la Sarthe", in2="en Mayenne",
        constat="Les magasins remplacent une partie des caisses par des caisses automatiques ; les hôtesses "
                "surveillent désormais six postes à la fois et gèrent les incidents et les tensions avec les clients.",
        origin="une enquête syndicale menée en 2021 dans quinze magasins",
        question="Comment associer les salariés de caisse à la réorganisation de leur métier lors de "
                 "l'automatisation des encaissements ?",
        lead="Nicolas Brochard", sender="Nicolas Brochard", email="n.brochard@hexagone-travail.coop",
        partners=[("Fédération du commerce coopératif de la Sarthe", "mobilisation des magasins"),
                  ("Laboratoire ARES (Le Mans Université)", "évaluation et analyse"),
                  ("Union départementale CGT de la Sarthe", "participation des élus")],
    ),
    "cevennes": _persona(
        org="Coworking Rural Cévennes", org_short="le tiers-lieu", kind="tiers-lieu associatif", city="Le Vigan",
        acr="TÉLÉ-RURAL", title="TÉLÉ-RURAL : le télétravail en tiers-lieu, un travail à organiser ensemble",
        sector="les entreprises employant des télétravailleurs en zone rurale", structures="employeurs", n=6, m=60,
        tech="outils de travail à distance",
        public="les télétravailleurs salariés, leurs managers et les représentants du personnel de leurs entreprises",
        terr1="Cévennes", terr2="Causses", in1="dans les Cévennes", in2="sur les Causses",
        constat="De plus en plus de salariés d'entreprises urbaines télétravaillent depuis les Cévennes ; ils sont "
                "isolés de leurs collectifs et les accords de télétravail ignorent leur situation.",
        origin="une enquête menée en 2022 auprès des usagers de nos trois tiers-lieux",
        question="Comment associer employeurs, télétravailleurs et tiers-lieux à la définition des règles du "
                 "télétravail à longue distance ?",
        lead="Léa Combes", sender="Léa Combes", email="lea.combes@coworking-cevennes.fr",
        partners=[("Communauté de communes du Pays viganais", "mise à disposition de locaux et relais auprès des employeurs"),
                  ("Réseau des tiers-lieux d'Occitanie", "diffusion"),
                  ("Aract Occitanie", "appui méthodologique")],
    ),
    "trajectoires": _persona(
        org="Trajectoires Numériques", org_short="l'association", kind="association", city="Metz",
        acr="TRAJ", title="", sector="", structures="", n=0, m=0, tech="", public="", terr1="", terr2="",
        in1="", in2="", constat="", origin="", question="", lead="Olivier Weber",
        sender="Olivier Weber", email="o.weber@trajectoires-numeriques.org", partners=[],
    ),
    "alto": _persona(
        org="Cabinet Alto", acr="", sender="Mathieu Lefebvre", email="m.lefebvre@cabinet-alto.fr", partners=[],
    ),
    "lien": _persona(
        org="Association Lien Numérique", acr="", sender="Sophie Marchand", email="sophie.marchand@lien-numerique.fr",
        partners=[],
    ),
}


# =============================================================================== assembly

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
NUMBERING = {
    "arabic": lambda i: f"{i}. ",
    "paren": lambda i: f"{i}) ",
    "roman": lambda i: f"{ROMAN[i]}. ",
    "letters": lambda i: f"{'ABCDEFGHIJKL'[i - 1]}. ",
    "partie": lambda i: f"Partie {i} — ",
    "none": lambda i: "",
}
FORM_LABELS = {
    "contexte": "Contexte du projet",
    "objectifs": "Objectifs poursuivis",
    "problematique": "Problématique traitée",
    "cibles": "Publics visés",
    "methodologie": "Déroulé méthodologique envisagé",
    "phasage": "Phasage détaillé (étapes et calendrier)",
    "pilotage": "Pilotage et comitologie",
    "resultats": "Résultats escomptés",
    "perennisation": "Perspectives de pérennisation et d'essaimage",
    "partenaires": "Partenaires mobilisés et contribution attendue",
}


def fait_a(city: str) -> str:
    return "au " + city[3:] if city.startswith("Le ") else "à " + city


def fr_date(iso: str) -> str:
    d = datetime.fromisoformat(iso)  # the sender's local date
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def description_blocks(case: Case, rng: random.Random) -> list:
    p = case.persona
    blocks: list = [("title", p["title"])]
    blocks.append(("subtitle", case.opts.get(
        "subtitle",
        "Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au "
        "travail » — La Fabrique CTO")))
    blocks.append(("small", f"Porteur : {p['org']} ({p['kind']}, {p['city']}). "
                            f"Contact : {p['sender']} — {p['email']}"))
    order = case.opts.get("order", SECTION_IDS)
    merge = case.opts.get("merge", {})
    number = NUMBERING[case.opts.get("numbering", "arabic")]
    heads: list[str] = []
    body: list = []
    i = 0
    for sid in order:
        state = case.sections[sid]
        if sid in merge or state == "missing":
            continue
        i += 1
        title = number(i) + (case.opts.get("headings", {}).get(sid) or rng.choice(HEADINGS[sid]))
        heads.append(title)
        body.append(("h", title))
        if state == "todo":
            body.append(("p", case.opts.get("todo_text", "À compléter.")))
        else:
            body += section_blocks(sid, case, rng)
        for guest, host in merge.items():
            if host == sid and case.sections[guest] == "ok":
                body += section_blocks(guest, case, rng)
    if case.budget is not None and case.budget_where == "same":
        i += 1
        bh = number(i) + case.opts.get("budget_heading", rng.choice(BUDGET_HEADINGS))
        heads.append(bh)
        body += budget_blocks(case, bh)
    elif case.opts.get("budget_note"):
        i += 1
        bh = number(i) + case.opts.get("budget_heading", rng.choice(BUDGET_HEADINGS))
        heads.append(bh)
        body += [("h", bh), ("p", case.opts["budget_note"])]
    if case.opts.get("toc"):
        blocks += [("toc", heads), ("break",)]
    blocks += body
    blocks.append(("p", f"Fait {fait_a(p['city'])}, le {fr_date(case.date)}."))
    blocks.append(("p", f"{p['sender']}, pour {p['org']}"))
    return blocks


def flatten(blocks: list) -> str:
    out = []
    for blk in blocks:
        if blk[0] in ("p", "small"):
            out.append(blk[1])
        elif blk[0] == "bullets":
            out += [f"• {x}" for x in blk[1]]
        elif blk[0] == "table":
            out += [" — ".join(str(c) for c in r) for r in blk[2]]
    return "\n".join(out)


def form_blocks(case: Case, rng: random.Random) -> list:
    """The proposal written in the applicant's own two-column form (Rubrique | Réponse)."""
    p = case.persona
    rows = [["Structure porteuse", f"{p['org']}, {p['kind']}, {p['city']}"],
            ["Intitulé du projet", p["title"]],
            ["Personne à contacter", f"{p['sender']} — {p['email']}"]]
    for sid in SECTION_IDS:
        state = case.sections[sid]
        if state == "missing":
            continue
        answer = case.opts.get("todo_text", "À compléter") if state == "todo" else flatten(section_blocks(sid, case, rng))
        rows.append([FORM_LABELS[sid], answer])
    if case.opts.get("budget_note"):
        rows.append(["Budget détaillé", case.opts["budget_note"]])
    return [
        ("title", "Fiche projet — La Fabrique CTO"),
        ("subtitle", "Appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »"),
        ("table", ["Rubrique", "Réponse"], rows, {"align": "LL", "widths": (50, 120)}),
        ("p", f"Fait {fait_a(p['city'])}, le {fr_date(case.date)}."),
    ]


COVER_NOTES = [
    "Bonjour,\n\nVeuillez trouver ci-joint le dossier de candidature de {org} à l'appel à manifestation "
    "d'intérêt « Développer le dialogue social technologique au travail » (La Fabrique CTO), pour le "
    "projet {acr}.\n\nNous restons à votre disposition pour tout complément d'information.\n\n"
    "Bien cordialement,\n\n{sender}\n{org}\n{city}\n",
    "Madame, Monsieur,\n\nNous avons le plaisir de vous adresser notre proposition pour l'AMI La Fabrique "
    "CTO. Vous trouverez en pièce(s) jointe(s) la description du projet {acr} et son budget.\n\n"
    "Avec nos salutations distinguées,\n{sender}\n",
    "Bonjour,\nci-joint notre candidature (projet {acr}).\nBonne journée,\n\n-- \n{sender} | {org}\n",
    "Bonjour à l'équipe de la Fabrique CTO,\n\nComme convenu lors de la réunion d'information, je vous "
    "transmets notre dossier pour le projet {acr}. N'hésitez pas à revenir vers moi si un élément "
    "manquait.\n\nTrès cordialement,\n{sender}\n{org} — {city}\n",
]

TRAME_LETTER = """Madame la Directrice générale,

Au nom du laboratoire TRAME de l'Université de Lille, j'ai l'honneur de vous présenter notre candidature à
l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » porté par
La Fabrique CTO.

Notre équipe travaille depuis plusieurs années sur la relation de service et sur la manière dont les
organisations automatisent le contact avec leurs usagers. Le projet que nous soumettons prolonge ces
travaux dans une perspective d'intervention, en lien étroit avec des organismes de la région et leurs
représentants du personnel.

Le dossier complet (description du projet, budget détaillé et partenaires mobilisés) figure dans
l'annexe technique jointe à ce message. Le budget a été validé par le service de la recherche de
l'université.

Je me tiens à votre disposition, ainsi que mon équipe, pour présenter le projet au comité de sélection.

Je vous prie d'agréer, Madame la Directrice générale, l'expression de ma haute considération.

Hélène Dufresne
Professeure des universités
Directrice du laboratoire TRAME — Université de Lille
"""


def cover_note(case: Case, rng: random.Random) -> str:
    p = case.persona
    tpl = case.opts.get("cover") or rng.choice(COVER_NOTES)
    return tpl.format(**p)


# ------------------------------------------------------------------------------ files

MIME = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("application", "pdf"),
    "odt": ("application", "vnd.oasis.opendocument.text"),
    "doc": ("application", "msword"),
    "txt": ("text", "plain"),
    "zip": ("application", "zip"),
}


def render_description(case: Case, rng: random.Random, kind: str) -> bytes:
    p = case.persona
    blocks = form_blocks(case, rng) if kind == "form" else description_blocks(case, rng)
    opts = {"author": p["sender"], "doc_title": p["title"], **case.opts.get("render", {})}
    if kind in ("docx", "form"):
        return render_docx(blocks, opts)
    if kind == "pdf":
        opts.setdefault("header", f"{p['org']} — projet {p['acr']}")
        opts.setdefault("footer", "AMI La Fabrique CTO")
        return render_pdf(blocks, opts, encrypt=case.opts.get("encrypt"))
    if kind == "pdf_soffice":
        return soffice_convert(render_docx(blocks, opts), "docx", "pdf", "pdf")
    if kind == "odt":
        return soffice_convert(render_docx(blocks, opts), "docx", "odt", "odt")
    if kind == "doc":
        return soffice_convert(render_docx(blocks, opts), "docx", "doc:MS Word 97", "doc")
    if kind == "txt":
        return render_text(blocks, opts).encode("utf-8")
    raise ValueError(kind)


def build_case(case: Case) -> EmailMessage:
    """Render the documents, fill ``case.attachments`` / ``desc_in`` / ``budget_in`` and return
    the message."""
    rng = random.Random(f"{SEED}:{case.id}")
    p = case.persona
    o = case.opts
    body_text: str | None = None
    body_html: str | None = None
    inline_logo: bytes | None = None
    atts: list[Att] = []

    if case.kind == "autoreply":
        body_text = AUTOREPLY
    elif case.kind == "question":
        body_text = QUESTION
    elif case.kind == "cijoint":
        body_text = CIJOINT.format(**p)
        body_html = CIJOINT_HTML.format(**p)
        inline_logo = png_logo("Trajectoires", (0, 110, 140))
    elif case.fmt == "html_body":
        body_html = render_html(description_blocks(case, rng), {})
        case.desc_in = BODY
        case.budget_in = BODY if case.budget else None
        case.body_proposal = True
    elif case.fmt == "text_body":
        body_text = ("Bonjour,\n\nVoici notre proposition pour l'AMI La Fabrique CTO, directement dans ce "
                     "message (nous n'avons pas pu joindre de fichier depuis notre tiers-lieu).\n\n"
                     + render_text(description_blocks(case, rng), {"heading": "caps", "width": 76}))
        case.desc_in = BODY
        case.budget_in = BODY if case.budget else None
        case.body_proposal = True
    else:
        kind = case.fmt
        if kind == "encrypted_pdf":
            o["encrypt"] = "Port2022!"
            kind = "pdf"
        if kind == "zip":
            kind = "pdf"
        ext = {"pdf_soffice": "pdf", "form": "docx"}.get(kind, kind)
        fname = o.get("filename", f"{p['acr']}_candidature.{ext}")
        data = render_description(case, rng, kind)
        mime = ("application", "octet-stream") if o.get("octet_stream") else MIME[ext]
        status = "encrypted" if case.fmt == "encrypted_pdf" else "parsed"
        desc = Att(fname, data, mime, status, disposition=o.get("disposition", "attachment"))
        case.desc_in = fname
        files = [desc]
        if case.budget is not None:
            if case.budget_where == "same":
                case.budget_in = fname
            elif case.budget_where in ("xlsx1", "xlsx2"):
                bname = o.get("budget_filename", f"Budget_{p['acr']}.xlsx")
                bdata = xlsx_budget(case, case.budget_where)
                bstatus = "parsed"
                if o.get("corrupt_budget"):
                    bdata = corrupt_bytes(bdata, SEED + 23, keep=0.55)
                    bstatus = "unreadable"
                files.append(Att(bname, bdata, MIME["xlsx"], bstatus, rfc2047=o.get("rfc2047_budget", False)))
                case.budget_in = bname
        if case.fmt == "zip":
            zbuf = io.BytesIO()
            with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
                for f in files:
                    z.writestr(zipfile.ZipInfo(f.filename, date_time=FIXED_ZIP_TS), f.data)
            atts.append(Att(o["zip_name"], zbuf.getvalue(), MIME["zip"], "parsed", members=files))
        else:
            atts += files
        if o.get("scan_letter"):
            atts.append(Att(o["scan_letter"], scanned_pdf(o["scan_lines"], SEED + 13), MIME["pdf"], "scanned"))
        if o.get("corrupt_annex"):
            good = render_pdf([("title", "Lettres de soutien"), ("p", "Voir les lettres signées des partenaires.")], {})
            atts.append(Att(o["corrupt_annex"], corrupt_bytes(good, SEED + 24), MIME["pdf"], "unreadable"))
        body_text = o.get("body") or cover_note(case, rng)
        if o.get("logo"):
            inline_logo = png_logo(p["acr"], (60, 90, 40))
            import html as _html

            domain = p["email"].split("@")[1]
            body_html = ("<html><body><p>" + _html.escape(body_text).replace("\n", "<br>") + "</p>"
                         f"<p><img src=\"cid:logo-signature@{domain}\" alt=\"logo\"></p></body></html>")

    msg = EmailMessage()
    msg["From"] = f"{p['sender']} <{p['email']}>"
    msg["To"] = o.get("to", "La Fabrique CTO <fabrique@anact.fr>")
    if o.get("cc"):
        msg["Cc"] = o["cc"]
    msg["Subject"] = case.subject
    msg["Date"] = format_datetime(datetime.fromisoformat(case.date))
    msg["Message-ID"] = message_id(case)
    for k, v in o.get("headers", {}).items():
        msg[k] = v

    if body_html is not None and body_text is None:
        msg.set_content(body_html, subtype="html")
    else:
        msg.set_content(body_text or "")
        if body_html is not None:
            msg.add_alternative(body_html, subtype="html")
    if inline_logo is not None:
        html_part = msg.get_payload()[1] if msg.is_multipart() else msg
        cid = f"<logo-signature@{p['email'].split('@')[1]}>"
        html_part.add_related(inline_logo, "image", "png", cid=cid, filename="logo.png", disposition="inline")
        atts.insert(0, Att("logo.png", inline_logo, ("image", "png"), "skipped", disposition="inline", cid=cid))
    for a in atts:
        if a.cid:
            continue  # already placed as a related part
        fname = a.filename
        if a.rfc2047:
            fname = f"RFC2047-{hashlib.sha1(a.filename.encode()).hexdigest()[:8]}.bin"
        msg.add_attachment(a.data, a.mime[0], a.mime[1], filename=fname, disposition=a.disposition)
    case.attachments = atts
    return msg


def serialize(msg: EmailMessage, case: Case) -> bytes:
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{hashlib.sha1(f'{case.id}{i}'.encode()).hexdigest()[:20]}")
    data = msg.as_bytes(policy=policy.default)
    for a in case.attachments:
        if a.rfc2047:  # an old mail client: the name as an RFC 2047 encoded-word
            placeholder = f"RFC2047-{hashlib.sha1(a.filename.encode()).hexdigest()[:8]}.bin"
            enc = "=?UTF-8?B?" + b64encode(a.filename.encode()).decode() + "?="
            data = data.replace(f'filename="{placeholder}"'.encode(), f'filename="{enc}"'.encode())
            data = data.replace(
                f"Content-Type: {a.mime[0]}/{a.mime[1]}\n".encode(),
                f'Content-Type: {a.mime[0]}/{a.mime[1]}; name="{enc}"\n'.encode(), 1)
            assert enc.encode() in data
    return data


AUTOREPLY = """Bonjour,

Je suis absent du bureau jusqu'au lundi 29 août inclus, sans accès régulier à ma messagerie.
Pour toute urgence, vous pouvez joindre le standard du cabinet au 02 40 00 00 00.

Cordialement,
Mathieu Lefebvre
Cabinet Alto
"""

QUESTION = """Bonjour,

Notre association envisage de répondre à l'appel à manifestation d'intérêt « Développer le dialogue
social technologique au travail ». Avant de finaliser notre dossier, nous aurions trois questions :

1. Une association loi 1901 qui accompagne des TPE dans leur équipement numérique est-elle éligible
   en tant que porteur, ou faut-il être un cabinet de conseil ou un laboratoire ?
2. Le co-financement de 20 % peut-il être apporté en partie sous forme de valorisation du temps de nos
   bénévoles (contribution en nature) ?
3. Les frais d'achat de petit matériel (tablettes pour les ateliers) sont-ils pris en charge ?

Nous souhaitons également savoir si les partenaires doivent fournir une lettre d'engagement signée dès
le dépôt du dossier.

Merci par avance pour votre réponse.

Bien cordialement,

Sophie Marchand
Chargée de projets
Association Lien Numérique — Tours
"""

CIJOINT = """Bonjour,

Veuillez trouver ci-joint notre dossier de candidature à l'appel à manifestation d'intérêt
« Développer le dialogue social technologique au travail » : description du projet, budget détaillé
et lettres d'engagement de nos partenaires.

Nous restons à votre disposition pour tout complément.

Bien cordialement,

{sender}
Délégué général — {org}
"""

CIJOINT_HTML = """<html><body style="font-family: Calibri, sans-serif">
<p>Bonjour,</p>
<p>Veuillez trouver ci-joint notre dossier de candidature à l'appel à manifestation d'intérêt
« Développer le dialogue social technologique au travail » : description du projet, budget détaillé
et lettres d'engagement de nos partenaires.</p>
<p>Nous restons à votre disposition pour tout complément.</p>
<p>Bien cordialement,</p>
<p>{sender}<br>Délégué général — {org}</p>
</body></html>"""


# =============================================================================== the cases

P, D, L, A = "personnel", "deplacements_logistique", "prestations", "anact"


def R(label: str, amount: float, nature: str = "fonds_propres", status: str = "") -> Resource:
    return Resource(label, amount, nature, status)


def make_cases() -> list[Case]:
    C = PERSONAS
    cases = [
        Case(
            "h01_docx_years_table_complete", C["tisserands"],
            "Appel à manifestation d'intérêt – La Fabrique CTO – projet FIL-IA", "2022-08-17T16:42:08+02:00",
            fmt="docx",
            budget=Budget([Line("Dépenses de personnel", P, 41000),
                           Line("Frais de déplacement et de logistique", D, 6500),
                           Line("Achats de prestations (design, communication)", L, 20000)],
                          [R("Anact — La Fabrique CTO", 52000, A, "sollicité"),
                           R("Région Auvergne-Rhône-Alpes", 10000, "region", "demande déposée"),
                           R("Fonds propres de la coopérative", 5500, "fonds_propres", "acquis")],
                          style="years", money="nbsp"),
            phasing=Phasing((2022, 10), [3, 6, 5], style="table"),
            opts={"filename": "FIL-IA_dossier_candidature.docx", "render": {"heading": "styles"},
                  "headings": {"contexte": "Genèse du projet", "objectifs": "Nos ambitions",
                               "problematique": "Ce que nous cherchons à résoudre", "cibles": "Qui est concerné ?",
                               "methodologie": "Démarche d'intervention", "phasage": "Feuille de route",
                               "pilotage": "Gouvernance", "resultats": "Ce que le projet produira",
                               "perennisation": "Et après ?", "partenaires": "Nos partenaires"},
                  "budget_heading": "Budget et plan de financement", "partners_style": "table"},
        ),
        Case(
            "h02_form_docx_xlsx_cibles_todo", C["ouest"],
            "AMI Fabrique CTO - Candidature Ouest Travail & Numérique", "2022-08-22T09:15:00+02:00",
            fmt="form", sections={"cibles": "todo"}, budget_where="xlsx2",
            budget=Budget([Line("Chargée de projet (60 jours)", P, 21000),
                           Line("Consultant senior salarié du cabinet (25 jours)", P, 15000),
                           Line("Déplacements en Bretagne et Pays de la Loire", D, 3200),
                           Line("Location de salles pour 6 ateliers", D, 1800),
                           Line("Prestation de facilitation graphique", L, 4500),
                           Line("Conception graphique du guide", L, 6000)],
                          [R("Anact (montant sollicité)", 40000, A),
                           R("OPCO EP — prise en charge des temps de formation", 7000, "opco", "accord de principe"),
                           R("Autofinancement Ouest Travail & Numérique", 4500, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 9), [2, 4, 6, 2], style="list"),
            opts={"filename": "Formulaire_candidature_ACCORD-TPE.docx", "budget_filename": "Budget ACCORD-TPE.xlsx",
                  "render": {"heading": "bold", "font": "Arial", "size": 10},
                  "budget_note": "Voir le classeur « Budget ACCORD-TPE.xlsx » joint (onglets Dépenses et Recettes).",
                  "partners_style": "bullets", "cover": COVER_NOTES[1]},
        ),
        Case(
            "h03_pdf_fontsize_headings_mecenat", C["acu"],
            "Candidature à l'appel à manifestation d'intérêt « Fabrique CTO » — GUICHET+", "2022-08-09T11:03:27+02:00",
            fmt="pdf",
            budget=Budget([Line("Salaires chargés (coordinatrice, 0,4 ETP)", P, 22800),
                           Line("Temps ingénieur (développement du prototype)", P, 14400),
                           Line("Frais de mission", D, 2600),
                           Line("Billets de train Marseille–Avignon–Lyon", D, 1900),
                           Line("Location de matériel de visioconférence", D, 1200),
                           Line("Honoraires designer", L, 7500),
                           Line("Captation vidéo", L, 3800),
                           Line("Facilitation graphique", L, 2900)],
                          [R("Anact", 45000, A, "sollicité"),
                           R("Fonds propres de l'association", 7100, "fonds_propres", "acquis"),
                           R("Mécénat — Fondation Travail Demain", 5000, "mecenat", "convention signée")],
                          money="nbsp"),
            phasing=Phasing((2022, 10), [3, 7, 5], last_day=30, style="prose"),
            opts={"filename": "GUICHET+_proposition.pdf",
                  "render": {"heading": "size", "serif": True, "size": 10.5}, "numbering": "none",
                  "headings": {"contexte": "Constat de départ", "objectifs": "Ce que nous visons",
                               "problematique": "Enjeux", "cibles": "Publics bénéficiaires",
                               "methodologie": "Comment nous allons procéder", "phasage": "Chronogramme",
                               "pilotage": "Comité de pilotage", "resultats": "Effets attendus",
                               "perennisation": "Diffusion et transfert", "partenaires": "Partenaires mobilisés"},
                  "budget_heading": "Coûts et financement"},
        ),
        Case(
            "h04_html_body_questions_no_pilotage", C["hybrida"],
            "Réponse AMI - La Fabrique CTO : projet HYBRIDE", "2022-08-19T22:47:51+02:00",
            fmt="html_body", sections={"pilotage": "missing"},
            budget=Budget([Line("Animatrice du réseau (45 jours)", P, 15750),
                           Line("Chargé d'études (30 jours)", P, 9900),
                           Line("Frais de déplacement des animateurs", D, 2400),
                           Line("Prestation vidéo (témoignages de salariés)", L, 5500)],
                          [R("Participation demandée à l'Anact", 26000, A),
                           R("Conseil départemental de l'Hérault", 4000, "collectivite", "sollicité"),
                           R("Fonds propres du collectif", 3550, "fonds_propres", "acquis")],
                          show_total=False),
            phasing=Phasing((2022, 9), [4, 8], style="jalons"),
            opts={"numbering": "none",
                  "headings": {"contexte": "Pourquoi ce projet ?", "objectifs": "Que voulons-nous obtenir ?",
                               "problematique": "Quelle question nous posons-nous ?", "cibles": "Qui est concerné ?",
                               "methodologie": "Comment allons-nous procéder ?", "phasage": "Quel calendrier ?",
                               "resultats": "Que produira le projet ?", "perennisation": "Et après ?",
                               "partenaires": "Avec quels partenaires ?"},
                  "budget_heading": "Combien cela coûte-t-il ?", "partners_style": "bullets"},
        ),
        Case(
            "h05_cover_letter_annex_pdf_complete", C["trame"],
            "Appel à manifestation d'intérêt – La Fabrique CTO : candidature du laboratoire TRAME",
            "2022-08-23T10:05:44+02:00",
            fmt="pdf_soffice",
            budget=Budget([Line("Direction scientifique (15 jours)", P, 9000),
                           Line("Ingénieure d'études (80 jours)", P, 24000),
                           Line("Missions sur les sites partenaires", D, 5400),
                           Line("Logistique du séminaire de restitution (salle, repas)", D, 3100),
                           Line("Prestation de design de service", L, 12000),
                           Line("Traduction et mise en page des livrables", L, 2500)],
                          [R("Anact", 44000, A, "sollicité"),
                           R("Fondation Solidarités Numériques (mécénat)", 6000, "mecenat", "acquis"),
                           R("Fonds propres de l'Université de Lille", 6000, "fonds_propres", "acquis")],
                          style="grouped"),
            phasing=Phasing((2022, 11), [3, 5, 4], style="table"),
            opts={"filename": "Annexe technique – Projet TRAME.pdf", "body": TRAME_LETTER,
                  "render": {"heading": "bold", "font": "Times New Roman"}, "numbering": "roman",
                  "headings": {"contexte": "Contexte et origine de la démarche", "objectifs": "Objectifs poursuivis",
                               "problematique": "Question de recherche-action", "cibles": "Publics et structures ciblés",
                               "methodologie": "Déroulé méthodologique", "phasage": "Étapes et calendrier",
                               "pilotage": "Pilotage et comitologie", "resultats": "Résultats escomptés",
                               "perennisation": "Capitalisation et essaimage", "partenaires": "Consortium"},
                  "variants": {"perennisation": 1}, "partners_style": "table",
                  "budget_heading": "Budget détaillé et plan de financement"},
        ),
        Case(
            "h06_odt_prose_budget_exact_share", C["communs"],
            "Fabrique CTO — dossier Les Communs du Travail", "2022-08-12T15:20:00+02:00",
            fmt="odt",
            budget=Budget([Line("Frais de personnel salarié (coordination et animation)", P, 38000),
                           Line("Personnel bénévole valorisé", P, 3000),
                           Line("Frais de déplacement et de logistique des ateliers", D, 8500),
                           Line("Achats de prestations (design graphique, captation vidéo, animation)", L, 25000)],
                          [R("Anact", 59600, A),
                           R("La Région Occitanie", 8000, "region", "demande déposée en juin 2022"),
                           R("Nos fonds propres", 3900, "fonds_propres"),
                           R("La valorisation du temps bénévole de nos administrateurs", 3000, "en_nature",
                             "contribution en nature")],
                          style="prose"),
            phasing=Phasing((2022, 10), [2, 6, 4], style="list"),
            opts={"filename": "Dossier_OUTILS-COMMUNS.odt", "render": {"heading": "styles"}, "numbering": "paren",
                  "partners_style": "prose", "partners_mention_applicant": True,
                  "budget_heading": "Budget"},
        ),
        Case(
            "h07_txt_attachment_late_utc", C["sextant"],
            "Candidature AMI La Fabrique CTO – PROPRE-NUM", "2022-08-23T22:30:12+00:00",
            fmt="txt",
            budget=Budget([Line("Temps de travail consultants (55 jours)", P, 27500),
                           Line("Temps de travail assistante (20 jours)", P, 5600),
                           Line("Déplacements (Calvados, Manche)", D, 3100),
                           Line("Restauration et location de salles", D, 2400),
                           Line("Prestation de communication (vidéo, page web)", L, 6000)],
                          [R("Anact", 35600, A, "sollicité"),
                           R("OPCO EP", 5000, "opco", "sollicité"),
                           R("Autofinancement", 4000, "fonds_propres", "acquis")],
                          money="euros"),
            phasing=Phasing((2022, 9), [3, 9, 2], style="list"),
            opts={"filename": "candidature_propre-num.txt", "render": {"heading": "caps"},
                  "headings": {"contexte": "Contexte", "objectifs": "Objectifs", "problematique": "Problématique",
                               "cibles": "Publics cibles", "methodologie": "Méthodologie", "phasage": "Phasage",
                               "pilotage": "Pilotage", "resultats": "Résultats escomptés",
                               "perennisation": "Pérennisation et essaimage", "partenaires": "Partenaires"},
                  "partners_style": "bullets", "cover": COVER_NOTES[2]},
        ),
        Case(
            "h08_pdf_late_no_perennisation", C["kairos"],
            "AMI Fabrique CTO / Kairos Ergonomie", "2022-08-25T08:14:00+02:00",
            fmt="pdf", sections={"perennisation": "missing"},
            budget=Budget([Line("Ergonome salariée (40 jours)", P, 24000),
                           Line("Chef de projet (20 jours)", P, 11000),
                           Line("Frais de déplacement", D, 2800),
                           Line("Location de salle et pauses", D, 1200),
                           Line("Prestation de design (maquettes d'interfaces)", L, 8000)],
                          [R("Anact", 37000, A, "sollicité"), R("Fonds propres", 10000, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 10), [3, 6, 3], style="jalons"),
            opts={"filename": "Kairos_VOIX-ENTREPOT.pdf", "render": {"heading": "boldnum"}},
        ),
        Case(
            "h09_docx_bold_merged_method_calendar_edge_time", C["bordeaux"],
            "ami – la fabrique cto – candidature chaire travail et transitions", "2022-08-23T21:58:30+00:00",
            fmt="docx",
            budget=Budget([Line("Chercheuse (0,3 ETP sur 14 mois)", P, 25200),
                           Line("Doctorant contractuel (quote-part)", P, 9000),
                           Line("Frais de mission", D, 3600),
                           Line("Logistique des ateliers", D, 2200),
                           Line("Prestation de facilitation", L, 6000),
                           Line("Prestation graphique", L, 4000)],
                          [R("Anact", 39000, A, "sollicité"),
                           R("Bordeaux Métropole", 5000, "collectivite", "sollicité"),
                           R("Fonds propres de la chaire", 6000, "fonds_propres", "acquis")],
                          style="grouped", money="nnbsp"),
            phasing=Phasing((2022, 10), [3, 6, 5], last_day=15, style="list"),
            opts={"filename": "TRANSMETTRE - dossier AMI.docx", "render": {"heading": "bold"}, "numbering": "none",
                  "merge": {"phasage": "methodologie"}, "headings": {"methodologie": "Méthode et calendrier"},
                  "cover": COVER_NOTES[3]},
        ),
        Case(
            "h10_pdf_roman_subject_mismatch", C["parite"],
            "Candidature projet LIVRER-LOCAL – Anact", "2022-08-18T13:37:00+02:00",
            fmt="pdf",
            budget=Budget([Line("Temps des consultants salariés (2 x 30 jours)", P, 30000),
                           Line("Déplacements", D, 2000),
                           Line("Location de salle", D, 800),
                           Line("Prestation vidéo", L, 5000),
                           Line("Prestation juridique (accord de méthode)", L, 4000)],
                          [R("Anact", 33000, A, "sollicité"), R("Fonds propres", 8800, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 9), [4, 5, 4], style="table"),
            opts={"filename": "LIVRER-LOCAL.pdf", "render": {"heading": "roman"}, "numbering": "roman"},
        ),
        Case(
            "h11_docx_ht_ttc_over_cap_no_problematique", C["observatoire"],
            "APPEL A MANIFESTATION D'INTERET - FABRIQUE CTO - MESURE-HUMAINE", "2022-08-21T18:02:00+02:00",
            fmt="docx", sections={"problematique": "missing"},
            budget=Budget([Line("Chef de projet (90 jours)", P, 49500),
                           Line("Ergonome salariée (60 jours)", P, 33000),
                           Line("Déplacements France entière", D, 6500),
                           Line("Logistique des quatre séminaires", D, 5000),
                           Line("Prestation de design", L, 12000),
                           Line("Prestation de communication", L, 8000)],
                          [R("Anact", 91000, A, "sollicité"),
                           R("Région Île-de-France", 8000, "region", "sollicité"),
                           R("Fonds propres", 15000, "fonds_propres", "acquis")],
                          style="htttc", money="dot"),
            phasing=Phasing((2022, 10), [2, 4, 5, 3], style="list"),
            opts={"filename": "MESURE-HUMAINE_candidature.docx", "render": {"heading": "styles"}},
        ),
        Case(
            "h12_pdf_kilo_euros_cofin_low_no_contexte", C["idt"],
            "Appel à manifestation d\u2019intérêt – La Fabrique CTO", "2022-08-16T10:10:10+02:00",
            fmt="pdf", sections={"contexte": "missing"},
            budget=Budget([Line("Personnel interne (ingénierie sociale)", P, 41200),
                           Line("Vacations d'enseignants-chercheurs", P, 6800),
                           Line("Déplacements et hébergement", D, 4500),
                           Line("Prestation de conseil juridique", L, 7500),
                           Line("Prestation audiovisuelle", L, 5000)],
                          [R("Anact", 59600, A, "sollicité"), R("Fonds propres", 5400, "fonds_propres", "acquis")],
                          money="k"),
            phasing=Phasing((2022, 11), [3, 6, 3], style="table"),
            opts={"filename": "CAPTEURS-DIALOGUE.pdf", "render": {"heading": "bar", "color": (20, 110, 80)}},
        ),
        Case(
            "h13_docx_exact_cap_exact_share_scanned_letter", C["numeria"],
            "AMI La Fabrique CTO — MAIRIES-NUM", "2022-08-10T09:00:00+02:00",
            fmt="docx",
            budget=Budget([Line("Coordination du projet (salaires et charges)", P, 38000),
                           Line("Intervenants ergonomes salariés", P, 22000),
                           Line("Frais de déplacement", D, 6000),
                           Line("Logistique des ateliers inter-communes", D, 4000),
                           Line("Prestations de design et de prototypage", L, 18000),
                           Line("Prestations de communication", L, 12000)],
                          [R("Anact", 80000, A, "sollicité"),
                           R("Région Hauts-de-France", 12000, "region", "sollicité"),
                           R("Fonds propres", 8000, "fonds_propres", "acquis")],
                          money="cents"),
            phasing=Phasing((2022, 10), [3, 8, 3], last_day=30, style="jalons"),
            opts={"filename": "MAIRIES-NUM_description_et_budget.docx",
                  "render": {"heading": "caps", "color": (120, 30, 30)}, "numbering": "partie",
                  "scan_letter": "lettre_engagement_signee.pdf",
                  "scan_lines": ["Centre de gestion de la Somme", "", "Amiens, le 5 août 2022", "",
                                 "Objet : engagement de partenariat — projet MAIRIES-NUM", "",
                                 "Madame, Monsieur,", "",
                                 "Le Centre de gestion de la Somme confirme sa participation",
                                 "au projet MAIRIES-NUM porté par Numéria Conseil.", "",
                                 "Le Président"]},
        ),
        Case(
            "h14_docx_xlsx_charges_produits_total_mismatch", C["design"],
            "Candidature Fabrique CTO – Télégestion ensemble", "2022-08-05T17:45:00+02:00",
            fmt="docx", budget_where="xlsx2",
            budget=Budget([Line("Salaire chargé chef de projet", P, 18500),
                           Line("Salaire chargé chargée de mission", P, 14200),
                           Line("Déplacements", D, 2100),
                           Line("Frais de réception (ateliers)", D, 1600),
                           Line("Prestation designer UX", L, 9000),
                           Line("Captation et montage vidéo", L, 1500)],
                          [R("Anact", 38000, A, "sollicité"),
                           R("OPCO Akto", 6400, "opco", "accord"),
                           R("Fonds propres", 4000, "fonds_propres", "acquis")],
                          declared_total=48400),
            phasing=Phasing((2022, 9), [3, 6, 3], style="list"),
            opts={"filename": "Télégestion ensemble – note de projet.docx",
                  "budget_filename": "Budget Télégestion ensemble.xlsx", "sheet_names": ("Charges", "Produits"),
                  "render": {"heading": "h2"}, "numbering": "none",
                  "budget_note": "Le budget détaillé (charges et produits) figure dans le classeur Excel joint."},
        ),
        Case(
            "h15_docx_inline_ineligible_tablets_licences", C["agilab"],
            "AMI Fabrique CTO : COORDO-MSP", "2022-08-20T12:30:00+02:00",
            fmt="docx",
            budget=Budget([Line("Ergonome salariée d'AgiLab (35 jours)", P, 19250),
                           Line("Chargé de mission numérique (30 jours)", P, 12000),
                           Line("Frais de mission", D, 2300),
                           Line("Location de salles", D, 1100),
                           Line("Honoraires facilitateur", L, 4800),
                           Line("Achat de tablettes", L, 3600, ineligible=True),
                           Line("Licences logicielles annuelles", L, 2400, ineligible=True)],
                          [R("Anact", 36000, A, "sollicité"), R("Fonds propres", 9450, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 10), [3, 6, 3], style="list"),
            opts={"filename": "COORDO-MSP.docx", "disposition": "inline", "render": {"heading": "bold"},
                  "numbering": "none"},
        ),
        Case(
            "h16_pdf_bars_structure_fee_no_prestations", C["comptoir"],
            "Appel à manifestation d'intérêt La Fabrique CTO – COBOT-DIALOGUE", "2022-08-11T08:55:00+02:00",
            fmt="pdf",
            budget=Budget([Line("Salaires chargés équipe projet", P, 30000),
                           Line("Déplacements et hébergement", D, 3000),
                           Line("Logistique des rencontres", D, 2000),
                           Line("Frais de structure 10 %", P, 3500, ineligible=True)],
                          [R("Anact", 30000, A, "sollicité"), R("Fonds propres", 8500, "fonds_propres", "acquis")],
                          style="grouped"),
            phasing=Phasing((2022, 9), [2, 4, 6, 2], style="prose"),
            opts={"filename": "COBOT-DIALOGUE_AMI.pdf", "render": {"heading": "bar", "color": (150, 70, 20)}},
        ),
        Case(
            "h17_docx_letters_no_personnel_empty_objectifs", C["transfo"],
            "Fabrique CTO – candidature MES en débat", "2022-08-08T14:12:00+02:00",
            fmt="docx", sections={"objectifs": "todo"},
            budget=Budget([Line("Prestation d'accompagnement (cabinet externe)", L, 28000),
                           Line("Prestation de design", L, 9000),
                           Line("Déplacements", D, 2500),
                           Line("Location de salles", D, 1500)],
                          [R("Anact", 32000, A, "sollicité"),
                           R("Fonds propres", 5000, "fonds_propres", "acquis"),
                           R("Pays de Montbéliard Agglomération", 4000, "collectivite", "sollicité")]),
            phasing=Phasing((2022, 10), [4, 5, 4], style="list"),
            opts={"filename": "MES-en-debat_Transfo.docx", "render": {"heading": "bold"}, "numbering": "letters",
                  "todo_text": "[À compléter]"},
        ),
        Case(
            "h18_pdf_xlsx_one_sheet_no_cofin_no_methodo", C["orcade"],
            "Manifestation d'intérêt Fabrique CTO - BIM-TRAVAIL", "2022-08-22T11:11:00+02:00",
            fmt="pdf", sections={"methodologie": "missing"}, budget_where="xlsx1",
            budget=Budget([Line("Chargé de projet (50 jours)", P, 20000),
                           Line("Ergonome salarié (20 jours)", P, 9000),
                           Line("Déplacements", D, 1800),
                           Line("Prestation graphique", L, 4200)],
                          [R("Subvention Anact sollicitée", 35000, A)]),
            phasing=Phasing((2022, 9), [3, 6, 3], style="table"),
            opts={"filename": "BIM-TRAVAIL_description.pdf", "budget_filename": "BIM-TRAVAIL_budget.xlsx",
                  "render": {"heading": "boldnum"}, "budget_note": "Voir le tableau Excel joint."},
        ),
        Case(
            "h19_pdf_toc_no_budget_no_phasage", C["strateo"],
            "AMI La Fabrique CTO - HÔTEL-PLANNING", "2022-08-15T20:20:00+02:00",
            fmt="pdf", sections={"phasage": "missing"}, budget=None,
            opts={"filename": "HOTEL-PLANNING_Strateo.pdf", "render": {"heading": "boldnum"}, "toc": True},
        ),
        Case(
            "h20_docx_styles_phasage_2024_no_partners", C["fablab"],
            "La Fabrique CTO : candidature ÉLUS-NUM", "2022-08-19T09:40:00+02:00",
            fmt="docx", sections={"partenaires": "missing"},
            budget=Budget([Line("Frais de personnel", P, 36000),
                           Line("Frais de déplacement", D, 3000),
                           Line("Prestations externes", L, 12000)],
                          [R("Anact", 40000, A, "sollicité"),
                           R("Région Nouvelle-Aquitaine", 6000, "region", "sollicité"),
                           R("Fonds propres", 5000, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 10), [4, 8, 6], style="list"),
            opts={"filename": "ELUS-NUM.docx", "render": {"heading": "styles"}},
        ),
        Case(
            "h21_pdf_soffice_duration_past_limit", C["capdialogue"],
            "Appel à manifestation d'intérêt – Fabrique CTO : Supervision ouverte", "2022-08-23T18:30:00+02:00",
            fmt="pdf_soffice",
            budget=Budget([Line("Coordinatrice (salaires chargés)", P, 26000),
                           Line("Chargé d'études (salaires chargés)", P, 14000),
                           Line("Frais de déplacement", D, 2500),
                           Line("Logistique des ateliers", D, 1500),
                           Line("Prestation de design", L, 6000)],
                          [R("Anact", 39500, A, "sollicité"),
                           R("OPCO Atlas", 5500, "opco", "sollicité"),
                           R("Fonds propres", 5000, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 10), [4, 9, 5], style="durations"),
            opts={"filename": "Supervision_ouverte_AMI.pdf", "render": {"heading": "styles", "font": "Liberation Sans"}},
        ),
        Case(
            "h22_encrypted_pdf_only", C["horizon"],
            "Appel à manifestation d'intérêt - La Fabrique CTO - PORT-NUM", "2022-08-22T16:00:00+02:00",
            fmt="encrypted_pdf",
            budget=Budget([Line("Ergonome (40 jours)", P, 22000), Line("Déplacements", D, 2000),
                           Line("Prestation vidéo", L, 4000)],
                          [R("Anact", 22400, A), R("Fonds propres", 5600, "fonds_propres")]),
            phasing=Phasing((2022, 10), [3, 6, 3], style="list"),
            opts={"filename": "PORT-NUM_candidature.pdf", "render": {"heading": "boldnum"},
                  "body": "Bonjour,\n\nVeuillez trouver ci-joint notre dossier de candidature pour le projet "
                          "PORT-NUM. Le fichier est protégé par un mot de passe que nous vous communiquerons "
                          "par téléphone.\n\nCordialement,\nGwenaëlle Tanguy\nHorizon Ergonomie\n"},
        ),
        Case(
            "h23_docx_corrupt_budget_rfc2047_name", C["arpege"],
            "Candidature AMI Fabrique CTO (Collectif Arpège)", "2022-08-18T19:05:00+02:00",
            fmt="docx", budget_where="xlsx2",
            budget=Budget([Line("Consultants du collectif (45 jours)", P, 27000), Line("Déplacements", D, 2500),
                           Line("Prestation de design", L, 8000)],
                          [R("Anact", 29000, A), R("Fonds propres", 8500, "fonds_propres")]),
            phasing=Phasing((2022, 10), [3, 6, 3], style="table"),
            opts={"filename": "Plateformes-projet_description.docx", "budget_filename": "Budget_prévisionnel.xlsx",
                  "corrupt_budget": True, "rfc2047_budget": True, "render": {"heading": "styles"},
                  "budget_note": "Le budget détaillé est présenté dans le fichier « Budget_prévisionnel.xlsx » joint.",
                  "headers": {"X-Mailer": "Microsoft Outlook 14.0"}},
        ),
        Case(
            "h24_pdf_octet_stream_corrupt_annex_logo", C["ergonova"],
            "AMI Fabrique CTO – PARCOURS-NUM – Ergonova", "2022-08-14T10:25:00+02:00",
            fmt="pdf",
            budget=Budget([Line("Ergonome salariée (45 jours)", P, 24750),
                           Line("Assistante de projet (20 jours)", P, 6000),
                           Line("Déplacements entre les sites", D, 3300),
                           Line("Location de salles", D, 1450),
                           Line("Prestation de design de service", L, 8500)],
                          [R("Anact", 35000, A, "sollicité"),
                           R("Fonds propres", 5000, "fonds_propres", "acquis"),
                           R("Fonds social européen (FSE+)", 4000, "europe", "demande en cours")]),
            phasing=Phasing((2022, 9), [3, 7, 3], style="jalons"),
            opts={"filename": "PARCOURS-NUM_dossier.pdf", "octet_stream": True, "logo": True,
                  "corrupt_annex": "Lettres_de_soutien.pdf", "render": {"heading": "boldnum", "serif": True},
                  "numbering": "paren"},
        ),
        Case(
            "h25_cijoint_nothing_attached_logo_only", C["trajectoires"],
            "Appel à manifestation d'intérêt – La Fabrique CTO : candidature Trajectoires Numériques",
            "2022-08-22T17:31:00+02:00", kind="cijoint",
        ),
        Case(
            "h26_out_of_office_reply", C["alto"],
            "Réponse automatique : Accusé de réception – AMI La Fabrique CTO", "2022-08-16T07:02:00+02:00",
            kind="autoreply",
            opts={"headers": {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes",
                              "In-Reply-To": "<ar-20220816-0412@anact.fr>"}},
        ),
        Case(
            "h27_question_before_applying", C["lien"],
            "Question sur l'AMI Fabrique CTO : éligibilité et co-financement", "2022-08-04T14:48:00+02:00",
            kind="question",
        ),
        Case(
            "h28_doc_consortium_resultats_todo", C["ateliers"],
            "AMI « La Fabrique CTO » — VENDANGES-NUM", "2022-08-23T09:30:00+02:00",
            fmt="doc", sections={"resultats": "todo"},
            budget=Budget([Line("Salaires et charges – chef de projet", P, 21000),
                           Line("Salaires et charges – ergonome", P, 12000),
                           Line("Frais de déplacement en Champagne", D, 1900),
                           Line("Location de salles", D, 900),
                           Line("Prestation de captation vidéo", L, 3200)],
                          [R("Anact", 31000, A, "sollicité"),
                           R("Fonds propres", 4000, "fonds_propres", "acquis"),
                           R("Mécénat d'entreprises locales", 4000, "mecenat", "promesses reçues")]),
            phasing=Phasing((2022, 9), [3, 7, 3], style="table"),
            opts={"filename": "VENDANGES-NUM.doc", "render": {"heading": "caps"},
                  "headings": {"partenaires": "Consortium", "resultats": "Effets attendus",
                               "pilotage": "Comité de pilotage", "phasage": "Jalons"},
                  "order": ("contexte", "problematique", "objectifs", "cibles", "partenaires", "methodologie",
                            "phasage", "pilotage", "resultats", "perennisation"),
                  "todo_text": "À compléter", "partners_style": "prose"},
        ),
        Case(
            "h29_zip_pdf_xlsx_montreal_time", C["hexagone"],
            "Appel à manifestation d'intérêt Fabrique CTO – CAISSES-AUTO", "2022-08-23T17:30:00-04:00",
            fmt="zip", budget_where="xlsx2",
            budget=Budget([Line("Chargée de projet (0,5 ETP sur 12 mois)", P, 24000),
                           Line("Sociologue (25 jours)", P, 11250),
                           Line("Déplacements", D, 2750),
                           Line("Frais de salles et de restauration", D, 2000),
                           Line("Prestation vidéo", L, 4000),
                           Line("Prestation graphique", L, 3000)],
                          [R("Anact", 37000, A, "sollicité"),
                           R("Région Pays de la Loire", 6000, "region", "sollicité"),
                           R("Fonds propres", 4000, "fonds_propres", "acquis")]),
            phasing=Phasing((2022, 10), [2, 6, 4], style="list"),
            opts={"filename": "CAISSES-AUTO_description.pdf", "budget_filename": "CAISSES-AUTO_budget.xlsx",
                  "zip_name": "Candidature_CAISSES-AUTO.zip",
                  "sheet_names": ("Dépenses prévisionnelles", "Ressources"),
                  "render": {"heading": "boldnum", "serif": True},
                  "budget_note": "Le budget (dépenses et ressources) est détaillé dans le classeur joint.",
                  "body": "Bonjour,\n\nJe vous envoie depuis Montréal, où je suis en mission cette semaine, le "
                          "dossier de la Coopérative Hexagone Travail (archive ZIP : description du projet et "
                          "budget).\n\nBien à vous,\nNicolas Brochard\n"},
        ),
        Case(
            "h30_plain_text_body_no_travel_lines", C["cevennes"],
            "AMI Fabrique CTO : TÉLÉ-RURAL (proposition dans le corps du message)", "2022-08-20T08:08:00+02:00",
            fmt="text_body",
            budget=Budget([Line("Animatrice du tiers-lieu (40 jours)", P, 12000),
                           Line("Coordinateur (15 jours)", P, 6000),
                           Line("Prestation de facilitation graphique", L, 3500),
                           Line("Réalisation d'un podcast (prestataire)", L, 2500)],
                          [R("Anact", 19000, A, "sollicité"),
                           R("Communauté de communes du Pays viganais (subvention)", 3000, "collectivite", "sollicité"),
                           R("Fonds propres", 2000, "fonds_propres", "acquis")],
                          money="eur"),
            phasing=Phasing((2022, 10), [3, 6, 3], style="jalons"),
            opts={"headings": {"phasage": "Jalons"}, "partners_style": "bullets"},
        ),
    ]
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    return cases


# =============================================================================== main


def main() -> int:
    if CASES_DIR.exists():
        shutil.rmtree(CASES_DIR)
    CASES_DIR.mkdir(parents=True)
    for case in make_cases():
        msg = build_case(case)
        data = serialize(msg, case)
        (CASES_DIR / f"{case.id}.eml").write_bytes(data)
        expected = expected_dossier(case)
        (CASES_DIR / f"{case.id}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        codes = ", ".join(f"{f['code']}({f['target']})" if f["target"] else f["code"] for f in expected["flags"])
        print(f"{case.id:52s} {expected['decision']:15s} {codes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
