"""The continuous worker: one process per mailbox that polls (or waits in IMAP IDLE) and
runs the sender on a timer, survives any mailbox outage, and stops cleanly on SIGTERM.

The poll loop owns the main thread, so a signal only sets the stop event and the pass in
hand runs to its end; APScheduler (3.x) runs `send` in a background thread. Logs are
logfmt-style `key=value` lines (`event=poll_ok mode=idle duration_s=0.41 ...`): counts,
durations, UIDs and error texts, never message content or credentials. The health file
is a small JSON document rewritten atomically after each poll, for `fabrique-intake health`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from intake.filing.sources import Source, SourceError
from intake.reading.sandbox import close_in_children

log = logging.getLogger("fabrique.service")

EXIT_OK = 0
EXIT_LOCKED = 3  # another worker already holds this mailbox's lock
LOG_FORMAT = "ts=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"
STOP_STEP = 0.2  # seconds: how soon a backoff sleep notices the stop event


# -- structured logs -----------------------------------------------------------------------

def kv(event: str, **fields: object) -> str:
    """One logfmt line: `event=NAME key=value ...`; values with spaces, quotes or `=` are
    JSON-quoted, None is left out. Callers pass counts and error texts, never content."""
    parts = [f"event={event}"]
    for key, value in fields.items():
        if value is None:
            continue
        text = f"{value:.3f}" if isinstance(value, float) else str(value)
        if not text or any(c in text for c in ' "=\n\t'):
            text = json.dumps(text, ensure_ascii=False)
        parts.append(f"{key}={text}")
    return " ".join(parts)


def configure_logging(level: int = logging.INFO, stream: TextIO | None = None) -> None:
    """Send the service's key=value lines to `stream` (stderr by default), with an ISO
    time and the level in the same format, so one line is one greppable record."""
    handler = logging.StreamHandler(stream or sys.stderr)
    formatter = logging.Formatter(LOG_FORMAT, datefmt="%Y-%m-%dT%H:%M:%S%z")
    handler.setFormatter(formatter)
    root = logging.getLogger("fabrique")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


# -- one worker per mailbox ---------------------------------------------------------------

class MailboxLock:
    """An exclusive, non-blocking flock on `path`: the kernel releases it when the process
    dies, however it dies, so a crashed worker never leaves a stale lock behind. The file
    holds the owner's pid, for the message a second worker prints."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        close_in_children(fd)  # a reader child outliving a killed worker must not hold it
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            close_in_children(fd, keep=False)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def holder(self) -> int | None:
        """The pid written by the worker that holds (or last held) the lock."""
        try:
            return int(self.path.read_text().strip())
        except (OSError, ValueError):
            return None


def is_locked(lock_path: Path) -> bool:
    """True while a worker holds the mailbox lock (more reliable than a pid, which the
    system may have reused). Probes with a shared lock on a read-only descriptor, so the
    file, and the holder's pid in it, are left untouched."""
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also drops the probe's own lock
    return False


# -- health --------------------------------------------------------------------------------

def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Health:
    """What `fabrique-intake health` shows about the loop, kept in memory and rewritten
    atomically (temporary file + rename) so a reader never sees half a file."""

    def __init__(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.data: dict[str, Any] = {
            "pid": os.getpid(), "state": "starting", "started_at": _now(), "account": None,
            "mode": None, "last_good_poll": None, "last_result": None, "last_error": None,
            "last_error_at": None, "updated_at": None,
        }

    def update(self, **fields: Any) -> None:
        self.data.update(fields)
        self.data["updated_at"] = _now()
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as e:  # health is for the operator; it must never stop the worker
            log.warning(kv("health_write_failed", path=str(self.path), error=str(e)))


def record_single_run(path: Path, result: str, error: str | None = None) -> None:
    """`run --once` (and `poll`): the last poll's outcome where the operations page and
    `health` read it, as the service would write it, marked as a single run (mode "once")."""
    health = Health(path)
    try:
        previous = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(previous, dict):
            health.data.update(previous)
    except (OSError, ValueError):
        pass
    health.data.update(pid=os.getpid(), state="stopped", mode="once")
    if error:
        health.update(last_result=result, last_error=error, last_error_at=_now())
    else:
        health.update(last_good_poll=_now(), last_result=result)


def read_health(path: Path, lock_path: Path | None = None) -> dict[str, Any]:
    """The health file as a dict, {} when no worker ever wrote one (it is replaced whole,
    so a reader never sees half of it). Adds `seconds_since_good_poll` and, with
    `lock_path`, `running` (a worker holds the lock): the `health` command adds the
    database's figures (backlog, oldest unprocessed message, quarantine)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    good = data.get("last_good_poll")
    data["seconds_since_good_poll"] = (
        round((datetime.now(UTC) - datetime.fromisoformat(good)).total_seconds(), 1)
        if good else None)
    if lock_path is not None:
        data["running"] = is_locked(lock_path)
    return data


# -- the loop ------------------------------------------------------------------------------

@contextmanager
def _signals_set(stop: threading.Event) -> Iterator[list[int]]:
    """SIGTERM and SIGINT set `stop` (and nothing else: no logging or locking inside a
    handler). Only the main thread may install handlers; elsewhere `stop` is the only way."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, _frame: object) -> None:
        received.append(signum)
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield received
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def _pause(seconds: float, stop: threading.Event) -> None:
    """Sleep in short steps, checking `stop` without Event.wait (see sources._sleep_until)."""
    end = time.monotonic() + seconds
    while not stop.is_set() and (left := end - time.monotonic()) > 0:
        time.sleep(min(STOP_STEP, left))


def _close(source: Source | None) -> None:
    if source is None:
        return
    try:
        source.close()
    except Exception as e:  # noqa: BLE001 - closing a broken connection may fail too
        log.debug(kv("close_failed", error=str(e)))


def _describe(result: object) -> str | None:
    french = getattr(result, "french", None)
    return french() if callable(french) else None


def serve(make_source: Callable[[], Source], poll: Callable[[Source], object],
          send: Callable[[], object], *, poll_interval: float, send_interval: float,
          lock_path: Path, stop: threading.Event | None = None,
          health_path: Path | None = None, backoff_initial: float = 1.0,
          backoff_max: float = 300.0, daily: Callable[[], object] | None = None) -> int:
    """Run until `stop` is set (SIGTERM/SIGINT set it when called from the main thread).

    Each turn: poll(source), then source.wait_for_mail(poll_interval, stop), which returns
    within seconds of new mail under IDLE. A SourceError (server down, stalled, refused
    login) closes the source, waits (backoff doubling from `backoff_initial` up to
    `backoff_max`) and calls make_source() again: a mailbox outage never ends the loop.
    Other exceptions from poll are logged and the next turn comes as usual. `send` runs
    every `send_interval` seconds in a scheduler thread, at once on start, and again right
    after a poll that read messages, so an acknowledgement leaves within seconds.

    Returns 0 after a clean stop (the pass in hand and a running send finish first), or
    EXIT_LOCKED at once when another worker holds `lock_path`."""
    from apscheduler.schedulers.background import BackgroundScheduler

    if poll_interval <= 0 or send_interval <= 0 or backoff_initial <= 0:
        raise ValueError("poll_interval, send_interval and backoff_initial must be positive")
    stop = stop if stop is not None else threading.Event()
    lock = MailboxLock(lock_path)
    if not lock.acquire():
        holder = lock.holder()
        who = f", processus {holder}" if holder else ""
        print(f"fabrique-intake : un relevé tourne déjà pour cette boîte aux lettres (verrou "
              f"{lock_path}{who}). Un seul relevé par boîte : arrêtez l'autre, ou attendez qu'il "
              f"se termine.", file=sys.stderr)
        log.error(kv("lock_busy", lock=str(lock_path), holder=holder))
        return EXIT_LOCKED

    health = Health(health_path)
    scheduler = BackgroundScheduler(timezone=UTC)

    def guarded_send() -> None:
        started = time.monotonic()
        try:
            send()
        except Exception as e:  # noqa: BLE001 - the next run tries again
            log.exception(kv("send_failed", error=f"{type(e).__name__}: {e}"))
        else:
            log.debug(kv("send_ok", duration_s=time.monotonic() - started))

    job = scheduler.add_job(guarded_send, "interval", seconds=send_interval, id="send",
                            next_run_time=datetime.now(UTC), max_instances=1, coalesce=True,
                            misfire_grace_time=None)
    if daily is not None:  # housekeeping (the retention policy), at start and once a day
        def guarded_daily() -> None:
            try:
                result = daily()
            except Exception as e:  # noqa: BLE001 - tried again tomorrow
                log.exception(kv("daily_failed", error=f"{type(e).__name__}: {e}"))
            else:
                log.info(kv("daily_ok", result=_describe(result) if result is not None else "rien à faire"))

        scheduler.add_job(guarded_daily, "interval", hours=24, id="daily", next_run_time=datetime.now(UTC),
                          max_instances=1, coalesce=True, misfire_grace_time=None)
    source: Source | None = None
    try:
        with _signals_set(stop) as received:
            scheduler.start()
            log.info(kv("started", pid=os.getpid(), lock=str(lock_path),
                        poll_interval=float(poll_interval), send_interval=float(send_interval)))
            health.update(state="running")
            backoff = backoff_initial
            while not stop.is_set():
                try:
                    if source is None:
                        source = make_source()
                        mode = "idle" if source.supports_idle else "poll"
                        health.update(account=source.account, mode=mode)
                        log.info(kv("connected", account=source.account, mode=mode))
                    started = time.monotonic()
                    try:
                        result = poll(source)
                    except SourceError:
                        raise
                    except Exception as e:  # noqa: BLE001 - a bug must not stop the mailbox
                        log.exception(kv("poll_failed", error=f"{type(e).__name__}: {e}"))
                        health.update(last_error=f"{type(e).__name__}: {e}", last_error_at=_now())
                    else:
                        errors = list(getattr(result, "errors", None) or [])
                        summary = _describe(result)
                        log.info(kv("poll_ok" if not errors else "poll_partial",
                                    duration_s=time.monotonic() - started, errors=len(errors),
                                    result=summary))
                        if errors:
                            health.update(last_result=summary, last_error=errors[0],
                                          last_error_at=_now())
                        else:
                            health.update(last_good_poll=_now(), last_result=summary)
                            backoff = backoff_initial
                        if getattr(result, "read", 0):
                            job.modify(next_run_time=datetime.now(UTC))  # answer at once
                    if stop.is_set():
                        break
                    woke = source.wait_for_mail(poll_interval, stop)
                    log.debug(kv("woke", new_mail=woke, stop=stop.is_set()))
                except SourceError as e:
                    log.warning(kv("mailbox_error", error=str(e), retry_in_s=float(backoff)))
                    health.update(last_error=str(e), last_error_at=_now())
                    _close(source)
                    source = None
                    _pause(backoff, stop)
                    backoff = min(backoff * 2, backoff_max)
                except Exception as e:  # noqa: BLE001 - e.g. make_source failing oddly
                    log.exception(kv("loop_error", error=f"{type(e).__name__}: {e}",
                                     retry_in_s=float(backoff)))
                    health.update(last_error=f"{type(e).__name__}: {e}", last_error_at=_now())
                    _close(source)
                    source = None
                    _pause(backoff, stop)
                    backoff = min(backoff * 2, backoff_max)
            if received:
                log.info(kv("stop_requested", signal=signal.Signals(received[0]).name))
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)  # a send in progress finishes
        _close(source)
        health.update(state="stopped")
        lock.release()
        log.info(kv("stopped", pid=os.getpid()))
    return EXIT_OK
