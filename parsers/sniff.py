"""Name a file's type from its bytes.

Applicants rename files, mail clients send everything as application/octet-stream, and
a hostile file may claim any extension: the reader is chosen from the content, the
extension only settles ties the bytes cannot (an encrypted OOXML file is the same OLE2
container whether it was a .docx or an .xlsx).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCM = "application/vnd.ms-word.document.macroEnabled.12"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
MSG = "application/vnd.ms-outlook"
OLE = "application/x-ole-storage"
ENCRYPTED_OOXML = "application/x-ms-encrypted-ooxml"
TNEF = "application/ms-tnef"
RTF = "application/rtf"
ZIP = "application/zip"
PKCS7 = "application/pkcs7-mime"
EML = "message/rfc822"
TEXT = "text/plain"
CSV = "text/csv"
MARKDOWN = "text/markdown"
HTML = "text/html"
XML = "application/xml"
OCTET = "application/octet-stream"

WORD_TYPES = (DOCX, DOCM)
SHEET_TYPES = (XLSX, XLSM, ODS)
TEXT_TYPES = (TEXT, CSV, MARKDOWN)

_EXT_TYPES = {
    "pdf": PDF, "docx": DOCX, "dotx": DOCX, "docm": DOCM, "xlsx": XLSX, "xlsm": XLSM,
    "pptx": PPTX, "odt": ODT, "ods": ODS, "odp": ODP, "doc": DOC, "xls": XLS, "ppt": PPT,
    "msg": MSG, "rtf": RTF, "zip": ZIP, "p7m": PKCS7, "p7s": "application/pkcs7-signature",
    "eml": EML, "txt": TEXT, "csv": CSV, "md": MARKDOWN, "html": HTML, "htm": HTML,
    "dat": TNEF, "tnef": TNEF,
}

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"{\\rtf", RTF),
    (b"x\x9f>\"", TNEF),
    (b"BZh", "application/x-bzip2"),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"MSCF", "application/vnd.ms-cab-compressed"),
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"-----BEGIN PKCS7", PKCS7),
    (b"BEGIN:VCALENDAR", "text/calendar"),
    (b"BEGIN:VCARD", "text/vcard"),
]

# OID 1.2.840.113549.1.7 (PKCS#7 content types), DER encoded.
_PKCS7_OID = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07"
_OOXML_MAIN = {
    "application/vnd.ms-word.document.macroenabled.main+xml": DOCM,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": DOCX,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": XLSM,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
_HEADER_LINE = re.compile(
    rb"^(received|return-path|from|to|subject|date|message-id|mime-version|delivered-to"
    rb"|x-[a-z0-9-]+):[ \t]",
    re.I | re.M,
)


def extension(filename: str) -> str:
    """Lower-case extension without the dot ("" when none)."""
    name = filename.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(data: bytes, filename: str = "", declared_type: str = "") -> str:
    """Media type of `data`, decided from magic bytes; the extension and the declared
    type only break ties (encrypted OOXML, text flavours)."""
    ext = extension(filename)
    head = data[:2048]
    if not data:
        return _EXT_TYPES.get(ext, OCTET)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _sniff_zip(data, ext)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _sniff_ole(data, ext)
    if b"%PDF" in data[:1024]:
        return PDF
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    if head[:1] == b"\x30" and _PKCS7_OID in head[:40]:
        return PKCS7
    if head[:2] == b"BM" and len(data) >= 26 and struct.unpack("<I", head[2:6])[0] == len(data):
        return "image/bmp"
    text = _as_text(head)
    if text is None:
        return OCTET
    return _sniff_text(text, ext, declared_type)


def _sniff_zip(data: bytes, ext: str) -> str:
    """ODF names itself in a `mimetype` member; OOXML in [Content_Types].xml."""
    if data[30:38] == b"mimetype" and len(data) > 38:
        start = 38 + struct.unpack("<H", data[28:30])[0]
        kind = data[start : start + 80].split(b"PK", 1)[0].decode("ascii", "replace").strip()
        if kind.startswith("application/vnd.oasis.opendocument."):
            return _odf_type(kind)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except Exception:
        return _sniff_broken_zip(data, ext)
    name_set = {n.replace("\\", "/").lower(): n for n in names}
    if "mimetype" in name_set:
        try:
            with zf.open("mimetype") as fh:
                kind = fh.read(200).decode("ascii", "replace").strip()
            if kind.startswith("application/vnd.oasis.opendocument."):
                return _odf_type(kind)
        except Exception:
            pass
    if "[content_types].xml" in name_set:
        try:
            with zf.open(name_set["[content_types].xml"]) as fh:
                types = fh.read(256 * 1024).decode("utf-8", "replace").lower()
            for main, media_type in _OOXML_MAIN.items():
                if main in types:
                    return media_type
        except Exception:
            pass
    return _ooxml_by_names(list(name_set)) or _office_by_extension(ext) or ZIP


def _sniff_broken_zip(data: bytes, ext: str) -> str:
    """A truncated package still shows its part names in the local headers."""
    window = data[: 512 * 1024]
    if b"word/" in window:
        return DOCM if ext == "docm" else DOCX
    if b"xl/" in window:
        return XLSM if ext == "xlsm" else XLSX
    if b"ppt/" in window:
        return PPTX
    return _office_by_extension(ext) or ZIP


def _office_by_extension(ext: str) -> str | None:
    """An empty or broken ZIP named like an office file is reported as that file, so the
    applicant hears "your Word document is damaged", not "your archive"."""
    if ext in ("docx", "docm", "xlsx", "xlsm", "pptx", "odt", "ods", "odp"):
        return _EXT_TYPES[ext]
    return None


def _ooxml_by_names(lowered: list[str]) -> str | None:
    if any(n.startswith("word/") for n in lowered):
        return DOCX
    if any(n.startswith("xl/") for n in lowered):
        return XLSX
    if any(n.startswith("ppt/") for n in lowered):
        return PPTX
    return None


def _odf_type(kind: str) -> str:
    if kind.startswith(ODS):
        return ODS
    if kind.startswith(ODP):
        return ODP
    if kind.startswith(ODT) or kind.startswith("application/vnd.oasis.opendocument.text"):
        return ODT
    return kind.split(";")[0]


def ole_stream_names(data: bytes, limit: int = 4096) -> set[str]:
    """Names of the entries in an OLE2 (compound file) directory.

    Directory entries are 128-byte records aligned on 128 bytes: a UTF-16LE name then
    its byte length at offset 64. Scanning for well-formed records avoids a full CFB
    parser and cannot loop on a corrupt FAT chain.
    """
    names: set[str] = set()
    view = memoryview(data)
    for off in range(512, len(data) - 127, 128):
        if len(names) >= limit:
            break
        length = view[off + 64] | (view[off + 65] << 8)
        if not 2 <= length <= 64 or length % 2 or view[off + 66] not in (1, 2, 5):
            continue
        raw = bytes(view[off : off + length - 2])
        if view[off + length - 2] or view[off + length - 1]:
            continue
        try:
            names.add(raw.decode("utf-16-le"))
        except UnicodeDecodeError:
            continue
    return names


def _sniff_ole(data: bytes, ext: str) -> str:
    names = ole_stream_names(data)
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        if ext in ("docx", "docm", "xlsx", "xlsm", "pptx"):
            return _EXT_TYPES[ext]
        return ENCRYPTED_OOXML
    if any(n.startswith("__substg1.0_") or n.startswith("__nameid_version1.0") for n in names):
        return MSG
    if "WordDocument" in names:
        return DOC
    if "Workbook" in names or "Book" in names:
        return XLS
    if "PowerPoint Document" in names:
        return PPT
    if ext in ("doc", "xls", "ppt", "msg"):
        return _EXT_TYPES[ext]
    return OLE


def is_encrypted_ooxml(data: bytes) -> bool:
    """An OOXML file saved with a password is an OLE2 container holding the encrypted
    package, not a ZIP."""
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return False
    names = ole_stream_names(data)
    return "EncryptionInfo" in names or "EncryptedPackage" in names


def _as_text(head: bytes) -> str | None:
    """Decode a file head as text if it plausibly is text, else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            text = head.decode("cp1252", "replace")
        else:
            text = head[: exc.start].decode("utf-8")
    if not text:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t\f")
    return text if printable / len(text) >= 0.95 else None


def _sniff_text(text: str, ext: str, declared_type: str) -> str:
    start = text.lstrip()[:512].lower()
    if start.startswith(("<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<table")):
        return HTML
    if start.startswith("<?xml"):
        if "<html" in text[:2048].lower():
            return HTML
        if "<svg" in text[:2048].lower():
            return "image/svg+xml"
        return XML
    if start.startswith("<svg"):
        return "image/svg+xml"
    if ext in ("html", "htm") and "<" in start:
        return HTML
    if ext in ("p7m", "p7s"):
        return PKCS7
    if len(_HEADER_LINE.findall(text[:2048].encode("utf-8", "replace"))) >= 3:
        return EML
    if ext == "csv" or declared_type.lower().startswith("text/csv"):
        return CSV
    if ext in ("md", "markdown"):
        return MARKDOWN
    if declared_type.lower().startswith("text/html") and "<" in start:
        return HTML
    return TEXT
