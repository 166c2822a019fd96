"""Header values to text: RFC 2047 encoded words (lenient), folding, raw 8-bit bytes."""

from __future__ import annotations

import binascii
import re
import unicodedata

from intake.reading.mime.charsets import clean, codec_of, decode_bytes, is_single_byte, to_bytes

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,80})\?([bBqQ])\?([^?]*)\?=")


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Invisible characters that change how a name reads: bidirectional overrides and
# isolates ("facture\u202efdp.exe" shows as "factureexe.pdf"), marks, zero-width ones.
DECEPTIVE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


def b64_lenient(text: str | bytes) -> tuple[bytes, bool]:
    """Base64 decoding that survives missing padding and stray characters.

    Returns (data, intact): intact is False when the input had to be repaired.
    """
    raw = text.encode("ascii", "ignore") if isinstance(text, str) else text
    try:
        return binascii.a2b_base64(raw, strict_mode=False), True
    except (binascii.Error, ValueError):
        pass
    cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]
    cleaned += b"=" * (-len(cleaned) % 4)
    try:
        return binascii.a2b_base64(cleaned), False
    except (binascii.Error, ValueError):
        return b"", False


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words, joining adjacent words of one charset as bytes
    first (a multi-byte character may be split across two words)."""
    if "=?" not in text:
        return text
    out: list[str] = []
    pending: list = []  # [charset, bytearray]

    def flush() -> None:
        if pending:
            out.append(decode_bytes(bytes(pending[1]), pending[0])[0])
            pending.clear()

    pos = 0
    for m in _ENCODED_WORD.finditer(text):
        between = text[pos : m.start()]
        if not (pending and not between.strip()):
            flush()
            out.append(between)
        charset = m.group(1).split("*", 1)[0].lower()
        if m.group(2) in "bB":
            data, _ = b64_lenient(m.group(3))
        else:
            data = binascii.a2b_qp(m.group(3).encode("utf-8", "replace"), header=True)
        if pending and pending[0] == charset:
            pending[1] += data
        else:
            flush()
            pending[:] = [charset, bytearray(data)]
        pos = m.end()
    flush()
    out.append(text[pos:])
    return "".join(out)


def unfold(raw: bytes) -> bytes:
    return re.sub(rb"\r?\n(?=[ \t])", b"", raw).replace(b"\r", b" ").replace(b"\n", b" ")


def decode_raw(data: bytes, hints: tuple[str, ...]) -> str:
    """Text of raw 8-bit header bytes: UTF-8 (RFC 6532), else a multi-byte charset the
    message declares that decodes them cleanly, else its first charset, else cp1252."""
    if data.isascii():
        return clean(data.decode("ascii"))
    try:
        return clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for label in hints:
        codec = codec_of(label)
        if codec and not is_single_byte(codec):
            try:
                return clean(data.decode(codec))
            except (UnicodeError, LookupError):
                continue
    return decode_bytes(data, hints[0] if hints else None)[0]


def header_text(value: object, hints: tuple[str, ...]) -> str:
    """Decode one header value: raw 8-bit bytes, then RFC 2047 words; control
    characters become spaces."""
    text = decode_words(decode_raw(unfold(to_bytes(value)), hints))
    text = CONTROL.sub(" ", text.replace("\t", " "))
    return unicodedata.normalize("NFC", clean(text)).strip()
