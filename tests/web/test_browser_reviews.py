"""The committee's review in Chromium: two members score a dossier through the grid (the
second sees no score before submitting, then the spread), a member in conflict gets no
grid, and the chair records the decisions, an amount over the envelope shown first and
saved only when confirmed."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import SMTP

import pytest
from sqlalchemy import select, update

from intake.answering.mailer import SmtpTransport
from intake.answering.outbox import send_due
from storage.schema import audit_log, dossiers, outbox
from tests.worker.smtp_server import HOST, SmtpServer
from web.accounts import add_user

from .conftest import COMMITTEE, COMPLETE_DOCX, INCOMPLETE, PASSWORD, SECRETARIAT
from .test_browser import CHROMIUM, shot
from .test_browser_operations import served

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="navigateur absent (/usr/bin/chromium) : tests dans le navigateur ignorés ; "
           "installez le paquet Debian « chromium » (scripts/setup.sh le fait)")

SECOND, CHAIR = "deuxieme.membre@anact.test", "presidence@anact.test"


def prepare(engine) -> None:
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference.in_([COMPLETE_DOCX, INCOMPLETE]))
                     .values(released_at=dossiers.c.first_received))
        add_user(conn, SECOND, "Deuxième Membre", "committee", PASSWORD)
        add_user(conn, CHAIR, "Présidence", "chair", PASSWORD)


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(base + "/committee")


def score_all(page, value: int, opinion: str) -> None:
    for group in page.get_by_role("radiogroup").all():
        group.get_by_label(str(value), exact=True).check()
    page.get_by_label("Avis d'ensemble").fill(opinion)
    page.get_by_role("button", name="Soumettre mon évaluation").click()
    page.wait_for_url("**fait=soumis")


def small_envelope(web_config, tmp_path):
    """The repository's config with an envelope two projects exceed."""
    from intake.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(web_config.path.read_text(encoding="utf-8").replace("envelope_euros = 400000",
                                                                        "envelope_euros = 60000"), encoding="utf-8")
    return load_config(path)


def test_members_score_and_the_chair_decides(browser, intake_home, tmp_path, blobs, web_config):
    contexts = [browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
                for _ in range(3)]
    first, second, chair = (c.new_page() for c in contexts)
    for p in (first, second, chair):
        p.set_default_timeout(10_000)
    try:
        with served(intake_home, tmp_path, blobs, small_envelope(web_config, tmp_path), prepare) as (base, engine):
            log_in(first, base, COMMITTEE)
            first.get_by_role("row").filter(has_text=INCOMPLETE).get_by_role("link", name="à faire").click()
            first.wait_for_url(f"**/committee/dossiers/{INCOMPLETE}/evaluation")
            assert first.get_by_role("radiogroup").count() == 7
            score_all(first, 5, "Projet très pertinent pour le dialogue social.")

            log_in(second, base, SECOND)
            second.goto(f"{base}/committee/dossiers/{INCOMPLETE}/evaluation")
            body = second.locator("main").inner_text()
            assert "1 évaluation soumise par un autre membre" in body and "très pertinent" not in body
            score_all(second, 1, "Trop flou sur la méthode.")
            table = second.locator("table.review-table")
            assert table.locator("tr.disagree").count() == 7 and "très pertinent" in second.locator("main").inner_text()
            shot(second, "comite-evaluations.png", full_page=True)

            # the first member declares Aract Normandie: COMPLETE_DOCX (its partner) gets no grid
            first.goto(base + "/compte")
            first.get_by_label("Organisations, une par ligne").fill("Aract Normandie")
            first.get_by_role("button", name="Enregistrer mes affiliations").click()
            first.goto(f"{base}/committee/dossiers/{COMPLETE_DOCX}/conflit")
            first.get_by_role("button", name="Je confirme et j'ouvre le dossier").click()
            first.goto(f"{base}/committee/dossiers/{COMPLETE_DOCX}/evaluation")
            assert first.get_by_role("radiogroup").count() == 0
            assert "vous ne l'évaluez pas" in first.locator("main").inner_text()

            log_in(chair, base, CHAIR)
            chair.get_by_role("link", name="Classement et décisions").click()
            chair.wait_for_url(base + "/committee/selection")
            row = chair.locator(f"#ligne-{INCOMPLETE}")
            row.get_by_label("Décision").select_option("retenu")
            row.get_by_label("Montant accordé (€)").fill("380 000")  # over the call's cap: refused
            row.get_by_role("button", name="Enregistrer la décision").click()
            assert "plafond de l'appel" in chair.locator(f"#ligne-{INCOMPLETE}").get_by_role("alert").inner_text()
            row = chair.locator(f"#ligne-{INCOMPLETE}")
            row.get_by_label("Montant accordé (€)").fill("51 000")
            row.get_by_role("button", name="Enregistrer la décision").click()
            chair.wait_for_url("**fait=decision**")
            assert "retenu : 51\u202f000\u00a0€" in chair.locator(f"#ligne-{INCOMPLETE}").inner_text()
            # a second project over the 60 000 € envelope: shown first, saved only when confirmed
            row = chair.locator(f"#ligne-{COMPLETE_DOCX}")
            row.get_by_label("Décision").select_option("retenu")
            row.get_by_label("Montant accordé (€)").fill("33 500")
            row.get_by_role("button", name="Enregistrer la décision").click()
            warning = chair.locator(f"#ligne-{COMPLETE_DOCX}").get_by_role("alert").inner_text()
            assert "dépassement de 24\u202f500\u00a0€" in warning
            assert "Reste disponible : 9\u202f000\u00a0€" in chair.locator("dl.summary").inner_text()  # not saved
            chair.locator(f"#ligne-{COMPLETE_DOCX}").get_by_role("button", name="Enregistrer malgré le dépassement").click()
            chair.wait_for_url("**fait=decision**")
            assert "Dépassement de 24\u202f500\u00a0€" in chair.locator("dl.summary").inner_text()
            shot(chair, "comite-decisions.png", full_page=True)

            # the secretariat prepares the letters, reads one with its recipient, sends it
            secretariat = contexts[0].new_page()
            secretariat.goto(base + "/login")
            secretariat.get_by_label("Adresse électronique").fill(SECRETARIAT)
            secretariat.get_by_label("Mot de passe").fill(PASSWORD)
            secretariat.get_by_role("button", name="Se connecter").click()
            secretariat.wait_for_url(base + "/")
            secretariat.goto(base + "/committee/selection")
            secretariat.get_by_role("button", name="Préparer les lettres de décision").click()
            secretariat.wait_for_url("**fait=lettres**")
            secretariat.locator(f"#ligne-{INCOMPLETE}").get_by_role("link", name="lettre : projet retenu : à valider").click()
            secretariat.wait_for_url("**/emails/*")
            text = secretariat.get_by_label("Texte que lira le porteur").input_value()
            assert "a retenu votre projet" in " ".join(text.split())
            with engine.connect() as conn:
                letter = conn.execute(select(outbox).join(dossiers, dossiers.c.id == outbox.c.dossier_id).where(
                    dossiers.c.reference == INCOMPLETE, outbox.c.kind == "selected", outbox.c.state == "held")).one()
            secretariat.get_by_role("button", name=f"Envoyer ce courriel à {letter.recipient}").click()
            secretariat.wait_for_url("**fait=valide")
            with SmtpServer() as smtp:
                assert send_due(engine, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                                envelope_from="fabrique@anact.fr").sent == 1
                got = message_from_bytes(smtp.received[0].content, policy=SMTP)
            assert "Votre projet est retenu" in str(got["Subject"]) and got["In-Reply-To"]
            assert str(got["In-Reply-To"]) in str(got["References"])
            with engine.connect() as conn:
                steps = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))]
            for step in ("review_submitted", "selection_decided", "letter_prepared", "email_approved"):
                assert step in steps, step
    finally:
        for c in contexts:
            c.close()
