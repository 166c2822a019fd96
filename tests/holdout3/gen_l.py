"""Holdout3 writer `l`: five proposals to "La Fabrique CTO" (cases h3l-01 .. h3l-05).

Run with a venv holding python-docx, openpyxl, fpdf2, odfpy:
    /tmp/h3venv-l/bin/python tests/holdout3/gen_l.py
Writes cases/h3l-XX.eml and cases/h3l-XX.expected.json. Uses LibreOffice (soffice) for the
PDF/ODT exports and to compute and cache spreadsheet formulas. Fixed dates, boundaries and
Message-IDs; the zip-based files get fixed timestamps (soffice output may still differ by
its own metadata).
"""

from __future__ import annotations

import base64
import html
import io
import json
import quopri
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from email.header import Header
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from fpdf import FPDF
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path(tempfile.gettempdir()) / "h3l-work"
LO_PROFILE = "file:///tmp/lo-l"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
FIXED_ZIP_TIME = (2022, 8, 15, 10, 0, 0)


# --------------------------------------------------------------------------- helpers


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def fix_zip(path: Path) -> None:
    """Rewrite a zip container (docx/xlsx/odt/ods) with fixed member timestamps."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info, data in items:
            ni = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            ni.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            ni.external_attr = info.external_attr
            if info.filename in ("meta.xml", "docProps/core.xml", "docProps/app.xml"):
                data = _fix_dates(data)
            if info.filename in ("content.xml", "styles.xml", "settings.xml"):
                data = _fix_ids(data)
            out.writestr(ni, data)
    path.write_bytes(buf.getvalue())


def _fix_dates(data: bytes) -> bytes:
    """Fixed timestamps in document metadata (LibreOffice writes the conversion time)."""
    import re

    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2022-08-15T10:00:00Z", data)
    return re.sub(rb"<meta:editing-duration>[^<]*<", b"<meta:editing-duration>PT0S<", data)


def _fix_ids(data: bytes) -> bytes:
    """LibreOffice's random list ids (xml:id="list123...") made sequential."""
    import re

    seen: dict[bytes, bytes] = {}

    data = re.sub(rb'(?:xml:id|text:continue-list)="(list\d+)"',
                  lambda m: m.group(0).split(b"=")[0] + b'="'
                  + seen.setdefault(m.group(1), b"list%d" % (len(seen) + 1)) + b'"', data)
    return re.sub(rb'(name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>1000000", data)


def fix_pdf(path: Path) -> None:
    """Same-length replacement of LibreOffice's creation date and document ID in a PDF."""
    import re

    data = path.read_bytes()
    data = re.sub(rb"D:\d{14}Z'", b"D:20220815100000Z'", data)
    data = re.sub(rb"/ID \[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda m: m.group(0).replace(m.group(1), b"A" * len(m.group(1)))
                  .replace(m.group(2), b"B" * len(m.group(2))), data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"C" * 32, data)
    path.write_bytes(data)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
         "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=240,
    )
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def new_doc(author: str) -> docx.Document:
    d = docx.Document()
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.created = datetime(2022, 8, 10, 9, 0, 0)
    cp.modified = datetime(2022, 8, 15, 17, 30, 0)
    cp.revision = 3
    cp.comments = ""
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    return d


def save_doc(d: docx.Document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    fix_zip(path)
    return path


def bold_para(d, text: str, size: int | None = None, color: RGBColor | None = None):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.bold = True
    if size:
        r.font.size = Pt(size)
    if color:
        r.font.color.rgb = color
    return p


def add_table(d, rows: list[list[str]], widths_bold_header: bool = True, style: str = "Table Grid"):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = d.styles[style]
    for i, row in enumerate(rows):
        for j, val in enumerate(row):
            cell = t.cell(i, j)
            cell.text = ""
            run = cell.paragraphs[0].add_run(val)
            if i == 0 and widths_bold_header:
                run.bold = True
    return t


def eur(x: float) -> str:
    """French amount: 12 345 € (narrow no-break space avoided: plain space)."""
    if abs(x - round(x)) < 1e-9:
        s = f"{int(round(x)):,}".replace(",", " ")
    else:
        s = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return s + " €"


def num(x: float) -> str:
    return eur(x)[:-2]


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset)).decode("ascii").replace(
        "\r\n", "\n"
    )


def rfc2231(name: str) -> str:
    return "UTF-8''" + quote(name, safe="")


def rfc2047(text: str, charset: str = "utf-8") -> str:
    return Header(text, charset).encode()


def html_to_text(h: str) -> str:
    import re

    t = re.sub(r"(?is)<(script|style).*?</\1>", " ", h)
    t = re.sub(r"(?i)<br\s*/?>|</p>|</h\d>|</li>|</tr>", "\n", t)
    t = re.sub(r"<[^>]+>", " ", t)
    return html.unescape(t)


class Budget:
    """Expense lines (label, category, amount) and resources (label, amount, is_anact)."""

    def __init__(self, lines, resources, declared_total=None):
        self.lines = lines
        self.resources = resources
        self.declared_total = declared_total

    @property
    def totals(self):
        t = {c: 0.0 for c in CATS}
        for _label, cat, amount in self.lines:
            t[cat] += amount
        return t

    @property
    def sum_lines(self):
        return sum(a for _l, _c, a in self.lines)

    @property
    def total_cost(self):
        return self.declared_total if self.declared_total is not None else self.sum_lines

    @property
    def anact(self):
        return sum(a for _l, a, is_anact in self.resources if is_anact)

    @property
    def cofin(self):
        return sum(a for _l, a, is_anact in self.resources if not is_anact)

    def label(self):
        out = {
            "total_cost": self.total_cost,
            "anact_request": self.anact,
            "totals": {c: float(v) for c, v in self.totals.items()},
        }
        if any(not a for _l, _x, a in self.resources):
            out["cofinancing"] = {
                "amount": self.cofin,
                "share": round(self.cofin / self.total_cost, 4),
            }
        return out

    def category_sum(self, cat):
        return sum(a for _l, c, a in self.lines if c == cat)


def budget_flags(b: Budget) -> list[dict]:
    flags = []
    if b.anact > 80000:
        flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
    if b.cofin < 0.2 * b.total_cost - 1e-9:
        flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
    if b.declared_total is not None and abs(b.declared_total - b.sum_lines) > 1:
        flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
    for label, cat, _a in b.lines:
        if cat == "autre":
            flags.append({"code": "ineligible_expense", "target": label, "severity": "warning"})
    return flags


def decide(flags: list[dict], late: bool = False) -> str:
    if late:
        return "late"
    if any(f["severity"] == "blocking" for f in flags):
        return "incomplete"
    return "complete"


def sections_label(parts: list[dict], missing: dict[str, str] | None = None) -> dict:
    """parts: dicts with sid, heading, paras (first para = body start), source."""
    missing = missing or {}
    out = {}
    by_sid = {p["sid"]: p for p in parts if p.get("sid")}
    for sid in SECTION_IDS:
        p = by_sid.get(sid)
        if p is None or sid in missing:
            out[sid] = {"present": False}
        else:
            out[sid] = {
                "present": True,
                "source": p["source"],
                "heading": p["heading"],
                "body_start": p.get("body_start") or first_words(p["paras"][0]),
            }
    return out


def write_case(case_id: str, eml: str, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{case_id}.eml").write_bytes(eml.replace("\n", "\r\n").encode("ascii"))
    for sid in SECTION_IDS:
        assert sid in label["sections"], (case_id, sid)
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print("wrote", case_id, label["decision"])


def att_part(filename: str, ctype: str, data: bytes, style: str = "2231", disposition="attachment",
             extra_headers: str = "") -> str:
    """One base64 MIME part. style: 2231 (filename*=), 2047 (encoded word), plain."""
    if style == "2231":
        if filename.isascii() and " " not in filename:
            ct = f'{ctype}; name="{filename}"'
            cd = f'{disposition}; filename="{filename}"'
        else:
            ct = f"{ctype};\n name*={rfc2231(filename)}"
            cd = f"{disposition};\n filename*={rfc2231(filename)}"
    elif style == "2047":
        enc = rfc2047(filename)
        ct = f'{ctype}; name="{enc}"'
        cd = f'{disposition}; filename="{enc}"'
    else:
        ct = f'{ctype}; name="{filename}"'
        cd = f'{disposition}; filename="{filename}"'
    return (
        f"Content-Type: {ct}\n"
        f"Content-Disposition: {cd}\n"
        f"{extra_headers}"
        "Content-Transfer-Encoding: base64\n\n" + b64(data)
    )


# ====================================================================== case 01
# Regional agency for vocational training. Description split in two files: a short
# "note de présentation" (DOCX) and an "annexe technique" (PDF exported by LibreOffice)
# holding the other parts, the partners and the budget. Thunderbird, RFC 2231 names.
# Complete.


def case01():
    cid = "h3l-01"
    note_name = "Note de présentation - ARFC BFC.docx"
    annexe_name = "Annexe technique ARFC BFC.pdf"
    note_parts = [
        dict(sid="contexte", heading="Pourquoi ce projet ?", paras=[
            "Depuis la crise sanitaire, les organismes de formation de Bourgogne-Franche-Comté ont "
            "basculé en quelques mois vers des formats à distance ou hybrides. Plateformes "
            "d'apprentissage (LMS), classes virtuelles, outils de suivi des stagiaires et de "
            "facturation en ligne se sont empilés sans que les formateurs, souvent indépendants "
            "ou en contrat court, aient été associés à leur choix.",
            "Notre agence observe, à travers ses enquêtes annuelles auprès de 420 organismes, une "
            "hausse nette des signalements de surcharge, de travail du soir et de perte de sens "
            "chez les formateurs et les assistantes de formation. Le dernier baromètre régional "
            "(2021) indique que 61 % des répondants jugent que « les outils ont été imposés ».",
        ]),
        dict(sid="objectifs", heading="Ce que nous cherchons à atteindre", paras=[
            "Le projet Numéri'Form vise à faire des outils numériques de la formation un objet de "
            "dialogue entre directions d'organismes, formateurs, assistantes et éditeurs de "
            "solutions. Concrètement, nous voulons outiller au moins douze organismes (TPE et PME) "
            "pour qu'ils discutent de leurs outils avant de les choisir, pendant leur déploiement "
            "et après, et produire une méthode réutilisable par d'autres réseaux.",
        ]),
        dict(sid="problematique", heading="La question que nous posons", paras=[
            "Comment, dans des structures de moins de cinquante salariés, sans instance "
            "représentative du personnel la plupart du temps, construire un dialogue social "
            "technologique qui tienne compte du travail réel de formateurs dispersés et souvent "
            "extérieurs à l'organisme ?",
        ]),
    ]
    for p in note_parts:
        p["source"] = note_name
    annexe_parts = [
        dict(sid="cibles", heading="A – Publics visés", paras=[
            "Le projet s'adresse d'abord aux organismes de formation de moins de cinquante "
            "salariés de la région (environ 1 100 structures déclarées), et en leur sein à trois "
            "publics : les dirigeants et responsables pédagogiques, les formateurs salariés ou "
            "indépendants, les assistantes et assistants de formation.",
            "Douze organismes volontaires seront retenus, répartis sur quatre bassins (Dijon, "
            "Besançon, Nevers, Montbéliard), pour environ 150 professionnels concernés.",
        ]),
        dict(sid="methodologie", heading="B – Démarche proposée", paras=[
            "La démarche combine enquête, mise en discussion et expérimentation. Dans chaque "
            "organisme, un binôme direction–formateur est constitué et suivi par une chargée de "
            "projet de l'agence et une ergonome.",
            "Nous procéderons par « revues d'usage » : des séances de deux heures où l'équipe "
            "rejoue une situation de travail réelle avec l'outil (préparer une session, relancer "
            "un stagiaire absent, corriger un devoir en ligne) et note ce qui aide et ce qui gêne. "
            "Ces revues alimentent une grille d'accord sur les conditions d'usage, discutée ensuite "
            "avec l'éditeur de la plateforme lorsque celui-ci accepte de participer.",
            "Une journée inter-organismes par bassin permet de comparer les grilles et de repérer "
            "les pratiques transférables.",
        ]),
        dict(sid="phasage", heading="C – Calendrier de réalisation", paras=[
            "Le projet se déroule sur quatorze mois, d'octobre 2022 à novembre 2023.",
            "Phase 1 (octobre – décembre 2022) : recrutement des douze organismes, entretiens "
            "de cadrage, constitution des binômes.",
            "Phase 2 (janvier – mai 2023) : revues d'usage dans chaque organisme (trois par "
            "structure), rédaction des grilles d'accord.",
            "Phase 3 (juin – septembre 2023) : journées inter-organismes dans les quatre bassins, "
            "rencontres avec les éditeurs.",
            "Phase 4 (octobre – novembre 2023) : formalisation de la méthode, séminaire régional "
            "de restitution le 23 novembre 2023.",
        ]),
        dict(sid="pilotage", heading="D – Gouvernance", paras=[
            "Un comité de pilotage réunit trois fois l'ARFC, l'Aract Bourgogne-Franche-Comté, la "
            "Fédération de la Formation Professionnelle et deux représentants des formateurs "
            "désignés par les organismes participants (lancement, mi-parcours, clôture).",
            "Une équipe projet (chargée de projet ARFC, ergonome, ingénieure pédagogique) se "
            "réunit toutes les deux semaines ; elle tient un journal de bord partagé avec le "
            "comité.",
        ]),
        dict(sid="resultats", heading="E – Résultats attendus", paras=[
            "Douze grilles d'accord sur les conditions d'usage des outils numériques, signées par "
            "la direction et les formateurs ; une méthode de « revue d'usage » décrite pas à pas ; "
            "six capsules vidéo présentant des situations rejouées ; un indicateur de suivi de la "
            "charge liée aux outils intégré au baromètre régional.",
        ]),
        dict(sid="perennisation", heading="F – Diffusion et pérennité", paras=[
            "La méthode sera intégrée à l'offre de professionnalisation de l'agence dès 2024 et "
            "mise à disposition, sous licence Creative Commons, des autres agences régionales du "
            "réseau. Les capsules vidéo seront hébergées sur notre centre de ressources.",
        ]),
        dict(sid="partenaires", heading="G – Partenaires mobilisés", paras=[
            "Aract Bourgogne-Franche-Comté : appui méthodologique sur l'analyse du travail, "
            "participation au comité de pilotage et aux journées inter-organismes.",
            "Fédération de la Formation Professionnelle Bourgogne-Franche-Comté : mobilisation des "
            "organismes adhérents, relais de la méthode auprès de son réseau.",
            "Réseau des GRETA de l'académie de Besançon : deux établissements participent comme "
            "terrains d'expérimentation et partagent leurs outils de classe virtuelle.",
        ]),
    ]
    for p in annexe_parts:
        p["source"] = annexe_name
    partners = [
        "Aract Bourgogne-Franche-Comté",
        "Fédération de la Formation Professionnelle Bourgogne-Franche-Comté",
        "Réseau des GRETA de l'académie de Besançon",
    ]
    b = Budget(
        lines=[
            ("Chargée de projet ARFC (60 jours)", "personnel", 27000),
            ("Ingénieure pédagogique (25 jours)", "personnel", 10000),
            ("Déplacements dans les quatre bassins", "deplacements_logistique", 3200),
            ("Location de salles et restauration des journées", "deplacements_logistique", 2300),
            ("Intervention d'une ergonome (prestataire)", "prestations", 12000),
            ("Captation et montage des capsules vidéo", "prestations", 6500),
        ],
        resources=[
            ("Subvention Anact sollicitée", 47850, True),
            ("Autofinancement ARFC (temps valorisé)", 9150, False),
            ("Conseil régional Bourgogne-Franche-Comté (sollicité)", 4000, False),
        ],
        declared_total=61000,
    )
    assert b.sum_lines == 61000 and b.anact + b.cofin == 61000

    w = WORK / cid
    # note de présentation
    d = new_doc("Sophie Lacroix")
    t = d.add_paragraph()
    r = t.add_run("Agence Régionale Formation & Compétences Bourgogne-Franche-Comté")
    r.bold = True
    r.font.size = Pt(10)
    d.add_heading("Note de présentation", 0)
    d.add_paragraph(
        "Projet « Numéri'Form » – dialoguer sur les outils numériques dans les organismes de "
        "formation. Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social "
        "technologique au travail » (La Fabrique CTO)."
    ).runs[0].italic = True
    for p in note_parts:
        d.add_heading(p["heading"], 2)
        for para in p["paras"]:
            d.add_paragraph(para)
    d.add_paragraph(
        "Les publics, la démarche, le calendrier, la gouvernance, les partenaires et le budget "
        "du projet sont présentés dans l'annexe technique jointe."
    )
    note_path = save_doc(d, w / note_name)

    # annexe technique (docx -> pdf via LibreOffice)
    d = new_doc("Sophie Lacroix")
    d.add_heading("Annexe technique – projet Numéri'Form", 1)
    d.add_paragraph("ARFC Bourgogne-Franche-Comté – AMI La Fabrique CTO – août 2022")
    for p in annexe_parts:
        d.add_heading(p["heading"], 2)
        for para in p["paras"]:
            if para.startswith("Phase "):
                head, rest = para.split(" : ", 1)
                q = d.add_paragraph(style="List Bullet")
                q.add_run(head + " : ").bold = True
                q.add_run(rest)
            else:
                d.add_paragraph(para)
    d.add_heading("H – Budget prévisionnel", 2)
    d.add_paragraph("Montants en euros, hors taxes (l'agence ne récupère pas la TVA).")
    rows = [["Nature de la dépense", "Détail", "Montant (€ HT)"]]
    catname = {"personnel": "Dépenses de personnel",
               "deplacements_logistique": "Frais de déplacement et logistique",
               "prestations": "Achats de prestations"}
    for label, cat, amount in b.lines:
        rows.append([catname[cat], label, num(amount)])
    rows.append(["Total des dépenses", "", num(b.total_cost)])
    add_table(d, rows)
    d.add_paragraph("")
    d.add_paragraph("Plan de financement :")
    rows = [["Ressource", "Montant (€)", "Part"]]
    for label, amount, _a in b.resources:
        rows.append([label, num(amount), f"{amount / b.total_cost * 100:.1f} %".replace(".", ",")])
    rows.append(["Total des ressources", num(b.total_cost), "100 %"])
    add_table(d, rows)
    annexe_docx = save_doc(d, w / "src" / "Annexe technique ARFC BFC.docx")
    annexe_pdf = soffice(annexe_docx, "pdf", w)
    fix_pdf(annexe_pdf)

    body = (
        "Madame, Monsieur,\n\n"
        "Veuillez trouver ci-joint la candidature de l'Agence Régionale Formation & "
        "Compétences Bourgogne-Franche-Comté à l'appel à manifestation d'intérêt « La "
        "Fabrique CTO » : une note de présentation de deux pages et son annexe technique "
        "(publics, démarche, calendrier, gouvernance, partenaires et budget).\n\n"
        "Je reste à votre disposition pour tout complément.\n\n"
        "Bien cordialement,\n\n"
        "-- \nSophie Lacroix\nResponsable du pôle Innovation pédagogique\n"
        "ARFC Bourgogne-Franche-Comté\n03 80 00 00 00\n"
    )
    msgid = "<5b1e0c2a-7f3d-4a11-9c0e-3d2f1a8b6e71@arfc-bfc.fr>"
    subject = "AMI La Fabrique CTO - candidature ARFC Bourgogne-Franche-Comté"
    bnd = "------------E4C1B0A3D2F5A6B7C8D9E0F1"
    eml = (
        "Return-Path: <s.lacroix@arfc-bfc.fr>\n"
        "Delivered-To: fabrique@anact.fr\n"
        f"Message-ID: {msgid}\n"
        "Date: Thu, 18 Aug 2022 16:42:17 +0200\n"
        "MIME-Version: 1.0\n"
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101\n"
        " Thunderbird/91.12.0\n"
        "Content-Language: fr\n"
        "To: fabrique@anact.fr\n"
        f"From: Sophie Lacroix <s.lacroix@arfc-bfc.fr>\n"
        f"Subject: {rfc2047(subject)}\n"
        f'Content-Type: multipart/mixed;\n boundary="{bnd}"\n\n'
        "This is a multi-part message in MIME format.\n"
        f"--{bnd}\n"
        "Content-Type: text/plain; charset=UTF-8; format=flowed\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + qp(body, "utf-8") + "\n"
        f"--{bnd}\n"
        + att_part(note_name,
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   note_path.read_bytes())
        + f"--{bnd}\n"
        + att_part(annexe_name, "application/pdf", annexe_pdf.read_bytes())
        + f"--{bnd}--\n"
    )
    flags = budget_flags(b)
    label = {
        "case": "Agence régionale de formation: note de présentation DOCX (contexte, objectifs, "
                "problématique) + annexe technique PDF (LibreOffice) avec les autres parties, "
                "partenaires et budget; Thunderbird, noms RFC 2231; complet",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(note_parts + annexe_parts),
        "budget": b.label(),
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": note_name, "status": "parsed"},
                        {"filename": annexe_name, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "s.lacroix@arfc-bfc.fr", "subject": subject,
                    "date": "2022-08-18T16:42:17+02:00"},
        "project": {"start": "2022-10", "end": "2023-11", "duration_months": 14},
    }
    assert label["decision"] == "complete"
    write_case(cid, eml, label)


# ====================================================================== case 02
# Retail-sector employers' union. The whole proposal is the HTML body of an Apple Mail
# message (h2 parts, h3 sub-parts); the budget is an ODS (LibreOffice Calc) attachment with
# formulas computed by LibreOffice. Complete.


def case02():
    cid = "h3l-02"
    src = "corps du message"
    ods_name = "Budget prévisionnel UCD Occitanie.ods"
    parts = [
        dict(sid="contexte", heading="Le constat de départ", paras=[
            "En Occitanie, le commerce de détail emploie près de 140 000 salariés, dont une "
            "majorité dans des magasins de moins de vingt personnes. Caisses automatiques, "
            "terminaux de préparation des commandes en ligne, applications de planification des "
            "horaires et étiquettes électroniques arrivent dans ces magasins par les enseignes ou "
            "les fournisseurs, sans discussion avec les équipes.",
            "Nos adhérents nous font remonter des tensions : plannings modifiés la veille par "
            "l'application, vendeuses transformées en « dépanneuses » des caisses automatiques, "
            "clients mécontents reportant leur frustration sur le personnel.",
        ]),
        dict(sid="objectifs", heading="Nos ambitions", paras=[
            "Aider les chefs d'entreprise du commerce à associer leurs salariés au choix et au "
            "réglage des outils numériques du magasin ; outiller le dialogue entre employeurs, "
            "représentants des salariés et fournisseurs de solutions ; capitaliser une démarche "
            "simple que notre union pourra proposer à tous ses adhérents.",
        ]),
        dict(sid="problematique", heading="La question à instruire", paras=[
            "Dans un magasin de dix personnes sans CSE, avec un outil choisi par l'enseigne, "
            "quelles marges de manœuvre reste-t-il pour discuter de l'usage, et comment les "
            "rendre visibles au patron comme aux salariés ?",
        ]),
        dict(sid="cibles", heading="Qui est concerné ?", paras=[
            "Dix magasins indépendants ou franchisés adhérents de l'UCD (alimentaire, "
            "équipement de la personne, bricolage), dans les départements de la Haute-Garonne, "
            "de l'Hérault, du Gard et des Pyrénées-Orientales ; leurs dirigeants, leurs "
            "salariés (environ 120 personnes) et, lorsque c'est possible, les fournisseurs des "
            "outils déployés.",
        ]),
        dict(sid="methodologie", heading="Comment nous comptons procéder", paras=[
            "Nous partirons du travail tel qu'il se fait : un ergonome du cabinet partenaire "
            "passera deux journées d'observation dans chaque magasin, aux heures de pointe. Les "
            "observations serviront de matière à un atelier « caisse, écran, client » réunissant "
            "le dirigeant et ses salariés, où chacun décrit une situation difficile avec l'outil.",
            "De ces ateliers sortiront des « règles du magasin » (qui débloque la caisse "
            "automatique, quel délai pour un changement de planning, etc.), testées pendant trois "
            "mois puis revues. Une rencontre régionale par semestre fait dialoguer les magasins "
            "entre eux et avec deux éditeurs de logiciels.",
        ]),
        dict(sid="phasage", heading="Étapes et calendrier", paras=[
            "Novembre – décembre 2022 : choix des dix magasins, présentation du projet aux "
            "équipes.",
            "Janvier – mars 2023 : observations et premiers ateliers.",
            "Avril – juin 2023 : test des règles du magasin ; première rencontre régionale "
            "(juin).",
            "Juillet – septembre 2023 : revue des règles, second atelier dans chaque magasin.",
            "Octobre 2023 : seconde rencontre régionale, publication du guide ; fin du projet le "
            "31 octobre 2023.",
        ]),
        dict(sid="pilotage", heading="Qui décide, qui suit ?", paras=[
            "Un comité de pilotage paritaire (deux représentants de l'UCD, deux représentants "
            "syndicaux, l'Aract Occitanie) se réunit en novembre 2022, en avril 2023 et en "
            "octobre 2023. Le chargé de mission de l'UCD assure la coordination quotidienne et "
            "rend compte chaque mois au bureau de l'union.",
        ]),
        dict(sid="resultats", heading="Ce que nous attendons", paras=[
            "Dix jeux de « règles du magasin » testés ; un guide illustré de vingt pages à "
            "destination des commerçants ; une fiche d'exigences à remettre aux fournisseurs avant "
            "tout achat d'outil ; une baisse mesurée des incidents liés aux outils dans les "
            "magasins participants.",
        ]),
        dict(sid="perennisation", heading="Et après ?", paras=[
            "Le guide et la fiche d'exigences seront diffusés à nos 2 300 adhérents. La démarche "
            "rejoindra l'offre de services de l'union (diagnostic « outils et organisation ») et "
            "sera présentée aux autres unions régionales de la confédération.",
        ]),
    ]
    partner_part = dict(sid="partenaires", heading="2. Avec qui ?", paras=[
        "Aract Occitanie : expertise conditions de travail, co-animation des rencontres "
        "régionales.",
        "CFDT Services Occitanie : désignation de représentants des salariés au comité de "
        "pilotage, relais auprès des équipes.",
        "Cabinet Ergonomia Sud (Montpellier) : observations et animation des ateliers "
        "(prestation).",
        "Caissa Logiciels, éditeur de solutions d'encaissement : participation aux deux "
        "rencontres régionales.",
    ])
    partners = ["Aract Occitanie", "CFDT Services Occitanie", "Cabinet Ergonomia Sud",
                "Caissa Logiciels"]
    for p in parts + [partner_part]:
        p["source"] = src
    b = Budget(
        lines=[
            ("Chargé de mission UCD (45 j x 420 €)", "personnel", 18900),
            ("Juriste social UCD (10 j x 480 €)", "personnel", 4800),
            ("Déplacements dans les magasins", "deplacements_logistique", 3600),
            ("Salles et repas (ateliers et rencontres)", "deplacements_logistique", 2700),
            ("Observations et ateliers – cabinet Ergonomia Sud", "prestations", 21000),
            ("Conception graphique et impression du guide", "prestations", 4500),
        ],
        resources=[
            ("Subvention Anact (Fabrique CTO)", 42000, True),
            ("Autofinancement UCD Occitanie", 9000, False),
            ("OPCO du commerce (demande en cours)", 4500, False),
        ],
        declared_total=55500,
    )
    assert b.sum_lines == 55500 and b.anact + b.cofin == 55500

    w = WORK / cid
    w.mkdir(parents=True, exist_ok=True)
    # ODS: written as xlsx with formulas, then converted to ODS by LibreOffice (computes)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "UCD Occitanie – projet « Caisse, écran, client » – budget prévisionnel (€ HT)"
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["DÉPENSES", "", "Montant"])
    groups = [("Dépenses de personnel", "personnel"),
              ("Frais de déplacement et logistique", "deplacements_logistique"),
              ("Achats de prestations", "prestations")]
    total_cells = []
    for gname, cat in groups:
        ws.append([gname])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        first = ws.max_row + 1
        for label, c, amount in b.lines:
            if c == cat:
                ws.append(["", label, amount])
        last = ws.max_row
        ws.append(["", f"Sous-total {gname.lower()}", f"=SUM(C{first}:C{last})"])
        ws.cell(ws.max_row, 2).font = Font(italic=True)
        total_cells.append(f"C{ws.max_row}")
    ws.append(["TOTAL DES DÉPENSES", "", "=" + "+".join(total_cells)])
    tot_row = ws.max_row
    ws.cell(tot_row, 1).font = Font(bold=True)
    ws.append([])
    ws.append(["RESSOURCES", "", "Montant", "Part du total"])
    first = ws.max_row + 1
    for label, amount, _a in b.resources:
        ws.append(["", label, amount, f"=C{ws.max_row + 1}/$C${tot_row}"])
    last = ws.max_row
    ws.append(["TOTAL DES RESSOURCES", "", f"=SUM(C{first}:C{last})", f"=C{last + 1}/$C${tot_row}"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for r in range(first, last + 2):
        ws.cell(r, 4).number_format = "0.0%"
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 52
    ws.column_dimensions["C"].width = 14
    xlsx = w / "src" / "Budget prévisionnel UCD Occitanie.xlsx"
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(xlsx))
    ods = soffice(xlsx, "ods", w)
    fix_zip(ods)

    # HTML body
    h = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
         '<body style="word-wrap: break-word; -webkit-nbsp-mode: space; line-break: '
         'after-white-space;"><div dir="auto" style="font-family: Helvetica;">']
    t = []
    intro = ("Madame, Monsieur,", "L'Union du Commerce de Détail d'Occitanie (UCD Occitanie), "
             "organisation patronale représentant les commerçants indépendants de la région, a "
             "le plaisir de vous adresser sa réponse à l'appel à manifestation d'intérêt « "
             "Développer le dialogue social technologique au travail ». Le projet est décrit "
             "ci-dessous ; le budget détaillé figure dans le tableur joint.")
    for para in intro:
        h.append(f"<p>{html.escape(para, quote=False)}</p>")
        t.append(para + "\n")
    h.append("<h2>1. Le projet « Caisse, écran, client : parlons-en ! »</h2>")
    t.append("1. LE PROJET « CAISSE, ÉCRAN, CLIENT : PARLONS-EN ! »\n")
    for p in parts:
        h.append(f"<h3>{html.escape(p['heading'], quote=False)}</h3>")
        t.append(p["heading"])
        if p["sid"] == "phasage":
            h.append("<ul>")
            for para in p["paras"]:
                a, rest = para.split(" : ", 1)
                h.append(f"<li><b>{html.escape(a)}</b> : {html.escape(rest, quote=False)}</li>")
                t.append("- " + para)
            h.append("</ul>")
            t.append("")
            continue
        for para in p["paras"]:
            h.append(f"<p>{html.escape(para, quote=False)}</p>")
            t.append(para + "\n")
    h.append(f"<h2>{html.escape(partner_part['heading'], quote=False)}</h2>")
    t.append(partner_part["heading"].upper())
    h.append("<ul>")
    for para in partner_part["paras"]:
        a, rest = para.split(" : ", 1)
        h.append(f"<li><b>{html.escape(a, quote=False)}</b> : {html.escape(rest, quote=False)}</li>")
        t.append("- " + para)
    h.append("</ul>")
    t.append("")
    bud = ("Le budget total du projet s'élève à 55 500 € HT. Nous sollicitons 42 000 € auprès "
           "de l'Anact ; l'UCD apporte 9 000 € en autofinancement et une demande de 4 500 € est "
           "en cours auprès de l'OPCO du commerce. Le détail par poste figure dans le fichier "
           "joint (format LibreOffice).")
    h.append("<h2>3. Budget</h2>")
    h.append(f"<p>{html.escape(bud, quote=False)}</p>")
    t.append("3. BUDGET\n")
    t.append(bud + "\n")
    sig = ["Avec nos salutations distinguées,", "Marc Delorme", "Délégué général",
           "UCD Occitanie – 12 allée de Barcelone, 31000 Toulouse"]
    h.append("<p>" + "<br>".join(html.escape(s, quote=False) for s in sig) + "</p>")
    t.append("\n".join(sig) + "\n")
    h.append("</div></body></html>")
    html_body = "\n".join(h)
    text_body = "\n".join(t)
    # label texts must occur in the body's text
    # a real heading upper-cased in text/plain; the HTML keeps the case: label uses HTML.

    msgid = "<A7E3C0D9-2B41-4F8E-9D51-0C6E2F7A1B38@ucd-occitanie.fr>"
    subject = "Candidature AMI « Fabrique CTO » – UCD Occitanie"
    outer = "Apple-Mail=_5F0C2E91-8A3D-4B7C-A1E2-9D4F6B3C8E10"
    alt = "Apple-Mail=_0B8E6D2A-4C1F-49E3-8A75-1D3C5E7F9A02"
    eml = (
        "Return-Path: <m.delorme@ucd-occitanie.fr>\n"
        f"From: Marc Delorme <m.delorme@ucd-occitanie.fr>\n"
        f'Content-Type: multipart/mixed;\n\tboundary="{outer}"\n'
        "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))\n"
        f"Subject: {rfc2047(subject)}\n"
        "Date: Mon, 22 Aug 2022 11:05:43 +0200\n"
        f"Message-Id: {msgid}\n"
        "To: fabrique@anact.fr\n"
        "X-Mailer: Apple Mail (2.3696.120.41.1.1)\n\n"
        f"\n--{outer}\n"
        f'Content-Type: multipart/alternative;\n\tboundary="{alt}"\n\n\n'
        f"--{alt}\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "Content-Type: text/plain;\n\tcharset=utf-8\n\n"
        + qp(text_body, "utf-8") + "\n"
        f"--{alt}\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "Content-Type: text/html;\n\tcharset=utf-8\n\n"
        + qp(html_body, "utf-8") + "\n"
        f"--{alt}--\n\n"
        f"--{outer}\n"
        + att_part(ods_name, "application/vnd.oasis.opendocument.spreadsheet", ods.read_bytes())
        + f"\n--{outer}--\n"
    )
    flags = budget_flags(b)
    label = {
        "case": "Union patronale du commerce: toute la proposition dans le corps HTML (Apple "
                "Mail, h2/h3), budget dans un ODS LibreOffice avec sous-totaux; complet",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(parts + [partner_part]),
        "budget": b.label(),
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": ods_name, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "m.delorme@ucd-occitanie.fr",
                    "subject": subject, "date": "2022-08-22T11:05:43+02:00"},
        "project": {"start": "2022-11", "end": "2023-10-31", "duration_months": 12},
    }
    assert label["decision"] == "complete"
    # keep the texts for the checker
    (w / "body.html").write_text(html_body, encoding="utf-8")
    write_case(cid, eml, label)


# ====================================================================== case 03
# Design studio with an ergonomist. Proposal PDF made with fpdf2 (bold lines as headings,
# no styles), partners as a table "Structure | Rôle | Engagement", budget in an XLSX with
# formulas (values cached by LibreOffice). Gmail (RFC 2047 names, Content-ID on the
# attachments, as Gmail does). Sent at 23:58 on the deadline day: on time.
# Defect: an equipment purchase (tablets), ineligible -> `autre` + ineligible_expense (warning).


def _fpdf_doc(title_author: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 23, 18, 0, 0))
    pdf.set_author(title_author)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    return pdf


def case03():
    cid = "h3l-03"
    pdf_name = "Proposition Atelier Oblique – Fabrique CTO.pdf"
    xlsx_name = "Budget_Oblique_FabriqueCTO.xlsx"
    parts = [
        dict(sid="contexte", heading="Point de départ", paras=[
            "Les services d'aide à domicile vivent depuis trois ans une numérisation rapide : "
            "télégestion des interventions par smartphone, plannings transmis par application, "
            "messagerie avec les familles. Ces outils sont choisis par les directions et les "
            "financeurs pour contrôler le temps facturé ; les intervenantes les vivent souvent "
            "comme un pointage permanent.",
            "Atelier Oblique est un studio lyonnais de design de services de cinq personnes, dont "
            "une ergonome européenne. Nous avons accompagné en 2021 deux associations d'aide à "
            "domicile : c'est là qu'est née l'idée de ce projet.",
        ]),
        dict(sid="objectifs", heading="Nos intentions", paras=[
            "Faire des outils de télégestion un objet de conversation dans les associations ; "
            "donner aux intervenantes et aux responsables de secteur des moyens concrets de "
            "décrire ce que l'outil change à leur travail ; construire avec eux et avec l'éditeur "
            "des prototypes d'écrans et de règles d'usage ; tester ces prototypes en conditions "
            "réelles.",
        ]),
        dict(sid="problematique", heading="La question qui nous occupe", paras=[
            "Peut-on utiliser les méthodes du design (prototypes, mises en situation, cartes "
            "d'usage) pour ouvrir un dialogue social sur un outil de contrôle, dans des structures "
            "où les salariés travaillent seuls chez les personnes et se croisent rarement ?",
        ]),
        dict(sid="cibles", heading="Avec et pour qui", paras=[
            "Cinq associations d'aide à domicile du Rhône et de la Loire (de 40 à 180 salariés), "
            "leurs intervenantes, leurs responsables de secteur et leurs directions ; les "
            "représentants du personnel lorsqu'ils existent ; l'éditeur du logiciel de "
            "télégestion utilisé par trois d'entre elles.",
        ]),
        dict(sid="methodologie", heading="Méthode : designer le travail avec ceux qui le font",
             paras=[
            "Notre ergonome conduit d'abord des observations accompagnées : une journée de "
            "tournée avec deux intervenantes par association. Ces observations nourrissent des "
            "« cartes d'usage » illustrées, support d'ateliers où intervenantes, responsables et "
            "direction reconstituent une journée type et pointent les moments où l'outil aide ou "
            "empêche.",
            "Les designers traduisent ces constats en prototypes papier puis cliquables (écrans "
            "simplifiés, règles de badgeage, messages aux familles), testés en tournée pendant six "
            "semaines. Un atelier final, avec l'éditeur, trie ce qui peut être généralisé.",
        ]),
        dict(sid="phasage", heading="Déroulé dans le temps", paras=[
            "Le projet s'étend de décembre 2022 à fin septembre 2023, en quatre temps : "
            "décembre 2022 – janvier 2023, lancement et observations accompagnées ; février – "
            "avril 2023, ateliers cartes d'usage (deux par association) ; mai – juillet 2023, "
            "prototypes et tests en tournée ; septembre 2023, atelier final avec l'éditeur et "
            "restitution publique.",
        ]),
        dict(sid="pilotage", heading="Comité de suivi", paras=[
            "Un comité de suivi réunit tous les deux mois les cinq directions, une intervenante "
            "par association, l'Aract Auvergne-Rhône-Alpes, l'URIOPSS et le studio. Il valide le "
            "choix des situations travaillées, arbitre les prototypes à tester et suit les "
            "indicateurs. Le studio assure le secrétariat et diffuse un compte rendu sous huit "
            "jours.",
        ]),
        dict(sid="resultats", heading="Ce que le projet produira", paras=[
            "Un jeu de 30 cartes d'usage réutilisable ; des prototypes testés et une note de "
            "recommandations remise à l'éditeur ; des règles d'usage de la télégestion adoptées "
            "dans au moins trois associations ; une vidéo de restitution de dix minutes.",
        ]),
        dict(sid="perennisation", heading="Essaimer", paras=[
            "Les cartes d'usage et le guide d'animation seront publiés sous licence libre. "
            "L'URIOPSS propose de les intégrer à son cycle de formation des responsables de secteur "
            "en 2024, et la fédération ADMR du Rhône envisage de les tester dans d'autres "
            "associations de son réseau.",
        ]),
        dict(sid="partenaires", heading="Partenaires", paras=[
            "Quatre structures s'engagent à nos côtés :",
        ]),
    ]
    for p in parts:
        p["source"] = pdf_name
    partner_rows = [
        ("Aract Auvergne-Rhône-Alpes", "Appui méthodologique, membre du comité de suivi",
         "4 demi-journées d'expertise, participation aux comités"),
        ("URIOPSS Auvergne-Rhône-Alpes", "Relais auprès des associations, diffusion",
         "Mobilisation des associations, intégration à son offre de formation 2024"),
        ("Fédération ADMR du Rhône", "Terrain d'expérimentation (2 associations)",
         "Temps des salariés pour les ateliers et les tests"),
        ("Logisoin", "Éditeur du logiciel de télégestion",
         "Participation à l'atelier final, étude des prototypes"),
    ]
    partners = [r[0] for r in partner_rows]
    b = Budget(
        lines=[
            ("Designer de services (40 jours)", "personnel", 20000),
            ("Ergonome européenne (30 jours)", "personnel", 16500),
            ("Déplacements de l'équipe (Lyon – associations)", "deplacements_logistique", 2800),
            ("Location d'un espace d'atelier", "deplacements_logistique", 1200),
            ("Impression et fabrication des prototypes (prestataire)", "prestations", 3000),
            ("Réalisation d'une vidéo de restitution", "prestations", 5500),
            ("Achat de 10 tablettes tactiles pour les ateliers", "autre", 4800),
        ],
        resources=[
            ("Aide demandée à l'Anact", 41000, True),
            ("Autofinancement Atelier Oblique", 9800, False),
            ("Métropole de Lyon – AAP innovation sociale (sollicité)", 3000, False),
        ],
        declared_total=53800,
    )
    assert b.sum_lines == 53800 and b.anact + b.cofin == 53800
    w = WORK / cid
    w.mkdir(parents=True, exist_ok=True)

    # ---- PDF (fpdf2)
    pdf = _fpdf_doc("Atelier Oblique")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, "Atelier Oblique", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, "Studio de design de services & ergonomie – 14 rue Burdeau, 69001 Lyon",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 6, "« Télégestion : on en parle ? » – proposition à l'AMI La Fabrique CTO",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for p in parts:
        pdf.set_font("DejaVu", "B", 11)
        pdf.ln(2)
        pdf.multi_cell(0, 6, p["heading"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        for para in p["paras"]:
            pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        if p["sid"] == "partenaires":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(col_widths=(45, 60, 65), text_align="LEFT", line_height=5) as table:
                row = table.row()
                for h in ("Structure", "Rôle", "Engagement"):
                    row.cell(h)
                for r in partner_rows:
                    row = table.row()
                    for v in r:
                        row.cell(v)
            pdf.set_font("DejaVu", "", 10)
    pdf.set_font("DejaVu", "B", 11)
    pdf.ln(3)
    pdf.multi_cell(0, 6, "Budget", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0, 5,
        f"Le budget détaillé figure dans le tableur joint ({xlsx_name}). Coût total : "
        f"{eur(b.total_cost)} HT ; aide demandée à l'Anact : {eur(b.anact)} ; autofinancement "
        f"du studio : {eur(9800)} ; Métropole de Lyon (sollicité) : {eur(3000)}.",
        new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "I", 9)
    pdf.multi_cell(0, 5, "Contact : Julie Brancourt, co-fondatrice – julie@atelier-oblique.fr",
                   new_x="LMARGIN", new_y="NEXT")
    pdf_bytes = bytes(pdf.output())
    (w / pdf_name).write_bytes(pdf_bytes)

    # ---- XLSX with formulas, cached by LibreOffice
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget projet"
    ws["A1"] = "Atelier Oblique – Télégestion : on en parle ? – Budget prévisionnel"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Montants en euros HT (studio assujetti à la TVA)"
    ws.append([])
    ws.append(["Poste", "Nature", "Quantité", "Prix unitaire", "Montant HT"])
    for c in range(1, 6):
        ws.cell(4, c).font = Font(bold=True, color="FFFFFF")
        ws.cell(4, c).fill = PatternFill("solid", fgColor="2F4858")
    nature = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
              "prestations": "Prestation", "autre": "Équipement"}
    qty = {
        "Designer de services (40 jours)": (40, 500),
        "Ergonome européenne (30 jours)": (30, 550),
        "Location d'un espace d'atelier": (4, 300),
        "Achat de 10 tablettes tactiles pour les ateliers": (10, 480),
    }
    first = ws.max_row + 1
    for label, cat, amount in b.lines:
        q, pu = qty.get(label, (1, amount))
        assert q * pu == amount
        r = ws.max_row + 1
        ws.append([label, nature[cat], q, pu, f"=C{r}*D{r}"])
    last = ws.max_row
    ws.append(["TOTAL DU PROJET", "", "", "", f"=SUM(E{first}:E{last})"])
    tot = ws.max_row
    ws.cell(tot, 1).font = Font(bold=True)
    ws.cell(tot, 5).font = Font(bold=True)
    ws.append([])
    ws.append(["Financement", "", "", "", "Montant"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    f1 = ws.max_row + 1
    for label, amount, _a in b.resources:
        ws.append([label, "", "", "", amount])
    f2 = ws.max_row
    ws.append(["TOTAL FINANCEMENT", "", "", "", f"=SUM(E{f1}:E{f2})"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append(["Part du co-financement", "", "", "", f"=(E{f1 + 1}+E{f1 + 2})/E{tot}"])
    ws.cell(ws.max_row, 5).number_format = "0.0%"
    for r in range(first, ws.max_row + 1):
        for c in (4, 5):
            if ws.cell(r, c).number_format == "General":
                ws.cell(r, c).number_format = '#,##0 "€"'
    ws.column_dimensions["A"].width = 55
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["D"].width = 14
    ws.column_dimensions["E"].width = 14
    src = w / "src" / xlsx_name
    src.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(src))
    xlsx = soffice(src, "xlsx:Calc MS Excel 2007 XML", w)
    fix_zip(xlsx)
    wbv = openpyxl.load_workbook(str(xlsx), data_only=True)
    assert wbv.active.cell(tot, 5).value == b.total_cost, wbv.active.cell(tot, 5).value

    text = ("Bonjour,\n\nVous trouverez ci-joint la proposition d'Atelier Oblique pour l'appel à "
            "manifestation d'intérêt La Fabrique CTO, ainsi que le budget détaillé au format "
            "Excel.\n\nNous restons disponibles pour en parler.\n\nBelle soirée,\n\n"
            "Julie Brancourt\nAtelier Oblique – design de services & ergonomie\n06 12 34 56 78\n")
    htm = ('<div dir="ltr"><div>Bonjour,</div><div><br></div><div>Vous trouverez ci-joint la '
           "proposition d'Atelier Oblique pour l'appel à manifestation d'intérêt La Fabrique CTO, "
           "ainsi que le budget détaillé au format Excel.</div><div><br></div><div>Nous restons "
           "disponibles pour en parler.</div><div><br></div><div>Belle soirée,</div><div><br>"
           '</div><div>Julie Brancourt</div><div>Atelier Oblique – design de services &amp; '
           "ergonomie</div><div>06 12 34 56 78</div></div>\n")
    msgid = "<CAH3f9xQ7Lm2pZ0wK4t8bV1nRjE5cY6uA3sD2fG7hJ9kL0mN1oP@mail.gmail.com>"
    subject = "Proposition AMI Fabrique CTO – Atelier Oblique"
    outer = "0000000000007e2a4b05e6f1a9d3"
    alt = "0000000000007e2a4805e6f1a9d1"
    eml = (
        "MIME-Version: 1.0\n"
        "Date: Tue, 23 Aug 2022 23:58:06 +0200\n"
        f"Message-ID: {msgid}\n"
        f"Subject: {rfc2047(subject)}\n"
        "From: Julie Brancourt <julie.brancourt.oblique@gmail.com>\n"
        "To: fabrique@anact.fr\n"
        f'Content-Type: multipart/mixed; boundary="{outer}"\n\n'
        f"--{outer}\n"
        f'Content-Type: multipart/alternative; boundary="{alt}"\n\n'
        f"--{alt}\n"
        'Content-Type: text/plain; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(text, "utf-8") + "\n"
        f"--{alt}\n"
        'Content-Type: text/html; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(htm, "utf-8") + "\n"
        f"--{alt}--\n"
        f"--{outer}\n"
        + att_part(pdf_name, "application/pdf", pdf_bytes, style="2047",
                   extra_headers="Content-ID: <f_l75x0qbq0>\nX-Attachment-Id: f_l75x0qbq0\n")
        + f"--{outer}\n"
        + att_part(xlsx_name,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   xlsx.read_bytes(), style="plain",
                   extra_headers="Content-ID: <f_l75x0qc21>\nX-Attachment-Id: f_l75x0qc21\n")
        + f"--{outer}--\n"
    )
    flags = budget_flags(b)
    assert [f["code"] for f in flags] == ["ineligible_expense"]
    label = {
        "case": "Studio de design avec ergonome: PDF fpdf2 à titres en gras, partenaires en "
                "tableau Structure | Rôle | Engagement, budget XLSX à formules; Gmail à 23:58 le "
                "jour limite; achat de tablettes inéligible (warning), sinon complet",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(parts),
        "budget": b.label(),
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": pdf_name, "status": "parsed"},
                        {"filename": xlsx_name, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "julie.brancourt.oblique@gmail.com",
                    "subject": subject, "date": "2022-08-23T23:58:06+02:00"},
        "project": {"start": "2022-12", "end": "2023-09", "duration_months": 10},
    }
    assert label["decision"] == "complete"
    write_case(cid, eml, label)


# ====================================================================== case 04
# Municipal social action centre (CCAS). Long DOCX: cover page, "Sommaire" as a real Word
# TOC field (cached entries repeat every heading), page headers and footers with PAGE /
# NUMPAGES fields, "Article N – ..." headings (Heading 1) and "6.1 – ..." sub-headings;
# phasage as a table; budget and financing plan as tables. Outlook (multipart/related with
# a signature logo inline, windows-1252 quoted-printable body). Complete.


def _run_fld(p, kind: str, text: str | None = None):
    r = OxmlElement("w:r")
    if kind in ("begin", "separate", "end"):
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r.append(fc)
    elif kind == "instr":
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = text
        r.append(it)
    p._p.append(r)


def _fld_simple(p, instr: str, shown: str):
    f = OxmlElement("w:fldSimple")
    f.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    f.append(r)
    p._p.append(f)


def _tab_leader(p, pos_twips: int = 9000):
    pPr = p._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(pos_twips))
    tabs.append(tab)
    pPr.append(tabs)


def case04():
    cid = "h3l-04"
    docx_name = "Candidature_CCAS_Montreuil-sur-Orne_Fabrique_CTO.docx"
    S = docx_name
    parts = [
        dict(sid=None, heading="Article 1 – Présentation du porteur", paras=[
            "Le Centre communal d'action sociale de Montreuil-sur-Orne est un établissement "
            "public administratif rattaché à la commune (18 500 habitants). Il emploie 46 agents : "
            "travailleurs sociaux, agents d'accueil, aides à domicile et personnels "
            "administratifs. Il gère l'accueil social inconditionnel, l'instruction des aides "
            "facultatives, un service d'aide à domicile et une résidence autonomie.",
        ]),
        dict(sid="contexte", heading="Article 2 – Contexte et enjeux", paras=[
            "La dématérialisation des démarches administratives (CAF, assurance maladie, Pôle "
            "emploi, préfecture) a profondément transformé le travail des agents d'accueil et des "
            "travailleurs sociaux du CCAS. Une part croissante de leur temps est consacrée à "
            "« faire à la place » des usagers sur des plateformes qu'ils n'ont pas choisies et "
            "dont ils ne maîtrisent pas les évolutions.",
            "En interne, le CCAS a lui-même déployé en 2021 un logiciel de gestion des dossiers "
            "sociaux et un outil de prise de rendez-vous en ligne. Le bilan social 2021 fait "
            "apparaître une hausse des arrêts de travail à l'accueil et des demandes de mobilité "
            "interne. Les agents expriment un sentiment de perte de maîtrise et d'isolement face "
            "aux outils.",
            "Le comité social territorial a demandé en mars 2022 qu'une démarche associant les "
            "agents soit engagée avant tout nouveau déploiement.",
        ]),
        dict(sid="objectifs", heading="Article 3 – Objectifs poursuivis", paras=[
            "Le projet « Accueil social numérique : travailler ensemble » poursuit trois "
            "objectifs : construire avec les agents une analyse partagée de l'impact des outils "
            "numériques sur leur travail ; élaborer et tester des règles d'organisation et "
            "d'usage (répartition des tâches d'aide numérique, temps protégés, circuits de "
            "signalement des dysfonctionnements) ; instituer un espace de dialogue durable sur le "
            "numérique entre la direction, les agents et leurs représentants.",
        ]),
        dict(sid="problematique", heading="Article 4 – Question centrale", paras=[
            "Comment un petit établissement public, qui subit des choix techniques faits ailleurs "
            "(par les organismes nationaux) et en fait lui-même à l'échelle locale, peut-il "
            "organiser un dialogue social technologique utile, alors que les marges de manœuvre "
            "sur les outils eux-mêmes sont faibles ?",
        ]),
        dict(sid="cibles", heading="Article 5 – Publics et structures ciblés", paras=[
            "Le projet concerne directement les 24 agents des services d'accueil et "
            "d'action sociale du CCAS de Montreuil-sur-Orne, leur encadrement et la direction. "
            "Deux autres CCAS du département (Flers et L'Aigle) s'associent à la démarche pour "
            "leurs équipes d'accueil, soit une soixantaine d'agents au total.",
            "Les représentants du personnel siégeant au comité social territorial sont associés "
            "à toutes les étapes.",
        ]),
        dict(sid="methodologie", heading="Article 6 – Méthodologie d'intervention", paras=[
            "La démarche repose sur trois temps articulés, conduits avec l'appui d'un cabinet "
            "spécialisé en organisation du travail et d'une association de médiation numérique.",
        ], subs=[
            ("6.1 – Diagnostic partagé des usages",
             "Des observations de postes d'accueil et des entretiens collectifs par métier "
             "permettent de décrire les situations de travail où le numérique intervient : "
             "accompagnement d'un usager sur une plateforme, prise de rendez-vous, instruction "
             "d'un dossier. Chaque agent tient pendant deux semaines un carnet des incidents."),
            ("6.2 – Ateliers de co-construction",
             "Quatre ateliers réunissent agents, encadrants et représentants du personnel pour "
             "hiérarchiser les difficultés et imaginer des réponses organisationnelles. La "
             "médiatrice numérique y apporte sa connaissance des plateformes nationales."),
            ("6.3 – Expérimentation et ajustement",
             "Les solutions retenues sont testées pendant quatre mois, puis évaluées avec les "
             "agents à l'aide d'indicateurs simples (temps d'attente, incidents signalés, "
             "ressenti). Les ajustements sont soumis au comité social territorial."),
        ]),
        dict(sid="phasage", heading="Article 7 – Phasage détaillé", paras=[
            "Le projet se déroule du 1er octobre 2022 au 30 novembre 2023 selon le calendrier "
            "suivant :",
        ], table=[
            ["Phase", "Période", "Contenu"],
            ["1. Lancement", "Octobre 2022", "Comité de pilotage d'installation, information "
             "des agents, choix des terrains dans les trois CCAS"],
            ["2. Diagnostic", "Novembre 2022 – février 2023", "Observations, entretiens "
             "collectifs, carnets d'incidents"],
            ["3. Co-construction", "Mars – mai 2023", "Quatre ateliers, rédaction des règles "
             "d'organisation"],
            ["4. Expérimentation", "Juin – septembre 2023", "Tests dans les trois CCAS, suivi "
             "des indicateurs"],
            ["5. Évaluation et capitalisation", "Octobre – novembre 2023", "Bilan, kit de "
             "restitution, séminaire départemental (clôture le 30 novembre 2023)"],
        ]),
        dict(sid="pilotage", heading="Article 8 – Gouvernance et comitologie", paras=[
            "Un comité de pilotage, présidé par la vice-présidente du CCAS, réunit la direction "
            "des trois CCAS, deux représentants du personnel, l'Aract Normandie et les "
            "prestataires. Il se réunit à chaque fin de phase (cinq réunions).",
            "Un comité technique hebdomadaire (responsable de projet, cabinet, médiatrice) "
            "prépare les travaux. Le comité social territorial est informé à chaque étape et "
            "consulté sur les règles expérimentées.",
        ]),
        dict(sid="resultats", heading="Article 9 – Résultats escomptés", paras=[
            "À l'issue du projet, le CCAS disposera d'une cartographie des situations de travail "
            "impactées par le numérique, d'une charte d'organisation de l'aide numérique à "
            "l'accueil, d'une instance de dialogue pérenne sur les outils, et d'un kit de "
            "restitution utilisable par d'autres collectivités. Nous attendons une baisse des "
            "incidents signalés et une amélioration du ressenti des agents mesurée par "
            "questionnaire.",
        ]),
        dict(sid="perennisation", heading="Article 10 – Pérennisation et essaimage", paras=[
            "L'instance de dialogue sur le numérique sera inscrite au règlement intérieur du "
            "CCAS. Le kit sera diffusé par l'union départementale des CCAS de l'Orne à ses 40 "
            "membres et présenté au congrès régional de l'UNCCAS en 2024.",
        ]),
        dict(sid="partenaires", heading="Article 11 – Partenaires mobilisés", paras=[
            "Le projet mobilise les partenaires suivants, qui ont confirmé leur participation :",
            "l'Aract Normandie, qui apporte son expertise sur les conditions de travail et "
            "participe au comité de pilotage ;",
            "le CCAS de Flers et le CCAS de L'Aigle, terrains d'expérimentation, qui mettent à "
            "disposition le temps de leurs équipes d'accueil ;",
            "l'association Les Connecteurs, médiatrice numérique, qui anime une partie des "
            "ateliers ;",
            "l'Union départementale des CCAS de l'Orne, chargée de la diffusion des résultats.",
        ]),
    ]
    for p in parts:
        p["source"] = S
    partners = ["Aract Normandie", "CCAS de Flers", "CCAS de L'Aigle",
                "Les Connecteurs", "Union départementale des CCAS de l'Orne"]
    b = Budget(
        lines=[
            ("Responsable de projet CCAS (35 jours)", "personnel", 10500),
            ("Travailleurs sociaux – temps d'atelier (48 jours)", "personnel", 12000),
            ("Déplacements (CCAS partenaires, rencontres)", "deplacements_logistique", 1500),
            ("Logistique des ateliers (salles, repas)", "deplacements_logistique", 1800),
            ("Accompagnement méthodologique – cabinet Tiers Temps Conseil", "prestations", 19000),
            ("Médiation numérique – association Les Connecteurs", "prestations", 6200),
            ("Conception du kit de restitution (graphiste)", "prestations", 3000),
        ],
        resources=[
            ("Subvention sollicitée auprès de l'Anact", 42500, True),
            ("Autofinancement CCAS (temps des agents valorisé)", 8000, False),
            ("Conseil départemental de l'Orne (sollicité)", 3500, False),
        ],
        declared_total=54000,
    )
    assert b.sum_lines == 54000 and b.anact + b.cofin == 54000
    w = WORK / cid
    w.mkdir(parents=True, exist_ok=True)

    d = new_doc("Nathalie Guérin")
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    hp.text = "CCAS de Montreuil-sur-Orne – Candidature AMI « La Fabrique CTO »"
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    hp.runs[0].font.size = Pt(8)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("Dossier de candidature – août 2022 – page ")
    _fld_simple(fp, " PAGE ", "2")
    fp.add_run(" / ")
    _fld_simple(fp, " NUMPAGES ", "9")
    # cover page
    for _ in range(4):
        d.add_paragraph("")
    c = d.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    c.add_run("Centre Communal d'Action Sociale\nde Montreuil-sur-Orne").bold = True
    d.add_paragraph("")
    t = d.add_paragraph(style="Title")
    t.add_run("Accueil social numérique : travailler ensemble")
    c = d.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    c.add_run("Dossier de candidature à l'appel à manifestation d'intérêt « Développer le "
              "dialogue social technologique au travail » – La Fabrique CTO (Anact)").italic = True
    c = d.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    c.add_run("Août 2022")
    d.add_page_break()
    # Sommaire: a real TOC field with cached entries
    d.add_paragraph("Sommaire", style="TOC Heading")
    headings = [p["heading"] for p in parts] + ["Article 12 – Budget prévisionnel",
                                                 "Article 13 – Engagements du porteur"]
    pages = [3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9]
    for i, (hd, pg) in enumerate(zip(headings, pages)):
        para = d.add_paragraph()
        _tab_leader(para)
        if i == 0:
            _run_fld(para, "begin")
            _run_fld(para, "instr", ' TOC \\o "1-1" \\h \\z \\u ')
            _run_fld(para, "separate")
        para.add_run(f"{hd}\t{pg}")
        if i == len(headings) - 1:
            _run_fld(para, "end")
    d.add_page_break()
    for p in parts:
        d.add_heading(p["heading"], 1)
        for para in p["paras"]:
            if p["sid"] == "partenaires" and para.startswith(("l'", "le ")):
                d.add_paragraph(para, style="List Bullet")
            else:
                d.add_paragraph(para)
        for sh, sp in p.get("subs", []):
            d.add_heading(sh, 2)
            d.add_paragraph(sp)
        if p.get("table"):
            add_table(d, p["table"])
            d.add_paragraph("")
    d.add_heading("Article 12 – Budget prévisionnel", 1)
    d.add_paragraph("Les montants sont exprimés en euros ; le CCAS ne récupérant pas la TVA, les "
                    "prestations sont indiquées TTC, montant retenu pour le projet.")
    rows = [["Poste de dépense", "Montant (€)"]]
    groups = [("Dépenses de personnel", "personnel"),
              ("Frais de déplacement et de logistique", "deplacements_logistique"),
              ("Achats de prestations", "prestations")]
    group_rows = []
    for gname, cat in groups:
        rows.append([gname, num(b.category_sum(cat))])
        group_rows.append(len(rows) - 1)
        for label, c2, amount in b.lines:
            if c2 == cat:
                rows.append(["    " + label, num(amount)])
    rows.append(["Coût total du projet", num(b.total_cost)])
    tbl = add_table(d, rows)
    for gi in group_rows + [len(rows) - 1]:
        for cell in tbl.rows[gi].cells:
            for r in cell.paragraphs[0].runs:
                r.bold = True
    d.add_paragraph("")
    d.add_paragraph("Plan de financement prévisionnel :")
    rows = [["Financeur", "Nature", "Montant (€)"]]
    natures = ["Subvention", "Autofinancement (valorisation)", "Subvention (demande déposée)"]
    for (label, amount, _a), nat in zip(b.resources, natures):
        rows.append([label, nat, num(amount)])
    rows.append(["Total", "", num(b.total_cost)])
    add_table(d, rows)
    d.add_paragraph(f"La part de co-financement s'établit à "
                    f"{b.cofin / b.total_cost * 100:.1f} % du coût total.".replace(".", ",", 1))
    d.add_heading("Article 13 – Engagements du porteur", 1)
    d.add_paragraph("Le CCAS s'engage à participer aux travaux du groupe miroir, à partager les "
                    "productions du projet comme communs de la connaissance et à justifier de "
                    "l'emploi des fonds.")
    d.add_paragraph("Fait à Montreuil-sur-Orne, le 18 août 2022.")
    d.add_paragraph("La Vice-présidente du CCAS, Mme Odile Fournier")
    docx_path = save_doc(d, w / docx_name)

    # small inline logo for the Outlook signature
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 40), (255, 255, 255))
    dr = ImageDraw.Draw(img)
    dr.rectangle([0, 0, 39, 39], fill=(0, 90, 160))
    dr.rectangle([44, 12, 118, 28], fill=(0, 150, 120))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    logo = buf.getvalue()

    text = ("Bonjour,\n\nJe vous prie de trouver ci-joint le dossier de candidature du CCAS de "
            "Montreuil-sur-Orne à l'appel à manifestation d'intérêt « La Fabrique CTO ».\n\n"
            "Le dossier comprend la description du projet, son budget prévisionnel et la "
            "présentation des partenaires.\n\nRestant à votre disposition,\n\n"
            "Nathalie Guérin\nDirectrice du CCAS de Montreuil-sur-Orne\n"
            "Tél. 02 33 00 00 00\n")
    htm = ("<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; "
           "charset=windows-1252\">\n<meta name=\"Generator\" content=\"Microsoft Word 15 "
           "(filtered medium)\">\n</head><body lang=\"FR\" link=\"#0563C1\" vlink=\"#954F72\">"
           "<div class=\"WordSection1\">\n<p class=\"MsoNormal\">Bonjour,<o:p></o:p></p>\n"
           "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n<p class=\"MsoNormal\">Je vous prie de "
           "trouver ci-joint le dossier de candidature du CCAS de Montreuil-sur-Orne à l'appel à "
           "manifestation d'intérêt « La Fabrique CTO ».<o:p></o:p></p>\n<p class=\"MsoNormal\">"
           "Le dossier comprend la description du projet, son budget prévisionnel et la "
           "présentation des partenaires.<o:p></o:p></p>\n<p class=\"MsoNormal\">Restant à votre "
           "disposition,<o:p></o:p></p>\n<p class=\"MsoNormal\"><b>Nathalie Guérin</b><br>"
           "Directrice du CCAS de Montreuil-sur-Orne<br>Tél. 02 33 00 00 00<o:p></o:p></p>\n"
           "<p class=\"MsoNormal\"><img width=\"120\" height=\"40\" id=\"Image_x0020_1\" "
           "src=\"cid:image001.png@01D8B3A2.5C4E7F10\" alt=\"Logo CCAS\"><o:p></o:p></p>\n"
           "</div></body></html>\n")
    msgid = "<PR1P264MB2147C3B5E0A9D4F1A2B3C4D5E6F7A8B9@PR1P264MB2147.FRAP264.PROD.OUTLOOK.COM>"
    subject = "Candidature AMI - La Fabrique CTO - CCAS de Montreuil-sur-Orne"
    mixed = "_006_PR1P264MB2147C3B5E0A9D4F1A2B3PR1P264MB2147FRAP_"
    rel = "_005_PR1P264MB2147C3B5E0A9D4F1A2B3PR1P264MB2147FRAP_"
    alt = "_000_PR1P264MB2147C3B5E0A9D4F1A2B3PR1P264MB2147FRAP_"
    docx_bytes = docx_path.read_bytes()
    eml = (
        "From: =?iso-8859-1?Q?Nathalie_Gu=E9rin?= <direction@ccas-montreuil-sur-orne.fr>\n"
        "To: \"fabrique@anact.fr\" <fabrique@anact.fr>\n"
        f"Subject: {subject}\n"
        "Thread-Topic: Candidature AMI - La Fabrique CTO - CCAS de Montreuil-sur-Orne\n"
        "Thread-Index: AdizSqFhK2m0vN9oQ3u5y1bX7cE4Rw==\n"
        "Date: Fri, 19 Aug 2022 07:31:52 +0000\n"
        f"Message-ID: {msgid}\n"
        "Accept-Language: fr-FR, en-US\n"
        "Content-Language: fr-FR\n"
        "X-MS-Has-Attach: yes\n"
        "X-MS-TNEF-Correlator:\n"
        f'Content-Type: multipart/mixed;\n\tboundary="{mixed}"\n'
        "MIME-Version: 1.0\n\n"
        f"--{mixed}\n"
        f'Content-Type: multipart/related;\n\tboundary="{rel}";\n\ttype="multipart/alternative"\n\n'
        f"--{rel}\n"
        f'Content-Type: multipart/alternative;\n\tboundary="{alt}"\n\n'
        f"--{alt}\n"
        'Content-Type: text/plain; charset="windows-1252"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(text, "cp1252") + "\n"
        f"--{alt}\n"
        'Content-Type: text/html; charset="windows-1252"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n" + qp(htm, "cp1252") + "\n"
        f"--{alt}--\n\n"
        f"--{rel}\n"
        'Content-Type: image/png; name="image001.png"\n'
        'Content-Description: image001.png\n'
        f'Content-Disposition: inline; filename="image001.png"; size={len(logo)};\n'
        '\tcreation-date="Fri, 19 Aug 2022 07:31:51 GMT";\n'
        '\tmodification-date="Fri, 19 Aug 2022 07:31:51 GMT"\n'
        "Content-ID: <image001.png@01D8B3A2.5C4E7F10>\n"
        "Content-Transfer-Encoding: base64\n\n" + b64(logo) + "\n"
        f"--{rel}--\n\n"
        f"--{mixed}\n"
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;"
        f'\n\tname="{docx_name}"\n'
        f"Content-Description: {docx_name}\n"
        f'Content-Disposition: attachment;\n\tfilename="{docx_name}"; size={len(docx_bytes)};\n'
        '\tcreation-date="Fri, 19 Aug 2022 07:30:12 GMT";\n'
        '\tmodification-date="Fri, 19 Aug 2022 07:31:51 GMT"\n'
        "Content-Transfer-Encoding: base64\n\n" + b64(docx_bytes) + "\n"
        f"--{mixed}--\n"
    )
    flags = budget_flags(b)
    label = {
        "case": "CCAS: long DOCX avec page de garde, Sommaire (champ TOC en cache), en-têtes et "
                "pieds de page, titres « Article N – », phasage en tableau, budget en tableau "
                "avec sous-totaux par catégorie; Outlook avec logo inline; complet",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(parts),
        "budget": b.label(),
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": docx_name, "status": "parsed"},
                        {"filename": "image001.png", "status": "skipped"}],
        "message": {"message_id": msgid, "from": "direction@ccas-montreuil-sur-orne.fr",
                    "subject": subject, "date": "2022-08-19T07:31:52+00:00"},
        "project": {"start": "2022-10-01", "end": "2023-11-30", "duration_months": 14},
    }
    assert label["decision"] == "complete"
    write_case(cid, eml, label)


# ====================================================================== case 05
# Agricultural cooperative. Description in an ODT (written in Word, saved by LibreOffice):
# the headings are bold items of a real Word numbered list ("List Number", numPr), so the
# numbers are not in the text. Budget in an XLSX with one column per year
# (Poste | 2022 | 2023 | Total), category rows carrying subtotals (formulas) above indented
# detail lines. Roundcube, ISO-8859-1 quoted-printable body.
# Defect: the pilotage part is left "À compléter" -> missing_section(pilotage), incomplete.


def case05():
    cid = "h3l-05"
    odt_name = "Dossier_candidature_Beauce_Avenir.odt"
    xlsx_name = "Budget 2022-2023 Beauce Avenir.xlsx"
    S = odt_name
    parts = [
        dict(sid=None, heading="Qui sommes-nous ?", paras=[
            "Beauce Avenir est une coopérative agricole céréalière d'Eure-et-Loir : 1 350 "
            "adhérents, 210 salariés répartis entre le siège de Châteaudun, 28 silos de collecte "
            "et trois magasins d'approvisionnement.",
        ]),
        dict(sid="contexte", heading="Ce qui change dans nos métiers", paras=[
            "En trois ans, la coopérative a équipé ses silos de systèmes de réception "
            "automatisée (pesée, échantillonnage, bons dématérialisés), ses technico-commerciaux "
            "de tablettes et d'un outil d'aide à la décision agronomique, et ses adhérents d'une "
            "application de traçabilité. Ces outils ont été déployés par lots, sous la pression "
            "des délais de moisson, avec une formation minimale.",
            "Les agents de silo décrivent des moissons plus tendues : files de camions quand le "
            "logiciel bloque, appels des agriculteurs qui ne comprennent pas leur bon, "
            "responsabilité accrue sur des données qu'ils ne maîtrisent pas. Les "
            "technico-commerciaux, eux, passent une partie de leurs soirées à saisir.",
        ]),
        dict(sid="objectifs", heading="Finalités du projet", paras=[
            "Ouvrir, pour la première fois dans la coopérative, un espace de discussion sur les "
            "outils numériques entre salariés, encadrement, élus adhérents et fournisseurs ; "
            "définir des règles d'usage réalistes pour la période de moisson ; préparer le "
            "renouvellement du logiciel de silo prévu en 2024 en y associant les utilisateurs.",
        ]),
        dict(sid="problematique", heading="Le problème à résoudre", paras=[
            "Comment faire dialoguer sur des outils numériques des métiers dispersés sur tout un "
            "département, soumis à une forte saisonnalité, et dont le travail dépend aussi des "
            "pratiques d'adhérents qui ne sont pas des salariés ?",
        ]),
        dict(sid="cibles", heading="Personnes et structures concernées", paras=[
            "Les 60 agents de silo et chefs de silo, les 25 technico-commerciaux et leurs "
            "responsables de secteur, ainsi qu'un groupe de douze adhérents volontaires. Deux "
            "petites coopératives voisines (moins de 50 salariés chacune) suivent la démarche "
            "pour en tirer parti dans leurs propres silos.",
        ]),
        dict(sid="methodologie", heading="Mise en œuvre", paras=[
            "Nous procéderons en trois mouvements. D'abord, un cabinet en ergonomie agricole "
            "observe une journée de moisson sur quatre silos et accompagne deux "
            "technico-commerciaux en tournée ; ces observations sont restituées aux équipes.",
            "Ensuite, des « rencontres de silo » réunissent hors saison agents, chefs de silo, "
            "adhérents et l'éditeur du logiciel pour rejouer les situations critiques et "
            "proposer des changements (paramétrage, procédures dégradées, répartition des "
            "saisies).",
            "Enfin, les changements retenus sont testés pendant la moisson 2023 puis évalués en "
            "septembre avec les équipes.",
        ]),
        dict(sid="phasage", heading="Chronologie", paras=[
            "Le projet court d'octobre 2022 à novembre 2023 : octobre – décembre 2022, "
            "observations et restitutions ; janvier – avril 2023, six rencontres de silo ; "
            "mai – juin 2023, préparation des règles de moisson et paramétrage ; juillet – août "
            "2023, test pendant la moisson ; septembre – novembre 2023, évaluation, fiches "
            "pratiques et journée de partage avec les coopératives voisines.",
        ]),
        dict(sid="pilotage", heading="Pilotage et instances de suivi", paras=[
            "À compléter (composition en cours de validation par le conseil d'administration "
            "du 6 septembre).",
        ]),
        dict(sid="resultats", heading="Effets attendus", paras=[
            "Des règles de moisson partagées et testées dans 28 silos ; un cahier des exigences "
            "des utilisateurs pour le futur logiciel de silo ; huit fiches pratiques ; une "
            "réduction des saisies du soir chez les technico-commerciaux.",
        ]),
        dict(sid="perennisation", heading="Suites envisagées", paras=[
            "Les rencontres de silo deviendront un rendez-vous annuel avant chaque moisson. Les "
            "fiches pratiques seront proposées à la fédération régionale des coopératives "
            "agricoles pour diffusion aux autres coopératives céréalières.",
        ]),
        dict(sid="partenaires", heading="Nos partenaires", paras=[
            "Aract Centre-Val de Loire : appui méthodologique et participation à l'évaluation.",
            "Chambre d'agriculture d'Eure-et-Loir : mobilisation des adhérents, lien avec les "
            "conseillers agronomiques.",
            "Lycée agricole de Chartres-La Saussaye : accueil d'une rencontre, implication "
            "d'une classe de BTS dans la rédaction des fiches.",
            "AgriConnect Solutions, éditeur du logiciel de silo : participation aux rencontres "
            "et étude des demandes de paramétrage.",
        ]),
    ]
    for p in parts:
        p["source"] = S
    partners = ["Aract Centre-Val de Loire", "Chambre d'agriculture d'Eure-et-Loir",
                "Lycée agricole de Chartres-La Saussaye", "AgriConnect Solutions"]
    years = {  # label -> (2022, 2023)
        "Cheffe de projet transformation numérique (50 jours)": (6000, 14000),
        "Agents et chefs de silo – participation aux rencontres (30 jours)": (2400, 7200),
        "Déplacements sur les silos et les exploitations": (800, 2700),
        "Logistique des rencontres (salles, repas)": (500, 1500),
        "Appui d'un cabinet en ergonomie agricole": (4000, 14000),
        "Réalisation des fiches pratiques (agence de communication)": (0, 3900),
        "Aide Anact sollicitée": (11000, 34000),
        "Autofinancement Beauce Avenir": (2700, 6300),
        "MSA Beauce Cœur de Loire – action sanitaire et sociale (sollicitée)": (0, 3000),
    }
    cats = {
        "Cheffe de projet transformation numérique (50 jours)": "personnel",
        "Agents et chefs de silo – participation aux rencontres (30 jours)": "personnel",
        "Déplacements sur les silos et les exploitations": "deplacements_logistique",
        "Logistique des rencontres (salles, repas)": "deplacements_logistique",
        "Appui d'un cabinet en ergonomie agricole": "prestations",
        "Réalisation des fiches pratiques (agence de communication)": "prestations",
    }
    b = Budget(
        lines=[(lab, cat, sum(years[lab])) for lab, cat in cats.items()],
        resources=[
            ("Aide Anact sollicitée", sum(years["Aide Anact sollicitée"]), True),
            ("Autofinancement Beauce Avenir", sum(years["Autofinancement Beauce Avenir"]), False),
            ("MSA Beauce Cœur de Loire – action sanitaire et sociale (sollicitée)", 3000, False),
        ],
        declared_total=57000,
    )
    y22 = sum(years[lab][0] for lab in cats)
    y23 = sum(years[lab][1] for lab in cats)
    r22 = sum(years[lab][0] for lab, _a, _x in b.resources)
    r23 = sum(years[lab][1] for lab, _a, _x in b.resources)
    assert (y22, y23) == (13700, 43300) and (r22, r23) == (y22, y23)
    assert b.sum_lines == 57000 and b.anact + b.cofin == 57000
    w = WORK / cid
    w.mkdir(parents=True, exist_ok=True)

    # ---- description: DOCX with List Number headings -> ODT by LibreOffice
    d = new_doc("Thierry Morin")
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run("COOPÉRATIVE AGRICOLE BEAUCE AVENIR")
    r.bold = True
    r.font.size = Pt(14)
    r.font.color.rgb = RGBColor(0x3A, 0x6B, 0x1F)
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run("Projet « Silos & écrans » – réponse à l'appel à manifestation d'intérêt "
              "La Fabrique CTO").italic = True
    d.add_paragraph("")
    for p in parts:
        hp = d.add_paragraph(style="List Number")
        hr = hp.add_run(p["heading"])
        hr.bold = True
        hr.font.size = Pt(12)
        for para in p["paras"]:
            if p["sid"] == "partenaires":
                name, rest = para.split(" : ", 1)
                q = d.add_paragraph(style="List Bullet")
                q.add_run(name).bold = True
                q.add_run(" : " + rest)
            else:
                d.add_paragraph(para)
    hp = d.add_paragraph(style="List Number")
    hr = hp.add_run("Budget")
    hr.bold = True
    hr.font.size = Pt(12)
    d.add_paragraph(f"Le budget par année figure dans le tableur joint. Coût total : "
                    f"{eur(b.total_cost)} ; aide sollicitée auprès de l'Anact : {eur(b.anact)}.")
    d.add_paragraph("")
    d.add_paragraph("Thierry Morin, responsable des ressources humaines, pour le directeur "
                    "général")
    src_docx = save_doc(d, w / "src" / "Dossier_candidature_Beauce_Avenir.docx")
    odt = soffice(src_docx, "odt", w)
    fix_zip(odt)

    # ---- budget XLSX, one column per year
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Budget prévisionnel par année – projet « Silos & écrans »"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "en euros HT"
    ws.append([])
    ws.append(["Poste", 2022, 2023, "Total"])
    for c in range(1, 5):
        ws.cell(4, c).font = Font(bold=True)
    groups = [("Dépenses de personnel", "personnel"),
              ("Frais de déplacement et logistique", "deplacements_logistique"),
              ("Achats de prestations", "prestations")]
    sub_rows = []
    for gname, cat in groups:
        ws.append([gname])
        grow = ws.max_row
        ws.cell(grow, 1).font = Font(bold=True)
        first = grow + 1
        for lab, c2 in cats.items():
            if c2 == cat:
                r = ws.max_row + 1
                ws.append([lab, years[lab][0], years[lab][1], f"=B{r}+C{r}"])
                ws.cell(r, 1).alignment = Alignment(indent=2)
        last = ws.max_row
        for col in "BCD":
            ws[f"{col}{grow}"] = f"=SUM({col}{first}:{col}{last})"
            ws[f"{col}{grow}"].font = Font(bold=True)
        sub_rows.append(grow)
    ws.append(["TOTAL DES DÉPENSES"] + [
        "=" + "+".join(f"{col}{g}" for g in sub_rows) for col in "BCD"])
    tot = ws.max_row
    for c in range(1, 5):
        ws.cell(tot, c).font = Font(bold=True)
    ws.append([])
    ws.append(["Ressources", 2022, 2023, "Total"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    f1 = ws.max_row + 1
    for lab, _a, _x in b.resources:
        r = ws.max_row + 1
        ws.append([lab, years[lab][0], years[lab][1], f"=B{r}+C{r}"])
    f2 = ws.max_row
    ws.append(["TOTAL DES RESSOURCES"] + [f"=SUM({col}{f1}:{col}{f2})" for col in "BCD"])
    for c in range(1, 5):
        ws.cell(ws.max_row, c).font = Font(bold=True)
    ws.column_dimensions["A"].width = 66
    for col in "BCD":
        ws.column_dimensions[col].width = 12
    src = w / "src" / xlsx_name
    wb.save(str(src))
    xlsx = soffice(src, "xlsx:Calc MS Excel 2007 XML", w)
    fix_zip(xlsx)
    wbv = openpyxl.load_workbook(str(xlsx), data_only=True).active
    assert [wbv.cell(tot, c).value for c in (2, 3, 4)] == [13700, 43300, 57000]

    text = ("Bonjour,\n\nVeuillez trouver ci-joint le dossier de la coopérative Beauce Avenir "
            "pour l'AMI La Fabrique CTO (description du projet et budget par année).\n\n"
            "La partie sur le pilotage sera complétée après notre conseil d'administration du "
            "6 septembre ; nous vous l'adresserons dès que possible.\n\n"
            "Cordialement,\n"
            "-- \nThierry Morin\nResponsable RH - Coopérative Beauce Avenir\n"
            "Rue des Silos - 28200 Châteaudun\n")
    msgid = "<c4a91e0f7b3d2a5e8f6c1b0d9e7a2f35@beauce-avenir.coop>"
    subject = "AMI Fabrique CTO : dossier de la coopérative Beauce Avenir"
    bnd = "=_8e1c3f5a7b9d0e2f4a6c8b0d1e3f5a79"
    odt_bytes = odt.read_bytes()
    xlsx_bytes = xlsx.read_bytes()
    eml = (
        "Return-Path: <t.morin@beauce-avenir.coop>\n"
        "MIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed;\n boundary="{bnd}"\n'
        "Date: Sun, 21 Aug 2022 22:14:09 +0200\n"
        "From: Thierry Morin <t.morin@beauce-avenir.coop>\n"
        "To: fabrique@anact.fr\n"
        f"Subject: {rfc2047(subject, 'iso-8859-1')}\n"
        "Organization: =?ISO-8859-1?Q?Coop=E9rative_Beauce_Avenir?=\n"
        f"Message-ID: {msgid}\n"
        "X-Sender: t.morin@beauce-avenir.coop\n"
        "User-Agent: Roundcube Webmail/1.4.13\n\n"
        f"--{bnd}\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "Content-Type: text/plain; charset=ISO-8859-1;\n format=flowed\n\n"
        + qp(text, "iso-8859-1") + "\n"
        f"--{bnd}\n"
        + att_part(odt_name, "application/vnd.oasis.opendocument.text", odt_bytes)
        + f"--{bnd}\n"
        + att_part(xlsx_name,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   xlsx_bytes)
        + f"--{bnd}--\n"
    )
    missing = {"pilotage": "à compléter"}
    flags = [{"code": "missing_section", "target": "pilotage", "severity": "blocking"}]
    flags += budget_flags(b)
    label = {
        "case": "Coopérative agricole: ODT (titres = liste numérotée Word en gras), budget XLSX "
                "par année 2022 | 2023 | Total avec sous-totaux en ligne de catégorie; Roundcube "
                "ISO-8859-1; partie pilotage laissée « À compléter » -> incomplet",
        "decision": decide(flags),
        "flags": flags,
        "sections": sections_label(parts, missing),
        "budget": b.label(),
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": odt_name, "status": "parsed"},
                        {"filename": xlsx_name, "status": "parsed"}],
        "message": {"message_id": msgid, "from": "t.morin@beauce-avenir.coop",
                    "subject": subject, "date": "2022-08-21T22:14:09+02:00"},
        "project": {"start": "2022-10", "end": "2023-11", "duration_months": 14},
    }
    assert label["decision"] == "incomplete"
    write_case(cid, eml, label)


CASE_FUNCS = [case01, case02, case03, case04, case05]


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    for f in CASE_FUNCS:
        n = f.__name__[-2:]
        if only and n not in only:
            continue
        f()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
