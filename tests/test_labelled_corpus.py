"""The reader against the labelled corpus (tests/corpus/cases/, built by tests/corpus/generate.py).

Each case runs ``fabrique-intake inspect CASE.eml --json`` once (results are cached for the
session) and is compared with ``CASE.expected.json``: decision, flags, section presence,
budget figures and attachment statuses. A last test checks the corpus-wide thresholds.
Set FABRIQUE_INTAKE_CMD to use another reader command.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests import corpus_runs

CORPUS = Path(__file__).parent / "corpus"
_spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
assert _spec is not None and _spec.loader is not None
score_mod = importlib.util.module_from_spec(_spec)
sys.modules["corpus_score"] = score_mod
_spec.loader.exec_module(score_mod)

CASES = score_mod.load_cases(CORPUS / "cases")
EXPECTED = {case_id: expected for case_id, _, expected in CASES}
EML = {case_id: eml for case_id, eml, _ in CASES}


def _available() -> bool:
    return corpus_runs.available()


def _inspect(case_id: str) -> dict[str, object]:
    return corpus_runs.run(EML[case_id])  # one run per case for the whole session


@pytest.fixture(scope="module", autouse=True)
def _reader() -> None:
    if not _available():
        pytest.skip("fabrique-intake is not installed")


def test_corpus_is_present() -> None:
    assert 45 <= len(CASES) <= 60
    assert all(eml.exists() for eml in EML.values())


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_case(case_id: str) -> None:
    expected = EXPECTED[case_id]
    try:
        actual = _inspect(case_id)
    except Exception as exc:
        pytest.fail(f"{case_id}: the reader did not run: {exc}")
    result = score_mod.compare_case(case_id, expected, actual)
    checked = ("decision", "flags", "severity", "sections", "budget", "attachments")
    problems = [f"  {kind}: {item}" for kind in checked for item in result.mismatches.get(kind, [])]
    notes = [
        f"  ({kind}: {item})"
        for kind in ("partners", "source", "message")
        for item in result.mismatches.get(kind, [])
    ]
    assert not problems, f"{case_id} differs from its label:\n" + "\n".join(problems + notes)


def test_corpus_thresholds() -> None:
    result = score_mod.score(CORPUS / "cases", corpus_runs.run, workers=max(2, os.cpu_count() or 2))
    report = score_mod.format_report(result)
    below = {
        k: round(float(result[k]), 3)
        for k, v in score_mod.THRESHOLDS.items()
        if float(result[k]) < v
    }
    assert not below, f"below thresholds {below}\n{report}"

