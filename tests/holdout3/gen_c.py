#!/usr/bin/env python3
"""Holdout3, writer c: proposals as they arrive in the mailbox.

Focus: the mail itself (bodies carrying the proposal, charsets, transfer encodings, RFC 2231 /
RFC 2047 attachment names, the MIME shapes of eight mail clients, a forward by an Anact
colleague, a "ci-joint" without attachment, a late sending, and messages that are not
proposals).

Deterministic: fixed dates, boundaries, Message-IDs; zip members and PDF dates are normalised.
Run with a venv holding python-docx, openpyxl, fpdf2, odfpy, Pillow; LibreOffice (soffice)
is used to compute XLSX formulas and to export ODT -> PDF.

    /tmp/h3venv-c/bin/python tests/holdout3/gen_c.py [case-number ...]

Labels are computed from the same specifications that write the documents (sections from the
blocks that are rendered, budget figures from the budget lines, flags and decision from the
contract's rules in ``label()``).
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
import sys
import urllib.parse
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "cases"
WORK = Path("/tmp/h3c-work")
LO_PROFILE = "file:///tmp/lo-c"
SIDS = ("contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
        "pilotage", "resultats", "perennisation", "partenaires")
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
PARIS = timezone(timedelta(hours=2))  # CEST, all of August 2022
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=PARIS)
END_LIMIT = "2023-12-30"
CAP = 80000.0
FIXED_ZIP_TIME = (2022, 8, 1, 9, 0, 0)


# =========================================================================== small helpers

def words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def eur(x: float) -> str:
    """French thousands with a narrow no-break space? Applicants type a plain space."""
    s = f"{x:,.0f}".replace(",", " ")
    return s


def eur2(x: float) -> str:
    s = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return s


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)])
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def normalise_zip(data: bytes) -> bytes:
    """Same bytes for the same content: fixed member times and document dates."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                txt = content.decode("utf-8")
                txt = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                             r"\g<1>2022-08-01T09:00:00Z\3", txt)
                txt = re.sub(r"(<meta:creation-date>)[^<]*(<)", r"\g<1>2022-08-01T09:00:00\2", txt)
                txt = re.sub(r"(<dc:date>)[^<]*(<)", r"\g<1>2022-08-01T09:00:00\2", txt)
                txt = re.sub(r"(<meta:editing-duration>)[^<]*(<)", r"\g<1>PT1H\2", txt)
                content = txt.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, content)
    return buf.getvalue()


def normalise_pdf(data: bytes) -> bytes:
    """Fixed creation dates and document ID, same length so that xref offsets stay right."""
    def fix_date(m: re.Match) -> bytes:
        inner = m.group(2)
        fixed = b"D:20220801090000"
        return m.group(1) + (fixed + inner[len(fixed):] if len(inner) >= len(fixed) else inner) + b")"
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()([^)]*)\)", fix_date, data)

    def fix_id(m: re.Match) -> bytes:
        return b"<" + b"0" * len(m.group(1)) + b">"
    data = re.sub(rb"<([0-9A-Fa-f]{32})>", fix_id, data)
    return data


# =========================================================================== documents
# A document is a list of blocks:
#   ("title", text) ("sub", text) ("p", text) ("H", sid, text) ("h", text)
#   ("bullets", [items]) ("table", [rows]) ("break",)
# "H" opens one of the ten parts (sid), "h" a heading that is not one of them (budget...).

def section_labels(blocks: list, source: str) -> dict:
    """present/source/heading/body_start for every part opened in blocks."""
    out = {}
    for i, b in enumerate(blocks):
        if b[0] != "H":
            continue
        sid, heading = b[1], b[2]
        nxt = blocks[i + 1]
        if nxt[0] == "p":
            first = nxt[1]
        elif nxt[0] == "bullets":
            first = nxt[1][0]
        elif nxt[0] == "table":
            first = " ".join(nxt[1][0])
        else:
            raise AssertionError(f"part {sid} opens with {nxt[0]}")
        assert sid not in out, sid
        out[sid] = {"present": True, "source": source, "heading": heading,
                    "body_start": words(first)}
    return out


def _add_numpr(paragraph, num_id: int = 5, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    il = OxmlElement("w:ilvl")
    il.set(qn("w:val"), str(ilvl))
    ni = OxmlElement("w:numId")
    ni.set(qn("w:val"), str(num_id))
    numpr.append(il)
    numpr.append(ni)
    ppr.insert(0, numpr)


def render_docx(blocks: list, path: Path, mode: str = "styles", author: str = "") -> None:
    """mode: 'styles' (Heading 1/2), 'numlist' (List Paragraph + numPr, bold), 'bold'."""
    d = docx.Document()
    d.core_properties.author = author
    d.core_properties.created = datetime(2022, 8, 1, 9, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 1, 9, 0, 0)
    d.core_properties.last_modified_by = author
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            p = d.add_paragraph(style="Title")
            p.add_run(b[1])
        elif kind == "sub":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.italic = True
        elif kind in ("H", "h"):
            text = b[2] if kind == "H" else b[1]
            if mode == "styles":
                d.add_heading(text, level=1)
            elif mode == "numlist":
                p = d.add_paragraph(style="List Paragraph")
                _add_numpr(p)
                r = p.add_run(text)
                r.bold = True
            elif mode == "bold":
                p = d.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                r.font.size = Pt(12)
            else:
                raise ValueError(mode)
        elif kind == "h2":
            d.add_heading(b[1], level=2)
        elif kind == "p":
            d.add_paragraph(b[1])
        elif kind == "bullets":
            for it in b[1]:
                d.add_paragraph(it, style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for r in t.cell(i, j).paragraphs[0].runs:
                            r.bold = True
        elif kind == "break":
            d.add_page_break()
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def render_odt(blocks: list, path: Path) -> None:
    """LibreOffice Writer document with real Heading 1 (outline level) paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P

    doc = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    doc.styles.addElement(h1)
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    doc.styles.addElement(title)
    body = Style(name="Text body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    doc.styles.addElement(body)
    col = Style(name="col", family="table-column")
    col.addElement(TableColumnProperties(columnwidth="3.5cm"))
    doc.automaticstyles.addElement(col)
    wide = Style(name="colwide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="11cm"))
    doc.automaticstyles.addElement(wide)
    tstyle = Style(name="tab", family="table")
    from odf.style import TableProperties
    tstyle.addElement(TableProperties(width="17cm", align="left"))
    doc.automaticstyles.addElement(tstyle)
    ntab = 0
    for b in blocks:
        kind = b[0]
        if kind == "title":
            doc.text.addElement(P(stylename=title, text=b[1]))
        elif kind in ("sub", "p"):
            doc.text.addElement(P(stylename=body, text=b[1]))
        elif kind in ("H", "h"):
            text = b[2] if kind == "H" else b[1]
            doc.text.addElement(H(outlinelevel=1, stylename=h1, text=text))
        elif kind == "bullets":
            lst = List()
            for it in b[1]:
                li = ListItem()
                li.addElement(P(stylename=body, text=it))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif kind == "table":
            ntab += 1
            rows = b[1]
            t = Table(name=f"Tableau{ntab}", stylename=tstyle)
            for k, _ in enumerate(rows[0]):
                t.addElement(TableColumn(stylename=wide if k == 0 and len(rows[0]) == 2 else col))
            for row in rows:
                tr = TableRow()
                for cell in row:
                    tc = TableCell(valuetype="string")
                    tc.addElement(P(text=cell))
                    tr.addElement(tc)
                t.addElement(tr)
            doc.text.addElement(t)
        elif kind == "break":
            pass
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    doc.write(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def render_text(blocks: list, heading_fmt=lambda t: t, bullet: str = "- ") -> str:
    """Plain-text body of an email."""
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind in ("title", "sub", "p"):
            out += [b[1], ""]
        elif kind in ("H", "h"):
            out += [heading_fmt(b[2] if kind == "H" else b[1]), ""]
        elif kind == "bullets":
            out += [bullet + it for it in b[1]] + [""]
        elif kind == "table":
            out += [" | ".join(r) for r in b[1]] + [""]
        elif kind == "raw":
            out += b[1].split("\n")
    return "\n".join(out)


def html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html_blocks(blocks: list, heading_html) -> str:
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            out.append(f"<p><b><font size=\"4\">{html_escape(b[1])}</font></b></p>")
        elif kind in ("sub", "p"):
            out.append(f"<p>{html_escape(b[1])}</p>")
        elif kind in ("H", "h"):
            out.append(heading_html(html_escape(b[2] if kind == "H" else b[1])))
        elif kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{html_escape(i)}</li>" for i in b[1]) + "</ul>")
        elif kind == "table":
            rows = []
            for i, r in enumerate(b[1]):
                tag = "th" if i == 0 else "td"
                rows.append("<tr>" + "".join(f"<{tag}>{html_escape(c)}</{tag}>" for c in r) + "</tr>")
            out.append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">"
                       + "".join(rows) + "</table>")
    return "\n".join(out)


def html_to_text(html: str) -> str:
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("style", "script", "head"):
                self.skip += 1
            if tag in ("p", "br", "div", "tr", "li", "h1", "h2", "h3", "table"):
                self.parts.append("\n")
            if tag in ("td", "th"):
                self.parts.append(" ")

        def handle_endtag(self, tag):
            if tag in ("style", "script", "head"):
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    p = P()
    p.feed(html)
    return "".join(p.parts)


# =========================================================================== budgets

class Budget:
    """Expense lines (label, category, amount), resources, declared total.

    ``lines`` are the lines as they count (details, not subtotals); ``anact`` the amount asked;
    ``cofin`` [(label, amount, nature)]; ``declared_total`` what the applicant writes as total.
    """

    def __init__(self, lines, anact, cofin, declared_total=None):
        self.lines = lines
        self.anact = float(anact)
        self.cofin = [(lab, float(a), n) for lab, a, n in cofin]
        self.declared_total = declared_total

    def cat_total(self, cat: str) -> float:
        return float(sum(a for _, c, a in self.lines if c == cat))

    @property
    def sum_lines(self) -> float:
        return float(sum(a for _, _, a in self.lines))

    @property
    def total_cost(self) -> float:
        return float(self.declared_total) if self.declared_total is not None else self.sum_lines

    @property
    def cofin_amount(self) -> float:
        return float(sum(a for _, a, _ in self.cofin))

    def has(self, cat: str) -> bool:
        return any(c == cat for _, c, _ in self.lines)

    def label(self) -> dict:
        out = {"total_cost": self.total_cost, "anact_request": self.anact,
               "totals": {c: self.cat_total(c) for c in CATS}}
        if self.cofin:
            out["cofinancing"] = {"amount": self.cofin_amount,
                                  "share": round(self.cofin_amount / self.total_cost, 4)}
        return out


def write_xlsx_budget(path: Path, title: str, groups: list, resources: list,
                      note: str = "", sheet: str = "Budget") -> None:
    """groups: [(category title, [(label, qty, unit_price) or (label, None, amount)])];
    resources: [(label, amount or None for 'total minus others')].
    Formulas everywhere; LibreOffice computes and caches the values."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    ws["A1"].font = openpyxl.styles.Font(bold=True, size=13)
    if note:
        ws["A2"] = note
    r = 4
    for c, h in enumerate(["Poste de dépense", "Quantité (jours / unités)", "Coût unitaire HT (€)",
                           "Montant HT (€)"], 1):
        ws.cell(r, c, h).font = openpyxl.styles.Font(bold=True)
    r += 1
    subtotal_cells = []
    for gtitle, items in groups:
        ws.cell(r, 1, gtitle).font = openpyxl.styles.Font(bold=True)
        head = r
        r += 1
        first = r
        for label, qty, price in items:
            ws.cell(r, 1, "   " + label)
            if qty is not None:
                ws.cell(r, 2, qty)
                ws.cell(r, 3, price)
                ws.cell(r, 4, f"=B{r}*C{r}")
            else:
                ws.cell(r, 4, price)
            r += 1
        ws.cell(head, 4, f"=SUM(D{first}:D{r - 1})").font = openpyxl.styles.Font(bold=True)
        subtotal_cells.append(f"D{head}")
    ws.cell(r, 1, "TOTAL DES DÉPENSES").font = openpyxl.styles.Font(bold=True)
    ws.cell(r, 4, "=" + "+".join(subtotal_cells)).font = openpyxl.styles.Font(bold=True)
    total_row = r
    r += 2
    ws.cell(r, 1, "PLAN DE FINANCEMENT").font = openpyxl.styles.Font(bold=True)
    r += 1
    ws.cell(r, 1, "Ressource")
    ws.cell(r, 4, "Montant (€)")
    ws.cell(r, 5, "Part")
    r += 1
    rfirst = r
    others = []
    plug = None
    for label, amount in resources:
        ws.cell(r, 1, label)
        if amount is None:
            plug = r
        else:
            ws.cell(r, 4, amount)
            others.append(f"D{r}")
        ws.cell(r, 5, f"=D{r}/D${total_row}")
        ws.cell(r, 5).number_format = "0.0%"
        r += 1
    if plug is not None:
        ws.cell(plug, 4, f"=D{total_row}-" + "-".join(others) if others else f"=D{total_row}")
    ws.cell(r, 1, "TOTAL DES RESSOURCES").font = openpyxl.styles.Font(bold=True)
    ws.cell(r, 4, f"=SUM(D{rfirst}:D{r - 1})")
    ws.cell(r, 5, f"=D{r}/D${total_row}")
    ws.column_dimensions["A"].width = 58
    for col in "BCD":
        ws.column_dimensions[col].width = 18
    for row in ws.iter_rows(min_row=5, max_row=r, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0 €"
    tmp = WORK / "xlsx_src"
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / path.name
    wb.save(src)
    out = soffice_convert(src, "xlsx", WORK / "xlsx_out")
    path.write_bytes(normalise_zip(out.read_bytes()))


def budget_from_groups(cat_of: dict, groups: list) -> list:
    """[(label, category, amount)] from the xlsx groups (computed like the spreadsheet)."""
    lines = []
    for gtitle, items in groups:
        for label, qty, price in items:
            amount = qty * price if qty is not None else price
            lines.append((label, cat_of[gtitle], float(amount)))
    return lines


# =========================================================================== MIME

def qp(text: str, charset: str) -> str:
    enc = quopri.encodestring(text.encode(charset)).decode("ascii")
    return enc


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").rstrip("\n")


def ew_q(text: str, charset: str = "utf-8", upper: bool = False) -> str:
    """RFC 2047 Q encoded word(s), split so that each stays under 75 characters."""
    cs = charset.upper() if upper else charset
    pieces, cur = [], ""
    for ch in text:
        bs = ch.encode(charset)
        enc = "".join(chr(b) if (chr(b).isalnum() or chr(b) in "!*+-/") and b < 128
                      else ("_" if b == 32 else f"={b:02X}") for b in bs)
        if len(cur) + len(enc) > 75 - len(cs) - 7:
            pieces.append(cur)
            cur = ""
        cur += enc
    pieces.append(cur)
    return " ".join(f"=?{cs}?Q?{p}?=" for p in pieces)


def ew_b(text: str, charset: str = "UTF-8") -> str:
    """RFC 2047 B encoded word(s), split on characters so each word stays short."""
    out, cur = [], ""
    for ch in text:
        if len(base64.b64encode((cur + ch).encode(charset))) > 75 - len(charset) - 7:
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    return " ".join(f"=?{charset}?B?{base64.b64encode(p.encode(charset)).decode()}?=" for p in out)


def rfc2231(param: str, value: str, charset: str = "utf-8", split: int = 0) -> str:
    enc = urllib.parse.quote(value, safe="", encoding=charset)
    if not split:
        return f"{param}*={charset}''{enc}"
    chunks, cur = [], ""
    i = 0
    while i < len(enc):
        step = 3 if enc[i] == "%" else 1
        if len(cur) + step > split:
            chunks.append(cur)
            cur = ""
        cur += enc[i:i + step]
        i += step
    chunks.append(cur)
    parts = []
    for n, c in enumerate(chunks):
        prefix = f"{charset}''" if n == 0 else ""
        parts.append(f"{param}*{n}*={prefix}{c}")
    return ";\n ".join(parts)


def leaf(ctype: str, body: str, cte: str | None = None, extra: list[str] | None = None) -> str:
    h = [f"Content-Type: {ctype}"]
    if cte:
        h.append(f"Content-Transfer-Encoding: {cte}")
    h += extra or []
    return "\n".join(h) + "\n\n" + body.rstrip("\n") + "\n"


def multipart(subtype: str, boundary: str, parts: list[str], preamble: str = "",
              extra_params: str = "", extra: list[str] | None = None) -> str:
    h = [f"Content-Type: multipart/{subtype};{extra_params}\n\tboundary=\"{boundary}\""]
    h += extra or []
    body = ""
    if preamble:
        body += preamble + "\n"
    for p in parts:
        body += f"\n--{boundary}\n" + p
    body += f"\n--{boundary}--\n"
    return "\n".join(h) + "\n" + body


def message(headers: list[str], body_part: str) -> bytes:
    text = "\n".join(headers) + "\n" + body_part
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


# =========================================================================== labels

def flag(code, target="", severity="blocking"):
    return {"code": code, "target": target, "severity": severity}


def subject_names_call(subject: str) -> bool:
    import unicodedata
    s = unicodedata.normalize("NFKD", subject)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return "fabrique cto" in s or "manifestation d'interet" in s


def label(case: str, *, sections: dict, budget: Budget | None, partners: list[str],
          attachments: list[tuple[str, str]], msg: dict, received: datetime,
          project: dict | None, body_proposal: bool, not_a_proposal: bool = False,
          extra_flags: list | None = None) -> dict:
    """The dossier the contract asks for, from the case's specification."""
    flags = []
    readable = [n for n, st in attachments if st != "skipped"]
    if not readable and not body_proposal:
        flags.append(flag("no_proposal_document"))
    for name, st in attachments:
        if st in ("encrypted", "unreadable", "unsupported"):
            flags.append(flag("unreadable_attachment", name, "warning"))
        if st == "scanned":
            flags.append(flag("scanned_document", name, "warning"))
    full_sections = {}
    for sid in SIDS:
        if sid in sections:
            full_sections[sid] = sections[sid]
        else:
            full_sections[sid] = {"present": False}
            flags.append(flag("missing_section", sid))
    if budget is None:
        flags.append(flag("missing_budget"))
        blabel = {"total_cost": None, "anact_request": None}
    else:
        blabel = budget.label()
        if not budget.has("personnel"):
            flags.append(flag("missing_budget_item", "personnel"))
        if not budget.cofin:
            flags.append(flag("missing_budget_item", "cofinancement"))
        for cat in ("deplacements_logistique", "prestations"):
            if not budget.has(cat):
                flags.append(flag("missing_budget_item", cat, "warning"))
        if budget.declared_total is not None and abs(budget.declared_total - budget.sum_lines) > 1:
            flags.append(flag("budget_total_mismatch", "", "warning"))
        if budget.anact > CAP:
            flags.append(flag("anact_request_over_cap"))
        if budget.cofin and budget.cofin_amount / budget.total_cost < 0.2 - 1e-12:
            flags.append(flag("cofinancing_below_minimum"))
        for lab, cat, _ in budget.lines:
            if cat == "autre":
                flags.append(flag("ineligible_expense", lab, "warning"))
        # arithmetic of the plan: resources cover the total
        assert abs(budget.anact + budget.cofin_amount - budget.total_cost) < 0.01 or \
            getattr(budget, "unbalanced_ok", False), (case, budget.anact, budget.cofin_amount)
    if received > DEADLINE:
        flags.append(flag("late_submission"))
    if project:
        end = project["end"]
        if (end if len(end) == 10 else end + "-01") > END_LIMIT and not (
                len(end) == 7 and end == END_LIMIT[:7]):
            flags.append(flag("project_end_after_limit"))
    if not subject_names_call(msg["subject"]):
        flags.append(flag("subject_mismatch", "", "warning"))
    flags += extra_flags or []
    blocking = any(f["severity"] == "blocking" for f in flags)
    bad_file = any(st in ("scanned", "encrypted", "unreadable") for _, st in attachments)
    if received > DEADLINE:
        decision = "late"
    elif not_a_proposal:
        decision = "not_a_proposal"
    elif bad_file and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    out = {"case": case, "decision": decision, "flags": flags, "sections": full_sections,
           "budget": blabel, "partners": [{"name": p} for p in partners],
           "attachments": [{"filename": n, "status": s} for n, s in attachments],
           "message": msg}
    if project:
        out["project"] = project
    return out


def project_dates(start: str, end: str, duration: int | None = None) -> dict:
    d = months_between(start, end)
    if duration is not None:
        assert duration == d, (start, end, duration, d)
    return {"start": start, "end": end, "duration_months": d}


def write_case(cid: str, eml: bytes, lab: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{cid}.eml").write_bytes(eml)
    (CASES / f"{cid}.expected.json").write_text(
        json.dumps(lab, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(cid, lab["decision"], [f["code"] + ("(" + f["target"] + ")" if f["target"] else "")
                                 for f in lab["flags"]])


def logo_png(text: str, color: tuple, size=(180, 60)) -> bytes:
    img = Image.new("RGB", size, color)
    d = ImageDraw.Draw(img)
    d.rectangle([4, 4, size[0] - 5, size[1] - 5], outline=(255, 255, 255), width=2)
    d.text((14, size[1] // 2 - 6), text, fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def std_partners_block(partners: list[tuple[str, str]]) -> list[str]:
    return [f"{n} : {c}" for n, c in partners]


# =========================================================================== case 01
# Cabinet-conseil, Outlook (Exchange Online): multipart/mixed > related > alternative,
# Windows-1252 quoted-printable, inline logo (cid), DOCX with Word heading styles and an
# XLSX budget with formulas; RFC 2047 (ISO-8859-1, Q) attachment names.

def case01() -> None:
    cid = "h3c-01"
    docname = "Trajectoires - Réponse AMI Fabrique CTO.docx"
    xlsname = "Budget prévisionnel Trajectoires.xlsx"
    groups = [
        ("Dépenses de personnel", [
            ("Directrice associée - pilotage et comités (jours)", 12, 800),
            ("Consultante senior - animation des ateliers (jours)", 40, 650),
            ("Chargé d'études - veille et capitalisation (jours)", 25, 450)]),
        ("Frais de déplacement et de logistique", [
            ("Déplacements Lyon - vallée de l'Arve (allers-retours)", 14, 170),
            ("Location de salles et restauration des ateliers", None, 1820)]),
        ("Achats de prestations", [
            ("Facilitation graphique des ateliers (prestataire)", None, 4500),
            ("Réalisation de capsules vidéo (prestataire)", None, 3000)]),
    ]
    cat_of = {"Dépenses de personnel": "personnel",
              "Frais de déplacement et de logistique": "deplacements_logistique",
              "Achats de prestations": "prestations"}
    lines = budget_from_groups(cat_of, groups)
    total = sum(a for _, _, a in lines)
    assert total == 58550, total
    resources = [("Autofinancement Trajectoires Conseil", 8550),
                 ("Région Auvergne-Rhône-Alpes (sollicité)", 4000),
                 ("Anact - La Fabrique CTO (demande)", None)]
    anact = total - 8550 - 4000
    assert anact == 46000
    budget = Budget(lines, anact, [("Autofinancement Trajectoires Conseil", 8550, "autofinancement"),
                                   ("Région Auvergne-Rhône-Alpes (sollicité)", 4000, "subvention")],
                    declared_total=total)
    partners = [("Aract Auvergne-Rhône-Alpes",
                 "apport d'expertise sur les conditions de travail, co-animation du comité technique"),
                ("Pôle Mont-Blanc Industries",
                 "mobilisation des entreprises adhérentes, accueil des ateliers inter-entreprises"),
                ("Union départementale CFE-CGC de Haute-Savoie",
                 "formation des élus et participation au comité de pilotage")]
    blocks = [
        ("title", "DIALOG'ARVE : outiller le dialogue social technologique dans les PME du décolletage"),
        ("sub", "Réponse à l'appel à manifestation d'intérêt « La Fabrique CTO » - Cabinet Trajectoires Conseil, Lyon"),
        ("H", "contexte", "1. Contexte et origine du projet"),
        ("p", "Depuis 2020, les entreprises du décolletage de la vallée de l'Arve investissent massivement "
              "dans la supervision des machines, le MES et la traçabilité numérique exigée par leurs donneurs "
              "d'ordre de l'automobile et du médical. Ces outils arrivent le plus souvent par la DSI ou par "
              "l'intégrateur, sans que les opérateurs régleurs ni les élus du CSE soient associés à leur choix."),
        ("p", "Notre cabinet intervient depuis huit ans auprès de ces PME sur la qualité de vie et des conditions "
              "de travail ; les diagnostics menés en 2021 dans onze entreprises montrent une montée des "
              "tensions liées au suivi en temps réel de la performance des postes."),
        ("H", "problematique", "2. La question que nous voulons traiter"),
        ("p", "Comment faire de l'arrivée d'un outil de pilotage numérique de l'atelier un objet de dialogue "
              "entre direction, encadrement de proximité, opérateurs et représentants du personnel, plutôt "
              "qu'un simple projet technique confié à l'intégrateur ?"),
        ("H", "objectifs", "3. Objectifs poursuivis"),
        ("bullets", ["Construire avec six PME une méthode d'analyse partagée des usages des outils de supervision ;",
                     "Outiller les élus et les managers pour discuter des paramétrages (indicateurs, alertes, "
                     "données conservées) ;",
                     "Formaliser un accord de méthode type, réutilisable par d'autres entreprises de la filière."]),
        ("H", "cibles", "4. Publics visés"),
        ("p", "Six PME de 40 à 250 salariés du décolletage et de la mécanique de précision, volontaires, "
              "engagées dans un projet de MES ou de supervision ; dans chacune, un binôme direction / CSE, "
              "deux managers de proximité et un groupe de six à huit opérateurs régleurs."),
        ("H", "methodologie", "5. Démarche méthodologique"),
        ("p", "La démarche combine des observations de l'activité au poste, des ateliers de simulation sur "
              "maquette de l'outil et des temps de négociation outillée. Chaque entreprise constitue un groupe "
              "de travail paritaire qui examine les écrans, les indicateurs et les règles d'alerte avant leur "
              "mise en service, puis lors des premières semaines d'usage."),
        ("p", "Des ateliers inter-entreprises permettent de comparer les choix et de construire une grille "
              "commune de questions à se poser avant tout déploiement."),
        ("H", "phasage", "6. Phasage détaillé"),
        ("p", "Le projet se déroule d'octobre 2022 à novembre 2023, en quatre phases :"),
        ("table", [["Phase", "Période", "Contenu"],
                   ["1. Lancement et diagnostic", "octobre - décembre 2022",
                    "recrutement des six PME, entretiens, observations au poste"],
                   ["2. Ateliers de simulation", "janvier - avril 2023",
                    "trois ateliers par entreprise sur maquette de l'outil"],
                   ["3. Expérimentation et suivi", "mai - septembre 2023",
                    "mise en service accompagnée, suivi des indicateurs et des alertes"],
                   ["4. Capitalisation", "octobre - novembre 2023",
                    "accord de méthode type, guide et capsules vidéo, restitution"]]),
        ("H", "pilotage", "7. Gouvernance : pilotage et comitologie"),
        ("p", "Un comité de pilotage réunit tous les trimestres l'Aract, le Pôle Mont-Blanc Industries, "
              "l'UD CFE-CGC, un représentant de chaque entreprise et le cabinet. Un comité technique mensuel "
              "(cabinet et Aract) prépare les ateliers et suit l'avancement."),
        ("H", "resultats", "8. Résultats attendus"),
        ("bullets", ["six démarches de déploiement discutées et ajustées avec les salariés ;",
                     "une grille de questions partagée et un accord de méthode type ;",
                     "un guide de 20 pages et quatre capsules vidéo diffusables dans la filière."]),
        ("H", "perennisation", "9. Pérennisation et essaimage"),
        ("p", "Le Pôle Mont-Blanc Industries intègrera la grille et l'accord de méthode à son offre de "
              "services aux adhérents ; l'Aract pourra diffuser le guide dans son réseau. Nous proposerons "
              "la démarche à d'autres bassins industriels de la région à partir de 2024."),
        ("H", "partenaires", "10. Partenaires mobilisés et contributions attendues"),
        ("bullets", std_partners_block(partners)),
        ("h", "11. Budget"),
        ("p", f"Le budget détaillé figure dans le classeur joint ({xlsname}). Coût total du projet : "
              f"{eur(total)} € HT ; montant sollicité auprès de l'Anact : {eur(anact)} € ; "
              f"co-financements : {eur(budget.cofin_amount)} € (autofinancement et Région)."),
    ]
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    render_docx(blocks, work / docname, mode="styles", author="Hélène Vasseur")
    write_xlsx_budget(work / xlsname, "Projet DIALOG'ARVE - Budget prévisionnel (€ HT)", groups, resources,
                      note="Cabinet Trajectoires Conseil - AMI La Fabrique CTO")
    sections = section_labels(blocks, docname)

    # ---- mail (Outlook / Exchange Online)
    bnd_mixed = "_006_PR3P192MB07149C1E5A2B4F0D8E3AB7C6F1D2E0A9PR3P192MB0714EURP_"
    bnd_rel = "_005_PR3P192MB07149C1E5A2B4F0D8E3AB7C6F1D2E0A9PR3P192MB0714EURP_"
    bnd_alt = "_000_PR3P192MB07149C1E5A2B4F0D8E3AB7C6F1D2E0A9PR3P192MB0714EURP_"
    plain = ("Bonjour,\n\n"
             "Veuillez trouver ci-joint la réponse du cabinet Trajectoires Conseil à l’appel à "
             "manifestation d’intérêt « La Fabrique CTO » : la description du projet DIALOG'ARVE "
             "(Word) et son budget prévisionnel (Excel).\n\n"
             f"Le coût total du projet s’élève à {eur(total)} € HT.\n\n"
             "Je reste à votre disposition pour tout complément.\n\n"
             "Bien cordialement,\n\n"
             "Hélène Vasseur\nDirectrice associée\n[cid:image001.png@01D8B63C.7A1E2F60]\n"
             "Trajectoires Conseil – 12 rue Servient, 69003 Lyon\n04 78 00 00 00\n")
    html = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n"
            "<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1252\">\n"
            "<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\n"
            "<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:Calibri;}\n"
            "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\n"
            "--></style>\n</head>\n<body lang=\"FR\" link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\">\n"
            "<div class=\"WordSection1\">\n"
            "<p class=\"MsoNormal\">Bonjour,<o:p></o:p></p>\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\">Veuillez trouver ci-joint la réponse du cabinet Trajectoires Conseil à "
            "l’appel à manifestation d’intérêt «&nbsp;La Fabrique CTO&nbsp;»&nbsp;: la description du projet "
            "DIALOG'ARVE (Word) et son budget prévisionnel (Excel).<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            f"<p class=\"MsoNormal\">Le coût total du projet s’élève à {eur(total).replace(' ', '&nbsp;')}&nbsp;€ HT.<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\">Je reste à votre disposition pour tout complément.<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n<p class=\"MsoNormal\">Bien cordialement,<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\"><b>Hélène Vasseur</b><br>Directrice associée<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><img width=\"180\" height=\"60\" style=\"width:1.875in;height:.625in\" "
            "id=\"Image_x0020_1\" src=\"cid:image001.png@01D8B63C.7A1E2F60\" alt=\"Trajectoires Conseil\"><o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><span style=\"font-size:9.0pt;color:gray\">Trajectoires Conseil – 12 rue "
            "Servient, 69003 Lyon<br>04 78 00 00 00</span><o:p></o:p></p>\n</div>\n</body>\n</html>\n")
    logo = logo_png("TRAJECTOIRES", (23, 74, 120))
    docx_bytes = (work / docname).read_bytes()
    xlsx_bytes = (work / xlsname).read_bytes()

    def outlook_att(name, ctype, data, cdate):
        enc = ew_q(name, "iso-8859-1")
        return leaf(f"{ctype};\n\tname=\"{enc}\"", b64(data), "base64",
                    [f"Content-Description: {enc}",
                     f"Content-Disposition: attachment;\n\tfilename=\"{enc}\"; size={len(data)};\n"
                     f"\tcreation-date=\"{cdate}\";\n\tmodification-date=\"{cdate}\""])

    alt = multipart("alternative", bnd_alt, [
        leaf("text/plain; charset=\"Windows-1252\"", qp(plain, "cp1252"), "quoted-printable"),
        leaf("text/html; charset=\"Windows-1252\"", qp(html, "cp1252"), "quoted-printable")])
    rel = multipart("related", bnd_rel, [
        alt,
        leaf("image/png; name=\"image001.png\"", b64(logo), "base64",
             ["Content-Description: image001.png",
              f"Content-Disposition: inline; filename=\"image001.png\"; size={len(logo)};\n"
              "\tcreation-date=\"Mon, 22 Aug 2022 16:37:11 GMT\";\n"
              "\tmodification-date=\"Mon, 22 Aug 2022 16:37:11 GMT\"",
              "Content-ID: <image001.png@01D8B63C.7A1E2F60>"])],
        extra_params="\n\ttype=\"multipart/alternative\";")
    mixed = multipart("mixed", bnd_mixed, [
        rel,
        outlook_att(docname, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    docx_bytes, "Mon, 22 Aug 2022 16:30:02 GMT"),
        outlook_att(xlsname, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    xlsx_bytes, "Mon, 22 Aug 2022 16:31:47 GMT")])
    subject = "Réponse AMI « La Fabrique CTO » - Cabinet Trajectoires Conseil"
    msgid = "<PR3P192MB07149C1E5A2B4F0D8E3AB7C6F1D2E0A9@PR3P192MB0714.EURP192.PROD.OUTLOOK.COM>"
    headers = [
        "Received: from PR3P192MB0714.EURP192.PROD.OUTLOOK.COM ([fe80::5c1:9a2b:3c4d:5e6f]) by",
        " PR3P192MB0714.EURP192.PROD.OUTLOOK.COM ([fe80::5c1:9a2b:3c4d:5e6f%6]) with mapi id",
        " 15.20.5546.022; Mon, 22 Aug 2022 16:37:12 +0000",
        f"From: {ew_q('Hélène Vasseur', 'iso-8859-1')} <h.vasseur@trajectoires-conseil.fr>",
        "To: \"fabrique@anact.fr\" <fabrique@anact.fr>",
        f"Subject: {ew_q(subject, 'iso-8859-1')}",
        f"Thread-Topic: {ew_q(subject, 'iso-8859-1')}",
        "Thread-Index: Adi2PHoeL2BvZ2lxQSuVQm9x1F3k2A==",
        "Date: Mon, 22 Aug 2022 16:37:12 +0000",
        f"Message-ID: {msgid}",
        "Accept-Language: fr-FR, en-US",
        "Content-Language: fr-FR",
        "X-MS-Has-Attach: yes",
        "X-MS-TNEF-Correlator:",
        "MIME-Version: 1.0",
    ]
    eml = message(headers, mixed)
    attachments = [("image001.png", "skipped"), (docname, "parsed"), (xlsname, "parsed")]
    msg = {"message_id": msgid, "from": "h.vasseur@trajectoires-conseil.fr", "subject": subject,
           "date": "2022-08-22T16:37:12+00:00"}
    lab = label("Cabinet-conseil, Outlook (related+alternative, Windows-1252 QP, logo inline), DOCX à "
                "styles de titre + budget XLSX à formules, noms RFC 2047 ISO-8859-1 ; complet",
                sections=sections, budget=budget, partners=[p for p, _ in partners],
                attachments=attachments, msg=msg,
                received=datetime(2022, 8, 22, 16, 37, 12, tzinfo=timezone.utc),
                project=project_dates("2022-10", "2023-11", 14), body_proposal=False)
    write_case(cid, eml, lab)


# =========================================================================== case 02
# Association, Thunderbird, the whole proposal in a plain-text body, ISO-8859-1
# quoted-printable (no euro sign in Latin-1: "euros"), budget as a list with "dont" lines,
# co-financing exactly 20 %.

def case02() -> None:
    cid = "h3c-02"
    pers = [("coordinatrice de l'association (30 jours)", 10500.0),
            ("animateur numérique (40 jours)", 13500.0)]
    depl, presta = 4000.0, 7000.0
    lines = [(l, "personnel", a) for l, a in pers] + [
        ("Frais de déplacement et logistique (réunions, salles, repas)", "deplacements_logistique", depl),
        ("Prestations (juriste en droit social, graphiste)", "prestations", presta)]
    total = sum(a for _, _, a in lines)
    assert total == 35000
    cofin = [("Autofinancement de l'association", 3000.0, "autofinancement"),
             ("Fondation Crédit Coopératif (demande déposée en juin)", 4000.0, "subvention")]
    anact = total - sum(a for _, a, _ in cofin)
    assert anact == 28000 and sum(a for _, a, _ in cofin) / total == 0.2
    budget = Budget(lines, anact, cofin, declared_total=total)
    partners = [("la CAPEB d'Ille-et-Vilaine", "relais auprès des artisans, accueil de deux réunions"),
                ("l'Aract Bretagne", "regard sur les conditions de travail, relecture du guide"),
                ("la Maison de l'emploi du Pays de Rennes", "mise à disposition de salles, diffusion")]
    ptp = sum(a for _, a in pers)
    budget_text = "\n".join([
        f"Dépenses de personnel : {eur(ptp)} euros",
        *[f"   - dont {l} : {eur(a)}" for l, a in pers],
        f"Frais de déplacement et logistique (réunions, salles, repas) : {eur(depl)} euros",
        f"Prestations (juriste en droit social, graphiste) : {eur(presta)} euros",
        f"TOTAL DU PROJET : {eur(total)} euros",
        "",
        "Ressources :",
        f"   - Autofinancement de l'association : {eur(cofin[0][1])} euros",
        f"   - Fondation Crédit Coopératif (demande déposée en juin) : {eur(cofin[1][1])} euros",
        f"   - Demande à l'Anact : {eur(anact)} euros, soit 80 % du coût total",
        ""])
    blocks = [
        ("raw", "Bonjour,\n\nComme nous n'avons pas de traitement de texte à jour à l'association, "
                "je vous envoie notre réponse directement dans ce message. N'hésitez pas à m'appeler "
                "si quelque chose n'est pas clair.\n"),
        ("p", "PROJET « CHANTIERS CONNECTÉS » - Association Cap Travail Numérique (Rennes)"),
        ("H", "contexte", "1/ D'où part le projet"),
        ("p", "Les artisans du bâtiment d'Ille-et-Vilaine se sont équipés en quelques années d'applications "
              "de planning, de pointage géolocalisé et de devis sur tablette. Dans les entreprises de moins "
              "de vingt salariés que nous accompagnons depuis 2017, ces outils ont été installés par le "
              "dirigeant ou son conjoint, sans discussion avec les compagnons."),
        ("H", "objectifs", "2/ Ce que nous voulons atteindre"),
        ("p", "Nous voulons aider dix TPE à ouvrir une discussion sur ces outils : ce qu'ils changent "
              "dans l'organisation des chantiers, ce qui est utile, ce qui doit être réglé autrement. Nous "
              "voulons aussi produire un petit guide pratique pour les autres artisans."),
        ("H", "problematique", "3/ Le problème posé"),
        ("p", "Dans une TPE il n'y a ni CSE ni délégué : comment organiser un dialogue sur les outils "
              "numériques quand la relation de travail est directe, informelle, et que le patron est "
              "souvent lui-même sur le chantier ? Le pointage géolocalisé, en particulier, crée de la "
              "méfiance et parfois des départs."),
        ("H", "cibles", "4/ Qui est concerné ?"),
        ("p", "Dix entreprises artisanales du bâtiment (maçonnerie, couverture, électricité) de 3 à 19 "
              "salariés, leurs dirigeants, leurs compagnons et apprentis, et les conjoints collaborateurs "
              "qui gèrent souvent l'administratif."),
        ("H", "methodologie", "5/ Comment nous allons travailler"),
        ("p", "Nous passons une demi-journée sur un chantier de chaque entreprise pour observer l'usage "
              "réel des applications, puis nous animons dans l'entreprise une « pause outils » d'une heure "
              "avec toute l'équipe. Les questions soulevées sont ensuite reprises dans des réunions "
              "collectives entre artisans, avec l'appui d'une juriste pour les questions de données "
              "personnelles et de temps de travail."),
        ("H", "phasage", "6/ Calendrier et phases"),
        ("p", "Le projet se déroulera de novembre 2022 à octobre 2023."),
        ("bullets", ["Phase 1, novembre 2022 à janvier 2023 : choix des dix entreprises, observations de chantier.",
                     "Phase 2, février à mai 2023 : pauses outils dans les entreprises, deux réunions collectives.",
                     "Phase 3, juin à août 2023 : essais de nouvelles règles d'usage (pointage, planning partagé).",
                     "Phase 4, septembre et octobre 2023 : bilan, rédaction et diffusion du guide."]),
        ("H", "pilotage", "7/ Qui pilote ?"),
        ("p", "Un comité de suivi se réunit trois fois (lancement, mi-parcours, bilan) : deux artisans "
              "volontaires, un compagnon, la CAPEB, l'Aract et notre association. La coordinatrice de "
              "l'association assure le pilotage au quotidien et tient un journal de bord partagé."),
        ("H", "resultats", "8/ Ce que nous attendons du projet"),
        ("p", "Dans chaque entreprise, des règles d'usage discutées et écrites (une page). Pour la "
              "profession, un guide « Parler de ses outils numériques en équipe » et une fiche sur le "
              "pointage géolocalisé."),
        ("H", "perennisation", "9/ Et après : durer et essaimer"),
        ("p", "La CAPEB reprendra la « pause outils » dans ses réunions de secteur et le guide sera "
              "distribué avec les formations au numérique qu'elle propose. Nous souhaitons proposer la "
              "même démarche aux entreprises de la propreté en 2024."),
        ("H", "partenaires", "10/ Nos partenaires"),
        ("bullets", [f"{n[0].upper() + n[1:]} : {c}" for n, c in partners]),
        ("h", "11/ Budget prévisionnel (montants hors taxes)"),
        ("raw", budget_text),
        ("raw", "Merci de votre attention, et bonne fin d'été.\n\nGwenaëlle Le Bihan\n"
                "Coordinatrice - Association Cap Travail Numérique\n02 99 00 00 00\n"),
    ]
    body = render_text(blocks)
    # Latin-1 only: the text must survive ISO-8859-1
    body.encode("iso-8859-1")
    sections = section_labels(blocks, "corps du message")
    subject = "Candidature à l'appel à manifestation d'intérêt La Fabrique CTO"
    msgid = "<3f9e2c1a-7b4d-4e8a-9c1f-2d6b8a0e5f31@captravailnumerique.org>"
    headers = [
        "Received: from [192.168.1.23] (lfbn-ren-1-2345-67.w86-222.abo.wanadoo.fr [86.222.12.34])",
        "\tby smtp.captravailnumerique.org (Postfix) with ESMTPSA id 4M9x2K0c3Lz1Q;",
        "\tFri, 19 Aug 2022 21:14:37 +0200 (CEST)",
        f"Message-ID: {msgid}",
        "Date: Fri, 19 Aug 2022 21:14:36 +0200",
        "MIME-Version: 1.0",
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101",
        " Thunderbird/91.12.0",
        "Content-Language: fr",
        "To: fabrique@anact.fr",
        f"From: {ew_q('Gwenaëlle Le Bihan', 'ISO-8859-1')} <g.lebihan@captravailnumerique.org>",
        f"Subject: {ew_q(subject, 'ISO-8859-1')}",
        "Content-Type: text/plain; charset=ISO-8859-1; format=flowed",
        "Content-Transfer-Encoding: quoted-printable",
    ]
    eml = message(headers, "\n" + qp(body, "iso-8859-1"))
    projet = project_dates("2022-11", "2023-10", 12)
    lab = label("Association, Thunderbird, proposition entière dans le corps texte ISO-8859-1 QP, "
                "budget en liste avec « dont », co-financement exactement 20 % ; complet",
                sections=sections, budget=budget, partners=["CAPEB d'Ille-et-Vilaine", "Aract Bretagne",
                                                            "Maison de l'emploi du Pays de Rennes"],
                attachments=[], msg={"message_id": msgid, "from": "g.lebihan@captravailnumerique.org",
                                     "subject": subject, "date": "2022-08-19T21:14:36+02:00"},
                received=datetime(2022, 8, 19, 21, 14, 36, tzinfo=PARIS), project=projet,
                body_proposal=True)
    write_case(cid, eml, lab)


# =========================================================================== case 03
# Groupement d'employeurs, HCL Notes, HTML-only body (no text/plain), windows-1252 in base64,
# headings as questions in bold-underlined <font>, budget as an HTML table with HT and TTC
# columns (HT wins), day-precise dates.

def case03() -> None:
    cid = "h3c-03"
    rows_spec = [  # (label, category, HT, TTC or None)
        ("Chargée de projet du GE (60 jours)", "personnel", 16800, None),
        ("Responsable RH du GE (15 jours)", "personnel", 6000, None),
        ("Déplacements entre les sites adhérents", "deplacements_logistique", 2100, None),
        ("Salles et repas des groupes d'échange", "deplacements_logistique", 1400, 1680),
        ("Accompagnement par un cabinet d'ergonomie (prestation)", "prestations", 14000, 16800),
        ("Conception d'un livret illustré (graphiste)", "prestations", 2700, 3240),
    ]
    lines = [(l, c, float(ht)) for l, c, ht, _ in rows_spec]
    total_ht = sum(a for _, _, a in lines)
    total_ttc = sum(ttc if ttc is not None else ht for _, _, ht, ttc in rows_spec)
    assert total_ht == 43000 and total_ttc == 46620
    cofin = [("Autofinancement du groupement", 5100.0, "autofinancement"),
             ("OPCO 2i (prise en charge de la formation des référents)", 4000.0, "subvention")]
    anact = total_ht - sum(a for _, a, _ in cofin)
    assert anact == 33900
    budget = Budget(lines, anact, cofin, declared_total=total_ht)
    partners = [("Aract Normandie", "appui méthodologique et participation au comité de pilotage"),
                ("Verallia Bresle Services", "entreprise adhérente pilote, ouverture de ses ateliers"),
                ("Communauté de communes des Villes Sœurs", "mise à disposition de salles, relais territorial")]
    table = [["Poste", "Montant HT (€)", "Montant TTC (€)"]]
    for l, c, ht, ttc in rows_spec:
        table.append([l, eur(ht), eur(ttc) if ttc is not None else "—"])
    table.append(["Total des dépenses", eur(total_ht), eur(total_ttc)])
    table.append(["Autofinancement du groupement", eur(cofin[0][1]), ""])
    table.append(["OPCO 2i (prise en charge de la formation des référents)", eur(cofin[1][1]), ""])
    table.append(["Subvention demandée à l'Anact", eur(anact), ""])
    blocks = [
        ("p", "Madame, Monsieur,"),
        ("p", "Le Groupement d'employeurs Bresle Industries souhaite répondre à l'appel à manifestation "
              "d'intérêt « La Fabrique CTO ». Vous trouverez notre proposition ci-dessous, en suivant les "
              "questions de l'appel."),
        ("H", "contexte", "Quel est le contexte du projet ?"),
        ("p", "Notre groupement emploie 74 salariés à temps partagé entre 23 entreprises du flaconnage, de "
              "la mécanique et de la logistique de la vallée de la Bresle. Chacun travaille dans deux ou "
              "trois entreprises par semaine, et donc avec deux ou trois logiciels de planification, de "
              "badgeage et de gestion de production différents."),
        ("H", "objectifs", "Quels objectifs poursuivez-vous ?"),
        ("p", "Faire reconnaître la charge liée à cette multiplicité d'outils, construire avec les "
              "entreprises adhérentes des règles communes d'accès et de formation, et former dix "
              "salariés référents capables de porter la parole de leurs collègues sur ces sujets."),
        ("H", "problematique", "Quelle problématique souhaitez-vous traiter ?"),
        ("p", "Le salarié à temps partagé n'est représenté dans aucune des entreprises où il travaille "
              "réellement : ni le CSE du groupement ni ceux des adhérents ne discutent des outils qu'il "
              "utilise. Comment construire un dialogue social technologique pour ces salariés "
              "« entre deux entreprises » ?"),
        ("H", "cibles", "Quels publics et quelles entreprises ciblez-vous ?"),
        ("p", "Les 74 salariés du groupement, en priorité les 31 qui interviennent dans trois entreprises "
              "ou plus ; les responsables de production et les dirigeants de huit entreprises adhérentes "
              "volontaires ; le CSE du groupement."),
        ("H", "methodologie", "Comment comptez-vous procéder ?"),
        ("p", "Avec un cabinet d'ergonomie, nous cartographions pour chaque salarié les outils utilisés et "
              "les moments de bascule d'un environnement à l'autre. Des groupes d'échange mêlant salariés, "
              "responsables de production et élus examinent ces cartes et proposent des règles : "
              "identifiants uniques, temps de prise en main rémunéré, référent numérique par site."),
        ("H", "phasage", "Quel phasage prévoyez-vous ?"),
        ("p", "Le projet commencera le 9 janvier 2023 et se terminera le 27 octobre 2023 :"),
        ("bullets", ["du 9 janvier au 31 mars 2023 : cartographie des outils et entretiens individuels ;",
                     "d'avril à juin 2023 : quatre groupes d'échange et formation des référents ;",
                     "de juillet à septembre 2023 : essai des règles communes chez huit adhérents ;",
                     "du 2 au 27 octobre 2023 : bilan, livret illustré et assemblée des adhérents."]),
        ("H", "pilotage", "Comment le projet sera-t-il piloté ?"),
        ("p", "Le conseil d'administration du groupement désigne un comité de pilotage de sept membres "
              "(deux dirigeants adhérents, deux élus du CSE, l'Aract, la chargée de projet et la "
              "responsable RH) qui se réunit en janvier, en mai et en octobre. Une réunion de suivi "
              "mensuelle associe le cabinet d'ergonomie."),
        ("H", "resultats", "Quels résultats attendez-vous ?"),
        ("p", "Une charte des outils numériques du groupement signée par les adhérents, dix référents "
              "formés, un livret illustré remis à chaque nouveau salarié et une baisse mesurée des "
              "difficultés signalées lors des entretiens annuels."),
        ("H", "perennisation", "Comment pérenniser et essaimer la démarche ?"),
        ("p", "La charte sera annexée au contrat d'adhésion au groupement. Nous présenterons la démarche "
              "à la fédération nationale des groupements d'employeurs, qui compte plus de 4 000 structures "
              "confrontées à la même situation."),
        ("H", "partenaires", "Avec quels partenaires ?"),
        ("bullets", std_partners_block(partners)),
        ("h", "Quel budget ?"),
        ("table", table),
        ("p", f"Soit un coût total de {eur(total_ht)} € HT et une demande à l'Anact de {eur(anact)} €."),
        ("p", "Restant à votre disposition,"),
    ]

    def heading_html(t: str) -> str:
        return f"<br><b><u><font size=3 face=\"sans-serif\">{t}</font></u></b><br>"

    inner = render_html_blocks(blocks, heading_html)
    html = ("<html><body><font size=2 face=\"sans-serif\">\n" + inner +
            "\n<br><br><font size=2 face=\"sans-serif\">Jean-Pierre Lemaire<br>Directeur<br>"
            "Groupement d'employeurs Bresle Industries<br>ZI de la Bresle - 76260 Eu</font>"
            "\n</font></body></html>\n")
    html.encode("cp1252")
    sections = section_labels(blocks, "corps du message")
    subject = "AMI La Fabrique CTO - proposition du GE Bresle Industries"
    msgid = "<OF5C2A1B7E.3D4F6A80-ONC12588A6.0047E2B1-C12588A6.0048F0D3@ge-bresle.fr>"
    headers = [
        "Received: from srv-dom01.ge-bresle.fr ([10.10.1.5]) by mx.ge-bresle.fr",
        "\twith ESMTP id 1oQTm7-0003Hs-3K; Tue, 23 Aug 2022 15:15:04 +0200",
        "MIME-Version: 1.0",
        f"Subject: {subject}",
        "To: fabrique@anact.fr",
        "X-KeepSent: 5C2A1B7E:3D4F6A80-C12588A6:0047E2B1; type=4; name=$KeepSent",
        "X-Mailer: HCL Notes Release 11.0.1FP4 February 11, 2022",
        f"Message-ID: {msgid}",
        "From: \"Jean-Pierre LEMAIRE\" <jp.lemaire@ge-bresle.fr>",
        "Date: Tue, 23 Aug 2022 15:15:02 +0200",
        "X-MIMETrack: Serialize by Router on SRV-DOM01/GEBRESLE(Release 11.0.1FP4|February 11, 2022) at",
        " 23/08/2022 15:15:03",
        "Content-type: text/html; charset=\"windows-1252\"",
        "Content-transfer-encoding: base64",
    ]
    eml = message(headers, "\n" + b64(html.encode("cp1252")) + "\n")
    lab = label("Groupement d'employeurs, HCL Notes, proposition dans un corps HTML seul (windows-1252 "
                "base64), titres en questions, budget en tableau HT/TTC, dates au jour ; complet",
                sections=sections, budget=budget, partners=[p for p, _ in partners], attachments=[],
                msg={"message_id": msgid, "from": "jp.lemaire@ge-bresle.fr", "subject": subject,
                     "date": "2022-08-23T15:15:02+02:00"},
                received=datetime(2022, 8, 23, 15, 15, 2, tzinfo=PARIS),
                project={"start": "2023-01-09", "end": "2023-10-27",
                         "duration_months": months_between("2023-01", "2023-10")},
                body_proposal=True)
    write_case(cid, eml, lab)


# =========================================================================== case 04
# Laboratoire, Apple Mail: multipart/alternative > (text/plain, multipart/mixed > (html, the PDF
# inline, html)), UTF-8 QP; PDF exported from LibreOffice Writer (ODT with Heading 1);
# RFC 2231 file name with an en dash and an accent; co-funding in kind.

def case04() -> None:
    cid = "h3c-04"
    pdfname = "Proposition Fabrique CTO – Laboratoire CITÉ-Travail.pdf"
    lines = [
        ("Enseignante-chercheuse, coordination scientifique (25 jours)", "personnel", 9500.0),
        ("Post-doctorant·e en sociologie du travail (6 mois)", "personnel", 24000.0),
        ("Ingénieure d'études, analyse des données (30 jours)", "personnel", 8100.0),
        ("Missions sur les sites (Nancy, Metz, Épinal)", "deplacements_logistique", 3200.0),
        ("Organisation du séminaire de restitution", "deplacements_logistique", 2300.0),
        ("Transcription des entretiens (prestataire)", "prestations", 2400.0),
        ("Conception graphique du kit de dialogue (prestataire)", "prestations", 3500.0),
    ]
    total = sum(a for _, _, a in lines)
    assert total == 53000
    cofin = [("Université de Lorraine, apport en nature (temps des chercheurs titulaires)", 8000.0, "en nature"),
             ("Région Grand Est, appel « Recherche et société » (acquis)", 4600.0, "subvention")]
    anact = total - sum(a for _, a, _ in cofin)
    assert anact == 40400
    budget = Budget(lines, anact, cofin, declared_total=total)
    partners = [("Aract Grand Est", "co-construction des terrains, participation au comité de pilotage"),
                ("UIMM Lorraine", "mise en relation avec les PMI, diffusion du kit"),
                ("Union régionale CFDT Grand Est", "mobilisation et formation des élus des CSE concernés")]
    btable = [["Dépenses", "Montant (€)"]] + [[l, eur(a)] for l, _, a in lines] + \
        [["Total des dépenses", eur(total)], ["Ressources", "Montant (€)"]] + \
        [[l, eur(a)] for l, a, _ in cofin] + [["Anact – La Fabrique CTO (sollicité)", eur(anact)],
                                               ["Total des ressources", eur(total)]]
    blocks = [
        ("title", "Rendre discutables les algorithmes d'ordonnancement dans les PMI lorraines"),
        ("sub", "Proposition du laboratoire CITÉ-Travail (Université de Lorraine) en réponse à l'AMI "
                "« La Fabrique CTO » de l'Anact"),
        ("H", "problematique", "1. Question de recherche"),
        ("p", "Les logiciels d'ordonnancement et d'optimisation des tournées se diffusent dans les PMI "
              "sans que leurs critères (priorités, contraintes, arbitrages) soient jamais explicités devant "
              "ceux qui en subissent les effets. Peut-on rendre ces critères discutables, et par qui ?"),
        ("H", "contexte", "2. Contexte scientifique et social"),
        ("p", "Nos travaux de 2019 à 2021 sur douze établissements industriels du sillon lorrain ont montré "
              "que l'introduction d'outils d'ordonnancement automatique déplace les marges de manoeuvre "
              "des chefs d'équipe et intensifie le travail des opérateurs polyvalents."),
        ("H", "objectifs", "3. Objectifs"),
        ("bullets", ["expliciter, avec les salariés, les règles de décision embarquées dans trois outils ;",
                     "tester un « kit de dialogue » permettant aux CSE et aux directions d'en débattre ;",
                     "produire des connaissances transférables sur le dialogue social technologique."]),
        ("H", "cibles", "4. Terrains et publics"),
        ("p", "Quatre PMI de 80 à 300 salariés (agroalimentaire, plasturgie, logistique), leurs chefs "
              "d'équipe, planificateurs et opérateurs, ainsi que les élus de leurs CSE."),
        ("H", "methodologie", "5. Méthode"),
        ("p", "Une enquête ethnographique courte (observations, entretiens) précède des « séances de "
              "rétro-ingénierie » où salariés et chercheurs reconstituent les règles de l'outil à partir "
              "de cas réels. Les résultats nourrissent un kit de dialogue testé en réunion de CSE."),
        ("H", "phasage", "6. Calendrier"),
        ("p", "Le projet durera douze mois, de décembre 2022 à novembre 2023."),
        ("table", [["Période", "Étape"],
                   ["décembre 2022 – février 2023", "enquête dans les quatre PMI"],
                   ["mars – juin 2023", "séances de rétro-ingénierie, conception du kit"],
                   ["juillet – septembre 2023", "test du kit en CSE et en comité de direction"],
                   ["octobre – novembre 2023", "analyse, séminaire de restitution, publication"]]),
        ("H", "pilotage", "7. Pilotage scientifique et comités"),
        ("p", "Un comité de pilotage (laboratoire, Aract Grand Est, UIMM Lorraine, URI CFDT, un "
              "représentant par PMI) se réunit à chaque fin d'étape. Un conseil scientifique de trois "
              "chercheurs extérieurs relit la méthode et les résultats."),
        ("H", "resultats", "8. Livrables et résultats attendus"),
        ("p", "Quatre monographies d'entreprise, un kit de dialogue en accès libre (licence CC BY-SA), "
              "un article scientifique et une note de synthèse destinée aux partenaires sociaux."),
        ("H", "perennisation", "9. Valorisation, pérennisation et essaimage"),
        ("p", "Le kit, publié comme commun de la connaissance, sera intégré aux formations des élus "
              "de l'URI CFDT et proposé par l'UIMM à ses adhérents ; une thèse CIFRE prolongera le travail."),
        ("H", "partenaires", "10. Partenariats"),
        ("bullets", std_partners_block(partners)),
        ("h", "11. Budget prévisionnel"),
        ("table", btable),
    ]
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    odt = work / "proposition.odt"
    render_odt(blocks, odt)
    pdf = soffice_convert(odt, "pdf", work / "pdf")
    pdf_bytes = normalise_pdf(pdf.read_bytes())
    sections = section_labels(blocks, pdfname)

    plain = ("Madame, Monsieur,\n\nJe vous prie de trouver ci-joint la proposition du laboratoire "
             "CITÉ-Travail en réponse à l’appel à manifestation d’intérêt « La Fabrique CTO ».\n\n")
    plain_end = ("\n\nBien à vous,\n\nCamille Ferrand-Nguyen\nMaîtresse de conférences en sociologie\n"
                 "Laboratoire CITÉ-Travail – Université de Lorraine\n")
    html1 = ("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head>"
             "<body style=\"overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;\">"
             "Madame, Monsieur,<div><br></div><div>Je vous prie de trouver ci-joint la proposition du "
             "laboratoire CITÉ-Travail en réponse à l’appel à manifestation d’intérêt « La Fabrique "
             "CTO ».</div><div><br></div><div></div></body></html>")
    html2 = ("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=us-ascii\"></head>"
             "<body style=\"overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;\">"
             "<div></div><div><br></div><div>Bien &agrave; vous,</div><div><br></div><div>Camille "
             "Ferrand-Nguyen<br>Ma&icirc;tresse de conf&eacute;rences en sociologie<br>Laboratoire "
             "CIT&Eacute;-Travail &ndash; Universit&eacute; de Lorraine</div></body></html>")
    b_alt = "Apple-Mail=_7C1E0B52-3F4A-4D8E-9A61-2B5C8D0E4F13"
    b_mix = "Apple-Mail=_D94A6E27-0C8B-4F35-B1E2-6A7D3C9F5E80"
    name_q = ew_q(pdfname, "utf-8")
    pdf_part = ("Content-Disposition: inline;\n\t" + rfc2231("filename", pdfname) + "\n"
                "Content-Type: application/pdf;\n\tx-unix-mode=0644;\n\tname=\"" + name_q + "\"\n"
                "Content-Transfer-Encoding: base64\n\n" + b64(pdf_bytes) + "\n")
    mixed = multipart("mixed", b_mix, [
        "Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html;\n\tcharset=utf-8\n\n"
        + qp(html1, "utf-8") + "\n",
        pdf_part,
        "Content-Transfer-Encoding: 7bit\nContent-Type: text/html;\n\tcharset=us-ascii\n\n" + html2 + "\n"])
    alt = multipart("alternative", b_alt, [
        "Content-Transfer-Encoding: quoted-printable\nContent-Type: text/plain;\n\tcharset=utf-8\n\n"
        + qp(plain + plain_end, "utf-8") + "\n",
        mixed])
    subject = "Appel à manifestation d’intérêt – La Fabrique CTO"
    msgid = "<8E2D1C4B-7A6F-4F1E-9B3A-5C0D2E1F4A7B@univ-lorraine.fr>"
    headers = [
        "Received: from smtpclient.apple (unknown [193.50.135.12])",
        "\tby smtp.univ-lorraine.fr (Postfix) with ESMTPSA id 4M9ZbK1qL6z8s",
        "\tfor <fabrique@anact.fr>; Sun, 21 Aug 2022 11:02:49 +0200 (CEST)",
        f"From: {ew_q('Camille Ferrand-Nguyen', 'utf-8')} <camille.ferrand-nguyen@univ-lorraine.fr>",
        "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))",
        f"Subject: {ew_q(subject, 'utf-8')}",
        f"Message-Id: {msgid}",
        "Date: Sun, 21 Aug 2022 11:02:48 +0200",
        "To: fabrique@anact.fr",
        "X-Mailer: Apple Mail (2.3696.120.41.1.1)",
    ]
    eml = message(headers, alt)
    lab = label("Laboratoire, Apple Mail (alternative > mixed avec PDF inline entre deux HTML), PDF "
                "exporté de Writer, nom RFC 2231 (tiret demi-cadratin, accent), co-financement en nature ; complet",
                sections=sections, budget=budget, partners=[p for p, _ in partners],
                attachments=[(pdfname, "parsed")],
                msg={"message_id": msgid, "from": "camille.ferrand-nguyen@univ-lorraine.fr",
                     "subject": subject, "date": "2022-08-21T11:02:48+02:00"},
                received=datetime(2022, 8, 21, 11, 2, 48, tzinfo=PARIS),
                project=project_dates("2022-12", "2023-11", 12), body_proposal=False)
    write_case(cid, eml, lab)

# @@CASES@@

ALL = {n: globals()[f"case{n:02d}"] for n in range(1, 12) if f"case{n:02d}" in globals()}

if __name__ == "__main__":
    WORK.mkdir(parents=True, exist_ok=True)
    wanted = [int(a) for a in sys.argv[1:]] or sorted(ALL)
    for n in wanted:
        ALL[n]()
