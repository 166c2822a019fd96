"""Personal data: an applicant's export holds everything the service keeps about them,
an erasure leaves nothing of them but anonymised statistics (and an audit entry without
their address), and the retention policy empties the store once it is due. On the
dossiers the real worker filed from examples/*.eml, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from intake.answering.mailer import FileOutbox
from intake.answering.outbox import send_due
from intake.filing.privacy import (
    PrivacySettings,
    add_months,
    apply_retention,
    erase_applicant,
    export_applicant,
)
from intake.filing.worker import run_once
from storage.schema import audit_log, dossiers, messages, notes, outbox

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.eml"))
APPLICANT = "claire.lemonnier@trajectoires-travail.fr"  # examples/01: FAB-2022-0001


def _date(raw: bytes):
    return parsedate_to_datetime(str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"]))


@pytest.fixture
def filed(db, blobs, box, config, tmp_path):
    for path in EXAMPLES:
        raw = path.read_bytes()
        box.deliver(raw, _date(raw))
    run_once(config, box.source(), db, blobs)
    send_due(db, blobs, FileOutbox(tmp_path / "outbox"), envelope_from="fabrique@anact.fr")
    with db.begin() as conn:
        d = conn.execute(select(dossiers).where(dossiers.c.sender_address == APPLICANT)).one()
        from storage.schema import users

        uid = conn.execute(users.insert().values(email="s@anact.test", name="S", role="secretariat",
                                                 password_hash="x", active=True,
                                                 created_at=d.created_at)).inserted_primary_key[0]
        conn.execute(notes.insert().values(dossier_id=d.id, user_id=uid, body="Appelé Claire Lemonnier au 06 12",
                                           created_at=d.created_at, for_committee=False))
    return db


def _everything(db, blobs) -> bytes:
    """Every byte the service holds: database rows as text and every blob."""
    out = []
    with db.connect() as conn:
        for table in (messages, dossiers, outbox, notes, audit_log):
            for row in conn.execute(select(table)):
                out.append(repr(tuple(row)).encode("utf-8"))
    for p in sorted(Path(blobs.root).rglob("*")):
        if p.is_file():
            out.append(p.read_bytes())
    return b"\n".join(out)


def test_export_holds_the_emails_answers_dossier_and_notes(filed, blobs):
    data = export_applicant(filed, blobs, APPLICANT.upper())  # the address, whatever its case
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    index = json.loads(z.read("index.json"))
    assert [d["reference"] for d in index["dossiers"]] == ["FAB-2022-0001"]
    received = [n for n in names if n.startswith("courriels-recus/")]
    assert len(received) == 1
    # the email as received, byte for byte (its hash is the ledger's)
    assert hashlib.sha256(z.read(received[0])).hexdigest() == index["courriels_recus"][0]["sha256"]
    assert EXAMPLES[0].read_bytes() in z.read(received[0])
    answers = [n for n in names if n.startswith("reponses-envoyees/")]
    assert len(answers) == 1 and APPLICANT.encode() in z.read(answers[0])
    assert "Claire Lemonnier" in z.read("dossiers/FAB-2022-0001/notes.json").decode("utf-8")
    assert json.loads(z.read("dossiers/FAB-2022-0001/dossier.json"))["message"]["from"].endswith(APPLICANT)
    assert "LISEZ-MOI.txt" in names and index["absents"] == []
    # nobody else's data
    assert b"robotique" not in data.lower()


def test_erase_leaves_statistics_and_no_trace(filed, blobs):
    before = _everything(filed, blobs)
    assert APPLICANT.encode() in before and b"Trajectoires Travail" in before
    with filed.connect() as conn:
        others_before = conn.execute(select(func.count()).select_from(dossiers)).scalar_one()
        kept = conn.execute(select(dossiers).where(dossiers.c.sender_address != APPLICANT)).all()
    result = erase_applicant(filed, blobs, APPLICANT, reason="demande de la personne du 28/11/2026")
    assert (result.messages, result.dossiers, result.answers) == (1, 1, 1)
    assert result.blobs == 2
    after = _everything(filed, blobs)
    for trace in (APPLICANT.encode(), b"Trajectoires Travail", b"Lemonnier", b"HYBRIDE"):
        assert trace not in after, trace
    with filed.connect() as conn:
        d = conn.execute(select(dossiers).where(dossiers.c.reference == "FAB-2022-0001")).one()
        stats = json.loads(d.dossier_json)
        assert stats["decision"] == "complete" and stats["budget"]["anact_request"] == 33500.0
        assert all(v["present"] for v in stats["sections"].values())
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar_one() == others_before
        entry = conn.execute(select(audit_log).where(audit_log.c.action == "applicant_erased")).one()
        assert APPLICANT not in (entry.before or "") + (entry.after or "") and entry.reason.startswith("demande")
        # the other applicants are untouched
        for k in kept:
            row = conn.execute(select(dossiers).where(dossiers.c.id == k.id)).one()
            assert row.dossier_json == k.dossier_json and row.sender_address == k.sender_address
        for m in conn.execute(select(messages).where(messages.c.sender.is_not(None))):
            assert m.sha256 in blobs


def test_erase_needs_a_reason(filed, blobs):
    with pytest.raises(ValueError, match="motif"):
        erase_applicant(filed, blobs, APPLICANT, reason=" ")


def test_retention_waits_for_its_date_then_empties_the_store(filed, blobs):
    policy = PrivacySettings(selection_date=date(2022, 10, 15), retention_months=24)
    assert policy.purge_after() == date(2024, 10, 15)
    assert apply_retention(filed, blobs, policy, today=date(2024, 10, 14)) is None
    assert any(Path(blobs.root).rglob("*"))
    assert apply_retention(filed, blobs, PrivacySettings(), today=date(2030, 1, 1)) is None
    result = apply_retention(filed, blobs, policy, today=date(2024, 10, 15))
    assert result is not None and result.dossiers == len(EXAMPLES)
    assert not [p for p in Path(blobs.root).rglob("*") if p.is_file()]
    with filed.connect() as conn:
        decisions = sorted(r.decision for r in conn.execute(select(dossiers)))
        assert len(decisions) == len(EXAMPLES)
        assert all(json.loads(r.dossier_json).get("anonymised_at") for r in conn.execute(select(dossiers)))
        assert conn.execute(select(func.count()).select_from(notes)).scalar_one() == 0
    # a second pass finds nothing left to do
    again = apply_retention(filed, blobs, policy, today=date(2025, 1, 1))
    assert again is not None and again.dossiers == 0 and again.blobs == 0


def test_months_are_calendar_months():
    assert add_months(date(2022, 8, 31), 6) == date(2023, 2, 28)
    assert add_months(date(2022, 10, 15), 14) == date(2023, 12, 15)


def test_after_an_erasure_the_worker_goes_on(filed, blobs, box, config):
    """Re-reading every dossier skips the anonymised one; the same applicant writing
    again gets a new dossier read from the new email alone."""
    from intake.filing.worker import reprocess

    erase_applicant(filed, blobs, APPLICANT, reason="demande")
    done = reprocess(config, filed, blobs)
    assert "FAB-2022-0001" not in [ref for ref, _b, _a in done] and len(done) == len(EXAMPLES) - 1
    raw = EXAMPLES[0].read_bytes().replace(b"Message-ID: <", b"Message-ID: <again-", 1)
    box.deliver(raw, _date(raw))
    summary = run_once(config, box.source(), filed, blobs)
    assert summary.created == 1 and summary.quarantined == 0, summary.french()
    with filed.connect() as conn:
        d = conn.execute(select(dossiers).where(dossiers.c.sender_address == APPLICANT)).one()
        assert d.reference != "FAB-2022-0001" and d.decision == "complete"


def test_commands_export_then_erase(filed, blobs, tmp_path, capsys):
    """What the data protection officer types: export, a dry run of the erasure, the
    erasure itself; an unknown address is told plainly."""
    from intake.cli import main

    url = str(filed.url.render_as_string(hide_password=False))
    base = ["--db", url, "--data", str(tmp_path)]
    out = tmp_path / "export.zip"
    assert main(["privacy", "export", APPLICANT, "--out", str(out), *base]) == 0
    assert "courriels-recus/" in " ".join(zipfile.ZipFile(out).namelist())
    assert main(["privacy", "erase", APPLICANT, "--reason", "demande du 28/11", *base]) == 1
    assert "Relancez avec --yes" in capsys.readouterr().out
    with filed.connect() as conn:
        assert conn.execute(select(dossiers).where(dossiers.c.sender_address == APPLICANT)).first() is not None
    assert main(["privacy", "erase", APPLICANT, "--reason", "demande du 28/11", "--yes", *base]) == 0
    assert "FAB-2022-0001" in capsys.readouterr().out
    assert main(["privacy", "export", APPLICANT, "--out", str(out), *base]) == 2
    assert "aucune donnée" in capsys.readouterr().err


def test_the_service_applies_retention_daily(filed, blobs, tmp_path):
    """`fabrique-intake run` runs the retention pass at start (then daily): with a policy
    whose period is over, the store is emptied while the mailbox loop goes on."""
    import threading

    from intake.filing.service import serve
    from intake.filing.sources import MaildirSource

    policy = PrivacySettings(selection_date=date(2022, 10, 15), retention_months=1)
    stop = threading.Event()
    done = threading.Event()

    def daily():
        result = apply_retention(filed, blobs, policy)
        done.set()
        stop.set()
        return result

    code = serve(lambda: MaildirSource(tmp_path / "Maildir-empty"), lambda source: None, lambda: None,
                 poll_interval=0.2, send_interval=60, lock_path=tmp_path / "worker.lock", stop=stop, daily=daily)
    assert code == 0 and done.is_set()
    assert not [p for p in Path(blobs.root).rglob("*") if p.is_file()]


def test_logs_hold_no_proposal_content(db, blobs, box, config, tmp_path, caplog):
    """Everything the worker and the mailer log while filing and answering the examples,
    down to DEBUG: no address, subject, file name or sentence of a proposal."""
    from email import message_from_bytes, policy

    caplog.set_level("DEBUG")
    secrets = set()
    for path in EXAMPLES:
        raw = path.read_bytes()
        box.deliver(raw, _date(raw))
        msg = message_from_bytes(raw, policy=policy.default)
        secrets.update({str(msg["From"].addresses[0].addr_spec), str(msg["Subject"])})
        secrets.update(p.get_filename() for p in msg.iter_attachments() if p.get_filename())
    secrets.add("Trajectoires Travail")  # a name inside the documents
    run_once(config, box.source(), db, blobs)
    send_due(db, blobs, FileOutbox(tmp_path / "outbox"), envelope_from="fabrique@anact.fr")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert logged  # the worker did log
    for secret in secrets:
        assert secret not in logged, secret
