"""Decoding one raw e-mail into headers, body text and parts.

Interface owned by the pipeline; see DecodedMessage. Never raises on bad input: every
oddity becomes a French note in `defects`.

The MIME tree comes from the stdlib parser (compat32, the most lenient one); mail-parser's
helpers read the From mailbox and rescue dates the stdlib cannot parse. mail-parser's own
walk is not used for the structure: it flattens the tree, so it cannot tell a body's HTML
alternative from an attachment nor a forwarded message from the outer one, and its header
decoding drops raw 8-bit bytes. Everything that decodes text here goes through
`_decode_bytes`, which never fails and never returns lone surrogates, so the result is
always encodable to UTF-8 (JSON, database).
"""

from __future__ import annotations

import binascii
import codecs
import contextvars
import email.utils
import re
import unicodedata
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import policy as email_policy
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from html.parser import HTMLParser
from io import BytesIO
from zoneinfo import ZoneInfo

from mailparser.dates import parse_mail_date
from mailparser.utils import get_addresses

from .forwards import Forward, inline_forward


@dataclass
class MimePart:
    """A leaf MIME part that is not the main text body.

    filename:      decoded name (RFC 2231 / RFC 2047), "" when the part has none.
    content_type:  declared media type, lower case ("application/pdf").
    disposition:   "attachment", "inline" or "".
    content_id:    Content-ID without angle brackets, "" when absent.
    data:          the decoded payload bytes.
    forwarded:     True when the part sits inside a message/rfc822 enclosure.
    """

    filename: str
    content_type: str
    disposition: str
    content_id: str
    data: bytes
    forwarded: bool = False


@dataclass
class DecodedMessage:
    message_id: str
    from_addr: str
    from_name: str
    subject: str
    date: datetime | None  # timezone-aware; None when missing or unparsable
    date_raw: str
    headers: dict[str, str]  # lower-cased header name -> decoded value (first occurrence)
    body_text: str  # plain text of the main body (HTML converted when no plain part),
    #                 followed by the text bodies of forwarded messages
    parts: list[MimePart] = field(default_factory=list)
    is_auto_reply: bool = False  # RFC 3834 Auto-Submitted, Precedence, X-Autoreply...
    is_bounce: bool = False  # multipart/report, delivery-status, MAILER-DAEMON sender
    defects: list[str] = field(default_factory=list)  # French notes on what was odd
    body_html: str = ""  # the main message's HTML body as sent (first one), "" when none
    is_list: bool = False  # List-Id / List-Unsubscribe / Precedence: list
    forward: Forward | None = None  # the original message this one forwards, if any


# Limits against hostile input.
MAX_DEPTH = 50  # MIME nesting (multiparts and enclosed messages) followed
MAX_PARTS = 2000  # MIME nodes visited before collection stops
MAX_HEADER_CHARS = 100_000  # one header value, before decoding
MAX_BODY_CHARS = 5_000_000  # body_text and body_html, each
MAX_NOTES = 60  # defect notes kept

FORWARD_SEPARATOR = "---------- Message transféré ----------"

try:
    PARIS: timezone | ZoneInfo = ZoneInfo("Europe/Paris")
except Exception:  # no tz database: the deadline is in winter time anyway
    PARIS = timezone(timedelta(hours=1), "Europe/Paris")

try:  # the shared converter, when the parsers package provides it
    from parsers.text import html_to_text as _shared_html_to_text
except Exception:
    _shared_html_to_text = None


# --------------------------------------------------------------------------- notes


class _Notes:
    """Ordered, de-duplicated, bounded list of French notes."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._seen: set[str] = set()

    def add(self, note: str) -> None:
        if note in self._seen:
            return
        self._seen.add(note)
        if len(self.items) < MAX_NOTES:
            self.items.append(note)
        elif len(self.items) == MAX_NOTES:
            self.items.append("D'autres anomalies ont été relevées et ne sont pas listées.")


_STDLIB_DEFECTS = {
    "StartBoundaryNotFoundDefect": "Le délimiteur MIME annoncé est introuvable : "
    "le contenu de la partie est lu comme du texte brut.",
    "NoBoundaryInMultipartDefect": "Une partie multipart n'a pas de délimiteur : "
    "son contenu est lu comme du texte brut.",
    "CloseBoundaryNotFoundDefect": "Le délimiteur MIME de fin est absent "
    "(message peut-être tronqué).",
    "MultipartInvariantViolationDefect": "Une partie annoncée multipart ne contient "
    "aucune sous-partie.",
    "MissingHeaderBodySeparatorDefect": "Une ligne d'en-tête est invalide ou la ligne vide "
    "entre en-têtes et corps manque : la suite est lue comme corps.",
    "FirstHeaderLineIsContinuationDefect": "La première ligne d'en-tête est une ligne de "
    "continuation.",
    "MisplacedEnvelopeHeaderDefect": "Une ligne d'enveloppe « From » se trouve parmi les "
    "en-têtes.",
}


# ------------------------------------------------------------------------ charsets

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


def _codec(label: str | None) -> str | None:
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


def _is_single_byte(codec: str) -> bool:
    return not codec.startswith(_MULTIBYTE_PREFIXES)


def _clean(text: str) -> str:
    """Drop what cannot be stored: lone surrogates (UTF-7/16 codecs may produce them), NUL."""
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text.replace("\x00", "")


def _decode_bytes(data: bytes, declared: str | None) -> tuple[str, str]:
    """Decode text whatever its label says; returns (text, charset actually used).

    Order: valid UTF-8 beats a single-byte label (mislabelled UTF-8 is the commonest
    error), then the declared charset and its script neighbours, then UTF-8 with a few
    broken bytes, then the declared multi-byte charset with replacements, cp1252, latin-1.
    """
    codec = _codec(declared)
    stateful = codec is not None and codec.startswith(("utf-7", "utf-16", "utf-32", "iso2022"))
    if data.isascii() and not stateful:
        return _clean(data.decode("ascii")), codec or "ascii"
    candidates: list[str] = []
    if codec is None or _is_single_byte(codec):
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
            return _clean(data.decode(name)), name
        except (UnicodeError, LookupError):
            continue
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if len(_NON_ASCII_DECODED.findall(text)) >= bad:
        return _clean(text), "utf-8"
    if codec and not _is_single_byte(codec) and not codec.startswith("utf"):
        try:
            text = data.decode(codec, "replace")
            if text.count("\ufffd") * 20 <= len(text):
                return _clean(text), codec
        except (UnicodeError, LookupError):
            pass
    try:
        return _clean(data.decode("cp1252")), "cp1252"
    except UnicodeError:
        return _clean(data.decode("latin-1")), "latin-1"


def _to_bytes(value: object) -> bytes:
    """The raw octets behind a compat32 string (8-bit bytes are kept as surrogates)."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else str(value)
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return text.encode("utf-8", "replace")


# ------------------------------------------------------------------------- headers

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,80})\?([bBqQ])\?([^?]*)\?=")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible characters that change how a name reads: bidirectional overrides and
# isolates ("facture\u202efdp.exe" shows as "factureexe.pdf"), marks, zero-width ones.
_DECEPTIVE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
MAX_NAME_CHARS = 200  # an attachment name shown or stored is at most this long


def _b64_lenient(text: str | bytes) -> tuple[bytes, bool]:
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


def _decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words, joining adjacent words of one charset as bytes
    first (a multi-byte character may be split across two words)."""
    if "=?" not in text:
        return text
    out: list[str] = []
    pending: list = []  # [charset, bytearray]

    def flush() -> None:
        if pending:
            out.append(_decode_bytes(bytes(pending[1]), pending[0])[0])
            pending.clear()

    pos = 0
    for m in _ENCODED_WORD.finditer(text):
        between = text[pos : m.start()]
        if not (pending and not between.strip()):
            flush()
            out.append(between)
        charset = m.group(1).split("*", 1)[0].lower()
        if m.group(2) in "bB":
            data, _ = _b64_lenient(m.group(3))
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


def _unfold(raw: bytes) -> bytes:
    return re.sub(rb"\r?\n(?=[ \t])", b"", raw).replace(b"\r", b" ").replace(b"\n", b" ")


def _decode_raw(data: bytes, hints: tuple[str, ...]) -> str:
    """Text of raw 8-bit header bytes: UTF-8 (RFC 6532), else a multi-byte charset the
    message declares that decodes them cleanly, else its first charset, else cp1252."""
    if data.isascii():
        return _clean(data.decode("ascii"))
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for label in hints:
        codec = _codec(label)
        if codec and not _is_single_byte(codec):
            try:
                return _clean(data.decode(codec))
            except (UnicodeError, LookupError):
                continue
    return _decode_bytes(data, hints[0] if hints else None)[0]


def _header_text(value: object, hints: tuple[str, ...]) -> str:
    """Decode one header value: raw 8-bit bytes, then RFC 2047 words; control
    characters become spaces."""
    text = _decode_words(_decode_raw(_unfold(_to_bytes(value)), hints))
    text = _CONTROL.sub(" ", text.replace("\t", " "))
    return unicodedata.normalize("NFC", _clean(text)).strip()


# --------------------------------------------------------------------------- dates

_LOOSE_DATE = re.compile(
    r"(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\s*(?:at|à|,)?\s*"
    r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(?:(?:gmt|utc|ut)\s*)?([+-]\d{1,2}(?::?\d{2})?)?",
    re.I,
)
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTHS.update({"fév": 2, "fev": 2, "avr": 4, "mai": 5, "jui": 7, "aoû": 8, "aou": 8,
                "déc": 12, "dec": 12, "janv": 1, "juin": 6})


def _parse_date(text: str) -> datetime | None:
    """RFC 5322 first, then mail-parser's obsolete-syntax reader, then a loose pattern
    for the forms clients really send ("16 May 2016 at 09:30:32 GMT+1")."""
    if not text:
        return None
    dt: datetime | None = None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    if dt is None:
        try:
            dt = parse_mail_date(text).value
        except Exception:
            dt = None
    if dt is None:
        dt = _loose_date(text)
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=PARIS)
    if not 1970 <= dt.year <= 2200:
        return None
    return dt


def _loose_date(text: str) -> datetime | None:
    m = _LOOSE_DATE.search(text)
    if not m:
        return None
    word = m.group(2).lower()
    month = _MONTHS.get(word[:4]) or _MONTHS.get(word[:3])
    if not month:
        return None
    try:
        tz: timezone | ZoneInfo = PARIS
        if m.group(7):
            sign = -1 if m.group(7)[0] == "-" else 1
            digits = m.group(7)[1:].replace(":", "")
            hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (
                int(digits), 0)
            tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
        elif re.search(r"\b(gmt|utc|ut)\b", text, re.I):
            tz = UTC
        return datetime(int(m.group(3)), month, int(m.group(1)), int(m.group(4)),
                        int(m.group(5)), int(m.group(6) or 0), tzinfo=tz)
    except (ValueError, OverflowError):
        return None


# ----------------------------------------------------------------------------- HTML


class _HTMLText(HTMLParser):
    """Small HTML-to-text fallback: block elements become line breaks, scripts and
    styles vanish, table cells are separated by " | "."""

    _BLOCKS = frozenset(
        "address article aside blockquote dd div dl dt fieldset figure footer form h1 h2 "
        "h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul"
        .split())
    _SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag == "body":
            self.skip = 0  # an unclosed <head> must not hide the body
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" | ")
        elif tag in self._BLOCKS:
            self.out.append("\n")
            if tag == "li":
                self.out.append("- ")
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCKS:
            self.out.append("\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [line.strip(" \t\xa0|").replace("\xa0", " ") for line in
                 "".join(self.out).splitlines()]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def _fallback_html_to_text(html: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient, but never let it sink the message
        pass
    return parser.text()


def html_to_text(html: str) -> str:
    """Plain text of an HTML body: the shared converter when there is one, else ours."""
    if _shared_html_to_text is not None:
        try:
            return _clean(str(_shared_html_to_text(html)))
        except Exception:
            pass
    return _clean(_fallback_html_to_text(html))


# -------------------------------------------------------------------- raw framing

_UTF8_BOM = b"\xef\xbb\xbf"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_NAME = re.compile(rb"[!-9;-~]+:")  # what the stdlib parser accepts as a header
_MBOX_FROM = re.compile(rb"From (?:\S+|\S+[ \t].*\d{4})[ \t]*\r?$")
_BINARY_MAGICS = (
    (b"%PDF-", "application/pdf", "document.pdf"),
    (b"PK\x03\x04", "application/zip", "document.zip"),
)


def _frame(raw: bytes, notes: _Notes) -> tuple[bytes, MimePart | None]:
    """Turn what arrived into RFC 5322 bytes: strip BOM, mbox "From " line, Apple .emlx
    byte count and leading blank lines; normalise CR-only line ends. A file that is no
    mail at all (Outlook .msg, a bare PDF) comes back as the part to keep."""
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
        notes.add("Le fichier commence par une marque d'ordre d'octets (BOM) : elle a été "
                  "ignorée.")
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raw = raw.decode("utf-16", "replace").encode("utf-8", "replace")
        notes.add("Le message était encodé en UTF-16 : il a été converti.")
    if raw.startswith(_OLE2_MAGIC):
        notes.add("Ce n'est pas un courriel au format RFC 5322 : c'est un message Outlook "
                  "(.msg), conservé tel quel comme pièce jointe.")
        return raw, MimePart("message.msg", "application/vnd.ms-outlook", "attachment", "",
                             raw)
    for magic, ctype, name in _BINARY_MAGICS:
        if raw.startswith(magic):
            notes.add(f"Ce n'est pas un courriel au format RFC 5322 mais un fichier "
                      f"{ctype} : il est conservé comme pièce jointe.")
            return raw, MimePart(name, ctype, "attachment", "", raw)
    lead = re.match(rb"[ \t\r\n]+", raw)
    if lead and _HEADER_NAME.match(raw, lead.end()):
        raw = raw[lead.end():]
        notes.add("Des lignes vides précédaient les en-têtes : elles ont été ignorées.")
    emlx = re.match(rb"(\d{1,12})[ \t]*\r?\n", raw)
    if emlx and _HEADER_NAME.match(raw, emlx.end()):
        size = int(emlx.group(1))
        raw = raw[emlx.end(): emlx.end() + size]
        notes.add("Message au format Apple Mail (.emlx) : la ligne de taille et la liste de "
                  "propriétés finale ont été ignorées.")
    if raw.startswith(b"From ") and _MBOX_FROM.match(raw.split(b"\n", 1)[0]):
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
        more = _mbox_separators(raw)
        if more:
            raw = raw[: more[0]]
            notes.add(f"Le fichier est une boîte mbox de {len(more) + 1} messages : seul le "
                      "premier est lu.")
        else:
            notes.add("La ligne d'enveloppe mbox « From » a été ignorée.")
    head = raw[:65536]
    if b"\r" in head and b"\n" not in head:
        raw = raw.replace(b"\r", b"\n")
        notes.add("Fins de ligne CR seules (ancien Mac) : elles ont été normalisées.")
    return _repair_header_block(raw, notes), None


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_MIME_HEADER = re.compile(rb"(?im)^(?:content-type|mime-version)[ \t]*:")


def _repair_header_block(raw: bytes, notes: _Notes) -> bytes:
    """Two header blocks broken in the wild: continuation lines that lost their
    leading space (the stdlib would end the headers there and put the rest, MIME
    structure included, into the body); and a second header block, carrying the
    MIME headers, pushed into the body after a junk line."""
    blank = _BLANK_LINE.search(raw, 0, 1_000_000)
    end = blank.start() if blank else min(len(raw), 1_000_000)
    lines = raw[:end].split(b"\n")
    if not lines or not _HEADER_NAME.match(lines[0]):
        return raw
    headers = {i for i, line in enumerate(lines) if _HEADER_NAME.match(line)}
    broken = [i for i in range(1, max(headers)) if i not in headers
              and lines[i][:1] not in (b" ", b"\t") and lines[i].strip()]
    if broken:
        for i in broken:
            lines[i] = b" " + lines[i]
        raw = b"\n".join(lines) + raw[end:]
        end += len(broken)
        notes.add("Des lignes de continuation d'en-tête n'étaient pas indentées : elles ont "
                  "été rattachées à l'en-tête précédent.")
    if blank is None or _MIME_HEADER.search(raw, 0, end):
        return raw
    body = _BLANK_LINE.search(raw, end).end()
    offset = body
    for _ in range(3):  # the inner block may follow one or two junk lines
        if _HEADER_NAME.match(raw, offset):
            inner_end = _BLANK_LINE.search(raw, offset)
            stop = inner_end.start() if inner_end else len(raw)
            if _MIME_HEADER.search(raw, offset, stop):
                notes.add("Un second bloc d'en-têtes (avec la structure MIME) se trouvait dans "
                          "le corps : il a été rattaché aux en-têtes.")
                newline = b"\r\n" if raw[end - 1: end] == b"\r" else b"\n"
                return raw[:end].rstrip(b"\r") + newline + raw[offset:]
            return raw
        nl = raw.find(b"\n", offset)
        if nl < 0:
            return raw
        offset = nl + 1
    return raw


def _mbox_separators(raw: bytes) -> list[int]:
    """Offsets of further mbox "From " lines: after a blank line, shaped like an
    envelope line ("From -" or ending in a year), followed by a header."""
    found = []
    for m in re.finditer(rb"\n\r?\n(?=From )", raw):
        end = raw.find(b"\n", m.end())
        if end < 0:
            break
        if _MBOX_FROM.match(raw, m.end(), end + 1) and _HEADER_NAME.match(raw, end + 1):
            found.append(m.start() + 1)
    return found


# ----------------------------------------------------------------------- MIME tree


def _raw_header(node: Message, name: str) -> str | None:
    """First raw value of a header (compat32 `get` may return Header objects)."""
    name = name.lower()
    for key, value in node.raw_items():
        if key.lower() == name:
            return value if isinstance(value, str) else str(value)
    return None


_PARAM = re.compile(rb';\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*(?:"|$)|[^;]*)', re.S)


def _param(node: Message, name: str, header: str = "content-type",
           hints: tuple[str, ...] = ()) -> str | None:
    """One parameter of a raw header, decoded: RFC 2231 (charset, continuations),
    raw 8-bit bytes, RFC 2047 words. Parsed from the raw octets because compat32
    replaces 8-bit bytes with U+FFFD before its own parameter parser sees them."""
    raw = _raw_header(node, header)
    if not raw or ";" not in raw:
        return None
    plain: bytes | None = None
    segments: dict[int, tuple[bool, bytes]] = {}
    for m in _PARAM.finditer(_unfold(_to_bytes(raw))):
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
            return _decode_bytes(bytes(data), charset)[0]
        return _decode_raw(bytes(data), hints)
    if plain is None:
        return None
    return _decode_words(_decode_raw(plain, hints))


# ------------------------------------------------------------- big bodies set aside
#
# The stdlib parser holds a message as text, line by line: about twelve times its size
# in memory (1.1 GB for an 86 MB email with a 60 MB attachment), in the worker itself,
# outside any reader's limit. Long runs of base64 lines are therefore cut out of the
# raw bytes before parsing, each replaced by one marker line, and put back only when
# the part's payload is decoded.

_SET_ASIDE_FROM = 4 * 1024 * 1024  # emails smaller than this are parsed as they are
_B64_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{60,76}={0,2}\r?\n){4096,}")  # 256 KB and more
_MARKER = re.compile(rb"=\?fabrique-set-aside-(\d+)\?=")
_RUNS: contextvars.ContextVar[list[bytes] | None] = contextvars.ContextVar("runs", default=None)


def _set_aside(raw: bytes) -> tuple[bytes, list[bytes]]:
    """(raw with each long base64 run replaced by a marker line, the runs)."""
    if len(raw) < _SET_ASIDE_FROM or _MARKER.search(raw):
        return raw, []
    runs: list[bytes] = []
    out: list[bytes] = []
    pos = 0
    for m in _B64_RUN.finditer(raw):
        run = raw[m.start():m.end()]
        ending = b"\r\n" if run.endswith(b"\r\n") else b"\n"  # the marker line keeps it
        out.append(raw[pos:m.start()])
        out.append(b"=?fabrique-set-aside-%d?=" % len(runs) + ending)
        runs.append(run[:-len(ending)])
        pos = m.end()
    if not runs:
        return raw, []
    out.append(raw[pos:])
    return b"".join(out), runs


def _restore(body: bytes) -> bytes:
    """A payload with its set-aside runs put back."""
    runs = _RUNS.get()
    if not runs or b"=?fabrique-set-aside-" not in body:
        return body
    return _MARKER.sub(lambda m: runs[int(m.group(1))] if int(m.group(1)) < len(runs)
                       else m.group(0), body)


def _payload_bytes(node: Message, notes: _Notes) -> bytes:
    """Decoded payload of a leaf (base64, quoted-printable, uuencode, 7bit/8bit/binary),
    repairing what can be repaired and saying so."""
    payload = node._payload  # noqa: SLF001 - get_payload() re-decodes 8-bit text lossily
    if isinstance(payload, list):
        return _flatten(node)
    body = _restore(_to_bytes(payload or ""))
    cte_raw = (_raw_header(node, "content-transfer-encoding") or "").strip().lower()
    cte = re.split(r"[\s;]", cte_raw, maxsplit=1)[0] if cte_raw else ""
    if cte == "base64":
        data, intact = _b64_lenient(body)
        if not intact:
            notes.add("Une partie codée en base64 est endommagée : elle a été décodée au "
                      "mieux.")
        return data
    if cte == "quoted-printable":
        return binascii.a2b_qp(body)
    if cte in ("x-uuencode", "uuencode", "x-uue", "uue"):
        return _uudecode(body, notes)
    if cte not in ("", "7bit", "8bit", "binary", "7-bit", "8-bit"):
        notes.add(f"Codage de transfert inconnu « {_clean(cte_raw[:40])} » : le contenu est "
                  "pris tel quel.")
    return body


def _uudecode(body: bytes, notes: _Notes) -> bytes:
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


def _flatten(node: Message) -> bytes:
    buf = BytesIO()
    try:
        BytesGenerator(buf, mangle_from_=False, policy=email_policy.compat32).flatten(node)
    except Exception:
        return b""
    return _restore(buf.getvalue())


def _filename(node: Message, hints: tuple[str, ...]) -> str:
    """Decoded attachment name (Content-Disposition filename, else Content-Type name);
    only the last path component is kept."""
    name = _param(node, "filename", "content-disposition", hints)
    if not name:
        name = _param(node, "name", "content-type", hints)
    if not name:
        return ""
    return safe_filename(name)


def safe_filename(name: str) -> str:
    """A name fit to show and to store: the last path component only, no control,
    bidirectional or zero-width character, not "." or "..", at most MAX_NAME_CHARS
    characters (the extension kept). "" when nothing is left."""
    name = _DECEPTIVE.sub("", _CONTROL.sub("", _clean(name)))
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


def _disposition(node: Message) -> str:
    raw = _raw_header(node, "content-disposition")
    if raw is None:
        return ""
    token = str(raw).split(";", 1)[0].strip().lower()
    if token in ("attachment", "inline", ""):
        return token
    return "attachment"  # RFC 2183: an unknown disposition is treated as attachment


def _charset(node: Message) -> str | None:
    return _param(node, "charset") or None


def _declared_charsets(root: Message) -> tuple[str, ...]:
    """Charsets the message declares (first 50 nodes): raw 8-bit headers and names
    are usually in one of them."""
    found: list[str] = []
    stack = [root]
    seen = 0
    while stack and seen < 50:
        node = stack.pop()
        seen += 1
        cs = _charset(node)
        if cs and _codec(cs) and cs not in found:
            found.append(cs)
        payload = node._payload  # noqa: SLF001
        if isinstance(payload, list):
            stack.extend(reversed([p for p in payload if isinstance(p, Message)]))
    return tuple(found)


# ------------------------------------------------------------------------- walking


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


class _Walker:
    """Iterative, bounded walk of the MIME tree (no recursion: hostile nesting cannot
    exhaust the stack)."""

    def __init__(self, hints: tuple[str, ...], notes: _Notes, max_parts: int = MAX_PARTS,
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
                note = _STDLIB_DEFECTS.get(type(defect).__name__)
                if note:
                    self.notes.add(note)
            ctype = node.get_content_type().lower()
            payload = node._payload  # noqa: SLF001
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
            report = str(_param(node, "report-type") or "delivery-status").lower()
            self.report_types.add(report)
        elif ctype == "multipart/encrypted":
            self.encrypted = True

    def _message_node(self, node: Message, ctype: str, depth: int, enc: _Enclosure,
                      queue: deque[_Enclosure]) -> None:
        payload = node._payload  # noqa: SLF001
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
        filename = _filename(node, self.hints)
        disposition = _disposition(node)
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
            "enveloped" in str(_param(node, "smime-type") or "enveloped").lower()
        ) and not enc.forwarded:
            self.encrypted = True
        self._add_part(node, ctype, enc, filename, disposition)

    def _add_part(self, node: Message, ctype: str, enc: _Enclosure, filename: str | None = None,
                  disposition: str | None = None) -> None:
        if filename is None:
            filename = _filename(node, self.hints)
        if disposition is None:
            disposition = _disposition(node)
        raw_type = _raw_header(node, "content-type")
        if raw_type is not None and "/" not in raw_type.split(";", 1)[0] and filename:
            ctype = "application/octet-stream"
            self.notes.add(f"Type MIME invalide pour « {filename} » : traité comme "
                           "application/octet-stream.")
        cid = _header_text(_raw_header(node, "content-id") or "", ()).strip().strip("<>")
        self.parts.append(MimePart(filename=filename, content_type=ctype,
                                   disposition=disposition, content_id=cid,
                                   data=_payload_bytes(node, self.notes),
                                   forwarded=enc.forwarded))

    def _text(self, node: Message, ctype: str) -> str:
        data = _payload_bytes(node, self.notes)
        declared = _charset(node)
        text, used = _decode_bytes(data, declared)
        if declared and _codec(declared) is None:
            self.notes.add(f"Jeu de caractères inconnu « {_clean(declared[:40])} » : texte "
                           f"décodé en {used}.")
        elif declared and used not in (_codec(declared), "ascii") and not (
            used == "utf-8" and _is_single_byte(_codec(declared) or "")
        ):
            self.notes.add(f"Le texte n'est pas en « {_clean(declared[:40])} » comme annoncé "
                           f": décodé en {used}.")
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _reencoded(node: Message, inner: Message) -> Message:
    """A forwarded message sent in base64 or quoted-printable (forbidden, yet GroupWise
    does it) was parsed as encoded text: decode it and parse again."""
    cte = (_raw_header(node, "content-transfer-encoding") or "").strip().lower()
    if cte not in ("base64", "quoted-printable") or inner.keys():
        return inner
    try:
        text = _flatten(inner).strip()
        data = _b64_lenient(text)[0] if cte == "base64" else binascii.a2b_qp(text)
        return BytesParser(policy=email_policy.compat32).parsebytes(data)
    except Exception:
        return inner


def _is_body_leaf(node: Message, subtype: str) -> bool:
    if isinstance(node._payload, list):  # noqa: SLF001
        return False
    if node.get_content_type() != f"text/{subtype}":
        return False
    if _disposition(node) == "attachment":
        return False
    return not (_param(node, "filename", "content-disposition") or _param(node, "name"))


def _contains(node: Message, subtype: str, budget: int = 200) -> bool:
    """Whether a subtree holds a body leaf text/<subtype> (bounded search)."""
    stack = [node]
    while stack and budget > 0:
        budget -= 1
        current = stack.pop()
        payload = current._payload  # noqa: SLF001
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
        if _is_body_leaf(child, "plain") and _payload_bytes(child, _Notes()).strip():
            return i
    for i, child in enumerate(children):
        if isinstance(child._payload, list) and _contains(child, "plain"):  # noqa: SLF001
            return i
    for i in range(len(children) - 1, -1, -1):
        if _contains(children[i], "html"):
            return i
    return len(children) - 1


# ------------------------------------------------------------------- classification

AUTO_SUBJECT = re.compile(
    r"r[ée]ponse automatique|absence du bureau|absent(?:e)? du bureau|out of (?:the )?office"
    r"|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|abwesenheitsnotiz"
    r"|respuesta autom[aá]tica|^\s*auto\s*:",
    re.I,
)
BOUNCE_SUBJECT = re.compile(  # what MTAs put first in a bounce's subject
    r"^\s*(?:undeliverable|undelivered mail|non remis|non distribuable"
    r"|delivery status notification|mail delivery failed|returned mail|delivery failure"
    r"|failure notice|delivery has failed|mail system error|[ée]chec de (?:la )?remise"
    r"|unzustellbar|message non d[ée]livr[ée]|warning: could not send message)",
    re.I,
)
_DELIVERY_WORDS = re.compile(
    r"deliver|remis|distribu|zustell|returned|failure|[ée]chec|bounce|non d[ée]livr", re.I)
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")


def _classify(headers: dict[str, str], from_addr: str, from_name: str, subject: str,
              report_types: set[str]) -> tuple[bool, bool, bool]:
    """(is_auto_reply, is_bounce, is_list) from headers, sender, subject, report parts."""
    auto = False
    submitted = headers.get("auto-submitted", "").split(";", 1)[0].strip().lower()
    if submitted and submitted != "no":
        auto = True
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        value = headers.get(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            auto = True
    precedence = headers.get("precedence", "").strip().lower()
    if precedence in ("auto_reply", "bulk", "junk", "list"):
        auto = True
    is_list = "list-id" in headers or "list-unsubscribe" in headers or precedence == "list"
    if AUTO_SUBJECT.search(subject):
        auto = True
    if report_types & {"disposition-notification", "feedback-report",
                       "global-disposition-notification"}:
        auto = True
    bounce = bool(report_types & {"delivery-status", "global-delivery-status"})
    local = from_addr.split("@", 1)[0]
    if local in _BOUNCE_SENDERS or from_name.lower().startswith("mail delivery"):
        bounce = True
    if BOUNCE_SUBJECT.search(subject):
        bounce = True
    if headers.get("return-path", "").strip() == "<>" and _DELIVERY_WORDS.search(subject):
        bounce = True
    return auto, bounce, is_list


# --------------------------------------------------------------------- public entry


def decode_message(raw: bytes, *, max_parts: int = MAX_PARTS,
                   max_depth: int = MAX_DEPTH) -> DecodedMessage:
    """Decode one raw message. Never raises: on any failure the best-effort result
    carries a French note in `defects`. `max_parts` and `max_depth` bound the MIME
    walk (config [limits] max_mime_parts, max_mime_depth)."""
    notes = _Notes()
    token = _RUNS.set(None)
    try:
        return _decode(bytes(raw), notes, max_parts, max_depth)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        notes.add(f"Le message n'a pas pu être décodé entièrement ({type(exc).__name__}) : "
                  "résultat partiel.")
        return _headers_only(raw, notes)
    finally:
        _RUNS.reset(token)


def _headers_only(raw: object, notes: _Notes) -> DecodedMessage:
    """Last resort: whatever the header block says, no body, no parts."""
    try:
        msg = BytesHeaderParser(policy=email_policy.compat32).parsebytes(bytes(raw))
        return _assemble(msg, _declared_charsets(msg), notes, None)
    except Exception:
        return DecodedMessage(message_id="", from_addr="", from_name="", subject="",
                              date=None, date_raw="", headers={}, body_text="",
                              defects=notes.items)


def _parse(raw: bytes, notes: _Notes) -> Message | None:
    try:
        return BytesParser(policy=email_policy.compat32).parsebytes(raw)
    except RecursionError:
        notes.add("La structure MIME est imbriquée trop profondément pour être analysée : "
                  "seuls les en-têtes ont été lus.")
        return None


def _decode(raw: bytes, notes: _Notes, max_parts: int = MAX_PARTS,
            max_depth: int = MAX_DEPTH) -> DecodedMessage:
    raw, whole = _frame(raw, notes)
    if whole is not None:
        result = _empty(notes)
        result.parts.append(whole)
        return result
    raw, runs = _set_aside(raw)
    _RUNS.set(runs)
    msg = _parse(raw, notes)
    if msg is None:
        return _headers_only(raw, notes)
    if not msg.keys():
        notes.add("Aucun en-tête reconnu : ce n'est peut-être pas un courriel RFC 5322.")
    hints = _declared_charsets(msg)
    walker = _Walker(hints, notes, max_parts, max_depth)
    walker.run(msg)
    return _assemble(msg, hints, notes, walker)


def _empty(notes: _Notes) -> DecodedMessage:
    return DecodedMessage(message_id="", from_addr="", from_name="", subject="", date=None,
                          date_raw="", headers={}, body_text="", defects=notes.items)


def _decoded_headers(msg: Message, hints: tuple[str, ...], notes: _Notes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in msg.raw_items():
        key = _clean(str(name)).strip().lower()
        if not key or key in headers:
            continue
        value = value if isinstance(value, str) else str(value)
        if len(value) > MAX_HEADER_CHARS:
            value = value[:MAX_HEADER_CHARS]
            notes.add(f"L'en-tête « {key[:60]} » dépasse {MAX_HEADER_CHARS:_} caractères : "
                      "il a été tronqué.".replace("_", " "))
        headers[key] = _header_text(value, hints)
    return headers


def _sender(msg: Message, hints: tuple[str, ...]) -> tuple[str, str]:
    """(address lower-case, display name) of the first From header."""
    raw = _raw_header(msg, "from")
    if raw is None:
        return "", ""
    text = _decode_raw(_unfold(_to_bytes(raw[:MAX_HEADER_CHARS])), hints)
    name, addr = "", ""
    try:
        found = [pair for pair in get_addresses(text, decode_names=True) if pair[1]]
        if found:
            name, addr = found[0]
    except Exception:
        found = []
    if not addr:
        name, addr = email.utils.parseaddr(text)
    if not addr or "@" not in addr:  # "a@b.fr c@d.fr", "<a@b.fr> (broken": first address
        found_addr = re.search(r"[^\s<>\"',;:()]+@[^\s<>\"',;:()]+", text)
        addr = found_addr.group(0) if found_addr else addr
    name = _decode_words(name)  # also inside quotes, where mail-parser leaves them
    if not addr and "@" not in text:
        name = _decode_words(text.strip())
    addr = addr.strip().strip("<>").strip()
    if re.search(r"\s", addr):  # "<Saved by Windows Internet Explorer 7>" is no address
        addr = re.sub(r"\s+", "", addr) if "@" in addr else ""
    name = _CONTROL.sub(" ", name).strip().strip('"').strip()
    return _clean(addr.lower()), unicodedata.normalize("NFC", _clean(name))


def _assemble(msg: Message, hints: tuple[str, ...], notes: _Notes,
              walker: _Walker | None) -> DecodedMessage:
    headers = _decoded_headers(msg, hints, notes)
    from_addr, from_name = _sender(msg, hints)
    if not from_addr:
        notes.add("Le message n'a pas d'expéditeur (From) lisible.")
    subject = headers.get("subject", "")
    date_raw = headers.get("date", "")
    date = _parse_date(date_raw)
    if not date_raw:
        notes.add("Le message n'a pas d'en-tête Date.")
    elif date is None:
        notes.add(f"La date du message (« {date_raw[:80]} ») est illisible.")
    if "message-id" not in headers:
        notes.add("Le message n'a pas d'identifiant (Message-ID).")

    body_text, body_html, parts, report_types = "", "", [], set()
    if walker is not None:
        body_text, body_html = _bodies(walker, hints, notes)
        parts, report_types = walker.parts, walker.report_types
        if walker.encrypted:
            notes.add("Le message est chiffré (S/MIME ou PGP) : son contenu ne peut pas être "
                      "lu.")
    auto, bounce, is_list = _classify(headers, from_addr, from_name, subject, report_types)
    forward = _forward(walker, hints) if walker is not None else None
    return DecodedMessage(
        message_id=headers.get("message-id", ""),
        from_addr=from_addr,
        from_name=from_name,
        subject=subject,
        date=date,
        date_raw=date_raw,
        headers=headers,
        body_text=body_text,
        parts=parts,
        is_auto_reply=auto,
        is_bounce=bounce,
        defects=notes.items,
        body_html=body_html,
        is_list=is_list,
        forward=forward,
    )


def _forward(walker: _Walker, hints: tuple[str, ...]) -> Forward | None:
    """The first forwarded message: an enclosed message/rfc822 (its own headers), else a
    forward quoted in the outer body (intake/forwards.py reads its header block)."""
    if len(walker.enclosures) > 1:
        inner = walker.enclosures[1].msg
        addr, name = _sender(inner, hints)
        if addr:
            date_raw = _raw_header(inner, "date")
            subject = _raw_header(inner, "subject")
            return Forward(addr, name, _parse_date(_header_text(date_raw, hints)) if date_raw else None,
                           _header_text(subject, hints) if subject else "", "en pièce jointe")
    outer = "\n\n".join(walker.enclosures[0].texts) if walker.enclosures else ""
    return inline_forward(outer, PARIS) if outer else None


def _bodies(walker: _Walker, hints: tuple[str, ...], notes: _Notes) -> tuple[str, str]:
    """The outer body, then each forwarded message's body after the separator line."""
    chunks: list[str] = []
    for i, enc in enumerate(walker.enclosures):
        text = "\n\n".join(enc.texts)
        if i == 0:
            chunks.append(text)
            continue
        lines = [FORWARD_SEPARATOR]
        for label, name in (("De", "from"), ("Date", "date"), ("Objet", "subject")):
            value = _raw_header(enc.msg, name)
            if value is not None:
                lines.append(f"{label} : {_header_text(value[:MAX_HEADER_CHARS], hints)}")
        chunks.append("\n".join(lines) + ("\n\n" + text if text else ""))
    body = "\n\n".join(c for c in chunks if c).strip("\n")
    html = walker.enclosures[0].html if walker.enclosures else ""
    return _capped(body, notes, "Le texte du message"), _capped(html, notes, "Le HTML du message")


def _capped(text: str, notes: _Notes, what: str) -> str:
    if len(text) <= MAX_BODY_CHARS:
        return text
    notes.add(f"{what} dépasse {MAX_BODY_CHARS:_} caractères : il a été tronqué."
              .replace("_", " "))
    return text[:MAX_BODY_CHARS]


__all__: list[str] = ["DecodedMessage", "MimePart", "decode_message", "html_to_text",
                      "FORWARD_SEPARATOR"]
