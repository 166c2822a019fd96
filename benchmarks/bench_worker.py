"""The intake worker against real servers: a private Dovecot (loopback, as in the tests)
and an aiosmtpd server, in one run. Three measurements:

1. Latency, APPEND to answer: the continuous worker (`fabrique-intake run`, IMAP IDLE,
   SMTP to aiosmtpd, default send interval) in a subprocess; a typical complete proposal
   (examples/01, fresh Message-ID and a sender of its own each time, INTERNALDATE before
   the deadline) is APPENDed to INBOX, and the clock stops when aiosmtpd has the
   acknowledgement (In-Reply-To = that Message-ID). Median, p90, min, max of 20, with
   the ledger's event times splitting each run into stages. Next to it, `inspect` alone
   (intake.reading.pipeline.inspect_message, in process) on the same message, 20 times.
2. Throughput on a 300-message backlog: the repository's corpora (examples/,
   tests/corpus/, tests/holdout*/: 120 files) cycled with fresh Message-IDs, APPENDed with
   their Date header as INTERNALDATE, then ONE `run --once` (subprocess, SQLite,
   aiosmtpd), timed; next to it `inspect_message` alone on the same 300 raw messages in
   this process. Messages per second for both and the ratio worker / inspect. The first
   pass over the corpora keeps its senders; from the second on, each From address gets a
   tag (claire@x.fr -> claire.c1@x.fr): otherwise a copy would join its original's dossier
   (same sender, same title) and make the worker re-read the whole dossier, work that
   `inspect` alone never does (measured apart: 1.7 times the duration).
3. An idle poll (nothing new): `run_once` in process, one ImapSource connection kept as
   the service keeps it, on a mailbox of 100 and one of 10,000 processed messages (in
   "Traitées", and as many rows in the ledger, as a run leaves them), 20 polls each,
   alternating; the ratio 10,000 / 100. Also the case where the messages are still in
   INBOX and known to the ledger: what a poll does before it can tell nothing is new
   (list_new, then one ledger lookup per UID as _Pass.handle starts), 5 polls each.

Prints a table, writes benchmarks/results/worker.json. Every server, subprocess and temp
dir is removed at the end, on error and on Ctrl-C too. `--quick` runs small sizes (to
check the script, not for figures).
"""

from __future__ import annotations

import argparse
import email.policy
import email.utils
import glob
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imapclient import IMAPClient  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from intake.config import load_config  # noqa: E402
from intake.filing.sources import ImapSource  # noqa: E402
from intake.filing.worker import run_once, worker_settings  # noqa: E402
from intake.reading.pipeline import inspect_message  # noqa: E402
from storage import queries as q  # noqa: E402
from storage.blobs import BlobStore  # noqa: E402
from storage.db import open_db  # noqa: E402
from storage.schema import dossier_messages, dossiers, events, messages, outbox  # noqa: E402
from tests.worker.dovecot import DOVECOT, HOST, Dovecot  # noqa: E402
from tests.worker.smtp_server import SmtpServer  # noqa: E402

PARIS = ZoneInfo("Europe/Paris")
COMPLETE = ROOT / "examples" / "01-complete-docx-et-budget-xlsx.eml"
ON_TIME = datetime(2022, 8, 20, 10, 0, tzinfo=PARIS)  # before the call's deadline (23/08/2022)
PASSWORD = "motdepasse"
# one mailbox per measurement (sizes of the idle polls are added in main)
USERS = ["latence", "arriere", "vide"]
PROCESSED = "Traitées"
RESULTS = ROOT / "benchmarks" / "results" / "worker.json"
_ADDR = re.compile(rb"([\w.!#$%&'*+/=?^`{|}~-]+)(@[\w-]+(?:\.[\w-]+)+)")


def say(text: str) -> None:
    print(text, flush=True)


def stats(samples: list[float]) -> dict:
    s = sorted(samples)
    p90 = statistics.quantiles(s, n=10, method="inclusive")[8] if len(s) > 1 else s[0]
    return {"n": len(s), "median": statistics.median(s), "p90": p90, "min": s[0], "max": s[-1],
            "mean": statistics.fmean(s)}


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


# ------------------------------------------------------------------ messages


def rewrite(raw: bytes, message_id: str, sender_tag: str | None = None) -> bytes:
    """`raw` with CRLF line ends (as an IMAP server hands it out), its Message-ID replaced
    by `message_id` and, with `sender_tag`, the From address made distinct
    (claire@x.fr -> claire.TAG@x.fr): a new applicant, not a follow-up of an earlier one."""
    raw = re.sub(rb"\r?\n", b"\r\n", raw)
    head, sep, body = raw.partition(b"\r\n\r\n")
    fields: list[list[bytes]] = []
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1].append(line)
        else:
            fields.append([line])
    out = [b"Message-ID: " + message_id.encode()]
    for f in fields:
        name = f[0].split(b":", 1)[0].strip().lower()
        if name == b"message-id":
            continue
        text = b"\r\n".join(f)
        if name == b"from" and sender_tag:
            text = _ADDR.sub(lambda m: m.group(1) + b"." + sender_tag.encode() + m.group(2),
                             text, count=1)
        out.append(text)
    return b"\r\n".join(out) + sep + body


def date_of(raw: bytes) -> datetime:
    """The Date header as INTERNALDATE (so a late corpus case stays late), else ON_TIME."""
    value = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Date")
    try:
        when = email.utils.parsedate_to_datetime(str(value).strip())
    except (TypeError, ValueError, IndexError):
        return ON_TIME
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def corpus_files() -> list[Path]:
    pats = ("examples/*.eml", "tests/corpus/**/*.eml", "tests/holdout*/**/*.eml")
    files: list[Path] = []
    for pat in pats:
        files += sorted(Path(p) for p in glob.glob(str(ROOT / pat), recursive=True))
    return files


def small_message(n: int) -> bytes:
    return (f"From: Porteur {n} <porteur{n}@exemple.fr>\r\nTo: fabrique@anact.fr\r\n"
            f"Subject: AMI La Fabrique CTO - candidature {n}\r\n"
            f"Date: Sat, 20 Aug 2022 10:00:00 +0200\r\nMessage-ID: <veille-{n}@bench.invalid>\r\n"
            f"\r\nBonjour,\r\nci-joint notre candidature.\r\n").encode()


# ------------------------------------------------------------------ servers


@dataclass
class TimedSmtp(SmtpServer):
    """aiosmtpd that notes when each email arrived, keyed by its In-Reply-To."""

    arrivals: dict[str, tuple[float, float, str]] = field(default_factory=dict)
    cond: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)
        pc, wall = time.perf_counter(), time.time()
        head = BytesHeaderParser(policy=email.policy.default).parsebytes(
            bytes(envelope.original_content))
        key = str(head.get("In-Reply-To") or "").strip()
        with self.cond:
            self.arrivals[key] = (pc, wall, str(head.get("Subject") or ""))
            self.cond.notify_all()
        return reply

    def wait_for(self, in_reply_to: str, timeout: float) -> tuple[float, float, str]:
        with self.cond:
            if not self.cond.wait_for(lambda: in_reply_to in self.arrivals, timeout):
                raise TimeoutError(f"aucune réponse à {in_reply_to} en {timeout:g} s")
            return self.arrivals[in_reply_to]


def imap(server: Dovecot, user: str) -> IMAPClient:
    c = IMAPClient(HOST, port=server.port, ssl=False, timeout=60)
    c.normalise_times = False
    c.login(user, PASSWORD)
    return c


def multiappend(server: Dovecot, user: str, folder: str, items: list[tuple[bytes, datetime]],
                batch: int = 200) -> None:
    with imap(server, user) as c:
        if not c.folder_exists(folder):
            c.create_folder(folder)
        for i in range(0, len(items), batch):
            c.multiappend(folder, [{"msg": raw, "flags": [], "date": when}
                                   for raw, when in items[i:i + batch]])


def write_config(path: Path, *, user: str, imap_port: int, smtp_port: int) -> Path:
    """The repository's config.toml, pointed at the private servers (IDLE on, default
    intervals)."""
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    path.write_text(text + f"""
[mailbox]
imap_host = "{HOST}"
imap_port = {imap_port}
imap_security = "plain"
imap_user = "{user}"
idle = true

[smtp]
host = "{HOST}"
port = {smtp_port}
security = "plain"
timeout = 10
""", encoding="utf-8")
    return path


def cli(*args: str, config: Path, data: Path) -> list[str]:
    """The command line; under setpriv it dies with this script (SIGTERM), however it ends."""
    pre = ["setpriv", "--pdeathsig", "TERM"] if shutil.which("setpriv") else []
    return [*pre, sys.executable, "-m", "intake.cli", *args, "--data", str(data),
            "--config", str(config)]


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FABRIQUE_CONFIG"}
    env["FABRIQUE_IMAP_PASSWORD"] = PASSWORD
    return env


class Worker:
    """`fabrique-intake run` (the continuous service) in a subprocess, its logs in a file,
    stopped with SIGTERM as a service manager does."""

    def __init__(self, argv: list[str], log: Path) -> None:
        self.log = log
        self._out = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(argv, cwd=ROOT, env=cli_env(), stdout=self._out,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, needle: str, timeout: float) -> None:
        end = time.monotonic() + timeout
        while needle not in self.text():
            if self.proc.poll() is not None:
                raise RuntimeError(f"le relevé s'est arrêté (code {self.proc.returncode}) :\n"
                                   + self.text()[-3000:])
            if time.monotonic() > end:
                raise TimeoutError(f"« {needle} » absent du journal après {timeout:g} s :\n"
                                   + self.text()[-3000:])
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()


# ------------------------------------------------------------------ 1. latency


def event_times(db_path: Path) -> dict[str, dict[str, float]]:
    """For each stored message (by Message-ID): the wall-clock time of each ledger step."""
    engine = open_db(f"sqlite:///{db_path}")
    out: dict[str, dict[str, float]] = {}
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(messages.c.message_id, events.c.step, events.c.at)
                                .join(events, events.c.message_id == messages.c.id))
            for mid, step, at in rows:
                out.setdefault(mid, {}).setdefault(step, at.timestamp())
    finally:
        engine.dispose()
    return out


def idle_notice(server: Dovecot, user: str, runs: int) -> list[float]:
    """Dovecot alone: APPEND on one connection, the time until a second one, in IDLE on that
    folder, hears EXISTS (bare imapclient, no worker). Dovecot waits 500 ms after a change
    before it tells IDLE clients (NOTIFY_DELAY_MSECS in lib-storage/mailbox-watch.c)."""
    say(f"  notification IDLE seule (imapclient nu, sans relevé) : {runs} envois + 1")
    folder = "Notification"
    out = []
    with imap(server, user) as c, imap(server, user) as watcher:
        c.create_folder(folder)
        watcher.select_folder(folder)
        for n in range(runs + 1):
            watcher.idle()
            time.sleep(0.3)
            t0 = time.perf_counter()
            c.append(folder, small_message(n), msg_time=ON_TIME)
            heard = False
            while not heard and time.perf_counter() - t0 < 30:
                heard = any(isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS"
                            for r in watcher.idle_check(timeout=5))
            took = time.perf_counter() - t0
            watcher.idle_done()
            if not heard:
                raise TimeoutError("IDLE : aucun EXISTS en 30 s")
            if n:
                out.append(took)
    say(f"    médiane {ms(statistics.median(out))}")
    return out


def bench_latency(server: Dovecot, smtp: TimedSmtp, tmp: Path, config, runs: int) -> dict:
    user = USERS[0]
    cfg = write_config(tmp / "latence.toml", user=user, imap_port=server.port, smtp_port=smtp.port)
    data = tmp / "latence"
    template = COMPLETE.read_bytes()
    say(f"[1/3] latence : relevé continu (IDLE) lancé, {runs} envois + 1 de mise en route")
    worker = Worker(cli("run", config=cfg, data=data), tmp / "latence.log")
    samples, appended, arrived, mids = [], [], [], []
    try:
        worker.wait_log("event=poll_ok", timeout=120)  # connected, first (empty) poll done
        with imap(server, user) as c:
            for n in range(runs + 1):
                mid = f"<latence-{n}-{os.getpid()}@bench.invalid>"
                raw = rewrite(template, mid, sender_tag=f"lat{n}")
                time.sleep(1.0)  # the worker is back in IDLE, as when mail comes to a quiet box
                wall0, t0 = time.time(), time.perf_counter()
                c.append("INBOX", raw, msg_time=ON_TIME)
                t1, wall1, subject = smtp.wait_for(mid, timeout=120)
                if not subject.startswith("[FAB-") or "Accusé de réception" not in subject:
                    raise RuntimeError(f"réponse inattendue : {subject!r}")
                if n == 0:
                    say(f"  mise en route : {ms(t1 - t0)}")
                    continue
                samples.append(t1 - t0)
                appended.append(wall0)
                arrived.append(wall1)
                mids.append(mid)
                say(f"  envoi {n:2d}/{runs} : {ms(t1 - t0)}")
    finally:
        worker.stop()
    steps = event_times(data / "fabrique.db")
    stages: dict[str, list[float]] = {"detect_store": [], "read_file_queue": [], "move": [],
                                      "send": []}
    for mid, w0, w1 in zip(mids, appended, arrived, strict=True):
        ev = steps.get(mid, {})
        if not all(k in ev for k in ("stored", "email_queued", "moved")):
            continue
        stages["detect_store"].append(ev["stored"] - w0)
        stages["read_file_queue"].append(ev["email_queued"] - ev["stored"])
        stages["move"].append(ev["moved"] - ev["email_queued"])
        stages["send"].append(w1 - ev["moved"])
    polls = [float(m.group(1)) for m in
             re.finditer(r"event=poll_ok duration_s=([\d.]+) errors=0 result=\"1 message lu",
                         worker.text())]

    say(f"  inspect seul (en processus) : {runs} lectures + 1 de mise en route")
    raw = rewrite(template, "<latence-inspect@bench.invalid>", sender_tag="lat0")
    inspect_message(raw, config, received=ON_TIME)
    inspect_s = []
    for _ in range(runs):
        t0 = time.perf_counter()
        inspect_message(raw, config, received=ON_TIME)
        inspect_s.append(time.perf_counter() - t0)
    notice = idle_notice(server, user, runs)
    lat, ins = stats(samples), stats(inspect_s)
    return {
        "message": COMPLETE.name, "runs": runs, "append_to_smtp_s": lat, "inspect_s": ins,
        "ratio_latency_over_inspect": lat["median"] / ins["median"],
        "idle_notice_s": stats(notice), "idle_notice_samples_s": notice,
        "stages_median_s": {k: statistics.median(v) for k, v in stages.items() if v},
        "worker_pass_s": stats(polls) if polls else None,
        "samples_s": samples, "inspect_samples_s": inspect_s,
    }


# ------------------------------------------------------------------ 2. throughput


def summary_counts(text: str) -> dict:
    nums = {}
    for key, pat in (("read", r"(\d+) messages? lus?"), ("created", r"(\d+) dossiers? créés?"),
                     ("joined", r"(\d+) rattachés?"), ("quarantined", r"(\d+) en quarantaine"),
                     ("answers_queued", r"(\d+) réponses? préparées?"),
                     ("sent", r"(\d+) courriels? envoyés?")):
        m = re.search(pat, text)
        nums[key] = int(m.group(1)) if m else 0
    return nums


def ledger_counts(db_path: Path) -> dict:
    from sqlalchemy import func

    engine = open_db(f"sqlite:///{db_path}")
    try:
        with engine.connect() as conn:
            def by(col):
                return dict(conn.execute(select(col, func.count()).group_by(col)).all())
            return {"messages": by(messages.c.state), "dossiers": by(dossiers.c.decision),
                    "outbox": by(outbox.c.state)}
    finally:
        engine.dispose()


def bench_throughput(server: Dovecot, smtp: TimedSmtp, tmp: Path, config, size: int) -> dict:
    user = USERS[1]
    files = corpus_files()
    items: list[tuple[bytes, datetime]] = []
    for i in range(size):
        f = files[i % len(files)]
        cycle = i // len(files)
        raw = rewrite(f.read_bytes(), f"<arriere-{i}-{os.getpid()}@bench.invalid>",
                      sender_tag=f"c{cycle}" if cycle else None)
        items.append((raw, date_of(raw)))
    mb = sum(len(r) for r, _ in items) / 1e6
    say(f"[2/3] débit : {size} messages ({len(files)} fichiers des corpus, {mb:.1f} Mo) "
        f"déposés dans INBOX")
    t0 = time.perf_counter()
    multiappend(server, user, "INBOX", items, batch=50)
    append_s = time.perf_counter() - t0
    cfg = write_config(tmp / "arriere.toml", user=user, imap_port=server.port, smtp_port=smtp.port)
    data = tmp / "arriere"
    received_before = len(smtp.received)
    say(f"  run --once (sous-processus, SQLite, aiosmtpd)… (APPEND : {append_s:.1f} s)")
    t0 = time.perf_counter()
    out = subprocess.run(cli("run", "--once", config=cfg, data=data), cwd=ROOT, env=cli_env(),
                         capture_output=True, text=True, timeout=1800)
    worker_s = time.perf_counter() - t0
    if out.returncode not in (0, 1):
        raise RuntimeError(f"run --once : code {out.returncode}\n{out.stderr[-3000:]}")
    counts = summary_counts(out.stdout)
    smtp_got = len(smtp.received) - received_before
    ledger = ledger_counts(data / "fabrique.db")
    say(f"  {worker_s:.1f} s : {' / '.join(out.stdout.strip().splitlines())}")
    empty = write_config(tmp / "vide.toml", user=USERS[2], imap_port=server.port,
                         smtp_port=smtp.port)
    t0 = time.perf_counter()
    again = subprocess.run(cli("run", "--once", config=empty, data=tmp / "vide"), cwd=ROOT,
                           env=cli_env(), capture_output=True, text=True, timeout=600)
    fixed_s = time.perf_counter() - t0
    if again.returncode != 0:
        raise RuntimeError(f"run --once (boîte vide) : code {again.returncode}\n{again.stderr}")
    say(f"  run --once sur une boîte vide, base neuve (coût fixe : démarrage, création de la "
        f"base, connexion, relevé et envoi à vide) : {fixed_s:.1f} s")

    say(f"  inspect seul sur les mêmes {size} messages (en processus)…")
    t0 = time.perf_counter()
    for raw, when in items:
        inspect_message(raw, config, received=when)
    inspect_s = time.perf_counter() - t0
    w_rate, i_rate = size / worker_s, size / inspect_s
    say(f"  inspect : {inspect_s:.1f} s")
    return {
        "messages": size, "distinct_files": len(files), "megabytes": mb, "append_s": append_s,
        "worker_s": worker_s, "worker_msgs_per_s": w_rate,
        "inspect_s": inspect_s, "inspect_msgs_per_s": i_rate,
        "ratio_worker_over_inspect": w_rate / i_rate,
        "run_once_empty_s": fixed_s,
        "worker_summary": counts, "worker_stdout": out.stdout.strip().splitlines(),
        "worker_errors": out.stderr.strip().splitlines()[-20:],
        "smtp_received": smtp_got, "ledger": ledger,
    }


# ------------------------------------------------------------------ 3. idle polls


def fill_ledger(db, *, account: str, uidvalidity: int, uids: list[int], start: int) -> None:
    """Rows as a run leaves them: each message moved, its dossier, its events, its answer
    sent. Plain inserts in one transaction, so 10,000 take seconds, not a day."""
    now = q.now()
    when = ON_TIME.astimezone(UTC)
    msgs, doss, links, evs, outs = [], [], [], [], []
    for k, uid in enumerate(uids):
        n = start + k + 1
        sha = hashlib.sha256(small_message(n)).hexdigest()
        msgs.append(dict(id=n, account=account, folder="INBOX", uidvalidity=uidvalidity,
                         uid=str(uid), message_id=f"<veille-{n}@bench.invalid>", sha256=sha,
                         internaldate=when, first_received=now, state="moved", attempts=1,
                         backfill=False, created_at=now, updated_at=now, decision="incomplete",
                         sender=f"porteur{n}@exemple.fr"))
        doss.append(dict(id=n, reference=f"FAB-2022-{n:04d}", sender=f"porteur{n}@exemple.fr",
                         subject=f"AMI La Fabrique CTO - candidature {n}", decision="incomplete",
                         dossier_json="{}", created_at=now, updated_at=now,
                         sender_address=f"porteur{n}@exemple.fr", first_received=when,
                         answered_decision="incomplete", backfill=False))
        links.append(dict(dossier_id=n, message_id=n))
        evs += [dict(message_id=n, step=s, at=now, detail=None)
                for s in ("stored", "understood", "dossier_updated", "email_queued", "moved",
                          "email_sent")]
        outs.append(dict(id=n, dossier_id=n, answers_message=n, kind="completion_request",
                         recipient=f"porteur{n}@exemple.fr", subject="[FAB] compléments",
                         email_message_id=f"<reponse-{n}@anact.fr>", raw_sha256=sha,
                         state="sent", attempts=1, sent_at=now, created_at=now, updated_at=now))
    with db.begin() as conn:
        for table, rows in ((messages, msgs), (dossiers, doss), (dossier_messages, links),
                            (events, evs), (outbox, outs)):
            conn.execute(insert(table), rows)


def interleaved(fns: dict[str, object], reps: int) -> dict[str, list[float]]:
    """Time each function `reps` times, alternating which goes first, so that a change of
    load on the machine during the measurement weighs on every size alike."""
    for fn in fns.values():
        fn()  # warm-up: the first pass reconciles, first query plans, first SELECT
    out: dict[str, list[float]] = {k: [] for k in fns}
    keys = list(fns)
    for r in range(reps):
        for k in (keys if r % 2 == 0 else keys[::-1]):
            t0 = time.perf_counter()
            fns[k]()
            out[k].append(time.perf_counter() - t0)
    return out


def mailbox_of(server: Dovecot, tmp: Path, user: str, size: int, folder: str):
    """A mailbox holding `size` small messages in `folder`, its ledger as a run leaves it,
    and an ImapSource logged in (one connection, kept, as the service keeps it)."""
    multiappend(server, user, folder, [(small_message(k + 1), ON_TIME) for k in range(size)])
    db = open_db(f"sqlite:///{tmp / (user + '.db')}")
    src = ImapSource(HOST, server.port, username=user, password=PASSWORD, security="plain",
                     timeout=60)
    fill_ledger(db, account=src.account, uidvalidity=src.uidvalidity,
                uids=list(range(1, size + 1)), start=0)
    return src, db


def bench_idle(server: Dovecot, tmp: Path, config, sizes: tuple[int, int], reps: int,
               reps_known: int) -> dict:
    small, big = sizes
    say(f"[3/3] relevé à vide : boîtes de {small} et de {big} messages déjà traités, "
        f"rangés dans « {PROCESSED} » (et autant de lignes au registre)")
    result: dict = {"sizes": list(sizes), "reps": reps, "reps_known": reps_known}
    max_attempts = worker_settings(config).max_attempts
    blobs = BlobStore(tmp / "veille-blobs")
    with ExitStack() as stack:
        # a) the processed messages are in "Traitées", INBOX is empty: the steady state
        boxes = {}
        for size in sizes:
            t0 = time.perf_counter()
            src, db = mailbox_of(server, tmp, f"veille{size}", size, PROCESSED)
            stack.callback(db.dispose)
            stack.callback(src.close)
            boxes[str(size)] = (src, db)
            say(f"  {size} messages en place ({time.perf_counter() - t0:.1f} s)")

        def poll(src, db):  # as the service's poll: max_attempts read once, at start
            s = run_once(config, src, db, blobs, max_attempts=max_attempts)
            if s.read or s.errors:
                raise RuntimeError(f"relevé à vide qui a lu quelque chose : {s.french()}")

        say(f"  {reps} relevés à vide par boîte, en alternance…")
        polls = interleaved({k: (lambda b=b: poll(*b)) for k, b in boxes.items()}, reps)
        lists = interleaved({k: b[0].list_new for k, b in boxes.items()}, reps)
        per_size = {k: {**stats(v), "samples_s": v,
                        "list_new_median_s": statistics.median(lists[k])}
                    for k, v in polls.items()}
        for k, v in per_size.items():
            say(f"    {k} : médiane {ms(v['median'])} (dont list_new {ms(v['list_new_median_s'])})")
        result["processed_folder"] = {
            "polls": per_size,
            "ratio_big_over_small": per_size[str(big)]["median"] / per_size[str(small)]["median"]}

        # b) the messages are still in INBOX and every one is in the ledger: what a poll
        #    does before it knows there is nothing new: one SEARCH, the UIDs compared with
        #    the ledger in one query per thousand, INTERNALDATE fetched for none)
        say(f"  cas b : {small} et {big} messages restés dans INBOX, connus du registre "
            f"({reps_known} relevés par boîte)")
        known = {}
        for size in sizes:
            src, db = mailbox_of(server, tmp, f"connus{size}", size, "INBOX")
            stack.callback(db.dispose)
            stack.callback(src.close)
            known[str(size)] = (src, db)
        parts = {k: {"list_new": [], "ledger_lookups": []} for k in known}

        def look(key: str) -> None:
            src, db = known[key]
            ledger: dict = {}

            def in_ledger(uids: list[str]) -> set[str]:  # what run_once passes to list_new
                with db.connect() as conn:
                    ledger.update(q.messages_by_uid(conn, src.account, src.folder, src.uidvalidity, uids))
                return set(ledger)

            t0 = time.perf_counter()
            items = src.list_new(in_ledger)
            t1 = time.perf_counter()
            missing = [i.uid for i in items if i.uid not in ledger]
            if missing:
                raise RuntimeError(f"UID {missing[0]} absent du registre")
            parts[key]["list_new"].append(t1 - t0)
            parts[key]["ledger_lookups"].append(0.0)  # done inside list_new, in one query per thousand
            if len(items) != int(key):
                raise RuntimeError(f"{len(items)} messages listés, {key} attendus")

        looks = interleaved({k: (lambda k=k: look(k)) for k in known}, reps_known)
        kn = {}
        for k, v in looks.items():
            kn[k] = {**stats(v), "samples_s": v,
                     "list_new_median_s": statistics.median(parts[k]["list_new"][1:]),
                     "ledger_lookups_median_s": statistics.median(parts[k]["ledger_lookups"][1:])}
            say(f"    {k} : médiane {ms(kn[k]['median'])} (list_new "
                f"{ms(kn[k]['list_new_median_s'])}, registre {ms(kn[k]['ledger_lookups_median_s'])})")
        result["inbox_known"] = {
            "polls": kn, "ratio_big_over_small": kn[str(big)]["median"] / kn[str(small)]["median"]}
    return result


# ------------------------------------------------------------------ report


def outbox_text(states: dict) -> str:
    names = {"sent": "envoyées", "queued": "en file (prochain envoi)",
             "held": "à valider (limite par destinataire)", "failed": "en échec"}
    return ", ".join(f"{n} {names.get(k, k)}" for k, n in sorted(states.items(), key=str))


def report(res: dict) -> str:
    lat, thr, idle = res["latency"], res["throughput"], res["idle_poll"]
    a, i, n = lat["append_to_smtp_s"], lat["inspect_s"], lat["idle_notice_s"]
    small, big = idle["sizes"]
    lines = [
        "",
        f"1. Latence APPEND → réponse reçue par le serveur SMTP (IDLE, {lat['runs']} envois, "
        f"{lat['message']})",
        f"   {'':34} {'médiane':>9} {'p90':>9} {'min':>9} {'max':>9}",
        f"   {'relevé continu (APPEND → SMTP)':34} {ms(a['median']):>9} {ms(a['p90']):>9} "
        f"{ms(a['min']):>9} {ms(a['max']):>9}",
        f"   {'inspect seul (même message)':34} {ms(i['median']):>9} {ms(i['p90']):>9} "
        f"{ms(i['min']):>9} {ms(i['max']):>9}",
        f"   {'notification IDLE seule (Dovecot)':34} {ms(n['median']):>9} {ms(n['p90']):>9} "
        f"{ms(n['min']):>9} {ms(n['max']):>9}",
        f"   rapport latence / inspect : {lat['ratio_latency_over_inspect']:.1f}×",
    ]
    st = lat.get("stages_median_s") or {}
    if st:
        lines.append("   étapes (médianes, horodatage du registre) : "
                     f"APPEND → enregistré {ms(st['detect_store'])} (dont l'attente IDLE de "
                     f"Dovecot), lecture + dossier + réponse préparée "
                     f"{ms(st['read_file_queue'])}, rangement {ms(st['move'])}, "
                     f"envoi {ms(st['send'])}")
    s = thr["worker_summary"]
    lines += [
        "",
        f"2. Débit sur un arriéré de {thr['messages']} messages ({thr['distinct_files']} fichiers "
        f"des corpus, {thr['megabytes']:.1f} Mo)",
        f"   {'':34} {'durée':>9} {'messages/s':>11}",
        f"   {'run --once (relevé + envoi)':34} {thr['worker_s']:>7.1f} s "
        f"{thr['worker_msgs_per_s']:>11.2f}",
        f"   {'inspect seul (en processus)':34} {thr['inspect_s']:>7.1f} s "
        f"{thr['inspect_msgs_per_s']:>11.2f}",
        f"   rapport relevé / inspect : {thr['ratio_worker_over_inspect']:.2f} "
        f"(coût fixe d'un run --once à vide : {thr['run_once_empty_s']:.1f} s)",
        f"   relevé : {s['read']} lus, {s['created']} dossiers créés, {s['joined']} rattachés, "
        f"{s['quarantined']} en quarantaine, {s['answers_queued']} réponses préparées, "
        f"{s['sent']} envoyées ({thr['smtp_received']} reçues par aiosmtpd)",
        f"   file d'envoi après le relevé : {outbox_text(thr['ledger']['outbox'])}",
        "",
        f"3. Relevé à vide (run_once, médiane de {idle['reps']})",
        f"   {'':40} {small:>9} {big:>9} {'rapport':>8}",
    ]
    pf, kn = idle["processed_folder"], idle["inbox_known"]
    ps_, pb_ = pf["polls"][str(small)], pf["polls"][str(big)]
    lines.append(f"   {'traités rangés dans « Traitées »':40} {ms(ps_['median']):>9} "
                 f"{ms(pb_['median']):>9} {pf['ratio_big_over_small']:>7.2f}×")
    lines.append(f"   {'  dont list_new (SELECT, SEARCH)':40} {ms(ps_['list_new_median_s']):>9} "
                 f"{ms(pb_['list_new_median_s']):>9}")
    lines.append(f"   {'restés dans INBOX, connus du registre*':40} "
                 f"{ms(kn['polls'][str(small)]['median']):>9} "
                 f"{ms(kn['polls'][str(big)]['median']):>9} {kn['ratio_big_over_small']:>7.2f}×")
    kb = kn["polls"][str(big)]
    lines.append(f"   * SEARCH, puis les UID comparés au registre (une requête par millier), aucun "
                 f"INTERNALDATE demandé (médiane de {kb['n']}) ; à {big} : {ms(kb['list_new_median_s'])}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="petites tailles, pour vérifier le script")
    ap.add_argument("--runs", type=int, help="envois mesurés pour la latence (20)")
    ap.add_argument("--backlog", type=int, help="messages de l'arriéré (300)")
    ap.add_argument("--out", type=Path, default=RESULTS, help="fichier JSON des résultats")
    args = ap.parse_args(argv)
    runs = args.runs or (3 if args.quick else 20)
    backlog = args.backlog or (20 if args.quick else 300)
    sizes = (10, 200) if args.quick else (100, 10_000)
    reps = 5 if args.quick else 20
    reps_known = 3 if args.quick else 5
    if not os.path.exists(DOVECOT):
        print("Dovecot absent : apt-get install -y dovecot-imapd", file=sys.stderr)
        return 2

    def on_term(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    config = load_config(ROOT / "config.toml")
    started = time.perf_counter()
    load_before = os.getloadavg()
    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="bench-worker-"))
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        users = USERS + [f"{kind}{n}" for kind in ("veille", "connus") for n in sizes]
        server = Dovecot(dict.fromkeys(users, PASSWORD))
        stack.callback(server.stop)
        server.start()
        smtp = TimedSmtp()
        stack.callback(smtp.stop)
        smtp.start()
        say(f"Dovecot {HOST}:{server.port}, aiosmtpd {HOST}:{smtp.port}, dossier {tmp}")
        try:
            results = {
                "latency": bench_latency(server, smtp, tmp, config, runs),
                "throughput": bench_throughput(server, smtp, tmp, config, backlog),
                "idle_poll": bench_idle(server, tmp, config, sizes, reps, reps_known),
            }
        except KeyboardInterrupt:
            print("\ninterrompu : nettoyage…", file=sys.stderr)
            return 130
    results["machine"] = {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(), "dovecot": subprocess.run(
            [DOVECOT, "--version"], capture_output=True, text=True).stdout.strip(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick, "total_s": time.perf_counter() - started,
        "loadavg_before": load_before, "loadavg_after": os.getloadavg(),
    }
    print(report(results))
    print(f"\nDurée totale : {timedelta(seconds=round(results['machine']['total_s']))}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n",
                        encoding="utf-8")
    print(f"Résultats : {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
