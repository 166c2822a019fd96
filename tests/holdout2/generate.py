#!/usr/bin/env python3
"""Generate the holdout2 corpus: tests/holdout2/cases/<id>.eml and <id>.expected.json.

The 25 proposals are specified in _cases_*.py (prose, budgets, partners, phasage, email
envelope). This script renders each specification into files (DOCX, PDF, ODT, DOC, XLSX,
scans, ZIP, forwarded messages), wraps them into a raw email, and computes the expected
dossier from the same specification by the contract's rules (``label()``): no label is
typed by hand.

Deterministic: fixed seeds, fixed timestamps inside ZIP-based files and PDFs, fixed MIME
boundaries. LibreOffice (PDF/ODT/DOC exports, XLSX formula caching) and the encryption of
one DOCX (msoffcrypto-tool) are run only when their output is not already in
soffice_cache/ (keyed by the SHA-256 of the input): regeneration works without them.

    .venv/bin/python tests/holdout2/generate.py
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
import zipfile
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _cases_a  # noqa: E402
import _cases_b  # noqa: E402
import _cases_c  # noqa: E402
import _cases_d  # noqa: E402
from _model import (  # noqa: E402
    CAP,
    CAT_TITLES,
    CATEGORIES,
    MIN_SHARE,
    SECTION_IDS,
    Budget,
    Case,
    Doc,
)

CASES_DIR = HERE / "cases"
CACHE = HERE / "soffice_cache"
FIXED_ZIP_TIME = (2022, 8, 18, 9, 30, 0)
FIXED_DT = datetime(2022, 8, 18, 9, 30, 0, tzinfo=ZoneInfo("Europe/Paris"))
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=ZoneInfo("Europe/Paris"))
END_LIMIT = date(2023, 12, 30)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_used_cache: set[str] = set()


def all_cases() -> list[Case]:
    cases = _cases_a.CASES + _cases_b.CASES + _cases_c.CASES + _cases_d.CASES
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), ids
    return sorted(cases, key=lambda c: c.id)


# =========================================================================== external tools


def _cached(data: bytes, kind: str, ext: str, make) -> bytes:
    """Output of an external conversion of ``data``, from soffice_cache/ when present."""
    key = hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()[:20]
    path = CACHE / f"{key}.{ext}"
    _used_cache.add(path.name)
    if path.exists():
        return path.read_bytes()
    out = make(data)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(out)
    return out


def _soffice(data: bytes, in_ext: str, target: str, out_ext: str) -> bytes:
    exe = shutil.which("soffice") or "/usr/bin/soffice"
    with tempfile.TemporaryDirectory(prefix="h2-soffice-") as tmp:
        src = Path(tmp) / f"in.{in_ext}"
        src.write_bytes(data)
        outdir = Path(tmp) / "out"
        cmd = [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            proc.wait(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        out = outdir / f"in.{out_ext}"
        if not out.exists():
            raise RuntimeError(f"soffice failed to convert to {target}")
        return out.read_bytes()


def soffice_convert(data: bytes, in_ext: str, target: str, out_ext: str) -> bytes:
    return _cached(
        data,
        f"soffice:{in_ext}:{target}",
        out_ext,
        lambda d: _soffice(d, in_ext, target, out_ext),
    )


def encrypt_docx(data: bytes, password: str = "secret") -> bytes:
    """A password-protected DOCX (OLE2 container, agile encryption) via msoffcrypto-tool."""

    def make(d: bytes) -> bytes:
        code = (
            "import io, sys\n"
            "from msoffcrypto.format.ooxml import OOXMLFile\n"
            "out = io.BytesIO()\n"
            f"OOXMLFile(io.BytesIO(sys.stdin.buffer.read())).encrypt({password!r}, out)\n"
            "sys.stdout.buffer.write(out.getvalue())\n"
        )
        # msoffcrypto-tool is not a project dependency: H2_MSOFFCRYPTO_PYTHON may name a
        # Python that has it (only needed when the cache lacks the file)
        python = os.environ.get("H2_MSOFFCRYPTO_PYTHON", sys.executable)
        proc = subprocess.run([python, "-c", code], input=d, capture_output=True)
        if proc.returncode != 0:
            raise SystemExit(
                "the encrypted DOCX is not in soffice_cache/: set H2_MSOFFCRYPTO_PYTHON to a "
                "Python with msoffcrypto-tool installed\n" + proc.stderr.decode()[-400:]
            )
        return proc.stdout

    return _cached(data, f"encrypt:{password}", "docx", make)


def fix_zip(data: bytes) -> bytes:
    """Rewrite a ZIP-based office file with fixed timestamps (deterministic bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2022-08-18T09:30:00Z\g<3>",
                    content,
                )
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content)
    return out.getvalue()


# =========================================================================== budget as blocks


def budget_blocks(b: Budget, layout: str) -> list[tuple]:
    """The budget printed as tables/lists inside a document."""
    a = b.amt
    out: list[tuple] = []
    cats = [c for c in CATEGORIES if b.by_cat(c)]
    if layout == "ht_ttc":
        rows = [["Nature de la dépense", "Détail du calcul", "Montant HT", "Montant TTC"]]
        for c in cats:
            rows.append([CAT_TITLES[c], "", "", ""])
            for x in b.by_cat(c):
                ttc = round(x.amount * 1.2, 2) if x.vat else x.amount
                rows.append([x.label, x.detail, a(x.amount), a(ttc)])
        if b.shown_total is not None:
            ttc_total = sum(round(x.amount * 1.2, 2) if x.vat else x.amount for x in b.lines)
            rows.append(["TOTAL DES DÉPENSES", "", a(b.shown_total), a(ttc_total)])
        out.append(("table", rows, [5.5, 6, 2.6, 2.6], True))
    elif layout == "simple_cat":
        nature = {
            "personnel": "Personnel",
            "deplacements_logistique": "Déplacements / logistique",
            "prestations": "Prestation",
            "autre": "Autre",
        }
        rows = [["Poste de dépense", "Nature", "Montant"]]
        for x in b.lines:
            rows.append([x.label, nature[x.cat], a(x.amount)])
        if b.shown_total is not None:
            rows.append(["Total", "", a(b.shown_total)])
        out.append(("table", rows, [10, 4, 3], False))
    elif layout == "simple":
        rows = [["Poste de dépense", "Montant"]]
        for x in b.lines:
            rows.append([x.label + (f" ({x.detail})" if x.detail else ""), a(x.amount)])
        if b.shown_total is not None:
            rows.append(["Total", a(b.shown_total)])
        out.append(("table", rows, [12, 4], False))
    elif layout == "list":
        for c in cats:
            out.append(("p", f"{CAT_TITLES[c]} : {a(b.cat_total(c))}"))
            out.append(
                (
                    "bullets",
                    [
                        f"{x.label}{' – ' + x.detail if x.detail else ''} : {a(x.amount)}"
                        for x in b.by_cat(c)
                    ],
                )
            )
        if b.shown_total is not None:
            out.append(("p", f"Coût total du projet : {a(b.shown_total)}"))
    else:  # grouped: category rows, detail, amount, subtotals
        rows = [["Poste", "Détail", "Montant"]]
        for c in cats:
            rows.append([CAT_TITLES[c].upper(), "", ""])
            for x in b.by_cat(c):
                rows.append([x.label, x.detail, a(x.amount)])
            rows.append([f"Sous-total {CAT_TITLES[c].lower()}", "", a(b.cat_total(c))])
        if b.shown_total is not None:
            rows.append(["COÛT TOTAL DU PROJET", "", a(b.shown_total)])
        out.append(("table", rows, [6.5, 7, 3], True))
    if b.resources:
        out.append(("p", "Plan de financement (ressources) :"))
        rows = [["Ressource", "Nature / statut", "Montant"]]
        for r in b.resources:
            rows.append([r.label, r.status or r.nature, a(r.amount)])
        rows.append(["Total des ressources", "", a(round(sum(r.amount for r in b.resources), 2))])
        out.append(("table", rows, [7, 6, 3], True))
    return out


def expand(blocks: list[tuple], doc: Doc) -> list[tuple]:
    out = []
    for blk in blocks:
        if blk[0] == "budget":
            assert doc.budget is not None, doc.filename
            out.extend(budget_blocks(doc.budget, blk[1]))
        else:
            out.append(blk)
    return out


# =========================================================================== DOCX


def render_docx(doc: Doc) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT  # noqa: F401
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    o = doc.opts
    d = docx.Document()
    cp = d.core_properties
    cp.author = o.get("author", "")
    cp.title = o.get("doc_title", "")
    cp.created = cp.modified = datetime(2022, 8, 18, 9, 30)
    cp.last_modified_by = o.get("author", "")
    cp.revision = 3
    normal = d.styles["Normal"]
    normal.font.name = o.get("font", "Calibri")
    normal.font.size = Pt(o.get("size", 11))
    mode = o.get("headings", "builtin")
    h1_style, h2_style = "Heading 1", "Heading 2"
    if mode == "renamed":
        h1_style, h2_style = o.get("h1_name", "Intertitre"), o.get("h2_name", "Sous-intertitre")
        d.styles["Heading 1"].name = h1_style
        d.styles["Heading 2"].name = h2_style
    elif mode == "custom":
        st = d.styles.add_style("Titre perso", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.font.bold = True
        st.font.size = Pt(14)
        st.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        st.paragraph_format.space_before = Pt(14)
        st.paragraph_format.space_after = Pt(6)
        st2 = d.styles.add_style("Sous-titre perso", WD_STYLE_TYPE.PARAGRAPH)
        st2.base_style = normal
        st2.font.bold = True
        st2.font.italic = True
        st2.font.size = Pt(11.5)
        h1_style, h2_style = "Titre perso", "Sous-titre perso"

    if o.get("header"):
        sec = d.sections[0]
        hp = sec.header.paragraphs[0]
        hp.text = o["header"]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in hp.runs:
            r.font.size = Pt(8)
            r.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run(o.get("footer", "Page "))
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        fld.append(run)
        fp._p.append(fld)

    def add_table(rows, widths, small):
        ncols = max(len(r) for r in rows)
        tbl = d.add_table(rows=len(rows), cols=ncols)
        tbl.style = d.styles["Table Grid"]
        for i, row in enumerate(rows):
            for j in range(ncols):
                cell = tbl.cell(i, j)
                txt = row[j] if j < len(row) else ""
                cell.text = ""
                para = cell.paragraphs[0]
                run = para.add_run(txt)
                if small:
                    run.font.size = Pt(7.5 if ncols > 6 else 9)
                first = row[0] if row else ""
                if i == 0 or (first.isupper() and all(not c for c in row[1:])):
                    run.bold = True
                if first.upper().startswith(("TOTAL", "SOUS-TOTAL", "COÛT TOTAL")) or (
                    first.startswith("Sous-total")
                ):
                    run.bold = True
                if ncols > 6 and j > 0:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_paragraph()

    for blk in expand(doc.blocks, doc):
        kind = blk[0]
        if kind == "title":
            p = d.add_paragraph(style="Title")
            p.add_run(blk[1])
            if blk[2]:
                s = d.add_paragraph(style="Subtitle")
                s.add_run(blk[2])
        elif kind in ("h1", "h2"):
            text = blk[1]
            if mode == "bold":
                p = d.add_paragraph()
                r = p.add_run(text.upper() if kind == "h1" else text)
                r.bold = True
                r.font.size = Pt(12 if kind == "h1" else 11)
                if kind == "h2":
                    r.italic = True
                p.paragraph_format.space_before = Pt(10)
            elif mode == "numbered_list" and kind == "h1":
                p = d.add_paragraph(style="List Number")
                r = p.add_run(text)
                r.bold = True
                r.font.size = Pt(13)
                p.paragraph_format.space_before = Pt(12)
            elif mode == "numbered_list":
                p = d.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                r.underline = True
            else:
                d.add_paragraph(text, style=h1_style if kind == "h1" else h2_style)
        elif kind == "p":
            p = d.add_paragraph(blk[1])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "bullets":
            for item in blk[1]:
                d.add_paragraph(item, style="List Bullet")
        elif kind == "numbered":
            for item in blk[1]:
                d.add_paragraph(item, style="List Number 2")
        elif kind == "table":
            add_table(blk[1], blk[2], blk[3])
        elif kind == "note":
            p = d.add_paragraph()
            r = p.add_run(blk[1])
            r.italic = True
            r.font.size = Pt(8.5)
        elif kind == "sig":
            for i, line in enumerate(blk[1]):
                p = d.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                r = p.add_run(line)
                r.bold = i == 0
        elif kind == "pagebreak":
            d.add_page_break()
        elif kind == "cols":
            for sub in blk[1]:
                if sub[0] in ("h1", "h2"):
                    d.add_paragraph(sub[1], style=h1_style if sub[0] == "h1" else h2_style)
                elif sub[0] == "p":
                    d.add_paragraph(sub[1])
                elif sub[0] == "bullets":
                    for item in sub[1]:
                        d.add_paragraph(item, style="List Bullet")
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    d.save(buf)
    return fix_zip(buf.getvalue())


# =========================================================================== PDF (fpdf2)


def _font_files(family: str) -> dict[str, Path]:
    base = "DejaVuSerif" if family == "serif" else "DejaVuSans"
    if family == "condensed":
        base = "DejaVuSansCondensed"
    ital = "Italic" if base == "DejaVuSerif" else "Oblique"
    return {
        "": FONT_DIR / f"{base}.ttf",
        "B": FONT_DIR / f"{base}-Bold.ttf",
        "I": FONT_DIR / f"{base}-{ital}.ttf",
        "BI": FONT_DIR / f"{base}-Bold{ital}.ttf",
    }


def render_pdf(doc: Doc) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    o = doc.opts
    header_text = o.get("header", "")
    footer_text = o.get("footer", "")
    accent = o.get("accent", (30, 60, 110))
    base = o.get("size", 10)

    class Pdf(FPDF):
        def header(self):
            if not header_text:
                return
            self.set_font("F", "I", 7.5)
            self.set_text_color(110, 110, 110)
            self.cell(0, 4, header_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, o.get("header_right", "AMI « La Fabrique CTO »"), align="R")
            self.ln(3)
            self.set_draw_color(180, 180, 180)
            self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
            self.ln(6)
            self.set_text_color(0, 0, 0)

        def footer(self):
            self.set_y(-13)
            self.set_font("F", "", 7.5)
            self.set_text_color(110, 110, 110)
            left = footer_text or header_text
            if left:
                self.cell(0, 5, left, align="L")
                self.set_x(self.l_margin)
            self.cell(0, 5, f"Page {self.page_no()} / {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = Pdf(format="A4")
    pdf.set_creation_date(FIXED_DT)
    pdf.set_producer(o.get("producer", "Microsoft® Word pour Microsoft 365"))
    pdf.set_creator(o.get("creator", "Microsoft® Word pour Microsoft 365"))
    pdf.set_author(o.get("author", ""))
    pdf.set_title(o.get("doc_title", ""))
    for style, path in _font_files(o.get("font", "sans")).items():
        pdf.add_font("F", style, str(path))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    lh = base * 0.52

    def para(text: str, style: str = "", size: float = base, align: str = "J", indent=0.0):
        pdf.set_font("F", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent, size * 0.52, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def table(rows, widths, small):
        ncols = max(len(r) for r in rows)
        size = (6.2 if ncols > 8 else 7.5) if small else base - 1
        if widths is None:
            widths = [max(3.0, 10 - ncols * 0.3)] + [1.0] * (ncols - 1) if ncols > 6 else None
        pdf.set_font("F", "", size)
        pdf.set_draw_color(120, 120, 120)
        align = "CENTER"
        with pdf.table(
            col_widths=widths,
            line_height=size * 0.5,
            text_align="LEFT",
            align=align,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 240)),
        ) as tbl:
            for i, row in enumerate(rows):
                r = tbl.row()
                first = row[0] if row else ""
                bold = i == 0 or first.isupper() or first.startswith(("Sous-total", "Total"))
                pdf.set_font("F", "B" if bold else "", size)
                for j in range(ncols):
                    r.cell(row[j] if j < len(row) else "", align="C" if ncols > 6 and j else "L")
        pdf.ln(3)

    def block(blk):
        kind = blk[0]
        if kind == "title":
            pdf.set_text_color(*accent)
            para(blk[1], "B", base + 8, "C")
            pdf.set_text_color(0, 0, 0)
            if blk[2]:
                para(blk[2], "I", base + 1, "C")
            pdf.ln(5)
        elif kind == "h1":
            if pdf.get_y() > pdf.h - 45:
                pdf.add_page()
            pdf.ln(3)
            pdf.set_text_color(*accent)
            para(blk[1], "B", base + 3, "L")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1.5)
        elif kind == "h2":
            pdf.ln(1.5)
            para(blk[1], "B", base + 0.5, "L")
            pdf.ln(0.8)
        elif kind == "p":
            para(blk[1])
            pdf.ln(1.8)
        elif kind in ("bullets", "numbered"):
            for i, item in enumerate(blk[1], 1):
                mark = "•" if kind == "bullets" else f"{i}."
                pdf.set_font("F", "", base)
                y = pdf.get_y()
                pdf.set_x(pdf.l_margin + 3)
                pdf.cell(5, lh, mark)
                pdf.set_xy(pdf.l_margin + 8, y)
                pdf.multi_cell(
                    pdf.epw - 8, lh, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
                pdf.ln(0.6)
            pdf.ln(1.2)
        elif kind == "table":
            table(blk[1], blk[2], blk[3])
        elif kind == "note":
            para(blk[1], "I", base - 2.2)
            pdf.ln(1)
        elif kind == "sig":
            pdf.ln(4)
            for i, line in enumerate(blk[1]):
                para(line, "B" if i == 0 else "", base, "R")
        elif kind == "pagebreak":
            pdf.add_page()
        elif kind == "cols":
            with pdf.text_columns(ncols=2, gutter=8, text_align="J", balance=True) as cols:
                for sub in blk[1]:
                    if sub[0] in ("h1", "h2"):
                        pdf.set_font("F", "B", base + (2 if sub[0] == "h1" else 0.5))
                        pdf.set_text_color(*accent)
                        cols.write(sub[1] + "\n")
                        pdf.set_text_color(0, 0, 0)
                    elif sub[0] == "p":
                        pdf.set_font("F", "", base)
                        cols.write(sub[1] + "\n\n")
                    elif sub[0] == "bullets":
                        pdf.set_font("F", "", base)
                        for item in sub[1]:
                            cols.write("– " + item + "\n")
                        cols.write("\n")
            pdf.ln(2)
        else:
            raise ValueError(kind)

    for blk in expand(doc.blocks, doc):
        block(blk)
    return bytes(pdf.output())


# =========================================================================== scanned PDF (image only)


def render_scanned(doc: Doc, seed: int) -> bytes:
    """Pages drawn as pictures (a signed paper copy run through a scanner): no text layer."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    dpi = 90
    W, H = int(8.27 * dpi), int(11.69 * dpi)
    reg = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 14)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 16)
    big = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 19)
    margin = 70
    pages: list[Image.Image] = []
    img = draw = None
    y = 0

    def new_page():
        nonlocal img, draw, y
        img = Image.new("L", (W, H), 250)
        draw = ImageDraw.Draw(img)
        y = margin
        pages.append(img)

    def line(text, font, indent=0, gap=4):
        nonlocal y
        if y > H - margin - 20:
            new_page()
        draw.text((margin + indent, y), text, fill=rng.randint(15, 45), font=font)
        y += font.size + gap

    def wrap(text, font, indent=0, width_px=None):
        width_px = width_px or (W - 2 * margin - indent)
        avg = font.getlength("abcdefghij klmnopqrs") / 20
        for chunk in textwrap.wrap(text, max(20, int(width_px / avg))):
            line(chunk, font, indent)

    new_page()
    for blk in expand(doc.blocks, doc):
        k = blk[0]
        if k == "title":
            wrap(blk[1], big)
            if blk[2]:
                wrap(blk[2], reg)
            y += 14
        elif k in ("h1", "h2"):
            y += 8
            wrap(blk[1], bold)
            y += 2
        elif k in ("p", "note"):
            wrap(blk[1], reg)
            y += 6
        elif k in ("bullets", "numbered"):
            for item in blk[1]:
                wrap("- " + item, reg, 14)
            y += 6
        elif k == "table":
            for row in blk[1]:
                wrap(" | ".join(c for c in row if c), reg, 6)
            y += 6
        elif k == "sig":
            y += 10
            for ln in blk[1]:
                line(ln, reg, W // 2)
            # a handwritten-looking signature
            pts = [(W // 2 + 10 + i * 9, y + 10 + rng.randint(-9, 9)) for i in range(14)]
            draw.line(pts, fill=30, width=2)
            y += 40
        elif k == "pagebreak":
            new_page()
        elif k == "cols":
            for sub in blk[1]:
                wrap(sub[1] if sub[0] != "bullets" else " ".join(sub[1]), reg)
    out_pages = []
    for p in pages:
        p = p.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=235)
        noise = Image.effect_noise((W, H), 18).point(lambda v: 0 if v > 172 else 255)
        p = Image.composite(p, Image.new("L", (W, H), 205), noise.convert("L"))
        p = p.filter(ImageFilter.GaussianBlur(0.5))
        out_pages.append(p)
    buf = io.BytesIO()
    out_pages[0].save(
        buf,
        "PDF",
        save_all=True,
        append_images=out_pages[1:],
        resolution=dpi,
        quality=45,
        creationDate=time.gmtime(FIXED_DT.timestamp()),
        modDate=time.gmtime(FIXED_DT.timestamp()),
        producer="Canon iR-ADV C5535 PDF",
        title="Numérisation",
    )
    return buf.getvalue()


def render_png_logo(text: str, color: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (180, 48), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 40, 47], fill=color)
    d.text(
        (50, 12),
        text,
        fill=color,
        font=ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 16),
    )
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# =========================================================================== XLSX


def render_xlsx(doc: Doc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    b = doc.budget
    assert b is not None
    layout = doc.opts.get("layout", "messy")
    money = doc.opts.get("money", '#,##0.00 "€"')
    wb = Workbook()
    wb.properties.creator = doc.opts.get("author", "")
    wb.properties.created = wb.properties.modified = datetime(2022, 8, 18, 9, 30)
    ws = wb.active
    bold = Font(bold=True)
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    title = doc.opts.get("title", "Budget prévisionnel")

    cats = [c for c in CATEGORIES if b.by_cat(c)]
    if layout == "messy":
        # merged title, header on row 3, category merged in column A, subtotal formulas,
        # "Recettes" block to the right of the expenses
        ws.title = doc.opts.get("sheet", "Budget")
        ws.merge_cells("A1:F1")
        ws["A1"] = title
        ws["A1"].font = Font(bold=True, size=14)
        ws.merge_cells("A2:F2")
        ws["A2"] = doc.opts.get("subtitle", "Montants en euros, hors taxes")
        ws["A2"].font = Font(italic=True)
        head = ["Catégorie", "Poste", "Détail du calcul", "Quantité", "Coût unitaire", "Montant"]
        for j, h in enumerate(head, 1):
            c = ws.cell(3, j, h)
            c.font = bold
            c.fill = fill
            c.border = box
        r = 4
        subtotal_cells = []
        for cat in cats:
            first = r
            for x in b.by_cat(cat):
                ws.cell(r, 2, x.label)
                ws.cell(r, 3, x.detail)
                q = doc.opts.get("qty", {}).get(x.label)
                if q:
                    ws.cell(r, 4, q[0])
                    ws.cell(r, 5, q[1]).number_format = money
                    ws.cell(r, 6, f"=D{r}*E{r}")
                else:
                    ws.cell(r, 6, x.amount)
                ws.cell(r, 6).number_format = money
                for j in range(1, 7):
                    ws.cell(r, j).border = box
                r += 1
            ws.cell(r, 2, f"Sous-total {CAT_TITLES[cat].lower()}").font = bold
            ws.cell(r, 6, f"=SUM(F{first}:F{r - 1})").number_format = money
            ws.cell(r, 6).font = bold
            subtotal_cells.append(f"F{r}")
            ws.merge_cells(start_row=first, start_column=1, end_row=r, end_column=1)
            ws.cell(first, 1, CAT_TITLES[cat]).alignment = Alignment(
                vertical="center", wrap_text=True
            )
            ws.cell(first, 1).font = bold
            r += 1
        total_row = r + 1
        if b.shown_total is not None:
            ws.cell(total_row, 1, "TOTAL DES DÉPENSES").font = bold
            if b.declared_total is not None and abs(b.declared_total - b.sum_lines) > 0.005:
                ws.cell(total_row, 6, b.declared_total)
            else:
                ws.cell(total_row, 6, "=" + "+".join(subtotal_cells))
            ws.cell(total_row, 6).number_format = money
            ws.cell(total_row, 6).font = bold
        # Recettes on the right
        ws.merge_cells("H3:J3")
        ws["H3"] = "Recettes"
        ws["H3"].font = bold
        ws["H3"].fill = fill
        for j, h in enumerate(["Financeur", "Statut", "Montant"], 8):
            ws.cell(4, j, h).font = bold
        rr = 5
        for res in b.resources:
            ws.cell(rr, 8, res.label)
            ws.cell(rr, 9, res.status or res.nature)
            if res.anact and doc.opts.get("anact_formula"):
                others = "+".join(f"J{5 + i}" for i, x in enumerate(b.resources) if not x.anact)
                ws.cell(rr, 10, f"=F{total_row}-({others})")
            else:
                ws.cell(rr, 10, res.amount)
            ws.cell(rr, 10).number_format = money
            rr += 1
        ws.cell(rr, 8, "Total des recettes").font = bold
        ws.cell(rr, 10, f"=SUM(J5:J{rr - 1})").number_format = money
        ws.cell(rr, 10).font = bold
        for col, wdt in zip("ABCDEFGHIJ", [24, 38, 30, 9, 13, 14, 3, 34, 16, 14], strict=True):
            ws.column_dimensions[col].width = wdt
    elif layout == "two_sheets":
        ws.title = "Dépenses"
        ws["A1"] = title
        ws["A1"].font = Font(bold=True, size=13)
        for j, h in enumerate(["Poste de dépense", "Catégorie", "Détail", "Montant HT"], 1):
            ws.cell(2, j, h).font = bold
        r = 3
        for x in b.lines:
            ws.cell(r, 1, x.label)
            ws.cell(r, 2, CAT_TITLES[x.cat] if not x.ineligible else doc.opts.get("inel_cat", ""))
            ws.cell(r, 3, x.detail)
            ws.cell(r, 4, x.amount).number_format = money
            r += 1
        if b.shown_total is not None:
            ws.cell(r, 1, "Total").font = bold
            if b.declared_total is not None and abs(b.declared_total - b.sum_lines) > 0.005:
                ws.cell(r, 4, b.declared_total)
            else:
                ws.cell(r, 4, f"=SUM(D3:D{r - 1})")
            ws.cell(r, 4).number_format = money
        ws.column_dimensions["A"].width = 46
        ws.column_dimensions["B"].width = 34
        ws.column_dimensions["C"].width = 34
        ws.column_dimensions["D"].width = 14
        ws2 = wb.create_sheet("Ressources")
        ws2["A1"] = "Plan de financement"
        ws2["A1"].font = Font(bold=True, size=13)
        for j, h in enumerate(["Financeur", "Nature", "Statut", "Montant"], 1):
            ws2.cell(2, j, h).font = bold
        r2 = 3
        for res in b.resources:
            ws2.cell(r2, 1, res.label)
            ws2.cell(r2, 2, res.nature)
            ws2.cell(r2, 3, res.status)
            ws2.cell(r2, 4, res.amount).number_format = money
            r2 += 1
        ws2.cell(r2, 1, "Total").font = bold
        ws2.cell(r2, 4, f"=SUM(D3:D{r2 - 1})").number_format = money
        ws2.column_dimensions["A"].width = 44
        ws2.column_dimensions["B"].width = 18
        ws2.column_dimensions["C"].width = 16
        ws2.column_dimensions["D"].width = 14
    else:  # vertical: expenses then resources below, Anact as the difference
        ws.title = doc.opts.get("sheet", "Budget prévisionnel")
        ws.merge_cells("A1:C1")
        ws["A1"] = title
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = doc.opts.get("subtitle", "")
        r = 4
        ws.cell(r, 1, "DÉPENSES").font = bold
        ws.cell(r, 3, "Montant").font = bold
        r += 1
        starts = []
        for cat in cats:
            ws.cell(r, 1, CAT_TITLES[cat]).font = Font(bold=True, italic=True)
            r += 1
            first = r
            for x in b.by_cat(cat):
                ws.cell(r, 1, "   " + x.label)
                ws.cell(r, 2, x.detail)
                ws.cell(r, 3, x.amount).number_format = money
                r += 1
            starts.append((first, r - 1))
        total_row = r
        if b.shown_total is not None:
            ws.cell(r, 1, "Total des dépenses").font = bold
            if b.declared_total is not None and abs(b.declared_total - b.sum_lines) > 0.005:
                ws.cell(r, 3, b.declared_total)
            else:
                ws.cell(r, 3, "=" + "+".join(f"SUM(C{a}:C{z})" for a, z in starts))
            ws.cell(r, 3).number_format = money
            ws.cell(r, 3).font = bold
        r += 2
        ws.cell(r, 1, "RESSOURCES").font = bold
        r += 1
        first_res = r
        anact_row = None
        for res in b.resources:
            ws.cell(r, 1, res.label)
            ws.cell(r, 2, res.status or res.nature)
            if res.anact and doc.opts.get("anact_formula"):
                anact_row = r
            else:
                ws.cell(r, 3, res.amount)
            ws.cell(r, 3).number_format = money
            r += 1
        if anact_row is not None:
            others = "+".join(f"C{first_res + i}" for i, x in enumerate(b.resources) if not x.anact)
            ws.cell(anact_row, 3, f"=C{total_row}-({others})")
        ws.cell(r, 1, "Total des ressources").font = bold
        ws.cell(r, 3, f"=SUM(C{first_res}:C{r - 1})").number_format = money
        ws.column_dimensions["A"].width = 52
        ws.column_dimensions["B"].width = 36
        ws.column_dimensions["C"].width = 15
    buf = io.BytesIO()
    wb.save(buf)
    raw = fix_zip(buf.getvalue())
    # formulas get their cached values from LibreOffice (as when the file is saved by a
    # spreadsheet application)
    return soffice_convert(raw, "xlsx", "xlsx:Calc MS Excel 2007 XML", "xlsx")


# =========================================================================== files


MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "zip": "application/zip",
    "png": "image/png",
}


def render(doc: Doc, seed: int) -> bytes:
    f = doc.fmt
    if f == "docx":
        return render_docx(doc)
    if f == "docx_encrypted":
        return encrypt_docx(render_docx(doc))
    if f == "pdf":
        return render_pdf(doc)
    if f == "pdf_truncated":
        data = render_pdf(doc)
        return data[: int(len(data) * doc.opts.get("keep", 0.42))]
    if f == "pdf_lo":
        return soffice_convert(render_docx(doc), "docx", "pdf:writer_pdf_Export", "pdf")
    if f == "odt":
        return soffice_convert(render_docx(doc), "docx", "odt:writer8", "odt")
    if f == "doc":
        return soffice_convert(render_docx(doc), "docx", "doc:MS Word 97", "doc")
    if f == "pdf_scanned":
        return render_scanned(doc, seed)
    if f == "xlsx":
        return render_xlsx(doc)
    if f == "png":
        return render_png_logo(doc.opts.get("text", "logo"), doc.opts.get("color", (0, 90, 160)))
    raise ValueError(f)


def media_type(doc: Doc) -> str:
    if doc.media_type:
        return doc.media_type
    return MEDIA[doc.filename.rsplit(".", 1)[-1].lower()]


# =========================================================================== email


def _attach(msg: EmailMessage, doc: Doc, data: bytes) -> None:
    maintype, subtype = media_type(doc).split("/", 1)
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=doc.filename)


def _html(body: str, logo_cid: str = "") -> str:
    paras = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in body.split("\n\n") if p.strip())
    logo = (
        f'<p><img src="cid:{logo_cid}" alt="logo" width="180" height="48"></p>' if logo_cid else ""
    )
    return (
        '<html><head><meta charset="utf-8"></head><body style="font-family:Calibri,sans-serif">'
        f"{paras}{logo}</body></html>"
    )


def build_message(case: Case, files: list[tuple[Doc, bytes]], logo: bytes | None) -> EmailMessage:
    def envelope(m, sender, subject, date_, mid):
        m["From"] = sender
        m["To"] = "La Fabrique CTO <fabrique@anact.fr>"
        m["Subject"] = subject
        m["Date"] = date_
        m["Message-ID"] = mid
        m["MIME-Version"] = "1.0"

    msg = EmailMessage()
    envelope(msg, case.sender, case.subject, case.date, mid_of(case))
    if case.kind == "autoreply":
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(case.body)
    if case.html_body or logo is not None:
        cid = f"image001.png@{case.id}.01D8B2C4" if logo is not None else ""
        msg.add_alternative(_html(case.body, cid), subtype="html")
        if logo is not None:
            html_part = list(msg.iter_parts())[-1]
            html_part.add_related(
                logo, maintype="image", subtype="png", cid=f"<{cid}>", filename="image001.png"
            )
            list(html_part.iter_parts())[-1].replace_header(
                "Content-Disposition", 'inline; filename="image001.png"'
            )
    if case.container == "forward":
        inner = EmailMessage()
        fdomain = parseaddr(case.forward_from)[1].split("@")[-1]
        envelope(
            inner,
            case.forward_from,
            case.forward_subject,
            case.forward_date,
            f"<{hash_str(case.id + 'orig'):012x}@{fdomain}>",
        )
        del inner["To"]
        inner["To"] = case.sender
        inner.set_content(case.inner_body)
        for doc, data in files:
            _attach(inner, doc, data)
        msg.add_attachment(inner)
    elif case.container == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            folder = case.zip_folder.rstrip("/") + "/"
            zi = zipfile.ZipInfo(folder, FIXED_ZIP_TIME)
            zi.external_attr = 0o40755 << 16 | 0x10
            z.writestr(zi, b"")
            for doc, data in files:
                zi = zipfile.ZipInfo(folder + doc.filename, FIXED_ZIP_TIME)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                z.writestr(zi, data)
        msg.add_attachment(
            buf.getvalue(), maintype="application", subtype="zip", filename=case.zip_name
        )
    else:
        for doc, data in files:
            _attach(msg, doc, data)
    # deterministic boundaries
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{case.id.replace('-', '')}_{n:03d}")
    return msg


def encode_subject(raw: bytes, subject: str) -> bytes:
    """Write the Subject as RFC 2047 encoded words that keep every space.

    (The stdlib folder may drop the space between an ASCII word and an encoded word, so
    that a conforming decoder reads another subject than the one the case specifies.)"""
    from email.header import Header
    from email.parser import BytesHeaderParser

    head, sep, rest = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    out, skip = [], False
    for line in lines:
        if skip and line[:1] in (b" ", b"\t"):
            continue
        skip = False
        if line.lower().startswith(b"subject:"):
            skip = True
            if subject.isascii():
                value = subject
            else:
                value = Header(subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
            out.append(b"Subject: " + value.encode("ascii"))
            continue
        out.append(line)
    raw = b"\r\n".join(out) + sep + rest
    got = BytesHeaderParser(policy=policy.default).parsebytes(raw)["Subject"]
    assert str(got) == subject, (got, subject)
    return raw


def rfc2047_names(raw: bytes, case: Case) -> bytes:
    """Rewrite RFC 2231 parameters as RFC 2047 encoded words in quotes (as older mailers
    such as Outlook do) for the files that ask for it."""
    from email.header import Header
    from urllib.parse import quote

    for doc in case.docs:
        if not doc.opts.get("rfc2047_name"):
            continue
        q = ("utf-8''" + quote(doc.filename, safe="")).encode()
        enc = Header(doc.filename, "utf-8").encode().replace("\n", "").encode()
        assert q in raw, doc.filename
        raw = raw.replace(b"filename*=" + q, b'filename="' + enc + b'"')
        raw = raw.replace(b"name*=" + q, b'name="' + enc + b'"')
    return raw


def hash_str(s: str) -> int:
    return int(hashlib.sha256(s.encode()).hexdigest()[:12], 16)


def mid_of(case: Case) -> str:
    _, addr = parseaddr(case.sender)
    domain = addr.split("@")[-1]
    return f"<{hash_str(case.id + case.date):012x}.{case.id}@{domain}>"


# =========================================================================== labels


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.split())


def _ends_after_limit(end) -> bool:
    if end is None:
        return False
    if isinstance(end, date):
        return end > END_LIMIT
    # month-level statement ("déc. 2023", "T4 2023", "fin décembre 2023"): the project ends
    # within that month; a month after December 2023 is after the limit
    return tuple(end) > (END_LIMIT.year, END_LIMIT.month)


def flat_blocks(blocks: list[tuple]) -> list[tuple]:
    out = []
    for blk in blocks:
        out.extend(flat_blocks(blk[1]) if blk[0] == "cols" else [blk])
    return out


def label(case: Case) -> dict:
    """The expected dossier, by the contract's rules, from the case specification."""
    flags: list[dict] = []

    def flag(code: str, target: str = "", severity: str = "blocking") -> None:
        flags.append({"code": code, "target": target, "severity": severity})

    docs = case.docs
    readable = [d for d in docs if d.status == "parsed"]

    # message
    dt = parsedate_to_datetime(case.date)
    if dt > DEADLINE:
        flag("late_submission")
    s = norm(case.subject)
    if "fabrique cto" not in s and "manifestation d'interet" not in s:
        flag("subject_mismatch", severity="warning")

    # attachments
    if not docs:
        flag("no_proposal_document")
    for d in docs:
        if d.status == "scanned":
            flag("scanned_document", d.filename, "warning")
        elif d.status in ("encrypted", "unreadable", "unsupported"):
            flag("unreadable_attachment", d.filename, "warning")

    # sections: present where a readable file has the part with some content
    sections: dict[str, dict] = {}
    for sid in SECTION_IDS:
        src = next(
            (
                d.filename
                for d in readable
                for blk in flat_blocks(d.blocks)
                if blk[0] in ("h1", "h2") and sid in blk[2] and not blk[3]
            ),
            None,
        )
        sections[sid] = {"present": src is not None}
        if src:
            sections[sid]["source"] = src
        else:
            flag("missing_section", sid)

    # budget
    budgets = [d.budget for d in readable if d.budget is not None]
    budget: dict = {}
    if not budgets:
        flag("missing_budget")
        budget = {"total_cost": None, "anact_request": None}
    else:
        b = budgets[0]
        totals = {c: 0.0 for c in CATEGORIES}
        for x in b.lines:
            totals[x.label_cat] = round(totals[x.label_cat] + x.amount, 2)
        for cat, sev in (
            ("personnel", "blocking"),
            ("deplacements_logistique", "warning"),
            ("prestations", "warning"),
        ):
            if not any(x.label_cat == cat for x in b.lines):
                flag("missing_budget_item", cat, sev)
        if not b.cofin_lines:
            flag("missing_budget_item", "cofinancement")
        for x in b.lines:
            if x.ineligible:
                flag("ineligible_expense", x.label, "warning")
        if b.shown_total is not None and abs(b.shown_total - b.sum_lines) > 1.0:
            flag("budget_total_mismatch", severity="warning")
        total = b.total_cost
        if b.anact is not None and b.anact > CAP:
            flag("anact_request_over_cap")
        if not b.cofin_lines or b.cofin < MIN_SHARE * total - 1e-6:
            flag("cofinancing_below_minimum")
        budget = {
            "total_cost": round(total, 2),
            "anact_request": b.anact,
            "totals": totals,
        }
        if b.cofin_lines:
            budget["cofinancing"] = {
                "amount": b.cofin,
                "share": round(b.cofin / total, 4),
            }

    if _ends_after_limit(case.end) and sections["phasage"]["present"]:
        flag("project_end_after_limit")

    # names as written, less a leading article ("La Fabrique à Projets" -> "Fabrique à
    # Projets"): the scorer matches by containment, so a reader keeping the article matches
    partners = (
        [{"name": re.sub(r"^(La |Le |Les |L')", "", n)} for n, _ in case.partners]
        if sections["partenaires"]["present"]
        else []
    )

    attachments = [{"filename": d.filename, "status": d.status} for d in docs]
    if case.inline_logo:
        attachments.append({"filename": "image001.png", "status": "skipped"})

    blocking = any(f["severity"] == "blocking" for f in flags)
    if dt > DEADLINE:
        decision = "late"
    elif case.kind in ("question", "autoreply"):
        decision = "not_a_proposal"
    elif blocking and any(d.status != "parsed" for d in docs):
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"

    return {
        "case": case.title,
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": budget,
        "partners": partners,
        "attachments": attachments,
        "message": {
            "message_id": mid_of(case),
            "from": parseaddr(case.sender)[1],
            "subject": case.subject,
            "date": dt.isoformat(),
        },
    }


# =========================================================================== main


def main() -> int:
    CASES_DIR.mkdir(exist_ok=True)
    for old in CASES_DIR.glob("*"):
        old.unlink()
    cases = all_cases()
    for n, case in enumerate(cases):
        files = [(d, render(d, seed=1000 + n * 17 + i)) for i, d in enumerate(case.docs)]
        logo = render_png_logo(*case.inline_logo) if case.inline_logo else None
        msg = build_message(case, files, logo)
        raw = msg.as_bytes(policy=policy.default.clone(linesep="\r\n"))
        raw = rfc2047_names(raw, case)
        raw = encode_subject(raw, case.subject)
        (CASES_DIR / f"{case.id}.eml").write_bytes(raw)
        (CASES_DIR / f"{case.id}.expected.json").write_text(
            json.dumps(label(case), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        print(f"{case.id}: {len(raw) // 1024} KiB, {len(case.docs)} file(s)")
    # drop cache entries no case uses any more
    for path in CACHE.glob("*"):
        if path.name not in _used_cache:
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
