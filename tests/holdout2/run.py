#!/usr/bin/env python3
"""Score the current reader on the HOLDOUT2 corpus (tests/holdout2/cases/).

Reuses tests/corpus/score.py (loaded by path, unmodified): every case is run through
``fabrique-intake inspect CASE.eml --json`` and compared with CASE.expected.json; the
per-case mismatches and the totals are printed.

    .venv/bin/python tests/holdout2/run.py              # all cases
    .venv/bin/python tests/holdout2/run.py -k h2-1 -v   # ids containing "h2-1", list passing
    .venv/bin/python tests/holdout2/run.py --regenerate # run generate.py first

Exit status 0 unless a case crashed the reader (2) or, with --strict, a total is below the
corpus thresholds (1): this is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORE_PATH = HERE.parent / "corpus" / "score.py"
CASES = HERE / "cases"


def load_score():
    spec = importlib.util.spec_from_file_location("holdout2_score", SCORE_PATH)
    assert spec and spec.loader, SCORE_PATH
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score fabrique-intake on the holdout2 corpus")
    parser.add_argument("--cases", default=str(CASES), help="cases directory")
    parser.add_argument(
        "--cmd", default=None, help="reader command (default: fabrique-intake next to python)"
    )
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="parallel runs")
    parser.add_argument("-k", default="", help="only cases whose id contains this string")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")
    parser.add_argument("--regenerate", action="store_true", help="run generate.py first")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a total is below the thresholds"
    )
    parser.add_argument(
        "--json", dest="json_out", default=None, help="write the totals as JSON here"
    )
    args = parser.parse_args(argv)

    cases_dir = Path(args.cases)
    if args.regenerate or not any(cases_dir.glob("*.expected.json")):
        subprocess.run(
            [sys.executable, str(HERE / "generate.py")], check=True, stdout=subprocess.DEVNULL
        )

    score = load_score()
    if args.k:
        tmp = Path(tempfile.mkdtemp(prefix="holdout2-"))
        for case_id, eml, _ in score.load_cases(cases_dir):
            if args.k in case_id:
                for path in (eml, eml.with_name(case_id + ".expected.json")):
                    (tmp / path.name).symlink_to(path.resolve())
        cases_dir = tmp

    command = args.cmd.split() if args.cmd else None
    result = score.score(cases_dir, lambda eml: score.run_inspect(eml, command), workers=args.jobs)
    print(score.format_report(result, args.verbose))

    per_case = result["per_case"]
    failing = sorted(cid for cid, r in per_case.items() if r.mismatches)
    print(f"\ncases with a mismatch: {len(failing)}/{len(per_case)}")
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps({k: v for k, v in result.items() if k != "per_case"}, indent=2)
        )
    if result["errors"]:
        return 2
    if args.strict and any(float(result[k]) < v for k, v in score.THRESHOLDS.items()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
