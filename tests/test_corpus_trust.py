"""Trust, on every corpus the team has (tests/corpus, holdout, holdout2, holdout3): the
reader never asks an applicant for what the labels say is there, and each part it quotes
comes from the place the labels give for it.

- No `missing_*` or `no_proposal_document` flag that the label does not have, and no
  completion request naming a part the label says is present.
- Each part's heading is the labelled heading, and its excerpt starts with the labelled
  first words of that part (where the corpus labels them).
"""

from __future__ import annotations

import email
import re
from datetime import datetime
from email import policy
from zoneinfo import ZoneInfo

import pytest

from intake.answering.answers import Incoming, compose
from intake.answering.mail_settings import answer_settings
from intake.config import config_data, load_config
from tests import corpus_runs

CASES = [(folder, case_id, eml, label) for folder in corpus_runs.CORPORA
         for case_id, eml, label in corpus_runs.cases(folder)]
IDS = [f"{folder}/{case_id}" for folder, case_id, _, _ in CASES]
ASKING = {"missing_section", "missing_budget", "missing_budget_item", "no_proposal_document"}
NOW = datetime(2022, 8, 24, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(scope="module", autouse=True)
def _reader() -> None:
    if not corpus_runs.available():
        pytest.skip("fabrique-intake is not installed")
    if not CASES:
        pytest.skip("no labelled corpus in tests/")


@pytest.fixture(scope="module")
def config():
    return load_config()


def _norm(text: object) -> str:
    return corpus_runs.score.norm(text)


def _words(text: object) -> list[str]:
    return re.findall(r"[0-9a-z€]+", _norm(text))


@pytest.mark.parametrize(("folder", "case_id", "eml", "label"), CASES, ids=IDS)
def test_the_reader_never_asks_for_what_is_there(folder, case_id, eml, label, config):
    dossier = corpus_runs.run(eml)
    labelled = {(f["code"], f.get("target") or "") for f in label["flags"]}
    asked = {(f["code"], f.get("target") or "") for f in dossier["flags"] if f["code"] in ASKING}
    wrong = sorted(a for a in asked if a not in labelled)
    assert not wrong, f"{folder}/{case_id}: asks for what the labels say is there: {wrong}"

    if dossier["decision"] not in ("incomplete", "needs_review"):
        return
    msg = dossier.get("message") or {}
    incoming = Incoming(message_id=msg.get("message_id"), references=[], sender=msg.get("from") or "a@b.fr",
                        sender_name="", subject=msg.get("subject") or "", received=NOW, sha256="0" * 64)
    answer = compose("completion_request", dossier, "FAB-2022-0001", incoming,
                     answer_settings(config_data(config)), config.call, now=NOW)
    mail = email.message_from_bytes(answer.raw, policy=policy.default)
    text = " ".join(mail.get_body(preferencelist=("plain",)).get_content().split())
    assert "POUR COMPLÉTER" in text  # the request's own structure, read as the applicant does
    request = text.split("POUR COMPLÉTER", 1)[0]
    request = request.split("CE QUE NOUS AVONS REÇU", 1)[0]
    present = [sid for sid, s in label["sections"].items() if s.get("present")]
    named = [sid for sid in present if config.call.sections[sid].label in request]
    assert not named, f"{folder}/{case_id}: the completion request asks for present parts {named}"
    missing = [t for c, t in labelled & asked if c == "missing_section"]
    if ("no_proposal_document", "") in asked:
        # nothing was sent: the request asks for the whole description, and the call's
        # list of its parts follows as a reminder after what was received
        assert "la description du projet" in request, f"{folder}/{case_id}: the description is not asked for"
        reminder = text.split("RAPPEL DE L'APPEL", 1)[1] if "RAPPEL DE L'APPEL" in text else ""
        assert all(config.call.sections[sid].label in reminder for sid in missing), (
            f"{folder}/{case_id}: the reminder does not list the missing parts {missing}")
        return
    assert all(config.call.sections[sid].label in request for sid in missing), (
        f"{folder}/{case_id}: the request does not name the missing parts {missing}")


LOCATED = [(folder, case_id, eml, sid, s) for folder, case_id, eml, label in CASES
           for sid, s in label["sections"].items() if s.get("present") and s.get("body_start")]


@pytest.mark.skipif(not LOCATED, reason="no location labels in the corpora")
@pytest.mark.parametrize(("folder", "case_id", "eml", "sid", "where"), LOCATED,
                         ids=[f"{f}/{c}/{sid}" for f, c, _, sid, _ in LOCATED])
def test_each_part_is_quoted_from_its_labelled_place(folder, case_id, eml, sid, where):
    part = corpus_runs.run(eml)["sections"][sid]
    assert part["present"], f"{folder}/{case_id}: {sid} not found"
    heading, expected = _norm(part.get("heading")), _norm(where["heading"])
    assert heading and (heading in expected or expected in heading), (
        f"{folder}/{case_id}: {sid} opened by « {part.get('heading')} », labelled « {where['heading']} »")
    first = _words(where["body_start"])[:4]
    excerpt = _words(part.get("excerpt"))
    assert any(excerpt[k:k + len(first)] == first for k in range(0, 12)), (
        f"{folder}/{case_id}: {sid} quotes « {part.get('excerpt', '')[:90]} », labelled to start "
        f"« {where['body_start']} »")


DATED = [(case_id, eml, label["project"]) for case_id, eml, label in corpus_runs.cases("corpus")
         if label.get("project")]


@pytest.mark.skipif(not DATED, reason="no date labels in tests/corpus")
@pytest.mark.parametrize(("case_id", "eml", "project"), DATED, ids=[c for c, _, _ in DATED])
def test_the_projects_calendar_is_read_as_labelled_and_said_alike(case_id, eml, project, config):
    from intake.committee.summary import summarize_dossier_dates
    from parsers.dates import describe_schedule

    dossier = corpus_runs.run(eml)
    read = dossier.get("project") or {}
    assert (read.get("start"), read.get("end"), read.get("duration_months")) == (
        project.get("start"), project.get("end"), project.get("duration_months")), case_id
    # the summary and the emails say the same calendar
    assert summarize_dossier_dates(dossier) == (project.get("start"), project.get("end"),
                                                f"{project['duration_months']} mois")
    msg = dossier.get("message") or {}
    incoming = Incoming(message_id=None, references=[], sender=msg.get("from") or "a@b.fr", sender_name="",
                        subject="x", received=NOW, sha256="0" * 64)
    kind = "completion_request" if dossier["decision"] in ("incomplete", "needs_review") else "acknowledgement"
    answer = compose(kind, dossier, "FAB-2022-0001", incoming, answer_settings(config_data(config)),
                     config.call, now=NOW)
    text = " ".join(email.message_from_bytes(answer.raw, policy=policy.default)
                    .get_body(preferencelist=("plain",)).get_content().split())
    assert f"Calendrier du projet : {describe_schedule(project)}." in text
