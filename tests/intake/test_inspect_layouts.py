"""Whole messages in layouts the corpora do not have: a custom Word style for headings,
question-like headings, a Gantt table, a budget sheet with merged category cells and the
resources beside the expenses."""

from email.message import EmailMessage
from io import BytesIO

import docx
import openpyxl
from docx.shared import Pt

from intake.config import load_config
from intake.reading.pipeline import inspect_message

DOCX = "application", "vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _proposal() -> bytes:
    d = docx.Document()
    style = d.styles.add_style("Titre perso", 1)
    style.font.bold, style.font.size = True, Pt(14)
    parts = [
        ("Présentation de la structure", "L'atelier coopératif Fil & Trame accompagne des TPE du textile."),
        ("Le point de départ", "Les TPE du textile adoptent des logiciels de gestion de production."),
        ("Ce que nous voulons changer", "Ouvrir des espaces de discussion sur ces outils."),
        ("La question que nous posons", "Comment concilier performance et qualité du travail ?"),
        ("Les personnes concernées", "Couturières, chefs d'atelier, dirigeants et élus."),
        ("Notre manière de faire", "Observation du travail, ateliers de dialogue, tests de règles."),
        ("Étapes clés", None),
        ("Qui décide ?", "Un comité de pilotage paritaire réuni chaque trimestre."),
        ("Ce que le projet laissera", "Un guide, des règles d'usage négociées, une formation."),
        ("Diffusion", "Le guide sera diffusé sous licence libre auprès des branches."),
        ("Ils nous accompagnent", "L'Aract Hauts-de-France, qui apportera son appui méthodologique, "
                                  "et l'Union des industries textiles, qui mobilisera les entreprises."),
    ]
    for title, text in parts:
        d.add_paragraph(title, style="Titre perso")
        if text:
            d.add_paragraph(text)
        else:
            t = d.add_table(rows=3, cols=6)
            for r, row in enumerate([["Action", "oct. 2022", "déc. 2022", "fév. 2023", "juin 2023", "janv. 2024"],
                                     ["Diagnostic", "X", "X", "", "", ""],
                                     ["Bilan et restitution", "", "", "X", "X", "X"]]):
                for c, v in enumerate(row):
                    t.cell(r, c).text = v
    out = BytesIO()
    d.save(out)
    return out.getvalue()


def _budget() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Budget prévisionnel CAP-OUTILS"
    ws.merge_cells("A1:F1")
    ws.append([])
    for row in (["Catégorie", "Poste", "Montant HT", "", "Recettes", "Montant"],
                ["Personnel", "Coordinatrice (50 j)", 20000, "", "Anact", 36000],
                [None, "Couturière référente (20 j)", 6000, "", "Région Hauts-de-France", 6000],
                ["Déplacements", "Trains et hôtels", 3000, "", "Fonds propres", 3000],
                ["Prestations", "Designer", 10000, "", "", None],
                ["Autres", "Achat de deux tablettes", 6000, "", "", None],
                ["Total", "", 45000, "", "Total", 45000]):
        ws.append(row)
    ws.merge_cells("A4:A5")
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def test_custom_styles_gantt_and_side_by_side_budget():
    m = EmailMessage()
    m["Subject"], m["From"], m["Date"] = "Candidature AMI Fabrique CTO", "a@b.fr", "Mon, 22 Aug 2022 10:00:00 +0200"
    m.set_content("Bonjour, veuillez trouver ci-joint notre candidature.")
    m.add_attachment(_proposal(), maintype=DOCX[0], subtype=DOCX[1], filename="CAP-OUTILS.docx")
    m.add_attachment(_budget(), maintype=XLSX[0], subtype=XLSX[1], filename="Budget.xlsx")
    d = inspect_message(m.as_bytes(), load_config()).dossier
    assert all(s["present"] for s in d["sections"].values()), d["sections"]
    b = d["budget"]
    assert b["totals"] == {"personnel": 26000.0, "deplacements_logistique": 3000.0, "prestations": 10000.0,
                           "autre": 6000.0}
    assert (b["total_cost"], b["anact_request"], b["cofinancing"]["amount"]) == (45000.0, 36000.0, 9000.0)
    assert [p["name"] for p in d["partners"]] == ["Aract Hauts-de-France", "Union des industries textiles"]
    assert sorted((f["code"], f["target"]) for f in d["flags"]) == [
        ("ineligible_expense", "Achat de deux tablettes"), ("project_end_after_limit", "")]
    assert d["decision"] == "incomplete"


def _mail(subject: str, body: str) -> dict:
    m = EmailMessage()
    m["Subject"], m["From"], m["Date"] = subject, "a@b.fr", "Mon, 22 Aug 2022 10:00:00 +0200"
    m.set_content(body)
    return inspect_message(m.as_bytes(), load_config()).dossier


def test_messages_without_documents():
    forgot = _mail("AMI Fabrique CTO", "Bonjour, ci-joint notre dossier de candidature. "
                                       "N'hésitez pas si vous avez des questions ?")
    assert forgot["decision"] == "incomplete"
    assert ("no_proposal_document", "") in {(f["code"], f["target"]) for f in forgot["flags"]}
    question = _mail("Question AMI Fabrique CTO", "Bonjour, une association loi 1901 est-elle éligible "
                                                  "à l'appel ? Merci de votre réponse.")
    assert question["decision"] == "not_a_proposal"
    newsletter = _mail("Notre lettre d'information d'août", "Découvrez nos formations de rentrée.")
    assert newsletter["decision"] == "not_a_proposal"


def _form() -> bytes:
    """A proposal filled in as a form: one two-column table, a row per part; the budget,
    the financing plan (no introducing sentence: the row's label says it) and the partners
    (a bulleted list) inside cells."""
    d = docx.Document()
    d.add_paragraph("Dossier de candidature – AMI La Fabrique CTO", style="Title")
    t = d.add_table(rows=0, cols=2)

    def row(label: str, paras: list[str], style: str | None = None) -> None:
        cells = t.add_row().cells
        cells[0].text = label
        cells[1].paragraphs[0].text = paras[0]
        if style:
            cells[1].paragraphs[0].style = style
        for p in paras[1:]:
            cells[1].add_paragraph(p, style=style)

    row("Contexte", ["Les PME du BTP de Vendée découvrent les outils de planification numériques."])
    row("Objectifs", ["Outiller le dialogue social sur les plannings numériques dans dix PME."])
    row("Problématique", ["Comment associer les compagnons au choix et au paramétrage des outils ?"])
    row("Publics cibles", ["Dirigeants, chefs de chantier, compagnons et représentants du personnel."])
    row("Méthodologie", ["Diagnostic partagé, ateliers de simulation, charte d'usage co-écrite."])
    row("Phasage", ["Phase 1 (octobre – décembre 2022) : diagnostic.", "Phase 2 (janvier – juin 2023) : ateliers.",
                    "Phase 3 (juillet – octobre 2023) : capitalisation."])
    row("Pilotage et comitologie", ["Un comité de pilotage trimestriel réunit la FFB Vendée, l'Aract et deux élus."])
    row("Résultats attendus", ["Dix chartes d'usage, un guide régional, une formation des élus."])
    row("Pérennisation et essaimage", ["Le guide sera diffusé par la FFB dans les Pays de la Loire."])
    row("Partenaires mobilisés", ["Aract Pays de la Loire : appui méthodologique",
                                 "FFB Vendée : mobilisation des entreprises",
                                 "UD CFDT Vendée : formation des élus"], style="List Bullet")
    row("Budget prévisionnel", ["Personnel (chargée de mission, 60 jours) : 24 000 €",
                               "Déplacements et logistique : 3 500 €",
                               "Prestation de design (charte graphique du guide) : 8 500 €", "Total : 36 000 €"])
    row("Plan de financement", ["Anact – Fabrique CTO : 28 000 €", "FFB Vendée : 5 000 €", "Fonds propres : 3 000 €"])
    out = BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_proposal_filled_in_as_a_form_table():
    m = EmailMessage()
    m["From"] = "direction@btp-dialogue.fr"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = "Candidature AMI La Fabrique CTO"
    m["Date"] = "Fri, 19 Aug 2022 10:00:00 +0200"
    m.set_content("Bonjour, veuillez trouver ci-joint notre dossier.")
    m.add_attachment(_form(), maintype=DOCX[0], subtype=DOCX[1], filename="formulaire.docx")
    d = inspect_message(m.as_bytes(), load_config()).dossier
    assert d["decision"] == "complete", d["flags"]
    assert all(s["present"] for s in d["sections"].values())
    assert d["sections"]["phasage"]["excerpt"].startswith("Phase 1 (octobre")  # from its own cell
    b = d["budget"]
    assert (b["total_cost"], b["anact_request"], b["cofinancing"]["amount"]) == (36000.0, 28000.0, 8000.0)
    assert b["totals"]["personnel"] == 24000.0  # "chargée de mission, 60 jours": staff
    assert [p["name"] for p in d["partners"]] == ["Aract Pays de la Loire", "FFB Vendée", "UD CFDT Vendée"]
    assert (d["project"]["start"], d["project"]["end"]) == ("2022-10", "2023-10")
