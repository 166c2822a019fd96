#!/usr/bin/env python3
"""Generate the h5r blind corpus (8 French Fabrique CTO proposals sent by email).

Every document and every label is built from the Python data below, so the labels and the
documents cannot drift apart.  Inline markers in the prose carry the committee phrases:

    [[K:...]]  what the applicant is (applicant_kind_evidence)
    [[T:...]]  a target phrase
    [[E:...]]  a study / survey / consultation already carried out
    [[P:...]]  a study / diagnostic the project will carry out

The markers are stripped before writing; the phrase inside is recorded verbatim.

Run with the venv:  /tmp/h5venv-r/bin/python gen_r.py   (needs soffice + pdftotext)
then:               /tmp/h5venv-r/bin/python check_r.py   (re-reads every .eml)
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl.styles import Font
from PIL import Image

OUT = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([KTEP]):(.*?)\]\]", re.S)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
FABRIQUE = "La Fabrique CTO <fabrique@anact.fr>"


# --------------------------------------------------------------------------- phrases


class Phrases:
    def __init__(self) -> None:
        self.kind: list[str] = []
        self.targets: list[str] = []
        self.existing: list[str] = []
        self.planned: list[str] = []

    def strip(self, text: str) -> str:
        def rep(m: re.Match) -> str:
            tag, phrase = m.group(1), m.group(2)
            {"K": self.kind, "T": self.targets, "E": self.existing, "P": self.planned}[tag].append(
                phrase
            )
            return phrase

        return MARK.sub(rep, text)


def clean(text: str) -> str:
    return MARK.sub(lambda m: m.group(2), text)


def first_words(text: str, n: int = 7) -> str:
    return " ".join(clean(text).split()[:n])


# --------------------------------------------------------------------------- blocks
# A document is a list of blocks:
#   ("title", text) ("sub", text) ("p", text) ("h", text, sid|None) ("bullets", [text])
#   ("table", rows, {"header": True, "bold_rows": {i}, "widths": [...]}) ("pagebreak",)
#   ("sig", [lines])


def fmt_eur(x: float, sep: str = "\u00a0") -> str:
    s = f"{x:,.0f}".replace(",", sep)
    return s


def section_labels(blocks: list, source: str | None) -> dict:
    """Section label for every section id opened by an ("h", text, sid) block."""
    labels: dict[str, dict] = {}
    for i, b in enumerate(blocks):
        if b[0] == "h" and b[2]:
            body = None
            for nb in blocks[i + 1 :]:
                if nb[0] == "p":
                    body = nb[1]
                    break
                if nb[0] == "bullets":
                    body = nb[1][0]
                    break
                if nb[0] == "h":
                    break
            assert body, b
            labels[b[2]] = {
                "present": True,
                "source": source,
                "heading": clean(b[1]),
                "body_start": first_words(body),
            }
    return labels


def write_docx(blocks: list, path: Path, styled: bool, font: str = "Calibri") -> None:
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(11)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            if styled:
                d.add_heading(clean(b[1]), level=0)
            else:
                p = d.add_paragraph()
                r = p.add_run(clean(b[1]))
                r.bold = True
                r.font.size = Pt(16)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "sub":
            p = d.add_paragraph()
            r = p.add_run(clean(b[1]))
            r.italic = True
        elif kind == "h":
            if styled:
                d.add_heading(clean(b[1]), level=b[3] if len(b) > 3 else 1)
            else:
                p = d.add_paragraph()
                p.paragraph_format.space_before = Pt(12)
                r = p.add_run(clean(b[1]))
                r.bold = True
                r.font.size = Pt(12)
        elif kind == "p":
            d.add_paragraph(clean(b[1]))
        elif kind == "bullets":
            for it in b[1]:
                d.add_paragraph(clean(it), style="List Bullet")
        elif kind == "table":
            rows, opts = b[1], b[2] if len(b) > 2 else {}
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            widths = opts.get("widths") or ([12.5, 3.8] if len(rows[0]) == 2 else None)
            if widths:
                t.autofit = False
                for j, w in enumerate(widths):
                    t.columns[j].width = Cm(w)
                    for cell in t.columns[j].cells:
                        cell.width = Cm(w)
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    r = c.paragraphs[0].add_run(clean(cell))
                    if (opts.get("header") and i == 0) or i in opts.get("bold_rows", ()):
                        r.bold = True
                    if j == len(row) - 1 and j > 0:
                        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "pagebreak":
            d.add_page_break()
        elif kind == "sig":
            for line in b[1]:
                d.add_paragraph(clean(line))
    d.core_properties.author = "Utilisateur"
    d.save(path)


def soffice(src: Path, fmt: str) -> Path:
    outdir = Path(tempfile.mkdtemp(prefix="h5r-so-"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def blocks_to_text(blocks: list) -> str:
    """Plain-text rendering (for a proposal written in the body of the email)."""
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind in ("title", "sub"):
            out += [clean(b[1]), ""]
        elif kind == "h":
            out += ["", clean(b[1]), ""]
        elif kind == "p":
            out += [clean(b[1]), ""]
        elif kind == "bullets":
            out += ["- " + clean(x) for x in b[1]] + [""]
        elif kind == "sig":
            out += [clean(x) for x in b[1]]
    return "\n".join(out).strip() + "\n"


# --------------------------------------------------------------------------- budget


class Budget:
    """Expense lines (category, label, amount), co-financing sources, Anact request."""

    def __init__(self, lines, cofin, anact, declared_total=None):
        self.lines = lines
        self.cofin = cofin
        self.anact = anact
        self.total = sum(a for _, _, a in lines)
        if declared_total is not None:
            assert abs(declared_total - self.total) < 1, (declared_total, self.total)
        self.cofin_amount = sum(a for _, a in cofin)
        assert abs(self.cofin_amount + self.anact - self.total) < 1, (
            self.cofin_amount,
            self.anact,
            self.total,
        )

    def totals(self) -> dict:
        return {c: float(sum(a for cat, _, a in self.lines if cat == c)) for c in CATS}

    def label(self) -> dict:
        return {
            "total_cost": float(self.total),
            "anact_request": float(self.anact),
            "totals": self.totals(),
            "cofinancing": {
                "amount": float(self.cofin_amount),
                "share": round(self.cofin_amount / self.total, 4),
            },
        }

    def flags(self) -> list:
        out = []
        if self.anact > 80000:
            out.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
        if self.cofin_amount < 0.2 * self.total - 1e-9:
            out.append(
                {"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"}
            )
        return out


def budget_table(bud: Budget, cat_titles: dict, head: list, sub_word: str, res_rows: list,
                 euro: str = " €") -> tuple[list, set]:
    """Rows of an in-document budget table: category title rows, lines, subtotals, total,
    then the resources part. Returns (rows, bold row indexes)."""
    ncol = len(head)
    rows = [head]
    bold = set()
    for cat in CATS:
        ls = [(l, a) for c, l, a in bud.lines if c == cat]
        if not ls:
            continue
        rows.append([cat_titles[cat]] + [""] * (ncol - 1))
        bold.add(len(rows) - 1)
        for l, a in ls:
            rows.append([l] + [""] * (ncol - 2) + [fmt_eur(a) + euro])
        rows.append([f"{sub_word} {cat_titles[cat].lower()}"] + [""] * (ncol - 2)
                    + [fmt_eur(sum(a for _, a in ls)) + euro])
        bold.add(len(rows) - 1)
    rows.append(["Coût total du projet"] + [""] * (ncol - 2) + [fmt_eur(bud.total) + euro])
    bold.add(len(rows) - 1)
    for r in res_rows:
        rows.append(r[:1] + [""] * (ncol - 2) + r[1:])
        if r[0].startswith(("Ressources", "Total", "Plan de")):
            bold.add(len(rows) - 1)
    return rows, bold


def write_budget_xlsx(path: Path, title: str, bud: Budget, sections: list, resources: list,
                      unit_col: bool = True) -> None:
    """XLSX with formulas; re-saved by LibreOffice so cached values exist.

    sections: [(category title, [(label, qty, unit_cost)] )] in the order of bud.lines
    resources: [(label, amount|None)]  None = Anact line computed by formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Poste de dépense", "Quantité", "Coût unitaire (€)", "Montant (€)"])
    for c in "ABCD":
        ws[f"{c}3"].font = Font(bold=True)
    sub_cells = []
    for cat_title, items in sections:
        ws.append([cat_title])
        ws.cell(ws._current_row, 1).font = Font(bold=True)
        first = ws._current_row + 1
        for label, qty, unit in items:
            r = ws._current_row + 1
            ws.append([label, qty, unit, f"=B{r}*C{r}"])
        last = ws._current_row
        r = ws._current_row + 1
        ws.append([f"Sous-total {cat_title.lower()}", None, None, f"=SUM(D{first}:D{last})"])
        ws.cell(r, 1).font = Font(bold=True)
        sub_cells.append(f"D{r}")
    ws.append([])
    r_total = ws._current_row + 1
    ws.append(["COÛT TOTAL DU PROJET", None, None, "=" + "+".join(sub_cells)])
    ws.cell(r_total, 1).font = Font(bold=True)
    ws.append([])
    ws.append(["Plan de financement"])
    ws.cell(ws._current_row, 1).font = Font(bold=True)
    first_res = ws._current_row + 1
    cof_rows = []
    anact_row = None
    for label, amount in resources:
        r = ws._current_row + 1
        if amount is None:
            anact_row = r
            ws.append([label, None, None, None])
        else:
            ws.append([label, None, None, amount])
            cof_rows.append(r)
    ws[f"D{anact_row}"] = f"=D{r_total}-" + "-".join(f"D{x}" for x in cof_rows)
    last_res = ws._current_row
    r = ws._current_row + 1
    ws.append(["Total des ressources", None, None, f"=SUM(D{first_res}:D{last_res})"])
    ws.cell(r, 1).font = Font(bold=True)
    r = ws._current_row + 1
    ws.append(["Part du co-financement", None, None,
               "=(" + "+".join(f"D{x}" for x in cof_rows) + f")/D{r_total}"])
    ws[f"D{r}"].number_format = "0.0%"
    ws.column_dimensions["A"].width = 78
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 14
    tmp = Path(tempfile.mkdtemp(prefix="h5r-x-")) / path.name
    wb.save(tmp)
    resaved = soffice(tmp, "xlsx:Calc MS Excel 2007 XML")
    shutil.copy(resaved, path)
    # the cached values must be there and equal to the data
    wb2 = openpyxl.load_workbook(path, data_only=True)
    vals = [c.value for row in wb2.active.iter_rows() for c in row]
    assert float(bud.total) in [float(v) for v in vals if isinstance(v, (int, float))], path
    assert float(bud.anact) in [float(v) for v in vals if isinstance(v, (int, float))], path


# --------------------------------------------------------------------------- email


def logo_png(text_color=(30, 90, 140)) -> bytes:
    im = Image.new("RGB", (120, 40), (255, 255, 255))
    for x in range(10, 110):
        for y in range(14, 26):
            im.putpixel((x, y), text_color)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


MEDIA = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".odt": ("application", "vnd.oasis.opendocument.text"),
}


def build_email(c: dict, files: list[tuple[str, bytes, tuple | None]], body: str,
                html_body: str | None = None, inline_logo: bytes | None = None) -> EmailMessage:
    m = EmailMessage(policy=SMTP)
    m["From"] = c["from"]
    m["To"] = c.get("to", FABRIQUE)
    if c.get("cc"):
        m["Cc"] = c["cc"]
    m["Subject"] = c["subject"]
    m["Date"] = c["date"]
    m["Message-ID"] = c["message_id"]
    m["MIME-Version"] = "1.0"
    for k, v in c.get("headers", {}).items():
        m[k] = v
    m.set_content(body, subtype="plain", charset="utf-8", cte=c.get("cte", "quoted-printable"))
    if html_body is not None:
        m.add_alternative(html_body, subtype="html", charset="utf-8", cte="quoted-printable")
        if inline_logo is not None:
            html_part = m.get_payload()[1]
            html_part.add_related(inline_logo, "image", "png", cid="<logo-signature@local>",
                                  filename="image001.png", disposition="inline")
    for name, data, media in files:
        maintype, subtype = media or MEDIA[Path(name).suffix.lower()]
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return m


def message_label(c: dict) -> dict:
    from email.utils import parseaddr

    return {
        "message_id": c["message_id"],
        "from": parseaddr(c["from"])[1],
        "subject": c["subject"],
        "date": parsedate_to_datetime(c["date"]).isoformat(),
    }


def empty_sections() -> dict:
    ids = ("contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
           "pilotage", "resultats", "perennisation", "partenaires")
    return {i: {"present": False, "source": None, "heading": None, "body_start": None}
            for i in ids}


# --------------------------------------------------------------------------- cases



def build_case(c: dict) -> dict:
    cid = c["id"]
    ph = Phrases()
    for b in c["blocks"]:
        if b[0] in ("p", "h", "title", "sub"):
            ph.strip(b[1])
        elif b[0] in ("bullets", "sig"):
            for x in b[1]:
                ph.strip(x)
    work = Path(tempfile.mkdtemp(prefix=f"{cid}-"))
    files: list[tuple[str, bytes, tuple | None]] = []
    form = c["form"]
    doc_name = c.get("doc_name")
    if form in ("docx", "docx_plain"):
        p = work / doc_name
        write_docx(c["blocks"], p, styled=(form == "docx"), font=c.get("font", "Calibri"))
        files.append((doc_name, p.read_bytes(), None))
    elif form in ("pdf", "odt"):
        stem = Path(doc_name).stem
        p = work / (stem + ".docx")
        write_docx(c["blocks"], p, styled=c.get("styled", True), font=c.get("font", "Liberation Sans"))
        out = soffice(p, "pdf:writer_pdf_Export" if form == "pdf" else "odt")
        files.append((doc_name, out.read_bytes(), c.get("doc_media")))
        if form == "pdf":
            shutil.copy(out, work / doc_name)
    if c.get("xlsx"):
        name, title, secs, res = c["xlsx"]
        p = work / name
        write_budget_xlsx(p, title, c["budget"], secs, res)
        files.append((name, p.read_bytes(), None))
    if c.get("budget_pdf"):
        name, bblocks = c["budget_pdf"]
        p = work / (Path(name).stem + ".docx")
        write_docx(bblocks, p, styled=False, font="Liberation Sans")
        out = soffice(p, "pdf:writer_pdf_Export")
        files.append((name, out.read_bytes(), None))
    body = clean(c["body"]) if form != "body" else blocks_to_text(c["blocks"])
    html_body = None
    logo = None
    if c.get("html"):
        logo = logo_png()
        paras = body.split("\n")
        html_body = "<html><body style=\"font-family:Arial\">" + "".join(
            f"<p>{html.escape(x)}</p>" if x.strip() else "" for x in paras
        ) + '<p><img src="cid:logo-signature@local" alt="logo"></p></body></html>'
    msg = build_email(c, files, body, html_body, logo)
    raw = msg.as_bytes()
    (OUT / f"{cid}.eml").write_bytes(raw)
    # ---- labels
    source = None if form == "body" else doc_name
    sections = empty_sections()
    sections.update(section_labels(c["blocks"], source))
    bud: Budget = c["budget"]
    flags = list(c.get("extra_flags", []))
    flags += bud.flags()
    for sid, s in sections.items():
        if not s["present"]:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    date = parsedate_to_datetime(c["date"])
    late = date.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris")).date().isoformat() > "2022-08-23"
    if late:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    blocking = any(f["severity"] == "blocking" for f in flags)
    decision = "late" if late else ("incomplete" if blocking else "complete")
    attachments = [{"filename": n, "status": "parsed"} for n, _, _ in files]
    if logo is not None:
        attachments.append({"filename": "image001.png", "status": "skipped"})
    assert ph.kind or c["kind"] == "inconnu"
    label = {
        "case": c["case"],
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": bud.label(),
        "partners": [{"name": n} for n in c["partners"]],
        "attachments": attachments,
        "message": message_label(c),
        "project": c["project"],
        "committee": {
            "applicant_kind": c["kind"],
            "applicant_kind_evidence": ph.kind[0] if ph.kind else None,
            "targets": ph.targets,
            "studies_existing": ph.existing,
            "studies_planned": ph.planned,
        },
    }
    (OUT / f"{cid}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return label


def main() -> None:
    from cases_r import CASES  # the prose lives in cases_r.py

    for c in CASES:
        lab = build_case(c)
        print(c["id"], lab["decision"], [f["code"] for f in lab["flags"]])


if __name__ == "__main__":
    main()
