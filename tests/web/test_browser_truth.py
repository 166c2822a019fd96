"""One truth per dossier, as the secretariat and the committee see it in Chromium: a
correction that makes a dossier complete withdraws its held completion request, plans the
answer that now fits, and every page, export, API answer and PDF then shows the same
figures and the same alerts (the dossiers are the real worker's, examples/*.eml)."""

from __future__ import annotations

import html
import io
import re
import subprocess

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from storage.schema import dossiers, outbox

from .conftest import COMMITTEE, INCOMPLETE, PASSWORD
from .test_browser import CHROMIUM, log_in, shot
from .test_browser_operations import served

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="navigateur absent (/usr/bin/chromium) : tests dans le navigateur ignorés ; "
           "installez le paquet Debian « chromium » (scripts/setup.sh le fait)")

# Vox Travail as read: 60 000 € in all, 51 000 € asked of Anact, 9 000 € co-financed
# (15 %, under the call's 20 %): one blocking alert, its completion request held.
# The secretariat's two corrections balance it at 48 000 + 12 000 = 60 000 (20 %).
ANACT, COFIN, TOTAL, SHARE = "48\u202f000\u00a0€", "12\u202f000\u00a0€", "60\u202f000\u00a0€", "20\u00a0%"
BELOW_MIN = "Co-financement insuffisant"


def spaced(text: str) -> str:
    """Text with every kind of space as one plain space (pages, PDFs and cells differ)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", html.unescape(text))


def figures_in(text: str) -> bool:
    t = spaced(text)
    return all(spaced(f) in t for f in (ANACT, COFIN, SHARE))


def correct(page, field: str, value: str, reason: str, *, unbalanced: str = "") -> None:
    """Type a figure and its reason; when the page says the budget would no longer add up
    (`unbalanced`: the words expected), the typed values are still there: save anyway."""
    row = page.locator(f"#fix-{field}")
    row.get_by_label("Montant retenu (€)").fill(value)
    row.get_by_label("Raison").fill(reason)
    row.get_by_role("button", name="Corriger").click()
    if unbalanced:
        row = page.locator(f"#fix-{field}")
        warning = row.get_by_role("alert")
        assert spaced(unbalanced) in spaced(warning.inner_text())
        assert row.get_by_label("Montant retenu (€)").input_value() == value
        assert row.get_by_label("Raison").input_value() == reason
        row.get_by_role("button", name="Enregistrer quand même").click()
    page.wait_for_url(f"**/dossiers/{INCOMPLETE}?fait=correction**")


def test_one_correction_reaches_every_page_email_export_and_pdf(browser, intake_home, tmp_path, blobs,
                                                                 web_config):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1440, "height": 900},
                                  accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        with served(intake_home, tmp_path, blobs, web_config) as (base, engine):
            with engine.connect() as conn:
                held = conn.execute(select(outbox).join(dossiers, dossiers.c.id == outbox.c.dossier_id).where(
                    dossiers.c.reference == INCOMPLETE, outbox.c.state == "held")).one()
            assert held.kind == "completion_request"
            log_in(page, base)
            page.goto(f"{base}/dossiers/{INCOMPLETE}")
            assert page.locator("#decision").inner_text() == "incomplet"
            # a figure typed in words: refused beside its field, in view, what was typed kept
            row = page.locator("#fix-anact_request")
            row.get_by_label("Montant retenu (€)").fill("quatre-vingt mille")
            row.get_by_label("Raison").fill("Demande ramenée par le porteur.")
            row.get_by_role("button", name="Corriger").click()
            row = page.locator("#fix-anact_request")
            error = row.get_by_role("alert")
            assert "Montant illisible" in error.inner_text()
            assert row.get_by_label("Montant retenu (€)").input_value() == "quatre-vingt mille"
            assert row.get_by_label("Raison").input_value() == "Demande ramenée par le porteur."
            assert page.evaluate("() => document.activeElement.id") == "v-anact_request"  # focused, in view
            box = error.bounding_box()
            assert box is not None and 0 <= box["y"] <= 900
            # the first figure alone leaves the budget not adding up: the page says so before saving
            correct(page, "anact_request", "48 000", "Demande ramenée par le porteur (courriel du 22/08).",
                    unbalanced="48 000 € demandés à l'Anact et 9 000 € de co-financement font "
                               "57 000 €, pour un coût total de 60 000 €")
            correct(page, "cofinancing_amount", "12 000", "Le conseil régional confirme 3 000 € de plus.")

            # the dossier: complete, the figures corrected, the alert lifted and said so
            body = page.locator("main").inner_text()
            assert page.locator("#decision").inner_text() == "complet"
            assert figures_in(body) and spaced(TOTAL) in spaced(body)
            assert "Levée par les corrections" in body
            # the held request withdrawn, the answer that now fits planned
            assert "retiré : le dossier a changé" in body
            assert "Réponse en préparation" in body
            assert page.get_by_role("link", name="Relire et valider").count() == 0
            with engine.connect() as conn:
                after = conn.execute(select(outbox.c.state).where(outbox.c.id == held.id)).scalar_one()
                due = conn.execute(select(dossiers.c.answer_due_at).where(dossiers.c.reference == INCOMPLETE)).scalar()
            assert after == "withdrawn" and due is not None
            shot(page, "verite-dossier.png", full_page=False)

            # the queue
            page.goto(base + "/")
            row = page.locator("tbody tr").filter(has_text=INCOMPLETE)
            assert "complet" in row.inner_text() and spaced("48\u202f000\u00a0€") in spaced(row.inner_text())
            assert spaced(SHARE) in spaced(row.inner_text()) and "bloquante" not in row.inner_text()

            # the API, with the session of the page
            api = page.request.get(f"{base}/api/dossiers/{INCOMPLETE}").json()
            assert api["decision"] == "complete"
            assert api["budget"]["anact_request"] == 48000 and api["budget"]["cofinancing"]["amount"] == 12000
            assert api["budget"]["cofinancing"]["share"] == pytest.approx(0.2)
            assert "cofinancing_below_minimum" not in {f["code"] for f in api["flags"]}
            assert api["reading"]["budget"]["anact_request"] == 51000  # what was read, kept beside
            item = next(i for i in page.request.get(f"{base}/api/dossiers").json()["items"]
                        if i["reference"] == INCOMPLETE)
            assert item["decision"] == "complete" and item["flags"]["blocking"] == 0
            assert item["anact_request"] == 48000

            # released to the committee: now complete, no confirmation asked
            page.goto(f"{base}/dossiers/{INCOMPLETE}")
            page.get_by_role("button", name="Transmettre au comité").click()
            page.wait_for_url("**fait=libere**")
            page.get_by_role("button", name="Se déconnecter").click()
            page.goto(base + "/login")
            page.get_by_label("Adresse électronique").fill(COMMITTEE)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(base + "/committee")

            row = page.locator("tbody tr").filter(has_text=INCOMPLETE)
            assert "Complet" in row.inner_text() or "complet" in row.inner_text()
            assert spaced("48\u202f000\u00a0€") in spaced(row.inner_text()) and spaced(SHARE) in spaced(row.inner_text())
            assert "bloquante" not in row.inner_text()

            page.get_by_role("link", name=INCOMPLETE).click()
            page.wait_for_url(f"**/committee/dossiers/{INCOMPLETE}")
            summary = page.locator("main").inner_text()
            assert figures_in(summary) and BELOW_MIN not in summary

            page.goto(base + "/committee/comparaison")
            row = page.locator("tbody tr").filter(has_text=INCOMPLETE).first
            assert figures_in(row.inner_text()) and BELOW_MIN not in row.inner_text()
            shot(page, "verite-comparaison.png", full_page=False)

            xlsx = load_workbook(io.BytesIO(page.request.get(base + "/committee/comparaison.xlsx").body()))
            sheet = xlsx["Comparaison"]
            head = [c.value for c in sheet[1]]
            (cells,) = [dict(zip(head, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
                        if r[0] == INCOMPLETE]
            assert cells["Demande à l'Anact"] == 48000 and cells["Co-financement"] == 12000
            assert cells["Part du co-financement"] == pytest.approx(0.2) and cells["Coût total"] == 60000
            assert cells["Alertes bloquantes"] == 0 and BELOW_MIN not in (cells["Alertes (messages)"] or "")

            pdf = page.request.get(f"{base}/committee/dossiers/{INCOMPLETE}.pdf")
            assert pdf.status == 200
            path = tmp_path / "resume.pdf"
            path.write_bytes(pdf.body())
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout
            assert figures_in(text) and BELOW_MIN not in text
    finally:
        context.close()
