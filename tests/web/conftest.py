"""The web app over dossiers the real worker filed: the repository's examples/*.eml are
delivered into a Maildir at the times their Date headers say, one intake pass reads them
into a SQLite database and sends the answers that are not held (once per session), and
each test works on its own copy of that database. Completion requests are held for
approval, so the app has an email to approve."""

from __future__ import annotations

import re
import sqlite3
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from intake.answering.mailer import FileOutbox
from intake.answering.outbox import send_due
from intake.config import load_config
from intake.filing.worker import run_once
from storage.blobs import BlobStore
from storage.db import open_db
from tests.worker.conftest import Box
from web.accounts import add_user
from web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.eml"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "mot-de-passe-de-test"
SECRETARIAT = "secretariat@anact.test"
COMMITTEE = "comite@anact.test"
ADMIN = "admin@anact.test"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

# The dossiers examples/*.eml become (see `make demo`).
COMPLETE_DOCX = "FAB-2022-0001"     # 01: complete, DOCX + XLSX
SCANNED = "FAB-2022-0002"           # 04: budget scanned -> needs_review
COMPLETE_BODY = "FAB-2022-0003"     # 02: proposal in the body -> complete
INCOMPLETE = "FAB-2022-0004"        # 03: ineligible expense, co-financing 15 % -> incomplete
LATE = "FAB-2022-0005"              # 05: late


def received_at(raw: bytes):
    return parsedate_to_datetime(str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"]))


@pytest.fixture(scope="session")
def web_config(tmp_path_factory):
    """config.toml with completion requests held for the secretariat's approval."""
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    assert "hold_completion_requests = false" in text
    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text(text.replace("hold_completion_requests = false", "hold_completion_requests = true"),
                    encoding="utf-8")
    return load_config(path)


@pytest.fixture(scope="session")
def intake_home(tmp_path_factory, web_config) -> Path:
    """One intake pass over the examples, plus three accounts: the template database."""
    home = tmp_path_factory.mktemp("intake")
    box = Box(home / "Maildir")
    for path in EXAMPLES:
        raw = path.read_bytes()
        box.deliver(raw, received_at(raw))
    engine = open_db(f"sqlite:///{home / 'fabrique.db'}")
    summary = run_once(web_config, box.source(), engine, BlobStore(home / "blobs"))
    assert summary.created == len(EXAMPLES), summary.french()
    # what `run --once` does next: the answers not held go out (here, as .eml files)
    send_due(engine, BlobStore(home / "blobs"), FileOutbox(home / "outbox"), envelope_from="fabrique@anact.fr")
    with engine.begin() as conn:
        add_user(conn, SECRETARIAT, "Claire Secrétariat", "secretariat", PASSWORD)
        add_user(conn, COMMITTEE, "Membre du comité", "committee", PASSWORD)
        add_user(conn, ADMIN, "Admin", "admin", PASSWORD)
    engine.dispose()
    return home


@pytest.fixture
def db_path(intake_home, tmp_path) -> Path:
    """This test's own copy of the template database (SQLite's backup: WAL included)."""
    dest = tmp_path / "fabrique.db"
    src, dst = sqlite3.connect(intake_home / "fabrique.db"), sqlite3.connect(dest)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return dest


@pytest.fixture
def engine(db_path):
    engine = open_db(f"sqlite:///{db_path}")
    yield engine
    engine.dispose()


@pytest.fixture
def blobs(intake_home) -> BlobStore:
    return BlobStore(intake_home / "blobs")


def configured(app, config, data_dir: Path):
    """What `fabrique-intake web` gives the app besides the database: the configuration
    and where the worker writes its health file."""
    from intake.filing.worker import worker_settings

    app.state.config = config
    app.state.worker_settings = worker_settings(config, data_dir=data_dir)
    return app


@pytest.fixture
def app(engine, blobs, web_config, intake_home):
    return configured(create_app(engine, blobs, call=web_config.call), web_config, intake_home)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def csrf_of(html: str) -> str:
    m = CSRF_RE.search(html)
    assert m, "pas de jeton CSRF dans la page"
    return m.group(1)


def login(client, email: str = SECRETARIAT, password: str = PASSWORD, next_url: str = "/"):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token,
                                       "next": next_url}, follow_redirects=False)


@pytest.fixture
def secretariat(client):
    """A client logged in as the secretariat."""
    r = login(client)
    assert r.status_code == 303, r.text
    return client


CHROMIUM = Path("/usr/bin/chromium")  # Debian's; the browser tests never download one


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (the browser tests share it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--lang=fr-FR"])
        yield b
        b.close()
