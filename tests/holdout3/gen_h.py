#!/usr/bin/env python3
"""Holdout3 generator, writer "h": five proposals to "La Fabrique CTO".

Run with a Python that has python-docx, openpyxl and fpdf2 (e.g. /tmp/h3venv-h/bin/python):

    python tests/holdout3/gen_h.py

Writes cases/h3h-NN.eml and cases/h3h-NN.expected.json (``gen_h.py case03`` rebuilds one).
Deterministic: fixed dates, boundaries and Message-IDs, zip members re-stamped with a fixed
date, LibreOffice's volatile values (core dates, rsid, PDF date/ID/checksum) pinned; two runs
give byte-identical files with LibreOffice 7.4. Work files go to /tmp/h3h-work.

Every case is described once (sections, budget lines, partners, dates, message), and both
the documents and the label are computed from that description. Flags and the decision are
derived from the contract's rules in ``label()``.
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
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
WORK = Path("/tmp/h3h-work")
LO_PROFILE = "file:///tmp/lo-h"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FIXED_ZIP_DATE = (2022, 8, 1, 9, 0, 0)
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=timezone(timedelta(hours=2)))
END_LIMIT = "2023-12-30"
CAP = 80000.0
CRLF = b"\r\n"

SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")


# --------------------------------------------------------------------------- model


@dataclass
class Section:
    sid: str | None  # None: a part that is not one of the ten (budget, annex...)
    heading: str
    blocks: list  # ("p", text) | ("bullets", [..]) | ("table", [[..], ..])


@dataclass
class Line:
    label: str
    category: str  # personnel | deplacements_logistique | prestations | autre
    amount: float
    ineligible: bool = False


@dataclass
class Budget:
    lines: list[Line]
    anact: float | None
    cofin: list[tuple[str, float]]
    declared_total: float | None = None  # None: the document gives none


@dataclass
class Case:
    cid: str
    what: str
    sections: list[Section]
    section_source: str  # file base name (or "corps du message")
    budget: Budget | None
    partners: list[str]
    attachments: list[tuple[str, str]]  # (decoded filename, status)
    message_id: str
    sender: str
    subject: str
    date: str  # ISO
    project: dict | None
    eml: bytes = b""
    extra_notes: list[str] = field(default_factory=list)


def words(text: str, n: int = 7) -> str:
    return " ".join(text.split()[:n])


def block_text(block) -> str:
    kind, val = block
    if kind == "p":
        return val
    if kind == "bullets":
        return val[0]
    if kind == "table":
        return " ".join(str(c) for c in val[0] if str(c).strip())
    raise ValueError(kind)


def months_inclusive(start: str, end: str) -> int:
    y1, m1 = int(start[:4]), int(start[5:7])
    y2, m2 = int(end[:4]), int(end[5:7])
    return (y2 - y1) * 12 + (m2 - m1) + 1


def label(case: Case) -> dict:
    """The dossier the service should produce, from the case's description and the contract."""
    flags: list[dict] = []
    sections: dict[str, dict] = {}
    for sid in SECTION_IDS:
        sec = next((s for s in case.sections if s.sid == sid), None)
        if sec is None:
            sections[sid] = {"present": False}
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
        else:
            sections[sid] = {
                "present": True,
                "source": case.section_source,
                "heading": sec.heading,
                "body_start": words(block_text(sec.blocks[0])),
            }
    b = case.budget
    if b is None:
        budget = {"total_cost": None, "anact_request": None}
        flags.append({"code": "missing_budget", "target": "", "severity": "blocking"})
    else:
        totals = {c: 0.0 for c in CATS}
        present = set()
        for ln in b.lines:
            totals[ln.category] += ln.amount
            present.add(ln.category)
            if ln.ineligible:
                assert ln.category == "autre"
                flags.append({"code": "ineligible_expense", "target": ln.label, "severity": "warning"})
        line_sum = round(sum(totals.values()), 2)
        total = float(b.declared_total) if b.declared_total is not None else line_sum
        if abs(total - line_sum) > 1:
            flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
        budget = {
            "total_cost": total,
            "anact_request": b.anact,
            "totals": {c: round(v, 2) for c, v in totals.items()},
        }
        if "personnel" not in present:
            flags.append({"code": "missing_budget_item", "target": "personnel", "severity": "blocking"})
        for c in ("deplacements_logistique", "prestations"):
            if c not in present:
                flags.append({"code": "missing_budget_item", "target": c, "severity": "warning"})
        if b.cofin:
            amount = round(sum(a for _, a in b.cofin), 2)
            share = round(amount / total, 4)
            budget["cofinancing"] = {"amount": amount, "share": share}
            if amount / total < 0.2 - 1e-12:
                flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
        else:
            flags.append({"code": "missing_budget_item", "target": "cofinancement", "severity": "blocking"})
        if b.anact is not None and b.anact > CAP:
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
    if case.project and case.project["end"] > END_LIMIT:
        # "YYYY-MM" compares as the month's first day; a month after 2023-12 is always late
        end = case.project["end"]
        if len(end) > 7 or end[:7] > END_LIMIT[:7]:
            flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    sent = datetime.fromisoformat(case.date)
    late = sent > DEADLINE
    if late:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    subj = case.subject.lower().replace("\u2019", "'")
    import unicodedata

    subj = "".join(c for c in unicodedata.normalize("NFKD", subj) if not unicodedata.combining(c))
    if "fabrique cto" not in subj and "manifestation d'interet" not in subj:
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    unread = any(st in ("scanned", "encrypted", "unreadable") for _, st in case.attachments)
    blocking = any(f["severity"] == "blocking" for f in flags)
    if late:
        decision = "late"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    out = {
        "case": case.what,
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": budget,
        "partners": [{"name": p} for p in case.partners],
        "attachments": [{"filename": f, "status": s} for f, s in case.attachments],
        "message": {
            "message_id": case.message_id,
            "from": case.sender,
            "subject": case.subject,
            "date": case.date,
        },
    }
    if case.project:
        out["project"] = case.project
    return out


# --------------------------------------------------------------------------- files


def restamp_zip(path: Path) -> None:
    """Rewrite a zip container with fixed member dates (keeps member order); also pins the
    few volatile values LibreOffice writes (core dates, random rsid)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    fixed = []
    for info, data in items:
        if info.filename == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2022-08-01T09:00:00Z", data)
        if info.filename == "settings.xml":
            data = re.sub(rb'(config:name="Rsid(Root)?" config:type="int">)\d+', rb"\g<1>1048576", data)
        fixed.append((info, data))
    items = fixed
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info, data in items:
            ni = zipfile.ZipInfo(info.filename, FIXED_ZIP_DATE)
            ni.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            ni.external_attr = info.external_attr
            z.writestr(ni, data)
    path.write_bytes(buf.getvalue())


def pin_pdf(path: Path) -> None:
    """Pin LibreOffice's PDF creation date and document ID (same lengths: offsets unchanged)."""
    data = path.read_bytes()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20220819100000", data)
    data = re.sub(rb"/ModDate\(D:\d{14}", b"/ModDate(D:20220819100000", data)
    data = re.sub(rb"<[0-9A-F]{32}>", b"<" + b"0123456789ABCDEF" * 2 + b">", data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0123456789ABCDEF" * 2, data)
    path.write_bytes(data)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=240,
    )
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


def fixed_core(doc, author: str, title: str) -> None:
    cp = doc.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.created = datetime(2022, 8, 1, 9, 0, 0)
    cp.modified = datetime(2022, 8, 1, 9, 0, 0)
    cp.revision = 3


def fmt_eur(v: float, nbsp: str = "\u00a0") -> str:
    s = f"{v:,.0f}".replace(",", nbsp)
    return s


# --------------------------------------------------------------------------- MIME


class Part:
    def __init__(self, headers: list[tuple[str, str]], body: bytes | None = None,
                 parts: list["Part"] | None = None, boundary: str | None = None):
        self.headers = headers
        self.body = body
        self.parts = parts
        self.boundary = boundary

    def render(self) -> bytes:
        out = b"".join(f"{k}: {v}".encode("ascii") + CRLF for k, v in self.headers) + CRLF
        if self.parts is None:
            return out + self.body
        bnd = self.boundary.encode("ascii")
        pre = b"This is a multi-part message in MIME format." + CRLF if self.body is None else self.body
        chunks = [out, pre]
        for p in self.parts:
            chunks.append(CRLF + b"--" + bnd + CRLF + p.render())
        chunks.append(CRLF + b"--" + bnd + b"--" + CRLF)
        return b"".join(chunks)


def b64_body(data: bytes) -> bytes:
    enc = base64.b64encode(data)
    return CRLF.join(enc[i:i + 76] for i in range(0, len(enc), 76)) + CRLF


def qp_body(text: str, charset: str) -> bytes:
    raw = text.replace("\r\n", "\n").encode(charset)
    enc = quopri.encodestring(raw)
    return enc.replace(b"\n", CRLF)


def eightbit_body(text: str, charset: str) -> bytes:
    return text.replace("\r\n", "\n").encode(charset).replace(b"\n", CRLF)


def h2047(text: str, charset: str = "utf-8") -> str:
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, charset).encode()


# --------------------------------------------------------------------------- docx helpers


def docx_add_blocks(doc, blocks, table_style="Table Grid", widths=None):
    from docx.shared import Cm, Pt

    for kind, val in blocks:
        if kind == "p":
            doc.add_paragraph(val)
        elif kind == "bullets":
            for item in val:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            t = doc.add_table(rows=len(val), cols=len(val[0]))
            t.style = table_style
            for r, row in enumerate(val):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = str(cell)
                    if widths:
                        t.cell(r, c).width = Cm(widths[c])
                    if r == 0:
                        for run in t.cell(r, c).paragraphs[0].runs:
                            run.bold = True
                            run.font.size = Pt(10)
            doc.add_paragraph("")


# =========================================================================== case 01
# Ergonomics consultancy, Word heading styles, XLSX budget "jours x taux journalier"
# with formulas (values cached by LibreOffice). Thunderbird, UTF-8 8bit. Complete.


def case01() -> Case:
    import docx
    import openpyxl
    from openpyxl.styles import Font

    cid = "h3h-01"
    work = WORK / cid
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    docname = "Projet_NUMERIC-AIDE_Ergonomia.docx"
    xlsname = "Budget_NUMERIC-AIDE_jours-taux.xlsx"

    sections = [
        Section("contexte", "A. Pourquoi ce projet : la situation dans l’aide à domicile", [
            ("p", "Depuis trois ans, les structures d’aide à domicile du Rhône ont presque toutes "
                  "adopté un logiciel de planification et de télégestion : les intervenantes "
                  "reçoivent leur tournée sur un smartphone professionnel, badgent à l’arrivée chez "
                  "la personne aidée et voient leur planning modifié en temps réel."),
            ("p", "Nos interventions d’ergonomes dans une quinzaine d’associations et de SAAD privés "
                  "montrent que ces outils ont été choisis et paramétrés par les directions et les "
                  "éditeurs, sans que les intervenantes ni leurs représentants n’aient été associés. "
                  "Les temps de trajet, les imprévus et le travail relationnel y sont mal représentés."),
        ]),
        Section("objectifs", "B. Ce que nous voulons atteindre", [
            ("p", "Le projet NUMÉRIC’AIDE vise à outiller un dialogue régulier entre intervenantes, "
                  "responsables de secteur, directions et éditeurs sur l’usage des outils de "
                  "planification. Concrètement, nous voulons :"),
            ("bullets", [
                "construire avec six structures une grille d’analyse partagée des effets du logiciel sur le travail ;",
                "expérimenter des « revues d’usage » trimestrielles réunissant salariées, encadrement et élus du CSE ;",
                "formaliser des demandes d’évolution argumentées à destination des éditeurs.",
            ]),
        ]),
        Section("problematique", "C. La question à instruire", [
            ("p", "Comment faire d’un outil de planification, perçu comme une affaire de direction et "
                  "d’éditeur, un objet de discussion sur le travail réel ? Les intervenantes "
                  "contournent l’outil pour tenir la qualité du service, mais ces arrangements restent "
                  "invisibles et ne nourrissent ni le paramétrage ni le dialogue social."),
        ]),
        Section("cibles", "D. Les structures et personnes visées", [
            ("p", "Six structures d’aide à domicile de 20 à 180 salariés (associations et SAAD "
                  "privés), situées dans le Rhône et la Loire, et en leur sein : les intervenantes à "
                  "domicile, les responsables de secteur, les directions, les élus des CSE lorsqu’ils "
                  "existent. Les éditeurs des deux logiciels les plus utilisés seront associés aux "
                  "temps de restitution."),
        ]),
        Section("methodologie", "E. Notre démarche d’intervention", [
            ("p", "Nous partons de l’analyse de l’activité : observations de tournées, entretiens "
                  "d’autoconfrontation sur les écrans de planification, puis ateliers de simulation "
                  "où les équipes rejouent des situations critiques (absence imprévue, urgence chez un "
                  "bénéficiaire, changement de dernière minute)."),
            ("p", "Les enseignements sont mis en débat dans chaque structure par un groupe de travail "
                  "paritaire, puis dans deux ateliers inter-structures qui permettent de comparer les "
                  "paramétrages et les règles d’usage."),
        ]),
        Section("phasage", "F. Les étapes dans le temps", [
            ("p", "Le projet s’étend d’octobre 2022 à novembre 2023, en trois étapes :"),
            ("bullets", [
                "Étape 1, octobre à décembre 2022 : constitution des groupes de travail, observations et entretiens dans les six structures.",
                "Étape 2, janvier à juin 2023 : ateliers de simulation, premières revues d’usage, formalisation de la grille.",
                "Étape 3, juillet à novembre 2023 : ateliers inter-structures, rencontre avec les éditeurs, guide et séminaire de clôture.",
            ]),
        ]),
        Section("pilotage", "G. Qui décide, qui suit : l’organisation du projet", [
            ("p", "Un comité de pilotage réunit tous les quatre mois la direction d’Ergonomia, "
                  "l’Aract Auvergne-Rhône-Alpes, la fédération ADMR du Rhône, l’union départementale "
                  "CFDT et un représentant de chaque structure. Il valide les orientations et les "
                  "livrables. Une équipe projet (deux ergonomes et la chargée de mission de l’Aract) "
                  "se réunit chaque quinzaine en visioconférence."),
        ]),
        Section("resultats", "H. Les livrables et effets attendus", [
            ("bullets", [
                "Une grille d’analyse des outils de planification, testée dans six structures.",
                "Un protocole de « revue d’usage » réutilisable, avec ses supports d’animation.",
                "Un cahier de demandes d’évolution remis aux éditeurs.",
                "Un guide illustré de vingt pages et un séminaire régional de restitution.",
            ]),
        ]),
        Section("perennisation", "I. Faire vivre la démarche au-delà du financement", [
            ("p", "Les revues d’usage ont vocation à être inscrites dans les accords ou les règles de "
                  "fonctionnement des structures participantes. La fédération ADMR s’est engagée à "
                  "proposer le protocole à ses 40 associations de la région à partir de janvier 2024, "
                  "et l’Aract à l’intégrer dans son offre d’appui aux branches du domicile."),
        ]),
        Section("partenaires", "J. Les organisations associées", [
            ("table", [
                ["Organisation", "Rôle dans le projet"],
                ["Aract Auvergne-Rhône-Alpes", "Co-animation des ateliers inter-structures, apport sur le dialogue social"],
                ["Fédération ADMR du Rhône", "Mobilisation des associations, diffusion du protocole"],
                ["Union départementale CFDT du Rhône", "Mobilisation des élus de CSE, participation au comité de pilotage"],
            ]),
        ]),
        Section(None, "K. Budget prévisionnel", [
            ("p", "Le budget détaillé, établi en jours d’intervention et taux journaliers, figure dans "
                  "le classeur joint. Coût total du projet : 64 050 € HT, dont 51 000 € sollicités "
                  "auprès de l’Anact et 13 050 € d’autofinancement par Ergonomia."),
        ]),
    ]

    # ---- budget: (label, category, days, rate, amount)
    pers = [
        ("Ergonome senior, cheffe de projet", 40, 650),
        ("Ergonome consultant", 45, 550),
        ("Assistante de gestion", 8, 350),
    ]
    depl = [
        ("Déplacements en région (12 allers-retours, Lyon – Loire)", None, None, 2400),
        ("Location de salles et restauration des ateliers", None, None, 1800),
    ]
    prest = [
        ("Facilitation graphique des ateliers (prestataire)", 4, 700),
        ("Conception graphique du guide (graphiste indépendant)", None, None, 3500),
    ]
    anact, autof = 51000.0, 13050.0
    lines = [Line(l, "personnel", d * r) for l, d, r in pers]
    lines += [Line(l, "deplacements_logistique", a) for l, _, _, a in depl]
    lines += [Line(prest[0][0], "prestations", prest[0][1] * prest[0][2]),
              Line(prest[1][0], "prestations", prest[1][3])]
    total = sum(l.amount for l in lines)
    assert total == 64050, total
    assert anact + autof == total
    budget = Budget(lines, anact, [("Autofinancement Ergonomia", autof)], declared_total=total)

    # ---- docx
    doc = docx.Document()
    fixed_core(doc, "Claire Morel", "NUMÉRIC’AIDE")
    doc.add_paragraph("Ergonomia Conseil – cabinet d’ergonomie et de prévention", style="Subtitle")
    doc.add_paragraph("NUMÉRIC’AIDE : mettre les outils de planification en discussion dans l’aide à domicile", style="Title")
    doc.add_paragraph("Réponse à l’appel à manifestation d’intérêt « La Fabrique CTO » – août 2022")
    doc.add_paragraph("Contact : Claire Morel, ergonome européenne, gérante – 04 78 00 00 00")
    for s in sections:
        doc.add_heading(s.heading, level=1)
        docx_add_blocks(doc, s.blocks)
    doc.save(work / docname)
    restamp_zip(work / docname)

    # ---- xlsx with formulas
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["A1"] = "NUMÉRIC’AIDE – budget prévisionnel (montants HT, TVA non applicable à la subvention)"
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Poste", "Nb de jours", "Taux journalier (€ HT)", "Montant (€ HT)"])
    for c in "ABCD":
        ws[f"{c}3"].font = Font(bold=True)
    r = 4
    ws.cell(r, 1, "1. Temps d’intervention de l’équipe").font = Font(bold=True)
    r += 1
    first = r
    for l, d, rate in pers:
        ws.cell(r, 1, l); ws.cell(r, 2, d); ws.cell(r, 3, rate); ws.cell(r, 4, f"=B{r}*C{r}")
        r += 1
    ws.cell(r, 1, "Sous-total temps d’intervention").font = Font(italic=True)
    ws.cell(r, 4, f"=SUM(D{first}:D{r-1})")
    st1 = r
    r += 2
    ws.cell(r, 1, "2. Déplacements et logistique").font = Font(bold=True)
    r += 1
    first = r
    for l, _, _, a in depl:
        ws.cell(r, 1, l); ws.cell(r, 4, a)
        r += 1
    ws.cell(r, 1, "Sous-total déplacements et logistique").font = Font(italic=True)
    ws.cell(r, 4, f"=SUM(D{first}:D{r-1})")
    st2 = r
    r += 2
    ws.cell(r, 1, "3. Prestations extérieures").font = Font(bold=True)
    r += 1
    first = r
    ws.cell(r, 1, prest[0][0]); ws.cell(r, 2, prest[0][1]); ws.cell(r, 3, prest[0][2]); ws.cell(r, 4, f"=B{r}*C{r}")
    r += 1
    ws.cell(r, 1, prest[1][0]); ws.cell(r, 4, prest[1][3])
    r += 1
    ws.cell(r, 1, "Sous-total prestations").font = Font(italic=True)
    ws.cell(r, 4, f"=SUM(D{first}:D{r-1})")
    st3 = r
    r += 2
    ws.cell(r, 1, "COÛT TOTAL DU PROJET").font = Font(bold=True)
    ws.cell(r, 4, f"=D{st1}+D{st2}+D{st3}").font = Font(bold=True)
    tot = r
    r += 3
    ws.cell(r, 1, "Plan de financement").font = Font(bold=True)
    ws.cell(r, 4, "Montant (€)").font = Font(bold=True)
    ws.cell(r, 5, "Part").font = Font(bold=True)
    r += 1
    ws.cell(r, 1, "Subvention sollicitée auprès de l’Anact (Fabrique CTO)")
    ws.cell(r, 4, anact); ws.cell(r, 5, f"=D{r}/D{tot}")
    r += 1
    ws.cell(r, 1, "Autofinancement Ergonomia Conseil (jours non facturés)")
    ws.cell(r, 4, f"=D{tot}-D{r-1}"); ws.cell(r, 5, f"=D{r}/D{tot}")
    r += 1
    ws.cell(r, 1, "Total des ressources").font = Font(bold=True)
    ws.cell(r, 4, f"=D{r-2}+D{r-1}")
    ws.column_dimensions["A"].width = 58
    for c in "BCDE":
        ws.column_dimensions[c].width = 18
    raw = work / "raw" / xlsname
    raw.parent.mkdir()
    wb.save(raw)
    cached = soffice(raw, "xlsx:Calc MS Excel 2007 XML", work / "lo")
    shutil.copy(cached, work / xlsname)
    restamp_zip(work / xlsname)
    wb2 = openpyxl.load_workbook(work / xlsname, data_only=True)
    assert abs(wb2["Budget"].cell(tot, 4).value - total) < 0.01
    assert abs(wb2["Budget"].cell(r - 1, 4).value - autof) < 0.01

    # ---- message (Thunderbird, UTF-8 8bit, format=flowed)
    body = (
        "Bonjour,\n\n"
        "Veuillez trouver ci-joint la proposition du cabinet Ergonomia Conseil en réponse \n"
        "à l'appel à manifestation d'intérêt « La Fabrique CTO » : la note de projet \n"
        "NUMÉRIC'AIDE et le budget détaillé (classeur, en jours et taux journaliers).\n\n"
        "Je reste à votre disposition pour tout complément.\n\n"
        "Bien cordialement,\n\n"
        "-- \n"
        "Claire Morel\n"
        "Ergonome européenne – gérante\n"
        "Ergonomia Conseil, 12 rue Sainte-Catherine, 69001 Lyon\n"
    )
    bnd = "------------Zx0hQ3kq1m7LrVbN4cT2aWfE"
    msg_id = "<5b1f0c2e-7a41-4f0e-9c3d-1e2a8b6d4f90@ergonomia-conseil.fr>"
    subject = "Candidature AMI Fabrique CTO – projet NUMÉRIC'AIDE (Ergonomia Conseil)"
    mime = Part([
        ("Message-ID", msg_id),
        ("Date", "Tue, 16 Aug 2022 17:42:08 +0200"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0"),
        ("Content-Language", "fr"),
        ("To", "fabrique@anact.fr"),
        ("From", "Claire Morel <c.morel@ergonomia-conseil.fr>"),
        ("Subject", h2047(subject)),
        ("Content-Type", f'multipart/mixed; boundary="{bnd}"'),
    ], parts=[
        Part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
              ("Content-Transfer-Encoding", "8bit")], eightbit_body(body, "utf-8")),
        Part([("Content-Type", f'application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n name="{docname}"'),
              ("Content-Disposition", f'attachment;\r\n filename="{docname}"'),
              ("Content-Transfer-Encoding", "base64")], b64_body((work / docname).read_bytes())),
        Part([("Content-Type", f'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n name="{xlsname}"'),
              ("Content-Disposition", f'attachment;\r\n filename="{xlsname}"'),
              ("Content-Transfer-Encoding", "base64")], b64_body((work / xlsname).read_bytes())),
    ], boundary=bnd)
    return Case(
        cid=cid,
        what="Cabinet d'ergonomie, DOCX à styles de titre (A.–J.) + XLSX jours × taux journalier à formules; Thunderbird 8bit; complet",
        sections=sections, section_source=docname, budget=budget,
        partners=["Aract Auvergne-Rhône-Alpes", "Fédération ADMR du Rhône", "Union départementale CFDT du Rhône"],
        attachments=[(docname, "parsed"), (xlsname, "parsed")],
        message_id=msg_id, sender="c.morel@ergonomia-conseil.fr", subject=subject,
        date="2022-08-16T17:42:08+02:00",
        project={"start": "2022-10", "end": "2023-11", "duration_months": months_inclusive("2022-10", "2023-11")},
        eml=mime.render(),
    )


# =========================================================================== case 02
# University research lab, DOCX whose headings are Word numbered paragraphs (List Number,
# numPr, bold), budget by partner (one column per partner) inside the document.
# Apple Mail, quoted-printable, RFC 2231 file name. Complete.


def case02() -> Case:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    cid = "h3h-02"
    work = WORK / cid
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docname = "Proposition_LITOS_Fabrique-CTO_réponse_définitive.docx"

    partners_cols = ["LITOS (Université)", "AMNV", "CCI Vienne"]
    # (label, category, [LITOS, AMNV, CCI])
    rows = [
        ("Personnel", None, None),
        ("Enseignante-chercheuse, coordination scientifique (30 jours)", "personnel", [12000, 0, 0]),
        ("Ingénieur d’études contractuel (8 mois)", "personnel", [28000, 0, 0]),
        ("Médiatrice numérique (25 jours)", "personnel", [0, 6250, 0]),
        ("Chargé de mission entreprises (15 jours)", "personnel", [0, 0, 5250]),
        ("Déplacements et logistique", None, None),
        ("Missions de terrain (transport, hébergement)", "deplacements_logistique", [3200, 600, 0]),
        ("Organisation des ateliers (salles, repas)", "deplacements_logistique", [0, 1200, 800]),
        ("Prestations", None, None),
        ("Transcription des entretiens (prestataire)", "prestations", [2400, 0, 0]),
        ("Vidéo de restitution (prestataire)", "prestations", [4500, 0, 0]),
    ]
    fin_anact = [40000, 6400, 4800]
    fin_auto = [10100, 1650, 1250]
    lines = [Line(l, c, float(sum(v))) for l, c, v in rows if c]
    col_tot = [sum(v[i] for _, c, v in rows if c) for i in range(3)]
    assert col_tot == [a + b for a, b in zip(fin_anact, fin_auto)], col_tot
    total = float(sum(col_tot))
    assert total == 64200
    anact = float(sum(fin_anact))
    cofin = float(sum(fin_auto))
    assert anact + cofin == total and cofin / total >= 0.2
    budget = Budget(lines, anact, [("Autofinancement (valorisation de temps) des partenaires", cofin)],
                    declared_total=total)

    def money(v):
        return fmt_eur(v) + " €" if v else "–"

    table = [["Poste de dépense"] + partners_cols + ["Total"]]
    for l, c, v in rows:
        if c is None:
            table.append([l, "", "", "", ""])
        else:
            table.append([l] + [money(x) for x in v] + [money(sum(v))])
    table.append(["Coût total par partenaire"] + [money(x) for x in col_tot] + [money(total)])
    table.append(["Financement", "", "", "", ""])
    table.append(["Subvention Anact sollicitée"] + [money(x) for x in fin_anact] + [money(anact)])
    table.append(["Autofinancement (valorisation du temps des équipes)"] + [money(x) for x in fin_auto] + [money(cofin)])

    sections = [
        Section("contexte", "Ancrage scientifique et situation de départ", [
            ("p", "Le LITOS étudie depuis 2016 les effets des outils numériques sur le travail dans "
                  "les petites entreprises du commerce et de l’artisanat. Nos enquêtes dans la Vienne "
                  "montrent que la généralisation des logiciels de caisse connectés, des places de "
                  "marché et des outils de gestion des rendez-vous transforme l’activité sans que les "
                  "salariés n’aient prise sur ces choix."),
            ("p", "Les TPE n’ont ni service informatique ni instance de représentation du personnel : "
                  "le « dialogue social technologique » y est à inventer, avec les acteurs qui les "
                  "accompagnent au quotidien."),
        ]),
        Section("objectifs", "Finalités du projet", [
            ("p", "Nous proposons de concevoir et d’éprouver, avec douze TPE volontaires, un dispositif "
                  "léger de discussion sur les outils numériques, animé par des médiatrices numériques "
                  "et des conseillers de la CCI formés à l’analyse du travail."),
        ]),
        Section("problematique", "Question de recherche", [
            ("p", "À quelles conditions une discussion sur le travail peut-elle accompagner le choix "
                  "et l’usage d’un outil numérique dans une entreprise de moins de onze salariés, où "
                  "la relation entre l’employeur et les salariés est directe et où le temps manque ?"),
        ]),
        Section("cibles", "Terrains et publics", [
            ("p", "Douze TPE du commerce de détail, de la coiffure et de la réparation automobile dans "
                  "la Vienne ; leurs dirigeants et leurs salariés ; les médiatrices numériques de "
                  "l’AMNV et les conseillers de la CCI qui les accompagnent."),
        ]),
        Section("methodologie", "Dispositif de recherche-intervention", [
            ("p", "La démarche combine une enquête ethnographique courte dans chaque entreprise "
                  "(observations, entretiens), la co-construction d’un support de discussion (« la "
                  "carte des usages ») et sa mise à l’épreuve lors de deux séances par entreprise."),
            ("p", "Un séminaire réflexif réunit tous les six mois chercheurs, médiatrices et "
                  "conseillers pour analyser les séances et ajuster le dispositif."),
        ]),
        Section("phasage", "Chronogramme", [
            ("p", "Le projet se déroulera du 2 novembre 2022 au 31 octobre 2023."),
            ("bullets", [
                "Novembre 2022 – janvier 2023 : recrutement des entreprises, enquête de terrain.",
                "Février – mai 2023 : conception de la carte des usages, premières séances.",
                "Juin – août 2023 : secondes séances, séminaire réflexif.",
                "Septembre – octobre 2023 : analyse, rédaction, restitution publique.",
            ]),
        ]),
        Section("pilotage", "Instances de suivi", [
            ("p", "Un comité de suivi (LITOS, AMNV, CCI de la Vienne, UD CFE-CGC, Aract Nouvelle-"
                  "Aquitaine invitée) se réunit trois fois. La coordination scientifique est assurée "
                  "par Hélène Vasseur, maîtresse de conférences en sociologie ; un point mensuel "
                  "réunit l’équipe opérationnelle."),
        ]),
        Section("resultats", "Apports attendus", [
            ("bullets", [
                "La carte des usages, support de discussion diffusé sous licence libre.",
                "Un rapport de recherche et deux articles de vulgarisation.",
                "Une courte vidéo de restitution destinée aux réseaux d’accompagnement des TPE.",
            ]),
        ]),
        Section("perennisation", "Suites envisagées et transférabilité", [
            ("p", "La CCI intégrera la carte des usages à son offre « Transition numérique TPE » ; "
                  "l’AMNV l’inscrira dans les parcours de ses médiatrices. Le dispositif pourra être "
                  "transféré à d’autres départements via le réseau des conseillers numériques."),
        ]),
        Section("partenaires", "Consortium et rôle de chacun", [
            ("bullets", [
                "Association Médiation Numérique Vienne (AMNV) : co-animation des séances en entreprise.",
                "CCI de la Vienne : recrutement des TPE, intégration du dispositif dans son offre.",
                "Union départementale CFE-CGC de la Vienne : regard syndical au comité de suivi.",
            ]),
        ]),
        Section(None, "Budget par partenaire", [
            ("p", "Montants en euros, hors taxes (le LITOS ne récupère pas la TVA)."),
            ("table", table),
        ]),
    ]

    doc = docx.Document()
    fixed_core(doc, "Hélène Vasseur", "Proposition LITOS – Fabrique CTO")
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    p = doc.add_paragraph()
    run = p.add_run("Laboratoire LITOS (UR 4532) – Université de Poitiers")
    run.bold = True
    doc.add_paragraph("Appel à manifestation d’intérêt « La Fabrique CTO »")
    doc.add_paragraph("« Parler outils en TPE » : un dispositif de discussion sur les outils numériques "
                      "dans les très petites entreprises")
    for s in sections:
        hp = doc.add_paragraph(style="List Number")
        pPr = hp._p.get_or_add_pPr()
        numPr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl"); ilvl.set(qn("w:val"), "0")
        numId = OxmlElement("w:numId"); numId.set(qn("w:val"), "5")
        numPr.append(ilvl); numPr.append(numId)
        pPr.append(numPr)
        r = hp.add_run(s.heading)
        r.bold = True
        r.font.size = Pt(12)
        docx_add_blocks(doc, s.blocks, widths=[6.0, 2.6, 2.3, 2.3, 2.4] if s.sid is None else None)
    doc.save(work / docname)
    restamp_zip(work / docname)

    body = (
        "Madame, Monsieur,\n\n"
        "Au nom du laboratoire LITOS, je vous adresse notre réponse à l’appel à manifestation "
        "d’intérêt de la Fabrique CTO. Le document joint présente le projet, le budget "
        "ventilé par partenaire et le rôle de chacun.\n\n"
        "Avec mes remerciements et mes salutations distinguées,\n\n"
        "Hélène Vasseur\n"
        "Maîtresse de conférences en sociologie\n"
        "LITOS – Université de Poitiers\n"
    )
    bnd = "Apple-Mail=_3F2A9C71-6B0D-4E8A-A5C2-91D7E04B2C18"
    msg_id = "<8E3B0F4A-2C6D-4B19-9A77-5D1E3C0B6F21@univ-poitiers.fr>"
    subject = "Réponse AMI « Fabrique CTO » – LITOS"
    enc_name = "utf-8''" + "".join(
        c if (c.isascii() and (c.isalnum() or c in "-_.")) else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        for c in docname
    )
    mime = Part([
        ("From", "=?utf-8?Q?H=C3=A9l=C3=A8ne_Vasseur?= <helene.vasseur@univ-poitiers.fr>"),
        ("Content-Type", f'multipart/mixed;\r\n\tboundary="{bnd}"'),
        ("Mime-Version", "1.0 (Mac OS X Mail 15.0 \\(3693.60.0.1.1\\))"),
        ("Subject", h2047(subject)),
        ("Message-Id", msg_id),
        ("Date", "Thu, 18 Aug 2022 09:05:33 +0200"),
        ("To", "fabrique@anact.fr"),
        ("X-Mailer", "Apple Mail (2.3693.60.0.1.1)"),
    ], parts=[
        Part([("Content-Transfer-Encoding", "quoted-printable"),
              ("Content-Type", "text/plain;\r\n\tcharset=utf-8")], qp_body(body, "utf-8")),
        Part([("Content-Disposition", f"attachment;\r\n\tfilename*={enc_name}"),
              ("Content-Type", f"application/vnd.openxmlformats-officedocument.wordprocessingml.document;\r\n\tx-unix-mode=0644;\r\n\tname*={enc_name}"),
              ("Content-Transfer-Encoding", "base64")], b64_body((work / docname).read_bytes())),
    ], boundary=bnd)
    return Case(
        cid=cid,
        what="Laboratoire universitaire, DOCX à titres en liste numérotée Word (numPr, gras), budget par partenaire (une colonne par partenaire) dans le document; Apple Mail QP, nom RFC 2231; complet",
        sections=sections, section_source=docname, budget=budget,
        partners=["Association Médiation Numérique Vienne", "CCI de la Vienne",
                  "Union départementale CFE-CGC de la Vienne"],
        attachments=[(docname, "parsed")],
        message_id=msg_id, sender="helene.vasseur@univ-poitiers.fr", subject=subject,
        date="2022-08-18T09:05:33+02:00",
        project={"start": "2022-11-02", "end": "2023-10-31",
                 "duration_months": months_inclusive("2022-11", "2023-10")},
        eml=mime.render(),
    )


# =========================================================================== case 03
# Sociology cooperative (SCOP): description in an ODT (Writer, from a Word draft); the
# budget is an HTML table in the Outlook message body (no budget attachment); logo inline.
# windows-1252 quoted-printable, RFC 2047 attachment name. Co-financing below 20 %.


def case03() -> Case:
    import docx
    from PIL import Image, ImageDraw

    cid = "h3h-03"
    work = WORK / cid
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stem = "Note de présentation Sociotopie"
    odtname = stem + ".odt"

    sections = [
        Section("contexte", "1 – Ce que nous observons sur le terrain", [
            ("p", "Dans les PME rennaises du numérique et des services, les messageries "
                  "collaboratives (Teams, Slack, Mattermost) sont devenues en deux ans le principal "
                  "lieu de coordination. Les sociologues de Sociotopie y ont conduit depuis 2020 une "
                  "trentaine d’entretiens et deux enquêtes pour des CSE."),
            ("p", "Ces outils ont été installés dans l’urgence du confinement. Leurs règles d’usage "
                  "(canaux, disponibilité, notifications, archivage) se sont fixées sans discussion, et "
                  "les salariés décrivent une intensification et un brouillage des frontières."),
        ]),
        Section("objectifs", "2 – Nos intentions", [
            ("p", "Nous voulons aider cinq PME à ouvrir une discussion collective sur leurs "
                  "messageries, à en tirer des règles d’usage négociées et, lorsque c’est possible, un "
                  "accord de méthode entre direction et représentants du personnel."),
        ]),
        Section("problematique", "3 – Ce qui fait question", [
            ("p", "Les messageries collaboratives ne sont pas vécues comme des « projets » : personne "
                  "n’en est responsable, elles ne passent ni en CSE ni en comité de direction. Comment "
                  "transformer un usage devenu invisible en objet de dialogue social ?"),
        ]),
        Section("cibles", "4 – Pour qui ?", [
            ("p", "Cinq PME de 30 à 200 salariés du bassin rennais (ESN, agences, bureaux d’études), "
                  "leurs salariés, leurs managers de proximité, leurs directions et leurs élus de CSE."),
        ]),
        Section("methodologie", "5 – Notre méthode : l’enquête collective", [
            ("p", "Dans chaque entreprise, un groupe mixte de huit à dix personnes mène lui-même "
                  "l’enquête, accompagné par deux sociologues : journal d’usage sur deux semaines, "
                  "cartographie des canaux, entretiens croisés entre collègues."),
            ("p", "Les résultats sont discutés en séance plénière puis traduits en propositions de "
                  "règles, examinées par la direction et le CSE. Une illustratrice accompagne les "
                  "restitutions."),
        ]),
        Section("phasage", "6 – Calendrier de travail", [
            ("p", "Le travail s’étale sur onze mois, de janvier à novembre 2023 :"),
            ("table", [
                ["Temps", "Période", "Contenu"],
                ["Temps 1", "janvier – mars 2023", "Constitution des groupes, formation à l’enquête"],
                ["Temps 2", "avril – juillet 2023", "Enquêtes dans les cinq PME, restitutions internes"],
                ["Temps 3", "septembre – novembre 2023", "Règles d’usage, accords de méthode, journée régionale"],
            ]),
        ]),
        Section("pilotage", "7 – Conduite du projet et instances", [
            ("p", "Le projet est conduit par deux associées de la coopérative. Un comité d’orientation "
                  "(Sociotopie, Aract Bretagne, URSCOP Ouest, Rennes Métropole, un élu de CSE de chaque "
                  "PME) se réunit en janvier, juin et novembre 2023."),
        ]),
        Section("resultats", "8 – Ce que nous espérons produire", [
            ("bullets", [
                "Cinq chartes ou accords de méthode sur les messageries collaboratives.",
                "Un kit d’enquête collective réutilisable par d’autres entreprises.",
                "Une restitution dessinée et une courte vidéo.",
            ]),
        ]),
        Section("perennisation", "9 – Et ensuite ?", [
            ("p", "Le kit sera publié sous licence Creative Commons. L’URSCOP Ouest le proposera à "
                  "ses coopératives adhérentes, et l’Aract Bretagne à ses interlocuteurs des branches "
                  "du numérique et de l’ingénierie."),
        ]),
        Section("partenaires", "10 – Nos alliés dans ce projet", [
            ("p", "Aract Bretagne : appui méthodologique sur les accords de méthode, participation au "
                  "comité d’orientation."),
            ("p", "Union régionale des SCOP de l’Ouest (URSCOP Ouest) : diffusion du kit auprès des "
                  "coopératives."),
            ("p", "Rennes Métropole : mise en relation avec les PME, accueil de la journée régionale."),
        ]),
    ]

    doc = docx.Document()
    fixed_core(doc, "Maëlle Le Goff", "Note de présentation")
    doc.add_paragraph("SOCIOTOPIE – SCOP SARL de sociologie d’intervention", style="Title")
    doc.add_paragraph("« Nos messageries, parlons-en » – note de présentation pour la Fabrique CTO")
    for s in sections:
        doc.add_heading(s.heading, level=2)
        docx_add_blocks(doc, s.blocks)
    draft = work / "draft" / (stem + ".docx")
    draft.parent.mkdir()
    doc.save(draft)
    out = soffice(draft, "odt", work / "lo")
    shutil.copy(out, work / odtname)
    restamp_zip(work / odtname)

    # ---- budget in the message body
    lines = [
        Line("Sociologue senior (35 jours)", "personnel", 21000),
        Line("Sociologue chargée d'études (50 jours)", "personnel", 22500),
        Line("Gérance et administration (6 jours)", "personnel", 2400),
        Line("Déplacements (train, hébergement)", "deplacements_logistique", 4100),
        Line("Salles et restauration pour 6 ateliers", "deplacements_logistique", 2000),
        Line("Illustratrice (restitution dessinée)", "prestations", 3800),
        Line("Montage vidéo (prestataire)", "prestations", 4200),
        Line("Conseil juridique sur l'accord de méthode (cabinet d'avocats)", "prestations", 12000),
    ]
    total = sum(l.amount for l in lines)
    anact, autof = 60000.0, 12000.0
    assert total == 72000 and anact + autof == total and autof / total < 0.2
    budget = Budget(lines, anact, [("Autofinancement Sociotopie", autof)], declared_total=total)
    groups = [
        ("Dépenses de personnel", lines[0:3]),
        ("Frais de déplacement et logistique", lines[3:5]),
        ("Achats de prestations", lines[5:8]),
    ]

    def e(v):
        return fmt_eur(v, " ") + " €"

    rows_html = []
    rows_txt = []
    td = '<td style="border:solid #A6A6A6 1.0pt;padding:2.0pt 5.0pt"><p class="MsoNormal">{}</p></td>'
    tdr = '<td style="border:solid #A6A6A6 1.0pt;padding:2.0pt 5.0pt"><p class="MsoNormal" align="right" style="text-align:right">{}</p></td>'
    rows_html.append("<tr>" + td.format("<b>Nature des dépenses</b>") + td.format("<b>Détail</b>")
                     + tdr.format("<b>Montant HT</b>") + "</tr>")
    rows_txt.append("Nature des dépenses\tDétail\tMontant HT")
    for gname, gl in groups:
        for i, ln in enumerate(gl):
            first = gname if i == 0 else ""
            rows_html.append("<tr>" + td.format(first) + td.format(html_escape(ln.label)) + tdr.format(e(ln.amount)) + "</tr>")
            rows_txt.append(f"{first}\t{ln.label}\t{e(ln.amount)}")
    rows_html.append("<tr>" + td.format("<b>Total des dépenses</b>") + td.format("&nbsp;") + tdr.format(f"<b>{e(total)}</b>") + "</tr>")
    rows_txt.append(f"Total des dépenses\t\t{e(total)}")
    res_html = [
        "<tr>" + td.format("<b>Ressources</b>") + tdr.format("<b>Montant</b>") + "</tr>",
        "<tr>" + td.format("Subvention Anact sollicitée (Fabrique CTO)") + tdr.format(e(anact)) + "</tr>",
        "<tr>" + td.format("Autofinancement Sociotopie") + tdr.format(e(autof)) + "</tr>",
        "<tr>" + td.format("<b>Total des ressources</b>") + tdr.format(f"<b>{e(total)}</b>") + "</tr>",
    ]
    res_txt = ["Ressources\tMontant", f"Subvention Anact sollicitée (Fabrique CTO)\t{e(anact)}",
               f"Autofinancement Sociotopie\t{e(autof)}", f"Total des ressources\t{e(total)}"]

    html = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\n'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
        '<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;font-size:11.0pt;'
        'font-family:"Calibri",sans-serif;}\n--></style></head>\n'
        '<body lang="FR" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">\n'
        '<div class="WordSection1">\n'
        '<p class="MsoNormal">Bonjour,<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">La coopérative Sociotopie a le plaisir de vous adresser sa candidature à '
        'l’appel à manifestation d’intérêt «&nbsp;La Fabrique CTO&nbsp;». Vous trouverez en pièce jointe '
        'notre note de présentation du projet «&nbsp;Nos messageries, parlons-en&nbsp;».<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">Notre budget prévisionnel est le suivant (montants hors taxes)&nbsp;:<o:p></o:p></p>\n'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<table class="MsoTableGrid" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n'
        + "\n".join(rows_html) +
        '\n</table>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<table class="MsoTableGrid" border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse">\n'
        + "\n".join(res_html) +
        '\n</table>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal">Nous restons à votre disposition pour un échange.<o:p></o:p></p>\n'
        '<p class="MsoNormal">Bien cordialement,<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        '<p class="MsoNormal"><img width="160" height="48" style="width:1.6666in;height:.5in" '
        'id="Image_x0020_1" src="cid:image001.png@01D8B37A.6E1C4F20" alt="Sociotopie"><o:p></o:p></p>\n'
        '<p class="MsoNormal"><b>Maëlle Le Goff</b> – associée-gérante<o:p></o:p></p>\n'
        '<p class="MsoNormal">Sociotopie SCOP SARL – 5 rue de Saint-Malo, 35000 Rennes<o:p></o:p></p>\n'
        '</div>\n</body>\n</html>\n'
    )
    text = (
        "Bonjour,\n\n"
        "La coopérative Sociotopie a le plaisir de vous adresser sa candidature à l’appel à "
        "manifestation d’intérêt « La Fabrique CTO ». Vous trouverez en pièce jointe notre note de "
        "présentation du projet « Nos messageries, parlons-en ».\n\n"
        "Notre budget prévisionnel est le suivant (montants hors taxes) :\n\n"
        + "\n".join(rows_txt) + "\n\n" + "\n".join(res_txt) + "\n\n"
        "Nous restons à votre disposition pour un échange.\n"
        "Bien cordialement,\n\n[Sociotopie]\nMaëlle Le Goff – associée-gérante\n"
        "Sociotopie SCOP SARL – 5 rue de Saint-Malo, 35000 Rennes\n"
    )
    img = Image.new("RGB", (160, 48), (255, 255, 255))
    dr = ImageDraw.Draw(img)
    dr.rectangle([0, 0, 47, 47], fill=(196, 62, 40))
    dr.text((56, 18), "SOCIOTOPIE", fill=(40, 40, 40))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    logo = buf.getvalue()

    msg_id = "<000c01d8b37a$6e1c4f20$4a54ed60$@sociotopie.coop>"
    subject = "Candidature – Appel à manifestation d’intérêt La Fabrique CTO"
    b_mixed = "----=_NextPart_000_000D_01D8B38B.31A6A0C0"
    b_rel = "----=_NextPart_001_000E_01D8B38B.31A6A0C0"
    b_alt = "----=_NextPart_002_000F_01D8B38B.31A6A0C0"
    att_name = h2047(odtname, "iso-8859-1")
    mime = Part([
        ("From", "=?iso-8859-1?Q?Ma=EBlle_Le_Goff?= <mlegoff@sociotopie.coop>"),
        ("To", "<fabrique@anact.fr>"),
        ("Subject", Header(subject, "windows-1252").encode()),
        ("Date", "Mon, 22 Aug 2022 11:26:47 +0200"),
        ("Message-ID", msg_id),
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/mixed;\r\n\tboundary="{b_mixed}"'),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdizemsK5m0Ahc1ySpu2b8QnXwL3Qw=="),
        ("Content-Language", "fr"),
    ], parts=[
        Part([("Content-Type", f'multipart/related;\r\n\tboundary="{b_rel}"')], parts=[
            Part([("Content-Type", f'multipart/alternative;\r\n\tboundary="{b_alt}"')], parts=[
                Part([("Content-Type", 'text/plain;\r\n\tcharset="windows-1252"'),
                      ("Content-Transfer-Encoding", "quoted-printable")], qp_body(text, "cp1252")),
                Part([("Content-Type", 'text/html;\r\n\tcharset="windows-1252"'),
                      ("Content-Transfer-Encoding", "quoted-printable")], qp_body(html, "cp1252")),
            ], boundary=b_alt, body=b""),
            Part([("Content-Type", 'image/png;\r\n\tname="image001.png"'),
                  ("Content-Transfer-Encoding", "base64"),
                  ("Content-ID", "<image001.png@01D8B37A.6E1C4F20>")], b64_body(logo)),
        ], boundary=b_rel, body=b""),
        Part([("Content-Type", f'application/vnd.oasis.opendocument.text;\r\n\tname="{att_name}"'),
              ("Content-Transfer-Encoding", "base64"),
              ("Content-Disposition", f'attachment;\r\n\tfilename="{att_name}"')],
             b64_body((work / odtname).read_bytes())),
    ], boundary=b_mixed)
    return Case(
        cid=cid,
        what="SCOP de sociologie, note ODT (Writer) à titres « 1 – … » + budget en tableau HTML dans le corps Outlook (windows-1252 QP, logo inline); co-financement 16,7 % < 20 %",
        sections=sections, section_source=odtname, budget=budget,
        partners=["Aract Bretagne", "Union régionale des SCOP de l’Ouest", "Rennes Métropole"],
        attachments=[(odtname, "parsed"), ("image001.png", "skipped")],
        message_id=msg_id, sender="mlegoff@sociotopie.coop", subject=subject,
        date="2022-08-22T11:26:47+02:00",
        project={"start": "2023-01", "end": "2023-11", "duration_months": months_inclusive("2023-01", "2023-11")},
        eml=mime.render(),
    )


def html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# =========================================================================== case 04
# Two-person consultancy: PDF made with fpdf2, bold lines as headings (no outline), budget
# by phase (Phase 1/2/3 columns), co-financing as a "Nom : montant" list after an
# introductory sentence, outside the table. Gmail, base64 text parts, RFC 2047 file name,
# the PDF carries a Content-ID (as Gmail does) but is an attachment. Complete (exactly 20 %).


def case04() -> Case:
    from fpdf import FPDF

    cid = "h3h-04"
    work = WORK / cid
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    pdfname = "Projet_Fabrique-CTO_Tandem_août2022.pdf"

    # (label, category, phase1, phase2, phase3)
    rows = [
        ("Sophie Arnaud, consultante associée (52 jours à 600 €)", "personnel", 10800, 13200, 7200),
        ("Karim Benali, consultant associé (40 jours à 600 €)", "personnel", 6000, 12000, 6000),
        ("Déplacements sur les trois territoires", "deplacements_logistique", 1200, 2400, 600),
        ("Logistique des ateliers inter-entreprises (salles, repas)", "deplacements_logistique", 300, 1500, 700),
        ("Design de service (studio extérieur, sous-traitance)", "prestations", 0, 6000, 0),
        ("Édition du guide (graphisme et impression)", "prestations", 0, 0, 3100),
    ]
    assert rows[0][2:] == (18 * 600, 22 * 600, 12 * 600) and rows[1][2:] == (10 * 600, 20 * 600, 10 * 600)
    lines = [Line(l, c, float(a + b + d)) for l, c, a, b, d in rows]
    ph = [sum(r[i] for r in rows) for i in (2, 3, 4)]
    total = float(sum(ph))
    assert total == 71000 and ph == [18300, 35100, 17600], ph
    anact = 56800.0
    cofin = [("Autofinancement (temps non facturé des associés)", 8200.0),
             ("Région Occitanie (AAP « Innovation sociale », dossier déposé en juin 2022)", 6000.0)]
    assert anact + sum(a for _, a in cofin) == total
    assert sum(a for _, a in cofin) / total == 0.2
    budget = Budget(lines, anact, cofin, declared_total=total)

    def e(v):
        return (fmt_eur(v, " ") + " €") if v else "–"

    phase_table = [["Poste", "Phase 1 Diagnostic", "Phase 2 Expérimentation", "Phase 3 Capitalisation", "Total"]]
    for l, c, a, b, d in rows:
        phase_table.append([l, e(a), e(b), e(d), e(a + b + d)])
    phase_table.append(["Total par phase", e(ph[0]), e(ph[1]), e(ph[2]), e(total)])

    sections = [
        Section("contexte", "Le point de départ", [
            ("p", "Nous sommes deux consultants, ergonome et sociologue, installés à Montpellier depuis "
                  "2017. Dans les PME industrielles et de services que nous accompagnons, les outils "
                  "numériques (ERP, gestion de la relation client, outils de suivi de production) sont "
                  "achetés sur catalogue et déployés par l’éditeur, souvent en quelques semaines."),
            ("p", "Les tiers-lieux de l’Hérault, du Gard et de l’Aude accueillent de plus en plus de "
                  "ces PME pour des formations ou des rencontres : ce sont des lieux neutres où une "
                  "discussion sur le travail devient possible."),
        ]),
        Section("objectifs", "Nos buts", [
            ("p", "Faire des tiers-lieux des espaces où salariés, encadrants et dirigeants de PME "
                  "examinent ensemble un outil avant, pendant et après son déploiement ; outiller ces "
                  "échanges ; en tirer une méthode transférable."),
        ]),
        Section("problematique", "Le nœud du problème", [
            ("p", "Dans une PME, l’outil numérique arrive « clés en main » : le dirigeant n’a ni le "
                  "temps ni les compétences pour en discuter les effets sur le travail, et les "
                  "salariés n’ont pas de lieu pour exprimer ce qu’ils vivent. Le dialogue technologique "
                  "manque d’un espace et d’une méthode."),
        ]),
        Section("cibles", "À qui s’adresse le projet", [
            ("p", "Neuf PME de 15 à 120 salariés (trois par territoire), leurs salariés et leurs "
                  "dirigeants, ainsi que les animateurs des trois tiers-lieux partenaires."),
        ]),
        Section("methodologie", "Comment nous allons travailler", [
            ("p", "Chaque PME désigne un binôme (un salarié, un encadrant). Les binômes se retrouvent "
                  "dans leur tiers-lieu pour des ateliers « banc d’essai » : ils décrivent une "
                  "situation de travail touchée par l’outil, la rejouent, et formulent des "
                  "ajustements, avec l’appui d’un studio de design de service."),
        ]),
        Section("phasage", "Découpage en phases et calendrier", [
            ("p", "Phase 1 – Diagnostic (octobre à décembre 2022) : choix des PME, entretiens, "
                  "repérage des outils en cours de déploiement."),
            ("p", "Phase 2 – Expérimentation (janvier à juin 2023) : quatre ateliers « banc d’essai » "
                  "par territoire, retours dans les entreprises."),
            ("p", "Phase 3 – Capitalisation (juillet à octobre 2023) : rédaction et édition du guide, "
                  "rencontre régionale de clôture en octobre 2023."),
        ]),
        Section("pilotage", "Suivi et gouvernance", [
            ("p", "Un comité de suivi trimestriel associe Tandem, l’Aract Occitanie, la CPME de "
                  "l’Hérault et la Compagnie des Tiers-Lieux. Il arbitre le choix des PME et valide le "
                  "guide. Les deux associés tiennent un point hebdomadaire."),
        ]),
        Section("resultats", "Ce qui en sortira", [
            ("p", "Neuf PME ayant ajusté un outil à partir d’une discussion sur le travail ; une "
                  "méthode « banc d’essai » décrite pas à pas ; un guide de 24 pages ; des animateurs "
                  "de tiers-lieux formés."),
        ]),
        Section("perennisation", "Diffusion et suite", [
            ("p", "La Compagnie des Tiers-Lieux inscrira le banc d’essai à son catalogue ; la CPME "
                  "le présentera à ses adhérents. Le guide sera diffusé librement."),
        ]),
        Section("partenaires", "Qui est à nos côtés", [
            ("p", "Aract Occitanie, pour l’appui méthodologique et la co-animation de la rencontre "
                  "régionale ; CPME de l’Hérault, pour la mobilisation des dirigeants ; la Compagnie "
                  "des Tiers-Lieux, pour l’accueil des ateliers et la formation des animateurs."),
        ]),
        Section(None, "Budget par phase (montants HT)", [("table", phase_table)]),
    ]

    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 19, 10, 0, 0, tzinfo=timezone.utc))
    pdf.set_author("Tandem Travail & Numérique")
    pdf.set_title("Projet Fabrique CTO – Tandem")
    pdf.add_font("DejaVu", "", f"{FONT_DIR}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{FONT_DIR}/DejaVuSans-Bold.ttf")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, "Tandem Travail & Numérique", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, "SAS au capital de 2 000 € – Sophie Arnaud et Karim Benali, associés\n"
                         "Proposition pour l’AMI « La Fabrique CTO » : « Banc d’essai » – les tiers-lieux, "
                         "lieux de dialogue sur les outils numériques des PME", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for s in sections:
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, s.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        for kind, val in s.blocks:
            if kind == "p":
                pdf.set_font("DejaVu", "", 10)
                pdf.multi_cell(0, 5.2, val, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif kind == "table":
                pdf.set_font("DejaVu", "", 8.5)
                with pdf.table(col_widths=(54, 27, 33, 32, 24), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                               line_height=4.6) as t:
                    for row in val:
                        r = t.row()
                        for cell in row:
                            r.cell(cell)
                pdf.ln(3)
        pdf.ln(2)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5.2, f"Coût total du projet : {e(total)} HT. Montant sollicité auprès de l’Anact : "
                           f"{e(anact)}.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 5.2, "Les co-financements envisagés sont les suivants :", new_x="LMARGIN", new_y="NEXT")
    for name, amount in cofin:
        pdf.multi_cell(0, 5.2, f"   •  {name} : {e(amount)}".replace(" €", "\u00a0€").replace("6 000", "6\u00a0000"),
                       new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 5.2, "Soit 14 200 € de co-financement, 20 % du coût total.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(work / pdfname))

    text = (
        "Bonjour,\n\n"
        "Vous trouverez ci-joint notre proposition pour l'AMI Fabrique CTO (projet « Banc d'essai »), "
        "avec le budget par phase et le plan de co-financement.\n\n"
        "Belle journée,\n\nSophie Arnaud\nTandem Travail & Numérique\n06 12 00 00 00\n"
    )
    html = (
        '<div dir="ltr">Bonjour,<div><br></div><div>Vous trouverez ci-joint notre proposition pour '
        "l'AMI Fabrique CTO (projet « Banc d'essai »), avec le budget par phase et le plan de "
        'co-financement.</div><div><br></div><div>Belle journée,</div><div><br></div>'
        '<div>Sophie Arnaud</div><div>Tandem Travail &amp; Numérique</div><div>06 12 00 00 00</div></div>\n'
    )
    b_mixed = "000000000000a1f3c105e6a7b2d4"
    b_alt = "000000000000a1f3bf05e6a7b2d2"
    msg_id = "<CAHx7kP3uN0qZ5tV+Lr2mQ8dYcWb6s1oE4jF9aT0gH_kR2pXw=A@mail.gmail.com>"
    subject = "AMI Fabrique CTO - proposition Tandem Travail & Numérique"
    enc_pdf = Header(pdfname, "utf-8").encode()
    mime = Part([
        ("MIME-Version", "1.0"),
        ("From", "Sophie Arnaud <tandem.travail.numerique@gmail.com>"),
        ("Date", "Fri, 19 Aug 2022 12:03:51 +0200"),
        ("Message-ID", msg_id),
        ("Subject", h2047(subject)),
        ("To", "fabrique@anact.fr"),
        ("Content-Type", f'multipart/mixed; boundary="{b_mixed}"'),
    ], parts=[
        Part([("Content-Type", f'multipart/alternative; boundary="{b_alt}"')], parts=[
            Part([("Content-Type", 'text/plain; charset="UTF-8"'),
                  ("Content-Transfer-Encoding", "base64")], b64_body(text.encode("utf-8"))),
            Part([("Content-Type", 'text/html; charset="UTF-8"'),
                  ("Content-Transfer-Encoding", "base64")], b64_body(html.encode("utf-8"))),
        ], boundary=b_alt, body=b""),
        Part([("Content-Type", f'application/pdf; name="{enc_pdf}"'),
              ("Content-Disposition", f'attachment; filename="{enc_pdf}"'),
              ("Content-Transfer-Encoding", "base64"),
              ("Content-ID", "<f_l6zk3q2m0>"),
              ("X-Attachment-Id", "f_l6zk3q2m0")], b64_body((work / pdfname).read_bytes())),
    ], boundary=b_mixed, body=b"")
    return Case(
        cid=cid,
        what="Cabinet de deux associés, PDF fpdf2 à titres en gras sans numéro, budget par phase (colonnes Phase 1/2/3), co-financements en liste « Nom : montant » hors tableau (exactement 20 %); Gmail base64, nom RFC 2047; complet",
        sections=sections, section_source=pdfname, budget=budget,
        partners=["Aract Occitanie", "CPME de l’Hérault", "Compagnie des Tiers-Lieux"],
        attachments=[(pdfname, "parsed")],
        message_id=msg_id, sender="tandem.travail.numerique@gmail.com", subject=subject,
        date="2022-08-19T12:03:51+02:00",
        project={"start": "2022-10", "end": "2023-10", "duration_months": months_inclusive("2022-10", "2023-10")},
        eml=mime.render(),
    )


# =========================================================================== case 05
# Engineering school's chair: Word draft with questions as Heading 2, sent as the PDF
# LibreOffice made of it; budget XLSX with one block per partner, each with its subtotal
# and a "Nature" column (formulas, values cached by LibreOffice). Roundcube, ISO-8859-1 QP,
# RFC 2231 names (UTF-8 with continuations, ISO-8859-1). Defects: the phasage ends in
# March 2024 (after 30 December 2023) and a VR headset purchase is outside the eligible kinds.


def case05() -> Case:
    import docx
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    cid = "h3h-05"
    work = WORK / cid
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stem = "Présentation_projet_Chaire_TIN_Fabrique-CTO"
    pdfname = stem + ".pdf"
    xlsname = "Budget_par_établissement_Chaire_TIN.xlsx"

    sections = [
        Section("contexte", "Dans quel contexte s’inscrit la proposition ?", [
            ("p", "La chaire Travail, Industrie et Numérique (TIN) de l’ESIGE étudie depuis 2019 "
                  "l’arrivée des technologies dites de l’« industrie du futur » dans les PME "
                  "métallurgiques lorraines : tablettes en poste, instructions de travail "
                  "numérisées, assistance en réalité augmentée, cobots."),
            ("p", "Nos études de cas montrent que ces projets sont conduits par les bureaux des méthodes "
                  "et les intégrateurs, et que les opérateurs, comme leurs représentants, découvrent "
                  "les outils au moment de la mise en service."),
        ]),
        Section("objectifs", "Quels buts poursuivons-nous ?", [
            ("bullets", [
                "Associer opérateurs, techniciens des méthodes et représentants du personnel dès la conception des postes numérisés.",
                "Former des élèves ingénieurs et des référents d’entreprise à la conduite de ce dialogue.",
                "Produire une méthode outillée, reprise par la branche.",
            ]),
        ]),
        Section("problematique", "Quel problème voulons-nous éclairer ?", [
            ("p", "L’ingénierie des systèmes numériques de production ignore largement le travail réel ; "
                  "le dialogue social, lui, n’intervient qu’une fois l’outil installé. Comment faire "
                  "entrer la discussion sur le travail dans le cycle de conception lui-même ?"),
        ]),
        Section("cibles", "Qui est concerné ?", [
            ("p", "Six PME de la métallurgie de 50 à 250 salariés en Meurthe-et-Moselle et dans les "
                  "Vosges, engagées dans un projet de numérisation de poste ; leurs opérateurs, "
                  "techniciens, encadrants et élus de CSE ; les élèves ingénieurs de dernière année."),
        ]),
        Section("methodologie", "Comment procéderons-nous ?", [
            ("p", "Chaque PME accueille une équipe mixte (un post-doctorant, deux élèves ingénieurs, "
                  "un référent de l’entreprise). L’équipe analyse l’activité sur les postes concernés, "
                  "puis organise des séances de conception participative utilisant des maquettes et "
                  "des scénarios de design fiction, auxquelles participent les élus du CSE."),
        ]),
        Section("phasage", "Selon quel calendrier ?", [
            ("p", "Le projet débutera en octobre 2022 et s’achèvera en mars 2024 :"),
            ("bullets", [
                "phase A, octobre 2022 – mars 2023 : choix des PME, analyses de l’activité ;",
                "phase B, avril – décembre 2023 : séances de conception participative, ateliers inter-entreprises ;",
                "phase C, janvier – mars 2024 : évaluation, rédaction de la méthode, colloque de restitution.",
            ]),
        ]),
        Section("pilotage", "Comment le projet sera-t-il piloté ?", [
            ("p", "Le titulaire de la chaire assure la direction du projet. Un comité de pilotage "
                  "semestriel réunit l’ESIGE, l’UIMM Lorraine, l’Aract Grand Est et la FGMM-CFDT "
                  "Lorraine ; un comité technique mensuel réunit l’équipe de recherche et les "
                  "référents des PME."),
        ]),
        Section("resultats", "Qu’attendons-nous du projet ?", [
            ("p", "Six postes numérisés conçus avec leurs utilisateurs, une méthode de conception "
                  "participative documentée, un module de formation en ligne pour les ingénieurs et "
                  "les référents d’entreprise, un colloque régional."),
        ]),
        Section("perennisation", "Comment prolonger et diffuser la démarche ?", [
            ("p", "Le module de formation sera intégré au cursus de l’ESIGE et proposé par l’UIMM "
                  "Lorraine dans son offre de formation continue. La méthode sera publiée en accès "
                  "ouvert."),
        ]),
        Section("partenaires", "Avec quels partenaires ?", [
            ("table", [
                ["Partenaire", "Contribution attendue"],
                ["UIMM Lorraine", "Mobilisation des PME, ateliers inter-entreprises, reprise du module de formation"],
                ["Aract Grand Est", "Expertise conditions de travail, participation au comité de pilotage"],
                ["FGMM-CFDT Lorraine", "Mobilisation des élus de CSE, regard syndical sur la méthode"],
            ]),
        ]),
        Section(None, "Quel budget ?", [
            ("p", "Le budget, présenté par établissement, figure dans le classeur joint : 75 750 € "
                  "HT, dont 60 000 € demandés à l’Anact."),
        ]),
    ]

    # ---- budget blocks: (block title, [(label, nature, category, amount, ineligible)])
    blocks = [
        ("ESIGE – Chaire TIN (porteur)", [
            ("Titulaire de la chaire, enseignant-chercheur (25 jours)", "Personnel", "personnel", 11250, False),
            ("Post-doctorant(e) en ergonomie (10 mois)", "Personnel", "personnel", 38000, False),
            ("Déplacements sur les sites industriels", "Déplacements", "deplacements_logistique", 3000, False),
            ("Achat de deux casques de réalité virtuelle", "Équipement", "autre", 1800, True),
        ]),
        ("UIMM Lorraine", [
            ("Chargée de mission emploi-formation (12 jours)", "Personnel", "personnel", 4800, False),
            ("Ateliers inter-entreprises : salles et restauration (3 ateliers)", "Logistique", "deplacements_logistique", 2400, False),
        ]),
        ("Prestataires (commandes passées par la chaire)", [
            ("Animation des séances de design fiction (Studio Tangente)", "Prestation", "prestations", 8500, False),
            ("Réalisation du module de formation en ligne (prestataire)", "Prestation", "prestations", 6000, False),
        ]),
    ]
    lines = [Line(l, cat, float(a), inel) for _, bl in blocks for l, _, cat, a, inel in bl]
    total = sum(l.amount for l in lines)
    assert total == 75750, total
    anact = 60000.0
    cofin = [("Autofinancement ESIGE", 12150.0), ("Apport UIMM Lorraine (valorisation du temps)", 3600.0)]
    assert anact + sum(a for _, a in cofin) == total and sum(a for _, a in cofin) / total >= 0.2
    budget = Budget(lines, anact, cofin, declared_total=total)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget par établissement"
    ws["A1"] = "Chaire TIN – projet « Opérateurs associés » – budget prévisionnel par établissement (€ HT)"
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Établissement / poste", "Nature", "Montant HT"])
    for c in "ABC":
        ws[f"{c}3"].font = Font(bold=True)
    grey = PatternFill("solid", fgColor="D9D9D9")
    r = 4
    subtotal_cells = []
    for title, bl in blocks:
        ws.cell(r, 1, title).font = Font(bold=True)
        for c in (1, 2, 3):
            ws.cell(r, c).fill = grey
        r += 1
        first = r
        for l, nature, _, a, _ in bl:
            ws.cell(r, 1, l).alignment = Alignment(indent=2)
            ws.cell(r, 2, nature); ws.cell(r, 3, a)
            r += 1
        short = title.split(" (")[0]
        ws.cell(r, 1, f"Sous-total {short}").font = Font(italic=True, bold=True)
        ws.cell(r, 3, f"=SUM(C{first}:C{r-1})").font = Font(bold=True)
        subtotal_cells.append(f"C{r}")
        r += 2
    ws.cell(r, 1, "TOTAL GÉNÉRAL").font = Font(bold=True)
    ws.cell(r, 3, "=" + "+".join(subtotal_cells)).font = Font(bold=True)
    tot = r
    r += 3
    ws.cell(r, 1, "Ressources").font = Font(bold=True)
    ws.cell(r, 3, "Montant").font = Font(bold=True)
    r += 1
    ws.cell(r, 1, "Anact – AMI Fabrique CTO (montant sollicité)"); ws.cell(r, 3, anact)
    first = r
    r += 1
    for name, a in cofin:
        ws.cell(r, 1, name); ws.cell(r, 3, a)
        r += 1
    ws.cell(r, 1, "Total des ressources").font = Font(bold=True)
    ws.cell(r, 3, f"=SUM(C{first}:C{r-1})")
    ws.column_dimensions["A"].width = 66
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 16
    raw = work / "raw" / xlsname
    raw.parent.mkdir()
    wb.save(raw)
    out = soffice(raw, "xlsx:Calc MS Excel 2007 XML", work / "lo")
    shutil.copy(out, work / xlsname)
    restamp_zip(work / xlsname)
    chk = openpyxl.load_workbook(work / xlsname, data_only=True).active
    assert abs(chk.cell(tot, 3).value - total) < 0.01

    doc = docx.Document()
    fixed_core(doc, "Julien Marchal", "Chaire TIN – Fabrique CTO")
    doc.add_paragraph("École supérieure d’ingénieurs du Grand Est (ESIGE) – Chaire Travail, Industrie et Numérique", style="Subtitle")
    doc.add_paragraph("Opérateurs associés : concevoir les postes numérisés avec ceux qui y travaillent", style="Title")
    doc.add_paragraph("Candidature à l’appel à manifestation d’intérêt « La Fabrique CTO » (Anact). "
                      "Porteur : Pr Julien Marchal, titulaire de la chaire.")
    for s in sections:
        doc.add_heading(s.heading, level=2)
        docx_add_blocks(doc, s.blocks, widths=[4.5, 11.5] if s.sid == "partenaires" else None)
    draft = work / "draft" / (stem + ".docx")
    draft.parent.mkdir()
    doc.save(draft)
    out = soffice(draft, "pdf", work / "lo")
    shutil.copy(out, work / pdfname)
    pin_pdf(work / pdfname)

    text = (
        "Madame, Monsieur,\n\n"
        "Veuillez trouver ci-joints la présentation du projet « Opérateurs associés » porté par la "
        "chaire TIN de l'ESIGE, ainsi que son budget détaillé par établissement, en réponse à l'appel "
        "à manifestation d'intérêt La Fabrique CTO.\n\n"
        "Cordialement,\n\n-- \nJulien Marchal\nProfesseur, titulaire de la chaire TIN\n"
        "ESIGE - 2 rue de l'Ingénieur, 54000 Nancy\n"
    )

    def rfc2231(name: str, charset: str) -> str:
        return "".join(
            c if (c.isascii() and (c.isalnum() or c in "-_.")) else "".join(f"%{b:02X}" for b in c.encode(charset))
            for c in name
        )

    p_enc = "UTF-8''" + rfc2231(pdfname, "utf-8")
    p0, p1 = p_enc[:36], p_enc[36:]
    assert "%" not in p0[-2:]
    x_enc = rfc2231(xlsname, "iso-8859-1")
    bnd = "=_6f1c2e9d4b7a08e35c1f2a9d6b3e7c40"
    msg_id = "<6f1c2e9d4b7a08e35c1f2a9d6b3e7c40@esige.fr>"
    subject = "Fabrique CTO : candidature de la chaire TIN (ESIGE)"
    mime = Part([
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/mixed;\r\n boundary="{bnd}"'),
        ("Date", "Sat, 20 Aug 2022 22:14:09 +0200"),
        ("From", "Julien Marchal <julien.marchal@esige.fr>"),
        ("To", "fabrique@anact.fr"),
        ("Subject", subject),
        ("Message-ID", msg_id),
        ("X-Sender", "julien.marchal@esige.fr"),
        ("User-Agent", "Roundcube Webmail/1.5.2"),
    ], parts=[
        Part([("Content-Transfer-Encoding", "quoted-printable"),
              ("Content-Type", "text/plain; charset=ISO-8859-1;\r\n format=flowed")], qp_body(text, "iso-8859-1")),
        Part([("Content-Transfer-Encoding", "base64"),
              ("Content-Type", f"application/pdf;\r\n name*0*={p0};\r\n name*1*={p1}"),
              ("Content-Disposition", f"attachment;\r\n filename*0*={p0};\r\n filename*1*={p1};\r\n size={(work / pdfname).stat().st_size}")],
             b64_body((work / pdfname).read_bytes())),
        Part([("Content-Transfer-Encoding", "base64"),
              ("Content-Type", f"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\r\n name*=ISO-8859-1''{x_enc}"),
              ("Content-Disposition", f"attachment;\r\n filename*=ISO-8859-1''{x_enc};\r\n size={(work / xlsname).stat().st_size}")],
             b64_body((work / xlsname).read_bytes())),
    ], boundary=bnd, body=b"")
    return Case(
        cid=cid,
        what="Chaire d'école d'ingénieurs, PDF (Writer) à titres-questions Heading 2 + XLSX budget par établissement (blocs à sous-totaux, colonne Nature); Roundcube ISO-8859-1, noms RFC 2231; fin mars 2024 + achat de casques VR inéligible",
        sections=sections, section_source=pdfname, budget=budget,
        partners=["UIMM Lorraine", "Aract Grand Est", "FGMM-CFDT Lorraine"],
        attachments=[(pdfname, "parsed"), (xlsname, "parsed")],
        message_id=msg_id, sender="julien.marchal@esige.fr", subject=subject,
        date="2022-08-20T22:14:09+02:00",
        project={"start": "2022-10", "end": "2024-03", "duration_months": months_inclusive("2022-10", "2024-03")},
        eml=mime.render(),
    )


# --------------------------------------------------------------------------- main

BUILDERS = [case01, case02, case03, case04, case05]


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    CASES.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    for build in BUILDERS:
        if only and build.__name__ not in only:
            continue
        case = build()
        (CASES / f"{case.cid}.eml").write_bytes(case.eml)
        lab = label(case)
        (CASES / f"{case.cid}.expected.json").write_text(
            json.dumps(lab, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(case.cid, lab["decision"], [f["code"] for f in lab["flags"]])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
