"""The reader against the independently written corpora (tests/holdout/, tests/holdout2/,
tests/holdout3/): the same thresholds as the labelled corpus, on proposals with other
wording and layouts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests import corpus_runs

RUN = Path(__file__).parent / "holdout" / "run.py"
_spec = importlib.util.spec_from_file_location("holdout_run", RUN)
assert _spec is not None and _spec.loader is not None
run_mod = importlib.util.module_from_spec(_spec)
sys.modules["holdout_run"] = run_mod
_spec.loader.exec_module(run_mod)


@pytest.mark.parametrize("folder", ["holdout", "holdout2", "holdout3", "holdout5"])
def test_holdout_meets_the_thresholds(folder: str) -> None:
    score = run_mod.load_score()
    command = score.inspect_command()
    if not Path(command[0]).exists():
        pytest.skip("fabrique-intake is not installed")
    cases = Path(__file__).parent / folder / "cases"
    result = score.score(cases, corpus_runs.run, workers=2)
    failed = {k: result[k] for k, v in score.THRESHOLDS.items() if result[k] < v}
    assert not failed, f"holdout below the thresholds: {failed}\n" + score.format_report(result)
