"""Holdout3 corpus, writer d: 11 proposals for "La Fabrique CTO" (h3d-01 .. h3d-11).

Deterministic generator: fixed dates, boundaries and Message-IDs. Each case is written
once as a specification (parts with their headings and bodies, budget lines, partners,
calendar, mail client); the documents are rendered from it and the label is computed from
it with the contract's rules (tests/holdout3/README_d.md lists the judgement calls).

Run with a virtualenv holding python-docx, openpyxl, fpdf2, odfpy:
    /tmp/h3venv-d/bin/python tests/holdout3/gen_d.py
LibreOffice (soffice) is used to export PDFs and to cache formula values in XLSX files.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import quopri
import re
import shutil
import subprocess
import sys
import unicodedata
from email.header import Header
from email.utils import parsedate_to_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3d-work")
LO_PROFILE = "file:///tmp/lo-d"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

DEADLINE = dt.datetime(2022, 8, 23, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=2)))
END_LIMIT = "2023-12-30"
CAP = 80000.0
MIN_SHARE = 0.20
SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
ELIGIBLE = ("personnel", "deplacements_logistique", "prestations")


# =========================================================================== helpers

def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def ws(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def first_words(text: str, n: int = 6) -> str:
    return " ".join(ws(text).split()[:n])


def eur(x: float) -> str:
    """French amount: 12 500 € (narrow no-break spaces avoided: plain spaces)."""
    if abs(x - round(x)) < 1e-9:
        s = f"{int(round(x)):,}".replace(",", " ")
    else:
        s = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return s + " €"


def soffice(args: list[str], cwd: Path) -> None:
    cmd = ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless"] + args
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, timeout=240)


def lo_convert(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    soffice(["--convert-to", fmt, "--outdir", str(outdir), str(src)], src.parent)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    data = out.read_bytes()
    out.write_bytes(fix_pdf(data) if ext == "pdf" else fix_zip(data))
    return out


def fix_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/ODF zip with fixed entry dates and fixed document dates, so that
    the generator's output does not depend on when it runs."""
    import io
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                text = blob.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              r"\g<1>2022-08-18T17:30:00Z", text)
                text = re.sub(r"(<(?:meta:creation-date|dc:date)>)[^<]*",
                              r"\g<1>2022-08-18T17:30:00", text)
                blob = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(2022, 8, 18, 17, 30, 0))
            zi.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                else zipfile.ZIP_DEFLATED)
            zi.external_attr = info.external_attr
            dst.writestr(zi, blob)
    return out.getvalue()


def fix_pdf(data: bytes) -> bytes:
    """Fixed dates and document ID in a LibreOffice PDF (same-length replacements, so the
    cross-reference offsets stay valid)."""
    def same_len(fixed: bytes):
        def rep(m):
            old = m.group(2)
            return m.group(1) + fixed[:len(old)].ljust(len(old), b" ") + m.group(3)
        return rep
    data = re.sub(rb"(/(?:CreationDate|ModDate)\()(D:[^)]*)(\))",
                  same_len(b"D:20220818173000+02'00'"), data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(<)",
                  same_len(b"2022-08-18T17:30:00+02:00"), data)
    data = re.sub(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>)", same_len(b"A" * 64), data)
    data = re.sub(rb"(/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<)([0-9A-Fa-f]+)(>)",
                  same_len(b"B" * 64), data)
    return data


def lo_recalc_xlsx(path: Path) -> bytes:
    """Let LibreOffice compute and cache the formulas' values (xlsx -> xlsx)."""
    out = lo_convert(path, "xlsx:Calc MS Excel 2007 XML", path.parent / "lo")
    return out.read_bytes()


# =========================================================================== budget

class Budget:
    """Expense lines (label, category, amount), resources (label, amount, kind)."""

    def __init__(self, lines, resources, declared_total=None, anact=None):
        self.lines = lines            # [(label, category, amount)]
        self.resources = resources    # [(label, amount)] co-financing (not Anact)
        self.declared_total = declared_total
        self.anact = anact

    def totals(self):
        t = {c: 0.0 for c in ("personnel", "deplacements_logistique", "prestations", "autre")}
        for _, cat, amount in self.lines:
            t[cat] += float(amount)
        return t

    def lines_sum(self):
        return float(sum(a for _, _, a in self.lines))

    def total_cost(self):
        return float(self.declared_total) if self.declared_total is not None else self.lines_sum()

    def cofin(self):
        return float(sum(a for _, a in self.resources))

    def label(self):
        out = {
            "total_cost": self.total_cost(),
            "anact_request": float(self.anact) if self.anact is not None else None,
            "totals": self.totals(),
        }
        if self.resources:
            amount = self.cofin()
            out["cofinancing"] = {"amount": amount, "share": round(amount / self.total_cost(), 4)}
        return out


# =========================================================================== documents

class Part:
    """A part of a document: a heading and blocks. ids: the section ids it opens."""

    def __init__(self, ids, heading, blocks, level=1, label_heading=None):
        self.ids = list(ids)
        self.heading = heading
        self.blocks = blocks
        self.level = level
        self.label_heading = label_heading if label_heading is not None else heading


def block_text(block) -> str:
    kind = block[0]
    if kind == "p":
        return block[1]
    if kind in ("ul", "ol"):
        return block[1][0]
    if kind == "table":
        return " ".join(block[1][0])
    raise ValueError(kind)


def blocks_plain(blocks) -> list[str]:
    out = []
    for b in blocks:
        if b[0] == "p":
            out.append(b[1])
        elif b[0] in ("ul", "ol"):
            out.extend(b[1])
        elif b[0] == "table":
            out.extend(" | ".join(r) for r in b[1])
    return out


# ---------------------------------------------------------------- fpdf2 renderers

def fpdf_doc(title_lines, parts, style, path: Path, footer=None):
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class Doc(FPDF):
        def footer(self):
            if footer:
                self.set_y(-12)
                self.set_font("body", "", 8)
                self.set_text_color(120, 120, 120)
                self.cell(0, 6, f"{footer} - page {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    pdf.set_creation_date(dt.datetime(2022, 8, 10, 9, 0, tzinfo=dt.timezone.utc))
    pdf.set_author(style.get("author", ""))
    pdf.set_title(style.get("title", ""))
    fam = style.get("family", "DejaVuSans")
    pdf.add_font("body", "", str(FONT_DIR / f"{fam}.ttf"))
    pdf.add_font("body", "B", str(FONT_DIR / f"{fam}-Bold.ttf"))
    pdf.add_font("body", "I", str(FONT_DIR / (f"{fam}-Oblique.ttf" if "Sans" in fam else f"{fam}-Italic.ttf")))
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("body", "B", 16)
    pdf.set_text_color(*style.get("title_color", (0, 0, 0)))
    for line in title_lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    hcol = style.get("heading_color", (0, 0, 0))
    hstyle = style.get("heading_style", "B")
    hsize = style.get("heading_size", 12.5)
    for part in parts:
        pdf.ln(3)
        pdf.set_text_color(*hcol)
        pdf.set_font("body", hstyle if part.level == 1 else "B", hsize if part.level == 1 else 11)
        if pdf.get_y() > 250:
            pdf.add_page()
        pdf.multi_cell(0, 7, part.heading, new_x="LMARGIN", new_y="NEXT")
        if style.get("rule"):
            pdf.set_draw_color(*hcol)
            pdf.line(20, pdf.get_y(), 190, pdf.get_y())
        pdf.ln(1.5)
        pdf.set_text_color(20, 20, 20)
        pdf.set_font("body", "", 10)
        for b in part.blocks:
            if b[0] == "p":
                pdf.multi_cell(0, 5.2, b[1], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
            elif b[0] in ("ul", "ol"):
                for i, item in enumerate(b[1], 1):
                    mark = "-" if b[0] == "ul" else f"{i}."
                    pdf.set_x(25)
                    pdf.cell(6, 5.2, mark)
                    pdf.multi_cell(0, 5.2, item, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
            elif b[0] == "table":
                rows = b[1]
                widths = b[2] if len(b) > 2 else None
                aligns = b[3] if len(b) > 3 else None
                pdf.set_font("body", "", 9)
                kw = dict(line_height=5, first_row_as_headings=True,
                          headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)))
                if widths:
                    kw["col_widths"] = widths
                if aligns:
                    kw["text_align"] = aligns
                with pdf.table(**kw) as table:
                    for r in rows:
                        row = table.row()
                        for c in r:
                            row.cell(c)
                pdf.set_font("body", "", 10)
                pdf.ln(2)
    pdf.output(str(path))
    return path.read_bytes()


def fpdf_slides(cover, slides, path: Path, footer: str, accent=(0, 92, 120)):
    """A slide-deck-like PDF: one part per page (16:9 landscape)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", unit="mm", format=(142.9, 254))
    pdf.set_creation_date(dt.datetime(2022, 8, 17, 16, 0, tzinfo=dt.timezone.utc))
    pdf.add_font("s", "", str(FONT_DIR / "DejaVuSansCondensed.ttf"))
    pdf.add_font("s", "B", str(FONT_DIR / "DejaVuSansCondensed-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.set_margins(16, 12, 16)
    # cover
    pdf.add_page()
    pdf.set_fill_color(*accent)
    pdf.rect(0, 0, 254, 142.9, "F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_y(40)
    pdf.set_font("s", "B", 26)
    pdf.multi_cell(0, 12, cover[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("s", "", 14)
    for line in cover[1:]:
        pdf.multi_cell(0, 8, line, align="C", new_x="LMARGIN", new_y="NEXT")
    for n, part in enumerate(slides, 2):
        pdf.add_page()
        pdf.set_fill_color(*accent)
        pdf.rect(0, 0, 254, 22, "F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("s", "B", 20)
        pdf.set_xy(16, 6)
        pdf.cell(0, 10, part.heading)
        pdf.set_text_color(30, 30, 30)
        pdf.set_y(30)
        for b in part.blocks:
            if b[0] == "p":
                pdf.set_font("s", "", 12)
                pdf.multi_cell(0, 6.5, b[1], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif b[0] in ("ul", "ol"):
                pdf.set_font("s", "", 12)
                for item in b[1]:
                    pdf.set_x(20)
                    pdf.cell(6, 6.5, "\u2022")
                    pdf.multi_cell(0, 6.5, item, new_x="LMARGIN", new_y="NEXT")
                    pdf.ln(1.2)
            elif b[0] == "table":
                pdf.set_font("s", "", 10)
                kw = dict(line_height=5.5, first_row_as_headings=True,
                          headings_style=FontFace(emphasis="BOLD", color=(255, 255, 255),
                                                  fill_color=accent),
                          cell_fill_color=(232, 241, 244), cell_fill_mode="ROWS")
                pdf.set_fill_color(255, 255, 255)
                if len(b) > 2 and b[2]:
                    kw["col_widths"] = b[2]
                if len(b) > 3 and b[3]:
                    kw["text_align"] = b[3]
                with pdf.table(**kw) as table:
                    for r in b[1]:
                        row = table.row()
                        for c in r:
                            row.cell(c)
                pdf.ln(2)
        pdf.set_font("s", "", 8)
        pdf.set_text_color(130, 130, 130)
        pdf.set_xy(16, 134)
        pdf.cell(0, 5, f"{footer}   |   {n}")
    pdf.output(str(path))
    return path.read_bytes()


# ---------------------------------------------------------------- docx renderer

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _qn(tag):
    from docx.oxml.ns import qn
    return qn(tag)


def docx_set_numpr(paragraph, num_id, ilvl=0):
    from docx.oxml import OxmlElement
    pPr = paragraph._p.get_or_add_pPr()
    numPr = OxmlElement("w:numPr")
    il = OxmlElement("w:ilvl")
    il.set(_qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(_qn("w:val"), str(num_id))
    numPr.append(il)
    numPr.append(nid)
    pPr.insert(0, numPr) if len(pPr) == 0 else pPr.append(numPr)


def docx_core(doc, author, title):
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.created = dt.datetime(2022, 8, 8, 9, 0, 0)
    cp.modified = dt.datetime(2022, 8, 18, 17, 30, 0)
    cp.revision = 3


def docx_blocks(doc, blocks, table_style="Table Grid"):
    from docx.shared import Pt
    for b in blocks:
        if b[0] == "p":
            doc.add_paragraph(b[1])
        elif b[0] == "ul":
            for item in b[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif b[0] == "ol":
            for item in b[1]:
                doc.add_paragraph(item, style="List Number 2")
        elif b[0] == "table":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = table_style
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    cell = t.cell(i, j)
                    cell.text = c
                    if i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
                            run.font.size = Pt(10)
            doc.add_paragraph("")


def docx_text(data: bytes) -> str:
    import io

    import docx
    d = docx.Document(io.BytesIO(data))
    out = []
    body = d.element.body
    for child in body.iterchildren():
        if child.tag == _qn("w:p"):
            out.append("".join(t.text or "" for t in child.iter(_qn("w:t"))))
        elif child.tag == _qn("w:tbl"):
            for tc in child.iter(_qn("w:tc")):
                out.append("".join(t.text or "" for t in tc.iter(_qn("w:t"))))
    return "\n".join(out)


# =========================================================================== MIME

def b64lines(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def b64lines72(data: bytes) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 72] for i in range(0, len(s), 72))


def qp(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    return quopri.encodestring(raw).decode("ascii")


def h2047(text: str, charset="utf-8", enc="Q") -> str:
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        pass
    if enc == "B":
        return Header(text, charset, maxlinelen=76).encode()
    # Q-encoding like Outlook / Thunderbird
    return Header(text, charset, maxlinelen=76).encode() if charset == "utf-8" and False else \
        _q_encode(text, charset)


def _q_encode(text: str, charset: str) -> str:
    """RFC 2047 Q encoded-words, never splitting a character across two words."""
    toks = []
    for ch in text:
        if ch == " ":
            toks.append("_")
        elif (ch.isascii() and ch.isalnum()) or ch in "-.!*+/":
            toks.append(ch)
        else:
            toks.append("".join(f"={byte:02X}" for byte in ch.encode(charset)))
    words, cur = [], ""
    for tok in toks:
        if len(cur) + len(tok) > 45:
            words.append(cur)
            cur = ""
        cur += tok
    if cur:
        words.append(cur)
    return "\n ".join(f"=?{charset}?Q?{w}?=" for w in words)


def _b_encode(text: str, charset: str = "UTF-8") -> str:
    """RFC 2047 B encoded-words (whole characters per word), as Gmail writes them."""
    words, cur = [], b""
    for ch in text:
        raw = ch.encode(charset)
        if len(cur) + len(raw) > 45:
            words.append(cur)
            cur = b""
        cur += raw
    if cur:
        words.append(cur)
    return " ".join(f"=?{charset}?B?{base64.b64encode(w).decode()}?=" for w in words)


def rfc2231(name: str, param="filename") -> str:
    from urllib.parse import quote
    try:
        name.encode("ascii")
        return f'{param}="{name}"'
    except UnicodeEncodeError:
        return f"{param}*=utf-8''{quote(name, safe='')}"


class Leaf:
    def __init__(self, headers: list[str], body: str):
        self.headers = headers
        self.body = body

    def render(self) -> str:
        return "\n".join(self.headers) + "\n\n" + self.body.rstrip("\n") + "\n"


class Multi:
    def __init__(self, subtype: str, boundary: str, parts: list, extra: str = "",
                 preamble: str = ""):
        self.subtype = subtype
        self.boundary = boundary
        self.parts = parts
        self.extra = extra
        self.preamble = preamble
        self.headers = [f'Content-Type: multipart/{subtype};{extra}\n\tboundary="{boundary}"']

    def render(self) -> str:
        out = ["\n".join(self.headers), ""]
        if self.preamble:
            out.append(self.preamble)
            out.append("")
        for p in self.parts:
            out.append(f"--{self.boundary}")
            out.append(p.render())
        out.append(f"--{self.boundary}--")
        return "\n".join(out) + "\n"


def message(top_headers: list[str], root) -> bytes:
    text = "\n".join(top_headers) + "\n" + root.render()
    return text.encode("ascii")


def text_leaf(text: str, charset="utf-8", cte="quoted-printable", subtype="plain",
              flowed=False, extra_headers=()) -> Leaf:
    ct = f"Content-Type: text/{subtype}; charset={charset}" if subtype == "html" or not flowed \
        else f"Content-Type: text/{subtype}; charset={charset}; format=flowed"
    if cte == "quoted-printable":
        body = qp(text, charset)
    elif cte == "base64":
        body = b64lines(text.encode(charset))
    elif cte == "8bit":
        raise ValueError("8bit bodies not used (ascii eml)")
    else:
        text.encode("ascii")
        body = text
    return Leaf([ct, *extra_headers, f"Content-Transfer-Encoding: {cte}"], body)


def file_leaf(data: bytes, filename: str, mime: str, style="std", disposition="attachment",
              cid=None) -> Leaf:
    """style picks how a client writes the name: std (ASCII), rfc2231, rfc2047 (Q/B)."""
    if style == "rfc2231":
        name_ct = rfc2231(filename, "name")
        name_cd = rfc2231(filename, "filename")
        hdrs = [f"Content-Type: {mime};\n\t{name_ct}",
                f"Content-Disposition: {disposition};\n\t{name_cd}"]
    elif style == "rfc2047q":
        enc = _q_encode(filename, "iso-8859-1")
        hdrs = [f'Content-Type: {mime};\n\tname="{enc}"',
                f'Content-Disposition: {disposition};\n\tfilename="{enc}"']
    elif style == "rfc2047b":
        enc = _b_encode(filename)
        hdrs = [f'Content-Type: {mime}; name="{enc}"',
                f'Content-Disposition: {disposition}; filename="{enc}"']
    elif style == "apple":
        name_cd = rfc2231(filename, "filename")
        name_ct = rfc2231(filename, "name")
        hdrs = [f"Content-Disposition: {disposition};\n\t{name_cd}",
                f"Content-Type: {mime};\n\tx-unix-mode=0644;\n\t{name_ct}"]
    else:
        hdrs = [f'Content-Type: {mime}; name="{filename}"',
                f'Content-Disposition: {disposition}; filename="{filename}"']
    if cid:
        hdrs.append(f"Content-ID: <{cid}>")
    hdrs.append("Content-Transfer-Encoding: base64")
    return Leaf(hdrs, b64lines(data))


MIME_PDF = "application/pdf"
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_ODT = "application/vnd.oasis.opendocument.text"


def tiny_png(color=(0, 90, 140), size=(120, 40)) -> bytes:
    import io

    from PIL import Image, ImageDraw
    img = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([4, 4, size[0] - 5, size[1] - 5], outline=color, width=3)
    d.rectangle([10, 12, 40, size[1] - 12], fill=color)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


# =========================================================================== labels

def text_of(filename: str, data: bytes) -> str:
    low = filename.lower()
    if low.endswith(".pdf"):
        tmp = WORK / "_check.pdf"
        tmp.write_bytes(data)
        return subprocess.run(["pdftotext", "-layout", str(tmp), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
    if low.endswith(".docx"):
        return docx_text(data)
    if low.endswith(".odt"):
        from odf import teletype
        from odf.opendocument import load
        import io
        d = load(io.BytesIO(data))
        return teletype.extractText(d.text)
    if low.endswith(".xlsx"):
        import io

        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        return "\n".join(" ".join(str(c) for c in row if c is not None)
                         for ws_ in wb.worksheets for row in ws_.iter_rows(values_only=True))
    raise ValueError(filename)


def compute_label(case: dict) -> dict:
    sections = {sid: {"present": False} for sid in SECTION_IDS}
    for source, parts in case["described"]:
        for part in parts:
            for sid in part.ids:
                assert not sections[sid]["present"], (case["id"], sid)
                sections[sid] = {
                    "present": True,
                    "source": source,
                    "heading": part.label_heading,
                    "body_start": first_words(block_text(part.blocks[0]), 6),
                }
    flags = []
    if case.get("no_document"):
        flags.append(("no_proposal_document", "", "blocking"))
    for sid in SECTION_IDS:
        if not sections[sid]["present"]:
            flags.append(("missing_section", sid, "blocking"))
    budget = case.get("budget")
    if budget is None:
        flags.append(("missing_budget", "", "blocking"))
        budget_label = {"total_cost": None, "anact_request": None}
    else:
        budget_label = budget.label()
        t = budget.totals()
        present = {cat for _, cat, _ in budget.lines}
        if "personnel" not in present:
            flags.append(("missing_budget_item", "personnel", "blocking"))
        if not budget.resources:
            flags.append(("missing_budget_item", "cofinancement", "blocking"))
        for cat in ("deplacements_logistique", "prestations"):
            if cat not in present:
                flags.append(("missing_budget_item", cat, "warning"))
        if budget.declared_total is not None and abs(budget.declared_total - budget.lines_sum()) > 1:
            flags.append(("budget_total_mismatch", "", "warning"))
        if budget.anact is not None and budget.anact > CAP:
            flags.append(("anact_request_over_cap", "", "blocking"))
        if budget.resources and budget.cofin() / budget.total_cost() < MIN_SHARE - 1e-12:
            flags.append(("cofinancing_below_minimum", "", "blocking"))
        for label, cat, _ in budget.lines:
            if cat == "autre":
                flags.append(("ineligible_expense", label, "warning"))
        assert abs(sum(t.values()) - budget.lines_sum()) < 1e-6
    date = parsedate_to_datetime(case["date"])
    if date > DEADLINE:
        flags.append(("late_submission", "", "blocking"))
    proj = case.get("project")
    if proj:
        end = proj["end"]
        after = end > END_LIMIT if len(end) == 10 else end > END_LIMIT[:7]
        if after:
            flags.append(("project_end_after_limit", "", "blocking"))
    subj = norm(case["subject"])
    if "fabrique cto" not in subj and "manifestation d'interet" not in subj:
        flags.append(("subject_mismatch", "", "warning"))
    statuses = [a[1] for a in case["attachments"]]
    blocking = any(f[2] == "blocking" for f in flags)
    if date > DEADLINE:
        decision = "late"
    elif case.get("not_a_proposal"):
        decision = "not_a_proposal"
    elif blocking and any(s in ("scanned", "encrypted", "unreadable") for s in statuses):
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    label = {
        "case": case["case"],
        "decision": decision,
        "flags": [{"code": c, "target": t, "severity": s} for c, t, s in flags],
        "sections": sections,
        "budget": budget_label,
        "partners": [{"name": n} for n in case["partners"]],
        "attachments": [{"filename": f, "status": s} for f, s in case["attachments"]],
        "message": {
            "message_id": case["message_id"],
            "from": case["sender"],
            "subject": case["subject"],
            "date": date.isoformat(),
        },
    }
    if proj:
        label["project"] = proj
    return label


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def project(start: str, end: str, stated: int | None = None) -> dict:
    n = months_between(start, end)
    if stated is not None:
        assert stated == n, (start, end, stated, n)
    return {"start": start, "end": end, "duration_months": n}


# =========================================================================== cases

CASE_BUILDERS = []


def case(fn):
    CASE_BUILDERS.append(fn)
    return fn


def budget_rows(b: Budget, cat_titles: dict, with_cat_subtotals=True):
    """Rows for a budget table (label, amount) with category subtotal rows."""
    rows = []
    for cat in ("personnel", "deplacements_logistique", "prestations", "autre"):
        lines = [ln for ln in b.lines if ln[1] == cat]
        if not lines:
            continue
        if with_cat_subtotals:
            rows.append([cat_titles[cat], eur(sum(a for _, _, a in lines))])
            for label, _, a in lines:
                rows.append(["dont " + label, eur(a)])
        else:
            for label, _, a in lines:
                rows.append([label, eur(a)])
    return rows


# --------------------------------------------------------------------------- h3d-01
@case
def c01():
    """Consultancy, fpdf2 PDF with bold blue numbered headings; partners in sentences;
    calendar in quarters 'T4 2022 – T3 2023'; co-financing exactly 20 %."""
    cid = "h3d-01"
    b = Budget(
        lines=[
            ("Consultante senior ergonome – 40 jours × 650 €", "personnel", 26000),
            ("Chargé d'études – 30 jours × 450 €", "personnel", 13500),
            ("Déplacements Lyon / Grenoble / Saint-Étienne", "deplacements_logistique", 2800),
            ("Location de salles et restauration des ateliers", "deplacements_logistique", 1700),
            ("Facilitation graphique (prestataire)", "prestations", 4000),
            ("Conception du kit numérique (studio de design)", "prestations", 6000),
        ],
        resources=[("Autofinancement AEN Conseil", 10800)],
        declared_total=54000, anact=43200,
    )
    assert b.lines_sum() == 54000 and b.anact + b.cofin() == 54000
    assert round(b.cofin() / b.total_cost(), 4) == 0.2
    partners = ["Aract Auvergne-Rhône-Alpes", "CPME du Rhône", "laboratoire EVS"]
    parts = [
        Part(["contexte"], "1 — D'où nous partons", [
            ("p", "Depuis 2019, notre cabinet accompagne une trentaine de PME industrielles "
                  "du Rhône et de l'Isère dans le déploiement de progiciels de gestion et "
                  "d'outils de suivi de production. Dans presque toutes, les représentants du "
                  "personnel découvrent les outils au moment de leur mise en service, quand "
                  "les choix d'organisation sont déjà faits."),
            ("p", "Les remontées des CSE que nous rencontrons sont convergentes : pertes de "
                  "marges de manœuvre, traçabilité vécue comme un contrôle, double saisie. "
                  "Le dialogue sur ces sujets reste rare, faute de méthode partagée."),
        ]),
        Part(["objectifs"], "2 — Ce que nous voulons atteindre", [
            ("p", "Nous voulons outiller le dialogue entre directions, élus et salariés "
                  "avant, pendant et après l'arrivée d'un outil numérique de production."),
            ("ul", ["construire avec six PME une méthode d'« essai concerté » des outils ;",
                    "former les élus de CSE à lire un cahier des charges fonctionnel ;",
                    "faire des fournisseurs de solutions des parties prenantes du dialogue."]),
        ]),
        Part(["problematique"], "3 — La question qui nous occupe", [
            ("p", "Comment faire du choix et du paramétrage d'un outil numérique un objet de "
                  "dialogue social dans une PME qui n'a ni service RH étoffé ni DSI, et où "
                  "le calendrier est imposé par l'éditeur ?"),
        ]),
        Part(["cibles"], "4 — Pour qui ?", [
            ("p", "Le projet s'adresse aux PME industrielles de 50 à 250 salariés engagées "
                  "dans un projet de MES ou d'ERP, à leurs dirigeants, à leurs élus de CSE "
                  "et aux équipes d'atelier concernées. Six entreprises sont pressenties."),
        ]),
        Part(["methodologie"], "5 — Comment nous allons procéder", [
            ("p", "La démarche repose sur des « essais concertés » : avant tout déploiement, "
                  "un groupe mixte (direction, élus, opérateurs, éditeur) teste l'outil sur "
                  "des situations de travail réelles et formule des ajustements."),
            ("p", "Chaque essai est préparé par une analyse de l'activité menée par nos "
                  "ergonomes et donne lieu à un compte rendu partagé."),
        ]),
        Part(["phasage"], "6 — Étapes et calendrier", [
            ("p", "Le projet s'étend sur la période T4 2022 – T3 2023, en trois temps :"),
            ("ul", ["T4 2022 : recrutement des six PME, diagnostics d'activité ;",
                    "T1 – T2 2023 : essais concertés dans chaque entreprise, formation des élus ;",
                    "T3 2023 : capitalisation, kit numérique et séminaire régional."]),
        ]),
        Part(["pilotage"], "7 — Gouvernance du projet", [
            ("p", "Un comité de pilotage réunit tous les trimestres AEN Conseil, l'Aract, la "
                  "CPME du Rhône et un représentant des élus de chaque entreprise. Une équipe "
                  "projet hebdomadaire suit l'avancement opérationnel."),
        ]),
        Part(["resultats"], "8 — Ce que le projet produira", [
            ("p", "Nous attendons six essais concertés documentés, une trentaine d'élus "
                  "formés, et un kit numérique « Essayer avant de déployer » comprenant "
                  "grilles d'observation, trames de compte rendu et vidéos courtes."),
        ]),
        Part(["perennisation"], "9 — Et après ? Faire durer et essaimer", [
            ("p", "Le kit sera publié sous licence ouverte et présenté aux réseaux de la "
                  "CPME et de l'Aract. Les entreprises volontaires deviendront "
                  "« ambassadrices » auprès d'autres PME de leur bassin d'emploi."),
        ]),
        Part(["partenaires"], "10 — Avec qui ?", [
            ("p", "L'Aract Auvergne-Rhône-Alpes apportera son expertise sur les conditions "
                  "de travail et co-animera la formation des élus. La CPME du Rhône "
                  "mobilisera les entreprises de son réseau et accueillera le séminaire "
                  "final. Le laboratoire EVS (Université Lyon 2) assurera un regard "
                  "réflexif sur la démarche et l'analyse des entretiens."),
        ]),
    ]
    brows = [["Poste de dépense", "Montant HT"]]
    for label, _, a in b.lines:
        brows.append([label, eur(a)])
    brows.append(["Total du projet", eur(b.total_cost())])
    budget_part = Part([], "11 — Budget prévisionnel", [
        ("p", "Les montants sont indiqués hors taxes."),
        ("table", brows, (120, 50), ("LEFT", "RIGHT")),
        ("p", f"Financement demandé à l'Anact : {eur(b.anact)}. Autofinancement AEN Conseil : "
              f"{eur(b.cofin())}, soit 20 % du coût total."),
    ])
    WORK.mkdir(parents=True, exist_ok=True)
    fname = "AEN-Conseil_Essais-concertes_Fabrique-CTO.pdf"
    pdf = fpdf_doc(["Essais concertés : dialoguer avant de déployer",
                    "Proposition d'AEN Conseil – AMI La Fabrique CTO"],
                   parts + [budget_part],
                   {"heading_color": (0, 70, 150), "heading_style": "B", "rule": True,
                    "author": "AEN Conseil", "title": "Essais concertés"},
                   WORK / fname, footer="AEN Conseil - août 2022")
    sender = "claire.vasseur@aen-conseil.fr"
    subject = "AMI La Fabrique CTO – candidature AEN Conseil"
    date = "Thu, 18 Aug 2022 16:42:09 +0200"
    msgid = "<7c1e2f0a-3b55-4d2e-9a61-0f3c2d7e5b11@aen-conseil.fr>"
    body = ("Bonjour,\n\nVeuillez trouver ci-joint la proposition d'AEN Conseil en réponse à "
            "l'appel à manifestation d'intérêt « Développer le dialogue social technologique "
            "au travail ».\nLe document comprend la description du projet, le budget et "
            "nos partenaires.\n\nBien cordialement,\n\n-- \nClaire Vasseur\nDirectrice associée\n"
            "AEN Conseil – 12 rue de la Charité, 69002 Lyon\n04 78 00 00 00\n")
    root = Multi("mixed", "------------X9pQdL0hVh3M5b2tTzQ0Cq1B", [
        text_leaf(body, "UTF-8", "quoted-printable", flowed=True),
        file_leaf(pdf, fname, MIME_PDF),
    ])
    root.preamble = "This is a multi-part message in MIME format."
    headers = [
        "Content-Type-Placeholder",
    ]
    top = [
        f"Message-ID: {msgid}",
        f"Date: {date}",
        "MIME-Version: 1.0",
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101\n Thunderbird/91.12.0",
        "Content-Language: fr",
        "To: fabrique@anact.fr",
        f"From: Claire Vasseur <{sender}>",
        f"Subject: {h2047(subject)}",
    ]
    del headers
    return dict(
        id=cid, case="Cabinet conseil, PDF fpdf2 à intertitres gras bleus numérotés en ses propres "
                     "mots, partenaires en phrases, calendrier en trimestres, cofinancement à 20 % pile",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: pdf}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2022-10", "2023-09", 12),
    )


# --------------------------------------------------------------------------- h3d-02
@case
def c02():
    """Research lab, slide-deck PDF (one part per slide); partners in a table with roles;
    calendar 'd'octobre 2022 à juin 2023'; a co-funder named only in the budget."""
    cid = "h3d-02"
    b = Budget(
        lines=[
            ("Ingénieure d'études (6 mois)", "personnel", 24000),
            ("Vacations doctorant (120 h)", "personnel", 4800),
            ("Missions terrain Bretagne / Pays de la Loire", "deplacements_logistique", 3200),
            ("Séminaire de restitution (salle, traiteur)", "deplacements_logistique", 2000),
            ("Transcription des entretiens (prestataire)", "prestations", 2500),
            ("Design des supports (studio graphique)", "prestations", 3500),
        ],
        resources=[("Université Rennes 2 – fonds propres du laboratoire", 6000),
                   ("Région Bretagne (demande déposée)", 4000)],
        declared_total=40000, anact=30000,
    )
    assert b.lines_sum() == 40000 and b.anact + b.cofin() == 40000
    partners = ["Aract Bretagne", "UD CFDT d'Ille-et-Vilaine", "CCI Ille-et-Vilaine",
                "Pôle numérique Rennes Atalante"]
    slides = [
        Part(["contexte"], "Pourquoi maintenant ?", [
            ("ul", ["Depuis 2020, les outils collaboratifs et les logiciels de planification "
                    "se sont généralisés dans les TPE et PME bretonnes.",
                    "Nos enquêtes 2021 (312 salariés) montrent que 6 sur 10 n'ont jamais été "
                    "consultés sur ces outils.",
                    "Les élus et les dirigeants manquent de repères pour en discuter."]),
        ]),
        Part(["objectifs"], "Nos ambitions", [
            ("ul", ["Co-construire avec les acteurs un protocole d'« enquête outillée » sur "
                    "les usages numériques.",
                    "Expérimenter ce protocole dans 8 PME.",
                    "Transférer la démarche à des intervenants du réseau Anact-Aract."]),
        ]),
        Part(["problematique"], "La question de recherche-action", [
            ("p", "En quoi une enquête menée par les salariés eux-mêmes sur leurs outils "
                  "numériques peut-elle devenir le support d'un dialogue social "
                  "technologique dans des entreprises sans tradition de négociation ?"),
        ]),
        Part(["cibles"], "Publics visés", [
            ("ul", ["Salariés et encadrants de proximité de 8 PME de 20 à 150 salariés",
                    "Élus de CSE et délégués syndicaux",
                    "Dirigeants et responsables informatiques"]),
        ]),
        Part(["methodologie"], "Notre démarche", [
            ("ul", ["Enquête outillée : des binômes salariés documentent leurs usages "
                    "(journaux de bord, photos d'écrans).",
                    "Ateliers de mise en discussion avec la direction et les élus.",
                    "Analyse croisée par l'équipe de recherche."]),
        ]),
        Part(["phasage"], "Feuille de route", [
            ("p", "Le projet court d'octobre 2022 à juin 2023."),
            ("ul", ["Octobre – novembre 2022 : recrutement des entreprises, formation des "
                    "binômes",
                    "Décembre 2022 – mars 2023 : enquêtes outillées et ateliers",
                    "Avril – juin 2023 : analyse, guide, séminaire de restitution"]),
        ]),
        Part(["pilotage"], "Gouvernance", [
            ("ul", ["Comité de pilotage trimestriel : laboratoire, Aract Bretagne, UD CFDT, "
                    "CCI, deux dirigeants",
                    "Comité scientifique (3 chercheurs extérieurs) réuni deux fois",
                    "Réunion d'équipe mensuelle"]),
        ]),
        Part(["resultats"], "Livrables attendus", [
            ("ul", ["Huit monographies d'entreprise, rédigées avec les binômes salariés",
                    "Un guide « Enquêter sur ses outils » (30 pages)",
                    "Un article de recherche et une communication en colloque"]),
        ]),
        Part(["perennisation"], "Au-delà de juin 2023", [
            ("ul", ["Le guide sera diffusé sous licence Creative Commons.",
                    "Formation de formateurs proposée aux chargés de mission des Aract.",
                    "Intégration du protocole dans le master Ergonomie de l'université."]),
        ]),
        Part(["partenaires"], "Le consortium", [
            ("p", "Quatre partenaires s'engagent aux côtés du laboratoire :"),
            ("table", [["Partenaire", "Rôle", "Contribution attendue"],
                       ["Aract Bretagne", "Co-pilote", "Expertise conditions de travail, "
                        "co-animation des ateliers"],
                       ["UD CFDT d'Ille-et-Vilaine", "Relais syndical",
                        "Mobilisation et formation des élus"],
                       ["CCI Ille-et-Vilaine", "Relais entreprises",
                        "Recrutement des PME, accueil du séminaire"],
                       ["Pôle numérique Rennes Atalante", "Expert technique",
                        "Lien avec les éditeurs de logiciels"]],
             (55, 35, 132), None),
        ]),
    ]
    brows = [["Dépenses", "Montant"]] + [[l_, eur(a)] for l_, _, a in b.lines] + \
        [["Total", eur(b.total_cost())]]
    rrows = [["Ressources", "Montant"], ["Anact – La Fabrique CTO", eur(b.anact)]] + \
        [[l_, eur(a)] for l_, a in b.resources] + [["Total", eur(b.total_cost())]]
    budget_slides = [
        Part([], "Budget : dépenses", [("table", brows, (150, 50), ("LEFT", "RIGHT"))]),
        Part([], "Budget : ressources", [("table", rrows, (150, 50), ("LEFT", "RIGHT")),
                                        ("p", "Soit un co-financement de 25 % du coût total.")]),
        Part([], "Contacts", [("p", "Pr. Yann Le Goff, directeur du laboratoire TRANSNUM – "
                                    "yann.legoff@univ-rennes2.fr")]),
    ]
    fname = "Présentation DIALOG-OUTILS – labo TRANSNUM.pdf"
    WORK.mkdir(parents=True, exist_ok=True)
    pdf = fpdf_slides(["DIALOG-OUTILS", "Enquêter sur ses outils pour en débattre",
                       "Laboratoire TRANSNUM – Université Rennes 2",
                       "Réponse à l'AMI « La Fabrique CTO » – août 2022"],
                      slides + budget_slides, WORK / "c02.pdf",
                      footer="TRANSNUM – DIALOG-OUTILS")
    sender = "yann.legoff@univ-rennes2.fr"
    subject = "Réponse à l'appel à manifestation d'intérêt Fabrique CTO – TRANSNUM"
    date = "Mon, 22 Aug 2022 11:05:33 +0200"
    msgid = "<5A3F2B7C-91D4-4E8A-B0C2-6D1E9F0A7B3C@univ-rennes2.fr>"
    text = ("Madame, Monsieur,\n\nJe vous prie de trouver ci-joint le support présentant "
            "notre projet DIALOG-OUTILS, qui tient lieu de dossier de candidature (description, "
            "budget, partenaires).\n\nRestant à votre disposition,\n\nYann Le Goff\n"
            "Professeur des universités – Laboratoire TRANSNUM\nUniversité Rennes 2\n")
    html = ("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">"
            "</head><body style=\"overflow-wrap: break-word; -webkit-nbsp-mode: space; "
            "line-break: after-white-space;\"><div>Madame, Monsieur,</div><div><br></div>"
            "<div>Je vous prie de trouver ci-joint le support présentant notre projet "
            "DIALOG-OUTILS, qui tient lieu de dossier de candidature (description, budget, "
            "partenaires).</div><div><br></div><div>Restant à votre disposition,</div>"
            "<div><br></div><div>Yann Le Goff<br>Professeur des universités – Laboratoire "
            "TRANSNUM<br>Université Rennes 2</div></body></html>")
    alt = Multi("alternative", "Apple-Mail=_2E8C1D5A-4F7B-4C3E-8A9D-1B6F0E2C7D44", [
        text_leaf(text, "utf-8", "quoted-printable"),
        text_leaf(html, "utf-8", "quoted-printable", subtype="html"),
    ])
    root = Multi("mixed", "Apple-Mail=_9B1F0C3E-7A2D-4E6B-9C8F-3D5A1E7B2C90", [
        alt, file_leaf(pdf, fname, MIME_PDF, style="apple")])
    top = [
        f"From: Yann Le Goff <{sender}>",
        "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))",
        f"Subject: {h2047(subject, enc='Q')}",
        f"Message-Id: {msgid}",
        f"Date: {date}",
        "To: fabrique@anact.fr",
        "X-Mailer: Apple Mail (2.3696.120.41.1.1)",
    ]
    return dict(
        id=cid, case="Laboratoire, PDF type diaporama (une partie par diapositive, titres à "
                     "ses mots), partenaires en tableau à rôles, calendrier « d'octobre 2022 à "
                     "juin 2023 », nom de fichier RFC 2231 accentué",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: pdf}, described=[(fname, slides)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2022-10", "2023-06", 9),
    )


# --------------------------------------------------------------------------- h3d-03

def docx_add_toc(doc, entries):
    """A real Word TOC field whose cached result lists entries [(level, text, page)]."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

    for lvl in (1, 2):
        name = f"toc {lvl}"
        if name not in [s.name for s in doc.styles]:
            st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            st.base_style = doc.styles["Normal"]
            st.paragraph_format.left_indent = Cm(0.5 * (lvl - 1))
            st.paragraph_format.space_after = Pt(3)
            st.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT,
                                                       WD_TAB_LEADER.DOTS)

    def fld(p, kind):
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(_qn("w:fldCharType"), kind)
        r.append(f)
        p._p.append(r)

    def instr(p, text):
        r = OxmlElement("w:r")
        t = OxmlElement("w:instrText")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        r.append(t)
        p._p.append(r)

    doc.add_paragraph("Sommaire", style="TOC Heading")
    for i, (lvl, text, page) in enumerate(entries):
        p = doc.add_paragraph(style=f"toc {lvl}")
        if i == 0:
            fld(p, "begin")
            instr(p, ' TOC \\o "1-2" \\h \\z \\u ')
            fld(p, "separate")
        p.add_run(text)
        p.add_run("\t")
        p.add_run(str(page))
        if i == len(entries) - 1:
            fld(p, "end")


@case
def c03():
    """Association, DOCX with heading styles and a real table of contents, exported to PDF
    by LibreOffice; budget in an XLSX with formulas; Outlook with an inline logo; calendar
    'sur 14 mois à compter d'octobre 2022'."""
    import docx
    import openpyxl
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor
    from openpyxl.styles import Alignment, Font, PatternFill

    cid = "h3d-03"
    b = Budget(
        lines=[
            ("Coordinatrice de projet", "personnel", 60 * 300),
            ("Médiateur numérique", "personnel", 80 * 250),
            ("Déplacements régionaux (forfait)", "deplacements_logistique", 3500),
            ("Logistique des ateliers (salles, repas)", "deplacements_logistique", 1500),
            ("Évaluation externe (cabinet)", "prestations", 7000),
            ("Vidéo de capitalisation (prestataire)", "prestations", 4000),
        ],
        resources=[("Autofinancement NSO", 5000), ("Fondation Orange (acquis)", 7000)],
        declared_total=54000, anact=42000,
    )
    assert b.lines_sum() == 54000 and b.anact + b.cofin() == 54000
    partners = ["Aract Occitanie", "Fédération des entreprises d'insertion Occitanie",
                "Université Toulouse – Jean Jaurès"]
    groups = [
        ("1. Présentation du projet", [
            Part(["contexte"], "1.1 Ce que nous observons sur le terrain", [
                ("p", "Notre association anime depuis 2016 un réseau de 40 structures "
                      "d'insertion par l'activité économique en Occitanie. La "
                      "dématérialisation des démarches et l'arrivée de logiciels de suivi des "
                      "parcours ont profondément modifié le travail des encadrants techniques "
                      "et des conseillers d'insertion."),
                ("p", "Ces changements ont rarement été discutés avec les équipes : les "
                      "outils sont choisis par les têtes de réseau ou imposés par les "
                      "financeurs."),
            ], level=2),
            Part(["objectifs"], "1.2 Finalités poursuivies", [
                ("p", "Le projet vise à faire des outils numériques un sujet de dialogue "
                      "professionnel régulier dans les structures d'insertion, en donnant aux "
                      "salariés permanents comme aux salariés en parcours les moyens d'en "
                      "parler et d'agir."),
            ], level=2),
            Part(["problematique"], "1.3 La question centrale", [
                ("p", "Comment installer un dialogue sur les outils numériques dans des "
                      "structures de petite taille, sans instance représentative du "
                      "personnel, où la charge de travail laisse peu de temps pour "
                      "l'échange ?"),
            ], level=2),
            Part(["cibles"], "1.4 Publics et structures bénéficiaires", [
                ("p", "Dix structures d'insertion volontaires (ateliers et chantiers "
                      "d'insertion, entreprises d'insertion) de l'Hérault, du Gard et de la "
                      "Haute-Garonne, leurs encadrants, leurs conseillers et les salariés en "
                      "parcours."),
            ], level=2),
        ]),
        ("2. Mise en œuvre", [
            Part(["methodologie"], "2.1 Méthode d'intervention", [
                ("p", "Un médiateur numérique intervient dans chaque structure en trois "
                      "temps : observation des usages, atelier « photolangage des outils » "
                      "avec les équipes, puis « conférence des usages » réunissant la "
                      "direction, les équipes et le fournisseur du logiciel."),
            ], level=2),
            Part(["phasage"], "2.2 Calendrier prévisionnel", [
                ("p", "Le projet se déroulera sur 14 mois à compter d'octobre 2022."),
                ("ul", ["Mois 1 à 3 : choix des structures et observations ;",
                        "Mois 4 à 10 : ateliers et conférences des usages ;",
                        "Mois 11 à 14 : évaluation, capitalisation et restitution."]),
            ], level=2),
            Part(["pilotage"], "2.3 Instances de suivi et de décision", [
                ("p", "Un comité de pilotage (NSO, Aract Occitanie, FEI Occitanie, deux "
                      "directeurs de structures, l'Anact) se réunit tous les quatre mois. "
                      "Un comité technique mensuel réunit la coordinatrice et le médiateur."),
            ], level=2),
        ]),
        ("3. Effets attendus et suites", [
            Part(["resultats"], "3.1 Productions et effets attendus", [
                ("p", "Dix conférences des usages tenues, un référentiel de questions à se "
                      "poser avant de changer d'outil, une évaluation externe et une vidéo "
                      "de capitalisation de douze minutes."),
            ], level=2),
            Part(["perennisation"], "3.2 Diffusion et continuité après le projet", [
                ("p", "La conférence des usages sera intégrée à l'offre d'accompagnement du "
                      "réseau et proposée aux autres réseaux régionaux de l'insertion via "
                      "leur fédération nationale."),
            ], level=2),
        ]),
        ("4. Nos partenaires", None),
        ("5. Budget", None),
    ]
    partners_part = Part(["partenaires"], "4. Nos partenaires", [
        ("p", "L'Aract Occitanie apportera son expertise sur les conditions de travail et "
              "participera à la conception des ateliers. La Fédération des entreprises "
              "d'insertion Occitanie relaiera le projet auprès de ses adhérents et "
              "co-animera la restitution. L'Université Toulouse – Jean Jaurès (laboratoire "
              "CERTOP) accompagnera l'évaluation."),
    ])
    budget_part = Part([], "5. Budget", [
        ("p", f"Le budget détaillé figure dans le classeur joint (Budget_NSO_2022.xlsx). Coût "
              f"total : {eur(b.total_cost())} ; demande à l'Anact : {eur(b.anact)} ; "
              f"co-financements : {eur(b.cofin())} (autofinancement et Fondation Orange)."),
    ])

    def build(pages):
        doc = docx.Document()
        docx_core(doc, "Sophie Marty", "Candidature NSO - La Fabrique CTO")
        st = doc.styles["Normal"]
        st.font.name = "Liberation Sans"
        st.font.size = Pt(11)
        t = doc.add_paragraph("Des outils qui se discutent", style="Title")
        doc.add_paragraph("Candidature de l'association Numérique Solidaire Occitanie à "
                          "l'appel à manifestation d'intérêt « La Fabrique CTO »")
        entries = []
        for h1, subs in groups:
            entries.append((1, h1, pages.get(h1, 2)))
            for part in subs or []:
                entries.append((2, part.heading, pages.get(part.heading, 2)))
        docx_add_toc(doc, entries)
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        for h1, subs in groups:
            if subs is None:
                part = partners_part if h1.startswith("4") else budget_part
                doc.add_heading(part.heading, level=1)
                docx_blocks(doc, part.blocks)
                continue
            doc.add_heading(h1, level=1)
            for part in subs:
                doc.add_heading(part.heading, level=2)
                docx_blocks(doc, part.blocks)
        for p in doc.paragraphs:
            if p.style.name.startswith("Heading"):
                for r in p.runs:
                    r.font.color.rgb = RGBColor(0x7A, 0x1F, 0x5C)
        src = WORK / "c03" / "Dossier_candidature_NSO.docx"
        src.parent.mkdir(parents=True, exist_ok=True)
        doc.save(src)
        return lo_convert(src, "pdf:writer_pdf_Export", WORK / "c03" / "pdf")

    # pass 1: find the pages of the headings; pass 2: write them in the TOC
    pdf_path = build({})
    pages = {}
    n_pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout).group(1))
    heads = [h1 for h1, _ in groups] + [p.heading for _, subs in groups for p in subs or []]
    for pg in range(2, n_pages + 1):
        txt = ws(subprocess.run(["pdftotext", "-f", str(pg), "-l", str(pg), str(pdf_path), "-"],
                                capture_output=True, text=True).stdout)
        for h in heads:
            if h not in pages and h in txt:
                pages[h] = pg
    assert len(pages) == len(heads), pages
    pdf_path = build(pages)
    pdf = pdf_path.read_bytes()

    # budget workbook with formulas, values cached by LibreOffice
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.title = "Budget"
    bold = Font(bold=True)
    sh["A1"] = "Budget prévisionnel – projet « Des outils qui se discutent » (NSO)"
    sh["A1"].font = Font(bold=True, size=13)
    sh.append([])
    sh.append(["Poste", "Jours", "Coût journalier", "Montant (€)"])
    for c in sh[3]:
        c.font = bold
        c.fill = PatternFill("solid", fgColor="D9D2E9")
    r = 4
    cats = [("1. Dépenses de personnel", [(b.lines[0][0], 60, 300), (b.lines[1][0], 80, 250)]),
            ("2. Frais de déplacement et logistique", [(b.lines[2][0], None, 3500),
                                                       (b.lines[3][0], None, 1500)]),
            ("3. Achats de prestations", [(b.lines[4][0], None, 7000),
                                          (b.lines[5][0], None, 4000)])]
    subtotal_cells = []
    for title, items in cats:
        sh.cell(r, 1, title).font = bold
        first, last = r + 1, r + len(items)
        sh.cell(r, 4, f"=SUM(D{first}:D{last})").font = bold
        subtotal_cells.append(f"D{r}")
        r += 1
        for label, days, cost in items:
            c = sh.cell(r, 1, label)
            c.alignment = Alignment(indent=2)
            if days:
                sh.cell(r, 2, days)
                sh.cell(r, 3, cost)
                sh.cell(r, 4, f"=B{r}*C{r}")
            else:
                sh.cell(r, 4, cost)
            r += 1
    sh.cell(r, 1, "TOTAL DES DÉPENSES").font = bold
    sh.cell(r, 4, "=" + "+".join(subtotal_cells)).font = bold
    total_row = r
    r += 2
    sh.cell(r, 1, "Ressources").font = bold
    sh.cell(r, 4, "Montant (€)").font = bold
    r += 1
    res_first = r
    sh.cell(r, 1, "Anact – La Fabrique CTO (demandé)")
    sh.cell(r, 4, b.anact)
    r += 1
    cof_first = r
    for label, amount in b.resources:
        sh.cell(r, 1, label)
        sh.cell(r, 4, amount)
        r += 1
    sh.cell(r, 1, "TOTAL DES RESSOURCES").font = bold
    sh.cell(r, 4, f"=SUM(D{res_first}:D{r - 1})").font = bold
    r += 1
    sh.cell(r, 1, "Part des co-financements")
    sh.cell(r, 4, f"=SUM(D{cof_first}:D{r - 2})/D{total_row}")
    sh.cell(r, 4).number_format = "0.0%"
    for row in sh.iter_rows(min_row=4, max_row=r - 1, min_col=2, max_col=4):
        for c in row:
            c.number_format = '#,##0 "€"' if c.column == 4 else "#,##0"
    sh.column_dimensions["A"].width = 46
    sh.column_dimensions["D"].width = 14
    xlsx_src = WORK / "c03" / "Budget_NSO_2022.xlsx"
    wb.save(xlsx_src)
    xlsx = lo_recalc_xlsx(xlsx_src)

    import io
    chk = openpyxl.load_workbook(io.BytesIO(xlsx), data_only=True)["Budget"]
    assert chk.cell(total_row, 4).value == b.lines_sum(), chk.cell(total_row, 4).value

    pdf_name = "Dossier_candidature_NSO.pdf"
    xlsx_name = "Budget_NSO_2022.xlsx"
    logo = tiny_png((122, 31, 92))
    sender = "s.marty@numerique-solidaire-occitanie.org"
    subject = "Candidature AMI « La Fabrique CTO » – Numérique Solidaire Occitanie"
    date = "Tue, 23 Aug 2022 09:14:52 +0000"
    msgid = ("<PR1P264MB2187C3A0F1E2D4B5A6C7D8E9F0A1B2C3D4E5@PR1P264MB2187.FRAP264."
             "PROD.OUTLOOK.COM>")
    text = ("Bonjour,\n\nJe vous prie de trouver ci-joints le dossier de candidature de "
            "l'association Numérique Solidaire Occitanie ainsi que le budget détaillé.\n\n"
            "Nous restons à votre disposition pour tout complément.\n\nCordialement,\n\n"
            "Sophie Marty\nDéléguée générale\n[cid:image001.png@01D8B6E1.4A2C9F30]\n"
            "Numérique Solidaire Occitanie\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1252\">"
            "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\","
            "sans-serif;} --></style></head><body lang=\"FR\" link=\"#0563C1\">"
            "<div class=\"WordSection1\"><p class=\"MsoNormal\">Bonjour,</p>"
            "<p class=\"MsoNormal\">&nbsp;</p><p class=\"MsoNormal\">Je vous prie de trouver "
            "ci-joints le dossier de candidature de l’association Numérique Solidaire "
            "Occitanie ainsi que le budget détaillé.</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Nous restons à votre disposition pour tout complément."
            "</p><p class=\"MsoNormal\">&nbsp;</p><p class=\"MsoNormal\">Cordialement,</p>"
            "<p class=\"MsoNormal\">&nbsp;</p><p class=\"MsoNormal\"><b>Sophie Marty</b><br>"
            "Déléguée générale</p><p class=\"MsoNormal\"><img width=\"120\" height=\"40\" "
            "src=\"cid:image001.png@01D8B6E1.4A2C9F30\" alt=\"logo NSO\"></p>"
            "<p class=\"MsoNormal\">Numérique Solidaire Occitanie</p></div></body></html>")
    alt = Multi("alternative", "_000_PR1P264MB2187C3A0F1E2D4B5PR1P264MB2187FRAP_", [
        text_leaf(text, "Windows-1252", "quoted-printable"),
        text_leaf(html, "Windows-1252", "quoted-printable", subtype="html"),
    ])
    img = Leaf(['Content-Type: image/png; name="image001.png"',
                "Content-Description: image001.png",
                'Content-Disposition: inline; filename="image001.png"; size=%d;\n'
                '\tcreation-date="Tue, 23 Aug 2022 09:14:52 GMT";\n'
                '\tmodification-date="Tue, 23 Aug 2022 09:14:52 GMT"' % len(logo),
                "Content-ID: <image001.png@01D8B6E1.4A2C9F30>",
                "Content-Transfer-Encoding: base64"], b64lines(logo))
    related = Multi("related", "_004_PR1P264MB2187C3A0F1E2D4B5PR1P264MB2187FRAP_", [alt, img],
                    extra='\n\ttype="multipart/alternative";')
    att1 = Leaf([f'Content-Type: application/pdf; name="{pdf_name}"',
                 f"Content-Description: {pdf_name}",
                 f'Content-Disposition: attachment; filename="{pdf_name}"; size={len(pdf)}',
                 "Content-Transfer-Encoding: base64"], b64lines(pdf))
    att2 = Leaf([f'Content-Type: {MIME_XLSX};\n\tname="{xlsx_name}"',
                 f"Content-Description: {xlsx_name}",
                 f'Content-Disposition: attachment; filename="{xlsx_name}"; size={len(xlsx)}',
                 "Content-Transfer-Encoding: base64"], b64lines(xlsx))
    root = Multi("mixed", "_006_PR1P264MB2187C3A0F1E2D4B5PR1P264MB2187FRAP_",
                 [related, att1, att2])
    top = [
        f"From: Sophie Marty <{sender}>",
        "To: \"fabrique@anact.fr\" <fabrique@anact.fr>",
        f"Subject: {_q_encode(subject, 'windows-1252')}",
        "Thread-Topic: Candidature AMI =?windows-1252?Q?=AB_La_Fabrique_CTO_=BB_?=",
        "Thread-Index: Adi2zPq1V3fXk5mZQ6i9Hc0uGlq6Tw==",
        f"Date: {date}",
        f"Message-ID: {msgid}",
        "Accept-Language: fr-FR, en-US",
        "Content-Language: fr-FR",
        "X-MS-Has-Attach: yes",
        "X-MS-TNEF-Correlator:",
        "MIME-Version: 1.0",
    ]
    return dict(
        id=cid, case="Association, DOCX à styles de titres et vraie table des matières exporté "
                     "en PDF par LibreOffice, budget XLSX à formules, Outlook avec logo en ligne, "
                     "« sur 14 mois à compter d'octobre 2022 »",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={pdf_name: pdf, xlsx_name: xlsx},
        described=[(pdf_name, [p for _, subs in groups for p in subs or []] + [partners_part])],
        budget=b, partners=partners,
        attachments=[(pdf_name, "parsed"), (xlsx_name, "parsed"), ("image001.png", "skipped")],
        project=project("2022-10", "2023-11", 14),
    )


# --------------------------------------------------------------------------- h3d-04
@case
def c04():
    """Cooperative, DOCX whose headings are a real Word numbered list (List Number + numPr),
    two parts merged under one heading, calendar by seasons, an ineligible equipment
    purchase in the budget table; Gmail with an RFC 2047 file name."""
    import docx
    from docx.shared import Pt

    cid = "h3d-04"
    b = Budget(
        lines=[
            ("Animatrice coopérative (45 jours)", "personnel", 45 * 350),
            ("Gérante – coordination (15 jours)", "personnel", 15 * 400),
            ("Déplacements et hébergement", "deplacements_logistique", 2650),
            ("Prestation d'un designer de services", "prestations", 5000),
            ("Achat de 6 tablettes durcies pour les ateliers", "autre", 3600),
        ],
        resources=[("Fonds propres de la SCOP", 8000)],
        declared_total=33000, anact=25000,
    )
    assert b.lines_sum() == 33000 and b.anact + b.cofin() == 33000
    partners = ["Union régionale des Scop de l'Ouest", "CAPEB Loire-Atlantique",
                "Aract Pays de la Loire"]
    parts = [
        Part(["contexte"], "Pourquoi ce projet", [
            ("p", "Les Tisserands du Numérique, société coopérative de 14 salariés basée à "
                  "Nantes, accompagnent depuis 2015 les artisans du bâtiment dans leurs "
                  "outils de devis, de planning et de suivi de chantier. Nous voyons les "
                  "compagnons découvrir ces outils sur leur téléphone, sans que personne ne "
                  "leur ait demandé leur avis."),
        ]),
        Part(["objectifs"], "Ce que nous cherchons à changer", [
            ("p", "Nous voulons que, dans dix entreprises artisanales, le choix et les règles "
                  "d'usage des applications de chantier soient discutés entre le chef "
                  "d'entreprise et les compagnons, et que cette discussion devienne une "
                  "habitude."),
        ]),
        Part(["cibles", "problematique"], "Publics concernés et enjeu central", [
            ("p", "Le projet s'adresse aux entreprises artisanales du bâtiment de 5 à 30 "
                  "salariés de Loire-Atlantique et de Vendée, à leurs dirigeants et à leurs "
                  "compagnons. L'enjeu central tient en une question : comment ouvrir un "
                  "dialogue sur le numérique là où il n'existe ni CSE ni service RH, et où "
                  "l'on parle d'abord du chantier ?"),
        ]),
        Part(["methodologie"], "Notre façon de faire", [
            ("p", "Nous partons du chantier : une demi-journée d'observation, puis un "
                  "« quart d'heure numérique » mensuel animé sur place, où l'équipe passe en "
                  "revue ce que les applications changent dans son travail. Un designer de "
                  "services aide à transformer les propositions en règles d'usage simples."),
        ]),
        Part(["phasage"], "Notre calendrier, saison par saison", [
            ("p", "Automne 2022 (octobre – novembre) : choix des dix entreprises et "
                  "observations de chantier."),
            ("p", "Hiver 2022-2023 : premiers quarts d'heure numériques, rédaction des "
                  "règles d'usage."),
            ("p", "Printemps 2023 : deuxième série de quarts d'heure, ajustements."),
            ("p", "Été 2023 (juin – juillet) : bilan avec les entreprises et journée "
                  "d'échange à la CAPEB ; clôture fin juillet 2023."),
        ]),
        Part(["pilotage"], "Qui décide, qui suit", [
            ("p", "Un comité de suivi réunit à chaque changement de saison la SCOP, la "
                  "CAPEB, l'Union régionale des Scop et l'Aract ; l'équipe projet (la "
                  "gérante et l'animatrice) se réunit chaque semaine."),
        ]),
        Part(["resultats"], "Ce que nous aurons produit", [
            ("p", "Dix chartes d'usage des outils de chantier, un carnet de bord du quart "
                  "d'heure numérique et une courte vidéo tournée sur chantier."),
        ]),
        Part(["perennisation"], "Pour que cela dure et se diffuse", [
            ("p", "La CAPEB intégrera le quart d'heure numérique à son offre de services ; le "
                  "carnet de bord sera publié en libre accès et présenté aux autres "
                  "fédérations départementales."),
        ]),
        Part(["partenaires"], "Nos alliés", [
            ("p", "Nous travaillerons avec l'Union régionale des Scop de l'Ouest, qui "
                  "apportera son regard sur la gouvernance participative, avec la CAPEB "
                  "Loire-Atlantique, qui mobilisera les entreprises et accueillera la "
                  "journée d'échange, et avec l'Aract Pays de la Loire, qui contribuera à "
                  "l'analyse des conditions de travail sur chantier."),
        ]),
    ]
    cat_names = {"personnel": "Personnel", "deplacements_logistique": "Déplacements",
                 "prestations": "Prestations", "autre": "Équipement"}
    rows = [["Catégorie", "Détail", "Montant"]]
    for label, cat, a in b.lines:
        rows.append([cat_names[cat], label, eur(a)])
    rows.append(["", "Total des dépenses", eur(b.total_cost())])
    rrows = [["Ressource", "Montant"], ["Anact – La Fabrique CTO (sollicité)", eur(b.anact)]] + \
        [[l_, eur(a)] for l_, a in b.resources] + [["Total des ressources", eur(b.total_cost())]]

    doc = docx.Document()
    docx_core(doc, "Maëlle Guérin", "Candidature Tisserands du Numérique")
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    t = doc.add_paragraph()
    r = t.add_run("Le quart d'heure numérique – candidature de la SCOP Tisserands du Numérique")
    r.bold = True
    r.font.size = Pt(15)
    doc.add_paragraph("Appel à manifestation d'intérêt « Développer le dialogue social "
                      "technologique au travail » – Anact, La Fabrique CTO")

    def numbered_heading(text):
        p = doc.add_paragraph(style="List Number")
        docx_set_numpr(p, 5, 0)
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(12.5)
        p.paragraph_format.space_before = Pt(12)

    for part in parts:
        numbered_heading(part.heading)
        docx_blocks(doc, part.blocks)
    numbered_heading("Budget et financement")
    doc.add_paragraph("Dépenses prévues (montants nets, la SCOP n'étant pas assujettie pour ce "
                      "projet) :")
    docx_blocks(doc, [("table", rows)])
    doc.add_paragraph("Plan de financement :")
    docx_blocks(doc, [("table", rrows)])
    fname = "Réponse AMI Fabrique CTO - Tisserands du Numérique.docx"
    path = WORK / "c04.docx"
    doc.save(path)
    data = fix_zip(path.read_bytes())

    sender = "maelle.guerin.tisserands@gmail.com"
    subject = "Fabrique CTO : candidature de la SCOP Tisserands du Numérique"
    date = "Sun, 21 Aug 2022 22:37:14 +0200"
    msgid = "<CAHx7vQ0pZr4kJ2wTn9yB8cUeM5fLd3sR1gV6aKq0oXhW+2tE7g@mail.gmail.com>"
    text = ("Bonjour,\n\nVous trouverez ci-joint notre candidature à l'AMI La Fabrique CTO "
            "(description du projet, budget et partenaires dans le même document).\n\n"
            "Belle soirée,\nMaëlle Guérin\nGérante – SCOP Tisserands du Numérique\n")
    html = ('<div dir="ltr"><div>Bonjour,</div><div><br></div><div>Vous trouverez ci-joint '
            "notre candidature à l'AMI La Fabrique CTO (description du projet, budget et "
            "partenaires dans le même document).</div><div><br></div><div>Belle soirée,</div>"
            '<div>Maëlle Guérin</div><div>Gérante – SCOP Tisserands du Numérique</div></div>')
    alt = Multi("alternative", "0000000000004c7b2f05e6c7a1d2", [
        text_leaf(text, "UTF-8", "quoted-printable"),
        text_leaf(html, "UTF-8", "quoted-printable", subtype="html"),
    ])
    att = file_leaf(data, fname, MIME_DOCX, style="rfc2047b")
    att.headers.insert(2, "X-Attachment-Id: f_l73k2x9q0")
    att.headers.insert(3, "Content-ID: <f_l73k2x9q0>")
    root = Multi("mixed", "0000000000004c7b3105e6c7a1d4", [alt, att])
    top = [
        "MIME-Version: 1.0",
        f"Date: {date}",
        f"Message-ID: {msgid}",
        "Subject: " + _b_encode(subject).replace("?= =?", "?=\n =?"),
        f"From: =?UTF-8?Q?Ma=C3=ABlle_Gu=C3=A9rin?= <{sender}>",
        "To: fabrique@anact.fr",
    ]
    return dict(
        id=cid, case="SCOP, DOCX à intertitres en liste numérotée Word (numPr), cibles et "
                     "problématique fusionnées sous un intertitre, calendrier par saisons, "
                     "achat de tablettes inéligible, Gmail",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: data}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2022-10", "2023-07", 10),
    )


# --------------------------------------------------------------------------- h3d-05
@case
def c05():
    """Union, the whole proposal in the body of the email (HTML with bold headings and
    tables, plain-text alternative); partners in a table with roles; request over the cap."""
    import html as H

    cid = "h3d-05"
    b = Budget(
        lines=[
            ("Chargé de mission (détaché, 12 mois)", "personnel", 52000),
            ("Formateurs syndicaux (60 jours)", "personnel", 21000),
            ("Frais de déplacement des militants", "deplacements_logistique", 9000),
            ("Logistique des sessions de formation", "deplacements_logistique", 6000),
            ("Conception d'une plateforme e-learning (prestataire)", "prestations", 14000),
            ("Expertise juridique (cabinet d'avocats)", "prestations", 6000),
        ],
        resources=[("Fonds propres de l'URI", 15000), ("Confédération CFDT (acquis)", 8000)],
        declared_total=108000, anact=85000,
    )
    assert b.lines_sum() == 108000 and b.anact + b.cofin() == 108000
    partners = ["Aract Normandie", "Université de Caen Normandie", "U2P Normandie"]
    prow = [["Partenaire", "Rôle dans le projet", "Contribution attendue"],
            ["Aract Normandie", "Appui méthodologique",
             "Co-conception des modules, regard sur les conditions de travail"],
            ["Université de Caen Normandie (CERReV)", "Évaluation",
             "Suivi-évaluation des sessions et des accords"],
            ["U2P Normandie", "Partenaire employeur",
             "Mobilisation des entreprises artisanales et des dirigeants"]]
    parts = [
        Part(["contexte"], "1) Le point de départ", [
            ("p", "Nos équipes syndicales normandes sont de plus en plus sollicitées sur des "
                  "projets numériques : logiciels de gestion des plannings, outils de "
                  "géolocalisation des véhicules, caisses automatiques. Elles disent leur "
                  "difficulté à intervenir à temps et à bon niveau."),
        ]),
        Part(["objectifs"], "2) Ce que nous visons", [
            ("p", "Former 150 élus et délégués à l'analyse des projets numériques, outiller "
                  "la négociation d'accords de méthode sur le numérique dans au moins 15 "
                  "entreprises, et produire des ressources en ligne réutilisables."),
        ]),
        Part(["problematique"], "3) La difficulté à résoudre", [
            ("p", "Les élus sont informés trop tard et sans les éléments techniques qui leur "
                  "permettraient de discuter des effets des outils sur le travail ; comment "
                  "leur donner prise sur ces projets dès leur conception ?"),
        ]),
        Part(["cibles"], "4) Les publics", [
            ("p", "Élus de CSE, délégués syndicaux et représentants de proximité des "
                  "entreprises de 11 à 300 salariés de Normandie, ainsi que les dirigeants "
                  "d'entreprises artisanales volontaires."),
        ]),
        Part(["methodologie"], "5) La démarche proposée", [
            ("p", "Des sessions de formation-action de deux jours alternent apports, études "
                  "de cas et préparation d'un projet réel ; elles sont suivies d'un appui à la "
                  "négociation dans les entreprises volontaires et d'une plateforme de "
                  "ressources en ligne."),
        ]),
        Part(["phasage"], "6) Le calendrier", [
            ("p", "Le projet se déroulera du 1er octobre 2022 au 31 août 2023 : conception "
                  "des modules d'octobre à décembre, sessions de janvier à mai, appui aux "
                  "négociations de mars à juillet, bilan en août."),
        ]),
        Part(["pilotage"], "7) Pilotage du projet", [
            ("p", "Un comité de pilotage paritaire, réunissant l'URI, l'U2P, l'Aract et "
                  "l'université, se tiendra tous les trois mois ; le bureau de l'URI suit "
                  "le projet chaque mois."),
        ]),
        Part(["resultats"], "8) Les résultats visés", [
            ("p", "150 militants formés, 15 accords de méthode ou chartes signés, une "
                  "plateforme de ressources ouverte et une évaluation publiée."),
        ]),
        Part(["perennisation"], "9) Après le projet", [
            ("p", "Les modules seront intégrés au plan de formation syndicale régional et "
                  "proposés aux autres unions régionales par la confédération."),
        ]),
        Part(["partenaires"], "10) Les partenaires associés", [
            ("p", "Trois organisations sont associées au projet :"),
            ("table", prow),
        ]),
    ]
    brow = [["Poste", "Montant"]] + [[l_, eur(a)] for l_, _, a in b.lines] + \
        [["Total", eur(b.total_cost())]]
    budget_part = Part([], "11) Le budget", [
        ("table", brow),
        ("p", f"Nous sollicitons de l'Anact {eur(b.anact)}. Le co-financement s'élève à "
              f"{eur(b.cofin())} : {eur(15000)} de fonds propres de l'URI et {eur(8000)} "
              f"apportés par la Confédération CFDT (acquis)."),
    ])

    def html_table(rows):
        out = ['<table border="1" cellpadding="4" style="border-collapse:collapse">']
        for i, r in enumerate(rows):
            tag = "th" if i == 0 else "td"
            out.append("<tr>" + "".join(f"<{tag}>{H.escape(c)}</{tag}>" for c in r) + "</tr>")
        out.append("</table>")
        return "".join(out)

    intro = ("Madame, Monsieur,\n\nL'Union régionale interprofessionnelle CFDT de Normandie "
             "présente ci-dessous sa candidature à l'appel à manifestation d'intérêt « La "
             "Fabrique CTO ».")
    plain = [intro, ""]
    htm = ['<!doctype html><html><head><meta charset="UTF-8"></head><body>'
           '<div class="default-style">Madame, Monsieur,</div><div class="default-style">'
           "<br></div><div class=\"default-style\">L'Union régionale interprofessionnelle "
           "CFDT de Normandie présente ci-dessous sa candidature à l'appel à manifestation "
           "d'intérêt « La Fabrique CTO ».</div><div class=\"default-style\"><br></div>"]
    for part in parts + [budget_part]:
        plain.append(part.heading)
        htm.append(f'<div class="default-style"><strong>{H.escape(part.heading)}</strong></div>')
        for bl in part.blocks:
            if bl[0] == "p":
                plain.append(bl[1])
                htm.append(f'<div class="default-style">{H.escape(bl[1])}</div>')
            elif bl[0] == "table":
                for r in bl[1]:
                    plain.append(" | ".join(r))
                htm.append(html_table(bl[1]))
        plain.append("")
        htm.append('<div class="default-style"><br></div>')
    plain.append("Nous restons à votre disposition.\n\nFranck Lemonnier\nSecrétaire général "
                 "adjoint – URI CFDT Normandie")
    htm.append('<div class="default-style">Nous restons à votre disposition.</div>'
               '<div class="default-style"><br></div><div class="default-style">Franck '
               "Lemonnier<br>Secrétaire général adjoint – URI CFDT Normandie</div></body></html>")
    alt = Multi("alternative", "----=_Part_402217_1584021873.1660910607213", [
        text_leaf("\n".join(plain), "UTF-8", "quoted-printable"),
        text_leaf("".join(htm), "UTF-8", "quoted-printable", subtype="html"),
    ])
    sender = "f.lemonnier@normandie.cfdt.fr"
    subject = "Appel à manifestation d'intérêt - candidature URI CFDT Normandie"
    date = "Fri, 19 Aug 2022 14:03:27 +0200 (CEST)"
    msgid = "<1419577238.402216.1660910607210@wsfrf1a21.priv.atos.fr>"
    top = [
        f"Date: {date}",
        f"From: Franck Lemonnier <{sender}>",
        "Reply-To: Franck Lemonnier <f.lemonnier@normandie.cfdt.fr>",
        "To: fabrique@anact.fr",
        f"Message-ID: {msgid}",
        f"Subject: {_q_encode(subject, 'UTF-8')}",
        "MIME-Version: 1.0",
        "X-Priority: 3",
        "Importance: Normal",
        "X-Mailer: Open-Xchange Mailer v7.10.6-Rev15",
        "X-Originating-Client: open-xchange-appsuite",
    ]
    return dict(
        id=cid, case="Union syndicale, proposition entière dans le corps HTML (intertitres en "
                     "gras, tableaux), partenaires en tableau à rôles, demande de 85 000 € "
                     "au-dessus du plafond",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, alt), files={}, described=[("corps du message", parts)],
        budget=b, partners=partners, attachments=[],
        project=project("2022-10-01", "2023-08-31"),
    )


# --------------------------------------------------------------------------- h3d-06

def odt_document(title_lines, parts, path: Path, heading_color="#2E6B30"):
    """An ODT written with odfpy: real outline headings (text:h), lists and tables."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (ParagraphProperties, Style, TableCellProperties,
                           TableColumnProperties, TextProperties)
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P

    doc = OpenDocumentText()
    doc.meta.addElement(__import__("odf.dc", fromlist=["Title"]).Title(text=title_lines[0]))
    h1 = Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color=heading_color))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm",
                                      keepwithnext="always"))
    doc.styles.addElement(h1)
    tstyle = Style(name="Titre", family="paragraph")
    tstyle.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    doc.styles.addElement(tstyle)
    body = Style(name="Corps", family="paragraph")
    body.addElement(TextProperties(fontsize="11pt"))
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    doc.styles.addElement(body)
    cell = Style(name="Cell", family="table-cell")
    cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    doc.automaticstyles.addElement(cell)
    colw = Style(name="ColA", family="table-column")
    colw.addElement(TableColumnProperties(columnwidth="11cm"))
    doc.automaticstyles.addElement(colw)
    colb = Style(name="ColB", family="table-column")
    colb.addElement(TableColumnProperties(columnwidth="5cm"))
    doc.automaticstyles.addElement(colb)
    for i, line in enumerate(title_lines):
        doc.text.addElement(P(stylename=tstyle if i == 0 else body, text=line))
    for part in parts:
        doc.text.addElement(H(outlinelevel=1, stylename=h1, text=part.heading))
        for bl in part.blocks:
            if bl[0] == "p":
                doc.text.addElement(P(stylename=body, text=bl[1]))
            elif bl[0] in ("ul", "ol"):
                lst = List()
                for item in bl[1]:
                    li = ListItem()
                    li.addElement(P(stylename=body, text=item))
                    lst.addElement(li)
                doc.text.addElement(lst)
            elif bl[0] == "table":
                rows = bl[1]
                t = Table(name=f"Tableau{id(bl) % 1000}")
                ncol = len(rows[0])
                for j in range(ncol):
                    t.addElement(TableColumn(stylename=colw if j == 0 else colb))
                for r in rows:
                    tr = TableRow()
                    for c in r:
                        tc = TableCell(stylename=cell, valuetype="string")
                        tc.addElement(P(stylename=body, text=c))
                        tr.addElement(tc)
                    t.addElement(tr)
                doc.text.addElement(t)
                doc.text.addElement(P(stylename=body, text=""))
    doc.save(str(path))
    return path


@case
def c06():
    """Employer group, ODT written in Writer style and exported to PDF by LibreOffice; the
    calendar is a Gantt chart in an XLSX with the months as columns; Roundcube, ISO-8859-1."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    cid = "h3d-06"
    (WORK / "c06").mkdir(parents=True, exist_ok=True)
    b = Budget(
        lines=[
            ("Responsable RH mutualisée (35 jours)", "personnel", 35 * 350),
            ("Assistante de direction (20 jours)", "personnel", 20 * 200),
            ("Frais kilométriques", "deplacements_logistique", 1800),
            ("Location de salle et repas des ateliers", "deplacements_logistique", 950),
            ("Accompagnement par un cabinet d'ergonomie", "prestations", 9000),
            ("Création de supports de communication", "prestations", 2000),
        ],
        resources=[("Cotisations des adhérents du groupement", 3500),
                   ("Département du Lot (demande en cours)", 3000)],
        declared_total=30000, anact=23500,
    )
    assert b.lines_sum() == 30000 and b.anact + b.cofin() == 30000
    partners = ["MSA Midi-Pyrénées Nord", "Chambre d'agriculture du Lot", "Aract Occitanie"]
    gantt_name = "planning_GE_vallees_du_Lot.xlsx"
    parts = [
        Part(["contexte"], "Un territoire, des exploitations qui changent", [
            ("p", "Le Groupement d'employeurs des Vallées du Lot met à disposition 46 "
                  "salariés auprès de 62 exploitations agricoles et entreprises agroalimentaires. "
                  "Robots de traite, capteurs, logiciels de traçabilité et applications de "
                  "planification se diffusent vite chez nos adhérents."),
            ("p", "Nos salariés, qui travaillent pour plusieurs employeurs, passent d'un outil "
                  "à l'autre d'un jour à l'autre, sans formation ni échange sur leur usage."),
        ]),
        Part(["objectifs"], "Nos intentions", [
            ("p", "Donner aux salariés partagés et à leurs employeurs un espace pour parler "
                  "ensemble des outils numériques, harmoniser quelques règles communes et "
                  "prévenir la surcharge liée à la multiplication des outils."),
        ]),
        Part(["problematique"], "Le nœud du problème", [
            ("p", "Un salarié à temps partagé dépend de plusieurs employeurs qui choisissent "
                  "chacun leurs outils : qui, dans ces conditions, peut porter le dialogue "
                  "sur les effets cumulés de ces outils sur son travail ?"),
        ]),
        Part(["cibles"], "À qui s'adresse le projet", [
            ("p", "Les 46 salariés du groupement, les 62 employeurs adhérents et en priorité "
                  "les quinze exploitations les plus équipées du Ségala et de la vallée du "
                  "Lot."),
        ]),
        Part(["methodologie"], "Méthode de travail", [
            ("p", "Le cabinet d'ergonomie réalise un diagnostic des situations de travail "
                  "outillées ; des ateliers mixtes salariés-employeurs analysent ces situations "
                  "et élaborent une charte des usages, testée puis ajustée dans les "
                  "exploitations."),
        ]),
        Part(["phasage"], "Les étapes", [
            ("p", f"Le projet est découpé en quatre étapes, dont les dates figurent dans le "
                  f"planning joint ({gantt_name}) :"),
            ("ul", ["diagnostic des exploitations ;",
                    "ateliers « outils et travail » ;",
                    "charte des usages et accompagnement ;",
                    "bilan et restitution aux adhérents."]),
            ("p", "Durée totale : douze mois."),
        ]),
        Part(["pilotage"], "Organisation du suivi", [
            ("p", "Un comité de pilotage composé de deux administrateurs employeurs, deux "
                  "salariés du groupement, de la MSA, de la Chambre d'agriculture et de "
                  "l'Aract se réunit quatre fois ; la responsable RH coordonne le projet."),
        ]),
        Part(["resultats"], "Ce que nous en attendons", [
            ("p", "Une charte des usages numériques adoptée par l'assemblée générale, quinze "
                  "diagnostics restitués, des fiches pratiques pour les salariés partagés."),
        ]),
        Part(["perennisation"], "Transmettre et prolonger", [
            ("p", "La charte sera annexée au contrat de mise à disposition et présentée à la "
                  "Fédération nationale des groupements d'employeurs agricoles pour une "
                  "diffusion à d'autres groupements."),
        ]),
        Part(["partenaires"], "Nos appuis", [
            ("p", "La MSA Midi-Pyrénées Nord mettra à disposition son service de santé-sécurité "
                  "au travail pour les diagnostics. La Chambre d'agriculture du Lot informera "
                  "les exploitants et accueillera les ateliers. L'Aract Occitanie apportera "
                  "son appui méthodologique sur le dialogue social."),
        ]),
    ]
    rows = [["Dépenses", "Montant"]] + [[l_, eur(a)] for l_, _, a in b.lines] + \
        [["Total des dépenses", eur(b.total_cost())]]
    rrows = [["Recettes", "Montant"], ["Anact – Fabrique CTO", eur(b.anact)]] + \
        [[l_, eur(a)] for l_, a in b.resources] + [["Total des recettes", eur(b.total_cost())]]
    budget_part = Part([], "Budget prévisionnel", [("table", rows), ("table", rrows)])
    odt = odt_document(["Outils partagés, travail partagé",
                        "Groupement d'employeurs des Vallées du Lot – candidature à l'AMI "
                        "« La Fabrique CTO »"],
                       parts + [budget_part], WORK / "c06" / "GE_Vallees_du_Lot_projet.odt")
    pdf = lo_convert(odt, "pdf:writer_pdf_Export", WORK / "c06" / "pdf").read_bytes()
    pdf_name = "GE_Vallees_du_Lot_projet.pdf"

    # Gantt chart: the months as columns
    wb = openpyxl.Workbook()
    sh = wb.active
    sh.title = "Planning"
    sh["A1"] = "Planning prévisionnel du projet « Outils partagés, travail partagé »"
    sh["A1"].font = Font(bold=True, size=12)
    months = [dt.datetime(2022 + (9 + i) // 12, (9 + i) % 12 + 1, 1) for i in range(15)]
    assert months[0] == dt.datetime(2022, 10, 1) and months[-1] == dt.datetime(2023, 12, 1)
    sh.cell(3, 1, "Étape").font = Font(bold=True)
    for j, m in enumerate(months, 2):
        c = sh.cell(3, j, m)
        c.number_format = "mmm-yy"
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center")
        sh.column_dimensions[openpyxl.utils.get_column_letter(j)].width = 7
    sh.column_dimensions["A"].width = 40
    steps = [("1. Diagnostic des exploitations", "2022-11", "2023-01"),
             ("2. Ateliers « outils et travail »", "2023-02", "2023-06"),
             ("3. Charte des usages et accompagnement", "2023-05", "2023-09"),
             ("4. Bilan et restitution aux adhérents", "2023-09", "2023-10")]
    fill = PatternFill("solid", fgColor="6AA84F")
    for i, (label, s_, e_) in enumerate(steps, 4):
        sh.cell(i, 1, label)
        for j, m in enumerate(months, 2):
            key = f"{m.year}-{m.month:02d}"
            if s_ <= key <= e_:
                c = sh.cell(i, j, "x")
                c.fill = fill
                c.alignment = Alignment(horizontal="center")
    r = 4 + len(steps)
    sh.cell(r, 1, "Comité de pilotage")
    for j, m in enumerate(months, 2):
        if f"{m.year}-{m.month:02d}" in ("2022-11", "2023-03", "2023-07", "2023-10"):
            sh.cell(r, j, "◆").alignment = Alignment(horizontal="center")
    first = min(s_ for _, s_, _ in steps)
    last = max(e_ for _, _, e_ in steps)
    gpath = WORK / "c06" / gantt_name
    wb.save(gpath)
    gantt = fix_zip(gpath.read_bytes())

    sender = "contact@ge-valleesdulot.fr"
    subject = "AMI Fabrique CTO - dossier du GE des Vallées du Lot"
    date = "Wed, 17 Aug 2022 18:21:40 +0200"
    msgid = "<4f1c2b9e8a7d6c5b4a39281706f5e4d3@ge-valleesdulot.fr>"
    text = ("Bonjour,\n\nVeuillez trouver ci-joint notre dossier de candidature (projet et "
            "budget, au format PDF) ainsi que le planning détaillé du projet.\n\nEn vous "
            "souhaitant bonne réception,\n\nBernadette Lacoste\nResponsable RH mutualisée\n"
            "Groupement d'employeurs des Vallées du Lot - Figeac\n")
    root = Multi("mixed", "=_8f3a1c2d4e5b6a7980c1d2e3f4a5b6c7", [
        text_leaf(text, "ISO-8859-1", "quoted-printable", flowed=True),
        file_leaf(pdf, pdf_name, MIME_PDF),
        file_leaf(gantt, gantt_name, MIME_XLSX),
    ])
    root.preamble = ""
    top = [
        "MIME-Version: 1.0",
        f"Date: {date}",
        f"From: Bernadette Lacoste <{sender}>",
        "To: fabrique@anact.fr",
        f"Subject: {_q_encode(subject, 'ISO-8859-1')}",
        "Organization: GE des Vallees du Lot",
        f"Message-ID: {msgid}",
        "X-Sender: contact@ge-valleesdulot.fr",
        "User-Agent: Roundcube Webmail/1.5.3",
    ]
    return dict(
        id=cid, case="Groupement d'employeurs, ODT exporté en PDF par LibreOffice, calendrier "
                     "dans un diagramme de Gantt XLSX (mois en colonnes), Roundcube ISO-8859-1",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={pdf_name: pdf, gantt_name: gantt},
        described=[(pdf_name, parts)], budget=b, partners=partners,
        attachments=[(pdf_name, "parsed"), (gantt_name, "parsed")],
        project=project(first, last, 12),
    )


# --------------------------------------------------------------------------- h3d-07
@case
def c07():
    """Software vendor, fpdf2 PDF with coloured (not bold) headings; partners in a table
    with roles; the project runs 'de janvier 2023 à mars 2024' (ends after the limit);
    Outlook desktop, windows-1252."""
    cid = "h3d-07"
    b = Budget(
        lines=[
            ("Cheffe de projet (50 jours)", "personnel", 27500),
            ("Développeur (40 jours)", "personnel", 20000),
            ("Déplacements sur les sites clients", "deplacements_logistique", 3000),
            ("Ergonome consultant (honoraires)", "prestations", 8000),
            ("Animation des ateliers par un intervenant extérieur", "prestations", 4500),
        ],
        resources=[("Autofinancement Kalisto", 13000)],
        declared_total=63000, anact=50000,
    )
    assert b.lines_sum() == 63000 and b.anact + b.cofin() == 63000
    partners = ["Aract Hauts-de-France", "Transports Lemaire", "Boulangeries Dufour",
                "Université de Lille"]
    parts = [
        Part(["contexte"], "Genèse du projet", [
            ("p", "Kalisto édite depuis 2011 un logiciel de planification des équipes utilisé "
                  "par 400 PME du transport, du commerce et de l'artisanat alimentaire. Nos "
                  "clients nous signalent des tensions croissantes autour des plannings "
                  "générés automatiquement : changements de dernière minute, sentiment "
                  "d'iniquité, notifications hors temps de travail."),
        ]),
        Part(["objectifs"], "Finalité et objectifs opérationnels", [
            ("p", "Faire évoluer notre offre pour que le paramétrage du planning devienne un "
                  "objet de dialogue dans l'entreprise cliente : règles de priorité "
                  "discutées, droit à la déconnexion paramétré, retours des salariés intégrés "
                  "dans les versions suivantes."),
        ]),
        Part(["problematique"], "Enjeu central pour le travail", [
            ("p", "Un algorithme de planification applique des règles que personne n'a "
                  "discutées ; comment un éditeur peut-il rendre ces règles visibles et "
                  "négociables par les salariés et leurs représentants ?"),
        ]),
        Part(["cibles"], "Bénéficiaires", [
            ("p", "Deux entreprises pilotes clientes (transport routier et boulangerie "
                  "artisanale, 250 salariés au total), leurs managers de proximité, leurs élus "
                  "et, au-delà, l'ensemble de nos clients."),
        ]),
        Part(["methodologie"], "Démarche d'intervention", [
            ("p", "Ateliers de « mise à plat » des règles de planification avec les équipes, "
                  "prototypage d'un module de paramétrage partagé, test en conditions réelles "
                  "puis évaluation par un ergonome indépendant."),
        ]),
        Part(["phasage"], "Planning de réalisation", [
            ("p", "Le projet se déroulera de janvier 2023 à mars 2024 :"),
            ("ul", ["janvier à avril 2023 : ateliers de mise à plat dans les deux entreprises ;",
                    "mai à octobre 2023 : prototypage et tests du module ;",
                    "novembre 2023 à mars 2024 : évaluation ergonomique, version finale et "
                    "diffusion."]),
        ]),
        Part(["pilotage"], "Gouvernance et instances", [
            ("p", "Un comité de pilotage trimestriel réunit Kalisto, les deux entreprises "
                  "pilotes (direction et élus), l'Aract et l'université ; un comité produit "
                  "interne arbitre les évolutions du logiciel."),
        ]),
        Part(["resultats"], "Livrables et impacts", [
            ("p", "Un module de paramétrage partagé intégré au logiciel, un guide de dialogue "
                  "sur les règles de planification, deux retours d'expérience publiés."),
        ]),
        Part(["perennisation"], "Déploiement au-delà du projet", [
            ("p", "Le module sera proposé sans surcoût à tous nos clients ; le guide sera "
                  "diffusé avec la documentation et lors de nos clubs utilisateurs."),
        ]),
        Part(["partenaires"], "Écosystème partenarial", [
            ("p", "Le projet mobilise les partenaires suivants :"),
            ("table", [["Organisation", "Rôle", "Apport"],
                       ["Aract Hauts-de-France", "Expert conditions de travail",
                        "Méthodologie des ateliers, comité de pilotage"],
                       ["Transports Lemaire", "Entreprise pilote",
                        "Terrain d'expérimentation, 180 salariés"],
                       ["Boulangeries Dufour", "Entreprise pilote",
                        "Terrain d'expérimentation, 70 salariés"],
                       ["Université de Lille (CLERSÉ)", "Partenaire scientifique",
                        "Analyse sociologique des usages"]],
             (50, 45, 75)),
        ]),
    ]
    rows = [["Poste", "Montant HT"]] + [[l_, eur(a)] for l_, _, a in b.lines] + \
        [["Coût total du projet", eur(b.total_cost())]]
    budget_part = Part([], "Plan de financement", [
        ("table", rows, (120, 50), ("LEFT", "RIGHT")),
        ("p", f"Aide sollicitée auprès de l'Anact : {eur(b.anact)} HT. Autofinancement de "
              f"Kalisto : {eur(b.cofin())} HT."),
    ])
    fname = "Kalisto_Planning-partage_AMI-FabriqueCTO.pdf"
    pdf = fpdf_doc(["Planning partagé", "Kalisto SAS – Lille"], parts + [budget_part],
                   {"heading_color": (214, 90, 20), "heading_style": "", "heading_size": 14,
                    "author": "Kalisto SAS", "title": "Planning partagé",
                    "family": "DejaVuSerif"},
                   WORK / fname)
    sender = "a.delattre@kalisto.fr"
    subject = "AMI « Fabrique CTO » : proposition Kalisto"
    date = "Tue, 16 Aug 2022 10:48:02 +0200"
    msgid = "<001a01d8b14e$6f3c2e80$4db48b80$@kalisto.fr>"
    text = ("Bonjour,\n\nJe vous prie de bien vouloir trouver ci-joint la proposition de "
            "Kalisto dans le cadre de l’AMI « Développer le dialogue social technologique au "
            "travail ».\n\nBien à vous,\n\nAnne Delattre\nDirectrice produit – Kalisto SAS\n"
            "03 20 00 00 00\n")
    html = ("<html><head><meta http-equiv=Content-Type content=\"text/html; "
            "charset=windows-1252\"><meta name=Generator content=\"Microsoft Word 15 "
            "(filtered medium)\"></head><body lang=FR link=\"#0563C1\"><div class=WordSection1>"
            "<p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            "<p class=MsoNormal>Je vous prie de bien vouloir trouver ci-joint la proposition "
            "de Kalisto dans le cadre de l’AMI « Développer le dialogue social technologique "
            "au travail ».<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            "<p class=MsoNormal>Bien à vous,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;"
            "</o:p></p><p class=MsoNormal><b>Anne Delattre</b><br>Directrice produit – "
            "Kalisto SAS<br>03 20 00 00 00<o:p></o:p></p></div></body></html>")
    alt = Multi("alternative", "----=_NextPart_001_001B_01D8B15F.32C67E80", [
        text_leaf(text, "windows-1252", "quoted-printable"),
        text_leaf(html, "windows-1252", "quoted-printable", subtype="html"),
    ])
    att = Leaf([f'Content-Type: application/pdf;\n\tname="{fname}"',
                "Content-Transfer-Encoding: base64",
                f'Content-Disposition: attachment;\n\tfilename="{fname}"'], b64lines(pdf))
    root = Multi("mixed", "----=_NextPart_000_001A_01D8B15F.32C67E80", [alt, att])
    root.preamble = "This is a multipart message in MIME format."
    top = [
        f"From: \"Anne Delattre\" <{sender}>",
        "To: <fabrique@anact.fr>",
        f"Subject: {_q_encode(subject, 'windows-1252')}",
        f"Date: {date}",
        f"Message-ID: {msgid}",
        "MIME-Version: 1.0",
        "X-Mailer: Microsoft Outlook 16.0",
        "Thread-Index: AdixTmkLr1Y2nJ3XQ0+V8u7bH2fG0A==",
        "Content-Language: fr",
    ]
    return dict(
        id=cid, case="Éditeur de logiciel, PDF fpdf2 à intertitres colorés non gras, "
                     "partenaires en tableau, projet « de janvier 2023 à mars 2024 » qui finit "
                     "après la date limite, Outlook windows-1252",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: pdf}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2023-01", "2024-03", 15),
    )


# --------------------------------------------------------------------------- h3d-08
@case
def c08():
    """Think tank, DOCX with bold lines as headings (roman numerals typed); no part on
    durability and spreading; the budget's stated total is 2 000 € short of its lines;
    Zimbra, ISO-8859-1, RFC 2047 file name."""
    import docx
    from docx.shared import Pt

    cid = "h3d-08"
    b = Budget(
        lines=[
            ("Directeur d'études (25 jours)", "personnel", 15000),
            ("Chargée de recherche (40 jours)", "personnel", 16000),
            ("Déplacements sur les trois territoires", "deplacements_logistique", 3300),
            ("Organisation de deux séminaires", "deplacements_logistique", 4000),
            ("Sondage auprès de 1 000 salariés (institut de sondage)", "prestations", 9000),
        ],
        resources=[("Fonds propres de l'Institut", 9300)],
        declared_total=45300, anact=36000,
    )
    assert b.lines_sum() == 47300 and b.anact + b.cofin() == b.declared_total
    partners = ["Fédération Syntec", "IRES", "Aract Île-de-France"]
    parts = [
        Part(["contexte"], "I. Origine de la démarche", [
            ("p", "L'Institut Travail Demain conduit depuis 2018 des travaux sur le travail "
                  "hybride dans les sociétés de services. Notre enquête de 2021 a montré que "
                  "les accords de télétravail signés pendant la crise sanitaire sont muets "
                  "sur les outils collaboratifs qui organisent désormais le travail."),
        ]),
        Part(["objectifs"], "II. Ce que nous cherchons", [
            ("p", "Documenter la manière dont les outils collaboratifs sont discutés (ou non) "
                  "dans les entreprises de services, et expérimenter avec six d'entre elles "
                  "une clause « outils » dans leurs accords de télétravail."),
        ]),
        Part(["problematique"], "III. Question de recherche", [
            ("p", "Les accords de télétravail peuvent-ils devenir le lieu d'un dialogue sur "
                  "les outils collaboratifs, leurs règles d'usage et leurs effets sur la "
                  "charge de travail ?"),
        ]),
        Part(["cibles"], "IV. Publics et terrains", [
            ("p", "Six entreprises de services du numérique et de conseil de 50 à 500 "
                  "salariés en Île-de-France, dans les Hauts-de-France et en Occitanie, "
                  "leurs directions des ressources humaines et leurs élus."),
        ]),
        Part(["methodologie"], "V. Méthode", [
            ("p", "Un sondage auprès de 1 000 salariés, des entretiens dans les six "
                  "entreprises, puis des ateliers paritaires de rédaction d'une clause "
                  "« outils », suivis sur six mois."),
        ]),
        Part(["phasage"], "VI. Calendrier", [
            ("p", "Du 3 octobre 2022 au 29 septembre 2023 : sondage et entretiens "
                  "d'octobre à janvier, ateliers paritaires de février à mai, suivi des "
                  "clauses et analyse de juin à septembre."),
        ]),
        Part(["pilotage"], "VII. Comitologie", [
            ("p", "Un comité d'orientation (Institut, Syntec, IRES, Aract, deux élus) se "
                  "réunit trois fois ; un comité technique suit le sondage et les ateliers."),
        ]),
        Part(["resultats"], "VIII. Productions attendues", [
            ("p", "Un rapport d'étude, une note de synthèse de huit pages, six clauses "
                  "« outils » rédigées et un recueil des difficultés rencontrées."),
        ]),
        Part(["partenaires"], "IX. Partenariats", [
            ("p", "Le projet est conduit avec la Fédération Syntec, qui facilitera l'accès "
                  "aux entreprises adhérentes, avec l'IRES, qui apportera son expertise sur "
                  "la négociation collective, et avec l'Aract Île-de-France, qui "
                  "co-animera les ateliers paritaires."),
        ]),
    ]
    rows = [["Nature des dépenses", "Montant (€)"]] + \
        [[l_, eur(a).replace(" €", "")] for l_, _, a in b.lines] + \
        [["Total", eur(b.declared_total).replace(" €", "")]]

    doc = docx.Document()
    docx_core(doc, "Institut Travail Demain", "Proposition Fabrique CTO")
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Normal"].font.size = Pt(10.5)
    p = doc.add_paragraph()
    r = p.add_run("INSTITUT TRAVAIL DEMAIN")
    r.bold = True
    r.font.size = Pt(14)
    doc.add_paragraph("Proposition en réponse à l'appel à manifestation d'intérêt de l'Anact "
                      "« La Fabrique CTO » – août 2022")
    doc.add_paragraph("Titre du projet : Une clause « outils » dans les accords de télétravail")

    def bold_line(text):
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(10)
        run = para.add_run(text)
        run.bold = True

    for part in parts:
        bold_line(part.heading)
        docx_blocks(doc, part.blocks)
    bold_line("X. Budget")
    docx_blocks(doc, [("table", rows)])
    doc.add_paragraph(f"Financement : Anact {eur(b.anact)} ; fonds propres de l'Institut "
                      f"{eur(b.cofin())}.")
    fname = "Proposition détaillée - Institut Travail Demain.docx"
    path = WORK / "c08.docx"
    doc.save(path)
    data = fix_zip(path.read_bytes())

    sender = "direction@travail-demain.org"
    subject = "Candidature à l'AMI La Fabrique CTO"
    date = "Mon, 22 Aug 2022 17:55:19 +0200 (CEST)"
    msgid = "<1203948571.5581923.1661183719428.JavaMail.zimbra@travail-demain.org>"
    text = ("Madame, Monsieur,\n\nVous trouverez ci-joint la proposition de l'Institut "
            "Travail Demain.\n\nCordialement,\n\nÉtienne Rivière\nDirecteur\nInstitut "
            "Travail Demain\n")
    html = ("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: "
            "12pt; color: #000000\"><div>Madame, Monsieur,</div><div><br data-mce-bogus=\"1\">"
            "</div><div>Vous trouverez ci-joint la proposition de l'Institut Travail Demain."
            "</div><div><br data-mce-bogus=\"1\"></div><div>Cordialement,</div><div><br>"
            "</div><div>Étienne Rivière<br>Directeur<br>Institut Travail Demain</div></div>"
            "</body></html>")
    alt = Multi("alternative", "=_a3c9e0f1-7b2d-4c5e-9f8a-1d2e3f4a5b6c", [
        text_leaf(text, "iso-8859-1", "quoted-printable"),
        text_leaf(html, "iso-8859-1", "quoted-printable", subtype="html"),
    ])
    root = Multi("mixed", "=_b4d0f1a2-8c3e-4d6f-a09b-2e3f4a5b6c7d",
                 [alt, file_leaf(data, fname, MIME_DOCX, style="rfc2047q")])
    top = [
        f"Date: {date}",
        f"From: =?iso-8859-1?Q?=C9tienne_Rivi=E8re?= <{sender}>",
        "To: fabrique@anact.fr",
        f"Message-ID: {msgid}",
        f"Subject: {_q_encode(subject, 'iso-8859-1')}",
        "MIME-Version: 1.0",
        "X-Mailer: Zimbra 8.8.15_GA_4372 (ZimbraWebClient - FF103 (Win)/8.8.15_GA_4372)",
        "Thread-Index: 7Hq2P1kZcV0nWm3rT8xYb4Qe9FgA1w==",
        "Thread-Topic: =?iso-8859-1?Q?Candidature_=E0_l=27AMI_La_Fabrique_CTO?=",
    ]
    return dict(
        id=cid, case="Think tank, DOCX à intertitres en lignes grasses (chiffres romains), "
                     "pas de partie pérennisation/essaimage, total déclaré inférieur de 2 000 € "
                     "à la somme des lignes, Zimbra ISO-8859-1",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: data}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2022-10-03", "2023-09-29"),
    )


# --------------------------------------------------------------------------- h3d-09
@case
def c09():
    """Association of third places, DOCX whose Heading 1 titles are questions; a two-sided
    CHARGES | PRODUITS budget with account numbers; partners as a list; sent from an iPhone
    at 23:41 on the last day."""
    import docx
    from docx.shared import Pt

    cid = "h3d-09"
    b = Budget(
        lines=[
            ("Location de salles et accueil des rencontres", "deplacements_logistique", 1100),
            ("Prestation de facilitation (Coop Agile)", "prestations", 6000),
            ("Graphisme du guide (prestataire)", "prestations", 2000),
            ("Déplacements, missions", "deplacements_logistique", 2400),
            ("Salaire brut de la coordinatrice (0,4 ETP, 12 mois)", "personnel", 16800),
            ("Charges sociales patronales", "personnel", 6700),
        ],
        resources=[("Région Nouvelle-Aquitaine (sollicitée)", 5000),
                   ("Cotisations des membres du réseau", 3000)],
        declared_total=35000, anact=27000,
    )
    assert b.lines_sum() == 35000 and b.anact + b.cofin() == 35000
    partners = ["Aract Nouvelle-Aquitaine", "Université de Bordeaux", "France Tiers-Lieux"]
    parts = [
        Part(["contexte"], "Pourquoi ce projet aujourd'hui ?", [
            ("p", "Notre réseau fédère 38 tiers-lieux de Gironde, des Landes et de Dordogne. "
                  "Ils accueillent chaque jour des salariés en télétravail, des "
                  "indépendants et des équipes de PME qui viennent y expérimenter de "
                  "nouveaux outils numériques."),
            ("p", "Les animateurs de ces lieux sont témoins des difficultés que ces outils "
                  "créent, mais n'ont ni mandat ni méthode pour en faire un sujet de "
                  "dialogue avec les employeurs."),
        ]),
        Part(["objectifs"], "Que voulons-nous obtenir ?", [
            ("p", "Faire des tiers-lieux des espaces neutres où salariés, dirigeants de PME "
                  "et représentants du personnel discutent des transformations numériques "
                  "de leur travail, avec des animateurs formés à cet exercice."),
        ]),
        Part(["problematique"], "Quelle question voulons-nous traiter ?", [
            ("p", "Un lieu tiers, extérieur à l'entreprise, peut-il faciliter un dialogue sur "
                  "les outils numériques que l'entreprise n'arrive pas à tenir en interne ?"),
        ]),
        Part(["cibles"], "Avec et pour qui ?", [
            ("p", "Douze tiers-lieux volontaires et leurs animateurs, une trentaine de PME et "
                  "TPE usagères de ces lieux, leurs salariés et leurs dirigeants."),
        ]),
        Part(["methodologie"], "Comment allons-nous faire ?", [
            ("p", "Formation des animateurs à la facilitation du dialogue, organisation dans "
                  "chaque lieu de « cafés outils » mensuels ouverts aux PME, puis de "
                  "rencontres inter-entreprises sur un outil commun."),
        ]),
        Part(["phasage"], "Quand ?", [
            ("p", "Lancement : janvier 2023 ; clôture : 15 décembre 2023."),
            ("ul", ["Janvier – mars 2023 : formation des animateurs ;",
                    "Avril – octobre 2023 : cafés outils et rencontres inter-entreprises ;",
                    "Novembre – 15 décembre 2023 : bilan, guide et rencontre régionale."]),
        ]),
        Part(["pilotage"], "Qui pilote et comment ?", [
            ("p", "Le conseil d'administration du réseau confie le pilotage à un comité de "
                  "six personnes (trois animateurs, l'Aract, l'université, la coordinatrice) "
                  "réuni tous les deux mois."),
        ]),
        Part(["resultats"], "Qu'est-ce que cela va produire ?", [
            ("p", "Vingt-quatre animateurs formés, une centaine de cafés outils, un guide "
                  "« Animer un café outils » et une cartographie des lieux ressources."),
        ]),
        Part(["perennisation"], "Et ensuite ?", [
            ("p", "Les cafés outils seront intégrés au programme permanent des lieux du "
                  "réseau ; le guide et la formation seront proposés aux autres réseaux "
                  "régionaux via France Tiers-Lieux."),
        ]),
        Part(["partenaires"], "Qui fait quoi avec nous ?", [
            ("ul", ["Aract Nouvelle-Aquitaine : co-conception de la formation des animateurs "
                    "et participation au comité de pilotage ;",
                    "Université de Bordeaux (laboratoire de sociologie) : suivi et évaluation "
                    "des cafés outils ;",
                    "France Tiers-Lieux : diffusion nationale du guide."]),
        ]),
    ]
    left = [("61 – " + b.lines[0][0], b.lines[0][2]), ("62 – " + b.lines[1][0], b.lines[1][2]),
            ("62 – " + b.lines[2][0], b.lines[2][2]), ("62 – " + b.lines[3][0], b.lines[3][2]),
            ("64 – " + b.lines[4][0], b.lines[4][2]), ("64 – " + b.lines[5][0], b.lines[5][2])]
    right = [("74 – Subvention Anact (La Fabrique CTO)", b.anact),
             ("74 – " + b.resources[0][0], b.resources[0][1]),
             ("75 – " + b.resources[1][0], b.resources[1][1])]
    rows = [["CHARGES", "Montant (€)", "PRODUITS", "Montant (€)"]]
    for i in range(max(len(left), len(right))):
        lrow = left[i] if i < len(left) else ("", None)
        rrow = right[i] if i < len(right) else ("", None)
        rows.append([lrow[0], eur(lrow[1]).replace(" €", "") if lrow[1] else "",
                     rrow[0], eur(rrow[1]).replace(" €", "") if rrow[1] else ""])
    rows.append(["TOTAL DES CHARGES", eur(b.total_cost()).replace(" €", ""),
                 "TOTAL DES PRODUITS", eur(b.anact + b.cofin()).replace(" €", "")])

    doc = docx.Document()
    docx_core(doc, "Julie Lafargue", "Cafés outils")
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_paragraph("Cafés outils : les tiers-lieux, espaces de dialogue sur le numérique "
                      "au travail", style="Title")
    doc.add_paragraph("Réseau des tiers-lieux d'Aquitaine (association loi 1901) – "
                      "candidature à l'AMI La Fabrique CTO")
    for part in parts:
        doc.add_heading(part.heading, level=1)
        docx_blocks(doc, part.blocks)
    doc.add_heading("Combien ça coûte ?", level=1)
    doc.add_paragraph("Budget prévisionnel du projet (l'association n'est pas assujettie à la "
                      "TVA) :")
    docx_blocks(doc, [("table", rows)])
    fname = "cafes-outils_candidature.docx"
    path = WORK / "c09.docx"
    doc.save(path)
    data = fix_zip(path.read_bytes())

    sender = "julie.lafargue@tiers-lieux-aquitaine.fr"
    subject = "Candidature Fabrique CTO – Réseau des tiers-lieux d'Aquitaine"
    date = "Tue, 23 Aug 2022 23:41:07 +0200"
    msgid = "<8E2B4C61-3F7A-4D0E-B5C9-A1D2E3F40567@tiers-lieux-aquitaine.fr>"
    t1 = ("Bonjour,\n\nVoici notre candidature, désolée pour l'heure tardive !\n\n"
          "Julie Lafargue\nCoordinatrice – Réseau des tiers-lieux d'Aquitaine\n\n")
    t2 = "\n\nEnvoyé de mon iPhone"
    root = Multi("mixed", "Apple-Mail-3C1F7E2A-9B4D-4E6A-8C0F-5D2E1B7A9C34", [
        text_leaf(t1, "utf-8", "quoted-printable"),
        Leaf([f"Content-Type: {MIME_DOCX};\n\tname={fname}",
              f"Content-Disposition: attachment;\n\tfilename={fname}",
              "Content-Transfer-Encoding: base64"], b64lines(data)),
        text_leaf(t2, "utf-8", "quoted-printable"),
    ])
    top = [
        "Content-Transfer-Encoding: 7bit",
        f"From: Julie Lafargue <{sender}>",
        "Mime-Version: 1.0 (1.0)",
        f"Date: {date}",
        f"Subject: {_q_encode(subject, 'utf-8')}",
        f"Message-Id: {msgid}",
        "To: fabrique@anact.fr",
        "X-Mailer: iPhone Mail (19G82)",
    ]
    return dict(
        id=cid, case="Réseau associatif, DOCX à titres Word en forme de questions, budget "
                     "CHARGES | PRODUITS à numéros de comptes, partenaires en liste, iPhone à "
                     "23 h 41 le dernier jour",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: data}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2023-01", "2023-12-15", 12),
    )


# --------------------------------------------------------------------------- h3d-10
@case
def c10():
    """Sole consultant, fpdf2 PDF with upper-case bold headings, phases in a table
    (MM/YYYY periods), partners in a table with roles; budget in an XLSX with HT, VAT and
    TTC columns (formulas); K-9 Mail from a phone; the subject does not name the call."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    cid = "h3d-10"
    b = Budget(
        lines=[
            ("Consultante-fondatrice (30 jours)", "personnel", 18000),
            ("Assistante de projet (10 jours)", "personnel", 2500),
            ("Déplacements et hébergement", "deplacements_logistique", 2000),
            ("Location de salles", "deplacements_logistique", 1000),
            ("Illustratrice (prestation)", "prestations", 3500),
            ("Impression du jeu de cartes (imprimeur)", "prestations", 1500),
        ],
        resources=[("Autofinancement", 4000),
                   ("Communauté de communes du Pays de Saverne (acquis)", 2500)],
        declared_total=28500, anact=22000,
    )
    vat = [0, 0, 0.2, 0.2, 0.2, 0.2]
    assert b.lines_sum() == 28500 and b.anact + b.cofin() == 28500
    ttc_total = sum(a * (1 + v) for (_, _, a), v in zip(b.lines, vat))
    assert abs(ttc_total - 30100) < 1e-6
    partners = ["Aract Grand Est", "Fédération hospitalière de France Grand Est",
                "EHPAD Les Tilleuls", "EHPAD Saint-Joseph"]
    xlsx_name = "budget_HT_TTC.xlsx"
    parts = [
        Part(["contexte"], "CE QUE NOUS OBSERVONS", [
            ("p", "Dans les EHPAD d'Alsace où j'interviens comme ergonome depuis 2014, les "
                  "soignants ont vu arriver en trois ans le dossier de soins informatisé, les "
                  "tablettes de transmission et la télésurveillance nocturne. Ils en parlent "
                  "entre eux, rarement avec leur direction."),
        ]),
        Part(["objectifs"], "CE QUE NOUS VOULONS", [
            ("p", "Créer et tester un jeu de cartes, « Parlons outils », qui permet à une "
                  "équipe soignante et à sa direction de mettre sur la table les effets des "
                  "outils numériques sur le soin et de décider ensemble d'ajustements."),
        ]),
        Part(["problematique"], "LA QUESTION POSÉE", [
            ("p", "Dans des établissements où le temps d'échange est compté et la parole "
                  "hiérarchisée, comment rendre possible une discussion franche sur les "
                  "outils numériques imposés ?"),
        ]),
        Part(["cibles"], "LES PERSONNES CONCERNÉES", [
            ("p", "Aides-soignantes, infirmières, agents de service, cadres de santé et "
                  "directions de six EHPAD publics et associatifs du Bas-Rhin, ainsi que les "
                  "représentants du personnel."),
        ]),
        Part(["methodologie"], "LA MÉTHODE DU JEU", [
            ("p", "Le jeu est conçu avec les équipes de deux établissements, puis joué en "
                  "séances de deux heures réunissant soignants, cadres et direction ; chaque "
                  "partie débouche sur trois engagements suivis à trois mois."),
        ]),
        Part(["phasage"], "ÉTAPES", [
            ("p", "Le projet se déroule en quatre phases successives :"),
            ("table", [["Phase", "Période", "Contenu"],
                       ["1", "11/2022 – 01/2023", "Conception du jeu avec deux EHPAD"],
                       ["2", "02/2023 – 05/2023", "Parties tests dans six établissements"],
                       ["3", "06/2023 – 08/2023", "Ajustements et impression"],
                       ["4", "09/2023 – 10/2023", "Évaluation et journée de restitution"]],
             (20, 45, 105)),
        ]),
        Part(["pilotage"], "QUI DÉCIDE ET COMMENT", [
            ("p", "Un comité de pilotage réunissant l'Atelier, l'Aract, la FHF et les "
                  "directions des deux EHPAD pilotes valide chaque phase ; un groupe de "
                  "soignants volontaires est associé à toutes les décisions sur le jeu."),
        ]),
        Part(["resultats"], "LES PRODUCTIONS", [
            ("p", "Un jeu de 60 cartes imprimé en 50 exemplaires, un livret d'animation, "
                  "six comptes rendus de parties et une évaluation des engagements pris."),
        ]),
        Part(["perennisation"], "ESSAIMER LE JEU", [
            ("p", "Le jeu et son livret seront téléchargeables gratuitement ; la FHF le "
                  "proposera à ses adhérents du Grand Est et des formations d'animateurs "
                  "seront organisées en 2024."),
        ]),
        Part(["partenaires"], "ILS S'ENGAGENT AVEC NOUS", [
            ("p", "Quatre partenaires sont associés, chacun avec un rôle défini :"),
            ("table", [["Partenaire", "Rôle", "Contribution"],
                       ["Aract Grand Est", "Appui méthodologique",
                        "Relecture du jeu, comité de pilotage"],
                       ["Fédération hospitalière de France Grand Est", "Relais régional",
                        "Mobilisation des établissements, diffusion"],
                       ["EHPAD Les Tilleuls (Saverne)", "Établissement pilote",
                        "Co-conception du jeu"],
                       ["EHPAD Saint-Joseph (Haguenau)", "Établissement pilote",
                        "Co-conception et premières parties"]],
             (60, 40, 70)),
        ]),
    ]
    budget_part = Part([], "BUDGET", [
        ("p", f"Le budget détaillé (HT, TVA et TTC) figure dans le fichier {xlsx_name}. Coût "
              f"total : {eur(b.total_cost())} HT, dont {eur(b.anact)} demandés à l'Anact."),
    ])
    fname = "jeu-des-outils_proposition.pdf"
    pdf = fpdf_doc(["« Parlons outils » : un jeu pour dialoguer sur le numérique en EHPAD",
                    "Atelier Sens & Travail – Camille Roth, ergonome"],
                   parts + [budget_part],
                   {"heading_color": (0, 0, 0), "heading_style": "B", "heading_size": 12,
                    "author": "Camille Roth", "title": "Parlons outils"},
                   WORK / fname)

    wb = openpyxl.Workbook()
    sh = wb.active
    sh.title = "Budget"
    sh.append(["Budget prévisionnel – « Parlons outils »"])
    sh["A1"].font = Font(bold=True, size=12)
    sh.append([])
    head = ["Poste", "Catégorie", "Montant HT", "Taux TVA", "TVA", "Montant TTC"]
    sh.append(head)
    for c in sh[3]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="FCE5CD")
    cat_fr = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
              "prestations": "Prestations"}
    for (label, cat, a), v in zip(b.lines, vat):
        r = sh.max_row + 1
        sh.append([label, cat_fr[cat], a, v, f"=C{r}*D{r}", f"=C{r}+E{r}"])
        sh.cell(r, 4).number_format = "0%"
    last = sh.max_row
    tr = last + 1
    sh.append(["Total", None, f"=SUM(C4:C{last})", None, f"=SUM(E4:E{last})",
               f"=SUM(F4:F{last})"])
    for c in sh[tr]:
        c.font = Font(bold=True)
    sh.append([])
    sh.append(["Financement (HT)", None, "Montant"])
    sh.cell(sh.max_row, 1).font = Font(bold=True)
    f0 = sh.max_row + 1
    sh.append(["Anact – aide sollicitée", None, b.anact])
    for label, a in b.resources:
        sh.append([label, None, a])
    sh.append(["Total des financements", None, f"=SUM(C{f0}:C{sh.max_row})"])
    sh.cell(sh.max_row, 1).font = Font(bold=True)
    for row in sh.iter_rows(min_row=4, max_row=sh.max_row):
        for c in row:
            if c.column in (3, 5, 6):
                c.number_format = '#,##0.00 "€"'
    sh.column_dimensions["A"].width = 48
    sh.column_dimensions["B"].width = 26
    for col in "CDEF":
        sh.column_dimensions[col].width = 14
    xpath = WORK / "c10" / xlsx_name
    xpath.parent.mkdir(parents=True, exist_ok=True)
    wb.save(xpath)
    xlsx = lo_recalc_xlsx(xpath)
    import io
    chk = openpyxl.load_workbook(io.BytesIO(xlsx), data_only=True)["Budget"]
    assert abs(chk.cell(tr, 3).value - b.lines_sum()) < 1e-6
    assert abs(chk.cell(tr, 6).value - ttc_total) < 1e-6

    sender = "camille.roth@sens-et-travail.fr"
    subject = "Candidature – jeu « Parlons outils » (dialogue social technologique)"
    date = "Sat, 20 Aug 2022 08:12:44 +0200"
    msgid = "<3f9a1c7e-52b8-4d06-8e1a-b27c40d9e615@sens-et-travail.fr>"
    text = ("Bonjour,\n\nJe vous transmets ma proposition pour l'appel de l'Anact sur le "
            "dialogue social technologique : le descriptif en PDF et le budget en tableur.\n\n"
            "Bonne journée,\nCamille Roth\nAtelier Sens & Travail\n\n-- \nEnvoyé de mon "
            "appareil Android avec K-9 Mail. Veuillez excuser ma brièveté.\n")
    root = Multi("mixed", "----8MZ2TQK0L4C7VJ9D1R5XHS3WBN6YEU", [
        text_leaf(text, "utf-8", "quoted-printable"),
        file_leaf(pdf, fname, MIME_PDF),
        file_leaf(xlsx, xlsx_name, MIME_XLSX),
    ])
    top = [
        "MIME-Version: 1.0",
        f"Date: {date}",
        "User-Agent: K-9 Mail for Android",
        f"Message-ID: {msgid}",
        f"Subject: {_q_encode(subject, 'UTF-8')}",
        "To: fabrique@anact.fr",
        f"From: Camille Roth <{sender}>",
    ]
    return dict(
        id=cid, case="Consultante indépendante, PDF fpdf2 à intertitres en capitales grasses, "
                     "phases en tableau (MM/AAAA), partenaires en tableau à rôles, budget XLSX "
                     "HT/TVA/TTC à formules, K-9 Mail, objet sans le nom de l'appel",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: pdf, xlsx_name: xlsx},
        described=[(fname, parts)], budget=b, partners=partners,
        attachments=[(fname, "parsed"), (xlsx_name, "parsed")],
        project=project("2022-11", "2023-10", 12),
    )


# --------------------------------------------------------------------------- h3d-11
@case
def c11():
    """Consultancy, DOCX with bold underlined lines as headings exported to PDF by
    LibreOffice; method and calendar merged under one heading ('Durée : 10 mois (novembre
    2022 – août 2023)'); no part on steering; co-financing at 16 %; Outlook for Mac."""
    import docx
    from docx.shared import Pt

    cid = "h3d-11"
    b = Budget(
        lines=[
            ("Consultant senior (40 jours)", "personnel", 28000),
            ("Consultante junior (20 jours)", "personnel", 9000),
            ("Frais de déplacement", "deplacements_logistique", 2500),
            ("Logistique des ateliers", "deplacements_logistique", 1500),
            ("Réalisation de podcasts (studio)", "prestations", 6000),
            ("Traduction en FALC (prestataire)", "prestations", 3000),
        ],
        resources=[("Autofinancement Trajectoires Conseil", 8000)],
        declared_total=50000, anact=42000,
    )
    assert b.lines_sum() == 50000 and b.anact + b.cofin() == 50000
    assert b.cofin() / b.total_cost() < 0.2
    partners = ["Aract Bourgogne-Franche-Comté", "Adapei de la Côte-d'Or",
                "Maison de l'emploi du Grand Dijon"]
    parts = [
        Part(["contexte"], "Situation de départ", [
            ("p", "Les établissements et services d'aide par le travail (ESAT) de Côte-d'Or "
                  "ont engagé la dématérialisation des plannings, des fiches de poste et de "
                  "la relation avec les clients. Les travailleurs en situation de handicap "
                  "et les moniteurs d'atelier sont peu associés à ces choix."),
        ]),
        Part(["objectifs"], "Buts poursuivis", [
            ("p", "Permettre aux travailleurs, aux moniteurs et aux directions de quatre ESAT "
                  "de discuter des outils numériques à partir de leur travail réel, avec des "
                  "supports accessibles à tous."),
        ]),
        Part(["problematique"], "Problème à traiter", [
            ("p", "Comment construire un dialogue sur le numérique qui inclue des "
                  "travailleurs dont beaucoup ne lisent pas ou peu, et dont la parole est "
                  "rarement sollicitée sur l'organisation du travail ?"),
        ]),
        Part(["cibles"], "Publics bénéficiaires", [
            ("p", "Environ 320 travailleurs en situation de handicap, 45 moniteurs d'atelier "
                  "et les équipes de direction de quatre ESAT gérés par l'Adapei de la "
                  "Côte-d'Or."),
        ]),
        Part(["methodologie", "phasage"], "Déroulé méthodologique et calendrier", [
            ("p", "Durée : 10 mois (novembre 2022 – août 2023)."),
            ("p", "De novembre 2022 à janvier 2023, nous observons le travail dans les "
                  "ateliers et recueillons la parole des travailleurs par des entretiens "
                  "en FALC. De février à mai 2023, des ateliers mixtes travailleurs-moniteurs-"
                  "direction examinent un outil par séance. En juin et juillet, des podcasts "
                  "sont enregistrés avec les participants ; août 2023 est consacré au bilan."),
        ]),
        Part(["resultats"], "Effets recherchés", [
            ("p", "Des décisions d'ajustement des outils prises dans chaque ESAT, une série "
                  "de six podcasts, un guide en FALC « Parler de nos outils »."),
        ]),
        Part(["perennisation"], "Pérennité et diffusion", [
            ("p", "Les ateliers mixtes seront inscrits dans le fonctionnement des conseils de "
                  "la vie sociale ; le guide et les podcasts seront diffusés aux autres "
                  "associations du réseau régional."),
        ]),
        Part(["partenaires"], "Partenaires mobilisés", [
            ("p", "L'Aract Bourgogne-Franche-Comté contribuera à la conception des ateliers "
                  "mixtes. L'Adapei de la Côte-d'Or ouvre ses quatre ESAT et mobilise ses "
                  "équipes. La Maison de l'emploi du Grand Dijon apportera son expérience "
                  "de la médiation numérique."),
        ]),
    ]
    rows = [["Dépenses", "Montant HT"]] + [[l_, eur(a)] for l_, _, a in b.lines] + \
        [["Total", eur(b.total_cost())]]

    doc = docx.Document()
    docx_core(doc, "Olivier Bard", "Proposition Trajectoires Conseil")
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.styles["Normal"].font.size = Pt(11)
    p = doc.add_paragraph()
    r = p.add_run("Parler de nos outils – Trajectoires Conseil")
    r.bold = True
    r.font.size = Pt(16)
    doc.add_paragraph("Proposition à l'AMI « Développer le dialogue social technologique au "
                      "travail » (Anact – La Fabrique CTO)")

    def bold_line(text):
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(12)
        para.paragraph_format.keep_with_next = True
        run = para.add_run(text)
        run.bold = True
        run.underline = True

    for part in parts:
        bold_line(part.heading)
        docx_blocks(doc, part.blocks)
    bold_line("Budget prévisionnel")
    docx_blocks(doc, [("table", rows)])
    doc.add_paragraph(f"Demande à l'Anact : {eur(b.anact)}. Autofinancement : "
                      f"{eur(b.cofin())}.")
    src = WORK / "c11" / "Trajectoires_Conseil_Proposition.docx"
    src.parent.mkdir(parents=True, exist_ok=True)
    doc.save(src)
    pdf = lo_convert(src, "pdf:writer_pdf_Export", WORK / "c11" / "pdf").read_bytes()
    fname = "Trajectoires Conseil – Proposition AMI.pdf"

    sender = "olivier.bard@trajectoires-conseil.fr"
    subject = "Proposition – AMI La Fabrique CTO"
    date = "Thu, 11 Aug 2022 15:27:36 +0200"
    msgid = "<C7A1E2F3-4B5D-4C6E-8F9A-0B1C2D3E4F50@trajectoires-conseil.fr>"
    text = ("Bonjour,\n\nVous trouverez ci-joint la proposition de Trajectoires Conseil pour "
            "l’AMI La Fabrique CTO.\n\nBien cordialement,\n\nOlivier Bard\nGérant\n"
            "Trajectoires Conseil – Dijon\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta "
            "http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body "
            "lang=\"FR\" style='word-wrap:break-word'><div class=WordSection1><p "
            "class=MsoNormal><span style='font-size:11.0pt'>Bonjour,<o:p></o:p></span></p>"
            "<p class=MsoNormal><span style='font-size:11.0pt'>Vous trouverez ci-joint la "
            "proposition de Trajectoires Conseil pour l’AMI La Fabrique CTO.<o:p></o:p>"
            "</span></p><p class=MsoNormal><span style='font-size:11.0pt'>Bien cordialement,"
            "<o:p></o:p></span></p><p class=MsoNormal><span style='font-size:11.0pt'>Olivier "
            "Bard<br>Gérant<br>Trajectoires Conseil – Dijon<o:p></o:p></span></p></div>"
            "</body></html>")
    alt = Multi("alternative", "B_3743422056_1284737101", [
        text_leaf(text, "UTF-8", "quoted-printable"),
        text_leaf(html, "UTF-8", "quoted-printable", subtype="html"),
    ])
    enc = _b_encode(fname)
    att = Leaf([f'Content-type: application/pdf; name="{enc}"',
                f'Content-disposition: attachment;\n\tfilename="{enc}"',
                "Content-transfer-encoding: base64"], b64lines(pdf))
    root = Multi("mixed", "B_3743422056_1839203716", [alt, att])
    root.preamble = "> This message is in MIME format. Since your mail reader does not " \
                    "understand\nthis format, some or all of this message may not be legible."
    top = [
        "User-Agent: Microsoft-MacOutlook/16.64.22081401",
        f"Date: {date}",
        f"Subject: {_b_encode(subject)}",
        f"From: Olivier Bard <{sender}>",
        "To: <fabrique@anact.fr>",
        f"Message-ID: {msgid}",
        "Thread-Topic: Proposition - AMI La Fabrique CTO",
        "Mime-version: 1.0",
    ]
    return dict(
        id=cid, case="Cabinet conseil, DOCX à lignes grasses soulignées exporté en PDF par "
                     "LibreOffice, méthode et calendrier fusionnés, pas de partie pilotage, "
                     "co-financement à 16 %, Outlook pour Mac",
        sender=sender, subject=subject, date=date, message_id=msgid,
        eml=message(top, root), files={fname: pdf}, described=[(fname, parts)],
        budget=b, partners=partners, attachments=[(fname, "parsed")],
        project=project("2022-11", "2023-08", 10),
    )


# =========================================================================== main

def check_case(c: dict, label: dict) -> None:
    import email
    from email import policy
    msg = email.message_from_bytes(c["eml"], policy=policy.default)
    assert msg["Message-ID"].strip() == c["message_id"], (msg["Message-ID"], c["message_id"])
    assert str(msg["Subject"]) == c["subject"], (str(msg["Subject"]), c["subject"])
    found = {}
    for part in msg.walk():
        if part.is_multipart():
            continue
        fn = part.get_filename()
        if fn:
            found[fn] = part.get_payload(decode=True)
    for fn, status in c["attachments"]:
        assert fn in found, (c["id"], fn, list(found))
        if status == "parsed":
            assert found[fn] == c["files"][fn], fn
    body_text = ""
    for part in msg.walk():
        if part.get_content_type() in ("text/plain", "text/html") and not part.get_filename():
            body_text += part.get_content() + "\n"
    texts = {}
    for fn, data in c["files"].items():
        texts[fn] = text_of(fn, data)
    texts["corps du message"] = re.sub(r"<[^>]+>", " ", body_text)
    import html as html_mod
    texts["corps du message"] = html_mod.unescape(texts["corps du message"])
    for sid, sec in label["sections"].items():
        if not sec["present"]:
            continue
        t = ws(texts[sec["source"]])
        for key in ("heading", "body_start"):
            assert ws(sec[key]) in t, (c["id"], sid, key, sec[key])
        assert 5 <= len(sec["body_start"].split()) <= 8, (c["id"], sid)


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    CASES.mkdir(parents=True, exist_ok=True)
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    for build in CASE_BUILDERS:
        name = build.__name__.replace("c", "h3d-", 1)
        if only and name not in only:
            continue
        c = build()
        label = compute_label(c)
        check_case(c, label)
        (CASES / f"{c['id']}.eml").write_bytes(c["eml"])
        (CASES / f"{c['id']}.expected.json").write_text(
            json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(c["id"], label["decision"], [f["code"] + ":" + f["target"] for f in label["flags"]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
