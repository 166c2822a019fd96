"""Every kind of email an applicant can get, written for every labelled proposal the team
has (tests/corpus, holdout, holdout2, holdout3), read as the applicant reads it: what
matters (the verdict, what is missing or what to change, by when, what comes next) fits
in 1,500 characters before the list of what was received, and the French agrees in
number and gender (tests/french.py), in the text and the HTML parts alike."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest

from intake.answering.answers import answer_kind, compose, incoming_from_raw
from intake.answering.mail_settings import answer_settings
from intake.config import config_data, load_config
from tests import corpus_runs
from tests.french import agreement_problems, visible_text

PARIS = ZoneInfo("Europe/Paris")
ON_TIME = datetime(2022, 8, 20, 14, 0, tzinfo=PARIS)
LIMIT = 1500
# Where the list of what was received begins (the late and holding answers have none:
# everything before the receipt's evidence counts).
LIST_STARTS = ("CE QUE NOUS AVONS REÇU", "PREUVE DE")


def received_of(raw: bytes) -> datetime:
    try:
        when = parsedate_to_datetime(str(email.message_from_bytes(raw, policy=policy.compat32)["Date"]))
    except (TypeError, ValueError, IndexError):
        return ON_TIME
    return when if when.tzinfo else when.replace(tzinfo=PARIS)


def lead_of(text: str) -> str:
    cut = min((i for i in (text.find(m) for m in LIST_STARTS) if i >= 0), default=len(text))
    return text[:cut]


@pytest.fixture(scope="module")
def setup():
    if not corpus_runs.available():
        pytest.skip("fabrique-intake is not installed")
    config = load_config()
    return config, answer_settings(config_data(config))


@pytest.mark.parametrize("folder", [f for f in corpus_runs.CORPORA if corpus_runs.cases(f)])
def test_every_applicant_email_is_short_before_the_list_and_agrees(folder, setup):
    config, settings = setup
    long, wrong, kinds = [], [], set()
    for case_id, eml, _label in corpus_runs.cases(folder):
        dossier = corpus_runs.run(eml)
        raw = eml.read_bytes()
        received = received_of(raw)
        incoming = incoming_from_raw(raw, received)
        first = answer_kind(dossier.get("decision"), None, holding_reply=True)
        for kind in [k for k in (first, "completed" if first == "acknowledgement" else None) if k]:
            kinds.add(kind)
            answer = compose(kind, dossier, "FAB-2022-0042", incoming, settings, config.call, now=received)
            mail = email.message_from_bytes(answer.raw, policy=policy.default)
            text = mail.get_body(("plain",)).get_content()
            html = visible_text(mail.get_body(("html",)).get_content())
            lead = lead_of(text)
            if len(lead) >= LIMIT:
                long.append(f"{case_id} {kind}: {len(lead)} caractères avant la liste")
            for where, body in (("texte", text), ("HTML", html)):
                wrong += [f"{case_id} {kind} ({where}) : {p}" for p in agreement_problems(body)]
    assert kinds, folder
    assert not long, "\n".join(long)
    assert not wrong, "\n".join(wrong[:20])
