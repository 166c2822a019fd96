#!/usr/bin/env python3
"""Writer `o` of the holdout3 corpus: cases h3o-01 ... h3o-05.

Deterministic generator (fixed dates, boundaries, Message-IDs; zip timestamps normalised).
Run with a venv holding python-docx, openpyxl, fpdf2, Pillow; LibreOffice (soffice) is used
to compute and cache XLSX formula values, and to export ODT / PDF.

    /tmp/h3venv-o/bin/python gen_o.py            # all cases
    /tmp/h3venv-o/bin/python gen_o.py 01 02      # some cases

Labels are computed from the same Python data the documents are written from.
"""

from __future__ import annotations

import base64
import io
import json
import os
import quopri
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3o-work")
LO_PROFILE = "file:///tmp/lo-o"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CAP = 80000.0

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_ODT = "application/vnd.oasis.opendocument.text"


# --------------------------------------------------------------------------- helpers


def first_words(text: str, n: int = 7) -> str:
    return " ".join(text.split()[:n])


def fix_zip(path: Path) -> None:
    """Rewrite a zip container (docx/xlsx/odt) with fixed entry timestamps."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info, data in items:
            zi = zipfile.ZipInfo(info.filename, date_time=(2022, 8, 1, 9, 0, 0))
            zi.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            zi.external_attr = info.external_attr
            out.writestr(zi, data)
    path.write_bytes(buf.getvalue())


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


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def enc_header(value: str, charset: str = "utf-8") -> str:
    if value.isascii():
        return value
    return Header(value, charset).encode()


def flowed(paragraphs: list[str], width: int = 72) -> str:
    """format=flowed text: soft breaks end with a space; lines starting with '!' are kept."""
    out = []
    for p in paragraphs:
        if p.startswith("!"):
            out.append(p[1:])
            continue
        lines = textwrap.wrap(p, width=width, break_long_words=False, break_on_hyphens=False)
        out.append(" \n".join(lines) if lines else "")
    return "\n".join(out)


def budget_label(lines, anact, cofin_sources, declared_total=None):
    """lines: [(label, category, amount)]; cofin_sources: [(label, amount)]."""
    totals = {c: 0.0 for c in CATS}
    for _, cat, amount in lines:
        totals[cat] += float(amount)
    s = sum(totals.values())
    total = float(declared_total) if declared_total is not None else s
    b = {"total_cost": total, "anact_request": float(anact),
         "totals": {c: round(v, 2) for c, v in totals.items()}}
    if cofin_sources:
        amount = float(sum(a for _, a in cofin_sources))
        b["cofinancing"] = {"amount": amount, "share": round(amount / total, 4)}
    return b


def budget_flags(b, lines, cofin_sources):
    flags = []
    cats = {c for _, c, _ in lines}
    if "personnel" not in cats:
        flags.append(("missing_budget_item", "personnel", "blocking"))
    if not cofin_sources:
        flags.append(("missing_budget_item", "cofinancement", "blocking"))
    for c in ("deplacements_logistique", "prestations"):
        if c not in cats:
            flags.append(("missing_budget_item", c, "warning"))
    if abs(b["total_cost"] - sum(b["totals"].values())) > 1:
        flags.append(("budget_total_mismatch", "", "warning"))
    if b["anact_request"] > CAP:
        flags.append(("anact_request_over_cap", "", "blocking"))
    if cofin_sources and b["cofinancing"]["amount"] / b["total_cost"] < 0.2:
        flags.append(("cofinancing_below_minimum", "", "blocking"))
    for label, cat, _ in lines:
        if cat == "autre":
            flags.append(("ineligible_expense", label, "warning"))
    return flags


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def end_after_limit(end: str) -> bool:
    if len(end) == 7:  # month only: passes if before December 2023, December 2023 is judged ok
        return end > "2023-12"
    return end > "2023-12-30"


def make_label(case_text, sections, source_default, budget, flags_extra, partners,
               attachments, message, project, late=False, not_proposal=False):
    """sections: {sid: (heading, body_text[, source])} for present parts."""
    secs = {}
    flags = []
    for sid in SECTION_IDS:
        if sid in sections:
            v = sections[sid]
            src = v[2] if len(v) > 2 else source_default
            secs[sid] = {"present": True, "source": src, "heading": v[0],
                         "body_start": first_words(v[1])}
        else:
            secs[sid] = {"present": False}
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    for code, target, sev in flags_extra:
        flags.append({"code": code, "target": target, "severity": sev})
    if project and end_after_limit(project["end"]):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    if late:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    if late:
        decision = "late"
    elif not_proposal:
        decision = "not_a_proposal"
    elif any(f["severity"] == "blocking" for f in flags):
        decision = "incomplete"
    else:
        decision = "complete"
    label = {"case": case_text, "decision": decision, "flags": flags, "sections": secs,
             "budget": budget, "partners": [{"name": p} for p in partners],
             "attachments": [{"filename": f, "status": s} for f, s in attachments],
             "message": message}
    if project:
        label["project"] = project
    return label


def write_case(case_id: str, eml: str, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    data = eml.replace("\r\n", "\n")
    (CASES / f"{case_id}.eml").write_bytes(data.encode("utf-8") if not data.isascii() else data.encode("ascii"))
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def write_case_bytes(case_id: str, eml: bytes, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{case_id}.eml").write_bytes(eml)
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def fix_docx_props(doc, title: str, author: str) -> None:
    from datetime import datetime

    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = datetime(2022, 8, 10, 9, 0, 0)
    cp.modified = datetime(2022, 8, 17, 18, 30, 0)
    cp.revision = 7


def fmt_eur(x: float) -> str:
    """French formatting: 18 900 (narrow no-break spaces avoided: plain no-break space)."""
    s = f"{x:,.0f}".replace(",", "\u00a0")
    return s


# =========================================================================== case 01
# Employers' group, hotel trade. DOCX with bold "1." ... plain-text headings (Normal style,
# bold run), call's parts reordered, objectifs + résultats under ONE heading; budget table
# "Poste | Jours | Taux | Montant" with a "dont" breakdown of co-financing. Outlook 16,
# multipart/related with an inline logo, windows-1252 QP body, RFC 2047 attachment name.


def case01():
    cid = "h3o-01"
    fname = "Projet GEHR Pays Basque - Fabrique CTO vdéf.docx"
    parts = [
        (("contexte",), "1. D'où nous partons", [
            "Le GEHR Pays Basque rassemble depuis 2011 quarante-deux hôtels, résidences de "
            "tourisme et restaurants de la côte et de l'intérieur, de 6 à 120 salariés. Notre "
            "groupement met à disposition de ses adhérents des salariés à temps partagé "
            "(gouvernantes, réceptionnistes, plongeurs) et porte pour eux les questions "
            "d'emploi et de conditions de travail.",
            "Depuis la reprise de 2021, nos adhérents ont équipé leurs équipes à marche forcée : "
            "logiciels de gestion hôtelière (PMS) en ligne, tablettes pour les femmes de chambre, "
            "plannings diffusés sur application, caisses connectées en salle, avis clients "
            "remontés en temps réel. Ces outils ont été choisis par les directions, souvent sur "
            "conseil de l'éditeur, sans que les équipes aient été associées.",
        ]),
        (("problematique",), "2. La question qui nous occupe", [
            "Comment faire en sorte que les salariés de l'hôtellerie, souvent saisonniers, "
            "peu représentés et peu formés au numérique, puissent peser sur le choix et le "
            "paramétrage des outils qui organisent désormais leur journée ? Dans les TPE "
            "du secteur il n'y a, le plus souvent, ni CSE ni service informatique : le dialogue "
            "social technologique est à inventer à l'échelle d'un établissement de 15 personnes.",
        ]),
        (("cibles",), "3. Les établissements et les salariés concernés", [
            "Douze établissements adhérents volontaires (hôtels indépendants de 10 à 60 salariés "
            "et deux résidences de tourisme), soit environ 280 salariés dont une moitié de "
            "saisonniers. Au sein de ces établissements : les directions et gouvernantes "
            "générales, les équipes d'étage, de réception et de salle, et les délégués du "
            "personnel lorsqu'il y en a. En second cercle : les éditeurs de logiciels hôteliers "
            "qui équipent nos adhérents.",
        ]),
        (("objectifs", "resultats"), "4. Ce que nous visons et ce que nous en attendons", [
            "Nous voulons outiller un dialogue régulier entre direction, encadrement et équipes "
            "sur les outils numériques : avant leur achat (expression des besoins du travail "
            "réel), pendant leur paramétrage (essais en situation) et après leur déploiement "
            "(bilan d'usage à trois mois). Nous voulons aussi que les éditeurs entendent ce que "
            "leurs outils font au travail des équipes.",
            "À l'issue du projet, nous attendons : une méthode « revue d'outil » testée dans "
            "douze établissements et décrite pas à pas ; un guide illustré et quatre courtes "
            "vidéos réalisées avec les salariés ; une charte d'usage des applications de "
            "planning signée dans au moins huit établissements ; un cahier de demandes "
            "d'évolution remis aux deux principaux éditeurs.",
        ]),
        (("methodologie",), "5. Comment nous allons travailler", [
            "La démarche s'appuie sur l'observation du travail réel et sur des ateliers mixtes. "
            "Dans chaque établissement, une ergonome et notre chargé de mission RH observent "
            "une journée de travail outillée (réception, étage, salle), puis animent une "
            "« revue d'outil » d'une demi-journée réunissant direction, gouvernante et salariés. "
            "Les constats sont mis en discussion lors de six ateliers inter-établissements où "
            "l'éditeur concerné est invité. Une charte d'usage est ensuite négociée localement.",
        ]),
        (("phasage",), "6. Calendrier", [
            "Le projet se déroulera d'octobre 2022 à juillet 2023, en dehors du pic de la saison "
            "estivale pour les phases d'observation.",
            "Phase 1 (octobre - novembre 2022) : recrutement des établissements, entretiens avec "
            "les directions, choix des outils étudiés.",
            "Phase 2 (décembre 2022 - mars 2023) : observations et revues d'outil dans les douze "
            "établissements ; trois premiers ateliers inter-établissements.",
            "Phase 3 (avril - mai 2023) : négociation des chartes d'usage, ateliers avec les "
            "éditeurs.",
            "Phase 4 (juin - juillet 2023) : réalisation du guide et des vidéos, restitution "
            "publique à Bayonne.",
        ]),
        (("pilotage",), "7. Gouvernance du projet", [
            "Un comité de pilotage se réunit à chaque fin de phase (quatre réunions) : "
            "présidente du GEHR, deux directeurs d'hôtels, deux représentants des salariés "
            "désignés par l'union départementale CFDT, l'Aract Nouvelle-Aquitaine et le lycée "
            "hôtelier. Une équipe projet (cheffe de projet, chargé de mission RH, ergonome) se "
            "réunit tous les quinze jours. Un point d'étape est adressé à l'Anact à mi-parcours.",
        ]),
        (("partenaires",), "8. Partenaires associés", [
            "L'Aract Nouvelle-Aquitaine apporte son expertise sur les conditions de travail et "
            "co-anime deux ateliers inter-établissements. L'Union départementale CFDT des "
            "Pyrénées-Atlantiques désigne deux représentants des salariés au comité de pilotage "
            "et relaie la démarche auprès des saisonniers. Le Lycée hôtelier de Biarritz met à "
            "disposition ses locaux pour les ateliers et associe une classe de BTS à la "
            "réalisation des vidéos. L'éditeur Ostalia Logiciels participe aux ateliers et "
            "s'engage à étudier le cahier de demandes d'évolution.",
        ]),
        (("perennisation",), "9. Et après le projet ?", [
            "La revue d'outil deviendra une prestation du groupement, proposée à chaque adhérent "
            "qui envisage un nouvel équipement. Le guide et les vidéos seront diffusés sous "
            "licence libre auprès des autres groupements d'employeurs de l'hôtellerie et par "
            "l'intermédiaire du réseau Anact-Aract ; nous proposerons la démarche aux "
            "groupements des Landes et du Béarn dès l'automne 2023.",
        ]),
    ]
    partners = ["Aract Nouvelle-Aquitaine",
                "Union départementale CFDT des Pyrénées-Atlantiques",
                "Lycée hôtelier de Biarritz", "Ostalia Logiciels"]
    # budget: (label, category, jours, taux, montant)
    rows = [
        ("Dépenses de personnel", None, None, None, None),
        ("Cheffe de projet GEHR", "personnel", 45, 420, None),
        ("Chargé de mission RH GEHR", "personnel", 30, 350, None),
        ("Assistante (logistique des ateliers)", "personnel", 12, 250, None),
        ("Frais de déplacement et logistique", None, None, None, None),
        ("Déplacements dans les établissements (km, repas)", "deplacements_logistique",
         None, None, 2400),
        ("Location de salles et restauration des ateliers", "deplacements_logistique",
         6, 300, None),
        ("Prestations", None, None, None, None),
        ("Ergonome consultante (prestation cabinet)", "prestations", 20, 800, None),
        ("Conception graphique du guide et montage des vidéos (prestataire)", "prestations",
         None, None, 4500),
    ]
    lines = []
    for lab, cat, j, t, m in rows:
        if cat:
            amount = m if m is not None else j * t
            lines.append((lab, cat, amount))
    total = sum(a for _, _, a in lines)
    anact = 44000
    cofin = [("autofinancement GEHR (temps des équipes valorisé)", 8100),
             ("OPCO AKTO, demande en cours (ingénierie de formation)", 5000)]
    assert total == 57100, total
    assert anact + sum(a for _, a in cofin) == total
    budget = budget_label(lines, anact, cofin)
    assert budget["cofinancing"]["share"] == 0.2294

    # ---- DOCX
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, Cm

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("GEHR PAYS BASQUE\nGroupement des employeurs de l'hôtellerie et de la "
                  "restauration")
    r.bold = True
    r.font.size = Pt(14)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Appel à manifestation d'intérêt « Développer le dialogue social technologique "
              "au travail » – La Fabrique CTO").italic = True
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("« Revue d'outil » : associer les équipes hôtelières au choix et à l'usage de "
              "leurs outils numériques").bold = True
    doc.add_paragraph("Porteur : GEHR Pays Basque, 12 allée du Port, 64100 Bayonne – "
                      "contact : Céline Etcheverry, cheffe de projet")
    sections = {}
    for sids, heading, paras in parts:
        hp = doc.add_paragraph()
        hp.paragraph_format.space_before = Pt(12)
        hr = hp.add_run(heading)
        hr.bold = True
        for para in paras:
            doc.add_paragraph(para)
        for sid in sids:
            sections[sid] = (heading, paras[0])
    hp = doc.add_paragraph()
    hp.paragraph_format.space_before = Pt(12)
    hp.add_run("10. Budget prévisionnel").bold = True
    doc.add_paragraph("Montants en euros, le GEHR ne récupérant pas la TVA sur ses activités "
                      "non lucratives ; les taux sont des coûts journaliers chargés.")
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(("Poste", "Jours", "Taux", "Montant")):
        c = t.rows[0].cells[i]
        c.text = ""
        c.paragraphs[0].add_run(h).bold = True
    for lab, cat, j, tx, m in rows:
        cells = t.add_row().cells
        if cat is None:
            cells[0].text = ""
            cells[0].paragraphs[0].add_run(lab).bold = True
            continue
        amount = m if m is not None else j * tx
        cells[0].text = lab
        cells[1].text = str(j) if j else ""
        cells[2].text = f"{tx} €" if tx else ""
        cells[3].text = f"{fmt_eur(amount)} €"
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Coût total du projet").bold = True
    cells[3].paragraphs[0].add_run(f"{fmt_eur(total)} €").bold = True
    doc.add_paragraph()
    doc.add_paragraph("Plan de financement")
    t2 = doc.add_table(rows=1, cols=2)
    t2.style = "Table Grid"
    t2.rows[0].cells[0].paragraphs[0].add_run("Ressources").bold = True
    t2.rows[0].cells[1].paragraphs[0].add_run("Montant").bold = True
    fin_rows = [("Anact – La Fabrique CTO (montant sollicité)", anact),
                ("Co-financement", sum(a for _, a in cofin))]
    fin_rows += [("dont " + lab, a) for lab, a in cofin]
    fin_rows.append(("Total des ressources", total))
    for lab, a in fin_rows:
        cells = t2.add_row().cells
        cells[0].text = lab
        cells[1].text = f"{fmt_eur(a)} €"
    doc.add_paragraph(f"Soit un co-financement de {budget['cofinancing']['share'] * 100:.1f} % "
                      "du coût total du projet.".replace(".", ",", 1))
    fix_docx_props(doc, "Projet Fabrique CTO", "Céline Etcheverry")
    WORK.mkdir(parents=True, exist_ok=True)
    docx_path = WORK / "o01.docx"
    doc.save(docx_path)
    fix_zip(docx_path)
    docx_bytes = docx_path.read_bytes()

    # ---- inline logo
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 40), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((2, 2, 117, 37), outline=(150, 20, 40), width=3)
    d.text((14, 13), "GEHR 64", fill=(150, 20, 40))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    png = buf.getvalue()

    # ---- email (Outlook 16)
    subject = "Candidature à l'AMI « Fabrique CTO » – GEHR Pays Basque"
    msgid = "<PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09@PR3P193MB0891.EURP193.PROD.OUTLOOK.COM>"
    date_hdr = "Thu, 18 Aug 2022 14:42:07 +0000"
    text = ("Madame, Monsieur,\n\n"
            "Veuillez trouver ci-joint la proposition du GEHR Pays Basque en réponse à l'appel "
            "à manifestation d'intérêt « Développer le dialogue social technologique au "
            "travail ». Le document comprend la description du projet, le budget détaillé et "
            "nos partenaires.\n\n"
            "Je reste à votre disposition pour tout complément.\n\n"
            "Bien cordialement,\n\n"
            "Céline Etcheverry\nCheffe de projet – GEHR Pays Basque\n05 59 00 00 00\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            "</head><body lang=\"FR\"><div class=\"WordSection1\">"
            "<p class=\"MsoNormal\">Madame, Monsieur,</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Veuillez trouver ci-joint la proposition du GEHR Pays "
            "Basque en réponse à l'appel à manifestation d'intérêt « Développer le dialogue "
            "social technologique au travail ». Le document comprend la description du projet, "
            "le budget détaillé et nos partenaires.</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Je reste à votre disposition pour tout complément.</p>"
            "<p class=\"MsoNormal\">Bien cordialement,</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\"><b>Céline Etcheverry</b><br>Cheffe de projet – GEHR Pays "
            "Basque<br>05 59 00 00 00</p>"
            "<p class=\"MsoNormal\"><img width=\"120\" height=\"40\" "
            "src=\"cid:image001.png@01D8B31A.6C2F4E10\" alt=\"GEHR\"></p>"
            "</div></body></html>\n")
    fn_enc = enc_header(fname, "utf-8")
    eml = f"""Received: from PR3P193MB0891.EURP193.PROD.OUTLOOK.COM ([fe80::5d1c:2a3b:8e01:77aa])
 by PR3P193MB0891.EURP193.PROD.OUTLOOK.COM ([fe80::5d1c:2a3b:8e01:77aa%5]) with mapi id
 15.20.5525.019; Thu, 18 Aug 2022 14:42:07 +0000
From: =?iso-8859-1?Q?C=E9line_Etcheverry?= <c.etcheverry@gehr-paysbasque.fr>
To: "fabrique@anact.fr" <fabrique@anact.fr>
Subject: {enc_header(subject)}
Thread-Topic: {enc_header(subject)}
Thread-Index: AdiyzQ2kTQm1Y3v0R0yD6l0Qx8wW5A==
Date: {date_hdr}
Message-ID: {msgid}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
X-Mailer: Microsoft Outlook 16.0
Content-Type: multipart/mixed;
	boundary="_004_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_"
MIME-Version: 1.0

--_004_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: multipart/related;
	boundary="_003_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_";
	type="multipart/alternative"

--_003_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: multipart/alternative;
	boundary="_000_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_"

--_000_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(text, 'cp1252')}
--_000_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(html, 'cp1252')}
--_000_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_--

--_003_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={len(png)};
	creation-date="Thu, 18 Aug 2022 14:42:06 GMT";
	modification-date="Thu, 18 Aug 2022 14:42:06 GMT"
Content-ID: <image001.png@01D8B31A.6C2F4E10>
Content-Transfer-Encoding: base64

{b64(png)}
--_003_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_--

--_004_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_
Content-Type: {MIME_DOCX};
	name="{fn_enc}"
Content-Description: {fn_enc}
Content-Disposition: attachment;
	filename="{fn_enc}"; size={len(docx_bytes)};
	creation-date="Thu, 18 Aug 2022 14:40:51 GMT";
	modification-date="Thu, 18 Aug 2022 14:41:12 GMT"
Content-Transfer-Encoding: base64

{b64(docx_bytes)}
--_004_PR3P193MB0891A2C4F1E07B35D6A9C2E4B8F09PR3P193MB0891EURP_--
"""
    label = make_label(
        "Groupement d'employeurs de l'hôtellerie (GEHR Pays Basque) : DOCX à titres « 1. » en "
        "gras simple, ordre de l'appel bousculé, objectifs + résultats sous un même titre, "
        "budget Jours|Taux|Montant avec co-financement ventilé en « dont » ; Outlook "
        "multipart/related + logo inline ; complet",
        sections, fname, budget, budget_flags(budget, lines, cofin), partners,
        [(fname, "parsed"), ("image001.png", "skipped")],
        {"message_id": msgid, "from": "c.etcheverry@gehr-paysbasque.fr", "subject": subject,
         "date": "2022-08-18T14:42:07+00:00"},
        {"start": "2022-10", "end": "2023-07", "duration_months": months_between("2022-10", "2023-07")},
    )
    assert label["decision"] == "complete" and not label["flags"]
    write_case_bytes(cid, eml.replace("\n", "\r\n").encode("ascii"), label)
    # check texts are in the document
    return cid, [docx_path], label


# =========================================================================== case 02
# CAE of IT freelancers. The whole proposal in a plain-text body (no attachment), headings
# underlined with "====", Thunderbird format=flowed, UTF-8 8bit; budget as text with
# "jours x taux" lines and sub-totals; dates with days.


def case02():
    cid = "h3o-02"
    parts = [
        ("contexte", "CONTEXTE", [
            "Octopus Numérique est une coopérative d'activité et d'emploi (CAE) lyonnaise "
            "créée en 2015. Elle réunit 64 entrepreneurs-salariés, développeurs, "
            "administrateurs systèmes, intégrateurs et formateurs, qui exercent leur métier en "
            "indépendants tout en étant salariés de la coopérative. Leurs clients sont à 80 % "
            "des TPE et petites PME de la région : artisans du bâtiment, commerces, cabinets "
            "paramédicaux, petites entreprises de transport.",
            "Nos membres installent chaque année plusieurs centaines d'outils chez ces clients "
            "(logiciels de devis, agendas partagés, ERP légers, outils de suivi de flotte). Ils "
            "constatent que l'outil est presque toujours commandé par le dirigeant seul, livré "
            "sans que les salariés qui l'utiliseront aient été consultés, puis contourné ou "
            "subi.",
        ]),
        ("problematique", "ENJEUX ET PROBLÉMATIQUE", [
            "Le freelance informatique est souvent le seul tiers présent au moment où un outil "
            "entre dans une TPE. Peut-il devenir un médiateur du dialogue entre le dirigeant et "
            "ses salariés sur le travail que l'outil va transformer, sans sortir de son rôle "
            "technique ni alourdir une prestation vendue au forfait ? Quelles méthodes légères, "
            "compatibles avec une mission de quelques jours, permettent ce dialogue ?",
        ]),
        ("objectifs", "OBJECTIFS", [
            "1) Concevoir avec nos entrepreneurs-salariés une méthode de « cadrage à trois "
            "voix » (dirigeant, salariés utilisateurs, prestataire) intégrée aux missions "
            "d'installation d'outils ;",
            "!2) l'expérimenter dans 15 TPE clientes et en mesurer les effets sur les "
            "conditions d'usage ;",
            "!3) former 20 entrepreneurs-salariés à cette posture de médiation ;",
            "!4) en faire un standard de qualité de la coopérative et le transmettre aux autres "
            "CAE.",
        ]),
        ("cibles", "PUBLICS VISÉS", [
            "En premier lieu les dirigeants et salariés de 15 TPE clientes (3 à 30 salariés) "
            "des secteurs du bâtiment, du commerce et du transport léger, dans le Rhône, la "
            "Loire et l'Ain. En second lieu les entrepreneurs-salariés informaticiens de la "
            "coopérative et, au-delà, les freelances du numérique des autres CAE.",
        ]),
        ("methodologie", "DÉMARCHE PROPOSÉE", [
            "La méthode sera construite en atelier avec huit entrepreneurs-salariés "
            "volontaires et l'Aract, à partir de récits de missions passées (ce qui a "
            "marché, ce qui a été contourné). Elle comprendra trois temps courts intégrés à "
            "chaque mission : un entretien d'une heure avec deux ou trois salariés "
            "utilisateurs avant le paramétrage, une séance de test en situation réelle, et "
            "un point de bilan à six semaines réunissant dirigeant et salariés. Chaque "
            "mission expérimentale fait l'objet d'un journal de bord partagé, analysé lors "
            "d'ateliers de pairs mensuels.",
        ]),
        ("phasage", "CALENDRIER DÉTAILLÉ", [
            "Le projet court du 3 octobre 2022 au 29 septembre 2023.",
            "!- Octobre-novembre 2022 : ateliers de conception de la méthode (4 demi-journées), "
            "choix des 15 TPE ;",
            "!- Décembre 2022-mai 2023 : expérimentation dans les 15 TPE, ateliers de pairs "
            "mensuels ;",
            "!- Juin-juillet 2023 : formation de 20 entrepreneurs-salariés (2 sessions de 2 "
            "jours) ;",
            "!- Septembre 2023 : évaluation externe, rédaction du guide, journée de restitution "
            "le 29 septembre 2023.",
        ]),
        ("pilotage", "PILOTAGE ET INSTANCES", [
            "Le projet est porté par le conseil d'administration de la coopérative, qui désigne "
            "une coordinatrice. Un comité de suivi se réunit tous les trois mois : deux "
            "entrepreneurs-salariés élus, la coordinatrice, l'Aract Auvergne-Rhône-Alpes, la "
            "CPME du Rhône et deux dirigeants de TPE expérimentatrices. Le cercle des "
            "entrepreneurs impliqués (réunion mensuelle) prend les décisions opérationnelles.",
        ]),
        ("resultats", "RÉSULTATS ATTENDUS", [
            "Une méthode de cadrage à trois voix décrite et outillée (grille d'entretien, "
            "scénario de test, trame de bilan) ; quinze missions documentées ; vingt "
            "entrepreneurs-salariés formés ; une clause type à insérer dans les devis ; un "
            "rapport d'évaluation mesurant l'appropriation des outils par les salariés des TPE.",
        ]),
        ("perennisation", "SUITES ET ESSAIMAGE", [
            "La méthode deviendra une option standard de nos devis et entrera dans le parcours "
            "d'accueil des nouveaux entrepreneurs-salariés. Par le réseau Coopérer pour "
            "entreprendre, nous la proposerons aux 70 CAE françaises qui comptent des "
            "informaticiens ; tous les outils seront publiés sous licence Creative Commons.",
        ]),
        ("partenaires", "PARTENAIRES", [
            "L'Aract Auvergne-Rhône-Alpes co-construit la méthode, participe au comité de suivi "
            "et apporte son regard sur les conditions de travail. La CPME du Rhône aide à "
            "recruter les TPE et diffuse les résultats auprès de ses adhérents. Le réseau "
            "Coopérer pour entreprendre organise la diffusion auprès des autres CAE et accueille "
            "la journée de restitution dans ses rencontres annuelles.",
        ]),
    ]
    partners = ["Aract Auvergne-Rhône-Alpes", "CPME du Rhône", "Coopérer pour entreprendre"]
    # budget lines: (label as written, category, jours, taux, montant)
    pers = [("Coordination du projet", 30, 380), ("Développeurs-médiateurs (4 entrepreneurs)", 40, 380),
            ("Ingénierie de la formation", 8, 380)]
    depl = [("Déplacements vers les TPE (Rhône, Loire, Ain)", 2100),
            ("Salles et pauses des ateliers", 900)]
    prest = [("Facilitation graphique des ateliers (prestataire)", 2800),
             ("Évaluation externe (cabinet)", 6000)]
    lines = ([(l, "personnel", j * t) for l, j, t in pers]
             + [(l, "deplacements_logistique", a) for l, a in depl]
             + [(l, "prestations", a) for l, a in prest])
    total = sum(a for _, _, a in lines)
    anact = 32000
    cofin = [("Autofinancement Octopus Numérique (fonds de développement coopératif)", 6440),
             ("Métropole de Lyon, appel à projets ESS (demande déposée)", 3000)]
    assert total == 41440, total
    assert anact + sum(a for _, a in cofin) == total
    budget = budget_label(lines, anact, cofin)
    assert budget["cofinancing"]["share"] == 0.2278

    def eur(x):
        return f"{x:,.0f}".replace(",", " ") + " €"

    body = [
        "Bonjour,",
        "",
        "Nous n'avons pas de dossier mis en page : notre proposition tient dans ce message, "
        "que nous avons rédigé à plusieurs mains au sein de la coopérative. Elle répond à "
        "l'appel à manifestation d'intérêt « Développer le dialogue social technologique au "
        "travail ».",
        "",
        "!Projet « Trois voix » : le freelance informatique, médiateur du dialogue sur les",
        "!outils dans les TPE",
        "!Porteur : Octopus Numérique, SCOP SA (coopérative d'activité et d'emploi), Lyon 7e",
        "",
    ]
    sections = {}
    for sid, heading, paras in parts:
        body += ["!" + heading, "!" + "=" * len(heading), ""]
        for i, para in enumerate(paras):
            if i and not para.startswith("!"):
                body.append("")
            body.append(para)
        # paragraphs separated by blank lines, list items (marked "!") kept together
        sections[sid] = (heading, paras[0].lstrip("!"))
        body.append("")
    bud = ["!BUDGET DÉTAILLÉ", "!" + "=" * len("BUDGET DÉTAILLÉ"), "",
           "!Dépenses (en euros, la coopérative n'est pas assujettie à la TVA pour ce projet)",
           "", "!Personnel (temps des entrepreneurs-salariés, rémunéré par la coopérative)"]
    for l, j, t in pers:
        bud.append(f"!  - {l} : {j} jours x {t} € = {eur(j * t)}")
    sp = sum(j * t for _, j, t in pers)
    bud.append(f"!  Sous-total personnel : {eur(sp)}")
    bud += ["", "!Déplacements et logistique"]
    for l, a in depl:
        bud.append(f"!  - {l} : {eur(a)}")
    bud.append(f"!  Sous-total déplacements et logistique : {eur(sum(a for _, a in depl))}")
    bud += ["", "!Prestations"]
    for l, a in prest:
        bud.append(f"!  - {l} : {eur(a)}")
    bud.append(f"!  Sous-total prestations : {eur(sum(a for _, a in prest))}")
    bud += ["", f"!COÛT TOTAL DU PROJET : {eur(total)}", "",
            "!Financement", f"!  - Demande à l'Anact : {eur(anact)}"]
    for l, a in cofin:
        bud.append(f"!  - {l} : {eur(a)}")
    bud.append(f"!  Total des ressources : {eur(total)}")
    bud += ["", "Le co-financement (autofinancement et Métropole) représente "
            f"{eur(sum(a for _, a in cofin))}, soit 22,8 % du coût total.", ""]
    body += bud
    body += ["Nous restons à votre disposition pour un échange, par téléphone ou en visio.",
             "", "Bien coopérativement,", "",
             "!-- ", "!Maëlle Fournier", "!Coordinatrice – Octopus Numérique (CAE)",
             "!06 12 34 56 78 – www.octopus-numerique.coop"]
    text = flowed(body) + "\n"
    subject = "AMI Fabrique CTO - proposition de la CAE Octopus Numérique"
    msgid = "<8c1f2d5e-4b7a-4e0f-9a61-3d2b7c9e5f10@octopus-numerique.coop>"
    eml = f"""Return-Path: <m.fournier@octopus-numerique.coop>
Message-ID: {msgid}
Date: Mon, 22 Aug 2022 23:17:45 +0200
MIME-Version: 1.0
User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101
 Thunderbird/91.12.0
Content-Language: fr
To: fabrique@anact.fr
From: =?UTF-8?Q?Ma=c3=abelle_Fournier?= <m.fournier@octopus-numerique.coop>
Subject: {enc_header(subject)}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

{text}"""
    label = make_label(
        "CAE d'informaticiens (Octopus Numérique) : toute la proposition dans le corps texte "
        "(Thunderbird, format=flowed, 8bit), titres soulignés de « ==== », budget en lignes "
        "jours x taux avec sous-totaux, dates au jour ; complet",
        sections, "corps du message", budget, budget_flags(budget, lines, cofin), partners,
        [],
        {"message_id": msgid, "from": "m.fournier@octopus-numerique.coop", "subject": subject,
         "date": "2022-08-22T23:17:45+02:00"},
        {"start": "2022-10-03", "end": "2023-09-29", "duration_months": 12},
    )
    assert label["project"]["duration_months"] == months_between("2022-10", "2023-09")
    assert label["decision"] == "complete" and not label["flags"]
    write_case_bytes(cid, eml.encode("utf-8"), label)
    return cid, [], label


def rfc2231(name: str, key: str = "filename", chunk: int = 0) -> str:
    """RFC 2231 parameter (optionally split in continuations)."""
    from urllib.parse import quote

    q = quote(name, safe="")
    if not chunk:
        return f"{key}*=UTF-8''{q}"
    pieces = []
    i = 0
    while i < len(q):
        j = min(i + chunk, len(q))
        while "%" in q[j - 2:j] and j < len(q):  # do not split an escape
            j += 1
        pieces.append(q[i:j])
        i = j
    out = [f"{key}*0*=UTF-8''{pieces[0]}"]
    out += [f"{key}*{n}*={pc}" for n, pc in enumerate(pieces[1:], 1)]
    return ";\n\t".join(out)


def lo_xlsx(wb, stem: str) -> bytes:
    """Save an openpyxl workbook, let LibreOffice recompute and cache formula values."""
    src_dir = WORK / f"{stem}-src"
    out_dir = WORK / f"{stem}-lo"
    src_dir.mkdir(parents=True, exist_ok=True)
    src = src_dir / f"{stem}.xlsx"
    wb.save(src)
    out = soffice(src, "xlsx:Calc MS Excel 2007 XML", out_dir)
    fix_zip(out)
    return out.read_bytes()


# =========================================================================== case 03
# University chair. PDF exported by LibreOffice Writer from a DOCX with Heading 1 styles,
# plus an XLSX with three sheets (Synthèse, Détail des dépenses, Plan de financement) whose
# summary repeats the detail (formulas cached by LibreOffice). Zimbra webmail, RFC 2231
# continuation for the PDF name. Defect: Anact request 95 000 € (> 80 000 €).


def case03():
    cid = "h3o-03"
    pdf_name = "Chaire TADS - Présentation du projet LABO-DST.pdf"
    xlsx_name = "Chaire TADS - Budget LABO-DST.xlsx"
    parts = [
        ("contexte", "Contexte scientifique et social", [
            "La chaire « Travail, Algorithmes et Dialogue social » (TADS) a été créée en 2020 "
            "au sein de l'Université de Lorraine, avec le soutien de partenaires sociaux et "
            "d'entreprises de la région. Elle étudie la manière dont le management "
            "algorithmique (affectation automatique des tâches, notation, géolocalisation, "
            "prévision des charges) transforme le travail dans les petites et moyennes "
            "entreprises de la logistique et du commerce de gros, très présentes le long du "
            "sillon lorrain.",
            "Nos enquêtes de 2021 auprès de 47 PME montrent que ces outils sont introduits "
            "sans information-consultation dans les deux tiers des cas, alors même que les "
            "élus de CSE y voient la première source de tensions sur la charge de travail.",
        ]),
        ("problematique", "Problématique de recherche-intervention", [
            "Notre question est la suivante : à quelles conditions des représentants du "
            "personnel et des directions de PME, qui ne disposent ni d'expertise informatique "
            "ni de temps, peuvent-ils ouvrir la « boîte noire » d'un logiciel de gestion "
            "d'entrepôt et en négocier les paramètres qui pèsent sur le travail (cadences, "
            "règles d'affectation, indicateurs individuels) ?",
        ]),
        ("objectifs", "Finalités du projet", [
            "Le projet LABO-DST poursuit trois finalités : (1) produire une connaissance fine "
            "des paramètres des logiciels de gestion d'entrepôt qui affectent les conditions "
            "de travail ; (2) concevoir et tester un jeu sérieux permettant aux directions et "
            "aux élus de simuler ensemble l'effet de ces paramètres ; (3) accompagner dans six "
            "PME la négociation d'un accord de méthode sur l'introduction des outils "
            "algorithmiques.",
        ]),
        ("cibles", "Terrains et publics", [
            "Six PME volontaires de la logistique et du commerce de gros (50 à 250 salariés) "
            "situées en Meurthe-et-Moselle, en Moselle et dans les Vosges ; dans chacune, la "
            "direction, l'encadrement d'entrepôt, les élus du CSE et une dizaine de "
            "préparateurs de commandes. Les éditeurs des logiciels utilisés sont associés aux "
            "séances de simulation.",
        ]),
        ("methodologie", "Dispositif méthodologique", [
            "Le dispositif combine trois volets. Un volet d'enquête : observations de postes, "
            "entretiens (60 au total) et analyse documentaire des paramétrages. Un volet de "
            "conception : le jeu sérieux est prototypé avec un studio de design et testé en "
            "trois itérations. Un volet d'intervention : dans chaque PME, deux séances de "
            "simulation paritaires puis un appui à la rédaction d'un accord de méthode, avec "
            "l'Aract Grand Est.",
        ]),
        ("phasage", "Chronogramme", [
            "Le projet se déroule sur treize mois, de novembre 2022 à novembre 2023.",
            "Novembre 2022 – février 2023 : enquête dans les six PME, entretiens et analyse des "
            "paramétrages.",
            "Mars – juin 2023 : conception et tests du jeu sérieux (trois itérations).",
            "Juin – octobre 2023 : séances de simulation paritaires et appui aux accords de "
            "méthode.",
            "Novembre 2023 : séminaire final à Nancy, remise des livrables.",
        ]),
        ("pilotage", "Gouvernance scientifique et comité de suivi", [
            "La titulaire de la chaire assure la direction scientifique. Un comité de suivi "
            "paritaire, réuni quatre fois, associe l'Aract Grand Est, l'Union régionale CFDT "
            "Grand Est, la CCI Grand Est, deux dirigeants et deux élus de CSE des PME "
            "participantes ; il valide le choix des terrains, le prototype du jeu et les "
            "livrables. Une équipe opérationnelle (post-doctorante, ingénieure d'études) se "
            "réunit chaque semaine.",
        ]),
        ("resultats", "Livrables et résultats attendus", [
            "Un jeu sérieux diffusable (version imprimable et version en ligne), un guide de "
            "lecture des paramètres des logiciels d'entrepôt à destination des élus, six "
            "accords de méthode ou relevés de décisions, un article scientifique et une "
            "synthèse grand public.",
        ]),
        ("perennisation", "Valorisation, transfert et essaimage", [
            "Le jeu sérieux sera publié sous licence libre et intégré aux formations des élus "
            "de CSE dispensées par l'Union régionale CFDT et aux formations continues de "
            "l'université. L'Aract Grand Est pourra l'utiliser dans ses interventions ; une "
            "extension au secteur de la messagerie est envisagée à partir de 2024 avec "
            "d'autres financements.",
        ]),
        ("partenaires", "Partenariats", [
            "L'Aract Grand Est co-anime les séances de simulation et apporte son expertise sur "
            "les accords de méthode. L'Union régionale CFDT Grand Est mobilise les élus de CSE "
            "et intégrera le jeu à ses formations. La CCI Grand Est facilite l'accès aux PME et "
            "diffuse les résultats auprès des entreprises.",
        ]),
    ]
    partners = ["Aract Grand Est", "Union régionale CFDT Grand Est", "CCI Grand Est"]
    # detail: (category label, poste, unité, quantité, coût unitaire)
    detail = {
        "personnel": ("Dépenses de personnel", [
            ("Post-doctorante (salaire chargé)", "mois", 12, 4200),
            ("Ingénieure d'études (salaire chargé)", "mois", 6, 3800),
            ("Temps des enseignants-chercheurs de la chaire (valorisé)", "jours", 40, 400),
        ]),
        "deplacements_logistique": ("Frais de déplacement et logistique", [
            ("Missions dans les PME (transport, repas)", "missions", 20, 150),
            ("Organisation du séminaire final", "forfait", 1, 4500),
        ]),
        "prestations": ("Prestations", [
            ("Conception du jeu sérieux (studio de design)", "forfait", 1, 18000),
            ("Transcription des entretiens", "heures", 60, 45),
            ("Vidéo de restitution", "forfait", 1, 4800),
        ]),
    }
    lines = [(poste, cat, q * u) for cat, (_, rows) in detail.items() for poste, _, q, u in rows]
    total = sum(a for _, _, a in lines)
    anact = 95000
    cofin = [("Université de Lorraine – valorisation du temps des enseignants-chercheurs", "acquis", 16000),
             ("Fondation Travail & Société – convention signée", "acquis", 11200)]
    assert total == 122200, total
    assert anact + sum(a for _, _, a in cofin) == total
    budget = budget_label(lines, anact, [(l, a) for l, _, a in cofin])
    assert budget["cofinancing"]["share"] == 0.2226

    # ---- DOCX -> PDF (Writer)
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph("Université de Lorraine – Chaire « Travail, Algorithmes et Dialogue "
                      "social » (TADS)")
    doc.add_heading("LABO-DST : ouvrir la boîte noire des logiciels d'entrepôt par le "
                    "dialogue social", level=0)
    doc.add_paragraph("Réponse à l'appel à manifestation d'intérêt « Développer le dialogue "
                      "social technologique au travail » (Anact – La Fabrique CTO), août 2022. "
                      "Responsable scientifique : Pr Hélène Marchal.")
    sections = {}
    for sid, heading, paras in parts:
        doc.add_heading(heading, level=1)
        for para in paras:
            doc.add_paragraph(para)
        sections[sid] = (heading, paras[0])
    doc.add_heading("Budget", level=1)
    doc.add_paragraph(f"Le coût total du projet s'élève à {fmt_eur(total)} € ; la chaire "
                      f"sollicite {fmt_eur(anact)} € auprès de l'Anact. Le détail des dépenses "
                      "et le plan de financement figurent dans le classeur joint.")
    fix_docx_props(doc, "LABO-DST", "Hélène Marchal")
    WORK.mkdir(parents=True, exist_ok=True)
    src = WORK / "o03" / "Chaire TADS - Présentation du projet LABO-DST.docx"
    src.parent.mkdir(parents=True, exist_ok=True)
    doc.save(src)
    pdf_path = soffice(src, "pdf:writer_pdf_Export", WORK / "o03-pdf")
    pdf_bytes = pdf_path.read_bytes()

    # ---- XLSX three sheets
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    syn = wb.active
    syn.title = "Synthèse"
    det = wb.create_sheet("Détail des dépenses")
    fin = wb.create_sheet("Plan de financement")
    bold = Font(bold=True)
    det.append(["Catégorie", "Poste", "Unité", "Quantité", "Coût unitaire (€)", "Montant (€)"])
    for c in det[1]:
        c.font = bold
    subtotal_cells = {}
    r = 2
    for cat, (cat_label, rows) in detail.items():
        first = r
        for poste, unit, q, u in rows:
            det.append([cat_label, poste, unit, q, u, f"=D{r}*E{r}"])
            r += 1
        det.append([None, f"Sous-total {cat_label.lower()}", None, None, None,
                    f"=SUM(F{first}:F{r - 1})"])
        det.cell(row=r, column=2).font = bold
        det.cell(row=r, column=6).font = bold
        subtotal_cells[cat] = f"F{r}"
        r += 1
    det.append([None, "TOTAL GÉNÉRAL", None, None, None,
                "=" + "+".join(subtotal_cells.values())])
    det.cell(row=r, column=2).font = bold
    total_cell = f"F{r}"
    det.column_dimensions["A"].width = 32
    det.column_dimensions["B"].width = 58
    fin.append(["Ressource", "Statut", "Montant (€)", "Part du total"])
    for c in fin[1]:
        c.font = bold
    fin.append(["Anact – La Fabrique CTO (sollicité)", "demandé", anact, "=C2/C$5"])
    for i, (lab, status, a) in enumerate(cofin, 3):
        fin.append([lab, status, a, f"=C{i}/C$5"])
    fin.append(["Total des ressources", None, "=SUM(C2:C4)", "=C5/C$5"])
    fin.column_dimensions["A"].width = 70
    syn.append(["LABO-DST – Synthèse budgétaire", None])
    syn["A1"].font = Font(bold=True, size=13)
    syn.append([])
    syn.append(["Poste de dépenses", "Montant (€)"])
    for c in syn[3]:
        c.font = bold
    for cat, (cat_label, _) in detail.items():
        syn.append([cat_label, f"='Détail des dépenses'!{subtotal_cells[cat]}"])
    syn.append(["Coût total du projet", f"='Détail des dépenses'!{total_cell}"])
    syn.append([])
    syn.append(["Demande de financement Anact", "='Plan de financement'!C2"])
    syn.append(["Co-financements (université, fondation)", "='Plan de financement'!C3+'Plan de financement'!C4"])
    syn.append(["Taux de co-financement", "=B10/B7"])
    syn["B11"].number_format = "0.0%"
    for rr in range(2, 6):
        fin[f"D{rr}"].number_format = "0.0%"
    syn.column_dimensions["A"].width = 45
    syn.column_dimensions["B"].width = 16
    xlsx_bytes = lo_xlsx(wb, "o03-budget")
    # check the cached values
    import openpyxl

    wbv = openpyxl.load_workbook(io.BytesIO(xlsx_bytes), data_only=True)
    assert wbv["Synthèse"]["B7"].value == total, wbv["Synthèse"]["B7"].value
    assert wbv["Synthèse"]["B9"].value == anact
    assert abs(wbv["Synthèse"]["B11"].value - 27200 / 122200) < 1e-9
    assert wbv["Plan de financement"]["C5"].value == total

    # ---- email (Zimbra webmail)
    subject = "Appel à manifestation d'intérêt - La Fabrique CTO : candidature de la chaire TADS"
    msgid = "<1843927710.5528419.1660899933125.JavaMail.zimbra@univ-lorraine.fr>"
    text = ("Madame, Monsieur,\n\n"
            "Au nom de la chaire « Travail, Algorithmes et Dialogue social » de l'Université "
            "de Lorraine, j'ai le plaisir de vous adresser notre proposition LABO-DST en "
            "réponse à l'AMI « Développer le dialogue social technologique au travail ».\n\n"
            "Vous trouverez en pièces jointes :\n"
            "- la présentation du projet (PDF) ;\n"
            "- le budget détaillé et le plan de financement (classeur Excel, trois onglets).\n\n"
            "Bien cordialement,\n\n"
            "Hélène Marchal\nProfesseure des universités – titulaire de la chaire TADS\n"
            "Université de Lorraine\n")
    empty = '<br data-mce-bogus="1">'
    html = ("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: "
            "12pt; color: #000000\">" + "".join(
                "<div>" + (ln or empty) + "</div>"
                for ln in text.split("\n")) + "</div></body></html>\n")
    bnd1 = "=_6b1e2a44-0f3c-4d51-9e0a-7c2f19a8d3b5"
    bnd2 = "=_c47d9e10-2b65-4f8a-a1d3-5e0b6f2c8e91"
    eml = f"""Return-Path: <helene.marchal@univ-lorraine.fr>
Date: Fri, 19 Aug 2022 11:05:33 +0200 (CEST)
From: =?utf-8?Q?H=C3=A9l=C3=A8ne?= Marchal <helene.marchal@univ-lorraine.fr>
To: fabrique <fabrique@anact.fr>
Cc: chaire-tads <chaire-tads@univ-lorraine.fr>
Message-ID: {msgid}
Subject: {enc_header(subject)}
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="{bnd1}"
X-Mailer: Zimbra 8.8.15_GA_4308 (ZimbraWebClient - FF103 (Linux)/8.8.15_GA_4308)
Thread-Index: 6NE0b9tGQ5mJ8xkz1cI2YV7bC1w3Qg==
Thread-Topic: Appel =?utf-8?B?w6A=?= manifestation =?utf-8?B?ZCdpbnTDqXLDqnQ=?= - La Fabrique CTO

--{bnd1}
Content-Type: multipart/alternative; boundary="{bnd2}"

--{bnd2}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(text, 'utf-8')}
--{bnd2}
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(html, 'utf-8')}
--{bnd2}--

--{bnd1}
Content-Type: application/pdf; name="{enc_header(pdf_name)}"
Content-Disposition: attachment;
	{rfc2231(pdf_name, chunk=30)}
Content-Transfer-Encoding: base64

{b64(pdf_bytes)}
--{bnd1}
Content-Type: {MIME_XLSX}; name="{enc_header(xlsx_name)}"
Content-Disposition: attachment; filename="{xlsx_name}"
Content-Transfer-Encoding: base64

{b64(xlsx_bytes)}
--{bnd1}--
"""
    flags = budget_flags(budget, lines, [(l, a) for l, _, a in cofin])
    label = make_label(
        "Chaire universitaire (TADS, Université de Lorraine) : PDF exporté de Writer (titres "
        "stylés) + XLSX trois onglets (Synthèse qui reprend le Détail, Plan de financement) ; "
        "Zimbra, nom RFC 2231 en continuation ; demande Anact 95 000 € > plafond",
        sections, pdf_name, budget, flags, partners,
        [(pdf_name, "parsed"), (xlsx_name, "parsed")],
        {"message_id": msgid, "from": "helene.marchal@univ-lorraine.fr", "subject": subject,
         "date": "2022-08-19T11:05:33+02:00"},
        {"start": "2022-11", "end": "2023-11", "duration_months": months_between("2022-11", "2023-11")},
    )
    assert [f["code"] for f in label["flags"]] == ["anact_request_over_cap"]
    assert label["decision"] == "incomplete"
    write_case_bytes(cid, eml.encode("utf-8"), label)
    return cid, [], label


# =========================================================================== case 04
# Department-level social economy network. ODT (LibreOffice, converted from a DOCX with
# Heading 2 titles "A." ... "K."), partners in a table "Organisme | Apport | Statut de
# l'engagement (acquis / en cours)", two-sided budget table CHARGES | PRODUITS. Roundcube,
# ISO-8859-1 body, RFC 2231 file name. Defect: the phasage ends in March 2024.


def case04():
    cid = "h3o-04"
    odt_name = "Réseau ESS 44 – dossier Fabrique CTO.odt"
    parts = [
        ("contexte", "A. Notre territoire et nos adhérents", [
            "Le Réseau ESS 44 fédère depuis 2009 près de 180 structures de l'économie sociale "
            "et solidaire de Loire-Atlantique : associations employeuses, coopératives, "
            "structures d'insertion, mutuelles locales. Ensemble, elles emploient plus de "
            "9 000 salariés, dont une majorité dans l'aide à domicile, l'animation et "
            "l'insertion par l'activité économique.",
            "Depuis 2020, nos adhérents ont généralisé la télégestion des interventions à "
            "domicile, les plannings sur smartphone et les outils collaboratifs en ligne, "
            "souvent financés par des appels à projets « numérique » qui ne prévoient aucun "
            "temps de concertation avec les équipes.",
        ]),
        ("problematique", "B. Pourquoi agir : le numérique dans l'emploi associatif", [
            "Dans les associations, le dialogue social est souvent faible (peu de CSE, "
            "bénévoles employeurs peu formés) alors que les outils numériques touchent au cœur "
            "du métier : temps d'intervention badgé, trajets, relation avec les personnes "
            "aidées. Comment construire, dans des structures de 10 à 150 salariés, un dialogue "
            "entre administrateurs bénévoles, direction et salariés sur ces outils ?",
        ]),
        ("objectifs", "C. Ce que le projet cherche à faire", [
            "Outiller huit structures adhérentes pour qu'elles organisent un dialogue sur "
            "leurs outils numériques ; former des binômes administrateur / salarié "
            "« référents numérique et travail » ; produire avec elles un cadre commun de "
            "bonnes pratiques pour les employeurs de l'ESS du département.",
        ]),
        ("cibles", "D. Les structures et les personnes visées", [
            "Huit structures adhérentes volontaires : trois associations d'aide à domicile, "
            "deux ateliers et chantiers d'insertion, deux centres sociaux et une coopérative "
            "de services. Dans chacune : la direction, un administrateur, les salariés "
            "utilisateurs des outils et, lorsqu'ils existent, les élus du personnel.",
        ]),
        ("methodologie", "E. Méthode d'intervention", [
            "Chaque structure réalise un diagnostic partagé de ses outils (cartographie des "
            "usages, questionnaire aux salariés, entretiens), puis réunit un groupe de travail "
            "mixte qui choisit un outil à améliorer et teste des changements pendant trois "
            "mois. Les binômes référents se retrouvent en journées inter-structures pour "
            "échanger leurs pratiques. L'Aract Pays de la Loire outille les diagnostics ; la "
            "SCIC Libre Ouest accompagne les essais techniques.",
        ]),
        ("phasage", "F. Déroulement dans le temps", [
            "Le projet s'étend d'octobre 2022 à mars 2024, soit dix-huit mois.",
            "Phase 1 – octobre à décembre 2022 : lancement, choix des huit structures, "
            "formation des binômes référents.",
            "Phase 2 – janvier à juin 2023 : diagnostics partagés et groupes de travail.",
            "Phase 3 – septembre à décembre 2023 : essais d'amélioration des outils, "
            "journées inter-structures.",
            "Phase 4 – janvier à mars 2024 : capitalisation, rédaction du cadre commun et "
            "rencontre départementale de restitution.",
        ]),
        ("pilotage", "G. Organisation du pilotage", [
            "Le bureau du Réseau ESS 44 porte politiquement le projet. Un comité de pilotage "
            "se réunit une fois par phase avec l'Aract, la Fédération ADMR, le Département et "
            "deux binômes référents ; un groupe technique (coordinatrice, chargé de mission "
            "numérique, Libre Ouest) se réunit chaque mois.",
        ]),
        ("resultats", "H. Résultats attendus", [
            "Huit diagnostics partagés et huit plans d'amélioration mis en œuvre ; seize "
            "référents numérique et travail formés ; un cadre commun de bonnes pratiques "
            "adopté par le conseil d'administration du réseau ; une rencontre départementale "
            "réunissant au moins cent participants.",
        ]),
        ("perennisation", "I. Diffusion et suites du projet", [
            "Le cadre commun sera proposé à l'ensemble des 180 adhérents et intégré à l'offre "
            "d'accompagnement du réseau ; les binômes référents formeront un groupe d'échange "
            "permanent. Nous partagerons la démarche avec la CRESS des Pays de la Loire pour "
            "une diffusion dans les autres départements de la région.",
        ]),
    ]
    partner_rows = [
        ("Aract Pays de la Loire", "Outillage des diagnostics, co-animation des journées "
         "inter-structures, participation au comité de pilotage", "acquis"),
        ("Fédération ADMR de Loire-Atlantique", "Mobilisation de trois associations d'aide à "
         "domicile comme terrains d'expérimentation", "acquis"),
        ("Département de Loire-Atlantique", "Co-financement de 10 000 €, participation au "
         "comité de pilotage", "en cours"),
        ("SCIC Libre Ouest", "Accompagnement technique des essais sur les outils", "en cours"),
    ]
    partners_heading = "J. Partenaires mobilisés"
    partners_intro = ("Quatre partenaires sont associés au projet ; leur engagement est "
                      "précisé dans le tableau ci-dessous.")
    charges = [
        ("Coordinatrice du réseau (60 jours)", "personnel", 19800),
        ("Chargé de mission numérique (35 jours)", "personnel", 10500),
        ("Déplacements sur le département", "deplacements_logistique", 2200),
        ("Location de salles et repas des journées", "deplacements_logistique", 1600),
        ("Prestation d'accompagnement technique (SCIC Libre Ouest)", "prestations", 12000),
        ("Facilitation et communication (prestataire)", "prestations", 4600),
    ]
    anact = 40000
    produits_cofin = [("Département de Loire-Atlantique (demande en cours)", 10000),
                      ("Fonds propres du réseau", 700)]
    total = sum(a for _, _, a in charges)
    assert total == 50700 and anact + sum(a for _, a in produits_cofin) == total
    budget = budget_label(charges, anact, produits_cofin)
    assert budget["cofinancing"]["share"] == 0.211

    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading("Réseau ESS 44 – « Numérique et travail dans l'ESS : dialoguer avant "
                    "de déployer »", level=1)
    doc.add_paragraph("Dossier de candidature – AMI « Développer le dialogue social "
                      "technologique au travail » – La Fabrique CTO (Anact)")
    doc.add_paragraph("Structure porteuse : Réseau de l'économie sociale et solidaire de "
                      "Loire-Atlantique (association loi 1901), 8 rue de la Coopération, "
                      "44000 Nantes. Contact : Yannick Le Goff, délégué général.")
    sections = {}
    for sid, heading, paras in parts:
        doc.add_heading(heading, level=2)
        for para in paras:
            doc.add_paragraph(para)
        sections[sid] = (heading, paras[0])
    doc.add_heading(partners_heading, level=2)
    doc.add_paragraph(partners_intro)
    sections["partenaires"] = (partners_heading, partners_intro)
    t = doc.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for i, h in enumerate(("Organisme", "Apport",
                           "Statut de l'engagement (acquis / en cours)")):
        t.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
    for row in partner_rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v
    doc.add_heading("K. Budget prévisionnel", level=2)
    doc.add_paragraph("Budget présenté en charges et produits (euros, association non "
                      "assujettie à la TVA).")
    bt = doc.add_table(rows=1, cols=4)
    bt.style = "Table Grid"
    for i, h in enumerate(("CHARGES", "Montant", "PRODUITS", "Montant")):
        bt.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
    produits = [("Anact – La Fabrique CTO", anact)] + produits_cofin
    for i in range(max(len(charges), len(produits))):
        cells = bt.add_row().cells
        if i < len(charges):
            cells[0].text = charges[i][0]
            cells[1].text = f"{fmt_eur(charges[i][2])} €"
        if i < len(produits):
            cells[2].text = produits[i][0]
            cells[3].text = f"{fmt_eur(produits[i][1])} €"
    cells = bt.add_row().cells
    for i, v in enumerate(("Total des charges", f"{fmt_eur(total)} €",
                           "Total des produits", f"{fmt_eur(total)} €")):
        cells[i].paragraphs[0].add_run(v).bold = True
    fix_docx_props(doc, "Dossier Fabrique CTO", "Yannick Le Goff")
    src = WORK / "o04" / "dossier_fabrique.docx"
    src.parent.mkdir(parents=True, exist_ok=True)
    doc.save(src)
    odt = soffice(src, "odt", WORK / "o04-odt")
    fix_zip(odt)
    odt_bytes = odt.read_bytes()

    subject = "Fabrique CTO - candidature du Réseau ESS 44"
    msgid = "<3f9a1c2b7d8e4f60a5b1c9d2e7f30a84@webmail.reseau-ess44.org>"
    text = ("Bonjour,\n\n"
            "Veuillez trouver ci-joint le dossier de candidature du Réseau ESS 44 à l'appel "
            "à manifestation d'intérêt « Développer le dialogue social technologique au "
            "travail ».\n\n"
            "Le dossier comprend la description du projet, nos partenaires et le budget "
            "prévisionnel. Nous avons prévu une phase de capitalisation au premier trimestre "
            "2024, après la saison des essais.\n\n"
            "Cordialement,\n"
            "-- \n"
            "Yannick Le Goff\n"
            "Délégué général - Réseau ESS 44\n"
            "02 40 00 00 00\n")
    bnd = "=_a8c3f5e19d2b7046e1f8c0b94d6a2e73"
    eml = f"""MIME-Version: 1.0
Date: Tue, 16 Aug 2022 09:48:21 +0200
From: Yannick Le Goff <y.legoff@reseau-ess44.org>
To: fabrique@anact.fr
Subject: {enc_header(subject, 'iso-8859-1')}
Message-ID: {msgid}
X-Sender: y.legoff@reseau-ess44.org
User-Agent: Roundcube Webmail/1.4.13
Content-Type: multipart/mixed;
 boundary="{bnd}"

--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=ISO-8859-1;
 format=flowed

{qp(text, 'iso-8859-1')}
--{bnd}
Content-Transfer-Encoding: base64
Content-Type: {MIME_ODT};
 name="{enc_header(odt_name)}"
Content-Disposition: attachment;
 {rfc2231(odt_name)};
 size={len(odt_bytes)}

{b64(odt_bytes)}
--{bnd}--
"""
    label = make_label(
        "Réseau départemental de l'ESS (Réseau ESS 44) : ODT (titres « A. » à « K. »), "
        "partenaires en tableau Organisme | Apport | Statut, budget CHARGES | PRODUITS ; "
        "Roundcube ISO-8859-1, nom RFC 2231 ; phasage jusqu'en mars 2024 (après la date limite)",
        sections, odt_name, budget, budget_flags(budget, charges, produits_cofin),
        [r[0] for r in partner_rows],
        [(odt_name, "parsed")],
        {"message_id": msgid, "from": "y.legoff@reseau-ess44.org", "subject": subject,
         "date": "2022-08-16T09:48:21+02:00"},
        {"start": "2022-10", "end": "2024-03", "duration_months": months_between("2022-10", "2024-03")},
    )
    assert label["project"]["duration_months"] == 18
    assert [f["code"] for f in label["flags"]] == ["project_end_after_limit"]
    assert label["decision"] == "incomplete"
    write_case_bytes(cid, eml.encode("ascii"), label)
    return cid, [], label


# =========================================================================== case 05
# Mutual health insurer. PDF written with fpdf2 (headings "1 — ...", partners in a table
# "Organisme | Apport | Statut de l'engagement (acquis / en cours)") + XLSX budget
# "Poste | Catégorie | Jours | Taux | Montant" with formulas and a "dont" breakdown of the
# co-financing. Apple Mail (text / pdf / text / xlsx / text), RFC 2231 names. Complete.


def case05():
    cid = "h3o-05"
    pdf_name = "Projet MHSP – Fabrique CTO.pdf"
    xlsx_name = "Budget prévisionnel MHSP.xlsx"
    parts = [
        ("contexte", "1 — Notre point de départ", [
            "La Mutuelle Horizon Santé Prévoyance (MHSP) protège 38 000 adhérents en "
            "Bretagne, dont les salariés de 1 400 TPE et PME couvertes par nos contrats "
            "collectifs. Notre service prévention accompagne ces entreprises depuis 2016 sur "
            "les troubles musculo-squelettiques et les risques psychosociaux.",
            "Depuis deux ans, nos chargées de prévention rencontrent de plus en plus de "
            "situations où la souffrance exprimée par les salariés est liée à un outil "
            "numérique : logiciel de caisse imposé par une enseigne, application de "
            "tournées pour les aides à domicile, messagerie instantanée qui étend la journée "
            "de travail. Nos données d'arrêts de travail montrent une hausse de 18 % des arrêts "
            "pour troubles anxieux dans les entreprises récemment équipées.",
        ]),
        ("problematique", "2 — La question posée", [
            "Une mutuelle peut-elle aider une petite entreprise à parler de ses outils "
            "numériques avant qu'ils ne rendent malade ? Nous faisons l'hypothèse que la "
            "prévention santé est une porte d'entrée acceptable pour les dirigeants de TPE, "
            "qui refusent souvent d'entendre parler de « dialogue social », et qu'elle peut "
            "ouvrir un véritable échange sur le choix et l'usage des outils.",
        ]),
        ("objectifs", "3 — Ce que nous voulons obtenir", [
            "Construire et tester une démarche « Outils partagés, santé préservée » qui "
            "permet, en quatre rencontres, à un dirigeant et à ses salariés de repérer les "
            "effets d'un outil sur le travail et la santé, puis de décider ensemble de "
            "règles d'usage ; l'intégrer à l'offre de prévention de la mutuelle.",
        ]),
        ("cibles", "4 — Pour qui ?", [
            "Dix entreprises adhérentes de 5 à 50 salariés en Ille-et-Vilaine et dans les "
            "Côtes-d'Armor, issues du commerce de détail, des services à la personne et du "
            "transport, soit environ 200 salariés et leurs dirigeants ; nos six chargées de "
            "prévention, qui seront formées à la démarche.",
        ]),
        ("methodologie", "5 — Notre démarche pas à pas", [
            "Chaque entreprise suit quatre rencontres animées par une chargée de prévention "
            "et une psychologue du travail intervenante extérieure : un temps d'expression des "
            "salariés sur leurs outils, une observation d'une demi-journée, un atelier "
            "dirigeant-salariés où les constats sont discutés, et un bilan à trois mois des "
            "règles d'usage adoptées. Un indicateur simple de charge ressentie est mesuré "
            "avant et après.",
        ]),
        ("phasage", "6 — Étapes et calendrier", [
            "Le projet se déroule du 15 septembre 2022 au 30 juin 2023.",
            "Septembre - octobre 2022 : conception des supports avec l'Aract Bretagne et "
            "formation des chargées de prévention.",
            "Novembre 2022 - mars 2023 : déploiement dans les dix entreprises (quatre "
            "rencontres chacune).",
            "Avril - mai 2023 : bilans à trois mois et analyse des indicateurs par le "
            "laboratoire LiRIS.",
            "Juin 2023 : rédaction du kit, restitution le 29 juin 2023 à Rennes.",
        ]),
        ("pilotage", "7 — Qui décide, qui suit ?", [
            "Le conseil d'administration de la mutuelle a validé le projet le 7 juillet "
            "2022. Un comité de pilotage, réuni trois fois, rassemble la direction de la "
            "prévention, deux administrateurs élus, l'Aract Bretagne, U2P Bretagne, le service "
            "de santé au travail et deux dirigeants d'entreprises participantes. La "
            "responsable prévention anime un point mensuel avec les chargées de prévention.",
        ]),
        ("resultats", "8 — Les effets attendus", [
            "Dans les dix entreprises : des règles d'usage écrites et partagées, une baisse "
            "de la charge ressentie mesurée au bilan. Pour la mutuelle : une démarche "
            "décrite, six chargées de prévention formées, un kit réutilisable (guide, "
            "cartes d'animation, questionnaire).",
        ]),
        ("perennisation", "9 — Et après ?", [
            "La démarche entrera dans l'offre de prévention proposée à toutes nos entreprises "
            "adhérentes à partir de septembre 2023, financée par notre fonds d'action "
            "sociale. Le kit sera mis à disposition des autres mutuelles par l'intermédiaire "
            "de notre union régionale et du réseau Anact-Aract.",
        ]),
    ]
    partner_rows = [
        ("Aract Bretagne", "Conception des supports, formation des chargées de prévention, "
         "comité de pilotage", "acquis"),
        ("U2P Bretagne", "Mobilisation des entreprises artisanales et de proximité, "
         "diffusion du kit", "acquis"),
        ("Santé au Travail Ille-et-Vilaine", "Participation des médecins et infirmiers "
         "du travail aux bilans", "acquis"),
        ("LiRIS – Université Rennes 2", "Analyse des indicateurs de charge "
         "ressentie, évaluation", "en cours"),
    ]
    partners_heading = "10 — Nos partenaires et ce qu'ils apportent"
    partners_intro = ("Le projet associe quatre partenaires ; leur engagement figure dans "
                      "le tableau suivant.")
    # (poste, catégorie affichée, category, jours, taux, montant)
    rows = [
        ("Responsable prévention (pilotage)", "Personnel", "personnel", 35, 480, None),
        ("Chargées de prévention (2 × 20 jours)", "Personnel", "personnel", 40, 360, None),
        ("Data-analyste (analyse des arrêts de travail)", "Personnel", "personnel", 10, 420, None),
        ("Déplacements dans les entreprises", "Déplacements", "deplacements_logistique",
         None, None, 1800),
        ("Salles et logistique des ateliers", "Logistique", "deplacements_logistique",
         None, None, 2000),
        ("Psychologue du travail, intervenante extérieure (prestation)", "Prestations",
         "prestations", 12, 900, None),
        ("Conception graphique du kit (agence)", "Prestations", "prestations", None, None, 3500),
    ]
    lines = [(r[0], r[2], r[5] if r[5] is not None else r[3] * r[4]) for r in rows]
    total = sum(a for _, _, a in lines)
    anact = 42000
    cofin = [("Fonds propres MHSP (fonds d'action sociale)", 8000),
             ("Région Bretagne (en cours d'instruction)", 3500)]
    assert total == 53500, total
    assert anact + sum(a for _, a in cofin) == total
    budget = budget_label(lines, anact, cofin)
    assert budget["cofinancing"]["share"] == 0.215

    # ---- PDF (fpdf2)
    from datetime import datetime, timezone

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 21, 17, 40, tzinfo=timezone.utc))
    pdf.set_title("Projet MHSP - La Fabrique CTO")
    pdf.set_author("Mutuelle Horizon Santé Prévoyance")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, "« Outils partagés, santé préservée »", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, "Mutuelle Horizon Santé Prévoyance – candidature à l'appel à "
                   "manifestation d'intérêt « Développer le dialogue social technologique au "
                   "travail » (La Fabrique CTO, Anact). Contact : Sophie Le Bihan, "
                   "responsable prévention.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def head(txt):
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.multi_cell(0, 7, txt, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 10)

    def para(txt):
        pdf.multi_cell(0, 5, txt, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    sections = {}
    for sid, heading, paras in parts:
        head(heading)
        for pp in paras:
            para(pp)
        sections[sid] = (heading, paras[0])
    head(partners_heading)
    para(partners_intro)
    sections["partenaires"] = (partners_heading, partners_intro)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(62, 70, 38), text_align="LEFT", line_height=5) as table:
        r = table.row()
        for h in ("Organisme", "Apport", "Statut de l'engagement (acquis / en cours)"):
            r.cell(h)
        for row in partner_rows:
            r = table.row()
            for v in row:
                r.cell(v)
    pdf.set_font("DejaVu", "", 10)
    head("11 — Budget")
    para(f"Le coût total du projet est de {fmt_eur(total)} € ; la mutuelle sollicite "
         f"{fmt_eur(anact)} € auprès de l'Anact. Le détail (jours, taux, montants) et le plan "
         "de financement figurent dans le fichier Excel joint.")
    pdf_bytes = bytes(pdf.output())

    # ---- XLSX
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    bold = Font(bold=True)
    ws.append(["MHSP – « Outils partagés, santé préservée » – budget prévisionnel (€ HT)"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Poste", "Catégorie", "Jours", "Taux (€/jour)", "Montant (€)"])
    for c in ws[3]:
        c.font = bold
    first = 4
    for i, (poste, catlab, _, j, t, m) in enumerate(rows, first):
        ws.append([poste, catlab, j, t, m if m is not None else f"=C{i}*D{i}"])
    last = first + len(rows) - 1
    tot_row = last + 1
    ws.append(["TOTAL DES DÉPENSES", None, None, None, f"=SUM(E{first}:E{last})"])
    ws[f"A{tot_row}"].font = bold
    ws[f"E{tot_row}"].font = bold
    ws.append([])
    fr = tot_row + 2
    ws.append(["Plan de financement", None, None, None, "Montant (€)"])
    ws[f"A{fr}"].font = bold
    ws.append(["Anact – La Fabrique CTO (demandé)", None, None, None, anact])
    ws.append(["Co-financement", None, None, None, f"=SUM(E{fr + 3}:E{fr + 2 + len(cofin)})"])
    for lab, a in cofin:
        ws.append(["   dont " + lab, None, None, None, a])
    ws.append(["TOTAL DES RESSOURCES", None, None, None, f"=E{fr + 1}+E{fr + 2}"])
    res_row = fr + 3 + len(cofin)
    ws[f"A{res_row}"].font = bold
    ws.append(["Part du co-financement", None, None, None, f"=E{fr + 2}/E{tot_row}"])
    ws[f"E{res_row + 1}"].number_format = "0.0%"
    ws.column_dimensions["A"].width = 58
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["D"].width = 13
    ws.column_dimensions["E"].width = 14
    xlsx_bytes = lo_xlsx(wb, "o05-budget")
    import openpyxl

    wbv = openpyxl.load_workbook(io.BytesIO(xlsx_bytes), data_only=True)["Budget"]
    assert wbv[f"E{tot_row}"].value == total
    assert wbv[f"E{fr + 2}"].value == sum(a for _, a in cofin)
    assert wbv[f"E{res_row}"].value == total

    # ---- email (Apple Mail)
    subject = "Réponse AMI – La Fabrique CTO (Mutuelle Horizon Santé Prévoyance)"
    msgid = "<7D1E5B2A-9C3F-4A8E-B6D0-2F4C8E1A7B93@mhsp-mutuelle.fr>"
    bnd = "Apple-Mail=_0B6F2E8C-41D7-4A95-8E3C-9D5A7F1B2C64"
    t1 = ("Bonjour,\n\nVeuillez trouver ci-joint notre réponse à l'appel à manifestation "
          "d'intérêt « Développer le dialogue social technologique au travail » : la "
          "description du projet,\n\n")
    t2 = "\n\net le budget détaillé avec le plan de financement :\n\n"
    t3 = ("\n\nNous restons à votre disposition.\n\nBien à vous,\n\nSophie Le Bihan\n"
          "Responsable prévention\nMutuelle Horizon Santé Prévoyance\n\n")
    eml = f"""From: Sophie Le Bihan <s.lebihan@mhsp-mutuelle.fr>
Content-Type: multipart/mixed;
	boundary="{bnd}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))
Subject: {enc_header(subject)}
Message-Id: {msgid}
Date: Sun, 21 Aug 2022 20:03:52 +0200
To: fabrique@anact.fr
X-Mailer: Apple Mail (2.3696.120.41.1.1)


--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

{qp(t1, 'utf-8')}
--{bnd}
Content-Disposition: attachment;
	{rfc2231(pdf_name)}
Content-Type: application/pdf;
	x-unix-mode=0644;
	name="{enc_header(pdf_name)}"
Content-Transfer-Encoding: base64

{b64(pdf_bytes)}
--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

{qp(t2, 'utf-8')}
--{bnd}
Content-Disposition: attachment;
	{rfc2231(xlsx_name)}
Content-Type: {MIME_XLSX};
	x-unix-mode=0644;
	name="{enc_header(xlsx_name)}"
Content-Transfer-Encoding: base64

{b64(xlsx_bytes)}
--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

{qp(t3, 'utf-8')}
--{bnd}--
"""
    label = make_label(
        "Mutuelle santé (MHSP) : PDF fpdf2 à titres « 1 — … », partenaires en tableau "
        "Organisme | Apport | Statut de l'engagement, budget XLSX Jours | Taux | Montant à "
        "formules avec co-financement en « dont » ; Apple Mail (texte/pdf/texte/xlsx/texte), "
        "noms RFC 2231 ; dates au jour ; complet",
        sections, pdf_name, budget, budget_flags(budget, lines, cofin),
        [r[0] for r in partner_rows],
        [(pdf_name, "parsed"), (xlsx_name, "parsed")],
        {"message_id": msgid, "from": "s.lebihan@mhsp-mutuelle.fr", "subject": subject,
         "date": "2022-08-21T20:03:52+02:00"},
        {"start": "2022-09-15", "end": "2023-06-30",
         "duration_months": months_between("2022-09", "2023-06")},
    )
    assert label["project"]["duration_months"] == 10
    assert label["decision"] == "complete" and not label["flags"]
    write_case_bytes(cid, eml.encode("ascii"), label)
    return cid, [], label


CASE_FUNCS = {"01": case01, "02": case02, "03": case03, "04": case04, "05": case05}


def main(argv):
    wanted = argv or sorted(CASE_FUNCS)
    for k in wanted:
        cid, _, label = CASE_FUNCS[k]()
        print(cid, label["decision"], [f["code"] for f in label["flags"]])


if __name__ == "__main__":
    main(sys.argv[1:])
