"""Score a reader against the labelled corpus (tests/corpus/cases/).

``score(cases_dir, run)`` calls ``run(eml_path) -> dossier dict`` on every case and returns
the metrics; ``python -m tests.corpus.score`` runs ``fabrique-intake inspect X.eml --json``
on each case and prints the mismatches per case and the totals.

This module is standalone (stdlib only) so that tests can load it by path.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path

SECTION_IDS = (
    "contexte",
    "objectifs",
    "problematique",
    "cibles",
    "methodologie",
    "phasage",
    "pilotage",
    "resultats",
    "perennisation",
    "partenaires",
)
CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")
AMOUNT_TOLERANCE = 1.0
SHARE_TOLERANCE = 0.001
THRESHOLDS = {"decision": 0.95, "flags_f1": 0.95, "sections": 0.97, "budget": 0.95}
DEFAULT_CASES = Path(__file__).parent / "cases"

Dossier = dict[str, object]


def norm(text: object) -> str:
    """Case-, accent-, apostrophe- and whitespace-insensitive form of a string."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        s = s.replace(apo, "'")
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def target_matches(expected: str, actual: str) -> bool:
    """Flag targets match when equal (normalized); a file may be named with its container
    path (``archive.zip/budget.xlsx``)."""
    e, a = norm(expected), norm(actual)
    return e == a or (bool(e) and a.endswith("/" + e))


def name_matches(expected: str, actual: str) -> bool:
    """Partner names match when one contains the other (normalized)."""
    e, a = norm(expected), norm(actual)
    return bool(e) and bool(a) and (e in a or a in e)


@dataclass
class CaseResult:
    """Counts and readable mismatches for one case."""

    case_id: str
    error: str = ""
    decision_ok: bool = False
    flags_tp: int = 0
    flags_fp: int = 0
    flags_fn: int = 0
    sections_ok: int = 0
    sections_n: int = 0
    budget_ok: int = 0
    budget_n: int = 0
    partners_tp_recall: int = 0
    partners_expected: int = 0
    partners_tp_precision: int = 0
    partners_actual: int = 0
    attachments_ok: int = 0
    attachments_n: int = 0
    message_ok: int = 0
    message_n: int = 0
    mismatches: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> None:
        """Record a mismatch of some kind."""
        self.mismatches.setdefault(kind, []).append(text)


def _get(d: object, *path: str) -> object:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _flags(dossier: object) -> list[tuple[str, str, str]]:
    flags = _get(dossier, "flags")
    out = []
    for f in flags if isinstance(flags, list) else []:
        if isinstance(f, dict):
            out.append(
                (str(f.get("code", "")), str(f.get("target") or ""), str(f.get("severity", "")))
            )
    return out


def _figures(
    budget: object, expected_budget: dict[str, object]
) -> Iterable[tuple[str, object, object, float]]:
    """(name, expected, actual, tolerance) for every budget figure the label states."""
    for key in ("total_cost", "anact_request"):
        if key in expected_budget:
            yield key, expected_budget[key], _get(budget, key), AMOUNT_TOLERANCE
    cofin = expected_budget.get("cofinancing")
    if isinstance(cofin, dict):
        if "amount" in cofin:
            yield (
                "cofinancing.amount",
                cofin["amount"],
                _get(budget, "cofinancing", "amount"),
                AMOUNT_TOLERANCE,
            )
        if "share" in cofin:
            yield (
                "cofinancing.share",
                cofin["share"],
                _get(budget, "cofinancing", "share"),
                SHARE_TOLERANCE,
            )
    totals = expected_budget.get("totals")
    if isinstance(totals, dict):
        for cat in CATEGORIES:
            if cat in totals:
                yield f"totals.{cat}", totals[cat], _get(budget, "totals", cat), AMOUNT_TOLERANCE


def _figure_ok(expected: object, actual: object, tol: float) -> bool:
    if expected is None:
        return actual is None
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return abs(float(actual) - float(expected)) <= tol + 1e-9  # type: ignore[arg-type]


def compare_case(
    case_id: str, expected: Dossier, actual: Dossier | None, error: str = ""
) -> CaseResult:
    """Compare one dossier with its label; every field the label states is counted."""
    r = CaseResult(case_id)
    exp_sections = expected.get("sections")
    assert isinstance(exp_sections, dict)
    r.sections_n = len(SECTION_IDS)
    exp_flags = [(c, t) for c, t, _ in _flags(expected)]
    r.flags_fn = len(exp_flags)
    exp_budget = expected.get("budget")
    assert isinstance(exp_budget, dict)
    r.budget_n = sum(1 for _ in _figures({}, exp_budget))
    exp_partners = [str(p["name"]) for p in expected.get("partners", []) if isinstance(p, dict)]  # type: ignore[union-attr]
    r.partners_expected = len(exp_partners)
    exp_atts = [a for a in expected.get("attachments", []) if isinstance(a, dict)]  # type: ignore[union-attr]
    r.attachments_n = len(exp_atts)
    exp_msg = expected.get("message")
    r.message_n = len(exp_msg) if isinstance(exp_msg, dict) else 0
    if actual is None:
        r.error = error or "no dossier"
        r.add("error", r.error)
        return r

    # decision
    r.decision_ok = actual.get("decision") == expected.get("decision")
    if not r.decision_ok:
        r.add("decision", f"expected {expected.get('decision')!r}, got {actual.get('decision')!r}")

    # flags: multiset of (code, target)
    act_flags = _flags(actual)
    remaining = list(act_flags)
    exp_full = _flags(expected)
    r.flags_fn = 0
    for code, target, severity in exp_full:
        match = next((f for f in remaining if f[0] == code and target_matches(target, f[1])), None)
        if match is None:
            r.flags_fn += 1
            r.add("flags", f"missing flag {code}({target})")
        else:
            remaining.remove(match)
            r.flags_tp += 1
            if match[2] != severity:
                r.add("severity", f"{code}({target}): expected {severity}, got {match[2]}")
    for code, target, _ in remaining:
        r.flags_fp += 1
        r.add("flags", f"unexpected flag {code}({target})")

    # sections
    act_sections = actual.get("sections") if isinstance(actual.get("sections"), dict) else {}
    for sid in SECTION_IDS:
        exp_present = bool(_get(exp_sections, sid, "present"))
        act_present = bool(_get(act_sections, sid, "present"))
        if exp_present == act_present:
            r.sections_ok += 1
        else:
            r.add("sections", f"{sid}: expected present={exp_present}, got {act_present}")
        exp_source = _get(exp_sections, sid, "source")
        act_source = _get(act_sections, sid, "source")
        if (
            exp_present
            and act_present
            and exp_source
            and not target_matches(str(exp_source), str(act_source or ""))
        ):
            r.add("source", f"{sid}: expected source {exp_source!r}, got {act_source!r}")

    # budget figures
    act_budget = actual.get("budget")
    for name, exp_value, act_value, tol in _figures(act_budget, exp_budget):
        if _figure_ok(exp_value, act_value, tol):
            r.budget_ok += 1
        else:
            r.add("budget", f"{name}: expected {exp_value!r}, got {act_value!r}")

    # partners
    act_partners = [
        str(p.get("name", "")) for p in actual.get("partners", []) or [] if isinstance(p, dict)
    ]  # type: ignore[union-attr]
    r.partners_actual = len(act_partners)
    for e in exp_partners:
        if any(name_matches(e, a) for a in act_partners):
            r.partners_tp_recall += 1
        else:
            r.add("partners", f"partner not found: {e}")
    for a in act_partners:
        if any(name_matches(e, a) for e in exp_partners):
            r.partners_tp_precision += 1
        else:
            r.add("partners", f"unexpected partner: {a}")

    # attachments
    act_atts = [a for a in actual.get("attachments", []) or [] if isinstance(a, dict)]  # type: ignore[union-attr]
    for e in exp_atts:
        match = next(
            (a for a in act_atts if target_matches(str(e["filename"]), str(a.get("filename", "")))),
            None,
        )
        if match is None:
            r.add("attachments", f"{e['filename']}: not listed")
        elif match.get("status") == e["status"]:
            r.attachments_ok += 1
        else:
            r.add(
                "attachments", f"{e['filename']}: expected {e['status']}, got {match.get('status')}"
            )

    # message fields
    act_msg = actual.get("message") if isinstance(actual.get("message"), dict) else {}
    if isinstance(exp_msg, dict):
        for key, value in exp_msg.items():
            got = _get(act_msg, key)
            ok = got == value
            if key == "from":
                ok = parseaddr(str(got or ""))[1].lower() == str(value).lower()
            elif key == "date":
                try:
                    ok = datetime.fromisoformat(str(got)) == datetime.fromisoformat(str(value))
                except ValueError:
                    ok = False
            if ok:
                r.message_ok += 1
            else:
                r.add("message", f"{key}: expected {value!r}, got {got!r}")
    return r


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def aggregate(results: list[CaseResult]) -> dict[str, object]:
    """Totals over cases."""
    tp = sum(r.flags_tp for r in results)
    fp = sum(r.flags_fp for r in results)
    fn = sum(r.flags_fn for r in results)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "cases": len(results),
        "errors": sum(1 for r in results if r.error),
        "decision": _ratio(sum(r.decision_ok for r in results), len(results)),
        "flags_precision": precision,
        "flags_recall": recall,
        "flags_f1": f1,
        "sections": _ratio(sum(r.sections_ok for r in results), sum(r.sections_n for r in results)),
        "budget": _ratio(sum(r.budget_ok for r in results), sum(r.budget_n for r in results)),
        "partners_recall": _ratio(
            sum(r.partners_tp_recall for r in results), sum(r.partners_expected for r in results)
        ),
        "partners_precision": _ratio(
            sum(r.partners_tp_precision for r in results), sum(r.partners_actual for r in results)
        ),
        "attachments": _ratio(
            sum(r.attachments_ok for r in results), sum(r.attachments_n for r in results)
        ),
        "message": _ratio(sum(r.message_ok for r in results), sum(r.message_n for r in results)),
    }


def load_cases(cases_dir: Path | str = DEFAULT_CASES) -> list[tuple[str, Path, Dossier]]:
    """(case_id, eml path, expected dossier) for every case, sorted by id."""
    out = []
    for exp_path in sorted(Path(cases_dir).glob("*.expected.json")):
        case_id = exp_path.name[: -len(".expected.json")]
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        out.append((case_id, exp_path.with_name(case_id + ".eml"), expected))
    return out


def score(
    cases_dir: Path | str, run: Callable[[Path], Dossier], workers: int = 1
) -> dict[str, object]:
    """Run the reader on every case and compute the metrics (plus ``per_case`` results)."""
    cases = load_cases(cases_dir)

    def one(item: tuple[str, Path, Dossier]) -> CaseResult:
        case_id, eml, expected = item
        try:
            actual = run(eml)
        except Exception as exc:  # a crash counts as a wrong answer on every field
            return compare_case(case_id, expected, None, f"{type(exc).__name__}: {exc}")
        return compare_case(case_id, expected, actual)

    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(one, cases))
    else:
        results = [one(c) for c in cases]
    totals = aggregate(results)
    totals["per_case"] = {r.case_id: r for r in results}
    return totals


# --------------------------------------------------------------------------- CLI


def inspect_command() -> list[str]:
    """The ``fabrique-intake`` executable next to the running Python, else on PATH."""
    beside = Path(sys.executable).parent / "fabrique-intake"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("fabrique-intake")
    if found:
        return [found]
    return [sys.executable, "-m", "intake.cli"]


def run_inspect(eml: Path, command: list[str] | None = None, timeout: float = 300) -> Dossier:
    """``fabrique-intake inspect EML --json`` -> the printed dossier."""
    cmd = (command or inspect_command()) + ["inspect", str(eml), "--json"]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, env=os.environ.copy()
    )
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.strip()[-800:]}")
    return json.loads(proc.stdout)


def format_report(result: dict[str, object], verbose: bool = False) -> str:
    """Per-case mismatch table followed by the totals."""
    lines = []
    per_case = result["per_case"]
    assert isinstance(per_case, dict)
    width = max((len(k) for k in per_case), default=10)
    lines.append(f"{'case'.ljust(width)}  kind         mismatch")
    lines.append("-" * (width + 60))
    for case_id, r in per_case.items():
        if not r.mismatches:
            if verbose:
                lines.append(f"{case_id.ljust(width)}  ok")
            continue
        first = True
        for kind, items in r.mismatches.items():
            for item in items:
                lines.append(f"{(case_id if first else '').ljust(width)}  {kind.ljust(11)}  {item}")
                first = False
    lines.append("")
    for key, value in result.items():
        if key == "per_case":
            continue
        mark = ""
        if key in THRESHOLDS:
            mark = "  ok" if float(value) >= THRESHOLDS[key] else f"  BELOW {THRESHOLDS[key]}"  # type: ignore[arg-type]
        lines.append(
            f"{key:20s} {value:.3f}{mark}" if isinstance(value, float) else f"{key:20s} {value}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score the reader on the corpus."""
    parser = argparse.ArgumentParser(description="Score fabrique-intake on the labelled corpus")
    parser.add_argument("--cases", default=str(DEFAULT_CASES), help="cases directory")
    parser.add_argument(
        "--cmd", default=None, help="reader command (default: fabrique-intake next to python)"
    )
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="parallel runs")
    parser.add_argument("-k", default="", help="only cases whose id contains this string")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing cases too")
    parser.add_argument(
        "--json", dest="json_out", default=None, help="write the totals as JSON here"
    )
    args = parser.parse_args(argv)
    command = args.cmd.split() if args.cmd else None
    cases_dir = Path(args.cases)
    if args.k:
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="corpus-"))
        for case_id, eml, _ in load_cases(cases_dir):
            if args.k in case_id:
                for path in (eml, eml.with_name(case_id + ".expected.json")):
                    (tmp / path.name).symlink_to(path.resolve())
        cases_dir = tmp
    result = score(cases_dir, lambda eml: run_inspect(eml, command), workers=args.jobs)
    print(format_report(result, args.verbose))
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps({k: v for k, v in result.items() if k != "per_case"}, indent=2)
        )
    failed = any(float(result[k]) < v for k, v in THRESHOLDS.items())  # type: ignore[arg-type]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
