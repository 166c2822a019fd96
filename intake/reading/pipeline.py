"""One raw message in, one dossier (the contract's JSON) out: decode, read every
attachment under limits, read the proposal, apply the call's rules. Stores and sends
nothing, so `inspect` and the worker share it and any mail can be replayed."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from intake.config import Config
from intake.reading.doubts import find_doubts
from intake.reading.forwards import Origin, origin
from intake.reading.message import DecodedMessage, MimePart, decode_message
from intake.reading.rules import budget_to_contract, check, decide
from intake.reading.sandbox import preload_readers, read_file_limited
from parsers.document import PARSED, SKIPPED, UNREADABLE, Document, ParsedFile
from parsers.proposal import Proposal, read_proposal
from parsers.sniff import sniff
from parsers.text import document_from_html, document_from_text
from parsers.title import find_title
from parsers.vocab import fold

preload_readers()

BODY_SOURCE = "corps du message"
# Parts that are never proposal material: signatures, invitations, contact cards.
_SKIP_TYPES = {
    "application/pgp-signature": "Signature électronique du message : non analysée.",
    "application/pkcs7-signature": "Signature électronique du message : non analysée.",
    "application/x-pkcs7-signature": "Signature électronique du message : non analysée.",
    "text/calendar": "Invitation de calendrier : non analysée.",
    "text/vcard": "Carte de visite électronique : non analysée.",
    "text/x-vcard": "Carte de visite électronique : non analysée.",
    "text/directory": "Carte de visite électronique : non analysée.",
}
_SMALL_IMAGE_BYTES = 40_000


@dataclass
class Inspection:
    message: DecodedMessage
    files: list[ParsedFile]
    documents: list[Document]
    proposal: Proposal
    dossier: dict
    origin: Origin | None = None  # the applicant and sending time, forwards seen through
    received: datetime | None = None  # the submission's time: its first proposal document


def _default_name(part: MimePart, index: int) -> str:
    ext = mimetypes.guess_extension(part.content_type or "") or ".bin"
    return f"piece-jointe-{index}{ext}"


def _skip_reason(part: MimePart) -> str | None:
    ctype = (part.content_type or "").lower()
    if ctype in _SKIP_TYPES:
        return _SKIP_TYPES[ctype]
    if ctype.startswith("image/") or sniff(part.data[:64], part.filename, ctype).startswith("image/"):
        if part.content_id or part.disposition == "inline" or len(part.data) < _SMALL_IMAGE_BYTES:
            return "Image intégrée au message (logo ou signature) : non analysée."
    return None


def read_parts(msg: DecodedMessage, config: Config) -> list[ParsedFile]:
    """Every part, read in its own limited child, up to max_attachments of them: an
    email of 10,000 tiny parts must not cost 10,000 forks. The parts beyond the limit
    are still listed (name, hash, size); the first of them counts as unreadable, so the
    dossier goes to a person, and the others as skipped (one warning, not thousands)."""
    files: list[ParsedFile] = []
    cap = max(config.limits.max_attachments, 0)
    candidates = [p for p in msg.parts if not _skip_reason(p)]
    read = 0
    for i, part in enumerate(msg.parts, 1):
        name = part.filename or _default_name(part, i)
        reason = _skip_reason(part)
        if reason:
            files.append(ParsedFile(name, hashlib.sha256(part.data).hexdigest(),
                                    part.content_type or "application/octet-stream", SKIPPED, reason,
                                    size=len(part.data)))
            continue
        if read >= cap:
            first = read == cap
            files.append(ParsedFile(
                name, hashlib.sha256(part.data).hexdigest(),
                part.content_type or "application/octet-stream", UNREADABLE if first else SKIPPED,
                f"Le message compte {_count(len(candidates))} pièces jointes : seules les "
                f"{_count(cap)} premières sont lues (limite de lecture), celle-ci ne l'a pas été.",
                size=len(part.data)))
            read += 1
            continue
        read += 1
        files.extend(read_file_limited(name, part.data, config.limits, declared_type=part.content_type))
    return files


def _count(n: int) -> str:
    """French thousands: 10000 -> "10 000" (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def body_document(msg: DecodedMessage) -> Document | None:
    html = getattr(msg, "body_html", "") or ""
    if html.strip():
        doc = document_from_html(html, BODY_SOURCE)
        if doc.blocks:
            return doc
    if msg.body_text.strip():
        return document_from_text(msg.body_text, BODY_SOURCE)
    return None


def _is_not_a_proposal(msg: DecodedMessage, proposal: Proposal, files: list[ParsedFile], call) -> bool:
    """A bounce, a mailing whose attachments read as no proposal, or a message with no
    proposal material that is an automatic reply, a question, a "did you get our dossier?"
    follow-up, or anything that does not say it sends an application."""
    if msg.is_bounce:
        return True
    text = fold(f"{msg.subject}\n{msg.body_text[:5000]}")
    substance = len(proposal.sections) >= 3 or len(proposal.budget.lines) >= 2
    if not substance and (getattr(msg, "is_list", False) or (
            call.mailing_words.matches(text, folded=True) and not call.sending_words.matches(text, folded=True))):
        return True  # a newsletter or an invitation, even with its programme attached
    if proposal.has_content or any(f.status != SKIPPED for f in files):
        return False
    if msg.is_auto_reply or getattr(msg, "is_list", False):
        return True
    if call.followup_words.matches(text, folded=True) and "?" in msg.body_text[:5000]:
        return True  # "avez-vous bien reçu notre dossier ?": it brings none
    if call.sending_words.matches(text, folded=True):
        return False  # "ci-joint notre dossier" with nothing attached: an incomplete application
    asking = "?" in msg.body_text[:5000] and call.question_words.matches(text, folded=True)
    return asking or not call.application_words.matches(text, folded=True)


def inspect_message(raw: bytes, config: Config, *, received: datetime | None = None) -> Inspection:
    """`received` is the IMAP INTERNALDATE in the worker; the Date header otherwise."""
    return inspect_submission([(raw, received)], config)


@dataclass
class _Read:
    """One message of a submission, decoded and with every attachment read."""

    msg: DecodedMessage
    files: list[ParsedFile]
    docs: list[Document]  # the attachments' documents, then the body's
    attached: int         # how many of them are attachments
    received: datetime | None
    origin: Origin
    brings_document: bool  # an attachment (even unreadable) or a proposal in the body


def _read_message(raw: bytes, config: Config, received: datetime | None) -> _Read:
    msg = decode_message(raw, max_parts=config.limits.max_mime_parts,
                         max_depth=config.limits.max_mime_depth)
    files = read_parts(msg, config)
    docs = [f.document for f in files if f.status == PARSED and f.document is not None]
    body = body_document(msg)
    who = origin(msg, config.call)
    if who.forwarded_by and who.date is not None:
        # forwarded by the call's own people: the proposal arrived when its author sent it
        received = who.date if received is None or who.date < received else received
    brings = bool(docs) or any(f.status not in (SKIPPED, PARSED) for f in files) or (
        body is not None and read_proposal([body], config.call).has_content)
    return _Read(msg, files, docs + ([body] if body else []), len(docs), received or msg.date,
                 who, brings)


def inspect_submission(messages: list[tuple[bytes, datetime | None]], config: Config) -> Inspection:
    """Several emails of one submission read as one: a proposal sent in two or three
    emails, or completed later. Sections, budget and partners come from the union of
    their documents; the first email is the submission (its headers and its receipt
    time decide the subject check and lateness). Each pair is (raw bytes, receipt time)."""
    if not messages:
        raise ValueError("inspect_submission: at least one message")
    call = config.call
    reads = [_read_message(raw, config, received) for raw, received in messages]
    first = reads[0]
    msg = first.msg
    files = [f for r in reads for f in r.files]
    all_docs = [d for r in reads for d in r.docs]
    proposal = read_proposal(all_docs, call)
    # the submission's time is when its first proposal document arrived: a "ci-joint" email
    # with nothing attached, or a question, does not stop the clock
    brought = [r.received for r in reads if r.brings_document and r.received is not None]
    times = [r.received for r in reads if r.received is not None]
    when = min(brought) if brought else (first.received or (min(times) if times else None))
    has_document = (any(r.attached for r in reads)
                    or any(f.status not in (SKIPPED, PARSED) for f in files) or proposal.has_content)
    flags = check(call, proposal, files, subject=msg.subject, received=when, has_document=has_document)
    late = when is not None and when > call.deadline
    not_a_proposal = all(_is_not_a_proposal(r.msg, proposal, files, call) for r in reads)
    decision = decide(flags, files, late=late, not_a_proposal=not_a_proposal)
    who = first.origin
    dossier: dict[str, Any] = {
        "message": {
            "message_id": msg.message_id,
            "from": who.from_addr,
            "subject": msg.subject,
            "date": who.date.isoformat() if who.date else None,
        },
        "attachments": [f.to_contract() for f in files],
        "sections": _sections(call, proposal),
        "budget": budget_to_contract(proposal),
        "partners": [p.to_contract() for p in proposal.partners],
        "flags": [f.to_contract() for f in flags],
        "decision": decision,
    }
    title = find_title(all_docs, msg.subject, call) if decision != "not_a_proposal" else None
    dossier["title"] = title.text if title else None
    if proposal.project_end is not None:
        dossier["project_end"] = {"date": proposal.project_end.start.isoformat(), "text": proposal.project_end.text}
    if proposal.schedule is not None:
        dossier["project"] = proposal.schedule.to_contract()
    if decision in ("incomplete", "needs_review"):
        # evidence against the flags that would ask the applicant for something: the
        # request is then held for the secretariat (intake/outbox.py)
        dossier["doubts"] = [d.to_contract() for d in find_doubts(proposal, all_docs, flags, call)]
    if who.forwarded_by:
        dossier["message"]["forwarded"] = who.to_contract()
    if when is not None and reads[0].received is not None and when != reads[0].received:
        dossier["submitted"] = when.isoformat()  # the first email brought no document
    if msg.defects:
        dossier["message"]["defects"] = msg.defects
    if len(reads) > 1:
        dossier["messages"] = [{"message_id": r.msg.message_id, "from": r.msg.from_addr,
                                "subject": r.msg.subject,
                                "received": r.received.isoformat() if r.received else None}
                               for r in reads]
    return Inspection(msg, files, all_docs, proposal, dossier, who, when)


def _sections(call, proposal: Proposal) -> dict:
    out = {}
    for sid in call.sections:
        hit = proposal.sections.get(sid)
        if hit is None:
            out[sid] = {"present": False, "source": None, "heading": None, "excerpt": ""}
        else:
            out[sid] = {"present": True, "source": hit.source, "heading": hit.heading, "excerpt": hit.excerpt()}
    return out
