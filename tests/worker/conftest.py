"""Real files only: a Maildir built in a tmp dir from the example messages, a database
(a SQLite file, then a private PostgreSQL server's) and a blob store beside it."""

from __future__ import annotations

import mailbox
import os
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.config import load_config
from intake.filing.sources import MaildirSource
from storage.blobs import BlobStore
from storage.db import open_db
from tests import pg_server

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
COMPLETE = EXAMPLES / "01-complete-docx-et-budget-xlsx.eml"
BODY = EXAMPLES / "02-proposition-dans-le-corps-du-message.eml"
INCOMPLETE = EXAMPLES / "03-depense-non-eligible-et-cofinancement-insuffisant.eml"
PARIS = ZoneInfo("Europe/Paris")
# Received well before the call's deadline (2022-08-23), so decisions are not "late".
ON_TIME = datetime(2022, 8, 20, 10, 0, tzinfo=PARIS)


def reply(reference: str, n: int = 1) -> bytes:
    """A later email quoting a dossier's reference in its subject."""
    m = EmailMessage()
    m["From"] = "claire.lemonnier@trajectoires-travail.fr"
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = f"Re: {reference} – budget complété"
    m["Date"] = "Mon, 22 Aug 2022 09:00:00 +0200"
    m["Message-ID"] = f"<reponse-{n}@trajectoires-travail.fr>"
    m.set_content("Bonjour,\nVeuillez trouver ci-joint notre budget complété.\nCordialement")
    return m.as_bytes()


class Box:
    """A Maildir inbox that tests fill with raw messages at chosen receipt times."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.md = mailbox.Maildir(path, create=True)
        self._minute = 0

    def deliver(self, raw: bytes | Path, when: datetime | None = None) -> str:
        """Written byte for byte as a delivery agent does (tmp/ then new/); mailbox.add
        would rewrite line endings."""
        data = raw.read_bytes() if isinstance(raw, Path) else raw
        when = when or ON_TIME.replace(minute=self._minute)
        self._minute += 1
        key = f"{int(when.timestamp())}.M{self._minute}P{os.getpid()}.test"
        tmp = self.path / "tmp" / key
        tmp.write_bytes(data)
        os.utime(tmp, (when.timestamp(), when.timestamp()))
        os.replace(tmp, self.path / "new" / key)
        return key

    def source(self) -> MaildirSource:
        return MaildirSource(self.path)

    def inbox(self) -> list[str]:
        return sorted(mailbox.Maildir(self.path, create=False).keys())


@pytest.fixture
def box(tmp_path: Path) -> Box:
    return Box(tmp_path / "Maildir")


@pytest.fixture(scope="session")
def postgres():
    """One private PostgreSQL cluster for the whole run, started on first use
    (tests/pg_server.py: skipped without PostgreSQL unless FABRIQUE_REQUIRE_POSTGRES=1)."""
    server = pg_server.start_or_skip()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path):
    """Each test that uses the database runs twice: on a SQLite file (the default) and
    on a fresh database of the private PostgreSQL server."""
    if request.param == "sqlite":
        engine = open_db(f"sqlite:///{tmp_path / 'fabrique.db'}")
        yield engine
        engine.dispose()
        return
    server = request.getfixturevalue("postgres")
    with server.database() as url:
        engine = open_db(url)
        yield engine
        engine.dispose()


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


@pytest.fixture(scope="session")
def config():
    return load_config(ROOT / "config.toml")
