"""Which received messages get no automatic answer (RFC 3834 and practice), read from
raw bytes that may be broken in any way."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.answering.answers import compose, incoming_from_raw
from intake.answering.mail_settings import answer_settings
from intake.reading.autoreply import reason_not_to_answer, usable_address

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.eml"))
REAL_MAIL = ROOT.parent / "shared" / "corpus" / "real" / "mail"
OWN = ["fabrique@anact.fr", "Secretariat.Fabrique@Anact.fr"]


def message(*headers: str, sender: str | None = "Claire Lemonnier <claire@trajectoires-travail.fr>",
            body: str = "Bonjour,\nVeuillez trouver ci-joint notre candidature.\n") -> bytes:
    lines = [f"From: {sender}"] if sender is not None else []
    lines += ["To: fabrique@anact.fr", "Subject: Candidature Fabrique CTO",
              "Date: Sat, 20 Aug 2022 10:00:00 +0200", "Message-ID: <x1@trajectoires-travail.fr>",
              *headers]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode("utf-8")


def test_a_normal_proposal_is_answered():
    assert reason_not_to_answer(message(), OWN) is None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_example_proposals_are_answered(path):
    assert reason_not_to_answer(path.read_bytes(), OWN) is None


# ------------------------------------------------------------------ one test per rule


@pytest.mark.parametrize("value", ["auto-replied", "auto-generated", "Auto-Replied; owner-email=x@y.fr",
                                   "auto-notified"])
def test_auto_submitted_other_than_no(value):
    reason = reason_not_to_answer(message(f"Auto-Submitted: {value}"), OWN)
    assert reason and "Auto-Submitted" in reason


def test_auto_submitted_no_is_a_person():
    assert reason_not_to_answer(message("Auto-Submitted: no"), OWN) is None


@pytest.mark.parametrize("value", ["bulk", "junk", "list", "auto_reply", "Bulk"])
def test_precedence(value):
    reason = reason_not_to_answer(message(f"Precedence: {value}"), OWN)
    assert reason and "Precedence" in reason


def test_precedence_first_class_is_a_person():
    assert reason_not_to_answer(message("Precedence: first-class"), OWN) is None


@pytest.mark.parametrize("value", ["All", "OOF", "AutoReply", "DR, OOF, AutoReply", "oof"])
def test_x_auto_response_suppress(value):
    reason = reason_not_to_answer(message(f"X-Auto-Response-Suppress: {value}"), OWN)
    assert reason and "X-Auto-Response-Suppress" in reason


def test_x_auto_response_suppress_of_receipts_only_is_a_person():
    assert reason_not_to_answer(message("X-Auto-Response-Suppress: DR, RN, NRN"), OWN) is None


@pytest.mark.parametrize("header", ["X-Autoreply: yes", "X-Autorespond: vacation",
                                    "X-AutoReply: true", "X-Autoresponder: 1"])
def test_x_autoreply_headers(header):
    reason = reason_not_to_answer(message(header), OWN)
    assert reason and "Réponse automatique" in reason


def test_empty_return_path():
    reason = reason_not_to_answer(message("Return-Path: <>"), OWN)
    assert reason and "Return-Path" in reason
    assert reason_not_to_answer(message("Return-Path: <claire@trajectoires-travail.fr>"), OWN) is None


@pytest.mark.parametrize("report", ["delivery-status", "disposition-notification"])
def test_top_level_multipart_report(report):
    raw = message("MIME-Version: 1.0",
                  f'Content-Type: multipart/report; report-type={report}; boundary="b"',
                  body="--b\r\nContent-Type: text/plain\r\n\r\nRapport\r\n--b--\r\n")
    reason = reason_not_to_answer(raw, OWN)
    assert reason and "multipart/report" in reason


@pytest.mark.parametrize("header", ["List-Id: <fabrique.lists.exemple.fr>",
                                    "List-Unsubscribe: <mailto:unsub@exemple.fr>",
                                    "List-Post: <mailto:liste@exemple.fr>"])
def test_mailing_list_headers(header):
    reason = reason_not_to_answer(message(header), OWN)
    assert reason and "liste de diffusion" in reason


@pytest.mark.parametrize("sender", ["noreply@exemple.fr", "no-reply@exemple.fr", "No_Reply@exemple.fr",
                                    "donotreply@exemple.fr", "do-not-reply@exemple.fr",
                                    "ne-pas-repondre@exemple.fr", "nepasrepondre@exemple.fr",
                                    "MAILER-DAEMON@mx.exemple.fr", "postmaster@exemple.fr",
                                    "noreply-notifications@exemple.fr", "bounces+123@exemple.fr",
                                    "Plateforme <no.reply@exemple.fr>"])
def test_no_reply_senders(sender):
    reason = reason_not_to_answer(message(sender=sender), OWN)
    assert reason and "n'accepte pas de réponse" in reason


@pytest.mark.parametrize("sender", ["nora.replier@exemple.fr", "noreen@exemple.fr",
                                    "reply@exemple.fr", "daemon.lucas@exemple.fr"])
def test_people_with_similar_names_are_answered(sender):
    assert reason_not_to_answer(message(sender=sender), OWN) is None


@pytest.mark.parametrize("sender", ["fabrique@anact.fr", "FABRIQUE@ANACT.FR",
                                    "La Fabrique <fabrique@anact.fr>",
                                    "fabrique+FAB-2022-0001@anact.fr",
                                    "secretariat.fabrique@anact.fr"])
def test_our_own_addresses(sender):
    reason = reason_not_to_answer(message(sender=sender), OWN)
    assert reason and "adresse du service" in reason


def test_own_addresses_are_not_a_whole_domain():
    assert reason_not_to_answer(message(sender="directeur@anact.fr"), OWN) is None
    assert reason_not_to_answer(message(sender="fabrique@anact.fr.evil.com"), OWN) is None


@pytest.mark.parametrize("sender", [None, "", "Claire Lemonnier", "<>", "claire@", "@exemple.fr",
                                    "undisclosed-recipients:;"])
def test_no_usable_from(sender):
    reason = reason_not_to_answer(message(sender=sender), OWN)
    assert reason and "expéditeur" in reason


def test_out_of_office_subject():
    raw = message().replace(b"Subject: Candidature Fabrique CTO",
                            "Subject: Réponse automatique : absence du bureau".encode())
    assert reason_not_to_answer(raw, OWN)


def test_the_labelled_out_of_office_reply():
    raw = (ROOT / "tests" / "corpus" / "cases" / "d36_out_of_office.eml").read_bytes()
    assert "Auto-Submitted" in reason_not_to_answer(raw, OWN)


def test_our_own_answers_are_never_answered(config):
    """The loop breaker: an answer of ours coming back (a forward, a misdirected copy)."""
    raw = EXAMPLES[0].read_bytes()
    when = datetime(2022, 8, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    answer = compose("acknowledgement", {}, "FAB-2022-0001", incoming_from_raw(raw, when),
                     answer_settings({}), config.call, now=when)
    assert reason_not_to_answer(answer.raw, ["autre@anact.fr"])  # Auto-Submitted alone suffices
    assert reason_not_to_answer(answer.raw, OWN)


# ------------------------------------------------------------------ broken input


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\x01\x02\xff\xfe",
    b"no header at all, just text\r\n",
    b"From: \xff\xfe\xfd <\xc3\x28@exemple.fr>\r\nSubject: \xe9t\xe9\r\n\r\nx",
    b"From: =?unknown-8bit?Q?=E9?= <claire@exemple.fr>\r\nSubject: =?utf-8?B?####?=\r\n\r\n",
    b"From: =?utf-8?Q?Cl=C3=A9ment?= <clement@exemple.fr>\r\nAuto-Submitted:\r\n\r\n",
    b"From claire@exemple.fr Sat Aug 20 10:00:00 2022\nFrom: claire@exemple.fr\nPrecedence: bulk\n\nx",
    b"\xef\xbb\xbfFrom: claire@exemple.fr\r\n\r\n",
    b" folded continuation first\r\n\tand more\r\nFrom: a@b.fr\r\n\r\n",
    b"From: " + b"a" * 500_000 + b"@exemple.fr\r\n\r\n",
    b"Content-Type: multipart/report; boundary=\r\nFrom: a@b.fr\r\n\r\n",
    b"From: \"unterminated <a@b.fr>\r\nTo: (comment\r\n\r\n",
    b"Subject: x\rFrom: a@b.fr\rAuto-Submitted: auto-replied\r\r",
])
def test_broken_headers_never_raise(raw):
    reason = reason_not_to_answer(raw, OWN)
    assert reason is None or isinstance(reason, str)


def test_cr_only_line_ends_are_read():
    assert reason_not_to_answer(b"Subject: x\rFrom: a@b.fr\rAuto-Submitted: auto-replied\r\rx", OWN)


def test_an_mbox_separator_line_is_not_a_header():
    raw = b"From claire@exemple.fr Sat Aug 20 10:00:00 2022\nFrom: claire@exemple.fr\n\nx"
    assert reason_not_to_answer(raw, OWN) is None


def test_a_latin1_sender_name_is_fine():
    raw = b"From: Cl\xe9ment <clement@exemple.fr>\r\nSubject: Candidature\r\n\r\nx"
    assert reason_not_to_answer(raw, OWN) is None


def test_bad_own_addresses_are_ignored():
    assert reason_not_to_answer(message(), ["", "pas une adresse", None]) is None  # type: ignore[list-item]


@pytest.mark.skipif(not REAL_MAIL.is_dir(), reason="../shared/corpus/real/mail absent")
def test_every_real_world_message_gets_a_verdict():
    files = sorted(p for p in REAL_MAIL.iterdir() if p.is_file())
    verdicts = [reason_not_to_answer(p.read_bytes(), OWN) for p in files]
    assert all(v is None or isinstance(v, str) for v in verdicts)
    # the corpus holds bounces and automatic replies: some must be caught
    assert sum(v is not None for v in verdicts) >= 10


def test_usable_address():
    assert usable_address(" <claire@exemple.fr> ") == "claire@exemple.fr"
    assert usable_address("Claire <claire@exemple.fr>") is None
    assert usable_address("claire@exemple") is None
    assert usable_address(None) is None


def test_the_body_is_not_read_as_headers():
    for eol in (b"\r\n", b"\n", b"\r"):
        raw = eol.join([b"From: claire@exemple.fr", b"Subject: Candidature", b"",
                        b"Precedence: bulk", b"List-Id: <x>"])
        assert reason_not_to_answer(raw, OWN) is None
