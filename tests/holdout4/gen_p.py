#!/usr/bin/env python3
"""Generate the blind holdout corpus h4p-01 … h4p-08 (French grant proposals by email).

Everything (documents, emails, labels) is built from the Python data below, so the labels
and the documents come from the same source.  Run with a venv holding python-docx,
openpyxl and fpdf2; LibreOffice (soffice) is used for the PDF/ODT exports and to give the
XLSX formulas their cached values.

    /tmp/h4venv-p/bin/python gen_p.py
"""

from __future__ import annotations

import html
import json
import shutil
import struct
import subprocess
import tempfile
import unicodedata
import zlib
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from fpdf import FPDF
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent
TO = "La Fabrique CTO <fabrique@anact.fr>"
SP = policy.SMTP
SECTION_IDS = (
    "contexte", "objectifs", "problematique", "cibles", "methodologie",
    "phasage", "pilotage", "resultats", "perennisation", "partenaires",
)
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
CAT_FR = {
    "personnel": "Dépenses de personnel",
    "deplacements_logistique": "Frais de déplacement et de logistique",
    "prestations": "Achats de prestations",
}


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def eur(x: float) -> str:
    """12 500 € (French style, plain space)."""
    return f"{x:,.0f}".replace(",", " ") + " €"


# --------------------------------------------------------------------------- blocks
# A document is a list of blocks:
#   ("title", text) · ("h", text, section_id|None) · ("p", text) · ("li", text)
#   ("table", [header, row, ...], {"bold_rows": {...}}) · ("pad", n)  (n filler-free breaks)

def H(text, sid=None):
    return ("h", text, sid)


def P(text):
    return ("p", text)


def LI(text):
    return ("li", text)


def budget_table(lines, with_cat=True, subtotals=True, ht=True):
    """Rows of an expense table from budget lines (label, category, amount)."""
    head = ["Poste de dépense", "Montant HT (€)" if ht else "Montant (€)"]
    rows, bold = [head], {0}
    total = 0.0
    for cat in ("personnel", "deplacements_logistique", "prestations", "autre"):
        ls = [l for l in lines if l[1] == cat]
        if not ls:
            continue
        sub = sum(l[2] for l in ls)
        total += sub
        if with_cat:
            rows.append([CAT_FR[cat], eur(sub) if subtotals else ""])
            bold.add(len(rows) - 1)
        for label, _, amount in ls:
            rows.append([("   " if with_cat else "") + label, eur(amount)])
    rows.append(["Coût total du projet", eur(total)])
    bold.add(len(rows) - 1)
    return ("table", rows, {"bold_rows": bold})


def financing_table(anact_label, anact, sources, total):
    rows = [["Ressources", "Montant (€)", "Part"]]
    rows.append([anact_label, eur(anact), f"{anact / total * 100:.1f} %".replace(".", ",")])
    for label, amount in sources:
        rows.append([label, eur(amount), f"{amount / total * 100:.1f} %".replace(".", ",")])
    rows.append(["Total des ressources", eur(total), "100 %"])
    return ("table", rows, {"bold_rows": {0, len(rows) - 1}})


# --------------------------------------------------------------------------- renderers

def render_docx(blocks, path, mode="styled"):
    """mode: styled (Heading 1) · gdocs (Title + Heading 2) · bold (Normal + bold runs)."""
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri" if mode != "bold" else "Arial"
    st.font.size = Pt(11 if mode != "bold" else 10)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            if mode == "bold":
                p = d.add_paragraph()
                r = p.add_run(b[1])
                r.bold = True
                r.font.size = Pt(14)
            else:
                d.add_heading(b[1], level=0)
        elif kind == "h":
            if mode == "styled":
                d.add_heading(b[1], level=1)
            elif mode == "gdocs":
                d.add_heading(b[1], level=2)
            else:
                p = d.add_paragraph()
                p.paragraph_format.space_before = Pt(10)
                r = p.add_run(b[1])
                r.bold = True
        elif kind == "p":
            d.add_paragraph(b[1])
        elif kind == "li":
            if mode == "bold":
                d.add_paragraph("– " + b[1])
            else:
                d.add_paragraph(b[1], style="List Bullet")
        elif kind == "table":
            rows, opts = b[1], b[2]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            t.autofit = False
            widths = {2: (12.5, 3.5), 3: (9.5, 3.5, 3.0)}[len(rows[0])]
            for row in t.rows:
                for cell, w in zip(row.cells, widths):
                    cell.width = Cm(w)
            for i, row in enumerate(rows):
                for j, val in enumerate(row):
                    cell = t.cell(i, j)
                    cell.text = ""
                    run = cell.paragraphs[0].add_run(val)
                    run.bold = i in opts.get("bold_rows", ())
            d.add_paragraph("")
        elif kind == "pagebreak":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.save(path)


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


def blocks_to_plain(blocks):
    out = []
    for b in blocks:
        if b[0] == "title":
            out += [b[1], "=" * len(b[1]), ""]
        elif b[0] == "h":
            out += ["", b[1]]
        elif b[0] == "p":
            out += [b[1], ""]
        elif b[0] == "li":
            out += ["- " + b[1]]
        elif b[0] == "blank":
            out += [""]
    return "\n".join(out).replace("\n\n\n", "\n\n")


def blocks_to_html(blocks):
    out, in_list = [], False
    for b in blocks:
        if b[0] != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if b[0] == "title":
            out.append(f"<div><b style=\"font-size:16px\">{html.escape(b[1])}</b></div>")
        elif b[0] == "h":
            out.append(f"<div><br></div><div><b><u>{html.escape(b[1])}</u></b></div>")
        elif b[0] == "p":
            out.append(f"<div>{html.escape(b[1])}</div><div><br></div>")
        elif b[0] == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(b[1])}</li>")
    if in_list:
        out.append("</ul>")
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
            "</head><body style=\"word-wrap: break-word;\">" + "\n".join(out) + "</body></html>")


def blocks_text(blocks):
    parts = []
    for b in blocks:
        if b[0] in ("title", "h", "p", "li"):
            parts.append(b[1])
        elif b[0] == "table":
            parts += [" ".join(r) for r in b[1]]
    return "\n".join(parts)


def tiny_png(rgb=(30, 90, 160), w=48, h=16):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(t, data):
        c = struct.pack(">I", len(data)) + t + data
        return c + struct.pack(">I", zlib.crc32(t + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def section_labels(blocks, source):
    """sections dict of the label, from the tagged headings of a document."""
    secs = {sid: {"present": False} for sid in SECTION_IDS}
    for i, b in enumerate(blocks):
        if b[0] == "h" and b[2]:
            nxt = next(x for x in blocks[i + 1:] if x[0] in ("p", "li"))
            words = nxt[1].split()
            secs[b[2]] = {"present": True, "source": source, "heading": b[1],
                          "body_start": " ".join(words[:6])}
    return secs


def months(start: str, end: str) -> int:
    y1, m1 = map(int, start.split("-"))
    y2, m2 = map(int, end.split("-"))
    return (y2 - y1) * 12 + (m2 - m1) + 1


# =========================================================================== CASES
CASES: list[dict] = []

# --------------------------------------------------------------------------- h4p-01
# University research team, long DOCX with heading styles + XLSX budget with formulas,
# Thunderbird, complete.  Existing + planned studies.
c01_lines = [
    ("Ingénieure d'études contractuelle (12 mois à 50 %)", "personnel", 27600),
    ("Enseignants-chercheurs de l'équipe (60 jours valorisés)", "personnel", 18000),
    ("Vacations d'enquêteurs étudiants de master (240 heures)", "personnel", 5760),
    ("Déplacements sur les six entrepôts partenaires (40 allers-retours depuis Poitiers)",
     "deplacements_logistique", 4800),
    ("Location de salles et restauration pour trois séminaires régionaux d'échange",
     "deplacements_logistique", 2400),
    ("Transcription intégrale des entretiens (prestataire extérieur)", "prestations", 3200),
    ("Conception graphique et impression du guide de restitution", "prestations", 2900),
]
c01_cofin = [("Université de Poitiers – valorisation du temps des enseignants-chercheurs", 18000)]
c01_anact = 46660
c01_blocks = [
    ("title", "ALGO-LOG – Mettre en discussion l'ordonnancement algorithmique dans les entrepôts des PME logistiques"),
    P("Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » – La Fabrique CTO. Porteur : équipe ARTEMIS (Analyse des Relations de Travail et des Mutations Socio-techniques), Université de Poitiers. Responsable scientifique : Claire Vasseur, maîtresse de conférences en sociologie."),
    H("Présentation de l'équipe porteuse"),
    P("ARTEMIS est une équipe de recherche de l'Université de Poitiers (EA 7712) qui réunit onze enseignants-chercheurs en sociologie, en ergonomie et en sciences de gestion. Depuis 2015, l'équipe conduit des recherches-interventions sur les transformations du travail dans la logistique et le transport de marchandises, en lien étroit avec les acteurs régionaux."),
    P("L'équipe a coordonné deux programmes financés par la Région Nouvelle-Aquitaine sur la santé au travail des préparateurs de commandes, et encadre actuellement quatre doctorants dont les thèses portent sur le management algorithmique."),
    H("Origine du projet", "contexte"),
    P("Les entrepôts des PME logistiques de Nouvelle-Aquitaine s'équipent depuis cinq ans de logiciels de gestion d'entrepôt (WMS) dotés de modules d'ordonnancement automatique : la commande vocale, l'attribution des tâches par terminal et le calcul des cadences sont désormais décidés par des algorithmes paramétrés par l'éditeur ou par la direction des opérations."),
    P("Ces outils modifient profondément le travail des préparateurs : ils fixent l'ordre des missions, réduisent les marges de manœuvre et rendent l'activité de chacun visible en temps réel. Ils modifient aussi le travail des chefs d'équipe, qui deviennent les interprètes d'indicateurs qu'ils n'ont pas construits."),
    P("L'enquête par questionnaire conduite en 2021 auprès de 212 préparateurs de commandes de la région a montré que 61 % d'entre eux jugent les cadences calculées par le logiciel « impossibles à tenir sans prendre de risques », et que moins d'un sur cinq sait à qui s'adresser pour en discuter. Dans les entreprises de moins de 250 salariés, le paramétrage de ces outils n'est presque jamais abordé avec les représentants du personnel."),
    P("Ce constat rejoint l'accord-cadre européen sur la digitalisation de juin 2020, qui invite à faire des choix technologiques un objet de dialogue social. Il reste pourtant difficile, dans les PME, de sortir ces sujets du registre technique."),
    H("Question de recherche", "problematique"),
    P("Comment rendre discutable, dans une PME, ce qui semble relever d'un réglage technique inaccessible : les règles d'ordonnancement, les cadences de référence et les indicateurs de performance produits par un logiciel de gestion d'entrepôt ?"),
    P("Nous faisons l'hypothèse que ces paramètres peuvent devenir un objet de dialogue professionnel et social à condition de disposer d'une traduction partagée de leurs effets sur le travail réel, et d'instances où préparateurs, encadrants, direction, représentants du personnel et éditeur peuvent les réviser ensemble."),
    H("Finalités et objectifs opérationnels", "objectifs"),
    P("Le projet poursuit trois objectifs opérationnels :"),
    LI("construire avec les équipes une cartographie des paramètres de l'outil qui pèsent sur les conditions de travail ;"),
    LI("expérimenter dans chaque entrepôt un « espace de discussion du paramétrage » réunissant les parties prenantes ;"),
    LI("produire et diffuser une méthode outillée, transférable à d'autres PME, pour négocier les réglages des outils d'ordonnancement."),
    P("À plus long terme, il s'agit de contribuer à la structuration d'une demande sociale régionale sur la régulation des outils de management algorithmique."),
    H("Publics et terrains", "cibles"),
    P("Les premiers destinataires du projet sont les préparateurs de commandes et chefs d'équipe de six PME de la logistique en Nouvelle-Aquitaine, qui ont accepté d'accueillir l'expérimentation (entre 45 et 220 salariés chacune)."),
    P("Il vise également les élus des CSE de ces entreprises et les responsables des opérations chargés du paramétrage, ainsi que l'éditeur de l'un des logiciels utilisés, qui s'est dit prêt à participer aux ateliers."),
    H("Démarche d'enquête et d'intervention", "methodologie"),
    P("La démarche combine enquête sociologique, analyse ergonomique de l'activité et intervention. Elle part du travail réel des préparateurs pour remonter vers les règles de l'outil."),
    P("Des entretiens semi-directifs prévus en phase 1 seront menés avec une quarantaine de préparateurs, chefs d'équipe, responsables des opérations et élus. En parallèle, une observation instrumentée sera réalisée dans quatre entrepôts, en suivant pendant plusieurs postes de travail le déroulement des missions attribuées par le logiciel."),
    P("Les résultats alimenteront des ateliers de « lecture du paramétrage » où les participants examinent ensemble, écran par écran, les règles qui fixent l'ordre des tâches et les cadences. Chaque atelier débouche sur des propositions de réglage testées pendant six semaines, puis évaluées."),
    P("Les trois séminaires régionaux permettront aux six entreprises de comparer leurs expériences et de consolider la méthode."),
    H("Étapes et calendrier", "phasage"),
    P("Le projet se déroule d'octobre 2022 à novembre 2023, soit quatorze mois, en quatre phases :"),
    LI("Phase 1 (octobre 2022 – janvier 2023) : entretiens, observations, cartographie des paramètres ;"),
    LI("Phase 2 (février – mai 2023) : ateliers de lecture du paramétrage dans chaque entrepôt, premier séminaire régional ;"),
    LI("Phase 3 (juin – septembre 2023) : tests des réglages proposés et évaluation, deuxième séminaire ;"),
    LI("Phase 4 (octobre – novembre 2023) : formalisation de la méthode, rédaction du guide, séminaire de clôture le 23 novembre 2023."),
    H("Gouvernance scientifique et comité de suivi", "pilotage"),
    P("Un comité de pilotage se réunit tous les trois mois : il rassemble l'équipe ARTEMIS, l'Aract Nouvelle-Aquitaine, un représentant de chaque entreprise (direction et élu du CSE), l'AFT Nouvelle-Aquitaine et l'Union régionale CFDT Nouvelle-Aquitaine. Il valide les choix de terrain, suit l'avancement et arbitre les difficultés."),
    P("Un conseil scientifique restreint (trois chercheurs extérieurs) relit la méthode à mi-parcours. Dans chaque entreprise, un binôme direction–représentant du personnel assure le suivi local."),
    H("Livrables attendus", "resultats"),
    P("Au terme des quatorze mois, le projet doit avoir produit :"),
    LI("six cartographies des paramètres de l'outil et de leurs effets sur le travail ;"),
    LI("au moins douze propositions de réglage testées et évaluées ;"),
    LI("un guide méthodologique « Discuter le paramétrage » de 40 pages, accompagné de fiches d'animation ;"),
    LI("un article scientifique et une note de synthèse à destination des partenaires sociaux de la branche."),
    H("Au-delà du projet : diffusion et essaimage", "perennisation"),
    P("Le guide et les fiches d'animation seront publiés sous licence Creative Commons et versés aux communs de la connaissance de La Fabrique CTO. L'AFT Nouvelle-Aquitaine s'est engagée à les intégrer à son offre de formation des encadrants de la logistique."),
    P("L'équipe proposera la démarche à d'autres régions via le réseau Anact-Aract et l'utilisera dans un projet de recherche européen en préparation."),
    H("Partenaires associés", "partenaires"),
    P("Trois partenaires sont mobilisés aux côtés de l'équipe :"),
    LI("Aract Nouvelle-Aquitaine : apport d'expertise sur les conditions de travail, co-animation des séminaires régionaux ;"),
    LI("AFT Nouvelle-Aquitaine : mise en relation avec les entreprises, intégration des livrables à l'offre de formation ;"),
    LI("Union régionale CFDT Nouvelle-Aquitaine : mobilisation et formation des élus des CSE participants."),
    H("Budget"),
    P("Le budget détaillé et le plan de financement figurent dans le fichier joint « ALGO-LOG_budget_previsionnel.xlsx »."),
]
CASES.append(dict(
    id="h4p-01",
    case="Laboratoire universitaire (ARTEMIS, Univ. Poitiers), DOCX long à titres stylés Heading 1 + budget XLSX à formules (2 feuilles), Thunderbird ; complet",
    applicant="Équipe ARTEMIS, Université de Poitiers",
    form="DOCX (Heading 1) + XLSX à formules, Thunderbird",
    kind="laboratoire",
    kind_evidence="une équipe de recherche de l'Université de Poitiers",
    targets=["les préparateurs de commandes et chefs d'équipe de six PME de la logistique en Nouvelle-Aquitaine",
             "les élus des CSE de ces entreprises"],
    studies_existing=["L'enquête par questionnaire conduite en 2021 auprès de 212 préparateurs de commandes de la région"],
    studies_planned=["Des entretiens semi-directifs prévus en phase 1",
                     "une observation instrumentée sera réalisée dans quatre entrepôts"],
    blocks=c01_blocks, doc="ALGO-LOG_description_projet_ARTEMIS.docx", doc_mode="styled",
    xlsx="ALGO-LOG_budget_previsionnel.xlsx", xlsx_kind="two_sheets",
    lines=c01_lines, cofin=c01_cofin, anact=c01_anact, anact_label="Anact – La Fabrique CTO (sollicité)",
    partners=["Aract Nouvelle-Aquitaine", "AFT Nouvelle-Aquitaine", "Union régionale CFDT Nouvelle-Aquitaine"],
    start="2022-10", end="2023-11",
    mail=dict(client="thunderbird", sender=("Claire Vasseur", "claire.vasseur@univ-poitiers.fr"),
              subject="Candidature AMI Fabrique CTO – projet ALGO-LOG (ARTEMIS, Université de Poitiers)",
              date=datetime.fromisoformat("2022-08-18T16:22:51+02:00"),
              message_id="<8d3b6c2e-4f1a-4b7e-9c55-1e2f3a4b5c6d@univ-poitiers.fr>",
              body="Bonjour,\n\nVeuillez trouver ci-joint la candidature de l'équipe ARTEMIS (Université de Poitiers) à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » : la description du projet ALGO-LOG et son budget prévisionnel.\n\nJe reste à votre disposition pour toute précision.\n\nBien cordialement,\n\n-- \nClaire Vasseur\nMaîtresse de conférences en sociologie\nÉquipe ARTEMIS – Université de Poitiers\n05 49 45 00 00\n"),
    decision="complete", flags=[],
    judgement="Phases en puces (pas des titres) ; « Présentation de l'équipe porteuse » et « Budget » sont des titres hors sections.",
))

# --------------------------------------------------------------------------- h4p-02
# Ergonomists' consultancy called "Observatoire …", PDF exported by LibreOffice, numbered
# headings, budget table in the document crossing a page break, Outlook; complete.
c02_lines = [
    ("Ergonome senior, cheffe de projet (38 jours à 750 €)", "personnel", 28500),
    ("Ergonome consultant (45 jours à 600 €)", "personnel", 27000),
    ("Assistante de gestion – coordination administrative et financière du projet (10 jours)", "personnel", 3000),
    ("Déplacements Lyon – sites partenaires et réunions du comité de pilotage (forfait sur 15 mois)", "deplacements_logistique", 2100),
    ("Location d'une salle et restauration pour les deux ateliers inter-entreprises", "deplacements_logistique", 1800),
    ("Frais de déplacement des salariés participant aux ateliers de co-conception", "deplacements_logistique", 900),
    ("Designer de services indépendant pour le prototypage des maquettes d'interface (prestation, 12 jours)", "prestations", 7200),
    ("Captation vidéo et montage d'un film de restitution de dix minutes", "prestations", 3400),
    ("Impression et diffusion du guide « Outils de relation client et qualité du travail »", "prestations", 1600),
]
c02_cofin = [("Autofinancement de l'Observatoire (temps non facturé des ergonomes)", 9500),
             ("Participation financière des trois entreprises d'accueil", 6000)]
c02_anact = 60000
c02_total = sum(l[2] for l in c02_lines)
c02_blocks = [
    ("title", "Des outils qui écoutent le travail : co-concevoir les outils numériques de la relation client avec les télé-conseillers"),
    P("Candidature à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » (La Fabrique CTO). Porteur : Observatoire Ergonomie & Usages, 14 rue Pierre-Corneille, 69006 Lyon. Contact : Sophie Marchand, ergonome européenne, gérante."),
    P("Observatoire Ergonomie & Usages est un cabinet d'ergonomes indépendant, constitué en SARL en 2014, qui intervient auprès des entreprises et des collectivités sur la conception des situations de travail. Malgré son nom, l'Observatoire ne publie pas d'études : ses cinq ergonomes conduisent des interventions de terrain, principalement dans les services et la relation client."),
    H("1. Contexte et enjeux", "contexte"),
    P("Les centres de relation client de la Métropole de Lyon emploient plus de 9 000 personnes. Depuis 2019, la plupart ont déployé des outils de routage omnicanal, des bases de connaissances pilotées par l'intelligence artificielle et des tableaux de bord de « qualité perçue » mis à jour en temps réel."),
    P("Ces outils sont conçus par des éditeurs et paramétrés par les services informatiques, souvent sans que les télé-conseillers ni leurs encadrants aient pu dire ce dont ils avaient besoin. Il en résulte des injonctions contradictoires : répondre vite et bien, sur plusieurs canaux à la fois, en suivant des scripts qui ne correspondent pas aux demandes réelles des clients."),
    P("Notre projet fait suite à un diagnostic ergonomique réalisé en 2021 dans deux plateaux de relation client, qui a mis en évidence la charge liée au basculement permanent entre canaux et la perte de sens ressentie face aux réponses suggérées par l'outil. Les directions concernées ont souhaité aller plus loin, avec leurs représentants du personnel."),
    P("Ce contexte est commun à de nombreuses entreprises de taille moyenne qui achètent ces solutions sur étagère et ne disposent ni des compétences internes ni du temps pour les adapter au travail réel."),
    P("Le secteur connaît par ailleurs un turn-over élevé (plus de 30 % par an dans certains centres) et un absentéisme supérieur à la moyenne des activités de services. Les directions l'attribuent en partie à la dégradation de la qualité perçue du travail, et cherchent des leviers autres que salariaux pour fidéliser leurs équipes."),
    P("Enfin, le renouvellement prochain des contrats avec les éditeurs, prévu dans deux des trois entreprises en 2023, constitue une fenêtre d'opportunité : les choix de configuration pourront être rediscutés à cette occasion, à condition que les équipes soient prêtes à formuler leurs attentes."),
    H("2. Ce que nous cherchons à comprendre", "problematique"),
    P("Comment permettre à des équipes de télé-conseillers et à leurs managers de peser sur la conception et le paramétrage d'outils numériques achetés sur étagère, alors que l'entreprise n'en maîtrise ni le code ni la feuille de route ?"),
    P("Nous pensons que la réponse passe par une médiation outillée entre les équipes, la direction et l'éditeur : traduire les difficultés vécues en exigences de conception, et faire de l'achat et du paramétrage de ces outils un objet du dialogue social."),
    H("3. Objectifs", "objectifs"),
    P("Outiller le dialogue entre les équipes, la direction, les représentants du personnel et les éditeurs autour de trois objectifs :"),
    LI("analyser l'activité réelle des télé-conseillers face aux outils omnicanaux ;"),
    LI("co-concevoir et prototyper avec eux des évolutions des interfaces et des règles de routage ;"),
    LI("installer dans chaque entreprise une instance paritaire de suivi des outils numériques."),
    H("4. Bénéficiaires", "cibles"),
    P("Les premiers bénéficiaires sont les équipes de télé-conseillers de trois centres de relation client de la Métropole de Lyon (180 salariés au total) et leurs encadrants de proximité."),
    P("Le projet associe également les directions de la relation client, les élus des CSE et de leurs commissions santé, sécurité et conditions de travail, ainsi que les chefs de produit de deux éditeurs de solutions."),
    H("5. Méthode d'intervention", "methodologie"),
    P("Notre méthode est celle de l'ergonomie de conception participative. Une analyse de l'activité sera conduite sur chaque plateau : observations outillées, entretiens d'auto-confrontation à partir d'enregistrements d'écran, recueil des incidents liés aux outils."),
    P("Ces matériaux serviront de base à des ateliers de co-conception associant télé-conseillers, managers et éditeurs, appuyés par un designer de services qui réalisera des maquettes testables. Les maquettes seront évaluées en situation réelle avant d'être présentées à l'instance paritaire."),
    P("Deux ateliers inter-entreprises permettront de comparer les démarches et de repérer ce qui est transférable."),
    P("Chaque atelier de co-conception suit un déroulé en trois temps : la mise en récit de situations vécues par les télé-conseillers à partir des enregistrements d'écran, la formulation collective d'exigences de conception, puis l'examen de maquettes par les participants. Les exigences sont classées selon leur faisabilité (paramétrage, évolution de l'outil, organisation du travail) pour orienter la suite."),
    P("Une attention particulière sera portée à la place des managers de proximité, qui sont à la fois utilisateurs des tableaux de bord et relais des consignes : des temps spécifiques leur seront réservés afin qu'ils puissent exprimer leurs propres difficultés sans la présence de leur hiérarchie."),
    H("6. Phasage détaillé", "phasage"),
    P("Le projet durera quinze mois, d'octobre 2022 à décembre 2023 :"),
    LI("octobre – décembre 2022 : cadrage dans chaque entreprise et constitution des groupes ;"),
    LI("janvier – avril 2023 : analyse de l'activité sur les trois plateaux ;"),
    LI("mai – septembre 2023 : ateliers de co-conception, prototypage et tests ;"),
    LI("octobre – décembre 2023 : évaluation, instances paritaires, guide et film de restitution (fin du projet le 15 décembre 2023)."),
    H("7. Pilotage et instances", "pilotage"),
    P("Le comité de pilotage, présidé par la gérante de l'Observatoire, réunit tous les deux mois l'Aract Auvergne-Rhône-Alpes, les trois directions, un élu de chaque CSE, le Cluster Relation Client Rhône et l'Union départementale CFE-CGC du Rhône. Un comité technique hebdomadaire réunit les deux ergonomes et le designer."),
    H("8. Résultats escomptés", "resultats"),
    P("Nous attendons du projet des maquettes d'interface validées par les équipes et transmises aux éditeurs, une instance paritaire de suivi des outils installée dans chaque entreprise, un guide pratique et un film de dix minutes pour diffuser la démarche."),
    P("Nous mesurerons l'effet du projet à trois niveaux : la prise en compte effective des exigences formulées par les équipes dans les versions suivantes des outils, le fonctionnement des instances paritaires un an après leur création, et l'évolution des indicateurs de santé au travail suivis par les services de prévention (arrêts, demandes de mobilité, signalements)."),
    H("9. Pérennisation et essaimage", "perennisation"),
    P("Le Cluster Relation Client Rhône diffusera le guide à ses 70 entreprises adhérentes. Les outils d'analyse seront publiés en accès libre et la démarche présentée lors des journées régionales de l'Aract."),
    H("10. Partenaires mobilisés et contributions", "partenaires"),
    P("Aract Auvergne-Rhône-Alpes : appui méthodologique et capitalisation. Cluster Relation Client Rhône : mobilisation des entreprises, mise à disposition de salles, diffusion. Union départementale CFE-CGC du Rhône : information et appui aux élus des CSE."),
    H("11. Budget prévisionnel"),
    P("Les montants sont exprimés hors taxes. Le détail des dépenses figure dans le tableau ci-dessous."),
    budget_table(c02_lines),
    P("Plan de financement :"),
    financing_table("Anact – La Fabrique CTO", c02_anact, c02_cofin, c02_total),
]
CASES.append(dict(
    id="h4p-02",
    case="Cabinet d'ergonomes au nom trompeur (Observatoire Ergonomie & Usages), PDF exporté par LibreOffice (titres numérotés), budget en tableau qui passe la page, Outlook multipart/alternative ; complet (cofinancement 20,5 %)",
    applicant="Observatoire Ergonomie & Usages (SARL, ergonomes)",
    form="PDF (LibreOffice, depuis DOCX stylé numéroté), tableau budget à cheval sur deux pages, Outlook",
    kind="cabinet_conseil",
    kind_evidence="un cabinet d'ergonomes indépendant, constitué en SARL en 2014",
    targets=["les équipes de télé-conseillers de trois centres de relation client de la Métropole de Lyon",
             "leurs encadrants de proximité"],
    studies_existing=["un diagnostic ergonomique réalisé en 2021 dans deux plateaux de relation client"],
    studies_planned=["Une analyse de l'activité sera conduite sur chaque plateau"],
    blocks=c02_blocks, doc="Candidature Fabrique CTO – Observatoire Ergonomie & Usages.pdf", doc_mode="styled",
    pdf_from_docx=True,
    lines=c02_lines, cofin=c02_cofin, anact=c02_anact,
    partners=["Aract Auvergne-Rhône-Alpes", "Cluster Relation Client Rhône", "Union départementale CFE-CGC du Rhône"],
    start="2022-10", end="2023-12",
    mail=dict(client="outlook", sender=("Sophie Marchand", "s.marchand@observatoire-ergo-usages.fr"),
              subject="Appel à manifestation d’intérêt « Développer le dialogue social technologique au travail » - candidature",
              date=datetime.fromisoformat("2022-08-22T17:48:03+02:00"),
              message_id="<PR1P264MB2217A9C3F1E0B4D58E2C9A11D45A9@PR1P264MB2217.FRAP264.PROD.OUTLOOK.COM>",
              body="Madame, Monsieur,\n\nNous avons le plaisir de vous adresser la candidature de l'Observatoire Ergonomie & Usages à l'AMI « Développer le dialogue social technologique au travail ». Le document joint comprend la description du projet, les partenaires mobilisés et le budget détaillé.\n\nRestant à votre disposition,\n\nSophie Marchand\nGérante – Ergonome européenne\nObservatoire Ergonomie & Usages\n14 rue Pierre-Corneille – 69006 Lyon\n"),
    decision="complete", flags=[],
    judgement="Nom trompeur : « Observatoire » mais le document dit cabinet d'ergonomes en SARL → cabinet_conseil. Cofinancement 15 500 / 75 500 = 20,5 % (juste au-dessus du seuil). Tableau de budget vérifié à cheval sur deux pages du PDF.",
))

# --------------------------------------------------------------------------- h4p-03
# Software start-up named "Syndicat Digital", DOCX Google-Docs-like (Title + Heading 2),
# XLSX with formulas, Gmail; only planned studies; complete.
c03_lines = [
    ("Cheffe de projet accompagnement du changement (55 jours)", "personnel", 22000),
    ("Développeur back-end – adaptation du module de consultation (30 jours)", "personnel", 13500),
    ("UX researcher (20 jours)", "personnel", 9000),
    ("Déplacements Le Mans – quatre maisons France Services (24 déplacements)", "deplacements_logistique", 2600),
    ("Logistique des ateliers (salles, repas, impression des supports)", "deplacements_logistique", 1200),
    ("Facilitation graphique des ateliers (prestataire extérieur)", "prestations", 2800),
    ("Hébergement sécurisé des données de la consultation (prestation d'hébergement qualifié)", "prestations", 1900),
]
c03_cofin = [("Autofinancement Syndicat Digital (fonds propres)", 11000)]
c03_anact = 42000
c03_blocks = [
    ("title", "Projet « Guichet à l'écoute » – Syndicat Digital × France Services Sarthe"),
    P("Syndicat Digital SAS – 8 place de l'Éperon, 72000 Le Mans – contact : Yanis Belkacem, président."),
    P("Qui sommes-nous ? Syndicat Digital est une start-up éditrice d'une application de consultation des équipes, créée en 2019. Malgré notre nom, nous ne sommes pas une organisation syndicale : le nom vient de notre première application, conçue pour des syndics de copropriété. Notre pôle accompagnement du changement (trois consultantes) accompagne chaque déploiement de l'outil sur le terrain."),
    H("Le constat", "contexte"),
    P("Les maisons France Services sont devenues en quelques années le premier guichet de proximité pour les démarches administratives en ligne. Leurs agents jonglent avec une dizaine de portails partenaires (CAF, impôts, assurance maladie, ANTS…), chacun avec ses identifiants, ses mises à jour et ses règles."),
    P("Les responsables que nous avons rencontrés décrivent des agents débordés par les changements d'outils décidés ailleurs, sans canal pour faire remonter les difficultés. Les outils de consultation existants sont pensés pour des grandes organisations et ne tiennent pas compte de la réalité de petites équipes de trois ou quatre agents."),
    H("Notre ambition", "objectifs"),
    P("Donner aux agents de France Services un moyen simple et régulier de dire ce que les outils numériques changent à leur travail, et faire de ces remontées la matière d'un dialogue avec leur employeur et avec les opérateurs nationaux."),
    LI("adapter notre application de consultation aux petites équipes du service public ;"),
    LI("former les responsables à l'animation d'un temps d'échange mensuel sur les outils ;"),
    LI("consolider les remontées à l'échelle départementale pour les porter auprès des opérateurs."),
    H("Pour qui ?", "cibles"),
    P("Le projet s'adresse à deux publics : les agents d'accueil et les responsables de quatre maisons France Services de la Sarthe, soit 19 agents employés par des communes et des communautés de communes."),
    P("Il associe les représentants du personnel des collectivités concernées et les élus référents France Services."),
    H("Le problème à résoudre", "problematique"),
    P("Comment organiser un dialogue professionnel régulier sur les outils numériques dans des équipes minuscules, dispersées, dont l'employeur n'est pas celui qui choisit les outils ?"),
    H("Comment nous allons procéder", "methodologie"),
    P("Un état des lieux des usages sera réalisé dans chaque maison France Services au démarrage : journées d'immersion de notre UX researcher, recensement des portails utilisés et des incidents."),
    P("Sur cette base, nous adapterons l'application avec les agents (trois ateliers de co-conception), puis nous conduirons une consultation en ligne des agents au mois 3, renouvelée au mois 9, pour mesurer l'évolution. Les responsables seront formés à l'animation d'un « quart d'heure outils » mensuel, et une synthèse départementale sera présentée deux fois par an au comité de pilotage."),
    H("Feuille de route", "phasage"),
    LI("Novembre 2022 – janvier 2023 : état des lieux et immersion ;"),
    LI("Février – avril 2023 : ateliers de co-conception, adaptation de l'application, première consultation ;"),
    LI("Mai – août 2023 : fonctionnement des quarts d'heure outils, accompagnement des responsables ;"),
    LI("Septembre – octobre 2023 : seconde consultation, évaluation, synthèse départementale (clôture le 31 octobre 2023)."),
    H("Qui décide, qui suit", "pilotage"),
    P("Un comité de pilotage trimestriel réunit Syndicat Digital, l'Aract Pays de la Loire, le Centre de gestion de la fonction publique territoriale de la Sarthe, un représentant des élus référents et deux agents désignés par leurs collègues. Une réunion d'équipe projet a lieu chaque semaine."),
    H("Ce que le projet livrera", "resultats"),
    P("Une version de l'application adaptée aux petites équipes publiques, publiée en open source ; un kit d'animation du « quart d'heure outils » ; deux synthèses départementales ; un retour d'expérience partagé avec le réseau France Services."),
    H("Et après ?", "perennisation"),
    P("Le Centre de gestion envisage de proposer le dispositif aux autres maisons France Services du département dès 2024. Le module adapté restera gratuit pour les structures publiques de moins de 20 agents."),
    H("Nos partenaires", "partenaires"),
    P("L'Aract Pays de la Loire apportera son expertise sur le dialogue professionnel et co-animera la formation des responsables. Le Centre de gestion de la fonction publique territoriale de la Sarthe mobilisera les collectivités employeuses et accueillera les comités de pilotage."),
    H("Budget"),
    P("Voir le fichier Excel joint (dépenses et plan de financement)."),
]
CASES.append(dict(
    id="h4p-03",
    case="Start-up au nom trompeur (Syndicat Digital SAS), DOCX façon Google Docs (Title + Heading 2) + XLSX à formules, Gmail ; études seulement prévues ; complet",
    applicant="Syndicat Digital SAS (start-up éditrice)",
    form="DOCX (Heading 2, ordre propre) + XLSX à formules, Gmail",
    kind="fournisseur_techno",
    kind_evidence="une start-up éditrice d'une application de consultation des équipes",
    targets=["les agents d'accueil et les responsables de quatre maisons France Services de la Sarthe",
             "les représentants du personnel des collectivités concernées"],
    studies_existing=[],
    studies_planned=["Un état des lieux des usages sera réalisé dans chaque maison France Services",
                     "nous conduirons une consultation en ligne des agents au mois 3"],
    blocks=c03_blocks, doc="Syndicat Digital - Proposition Fabrique CTO.docx", doc_mode="gdocs",
    xlsx="Budget_SyndicatDigital_FabriqueCTO.xlsx", xlsx_kind="one_sheet",
    lines=c03_lines, cofin=c03_cofin, anact=c03_anact, anact_label="Subvention Anact (Fabrique CTO)",
    partners=["Aract Pays de la Loire", "Centre de gestion de la fonction publique territoriale de la Sarthe"],
    start="2022-11", end="2023-10",
    mail=dict(client="gmail", sender=("Yanis Belkacem", "yanis@syndicat-digital.io"),
              subject="Fabrique CTO : proposition Syndicat Digital / France Services Sarthe",
              date=datetime.fromisoformat("2022-08-12T09:14:37+02:00"),
              message_id="<CAOq8x1Zr4Vb=K2n7Hq3Jx+Lk9wT5c0mPpYy6bQeR1sF4dG7hNw@mail.gmail.com>",
              body="Bonjour à l'équipe de la Fabrique,\n\nVous trouverez en PJ notre proposition pour l'AMI ainsi que le budget (Excel).\n\nBelle journée,\nYanis\n\n--\nYanis Belkacem | Président | Syndicat Digital\n06 12 34 56 78\n"),
    decision="complete", flags=[],
    judgement="Nom trompeur « Syndicat » ; le document dit start-up éditrice → fournisseur_techno. Problématique placée après les cibles. Phasage sans paragraphe d'introduction (body_start = premier item).",
))

# --------------------------------------------------------------------------- h4p-04
# Association loi 1901, whole proposal in the body (Apple Mail, text/plain + text/html),
# budget as lists in the body; complete.
c04_lines = [
    ("Coordinatrice du projet (0,5 ETP sur 12 mois)", "personnel", 21000),
    ("Temps des encadrants techniques mobilisés (30 jours)", "personnel", 6000),
    ("Déplacements entre les huit chantiers du département", "deplacements_logistique", 2400),
    ("Location de salles et repas pour les journées d'échange", "deplacements_logistique", 1100),
    ("Intervention d'une ergonome (prestation, 8 jours)", "prestations", 5600),
    ("Création de supports illustrés en FALC par une graphiste", "prestations", 1900),
]
c04_cofin = [("Conseil départemental du Finistère (demandé)", 6000),
             ("Fonds de dotation Breizh Solidaire (acquis)", 2000),
             ("Autofinancement du RENF", 2000)]
c04_anact = 28000
c04_total = sum(l[2] for l in c04_lines)
c04_blocks = [
    P("Bonjour,"),
    P("Voici la candidature du Réseau Entraide Numérique Finistère (RENF) à l'appel à manifestation d'intérêt de la Fabrique CTO. Nous avons préféré la rédiger directement dans ce message ; n'hésitez pas à nous demander une version en pièce jointe si besoin."),
    P("Le RENF est une association loi 1901 fondée en 2008, reconnue d'intérêt général, qui fédère 14 structures d'insertion par l'activité économique du Finistère autour des usages du numérique."),
    H("Le contexte", "contexte"),
    P("Depuis 2020, les ateliers et chantiers d'insertion du département ont dû adopter des outils numériques imposés par leurs financeurs : plateforme de suivi des parcours, pointage dématérialisé, messagerie collaborative. Ces outils ont été installés à la hâte, sans réflexion sur ce qu'ils changent pour des salariés souvent éloignés du numérique et pour leurs encadrants."),
    P("Une consultation menée au printemps 2022 auprès de 14 structures adhérentes a montré que les encadrants techniques passent jusqu'à une journée par semaine à saisir des données, au détriment de l'accompagnement sur le chantier."),
    H("Ce que nous voulons faire", "objectifs"),
    P("Ouvrir dans chaque chantier un espace de discussion sur les outils numériques, où salariés en insertion, encadrants et directions décident ensemble de ce qui peut être simplifié, et porter ces propositions auprès des financeurs."),
    H("La question posée", "problematique"),
    P("Comment faire entendre la voix de salariés en parcours d'insertion dans le choix et l'usage des outils numériques qui organisent leur travail et leur parcours ?"),
    H("Les personnes concernées", "cibles"),
    P("Le projet concerne d'abord les salariés en insertion des ateliers et chantiers d'insertion du Finistère (environ 260 personnes dans les huit chantiers participants) et leurs encadrants techniques, puis les directions des structures."),
    H("Comment", "methodologie"),
    P("Un diagnostic partagé des outils sera conduit dans chaque chantier avec l'appui d'une ergonome : observation des temps de saisie, entretiens collectifs avec les salariés, cartographie des outils."),
    P("Les propositions issues des chantiers seront discutées lors de deux journées d'échange départementales, puis présentées aux financeurs. Tous les supports seront rédigés en FALC (facile à lire et à comprendre)."),
    H("Calendrier", "phasage"),
    P("Octobre à décembre 2022 : lancement et diagnostic partagé dans les huit chantiers. Janvier à avril 2023 : groupes de discussion et premières simplifications. Mai 2023 : première journée d'échange. Juin à août 2023 : mise en œuvre des simplifications. Septembre 2023 : seconde journée d'échange et bilan (fin du projet le 30 septembre 2023)."),
    H("Pilotage", "pilotage"),
    P("Un comité de pilotage de dix personnes se réunit quatre fois : deux salariés en insertion, deux encadrants, deux directeurs de structure, l'Aract Bretagne, la Fédération des acteurs de la solidarité Bretagne, Emmaüs Connect et la coordinatrice du RENF."),
    H("Ce que nous attendons", "resultats"),
    P("Huit chantiers dotés d'un espace de discussion qui fonctionne, un temps de saisie réduit d'au moins un tiers pour les encadrants, un recueil de propositions remis aux financeurs et un kit d'animation en FALC."),
    H("La suite", "perennisation"),
    P("Le kit sera mis à disposition de toutes les structures d'insertion de Bretagne via la Fédération des acteurs de la solidarité, et le RENF intégrera l'animation des espaces de discussion à son programme annuel."),
    H("Partenaires", "partenaires"),
    P("Aract Bretagne (appui méthodologique, participation aux journées), Fédération des acteurs de la solidarité Bretagne (diffusion régionale, lien avec les financeurs), Emmaüs Connect (ressources pédagogiques sur l'inclusion numérique)."),
    H("Budget", None),
    P("Dépenses prévues (total 38 000 €) :"),
    *[LI(f"{l[0]} : {eur(l[2])}") for l in c04_lines],
    ("blank",),
    P(f"Demande à l'Anact : {eur(c04_anact)}."),
    P("Co-financements envisagés ou acquis :"),
    *[LI(f"{s[0]} : {eur(s[1])}") for s in c04_cofin],
    ("blank",),
    P("Merci pour votre attention. Nous restons disponibles pour un échange."),
    P("Gwenaëlle Le Bihan, coordinatrice – RENF, 12 rue de Brest, 29600 Morlaix"),
]
CASES.append(dict(
    id="h4p-04",
    case="Association loi 1901 (RENF), proposition entière dans le corps (Apple Mail, text/plain + text/html), budget en listes dans le corps ; sans pièce jointe ; complet",
    applicant="Réseau Entraide Numérique Finistère (association loi 1901)",
    form="Corps du message (multipart/alternative), budget en listes",
    kind="ess",
    kind_evidence="une association loi 1901 fondée en 2008, reconnue d'intérêt général",
    targets=["les salariés en insertion des ateliers et chantiers d'insertion du Finistère",
             "leurs encadrants techniques"],
    studies_existing=["Une consultation menée au printemps 2022 auprès de 14 structures adhérentes"],
    studies_planned=["Un diagnostic partagé des outils sera conduit dans chaque chantier"],
    blocks=c04_blocks, body_proposal=True,
    lines=c04_lines, cofin=c04_cofin, anact=c04_anact,
    partners=["Aract Bretagne", "Fédération des acteurs de la solidarité Bretagne", "Emmaüs Connect"],
    start="2022-10", end="2023-09",
    mail=dict(client="apple", sender=("Gwenaëlle Le Bihan", "coordination@renf29.org"),
              subject="Candidature - AMI Fabrique CTO",
              date=datetime.fromisoformat("2022-08-16T21:03:12+02:00"),
              message_id="<6E1F0B3A-9C2D-4E8F-A7B1-5D3C2E9F8A40@renf29.org>"),
    decision="complete", flags=[],
    judgement="Proposition dans le corps : source des sections laissée à null (je ne sais pas comment le service nomme le corps). Fonds de dotation et Conseil départemental n'apparaissent que dans le budget → pas partenaires.",
))

# --------------------------------------------------------------------------- h4p-05
# Employers' federation, ODT exported by LibreOffice with budget table inside + a support
# letter PDF, Zimbra; Anact request 95 000 € > cap → incomplete.  Only planned studies.
c05_lines = [
    ("Chargé de mission numérique de la fédération (120 jours)", "personnel", 42000),
    ("Juriste en droit social – appui à la négociation d'un accord de méthode (25 jours)", "personnel", 10000),
    ("Temps des chefs d'équipe détachés pour les groupes de travail (60 jours)", "personnel", 12600),
    ("Déplacements des chargés de mission sur les chantiers de la région (Toulouse, Montpellier, Nîmes, Perpignan)", "deplacements_logistique", 6400),
    ("Organisation de quatre journées régionales d'échange (salle, repas, matériel de projection)", "deplacements_logistique", 5000),
    ("Cabinet d'expertise en ergonomie – analyse du travail sur six chantiers (prestation)", "prestations", 28000),
    ("Réalisation d'un module de formation en ligne par un studio e-learning", "prestations", 12000),
    ("Adaptation des supports en langue facile à lire et à comprendre (FALC)", "prestations", 4000),
]
c05_cofin = [("OPCO des entreprises de proximité (demande en cours)", 15000),
             ("Fonds propres de l'UEPSA Occitanie", 10000)]
c05_anact = 95000
c05_total = sum(l[2] for l in c05_lines)
c05_blocks = [
    ("title", "Badgeuses, tablettes et horaires décalés : un dialogue social sur les outils numériques de la propreté"),
    P("Dossier de candidature – Appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »"),
    P("Porteur : Union des entreprises de propreté et services associés d'Occitanie (UEPSA Occitanie), organisation professionnelle d'employeurs représentant 260 entreprises de propreté de la région. Interlocuteur : Mathieu Carrère, délégué régional."),
    H("A. Le secteur et ses transformations numériques", "contexte"),
    P("La propreté emploie en Occitanie près de 38 000 salariés, majoritairement des femmes, à temps partiel et en horaires décalés, sur des sites clients dispersés. Depuis trois ans, les entreprises adhérentes déploient des badgeuses géolocalisées, des tablettes de contrôle qualité et des applications de planification qui transmettent les consignes en temps réel."),
    P("Ces outils facilitent la gestion des remplacements mais suscitent de fortes inquiétudes : contrôle des temps de déplacement, notation par le client, disparition des échanges avec le chef d'équipe. Les organisations syndicales de la branche ont demandé à ouvrir une discussion régionale sur ces outils."),
    H("B. Objectifs du projet", "objectifs"),
    P("Construire, avec les partenaires sociaux, un cadre régional de dialogue sur les outils numériques de pilotage de l'activité :"),
    LI("objectiver les effets de ces outils sur le travail des agents et des chefs d'équipe ;"),
    LI("outiller les entreprises pour négocier des accords de méthode sur leur déploiement ;"),
    LI("former chefs d'équipe et élus au dialogue sur les outils."),
    H("C. Problématique", "problematique"),
    P("Comment concilier les gains d'organisation attendus des outils numériques et la préservation de l'autonomie et de la santé d'agents isolés, dans un secteur où le dialogue social de proximité est souvent limité ?"),
    H("D. Publics cibles", "cibles"),
    P("Les agents de propreté intervenant en horaires décalés (dont une part importante ne maîtrise pas l'écrit), les chefs d'équipe et inspecteurs de site des entreprises adhérentes, les dirigeants de TPE et PME de propreté et les représentants du personnel."),
    H("E. Méthodologie", "methodologie"),
    P("Une enquête flash sera menée auprès des adhérents en phase 1 pour recenser les outils déployés et les difficultés rencontrées. Un diagnostic des usages de la badgeuse géolocalisée sera réalisé sur six chantiers par un cabinet d'ergonomie, en associant agents et chefs d'équipe."),
    P("Les résultats nourriront des groupes de travail paritaires chargés de rédiger un modèle d'accord de méthode et une charte régionale, puis un module de formation en ligne destiné aux chefs d'équipe et aux élus."),
    H("F. Phasage", "phasage"),
    P("Phase 1, octobre – décembre 2022 : enquête flash et choix des six chantiers. Phase 2, janvier – juin 2023 : diagnostic des usages et groupes de travail paritaires. Phase 3, juillet – octobre 2023 : rédaction du modèle d'accord et de la charte, production du module de formation. Phase 4, novembre – décembre 2023 : journées régionales de restitution et premières formations (fin du projet le 15 décembre 2023)."),
    H("G. Pilotage et comitologie", "pilotage"),
    P("Un comité de pilotage paritaire, coprésidé par l'UEPSA Occitanie et CFDT Services Occitanie, réunit chaque trimestre les entreprises des six chantiers, l'Aract Occitanie et l'Institut régional de formation aux métiers de la propreté. Un groupe technique mensuel suit le travail du cabinet d'ergonomie."),
    H("H. Résultats escomptés", "resultats"),
    P("Un état des lieux régional des outils numériques de la propreté, six diagnostics de chantier, un modèle d'accord de méthode, une charte régionale signée par les partenaires sociaux, un module de formation en ligne et au moins 80 chefs d'équipe et élus formés."),
    H("I. Pérennisation et essaimage", "perennisation"),
    P("La charte et le modèle d'accord seront proposés à la commission paritaire nationale de la branche. Le module de formation sera intégré au catalogue de l'Institut régional de formation aux métiers de la propreté."),
    H("J. Partenaires", "partenaires"),
    P("Aract Occitanie : expertise sur les conditions de travail, participation au comité de pilotage, capitalisation. CFDT Services Occitanie : coprésidence du comité, mobilisation des élus et des agents. Institut régional de formation aux métiers de la propreté : ingénierie et diffusion du module de formation."),
    H("K. Budget détaillé", None),
    P("Montants hors taxes."),
    budget_table(c05_lines),
    financing_table("Anact – La Fabrique CTO (montant sollicité)", c05_anact, c05_cofin, c05_total),
]
CASES.append(dict(
    id="h4p-05",
    case="Fédération d'employeurs (UEPSA Occitanie), ODT exporté par LibreOffice avec tableau budget + lettre de soutien PDF, Zimbra ; demande Anact 95 000 € > plafond → incomplet",
    applicant="UEPSA Occitanie (organisation professionnelle d'employeurs)",
    form="ODT (titres lettrés stylés) + PDF lettre de soutien, Zimbra",
    kind="partenaire_social",
    kind_evidence="organisation professionnelle d'employeurs représentant 260 entreprises de propreté de la région",
    targets=["Les agents de propreté intervenant en horaires décalés",
             "les chefs d'équipe et inspecteurs de site des entreprises adhérentes"],
    studies_existing=[],
    studies_planned=["Une enquête flash sera menée auprès des adhérents en phase 1",
                     "Un diagnostic des usages de la badgeuse géolocalisée sera réalisé sur six chantiers"],
    blocks=c05_blocks, doc="UEPSA_Occitanie_dossier_AMI_dialogue_social_techno.odt", doc_mode="styled",
    odt_from_docx=True, letter="Lettre de soutien Aract Occitanie.pdf",
    lines=c05_lines, cofin=c05_cofin, anact=c05_anact,
    partners=["Aract Occitanie", "CFDT Services Occitanie", "Institut régional de formation aux métiers de la propreté"],
    start="2022-10", end="2023-12",
    mail=dict(client="zimbra", sender=("Mathieu Carrère", "m.carrere@uepsa-occitanie.fr"),
              subject="Dossier de candidature appel à manifestation d'intérêt dialogue social technologique",
              date=datetime.fromisoformat("2022-08-17T11:36:20+02:00"),
              message_id="<1298374651.4432187.1660728980123.JavaMail.zimbra@uepsa-occitanie.fr>",
              body="Bonjour,\n\nVous trouverez ci-joint le dossier de candidature de l'UEPSA Occitanie ainsi que la lettre de soutien de l'Aract Occitanie.\n\nCordialement,\n\nMathieu Carrère\nDélégué régional\nUEPSA Occitanie\n"),
    decision="incomplete",
    flags=[{"code": "anact_request_over_cap", "target": "", "severity": "blocking"}],
    judgement="Défaut voulu : 95 000 € demandés > 80 000 €. Cofinancement 25 000 / 120 000 = 20,8 % (au-dessus du seuil, pas de second flag). L'OPCO EP n'apparaît que dans le plan de financement → pas partenaire. La lettre de soutien PDF est une annexe lisible.",
))

# --------------------------------------------------------------------------- h4p-06
# Commune, DOCX without heading styles (bold Normal lines), XLSX values only with long
# labels incl. an in-kind contribution on both sides; co-financing 18 % → incomplete.
c06_lines = [
    ("Temps de la cheffe de projet transformation numérique de la commune (40 jours)", "personnel", 9600),
    ("Temps des agents des services techniques mobilisés dans les groupes de travail (80 jours)", "personnel", 14400),
    ("Déplacements et logistique des ateliers (location d'un minibus, repas de travail)", "deplacements_logistique", 1500),
    ("Mise à disposition de locaux et de matériel par la commune (salles du centre technique municipal, vidéoprojecteurs)", "deplacements_logistique", 2000),
    ("Accompagnement par un cabinet de conseil en organisation pour l'animation des ateliers participatifs", "prestations", 16000),
    ("Formation des encadrants à la conduite du dialogue professionnel (organisme de formation)", "prestations", 6500),
]
c06_cofin = [("Autofinancement de la commune (budget principal 2023)", 4000),
             ("Participation du centre de gestion de l'Oise au titre de l'accompagnement RH", 3000),
             ("Mise à disposition de locaux et de matériel par la commune (valorisation)", 2000)]
c06_anact = 41000
c06_blocks = [
    ("title", "COMMUNE DE VILLENEUVE-SUR-BRÈCHE – PROJET « TABLETTES ET TERRAIN »"),
    P("Candidature à l'AMI La Fabrique CTO – Développer le dialogue social technologique au travail"),
    P("La commune de Villeneuve-sur-Brèche, collectivité de 9 400 habitants située dans l'Oise, emploie 132 agents. Le projet est porté par la direction des ressources humaines en lien avec la direction des services techniques."),
    H("1 – POURQUOI CE PROJET", "contexte"),
    P("En 2022, la commune a équipé ses services techniques d'un logiciel de gestion des interventions sur tablette : les demandes des habitants, les bons de travaux et le suivi du temps passé transitent désormais par l'outil. L'accueil de l'hôtel de ville a parallèlement basculé vers un portail citoyen de prise de rendez-vous."),
    P("Le baromètre social réalisé en 2021 auprès de l'ensemble des agents avait déjà fait apparaître une inquiétude forte sur la « traçabilité » du travail et un sentiment de ne pas être consultés sur les choix d'outils. Depuis le déploiement, la formation spécialisée en santé, sécurité et conditions de travail a été saisie à deux reprises par les représentants du personnel."),
    H("2 – CE QUE NOUS VOULONS OBTENIR", "objectifs"),
    P("Associer les agents et leurs encadrants au réglage des outils déjà déployés, définir avec les représentants du personnel des règles d'usage partagées et préparer les prochains choix numériques de la commune dans un cadre concerté."),
    H("3 – POUR QUI", "cibles"),
    P("Le projet est destiné à trois groupes : les 46 agents des services techniques municipaux et leurs six encadrants, ainsi que les agents d'accueil de l'hôtel de ville. Les représentants du personnel siégeant au comité social territorial y sont associés à chaque étape."),
    H("4 – LA DIFFICULTÉ À TRAITER", "problematique"),
    P("Comment passer d'un déploiement subi à un usage discuté des outils numériques dans une collectivité de taille moyenne, où les équipes sont mobiles et les encadrants peu formés à l'animation du dialogue professionnel ?"),
    H("5 – DÉMARCHE", "methodologie"),
    P("Une étude d'impact organisationnel prévue en phase 1 mesurera ce qui a changé dans le travail des équipes depuis l'arrivée des tablettes. Des ateliers participatifs, animés par un cabinet de conseil en organisation, réuniront ensuite agents, encadrants et élus du personnel pour proposer des règles d'usage et des évolutions du paramétrage. Les encadrants suivront une formation à la conduite du dialogue professionnel."),
    H("6 – CALENDRIER DÉTAILLÉ", "phasage"),
    P("Janvier – mars 2023 (phase 1) : étude d'impact organisationnel. Avril – juillet 2023 (phase 2) : ateliers participatifs et formation des encadrants. Septembre – novembre 2023 (phase 3) : mise en œuvre des règles d'usage, bilan et présentation au comité social territorial le 28 novembre 2023."),
    H("7 – ORGANISATION DU PILOTAGE", "pilotage"),
    P("Un comité de pilotage présidé par l'adjointe au maire chargée du personnel réunit tous les deux mois la direction générale des services, la DRH, la direction des services techniques, deux représentants du personnel, l'Aract Hauts-de-France et le Syndicat CGT des territoriaux de Villeneuve-sur-Brèche."),
    H("8 – RÉSULTATS ATTENDUS", "resultats"),
    P("Des règles d'usage des tablettes et du portail négociées et adoptées, un paramétrage revu avec les équipes, six encadrants formés, un retour d'expérience écrit à destination des autres communes."),
    H("9 – ET ENSUITE", "perennisation"),
    P("La démarche sera reprise pour chaque nouveau projet numérique de la commune. La Communauté de communes des Deux Vallées a demandé à bénéficier du retour d'expérience pour ses 21 communes membres."),
    H("10 – PARTENAIRES", "partenaires"),
    P("Aract Hauts-de-France : appui méthodologique et participation au comité de pilotage. Syndicat CGT des territoriaux de Villeneuve-sur-Brèche : mobilisation des agents, participation aux ateliers. Communauté de communes des Deux Vallées : diffusion du retour d'expérience."),
    H("11 – BUDGET", None),
    P("Le budget détaillé et le plan de financement sont joints en annexe (fichier Excel)."),
]
CASES.append(dict(
    id="h4p-06",
    case="Commune (Villeneuve-sur-Brèche), DOCX sans styles de titre (lignes en gras MAJUSCULES) + XLSX sans formules à libellés longs et apport en nature des deux côtés, Outlook ; cofinancement 18 % → incomplet",
    applicant="Commune de Villeneuve-sur-Brèche",
    form="DOCX sans styles (gras) + XLSX valeurs seules, Outlook",
    kind="public",
    kind_evidence="La commune de Villeneuve-sur-Brèche, collectivité de 9 400 habitants",
    targets=["les 46 agents des services techniques municipaux et leurs six encadrants",
             "les agents d'accueil de l'hôtel de ville"],
    studies_existing=["Le baromètre social réalisé en 2021 auprès de l'ensemble des agents"],
    studies_planned=["Une étude d'impact organisationnel prévue en phase 1"],
    blocks=c06_blocks, doc="Projet_Villeneuve_Fabrique_CTO.docx", doc_mode="bold",
    xlsx="Annexe budget – commune de Villeneuve-sur-Brèche.xlsx", xlsx_kind="values",
    lines=c06_lines, cofin=c06_cofin, anact=c06_anact, anact_label="Anact – appel à manifestation d'intérêt Fabrique CTO",
    partners=["Aract Hauts-de-France", "Syndicat CGT des territoriaux de Villeneuve-sur-Brèche",
              "Communauté de communes des Deux Vallées"],
    start="2023-01", end="2023-11",
    mail=dict(client="outlook_classic", sender=("DRH - Mairie de Villeneuve-sur-Brèche", "drh@villeneuve-sur-breche.fr"),
              subject="AMI La Fabrique CTO - Candidature de la commune de Villeneuve-sur-Brèche",
              date=datetime.fromisoformat("2022-08-19T10:05:44+02:00"),
              message_id="<000001d8b3a4$7c1e2f50$745a8df0$@villeneuve-sur-breche.fr>",
              body="Madame, Monsieur,\n\nPar la présente, la commune de Villeneuve-sur-Brèche a l'honneur de vous transmettre sa candidature à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail ».\n\nVous trouverez ci-joints la note de présentation du projet et l'annexe budgétaire.\n\nVeuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n\nNadia Ferhat\nDirectrice des ressources humaines\nMairie de Villeneuve-sur-Brèche\n"),
    decision="incomplete",
    flags=[{"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"}],
    judgement="Défaut voulu : cofinancement 9 000 / 50 000 = 18 % < 20 %. Apport en nature (locaux et matériel, 2 000 €) compté en dépense (logistique) et en ressource ; je le range en deplacements_logistique. Le CDG de l'Oise n'apparaît que dans le plan de financement → pas partenaire.",
))

# --------------------------------------------------------------------------- h4p-07
# SME applying for itself, short DOCX (styled), sent as application/octet-stream from
# Outlook for iOS at 23:41 Paris time (Date in +0000); no budget → incomplete.  No study.
c07_blocks = [
    ("title", "Menuiseries Ravel – « L'ERP, on en parle à l'atelier »"),
    P("Menuiseries Ravel & Fils est une PME familiale de 62 salariés installée à Sarrebourg (Moselle), qui fabrique et pose des menuiseries bois et aluminium."),
    H("Contexte", "contexte"),
    P("Nous remplaçons au printemps 2023 notre vieux logiciel de gestion par un ERP qui pilotera la fabrication, les stocks et le planning de pose."),
    H("Objectifs", "objectifs"),
    P("Choisir le paramétrage de l'ERP avec ceux qui vont l'utiliser, et non pas seulement avec l'éditeur."),
    H("Problématique", "problematique"),
    P("Comment éviter qu'un outil de planification ne rigidifie un travail qui repose sur l'entraide et l'ajustement permanent ?"),
    H("Pour qui", "cibles"),
    P("Les compagnons de l'atelier de fabrication, les poseurs et leurs chefs d'équipe."),
    H("Méthode", "methodologie"),
    P("Groupes de travail mensuels à l'atelier pendant les heures de travail, tests de l'ERP sur des commandes réelles, ajustements avec l'éditeur."),
    H("Phases", "phasage"),
    P("Octobre – décembre 2022 : groupes de travail. Janvier – mars 2023 : tests. Avril – juin 2023 : mise en service et bilan (fin juin 2023)."),
    H("Pilotage", "pilotage"),
    P("Comité de suivi mensuel : direction, délégués du personnel du CSE, chef d'atelier, Aract Grand Est."),
    H("Résultats", "resultats"),
    P("Un ERP paramétré avec les équipes et une règle claire pour décider des futurs changements."),
    H("Après le projet", "perennisation"),
    P("Le comité de suivi devient permanent ; nous partagerons l'expérience avec la CAPEB Moselle."),
    H("Partenaires", "partenaires"),
    P("Aract Grand Est (méthode, animation du premier groupe), CAPEB Moselle (diffusion auprès des artisans)."),
]
CASES.append(dict(
    id="h4p-07",
    case="PME pour elle-même (Menuiseries Ravel & Fils), DOCX court stylé envoyé en application/octet-stream, Outlook iOS, Date en +0000 à 23:41 heure de Paris le 23/08 (à l'heure) ; aucun budget → incomplet",
    applicant="Menuiseries Ravel & Fils (PME, 62 salariés)",
    form="DOCX court (Heading 1) en octet-stream, Outlook iOS",
    kind="entreprise",
    kind_evidence="une PME familiale de 62 salariés",
    targets=["Les compagnons de l'atelier de fabrication, les poseurs et leurs chefs d'équipe"],
    studies_existing=[], studies_planned=[],
    blocks=c07_blocks, doc="Projet ERP atelier Ravel.docx", doc_mode="styled", octet=True,
    lines=None, cofin=None, anact=None,
    partners=["Aract Grand Est", "CAPEB Moselle"],
    start="2022-10", end="2023-06",
    mail=dict(client="outlook_ios", sender=("Laurent Ravel", "l.ravel@menuiseries-ravel.fr"),
              subject="candidature Fabrique CTO",
              date=datetime.fromisoformat("2022-08-23T21:41:09+00:00"),
              message_id="<AM0PR07MB6241C0D5E4B1F7A2A6B39F2AC8709@AM0PR07MB6241.eurprd07.prod.outlook.com>",
              body="Bonjour,\n\nci-joint notre projet pour l'appel Fabrique CTO. Désolé pour l'heure tardive.\n\nL. Ravel\n\nObtenir Outlook pour iOS\n"),
    decision="incomplete",
    flags=[{"code": "missing_budget", "target": "", "severity": "blocking"}],
    judgement="Défaut voulu : aucun budget nulle part. Envoyé 23/08 21:41 UTC = 23:41 à Paris → à l'heure. Label budget : total_cost, anact_request et cofinancement à null ; les totaux par catégorie ne sont pas étiquetés (incertain : null ou 0 ?). Aucune étude existante ni prévue (cas « ni l'un ni l'autre »).",
))

# --------------------------------------------------------------------------- h4p-08
# Think tank that never says what it is → inconnu.  PDF exported by LibreOffice + two-sided
# XLSX budget with formulas + inline logo (multipart/related), Gmail; co-financing exactly
# 20 % → complete.
c08_lines = [
    ("Responsable des études (70 jours)", "personnel", 24500),
    ("Chargé d'études junior (90 jours)", "personnel", 22500),
    ("Frais de déplacement et d'hébergement pour les entretiens collectifs", "deplacements_logistique", 3200),
    ("Organisation d'un séminaire de restitution à Rouen (salle, captation, repas)", "deplacements_logistique", 4300),
    ("Conception graphique et mise en ligne du cahier de propositions (prestation)", "prestations", 5500),
]
c08_cofin = [("Fonds propres", 7000), ("Région Normandie (sollicitée)", 5000)]
c08_anact = 48000
c08_blocks = [
    ("title", "Drive et dialogue – ce que les outils de préparation de commandes font au travail en grande distribution"),
    P("Proposition de Lumen Travail pour La Fabrique CTO – août 2022. Contact : Inès Moreau, coordinatrice des études."),
    H("Pourquoi maintenant", "contexte"),
    P("Le drive alimentaire a connu une croissance spectaculaire depuis 2020. Dans les hypermarchés, la préparation des commandes est désormais guidée par des terminaux qui fixent l'itinéraire, le temps alloué à chaque ligne et la substitution des produits manquants."),
    P("Le sondage réalisé en janvier 2022 auprès de 1 015 salariés du commerce, que nous avons publié au printemps, montre que 58 % des préparateurs de drive se disent « pilotés par la machine » et que 7 sur 10 n'ont jamais été consultés sur l'outil. Les partenaires sociaux du secteur se sont emparés de ces chiffres, sans disposer encore de propositions concrètes."),
    H("Nos buts", "objectifs"),
    P("Rendre visible le travail réel du drive, construire avec les salariés et les managers des propositions de règles d'usage des terminaux, et les mettre en débat avec les directions et les organisations syndicales."),
    H("Pour qui travaillons-nous ?", "cibles"),
    P("Pour les préparatrices et préparateurs de commandes en drive alimentaire, et pour les managers de rayon de cinq hypermarchés de l'agglomération rouennaise, qui encadrent ces équipes sans avoir la main sur l'outil."),
    H("La question", "problematique"),
    P("Quelles marges de discussion existe-t-il sur des outils conçus au niveau des sièges, et comment les salariés d'un magasin peuvent-ils les investir ?"),
    H("Démarche", "methodologie"),
    P("Nous conduirons une série de douze entretiens collectifs avec des préparateurs, des managers et des élus, dans les cinq magasins. Ces entretiens seront complétés par des journées d'observation et par l'analyse des règles de l'outil avec les équipes."),
    P("Les constats seront soumis à deux ateliers de propositions réunissant salariés, managers et représentants syndicaux, puis à un séminaire de restitution ouvert aux directions régionales."),
    H("Déroulement", "phasage"),
    LI("septembre – décembre 2022 : accès aux terrains, entretiens collectifs, observations ;"),
    LI("janvier – mars 2023 : analyse, rédaction des constats ;"),
    LI("avril – juin 2023 : ateliers de propositions ;"),
    LI("juillet – août 2023 : cahier de propositions et séminaire de restitution (fin le 31 août 2023)."),
    H("Comment le projet est conduit", "pilotage"),
    P("Un comité d'orientation de huit membres se réunit à chaque fin de phase : la coordinatrice des études, l'Aract Normandie, l'Union départementale CFTC de Seine-Maritime, un chercheur de l'Université de Rouen Normandie, deux managers et deux préparateurs volontaires."),
    H("Ce qui en sortira", "resultats"),
    P("Un cahier de propositions de règles d'usage des terminaux de préparation, une note de synthèse chiffrée, un séminaire de restitution et trois fiches pratiques destinées aux élus des CSE du commerce."),
    H("Faire vivre le travail ensuite", "perennisation"),
    P("Le cahier sera publié en ligne sous licence ouverte. L'Union départementale CFTC de Seine-Maritime l'utilisera dans ses formations d'élus, et nous proposerons la démarche à d'autres enseignes via le réseau Anact-Aract."),
    H("Avec qui", "partenaires"),
    P("Aract Normandie : appui méthodologique, animation des ateliers avec nous. Union départementale CFTC de Seine-Maritime : accès aux terrains, mobilisation des élus. Université de Rouen Normandie : relecture scientifique et accueil du séminaire."),
    H("Budget"),
    P("Le budget (charges et produits) est détaillé dans le tableur joint."),
]
CASES.append(dict(
    id="h4p-08",
    case="Porteur dont la nature n'est jamais dite (Lumen Travail), PDF exporté par LibreOffice + budget XLSX CHARGES|PRODUITS à formules + logo inline (multipart/related), Gmail ; cofinancement exactement 20 % ; complet",
    applicant="Lumen Travail (un think tank, mais les documents ne le disent jamais)",
    form="PDF (LibreOffice) + XLSX deux colonnes à formules + logo inline, Gmail",
    kind="inconnu", kind_evidence=None,
    targets=["les préparatrices et préparateurs de commandes en drive alimentaire",
             "les managers de rayon de cinq hypermarchés de l'agglomération rouennaise"],
    studies_existing=["Le sondage réalisé en janvier 2022 auprès de 1 015 salariés du commerce"],
    studies_planned=["Nous conduirons une série de douze entretiens collectifs"],
    blocks=c08_blocks, doc="Lumen_Travail_Drive_et_dialogue.pdf", doc_mode="gdocs", pdf_from_docx=True,
    xlsx="Lumen_budget.xlsx", xlsx_kind="two_sided", logo="logo-lumen.png",
    lines=c08_lines, cofin=c08_cofin, anact=c08_anact, anact_label="Anact – Fabrique CTO",
    partners=["Aract Normandie", "Union départementale CFTC de Seine-Maritime", "Université de Rouen Normandie"],
    start="2022-09", end="2023-08",
    mail=dict(client="gmail_related", sender=("Lumen Travail", "ines.moreau@lumen-travail.fr"),
              subject="Réponse à l’AMI – La Fabrique CTO : « Drive et dialogue »",
              date=datetime.fromisoformat("2022-08-20T12:30:02+02:00"),
              message_id="<CAH7p2Kd0xQ5m=Rz8VtY3Wq1uNf6LbE9sGc4oJhTa2XkMp8rD_w@mail.gmail.com>",
              body="Bonjour,\n\nVeuillez trouver ci-joints notre proposition « Drive et dialogue » et son budget.\n\nBien à vous,\n\nInès Moreau\nCoordinatrice des études – Lumen Travail\n"),
    decision="complete", flags=[],
    judgement="Nature du porteur jamais dite (ni association, ni think tank, ni cabinet) → inconnu. Cofinancement 12 000 / 60 000 = 20 % exactement (pas sous le minimum). Le logo inline (Content-ID) est skipped. L'université est partenaire (nommée dans « Avec qui »), pas porteur.",
))


# =========================================================================== BUILD

def write_xlsx(case, path: Path, tmp: Path):
    lines, cofin, anact = case["lines"], case["cofin"], case["anact"]
    kind = case["xlsx_kind"]
    total = sum(l[2] for l in lines)
    wb = openpyxl.Workbook()
    ws = wb.active
    b = Font(bold=True)
    if kind in ("two_sheets", "one_sheet", "values"):
        formulas = kind != "values"
        ws.title = "Dépenses" if kind == "two_sheets" else "Budget"
        ws.append(["Budget prévisionnel – " + case["applicant"].split(" (")[0]])
        ws["A1"].font = b
        ws.append([])
        ws.append(["Poste", "Montant HT (€)"])
        ws["A3"].font = ws["B3"].font = b
        sub_cells = []
        for cat in ("personnel", "deplacements_logistique", "prestations"):
            ls = [l for l in lines if l[1] == cat]
            ws.append([CAT_FR[cat]])
            head_row = ws.max_row
            ws.cell(head_row, 1).font = b
            first = ws.max_row + 1
            for label, _, amount in ls:
                ws.append([label, amount])
            last = ws.max_row
            ws.append([f"Sous-total {CAT_FR[cat].lower()}",
                       f"=SUM(B{first}:B{last})" if formulas else sum(l[2] for l in ls)])
            ws.cell(ws.max_row, 1).font = b
            sub_cells.append(f"B{ws.max_row}")
        ws.append([])
        ws.append(["TOTAL DES DÉPENSES", "=" + "+".join(sub_cells) if formulas else total])
        ws.cell(ws.max_row, 1).font = b
        total_cell = f"B{ws.max_row}"
        fs = wb.create_sheet("Financement") if kind == "two_sheets" else ws
        if kind != "two_sheets":
            fs.append([])
            fs.append(["PLAN DE FINANCEMENT"])
            fs.cell(fs.max_row, 1).font = b
        fs.append(["Ressource", "Montant (€)", "Part du total"])
        fs.cell(fs.max_row, 1).font = b
        first = fs.max_row + 1
        ref_total = ("'Dépenses'!" + total_cell) if kind == "two_sheets" else total_cell
        for label, amount in [(case.get("anact_label", "Anact"), anact)] + list(cofin):
            r = fs.max_row + 1
            fs.append([label, amount, f"=B{r}/{ref_total}" if formulas else round(amount / total, 4)])
            fs.cell(r, 3).number_format = "0.0%"
        last = fs.max_row
        fs.append(["Total des ressources", f"=SUM(B{first}:B{last})" if formulas else total])
        fs.cell(fs.max_row, 1).font = b
        if kind == "two_sheets":
            fs.append([])
            fs.append(["dont co-financements", f"=SUM(B{first + 1}:B{last})"])
        for sh in wb.worksheets:
            sh.column_dimensions["A"].width = 95 if kind == "values" else 70
            sh.column_dimensions["B"].width = 16
            sh.column_dimensions["C"].width = 14
    elif kind == "two_sided":
        ws.title = "Budget"
        ws.append(["BUDGET PRÉVISIONNEL DU PROJET « DRIVE ET DIALOGUE »"])
        ws["A1"].font = b
        ws.append([])
        ws.append(["CHARGES", "Montant (€)", "", "PRODUITS", "Montant (€)"])
        for c in "ABDE":
            ws[f"{c}3"].font = b
        res = [(case["anact_label"], anact)] + list(cofin)
        n = max(len(lines), len(res))
        for i in range(n):
            left = [lines[i][0], lines[i][2]] if i < len(lines) else ["", None]
            right = [res[i][0], res[i][1]] if i < len(res) else ["", None]
            ws.append(left + [""] + right)
        last = 3 + n
        ws.append(["TOTAL DES CHARGES", f"=SUM(B4:B{last})", "", "TOTAL DES PRODUITS", f"=SUM(E4:E{last})"])
        ws.cell(ws.max_row, 1).font = b
        ws.cell(ws.max_row, 4).font = b
        ws.column_dimensions["A"].width = 72
        ws.column_dimensions["D"].width = 32
        ws.column_dimensions["B"].width = ws.column_dimensions["E"].width = 14
    raw = tmp / path.name.replace(" ", "_").replace("–", "-")
    wb.save(raw)
    if kind == "values":
        shutil.copy(raw, path)
        return
    # LibreOffice round-trip so the formulas carry cached values, as a real Excel file does
    outdir = tmp / ("recalc_" + case["id"])
    outdir.mkdir(exist_ok=True)
    out = soffice_convert(raw, "xlsx:Calc MS Excel 2007 XML", outdir)
    shutil.copy(out, path)


def write_letter_pdf(path: Path):
    pdf = FPDF()
    pdf.add_page()
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if Path(font).exists():
        pdf.add_font("DejaVu", "", font)
        pdf.set_font("DejaVu", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
    text = (
        "Aract Occitanie\nToulouse, le 12 août 2022\n\n"
        "Objet : soutien à la candidature de l'UEPSA Occitanie – La Fabrique CTO\n\n"
        "Madame, Monsieur,\n\n"
        "L'Aract Occitanie soutient la candidature de l'Union des entreprises de propreté et "
        "services associés d'Occitanie. Nous participerons au comité de pilotage du projet et "
        "apporterons notre expertise sur les conditions de travail des agents de propreté "
        "en horaires décalés.\n\n"
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations "
        "distinguées.\n\nLa directrice de l'Aract Occitanie"
    )
    pdf.multi_cell(0, 6, text)
    pdf.output(str(path))


def build_mail(case, files: list[tuple[str, bytes, str]]) -> bytes:
    m = case["mail"]
    client = m["client"]
    name, addr = m["sender"]
    from email.utils import formataddr
    date = format_datetime(m["date"])

    def headers(msg):
        msg["Message-ID"] = m["message_id"]
        msg["Date"] = date
        msg["From"] = formataddr((name, addr))
        msg["To"] = TO
        msg["Subject"] = m["subject"]

    if client == "apple":  # body proposal: multipart/alternative, QP
        blocks = case["blocks"]
        plain = blocks_to_plain(blocks)
        msg = MIMEMultipart("alternative", policy=SP, boundary="Apple-Mail=_4D1C2B7E-3F0A-4C55-9E81-7A2B6C0D9E13")
        headers(msg)
        msg["X-Mailer"] = "Apple Mail (2.3696.120.41.1.1)"
        from email.charset import QP, Charset
        cs = Charset("utf-8")
        cs.body_encoding = QP
        p = MIMEText(plain, "plain", cs, policy=SP)
        p.set_param("format", "flowed")
        msg.attach(p)
        msg.attach(MIMEText(blocks_to_html(blocks), "html", cs, policy=SP))
        return msg.as_bytes(policy=policy.SMTP)

    body = m["body"]
    if client == "thunderbird":
        msg = MIMEMultipart("mixed", policy=SP, boundary="------------0Fh3Kq8Lr2Wz9XyT6uVb1NcD")
        headers(msg)
        msg["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0"
        msg["Content-Language"] = "fr"
        t = MIMEText(body, "plain", "utf-8", policy=SP)
        t.set_param("format", "flowed")
        msg.attach(t)
        parts_parent = msg
    elif client in ("outlook", "outlook_classic"):
        msg = MIMEMultipart("mixed", policy=SP, boundary="_004_PR1P264MB2217A9C3F1E0B4D5_" if client == "outlook"
                            else "----=_NextPart_000_0017_01D8B3B5.3FA3C650")
        headers(msg)
        if client == "outlook":
            msg["Thread-Topic"] = m["subject"]
            msg["Accept-Language"] = "fr-FR, en-US"
            msg["Content-Language"] = "fr-FR"
        msg["X-Mailer"] = "Microsoft Outlook 16.0"
        alt = MIMEMultipart("alternative", policy=SP)
        alt.attach(MIMEText(body, "plain", "utf-8", policy=SP))
        h = "<html><body><div class=\"WordSection1\">" + "".join(
            f"<p class=\"MsoNormal\">{html.escape(x) or '&nbsp;'}</p>" for x in body.split("\n")) + "</div></body></html>"
        alt.attach(MIMEText(h, "html", "utf-8", policy=SP))
        msg.attach(alt)
        parts_parent = msg
    elif client == "zimbra":
        msg = MIMEMultipart("mixed", policy=SP, boundary="=_8b1f3c2a-77d4-4e0b-9d6a-2c5e1f0a9b37")
        headers(msg)
        msg["X-Mailer"] = "Zimbra 8.8.15_GA_4484 (ZimbraWebClient - FF103 (Win)/8.8.15_GA_4481)"
        msg["Thread-Index"] = "Wq3kD1f9m2Lx8pQ0sT7vY4bN6cR5zA=="
        alt = MIMEMultipart("alternative", policy=SP)
        alt.attach(MIMEText(body, "plain", "utf-8", policy=SP))
        alt.attach(MIMEText("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000\">"
                            + "<br>".join(html.escape(x) for x in body.split("\n")) + "</div></body></html>", "html", "utf-8", policy=SP))
        msg.attach(alt)
        parts_parent = msg
    elif client == "outlook_ios":
        msg = MIMEMultipart("mixed", policy=SP, boundary="_002_AM0PR07MB6241C0D5E4B1F7A2_")
        headers(msg)
        msg["X-MS-Has-Attach"] = "yes"
        alt = MIMEMultipart("alternative", policy=SP)
        alt.attach(MIMEText(body, "plain", "utf-8", policy=SP))
        alt.attach(MIMEText("<html><head></head><body><div dir=\"ltr\">" + "<br>".join(html.escape(x) for x in body.split("\n")) + "</div></body></html>", "html", "utf-8", policy=SP))
        msg.attach(alt)
        parts_parent = msg
    elif client in ("gmail", "gmail_related"):
        msg = MIMEMultipart("mixed", policy=SP, boundary="0000000000007c3a1e05e6a2f9b4")
        headers(msg)
        alt = MIMEMultipart("alternative", policy=SP, boundary="0000000000007c3a1a05e6a2f9b2")
        alt.attach(MIMEText(body, "plain", "utf-8", policy=SP))
        hbody = "<div dir=\"ltr\">" + "<br>".join(html.escape(x) for x in body.split("\n"))
        if client == "gmail_related":
            hbody += "<br><img src=\"cid:ii_l6zq3m0x0\" alt=\"Lumen Travail\" width=\"96\" height=\"32\">"
            rel = MIMEMultipart("related", policy=SP, boundary="0000000000007c3a1c05e6a2f9b3")
            alt.attach(MIMEText(hbody + "</div>", "html", "utf-8", policy=SP))
            rel.attach(alt)
            img = MIMEImage(tiny_png(), "png", policy=SP)
            img.add_header("Content-ID", "<ii_l6zq3m0x0>")
            img.add_header("X-Attachment-Id", "ii_l6zq3m0x0")
            img.add_header("Content-Disposition", "inline", filename=case["logo"])
            img.set_param("name", case["logo"])
            rel.attach(img)
            msg.attach(rel)
        else:
            alt.attach(MIMEText(hbody + "</div>", "html", "utf-8", policy=SP))
            msg.attach(alt)
        parts_parent = msg
    else:
        raise ValueError(client)

    rfc2047_names: dict[str, str] = {}
    for fname, data, ctype in files:
        maintype, subtype = ctype.split("/")
        part = MIMEApplication(data, subtype, policy=SP)
        if client == "outlook" and not fname.isascii():
            # Outlook style: RFC 2047 encoded-words inside the parameters (patched in below,
            # the email package would turn them into RFC 2231)
            placeholder = f"ATTACHMENT{len(rfc2047_names)}.{fname.rsplit('.', 1)[1]}"
            rfc2047_names[placeholder] = fname
            part.set_param("name", placeholder)
            part["Content-Description"] = placeholder
            part.add_header("Content-Disposition", "attachment", filename=placeholder, size=str(len(data)))
        else:
            part.set_param("name", fname if fname.isascii() else ("utf-8", "", fname))
            part.add_header("Content-Disposition", "attachment",
                            filename=fname if fname.isascii() else ("utf-8", "", fname))
        if client in ("gmail", "gmail_related"):
            part["X-Attachment-Id"] = "f_l6zq" + str(zlib.crc32(fname.encode()) % 10**6)
        parts_parent.attach(part)
    out = msg.as_bytes(policy=policy.SMTP)
    for placeholder, fname in rfc2047_names.items():
        words = [Header(fname[i:i + 20], "utf-8").encode() for i in range(0, len(fname), 20)]
        out = out.replace(placeholder.encode(), "\r\n\t".join(words).encode())
    return out


MT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
}


def budget_label(case):
    if case["lines"] is None:
        return {"total_cost": None, "anact_request": None,
                "cofinancing": {"amount": None, "share": None}}
    totals = {c: float(sum(l[2] for l in case["lines"] if l[1] == c)) for c in CATS}
    total = float(sum(totals.values()))
    cof = float(sum(s[1] for s in case["cofin"]))
    assert abs(case["anact"] + cof - total) < 0.01, (case["id"], case["anact"], cof, total)
    return {"total_cost": total, "anact_request": float(case["anact"]), "totals": totals,
            "cofinancing": {"amount": cof, "share": round(cof / total, 4)}}


def build_case(case, tmp: Path):
    cid = case["id"]
    files: list[tuple[str, bytes, str]] = []
    texts: list[str] = []
    atts = []
    source = None
    if not case.get("body_proposal"):
        doc = case["doc"]
        ext = doc.rsplit(".", 1)[1]
        if ext == "docx":
            p = tmp / doc
            render_docx(case["blocks"], p, case["doc_mode"])
        else:
            src = tmp / (cid + "_src.docx")
            render_docx(case["blocks"], src, case["doc_mode"])
            d = tmp / ("conv_" + cid)
            d.mkdir(exist_ok=True)
            out = soffice_convert(src, ext, d)
            p = tmp / doc
            shutil.move(out, p)
        data = p.read_bytes()
        files.append((doc, data, "application/octet-stream" if case.get("octet") else MT[ext]))
        atts.append({"filename": doc, "status": "parsed"})
        source = doc
    if case.get("letter"):
        lp = tmp / case["letter"]
        write_letter_pdf(lp)
        files.append((case["letter"], lp.read_bytes(), MT["pdf"]))
        atts.append({"filename": case["letter"], "status": "parsed"})
    if case.get("xlsx"):
        xp = tmp / case["xlsx"]
        write_xlsx(case, xp, tmp)
        files.append((case["xlsx"], xp.read_bytes(), MT["xlsx"]))
        atts.append({"filename": case["xlsx"], "status": "parsed"})
    if case.get("logo"):
        atts.append({"filename": case["logo"], "status": "skipped"})
    eml = build_mail(case, files)
    (OUT / f"{cid}.eml").write_bytes(eml)

    # sanity on the committee phrases: verbatim in the source text
    texts.append(blocks_text(case["blocks"]))
    full = "\n".join(texts)
    phrases = ([case["kind_evidence"]] if case["kind_evidence"] else []) + case["targets"] + \
        case["studies_existing"] + case["studies_planned"]
    for ph in phrases:
        assert ph in full, (cid, ph)

    label = {
        "case": case["case"],
        "decision": case["decision"],
        "flags": case["flags"],
        "sections": section_labels(case["blocks"], source),
        "budget": budget_label(case),
        "partners": [{"name": n} for n in case["partners"]],
        "attachments": atts,
        "message": {
            "message_id": case["mail"]["message_id"],
            "from": case["mail"]["sender"][1],
            "subject": case["mail"]["subject"],
            "date": case["mail"]["date"].isoformat(),
        },
        "project": {"start": case["start"], "end": case["end"],
                    "duration_months": months(case["start"], case["end"])},
        "committee": {
            "applicant_kind": case["kind"],
            "applicant_kind_evidence": case["kind_evidence"],
            "targets": case["targets"],
            "studies_existing": case["studies_existing"],
            "studies_planned": case["studies_planned"],
        },
    }
    (OUT / f"{cid}.expected.json").write_text(json.dumps(label, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")
    return label


def write_readme(labels):
    rows = []
    for case, lab in zip(CASES, labels):
        files = ", ".join(f"`{a['filename']}`" for a in lab["attachments"]) or "(corps du message)"
        defect = ", ".join(f["code"] for f in lab["flags"]) or "—"
        rows.append(f"| {case['id']} | {case['applicant']} ({case['kind']}) | {case['form']} | {files} | {defect} | {lab['decision']} |")
    judg = "\n".join(f"- **{c['id']}** — {c['judgement']}" for c in CASES)
    text = f"""# Holdout 4 (p) — blind corpus of French proposals to La Fabrique CTO

Built by `gen_p.py` (run it with a venv holding python-docx, openpyxl, fpdf2; LibreOffice
does the PDF/ODT exports and the XLSX recalculation). Labels follow
`tests/corpus/score.py`, plus a `committee` key (applicant kind and verbatim phrases).

| id | applicant | form | files | defect | decision |
| --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

## Judgement calls

{judg}

## General

- Deadline 23 August 2022 (Paris time), end limit 30 December 2023: every case is on time
  and ends before the limit (h4p-07 is sent at 23:41 Paris time on the 23rd, Date in +0000).
- `sections.*.body_start` is the first six words of the first paragraph or list item after
  the heading; `source` is the file name (null for the proposal written in the body, h4p-04).
- `project.duration_months` counts months inclusively (2022-10 → 2023-09 = 12).
- In h4p-02 the budget table starts on one page of the PDF and ends on the next (a row
  is even split across the break, as Word/LibreOffice do by default).
- Committee phrases are checked by the generator to be verbatim substrings of the document
  text; `check_p.py` re-checks them against the text extracted from the built files.
"""
    (OUT / "README_p.md").write_text(text, encoding="utf-8")


def main():
    with tempfile.TemporaryDirectory(prefix="h4p-") as t:
        tmp = Path(t)
        labels = [build_case(c, tmp) for c in CASES]
    write_readme(labels)
    print("built", len(labels), "cases in", OUT)


if __name__ == "__main__":
    main()
