"""What the committee's summary states about each proposal, against corpora written blind
with a "committee" label (tests/holdout4, tests/holdout5): the applicant's kind (in
tests/core/test_summary.py), who the project is for in the proposal's own words, and
which studies are already done (what the project builds on) rather than planned (its
method). Each measure is a floor drawn from the first reads noted in the README."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from intake.committee.summary import build_summary
from intake.committee.summary_config import load_summary_settings
from intake.config import load_config
from intake.reading.pipeline import inspect_message

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [d for d in (ROOT / "tests/holdout4/cases", ROOT / "tests/holdout5/cases") if d.is_dir()]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def read():
    if not CORPORA:
        pytest.skip("no corpus with committee labels (tests/holdout4, tests/holdout5)")
    config = load_config(ROOT / "config.toml")
    settings = load_summary_settings(config.path)
    out = []
    for folder in CORPORA:
        for eml in sorted(folder.glob("*.eml")):
            label = json.loads(eml.with_suffix(".expected.json").read_text(encoding="utf-8")).get("committee")
            if not label:
                continue
            ins = inspect_message(eml.read_bytes(), config)
            out.append((eml.stem, label, build_summary(ins, ins.dossier, settings, config.call).to_dict()))
    return out


def test_targets_are_shown_in_the_proposals_own_words(read):
    """Every phrase the writer labelled as naming the project's public is in the "Cibles"
    line, as written (before: category names only, "salariés et managers" for 13 of 16)."""
    found, missing = 0, []
    for case, label, summary in read:
        shown = _norm(" ".join(t["text"] for t in summary["identity"].get("targets_stated") or []))
        for phrase in label.get("targets") or []:
            if _norm(phrase) in shown:
                found += 1
            else:
                missing.append((case, phrase))
    assert found and found / (found + len(missing)) >= 0.9, missing


def _facts(summary: dict) -> tuple[str, str]:
    crit = next(c for c in summary["criteria"] if c["id"] == "demande_sociale")
    done = " ".join(f for f in crit["facts"] if f.startswith("Étude ou consultation déjà menée"))
    planned = " ".join(f for f in crit["facts"] if f.startswith("Prévu par le projet"))
    return _norm(done), _norm(planned)


def test_studies_already_done_are_told_apart_from_those_the_project_plans(read):
    """A study the project will carry out is never shown as one already done; a proposal
    that cites none done is said to cite none; most studies already done are quoted."""
    done_found, done_total, wrong = 0, 0, []
    for case, label, summary in read:
        done, _planned = _facts(summary)
        for phrase in label.get("studies_planned") or []:
            if _norm(phrase) in done:
                wrong.append((case, "prévu donné pour fait", phrase))
        if not label.get("studies_existing") and done:
            wrong.append((case, "aucune étude antérieure", done[:120]))
        for phrase in label.get("studies_existing") or []:
            done_total += 1
            done_found += _norm(phrase) in done
    assert not wrong, wrong
    assert done_total and done_found / done_total >= 0.7, (done_found, done_total)
