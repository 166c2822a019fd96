"""Renderers for the corpus: blocks -> DOCX / ODT / text / HTML, budgets -> XLSX, and the
LibreOffice conversions (cached in ``soffice_cache/`` so tests and re-runs need no soffice).
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tests.corpus.model import Budget, BudgetLine, Proposal

CACHE_DIR = Path(__file__).parent / "soffice_cache"
FIXED_ZIP_TIME = (2022, 8, 10, 9, 0, 0)
NBSP = "\u00a0"
NNBSP = "\u202f"

CATEGORY_HEADERS = {
    "personnel": ["Dépenses de personnel", "Frais de personnel", "Personnel"],
    "deplacements_logistique": [
        "Frais de déplacement et logistique",
        "Déplacements et logistique",
        "Frais de mission et logistique",
    ],
    "prestations": ["Achats de prestations", "Prestations externes", "Prestations de services"],
    "autre": ["Autres dépenses", "Équipement", "Investissements"],
}
CATEGORY_SHORT = {
    "personnel": "Personnel",
    "deplacements_logistique": "Déplacements / logistique",
    "prestations": "Prestations",
    "autre": "Autre",
}


# --------------------------------------------------------------------------- blocks


@dataclass
class H:
    """A heading (rendered according to the document's heading style)."""

    text: str
    level: int = 1
    style: str = "word"  # word | bold | caps | caps_bold | label | underline


@dataclass
class P:
    """A paragraph."""

    text: str
    bold: bool = False


@dataclass
class L:
    """A bullet list."""

    items: list[str]


@dataclass
class T:
    """A table; ``bold_rows`` are rendered in bold (category and total rows)."""

    rows: list[list[str]]
    bold_rows: set[int] = field(default_factory=set)


Block = H | P | L | T


# --------------------------------------------------------------------------- amounts


def fmt_amount(x: float, style: str) -> str:
    """Write an amount the way French applicants do (several styles)."""
    cents = abs(x - round(x)) > 0.001
    whole = int(abs(round(x, 2)))
    dec = f"{abs(x):.2f}".split(".")[1]

    def grouped(sep: str) -> str:
        s = f"{whole:,}".replace(",", sep)
        return "-" + s if x < 0 else s

    if style == "keur" and not cents and whole % 100 == 0 and whole >= 1000:
        k = whole / 1000
        ks = f"{k:g}".replace(".", ",")
        return f"{ks} k€"
    if style == "dec":
        return f"{grouped(NNBSP)},{dec}"
    if style == "dot":
        return f"{grouped('.')},{dec} €"
    if style == "plain":
        return grouped("") + (f",{dec}" if cents else "")
    if style == "eur_ht":
        return grouped(NBSP) + (f",{dec}" if cents else "") + f"{NBSP}€ HT"
    if style == "eur_nnbsp":
        return grouped(NNBSP) + (f",{dec}" if cents else "") + f"{NNBSP}€"
    if style == "space":
        return grouped(" ") + (f",{dec}" if cents else "") + " €"
    return grouped(NBSP) + (f",{dec}" if cents else "") + f"{NBSP}€"


def line_label(line: BudgetLine, with_days: bool) -> str:
    """Label of an expense line, optionally with its days x rate detail."""
    if with_days and line.days and line.rate:
        return f"{line.label} ({line.days} j × {fmt_amount(line.rate, 'space')})"
    return line.label


# --------------------------------------------------------------------------- budget blocks


def _by_category(budget: Budget) -> list[tuple[str, list[BudgetLine]]]:
    order = ["personnel", "deplacements_logistique", "prestations", "autre"]
    return [
        (c, [ln for ln in budget.lines if ln.category == c])
        for c in order
        if any(ln.category == c for ln in budget.lines)
    ]


def anact_sentence(budget: Budget, variant: int) -> str:
    """The sentence that states Anact's request when it is not in a table."""
    amount = fmt_amount(budget.anact, budget.fmt if budget.fmt != "keur" else "eur")
    return [
        f"Nous sollicitons auprès de l'Anact un financement de {amount}.",
        f"Le montant demandé à l'Anact s'élève à {amount} net de taxe.",
        f"La subvention sollicitée auprès de l'Anact est de {amount}, le solde étant couvert par les co-financements ci-dessous.",
    ][variant % 3]


def budget_blocks(budget: Budget, variant: int) -> list[Block]:
    """Budget as document blocks (tables or text lines), following ``budget.style``."""
    f = budget.fmt
    blocks: list[Block] = []
    if budget.anact_sentence:
        blocks.append(P(anact_sentence(budget, variant)))
    resources = _resources(budget)
    res_total = round(sum(r[1] for r in resources), 2)
    groups = _by_category(budget)
    if budget.style == "text":
        for cat, lines in groups:
            blocks.append(P(CATEGORY_HEADERS[cat][variant % 3], bold=True))
            blocks.append(
                L([f"{line_label(ln, True)} : {fmt_amount(ln.amount, f)}" for ln in lines])
            )
        if budget.declared_total is not None:
            blocks.append(
                P(f"Total des dépenses : {fmt_amount(budget.declared_total, f)}", bold=True)
            )
        if resources:
            blocks.append(P("Ressources", bold=True))
            blocks.append(
                L([f"{label} : {fmt_amount(amount, f)}" for label, amount, _ in resources])
            )
        return blocks
    if budget.style == "detailed":
        head = ["Catégorie", "Détail", "Nb jours", "Coût jour", "Total HT"] + (
            ["TTC"] if budget.ttc else []
        )
        rows = [head]
        for ln in budget.lines:
            row = [
                CATEGORY_SHORT[ln.category],
                ln.label,
                str(ln.days) if ln.days else "",
                fmt_amount(ln.rate, f) if ln.rate else "",
                fmt_amount(ln.amount, f),
            ]
            if budget.ttc:
                row.append(fmt_amount(ttc(ln), f))
            rows.append(row)
        bold = set()
        if budget.declared_total is not None:
            total_row = ["Total", "", "", "", fmt_amount(budget.declared_total, f)]
            if budget.ttc:
                total_row.append(fmt_amount(sum(ttc(ln) for ln in budget.lines), f))
            rows.append(total_row)
            bold.add(len(rows) - 1)
        blocks.append(T(rows, bold_rows={0} | bold))
        if resources:
            rrows = [["Ressources", "Montant HT (€)", "Statut"]]
            rrows += [[label, fmt_amount(amount, f), status] for label, amount, status in resources]
            rrows.append(["Total des ressources", fmt_amount(res_total, f), ""])
            blocks.append(T(rrows, bold_rows={0, len(rrows) - 1}))
        return blocks
    # simple / combined: grouped by category with subtotals
    rows = [["Poste de dépense", "Montant (€)"]]
    bold = {0}
    for cat, lines in groups:
        rows.append([CATEGORY_HEADERS[cat][variant % 3], ""])
        bold.add(len(rows) - 1)
        rows += [[line_label(ln, True), fmt_amount(ln.amount, f)] for ln in lines]
        if len(lines) > 1:
            rows.append(
                [
                    f"Sous-total {CATEGORY_HEADERS[cat][variant % 3].lower()}",
                    fmt_amount(sum(ln.amount for ln in lines), f),
                ]
            )
    if budget.declared_total is not None:
        rows.append(["Total des dépenses", fmt_amount(budget.declared_total, f)])
        bold.add(len(rows) - 1)
    if budget.style == "combined" and resources:
        rows.append(["Ressources", ""])
        bold.add(len(rows) - 1)
        rows += [
            [f"{label} ({status})" if status else label, fmt_amount(amount, f)]
            for label, amount, status in resources
        ]
        rows.append(["Total des ressources", fmt_amount(res_total, f)])
        bold.add(len(rows) - 1)
        return [*blocks, T(rows, bold)]
    blocks.append(T(rows, bold))
    if resources:
        rrows = [["Ressources", "Montant (€)", "Statut"]]
        rrows += [[label, fmt_amount(amount, f), status] for label, amount, status in resources]
        rrows.append(["Total des ressources", fmt_amount(res_total, f), ""])
        blocks.append(T(rrows, bold_rows={0, len(rrows) - 1}))
    return blocks


def ttc(line: BudgetLine) -> float:
    """TTC amount of a line: personnel is not subject to VAT."""
    return line.amount if line.category == "personnel" else round(line.amount * 1.2, 2)


def _resources(budget: Budget) -> list[tuple[str, float, str]]:
    res: list[tuple[str, float, str]] = []
    if not budget.anact_sentence:
        res.append((budget.anact_label, budget.anact, "sollicitée"))
    res += [(r.label, r.amount, r.status) for r in budget.cofin]
    return res


# --------------------------------------------------------------------------- proposal blocks


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


def number(i: int, style: str) -> str:
    """Numbering prefix for the i-th heading (0-based)."""
    if style == "1.":
        return f"{i + 1}. "
    if style == "I.":
        return f"{ROMAN[i]}. "
    if style == "A)":
        return f"{chr(ord('A') + i)}) "
    if style == "1/":
        return f"{i + 1}/ "
    if style == "1-":
        return f"{i + 1} - "
    return ""


def heading_text(prop: Proposal, i: int, text: str) -> str:
    """Heading as written: numbering and capitals."""
    t = number(i, prop.numbering) + text
    if prop.heading_style in ("caps", "caps_bold"):
        t = t.upper()
    return t


def proposal_blocks(
    prop: Proposal, with_sections: bool, with_budget: bool, variant: int
) -> list[Block]:
    """The proposal document as blocks."""
    blocks: list[Block] = [
        P(
            "Appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » – La Fabrique CTO",
            bold=True,
        ),
        P(prop.title, bold=True),
    ]
    style = prop.heading_style
    if with_sections:
        blocks.append(
            H(
                prop.porteur_heading
                if style not in ("caps", "caps_bold")
                else prop.porteur_heading.upper(),
                1,
                style,
            )
        )
        blocks.append(P(prop.porteur_text))
    idx = 0
    if with_sections:
        for part in prop.parts:
            blocks.append(H(heading_text(prop, idx, part.heading), 1, style))
            blocks.extend(part.blocks)  # type: ignore[arg-type]
            idx += 1
    if with_budget and prop.budget is not None:
        blocks.append(H(heading_text(prop, idx, prop.budget_heading), 1, style))
        blocks.extend(budget_blocks(prop.budget, variant))
    return blocks


# --------------------------------------------------------------------------- DOCX


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a ZIP-based document with fixed timestamps so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2022-08-10T09:00:00Z", payload
                )
            new = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            new.compress_type = info.compress_type
            new.external_attr = 0o644 << 16
            dst.writestr(new, payload)
    return out.getvalue()


def render_docx(blocks: list[Block], author: str) -> bytes:
    """Blocks -> DOCX bytes (python-docx)."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    props = doc.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = ""
    props.comments = ""
    props.created = datetime(2022, 8, 10, 9, 0, 0)
    props.modified = datetime(2022, 8, 10, 9, 0, 0)
    props.revision = 3
    for block in blocks:
        if isinstance(block, H):
            if block.style in ("word", "caps"):
                doc.add_heading(block.text, level=block.level)
            else:
                para = doc.add_paragraph()
                run = para.add_run(block.text)
                run.bold = True
                run.font.size = Pt(12)
        elif isinstance(block, P):
            para = doc.add_paragraph()
            run = para.add_run(block.text)
            run.bold = block.bold
        elif isinstance(block, L):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, T):
            ncols = max(len(r) for r in block.rows)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                cells = table.add_row().cells
                for c in range(ncols):
                    text = row[c] if c < len(row) else ""
                    cells[c].text = text
                    if r in block.bold_rows and cells[c].paragraphs[0].runs:
                        cells[c].paragraphs[0].runs[0].bold = True
            doc.add_paragraph()
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


# --------------------------------------------------------------------------- ODT


def render_odt(blocks: list[Block]) -> bytes:
    """Blocks -> ODT bytes (odfpy), headings as real outline headings or bold paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H as OH
    from odf.text import List, ListItem
    from odf.text import P as OP

    doc = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph")
    h1.addElement(TextProperties(fontsize="15pt", fontweight="bold"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    doc.styles.addElement(h1)
    bold = Style(name="Gras", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    col = Style(name="ColW", family="table-column")
    col.addElement(TableColumnProperties(columnwidth="4cm"))
    doc.automaticstyles.addElement(col)
    n_table = 0
    for block in blocks:
        if isinstance(block, H):
            if block.style in ("word", "caps"):
                doc.text.addElement(OH(outlinelevel=block.level, stylename=h1, text=block.text))
            else:
                doc.text.addElement(OP(stylename=bold, text=block.text))
        elif isinstance(block, P):
            doc.text.addElement(
                OP(stylename=bold, text=block.text) if block.bold else OP(text=block.text)
            )
        elif isinstance(block, L):
            lst = List()
            for item in block.items:
                li = ListItem()
                li.addElement(OP(text=item))
                lst.addElement(li)
            doc.text.addElement(lst)
        elif isinstance(block, T):
            n_table += 1
            ncols = max(len(r) for r in block.rows)
            table = Table(name=f"Tableau{n_table}")
            for _ in range(ncols):
                table.addElement(TableColumn(stylename=col))
            for r, row in enumerate(block.rows):
                tr = TableRow()
                for c in range(ncols):
                    cell = TableCell(valuetype="string")
                    text = row[c] if c < len(row) else ""
                    cell.addElement(
                        OP(stylename=bold, text=text) if r in block.bold_rows else OP(text=text)
                    )
                    tr.addElement(cell)
                table.addElement(tr)
            doc.text.addElement(table)
            doc.text.addElement(OP(text=""))
    buf = io.BytesIO()
    doc.write(buf)
    return normalize_zip(buf.getvalue())


# --------------------------------------------------------------------------- text / HTML


def render_text(blocks: list[Block], style: str) -> str:
    """Blocks -> plain text as typed in an email body."""
    out: list[str] = []
    pending_label: str | None = None
    for block in blocks:
        if isinstance(block, H):
            if style == "label":
                label = block.text.rstrip(" :")
                pending_label = f"{label} " if label.endswith("?") else f"{label} : "
                continue
            out.append("")
            out.append(block.text)
            if style == "underline":
                out.append("-" * len(block.text))
        elif isinstance(block, P):
            if pending_label is not None and not block.bold:
                out.append("")
                out.append(pending_label + block.text)
                pending_label = None
            elif pending_label is not None:
                out.append("")
                out.append(pending_label.rstrip())
                out.append(block.text)
                pending_label = None
            else:
                out.append(block.text)
        elif isinstance(block, L):
            if pending_label is not None:
                out.append("")
                out.append(pending_label.rstrip())
                pending_label = None
            out.extend(f"- {item}" for item in block.items)
        elif isinstance(block, T):
            if pending_label is not None:
                out.append("")
                out.append(pending_label.rstrip())
                pending_label = None
            out.extend("\t".join(row) for row in block.rows)
    return "\n".join(out).strip() + "\n"


def render_html(blocks: list[Block], style: str) -> str:
    """Blocks -> an HTML fragment as a webmail writes it."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, H):
            text = html.escape(block.text, quote=False)
            out.append(f"<h2>{text}</h2>" if style in ("word", "caps") else f"<p><b>{text}</b></p>")
        elif isinstance(block, P):
            text = html.escape(block.text, quote=False)
            out.append(f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>")
        elif isinstance(block, L):
            out.append(
                "<ul>"
                + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in block.items)
                + "</ul>"
            )
        elif isinstance(block, T):
            rows = []
            for r, row in enumerate(block.rows):
                tag = "th" if r == 0 else "td"
                cells = "".join(
                    f"<{tag}>{'<b>' if r in block.bold_rows and r else ''}{html.escape(c, quote=False)}{'</b>' if r in block.bold_rows and r else ''}</{tag}>"
                    for c in row
                )
                rows.append(f"<tr>{cells}</tr>")
            out.append(
                '<table border="1" cellpadding="4" style="border-collapse:collapse">'
                + "".join(rows)
                + "</table>"
            )
    return "\n".join(out)


# --------------------------------------------------------------------------- XLSX


def render_xlsx(budget: Budget, title: str, author: str) -> bytes:
    """Budget -> XLSX (openpyxl); with ``formulas`` subtotals and totals are SUM formulas."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.properties.creator = author
    wb.properties.created = datetime(2022, 8, 10, 9, 0, 0)
    wb.properties.modified = datetime(2022, 8, 10, 9, 0, 0)
    ws = wb.active
    ws.title = "Dépenses" if budget.two_sheets else "Budget"
    fmt = (
        '#,##0.00 "€"'
        if any(abs(ln.amount - round(ln.amount)) > 0.001 for ln in budget.lines)
        else '#,##0 "€"'
    )
    bold = Font(bold=True)

    def money(cell: object, value: float) -> None:
        if budget.text_amounts:
            cell.value = fmt_amount(value, "eur")  # type: ignore[attr-defined]
        else:
            cell.value = value  # type: ignore[attr-defined]
            cell.number_format = fmt  # type: ignore[attr-defined]

    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    row = 3
    total_refs: list[str] = []
    if budget.style == "detailed":
        head = ["Catégorie", "Détail", "Nb jours", "Coût jour", "Total HT"] + (
            ["TTC"] if budget.ttc else []
        )
        for c, h in enumerate(head, start=1):
            ws.cell(row, c, h).font = bold
        first = row + 1
        for ln in budget.lines:
            row += 1
            ws.cell(row, 1, CATEGORY_SHORT[ln.category])
            ws.cell(row, 2, ln.label)
            if ln.days and ln.rate:
                ws.cell(row, 3, ln.days)
                money(ws.cell(row, 4), ln.rate)
                if budget.formulas and not budget.text_amounts:
                    ws.cell(row, 5, f"=C{row}*D{row}").number_format = fmt
                else:
                    money(ws.cell(row, 5), ln.amount)
            else:
                money(ws.cell(row, 5), ln.amount)
            if budget.ttc:
                if budget.formulas and ln.category != "personnel":
                    ws.cell(row, 6, f"=E{row}*1.2").number_format = fmt
                else:
                    money(ws.cell(row, 6), ttc(ln))
        last = row
        if budget.declared_total is not None:
            row += 1
            ws.cell(row, 1, "TOTAL").font = bold
            if budget.formulas:
                ws.cell(row, 5, f"=SUM(E{first}:E{last})").number_format = fmt
                if budget.ttc:
                    ws.cell(row, 6, f"=SUM(F{first}:F{last})").number_format = fmt
            else:
                money(ws.cell(row, 5), budget.declared_total)
                if budget.ttc:
                    money(ws.cell(row, 6), round(sum(ttc(ln) for ln in budget.lines), 2))
    else:
        ws.cell(row, 1, "Poste de dépense").font = bold
        ws.cell(row, 2, "Montant (€)").font = bold
        for cat, lines in _by_category(budget):
            row += 1
            ws.cell(row, 1, CATEGORY_HEADERS[cat][0]).font = bold
            first = row + 1
            for ln in lines:
                row += 1
                ws.cell(row, 1, line_label(ln, True))
                money(ws.cell(row, 2), ln.amount)
            row += 1
            ws.cell(row, 1, f"Sous-total {CATEGORY_HEADERS[cat][0].lower()}").font = bold
            if budget.formulas:
                ws.cell(row, 2, f"=SUM(B{first}:B{row - 1})").number_format = fmt
            else:
                money(ws.cell(row, 2), round(sum(ln.amount for ln in lines), 2))
            total_refs.append(f"B{row}")
        if budget.declared_total is not None:
            row += 2
            ws.cell(row, 1, "TOTAL DES DÉPENSES").font = bold
            if budget.formulas:
                ws.cell(row, 2, "=" + "+".join(total_refs)).number_format = fmt
            else:
                money(ws.cell(row, 2), budget.declared_total)
    ws.column_dimensions["A"].width = 58 if budget.style != "detailed" else 26
    ws.column_dimensions["B"].width = 16 if budget.style != "detailed" else 48
    # resources
    resources = _resources(budget)
    if resources:
        if budget.two_sheets:
            rs = wb.create_sheet("Ressources")
            rrow = 1
        else:
            rs = ws
            rrow = row + 3
        rs.cell(rrow, 1, "Ressources").font = bold
        rs.cell(rrow, 2, "Montant (€)").font = bold
        rs.cell(rrow, 3, "Statut").font = bold
        first = rrow + 1
        for label, amount, status in resources:
            rrow += 1
            rs.cell(rrow, 1, label)
            money(rs.cell(rrow, 2), amount)
            rs.cell(rrow, 3, status)
        rrow += 1
        rs.cell(rrow, 1, "TOTAL DES RESSOURCES").font = bold
        if budget.formulas:
            rs.cell(rrow, 2, f"=SUM(B{first}:B{rrow - 1})").number_format = fmt
        else:
            money(rs.cell(rrow, 2), round(sum(r[1] for r in resources), 2))
        rs.column_dimensions["A"].width = 58
        rs.column_dimensions["B"].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


# --------------------------------------------------------------------------- LibreOffice (cached)


class CacheMiss(RuntimeError):
    """Raised when a conversion is needed but soffice may not be used."""


USED_CACHE: set[str] = set()
ALLOW_SOFFICE = True


def _cache_path(key: str, ext: str) -> Path:
    return CACHE_DIR / f"{key}.{ext}"


def cached(kind: str, data: bytes, ext: str, producer: object) -> bytes:
    """Return ``producer(data)`` from the cache, computing and storing it on a miss."""
    key = hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()[:24]
    path = _cache_path(key, ext)
    USED_CACHE.add(path.name)
    if path.exists():
        return path.read_bytes()
    if not ALLOW_SOFFICE:
        raise CacheMiss(f"{kind}: no cached conversion {path.name}")
    result = producer(data)  # type: ignore[operator]
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_bytes(result)
    return result


def _soffice(data: bytes, src_ext: str, target: str, out_ext: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"document.{src_ext}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(Path(tmp) / "out"),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "out" / f"document.{out_ext}").read_bytes()


def to_pdf(data: bytes, src_ext: str) -> bytes:
    """DOCX/ODT -> PDF through LibreOffice."""
    return cached(f"pdf:{src_ext}", data, "pdf", lambda d: _soffice(d, src_ext, "pdf", "pdf"))


ENCRYPT_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"Fabrique2022"}}'
)


def to_encrypted_pdf(data: bytes, src_ext: str) -> bytes:
    """DOCX -> password-protected PDF through LibreOffice's PDF export options."""
    return cached(
        f"encpdf:{src_ext}", data, "pdf", lambda d: _soffice(d, src_ext, ENCRYPT_FILTER, "pdf")
    )


def to_doc(data: bytes) -> bytes:
    """DOCX -> legacy Word 97 .doc through LibreOffice."""
    return cached("doc", data, "doc", lambda d: _soffice(d, "docx", "doc:MS Word 97", "doc"))


def xlsx_roundtrip(data: bytes) -> bytes:
    """XLSX with formulas -> XLSX with cached values (as Excel would save it)."""
    return cached(
        "xlsx", data, "xlsx", lambda d: _soffice(d, "xlsx", "xlsx:Calc MS Excel 2007 XML", "xlsx")
    )


def to_ods(data: bytes) -> bytes:
    """XLSX -> ODS through LibreOffice."""
    return cached("ods", data, "ods", lambda d: _soffice(d, "xlsx", "ods", "ods"))


def _scan(pdf: bytes) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    for i in range(len(doc)):
        bitmap = doc[i].render(scale=85 / 72, grayscale=True)
        images.append(bitmap.to_pil().convert("L"))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=85.0, save_all=True, append_images=images[1:], quality=45)
    return buf.getvalue()


def to_scanned_pdf(pdf: bytes) -> bytes:
    """PDF -> image-only PDF (what a scanner produces): no text layer."""
    return cached("scan", pdf, "pdf", _scan)


def prune_cache() -> list[str]:
    """Delete cached conversions that no case used; returns their names."""
    removed = []
    if CACHE_DIR.exists():
        for path in CACHE_DIR.iterdir():
            if path.name not in USED_CACHE:
                path.unlink()
                removed.append(path.name)
    return removed
