"""Every file of ../shared/corpus/real/ through `inspect`, end to end.

Each file runs in a forked child (the way the worker will run it), which reports its
dossier, its wall time and its peak memory (itself plus the per-attachment children the
sandbox forks). A lone document is read as the only attachment of a message. Skipped,
with a message, where the shared folder is absent (a user's clone has none).
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import time
from pathlib import Path

import pytest

from intake.cli import wrap_document
from intake.config import load_config
from intake.reading.pipeline import inspect_message
from parsers.document import PARSED, SKIPPED, STATUSES

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
FILES = sorted(p for p in REAL.rglob("*") if p.is_file() and p.name not in ("MANIFEST.tsv", "README.md",
                                                                              ".gitattributes"))
MAX_SECONDS = 30
MAX_BYTES = 1024**3
DECISIONS = {"late", "not_a_proposal", "needs_review", "incomplete", "complete"}


def _run(path: Path) -> dict:
    """inspect in a forked child; returns {dossier, seconds, peak_bytes} or {error}."""
    config = load_config()
    data = path.read_bytes()
    raw = data if path.parent.name == "mail" else wrap_document(path, data)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            t0 = time.perf_counter()
            dossier = inspect_message(raw, config).dossier
            seconds = time.perf_counter() - t0
            peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024
            out = {"dossier": json.loads(json.dumps(dossier)), "seconds": seconds, "peak_bytes": peak}
        except BaseException as e:  # the test reports it
            out = {"error": f"{type(e).__name__}: {e}"}
        with os.fdopen(w, "wb") as f:
            f.write(pickle.dumps(out))
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        payload = f.read()
    os.waitpid(pid, 0)
    return pickle.loads(payload) if payload else {"error": "le processus s'est arrêté sans résultat"}


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real absent : corpus réel non testé")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_real_file_goes_through(path: Path) -> None:
    result = _run(path)
    assert "error" not in result, f"{path.name}: {result.get('error')}"
    d = result["dossier"]
    assert d["decision"] in DECISIONS
    assert result["seconds"] < MAX_SECONDS, f"{path.name}: {result['seconds']:.1f} s"
    assert result["peak_bytes"] < MAX_BYTES, f"{path.name}: {result['peak_bytes'] / 2**20:.0f} MB"
    for a in d["attachments"]:
        assert a["status"] in STATUSES
        if a["status"] not in (PARSED, SKIPPED):
            # a reason a person can read, in French, not an exception's text
            assert len(a["detail"]) > 20 and "Traceback" not in a["detail"], a
            assert any(w in a["detail"].lower() for w in (" le ", " la ", " les ", " ce ", " est ", " pas ")), a
    if path.parent.name != "mail":
        assert d["attachments"], f"{path.name}: the document itself is not listed"
    for f in d["flags"]:
        assert f["message"] and f["severity"] in ("blocking", "warning")
