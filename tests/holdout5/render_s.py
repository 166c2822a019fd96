"""Rendering helpers for the h5s corpus (DOCX, PDF, ODT, XLSX, HTML, text extraction).

A document is a list of blocks:
  ("title", text) ("h", text) ("p", text) ("ul", [items]) ("table", header, rows)
"""

from __future__ import annotations

import html as htmlmod
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"


def eur(n: float, sep: str = " ", sym: str = " €") -> str:
    s = f"{n:,.0f}".replace(",", sep)
    return s + sym


# ----------------------------------------------------------------- DOCX
def docx_bytes(blocks, mode: str = "styled", font: str | None = None) -> bytes:
    """mode: styled (Heading 1/2), boldline (Normal paragraph with one bold run)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    if font:
        doc.styles["Normal"].font.name = font
        doc.styles["Normal"].font.size = Pt(10.5)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            if mode == "styled":
                doc.add_heading(b[1], level=0)
            else:
                p = doc.add_paragraph()
                r = p.add_run(b[1])
                r.bold = True
                r.font.size = Pt(15)
        elif kind == "h":
            if mode == "styled":
                doc.add_heading(b[1], level=b[2] if len(b) > 2 else 1)
            else:
                p = doc.add_paragraph()
                r = p.add_run(b[1])
                r.bold = True
        elif kind == "p":
            doc.add_paragraph(b[1])
        elif kind == "ul":
            for it in b[1]:
                doc.add_paragraph(it, style="List Bullet")
        elif kind == "table":
            header, rows = b[1], b[2]
            t = doc.add_table(rows=1, cols=len(header))
            t.style = "Table Grid"
            for i, h in enumerate(header):
                t.rows[0].cells[i].text = ""
                t.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
            for row in rows:
                cells = t.add_row().cells
                for i, v in enumerate(row):
                    cells[i].text = str(v)
        elif kind == "formtable":
            header, rows = b[1], b[2]
            t = doc.add_table(rows=1, cols=2)
            t.style = "Table Grid"
            for i, h in enumerate(header):
                t.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
            for q, answer in rows:
                cells = t.add_row().cells
                cells[0].paragraphs[0].add_run(q).bold = True
                paras = answer.split("\n")
                cells[1].paragraphs[0].text = paras[0]
                for extra in paras[1:]:
                    cells[1].add_paragraph(extra)
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ----------------------------------------------------------------- PDF (fpdf2)
def pdf_bytes(blocks, header_text: str = "", widths=None) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class P(FPDF):
        def header(self):
            if header_text:
                self.set_font("dv", "", 8)
                self.set_text_color(120)
                self.cell(0, 6, header_text, align="R")
                self.ln(8)
                self.set_text_color(0)

        def footer(self):
            self.set_y(-12)
            self.set_font("dv", "", 8)
            self.cell(0, 6, f"{self.page_no()}/{{nb}}", align="C")

    pdf = P(format="A4")
    pdf.add_font("dv", "", FONT_DIR + "DejaVuSans.ttf")
    pdf.add_font("dv", "B", FONT_DIR + "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for b in blocks:
        kind = b[0]
        if kind == "title":
            pdf.set_font("dv", "B", 15)
            pdf.multi_cell(0, 8, b[1])
            pdf.ln(3)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("dv", "B", 12)
            pdf.multi_cell(0, 7, b[1])
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("dv", "", 10)
            pdf.multi_cell(0, 5.2, b[1])
            pdf.ln(1.5)
        elif kind == "ul":
            pdf.set_font("dv", "", 10)
            for it in b[1]:
                pdf.set_x(pdf.l_margin + 5)
                pdf.multi_cell(0, 5.2, "\u2022 " + it)
            pdf.ln(1.5)
        elif kind == "table":
            header, rows = b[1], b[2]
            w = b[3] if len(b) > 3 else None
            pdf.set_font("dv", "", 9)
            with pdf.table(
                col_widths=w,
                headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                line_height=5,
                repeat_headings=1,
                text_align=tuple(["LEFT"] * (len(header) - 1) + ["RIGHT"]),
            ) as t:
                r = t.row()
                for h in header:
                    r.cell(h)
                for row in rows:
                    r = t.row()
                    for v in row:
                        r.cell(str(v))
            pdf.ln(3)
        else:
            raise ValueError(kind)
    return bytes(pdf.output())


# ----------------------------------------------------------------- ODT
def odt_bytes(blocks) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties, ParagraphProperties, TableColumnProperties
    from odf.text import H, P, List, ListItem
    from odf.table import Table, TableColumn, TableRow, TableCell

    doc = OpenDocumentText()
    hs = Style(name="Heading 2", family="paragraph")
    hs.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    hs.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
    doc.styles.addElement(hs)
    ts = Style(name="Title", family="paragraph")
    ts.addElement(TextProperties(fontsize="17pt", fontweight="bold"))
    doc.styles.addElement(ts)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            doc.text.addElement(P(stylename=ts, text=b[1]))
        elif kind == "h":
            doc.text.addElement(H(outlinelevel=2, stylename=hs, text=b[1]))
        elif kind == "p":
            doc.text.addElement(P(text=b[1]))
        elif kind == "ul":
            lst = List()
            for it in b[1]:
                li = ListItem()
                li.addElement(P(text=it))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif kind == "table":
            header, rows = b[1], b[2]
            t = Table(name=f"T{id(b) % 10000}")
            t.addElement(TableColumn(numbercolumnsrepeated=len(header)))
            for row in [header] + list(rows):
                tr = TableRow()
                for v in row:
                    tc = TableCell()
                    tc.addElement(P(text=str(v)))
                    tr.addElement(tc)
                t.addElement(tr)
            doc.text.addElement(t)
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


# ----------------------------------------------------------------- HTML
def html_fragment(blocks, hstyle: str = "h3") -> str:
    out = []
    for b in blocks:
        kind = b[0]
        e = htmlmod.escape
        if kind == "title":
            out.append(f"<h2>{e(b[1])}</h2>")
        elif kind == "h":
            if hstyle == "b":
                out.append(f"<p><b>{e(b[1])}</b></p>")
            else:
                out.append(f"<{hstyle}>{e(b[1])}</{hstyle}>")
        elif kind == "p":
            out.append(f"<p>{e(b[1])}</p>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in b[1]) + "</ul>")
        elif kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in r) + "</tr>" for r in b[2]
            )
            head = "<tr>" + "".join(f"<th>{e(h)}</th>" for h in b[1]) + "</tr>"
            out.append(f'<table border="1" cellpadding="4" style="border-collapse:collapse">{head}{rows}</table>')
    return "\n".join(out)


# ----------------------------------------------------------------- LibreOffice
def soffice_convert(data: bytes, src_ext: str, dst: str) -> bytes:
    """Convert bytes with LibreOffice; dst like 'pdf' or 'xlsx'."""
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / f"in.{src_ext}"
        src.write_bytes(data)
        out = Path(d) / "out"
        out.mkdir()
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{d}/profile", "--headless",
             "--convert-to", dst, "--outdir", str(out), str(src)],
            check=True, capture_output=True, timeout=180,
        )
        produced = list(out.iterdir())
        assert produced, "soffice produced nothing"
        return produced[0].read_bytes()


# ----------------------------------------------------------------- text extraction (checker)
def extract_text(name: str, data: bytes) -> str:
    low = name.lower()
    if low.endswith(".docx"):
        from docx import Document

        d = Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    parts.append(c.text)
        return "\n".join(parts)
    if low.endswith(".pdf"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                                  text=True, check=True).stdout + "\n" + subprocess.run(
                ["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    if low.endswith(".odt"):
        from odf.opendocument import load
        from odf import teletype
        from odf.text import P, H

        d = load(io.BytesIO(data))
        return "\n".join(teletype.extractText(e) for e in d.getElementsByType(H) + d.getElementsByType(P))
    if low.endswith(".xlsx"):
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), data_only=True)
        parts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                parts.append(" | ".join("" if v is None else str(v) for v in row))
        return "\n".join(parts)
    if low.endswith(".zip"):
        z = zipfile.ZipFile(io.BytesIO(data))
        return "\n".join(extract_text(n, z.read(n)) for n in z.namelist())
    if low.endswith((".html", ".htm")):
        t = re.sub(r"<[^>]+>", " ", data.decode("utf-8"))
        return htmlmod.unescape(t)
    if low.endswith((".txt", ".csv")):
        return data.decode("utf-8")
    return ""
