"""One MIME node: its parameters, payload bytes, file name, disposition and charset."""

from __future__ import annotations

import binascii
import re
import unicodedata
import urllib.parse
from email import policy as email_policy
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from intake.reading.mime.charsets import clean, codec_of, decode_bytes, to_bytes
from intake.reading.mime.framing import restore
from intake.reading.mime.headers import (
    CONTROL,
    DECEPTIVE,
    b64_lenient,
    decode_raw,
    decode_words,
    unfold,
)
from intake.reading.mime.model import MAX_NAME_CHARS, Notes, raw_payload


def raw_header(node: Message, name: str) -> str | None:
    """First raw value of a header (compat32 `get` may return Header objects)."""
    name = name.lower()
    for key, value in node.raw_items():
        if key.lower() == name:
            return value if isinstance(value, str) else str(value)
    return None


_PARAM = re.compile(rb';\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*(?:"|$)|[^;]*)', re.S)


def param(node: Message, name: str, header: str = "content-type",
           hints: tuple[str, ...] = ()) -> str | None:
    """One parameter of a raw header, decoded: RFC 2231 (charset, continuations),
    raw 8-bit bytes, RFC 2047 words. Parsed from the raw octets because compat32
    replaces 8-bit bytes with U+FFFD before its own parameter parser sees them."""
    raw = raw_header(node, header)
    if not raw or ";" not in raw:
        return None
    plain: bytes | None = None
    segments: dict[int, tuple[bool, bytes]] = {}
    for m in _PARAM.finditer(unfold(to_bytes(raw))):
        key = m.group(1).decode("ascii", "replace").lower()
        value = m.group(2).strip()
        if value.startswith(b'"'):
            closed = len(value) > 1 and value.endswith(b'"')
            value = re.sub(rb"\\(.)", rb"\1", value[1:-1] if closed else value[1:])
        if key == name:
            plain = value if plain is None else plain
        elif key.startswith(name + "*"):
            rest = key[len(name) + 1:]
            index = rest.rstrip("*")
            if index and not index.isdigit():
                continue
            segments.setdefault(int(index or 0), (rest == "" or rest.endswith("*"), value))
    if segments:
        charset: str | None = None
        data = bytearray()
        for index in sorted(segments):
            encoded, value = segments[index]
            if encoded:
                if index == 0 and value.count(b"'") >= 2:
                    cs, _lang, value = value.split(b"'", 2)
                    charset = cs.decode("ascii", "replace") or None
                data += urllib.parse.unquote_to_bytes(value)
            else:
                data += value
        if charset:
            return decode_bytes(bytes(data), charset)[0]
        return decode_raw(bytes(data), hints)
    if plain is None:
        return None
    return decode_words(decode_raw(plain, hints))


def payload_bytes(node: Message, notes: Notes) -> bytes:
    """Decoded payload of a leaf (base64, quoted-printable, uuencode, 7bit/8bit/binary),
    repairing what can be repaired and saying so."""
    payload = raw_payload(node)
    if isinstance(payload, list):
        return flatten(node)
    body = restore(to_bytes(payload or ""))
    cte_raw = (raw_header(node, "content-transfer-encoding") or "").strip().lower()
    cte = re.split(r"[\s;]", cte_raw, maxsplit=1)[0] if cte_raw else ""
    if cte == "base64":
        data, intact = b64_lenient(body)
        if not intact:
            notes.add("Une partie codée en base64 est endommagée : elle a été décodée au "
                      "mieux.")
        return data
    if cte == "quoted-printable":
        return binascii.a2b_qp(body)
    if cte in ("x-uuencode", "uuencode", "x-uue", "uue"):
        return _uudecode(body, notes)
    if cte not in ("", "7bit", "8bit", "binary", "7-bit", "8-bit"):
        notes.add(f"Codage de transfert inconnu « {clean(cte_raw[:40])} » : le contenu est "
                  "pris tel quel.")
    return body


def _uudecode(body: bytes, notes: Notes) -> bytes:
    out = bytearray()
    started = False
    for line in body.splitlines():
        if not started:
            started = line.startswith(b"begin ")
            continue
        if line.strip() == b"end":
            break
        if not line.strip() or line.strip() == b"`":
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            try:  # some encoders pad lines with junk: cut to the announced length
                out += binascii.a2b_uu(line[: (((line[0] - 32) & 63) * 4 + 5) // 3])
            except (binascii.Error, IndexError):
                notes.add("Une pièce jointe uuencode est endommagée.")
    if not started:
        return body
    return bytes(out)


def flatten(node: Message) -> bytes:
    buf = BytesIO()
    try:
        BytesGenerator(buf, mangle_from_=False, policy=email_policy.compat32).flatten(node)
    except Exception:
        return b""
    return restore(buf.getvalue())


def filename_of(node: Message, hints: tuple[str, ...]) -> str:
    """Decoded attachment name (Content-Disposition filename, else Content-Type name);
    only the last path component is kept."""
    name = param(node, "filename", "content-disposition", hints)
    if not name:
        name = param(node, "name", "content-type", hints)
    if not name:
        return ""
    return safe_filename(name)


def safe_filename(name: str) -> str:
    """A name fit to show and to store: the last path component only, no control,
    bidirectional or zero-width character, not "." or "..", at most MAX_NAME_CHARS
    characters (the extension kept). "" when nothing is left."""
    name = DECEPTIVE.sub("", CONTROL.sub("", clean(name)))
    name = re.split(r"[\\/]", name.strip())[-1]
    name = unicodedata.normalize("NFC", name).strip()
    if set(name) <= {"."} or re.fullmatch(r"[A-Za-z]:", name):
        return ""
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_CHARS - len(ext) - 2] + "…." + ext
        else:
            name = name[: MAX_NAME_CHARS - 1] + "…"
    return name


def disposition_of(node: Message) -> str:
    raw = raw_header(node, "content-disposition")
    if raw is None:
        return ""
    token = str(raw).split(";", 1)[0].strip().lower()
    if token in ("attachment", "inline", ""):
        return token
    return "attachment"  # RFC 2183: an unknown disposition is treated as attachment


def charset_of(node: Message) -> str | None:
    return param(node, "charset") or None


def declared_charsets(root: Message) -> tuple[str, ...]:
    """Charsets the message declares (first 50 nodes): raw 8-bit headers and names
    are usually in one of them."""
    found: list[str] = []
    stack = [root]
    seen = 0
    while stack and seen < 50:
        node = stack.pop()
        seen += 1
        cs = charset_of(node)
        if cs and codec_of(cs) and cs not in found:
            found.append(cs)
        payload = raw_payload(node)
        if isinstance(payload, list):
            stack.extend(reversed([p for p in payload if isinstance(p, Message)]))
    return tuple(found)
