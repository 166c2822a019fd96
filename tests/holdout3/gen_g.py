#!/usr/bin/env python3
"""Holdout3, writer "g": six raw proposals (.eml) for "La Fabrique CTO" and their labels.

Run with a virtualenv holding python-docx, openpyxl, fpdf2, odfpy, Pillow; LibreOffice
(soffice) is used to compute the XLSX formulas and to export Writer documents to PDF.

    /tmp/h3venv-g/bin/python tests/holdout3/gen_g.py

Writes cases/h3g-NN.eml and cases/h3g-NN.expected.json. Every label is derived from the
same Python data the documents are written from (headings, first words, budget lines,
dates), and the flags and decision are computed by the contract's rules (see ``derive``).
Dates, Message-IDs, MIME boundaries and archive timestamps are fixed.
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
WORK = Path("/tmp/h3g-work")
LO_PROFILE = "file:///tmp/lo-g"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CAP = 80000.0
MIN_SHARE = 0.2
DEADLINE = datetime.fromisoformat("2022-08-23T23:59:59+02:00")
END_LIMIT = "2023-12-30"
FIXED_ZIP_TIME = (2022, 8, 1, 9, 0, 0)


# --------------------------------------------------------------------------- helpers

def words(text: str, n: int = 6) -> str:
    """The first n words of a text, as written."""
    return " ".join(text.split()[:n])


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def normalize_zip(path: Path) -> None:
    """Rewrite a zip-based file (docx, xlsx, odt, zip) with fixed entry timestamps."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")
    items = [(i, stamp.sub(b"2022-08-18T14:00:00Z", data) if i.filename in ("docProps/core.xml", "meta.xml")
              else data) for i, data in items]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info, data in items:
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def soffice(args: list[str], outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless"] + args + ["--outdir", str(outdir)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=240)


def lo_recalc_xlsx(src: Path) -> Path:
    """Have LibreOffice open and re-save the workbook so formula values are cached."""
    outdir = src.parent / "lo"
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", str(src)], outdir)
    out = outdir / src.name
    shutil.move(str(out), str(src))
    normalize_zip(src)
    return src


def lo_to_pdf(src: Path) -> Path:
    """Writer's PDF export, with its creation date and file ID pinned (same byte lengths)."""
    outdir = src.parent / "pdf"
    soffice(["--convert-to", "pdf", str(src)], outdir)
    out = outdir / (src.stem + ".pdf")
    data = out.read_bytes()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20220819153000", data)
    data = re.sub(rb"<[0-9A-F]{32}>", b"<5A3C0E7B91D24F6880B1C4E2A7F09D36>", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /0B7E4C21D95A3F6817C2E0A94D3B5F68", data)
    out.write_bytes(data)
    return out


def b64_lines(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def enc_header(text: str, charset: str = "utf-8", fold: bool = True) -> str:
    """RFC 2047 encoded-words; unfolded (one line) for use inside a quoted MIME parameter."""
    if not fold:
        return Header(text, charset, maxlinelen=998).encode()
    return Header(text, charset).encode()


# --------------------------------------------------------------------------- labels

class Case:
    """One case: the data both the documents and the label are written from."""

    def __init__(self, cid: str, what: str):
        self.cid = cid
        self.what = what
        self.sections: dict[str, dict] = {}
        self.lines: list[dict] = []            # expense lines: label, category, amount
        self.declared_total: float | None = None
        self.anact: float | None = None
        self.cofin: list[dict] = []            # label, amount
        self.has_budget = True
        self.partners: list[str] = []
        self.attachments: list[dict] = []
        self.message: dict = {}
        self.project: dict | None = None
        self.not_a_proposal = False
        self.no_document = False
        self.extra_flags: list[dict] = []

    def section(self, sid: str, source: str, heading: str, body: str) -> None:
        assert sid in SECTION_IDS and sid not in self.sections
        self.sections[sid] = {"present": True, "source": source, "heading": heading,
                              "body_start": words(body)}

    def set_project(self, start: str, end: str, duration: int | None = None) -> None:
        d = months_between(start, end)
        if duration is not None:
            assert duration == d, (duration, d)
        self.project = {"start": start, "end": end, "duration_months": d}

    # ----- the contract's rules
    def totals(self) -> dict[str, float]:
        t = {c: 0.0 for c in CATS}
        for line in self.lines:
            t[line["category"]] += float(line["amount"])
        return t

    def budget_label(self) -> dict:
        if not self.has_budget:
            return {"total_cost": None, "anact_request": None}
        t = self.totals()
        total = self.declared_total if self.declared_total is not None else sum(t.values())
        out = {"total_cost": total, "anact_request": self.anact, "totals": t}
        if self.cofin:
            amount = sum(c["amount"] for c in self.cofin)
            out["cofinancing"] = {"amount": amount, "share": round(amount / total, 4)}
        return out

    def derive_flags(self) -> list[dict]:
        flags: list[dict] = []

        def add(code, target, severity):
            flags.append({"code": code, "target": target, "severity": severity})

        date = datetime.fromisoformat(self.message["date"])
        if date > DEADLINE:
            add("late_submission", "", "blocking")
        if self.no_document:
            add("no_proposal_document", "", "blocking")
        for sid in SECTION_IDS:
            if sid not in self.sections:
                add("missing_section", sid, "blocking")
        if not self.has_budget:
            add("missing_budget", "", "blocking")
        else:
            present = {line["category"] for line in self.lines}
            if "personnel" not in present:
                add("missing_budget_item", "personnel", "blocking")
            for cat in ("deplacements_logistique", "prestations"):
                if cat not in present:
                    add("missing_budget_item", cat, "warning")
            if not self.cofin:
                add("missing_budget_item", "cofinancement", "blocking")
            b = self.budget_label()
            line_sum = sum(b["totals"].values())
            if self.declared_total is not None and abs(self.declared_total - line_sum) > 1:
                add("budget_total_mismatch", "", "warning")
            if self.anact is not None and self.anact > CAP:
                add("anact_request_over_cap", "", "blocking")
            if self.cofin and b["cofinancing"]["amount"] / b["total_cost"] < MIN_SHARE:
                add("cofinancing_below_minimum", "", "blocking")
            for line in self.lines:
                if line["category"] == "autre":
                    add("ineligible_expense", line["label"], "warning")
        if self.project and self.project["end"] > END_LIMIT:
            add("project_end_after_limit", "", "blocking")
        subj = self.message["subject"].lower().replace("\u2019", "'")
        import unicodedata
        subj = "".join(c for c in unicodedata.normalize("NFKD", subj) if not unicodedata.combining(c))
        if "fabrique cto" not in subj and "manifestation d'interet" not in subj:
            add("subject_mismatch", "", "warning")
        flags.extend(self.extra_flags)
        return flags

    def decision(self, flags: list[dict]) -> str:
        if any(f["code"] == "late_submission" for f in flags):
            return "late"
        if self.not_a_proposal:
            return "not_a_proposal"
        bad = any(a["status"] in ("scanned", "encrypted", "unreadable") for a in self.attachments)
        blocking = any(f["severity"] == "blocking" for f in flags)
        if bad and blocking:
            return "needs_review"
        if blocking:
            return "incomplete"
        return "complete"

    def label(self) -> dict:
        flags = self.derive_flags()
        sections = {sid: self.sections.get(sid, {"present": False}) for sid in SECTION_IDS}
        out = {
            "case": self.what,
            "decision": self.decision(flags),
            "flags": flags,
            "sections": sections,
            "budget": self.budget_label(),
            "partners": [{"name": p} for p in self.partners],
            "attachments": self.attachments,
            "message": self.message,
        }
        if self.project:
            out["project"] = self.project
        return out

    def write(self, eml: str, encoding: str = "ascii") -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"{self.cid}.eml").write_bytes(eml.encode(encoding))
        (OUT / f"{self.cid}.expected.json").write_text(
            json.dumps(self.label(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def check_budget_sum(lines_or_amounts, expected: float) -> None:
    s = sum(x["amount"] if isinstance(x, dict) else x for x in lines_or_amounts)
    assert abs(s - expected) < 0.005, (s, expected)


def fmt_eur(x: float) -> str:
    """12 600 (narrow no-break space as thousands separator, as Word/LibreOffice write it)."""
    s = f"{x:,.0f}".replace(",", "\u202f")
    return s


# =========================================================================== case 01
# Small industrial SME (SARL). Outlook: multipart/mixed > related > alternative (iso-8859-1
# quoted-printable text + HTML) with an inline logo; a DOCX whose headings are the call's
# questions, reworded; an XLSX budget with category subtotals and "dont" detail lines.

def case01() -> None:
    c = Case("h3g-01", "SARL industrielle (tôlerie), Outlook HTML + logo inline, DOCX à titres-questions "
                       "reformulées, budget XLSX avec sous-totaux et lignes « dont », cofinancement à 20 % pile : complet")
    w = WORK / "01"
    w.mkdir(parents=True, exist_ok=True)
    doc_name = "TFHD - Dossier AMI Fabrique CTO.docx"
    xls_name = "Budget prévisionnel TFHD.xlsx"

    parts = [
        ("contexte", "Dans quel contexte notre projet est-il né\u00a0?", [
            "Tôlerie Fine du Haut-Doubs (TFHD) est une SARL de 46 salariés installée à Morteau, spécialisée dans "
            "la découpe laser et le pliage de pièces fines pour l'horlogerie et le médical. En 2021, nous avons "
            "équipé l'atelier d'un logiciel de suivi de production (MES) et de tablettes aux postes.",
            "Le déploiement a été vécu comme un contrôle supplémentaire : saisies en double, alertes "
            "permanentes, opérateurs qui « font pour la machine ». Le CSE s'en est saisi lors de deux réunions "
            "successives sans qu'une méthode commune n'émerge.",
        ]),
        ("objectifs", "Que voulons-nous obtenir\u00a0?", [
            "Nous voulons reprendre le paramétrage du MES avec celles et ceux qui s'en servent, pour qu'il aide "
            "le travail au lieu de le surveiller. Concrètement : réduire de moitié les saisies jugées inutiles, "
            "définir ensemble les règles d'usage des données de production, et outiller le CSE pour suivre "
            "les prochaines évolutions de l'outil.",
        ]),
        ("problematique", "Quelle question le projet veut-il traiter\u00a0?", [
            "Comment une petite entreprise industrielle, sans service informatique ni juriste social, peut-elle "
            "discuter d'un outil numérique déjà déployé, avec l'éditeur, l'encadrement et les élus, sans "
            "que la discussion se réduise à des demandes de correction technique ?",
        ]),
        ("cibles", "Qui est concerné\u00a0?", [
            "Les 31 opérateurs et régleurs des ateliers découpe et pliage, les 3 chefs d'équipe, le responsable "
            "de production et les 4 élus du CSE. Au-delà de TFHD, quatre entreprises sous-traitantes de la "
            "vallée, équipées du même éditeur, seront associées aux ateliers de restitution.",
        ]),
        ("methodologie", "Comment allons-nous nous y prendre\u00a0?", [
            "La démarche suit trois mouvements : observer l'usage réel des tablettes au poste (observations "
            "ergonomiques et auto-confrontations filmées), mettre en discussion ce qui est observé dans des "
            "« ateliers usage » paritaires, puis prototyper avec l'éditeur les écrans et règles modifiés.",
            "Chaque prototype est testé deux semaines sur une ligne pilote avant d'être généralisé ou abandonné.",
        ]),
        ("phasage", "Selon quel calendrier\u00a0?", [
            "Le projet se déroulera de septembre 2022 à juillet 2023, en quatre temps :",
            "septembre - octobre 2022 : observations au poste et entretiens ;",
            "novembre 2022 - janvier 2023 : ateliers usage (6 séances) et cahier de demandes ;",
            "février - mai 2023 : prototypage avec l'éditeur et tests sur la ligne pilote ;",
            "juin - juillet 2023 : généralisation, bilan et restitution aux entreprises de la vallée.",
        ]),
        ("pilotage", "Qui pilote, et comment les décisions sont-elles prises\u00a0?", [
            "Un comité de pilotage réunit le gérant, le responsable de production, deux élus du CSE, la "
            "chargée RH et l'Aract ; il se réunit à chaque fin de phase et arbitre les demandes issues des "
            "ateliers. Une cellule projet (production, RH, un opérateur référent) se réunit tous les quinze jours.",
        ]),
        ("resultats", "Qu'attendons-nous à l'arrivée\u00a0?", [
            "Un MES reparamétré et accepté, une charte d'usage des données de production signée avec le CSE, "
            "une baisse mesurée des saisies et des interruptions, et un guide court « discuter d'un outil déjà "
            "en place » réutilisable par d'autres PME.",
        ]),
        ("perennisation", "Et après\u00a0?", [
            "La charte prévoit une revue annuelle de l'outil en CSE ; les ateliers usage deviennent un rendez-vous "
            "semestriel. Le guide sera diffusé par l'UIMM aux entreprises du décolletage et présenté au club "
            "RH du Pays horloger, qui a déjà demandé un retour d'expérience.",
        ]),
        ("partenaires", "Avec qui travaillons-nous\u00a0?", [
            "L'Aract Bourgogne-Franche-Comté apporte son expertise sur les conditions de travail et co-anime les "
            "ateliers usage. Le cabinet Ergonomia Conseil réalise les observations et accompagne le prototypage. "
            "L'UIMM Franche-Comté relaie la démarche auprès des sous-traitants et diffuse le guide final.",
        ]),
    ]
    c.partners = ["Aract Bourgogne-Franche-Comté", "Ergonomia Conseil", "UIMM Franche-Comté"]
    c.set_project("2022-09", "2023-07", 11)

    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.author = "Claire Vuillemin"
    d.core_properties.title = "Dossier AMI Fabrique CTO"
    d.core_properties.created = datetime(2022, 8, 17, 14, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 18, 16, 0, 0)
    d.add_paragraph("Appel à manifestation d'intérêt « La Fabrique CTO »", style="Title")
    d.add_paragraph("« Atelier connecté, travail discuté » – proposition de Tôlerie Fine du Haut-Doubs SARL",
                    style="Subtitle")
    p = d.add_paragraph()
    p.add_run("Contact : ").bold = True
    p.add_run("Claire Vuillemin, responsable RH et qualité – 03 81 67 22 40")
    for sid, heading, paras in parts:
        d.add_heading(heading, level=2)
        if sid == "phasage":
            d.add_paragraph(paras[0])
            for item in paras[1:]:
                d.add_paragraph(item, style="List Bullet")
        else:
            for para in paras:
                d.add_paragraph(para)
        c.section(sid, doc_name, heading, paras[0])
    d.add_heading("Quel budget\u00a0?", level=2)
    d.add_paragraph("Le budget détaillé figure dans le classeur joint (Budget prévisionnel TFHD.xlsx).")
    for s in d.styles:
        if s.name == "Normal":
            s.font.size = Pt(11)
    doc_path = w / doc_name
    d.save(doc_path)
    normalize_zip(doc_path)

    # budget: category subtotal rows, then "dont" lines
    budget = [
        ("Dépenses de personnel", "personnel", [
            ("dont responsable de production (18 jours)", 9000),
            ("dont chargée RH (12 jours)", 4800),
            ("dont temps des opérateurs en ateliers (150 heures)", 6000),
        ]),
        ("Frais de déplacement et de logistique", "deplacements_logistique", [
            ("dont déplacements vers les entreprises de la vallée", 1400),
            ("dont salle, repas et impressions des ateliers", 1200),
        ]),
        ("Achats de prestations", "prestations", [
            ("dont accompagnement ergonomique - Ergonomia Conseil", 21000),
            ("dont facilitation graphique et supports du guide", 6600),
        ]),
    ]
    for cat_label, cat, details in budget:
        for lab, amt in details:
            c.lines.append({"label": lab, "category": cat, "amount": float(amt)})
    total = 50000.0
    check_budget_sum(c.lines, total)
    c.declared_total = total
    c.anact = 40000.0
    c.cofin = [{"label": "dont autofinancement TFHD (temps des salariés)", "amount": 7000.0},
               {"label": "dont Région Bourgogne-Franche-Comté (sollicitée)", "amount": 3000.0}]
    assert c.anact + sum(x["amount"] for x in c.cofin) == total

    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "TÔLERIE FINE DU HAUT-DOUBS – Budget prévisionnel du projet « Atelier connecté, travail discuté »"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "Période : septembre 2022 – juillet 2023 – montants en euros hors taxes"
    ws.append([])
    ws.append(["DÉPENSES", "Montant HT (€)", "Part"])
    for col in "ABC":
        ws[f"{col}4"].font = Font(bold=True)
    row = 5
    sub_rows = []
    for cat_label, cat, details in budget:
        first, last = row + 1, row + len(details)
        ws.cell(row, 1, cat_label).font = Font(bold=True)
        ws.cell(row, 2, f"=SUM(B{first}:B{last})").font = Font(bold=True)
        sub_rows.append(row)
        row += 1
        for lab, amt in details:
            ws.cell(row, 1, lab).alignment = Alignment(indent=1)
            ws.cell(row, 2, amt)
            row += 1
    total_row = row
    ws.cell(total_row, 1, "TOTAL DES DÉPENSES").font = Font(bold=True)
    ws.cell(total_row, 2, "=" + "+".join(f"B{r}" for r in sub_rows)).font = Font(bold=True)
    for r in sub_rows + [total_row]:
        ws.cell(r, 3, f"=B{r}/B${total_row}")
        ws.cell(r, 3).number_format = "0%"
    row = total_row + 2
    ws.cell(row, 1, "RESSOURCES").font = Font(bold=True)
    ws.cell(row, 2, "Montant (€)").font = Font(bold=True)
    row += 1
    anact_row = row
    ws.cell(row, 1, "Subvention sollicitée auprès de l'Anact (La Fabrique CTO)")
    ws.cell(row, 2, c.anact)
    row += 1
    cof_row = row
    ws.cell(row, 1, "Co-financements").font = Font(bold=True)
    ws.cell(row, 2, f"=SUM(B{row + 1}:B{row + len(c.cofin)})").font = Font(bold=True)
    row += 1
    for cf in c.cofin:
        ws.cell(row, 1, cf["label"]).alignment = Alignment(indent=1)
        ws.cell(row, 2, cf["amount"])
        row += 1
    res_row = row
    ws.cell(row, 1, "TOTAL DES RESSOURCES").font = Font(bold=True)
    ws.cell(row, 2, f"=B{anact_row}+B{cof_row}").font = Font(bold=True)
    for r in (anact_row, cof_row, res_row):
        ws.cell(r, 3, f"=B{r}/B${res_row}")
        ws.cell(r, 3).number_format = "0%"
    for r in range(5, res_row + 1):
        ws.cell(r, 2).number_format = "#,##0 €"
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 16
    xls_path = w / xls_name
    wb.save(xls_path)
    lo_recalc_xlsx(xls_path)
    chk = openpyxl.load_workbook(xls_path, data_only=True)["Budget"]
    assert chk.cell(total_row, 2).value == total, chk.cell(total_row, 2).value
    assert chk.cell(res_row, 2).value == total

    # logo (inline, Content-ID)
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (160, 48), (18, 62, 110))
    ImageDraw.Draw(img).rectangle([8, 8, 40, 40], fill=(240, 160, 30))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    logo = buf.getvalue()

    c.attachments = [
        {"filename": "image001.png", "status": "skipped"},
        {"filename": doc_name, "status": "parsed"},
        {"filename": xls_name, "status": "parsed"},
    ]
    subject = "Candidature AMI La Fabrique CTO - TFHD SARL"
    c.message = {"message_id": "<DB9PR08MB6714A1C2E5F0B3D27C9A81F4B93D9@DB9PR08MB6714.eurprd08.prod.outlook.com>",
                 "from": "c.vuillemin@tolerie-hautdoubs.fr", "subject": subject,
                 "date": "2022-08-18T16:42:07+02:00"}

    text = ("Bonjour,\n\n"
            "Veuillez trouver ci-joint la candidature de Tôlerie Fine du Haut-Doubs à l'appel à "
            "manifestation d'intérêt « La Fabrique CTO » : le dossier de présentation (Word) et le "
            "budget prévisionnel (Excel).\n\n"
            "Je reste à votre disposition pour tout complément.\n\n"
            "Bien cordialement,\n\n"
            "Claire Vuillemin\nResponsable RH & Qualité\nTôlerie Fine du Haut-Doubs SARL\n"
            "12 rue des Microtechniques - 25500 Morteau\nTél. 03 81 67 22 40\n")
    html = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n"
            "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\n"
            "<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\n"
            "<style><!--p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;"
            "font-family:\"Calibri\",sans-serif;} @page WordSection1 {size:612.0pt 792.0pt;} "
            "div.WordSection1 {page:WordSection1;}--></style></head>\n"
            "<body lang=\"FR\" link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\">\n"
            "<div class=\"WordSection1\">\n"
            "<p class=\"MsoNormal\">Bonjour,<o:p></o:p></p>\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\">Veuillez trouver ci-joint la candidature de T&ocirc;lerie Fine du Haut-Doubs "
            "&agrave; l&#8217;appel &agrave; manifestation d&#8217;int&eacute;r&ecirc;t &laquo;&nbsp;La Fabrique "
            "CTO&nbsp;&raquo; : le dossier de pr&eacute;sentation (Word) et le budget pr&eacute;visionnel "
            "(Excel).<o:p></o:p></p>\n<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\">Je reste &agrave; votre disposition pour tout compl&eacute;ment.<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n<p class=\"MsoNormal\">Bien cordialement,<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n"
            "<p class=\"MsoNormal\"><b><span style=\"color:#123E6E\">Claire Vuillemin</span></b><br>"
            "Responsable RH &amp; Qualit&eacute;<br>T&ocirc;lerie Fine du Haut-Doubs SARL<br>"
            "12 rue des Microtechniques &#8211; 25500 Morteau<br>T&eacute;l. 03 81 67 22 40<o:p></o:p></p>\n"
            "<p class=\"MsoNormal\"><img width=\"160\" height=\"48\" style=\"width:1.6666in;height:.5in\" "
            "id=\"Image_x0020_1\" src=\"cid:image001.png@01D8B31A.6F2C4E10\" alt=\"TFHD\"><o:p></o:p></p>\n"
            "</div>\n</body>\n</html>\n")
    b_mixed = "_004_DB9PR08MB6714A1C2E5F0B3D27C9A81F4B93D9DB9PR08MB6714eurp_"
    b_rel = "_003_DB9PR08MB6714A1C2E5F0B3D27C9A81F4B93D9DB9PR08MB6714eurp_"
    b_alt = "_000_DB9PR08MB6714A1C2E5F0B3D27C9A81F4B93D9DB9PR08MB6714eurp_"
    doc_ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    xls_ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    doc_h = enc_header(doc_name, "iso-8859-1", fold=False)
    xls_h = enc_header(xls_name, "iso-8859-1", fold=False)
    eml = f"""Received: from DB9PR08MB6714.eurprd08.prod.outlook.com ([fe80::3d1c:8a2b:41f0:7c55])
 by DB9PR08MB6714.eurprd08.prod.outlook.com ([fe80::3d1c:8a2b:41f0:7c55%6]) with mapi id
 15.20.5525.011; Thu, 18 Aug 2022 14:42:07 +0000
From: Claire Vuillemin <c.vuillemin@tolerie-hautdoubs.fr>
To: "fabrique@anact.fr" <fabrique@anact.fr>
Subject: {enc_header(subject, "iso-8859-1")}
Thread-Topic: {enc_header(subject, "iso-8859-1")}
Thread-Index: AdiyLxR0m6kY0Q4nSmu3fW0dQ2h1Bw==
Date: Thu, 18 Aug 2022 16:42:07 +0200
Message-ID: {c.message["message_id"]}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
x-ms-publictraffictype: Email
Content-Type: multipart/mixed;
\tboundary="{b_mixed}"
MIME-Version: 1.0

--{b_mixed}
Content-Type: multipart/related;
\tboundary="{b_rel}";
\ttype="multipart/alternative"

--{b_rel}
Content-Type: multipart/alternative;
\tboundary="{b_alt}"

--{b_alt}
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{qp(text, "iso-8859-1")}
--{b_alt}
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{qp(html, "iso-8859-1")}
--{b_alt}--

--{b_rel}
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={len(logo)};
\tcreation-date="Thu, 18 Aug 2022 14:42:06 GMT";
\tmodification-date="Thu, 18 Aug 2022 14:42:06 GMT"
Content-ID: <image001.png@01D8B31A.6F2C4E10>
Content-Transfer-Encoding: base64

{b64_lines(logo)}

--{b_rel}--

--{b_mixed}
Content-Type: {doc_ct};
\tname="{doc_h}"
Content-Description: {doc_h}
Content-Disposition: attachment;
\tfilename="{doc_h}"; size={doc_path.stat().st_size};
\tcreation-date="Thu, 18 Aug 2022 14:41:30 GMT";
\tmodification-date="Thu, 18 Aug 2022 14:41:30 GMT"
Content-Transfer-Encoding: base64

{b64_lines(doc_path.read_bytes())}

--{b_mixed}
Content-Type: {xls_ct};
\tname="{xls_h}"
Content-Description: {xls_h}
Content-Disposition: attachment;
\tfilename="{xls_h}"; size={xls_path.stat().st_size};
\tcreation-date="Thu, 18 Aug 2022 14:41:44 GMT";
\tmodification-date="Thu, 18 Aug 2022 14:41:44 GMT"
Content-Transfer-Encoding: base64

{b64_lines(xls_path.read_bytes())}

--{b_mixed}--
"""
    c.write(eml)


# =========================================================================== case 02
# Regional union branch. Windows Live Mail, text/plain windows-1252 quoted-printable
# (with € ’ œ), a PDF exported from LibreOffice Writer, and an XLSX budget in the
# associations' two-sided form: CHARGES | PRODUITS with account numbers, subtotals with
# indented details, contributions in kind (86 / 87) on both sides.

def case02() -> None:
    c = Case("h3g-02", "Union régionale interprofessionnelle, Windows Live Mail windows-1252 QP, PDF issu de Writer, "
                       "budget XLSX en deux colonnes CHARGES | PRODUITS (comptes 60-64, 86/87, sous-totaux + détails "
                       "indentés, contributions en nature des deux côtés) : complet")
    w = WORK / "02"
    w.mkdir(parents=True, exist_ok=True)
    pdf_name = "URI_Normandie_projet_Fabrique_CTO.pdf"
    xls_name = "Budget_previsionnel_URI_Normandie.xlsx"

    parts = [
        ("contexte", "I. Genèse du projet", [
            "Depuis 2020, les équipes syndicales de l'Union régionale interprofessionnelle CFDT Normandie "
            "remontent la même difficulté : dans les entreprises de 50 à 250 salariés de l'agroalimentaire et "
            "du transport, les outils numériques (planification automatique, géolocalisation, badgeuses "
            "connectées) arrivent sans que les élus aient été consultés en amont.",
            "Une enquête menée au printemps 2022 auprès de 212 élus de CSE a montré que 7 sur 10 n'avaient "
            "reçu aucune information sur le paramétrage des outils installés dans leur établissement.",
        ]),
        ("objectifs", "II. Ce que nous visons", [
            "Donner aux élus et aux directions de six entreprises volontaires une méthode partagée pour "
            "discuter d'un projet numérique avant, pendant et après son déploiement ; former une quarantaine "
            "de militants à cette méthode ; et produire un accord de méthode type, adaptable par branche.",
        ]),
        ("problematique", "III. La question posée au dialogue social", [
            "Le Code du travail prévoit l'information-consultation du CSE sur l'introduction de nouvelles "
            "technologies, mais la consultation arrive souvent trop tard, sur un outil déjà choisi et "
            "paramétré. Comment faire entrer le travail réel dans la discussion au moment où les choix "
            "techniques sont encore ouverts ?",
        ]),
        ("cibles", "IV. Publics et entreprises visés", [
            "Six entreprises de 50 à 250 salariés (trois dans l'agroalimentaire, trois dans le transport de "
            "marchandises) du Calvados, de la Manche et de la Seine-Maritime, leurs directions, leurs élus de "
            "CSE et les salariés directement concernés par l'outil en projet ; en second cercle, les 40 "
            "militants formés.",
        ]),
        ("methodologie", "V. Notre méthode", [
            "Dans chaque entreprise, un binôme (un militant formé, un consultant) conduit une « revue "
            "d'usage » du projet numérique : cartographie des situations de travail touchées, scénarios "
            "d'usage discutés en groupe de salariés, puis séance commune direction – élus pour fixer les "
            "règles de paramétrage et les indicateurs de suivi.",
            "Les six expériences sont mises en commun dans des journées inter-entreprises.",
        ]),
        ("phasage", "VI. Étapes et calendrier", [
            "Phase 1 (octobre – décembre 2022) : formation des 40 militants, choix des six entreprises. "
            "Phase 2 (janvier – juin 2023) : revues d'usage dans les entreprises. Phase 3 (juillet – "
            "novembre 2023) : journées inter-entreprises, accord de méthode type, bilan.",
        ]),
        ("pilotage", "VII. Gouvernance du projet", [
            "Un comité de pilotage paritaire (deux représentants de l'URI, deux dirigeants d'entreprise, "
            "l'Aract Normandie, le laboratoire universitaire) se réunit en début et en fin de chaque phase. "
            "Un comité technique hebdomadaire réunit la chargée de mission, le consultant et l'assistante de projet.",
        ]),
        ("resultats", "VIII. Effets attendus", [
            "Six projets numériques discutés avant leur généralisation, un accord de méthode signé dans au "
            "moins trois entreprises, 40 militants capables de conduire une revue d'usage, et un guide "
            "« Revue d'usage » publié sous licence libre.",
        ]),
        ("perennisation", "IX. Faire vivre et transmettre la démarche", [
            "La formation « revue d'usage » entrera au catalogue de formation syndicale de l'URI dès 2024 ; "
            "le guide et l'accord de méthode type seront proposés aux autres unions régionales et aux "
            "observatoires paritaires de branche.",
        ]),
        ("partenaires", "X. Nos partenaires et leur rôle", [
            "L'Aract Normandie co-anime les revues d'usage et la capitalisation. Le cabinet Tertio Conseil, "
            "spécialiste des organisations du travail, intervient comme consultant dans les six entreprises. "
            "L'Université de Caen Normandie (laboratoire CERReV) assure l'évaluation de la démarche et "
            "l'analyse croisée des six expériences.",
        ]),
    ]
    c.partners = ["Aract Normandie", "Tertio Conseil", "Université de Caen Normandie"]
    c.set_project("2022-10", "2023-11", 14)

    # ---- the description: ODT written with heading styles, exported to PDF by Writer
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P
    odt = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph", displayname="Heading 1")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color="#8a1538"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm", keepwithnext="always"))
    odt.styles.addElement(h1)
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title.addElement(ParagraphProperties(textalign="center", marginbottom="0.5cm"))
    odt.styles.addElement(title)
    body = Style(name="Text body", family="paragraph", displayname="Text body")
    body.addElement(TextProperties(fontsize="11pt"))
    body.addElement(ParagraphProperties(marginbottom="0.2cm", textalign="justify"))
    odt.styles.addElement(body)
    odt.text.addElement(P(stylename=title, text="Appel à manifestation d'intérêt La Fabrique CTO"))
    odt.text.addElement(P(stylename=body, text="Projet « Revue d'usage : le dialogue social avant l'outil » — "
                                               "Union régionale interprofessionnelle CFDT Normandie, Caen"))
    odt.text.addElement(P(stylename=body, text="Personne à contacter : Nadège Lefrançois, secrétaire régionale"))
    for sid, heading, paras in parts:
        odt.text.addElement(H(outlinelevel=1, stylename=h1, text=heading))
        for para in paras:
            odt.text.addElement(P(stylename=body, text=para))
        c.section(sid, pdf_name, heading, paras[0])
    odt.text.addElement(H(outlinelevel=1, stylename=h1, text="XI. Budget"))
    odt.text.addElement(P(stylename=body, text="Voir le budget prévisionnel joint (tableur), présenté selon le "
                                               "plan comptable associatif."))
    odt_path = w / "URI_Normandie_projet_Fabrique_CTO.odt"
    odt.save(str(odt_path))
    pdf_path = lo_to_pdf(odt_path)

    # ---- the two-sided budget
    charges = [
        ("60", "Achats", [("Petit matériel et fournitures pour les ateliers", "deplacements_logistique", 1200)]),
        ("61", "Services extérieurs", [("Location de salles (4 journées inter-entreprises)", "deplacements_logistique", 2400)]),
        ("62", "Autres services extérieurs", [
            ("Honoraires Tertio Conseil (revues d'usage, 6 entreprises)", "prestations", 18000),
            ("Conception graphique et mise en page du guide", "prestations", 4800),
            ("Déplacements des militants et missions", "deplacements_logistique", 3600),
            ("Frais de réception (repas des journées)", "deplacements_logistique", 1200),
        ]),
        ("64", "Charges de personnel", [
            ("Chargée de mission numérique (35 jours)", "personnel", 12600),
            ("Assistante de projet (28 jours)", "personnel", 8400),
        ]),
    ]
    in_kind_charges = ("86", "Emplois des contributions volontaires en nature", [
        ("Mise à disposition gratuite de locaux", "deplacements_logistique", 2000),
        ("Personnel bénévole (militants, 40 jours)", "personnel", 4000),
    ])
    produits = [
        ("74", "Subventions d'exploitation", [
            ("Anact - La Fabrique CTO", "anact", 40000),
            ("Conseil régional de Normandie (sollicitée)", "cofin", 6000),
        ]),
        ("75", "Autres produits de gestion courante", [
            ("Fonds propres de l'union (cotisations)", "cofin", 6200),
        ]),
    ]
    in_kind_produits = ("87", "Contributions volontaires en nature", [
        ("Prestations en nature (locaux)", "cofin", 2000),
        ("Bénévolat", "cofin", 4000),
    ])
    for _, _, det in charges + [in_kind_charges]:
        for lab, cat, amt in det:
            c.lines.append({"label": lab, "category": cat, "amount": float(amt)})
    for _, _, det in produits + [in_kind_produits]:
        for lab, kind, amt in det:
            if kind == "anact":
                c.anact = float(amt)
            else:
                c.cofin.append({"label": lab, "amount": float(amt)})
    total = 58200.0
    check_budget_sum(c.lines, total)
    assert c.anact + sum(x["amount"] for x in c.cofin) == total
    c.declared_total = total
    t = c.totals()
    assert t == {"personnel": 25000.0, "deplacements_logistique": 10400.0, "prestations": 22800.0, "autre": 0.0}

    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws["A1"] = "BUDGET PRÉVISIONNEL DU PROJET « REVUE D'USAGE » – URI CFDT NORMANDIE (oct. 2022 – nov. 2023)"
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Compte", "CHARGES", "Montant en euros", "Compte", "PRODUITS", "Montant en euros"])
    grey = PatternFill("solid", fgColor="D9D9D9")
    for col in range(1, 7):
        ws.cell(3, col).font = Font(bold=True)
        ws.cell(3, col).fill = grey

    def block(rows, col, start):
        """Account number in col, subtotal label in col+1 and its SUM in col+2; indented details below."""
        r = start
        subs = []
        amt_col = chr(64 + col + 2)
        for num, head, det in rows:
            ws.cell(r, col, int(num)).font = Font(bold=True)
            ws.cell(r, col).alignment = Alignment(horizontal="left")
            ws.cell(r, col + 1, head).font = Font(bold=True)
            ws.cell(r, col + 2, f"=SUM({amt_col}{r + 1}:{amt_col}{r + len(det)})").font = Font(bold=True)
            subs.append(r)
            r += 1
            for lab, _, amt in det:
                ws.cell(r, col + 1, lab).alignment = Alignment(indent=2)
                ws.cell(r, col + 2, amt)
                r += 1
        return r, subs

    end_c, subs_c = block(charges, 1, 4)
    end_p, subs_p = block(produits, 4, 4)
    r_tot = max(end_c, end_p)
    ws.cell(r_tot, 2, "TOTAL DES CHARGES").font = Font(bold=True)
    ws.cell(r_tot, 3, "=" + "+".join(f"C{r}" for r in subs_c)).font = Font(bold=True)
    ws.cell(r_tot, 5, "TOTAL DES PRODUITS").font = Font(bold=True)
    ws.cell(r_tot, 6, "=" + "+".join(f"F{r}" for r in subs_p)).font = Font(bold=True)
    end_k, subs_k = block([in_kind_charges], 1, r_tot + 1)
    end_q, subs_q = block([in_kind_produits], 4, r_tot + 1)
    r_all = max(end_k, end_q)
    ws.cell(r_all, 2, "TOTAL").font = Font(bold=True)
    ws.cell(r_all, 3, f"=C{r_tot}+C{subs_k[0]}").font = Font(bold=True)
    ws.cell(r_all, 5, "TOTAL").font = Font(bold=True)
    ws.cell(r_all, 6, f"=F{r_tot}+F{subs_q[0]}").font = Font(bold=True)
    thin = Side(style="thin")
    for r in range(3, r_all + 1):
        for col in (3, 6):
            ws.cell(r, col).number_format = "#,##0"
        ws.cell(r, 3).border = Border(right=thin)
    ws.cell(r_all + 2, 1, "La contribution volontaire en nature est valorisée au coût horaire moyen du "
                          "SMIC chargé pour le bénévolat et au prix du marché pour les locaux.")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 8
    ws.column_dimensions["E"].width = 44
    ws.column_dimensions["F"].width = 16
    xls_path = w / xls_name
    wb.save(xls_path)
    lo_recalc_xlsx(xls_path)
    chk = openpyxl.load_workbook(xls_path, data_only=True).active
    assert chk.cell(r_all, 3).value == total and chk.cell(r_all, 6).value == total, (
        chk.cell(r_all, 3).value, chk.cell(r_all, 6).value)
    assert chk.cell(r_tot, 3).value == total - 6000

    c.attachments = [{"filename": pdf_name, "status": "parsed"},
                     {"filename": xls_name, "status": "parsed"}]
    subject = "AMI « La Fabrique CTO » – candidature de l’URI CFDT Normandie"
    c.message = {"message_id": "<3F9A2C7E15D84B0C9E41A7D2B6C05F18@URINORMANDIEPC>",
                 "from": "secretariat.regional@uri-cfdt-normandie.fr", "subject": subject,
                 "date": "2022-08-22T11:05:33+02:00"}
    text = ("Madame, Monsieur,\n\n"
            "Au nom de l’Union régionale interprofessionnelle CFDT Normandie, j’ai le plaisir de vous "
            "adresser notre réponse à l’appel à manifestation d’intérêt « Développer le dialogue social "
            "technologique au travail ».\n\n"
            "Vous trouverez en pièces jointes :\n"
            "- la présentation du projet « Revue d’usage » (PDF) ;\n"
            "- le budget prévisionnel (tableur), d’un montant total de 58 200 €, dont 40 000 € sollicités "
            "auprès de l’Anact.\n\n"
            "Notre bureau régional a validé cette candidature lors de sa réunion du 9 août. Nous restons "
            "à votre disposition pour tout complément d’information, et vous remercions de l’attention "
            "que vous porterez à notre démarche, qui s’inscrit dans le cœur de notre action syndicale.\n\n"
            "Salutations syndicalistes,\n\n"
            "Nadège Lefrançois\nSecrétaire régionale\nURI CFDT Normandie\n"
            "15 avenue de la Libération – 14000 Caen\n02 31 44 80 12\n")
    from_name = enc_header("Nadège Lefrançois - URI CFDT Normandie", "windows-1252")
    b = "----=_NextPart_000_0017_01D8B612.4E9C3A20"
    eml = f"""Return-Path: <secretariat.regional@uri-cfdt-normandie.fr>
Received: from URINORMANDIEPC ([88.168.41.203])
\tby smtp.uri-cfdt-normandie.fr with ESMTPSA id 5kTq2b7p
\tfor <fabrique@anact.fr>; Mon, 22 Aug 2022 11:05:34 +0200
From: {from_name} <secretariat.regional@uri-cfdt-normandie.fr>
To: <fabrique@anact.fr>
Subject: {enc_header(subject, "windows-1252")}
Date: Mon, 22 Aug 2022 11:05:33 +0200
Message-ID: {c.message["message_id"]}
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="{b}"
X-Priority: 3
X-MSMail-Priority: Normal
Importance: Normal
X-Mailer: Microsoft Windows Live Mail 16.4.3528.331
X-MimeOLE: Produced By Microsoft MimeOLE V16.4.3528.331

This is a multi-part message in MIME format.

--{b}
Content-Type: text/plain;
\tcharset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(text, "windows-1252")}
--{b}
Content-Type: application/pdf;
\tname="{pdf_name}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename="{pdf_name}"

{b64_lines(pdf_path.read_bytes())}

--{b}
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
\tname="{xls_name}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
\tfilename="{xls_name}"

{b64_lines(xls_path.read_bytes())}

--{b}--

"""
    c.write(eml)


# =========================================================================== case 03
# A commune's HR department. Roundcube, text/plain UTF-8 8bit format=flowed, a ZIP holding
# a Writer document (ODT, heading styles, a planning table) and an XLSX budget.
# Defect: the planning runs to March 2024, after the call's end date.

def case03() -> None:
    c = Case("h3g-03", "Commune (DRH), Roundcube UTF-8 8bit, ZIP contenant une note ODT (titres stylés, tableau de "
                       "planning) et un budget XLSX ; projet jusqu'en mars 2024 : incomplet (fin après la limite)")
    w = WORK / "03"
    w.mkdir(parents=True, exist_ok=True)
    folder = "Candidature_FabriqueCTO_Montbrison"
    odt_name = "Note_de_présentation.odt"
    xls_name = "Budget_prévisionnel.xlsx"
    zip_name = "Candidature_AMI_FabriqueCTO_Ville_de_Montbrison.zip"

    parts = [
        ("contexte", "1. Éléments de contexte", [
            "La Ville de Montbrison (16 000 habitants) emploie 312 agents répartis sur 23 sites. Depuis 2021, "
            "la collectivité a dématérialisé la gestion des congés, des plannings des services techniques et "
            "des demandes d'intervention, avec un logiciel commun au CCAS et à la communauté d'agglomération.",
            "Les agents de terrain, souvent peu équipés, décrivent une perte de contact avec leur encadrement "
            "et un sentiment d'être « pilotés par l'application ».",
        ]),
        ("problematique", "2. Enjeux et question de départ", [
            "Comment associer des agents qui n'ont ni poste informatique ni temps de réunion à la conception "
            "des outils qui organisent leur travail, et comment le comité social territorial (CST) peut-il "
            "suivre ces outils au-delà de l'avis rendu lors de leur installation ?",
        ]),
        ("objectifs", "3. Objectifs poursuivis", [
            "Construire avec les agents des services techniques, de la propreté et des écoles une nouvelle "
            "version des circuits de demande d'intervention ; instaurer un temps de dialogue régulier sur les "
            "outils numériques au sein du CST ; outiller l'encadrement intermédiaire pour animer ce dialogue.",
        ]),
        ("cibles", "4. Publics bénéficiaires", [
            "Environ 140 agents des services techniques, de la propreté urbaine et des ATSEM, leurs 18 "
            "encadrants de proximité, les représentants du personnel siégeant au CST et la direction générale "
            "des services ; trois communes voisines de l'agglomération sont associées comme observatrices.",
        ]),
        ("methodologie", "5. Démarche proposée", [
            "La démarche s'appuie sur le design de services : immersion d'une designer dans les équipes, "
            "ateliers courts sur les lieux de travail (20 minutes en début de tournée), maquettes papier puis "
            "numériques testées par les agents, et restitution systématique en CST.",
            "Une formation-action prépare les représentants du personnel et les encadrants à ces ateliers.",
        ]),
        ("phasage", "6. Planning prévisionnel", [
            "Le projet s'étend de novembre 2022 à mars 2024, selon les étapes suivantes :",
        ]),
        ("pilotage", "7. Gouvernance et instances de suivi", [
            "Le comité de pilotage est présidé par l'adjointe au maire chargée du personnel et réunit la DGS, "
            "la DRH, le directeur des services techniques, deux représentants du personnel au CST et l'Aract. "
            "Il se réunit tous les trimestres ; une équipe projet DRH – DSI – designer se réunit chaque mois.",
        ]),
        ("resultats", "8. Résultats et livrables attendus", [
            "Un circuit de demande d'intervention redessiné et déployé, un protocole de dialogue sur les "
            "outils numériques adopté en CST, 18 encadrants formés à l'animation d'ateliers d'usage, et un "
            "carnet de méthode diffusable aux autres collectivités.",
        ]),
        ("perennisation", "9. Essaimage auprès des autres collectivités", [
            "Le carnet de méthode sera présenté au réseau des DRH de la Loire et mis à disposition des "
            "collectivités affiliées au centre de gestion ; les trois communes observatrices pourront "
            "reproduire la démarche dès 2024 avec l'appui des agents formés.",
        ]),
        ("partenaires", "10. Partenariats", [
            "L'Aract Auvergne-Rhône-Alpes accompagne la conception des ateliers et l'évaluation. Le Centre de "
            "gestion de la Loire (CDG 42) cofinance la formation-action, apporte l'appui de sa psychologue du "
            "travail et diffusera le carnet de méthode. Le CNFPT (délégation Auvergne-Rhône-Alpes) co-construit la formation-action des "
            "représentants du personnel.",
        ]),
    ]
    planning = [
        ("Novembre 2022 – janvier 2023", "Immersion de la designer, diagnostic des usages"),
        ("Février – juin 2023", "Ateliers sur site et maquettes, formation-action CST"),
        ("Septembre – décembre 2023", "Tests du nouveau circuit sur deux services"),
        ("Janvier – mars 2024", "Généralisation, évaluation, carnet de méthode"),
    ]
    c.partners = ["Aract Auvergne-Rhône-Alpes", "Centre de gestion de la Loire", "CNFPT"]
    c.set_project("2022-11", "2024-03", 17)

    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P
    odt = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph", displayname="Heading 1")
    h1.addElement(TextProperties(fontsize="13pt", fontweight="bold", color="#1f4e79"))
    h1.addElement(ParagraphProperties(margintop="0.35cm", marginbottom="0.15cm", keepwithnext="always"))
    odt.styles.addElement(h1)
    body = Style(name="Text body", family="paragraph", displayname="Text body")
    body.addElement(TextProperties(fontsize="10.5pt"))
    body.addElement(ParagraphProperties(marginbottom="0.18cm"))
    odt.styles.addElement(body)
    head = Style(name="Entete", family="paragraph")
    head.addElement(TextProperties(fontsize="10pt", fontweight="bold"))
    odt.styles.addElement(head)
    col = Style(name="ColA", family="table-column")
    col.addElement(TableColumnProperties(columnwidth="5.5cm"))
    odt.automaticstyles.addElement(col)
    odt.text.addElement(P(stylename=head, text="Ville de Montbrison – Direction des ressources humaines"))
    odt.text.addElement(P(stylename=head, text="Appel à manifestation d'intérêt « La Fabrique CTO » – Anact"))
    odt.text.addElement(P(stylename=body, text="Projet « Des outils qui nous ressemblent » : concevoir avec les "
                                               "agents de terrain les outils numériques de la collectivité"))
    for sid, heading, paras in parts:
        odt.text.addElement(H(outlinelevel=1, stylename=h1, text=heading))
        for para in paras:
            odt.text.addElement(P(stylename=body, text=para))
        if sid == "phasage":
            t = Table(name="Planning")
            t.addElement(TableColumn(stylename=col))
            t.addElement(TableColumn())
            for a, b in [("Période", "Étape")] + planning:
                tr = TableRow()
                for v in (a, b):
                    cell = TableCell()
                    cell.addElement(P(stylename=body, text=v))
                    tr.addElement(cell)
                t.addElement(tr)
            odt.text.addElement(t)
        c.section(sid, odt_name, heading, paras[0])
    odt.text.addElement(H(outlinelevel=1, stylename=h1, text="11. Plan de financement"))
    odt.text.addElement(P(stylename=body, text="Le plan de financement détaillé est joint au format tableur."))
    odt.text.addElement(P(stylename=body, text="Fait à Montbrison, le 18 août 2022 – Pour le Maire et par "
                                               "délégation, la Directrice des ressources humaines"))
    odt_path = w / odt_name
    odt.save(str(odt_path))
    normalize_zip(odt_path)

    depenses = [
        ("Chef de projet RH (40 jours)", "personnel", 12000),
        ("Conseillère en prévention (25 jours)", "personnel", 6250),
        ("Déplacements inter-sites et logistique des ateliers", "deplacements_logistique", 3000),
        ("Assistance à maîtrise d'ouvrage – design de services (Studio Tramage)", "prestations", 24000),
        ("Formation-action des représentants du personnel (organisme de formation)", "prestations", 6000),
    ]
    recettes = [
        ("Subvention Anact – La Fabrique CTO", "anact", 40000),
        ("Autofinancement Ville de Montbrison", "cofin", 8250),
        ("Centre de gestion de la Loire (CDG 42) – participation", "cofin", 3000),
    ]
    for lab, cat, amt in depenses:
        c.lines.append({"label": lab, "category": cat, "amount": float(amt)})
    for lab, kind, amt in recettes:
        if kind == "anact":
            c.anact = float(amt)
        else:
            c.cofin.append({"label": lab, "amount": float(amt)})
    total = 51250.0
    check_budget_sum(c.lines, total)
    check_budget_sum([a for _, _, a in recettes], total)
    c.declared_total = total

    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan de financement"
    ws.append(["Ville de Montbrison – projet « Des outils qui nous ressemblent » – plan de financement prévisionnel"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["Dépenses", "Montant (€)"])
    first = ws.max_row + 1
    for lab, _, amt in depenses:
        ws.append([lab, amt])
    last = ws.max_row
    ws.append(["Total dépenses", f"=SUM(B{first}:B{last})"])
    tot_d = ws.max_row
    ws.append([])
    ws.append(["Recettes", "Montant (€)"])
    first_r = ws.max_row + 1
    for lab, _, amt in recettes:
        ws.append([lab, amt])
    last_r = ws.max_row
    ws.append(["Total recettes", f"=SUM(B{first_r}:B{last_r})"])
    tot_r = ws.max_row
    for r in (3, tot_d, first_r - 1, tot_r):
        ws.cell(r, 1).font = Font(bold=True)
        ws.cell(r, 2).font = Font(bold=True)
    for r in range(4, tot_r + 1):
        ws.cell(r, 2).number_format = "#,##0.00 €"
    ws.column_dimensions["A"].width = 72
    ws.column_dimensions["B"].width = 16
    xls_path = w / xls_name
    wb.save(xls_path)
    lo_recalc_xlsx(xls_path)
    chk = openpyxl.load_workbook(xls_path, data_only=True).active
    assert chk.cell(tot_d, 2).value == total and chk.cell(tot_r, 2).value == total

    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w") as z:
        z.writestr(zipfile.ZipInfo(folder + "/", (2022, 8, 18, 17, 2, 0)), b"")
        for name, path, ts in ((odt_name, odt_path, (2022, 8, 18, 16, 55, 12)),
                               (xls_name, xls_path, (2022, 8, 18, 17, 1, 40))):
            zi = zipfile.ZipInfo(f"{folder}/{name}", ts)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, path.read_bytes())
    zdata = zbuf.getvalue()
    (w / zip_name).write_bytes(zdata)

    c.attachments = [{"filename": odt_name, "status": "parsed"},
                     {"filename": xls_name, "status": "parsed"}]
    subject = "Candidature Ville de Montbrison – AMI Fabrique CTO"
    c.message = {"message_id": "<8c1f0e2b7a4d9e55f3a6b1c7d2e40f93@ville-montbrison42.fr>",
                 "from": "drh.projets@ville-montbrison42.fr", "subject": subject,
                 "date": "2022-08-19T09:12:44+02:00"}
    text = ("Bonjour,\n\n"
            "Veuillez trouver ci-joint le dossier de candidature de la Ville de Montbrison à l'appel à \n"
            "manifestation d'intérêt « Développer le dialogue social technologique au travail » (La \n"
            "Fabrique CTO).\n\n"
            "L'archive contient la note de présentation du projet et le plan de financement.\n\n"
            "Restant à votre disposition,\n"
            "Cordialement,\n\n"
            "-- \n"
            "Sandrine Faure\n"
            "Chargée de projets RH - Direction des ressources humaines\n"
            "Ville de Montbrison\n"
            "Tél. : 04 77 96 39 00\n")
    b = "=_7d2f6c0a91e3b84c5f0a2e6d1b9c3f47"
    eml = f"""Return-Path: <drh.projets@ville-montbrison42.fr>
Received: from webmail.ville-montbrison42.fr (localhost [127.0.0.1])
\tby mail.ville-montbrison42.fr (Postfix) with ESMTPA id 4M8Cq05WfKz1y
\tfor <fabrique@anact.fr>; Fri, 19 Aug 2022 09:12:44 +0200 (CEST)
MIME-Version: 1.0
Date: Fri, 19 Aug 2022 09:12:44 +0200
From: Sandrine Faure <drh.projets@ville-montbrison42.fr>
To: fabrique@anact.fr
Subject: {enc_header(subject, "utf-8")}
Organization: Ville de Montbrison
Message-ID: {c.message["message_id"]}
X-Sender: drh.projets@ville-montbrison42.fr
User-Agent: Roundcube Webmail/1.4.13
Content-Type: multipart/mixed;
 boundary="{b}"

--{b}
Content-Transfer-Encoding: 8bit
Content-Type: text/plain; charset=UTF-8;
 format=flowed

{text}
--{b}
Content-Transfer-Encoding: base64
Content-Type: application/zip;
 name={zip_name}
Content-Disposition: attachment;
 filename={zip_name};
 size={len(zdata)}

{b64_lines(zdata)}
--{b}--
"""
    c.write(eml, "utf-8")


# =========================================================================== case 04
# A startup (SAS) with its design studio partner. Gmail: multipart/alternative (UTF-8 QP text
# and HTML) + one PDF built with fpdf2 (bold lines as headings, a budget table), its name
# RFC 2047-encoded. Defects: co-financing below 20 %, and an equipment purchase (ineligible).

def case04() -> None:
    c = Case("h3g-04", "Startup SAS + studio de design, Gmail (alternative UTF-8 QP + HTML), PDF fpdf2 à titres en gras "
                       "numérotés « 01 — », nom RFC 2047 ; cofinancement 15 % et achat de tablettes : incomplet")
    w = WORK / "04"
    w.mkdir(parents=True, exist_ok=True)
    pdf_name = "Candidature Fabrique CTO – Ouvrage Labs × Studio Bivouac.pdf"

    parts = [
        ("contexte", "01 — Le constat", [
            "Dans les entrepôts de 20 à 150 personnes, les outils de pilotage (WMS, terminaux de scan, "
            "tableaux de productivité) se sont multipliés depuis la crise sanitaire. Ils mesurent finement la "
            "cadence mais ignorent ce qui la rend possible : l'entraide, les réglages informels, l'expérience "
            "des anciens.",
            "En 2021, Ouvrage Labs a interrogé 64 préparateurs de commandes : 58 % disent adapter leur façon "
            "de travailler « pour que l'écran soit vert » plutôt que pour bien faire.",
        ]),
        ("problematique", "02 — Le problème que nous voulons résoudre", [
            "Les logiciels sont choisis et paramétrés entre la direction et l'éditeur ; les équipes "
            "découvrent les indicateurs une fois en production, et les élus n'ont pas de prise sur des "
            "paramètres qu'ils ne voient pas. Le dialogue sur l'outil arrive toujours après coup.",
        ]),
        ("objectifs", "03 — Notre ambition", [
            "Co-concevoir avec les équipes de quatre entrepôts un module « indicateurs discutés » : des "
            "tableaux de bord dont les règles sont fixées en atelier paritaire, révisables et lisibles par "
            "tous ; et documenter la méthode pour qu'elle serve à d'autres outils et d'autres sites.",
        ]),
        ("cibles", "04 — Pour qui ?", [
            "Quatre PME de la logistique en Auvergne-Rhône-Alpes (Lyon, Saint-Étienne, Valence), environ 230 "
            "préparateurs, caristes et chefs d'équipe, leurs directions de site et leurs représentants du "
            "personnel, ainsi que les éditeurs de logiciels qui équipent ces sites.",
        ]),
        ("methodologie", "05 — Comment : design participatif en quatre boucles", [
            "Chaque boucle dure six à huit semaines : observation des usages sur site, atelier de "
            "co-conception avec opérateurs, encadrants et élus, prototype testé en conditions réelles, "
            "séance de décision paritaire. Le Studio Bivouac anime les ateliers et fabrique les prototypes ; "
            "Ouvrage Labs les intègre au logiciel.",
        ]),
        ("phasage", "06 — Roadmap", [
            "Octobre 2022 → septembre 2023. Boucle 1 (oct. – déc. 2022) : observation et premiers "
            "ateliers. Boucle 2 (janv. – mars 2023) : prototypes papier. Boucle 3 (avr. – juin 2023) : "
            "tests sur site. Boucle 4 (juil. – sept. 2023) : version stable, guide et restitution.",
        ]),
        ("pilotage", "07 — Gouvernance", [
            "Un comité de pilotage trimestriel réunit les quatre directeurs de site, un élu par entreprise, "
            "l'Aract, le Studio Bivouac et Ouvrage Labs. Les décisions sur les indicateurs sont prises en "
            "séance paritaire sur chaque site ; un comité opérationnel se tient toutes les deux semaines.",
        ]),
        ("resultats", "08 — Impact attendu", [
            "Un module d'indicateurs co-conçu en production sur quatre sites, des règles d'usage négociées "
            "et affichées, une baisse des contournements déclarés, et un kit open source de méthode "
            "(fiches d'atelier, gabarits de prototypes) publié sous licence CC BY-SA.",
        ]),
        ("perennisation", "09 — Passage à l'échelle", [
            "Le module sera proposé à l'ensemble de nos clients (une trentaine de sites) avec la séance "
            "paritaire comme étape obligatoire de déploiement ; le kit sera diffusé par le cluster auprès de "
            "ses 180 adhérents et présenté aux éditeurs partenaires.",
        ]),
        ("partenaires", "10 — Partenaires embarqués", [
            "Studio Bivouac (design de services, Lyon) conçoit et anime les ateliers et réalise les "
            "prototypes. L'Aract Auvergne-Rhône-Alpes apporte son expertise des conditions de travail et "
            "participe au pilotage. Le Cluster Logistique Auvergne-Rhône-Alpes mobilise les entreprises et "
            "diffuse les résultats.",
        ]),
    ]
    c.partners = ["Studio Bivouac", "Aract Auvergne-Rhône-Alpes", "Cluster Logistique Auvergne-Rhône-Alpes"]
    c.set_project("2022-10", "2023-09", 12)

    budget = [
        ("Personnel", "Product lead Ouvrage Labs (30 jours)", "personnel", 15000),
        ("Personnel", "UX researcher Ouvrage Labs (40 jours)", "personnel", 16000),
        ("Déplacements & logistique", "Déplacements sur les sites (Lyon, Saint-Étienne, Valence)", "deplacements_logistique", 3200),
        ("Déplacements & logistique", "Location de salles et matériel d'atelier", "deplacements_logistique", 1300),
        ("Prestations", "Studio Bivouac – design participatif et prototypage", "prestations", 22000),
        ("Équipement", "Achat de 12 tablettes durcies pour les tests terrain", "autre", 7200),
    ]
    for _, lab, cat, amt in budget:
        c.lines.append({"label": lab, "category": cat, "amount": float(amt)})
    total = 64700.0
    check_budget_sum(c.lines, total)
    c.declared_total = total
    c.anact = 55000.0
    c.cofin = [{"label": "Autofinancement Ouvrage Labs", "amount": 9700.0}]
    assert c.anact + 9700 == total
    assert 9700 / total < 0.2

    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 20, 21, 30, 0))
    pdf.set_title("Candidature Fabrique CTO – Ouvrage Labs × Studio Bivouac")
    pdf.set_author("Ouvrage Labs SAS")
    pdf.set_creator("Ouvrage Labs")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, "Indicateurs discutés", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, "Réponse à l'AMI « La Fabrique CTO » (Anact) — Ouvrage Labs SAS, Lyon, "
                         "avec le Studio Bivouac", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for sid, heading, paras in parts:
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.set_text_color(200, 70, 40)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "", 10)
        for para in paras:
            pdf.multi_cell(0, 5.2, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        pdf.ln(2)
        c.section(sid, pdf_name, heading, paras[0])
    pdf.set_font("DejaVu", "B", 12.5)
    pdf.set_text_color(200, 70, 40)
    pdf.multi_cell(0, 7, "11 — Budget", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5.2, "Coût total du projet : 64 700 € HT. Nous sollicitons 55 000 € auprès de l'Anact ; "
                           "Ouvrage Labs autofinance le solde.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(45, 90, 35), text_align=("LEFT", "LEFT", "RIGHT")) as table:
        for row in [("Poste", "Détail", "Montant HT")] + [(p, lab, fmt_eur(a) + " €") for p, lab, _, a in budget] + [
                ("", "Total des dépenses", fmt_eur(total) + " €"),
                ("Ressources", "Subvention Anact – La Fabrique CTO", fmt_eur(c.anact) + " €"),
                ("", "Autofinancement Ouvrage Labs", fmt_eur(9700) + " €"),
                ("", "Total des ressources", fmt_eur(total) + " €")]:
            r = table.row()
            for v in row:
                r.cell(v)
    pdf_path = w / "ouvrage.pdf"
    pdf.output(str(pdf_path))

    c.attachments = [{"filename": pdf_name, "status": "parsed"}]
    subject = "Candidature AMI Fabrique CTO - Ouvrage Labs / Studio Bivouac"
    c.message = {"message_id": "<CAF7k2pQ+Vb3yR0cN9sXh1mLz8tE4uWqJ6dG5aKe0oYb-Tn2Pw@mail.gmail.com>",
                 "from": "thomas.renaud@ouvragelabs.fr", "subject": subject,
                 "date": "2022-08-21T22:47:03+02:00"}
    text = ("Bonjour,\n\n"
            "Vous trouverez ci-joint la candidature d'Ouvrage Labs, portée avec le Studio Bivouac, à l'AMI "
            "« La Fabrique CTO ».\n\n"
            "Nous serions ravis de vous présenter le projet de vive voix si cela peut être utile.\n\n"
            "Bonne soirée,\n"
            "Thomas\n\n"
            "--\n"
            "Thomas Renaud\n"
            "Co-fondateur & CEO — Ouvrage Labs\n"
            "06 12 48 93 07 · ouvragelabs.fr\n")
    html = ("<div dir=\"ltr\"><div>Bonjour,</div><div><br></div><div>Vous trouverez ci-joint la candidature "
            "d'Ouvrage Labs, portée avec le Studio Bivouac, à l'AMI « La Fabrique CTO ».</div><div><br></div>"
            "<div>Nous serions ravis de vous présenter le projet de vive voix si cela peut être utile.</div>"
            "<div><br></div><div>Bonne soirée,</div><div>Thomas</div><div><br></div>-- <br>"
            "<div dir=\"ltr\" class=\"gmail_signature\" data-smartmail=\"gmail_signature\"><div dir=\"ltr\">"
            "<b>Thomas Renaud</b><div>Co-fondateur &amp; CEO — Ouvrage Labs</div><div>06 12 48 93 07 · "
            "<a href=\"https://ouvragelabs.fr\">ouvragelabs.fr</a></div></div></div></div>\n")
    b_mixed = "000000000000e3a1b205e6c7d8f1"
    b_alt = "000000000000e3a1b005e6c7d8ef"
    fname = enc_header(pdf_name, "utf-8", fold=False)
    eml = f"""MIME-Version: 1.0
Received: by 2002:a05:6402:3511:b0:43d:9c1e:7a52 with HTTP; Sun, 21 Aug 2022 13:47:03 -0700 (PDT)
From: Thomas Renaud <thomas.renaud@ouvragelabs.fr>
Date: Sun, 21 Aug 2022 22:47:03 +0200
Message-ID: {c.message["message_id"]}
Subject: {subject}
To: fabrique@anact.fr
Cc: Lou Marchand <lou@studiobivouac.fr>
Content-Type: multipart/mixed; boundary="{b_mixed}"

--{b_mixed}
Content-Type: multipart/alternative; boundary="{b_alt}"

--{b_alt}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(text, "utf-8")}
--{b_alt}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html, "utf-8")}
--{b_alt}--
--{b_mixed}
Content-Type: application/pdf; 
\tname="{fname}"
Content-Disposition: attachment; 
\tfilename="{fname}"
Content-Transfer-Encoding: base64
Content-ID: <f_l73k9x2m0>
X-Attachment-Id: f_l73k9x2m0

{b64_lines(pdf_path.read_bytes())}
--{b_mixed}--
"""
    c.write(eml)


# =========================================================================== case 05
# A chamber of trades (CMA). Apple Mail: the DOCX travels as Content-Disposition: inline
# between two text parts, its name in RFC 2231. The DOCX is the chamber's own project form:
# a two-column table whose first cell names each rubric; the budget gives HT and TTC columns,
# and the amount asked of Anact is also stated in a sentence. Dates with days.

def case05() -> None:
    c = Case("h3g-05", "Chambre de métiers (CMA), Apple Mail avec DOCX en disposition inline et nom RFC 2231, fiche "
                       "projet en tableau (rubrique | texte), budget HT/TTC, dates au jour près, envoyé le dernier jour : complet")
    w = WORK / "05"
    w.mkdir(parents=True, exist_ok=True)
    doc_name = "Fiche projet CMA – Fabrique CTO.docx"

    header_rows = [
        ("Porteur du projet", "Chambre de métiers et de l'artisanat de région Pays de la Loire (CMAR), "
                              "direction du développement économique, Nantes"),
        ("Intitulé du projet", "Artisans numériques, artisans écoutés"),
        ("Référente", "Marion Guérin, responsable du pôle transition numérique – 02 40 44 61 70"),
    ]
    parts = [
        ("contexte", "Contexte et origine du projet", [
            "Les 68 000 entreprises artisanales des Pays de la Loire se sont massivement équipées pendant la "
            "crise sanitaire : prise de rendez-vous en ligne, devis et facturation sur tablette, places de "
            "marché. Nos conseillers constatent que ces outils ont souvent été choisis dans l'urgence, par le "
            "seul chef d'entreprise, sans que les compagnons, apprentis et conjoints collaborateurs aient eu "
            "leur mot à dire.",
        ]),
        ("objectifs", "Finalités et objectifs", [
            "Permettre à 30 entreprises artisanales de 3 à 20 salariés de faire le point, avec leurs équipes, "
            "sur les outils numériques en place ; corriger ce qui dégrade le travail ; et doter les "
            "conseillers des CMA d'une méthode simple pour ouvrir ce dialogue dans les très petites entreprises.",
        ]),
        ("problematique", "Problématique travail / numérique identifiée", [
            "Dans une TPE artisanale, il n'y a ni CSE ni service RH : le dialogue sur l'outil numérique est "
            "informel ou inexistant. Comment faire exister un dialogue professionnel sur ces outils sans "
            "alourdir des entreprises où chaque heure hors production compte ?",
        ]),
        ("cibles", "Bénéficiaires visés", [
            "Trente entreprises artisanales volontaires du bâtiment, de l'alimentation et des services "
            "(coiffure, réparation automobile), leurs dirigeants, leurs salariés et apprentis ; en second "
            "lieu, les 14 conseillers numériques et développement du réseau des CMA de la région.",
        ]),
        ("methodologie", "Modalités de mise en œuvre", [
            "Pour chaque entreprise : une demi-journée d'observation par un conseiller, un « quart d'heure "
            "outil » en équipe (format court, sur le lieu de travail) animé avec une grille illustrée, puis un "
            "plan d'ajustement décidé ensemble et suivi à trois mois.",
            "Des ateliers inter-entreprises par métier permettent de partager les solutions trouvées.",
        ]),
        ("phasage", "Calendrier de réalisation", [
            "Démarrage le 3 octobre 2022 ; conception de la grille et formation des conseillers jusqu'à fin "
            "décembre 2022 ; accompagnement des 30 entreprises de janvier à septembre 2023 ; ateliers "
            "inter-entreprises, bilan et diffusion d'octobre à la clôture du projet, le 15 décembre 2023.",
        ]),
        ("pilotage", "Organisation du pilotage", [
            "Un comité de pilotage régional (élus de la CMAR, U2P, Aract, Carsat) se réunit trois fois ; un "
            "comité technique mensuel réunit la responsable du pôle transition numérique, le conseiller "
            "prévention et le studio de design. Les dirigeants et salariés accompagnés sont invités au bilan.",
        ]),
        ("resultats", "Livrables et résultats attendus", [
            "30 plans d'ajustement mis en œuvre, une grille « quart d'heure outil » testée et illustrée, "
            "14 conseillers formés, une vidéo pédagogique de 6 minutes et un recueil de solutions par métier.",
        ]),
        ("perennisation", "Suites envisagées et diffusion", [
            "La grille entrera dans l'offre de service « numérique » des CMA de la région dès 2024 et sera "
            "proposée au réseau national CMA France ; la vidéo et le recueil seront diffusés par les "
            "organisations professionnelles de l'artisanat.",
        ]),
        ("partenaires", "Partenaires associés et rôle de chacun", [
            "L'Aract Pays de la Loire forme les conseillers et co-construit la grille. Atelier Méridienne, "
            "studio de design de services, conçoit la grille illustrée et anime les ateliers inter-entreprises. "
            "L'U2P Pays de la Loire mobilise les organisations professionnelles et relaie la démarche ; la "
            "Carsat Pays de la Loire apporte son expertise en prévention des risques professionnels.",
        ]),
    ]
    c.partners = ["Aract Pays de la Loire", "Atelier Méridienne", "U2P Pays de la Loire", "Carsat Pays de la Loire"]
    c.set_project("2022-10-03", "2023-12-15", 15)

    depenses = [  # label, category, HT, TTC
        ("Chargée de développement numérique (45 jours)", "personnel", 18900, 18900),
        ("Conseiller prévention des risques professionnels (20 jours)", "personnel", 8400, 8400),
        ("Déplacements dans les entreprises (indemnités kilométriques)", "deplacements_logistique", 3800, 3800),
        ("Location de salles et restauration des ateliers", "deplacements_logistique", 2500, 3000),
        ("Prestation de design de services – Atelier Méridienne", "prestations", 16000, 19200),
        ("Réalisation d'une vidéo pédagogique (prestataire)", "prestations", 6000, 7200),
    ]
    ressources = [
        ("Anact – AMI La Fabrique CTO (sollicité)", "anact", 44000),
        ("Autofinancement CMAR Pays de la Loire", "cofin", 8600),
        ("Région Pays de la Loire (acquis)", "cofin", 3000),
    ]
    for lab, cat, ht, _ in depenses:
        c.lines.append({"label": lab, "category": cat, "amount": float(ht)})
    for lab, kind, amt in ressources:
        if kind == "anact":
            c.anact = float(amt)
        else:
            c.cofin.append({"label": lab, "amount": float(amt)})
    total_ht, total_ttc = 55600.0, 60500.0
    check_budget_sum(c.lines, total_ht)
    assert sum(d[3] for d in depenses) == total_ttc
    check_budget_sum([a for _, _, a in ressources], total_ht)
    c.declared_total = total_ht

    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor
    d = docx.Document()
    d.core_properties.author = "Marion Guérin"
    d.core_properties.created = datetime(2022, 8, 10, 9, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 23, 17, 50, 0)
    st = d.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)
    p = d.add_paragraph()
    r = p.add_run("FICHE PROJET")
    r.bold = True
    r.font.size = Pt(16)
    r.font.color.rgb = RGBColor(0xC8, 0x10, 0x2E)
    d.add_paragraph("Appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » "
                    "– La Fabrique CTO – Anact")

    def shade(cell, fill):
        tcPr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcPr.append(shd)

    t = d.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in header_rows:
        row = t.add_row().cells
        row[0].paragraphs[0].add_run(label).bold = True
        shade(row[0], "F2DCDB")
        row[1].text = value
    for sid, label, paras in parts:
        row = t.add_row().cells
        row[0].paragraphs[0].add_run(label).bold = True
        shade(row[0], "F2DCDB")
        row[1].paragraphs[0].text = paras[0]
        for para in paras[1:]:
            row[1].add_paragraph(para)
        c.section(sid, doc_name, label, paras[0])
    for row in t.rows:
        row.cells[0].width = Cm(5)
        row.cells[1].width = Cm(12)

    d.add_paragraph()
    p = d.add_paragraph()
    r = p.add_run("Budget prévisionnel")
    r.bold = True
    r.font.size = Pt(12)
    d.add_paragraph(f"Le coût total du projet est de {fmt_eur(total_ht)} € HT ({fmt_eur(total_ttc)} € TTC). "
                    f"Le montant sollicité auprès de l'Anact s'élève à {fmt_eur(c.anact)} € HT.")
    bt = d.add_table(rows=1, cols=3)
    bt.style = "Table Grid"
    hdr = bt.rows[0].cells
    for i, v in enumerate(("Nature des dépenses", "Montant HT (€)", "Montant TTC (€)")):
        hdr[i].paragraphs[0].add_run(v).bold = True
        shade(hdr[i], "D9D9D9")
    for lab, _, ht, ttc in depenses:
        row = bt.add_row().cells
        row[0].text = lab
        row[1].text = fmt_eur(ht)
        row[2].text = fmt_eur(ttc)
    row = bt.add_row().cells
    row[0].paragraphs[0].add_run("Total").bold = True
    row[1].paragraphs[0].add_run(fmt_eur(total_ht)).bold = True
    row[2].paragraphs[0].add_run(fmt_eur(total_ttc)).bold = True
    d.add_paragraph()
    rt = d.add_table(rows=1, cols=2)
    rt.style = "Table Grid"
    hdr = rt.rows[0].cells
    for i, v in enumerate(("Ressources", "Montant (€)")):
        hdr[i].paragraphs[0].add_run(v).bold = True
        shade(hdr[i], "D9D9D9")
    for lab, _, amt in ressources:
        row = rt.add_row().cells
        row[0].text = lab
        row[1].text = fmt_eur(amt)
    row = rt.add_row().cells
    row[0].paragraphs[0].add_run("Total").bold = True
    row[1].paragraphs[0].add_run(fmt_eur(total_ht)).bold = True
    for tbl in (bt, rt):
        for row in tbl.rows:
            for cell in row.cells[1:]:
                cell.paragraphs[0].alignment = 2
    doc_path = w / "fiche.docx"
    d.save(doc_path)
    normalize_zip(doc_path)

    c.attachments = [{"filename": doc_name, "status": "parsed"}]
    subject = "Réponse AMI Fabrique CTO – CMAR Pays de la Loire"
    c.message = {"message_id": "<5E0B7C2A-91D4-4F3E-8A6B-2C9D1E7F4A30@artisanat-paysdelaloire.fr>",
                 "from": "m.guerin@artisanat-paysdelaloire.fr", "subject": subject,
                 "date": "2022-08-23T18:20:15+02:00"}
    text1 = ("Bonjour,\n\n"
             "Je vous prie de trouver ci-dessous la fiche projet de la Chambre de métiers et de l’artisanat "
             "de région Pays de la Loire en réponse à l’AMI La Fabrique CTO.\n\n")
    text2 = ("\n\nNous restons à votre écoute pour toute précision.\n\n"
             "Bien cordialement,\n\n"
             "Marion Guérin\n"
             "Responsable du pôle transition numérique\n"
             "CMA Pays de la Loire\n")
    b = "Apple-Mail=_6C1D2E8F-3B4A-4F7E-9D21-0A5B8C7E6F19"
    from urllib.parse import quote
    fname = "utf-8''" + quote(doc_name)
    eml = f"""From: =?utf-8?Q?Marion_Gu=C3=A9rin?= <m.guerin@artisanat-paysdelaloire.fr>
Content-Type: multipart/mixed;
\tboundary="{b}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))
Subject: {enc_header(subject, "utf-8")}
Date: Tue, 23 Aug 2022 18:20:15 +0200
Message-Id: {c.message["message_id"]}
To: fabrique@anact.fr
X-Mailer: Apple Mail (2.3696.120.41.1.1)


--{b}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(text1, "utf-8")}
--{b}
Content-Disposition: inline;
\tfilename*={fname}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
\tx-unix-mode=0644;
\tname*={fname}
Content-Transfer-Encoding: base64

{b64_lines(doc_path.read_bytes())}
--{b}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(text2, "utf-8")}
--{b}--
"""
    c.write(eml)


# =========================================================================== case 06
# Not a proposal: a consultancy asks, from a phone, whether its dossier arrived and whether
# a cooperative may lead a joint application. No attachment. Subject names the call.

def case06() -> None:
    c = Case("h3g-06", "SCOP de conseil, iPhone, relance « avez-vous bien reçu notre dossier ? » + question "
                       "d'éligibilité, sans pièce jointe : not_a_proposal")
    c.not_a_proposal = True
    c.no_document = True
    c.has_budget = False
    subject = "AMI Fabrique CTO : bonne réception de notre dossier ?"
    c.message = {"message_id": "<A7F3E2C1-5B8D-4E29-9C6A-1D0F7B3E8A52@travail-territoires.coop>",
                 "from": "helene.costa@travail-territoires.coop", "subject": subject,
                 "date": "2022-08-22T08:31:50+02:00"}
    text = ("Bonjour,\n\n"
            "Nous vous avons adressé notre candidature à l’AMI le 17 août, depuis l’adresse de notre "
            "gérant (contact@travail-territoires.coop). N’ayant pas reçu d’accusé de réception, pourriez-vous "
            "nous confirmer que le dossier vous est bien parvenu ?\n\n"
            "Par ailleurs, une SCOP peut-elle être cheffe de file d’un projet porté avec une association, "
            "l’association recevant une partie de la subvention ?\n\n"
            "Merci d’avance et bonne journée,\n"
            "Hélène Costa\n"
            "Travail & Territoires SCOP\n\n"
            "Envoyé de mon iPhone")
    eml = f"""Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: quoted-printable
From: =?utf-8?Q?H=C3=A9l=C3=A8ne_Costa?= <helene.costa@travail-territoires.coop>
Mime-Version: 1.0 (1.0)
Date: Mon, 22 Aug 2022 08:31:50 +0200
Subject: {enc_header(subject, "utf-8")}
Message-Id: {c.message["message_id"]}
To: fabrique@anact.fr
X-Mailer: iPhone Mail (19G82)

{qp(text, "utf-8")}
"""
    c.write(eml)


CASES = [case01, case02, case03, case04, case05, case06]


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    if WORK.exists() and not only:
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    for fn in CASES:
        if only and fn.__name__ not in only:
            continue
        fn()
        print("wrote", fn.__name__)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
