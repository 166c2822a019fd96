"""The queue's statement (JSON sorting, aggregated overrides, the "to do" condition) and a
correction, on PostgreSQL: the same examples read by the worker into a fresh database of
the private test server (tests/pg_server.py; skipped without PostgreSQL unless
FABRIQUE_REQUIRE_POSTGRES=1)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from intake.filing.worker import run_once
from storage.blobs import BlobStore
from storage.db import open_db
from tests import pg_server
from tests.worker.conftest import Box
from web.accounts import add_user
from web.app import create_app
from web.queries import QueueFilters, queue_page

from .conftest import (
    COMPLETE_BODY,
    COMPLETE_DOCX,
    EXAMPLES,
    INCOMPLETE,
    LATE,
    PASSWORD,
    SCANNED,
    SECRETARIAT,
    csrf_of,
    login,
    received_at,
)


@pytest.fixture(scope="module")
def pg(tmp_path_factory, web_config):
    server = pg_server.start_or_skip()
    home = tmp_path_factory.mktemp("pg")
    try:
        with server.database() as url:
            engine = open_db(url)
            box = Box(home / "Maildir")
            for path in EXAMPLES:
                raw = path.read_bytes()
                box.deliver(raw, received_at(raw))
            blobs = BlobStore(home / "blobs")
            run_once(web_config, box.source(), engine, blobs)
            with engine.begin() as conn:
                add_user(conn, SECRETARIAT, "Claire Secrétariat", "secretariat", PASSWORD)
            yield engine, blobs
            engine.dispose()
    finally:
        server.stop()


def refs(engine, **filters) -> list[str]:
    with engine.connect() as conn:
        return [r["reference"] for r in queue_page(conn, QueueFilters(**filters)).rows]


def test_queue_on_postgresql(pg):
    engine, _ = pg
    assert refs(engine) == [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE, LATE]
    assert refs(engine, sort="anact", desc=True) == [COMPLETE_BODY, INCOMPLETE, LATE, COMPLETE_DOCX, SCANNED]
    assert refs(engine, sort="share") == [INCOMPLETE, COMPLETE_DOCX, LATE, COMPLETE_BODY, SCANNED]
    assert refs(engine, todo=True) == [SCANNED, INCOMPLETE, LATE]  # LATE: its refusal waits for approval
    assert refs(engine, q="VOX travail") == [INCOMPLETE]  # ILIKE: any case
    assert refs(engine, flag="scanned_document") == [SCANNED]
    with engine.connect() as conn:
        page = queue_page(conn, QueueFilters())
    assert page.counts == {"complete": 2, "incomplete": 1, "needs_review": 1, "late": 1} and page.todo == 3


def test_operations_on_postgresql(pg, web_config):
    """The emails page's edit (row locked FOR UPDATE), the bulk actions, the release to
    the committee and a saved filter, on PostgreSQL."""
    from sqlalchemy import select

    from storage.schema import audit_log, outbox

    engine, blobs = pg
    with TestClient(create_app(engine, blobs, call=web_config.call)) as client:
        assert login(client).status_code == 303
        with engine.connect() as conn:
            held = conn.execute(select(outbox).where(outbox.c.state == "held",
                                                     outbox.c.kind == "completion_request")).one()
        page = client.get(f"/emails/{held.id}").text
        r = client.post(f"/emails/{held.id}/edit", data={"csrf_token": csrf_of(page), "text": "Texte revu."},
                        follow_redirects=False)
        assert r.status_code == 303
        r = client.post("/queue/bulk", data={"csrf_token": csrf_of(page), "action": "approve", "confirm": "oui",
                                             "mail": [held.id], "ref": [INCOMPLETE, SCANNED]}, follow_redirects=False)
        assert r.headers["location"] == "/?fait=lot-valides&n=1&sur=2"
        assert SCANNED in refs(engine, todo=True)
        client.post("/queue/bulk", data={"csrf_token": csrf_of(page), "action": "reviewed",
                                         "ref": [SCANNED, INCOMPLETE]})
        assert refs(engine, todo=True) == [LATE]  # its refusal still waits for approval
        client.post(f"/dossiers/{LATE}/release", data={"csrf_token": csrf_of(page), "confirm": "oui"})
        assert LATE in client.get("/committee").text
        client.post("/filters", data={"csrf_token": csrf_of(page), "name": "Hors délai", "params": "decision=late"})
        assert 'href="/?decision=late">Hors délai</a>' in client.get("/").text
        with engine.connect() as conn:
            actions = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))]
        assert actions[-5:] == ["email_edited", "email_approved", "reviewed", "reviewed", "released"]


def test_override_on_postgresql(pg, web_config):
    # last of the module: setting the flag aside withdraws the held request the other tests use
    engine, blobs = pg
    with TestClient(create_app(engine, blobs, call=web_config.call)) as client:
        assert login(client).status_code == 303
        page = client.get(f"/dossiers/{INCOMPLETE}").text
        r = client.post(f"/dossiers/{INCOMPLETE}/flags", data={
            "csrf_token": csrf_of(page), "code": "cofinancing_below_minimum", "target": "",
            "status": "not_applicable", "comment": "Co-financement confirmé par courrier."})
        assert r.status_code == 200 and 'id="decision">complet<' in r.text
        assert refs(engine, decision="complete") == [COMPLETE_DOCX, COMPLETE_BODY, INCOMPLETE]
        with engine.connect() as conn:
            row = next(r for r in queue_page(conn, QueueFilters(q="vox")).rows)
        assert row["flags"] == {"blocking": 0, "warning": 1, "set_aside": 1}
