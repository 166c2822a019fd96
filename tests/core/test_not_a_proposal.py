"""Messages that are not applications, even when they speak of dossiers or bring a PDF:
a network's newsletter with its programme attached, a "did you get our dossier?" follow-up.
And the one that is: "ci-joint notre candidature" with nothing attached."""

from __future__ import annotations

from email.message import EmailMessage

from fpdf import FPDF

from intake.reading.pipeline import inspect_message


def _mail(subject: str, body: str, *, pdf: bytes | None = None, list_headers: bool = False) -> bytes:
    m = EmailMessage()
    m["From"] = "Réseau des tiers-lieux <info@reseau-tierslieux.org>"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = subject
    m["Date"] = "Thu, 18 Aug 2022 10:00:00 +0200"
    m["Message-ID"] = "<x1@reseau-tierslieux.org>"
    if list_headers:
        m["List-Unsubscribe"] = "<mailto:desinscription@reseau-tierslieux.org>"
    m.set_content(body)
    if pdf:
        m.add_attachment(pdf, maintype="application", subtype="pdf", filename="programme.pdf")
    return m.as_bytes()


def _programme() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in ("Journée régionale du dialogue social - 15 septembre 2022",
                 "9h30 Accueil", "10h00 Table ronde : le numérique au travail",
                 "14h00 Ateliers", "16h30 Clôture"):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_newsletter_with_its_programme_attached_is_not_a_proposal(config):
    raw = _mail("Lettre d'information n°12 - la Fabrique CTO et nos rendez-vous",
                "Bonjour,\nAu programme de cette lettre : l'appel à manifestation d'intérêt La Fabrique CTO "
                "de l'Anact, et notre journée régionale (programme en pièce jointe).\n"
                "Pour ne plus recevoir cette lettre, cliquez ici.", pdf=_programme(), list_headers=True)
    assert inspect_message(raw, config).dossier["decision"] == "not_a_proposal"


def test_a_did_you_get_our_dossier_follow_up_is_not_a_proposal(config):
    raw = _mail("Candidature Fabrique CTO - bonne réception ?",
                "Bonjour,\nNous vous avons adressé notre dossier de candidature le 19 août. "
                "Pourriez-vous nous confirmer que vous l'avez bien reçu ?\nMerci, bien cordialement")
    assert inspect_message(raw, config).dossier["decision"] == "not_a_proposal"


def test_ci_joint_with_nothing_attached_is_an_incomplete_application(config):
    raw = _mail("Candidature AMI La Fabrique CTO",
                "Bonjour,\nVeuillez trouver ci-joint notre candidature.\nCordialement")
    d = inspect_message(raw, config).dossier
    assert d["decision"] == "incomplete"
    assert "no_proposal_document" in {f["code"] for f in d["flags"]}
