"""The raw bytes before parsing: mbox framing, broken header blocks, very large bodies set
aside."""

from __future__ import annotations

import contextvars
import re

from intake.reading.mime.model import MimePart, Notes

_UTF8_BOM = b"\xef\xbb\xbf"


_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_HEADER_NAME = re.compile(rb"[!-9;-~]+:")  # what the stdlib parser accepts as a header


_MBOX_FROM = re.compile(rb"From (?:\S+|\S+[ \t].*\d{4})[ \t]*\r?$")


_BINARY_MAGICS = (
    (b"%PDF-", "application/pdf", "document.pdf"),
    (b"PK\x03\x04", "application/zip", "document.zip"),
)


def frame(raw: bytes, notes: Notes) -> tuple[bytes, MimePart | None]:
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


def _repair_header_block(raw: bytes, notes: Notes) -> bytes:
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
    blank_line = _BLANK_LINE.search(raw, end)
    if blank_line is None:
        return raw
    body = blank_line.end()
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


_SET_ASIDE_FROM = 4 * 1024 * 1024  # emails smaller than this are parsed as they are


_B64_RUN = re.compile(rb"(?:[A-Za-z0-9+/]{60,76}={0,2}\r?\n){4096,}")  # 256 KB and more


_MARKER = re.compile(rb"=\?fabrique-set-aside-(\d+)\?=")


RUNS: contextvars.ContextVar[list[bytes] | None] = contextvars.ContextVar("runs", default=None)


def set_aside(raw: bytes) -> tuple[bytes, list[bytes]]:
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


def restore(body: bytes) -> bytes:
    """A payload with its set-aside runs put back."""
    runs = RUNS.get()
    if not runs or b"=?fabrique-set-aside-" not in body:
        return body
    return _MARKER.sub(lambda m: runs[int(m.group(1))] if int(m.group(1)) < len(runs)
                       else m.group(0), body)
