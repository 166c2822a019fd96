"""The project's title, found as a careful reader would: a label, else the main document's
title page, else the subject. Documents are real files (DOCX, PDF, ODT, e-mails) read by
the service's own readers."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx import Document as WordDocument

from intake.config import load_config
from intake.reading.pipeline import inspect_message
from parsers.document import Document, Limits
from parsers.files import read_file
from parsers.title import SUBJECT, find_title

ROOT = Path(__file__).resolve().parents[2]
FONT = Path("/usr/share/fonts/truetype/dejavu")
SUBJECT_LINE = "Candidature AMI La Fabrique CTO"
BODY = ("Les PME du territoire déploient des outils numériques sans en discuter les effets sur "
        "le travail ; les salariés et leurs représentants découvrent les outils une fois choisis.")
PARTS = [("1. Contexte", BODY), ("2. Objectifs", "Outiller le dialogue social sur les outils."),
         ("3. Problématique", "Comment discuter d'un outil avant son achat ?"),
         ("4. Publics cibles", "Dix PME de 20 à 250 salariés et leurs élus."),
         ("5. Méthodologie", "Diagnostic partagé, ateliers, règles d'usage négociées."),
         ("6. Pilotage", "Un comité de pilotage paritaire se réunit chaque trimestre.")]


def _read(name: str, data: bytes) -> Document:
    item = read_file(name, data, Limits())[0]
    assert item.document is not None, item.detail
    return item.document


def _docx(build) -> bytes:
    d = WordDocument()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _parts_docx(d, *, bold_headings: bool = False) -> None:
    for head, text in PARTS:
        if bold_headings:
            d.add_paragraph().add_run(head).bold = True
        else:
            d.add_heading(head, 1)
        d.add_paragraph(text)


def _pdf(lines: list[tuple[str, str, float]]) -> bytes:
    """(text, style, size) lines through fpdf2, as a PDF exported by hand-made layouts."""
    fpdf = pytest.importorskip("fpdf")
    if not (FONT / "DejaVuSans.ttf").exists():
        pytest.skip("police DejaVu absente : PDF de test non produit")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("F", "", str(FONT / "DejaVuSans.ttf"))
    pdf.add_font("F", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    for text, style, size in lines:
        pdf.set_font("F", style, size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def _odt(items: list[tuple[str, str]]) -> bytes:
    """("h1" | "p" | "bold", text) items through odfpy, as LibreOffice Writer saves them."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P

    doc = OpenDocumentText()
    bold = Style(name="Gras", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    for kind, text in items:
        if kind == "h1":
            doc.text.addElement(H(outlinelevel=1, text=text))
        elif kind == "bold":
            doc.text.addElement(P(stylename=bold, text=text))
        else:
            doc.text.addElement(P(text=text))
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def _mail(subject: str, body: str, attachments: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    m = EmailMessage()
    m["From"] = "porteur@exemple.fr"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = subject
    m["Date"] = "Mon, 22 Aug 2022 10:00:00 +0200"
    m.set_content(body)
    for name, data in attachments:
        m.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return m.as_bytes()


# -- 1. labels ---------------------------------------------------------------------------------


def test_label_in_a_paragraph_wins_over_the_title_page(call):
    def build(d):
        d.add_heading("Dossier de candidature", 0)
        d.add_paragraph("Structure porteuse : Cabinet Alpha Conseil, Lyon")
        d.add_paragraph("Titre du projet : « Parlons outils ! »")
        _parts_docx(d)

    hit = find_title([_read("candidature.docx", _docx(build))], SUBJECT_LINE, call)
    assert (hit.text, hit.how, hit.source) == ("Parlons outils !", "label", "candidature.docx")


def test_label_in_a_two_column_form_table(call):
    def build(d):
        d.add_paragraph().add_run("Fiche projet — La Fabrique CTO").bold = True
        t = d.add_table(rows=4, cols=2)
        for r, (k, v) in enumerate([("Rubrique", "Réponse"), ("Nom de la structure", "Cabinet Alpha"),
                                    ("Intitulé du projet (acronyme)",
                                     "DIAL-PME : le dialogue social au cœur des projets numériques"),
                                    ("Contexte", BODY)]):
            t.cell(r, 0).text, t.cell(r, 1).text = k, v

    hit = find_title([_read("fiche.docx", _docx(build))], SUBJECT_LINE, call)
    assert (hit.text, hit.how) == ("DIAL-PME : le dialogue social au cœur des projets numériques", "label")


def test_label_on_its_own_line_then_the_title_in_an_odt(call):
    odt = _odt([("bold", "NOM DU PROJET"), ("p", "Les mains et les écrans"),
                ("h1", "Contexte"), ("p", BODY), ("h1", "Objectifs"), ("p", BODY)])
    hit = find_title([_read("projet.odt", odt)], SUBJECT_LINE, call)
    assert (hit.text, hit.how) == ("Les mains et les écrans", "label")


def test_a_bare_projet_label_wants_a_name_not_a_table_header_or_a_sentence(call):
    def build(d):
        d.add_paragraph("Projet : Nous proposons d'accompagner dix PME dans la mise en place "
                        "d'espaces de discussion sur leurs outils numériques.")
        d.add_heading("Robots et dialogue dans l'agroalimentaire", 0)
        _parts_docx(d)
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "Projet", "Montant"
        t.cell(1, 0).text, t.cell(1, 1).text = "Personnel", "12 000 €"

    hit = find_title([_read("projet.docx", _docx(build))], SUBJECT_LINE, call)
    assert (hit.text, hit.how) == ("Robots et dialogue dans l'agroalimentaire", "title_page")


def test_a_bare_titre_label_in_an_annexed_cv_is_not_the_title(call):
    def cv(d):
        d.add_heading("Curriculum vitae – Claire Vasseur", 1)
        d.add_paragraph("Titre : Maîtresse de conférences en ergonomie")

    def proposal(d):
        d.add_paragraph("Projet : ROBO-SOIN")
        _parts_docx(d)

    docs = [_read("cv.docx", _docx(cv)), _read("projet.docx", _docx(proposal))]
    hit = find_title(docs, SUBJECT_LINE, call)
    assert (hit.text, hit.how, hit.source) == ("ROBO-SOIN", "label", "projet.docx")


# -- 2. the title page -------------------------------------------------------------------------


def test_title_page_with_the_calls_name_above_the_title(call):
    def build(d):
        d.add_heading("Appel à manifestation d'intérêt « Développer le dialogue social "
                      "technologique au travail »", 1)
        d.add_heading("La Fabrique CTO", 2)
        d.add_paragraph().add_run("Dossier de candidature").bold = True
        d.add_paragraph().add_run("22 août 2022").bold = True
        d.add_paragraph().add_run("Numérique en équipe : choisir ses outils à plusieurs").bold = True
        _parts_docx(d)

    hit = find_title([_read("dossier.docx", _docx(build))], SUBJECT_LINE, call)
    assert (hit.text, hit.how) == ("Numérique en équipe : choisir ses outils à plusieurs", "title_page")


def test_letterhead_before_the_title_is_passed_over(call):
    def build(d):
        d.add_paragraph().add_run("Association Les Ateliers du Travail").bold = True
        d.add_paragraph("12 rue des Tanneurs, 67000 Strasbourg – contact@ateliers-travail.fr")
        d.add_paragraph("Cap sur le dialogue : des robots et des humains dans les PME alsaciennes",
                        style="Title")
        _parts_docx(d)

    hit = find_title([_read("projet.docx", _docx(build))], SUBJECT_LINE, call)
    assert hit.text == "Cap sur le dialogue : des robots et des humains dans les PME alsaciennes"


def test_pdf_title_in_a_large_font_under_a_small_header(call):
    lines = [("AMI « La Fabrique CTO » — Dossier de candidature — août 2022", "", 8),
             ("LES MAINS ET LES ÉCRANS", "B", 20),
             ("Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social "
              "technologique au travail »", "", 10)]
    for head, text in PARTS:
        lines += [(head, "B", 13), (text, "", 10)]
    hit = find_title([_read("projet.pdf", _pdf(lines))], SUBJECT_LINE, call)
    assert (hit.text, hit.how) == ("LES MAINS ET LES ÉCRANS", "title_page")


def test_projet_prefix_and_quotes_are_not_part_of_the_title(call):
    odt = _odt([("h1", "Projet « Ensemble, numériques »"), ("p", "Porteur : Collectif Arpège, Grenoble."),
                ("h1", "Contexte"), ("p", BODY), ("h1", "Objectifs"), ("p", BODY)])
    assert find_title([_read("projet.odt", odt)], SUBJECT_LINE, call).text == "Ensemble, numériques"


def test_title_comes_from_the_main_proposal_not_from_an_annex(call):
    def letter(d):
        d.add_heading("Lettre de soutien", 0)
        d.add_paragraph("L'Aract Grand Est soutient la candidature de l'association.")

    def proposal(d):
        d.add_heading("Tiers-lieux et télétravail : organiser ensemble", 0)
        _parts_docx(d, bold_headings=True)

    docs = [_read("soutien.docx", _docx(letter)), _read("projet.docx", _docx(proposal))]
    hit = find_title(docs, SUBJECT_LINE, call)
    assert (hit.text, hit.source) == ("Tiers-lieux et télétravail : organiser ensemble", "projet.docx")


def test_a_title_page_of_generic_lines_only_leaves_the_subject(call):
    def build(d):
        d.add_heading("Dossier de candidature – AMI La Fabrique CTO", 0)
        d.add_paragraph("Version du 22/08/2022")
        _parts_docx(d)

    docs = [_read("dossier.docx", _docx(build))]
    hit = find_title(docs, "Candidature AMI La Fabrique CTO – projet Proxi-Soin", call)
    assert (hit.text, hit.how, hit.source) == ("Proxi-Soin", "subject", SUBJECT)
    assert find_title(docs, "Re: [FAB-2022-0003] candidature AMI Fabrique CTO", call) is None


def test_a_letterhead_alone_is_not_a_title(call):
    def build(d):
        d.add_paragraph().add_run("Association Numérique Solidaire").bold = True
        d.add_paragraph().add_run("Projet porté par l'association Numérique Solidaire").bold = True
        _parts_docx(d)

    docs = [_read("dossier.docx", _docx(build))]
    assert find_title(docs, "AMI Fabrique CTO", call) is None
    assert find_title(docs, "AMI Fabrique CTO – Des écrans et des liens", call).text == "Des écrans et des liens"


def test_a_running_header_above_the_big_title_is_passed_over(call):
    lines = [("Alpha Conseil – août 2022", "", 8), ("Objet : candidature à l'AMI La Fabrique CTO", "", 9),
             ("Robots et compagnons", "B", 18), ("Date : 22 août 2022", "", 9)]
    for head, text in PARTS:
        lines += [(head, "B", 13), (text, "", 10)]
    assert find_title([_read("projet.pdf", _pdf(lines))], "", call).text == "Robots et compagnons"


# -- 3. the subject, and messages read whole -------------------------------------------------------


@pytest.mark.parametrize("subject, expected", [
    ("Fwd: AMI La Fabrique CTO – projet Tiers-Lieu Numérique", "Tiers-Lieu Numérique"),
    ("TR: RE: Fabrique CTO : Les écrans au travail, parlons-en", "Les écrans au travail, parlons-en"),
    ("Appel à manifestation d'intérêt - La Fabrique CTO - PORT-NUM", "PORT-NUM"),
    ("Réponse AMI - La Fabrique CTO : projet HYBRIDE", "HYBRIDE"),
    ("Re: [FAB-2022-0003] candidature AMI Fabrique CTO", None),
    ("CANDIDATURE - APPEL A MANIFESTATION D'INTERET FABRIQUE CTO", None),
    ("Question sur l'AMI Fabrique CTO : éligibilité et co-financement", None),
    ("Réponse automatique : absence du bureau", None),
    ("AMI Fabrique CTO – candidature Atelier Tangente", None),  # the applicant, not the project
    ("AMI Fabrique CTO — dossier OTN", None),
])
def test_title_from_the_subject_when_there_is_no_document(call, subject, expected):
    hit = find_title([], subject, call)
    assert (hit.text if hit else None) == expected
    if hit:
        assert (hit.how, hit.source) == ("subject", SUBJECT)


def test_body_only_proposal(config):
    body = ("Bonjour,\n\nVoici notre proposition, rédigée directement dans ce message.\n\n"
            "Coop'Numérique : des outils choisis ensemble\n\n"
            + "\n\n".join(f"{head} : {text}" for head, text in PARTS)
            + "\n\nCordialement,\n\nJulie Martin\nCoop'Actions")
    ins = inspect_message(_mail("AMI La Fabrique CTO", body), config)
    hit = find_title(ins.documents, ins.message.subject, config.call)
    assert (hit.text, hit.how, hit.source) == ("Coop'Numérique : des outils choisis ensemble",
                                               "title_page", "corps du message")


def test_cover_letter_signature_is_not_a_title(config):
    body = "Madame, Monsieur,\n\nVeuillez trouver ci-joint notre dossier.\n\nCordialement,\n\nGEA 85"
    ins = inspect_message(_mail("AMI Fabrique CTO - dossier GEA 85", body), config)
    assert find_title(ins.documents, ins.message.subject, config.call) is None


# -- the labelled corpora, read whole ---------------------------------------------------------------

# Titles typed after reading each proposal.
CORPUS = {
    "examples/01-complete-docx-et-budget-xlsx.eml":
        "HYBRIDE-COLLECTIF – Le travail hybride : outiller le dialogue social",
    "tests/corpus/cases/c04_body_text_labels.eml":
        "ALGO-DIALOGUE – L'intelligence artificielle au travail : outiller le dialogue social",
    "tests/corpus/cases/c20_odt_pdf_ods_caps.eml":
        "NUMÉRIQUE EN DIALOGUE – Le rôle du CSE dans les projets numériques : outiller le dialogue social",
    "tests/corpus/cases/d04_missing_cibles_text_caps.eml":
        "Le Numérique en Partage – Les outils collaboratifs : outiller le dialogue social",
    "tests/corpus/cases/d31_corrupt_proposal.eml": "IA en Débat",
    "tests/corpus/cases/d30_encrypted_proposal.eml": None,
    "tests/holdout/cases/h01_docx_years_table_complete.eml":
        "FIL-IA — mettre en discussion la planification algorithmique dans les ateliers textiles",
    "tests/holdout/cases/h02_form_docx_xlsx_cibles_todo.eml":
        "ACCORD-TPE : le logiciel de gestion comme objet de dialogue dans les TPE du bâtiment",
    "tests/holdout/cases/h07_txt_attachment_late_utc.eml":
        "PROPRE-NUM : GÉOLOCALISATION ET CONTRÔLE QUALITÉ DANS LA PROPRETÉ, UN DIALOGUE À CONSTRUIRE",
    "tests/holdout/cases/h22_encrypted_pdf_only.eml": "PORT-NUM",
    "tests/holdout/cases/h27_question_before_applying.eml": None,
    "tests/holdout/cases/h30_plain_text_body_no_travel_lines.eml":
        "TÉLÉ-RURAL : LE TÉLÉTRAVAIL EN TIERS-LIEU, UN TRAVAIL À ORGANISER ENSEMBLE",
    "tests/holdout2/cases/h2-01.eml": "DIALOG-IA",
    "tests/holdout2/cases/h2-03.eml": "Numérique : on en parle !",
    "tests/holdout2/cases/h2-08.eml": "Baromètre du dialogue technologique",
    "tests/holdout2/cases/h2-12.eml": None,
    "tests/holdout2/cases/h2-20.eml": None,  # the proposal is a scan; "GEA 85" is the applicant
    "tests/holdout2/cases/h2-21.eml": "Cercles d'échange « télétravail et outils collaboratifs »",
    "tests/holdout2/cases/h2-23.eml":
        "« Avant la consultation » : un simulateur pour préparer les élus aux projets numériques",
}


@pytest.fixture(scope="module")
def corpus_config():
    return load_config()


@pytest.mark.parametrize("path", sorted(CORPUS))
def test_titles_of_the_labelled_corpora(corpus_config, path):
    ins = inspect_message((ROOT / path).read_bytes(), corpus_config)
    hit = find_title(ins.documents, ins.message.subject, corpus_config.call)
    assert (hit.text if hit else None) == CORPUS[path]
