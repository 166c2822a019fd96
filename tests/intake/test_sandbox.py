"""The attachment sandbox: time and memory limits, and what a failed reading says."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from intake.reading import sandbox
from intake.reading.sandbox import (
    ERROR,
    KILLED,
    MEMORY,
    OK,
    TIMEOUT,
    read_file_limited,
    run_limited,
)
from parsers import files
from parsers.document import PARSED, UNREADABLE, Limits, ParsedFile

MB = 1024 * 1024
PDF = b"%PDF-1.4\n%%EOF\n"


def _add(a: int, b: int = 0) -> int:
    return a + b


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "awake"


def _allocate(nbytes: int) -> int:
    return len(bytearray(nbytes))


def _raise() -> None:
    raise ValueError("fichier corrompu")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _unpicklable():
    return lambda: None


def _pid() -> int:
    return os.getpid()


def _spawn_and_hang(pid_file: str) -> None:
    helper = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(helper.pid))
    time.sleep(60)


def test_result_comes_back() -> None:
    outcome = run_limited(_add, 2, b=3, timeout=10, memory_bytes=256 * MB)
    assert (outcome.status, outcome.value) == (OK, 5)


def test_runs_in_another_process() -> None:
    assert run_limited(_pid, timeout=10).value != os.getpid()


def test_large_result_streams_through_the_pipe() -> None:
    outcome = run_limited(bytes, 20 * MB, timeout=20)
    assert outcome.status == OK and len(outcome.value) == 20 * MB


def test_timeout_kills_the_child() -> None:
    started = time.monotonic()
    outcome = run_limited(_sleep, 30, timeout=0.5)
    assert outcome.status == TIMEOUT
    assert time.monotonic() - started < 5


def test_memory_limit() -> None:
    outcome = run_limited(_allocate, 2 * 1024 * MB, timeout=20, memory_bytes=256 * MB)
    assert outcome.status == MEMORY


def test_memory_within_budget_is_fine() -> None:
    outcome = run_limited(_allocate, 64 * MB, timeout=20, memory_bytes=256 * MB)
    assert (outcome.status, outcome.value) == (OK, 64 * MB)


def test_exception_in_child() -> None:
    outcome = run_limited(_raise, timeout=10)
    assert outcome.status == ERROR
    assert "fichier corrompu" in outcome.detail


def test_child_killed_by_a_signal() -> None:
    outcome = run_limited(_die, timeout=10)
    assert outcome.status == KILLED
    assert "SIGKILL" in outcome.detail


def test_unpicklable_result() -> None:
    assert run_limited(_unpicklable, timeout=10).status == ERROR


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_helpers_die_with_the_child(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    assert run_limited(_spawn_and_hang, str(pid_file), timeout=1.5).status == TIMEOUT
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _gone(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(helper)


def test_in_process_modes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_limited(_pid, timeout=0).value == os.getpid()
    monkeypatch.setenv(sandbox.NO_SANDBOX_ENV, "1")
    assert run_limited(_pid, timeout=10).value == os.getpid()
    assert run_limited(_raise, timeout=10).status == ERROR


def _bare_fork() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)


def test_fork_overhead_is_small() -> None:
    """Each file is read in a forked child: that costs little more than a bare fork, the
    baseline measured in the same run, call by call in turn so that a loaded machine
    slows both alike (about 1.3 times on a quiet one)."""
    run_limited(_add, 1, timeout=10)
    bare = limited = 0.0
    for _ in range(40):
        started = time.perf_counter()
        _bare_fork()
        bare += time.perf_counter() - started
        started = time.perf_counter()
        run_limited(_add, 1, timeout=10, memory_bytes=512 * MB)
        limited += time.perf_counter() - started
    assert limited < 6 * bare, (limited / 40 * 1000, bare / 40 * 1000)


# --------------------------------------------------------------- read_file_limited


def _read_ok(filename: str, data: bytes, limits: Limits, *, declared_type: str = "",
             depth: int = 0) -> list[ParsedFile]:
    return [ParsedFile(filename, hashlib.sha256(data).hexdigest(), "application/pdf", PARSED,
                       size=len(data))]


def _read_hangs(filename: str, data: bytes, limits: Limits, **_: object) -> list[ParsedFile]:
    time.sleep(60)
    return []


def _read_hog(filename: str, data: bytes, limits: Limits, **_: object) -> list[ParsedFile]:
    _allocate(4 * 1024 * MB)
    return []


def _read_raises(filename: str, data: bytes, limits: Limits, **_: object) -> list[ParsedFile]:
    raise TypeError("reader bug")


def _read_nothing(filename: str, data: bytes, limits: Limits, **_: object) -> list[ParsedFile]:
    return []


def test_reader_result_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "read_file", _read_ok)
    result = read_file_limited("projet.pdf", PDF, Limits(timeout_seconds=10))
    assert [(r.filename, r.status) for r in result] == [("projet.pdf", PARSED)]


def test_reader_timeout_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "read_file", _read_hangs)
    [item] = read_file_limited("budget.xlsx", b"PK\x03\x04junk", Limits(timeout_seconds=1),
                               declared_type="application/octet-stream")
    assert item.status == UNREADABLE
    assert item.detail == ("La lecture de ce fichier a dépassé le délai autorisé (1 s) : il est "
                           "peut-être endommagé ou trop volumineux.")
    assert item.filename == "budget.xlsx"
    assert item.sha256 == hashlib.sha256(b"PK\x03\x04junk").hexdigest()
    assert item.size == 8


def test_reader_memory_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "read_file", _read_hog)
    [item] = read_file_limited("projet.pdf", PDF,
                               Limits(timeout_seconds=20, memory_bytes=256 * MB))
    assert item.status == UNREADABLE
    assert item.detail.startswith("La lecture de ce fichier a dépassé la mémoire autorisée "
                                  "(256 Mo)")
    assert item.media_type == "application/pdf"  # sniffed by the parent


@pytest.mark.parametrize("reader", [_read_raises, _read_nothing])
def test_reader_failure_keeps_the_file(monkeypatch: pytest.MonkeyPatch, reader) -> None:
    monkeypatch.setattr(files, "read_file", reader)
    [item] = read_file_limited("x.bin", b"\x00\x01", Limits(timeout_seconds=10),
                               declared_type="application/x-foo")
    assert item.status == UNREADABLE
    assert item.detail.startswith("La lecture de ce fichier a échoué")
    assert item.size == 2 and item.sha256 == hashlib.sha256(b"\x00\x01").hexdigest()


def _nested() -> int:
    return run_limited(_add, 40, b=2, timeout=10).value


def test_nested_run() -> None:
    assert run_limited(_nested, timeout=10).value == 42


def _timed_add(i: int) -> tuple[int, float]:
    started = time.monotonic()
    return run_limited(_add, i, timeout=10).value, time.monotonic() - started


def test_concurrent_runs_do_not_wait_for_each_other() -> None:
    with ThreadPoolExecutor(8) as pool:
        slow = [pool.submit(run_limited, _sleep, 2, timeout=10) for _ in range(4)]
        quick = [pool.submit(_timed_add, i) for i in range(40)]
        results = [f.result() for f in quick]
        assert [value for value, _ in results] == list(range(40))
        # a slow sibling's child must not hold a quick call's pipe open
        assert max(seconds for _, seconds in results) < 1.5
        assert all(f.result().value == "awake" for f in slow)


def test_a_registered_lock_fd_is_closed_in_children_only_once() -> None:
    """The worker's lock descriptor is closed in reader children, and a nested run inside
    such a child (which may reuse that number for its own pipe) still answers."""
    from intake.reading.sandbox import close_in_children

    fd = os.open(os.devnull, os.O_RDONLY)
    close_in_children(fd)
    try:
        assert run_limited(_fd_is_open, fd, timeout=10).value is False
        assert run_limited(_nested, timeout=10).value == 42
    finally:
        close_in_children(fd, keep=False)
        os.close(fd)


def _fd_is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True
