"""Writer "i" of holdout3: five proposals to "La Fabrique CTO", written blind.

Run with a venv holding python-docx, openpyxl, fpdf2, odfpy, Pillow, and LibreOffice on
PATH:  /tmp/h3venv-i/bin/python tests/holdout3/gen_i.py [--check]

Each case is described once (its parts, budget lines, financing, partners, dates); the
documents and the label are both drawn from that description.
"""

from __future__ import annotations

import base64
import io
import json
import os
import quopri
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from email import policy as email_policy
from email.generator import BytesGenerator
from email.header import Header
from email.message import Message
from email.utils import formataddr, format_datetime, parsedate_to_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3i-work")
LO_PROFILE = "file:///tmp/lo-i"
FIXED_ZIP_TIME = (2022, 8, 18, 9, 30, 0)
SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
DEADLINE = datetime.fromisoformat("2022-08-23T23:59:59+02:00")
END_LIMIT = "2023-12-30"
CAP = 80000


# --------------------------------------------------------------------------- helpers


def eur(x: float) -> str:
    """French amount: 24 000 € (narrow no-break space as thousands separator)."""
    s = f"{x:,.0f}".replace(",", "\u202f")
    return f"{s} €"


def eur_plain(x: float) -> str:
    s = f"{x:,.0f}".replace(",", " ")
    return f"{s} €"


def pct(x: float) -> str:
    """23,1 % (French decimal comma)."""
    return f"{x * 100:.1f}".replace(".", ",") + " %"


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def normalize_zip(path: Path) -> None:
    """Rewrite a ZIP-based file with fixed timestamps (deterministic DOCX/ODT/XLSX)."""
    src = zipfile.ZipFile(path)
    items = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info, data in items:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = re.sub(rb"(<(dcterms:created|dcterms:modified|meta:creation-date|"
                              rb"dc:date)[^>]*>)[^<]*", rb"\g<1>2022-08-18T09:30:00Z", data)
            zi = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            zi.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            zi.external_attr = 0o600 << 16
            out.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def fix_pdf_dates(data: bytes) -> bytes:
    """Fixed dates and ID in a LibreOffice PDF (same lengths, so the xref stays valid)."""
    def date(m: re.Match) -> bytes:
        fixed = b"D:20220816170000+02'00'"
        return m.group(1) + fixed[: len(m.group(2))].ljust(len(m.group(2)), b" ")
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()([^)]*)", date, data)
    data = re.sub(rb"<[0-9A-Fa-f]{32}>", b"<5D3C0A9E1B7F4E2C8A6D0F1B3E5C7A90>", data)
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /0F1E2D3C4B5A69788796A5B4C3D2E1F0",
                  data)
    return data


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=240,
    )
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), out
    return out


def logo_png(text: str, color: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (180, 48), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 179, 47], outline=color, width=3)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 20)
    d.text((12, 12), text, fill=color, font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


# --------------------------------------------------------------------------- MIME


def flow(text: str, width: int = 72) -> str:
    """format=flowed wrapping as Thunderbird does it (soft breaks end with a space)."""
    out = []
    for line in text.split("\n"):
        if line == "-- ":
            out.append(line)
            continue
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[: cut + 1])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def text_part(text: str, subtype: str, charset: str, cte: str, flowed: bool = False) -> Message:
    part = Message()
    ct = f"text/{subtype}; charset={charset}"
    if flowed:
        ct += "; format=flowed"
        text = flow(text)
    part["Content-Type"] = ct
    part["Content-Transfer-Encoding"] = cte
    raw = text.encode(charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(raw).decode("ascii")
    elif cte == "base64":
        payload = base64.encodebytes(raw.replace(b"\n", b"\r\n")).decode("ascii")
    else:  # 8bit: the bytes as they are
        payload = raw.decode("ascii", "surrogateescape")
    part.set_payload(payload)
    return part


def rfc2231_param(key: str, value: str) -> str:
    from urllib.parse import quote

    enc = quote(value.encode("utf-8"), safe="")
    if len(enc) <= 60:
        return f"{key}*=UTF-8''{enc}"
    chunks, i = [], 0
    while i < len(enc):
        j = min(i + 60, len(enc))
        # never cut a %XX escape
        while j < len(enc) and enc[j - 1] == "%" or (j < len(enc) and enc[j - 2:j - 1] == "%"):
            j -= 1
        chunks.append(enc[i:j])
        i = j
    out = []
    for n, c in enumerate(chunks):
        out.append(f"{key}*{n}*=UTF-8''{c}" if n == 0 else f"{key}*{n}*={c}")
    return ";\r\n ".join(out)


def rfc2047(value: str, enc: str = "B") -> str:
    if all(ord(c) < 128 for c in value):
        return value
    return Header(value, "utf-8", maxlinelen=998).encode() if enc == "B" else \
        "=?utf-8?Q?" + quopri.encodestring(value.encode("utf-8"), header=True).decode() + "?="


def attachment(data: bytes, ctype: str, filename: str, style: str,
               disposition: str = "attachment", cid: str | None = None) -> Message:
    part = Message()
    if style == "rfc2231":
        part["Content-Type"] = f"{ctype};\r\n {rfc2231_param('name', filename)}" \
            if any(ord(c) > 127 for c in filename) else f'{ctype}; name="{filename}"'
        disp = f"{disposition};\r\n {rfc2231_param('filename', filename)}" \
            if any(ord(c) > 127 for c in filename) else f'{disposition}; filename="{filename}"'
    else:  # rfc2047 (Outlook, Roundcube, Gmail style) or plain ascii
        name = rfc2047(filename)
        part["Content-Type"] = f'{ctype}; name="{name}"'
        disp = f'{disposition}; filename="{name}"'
    if cid:
        part["Content-ID"] = f"<{cid}>"
    part["Content-Disposition"] = disp
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(data).decode("ascii"))
    return part


def multipart(subtype: str, boundary: str, parts: list[Message], **params: str) -> Message:
    m = Message()
    extra = "".join(f'; {k}="{v}"' for k, v in params.items())
    m["Content-Type"] = f'multipart/{subtype}; boundary="{boundary}"{extra}'
    for p in parts:
        m.attach(p)
    m.set_boundary(boundary)
    return m


def finish_message(root: Message, headers: list[tuple[str, str]]) -> bytes:
    """Put the top-level headers before the MIME ones and serialise with CRLF."""
    body_headers = [(k, v) for k, v in root.items()]
    for k in list(root.keys()):
        del root[k]
    for k, v in headers:
        root[k] = v
    root["MIME-Version"] = "1.0"
    for k, v in body_headers:
        root[k] = v
    buf = io.BytesIO()
    BytesGenerator(buf, policy=email_policy.compat32.clone(linesep="\r\n", max_line_length=0),
                   mangle_from_=False).flatten(root)
    return buf.getvalue()


# --------------------------------------------------------------------------- labels


def label_sections(parts: list[dict], source_of: dict[str, str] | str) -> dict:
    out = {sid: {"present": False} for sid in SECTION_IDS}
    for p in parts:
        sid = p.get("sid")
        if not sid:
            continue
        assert not out[sid]["present"], sid
        body = p["body"][0]
        text = body if isinstance(body, str) else body[1]
        src = source_of if isinstance(source_of, str) else source_of[sid]
        out[sid] = {"present": True, "source": src, "heading": p["heading"],
                    "body_start": first_words(text, p.get("nwords", 6))}
    return out


def budget_label(lines: list[tuple], resources: list[tuple], declared_total: float | None,
                 anact: float | None) -> tuple[dict, list[dict]]:
    """lines: (label, category, amount); resources: (label, kind, amount) with kind 'anact'
    or a co-financing nature. Returns the budget label and the budget flags."""
    flags: list[dict] = []
    totals = {c: 0.0 for c in CATS}
    present = set()
    for label, cat, amount in lines:
        totals[cat] += amount
        present.add(cat)
        if cat == "autre":
            flags.append({"code": "ineligible_expense", "target": label, "severity": "warning"})
    line_sum = sum(totals.values())
    total = declared_total if declared_total is not None else line_sum
    if declared_total is not None and abs(declared_total - line_sum) > 1:
        flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
    cof = [r for r in resources if r[1] != "anact"]
    cof_amount = sum(r[2] for r in cof)
    b: dict = {"total_cost": total, "anact_request": anact,
               "totals": {c: float(totals[c]) for c in CATS}}
    if cof:
        b["cofinancing"] = {"amount": cof_amount, "share": round(cof_amount / total, 4)}
    for cat, sev in (("personnel", "blocking"), ("deplacements_logistique", "warning"),
                     ("prestations", "warning")):
        if cat not in present:
            flags.append({"code": "missing_budget_item", "target": cat, "severity": sev})
    if not cof:
        flags.append({"code": "missing_budget_item", "target": "cofinancement",
                      "severity": "blocking"})
    if anact is not None and anact > CAP:
        flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
    if cof and cof_amount / total < 0.2 - 1e-12:
        flags.append({"code": "cofinancing_below_minimum", "target": "",
                      "severity": "blocking"})
    return b, flags


def months_between(start: str, end: str) -> int:
    ys, ms = int(start[:4]), int(start[5:7])
    ye, me = int(end[:4]), int(end[5:7])
    return (ye - ys) * 12 + (me - ms) + 1


def make_label(case: dict, eml: bytes) -> dict:
    from email import message_from_bytes
    from email.header import decode_header, make_header

    msg = message_from_bytes(eml)
    date = parsedate_to_datetime(msg["Date"])
    subject = str(make_header(decode_header(msg["Subject"])))
    from_addr = re.search(r"<([^>]+)>", msg["From"]).group(1)
    flags: list[dict] = []
    if date > DEADLINE:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    sections = case["sections_label"]
    for sid in SECTION_IDS:
        if not sections[sid]["present"]:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    budget, bflags = budget_label(case["lines"], case["resources"], case.get("declared_total"),
                                  case["anact"])
    assert budget["total_cost"] == case["declared_total"]
    flags += bflags
    s = re.sub(r"[’‘ʼ`´]", "'", subject.lower())
    import unicodedata
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    if "fabrique cto" not in s and "manifestation d'interet" not in s:
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    start, end = case["project"]
    assert end[:7] != "2023-12" or len(end) == 10, "a month-only December 2023 end is ambiguous"
    if (end > END_LIMIT) if len(end) == 10 else (end > END_LIMIT[:7]):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    blocking = any(f["severity"] == "blocking" for f in flags)
    decision = "late" if date > DEADLINE else ("incomplete" if blocking else "complete")
    label = {
        "case": case["summary"],
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": budget,
        "partners": [{"name": n} for n in case["partners"]],
        "attachments": case["attachments"],
        "message": {"message_id": msg["Message-ID"].strip(), "from": from_addr,
                    "subject": subject, "date": date.isoformat()},
        "project": {"start": start, "end": end,
                    "duration_months": months_between(start, end)},
    }
    assert decision == case["expect_decision"], (case["id"], decision, flags)
    return label


def check_budget(case: dict) -> None:
    """Arithmetic of the written budget: subtotals, total, financing plan."""
    s = sum(a for _, _, a in case["lines"])
    assert abs(s - case["declared_total"]) < 0.01, (case["id"], s, case["declared_total"])
    r = sum(a for _, _, a in case["resources"])
    assert abs(r - case["declared_total"]) < 0.01, (case["id"], r)
    anact = [a for _, k, a in case["resources"] if k == "anact"]
    assert anact == [case["anact"]]


# --------------------------------------------------------------------------- case 01
# Regional employers' federation; a DOCX form: one two-column table "Rubrique | Contenu"
# holds every part, the budget and the financing plan in cells. Outlook, inline logo.

C01 = {
    "id": "h3i-01",
    "summary": "Fédération patronale régionale (FECVL), formulaire DOCX en tableau Rubrique | "
               "Contenu (budget et plan de financement dans les cellules), Outlook avec logo "
               "inline ; complet",
    "expect_decision": "complete",
    "file": "Formulaire_candidature_FabriqueCTO_FECVL.docx",
    "parts": [
        {"sid": None, "heading": "Structure porteuse", "body": [
            "Fédération des entreprises du Centre-Val de Loire (FECVL), organisation "
            "patronale interprofessionnelle régionale, 12 rue Jeanne-d'Arc, 45000 Orléans. "
            "SIRET 775 412 336 00027."]},
        {"sid": None, "heading": "Intitulé du projet", "body": [
            "NUMÉRIDIAL – Dialoguer avant de déployer : le numérique dans les PME du "
            "Centre-Val de Loire"]},
        {"sid": "contexte", "heading": "Contexte de la démarche", "body": [
            "La Fédération regroupe 1 150 entreprises adhérentes, dont 85 % de TPE et PME "
            "industrielles et de services. Depuis 2020, nos permanences juridiques et sociales "
            "reçoivent un nombre croissant de sollicitations liées au déploiement d'outils "
            "numériques : logiciels de planification, ERP, outils de suivi de production, "
            "messageries collaboratives.",
            "Les dirigeants nous disent découvrir après coup les effets de ces outils sur "
            "l'organisation du travail et sur le climat social : contournements, double "
            "saisie, tensions entre services, sentiment de contrôle. Notre enquête de "
            "printemps 2022 (214 répondants) montre que seuls 18 % des projets numériques "
            "ont fait l'objet d'une information ou d'une consultation des salariés en amont."]},
        {"sid": "objectifs", "heading": "Objectifs poursuivis", "body": [
            "Trois objectifs guident le projet :",
            ("bullet", "outiller les dirigeants de PME pour qu'ils ouvrent le dialogue avec "
                       "leurs salariés et leurs représentants dès le choix d'un outil ;"),
            ("bullet", "expérimenter dans douze entreprises une méthode courte de "
                       "« revue d'usage » associant direction, encadrement et salariés ;"),
            ("bullet", "constituer un réseau régional de dirigeants et d'élus capables de "
                       "témoigner et de transmettre la démarche.")]},
        {"sid": "problematique", "heading": "Problématique traitée", "body": [
            "Comment une PME sans service RH structuré peut-elle faire du déploiement d'un "
            "outil numérique un objet de dialogue social et professionnel, alors que le "
            "choix de l'outil est le plus souvent laissé au fournisseur ou à un prestataire "
            "informatique et que les instances représentatives, quand elles existent, ne "
            "sont consultées qu'une fois le projet lancé ?"]},
        {"sid": "cibles", "heading": "Publics et entreprises ciblés", "body": [
            "Douze PME et TPE adhérentes de 15 à 250 salariés, réparties sur les six "
            "départements de la région, engagées en 2022-2023 dans le déploiement d'un "
            "outil numérique structurant. Dans chacune : le dirigeant, l'encadrement "
            "intermédiaire, un groupe de cinq à huit salariés utilisateurs et, lorsqu'il "
            "existe, le CSE."]},
        {"sid": "methodologie", "heading": "Méthodologie d'intervention", "body": [
            "La démarche combine des temps collectifs inter-entreprises et un "
            "accompagnement individuel court. Chaque entreprise bénéficie de trois demi-"
            "journées de « revue d'usage » animées en binôme par la chargée de mission de "
            "la Fédération et un intervenant de l'Aract : cartographie des situations de "
            "travail touchées par l'outil, mise en discussion des scénarios d'usage, "
            "définition de règles de fonctionnement et d'indicateurs de suivi.",
            "Trois ateliers régionaux réunissent les douze entreprises pour confronter les "
            "pratiques et co-construire le guide."]},
        {"sid": "phasage", "heading": "Phasage détaillé / calendrier", "body": [
            "Le projet se déroule d'octobre 2022 à septembre 2023.",
            "Phase 1 (octobre – décembre 2022) : recrutement des entreprises, entretiens "
            "de cadrage, premier atelier régional.",
            "Phase 2 (janvier – juin 2023) : revues d'usage dans les douze entreprises, "
            "deuxième atelier régional en avril.",
            "Phase 3 (juillet – septembre 2023) : rédaction du guide, troisième atelier, "
            "évaluation et restitution au comité de pilotage."]},
        {"sid": "pilotage", "heading": "Pilotage et instances", "body": [
            "Un comité de pilotage paritaire se réunit trois fois : la Fédération, l'Aract "
            "Centre-Val de Loire, l'union régionale CFDT et deux dirigeants d'entreprises "
            "participantes. Une équipe projet restreinte (chargée de mission, déléguée "
            "générale, chargé de mission Aract) se réunit toutes les trois semaines."]},
        {"sid": "resultats", "heading": "Résultats attendus", "body": [
            "Douze entreprises ayant conduit une revue d'usage et formalisé des règles "
            "d'utilisation partagées ; un guide pratique « Dialoguer avant de déployer » ; "
            "une grille d'autodiagnostic en ligne ; un réseau de vingt dirigeants et élus "
            "ambassadeurs."]},
        {"sid": "perennisation", "heading": "Pérennisation et essaimage", "body": [
            "La revue d'usage sera intégrée à l'offre de services de la Fédération à ses "
            "adhérents à partir de l'automne 2023. Le guide sera diffusé par le réseau "
            "national des fédérations régionales et présenté aux autres régions lors de "
            "nos rencontres annuelles."]},
        {"sid": "partenaires", "heading": "Partenaires mobilisés et contribution attendue",
         "body": [
             "Aract Centre-Val de Loire : co-animation des revues d'usage et des ateliers, "
             "apport méthodologique sur les conditions de travail.",
             "Union régionale interprofessionnelle CFDT Centre-Val de Loire : participation "
             "au comité de pilotage, mobilisation des élus de CSE.",
             "Université d'Orléans (laboratoire VALLOREM) : évaluation de la démarche et "
             "analyse des entretiens."]},
    ],
    "partners": ["Aract Centre-Val de Loire", "CFDT Centre-Val de Loire",
                 "Université d'Orléans"],
    "lines": [
        ("Chargée de mission dialogue social (45 jours)", "personnel", 20250),
        ("Déléguée générale (10 jours)", "personnel", 6000),
        ("Assistante de projet (15 jours)", "personnel", 3750),
        ("Déplacements dans les six départements", "deplacements_logistique", 2800),
        ("Location de salles et restauration des ateliers", "deplacements_logistique", 2200),
        ("Animation des ateliers régionaux par un cabinet de facilitation",
         "prestations", 9000),
        ("Conception graphique du guide et vidéo (prestataire)", "prestations", 6000),
    ],
    "declared_total": 50000,
    "resources": [
        ("Subvention Anact sollicitée", "anact", 38500),
        ("Autofinancement FECVL (temps des permanents valorisé)", "autofinancement", 7500),
        ("Conseil régional Centre-Val de Loire (demande en cours)", "subvention", 4000),
    ],
    "anact": 38500,
    "project": ("2022-10", "2023-09"),
}


def build_01(work: Path) -> tuple[bytes, dict]:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    c = C01
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10)
    sec = d.sections[0]
    sec.left_margin = sec.right_margin = Cm(2)
    t = d.add_paragraph()
    r = t.add_run("Appel à manifestation d'intérêt « La Fabrique CTO »")
    r.bold = True
    r.font.size = Pt(14)
    r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
    d.add_paragraph("Dossier de candidature – à compléter et à renvoyer à fabrique@anact.fr")
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    hdr = table.rows[0].cells
    for cell, txt in zip(hdr, ("Rubrique", "Contenu")):
        cell.text = ""
        run = cell.paragraphs[0].add_run(txt)
        run.bold = True
        shd = cell._tc.get_or_add_tcPr()
        el = shd.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:fill"): "D9E2F3"})
        shd.append(el)

    def row(label: str, paras: list) -> None:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(label).bold = True
        first = True
        for p in paras:
            txt = p if isinstance(p, str) else "– " + p[1]
            if first:
                cells[1].paragraphs[0].text = txt
                first = False
            else:
                cells[1].add_paragraph(txt)

    for p in c["parts"]:
        row(p["heading"], p["body"])
    budget_cell = ["Montants hors taxes (la Fédération ne récupère pas la TVA sur ce projet)."]
    budget_cell += [f"{lab} : {eur(a)}" for lab, _, a in c["lines"]]
    budget_cell.append(f"Coût total du projet : {eur(c['declared_total'])} HT")
    row("Budget prévisionnel détaillé", budget_cell)
    fin_cell = [f"{lab} : {eur(a)}" for lab, _, a in c["resources"]]
    cof = sum(a for _, k, a in c["resources"] if k != "anact")
    fin_cell.append(f"Total des ressources : {eur(c['declared_total'])}")
    fin_cell.append(f"Part du co-financement : {pct(cof / c['declared_total'])} du coût total.")
    row("Plan de financement (co-financements envisagés ou acquis)", fin_cell)
    row("Date et signature", ["Orléans, le 18 août 2022", "Catherine Moreau, déléguée générale"])
    for r_ in table.rows:
        r_.cells[0].width = Cm(4.5)
        r_.cells[1].width = Cm(12.5)
    d.core_properties.author = "Catherine Moreau"
    d.core_properties.created = datetime(2022, 8, 18, 9, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 18, 9, 30, 0)
    path = work / c["file"]
    d.save(path)
    normalize_zip(path)
    data = path.read_bytes()

    logo = logo_png("FECVL", (0x1F, 0x3A, 0x68))
    cid = "image001.png@01D8B2C1.5F3E2A10"
    plain = (
        "Madame, Monsieur,\n\n"
        "Veuillez trouver ci-joint la candidature de la Fédération des entreprises du "
        "Centre-Val de Loire à l'appel à manifestation d'intérêt « La Fabrique CTO », "
        "sous la forme du dossier de candidature complété (projet, budget, plan de "
        "financement et partenaires).\n\n"
        "Nous restons à votre disposition pour tout complément.\n\n"
        "Bien cordialement,\n\n"
        "Catherine Moreau\nDéléguée générale\nFédération des entreprises du Centre-Val de "
        "Loire\n12 rue Jeanne-d'Arc – 45000 Orléans\nTél. 02 38 54 21 90\n"
    )
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head>'
        '<body lang="FR" link="#0563C1"><div class="WordSection1">'
        '<p class="MsoNormal">Madame, Monsieur,<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Veuillez trouver ci-joint la candidature de la Fédération des '
        "entreprises du Centre-Val de Loire à l'appel à manifestation d'intérêt « La Fabrique "
        "CTO », sous la forme du dossier de candidature complété (projet, budget, plan de "
        "financement et partenaires).<o:p></o:p></p>"
        '<p class="MsoNormal">Nous restons à votre disposition pour tout complément.'
        "<o:p></o:p></p>"
        '<p class="MsoNormal">Bien cordialement,<o:p></o:p></p>'
        f'<p class="MsoNormal"><img width="180" height="48" id="Image_x0020_1" '
        f'src="cid:{cid}" alt="FECVL"><o:p></o:p></p>'
        '<p class="MsoNormal"><b>Catherine Moreau</b><br>Déléguée générale<br>Fédération des '
        "entreprises du Centre-Val de Loire<br>12 rue Jeanne-d'Arc – 45000 Orléans<br>"
        "Tél. 02 38 54 21 90<o:p></o:p></p></div></body></html>"
    )
    alt = multipart("alternative", "_000_PR1P264MB1824A3F0C2D1E8B9F4C0PR1P264MB1824FRAP_", [
        text_part(plain, "plain", "windows-1252", "quoted-printable"),
        text_part(html, "html", "windows-1252", "quoted-printable"),
    ])
    img = attachment(logo, "image/png", "image001.png", "plain", disposition="inline", cid=cid)
    related = multipart("related", "_004_PR1P264MB1824A3F0C2D1E8B9F4C0PR1P264MB1824FRAP_",
                        [alt, img], type="multipart/alternative")
    doc = attachment(
        data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        c["file"], "rfc2047")
    root = multipart("mixed", "_005_PR1P264MB1824A3F0C2D1E8B9F4C0PR1P264MB1824FRAP_",
                     [related, doc])
    headers = [
        ("From", formataddr((str(Header("Catherine Moreau", "utf-8")), "c.moreau@fecvl.fr"))),
        ("To", '"fabrique@anact.fr" <fabrique@anact.fr>'),
        ("Subject", Header("Candidature FECVL – Appel à manifestation d'intérêt La Fabrique "
                           "CTO", "utf-8").encode()),
        ("Thread-Topic", Header("Candidature FECVL – AMI La Fabrique CTO", "utf-8").encode()),
        ("Thread-Index", "AdiyweK1mZ3u8Jc9TiuX0n3bV5xL2A=="),
        ("Date", "Thu, 18 Aug 2022 09:47:12 +0000"),
        ("Message-ID", "<PR1P264MB1824A3F0C2D1E8B9F4C0@PR1P264MB1824.FRAP264.PROD.OUTLOOK.COM>"),
        ("Accept-Language", "fr-FR, en-US"),
        ("Content-Language", "fr-FR"),
        ("X-MS-Has-Attach", "yes"),
        ("X-MS-TNEF-Correlator", ""),
    ]
    eml = finish_message(root, headers)
    c["attachments"] = [{"filename": "image001.png", "status": "skipped"},
                        {"filename": c["file"], "status": "parsed"}]
    return eml, c


# --------------------------------------------------------------------------- case 02
# Works-council expert firm; Writer PDF (DOCX with heading styles, converted by
# LibreOffice). Budget written as a list in the text, "dont" sub-lines under subtotals.
# Thunderbird, ISO-8859-1 body, RFC 2231 file name.

C02 = {
    "id": "h3i-02",
    "summary": "Cabinet d'expertise auprès des CSE (Trajectoires CSE), PDF exporté de Writer, "
               "budget en liste dans le texte avec sous-lignes « dont », Thunderbird "
               "ISO-8859-1, nom RFC 2231 ; complet",
    "expect_decision": "complete",
    "file": "Proposition Fabrique CTO – Trajectoires CSE.pdf",
    "parts": [
        {"sid": "contexte", "heading": "1. Contexte et constats de terrain", "body": [
            "Trajectoires CSE est un cabinet d'expertise agréé qui accompagne chaque année "
            "près de 90 comités sociaux et économiques, principalement dans l'industrie "
            "agroalimentaire et la logistique des Hauts-de-France et de Normandie.",
            "Dans nos missions d'expertise pour projet important, les projets numériques "
            "(entrepôts pilotés par logiciel de gestion, terminaux vocaux, planification "
            "automatisée) représentent désormais un tiers des saisines. Les élus y arrivent "
            "tard, avec peu de prise sur des choix déjà arrêtés, et les directions "
            "regrettent elles-mêmes des consultations vécues comme des formalités."]},
        {"sid": "objectifs", "heading": "2. Nos objectifs", "body": [
            "Le projet poursuit quatre objectifs :",
            ("bullet", "permettre aux élus de CSE de s'emparer des projets numériques dès "
                       "leur conception ;"),
            ("bullet", "outiller un dialogue direction-élus sur le travail réel transformé "
                       "par l'outil ;"),
            ("bullet", "expérimenter un accord de méthode type dans six entreprises ;"),
            ("bullet", "diffuser un kit numérique ouvert auprès des élus et des directions.")]},
        {"sid": "problematique", "heading": "3. La question que nous voulons traiter", "body": [
            "Comment passer d'une consultation du CSE centrée sur la conformité juridique "
            "du projet à un dialogue social technologique portant sur le travail réel, "
            "ses marges de manœuvre et ses conditions, avant que les choix techniques ne "
            "soient figés ?"]},
        {"sid": "cibles", "heading": "4. À qui s'adresse le projet", "body": [
            "Six entreprises de 80 à 600 salariés (agroalimentaire, logistique, "
            "plasturgie) dotées d'un CSE et engagées dans un projet numérique en 2022-2023 ; "
            "dans chacune, les élus du CSE, la commission santé, sécurité et conditions de "
            "travail, la direction et l'encadrement de proximité."]},
        {"sid": "methodologie", "heading": "5. Démarche méthodologique", "body": [
            "Nous proposons une démarche en quatre temps inspirée de l'ergonomie de "
            "conception : diagnostic partagé du projet, observation des situations de "
            "travail concernées, simulation des futurs usages avec des salariés, puis "
            "négociation d'un accord de méthode fixant les étapes d'information, "
            "d'expérimentation et d'évaluation de l'outil.",
            "Chaque étape est conduite paritairement : un consultant du cabinet pour les "
            "élus, un binôme direction-encadrement, et un appui ponctuel de l'Aract."]},
        {"sid": "phasage", "heading": "6. Les étapes et le calendrier", "body": [
            "Phase 1 (novembre 2022 – janvier 2023) : sélection des six entreprises, "
            "signature des conventions, diagnostic partagé.",
            "Phase 2 (février – mai 2023) : observations et simulations des usages dans "
            "chaque entreprise.",
            "Phase 3 (juin – octobre 2023) : négociation des accords de méthode, "
            "capitalisation, séminaire de restitution fin octobre 2023."]},
        {"sid": "pilotage", "heading": "7. Pilotage du projet et comitologie", "body": [
            "Un comité de pilotage réunit tous les quatre mois le cabinet, l'Aract Hauts-de-"
            "France, l'Institut régional du travail et un représentant élu et un "
            "représentant de la direction de chaque entreprise. Un comité technique "
            "mensuel suit l'avancement opérationnel."]},
        {"sid": "resultats", "heading": "8. Ce que le projet doit produire", "body": [
            "Six accords de méthode signés ou en cours de signature ; un kit numérique "
            "(fiches, grille d'analyse d'un projet, modèle d'accord) ; une journée de "
            "formation testée auprès de trente élus ; un retour d'expérience publié."]},
        {"sid": "perennisation", "heading": "9. Après le projet : pérennité et diffusion",
         "body": [
             "Le kit sera publié sous licence Creative Commons et intégré à nos formations "
             "d'élus de CSE. L'Institut régional du travail l'inscrira à son catalogue de "
             "formation syndicale, ce qui permettra de l'essaimer dans d'autres régions."]},
        {"sid": "partenaires", "heading": "10. Partenaires et contributions", "body": [
            ("bullet", "Aract Hauts-de-France : appui méthodologique, participation au "
                       "comité de pilotage, relecture du kit."),
            ("bullet", "Institut régional du travail de Lille : conception et accueil de "
                       "la journée de formation des élus."),
            ("bullet", "Fédération régionale de l'agroalimentaire (ARIA Hauts-de-France) : "
                       "mobilisation des entreprises et relais auprès des directions.")]},
    ],
    "partners": ["Aract Hauts-de-France", "Institut régional du travail",
                 "ARIA Hauts-de-France"],
    # (label, category, amount, parent) : the written list gives subtotals with dont-lines
    "lines": [
        ("Personnel", "personnel", 38400),
        ("Déplacements et logistique", "deplacements_logistique", 5200),
        ("Prestations", "prestations", 12000),
    ],
    "details": {
        "Personnel": [("deux consultantes expertes (48 jours à 600 €)", 28800),
                      ("chargée d'études (16 jours à 600 €)", 9600)],
        "Déplacements et logistique": [("déplacements sur les sites", 3400),
                                       ("location de salles et restauration", 1800)],
        "Prestations": [("facilitation graphique (prestataire)", 4500),
                        ("conception du kit numérique (agence web)", 7500)],
    },
    "declared_total": 55600,
    "resources": [
        ("Subvention Anact sollicitée", "anact", 44000),
        ("Autofinancement du cabinet", "autofinancement", 8600),
        ("OPCO 2i, appui à la formation des élus (sollicité)", "subvention", 3000),
    ],
    "anact": 44000,
    "project": ("2022-11", "2023-10"),
}


def docx_with_headings(parts: list[dict], title: str, subtitle: str, after: list) -> "object":
    """A DOCX with Heading 1 parts; `after` = extra (heading, paragraphs) blocks."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.styles["Normal"].font.name = "Liberation Serif"
    d.styles["Normal"].font.size = Pt(11)
    d.add_heading(title, level=0)
    d.add_paragraph(subtitle)
    for p in parts + after:
        d.add_heading(p["heading"], level=1)
        for b in p["body"]:
            if isinstance(b, str):
                d.add_paragraph(b)
            else:
                d.add_paragraph(b[1], style="List Bullet")
    return d


def build_02(work: Path) -> tuple[bytes, dict]:
    c = C02
    for lab, _, amount in c["lines"]:
        assert sum(a for _, a in c["details"][lab]) == amount, lab
    budget = ["Les montants sont exprimés hors taxes.", ]
    for lab, _, amount in c["lines"]:
        budget.append(f"- {lab} : {eur_plain(amount)}")
        for dl, da in c["details"][lab]:
            budget.append(f"    dont {dl} : {eur_plain(da)}")
    budget.append(f"Coût total du projet : {eur_plain(c['declared_total'])} HT")
    fin = ["Ressources prévues pour le projet :"]
    for lab, _, a in c["resources"]:
        fin.append(f"- {lab} : {eur_plain(a)}")
    cof = sum(a for _, k, a in c["resources"] if k != "anact")
    fin.append(f"Soit un co-financement de {eur_plain(cof)}, "
               f"{pct(cof / c['declared_total'])} du coût total.")
    after = [{"heading": "11. Budget prévisionnel", "body": budget},
             {"heading": "12. Plan de financement", "body": fin}]
    d = docx_with_headings(
        c["parts"], "Dialogue social technologique : le CSE au cœur des projets numériques",
        "Réponse de Trajectoires CSE à l'appel à manifestation d'intérêt « La Fabrique CTO » "
        "(Anact) – août 2022", after)
    # the budget list: plain paragraphs, the dont-lines indented
    from docx.shared import Cm
    for para in d.paragraphs:
        if para.text.startswith("    dont "):
            para.text = para.text.strip()
            para.paragraph_format.left_indent = Cm(1.2)
    d.core_properties.author = "Marion Lefebvre"
    d.core_properties.created = datetime(2022, 8, 16, 14, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 16, 17, 0, 0)
    src = work / "Proposition_Trajectoires.docx"
    d.save(src)
    normalize_zip(src)
    pdf = soffice_convert(src, "pdf:writer_pdf_Export", work / "pdf02")
    data = fix_pdf_dates(pdf.read_bytes())

    body = (
        "Bonjour,\n\n"
        "Vous trouverez ci-joint la proposition du cabinet Trajectoires CSE en réponse à "
        "l'appel à manifestation d'intérêt « La Fabrique CTO ». Le document contient la "
        "description du projet, le budget détaillé, le plan de financement et nos "
        "partenaires.\n\n"
        "Je reste joignable au 03 20 47 18 62 pour toute question.\n\n"
        "Cordialement,\n"
        "-- \n"
        "Marion Lefebvre\n"
        "Associée - Trajectoires CSE\n"
        "Expertise auprès des CSE - Lille / Rouen\n"
    )
    txt = text_part(body, "plain", "ISO-8859-1", "8bit", flowed=True)
    pdf_part = attachment(data, "application/pdf", c["file"], "rfc2231")
    root = multipart("mixed", "------------0Yh2GZ3N7sQm1cVbKx4TRw9e", [txt, pdf_part])
    headers = [
        ("Message-ID", "<5b8e1c42-7d0a-4f3e-9a61-2c7b9e0d4f18@trajectoires-cse.fr>"),
        ("Date", "Tue, 16 Aug 2022 17:22:05 +0200"),
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101 "
                       "Thunderbird/91.12.0"),
        ("Content-Language", "fr"),
        ("To", "fabrique@anact.fr"),
        ("From", "Marion Lefebvre <m.lefebvre@trajectoires-cse.fr>"),
        ("Subject", "Proposition - AMI La Fabrique CTO - Trajectoires CSE"),
    ]
    eml = finish_message(root, headers)
    c["attachments"] = [{"filename": c["file"], "status": "parsed"}]
    return eml, c


# --------------------------------------------------------------------------- case 03
# Mutual insurer's prevention department; DOCX whose headings are bold Normal lines, the
# parts in the mutual's own order (objectives first, perennisation after the budget);
# budget and financing in Word tables. Co-financing 14.3 % (below the 20 % asked).
# Apple Mail, RFC 2231 names, a support letter (fpdf2 PDF) as annex.

C03 = {
    "id": "h3i-03",
    "summary": "Département prévention d'une mutuelle (MHSP), DOCX à titres en gras dans un "
               "ordre propre (objectifs d'abord, pérennisation après le budget), budget en "
               "tableau, lettre de soutien PDF en annexe, Apple Mail ; co-financement 14,3 % "
               "(sous le minimum)",
    "expect_decision": "incomplete",
    "file": "Projet_MHSP_Fabrique-CTO_télégestion.docx",
    "letter": "Lettre de soutien Aract Bretagne.pdf",
    "parts": [
        {"sid": "objectifs", "heading": "Ce que nous visons", "body": [
            "Faire des applications de télégestion utilisées dans l'aide à domicile un objet "
            "de dialogue entre intervenantes, responsables de secteur, directions et "
            "représentants du personnel, afin d'en réduire les effets sur la charge "
            "mentale, l'autonomie et le sentiment de surveillance.",
            "Concrètement, nous voulons co-construire avec huit structures des règles "
            "d'usage partagées et un protocole d'évaluation des outils, réutilisable par "
            "toute la branche."]},
        {"sid": "cibles", "heading": "Pour qui ?", "body": [
            "Huit associations et entreprises d'aide à domicile adhérentes de nos contrats "
            "collectifs en Bretagne (de 30 à 220 salariés), soit environ 900 intervenantes "
            "à domicile, leurs responsables de secteur, leurs directions et, là où ils "
            "existent, les élus de CSE."]},
        {"sid": "contexte", "heading": "D'où vient le projet", "body": [
            "La Mutuelle Horizon Santé Prévoyance couvre 41 000 salariés de l'économie "
            "sociale en Bretagne et Pays de la Loire. Sa direction de la prévention "
            "conduit depuis 2018 des actions de prévention des risques professionnels "
            "auprès des structures adhérentes.",
            "Depuis 2021, les arrêts de travail pour troubles psychosociaux progressent "
            "nettement dans l'aide à domicile. Les entretiens conduits par nos préventeurs "
            "pointent la généralisation des applications mobiles de télégestion : "
            "planning modifié en temps réel, pointage géolocalisé chez le bénéficiaire, "
            "messages à toute heure."]},
        {"sid": "problematique", "heading": "La question posée", "body": [
            "Les outils de télégestion ont été introduits pour sécuriser la facturation "
            "aux départements, sans que leurs effets sur le travail des intervenantes ne "
            "soient discutés. Comment ouvrir, dans des structures où le dialogue social "
            "est souvent peu outillé, une discussion sur l'usage de ces outils qui parte "
            "du travail réel ?"]},
        {"sid": "resultats", "heading": "Les résultats escomptés", "body": [
            "Huit chartes d'usage de la télégestion négociées localement ; un protocole "
            "d'évaluation des effets des outils sur le travail ; un module de "
            "sensibilisation en ligne pour les responsables de secteur ; une baisse "
            "mesurée des sollicitations hors temps de travail dans les structures "
            "participantes."]},
        {"sid": "methodologie", "heading": "Comment nous comptons procéder", "body": [
            "Dans chaque structure, un groupe de travail réunit quatre à six intervenantes, "
            "un responsable de secteur, la direction et un élu. Il analyse des situations "
            "concrètes à partir de traces d'usage anonymisées et d'observations, puis "
            "élabore des règles d'usage testées pendant deux mois.",
            "Des séances inter-structures permettent de comparer les solutions et de "
            "construire le protocole d'évaluation commun avec un designer de services."]},
        {"sid": "phasage", "heading": "Calendrier de réalisation", "body": [
            ("bullet", "Janvier – mars 2023 : constitution des groupes, observations et "
                       "entretiens dans les huit structures."),
            ("bullet", "Avril – août 2023 : élaboration et test des règles d'usage, deux "
                       "séances inter-structures."),
            ("bullet", "Septembre – novembre 2023 : évaluation, finalisation du protocole "
                       "et du module en ligne, restitution régionale.")]},
        {"sid": "partenaires", "heading": "Les partenaires du projet", "body": [
            ("bullet", "Aract Bretagne : appui méthodologique à l'analyse du travail, "
                       "co-animation des séances inter-structures."),
            ("bullet", "UNA Bretagne (union régionale de l'aide à domicile) : mobilisation "
                       "des structures, diffusion des résultats."),
            ("bullet", "Université Rennes 2 (laboratoire LP3C) : conception du protocole "
                       "d'évaluation et traitement des données.")]},
        {"sid": "pilotage", "heading": "Qui pilote ?", "body": [
            "Le projet est piloté par la direction de la prévention de la mutuelle. Un "
            "comité de pilotage, réuni quatre fois, associe l'Aract Bretagne, UNA "
            "Bretagne, le laboratoire LP3C, deux directions de structures et deux "
            "représentants des salariés. Une réunion opérationnelle mensuelle réunit "
            "l'équipe projet."]},
        {"sid": None, "heading": "Budget prévisionnel", "body": ["(tableaux)"]},
        {"sid": "perennisation", "heading": "Et après ?", "body": [
            "Le protocole et le module en ligne seront intégrés à l'offre de services de "
            "prévention de la mutuelle et proposés à l'ensemble des 640 structures "
            "adhérentes. Nous présenterons la démarche à la commission paritaire de la "
            "branche de l'aide à domicile pour une diffusion nationale."]},
    ],
    "partners": ["Aract Bretagne", "UNA Bretagne", "Université Rennes 2"],
    "lines": [
        ("Chef de projet prévention (60 jours)", "personnel", 27000),
        ("Ergonome de la mutuelle (20 jours)", "personnel", 9000),
        ("Déplacements des préventeurs", "deplacements_logistique", 3500),
        ("Logistique des séances (salles, repas)", "deplacements_logistique", 2500),
        ("Prestation d'un cabinet de design de services", "prestations", 16000),
        ("Module en ligne (réalisation par un prestataire)", "prestations", 12000),
    ],
    "declared_total": 70000,
    "resources": [
        ("Anact – La Fabrique CTO", "anact", 60000),
        ("MHSP – fonds de prévention (autofinancement)", "autofinancement", 10000),
    ],
    "anact": 60000,
    "project": ("2023-01", "2023-11"),
}


def build_03(work: Path) -> tuple[bytes, dict]:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    c = C03
    d = docx.Document()
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(10.5)
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = t.add_run("Télégestion et dialogue : les applications mobiles dans l'aide à domicile")
    r.bold = True
    r.font.size = Pt(15)
    sub = d.add_paragraph(
        "Proposition de la Mutuelle Horizon Santé Prévoyance – Direction de la prévention – "
        "à l'appel à manifestation d'intérêt « La Fabrique CTO »")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def bold_line(text: str) -> None:
        p = d.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0x00, 0x5B, 0x7F)

    def table(header: tuple, rows: list[tuple]) -> None:
        tb = d.add_table(rows=1, cols=len(header))
        tb.style = "Light Grid Accent 1"
        for cell, h in zip(tb.rows[0].cells, header):
            cell.text = h
        for row in rows:
            cells = tb.add_row().cells
            for cell, v in zip(cells, row):
                cell.text = v

    for p in c["parts"]:
        bold_line(p["heading"])
        if p["heading"] == "Budget prévisionnel":
            d.add_paragraph("Dépenses (montants nets de taxes) :")
            kinds = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / "
                     "logistique", "prestations": "Prestations"}
            table(("Poste de dépense", "Nature", "Montant"),
                  [(lab, kinds[cat], eur(a)) for lab, cat, a in c["lines"]]
                  + [("Total des dépenses", "", eur(c["declared_total"]))])
            d.add_paragraph("")
            d.add_paragraph("Financement :")
            table(("Ressource", "Montant"),
                  [(lab, eur(a)) for lab, _, a in c["resources"]]
                  + [("Total des ressources", eur(c["declared_total"]))])
            d.add_paragraph(
                "La mutuelle mobilise son fonds de prévention à hauteur de "
                f"{eur(c['resources'][1][2])} ; le montant sollicité auprès de l'Anact est de "
                f"{eur(c['anact'])}.")
            continue
        for b in p["body"]:
            if isinstance(b, str):
                d.add_paragraph(b)
            else:
                d.add_paragraph(b[1], style="List Bullet")
    d.add_paragraph("")
    d.add_paragraph("Contact : Anne-Sophie Le Goff, responsable prévention, "
                    "as.legoff@mhsp-mutuelle.fr – 02 99 31 64 07")
    d.core_properties.author = "Anne-Sophie Le Goff"
    d.core_properties.created = datetime(2022, 8, 10, 11, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 19, 16, 0, 0)
    path = work / "projet03.docx"
    d.save(path)
    normalize_zip(path)
    data = path.read_bytes()

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2022, 8, 12, 10, 0, 0))
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 10, "Aract Bretagne", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, "Rennes, le 12 août 2022\n\nObjet : soutien au projet « Télégestion "
                   "et dialogue » de la Mutuelle Horizon Santé Prévoyance\n\nMadame, "
                   "Monsieur,\n\nL'Aract Bretagne confirme son intérêt pour le projet porté "
                   "par la direction de la prévention de la Mutuelle Horizon Santé "
                   "Prévoyance dans le cadre de l'appel à manifestation d'intérêt « La "
                   "Fabrique CTO ». Nous apporterons un appui méthodologique à l'analyse "
                   "du travail et co-animerons les séances inter-structures prévues en "
                   "2023.\n\nNous vous prions d'agréer nos salutations distinguées.\n\n"
                   "Le directeur de l'Aract Bretagne")
    letter = bytes(pdf.output())

    body = (
        "Bonjour,\n\n"
        "Je vous prie de trouver ci-joint la proposition de la direction de la prévention "
        "de la Mutuelle Horizon Santé Prévoyance pour l'appel à manifestation d'intérêt "
        "« La Fabrique CTO », ainsi qu'une lettre de soutien de l'Aract Bretagne.\n\n"
        "Bien à vous,\n\n"
        "Anne-Sophie Le Goff\n"
        "Responsable prévention – MHSP\n\n"
        "Envoyé de mon iPad"
    )
    body = body.replace("Envoyé de mon iPad", "")
    txt = text_part(body, "plain", "utf-8", "quoted-printable")
    doc = attachment(
        data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        c["file"], "rfc2231")
    doc.replace_header("Content-Type", doc["Content-Type"] + ";\r\n x-unix-mode=0644")
    let = attachment(letter, "application/pdf", c["letter"], "rfc2231")
    root = multipart("mixed", "Apple-Mail=_6F3B2E71-0C4D-4A8E-9B52-1D7E3A90C5F4",
                     [txt, doc, let])
    headers = [
        ("From", "Anne-Sophie Le Goff <as.legoff@mhsp-mutuelle.fr>"),
        ("Content-Type", ""),
        ("Subject", Header("Manifestation d'intérêt Fabrique CTO – proposition MHSP",
                           "utf-8").encode()),
        ("Message-Id", "<A91C7F0E-3B52-4D6A-8E1F-5C2B7D9A0E34@mhsp-mutuelle.fr>"),
        ("Date", "Fri, 19 Aug 2022 16:48:31 +0200"),
        ("To", "fabrique@anact.fr"),
        ("X-Mailer", "Apple Mail (2.3696.120.41.1.1)"),
    ]
    headers = [h for h in headers if h[0] != "Content-Type"]
    eml = finish_message(root, headers)
    c["attachments"] = [{"filename": c["file"], "status": "parsed"},
                        {"filename": c["letter"], "status": "parsed"}]
    return eml, c

# --------------------------------------------------------------------------- case 04
# Hospital group's quality department; an ODT written with odfpy (Heading 1 outline
# styles, lists, tables); budget with HT and TTC columns (HT wins); a dated calendar
# (3 Oct 2022 – 29 Sep 2023). Roundcube, RFC 2047 file name; the subject says "AMI"
# only, so it does not name the call (warning).

C04 = {
    "id": "h3i-04",
    "summary": "Direction qualité d'un groupe hospitalier (GH Saint-Aubin), ODT écrit avec "
               "odfpy (titres Heading 1, tableaux HT/TTC), dates au jour, Roundcube, nom RFC "
               "2047 ; objet « AMI » sans nom de l'appel (avertissement) ; complet",
    "expect_decision": "complete",
    "file": "Dossier_GHSA_QUALI-NUM_réponse_AMI.odt",
    "parts": [
        {"sid": "contexte", "heading": "Contexte hospitalier", "body": [
            "Le Groupe hospitalier Saint-Aubin est un établissement de santé privé d'intérêt "
            "collectif de 1 400 salariés répartis sur trois sites (Caen, Bayeux, Lisieux). "
            "Depuis 2021, il déploie un dossier patient informatisé unique, des chariots de "
            "soins connectés et une traçabilité électronique de l'administration des "
            "médicaments.",
            "Les déclarations d'événements indésirables et les entretiens annuels signalent "
            "une tension croissante entre exigences de traçabilité et temps passé auprès "
            "des patients, en particulier la nuit et dans les services de médecine."]},
        {"sid": "objectifs", "heading": "Finalités et objectifs du projet", "body": [
            "Le projet QUALI-NUM vise à installer un dialogue régulier, au plus près des "
            "équipes, sur l'usage des outils numériques de soin, pour que leur paramétrage "
            "et leurs règles d'usage soient discutés avec les soignants plutôt que subis.",
            "Il s'agit aussi de relier la démarche qualité, la prévention des risques "
            "professionnels et le dialogue social, aujourd'hui traités séparément."]},
        {"sid": "problematique",
         "heading": "Problématique : quand l'outil de traçabilité redéfinit le soin", "body": [
             "Les outils numériques de soin sont pensés pour la sécurité du patient et la "
             "certification ; ils reconfigurent pourtant l'activité des soignants sans que "
             "ceux-ci aient prise sur leurs paramètres. Comment faire de ces paramètres un "
             "objet de discussion entre soignants, encadrement, direction des systèmes "
             "d'information et représentants du personnel ?"]},
        {"sid": "cibles", "heading": "Services et professionnels concernés", "body": [
            "Six unités de soins pilotes (deux par site), soit environ 260 infirmiers, "
            "aides-soignants et cadres de santé, ainsi que la direction des soins, la "
            "direction des systèmes d'information et la commission santé, sécurité et "
            "conditions de travail du CSE central."]},
        {"sid": "methodologie", "heading": "Démarche proposée", "nwords": 5, "body": [
            "Dans chaque unité pilote, des « espaces de discussion sur le travail » "
            "réunissent mensuellement l'équipe autour de situations concrètes où l'outil "
            "a aidé ou gêné. Les situations sont documentées par une ingénieure qualité et "
            "analysées avec un ergonome ; les propositions de paramétrage sont instruites "
            "par un groupe mixte soignants – informaticiens.",
            "Une revue trimestrielle rend compte des décisions prises aux instances "
            "représentatives."]},
        {"sid": "phasage", "heading": "Calendrier et phases", "body": [
            "Le projet se déroule du 3 octobre 2022 au 29 septembre 2023.",
            ("bullet", "Octobre – décembre 2022 : choix des unités pilotes, formation des "
                       "animateurs, premiers espaces de discussion."),
            ("bullet", "Janvier – juin 2023 : espaces de discussion mensuels, instruction "
                       "des demandes de paramétrage, deux revues trimestrielles."),
            ("bullet", "Juillet – septembre 2023 : évaluation, guide d'animation, "
                       "restitution aux instances et à la communauté hospitalière.")]},
        {"sid": "pilotage", "heading": "Gouvernance", "body": [
            "Un comité de pilotage présidé par la directrice qualité réunit la direction "
            "des soins, la DSI, deux représentants du CSE central, l'Aract Normandie et le "
            "réseau qualité régional ; il se réunit chaque trimestre. L'équipe projet "
            "(ingénieure qualité, cadre de santé référent, ergonome) se réunit chaque "
            "semaine."]},
        {"sid": "resultats", "heading": "Livrables et résultats escomptés", "body": [
            "Des espaces de discussion installés dans six unités ; au moins vingt "
            "modifications de paramétrage décidées avec les équipes ; un guide "
            "d'animation ; des indicateurs partagés (temps de traçabilité, événements "
            "indésirables, satisfaction au travail) suivis par le comité de pilotage."]},
        {"sid": "perennisation",
         "heading": "Pérennisation et transfert à d'autres établissements", "body": [
             "Les espaces de discussion seront étendus à l'ensemble des unités du groupe en "
             "2024 et inscrits dans le projet social. Le guide sera partagé via le réseau "
             "qualité régional et la fédération des établissements privés non lucratifs."]},
        {"sid": "partenaires", "heading": "Partenaires engagés", "body": [
            ("bullet", "Aract Normandie : formation des animateurs, appui à l'analyse du "
                       "travail, participation au comité de pilotage."),
            ("bullet", "Réseau qualité santé Normandie : relecture du guide et diffusion "
                       "auprès des établissements de la région."),
            ("bullet", "Université de Caen Normandie (master ergonomie) : accueil d'une "
                       "stagiaire pour l'évaluation.")]},
    ],
    "partners": ["Aract Normandie", "Réseau qualité santé Normandie",
                 "Université de Caen Normandie"],
    # (label, category, HT, TTC)
    "lines4": [
        ("Ingénieure qualité (50 jours)", "personnel", 21000, 21000),
        ("Cadre de santé référent (25 jours)", "personnel", 10500, 10500),
        ("Temps soignant mobilisé en ateliers (120 heures)", "personnel", 4800, 4800),
        ("Déplacements entre les trois sites", "deplacements_logistique", 1900, 1900),
        ("Logistique des ateliers et de la restitution", "deplacements_logistique", 1300,
         1560),
        ("Accompagnement ergonomique (cabinet prestataire)", "prestations", 14000, 16800),
        ("Facilitation graphique et mise en page du guide", "prestations", 4500, 5400),
    ],
    "declared_total": 58000,
    "resources": [
        ("Anact – La Fabrique CTO", "anact", 46000),
        ("Autofinancement GHSA (temps des professionnels valorisé)", "autofinancement", 8000),
        ("ARS Normandie – Fonds d'intervention régional", "subvention", 4000),
    ],
    "resource_status": ["sollicité", "acquis", "demande déposée"],
    "anact": 46000,
    "project": ("2022-10-03", "2023-09-29"),
}
C04["lines"] = [(lab, cat, ht) for lab, cat, ht, _ in C04["lines4"]]


def build_04(work: Path) -> tuple[bytes, dict]:
    from odf.opendocument import OpenDocumentText
    from odf.style import (ListLevelProperties, ParagraphProperties, Style,
                           TableCellProperties, TableColumnProperties, TextProperties)
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, ListLevelStyleBullet, ListStyle, P

    c = C04
    doc = OpenDocumentText()
    h1 = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph",
               defaultoutlinelevel="1")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color="#7a1f3d"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    doc.styles.addElement(h1)
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title.addElement(ParagraphProperties(textalign="center"))
    doc.styles.addElement(title)
    body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    doc.styles.addElement(body)
    cellst = Style(name="Cell", family="table-cell")
    cellst.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    doc.automaticstyles.addElement(cellst)
    bold = Style(name="BoldP", family="paragraph", parentstylename="Text_20_body")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    lst = ListStyle(name="Puces")
    llb = ListLevelStyleBullet(level="1", bulletchar="•")
    llb.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    lst.addElement(llb)
    doc.automaticstyles.addElement(lst)

    def para(text: str, style=body) -> None:
        doc.text.addElement(P(stylename=style, text=text))

    def heading(text: str) -> None:
        doc.text.addElement(H(outlinelevel=1, stylename=h1, text=text))

    def table(name: str, rows: list[tuple], widths: list[str]) -> None:
        t = Table(name=name)
        for i, w in enumerate(widths):
            cs = Style(name=f"{name}.C{i}", family="table-column")
            cs.addElement(TableColumnProperties(columnwidth=w))
            doc.automaticstyles.addElement(cs)
            t.addElement(TableColumn(stylename=cs))
        for n, row in enumerate(rows):
            tr = TableRow()
            for v in row:
                tc = TableCell(stylename=cellst, valuetype="string")
                tc.addElement(P(stylename=bold if n == 0 or row[0].startswith("Total")
                                else body, text=v))
                tr.addElement(tc)
            t.addElement(tr)
        doc.text.addElement(t)

    para("QUALI-NUM – Le numérique de soin en discussion", title)
    para("Réponse du Groupe hospitalier Saint-Aubin (direction qualité, gestion des risques "
         "et relations avec les usagers) à l'appel à manifestation d'intérêt de l'Anact "
         "« Développer le dialogue social technologique au travail ».")
    for p in c["parts"]:
        heading(p["heading"])
        items = None
        for b in p["body"]:
            if isinstance(b, str):
                items = None
                para(b)
            else:
                if items is None:
                    items = List(stylename=lst)
                    doc.text.addElement(items)
                li = ListItem()
                li.addElement(P(stylename=body, text=b[1]))
                items.addElement(li)
    heading("Budget prévisionnel")
    para("Le groupe hospitalier ne récupère pas la TVA ; les montants sont donnés hors taxes "
         "et toutes taxes comprises.")
    ht = sum(x[2] for x in c["lines4"])
    ttc = sum(x[3] for x in c["lines4"])
    table("Budget", [("Poste", "Montant HT", "Montant TTC")]
          + [(lab, eur(a), eur(b)) for lab, _, a, b in c["lines4"]]
          + [("Total", eur(ht), eur(ttc))], ["9cm", "3.5cm", "3.5cm"])
    heading("Plan de financement")
    table("Financement", [("Ressource", "Montant HT", "Statut")]
          + [(lab, eur(a), st) for (lab, _, a), st in zip(c["resources"],
                                                          c["resource_status"])]
          + [("Total des ressources", eur(ht), "")], ["9cm", "3.5cm", "3.5cm"])
    para("Contact : Dr Hélène Vasseur, directrice qualité – helene.vasseur@ghsa-sante.fr")
    doc.meta.childNodes[:] = []
    path = work / "dossier04.odt"
    doc.save(str(path))
    normalize_zip(path)
    data = path.read_bytes()

    text = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint le dossier de candidature du Groupe hospitalier "
        "Saint-Aubin (projet QUALI-NUM) : description du projet, budget, plan de "
        "financement et partenaires.\n\n"
        "Restant à votre disposition,\n\n"
        "--\n"
        "Dr Hélène Vasseur\n"
        "Directrice qualité, gestion des risques et relations avec les usagers\n"
        "Groupe hospitalier Saint-Aubin – 14000 Caen\n"
    )
    txt = text_part(text, "plain", "UTF-8", "8bit", flowed=True)
    att = attachment(data, "application/vnd.oasis.opendocument.text", c["file"], "rfc2047")
    root = multipart("mixed", "=_c41d8e07b2a95f3e6a0b1c2d3e4f5a6b", [txt, att])
    headers = [
        ("MIME-Version", ""),
        ("Date", "Mon, 22 Aug 2022 11:05:44 +0200"),
        ("From", formataddr((str(Header("Hélène Vasseur", "utf-8")),
                             "helene.vasseur@ghsa-sante.fr"))),
        ("To", "fabrique@anact.fr"),
        ("Subject", Header("Réponse AMI Anact – projet QUALI-NUM (GH Saint-Aubin)",
                           "utf-8").encode()),
        ("Message-ID", "<c41d8e07b2a95f3e6a0b1c2d3e4f5a6b@ghsa-sante.fr>"),
        ("X-Sender", "helene.vasseur@ghsa-sante.fr"),
        ("User-Agent", "Roundcube Webmail/1.5.2"),
    ]
    headers = [h for h in headers if h[1]]
    eml = finish_message(root, headers)
    c["attachments"] = [{"filename": c["file"], "status": "parsed"}]
    return eml, c

# --------------------------------------------------------------------------- case 05
# Social-economy incubator; DOCX whose headings are a Word numbered list (List Number,
# real numPr, bold); partners written as sentences after the partners heading; budget in
# an XLSX with formulas (values cached by LibreOffice). Gmail, sent 12 minutes after the
# deadline: late, otherwise complete.

C05 = {
    "id": "h3i-05",
    "summary": "Incubateur de l'ESS (Les Ruches Solidaires), DOCX à titres en liste numérotée "
               "Word, partenaires en phrases, budget XLSX à formules, Gmail ; envoyé le 24 "
               "août à 00:12 : hors délai (sinon complet)",
    "expect_decision": "late",
    "file": "Les Ruches Solidaires - Fabrique CTO - dossier.docx",
    "xlsx": "Budget_LesRuches_FabriqueCTO.xlsx",
    "parts": [
        {"sid": "contexte", "heading": "Point de départ et contexte", "body": [
            "Les Ruches Solidaires est l'incubateur de l'économie sociale et solidaire de "
            "l'ex-région Languedoc-Roussillon. Nous accompagnons chaque année une trentaine "
            "de jeunes structures : associations employeuses, coopératives, entreprises "
            "d'insertion.",
            "Ces structures s'équipent très tôt d'outils numériques gratuits ou à bas coût "
            "(messageries, plannings partagés, outils de gestion des bénévoles) choisis "
            "dans l'urgence. Nos bilans d'incubation montrent que ces choix pèsent ensuite "
            "sur la charge de travail, la frontière entre vie professionnelle et personnelle "
            "et la gouvernance démocratique dont ces structures se réclament."]},
        {"sid": "objectifs", "heading": "Ambitions du projet", "body": [
            "Nous voulons intégrer à notre parcours d'incubation un module de dialogue sur "
            "les outils numériques, qui permette aux salariés, bénévoles et dirigeants "
            "de décider ensemble de leurs outils et de leurs règles d'usage, et le tester "
            "avec dix structures incubées."]},
        {"sid": "problematique", "heading": "Problème à résoudre", "body": [
            "Dans les petites structures de l'ESS, il n'existe ni instance représentative "
            "ni service informatique : les choix d'outils reposent sur une ou deux "
            "personnes motivées. Comment y faire vivre un dialogue professionnel sur le "
            "numérique cohérent avec leur projet coopératif, sans alourdir des équipes "
            "déjà très sollicitées ?"]},
        {"sid": "cibles", "heading": "Bénéficiaires", "body": [
            "Dix structures incubées ou récemment sorties d'incubation (3 à 40 salariés), "
            "leurs salariés et bénévoles actifs, ainsi que les chargés d'accompagnement "
            "de l'incubateur, qui seront formés à la démarche."]},
        {"sid": "methodologie", "heading": "Méthode d'accompagnement", "body": [
            "La méthode s'inspire de l'éducation populaire et de l'ergonomie. Chaque "
            "structure réalise une « carte des outils » avec son équipe, repère les "
            "situations de travail difficiles, puis expérimente pendant trois mois de "
            "nouvelles règles d'usage ou un changement d'outil, accompagnée par un chargé "
            "d'accompagnement et un ergonome intervenant extérieur.",
            "Des rencontres collectives entre structures permettent de partager les "
            "solutions et d'alimenter une boîte à outils en ligne."]},
        {"sid": "phasage", "heading": "Déroulement dans le temps", "body": [
            "Le projet commencera en novembre 2022 et s'achèvera en octobre 2023 :",
            ("bullet", "novembre 2022 – janvier 2023 : recrutement des dix structures, "
                       "formation des chargés d'accompagnement ;"),
            ("bullet", "février – juin 2023 : cartes des outils, expérimentations, deux "
                       "rencontres collectives ;"),
            ("bullet", "juillet – octobre 2023 : bilan, mise en ligne de la boîte à "
                       "outils, journée de restitution régionale.")]},
        {"sid": "pilotage", "heading": "Gouvernance et comités", "body": [
            "Un comité de pilotage composé de l'incubateur, de l'Aract Occitanie, de la "
            "CRESS Occitanie, de la coopérative Numérique Commun et de deux structures "
            "accompagnées se réunira trois fois. Le comité technique (coordinatrice et "
            "chargés d'accompagnement) se réunit tous les quinze jours."]},
        {"sid": "resultats", "heading": "Effets attendus", "body": [
            "Dix structures dotées de règles d'usage du numérique discutées collectivement ; "
            "un module d'incubation « dialogue et numérique » intégré à notre parcours ; "
            "une boîte à outils en ligne sous licence libre ; six chargés d'accompagnement "
            "formés."]},
        {"sid": "perennisation", "heading": "Suites et essaimage", "body": [
            "Le module rejoindra notre parcours d'incubation dès la promotion 2024. Nous "
            "le proposerons aux autres incubateurs de l'ESS du réseau national, qui "
            "pourront l'adapter librement grâce à la licence ouverte de la boîte à "
            "outils."]},
        {"sid": "partenaires", "heading": "Nos partenaires", "body": [
            "Trois partenaires se sont engagés à nos côtés. L'Aract Occitanie co-animera "
            "les rencontres collectives et apportera ses outils d'analyse du travail. La "
            "Chambre régionale de l'économie sociale et solidaire (CRESS Occitanie) "
            "relaiera l'appel à participation auprès de ses adhérents et accueillera la "
            "journée de restitution. Enfin, la coopérative Numérique Commun, SCIC de "
            "développeurs installée à Montpellier, aidera les structures à tester les "
            "changements d'outils."]},
        {"sid": None, "heading": "Budget et plan de financement", "body": [
            "Le budget détaillé et le plan de financement figurent dans le classeur joint "
            "(Budget_LesRuches_FabriqueCTO.xlsx)."]},
    ],
    "partners": ["Aract Occitanie", "CRESS Occitanie", "Numérique Commun"],
    # (label, category, quantity, unit, unit cost)
    "lines5": [
        ("Chargé d'accompagnement", "personnel", 60, "jours", 350),
        ("Coordinatrice du projet", "personnel", 20, "jours", 400),
        ("Déplacements vers les structures", "deplacements_logistique", 1, "forfait", 3200),
        ("Logistique des rencontres (salles, repas)", "deplacements_logistique", 3,
         "rencontres", 600),
        ("Ergonome intervenant extérieur", "prestations", 12, "jours", 900),
        ("Conception de la boîte à outils en ligne (agence web)", "prestations", 1,
         "forfait", 7200),
    ],
    "resources": [
        ("Anact – La Fabrique CTO", "anact", 41000),
        ("Région Occitanie – appel à projets ESS (acquis)", "subvention", 5000),
        ("Fondation Crédit Coopératif (sollicitée)", "subvention", 3000),
        ("Autofinancement Les Ruches Solidaires", "autofinancement", 3000),
    ],
    "anact": 41000,
    "project": ("2022-11", "2023-10"),
}
C05["lines"] = [(lab, cat, q * u) for lab, cat, q, _, u in C05["lines5"]]
C05["declared_total"] = sum(a for _, _, a in C05["lines"])


def build_05(work: Path) -> tuple[bytes, dict]:
    import docx
    import openpyxl
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from openpyxl.styles import Font, PatternFill

    c = C05
    d = docx.Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    d.add_heading("Dialogue et numérique dans les jeunes structures de l'ESS", level=0)
    d.add_paragraph("Candidature des Ruches Solidaires (incubateur ESS, Montpellier) – "
                    "AMI « La Fabrique CTO » de l'Anact")
    for p in c["parts"]:
        hp = d.add_paragraph(style="List Number")
        pPr = hp._p.get_or_add_pPr()
        numPr = pPr.makeelement(qn("w:numPr"), {})
        ilvl = numPr.makeelement(qn("w:ilvl"), {qn("w:val"): "0"})
        numId = numPr.makeelement(qn("w:numId"), {qn("w:val"): "5"})
        numPr.append(ilvl)
        numPr.append(numId)
        pPr.insert(1, numPr)
        hp.paragraph_format.space_before = Pt(10)
        r = hp.add_run(p["heading"])
        r.bold = True
        r.font.size = Pt(12)
        for b in p["body"]:
            if isinstance(b, str):
                d.add_paragraph(b)
            else:
                d.add_paragraph(b[1], style="List Bullet")
    d.add_paragraph("Fait à Montpellier, le 23 août 2022 – Julie Fabre, directrice")
    d.core_properties.author = "Julie Fabre"
    d.core_properties.created = datetime(2022, 8, 20, 10, 0, 0)
    d.core_properties.modified = datetime(2022, 8, 23, 23, 55, 0)
    path = work / "dossier05.docx"
    d.save(path)
    normalize_zip(path)
    data = path.read_bytes()

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F4B183")
    ws["A1"] = "Les Ruches Solidaires – Budget prévisionnel du projet (La Fabrique CTO)"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = "Montants en euros, la structure n'est pas assujettie à la TVA"
    ws.append([])
    ws.append(["Poste de dépense", "Catégorie", "Quantité", "Unité", "Coût unitaire",
               "Montant"])
    for cell in ws[4]:
        cell.font = bold
        cell.fill = fill
    kinds = {"personnel": "Personnel", "deplacements_logistique": "Déplacements et logistique",
             "prestations": "Prestations"}
    first = 5
    for lab, cat, q, unit, cost in c["lines5"]:
        r = ws.max_row + 1
        ws.append([lab, kinds[cat], q, unit, cost, f"=C{r}*E{r}"])
    last = ws.max_row
    tot_row = last + 1
    ws.append(["TOTAL DES DÉPENSES", None, None, None, None, f"=SUM(F{first}:F{last})"])
    ws.append([])
    ws.append(["Ressources", "Statut", None, None, None, "Montant"])
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.fill = fill
    rfirst = ws.max_row + 1
    statuses = ["sollicitée", "acquise", "sollicitée", "acquis"]
    for (lab, _, a), st in zip(c["resources"], statuses):
        ws.append([lab, st, None, None, None, a])
    rlast = ws.max_row
    ws.append(["TOTAL DES RESSOURCES", None, None, None, None, f"=SUM(F{rfirst}:F{rlast})"])
    ws.append(["Part des co-financements", None, None, None, None,
               f"=(F{rlast + 1}-F{rfirst})/F{tot_row}"])
    ws.cell(ws.max_row, 6).number_format = "0.0%"
    for row in ws.iter_rows(min_row=first, max_row=rlast + 1, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = '#,##0 "€"'
    for row in (tot_row, rlast + 1):
        ws.cell(row, 1).font = bold
        ws.cell(row, 6).font = bold
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["F"].width = 14
    raw = work / "raw" / c["xlsx"]
    raw.parent.mkdir()
    wb.save(raw)
    xlsx = soffice_convert(raw, "xlsx:Calc MS Excel 2007 XML", work / "calc")
    normalize_zip(xlsx)
    chk = openpyxl.load_workbook(xlsx, data_only=True)["Budget"]
    assert chk.cell(tot_row, 6).value == c["declared_total"], chk.cell(tot_row, 6).value
    assert chk.cell(rlast + 1, 6).value == c["declared_total"]
    xdata = xlsx.read_bytes()

    plain = (
        "Bonsoir,\n\n"
        "Veuillez trouver ci-joint la candidature des Ruches Solidaires à l'appel à "
        "manifestation d'intérêt La Fabrique CTO : le dossier (description du projet et "
        "partenaires) et le budget détaillé avec le plan de financement.\n\n"
        "Toutes nos excuses pour ces quelques minutes de retard, dues à un souci de "
        "connexion au moment de l'envoi.\n\n"
        "Bien cordialement,\n\n"
        "Julie Fabre\n"
        "Directrice - Les Ruches Solidaires\n"
        "06 71 28 44 90\n"
    )
    html = (
        '<div dir="ltr"><div>Bonsoir,</div><div><br></div><div>Veuillez trouver ci-joint '
        "la candidature des Ruches Solidaires à l'appel à manifestation d'intérêt La "
        "Fabrique CTO : le dossier (description du projet et partenaires) et le budget "
        "détaillé avec le plan de financement.</div><div><br></div><div>Toutes nos excuses "
        "pour ces quelques minutes de retard, dues à un souci de connexion au moment de "
        "l'envoi.</div><div><br></div><div>Bien cordialement,</div><div><br></div>"
        '<div><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">'
        "<div>Julie Fabre</div><div>Directrice - Les Ruches Solidaires</div>"
        "<div>06 71 28 44 90</div></div></div></div>\n"
    )
    alt = multipart("alternative", "0000000000005a1f7e05e6f1c2a3", [
        text_part(plain, "plain", "UTF-8", "quoted-printable"),
        text_part(html, "html", "UTF-8", "quoted-printable"),
    ])
    for part in alt.get_payload():
        part.replace_header("Content-Type", part["Content-Type"].replace(
            "charset=UTF-8", 'charset="UTF-8"'))
    att1 = attachment(
        data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        c["file"], "plain")
    att1["Content-ID"] = "<f_l75m0k2q0>"
    att1["X-Attachment-Id"] = "f_l75m0k2q0"
    att2 = attachment(
        xdata, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        c["xlsx"], "plain")
    att2["Content-ID"] = "<f_l75m0k2r1>"
    att2["X-Attachment-Id"] = "f_l75m0k2r1"
    root = multipart("mixed", "0000000000005a1f8005e6f1c2a5", [alt, att1, att2])
    headers = [
        ("MIME-Version", ""),
        ("From", "Julie Fabre <julie.fabre.ruches@gmail.com>"),
        ("Date", "Wed, 24 Aug 2022 00:12:05 +0200"),
        ("Message-ID",
         "<CAH7mXq3bP0v2Zk9sW4nR1tQ8yLc6dJf5uEaG2oT-xw7HkB9mVQ@mail.gmail.com>"),
        ("Subject", Header("Candidature AMI La Fabrique CTO - Les Ruches Solidaires",
                           "utf-8").encode()),
        ("To", "fabrique@anact.fr"),
    ]
    headers = [h for h in headers if h[1]]
    eml = finish_message(root, headers)
    c["attachments"] = [{"filename": c["file"], "status": "parsed"},
                        {"filename": c["xlsx"], "status": "parsed"}]
    return eml, c

# --------------------------------------------------------------------------- driver

BUILDERS = [build_01, build_02, build_03, build_04, build_05]


def main() -> None:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    CASES.mkdir(exist_ok=True)
    for build in BUILDERS:
        work = WORK / build.__name__
        work.mkdir()
        eml, case = build(work)
        check_budget(case)
        src = case["file"]
        case["sections_label"] = label_sections(case["parts"], case.get("source_of", src))
        label = make_label(case, eml)
        (CASES / f"{case['id']}.eml").write_bytes(eml)
        (CASES / f"{case['id']}.expected.json").write_text(
            json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print("wrote", case["id"], label["decision"], [f["code"] for f in label["flags"]])

# --------------------------------------------------------------------------- check


def extract_text(name: str, data: bytes) -> str:
    tmp = Path(tempfile.mkdtemp(prefix="h3i-chk-"))
    f = tmp / ("f" + Path(name).suffix.lower())
    f.write_bytes(data)
    ext = f.suffix
    if ext == ".docx":
        import docx

        d = docx.Document(str(f))
        out = [p.text for p in d.paragraphs]

        def cells(tables):
            for t in tables:
                for r in t.rows:
                    for c in r.cells:
                        out.append(c.text)
                        cells(c.tables)
        cells(d.tables)
        return "\n".join(out)
    if ext == ".pdf":
        return subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True,
                              check=True, text=True).stdout
    if ext == ".odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        doc = load(str(f))
        return "\n".join(teletype.extractText(e) for e in
                         doc.getElementsByType(H) + doc.getElementsByType(P))
    if ext == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(str(f), data_only=True)
        vals = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                vals.append(" ".join(str(v) for v in row if v is not None))
        return "\n".join(vals)
    if ext == ".png":
        from PIL import Image

        Image.open(f).verify()
        return ""
    raise ValueError(name)


def squash(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def check() -> None:
    from email import message_from_bytes
    from email import policy as pol

    for exp in sorted(CASES.glob("h3i-*.expected.json")):
        label = json.loads(exp.read_text(encoding="utf-8"))
        cid = exp.name.split(".")[0]
        msg = message_from_bytes((CASES / f"{cid}.eml").read_bytes(), policy=pol.default)
        texts = {}
        names = []
        for part in msg.walk():
            fn = part.get_filename()
            if fn:
                names.append(fn)
                texts[fn] = extract_text(fn, part.get_payload(decode=True))
            elif part.get_content_maintype() == "text" and not part.is_multipart():
                texts.setdefault("corps du message", part.get_content())
        assert sorted(names) == sorted(a["filename"] for a in label["attachments"]), names
        assert str(msg["Subject"]) == label["message"]["subject"], msg["Subject"]
        for sid, sec in label["sections"].items():
            if not sec["present"]:
                continue
            t = squash(texts[sec["source"]])
            for key in ("heading", "body_start"):
                assert squash(sec[key]) in t, (cid, sid, key, sec[key])
        for p in label["partners"]:
            assert any(squash(p["name"]).lower() in squash(t).lower().replace("’", "'")
                       for t in texts.values()), (cid, p)
        print("ok", cid, label["decision"], names)


if __name__ == "__main__":
    if "--check" in sys.argv:
        check()
    else:
        main()
