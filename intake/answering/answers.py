"""The emails sent to applicants: which one a dossier calls for, and its exact bytes.

Pure: no network, no database, no clock (the caller passes `now`). The worker decides
when an answer goes out; this module decides what the applicant reads. Everything the
applicant reads is French, rendered from templates/emails/ (text and HTML), and never
shows an internal code: flags are quoted by their French message, parts by the call's
words, attachment states in plain words.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache
from hashlib import sha256

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from intake.answering.addressee import greeting
from intake.answering.envelope import MSGID, address, msgid
from intake.answering.mail_settings import AnswerSettings
from intake.config import TEMPLATES
from intake.reading.autoreply import usable_address
from intake.reading.forwards import origin
from intake.reading.message import decode_message
from intake.vocabulary import (
    ANSWER_KINDS,
    ATTACHMENT_STATUS_TO_APPLICANT,
    DECISIONS,
    euros,
    long_date,
    moment,
    percent,
)
from parsers.dates import describe_schedule
from parsers.vocab import fold

EMAIL_TEMPLATES = TEMPLATES / "emails"

# ------------------------------------------------------------------ which email

# The one table of answers: (decision before this submission, decision after it) -> the
# email that goes out. `None` before means the dossier's first message. A pair that is not
# here sends nothing: the secretariat sees the dossier and writes by hand if needed.
# Deliberately absent:
# - complete -> complete, needs_review -> needs_review, not_a_proposal -> not_a_proposal:
#   nothing new to say (a second question in a thread is for a person, and silence
#   also breaks loops with automatic senders that slipped through);
# - incomplete/needs_review/complete -> late: a dossier on time at first is never declared
#   late by the robot (a completion may come after the deadline, within the delay granted
#   by the completion request);
# - late -> anything: a late dossier is closed; anything -> not_a_proposal after the first.
ANSWERS: dict[tuple[str | None, str], str] = {
    (None, "complete"): "acknowledgement",
    (None, "incomplete"): "completion_request",
    (None, "needs_review"): "review",
    (None, "late"): "late",
    (None, "not_a_proposal"): "holding",
    # the first real proposal after a question or an automatic message
    ("not_a_proposal", "complete"): "acknowledgement",
    ("not_a_proposal", "incomplete"): "completion_request",
    ("not_a_proposal", "needs_review"): "review",
    ("not_a_proposal", "late"): "late",
    # a completion that completes
    ("incomplete", "complete"): "completed",
    ("needs_review", "complete"): "completed",
    # a completion that does not complete: what is still missing
    ("incomplete", "incomplete"): "completion_request",
    ("needs_review", "incomplete"): "completion_request",
    ("incomplete", "needs_review"): "review",
    # a later email that breaks a complete dossier (a revised budget over the cap)
    ("complete", "incomplete"): "completion_request",
    ("complete", "needs_review"): "review",
}
KINDS = ANSWER_KINDS


def answer_kind(decision: str, previous_decision: str | None, *, holding_reply: bool) -> str | None:
    """The email a dossier now calls for (see ANSWERS), or None: nothing to send.
    `holding_reply` off silences the short answer to questions."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision: {decision!r}")
    if previous_decision is not None and previous_decision not in DECISIONS:
        raise ValueError(f"unknown previous decision: {previous_decision!r}")
    kind = ANSWERS.get((previous_decision, decision))
    if kind == "holding" and not holding_reply:
        return None
    return kind


# ------------------------------------------------------------------ what we answer


@dataclass(frozen=True)
class Incoming:
    """The applicant's email we answer. `received` is the receipt time that decided
    lateness (IMAP INTERNALDATE), quoted as evidence with `sha256` of the raw bytes."""

    message_id: str | None
    references: list[str]
    sender: str
    sender_name: str
    subject: str
    received: datetime
    sha256: str


def incoming_from_raw(raw: bytes, received: datetime, call=None) -> Incoming:
    """An Incoming read from the raw bytes as stored (never raises on odd headers). With
    the call's settings, a proposal forwarded by the call's own people is answered to its
    original sender, quoting the original's sending time."""
    msg = decode_message(raw)
    refs = MSGID.findall(msg.headers.get("references", "") or "")
    who = origin(msg, call) if call is not None else None
    if who is not None and who.forwarded_by:
        sender, name = who.from_addr, who.from_name
        received = who.date if who.date is not None and who.date < received else received
    else:
        sender, name = msg.from_addr, msg.from_name
    return Incoming(
        message_id=msgid(msg.message_id),
        references=refs,
        sender=sender or "",
        sender_name=name or "",
        subject=msg.subject or "",
        received=received,
        sha256=sha256(bytes(raw)).hexdigest(),
    )


@dataclass(frozen=True)
class Answer:
    """One email ready to send: `raw` is the full RFC 5322 message (CRLF line ends)."""

    kind: str
    to: str
    subject: str
    message_id: str
    in_reply_to: str | None
    raw: bytes


SUBJECTS = {
    "acknowledgement": "Accusé de réception de votre candidature",
    "completed": "Votre candidature est complète",
    "completion_request": "Éléments à compléter pour votre candidature",
    "late": "Candidature reçue après la date limite",
    "review": "Votre candidature est en cours d'examen",
    "holding": "Nous avons bien reçu votre message",
    # the committee's decision, written by a person's approval (web.selection), not automatic
    "selected": "Votre projet est retenu",
    "not_selected": "Décision du comité de sélection sur votre candidature",
}
LETTER_KINDS = ("selected", "not_selected")
LATE_MESSAGE = "Message reçu après la clôture de l'appel"


def compose(kind: str, dossier: dict, reference: str, incoming: Incoming, settings: AnswerSettings,
            call, *, now: datetime, received_messages: list[Incoming] | None = None,
            decision: dict | None = None) -> Answer:
    """The `kind` email for `dossier` (the contract dict), answering `incoming`.

    `received_messages` are all the emails that make up the dossier, oldest first (a
    split submission, a completion); each is quoted with its receipt time and hash.
    Raises ValueError for an unknown kind, a naive datetime or a sender one cannot write to.
    """
    if kind not in SUBJECTS:
        raise ValueError(f"unknown answer kind: {kind!r}")
    received = [incoming.received] + [m.received for m in received_messages or []]
    if now.tzinfo is None or any(getattr(r, "tzinfo", None) is None for r in received):
        raise ValueError("now and every receipt time must be timezone-aware datetimes")
    to = usable_address(incoming.sender)
    if to is None:
        raise ValueError(f"no address to answer: {incoming.sender!r}")
    reference = _one_line(reference, 40) or "FAB"
    context = _context(kind, dossier if isinstance(dossier, dict) else {}, reference, incoming,
                       settings, call, now, received_messages or [incoming])
    # a question sent after the deadline is no application: its answer does not say it is one
    said = LATE_MESSAGE if kind == "late" and not context.get("has_proposal", True) else SUBJECTS[kind]
    subject = f"[{reference}] {said} – {_one_line(call.programme, 80) or 'La Fabrique CTO'}"
    context["subject"] = subject
    if kind in LETTER_KINDS:  # the committee's decision: the amount, the consensus if it is to be quoted
        d = decision or {}
        context["granted"] = euros(d.get("amount")) if d.get("amount") else None
        context["consensus"] = _one_line(d.get("consensus"), 2000) if d.get("share_consensus") else ""
        context["greeting"] = context.get("greeting") or "Madame, Monsieur"
    env = email_environment()
    text = _tidy(env.get_template(f"{kind}.txt.j2").render(**context))
    html = env.get_template(f"{kind}.html.j2").render(**context).strip() + "\n"

    msg = EmailMessage(policy=SMTP)
    message_id = address(msg, settings, to=to, to_name=_one_line(incoming.sender_name, 120), subject=subject,
                         now=now, reference=reference, parent_id=incoming.message_id,
                         parent_references=incoming.references,
                         automatic=None if kind in LETTER_KINDS else "auto-replied")
    in_reply_to = msgid(incoming.message_id)
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return Answer(kind=kind, to=to, subject=subject, message_id=message_id,
                  in_reply_to=in_reply_to, raw=msg.as_bytes())


# ------------------------------------------------------------------ templates


@lru_cache(maxsize=1)
def email_environment() -> Environment:
    """The one environment of templates/emails/, for the answers and the secretariat's
    letters: HTML templates autoescaped (file names and subjects are the applicant's)."""
    env = Environment(
        loader=FileSystemLoader(EMAIL_TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False,
                                     default=False),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["fill"] = _fill
    env.filters["q"] = _quoted
    env.filters["item"] = _item
    return env


_WIDTH = 76


def _tidy(text: str) -> str:
    """The text part's layout: no trailing spaces, never two blank lines in a row."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _quoted(text: object) -> str:
    """« text », French guillemets held to their text by no-break spaces."""
    return f"«\u00a0{text}\u00a0»"


def _typeset(text: object) -> str:
    """One line of French text whose punctuation never starts a wrapped line: the
    space before « : ; ! ? » and inside guillemets becomes a no-break space."""
    one = re.sub(r"[ \t\r\n]+", " ", str(text)).strip()
    one = re.sub(r" ([:;!?»])", "\u00a0\\1", one)
    one = re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=[€%])", "\u00a0", one)  # 16 700 €, 20 %: never split
    return one.replace("« ", "«\u00a0")


def _fill(text: str, indent: str = "") -> str:
    """A paragraph of the text part, wrapped; no-break spaces (in amounts) hold."""
    return textwrap.fill(_typeset(text), _WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def _item(text: str, bullet: str = "–", level: int = 1) -> str:
    """A list item of the text part, wrapped under its bullet."""
    pad = "  " * level
    one = _typeset(text)
    return textwrap.fill(one, _WIDTH, initial_indent=f"{pad}{bullet} ",
                         subsequent_indent=pad + " " * (len(bullet) + 1),
                         break_long_words=False, break_on_hyphens=False)


# ------------------------------------------------------------------ what the applicant reads

_STATES = ATTACHMENT_STATUS_TO_APPLICANT
_PROBLEM_STATES = ("scanned", "encrypted", "unreadable", "unsupported")
BODY_SOURCE = "corps du message"  # intake.reading.pipeline.BODY_SOURCE: the proposal is the body
_IN_BODY = "le corps de votre message"
_NUMBERS = ("zéro", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
            "dix", "onze", "douze")
# Flag codes by the heading they appear under in a completion request, in reading order.
_GROUPS = (
    ("documents", "Documents de candidature", ("no_proposal_document",)),
    ("description", "Description du projet", ("missing_section",)),
    ("budget", "Budget", ("missing_budget", "missing_budget_item", "anact_request_over_cap",
                          "cofinancing_below_minimum", "budget_total_mismatch",
                          "ineligible_expense")),
    ("calendar", "Calendrier du projet", ("project_end_after_limit",)),
    ("files", "Pièces jointes", ("unreadable_attachment", "scanned_document")),
)
# Flags about the message itself, not something the applicant can complete.
_NOT_FOR_APPLICANT = ("subject_mismatch", "late_submission")
_GENERIC = "Un élément de votre dossier est à compléter ; le secrétariat vous précisera lequel."
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")
_TECHNICAL = re.compile(r"\b[A-Za-z]*[a-z][A-Z]\w*\b")  # Python names such as BadZipFile


def _one_line(value: object, limit: int = 300) -> str:
    """Text from the dossier (the applicant's or a parser's) made safe to show: one
    line, no control or bidirectional characters, bounded."""
    if value is None:
        return ""
    text = _CONTROL.sub(" ", str(value))
    text = re.sub(r"\s+", lambda m: "\u00a0" if m.group() == "\u00a0" else " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plain_detail(detail: object) -> str:
    """A reader's explanation, without the technical names it may carry."""
    text = _one_line(detail, 400)
    text = re.sub(r"\s*\([^()]*\b[A-Za-z]*[a-z][A-Z]\w*[^()]*\)", "", text)
    if not text or _TECHNICAL.search(text):
        return ""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]  # after "Précision :"


def _tz_label(tz) -> str:
    key = getattr(tz, "key", "") or str(tz)
    return "heure de Paris" if key == "Europe/Paris" else f"heure de {key.split('/')[-1].replace('_', ' ')}"


def _money(value: object) -> str | None:
    return None if value is None or euros(value) == "—" else euros(value)


def _share(value: object) -> str | None:
    return None if value is None or percent(value) == "—" else percent(value)


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _count(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _context(kind: str, d: dict, reference: str, incoming: Incoming, settings: AnswerSettings,
             call, now: datetime, messages: list[Incoming]) -> dict:
    tz = call.timezone
    tzl = _tz_label(tz)
    flags = [f for f in _dicts(d.get("flags")) if f.get("code") not in _NOT_FOR_APPLICANT]
    attachments = _attachments(d)
    sections = _dict(d.get("sections"))
    found = []
    for sid, spec in call.sections.items():
        s = sections.get(sid)
        if isinstance(s, dict) and s.get("present"):
            source = _one_line(s.get("source"), 160)
            found.append({
                "title": spec.label,
                "heading": _one_line(s.get("heading"), 160),
                "where": _IN_BODY if source == BODY_SOURCE else _quoted(source) if source else "",
            })
    places = {p["where"] for p in found}
    parts_where = places.pop() if len(places) == 1 else ""
    if parts_where:  # one file (or the body) holds them all: said once, not ten times
        found = [{**p, "where": ""} for p in found]
    budget = _dict(d.get("budget"))
    cof = _dict(budget.get("cofinancing"))
    figures = {
        "total": _money(budget.get("total_cost")),
        "anact": _money(budget.get("anact_request")),
        "cofinancing": _money(cof.get("amount")),
        "share": _share(cof.get("share")),
    }
    codes = {f.get("code") for f in flags}
    blocking_codes = {f.get("code") for f in flags if f.get("severity") == "blocking"}
    groups = _groups(flags, call, d)
    selection = _selection_date(call)
    deadline = call.deadline
    return {
        "kind": kind,
        "reference": reference,
        "programme": _one_line(call.programme, 120),
        "title": _one_line(call.title, 300),
        "mailbox": settings.reply_to,
        "signature": [_one_line(line, 200) for line in settings.signature],
        "greeting": greeting(_one_line(incoming.sender_name, 200), incoming.sender),
        "tz": tzl,
        "received": moment(incoming.received, tz),
        "incoming_subject": _one_line(incoming.subject, 200),
        "deadline": moment(deadline, tz),
        "closed": now > deadline,
        "end_date": long_date(call.end_date),
        "cap": euros(call.anact_cap),
        "min_share": percent(call.cofinancing_min_share),
        "selection": long_date(selection) if selection else None,
        "reply_by": long_date(by) if (by := reply_by(call)) else None,
        "attachments": attachments,
        "problem_attachments": [a for a in attachments if a["problem"]],
        "parts_found": found,
        "parts_total": len(call.sections),
        "parts_found_words": _count(len(found)),
        "parts_total_words": _count(len(call.sections)),
        "parts_where": parts_where,
        "in_body": parts_where == _IN_BODY or any(p["where"] == _IN_BODY for p in found),
        "figures": figures,
        "partners": [n for n in (_one_line(p.get("name"), 160) for p in _dicts(d.get("partners"))) if n],
        "calendar": describe_schedule(d.get("project")),
        "groups": [g for g in groups if g.get("key") != "reminder"],
        # nothing was sent: the call's list of parts, as a reminder after the list received
        "reminder": next((g for g in groups if g.get("key") == "reminder"), None),
        # only rules broken, nothing missing: the request does not say "il y manque"
        "only_rules": bool(blocking_codes) and blocking_codes <= set(RULE_CODES),
        "has_rules": bool(blocking_codes & set(RULE_CODES)),
        "warnings": _warning_items(flags, d),
        "has_proposal": "no_proposal_document" not in codes,
        "quotes": {
            "cofinancing": any(f.get("code") == "cofinancing_below_minimum"
                               or (f.get("code") == "missing_budget_item"
                                   and f.get("target") == "cofinancement") for f in flags),
            "cap": "anact_request_over_cap" in codes,
            "eligible": "ineligible_expense" in codes,
            "end_date": "project_end_after_limit" in codes,
        },
        "evidence": [
            {"subject": _one_line(m.subject, 200) or "(sans objet)",
             "received": moment(m.received, tz, seconds=True),
             "sha256": _one_line(m.sha256, 64)}
            for m in messages
        ],
        "several": len(messages) > 1,
    }


def _selection_date(call):
    """[call] selection_date, when config.toml gives it (the call's "date de sélection")."""
    return getattr(call, "selection_date", None)


def reply_by(call) -> date | None:
    """The date a completion request asks the missing pieces by: the call's completion
    deadline, else the day before the selection; never a count of days from the time the
    service happens to run (a replayed mailbox would ask for 2026)."""
    deadline = getattr(call, "completion_deadline", None)
    if deadline is not None:
        return deadline
    selection = _selection_date(call)
    return selection - timedelta(days=1) if selection else None


def _attachments(d: dict) -> list[dict]:
    out = []
    for a in _dicts(d.get("attachments")):
        status = a.get("status")
        out.append({
            "name": _one_line(a.get("filename"), 160) or "(pièce jointe sans nom)",
            "state": _STATES.get(str(status), "non lue"),
            "problem": status in _PROBLEM_STATES,
        })
    return out


def _details(d: dict) -> dict[str, str]:
    """File name -> the reader's plain explanation of why it was not read."""
    out = {}
    for a in _dicts(d.get("attachments")):
        if a.get("status") in _PROBLEM_STATES:
            detail = _plain_detail(a.get("detail"))
            if detail:
                out[_one_line(a.get("filename"), 160)] = detail
    return out


# Rules a dossier may break (not a missing piece): the request says how to set each right.
RULE_CODES = ("anact_request_over_cap", "cofinancing_below_minimum", "ineligible_expense",
              "project_end_after_limit", "budget_total_mismatch")


def _how_to_fix(code: str, call) -> str:
    """What would set a broken rule right, with the call's own figures."""
    if call is None:
        return ""
    return {
        "anact_request_over_cap": f"Pour y remédier : ramenez la demande à l'Anact à {euros(call.anact_cap)} au "
                                  "plus, en réduisant le budget ou en augmentant les co-financements.",
        "cofinancing_below_minimum": f"Pour y remédier : portez les co-financements à "
                                     f"{percent(call.cofinancing_min_share)} au moins du coût total "
                                     "(autofinancement, apports en nature valorisés, autres financeurs), "
                                     "ou réduisez la demande à l'Anact.",
        "ineligible_expense": "Pour y remédier : retirez cette dépense du budget présenté, ou financez-la "
                              "hors de la demande à l'Anact.",
        "project_end_after_limit": f"Pour y remédier : resserrez le calendrier pour que le projet s'achève "
                                   f"au plus tard le {long_date(call.end_date)}.",
        "budget_total_mismatch": "Pour y remédier : vérifiez que le total annoncé est bien la somme des "
                                 "lignes du budget.",
    }.get(code, "")


def _flag_item(f: dict, details: dict[str, str], call=None) -> dict:
    text = _one_line(f.get("message"), 1000) or _GENERIC
    fix = _how_to_fix(str(f.get("code") or ""), call)
    if fix:
        text = f"{text} {fix}"
    detail = details.get(_one_line(f.get("target"), 160), "") if f.get("code") in (
        "unreadable_attachment", "scanned_document") else ""
    return {"text": text, "detail": detail}


def _groups(flags: list[dict], call, d: dict) -> list[dict]:
    """The blocking flags, grouped for a completion request; each a title, an optional
    intro and its items (plain sentences)."""
    blocking = [f for f in flags if f.get("severity") == "blocking"]
    codes = {f.get("code") for f in blocking}
    details = _details(d)
    groups = []
    placed: set[int] = set()
    for key, title, group_codes in _GROUPS:
        members = [f for f in blocking if f.get("code") in group_codes]
        placed.update(id(f) for f in members)
        if key == "description":
            group = _description_group(members, call, whole="no_proposal_document" in codes)
            if group:
                groups.append(group)
            continue
        if key == "budget" and "cofinancing_below_minimum" in codes:
            # "no co-financing" is said twice by the rules; the one with figures stays
            members = [f for f in members if not (f.get("code") == "missing_budget_item"
                                                  and f.get("target") == "cofinancement")]
        if members:
            groups.append({"key": key, "title": title, "intro": "", "entries":
                           [_flag_item(f, details, call) for f in members]})
    others = [f for f in blocking if id(f) not in placed]
    if others:
        groups.append({"key": "other", "title": "Autres points", "intro": "",
                       "entries": [_flag_item(f, details) for f in others]})
    return groups


def _description_group(members: list[dict], call, *, whole: bool) -> dict | None:
    missing = [f.get("target") for f in members]
    if not missing:
        return None
    items = []
    for sid in (s for s in call.sections if s in missing):
        spec = call.sections[sid]
        text = spec.label
        if not set(fold(spec.quote).split()) <= set(fold(spec.label).split()):
            text += f" (l'appel demande : « {spec.quote} »)"
        items.append({"text": text, "detail": ""})
    if any(t not in call.sections for t in missing):
        items.append({"text": "une autre partie de la description demandée par l'appel", "detail": ""})
    for i, item in enumerate(items):  # a French list: "… ;" then "…."
        item["text"] += " ;" if i < len(items) - 1 else "."
    if whole:  # said once in the request ("la description du projet"), listed as a reminder below
        return {"key": "reminder", "title": "Description du projet", "entries": items,
                "intro": "La description du projet doit présenter :"}
    if len(items) == 1:
        intro = "La description du projet ne présente pas la partie suivante, demandée par l'appel :"
    else:
        intro = "La description du projet ne présente pas les parties suivantes, demandées par l'appel :"
    return {"key": "description", "title": "Description du projet", "intro": intro, "entries": items}


def _warning_items(flags: list[dict], d: dict) -> list[dict]:
    """Points that do not make the dossier incomplete but deserve the applicant's eye."""
    details = _details(d)
    return [_flag_item(f, details) for f in flags if f.get("severity") != "blocking"]
