"""The answers as an applicant receives them: composed from dossiers the real pipeline
produced on the repository's example messages, then parsed back with the stdlib email
parser and read like a mail client would."""

from __future__ import annotations

import dataclasses
import email
import hashlib
import re
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from intake.answering.answers import (
    ANSWERS,
    KINDS,
    Answer,
    Incoming,
    answer_kind,
    compose,
    incoming_from_raw,
)
from intake.answering.mail_settings import AnswerSettings, answer_settings
from intake.config import ConfigError
from intake.reading.pipeline import inspect_message

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "corpus" / "cases"
COMPLETE = EXAMPLES / "01-complete-docx-et-budget-xlsx.eml"
BODY = EXAMPLES / "02-proposition-dans-le-corps-du-message.eml"
INCOMPLETE = EXAMPLES / "03-depense-non-eligible-et-cofinancement-insuffisant.eml"
SCANNED = EXAMPLES / "04-budget-numerise.eml"
LATE = EXAMPLES / "05-hors-delai.eml"
NO_DOCUMENT = CASES / "d33_cijoint_no_attachment.eml"
RAR_AND_MISSING = CASES / "d32_unsupported_rar_and_missing.eml"
QUESTION = CASES / "d35_question_email.eml"
PARIS = ZoneInfo("Europe/Paris")
ON_TIME = datetime(2022, 8, 20, 10, 3, 27, tzinfo=PARIS)
AFTER_DEADLINE = datetime(2022, 8, 24, 9, 12, tzinfo=PARIS)
NOW = datetime(2022, 8, 20, 10, 5, tzinfo=PARIS)
REF = "FAB-2022-0042"
FLAG_CODES = ("no_proposal_document", "unreadable_attachment", "scanned_document",
              "missing_section", "missing_budget", "missing_budget_item", "budget_total_mismatch",
              "anact_request_over_cap", "cofinancing_below_minimum", "ineligible_expense",
              "late_submission", "project_end_after_limit", "subject_mismatch")
INTERNAL_WORDS = FLAG_CODES + ("needs_review", "not_a_proposal", "methodologie", "problematique",
                               "perennisation", "deplacements_logistique", "cofinancement",
                               "parsed", "unsupported", "blocking", "warning", "None")


@dataclasses.dataclass
class Case:
    raw: bytes
    dossier: dict
    incoming: Incoming


@pytest.fixture(scope="module")
def case(config):
    """The real pipeline's dossier for a message, read once per module."""
    cache: dict[tuple[Path, datetime], Case] = {}

    def get(path: Path, received: datetime = ON_TIME) -> Case:
        if (path, received) not in cache:
            raw = path.read_bytes()
            dossier = inspect_message(raw, config, received=received).dossier
            cache[path, received] = Case(raw, dossier, incoming_from_raw(raw, received))
        return cache[path, received]

    return get


@pytest.fixture(scope="module")
def settings(config) -> AnswerSettings:
    import tomllib

    return answer_settings(tomllib.loads((ROOT / "config.toml").read_text(encoding="utf-8")))


def parse(answer: Answer) -> EmailMessage:
    return email.message_from_bytes(answer.raw, policy=policy.default)


def text_of(msg: EmailMessage) -> str:
    """The plain alternative, with no-break spaces as plain spaces and lines unwrapped,
    so that assertions read like the sentence an applicant sees."""
    body = msg.get_body(("plain",)).get_content()
    return re.sub(r"\s+", " ", body.replace("\u00a0", " "))


def html_of(msg: EmailMessage) -> str:
    return msg.get_body(("html",)).get_content().replace("\u00a0", " ")


def make(kind, c: Case, settings, call, **kw) -> tuple[Answer, EmailMessage, str, str]:
    answer = compose(kind, c.dossier, REF, c.incoming, settings, call, now=kw.pop("now", NOW), **kw)
    msg = parse(answer)
    return answer, msg, text_of(msg), html_of(msg)


# ------------------------------------------------------------------ which email


@pytest.mark.parametrize(("decision", "previous", "kind"), [
    ("complete", None, "acknowledgement"),
    ("complete", "incomplete", "completed"),
    ("complete", "needs_review", "completed"),
    ("complete", "complete", None),
    ("incomplete", None, "completion_request"),
    ("incomplete", "incomplete", "completion_request"),
    ("needs_review", None, "review"),
    ("needs_review", "needs_review", None),
    ("late", None, "late"),
    ("late", "late", None),
    ("late", "incomplete", None),
    ("not_a_proposal", None, "holding"),
    ("not_a_proposal", "not_a_proposal", None),
    ("complete", "not_a_proposal", "acknowledgement"),
])
def test_answer_kind_table(decision, previous, kind):
    assert answer_kind(decision, previous, holding_reply=True) == kind


def test_holding_reply_can_be_switched_off():
    assert answer_kind("not_a_proposal", None, holding_reply=False) is None
    assert answer_kind("complete", None, holding_reply=False) == "acknowledgement"


def test_answer_kind_rejects_unknown_decisions():
    with pytest.raises(ValueError):
        answer_kind("accepted", None, holding_reply=True)
    with pytest.raises(ValueError):
        answer_kind("complete", "maybe", holding_reply=True)


def test_every_kind_in_the_table_has_templates():
    assert set(ANSWERS.values()) == set(KINDS)
    for kind in KINDS:
        for ext in ("txt", "html"):
            assert (ROOT / "templates" / "emails" / f"{kind}.{ext}.j2").is_file()


# ------------------------------------------------------------------ settings


def test_settings_defaults_without_a_table():
    s = answer_settings({})
    assert s.from_address == "fabrique@anact.fr"
    assert s.reply_to == s.from_address
    assert s.own_addresses == ("fabrique@anact.fr",)
    assert (s.max_per_recipient_per_day, s.split_window_minutes) == (3, 30)
    assert s.holding_reply is True and s.hold_completion_requests is False
    assert s.hold_for_approval == ("late",)  # a refusal waits for a person by default
    assert s.message_id_domain == "anact.fr"
    assert s.signature and s.signature[-1] == "fabrique@anact.fr"


def test_the_answers_held_for_a_person_are_named_in_the_settings():
    s = answer_settings({"answers": {"hold_for_approval": ["review"], "hold_completion_requests": True}})
    assert s.hold_for_approval == ("review", "completion_request") and s.hold_completion_requests
    assert answer_settings({"answers": {"hold_for_approval": []}}).hold_for_approval == ()
    with pytest.raises(ConfigError, match="acknowledgement.*n'est pas une réponse qui refuse ou demande"):
        answer_settings({"answers": {"hold_for_approval": ["acknowledgement"]}})


def test_settings_from_the_repository_config(settings):
    assert settings.from_address == "fabrique@anact.fr"
    assert settings.from_name == "La Fabrique CTO – Anact"


def test_settings_follow_the_call_mailbox_and_include_own_addresses():
    s = answer_settings({"call": {"mailbox": "ami@exemple.fr"},
                         "answers": {"reply_to": "Reponses@Exemple.fr",
                                     "own_addresses": ["envoi@exemple.fr"]}})
    assert s.from_address == "ami@exemple.fr"
    assert s.message_id_domain == "exemple.fr"
    assert s.own_addresses == ("ami@exemple.fr", "reponses@exemple.fr", "envoi@exemple.fr")


@pytest.mark.parametrize(("table", "key"), [
    ({"split_window_minutes": "dix"}, "answers.split_window_minutes"),
    ({"max_per_recipient_per_day": True}, "answers.max_per_recipient_per_day"),
    ({"holding_reply": "oui"}, "answers.holding_reply"),
    ({"from_address": "fabrique"}, "answers.from_address"),
    ({"reply_to": "Fabrique <fabrique@anact.fr>"}, "answers.reply_to"),
    ({"own_addresses": ["pas une adresse"]}, "answers.own_addresses"),
    ({"own_addresses": "fabrique@anact.fr"}, "answers.own_addresses"),
    ({"signature": "Le secrétariat"}, "answers.signature"),
    ({"message_id_domain": "anact fr"}, "answers.message_id_domain"),
    ({"from_name": "A\nBcc: x@y.fr"}, "answers.from_name"),
    ({"split_window_minute": 30}, "answers.split_window_minute"),
])
def test_bad_settings_say_which_key(table, key):
    with pytest.raises(ConfigError, match=re.escape(key)):
        answer_settings({"answers": table})


def test_answers_must_be_a_table():
    with pytest.raises(ConfigError, match="answers"):
        answer_settings({"answers": 3})


# ------------------------------------------------------------------ headers and structure


def test_acknowledgement_headers_thread_in_the_applicant_client(case, settings, call):
    c = case(COMPLETE)
    answer, msg, _, _ = make("acknowledgement", c, settings, call)
    assert answer.kind == "acknowledgement"
    assert msg["To"].addresses[0].addr_spec == "claire.lemonnier@trajectoires-travail.fr"
    assert msg["To"].addresses[0].display_name == "Claire Lemonnier"
    assert answer.to == "claire.lemonnier@trajectoires-travail.fr"
    assert msg["From"].addresses[0].addr_spec == "fabrique@anact.fr"
    assert msg["From"].addresses[0].display_name == "La Fabrique CTO – Anact"
    assert str(msg["Reply-To"]) == "fabrique@anact.fr"
    assert msg["Subject"] == f"[{REF}] Accusé de réception de votre candidature – La Fabrique CTO"
    assert answer.subject == msg["Subject"]
    assert msg["In-Reply-To"] == "<3d8639d7bd5e4057.736323@trajectoires-travail.fr>"
    assert answer.in_reply_to == msg["In-Reply-To"]
    assert msg["References"].split()[-1] == "<3d8639d7bd5e4057.736323@trajectoires-travail.fr>"
    assert msg["Message-ID"] == answer.message_id
    assert re.fullmatch(r"<[^<>@\s]+FAB-2022-0042@anact\.fr>", answer.message_id)
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["Precedence"] is None
    assert msg["Date"].datetime == NOW
    assert msg.get_content_type() == "multipart/alternative"
    types = [p.get_content_type() for p in msg.iter_parts()]
    assert types == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in msg.iter_parts())


def test_raw_bytes_are_sendable_over_smtp(case, settings, call):
    answer = compose("completion_request", case(INCOMPLETE).dossier, REF, case(INCOMPLETE).incoming,
                     settings, call, now=NOW)
    head = answer.raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # non-ASCII headers are RFC 2047 encoded
    assert b"\n" not in answer.raw.replace(b"\r\n", b"")
    assert max(len(line) for line in answer.raw.split(b"\r\n")) <= 998


def test_references_keep_the_chain_and_add_the_message_id(case, settings, call):
    base = case(COMPLETE).incoming
    chain = [f"<m{i}@exemple.fr>" for i in range(30)]
    incoming = dataclasses.replace(base, references=["<a@x.fr>", "garbage with spaces", *chain],
                                   message_id="b@x.fr")
    answer = compose("acknowledgement", case(COMPLETE).dossier, REF, incoming, settings, call, now=NOW)
    msg = parse(answer)
    refs = msg["References"].split()
    assert msg["In-Reply-To"] == "<b@x.fr>"
    assert refs[0] == "<a@x.fr>" and refs[-1] == "<b@x.fr>"
    assert len(refs) == 20 and "garbage" not in msg["References"]


def test_no_in_reply_to_without_a_message_id(case, settings, call):
    incoming = dataclasses.replace(case(COMPLETE).incoming, message_id=None, references=[])
    answer = compose("acknowledgement", case(COMPLETE).dossier, REF, incoming, settings, call, now=NOW)
    msg = parse(answer)
    assert answer.in_reply_to is None
    assert msg["In-Reply-To"] is None and msg["References"] is None


def test_reply_to_can_be_the_dossier_plus_address(case, settings, call):
    plus = dataclasses.replace(settings, reply_to_plus_reference=True)
    _, msg, _, _ = make("acknowledgement", case(COMPLETE), plus, call)
    assert str(msg["Reply-To"]) == "fabrique+FAB-2022-0042@anact.fr"


def test_incoming_from_raw_reads_what_the_answer_needs():
    raw = COMPLETE.read_bytes()
    inc = incoming_from_raw(raw, ON_TIME)
    assert inc.message_id == "<3d8639d7bd5e4057.736323@trajectoires-travail.fr>"
    assert inc.sender == "claire.lemonnier@trajectoires-travail.fr"
    assert inc.sender_name == "Claire Lemonnier"
    assert "FABRIQUE CTO" in inc.subject
    assert inc.sha256 == hashlib.sha256(raw).hexdigest()
    assert inc.received == ON_TIME


# ------------------------------------------------------------------ what the applicant reads


def test_acknowledgement_says_what_was_received_when_and_its_hash(case, settings, call):
    c = case(COMPLETE)
    _, _, text, html = make("acknowledgement", c, settings, call)
    assert text.startswith("Bonjour Claire Lemonnier, ")  # "Claire Lemonnier" <claire.lemonnier@…>
    assert "Nous accusons réception de votre candidature" in text
    assert "le 20 août 2022 à 10 h 03 (heure de Paris)" in text
    assert hashlib.sha256(c.raw).hexdigest() in text
    assert hashlib.sha256(c.raw).hexdigest() in html
    assert f"référence {REF}" in text
    assert "Candidature_Fabrique_CTO_HYBRIDE-COLLECTIF.docx : lue" in text
    assert "Budget HYBRIDE-COLLECTIF.xlsx : lue" in text
    assert "les dix parties demandées par l'appel" in text
    for label in (s.label for s in call.sections.values()):
        assert label in text
    assert "48 000 €" in text and "33 500 €" in text and "30,2 %" in text
    assert "comité de sélection" in text
    assert "sélection des projets le 2 septembre 2022" in text  # [call] selection_date
    assert "Bien cordialement" in text and "Le secrétariat de la Fabrique CTO" in text
    assert "ne préjuge pas de la sélection de votre projet" in text


def test_acknowledgement_quotes_the_selection_date_when_configured(case, settings, call):
    _, _, text, html = make("acknowledgement", case(COMPLETE), settings, call)
    assert "sélection des projets le 2 septembre 2022" in text
    assert "sélection des projets le 2 septembre 2022" in html
    without = dataclasses.replace(call, selection_date=None)
    _, _, text, _ = make("acknowledgement", case(COMPLETE), settings, without)
    assert "2 septembre 2022" not in text and "après la clôture de l'appel" in text


def test_acknowledgement_of_a_proposal_in_the_body(case, settings, call):
    _, _, text, _ = make("acknowledgement", case(BODY), settings, call)
    assert "corps de votre message" in text
    assert "Pièces jointes" not in text


def test_completion_request_names_each_problem_with_figures_and_the_date(case, settings, call):
    _, msg, text, html = make("completion_request", case(INCOMPLETE), settings, call)
    assert msg["Subject"] == f"[{REF}] Éléments à compléter pour votre candidature – La Fabrique CTO"
    assert "9 000 €, soit 15 % du coût total de 60 000 €" in text
    assert "au moins 12 000 €" in text
    assert "Achat d'un véhicule de service" in text  # the ineligible expense, as written
    assert "co-financement à hauteur de 20 % du montant total du projet" in text  # the call quoted
    assert "au plus tard le 30 août 2022" in text  # [call] completion_deadline
    assert "au plus tard le 30 août 2022" in html
    assert "sélection des projets le 2 septembre 2022" in text
    assert f"en gardant la référence {REF} dans l'objet" in text
    assert "avec les pièces complétées" in text
    assert hashlib.sha256(case(INCOMPLETE).raw).hexdigest() in text


def test_completion_request_reply_date_follows_the_calls_calendar_not_the_clock(case, settings, call):
    # replayed years later, the request still asks by the call's date
    _, _, text, _ = make("completion_request", case(INCOMPLETE), settings, call,
                         now=datetime(2026, 12, 5, 9, 0, tzinfo=PARIS))
    assert "au plus tard le 30 août 2022" in text and "2026" not in text.split("POUR COMPLÉTER")[1][:400]
    only_selection = dataclasses.replace(call, completion_deadline=None)
    _, _, text, _ = make("completion_request", case(INCOMPLETE), settings, only_selection)
    assert "au plus tard le 1er septembre 2022" in text
    undated = dataclasses.replace(call, completion_deadline=None, selection_date=None)
    _, _, text, _ = make("completion_request", case(INCOMPLETE), settings, undated)
    assert "au plus tard" not in text and "dès que possible" in text


def test_completion_request_names_each_missing_part_in_the_call_words(case, settings, call):
    _, _, text, html = make("completion_request", case(RAR_AND_MISSING), settings, call)
    assert "ne présente pas la partie suivante" in text
    assert "le pilotage et la comitologie" in text
    assert "Annexes.rar" in text and "format n'est pas pris en charge" in text
    asked = text.split("ne présente pas", 1)[1].split("POUR COMPLÉTER", 1)[0]
    assert "le contexte du projet" not in asked  # present parts are not asked for
    assert "le contexte du projet" in text.split("CE QUE NOUS AVONS REÇU", 1)[1]  # but listed


def test_completion_request_without_any_document_lists_the_whole_description(case, settings, call):
    _, _, text, _ = make("completion_request", case(NO_DOCUMENT), settings, call)
    assert "aucun document de candidature" in text
    for spec in call.sections.values():
        assert spec.label in text
    assert "« incluant un phasage détaillé »" in text  # the call's own words where they differ
    assert "Nous n'avons pas trouvé de budget" in text


def test_completion_request_over_the_cap_quotes_the_cap(case, settings, call):
    _, _, text, _ = make("completion_request", case(CASES / "d12_no_cofinancing.eml"), settings, call)
    assert "dépasse le montant maximal" in text
    assert "fixé à 80 000 € net de taxe" in text
    # "no co-financing" is said once, with the figures
    assert text.count("Aucun co-financement") + text.count("ne mentionne aucun co-financement") == 1
    # a broken rule says what would set it right, with the call's figures
    assert "Pour y remédier : ramenez la demande à l'Anact à 80 000 € au plus" in text
    assert "Pour y remédier : portez les co-financements à 20 % au moins du coût total" in text


def test_a_request_for_broken_rules_only_does_not_say_something_is_missing(case, settings, call):
    _, _, text, html = make("completion_request", case(INCOMPLETE), settings, call)
    assert "ne respecte pas encore certaines conditions de l'appel ; voici comment y remédier" in text
    assert "y manque" not in text and "y manque" not in html


def test_completion_request_after_a_completion_says_what_is_still_missing(case, settings, call):
    c = case(INCOMPLETE)
    first = dataclasses.replace(c.incoming, sha256="a" * 64, received=ON_TIME - timedelta(days=1))
    _, _, text, _ = make("completion_request", c, settings, call, received_messages=[first, c.incoming])
    assert "Il y manque encore" in text
    assert "a" * 64 in text and c.incoming.sha256 in text
    assert "Ces empreintes" in text
    # the receipt is recorded as a fact, without a legal claim an automatic system cannot make
    assert "foi" not in text and "comme trace de votre envoi" in text


def test_completed_thanks_and_quotes_every_message(case, settings, call):
    c = case(COMPLETE)
    first = dataclasses.replace(c.incoming, subject="Candidature (1/2)", sha256="b" * 64,
                                received=ON_TIME - timedelta(days=2))
    _, msg, text, html = make("completed", c, settings, call, received_messages=[first, c.incoming])
    assert msg["Subject"] == f"[{REF}] Votre candidature est complète – La Fabrique CTO"
    assert "il est complet" in text
    assert "« Candidature (1/2) »" in text
    assert "18 août 2022 à 10 h 03 min 27 s" in text and "b" * 64 in text
    assert c.incoming.sha256 in html


def test_late_quotes_both_times_and_is_polite(case, settings, call):
    c = case(LATE, AFTER_DEADLINE)
    assert c.dossier["decision"] == "late"
    _, msg, text, html = make("late", c, settings, call, now=AFTER_DEADLINE)
    assert msg["Subject"] == f"[{REF}] Candidature reçue après la date limite – La Fabrique CTO"
    assert "le 24 août 2022 à 09 h 12 (heure de Paris)" in text
    assert "23 août 2022 à 23 h 59 (heure de Paris)" in text
    assert "ne pourra pas" in text and "regret" in text
    assert c.incoming.sha256 in text and c.incoming.sha256 in html


def test_a_question_sent_after_the_deadline_is_not_called_an_application(case, settings, call):
    """The contract decides "late" first, so a question after the deadline gets the late
    answer: its subject and first words speak of a message, not of an application."""
    c = case(QUESTION, AFTER_DEADLINE)
    assert c.dossier["decision"] == "late"
    _, msg, text, _ = make("late", c, settings, call, now=AFTER_DEADLINE)
    assert msg["Subject"] == f"[{REF}] Message reçu après la clôture de l'appel – La Fabrique CTO"
    assert "votre message relatif" in text and "candidature ne pourra pas" not in text


def test_review_acknowledges_without_listing_missing_things(case, settings, call):
    c = case(SCANNED)
    assert c.dossier["decision"] == "needs_review"
    _, msg, text, _ = make("review", c, settings, call)
    assert "en cours d'examen" in msg["Subject"]
    assert "Budget signé.pdf" in text and "numérisé" in text
    assert "examine votre dossier et vous écrira dans les meilleurs délais" in text
    assert "Nous n'avons pas trouvé de budget" not in text
    assert "au plus tard le" not in text


def test_holding_reply_is_short_and_recalls_the_deadline(case, settings, call):
    c = case(QUESTION)
    assert c.dossier["decision"] == "not_a_proposal"
    _, msg, text, _ = make("holding", c, settings, call)
    assert msg["Subject"] == f"[{REF}] Nous avons bien reçu votre message – La Fabrique CTO"
    assert "vous répondra dans les meilleurs délais" in text
    assert "au plus tard le 23 août 2022 à 23 h 59" in text
    assert len(text) < 1500
    _, _, closed, _ = make("holding", c, settings, call, now=AFTER_DEADLINE)
    assert "est clos depuis le 23 août 2022" in closed


# ------------------------------------------------------------------ safety


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_content_is_escaped_in_html(case, settings, call, kind):
    c = case(COMPLETE)
    dossier = {**c.dossier, "attachments": [
        {**c.dossier["attachments"][0], "filename": "<script>alert('x')</script>.pdf",
         "status": "scanned"}]}
    dossier["sections"] = {**dossier["sections"], "contexte": {
        "present": True, "source": "<b>x.docx</b>", "heading": "<img src=x onerror=alert(1)>",
        "excerpt": ""}}
    dossier["partners"] = [{"name": "<iframe src=evil>", "contribution": ""}]
    dossier["flags"] = [{"code": "ineligible_expense", "target": "<script>", "severity": "warning",
                         "message": "La dépense « <script>bad()</script> » n'est pas éligible.",
                         "evidence": ""},
                        {"code": "missing_budget", "target": "", "severity": "blocking",
                         "message": "Budget <script>manquant</script>.", "evidence": ""}]
    incoming = dataclasses.replace(c.incoming, subject="<script>alert(document.cookie)</script>",
                                   sender_name="Évil\r\nBcc: victime@exemple.fr")
    answer = compose(kind, dossier, REF, incoming, settings, call, now=NOW)
    msg = parse(answer)
    html = html_of(msg)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "onerror=alert" not in html or "&lt;img" in html
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["claire.lemonnier@trajectoires-travail.fr"]


def test_escaped_content_is_still_shown(case, settings, call):
    c = case(COMPLETE)
    incoming = dataclasses.replace(c.incoming, subject="<script>alert(1)</script>")
    _, _, text, html = make("holding", Case(c.raw, c.dossier, incoming), settings, call)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in text  # plain text needs no escaping


@pytest.mark.parametrize("path", [COMPLETE, BODY, INCOMPLETE, SCANNED, LATE, NO_DOCUMENT,
                                  RAR_AND_MISSING, QUESTION])
def test_no_internal_code_reaches_the_applicant(case, settings, call, path):
    c = case(path)
    for kind in KINDS:
        _, _, text, html = make(kind, c, settings, call)
        for word in INTERNAL_WORDS:
            assert not re.search(rf"\b{word}\b", text), (kind, word)
            assert not re.search(rf"\b{word}\b", html), (kind, word)


@pytest.mark.parametrize("dossier", [
    {},
    {"attachments": None, "sections": None, "budget": None, "partners": None, "flags": None},
    {"attachments": [None, 3, {"filename": None, "status": "weird"}],
     "sections": {"contexte": "oui", "objectifs": {"present": True}},
     "budget": {"total_cost": "beaucoup", "anact_request": float("nan"),
                "cofinancing": {"amount": None, "share": "x"}},
     "partners": [{"name": None}, "x"],
     "flags": [{"code": "something_new", "severity": "blocking"},
               {"code": "missing_section", "target": "inconnue", "severity": "blocking",
                "message": ""},
               {"message": "Sans code."}, 7]},
])
@pytest.mark.parametrize("kind", KINDS)
def test_odd_dossiers_do_not_crash(case, settings, call, dossier, kind):
    answer = compose(kind, dossier, REF, case(COMPLETE).incoming, settings, call, now=NOW)
    msg = parse(answer)
    text, html = text_of(msg), html_of(msg)
    assert REF in msg["Subject"] and "Bien cordialement" in text and "Bien cordialement" in html
    for word in INTERNAL_WORDS:
        assert not re.search(rf"\b{word}\b", text), word
    assert "something_new" not in text and "inconnue" not in text


def test_compose_refuses_what_it_cannot_send(case, settings, call):
    c = case(COMPLETE)
    with pytest.raises(ValueError):
        compose("thanks", c.dossier, REF, c.incoming, settings, call, now=NOW)
    with pytest.raises(ValueError):
        compose("acknowledgement", c.dossier, REF, c.incoming, settings, call, now=datetime(2022, 8, 20))
    for received in (None, datetime(2022, 8, 20)):
        with pytest.raises(ValueError):
            compose("acknowledgement", c.dossier, REF, dataclasses.replace(c.incoming, received=received),
                    settings, call, now=NOW)
    for sender in ("", "pas une adresse", "a@b"):
        bad = dataclasses.replace(c.incoming, sender=sender)
        with pytest.raises(ValueError):
            compose("acknowledgement", c.dossier, REF, bad, settings, call, now=NOW)


# ------------------------------------------------------------------ counts 0, 1 and 2

@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_kind_agrees_with_its_counts(case, settings, call, n):
    """Each email rendered with no, one and two of what it counts (unread files, warnings,
    messages received, parts found), checked for French agreement in both parts."""
    from tests.french import agreement_problems, visible_text

    c = case(SCANNED)
    base = c.dossier
    files = [{**a, "status": "scanned", "filename": f"Pièce {i + 1}.pdf"} for i, a in
             enumerate((base["attachments"] * 3)[:n])]
    warnings = [{"code": "ineligible_expense", "target": f"Dépense {i + 1}", "severity": "warning",
                 "message": f"La dépense « Dépense {i + 1} » ne relève pas des dépenses éligibles."} for i in range(n)]
    sections = dict(list(base["sections"].items()))
    found = list(sections)[:n] if n < 2 else list(sections)
    sections = {sid: {**s, "present": sid in found} for sid, s in sections.items()}
    dossier = {**base, "attachments": files, "sections": sections,
               "flags": [f for f in base["flags"] if f.get("severity") == "blocking"] + warnings}
    earlier = [dataclasses.replace(c.incoming, sha256=f"{i}" * 64, received=ON_TIME - timedelta(days=i + 1))
               for i in range(n)]
    problems = []
    for kind in KINDS:
        answer = compose(kind, dossier, REF, c.incoming, settings, call, now=NOW,
                         **({"received_messages": [*earlier, c.incoming]} if kind in ("completed", "completion_request") else {}))
        msg = parse(answer)
        for where, text in (("texte", msg.get_body(("plain",)).get_content()),
                            ("HTML", visible_text(msg.get_body(("html",)).get_content()))):
            problems += [f"{kind} ({where}, {n}) : {p}" for p in agreement_problems(text)]
    assert not problems, "\n".join(problems)
    review = text_of(parse(compose("review", dossier, REF, c.incoming, settings, call, now=NOW)))
    if n == 1:
        assert "Une pièce jointe n'a pas pu être lue" in review and "de ce document" in review
    if n == 2:
        assert "Certaines pièces jointes n'ont pas pu être lues" in review and "de ces documents" in review
