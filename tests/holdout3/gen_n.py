# -*- coding: utf-8 -*-
"""Writer n of holdout3: five proposals to "La Fabrique CTO" (h3n-01 … h3n-05).

Run with a venv holding python-docx, openpyxl, fpdf2 (and LibreOffice on PATH):
    /tmp/h3venv-n/bin/python tests/holdout3/gen_n.py
Writes cases/h3n-XX.eml and cases/h3n-XX.expected.json. Labels are computed from the
same data that writes the documents (sections, budget lines, resources, dates).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from email import encoders
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
WORK = Path("/tmp/h3n-work")
LO_PROFILE = "file:///tmp/lo-n"
FIXED_ZIP_TIME = (2022, 8, 1, 9, 0, 0)

SECTION_IDS = ("contexte", "objectifs", "problematique", "cibles", "methodologie",
               "phasage", "pilotage", "resultats", "perennisation", "partenaires")
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
PARIS = timezone(timedelta(hours=2))
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=PARIS)
END_LIMIT = (2023, 12, 30)
CAP = 80000.0


# --------------------------------------------------------------------------- helpers

def words(text: str, n: int = 7) -> str:
    return " ".join(text.split()[:n])


def euro(x: float) -> str:
    """French amount: 27 300 € (narrow no-break spaces are avoided: plain spaces)."""
    s = f"{int(round(x)):,}".replace(",", " ")
    return s + " €"


def months_between(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def norm_zip(data: bytes, fix_xml=None) -> bytes:
    """Rewrite a zip (docx/xlsx/odt) with fixed member timestamps (deterministic bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if fix_xml and info.filename.endswith(".xml"):
                content = fix_xml(info.filename, content)
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                else zipfile.ZIP_DEFLATED)
            zi.external_attr = info.external_attr
            dst.writestr(zi, content)
    return buf.getvalue()


def fix_dates_xml(name: str, content: bytes) -> bytes:
    if name.endswith("settings.xml"):
        content = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>424242", content)
    if name.endswith(("core.xml", "meta.xml")):
        content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2022-08-01T09:00:00Z", content)
    return content


def fix_pdf(data: bytes) -> bytes:
    """Same-length substitutions of LibreOffice's dates and ids (offsets stay valid)."""
    def dsub(m):
        s = m.group(0)
        fixed = b"D:20220801090000"
        return fixed + s[len(fixed):] if len(s) >= len(fixed) else s
    data = re.sub(rb"D:\d{14}", dsub, data)
    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", b"2022-08-01T09:00:00", data)

    def idsub(m):
        return b"<" + b"0" * (len(m.group(1))) + b">"
    data = re.sub(rb"(?<=/ID \[ )<([0-9A-Fa-f]+)>", idsub, data)
    data = re.sub(rb"(/ID \[ <0+>\s*)<([0-9A-Fa-f]{32})>",
                  lambda m: m.group(1) + b"<" + b"1" * 32 + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"2" * 32, data)
    data = re.sub(rb"uuid:[0-9a-f-]{36}", b"uuid:00000000-0000-0000-0000-000000000000", data)
    return data


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=240)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


# --------------------------------------------------------------------------- docx

def build_docx(blocks, title_props=("", "")):
    """blocks: ('h', text, level) styled heading | ('hb', text) bold line heading |
    ('hn', text) bold 'List Number' heading (real Word numbering) |
    ('p', text) | ('ul', [items]) | ('table', [rows], header_bold)."""
    import docx
    from docx.shared import Pt
    d = docx.Document()
    cp = d.core_properties
    cp.author, cp.title = title_props
    fixed = datetime(2022, 8, 1, 9, 0, 0)
    cp.created = fixed
    cp.modified = fixed
    cp.last_modified_by = title_props[0]
    cp.revision = 3
    for b in blocks:
        kind = b[0]
        if kind == "h":
            d.add_heading(b[1], level=b[2])
        elif kind == "title":
            d.add_paragraph(b[1], style="Title")
        elif kind == "hb":
            p = d.add_paragraph()
            r = p.add_run(b[1])
            r.bold = True
            r.font.size = Pt(13)
        elif kind == "hn":
            p = d.add_paragraph(style="List Number")
            r = p.add_run(b[1])
            r.bold = True
            r.font.size = Pt(13)
        elif kind == "p":
            d.add_paragraph(b[1])
        elif kind == "pi":
            p = d.add_paragraph()
            p.add_run(b[1]).italic = True
        elif kind == "ul":
            for it in b[1]:
                d.add_paragraph(it, style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            widths = b[4] if len(b) > 4 else None
            if widths:
                from docx.shared import Cm
                t.autofit = False
                for j, w in enumerate(widths):
                    t.columns[j].width = Cm(w)
                    for cell in t.columns[j].cells:
                        cell.width = Cm(w)
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(str(val))
                    if (i == 0 and b[2]) or (len(b) > 3 and i in b[3]):
                        run.bold = True
            d.add_paragraph("")
        else:
            raise ValueError(kind)
    buf = io.BytesIO()
    d.save(buf)
    return norm_zip(buf.getvalue(), fix_dates_xml)


def doc_text(blocks):
    """Plain text of the blocks, for the self-check of headings and excerpts."""
    out = []
    for b in blocks:
        if b[0] in ("ul",):
            out.extend(b[1])
        elif b[0] == "table":
            for row in b[1]:
                out.extend(str(v) for v in row)
        else:
            out.append(b[1])
    return "\n".join(out)


# --------------------------------------------------------------------------- labels

def sections_label(parts, source):
    """parts: list of (sid or None, heading, first paragraph). -> sections dict."""
    out = {sid: {"present": False} for sid in SECTION_IDS}
    for sid, heading, first in parts:
        if sid is None:
            continue
        assert not out[sid]["present"], sid
        out[sid] = {"present": True, "source": source, "heading": heading,
                    "body_start": words(first)}
    return out


def budget_label(lines, resources, declared_total=None):
    """lines: (label, category, amount); resources: (label, kind, amount) with kind in
    'anact' | 'cofin'."""
    totals = {c: 0.0 for c in CATS}
    for _, cat, amt in lines:
        totals[cat] += float(amt)
    s = sum(totals.values())
    total = float(declared_total) if declared_total is not None else s
    anact = sum(a for _, k, a in resources if k == "anact")
    cof = sum(a for _, k, a in resources if k == "cofin")
    b = {"total_cost": total, "anact_request": anact,
         "totals": {c: round(totals[c], 2) for c in CATS}}
    has_cofin = any(k == "cofin" for _, k, _ in resources)
    if has_cofin:
        b["cofinancing"] = {"amount": cof, "share": round(cof / total, 4)}
    return b, s


def compute_flags(sections, budget, lines, line_sum, resources, msg_date, project, subject,
                  attachments_bad=False, no_document=False):
    flags = []
    if no_document:
        flags.append({"code": "no_proposal_document", "target": "", "severity": "blocking"})
    for sid in SECTION_IDS:
        if not sections[sid]["present"]:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    if budget.get("total_cost") is None and not lines:
        flags.append({"code": "missing_budget", "target": "", "severity": "blocking"})
    else:
        cats_present = {c for _, c, _ in lines}
        if "personnel" not in cats_present:
            flags.append({"code": "missing_budget_item", "target": "personnel", "severity": "blocking"})
        if not any(k == "cofin" for _, k, _ in resources):
            flags.append({"code": "missing_budget_item", "target": "cofinancement", "severity": "blocking"})
        for c in ("deplacements_logistique", "prestations"):
            if c not in cats_present:
                flags.append({"code": "missing_budget_item", "target": c, "severity": "warning"})
        if abs(budget["total_cost"] - line_sum) > 1.0:
            flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
        if budget["anact_request"] is not None and budget["anact_request"] > CAP:
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
        cof = budget.get("cofinancing")
        if cof and cof["amount"] < 0.2 * budget["total_cost"] - 1e-9:
            flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
        for label, cat, _ in lines:
            if cat == "autre":
                flags.append({"code": "ineligible_expense", "target": label, "severity": "warning"})
    if msg_date > DEADLINE:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    if project:
        end = project["end"]
        y, m = int(end[:4]), int(end[5:7])
        d = int(end[8:10]) if len(end) > 7 else 31
        if (y, m, d) > END_LIMIT:
            flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    import unicodedata
    s = "".join(c for c in unicodedata.normalize("NFKD", subject) if not unicodedata.combining(c)).lower()
    s = s.replace("\u2019", "'")
    if "fabrique cto" not in s and "manifestation d'interet" not in s:
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    return flags


def decide(flags, msg_date, bad_attachment=False):
    if msg_date > DEADLINE:
        return "late"
    blocking = any(f["severity"] == "blocking" for f in flags)
    if bad_attachment and blocking:
        return "needs_review"
    return "incomplete" if blocking else "complete"


# --------------------------------------------------------------------------- mail

def attach(data: bytes, maintype: str, subtype: str, filename: str, style: str = "2231",
           disposition: str = "attachment"):
    part = MIMEBase(maintype, subtype)
    part.set_payload(data)
    encoders.encode_base64(part)
    if style == "2231":
        if filename.isascii():
            part.set_param("name", filename)
            part.add_header("Content-Disposition", disposition, filename=filename)
        else:
            part.set_param("name", ("utf-8", "", filename))
            part.add_header("Content-Disposition", disposition, filename=("utf-8", "", filename))
    elif style == "2047":  # Outlook / Gmail style: encoded-words inside quotes
        enc = Header(filename, "utf-8").encode()
        del part["Content-Type"]
        part["Content-Type"] = f'{maintype}/{subtype}; name="{enc}"'
        part["Content-Disposition"] = f'{disposition}; filename="{enc}"'
    elif style == "2047-latin1":
        enc = Header(filename, "iso-8859-1").encode()
        del part["Content-Type"]
        part["Content-Type"] = f'{maintype}/{subtype}; name="{enc}"'
        part["Content-Disposition"] = f'{disposition}; filename="{enc}"'
    return part


def text_part(text: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "qp",
              flowed: bool = False):
    from email.charset import Charset, QP, BASE64
    cs = Charset(charset)
    cs.body_encoding = QP if cte == "qp" else BASE64
    part = MIMEText(text, subtype, None)
    del part["Content-Transfer-Encoding"]
    del part["Content-Type"]
    part["Content-Type"] = f"text/{subtype}; charset={charset}" + ("; format=flowed" if flowed else "")
    part.set_payload(text, cs)
    return part


def finish(msg, headers):
    for k, v in headers:
        msg[k] = v
    return msg


def write_case(cid, msg, label):
    OUT.mkdir(parents=True, exist_ok=True)
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]
    from email import policy as _pol
    data = msg.as_bytes(policy=_pol.compat32.clone(max_line_length=0))
    (OUT / f"{cid}.eml").write_bytes(data)
    (OUT / f"{cid}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def assemble_label(case, decision, flags, sections, budget, partners, attachments, message,
                   project):
    lab = {"case": case, "decision": decision, "flags": flags, "sections": sections,
           "budget": budget, "partners": [{"name": p} for p in partners],
           "attachments": attachments, "message": message}
    if project:
        lab["project"] = project
    return lab


CHECK_TEXT: dict[str, dict[str, str]] = {}  # case -> filename -> text (for the self-check)


def standard_case(cid, case_desc, parts, source, lines, resources, declared_total, partners,
                  attachments, msg, from_addr, subject, date, project_start, project_end,
                  duration=None):
    sections = sections_label(parts, source)
    budget, line_sum = budget_label(lines, resources, declared_total)
    project = None
    if project_start:
        project = {"start": project_start, "end": project_end,
                   "duration_months": duration or months_between(project_start, project_end)}
    flags = compute_flags(sections, budget, lines, line_sum, resources, date, project, subject)
    decision = decide(flags, date)
    message = {"message_id": msg["Message-ID"], "from": from_addr, "subject": subject,
               "date": date.isoformat()}
    label = assemble_label(case_desc, decision, flags, sections, budget, partners,
                           attachments, message, project)
    write_case(cid, msg, label)
    return label


# =========================================================================== h3n-01
# Two ergonomists' consultancy: DOCX, Heading 1 styles with short nouns of their own.

def case01():
    cid = "h3n-01"
    fname = "Réponse AMI – Dubreuil Kessler ergonomes.docx"
    lines = [
        ("Ergonome senior – Claire Dubreuil (42 jours)", "personnel", 42 * 650),
        ("Ergonome – Anne Kessler (38 jours)", "personnel", 38 * 600),
        ("Déplacements dans les quatre PME (Drôme, Ardèche)", "deplacements_logistique", 2400),
        ("Location de salle et repas des ateliers inter-entreprises", "deplacements_logistique", 1600),
        ("Facilitation graphique des ateliers (prestataire)", "prestations", 3500),
        ("Conception graphique et impression du carnet « Traces »", "prestations", 4200),
    ]
    resources = [
        ("Participation demandée à l'Anact", "anact", 49000),
        ("Autofinancement du cabinet (jours non facturés)", "cofin", 7800),
        ("Région Auvergne-Rhône-Alpes – dispositif Pack Ambition Conseil (demandé)", "cofin", 5000),
    ]
    total = sum(a for _, _, a in lines)
    assert total == 61800 and sum(a for _, _, a in resources) == total
    partners = ["Aract Auvergne-Rhône-Alpes", "CPME Drôme", "Union départementale CFDT de la Drôme",
                "Pôle numérique de Valence"]

    P = {}
    P["contexte"] = ("Depuis douze ans, nous intervenons à deux dans des PME de la vallée du Rhône, "
                     "le plus souvent appelées trop tard : l'ERP est acheté, le paramétrage est figé, "
                     "et l'on nous demande de « faire accepter » l'outil aux équipes.")
    P["objectifs"] = ("Nous voulons faire entrer le travail réel dans les décisions techniques "
                      "avant qu'elles ne soient prises, et non après.")
    P["problematique"] = ("Comment une PME de 20 à 150 salariés, sans DSI ni service RH étoffé, "
                          "peut-elle discuter du travail avec son éditeur de logiciel et ses salariés "
                          "au moment où le choix se fait encore ?")
    P["cibles"] = ("Quatre PME industrielles et de services de la Drôme et de l'Ardèche, engagées "
                   "en 2022-2023 dans le remplacement de leur logiciel de gestion de production "
                   "ou de planification.")
    P["methodologie"] = ("Notre démarche tient en trois gestes, répétés dans chaque entreprise et "
                         "mis en commun entre elles.")
    P["phasage"] = ("Le projet court d'octobre 2022 à novembre 2023, soit quatorze mois, découpés "
                    "en quatre jalons.")
    P["pilotage"] = ("Un comité de pilotage réunit tous les trois mois les dirigeants des quatre PME, "
                     "un représentant du personnel de chacune, l'Aract Auvergne-Rhône-Alpes et nous deux.")
    P["resultats"] = ("Nous attendons des effets dans les entreprises et des objets transmissibles.")
    P["perennisation"] = ("Le carnet de questions et la grille de lecture des démonstrations seront "
                          "publiés sous licence Creative Commons BY-SA, dans l'esprit des communs "
                          "de la connaissance demandé par l'appel.")
    P["partenaires"] = ("Quatre organisations se sont engagées à nos côtés, chacune avec un rôle "
                        "précis :")

    blocks = [
        ("title", "Faire parler le travail avant de choisir le logiciel"),
        ("pi", "Candidature à l'appel à manifestation d'intérêt « Développer le dialogue social "
               "technologique au travail » – La Fabrique CTO. Cabinet Dubreuil & Kessler, "
               "ergonomes associées, 26000 Valence."),
        ("h", "Genèse", 1), ("p", P["contexte"]),
        ("p", "Les logiciels de planification et de gestion de production arrivent aujourd'hui dans "
              "des entreprises de trente salariés, vendus sur démonstration, avec des paramétrages "
              "pensés pour des organisations qui ne ressemblent pas à celles de nos clients. Les "
              "chefs d'atelier bricolent des tableurs parallèles, les opérateurs ressaisissent, "
              "et les CSE découvrent l'outil à la formation."),
        ("h", "Cap", 1), ("p", P["objectifs"]),
        ("ul", ["outiller les PME pour formuler leurs besoins à partir de l'activité réelle, "
                "et pas seulement des fonctionnalités ;",
                "faire participer les salariés et leurs représentants au choix et au paramétrage ;",
                "ouvrir un dialogue entre acheteurs et éditeurs sur les conditions d'usage ;",
                "produire une méthode transférable à d'autres PME et à d'autres consultants."]),
        ("h", "Nœud", 1), ("p", P["problematique"]),
        ("p", "Le dialogue social technologique y est rarement formalisé : il n'y a souvent ni "
              "accord de méthode, ni commission dédiée, et le CSE n'est consulté qu'une fois le "
              "contrat signé."),
        ("h", "Publics", 1), ("p", P["cibles"]),
        ("p", "Dans chacune, nous travaillerons avec la direction, l'encadrement de proximité, un "
              "groupe de six à huit salariés utilisateurs et les élus du CSE ; l'éditeur ou "
              "l'intégrateur retenu est associé aux ateliers de paramétrage."),
        ("h", "Chemin", 1), ("p", P["methodologie"]),
        ("p", "Regarder : des observations courtes de l'activité (deux à trois jours par entreprise) "
              "pour repérer les régulations invisibles que l'outil risque d'écraser."),
        ("p", "Mettre en scène : des « démonstrations inversées », où ce sont les salariés qui "
              "présentent leurs situations de travail à l'éditeur, qui doit y répondre avec son "
              "logiciel, en présence des élus."),
        ("p", "Ajuster : des ateliers de paramétrage où chaque choix est noté avec ses effets "
              "attendus sur le travail, puis un retour à trois mois pour vérifier."),
        ("h", "Jalons", 1), ("p", P["phasage"]),
        ("table", [["Période", "Ce qui se passe"],
                   ["Octobre – décembre 2022", "Lancement dans les quatre PME, observations, premier atelier commun"],
                   ["Janvier – avril 2023", "Démonstrations inversées et choix des outils"],
                   ["Mai – septembre 2023", "Ateliers de paramétrage, déploiement accompagné"],
                   ["Octobre – novembre 2023", "Retours à trois mois, capitalisation, journée de restitution"]],
         True),
        ("h", "Barre", 1), ("p", P["pilotage"]),
        ("p", "Dans chaque entreprise, un binôme direction / élu suit le projet au quotidien avec "
              "nous. Un atelier inter-entreprises réunit deux fois par an les groupes des quatre PME."),
        ("h", "Traces", 1), ("p", P["resultats"]),
        ("ul", ["quatre choix de logiciel argumentés par le travail, et des paramétrages discutés ;",
                "un carnet « Traces » : les questions à poser à un éditeur, illustrées de cas ;",
                "une grille pour lire une démonstration commerciale du point de vue du travail ;",
                "un retour d'expérience écrit, partagé avec le réseau Anact-Aract."]),
        ("h", "Relais", 1), ("p", P["perennisation"]),
        ("p", "Nous formerons à la méthode deux autres cabinets d'ergonomie de la région, et la CPME "
              "Drôme intégrera le carnet à son offre d'appui aux adhérents."),
        ("h", "Alliés", 1), ("p", P["partenaires"]),
        ("ul", ["Aract Auvergne-Rhône-Alpes : appui méthodologique, participation au comité de "
                "pilotage et à la capitalisation ;",
                "CPME Drôme : repérage et mobilisation des PME, diffusion du carnet ;",
                "Union départementale CFDT de la Drôme : formation des élus des quatre CSE aux "
                "démonstrations inversées ;",
                "Pôle numérique de Valence : mise en relation avec les éditeurs et intégrateurs "
                "locaux, accueil de la journée de restitution."]),
        ("h", "Moyens", 1),
        ("p", "Le budget du projet s'élève à " + euro(total) + " HT. Les montants sont hors taxes."),
        ("table", [["Poste", "Montant HT"]]
         + [[lab, euro(a)] for lab, _, a in lines]
         + [["Total des dépenses", euro(total)]], True, {len(lines) + 1}),
        ("p", "Plan de financement :"),
        ("table", [["Ressource", "Montant"]]
         + [[lab, euro(a)] for lab, _, a in resources]
         + [["Total des ressources", euro(total)]], True, {len(resources) + 1}),
    ]
    parts = [("contexte", "Genèse", P["contexte"]), ("objectifs", "Cap", P["objectifs"]),
             ("problematique", "Nœud", P["problematique"]), ("cibles", "Publics", P["cibles"]),
             ("methodologie", "Chemin", P["methodologie"]), ("phasage", "Jalons", P["phasage"]),
             ("pilotage", "Barre", P["pilotage"]), ("resultats", "Traces", P["resultats"]),
             ("perennisation", "Relais", P["perennisation"]),
             ("partenaires", "Alliés", P["partenaires"])]
    data = build_docx(blocks, ("Claire Dubreuil", "Faire parler le travail"))
    CHECK_TEXT[cid] = {fname: doc_text(blocks)}

    date = datetime(2022, 8, 12, 9, 31, 4, tzinfo=PARIS)
    subject = "Candidature – AMI La Fabrique CTO (cabinet Dubreuil & Kessler)"
    from_addr = "claire.dubreuil@dubreuil-kessler-ergo.fr"
    msg = MIMEMultipart("mixed", boundary="------------n01Xq3ZbV7mR2kL9pT5wH8sD")
    body = ("Bonjour,\n\nVeuillez trouver ci-joint notre réponse à l'appel à manifestation "
            "d'intérêt « Développer le dialogue social technologique au travail ».\n"
            "Le document contient la description du projet, le budget et le plan de financement, "
            "ainsi que nos partenaires.\n\nNous restons à votre disposition.\n\n"
            "Bien cordialement,\n\nClaire Dubreuil\nErgonome européenne\n"
            "Cabinet Dubreuil & Kessler – 12 rue Madier-de-Montjau, 26000 Valence\n")
    msg.attach(text_part(body, flowed=True))
    msg.attach(attach(data, "application",
                      "vnd.openxmlformats-officedocument.wordprocessingml.document", fname, "2231"))
    msg.preamble = "This is a multi-part message in MIME format."
    finish(msg, [("Message-ID", "<8c1f2e4a-0b7d-4a51-9f3e-h3n01@dubreuil-kessler-ergo.fr>"),
                 ("Date", format_datetime(date)),
                 ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0"),
                 ("Content-Language", "fr"),
                 ("To", "fabrique@anact.fr"),
                 ("From", Header("Claire Dubreuil", "utf-8").encode() + f" <{from_addr}>"),
                 ("Cc", "anne.kessler@dubreuil-kessler-ergo.fr"),
                 ("Subject", Header(subject, "utf-8").encode())])
    # headers must come first: rebuild order
    msg = reorder(msg)
    return standard_case(cid, "Two ergonomists' consultancy: DOCX with Heading 1 styles as short nouns "
                         "(Genèse, Cap, Nœud, Publics, Chemin, Jalons, Barre, Traces, Relais, Alliés); "
                         "budget and financing tables under 'Moyens'. Complete.",
                         parts, fname, lines, resources, total, partners,
                         [{"filename": fname, "status": "parsed"}], msg, from_addr, subject, date,
                         "2022-10", "2023-11")


def reorder(msg):
    """Put the envelope headers before the MIME headers (as clients do)."""
    items = list(msg.items())
    mime = [(k, v) for k, v in items if k.lower() in ("content-type", "mime-version",
                                                       "content-transfer-encoding")]
    other = [(k, v) for k, v in items if k.lower() not in ("content-type", "mime-version",
                                                            "content-transfer-encoding")]
    for k in set(k for k, _ in items):
        del msg[k]
    for k, v in other + mime:
        msg[k] = v
    return msg


# =========================================================================== h3n-02
# Regional CGT committee: ODT (LibreOffice) with roman-numbered headings; the budget and the
# financing plan entirely in prose paragraphs, co-financing as a total then split.

def case02():
    cid = "h3n-02"
    fname = "Négocier le numérique - CR CGT Bretagne.odt"
    # the budget, as the prose states it
    lines = [
        ("Temps des deux conseillers régionaux", "personnel", 30000),
        ("Temps des militants formateurs (valorisé)", "personnel", 8000),
        ("Déplacements et hébergement des journées régionales", "deplacements_logistique", 4300),
        ("Location de salles et repas", "deplacements_logistique", 2200),
        ("Expertise d'un cabinet agréé", "prestations", 18000),
        ("Guide et capsules vidéo", "prestations", 7500),
    ]
    resources = [("Anact", "anact", 56000), ("Temps valorisé des militants", "cofin", 8000),
                 ("Fonds propres du comité régional", "cofin", 6000)]
    total = sum(a for _, _, a in lines)
    assert total == 70000 and sum(a for _, _, a in resources) == total
    cof = 8000 + 6000
    assert cof / total == 0.2  # exactly the minimum: not below
    partners = ["Aract Bretagne", "Union départementale CGT d'Ille-et-Vilaine",
                "Union départementale CGT du Finistère", "Université Rennes 2"]

    P = {}
    P["contexte"] = ("En Bretagne, les syndicats CGT des entreprises de l'agroalimentaire, de la "
                     "logistique et de la grande distribution voient arriver depuis trois ans des "
                     "outils qui changent le travail plus vite que les accords ne changent.")
    P["objectifs"] = ("Le projet vise à donner aux élus et mandatés CGT les moyens de négocier le "
                      "numérique, et pas seulement d'en subir les effets.")
    P["problematique"] = ("La question que nous posons est simple à dire et difficile à traiter : "
                          "comment un syndicat peut-il peser sur un choix technique quand "
                          "l'information arrive tard, qu'elle est technique et que les élus ont "
                          "peu d'heures de délégation ?")
    P["cibles"] = ("Le projet s'adresse d'abord aux élus des CSE et des CSSCT, aux délégués "
                   "syndicaux et aux représentants de proximité de huit entreprises bretonnes "
                   "de 50 à 400 salariés.")
    P["methodologie"] = ("Nous partons du travail et des situations vécues, pas des outils : "
                         "c'est la méthode de l'enquête syndicale, que nous adaptons au numérique.")
    P["phasage"] = ("Le projet se déroulera de septembre 2022 à octobre 2023, en trois temps.")
    P["pilotage"] = ("Le projet est piloté par un comité de pilotage régional qui se réunit une "
                     "fois par trimestre.")
    P["resultats"] = ("À l'issue du projet, nous attendons d'abord que dans au moins six des huit "
                      "entreprises, un accord de méthode ou un relevé de décisions encadre le "
                      "prochain projet numérique.")
    P["perennisation"] = ("La formation « Négocier le numérique » sera inscrite au catalogue du "
                          "centre de formation syndicale régional à partir de 2024.")
    P["partenaires"] = ("Quatre partenaires sont mobilisés. L'Aract Bretagne apporte son expertise "
                        "sur l'analyse du travail et co-anime les journées régionales.")

    budget_paras = [
        "Le coût total du projet est estimé à 70 000 €.",
        "Les dépenses de personnel représentent 38 000 €. Il s'agit du temps des deux conseillers "
        "régionaux qui animeront le projet, pour 30 000 €, et du temps des militants formateurs, "
        "valorisé à 8 000 €.",
        "Les frais de déplacement et de logistique s'élèvent à 6 500 € : 4 300 € pour les "
        "déplacements et l'hébergement des participants aux journées régionales, et 2 200 € pour "
        "la location de salles et les repas.",
        "Les prestations représentent 25 500 € : l'expertise d'un cabinet agréé auprès des CSE "
        "pour 18 000 €, et la réalisation du guide et de capsules vidéo pour 7 500 €.",
        "Pour financer ce projet, nous sollicitons de l'Anact une aide de 56 000 €. Nous prenons "
        "en charge 14 000 €, dont 8 000 € de temps valorisé de nos militants et 6 000 € sur les "
        "fonds propres du comité régional, soit 20 % du coût total. Nous ne sollicitons pas "
        "d'autre financement.",
    ]
    assert 30000 + 8000 == 38000 and 4300 + 2200 == 6500 and 18000 + 7500 == 25500
    assert 38000 + 6500 + 25500 == total

    H = {
        "contexte": "I. D'où nous partons",
        "objectifs": "II. Ce que nous voulons",
        "problematique": "III. La question posée",
        "cibles": "IV. Avec qui, pour qui",
        "methodologie": "V. Notre manière de faire",
        "phasage": "VI. Le calendrier",
        "pilotage": "VII. Qui pilote",
        "resultats": "VIII. Ce qui doit en sortir",
        "perennisation": "IX. Après le projet",
        "partenaires": "X. Nos partenaires",
    }
    blocks = [
        ("title", "Négocier le numérique : une enquête syndicale outillée"),
        ("p", "Comité régional CGT Bretagne – 31 boulevard du Portugal, 35200 Rennes. "
              "Réponse à l'appel à manifestation d'intérêt de l'Anact « Développer le dialogue "
              "social technologique au travail »."),
        ("h", H["contexte"], 1), ("p", P["contexte"]),
        ("p", "Gestion des entrepôts par commande vocale, caisses automatiques, badges et "
              "géolocalisation des chauffeurs, plannings calculés par logiciel : les élus "
              "nous disent qu'ils sont consultés sur un outil déjà choisi, avec une note "
              "d'information rédigée par le fournisseur. Une enquête menée en 2021 auprès de "
              "212 élus bretons montre que 71 % d'entre eux n'ont jamais eu accès à une "
              "démonstration avant la consultation."),
        ("h", H["objectifs"], 1), ("p", P["objectifs"]),
        ("p", "Concrètement, nous voulons former 60 élus à l'analyse des projets numériques, "
              "accompagner huit équipes syndicales dans une démarche d'enquête auprès des "
              "salariés, et obtenir dans ces entreprises des règles de dialogue écrites avant "
              "les prochains déploiements."),
        ("h", H["problematique"], 1), ("p", P["problematique"]),
        ("h", H["cibles"], 1), ("p", P["cibles"]),
        ("p", "Au-delà des élus, ce sont les salariés concernés par les outils (préparateurs de "
              "commandes, caissières, chauffeurs, agents de planification) qui seront interrogés "
              "et associés aux restitutions."),
        ("h", H["methodologie"], 1), ("p", P["methodologie"]),
        ("p", "Dans chaque entreprise, l'équipe syndicale construit avec nous un questionnaire "
              "court et des entretiens collectifs auprès des salariés qui utilisent l'outil. "
              "Les résultats sont mis en forme avec l'appui d'un cabinet d'expertise, puis "
              "portés en réunion de CSE sous forme de propositions. Entre les entreprises, des "
              "journées régionales permettent de comparer les situations et de construire des "
              "revendications communes."),
        ("h", H["phasage"], 1), ("p", P["phasage"]),
        ("p", "De septembre à décembre 2022, nous formons les 60 élus (trois sessions de deux "
              "jours) et choisissons les huit entreprises. De janvier à juin 2023, les équipes "
              "mènent les enquêtes et portent leurs propositions en CSE. De juillet à octobre "
              "2023, nous faisons le bilan, écrivons le guide et tenons la journée régionale de "
              "clôture, prévue le 17 octobre 2023."),
        ("h", H["pilotage"], 1), ("p", P["pilotage"]),
        ("p", "Il réunit deux membres du bureau du comité régional, un représentant de chaque "
              "union départementale partenaire, l'Aract Bretagne et une chercheuse de "
              "l'Université Rennes 2. Un groupe de suivi plus restreint, formé des deux "
              "conseillers régionaux, fait le point chaque mois avec les équipes."),
        ("h", H["resultats"], 1), ("p", P["resultats"]),
        ("p", "Nous attendons aussi un guide syndical « Négocier le numérique » tiré de ces huit "
              "expériences, des capsules vidéo courtes pour les élus, et une meilleure "
              "connaissance partagée, avec l'Aract, des effets de ces outils sur le travail."),
        ("h", H["perennisation"], 1), ("p", P["perennisation"]),
        ("p", "Le guide sera diffusé librement à toutes les organisations syndicales, et "
              "présenté aux autres comités régionaux CGT pour qu'ils reprennent la démarche."),
        ("h", H["partenaires"], 1), ("p", P["partenaires"]),
        ("p", "L'Union départementale CGT d'Ille-et-Vilaine et l'Union départementale CGT du "
              "Finistère repèrent les entreprises, mobilisent les équipes syndicales et mettent à disposition leurs "
              "locaux. L'Université Rennes 2 (laboratoire LiRIS) accompagne la construction "
              "des questionnaires et l'analyse des enquêtes."),
        ("h", "XI. Le budget et son financement", 1),
    ] + [("p", t) for t in budget_paras]
    parts = [(sid, H[sid], P[sid]) for sid in SECTION_IDS]
    docx_bytes = build_docx(blocks, ("CR CGT Bretagne", "Négocier le numérique"))
    tmp = WORK / cid
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "CGT Bretagne - projet Fabrique CTO.docx"
    src.write_bytes(docx_bytes)
    odt = soffice(src, "odt", tmp / "out")
    data = norm_zip(odt.read_bytes(), fix_dates_xml)
    CHECK_TEXT[cid] = {fname: doc_text(blocks)}

    date = datetime(2022, 8, 22, 16, 47, 12, tzinfo=PARIS)
    subject = "Candidature AMI Fabrique CTO - Comité régional CGT Bretagne"
    from_addr = "cr.bretagne@cgt-bretagne.fr"
    msg = MIMEMultipart("mixed", boundary="_004_PR1P264MB1873C9A2n02_")
    alt = MIMEMultipart("alternative", boundary="_000_PR1P264MB1873C9A2n02_")
    txt = ("Madame, Monsieur,\n\nVous trouverez ci-joint la réponse du Comité régional CGT "
           "Bretagne à l'appel à manifestation d'intérêt « Développer le dialogue social "
           "technologique au travail ».\n\nLe dossier comprend la description du projet, nos "
           "partenaires, ainsi que le budget et son plan de financement.\n\nSalutations "
           "syndicales,\n\nGaëlle Le Bihan\nSecrétaire régionale\nComité régional CGT Bretagne\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;} --></style>"
            "</head><body lang=\"FR\"><div class=\"WordSection1\">"
            "<p class=\"MsoNormal\">Madame, Monsieur,</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Vous trouverez ci-joint la réponse du Comité régional CGT "
            "Bretagne à l'appel à manifestation d'intérêt « Développer le dialogue social "
            "technologique au travail ».</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Le dossier comprend la description du projet, nos partenaires, "
            "ainsi que le budget et son plan de financement.</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\">Salutations syndicales,</p><p class=\"MsoNormal\">&nbsp;</p>"
            "<p class=\"MsoNormal\"><b>Gaëlle Le Bihan</b><br>Secrétaire régionale<br>"
            "Comité régional CGT Bretagne</p></div></body></html>")
    alt.attach(text_part(txt, "plain", "iso-8859-1", "qp"))
    alt.attach(text_part(html, "html", "iso-8859-1", "qp"))
    msg.attach(alt)
    msg.attach(attach(data, "application", "vnd.oasis.opendocument.text", fname, "2047-latin1"))
    finish(msg, [("From", f"=?iso-8859-1?Q?Comit=E9_r=E9gional_CGT_Bretagne?= <{from_addr}>"),
                 ("To", "\"fabrique@anact.fr\" <fabrique@anact.fr>"),
                 ("Subject", Header(subject, "iso-8859-1").encode()),
                 ("Thread-Topic", Header(subject, "iso-8859-1").encode()),
                 ("Thread-Index", "AdizXk0lq3Wn5b8cTWm2n02pQeZ7hA=="),
                 ("Date", format_datetime(date)),
                 ("Message-ID", "<PR1P264MB1873C9A2B7E4D01F0E2A4C5B9n02@PR1P264MB1873.FRAP264.PROD.OUTLOOK.COM>"),
                 ("Accept-Language", "fr-FR, en-US"),
                 ("Content-Language", "fr-FR"),
                 ("X-MS-Has-Attach", "yes"),
                 ("X-MS-TNEF-Correlator", "")])
    msg = reorder(msg)
    return standard_case(cid, "Regional CGT committee: ODT from LibreOffice, roman-numbered heading "
                         "styles; budget and financing plan written only in prose, co-financing "
                         "given as a total (14 000 €) then split; exactly 20 %. Complete.",
                         parts, fname, lines, resources, total, partners,
                         [{"filename": fname, "status": "parsed"}], msg, from_addr, subject, date,
                         "2022-09", "2023-10")



# =========================================================================== h3n-03
# Hospital occupational health department: DOCX -> PDF (LibreOffice), bold question lines as
# headings, a two-column budget (Dépenses | Ressources side by side in one table), staff
# time and rooms in kind counted on both sides. Zimbra webmail, inline logo.

def png_logo(text: str, color=(0, 94, 151)) -> bytes:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (180, 48), (255, 255, 255))
    dr = ImageDraw.Draw(im)
    dr.rectangle([0, 0, 40, 47], fill=color)
    dr.text((50, 16), text, fill=color)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def case03():
    cid = "h3n-03"
    fname = "SST_GHSL_AMI_FabriqueCTO_2022.pdf"
    exp = [
        ("Médecin du travail coordonnateur (0,1 ETP sur 12 mois)", "personnel", 11000),
        ("Ergonome du service (0,3 ETP sur 12 mois)", "personnel", 16500),
        ("Temps des agents en groupes d'analyse (valorisation, 300 heures)", "personnel", 9000),
        ("Déplacements entre les trois sites", "deplacements_logistique", 1800),
        ("Salles de formation mises à disposition (valorisation)", "deplacements_logistique", 1200),
        ("Accompagnement méthodologique par un cabinet d'ergonomie (prestation)", "prestations", 14000),
        ("Conception et impression du guide", "prestations", 2500),
    ]
    res = [
        ("Anact – La Fabrique CTO (sollicité)", "anact", 42000),
        ("Autofinancement du GHSL", "cofin", 3800),
        ("Contribution en nature : temps des agents", "cofin", 9000),
        ("Contribution en nature : salles de formation", "cofin", 1200),
    ]
    total = sum(a for _, _, a in exp)
    assert total == 56000 and sum(a for _, _, a in res) == total
    partners = ["Aract Pays de la Loire", "Nantes Université",
                "Syndicat CFDT Santé-Sociaux de Loire-Atlantique"]
    H = {
        "contexte": "Pourquoi ce projet ?",
        "objectifs": "Que voulons-nous obtenir ?",
        "problematique": "Quelle question le numérique nous pose-t-il ?",
        "cibles": "Pour qui ?",
        "methodologie": "Comment ?",
        "phasage": "Quand ?",
        "pilotage": "Qui décide ?",
        "resultats": "Qu'en attendons-nous ?",
        "perennisation": "Et après ?",
        "partenaires": "Avec qui ?",
    }
    P = {
        "contexte": "Le Groupe hospitalier Sud-Loire emploie 3 400 agents sur trois sites. Depuis "
                    "2020, le dossier patient informatisé, la traçabilité des soins sur tablette et "
                    "la planification automatisée des équipes ont profondément modifié le travail "
                    "des soignants.",
        "objectifs": "Nous voulons que les prochains déploiements numériques de l'établissement "
                     "soient discutés à partir du travail réel des équipes, avec leurs "
                     "représentants, avant d'être arrêtés.",
        "problematique": "À l'hôpital, les outils numériques sont choisis par des directions "
                         "fonctionnelles, paramétrés par des éditeurs et vécus par des soignants "
                         "qui n'ont pas eu voix au chapitre.",
        "cibles": "Trois services pilotes (médecine polyvalente, urgences, SSR gériatrique), soit "
                  "environ 240 agents : infirmiers, aides-soignants, secrétaires médicales, "
                  "cadres de santé.",
        "methodologie": "La démarche s'appuie sur l'analyse de l'activité et sur des groupes de "
                        "parole outillés, conduits par l'ergonome du service avec l'appui d'un "
                        "cabinet extérieur.",
        "phasage": "Le projet débute en novembre 2022 et s'achève en octobre 2023.",
        "pilotage": "Un comité de pilotage présidé par le directeur des ressources humaines se "
                    "réunit tous les quatre mois.",
        "resultats": "Nous attendons trois types de résultats : des décisions concrètes sur les "
                     "outils des trois services, une méthode et un guide.",
        "perennisation": "La méthode sera intégrée à la procédure de conduite de projet de la "
                         "direction du numérique : tout nouveau logiciel clinique passera par une "
                         "phase d'analyse du travail avec le service de santé au travail.",
        "partenaires": "L'Aract Pays de la Loire apportera un appui méthodologique et participera "
                       "au comité de pilotage.",
    }
    extra = {
        "contexte": ["Le service de santé au travail constate dans ses consultations une hausse "
                     "des plaintes liées à ces outils : double saisie, interruptions, sentiment "
                     "de soigner l'écran plutôt que le patient. Le CHSCT puis la formation "
                     "spécialisée du CSE ont demandé en 2021 une étude de ces effets."],
        "objectifs": ["Il s'agit de documenter les effets des outils sur le travail de soin, de "
                      "construire avec les équipes des propositions d'ajustement, et d'installer "
                      "une instance de dialogue durable entre la direction du numérique, les "
                      "soignants et les représentants du personnel."],
        "problematique": ["Comment faire entrer la voix du travail dans les décisions techniques "
                          "d'un établissement où le temps manque et où l'urgence est la règle ?"],
        "cibles": ["Sont aussi visés la direction du numérique, la direction des soins et les "
                   "membres de la formation spécialisée en santé, sécurité et conditions de "
                   "travail du CSE."],
        "methodologie": ["Dans chaque service, l'ergonome observe les usages (une semaine par "
                         "service), puis réunit un groupe de huit agents volontaires pendant "
                         "quatre séances. Les constats sont mis en discussion avec la direction "
                         "du numérique et l'éditeur lors de séances de confrontation, en présence "
                         "des représentants du personnel."],
        "phasage": ["Novembre 2022 – janvier 2023 : observations dans les trois services. "
                    "Février – mai 2023 : groupes d'analyse et séances de confrontation. "
                    "Juin – août 2023 : mise en œuvre des ajustements. Septembre – octobre 2023 : "
                    "évaluation, rédaction du guide et restitution."],
        "pilotage": ["Il associe la médecin du travail coordonnatrice, le directeur du numérique, "
                     "la directrice des soins, deux membres de la formation spécialisée du CSE "
                     "et l'Aract Pays de la Loire. Une équipe projet (médecin, ergonome, cadre "
                     "de santé référent) se réunit chaque mois."],
        "resultats": ["Le guide « Déployer un outil numérique dans un service de soins » sera "
                      "diffusé au sein du GHSL et auprès des établissements du groupement "
                      "hospitalier de territoire."],
        "perennisation": ["Nous présenterons la démarche au réseau des services de santé au "
                          "travail hospitaliers et au groupement hospitalier de territoire, "
                          "qui compte six établissements."],
        "partenaires": ["Nantes Université (laboratoire de psychologie des Pays de la Loire) "
                        "accompagnera l'évaluation de la démarche. Le syndicat CFDT Santé-Sociaux "
                        "de Loire-Atlantique formera les représentants du personnel aux "
                        "séances de confrontation."],
    }
    blocks = [("title", "Soigner avec l'écran : le travail d'abord"),
              ("p", "Candidature du service de santé au travail du Groupe hospitalier Sud-Loire "
                    "(GHSL) à l'appel à manifestation d'intérêt de l'Anact « Développer le "
                    "dialogue social technologique au travail » – La Fabrique CTO.")]
    for sid in SECTION_IDS:
        blocks.append(("hb", H[sid]))
        blocks.append(("p", P[sid]))
        for t in extra[sid]:
            blocks.append(("p", t))
    n = max(len(exp), len(res))
    rows = [["Dépenses", "Montant", "Ressources", "Montant"]]
    for i in range(n):
        left = [exp[i][0], euro(exp[i][2])] if i < len(exp) else ["", ""]
        right = [res[i][0], euro(res[i][2])] if i < len(res) else ["", ""]
        rows.append(left + right)
    rows.append(["Total des dépenses", euro(total), "Total des ressources", euro(total)])
    blocks += [("hb", "Combien ?"),
               ("p", "Le budget prévisionnel, présenté en équilibre, intègre les contributions en "
                     "nature de l'établissement (temps des agents et salles), valorisées en "
                     "dépenses comme en ressources. Montants en euros, l'établissement ne "
                     "récupérant pas la TVA."),
               ("table", rows, True, {len(rows) - 1}, (5.4, 2.5, 4.8, 2.5))]
    parts = [(sid, H[sid], P[sid]) for sid in SECTION_IDS]
    docx_bytes = build_docx(blocks, ("Service de santé au travail", "Soigner avec l'écran"))
    tmp = WORK / cid
    tmp.mkdir(parents=True, exist_ok=True)
    src = tmp / "SST_GHSL_AMI_FabriqueCTO_2022.docx"
    src.write_bytes(docx_bytes)
    pdf = soffice(src, "pdf:writer_pdf_Export", tmp / "out")
    data = fix_pdf(pdf.read_bytes())
    CHECK_TEXT[cid] = {fname: doc_text(blocks)}

    logo = png_logo("GHSL - Sante au travail")
    date = datetime(2022, 8, 18, 14, 5, 51, tzinfo=PARIS)
    subject = "Appel à manifestation d'intérêt - candidature du service de santé au travail GHSL"
    from_addr = "sante.travail@gh-sudloire.fr"
    msg = MIMEMultipart("mixed", boundary="=_d1f0a8e2-77b3-4c1e-n03m-5b9e2f7c0a11")
    alt = MIMEMultipart("alternative", boundary="=_0c7e4b19-3a2d-4f5e-n03a-8d1e6c2b9f47")
    txt = ("Bonjour,\n\nJe vous prie de trouver ci-joint la candidature du service de santé au "
           "travail du Groupe hospitalier Sud-Loire à l'appel à manifestation d'intérêt La "
           "Fabrique CTO.\n\nLe document PDF comprend la description du projet, le budget "
           "(dépenses et ressources) et nos partenaires.\n\nBien cordialement,\n\n"
           "Dr Hélène Guérin\nMédecin du travail coordonnatrice\nService de santé au travail - GHSL\n")
    html = ("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: 12pt; "
            "color: #000000\"><div>Bonjour,</div><div><br></div><div>Je vous prie de trouver "
            "ci-joint la candidature du service de santé au travail du Groupe hospitalier "
            "Sud-Loire à l'appel à manifestation d'intérêt La Fabrique CTO.</div><div><br></div>"
            "<div>Le document PDF comprend la description du projet, le budget (dépenses et "
            "ressources) et nos partenaires.</div><div><br></div><div>Bien cordialement,</div>"
            "<div><br></div><div data-marker=\"__SIG_PRE__\"><img src=\"cid:logo-ghsl@zimbra\" "
            "alt=\"GHSL\" width=\"180\" height=\"48\"><br>Dr Hélène Guérin<br>Médecin du travail "
            "coordonnatrice<br>Service de santé au travail - GHSL</div></div></body></html>")
    alt.attach(text_part(txt, "plain", "utf-8", "qp"))
    rel = MIMEMultipart("related", boundary="=_5e2a9c40-1b8f-4d3a-n03r-7c6f0e1d2a58")
    rel.attach(text_part(html, "html", "utf-8", "qp"))
    img = MIMEBase("image", "png")
    img.set_payload(logo)
    encoders.encode_base64(img)
    img.set_param("name", "logo-ghsl.png")
    img["Content-Disposition"] = 'inline; filename=logo-ghsl.png'
    img["Content-ID"] = "<logo-ghsl@zimbra>"
    rel.attach(img)
    alt.attach(rel)
    msg.attach(alt)
    msg.attach(attach(data, "application", "pdf", fname, "2231"))
    finish(msg, [("Return-Path", f"<{from_addr}>"),
                 ("Date", format_datetime(date)),
                 ("From", Header("Dr Hélène Guérin", "utf-8").encode() + f" <{from_addr}>"),
                 ("To", "fabrique@anact.fr"),
                 ("Message-ID", "<1523876401.884213.1660824351210.JavaMail.zimbra@gh-sudloire.fr>"),
                 ("Subject", Header(subject, "utf-8").encode()),
                 ("X-Mailer", "Zimbra 8.8.15_GA_4372 (ZimbraWebClient - FF103 (Win)/8.8.15_GA_4372)"),
                 ("Thread-Index", "n03Zb7hRk2pQ1aWc9eXyT4mU0sLg"),
                 ("Thread-Topic", Header(subject, "utf-8").encode())])
    msg = reorder(msg)
    return standard_case(cid, "Hospital occupational health department: Writer PDF, bold question "
                         "lines as headings, two-column budget table (Dépenses | Ressources) with "
                         "staff time and rooms in kind on both sides; Zimbra, inline logo. Complete.",
                         parts, fname, exp, res, total, partners,
                         [{"filename": fname, "status": "parsed"},
                          {"filename": "logo-ghsl.png", "status": "skipped"}],
                         msg, from_addr, subject, date, "2022-11", "2023-10")


# =========================================================================== h3n-04
# Temporary-work agency network: fpdf2 PDF with bold headings of its own, no part on the
# steering at all (no heading, no text) but "Notre équipe" and "Références" the call does not
# ask for; XLSX budget with formulas (values cached by LibreOffice). Gmail.

def build_xlsx(path: Path, fill) -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    fill(wb)
    wb.properties.creator = "Tempo Ouest"
    wb.properties.created = datetime(2022, 8, 1, 9, 0, 0)
    wb.properties.modified = datetime(2022, 8, 1, 9, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    out = soffice(path, "xlsx:Calc MS Excel 2007 XML", path.parent / "out")
    return norm_zip(out.read_bytes(), fix_dates_xml)


def case04():
    cid = "h3n-04"
    pdf_name = "Dossier_candidature_ReseauTempoOuest.pdf"
    xlsx_name = "Budget prévisionnel Tempo Ouest.xlsx"
    # (label, category, quantity, unit cost)
    rows = [
        ("Cheffe de projet réseau (45 jours)", "personnel", 45, 500),
        ("Responsables d'agence (6 × 5 jours)", "personnel", 30, 400),
        ("Déplacements inter-agences", "deplacements_logistique", 1, 3200),
        ("Location de salles pour les ateliers intérimaires", "deplacements_logistique", 6, 300),
        ("Cabinet conseil en ergonomie (honoraires)", "prestations", 32, 500),
        ("Développement du prototype d'application (prestataire)", "prestations", 1, 9500),
    ]
    lines = [(lab, cat, q * u) for lab, cat, q, u in rows]
    res = [("Anact – AMI La Fabrique CTO", "anact", 51000),
           ("Fonds propres du réseau Tempo Ouest", "cofin", 10000),
           ("FAF.TT – appui à l'innovation (demande en cours)", "cofin", 4000)]
    total = sum(a for _, _, a in lines)
    assert total == 65000 and sum(a for _, _, a in res) == total
    partners = ["Aract Pays de la Loire", "Prism'emploi",
                "Union régionale CFDT des Pays de la Loire"]

    def fill(wb):
        from openpyxl.styles import Font
        ws = wb.active
        ws.title = "Budget"
        ws["A1"] = "Réseau Tempo Ouest – Budget prévisionnel du projet « Mission lisible »"
        ws["A1"].font = Font(bold=True, size=12)
        ws.append([])
        ws.append(["Poste de dépense", "Nature", "Quantité", "Coût unitaire HT (€)", "Montant HT (€)"])
        nature = {"personnel": "Personnel", "deplacements_logistique": "Déplacements et logistique",
                  "prestations": "Prestations"}
        first = ws.max_row + 1
        for lab, cat, q, u in rows:
            r = ws.max_row + 1
            ws.append([lab, nature[cat], q, u, f"=C{r}*D{r}"])
        last = ws.max_row
        ws.append(["Total des dépenses", None, None, None, f"=SUM(E{first}:E{last})"])
        tot_row = ws.max_row
        ws.append([])
        ws.append(["Plan de financement", None, None, None, "Montant (€)"])
        f1 = ws.max_row + 1
        for lab, _, a in res:
            ws.append([lab, None, None, None, a])
        f2 = ws.max_row
        ws.append(["Total des ressources", None, None, None, f"=SUM(E{f1}:E{f2})"])
        ws.append(["Part du co-financement", None, None, None, f"=(E{f1+1}+E{f2})/E{tot_row}"])
        ws.column_dimensions["A"].width = 58
        ws.column_dimensions["B"].width = 26
        ws.column_dimensions["E"].width = 16

    xdata = build_xlsx(WORK / cid / xlsx_name, fill)
    # the cached values must be the intended ones
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(xdata), data_only=True)
    vals = [r for r in wb.active.iter_rows(values_only=True)]
    got_total = [r[4] for r in vals if r[0] == "Total des dépenses"][0]
    assert abs(got_total - total) < 0.01, got_total

    H = {
        "contexte": "Pourquoi maintenant",
        "objectifs": "Ce que nous cherchons",
        "problematique": "Le point dur",
        "cibles": "Qui est concerné",
        "methodologie": "Notre démarche",
        "phasage": "Étapes et calendrier",
        "resultats": "Ce que le projet laissera",
        "perennisation": "Au-delà de 2023",
        "partenaires": "Nos partenaires et leur rôle",
    }
    P = {
        "contexte": "Le réseau Tempo Ouest fédère douze agences d'emploi indépendantes en Pays de "
                    "la Loire et en Bretagne, qui délèguent chaque semaine près de 2 800 "
                    "intérimaires dans l'industrie, la logistique et le BTP.",
        "objectifs": "Le projet « Mission lisible » poursuit trois objectifs, que nous voulons "
                     "évaluables à la fin de l'année 2023.",
        "problematique": "L'intérimaire n'est ni salarié permanent de l'entreprise utilisatrice, "
                         "ni vraiment présent dans l'agence : il n'a de place dans aucune instance "
                         "où l'on discute des outils qu'il utilise.",
        "cibles": "Le projet concerne d'abord les intérimaires des six agences pilotes, soit "
                  "environ 1 300 personnes en mission chaque semaine.",
        "methodologie": "Nous procédons par cycles courts, agence par agence, en partant des "
                        "situations que les intérimaires racontent.",
        "phasage": "Le projet commence en septembre 2022 et se termine en septembre 2023.",
        "resultats": "À la fin du projet, le réseau disposera d'un parcours numérique de mission "
                     "revu avec les intérimaires, d'une charte d'usage des outils signée par les "
                     "agences et d'un prototype d'application testé.",
        "perennisation": "La charte d'usage sera proposée à l'ensemble des douze agences du "
                         "réseau dès janvier 2024, puis à Prism'emploi pour une diffusion "
                         "nationale auprès des agences indépendantes.",
        "partenaires": "Trois partenaires se sont engagés par écrit à nos côtés.",
    }
    extra = {
        "contexte": ["Depuis la crise sanitaire, tout le parcours de l'intérimaire est passé par "
                     "le téléphone : inscription, contrat de mission signé en ligne, relevés "
                     "d'heures, bulletins de paie, propositions de missions par SMS. Les "
                     "agences constatent des erreurs d'heures, des missions refusées faute "
                     "d'avoir compris une notification, et des intérimaires qui décrochent."],
        "objectifs": ["Rendre le parcours numérique de mission compréhensible par ceux qui le "
                      "vivent ; donner aux intérimaires une voix dans le choix et le "
                      "paramétrage des outils ; construire avec les entreprises utilisatrices "
                      "des règles communes d'usage (horaires d'envoi des propositions, "
                      "validation des heures, droit à l'erreur)."],
        "problematique": ["Comment organiser un dialogue sur les outils numériques avec des "
                          "salariés dispersés, en contrats courts, qui changent d'entreprise "
                          "plusieurs fois par an ?"],
        "cibles": ["Sont aussi concernés les permanents des agences (chargés de recrutement, "
                   "assistantes paie) et les responsables de production de huit entreprises "
                   "utilisatrices volontaires."],
        "methodologie": ["Chaque cycle comprend des entretiens flash à l'agence au moment du "
                         "retour des relevés d'heures, un atelier de deux heures réunissant "
                         "intérimaires, permanents et une entreprise utilisatrice, puis un test "
                         "des ajustements pendant six semaines. Un cabinet d'ergonomes conduit "
                         "les ateliers et forme les permanents à les animer."],
        "phasage": ["Septembre – novembre 2022 : entretiens flash dans les six agences pilotes. "
                    "Décembre 2022 – mars 2023 : ateliers tripartites et premières règles "
                    "d'usage. Avril – juillet 2023 : développement et test du prototype. "
                    "Août – septembre 2023 : bilan, charte d'usage et journée réseau."],
        "resultats": ["Nous mesurerons la baisse des réclamations sur les heures et le taux "
                      "de missions acceptées après notification."],
        "perennisation": ["Les ateliers tripartites deviendront une pratique annuelle des agences "
                          "pilotes, animée par les permanents formés."],
        "partenaires": ["L'Aract Pays de la Loire apporte son expertise sur l'analyse du travail "
                        "et la capitalisation. Prism'emploi relaie la démarche auprès des "
                        "agences indépendantes. L'Union régionale CFDT des Pays de la Loire "
                        "mobilise ses militants intérimaires et participe aux ateliers."],
    }
    equipe = ["Sophie Marchand, cheffe de projet réseau, a dirigé pendant dix ans une agence "
              "d'emploi à Cholet avant de rejoindre la tête de réseau en 2019.",
              "Karim Benali, responsable de l'agence de Saint-Nazaire, a conduit en 2021 le "
              "passage du réseau à la signature électronique des contrats.",
              "Lucie Tanguy, assistante paie, connaît de l'intérieur les difficultés de relevé "
              "d'heures dont parlent les intérimaires."]
    refs = ["2021 : enquête auprès de 600 intérimaires du réseau sur l'usage du téléphone en "
            "mission (rapport disponible sur demande).",
            "2020 : démarche qualité de vie au travail des permanents, avec l'appui de l'OPCO.",
            "2019 : charte d'accueil sécurité des intérimaires, co-écrite avec quatre entreprises "
            "utilisatrices de la métropole nantaise."]
    order = ["contexte", "problematique", "objectifs", "cibles", "methodologie", "phasage",
             "resultats", "perennisation", "partenaires"]
    doc = [("title", "Mission lisible"),
           ("sub", "Réseau Tempo Ouest – réponse à l'AMI « Développer le dialogue social "
                   "technologique au travail » (La Fabrique CTO, Anact) – août 2022"),
           ("h", "Notre équipe")] + [("p", t) for t in equipe]
    for sid in order:
        doc.append(("h", H[sid]))
        doc.append(("p", P[sid]))
        doc += [("p", t) for t in extra[sid]]
    doc.append(("h", "Références"))
    doc += [("li", t) for t in refs]
    doc.append(("h", "Budget"))
    doc.append(("p", "Le budget détaillé figure dans le fichier joint « " + xlsx_name + " ». Le "
                     "coût total du projet est de " + euro(total) + " HT ; nous sollicitons "
                     + euro(51000) + " auprès de l'Anact."))

    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 23, 22, 10, 0, tzinfo=PARIS))
    pdf.set_creator("Tempo Ouest")
    pdf.set_author("Sophie Marchand")
    pdf.set_title("Mission lisible")
    fdir = "/usr/share/fonts/truetype/dejavu/"
    pdf.add_font("DejaVu", "", fdir + "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", fdir + "DejaVuSans-Bold.ttf")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    for kind, t in doc:
        if kind == "title":
            pdf.set_font("DejaVu", "B", 20)
            pdf.multi_cell(0, 10, t, new_x="LMARGIN", new_y="NEXT")
        elif kind == "sub":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "h":
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", 13)
            pdf.multi_cell(0, 7, t, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(0, 5.5, t, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "li":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(0, 5.5, "– " + t, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    pdata = bytes(pdf.output())
    CHECK_TEXT[cid] = {pdf_name: "\n".join(t for _, t in doc)}
    parts = [(sid, H[sid], P[sid]) for sid in order]

    date = datetime(2022, 8, 23, 23, 41, 37, tzinfo=PARIS)
    subject = "Candidature Réseau Tempo Ouest – AMI Fabrique CTO"
    from_addr = "sophie.marchand.tempoouest@gmail.com"
    msg = MIMEMultipart("mixed", boundary="000000000000b1f3e705e6f0n04a")
    alt = MIMEMultipart("alternative", boundary="000000000000b1f3e205e6f0n04b")
    txt = ("Bonjour,\n\nVoici la candidature du réseau Tempo Ouest à l'AMI La Fabrique CTO : le "
           "dossier en PDF et le budget prévisionnel sous Excel.\n\nMerci de nous confirmer la "
           "bonne réception.\n\nSophie Marchand\nCheffe de projet – Réseau Tempo Ouest\n"
           "06 71 42 18 90\n")
    html = ("<div dir=\"ltr\"><div>Bonjour,</div><div><br></div><div>Voici la candidature du "
            "réseau Tempo Ouest à l'AMI La Fabrique CTO : le dossier en PDF et le budget "
            "prévisionnel sous Excel.</div><div><br></div><div>Merci de nous confirmer la bonne "
            "réception.</div><div><br></div>-- <br><div dir=\"ltr\" class=\"gmail_signature\">"
            "<div>Sophie Marchand</div><div>Cheffe de projet – Réseau Tempo Ouest</div>"
            "<div>06 71 42 18 90</div></div></div>\n")
    alt.attach(text_part(txt, "plain", "UTF-8", "b64"))
    alt.attach(text_part(html, "html", "UTF-8", "qp"))
    msg.attach(alt)
    a1 = attach(pdata, "application", "pdf", pdf_name, "2231")
    a1["Content-ID"] = "<f_l6o2n04a0>"
    a1["X-Attachment-Id"] = "f_l6o2n04a0"
    msg.attach(a1)
    a2 = attach(xdata, "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx_name, "2047")
    a2["Content-ID"] = "<f_l6o2n04b1>"
    a2["X-Attachment-Id"] = "f_l6o2n04b1"
    msg.attach(a2)
    finish(msg, [("MIME-Version", "1.0"),
                 ("From", Header("Sophie Marchand", "utf-8").encode() + f" <{from_addr}>"),
                 ("Date", format_datetime(date)),
                 ("Message-ID", "<CAH7kq0Zr3n04xYw5JmPq8vN2tLs1bUe6fGd=Kp4aT9cW@mail.gmail.com>"),
                 ("Subject", Header(subject, "utf-8").encode()),
                 ("To", "fabrique@anact.fr")])
    msg = reorder(msg)
    return standard_case(cid, "Temporary-work agency network: fpdf2 PDF with bold headings of "
                         "its own (order changed), no part on steering/comitology at all, plus "
                         "'Notre équipe' and 'Références'; XLSX budget with formulas. Gmail at "
                         "23:41 on the deadline day. Missing pilotage.",
                         parts, pdf_name, lines, res, total, partners,
                         [{"filename": pdf_name, "status": "parsed"},
                          {"filename": xlsx_name, "status": "parsed"}],
                         msg, from_addr, subject, date, "2022-09", "2023-09")

# =========================================================================== h3n-05
# Social housing company: DOCX whose headings are bold 'List Number' paragraphs (real Word
# numbering, the numbers are not in the text); XLSX budget with formulas, contributions in
# kind (caretakers' time, common rooms) counted as expenses and as resources. Apple Mail,
# the DOCX sent inline. The phasing ends in March 2024: after the call's end date.

def case05():
    cid = "h3n-05"
    docx_name = "Logis Val-de-Seine – Projet Gardiens connectés.docx"
    xlsx_name = "Budget_GardiensConnectes_LVS.xlsx"
    cash = [
        ("1. Dépenses de personnel", [
            ("Chargée de mission innovation sociale (60 jours)", "personnel", 60, 420)]),
        ("2. Déplacements et logistique", [
            ("Déplacements sur les cinq résidences pilotes", "deplacements_logistique", 1, 2100)]),
        ("3. Prestations", [
            ("Accompagnement ergonomique (prestataire)", "prestations", 1, 18000),
            ("Vidéos et supports de restitution (prestation audiovisuelle)", "prestations", 1, 6000)]),
    ]
    kind = [("Temps des gardiens participant aux ateliers (240 heures)", "personnel", 240, 30),
            ("Salles communes des résidences mises à disposition", "deplacements_logistique", 10, 150)]
    lines = [(lab, cat, q * u) for _, grp in cash for lab, cat, q, u in grp]
    lines += [(lab, cat, q * u) for lab, cat, q, u in kind]
    in_kind = sum(q * u for _, _, q, u in kind)
    res = [("Subvention sollicitée auprès de l'Anact (La Fabrique CTO)", "anact", 46000),
           ("Fonds propres Logis Val-de-Seine", "cofin", 5300),
           ("Contributions en nature (temps des gardiens, salles communes)", "cofin", in_kind)]
    total = sum(a for _, _, a in lines)
    assert in_kind == 8700 and total == 60000 and sum(a for _, _, a in res) == total
    partners = ["Aract Normandie", "Fédération CNL de Seine-Maritime",
                "Université de Rouen Normandie"]

    def fill(wb):
        from openpyxl.styles import Font
        ws = wb.active
        ws.title = "Budget prévisionnel"
        ws.append(["Projet « Gardiens connectés » – budget prévisionnel (montants en euros, "
                   "TVA non récupérable)"])
        ws["A1"].font = Font(bold=True)
        ws.append([])
        ws.append(["DÉPENSES", "Quantité", "Coût unitaire", "Montant"])
        detail_rows = []
        for title, grp in cash:
            ws.append([title])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
            for lab, _, q, u in grp:
                r = ws.max_row + 1
                ws.append(["   " + lab, q, u, f"=B{r}*C{r}"])
                detail_rows.append(r)
        ws.append(["Sous-total dépenses décaissées", None, None,
                   "=" + "+".join(f"D{r}" for r in detail_rows)])
        sub1 = ws.max_row
        ws.append(["4. Contributions en nature (valorisation)"])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        k_rows = []
        for lab, _, q, u in kind:
            r = ws.max_row + 1
            ws.append(["   " + lab, q, u, f"=B{r}*C{r}"])
            k_rows.append(r)
        ws.append(["Sous-total contributions en nature", None, None,
                   f"=SUM(D{k_rows[0]}:D{k_rows[-1]})"])
        sub2 = ws.max_row
        ws.append(["TOTAL DU PROJET", None, None, f"=D{sub1}+D{sub2}"])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        tot = ws.max_row
        ws.append([])
        ws.append(["RESSOURCES", None, None, "Montant"])
        r1 = ws.max_row + 1
        for lab, _, a in res[:2]:
            ws.append([lab, None, None, a])
        ws.append([res[2][0], None, None, f"=D{sub2}"])
        r2 = ws.max_row
        ws.append(["TOTAL DES RESSOURCES", None, None, f"=SUM(D{r1}:D{r2})"])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.column_dimensions["A"].width = 64
        ws.column_dimensions["D"].width = 14

    xdata = build_xlsx(WORK / cid / xlsx_name, fill)
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(xdata), data_only=True)
    vals = {r[0]: r[3] for r in wb.active.iter_rows(values_only=True) if r[0]}
    assert abs(vals["TOTAL DU PROJET"] - total) < 0.01 and abs(vals["TOTAL DES RESSOURCES"] - total) < 0.01

    H = {
        "contexte": "Notre situation",
        "objectifs": "Nos intentions",
        "problematique": "L'enjeu pour le travail de proximité",
        "cibles": "Les personnes concernées",
        "methodologie": "La méthode",
        "phasage": "Le calendrier",
        "pilotage": "L'organisation du projet",
        "resultats": "Les livrables et effets attendus",
        "perennisation": "La suite",
        "partenaires": "Les partenaires engagés",
    }
    P = {
        "contexte": "Logis Val-de-Seine est une entreprise sociale pour l'habitat qui gère 14 500 "
                    "logements dans l'agglomération rouennaise et la vallée de la Seine, avec 85 "
                    "gardiens et employés d'immeuble.",
        "objectifs": "Nous souhaitons que l'équipement numérique des gardiens soit revu avec eux, "
                     "à partir de leur travail, et non plus seulement à partir des besoins de "
                     "reporting du siège.",
        "problematique": "Le gardien est au cœur de la relation avec les locataires. La tablette "
                         "devait lui faire gagner du temps ; elle en a surtout déplacé l'usage.",
        "cibles": "Les 22 gardiens et employés d'immeuble des cinq résidences pilotes, leurs "
                  "quatre responsables de secteur et les élus du CSE de Logis Val-de-Seine.",
        "methodologie": "La méthode repose sur trois outils, mis en œuvre successivement dans "
                        "chaque résidence pilote.",
        "phasage": "Le projet se déroule sur dix-huit mois, d'octobre 2022 à mars 2024.",
        "pilotage": "Un comité de pilotage, réuni tous les trimestres, rassemble la directrice "
                    "de la proximité, le directeur des systèmes d'information, deux élus du CSE, "
                    "deux gardiens volontaires et l'Aract Normandie.",
        "resultats": "Au terme du projet, nous attendons un paramétrage de l'application "
                     "d'intervention revu avec les gardiens, une charte du droit à la "
                     "déconnexion adaptée aux métiers de proximité et un kit vidéo.",
        "perennisation": "Si la démarche fait ses preuves, elle sera étendue aux 80 résidences du "
                         "patrimoine et proposée aux autres bailleurs de l'association régionale "
                         "des organismes HLM.",
        "partenaires": "Trois partenaires accompagnent le projet :",
    }
    body = []
    def add(sid, *more):
        body.append(("hn", H[sid]))
        body.append(("p", P[sid]))
        for m in more:
            body.append(m if isinstance(m, tuple) else ("p", m))
    add("contexte", "Depuis 2020, chaque gardien dispose d'une tablette : état des lieux, "
        "réclamations des locataires, bons d'intervention pour les entreprises, photos des "
        "parties communes, messagerie. Les remontées des gardiens et du CSE sont concordantes : "
        "sollicitations à toute heure, saisies en double, et un sentiment d'être contrôlé.")
    add("objectifs", ("ul", ["analyser avec les gardiens les usages réels de la tablette et de "
                             "l'application d'intervention ;",
                             "réviser le paramétrage et les règles d'usage avec eux, l'éditeur "
                             "et les représentants du personnel ;",
                             "négocier un avenant à l'accord sur le droit à la déconnexion "
                             "adapté aux métiers de proximité."]))
    add("problematique", "Les notifications arrivent en dehors des horaires, la saisie "
        "s'ajoute aux échanges oraux au lieu de les remplacer, et les locataires attendent "
        "désormais une réponse immédiate. Comment construire, dans une entreprise de "
        "taille moyenne, un dialogue sur ces outils qui associe les gardiens eux-mêmes ?")
    add("cibles", "Indirectement, le projet concerne aussi les locataires des résidences, "
        "dont l'amicale CNL sera associée aux restitutions.")
    add("methodologie", "Des journées d'observation (« une journée avec un gardien ») menées "
        "par l'ergonome ; des ateliers de réécriture des écrans et des règles, réunissant "
        "gardiens, responsables de secteur, DSI et éditeur ; un test de six semaines des "
        "ajustements, suivi d'un retour collectif.")
    add("phasage", ("table", [["Période", "Étape"],
                              ["Octobre – décembre 2022", "Observations dans les cinq résidences"],
                              ["Janvier – juin 2023", "Ateliers de réécriture, premiers ajustements"],
                              ["Juillet 2023 – janvier 2024", "Test et déploiement sur les secteurs pilotes"],
                              ["Février – mars 2024", "Bilan, avenant déconnexion, restitution"]],
                    True))
    add("pilotage", "Une équipe projet (chargée de mission, ergonome, un responsable de "
        "secteur) se réunit toutes les deux semaines.")
    add("resultats", "Nous en attendons une baisse des sollicitations hors horaires et une "
        "meilleure reconnaissance du travail de relation des gardiens.")
    add("perennisation", "Le kit vidéo et la charte seront publiés librement.")
    add("partenaires", ("ul", ["l'Aract Normandie : appui méthodologique, participation au "
                               "comité de pilotage ;",
                               "la Fédération CNL de Seine-Maritime : relais auprès des "
                               "locataires, participation aux restitutions ;",
                               "l'Université de Rouen Normandie (laboratoire Dysola) : "
                               "évaluation de la démarche par une chercheuse en psychologie "
                               "du travail."]))
    blocks = [("title", "Gardiens connectés"),
              ("pi", "Réponse de Logis Val-de-Seine, entreprise sociale pour l'habitat, à l'appel "
                     "à manifestation d'intérêt de l'Anact « Développer le dialogue social "
                     "technologique au travail »")] + body + [
              ("hn", "Budget"),
              ("p", "Le budget et le plan de financement figurent dans le tableur joint. Coût "
                    "total : " + euro(total) + ", dont " + euro(in_kind) + " de contributions en "
                    "nature ; subvention sollicitée : " + euro(46000) + ".")]
    parts = [(sid, H[sid], P[sid]) for sid in SECTION_IDS]
    data = build_docx(blocks, ("Marion Lefebvre", "Gardiens connectés"))
    CHECK_TEXT[cid] = {docx_name: doc_text(blocks)}

    date = datetime(2022, 8, 9, 18, 22, 3, tzinfo=PARIS)
    subject = "AMI Fabrique CTO – candidature Logis Val-de-Seine"
    from_addr = "m.lefebvre@logis-valdeseine.fr"
    msg = MIMEMultipart("mixed", boundary="Apple-Mail=_6B1E0C4A-n05F-4D2B-9A7E-3C58E1F0D942")
    del msg["MIME-Version"]
    msg.attach(text_part("Bonjour,\n\nVous trouverez ci-dessous et ci-joint notre candidature à "
                         "l'appel à manifestation d'intérêt : la description du projet (Word) "
                         "et le budget (Excel).\n\n", "plain", "utf-8", "qp"))
    a1 = attach(data, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document",
                docx_name, "2231", disposition="inline")
    msg.attach(a1)
    msg.attach(text_part("\n\n", "plain", "us-ascii", "qp"))
    a2 = attach(xdata, "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx_name, "2231")
    msg.attach(a2)
    msg.attach(text_part("\nBien cordialement,\n\nMarion Lefebvre\nChargée de mission innovation "
                         "sociale\nLogis Val-de-Seine\n", "plain", "utf-8", "qp"))
    finish(msg, [("From", Header("Marion Lefebvre", "utf-8").encode() + f" <{from_addr}>"),
                 ("Mime-Version", "1.0 (Mac OS X Mail 15.0 \\(3693.60.0.1.1\\))"),
                 ("Subject", Header(subject, "utf-8").encode()),
                 ("Message-Id", "<5F0C2B7E-n05A-4E19-8D3C-7A2F61B09E4D@logis-valdeseine.fr>"),
                 ("Date", format_datetime(date)),
                 ("To", "fabrique@anact.fr"),
                 ("X-Mailer", "Apple Mail (2.3693.60.0.1.1)")])
    msg = reorder(msg)
    return standard_case(cid, "Social housing company: DOCX with bold 'List Number' headings (real "
                         "Word numbering), sent inline by Apple Mail; XLSX budget with formulas, "
                         "in-kind caretakers' time and rooms on both sides. Phasing ends in March "
                         "2024: after the call's end date.",
                         parts, docx_name, lines, res, total, partners,
                         [{"filename": docx_name, "status": "parsed"},
                          {"filename": xlsx_name, "status": "parsed"}],
                         msg, from_addr, subject, date, "2022-10", "2024-03")


# =========================================================================== main

CASES = [case01, case02, case03, case04, case05]


def main(argv):
    only = set(argv[1:])
    WORK.mkdir(parents=True, exist_ok=True)
    for fn in CASES:
        cid = "h3n-" + fn.__name__[-2:]
        if only and cid not in only:
            continue
        lab = fn()
        print(cid, lab["decision"], [f["code"] + ":" + f["target"] for f in lab["flags"]])
    (WORK / "check_text.json").write_text(json.dumps(CHECK_TEXT, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
