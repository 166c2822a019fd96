"""The database is created by the Alembic migration, in WAL mode, and re-opening it is
harmless; the blob store keeps bytes under their hash, atomically and once."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, select, text

from storage import queries as q
from storage.blobs import BlobNotFound, BlobStore
from storage.db import MIGRATIONS, open_db, resolve_url
from storage.schema import messages


def test_open_db_runs_the_migration_in_wal_mode(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'f.db'}"
    engine = open_db(url)
    names = set(inspect(engine).get_table_names())
    assert {"messages", "dossiers", "dossier_messages", "events", "alembic_version"} <= names
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        head = sorted(p.name[:4] for p in MIGRATIONS.glob("versions/0*.py"))[-1]
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    engine.dispose()
    again = open_db(url)  # already at head: nothing to do, nothing lost
    assert "messages" in inspect(again).get_table_names()
    uniques = inspect(again).get_unique_constraints("messages")
    assert any(set(u["column_names"]) == {"account", "folder", "uidvalidity", "uid"} for u in uniques)
    indexed = {tuple(i["column_names"]) for i in inspect(again).get_indexes("messages")}
    assert {("sha256",), ("message_id",)} <= indexed
    again.dispose()


def test_relative_sqlite_url_is_taken_from_the_repository(tmp_path):
    assert resolve_url("sqlite:///var/fabrique.db", tmp_path) == f"sqlite:///{tmp_path}/var/fabrique.db"
    assert resolve_url("postgresql://u:p@h/db", tmp_path) == "postgresql://u:p@h/db"


def test_times_come_back_timezone_aware_in_utc(db):
    paris = datetime(2022, 8, 23, 23, 59, 59, tzinfo=timezone(timedelta(hours=2)))
    with db.begin() as conn:
        rid = q.insert_message(conn, account="a", folder="INBOX", uidvalidity=1, uid="1",
                               message_id=None, sha256="0" * 64, internaldate=paris,
                               first_received=paris, state="stored")
    with db.connect() as conn:
        got = conn.execute(select(messages.c.internaldate).where(messages.c.id == rid)).scalar()
    assert got == paris and got.utcoffset() == timedelta(0)


def test_naive_times_are_refused(db):
    with pytest.raises(Exception, match="fuseau"), db.begin() as conn:
        q.insert_message(conn, account="a", folder="INBOX", uidvalidity=1, uid="1", message_id=None,
                         sha256="0" * 64, internaldate=datetime(2022, 1, 1),
                         first_received=q.now(), state="stored")


def test_blob_store_is_content_addressed_and_idempotent(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    data = b"From: a@b\r\n\r\nbonjour\r\n"
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.path(sha) == tmp_path / "blobs" / sha[:2] / sha[2:4] / sha
    assert store.get(sha) == data and sha in store
    assert store.put(data) == sha
    files = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert files == [store.path(sha)]  # no temp file left behind
    with pytest.raises(BlobNotFound):
        store.get("f" * 64)
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")
