"""Reading untrusted attachments in a forked child, under a time and a memory limit.

`try/except` is not enough for hostile files: an XML bomb or a sheet claiming a million
rows hangs or eats the machine without raising. Each attachment is therefore read in a
child made with a bare `os.fork()` (no re-import, no pickling of the input: the child
already has the bytes), with an address-space limit, and killed when it outlives its
wall-clock budget. Only the result travels back, pickled through a pipe.

The memory budget is what the reader may add on top of the parent's own address space
(the child inherits that space, shared copy-on-write); a fixed total would make the
verdict depend on how big the worker process happens to be. Only the soft limit is
lowered, so a helper program the reader starts (LibreOffice) may raise it again.

Set FABRIQUE_NO_SANDBOX=1, or a timeout of 0 or less, to run in-process (debugging,
profiling, platforms without fork): there is then no time limit.
"""

from __future__ import annotations

import dataclasses
import faulthandler
import hashlib
import logging
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parsers import docx, legacy, odt, pdf, sheets, text, tnef  # noqa: F401  (preloaded for the forked readers)
from parsers import files as _files
from parsers.document import UNREADABLE, Limits, ParsedFile

try:
    import resource
except ImportError:  # not on this platform: no memory limit
    resource = None  # type: ignore[assignment]

try:
    from parsers.sniff import sniff as _sniff
except Exception:  # the sniffer is optional for the verdict
    _sniff = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

NO_SANDBOX_ENV = "FABRIQUE_NO_SANDBOX"
_FORK_LOCK = threading.Lock()

OK = "ok"
TIMEOUT = "timeout"
MEMORY = "memory"  # MemoryError in the child
KILLED = "killed"  # the child died from a signal (OOM killer, malloc failure -> abort...)
ERROR = "error"  # the function raised, or its result could not be sent back


@dataclass
class Outcome:
    """What became of one limited run. `detail` is technical (for logs), not French."""

    status: str
    value: Any = None
    detail: str = ""
    seconds: float = 0.0
    # the child's peak resident memory (its ru_maxrss, pages shared with the parent
    # included); 0 when run in-process or unknown
    peak_bytes: int = 0


def sandbox_disabled() -> bool:
    return os.environ.get(NO_SANDBOX_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def run_limited(fn: Callable[..., Any], *args: Any, timeout: float,
                memory_bytes: int | None = None, **kwargs: Any) -> Outcome:
    """Run fn(*args, **kwargs) in a forked child: at most `timeout` seconds of wall
    clock and `memory_bytes` more address space than the parent. Never raises for
    what happens in the child."""
    if timeout <= 0 or sandbox_disabled() or not hasattr(os, "fork"):
        return _run_inline(fn, args, kwargs)
    started = time.monotonic()
    with _FORK_LOCK:  # no other thread's child may inherit this write end (no EOF then)
        try:
            read_fd, write_fd = os.pipe()
        except OSError as exc:
            return Outcome(ERROR, detail=f"no pipe: {_describe(exc)}")
        try:
            pid = os.fork()
        except OSError as exc:  # out of processes or memory: the system's, not the file's
            os.close(read_fd)
            os.close(write_fd)
            log.error("sandbox: fork failed: %s", exc)
            return Outcome(ERROR, detail=f"fork failed: {_describe(exc)}")
        if pid == 0:  # child: never returns
            _FORK_LOCK.release()  # its copy: a nested run_limited must not deadlock
            os.close(read_fd)
            _child(fn, args, kwargs, memory_bytes, write_fd)
        os.close(write_fd)
    try:  # its own process group, so that helpers it spawns die with it
        os.setpgid(pid, pid)
    except OSError:
        pass
    data, timed_out = b"", False
    try:
        data, timed_out = _collect(read_fd, started + timeout)
    finally:
        os.close(read_fd)
        _kill_group(pid)
        status, peak = _reap(pid)
    seconds = time.monotonic() - started
    if timed_out:
        return Outcome(TIMEOUT, detail=f"no answer after {timeout:g} s", seconds=seconds,
                       peak_bytes=peak)
    if data:
        try:
            kind, value, detail = pickle.loads(data)
        except Exception as exc:  # truncated: the child died while writing
            return Outcome(KILLED if _signalled(status) else ERROR,
                           detail=f"unreadable answer ({exc!r})", seconds=seconds,
                           peak_bytes=peak)
        return Outcome(kind, value, detail, seconds, peak)
    if _signalled(status):
        return Outcome(KILLED, detail=f"killed by {_signal_name(os.WTERMSIG(status))}",
                       seconds=seconds, peak_bytes=peak)
    return Outcome(ERROR, detail=f"exited with code {os.waitstatus_to_exitcode(status)} "
                   "without an answer", seconds=seconds, peak_bytes=peak)


def _run_inline(fn: Callable[..., Any], args: tuple, kwargs: dict) -> Outcome:
    started = time.monotonic()
    try:
        value = fn(*args, **kwargs)
    except MemoryError:
        return Outcome(MEMORY, detail="MemoryError", seconds=time.monotonic() - started)
    except Exception as exc:
        return Outcome(ERROR, detail=_describe(exc), seconds=time.monotonic() - started)
    return Outcome(OK, value, seconds=time.monotonic() - started)


_CLOSE_IN_CHILD: set[int] = set()


def close_in_children(fd: int, *, keep: bool = True) -> None:
    """Have every reader child close `fd` as it starts (keep=False: no longer). For the
    worker's mailbox lock: a flock is shared with forked children, so a reader still
    running after the worker was killed would otherwise keep the mailbox locked."""
    (_CLOSE_IN_CHILD.add if keep else _CLOSE_IN_CHILD.discard)(fd)


def _child(fn: Callable[..., Any], args: tuple, kwargs: dict, memory_bytes: int | None,
           write_fd: int) -> None:
    """Body of the forked child. Leaves through os._exit only: no atexit handlers,
    no buffered output of the parent flushed twice, no test-runner teardown."""
    code = 0
    try:
        for fd in list(_CLOSE_IN_CHILD):
            if fd == write_fd:
                continue
            try:
                os.close(fd)
            except OSError:
                pass
        # closed here: a nested run in this child may reuse those numbers for its own pipe
        _CLOSE_IN_CHILD.clear()
        os.setpgid(0, 0)  # also done by the parent: whichever runs first wins the race
        if faulthandler.is_enabled():  # a reader aborted by its memory limit is an outcome,
            faulthandler.disable()     # not a Python stack dump on the worker's stderr
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        if memory_bytes and memory_bytes > 0:
            _limit_address_space(memory_bytes)
        try:
            answer: tuple = (OK, fn(*args, **kwargs), "")
        except MemoryError:
            answer = (MEMORY, None, "MemoryError")
        except BaseException as exc:
            answer = (ERROR, None, _describe(exc))
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps((MEMORY, None, "MemoryError while sending the result"))
        except Exception as exc:
            payload = pickle.dumps((ERROR, None, f"result not picklable: {_describe(exc)}"))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _limit_address_space(extra: int) -> None:
    if resource is None:
        return
    try:
        with open("/proc/self/statm", "rb") as f:
            current = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        current = 0
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _collect(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Read the child's answer until EOF; (data, timed_out)."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", True
        if not poller.poll(max(1, int(remaining * 1000))):
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)


def _kill_group(pid: int) -> None:
    """SIGKILL the child's group (the child itself on timeout, or helpers it left).
    Called before reaping, so the group id cannot have been reused."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _reap(pid: int) -> tuple[int, int]:
    """(wait status, peak resident bytes) of the child; wait4 reports the usage of that
    one child, where RUSAGE_CHILDREN would mix every child the worker ever reaped."""
    while True:
        try:
            _pid, status, usage = os.wait4(pid, 0)
            return status, int(usage.ru_maxrss) * 1024  # kilobytes on Linux
        except ChildProcessError:
            return 0, 0
        except InterruptedError:
            continue


def _signalled(status: int) -> bool:
    return os.WIFSIGNALED(status)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


# ---------------------------------------------------------------- attachments


def preload_readers() -> None:
    """Import every reader and the heavy libraries once in the parent, so that each
    forked child inherits them instead of importing them again (about 100 ms a file)."""
    import openpyxl  # noqa: F401
    import pdfplumber.table  # noqa: F401


def read_file_limited(filename: str, data: bytes, limits: Limits, *,
                      declared_type: str = "") -> list[ParsedFile]:
    """parsers.files.read_file under limits.timeout_seconds and limits.memory_bytes.
    A reader that hangs, blows its memory or crashes yields one `unreadable` item
    saying why, with the file's hash, size and sniffed type: the file is never lost."""
    outcome = run_limited(_files.read_file, filename, data, limits,
                          declared_type=declared_type, timeout=limits.timeout_seconds,
                          memory_bytes=limits.memory_bytes)
    # one line per reading, for the operator (how long, how much memory) and the tests
    # no file name in the message (an applicant's name is personal data); tests read `extra`
    log.debug("read an attachment (%d bytes): %s in %.2f s, peak %d MB", len(data),
              outcome.status, outcome.seconds, outcome.peak_bytes // (1024 * 1024),
              extra={"sandbox_file": filename,
                     "sandbox_outcome": dataclasses.replace(outcome, value=None)})
    value = outcome.value
    if outcome.status == OK and isinstance(value, list) and value and all(
        isinstance(item, ParsedFile) for item in value
    ):
        return value
    if outcome.status == OK:
        outcome = Outcome(ERROR, detail=f"read_file returned {type(value).__name__}")
    log.warning("reading an attachment (%s, %d bytes) failed in the sandbox: %s (%s)",
                _media_type(filename, data, declared_type), len(data), outcome.status, outcome.detail)
    return [ParsedFile(filename=filename, sha256=hashlib.sha256(data).hexdigest(),
                       media_type=_media_type(filename, data, declared_type),
                       status=UNREADABLE, detail=verdict_detail(outcome, limits),
                       size=len(data))]


def verdict_detail(outcome: Outcome, limits: Limits) -> str:
    """The French sentence shown to the secretariat for a failed reading."""
    if outcome.status == TIMEOUT:
        return (f"La lecture de ce fichier a dépassé le délai autorisé "
                f"({_number(limits.timeout_seconds)} s) : il est peut-être endommagé ou trop "
                "volumineux.")
    if outcome.status in (MEMORY, KILLED):
        return (f"La lecture de ce fichier a dépassé la mémoire autorisée "
                f"({_number(limits.memory_bytes / (1024 * 1024))} Mo) : il est peut-être "
                "endommagé ou trop volumineux.")
    return ("La lecture de ce fichier a échoué de façon inattendue : il est peut-être "
            "endommagé.")


def _number(value: float) -> str:
    """French rendering: 25 -> "25", 2.5 -> "2,5"."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _media_type(filename: str, data: bytes, declared_type: str) -> str:
    if _sniff is not None:
        try:
            found = _sniff(data, filename, declared_type)
            if isinstance(found, str) and "/" in found:
                return found
        except Exception:
            pass
    return declared_type or "application/octet-stream"
