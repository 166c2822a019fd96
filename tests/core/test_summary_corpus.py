"""The committee summary of every labelled proposal, held against the labels written
independently of the reader (tests/corpus/cases/*.expected.json): the figures a member
reads are the budget's, the partners are the proposal's and of a plausible kind, and
each criterion's passages are really in the proposal, in the file they name."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from intake.committee.summary import build_summary
from intake.committee.summary_config import load_summary_settings
from intake.reading.pipeline import inspect_message

ROOT = Path(__file__).resolve().parents[2]
ALL_CASES = sorted((ROOT / "tests/corpus/cases").glob("*.eml"))
_CACHE: dict[Path, tuple] = {}


@pytest.fixture(scope="module")
def settings():
    return load_summary_settings()


def summarised(path: Path, config, settings):
    if path not in _CACHE:
        ins = inspect_message(path.read_bytes(), config)
        _CACHE[path] = (ins, build_summary(ins, ins.dossier, settings, config.call).to_dict())
    return _CACHE[path]


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


# the proposals (a question or an out-of-office gets no summary for the committee)
CASES = [p for p in ALL_CASES if expected(p).get("decision") != "not_a_proposal"]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _key(name: str) -> str:
    return _norm(name).casefold()


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_figures_are_the_budgets(path, config, settings):
    exp = expected(path)
    _, s = summarised(path, config, settings)
    amounts = s["identity"]["amounts"]
    budget = exp.get("budget") or {}
    checked = 0
    for key, label in (("total_cost", "total_cost"), ("anact_request", "anact_request")):
        if budget.get(label) is not None:
            assert amounts[key] == pytest.approx(budget[label], abs=1.0), (key, amounts[key], budget[label])
            checked += 1
    cof = budget.get("cofinancing") or {}
    if cof.get("amount") is not None:
        assert amounts["cofinancing"] == pytest.approx(cof["amount"], abs=1.0)
        checked += 1
    if cof.get("share") is not None:
        assert amounts["cofinancing_share"] == pytest.approx(cof["share"], abs=0.001)
    for cat, value in (budget.get("totals") or {}).items():
        assert (amounts["by_category"] or {}).get(cat, 0.0) == pytest.approx(value, abs=1.0), cat
    if any(f.get("code") == "missing_budget" for f in exp.get("flags", [])):
        # no budget in the proposal: the summary must not invent figures
        assert amounts["anact_request"] is None and amounts["total_cost"] is None, amounts
    assert checked or not budget.get("anact_request")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_partners_are_the_proposals(path, config, settings):
    exp = expected(path)
    _, s = summarised(path, config, settings)
    got = [_key(p["name"]) for p in s["partners"]]
    want = [_key(p["name"]) for p in exp.get("partners", [])]
    assert sorted(got) == sorted(want)
    kinds = {k.id for k in settings.partner_kinds} | {"a_preciser", "autre"}
    for p in s["partners"]:
        assert p["kind_label"], p
        folded = p["name"].casefold()
        if "aract" in folded or "anact" in folded:
            assert p["kind"] == "reseau_anact", p
        if any(u in p["name"] for u in ("CFDT", "CGT", "CFTC", "UNSA", "MEDEF", "CPME", "U2P")):
            assert p["kind"] == "partenaire_social", p
        assert p["kind"] in kinds or p["kind"], p


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_criteria_passages_are_in_the_proposal(path, config, settings):
    exp = expected(path)
    ins, s = summarised(path, config, settings)
    by_file = {d.source: _norm(d.text()).replace(" | ", " ") for d in ins.documents}
    quoted = 0
    for crit in [*s["criteria"], s["commitment"]]:
        assert crit["label"]
        assert len(crit["passages"]) <= settings.criterion_passages_max
        for q in crit["passages"]:
            text = _norm(q["text"]).replace(" | ", " ")
            assert q["file"] in by_file, q
            # in the file it names, as written (table cells joined in order)
            assert text in by_file[q["file"]] or all(
                _norm(c) in by_file[q["file"]] for c in q["text"].split(" | ")), (crit["id"], q["text"])
            quoted += 1
    # a proposal with its ten parts bears on several criteria: the summary finds passages
    present = sum(1 for v in exp.get("sections", {}).values() if v.get("present"))
    if present == len(config.call.sections):
        with_passages = sum(1 for c in s["criteria"] if c["passages"])
        assert with_passages >= 4, [c["id"] for c in s["criteria"] if not c["passages"]]
        assert quoted >= 6


def test_corpus_summaries_name_an_applicant_most_of_the_time(config, settings):
    """Not every proposal states its applicant where a reader can find it, but most do;
    a summary that stops finding them is a regression a committee member would see."""
    named = sum(1 for p in CASES if summarised(p, config, settings)[1]["identity"]["applicant"])
    assert named / len(CASES) >= 0.9, f"{named}/{len(CASES)}"
