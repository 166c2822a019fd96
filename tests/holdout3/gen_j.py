#!/usr/bin/env python3
"""Holdout3, writer j: five proposals to "La Fabrique CTO" (cases h3j-01 .. h3j-05).

Deterministic generator: fixed dates, boundaries, Message-IDs; zip timestamps and PDF
dates are pinned. Labels are computed from the same data that builds the documents.

Run with a Python that has python-docx, openpyxl, fpdf2, odfpy (e.g. /tmp/h3venv-j) and
with LibreOffice (`soffice`) on PATH:  python gen_j.py
"""

from __future__ import annotations

import base64
import copy
import io
import json
import os
import quopri
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timezone
from email import policy
from email.header import Header
from email.parser import BytesParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
LO_PROFILE = "file:///tmp/lo-j"
ZIP_DATE = (2022, 8, 10, 9, 30, 0)

SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CAP = 80000.0
DEADLINE = datetime(2022, 8, 23, 21, 59, 59, tzinfo=timezone.utc)  # 23:59:59 Paris (CEST)
END_LIMIT = (2023, 12, 30)


# --------------------------------------------------------------------------- helpers


def eur(x: float) -> str:
    """French amount: 13 500 € (regular spaces)."""
    if float(x).is_integer():
        s = f"{int(x):,}".replace(",", " ")
    else:
        s = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return s + " €"


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def months_incl(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def norm_zip(data: bytes) -> bytes:
    """Rewrite an OOXML/ODF zip with fixed timestamps (mimetype first, stored)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                body = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2022-08-10T09:30:00Z", body
                )
            zi = zipfile.ZipInfo(info.filename, ZIP_DATE)
            zi.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()


def norm_pdf(data: bytes) -> bytes:
    """Pin CreationDate/ModDate/ID of a PDF without moving any byte offset."""
    def fix_date(m: re.Match) -> bytes:
        s = m.group(2)
        fixed = b"20220810093000"
        return m.group(1) + fixed[: len(s)] + s[len(fixed):] if len(s) >= 14 else m.group(0)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})", fix_date, data)

    def fix_id(m: re.Match) -> bytes:
        return b"<" + b"A" * len(m.group(1)) + b">"

    data = re.sub(
        rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
        lambda m: re.sub(rb"<([0-9A-Fa-f]+)>", fix_id, m.group(0)),
        data,
    )
    data = re.sub(rb"(/DocChecksum /)([0-9A-F]{32})", lambda m: m.group(1) + b"0" * 32, data)
    data = re.sub(
        rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(</xmp:)",
        lambda m: m.group(1) + b"2022-08-10T09:30:00+02:00" + m.group(2), data,
    )
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


def b64_lines(data: bytes, width: int = 76) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))


def qp(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    return quopri.encodestring(raw).decode("ascii")


def rfc2047(text: str, charset: str = "utf-8", enc: str = "B") -> str:
    if enc == "B":
        return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="
    return Header(text, charset).encode(maxlinelen=998)


def rfc2231(name: str) -> str:
    from urllib.parse import quote
    return "UTF-8''" + quote(name.encode("utf-8"), safe="")


# --------------------------------------------------------------------------- budgets


class Budget:
    """Expense lines (label, category, amount) and resource lines (label, amount, anact?)."""

    def __init__(self, lines, resources, declared_total=None):
        self.lines = lines            # [(label, cat, amount)]
        self.resources = resources    # [(label, amount, is_anact)]
        self.declared_total = declared_total

    def totals(self):
        t = {c: 0.0 for c in CATS}
        for _, c, a in self.lines:
            t[c] += a
        return t

    def sum_lines(self):
        return sum(a for _, _, a in self.lines)

    def total_cost(self):
        return self.declared_total if self.declared_total is not None else self.sum_lines()

    def anact(self):
        return sum(a for _, a, is_a in self.resources if is_a)

    def cofin(self):
        return sum(a for _, a, is_a in self.resources if not is_a)

    def label(self):
        out = {
            "total_cost": self.total_cost(),
            "anact_request": self.anact(),
            "totals": self.totals(),
        }
        if any(not is_a for _, _, is_a in self.resources):
            out["cofinancing"] = {
                "amount": self.cofin(),
                "share": round(self.cofin() / self.total_cost(), 4),
            }
        return out

    def flags(self):
        fl = []
        t = self.totals()
        if abs(self.total_cost() - self.sum_lines()) > 1:
            fl.append(("budget_total_mismatch", "", "warning"))
        if self.anact() > CAP:
            fl.append(("anact_request_over_cap", "", "blocking"))
        if any(not is_a for _, _, is_a in self.resources):
            if self.cofin() < 0.2 * self.total_cost() - 1e-9:
                fl.append(("cofinancing_below_minimum", "", "blocking"))
        else:
            fl.append(("missing_budget_item", "cofinancement", "blocking"))
        for lab, c, _a in self.lines:
            if c == "autre":
                fl.append(("ineligible_expense", lab, "warning"))
        cats_present = {c for _, c, _ in self.lines}
        if "personnel" not in cats_present:
            fl.append(("missing_budget_item", "personnel", "blocking"))
        for c in ("deplacements_logistique", "prestations"):
            if c not in cats_present:
                fl.append(("missing_budget_item", c, "warning"))
        return fl


# --------------------------------------------------------------------------- labels


def make_label(case_text, parts, source, budget, partners, attachments, msg, project,
               date_utc, extra_flags=(), not_proposal=False):
    """parts: {section_id: (heading, body_text)} for the present parts."""
    sections = {}
    flags = []
    for sid in SECTION_IDS:
        if sid in parts:
            heading, body = parts[sid][:2]
            src = parts[sid][2] if len(parts[sid]) > 2 else source
            sections[sid] = {"present": True, "source": src, "heading": heading,
                             "body_start": first_words(body)}
        else:
            sections[sid] = {"present": False}
            flags.append(("missing_section", sid, "blocking"))
    if budget is None:
        blabel = {"total_cost": None, "anact_request": None}
        flags.append(("missing_budget", "", "blocking"))
    else:
        blabel = budget.label()
        flags.extend(budget.flags())
    if date_utc > DEADLINE:
        flags.append(("late_submission", "", "blocking"))
    if project:
        end = project["end"]
        y, m = int(end[:4]), int(end[5:7])
        d = int(end[8:10]) if len(end) > 7 else 31
        if (y, m, d) > END_LIMIT:
            flags.append(("project_end_after_limit", "", "blocking"))
    flags.extend(extra_flags)
    s = msg["subject"]
    import unicodedata
    ns = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    ns = ns.casefold().replace("\u2019", "'")
    if "fabrique cto" not in ns and "manifestation d'interet" not in ns:
        flags.append(("subject_mismatch", "", "warning"))
    blocking = any(f[2] == "blocking" for f in flags)
    unread = any(a["status"] in ("scanned", "encrypted", "unreadable") for a in attachments)
    if date_utc > DEADLINE:
        decision = "late"
    elif not_proposal:
        decision = "not_a_proposal"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    label = {
        "case": case_text,
        "decision": decision,
        "flags": [{"code": c, "target": t, "severity": s} for c, t, s in flags],
        "sections": sections,
        "budget": blabel,
        "partners": [{"name": p} for p in partners],
        "attachments": attachments,
        "message": msg,
    }
    if project:
        label["project"] = project
    return label


# --------------------------------------------------------------------------- docx helpers


def docx_add_multilevel(doc, fmts=("%1.", "%1.%2.", "%3)"), numfmts=("decimal", "decimal", "lowerLetter")):
    """Define a real multi-level list (w:abstractNum + w:num); returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    numbering = doc.part.numbering_part.element
    abs_ids = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    num_ids = [int(x) for x in numbering.xpath("./w:num/@w:numId")]
    aid = max(abs_ids + [0]) + 1
    nid = max(num_ids + [0]) + 1
    lvls = ""
    for i, (txt, nf) in enumerate(zip(fmts, numfmts)):
        left = 360 + 360 * i * 2
        lvls += (
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{nf}"/>'
            f'<w:lvlText w:val="{txt}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{360 if i == 0 else 540}"/></w:pPr></w:lvl>'
        )
    absxml = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    # abstractNum elements must precede num elements
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(absxml)
    else:
        numbering.append(absxml)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'
    ))
    return nid


def docx_numbered(doc, text, num_id, ilvl, bold=False, size=None):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt
    p = doc.add_paragraph(style="List Paragraph")
    pPr = p._p.get_or_add_pPr()
    pPr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    return p


def docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.core_properties.created = datetime(2022, 8, 10, 9, 30)
    doc.core_properties.modified = datetime(2022, 8, 10, 9, 30)
    doc.core_properties.last_modified_by = ""
    doc.core_properties.revision = 3
    doc.save(buf)
    return norm_zip(buf.getvalue())


# --------------------------------------------------------------------------- output


def write_case(case_id: str, eml: str | bytes, label: dict) -> None:
    CASES.mkdir(parents=True, exist_ok=True)
    data = eml.encode("ascii") if isinstance(eml, str) else eml
    (CASES / f"{case_id}.eml").write_bytes(data)
    (CASES / f"{case_id}.expected.json").write_text(
        json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # sanity: parses, subject/message-id/from as labelled
    m = BytesParser(policy=policy.default).parsebytes(data)
    assert str(m["subject"]) == label["message"]["subject"], (m["subject"], label["message"]["subject"])
    assert m["message-id"].strip() == label["message"]["message_id"]
    assert m["from"].addresses[0].addr_spec.lower() == label["message"]["from"].lower()
    d = m["date"].datetime
    assert d == datetime.fromisoformat(label["message"]["date"]), (d, label["message"]["date"])


# =========================================================================== case 01
# Regional employer group. DOCX whose outline is a Word multi-level numbered list
# (numPr); budget as an HTML table in the Outlook body (staff time "j × taux").


def case01(work: Path):
    from docx import Document
    from docx.shared import Pt

    fname = "GE-CompetencesPartagees_FabriqueCTO_description.docx"
    P = {}
    P["contexte"] = (
        "Un groupement au carrefour de 140 TPE",
        "Depuis 2011, le Groupement d’employeurs Compétences Partagées met à disposition "
        "de 140 TPE et PME des Pays de la Loire quelque 230 salariés à temps partagé : "
        "comptables, assistantes RH, techniciens de maintenance, chargés de communication. "
        "Chacun d’eux travaille en moyenne pour trois entreprises et jongle donc avec trois "
        "logiciels de planning, trois messageries, parfois trois badgeuses. Nos entretiens "
        "annuels de 2021 ont fait remonter ce sujet comme la première source de fatigue au "
        "travail, devant les temps de trajet.",
    )
    P["problematique"] = (
        "Ce que nous cherchons à comprendre",
        "Qui discute des outils numériques quand un salarié est partagé entre plusieurs "
        "employeurs ? Aucune des entreprises adhérentes n’a de CSE couvrant l’ensemble de "
        "ses salariés à temps partagé ; le groupement, employeur juridique, ne choisit pas "
        "les outils. Le dialogue social technologique tombe dans un angle mort que nous "
        "voulons éclairer et outiller.",
    )
    P["objectifs"] = (
        "Nos ambitions pour 2022-2023",
        "Nous voulons d’abord rendre visible la charge numérique propre au travail à temps "
        "partagé, puis construire avec les salariés, les dirigeants adhérents et leurs "
        "représentants une « charte d’usage des outils partagés » négociée, et enfin "
        "expérimenter une instance de dialogue inter-entreprises sur les choix d’outils.",
    )
    P["cibles"] = (
        "Les salariés et entreprises concernés",
        "Le projet s’adresse en priorité aux 230 salariés à temps partagé du groupement et "
        "aux dirigeants des 140 entreprises adhérentes, dont une trentaine de TPE de moins "
        "de dix salariés ; douze entreprises volontaires formeront le noyau expérimental.",
    )
    P["methodologie"] = (
        "La démarche pas à pas",
        "Notre démarche combine enquête, ateliers et négociation, en quatre étapes :",
    )
    steps = [
        "Cartographier, avec vingt salariés volontaires, les outils numériques qu’ils "
        "utilisent d’une entreprise à l’autre (journaux de bord sur deux semaines).",
        "Réunir en ateliers mixtes salariés, dirigeants et élus de CSE pour analyser les "
        "situations de travail les plus dégradées.",
        "Rédiger et mettre en discussion une charte d’usage des outils partagés, soumise "
        "aux instances de chaque entreprise du noyau expérimental.",
        "Expérimenter pendant six mois un « comité des outils » inter-entreprises, puis "
        "en tirer un bilan partagé.",
    ]
    P["phasage"] = (
        "Le calendrier",
        "Le projet se déroule sur quatorze mois, d’octobre 2022 à novembre 2023.",
    )
    phases = [
        "Phase 1 – octobre à décembre 2022 : cartographie des outils et journaux de bord.",
        "Phase 2 – janvier à juin 2023 : ateliers mixtes et rédaction de la charte.",
        "Phase 3 – juillet à novembre 2023 : expérimentation du comité des outils, bilan "
        "et restitution régionale.",
    ]
    P["pilotage"] = (
        "Qui décide et comment",
        "Un comité de pilotage réunit tous les trimestres le directeur du groupement, deux "
        "dirigeants adhérents, deux salariés à temps partagé élus par leurs pairs, l’Aract "
        "et les organisations syndicales partenaires. Une équipe projet de trois personnes "
        "se réunit chaque quinzaine ; un compte rendu est diffusé aux adhérents.",
    )
    P["partenaires"] = (
        "Les alliés du projet",
        "Trois partenaires se sont engagés à nos côtés (lettres d’engagement disponibles) :",
    )
    partners_txt = [
        "l’Aract Pays de la Loire, qui co-animera les ateliers mixtes et apportera sa "
        "méthode d’analyse des situations de travail ;",
        "l’Union régionale interprofessionnelle CFDT des Pays de la Loire, qui formera "
        "les salariés volontaires au dialogue sur les outils ;",
        "la CPME Loire-Atlantique, qui mobilisera les dirigeants et relaiera la charte "
        "auprès de ses adhérents.",
    ]
    P["resultats"] = (
        "Les effets attendus",
        "À l’issue du projet, nous attendons une cartographie publiée des charges "
        "numériques du travail à temps partagé, une charte d’usage adoptée par au moins "
        "huit entreprises, et un comité des outils qui fonctionne sans appui extérieur.",
    )
    P["perennisation"] = (
        "Faire vivre et transmettre la démarche",
        "La charte sera intégrée au contrat de mise à disposition du groupement dès 2024. "
        "Nous diffuserons la démarche auprès de la fédération nationale des groupements "
        "d’employeurs, qui compte plus de 5 000 structures, sous forme d’un kit libre.",
    )

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    t = doc.add_paragraph()
    r = t.add_run("Groupement d’employeurs Compétences Partagées – Pays de la Loire")
    r.bold = True
    r.font.size = Pt(14)
    t2 = doc.add_paragraph()
    r = t2.add_run("« Outils partagés, dialogue partagé » – proposition à l’AMI La Fabrique CTO")
    r.italic = True
    nid = docx_add_multilevel(doc)

    def part(sid, extra=None, extra_lvl=None):
        h, b = P[sid]
        docx_numbered(doc, h, nid, 1, bold=True)
        doc.add_paragraph(b)
        for x in extra or []:
            if extra_lvl is None:
                doc.add_paragraph(x)
            elif extra_lvl == "bullet":
                doc.add_paragraph(x, style="List Bullet")
            else:
                docx_numbered(doc, x, nid, extra_lvl)

    docx_numbered(doc, "D’où nous partons", nid, 0, bold=True, size=13)
    part("contexte")
    part("problematique")
    docx_numbered(doc, "Ce que nous voulons faire", nid, 0, bold=True, size=13)
    part("objectifs")
    part("cibles")
    part("methodologie", steps, 2)
    part("phasage", phases)
    docx_numbered(doc, "Comment nous nous organisons", nid, 0, bold=True, size=13)
    part("pilotage")
    part("partenaires", partners_txt, "bullet")
    docx_numbered(doc, "Ce qui restera", nid, 0, bold=True, size=13)
    part("resultats")
    part("perennisation")
    doc.add_paragraph(
        "Le budget détaillé et le plan de financement figurent dans notre courriel d’envoi."
    )
    data = docx_bytes(doc)
    (work / fname).write_bytes(data)

    # budget: staff as days x rate
    staff = [("Chargée de mission", 30, 450), ("Responsable RH du groupement", 12, 520),
             ("Assistante administrative", 10, 280)]
    lines = [(f"{n} : {j} j × {r} €", "personnel", float(j * r)) for n, j, r in staff]
    lines += [
        ("Déplacements dans les cinq départements", "deplacements_logistique", 2100.0),
        ("Location de salles et repas des ateliers", "deplacements_logistique", 1860.0),
        ("Facilitation graphique des ateliers (prestataire)", "prestations", 4800.0),
        ("Conception du kit numérique (studio de design)", "prestations", 6500.0),
    ]
    resources = [
        ("Subvention Anact sollicitée (80 %)", 30240.0, True),
        ("Autofinancement du groupement", 4560.0, False),
        ("Région Pays de la Loire (demande déposée)", 3000.0, False),
    ]
    B = Budget(lines, resources)
    assert B.sum_lines() == 37800 and B.totals()["personnel"] == 22540
    assert B.anact() + B.cofin() == B.total_cost() and B.cofin() == 0.2 * B.total_cost()

    groups = [("Dépenses de personnel", "personnel"),
              ("Frais de déplacement et logistique", "deplacements_logistique"),
              ("Prestations", "prestations")]
    tot = B.totals()
    td = 'style="border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"'
    rows = []
    txt_rows = []
    for title, cat in groups:
        rows.append(f'<tr><td colspan="2" {td} bgcolor="#D9E2F3"><p class="MsoNormal"><b>{title}</b></p></td></tr>')
        txt_rows.append(title.upper())
        for lab, c, a in lines:
            if c == cat:
                rows.append(
                    f'<tr><td {td}><p class="MsoNormal">{lab}</p></td>'
                    f'<td {td} align="right"><p class="MsoNormal" align="right">{eur(a).replace(" ", "&nbsp;")}</p></td></tr>'
                )
                txt_rows.append(f"{lab}\t{eur(a)}")
        rows.append(
            f'<tr><td {td}><p class="MsoNormal"><i>Sous-total</i></p></td>'
            f'<td {td} align="right"><p class="MsoNormal" align="right"><i>{eur(tot[cat]).replace(" ", "&nbsp;")}</i></p></td></tr>'
        )
        txt_rows.append(f"Sous-total\t{eur(tot[cat])}")
    rows.append(
        f'<tr><td {td}><p class="MsoNormal"><b>COÛT TOTAL DU PROJET</b></p></td>'
        f'<td {td} align="right"><p class="MsoNormal" align="right"><b>{eur(B.total_cost()).replace(" ", "&nbsp;")}</b></p></td></tr>'
    )
    txt_rows.append(f"COÛT TOTAL DU PROJET\t{eur(B.total_cost())}")
    frows = []
    ftxt = []
    for lab, a, _ in resources:
        frows.append(
            f'<tr><td {td}><p class="MsoNormal">{lab}</p></td>'
            f'<td {td} align="right"><p class="MsoNormal" align="right">{eur(a).replace(" ", "&nbsp;")}</p></td></tr>'
        )
        ftxt.append(f"{lab}\t{eur(a)}")
    frows.append(
        f'<tr><td {td}><p class="MsoNormal"><b>Total des ressources</b></p></td>'
        f'<td {td} align="right"><p class="MsoNormal" align="right"><b>{eur(B.total_cost()).replace(" ", "&nbsp;")}</b></p></td></tr>'
    )
    ftxt.append(f"Total des ressources\t{eur(B.total_cost())}")

    html = f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}}
span.EmailStyle17 {{mso-style-type:personal-compose;}}
--></style>
</head>
<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Madame, Monsieur,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Le Groupement d’employeurs Compétences Partagées a le plaisir de vous adresser sa candidature à l’appel à manifestation d’intérêt « La Fabrique CTO ». La description du projet « Outils partagés, dialogue partagé » est jointe au format Word.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Notre budget détaillé (montants nets de taxe, le groupement n’étant pas assujetti à la TVA) est le suivant :<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tr><td {td} bgcolor="#1F3864"><p class="MsoNormal"><b><span style="color:white">Poste de dépense</span></b></p></td><td {td} bgcolor="#1F3864"><p class="MsoNormal"><b><span style="color:white">Montant</span></b></p></td></tr>
{chr(10).join(rows)}
</table>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Plan de financement :<o:p></o:p></p>
<table class="MsoNormalTable" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tr><td {td} bgcolor="#1F3864"><p class="MsoNormal"><b><span style="color:white">Ressource</span></b></p></td><td {td} bgcolor="#1F3864"><p class="MsoNormal"><b><span style="color:white">Montant</span></b></p></td></tr>
{chr(10).join(frows)}
</table>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Nous restons à votre disposition pour tout complément et vous prions d’agréer nos salutations distinguées.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal"><b>Maëlle Guérin</b><o:p></o:p></p>
<p class="MsoNormal">Responsable développement – GE Compétences Partagées<o:p></o:p></p>
<p class="MsoNormal">12 rue de la Tannerie – 44000 Nantes – 02 40 00 00 00<o:p></o:p></p>
</div>
</body>
</html>
"""
    text = (
        "Madame, Monsieur,\n\n"
        "Le Groupement d’employeurs Compétences Partagées a le plaisir de vous adresser sa "
        "candidature à l’appel à manifestation d’intérêt « La Fabrique CTO ». La description "
        "du projet « Outils partagés, dialogue partagé » est jointe au format Word.\n\n"
        "Notre budget détaillé (montants nets de taxe, le groupement n’étant pas assujetti à "
        "la TVA) est le suivant :\n\n"
        "Poste de dépense\tMontant\n" + "\n".join(txt_rows) + "\n\n"
        "Plan de financement :\n\nRessource\tMontant\n" + "\n".join(ftxt) + "\n\n"
        "Nous restons à votre disposition pour tout complément et vous prions d’agréer nos "
        "salutations distinguées.\n\n"
        "Maëlle Guérin\nResponsable développement – GE Compétences Partagées\n"
        "12 rue de la Tannerie – 44000 Nantes – 02 40 00 00 00\n"
    )
    subject = "Candidature AMI Fabrique CTO – GE Compétences Partagées"
    mid = "<PR1P264MB2143A7C2E8D94F1B0C3E5A9DBF9A9@PR1P264MB2143.FRAP264.PROD.OUTLOOK.COM>"
    b1 = "_004_PR1P264MB2143A7C2E8D94F1B0C3E5A9DBF9A9PR1P264MB2143FRAP_"
    b2 = "_000_PR1P264MB2143A7C2E8D94F1B0C3E5A9DBF9A9PR1P264MB2143FRAP_"
    eml = f"""Received: from PR1P264MB2143.FRAP264.PROD.OUTLOOK.COM ([fe80::5d1:9c2a:44e1:8a70])
 by PR1P264MB2143.FRAP264.PROD.OUTLOOK.COM ([fe80::5d1:9c2a:44e1:8a70%6]) with
 mapi id 15.20.5525.011; Tue, 16 Aug 2022 15:42:11 +0000
From: =?Windows-1252?Q?Ma=EBlle_Gu=E9rin?= <m.guerin@ge-competences-partagees.fr>
To: "fabrique@anact.fr" <fabrique@anact.fr>
Subject: {Header(subject, "windows-1252").encode()}
Thread-Topic: {Header(subject, "windows-1252").encode()}
Thread-Index: AdixhF0Y3rOq0n1aQk2b3Qm5s6Xk1w==
Date: Tue, 16 Aug 2022 15:42:11 +0000
Message-ID: {mid}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
authentication-results: dkim=none (message not signed)
 header.d=none;dmarc=none action=none header.from=ge-competences-partagees.fr;
Content-Type: multipart/mixed;
	boundary="{b1}"
MIME-Version: 1.0

--{b1}
Content-Type: multipart/alternative;
	boundary="{b2}"

--{b2}
Content-Type: text/plain; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(text, "cp1252")}

--{b2}
Content-Type: text/html; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(html, "cp1252")}

--{b2}--

--{b1}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
	name="{fname}"
Content-Description: {fname}
Content-Disposition: attachment;
	filename="{fname}"; size={len(data)};
	creation-date="Tue, 16 Aug 2022 15:40:58 GMT";
	modification-date="Tue, 16 Aug 2022 15:40:58 GMT"
Content-Transfer-Encoding: base64

{b64_lines(data)}

--{b1}--
""".replace("\n", "\r\n")
    P2 = dict(P)
    label = make_label(
        "Groupement d'employeurs régional (Outlook, HTML cp1252): description DOCX dont le plan "
        "est une liste numérotée Word à plusieurs niveaux (numPr), budget en tableau HTML dans "
        "le corps du message avec temps de travail en « j × taux » ; co-financement pile 20 %. "
        "Complet.",
        P2, fname, B,
        ["Aract Pays de la Loire", "CFDT des Pays de la Loire", "CPME Loire-Atlantique"],
        [{"filename": fname, "status": "parsed"}],
        {"message_id": mid, "from": "m.guerin@ge-competences-partagees.fr",
         "subject": subject, "date": "2022-08-16T15:42:11+00:00"},
        {"start": "2022-10", "end": "2023-11", "duration_months": months_incl("2022-10", "2023-11")},
        datetime(2022, 8, 16, 15, 42, 11, tzinfo=timezone.utc),
    )
    return "h3j-01", eml, label


# =========================================================================== case 02
# University lab + start-up partner. Description: ODT (odfpy, heading styles, headings as
# questions) exported to PDF by LibreOffice Writer; budget laid out by partner in an XLSX
# with formulas (values cached by LibreOffice). Thunderbird, format=flowed.


def case02(work: Path):
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties, ParagraphProperties
    from odf.text import H, P as TP, List, ListItem
    from odf.table import Table, TableColumn, TableRow, TableCell

    pdfname = "PsyTra-KairnLabs_AMI-FabriqueCTO_projet.pdf"
    xname = "Budget_par_partenaire_PsyTra-Kairn.xlsx"
    P = {}
    P["contexte"] = (
        "D’où partons-nous ?",
        "Le laboratoire PsyTra (psychologie du travail et ergonomie, Université Grenoble "
        "Alpes) étudie depuis 2018 l’arrivée des outils de pilotage algorithmique dans les "
        "PME de la logistique et du commerce de gros. Nos enquêtes de terrain montrent que "
        "ces outils sont choisis par les directions sur catalogue, paramétrés par l’éditeur, "
        "et découverts par les salariés le jour de leur mise en service.",
    )
    P["objectifs"] = (
        "Que voulons-nous atteindre ?",
        "Le projet vise trois buts : doter les PME d’une méthode simple pour mettre en "
        "débat un outil numérique avant son déploiement ; outiller les représentants du "
        "personnel pour lire un paramétrage ; et construire avec la start-up Kairn Labs un "
        "prototype de « simulateur de paramétrage » utilisable en réunion.",
    )
    P["problematique"] = (
        "Quelle question de recherche ?",
        "Comment rendre discutables, dans une PME sans service informatique, des choix "
        "techniques que personne dans l’entreprise ne maîtrise entièrement ? Nous faisons "
        "l’hypothèse que la simulation concrète des effets d’un paramétrage sur une journée "
        "de travail ouvre un espace de dialogue que la documentation technique ferme.",
    )
    P["cibles"] = (
        "À qui s’adresse le projet ?",
        "Six PME de 30 à 200 salariés de la logistique iséroise et savoyarde, leurs "
        "directions, leurs élus de CSE et les équipes d’entrepôt ; en second cercle, les "
        "éditeurs de logiciels qui équipent ces entreprises.",
    )
    P["methodologie"] = (
        "Comment allons-nous procéder ?",
        "La démarche relève de la recherche-intervention. Dans chaque PME, nous conduisons "
        "des observations de l’activité et des entretiens, puis nous animons avec Kairn Labs "
        "deux séances de simulation où direction, élus et opérateurs rejouent une journée "
        "de travail avec différents paramétrages. Les enseignements nourrissent la "
        "conception itérative du simulateur.",
    )
    P["phasage"] = (
        "Quel calendrier ?",
        "Le projet court de novembre 2022 à octobre 2023, en trois temps.",
    )
    phases = [
        "Temps 1 (novembre 2022 – janvier 2023) : enquête de terrain dans les six PME.",
        "Temps 2 (février – juin 2023) : séances de simulation et prototypage du simulateur.",
        "Temps 3 (juillet – octobre 2023) : évaluation, séminaire de restitution et mise en "
        "ligne des ressources.",
    ]
    P["pilotage"] = (
        "Qui pilote et comment décide-t-on ?",
        "Un comité de pilotage, réuni à chaque fin de temps, associe la responsable "
        "scientifique du laboratoire, le président de Kairn Labs, un représentant de l’Aract "
        "et deux élus de CSE des entreprises participantes. Un comité technique hebdomadaire "
        "entre l’ingénieure d’études et l’équipe de Kairn Labs suit le prototypage.",
    )
    P["resultats"] = (
        "Que produirons-nous ?",
        "Un simulateur de paramétrage en version bêta, un guide méthodologique de la "
        "séance de simulation, un rapport de recherche et au moins deux articles, ainsi que "
        "six accords ou relevés de décision issus des séances en entreprise.",
    )
    P["perennisation"] = (
        "Et après ?",
        "Kairn Labs intégrera le simulateur à son offre sous licence libre pour les "
        "instances représentatives ; le laboratoire l’inscrira dans le master d’ergonomie "
        "et proposera la méthode aux autres Aract via le réseau Anact-Aract.",
    )
    P["partenaires"] = (
        "Avec qui ?",
        "Le projet est porté par le laboratoire PsyTra avec trois partenaires.",
    )
    partners_txt = [
        "Kairn Labs (start-up grenobloise, SAS) : conception et développement du simulateur, "
        "co-animation des séances de simulation.",
        "Aract Auvergne-Rhône-Alpes : appui méthodologique sur le dialogue social, "
        "participation au comité de pilotage.",
        "Digital League (cluster régional du numérique) : mise en relation avec les éditeurs "
        "de logiciels et diffusion des résultats.",
    ]

    doc = OpenDocumentText()
    h1 = Style(name="Heading 1", family="paragraph")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color="#2E4A7D"))
    h1.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.15cm"))
    doc.styles.addElement(h1)
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    doc.styles.addElement(title)
    body = Style(name="Text body", family="paragraph")
    body.addElement(TextProperties(fontsize="11pt"))
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    doc.styles.addElement(body)
    doc.text.addElement(TP(stylename=title, text="Simuler pour débattre"))
    doc.text.addElement(TP(stylename=body, text=(
        "Proposition du laboratoire PsyTra (Université Grenoble Alpes) et de Kairn Labs à "
        "l’appel à manifestation d’intérêt La Fabrique CTO – août 2022")))
    order = ["contexte", "problematique", "objectifs", "cibles", "methodologie", "phasage",
             "pilotage", "partenaires", "resultats", "perennisation"]
    for sid in order:
        h, b = P[sid]
        doc.text.addElement(H(outlinelevel=1, stylename=h1, text=h))
        doc.text.addElement(TP(stylename=body, text=b))
        extra = phases if sid == "phasage" else partners_txt if sid == "partenaires" else []
        for x in extra:
            doc.text.addElement(TP(stylename=body, text=x))
    doc.text.addElement(H(outlinelevel=1, stylename=h1, text="Budget"))
    doc.text.addElement(TP(stylename=body, text=(
        "Le budget, présenté par partenaire, figure dans le classeur joint "
        "(Budget_par_partenaire_PsyTra-Kairn.xlsx).")))
    odt = work / "projet02.odt"
    doc.save(str(odt))
    pdf = soffice_convert(odt, "pdf", work / "pdf02")
    pdfdata = norm_pdf(pdf.read_bytes())
    (work / pdfname).write_bytes(pdfdata)

    # budget by partner
    blocks = [
        ("Laboratoire PsyTra – Université Grenoble Alpes", [
            ("Ingénieure d’études (8 mois à 60 %)", "Personnel", "personnel", 21600.0),
            ("Enseignante-chercheuse, temps valorisé (25 jours)", "Personnel", "personnel", 9000.0),
            ("Missions de terrain (Isère, Savoie)", "Déplacements", "deplacements_logistique", 2400.0),
            ("Transcription des entretiens (prestataire)", "Prestation", "prestations", 1800.0),
        ]),
        ("Kairn Labs SAS", [
            ("Développeur full-stack (40 jours)", "Personnel", "personnel", 16000.0),
            ("Designer UX (15 jours)", "Personnel", "personnel", 6000.0),
            ("Déplacements Grenoble – Chambéry", "Déplacements", "deplacements_logistique", 900.0),
        ]),
        ("Dépenses communes", [
            ("Séminaire de restitution (salle, accueil)", "Logistique", "deplacements_logistique", 2200.0),
            ("Vidéo de valorisation (prestataire audiovisuel)", "Prestation", "prestations", 3500.0),
        ]),
    ]
    resources = [
        ("Anact – La Fabrique CTO (montant sollicité)", 50000.0, True),
        ("Université Grenoble Alpes – valorisation du temps de recherche", 9000.0, False),
        ("Kairn Labs – autofinancement", 4400.0, False),
    ]
    lines = [(lab, cat, a) for _, ls in blocks for lab, _, cat, a in ls]
    B = Budget(lines, resources)
    assert B.sum_lines() == 63400 and B.anact() + B.cofin() == 63400
    assert B.cofin() / B.total_cost() >= 0.2 and B.anact() <= CAP

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Alignment
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "Projet « Simuler pour débattre » – budget par partenaire (€ HT)"
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Partenaire / poste", "Nature", "Montant HT"])
    for c in "ABC":
        ws[f"{c}3"].font = Font(bold=True, color="FFFFFF")
        ws[f"{c}3"].fill = PatternFill("solid", fgColor="2E4A7D")
    sub_cells = []
    row = 4
    for partner, ls in blocks:
        ws.cell(row, 1, partner).font = Font(bold=True)
        ws.cell(row, 1).fill = PatternFill("solid", fgColor="DCE6F1")
        row += 1
        first = row
        for lab, nature, _, a in ls:
            ws.cell(row, 1, "   " + lab)
            ws.cell(row, 2, nature)
            ws.cell(row, 3, a).number_format = '#,##0 "€"'
            row += 1
        ws.cell(row, 1, f"Sous-total {partner.split(' – ')[0]}").font = Font(italic=True, bold=True)
        ws.cell(row, 3, f"=SUM(C{first}:C{row - 1})").number_format = '#,##0 "€"'
        ws.cell(row, 3).font = Font(bold=True)
        sub_cells.append(f"C{row}")
        row += 2
    ws.cell(row, 1, "COÛT TOTAL DU PROJET").font = Font(bold=True)
    ws.cell(row, 3, "=" + "+".join(sub_cells)).number_format = '#,##0 "€"'
    ws.cell(row, 3).font = Font(bold=True)
    total_row = row
    row += 3
    ws.cell(row, 1, "Plan de financement").font = Font(bold=True, size=12)
    row += 1
    ws.cell(row, 1, "Ressource").font = Font(bold=True)
    ws.cell(row, 3, "Montant").font = Font(bold=True)
    ws.cell(row, 4, "Part").font = Font(bold=True)
    row += 1
    rfirst = row
    for lab, a, _ in resources:
        ws.cell(row, 1, lab)
        ws.cell(row, 3, a).number_format = '#,##0 "€"'
        ws.cell(row, 4, f"=C{row}/C${total_row}").number_format = "0.0%"
        row += 1
    ws.cell(row, 1, "Total des ressources").font = Font(bold=True)
    ws.cell(row, 3, f"=SUM(C{rfirst}:C{row - 1})").number_format = '#,##0 "€"'
    ws.cell(row, 4, f"=C{row}/C${total_row}").number_format = "0.0%"
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 9
    raw = work / "budget02.xlsx"
    wb.save(str(raw))
    cached = soffice_convert(raw, "xlsx:Calc MS Excel 2007 XML", work / "xlsx02")
    xdata = norm_zip(cached.read_bytes())
    (work / xname).write_bytes(xdata)

    text = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint la proposition du laboratoire PsyTra (Université "
        "Grenoble Alpes), montée avec la start-up Kairn Labs, en réponse à l'appel à "
        "manifestation d'intérêt « La Fabrique CTO » :\n\n"
        f"- {pdfname} : description du projet et partenaires ;\n"
        f"- {xname} : budget détaillé par partenaire et plan de financement.\n\n"
        "Nous nous tenons à votre disposition pour toute précision.\n\n"
        "Bien cordialement,\n\n"
        "-- \nClaire Vasseur-Nguyen\nMaîtresse de conférences en ergonomie\n"
        "Laboratoire PsyTra – Université Grenoble Alpes\n"
    )
    # format=flowed body: soft breaks end with a space
    def flow(t, width=72):
        out = []
        for para in t.split("\n"):
            if para == "-- ":
                out.append(para)
                continue
            words = para.split(" ")
            line = ""
            for w in words:
                if line and len(line) + 1 + len(w) > width:
                    out.append(line + " ")
                    line = w
                else:
                    line = w if not line else line + " " + w
            out.append(line)
        return "\n".join(out)

    subject = "Réponse AMI « La Fabrique CTO » – laboratoire PsyTra & Kairn Labs"
    mid = "<7c1e2a94-3b5d-4f0e-9a61-d2b8c4e7f013@univ-grenoble-alpes.fr>"
    bnd = "------------Xq2hTf8Lm0cZ3vW6pR9sN1kD"
    body_b64 = b64_lines(flow(text).replace("\n", "\r\n").encode("utf-8"))
    eml = f"""Return-Path: <claire.vasseur-nguyen@univ-grenoble-alpes.fr>
Message-ID: {mid}
Date: Mon, 22 Aug 2022 23:14:05 +0200
MIME-Version: 1.0
User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101
 Thunderbird/91.12.0
Content-Language: fr
To: fabrique@anact.fr
From: Claire Vasseur-Nguyen <claire.vasseur-nguyen@univ-grenoble-alpes.fr>
Subject: {rfc2047(subject, "UTF-8", "B")}
Content-Type: multipart/mixed; boundary="{bnd}"

This is a multi-part message in MIME format.
--{bnd}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: base64

{body_b64}
--{bnd}
Content-Type: application/pdf; name="{pdfname}"
Content-Disposition: attachment; filename="{pdfname}"
Content-Transfer-Encoding: base64

{b64_lines(pdfdata)}
--{bnd}
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
 name="{xname}"
Content-Disposition: attachment; filename="{xname}"
Content-Transfer-Encoding: base64

{b64_lines(xdata)}

--{bnd}--
""".replace("\n", "\r\n")
    label = make_label(
        "Laboratoire universitaire + start-up (Thunderbird, flowed, base64): description ODT "
        "exportée en PDF par Writer, titres en questions ; budget XLSX à formules présenté par "
        "partenaire (blocs + sous-totaux) avec plan de financement. Complet.",
        P, pdfname, B,
        ["Kairn Labs", "Aract Auvergne-Rhône-Alpes", "Digital League"],
        [{"filename": pdfname, "status": "parsed"}, {"filename": xname, "status": "parsed"}],
        {"message_id": mid, "from": "claire.vasseur-nguyen@univ-grenoble-alpes.fr",
         "subject": subject, "date": "2022-08-22T23:14:05+02:00"},
        {"start": "2022-11", "end": "2023-10", "duration_months": months_incl("2022-11", "2023-10")},
        datetime(2022, 8, 22, 21, 14, 5, tzinfo=timezone.utc),
    )
    return "h3j-02", eml, label


# =========================================================================== case 03
# Works-council-expertise firm. DOCX with Word heading styles (Heading 1 / Heading 2),
# partners part opening with a table, budget by phase (Phase 1/2/3 columns + Total) with
# staff time "28 j × 850 €". Defect: the phasage runs to March 2024. Apple Mail, RFC 2231
# file name, trailing text part after the attachment.


def case03(work: Path):
    from docx import Document
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    fname = "Proposition Arpège – Fabrique CTO.docx"
    P = {}
    P["contexte"] = (
        "Le terrain dont nous venons",
        "Cabinet d’expertise agréé auprès des comités sociaux et économiques, Arpège "
        "réalise chaque année une centaine d’expertises « projet important » en Île-de-France. "
        "Depuis 2020, plus d’un tiers de ces missions portent sur l’introduction d’un outil "
        "numérique : logiciel de gestion des temps, plateforme de relation client, outil "
        "d’aide à la décision fondé sur des algorithmes.",
    )
    P["problematique"] = (
        "Le nœud du problème",
        "L’expertise arrive trop tard : lorsque le CSE est consulté, l’outil est acheté et "
        "paramétré, et le débat se réduit à des mesures d’accompagnement. Comment déplacer "
        "le dialogue social en amont, au moment du choix et du paramétrage, dans des PME "
        "où les élus n’ont ni le temps ni les codes techniques ?",
    )
    P["objectifs"] = (
        "Ce que le projet doit changer",
        "Nous voulons concevoir et tester une « expertise d’anticipation » courte, "
        "co-financée par l’employeur, qui accompagne le CSE dès la rédaction du cahier des "
        "charges ; former les élus à la lecture des paramétrages ; et produire un accord de "
        "méthode type sur les projets numériques.",
    )
    P["cibles"] = (
        "Qui en bénéficiera",
        "Les élus de CSE et les directions de huit PME franciliennes de 50 à 300 salariés "
        "(industrie, services, commerce), ainsi que les éditeurs de logiciels qui les "
        "équipent ; indirectement, les autres cabinets d’expertise agréés.",
    )
    P["methodologie"] = (
        "Notre méthode d’intervention",
        "Dans chaque entreprise, un binôme de consultants conduit une analyse du travail "
        "réel autour de l’outil envisagé, organise deux séances de travail tripartites "
        "(direction, élus, éditeur) et accompagne la négociation d’un accord de méthode. "
        "Un cycle de quatre demi-journées de formation réunit les élus des huit PME.",
    )
    P["phasage"] = (
        "Déroulement dans le temps",
        "Le projet s’étend de janvier 2023 à mars 2024, soit quinze mois.",
    )
    phases = [
        "Phase 1 (janvier – mars 2023) : recrutement des huit PME, entretiens préalables, "
        "formation des élus.",
        "Phase 2 (avril – novembre 2023) : expertises d’anticipation et séances tripartites "
        "dans les entreprises.",
        "Phase 3 (décembre 2023 – mars 2024) : évaluation croisée, rédaction du guide et de "
        "l’accord de méthode type, séminaire de clôture.",
    ]
    P["pilotage"] = (
        "Gouvernance du projet",
        "Un comité de pilotage paritaire se réunit à chaque fin de phase : deux "
        "représentants de directions, deux élus de CSE, l’Aract Île-de-France, le "
        "laboratoire IDHES et l’associé responsable du cabinet. Un comité technique "
        "mensuel réunit les consultants et la chercheuse associée.",
    )
    P["resultats"] = (
        "Livrables et effets attendus",
        "Huit expertises d’anticipation menées, huit accords ou relevés de conclusions, un "
        "accord de méthode type, un guide pratique pour les élus et un module de formation "
        "réutilisable.",
    )
    P["perennisation"] = (
        "Au-delà du projet : diffusion et essaimage",
        "L’expertise d’anticipation rejoindra notre catalogue ; le guide et l’accord type "
        "seront publiés sous licence Creative Commons et présentés aux autres cabinets "
        "agréés lors des rencontres annuelles de la profession.",
    )
    partners_rows = [
        ("Aract Île-de-France", "Co-construction de la formation des élus, participation au "
         "comité de pilotage"),
        ("Laboratoire IDHES (Université Paris Nanterre)", "Évaluation indépendante de "
         "l’expérimentation, chercheuse associée"),
        ("Club des DSI de PME d’Île-de-France", "Mobilisation des directions et des "
         "éditeurs pour les séances tripartites"),
    ]
    P["partenaires"] = (
        "Partie B – Nos partenaires et ce qu’ils apportent",
        "Organisation partenaire Contribution attendue " + partners_rows[0][0],
    )

    # budget by phase
    rate_rows = [("Consultante senior", (8, 14, 6), 850), ("Chargé d’études", (6, 10, 4), 500)]
    rows = []  # (label, cat, (p1,p2,p3))
    for n, days, r in rate_rows:
        rows.append((f"{n} ({sum(days)} j × {r} €)", "personnel", tuple(d * r for d in days)))
    rows += [
        ("Déplacements et frais de séances", "deplacements_logistique", (800, 1600, 700)),
        ("Juriste en droit social (honoraires)", "prestations", (0, 3000, 1500)),
        ("Mise en page du guide (graphiste indépendant)", "prestations", (0, 0, 2400)),
    ]
    lines = [(lab, cat, float(sum(v))) for lab, cat, v in rows]
    resources = [("Anact – La Fabrique CTO", 35000.0, True),
                 ("Autofinancement Arpège (fonds propres)", 8800.0, False)]
    B = Budget(lines, resources)
    phase_tot = [sum(v[i] for _, _, v in rows) for i in range(3)]
    assert phase_tot == [10600, 21500, 11700] and B.sum_lines() == 43800 == sum(phase_tot)
    assert B.anact() + B.cofin() == B.total_cost()

    doc = Document()
    doc.styles["Normal"].font.name = "Cambria"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_paragraph("Cabinet Arpège – Expertise auprès des CSE", style="Title")
    doc.add_paragraph("Projet « Élus & algorithmes » – réponse à l’appel à manifestation "
                      "d’intérêt La Fabrique CTO (Anact)")
    doc.add_heading("Partie A – Le projet « Élus & algorithmes »", level=1)
    for sid in ("contexte", "problematique", "objectifs", "cibles", "methodologie", "phasage",
                "pilotage", "resultats", "perennisation"):
        h, b = P[sid]
        doc.add_heading(h, level=2)
        doc.add_paragraph(b)
        if sid == "phasage":
            for x in phases:
                doc.add_paragraph(x, style="List Bullet")
    doc.add_heading(P["partenaires"][0], level=1)
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text = "Organisation partenaire"
    t.rows[0].cells[1].text = "Contribution attendue"
    for a, b in partners_rows:
        c = t.add_row().cells
        c[0].text = a
        c[1].text = b
    doc.add_heading("Partie C – Budget prévisionnel (en euros, hors taxes)", level=1)
    doc.add_paragraph("Les montants sont ventilés par phase ; le temps du cabinet est "
                      "valorisé au coût journalier.")
    hdr = ["Poste", "Phase 1", "Phase 2", "Phase 3", "Total"]
    bt = doc.add_table(rows=1, cols=5)
    bt.style = "Table Grid"
    for i, h in enumerate(hdr):
        bt.rows[0].cells[i].text = h
        bt.rows[0].cells[i].paragraphs[0].runs[0].bold = True

    def num(x):
        return f"{int(x):,}".replace(",", " ") if x else "–"

    groups = [("Personnel du cabinet", "personnel"), ("Déplacements et logistique",
              "deplacements_logistique"), ("Prestations externes", "prestations")]
    for title, cat in groups:
        c = bt.add_row().cells
        c[0].text = title
        c[0].paragraphs[0].runs[0].bold = True
        for lab, ct, v in rows:
            if ct == cat:
                c = bt.add_row().cells
                c[0].text = lab
                for i in range(3):
                    c[i + 1].text = num(v[i])
                c[4].text = num(sum(v))
    c = bt.add_row().cells
    c[0].text = "Total des dépenses"
    for i in range(3):
        c[i + 1].text = num(phase_tot[i])
    c[4].text = num(B.total_cost())
    for cell in c:
        cell.paragraphs[0].runs[0].bold = True
    for row in bt.rows:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    doc.add_paragraph("Plan de financement").runs[0].bold = True
    ft = doc.add_table(rows=1, cols=3)
    ft.style = "Table Grid"
    for i, h in enumerate(["Financeur", "Montant", "Part"]):
        ft.rows[0].cells[i].text = h
    for lab, a, _ in resources:
        c = ft.add_row().cells
        c[0].text = lab
        c[1].text = num(a)
        c[2].text = f"{a / B.total_cost() * 100:.1f} %".replace(".", ",")
    c = ft.add_row().cells
    c[0].text, c[1].text, c[2].text = "Total", num(B.total_cost()), "100 %"
    data = docx_bytes(doc)

    text1 = (
        "Madame, Monsieur,\n\n"
        "Je vous prie de trouver ci-joint la proposition du cabinet Arpège pour l’appel à "
        "manifestation d’intérêt « La Fabrique CTO » : description du projet « Élus & "
        "algorithmes », partenaires et budget par phase, réunis dans un seul document.\n\n"
    )
    text2 = (
        "\n\nJe reste joignable au 06 12 34 56 78 pour tout échange.\n\n"
        "Bien à vous,\n\nJulien Marchetti\nAssocié – Cabinet Arpège Expertise CSE\n"
        "48 rue de Lancry, 75010 Paris\n"
    )
    subject = "Fabrique CTO – candidature du cabinet Arpège"
    mid = "<3E1B7C52-9A4F-4D8B-B6E2-0C9F1A7D5E43@arpege-expertise.fr>"
    bnd = "Apple-Mail=_8F3C2A1E-5B7D-4E9A-A0C3-1D2E3F4A5B6C"
    from urllib.parse import quote
    eml = f"""From: Julien Marchetti <j.marchetti@arpege-expertise.fr>
Content-Type: multipart/mixed;
	boundary="{bnd}"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))
Subject: {Header(subject, "utf-8").encode()}
Date: Fri, 19 Aug 2022 11:05:37 +0200
Message-Id: {mid}
To: fabrique@anact.fr
X-Mailer: Apple Mail (2.3696.120.41.1.1)


--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

{qp(text1, "utf-8")}
--{bnd}
Content-Disposition: attachment;
	filename*=utf-8''{quote(fname.encode("utf-8"), safe="")}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
	x-unix-mode=0644;
	name="{Header(fname, "utf-8").encode(maxlinelen=998)}"
Content-Transfer-Encoding: base64

{b64_lines(data)}
--{bnd}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

{qp(text2, "utf-8")}
--{bnd}--
""".replace("\n", "\r\n")
    project = {"start": "2023-01", "end": "2024-03",
               "duration_months": months_incl("2023-01", "2024-03")}
    assert project["duration_months"] == 15
    label = make_label(
        "Cabinet d'expertise CSE (Apple Mail, nom RFC 2231): DOCX à styles Titre 1/Titre 2, "
        "partenaires ouverts par un tableau, budget par phase (colonnes Phase 1/2/3 + Total) "
        "avec « 28 j × 850 € ». Défaut: le phasage s'achève en mars 2024.",
        P, fname, B,
        ["Aract Île-de-France", "Laboratoire IDHES", "Club des DSI de PME d’Île-de-France"],
        [{"filename": fname, "status": "parsed"}],
        {"message_id": mid, "from": "j.marchetti@arpege-expertise.fr",
         "subject": subject, "date": "2022-08-19T11:05:37+02:00"},
        project,
        datetime(2022, 8, 19, 9, 5, 37, tzinfo=timezone.utc),
    )
    assert [f["code"] for f in label["flags"]] == ["project_end_after_limit"]
    return "h3j-03", eml, label


# =========================================================================== case 04
# Network of social enterprises. DOCX whose headings are bold lines only (no style, no
# numbering); budget XLSX with "Nb de jours × coût journalier" formulas. Gmail with RFC
# 2047 attachment names. Defect: co-financing 15 %.


def case04(work: Path):
    from docx import Document
    from docx.shared import Pt

    dname = "Présentation projet Tremplins numériques.docx"
    xname = "Budget prévisionnel Tremplins.xlsx"
    P = {}
    P["contexte"] = (
        "Notre constat de terrain",
        "Tremplins Solidaires Occitanie fédère 34 entreprises sociales : entreprises "
        "d’insertion, ateliers et chantiers d’insertion, entreprises adaptées. En deux "
        "ans, presque toutes ont adopté des outils numériques imposés par leurs financeurs "
        "ou leurs clients : plateformes de suivi des parcours, applications de pointage sur "
        "smartphone, logiciels de planification des tournées.",
    )
    P["problematique"] = (
        "Les questions que nous nous posons",
        "Ces outils sont pensés pour des salariés permanents à l’aise avec l’écrit. Chez "
        "nous, ils s’adressent à des salariés en parcours d’insertion, souvent éloignés du "
        "numérique, et à des encadrants techniques qui deviennent malgré eux des "
        "« dépanneurs informatiques ». Comment mettre ces usages en discussion dans des "
        "structures où le dialogue social est peu formalisé ?",
    )
    P["objectifs"] = (
        "Ce que nous visons",
        "Faire émerger dans douze structures volontaires des « temps d’échange outillés » "
        "sur les usages numériques, former les encadrants techniques à les animer et "
        "porter auprès des financeurs des propositions d’évolution des outils imposés.",
    )
    P["cibles"] = (
        "Public et structures visés",
        "Les salariés en parcours d’insertion (environ 600 personnes dans les douze "
        "structures), leurs encadrants techniques et accompagnateurs socio-professionnels, "
        "les directions et, quand ils existent, les délégués du personnel.",
    )
    P["methodologie"] = (
        "Notre façon de faire",
        "Nous partons des situations vécues : photo-langage et « récits d’écran » recueillis "
        "auprès des salariés, puis ateliers de mise en discussion animés par les encadrants "
        "formés. Un groupe d’échange de pratiques entre directions se réunit tous les deux "
        "mois pour comparer les solutions trouvées.",
    )
    P["phasage"] = (
        "Les grandes étapes",
        "Démarrage en octobre 2022, fin des travaux en septembre 2023.",
    )
    phases = [
        "Octobre – décembre 2022 : lancement, choix des douze structures, formation des "
        "encadrants.",
        "Janvier – mai 2023 : récits d’écran et ateliers dans les structures.",
        "Juin – septembre 2023 : synthèse, plaidoyer auprès des financeurs, journée régionale.",
    ]
    P["pilotage"] = (
        "Organisation et instances",
        "Le bureau du réseau assure le pilotage stratégique ; un comité de suivi composé de "
        "trois directions, de deux salariés en parcours, de l’Aract et de l’Urscop se réunit "
        "chaque trimestre. La coordinatrice du réseau anime l’équipe projet.",
    )
    P["partenaires"] = (
        "Qui nous accompagne",
        "L’Aract Occitanie apporte son expertise sur l’analyse du travail et co-anime la "
        "formation des encadrants. L’Urscop Occitanie partage l’expérience des coopératives "
        "en matière de gouvernance participative. Emmaüs Connect conçoit avec nous les "
        "supports adaptés aux publics éloignés du numérique.",
    )
    P["resultats"] = (
        "Ce que le projet laissera",
        "Douze structures pratiquant des temps d’échange réguliers, vingt-quatre encadrants "
        "formés, un recueil de récits d’écran et un cahier de propositions remis aux "
        "financeurs publics de l’insertion.",
    )
    P["perennisation"] = (
        "Et ensuite ?",
        "La formation des encadrants entrera dans le plan de formation mutualisé du réseau "
        "dès 2024 ; les outils d’animation seront proposés aux autres réseaux régionaux de "
        "l’insertion par l’activité économique.",
    )
    order = ["contexte", "problematique", "objectifs", "cibles", "methodologie", "phasage",
             "pilotage", "partenaires", "resultats", "perennisation"]
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    p = doc.add_paragraph()
    r = p.add_run("TREMPLINS SOLIDAIRES OCCITANIE")
    r.bold = True
    r.font.size = Pt(16)
    p = doc.add_paragraph()
    r = p.add_run("Projet « Tremplins numériques » – AMI La Fabrique CTO")
    r.font.size = Pt(12)
    for sid in order:
        h, b = P[sid]
        p = doc.add_paragraph()
        r = p.add_run(h)
        r.bold = True
        r.font.size = Pt(11)
        doc.add_paragraph(b)
        if sid == "phasage":
            for x in phases:
                doc.add_paragraph(x)
    p = doc.add_paragraph()
    p.add_run("Budget").bold = True
    doc.add_paragraph("Voir le tableur « Budget prévisionnel Tremplins » joint au courriel.")
    ddata = docx_bytes(doc)

    staff = [("Coordinatrice du réseau", 40, 380), ("Chargé de mission numérique", 35, 340),
             ("Directrice (pilotage)", 8, 480)]
    others = [
        ("Déplacements vers les structures", "deplacements_logistique", 3200.0),
        ("Frais de réunion (salles, repas)", "deplacements_logistique", 1600.0),
        ("Formation des encadrants (organisme de formation)", "prestations", 5400.0),
        ("Captation vidéo et montage des récits", "prestations", 2860.0),
    ]
    lines = [(n, "personnel", float(j * r)) for n, j, r in staff] + others
    resources = [("Subvention Anact demandée", 37400.0, True),
                 ("Fonds propres du réseau", 6600.0, False)]
    B = Budget(lines, resources)
    assert B.sum_lines() == 44000 and B.anact() + B.cofin() == 44000
    assert abs(B.cofin() / B.total_cost() - 0.15) < 1e-9

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget 2022-2023"
    ws.append(["Tremplins numériques – budget prévisionnel"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["CHARGES", "Nb de jours", "Coût journalier", "Montant"])
    for c in "ABCD":
        ws[f"{c}3"].font = Font(bold=True)
        ws[f"{c}3"].fill = PatternFill("solid", fgColor="F4B183")
    ws.append(["Frais de personnel"])
    ws["A4"].font = Font(bold=True)
    r0 = 5
    for i, (n, j, rate) in enumerate(staff):
        r = r0 + i
        ws.cell(r, 1, n)
        ws.cell(r, 2, j)
        ws.cell(r, 3, rate)
        ws.cell(r, 4, f"=B{r}*C{r}")
    r = r0 + len(staff)
    ws.cell(r, 1, "Déplacements et logistique").font = Font(bold=True)
    r += 1
    first_other = r
    for lab, cat, a in others:
        if cat == "prestations" and ws.cell(r - 1, 1).value != "Prestations":
            if not any(ws.cell(k, 1).value == "Prestations" for k in range(1, r)):
                ws.cell(r, 1, "Prestations").font = Font(bold=True)
                r += 1
        ws.cell(r, 1, lab)
        ws.cell(r, 4, a)
        r += 1
    total_row = r + 1
    ws.cell(total_row, 1, "TOTAL DES CHARGES").font = Font(bold=True)
    ws.cell(total_row, 4, f"=SUM(D{r0}:D{r - 1})").font = Font(bold=True)
    r = total_row + 2
    ws.cell(r, 1, "PRODUITS").font = Font(bold=True)
    ws.cell(r, 4, "Montant").font = Font(bold=True)
    ws.cell(r, 5, "%").font = Font(bold=True)
    r += 1
    rf = r
    for lab, a, _ in resources:
        ws.cell(r, 1, lab)
        ws.cell(r, 4, a)
        ws.cell(r, 5, f"=D{r}/D{total_row}").number_format = "0%"
        r += 1
    ws.cell(r, 1, "TOTAL DES PRODUITS").font = Font(bold=True)
    ws.cell(r, 4, f"=SUM(D{rf}:D{r - 1})").font = Font(bold=True)
    for row in ws.iter_rows(min_row=4, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = '#,##0 "€"'
    ws.column_dimensions["A"].width = 52
    for c in "BCD":
        ws.column_dimensions[c].width = 15
    raw = work / "budget04.xlsx"
    wb.save(str(raw))
    cached = soffice_convert(raw, "xlsx:Calc MS Excel 2007 XML", work / "xlsx04")
    xdata = norm_zip(cached.read_bytes())

    text = (
        "Bonjour,\n\n"
        "Au nom du réseau Tremplins Solidaires Occitanie, je vous transmets notre "
        "candidature à l'appel à manifestation d'intérêt La Fabrique CTO : la présentation "
        "du projet « Tremplins numériques » (Word) et le budget prévisionnel (Excel).\n\n"
        "Merci de m'accuser réception.\n\n"
        "Bien cordialement,\n\n"
        "-- \nSamia Benali\nCoordinatrice – Tremplins Solidaires Occitanie\n07 81 22 33 44\n"
    )
    html = (
        '<div dir="ltr"><div>Bonjour,</div><div><br></div><div>Au nom du réseau Tremplins '
        "Solidaires Occitanie, je vous transmets notre candidature à l'appel à "
        "manifestation d'intérêt La Fabrique CTO : la présentation du projet « Tremplins "
        "numériques » (Word) et le budget prévisionnel (Excel).</div><div><br></div>"
        "<div>Merci de m'accuser réception.</div><div><br></div><div>Bien cordialement,"
        '</div><div><br></div>-- <br><div dir="ltr" class="gmail_signature" '
        'data-smartmail="gmail_signature"><div dir="ltr">Samia Benali<div>Coordinatrice – '
        "Tremplins Solidaires Occitanie</div><div>07 81 22 33 44</div></div></div></div>\n"
    )
    subject = "Candidature à l'appel à manifestation d'intérêt - Tremplins numériques"
    mid = "<CAG3xK9pQ2w7mZ+v8kH1dLr5TbYf0nE4sUo6cJa2Wq1xRt7Ym4A@mail.gmail.com>"
    b1, b2 = "000000000000a1b2c305e6d7f8a9", "000000000000a1b2c205e6d7f8a7"

    def att(name, ctype, data, aid):
        enc = rfc2047(name, "UTF-8", "B")
        return (f'--{b1}\nContent-Type: {ctype}; \n\tname="{enc}"\n'
                f'Content-Disposition: attachment; \n\tfilename="{enc}"\n'
                f"Content-Transfer-Encoding: base64\nContent-ID: <{aid}>\n"
                f"X-Attachment-Id: {aid}\n\n{b64_lines(data)}\n")

    eml = (
        "MIME-Version: 1.0\n"
        "Date: Sun, 21 Aug 2022 18:27:44 +0200\n"
        f"Message-ID: {mid}\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\n"
        "From: Samia Benali <samia.benali.tremplins@gmail.com>\n"
        "To: fabrique@anact.fr\n"
        f'Content-Type: multipart/mixed; boundary="{b1}"\n\n'
        f"--{b1}\n"
        f'Content-Type: multipart/alternative; boundary="{b2}"\n\n'
        f"--{b2}\n"
        'Content-Type: text/plain; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        f"{qp(text, 'utf-8')}\n"
        f"--{b2}\n"
        'Content-Type: text/html; charset="UTF-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        f"{qp(html, 'utf-8')}\n"
        f"--{b2}--\n"
        + att(dname, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              ddata, "f_l6k2m3n40")
        + att(xname, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              xdata, "f_l6k2m3o71")
        + f"--{b1}--\n"
    ).replace("\n", "\r\n")
    label = make_label(
        "Réseau d'entreprises sociales (Gmail, noms RFC 2047): DOCX à titres en simples "
        "lignes grasses, budget XLSX « Nb de jours × coût journalier » en formules. "
        "Défaut: co-financement de 15 %.",
        P, dname, B,
        ["Aract Occitanie", "Urscop Occitanie", "Emmaüs Connect"],
        [{"filename": dname, "status": "parsed"}, {"filename": xname, "status": "parsed"}],
        {"message_id": mid, "from": "samia.benali.tremplins@gmail.com",
         "subject": subject, "date": "2022-08-21T18:27:44+02:00"},
        {"start": "2022-10", "end": "2023-09", "duration_months": months_incl("2022-10", "2023-09")},
        datetime(2022, 8, 21, 16, 27, 44, tzinfo=timezone.utc),
    )
    assert [f["code"] for f in label["flags"]] == ["cofinancing_below_minimum"]
    return "h3j-04", eml, label


# =========================================================================== case 05
# Hospital federation. PDF built with fpdf2: bold headings numbered in Roman numerals,
# budget by phase (columns Phase 1/2/3 + Total) drawn as a table, financing plan below.
# Roundcube: HTML body (ISO-8859-1) in multipart/related with an inline logo (Content-ID),
# PDF name in RFC 2231 continuations. Complete; ends 15 December 2023.


def case05(work: Path):
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    pdfname = "Candidature FRHP-BFC – La Fabrique CTO (dossier complet).pdf"
    logoname = "logo-frhp.png"
    P = {}
    P["contexte"] = (
        "I. Genèse : le numérique à l’hôpital de proximité",
        "La Fédération régionale des hôpitaux de proximité de Bourgogne-Franche-Comté "
        "(FRHP-BFC) rassemble 27 établissements publics et privés non lucratifs. Depuis la "
        "crise sanitaire, ils ont déployé à marche forcée la télésurveillance, le dossier "
        "de soins informatisé sur tablette et la planification automatisée des équipes. "
        "Les soignants rapportent un temps d’écran croissant au détriment du temps auprès "
        "des patients.",
    )
    P["problematique"] = (
        "II. Enjeu central",
        "Dans des établissements de 50 à 250 agents, sans direction des systèmes "
        "d’information propre, qui décide du paramétrage des outils et selon quels critères "
        "de travail ? Les instances (CSE, CSIRMT, F3SCT) sont informées, rarement associées. "
        "Nous voulons tester des formes de dialogue social technologique adaptées à la "
        "petite taille et au travail en continu.",
    )
    P["objectifs"] = (
        "III. Finalités et objectifs opérationnels",
        "1) Associer soignants, cadres et représentants du personnel au choix et au "
        "paramétrage de deux outils numériques par établissement pilote ; 2) outiller les "
        "cadres de santé pour animer des « revues d’usage » ; 3) produire un protocole "
        "régional de concertation sur les projets numériques.",
    )
    P["cibles"] = (
        "IV. Établissements et professionnels concernés",
        "Six établissements pilotes (trois publics, trois privés non lucratifs), leurs "
        "équipes soignantes de jour et de nuit, les cadres de santé, les directions et les "
        "représentants du personnel ; à terme, les 27 adhérents de la fédération.",
    )
    P["methodologie"] = (
        "V. Démarche proposée",
        "La démarche s’appuie sur l’analyse ergonomique de l’activité : observations en "
        "service, y compris la nuit, puis « revues d’usage » mensuelles où l’équipe, le "
        "cadre et un représentant du personnel examinent ce que l’outil fait au travail et "
        "décident d’ajustements soumis à l’éditeur. Un ergonome consultant accompagne les "
        "trois premières revues de chaque site.",
    )
    P["phasage"] = (
        "VI. Séquençage et calendrier",
        "Le projet débute le 2 novembre 2022 et s’achève le 15 décembre 2023.",
    )
    phases = [
        "Phase 1 – novembre à décembre 2022 : diagnostic des usages dans les six sites.",
        "Phase 2 – janvier à juin 2023 : revues d’usage mensuelles et ajustements.",
        "Phase 3 – juillet au 15 décembre 2023 : évaluation, protocole régional, kit "
        "d’essaimage.",
    ]
    P["pilotage"] = (
        "VII. Instances du projet",
        "Un comité de pilotage régional, présidé par le délégué général de la fédération, "
        "réunit deux directeurs d’établissement, deux cadres de santé, deux représentants "
        "du personnel désignés par les organisations syndicales, l’Aract et l’IFCS. Il se "
        "réunit à chaque fin de phase. Un comité technique mensuel suit les sites.",
    )
    partners_txt = [
        ("Aract Bourgogne-Franche-Comté", "appui méthodologique, co-animation des "
         "formations des cadres, participation au comité de pilotage."),
        ("Institut de formation des cadres de santé (IFCS) de Besançon", "intégration "
         "des revues d’usage dans la formation des futurs cadres."),
        ("Laboratoire C3S de l’Université de Franche-Comté", "évaluation des effets sur "
         "la charge de travail et la qualité des soins."),
    ]
    P["partenaires"] = (
        "VIII. Partenariats mobilisés",
        "Trois partenaires ont confirmé leur participation :",
    )
    P["resultats"] = (
        "IX. Résultats attendus et indicateurs",
        "Douze outils ajustés après revue d’usage, un protocole régional de concertation "
        "adopté par le conseil d’administration de la fédération, quarante cadres de santé "
        "formés ; indicateurs : temps d’écran déclaré, nombre d’ajustements obtenus, "
        "participation des représentants du personnel.",
    )
    P["perennisation"] = (
        "X. Suites et diffusion dans le réseau",
        "Le protocole sera proposé aux 27 adhérents en 2024 et présenté aux fédérations "
        "hospitalières des autres régions ; le kit d’essaimage sera librement "
        "téléchargeable sur le site de la fédération.",
    )

    rows = [
        ("Cadre de santé chef de projet (temps valorisé)", "personnel", (6000, 9000, 4500)),
        ("Ingénieure qualité de la fédération", "personnel", (2000, 4000, 2000)),
        ("Psychologue du travail de la fédération", "personnel", (0, 3600, 1800)),
        ("Déplacements inter-sites", "deplacements_logistique", (600, 1400, 800)),
        ("Logistique des ateliers (salles, repas)", "deplacements_logistique", (400, 900, 500)),
        ("Ergonome consultant (prestation)", "prestations", (3000, 6000, 0)),
        ("Conception graphique du kit d’essaimage (prestataire)", "prestations", (0, 0, 3500)),
    ]
    lines = [(lab, cat, float(sum(v))) for lab, cat, v in rows]
    resources = [("Anact – La Fabrique CTO (sollicité)", 38000.0, True),
                 ("ARS Bourgogne-Franche-Comté (demande en cours)", 5000.0, False),
                 ("Fonds propres FRHP-BFC", 7000.0, False)]
    B = Budget(lines, resources)
    ptot = [sum(v[i] for _, _, v in rows) for i in range(3)]
    assert ptot == [12000, 24900, 13100] and B.sum_lines() == 50000
    assert B.anact() + B.cofin() == 50000 and B.cofin() == 12000

    def num(x):
        return f"{int(x):,}".replace(",", " ") + " €" if x else "–"

    class Doc(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("dv", "", 8)
            self.cell(0, 8, f"FRHP-BFC – La Fabrique CTO – page {self.page_no()}", align="C")

    pdf = FPDF.__new__(Doc)
    Doc.__init__(pdf, format="A4")
    pdf.set_creation_date(datetime(2022, 8, 17, 16, 0, tzinfo=timezone.utc))
    pdf.set_title("Candidature FRHP-BFC")
    pdf.set_producer("fpdf2")
    pdf.add_font("dv", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("dv", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.add_font("dv", "I", f"{FONT_DIR}/DejaVuSans-Oblique.ttf")
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("dv", "B", 15)
    pdf.multi_cell(0, 8, "Fédération régionale des hôpitaux de proximité\nBourgogne-Franche-Comté",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", "I", 11)
    pdf.multi_cell(0, 6, "« Revues d’usage » : le dialogue social technologique au chevet des "
                   "équipes – réponse à l’AMI La Fabrique CTO", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def heading(t):
        pdf.ln(2)
        pdf.set_font("dv", "B", 11.5)
        pdf.multi_cell(0, 6.5, t, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dv", "", 10)

    def para(t):
        pdf.set_font("dv", "", 10)
        pdf.multi_cell(0, 5.2, t, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    for sid in ("contexte", "problematique", "objectifs", "cibles", "methodologie",
                "phasage", "pilotage", "partenaires", "resultats", "perennisation"):
        h, b = P[sid]
        heading(h)
        para(b)
        if sid == "phasage":
            for x in phases:
                para("– " + x)
        if sid == "partenaires":
            for n, c in partners_txt:
                para(f"– {n} : {c}")
    heading("XI. Budget prévisionnel et plan de financement")
    para("Montants en euros, non soumis à TVA. Ventilation par phase.")
    pdf.set_font("dv", "", 8.5)
    widths = (70, 27, 27, 27, 29)
    with pdf.table(col_widths=widths, text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=5.2, first_row_as_headings=True) as table:
        table.row(["Dépense", "Phase 1\n(nov.–déc. 2022)", "Phase 2\n(janv.–juin 2023)",
                   "Phase 3\n(juil.–déc. 2023)", "Total"])
        for title, cat in (("Personnel", "personnel"),
                           ("Déplacements et logistique", "deplacements_logistique"),
                           ("Prestations", "prestations")):
            table.row([title, "", "", "", ""])
            for lab, ct, v in rows:
                if ct == cat:
                    table.row([lab] + [num(x) for x in v] + [num(sum(v))])
        table.row(["Total général"] + [num(x) for x in ptot] + [num(B.total_cost())])
    pdf.ln(4)
    pdf.set_font("dv", "B", 10)
    pdf.cell(0, 6, "Plan de financement", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", "", 9)
    with pdf.table(col_widths=(110, 35, 35), text_align=("LEFT", "RIGHT", "RIGHT"),
                   line_height=5.5) as table:
        table.row(["Ressource", "Montant", "Part"])
        for lab, a, _ in resources:
            table.row([lab, num(a), f"{a / B.total_cost() * 100:.0f} %"])
        table.row(["Total", num(B.total_cost()), "100 %"])
    pdfdata = bytes(pdf.output())

    img = Image.new("RGB", (180, 60), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([4, 4, 56, 56], fill=(0, 94, 145))
    d.rectangle([24, 12, 36, 48], fill=(255, 255, 255))
    d.rectangle([12, 24, 48, 36], fill=(255, 255, 255))
    d.text((66, 22), "FRHP-BFC", fill=(0, 94, 145))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    logo = buf.getvalue()

    text = (
        "Madame, Monsieur,\n\n"
        "La Fédération régionale des hôpitaux de proximité de Bourgogne-Franche-Comté "
        "présente sa candidature à l'AMI « La Fabrique CTO ». Le dossier joint (PDF) "
        "contient la description du projet, le budget et les partenaires.\n\n"
        "Avec nos remerciements,\n\n"
        "Dr Hélène Courtois\nDéléguée générale adjointe – FRHP-BFC\n"
    )
    html = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1" />'
        "</head><body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>\n"
        "<p>Madame, Monsieur,</p>\n"
        "<p>La Fédération régionale des hôpitaux de proximité de Bourgogne-Franche-Comté "
        "présente sa candidature à l'AMI « La Fabrique CTO ». Le dossier joint (PDF) "
        "contient la description du projet, le budget et les partenaires.</p>\n"
        "<p>Avec nos remerciements,</p>\n"
        '<div class="pre" style="margin: 0; padding: 0; font-family: monospace">'
        '<img src="cid:5f2d9c81a0b3e4f7@frhp-bfc.fr" alt="FRHP-BFC" width="180" height="60" '
        'style="width: 180px; height: 60px;" /><br />Dr Hélène Courtois<br />'
        "Déléguée générale adjointe – FRHP-BFC</div>\n</body></html>\n"
    )
    # "–" is not in ISO-8859-1: the client writes a plain hyphen there
    text = text.replace("–", "-")
    html = html.replace("–", "-")
    subject = "Fabrique CTO : dossier de la FRHP Bourgogne-Franche-Comté"
    mid = "<a3f9c1e27b4d8e5f6a0b1c2d3e4f5a6b@frhp-bfc.fr>"
    bm, br, ba = ("=_4b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e", "=_7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b",
                  "=_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d")
    from urllib.parse import quote
    q = quote(pdfname.encode("utf-8"), safe="")
    cont = []
    i = 0
    while q:
        cont.append(f" filename*{i}*={'UTF-8' + chr(39) * 2 if i == 0 else ''}{q[:48]}")
        q = q[48:]
        i += 1
    disp = "Content-Disposition: attachment;\n" + ";\n".join(cont)
    eml = f"""MIME-Version: 1.0
Date: Thu, 18 Aug 2022 09:12:30 +0200
From: =?UTF-8?Q?Dr_H=C3=A9l=C3=A8ne_Courtois?= <h.courtois@frhp-bfc.fr>
To: fabrique@anact.fr
Subject: {rfc2047(subject, "UTF-8", "Q")}
Organization: FRHP Bourgogne-Franche-Comte
Message-ID: {mid}
X-Sender: h.courtois@frhp-bfc.fr
User-Agent: Roundcube Webmail/1.5.2
Content-Type: multipart/mixed;
 boundary="{bm}"

--{bm}
Content-Type: multipart/related;
 boundary="{br}"

--{br}
Content-Type: multipart/alternative;
 boundary="{ba}"

--{ba}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=ISO-8859-1;
 format=flowed

{qp(text, "latin-1")}
--{ba}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html; charset=ISO-8859-1

{qp(html, "latin-1")}
--{ba}--

--{br}
Content-Transfer-Encoding: base64
Content-ID: <5f2d9c81a0b3e4f7@frhp-bfc.fr>
Content-Type: image/png;
 name={logoname}
Content-Disposition: inline;
 filename={logoname};
 size={len(logo)}

{b64_lines(logo)}
--{br}--

--{bm}
Content-Transfer-Encoding: base64
Content-Type: application/pdf;
 name="{rfc2047(pdfname, "UTF-8", "B")}"
{disp};
 size={len(pdfdata)}

{b64_lines(pdfdata)}
--{bm}--
""".replace("\n", "\r\n")
    label = make_label(
        "Fédération hospitalière (Roundcube, HTML ISO-8859-1, logo inline Content-ID, nom PDF "
        "en continuations RFC 2231): PDF fpdf2 à titres gras en chiffres romains, budget par "
        "phase (colonnes + Total), fin au 15/12/2023. Complet.",
        P, pdfname, B,
        ["Aract Bourgogne-Franche-Comté", "Institut de formation des cadres de santé",
         "Laboratoire C3S"],
        [{"filename": pdfname, "status": "parsed"}, {"filename": logoname, "status": "skipped"}],
        {"message_id": mid, "from": "h.courtois@frhp-bfc.fr",
         "subject": subject, "date": "2022-08-18T09:12:30+02:00"},
        {"start": "2022-11-02", "end": "2023-12-15",
         "duration_months": months_incl("2022-11-02", "2023-12-15")},
        datetime(2022, 8, 18, 7, 12, 30, tzinfo=timezone.utc),
    )
    assert label["decision"] == "complete" and label["project"]["duration_months"] == 14
    return "h3j-05", eml, label


# =========================================================================== main

CASE_FUNCS = [case01, case02, case03, case04, case05]


def main():
    work = Path(tempfile.mkdtemp(prefix="h3j-work-"))
    try:
        for fn in CASE_FUNCS:
            cid, eml, label = fn(work)
            write_case(cid, eml, label)
            print("wrote", cid, label["decision"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
