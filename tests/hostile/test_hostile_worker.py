"""Hostile and broken input through the real worker, against a private Dovecot.

One backlog: every hostile email of build.py, the five example proposals (renamed so
each is its own submission) interleaved with them, and every file of
../shared/corpus/real/ (emails as they are, documents as the one attachment of a
generated email). All are APPENDed to the INBOX, the worker reads them (`run_once`, in
this process, with a fresh SQLite database), the answers go to a real SMTP server
(aiosmtpd). Then, for each message: it is in the ledger with its bytes in the blob
store (nothing lost), it is filed in a dossier or quarantined with a reason, it left
the INBOX; every attachment over a limit is `unreadable` (or read in part) with a reason
naming the limit; each reading child stayed within the time and memory limits; and the
example proposals got their dossiers and answers, the forged Auto-Submitted one its
dossier and no answer. /etc/passwd appears nowhere, nothing is written from a file name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from intake.answering.mailer import SmtpTransport
from intake.answering.outbox import send_due
from intake.config import load_config
from intake.filing.sources import ImapSource
from intake.filing.worker import run_once
from intake.reading.sandbox import Outcome
from parsers.document import PARSED, SKIPPED, STATUSES, UNREADABLE
from parsers.sniff import sniff
from storage.blobs import BlobStore
from storage.db import open_db
from storage.schema import dossier_messages, dossiers, events, messages
from tests.worker.backlog import PASSWORD, PROCESSED, QUARANTINE, USER, folder_hashes, imap
from tests.worker.dovecot import DOVECOT, HOST, Dovecot
from tests.worker.smtp_server import SmtpServer

from . import build

ROOT = build.ROOT
REAL = ROOT.parent / "shared" / "corpus" / "real"
NOT_FILES = ("MANIFEST.tsv", "README.md", ".gitattributes")
REAL_FILES = sorted(p for p in REAL.rglob("*") if p.is_file() and p.name not in NOT_FILES) \
    if REAL.is_dir() else []
EXAMPLES = sorted(build.EXAMPLES.glob("*.eml"))
PARIS = ZoneInfo("Europe/Paris")
ON_TIME = datetime(2022, 8, 20, 10, 0, tzinfo=PARIS)
FROM = "fabrique@anact.fr"
# /etc/passwd's first line on any Linux: the marker an XXE would leak
PASSWD = b"root:x:0:0"
TIME_MARGIN = 3.0  # seconds a reading child may take beyond its timeout (kill, reap)


@dataclass
class Item:
    """One email of the backlog and what the run made of it."""

    name: str
    kind: str  # "hostile", "normal", "real"
    raw: bytes
    received: datetime
    sender: str | None = None
    uid: str = ""
    stored: str = ""  # sha256 of the bytes the server holds (Dovecot rewrites NUL, bare CR)
    seconds: float = 0.0  # wall time of the worker on it
    worker_peak: int = 0  # the worker process's own peak resident bytes while on it
    readings: list[tuple[str, Outcome]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def _crlf(raw: bytes) -> bytes:
    return re.sub(rb"\r?\n", b"\r\n", raw)


def _wrap(path: Path, data: bytes, n: int) -> bytes:
    """A lone document as the one attachment of a generated email (own sender, id)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"Corpus {n} <corpus-{n}@real.test>"
    msg["To"] = FROM
    msg["Subject"] = f"Candidature AMI La Fabrique CTO – {path.name}"
    msg["Date"] = "Sat, 20 Aug 2022 10:00:00 +0200"
    msg["Message-ID"] = f"<corpus-{n}@real.test>"
    msg.set_content("Bonjour,\nVeuillez trouver ci-joint notre dossier de candidature.\n")
    ctype = sniff(data, path.name) or "application/octet-stream"
    maintype, _, subtype = ctype.partition("/")
    msg.add_attachment(data, maintype=maintype or "application",
                       subtype=subtype or "octet-stream", filename=path.name)
    return msg.as_bytes()


def backlog() -> list[Item]:
    """Hostile cases with a normal proposal after every four, then the real corpus."""
    items: list[Item] = []
    normals = [build.normal(p, n) for n, p in enumerate(EXAMPLES, 1)]
    for i, case in enumerate(build.HOSTILE):
        # CRLF throughout: Dovecot stores a bare LF as CRLF, which would change the hash
        items.append(Item(case.name, "hostile", _crlf(case.build()), ON_TIME,
                          build.sender_of(case.name)))
        if i % 4 == 3 and normals:
            name, raw = normals.pop(0)
            items.append(Item(name, "normal", raw, build.example_date(raw) or ON_TIME,
                              build.sender_of(name)))
    for name, raw in normals:
        items.append(Item(name, "normal", raw, build.example_date(raw) or ON_TIME,
                          build.sender_of(name)))
    for n, path in enumerate(REAL_FILES, 1):
        data = path.read_bytes()
        raw = _crlf(data) if path.parent.name == "mail" else _wrap(path, data, n)
        items.append(Item(f"real:{path.parent.name}/{path.name}", "real", raw, ON_TIME))
    return items


def _peak_rss() -> int:
    """This process's peak resident bytes since the last _reset_peak (VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    """Linux: writing 5 to clear_refs resets VmHWM, so each message gets its own peak."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


class _Readings(logging.Handler):
    """Collects the sandbox's record of each reading (file, outcome), tagged with the
    message the worker is on."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.current = -1
        self.got: list[tuple[int, str, Outcome]] = []

    def emit(self, record: logging.LogRecord) -> None:
        outcome = getattr(record, "sandbox_outcome", None)
        if outcome is not None:
            self.got.append((self.current, record.sandbox_file, outcome))


@dataclass
class Run:
    items: list[Item]
    by_name: dict[str, Item]
    db: object
    blobs: BlobStore
    data: Path
    server: Dovecot
    smtp: SmtpServer
    config: object
    total_seconds: float
    passes: list
    worker_peak_bytes: int
    appended: int


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    if not os.path.exists(DOVECOT):
        pytest.skip("Dovecot absent : apt-get install -y dovecot-imapd")
    if build.ESCAPE_DIR.exists():
        raise RuntimeError(f"{build.ESCAPE_DIR} exists before the run: remove it")
    data = tmp_path_factory.mktemp("hostile")
    config_path = data / "config.toml"
    config_path.write_text((ROOT / "config.toml").read_text(encoding="utf-8")
                           + "\n[mailbox]\nretry_backoff_seconds = 0\n", encoding="utf-8")
    config = load_config(config_path)
    items = backlog()
    server = Dovecot({USER: PASSWORD}).start()
    smtp = SmtpServer().start()
    try:
        with imap(server) as c:
            for it in items:
                c.append("INBOX", it.raw, msg_time=it.received)
            c.select_folder("INBOX", readonly=True)
            uids = c.search(["ALL"])
            assert len(uids) == len(items), "Dovecot refused some APPENDs"
            for it, uid in zip(items, sorted(uids), strict=True):
                it.uid = str(uid)
                body = c.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
                it.stored = hashlib.sha256(bytes(body)).hexdigest()
        db = open_db(f"sqlite:///{data / 'fabrique.db'}")
        blobs = BlobStore(data / "blobs")
        readings = _Readings()
        sandbox_log = logging.getLogger("intake.reading.sandbox")
        sandbox_log.addHandler(readings)
        old_level = sandbox_log.level
        sandbox_log.setLevel(logging.DEBUG)
        marks: list[float] = []
        peaks: list[int] = []

        def progress(done: int, total: int) -> None:
            readings.current = done
            marks.append(time.monotonic())
            peaks.append(_peak_rss())
            _reset_peak()

        started = time.monotonic()
        passes = []
        try:
            with ImapSource(HOST, server.port, username=USER, password=PASSWORD,
                            security="plain", timeout=60) as src:
                passes.append(run_once(config, src, db, blobs, progress=progress))
                peaks.append(_peak_rss())  # the last message, and the answers due
                for _ in range(2):  # failed readings are retried (then quarantined)
                    if not passes[-1].retry:
                        break
                    readings.current = -1
                    passes.append(run_once(config, src, db, blobs))
        finally:
            sandbox_log.removeHandler(readings)
            sandbox_log.setLevel(old_level)
        total = time.monotonic() - started
        # the worker takes the INBOX in order of receipt time, then UID (sources.list_new)
        order = sorted(items, key=lambda it: (it.received, int(it.uid)))
        for index, filename, outcome in readings.got:
            if 0 <= index < len(order):
                order[index].readings.append((filename, outcome))
        for i, it in enumerate(order):
            if i + 1 < len(marks):
                it.seconds = marks[i + 1] - marks[i]
            it.worker_peak = peaks[i + 1] if i + 1 < len(peaks) else 0
        # the last message: from its ledger events (the pass then queues the answers due)
        last = order[-1]
        with db.connect() as conn:
            row = conn.execute(select(messages).where(messages.c.uid == last.uid)).one()
            at = [e.at for e in conn.execute(select(events).where(
                events.c.message_id == row.id).order_by(events.c.id))]
        last.seconds = (at[-1] - at[0]).total_seconds() if len(at) > 1 else 0.0
        transport = SmtpTransport(HOST, smtp.port, security="plain", timeout=10)
        while send_due(db, blobs, transport, envelope_from=FROM).sent:
            pass
        peak = max([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, *peaks])
        yield Run(items, {it.name: it for it in items}, db, blobs, data, server, smtp, config,
                  total, passes, peak, len(uids))
        db.dispose()
    finally:
        smtp.stop()
        server.stop()


# ------------------------------------------------------------------ helpers


def _row(run: Run, it: Item):
    with run.db.connect() as conn:
        return conn.execute(select(messages).where(messages.c.uid == it.uid)).one()


def _dossier(run: Run, it: Item):
    """The dossier the message is filed in (a duplicate: its original's)."""
    row = _row(run, it)
    with run.db.connect() as conn:
        return conn.execute(select(dossiers).join(
            dossier_messages, dossier_messages.c.dossier_id == dossiers.c.id).where(
            dossier_messages.c.message_id == row.id).order_by(dossiers.c.id)).first()


def _own_reading(run: Run, it: Item) -> dict:
    """The attachments and message notes of this email's own reading, from the
    dossier JSON (a dossier joined by later emails holds all of theirs)."""
    d = _dossier(run, it)
    return json.loads(d.dossier_json) if d is not None else {}


def _answers_to(run: Run, address: str) -> list[bytes]:
    return [r.content for r in run.smtp.received if address.lower() in
            (a.lower() for a in r.rcpt_tos)]


def _limit_bound(run: Run) -> int:
    """A reading child's resident memory can reach what it inherited from the worker
    (at most the worker's own peak) plus the memory it may add."""
    return run.worker_peak_bytes + run.config.limits.memory_bytes


HOSTILE_NAMES = [c.name for c in build.HOSTILE]
NORMAL_NAMES = [f"normal_{n:02d}" for n in range(1, len(EXAMPLES) + 1)]
REAL_NAMES = [f"real:{p.parent.name}/{p.name}" for p in REAL_FILES]
ALL_NAMES = HOSTILE_NAMES + NORMAL_NAMES + REAL_NAMES


# ------------------------------------------------------------------ the whole run


def test_the_worker_survives_the_whole_backlog(run: Run) -> None:
    """The run completed: no error from the mailbox, INBOX empty, every message filed
    once in Traitées or Quarantaine, one ledger row each."""
    assert all(not p.errors for p in run.passes), [p.errors for p in run.passes]
    assert run.passes[0].read == len(run.items) == run.appended
    assert folder_hashes(run.server, "INBOX") == Counter()
    moved = folder_hashes(run.server, PROCESSED) + folder_hashes(run.server, QUARANTINE)
    assert moved == Counter(it.stored for it in run.items)
    with run.db.connect() as conn:
        rows = list(conn.execute(select(messages)))
    assert Counter(r.sha256 for r in rows) == Counter(it.stored for it in run.items)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_each_message_is_kept_and_filed_or_quarantined(run: Run, name: str) -> None:
    it = run.by_name[name]
    row = _row(run, it)
    assert row.sha256 == it.stored and row.sha256 in run.blobs
    assert hashlib.sha256(run.blobs.get(row.sha256)).hexdigest() == it.stored
    if row.state == "quarantined":
        assert row.last_error and row.last_error.strip(), row
        return
    assert row.state == "moved", (row.state, row.last_error)
    if _dossier(run, it) is None:  # only a second delivery of a quarantined message
        with run.db.connect() as conn:
            steps = [e.step for e in conn.execute(select(events).where(
                events.c.message_id == row.id))]
        assert "duplicate" in steps, steps
    reading = _own_reading(run, it)
    for a in reading.get("attachments", []):
        assert a["status"] in STATUSES, a
        if a["status"] not in (PARSED, SKIPPED):
            # a reason a person can read, in French, not an exception's text
            assert len(a["detail"]) > 20 and "Traceback" not in a["detail"], a
            assert re.search(r"\b(le|la|les|ce|est|pas|a)\b", a["detail"].lower()), a


@pytest.mark.parametrize("name", ALL_NAMES)
def test_each_reading_stays_within_the_limits(run: Run, name: str) -> None:
    """Each attachment's child: within timeout_seconds (plus the time to kill and reap
    it) and within the memory it may add to what it inherited."""
    it = run.by_name[name]
    limits = run.config.limits
    for filename, outcome in it.readings:
        assert outcome.seconds <= limits.timeout_seconds + TIME_MARGIN, (filename, outcome)
        assert outcome.peak_bytes <= _limit_bound(run), (filename, outcome)
    # the whole message: its readings' budget, plus decoding and filing
    budget = len(it.readings) * (limits.timeout_seconds + TIME_MARGIN) + 30
    assert it.seconds <= budget, (it.seconds, budget)


# ------------------------------------------------------------------ over the limits


def _attachments(run: Run, name: str) -> list[dict]:
    return _own_reading(run, run.by_name[name])["attachments"]


def _one(attachments: list[dict], filename: str) -> dict:
    found = [a for a in attachments if a["filename"] == filename]
    assert found, [a["filename"] for a in attachments]
    return found[0]


def test_zip_bombs_are_refused_by_their_limits(run: Run) -> None:
    lim = run.config.limits
    nested = _attachments(run, "zip_bomb_nested")
    deep = [a for a in nested if a["status"] == UNREADABLE]
    assert deep and all(f"({lim.max_zip_depth} niveaux)" in a["detail"] for a in deep), deep
    single = _one(_attachments(run, "zip_bomb_single"), "budget.txt")
    assert single["status"] == UNREADABLE and f"{lim.max_zip_ratio} fois" in single["detail"]
    liar = _one(_attachments(run, "zip_bomb_lying_header"), "budget.txt")
    assert liar["status"] == UNREADABLE


def test_a_10000_page_pdf_is_read_up_to_max_pages(run: Run) -> None:
    pdf = _one(_attachments(run, "pdf_10000_pages"), "dossier.pdf")
    assert pdf["status"] == PARSED
    assert "10\u202f000 pages" in pdf["detail"]
    assert f"{run.config.limits.max_pages} premières" in pdf["detail"]


def test_a_pdf_inflating_to_gigabytes_is_stopped_by_a_limit(run: Run) -> None:
    lim = run.config.limits
    pdf = _one(_attachments(run, "pdf_inflate_bomb"), "projet.pdf")
    assert pdf["status"] == UNREADABLE
    assert (f"({lim.memory_bytes // 2**20} Mo)" in pdf["detail"]
            or f"({lim.timeout_seconds:g} s)" in pdf["detail"]), pdf


def test_pdf_loops_do_not_hang(run: Run) -> None:
    files = _attachments(run, "pdf_xref_loop")
    assert {a["filename"] for a in files} == {"boucle-prev.pdf", "boucle-pages.pdf"}


def test_a_60_mb_attachment_is_kept_not_read(run: Run) -> None:
    big = _one(_attachments(run, "attachment_60mb"), "dossier-complet.pdf")
    assert big["status"] == UNREADABLE
    assert f"({run.config.limits.max_file_bytes // 2**20} Mo)" in big["detail"]


def test_10000_parts_are_read_up_to_max_attachments(run: Run) -> None:
    lim = run.config.limits
    files = _attachments(run, "mime_10000_parts")
    it = run.by_name["mime_10000_parts"]
    assert len(it.readings) == lim.max_attachments  # forks, not 10,000
    over = [a for a in files if "limite de lecture" in a["detail"]]
    assert [a["status"] for a in over].count(UNREADABLE) == 1
    assert all(a["status"] == SKIPPED for a in over[1:])
    assert f"{lim.max_attachments} premières" in over[0]["detail"]
    defects = _own_reading(run, it)["message"].get("defects", [])
    assert any(f"{lim.max_mime_parts} parties" in d for d in defects), defects


@pytest.mark.parametrize("name", ["mime_nested_1000", "rfc822_nested_1000"])
def test_deep_nesting_is_noted(run: Run, name: str) -> None:
    defects = _own_reading(run, run.by_name[name])["message"].get("defects", [])
    assert any("imbriqu" in d for d in defects), defects


def test_xml_entities_are_refused_and_passwd_never_leaks(run: Run) -> None:
    for name in ("docx_billion_laughs", "docx_xxe"):
        for a in _attachments(run, name):
            assert a["status"] == UNREADABLE and "entités XML" in a["detail"], a
    with run.db.connect() as conn:
        dump = "\n".join(str(tuple(r)) for t in ("messages", "dossiers", "events", "outbox",
                                                  "dossier_messages")
                         for r in conn.execute(text(f"SELECT * FROM {t}")))
    assert PASSWD.decode() not in dump
    for r in run.smtp.received:
        assert PASSWD not in r.content
    for blob in (run.data / "blobs").rglob("*"):
        if blob.is_file():
            raw = blob.read_bytes()
            assert PASSWD not in raw or raw in {it.raw for it in run.items}, blob


@pytest.mark.parametrize("name,filename", [("docm_macros", "candidature.docm"),
                                           ("xlsm_macros", "budget.xlsm")])
def test_macro_files_are_read_as_text_and_flagged(run: Run, name: str, filename: str) -> None:
    f = _one(_attachments(run, name), filename)
    assert f["status"] == PARSED and "macros" in f["detail"]
    assert not (build.ESCAPE_DIR / "macro-ran").exists()


# ------------------------------------------------------------------ names, headers


def test_file_names_write_nothing_and_are_shown_sanitised(run: Run) -> None:
    files = _attachments(run, "hostile_file_names")
    names = [a["filename"] for a in files]
    assert len(names) == 8
    for n in names:
        assert n and n not in (".", "..") and len(n) <= 200, n
        assert not re.search(r"[/\\\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]", n), n
    assert "facturefdp.exe" in names  # the real extension shows
    assert not build.ESCAPE_DIR.exists()
    assert not Path("C:\\Windows\\System32\\evasion.dll").exists()
    for path in (run.data / "blobs").rglob("*"):  # blobs are named by their hash only
        if path.is_file():
            assert re.fullmatch(r"[0-9a-f]{64}", path.name), path
    written = {p.name for p in run.data.iterdir()}
    assert written <= {"config.toml", "fabrique.db", "fabrique.db-wal", "fabrique.db-shm",
                       "blobs", "report.txt"}, written


@pytest.mark.parametrize("name", ["headers_bad_rfc2047", "headers_8bit_garbage",
                                  "headers_bad_charsets"])
def test_broken_headers_are_decoded_to_clean_text(run: Run, name: str) -> None:
    it = run.by_name[name]
    m = _own_reading(run, it)["message"]
    assert isinstance(m["subject"], str) and not re.search(r"[\x00-\x1f\x7f-\x9f]", m["subject"])
    assert m["from"] == it.sender  # the address survives the garbage around it
    assert _answers_to(run, it.sender)  # an applicant like any other


def test_a_message_without_from_date_or_id_is_filed(run: Run) -> None:
    it = run.by_name["no_from_date_message_id"]
    d = _dossier(run, it)
    assert d is not None and d.sender_address is None
    defects = json.loads(d.dossier_json)["message"]["defects"]
    assert any("From" in x for x in defects) and any("Date" in x for x in defects)
    assert any("Message-ID" in x for x in defects)


def test_a_forged_auto_submitted_proposal_is_filed_but_not_answered(run: Run) -> None:
    it = run.by_name["forged_auto_submitted"]
    d = _dossier(run, it)
    assert d is not None and d.decision == "complete"
    assert _answers_to(run, it.sender) == []
    with run.db.connect() as conn:
        details = [e.detail for e in conn.execute(select(events).where(
            events.c.message_id == _row(run, it).id, events.c.step == "no_answer"))]
    assert any("Auto-Submitted" in x for x in details), details


# ------------------------------------------------------------------ the others


@pytest.mark.parametrize("name", NORMAL_NAMES)
def test_normal_proposals_get_their_dossier_and_answer(run: Run, name: str) -> None:
    it = run.by_name[name]
    d = _dossier(run, it)
    assert d is not None and d.sender_address == it.sender
    got = _answers_to(run, it.sender)
    if d.decision == "late":  # a refusal waits for a person (config.toml hold_for_approval)
        from sqlalchemy import select

        from storage.schema import outbox
        with run.db.connect() as conn:
            held = conn.execute(select(outbox).where(outbox.c.dossier_id == d.id)).all()
        assert got == [] and [(r.kind, r.state) for r in held] == [("late", "held")]
        return
    assert len(got) == 1, len(got)
    assert f"<{name}@hostile.test>".encode() in got[0]  # In-Reply-To: their own email


def test_real_corpus_is_present() -> None:
    if not REAL_FILES:
        pytest.skip("../shared/corpus/real absent : corpus réel non passé par le worker")


def test_report(run: Run, capsys) -> None:
    """Not an assertion: the figures, one line per message (run with -s to see them)."""
    lines = [f"{'message':58} {'état':12} {'décision':15} {'s':>6} {'lectures':>8} "
             f"{'pic lecteur Mo':>14} {'pic worker Mo':>13}  pièces"]
    for it in run.items:
        row = _row(run, it)
        d = _dossier(run, it)
        peak = max((o.peak_bytes for _f, o in it.readings), default=0) // 2**20
        statuses = Counter(a["status"] for a in _own_reading(run, it).get("attachments", []))
        lines.append(f"{it.name[:58]:58} {row.state:12} {(d.decision if d else '-'):15} "
                     f"{it.seconds:6.2f} {len(it.readings):8} {peak:14} "
                     f"{it.worker_peak // 2**20:13}  "
                     + ", ".join(f"{k}={v}" for k, v in sorted(statuses.items())))
    altered = [it.name for it in run.items if it.stored != it.sha256]
    lines.append(f"bytes rewritten by Dovecot at APPEND (NUL, bare CR): {altered}")
    lines.append(f"total {run.total_seconds:.1f} s, {len(run.items)} messages, "
                 f"worker peak {run.worker_peak_bytes // 2**20} Mo, "
                 f"passes {[p.french() for p in run.passes]}")
    report = run.data / "report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    with capsys.disabled():
        print("\n" + "\n".join(lines[:40]) + f"\n… ({report})")
