#!/usr/bin/env python3
"""Writer k of holdout3: five proposals to « La Fabrique CTO » (h3k-01 … h3k-05).

Deterministic (fixed dates, boundaries, Message-IDs, document metadata). Needs python-docx,
openpyxl, fpdf2 and LibreOffice (soffice) to write the documents again:

    /tmp/h3venv-k/bin/python tests/holdout3/gen_k.py

Every label (sections, budget, flags, decision, project) is derived from the same Python
specification that writes the documents; the arithmetic is asserted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from email import encoders
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText
from email.charset import Charset, QP, BASE64
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path(tempfile.gettempdir()) / "h3k-work"
LO_PROFILE = "file:///tmp/lo-k"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

SECTION_IDS = ("contexte", "objectifs", "problematique", "cibles", "methodologie",
               "phasage", "pilotage", "resultats", "perennisation", "partenaires")
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
DEADLINE = dt.datetime(2022, 8, 23, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=2)))
END_LIMIT = "2023-12-30"
CAP = 80000.0
FIXED_TIME = dt.datetime(2022, 8, 18, 9, 30, 0)


# ----------------------------------------------------------------------------- helpers

def fr(n: float) -> str:
    """12 345 (narrow no-break space as thousands separator, as Word users type)."""
    s = f"{n:,.0f}".replace(",", "\u202f")
    return s


def fr_sp(n: float) -> str:
    return f"{n:,.0f}".replace(",", " ")


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=240)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def fix_docx_meta(doc, title: str, author: str) -> None:
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 3


class Budget:
    """Expense lines (label, category, amount) and resources (label, amount, nature)."""

    def __init__(self, lines, anact, cofin, declared_total=None):
        self.lines = lines
        self.anact = float(anact)
        self.cofin = cofin  # list of (label, amount, nature)
        self.sum_lines = float(sum(a for _, _, a in lines))
        self.declared_total = float(declared_total) if declared_total is not None else None
        self.total = self.declared_total if self.declared_total is not None else self.sum_lines

    def cat_total(self, cat):
        return float(sum(a for _, c, a in self.lines if c == cat))

    def cofin_amount(self):
        return float(sum(a for _, a, _ in self.cofin))

    def label(self):
        b = {"total_cost": self.total, "anact_request": self.anact,
             "totals": {c: self.cat_total(c) for c in CATS}}
        if self.cofin:
            amt = self.cofin_amount()
            b["cofinancing"] = {"amount": amt, "share": round(amt / self.total, 4)}
        return b


def derive(spec: dict) -> dict:
    """The expected dossier from a case specification, by the contract's rules."""
    flags = []
    secs = {}
    for sid in SECTION_IDS:
        s = spec["sections"].get(sid)
        if s:
            secs[sid] = {"present": True, "source": s["source"], "heading": s["heading"],
                         "body_start": first_words(s["body"], s.get("n", 6))}
        else:
            secs[sid] = {"present": False}
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    bud: Budget | None = spec["budget"]
    if bud is None:
        budget = {"total_cost": None, "anact_request": None}
        flags.append({"code": "missing_budget", "target": "", "severity": "blocking"})
    else:
        budget = bud.label()
        cats_present = {c for _, c, _ in bud.lines}
        if "personnel" not in cats_present:
            flags.append({"code": "missing_budget_item", "target": "personnel", "severity": "blocking"})
        for c in ("deplacements_logistique", "prestations"):
            if c not in cats_present:
                flags.append({"code": "missing_budget_item", "target": c, "severity": "warning"})
        if not bud.cofin:
            flags.append({"code": "missing_budget_item", "target": "cofinancement", "severity": "blocking"})
        if bud.declared_total is not None and abs(bud.declared_total - bud.sum_lines) > 1:
            flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
        if bud.anact > CAP:
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
        if bud.cofin and bud.cofin_amount() / bud.total < 0.2 - 1e-12:
            flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
        for label, cat, _ in bud.lines:
            if cat == "autre":
                flags.append({"code": "ineligible_expense", "target": label, "severity": "warning"})
    date = dt.datetime.fromisoformat(spec["date"])
    late = date > DEADLINE
    if late:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    proj = spec.get("project")
    if proj and ((proj["end"] > END_LIMIT) if len(proj["end"]) == 10 else (proj["end"] > "2023-12")):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    if not re.search(r"fabrique cto|manifestation d'interet", norm(spec["subject"])):
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    blocking = any(f["severity"] == "blocking" for f in flags)
    unread = any(a["status"] in ("scanned", "encrypted", "unreadable") for a in spec["attachments"])
    if late:
        decision = "late"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    assert decision == spec["decision"], (spec["id"], decision, flags)
    out = {
        "case": spec["case"],
        "decision": decision,
        "flags": flags,
        "sections": secs,
        "budget": budget,
        "partners": [{"name": p} for p in spec["partners"]],
        "attachments": spec["attachments"],
        "message": {"message_id": spec["message_id"], "from": spec["from"],
                    "subject": spec["subject"], "date": spec["date"]},
    }
    if proj:
        out["project"] = {"start": proj["start"], "end": proj["end"],
                          "duration_months": proj.get("duration_months")
                          or months_between(proj["start"], proj["end"])}
    return out


def write_case(spec: dict, msg) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    if not isinstance(msg, bytes):
        for sub in msg.walk():
            if sub is not msg and "MIME-Version" in sub:
                del sub["MIME-Version"]
    raw = msg.as_bytes() if not isinstance(msg, bytes) else msg
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    (CASES / f"{spec['id']}.eml").write_bytes(raw)
    label = derive(spec)
    (CASES / f"{spec['id']}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("wrote", spec["id"], label["decision"], [f["code"] + ":" + f["target"] for f in label["flags"]])


def qp_text(text: str, charset: str, subtype: str = "plain", **params):
    cs = Charset(charset)
    cs.body_encoding = QP
    part = MIMENonMultipart("text", subtype, **params)
    part.set_payload(text, cs)
    return part


def b64_text(text: str, charset: str, subtype: str = "plain", **params):
    cs = Charset(charset)
    cs.body_encoding = BASE64
    part = MIMENonMultipart("text", subtype, **params)
    part.set_payload(text, cs)
    return part


def bit8_text(text: str, charset: str, subtype: str = "plain", **params):
    """8bit body as Thunderbird / Apple Mail send it (raw bytes, CTE 8bit)."""
    cs = Charset(charset)
    cs.body_encoding = None
    part = MIMENonMultipart("text", subtype, **params)
    part.set_payload(text, cs)
    del part["Content-Transfer-Encoding"]
    part["Content-Transfer-Encoding"] = "8bit"
    return part


def tiny_png(color=(200, 40, 40)) -> bytes:
    from PIL import Image
    import io
    im = Image.new("RGB", (120, 40), color)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def attach(data: bytes, maintype: str, subtype: str, filename: str, mode: str = "plain",
           disposition: str = "attachment") -> MIMEBase:
    """mode: plain (ASCII filename="..."), rfc2231 (filename*=utf-8''...), rfc2047
    (filename="=?UTF-8?B?...?=", as Gmail and Outlook write)."""
    part = MIMEBase(maintype, subtype)
    part.set_payload(data)
    encoders.encode_base64(part)
    if mode == "plain":
        part.set_param("name", filename)
        part.add_header("Content-Disposition", disposition, filename=filename)
    elif mode == "rfc2231":
        part.set_param("name", filename)  # email encodes RFC 2231 itself for non-ASCII
        part.add_header("Content-Disposition", disposition, filename=("utf-8", "", filename))
    elif mode == "rfc2047":
        import base64
        enc = "=?UTF-8?B?" + base64.b64encode(filename.encode("utf-8")).decode("ascii") + "?="
        del part["Content-Type"]
        part["Content-Type"] = f'{maintype}/{subtype}; name="{enc}"'
        part["Content-Disposition"] = f'{disposition}; filename="{enc}"'
    return part


def headers(msg, h: dict) -> None:
    for k, v in h.items():
        if k in msg:
            del msg[k]
        msg[k] = v


def set_widths(table, widths_cm) -> None:
    from docx.shared import Cm
    table.autofit = False
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)


def docx_text(path: Path) -> str:
    import docx
    d = docx.Document(str(path))
    out = []

    def table_text(t):
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    out.append(p.text)
                for nt in cell.tables:
                    table_text(nt)
    body = d.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(Paragraph(child, d).text)
        elif child.tag.endswith("}tbl"):
            table_text(Table(child, d))
    return "\n".join(out)


# ----------------------------------------------------------------------------- case 01
# Ouvrage Conseil, Scop SARL (Lyon): DOCX form table « Rubrique | Contenu », budget nested
# inside the form's cell, financing plan in a table that follows the form. Outlook,
# multipart/related with an inline logo. Complete; co-financing exactly 20 %.

def case01() -> None:
    import docx
    from docx.shared import Pt, Cm
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cid = "h3k-01"
    fname = "Fiche_projet_Fabrique_CTO_Ouvrage_Scop.docx"
    rows_pre = [
        ("Structure porteuse", ["Ouvrage Conseil – société coopérative et participative (Scop SARL à capital variable), 14 salariés dont 11 associés, Lyon 7e. SIRET 512 804 377 00029."]),
        ("Intitulé du projet", ["« Écrans partagés » : outiller le dialogue social technologique dans les petites entreprises du BTP et de la maintenance industrielle."]),
        ("Personne référente", ["Claire Vasseur, gérante et consultante – c.vasseur@ouvrage-scop.coop – 04 78 61 22 90"]),
    ]
    S = {}
    S["contexte"] = ("Contexte et origine du projet", [
        "Depuis 2020, les TPE et PME du second œuvre du bâtiment que nous accompagnons équipent leurs chefs d'équipe de tablettes : planning en ligne, bons d'intervention dématérialisés, géolocalisation des véhicules. Ces outils sont choisis par la direction ou l'expert-comptable, rarement discutés avec ceux qui s'en servent.",
        "Lors de nos interventions en 2021-2022 (22 entreprises), les salariés ont décrit une charge de saisie le soir, un sentiment de surveillance et des consignes contradictoires entre l'écran et le terrain.",
    ])
    S["objectifs"] = ("Objectifs poursuivis", [
        "Nous voulons construire et tester avec 8 entreprises une méthode simple pour que dirigeants, salariés et représentants du personnel discutent ensemble du choix, du paramétrage et des règles d'usage des outils numériques de chantier.",
        "Objectifs opérationnels : un diagnostic partagé des usages dans chaque entreprise ; des règles d'usage négociées ; un kit réutilisable par d'autres coopératives et branches.",
    ])
    S["problematique"] = ("Problématique travaillée", [
        "Comment faire d'un outil acheté « sur étagère » l'objet d'un dialogue professionnel et social, dans des entreprises de moins de 50 salariés souvent sans CSE actif, où le dirigeant décide seul et où l'éditeur est loin ?",
    ])
    S["cibles"] = ("Publics cibles et entreprises visées", [
        "8 TPE-PME (10 à 45 salariés) du BTP et de la maintenance industrielle du Rhône, de l'Ain et de l'Isère, dont au moins 3 Scop ; dans chacune, le dirigeant, 2 à 4 chefs d'équipe, les élus du CSE lorsqu'il existe et le référent numérique.",
    ])
    S["methodologie"] = ("Démarche méthodologique", [
        "La méthode combine trois temps dans chaque entreprise : une observation instrumentée du travail avec l'outil (journées de chantier suivies), un atelier « écran partagé » où l'on rejoue les situations critiques sur l'outil lui-même, puis une séance de négociation des règles d'usage.",
        "Des rencontres inter-entreprises permettent de comparer les solutions et d'associer deux éditeurs de logiciels de chantier.",
    ])
    S["phasage"] = ("Phasage détaillé et calendrier", [
        "Le projet dure 14 mois, d'octobre 2022 à novembre 2023.",
        "Phase 1 – octobre à décembre 2022 : recrutement des 8 entreprises, entretiens de cadrage, accord de méthode.",
        "Phase 2 – janvier à avril 2023 : observations instrumentées et premiers ateliers « écran partagé ».",
        "Phase 3 – mai à septembre 2023 : négociation des règles d'usage, deux rencontres inter-entreprises.",
        "Phase 4 – octobre à novembre 2023 : évaluation, rédaction du kit, restitution régionale.",
    ])
    S["pilotage"] = ("Gouvernance : pilotage et comitologie", [
        "Un comité de pilotage trimestriel réunit Ouvrage Conseil, l'Aract, l'Union régionale des Scop et deux dirigeants volontaires ; un comité technique mensuel (consultants et chercheuse) suit l'avancement. Chaque entreprise installe un petit groupe de suivi paritaire.",
    ])
    S["resultats"] = ("Résultats et livrables attendus", [
        "8 chartes ou accords d'usage des outils numériques ; un kit méthodologique en accès libre (grilles d'observation, trame d'atelier, modèle d'accord) ; un cahier d'enseignements ; une vidéo de 6 minutes.",
    ])
    S["perennisation"] = ("Suites : pérennisation et essaimage", [
        "Le kit sera intégré à l'offre d'accompagnement de l'Union régionale des Scop et diffusé sous licence Creative Commons. Nous formerons en 2023 quatre consultants d'autres coopératives à son usage.",
    ])
    partners = [
        ("Aract Auvergne-Rhône-Alpes", "expertise conditions de travail, participation au comité de pilotage, relecture du kit"),
        ("Union régionale des Scop et Scic Auvergne-Rhône-Alpes", "mobilisation des coopératives, diffusion du kit dans le réseau"),
        ("Laboratoire Environnement Ville Société (EVS, Université Lumière Lyon 2)", "appui scientifique, analyse des observations"),
    ]
    S["partenaires"] = ("Partenaires mobilisés et contribution attendue", [
        "Trois partenaires sont engagés à nos côtés (lettres d'intention disponibles) :",
    ])
    order = ["contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
             "pilotage", "resultats", "perennisation", "partenaires"]

    lines = [
        ("Consultante-coordinatrice (38 jours x 600 €)", "personnel", 22800),
        ("Consultant organisation du travail (30 jours x 600 €)", "personnel", 18000),
        ("Chargée d'administration (6 jours x 350 €)", "personnel", 2100),
        ("Déplacements sur les chantiers (Rhône, Ain, Isère)", "deplacements_logistique", 3200),
        ("Salles et repas des rencontres inter-entreprises", "deplacements_logistique", 1900),
        ("Designer de services (prestataire, 8 jours)", "prestations", 5600),
        ("Captation vidéo et montage (prestation)", "prestations", 2400),
    ]
    cofin = [
        ("Ouvrage Conseil – autofinancement (temps de gérance valorisé)", 7000, "autofinancement"),
        ("Carsat Rhône-Alpes – subvention prévention (sollicitée)", 4200, "subvention"),
    ]
    bud = Budget(lines, 44800, cofin, declared_total=56000)
    assert bud.sum_lines == 56000 and bud.anact + bud.cofin_amount() == 56000
    assert round(bud.cofin_amount() / bud.total, 4) == 0.2

    doc = docx.Document()
    fix_docx_meta(doc, "Fiche projet Fabrique CTO", "Claire Vasseur")
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10)
    p = doc.add_paragraph()
    r = p.add_run("Appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »")
    r.bold = True
    r.font.size = Pt(13)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph("La Fabrique CTO – fiche de présentation du projet – août 2022")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    for c, txt in zip(hdr, ("Rubrique", "Contenu")):
        c.paragraphs[0].add_run(txt).bold = True

    def add_row(label, paras):
        cells = t.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].text = paras[0]
        for para in paras[1:]:
            cells[1].add_paragraph(para)
        return cells

    for label, paras in rows_pre:
        add_row(label, paras)
    for sid in order:
        heading, paras = S[sid]
        cells = add_row(heading, paras)
        if sid == "partenaires":
            nt = cells[1].add_table(rows=1, cols=2)
            nt.style = "Table Grid"
            nt.rows[0].cells[0].text = "Partenaire"
            nt.rows[0].cells[1].text = "Contribution attendue"
            for name, contrib in partners:
                rc = nt.add_row().cells
                rc[0].text = name
                rc[1].text = contrib
            cells[1].add_paragraph("")
    # budget row with a nested table
    cells = add_row("Budget prévisionnel détaillé (€ HT)",
                    ["Dépenses du projet, hors taxes (la Scop est assujettie à la TVA) :"])
    nt = cells[1].add_table(rows=1, cols=3)
    nt.style = "Table Grid"
    for c, txt in zip(nt.rows[0].cells, ("Poste", "Détail", "Montant HT")):
        c.text = txt
    cat_names = {"personnel": "Dépenses de personnel", "deplacements_logistique": "Déplacements et logistique",
                 "prestations": "Achats de prestations"}
    for cat in ("personnel", "deplacements_logistique", "prestations"):
        first = True
        for label, c, amt in lines:
            if c != cat:
                continue
            rc = nt.add_row().cells
            rc[0].text = cat_names[cat] if first else ""
            rc[1].text = label
            rc[2].text = fr(amt) + " €"
            first = False
        rc = nt.add_row().cells
        rc[0].text = ""
        rc[1].text = "Sous-total " + cat_names[cat].lower()
        rc[2].text = fr(bud.cat_total(cat)) + " €"
    rc = nt.add_row().cells
    rc[0].text = "TOTAL"
    rc[1].text = "Coût total du projet"
    rc[2].text = fr(bud.total) + " €"
    cells[1].add_paragraph("")

    doc.add_paragraph("")
    p = doc.add_paragraph()
    p.add_run("Plan de financement prévisionnel").bold = True
    ft = doc.add_table(rows=1, cols=4)
    ft.style = "Table Grid"
    for c, txt in zip(ft.rows[0].cells, ("Financeur", "Nature / statut", "Montant (€)", "Part")):
        c.text = txt
    fin_rows = [("Anact – AMI La Fabrique CTO", "Subvention sollicitée", bud.anact)] + \
        [(lab.split(" – ")[0], lab.split(" – ")[1], a) for lab, a, _ in cofin]
    for name, nat, amt in fin_rows:
        rc = ft.add_row().cells
        rc[0].text, rc[1].text, rc[2].text = name, nat, fr(amt)
        rc[3].text = f"{amt / bud.total * 100:.1f} %".replace(".", ",")
    rc = ft.add_row().cells
    rc[0].text, rc[1].text, rc[2].text, rc[3].text = "Total", "", fr(bud.total), "100 %"
    doc.add_paragraph("Fait à Lyon, le 22 août 2022. Claire Vasseur, gérante.")
    set_widths(t, (4.2, 12.3))
    for row in t.rows:
        for nt_ in row.cells[1].tables:
            set_widths(nt_, (4.5, 7.3) if len(nt_.columns) == 2 else (3.2, 6.3, 2.5))
    set_widths(ft, (5.5, 5.5, 3, 2.5))
    path = WORK / cid / fname
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))

    # ---- email: Outlook, windows-1252, multipart/related with inline logo
    plain = ("Madame, Monsieur,\n\n"
             "Veuillez trouver ci-joint la candidature de la Scop Ouvrage Conseil à l'appel à "
             "manifestation d'intérêt « La Fabrique CTO » : la fiche projet comprend la "
             "description, le budget détaillé et le plan de financement.\n\n"
             "Nous restons à votre disposition pour tout complément.\n\n"
             "Bien cordialement,\n\nClaire Vasseur\nGérante – Ouvrage Conseil, Scop SARL\n"
             "04 78 61 22 90\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            "</head><body lang=\"FR\"><div class=\"WordSection1\">"
            "<p class=\"MsoNormal\">Madame, Monsieur,<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Veuillez trouver ci-joint la candidature de la Scop Ouvrage Conseil "
            "à l'appel à manifestation d'intérêt « La Fabrique CTO » : la fiche projet comprend la "
            "description, le budget détaillé et le plan de financement.<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Nous restons à votre disposition pour tout complément.<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Bien cordialement,<o:p></o:p></p>"
            "<p class=\"MsoNormal\"><b>Claire Vasseur</b><br>Gérante – Ouvrage Conseil, Scop SARL<br>"
            "04 78 61 22 90<o:p></o:p></p>"
            "<p class=\"MsoNormal\"><img width=\"120\" height=\"40\" src=\"cid:image001.png@01D8B63A.5C2F1E80\" "
            "alt=\"logo Ouvrage\"><o:p></o:p></p></div></body></html>")
    outer = MIMEMultipart("mixed", boundary="_004_DB9PR07MB7020A1C3E5D9F40B2E7C1A4FB2639DB9PR07MB7020_")
    related = MIMEMultipart("related", boundary="_003_DB9PR07MB7020A1C3E5D9F40B2E7C1A4FB2639DB9PR07MB7020_",
                            type="multipart/alternative")
    alt = MIMEMultipart("alternative", boundary="_000_DB9PR07MB7020A1C3E5D9F40B2E7C1A4FB2639DB9PR07MB7020_")
    alt.attach(qp_text(plain, "windows-1252"))
    alt.attach(qp_text(html, "windows-1252", "html"))
    related.attach(alt)
    img = MIMEImage(tiny_png((180, 60, 30)), "png")
    img.set_param("name", "image001.png")
    img.add_header("Content-Description", "image001.png")
    img.add_header("Content-Disposition", "inline", filename="image001.png", size="412")
    img.add_header("Content-ID", "<image001.png@01D8B63A.5C2F1E80>")
    related.attach(img)
    outer.attach(related)
    att = attach(path.read_bytes(), "application",
                 "vnd.openxmlformats-officedocument.wordprocessingml.document", fname)
    att.add_header("Content-Description", fname)
    outer.attach(att)
    subject = "Candidature AMI « La Fabrique CTO » – Ouvrage Conseil (Scop)"
    headers(outer, {
        "From": "Claire Vasseur <c.vasseur@ouvrage-scop.coop>",
        "To": "\"fabrique@anact.fr\" <fabrique@anact.fr>",
        "Subject": Header(subject, "windows-1252"),
        "Thread-Topic": Header(subject, "windows-1252"),
        "Thread-Index": "Adi2OlwvHn6xT0QmRBuL2d0mO8H1kw==",
        "Date": "Mon, 22 Aug 2022 14:47:12 +0000",
        "Message-ID": "<DB9PR07MB7020A1C3E5D9F40B2E7C1A4FB2639@DB9PR07MB7020.eurprd07.prod.outlook.com>",
        "Accept-Language": "fr-FR, en-US",
        "Content-Language": "fr-FR",
        "X-MS-Has-Attach": "yes",
        "X-MS-TNEF-Correlator": "",
        "MIME-Version": "1.0",
    })
    sections = {sid: {"source": fname, "heading": S[sid][0], "body": S[sid][1][0]} for sid in order}
    spec = {
        "id": cid,
        "case": "Scop (Lyon), fiche projet DOCX en tableau Rubrique | Contenu, budget imbriqué dans la cellule et plan de financement en tableau suivant; co-financement exactement 20 %; Outlook avec logo inline; complet",
        "decision": "complete",
        "sections": sections,
        "budget": bud,
        "partners": ["Aract Auvergne-Rhône-Alpes", "Union régionale des Scop et Scic Auvergne-Rhône-Alpes",
                     "Laboratoire Environnement Ville Société"],
        "attachments": [{"filename": fname, "status": "parsed"},
                        {"filename": "image001.png", "status": "skipped"}],
        "message_id": "<DB9PR07MB7020A1C3E5D9F40B2E7C1A4FB2639@DB9PR07MB7020.eurprd07.prod.outlook.com>",
        "from": "c.vasseur@ouvrage-scop.coop",
        "subject": subject,
        "date": "2022-08-22T14:47:12+00:00",
        "project": {"start": "2022-10", "end": "2023-11"},
    }
    assert months_between("2022-10", "2023-11") == 14
    write_case(spec, outer)
    check_strings(spec, docx_text(path))


def check_strings(spec: dict, text: str, source: str | None = None) -> None:
    nt = norm(text)
    for sid, s in spec["sections"].items():
        if source and s["source"] != source:
            continue
        for key in ("heading",):
            assert norm(s[key]) in nt, (spec["id"], sid, s[key])
        bs = first_words(s["body"], s.get("n", 6))
        assert norm(bs) in nt, (spec["id"], sid, bs)


# ----------------------------------------------------------------------------- case 02
# Réseau Travail Santé Centre-Val de Loire (association paritaire régionale, « Aract-like »):
# description in a PDF exported from Writer (Heading 1 styles, own words and order), budget
# in an XLSX two-sided CHARGES | PRODUITS with account numbers, group subtotals (formulas
# computed by LibreOffice) and contributions in kind 86/87. Thunderbird, RFC 2231 name.
# Complete: co-financing 22.97 % only because in-kind counts (18.5 % without it).

def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def case02() -> None:
    import docx
    from docx.shared import Pt
    import openpyxl
    from openpyxl.styles import Font, Alignment

    cid = "h3k-02"
    pdfname = "Projet RTS-CVL - Fabrique CTO.pdf"
    xlsname = "Budget_prévisionnel_RTS-CVL.xlsx"
    S = {}
    S["contexte"] = ("1. D'où partons-nous ?", [
        "Le Réseau Travail Santé Centre-Val de Loire (RTS-CVL) est une association paritaire créée en 2003 ; son conseil d'administration réunit à parts égales des représentants des organisations d'employeurs et de salariés. Nous intervenons chaque année auprès d'environ 120 entreprises de la région sur la prévention et la qualité de vie au travail.",
        "Depuis la crise sanitaire, les demandes qui nous parviennent portent de plus en plus sur les outils numériques : logiciels de gestion des plannings dans l'aide à domicile, terminaux de préparation de commandes dans la logistique, messageries collaboratives dans les services.",
    ])
    S["problematique"] = ("2. La question qui nous occupe", [
        "Les instances de dialogue social des petites entreprises ne parlent presque jamais des outils numériques avant leur déploiement. Quand elles en parlent, c'est après coup, pour traiter des plaintes. Comment outiller les élus et les dirigeants pour qu'ils discutent ensemble, en amont, des effets d'un outil sur le travail réel ?",
    ])
    S["objectifs"] = ("3. Ce que nous cherchons à atteindre", [
        "Concevoir, avec les partenaires sociaux de la région, une démarche de « revue d'outil » que les CSE et les dirigeants de PME peuvent conduire ensemble avant, pendant et après un projet numérique.",
        "L'éprouver dans 10 entreprises de trois secteurs, en tirer une méthode transférable et former des relais.",
    ])
    S["cibles"] = ("4. Les publics concernés", [
        "Les dirigeants et les élus de CSE de 10 PME de 20 à 250 salariés (aide à domicile, logistique, services aux entreprises) des départements du Loiret, de l'Indre-et-Loire et du Cher ; en second lieu, les conseillers des organisations syndicales et patronales qui les accompagnent.",
    ])
    S["methodologie"] = ("5. Notre façon de faire", [
        "La « revue d'outil » s'appuie sur une cartographie des situations de travail touchées par l'outil, réalisée par un binôme élu-manager ; sur des ateliers de simulation où l'on manipule l'outil à plusieurs ; et sur une délibération en CSE qui fixe des engagements et des indicateurs de suivi.",
        "Une sociologue du travail et le laboratoire CITERES documentent chaque revue.",
    ])
    S["phasage"] = ("6. Calendrier prévisionnel", [
        "Le projet se déroule du 15 septembre 2022 au 31 octobre 2023, en quatre étapes :",
        "Étape 1 (15 septembre – 15 décembre 2022) : constitution du groupe paritaire de conception, choix des 10 entreprises.",
        "Étape 2 (janvier – avril 2023) : première vague de revues d'outil dans 5 entreprises.",
        "Étape 3 (mai – septembre 2023) : seconde vague dans 5 entreprises, ajustement de la démarche.",
        "Étape 4 (octobre 2023) : bilan, journée régionale, clôture du projet le 31 octobre 2023.",
    ])
    S["pilotage"] = ("7. Organisation du pilotage", [
        "Le bureau paritaire de l'association assure le pilotage stratégique (4 réunions). Un groupe projet réunissant la chargée de mission, les partenaires et deux élus de CSE se retrouve toutes les six semaines. Un point d'étape est fait avec l'Anact à mi-parcours.",
    ])
    partners = [
        ("CPME Centre-Val de Loire", "mobilisation des dirigeants de PME, participation au groupe projet"),
        ("U2P Centre-Val de Loire", "relais vers les entreprises de proximité de l'aide à domicile"),
        ("Union régionale interprofessionnelle CFDT Centre-Val de Loire", "mobilisation et formation des élus de CSE"),
        ("Université de Tours – laboratoire CITERES", "observation et analyse des revues d'outil"),
    ]
    S["partenaires"] = ("8. Les partenaires et leur rôle", [
        "Les partenaires suivants ont confirmé leur participation :",
    ] + [f"{n} : {c}." for n, c in partners])
    S["resultats"] = ("9. Les effets attendus", [
        "Dix revues d'outil conduites et documentées ; une méthode publiée en accès libre ; 30 élus et dirigeants formés ; des engagements d'usage adoptés en CSE dans au moins 7 entreprises.",
    ])
    S["perennisation"] = ("10. Après 2023 : faire vivre et diffuser la démarche", [
        "La revue d'outil rejoindra notre offre permanente. En 2024, nous proposerons aux branches de l'aide à domicile et de la logistique de l'intégrer à leurs accords ; un module sera ouvert dans les formations des élus de CSE.",
    ])
    order = ["contexte", "problematique", "objectifs", "cibles", "methodologie", "phasage",
             "pilotage", "partenaires", "resultats", "perennisation"]

    doc = docx.Document()
    fix_docx_meta(doc, "Projet RTS-CVL Fabrique CTO", "Mathilde Ferrand")
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_paragraph("Réseau Travail Santé Centre-Val de Loire", style="Title")
    doc.add_paragraph("« Revue d'outil » : le numérique en débat dans les CSE des PME – réponse à l'appel "
                      "à manifestation d'intérêt La Fabrique CTO (Anact)", style="Subtitle")
    for sid in order:
        heading, paras = S[sid]
        doc.add_heading(heading, level=1)
        for i, para in enumerate(paras):
            if sid in ("phasage", "partenaires") and i > 0:
                doc.add_paragraph(para, style="List Bullet")
            else:
                doc.add_paragraph(para)
    doc.add_heading("11. Budget", level=1)
    doc.add_paragraph("Le budget prévisionnel et le plan de financement figurent dans le tableur joint "
                      "(charges et produits, contributions volontaires en nature comprises).")
    doc.add_paragraph("Orléans, le 23 août 2022 – Mathilde Ferrand, directrice")
    d = WORK / cid
    d.mkdir(parents=True, exist_ok=True)
    src = d / "Projet RTS-CVL - Fabrique CTO.docx"
    doc.save(str(src))
    pdf = soffice(src, "pdf", d / "pdf")
    assert pdf.name == pdfname

    # ---- two-sided budget
    charges = [  # (group label, [(detail label, category, amount)])
        ("61 – Services extérieurs", [("6132 – Locations de salles pour les ateliers", "deplacements_logistique", 1200)]),
        ("62 – Autres services extérieurs", [
            ("6226 – Honoraires (sociologue du travail, intervenante extérieure)", "prestations", 6000),
            ("6231 – Facilitation graphique et mise en page de la méthode (prestataire)", "prestations", 4500),
            ("6251 – Voyages et déplacements", "deplacements_logistique", 3800)]),
        ("64 – Charges de personnel", [
            ("641 – Rémunération des personnels (chargée de mission 0,5 ETP, directrice 0,1 ETP)", "personnel", 38000),
            ("645 – Charges sociales", "personnel", 15200)]),
    ]
    charges_nature = ("86 – Emplois des contributions volontaires en nature", [
        ("861 – Mise à disposition gratuite de salles (CCI, mairies)", "deplacements_logistique", 1000),
        ("864 – Personnel bénévole (administrateurs paritaires, 20 jours)", "personnel", 3000)])
    produits = [
        ("74 – Subventions d'exploitation", [
            ("Anact – AMI « La Fabrique CTO » (sollicitée)", "anact", 56000),
            ("Région Centre-Val de Loire (sollicitée)", "subvention", 5500),
            ("DREETS Centre-Val de Loire (acquise)", "subvention", 4000)]),
        ("75 – Autres produits de gestion courante", [
            ("756 – Cotisations des adhérents affectées au projet", "autofinancement", 3200)]),
    ]
    produits_nature = ("87 – Contributions volontaires en nature", [
        ("870 – Bénévolat", "en nature", 3000),
        ("871 – Prestations en nature", "en nature", 1000)])
    lines = [(lab.split(" – ", 1)[1], cat, a) for _, det in charges + [charges_nature] for lab, cat, a in det]
    cofin = [(lab, a, nat) for _, det in produits + [produits_nature] for lab, nat, a in det if nat != "anact"]
    anact = sum(a for _, det in produits for _, nat, a in det if nat == "anact")
    total_ch = sum(a for _, c, a in lines)
    total_pr = anact + sum(a for _, a, _ in cofin)
    assert total_ch == total_pr == 72700
    bud = Budget(lines, anact, cofin, declared_total=72700)
    assert round(bud.cofin_amount() / bud.total, 4) == 0.2297
    # without in-kind the share would fall below 20 %: the case tests that rule
    assert (bud.cofin_amount() - 4000) / (bud.total - 4000) < 0.2

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws["A1"] = "RÉSEAU TRAVAIL SANTÉ CENTRE-VAL DE LOIRE – BUDGET PRÉVISIONNEL DU PROJET « REVUE D'OUTIL »"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = "Période : 15 septembre 2022 – 31 octobre 2023. Montants en euros (association non assujettie à la TVA)."
    ws["A4"], ws["B4"], ws["D4"], ws["E4"] = "CHARGES", "Montant", "PRODUITS", "Montant"
    for c in ("A4", "B4", "D4", "E4"):
        ws[c].font = Font(bold=True)
    bold = Font(bold=True)

    def write_side(col_l, col_v, groups, start):
        r = start
        group_rows = []
        for glabel, det in groups:
            ws[f"{col_l}{r}"] = glabel
            ws[f"{col_l}{r}"].font = bold
            first, last = r + 1, r + len(det)
            ws[f"{col_v}{r}"] = f"=SUM({col_v}{first}:{col_v}{last})"
            ws[f"{col_v}{r}"].font = bold
            group_rows.append(r)
            for i, (lab, _, a) in enumerate(det):
                ws[f"{col_l}{first + i}"] = lab
                ws[f"{col_l}{first + i}"].alignment = Alignment(indent=2)
                ws[f"{col_v}{first + i}"] = a
            r = last + 1
        return r, group_rows

    end_l, g_l = write_side("A", "B", charges, 5)
    end_r, g_r = write_side("D", "E", produits, 5)
    tot = max(end_l, end_r)
    ws[f"A{tot}"], ws[f"D{tot}"] = "TOTAL DES CHARGES", "TOTAL DES PRODUITS"
    ws[f"B{tot}"] = "=" + "+".join(f"B{r}" for r in g_l)
    ws[f"E{tot}"] = "=" + "+".join(f"E{r}" for r in g_r)
    for c in (f"A{tot}", f"B{tot}", f"D{tot}", f"E{tot}"):
        ws[c].font = bold
    n0 = tot + 2
    end_l2, g_l2 = write_side("A", "B", [charges_nature], n0)
    end_r2, g_r2 = write_side("D", "E", [produits_nature], n0)
    fin = max(end_l2, end_r2)
    ws[f"A{fin}"], ws[f"D{fin}"] = "TOTAL", "TOTAL"
    ws[f"B{fin}"] = f"=B{tot}+B{g_l2[0]}"
    ws[f"E{fin}"] = f"=E{tot}+E{g_r2[0]}"
    for c in (f"A{fin}", f"B{fin}", f"D{fin}", f"E{fin}"):
        ws[c].font = bold
    ws[f"A{fin + 2}"] = "Part demandée à l'Anact :"
    ws[f"B{fin + 2}"] = f"=E{g_r[0] + 1}/E{fin}"
    ws[f"B{fin + 2}"].number_format = "0.0%"
    for col, w in (("A", 62), ("B", 12), ("C", 3), ("D", 52), ("E", 12)):
        ws.column_dimensions[col].width = w
    for row in ws.iter_rows(min_row=5, max_row=fin):
        for cell in row:
            if cell.column_letter in ("B", "E"):
                cell.number_format = "#,##0 €"
    wb.properties.creator = "Mathilde Ferrand"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw_x = d / xlsname
    wb.save(str(raw_x))
    xls = soffice(raw_x, "xlsx:Calc MS Excel 2007 XML", d / "lo")
    # cached values check
    wv = openpyxl.load_workbook(str(xls), data_only=True).active
    assert wv[f"B{fin}"].value == 72700 and wv[f"E{fin}"].value == 72700, (wv[f"B{fin}"].value,)
    assert wv[f"B{tot}"].value == 68700

    # ---- email: Thunderbird, UTF-8 8bit format=flowed, RFC 2231 names
    body = ("Bonjour,\n\n"
            "Au nom du Réseau Travail Santé Centre-Val de Loire, je vous adresse notre réponse à "
            "l'appel à manifestation d'intérêt « Développer le dialogue social technologique au "
            "travail » (La Fabrique CTO).\n\n"
            "Vous trouverez en pièces jointes :\n"
            "- la présentation du projet (PDF) ;\n"
            "- le budget prévisionnel en charges et produits (tableur).\n\n"
            "Je reste joignable au 02 38 54 17 63 pour toute précision.\n\n"
            "Bien cordialement,\n\n"
            "-- \nMathilde Ferrand\nDirectrice\nRéseau Travail Santé Centre-Val de Loire\n"
            "122 rue du Faubourg Bannier – 45000 Orléans\n")
    outer = MIMEMultipart("mixed", boundary="------------0Xb3kQm1v7cYbW2nT4sLpE8d")
    outer.preamble = "This is a multi-part message in MIME format."
    outer.attach(bit8_text(body, "utf-8", format="flowed"))
    p1 = attach(pdf.read_bytes(), "application", "pdf", pdfname)
    outer.attach(p1)
    p2 = attach(xls.read_bytes(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsname, mode="rfc2231")
    outer.attach(p2)
    subject = "Réponse à l'AMI La Fabrique CTO - RTS Centre-Val de Loire"
    headers(outer, {
        "Message-ID": "<5b0c7e2a-93f1-4d1e-b7a8-2f6c1d0e9a44@rts-cvl.fr>",
        "Date": "Tue, 23 Aug 2022 11:05:38 +0200",
        "MIME-Version": "1.0",
        "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0",
        "Content-Language": "fr",
        "To": "fabrique@anact.fr",
        "From": "Mathilde Ferrand <m.ferrand@rts-cvl.fr>",
        "Subject": Header(subject, "utf-8"),
    })
    sections = {sid: {"source": pdfname, "heading": S[sid][0], "body": S[sid][1][0]} for sid in order}
    spec = {
        "id": cid,
        "case": "Association paritaire régionale (type Aract): PDF Writer à titres stylés dans son ordre, budget XLSX CHARGES | PRODUITS à comptes 61-64/74-75 et 86/87, formules calculées par LibreOffice; co-financement 22,97 % grâce aux contributions en nature; Thunderbird; complet",
        "decision": "complete",
        "sections": sections,
        "budget": bud,
        "partners": [n for n, _ in partners],
        "attachments": [{"filename": pdfname, "status": "parsed"},
                        {"filename": xlsname, "status": "parsed"}],
        "message_id": "<5b0c7e2a-93f1-4d1e-b7a8-2f6c1d0e9a44@rts-cvl.fr>",
        "from": "m.ferrand@rts-cvl.fr",
        "subject": subject,
        "date": "2022-08-23T11:05:38+02:00",
        "project": {"start": "2022-09-15", "end": "2023-10-31"},
    }
    assert months_between("2022-09-15", "2023-10-31") == 14
    write_case(spec, outer)
    check_strings(spec, pdf_text(pdf))


# ----------------------------------------------------------------------------- case 03
# SIIGO, syndicat professionnel (imprimerie, Ouest): DOCX whose headings are bold lines in
# the Normal style, in an order of its own (objectifs first, partenaires before the
# method); budget table with HT / TVA / TTC columns (HT wins); Anact's amount in a sentence,
# co-financing as « Nos financeurs : » then lines « Nom : montant ». Apple Mail, RFC 2231
# name, trailing text part. Subject says « AMI Anact » only: subject_mismatch (warning);
# otherwise complete.

def case03() -> None:
    import docx
    from docx.shared import Pt

    cid = "h3k-03"
    fname = "SIIGO – note de candidature Fabrique CTO.docx"
    S = {}
    S["objectifs"] = ("Ambition du projet", [
        "Nous voulons que les imprimeries de l'Ouest, dont la plupart comptent moins de 30 salariés, fassent des choix d'équipement numérique (flux de prépresse automatisés, portails web-to-print, logiciels de gestion de production) en y associant les conducteurs, les opérateurs PAO et leurs représentants.",
        "Trois objectifs : outiller ce dialogue ; l'expérimenter dans 12 entreprises ; en faire un volet de la politique sociale de la branche en région.",
    ])
    S["contexte"] = ("Le constat : une profession bousculée par le numérique", [
        "En dix ans, la chaîne graphique s'est transformée : les commandes arrivent par des plateformes en ligne, les fichiers sont contrôlés automatiquement, les presses numériques remplacent l'offset sur les petites séries. Nos 140 adhérents bretons et ligériens investissent, souvent sous la pression de leurs clients.",
    ])
    S["problematique"] = ("La difficulté à résoudre", [
        "Les choix techniques sont faits par le dirigeant et le fournisseur ; les salariés découvrent l'outil à la livraison. Il en résulte des heures perdues, des tensions sur les délais et un sentiment de déqualification chez les professionnels du prépresse. Comment ouvrir ces choix au dialogue professionnel sans alourdir la décision dans de très petites structures ?",
    ])
    S["cibles"] = ("Les entreprises et salariés concernés", [
        "12 imprimeries adhérentes (8 à 60 salariés) des régions Bretagne et Pays de la Loire ayant un projet d'équipement en 2022-2023 ; dans chacune, le dirigeant, les salariés des postes concernés (prépresse, impression numérique, façonnage) et les élus du CSE.",
    ])
    partners = [
        ("Aract Bretagne", "l'Aract Bretagne apportera son expertise des conditions de travail et co-animera les journées inter-entreprises"),
        ("Filpac-CGT Bretagne", "la Filpac-CGT Bretagne mobilisera les élus et participera au comité de suivi"),
        ("Université Rennes 2 (laboratoire LP3C)", "l'Université Rennes 2 (laboratoire LP3C) analysera les usages et évaluera la démarche"),
    ]
    S["partenaires"] = ("Nos partenaires dans ce projet", [
        "Trois organisations se sont engagées à nos côtés :",
    ] + ["– " + c + " ;" for _, c in partners])
    S["methodologie"] = ("Comment nous allons travailler", [
        "Dans chaque imprimerie, une « table de choix » réunit dirigeant, salariés et élus avant l'achat : visite de l'atelier, description des tâches concernées, démonstration de l'outil par le fournisseur devant les opérateurs, grille d'analyse des effets sur le travail. Un ergonome accompagne les quatre premières tables ; ensuite, la chargée de mission du syndicat prend le relais.",
    ])
    S["phasage"] = ("Étapes et calendrier", [
        "Le projet durera dix mois, de septembre 2022 à juin 2023.",
        "Septembre – décembre 2022 : conception de la grille et des supports avec l'ergonome ; choix des 12 entreprises.",
        "Janvier – avril 2023 : tables de choix dans les 12 entreprises, deux journées inter-entreprises.",
        "Mai – juin 2023 : bilan, rédaction du guide, séminaire de clôture à Rennes.",
    ])
    S["pilotage"] = ("Qui pilote ?", [
        "Le conseil syndical valide les orientations. Un comité de suivi paritaire (SIIGO, Filpac-CGT, Aract, un représentant de l'OPCO) se réunit tous les deux mois ; la chargée de mission anime un point mensuel avec l'ergonome.",
    ])
    S["resultats"] = ("Ce que le projet doit produire", [
        "12 tables de choix tenues et documentées ; un guide « Choisir un équipement numérique avec ceux qui s'en servent » ; une grille d'analyse réutilisable ; un retour d'expérience présenté à la commission paritaire régionale.",
    ])
    S["perennisation"] = ("Au-delà de 2023", [
        "Le guide sera proposé à la commission paritaire nationale de la branche pour une diffusion à tous les syndicats régionaux. La table de choix deviendra un service du SIIGO à ses adhérents.",
    ])
    order = ["objectifs", "contexte", "problematique", "cibles", "partenaires", "methodologie",
             "phasage", "pilotage", "resultats", "perennisation"]

    lines = [  # label, category, HT, TVA
        ("Chargée de mission numérique (45 jours)", "personnel", 15750, 0),
        ("Délégué général (12 jours)", "personnel", 6000, 0),
        ("Déplacements dans les 12 entreprises pilotes", "deplacements_logistique", 2850, 0),
        ("Trois journées inter-entreprises (salles, repas)", "deplacements_logistique", 3400, 680),
        ("Cabinet d'ergonomie (prestation, 18 jours)", "prestations", 14400, 2880),
        ("Conception graphique du guide (prestation)", "prestations", 3600, 720),
    ]
    for _, _, ht, tva in lines:
        assert tva in (0, round(ht * 0.2))
    cofin = [("OPCO EP (accord de principe, action collective régionale)", 6000, "subvention"),
             ("SIIGO, fonds propres (temps des permanents et des adhérents)", 5000, "autofinancement")]
    bud = Budget([(l, c, a) for l, c, a, _ in lines], 35000, cofin, declared_total=46000)
    total_ttc = sum(a + t for _, _, a, t in lines)
    assert bud.sum_lines == 46000 and total_ttc == 50280
    assert bud.anact + bud.cofin_amount() == 46000
    assert round(bud.cofin_amount() / bud.total, 4) == 0.2391

    doc = docx.Document()
    fix_docx_meta(doc, "Note de candidature", "Yannick Le Goff")
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)

    def bold_line(text, size=11):
        p = doc.add_paragraph()
        r = p.add_run(text)
        r.bold = True
        r.font.size = Pt(size)
        return p

    bold_line("SIIGO – Syndicat des imprimeurs et industries graphiques de l'Ouest", 14)
    doc.add_paragraph("Syndicat professionnel régi par le livre IV du code du travail – 9 rue de Brest, 35000 Rennes")
    doc.add_paragraph("Note de candidature à l'appel de l'Anact « Développer le dialogue social technologique au travail »")
    doc.add_paragraph("Projet : « Tables de choix » – associer les salariés aux équipements numériques de l'imprimerie")
    for sid in order:
        heading, paras = S[sid]
        bold_line(heading)
        for para in paras:
            doc.add_paragraph(para)
    bold_line("Budget prévisionnel")
    t = doc.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for c, txt in zip(t.rows[0].cells, ("Poste de dépense", "Montant HT", "TVA", "Montant TTC")):
        c.text = txt
    for l, _, ht, tva in lines:
        rc = t.add_row().cells
        rc[0].text, rc[1].text = l, fr_sp(ht) + " €"
        rc[2].text = fr_sp(tva) + " €" if tva else "—"
        rc[3].text = fr_sp(ht + tva) + " €"
    rc = t.add_row().cells
    set_widths(t, (8.5, 2.8, 2.2, 2.8))
    rc[0].text, rc[1].text = "Total", fr_sp(bud.total) + " €"
    rc[2].text = fr_sp(total_ttc - bud.total) + " €"
    rc[3].text = fr_sp(total_ttc) + " €"
    doc.add_paragraph("")
    bold_line("Plan de financement")
    pct = lambda x: f"{x * 100:.1f}".replace(".", ",")  # noqa: E731
    doc.add_paragraph(f"Le coût total du projet s'élève à {fr_sp(bud.total)} € HT (le SIIGO récupère la TVA). "
                      f"Nous sollicitons {fr_sp(bud.anact)} € auprès de l'Anact, soit "
                      f"{pct(bud.anact / bud.total)} % du coût total. Nos financeurs :")
    for lab, a, _ in cofin:
        doc.add_paragraph(f"{lab} : {fr_sp(a)} €")
    doc.add_paragraph(f"soit un co-financement de {fr_sp(bud.cofin_amount())} € "
                      f"({pct(bud.cofin_amount() / bud.total)} %).")
    doc.add_paragraph("Rennes, le 19 août 2022. Yannick Le Goff, délégué général.")
    d = WORK / cid
    d.mkdir(parents=True, exist_ok=True)
    path = d / fname
    doc.save(str(path))
    txt = docx_text(path)
    assert "Le coût total du projet s'élève à 46 000 € HT" in txt and "soit 76,1 %" in txt, txt[-600:]

    # ---- email: Apple Mail
    body1 = ("Bonjour,\n\nVous trouverez ci-joint la note de candidature du SIIGO (Syndicat des "
             "imprimeurs et industries graphiques de l'Ouest) à votre appel sur le dialogue social "
             "technologique. Le budget et le plan de financement sont à la fin de la note.\n\n")
    body2 = ("\nBien à vous,\n\nYannick Le Goff\nDélégué général – SIIGO\n06 71 28 44 05\n\n")
    bnd = "Apple-Mail=_7D3A1E52-4C2B-4F0E-9B1A-3E6A8C9D0F21"
    outer = MIMEMultipart("mixed", boundary=bnd)
    outer.attach(qp_text(body1, "utf-8"))
    att = attach(path.read_bytes(), "application",
                 "vnd.openxmlformats-officedocument.wordprocessingml.document", fname, mode="rfc2231")
    outer.attach(att)
    outer.attach(qp_text(body2, "utf-8"))
    subject = "Candidature AMI Anact – dialogue social technologique (SIIGO)"
    headers(outer, {
        "From": "Yannick Le Goff <y.legoff@siigo-ouest.fr>",
        "Mime-Version": "1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))",
        "Subject": Header(subject, "utf-8"),
        "Date": "Fri, 19 Aug 2022 18:22:09 +0200",
        "Message-Id": "<8E4C2F1A-6B3D-4A7E-9C52-1F0D3B7A9E64@siigo-ouest.fr>",
        "To": "fabrique@anact.fr",
        "X-Mailer": "Apple Mail (2.3696.120.41.1.1)",
    })
    sections = {sid: {"source": fname, "heading": S[sid][0], "body": S[sid][1][0]} for sid in order}
    spec = {
        "id": cid,
        "case": "Syndicat professionnel (imprimerie): DOCX à titres en gras (style Normal) dans un ordre propre, budget HT/TVA/TTC, demande Anact dans une phrase, « Nos financeurs : » puis lignes Nom : montant; objet sans le nom de l'appel (avertissement); Apple Mail; complet",
        "decision": "complete",
        "sections": sections,
        "budget": bud,
        "partners": [n for n, _ in partners],
        "attachments": [{"filename": fname, "status": "parsed"}],
        "message_id": "<8E4C2F1A-6B3D-4A7E-9C52-1F0D3B7A9E64@siigo-ouest.fr>",
        "from": "y.legoff@siigo-ouest.fr",
        "subject": subject,
        "date": "2022-08-19T18:22:09+02:00",
        "project": {"start": "2022-09", "end": "2023-06"},
    }
    write_case(spec, outer)
    check_strings(spec, txt)


# ----------------------------------------------------------------------------- case 04
# Octet & Usages, small IT consultancy (Nantes): description in a PDF made with fpdf2
# (lettered bold headings), budget in the body of the email as a list with category
# subtotals and « dont … » detail lines, financing listed under « Financement : ».
# Gmail (multipart/alternative, RFC 2047 attachment name, X-Attachment-Id + Content-ID on
# the PDF). Defect: the phasage ends in March 2024 (project_end_after_limit).

def case04() -> None:
    from fpdf import FPDF

    cid = "h3k-04"
    pdfname = "Proposition Octet&Usages – Fabrique CTO.pdf"
    S = {}
    S["contexte"] = ("A. Pourquoi ce projet", [
        "Octet & Usages est une SARL de six personnes créée en 2016 à Nantes. Nous déployons des logiciels métier (ERP, GMAO, outils de planification) dans des PME industrielles et nous avons développé une activité d'accompagnement du changement.",
        "Nous constatons sur nos propres projets que les paramétrages décidés sans les utilisateurs coûtent cher : contournements, ressaisies, arrêts de production, conflits avec l'encadrement de proximité.",
    ])
    S["objectifs"] = ("B. Nos objectifs", [
        "Transformer notre méthode de déploiement pour y intégrer un dialogue structuré entre la direction, les utilisateurs, les représentants du personnel et nous, fournisseur. Concrètement : définir des « points de dialogue » obligatoires dans le cycle projet, les tester chez 6 clients, et publier la méthode.",
    ])
    S["problematique"] = ("C. Le problème à résoudre", [
        "Un intégrateur est payé pour livrer un logiciel dans les délais, pas pour ouvrir une discussion sur l'organisation du travail. Comment un fournisseur de solutions peut-il, sans sortir de son rôle, créer les conditions d'un dialogue social technologique chez son client ?",
    ])
    S["cibles"] = ("D. Publics visés", [
        "Six PME industrielles clientes (40 à 200 salariés) de Loire-Atlantique, de Maine-et-Loire et de la Sarthe engagées dans un projet d'ERP ou de GMAO ; leurs directions, leurs utilisateurs clés, leurs CSE. En second lieu, les autres intégrateurs de logiciels de la région.",
    ])
    S["methodologie"] = ("E. Méthode d'intervention", [
        "Nous ajoutons à notre cycle projet quatre points de dialogue : une cartographie des usages réels avant le paramétrage, un atelier de maquettage avec les utilisateurs, une présentation au CSE avant la mise en production, une revue des effets à trois mois. Chaque point est préparé avec une juriste en droit social et une ergonome de l'Aract.",
    ])
    S["phasage"] = ("F. Phasage", [
        "Le projet s'étend sur 17 mois, de novembre 2022 à mars 2024.",
        "Phase 1 (novembre 2022 – janvier 2023) : conception des points de dialogue, choix des six clients.",
        "Phase 2 (février – juin 2023) : expérimentation chez trois premiers clients.",
        "Phase 3 (septembre – décembre 2023) : expérimentation chez trois autres clients, ajustements.",
        "Phase 4 (janvier – mars 2024) : capitalisation, vidéo, restitution finale auprès des intégrateurs.",
    ])
    S["pilotage"] = ("G. Pilotage et instances", [
        "Un comité de pilotage (gérant d'Octet & Usages, Aract, Numeum Pays de la Loire, un élu de CSE d'un client) se réunit à chaque fin de phase. L'équipe projet (deux consultants) tient une revue mensuelle.",
    ])
    S["resultats"] = ("H. Livrables et résultats attendus", [
        "Une méthode de déploiement « dialoguée » publiée sous licence ouverte ; six retours d'expérience ; une vidéo pédagogique de 8 minutes ; un module de sensibilisation pour les chefs de projet des intégrateurs.",
    ])
    S["perennisation"] = ("I. Après le projet : diffusion et essaimage", [
        "Les points de dialogue seront intégrés à toutes nos offres. Numeum Pays de la Loire diffusera la méthode auprès de ses adhérents intégrateurs.",
    ])
    partners = [("Aract Pays de la Loire", "appui d'une ergonome, participation au comité de pilotage"),
                ("Numeum Pays de la Loire", "diffusion de la méthode auprès des entreprises du numérique"),
                ("Cabinet Vermeil Avocats", "juriste en droit social pour préparer les présentations au CSE")]
    S["partenaires"] = ("J. Partenaires", [
        "Nous avons réuni trois partenaires :",
    ] + [f"{n} – {c}." for n, c in partners])
    order = ["contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
             "pilotage", "resultats", "perennisation", "partenaires"]

    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2022, 8, 19, 17, 0, 0, tzinfo=dt.timezone.utc))
    pdf.set_creator("fpdf2")
    pdf.set_author("Julien Marchal")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, "Octet & Usages\nProposition pour La Fabrique CTO (Anact)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, "« Déployer avec » : des points de dialogue dans le cycle de projet d'un intégrateur de logiciels", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for sid in order:
        heading, paras = S[sid]
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        for i, para in enumerate(paras):
            if sid in ("phasage", "partenaires") and i > 0:
                pdf.set_x(26)
                pdf.multi_cell(0, 5, "• " + para, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        pdf.ln(2)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, "Le budget détaillé est donné dans le message d'envoi.", new_x="LMARGIN", new_y="NEXT")
    d = WORK / cid
    d.mkdir(parents=True, exist_ok=True)
    path = d / "proposition.pdf"
    pdf.output(str(path))

    groups = [
        ("Dépenses de personnel", "personnel", [
            ("consultant senior, chef de projet (40 jours)", 24000),
            ("consultante UX et ergonomie des logiciels (26 jours)", 15600)]),
        ("Frais de déplacement et logistique", "deplacements_logistique", [
            ("déplacements Nantes / Angers / Le Mans", 2900),
            ("location de salles pour les ateliers", 1500)]),
        ("Achats de prestations", "prestations", [
            ("juriste en droit social (prestation externe, Cabinet Vermeil)", 4500),
            ("réalisation d'une vidéo pédagogique (prestataire)", 4500)]),
    ]
    lines = [(lab, cat, a) for _, cat, det in groups for lab, a in det]
    cofin = [("Autofinancement Octet & Usages (temps non facturé)", 7000, "autofinancement"),
             ("Région Pays de la Loire – Pacte régional (demande en cours)", 4000, "subvention")]
    bud = Budget(lines, 42000, cofin, declared_total=53000)
    assert bud.sum_lines == 53000 and bud.anact + bud.cofin_amount() == 53000
    assert round(bud.cofin_amount() / bud.total, 4) == 0.2075
    blines = []
    for title, cat, det in groups:
        blines.append(f"{title} : {fr_sp(sum(a for _, a in det))} €")
        for lab, a in det:
            blines.append(f"   dont {lab} : {fr_sp(a)} €")
    blines.append(f"Coût total du projet : {fr_sp(bud.total)} € HT")
    flines = [f"Demande à l'Anact : {fr_sp(bud.anact)} €"] + [f"{lab} : {fr_sp(a)} €" for lab, a, _ in cofin]
    plain = ("Bonjour,\n\n"
             "Veuillez trouver ci-joint la proposition d'Octet & Usages pour l'appel à manifestation "
             "d'intérêt La Fabrique CTO.\n\n"
             "Budget détaillé du projet (montants HT) :\n\n" + "\n".join(blines) + "\n\n"
             "Financement :\n" + "\n".join(flines) + "\n\n"
             "Je me tiens à votre disposition pour en parler.\n\n"
             "Cordialement,\n\n-- \nJulien Marchal\nGérant – Octet & Usages\n"
             "5 rue Crucy, 44000 Nantes – 02 40 89 16 72\n")
    import html as _h
    hb = []
    for title, cat, det in groups:
        hb.append(f"<div>{_h.escape(title)} : {fr_sp(sum(a for _, a in det))} €</div><ul>")
        for lab, a in det:
            hb.append(f"<li>dont {_h.escape(lab)} : {fr_sp(a)} €</li>")
        hb.append("</ul>")
    html = ('<div dir="ltr"><div>Bonjour,</div><div><br></div><div>Veuillez trouver ci-joint la '
            "proposition d'Octet &amp; Usages pour l'appel à manifestation d'intérêt La Fabrique CTO."
            "</div><div><br></div><div><b>Budget détaillé du projet (montants HT) :</b></div><div><br></div>"
            + "".join(hb) + f"<div><b>Coût total du projet : {fr_sp(bud.total)} € HT</b></div><div><br></div>"
            "<div><b>Financement :</b></div>" + "".join(f"<div>{_h.escape(x)}</div>" for x in flines)
            + "<div><br></div><div>Je me tiens à votre disposition pour en parler.</div><div><br></div>"
            "<div>Cordialement,</div><div><br></div>-- <br><div dir=\"ltr\" class=\"gmail_signature\">"
            "<div>Julien Marchal</div><div>Gérant – Octet &amp; Usages</div><div>5 rue Crucy, 44000 Nantes "
            "– 02 40 89 16 72</div></div></div>\n")
    outer = MIMEMultipart("mixed", boundary="000000000000c9b41f05e6a8d2f3")
    alt = MIMEMultipart("alternative", boundary="000000000000c9b41c05e6a8d2f1")
    alt.attach(qp_text(plain, "utf-8"))
    alt.attach(qp_text(html, "utf-8", "html"))
    for part in alt.get_payload():
        part.set_param("charset", "UTF-8")
    outer.attach(alt)
    att = attach(path.read_bytes(), "application", "pdf", pdfname, mode="rfc2047")
    att["Content-ID"] = "<f_l71k3m0p0>"
    att["X-Attachment-Id"] = "f_l71k3m0p0"
    outer.attach(att)
    subject = "AMI La Fabrique CTO – proposition Octet & Usages"
    headers(outer, {
        "MIME-Version": "1.0",
        "From": "Julien Marchal <julien.marchal@octet-usages.fr>",
        "Date": "Sat, 20 Aug 2022 09:14:51 +0200",
        "Message-ID": "<CAF3xK9pQ7mZ2r+Vd0bN8yH1uJt5wLsE4cGk6aTqzXoR9hM2Fw@mail.gmail.com>",
        "Subject": Header(subject, "utf-8"),
        "To": "fabrique@anact.fr",
    })
    sections = {sid: {"source": pdfname, "heading": S[sid][0], "body": S[sid][1][0]} for sid in order}
    spec = {
        "id": cid,
        "case": "Petite société de conseil informatique: PDF fpdf2 à titres lettrés en gras, budget dans le corps du message en liste avec sous-totaux par catégorie et lignes « dont »; Gmail, nom de PJ RFC 2047; défaut: phasage jusqu'en mars 2024",
        "decision": "incomplete",
        "sections": sections,
        "budget": bud,
        "partners": [n for n, _ in partners],
        "attachments": [{"filename": pdfname, "status": "parsed"}],
        "message_id": "<CAF3xK9pQ7mZ2r+Vd0bN8yH1uJt5wLsE4cGk6aTqzXoR9hM2Fw@mail.gmail.com>",
        "from": "julien.marchal@octet-usages.fr",
        "subject": subject,
        "date": "2022-08-20T09:14:51+02:00",
        "project": {"start": "2022-11", "end": "2024-03"},
    }
    assert months_between("2022-11", "2024-03") == 17
    write_case(spec, outer)
    check_strings(spec, pdf_text(path))


# ----------------------------------------------------------------------------- case 05
# CRESS Hauts-de-France (chambre régionale de l'ESS): ODT written in LibreOffice (from a
# DOCX), a two-column form « Questions de l'appel | Nos réponses » whose first cells are the
# questions; budget and financing plan in two tables after the form. Roundcube,
# ISO-8859-1 quoted-printable. Defect: 84 000 € asked of Anact (over the 80 000 € cap);
# co-financing 25 %.

def case05() -> None:
    import docx
    from docx.shared import Pt

    cid = "h3k-05"
    odtname = "Dossier_CRESS_HDF_AMI_Fabrique_CTO.odt"
    pre = [
        ("Structure porteuse", "Chambre régionale de l'économie sociale et solidaire des Hauts-de-France (CRESS HDF), association loi 1901, 23 salariés, Lille."),
        ("Intitulé du projet", "« ESS & numérique : le dialogue d'abord » – accompagner 15 structures de l'ESS dans leurs choix numériques par le dialogue social et professionnel."),
        ("Contact", "Samia Benali, responsable du pôle emploi et qualité de l'emploi – s.benali@cress-hdf.org"),
    ]
    S = {}
    S["contexte"] = ("Dans quel contexte s'inscrit votre projet ?", [
        "Les 13 000 établissements employeurs de l'ESS des Hauts-de-France (associations, coopératives, mutuelles) se numérisent vite : logiciels de dossier usager dans le médico-social, plateformes de bénévolat, outils de gestion des plannings. Les salariés y sont rarement associés et les dirigeants bénévoles se sentent démunis face aux éditeurs.",
    ])
    S["objectifs"] = ("Quels objectifs poursuivez-vous ?", [
        "Outiller 15 structures de l'ESS pour qu'elles conduisent leurs projets numériques en dialogue avec leurs salariés, leurs bénévoles et leurs instances représentatives ; produire un référentiel régional ; former un réseau de 20 accompagnateurs.",
    ])
    S["problematique"] = ("Quelle problématique traitez-vous ?", [
        "Dans l'ESS, la gouvernance démocratique n'empêche pas que les outils numériques soient choisis sans ceux qui travaillent avec. Comment articuler gouvernance associative, dialogue social et conduite du projet numérique dans des structures où le dirigeant est souvent un bénévole ?",
    ])
    S["cibles"] = ("À qui s'adresse le projet (cibles) ?", [
        "15 structures employeuses de l'ESS (10 à 300 salariés) dans les cinq départements de la région, en priorité du médico-social, de l'insertion et de l'animation ; leurs directions, administrateurs, salariés et élus de CSE ; les têtes de réseau qui les accompagnent.",
    ])
    S["methodologie"] = ("Quelle méthode envisagez-vous ?", [
        "Un parcours en trois temps par structure : diagnostic partagé des usages (entretiens, observation), ateliers participatifs réunissant salariés, bénévoles et direction autour de l'outil, puis construction d'un accord ou d'une charte d'usage. Des ateliers territoriaux réunissent les structures par département pour échanger.",
    ])
    S["phasage"] = ("Quel phasage et quel calendrier ?", [
        "Le projet se déroulera du 1er octobre 2022 au 15 décembre 2023.",
        "Octobre – décembre 2022 : mobilisation des têtes de réseau et sélection des 15 structures.",
        "Janvier – juin 2023 : diagnostics et ateliers participatifs (première vague de 8 structures).",
        "Juillet – novembre 2023 : seconde vague de 7 structures, ateliers territoriaux.",
        "Décembre 2023 : rencontre régionale de restitution et remise du référentiel (15 décembre 2023).",
    ])
    S["pilotage"] = ("Comment le projet sera-t-il piloté (comitologie) ?", [
        "Un comité de pilotage semestriel présidé par un administrateur de la CRESS réunit les partenaires et l'Anact ; un comité opérationnel mensuel associe l'équipe projet et le cabinet d'ergonomie ; chaque structure désigne un binôme direction-salarié.",
    ])
    S["resultats"] = ("Quels résultats attendez-vous ?", [
        "15 structures accompagnées, au moins 10 chartes ou accords d'usage signés, un référentiel régional « numérique et dialogue social dans l'ESS », 20 accompagnateurs formés, une rencontre régionale réunissant 150 personnes.",
    ])
    S["perennisation"] = ("Comment pérenniser et essaimer la démarche ?", [
        "Le référentiel sera intégré au programme régional d'accompagnement de la CRESS et proposé au réseau national ESS France. Les accompagnateurs formés poursuivront l'accompagnement dans leurs fédérations.",
    ])
    partners = [("Mouvement associatif Hauts-de-France", "mobilisation des associations employeuses"),
                ("UDES Hauts-de-France", "lien avec les branches de l'ESS et le dialogue social employeur"),
                ("Aract Hauts-de-France", "expertise conditions de travail, formation des accompagnateurs"),
                ("Université de Lille – laboratoire Clersé", "évaluation de la démarche")]
    S["partenaires"] = ("Quels partenaires mobilisez-vous et pour quelle contribution ?", [
        "Le Mouvement associatif Hauts-de-France (mobilisation des associations employeuses) ; l'UDES Hauts-de-France (lien avec les branches de l'ESS et le dialogue social employeur) ; l'Aract Hauts-de-France (expertise conditions de travail, formation des accompagnateurs) ; l'Université de Lille – laboratoire Clersé (évaluation de la démarche).",
    ])
    order = ["contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
             "pilotage", "resultats", "perennisation", "partenaires"]

    dep = [  # nature, detail, category, amount
        ("Personnel", "Chargé de mission ESS et numérique (110 jours)", "personnel", 41800),
        ("Personnel", "Directrice adjointe (20 jours)", "personnel", 9600),
        ("Personnel", "Assistante de communication (15 jours)", "personnel", 4500),
        ("Déplacements et logistique", "Déplacements dans les cinq départements", "deplacements_logistique", 6800),
        ("Déplacements et logistique", "Logistique des 10 ateliers territoriaux et de la rencontre régionale", "deplacements_logistique", 5300),
        ("Prestations", "Accompagnement par un cabinet d'ergonomie (prestation, 40 jours)", "prestations", 28000),
        ("Prestations", "Paramétrage d'une plateforme collaborative (prestataire)", "prestations", 7000),
        ("Prestations", "Conception et impression du référentiel", "prestations", 9000),
    ]
    res = [("Anact – AMI La Fabrique CTO", "sollicité", 84000),
           ("Région Hauts-de-France", "acquis", 15000),
           ("Fondation Macif", "sollicité", 8000),
           ("CRESS Hauts-de-France – autofinancement", "acquis", 5000)]
    lines = [(det, cat, a) for _, det, cat, a in dep]
    cofin = [(n, a, st) for n, st, a in res[1:]]
    bud = Budget(lines, res[0][2], cofin, declared_total=112000)
    assert bud.sum_lines == 112000 and bud.anact + bud.cofin_amount() == 112000
    assert bud.anact > CAP and round(bud.cofin_amount() / bud.total, 4) == 0.25

    doc = docx.Document()
    fix_docx_meta(doc, "Dossier AMI Fabrique CTO", "Samia Benali")
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.styles["Normal"].font.size = Pt(11)
    p = doc.add_paragraph()
    r = p.add_run("CRESS Hauts-de-France – Réponse à l'appel à manifestation d'intérêt « La Fabrique CTO »")
    r.bold = True
    r.font.size = Pt(14)
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    for c, txt in zip(t.rows[0].cells, ("Questions de l'appel", "Nos réponses")):
        c.paragraphs[0].add_run(txt).bold = True
    for lab, txt in pre:
        rc = t.add_row().cells
        rc[0].text, rc[1].text = lab, txt
    for sid in order:
        heading, paras = S[sid]
        rc = t.add_row().cells
        rc[0].text = heading
        rc[1].paragraphs[0].text = paras[0]
        for para in paras[1:]:
            rc[1].add_paragraph(para)
    doc.add_paragraph("")
    p = doc.add_paragraph()
    p.add_run("Budget prévisionnel (en euros ; la CRESS ne récupère pas la TVA)").bold = True
    bt = doc.add_table(rows=1, cols=3)
    bt.style = "Table Grid"
    for c, txt in zip(bt.rows[0].cells, ("Nature de la dépense", "Détail", "Montant")):
        c.text = txt
    for nat, det, _, a in dep:
        rc = bt.add_row().cells
        rc[0].text, rc[1].text, rc[2].text = nat, det, fr_sp(a)
    rc = bt.add_row().cells
    rc[0].text, rc[1].text, rc[2].text = "Total des dépenses", "", fr_sp(bud.total)
    doc.add_paragraph("")
    p = doc.add_paragraph()
    p.add_run("Plan de financement").bold = True
    ft = doc.add_table(rows=1, cols=4)
    ft.style = "Table Grid"
    for c, txt in zip(ft.rows[0].cells, ("Financeur", "Statut", "Montant", "%")):
        c.text = txt
    for n, st, a in res:
        rc = ft.add_row().cells
        rc[0].text, rc[1].text, rc[2].text = n, st, fr_sp(a)
        rc[3].text = f"{a / bud.total * 100:.1f}".replace(".", ",") + " %"
    rc = ft.add_row().cells
    rc[0].text, rc[2].text, rc[3].text = "Total des ressources", fr_sp(bud.total), "100 %"
    doc.add_paragraph("Lille, le 23 août 2022 – Pour la CRESS, Samia Benali")
    set_widths(t, (5.0, 11.5))
    set_widths(bt, (4.0, 10.0, 2.5))
    set_widths(ft, (7.0, 3.5, 3.5, 2.5))
    d = WORK / cid
    d.mkdir(parents=True, exist_ok=True)
    src = d / "Dossier_CRESS_HDF_AMI_Fabrique_CTO.docx"
    doc.save(str(src))
    odt = soffice(src, "odt", d / "odt")
    assert odt.name == odtname

    body = ("Bonjour,\n\n"
            "Veuillez trouver ci-joint le dossier de candidature de la CRESS Hauts-de-France à "
            "l'appel à manifestation d'intérêt « La Fabrique CTO ». Le budget et le plan de "
            "financement figurent à la suite du formulaire.\n\n"
            "En vous remerciant par avance de l'attention portée à notre projet,\n\n"
            "Bien cordialement,\n\n--\nSamia Benali\nResponsable du pôle emploi et qualité de l'emploi\n"
            "CRESS Hauts-de-France\n")
    outer = MIMEMultipart("mixed", boundary="=_c4a8e1f07b2d93e6a5f0b1c2d3e4f5a6")
    outer.attach(qp_text(body, "iso-8859-1", format="flowed"))
    part = MIMEBase("application", "vnd.oasis.opendocument.text")
    part.set_payload(odt.read_bytes())
    encoders.encode_base64(part)
    part.set_param("name", odtname)
    part.add_header("Content-Disposition", "attachment", filename=odtname, size=str(odt.stat().st_size))
    outer.attach(part)
    subject = "Candidature à l'AMI « La Fabrique CTO » - CRESS HDF"
    headers(outer, {
        "MIME-Version": "1.0",
        "Date": "Tue, 23 Aug 2022 22:41:07 +0200",
        "From": "Samia Benali <s.benali@cress-hdf.org>",
        "To": "fabrique@anact.fr",
        "Subject": Header(subject, "iso-8859-1"),
        "Organization": "CRESS Hauts-de-France",
        "Message-ID": "<7f3c1b8e2d9a4f60c1e5b7a2d4f8e0c3@cress-hdf.org>",
        "X-Sender": "s.benali@cress-hdf.org",
        "User-Agent": "Roundcube Webmail/1.5.2",
    })
    sections = {sid: {"source": odtname, "heading": S[sid][0], "body": S[sid][1][0]} for sid in order}
    spec = {
        "id": cid,
        "case": "Chambre régionale de l'ESS (CRESS HDF): ODT LibreOffice, formulaire à deux colonnes Questions de l'appel | Nos réponses, budget et plan de financement en tableaux après le formulaire; Roundcube ISO-8859-1; défaut: 84 000 € demandés à l'Anact (plafond 80 000 €)",
        "decision": "incomplete",
        "sections": sections,
        "budget": bud,
        "partners": [n for n, _ in partners],
        "attachments": [{"filename": odtname, "status": "parsed"}],
        "message_id": "<7f3c1b8e2d9a4f60c1e5b7a2d4f8e0c3@cress-hdf.org>",
        "from": "s.benali@cress-hdf.org",
        "subject": subject,
        "date": "2022-08-23T22:41:07+02:00",
        "project": {"start": "2022-10-01", "end": "2023-12-15"},
    }
    assert months_between("2022-10-01", "2023-12-15") == 15
    write_case(spec, outer)
    txt = subprocess.run(["odt2txt", str(odt)], capture_output=True, text=True).stdout if shutil.which("odt2txt") else odt_text(odt)
    check_strings(spec, txt)


def odt_text(path: Path) -> str:
    from odf.opendocument import load
    from odf import text as odftext, teletype
    d = load(str(path))
    return "\n".join(teletype.extractText(p) for p in d.getElementsByType(odftext.P))


# ----------------------------------------------------------------------------- main

def main(argv: list[str]) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    wanted = set(argv[1:])
    for name, fn in sorted(globals().items()):
        if re.fullmatch(r"case\d\d", name) and (not wanted or name[-2:] in wanted):
            fn()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
