"""web.decisions.derive_decision: with no override it gives back the reader's decision on
every labelled case (the contract's order, as intake.reading.rules.decide applies it); each
override changes exactly what it should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.decisions import derive_decision, severity_counts

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = sorted([*ROOT.glob("tests/corpus/cases/*.expected.json"),
                   *ROOT.glob("tests/holdout/cases/*.expected.json"),
                   *ROOT.glob("tests/holdout2/cases/*.expected.json")])

NA, OK = "not_applicable", "confirmed"


def test_no_override_gives_the_readers_decision():
    assert len(EXPECTED) >= 100
    decisions = set()
    for path in EXPECTED:
        dossier = json.loads(path.read_text(encoding="utf-8"))
        assert derive_decision(dossier, {}) == dossier["decision"], path.name
        decisions.add(dossier["decision"])
    assert decisions == {"complete", "incomplete", "needs_review", "late", "not_a_proposal"}


def flag(code, severity="blocking", target=""):
    return {"code": code, "target": target, "severity": severity, "message": "", "evidence": ""}


def dossier(*flags, decision="incomplete", attachments=()):
    return {"flags": list(flags), "decision": decision, "attachments": list(attachments)}


@pytest.mark.parametrize("d, overrides, expected", [
    # a blocking flag set aside: nothing else blocks
    (dossier(flag("cofinancing_below_minimum"), flag("ineligible_expense", "warning", "Véhicule")),
     {("cofinancing_below_minimum", ""): NA}, "complete"),
    # confirmed: it stands
    (dossier(flag("cofinancing_below_minimum")), {("cofinancing_below_minimum", ""): OK}, "incomplete"),
    # one of two blocking flags set aside
    (dossier(flag("missing_section", target="pilotage"), flag("missing_section", target="phasage")),
     {("missing_section", "pilotage"): NA}, "incomplete"),
    # same code, other target: no effect
    (dossier(flag("missing_section", target="pilotage")), {("missing_section", "phasage"): NA}, "incomplete"),
    # late first; set aside (a receipt time proven wrong), the other flags decide
    (dossier(flag("late_submission"), flag("missing_budget"), decision="late"), {}, "late"),
    (dossier(flag("late_submission"), decision="late"), {("late_submission", ""): NA}, "complete"),
    (dossier(flag("late_submission"), flag("missing_budget"), decision="late"),
     {("late_submission", ""): NA}, "incomplete"),
    # not a proposal stays so whatever its flags
    (dossier(flag("no_proposal_document"), decision="not_a_proposal"), {("no_proposal_document", ""): NA},
     "not_a_proposal"),
    # a scanned file: review while something blocks and the file was not looked at
    (dossier(flag("missing_budget"), flag("scanned_document", "warning", "budget.pdf"), decision="needs_review",
             attachments=[{"filename": "budget.pdf", "status": "scanned"}]),
     {("scanned_document", "budget.pdf"): NA}, "incomplete"),
    (dossier(flag("missing_budget"), flag("scanned_document", "warning", "budget.pdf"), decision="needs_review",
             attachments=[{"filename": "budget.pdf", "status": "scanned"}]),
     {("missing_budget", ""): NA}, "complete"),
    (dossier(flag("missing_budget"), flag("scanned_document", "warning", "budget.pdf"), decision="needs_review",
             attachments=[{"filename": "budget.pdf", "status": "scanned"}]),
     {("scanned_document", "budget.pdf"): OK}, "needs_review"),
])
def test_overrides(d, overrides, expected):
    assert derive_decision(d, overrides) == expected


def test_severity_counts():
    d = dossier(flag("missing_budget"), flag("subject_mismatch", "warning"), flag("late_submission"))
    assert severity_counts(d, {("late_submission", ""): NA}) == {"blocking": 1, "warning": 1, "set_aside": 1}
