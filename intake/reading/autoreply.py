"""Whether a received message may get an automatic answer (RFC 3834 and practice).

An automatic answer to an automatic message starts a mail loop; one to a list spams its
members; one to a no-reply address bounces. This module only says "do not auto-answer"
and why: the message itself is still read and filed by the pipeline (a forged
Auto-Submitted on a real proposal is still a proposal).

Headers are read straight from the raw bytes, leniently: a broken header block, an
unknown charset or a malformed address never raises, it only makes a rule not apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.header import decode_header, make_header
from email.utils import getaddresses

from intake.reading.mime.bounces import AUTO_SUBJECT, BOUNCE_SUBJECT

# Bytes of header block read at most: hostile input must not cost more than this.
MAX_HEADER_BYTES = 256 * 1024
# How much of a header value is quoted back in a reason (the secretariat's log).
_QUOTE_CHARS = 80

_PRECEDENCE = ("bulk", "junk", "list", "auto_reply", "auto-reply")
_SUPPRESS_TOKENS = ("all", "autoreply", "oof")
_AUTOREPLY_HEADERS = ("x-autoreply", "x-autorespond", "x-autoresponder")
_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post")
_FALSE_VALUES = ("no", "false", "0")
# Local parts that announce nobody reads the mailbox, or a mail system's own address.
_NO_REPLY = re.compile(
    r"^(?:(?:no|do[-_.]?not|dont|ne[-_.]?pas|nepas|pas[-_.]?de)[-_.]?"
    r"(?:reply|replies|respond|response|answer|repondre|reponse)"
    r"|mailer[-_.]?daemon|postmaster|bounces?|auto[-_.]?(?:reply|responder|reponse))"
    r"(?:$|[-_.+])",
    re.I,
)
_ADDRESS = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+$")


def reason_not_to_answer(raw: bytes, own_addresses: Iterable[str]) -> str | None:
    """A French reason, for the secretariat's log, why `raw` must get no automatic
    answer; None when answering is fine. Never raises."""
    try:
        headers = _headers(bytes(raw))
        return _reason(headers, _own(own_addresses))
    except Exception as exc:  # noqa: BLE001 - a doubt about the message means no answer
        return f"En-têtes du message illisibles ({type(exc).__name__}) : pas de réponse automatique."


def _reason(h: dict[str, list[str]], own: set[str]) -> str | None:
    for value in h.get("auto-submitted", []):
        token = value.split(";", 1)[0].strip().lower()
        if token != "no":
            return (f"Message automatique (en-tête Auto-Submitted : « {_q(value)} », RFC 3834) : "
                    "pas de réponse automatique.")
    for name in _AUTOREPLY_HEADERS:
        for value in h.get(name, []):
            if value.strip().lower() not in _FALSE_VALUES:
                return (f"Réponse automatique de l'expéditeur (en-tête {_title(name)}) : "
                        "pas de réponse automatique.")
    for value in h.get("precedence", []):
        if value.strip().lower() in _PRECEDENCE:
            return (f"Envoi en nombre, liste ou réponse automatique (en-tête Precedence : "
                    f"« {_q(value)} ») : pas de réponse automatique.")
    for value in h.get("x-auto-response-suppress", []):
        tokens = {t.strip().lower() for t in re.split(r"[,;\s]+", value) if t.strip()}
        if tokens & set(_SUPPRESS_TOKENS):
            return (f"L'expéditeur demande à ne pas recevoir de réponse automatique "
                    f"(en-tête X-Auto-Response-Suppress : « {_q(value)} »).")
    for value in h.get("return-path", []):
        if re.fullmatch(r"\s*<\s*>\s*", value):
            return ("Chemin de retour vide (Return-Path: <>) : notification de remise ou message "
                    "automatique, pas de réponse automatique.")
    ctype = (h.get("content-type") or [""])[0].split(";", 1)[0].strip().lower()
    if ctype == "multipart/report":
        return ("Rapport de remise ou accusé de lecture (multipart/report) : "
                "pas de réponse automatique.")
    if h.get("x-failed-recipients"):
        return "Notification de non-remise (en-tête X-Failed-Recipients) : pas de réponse automatique."
    for name in _LIST_HEADERS:
        if name in h:
            return (f"Message d'une liste de diffusion (en-tête {_title(name)}) : "
                    "pas de réponse automatique.")
    subject = (h.get("subject") or [""])[0]
    if AUTO_SUBJECT.search(subject) or BOUNCE_SUBJECT.search(subject):
        return (f"L'objet (« {_q(subject)} ») annonce une réponse automatique ou un avis de "
                "non-remise : pas de réponse automatique.")
    sender = _sender(h)
    if sender is None:
        return "Aucune adresse d'expéditeur exploitable (en-tête From) : pas de réponse possible."
    local = sender.partition("@")[0]
    if _canonical(sender) in own:
        return f"Message envoyé par une adresse du service ({_q(sender)}) : pas de réponse automatique."
    if _NO_REPLY.match(local):
        return (f"L'adresse de l'expéditeur ({_q(sender)}) n'accepte pas de réponse "
                "(no-reply, système de messagerie) : pas de réponse automatique.")
    return None


# ------------------------------------------------------------------ lenient headers


def _headers(raw: bytes) -> dict[str, list[str]]:
    """Lower-cased header name -> decoded values, in order, from the header block."""
    block = raw[:MAX_HEADER_BYTES]
    if block.startswith(b"\xef\xbb\xbf"):
        block = block[3:]
    lines = re.split(rb"\r\n|\n|\r", block)  # CRLF, LF or old Mac CR alike
    if lines and lines[0].startswith(b"From "):  # an mbox separator line
        lines = lines[1:]
    fields: list[tuple[bytes, bytes]] = []
    for line in lines:
        if not line.strip():
            break  # the blank line that ends the header block
        if line[:1] in (b" ", b"\t") and fields:
            name, value = fields[-1]
            fields[-1] = (name, value + b" " + line.strip())
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name.strip() or re.search(rb"[\x00-\x20\x7f-\xff]", name.strip()):
            continue
        fields.append((name.strip(), value.strip()))
    out: dict[str, list[str]] = {}
    for name, value in fields:
        out.setdefault(name.decode("ascii", "replace").lower(), []).append(_text(value))
    return out


def _text(value: bytes) -> str:
    """Raw header bytes as text: UTF-8, else Latin-1; encoded words decoded when valid."""
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("latin-1")
    if "=?" in text:
        try:
            text = str(make_header(decode_header(text)))
        except Exception:  # noqa: BLE001 - an undecodable word stays as sent
            pass
    return text


def usable_address(value: str | None) -> str | None:
    """`value` as a bare address one can write to ("a@b.fr"), or None: no display name,
    no brackets, one "@", a dotted domain, no spaces or separators."""
    addr = (value or "").strip().strip("<>").strip()
    return addr if _ADDRESS.match(addr) else None


def _sender(h: dict[str, list[str]]) -> str | None:
    """The From address, lower-cased, or None when there is no usable one."""
    for value in h.get("from", []):
        try:
            pairs = getaddresses([value])
        except Exception:  # noqa: BLE001 - a malformed From is no usable From
            continue
        for _, addr in pairs:
            usable = usable_address(addr)
            if usable:
                return usable.lower()
    return None


def _canonical(address: str) -> str:
    """"Fabrique+FAB-2022-0001@Anact.fr" -> "fabrique@anact.fr": plus-addresses are ours."""
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def _own(addresses: Iterable[str]) -> set[str]:
    return {_canonical(a) for a in addresses if a and "@" in a}


def _q(value: str) -> str:
    """A header value quoted in a log line: one line, no control characters, short."""
    one = re.sub(r"[\x00-\x1f\x7f]+", " ", value).strip()
    return one if len(one) <= _QUOTE_CHARS else one[: _QUOTE_CHARS - 1] + "…"


def _title(name: str) -> str:
    return "-".join(p.capitalize() for p in name.split("-")).replace("Id", "ID")
