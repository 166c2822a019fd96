"""Bytes to text whatever the declared charset: never fails, never returns lone surrogates."""

from __future__ import annotations

import codecs
import re

_CHARSET_UPGRADES = {
    # labels mail clients use for a superset; decoding with the superset is what
    # the sender's client meant (WHATWG does the same)
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}


_CHARSET_ALIASES = {
    "iso-gb2312": "gb18030",
    "x-gbk": "gb18030",
    "x-sjis": "cp932",
    "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "windows-874": "cp874",
    "utf7": "utf-7",
}


_REFUSED_CODECS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}


# where a charset fails, its neighbours (same script) are tried before Western ones
_CHARSET_FAMILY = {
    "iso2022_jp": ("cp932", "euc_jp"),
    "cp932": ("euc_jp",),
    "euc_jp": ("cp932",),
    "koi8-r": ("cp1251", "koi8-u"),
    "cp1251": ("koi8-r",),
    "gb18030": ("big5",),
    "big5": ("gb18030",),
}


_MULTIBYTE_PREFIXES = ("utf", "iso2022", "euc", "shift", "gb", "big5", "cp93", "cp94",
                       "cp95", "johab", "hz")


_SURROGATES = re.compile("[\ud800-\udfff]")


_NON_ASCII_DECODED = re.compile("[^\x00-\x7f\ufffd]")


def codec_of(label: str | None) -> str | None:
    """Python codec name for a MIME charset label, None when unknown or unsafe."""
    if not label or not isinstance(label, str):
        return None
    name = label.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return _CHARSET_UPGRADES.get(info.name, info.name)


def is_single_byte(codec: str) -> bool:
    return not codec.startswith(_MULTIBYTE_PREFIXES)


def clean(text: str) -> str:
    """Drop what cannot be stored: lone surrogates (UTF-7/16 codecs may produce them), NUL."""
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text.replace("\x00", "")


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode text whatever its label says; returns (text, charset actually used).

    Order: valid UTF-8 beats a single-byte label (mislabelled UTF-8 is the commonest
    error), then the declared charset and its script neighbours, then UTF-8 with a few
    broken bytes, then the declared multi-byte charset with replacements, cp1252, latin-1.
    """
    codec = codec_of(declared)
    stateful = codec is not None and codec.startswith(("utf-7", "utf-16", "utf-32", "iso2022"))
    if data.isascii() and not stateful:
        return clean(data.decode("ascii")), codec or "ascii"
    candidates: list[str] = []
    if codec is None or is_single_byte(codec):
        candidates.append("utf-8")
    if codec:
        candidates.append(codec)
        candidates.extend(_CHARSET_FAMILY.get(codec, ()))
    candidates.append("utf-8")
    tried: set[str] = set()
    for name in candidates:
        if name in tried:
            continue
        tried.add(name)
        try:
            return clean(data.decode(name)), name
        except (UnicodeError, LookupError):
            continue
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if len(_NON_ASCII_DECODED.findall(text)) >= bad:
        return clean(text), "utf-8"
    if codec and not is_single_byte(codec) and not codec.startswith("utf"):
        try:
            text = data.decode(codec, "replace")
            if text.count("\ufffd") * 20 <= len(text):
                return clean(text), codec
        except (UnicodeError, LookupError):
            pass
    try:
        return clean(data.decode("cp1252")), "cp1252"
    except UnicodeError:
        return clean(data.decode("latin-1")), "latin-1"


def to_bytes(value: object) -> bytes:
    """The raw octets behind a compat32 string (8-bit bytes are kept as surrogates)."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else str(value)
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "replace")
