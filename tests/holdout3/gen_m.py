"""Holdout3 writer `m`: five proposals to "La Fabrique CTO" written by other hands.

Deterministic generator: fixed dates, boundaries, Message-IDs, document timestamps.
Writes cases/h3m-NN.eml and cases/h3m-NN.expected.json. Needs python-docx, openpyxl,
fpdf2 (and soffice for the ODT export and the xlsx formula values).

    /tmp/h3venv-m/bin/python tests/holdout3/gen_m.py
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import quopri
import re
import subprocess
import sys
import zipfile
from email.header import Header
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3m-work")
LO_PROFILE = "file:///tmp/lo-m"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
FIXED = dt.datetime(2022, 8, 10, 9, 0, 0)
CAP = 80000
END_LIMIT = (2023, 12, 30)


# --------------------------------------------------------------------------- content model
# A document is a title plus a list of parts. A part = (heading, [section ids], [blocks]).
# Blocks: ("p", text) | ("ul", [items]) | ("ol", [items]) | ("table", [rows]).


def first_words(blocks: list, n: int = 6) -> str:
    """The first n words of a part's own text (its first block)."""
    kind, val = blocks[0]
    if kind == "p":
        text = val
    elif kind in ("ul", "ol"):
        text = val[0]
    else:  # table: the first row's cells in reading order
        text = " ".join(str(c) for c in val[0])
    return " ".join(text.split()[:n])


def section_labels(parts: list, source: str) -> dict:
    out = {sid: {"present": False} for sid in SECTION_IDS}
    for heading, sids, blocks in parts:
        for sid in sids:
            assert not out[sid]["present"], sid
            out[sid] = {"present": True, "source": source, "heading": heading,
                        "body_start": first_words(blocks)}
    return out


def months_between(start: str, end: str) -> int:
    y1, m1 = map(int, start.split("-")[:2])
    y2, m2 = map(int, end.split("-")[:2])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def budget_label(lines: list, cofin: list, anact: float, declared_total: float | None = None):
    """lines: (label, category, amount); cofin: (label, amount). Asserts the arithmetic."""
    totals = {c: 0.0 for c in CATS}
    for _, cat, amount in lines:
        totals[cat] += float(amount)
    total = float(sum(a for _, _, a in lines))
    if declared_total is not None:
        assert abs(declared_total - total) <= 1, (declared_total, total)
        total = float(declared_total)
    cof = float(sum(a for _, a in cofin))
    assert abs(cof + anact - total) <= 1, (cof, anact, total)
    out = {"total_cost": total, "anact_request": float(anact), "totals": totals}
    if cofin:
        out["cofinancing"] = {"amount": cof, "share": round(cof / total, 4)}
    return out


def budget_flags(b: dict) -> list:
    flags = []
    if b["anact_request"] > CAP:
        flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
    if "cofinancing" not in b:
        flags.append({"code": "missing_budget_item", "target": "cofinancement",
                      "severity": "blocking"})
    elif b["cofinancing"]["amount"] < 0.2 * b["total_cost"] - 1e-9:
        flags.append({"code": "cofinancing_below_minimum", "target": "",
                      "severity": "blocking"})
    return flags


def euro(x: float) -> str:
    s = f"{x:,.0f}".replace(",", "\u202f")
    return s + "\u00a0€"


def euro_plain(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ") + " €"


# --------------------------------------------------------------------------- renderers


def fix_docx_props(doc) -> None:
    cp = doc.core_properties
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED
    cp.revision = 1


def _docx_blocks(doc, blocks, style_body="Normal") -> None:
    for kind, val in blocks:
        if kind == "p":
            doc.add_paragraph(val, style=style_body)
        elif kind == "ul":
            for it in val:
                doc.add_paragraph(it, style="List Bullet")
        elif kind == "ol":
            for it in val:
                doc.add_paragraph(it, style="List Number 2")
        elif kind == "table":
            t = doc.add_table(rows=0, cols=len(val[0]))
            t.style = "Table Grid"
            for i, row in enumerate(val):
                cells = t.add_row().cells
                for c, v in zip(cells, row):
                    c.text = str(v)
                    if i == 0:
                        for r in c.paragraphs[0].runs:
                            r.bold = True


def save_docx_bytes(doc) -> bytes:
    fix_docx_props(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/ODF zip with fixed timestamps (deterministic output)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            ni = zipfile.ZipInfo(info.filename, date_time=(2022, 8, 10, 9, 0, 0))
            ni.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                else zipfile.ZIP_DEFLATED)
            ni.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                txt = body.decode("utf-8")
                txt = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", r"\g<1>2022-08-10T09:00:00Z\2",
                             txt)
                txt = re.sub(r"(<dc:date>|<meta:creation-date>)[^<]*(<)",
                             r"\g<1>2022-08-10T09:00:00\2", txt)
                txt = re.sub(r"<meta:editing-duration>[^<]*<", "<meta:editing-duration>PT0S<",
                             txt)
                body = txt.encode("utf-8")
            dst.writestr(ni, body)
    return out.getvalue()


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=240,
    )
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


# --------------------------------------------------------------------------- MIME helpers


def b64(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text: str, charset: str) -> str:
    return quopri.encodestring(text.replace("\n", "\r\n").encode(charset)).decode(
        "ascii").replace("\r\n", "\n")


def rfc2047(text: str, charset: str = "utf-8", enc: str = "b") -> str:
    if enc == "b":
        return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="
    return Header(text, charset).encode()


def rfc2231_params(name: str, param: str = "filename", chunk: int = 0) -> str:
    enc = quote(name, safe="")
    if not chunk:
        return f"{param}*=UTF-8''{enc}"
    tokens = re.findall(r"%[0-9A-F]{2}|.", enc)  # never split a %XX triplet
    parts, cur = [], ""
    for tok in tokens:
        if len(cur) + len(tok) > chunk:
            parts.append(cur)
            cur = ""
        cur += tok
    parts.append(cur)
    out = []
    for i, p in enumerate(parts):
        prefix = "UTF-8''" if i == 0 else ""
        out.append(f"{param}*{i}*={prefix}{p}")
    return ";\n ".join(out)


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii")


def write_case(case_id: str, eml: str, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    (CASES / f"{case_id}.eml").write_bytes(crlf(eml))
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_label(case, decision, flags, sections, budget, partners, atts, msg, project):
    lab = {"case": case, "decision": decision, "flags": flags, "sections": sections,
           "budget": budget, "partners": [{"name": p} for p in partners],
           "attachments": atts, "message": msg}
    if project:
        lab["project"] = project
    return lab


def section_flags(sections: dict) -> list:
    return [{"code": "missing_section", "target": sid, "severity": "blocking"}
            for sid in SECTION_IDS if not sections[sid]["present"]]


def decide(flags: list, late: bool = False) -> str:
    if late:
        return "late"
    if any(f["severity"] == "blocking" for f in flags):
        return "incomplete"
    return "complete"


def project_label(start: str, end: str) -> tuple[dict, list]:
    proj = {"start": start, "end": end, "duration_months": months_between(start, end)}
    y, m = map(int, end.split("-")[:2])
    d = int(end.split("-")[2]) if end.count("-") == 2 else 31
    flags = []
    if (y, m, d if end.count("-") == 2 else 1) > END_LIMIT:
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    return proj, flags


# =========================================================================== case 01
# Mutual-aid association of an ESAT network. Headings are sentences in the applicant's
# voice, in an order of their own. Co-financing partly in kind, stated in prose.
# Thunderbird, text/plain format=flowed, RFC 2231 continued file name. Complete.


def case01() -> None:
    from docx import Document
    from docx.shared import Pt

    cid = "h3m-01"
    fname = "Projet Fabrique CTO – Réseau Entraide ESAT Val de Saône.docx"
    lines = [
        ("Coordinatrice du projet au réseau (60 jours)", "personnel", 21000),
        ("Chargé d'études handicap et numérique (45 jours)", "personnel", 13500),
        ("Temps des moniteurs et encadrants d'ateliers des ESAT (64 jours valorisés à 150 €)",
         "personnel", 9600),
        ("Déplacements entre les six ESAT du réseau", "deplacements_logistique", 4200),
        ("Location de salles et repas des ateliers collectifs", "deplacements_logistique", 2300),
        ("Facilitation graphique et supports en FALC (prestataire)", "prestations", 8400),
        ("Accompagnement méthodologique par un cabinet d'ergonomie", "prestations", 12000),
    ]
    cofin = [("Temps des moniteurs valorisé (contribution en nature)", 9600),
             ("Autofinancement sur fonds associatifs", 5000)]
    total = sum(a for _, _, a in lines)
    cof = sum(a for _, a in cofin)
    anact = total - cof
    budget = budget_label(lines, cofin, anact, declared_total=total)
    assert budget["anact_request"] == 56400 and total == 71000

    partners = ["Aract Bourgogne-Franche-Comté", "Union départementale des APEI de Saône-et-Loire",
                "Maison départementale des personnes handicapées de Saône-et-Loire",
                "Atelier Coopératif Numérique de Chalon"]
    parts = [
        ("Pourquoi nous lançons ce projet maintenant", ["contexte"], [
            ("p", "Depuis deux ans, nos six ESAT ont vu arriver coup sur coup des tablettes "
                  "de suivi de production, un logiciel de planification des ateliers et un "
                  "portail de dématérialisation des fiches de paie. Ces outils ont été choisis "
                  "au siège, installés en quelques semaines, et les travailleurs handicapés "
                  "comme les moniteurs d'atelier n'ont jamais été consultés."),
            ("p", "Les remontées de nos conseils de la vie sociale sont claires : fatigue "
                  "visuelle, perte de repères, sentiment d'être « notés » par la machine. "
                  "Le renouvellement de notre logiciel de gestion de production, prévu en "
                  "2023, est l'occasion de faire autrement."),
        ]),
        ("Ce que nous voulons vraiment comprendre", ["problematique"], [
            ("p", "Comment des personnes en situation de handicap psychique ou mental, "
                  "souvent peu à l'aise avec l'écrit, peuvent-elles prendre part au choix et "
                  "au réglage des outils numériques qui organisent leur travail ? Et comment "
                  "les moniteurs, pris entre la production et l'accompagnement, peuvent-ils "
                  "devenir des médiateurs de ce dialogue plutôt que ses oubliés ?"),
        ]),
        ("Qui sera concerné, et comment nous irons les chercher", ["cibles"], [
            ("p", "Le projet s'adresse d'abord aux 540 travailleurs des six ESAT du réseau, "
                  "aux 48 moniteurs et encadrants d'ateliers et aux délégués des conseils de "
                  "la vie sociale. Il associe aussi les directions d'établissement et les "
                  "représentants du personnel salarié (CSE de l'association)."),
            ("ul", ["des binômes « travailleur – moniteur » volontaires dans chaque atelier ;",
                    "les élus du CSE et les délégués des CVS ;",
                    "les fournisseurs des logiciels, invités aux ateliers de réglage."]),
        ]),
        ("Ce que nous cherchons à atteindre", ["objectifs"], [
            ("p", "Nous voulons construire, tester et transmettre une méthode de dialogue sur "
                  "les outils numériques qui soit accessible à tous les travailleurs d'ESAT :"),
            ("ul", ["faire exprimer les usages réels des outils par ceux qui les utilisent ;",
                    "écrire avec eux le cahier des charges du futur logiciel de production ;",
                    "former les moniteurs à l'animation de ce dialogue ;",
                    "installer une instance permanente d'échange sur le numérique."]),
        ]),
        ("Comment nous allons travailler, pas à pas", ["methodologie"], [
            ("p", "La démarche repose sur des ateliers courts (une heure trente) tenus dans "
                  "les ateliers de production eux-mêmes, avec des supports en facile à lire "
                  "et à comprendre (FALC), des photos des postes et des mises en situation sur "
                  "les tablettes. Un cabinet d'ergonomie outille les moniteurs ; une "
                  "facilitatrice graphique traduit chaque séance en affiches."),
            ("p", "Chaque ESAT désigne un binôme référent. Les propositions issues des "
                  "ateliers sont arbitrées en commission inter-ESAT puis testées sur le terrain "
                  "pendant huit semaines avant d'être retenues ou écartées."),
        ]),
        ("Nos étapes, mois par mois", ["phasage"], [
            ("p", "Le projet court d'octobre 2022 à novembre 2023, soit quatorze mois :"),
            ("ul", ["octobre – décembre 2022 : état des lieux des outils et des usages dans "
                    "les six ESAT, constitution des binômes ;",
                    "janvier – mars 2023 : cycle de douze ateliers FALC et formation des "
                    "moniteurs à l'animation ;",
                    "avril – juin 2023 : co-écriture du cahier des charges avec les éditeurs ;",
                    "juillet – septembre 2023 : tests en situation dans deux ESAT pilotes ;",
                    "octobre – novembre 2023 : évaluation, guide méthodologique et restitution."]),
        ]),
        ("Qui décide, qui suit, qui tranche ?", ["pilotage"], [
            ("p", "Un comité de pilotage se réunit chaque trimestre : la direction générale "
                  "du réseau, deux directeurs d'ESAT, deux délégués de CVS, deux élus du CSE, "
                  "la coordinatrice du projet et l'Aract. Il valide les étapes et arbitre les "
                  "choix d'outils."),
            ("p", "Une équipe projet (coordinatrice, chargé d'études, six binômes référents) "
                  "se retrouve toutes les trois semaines en visioconférence sous-titrée."),
        ]),
        ("Avec qui nous faisons équipe", ["partenaires"], [
            ("p", "Quatre partenaires ont confirmé leur participation :"),
            ("ul", ["l'Aract Bourgogne-Franche-Comté, pour l'appui méthodologique sur les "
                    "conditions de travail et la co-animation du comité de pilotage ;",
                    "l'Union départementale des APEI de Saône-et-Loire, qui relaiera la "
                    "démarche auprès des familles et des autres associations gestionnaires ;",
                    "la Maison départementale des personnes handicapées de Saône-et-Loire, "
                    "pour l'expertise sur l'accessibilité et l'orientation ;",
                    "l'Atelier Coopératif Numérique de Chalon, tiers-lieu qui accueillera les "
                    "ateliers inter-ESAT et prêtera son matériel."]),
        ]),
        ("Ce qui aura changé fin 2023", ["resultats"], [
            ("p", "À l'issue du projet, chaque ESAT disposera d'un binôme formé à l'animation "
                  "du dialogue sur les outils, le cahier des charges du nouveau logiciel de "
                  "production aura été écrit avec les travailleurs, et un guide en FALC "
                  "décrira la méthode pas à pas. Nous visons aussi des indicateurs simples : "
                  "nombre de travailleurs ayant participé (objectif : 200), nombre de "
                  "réglages modifiés à leur demande, ressenti mesuré avant et après."),
        ]),
        ("Et après ? Faire vivre et transmettre la démarche", ["perennisation"], [
            ("p", "La commission inter-ESAT sur le numérique deviendra une instance permanente "
                  "du réseau, inscrite dans notre projet associatif 2024-2028. Le guide FALC "
                  "et les affiches seront publiés sous licence libre et présentés aux autres "
                  "réseaux d'ESAT de la région lors de deux journées d'échanges."),
        ]),
    ]
    intro = ("Réseau Entraide ESAT Val de Saône – association loi 1901 d'entraide mutuelle "
             "regroupant six établissements et services d'aide par le travail.")
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    doc.add_heading("Les outils numériques, on en parle ensemble", level=0)
    doc.add_paragraph(intro)
    doc.add_paragraph("Candidature à l'appel à manifestation d'intérêt « La Fabrique CTO »")
    for heading, _, blocks in parts:
        doc.add_heading(heading, level=2)
        _docx_blocks(doc, blocks)
    doc.add_heading("Ce que coûte le projet et qui le finance", level=2)
    rows = [("Poste de dépense", "Nature", "Montant")]
    nature = {"personnel": "Personnel", "deplacements_logistique": "Déplacements et logistique",
              "prestations": "Prestations"}
    for label, cat, amt in lines:
        rows.append((label, nature[cat], euro(amt)))
    rows.append(("Coût total du projet", "", euro(total)))
    _docx_blocks(doc, [("table", rows)])
    pct = f"{100 * anact / total:.1f}".replace(".", ",")
    doc.add_paragraph(
        f"Sur ces {euro(total)}, le réseau prend lui-même en charge {euro(cof)}. D'une part, "
        f"le temps de nos moniteurs et encadrants d'ateliers consacré au projet (64 jours) est "
        f"valorisé à {euro(9600)} : c'est une contribution en nature de l'association, qui "
        f"figure aussi dans les dépenses de personnel ci-dessus. D'autre part, nous apportons "
        f"{euro(5000)} d'autofinancement sur nos fonds associatifs. Nous sollicitons donc de "
        f"l'Anact une subvention de {euro(anact)}, soit {pct} % du coût total du projet.")
    doc.add_paragraph("Contact : Hélène Brunet-Moreau, coordinatrice – 03 85 41 27 90")
    data = save_docx_bytes(doc)
    (WORK / cid).mkdir(parents=True, exist_ok=True)
    (WORK / cid / "projet.docx").write_bytes(data)

    sections = section_labels(parts, fname)
    proj, pflags = project_label("2022-10", "2023-11")
    assert proj["duration_months"] == 14
    flags = section_flags(sections) + budget_flags(budget) + pflags
    msgid = "<5b1e0c3a-7d2f-4a61-9e8b-20220817a1c4@entraide-esat-valdesaone.fr>"
    subject = "Candidature AMI La Fabrique CTO – Réseau Entraide ESAT"
    frm = "h.brunet-moreau@entraide-esat-valdesaone.fr"
    body = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint la candidature du Réseau Entraide ESAT Val de \n"
        "Saône à l'appel à manifestation d'intérêt « Développer le dialogue social \n"
        "technologique au travail ».\n\n"
        "Le document joint contient la description du projet, le budget et la \n"
        "présentation de nos partenaires.\n\n"
        "Je reste à votre disposition pour tout complément.\n\n"
        "Bien cordialement,\n\n"
        "-- \n"
        "Hélène Brunet-Moreau\n"
        "Coordinatrice du pôle Innovation\n"
        "Réseau Entraide ESAT Val de Saône\n"
        "12 rue des Tanneurs – 71100 Chalon-sur-Saône\n"
    )
    eml = f"""Message-ID: {msgid}
Date: Wed, 17 Aug 2022 16:42:08 +0200
MIME-Version: 1.0
User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101
 Thunderbird/91.12.0
Content-Language: fr
To: fabrique@anact.fr
From: =?UTF-8?Q?H=c3=a9l=c3=a8ne_Brunet-Moreau?= <{frm}>
Subject: {rfc2047(subject, 'utf-8', 'q')}
Content-Type: multipart/mixed;
 boundary="------------m01Thb7Qz0LpXy2VwK4rT9sD"

This is a multi-part message in MIME format.
--------------m01Thb7Qz0LpXy2VwK4rT9sD
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: quoted-printable

{qp(body, 'utf-8')}
--------------m01Thb7Qz0LpXy2VwK4rT9sD
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
 {rfc2231_params(fname, 'name', 30)}
Content-Disposition: attachment;
 {rfc2231_params(fname, 'filename', 30)}
Content-Transfer-Encoding: base64

{b64(data)}

--------------m01Thb7Qz0LpXy2VwK4rT9sD--
"""
    label = make_label(
        "Association d'entraide (réseau d'ESAT) : DOCX, titres-phrases à la première personne "
        "dans un ordre propre, cofinancement en partie en nature énoncé en prose ; complet",
        decide(flags), flags, sections, budget, partners,
        [{"filename": fname, "status": "parsed"}],
        {"message_id": msgid, "from": frm, "subject": subject,
         "date": "2022-08-17T16:42:08+02:00"},
        proj)
    write_case(cid, eml, label)


def q_word(text: str, charset: str) -> str:
    """An RFC 2047 Q encoded-word in any charset (hand-built, as Outlook does)."""
    out = []
    for byte in text.encode(charset):
        ch = chr(byte)
        if ch == " ":
            out.append("_")
        elif ch.isalnum() and byte < 128:
            out.append(ch)
        else:
            out.append(f"={byte:02X}")
    return f"=?{charset}?Q?{''.join(out)}?="


def tiny_png(color=(31, 90, 140)) -> bytes:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (120, 40), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle([4, 4, 36, 36], fill=color)
    d.rectangle([44, 14, 116, 26], fill=(90, 90, 90))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def xlsx_with_values(wb, work: Path, name: str) -> bytes:
    """Save an openpyxl workbook and let LibreOffice compute and cache formula values."""
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(raw / name)
    out = soffice_convert(raw / name, "xlsx", work / "calc")
    return normalize_zip(out.read_bytes())


# =========================================================================== case 02
# Logistics SME. ZIP holding an ODT description (bold lines as headings, own words, own
# order) and an XLSX budget with HT and TTC side by side, category sub-totals and
# formulas. Outlook: multipart/related with an inline logo, windows-1252 QP. Complete.


def case02() -> None:
    from docx import Document
    from docx.shared import Pt
    import openpyxl
    from openpyxl.styles import Alignment, Font

    cid = "h3m-02"
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    zip_name = "Candidature_Verdier_Fabrique_CTO.zip"
    desc_name = "Description_projet_Verdier.odt"
    bud_name = "Budget_Fabrique_CTO_Verdier.xlsx"
    # (label, category, days, daily rate or None, amount HT, VAT rate)
    lines = [
        ("Responsable RH, cheffe de projet (35 jours)", "personnel", 35, 420, None, 0),
        ("Responsable d'exploitation entrepôt (20 jours)", "personnel", 20, 380, None, 0),
        ("Temps des élus CSE et des préparateurs en ateliers (180 heures)", "personnel",
         180, 32, None, 0),
        ("Déplacements vers les trois entrepôts partenaires", "deplacements_logistique",
         None, None, 2400, 0.2),
        ("Salle et restauration du séminaire inter-entreprises", "deplacements_logistique",
         None, None, 1500, 0.2),
        ("Ergonome consultant, intervenant extérieur (22 jours)", "prestations", 22, 900,
         None, 0.2),
        ("Vidéo et kit de restitution (agence de communication)", "prestations", None, None,
         6500, 0.2),
        ("Formation des élus du CSE aux outils vocaux (cabinet d'expertise)", "prestations",
         None, None, 4200, 0.2),
    ]
    flat = [(lab, cat, (d * r if amt is None else amt)) for lab, cat, d, r, amt, _ in lines]
    total_ht = sum(a for _, _, a in flat)
    total_ttc = sum((d * r if amt is None else amt) * (1 + v) for _, _, d, r, amt, v in lines)
    anact = 48000
    cofin = [("Autofinancement Logistique Verdier (fonds propres)", total_ht - anact)]
    budget = budget_label(flat, cofin, anact, declared_total=total_ht)
    assert total_ht == 62460 and round(total_ttc) == 69340

    # ---- budget workbook
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws["A1"] = "Logistique Verdier SAS – Projet « Voix au chapitre » – Budget prévisionnel"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Montants en euros. Colonne E hors taxes (HT), colonne G toutes taxes comprises."
    hdr = ["Poste", "Quantité", "Coût unitaire HT", "Unité", "Montant HT", "TVA",
           "Montant TTC"]
    ws.append([])
    ws.append(hdr)
    for c in ws[4]:
        c.font = Font(bold=True)
    groups = [("1. Dépenses de personnel", "personnel"),
              ("2. Frais de déplacement et logistique", "deplacements_logistique"),
              ("3. Achats de prestations", "prestations")]
    subtotal_cells_e, subtotal_cells_g = [], []
    r = 5
    for gtitle, gcat in groups:
        ws.cell(r, 1, gtitle).font = Font(bold=True)
        r += 1
        first = r
        for lab, cat, d, rate, amt, vat in lines:
            if cat != gcat:
                continue
            ws.cell(r, 1, lab).alignment = Alignment(indent=2)
            if amt is None:
                ws.cell(r, 2, d)
                ws.cell(r, 3, rate)
                ws.cell(r, 4, "heure" if "heures" in lab else "jour")
                ws.cell(r, 5, f"=B{r}*C{r}")
            else:
                ws.cell(r, 5, amt)
            ws.cell(r, 6, vat)
            ws.cell(r, 6).number_format = "0%"
            ws.cell(r, 7, f"=E{r}*(1+F{r})")
            r += 1
        ws.cell(r, 1, f"Sous-total {gtitle[3:].lower()}").font = Font(italic=True)
        ws.cell(r, 5, f"=SUM(E{first}:E{r - 1})").font = Font(italic=True)
        ws.cell(r, 7, f"=SUM(G{first}:G{r - 1})").font = Font(italic=True)
        subtotal_cells_e.append(f"E{r}")
        subtotal_cells_g.append(f"G{r}")
        r += 2
    ws.cell(r, 1, "TOTAL DES DÉPENSES").font = Font(bold=True)
    ws.cell(r, 5, "=" + "+".join(subtotal_cells_e)).font = Font(bold=True)
    ws.cell(r, 7, "=" + "+".join(subtotal_cells_g)).font = Font(bold=True)
    total_row = r
    r += 3
    ws.cell(r, 1, "Plan de financement (montants HT)").font = Font(bold=True)
    r += 1
    ws.cell(r, 1, "Subvention sollicitée auprès de l'Anact")
    ws.cell(r, 5, anact)
    anact_row = r
    r += 1
    ws.cell(r, 1, cofin[0][0])
    ws.cell(r, 5, f"=E{total_row}-E{anact_row}")
    ws.cell(r, 6, f"=E{r}/E{total_row}")
    ws.cell(r, 6).number_format = "0.0%"
    r += 1
    ws.cell(r, 1, "TOTAL DES RESSOURCES").font = Font(bold=True)
    ws.cell(r, 5, f"=E{anact_row}+E{anact_row + 1}").font = Font(bold=True)
    for row in ws.iter_rows(min_row=5, min_col=2, max_col=7):
        for c in row:
            if c.column in (3, 5, 7):
                c.number_format = '#,##0 "€"'
    ws.column_dimensions["A"].width = 66
    for col in "BCEFG":
        ws.column_dimensions[col].width = 15
    bud_bytes = xlsx_with_values(wb, work, bud_name)

    # ---- description (docx with bold lines -> ODT through LibreOffice)
    partners = ["Aract Auvergne-Rhône-Alpes", "Cluster Logistique Auvergne-Rhône-Alpes",
                "Maury Frères Logistique", "Dépôts Chabert"]
    parts = [
        ("Notre point de départ", ["contexte"], [
            ("p", "Logistique Verdier est une PME familiale de 85 salariés installée à "
                  "Saint-Quentin-Fallavier (Isère). Nous stockons et préparons des commandes "
                  "pour une trentaine d'enseignes de bricolage et de jardinage. En 2021, nous "
                  "avons décidé de passer à la préparation guidée par la voix (« voice "
                  "picking ») et de changer de logiciel de gestion d'entrepôt."),
            ("p", "Le premier essai, mené sur une seule allée au printemps 2022, a été mal "
                  "vécu : casques imposés sans concertation, cadences affichées en temps réel, "
                  "deux arrêts de travail pour troubles musculo-squelettiques et un CSE "
                  "extraordinaire très tendu."),
        ]),
        ("La question que nous nous posons", ["problematique"], [
            ("p", "Peut-on déployer un outil de guidage vocal qui mesure tout en continu sans "
                  "dégrader l'autonomie des préparateurs ni la qualité de leur travail, et "
                  "comment associer réellement le CSE et les équipes au paramétrage de l'outil "
                  "(cadences, pauses, données conservées) plutôt qu'à sa seule présentation ?"),
        ]),
        ("Ce que nous visons", ["objectifs"], [
            ("ul", ["Négocier avec le CSE un accord de méthode sur le déploiement du guidage "
                    "vocal avant toute extension à l'entrepôt entier.",
                    "Faire paramétrer l'outil par des groupes de préparateurs volontaires.",
                    "Outiller d'autres PME logistiques de la zone pour qu'elles puissent "
                    "conduire le même dialogue."]),
        ]),
        ("Les personnes concernées", ["cibles"], [
            ("p", "Les 52 préparateurs de commandes et caristes de l'entrepôt, leurs six chefs "
                  "d'équipe, les élus du CSE et le fournisseur du logiciel. Au-delà, les "
                  "salariés et dirigeants des trois entrepôts partenaires de la zone "
                  "d'activités de Chesnes."),
        ]),
        ("Notre manière de faire", ["methodologie"], [
            ("p", "Nous procéderons par cycles courts « observer – régler – essayer » : un "
                  "ergonome extérieur observe l'activité réelle avec et sans casque, des "
                  "groupes de préparateurs proposent des réglages, l'éditeur les paramètre, "
                  "puis l'allée test les éprouve pendant quatre semaines. Les élus du CSE sont "
                  "formés en amont pour lire les données produites par l'outil et discuter de "
                  "leur usage."),
        ]),
        ("Le déroulé dans le temps", ["phasage"], [
            ("ul", ["Octobre – décembre 2022 : diagnostic partagé de l'activité de "
                    "préparation, formation des élus, signature de l'accord de méthode.",
                    "Janvier – avril 2023 : trois cycles de réglage sur l'allée test.",
                    "Mai – juillet 2023 : extension à deux allées et séminaire avec les "
                    "entrepôts partenaires.",
                    "Août – septembre 2023 : bilan, kit de restitution et clôture du projet."]),
        ]),
        ("Comment le projet sera piloté", ["pilotage"], [
            ("p", "Un comité de suivi paritaire (direction, trois élus du CSE, deux "
                  "préparateurs tirés au sort à chaque cycle, l'ergonome) se réunit à la fin "
                  "de chaque cycle. Il décide des réglages retenus. La cheffe de projet RH "
                  "assure le secrétariat et la tenue d'un journal de bord partagé."),
        ]),
        ("Nos partenaires et ce qu'ils apportent", ["partenaires"], [
            ("ul", ["Aract Auvergne-Rhône-Alpes : appui méthodologique et regard extérieur au "
                    "comité de suivi.",
                    "Cluster Logistique Auvergne-Rhône-Alpes : diffusion auprès de ses "
                    "adhérents et organisation du séminaire inter-entreprises.",
                    "Maury Frères Logistique et Dépôts Chabert : entrepôts voisins qui "
                    "testeront la méthode en 2023 et partageront leurs retours."]),
        ]),
        ("Ce que nous attendons concrètement", ["resultats"], [
            ("p", "Un accord de méthode signé, un paramétrage de l'outil validé par les "
                  "équipes, une baisse des plaintes liées aux cadences, et un kit (vidéo, "
                  "fiches, trame d'accord) réutilisable par d'autres entrepôts."),
        ]),
        ("Au-delà de Verdier : diffusion et suites", ["perennisation"], [
            ("p", "Le comité de suivi paritaire sera maintenu après le projet pour tout "
                  "nouvel outil numérique. Le kit sera mis à disposition gratuitement par le "
                  "Cluster Logistique et présenté lors de ses rencontres annuelles ; nous "
                  "nous engageons à accueillir des visites d'autres PME du secteur."),
        ]),
    ]
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10.5)
    p = doc.add_paragraph()
    run = p.add_run("PROJET « VOIX AU CHAPITRE » – LOGISTIQUE VERDIER SAS")
    run.bold = True
    run.font.size = Pt(14)
    doc.add_paragraph("Réponse à l'AMI La Fabrique CTO – août 2022")
    for heading, _, blocks in parts:
        hp = doc.add_paragraph()
        hr = hp.add_run(heading)
        hr.bold = True
        hr.font.size = Pt(12)
        _docx_blocks(doc, blocks)
    hp = doc.add_paragraph()
    hr = hp.add_run("Budget")
    hr.bold = True
    hr.font.size = Pt(12)
    doc.add_paragraph(f"Le budget détaillé (HT et TTC) figure dans le fichier {bud_name}. "
                      f"Le coût total du projet s'élève à {euro(total_ht)} HT ; nous "
                      f"sollicitons {euro(anact)} HT auprès de l'Anact, le solde étant "
                      f"autofinancé par l'entreprise.")
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    src = raw / (Path(desc_name).stem + ".docx")
    src.write_bytes(save_docx_bytes(doc))
    odt = soffice_convert(src, "odt", work / "odt")
    odt_bytes = normalize_zip(odt.read_bytes())

    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in ((desc_name, odt_bytes), (bud_name, bud_bytes)):
            zi = zipfile.ZipInfo(n, date_time=(2022, 8, 22, 19, 48, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d)
    zip_bytes = zbuf.getvalue()
    (work / zip_name).write_bytes(zip_bytes)

    sections = section_labels(parts, desc_name)
    proj, pflags = project_label("2022-10", "2023-09")
    flags = section_flags(sections) + budget_flags(budget) + pflags
    msgid = "<PR1P264MB20791C4E7A9B3D5F0C8A2E41B6D9@PR1P264MB2079.FRAP264.PROD.OUTLOOK.COM>"
    subject = "AMI Fabrique CTO : dossier de candidature – Logistique Verdier"
    frm = "c.verdier@verdier-logistique.fr"
    text = (
        "Madame, Monsieur,\n\n"
        "Vous trouverez ci-joint, dans un fichier compressé, notre dossier de candidature à "
        "l'AMI « La Fabrique CTO » : la description du projet « Voix au chapitre » et son "
        "budget prévisionnel.\n\n"
        "Nous restons à votre disposition pour une présentation orale.\n\n"
        "Cordialement,\n\n"
        "Claire Verdier\n"
        "Directrice des ressources humaines\n"
        "Logistique Verdier SAS – ZAC de Chesnes – 38070 Saint-Quentin-Fallavier\n"
        "Tél. 04 74 95 18 62\n"
    )
    html = (
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
        "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        "</head><body lang=\"FR\"><div class=\"WordSection1\">"
        "<p class=\"MsoNormal\">Madame, Monsieur,</p><p class=\"MsoNormal\">&nbsp;</p>"
        "<p class=\"MsoNormal\">Vous trouverez ci-joint, dans un fichier compressé, notre "
        "dossier de candidature à l'AMI «&nbsp;La Fabrique CTO&nbsp;» : la description du "
        "projet «&nbsp;Voix au chapitre&nbsp;» et son budget prévisionnel.</p>"
        "<p class=\"MsoNormal\">Nous restons à votre disposition pour une présentation "
        "orale.</p><p class=\"MsoNormal\">Cordialement,</p><p class=\"MsoNormal\">&nbsp;</p>"
        "<p class=\"MsoNormal\"><b>Claire Verdier</b><br>Directrice des ressources humaines"
        "<br>Logistique Verdier SAS – ZAC de Chesnes – 38070 Saint-Quentin-Fallavier<br>"
        "Tél. 04 74 95 18 62</p><p class=\"MsoNormal\"><img width=\"120\" height=\"40\" "
        "id=\"Image_x0020_1\" src=\"cid:image001.png@01D8B63A.5F2C1E90\" "
        "alt=\"Logo Verdier\"></p></div></body></html>"
    )
    png = tiny_png()
    B0 = "_004_PR1P264MB20791C4E7A9B3D5F0C8A2E41B6D9PR1P264MB2079FRAP_"
    B1 = "_003_PR1P264MB20791C4E7A9B3D5F0C8A2E41B6D9PR1P264MB2079FRAP_"
    B2 = "_000_PR1P264MB20791C4E7A9B3D5F0C8A2E41B6D9PR1P264MB2079FRAP_"
    eml = f"""From: Claire Verdier <{frm}>
To: "fabrique@anact.fr" <fabrique@anact.fr>
Subject: {q_word(subject, 'windows-1252')}
Thread-Topic: {q_word(subject, 'windows-1252')}
Thread-Index: Adi2Ol8sHpB1c0Yw0kOVZl2b7xQx9A==
Date: Mon, 22 Aug 2022 18:05:31 +0000
Message-ID: {msgid}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
Content-Type: multipart/mixed;
\tboundary="{B0}"
MIME-Version: 1.0

--{B0}
Content-Type: multipart/related;
\tboundary="{B1}";
\ttype="multipart/alternative"

--{B1}
Content-Type: multipart/alternative;
\tboundary="{B2}"

--{B2}
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(text, 'windows-1252')}
--{B2}
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(html, 'windows-1252')}
--{B2}--

--{B1}
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={len(png)};
\tcreation-date="Mon, 22 Aug 2022 18:05:30 GMT";
\tmodification-date="Mon, 22 Aug 2022 18:05:30 GMT"
Content-ID: <image001.png@01D8B63A.5F2C1E90>
Content-Transfer-Encoding: base64

{b64(png)}

--{B1}--

--{B0}
Content-Type: application/x-zip-compressed; name="{zip_name}"
Content-Description: {zip_name}
Content-Disposition: attachment; filename="{zip_name}"; size={len(zip_bytes)};
\tcreation-date="Mon, 22 Aug 2022 17:58:12 GMT";
\tmodification-date="Mon, 22 Aug 2022 18:05:30 GMT"
Content-Transfer-Encoding: base64

{b64(zip_bytes)}

--{B0}--
"""
    label = make_label(
        "PME logistique : ZIP (description ODT à titres en gras, budget XLSX HT et TTC côte à "
        "côte avec sous-totaux et formules), Outlook windows-1252 avec logo inline ; complet",
        decide(flags), flags, sections, budget, partners,
        [{"filename": desc_name, "status": "parsed"},
         {"filename": bud_name, "status": "parsed"},
         {"filename": "image001.png", "status": "skipped"}],
        {"message_id": msgid, "from": frm, "subject": subject,
         "date": "2022-08-22T18:05:31+00:00"},
        proj)
    write_case(cid, eml, label)


# =========================================================================== case 03
# Regional health-at-work service (SPST). fpdf2 PDF with a coloured sidebar on page 1;
# parts merged two by two under one heading; budget as two tables in the PDF.
# Apple Mail, curly apostrophes in the subject, trailing text part. Complete.


def case03() -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    cid = "h3m-03"
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    fname = "SATLO – Cartes sur table – AMI Fabrique CTO.pdf"
    lines = [
        ("Ergonome du SPST (40 jours)", "personnel", 19200),
        ("Infirmière en santé au travail (25 jours)", "personnel", 9000),
        ("Psychologue du travail (20 jours)", "personnel", 9000),
        ("Déplacements dans les entreprises (Loire-Atlantique, Vendée)",
         "deplacements_logistique", 3100),
        ("Organisation de quatre ateliers inter-entreprises", "deplacements_logistique", 2400),
        ("Design de service : conception des cartes de dialogue (prestataire)", "prestations",
         9800),
        ("Captation vidéo et communication", "prestations", 3500),
    ]
    anact = 42000
    cofin = [("Fonds propres SATLO (temps des préventeurs)", 9000),
             ("Carsat Pays de la Loire (demande en cours)", 5000)]
    total = sum(a for _, _, a in lines)
    budget = budget_label(lines, cofin, anact, declared_total=total)
    assert total == 56000 and budget["cofinancing"]["share"] == 0.25

    partners = ["Aract Pays de la Loire", "CAPEB Vendée", "U2P Pays de la Loire",
                "École de design Nantes Atlantique"]
    parts = [
        ("Contexte et ambitions", ["contexte", "objectifs"], [
            ("p", "Santé au Travail Loire-Océan suit 61 000 salariés de 4 200 entreprises "
                  "adhérentes, dont 80 % comptent moins de onze salariés. Nos équipes "
                  "pluridisciplinaires constatent depuis la crise sanitaire une arrivée massive "
                  "d'outils numériques dans ces très petites entreprises : géolocalisation des "
                  "véhicules, plannings sur smartphone, devis et rapports d'intervention sur "
                  "tablette. Ces outils arrivent sans que personne n'en discute, et nos "
                  "visites de prévention en découvrent les effets après coup : débordement "
                  "sur la vie personnelle, tensions autour du contrôle, perte de savoir-faire."),
            ("p", "Notre ambition est triple : aider les dirigeants de TPE et leurs salariés à "
                  "parler ensemble de leurs outils avant de les choisir ; outiller nos "
                  "préventeurs pour animer ce dialogue lors des visites d'entreprise ; faire "
                  "reconnaître ce type d'intervention comme une action de prévention primaire "
                  "à part entière."),
        ]),
        ("Publics et enjeux", ["cibles", "problematique"], [
            ("p", "Le projet vise les TPE du bâtiment, de la maintenance et des services à "
                  "domicile de Loire-Atlantique et de Vendée : trente entreprises volontaires, "
                  "leurs dirigeants et leurs salariés, ainsi que nos vingt-deux préventeurs "
                  "(ergonomes, infirmières, psychologues, techniciens)."),
            ("p", "L'enjeu est de taille : dans une entreprise de six personnes, il n'y a ni "
                  "CSE ni service informatique. Comment faire exister un dialogue social "
                  "technologique là où il n'existe aucune instance pour le porter, et où le "
                  "dirigeant choisit seul, souvent sur les conseils du vendeur ?"),
        ]),
        ("Démarche et calendrier", ["methodologie", "phasage"], [
            ("p", "Nous concevrons avec un designer de service un jeu de « cartes sur table » : "
                  "chaque carte décrit une situation de travail outillée (« le planning "
                  "change la veille au soir », « le client voit où est le technicien ») et "
                  "invite l'équipe à dire ce qui aide et ce qui gêne. Le jeu sera testé lors "
                  "de visites en entreprise puis dans des ateliers inter-entreprises réunissant "
                  "dirigeants et salariés de plusieurs TPE."),
            ("p", "Novembre 2022 – janvier 2023 : entretiens dans dix TPE et conception du jeu "
                  "avec le designer. Février – avril 2023 : tests dans vingt entreprises et "
                  "formation des préventeurs. Mai – juillet 2023 : quatre ateliers "
                  "inter-entreprises à Nantes, La Roche-sur-Yon, Saint-Nazaire et Challans. "
                  "Septembre – octobre 2023 : version finale du jeu, évaluation et "
                  "restitution publique."),
        ]),
        ("Gouvernance et partenaires", ["pilotage", "partenaires"], [
            ("p", "Un comité de pilotage se réunit tous les trois mois : le médecin du travail "
                  "coordinateur, la direction du service, deux représentants des employeurs "
                  "adhérents, deux représentants des salariés siégeant à notre commission de "
                  "contrôle et nos partenaires. Une cellule projet (ergonome, infirmière, "
                  "psychologue) suit l'avancement chaque quinzaine."),
            ("p", "Nos partenaires et leur contribution : l'Aract Pays de la Loire apporte son "
                  "expertise sur le dialogue social et co-anime deux ateliers ; la CAPEB "
                  "Vendée et l'U2P Pays de la Loire mobilisent les entreprises artisanales et "
                  "relaient la démarche ; l'École de design Nantes Atlantique accueille un "
                  "atelier et fait tester le jeu par ses étudiants en design de service."),
        ]),
        ("Résultats attendus et essaimage", ["resultats", "perennisation"], [
            ("p", "Nous attendons un jeu de cartes éprouvé dans trente entreprises, vingt-deux "
                  "préventeurs formés à son animation, et une évaluation des changements "
                  "obtenus (règles d'usage écrites, réglages modifiés, ressenti des "
                  "salariés)."),
            ("p", "Le jeu intégrera l'offre de services socle de SATLO dès 2024 et sera "
                  "proposé en licence libre aux autres services de prévention et de santé au "
                  "travail de la région, avec une session de prise en main organisée avec "
                  "leur association régionale."),
        ]),
    ]
    sidebar = [
        ("B", 11, "SANTÉ AU TRAVAIL LOIRE-OCÉAN"),
        ("", 8.5, "Service de prévention et de santé au travail interentreprises"),
        ("", 8.5, " "),
        ("B", 9, "En chiffres"),
        ("", 8.5, "4 200 entreprises adhérentes"),
        ("", 8.5, "61 000 salariés suivis"),
        ("", 8.5, "9 centres, 140 collaborateurs"),
        ("", 8.5, " "),
        ("B", 9, "Le projet en bref"),
        ("", 8.5, "Durée : 12 mois"),
        ("", 8.5, "Territoire : Loire-Atlantique et Vendée"),
        ("", 8.5, "30 TPE volontaires"),
        ("", 8.5, " "),
        ("B", 9, "Contact"),
        ("", 8.5, "Dr Anne Le Goff, médecin du travail coordinatrice"),
        ("", 7.5, "a.legoff@satlo-sante-travail.fr"),
        ("", 8.5, "02 40 73 51 08"),
    ]

    class PDF(FPDF):
        def header(self):
            self.set_fill_color(225, 236, 244)
            self.rect(0, 0, 60, 297, style="F")

        def footer(self):
            self.set_y(-12)
            self.set_x(66)
            self.set_font("DV", "I", 7.5)
            self.cell(0, 5, f"SATLO – AMI La Fabrique CTO – page {self.page_no()}", align="R")

    pdf = PDF(format="A4", unit="mm")
    pdf.set_creation_date(dt.datetime(2022, 8, 18, 15, 30, tzinfo=dt.timezone.utc))
    pdf.set_title("Cartes sur table – SATLO")
    pdf.set_author("SATLO")
    for style, fn in (("", "DejaVuSans"), ("B", "DejaVuSans-Bold"), ("I", "DejaVuSans-Oblique")):
        pdf.add_font("DV", style, f"{FONT_DIR}/{fn}.ttf")
    pdf.set_margins(66, 18, 14)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    # sidebar text (page 1 only)
    y = 22
    for style, size, txt in sidebar:
        pdf.set_xy(7, y)
        pdf.set_font("DV", style, size)
        pdf.multi_cell(48, 4.4, txt, align="L", new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 0.8
    pdf.set_xy(66, 18)
    pdf.set_text_color(20, 60, 110)
    pdf.set_font("DV", "B", 16)
    pdf.multi_cell(0, 7.5, "Cartes sur table : parler des outils numériques dans les très "
                           "petites entreprises", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DV", "I", 9.5)
    pdf.ln(1)
    pdf.multi_cell(0, 5, "Proposition de Santé au Travail Loire-Océan (SATLO) en réponse à "
                         "l'appel à manifestation d'intérêt « Développer le dialogue social "
                         "technologique au travail »")
    pdf.ln(4)
    for heading, _, blocks in parts:
        pdf.set_font("DV", "B", 12.5)
        pdf.set_text_color(20, 60, 110)
        pdf.multi_cell(0, 7, heading)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
        pdf.set_font("DV", "", 9.5)
        for kind, val in blocks:
            assert kind == "p"
            pdf.multi_cell(0, 4.8, val, align="J")
            pdf.ln(2)
        pdf.ln(2)
    pdf.set_font("DV", "B", 12.5)
    pdf.set_text_color(20, 60, 110)
    pdf.multi_cell(0, 7, "Budget prévisionnel")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DV", "", 9)
    pdf.ln(1)
    pdf.multi_cell(0, 4.8, "Dépenses du projet (montants nets, SATLO n'étant pas assujetti à "
                           "la TVA) :")
    pdf.ln(1)
    head = FontFace(emphasis="BOLD", fill_color=(225, 236, 244))
    with pdf.table(col_widths=(100, 30), text_align=("LEFT", "RIGHT"), width=pdf.epw,
                   align="LEFT", headings_style=head, line_height=5) as t:
        t.row(["Dépenses", "Montant"])
        for lab, _, amt in lines:
            t.row([lab, euro(amt)])
        row = t.row()
        row.cell("Total des dépenses", style=FontFace(emphasis="BOLD"))
        row.cell(euro(total), style=FontFace(emphasis="BOLD"))
    pdf.ln(3)
    pdf.multi_cell(0, 4.8, "Ressources :")
    pdf.ln(1)
    with pdf.table(col_widths=(100, 30), text_align=("LEFT", "RIGHT"), width=pdf.epw,
                   align="LEFT", headings_style=head, line_height=5) as t:
        t.row(["Ressources", "Montant"])
        t.row(["Subvention Anact sollicitée (AMI La Fabrique CTO)", euro(anact)])
        for lab, amt in cofin:
            t.row([lab, euro(amt)])
        row = t.row()
        row.cell("Total des ressources", style=FontFace(emphasis="BOLD"))
        row.cell(euro(anact + sum(a for _, a in cofin)), style=FontFace(emphasis="BOLD"))
    pdf_bytes = bytes(pdf.output())
    (work / "projet.pdf").write_bytes(pdf_bytes)

    sections = section_labels(parts, fname)
    proj, pflags = project_label("2022-11", "2023-10")
    flags = section_flags(sections) + budget_flags(budget) + pflags
    msgid = "<8E2C4F1A-3B5D-4C6E-9F7A-1B2C3D4E5F60@satlo-sante-travail.fr>"
    subject = ("Réponse à l’appel à manifestation d’intérêt « Développer le dialogue social "
               "technologique au travail »")
    frm = "a.legoff@satlo-sante-travail.fr"
    body1 = ("Bonjour,\n\nJe vous prie de trouver ci-joint la proposition de Santé au Travail "
             "Loire-Océan, « Cartes sur table », pour l’AMI La Fabrique CTO.\n\n"
             "Le document contient la description, le budget et nos partenaires.\n\n")
    body2 = ("\nBien à vous,\n\nDr Anne Le Goff\nMédecin du travail coordinatrice\n"
             "SATLO – Santé au Travail Loire-Océan\n\n")
    B = "Apple-Mail=_3F2A9C1E-7B4D-4E8A-9C21-5D6E7F8A9B0C"
    enc_name = "=?utf-8?Q?" + "".join(
        c if (c.isascii() and c.isalnum()) else ("_" if c == " " else "".join(
            f"={b:02X}" for b in c.encode("utf-8"))) for c in fname) + "?="
    eml = f"""From: Anne Le Goff <{frm}>
Content-Type: multipart/mixed;
\tboundary="{B}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))
Subject: {rfc2047(subject, 'utf-8', 'q')}
Message-Id: {msgid}
Date: Fri, 19 Aug 2022 11:27:45 +0200
To: fabrique@anact.fr
X-Mailer: Apple Mail (2.3696.120.41.1.1)


--{B}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(body1, 'utf-8')}
--{B}
Content-Disposition: attachment;
\t{rfc2231_params(fname, 'filename')}
Content-Type: application/pdf;
\tx-unix-mode=0644;
\tname="{enc_name}"
Content-Transfer-Encoding: base64

{b64(pdf_bytes)}
--{B}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(body2, 'utf-8')}
--{B}--
"""
    label = make_label(
        "Service de prévention et de santé au travail : PDF fpdf2 avec bandeau latéral, "
        "parties fusionnées deux à deux sous un titre, budget en deux tableaux ; complet",
        decide(flags), flags, sections, budget, partners,
        [{"filename": fname, "status": "parsed"}],
        {"message_id": msgid, "from": frm, "subject": subject,
         "date": "2022-08-19T11:27:45+02:00"},
        proj)
    write_case(cid, eml, label)


# =========================================================================== case 04
# Public research institute team. fpdf2 PDF set in two columns of text, numbered headings
# in its own words and order; two-sided XLSX budget (DÉPENSES | RESSOURCES) with formulas
# and an in-kind contribution on both sides. Roundcube, ISO-8859-1 body, sent on the
# deadline day. Defect: the chronogram ends in March 2024 (after 30 December 2023).


def case04() -> None:
    import openpyxl
    from openpyxl.styles import Font

    cid = "h3m-04"
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    pdf_name = "NuTra_INRTO_proposition_Fabrique_CTO.pdf"
    bud_name = "Budget prévisionnel NuTra.xlsx"
    lines = [
        ("Ingénieure d'études contractuelle (9 mois)", "personnel", 34200),
        ("Chercheurs titulaires – temps valorisé (30 jours)", "personnel", 12600),
        ("Missions sur les terrains (train, hébergement)", "deplacements_logistique", 5800),
        ("Séminaire de restitution (salle, repas)", "deplacements_logistique", 1900),
        ("Transcription des entretiens (prestataire)", "prestations", 3600),
        ("Mise en forme graphique du guide (prestataire)", "prestations", 2900),
    ]
    anact = 48400
    cofin = [("INRTO – valorisation du temps des chercheurs titulaires (contribution en nature)",
              12600)]
    total = sum(a for _, _, a in lines)
    budget = budget_label(lines, cofin, anact, declared_total=total)
    assert total == 61000 and budget["cofinancing"]["share"] == 0.2066

    # ---- two-sided budget workbook
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Projet NuTra-Dialogue – budget prévisionnel (en euros, net de taxes)"
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["DÉPENSES", "Montant", None, "RESSOURCES", "Montant"])
    for c in ws[3]:
        c.font = Font(bold=True)
    res = [("Anact – AMI La Fabrique CTO (demandé)", anact)] + cofin
    n = max(len(lines), len(res))
    for i in range(n):
        row = [None] * 5
        if i < len(lines):
            row[0], row[1] = lines[i][0], lines[i][2]
        if i < len(res):
            row[3], row[4] = res[i]
        ws.append(row)
    last = 3 + n
    ws.append(["TOTAL DÉPENSES", f"=SUM(B4:B{last})", None, "TOTAL RESSOURCES",
               f"=SUM(E4:E{last})"])
    for c in ws[last + 1]:
        c.font = Font(bold=True)
    ws.append([])
    ws.append(["Part du cofinancement", f"=E5/B{last + 1}"])
    ws.cell(last + 3, 2).number_format = "0.0%"
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["D"].width = 70
    for col in "BE":
        ws.column_dimensions[col].width = 12
        for r in range(4, last + 2):
            ws[f"{col}{r}"].number_format = "#,##0"
    bud_bytes = xlsx_with_values(wb, work, "budget.xlsx")

    partners = ["Aract Grand Est", "Union départementale CFDT de la Moselle",
                "Club des dirigeants de PME du Pays messin"]
    parts = [
        ("1. Genèse du projet", ["contexte"], [
            ("p", "L'équipe Numérique & Travail (NuTra) de l'INRTO conduit depuis 2018 des "
                  "enquêtes sur l'introduction des progiciels de gestion et des outils "
                  "collaboratifs dans les PME industrielles du Grand Est. Nos travaux montrent "
                  "que les choix techniques se font presque toujours hors de toute discussion "
                  "avec les salariés, et que les instances représentatives n'en sont informées "
                  "qu'une fois l'outil installé."),
            ("p", "L'accord-cadre européen de 2020 sur la numérisation offre un point d'appui "
                  "que les PME ne se sont pas encore approprié."),
        ]),
        ("2. Question de recherche-intervention", ["problematique"], [
            ("p", "À quelles conditions un collectif de salariés et de managers peut-il "
                  "discuter d'un projet de progiciel avant son déploiement, alors que les "
                  "effets de l'outil sur le travail ne sont pas encore visibles ? Nous "
                  "faisons l'hypothèse que des « scénarios d'usage » rédigés à partir du "
                  "travail réel rendent ces effets discutables à l'avance."),
        ]),
        ("3. Finalités", ["objectifs"], [
            ("p", "Le projet poursuit trois finalités : comprendre comment naissent et "
                  "circulent les décisions techniques dans six PME ; concevoir avec leurs "
                  "salariés une méthode de scénarios d'usage ; éprouver cette méthode lors "
                  "d'un déploiement réel et en tirer un guide pour les négociateurs."),
        ]),
        ("4. Terrains et publics", ["cibles"], [
            ("p", "Six PME industrielles de Moselle et de Meurthe-et-Moselle (50 à 250 "
                  "salariés) engagées dans un changement de progiciel en 2023 ; dans chacune, "
                  "un groupe de huit à dix salariés de l'atelier et des bureaux, leurs "
                  "managers de proximité et les élus du CSE."),
        ]),
        ("5. Dispositif d'enquête et d'intervention", ["methodologie"], [
            ("p", "La méthode combine une enquête ethnographique (observations, entretiens) et "
                  "une intervention : dans chaque entreprise, le groupe rédige avec les "
                  "chercheurs trois à cinq scénarios d'usage, les soumet au fournisseur et à "
                  "la direction, puis suit leur prise en compte pendant le déploiement. Les "
                  "résultats sont mis en discussion lors de séminaires inter-entreprises."),
        ]),
        ("6. Chronogramme", ["phasage"], [
            ("p", "Le projet se déroule sur dix-sept mois, de novembre 2022 à mars 2024 : "
                  "novembre 2022 – février 2023, entrée sur les terrains et enquête ; mars – "
                  "juin 2023, ateliers de scénarios ; juillet – décembre 2023, suivi des "
                  "déploiements ; janvier – mars 2024, analyse, guide et séminaire de "
                  "restitution."),
        ]),
        ("7. Instances de suivi", ["pilotage"], [
            ("p", "Un comité scientifique et social, réuni trois fois, associe les "
                  "chercheurs, deux dirigeants, deux élus de CSE et les partenaires. Un "
                  "comité de suivi restreint (responsable scientifique, ingénieure d'études, "
                  "Aract) se réunit chaque mois."),
        ]),
        ("8. Livrables", ["resultats"], [
            ("p", "Six monographies d'entreprise, une méthode de scénarios d'usage décrite et "
                  "testée, un guide à l'usage des négociateurs (élus et directions), deux "
                  "articles scientifiques et une note de synthèse pour l'Anact."),
        ]),
        ("9. Valorisation et essaimage", ["perennisation"], [
            ("p", "Le guide sera diffusé en accès ouvert et présenté dans les formations "
                  "d'élus de CSE de nos partenaires syndicaux. La méthode sera intégrée au "
                  "master « Travail et organisations » de l'université partenaire de "
                  "l'institut et proposée à d'autres Aract."),
        ]),
        ("10. Partenariats mobilisés", ["partenaires"], [
            ("p", "L'Aract Grand Est co-anime les séminaires inter-entreprises et apporte son "
                  "expertise en conditions de travail. L'Union départementale CFDT de la "
                  "Moselle facilite l'accès aux élus et relit le guide. Le Club des "
                  "dirigeants de PME du Pays messin identifie les entreprises volontaires et "
                  "accueille le séminaire de restitution."),
        ]),
    ]
    from fpdf import FPDF

    class PDF(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DV", "", 7.5)
            self.cell(0, 5, f"INRTO – équipe NuTra – {self.page_no()}/{{nb}}", align="C")

    pdf = PDF(format="A4", unit="mm")
    pdf.set_creation_date(dt.datetime(2022, 8, 23, 18, 50, tzinfo=dt.timezone.utc))
    pdf.set_title("NuTra-Dialogue")
    for style, fn in (("", "DejaVuSerif"), ("B", "DejaVuSerif-Bold"), ("I", "DejaVuSerif-Italic")):
        pdf.add_font("DV", style, f"{FONT_DIR}/{fn}.ttf")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("DV", "B", 15)
    pdf.multi_cell(0, 7, "NuTra-Dialogue : écrire des scénarios d'usage pour discuter des "
                         "progiciels avant leur déploiement", align="C")
    pdf.ln(2)
    pdf.set_font("DV", "I", 9.5)
    pdf.multi_cell(0, 5, "Proposition de l'équipe Numérique & Travail (NuTra), Institut national "
                         "de recherche sur le travail et les organisations (INRTO), Metz – "
                         "AMI La Fabrique CTO, août 2022", align="C")
    pdf.ln(5)
    cols = pdf.text_columns(ncols=2, gutter=8, text_align="L", line_height=1.35)
    with cols:
        for heading, _, blocks in parts:
            pdf.set_font("DV", "B", 10.5)
            with cols.paragraph(text_align="L", top_margin=3, bottom_margin=1.5) as par:
                par.write(heading)
            pdf.set_font("DV", "", 9)
            for kind, val in blocks:
                with cols.paragraph(bottom_margin=1.5) as par:
                    par.write(val)
        pdf.set_font("DV", "B", 10.5)
        with cols.paragraph(text_align="L", top_margin=3, bottom_margin=1.5) as par:
            par.write("11. Budget")
        pdf.set_font("DV", "", 9)
        with cols.paragraph(bottom_margin=1.5) as par:
            par.write(f"Le coût complet du projet est de {euro(total)}, dont {euro(12600)} de "
                      f"temps de chercheurs titulaires valorisé par l'INRTO. La subvention "
                      f"demandée à l'Anact est de {euro(anact)}. Le détail figure dans le "
                      f"tableur joint.")
    pdf_bytes = bytes(pdf.output())
    (work / "proposition.pdf").write_bytes(pdf_bytes)

    sections = section_labels(parts, pdf_name)
    proj, pflags = project_label("2022-11", "2024-03")
    assert proj["duration_months"] == 17 and pflags
    flags = section_flags(sections) + budget_flags(budget) + pflags
    msgid = "<a3f1c0d2e4b5968778695a4b3c2d1e0f@inrto.fr>"
    subject = "Fabrique CTO - proposition équipe NuTra / INRTO"
    frm = "julien.mercadier@inrto.fr"
    body = ("Madame, Monsieur,\n\n"
            "Au nom de l'équipe Numérique & Travail de l'INRTO, je vous adresse notre \n"
            "proposition pour l'AMI « La Fabrique CTO » (description en PDF) ainsi que \n"
            "le budget prévisionnel détaillé (tableur).\n\n"
            "Bien cordialement,\n\n"
            "-- \n"
            "Julien Mercadier\n"
            "Chargé de recherche, responsable de l'équipe NuTra\n"
            "INRTO - 4 rue Marconi - 57070 Metz\n")
    B = "=_c1e8b5f2a7d94e0b36f1c2d4a5e6b7c8"
    bud_q = quote(bud_name, safe="")
    eml = f"""MIME-Version: 1.0
Date: Tue, 23 Aug 2022 21:14:09 +0200
From: Julien Mercadier <{frm}>
To: fabrique@anact.fr
Subject: Fabrique CTO - proposition =?UTF-8?Q?=C3=A9quipe?= NuTra / INRTO
Message-ID: {msgid}
X-Sender: {frm}
User-Agent: Roundcube Webmail/1.4.13
Content-Type: multipart/mixed;
 boundary="{B}"

--{B}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=ISO-8859-1;
 format=flowed

{qp(body, 'iso-8859-1')}
--{B}
Content-Transfer-Encoding: base64
Content-Type: application/pdf;
 name={pdf_name}
Content-Disposition: attachment;
 filename={pdf_name};
 size={len(pdf_bytes)}

{b64(pdf_bytes)}
--{B}
Content-Transfer-Encoding: base64
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
 name*=UTF-8''{bud_q}
Content-Disposition: attachment;
 filename*=UTF-8''{bud_q};
 size={len(bud_bytes)}

{b64(bud_bytes)}
--{B}--
"""
    label = make_label(
        "Équipe d'un institut public de recherche : PDF fpdf2 en deux colonnes, titres numérotés "
        "propres, budget XLSX à deux colonnes DÉPENSES | RESSOURCES avec apport en nature ; "
        "envoyé le jour limite ; défaut : fin du projet en mars 2024",
        decide(flags), flags, sections, budget, partners,
        [{"filename": pdf_name, "status": "parsed"}, {"filename": bud_name, "status": "parsed"}],
        {"message_id": msgid, "from": frm, "subject": subject,
         "date": "2022-08-23T21:14:09+02:00"},
        proj)
    write_case(cid, eml, label)


# =========================================================================== case 05
# Craft-trades chamber (CMA). DOCX whose headings are Word numbered-list paragraphs
# (List Number, real numPr numbering, bold run); a small identity table first; budget given
# only TTC with the VAT rate stated. Gmail (multipart/alternative, RFC 2047 file name).
# Defect: no part on perennisation / dissemination.


def case05() -> None:
    from docx import Document
    from docx.shared import Pt

    cid = "h3m-05"
    work = WORK / cid
    work.mkdir(parents=True, exist_ok=True)
    fname = "Dossier_CMA_Normandie_Fabrique_CTO_août2022.docx"
    lines = [
        ("Conseillère numérique CMA (45 jours)", "personnel", 15750),
        ("Conseiller en développement RH (20 jours)", "personnel", 7000),
        ("Déplacements des conseillers en entreprise", "deplacements_logistique", 2640),
        ("Ateliers collectifs : location de salle et pauses", "deplacements_logistique", 1560),
        ("Prestation d'un cabinet en ergonomie", "prestations", 14400),
        ("Réalisation de tutoriels vidéo", "prestations", 4800),
    ]
    anact = 36000
    cofin = [("Autofinancement CMA Normandie", 6150),
             ("Région Normandie – dispositif Impulsion Conseil (sollicité)", 4000)]
    total = sum(a for _, _, a in lines)
    budget = budget_label(lines, cofin, anact, declared_total=total)
    assert total == 46150 and budget["cofinancing"]["share"] == 0.2199

    partners = ["Aract Normandie", "CAPEB Normandie", "Fédération de la boulangerie du Calvados"]
    parts = [
        ("Éléments de contexte", ["contexte"], [
            ("p", "La Normandie compte près de 60 000 entreprises artisanales, dont plus de "
                  "la moitié emploient au moins un salarié ou un apprenti. Depuis 2020, nos "
                  "conseillers constatent l'adoption rapide d'outils numériques par ces "
                  "entreprises : caisses connectées, prise de rendez-vous en ligne, logiciels "
                  "de devis et de facturation sur tablette, messageries de groupe pour "
                  "organiser les tournées."),
            ("p", "Ces outils sont choisis par le chef d'entreprise, souvent sur les conseils "
                  "d'un commercial, sans que les salariés soient associés ni que leurs effets "
                  "sur l'organisation du travail soient anticipés."),
        ]),
        ("Le problème posé aux artisans", ["problematique"], [
            ("p", "Dans une entreprise de cinq personnes, il n'existe généralement ni "
                  "représentant du personnel ni temps prévu pour discuter du travail. Comment "
                  "créer un espace de dialogue simple sur les outils numériques, qui tienne "
                  "compte des métiers (horaires décalés, travail chez le client, "
                  "polyvalence) et qui ne soit pas vécu comme une contrainte administrative "
                  "de plus ?"),
        ]),
        ("Objectifs poursuivis", ["objectifs"], [
            ("ul", ["Permettre à 25 entreprises artisanales de choisir ou de régler un outil "
                    "numérique avec leurs salariés et apprentis.",
                    "Former les conseillers de la CMA à l'animation de ce dialogue.",
                    "Produire des outils pratiques adaptés aux métiers de l'artisanat."]),
        ]),
        ("Entreprises et publics visés", ["cibles"], [
            ("p", "Vingt-cinq entreprises de 2 à 20 salariés du Calvados, de la Manche et de "
                  "l'Orne, dans quatre familles de métiers : alimentation (boulangerie, "
                  "boucherie), services à la personne (coiffure, esthétique), bâtiment et "
                  "réparation automobile. Sont concernés les chefs d'entreprise, leurs "
                  "salariés, leurs apprentis et les conjoints collaborateurs."),
        ]),
        ("Méthode d'intervention", ["methodologie"], [
            ("p", "Chaque entreprise bénéficie de deux demi-journées d'accompagnement par un "
                  "binôme conseiller CMA – ergonome : observation du travail avec l'outil, "
                  "puis réunion d'équipe animée à partir d'une grille de questions (« qu'est-ce "
                  "que l'outil change pour vous ? qu'est-ce qu'on règle ? »). Quatre ateliers "
                  "collectifs par famille de métiers permettent ensuite aux entreprises "
                  "d'échanger leurs pratiques."),
        ]),
        ("Calendrier prévisionnel", ["phasage"], [
            ("p", "Le projet se déroulera de janvier 2023 au 15 décembre 2023."),
            ("ul", ["Janvier – février 2023 : recrutement des entreprises, formation des "
                    "conseillers par le cabinet d'ergonomie.",
                    "Mars – juin 2023 : accompagnements individuels (première vague de 13 "
                    "entreprises).",
                    "Septembre – novembre 2023 : seconde vague (12 entreprises) et ateliers "
                    "collectifs.",
                    "Décembre 2023 : bilan et remise des tutoriels (jusqu'au 15 décembre)."]),
        ]),
        ("Organisation du pilotage", ["pilotage"], [
            ("p", "Le projet est piloté par la direction du développement économique de la "
                  "CMA. Un comité de pilotage réunissant la CMA, les partenaires et deux chefs "
                  "d'entreprise participants se réunit en janvier, en juillet et en décembre "
                  "2023. Une réunion d'équipe mensuelle réunit les conseillers et le cabinet "
                  "d'ergonomie."),
        ]),
        ("Résultats attendus", ["resultats"], [
            ("ul", ["25 entreprises accompagnées, dont au moins 15 ayant modifié le réglage ou "
                    "l'usage d'un outil à la suite du dialogue ;",
                    "8 conseillers CMA formés ;",
                    "une grille de dialogue et six tutoriels vidéo par famille de métiers ;",
                    "un bilan qualitatif établi avec les entreprises participantes."]),
        ]),
        ("Partenaires associés", ["partenaires"], [
            ("p", "L'Aract Normandie apporte son appui méthodologique et participe au comité "
                  "de pilotage. La CAPEB Normandie mobilise les entreprises du bâtiment. La "
                  "Fédération de la boulangerie du Calvados relaie l'opération auprès de ses "
                  "adhérents et accueille un atelier collectif."),
        ]),
    ]
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    t = doc.add_paragraph()
    r = t.add_run("« Outils numériques : parlons-en ! »")
    r.bold = True
    r.font.size = Pt(18)
    doc.add_paragraph("Dossier de candidature – Appel à manifestation d'intérêt La Fabrique CTO")
    ident = doc.add_table(rows=0, cols=2)
    ident.style = "Table Grid"
    for k, v in (("Structure porteuse", "Chambre de métiers et de l'artisanat de région Normandie"),
                 ("Interlocutrice", "Sophie Lecanu, responsable du service Développement des "
                                    "entreprises – s.lecanu@cma-normandie.fr"),
                 ("Territoire", "Calvados, Manche, Orne")):
        cells = ident.add_row().cells
        cells[0].text = k
        cells[1].text = v
    doc.add_paragraph("")
    for heading, _, blocks in parts:
        hp = doc.add_paragraph(style="List Number")
        hr = hp.add_run(heading)
        hr.bold = True
        hr.font.size = Pt(13)
        _docx_blocks(doc, blocks)
    hp = doc.add_paragraph(style="List Number")
    hr = hp.add_run("Budget prévisionnel")
    hr.bold = True
    hr.font.size = Pt(13)
    doc.add_paragraph("Tous les montants sont exprimés TTC, au taux de TVA de 20 % : la CMA "
                      "n'étant pas assujettie pour cette activité, la TVA reste à sa charge.")
    nature = {"personnel": "Dépenses de personnel",
              "deplacements_logistique": "Déplacements et logistique",
              "prestations": "Prestations extérieures"}
    rows = [("Nature", "Poste", "Montant TTC")]
    for lab, cat, amt in lines:
        rows.append((nature[cat], lab, euro(amt)))
    rows.append(("", "Total des dépenses TTC", euro(total)))
    _docx_blocks(doc, [("table", rows)])
    doc.add_paragraph("")
    rows = [("Financement", "Montant TTC")]
    rows.append(("Subvention demandée à l'Anact", euro(anact)))
    for lab, amt in cofin:
        rows.append((lab, euro(amt)))
    rows.append(("Total des ressources", euro(anact + sum(a for _, a in cofin))))
    _docx_blocks(doc, [("table", rows)])
    data = save_docx_bytes(doc)
    (work / "dossier.docx").write_bytes(data)

    sections = section_labels(parts, fname)
    assert not sections["perennisation"]["present"]
    proj, pflags = project_label("2023-01", "2023-12-15")
    assert proj["duration_months"] == 12 and not pflags
    flags = section_flags(sections) + budget_flags(budget) + pflags
    msgid = "<CAF8xZq0pR3mW7kT2uY9vB4nL6sD1hJ5gE0cQ8aX3fV7tK2wN9A@mail.gmail.com>"
    subject = "Candidature CMA – appel à manifestation d’intérêt Fabrique CTO"
    frm = "s.lecanu@cma-normandie.fr"
    text = ("Bonjour,\n\nVous trouverez ci-joint le dossier de candidature de la CMA Normandie "
            "pour l'AMI La Fabrique CTO.\n\nBelle journée,\n\n-- \nSophie Lecanu\nResponsable "
            "Développement des entreprises\nCMA Normandie\n")
    html = ("<div dir=\"ltr\"><div>Bonjour,</div><div><br></div><div>Vous trouverez ci-joint "
            "le dossier de candidature de la CMA Normandie pour l'AMI La Fabrique CTO.</div>"
            "<div><br></div><div>Belle journée,</div><div><br></div>-- <br><div dir=\"ltr\" "
            "class=\"gmail_signature\"><div dir=\"ltr\"><b>Sophie Lecanu</b><div>Responsable "
            "Développement des entreprises</div><div>CMA Normandie</div></div></div></div>\n")
    B0 = "0000000000004b7c1e05e5f2a8d1"
    B1 = "0000000000004b7c1c05e5f2a8cf"
    ename = rfc2047(fname, "UTF-8", "b")
    eml = f"""MIME-Version: 1.0
From: Sophie Lecanu <{frm}>
Date: Thu, 11 Aug 2022 09:03:27 +0200
Message-ID: {msgid}
Subject: {rfc2047(subject, 'UTF-8', 'b')}
To: fabrique@anact.fr
Content-Type: multipart/mixed; boundary="{B0}"

--{B0}
Content-Type: multipart/alternative; boundary="{B1}"

--{B1}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(text, 'utf-8')}
--{B1}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html, 'utf-8')}
--{B1}--
--{B0}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
\tname="{ename}"
Content-Disposition: attachment;
\tfilename="{ename}"
Content-Transfer-Encoding: base64
Content-ID: <f_l6p2c8ws0>
X-Attachment-Id: f_l6p2c8ws0

{b64(data)}
--{B0}--
"""
    label = make_label(
        "Chambre de métiers et de l'artisanat : DOCX à titres en liste numérotée Word, budget "
        "exprimé seulement TTC (TVA 20 % indiquée), Gmail ; défaut : aucune partie sur la "
        "pérennisation et l'essaimage",
        decide(flags), flags, sections, budget, partners,
        [{"filename": fname, "status": "parsed"}],
        {"message_id": msgid, "from": frm, "subject": subject,
         "date": "2022-08-11T09:03:27+02:00"},
        proj)
    write_case(cid, eml, label)


CASE_FUNCS = [case01, case02, case03, case04, case05]


def main(argv: list[str]) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    only = set(argv)
    for fn in CASE_FUNCS:
        if only and fn.__name__ not in only:
            continue
        fn()
        print("wrote", fn.__name__)


if __name__ == "__main__":
    main(sys.argv[1:])
