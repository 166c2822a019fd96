"""The walk of the MIME tree: the main body, its alternatives, attachments and enclosed
messages."""

from __future__ import annotations

import binascii
from collections import deque
from dataclasses import dataclass, field
from email import policy as email_policy
from email.message import Message
from email.parser import BytesParser

from intake.reading.mime.charsets import clean, codec_of, decode_bytes, is_single_byte
from intake.reading.mime.headers import b64_lenient, header_text
from intake.reading.mime.html import html_to_text
from intake.reading.mime.model import (
    MAX_DEPTH,
    MAX_PARTS,
    STDLIB_DEFECTS,
    MimePart,
    Notes,
    raw_payload,
)
from intake.reading.mime.parts import (
    charset_of,
    disposition_of,
    filename_of,
    flatten,
    param,
    payload_bytes,
    raw_header,
)


@dataclass
class _Enclosure:
    """The outer message or one forwarded (message/rfc822) inside it."""

    msg: Message
    depth: int
    forwarded: bool
    texts: list[str] = field(default_factory=list)
    html: str = ""


_SKIPPED_TYPES = {
    "message/delivery-status",
    "message/global-delivery-status",
    "text/rfc822-headers",
    "message/rfc822-headers",
    "text/global-headers",
    "message/disposition-notification",
    "message/global-disposition-notification",
    "message/feedback-report",
}


_ENCLOSED_TYPES = {"message/rfc822", "message/global", "message/news"}


class Walker:
    """Iterative, bounded walk of the MIME tree (no recursion: hostile nesting cannot
    exhaust the stack)."""

    def __init__(self, hints: tuple[str, ...], notes: Notes, max_parts: int = MAX_PARTS,
                 max_depth: int = MAX_DEPTH) -> None:
        self.hints = hints
        self.notes = notes
        self.max_parts, self.max_depth = max_parts, max_depth
        self.parts: list[MimePart] = []
        self.enclosures: list[_Enclosure] = []
        self.visited = 0
        self.stopped = False
        self.report_types: set[str] = set()  # seen in the outer message
        self.encrypted = False

    def run(self, root: Message) -> None:
        queue: deque[_Enclosure] = deque([_Enclosure(root, 0, False)])
        while queue and not self.stopped:
            enclosure = queue.popleft()
            self.enclosures.append(enclosure)
            self._walk(enclosure, queue)

    def _walk(self, enc: _Enclosure, queue: deque[_Enclosure]) -> None:
        stack: list[tuple[Message, int, bool]] = [(enc.msg, enc.depth, False)]
        while stack:
            node, depth, loser = stack.pop()
            self.visited += 1
            if self.visited > self.max_parts:
                self.notes.add(f"Le message compte plus de {self.max_parts} parties MIME : "
                               "les suivantes n'ont pas été lues.")
                self.stopped = True
                return
            if depth > self.max_depth:
                self.notes.add(f"La structure MIME dépasse {self.max_depth} niveaux "
                               "d'imbrication : les parties plus profondes n'ont pas été lues.")
                continue
            for defect in getattr(node, "defects", ()):
                note = STDLIB_DEFECTS.get(type(defect).__name__)
                if note:
                    self.notes.add(note)
            ctype = node.get_content_type().lower()
            payload = raw_payload(node)
            if ctype.startswith("message/"):
                self._message_node(node, ctype, depth, enc, queue)
            elif isinstance(payload, list):
                children = [p for p in payload if isinstance(p, Message)]
                self._container(node, ctype, enc)
                if ctype == "multipart/alternative" and not loser:
                    chosen = _choose_alternative(children)
                    flags = [i != chosen for i in range(len(children))]
                else:
                    flags = [loser] * len(children)
                for child, child_loser in reversed(list(zip(children, flags, strict=True))):
                    stack.append((child, depth + 1, child_loser))
            else:
                if ctype.startswith("multipart/"):
                    ctype = "text/plain"  # no boundary found: the body is all there is
                self._leaf(node, ctype, enc, loser)

    def _container(self, node: Message, ctype: str, enc: _Enclosure) -> None:
        if enc.forwarded:
            return
        if ctype == "multipart/report":
            report = str(param(node, "report-type") or "delivery-status").lower()
            self.report_types.add(report)
        elif ctype == "multipart/encrypted":
            self.encrypted = True

    def _message_node(self, node: Message, ctype: str, depth: int, enc: _Enclosure,
                      queue: deque[_Enclosure]) -> None:
        payload = raw_payload(node)
        if ctype in _SKIPPED_TYPES:
            if not enc.forwarded:
                self.report_types.add(ctype.split("/", 1)[1])
            return
        if ctype in _ENCLOSED_TYPES:
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message):
                queue.append(_Enclosure(_reencoded(node, inner), depth + 1, True))
                return
        if ctype == "message/external-body":
            self.notes.add("Une partie renvoie à un contenu externe (message/external-body) "
                           ": il n'a pas été récupéré.")
            return
        if ctype == "message/partial":
            self.notes.add("Le message n'est qu'un fragment (message/partial) : son contenu "
                           "est incomplet.")
        self._add_part(node, ctype, enc)

    def _leaf(self, node: Message, ctype: str, enc: _Enclosure, loser: bool) -> None:
        if ctype in _SKIPPED_TYPES:
            return
        filename = filename_of(node, self.hints)
        disposition = disposition_of(node)
        if ctype in ("text/plain", "text/html") and not filename and disposition != "attachment":
            if loser and (ctype == "text/plain" or enc.html):
                return
            text = self._text(node, ctype)
            if ctype == "text/html":
                if not enc.html:
                    enc.html = text
                if loser:
                    return
                text = html_to_text(text)
            if text.strip():
                enc.texts.append(text.strip("\n"))
            return
        if ctype in ("application/pkcs7-mime", "application/x-pkcs7-mime") and (
            "enveloped" in str(param(node, "smime-type") or "enveloped").lower()
        ) and not enc.forwarded:
            self.encrypted = True
        self._add_part(node, ctype, enc, filename, disposition)

    def _add_part(self, node: Message, ctype: str, enc: _Enclosure, filename: str | None = None,
                  disposition: str | None = None) -> None:
        if filename is None:
            filename = filename_of(node, self.hints)
        if disposition is None:
            disposition = disposition_of(node)
        raw_type = raw_header(node, "content-type")
        if raw_type is not None and "/" not in raw_type.split(";", 1)[0] and filename:
            ctype = "application/octet-stream"
            self.notes.add(f"Type MIME invalide pour « {filename} » : traité comme "
                           "application/octet-stream.")
        cid = header_text(raw_header(node, "content-id") or "", ()).strip().strip("<>")
        self.parts.append(MimePart(filename=filename, content_type=ctype,
                                   disposition=disposition, content_id=cid,
                                   data=payload_bytes(node, self.notes),
                                   forwarded=enc.forwarded))

    def _text(self, node: Message, ctype: str) -> str:
        data = payload_bytes(node, self.notes)
        declared = charset_of(node)
        text, used = decode_bytes(data, declared)
        if declared and codec_of(declared) is None:
            self.notes.add(f"Jeu de caractères inconnu « {clean(declared[:40])} » : texte "
                           f"décodé en {used}.")
        elif declared and used not in (codec_of(declared), "ascii") and not (
            used == "utf-8" and is_single_byte(codec_of(declared) or "")
        ):
            self.notes.add(f"Le texte n'est pas en « {clean(declared[:40])} » comme annoncé "
                           f": décodé en {used}.")
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _reencoded(node: Message, inner: Message) -> Message:
    """A forwarded message sent in base64 or quoted-printable (forbidden, yet GroupWise
    does it) was parsed as encoded text: decode it and parse again."""
    cte = (raw_header(node, "content-transfer-encoding") or "").strip().lower()
    if cte not in ("base64", "quoted-printable") or inner.keys():
        return inner
    try:
        text = flatten(inner).strip()
        data = b64_lenient(text)[0] if cte == "base64" else binascii.a2b_qp(text)
        return BytesParser(policy=email_policy.compat32).parsebytes(data)
    except Exception:
        return inner


def _is_body_leaf(node: Message, subtype: str) -> bool:
    if isinstance(raw_payload(node), list):
        return False
    if node.get_content_type() != f"text/{subtype}":
        return False
    if disposition_of(node) == "attachment":
        return False
    return not (param(node, "filename", "content-disposition") or param(node, "name"))


def _contains(node: Message, subtype: str, budget: int = 200) -> bool:
    """Whether a subtree holds a body leaf text/<subtype> (bounded search)."""
    stack = [node]
    while stack and budget > 0:
        budget -= 1
        current = stack.pop()
        payload = raw_payload(current)
        if isinstance(payload, list):
            if not current.get_content_type().startswith("message/"):
                stack.extend(p for p in payload if isinstance(p, Message))
        elif _is_body_leaf(current, subtype):
            return True
    return False


def _choose_alternative(children: list[Message]) -> int:
    """Index of the alternative read as body: non-empty plain text first, then a branch
    holding plain text, then the richest HTML (last), else the last one."""
    for i, child in enumerate(children):
        if _is_body_leaf(child, "plain") and payload_bytes(child, Notes()).strip():
            return i
    for i, child in enumerate(children):
        if isinstance(raw_payload(child), list) and _contains(child, "plain"):
            return i
    for i in range(len(children) - 1, -1, -1):
        if _contains(children[i], "html"):
            return i
    return len(children) - 1
