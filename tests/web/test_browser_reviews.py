"""The committee's review in Chromium: two members score a dossier through the grid (the
second sees no score before submitting, then the spread), a member in conflict gets no
grid, and the chair records the decisions, an amount over the envelope shown first and
saved only when confirmed."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from storage.schema import dossiers
from web.accounts import add_user

from .conftest import COMMITTEE, COMPLETE_DOCX, INCOMPLETE, PASSWORD
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


def test_members_score_and_the_chair_decides(browser, intake_home, tmp_path, blobs, web_config):
    contexts = [browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
                for _ in range(3)]
    first, second, chair = (c.new_page() for c in contexts)
    for p in (first, second, chair):
        p.set_default_timeout(10_000)
    try:
        with served(intake_home, tmp_path, blobs, web_config, prepare) as (base, _engine):
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
            shot(chair, "comite-decisions.png", full_page=True)
    finally:
        for c in contexts:
            c.close()
