"""As a person would: Debian's Chromium, headless, driven by Playwright against the app
served by a real uvicorn on a free loopback port. The secretariat logs in, filters the
queue, opens a dossier, sets a flag aside and sees the decision change, discards the held
completion request; pages are checked for titles, labels, table headers and a visible
focus; screenshots land in tests/web/artifacts/. Skipped only without /usr/bin/chromium
(scripts/setup.sh installs it); no browser is ever downloaded."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from storage.db import open_db
from web.app import create_app

from .conftest import ARTIFACTS, CHROMIUM, INCOMPLETE, PASSWORD, SECRETARIAT
from .test_escaping import REFERENCE as HOSTILE
from .test_escaping import hostile_dossier

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="navigateur absent (/usr/bin/chromium) : tests dans le navigateur ignorés ; "
           "installez le paquet Debian « chromium » (scripts/setup.sh le fait)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_of(intake_home: Path, tmp_path: Path, prepare=None):
    """An engine on this test's own copy of the filed database, `prepare`d if asked."""
    path = tmp_path / "fabrique.db"
    src, dst = sqlite3.connect(intake_home / "fabrique.db"), sqlite3.connect(path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    engine = open_db(f"sqlite:///{path}")
    if prepare is not None:
        prepare(engine)
    return engine


@contextmanager
def serving(app):
    """`app` served by a real uvicorn in a thread on a free loopback port; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn n'a pas démarré"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def served(intake_home: Path, tmp_path: Path, blobs, call, prepare=None):
    """The app on its own copy of the database, served by uvicorn in a thread."""
    engine = copy_of(intake_home, tmp_path, prepare)
    try:
        with serving(create_app(engine, blobs, call=call)) as url:
            yield url
    finally:
        engine.dispose()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    p = context.new_page()
    yield p
    context.close()


def shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def log_in(page, base: str) -> None:
    page.goto(base + "/")
    assert page.url.startswith(base + "/login")
    page.get_by_label("Adresse électronique").fill(SECRETARIAT)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(base + "/")


ACCESSIBILITY_JS = """() => {
  const problems = [];
  if (document.documentElement.lang !== 'fr') problems.push('lang');
  if (!document.title.trim()) problems.push('title');
  if (document.querySelectorAll('h1').length !== 1) problems.push('h1');
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
    const named = el.tagName === 'BUTTON' ? el.textContent.trim() : (el.labels && el.labels.length) ||
                  el.getAttribute('aria-label');
    if (!named) problems.push('sans étiquette : ' + el.outerHTML.slice(0, 80));
  }
  for (const t of document.querySelectorAll('table')) {
    if (!t.querySelector('thead th[scope=col]') && !t.querySelector('th[scope=row]')) problems.push('table sans en-têtes');
    if (!t.querySelector('caption')) problems.push('table sans légende');
  }
  return problems;
}"""


def check_accessibility_basics(page) -> None:
    assert page.evaluate(ACCESSIBILITY_JS) == []


def test_secretariat_works_the_queue_in_a_browser(page, intake_home, tmp_path, blobs, web_config):
    with served(intake_home, tmp_path, blobs, web_config.call) as base:
        page.goto(base + "/")
        assert page.title().startswith("Connexion")
        check_accessibility_basics(page)
        shot(page, "login.png", full_page=False)
        log_in(page, base)

        # the queue: five dossiers, counts at the top
        assert page.title().startswith("Dossiers")
        rows = page.locator("tbody tr")
        assert rows.count() == 5
        check_accessibility_basics(page)
        shot(page, "queue.png")

        # filtered by decision with the GET form: kept in the URL
        page.get_by_label("Décision", exact=True).select_option("incomplete")
        page.get_by_role("button", name="Filtrer").click()
        page.wait_for_url("**decision=incomplete**")
        assert rows.count() == 1
        assert "Vox Travail" in rows.first.inner_text()
        shot(page, "queue-incomplets.png")

        # the dossier
        page.get_by_role("link", name=INCOMPLETE).click()
        page.wait_for_url(f"{base}/dossiers/{INCOMPLETE}")
        assert page.title().startswith(INCOMPLETE)
        decision = page.locator("#decision")
        assert decision.inner_text() == "incomplet"
        check_accessibility_basics(page)
        shot(page, "dossier.png")

        # set the co-financing flag aside: the decision becomes complete
        row = page.locator("tr", has=page.get_by_role("rowheader", name="Co-financement insuffisant"))
        row.locator("summary").click()
        row.get_by_label("non applicable (elle ne compte plus)").check()
        row.get_by_label("Raison").fill("Le conseil régional apporte 3 000 € de plus (courrier du 22/08).")
        row.get_by_role("button", name="Enregistrer la correction").click()
        page.wait_for_url(f"**/dossiers/{INCOMPLETE}?fait=alerte**")
        assert page.get_by_role("status").inner_text() == "La correction de l'alerte est enregistrée."
        assert decision.inner_text() == "complet"
        journal = page.locator("table", has=page.locator("caption", has_text="Qui a changé quoi"))
        assert "incomplet" in journal.inner_text() and "Claire Secrétariat" in journal.inner_text()
        shot(page, "dossier-corrige.png", full_page=False)
        journal.scroll_into_view_if_needed()
        shot(page, "dossier-journal.png", full_page=False)

        # the held completion request no longer applies: withdrawn by itself, nothing to
        # validate or discard, and the journal says so
        assert "retiré : le dossier a changé" in page.locator("body").inner_text()
        assert page.get_by_role("button", name="Valider l'envoi").count() == 0
        assert "Courriel retiré avant l'envoi" in journal.inner_text()

        # back in the queue, it is among the complete ones and no longer to do
        page.goto(base + "/?decision=complete")
        assert INCOMPLETE in page.locator("tbody").inner_text()
        page.goto(base + "/?todo=1")
        assert INCOMPLETE not in page.locator("tbody").inner_text()

        # the keyboard: the first Tab reaches the skip link, drawn with a visible outline
        page.goto(base + "/")
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.textContent.trim(), s.outlineStyle, s.outlineWidth]; }""")
        assert focused[0] == "Aller au contenu" and focused[1] == "solid" and focused[2] == "3px"

        # logging out ends the session
        page.get_by_role("button", name="Se déconnecter").click()
        page.goto(base + "/")
        assert page.url.startswith(base + "/login")


def test_hostile_dossier_is_inert_in_the_browser(page, intake_home, tmp_path, blobs, web_config):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with served(intake_home, tmp_path, blobs, web_config.call,
                prepare=lambda engine: hostile_dossier(engine, blobs)) as base:
        log_in(page, base)
        page.goto(f"{base}/dossiers/{HOSTILE}")
        assert '<script>alert("x")</script>' in page.locator("h1").inner_text()
        assert page.locator("main script, main img").count() == 0
        page.goto(base + "/?q=pirate")
        assert page.locator("tbody tr").count() == 1
    assert dialogs == []


def test_correcting_a_budget_figure_changes_the_decision(page, intake_home, tmp_path, blobs, web_config):
    with served(intake_home, tmp_path, blobs, web_config.call) as base:
        log_in(page, base)
        page.goto(f"{base}/dossiers/{INCOMPLETE}")
        decision = page.locator("#decision")
        assert decision.inner_text() == "incomplet"
        row = page.locator("#fix-cofinancing_amount")
        row.get_by_label("Montant retenu (€)").fill("12 000")
        row.get_by_label("Raison").fill("Le conseil régional confirme 3 000 € de plus (courrier du 22/08).")
        row.get_by_role("button", name="Corriger").click()
        # 51 000 + 12 000 is not the 60 000 € total: said before anything is saved
        assert "ne s'additionne plus" in page.locator("#fix-cofinancing_amount").get_by_role("alert").inner_text()
        page.locator("#fix-cofinancing_amount").get_by_role("button", name="Enregistrer quand même").click()
        page.wait_for_url(f"**/dossiers/{INCOMPLETE}?fait=correction**")
        assert page.get_by_role("status").inner_text().startswith("La correction est enregistrée")
        assert decision.inner_text() == "complet"
        assert "20\u00a0%" in page.locator("#fix-cofinancing_amount ~ tr").last.inner_text()
        journal = page.locator("table", has=page.locator("caption", has_text="Qui a changé quoi"))
        assert "Montant des co-financements" in journal.inner_text()
        check_accessibility_basics(page)
        page.locator("#corrections").scroll_into_view_if_needed()
        shot(page, "dossier-correction-budget.png", full_page=False)
        page.goto(base + "/?decision=complete")
        assert INCOMPLETE in page.locator("tbody").inner_text()
