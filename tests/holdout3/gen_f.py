"""Holdout3 writer "f": six proposals to "La Fabrique CTO" written by independent hands.

Run with a Python that has python-docx, openpyxl, odfpy, fpdf2 (e.g. /tmp/h3venv-f):

    /tmp/h3venv-f/bin/python tests/holdout3/gen_f.py

Writes cases/h3f-NN.eml and cases/h3f-NN.expected.json.  Each case is one specification
(parts, budget lines, financing, partners, dates, mail headers): the documents are rendered
from it and the label is computed from it with the contract's rules, so nothing is typed
twice.  soffice is used for the Writer PDF (case 02) and to compute the XLSX formulas
(case 05); everything else is byte-for-byte deterministic.
"""

from __future__ import annotations

import base64
import io
import json
import os
import quopri
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
WORK = Path("/tmp/h3f-work")
LO_PROFILE = "file:///tmp/lo-f"
FIXED_ZIP_TIME = (2022, 8, 1, 9, 0, 0)
FIXED_DT = datetime(2022, 8, 1, 9, 0, 0)

SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=timezone(timedelta(hours=2)))
END_LIMIT = "2023-12-30"
CAP = 80000.0


# --------------------------------------------------------------------------- model

@dataclass
class Part:
    """One part of a description: the heading as written, the ids it answers, its content.

    content items: a str (paragraph), ("ul", [items]) (bulleted list), ("ol", [items]),
    ("table", [[cells]...]) (first row = header)."""

    ids: tuple[str, ...]
    heading: str
    content: list


@dataclass
class Budget:
    lines: list[tuple[str, str, float]]          # (label as written, category, amount HT)
    anact: float | None
    cofin: list[tuple[str, float]]                # (label, amount)
    declared_total: float | None = None
    ineligible: list[str] = field(default_factory=list)  # labels of 'autre' lines to flag

    def totals(self) -> dict[str, float]:
        t = {c: 0.0 for c in CATS}
        for _, cat, amt in self.lines:
            t[cat] += amt
        return t

    def sum_lines(self) -> float:
        return sum(a for _, _, a in self.lines)

    def total_cost(self) -> float:
        return self.declared_total if self.declared_total is not None else self.sum_lines()

    def cofin_amount(self) -> float:
        return sum(a for _, a in self.cofin)


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def first_text(content: list) -> str:
    item = content[0]
    if isinstance(item, str):
        return item
    kind, payload = item
    if kind in ("ul", "ol"):
        return payload[0]
    if kind == "table":
        return payload[0][0]
    raise ValueError(kind)


def euro(x: float) -> str:
    """French amount: 20 250 € (narrow no-break space as thousands separator)."""
    s = f"{x:,.0f}".replace(",", "\u202f")
    return s + "\u00a0€"


def euro_plain(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ") + " €"


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def months_between(start: str, end: str) -> int:
    ys, ms = int(start[:4]), int(start[5:7])
    ye, me = int(end[:4]), int(end[5:7])
    return (ye - ys) * 12 + (me - ms) + 1


# --------------------------------------------------------------------------- labels

def make_label(*, case: str, parts_by_source: dict[str, list[Part]], budget: Budget | None,
               partners: list[str], attachments: list[tuple[str, str]], message: dict,
               project: tuple[str, str] | None, is_proposal: bool = True,
               late_override: bool | None = None, subject_names_call: bool | None = None) -> dict:
    sections: dict[str, dict] = {sid: {"present": False} for sid in SECTION_IDS}
    for source, parts in parts_by_source.items():
        for p in parts:
            for sid in p.ids:
                assert sections[sid]["present"] is False, (case, sid)
                sections[sid] = {"present": True, "source": source, "heading": p.heading,
                                 "body_start": first_words(first_text(p.content))}
    flags: list[dict] = []
    for sid in SECTION_IDS:
        if not sections[sid]["present"]:
            flags.append({"code": "missing_section", "target": sid, "severity": "blocking"})
    if budget is None:
        flags.append({"code": "missing_budget", "target": "", "severity": "blocking"})
        blabel: dict = {"total_cost": None, "anact_request": None}
    else:
        totals = budget.totals()
        present = {cat for _, cat, _ in budget.lines}
        if "personnel" not in present:
            flags.append({"code": "missing_budget_item", "target": "personnel", "severity": "blocking"})
        if not budget.cofin:
            flags.append({"code": "missing_budget_item", "target": "cofinancement", "severity": "blocking"})
        for cat in ("deplacements_logistique", "prestations"):
            if cat not in present:
                flags.append({"code": "missing_budget_item", "target": cat, "severity": "warning"})
        if budget.declared_total is not None and abs(budget.declared_total - budget.sum_lines()) > 1:
            flags.append({"code": "budget_total_mismatch", "target": "", "severity": "warning"})
        if budget.anact is not None and budget.anact > CAP:
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": "blocking"})
        total = budget.total_cost()
        blabel = {"total_cost": total, "anact_request": budget.anact,
                  "totals": {c: float(totals[c]) for c in CATS}}
        if budget.cofin:
            amt = budget.cofin_amount()
            share = round(amt / total, 4)
            blabel["cofinancing"] = {"amount": amt, "share": share}
            if amt / total < 0.2 - 1e-12:
                flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"})
        for lab in budget.ineligible:
            assert any(l == lab and c == "autre" for l, c, _ in budget.lines)
            flags.append({"code": "ineligible_expense", "target": lab, "severity": "warning"})
    received = datetime.fromisoformat(message["date"])
    late = received > DEADLINE if late_override is None else late_override
    if late:
        flags.append({"code": "late_submission", "target": "", "severity": "blocking"})
    if project and (project[1] > END_LIMIT if len(project[1]) == 10
                    else project[1] > END_LIMIT[:7]):
        flags.append({"code": "project_end_after_limit", "target": "", "severity": "blocking"})
    subj = norm(message["subject"])
    names_call = ("fabrique cto" in subj or "manifestation d'interet" in subj)
    if subject_names_call is not None:
        assert names_call == subject_names_call, message["subject"]
    if not names_call:
        flags.append({"code": "subject_mismatch", "target": "", "severity": "warning"})
    blocking = any(f["severity"] == "blocking" for f in flags)
    bad_att = any(s in ("scanned", "encrypted", "unreadable") for _, s in attachments)
    if late:
        decision = "late"
    elif not is_proposal:
        decision = "not_a_proposal"
    elif bad_att and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    label = {
        "case": case,
        "decision": decision,
        "flags": flags,
        "sections": sections,
        "budget": blabel,
        "partners": [{"name": n} for n in partners],
        "attachments": [{"filename": f, "status": s} for f, s in attachments],
        "message": message,
    }
    if project:
        label["project"] = {"start": project[0], "end": project[1],
                            "duration_months": months_between(project[0], project[1])}
    return label


# --------------------------------------------------------------------------- files

def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed timestamps (deterministic DOCX/ODT/XLSX)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            ni = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            ni.compress_type = info.compress_type
            ni.external_attr = info.external_attr
            dst.writestr(ni, src.read(info.filename))
    return out.getvalue()


def docx_bytes(doc) -> bytes:
    cp = doc.core_properties
    cp.created = FIXED_DT
    cp.modified = FIXED_DT
    cp.last_modified_by = cp.author
    cp.revision = 3
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=240)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


# --------------------------------------------------------------------------- MIME

def b64lines(data: bytes) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text: str, charset: str) -> str:
    raw = text.replace("\r\n", "\n").encode(charset)
    enc = quopri.encodestring(raw, quotetabs=False).decode("ascii")
    return enc.replace("\n", "\r\n")


def rfc2047(text: str, charset: str = "utf-8", mode: str = "B") -> str:
    raw = text.encode(charset)
    if mode == "B":
        return f"=?{charset}?B?{base64.b64encode(raw).decode('ascii')}?="
    out = []
    for b in raw:
        c = chr(b)
        if c == " ":
            out.append("_")
        elif c.isalnum() and b < 128 or c in "-!*+/":
            out.append(c)
        else:
            out.append(f"={b:02X}")
    return f"=?{charset}?Q?{''.join(out)}?="


def rfc2047_subject(text: str, charset: str, mode: str, chunk: int = 40) -> str:
    """Folded encoded-words (several, each a whole number of characters)."""
    words = []
    i = 0
    while i < len(text):
        words.append(rfc2047(text[i:i + chunk], charset, mode))
        i += chunk
    return "\r\n ".join(words)


def rfc2231(name: str) -> str:
    return "UTF-8''" + quote(name.encode("utf-8"), safe="")


def crlf(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def iso(date_header: str) -> str:
    return parsedate_to_datetime(date_header).isoformat()


# --------------------------------------------------------------------------- docx helpers

def docx_new():
    import docx
    from docx.shared import Pt
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    return doc


def docx_content(doc, content: list, bullet_style: str = "List Bullet") -> None:
    for item in content:
        if isinstance(item, str):
            doc.add_paragraph(item)
            continue
        kind, payload = item
        if kind == "ul":
            for it in payload:
                doc.add_paragraph(it, style=bullet_style)
        elif kind == "ol":
            for it in payload:
                doc.add_paragraph(it, style="List Number")
        elif kind == "table":
            t = doc.add_table(rows=0, cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                cells = t.add_row().cells
                for c, val in enumerate(row):
                    cells[c].text = val
                    if r == 0:
                        for run in cells[c].paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
        else:
            raise ValueError(kind)


def docx_text(data: bytes) -> str:
    import docx
    d = docx.Document(io.BytesIO(data))
    out = []

    def walk_tables(tables):
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
                    walk_tables(cell.tables)

    out.extend(p.text for p in d.paragraphs)
    walk_tables(d.tables)
    return "\n".join(out)


# =========================================================================== case 01
# Regional employers' federation; the whole proposal is a form: one two-column table
# "Rubrique | Contenu", budget and financing plan inside its cells.  Outlook, HTML +
# inline logo (multipart/related), windows-1252 quoted-printable, RFC 2047 file name.

def case01() -> tuple[bytes, dict, dict]:
    cid = "h3f-01"
    fname = "Dossier_candidature_Fabrique_CTO_UE-CVL_vdéf.docx"
    parts = [
        Part(("contexte",), "Contexte et origine du projet", [
            "Depuis 2020, les TPE et PME adhérentes de l'Union ont accéléré leur équipement "
            "numérique : logiciels de planification, outils de gestion commerciale, "
            "messageries collaboratives, badgeuses connectées.",
            "Nos enquêtes annuelles auprès des 1 240 entreprises adhérentes montrent que ces "
            "choix sont faits par le dirigeant seul, souvent sur les conseils de l'éditeur, "
            "et que les salariés découvrent les outils le jour du déploiement.",
        ]),
        Part(("objectifs",), "Objectifs visés", [
            "Outiller les dirigeants de petites entreprises pour qu'ils associent leurs "
            "salariés et leurs représentants aux choix technologiques, avant l'achat.",
            "Expérimenter dans 12 entreprises un « temps d'échange numérique » régulier "
            "entre direction, salariés et élus, et en tirer une méthode reproductible.",
        ]),
        Part(("problematique",), "Problématique de travail", [
            "Comment construire un dialogue social sur les outils numériques dans des "
            "entreprises de moins de 50 salariés, où il n'existe souvent ni CSE ni "
            "service informatique, sans alourdir la charge des dirigeants ?",
        ]),
        Part(("cibles",), "Publics et entreprises ciblés", [
            "12 TPE-PME volontaires du Loiret, du Cher et de l'Indre-et-Loire (commerce, "
            "transport, services à la personne), leurs dirigeants, leurs salariés et, là où "
            "ils existent, leurs élus du personnel.",
            "En second lieu, les conseillers emploi-formation des organisations "
            "professionnelles de la région, qui diffuseront la méthode.",
        ]),
        Part(("methodologie",), "Méthode d'intervention", [
            "Dans chaque entreprise, un binôme (chargée de mission de l'Union et "
            "conseiller de l'Aract) conduit un diagnostic court des usages numériques, "
            "puis anime trois ateliers réunissant direction et salariés autour d'un outil "
            "en cours de choix ou de déploiement.",
            "Les ateliers s'appuient sur des mises en situation et sur une grille simple "
            "d'analyse des effets du projet sur la charge, l'autonomie et les coopérations.",
        ]),
        Part(("phasage",), "Phasage et calendrier", [
            "Phase 1 (octobre à décembre 2022) : recrutement des 12 entreprises, "
            "diagnostics et constitution du groupe de travail régional.",
            "Phase 2 (janvier à juin 2023) : cycles d'ateliers dans les entreprises, "
            "deux journées inter-entreprises d'échange de pratiques.",
            "Phase 3 (juillet à novembre 2023) : formalisation de la méthode, guide "
            "pratique, séminaire régional de restitution en novembre 2023.",
        ]),
        Part(("pilotage",), "Pilotage / instances", [
            "Un comité de pilotage réunit tous les trimestres l'Union, l'Aract, la "
            "CFDT Centre-Val de Loire, l'Université de Tours et deux dirigeants "
            "d'entreprises pilotes ; il valide les étapes et arbitre les ajustements.",
            "Une équipe projet (chargée de mission, conseiller Aract, chercheuse) se "
            "réunit toutes les deux semaines.",
        ]),
        Part(("resultats",), "Résultats attendus", [
            "12 entreprises ayant conduit au moins un choix d'outil avec leurs salariés ; "
            "une méthode en quatre étapes testée et documentée ; un guide pratique de "
            "20 pages ; 30 conseillers des organisations professionnelles formés.",
        ]),
        Part(("perennisation",), "Suites du projet : pérennisation, essaimage", [
            "La méthode sera intégrée à l'offre de service de l'Union et proposée aux "
            "autres unions territoriales par le réseau interprofessionnel.",
            "Le guide sera publié sous licence Creative Commons et versé aux ressources "
            "du réseau Anact-Aract.",
        ]),
        Part(("partenaires",), "Partenaires associés (rôle de chacun)", [
            "Aract Centre-Val de Loire : co-conception de la grille d'analyse, "
            "co-animation des ateliers, participation au comité de pilotage.",
            "Union régionale interprofessionnelle CFDT Centre-Val de Loire : mobilisation "
            "des élus, regard syndical sur la méthode.",
            "Université de Tours (laboratoire Citeres) : observation des ateliers et "
            "évaluation de la démarche.",
            "Cluster Numéric'Centre : mise en relation avec des éditeurs de logiciels et "
            "témoignages lors des journées inter-entreprises.",
        ]),
    ]
    partners = ["Aract Centre-Val de Loire",
                "Union régionale interprofessionnelle CFDT Centre-Val de Loire",
                "Université de Tours", "Cluster Numéric'Centre"]
    budget = Budget(
        lines=[
            ("Chargée de mission transformation numérique (45 jours à 450 €)", "personnel", 20250),
            ("Responsable relations sociales (25 jours à 450 €)", "personnel", 11250),
            ("Déplacements des animateurs dans les départements", "deplacements_logistique", 2700),
            ("Logistique des ateliers et journées (salles, repas)", "deplacements_logistique", 1500),
            ("Prestation de facilitation graphique (cabinet extérieur)", "prestations", 9000),
            ("Conception graphique et impression du guide", "prestations", 6000),
        ],
        declared_total=50700,
        anact=40000,
        cofin=[("Autofinancement UE-CVL (temps de direction valorisé)", 6700),
               ("Région Centre-Val de Loire, dispositif « Cap Compétences » (demande déposée)", 4000)],
    )
    assert budget.sum_lines() == 50700 and budget.anact + budget.cofin_amount() == 50700

    # ---- document
    from docx.shared import Pt, Cm
    doc = docx_new()
    doc.core_properties.author = "Sophie Marchetti"
    t = doc.add_paragraph()
    r = t.add_run("Appel à manifestation d'intérêt « La Fabrique CTO »")
    r.bold = True
    r.font.size = Pt(14)
    doc.add_paragraph("Dossier de candidature – Union des entreprises du Centre-Val de Loire")
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    hdr = table.rows[0].cells
    for c, txt in zip(hdr, ("Rubrique", "Contenu")):
        c.text = txt
        c.paragraphs[0].runs[0].bold = True

    def row(label: str, paras: list[str]) -> None:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = paras[0]
        for ptxt in paras[1:]:
            cells[1].add_paragraph(ptxt)

    row("Structure porteuse", [
        "Union des entreprises du Centre-Val de Loire (UE-CVL), organisation "
        "interprofessionnelle d'employeurs, 1 240 entreprises adhérentes dont 85 % de TPE-PME.",
        "Contact : Sophie Marchetti, responsable du pôle emploi-compétences, 02 38 52 14 60."])
    row("Intitulé du projet", ["« Choisir ensemble » : le numérique en débat dans les petites entreprises"])
    for p in parts:
        row(p.heading, p.content)
    blines = [f"{lab} : {euro(a)}" for lab, _, a in budget.lines]
    blines.append(f"Total des dépenses : {euro(budget.declared_total)}")
    row("Budget prévisionnel (montants HT)", blines)
    flines = [f"Subvention sollicitée auprès de l'Anact : {euro(budget.anact)}"]
    flines += [f"{lab} : {euro(a)}" for lab, a in budget.cofin]
    flines.append(f"Total des ressources : {euro(budget.anact + budget.cofin_amount())}")
    row("Plan de financement", flines)
    for rr in table.rows:
        rr.cells[0].width = Cm(4.5)
        rr.cells[1].width = Cm(12)
    doc.add_paragraph("Fait à Orléans, le 18 août 2022.")
    data = docx_bytes(doc)

    # ---- message (Outlook 16, multipart/related with logo, windows-1252 QP)
    date = "Thu, 18 Aug 2022 16:47:12 +0200"
    subject = "Candidature AMI « La Fabrique CTO » – Union des entreprises Centre-Val de Loire"
    msgid = "<PR1P264MB2131A8C04E7D2F1B9C3E0A44B9639@PR1P264MB2131.FRAP264.PROD.OUTLOOK.COM>"
    sender = "s.marchetti@ue-centrevaldeloire.fr"
    text = ("Madame, Monsieur,\n\nVeuillez trouver ci-joint le dossier de candidature de "
            "l'Union des entreprises du Centre-Val de Loire à l'appel à manifestation "
            "d'intérêt « La Fabrique CTO ».\n\nJe reste à votre disposition pour tout "
            "complément.\n\nBien cordialement,\n\nSophie Marchetti\nResponsable pôle "
            "emploi-compétences\nUnion des entreprises du Centre-Val de Loire\n"
            "02 38 52 14 60\n")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            "</head><body lang=\"FR\"><div class=\"WordSection1\">"
            "<p class=\"MsoNormal\">Madame, Monsieur,<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Veuillez trouver ci-joint le dossier de candidature de "
            "l’Union des entreprises du Centre-Val de Loire à l’appel à manifestation "
            "d’intérêt «&nbsp;La Fabrique CTO&nbsp;».<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Je reste à votre disposition pour tout complément.<o:p></o:p></p>"
            "<p class=\"MsoNormal\">Bien cordialement,<o:p></o:p></p>"
            "<p class=\"MsoNormal\"><b>Sophie Marchetti</b><br>Responsable pôle emploi-compétences"
            "<br>Union des entreprises du Centre-Val de Loire<br>02 38 52 14 60</p>"
            "<p class=\"MsoNormal\"><img width=\"160\" height=\"48\" id=\"Image_x0020_1\" "
            "src=\"cid:image001.png@01D8B31F.6A4C2E10\" alt=\"UE-CVL\"></p>"
            "</div></body></html>")
    logo = make_png(160, 48, (0, 84, 147))
    b_mixed = "_004_PR1P264MB2131A8C04E7D2F1B9C3E0A44B9639PR1P264MB2131FRAP_"
    b_rel = "_003_PR1P264MB2131A8C04E7D2F1B9C3E0A44B9639PR1P264MB2131FRAP_"
    b_alt = "_000_PR1P264MB2131A8C04E7D2F1B9C3E0A44B9639PR1P264MB2131FRAP_"
    enc_name = rfc2047(fname, "utf-8", "B")
    eml = crlf(f"""Received: from PR1P264MB2131.FRAP264.PROD.OUTLOOK.COM ([fe80::5d1:9a2e:4f70:c3b1]) by
 PR1P264MB2131.FRAP264.PROD.OUTLOOK.COM with mapi id 15.20.5525.019; Thu, 18 Aug 2022
 14:47:12 +0000
From: Sophie Marchetti <{sender}>
To: "fabrique@anact.fr" <fabrique@anact.fr>
Subject: {rfc2047_subject(subject, "windows-1252", "Q", 34)}
Thread-Topic: {rfc2047_subject(subject, "windows-1252", "Q", 34)}
Thread-Index: AdizHxq7uN0m3zD4T1aKl5lq8lR0Xg==
Date: {date}
Message-ID: {msgid}
Accept-Language: fr-FR, en-US
Content-Language: fr-FR
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
X-Mailer: Microsoft Outlook 16.0
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
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(text, "windows-1252")}
--{b_alt}
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable

{qp(html, "windows-1252")}
--{b_alt}--

--{b_rel}
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"; size={len(logo)};
\tcreation-date="Thu, 18 Aug 2022 14:47:11 GMT";
\tmodification-date="Thu, 18 Aug 2022 14:47:11 GMT"
Content-ID: <image001.png@01D8B31F.6A4C2E10>
Content-Transfer-Encoding: base64

{b64lines(logo)}

--{b_rel}--

--{b_mixed}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
\tname="{enc_name}"
Content-Description: {enc_name}
Content-Disposition: attachment;
\tfilename="{enc_name}"; size={len(data)};
\tcreation-date="Thu, 18 Aug 2022 14:45:03 GMT";
\tmodification-date="Thu, 18 Aug 2022 14:47:11 GMT"
Content-Transfer-Encoding: base64

{b64lines(data)}

--{b_mixed}--
""")
    label = make_label(
        case="Fédération régionale d'employeurs : dossier entièrement rédigé dans un formulaire "
             "DOCX (tableau Rubrique | Contenu), budget et plan de financement dans les cellules ; "
             "Outlook HTML avec logo inline, nom de fichier RFC 2047",
        parts_by_source={fname: parts}, budget=budget, partners=partners,
        attachments=[(fname, "parsed"), ("image001.png", "skipped")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2022-10", "2023-11"), subject_names_call=True)
    files = {fname: data}
    return eml.encode("ascii"), label, files


def make_png(w: int, h: int, rgb: tuple[int, int, int]) -> bytes:
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle([2, 2, h - 4, h - 4], fill=rgb)
    d.rectangle([h + 4, h // 2 - 4, w - 6, h // 2 + 4], fill=rgb)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


# =========================================================================== case 02
# Works-council (CSE) expert firm; description with Word heading styles, exported to PDF
# by LibreOffice; budget given as a list in the text with "dont" detail lines under the
# category subtotals; co-financing as a list after an introductory sentence; Anact's
# amount in a sentence.  Thunderbird, text/plain format=flowed, RFC 2231 file name.

def case02() -> tuple[bytes, dict, dict]:
    cid = "h3f-02"
    fname = "Proposition Fabrique CTO – Ternaire Expertise.pdf"
    parts = [
        Part(("contexte",), "1. Pourquoi ce projet ?", [
            "Expert auprès des CSE depuis 2009, Ternaire Expertise intervient chaque année "
            "dans une soixantaine de consultations sur des projets importants introduisant "
            "de nouvelles technologies (article L. 2312-8 du code du travail).",
            "Nous constatons que ces consultations arrivent presque toujours trop tard : "
            "l'outil est choisi, paramétré, parfois déjà déployé, et l'expertise se limite "
            "à documenter des risques que plus personne ne peut réduire.",
        ]),
        Part(("objectifs",), "2. Ce que nous visons", [
            "Permettre aux élus et aux directions d'entreprises de 50 à 300 salariés de "
            "discuter d'un projet numérique pendant sa conception, et non après.",
            ("ul", [
                "construire avec eux un « accord de méthode numérique » type ;",
                "tester une expertise « au fil de l'eau » en trois temps ;",
                "former les élus à lire un cahier des charges technique.",
            ]),
        ]),
        Part(("problematique",), "3. La question posée", [
            "À quelles conditions la consultation du CSE sur un projet technologique "
            "peut-elle devenir un espace de conception partagée plutôt qu'une formalité "
            "juridique, dans des entreprises qui n'ont ni DSI ni service RH étoffé ?",
        ]),
        Part(("cibles",), "4. À qui s'adresse le projet", [
            "Aux CSE et aux directions de six entreprises industrielles de l'Isère et de la "
            "Savoie ayant un projet numérique en cours (ERP, maintenance prédictive, "
            "traçabilité), soit environ 40 élus et 15 cadres dirigeants.",
        ]),
        Part(("methodologie",), "5. Notre démarche", [
            "Chaque entreprise pilote bénéficie d'un accompagnement en trois temps : un "
            "atelier de cadrage paritaire sur le projet et ses enjeux de travail, deux "
            "revues intermédiaires pendant le paramétrage, un bilan à trois mois du "
            "démarrage.",
            "Entre ces temps, les élus disposent d'une permanence téléphonique et d'un "
            "espace partagé où déposer les documents du projet.",
        ]),
        Part(("phasage",), "6. Calendrier de réalisation", [
            "Le projet se déroulera de novembre 2022 à octobre 2023, en trois étapes.",
            ("ul", [
                "Novembre 2022 – janvier 2023 : choix des entreprises, accords de méthode.",
                "Février – juillet 2023 : accompagnement des six projets.",
                "Août – octobre 2023 : bilans, capitalisation, journée régionale.",
            ]),
        ]),
        Part(("pilotage",), "7. Gouvernance du projet", [
            "Un comité de suivi paritaire (un élu et un représentant de la direction par "
            "entreprise, l'Aract, l'UD CFE-CGC) se réunit trois fois ; un comité "
            "scientifique restreint avec le laboratoire PACTE valide les outils.",
        ]),
        Part(("resultats",), "8. Les effets attendus", [
            "Six accords de méthode signés, un modèle d'accord commenté, un module de "
            "formation des élus d'une journée, une note d'enseignements sur l'expertise "
            "anticipée.",
        ]),
        Part(("perennisation",), "9. Après le projet : diffusion et essaimage", [
            "Le modèle d'accord et le module de formation seront mis à disposition "
            "gratuitement de tous les CSE ; nous proposerons l'expertise anticipée à nos "
            "clients comme prestation courante à partir de 2024.",
        ]),
        Part(("partenaires",), "10. Nos partenaires", [
            ("ul", [
                "Aract Auvergne-Rhône-Alpes : co-animation des ateliers de cadrage et "
                "apport méthodologique sur l'analyse du travail.",
                "Laboratoire PACTE (Université Grenoble Alpes) : suivi scientifique et "
                "rédaction de la note d'enseignements.",
                "UD CFE-CGC de l'Isère : mobilisation des élus et relecture du modèle "
                "d'accord.",
            ]),
        ]),
    ]
    partners = ["Aract Auvergne-Rhône-Alpes", "Laboratoire PACTE", "UD CFE-CGC de l'Isère"]
    # category subtotal with its "dont" details: the label keeps the subtotal figure
    budget_list = [
        ("Personnel", "personnel", [("expert-consultant senior (30 jours)", 19200),
                                    ("chargée d'études (16 jours)", 9600)]),
        ("Déplacements et logistique", "deplacements_logistique",
         [("déplacements en Isère et Savoie", 2400), ("location de salles", 1200)]),
        ("Prestations", "prestations", [("facilitation graphique", 5000),
                                        ("réalisation d'une vidéo pédagogique", 7000)]),
    ]
    lines = []
    for head, cat, details in budget_list:
        lines.append((head, cat, float(sum(a for _, a in details))))
    budget = Budget(lines=lines, declared_total=44400, anact=35400,
                    cofin=[("Autofinancement du cabinet (temps non facturé)", 6000),
                           ("Fonds d'action sociale de la branche (acquis)", 3000)])
    assert budget.sum_lines() == 44400 and budget.anact + budget.cofin_amount() == 44400

    # ---- DOCX with heading styles -> PDF by LibreOffice Writer
    from docx.shared import Pt
    doc = docx_new()
    doc.core_properties.author = "Julien Ferrand"
    doc.add_heading("Ternaire Expertise – Proposition « La Fabrique CTO »", level=0)
    doc.add_paragraph("Projet « Consulter avant de déployer » : l'expertise CSE en amont "
                      "des projets technologiques")
    for p in parts:
        doc.add_heading(p.heading, level=1)
        docx_content(doc, p.content)
    doc.add_heading("11. Budget prévisionnel", level=1)
    doc.add_paragraph("Montants hors taxes (le cabinet est assujetti à la TVA).")
    for head, cat, details in budget_list:
        sub = sum(a for _, a in details)
        doc.add_paragraph(f"- {head} : {euro_plain(sub)}")
        for lab, a in details:
            p = doc.add_paragraph(f"dont {lab} : {euro_plain(a)}")
            p.paragraph_format.left_indent = Pt(24)
    doc.add_paragraph(f"Coût total du projet : {euro_plain(budget.declared_total)}")
    doc.add_paragraph(f"Nous sollicitons auprès de l'Anact une subvention de "
                      f"{euro_plain(budget.anact)}, soit 79,7 % du coût total.")
    doc.add_paragraph("Co-financements envisagés ou acquis :")
    for lab, a in budget.cofin:
        doc.add_paragraph(f"- {lab} : {euro_plain(a)}")
    doc.add_paragraph(f"Total des co-financements : {euro_plain(budget.cofin_amount())} "
                      f"(20,3 %).")
    assert round(budget.anact / budget.declared_total * 100, 1) == 79.7
    assert round(budget.cofin_amount() / budget.declared_total * 100, 1) == 20.3
    wd = WORK / cid
    wd.mkdir(parents=True, exist_ok=True)
    src = wd / "proposition.docx"
    src.write_bytes(docx_bytes(doc))
    pdf = soffice_convert(src, "pdf", wd).read_bytes()

    date = "Mon, 22 Aug 2022 11:05:38 +0200"
    subject = "Réponse à l'AMI Fabrique CTO - Ternaire Expertise"
    msgid = "<7c1f4e0a-2b9d-4c55-a3f6-0d8e91b2c7a4@ternaire-expertise.fr>"
    sender = "j.ferrand@ternaire-expertise.fr"
    body = ("Bonjour,\n\nComme suite à l'appel à manifestation d'intérêt \"Développer le \n"
            "dialogue social technologique au travail\", vous trouverez en pièce \n"
            "jointe la proposition du cabinet Ternaire Expertise (description du \n"
            "projet, budget et partenaires dans le même document).\n\n"
            "Bien cordialement,\n\n-- \nJulien Ferrand\nAssocié - Ternaire Expertise\n"
            "Expert habilité auprès des CSE\n04 76 21 88 03\n")
    boundary = "------------0Q2b7yH5kVw1mXz9RfT4cLpA"
    eml = crlf(f"""Message-ID: {msgid}
Date: {date}
MIME-Version: 1.0
User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101
 Thunderbird/91.12.0
Content-Language: fr
To: fabrique@anact.fr
From: Julien Ferrand <{sender}>
Subject: {rfc2047_subject(subject, "UTF-8", "Q", 30)}
Content-Type: multipart/mixed; boundary="{boundary}"

This is a multi-part message in MIME format.
--{boundary}
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

{body}
--{boundary}
Content-Type: application/pdf; name*={rfc2231(fname)}
Content-Disposition: attachment; filename*={rfc2231(fname)}
Content-Transfer-Encoding: base64

{b64lines(pdf)}

--{boundary}--
""")
    label = make_label(
        case="Cabinet d'expertise CSE : PDF exporté de Writer, titres en questions, budget en "
             "liste dans le texte avec sous-lignes « dont », demande Anact dans une phrase ; "
             "Thunderbird, nom RFC 2231",
        parts_by_source={fname: parts}, budget=budget, partners=partners,
        attachments=[(fname, "parsed")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2022-11", "2023-10"), subject_names_call=True)
    return eml.encode("utf-8"), label, {fname: pdf}


# =========================================================================== case 03
# Mutual insurer's prevention department; DOCX without heading styles: whole-bold lines
# open the parts, in an order of its own (objectives first, partners before the method);
# a bold "Porteur :" label inside a paragraph is not a heading.  Budget and financing in
# Word tables.  Defect: co-financing 14.93 % (< 20 %).  Apple Mail, NFD file name in
# RFC 2231 / RFC 2047, signature in a trailing text/plain part.

def case03() -> tuple[bytes, dict, dict]:
    cid = "h3f-03"
    fname = "Dossier prévention numérique MSO.docx"
    parts = [
        Part(("objectifs",), "Nos objectifs", [
            "Aider les petites structures adhérentes de nos contrats collectifs à repérer, "
            "avant qu'ils ne s'installent, les effets des outils numériques sur la santé "
            "de leurs salariés : hyperconnexion, interruptions, perte d'autonomie.",
            "Faire de la prévention un sujet de dialogue entre employeurs, salariés et "
            "représentants, et non une affaire de spécialistes.",
        ]),
        Part(("contexte",), "D'où part-on ?", [
            "La Mutuelle Solidaire de l'Ouest couvre 2 300 entreprises en prévoyance et "
            "santé collective, dont les trois quarts comptent moins de 20 salariés.",
            "Nos données d'arrêts de travail montrent depuis 2020 une hausse des troubles "
            "psychosociaux dans les métiers administratifs et d'accueil, que nos "
            "préventeurs relient souvent, sur le terrain, à des changements d'outils mal "
            "préparés.",
        ]),
        Part(("cibles",), "Les publics concernés", [
            "Dix structures de 10 à 80 salariés (cabinets d'expertise comptable, agences "
            "immobilières, associations d'aide à domicile) en Bretagne et Pays de la Loire, "
            "leurs dirigeants, leurs salariés et leurs élus de proximité.",
        ]),
        Part(("problematique",), "La question qui nous occupe", [
            "Comment une mutuelle, acteur de la prévention mais extérieur à l'entreprise, "
            "peut-elle susciter un dialogue sur les usages numériques qui ne se réduise "
            "pas à des conseils individuels de « bonne hygiène numérique » ?",
        ]),
        Part(("partenaires",), "Avec qui ?", [
            ("ul", [
                "Aract Bretagne : appui méthodologique, co-animation des rencontres "
                "régionales.",
                "Aract Pays de la Loire : mobilisation de structures ligériennes et "
                "relecture des outils.",
                "Service de prévention et de santé au travail SPST 35 : apport des "
                "médecins et infirmiers du travail lors des diagnostics.",
            ]),
        ]),
        Part(("methodologie",), "Comment nous allons procéder", [
            "Dans chaque structure, un préventeur de la mutuelle et un ergonome réalisent "
            "un état des lieux des outils et de leurs usages (observations, entretiens), "
            "puis réunissent un « cercle numérique » de 6 à 8 personnes qui choisit deux "
            "situations de travail à améliorer et suit les essais pendant trois mois.",
        ]),
        Part(("phasage",), "Étapes et calendrier", [
            "Décembre 2022 – février 2023 : sélection des structures et états des lieux.",
            "Mars – août 2023 : cercles numériques et essais d'aménagements.",
            "Septembre – novembre 2023 : évaluation, deux rencontres régionales, "
            "publication des fiches.",
        ]),
        Part(("resultats",), "Ce que nous attendons du projet", [
            "Dix cercles numériques installés, une vingtaine d'aménagements testés, un jeu "
            "de fiches pratiques pour les petites structures, des indicateurs de suivi "
            "intégrés à notre offre de prévention.",
        ]),
        Part(("pilotage",), "Qui pilote ?", [
            "La direction Prévention & santé au travail porte le projet. Un comité de "
            "pilotage (mutuelle, deux Aract, SPST 35, deux dirigeants, deux salariés "
            "élus) se réunit en décembre 2022, en mai 2023 et en novembre 2023.",
        ]),
        Part(("perennisation",), "Et après ?", [
            "Les cercles numériques deviendront une prestation de prévention proposée à "
            "toutes les entreprises adhérentes ; les fiches seront partagées avec les "
            "autres mutuelles du groupement et avec le réseau Anact-Aract.",
        ]),
    ]
    partners = ["Aract Bretagne", "Aract Pays de la Loire", "SPST 35"]
    budget = Budget(
        lines=[
            ("Préventeurs de la mutuelle (60 jours)", "personnel", 27000),
            ("Chargé de communication (10 jours)", "personnel", 4000),
            ("Déplacements dans les structures", "deplacements_logistique", 3800),
            ("Deux rencontres régionales (salles, traiteur)", "deplacements_logistique", 4200),
            ("Ergonome consultant – cabinet extérieur (25 jours)", "prestations", 15000),
            ("Animation de webinaires par un prestataire", "prestations", 3600),
        ],
        declared_total=57600, anact=49000,
        cofin=[("Autofinancement MSO (fonds de prévention)", 8600)],
    )
    assert budget.sum_lines() == 57600 and budget.anact + budget.cofin_amount() == 57600
    assert budget.cofin_amount() / budget.total_cost() < 0.2

    from docx.shared import Pt
    doc = docx_new()
    doc.core_properties.author = "Hélène Le Goff"

    def bold_line(txt: str, size: float | None = None) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        r = p.add_run(txt)
        r.bold = True
        if size:
            r.font.size = Pt(size)

    bold_line("« Cercles numériques » – prévenir les effets des outils numériques dans les "
              "petites structures", 13)
    p = doc.add_paragraph()
    p.add_run("Porteur : ").bold = True
    p.add_run("Mutuelle Solidaire de l'Ouest, direction Prévention & santé au travail, "
              "12 rue de Brest, 35000 Rennes. ")
    p.add_run("Contact : ").bold = True
    p.add_run("Hélène Le Goff, responsable prévention.")
    for part in parts:
        bold_line(part.heading)
        for item in part.content:
            if isinstance(item, str):
                doc.add_paragraph(item)
            else:
                for it in item[1]:
                    doc.add_paragraph(it, style="List Bullet")
    bold_line("Budget et financement")
    doc.add_paragraph("Dépenses prévisionnelles (montants HT) :")
    rows = [["Poste", "Nature", "Montant HT"]]
    nature = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
              "prestations": "Prestations"}
    for lab, cat, amt in budget.lines:
        rows.append([lab, nature[cat], euro_plain(amt)])
    rows.append(["Total des dépenses", "", euro_plain(budget.declared_total)])
    docx_content(doc, [("table", rows)])
    doc.add_paragraph("Plan de financement :")
    frows = [["Ressource", "Montant", "Part"],
             ["Anact – La Fabrique CTO (sollicité)", euro_plain(budget.anact), "85,1 %"]]
    for lab, a in budget.cofin:
        frows.append([lab, euro_plain(a), "14,9 %"])
    frows.append(["Total", euro_plain(budget.anact + budget.cofin_amount()), "100 %"])
    assert round(budget.anact / budget.total_cost() * 100, 1) == 85.1
    docx_content(doc, [("table", frows)])
    data = docx_bytes(doc)

    date = "Tue, 23 Aug 2022 18:21:44 +0200"
    subject = "AMI La Fabrique CTO : candidature de la Mutuelle Solidaire de l'Ouest"
    msgid = "<B5E0C2D4-8F1A-4A6B-9C3E-2D7F1E60A9B3@mso-mutuelle.fr>"
    sender = "helene.legoff@mso-mutuelle.fr"
    nfd = unicodedata.normalize("NFD", fname)
    b = "Apple-Mail=_6E1C7B0A-3D2F-4E85-A9F4-51C0D8B27E66"
    intro = ("Bonjour,\n\nVous trouverez ci-joint notre dossier de candidature pour l'appel "
             "à manifestation d'intérêt.\n\nNous restons à votre disposition.\n\n")
    sig = ("\nHélène Le Goff\nResponsable prévention\nMutuelle Solidaire de l'Ouest\n"
           "06 71 42 90 18\n\n")
    qname = rfc2047(nfd, "utf-8", "Q")
    eml = crlf(f"""From: =?utf-8?Q?H=C3=A9l=C3=A8ne_Le_Goff?= <{sender}>
Content-Type: multipart/mixed;
\tboundary="{b}"
Mime-Version: 1.0 (Mac OS X Mail 15.0 \\(3693.60.0.1.1\\))
Subject: {rfc2047_subject(subject, "utf-8", "Q", 30)}
Message-Id: {msgid}
Date: {date}
To: fabrique@anact.fr
X-Mailer: Apple Mail (2.3693.60.0.1.1)


--{b}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(intro, "utf-8")}
--{b}
Content-Disposition: attachment;
\tfilename*={rfc2231(nfd)}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
\tx-unix-mode=0644;
\tname="{qname}"
Content-Transfer-Encoding: base64

{b64lines(data)}
--{b}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

{qp(sig, "utf-8")}
--{b}--
""")
    label = make_label(
        case="Direction prévention d'une mutuelle : DOCX à titres en lignes grasses, parties dans "
             "un ordre propre (objectifs d'abord) ; co-financement à 14,93 % ; Apple Mail, nom "
             "de fichier NFD",
        parts_by_source={fname: parts}, budget=budget, partners=partners,
        attachments=[(fname, "parsed")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2022-12", "2023-11"), subject_names_call=True)
    return eml.encode("ascii"), label, {fname: data}


# =========================================================================== case 04
# Training organisation; ODT written with odfpy (real Heading 1 styles with outline
# levels, lists, tables), lettered headings; dates to the day.  Roundcube webmail,
# ISO-8859-1 quoted-printable body, plain file name.

def odt_bytes(build) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties, ParagraphProperties, TableColumnProperties
    from odf import text as T, table as TB, meta, dc
    doc = OpenDocumentText()
    h1 = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph",
               defaultoutlinelevel="1")
    h1.addElement(ParagraphProperties(margintop="0.42cm", marginbottom="0.21cm",
                                      keepwithnext="always"))
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color="#1F4E79"))
    doc.styles.addElement(h1)
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    doc.styles.addElement(title)
    body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.2cm"))
    doc.styles.addElement(body)
    cellp = Style(name="Table_20_Contents", displayname="Table Contents", family="paragraph")
    doc.styles.addElement(cellp)
    doc.meta.addElement(dc.Creator(text="Nadia Benali"))
    doc.meta.addElement(dc.Date(text="2022-08-19T10:12:00"))
    doc.meta.addElement(meta.CreationDate(text="2022-08-10T09:30:00"))

    class W:
        pass
    w = W()
    w.doc = doc

    def h(txt):
        doc.text.addElement(T.H(outlinelevel=1, stylename=h1, text=txt))

    def p(txt, style=body):
        doc.text.addElement(T.P(stylename=style, text=txt))

    def ul(items):
        lst = T.List()
        for it in items:
            li = T.ListItem()
            li.addElement(T.P(stylename=body, text=it))
            lst.addElement(li)
        doc.text.addElement(lst)

    def tab(rows, name):
        t = TB.Table(name=name)
        t.addElement(TB.TableColumn(numbercolumnsrepeated=len(rows[0])))
        for row in rows:
            tr = TB.TableRow()
            for val in row:
                tc = TB.TableCell(valuetype="string")
                tc.addElement(T.P(stylename=cellp, text=val))
                tr.addElement(tc)
            t.addElement(tr)
        doc.text.addElement(t)

    w.h, w.p, w.ul, w.tab, w.title = h, p, ul, tab, title
    build(w)
    buf = io.BytesIO()
    doc.write(buf)
    return normalize_zip(buf.getvalue())


def case04() -> tuple[bytes, dict, dict]:
    cid = "h3f-04"
    fname = "projet_AFDS_fabrique_cto.odt"
    parts = [
        Part(("contexte",), "A – Contexte de la démarche", [
            "Organisme de formation des représentants du personnel et des managers de "
            "proximité, l'AFDS forme chaque année près de 900 stagiaires en Occitanie.",
            "Dans nos sessions « CSE – santé, sécurité et conditions de travail », les "
            "questions liées aux outils numériques (logiciels métiers, télétravail, "
            "géolocalisation) occupent désormais une place centrale, sans que les élus "
            "disposent de repères pour en débattre avec leur direction.",
        ]),
        Part(("objectifs",), "B – Finalités et objectifs", [
            ("ul", [
                "Concevoir une formation-action commune élus / managers sur le dialogue "
                "autour des projets numériques.",
                "L'expérimenter dans huit entreprises de 30 à 250 salariés.",
                "Produire un jeu de simulation réutilisable par d'autres organismes.",
            ]),
        ]),
        Part(("problematique",), "C – Problématique", [
            "Former séparément élus et managers entretient des visions opposées du "
            "numérique ; peut-on, en les formant ensemble sur un projet réel de leur "
            "entreprise, créer les conditions d'un dialogue social technologique durable ?",
        ]),
        Part(("cibles",), "D – Publics visés", [
            "Binômes élus CSE / managers de proximité de huit entreprises de l'Hérault et "
            "du Gard (agroalimentaire, logistique, médico-social), soit 48 stagiaires ; "
            "à terme, les formateurs d'autres organismes habilités.",
        ]),
        Part(("methodologie",), "E – Ingénierie pédagogique et méthode", [
            "Chaque entreprise suit un parcours de trois journées espacées d'un mois : "
            "diagnostic partagé d'un projet numérique de l'entreprise, jeu de simulation "
            "« Déploiement », puis construction d'un plan d'action discuté en CSE.",
            "Entre les journées, les binômes réalisent des observations de terrain "
            "outillées par une grille fournie par l'AFDS et l'Aract.",
        ]),
        Part(("phasage",), "F – Phasage", [
            "Le projet se déroule du 3 octobre 2022 au 29 septembre 2023.",
            ("ul", [
                "Octobre – décembre 2022 : ingénierie, conception du jeu de simulation.",
                "Janvier – juin 2023 : huit parcours en entreprise.",
                "Juillet – septembre 2023 : évaluation, capitalisation, transfert aux "
                "formateurs.",
            ]),
        ]),
        Part(("pilotage",), "G – Pilotage du projet", [
            "Comité de pilotage : AFDS, Aract Occitanie, OPCO EP, deux entreprises "
            "pilotes ; trois réunions (lancement, mi-parcours, bilan). Un comité "
            "pédagogique interne se réunit chaque mois.",
        ]),
        Part(("resultats",), "H – Résultats attendus", [
            "48 stagiaires formés en binômes, huit plans d'action présentés en CSE, un jeu "
            "de simulation éprouvé, un guide du formateur.",
        ]),
        Part(("perennisation",), "I – Pérennisation et essaimage", [
            "La formation-action entrera dans notre catalogue inter et intra-entreprises "
            "dès 2024 ; le jeu et le guide du formateur seront diffusés sous licence "
            "libre aux organismes de formation des élus.",
        ]),
        Part(("partenaires",), "J – Partenariats", [
            "Trois partenaires sont engagés à nos côtés :",
            ("ul", [
                "l'Aract Occitanie, qui co-construit la grille d'observation et participe "
                "à l'évaluation ;",
                "Ludimétiers, studio coopératif de jeux sérieux, qui co-conçoit le jeu de "
                "simulation ;",
                "l'Union départementale CFTC de l'Hérault, qui relaie le projet auprès des "
                "élus.",
            ]),
        ]),
    ]
    partners = ["Aract Occitanie", "Ludimétiers", "Union départementale CFTC de l'Hérault"]
    budget = Budget(
        lines=[
            ("Formatrice référente AFDS (35 jours)", "personnel", 21000),
            ("Ingénieure pédagogique (15 jours)", "personnel", 7500),
            ("Déplacements des formateurs", "deplacements_logistique", 2300),
            ("Location de salles et pauses", "deplacements_logistique", 1500),
            ("Captation vidéo et montage (prestataire)", "prestations", 4500),
            ("Conception du jeu de simulation (studio extérieur)", "prestations", 9000),
        ],
        declared_total=45800, anact=36000,
        cofin=[("OPCO EP – actions collectives (en cours d'instruction)", 5000),
               ("Autofinancement AFDS", 4800)],
    )
    assert budget.sum_lines() == 45800 and budget.anact + budget.cofin_amount() == 45800
    qty = {"Formatrice référente AFDS (35 jours)": ("35 j", "600 €"),
           "Ingénieure pédagogique (15 jours)": ("15 j", "500 €"),
           "Location de salles et pauses": ("6", "250 €")}
    for lab, (q, u) in qty.items():
        amt = next(a for l, _, a in budget.lines if l == lab)
        assert float(q.split()[0]) * float(u.split()[0]) == amt

    def build(w):
        w.p("AFDS – Atelier Formation Dialogue Social", w.title)
        w.p("Réponse à l'appel à manifestation d'intérêt « La Fabrique CTO » – projet "
            "« Former ensemble au numérique »")
        for part in parts:
            w.h(part.heading)
            for item in part.content:
                if isinstance(item, str):
                    w.p(item)
                else:
                    w.ul(item[1])
        w.h("K – Budget prévisionnel")
        w.p("Montants en euros ; l'AFDS, organisme de formation, est exonérée de TVA.")
        rows = [["Nature de la dépense", "Quantité", "Coût unitaire", "Montant"]]
        for lab, cat, amt in budget.lines:
            q, u = qty.get(lab, ("", ""))
            rows.append([lab, q, u, euro_plain(amt)])
        rows.append(["Total", "", "", euro_plain(budget.declared_total)])
        w.tab(rows, "Depenses")
        w.p("Financement du projet :")
        frows = [["Ressources", "Montant", "Statut"],
                 ["Anact – La Fabrique CTO", euro_plain(budget.anact), "sollicité"],
                 ["OPCO EP – actions collectives", euro_plain(5000), "en cours d'instruction"],
                 ["Autofinancement AFDS", euro_plain(4800), "acquis"],
                 ["Total", euro_plain(45800), ""]]
        w.tab(frows, "Ressources")

    data = odt_bytes(build)

    date = "Fri, 19 Aug 2022 10:26:51 +0200"
    subject = "Candidature AMI Fabrique CTO - AFDS Occitanie"
    msgid = "<4d0c2a9e81f3b7c5a61e0f9d2b8c7a13@webmail.afds-formation.fr>"
    sender = "n.benali@afds-formation.fr"
    body = ("Bonjour,\n\nJe vous prie de trouver en pièce jointe la réponse de l'AFDS à "
            "l'appel à\nmanifestation d'intérêt « Développer le dialogue social "
            "technologique au\ntravail » (document au format OpenDocument).\n\n"
            "Cordialement,\n\nNadia Benali\nDirectrice pédagogique\n"
            "AFDS - Atelier Formation Dialogue Social\n34000 Montpellier\n")
    b = "=_8c1d5e2f0a7b39c64e1d2f8a0b5c7e93"
    eml = crlf(f"""MIME-Version: 1.0
Date: {date}
From: Nadia Benali <{sender}>
To: fabrique@anact.fr
Subject: {subject}
Message-ID: {msgid}
X-Sender: {sender}
User-Agent: Roundcube Webmail/1.5.2
Content-Type: multipart/mixed;
 boundary="{b}"

--{b}
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=ISO-8859-1;
 format=flowed

{qp(body, "iso-8859-1")}

--{b}
Content-Transfer-Encoding: base64
Content-Type: application/vnd.oasis.opendocument.text;
 name={fname}
Content-Disposition: attachment;
 filename={fname};
 size={len(data)}

{b64lines(data)}
--{b}--
""")
    label = make_label(
        case="Organisme de formation : ODT écrit avec odfpy (styles Titre 1, titres lettrés A–K), "
             "dates au jour près, budget en tableau avec quantités ; Roundcube, ISO-8859-1 QP",
        parts_by_source={fname: parts}, budget=budget, partners=partners,
        attachments=[(fname, "parsed")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2022-10-03", "2023-09-29"), subject_names_call=True)
    return eml.encode("ascii"), label, {fname: data}


# =========================================================================== case 05
# Hospital group's quality department; description PDF made with fpdf2 (numbered bold
# headings, one heading "Méthodologie et phasage" covering two parts), budget in an XLSX
# with three sheets (Synthèse / Dépenses / Financement) and cross-sheet formulas, computed
# and cached by LibreOffice; category subtotals over detail lines; co-financing exactly
# 20 %; project ends exactly on 30 December 2023.  Zimbra web client, HTML + text.

def fpdf_doc(build) -> bytes:
    from fpdf import FPDF
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2022, 8, 17, 15, 2, 0, tzinfo=timezone.utc))
    pdf.set_author("Direction de la qualité et de la gestion des risques")
    pdf.set_title("Projet La Fabrique CTO")
    font_dir = "/usr/share/fonts/truetype/dejavu"
    pdf.add_font("DejaVu", "", f"{font_dir}/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", f"{font_dir}/DejaVuSans-Bold.ttf")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    build(pdf)
    return bytes(pdf.output())


def case05() -> tuple[bytes, dict, dict]:
    cid = "h3f-05"
    f_pdf = "GHTV_Projet_FabriqueCTO.pdf"
    f_xlsx = "GHTV_Budget_FabriqueCTO.xlsx"
    parts = [
        Part(("contexte",), "1. Éléments de contexte", [
            "Le Groupe hospitalier des Trois Vallées (GHTV) réunit quatre établissements "
            "de l'Orne et du Calvados, 2 900 professionnels et 1 150 lits et places.",
            "Entre 2020 et 2022, le groupe a déployé un dossier patient informatisé "
            "commun, la prescription connectée et un logiciel de gestion des temps. Les "
            "déclarations d'événements indésirables et les remontées des représentants "
            "du personnel signalent une charge de saisie accrue et des contournements qui "
            "pèsent sur la qualité des soins.",
        ]),
        Part(("objectifs",), "2. Objectifs du projet", [
            "Construire avec les équipes soignantes, les représentants du personnel et "
            "la direction des systèmes d'information une démarche d'évaluation "
            "participative des outils numériques en service, qui alimente les choix de "
            "paramétrage et les futures acquisitions.",
        ]),
        Part(("problematique",), "3. Problématique", [
            "Les évolutions des logiciels hospitaliers sont décidées dans des instances "
            "techniques où le travail réel des soignants n'est pas représenté : comment "
            "faire entrer la parole des équipes et celle des représentants du personnel "
            "dans la boucle de décision, sans créer une instance de plus ?",
        ]),
        Part(("cibles",), "4. Population cible", [
            "Six unités de soins pilotes (médecine, chirurgie, SSR, EHPAD) réparties sur "
            "les quatre sites, soit environ 220 professionnels ; les membres de la "
            "formation spécialisée en santé, sécurité et conditions de travail ; les "
            "équipes de la DSI et de la direction des soins.",
        ]),
        Part(("methodologie", "phasage"), "5. Méthodologie et phasage", [
            "La démarche combine l'analyse de l'activité réelle et des ateliers de "
            "simulation menés dans chaque unité pilote, suivis de « revues d'usage » "
            "paritaires qui transmettent des demandes d'évolution à la DSI.",
            ("ul", [
                "Janvier – mars 2023 : observations et entretiens dans les six unités.",
                "Avril – septembre 2023 : ateliers de simulation et revues d'usage.",
                "Octobre – décembre 2023 : évaluation, rédaction du guide, restitution "
                "en instance le 30 décembre 2023 au plus tard.",
            ]),
            "Le projet se déroule du 2 janvier 2023 au 30 décembre 2023.",
        ]),
        Part(("pilotage",), "6. Gouvernance et comitologie", [
            "Un comité de pilotage présidé par la directrice qualité réunit la direction "
            "des soins, la DSI, deux représentants de la formation spécialisée, l'Aract "
            "Normandie et l'université ; il se tient en janvier, juin et décembre 2023. "
            "Une cellule opérationnelle hebdomadaire suit l'avancement.",
        ]),
        Part(("resultats",), "7. Résultats attendus et indicateurs", [
            "Au moins 30 demandes d'évolution issues des revues d'usage instruites par la "
            "DSI ; une baisse mesurée du temps de double saisie dans les unités pilotes ; "
            "un guide de la revue d'usage ; une note pour les autres groupements "
            "hospitaliers.",
        ]),
        Part(("perennisation",), "8. Pérennisation et diffusion", [
            "Les revues d'usage seront inscrites dans la politique qualité du groupe à "
            "partir de 2024 et le guide sera diffusé via le réseau régional qualité et le "
            "réseau Anact-Aract.",
        ]),
        Part(("partenaires",), "9. Partenaires", [
            ("ul", [
                "Aract Normandie : appui à l'analyse de l'activité, co-animation des "
                "ateliers de simulation.",
                "Université de Caen Normandie (laboratoire CERReV) : évaluation "
                "qualitative de la démarche.",
                "Réseau régional qualité santé Normandie : diffusion du guide auprès des "
                "établissements de la région.",
            ]),
        ]),
    ]
    partners = ["Aract Normandie", "Université de Caen Normandie",
                "Réseau régional qualité santé Normandie"]
    # (category header, category id, [(poste, jours, taux) or (poste, montant)])
    groups = [
        ("Dépenses de personnel", "personnel",
         [("Ingénieure qualité (40 jours)", 40, 420), ("Cadre de santé (30 jours)", 30, 380),
          ("Psychologue du travail (15 jours)", 15, 450)]),
        ("Déplacements et logistique", "deplacements_logistique",
         [("Déplacements inter-sites", None, 1850),
          ("Logistique des ateliers (salles, repas)", None, 2400)]),
        ("Prestations", "prestations",
         [("Accompagnement ergonomique (cabinet extérieur)", None, 14000),
          ("Conception des supports de restitution (graphiste)", None, 3800)]),
    ]
    lines = []
    for _, cat, items in groups:
        for lab, j, t in items:
            lines.append((lab, cat, float(j * t if j else t)))
    total = sum(a for _, _, a in lines)
    anact = round(total * 0.8)
    budget = Budget(lines=lines, declared_total=total, anact=anact,
                    cofin=[("Autofinancement GHTV (temps des agents valorisé)", 8400),
                           ("ARS Normandie – Fonds d'intervention régional (sollicité)", 3000)])
    assert total == 57000 and anact == 45600
    assert anact + budget.cofin_amount() == total and budget.cofin_amount() / total == 0.2

    # ---- XLSX with formulas, computed by LibreOffice
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    wb = openpyxl.Workbook()
    syn = wb.active
    syn.title = "Synthèse"
    dep = wb.create_sheet("Dépenses")
    fin = wb.create_sheet("Financement")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    dep["A1"] = "Budget prévisionnel – projet « Revues d'usage du numérique en soins » (montants en euros HT)"
    dep["A1"].font = bold
    dep.append([])
    dep.append(["Catégorie", "Poste", "Jours", "Coût journalier", "Montant"])
    for c in dep[3]:
        c.font = bold
        c.fill = fill
    subtot_cells = {}
    for head, cat, items in groups:
        first = dep.max_row + 1
        for lab, j, t in items:
            r = dep.max_row + 1
            if j:
                dep.append([head, lab, j, t, f"=C{r}*D{r}"])
            else:
                dep.append([head, lab, None, None, t])
        last = dep.max_row
        r = last + 1
        dep.append([f"Sous-total {head.lower()}", None, None, None, f"=SUM(E{first}:E{last})"])
        for c in dep[r]:
            c.font = bold
        subtot_cells[cat] = f"E{r}"
    r_total = dep.max_row + 2
    dep.cell(r_total, 1, "TOTAL DES DÉPENSES").font = bold
    dep.cell(r_total, 5, "=" + "+".join(subtot_cells.values())).font = bold
    for col, w in zip("ABCDE", (34, 52, 8, 16, 14)):
        dep.column_dimensions[col].width = w
    for row in dep.iter_rows(min_row=4, min_col=4, max_col=5):
        for c in row:
            c.number_format = '#,##0 "€"'

    fin["A1"] = "Plan de financement"
    fin["A1"].font = bold
    fin.append([])
    fin.append(["Ressource", "Nature", "Montant", "Part du coût total"])
    for c in fin[3]:
        c.font = bold
        c.fill = fill
    fin.append(["Anact – La Fabrique CTO", "Subvention sollicitée",
                f"=ROUND('Dépenses'!E{r_total}*0.8,0)", f"=C4/C$8"])
    fin.append(["Autofinancement GHTV", "Temps des agents valorisé", 8400, "=C5/C$8"])
    fin.append(["ARS Normandie – Fonds d'intervention régional", "Sollicité", 3000, "=C6/C$8"])
    fin.append([])
    fin.append(["Total des ressources", None, "=SUM(C4:C6)", "=C8/C$8"])
    fin.append([])
    fin.append(["dont co-financements (hors Anact)", None, "=C5+C6", "=C10/C$8"])
    for col, w in zip("ABCD", (44, 28, 14, 18)):
        fin.column_dimensions[col].width = w
    for rr in (4, 5, 6, 8, 10):
        fin[f"C{rr}"].number_format = '#,##0 "€"'
        fin[f"D{rr}"].number_format = "0.0%"
    fin["A8"].font = bold
    fin["C8"].font = bold

    syn["A1"] = "Groupe hospitalier des Trois Vallées – La Fabrique CTO – synthèse budgétaire"
    syn["A1"].font = bold
    syn.append([])
    syn.append(["Poste", "Montant"])
    syn["A3"].font = syn["B3"].font = bold
    syn.append(["Dépenses de personnel", f"='Dépenses'!{subtot_cells['personnel']}"])
    syn.append(["Déplacements et logistique", f"='Dépenses'!{subtot_cells['deplacements_logistique']}"])
    syn.append(["Prestations", f"='Dépenses'!{subtot_cells['prestations']}"])
    syn.append(["Coût total du projet", f"='Dépenses'!E{r_total}"])
    syn.append([])
    syn.append(["Demande à l'Anact", "=Financement!C4"])
    syn.append(["Co-financements", "=Financement!C10"])
    syn.append(["Taux de co-financement", "=B10/B7"])
    for rr in range(4, 11):
        syn[f"B{rr}"].number_format = '#,##0 "€"'
    syn["B11"].number_format = "0.0%"
    syn.column_dimensions["A"].width = 34
    syn.column_dimensions["B"].width = 16
    wd = WORK / cid
    wd.mkdir(parents=True, exist_ok=True)
    raw = wd / "raw" / f_xlsx
    raw.parent.mkdir(parents=True, exist_ok=True)
    wb.save(raw)
    xlsx = soffice_convert(raw, "xlsx:Calc MS Excel 2007 XML", wd / "lo").read_bytes()
    # the cached values must be LibreOffice's and match the specification
    wbv = openpyxl.load_workbook(io.BytesIO(xlsx), data_only=True)
    assert wbv["Dépenses"][f"E{r_total}"].value == total, wbv["Dépenses"][f"E{r_total}"].value
    assert wbv["Financement"]["C4"].value == anact
    assert wbv["Financement"]["C10"].value == budget.cofin_amount()
    assert wbv["Synthèse"]["B4"].value == budget.totals()["personnel"]
    assert abs(wbv["Synthèse"]["B11"].value - 0.2) < 1e-9
    assert wbv.sheetnames == ["Synthèse", "Dépenses", "Financement"]

    # ---- PDF description (fpdf2)
    def build(pdf):
        w = pdf.w - pdf.l_margin - pdf.r_margin
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(w, 8, "Groupe hospitalier des Trois Vallées\nDirection de la qualité "
                       "et de la gestion des risques", align="C")
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(w, 6, "Appel à manifestation d'intérêt « La Fabrique CTO » – "
                       "projet « Revues d'usage du numérique en soins »", align="C")
        pdf.ln(4)
        for part in parts:
            pdf.set_font("DejaVu", "B", 12.5)
            pdf.multi_cell(w, 7, part.heading)
            pdf.ln(1)
            pdf.set_font("DejaVu", "", 10.5)
            for item in part.content:
                if isinstance(item, str):
                    pdf.multi_cell(w, 5.5, item)
                    pdf.ln(1.5)
                else:
                    for it in item[1]:
                        pdf.set_x(pdf.l_margin + 4)
                        pdf.multi_cell(w - 4, 5.5, "• " + it)
                    pdf.ln(1.5)
            pdf.ln(2)
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.multi_cell(w, 7, "10. Budget")
        pdf.set_font("DejaVu", "", 10.5)
        pdf.multi_cell(w, 5.5, f"Le budget détaillé et le plan de financement figurent dans le "
                       f"classeur joint ({f_xlsx}). Coût total : {euro_plain(total)} ; "
                       f"demande à l'Anact : {euro_plain(anact)} ; co-financements : "
                       f"{euro_plain(budget.cofin_amount())} (20 %).")
        pdf.ln(6)
        pdf.multi_cell(w, 5.5, "Caen, le 17 août 2022\nClaire Vasseur, directrice de la qualité "
                       "et de la gestion des risques")

    pdf = fpdf_doc(build)

    date = "Wed, 17 Aug 2022 15:34:09 +0200 (CEST)"
    subject = "Candidature AMI \"La Fabrique CTO\" - GH des Trois Vallées"
    msgid = "<1983245021.4471823.1660743249117.JavaMail.zimbra@ghtv-sante.fr>"
    sender = "claire.vasseur@ghtv-sante.fr"
    text = ("Madame, Monsieur,\n\nVeuillez trouver ci-joints la description du projet du "
            "Groupe hospitalier des Trois Vallées et son budget détaillé (classeur Excel) en "
            "réponse à l'appel à manifestation d'intérêt La Fabrique CTO.\n\n"
            "Restant à votre disposition,\n\nClaire Vasseur\nDirectrice de la qualité et de "
            "la gestion des risques\nGroupe hospitalier des Trois Vallées\n")
    html = ("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: "
            "12pt; color: #000000\"><div>Madame, Monsieur,</div><div><br></div><div>Veuillez "
            "trouver ci-joints la description du projet du Groupe hospitalier des Trois "
            "Vallées et son budget détaillé (classeur Excel) en réponse à l'appel à "
            "manifestation d'intérêt La Fabrique CTO.</div><div><br></div><div>Restant à "
            "votre disposition,</div><div><br></div><div data-marker=\"__SIG_PRE__\">Claire "
            "Vasseur<br>Directrice de la qualité et de la gestion des risques<br>Groupe "
            "hospitalier des Trois Vallées</div></div></body></html>")
    b1 = "----=_Part_4471821_1320117469.1660743249115"
    b2 = "----=_Part_4471822_905327761.1660743249115"
    eml = crlf(f"""Return-Path: {sender}
Date: {date}
From: Claire Vasseur <{sender}>
To: fabrique <fabrique@anact.fr>
Message-ID: {msgid}
Subject: {rfc2047_subject(subject, "utf-8", "Q", 60)}
MIME-Version: 1.0
Content-Type: multipart/mixed;
\tboundary="{b1}"
X-Originating-IP: [10.12.4.51]
X-Mailer: Zimbra 8.8.15_GA_4308 (ZimbraWebClient - FF103 (Win)/8.8.15_GA_4308)
Thread-Index: 3kQ9b0hN2vBzYc1mZ7tNq5x0lR2WfA==
Thread-Topic: {rfc2047_subject(subject, "utf-8", "Q", 60)}

--{b1}
Content-Type: multipart/alternative;
\tboundary="{b2}"

--{b2}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(text, "utf-8")}
--{b2}
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(html, "utf-8")}
--{b2}--

--{b1}
Content-Type: application/pdf; name={f_pdf}
Content-Disposition: attachment; filename={f_pdf}
Content-Transfer-Encoding: base64

{b64lines(pdf)}
--{b1}
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name={f_xlsx}
Content-Disposition: attachment; filename={f_xlsx}
Content-Transfer-Encoding: base64

{b64lines(xlsx)}
--{b1}--
""")
    label = make_label(
        case="Direction qualité d'un groupe hospitalier : PDF fpdf2 (un titre « Méthodologie et "
             "phasage » pour deux parties) + XLSX à trois feuilles et formules calculées par "
             "LibreOffice, sous-totaux par catégorie ; co-financement exactement 20 %, fin le "
             "30/12/2023 ; Zimbra",
        parts_by_source={f_pdf: parts}, budget=budget, partners=partners,
        attachments=[(f_pdf, "parsed"), (f_xlsx, "parsed")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2023-01-02", "2023-12-30"), subject_names_call=True)
    return eml.encode("utf-8"), label, {f_pdf: pdf, f_xlsx: xlsx}


# =========================================================================== case 06
# Social-economy incubator; DOCX with Heading 1 paragraphs numbered by Word (numPr: the
# number is not in the text); partners named in sentences after the partners heading; a
# co-funder named only in the budget; associations' two-sided budget (CHARGES | PRODUITS,
# account numbers) in a Word table.  Sent 37 minutes after the deadline, subject without
# the call's name.  Gmail (Google Workspace), RFC 2047 file name.

def add_heading_numbering(doc) -> int:
    """A decimal multilevel list bound to Heading 1; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:nsid w:val="5A3C7E21"/><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="432" w:hanging="432"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    # abstractNum elements must precede num elements
    first_num = numbering.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return 90


def numbered_heading(doc, text: str, num_id: int):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    p = doc.add_heading(text, level=1)
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def case06() -> tuple[bytes, dict, dict]:
    cid = "h3f-06"
    fname = "Projet Kaléido’ESS - Numérique et coopération.docx"
    parts = [
        Part(("contexte",), "Genèse et contexte", [
            "Kaléido'ESS accompagne depuis 2016 la création et le développement de "
            "structures de l'économie sociale et solidaire dans la métropole lilloise : "
            "38 structures incubées, 410 emplois.",
            "Au fil des promotions, nous voyons des équipes adopter des outils numériques "
            "(plateformes de bénévolat, applications de planning, logiciels de "
            "facturation) sans que la gouvernance coopérative, pourtant au cœur de leur "
            "projet, soit mobilisée pour en discuter.",
        ]),
        Part(("objectifs",), "Ce que le projet veut changer", [
            "Faire des instances coopératives et associatives (assemblées, conseils, "
            "cercles de salariés) le lieu où se discutent les choix numériques et leurs "
            "effets sur le travail, et outiller les structures pour le faire.",
        ]),
        Part(("problematique",), "Problème posé", [
            "Les petites structures de l'ESS revendiquent une gouvernance partagée, mais "
            "leurs choix d'outils restent l'affaire d'un salarié « qui s'y connaît » : "
            "comment passer de l'expertise individuelle à une délibération collective ?",
        ]),
        Part(("cibles",), "Bénéficiaires", [
            "Dix structures incubées ou accompagnées (SCOP, SCIC, associations "
            "employeuses de 5 à 40 salariés), leurs salariés, bénévoles et administrateurs ; "
            "les chargés d'accompagnement des autres incubateurs ESS de la région.",
        ]),
        Part(("methodologie",), "Démarche proposée", [
            "Nous adaptons la méthode de « conception participative » à la taille des "
            "structures : cartographie des outils et des irritants, deux ateliers de "
            "délibération en instance, un test encadré de trois mois et une revue "
            "collective des effets sur le travail.",
        ]),
        Part(("phasage",), "Calendrier détaillé", [
            "Le projet démarrera en octobre 2022 et s'achèvera fin septembre 2023.",
            ("table", [
                ["Période", "Étape"],
                ["Octobre – novembre 2022", "Sélection des dix structures, cartographies"],
                ["Décembre 2022 – mars 2023", "Ateliers de délibération"],
                ["Avril – juillet 2023", "Tests encadrés"],
                ["Septembre 2023", "Revues collectives, journée de restitution"],
            ]),
        ]),
        Part(("pilotage",), "Organisation du pilotage", [
            "Un comité de pilotage de huit membres (Kaléido'ESS, partenaires, trois "
            "représentants des structures) se réunit en octobre 2022, février 2023 et "
            "septembre 2023 ; la coordinatrice du programme assure le suivi opérationnel.",
        ]),
        Part(("resultats",), "Résultats et impacts attendus", [
            "Dix structures ayant délibéré d'au moins un choix numérique ; une boîte à "
            "outils « délibérer le numérique » ; une formation de deux jours pour les "
            "chargés d'accompagnement de l'ESS.",
        ]),
        Part(("perennisation",), "Pérennité et essaimage", [
            "La boîte à outils rejoindra notre parcours d'incubation dès la promotion "
            "2024. Une deuxième saison, avec les incubateurs de l'Aisne et de la Somme, "
            "pourrait être envisagée en 2024-2025.",
        ]),
        Part(("partenaires",), "Partenaires du projet", [
            "Le projet est construit avec trois partenaires. L'Aract Hauts-de-France "
            "co-animera les ateliers de délibération et apportera son expertise sur les "
            "conditions de travail. La Chambre régionale de l'économie sociale et "
            "solidaire (CRESS Hauts-de-France) mobilisera les structures et accueillera "
            "la journée de restitution. Enfin, l'Université de Lille, à travers son "
            "laboratoire Clersé, assurera l'évaluation de la démarche et co-signera la note "
            "finale.",
        ]),
    ]
    partners = ["Aract Hauts-de-France", "CRESS Hauts-de-France", "Université de Lille"]
    # two-sided budget: (account header, [(detail, category, amount)])
    charges = [
        ("61 – Services extérieurs", [("Location de salles pour les ateliers",
                                       "deplacements_logistique", 2000)]),
        ("62 – Autres services extérieurs", [
            ("Honoraires facilitation et design de service (prestataire)", "prestations", 12000),
            ("Déplacements, missions", "deplacements_logistique", 3500)]),
        ("64 – Charges de personnel", [
            ("Coordinatrice du programme (0,4 ETP sur 12 mois)", "personnel", 22000),
            ("Chargé d'animation (0,15 ETP sur 12 mois)", "personnel", 8000)]),
    ]
    produits = [
        ("74 – Subventions d'exploitation", [
            ("Anact – La Fabrique CTO (sollicitée)", 38000),
            ("Région Hauts-de-France (sollicitée)", 5000),
            ("Métropole européenne de Lille (acquise)", 3000)]),
        ("75 – Autres produits de gestion courante", [
            ("Fonds propres de l'association", 1500)]),
    ]
    lines = [(lab, cat, float(a)) for _, det in charges for lab, cat, a in det]
    res = [(lab, a) for _, det in produits for lab, a in det]
    anact = next(a for lab, a in res if lab.startswith("Anact"))
    cofin = [(lab, a) for lab, a in res if not lab.startswith("Anact")]
    total = sum(a for _, _, a in lines)
    budget = Budget(lines=lines, declared_total=total, anact=anact, cofin=cofin)
    assert total == 47500 and anact + budget.cofin_amount() == total
    assert anact / total == 0.8 and budget.cofin_amount() / total == 0.2

    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    doc = docx_new()
    doc.core_properties.author = "Camille Dufresne"
    num_id = add_heading_numbering(doc)
    t = doc.add_paragraph()
    r = t.add_run("Kaléido'ESS – Incubateur d'innovation sociale")
    r.bold = True
    r.font.size = Pt(16)
    doc.add_paragraph("Projet « Numérique & coopération : délibérer les outils dans l'ESS »")
    doc.add_paragraph("Porteur : association Kaléido'ESS, 12 rue de Trévise, 59000 Lille – "
                      "contact : Camille Dufresne, coordinatrice des programmes.")
    for part in parts:
        numbered_heading(doc, part.heading, num_id)
        docx_content(doc, part.content)
    numbered_heading(doc, "Budget prévisionnel", num_id)
    doc.add_paragraph("Budget présenté selon le modèle du dossier de demande de subvention "
                      "des associations (en euros, l'association n'est pas assujettie à la TVA).")
    rows = [["CHARGES", "Montant", "PRODUITS", "Montant"]]
    left = []
    for head, det in charges:
        left.append((head, sum(a for _, _, a in det), True))
        left += [(lab, a, False) for lab, _, a in det]
    right = []
    for head, det in produits:
        right.append((head, sum(a for _, a in det), True))
        right += [(lab, a, False) for lab, a in det]
    n = max(len(left), len(right))
    left += [("", None, False)] * (n - len(left))
    right += [("", None, False)] * (n - len(right))
    for (ll, la, lh), (rl, ra, rh) in zip(left, right):
        rows.append([ll, euro_plain(la) if la is not None else "",
                     rl, euro_plain(ra) if ra is not None else ""])
    rows.append(["TOTAL DES CHARGES", euro_plain(total), "TOTAL DES PRODUITS",
                 euro_plain(anact + budget.cofin_amount())])
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    heads = {h for h, _, hh in left + right if hh} | {"CHARGES", "PRODUITS", "TOTAL DES CHARGES",
                                                      "TOTAL DES PRODUITS"}
    for row in rows:
        cells = table.add_row().cells
        for i, val in enumerate(row):
            cells[i].text = val
            if i % 2 == 1:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for i in (0, 2):
            if row[i] in heads:
                for j in (i, i + 1):
                    for run in cells[j].paragraphs[0].runs:
                        run.bold = True
    doc.add_paragraph("")
    doc.add_paragraph("Fait à Lille, le 23 août 2022, Camille Dufresne.")
    data = docx_bytes(doc)

    date = "Wed, 24 Aug 2022 00:37:05 +0200"
    subject = "Candidature – projet « Numérique & coopération » – Kaléido'ESS"
    msgid = "<CAF3qV2xR8mN0kYp7dHe1J4tLw9sZc6bQ_uT5aG-3oPn=E1vB8g@mail.gmail.com>"
    sender = "camille.dufresne@kaleidess.org"
    text = ("Bonsoir,\n\nVoici notre candidature, avec toutes nos excuses pour cet envoi "
            "tardif : nous avons finalisé le budget ce soir avec nos partenaires.\n\n"
            "Le document joint contient la description du projet, les partenaires et le "
            "budget.\n\nBelle journée,\n\n-- \nCamille Dufresne\nCoordinatrice des programmes\n"
            "Kaléido'ESS - incubateur d'innovation sociale\n")
    html = ("<div dir=\"ltr\"><div>Bonsoir,</div><div><br></div><div>Voici notre "
            "candidature, avec toutes nos excuses pour cet envoi tardif : nous avons "
            "finalisé le budget ce soir avec nos partenaires.</div><div><br></div><div>Le "
            "document joint contient la description du projet, les partenaires et le "
            "budget.</div><div><br></div><div>Belle journée,</div><br clear=\"all\"><div>"
            "<br></div>-- <br><div dir=\"ltr\" class=\"gmail_signature\">Camille Dufresne<br>"
            "Coordinatrice des programmes<br>Kaléido&#39;ESS - incubateur d&#39;innovation "
            "sociale</div></div>\n")
    b1 = "000000000000f3a1c205e6f0b9d2"
    b2 = "000000000000f3a1bf05e6f0b9d0"
    enc = rfc2047(fname, "UTF-8", "B")
    eml = crlf(f"""MIME-Version: 1.0
Date: {date}
Message-ID: {msgid}
Subject: {rfc2047_subject(subject, "UTF-8", "B", 30)}
From: Camille Dufresne <{sender}>
To: fabrique@anact.fr
Content-Type: multipart/mixed; boundary="{b1}"

--{b1}
Content-Type: multipart/alternative; boundary="{b2}"

--{b2}
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(text, "utf-8")}
--{b2}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(html, "utf-8")}
--{b2}--
--{b1}
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; 
\tname="{enc}"
Content-Disposition: attachment; 
\tfilename="{enc}"
Content-Transfer-Encoding: base64
Content-ID: <f_l76c0x9r0>
X-Attachment-Id: f_l76c0x9r0

{b64lines(data)}
--{b1}--
""")
    label = make_label(
        case="Incubateur ESS : DOCX à titres Titre 1 numérotés par Word (numPr), partenaires "
             "cités dans des phrases, budget associatif CHARGES | PRODUITS avec comptes ; envoyé "
             "37 min après la clôture, objet sans le nom de l'appel ; Gmail",
        parts_by_source={fname: parts}, budget=budget, partners=partners,
        attachments=[(fname, "parsed")],
        message={"message_id": msgid, "from": sender, "subject": subject, "date": iso(date)},
        project=("2022-10", "2023-09"), subject_names_call=False)
    return eml.encode("ascii"), label, {fname: data}


# --------------------------------------------------------------------------- driver

CASES = {
    "h3f-01": case01,
    "h3f-02": case02,
    "h3f-03": case03,
    "h3f-04": case04,
    "h3f-05": case05,
    "h3f-06": case06,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    for cid, fn in CASES.items():
        eml, label, files = fn()
        (OUT / f"{cid}.eml").write_bytes(eml)
        (OUT / f"{cid}.expected.json").write_text(
            json.dumps(label, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        fdir = WORK / cid / "files"
        fdir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (fdir / name).write_bytes(data)
        print(cid, label["decision"], [f["code"] for f in label["flags"]])


if __name__ == "__main__":
    main()
