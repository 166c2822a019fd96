#!/usr/bin/env python3
"""Generator for holdout3 cases h3b-01 .. h3b-11 (writer "b").

Focus: associations, unions, cooperatives and employer groups; French association budget
form (CHARGES | PRODUITS, accounts 60-65 / 70-75, contributions in kind 86/87), XLSX
budgets with formulas (values cached by LibreOffice), ODT, PDFs exported from Writer,
separate budget files, a proposal in three attachments, a ZIP.

Deterministic: fixed dates, boundaries, Message-IDs; zip timestamps and document metadata
dates are normalised after generation.  Labels (<id>.expected.json) are computed from the
same case specification as the documents (sections, budget lines, partners, dates), and
the flags and decision from the contract's rules.

Run with a python that has python-docx, openpyxl, fpdf2, odfpy:
    /tmp/h3venv-b/bin/python tests/holdout3/gen_b.py
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import quopri
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from fpdf import FPDF
from odf.opendocument import OpenDocumentText
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3b-work")
LO_PROFILE = "file:///tmp/lo-b"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DT = (2022, 8, 12, 9, 30, 0)

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
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CAP = 80000.0
MIN_SHARE = 0.20
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=timezone(timedelta(hours=2)))
END_LIMIT = "2023-12-30"
CRLF = "\r\n"

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_ODT = "application/vnd.oasis.opendocument.text"
MIME_PDF = "application/pdf"


# --------------------------------------------------------------------------- determinism


def fix_zip(data: bytes, stamp: str = "2022-08-12T09:30:00Z") -> bytes:
    """Rewrite a zip (docx/xlsx/odt) with fixed entry times and fixed metadata dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "docProps/app.xml", "meta.xml"):
                text = blob.decode("utf-8")
                text = re.sub(
                    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
                    stamp,
                    text,
                )
                text = re.sub(r"<meta:editing-duration>[^<]*<", "<meta:editing-duration>PT1H2M0S<", text)
                text = re.sub(r"<TotalTime>\d+</TotalTime>", "<TotalTime>62</TotalTime>", text)
                blob = text.encode("utf-8")
            if info.filename in ("content.xml", "styles.xml"):
                text = blob.decode("utf-8")
                ids: dict[str, str] = {}

                def _lid(m: re.Match[str]) -> str:
                    ids.setdefault(m.group(1), str(1000 + len(ids)))
                    return f'xml:id="list{ids[m.group(1)]}"'

                text = re.sub(r'xml:id="list(\d+)"', _lid, text)
                blob = text.encode("utf-8")
            if info.filename == "settings.xml":
                text = blob.decode("utf-8")
                text = re.sub(r'(config:name="Rsid(?:Root)?" config:type="int">)\d+', r"\g<1>1662206", text)
                blob = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_DT)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zi.create_system = 0
            dst.writestr(zi, blob)
    return out.getvalue()


def fix_pdf(data: bytes, seed: str) -> bytes:
    """Fixed creation dates and /ID in a PDF (same lengths: xref offsets stay valid)."""
    data = re.sub(rb"D:\d{14}", b"D:20220812093000", data)

    def repl_id(m: re.Match[bytes]) -> bytes:
        n = len(m.group(1))
        h = hashlib.sha256(seed.encode()).hexdigest().upper().encode()
        h = (h * 4)[:n]
        return b"<" + h + b">"

    data = re.sub(rb"<([0-9A-Fa-f]{32})>", repl_id, data)
    data = re.sub(
        rb"/DocChecksum /[0-9A-F]{32}",
        b"/DocChecksum /" + hashlib.md5(seed.encode()).hexdigest().upper().encode(),
        data,
    )
    return data


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice (private profile); returns the output path."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={LO_PROFILE}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def lo_convert_bytes(data: bytes, name: str, fmt: str) -> bytes:
    """Write data as `name`, convert with LibreOffice to fmt, return the converted bytes."""
    with tempfile.TemporaryDirectory(prefix="h3b-lo-") as tmp:
        src = Path(tmp) / "in" / name
        src.parent.mkdir()
        src.write_bytes(data)
        out = soffice(src, fmt, Path(tmp) / "out")
        return out.read_bytes()


# --------------------------------------------------------------------------- money


def fr(amount: float, decimals: bool = False, euro: bool = True, sep: str = " ") -> str:
    """French amount: 12 300 € / 12 300,00 €."""
    if decimals:
        s = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", sep)
    else:
        s = f"{amount:,.0f}".replace(",", sep)
    return s + (" €" if euro else "")


# --------------------------------------------------------------------------- the budget model


class Line:
    """One budget line: an expense (category) or a resource (anact / cofin)."""

    def __init__(self, label: str, amount: float, kind: str, **extra: object) -> None:
        assert kind in CATS + ("anact", "cofin"), kind
        self.label = label
        self.amount = float(amount)
        self.kind = kind
        self.extra = extra


class Cerfa:
    """Two-sided association budget form: CHARGES | PRODUITS, groups with details, 86/87."""

    def __init__(
        self,
        charges: list[tuple[str, list[Line]]],
        produits: list[tuple[str, list[Line]]],
        c86: tuple[str, list[Line]] | None,
        p87: tuple[str, list[Line]] | None,
        declared_charges_subtotal: float | None = None,
        declared_total: float | None = None,
    ) -> None:
        self.charges = charges
        self.produits = produits
        self.c86 = c86
        self.p87 = p87
        self.declared_charges_subtotal = declared_charges_subtotal
        self.declared_total = declared_total

    @staticmethod
    def gsum(groups: list[tuple[str, list[Line]]]) -> float:
        return sum(line.amount for _, lines in groups for line in lines)

    def charges_subtotal(self) -> float:
        return self.gsum(self.charges)

    def produits_subtotal(self) -> float:
        return self.gsum(self.produits)

    def total_charges(self) -> float:
        return self.charges_subtotal() + (sum(x.amount for x in self.c86[1]) if self.c86 else 0)

    def total_produits(self) -> float:
        return self.produits_subtotal() + (sum(x.amount for x in self.p87[1]) if self.p87 else 0)

    def expense_lines(self) -> list[Line]:
        out = [x for _, lines in self.charges for x in lines]
        if self.c86:
            out += self.c86[1]
        return out

    def resource_lines(self) -> list[Line]:
        out = [x for _, lines in self.produits for x in lines]
        if self.p87:
            out += self.p87[1]
        return out

    def shown_charges_subtotal(self) -> float:
        return (
            self.declared_charges_subtotal
            if self.declared_charges_subtotal is not None
            else self.charges_subtotal()
        )

    def shown_total(self) -> float:
        return self.declared_total if self.declared_total is not None else self.total_charges()

    def rows(self) -> list[list[object]]:
        """Side-by-side rows: [charge label, amount, produit label, amount];
        kinds in a parallel list: 'group', 'detail', 'total', 'blank'."""
        left: list[tuple[str, object, str]] = []
        right: list[tuple[str, object, str]] = []
        for label, lines in self.charges:
            left.append((label, sum(x.amount for x in lines) if lines else None, "group"))
            for x in lines:
                left.append((x.label, x.amount, "detail"))
        for label, lines in self.produits:
            right.append((label, sum(x.amount for x in lines) if lines else None, "group"))
            for x in lines:
                right.append((x.label, x.amount, "detail"))
        n = max(len(left), len(right))
        left += [("", None, "blank")] * (n - len(left))
        right += [("", None, "blank")] * (n - len(right))
        rows = list(zip(left, right))
        rows.append(
            (
                ("TOTAL DES CHARGES", self.shown_charges_subtotal(), "total"),
                ("TOTAL DES PRODUITS", self.produits_subtotal(), "total"),
            )
        )
        if self.c86 or self.p87:
            l2 = [(self.c86[0], sum(x.amount for x in self.c86[1]), "group")]
            l2 += [(x.label, x.amount, "detail") for x in self.c86[1]]
            r2 = [(self.p87[0], sum(x.amount for x in self.p87[1]), "group")]
            r2 += [(x.label, x.amount, "detail") for x in self.p87[1]]
            n = max(len(l2), len(r2))
            l2 += [("", None, "blank")] * (n - len(l2))
            r2 += [("", None, "blank")] * (n - len(r2))
            rows += list(zip(l2, r2))
            rows.append((("TOTAL", self.shown_total(), "total"), ("TOTAL", self.shown_total(), "total")))
        return rows


class Budget:
    """What the label says about a budget, computed from its lines."""

    def __init__(
        self,
        expenses: list[Line],
        resources: list[Line],
        declared_total: float | None = None,
    ) -> None:
        self.expenses = expenses
        self.resources = resources
        self.declared_total = float(declared_total) if declared_total is not None else None

    @classmethod
    def from_cerfa(cls, c: Cerfa) -> "Budget":
        declared = c.declared_total if c.declared_total is not None else c.total_charges()
        assert abs(c.total_produits() - c.shown_total()) < 0.01 or c.declared_total is not None
        return cls(c.expense_lines(), c.resource_lines(), declared)

    def sum_lines(self) -> float:
        return sum(x.amount for x in self.expenses)

    def total_cost(self) -> float:
        return self.declared_total if self.declared_total is not None else self.sum_lines()

    def anact(self) -> float | None:
        xs = [x.amount for x in self.resources if x.kind == "anact"]
        return sum(xs) if xs else None

    def cofin_lines(self) -> list[Line]:
        return [x for x in self.resources if x.kind == "cofin"]

    def totals(self) -> dict[str, float]:
        t = {c: 0.0 for c in CATS}
        for x in self.expenses:
            t[x.kind] += x.amount
        return t

    def label(self) -> dict[str, object]:
        out: dict[str, object] = {
            "total_cost": self.total_cost(),
            "anact_request": self.anact(),
            "totals": self.totals(),
        }
        cl = self.cofin_lines()
        if cl:
            amount = sum(x.amount for x in cl)
            out["cofinancing"] = {"amount": amount, "share": round(amount / self.total_cost(), 4)}
        return out


# --------------------------------------------------------------------------- document model
# blocks: ("title", text) ("h", level, text, ids) ("p", text) ("bullets", [..])
#         ("table", rows) ("cerfa", Cerfa) ("pagebreak",)


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def sections_from_blocks(blocks: list[tuple], source: str) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for i, b in enumerate(blocks):
        if b[0] != "h" or not b[3]:
            continue
        nxt = blocks[i + 1]
        if nxt[0] == "p":
            start = first_words(nxt[1])
        elif nxt[0] == "bullets":
            start = first_words(nxt[1][0])
        elif nxt[0] == "table":
            start = first_words(" ".join(nxt[1][0]))
        else:
            raise AssertionError(f"section {b[2]!r} opens with {nxt[0]}")
        for sid in b[3]:
            assert sid not in out, sid
            out[sid] = {"present": True, "source": source, "heading": b[2], "body_start": start}
    return out


def add_heading_numbering(d: docx.document.Document, fmt: str = "%1.") -> int:
    """A decimal numbering definition for headings; returns its numId."""
    numbering = d.part.numbering_part.element
    abstract_ids = [int(x.get(qn("w:abstractNumId"))) for x in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(x.get(qn("w:numId"))) for x in numbering.findall(qn("w:num"))]
    aid = max(abstract_ids + [0]) + 1
    nid = max(num_ids + [0]) + 1
    absn = OxmlElement("w:abstractNum")
    absn.set(qn("w:abstractNumId"), str(aid))
    mlt = OxmlElement("w:multiLevelType")
    mlt.set(qn("w:val"), "hybridMultilevel")
    absn.append(mlt)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", fmt), ("w:lvlJc", "left")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    ppr = OxmlElement("w:pPr")
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "432")
    ind.set(qn("w:hanging"), "432")
    ppr.append(ind)
    lvl.append(ppr)
    absn.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(nid))
    an = OxmlElement("w:abstractNumId")
    an.set(qn("w:val"), str(aid))
    num.append(an)
    numbering.append(num)
    return nid


def set_num(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def shade(cell, hex_fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcpr.append(shd)


def docx_cerfa(d, c: Cerfa, euro_decimals: bool = True) -> None:
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    hdr = ["CHARGES", "Montant", "PRODUITS", "Montant"]
    for i, h in enumerate(hdr):
        cell = t.rows[0].cells[i]
        cell.text = ""
        r = cell.paragraphs[0].add_run(h)
        r.bold = True
        shade(cell, "D9D9D9")
    for (ll, la, lk), (rl, ra, rk) in c.rows():
        cells = t.add_row().cells
        for j, (lab, amt, kind) in enumerate(((ll, la, lk), (rl, ra, rk))):
            pc = cells[2 * j].paragraphs[0]
            run = pc.add_run(lab)
            run.font.size = Pt(9)
            if kind in ("group", "total"):
                run.bold = True
            if kind == "detail":
                pc.paragraph_format.left_indent = Pt(14)
            pa = cells[2 * j + 1].paragraphs[0]
            pa.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if amt is not None:
                ra_ = pa.add_run(fr(amt, decimals=euro_decimals))
                ra_.font.size = Pt(9)
                if kind in ("group", "total"):
                    ra_.bold = True
            if kind == "total":
                shade(cells[2 * j], "F2F2F2")
                shade(cells[2 * j + 1], "F2F2F2")
    t.autofit = False
    for j, wcm in enumerate((5.4, 3.1, 5.4, 3.1)):
        t.columns[j].width = Cm(wcm)
    for row in t.rows:
        for j, wcm in enumerate((5.4, 3.1, 5.4, 3.1)):
            row.cells[j].width = Cm(wcm)


def build_docx(blocks: list[tuple], mode: str = "styled", font: str = "Calibri") -> bytes:
    """mode: styled (Heading N) | numbered (Heading N + numPr) | listnum (List Number, bold)
    | bold (bold Normal paragraph)."""
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(11)
    num_id = add_heading_numbering(d) if mode in ("numbered", "listnum") else None
    for b in blocks:
        kind = b[0]
        if kind == "title":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
            r.font.size = Pt(16)
            r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "h":
            level, text = b[1], b[2]
            if mode in ("styled", "numbered"):
                p = d.add_heading(text, level)
                if mode == "numbered" and level == 1:
                    set_num(p, num_id)
            elif mode == "listnum":
                if level == 1:
                    p = d.add_paragraph(style="List Number")
                    set_num(p, num_id)
                else:
                    p = d.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                r.font.size = Pt(12)
            else:  # bold
                p = d.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                if level == 1:
                    r.font.size = Pt(12)
                    r.font.color.rgb = RGBColor(0x00, 0x55, 0x7F)
        elif kind == "p":
            p = d.add_paragraph(b[1])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "bullets":
            for item in b[1]:
                d.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = d.add_table(rows=0, cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                cells = t.add_row().cells
                for j, v in enumerate(row):
                    cells[j].text = ""
                    run = cells[j].paragraphs[0].add_run(v)
                    if i == 0:
                        run.bold = True
                        shade(cells[j], "DDEBF7")
            d.add_paragraph()
        elif kind == "cerfa":
            docx_cerfa(d, b[1])
            d.add_paragraph()
        elif kind == "pagebreak":
            d.add_page_break()
        else:
            raise ValueError(kind)
    d.core_properties.author = "Utilisateur"
    d.core_properties.created = datetime(2022, 8, 10, 9, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 12, 9, 30, 0)
    d.core_properties.last_modified_by = "Utilisateur"
    d.core_properties.revision = 3
    buf = io.BytesIO()
    d.save(buf)
    return fix_zip(buf.getvalue())


def build_odt(blocks: list[tuple], numbered_outline: bool = False) -> bytes:
    """An ODT written with odfpy: Heading styles with outline levels, lists, tables."""
    doc = OpenDocumentText()
    h1 = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph", defaultoutlinelevel="1")
    h1.addElement(TextProperties(fontsize="15pt", fontweight="bold", color="#2E4A62", fontname="DejaVu Sans"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
    h2 = Style(name="Heading_20_2", displayname="Heading 2", family="paragraph", defaultoutlinelevel="2")
    h2.addElement(TextProperties(fontsize="12.5pt", fontweight="bold", fontname="DejaVu Sans"))
    body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
    body.addElement(TextProperties(fontsize="10.5pt", fontname="DejaVu Sans"))
    body.addElement(ParagraphProperties(marginbottom="0.2cm", textalign="justify"))
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold", fontname="DejaVu Sans"))
    title.addElement(ParagraphProperties(textalign="center", marginbottom="0.5cm"))
    for s in (h1, h2, body, title):
        doc.styles.addElement(s)
    cellp = Style(name="CellText", family="paragraph")
    cellp.addElement(TextProperties(fontsize="9.5pt", fontname="DejaVu Sans"))
    cellb = Style(name="CellBold", family="paragraph")
    cellb.addElement(TextProperties(fontsize="9.5pt", fontweight="bold", fontname="DejaVu Sans"))
    celli = Style(name="CellIndent", family="paragraph")
    celli.addElement(TextProperties(fontsize="9.5pt", fontname="DejaVu Sans"))
    celli.addElement(ParagraphProperties(marginleft="0.5cm"))
    cellr = Style(name="CellRight", family="paragraph")
    cellr.addElement(TextProperties(fontsize="9.5pt", fontname="DejaVu Sans"))
    cellr.addElement(ParagraphProperties(textalign="end"))
    cellrb = Style(name="CellRightBold", family="paragraph")
    cellrb.addElement(TextProperties(fontsize="9.5pt", fontweight="bold", fontname="DejaVu Sans"))
    cellrb.addElement(ParagraphProperties(textalign="end"))
    tstyle = Style(name="Tbl", family="table")
    tstyle.addElement(TableProperties(width="17cm", align="center"))
    cstyle = Style(name="TblCell", family="table-cell")
    cstyle.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.08cm"))
    cgrey = Style(name="TblCellGrey", family="table-cell")
    cgrey.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.08cm", backgroundcolor="#E6E6E6"))
    colwide = Style(name="ColWide", family="table-column")
    colwide.addElement(TableColumnProperties(columnwidth="5.6cm"))
    colnum = Style(name="ColNum", family="table-column")
    colnum.addElement(TableColumnProperties(columnwidth="2.9cm"))
    for s in (cellp, cellb, celli, cellr, cellrb, tstyle, cstyle, cgrey, colwide, colnum):
        doc.automaticstyles.addElement(s)
    tcount = 0

    def cell(text: str, pstyle: Style, cst: Style = cstyle) -> TableCell:
        tc = TableCell(stylename=cst, valuetype="string")
        tc.addElement(P(stylename=pstyle, text=text))
        return tc

    for b in blocks:
        kind = b[0]
        if kind == "title":
            doc.text.addElement(P(stylename=title, text=b[1]))
        elif kind == "h":
            doc.text.addElement(H(outlinelevel=b[1], stylename=h1 if b[1] == 1 else h2, text=b[2]))
        elif kind == "p":
            doc.text.addElement(P(stylename=body, text=b[1]))
        elif kind == "bullets":
            lst = List()
            for item in b[1]:
                li = ListItem()
                li.addElement(P(stylename=body, text=item))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif kind in ("table", "cerfa"):
            tcount += 1
            t = Table(name=f"Tableau{tcount}", stylename=tstyle)
            if kind == "table":
                rows = b[1]
                t.addElement(TableColumn(numbercolumnsrepeated=len(rows[0])))
                for i, row in enumerate(rows):
                    tr = TableRow()
                    for v in row:
                        tr.addElement(cell(v, cellb if i == 0 else cellp, cgrey if i == 0 else cstyle))
                    t.addElement(tr)
            else:
                c: Cerfa = b[1]
                for cs in (colwide, colnum, colwide, colnum):
                    t.addElement(TableColumn(stylename=cs))
                tr = TableRow()
                for v in ("CHARGES", "Montant", "PRODUITS", "Montant"):
                    tr.addElement(cell(v, cellb, cgrey))
                t.addElement(tr)
                for pair in c.rows():
                    tr = TableRow()
                    for lab, amt, k in pair:
                        grey = cgrey if k == "total" else cstyle
                        ps = cellb if k in ("group", "total") else (celli if k == "detail" else cellp)
                        tr.addElement(cell(lab, ps, grey))
                        ps2 = cellrb if k in ("group", "total") else cellr
                        tr.addElement(cell(fr(amt, decimals=True) if amt is not None else "", ps2, grey))
                    t.addElement(tr)
            doc.text.addElement(t)
            doc.text.addElement(P(stylename=body, text=""))
        elif kind == "pagebreak":
            pass
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.write(buf)
    return fix_zip(buf.getvalue())


class PDF(FPDF):
    def __init__(self, footer_text: str = "") -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_creation_date(datetime(2022, 8, 12, 9, 30, tzinfo=timezone.utc))
        self.set_auto_page_break(True, margin=18)

    def footer(self) -> None:
        if self.footer_text:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7.5)
            self.cell(0, 5, f"{self.footer_text} – page {self.page_no()}", align="C")


# --------------------------------------------------------------------------- xlsx


THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
EUR = '#,##0.00\\ "€"'
EUR0 = '#,##0\\ "€"'


def xlsx_cached(wb: openpyxl.Workbook, name: str) -> bytes:
    """Save with openpyxl (formulas, no values), let LibreOffice compute and cache them."""
    wb.properties.creator = "Utilisateur"
    wb.properties.created = datetime(2022, 8, 9, 14, 0, 0)
    wb.properties.modified = datetime(2022, 8, 12, 9, 30, 0)
    buf = io.BytesIO()
    wb.save(buf)
    out = lo_convert_bytes(buf.getvalue(), name, "xlsx:Calc MS Excel 2007 XML")
    return fix_zip(out)


def xlsx_cerfa(c: Cerfa, title: list[str], sheet: str = "Budget prévisionnel") -> openpyxl.Workbook:
    """The association budget form as a sheet, with SUM formulas for subtotals and totals."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    for t in title:
        ws.cell(r, 1, t).font = Font(bold=True, size=12 if r == 1 else 10)
        r += 1
    r += 1
    for j, h in enumerate(("CHARGES", "Montant", "PRODUITS", "Montant"), start=1):
        cl = ws.cell(r, j, h)
        cl.font = Font(bold=True)
        cl.fill = PatternFill("solid", fgColor="D9D9D9")
        cl.border = BOX
    r += 1

    def side(groups: list[tuple[str, list[Line]]], col: int, start: int) -> tuple[list[str], int]:
        refs = []
        row = start
        for label, lines in groups:
            g = ws.cell(row, col, label)
            g.font = Font(bold=True)
            grow = row
            row += 1
            for x in lines:
                d = ws.cell(row, col, x.label)
                d.alignment = Alignment(indent=2)
                a = ws.cell(row, col + 1, x.amount)
                a.number_format = EUR
                row += 1
            if lines:
                ws.cell(grow, col + 1, f"=SUM({cl_(col + 1)}{grow + 1}:{cl_(col + 1)}{row - 1})")
                ws.cell(grow, col + 1).number_format = EUR
                ws.cell(grow, col + 1).font = Font(bold=True)
                refs.append(f"{cl_(col + 1)}{grow}")
        return refs, row

    lrefs, lend = side(c.charges, 1, r)
    rrefs, rend = side(c.produits, 3, r)
    r = max(lend, rend)
    tot_row = r
    for col, refs, lab in ((1, lrefs, "TOTAL DES CHARGES"), (3, rrefs, "TOTAL DES PRODUITS")):
        ws.cell(r, col, lab).font = Font(bold=True)
        v = ws.cell(r, col + 1, "=" + "+".join(refs))
        v.number_format = EUR
        v.font = Font(bold=True)
        for j in (col, col + 1):
            ws.cell(r, j).fill = PatternFill("solid", fgColor="F2F2F2")
    r += 1
    if c.c86 or c.p87:
        l86, lend = side([c.c86], 1, r)
        r87, rend = side([c.p87], 3, r)
        r = max(lend, rend)
        for col, ref in ((1, l86[0]), (3, r87[0])):
            ws.cell(r, col, "TOTAL").font = Font(bold=True)
            v = ws.cell(r, col + 1, f"={cl_(col + 1)}{tot_row}+{ref}")
            v.number_format = EUR
            v.font = Font(bold=True)
            for j in (col, col + 1):
                ws.cell(r, j).fill = PatternFill("solid", fgColor="F2F2F2")
    for row in ws.iter_rows(min_row=len(title) + 2, max_row=r, max_col=4):
        for cl in row:
            cl.border = BOX
    ws.column_dimensions["A"].width = 58
    ws.column_dimensions["B"].width = 15
    ws.column_dimensions["C"].width = 58
    ws.column_dimensions["D"].width = 15
    return wb


def cl_(col: int) -> str:
    return openpyxl.utils.get_column_letter(col)


# --------------------------------------------------------------------------- MIME


def b64_body(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", CRLF).rstrip(CRLF)


def qp_body(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    enc = quopri.encodestring(raw).decode("ascii")
    return enc.replace("\n", CRLF).rstrip(CRLF)


def enc_word(s: str, charset: str = "utf-8", mode: str = "Q", maxlen: int = 70) -> str:
    """RFC 2047 encoded words, split on character boundaries."""
    words: list[str] = []
    prefix = f"=?{charset}?{mode}?"
    cur_chars: list[str] = []

    def encode(chars: list[str]) -> str:
        raw = "".join(chars).encode(charset)
        if mode == "B":
            return base64.b64encode(raw).decode()
        out = []
        for byte in raw:
            ch = chr(byte)
            if ch == " ":
                out.append("_")
            elif ch.isalnum() and byte < 128:
                out.append(ch)
            elif ch in "-!*+/" and byte < 128:
                out.append(ch)
            else:
                out.append(f"={byte:02X}")
        return "".join(out)

    for ch in s:
        trial = cur_chars + [ch]
        if len(prefix) + len(encode(trial)) + 2 > maxlen and cur_chars:
            words.append(prefix + encode(cur_chars) + "?=")
            cur_chars = [ch]
        else:
            cur_chars = trial
    if cur_chars:
        words.append(prefix + encode(cur_chars) + "?=")
    return (CRLF + " ").join(words)


def rfc2231(param: str, value: str, split: int = 0, charset: str = "UTF-8") -> str:
    """filename*=UTF-8''... (optionally split into filename*0*=, filename*1*= ...)."""
    from urllib.parse import quote

    enc = quote(value.encode(charset), safe="")
    if not split:
        return f"{param}*={charset}''{enc}"
    parts = []
    i = 0
    chunks = []
    while i < len(enc):
        j = min(i + split, len(enc))
        # do not cut a %XX escape
        while "%" in enc[j - 2 : j] and j < len(enc) and j - i > 3:
            j -= 1
        chunks.append(enc[i:j])
        i = j
    for n, ch in enumerate(chunks):
        parts.append(f"{param}*{n}*={charset}''{ch}" if n == 0 else f"{param}*{n}*={ch}")
    return (";" + CRLF + " ").join(parts)


class Part:
    def __init__(self, headers: list[tuple[str, str]], body: str = "", parts: list["Part"] | None = None,
                 boundary: str = "", preamble: str = "") -> None:
        self.headers = headers
        self.body = body
        self.parts = parts or []
        self.boundary = boundary
        self.preamble = preamble

    def render(self) -> str:
        out = [f"{k}: {v}" for k, v in self.headers]
        out.append("")
        if self.parts:
            if self.preamble:
                out.append(self.preamble)
            for p in self.parts:
                out.append(f"--{self.boundary}")
                out.append(p.render())
            out.append(f"--{self.boundary}--")
            out.append("")
        else:
            out.append(self.body)
        return CRLF.join(out)


def text_part(text: str, charset: str = "utf-8", cte: str = "quoted-printable", subtype: str = "plain",
              extra_ct: str = "", headers_extra: list[tuple[str, str]] | None = None) -> Part:
    if cte == "quoted-printable":
        body = qp_body(text, charset)
    elif cte == "base64":
        body = b64_body(text.encode(charset))
    else:  # 8bit / 7bit
        body = text.replace("\r\n", "\n").replace("\n", CRLF)
    if "format=flowed" in extra_ct:
        text = flowed(text)
        if cte == "quoted-printable":
            body = qp_body(text, charset)
        elif cte not in ("base64",):
            body = text.replace("\r\n", "\n").replace("\n", CRLF)
    ct = f"text/{subtype}; charset={charset}{extra_ct}"
    return Part([("Content-Type", ct), ("Content-Transfer-Encoding", cte)] + (headers_extra or []), body)


def file_part(data: bytes, ctype_line: str, disp_line: str, extra: list[tuple[str, str]] | None = None,
              order: str = "ct-cte-cd") -> Part:
    h = {"ct": ("Content-Type", ctype_line), "cte": ("Content-Transfer-Encoding", "base64"),
         "cd": ("Content-Disposition", disp_line)}
    headers = [h[k] for k in order.split("-")] + (extra or [])
    return Part(headers, b64_body(data))


def html_from_text(text: str, font: str = "Calibri, sans-serif") -> str:
    import html as _h

    paras = [p for p in text.split("\n\n")]
    inner = "".join(
        f"<p style=\"margin:0 0 8px 0\">{_h.escape(p).replace(chr(10), '<br>')}</p>" for p in paras
    )
    return (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
        f"<body><div style=\"font-family:{font};font-size:11pt\">{inner}</div></body></html>"
    )


def flowed(text: str, width: int = 72) -> str:
    """format=flowed: long lines broken with a trailing space (soft line breaks)."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        words = line.split(" ")
        cur = ""
        for w in words:
            if cur and len(cur) + 1 + len(w) > width:
                out.append(cur + " ")
                cur = w
            else:
                cur = (cur + " " + w) if cur else w
        out.append(cur)
    return "\n".join(out)


def writer_pdf(data: bytes, name: str, seed: str) -> bytes:
    """A PDF exported by LibreOffice Writer from a DOCX/ODT."""
    return fix_pdf(lo_convert_bytes(data, name, "pdf:writer_pdf_Export"), seed)


def build_fpdf(blocks: list[tuple], footer: str = "", heading_color: tuple = (0, 70, 120),
               cerfa_decimals: bool = False) -> bytes:
    pdf = PDF(footer)
    pdf.add_page()
    pdf.set_margins(18, 16, 18)
    pdf.set_x(18)
    w = pdf.w - 36
    for b in blocks:
        kind = b[0]
        if kind == "title":
            pdf.set_font("DejaVu", "B", 15)
            pdf.multi_cell(w, 8, b[1], align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 12.5 if b[1] == 1 else 11)
            pdf.set_text_color(*heading_color)
            pdf.multi_cell(w, 7, b[2], new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(w, 5.2, b[1], align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "bullets":
            pdf.set_font("DejaVu", "", 10)
            for item in b[1]:
                pdf.set_x(22)
                pdf.multi_cell(w - 4, 5.2, "– " + item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("DejaVu", "", 9)
            rows = b[1]
            with pdf.table(width=int(w), text_align="LEFT", line_height=5) as t:
                for row in rows:
                    r = t.row()
                    for v in row:
                        r.cell(v)
            pdf.ln(3)
        elif kind == "cerfa":
            c: Cerfa = b[1]
            pdf.set_font("DejaVu", "", 8.5)
            with pdf.table(width=int(w), col_widths=(36, 14, 36, 14), line_height=4.6,
                           text_align=("LEFT", "RIGHT", "LEFT", "RIGHT")) as t:
                r = t.row()
                for v in ("CHARGES", "Montant", "PRODUITS", "Montant"):
                    r.cell(v)
                for pair in c.rows():
                    r = t.row()
                    for lab, amt, k in pair:
                        lab2 = ("    " + lab) if k == "detail" else lab
                        r.cell(lab2)
                        r.cell(fr(amt, decimals=cerfa_decimals) if amt is not None else "")
            pdf.ln(3)
        elif kind == "pagebreak":
            pdf.add_page()
        else:
            raise ValueError(kind)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- labels


def month_index(ym: str) -> int:
    y, m = int(ym[:4]), int(ym[5:7])
    return y * 12 + m - 1


def project_label(start: str, end: str, duration: int | None = None) -> dict[str, object]:
    d = month_index(end) - month_index(start) + 1
    if duration is not None:
        assert duration == d, (start, end, duration, d)
    return {"start": start, "end": end, "duration_months": d}


def norm_subject(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return s.replace("\u2019", "'")


def compute_flags(sections: dict[str, dict], budget: Budget | None, date_iso: str,
                  project: dict | None, subject: str, has_document: bool = True) -> list[dict]:
    flags: list[dict] = []
    if not has_document:
        flags.append({"code": "no_proposal_document", "target": "", "severity": "blocking"})
    for sid in SECTION_IDS:
        if not sections[sid]["present"]:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    if budget is None:
        flags.append({"code": "missing_budget", "target": "", "severity": "blocking"})
    else:
        present = {x.kind for x in budget.expenses}
        if "personnel" not in present:
            flags.append({"code": "missing_budget_item", "target": "personnel", "severity": "blocking"})
        if not budget.cofin_lines():
            flags.append({"code": "missing_budget_item", "target": "cofinancement", "severity": "blocking"})
        for cat in ("deplacements_logistique", "prestations"):
            if cat not in present:
                flags.append({"code": "missing_budget_item", "target": cat, "severity": "warning"})
        if budget.declared_total is not None and abs(budget.declared_total - budget.sum_lines()) > 1:
            flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
        a = budget.anact()
        if a is not None and a > CAP:
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
        cof = sum(x.amount for x in budget.cofin_lines())
        if budget.cofin_lines() and cof < MIN_SHARE * budget.total_cost() - 1e-9:
            flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
        for x in budget.expenses:
            if x.kind == "autre":
                flags.append({"code": "ineligible_expense", "target": x.label, "severity": "warning"})
    if datetime.fromisoformat(date_iso) > DEADLINE:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    if project and project["end"] > END_LIMIT and not END_LIMIT.startswith(project["end"]):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    ns = norm_subject(subject)
    if "fabrique cto" not in ns and "manifestation d'interet" not in ns:
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    return flags


def decide(flags: list[dict], date_iso: str) -> str:
    if datetime.fromisoformat(date_iso) > DEADLINE:
        return "late"
    if any(f["severity"] == "blocking" for f in flags):
        return "incomplete"
    return "complete"


def make_label(case: str, desc: str, sections: dict[str, dict], budget: Budget | None,
               partners: list[str], attachments: list[tuple[str, str]], message: dict,
               project: dict | None) -> dict:
    full = {}
    for sid in SECTION_IDS:
        full[sid] = sections.get(sid, {"present": False})
    flags = compute_flags(full, budget, message["date"], project, message["subject"])
    label = {
        "case": desc,
        "decision": decide(flags, message["date"]),
        "flags": flags,
        "sections": full,
        "budget": budget.label() if budget else {"total_cost": None, "anact_request": None},
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": f, "status": s} for f, s in attachments],
        "message": message,
    }
    if project:
        label["project"] = project
    return label


def msg_meta(message_id: str, from_addr: str, subject: str, date_header: str) -> dict:
    return {
        "message_id": message_id,
        "from": from_addr,
        "subject": subject,
        "date": parsedate_to_datetime(date_header).isoformat(),
    }


def write_case(case_id: str, raw: str, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{case_id}.eml").write_bytes(raw.encode("ascii") if raw.isascii() else raw.encode("utf-8"))
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # keep the attachments for inspection
    print(f"{case_id}: {label['decision']:10s} {[f['code'] + '(' + f['target'] + ')' for f in label['flags']]}")


CASE_FUNCS = []


def case(fn):
    CASE_FUNCS.append(fn)
    return fn


# =========================================================================== cases


# --------------------------------------------------------------------------- h3b-01
@case
def case01() -> None:
    """Association, DOCX with Word heading styles + CERFA XLSX with formulas; Roundcube."""
    cid = "h3b-01"
    desc_name = "Projet_Passeurs_Numeriques_FabriqueCTO.docx"
    budget_name = "Budget_previsionnel_2022-2023.xlsx"
    partners = [
        ("Aract Pays de la Loire", "appui méthodologique sur les conditions de travail, participation au comité de pilotage"),
        ("Union départementale CFDT de Loire-Atlantique", "mobilisation des délégués et élus, co-animation de deux ateliers"),
        ("Cap Tiers-Lieux", "mise à disposition gratuite de salles, relais vers le réseau des tiers-lieux"),
    ]
    blocks = [
        ("title", "Projet « Dialogue & Écrans »"),
        ("p", "Réponse de l'association Les Passeurs Numériques (loi 1901, Nantes) à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » – La Fabrique CTO."),
        ("h", 1, "Pourquoi ce projet ?", ["contexte"]),
        ("p", "Depuis 2017, notre association accompagne les petites structures de l'économie sociale et solidaire de Loire-Atlantique dans leurs usages numériques. Nous constatons que les outils arrivent vite (logiciels de planning, messageries, plateformes de gestion des bénévoles) et que les équipes sont rarement associées à leur choix."),
        ("p", "Les salariés nous disent leur fatigue face aux notifications, la perte de sens de tâches devenues de la saisie, et l'absence d'espace pour en parler avec leur direction."),
        ("h", 1, "Ce que nous voulons atteindre", ["objectifs"]),
        ("bullets", [
            "Créer dans huit structures un espace régulier de discussion sur les outils numériques et le travail ;",
            "outiller les délégués du personnel et les directions pour négocier les conditions d'usage des outils ;",
            "produire un guide ouvert de la médiation numérique au travail.",
        ]),
        ("h", 1, "La question qui nous occupe", ["problematique"]),
        ("p", "Comment faire des choix d'outils numériques une affaire de dialogue entre salariés, bénévoles et dirigeants, dans des structures de moins de cinquante personnes où le dialogue social reste souvent informel ?"),
        ("h", 1, "Avec qui et pour qui", ["cibles"]),
        ("p", "Le projet s'adresse aux associations et coopératives employeuses de 5 à 50 salariés du département : directions, salariés, élus du CSE lorsqu'il existe, administrateurs bénévoles. Huit structures volontaires participeront, issues de l'aide à domicile, de l'insertion et de la culture."),
        ("h", 1, "Notre manière de faire", ["methodologie"]),
        ("p", "Nous partons du travail réel : observation des situations d'usage, puis ateliers de « controverse outillée » où salariés et direction examinent ensemble un outil précis, ses écrans, ses règles et les données qu'il produit."),
        ("p", "Chaque structure formalise ensuite un accord de méthode sur l'introduction des outils, testé pendant trois mois puis évalué avec les équipes."),
        ("h", 1, "Calendrier de réalisation", ["phasage"]),
        ("p", "Le projet se déroule d'octobre 2022 à septembre 2023, en quatre phases :"),
        ("bullets", [
            "Phase 1 (octobre – novembre 2022) : recrutement des structures et diagnostics d'usage ;",
            "Phase 2 (décembre 2022 – mars 2023) : ateliers de controverse outillée, deux par structure ;",
            "Phase 3 (avril – juin 2023) : rédaction et test des accords de méthode ;",
            "Phase 4 (juillet – septembre 2023) : évaluation croisée et rédaction du guide.",
        ]),
        ("h", 1, "Gouvernance du projet", ["pilotage"]),
        ("p", "Un comité de pilotage réunit chaque trimestre l'association, l'Aract Pays de la Loire, l'union départementale CFDT et deux directions de structures participantes. Un comité technique (chargée de projet et facilitatrice) se réunit toutes les deux semaines et rend compte au conseil d'administration."),
        ("h", 1, "Ce que le projet doit produire", ["resultats"]),
        ("bullets", [
            "huit accords de méthode signés ou expérimentés ;",
            "un guide de la médiation numérique au travail, publié sous licence libre ;",
            "une communauté de pratique d'une trentaine de personnes.",
        ]),
        ("h", 1, "Après 2023 : faire durer et transmettre", ["perennisation"]),
        ("p", "Le guide et les supports d'atelier seront versés en communs de la connaissance. Nous proposerons la démarche aux réseaux régionaux de l'ESS afin qu'elle soit reprise dans d'autres départements, et l'intégrerons à notre offre d'accompagnement."),
        ("h", 1, "Nos partenaires et leur rôle", ["partenaires"]),
        ("p", "Trois partenaires se sont engagés à nos côtés :"),
        ("table", [["Partenaire", "Contribution attendue"]] + [[n, c] for n, c in partners]),
        ("h", 1, "Budget", []),
        ("p", f"Le budget prévisionnel, établi selon le modèle du formulaire de demande de subvention, est joint séparément ({budget_name})."),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", [Line("604 – Prestations de services (facilitation graphique)", 4200, "prestations")]),
            ("61 – Services extérieurs", [Line("613 – Locations (salles des ateliers)", 1800, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("622 – Rémunérations intermédiaires et honoraires", 6500, "prestations"),
                Line("623 – Publicité, publication", 1000, "prestations"),
                Line("625 – Déplacements, missions", 1800, "deplacements_logistique"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("641 – Rémunération des personnels", 25200, "personnel"),
                Line("645 – Charges sociales", 10800, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
        ],
        produits=[
            ("70 – Vente de produits finis, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact – AMI La Fabrique CTO", 40000, "anact"),
                Line("Région Pays de la Loire", 5300, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [
                Line("756 – Cotisations et fonds propres de l'association", 6000, "cofin"),
            ]),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [
            Line("861 – Mise à disposition gratuite de salles (Cap Tiers-Lieux)", 2200, "deplacements_logistique"),
            Line("864 – Personnel bénévole", 4500, "personnel"),
        ]),
        p87=("87 – Contributions volontaires en nature", [
            Line("870 – Bénévolat", 4500, "cofin"),
            Line("871 – Prestations en nature", 2200, "cofin"),
        ]),
    )
    assert c.total_charges() == c.total_produits() == 58000
    budget = Budget.from_cerfa(c)
    assert budget.totals() == {"personnel": 40500, "deplacements_logistique": 5800, "prestations": 11700, "autre": 0}
    wb = xlsx_cerfa(c, ["BUDGET PRÉVISIONNEL DU PROJET « Dialogue & Écrans »",
                        "Association Les Passeurs Numériques – octobre 2022 à septembre 2023"])
    xbytes = xlsx_cached(wb, budget_name)
    dbytes = build_docx(blocks, "styled")
    files = {desc_name: dbytes, budget_name: xbytes}
    sections = sections_from_blocks(blocks, desc_name)

    subject = "AMI La Fabrique CTO – candidature des Passeurs Numériques"
    from_addr = "contact@passeurs-numeriques.org"
    mid = "<3f9c1e0b7a2d4c58a1e6b2d0c4f7a913@passeurs-numeriques.org>"
    date = "Fri, 19 Aug 2022 11:07:42 +0200"
    body = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint la candidature de l'association Les Passeurs Numériques à "
        "l'appel à manifestation d'intérêt « Développer le dialogue social technologique au "
        "travail » : la description du projet « Dialogue & Écrans » et son budget prévisionnel.\n\n"
        "Nous restons à votre disposition pour toute précision.\n\n"
        "Bien cordialement,\n\n"
        "Hélène Morvan\nCoordinatrice\nLes Passeurs Numériques\n7 rue des Olivettes, 44000 Nantes\n"
    )
    bnd = "=_b1f43c0d5e8a2f6f0c9e13a7d4b2c581"
    root = Part(
        [
            ("MIME-Version", "1.0"),
            ("Date", date),
            ("From", "=?UTF-8?Q?H=C3=A9l=C3=A8ne_Morvan?= <contact@passeurs-numeriques.org>"),
            ("To", "fabrique@anact.fr"),
            ("Subject", enc_word(subject, "UTF-8", "Q")),
            ("Message-ID", mid),
            ("X-Sender", from_addr),
            ("User-Agent", "Roundcube Webmail/1.4.13"),
            ("Content-Type", f"multipart/mixed;{CRLF} boundary=\"{bnd}\""),
        ],
        parts=[
            text_part(body, "UTF-8", "quoted-printable", extra_ct=";" + CRLF + " format=flowed"),
            file_part(dbytes, f"{MIME_DOCX};{CRLF} name={desc_name}",
                      f"attachment;{CRLF} filename={desc_name};{CRLF} size={len(dbytes)}"),
            file_part(xbytes, f"{MIME_XLSX};{CRLF} name={budget_name}",
                      f"attachment;{CRLF} filename={budget_name};{CRLF} size={len(xbytes)}"),
        ],
        boundary=bnd,
    )
    label = make_label(
        cid,
        "Association (Les Passeurs Numériques), DOCX à titres stylés + budget CERFA XLSX à formules (86/87), Roundcube ; complet",
        sections,
        budget,
        [n for n, _ in partners],
        [(desc_name, "parsed"), (budget_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10", "2023-09", 12),
    )
    save_files(cid, files)
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-02
@case
def case02() -> None:
    """Union, single ODT (odfpy) with the budget form inside; Thunderbird, RFC 2231 name."""
    cid = "h3b-02"
    name = "Réponse AMI Fabrique CTO – STNI.odt"
    partners = [
        ("Aract Occitanie", "apport d'expertise sur les conditions de travail, co-animation des séances de négociation"),
        ("LISST", "laboratoire de l'Université Toulouse Jean Jaurès : appui à l'enquête et évaluation"),
        ("Digital 113", "cluster des entreprises du numérique d'Occitanie : mobilisation des directions"),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", []),
            ("61 – Services extérieurs", [Line("Location de salles de formation", 2400, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Honoraires expert (cabinet Sextant Conseil)", 12000, "prestations"),
                Line("Déplacements des militants formateurs", 4100, "deplacements_logistique"),
                Line("Conception des supports pédagogiques (graphiste)", 1500, "prestations"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Permanent syndical chargé du projet (0,5 ETP)", 22000, "personnel"),
                Line("Charges sociales", 9500, "personnel"),
            ]),
        ],
        produits=[
            ("70 – Ventes, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact – AMI La Fabrique CTO (sollicitée)", 41200, "anact"),
                Line("État – DREETS Occitanie (appui au dialogue social)", 4000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [
                Line("Cotisations syndicales (fonds propres)", 6300, "cofin"),
            ]),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [
            Line("Temps militant bénévole", 9000, "personnel"),
        ]),
        p87=("87 – Contributions volontaires en nature", [
            Line("Bénévolat des militants", 9000, "cofin"),
        ]),
    )
    assert c.total_charges() == c.total_produits() == 60500
    budget = Budget.from_cerfa(c)
    blocks = [
        ("title", "Projet « Les Algorithmes au Comité »"),
        ("p", "Syndicat des Travailleurs du Numérique et de l'Ingénierie (STNI) – section Occitanie. Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »."),
        ("h", 1, "1. Genèse et contexte", ["contexte"]),
        ("p", "Notre syndicat rassemble près de 1 400 adhérents dans les entreprises de services numériques, les bureaux d'études et les jeunes pousses de l'agglomération toulousaine. Depuis la crise sanitaire, les représentants du personnel sont saisis de projets d'outils de pilotage automatisé de l'activité sans disposer des moyens de les analyser."),
        ("h", 1, "2. Finalités", ["objectifs"]),
        ("p", "Le projet vise à donner aux élus des CSE des petites entreprises du numérique les moyens de discuter les outils algorithmiques dès leur conception, et à expérimenter avec les directions des formes de négociation de ces outils."),
        ("h", 1, "3. La problématique", ["problematique"]),
        ("p", "Dans une PME de soixante salariés, qui comprend vraiment ce que fait l'outil d'affectation automatique des tickets ? Les élus n'ont ni le temps ni l'expertise, les directions achètent des solutions sur étagère et les éditeurs sont absents du dialogue."),
        ("h", 1, "4. Publics visés", ["cibles"]),
        ("p", "Élus et représentants de proximité de dix PME et TPE du numérique (20 à 250 salariés), leurs directions et, lorsque c'est possible, les éditeurs des solutions utilisées."),
        ("h", 1, "5. Démarche méthodologique", ["methodologie"]),
        ("p", "La démarche combine trois modalités qui se répondent :"),
        ("bullets", [
            "une formation-action des élus à l'analyse d'un outil (données, règles, effets sur le travail) ;",
            "une enquête outillée, dans chaque entreprise, sur un outil choisi avec la direction ;",
            "des séances de négociation accompagnées, aboutissant à un relevé de décisions sur les conditions d'usage.",
        ]),
        ("h", 1, "6. Phasage", ["phasage"]),
        ("p", "Le projet se déroulera du 7 novembre 2022 au 15 décembre 2023."),
        ("table", [
            ["Période", "Étape", "Livrable"],
            ["Nov. 2022 – janv. 2023", "Formation-action des élus (4 journées)", "Kit d'analyse d'un outil"],
            ["Févr. – juin 2023", "Enquêtes outillées dans les dix entreprises", "Dix fiches outils"],
            ["Sept. – nov. 2023", "Séances de négociation accompagnées", "Relevés de décisions"],
            ["Déc. 2023", "Séminaire régional de restitution", "Synthèse publique"],
        ]),
        ("h", 1, "7. Pilotage et instances", ["pilotage"]),
        ("p", "Un comité de pilotage paritaire de huit membres (quatre représentants syndicaux, deux représentants d'employeurs, l'Aract Occitanie et un chercheur du LISST) se réunit quatre fois. Une équipe projet de trois militants assure le suivi opérationnel."),
        ("h", 1, "8. Résultats attendus", ["resultats"]),
        ("p", "Dix analyses partagées d'outils algorithmiques, au moins cinq accords ou relevés de décisions sur leurs conditions d'usage et un kit de formation réutilisable par d'autres organisations syndicales."),
        ("h", 1, "9. Pérennisation et essaimage", ["perennisation"]),
        ("p", "Le kit sera intégré à notre offre de formation des élus et mis à disposition des autres organisations syndicales sous licence Creative Commons. Le séminaire de décembre 2023 ouvrira sur un réseau régional d'élus référents."),
        ("h", 1, "10. Partenaires mobilisés", ["partenaires"]),
        ("p", "Trois partenaires sont engagés dans le projet :"),
        ("bullets", [
            "Aract Occitanie : apport d'expertise sur les conditions de travail, co-animation des séances de négociation ;",
            "Laboratoire LISST (Université Toulouse Jean Jaurès) : appui à l'enquête et évaluation ;",
            "Digital 113, cluster des entreprises du numérique d'Occitanie : mobilisation des directions.",
        ]),
        ("h", 1, "11. Budget prévisionnel", []),
        ("p", "Le budget est présenté selon le modèle du formulaire de demande de subvention des associations (montants en euros, le syndicat n'est pas assujetti à la TVA)."),
        ("cerfa", c),
    ]
    obytes = build_odt(blocks)
    sections = sections_from_blocks(blocks, name)
    subject = "Candidature AMI « Fabrique CTO » - projet Les Algorithmes au Comité"
    from_addr = "c.ferrand@stni-syndicat.fr"
    mid = "<5a2e7c1d-8b3f-4e9a-b6c2-0d1f9e4a7b35@stni-syndicat.fr>"
    date = "Thu, 18 Aug 2022 16:47:12 +0200"
    body = (
        "Madame, Monsieur,\n\n"
        "Vous trouverez en pièce jointe la réponse du STNI Occitanie à l'appel à manifestation "
        "d'intérêt « Développer le dialogue social technologique au travail ». Le document "
        "comprend la description du projet, les partenaires et le budget prévisionnel.\n\n"
        "Salutations syndicales,\n\n"
        "Camille Ferrand\nSecrétaire régionale STNI Occitanie\n06 71 22 48 90\n"
    )
    bnd = "------------0A7F3C2B9E1D6A4E8B5C0F21"
    disp = "attachment;" + CRLF + " " + rfc2231("filename", name, split=40)
    root = Part(
        [
            ("Message-ID", mid),
            ("Date", date),
            ("MIME-Version", "1.0"),
            ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101\r\n Thunderbird/91.12.0"),
            ("Content-Language", "fr"),
            ("To", "fabrique@anact.fr"),
            ("From", "Camille Ferrand <c.ferrand@stni-syndicat.fr>"),
            ("Subject", enc_word(subject, "UTF-8", "B")),
            ("Content-Type", f"multipart/mixed; boundary=\"{bnd[2:]}\""),
        ],
        parts=[
            text_part(body, "UTF-8", "8bit", extra_ct="; format=flowed"),
            file_part(obytes, f"{MIME_ODT};" + CRLF + " " + rfc2231("name", name, split=40), disp),
        ],
        boundary=bnd[2:],
        preamble="This is a multi-part message in MIME format.",
    )
    label = make_label(
        cid,
        "Syndicat (STNI), un seul ODT (odfpy) avec budget CERFA en tableau et 86/87, Thunderbird, nom RFC 2231 découpé ; complet",
        sections,
        budget,
        [n for n, _ in partners],
        [(name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-11-07", "2023-12-15", 14),
    )
    save_files(cid, {name: obytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-03
@case
def case03() -> None:
    """SCOP, PDF exported from Writer + separate XLSX budget (formulas, sous-totaux);
    Outlook 2016, ISO-8859-1, RFC 2047 names. Defect: co-financing 14,3 % (< 20 %)."""
    cid = "h3b-03"
    desc_name = "Présentation projet Alterna - AMI Fabrique CTO.pdf"
    budget_name = "Budget prévisionnel Alterna.xlsx"
    partners = [
        ("Aract Auvergne-Rhône-Alpes", "expertise conditions de travail, participation au comité de pilotage"),
        ("UIMM Loire", "mobilisation des entreprises industrielles du bassin stéphanois"),
        ("Union régionale des Scop et Scic Auvergne-Rhône-Alpes", "diffusion de la méthode dans le réseau coopératif"),
    ]
    blocks = [
        ("title", "Coopérative Alterna Conseil (SCOP SARL)\nProjet « Revues de travail numériques »"),
        ("p", "Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » – dispositif La Fabrique CTO. Contact : Sophie Lacroix, associée-gérante."),
        ("h", 1, "A. Contexte et constats", ["contexte"]),
        ("p", "Alterna Conseil est une société coopérative de onze salariés, dont neuf associés, qui intervient depuis 2012 auprès des PME industrielles de la région Auvergne-Rhône-Alpes sur l'organisation du travail. Nos missions récentes montrent que la plupart des projets de digitalisation (MES, tablettes en atelier, GMAO) sont conduits sans que les opérateurs ni leurs représentants soient consultés."),
        ("h", 1, "B. Objectifs poursuivis", ["objectifs"]),
        ("p", "Concevoir et tester avec six PME une méthode de « revue de travail » des outils numériques associant opérateurs, encadrement de proximité, représentants du personnel et fournisseur de la solution."),
        ("h", 1, "C. Problème posé", ["problematique"]),
        ("p", "Les fournisseurs livrent des solutions paramétrées pour le travail prescrit ; l'écart avec le travail réel n'est découvert qu'après le déploiement, quand les marges de manœuvre ont disparu. Comment ouvrir ce dialogue avant et pendant le déploiement ?"),
        ("h", 1, "D. Entreprises et publics ciblés", ["cibles"]),
        ("p", "Six PME industrielles de 30 à 200 salariés des bassins de Lyon, Grenoble et Saint-Étienne, engagées dans un projet de digitalisation de l'atelier ; leurs opérateurs, encadrants de proximité, élus du CSE et fournisseurs de solutions."),
        ("h", 1, "E. Méthode d'intervention", ["methodologie"]),
        ("p", "La revue de travail se déroule en trois temps dans chaque entreprise : observation outillée de l'activité avec l'outil, atelier de confrontation entre utilisateurs et fournisseur, puis décisions d'ajustement présentées au CSE."),
        ("h", 1, "F. Déroulement dans le temps", ["phasage"]),
        ("p", "Le projet s'étend d'octobre 2022 à octobre 2023 :"),
        ("bullets", [
            "octobre – décembre 2022 : constitution du groupe d'entreprises et cadrage ;",
            "janvier – juin 2023 : revues de travail dans les six PME, en deux vagues de trois ;",
            "juillet – octobre 2023 : capitalisation, évaluation et journée régionale de restitution.",
        ]),
        ("h", 1, "G. Organisation du pilotage", ["pilotage"]),
        ("p", "Un comité de pilotage associant l'Aract Auvergne-Rhône-Alpes, l'UIMM Loire et deux représentants des salariés des entreprises participantes se réunit à chaque fin de phase. Un comité des entreprises (un binôme direction et élu par PME) se réunit tous les deux mois."),
        ("h", 1, "H. Résultats escomptés", ["resultats"]),
        ("p", "Six revues de travail conduites, des ajustements d'outils documentés, une méthode publiée et un module de formation destiné aux élus de CSE."),
        ("h", 1, "I. Pérennité et diffusion", ["perennisation"]),
        ("p", "La méthode sera publiée sous licence ouverte et intégrée à notre catalogue ; nous formerons d'autres consultants et coopératives à son utilisation."),
        ("h", 1, "J. Partenaires", ["partenaires"]),
        ("p", "Les partenaires suivants ont confirmé leur participation :"),
        ("bullets", [f"{n} : {c} ;" for n, c in partners]),
        ("h", 1, "K. Budget", []),
        ("p", f"Le budget détaillé et le plan de financement figurent dans le fichier « {budget_name} »."),
    ]
    expenses = [
        Line("Associée-gérante, cheffe de projet (40 jours)", 26000, "personnel", q=40, u=650),
        Line("Consultant salarié associé (30 jours)", 15000, "personnel", q=30, u=500),
        Line("Chargée d'études (20 jours)", 10000, "personnel", q=20, u=500),
        Line("Déplacements Lyon – Grenoble – Saint-Étienne (forfait)", 3200, "deplacements_logistique"),
        Line("Location de salles et restauration des ateliers", 2800, "deplacements_logistique"),
        Line("Design de service – Studio Graphein (prestataire)", 9000, "prestations"),
        Line("Captation vidéo et montage (prestataire)", 4000, "prestations"),
    ]
    resources = [
        Line("Subvention Anact sollicitée (AMI La Fabrique CTO)", 60000, "anact"),
        Line("Autofinancement Alterna (fonds propres de la SCOP)", 10000, "cofin"),
    ]
    budget = Budget(expenses, resources, declared_total=70000)
    assert budget.sum_lines() == 70000 and sum(x.amount for x in resources) == 70000
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Alterna Conseil – Budget prévisionnel du projet « Revues de travail numériques »"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "Montants en euros hors taxes – période octobre 2022 à octobre 2023"
    ws["A2"].font = Font(italic=True)
    hdr = ["Poste de dépense", "Nb de jours", "Coût unitaire HT", "Montant HT"]
    for j, h in enumerate(hdr, 1):
        c = ws.cell(4, j, h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="2F5597")
        c.border = BOX
    row = 5
    subtotal_cells = []
    groups = [
        ("1. Dépenses de personnel", "personnel", "Sous-total personnel"),
        ("2. Frais de déplacement et logistique", "deplacements_logistique", "Sous-total déplacements et logistique"),
        ("3. Achats de prestations", "prestations", "Sous-total prestations"),
    ]
    for title, cat, sub in groups:
        ws.cell(row, 1, title).font = Font(bold=True)
        ws.cell(row, 1).fill = PatternFill("solid", fgColor="D9E2F3")
        row += 1
        first = row
        for x in [e for e in expenses if e.kind == cat]:
            ws.cell(row, 1, x.label).alignment = Alignment(indent=1)
            if "q" in x.extra:
                ws.cell(row, 2, x.extra["q"])
                ws.cell(row, 3, x.extra["u"]).number_format = EUR0
                ws.cell(row, 4, f"=B{row}*C{row}")
                assert x.extra["q"] * x.extra["u"] == x.amount
            else:
                ws.cell(row, 4, x.amount)
            ws.cell(row, 4).number_format = EUR0
            for j in range(1, 5):
                ws.cell(row, j).border = BOX
            row += 1
        ws.cell(row, 1, sub).font = Font(italic=True, bold=True)
        ws.cell(row, 4, f"=SUM(D{first}:D{row - 1})").number_format = EUR0
        ws.cell(row, 4).font = Font(bold=True)
        subtotal_cells.append(f"D{row}")
        row += 2
    ws.cell(row, 1, "TOTAL DES DÉPENSES HT").font = Font(bold=True, size=11)
    ws.cell(row, 4, "=" + "+".join(subtotal_cells)).number_format = EUR0
    ws.cell(row, 4).font = Font(bold=True)
    total_row = row
    row += 3
    ws.cell(row, 1, "PLAN DE FINANCEMENT").font = Font(bold=True, color="FFFFFF")
    ws.cell(row, 1).fill = PatternFill("solid", fgColor="2F5597")
    ws.cell(row, 4, "Montant").font = Font(bold=True, color="FFFFFF")
    ws.cell(row, 4).fill = PatternFill("solid", fgColor="2F5597")
    row += 1
    first = row
    for x in resources:
        ws.cell(row, 1, x.label)
        ws.cell(row, 4, x.amount).number_format = EUR0
        row += 1
    ws.cell(row, 1, "TOTAL DES RESSOURCES").font = Font(bold=True)
    ws.cell(row, 4, f"=SUM(D{first}:D{row - 1})").number_format = EUR0
    ws.cell(row, 4).font = Font(bold=True)
    row += 1
    ws.cell(row, 1, "Part de l'autofinancement dans le coût total")
    ws.cell(row, 4, f"=D{first + 1}/D{total_row}").number_format = "0.0%"
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 17
    ws.column_dimensions["D"].width = 15
    xbytes = xlsx_cached(wb, "budget.xlsx")
    dbytes = build_docx(blocks, "styled", font="Arial")
    pbytes = writer_pdf(dbytes, "alterna.docx", cid)
    sections = sections_from_blocks(blocks, desc_name)

    subject = "AMI Fabrique CTO - candidature Alterna Conseil (SCOP)"
    from_addr = "s.lacroix@alterna-conseil.coop"
    mid = "<PR0P264MB2318A9C0D7E34F5B1C2E8D41B6F90@PR0P264MB2318.FRAP264.PROD.OUTLOOK.COM>"
    date = "Mon, 22 Aug 2022 09:14:51 +0200"
    body = (
        "Madame, Monsieur,\n\n"
        "Je vous prie de trouver ci-joint la réponse de la coopérative Alterna Conseil à l'appel à "
        "manifestation d'intérêt « Développer le dialogue social technologique au travail » :\n"
        "- la présentation du projet (PDF) ;\n"
        "- le budget prévisionnel et le plan de financement (Excel).\n\n"
        "Je reste à votre disposition pour tout complément.\n\n"
        "Bien cordialement,\n\n"
        "Sophie Lacroix\nAssociée-gérante\nAlterna Conseil – SCOP SARL\n"
        "Tél. : 04 78 62 10 35\n"
    )
    html = (
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\" "
        "xmlns=\"http://www.w3.org/TR/REC-html40\"><head><meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\">"
        "<meta name=Generator content=\"Microsoft Word 15 (filtered medium)\"><style><!--\n"
        "p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;}\n"
        "--></style></head><body lang=FR link=\"#0563C1\" vlink=\"#954F72\" style='word-wrap:break-word'>"
        "<div class=WordSection1>"
        + "".join(
            f"<p class=MsoNormal>{line if line else '<o:p>&nbsp;</o:p>'}<o:p></o:p></p>\n"
            for line in body.replace("&", "&amp;").replace("«", "&laquo;").replace("»", "&raquo;").split("\n")
        )
        + "</div></body></html>"
    )
    html = html.replace("–", "-")
    body_l1 = body.replace("–", "-")
    alt = "_000_PR0P264MB2318A9C0D7E34F5B1C2E8D41B6F90PR0P264MB2318FRAP_"
    mixed = "_004_PR0P264MB2318A9C0D7E34F5B1C2E8D41B6F90PR0P264MB2318FRAP_"
    dn = enc_word(desc_name, "iso-8859-1", "Q", maxlen=200).replace(CRLF + " ", "")
    bn = enc_word(budget_name, "iso-8859-1", "Q", maxlen=200).replace(CRLF + " ", "")
    root = Part(
        [
            ("From", "Sophie Lacroix <s.lacroix@alterna-conseil.coop>"),
            ("To", "\"fabrique@anact.fr\" <fabrique@anact.fr>"),
            ("Subject", subject),
            ("Thread-Topic", subject),
            ("Thread-Index", "Adi17Xq3fKJ0m2VhTDWc8o1nQzM6Ug=="),
            ("Date", date),
            ("Message-ID", mid),
            ("Accept-Language", "fr-FR, en-US"),
            ("Content-Language", "fr-FR"),
            ("X-MS-Has-Attach", "yes"),
            ("X-MS-TNEF-Correlator", ""),
            ("X-Mailer", "Microsoft Outlook 16.0"),
            ("Content-Type", f"multipart/mixed;{CRLF}\tboundary=\"{mixed}\""),
            ("MIME-Version", "1.0"),
        ],
        parts=[
            Part(
                [("Content-Type", f"multipart/alternative;{CRLF}\tboundary=\"{alt}\"")],
                parts=[
                    Part(
                        [("Content-Type", "text/plain; charset=\"iso-8859-1\""),
                         ("Content-Transfer-Encoding", "quoted-printable")],
                        qp_body(body_l1, "iso-8859-1"),
                    ),
                    Part(
                        [("Content-Type", "text/html; charset=\"iso-8859-1\""),
                         ("Content-Transfer-Encoding", "quoted-printable")],
                        qp_body(html, "iso-8859-1"),
                    ),
                ],
                boundary=alt,
            ),
            file_part(pbytes, f"application/pdf; name=\"{dn}\"",
                      f"attachment; filename=\"{dn}\"; size={len(pbytes)};{CRLF}\t"
                      "creation-date=\"Mon, 22 Aug 2022 07:12:03 GMT\";" + CRLF + "\t"
                      "modification-date=\"Mon, 22 Aug 2022 07:12:03 GMT\"",
                      extra=[("Content-Description", dn)], order="ct-cd-cte"),
            file_part(xbytes, f"{MIME_XLSX};{CRLF}\tname=\"{bn}\"",
                      f"attachment; filename=\"{bn}\"; size={len(xbytes)};{CRLF}\t"
                      "creation-date=\"Mon, 22 Aug 2022 07:12:03 GMT\";" + CRLF + "\t"
                      "modification-date=\"Mon, 22 Aug 2022 07:12:03 GMT\"",
                      extra=[("Content-Description", bn)], order="ct-cd-cte"),
        ],
        boundary=mixed,
    )
    # Outlook puts Content-Description before Content-Disposition; fine either way
    label = make_label(
        cid,
        "SCOP (Alterna Conseil), PDF exporté de Writer + budget XLSX à formules et sous-totaux, Outlook ISO-8859-1, noms RFC 2047 ; co-financement 14,3 % (< 20 %)",
        sections,
        budget,
        [n for n, _ in partners],
        [(desc_name, "parsed"), (budget_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10", "2023-10", 13),
    )
    assert [f["code"] for f in label["flags"]] == ["cofinancing_below_minimum"]
    save_files(cid, {desc_name: pbytes, budget_name: xbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-04
@case
def case04() -> None:
    """Employer group, proposal in three attachments (DOCX numbered-list headings, XLSX on
    two sheets, partners PDF from fpdf2); iPhone Mail with a trailing text part."""
    cid = "h3b-04"
    n1, n2, n3 = "1-Description_projet_GEVAI.docx", "2-Budget_GEVAI.xlsx", "3-Partenaires_et_lettres_de_soutien.pdf"
    partners = [
        ("Aract Auvergne-Rhône-Alpes", "co-animation des ateliers inter-entreprises, apport d'expertise sur les conditions de travail"),
        ("Syndicat national du décolletage (SNDEC)", "relais auprès des entreprises de la vallée, participation au comité de suivi"),
        ("Union des groupements d'employeurs de France (UGEF)", "diffusion nationale du passeport numérique"),
    ]
    blocks = [
        ("title", "Groupement d'employeurs Vallée de l'Arve Industrie (GEVAI)\nProjet « Passeport numérique des salariés à temps partagé »"),
        ("p", "Pièce n°1 – Description du projet. Le budget fait l'objet de la pièce n°2 ; les partenaires mobilisés et leurs lettres de soutien, de la pièce n°3."),
        ("h", 1, "Le groupement et son contexte", ["contexte"]),
        ("p", "Le Groupement d'employeurs Vallée de l'Arve Industrie met à disposition 85 salariés à temps partagé auprès de 42 entreprises de décolletage et de mécanique de précision. Ces salariés travaillent chaque semaine dans deux ou trois entreprises, chacune avec ses propres outils numériques : badgeuses, applications de planning, tablettes de suivi de production."),
        ("h", 1, "Ce que nous visons", ["objectifs"]),
        ("p", "Réduire la charge d'adaptation numérique des salariés à temps partagé et construire, avec les entreprises adhérentes, des règles communes d'accueil sur les outils."),
        ("h", 1, "Le problème à traiter", ["problematique"]),
        ("p", "Chaque entreprise conçoit ses outils pour ses salariés permanents ; personne ne se pose la question du salarié partagé, qui cumule identifiants, applications et consignes contradictoires. Ce sujet n'a pas d'espace de dialogue : il se situe à la frontière de plusieurs employeurs."),
        ("h", 1, "Les personnes concernées", ["cibles"]),
        ("p", "Les 85 salariés à temps partagé du groupement, les responsables de production et RH des 42 entreprises adhérentes, ainsi que les deux délégués du personnel du groupement."),
        ("h", 1, "Notre démarche", ["methodologie"]),
        ("p", "Nous procéderons par cartographie des parcours numériques de douze salariés volontaires, ateliers inter-entreprises de comparaison des pratiques, puis conception et test d'un « passeport numérique » commun aux adhérents."),
        ("h", 1, "Étapes et calendrier", ["phasage"]),
        ("p", "Le projet débutera en septembre 2022 et s'achèvera fin juin 2023."),
        ("table", [
            ["Étape", "Période", "Contenu"],
            ["1", "Septembre – octobre 2022", "Cartographie des parcours numériques (12 salariés)"],
            ["2", "Novembre 2022 – février 2023", "Trois ateliers inter-entreprises"],
            ["3", "Mars – mai 2023", "Conception et test du passeport numérique"],
            ["4", "Juin 2023", "Bilan et présentation à l'assemblée des adhérents"],
        ]),
        ("h", 1, "Instances de pilotage", ["pilotage"]),
        ("p", "Le conseil d'administration du groupement, composé de chefs d'entreprise adhérents, assure le pilotage stratégique. Un comité de suivi réunit tous les deux mois la direction du GEVAI, les délégués du personnel, l'Aract et le cabinet Ergonova qui accompagne la démarche."),
        ("h", 1, "Résultats et livrables", ["resultats"]),
        ("bullets", [
            "Un passeport numérique commun adopté par au moins vingt entreprises ;",
            "un protocole d'accueil des salariés partagés sur les outils ;",
            "une note d'enseignements diffusée aux groupements d'employeurs.",
        ]),
        ("h", 1, "Essaimage", ["perennisation"]),
        ("p", "Le passeport sera proposé aux autres groupements d'employeurs pour être adapté à leurs territoires ; son actualisation sera inscrite dans les missions permanentes de notre chargée RH."),
    ]
    pblocks = [
        ("title", "GEVAI – Pièce n°3"),
        ("h", 1, "Partenaires mobilisés et contributions attendues", ["partenaires"]),
        ("p", "Trois partenaires ont confirmé leur engagement ; leurs lettres de soutien figurent ci-après."),
        ("table", [["Partenaire", "Contribution attendue"]] + [[n, c] for n, c in partners]),
        ("h", 2, "Lettre de soutien de l'Aract Auvergne-Rhône-Alpes", []),
        ("p", "Madame la Directrice, l'Aract Auvergne-Rhône-Alpes soutient le projet de passeport numérique porté par votre groupement. Nous participerons à la co-animation des trois ateliers inter-entreprises et mettrons à disposition nos outils d'analyse des situations de travail. Veuillez agréer nos salutations distinguées. – Le directeur"),
        ("h", 2, "Lettre de soutien du SNDEC", []),
        ("p", "Le Syndicat national du décolletage relaiera la démarche auprès de ses adhérents de la vallée de l'Arve et participera au comité de suivi. – Le délégué général"),
        ("h", 2, "Lettre de soutien de l'UGEF", []),
        ("p", "L'Union des groupements d'employeurs de France se propose de diffuser le passeport et la note d'enseignements auprès de son réseau. – La présidente"),
    ]
    expenses = [
        Line("Chargée de mission RH du groupement (45 jours)", 18900, "personnel", q=45, u=420),
        Line("Directrice du groupement (10 jours)", 5600, "personnel", q=10, u=560),
        Line("Frais de déplacement (visites des entreprises adhérentes)", 2300, "deplacements_logistique"),
        Line("Logistique des ateliers (salles, repas)", 1700, "deplacements_logistique"),
        Line("Accompagnement ergonomique – cabinet Ergonova (prestation)", 11000, "prestations"),
        Line("Communication et supports du passeport (prestataire)", 2500, "prestations"),
    ]
    resources = [
        Line("Anact – AMI La Fabrique CTO", 33000, "anact"),
        Line("Cotisations des entreprises adhérentes (autofinancement)", 5000, "cofin"),
        Line("Conseil départemental de la Haute-Savoie (sollicité)", 4000, "cofin"),
    ]
    budget = Budget(expenses, resources, declared_total=42000)
    assert budget.sum_lines() == 42000 == sum(x.amount for x in resources)
    cat_names = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
                 "prestations": "Prestations"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dépenses"
    for j, h in enumerate(["Catégorie", "Libellé", "Jours", "Coût journalier", "Montant (€)"], 1):
        c = ws.cell(1, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="FCE4D6")
        c.border = BOX
    r = 2
    for x in expenses:
        ws.cell(r, 1, cat_names[x.kind])
        ws.cell(r, 2, x.label)
        if "q" in x.extra:
            ws.cell(r, 3, x.extra["q"])
            ws.cell(r, 4, x.extra["u"])
            ws.cell(r, 5, f"=C{r}*D{r}")
            assert x.extra["q"] * x.extra["u"] == x.amount
        else:
            ws.cell(r, 5, x.amount)
        ws.cell(r, 5).number_format = EUR0
        for j in range(1, 6):
            ws.cell(r, j).border = BOX
        r += 1
    ws.cell(r, 2, "Total des dépenses").font = Font(bold=True)
    ws.cell(r, 5, f"=SUM(E2:E{r - 1})").number_format = EUR0
    ws.cell(r, 5).font = Font(bold=True)
    dep_total = f"E{r}"
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 58
    ws.column_dimensions["E"].width = 14
    ws2 = wb.create_sheet("Financement")
    for j, h in enumerate(["Ressource", "Montant (€)", "% du coût total"], 1):
        c = ws2.cell(1, j, h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E2EFDA")
    r = 2
    for x in resources:
        ws2.cell(r, 1, x.label)
        ws2.cell(r, 2, x.amount).number_format = EUR0
        ws2.cell(r, 3, f"=B{r}/Dépenses!{dep_total}").number_format = "0.0%"
        r += 1
    ws2.cell(r, 1, "Total des ressources").font = Font(bold=True)
    ws2.cell(r, 2, f"=SUM(B2:B{r - 1})").number_format = EUR0
    ws2.cell(r, 3, f"=B{r}/Dépenses!{dep_total}").number_format = "0.0%"
    ws2.column_dimensions["A"].width = 58
    xbytes = xlsx_cached(wb, "budget.xlsx")
    dbytes = build_docx(blocks, "listnum", font="Cambria")
    pbytes = build_fpdf(pblocks, footer="GEVAI – Candidature AMI La Fabrique CTO")
    sections = sections_from_blocks(blocks, n1)
    sections.update(sections_from_blocks(pblocks, n3))

    subject = "Candidature AMI Fabrique CTO - GEVAI (3 pièces)"
    from_addr = "n.bouvier@gevai.fr"
    mid = "<2B7A3F4E-9C1D-4F2A-8E6B-0D57C1E9A4F3@gevai.fr>"
    date = "Tue, 16 Aug 2022 07:52:19 +0200"
    bnd = "Apple-Mail-2B7A3F4E-9C1D-4F2A-8E6B-1A2B3C4D5E6F"
    body1 = (
        "Bonjour,\n\nVoici notre dossier de candidature à l'AMI Fabrique CTO en trois pièces : "
        "description du projet, budget, partenaires avec leurs lettres de soutien.\n\n"
        "Bien à vous\nNathalie Bouvier\nDirectrice – GEVAI\n"
    )

    def att(data: bytes, ctype: str, name: str) -> Part:
        return Part(
            [("Content-Type", f"{ctype};{CRLF}\tname={name}"),
             ("Content-Disposition", f"attachment;{CRLF}\tfilename={name}"),
             ("Content-Transfer-Encoding", "base64")],
            b64_body(data),
        )

    root = Part(
        [
            ("Content-Type", f"multipart/mixed; boundary={bnd}"),
            ("Content-Transfer-Encoding", "7bit"),
            ("From", "Nathalie Bouvier <n.bouvier@gevai.fr>"),
            ("Mime-Version", "1.0 (1.0)"),
            ("Date", date),
            ("Subject", subject),
            ("Message-Id", mid),
            ("To", "fabrique@anact.fr"),
            ("X-Mailer", "iPhone Mail (19G82)"),
        ],
        parts=[
            text_part(body1, "utf-8", "quoted-printable"),
            att(dbytes, MIME_DOCX, n1),
            att(xbytes, MIME_XLSX, n2),
            att(pbytes, "application/pdf", n3),
            Part([("Content-Type", "text/plain;\tcharset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                 qp_body("\n\nEnvoyé de mon iPhone", "utf-8")),
        ],
        boundary=bnd,
    )
    label = make_label(
        cid,
        "Groupement d'employeurs (GEVAI), 3 pièces : DOCX à titres en liste numérotée Word, XLSX 2 feuilles à formules, partenaires en PDF fpdf2 ; iPhone ; complet",
        sections,
        budget,
        [n for n, _ in partners],
        [(n1, "parsed"), (n2, "parsed"), (n3, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-09", "2023-06", 10),
    )
    save_files(cid, {n1: dbytes, n2: xbytes, n3: pbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-05
@case
def case05() -> None:
    """Tiers-lieu association, ZIP (PDF exported from Writer + CERFA XLSX); Gmail."""
    cid = "h3b-05"
    zip_name = "Candidature_LaForge_FabriqueCTO.zip"
    folder = "Candidature La Forge/"
    pdf_name = "Dossier de candidature La Forge.pdf"
    x_name = "Budget prévisionnel CERFA.xlsx"
    partner_items = [
        ("Chambre de métiers et de l'artisanat de Dordogne", "repérage et mobilisation des TPE artisanales"),
        ("CCI Dordogne", "mobilisation des commerces de proximité"),
        ("Aract Nouvelle-Aquitaine", "apport méthodologique et co-animation des cafés numériques du travail"),
        ("Ville de Périgueux", "mise à disposition gratuite de salles municipales"),
    ]
    blocks = [
        ("title", "Dossier de candidature\nAMI « Développer le dialogue social technologique au travail »\nLa Forge Numérique – projet « Binômes numériques »"),
        ("h", 1, "Présentation de la structure", []),
        ("p", "La Forge Numérique est une association loi 1901 créée en 2016 qui anime un tiers-lieu à Périgueux : espace de coworking, fablab et médiation numérique. Elle emploie six salariés et fédère 240 adhérents."),
        ("h", 1, "Dans quel contexte s'inscrit votre projet ?", ["contexte"]),
        ("p", "En Dordogne, les très petites entreprises de l'artisanat et du commerce basculent vers des outils de gestion en ligne, souvent imposés par leurs fournisseurs ou leurs banques. Nos permanences de médiation reçoivent de plus en plus de salariés désemparés, et d'employeurs qui ne savent pas comment en parler avec leur équipe."),
        ("h", 1, "Quels objectifs poursuivez-vous ?", ["objectifs"]),
        ("p", "Former un binôme employeur-salarié dans quinze TPE pour qu'ils choisissent et installent ensemble leurs outils numériques ; expérimenter un format de « café numérique du travail » entre entreprises."),
        ("h", 1, "Quelle problématique le projet traite-t-il ?", ["problematique"]),
        ("p", "Dans une TPE, il n'y a pas d'instance représentative : le dialogue sur les outils se fait au comptoir ou pas du tout. Comment outiller un dialogue professionnel direct, sans alourdir le quotidien de structures de trois à dix personnes ?"),
        ("h", 1, "À qui s'adresse-t-il ?", ["cibles"]),
        ("p", "Quinze TPE artisanales et commerciales du Grand Périgueux et du Ribéracois, soit environ 90 salariés et leurs dirigeants."),
        ("h", 1, "Comment allez-vous procéder ?", ["methodologie"]),
        ("p", "Chaque TPE bénéficie d'un diagnostic d'usage réalisé sur place, puis d'un accompagnement en binôme (dirigeant et salarié référent) pendant trois mois. Les binômes se retrouvent tous les deux mois dans un café numérique du travail animé avec une ergonome."),
        ("h", 1, "Quel est le calendrier détaillé ?", ["phasage"]),
        ("bullets", [
            "Septembre – octobre 2022 : mobilisation des TPE avec la chambre de métiers et la CCI ;",
            "Novembre 2022 – mai 2023 : diagnostics puis accompagnements en binôme (trois vagues de cinq TPE) ;",
            "Juin – août 2023 : évaluation, guide pratique et rencontre de clôture.",
        ]),
        ("h", 1, "Comment le projet sera-t-il piloté ?", ["pilotage"]),
        ("p", "Un comité de pilotage trimestriel réunit La Forge, la chambre de métiers, la CCI, l'Aract Nouvelle-Aquitaine et deux dirigeants de TPE. La coordinatrice du tiers-lieu assure le suivi hebdomadaire avec l'équipe de médiation."),
        ("h", 1, "Quels résultats attendez-vous ?", ["resultats"]),
        ("p", "Quinze binômes formés, quinze chartes d'usage des outils co-écrites, six cafés numériques du travail et un guide pratique pour les TPE."),
        ("h", 1, "Comment le projet se poursuivra-t-il ?", ["perennisation"]),
        ("p", "Les cafés numériques du travail seront intégrés à la programmation permanente du tiers-lieu. Le guide sera partagé avec le réseau régional des tiers-lieux pour essaimer la démarche dans d'autres départements."),
        ("h", 1, "Quels partenaires sont mobilisés et pour quelle contribution ?", ["partenaires"]),
        ("bullets", [f"{n} : {c} ;" for n, c in partner_items]),
        ("h", 1, "Budget", []),
        ("p", f"Voir le budget prévisionnel établi sur le modèle du formulaire CERFA (fichier « {x_name} »)."),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", [Line("Prestations de services (captation vidéo des cafés)", 2500, "prestations")]),
            ("61 – Services extérieurs", [Line("Locations", 1200, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Honoraires (ergonome indépendante)", 9600, "prestations"),
                Line("Publicité, publication", 1800, "prestations"),
                Line("Déplacements, missions et réceptions", 3400, "deplacements_logistique"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Rémunération des personnels", 21000, "personnel"),
                Line("Charges sociales", 8000, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
            ("66 – Charges financières", []),
        ],
        produits=[
            ("70 – Vente de produits finis, de marchandises, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("État : Anact – La Fabrique CTO", 38000, "anact"),
                Line("Commune(s) : Ville de Périgueux", 6000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [
                Line("dont cotisations, dons manuels", 3500, "cofin"),
            ]),
            ("76 – Produits financiers", []),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [
            Line("Mise à disposition gratuite de salles municipales", 3000, "deplacements_logistique"),
            Line("Personnel bénévole", 5000, "personnel"),
        ]),
        p87=("87 – Contributions volontaires en nature", [
            Line("Bénévolat", 5000, "cofin"),
            Line("Prestations en nature", 3000, "cofin"),
        ]),
    )
    assert c.total_charges() == c.total_produits() == 55500
    budget = Budget.from_cerfa(c)
    wb = xlsx_cerfa(c, ["BUDGET PRÉVISIONNEL DE L'ACTION", "La Forge Numérique – « Binômes numériques » (septembre 2022 – août 2023)"],
                    sheet="Budget action")
    xbytes = xlsx_cached(wb, "budget.xlsx")
    obytes = build_odt(blocks)
    pbytes = writer_pdf(obytes, "dossier.odt", cid)
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
        zi = zipfile.ZipInfo(folder, date_time=(2022, 8, 22, 17, 55, 2))
        zi.external_attr = 0x10
        z.writestr(zi, b"")
        for n, data, dt in ((pdf_name, pbytes, (2022, 8, 22, 17, 41, 10)), (x_name, xbytes, (2022, 8, 22, 17, 52, 44))):
            zi = zipfile.ZipInfo(folder + n, date_time=dt)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    zbytes = zbuf.getvalue()
    sections = sections_from_blocks(blocks, pdf_name)

    subject = "Candidature La Forge Numérique – AMI Fabrique CTO"
    from_addr = "forge.numerique.perigueux@gmail.com"
    mid = "<CAJ7x0VbQ3pLw8Rk2nT5yU1eXo9mZc4dF6gH0sA7qWbN3vK2JrA@mail.gmail.com>"
    date = "Mon, 22 Aug 2022 18:03:27 +0200"
    text = (
        "Bonjour,\n\n"
        "Vous trouverez ci-joint (archive zip) le dossier de candidature de La Forge Numérique à "
        "l'appel à manifestation d'intérêt « Développer le dialogue social technologique au "
        "travail », ainsi que notre budget prévisionnel.\n\n"
        "Belle fin de journée,\n\n"
        "--\nLucie Marchand\nCoordinatrice – La Forge Numérique\n12 place Francheville, 24000 Périgueux\n"
    )
    html = (
        "<div dir=\"ltr\"><div>Bonjour,</div><div><br></div><div>Vous trouverez ci-joint (archive zip) le dossier de "
        "candidature de La Forge Numérique à l'appel à manifestation d'intérêt « Développer le dialogue social "
        "technologique au travail », ainsi que notre budget prévisionnel.</div><div><br></div><div>Belle fin de "
        "journée,</div><div><br></div>-- <br><div dir=\"ltr\" class=\"gmail_signature\" data-smartmail=\"gmail_signature\">"
        "<div dir=\"ltr\">Lucie Marchand<div>Coordinatrice – La Forge Numérique</div><div>12 place Francheville, "
        "24000 Périgueux</div></div></div></div>\n"
    )
    mixed = "0000000000008a3c7f05e6d1b2c4"
    alt = "0000000000008a3c7d05e6d1b2c2"
    root = Part(
        [
            ("MIME-Version", "1.0"),
            ("Date", date),
            ("Message-ID", mid),
            ("Subject", enc_word(subject, "UTF-8", "B")),
            ("From", "La Forge Numérique <forge.numerique.perigueux@gmail.com>"),
            ("To", "fabrique@anact.fr"),
            ("Content-Type", f"multipart/mixed; boundary=\"{mixed}\""),
        ],
        parts=[
            Part([("Content-Type", f"multipart/alternative; boundary=\"{alt}\"")],
                 parts=[
                     Part([("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(text, "utf-8")),
                     Part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(html, "utf-8")),
                 ], boundary=alt),
            Part([("Content-Type", f"application/x-zip-compressed; name=\"{zip_name}\""),
                  ("Content-Disposition", f"attachment; filename=\"{zip_name}\""),
                  ("Content-Transfer-Encoding", "base64"),
                  ("Content-ID", "<f_l6y2k8p30>"),
                  ("X-Attachment-Id", "f_l6y2k8p30")],
                 b64_body(zbytes)),
        ],
        boundary=mixed,
    )
    label = make_label(
        cid,
        "Association tiers-lieu (La Forge Numérique), ZIP avec dossier PDF exporté de Writer (titres-questions) et budget CERFA XLSX à formules (86/87), Gmail ; complet",
        sections,
        budget,
        [n for n, _ in partner_items],
        [(pdf_name, "parsed"), (x_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-09", "2023-08", 12),
    )
    save_files(cid, {zip_name: zbytes, pdf_name: pbytes, x_name: xbytes})
    write_case(cid, root.render(), label)


def logo_png(text: str, color: tuple[int, int, int], size: tuple[int, int] = (180, 60)) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", size, (255, 255, 255))
    dr = ImageDraw.Draw(im)
    dr.rectangle([0, 0, size[1] - 1, size[1] - 1], fill=color)
    f = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 18)
    dr.text((size[1] + 8, size[1] // 2 - 11), text, fill=color, font=f)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


# --------------------------------------------------------------------------- h3b-06
@case
def case06() -> None:
    """Employer federation, DOCX with numbered Word headings (numPr) and the budget form in
    a Word table; Outlook HTML with multipart/related inline logo. Defect: Anact 92 000 €."""
    cid = "h3b-06"
    name = "Dossier_FREESS-BFC_AMI_FabriqueCTO.docx"
    partners = [
        ("Aract Bourgogne-Franche-Comté", "co-animation des séminaires paritaires, apport d'expertise"),
        ("CRESS Bourgogne-Franche-Comté", "diffusion des résultats, centre de ressources en ligne"),
        ("LIR3S", "laboratoire de l'Université de Bourgogne : évaluation des expérimentations"),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", []),
            ("61 – Services extérieurs", [Line("Locations (salles des séminaires paritaires)", 4500, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Honoraires – cabinet Ergonomia (diagnostics croisés)", 30000, "prestations"),
                Line("Prestations de design (agence Les Faiseurs)", 14000, "prestations"),
                Line("Déplacements, missions", 7500, "deplacements_logistique"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Rémunération des personnels", 41000, "personnel"),
                Line("Charges sociales", 17000, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
        ],
        produits=[
            ("70 – Vente de produits finis, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact – La Fabrique CTO", 92000, "anact"),
                Line("Région Bourgogne-Franche-Comté", 15000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [Line("Fonds propres de la fédération", 7000, "cofin")]),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [
            Line("Personnel bénévole (administrateurs)", 6000, "personnel"),
        ]),
        p87=("87 – Contributions volontaires en nature", [Line("Bénévolat", 6000, "cofin")]),
    )
    assert c.total_charges() == c.total_produits() == 120000
    budget = Budget.from_cerfa(c)
    blocks = [
        ("title", "Fédération régionale des employeurs de l'économie sociale et solidaire\nBourgogne-Franche-Comté (FREESS BFC)"),
        ("p", "Projet « Numérique négocié » – candidature à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »"),
        ("h", 1, "Contexte régional", ["contexte"]),
        ("p", "La fédération regroupe 310 employeurs de l'économie sociale et solidaire de Bourgogne-Franche-Comté (associations sanitaires et sociales, mutuelles, coopératives), qui emploient ensemble plus de 14 000 salariés. Nos adhérents déploient en ce moment des logiciels de dossier usager, de planification et de télégestion, souvent dans l'urgence des calendriers de financement."),
        ("h", 1, "Objectifs du projet", ["objectifs"]),
        ("p", "Permettre à vingt employeurs de l'ESS de conduire leurs projets numériques avec leurs instances représentatives du personnel, en construisant un cadre régional de méthode partagé par les employeurs et les organisations syndicales."),
        ("h", 1, "Problématique", ["problematique"]),
        ("p", "Les employeurs de l'ESS sont attachés au dialogue social, mais les projets numériques échappent aux instances : calendrier imposé par les financeurs, expertise concentrée chez l'éditeur, consultation du CSE tardive et formelle."),
        ("h", 1, "Publics cibles", ["cibles"]),
        ("p", "Directions, encadrants et représentants du personnel de vingt structures employeuses de 50 à 500 salariés, dans les secteurs du médico-social, de l'aide à domicile et de la mutualité."),
        ("h", 1, "Méthodologie", ["methodologie"]),
        ("p", "Nous conduirons des diagnostics croisés dans chaque structure, puis des séminaires paritaires régionaux où employeurs et représentants du personnel élaboreront ensemble un accord de méthode type, enfin une expérimentation accompagnée dans huit structures."),
        ("h", 1, "Phasage détaillé", ["phasage"]),
        ("p", "Le projet court d'octobre 2022 à novembre 2023."),
        ("table", [
            ["Phase", "Dates", "Actions"],
            ["1", "Octobre – décembre 2022", "Diagnostics croisés dans vingt structures"],
            ["2", "Janvier – avril 2023", "Trois séminaires paritaires régionaux"],
            ["3", "Mai – octobre 2023", "Expérimentation accompagnée dans huit structures"],
            ["4", "Novembre 2023", "Bilan et publication"],
        ]),
        ("h", 1, "Pilotage et comitologie", ["pilotage"]),
        ("p", "Le comité de pilotage paritaire régional, présidé par la fédération, réunit les organisations syndicales représentatives de la branche, l'Aract et la CRESS. Il se réunit à chaque fin de phase ; un comité technique mensuel suit l'avancement."),
        ("h", 1, "Résultats attendus", ["resultats"]),
        ("bullets", [
            "Un accord de méthode type sur la conduite des projets numériques ;",
            "huit expérimentations documentées ;",
            "un module de formation paritaire.",
        ]),
        ("h", 1, "Pérennisation et essaimage", ["perennisation"]),
        ("p", "L'accord de méthode type sera proposé à la négociation de branche ; les supports seront versés au centre de ressources de la CRESS et présentés aux autres fédérations régionales d'employeurs."),
        ("h", 1, "Partenaires mobilisés", ["partenaires"]),
        ("p", "Partenaires et contributions attendues :"),
        ("table", [["Partenaire", "Contribution"], ["Aract Bourgogne-Franche-Comté", partners[0][1]],
                   ["CRESS Bourgogne-Franche-Comté", partners[1][1]],
                   ["Laboratoire LIR3S (Université de Bourgogne)", "évaluation des expérimentations"]]),
        ("h", 1, "Budget prévisionnel", []),
        ("p", "Budget présenté selon le cadre du formulaire CERFA n°12156 (la fédération n'est pas assujettie à la TVA) :"),
        ("cerfa", c),
    ]
    dbytes = build_docx(blocks, "numbered", font="Calibri")
    sections = sections_from_blocks(blocks, name)
    logo = logo_png("FREESS BFC", (0, 102, 153))

    subject = "Appel à manifestation d'intérêt « La Fabrique CTO » – dossier FREESS BFC"
    from_addr = "m.delorme@freess-bfc.org"
    mid = "<AM0PR08MB5377E2B41C9D3A6F7C0B12A4D1F69@AM0PR08MB5377.eurprd08.prod.outlook.com>"
    date = "Tue, 23 Aug 2022 10:26:38 +0200"
    text = (
        "Madame, Monsieur,\n\n"
        "Au nom de la FREESS Bourgogne-Franche-Comté, j'ai le plaisir de vous adresser notre dossier "
        "de candidature (description du projet, partenaires et budget) en pièce jointe.\n\n"
        "Je vous souhaite bonne réception.\n\n"
        "Marc Delorme\nDélégué général\nFREESS BFC\n03 80 41 27 66\n"
    )
    html_inner = (
        "<p class=MsoNormal>Madame, Monsieur,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<p class=MsoNormal>Au nom de la FREESS Bourgogne-Franche-Comté, j’ai le plaisir de vous adresser notre "
        "dossier de candidature (description du projet, partenaires et budget) en pièce jointe.<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Je vous souhaite bonne réception.<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<p class=MsoNormal><img width=180 height=60 style='width:1.875in;height:.625in' id=\"Image_x0020_1\" "
        "src=\"cid:image001.png@01D8B6F2.5A1C3E40\" alt=\"FREESS BFC\"><o:p></o:p></p>"
        "<p class=MsoNormal><b>Marc Delorme</b><br>Délégué général<br>FREESS BFC<br>03 80 41 27 66<o:p></o:p></p>"
    )
    html = (
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns=\"http://www.w3.org/TR/REC-html40\">"
        "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        "<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\"></head>"
        "<body lang=\"FR\" link=\"#0563C1\" vlink=\"#954F72\"><div class=\"WordSection1\">"
        + html_inner + "</div></body></html>"
    )
    mixed = "_005_AM0PR08MB5377E2B41C9D3A6F7C0B12A4D1F69AM0PR08MB5377eurp_"
    related = "_004_AM0PR08MB5377E2B41C9D3A6F7C0B12A4D1F69AM0PR08MB5377eurp_"
    alt = "_000_AM0PR08MB5377E2B41C9D3A6F7C0B12A4D1F69AM0PR08MB5377eurp_"
    root = Part(
        [
            ("From", "Marc Delorme <m.delorme@freess-bfc.org>"),
            ("To", "\"fabrique@anact.fr\" <fabrique@anact.fr>"),
            ("Subject", enc_word(subject, "utf-8", "Q")),
            ("Thread-Topic", enc_word(subject, "utf-8", "Q")),
            ("Thread-Index", "Adi2zK1w9qRkA3s0QeW4hYv3S2xG7A=="),
            ("Date", date),
            ("Message-ID", mid),
            ("Accept-Language", "fr-FR, en-US"),
            ("Content-Language", "fr-FR"),
            ("X-MS-Has-Attach", "yes"),
            ("X-MS-TNEF-Correlator", ""),
            ("X-Mailer", "Microsoft Outlook 16.0"),
            ("Content-Type", f"multipart/mixed;{CRLF}\tboundary=\"{mixed}\""),
            ("MIME-Version", "1.0"),
        ],
        parts=[
            Part(
                [("Content-Type", f"multipart/related;{CRLF}\tboundary=\"{related}\";{CRLF}\ttype=\"multipart/alternative\"")],
                parts=[
                    Part(
                        [("Content-Type", f"multipart/alternative;{CRLF}\tboundary=\"{alt}\"")],
                        parts=[
                            Part([("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "base64")],
                                 b64_body(text.encode("utf-8"))),
                            Part([("Content-Type", "text/html; charset=\"utf-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
                                 qp_body(html, "utf-8")),
                        ],
                        boundary=alt,
                    ),
                    Part(
                        [("Content-Type", "image/png; name=\"image001.png\""),
                         ("Content-Description", "image001.png"),
                         ("Content-Disposition", "inline; filename=\"image001.png\"; size=%d;%s\tcreation-date=\"Tue, 23 Aug 2022 08:26:38 GMT\";%s\tmodification-date=\"Tue, 23 Aug 2022 08:26:38 GMT\"" % (len(logo), CRLF, CRLF)),
                         ("Content-ID", "<image001.png@01D8B6F2.5A1C3E40>"),
                         ("Content-Transfer-Encoding", "base64")],
                        b64_body(logo),
                    ),
                ],
                boundary=related,
            ),
            Part(
                [("Content-Type", f"{MIME_DOCX};{CRLF}\tname=\"{name}\""),
                 ("Content-Description", name),
                 ("Content-Disposition", f"attachment;{CRLF}\tfilename=\"{name}\"; size={len(dbytes)};{CRLF}\tcreation-date=\"Tue, 23 Aug 2022 08:24:51 GMT\";{CRLF}\tmodification-date=\"Tue, 23 Aug 2022 08:26:38 GMT\""),
                 ("Content-Transfer-Encoding", "base64")],
                b64_body(dbytes),
            ),
        ],
        boundary=mixed,
    )
    label = make_label(
        cid,
        "Fédération d'employeurs ESS (FREESS BFC), DOCX à titres Word numérotés (numPr) avec budget CERFA en tableau Word, Outlook HTML + logo inline ; demande Anact 92 000 € (> 80 000 €)",
        sections,
        budget,
        ["Aract Bourgogne-Franche-Comté", "CRESS Bourgogne-Franche-Comté", "LIR3S"],
        [(name, "parsed"), ("image001.png", "skipped")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10", "2023-11", 14),
    )
    assert [f["code"] for f in label["flags"]] == ["anact_request_over_cap"]
    save_files(cid, {name: dbytes, "image001.png": logo})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-07
@case
def case07() -> None:
    """SCIC, ODT converted by LibreOffice from a DOCX (one heading covers two parts) + XLSX
    budget with formulas; Thunderbird Windows. Defect: an ineligible expense (laptops)."""
    cid = "h3b-07"
    odt_name = "Le Maillon - Projet Outils en commun.odt"
    x_name = "Budget_Maillon_FabriqueCTO.xlsx"
    partners = ["Aract Grand Est", "BETA", "Fédération des acteurs de la solidarité Grand Est"]
    blocks = [
        ("title", "SCIC Le Maillon – Projet « Outils en commun »"),
        ("p", "Société coopérative d'intérêt collectif – Strasbourg. Candidature à l'AMI « Développer le dialogue social technologique au travail » (La Fabrique CTO)."),
        ("h", 1, "1 – D'où part le projet", ["contexte"]),
        ("p", "La SCIC Le Maillon réunit depuis 2019 quarante-deux sociétaires : salariés, structures de l'insertion par l'activité économique, collectivités et usagers. Elle mutualise pour ses membres des services numériques (messagerie, gestion des plannings, suivi des parcours) utilisés chaque jour par près de 600 salariés en insertion et encadrants techniques."),
        ("h", 1, "2 – Objectifs et résultats attendus", ["objectifs", "resultats"]),
        ("p", "Nous voulons faire de la gouvernance coopérative un lieu de dialogue sur le travail avec les outils : chaque évolution des services mutualisés sera discutée avec les salariés qui les utilisent. Nous attendons trois résultats : une instance d'usagers-salariés installée, douze évolutions d'outils décidées avec elle, une grille d'évaluation des effets des outils sur le travail."),
        ("h", 1, "3 – Pour qui ?", ["cibles"]),
        ("p", "Les encadrants techniques et salariés en parcours d'insertion de huit structures sociétaires, ainsi que l'équipe technique de la SCIC qui développe et paramètre les services."),
        ("h", 1, "4 – La difficulté à résoudre", ["problematique"]),
        ("p", "Les salariés en insertion, souvent éloignés du numérique, subissent des outils pensés pour les encadrants et les financeurs ; leurs difficultés restent invisibles et ne remontent jamais jusqu'aux choix techniques."),
        ("h", 1, "5 – Méthode", ["methodologie"]),
        ("p", "Recherche-intervention conduite avec le BETA (Université de Strasbourg) : observations en situation, groupes d'expression des salariés, puis ateliers de conception associant salariés, encadrants et développeurs de la SCIC."),
        ("h", 1, "6 – Phasage", ["phasage"]),
        ("p", "Démarrage le 3 octobre 2022, fin du projet le 30 novembre 2023."),
        ("bullets", [
            "Octobre 2022 – janvier 2023 : observations et groupes d'expression dans les huit structures ;",
            "Février – juin 2023 : ateliers de conception, mise en place de l'instance d'usagers-salariés ;",
            "Juillet – novembre 2023 : déploiement des évolutions et évaluation.",
        ]),
        ("h", 1, "7 – Gouvernance", ["pilotage"]),
        ("p", "Le projet est piloté par un comité issu du conseil coopératif de la SCIC, élargi à l'Aract Grand Est et au BETA, qui se réunit tous les deux mois. L'instance d'usagers-salariés y désigne deux représentants."),
        ("h", 1, "8 – Suite et diffusion", ["perennisation"]),
        ("p", "L'instance d'usagers-salariés sera inscrite dans les statuts de la SCIC lors de l'assemblée générale de 2023. La démarche sera documentée pour les autres coopératives de services numériques."),
        ("h", 1, "9 – Partenaires", ["partenaires"]),
        ("bullets", [
            "Aract Grand Est : appui méthodologique et participation au comité de pilotage ;",
            "BETA – Université de Strasbourg : conduite scientifique de la recherche-intervention ;",
            "Fédération des acteurs de la solidarité Grand Est : mobilisation des structures d'insertion.",
        ]),
        ("p", f"Le budget prévisionnel est joint au format tableur ({x_name})."),
    ]
    laptop = "Achat de 10 ordinateurs portables pour les équipes pilotes"
    expenses = [
        Line("Coordinatrice du projet (60 jours)", 22800, "personnel", q=60, u=380, cat="Personnel"),
        Line("Animateur numérique (35 jours)", 10500, "personnel", q=35, u=300, cat="Personnel"),
        Line("Déplacements entre les sites (Strasbourg, Colmar, Mulhouse)", 2900, "deplacements_logistique", cat="Déplacements et logistique"),
        Line("Logistique des ateliers (salles, repas)", 1800, "deplacements_logistique", cat="Déplacements et logistique"),
        Line("Convention de recherche-intervention avec le BETA (prestation)", 8000, "prestations", cat="Prestations"),
        Line("Facilitation et design des ateliers (prestataire)", 5000, "prestations", cat="Prestations"),
        Line(laptop, 9500, "autre", cat="Équipement"),
    ]
    resources = [
        Line("Anact – AMI La Fabrique CTO", 48000, "anact"),
        Line("Collectivité européenne d'Alsace (demande en cours)", 6000, "cofin"),
        Line("Apport des sociétaires (autofinancement)", 6500, "cofin"),
    ]
    budget = Budget(expenses, resources, declared_total=60500)
    assert budget.sum_lines() == 60500 == sum(x.amount for x in resources)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget Maillon"
    ws["A1"] = "SCIC Le Maillon – « Outils en commun » – budget prévisionnel (€ HT)"
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Catégorie", "Dépense", "Quantité", "Prix unitaire", "Montant"])
    for cl in ws[3]:
        cl.font = Font(bold=True)
        cl.fill = PatternFill("solid", fgColor="FFF2CC")
    for x in expenses:
        r = ws.max_row + 1
        ws.cell(r, 1, x.extra["cat"])
        ws.cell(r, 2, x.label)
        if "q" in x.extra:
            ws.cell(r, 3, x.extra["q"])
            ws.cell(r, 4, x.extra["u"])
            ws.cell(r, 5, f"=C{r}*D{r}")
            assert x.extra["q"] * x.extra["u"] == x.amount
        elif x.kind == "autre":
            ws.cell(r, 3, 10)
            ws.cell(r, 4, 950)
            ws.cell(r, 5, f"=C{r}*D{r}")
        else:
            ws.cell(r, 5, x.amount)
        ws.cell(r, 5).number_format = EUR0
    last = ws.max_row
    ws.cell(last + 1, 2, "TOTAL").font = Font(bold=True)
    ws.cell(last + 1, 5, f"=SUM(E4:E{last})").number_format = EUR0
    ws.cell(last + 1, 5).font = Font(bold=True)
    tot = last + 1
    r = tot + 2
    ws.cell(r, 1, "Ressources").font = Font(bold=True)
    ws.cell(r, 5, "Montant").font = Font(bold=True)
    for cl in ws[r]:
        cl.fill = PatternFill("solid", fgColor="E2EFDA")
    first = r + 1
    for x in resources:
        r += 1
        ws.cell(r, 2, x.label)
        ws.cell(r, 5, x.amount).number_format = EUR0
    ws.cell(r + 1, 2, "TOTAL DES RESSOURCES").font = Font(bold=True)
    ws.cell(r + 1, 5, f"=SUM(E{first}:E{r})").number_format = EUR0
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 62
    ws.column_dimensions["E"].width = 14
    xbytes = xlsx_cached(wb, "budget.xlsx")
    dbytes = build_docx(blocks, "styled", font="Liberation Sans")
    obytes = fix_zip(lo_convert_bytes(dbytes, "maillon.docx", "odt"))
    sections = sections_from_blocks(blocks, odt_name)

    subject = "[AMI La Fabrique CTO] Candidature SCIC Le Maillon"
    from_addr = "projets@lemaillon-scic.fr"
    mid = "<c81e2d4a-5f3b-47d0-9e6a-2b8c1f0d7e94@lemaillon-scic.fr>"
    date = "Sat, 20 Aug 2022 22:15:03 +0200"
    body = (
        "Bonjour,\n\n"
        "Ci-joint notre candidature à l'appel à manifestation d'intérêt « Développer le dialogue "
        "social technologique au travail » : le projet « Outils en commun » (ODT) et son budget "
        "(tableur).\n\n"
        "Cordialement,\n"
        "-- \n"
        "Julien Schaeffer\nChargé de projets – SCIC Le Maillon\n"
    )
    bnd = "------------Xb0T7c3Q2mE8kD5sL1vR9nAa"
    root = Part(
        [
            ("Message-ID", mid),
            ("Date", date),
            ("MIME-Version", "1.0"),
            ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101\r\n Thunderbird/102.1.2"),
            ("Content-Language", "fr"),
            ("To", "fabrique@anact.fr"),
            ("From", "Julien Schaeffer <projets@lemaillon-scic.fr>"),
            ("Subject", subject),
            ("Content-Type", f"multipart/mixed; boundary=\"{bnd[2:]}\""),
        ],
        parts=[
            text_part(body, "UTF-8", "quoted-printable", extra_ct="; format=flowed"),
            file_part(obytes, f"{MIME_ODT};" + CRLF + f" name=\"{odt_name}\"",
                      f"attachment; filename=\"{odt_name}\""),
            file_part(xbytes, f"{MIME_XLSX};" + CRLF + f" name=\"{x_name}\"",
                      f"attachment; filename=\"{x_name}\""),
        ],
        boundary=bnd[2:],
        preamble="This is a multi-part message in MIME format.",
    )
    label = make_label(
        cid,
        "SCIC (Le Maillon), ODT converti par LibreOffice (un titre couvre objectifs et résultats) + budget XLSX à formules, Thunderbird Windows ; dépense inéligible (ordinateurs portables)",
        sections,
        budget,
        partners,
        [(odt_name, "parsed"), (x_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10-03", "2023-11-30", 14),
    )
    assert [f["code"] for f in label["flags"]] == ["ineligible_expense"]
    save_files(cid, {odt_name: obytes, x_name: xbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-08
@case
def case08() -> None:
    """Insertion network association, one PDF exported from Writer (bold-line headings,
    CERFA table inside); Zimbra. Defect: TOTAL DES CHARGES typed 1 000 € short."""
    cid = "h3b-08"
    name = "Dossier complet - Association Regain.pdf"
    c = Cerfa(
        charges=[
            ("60 – Achats", []),
            ("61 – Services extérieurs", [Line("Locations de salles", 1500, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Honoraires (formation des binômes d'animation)", 8000, "prestations"),
                Line("Publicité, publication", 1250, "prestations"),
                Line("Déplacements, missions", 2600, "deplacements_logistique"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Rémunération des personnels", 23500, "personnel"),
                Line("Charges sociales", 9500, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
        ],
        produits=[
            ("70 – Vente de produits finis, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact (AMI La Fabrique CTO)", 40000, "anact"),
                Line("Département du Var", 5000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [Line("Cotisations des adhérents", 350, "cofin")]),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [Line("Personnel bénévole", 7000, "personnel")]),
        p87=("87 – Contributions volontaires en nature", [Line("Bénévolat", 7000, "cofin")]),
        declared_charges_subtotal=45350,
        declared_total=52350,
    )
    assert c.charges_subtotal() == 46350 and c.produits_subtotal() == 45350
    budget = Budget.from_cerfa(c)
    assert budget.sum_lines() == 53350 and budget.total_cost() == 52350
    partners = ["Aract Provence-Alpes-Côte d'Azur", "Université de Toulon", "Fédération des entreprises d'insertion PACA"]
    blocks = [
        ("title", "Association REGAIN – Réseau des employeurs de l'insertion du Var\nProjet « Trajectoires numériques »"),
        ("p", "Candidature à l'appel à manifestation d'intérêt La Fabrique CTO – août 2022"),
        ("h", 1, "Le contexte", ["contexte"]),
        ("p", "Le réseau Regain fédère vingt-trois structures d'insertion par l'activité économique du Var (ateliers et chantiers d'insertion, entreprises d'insertion), soit 1 100 salariés en parcours. La dématérialisation des démarches (plateforme de l'inclusion, outils de suivi des parcours, pointage mobile) a profondément modifié le travail des encadrants et des conseillers."),
        ("h", 1, "Nos objectifs", ["objectifs"]),
        ("p", "Construire avec les encadrants, les conseillers en insertion et les salariés en parcours des règles d'usage des outils numériques qui préservent le temps d'accompagnement humain."),
        ("h", 1, "Problématique", ["problematique"]),
        ("p", "Le temps passé à renseigner les outils se prend sur l'accompagnement ; les salariés en parcours vivent le pointage mobile comme une surveillance. Comment remettre ces choix en discussion dans des structures souvent dépourvues de représentants du personnel élus ?"),
        ("h", 1, "Public visé", ["cibles"]),
        ("p", "Les encadrants techniques, conseillers en insertion professionnelle et salariés en parcours de six structures volontaires du réseau."),
        ("h", 1, "Démarche méthodologique", ["methodologie"]),
        ("p", "Nous mettrons en place dans chaque structure un « temps d'expression sur les outils » mensuel, animé par un binôme formé, dont les propositions remontent à un atelier inter-structures chargé de rédiger des règles d'usage."),
        ("h", 1, "Phasage", ["phasage"]),
        ("p", "Le projet se déroule de novembre 2022 à novembre 2023 :"),
        ("bullets", [
            "novembre 2022 – janvier 2023 : formation des binômes d'animation ;",
            "février – juillet 2023 : temps d'expression mensuels dans les six structures ;",
            "septembre – novembre 2023 : ateliers inter-structures, rédaction et adoption des règles d'usage.",
        ]),
        ("h", 1, "Pilotage et comitologie", ["pilotage"]),
        ("p", "Le comité de pilotage, réuni trois fois, associe le bureau de Regain, deux directeurs de structures, l'Aract et la DDETS du Var. Une chargée de mission du réseau assure la coordination au quotidien."),
        ("h", 1, "Résultats escomptés", ["resultats"]),
        ("p", "Six espaces d'expression actifs, une charte d'usage des outils numériques adoptée par le réseau, douze animateurs formés."),
        ("h", 1, "Pérennisation et essaimage", ["perennisation"]),
        ("p", "Les temps d'expression seront intégrés au projet social de chaque structure. La charte sera proposée aux autres réseaux départementaux de l'insertion de la région."),
        ("h", 1, "Partenaires mobilisés", ["partenaires"]),
        ("p", "L'Aract Provence-Alpes-Côte d'Azur apportera son expertise sur l'animation des espaces de discussion ; l'Université de Toulon (laboratoire IMSIC) évaluera la démarche ; la Fédération des entreprises d'insertion PACA relaiera les résultats auprès de ses adhérents."),
        ("h", 1, "Budget prévisionnel", []),
        ("p", "Budget établi selon le formulaire de demande de subvention (CERFA), en euros :"),
        ("cerfa", c),
        ("p", "Fait à Toulon, le 17 août 2022. La présidente, Karima Benali."),
    ]
    dbytes = build_docx(blocks, "bold", font="Liberation Serif")
    pbytes = writer_pdf(dbytes, "regain.docx", cid)
    sections = sections_from_blocks(blocks, name)

    subject = "Candidature AMI La Fabrique CTO - Association Regain"
    from_addr = "direction@regain83.org"
    mid = "<1478523690.2291734.1660739528104.JavaMail.zimbra@regain83.org>"
    date = "Wed, 17 Aug 2022 14:32:08 +0200 (CEST)"
    text = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint le dossier complet de l'association Regain (projet, partenaires "
        "et budget) en réponse à l'appel à manifestation d'intérêt.\n\n"
        "Cordialement,\n\n"
        "Karima Benali\nPrésidente de Regain\n"
    )
    html = (
        "<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000\">"
        "<div>Bonjour,</div><div><br data-mce-bogus=\"1\"></div><div>Veuillez trouver ci-joint le dossier complet "
        "de l'association Regain (projet, partenaires et budget) en réponse à l'appel à manifestation "
        "d'intérêt.</div><div><br data-mce-bogus=\"1\"></div><div>Cordialement,</div><div><br data-mce-bogus=\"1\"></div>"
        "<div>Karima Benali<br>Présidente de Regain</div></div></body></html>"
    )
    mixed = "----=_Part_2291732_1923455881.1660739528103"
    alt = "----=_Part_2291733_734102958.1660739528103"
    root = Part(
        [
            ("Date", date),
            ("From", "Karima Benali <direction@regain83.org>"),
            ("To", "fabrique@anact.fr"),
            ("Message-ID", mid),
            ("Subject", subject),
            ("MIME-Version", "1.0"),
            ("Content-Type", f"multipart/mixed; {CRLF}\tboundary=\"{mixed}\""),
            ("X-Originating-IP", "[83.202.14.77]"),
            ("X-Mailer", "Zimbra 8.8.15_GA_4484 (ZimbraWebClient - FF103 (Win)/8.8.15_GA_4481)"),
            ("Thread-Index", "Y3Vj2b9WkqTqZo8f7Rr3Ks1pVb4Ncw=="),
            ("Thread-Topic", subject),
        ],
        parts=[
            Part([("Content-Type", f"multipart/alternative; {CRLF}\tboundary=\"{alt}\"")],
                 parts=[
                     Part([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(text, "utf-8")),
                     Part([("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(html, "utf-8")),
                 ], boundary=alt),
            Part([("Content-Type", f"application/pdf; name=\"{name}\""),
                  ("Content-Disposition", f"attachment; filename=\"{name}\""),
                  ("Content-Transfer-Encoding", "base64")],
                 b64_body(pbytes)),
        ],
        boundary=mixed,
    )
    label = make_label(
        cid,
        "Association réseau IAE (Regain), un PDF exporté de Writer à titres en gras avec budget CERFA ; total des charges saisi 1 000 € trop bas (total déclaré 52 350 €, lignes 53 350 €), Zimbra",
        sections,
        budget,
        partners,
        [(name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-11", "2023-11", 13),
    )
    assert [f["code"] for f in label["flags"]] == ["budget_total_mismatch"]
    save_files(cid, {name: pbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-09
@case
def case09() -> None:
    """Employers' club association, DOCX with bold-line headings (one covers method and
    phasing) + XLSX with HT, VAT and TTC columns; Samsung Email (Android), base64 bodies.
    Co-financing exactly 20 % (not below)."""
    cid = "h3b-09"
    d_name = "Candidature NRC.docx"
    x_name = "Budget NRC.xlsx"
    partners = ["Aract Bretagne", "Quimper Cornouaille Développement", "Université de Bretagne Occidentale"]
    blocks = [
        ("title", "Club Numérique Responsable en Cornouaille (NRC)\nRéponse à l'AMI « Développer le dialogue social technologique au travail »"),
        ("h", 1, "Origine du projet :", ["contexte"]),
        ("p", "Le club NRC, association de 38 entreprises de Cornouaille (agroalimentaire, nautisme, services), s'est créé en 2020 pour partager les pratiques numériques responsables. En 2021, une enquête auprès de 420 salariés de nos adhérents a montré que 61 % d'entre eux n'avaient jamais été consultés sur les outils qu'ils utilisent."),
        ("h", 1, "Objectifs :", ["objectifs"]),
        ("p", "Faire émerger dans douze entreprises adhérentes une pratique de concertation sur les outils numériques, et en tirer une boîte à outils utilisable par toutes les PME du territoire."),
        ("h", 1, "Problématique :", ["problematique"]),
        ("p", "Comment passer d'une démarche « numérique responsable » centrée sur l'environnement et la sobriété à une démarche qui intègre aussi la qualité du travail et le dialogue avec les salariés ?"),
        ("h", 1, "Public cible :", ["cibles"]),
        ("p", "Douze PME adhérentes de 15 à 250 salariés : dirigeants, managers de proximité, salariés et, lorsqu'ils existent, élus du CSE."),
        ("h", 1, "Méthode et phasage :", ["methodologie", "phasage"]),
        ("p", "Entre octobre 2022 et juin 2023, chaque entreprise réalise une « revue d'outil » accompagnée par un ergonome : inventaire des usages (octobre – décembre 2022), deux ateliers de concertation (janvier – mars 2023), plan d'ajustement (avril – mai 2023), puis bilan collectif de toutes les entreprises en juin 2023."),
        ("h", 1, "Pilotage :", ["pilotage"]),
        ("p", "Un comité de pilotage composé de trois dirigeants, deux salariés élus, Quimper Cornouaille Développement et l'Aract Bretagne se réunit trois fois. La déléguée générale du club coordonne le projet."),
        ("h", 1, "Résultats attendus :", ["resultats"]),
        ("p", "Douze revues d'outils réalisées, douze plans d'ajustement, une boîte à outils en ligne et un retour d'expérience présenté aux rencontres économiques de Cornouaille."),
        ("h", 1, "Et après ?", ["perennisation"]),
        ("p", "La revue d'outil deviendra une offre permanente du club pour ses adhérents ; la boîte à outils sera publiée sous licence ouverte et proposée aux autres clubs d'entreprises bretons."),
        ("h", 1, "Partenaires :", ["partenaires"]),
        ("p", "Aract Bretagne (méthodologie et formation des animateurs), Quimper Cornouaille Développement (agence de développement économique : mise à disposition d'une chargée de mission), Université de Bretagne Occidentale – laboratoire LEGO (évaluation de la démarche)."),
        ("h", 1, "Budget :", []),
        ("p", f"Voir le tableau joint ({x_name}). Montant sollicité auprès de l'Anact : 32 000 € HT."),
    ]
    expenses = [
        Line("Chargé de mission du club (44 jours)", 15400, "personnel", q=44, u=350, vat=0),
        Line("Déléguée générale (10 jours)", 4800, "personnel", q=10, u=480, vat=0),
        Line("Chargée de mission mise à disposition par QCD (8 jours, valorisation)", 3000, "personnel", q=8, u=375, vat=0),
        Line("Déplacements dans les 12 entreprises", 1800, "deplacements_logistique", vat=0.10),
        Line("Location de salle et collations (4 ateliers)", 1600, "deplacements_logistique", vat=0.20),
        Line("Accompagnement par un cabinet d'ergonomie (honoraires)", 10400, "prestations", vat=0.20),
        Line("Webdesign de la boîte à outils (prestataire)", 3000, "prestations", vat=0.20),
    ]
    resources = [
        Line("Anact – AMI La Fabrique CTO (sollicité)", 32000, "anact"),
        Line("Autofinancement (cotisations des adhérents)", 5000, "cofin"),
        Line("Quimper Cornouaille Développement (mise à disposition valorisée)", 3000, "cofin"),
    ]
    budget = Budget(expenses, resources, declared_total=40000)
    assert budget.sum_lines() == 40000 == sum(x.amount for x in resources)
    ttc_total = sum(round(x.amount * (1 + x.extra["vat"]), 2) for x in expenses)
    assert ttc_total == 43180
    cat_label = {"personnel": "Personnel", "deplacements_logistique": "Déplacements et logistique",
                 "prestations": "Prestations"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Club NRC – projet « Revues d'outils » – budget prévisionnel"
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Poste", "Catégorie", "Montant HT", "Taux TVA", "Montant TTC"])
    for cl in ws[2]:
        cl.font = Font(bold=True, color="FFFFFF")
        cl.fill = PatternFill("solid", fgColor="00557F")
    for x in expenses:
        r = ws.max_row + 1
        ws.cell(r, 1, x.label)
        ws.cell(r, 2, cat_label[x.kind])
        if "q" in x.extra:
            ws.cell(r, 3, f"={x.extra['q']}*{x.extra['u']}")
            assert x.extra["q"] * x.extra["u"] == x.amount
        else:
            ws.cell(r, 3, x.amount)
        ws.cell(r, 3).number_format = EUR
        ws.cell(r, 4, x.extra["vat"]).number_format = "0%"
        ws.cell(r, 5, f"=C{r}*(1+D{r})").number_format = EUR
    last = ws.max_row
    ws.cell(last + 1, 1, "TOTAL").font = Font(bold=True)
    ws.cell(last + 1, 3, f"=SUM(C3:C{last})").number_format = EUR
    ws.cell(last + 1, 5, f"=SUM(E3:E{last})").number_format = EUR
    for j in (1, 3, 5):
        ws.cell(last + 1, j).font = Font(bold=True)
    r = last + 3
    ws.cell(r, 1, "Financement (montants HT)").font = Font(bold=True)
    ws.cell(r, 3, "Montant").font = Font(bold=True)
    ws.cell(r, 4, "Part").font = Font(bold=True)
    first = r + 1
    for x in resources:
        r += 1
        ws.cell(r, 1, x.label)
        ws.cell(r, 3, x.amount).number_format = EUR
        ws.cell(r, 4, f"=C{r}/C${last + 1}").number_format = "0.0%"
    ws.cell(r + 1, 1, "TOTAL FINANCEMENT").font = Font(bold=True)
    ws.cell(r + 1, 3, f"=SUM(C{first}:C{r})").number_format = EUR
    ws.column_dimensions["A"].width = 66
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 15
    ws.column_dimensions["E"].width = 15
    xbytes = xlsx_cached(wb, "budget.xlsx")
    dbytes = build_docx(blocks, "bold", font="Verdana")
    sections = sections_from_blocks(blocks, d_name)

    subject = "Candidature AMI Fabrique CTO - Club NRC"
    from_addr = "anne.legoff@club-nrc.bzh"
    mid = "<qkd4v2m3p0b8h6-z7x1c9wq5r2e8t4y.1661107315602@email.android.com>"
    date = "Sun, 21 Aug 2022 20:41:55 +0200"
    text = (
        "Bonjour,\n\nJe vous transmets la candidature du club NRC à l'appel à manifestation "
        "d'intérêt, avec le budget en pièce jointe.\n\nBonne soirée\nAnne Le Goff\n"
        "Déléguée générale – Club NRC\n\n\nEnvoyé depuis mon smartphone Samsung Galaxy.\n"
    )
    html = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head><body>"
        "<div dir=\"auto\">Bonjour,</div><div dir=\"auto\"><br></div><div dir=\"auto\">Je vous transmets la "
        "candidature du club NRC à l'appel à manifestation d'intérêt, avec le budget en pièce jointe.</div>"
        "<div dir=\"auto\"><br></div><div dir=\"auto\">Bonne soirée</div><div dir=\"auto\">Anne Le Goff</div>"
        "<div dir=\"auto\">Déléguée générale – Club NRC</div><div dir=\"auto\"><br></div><div dir=\"auto\"><br></div>"
        "<div dir=\"auto\" id=\"composer_signature\"><div style=\"font-size:85%;color:#575757\" dir=\"auto\">"
        "Envoyé depuis mon smartphone Samsung Galaxy.</div></div></body></html>"
    )
    mixed = "--_com.samsung.android.email_35912734183950"
    alt = "--_com.samsung.android.email_35912734087120"

    def att(data: bytes, ctype: str, name: str) -> Part:
        return Part(
            [("Content-Type", f"{ctype}; name=\"{name}\""),
             ("Content-Disposition", f"attachment; filename=\"{name}\""),
             ("Content-Transfer-Encoding", "base64")],
            b64_body(data),
        )

    root = Part(
        [
            ("Date", date),
            ("Subject", subject),
            ("Message-ID", mid),
            ("X-Android-Message-ID", mid),
            ("Importance", "normal"),
            ("From", "Anne Le Goff <anne.legoff@club-nrc.bzh>"),
            ("To", "fabrique@anact.fr"),
            ("MIME-Version", "1.0"),
            ("Content-Type", f"multipart/mixed; boundary=\"{mixed}\""),
        ],
        parts=[
            Part([("Content-Type", f"multipart/alternative; boundary=\"{alt}\"")],
                 parts=[
                     Part([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "base64")],
                          b64_body(text.encode("utf-8"))),
                     Part([("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "base64")],
                          b64_body(html.encode("utf-8"))),
                 ], boundary=alt),
            att(dbytes, MIME_DOCX, d_name),
            att(xbytes, MIME_XLSX, x_name),
        ],
        boundary=mixed,
    )
    label = make_label(
        cid,
        "Club d'employeurs (NRC), DOCX à titres en gras avec « : » (méthode et phasage réunis) + XLSX HT/TVA/TTC à formules, Samsung Email Android ; co-financement exactement 20 % ; complet",
        sections,
        budget,
        partners,
        [(d_name, "parsed"), (x_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10", "2023-06", 9),
    )
    assert label["budget"]["cofinancing"]["share"] == 0.2 and label["decision"] == "complete"
    save_files(cid, {d_name: dbytes, x_name: xbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-10
@case
def case10() -> None:
    """Health-at-work association, DOCX description without a sustainability part + CERFA
    budget as a separate fpdf2 PDF; Apple Mail (macOS). Defect: perennisation missing."""
    cid = "h3b-10"
    d_name = "ATST_projet_Fabrique_CTO.docx"
    b_name = "Budget_CERFA_ATST.pdf"
    partners = ["Aract Normandie", "URPS Infirmiers Normandie", "Compagnie Le Grain de Sable"]
    blocks = [
        ("title", "ATST Normandie\n« Écrans et santé au travail dans le soin à domicile »"),
        ("p", "Association Trajectoires Santé Travail – projet présenté à l'appel à manifestation d'intérêt La Fabrique CTO (Anact)."),
        ("h", 1, "Situation de départ", ["contexte"]),
        ("p", "Notre association réunit depuis 2014 des professionnels de santé au travail, des psychologues du travail et des représentants de salariés du soin à domicile en Normandie. Les services de soins infirmiers à domicile et les cabinets infirmiers de la région ont généralisé en deux ans la télétransmission, les tournées optimisées par logiciel et la messagerie sécurisée."),
        ("h", 1, "Nos buts", ["objectifs"]),
        ("p", "Mettre en discussion, dans dix structures de soins à domicile, les effets des outils numériques sur la santé des soignants, et construire avec elles des règles d'usage négociées."),
        ("h", 1, "Question centrale", ["problematique"]),
        ("p", "Les logiciels d'optimisation des tournées réduisent les temps de trajet mais suppriment les marges : comment rendre discutables, entre soignants et employeurs, des paramètres techniques que personne ne voit ?"),
        ("h", 1, "Bénéficiaires", ["cibles"]),
        ("p", "Infirmières, aides-soignantes et responsables de dix SSIAD et cabinets infirmiers de l'Orne et du Calvados, soit environ 180 professionnels."),
        ("h", 1, "Méthode d'action", ["methodologie"]),
        ("p", "Pour chaque structure : une journée d'observation des tournées, un théâtre-forum sur les situations critiques, puis deux réunions de régulation entre soignants et responsables pour ajuster les paramètres des logiciels."),
        ("h", 1, "Calendrier", ["phasage"]),
        ("p", "Du 1er septembre 2022 au 31 juillet 2023 :"),
        ("bullets", [
            "septembre – décembre 2022 : observations des tournées ;",
            "janvier – avril 2023 : théâtres-forums dans les dix structures ;",
            "mai – juillet 2023 : réunions de régulation et synthèse régionale.",
        ]),
        ("h", 1, "Comité de suivi", ["pilotage"]),
        ("p", "Un comité de suivi réunit tous les trois mois l'association, deux directions de SSIAD, un représentant de l'URPS infirmiers et l'Aract Normandie. Il valide chaque étape et arbitre le choix des structures."),
        ("h", 1, "Livrables attendus", ["resultats"]),
        ("p", "Dix diagnostics partagés, des règles d'usage des logiciels de tournée formalisées dans chaque structure et une synthèse régionale."),
        ("h", 1, "Partenaires associés", ["partenaires"]),
        ("bullets", [
            "Aract Normandie : appui méthodologique et participation au comité de suivi ;",
            "URPS Infirmiers Normandie : mobilisation des cabinets infirmiers libéraux ;",
            "Compagnie Le Grain de Sable : conception et animation des théâtres-forums.",
        ]),
        ("p", f"Le budget prévisionnel figure dans le document « {b_name} »."),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", [Line("Prestations de services (animation des théâtres-forums)", 3500, "prestations")]),
            ("61 – Services extérieurs", [Line("Locations", 900, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Rémunérations intermédiaires et honoraires", 7000, "prestations"),
                Line("Déplacements, missions", 2100, "deplacements_logistique"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Rémunération des personnels", 19000, "personnel"),
                Line("Charges sociales", 7600, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
            ("66 – Charges financières", []),
            ("67 – Charges exceptionnelles", []),
            ("68 – Dotation aux amortissements", []),
        ],
        produits=[
            ("70 – Vente de produits finis, de marchandises, prestations de services", []),
            ("73 – Dotations et produits de tarification", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact – appel à manifestation d'intérêt La Fabrique CTO", 33000, "anact"),
                Line("Région Normandie", 3000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [Line("Fonds associatifs", 4100, "cofin")]),
            ("76 – Produits financiers", []),
            ("78 – Reprises sur amortissements et provisions", []),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [Line("864 – Personnel bénévole", 3900, "personnel")]),
        p87=("87 – Contributions volontaires en nature", [Line("870 – Bénévolat", 3900, "cofin")]),
    )
    assert c.total_charges() == c.total_produits() == 44000
    budget = Budget.from_cerfa(c)
    bblocks = [
        ("title", "BUDGET PRÉVISIONNEL DE L'ACTION\n« Écrans et santé au travail dans le soin à domicile »"),
        ("p", "Association Trajectoires Santé Travail (ATST Normandie) – exercice du projet : septembre 2022 à juillet 2023. Modèle : formulaire de demande de subvention n°12156, rubrique « budget du projet »."),
        ("cerfa", c),
        ("p", "La subvention sollicitée de 33 000 € représente 75 % du total des charges. Les contributions volontaires en nature (bénévolat des membres du bureau) sont valorisées au SMIC chargé."),
        ("p", "Fait à Caen, le 10 août 2022 – Élise Ménard, présidente."),
    ]
    dbytes = build_docx(blocks, "styled", font="Georgia")
    pbytes = build_fpdf(bblocks, footer="ATST Normandie – budget prévisionnel", cerfa_decimals=False)
    sections = sections_from_blocks(blocks, d_name)

    subject = "Candidature à l’AMI « Fabrique CTO »"
    from_addr = "elise.menard@atst-normandie.fr"
    mid = "<6C1B2A3D-4E5F-4A7B-8C9D-0E1F2A3B4C5D@atst-normandie.fr>"
    date = "Thu, 11 Aug 2022 15:20:44 +0200"
    text = (
        "Bonjour,\n\n"
        "Je vous prie de trouver ci-joints le projet de l’ATST Normandie et son budget prévisionnel "
        "en réponse à l’appel à manifestation d’intérêt « Développer le dialogue social "
        "technologique au travail ».\n\n"
        "Bien cordialement,\n\n"
        "Élise Ménard\nPrésidente – ATST Normandie\n"
    )
    bnd = "Apple-Mail=_6C1B2A3D-4E5F-4A7B-8C9D-0E1F2A3B4C5D"
    root = Part(
        [
            ("From", f"{enc_word('Élise Ménard', 'utf-8', 'Q')} <elise.menard@atst-normandie.fr>"),
            ("Content-Type", f"multipart/mixed;{CRLF}\tboundary=\"{bnd}\""),
            ("Mime-Version", "1.0 (Mac OS X Mail 15.0 \\(3693.60.0.1.1\\))"),
            ("Subject", enc_word(subject, "utf-8", "Q")),
            ("Message-Id", mid),
            ("Date", date),
            ("To", "fabrique@anact.fr"),
            ("X-Mailer", "Apple Mail (2.3693.60.0.1.1)"),
        ],
        parts=[
            Part([("Content-Transfer-Encoding", "quoted-printable"),
                  ("Content-Type", "text/plain;" + CRLF + "\tcharset=utf-8")],
                 qp_body(text, "utf-8")),
            Part([("Content-Disposition", f"attachment;{CRLF}\tfilename={d_name}"),
                  ("Content-Type", f"{MIME_DOCX};{CRLF}\tx-unix-mode=0644;{CRLF}\tname=\"{d_name}\""),
                  ("Content-Transfer-Encoding", "base64")],
                 b64_body(dbytes)),
            Part([("Content-Disposition", f"attachment;{CRLF}\tfilename={b_name}"),
                  ("Content-Type", f"application/pdf;{CRLF}\tx-unix-mode=0644;{CRLF}\tname=\"{b_name}\""),
                  ("Content-Transfer-Encoding", "base64")],
                 b64_body(pbytes)),
        ],
        boundary=bnd,
    )
    label = make_label(
        cid,
        "Association santé au travail (ATST Normandie), DOCX + budget CERFA en PDF séparé (fpdf2), Apple Mail macOS ; partie pérennisation/essaimage absente",
        sections,
        budget,
        partners,
        [(d_name, "parsed"), (b_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-09-01", "2023-07-31", 11),
    )
    assert [(f["code"], f["target"]) for f in label["flags"]] == [("missing_section", "perennisation")]
    save_files(cid, {d_name: dbytes, b_name: pbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- h3b-11
@case
def case11() -> None:
    """Business and employment cooperative, PDF exported from Writer (odfpy ODT, Roman-numbered
    headings) + CERFA XLSX with formulas and 86/87; Outlook on the web, sent 23:41 Paris time
    on the deadline day (UTC Date header); project ends exactly 30 December 2023."""
    cid = "h3b-11"
    p_name = "Rhizome_Sud_projet_Fabrique_CTO.pdf"
    x_name = "Rhizome Sud – budget CERFA.xlsx"
    partners = ["Aract Provence-Alpes-Côte d'Azur", "LEST", "Coopérative des Tiers-Lieux Sud"]
    blocks = [
        ("title", "Coopérative d'activité et d'emploi Rhizome Sud\nProjet « Coopérer avec les plateformes »"),
        ("p", "Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » (Anact – La Fabrique CTO)."),
        ("h", 1, "I. Contexte", ["contexte"]),
        ("p", "Rhizome Sud est une coopérative d'activité et d'emploi qui héberge 190 entrepreneurs-salariés à Marseille et Aix-en-Provence : formateurs, graphistes, développeurs, artisans. Une part croissante d'entre eux trouve ses clients via des plateformes numériques de mise en relation, dont les règles (notation, commissions, algorithmes de visibilité) pèsent directement sur leurs conditions de travail."),
        ("h", 1, "II. Objectifs", ["objectifs"]),
        ("p", "Construire au sein de la coopérative un espace de dialogue entre entrepreneurs-salariés, équipe d'appui et instances de gouvernance sur l'usage des plateformes, et ouvrir un dialogue avec deux plateformes régionales."),
        ("h", 1, "III. Problématique", ["problematique"]),
        ("p", "Les entrepreneurs-salariés sont salariés de la coopérative mais leur travail est organisé par des plateformes tierces : qui discute des règles de ces plateformes, et où ?"),
        ("h", 1, "IV. Publics concernés", ["cibles"]),
        ("p", "Quarante entrepreneurs-salariés utilisateurs de plateformes, l'équipe d'appui de la coopérative (huit permanents), le conseil d'administration et deux plateformes régionales de mise en relation."),
        ("h", 1, "V. Déroulé méthodologique", ["methodologie"]),
        ("p", "Enquête par entretiens auprès des quarante entrepreneurs, ateliers de « lecture collective » des conditions générales des plateformes, puis rencontres de négociation avec deux plateformes, préparées en assemblée d'entrepreneurs."),
        ("h", 1, "VI. Phasage détaillé", ["phasage"]),
        ("p", "Le projet commence le 1er octobre 2022 et s'achève le 30 décembre 2023."),
        ("table", [
            ["Période", "Phase"],
            ["Oct. 2022 – janv. 2023", "Entretiens et cartographie des plateformes utilisées"],
            ["Févr. – juin 2023", "Ateliers de lecture collective (six sessions)"],
            ["Sept. – nov. 2023", "Rencontres avec deux plateformes régionales"],
            ["Déc. 2023", "Assemblée de restitution et publication du guide"],
        ]),
        ("h", 1, "VII. Pilotage et comitologie", ["pilotage"]),
        ("p", "Le pilotage est assuré par un comité mixte : deux administrateurs, trois entrepreneurs-salariés élus par l'assemblée, la chargée de projet, et l'Aract comme invitée permanente. Il se réunit tous les deux mois."),
        ("h", 1, "VIII. Résultats escomptés", ["resultats"]),
        ("p", "Une cartographie des plateformes et de leurs effets sur le travail, un guide de lecture des conditions générales, et au moins un engagement écrit d'une plateforme sur ses règles de notation."),
        ("h", 1, "IX. Pérennisation et essaimage", ["perennisation"]),
        ("p", "À partir de 2024, l'espace de dialogue deviendra une commission permanente de la coopérative. Le guide sera diffusé aux autres coopératives d'activité et d'emploi du réseau national au cours du premier semestre 2024."),
        ("h", 1, "X. Partenaires et contributions attendues", ["partenaires"]),
        ("bullets", [
            "Aract Provence-Alpes-Côte d'Azur : expertise sur les conditions de travail, invitée permanente du comité ;",
            "Laboratoire LEST (Aix-Marseille Université) : appui à l'enquête et analyse des entretiens ;",
            "Coopérative des Tiers-Lieux Sud : mise à disposition gratuite de locaux pour les ateliers.",
        ]),
        ("h", 1, "XI. Budget", []),
        ("p", "Budget prévisionnel au format du formulaire CERFA : voir le classeur joint."),
    ]
    c = Cerfa(
        charges=[
            ("60 – Achats", []),
            ("61 – Services extérieurs", [Line("Locations (salles de réunion)", 2000, "deplacements_logistique")]),
            ("62 – Autres services extérieurs", [
                Line("Honoraires (intervention d'un cabinet d'ergonomie)", 12000, "prestations"),
                Line("Déplacements des entrepreneurs-salariés", 3500, "deplacements_logistique"),
                Line("Publications, communication", 2000, "prestations"),
            ]),
            ("63 – Impôts et taxes", []),
            ("64 – Charges de personnel", [
                Line("Rémunération des personnels", 28000, "personnel"),
                Line("Charges sociales", 12500, "personnel"),
            ]),
            ("65 – Autres charges de gestion courante", []),
        ],
        produits=[
            ("70 – Ventes, prestations de services", []),
            ("74 – Subventions d'exploitation", [
                Line("Anact – La Fabrique CTO", 50000, "anact"),
                Line("Métropole Aix-Marseille-Provence", 3000, "cofin"),
                Line("Région Sud (appel à projets ESS)", 4000, "cofin"),
            ]),
            ("75 – Autres produits de gestion courante", [Line("Fonds propres de la coopérative", 3000, "cofin")]),
        ],
        c86=("86 – Emplois des contributions volontaires en nature", [
            Line("861 – Mise à disposition gratuite de locaux", 1500, "deplacements_logistique"),
            Line("864 – Bénévolat des entrepreneurs-associés", 6500, "personnel"),
        ]),
        p87=("87 – Contributions volontaires en nature", [
            Line("870 – Bénévolat", 6500, "cofin"),
            Line("871 – Prestations en nature", 1500, "cofin"),
        ]),
    )
    assert c.total_charges() == c.total_produits() == 68000
    budget = Budget.from_cerfa(c)
    wb = xlsx_cerfa(c, ["Rhizome Sud – Budget prévisionnel du projet « Coopérer avec les plateformes »",
                        "Période : 1er octobre 2022 – 30 décembre 2023 (montants en euros)"], sheet="CERFA")
    xbytes = xlsx_cached(wb, "budget.xlsx")
    obytes = build_odt(blocks)
    pbytes = writer_pdf(obytes, "rhizome.odt", cid)
    sections = sections_from_blocks(blocks, p_name)

    subject = "Fabrique CTO - Appel à manifestation d'intérêt - Rhizome Sud"
    from_addr = "f.aitsaid@rhizome-sud.coop"
    mid = "<PAXP190MB1734C5E19A0B4D2E6F3A7C81D94B2@PAXP190MB1734.EURP190.PROD.OUTLOOK.COM>"
    date = "Tue, 23 Aug 2022 21:41:09 +0000"
    text = (
        "Bonsoir,\n\n"
        "Juste à temps, voici la candidature de la CAE Rhizome Sud : le projet en PDF et le budget "
        "au format CERFA (Excel).\n\n"
        "Merci de bien vouloir nous confirmer la bonne réception.\n\n"
        "Farida Aït-Saïd\nChargée de projets\nRhizome Sud - coopérative d'activité et d'emploi\n"
    )
    html = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        "<style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head>"
        "<body dir=\"ltr\"><div style=\"font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);\">"
        + "".join(f"<div>{line if line else '<br>'}</div>" for line in text.split("\n"))
        + "</div></body></html>"
    )
    mixed = "_004_PAXP190MB1734C5E19A0B4D2E6F3A7C81D94B2PAXP190MB1734EURP_"
    alt = "_000_PAXP190MB1734C5E19A0B4D2E6F3A7C81D94B2PAXP190MB1734EURP_"
    xn = enc_word(x_name, "utf-8", "B", maxlen=200).replace(CRLF + " ", "")
    root = Part(
        [
            ("From", f"{enc_word('Farida Aït-Saïd', 'iso-8859-1', 'Q')} <f.aitsaid@rhizome-sud.coop>"),
            ("To", "\"fabrique@anact.fr\" <fabrique@anact.fr>"),
            ("Subject", enc_word(subject, "iso-8859-1", "Q")),
            ("Thread-Topic", enc_word(subject, "iso-8859-1", "Q")),
            ("Thread-Index", "AQHYtzXwq8L0cVvR0kGm2x9dZ4m5hA=="),
            ("Date", date),
            ("Message-ID", mid),
            ("Accept-Language", "fr-FR, en-US"),
            ("Content-Language", "fr-FR"),
            ("X-MS-Has-Attach", "yes"),
            ("X-MS-TNEF-Correlator", ""),
            ("msip_labels", ""),
            ("Content-Type", f"multipart/mixed;{CRLF}\tboundary=\"{mixed}\""),
            ("MIME-Version", "1.0"),
        ],
        parts=[
            Part([("Content-Type", f"multipart/alternative;{CRLF}\tboundary=\"{alt}\"")],
                 parts=[
                     Part([("Content-Type", "text/plain; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(text, "iso-8859-1")),
                     Part([("Content-Type", "text/html; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
                          qp_body(html, "iso-8859-1")),
                 ], boundary=alt),
            Part([("Content-Type", f"application/pdf; name=\"{p_name}\""),
                  ("Content-Description", p_name),
                  ("Content-Disposition", f"attachment; filename=\"{p_name}\"; size={len(pbytes)};{CRLF}\tcreation-date=\"Tue, 23 Aug 2022 21:39:50 GMT\";{CRLF}\tmodification-date=\"Tue, 23 Aug 2022 21:41:08 GMT\""),
                  ("Content-Transfer-Encoding", "base64")],
                 b64_body(pbytes)),
            Part([("Content-Type", f"{MIME_XLSX};{CRLF}\tname=\"{xn}\""),
                  ("Content-Description", xn),
                  ("Content-Disposition", f"attachment;{CRLF}\tfilename=\"{xn}\"; size={len(xbytes)};{CRLF}\tcreation-date=\"Tue, 23 Aug 2022 21:40:12 GMT\";{CRLF}\tmodification-date=\"Tue, 23 Aug 2022 21:41:08 GMT\""),
                  ("Content-Transfer-Encoding", "base64")],
                 b64_body(xbytes)),
        ],
        boundary=mixed,
    )
    label = make_label(
        cid,
        "CAE (Rhizome Sud), PDF exporté de Writer (titres en chiffres romains) + budget CERFA XLSX à formules (86/87), Outlook web, envoyé le 23/08 à 23:41 heure de Paris (Date en UTC), fin du projet le 30/12/2023 ; complet",
        sections,
        budget,
        partners,
        [(p_name, "parsed"), (x_name, "parsed")],
        msg_meta(mid, from_addr, subject, date),
        project_label("2022-10-01", "2023-12-30", 15),
    )
    assert label["decision"] == "complete" and not label["flags"]
    save_files(cid, {p_name: pbytes, x_name: xbytes})
    write_case(cid, root.render(), label)


# --------------------------------------------------------------------------- main


def save_files(cid: str, files: dict[str, bytes]) -> None:
    d = WORK / cid
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    for n, b in files.items():
        (d / n).write_bytes(b)


def main() -> None:
    import sys

    only = sys.argv[1:]
    for fn in CASE_FUNCS:
        if only and not any(fn.__name__.endswith(o) for o in only):
            continue
        fn()


if __name__ == "__main__":
    main()
