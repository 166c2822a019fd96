"""In Debian's Chromium (headless, Playwright), against the app served by uvicorn:

- axe-core (tests/web/vendor/axe-core, from the npm registry) is evaluated in every page
  the secretariat, the committee and the admin use (login, queue, dossier, emails, one
  email, a letter, operations, the committee's pages, accounts): no serious or critical
  violation of WCAG 2.1 A/AA;
- the secretariat edits a held completion request, approves it in the page, and the
  worker's sender (intake.answering.outbox.send_due over SMTP) delivers exactly those bytes to a
  real aiosmtpd server;
- a message the worker put in quarantine is read again from the operations page.

Screenshots of the emails and operations pages land in tests/web/artifacts/."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from email import message_from_bytes
from email.policy import SMTP
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.answering.mailer import SmtpTransport
from intake.answering.outbox import send_due
from intake.filing.worker import run_once
from intake.reading import pipeline
from storage.schema import audit_log, outbox
from tests.worker.conftest import Box
from tests.worker.smtp_server import HOST, SmtpServer
from web.app import create_app

from .conftest import ADMIN, COMMITTEE, INCOMPLETE, LATE, PASSWORD, SECRETARIAT, configured
from .test_browser import CHROMIUM, copy_of, serving, shot
from .test_operations import proposal_from_a_new_sender

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="navigateur absent (/usr/bin/chromium) : tests dans le navigateur ignorés ; "
           "installez le paquet Debian « chromium » (scripts/setup.sh le fait)")

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    data = AXE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == AXE_SHA256, "axe.min.js modifié : voir vendor/axe-core/README.md"
    return data.decode("utf-8")


def axe_problems(page, source: str) -> list[dict]:
    """Serious and critical violations on the page as it is now. Evaluated through the
    DevTools protocol, so the app's CSP (no script at all) stays on."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return [v for v in page.evaluate(AXE_RUN) if v["impact"] in ("serious", "critical")]


@contextmanager
def served(intake_home: Path, tmp_path: Path, blobs, config, prepare=None):
    """The configured app (as `fabrique-intake web` runs it) on its own copy of the
    database, served by uvicorn in a thread; yields (base URL, engine)."""
    engine = copy_of(intake_home, tmp_path, prepare)
    try:
        with serving(configured(create_app(engine, blobs, call=config.call), config, tmp_path / "data")) as url:
            yield url, engine
    finally:
        engine.dispose()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    p = context.new_page()
    yield p
    context.close()


def log_in(page, base: str, email: str = SECRETARIAT, password: str = PASSWORD) -> None:
    page.goto(base + "/login")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/login")


def quarantine_one(engine, blobs, config, tmp_path) -> None:
    box = Box(tmp_path / "Maildir-q")
    box.deliver(proposal_from_a_new_sender())
    real = pipeline.inspect_message
    pipeline.inspect_message = lambda *_a, **_k: (_ for _ in ()).throw(MemoryError("mémoire dépassée"))
    try:
        assert run_once(config, box.source(), engine, blobs, max_attempts=1).quarantined == 1
    finally:
        pipeline.inspect_message = real


def test_pages_have_no_serious_accessibility_violation(page, axe_source, intake_home, tmp_path, blobs, web_config):
    def prepare(engine):
        quarantine_one(engine, blobs, web_config, tmp_path)

    found: dict[str, list] = {}
    with served(intake_home, tmp_path, blobs, web_config, prepare) as (base, engine):
        page.goto(base + "/login")
        found["login"] = axe_problems(page, axe_source)
        log_in(page, base, ADMIN)
        with engine.connect() as conn:
            held = conn.execute(select(outbox.c.id).where(outbox.c.state == "held",
                                                          outbox.c.kind == "completion_request")).scalar_one()
        for name, url in (("queue", "/"), ("queue-filtered", "/?todo=1&sort=anact&dir=desc"),
                          ("dossier", f"/dossiers/{INCOMPLETE}"), ("emails", "/emails"), ("email", f"/emails/{held}"),
                          ("write", f"/dossiers/{INCOMPLETE}/write?modele=relance"), ("operations", "/operations"),
                          ("users", "/admin/users"), ("committee", "/committee"), ("account", "/compte"),
                          ("queue-search", "/?q=tonalit%C3%A9"), ("simulation", "/committee/simulation"),
                          ("comparison", "/committee/comparaison"), ("pack-conflicts", "/committee/conflits"),
                          ("selection", "/committee/selection"),
                          ("review", f"/committee/dossiers/{INCOMPLETE}/evaluation")):
            page.goto(base + url)
            found[name] = axe_problems(page, axe_source)
        page.goto(base + f"/dossiers/{INCOMPLETE}")
        page.get_by_role("button", name="Transmettre au comité").click()
        page.wait_for_url("**confirmer=liberer#comite")  # incomplete: the page asks again
        found["release-confirm"] = axe_problems(page, axe_source)
        page.get_by_role("button", name="Transmettre quand même au comité").click()
        page.wait_for_url("**fait=libere")
        log_out(page)
        log_in(page, base, COMMITTEE)
        assert page.url == base + "/committee"
        found["committee-list"] = axe_problems(page, axe_source)
        page.get_by_role("link", name=INCOMPLETE).click()
        page.wait_for_url(f"**/committee/dossiers/{INCOMPLETE}")
        found["committee-dossier"] = axe_problems(page, axe_source)
        shot(page, "comite-dossier.png", full_page=True)
    assert {name: v for name, v in found.items() if v} == {}


def test_approve_a_held_completion_request_and_it_reaches_smtp(page, intake_home, tmp_path, blobs, web_config):
    with SmtpServer() as smtp, served(intake_home, tmp_path, blobs, web_config) as (base, engine):
        log_in(page, base)
        page.get_by_role("link", name="Courriels").click()
        page.wait_for_url(base + "/emails")
        held_rows = page.locator("tbody tr", has=page.locator(".mail-held"))
        assert held_rows.count() == 2  # the completion request, and the late refusal
        held_row = held_rows.filter(has_text=INCOMPLETE)
        assert "demande de compléments" in held_row.inner_text()
        shot(page, "courriels.png")

        # the secretariat reads it, adds a line, saves, then approves
        held_row.get_by_role("link", name="Relire et valider").click()
        page.wait_for_url("**/emails/*")
        text = page.get_by_label("Texte que lira le porteur")
        original = text.input_value()
        assert original.startswith("Bonjour Thomas Keller,")
        text.fill(original.replace("Bonjour Thomas Keller,", "Bonjour Thomas Keller,\n\nSuite à notre appel de ce matin :"))
        page.get_by_role("button", name="Enregistrer le texte").click()
        page.wait_for_url("**fait=modifie")
        shot(page, "courriel-modifie.png", full_page=False)
        with engine.connect() as conn:
            recipient = conn.execute(select(outbox.c.recipient).where(
                outbox.c.state == "held", outbox.c.kind == "completion_request")).scalar_one()
        page.get_by_role("button", name=f"Envoyer ce courriel à {recipient}").click()
        page.wait_for_url("**fait=valide")
        assert page.get_by_role("status").inner_text().startswith("Le courriel est validé")
        assert page.locator("#etat").inner_text() == "à envoyer"

        # the worker's sender delivers the queue to the SMTP server
        with engine.connect() as conn:
            queued = conn.execute(select(outbox).where(outbox.c.state == "queued")).one()
        summary = send_due(engine, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                           envelope_from="fabrique@anact.fr")
        assert summary.sent == 1, summary.errors
        (got,) = smtp.received
        assert got.rcpt_tos == [queued.recipient] and got.mail_from == "fabrique@anact.fr"
        assert got.content.replace(b"\r\n", b"\n") == blobs.get(queued.raw_sha256).replace(b"\r\n", b"\n")
        msg = message_from_bytes(got.content, policy=SMTP)
        assert str(msg["Message-ID"]) == queued.email_message_id
        assert "Suite à notre appel de ce matin" in msg.get_body(("plain",)).get_content()

        page.reload()
        assert page.locator("#etat").inner_text() == "envoyé"

        # the late refusal waited for a person: read from its dossier, with its recipient,
        # then sent on confirmation, in the applicant's thread
        page.goto(base + f"/dossiers/{LATE}")
        page.get_by_role("link", name="Relire et valider").click()
        page.wait_for_url("**/emails/*#envoi")
        assert "hors délai" in page.locator("h1").inner_text()
        with engine.connect() as conn:
            late = conn.execute(select(outbox).where(outbox.c.state == "held", outbox.c.kind == "late")).one()
        assert late.recipient in page.locator("dl.summary").inner_text()
        assert page.get_by_label("Texte que lira le porteur").input_value().startswith("Bonjour Pauline Girardot,")
        assert send_due(engine, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                        envelope_from="fabrique@anact.fr").sent == 0  # held: nothing leaves
        page.get_by_role("button", name=f"Envoyer ce courriel à {late.recipient}").click()
        page.wait_for_url("**fait=valide")
        assert send_due(engine, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                        envelope_from="fabrique@anact.fr").sent == 1
        refusal = message_from_bytes(smtp.received[-1].content, policy=SMTP)
        assert smtp.received[-1].rcpt_tos == [late.recipient]
        assert refusal["In-Reply-To"] and str(refusal["In-Reply-To"]) in str(refusal["References"])
        with engine.connect() as conn:
            actions = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))]
        assert actions.count("email_approved") == 2

        page.goto(base + "/emails")
        assert page.locator(".mail-held").count() == 0
        shot(page, "courriels-envoyes.png")


def test_reprocess_a_quarantined_message_in_the_page(page, intake_home, tmp_path, blobs, web_config):
    def prepare(engine):
        quarantine_one(engine, blobs, web_config, tmp_path)

    with served(intake_home, tmp_path, blobs, web_config, prepare) as (base, _engine):
        log_in(page, base)
        page.get_by_role("link", name="Quarantaine et service").click()
        page.wait_for_url(base + "/operations")
        row = page.locator("#quarantaine ~ div tbody tr")
        assert row.count() == 1 and "MemoryError : mémoire dépassée" in row.inner_text()
        row.locator("summary").click()  # the message's history
        assert "mis en quarantaine" in row.inner_text()
        shot(page, "exploitation.png")
        row.get_by_role("button", name="Relire").click()
        page.wait_for_url("**fait=relu**")
        assert page.get_by_role("status").inner_text().startswith("Le message est relu et classé.")
        assert page.get_by_text("Aucun message en quarantaine.").is_visible()
        shot(page, "exploitation-relu.png", full_page=False)
        page.get_by_role("link", name="Voir le dossier FAB-2022-0006").click()
        page.wait_for_url("**/dossiers/FAB-2022-0006")
        assert page.locator("#decision").inner_text() == "complet"
