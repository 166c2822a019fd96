#!/usr/bin/env python3
"""Writer "e" of holdout3: six proposals from consultancies and research labs.

Deterministic: fixed dates, boundaries, Message-IDs; docx/xlsx zips are rewritten with a
fixed timestamp.  LibreOffice is used to export PDFs (from ODT written with odfpy) and to
compute and cache the formulas of the XLSX budgets.  Labels are computed from the same
case data as the documents (sections, budget lines, co-financing, partners, dates).

Run with a Python that has python-docx, openpyxl, odfpy and Pillow:
    /tmp/h3venv-e/bin/python tests/holdout3/gen_e.py
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import re
import shutil
import subprocess
import zipfile
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3e-work")
LO_PROFILE = "file:///tmp/lo-e"
FIXED_ZIP_DATE = (2022, 8, 5, 10, 0, 0)
SECTION_IDS = ("contexte", "objectifs", "problematique", "cibles", "methodologie",
               "phasage", "pilotage", "resultats", "perennisation", "partenaires")
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CRLF = "\r\n"


# --------------------------------------------------------------------------- helpers

def eur(x: float) -> str:
    """French money format: 12 345 € (narrow no-break space as thousands separator)."""
    if abs(x - round(x)) < 1e-9:
        s = f"{int(round(x)):,}".replace(",", "\u202f")
    else:
        s = f"{x:,.2f}".replace(",", "\u202f").replace(".", ",")
    return s + "\u00a0€"


def eur_plain(x: float) -> str:
    """12 345 (ordinary spaces), for plain-text bodies."""
    return f"{int(round(x)):,}".replace(",", " ")


def pct_fr(x: float) -> str:
    """0.7854 -> '78,5 %' (no-break space)."""
    return f"{100 * x:.1f}".replace(".", ",") + "\u00a0%"


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def normalize_zip(path: Path) -> None:
    """Rewrite a zip (docx/xlsx) with fixed timestamps and fixed core dates."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms)",
                              rb"\g<1>2022-08-05T10:00:00Z\g<3>", data)
            info = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(out.getvalue())


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


def fix_pdf(path: Path) -> None:
    """Fixed CreationDate and /ID (same lengths, so the xref offsets stay valid)."""
    data = path.read_bytes()

    def date(m):
        return m.group(1) + b"20220805100000" + m.group(3)

    data = re.sub(rb"(/CreationDate\(D:)(\d{14})([^)]*\))", date, data)
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + b"E0" * 16 + b">", data) if b"/ID [" in data else data
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    path.write_bytes(data)


def b64_lines(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return CRLF.join(s[i:i + 76] for i in range(0, len(s), 76))


def qp_text(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    enc = quopri.encodestring(raw).decode("ascii")
    return enc.replace("\n", CRLF)


def enc_header(value: str, charset: str = "utf-8") -> str:
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return Header(value, charset, maxlinelen=76).encode(linesep=CRLF)


def rfc2231(name: str) -> str:
    from urllib.parse import quote
    return "UTF-8''" + quote(name.encode("utf-8"), safe="")


# --------------------------------------------------------------------------- docx helpers

def new_docx():
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    cp = doc.core_properties
    import datetime as dt
    cp.created = dt.datetime(2022, 8, 5, 10, 0, 0)
    cp.modified = dt.datetime(2022, 8, 5, 10, 0, 0)
    cp.last_modified_by = ""
    cp.revision = 1
    return doc


def add_decimal_numbering(doc, num_id: int = 90, fmt: str = "decimal", text: str = "%1.") -> int:
    """Add a real Word numbering definition (abstractNum + num); returns numId."""
    from docx.oxml import parse_xml
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{num_id}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="426" w:hanging="426"/></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="1F4E79"/></w:rPr></w:lvl></w:abstractNum>')
    first_num = numbering.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def numbered_heading(doc, text: str, num_id: int):
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor
    p = doc.add_paragraph(style="List Paragraph")
    pPr = p._p.get_or_add_pPr()
    pPr.append(parse_xml(
        '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.keep_with_next = True
    r = p.add_run(text)
    r.bold = True
    r.font.size = Pt(13)
    r.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    return p


def save_docx(doc, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalize_zip(path)
    return path


# --------------------------------------------------------------------------- odt helpers

class Odt:
    """Small odfpy wrapper: headings with outline level, paragraphs, bullets, tables."""

    def __init__(self, font: str = "DejaVu Sans"):
        from odf.opendocument import OpenDocumentText
        from odf.style import (FontFace, ParagraphProperties, Style, TableCellProperties,
                               TableColumnProperties, TableProperties, TextProperties)
        from odf.style import ListLevelProperties
        from odf.text import ListLevelStyleBullet, ListStyle
        self.doc = d = OpenDocumentText()
        d.fontfacedecls.addElement(FontFace(name=font, fontfamily=font,
                                            fontfamilygeneric="swiss", fontpitch="variable"))
        std = Style(name="Standard", family="paragraph")
        std.addElement(TextProperties(fontname=font, fontsize="10pt"))
        std.addElement(ParagraphProperties(margintop="0cm", marginbottom="0.18cm"))
        d.styles.addElement(std)
        self.body = Style(name="Text body", family="paragraph", parentstylename="Standard")
        self.body.addElement(ParagraphProperties(marginbottom="0.2cm", textalign="justify"))
        d.styles.addElement(self.body)
        self.h = {}
        for lvl, size in ((1, "14pt"), (2, "12pt")):
            s = Style(name=f"Heading {lvl}", family="paragraph", parentstylename="Standard",
                      defaultoutlinelevel=str(lvl))
            s.addElement(TextProperties(fontname=font, fontsize=size, fontweight="bold",
                                        color="#2F5496"))
            s.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm",
                                             keepwithnext="always"))
            d.styles.addElement(s)
            self.h[lvl] = s
        self.title = Style(name="Title", family="paragraph", parentstylename="Standard")
        self.title.addElement(TextProperties(fontname=font, fontsize="16pt", fontweight="bold"))
        self.title.addElement(ParagraphProperties(textalign="center", marginbottom="0.3cm"))
        d.styles.addElement(self.title)
        self.center = Style(name="Centre", family="paragraph", parentstylename="Standard")
        self.center.addElement(ParagraphProperties(textalign="center"))
        d.automaticstyles.addElement(self.center)
        self.bold = Style(name="Gras", family="text")
        self.bold.addElement(TextProperties(fontweight="bold"))
        d.automaticstyles.addElement(self.bold)
        self.cellp = Style(name="CellP", family="paragraph", parentstylename="Standard")
        self.cellp.addElement(TextProperties(fontsize="9pt"))
        d.automaticstyles.addElement(self.cellp)
        self.cellpb = Style(name="CellPB", family="paragraph", parentstylename="Standard")
        self.cellpb.addElement(TextProperties(fontsize="9pt", fontweight="bold"))
        d.automaticstyles.addElement(self.cellpb)
        self.cell = Style(name="Cell", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #808080", padding="0.08cm"))
        d.automaticstyles.addElement(self.cell)
        self.cellgrey = Style(name="CellGrey", family="table-cell")
        self.cellgrey.addElement(TableCellProperties(border="0.5pt solid #808080",
                                                     padding="0.08cm", backgroundcolor="#E7E6E6"))
        d.automaticstyles.addElement(self.cellgrey)
        self.tstyle = Style(name="Tab", family="table")
        self.tstyle.addElement(TableProperties(width="16.5cm", align="left"))
        d.automaticstyles.addElement(self.tstyle)
        self._colstyles = {}
        self._ColP = TableColumnProperties
        self._Style = Style
        ls = ListStyle(name="Puces")
        lvl = ListLevelStyleBullet(level=1, bulletchar="•")
        lvl.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
        ls.addElement(lvl)
        d.automaticstyles.addElement(ls)
        self.liststyle = ls

    def heading(self, text: str, level: int = 1):
        from odf.text import H
        self.doc.text.addElement(H(outlinelevel=level, stylename=self.h[level], text=text))

    def para(self, text: str, style=None):
        from odf.text import P
        self.doc.text.addElement(P(stylename=style or self.body, text=text))

    def bullets(self, items):
        from odf.text import List, ListItem, P
        lst = List(stylename=self.liststyle)
        for it in items:
            li = ListItem()
            li.addElement(P(stylename=self.body, text=it))
            lst.addElement(li)
        self.doc.text.addElement(lst)

    def table(self, rows, widths_cm, bold_rows=(), grey_rows=()):
        from odf.table import Table, TableCell, TableColumn, TableRow
        from odf.text import P
        n = len(self.doc.automaticstyles.childNodes)
        t = Table(name=f"Tableau{n}", stylename=self.tstyle)
        for i, w in enumerate(widths_cm):
            key = f"{w}"
            if key not in self._colstyles:
                cs = self._Style(name=f"Col{len(self._colstyles)}", family="table-column")
                cs.addElement(self._ColP(columnwidth=f"{w}cm"))
                self.doc.automaticstyles.addElement(cs)
                self._colstyles[key] = cs
            t.addElement(TableColumn(stylename=self._colstyles[key]))
        for ri, row in enumerate(rows):
            tr = TableRow()
            for val in row:
                tc = TableCell(stylename=self.cellgrey if ri in grey_rows else self.cell,
                               valuetype="string")
                tc.addElement(P(stylename=self.cellpb if ri in bold_rows else self.cellp,
                                text=str(val)))
                tr.addElement(tc)
            t.addElement(tr)
        self.doc.text.addElement(t)

    def save_pdf(self, stem: str, outdir: Path) -> Path:
        src_dir = WORK / "odt"
        src_dir.mkdir(parents=True, exist_ok=True)
        odt = src_dir / f"{stem}.odt"
        self.doc.save(str(odt))
        pdf = soffice(odt, "pdf:writer_pdf_Export", outdir)
        fix_pdf(pdf)
        return pdf


# --------------------------------------------------------------------------- xlsx helper

def recalc_xlsx(path: Path) -> Path:
    """Have LibreOffice compute and cache the formulas (xlsx -> xlsx)."""
    out = soffice(path, "xlsx", WORK / "lo_xlsx")
    shutil.copyfile(out, path)
    normalize_zip(path)
    return path


# --------------------------------------------------------------------------- MIME

class Mime:
    """Hand-built MIME, to control boundaries, headers and encodings like real clients."""

    @staticmethod
    def leaf(ctype: str, body: str, cte: str, extra: list[str] | None = None) -> str:
        lines = [f"Content-Type: {ctype}", f"Content-Transfer-Encoding: {cte}"]
        lines += extra or []
        return CRLF.join(lines) + CRLF + CRLF + body

    @staticmethod
    def text(text: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "quoted-printable",
             params: str = "", extra=None) -> str:
        if cte == "quoted-printable":
            body = qp_text(text, charset)
        elif cte == "base64":
            body = b64_lines(text.replace("\n", CRLF).encode(charset))
        else:
            body = text.replace("\n", CRLF)
        return Mime.leaf(f'text/{subtype}; charset="{charset}"{params}', body, cte, extra)

    @staticmethod
    def binary(data: bytes, ctype: str, disp_lines: list[str], extra=None) -> str:
        lines = [f"Content-Type: {ctype}"] + (extra or []) + disp_lines + \
                ["Content-Transfer-Encoding: base64"]
        return CRLF.join(lines) + CRLF + CRLF + b64_lines(data)

    @staticmethod
    def multi(subtype: str, boundary: str, parts: list[str], extra_params: str = "",
              preamble: str = "") -> str:
        head = f'Content-Type: multipart/{subtype};{CRLF}\tboundary="{boundary}"{extra_params}'
        body = (preamble + CRLF if preamble else "") + CRLF
        for p in parts:
            body += f"--{boundary}{CRLF}{p}{CRLF}"
        body += f"--{boundary}--{CRLF}"
        return head + CRLF + CRLF + body


def message(headers: list[tuple[str, str]], root: str) -> bytes:
    out = "".join(f"{k}: {v}{CRLF}" for k, v in headers)
    out += "MIME-Version: 1.0" + CRLF if not any(k == "MIME-Version" for k, _ in headers) else ""
    return (out + root).encode("utf-8")


# --------------------------------------------------------------------------- labels

def budget_label(lines, cofin_sources, anact, declared_total=None):
    totals = {c: 0.0 for c in CATS}
    for ln in lines:
        totals[ln["cat"]] += float(ln["amount"])
    s = sum(totals.values())
    total = declared_total if declared_total is not None else s
    b = {"total_cost": total, "anact_request": anact,
         "totals": {c: round(v, 2) for c, v in totals.items()}}
    if cofin_sources is not None:
        amt = sum(a for _, a in cofin_sources)
        b["cofinancing"] = {"amount": amt, "share": round(amt / total, 4)}
    return b


def sections_label(parts: dict, source: str):
    """parts: sid -> (heading, body_text).  Missing sids are absent."""
    out = {}
    for sid in SECTION_IDS:
        if sid in parts:
            h, body = parts[sid]
            out[sid] = {"present": True, "source": source, "heading": h,
                        "body_start": first_words(body)}
        else:
            out[sid] = {"present": False}
    return out


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def decide(flags, late=False, not_proposal=False, needs_review=False) -> str:
    if late:
        return "late"
    if not_proposal:
        return "not_a_proposal"
    blocking = any(f["severity"] == "blocking" for f in flags)
    if needs_review and blocking:
        return "needs_review"
    return "incomplete" if blocking else "complete"


def rule_flags(budget: dict, end: str | None, parts: dict, ineligible=()):
    """The contract's checks that follow from the case data."""
    flags = []
    for sid in SECTION_IDS:
        if sid not in parts:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    if budget.get("anact_request") is not None and budget["anact_request"] > 80000:
        flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
    cof = budget.get("cofinancing")
    if cof is not None and cof["amount"] / budget["total_cost"] < 0.2 - 1e-12:
        flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
    for label in ineligible:
        flags.append({"code": "ineligible_expense", "target": label, "severity": "warning"})
    if end is not None and ((len(end) == 7 and end > "2023-12")
                            or (len(end) == 10 and end > "2023-12-30")):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    return flags


def write_case(case_id: str, eml: bytes, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{case_id}.eml").write_bytes(eml)
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def project_label(start: str, end: str, duration: int | None = None):
    return {"start": start, "end": end,
            "duration_months": duration if duration is not None else months_between(start, end)}


CASE_FUNCS = []


def case(fn):
    CASE_FUNCS.append(fn)
    return fn


# =========================================================================== h3e-01
# University lab; Word document whose part headings are a real numbered list (numPr);
# XLSX budget with one column per partner (formulas cached by LibreOffice); Thunderbird.

@case
def case_01():
    cid = "h3e-01"
    out = WORK / cid
    docname = "DIALNUM_description_projet.docx"
    xlsname = "DIALNUM_budget_par_partenaire.xlsx"
    parts = [
        ("contexte", "Genèse du projet et terrain d'enquête", [
            "Depuis 2020, notre équipe conduit une enquête auprès de vingt-deux PME industrielles "
            "de la métropole lilloise et du bassin de la Sambre qui ont introduit des progiciels de "
            "gestion, des tablettes d'atelier ou des outils de planification automatisée. Les "
            "entretiens montrent que ces outils sont choisis par la direction et l'éditeur, sans que "
            "les opérateurs, l'encadrement de proximité ni les élus du CSE soient associés au choix "
            "ou au paramétrage.",
            "Les difficultés qui en résultent (double saisie, perte de marges de manœuvre, contrôle "
            "accru de l'activité) ne sont discutées qu'après coup, le plus souvent sous la forme de "
            "plaintes ou de contournements."]),
        ("objectifs", "Ce que nous cherchons à atteindre", [
            "Le projet poursuit trois buts : outiller les PME pour qu'elles mettent en discussion un "
            "projet numérique avant son déploiement ; former des binômes direction – représentants "
            "du personnel à la lecture des enjeux de travail d'un outil ; produire une méthode "
            "transférable, éprouvée dans douze entreprises."]),
        ("problematique", "Questions de recherche", [
            "Comment faire d'un choix d'outil numérique un objet de dialogue professionnel et social "
            "dans des entreprises de 20 à 250 salariés, qui n'ont ni direction des systèmes "
            "d'information ni service RH étoffé ? À quelles conditions la parole des opérateurs sur "
            "leur travail réel peut-elle peser sur le paramétrage d'un progiciel ?"]),
        ("cibles", "Publics et entreprises concernés", [
            "Douze PME industrielles des Hauts-de-France (métallurgie, agroalimentaire, plasturgie), "
            "volontaires et engagées dans un projet numérique en 2023. Dans chacune, un groupe de six "
            "à dix personnes : dirigeant, encadrement de proximité, opérateurs, élus du CSE et, quand "
            "c'est possible, l'éditeur ou l'intégrateur de l'outil."]),
        ("methodologie", "Démarche d'enquête et d'intervention", [
            "La démarche combine observation du travail et dispositifs de discussion. Dans chaque "
            "entreprise, l'ingénieure d'études réalise d'abord des observations et des entretiens sur "
            "les postes concernés ; le groupe se réunit ensuite en trois « ateliers de mise en "
            "discussion » où les situations de travail observées servent de support pour examiner "
            "les choix de paramétrage. Un accord de méthode, signé entre la direction et le CSE, "
            "fixe la place de chacun.",
            "Deux journées inter-entreprises réunissent les groupes pour comparer les pratiques et "
            "mettre à l'épreuve les premiers outils."]),
        ("phasage", "Calendrier des travaux", [
            "Le projet se déroule sur quatorze mois, d'octobre 2022 à novembre 2023 :",
            ("bullets", [
                "Phase 1 (octobre – décembre 2022) : recrutement des entreprises, signature des "
                "accords de méthode ;",
                "Phase 2 (janvier – avril 2023) : observations et entretiens dans les douze "
                "entreprises ;",
                "Phase 3 (mai – août 2023) : ateliers de mise en discussion et première journée "
                "inter-entreprises ;",
                "Phase 4 (septembre – novembre 2023) : analyse, rédaction du guide, seconde journée "
                "et restitution finale."])]),
        ("pilotage", "Gouvernance scientifique et instances de suivi", [
            "Un comité de pilotage réunit tous les quatre mois le laboratoire, l'ANRN, la CPME Nord, "
            "l'Aract Hauts-de-France et deux dirigeants d'entreprises participantes. Il valide le "
            "choix des entreprises, suit l'avancement et arbitre les ajustements. Un comité "
            "scientifique restreint (trois chercheurs extérieurs) relit la méthode et le guide. Dans "
            "chaque entreprise, un comité de suivi paritaire accompagne l'expérimentation."]),
        ("resultats", "Productions attendues", [
            "Douze monographies d'entreprise, un guide méthodologique « Mettre un outil numérique en "
            "discussion » assorti de fiches-outils, deux articles scientifiques et une session de "
            "formation destinée aux élus de CSE et aux dirigeants de PME."]),
        ("perennisation", "Après le projet : diffusion et transfert", [
            "Le guide et les fiches seront publiés sous licence Creative Commons. La CPME Nord "
            "intégrera la démarche à son offre d'accompagnement des adhérents ; le laboratoire "
            "l'inscrira dans le master Ergonomie de l'Université de Lille, ce qui formera chaque "
            "année de nouveaux intervenants. Une extension à d'autres régions sera proposée au "
            "réseau Anact-Aract."]),
        ("partenaires", "Un consortium de trois équipes", [
            "Le projet associe au laboratoire trois partenaires :",
            ("bullets", [
                "l'Association Numérique Responsable Nord (ANRN), qui apporte sa connaissance des "
                "éditeurs et intégrateurs régionaux et conçoit les supports graphiques du guide ;",
                "la CPME Nord, qui mobilise les entreprises, co-anime les journées inter-entreprises "
                "et assurera la diffusion auprès de ses adhérents ;",
                "l'Aract Hauts-de-France, qui apporte un appui méthodologique sur le dialogue social "
                "et participe au comité de pilotage."])]),
    ]
    partners = ["Association Numérique Responsable Nord", "CPME Nord", "Aract Hauts-de-France"]

    # budget: one column per partner
    cols = ["PRISME-Travail (Université de Lille)", "ANRN", "CPME Nord"]
    blines = [
        ("1. Dépenses de personnel", "personnel", [
            ("Ingénieure d'études (12 mois à 50 %)", (26400, 0, 0)),
            ("Enseignants-chercheurs (temps valorisé, 40 jours)", (14000, 0, 0)),
            ("Chargé de mission numérique (30 jours)", (0, 9000, 0)),
            ("Chargée de développement (15 jours)", (0, 0, 4500))]),
        ("2. Frais de déplacement et logistique", "deplacements_logistique", [
            ("Déplacements sur les terrains (12 entreprises)", (3200, 800, 400)),
            ("Salles et restauration des journées inter-entreprises", (1500, 0, 1200))]),
        ("3. Prestations", "prestations", [
            ("Transcription des entretiens", (2400, 0, 0)),
            ("Conception graphique du guide (prestataire)", (0, 3500, 0))]),
    ]
    funding = [("Subvention sollicitée auprès de l'Anact", (33500, 11500, 6100)),
               ("Autofinancement (valorisation du temps des équipes)", (14000, 1800, 0))]
    lines = [{"label": l, "cat": cat, "amount": sum(v)} for _, cat, ls in blines for l, v in ls]
    per_partner_cost = [sum(v[i] for _, _, ls in blines for _, v in ls) for i in range(3)]
    per_partner_res = [sum(v[i] for _, v in funding) for i in range(3)]
    assert per_partner_cost == per_partner_res == [47500, 13300, 6100], per_partner_cost
    anact = sum(funding[0][1])
    cofin = [(f"Autofinancement {c}", v) for c, v in zip(cols, funding[1][1])]
    budget = budget_label(lines, cofin, anact)
    assert budget["total_cost"] == 66900 and anact == 51100
    assert budget["cofinancing"]["amount"] + anact == budget["total_cost"]

    # ---- docx
    from docx.shared import Pt
    doc = new_docx()
    num = add_decimal_numbering(doc)
    t = doc.add_paragraph()
    r = t.add_run("Appel à manifestation d'intérêt « Développer le dialogue social technologique "
                  "au travail » – La Fabrique CTO")
    r.italic = True
    t = doc.add_paragraph()
    r = t.add_run("DIALNUM – Mettre en discussion les outils numériques dans les PME industrielles "
                  "du Nord")
    r.bold = True
    r.font.size = Pt(16)
    doc.add_paragraph("Porteur : laboratoire PRISME-Travail (UR 4521), Université de Lille\n"
                      "Responsable scientifique : Marion Lefebvre, maîtresse de conférences en "
                      "ergonomie")
    for sid, heading, body in parts:
        numbered_heading(doc, heading, num)
        for item in body:
            if isinstance(item, tuple):
                for b in item[1]:
                    doc.add_paragraph(b, style="List Bullet")
            else:
                doc.add_paragraph(item)
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(12)
    r = p.add_run("Budget")
    r.bold = True
    r.font.size = Pt(13)
    doc.add_paragraph(f"Le budget détaillé, présenté par partenaire, figure dans le fichier "
                      f"{xlsname}. Coût total du projet : {eur(budget['total_cost'])} ; subvention "
                      f"sollicitée auprès de l'Anact : {eur(anact)}.")
    doc.add_paragraph("Lille, le 8 août 2022\nMarion Lefebvre")
    docx_path = save_docx(doc, out / docname)

    # ---- xlsx with formulas
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget DIALNUM"
    ws["A1"] = "Projet DIALNUM – Budget prévisionnel par partenaire (en euros, net de taxe)"
    ws["A1"].font = Font(bold=True, size=12)
    hdr = ["Nature de la dépense"] + cols + ["Total"]
    for j, h in enumerate(hdr, 1):
        c = ws.cell(row=3, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.alignment = Alignment(wrap_text=True)
    row = 4
    subtotal_rows = []
    for title, _cat, ls in blines:
        ws.cell(row=row, column=1, value=title).font = Font(bold=True)
        row += 1
        first = row
        for label, vals in ls:
            ws.cell(row=row, column=1, value=label)
            for j, v in enumerate(vals, 2):
                ws.cell(row=row, column=j, value=v)
            ws.cell(row=row, column=5, value=f"=SUM(B{row}:D{row})")
            row += 1
        ws.cell(row=row, column=1, value="Sous-total").font = Font(italic=True, bold=True)
        for j in range(2, 6):
            col = "ABCDE"[j - 1]
            ws.cell(row=row, column=j, value=f"=SUM({col}{first}:{col}{row - 1})").font = \
                Font(italic=True, bold=True)
        subtotal_rows.append(row)
        row += 1
    ws.cell(row=row, column=1, value="TOTAL DES DÉPENSES").font = Font(bold=True)
    for j in range(2, 6):
        col = "ABCDE"[j - 1]
        ws.cell(row=row, column=j,
                value="=" + "+".join(f"{col}{r}" for r in subtotal_rows)).font = Font(bold=True)
    total_row = row
    row += 2
    ws.cell(row=row, column=1, value="Plan de financement").font = Font(bold=True)
    row += 1
    ffirst = row
    for label, vals in funding:
        ws.cell(row=row, column=1, value=label)
        for j, v in enumerate(vals, 2):
            ws.cell(row=row, column=j, value=v)
        ws.cell(row=row, column=5, value=f"=SUM(B{row}:D{row})")
        row += 1
    ws.cell(row=row, column=1, value="TOTAL DES RESSOURCES").font = Font(bold=True)
    for j in range(2, 6):
        col = "ABCDE"[j - 1]
        ws.cell(row=row, column=j, value=f"=SUM({col}{ffirst}:{col}{row - 1})").font = \
            Font(bold=True)
    row += 2
    ws.cell(row=row, column=1, value="Part de l'autofinancement dans le coût total")
    ws.cell(row=row, column=5, value=f"=E{ffirst + 1}/E{total_row}").number_format = "0.0%"
    ws.column_dimensions["A"].width = 52
    for c in "BCDE":
        ws.column_dimensions[c].width = 18
    for r_ in ws.iter_rows(min_row=4, min_col=2, max_col=5):
        for c in r_:
            c.number_format = '#,##0 "€"'
    xlsx_path = out / xlsname
    wb.save(str(xlsx_path))
    recalc_xlsx(xlsx_path)

    # ---- email (Thunderbird, UTF-8, format=flowed, 8bit)
    body = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint la candidature du laboratoire PRISME-Travail \n"
        "(Université de Lille) à l'appel à manifestation d'intérêt « Développer le \n"
        "dialogue social technologique au travail » : la description du projet \n"
        "DIALNUM et son budget détaillé par partenaire.\n\n"
        "Nous restons à votre disposition pour toute précision.\n\n"
        "Bien cordialement,\n\n"
        "-- \nMarion Lefebvre\nMaîtresse de conférences en ergonomie\n"
        "Laboratoire PRISME-Travail – Université de Lille\n03 20 41 60 00\n")
    bnd = "------------0VQ3dTxk8Lh2aWcZr5mN1pYe"
    root = Mime.multi("mixed", bnd, [
        Mime.text(body, charset="UTF-8", cte="8bit", params="; format=flowed"),
        Mime.binary(docx_path.read_bytes(),
                    f'application/vnd.openxmlformats-officedocument.wordprocessingml.document;'
                    f'{CRLF} name="{docname}"',
                    [f'Content-Disposition: attachment; filename="{docname}"']),
        Mime.binary(xlsx_path.read_bytes(),
                    f'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;'
                    f'{CRLF} name="{xlsname}"',
                    [f'Content-Disposition: attachment; filename="{xlsname}"']),
    ], preamble="This is a multi-part message in MIME format.")
    subject = "Candidature AMI La Fabrique CTO – projet DIALNUM (PRISME-Travail)"
    msgid = "<7c1e0b5a-3d2f-4e8a-9b61-2f0d4c8e1a07@univ-lille.fr>"
    date = "Mon, 8 Aug 2022 16:42:13 +0200"
    headers = [
        ("Message-ID", msgid),
        ("Date", date),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101\r\n Thunderbird/91.12.0"),
        ("Content-Language", "fr"),
        ("To", "fabrique@anact.fr"),
        ("Cc", "Julien Caron <julien.caron@univ-lille.fr>"),
        ("From", "Marion Lefebvre <marion.lefebvre@univ-lille.fr>"),
        ("Subject", enc_header(subject)),
    ]
    eml = message(headers, root)

    secs = {sid: (h, next(b for b in body_ if isinstance(b, str))) for sid, h, body_ in parts}
    end = "2023-11"
    flags = rule_flags(budget, end, secs)
    label = {
        "case": "Laboratoire universitaire (Thunderbird) : DOCX dont les titres sont une liste "
                "numérotée Word (numPr) à formulations propres, budget XLSX en colonnes par "
                "partenaire avec sous-totaux et plan de financement ; complet.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, docname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": docname, "status": "parsed"},
                        {"filename": xlsname, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "marion.lefebvre@univ-lille.fr",
                    "subject": subject, "date": "2022-08-08T16:42:13+02:00"},
        "project": project_label("2022-10", end),
    }
    assert label["decision"] == "complete", flags
    write_case(cid, eml, label)


# =========================================================================== h3e-02
# Ergonomics firm; PDF exported from LibreOffice Writer (ODT with Heading styles);
# budget by phase with "jours × taux journalier" lines; co-financing as a list after an
# introductory sentence, outside the table; Outlook with multipart/related inline logo.

def logo_png(text_rgb=(47, 84, 150), size=(120, 40)) -> bytes:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.ellipse((4, 4, 36, 36), fill=text_rgb)
    d.rectangle((44, 14, 114, 26), fill=text_rgb)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


@case
def case_02():
    cid = "h3e-02"
    out = WORK / cid
    pdfstem = "Proposition_ErgoSphère_Fabrique_CTO"
    pdfname = pdfstem + ".pdf"
    parts = [
        ("contexte", "Le constat de départ", [
            "Les structures d'aide et de soins à domicile du Rhône ont généralisé en quelques années "
            "la télégestion : les intervenantes badgent au domicile des bénéficiaires avec un "
            "smartphone, reçoivent leur planning par application et transmettent leurs comptes "
            "rendus en ligne. Ces outils ont été déployés dans l'urgence, souvent pendant la crise "
            "sanitaire.",
            "Nos interventions récentes auprès de neuf structures montrent des effets contrastés : "
            "meilleure visibilité des plannings, mais aussi sentiment de surveillance, temps de "
            "trajet mal reconnus et isolement accru des intervenantes."]),
        ("objectifs", "Nos intentions", [
            "Nous voulons aider ces structures à ouvrir un espace de dialogue sur les usages de la "
            "télégestion, associant intervenantes, responsables de secteur, direction et "
            "représentants du personnel, afin de réviser les règles d'usage des outils et d'en faire "
            "un objet de négociation."]),
        ("problematique", "La question que nous posons", [
            "Comment construire un dialogue social technologique dans des structures où les "
            "salariées travaillent seules, au domicile d'autrui, et ne se rencontrent presque "
            "jamais ?"]),
        ("cibles", "Pour qui ?", [
            "Six structures d'aide à domicile, associatives et publiques, du Rhône et de la Loire, "
            "soit environ 900 intervenantes, leurs responsables de secteur, leurs directions et "
            "leurs instances représentatives du personnel."]),
        ("methodologie", "Notre manière de faire", [
            "Nous combinons l'analyse ergonomique de l'activité et la conception participative. Des "
            "observations en tournée et des entretiens collectifs alimentent des « ateliers "
            "d'usage » où intervenantes et encadrants rejouent des situations vécues avec l'outil, "
            "puis formulent des propositions de règles. Ces propositions sont discutées en comité "
            "social et économique et, le cas échéant, traduites en accord."]),
        ("phasage", "Étapes et calendrier", [
            "Le projet s'étend d'octobre 2022 à octobre 2023, en trois phases.",
            "Phase 1 – Diagnostic partagé (octobre – décembre 2022) : observations en tournée, "
            "entretiens, restitution dans chaque structure.",
            "Phase 2 – Expérimentation (janvier – juin 2023) : ateliers d'usage, prototypage de "
            "règles et de paramétrages, essais sur trois mois.",
            "Phase 3 – Capitalisation (juillet – octobre 2023) : évaluation, guide, séminaire "
            "régional de restitution."]),
        ("pilotage", "Conduite du projet", [
            "Un comité de pilotage régional, réuni quatre fois, rassemble Ergo'Sphère, l'Aract "
            "Auvergne-Rhône-Alpes, la Fédération ADMR du Rhône, l'UNA Loire et un représentant des "
            "organisations syndicales de la branche. Chaque structure installe un groupe de suivi "
            "paritaire qui se réunit à chaque étape."]),
        ("resultats", "Ce que le projet doit produire", [
            "Des règles d'usage de la télégestion négociées dans au moins quatre structures, un "
            "guide « Télégestion : en parler pour mieux travailler », une trame d'accord de méthode "
            "et un module de sensibilisation pour les élus."]),
        ("perennisation", "Et ensuite ?", [
            "Les fédérations partenaires diffuseront le guide dans leurs réseaux nationaux. Le "
            "module de sensibilisation sera intégré au catalogue de formation d'Ergo'Sphère et "
            "proposé aux OPCO du secteur. Nous visons une seconde vague en Bourgogne-Franche-Comté "
            "en 2024, hors du présent projet."]),
        ("partenaires", "Nos partenaires et leur rôle", [
            "Trois partenaires sont engagés à nos côtés :",
            ("bullets", [
                "Aract Auvergne-Rhône-Alpes : appui méthodologique et participation au comité de "
                "pilotage ;",
                "Fédération ADMR du Rhône : mobilisation des associations, relais auprès des "
                "intervenantes ;",
                "UNA Loire : mobilisation des services publics et associatifs de la Loire, diffusion "
                "des résultats."])]),
    ]
    partners = ["Aract Auvergne-Rhône-Alpes", "Fédération ADMR du Rhône", "UNA Loire"]

    senior, junior = 850, 600
    phases = [
        ("Phase 1 – Diagnostic partagé (oct. – déc. 2022)", [
            ("Ergonome senior", "personnel", (10, senior)),
            ("Ergonome junior", "personnel", (12, junior)),
            ("Déplacements", "deplacements_logistique", 900)]),
        ("Phase 2 – Expérimentation (janv. – juin 2023)", [
            ("Ergonome senior", "personnel", (18, senior)),
            ("Ergonome junior", "personnel", (25, junior)),
            ("Déplacements et location de salles", "deplacements_logistique", 2400),
            ("Facilitation graphique des ateliers (prestataire)", "prestations", 3000)]),
        ("Phase 3 – Capitalisation (juil. – oct. 2023)", [
            ("Ergonome senior", "personnel", (8, senior)),
            ("Ergonome junior", "personnel", (6, junior)),
            ("Conception graphique et impression du guide", "prestations", 4200),
            ("Séminaire de restitution (salle, traiteur)", "deplacements_logistique", 1800)]),
    ]
    lines = []
    for _, ls in phases:
        for label, cat, v in ls:
            amount = v[0] * v[1] if isinstance(v, tuple) else v
            lines.append({"label": label, "cat": cat, "amount": amount})
    cofin = [("Autofinancement Ergo'Sphère (temps de direction non facturé)", 8740),
             ("Métropole de Lyon, appel à projets « Innovation sociale » (demande déposée)", 6000)]
    total = sum(l["amount"] for l in lines)
    anact = total - sum(a for _, a in cofin)
    budget = budget_label(lines, cofin, anact)
    assert total == 68700 and anact == 53960
    assert budget["totals"] == {"personnel": 56400.0, "deplacements_logistique": 5100.0,
                                "prestations": 7200.0, "autre": 0.0}

    # ---- ODT -> PDF (LibreOffice Writer)
    o = Odt()
    o.para("ERGO'SPHÈRE – ergonomie, prévention, conception", o.center)
    o.doc.text.addElement(__import__("odf.text", fromlist=["P"]).P(
        stylename=o.title, text="« Écrans partagés » : co-construire les usages de la "
                                "télégestion dans l'aide à domicile"))
    o.para("Proposition en réponse à l'appel à manifestation d'intérêt « Développer le dialogue "
           "social technologique au travail » (La Fabrique CTO – Anact)", o.center)
    o.para("Contact : Sophie Girard, ergonome européenne, gérante – 04 78 00 00 00", o.center)
    for sid, heading, body in parts:
        o.heading(heading)
        for item in body:
            if isinstance(item, tuple):
                o.bullets(item[1])
            else:
                o.para(item)
    o.heading("Budget prévisionnel par phase")
    o.para("Montants en euros hors taxes. Taux journaliers : ergonome senior "
           f"{eur(senior)} ; ergonome junior {eur(junior)}.")
    rows = [["Poste", "Calcul", "Montant HT"]]
    bold, grey = {0}, {0}
    li = iter(lines)
    for title, ls in phases:
        grey.add(len(rows))
        bold.add(len(rows))
        rows.append([title, "", ""])
        sub = 0
        for label, cat, v in ls:
            ln = next(li)
            calc = f"{v[0]} j × {eur(v[1])}" if isinstance(v, tuple) else "forfait"
            rows.append([label, calc, eur(ln["amount"])])
            sub += ln["amount"]
        bold.add(len(rows))
        rows.append([f"Sous-total {title.split(' – ')[0].lower()}", "", eur(sub)])
    bold.add(len(rows))
    grey.add(len(rows))
    rows.append(["Coût total du projet", "", eur(total)])
    o.table(rows, [9.0, 4.0, 3.5], bold_rows=bold, grey_rows=grey)
    o.para("")
    o.para("Les co-financements envisagés sont les suivants :")
    o.bullets([f"{n} : {eur(a)}" for n, a in cofin])
    share_anact = anact / total
    o.para(f"Montant sollicité auprès de l'Anact : {eur(anact)} HT, soit "
           f"{pct_fr(share_anact)} du coût total.")
    pdf_path = o.save_pdf(pdfstem, out)

    # ---- email: Outlook, windows-1252 QP, multipart/mixed > related > alternative + logo
    plain = (
        "Madame, Monsieur,\n\n"
        "Veuillez trouver ci-joint la proposition du cabinet Ergo'Sphère en réponse à "
        "l'appel à manifestation d'intérêt « Développer le dialogue social technologique "
        "au travail ».\n\n"
        "Je reste disponible pour un échange.\n\n"
        "Bien cordialement,\n\n"
        "Sophie Girard\nGérante – Ergonome européenne\nERGO'SPHÈRE\n12 rue Servient – 69003 Lyon\n")
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" '
        'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
        'xmlns="http://www.w3.org/TR/REC-html40"><head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
        '<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:Calibri;}\n'
        'p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;font-size:11.0pt;'
        'font-family:"Calibri",sans-serif;}\n--></style></head>\n'
        '<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">\n'
        '<div class="WordSection1">\n'
        '<p class="MsoNormal">Madame, Monsieur,<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">Veuillez trouver ci-joint la proposition du cabinet Ergo\'Sphère en '
        'réponse à l\'appel à manifestation d\'intérêt «&nbsp;Développer le dialogue social '
        'technologique au travail&nbsp;».<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">Je reste disponible pour un échange.<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">Bien cordialement,<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal"><img width="120" height="40" style="width:1.25in;height:.4166in" '
        'id="Image_x0020_1" src="cid:image001.png@01D8B3A2.4F1E6C30" alt="Ergo\'Sphère">'
        '<o:p></o:p></p>\n'
        '<p class="MsoNormal"><b>Sophie Girard</b><br>Gérante – Ergonome européenne<br>'
        'ERGO\'SPHÈRE<br>12 rue Servient – 69003 Lyon<o:p></o:p></p>\n'
        '</div>\n</body>\n</html>\n')
    enc_name = Header(pdfname, "iso-8859-1").encode()
    related = Mime.multi("related", "_007_PR1P264MB1786A2C0E2F1B4D9E8F7A1C2PR1P264MB1786FRAP_", [
        Mime.multi("alternative", "_000_PR1P264MB1786A2C0E2F1B4D9E8F7A1C2PR1P264MB1786FRAP_", [
            Mime.text(plain, charset="windows-1252", cte="quoted-printable"),
            Mime.text(html, subtype="html", charset="windows-1252", cte="quoted-printable"),
        ]),
        Mime.binary(logo_png(), 'image/png; name="image001.png"',
                    ['Content-Description: image001.png',
                     'Content-Disposition: inline; filename="image001.png"; size=412;',
                     '\tcreation-date="Fri, 19 Aug 2022 09:05:40 GMT";',
                     '\tmodification-date="Fri, 19 Aug 2022 09:05:40 GMT"',
                     'Content-ID: <image001.png@01D8B3A2.4F1E6C30>']),
    ], extra_params=';\r\n\ttype="multipart/alternative"')
    root = Mime.multi("mixed", "_008_PR1P264MB1786A2C0E2F1B4D9E8F7A1C2PR1P264MB1786FRAP_", [
        related,
        Mime.binary(pdf_path.read_bytes(), f'application/pdf; name="{enc_name}"',
                    [f'Content-Description: {enc_name}',
                     f'Content-Disposition: attachment; filename="{enc_name}";',
                     f'\tsize={len(pdf_path.read_bytes())}; '
                     'creation-date="Fri, 19 Aug 2022 09:04:12 GMT";',
                     '\tmodification-date="Fri, 19 Aug 2022 09:05:47 GMT"']),
    ])
    subject = "AMI Fabrique CTO - proposition Ergo'Sphère"
    msgid = "<PR1P264MB1786A2C0E2F1B4D9E8F7A1C2@PR1P264MB1786.FRAP264.PROD.OUTLOOK.COM>"
    headers = [
        ("From", "Sophie Girard <s.girard@ergosphere-conseil.fr>"),
        ("To", '"fabrique@anact.fr" <fabrique@anact.fr>'),
        ("Subject", enc_header(subject, "iso-8859-1")),
        ("Thread-Topic", enc_header(subject, "iso-8859-1")),
        ("Thread-Index", "AdizsqJP8Q3yVwXbQ+KcW0rTz7mG1A=="),
        ("Date", "Fri, 19 Aug 2022 09:05:47 +0000"),
        ("Message-ID", msgid),
        ("Accept-Language", "fr-FR, en-US"),
        ("Content-Language", "fr-FR"),
        ("X-MS-Has-Attach", "yes"),
        ("X-MS-TNEF-Correlator", ""),
        ("MIME-Version", "1.0"),
    ]
    eml = message(headers, root)

    secs = {sid: (h, next(b for b in body_ if isinstance(b, str))) for sid, h, body_ in parts}
    end = "2023-10"
    flags = rule_flags(budget, end, secs)
    label = {
        "case": "Cabinet d'ergonomie (Outlook, windows-1252, logo inline) : PDF exporté de "
                "LibreOffice Writer, budget par phase en jours × taux journalier avec "
                "sous-totaux, co-financements en liste après une phrase d'introduction ; complet.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, pdfname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": pdfname, "status": "parsed"},
                        {"filename": "image001.png", "status": "skipped"}],
        "message": {"message_id": msgid, "from": "s.girard@ergosphere-conseil.fr",
                    "subject": subject, "date": "2022-08-19T09:05:47+00:00"},
        "project": project_label("2022-10", end),
    }
    assert label["decision"] == "complete", flags
    write_case(cid, eml, label)



# =========================================================================== h3e-03
# Sociology cooperative; DOCX with bold lines as headings (no heading styles); no budget
# file: the budget is a table in the HTML body (Gmail), co-financing as a list after an
# introductory sentence below it.

def add_body(doc, body):
    for item in body:
        if isinstance(item, tuple):
            for b in item[1]:
                doc.add_paragraph(b, style="List Bullet")
        else:
            doc.add_paragraph(item)


@case
def case_03():
    cid = "h3e-03"
    out = WORK / cid
    docname = "La Traverse - dialogue numérique hôtellerie.docx"
    parts = [
        ("contexte", "D'où nous partons", [
            "Dans l'hôtellerie et l'hôtellerie de plein air bretonnes, les logiciels de gestion "
            "hôtelière, les applications de planning et les plateformes de réservation se sont "
            "imposés en moins de cinq ans. Les petites structures, souvent familiales, les adoptent "
            "sur les conseils d'un éditeur ou d'un réseau, sans que le personnel – en grande partie "
            "saisonnier – soit consulté.",
            "Au fil d'une enquête menée en 2021 pour la Région, nous avons recueilli de nombreux "
            "témoignages de réceptionnistes et de gouvernantes qui décrivent une intensification du "
            "travail et une dépendance aux notifications."]),
        ("objectifs", "Ce que nous voulons faire", [
            "Expérimenter, dans huit établissements, des temps de dialogue sur le choix et l'usage "
            "de ces outils ; outiller employeurs et salariés pour qu'ils en discutent avant et "
            "après leur déploiement ; produire des ressources réutilisables par la branche."]),
        ("problematique", "Le nœud du problème", [
            "Les outils numériques de l'hôtellerie sont conçus pour le client et pour le "
            "gestionnaire, rarement pour celles et ceux qui les utilisent au comptoir ou en étage. "
            "Comment rendre discutables leurs effets sur le travail dans des entreprises sans "
            "représentants du personnel et à forte rotation saisonnière ?"]),
        ("cibles", "Qui est concerné", [
            "Huit hôtels et campings de 10 à 60 salariés dans le Finistère et le Morbihan, leurs "
            "dirigeants, leurs salariés permanents et saisonniers, ainsi que les organisations "
            "professionnelles et syndicales de la branche en Bretagne."]),
        ("methodologie", "Comment nous comptons travailler", [
            "Nous partons d'une enquête sociologique courte (observations, entretiens) dans chaque "
            "établissement, puis nous animons avec les équipes des « tables de travail » où chacun "
            "décrit, écran à l'appui, ce que l'outil change à son activité. Les propositions issues "
            "de ces tables sont discutées avec la direction lors d'une rencontre dédiée. Un podcast "
            "restitue les paroles recueillies."]),
        ("phasage", "Le déroulé dans le temps", [
            ("bullets", [
                "Novembre 2022 – janvier 2023 : choix des huit établissements, entretiens avec les "
                "dirigeants, préparation des enquêtes ;",
                "Février – mai 2023 : enquêtes de terrain et tables de travail, avant l'ouverture de "
                "la saison ;",
                "Juin – août 2023 : suivi en saison, entretiens avec les saisonniers ;",
                "Septembre – octobre 2023 : rencontres de restitution, finalisation du podcast et du "
                "livret, séminaire régional de clôture."])]),
        ("pilotage", "Qui décide, qui suit", [
            "Un comité de suivi réunit tous les trimestres la coopérative, l'Aract Bretagne, l'UMIH "
            "Bretagne et l'Union régionale CFDT Bretagne. Il arbitre le choix des établissements et "
            "valide les productions. L'équipe de la coopérative se réunit chaque semaine ; une "
            "réunion de bilan ouvre et clôt chaque étape dans les établissements."]),
        ("resultats", "Ce qui en sortira", [
            "Un livret « Parler de ses outils » à l'usage des petites entreprises du tourisme, une "
            "série de quatre épisodes de podcast, un rapport d'enquête et des règles d'usage "
            "formalisées dans au moins cinq établissements."]),
        ("perennisation", "Pour que ça dure et se diffuse", [
            "Le livret et le podcast seront diffusés sous licence libre par l'UMIH Bretagne et "
            "l'Aract Bretagne. Nous proposerons à l'OPCO du secteur d'intégrer les tables de travail "
            "à son offre d'accompagnement ; la démarche pourra ensuite être transposée à la "
            "restauration."]),
        ("partenaires", "Avec qui", [
            "L'Aract Bretagne apporte son expertise des conditions de travail dans le tourisme et "
            "co-anime le séminaire régional. L'UMIH Bretagne mobilise les établissements et diffuse "
            "les résultats auprès de ses adhérents. L'Union régionale CFDT Bretagne relaie la "
            "démarche auprès des saisonniers et participe au comité de suivi."]),
    ]
    partners = ["Aract Bretagne", "UMIH Bretagne", "Union régionale CFDT Bretagne"]
    groups = [
        ("Dépenses de personnel", [
            ("Sociologue coordinatrice – 40 jours", "personnel", 16000),
            ("Deux sociologues enquêteurs – 60 jours", "personnel", 21000),
            ("Chargée d'administration – 8 jours", "personnel", 2000)]),
        ("Frais de déplacement et logistique", [
            ("Déplacements (train, voiture) dans le Finistère et le Morbihan",
             "deplacements_logistique", 3600),
            ("Hébergement lors des séjours d'enquête", "deplacements_logistique", 1400),
            ("Logistique des rencontres et du séminaire (salles, repas)",
             "deplacements_logistique", 1200)]),
        ("Prestations", [
            ("Réalisation du podcast (studio associatif Radio Kreiz)", "prestations", 4500),
            ("Relecture et mise en page du livret", "prestations", 1300)]),
    ]
    lines = [{"label": l, "cat": c, "amount": a} for _, ls in groups for l, c, a in ls]
    cofin = [("Autofinancement de la coopérative", 5100),
             ("Fondation de France, programme « Transformations du travail » (dossier déposé)",
              6000)]
    total = sum(l["amount"] for l in lines)
    anact = 39900
    budget = budget_label(lines, cofin, anact)
    assert total == 51000 and anact + budget["cofinancing"]["amount"] == total

    # ---- docx with bold lines as headings
    from docx.shared import Pt
    doc = new_docx()
    p = doc.add_paragraph()
    r = p.add_run("LA TRAVERSE – Société coopérative de sociologie et d'intervention")
    r.font.size = Pt(9)
    p = doc.add_paragraph()
    r = p.add_run("« Parler de ses outils » – dialogue social et outils numériques dans les petites "
                  "entreprises du tourisme breton")
    r.bold = True
    r.font.size = Pt(15)
    doc.add_paragraph("Réponse à l'appel à manifestation d'intérêt de l'Anact – La Fabrique CTO, "
                      "août 2022")
    for sid, heading, body in parts:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(10)
        r = p.add_run(heading)
        r.bold = True
        r.font.size = Pt(12)
        add_body(doc, body)
    doc.add_paragraph("")
    doc.add_paragraph("Quimper, le 23 août 2022 – pour la coopérative, Léa Morvan, cogérante")
    docx_path = save_docx(doc, out / "traverse.docx")

    # ---- Gmail body with the budget table
    def row_html(label, amount, bold=False):
        b0, b1 = ("<b>", "</b>") if bold else ("", "")
        return (f'<tr><td style="border:1px solid rgb(204,204,204);padding:2px 6px">{b0}{label}'
                f'{b1}</td><td style="border:1px solid rgb(204,204,204);padding:2px 6px;'
                f'text-align:right">{b0}{amount}{b1}</td></tr>')
    rows = ['<tr><td style="border:1px solid rgb(204,204,204);padding:2px 6px"><b>Poste</b></td>'
            '<td style="border:1px solid rgb(204,204,204);padding:2px 6px"><b>Montant</b></td></tr>']
    ptext = []
    for g, ls in groups:
        rows.append(row_html(f"<i>{g}</i>", ""))
        ptext.append(g)
        for l, _, a in ls:
            rows.append(row_html(l, eur(a).replace("\u202f", "&nbsp;").replace("\u00a0", "&nbsp;")))
            ptext.append(f"{l}\t{eur_plain(a)} €")
    rows.append(row_html("Total", eur(total).replace("\u202f", "&nbsp;").replace("\u00a0", "&nbsp;"),
                         bold=True))
    ptext.append(f"Total\t{eur_plain(total)} €")
    html = (
        '<div dir="ltr"><div>Bonjour,</div><div><br></div>'
        '<div>Vous trouverez ci-joint la description de notre projet « Parler de ses outils » '
        "pour l'AMI La Fabrique CTO. Faute d'avoir pu finaliser un tableur propre à temps, nous "
        'vous indiquons le budget directement ci-dessous.</div><div><br></div>'
        "<div><b>Budget prévisionnel</b> (en euros ; la coopérative n'est pas assujettie à la "
        'TVA)</div><div><br></div>'
        '<table cellspacing="0" cellpadding="0" dir="ltr" border="1" style="table-layout:fixed;'
        'font-size:10pt;font-family:Arial;width:0px;border-collapse:collapse;border:none">'
        '<colgroup><col width="420"><col width="110"></colgroup><tbody>'
        + "".join(rows) + '</tbody></table><div><br></div>'
        '<div>Les co-financements envisagés sont les suivants :</div><ul>'
        + "".join(f"<li>{n} : {eur_plain(a)}&nbsp;€</li>" for n, a in cofin)
        + "</ul><div>Nous sollicitons auprès de l'Anact une subvention de "
        f"{eur_plain(anact)}&nbsp;€.</div><div><br></div>"
        '<div>Bien à vous,</div><div><br></div><div>-- <br><div dir="ltr" '
        'class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Léa Morvan<br>'
        'Cogérante – La Traverse, SCOP de sociologie<br>06 12 34 56 78</div></div></div></div>\n')
    plain = (
        "Bonjour,\n\n"
        "Vous trouverez ci-joint la description de notre projet « Parler de ses outils » pour "
        "l'AMI La Fabrique CTO. Faute d'avoir pu finaliser un tableur propre à temps, nous vous "
        "indiquons le budget directement ci-dessous.\n\n"
        "*Budget prévisionnel* (en euros ; la coopérative n'est pas assujettie à la TVA)\n\n"
        "Poste\tMontant\n" + "\n".join(ptext) + "\n\n"
        "Les co-financements envisagés sont les suivants :\n\n"
        + "".join(f"   - {n} : {eur_plain(a)} €\n" for n, a in cofin)
        + f"\nNous sollicitons auprès de l'Anact une subvention de {eur_plain(anact)} €.\n\n"
        "Bien à vous,\n\n-- \nLéa Morvan\nCogérante – La Traverse, SCOP de sociologie\n"
        "06 12 34 56 78\n")
    enc_name = enc_header(docname).replace(CRLF, "")
    root = Mime.multi("mixed", "000000000000d4c1a205e6f1b2c3", [
        Mime.multi("alternative", "000000000000d4c19f05e6f1b2c1", [
            Mime.text(plain, charset="UTF-8", cte="quoted-printable"),
            Mime.text(html, subtype="html", charset="UTF-8", cte="quoted-printable"),
        ]),
        Mime.binary(docx_path.read_bytes(),
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document; '
                    f'{CRLF}\tname="{enc_name}"',
                    [f'Content-Disposition: attachment; {CRLF}\tfilename="{enc_name}"'],
                    extra=[]),
    ])
    root = root.replace("Content-Transfer-Encoding: base64" + CRLF + CRLF,
                        "Content-Transfer-Encoding: base64" + CRLF +
                        "X-Attachment-Id: f_l75k2q8o0" + CRLF +
                        "Content-ID: <f_l75k2q8o0>" + CRLF + CRLF, 1)
    subject = "Candidature La Fabrique CTO – coopérative La Traverse"
    msgid = "<CAKx7Qm3vRZ0tB9yLw5uNfHq2Jc8sDp4Ea1oGk6WiT0rXy_b5Uw@mail.gmail.com>"
    headers = [
        ("MIME-Version", "1.0"),
        ("Date", "Tue, 23 Aug 2022 22:48:10 +0200"),
        ("Message-ID", msgid),
        ("Subject", enc_header(subject)),
        ("From", "=?UTF-8?Q?L=C3=A9a_Morvan?= <lea.morvan.traverse@gmail.com>"),
        ("To", "fabrique@anact.fr"),
    ]
    eml = message(headers, root)

    secs = {}
    for sid, h, body_ in parts:
        first = body_[0][1][0] if isinstance(body_[0], tuple) else body_[0]
        secs[sid] = (h, first)
    end = "2023-10"
    flags = rule_flags(budget, end, secs)
    label = {
        "case": "Coopérative de sociologie (Gmail, HTML) : DOCX à titres en lignes grasses sans "
                "style, budget en tableau dans le corps HTML (pas de fichier budget), "
                "co-financements en liste après une phrase d'introduction ; complet, envoyé "
                "le 23 août à 22 h 48.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, docname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": docname, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "lea.morvan.traverse@gmail.com",
                    "subject": subject, "date": "2022-08-23T22:48:10+02:00"},
        "project": project_label("2022-11", end),
    }
    assert label["decision"] == "complete", flags
    write_case(cid, eml, label)


# =========================================================================== h3e-04
# Two-person consultancy; DOCX with Word heading styles (own wording); budget table in
# "jours × taux journalier" columns, HT and TTC; co-financing 10 % (below the minimum);
# Apple Mail with RFC 2231 file name and a trailing text part.

@case
def case_04():
    cid = "h3e-04"
    out = WORK / cid
    docname = "Tandem – réponse AMI Fabrique CTO.docx"
    parts = [
        ("contexte", "Notre point de départ", [
            "Depuis la crise sanitaire, les PME de services du Béarn et du Pays basque (bureaux "
            "d'études, cabinets comptables, agences) ont massivement adopté les messageries "
            "d'équipe et les outils de visioconférence. Lors de nos missions, salariés et "
            "dirigeants décrivent la même fatigue : sollicitations permanentes, frontière floue "
            "entre temps de travail et temps personnel, réunions qui se multiplient."]),
        ("objectifs", "Les buts du projet", [
            "Aider six PME à définir collectivement leurs règles d'usage des outils collaboratifs, "
            "à partir du travail réel de leurs équipes ; former dirigeants et représentants du "
            "personnel à conduire ce dialogue ; capitaliser une démarche légère, adaptée aux "
            "entreprises de moins de cinquante salariés."]),
        ("problematique", "Ce qui pose question", [
            "Les chartes de déconnexion, souvent rédigées par la direction seule, restent lettre "
            "morte. Comment passer d'une règle affichée à des usages réellement discutés et "
            "ajustés par les équipes, dans des entreprises où le dialogue social est informel ?"]),
        ("cibles", "Les entreprises et les personnes visées", [
            "Six PME de services de 15 à 50 salariés, leurs dirigeants, leurs managers, leurs "
            "salariés et, là où ils existent, leurs élus du CSE."]),
        ("methodologie", "Méthode d'accompagnement", [
            "Dans chaque entreprise, nous conduisons un diagnostic flash (questionnaire court et "
            "entretiens), puis trois ateliers où les équipes cartographient leurs flux de "
            "messages et testent de nouvelles règles pendant un mois. Un atelier final, avec la "
            "direction et les représentants du personnel, arrête les règles retenues. Deux "
            "rencontres collectives permettent aux six entreprises d'échanger leurs pratiques."]),
        ("phasage", "Planning prévisionnel", [
            "Le projet démarrera en octobre 2022 et s'achèvera en juillet 2023.",
            ("bullets", [
                "Octobre – novembre 2022 : recrutement des entreprises et diagnostics flash ;",
                "Décembre 2022 – avril 2023 : ateliers et périodes de test ;",
                "Mai – juillet 2023 : ateliers de décision, rencontre collective finale, "
                "rédaction du kit."])]),
        ("pilotage", "Pilotage", [
            "Un comité de pilotage composé d'Atelier Tandem, de l'Aract Nouvelle-Aquitaine, de la "
            "CFE-CGC Nouvelle-Aquitaine et du Club des dirigeants de PME du Béarn se réunit à "
            "trois reprises : au lancement, à mi-parcours et à la clôture."]),
        ("resultats", "Livrables et effets attendus", [
            "Des règles d'usage adoptées dans les six entreprises, un kit d'animation en accès "
            "libre (fiches, cartes, trame d'atelier) et une note de synthèse illustrée."]),
        ("perennisation", "Diffusion et suites", [
            "Le kit sera diffusé par le Club des dirigeants et par l'Aract Nouvelle-Aquitaine. "
            "Nous l'intégrerons à nos propres missions et le proposerons aux réseaux consulaires "
            "de la région."]),
        ("partenaires", "Partenariats", [
            "L'Aract Nouvelle-Aquitaine apporte un regard méthodologique et participe au comité de "
            "pilotage. La CFE-CGC Nouvelle-Aquitaine relaie la démarche auprès des élus et "
            "contribue aux ateliers de décision. Le Club des dirigeants de PME du Béarn mobilise "
            "les entreprises et accueille les rencontres collectives."]),
    ]
    partners = ["Aract Nouvelle-Aquitaine", "CFE-CGC Nouvelle-Aquitaine",
                "Club des dirigeants de PME du Béarn"]
    rate = 700
    blines = [
        ("Alice Marchand, consultante associée (cadrage, ateliers)", "personnel", 35, rate),
        ("Karim Benali, consultant associé (ingénierie, outillage)", "personnel", 35, rate),
        ("Déplacements (six entreprises du Béarn et du Pays basque)", "deplacements_logistique",
         None, 2800),
        ("Location de salles pour les rencontres collectives", "deplacements_logistique", None, 600),
        ("Illustratrice indépendante (prestation)", "prestations", None, 2400),
    ]
    lines = [{"label": l, "cat": c, "amount": (d * r if d else r)} for l, c, d, r in blines]
    total = sum(l["amount"] for l in lines)
    cofin = [("Autofinancement Atelier Tandem", 5500)]
    anact = 49300
    budget = budget_label(lines, cofin, anact)
    assert total == 54800 and anact + 5500 == total
    assert budget["cofinancing"]["share"] == 0.1004

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    doc = new_docx()
    doc.add_heading("Atelier Tandem", level=0)
    doc.add_paragraph("SARL de conseil – Alice Marchand et Karim Benali – Pau\n"
                      "Projet « À la bonne heure » : des règles d'usage des outils collaboratifs "
                      "construites par les équipes")
    for sid, heading, body in parts:
        doc.add_heading(heading, level=2)
        add_body(doc, body)
    doc.add_heading("Budget", level=2)
    doc.add_paragraph("Taux journalier unique pour les deux associés. TVA à 20 %.")
    t = doc.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for c, h in zip(t.rows[0].cells, ["Poste", "Nb de jours", "Taux journalier HT",
                                      "Montant HT", "Montant TTC"]):
        c.text = h
        c.paragraphs[0].runs[0].bold = True
    for (l, c, d, r), ln in zip(blines, lines):
        cells = t.add_row().cells
        cells[0].text = l
        cells[1].text = str(d) if d else ""
        cells[2].text = eur(r) if d else ""
        cells[3].text = eur(ln["amount"])
        cells[4].text = eur(ln["amount"] * 1.2)
    cells = t.add_row().cells
    cells[0].text = "Total"
    cells[3].text = eur(total)
    cells[4].text = eur(total * 1.2)
    for c in cells:
        for r_ in c.paragraphs[0].runs:
            r_.bold = True
    for row in t.rows[1:]:
        for c in row.cells[1:]:
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("")
    doc.add_paragraph("Plan de financement (HT) :")
    t2 = doc.add_table(rows=1, cols=3)
    t2.style = "Table Grid"
    for c, h in zip(t2.rows[0].cells, ["Ressource", "Montant HT", "Part"]):
        c.text = h
    for n, a in [("Subvention sollicitée auprès de l'Anact", anact)] + cofin + [("Total", total)]:
        cells = t2.add_row().cells
        cells[0].text = n
        cells[1].text = eur(a)
        cells[2].text = f"{round(100 * a / total)} %"
    docx_path = save_docx(doc, out / "tandem.docx")

    plain1 = ("Bonjour,\n\nVoici notre réponse à l'appel à manifestation d'intérêt « Développer le "
              "dialogue social technologique au travail » (La Fabrique CTO).\n\n")
    plain2 = ("\nBonne réception,\n\nKarim Benali\nAtelier Tandem – conseil en organisation du "
              "travail\n06 98 76 54 32\n")
    root = Mime.multi("mixed", "Apple-Mail=_3F2A1C8E-7B4D-4E2A-9C61-8D0F5B7A2E14", [
        Mime.text(plain1, charset="utf-8", cte="quoted-printable"),
        Mime.binary(docx_path.read_bytes(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document;"
                    f"{CRLF}\tx-unix-mode=0644;{CRLF}\tname*={rfc2231(docname)}",
                    [f"Content-Disposition: attachment;{CRLF}\tfilename*={rfc2231(docname)}"]),
        Mime.text(plain2, charset="utf-8", cte="quoted-printable"),
    ])
    subject = "Réponse AMI « La Fabrique CTO » – Atelier Tandem"
    msgid = "<8E4B2F1A-6C3D-4A7E-B1F9-2D5C8A0E7B36@ateliertandem.fr>"
    # Apple Mail writes the multipart header among the others: assemble by hand
    body_only = root.split(CRLF + CRLF, 1)[1]
    head = [
        ("From", "Karim Benali <karim@ateliertandem.fr>"),
        ("Content-Type", 'multipart/mixed;\r\n\tboundary="Apple-Mail=_3F2A1C8E-7B4D-4E2A-9C61-8D0F5B7A2E14"'),
        ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))"),
        ("Subject", enc_header(subject)),
        ("Message-Id", msgid),
        ("Date", "Wed, 17 Aug 2022 11:20:36 +0200"),
        ("Cc", "Alice Marchand <alice@ateliertandem.fr>"),
        ("To", "fabrique@anact.fr"),
        ("X-Mailer", "Apple Mail (2.3696.120.41.1.1)"),
    ]
    eml = ("".join(f"{k}: {v}{CRLF}" for k, v in head) + CRLF + body_only).encode("utf-8")

    secs = {sid: (h, next(b for b in body_ if isinstance(b, str))) for sid, h, body_ in parts}
    end = "2023-07"
    flags = rule_flags(budget, end, secs)
    assert [f["code"] for f in flags] == ["cofinancing_below_minimum"]
    label = {
        "case": "Cabinet de deux associés (Apple Mail, nom RFC 2231) : DOCX à titres stylés, "
                "budget en jours × taux journalier avec colonnes HT et TTC ; autofinancement "
                "10 % seulement : co-financement sous le minimum.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, docname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": docname, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "karim@ateliertandem.fr",
                    "subject": subject, "date": "2022-08-17T11:20:36+02:00"},
        "project": project_label("2022-10", end),
    }
    assert label["decision"] == "incomplete"
    write_case(cid, eml, label)



# =========================================================================== h3e-05
# Engineering school chair; PDF exported from LibreOffice Writer (lettered Heading 1);
# XLSX budget with one block per partner (sub-totals, formulas cached by LibreOffice);
# co-financing exactly 20 %; Roundcube, ISO-8859-1; the phasage ends in March 2024.

@case
def case_05():
    cid = "h3e-05"
    out = WORK / cid
    pdfstem = "Chaire_TransTech_dossier_AMI"
    pdfname = pdfstem + ".pdf"
    xlsname = "Budget_détaillé_par_partenaire.xlsx"
    parts = [
        ("contexte", "A – Contexte industriel et social", [
            "Le bassin stéphanois compte plus de 1 500 PME de la mécanique, du décolletage et de la "
            "plasturgie. Beaucoup s'équipent aujourd'hui de robots collaboratifs et de systèmes de "
            "pilotage de la production (MES), encouragées par les plans « Industrie du futur ». Ces "
            "projets sont conduits par des intégrateurs et des bureaux des méthodes ; les opérateurs "
            "découvrent les nouveaux postes au moment de leur mise en service."]),
        ("objectifs", "B – Finalités du projet", [
            "Le projet CODIAL vise à concevoir et tester, avec cinq PME, une démarche de "
            "« conception dialoguée » des postes robotisés ; à former des binômes ingénieur "
            "méthodes – élu du personnel ; et à produire un référentiel utilisable par les "
            "intégrateurs et les écoles d'ingénieurs."]),
        ("problematique", "C – Enjeu scientifique", [
            "La conception des systèmes cobotiques reste pensée comme une affaire d'ingénierie. "
            "Notre hypothèse est que l'intégration précoce du travail réel des opérateurs et de "
            "leurs représentants améliore à la fois les conditions de travail et la performance "
            "des installations. Comment organiser ce dialogue sans alourdir des projets menés dans "
            "des délais très courts ?"]),
        ("cibles", "D – Publics visés", [
            "Cinq PME industrielles de la Loire (30 à 200 salariés) engagées dans un projet de "
            "robotisation en 2023, leurs opérateurs, techniciens, ingénieurs méthodes et "
            "représentants du personnel, ainsi que les intégrateurs qui les équipent."]),
        ("methodologie", "E – Méthode", [
            "La démarche associe ergonomes, ingénieurs et designers. Elle s'appuie sur des "
            "simulations de l'activité future à l'aide de maquettes et de jumeaux numériques, "
            "présentées lors d'« ateliers de conception dialoguée » où opérateurs, méthodes, "
            "intégrateur et élus discutent des choix de conception. Chaque atelier donne lieu à un "
            "compte rendu partagé et à des décisions suivies."]),
        ("phasage", "F – Phasage", [
            "Le projet est prévu sur dix-huit mois, d'octobre 2022 à mars 2024.",
            ("bullets", [
                "Phase 1 (octobre 2022 – janvier 2023) : sélection des PME, état des lieux des "
                "projets de robotisation ;",
                "Phase 2 (février – décembre 2023) : ateliers de conception dialoguée et suivi des "
                "mises en service ;",
                "Phase 3 (janvier – mars 2024) : évaluation, rédaction du référentiel, colloque de "
                "clôture à Saint-Étienne."])]),
        ("pilotage", "G – Organisation et comités", [
            "Le pilotage est assuré par un comité réunissant la chaire, l'UIMM Loire, l'Agence "
            "Lisière et l'Aract Auvergne-Rhône-Alpes, qui se réunit chaque trimestre. Un comité "
            "technique, composé des référents de chaque PME, se réunit tous les deux mois pour "
            "suivre les expérimentations."]),
        ("resultats", "H – Livrables et impacts attendus", [
            "Un référentiel de conception dialoguée des postes cobotiques, cinq études de cas, un "
            "module de formation pour les élèves ingénieurs et les intégrateurs, et des indicateurs "
            "de suivi des conditions de travail sur les postes robotisés."]),
        ("perennisation", "I – Pérennité et essaimage", [
            "Le module sera intégré au cursus de l'ENISE dès la rentrée 2024. L'UIMM Loire "
            "proposera la démarche à ses adhérents dans le cadre de son offre « Industrie du "
            "futur », et la chaire cherchera à l'étendre à d'autres bassins industriels de la "
            "région à partir de 2025."]),
        ("partenaires", "J – Partenariat", [
            "Trois structures s'engagent aux côtés de la chaire :",
            ("bullets", [
                "UIMM Loire : mobilisation des entreprises, organisation des rencontres "
                "inter-entreprises, apport en nature (salles et temps de chargé de mission) ;",
                "Agence Lisière (design de services) : conception des maquettes et des supports "
                "des ateliers ;",
                "Aract Auvergne-Rhône-Alpes : appui méthodologique sur le dialogue social, "
                "participation au comité de pilotage."])]),
    ]
    partners = ["UIMM Loire", "Agence Lisière", "Aract Auvergne-Rhône-Alpes"]
    blocks = [
        ("ENISE – Chaire TransTech (porteur)", [
            ("Ingénieur de recherche (10 mois)", "Personnel", "personnel", 38000),
            ("Doctorant (contribution à 20 %)", "Personnel", "personnel", 8000),
            ("Missions et déplacements", "Déplacements", "deplacements_logistique", 2500)]),
        ("UIMM Loire", [
            ("Chargé de mission (25 jours)", "Personnel", "personnel", 10000),
            ("Rencontres inter-entreprises (salles, repas)", "Logistique",
             "deplacements_logistique", 2000)]),
        ("Agence Lisière", [
            ("Conception des maquettes et supports d'ateliers (prestation)", "Prestations",
             "prestations", 9500)]),
    ]
    resources = [("Subvention sollicitée auprès de l'Anact", 56000),
                 ("Autofinancement ENISE (fonds propres de la chaire)", 9000),
                 ("Apport en nature UIMM Loire", 5000)]
    lines = [{"label": l, "cat": c, "amount": a} for _, ls in blocks for l, _k, c, a in ls]
    anact = resources[0][1]
    cofin = resources[1:]
    budget = budget_label(lines, cofin, anact)
    total = budget["total_cost"]
    assert total == 70000 and budget["cofinancing"]["share"] == 0.2
    assert sum(a for _, a in resources) == total

    # ---- xlsx, one block per partner
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Chaire TransTech – projet CODIAL – budget prévisionnel par partenaire (€ HT)"
    ws["A1"].font = Font(bold=True, size=12)
    row = 3
    subrows = []
    for bi, (name, ls) in enumerate(blocks, 1):
        c = ws.cell(row=row, column=1, value=f"Partenaire {bi} : {name}")
        c.font = Font(bold=True, color="FFFFFF")
        for j in range(1, 4):
            ws.cell(row=row, column=j).fill = PatternFill("solid", fgColor="2F5496")
        row += 1
        for j, h in enumerate(["Poste", "Nature", "Montant HT"], 1):
            ws.cell(row=row, column=j, value=h).font = Font(italic=True)
        row += 1
        first = row
        for l, kind, _c, a in ls:
            ws.cell(row=row, column=1, value=l)
            ws.cell(row=row, column=2, value=kind)
            ws.cell(row=row, column=3, value=a)
            row += 1
        short = name.split(" (")[0].split(" – ")[0]
        ws.cell(row=row, column=1, value=f"Sous-total {short}").font = Font(bold=True)
        ws.cell(row=row, column=3, value=f"=SUM(C{first}:C{row - 1})").font = Font(bold=True)
        subrows.append(row)
        row += 2
    ws.cell(row=row, column=1, value="TOTAL GÉNÉRAL DU PROJET").font = Font(bold=True)
    ws.cell(row=row, column=3, value="=" + "+".join(f"C{r}" for r in subrows)).font = \
        Font(bold=True)
    trow = row
    row += 2
    ws.cell(row=row, column=1, value="Ressources").font = Font(bold=True)
    row += 1
    rfirst = row
    for n, a in resources:
        ws.cell(row=row, column=1, value=n)
        ws.cell(row=row, column=3, value=a)
        ws.cell(row=row, column=4, value=f"=C{row}/C{trow}").number_format = "0%"
        row += 1
    ws.cell(row=row, column=1, value="TOTAL DES RESSOURCES").font = Font(bold=True)
    ws.cell(row=row, column=3, value=f"=SUM(C{rfirst}:C{row - 1})").font = Font(bold=True)
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 14
    for r_ in ws.iter_rows(min_row=3, min_col=3, max_col=3):
        for c in r_:
            c.number_format = '#,##0 "€"'
    xlsx_path = out / "budget_codial.xlsx"
    out.mkdir(parents=True, exist_ok=True)
    wb.save(str(xlsx_path))
    recalc_xlsx(xlsx_path)

    # ---- ODT -> PDF
    from odf.text import P
    o = Odt(font="DejaVu Serif")
    o.doc.text.addElement(P(stylename=o.title, text="CODIAL – Concevoir en dialoguant les postes "
                                                    "robotisés des PME de la Loire"))
    o.para("Chaire TransTech « Travail, transitions technologiques et dialogue social » – École "
           "nationale d'ingénieurs de Saint-Étienne (ENISE)", o.center)
    o.para("Dossier de réponse à l'appel à manifestation d'intérêt « Développer le dialogue "
           "social technologique au travail » – La Fabrique CTO", o.center)
    o.para("Responsable : Pr Thomas Vial, titulaire de la chaire", o.center)
    for sid, heading, body in parts:
        o.heading(heading)
        for item in body:
            if isinstance(item, tuple):
                o.bullets(item[1])
            else:
                o.para(item)
    o.heading("K – Budget")
    o.para(f"Le budget détaillé, présenté par partenaire, figure dans le tableur joint. Coût total "
           f"du projet : {eur(total)} HT ; subvention demandée à l'Anact : {eur(anact)} (80 %) ; "
           f"co-financements : {eur(total - anact)} (20 %).")
    pdf_path = o.save_pdf(pdfstem, out)

    # ---- Roundcube, ISO-8859-1
    plain = ("Madame, Monsieur,\n\n"
             "Au nom de la chaire TransTech de l'ENISE, je vous prie de trouver ci-joint notre \n"
             "dossier de réponse à l'appel à manifestation d'intérêt « Développer le dialogue \n"
             "social technologique au travail » ainsi que le budget détaillé par partenaire.\n\n"
             "Avec mes salutations distinguées,\n\n"
             "-- \nThomas Vial\nProfesseur des universités\nTitulaire de la chaire TransTech - "
             "ENISE\n58 rue Jean Parot, 42000 Saint-Étienne\n")
    bnd = "=_5b1d9e0c7a3f42e8d6c4b2a0918f7e6d"
    pdf_bytes = pdf_path.read_bytes()
    xls_bytes = xlsx_path.read_bytes()
    root = Mime.multi("mixed", bnd, [
        Mime.text(plain, charset="ISO-8859-1", cte="quoted-printable", params="; format=flowed"),
        Mime.binary(pdf_bytes, f"application/pdf;{CRLF} name={pdfname}",
                    [f"Content-Disposition: attachment;{CRLF} filename={pdfname};{CRLF}"
                     f" size={len(pdf_bytes)}"]),
        Mime.binary(xls_bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;"
                    f"{CRLF} name*={rfc2231(xlsname)}",
                    [f"Content-Disposition: attachment;{CRLF} filename*={rfc2231(xlsname)};"
                     f"{CRLF} size={len(xls_bytes)}"]),
    ])
    root = root.replace(f'Content-Type: multipart/mixed;{CRLF}\tboundary="{bnd}"',
                        f'Content-Type: multipart/mixed;{CRLF} boundary="{bnd}"')
    subject = "Réponse à l'appel à manifestation d'intérêt - Chaire TransTech (ENISE)"
    msgid = "<2f6c1e0ab39d4c8e7f51a2b3c4d5e6f7@webmail.enise.fr>"
    headers = [
        ("MIME-Version", "1.0"),
        ("Date", "Mon, 22 Aug 2022 18:03:29 +0200"),
        ("From", "Thomas Vial <thomas.vial@enise.fr>"),
        ("To", "fabrique@anact.fr"),
        ("Subject", enc_header(subject, "iso-8859-1")),
        ("Organization", "ENISE"),
        ("Message-ID", msgid),
        ("X-Sender", "thomas.vial@enise.fr"),
        ("User-Agent", "Roundcube Webmail/1.5.2"),
    ]
    eml = message(headers, root)

    secs = {sid: (h, next(b for b in body_ if isinstance(b, str))) for sid, h, body_ in parts}
    end = "2024-03"
    flags = rule_flags(budget, end, secs)
    assert [f["code"] for f in flags] == ["project_end_after_limit"], flags
    label = {
        "case": "Chaire d'école d'ingénieurs (Roundcube, ISO-8859-1, RFC 2231) : PDF exporté de "
                "LibreOffice Writer à titres lettrés, budget XLSX en un bloc par partenaire avec "
                "sous-totaux, co-financement à 20 % tout juste ; phasage jusqu'en mars 2024.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, pdfname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": pdfname, "status": "parsed"},
                        {"filename": xlsname, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "thomas.vial@enise.fr",
                    "subject": subject, "date": "2022-08-22T18:03:29+02:00"},
        "project": project_label("2022-10", end),
    }
    assert label["decision"] == "incomplete" and label["project"]["duration_months"] == 18
    write_case(cid, eml, label)


# =========================================================================== h3e-06
# Independent researcher with partners; DOCX form (two-column table: question | answer);
# budget as one block (table) per partner below the form; co-financing as a list after an
# introductory sentence; dates given to the day; Gmail from a phone.

@case
def case_06():
    cid = "h3e-06"
    out = WORK / cid
    docname = "Proposition Fabrique CTO – C. Dumoulin.docx"
    intro_rows = [
        ("Intitulé du projet", "Machines connectées, paroles partagées : le numérique agricole en "
                               "discussion dans les CUMA d'Occitanie"),
        ("Porteuse du projet", "Claire Dumoulin, sociologue du travail, chercheuse indépendante "
                               "(micro-entreprise), Toulouse"),
    ]
    parts = [
        ("contexte", "Situation de départ",
         "Les coopératives d'utilisation de matériel agricole (CUMA) d'Occitanie emploient plus de "
         "600 salariés, chauffeurs et mécaniciens. Leurs machines sont désormais connectées : "
         "guidage GPS, télémétrie, logiciels de planification des chantiers partagés entre "
         "adhérents. Ces outils transforment l'organisation du travail des salariés, rarement "
         "consultés sur leur choix."),
        ("objectifs", "Buts poursuivis",
         "Créer, dans quatre CUMA, des espaces de discussion entre salariés, adhérents et bureaux "
         "sur les usages des outils connectés ; en tirer des repères pour l'ensemble du réseau."),
        ("problematique", "Question centrale",
         "Comment construire un dialogue sur les technologies dans des structures où les "
         "employeurs sont des agriculteurs bénévoles et où les salariés travaillent le plus "
         "souvent seuls, au volant ?"),
        ("cibles", "Bénéficiaires",
         "Les salariés (chauffeurs, mécaniciens) de quatre CUMA de Haute-Garonne, du Gers et de "
         "l'Aveyron, les présidents et membres des bureaux et, au-delà, les animateurs du réseau "
         "régional."),
        ("methodologie", "Démarche proposée",
         "Une enquête par observation embarquée (journées passées en cabine et à l'atelier), "
         "suivie de trois ateliers par CUMA réunissant salariés et adhérents autour de situations "
         "vécues. Les propositions issues des ateliers sont soumises au conseil d'administration "
         "de chaque CUMA. Un film court, réalisé avec les participants, sert de support de "
         "diffusion."),
        ("phasage", "Calendrier détaillé",
         "Du 2 janvier au 15 décembre 2023, en trois temps : janvier – mars, observations "
         "embarquées ; avril – septembre, ateliers (hors pics de moisson) ; octobre – 15 "
         "décembre, restitutions, film et journée régionale."),
        ("pilotage", "Organisation du pilotage",
         "Un comité de pilotage réunit trois fois dans l'année la chercheuse, l'Aract Occitanie, "
         "la FRCUMA Occitanie, la CAE Les Ateliers du Sud et deux salariés de CUMA. Un point "
         "mensuel entre la chercheuse et l'animateur de la FRCUMA assure le suivi opérationnel."),
        ("resultats", "Effets attendus",
         "Des règles d'usage des outils connectés adoptées dans les quatre CUMA, un film de douze "
         "minutes, un cahier de repères pour les bureaux de CUMA et une communication dans une "
         "revue de sociologie rurale."),
        ("perennisation", "Suites envisagées",
         "La FRCUMA Occitanie intégrera les repères à la formation des nouveaux présidents de "
         "CUMA. Le film et le cahier seront diffusés par la Fédération nationale des CUMA, ce qui "
         "ouvre la voie à un essaimage dans d'autres régions."),
        ("partenaires", "Partenaires associés et rôle de chacun",
         "Aract Occitanie : appui méthodologique, participation au comité de pilotage. FRCUMA "
         "Occitanie (fédération régionale des CUMA) : choix des CUMA, co-animation des ateliers, "
         "commande et suivi du film. CAE Les Ateliers du Sud : accompagnement des restitutions et "
         "organisation de la journée régionale."),
    ]
    partners = ["Aract Occitanie", "FRCUMA Occitanie", "CAE Les Ateliers du Sud"]
    blocks = [
        ("Claire Dumoulin (porteuse)", [
            ("Temps de recherche et d'animation – 45 jours × 500 €", "personnel", 22500),
            ("Déplacements (observations embarquées, ateliers)", "deplacements_logistique", 2600)]),
        ("CAE Les Ateliers du Sud", [
            ("Accompagnatrice – 12 jours × 400 €", "personnel", 4800),
            ("Location de salle et repas de la journée régionale", "deplacements_logistique",
             900)]),
        ("FRCUMA Occitanie", [
            ("Animateur – 15 jours × 350 €", "personnel", 5250),
            ("Réalisation du film (vidéaste prestataire)", "prestations", 3800)]),
    ]
    lines = [{"label": l, "cat": c, "amount": a} for _, ls in blocks for l, c, a in ls]
    for ln in lines:
        m = re.search(r"(\d+) jours × (\d+) €", ln["label"])
        if m:
            assert int(m.group(1)) * int(m.group(2)) == ln["amount"], ln
    cofin = [("Autofinancement (temps non facturé de Claire Dumoulin)", 4500),
             ("FRCUMA Occitanie (temps d'animation pris en charge)", 3500)]
    budget = budget_label(lines, cofin, None)
    total = budget["total_cost"]
    anact = total - budget["cofinancing"]["amount"]
    budget["anact_request"] = anact
    assert total == 39850 and anact == 31850 and budget["cofinancing"]["share"] == 0.2008

    from docx.shared import Cm, Pt
    doc = new_docx()
    p = doc.add_paragraph()
    r = p.add_run("Appel à manifestation d'intérêt « Développer le dialogue social technologique "
                  "au travail » – La Fabrique CTO")
    r.bold = True
    r.font.size = Pt(13)
    doc.add_paragraph("Fiche de présentation du projet")
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    for lab_, val in intro_rows + [(h, b) for _, h, b in parts]:
        cells = t.add_row().cells
        cells[0].width = Cm(5)
        cells[1].width = Cm(11.5)
        cells[0].text = lab_
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = val
    doc.add_paragraph("")
    p = doc.add_paragraph()
    r = p.add_run("Budget prévisionnel par structure")
    r.bold = True
    r.font.size = Pt(12)
    for name, ls in blocks:
        p = doc.add_paragraph()
        r = p.add_run(name)
        r.bold = True
        r.italic = True
        bt = doc.add_table(rows=0, cols=2)
        bt.style = "Table Grid"
        for l, _c, a in ls:
            cells = bt.add_row().cells
            cells[0].text = l
            cells[1].text = eur(a)
        cells = bt.add_row().cells
        cells[0].text = "Sous-total"
        cells[1].text = eur(sum(a for _, _, a in ls))
        for c in cells:
            c.paragraphs[0].runs[0].bold = True
    doc.add_paragraph("")
    p = doc.add_paragraph()
    r = p.add_run(f"Total du projet : {eur(total)}")
    r.bold = True
    doc.add_paragraph("Les co-financements envisagés sont les suivants :")
    for n, a in cofin:
        doc.add_paragraph(f"{n} : {eur(a)}", style="List Bullet")
    doc.add_paragraph(f"Montant demandé à l'Anact : {eur(anact)}, soit "
                      f"{pct_fr(anact / total)} du coût total.")
    docx_path = save_docx(doc, out / "dumoulin.docx")

    plain = ("Bonjour,\nje vous adresse ma proposition pour la Fabrique CTO (fiche projet et "
             "budget dans le document joint).\nBien cordialement\nClaire Dumoulin\n")
    html = ('<div dir="auto">Bonjour,<div dir="auto">je vous adresse ma proposition pour la '
            'Fabrique CTO (fiche projet et budget dans le document joint).</div><div dir="auto">'
            'Bien cordialement</div><div dir="auto">Claire Dumoulin</div></div>\n')
    enc_name = Header(docname, "utf-8").encode(linesep=CRLF + " ")
    enc_name = enc_name.replace(CRLF + " ", " ")
    root = Mime.multi("mixed", "0000000000008a31f205e65b7c2e", [
        Mime.multi("alternative", "0000000000008a31f005e65b7c2c", [
            Mime.text(plain, charset="UTF-8", cte="base64"),
            Mime.text(html, subtype="html", charset="UTF-8", cte="base64"),
        ]),
        Mime.binary(docx_path.read_bytes(),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document; "
                    f'{CRLF}\tname="{enc_name}"',
                    [f'Content-Disposition: attachment; {CRLF}\tfilename="{enc_name}"']),
    ])
    root = root.replace("Content-Transfer-Encoding: base64" + CRLF + CRLF + "UEsD",
                        "Content-Transfer-Encoding: base64" + CRLF +
                        "X-Attachment-Id: 17a8c3f0e2b5d4a1_0.1" + CRLF +
                        "Content-ID: <17a8c3f0e2b5d4a1_0.1>" + CRLF + CRLF + "UEsD", 1)
    subject = "Fabrique CTO : proposition « Machines connectées, paroles partagées »"
    msgid = "<CAGq3bX8Rk1uV0yN4cZt2Wm7sLp9EoD6hJf5QaT3iY8uB1nMxKw@mail.gmail.com>"
    headers = [
        ("MIME-Version", "1.0"),
        ("From", "Claire Dumoulin <claire.dumoulin.socio@gmail.com>"),
        ("Date", "Sat, 13 Aug 2022 07:55:02 +0200"),
        ("Message-ID", msgid),
        ("Subject", enc_header(subject)),
        ("To", "fabrique@anact.fr"),
        ("Cc", "Julie Sarrade <julie.sarrade@frcuma-occitanie.fr>"),
    ]
    eml = message(headers, root)

    secs = {sid: (h, b) for sid, h, b in parts}
    start, end = "2023-01-02", "2023-12-15"
    flags = rule_flags(budget, end, secs)
    label = {
        "case": "Chercheuse indépendante et partenaires (Gmail mobile, base64) : DOCX formulaire "
                "en tableau question | réponse, budget en un tableau par structure, "
                "co-financements en liste après une phrase d'introduction, dates au jour ; "
                "complet.",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(secs, docname),
        "budget": budget,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": docname, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "claire.dumoulin.socio@gmail.com",
                    "subject": subject, "date": "2022-08-13T07:55:02+02:00"},
        "project": project_label(start, end),
    }
    assert label["decision"] == "complete", flags
    assert label["project"]["duration_months"] == 12
    write_case(cid, eml, label)


# =========================================================================== main

def main() -> None:
    import sys
    only = set(sys.argv[1:])
    WORK.mkdir(parents=True, exist_ok=True)
    for fn in CASE_FUNCS:
        cid = "h3e-" + fn.__name__.split("_")[1]
        if only and cid not in only:
            continue
        fn()
        print("wrote", cid)


if __name__ == "__main__":
    main()
