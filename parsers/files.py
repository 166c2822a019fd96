"""Entry point for reading one attachment: type it by its bytes, dispatch to the reader.

Pure: bytes in, ParsedFile list out; no network, no config file reads (the LibreOffice
conversion of legacy formats is the one isolated side effect, see legacy.py). Every
outcome, including a reader's crash, becomes a status with a French reason that the
secretariat can forward to the applicant.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable

from . import sniff as st
from .archive import ReadError, read_zip
from .document import (
    ENCRYPTED,
    PARSED,
    UNREADABLE,
    UNSUPPORTED,
    Document,
    Limits,
    ParsedFile,
)

Reader = Callable[[bytes, str, str, Limits], Document]

_LABELS = {
    st.MSG: "Outlook .msg",
    st.PKCS7: "signature électronique PKCS#7 (.p7m)",
    "application/pkcs7-signature": "signature électronique PKCS#7 (.p7s)",
    st.EML: "message électronique joint (.eml)",
    st.XML: "XML",
    st.OLE: "document Office ancien non reconnu",
    "application/x-bzip2": "archive bzip2 (.bz2)",
    "application/gzip": "archive gzip (.gz)",
    "application/x-7z-compressed": "archive 7-Zip (.7z)",
    "application/vnd.rar": "archive RAR (.rar)",
    "application/x-xz": "archive xz (.xz)",
    "application/vnd.ms-cab-compressed": "archive CAB (.cab)",
    "application/x-msdownload": "programme Windows (.exe)",
    "application/x-executable": "programme exécutable",
    "text/calendar": "invitation de calendrier (.ics)",
    "text/vcard": "carte de visite (.vcf)",
    "image/png": "image PNG",
    "image/jpeg": "image JPEG",
    "image/gif": "image GIF",
    "image/tiff": "image TIFF",
    "image/bmp": "image BMP",
    "image/webp": "image WebP",
    "image/heic": "image HEIC",
    "image/svg+xml": "image SVG",
}
_FORMAT_NAMES = {
    st.PDF: "Le fichier PDF", st.DOCX: "Le document Word", st.DOCM: "Le document Word",
    st.XLSX: "Le classeur Excel", st.XLSM: "Le classeur Excel", st.ODS: "Le classeur "
    "OpenDocument", st.ODT: "Le document OpenDocument", st.TNEF: "Le fichier winmail.dat",
    st.ZIP: "L'archive ZIP",
}


def _readers() -> dict[str, Reader]:
    from .docx import read_docx
    from .legacy import FORMATS, read_legacy
    from .odt import read_odt
    from .pdf import read_pdf
    from .sheets import read_ods, read_xlsx
    from .text import read_html, read_text

    table: dict[str, Reader] = {
        st.PDF: read_pdf,
        st.DOCX: read_docx,
        st.DOCM: read_docx,
        st.XLSX: read_xlsx,
        st.XLSM: read_xlsx,
        st.ODS: read_ods,
        st.ODT: read_odt,
        st.HTML: lambda data, source, media, limits: read_html(data, source,
                                                               limits.max_text_chars),
    }
    for media in st.TEXT_TYPES:
        table[media] = lambda data, source, media, limits: read_text(
            data, source, media, limits.max_text_chars)
    for media in FORMATS:
        table[media] = read_legacy
    return table


def read_file(
    filename: str, data: bytes, limits: Limits, *, declared_type: str = "", depth: int = 0
) -> list[ParsedFile]:
    """Read one file. The first item describes the file itself; archives (ZIP, TNEF)
    append one item per member, each with `container` set. Never raises."""
    try:
        sha256 = hashlib.sha256(data).hexdigest()
    except Exception:  # noqa: BLE001 - not bytes at all
        data, sha256 = b"", hashlib.sha256(b"").hexdigest()
    media = st.OCTET
    try:
        media = st.sniff(data[: 4 << 20] if len(data) > limits.max_file_bytes else data,
                         filename, declared_type)
        return _read(filename, data, limits, declared_type, depth, sha256, media)
    except ReadError as exc:
        return [ParsedFile(filename, sha256, media, exc.status, exc.detail, size=len(data))]
    except MemoryError:
        detail = (f"{_FORMAT_NAMES.get(media, 'Le fichier')} est trop volumineux pour être lu "
                  "(mémoire insuffisante).")
        return [ParsedFile(filename, sha256, media, UNREADABLE, detail, size=len(data))]
    except RecursionError:
        detail = (f"{_FORMAT_NAMES.get(media, 'Le fichier')} a une structure interne trop "
                  "imbriquée (fichier anormal) et n'a pas pu être lu.")
        return [ParsedFile(filename, sha256, media, UNREADABLE, detail, size=len(data))]
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not lose the attachment
        return [ParsedFile(filename, sha256, media, UNREADABLE, _crash_detail(media, exc),
                           size=len(data))]


def _crash_detail(media: str, exc: Exception) -> str:
    what = _FORMAT_NAMES.get(media, "Le fichier")
    return (f"{what} est endommagé et n'a pas pu être lu (structure interne invalide : "
            f"{type(exc).__name__}).")


def _read(filename: str, data: bytes, limits: Limits, declared_type: str, depth: int,
          sha256: str, media: str) -> list[ParsedFile]:
    size = len(data)

    def status(s: str, detail: str) -> list[ParsedFile]:
        return [ParsedFile(filename, sha256, media, s, detail, size=size)]

    if not data:
        return status(UNREADABLE, "Le fichier est vide (0 octet) : merci de le renvoyer.")
    if size > limits.max_file_bytes:
        return status(UNREADABLE, "Le fichier dépasse la taille maximale acceptée "
                      f"({limits.max_file_bytes // (1024 * 1024)} Mo) : il n'a pas été lu.")
    if st.is_encrypted_ooxml(data):
        return status(ENCRYPTED, "Le document Office est protégé par un mot de passe : son "
                      "contenu n'a pas pu être lu. Merci de le renvoyer sans mot de passe.")
    if media == st.ZIP:
        return read_zip(filename, data, limits, depth, read_file, sha256)
    if media == st.TNEF:
        from .tnef import read_tnef

        return read_tnef(filename, data, limits, depth, read_file, sha256)
    reader = _readers().get(media)
    if reader is None:
        return status(UNSUPPORTED, unsupported_detail(media))
    document = reader(data, filename, media, limits)
    notes = [n for n in (_partial_note(media, document, limits), _macro_note(data, media)) if n]
    return [ParsedFile(filename, sha256, media, PARSED, " ".join(notes), document=document,
                       size=size)]


def _partial_note(media: str, document: Document, limits: Limits) -> str:
    """A PDF longer than max_pages is read in part: say so, naming the limit."""
    if media == st.PDF and document.pages > limits.max_pages:
        return (f"Le fichier PDF compte {_thousands(document.pages)} pages : seules les "
                f"{_thousands(limits.max_pages)} premières ont été lues (limite de lecture).")
    return ""


_OFFICE_ZIPS = (st.DOCX, st.DOCM, st.XLSX, st.XLSM)


def _macro_note(data: bytes, media: str) -> str:
    """Macro-enabled Office files are read as text only; the secretariat is told, so
    nobody opens them trusting the service read them "safely"."""
    if media not in _OFFICE_ZIPS:
        return ""
    macros = media in (st.DOCM, st.XLSM)
    if not macros:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                macros = any(n.lower().endswith(("vbaproject.bin", "vbadata.xml"))
                             for n in zf.namelist()[:5000])
        except Exception:  # noqa: BLE001 - the reader already judged the package
            macros = False
    if not macros:
        return ""
    return ("Ce document contient des macros : seul son texte a été lu, les macros n'ont été "
            "ni exécutées ni analysées. Ne l'ouvrez qu'avec les macros désactivées.")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def unsupported_detail(media: str) -> str:
    """French reason for a format the service does not read."""
    label = _LABELS.get(media)
    if label is None and media.startswith("image/"):
        label = "image"
    if label is None:
        return ("Le format de ce fichier n'a pas été reconnu : merci de renvoyer ce document au "
                "format PDF ou DOCX.")
    return (f"Le format « {label} » n'est pas lu par le service : merci de renvoyer ce document "
            "au format PDF ou DOCX.")
