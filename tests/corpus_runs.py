"""One `fabrique-intake inspect --json` run per corpus case for the whole test session:
the labelled corpus, the holdouts and the trust checks read the same dossiers instead of
reading every email three times. Set FABRIQUE_INTAKE_CMD to use another reader command."""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from pathlib import Path

TESTS = Path(__file__).parent
CORPORA = ("corpus", "holdout", "holdout2", "holdout3")

_spec = importlib.util.spec_from_file_location("corpus_score", TESTS / "corpus" / "score.py")
assert _spec is not None and _spec.loader is not None
score = sys.modules.get("corpus_score") or importlib.util.module_from_spec(_spec)
if "corpus_score" not in sys.modules:
    sys.modules["corpus_score"] = score
    _spec.loader.exec_module(score)

_RESULTS: dict[Path, dict | Exception] = {}
_LOCKS: dict[Path, threading.Lock] = {}
_GUARD = threading.Lock()


def command() -> list[str]:
    env = os.environ.get("FABRIQUE_INTAKE_CMD")
    return env.split() if env else score.inspect_command()


def available() -> bool:
    cmd = command()
    return Path(cmd[0]).exists() or cmd[0] == sys.executable


def run(eml: Path) -> dict:
    """The reader's dossier for one case, computed once per session (errors re-raised)."""
    key = Path(eml).resolve()
    with _GUARD:
        lock = _LOCKS.setdefault(key, threading.Lock())
    with lock:
        if key not in _RESULTS:
            try:
                _RESULTS[key] = score.run_inspect(key, command())
            except Exception as exc:  # reported by the test that needs it
                _RESULTS[key] = exc
    result = _RESULTS[key]
    if isinstance(result, Exception):
        raise result
    return result


def cases(folder: str) -> list[tuple[str, Path, dict]]:
    """(case id, eml, label) of one corpus folder; empty when the folder has none."""
    path = TESTS / folder / "cases"
    return score.load_cases(path) if path.is_dir() else []
