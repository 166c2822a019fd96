"""Hostile emails, built by code at test time (no binary committed): each function
returns the raw bytes of one email (CRLF line ends, as an IMAP server hands them out)
and says in its docstring which attack it carries.

The big ones are built cheaply: a deflate stream of N megabytes of spaces is one
compressed megabyte repeated (full flushes make the blocks identical), so a "2 GB"
stream costs 2 MB and no 2 GB buffer; the 10,000-page PDF shares one content stream.
"""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CRLF = b"\r\n"
DATE = "Sat, 20 Aug 2022 10:00:00 +0200"
# Where a file name with "../" or an absolute path would land if anything wrote it.
ESCAPE_DIR = Path("/tmp/fabrique-hostile-evasion")
MB = 1024 * 1024


# ------------------------------------------------------------------ the envelope


def sender_of(case: str) -> str:
    return f"{case.replace('_', '-')}@hostile.test"


def _headers(pairs: list[tuple[str, str | bytes]]) -> bytes:
    out = b""
    for name, value in pairs:
        v = value if isinstance(value, bytes) else value.encode("utf-8")
        out += name.encode("ascii") + b": " + v + CRLF
    return out


def _envelope(case: str, subject: str | bytes, *, extra: list[tuple[str, str | bytes]] = (),
              sender: str | bytes | None = None, date: bool = True,
              message_id: bool = True) -> list[tuple[str, str | bytes]]:
    pairs: list[tuple[str, str | bytes]] = []
    pairs.append(("From", sender if sender is not None else f"Candidat <{sender_of(case)}>"))
    pairs.append(("To", "fabrique@anact.fr"))
    pairs.append(("Subject", subject))
    if date:
        pairs.append(("Date", DATE))
    if message_id:
        pairs.append(("Message-ID", f"<{case}@hostile.test>"))
    pairs.append(("MIME-Version", "1.0"))
    return pairs + list(extra)


def _text_part(text: str) -> bytes:
    return (b"Content-Type: text/plain; charset=utf-8" + CRLF
            + b"Content-Transfer-Encoding: 8bit" + CRLF + CRLF
            + text.replace("\n", "\r\n").encode("utf-8") + CRLF)


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", CRLF)


def _attachment(disposition: bytes, ctype: bytes, data: bytes) -> bytes:
    """A base64 part; `disposition` is the raw Content-Disposition value (name params)."""
    return (b"Content-Type: " + ctype + CRLF + b"Content-Disposition: " + disposition + CRLF
            + b"Content-Transfer-Encoding: base64" + CRLF + CRLF + _b64(data))


def _named(filename: str, ctype: str, data: bytes) -> bytes:
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"').encode("utf-8")
    return _attachment(b'attachment; filename="' + quoted + b'"', ctype.encode(), data)


def _multipart(pairs: list[tuple[str, str | bytes]], parts: list[bytes],
               boundary: str = "=_hostile_boundary") -> bytes:
    b = boundary.encode()
    out = _headers(pairs + [("Content-Type", f'multipart/mixed; boundary="{boundary}"')]) + CRLF
    out += b"This is a multi-part message in MIME format." + CRLF
    for part in parts:
        out += b"--" + b + CRLF + part
        if not part.endswith(CRLF):
            out += CRLF
    return out + b"--" + b + b"--" + CRLF


BODY = ("Bonjour,\n\nVeuillez trouver ci-joint notre dossier de candidature à l'appel à "
        "manifestation d'intérêt La Fabrique CTO.\n\nCordialement,\nLe porteur du projet\n")
SUBJECT = "Candidature AMI La Fabrique CTO"


def _proposal(case: str, attachments: list[bytes], *, subject: str = SUBJECT,
              extra: list[tuple[str, str | bytes]] = ()) -> bytes:
    return _multipart(_envelope(case, subject, extra=extra), [_text_part(BODY), *attachments])


# ------------------------------------------------------------------ deflate, cheaply


def _adler32_combine(a1: int, a2: int, len2: int) -> int:
    """zlib's adler32_combine: the checksum of A+B from those of A and B."""
    base = 65521
    rem = len2 % base
    sum1 = a1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (a2 & 0xFFFF) + base - 1
    sum2 += ((a1 >> 16) & 0xFFFF) + ((a2 >> 16) & 0xFFFF) + base - rem
    sum1 %= base
    sum2 %= base
    return sum1 | (sum2 << 16)


def _repeated_deflate(megabytes: int, fill: bytes = b" ", *, crc: bool = True) -> tuple[bytes, int, int]:
    """Raw deflate of `megabytes` MB of `fill`, its CRC-32 (when asked) and Adler-32.

    One megabyte is compressed once; after a full flush the compressor holds no history,
    so each further megabyte compresses to the same bytes and is simply repeated."""
    chunk = fill * MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    stream = first + block * (megabytes - 1) + b"\x03\x00"  # an empty final block
    crc32, adler, chunk_adler = 0, 1, zlib.adler32(chunk)
    for _ in range(megabytes):
        if crc:
            crc32 = zlib.crc32(chunk, crc32)
        adler = _adler32_combine(adler, chunk_adler, len(chunk))
    return stream, crc32, adler


def _zlib_stream(megabytes: int, fill: bytes = b" ") -> bytes:
    raw, _crc, adler = _repeated_deflate(megabytes, fill, crc=False)
    return b"\x78\xda" + raw + adler.to_bytes(4, "big")


def _zip_with_raw_member(name: str, raw: bytes, crc: int, size: int,
                         declared_size: int | None = None) -> bytes:
    """A one-member ZIP written by hand around an already deflated stream; the headers
    claim `declared_size` (a liar's header) or the true size."""
    n = name.encode()
    claimed = size if declared_size is None else declared_size
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), claimed,
                        len(n), 0) + n
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                          len(raw), claimed, len(n), 0, 0, 0, 0, 0o100644 << 16, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(raw), 0)
    return local + raw + central + end


# ------------------------------------------------------------------ small builders


def _docx(document_xml: bytes, *, main_type: str = "application/vnd.openxmlformats-"
          "officedocument.wordprocessingml.document.main+xml",
          extra: dict[str, bytes] | None = None, extra_rels: str = "",
          extra_types: str = "") -> bytes:
    """A minimal WordprocessingML package around `document_xml`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
            f'{extra_types}</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        z.writestr("word/_rels/document.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{extra_rels}</Relationships>'))
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in texts)


PROPOSAL_TEXT = [
    "Titre du projet : Prévenir l'usure professionnelle dans les ateliers",
    "Contexte et problématique",
    "Les ateliers de la coopérative connaissent un absentéisme élevé lié aux troubles "
    "musculo-squelettiques. Le projet vise à transformer l'organisation du travail.",
    "Objectifs",
    "Réduire de moitié les arrêts de travail en deux ans grâce à une démarche participative.",
]

# A VBA project in name only: the strings a real one carries, with a payload that would
# leave a file behind if anything ever ran it.
VBA = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
       + b"Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\n"
       + b"  Shell \"touch " + str(ESCAPE_DIR / "macro-ran").encode() + b"\"\r\nEnd Sub\r\n"
       + b"Sub Workbook_Open()\r\n  AutoOpen\r\nEnd Sub\r\n")


def _pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"",
         xref_prev_self: bool = False) -> bytes:
    """A PDF from numbered objects (1..n) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    prev = f" /Prev {xref}".encode() if xref_prev_self else b""
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R".encode() + prev
            + trailer_extra + f" >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content \
        + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = (b"BT /F1 14 Tf 72 760 Td (Candidature La Fabrique CTO : description du projet) Tj "
         b"0 -24 Td (Contexte et problematique de l'usure professionnelle) Tj ET")


def _page(parent: int, contents: int, font: int) -> bytes:
    return (f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 595 842] /Contents "
            f"{contents} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>").encode()


# ------------------------------------------------------------------ the attacks


def zip_bomb_nested() -> bytes:
    """Archives in archives five deep, two per level, each leaf 100 MB of spaces: 3.2 GB
    once all unpacked, from a 3 MB attachment. Stopped by max_zip_depth (and the ratio)."""
    raw, crc, _ = _repeated_deflate(100)
    level = _zip_with_raw_member("donnees.txt", raw, crc, 100 * MB)
    for depth in range(5):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            for i in range(2):
                z.writestr(f"niveau{depth}-{i}.zip", level)
        level = buf.getvalue()
    return _proposal("zip_bomb_nested", [_named("annexes.zip", "application/zip", level)])


def zip_bomb_single() -> bytes:
    """One ZIP member of 1 GB of spaces compressed 1,000 to 1 (a 1 MB attachment), with
    honest headers: refused by max_zip_ratio before anything is inflated."""
    raw, crc, _ = _repeated_deflate(1024)
    bomb = _zip_with_raw_member("budget.txt", raw, crc, 1024 * MB)
    return _proposal("zip_bomb_single", [_named("budget.zip", "application/zip", bomb)])


def zip_bomb_lying_header() -> bytes:
    """The same 1 GB member, its headers claiming 1 MB: the inflating reader must stop
    at the cap it set itself, not trust the header."""
    raw, crc, _ = _repeated_deflate(1024)
    bomb = _zip_with_raw_member("budget.txt", raw, crc, 1024 * MB, declared_size=MB)
    return _proposal("zip_bomb_lying_header", [_named("budget.zip", "application/zip", bomb)])


def pdf_10000_pages() -> bytes:
    """A PDF of 10,000 pages (one shared content stream, 1 MB): read up to max_pages."""
    n = 10_000
    kids = " ".join(f"{5 + i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
               _FONT, _stream(_TEXT)]
    objects += [_page(2, 4, 3)] * n
    return _proposal("pdf_10000_pages", [_named("dossier.pdf", "application/pdf", _pdf(objects))])


def pdf_inflate_bomb() -> bytes:
    """A one-page PDF whose content stream is 2 MB of deflate inflating to 2 GB of
    spaces: stopped by the reader's memory or time limit, never read to the end."""
    stream = _zlib_stream(2048)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT,
               _page(2, 5, 3),
               _stream(stream, b" /Filter /FlateDecode")]
    return _proposal("pdf_inflate_bomb", [_named("projet.pdf", "application/pdf", _pdf(objects))])


def pdf_xref_loop() -> bytes:
    """Two PDFs: one whose trailer's /Prev points to its own cross-reference table, one
    whose page tree is a cycle (/Kids naming the node itself and its parent)."""
    prev_self = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", _FONT, _page(2, 5, 3),
                      _stream(_TEXT)], xref_prev_self=True)
    cycle = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                  b"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 1000 >>",
                  b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R 4 0 R] /Count 1000 >>",
                  _page(3, 5, 7), _stream(_TEXT),
                  b"<< /Type /Pages /Parent 6 0 R /Kids [6 0 R 2 0 R] /Count 1000 >>", _FONT])
    return _proposal("pdf_xref_loop", [_named("boucle-prev.pdf", "application/pdf", prev_self),
                                       _named("boucle-pages.pdf", "application/pdf", cycle)])


def mime_nested_1000() -> bytes:
    """multipart/mixed nested 1,000 deep, a proposal text at the bottom: the MIME parser
    must neither recurse 1,000 deep nor give up the message."""
    depth = 1000
    head = _headers(_envelope("mime_nested_1000", SUBJECT)) \
        + b'Content-Type: multipart/mixed; boundary="b0"' + CRLF + CRLF
    opening = b"".join(f'--b{i}\r\nContent-Type: multipart/mixed; boundary="b{i + 1}"\r\n\r\n'
                       .encode() for i in range(depth - 1))
    leaf = f"--b{depth - 1}\r\n".encode() + _text_part(BODY)
    closing = b"".join(f"--b{i}--\r\n".encode() for i in range(depth - 1, -1, -1))
    return head + opening + leaf + closing


def rfc822_nested_1000() -> bytes:
    """An email forwarding an email forwarding an email... 1,000 message/rfc822 deep."""
    inner = _headers([("From", sender_of("rfc822_nested_1000")), ("Subject", "fond"),
                      ("Content-Type", "text/plain; charset=utf-8")]) + CRLF \
        + BODY.replace("\n", "\r\n").encode()
    for i in range(999):
        inner = (_headers([("From", sender_of("rfc822_nested_1000")), ("Subject", f"Fwd {i}"),
                           ("MIME-Version", "1.0"), ("Content-Type", "message/rfc822")])
                 + CRLF + inner)
    return _headers(_envelope("rfc822_nested_1000", SUBJECT)
                    + [("Content-Type", "message/rfc822")]) + CRLF + inner


def mime_10000_parts() -> bytes:
    """10,000 tiny attachments in one multipart: the worker must not fork 10,000 readers
    nor keep them all; it reads up to its part limit and says so."""
    parts = [_text_part(BODY)]
    parts += [b'Content-Type: text/plain; name="p%d.txt"\r\nContent-Disposition: attachment; '
              b'filename="p%d.txt"\r\n\r\nx%d\r\n' % (i, i, i) for i in range(10_000)]
    return _multipart(_envelope("mime_10000_parts", SUBJECT), parts)


def attachment_60mb() -> bytes:
    """A 60 MB attachment (81 MB of base64), above max_file_mb: kept, never read."""
    data = b"%PDF-1.4\n" + b"\x00" * (60 * MB - 9)
    return _proposal("attachment_60mb", [_named("dossier-complet.pdf", "application/pdf", data)])


def _laughs() -> str:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    return "\n".join(ents)


def docx_billion_laughs() -> bytes:
    """A DOCX whose document.xml declares the nine-level "billion laughs" entity (3 GB
    once expanded) and uses it in a paragraph."""
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n{_laughs()}\n]>\n'
           f'<w:document xmlns:w="{_W}"><w:body>{_paragraphs(PROPOSAL_TEXT)}'
           '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>').encode()
    return _proposal("docx_billion_laughs", [_named("candidature.docx", "application/vnd."
                     "openxmlformats-officedocument.wordprocessingml.document", _docx(xml))])


def _xxe_xml(padding: int) -> bytes:
    comment = f"<!-- {'x' * padding} -->\n" if padding else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{comment}<!DOCTYPE w:document [\n'
            '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY % dtd SYSTEM '
            '"http://127.0.0.1:9/evil.dtd">\n%dtd;\n]>\n'
            f'<w:document xmlns:w="{_W}"><w:body>{_paragraphs(PROPOSAL_TEXT)}'
            '<w:p><w:r><w:t>Budget : &xxe;</w:t></w:r></w:p></w:body></w:document>').encode()


def docx_xxe() -> bytes:
    """Three DOCX with an external entity reading /etc/passwd (and a parameter entity
    fetching a DTD over the network): one plain, one with its DOCTYPE pushed past the
    first 4 KB by a comment, one in UTF-16 (no "<!ENTITY" bytes to spot). /etc/passwd
    must appear nowhere."""
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    utf16 = _xxe_xml(0).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return _proposal("docx_xxe", [
        _named("candidature.docx", ctype, _docx(_xxe_xml(0))),
        _named("annexe.docx", ctype, _docx(_xxe_xml(6000))),
        _named("annexe-utf16.docx", ctype, _docx(utf16.encode("utf-16")))])


def docm_macros() -> bytes:
    """A macro-enabled Word document (.docm) with an AutoOpen macro: its text is read,
    it is flagged as carrying macros, the macro never runs."""
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{_W}"><w:body>'
           f'{_paragraphs(PROPOSAL_TEXT)}</w:body></w:document>').encode()
    docm = _docx(xml, main_type="application/vnd.ms-word.document.macroEnabled.main+xml",
                 extra={"word/vbaProject.bin": VBA},
                 extra_rels='<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/'
                 'office/2006/relationships/vbaProject" Target="vbaProject.bin"/>',
                 extra_types='<Default Extension="bin" ContentType="application/'
                 'vnd.ms-office.vbaProject"/>')
    return _proposal("docm_macros", [_named("candidature.docm", "application/vnd.ms-word."
                     "document.macroEnabled.12", docm)])


def xlsm_macros() -> bytes:
    """A macro-enabled workbook (.xlsm) holding a budget and a Workbook_Open macro: the
    cells are read, the file is flagged, the macro never runs."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    for row in (["Poste", "Montant"], ["Personnel", 30000], ["Prestations", 12000],
                ["Total", 42000]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument."
                                    b"spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProject"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type='
                                    b'"http://schemas.microsoft.com/office/2006/relationships/'
                                    b'vbaProject" Target="vbaProject.bin"/></Relationships>')
            z.writestr(info.filename, data)
        z.writestr("xl/vbaProject.bin", VBA)
    return _proposal("xlsm_macros", [_named("budget.xlsm", "application/vnd.ms-excel.sheet."
                                            "macroEnabled.12", out.getvalue())])


RTL_NAME = "facture\u202efdp.exe"  # shows as "facture" + "exe.pdf"
LONG_NAME = "a" * 496 + ".pdf"


def hostile_file_names() -> bytes:
    """Attachment names that try to escape or mislead: "../" climbing out, absolute
    Unix and Windows paths, an embedded NUL (RFC 2231 %00 and RFC 2047 =00), 500
    characters, a right-to-left override hiding ".exe". Nothing may be written from a
    name; names shown are sanitised."""
    text = b"Contenu de la piece jointe.\r\n"
    climb = "../" * 12 + str(ESCAPE_DIR).lstrip("/") + "/evasion.txt"
    long_2231 = b"".join(b"filename*%d=\"%s\"; " % (i, LONG_NAME[i * 100:(i + 1) * 100].encode())
                         for i in range(5)).rstrip(b"; ")
    rtl = "=?utf-8?b?" + base64.b64encode(RTL_NAME.encode()).decode() + "?="
    parts = [
        _named(climb, "text/plain", text),
        _named(str(ESCAPE_DIR / "absolu.txt"), "text/plain", text),
        _named("C:\\Windows\\System32\\evasion.dll", "application/octet-stream", text),
        _attachment(b"attachment; filename*=utf-8''budget%00.pdf%00..%2F..%2Fevasion.txt",
                    b"text/plain", text),
        _attachment(b'attachment; filename="=?utf-8?q?nul=00dans=2Fle=5Cnom.txt?="',
                    b"text/plain", text),
        _attachment(b"attachment; " + long_2231, b"application/pdf", b"%PDF-1.4\n"),
        _attachment(b'attachment; filename="' + rtl.encode() + b'"', b"application/pdf",
                    b"%PDF-1.4\n"),
        _named("..", "text/plain", text),
    ]
    return _proposal("hostile_file_names", parts)


def headers_bad_rfc2047() -> bytes:
    """Encoded words that are broken every way: invalid base64, bad quoted-printable,
    an unknown charset, a non-text codec, an unterminated word, in Subject, From and an
    attachment name."""
    subject = ("=?utf-8?B?####?= =?iso-8859-1?Q?caf=E9_=ZZ?= =?x-nimporte-quoi?Q?abc?= "
               "=?base64?B?Q2FuZGlkYXR1cmU=?= =?rot13?Q?pnaqvqng?= =?utf-8?Q?AMI_inachev")
    sender = f"=?utf-8?B?AAAA?= =?koi8-r?Q?=FF=FE?= <{sender_of('headers_bad_rfc2047')}>"
    pairs = _envelope("headers_bad_rfc2047", subject, sender=sender)
    parts = [_text_part(BODY), _attachment(
        b'attachment; filename="=?utf-16?B?2D3dAA==?=.txt"', b"text/plain", b"texte\r\n")]
    return _multipart(pairs, parts)


def headers_8bit_garbage() -> bytes:
    """Raw 8-bit bytes that are no valid text in any declared charset in Subject, From
    and an attachment name; a body declared UTF-8 that is not."""
    subject = b"Candidature \xff\xfe\x80\x81 \xc3\x28 Fabrique \xe9t\xe9 \xf0\x28\x8c\xbc"
    sender = b"\xc0\xaf\xed\xa0\x80 Ga\xffrbage <" + sender_of("headers_8bit_garbage").encode() + b">"
    pairs = _envelope("headers_8bit_garbage", subject, sender=sender)
    body = (b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            b"Bonjour \xe9\xe8\xff\xfe\xc3 dossier ci-joint.\r\n")
    part = (b'Content-Type: text/plain; name="r\xe9sum\xe9\xff.txt"\r\n'
            b'Content-Disposition: attachment; filename="r\xe9sum\xe9\xff.txt"\r\n\r\n'
            b"\xff\xfe\x00t\x00e\x00x\x00t\x00e\r\n")
    return _multipart(pairs, [body, part])


def headers_bad_charsets() -> bytes:
    """Charset names that do not exist or are not text codecs (utf-8"; x-unknown,
    base64, rot13, utf-16 on an odd number of bytes, an absurdly long label) on bodies,
    headers and RFC 2231 names."""
    pairs = _envelope("headers_bad_charsets",
                      "=?x-inexistant?Q?Candidature?= AMI =?hex?Q?414d49?=")
    bodies = [
        b'Content-Type: text/plain; charset="x-inexistant"\r\n\r\nBonjour, dossier ci-joint.\r\n',
        b"Content-Type: text/plain; charset=base64\r\n\r\nQm9uam91cg==\r\n",
        b"Content-Type: text/plain; charset=rot13\r\n\r\nObawbhe\r\n",
        b"Content-Type: text/plain; charset=utf-16\r\n\r\n\xff\xfeB\x00o\x00n\r\n",
        b"Content-Type: text/plain; charset=" + b"z" * 5000 + b"\r\n\r\nlong\r\n",
        b"Content-Type: text/html; charset=\"utf-8\\\"; x=\"\r\n\r\n<p>Bonjour</p>\r\n",
        _attachment(b"attachment; filename*=x-inexistant'fr'budget%E9.txt", b"text/plain",
                    b"budget\r\n"),
    ]
    return _multipart(pairs, bodies)


def no_from_date_message_id() -> bytes:
    """A proposal with no From, no Date and no Message-ID: filed all the same (nobody
    to answer, no id to thread on, the receipt time from the server)."""
    pairs = [p for p in _envelope("no_from_date_message_id", SUBJECT, date=False,
                                  message_id=False) if p[0] != "From"]
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{_W}"><w:body>'
           f'{_paragraphs(PROPOSAL_TEXT)}</w:body></w:document>').encode()
    return _multipart(pairs, [_text_part(BODY), _named(
        "candidature.docx", "application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document", _docx(xml))])


def forged_auto_submitted() -> bytes:
    """A real, complete proposal (examples/01) carrying a forged Auto-Submitted:
    auto-generated header: read and filed like any proposal, only never auto-answered."""
    raw = (EXAMPLES / "01-complete-docx-et-budget-xlsx.eml").read_bytes()
    raw = re.sub(rb"\r?\n", b"\r\n", raw)
    raw = renamed(raw, "forged_auto_submitted", "Candidature (envoi automatique)")
    return b"Auto-Submitted: auto-generated\r\n" + raw


# ------------------------------------------------------------------ normal proposals


def renamed(raw: bytes, case: str, suffix: str) -> bytes:
    """An example email made a distinct submission: its own sender, Message-ID and
    subject (the Date, and so the lateness, is kept)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    lines = re.split(rb"\r\n(?![ \t])", head)
    out = []
    for line in lines:
        name = line.split(b":", 1)[0].strip().lower()
        if name == b"from":
            line = f"From: Candidat {case} <{sender_of(case)}>".encode()
        elif name == b"message-id":
            line = f"Message-ID: <{case}@hostile.test>".encode()
        elif name == b"subject":
            line = line + b" " + suffix.encode("ascii", "replace")
        out.append(line)
    return b"\r\n".join(out) + sep + body


def example_date(raw: bytes):
    m = re.search(rb"(?im)^Date:[ \t]*(.+?)\r?$", raw)
    return parsedate_to_datetime(m.group(1).decode()) if m else None


def normal(path: Path, n: int) -> tuple[str, bytes]:
    case = f"normal_{n:02d}"
    raw = re.sub(rb"\r?\n", b"\r\n", path.read_bytes())
    return case, renamed(raw, case, f"(envoi {n})")


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]

    @property
    def attack(self) -> str:
        return " ".join((self.build.__doc__ or "").split())


HOSTILE = [Case(f.__name__, f) for f in (
    zip_bomb_nested, zip_bomb_single, zip_bomb_lying_header, pdf_10000_pages, pdf_inflate_bomb,
    pdf_xref_loop, mime_nested_1000, rfc822_nested_1000, mime_10000_parts, attachment_60mb,
    docx_billion_laughs, docx_xxe, docm_macros, xlsm_macros, hostile_file_names,
    headers_bad_rfc2047, headers_8bit_garbage, headers_bad_charsets, no_from_date_message_id,
    forged_auto_submitted)]
