"""The original files of a dossier: each attachment as it arrived, taken back out of the
stored raw messages (storage/blobs.py keeps every message's bytes under its SHA-256).

A file is addressed by the SHA-256 of its bytes, the one the dossier JSON gives each
attachment, and only among the parts of this dossier's own messages: never by a path or a
name, so no request can reach outside the store or into another dossier. What goes back
to the browser is named by `safe_filename` (no directory, no control or bidirectional
character, no device name, bounded length) and sent as an attachment, or, for a PDF
preview, inline under a sandboxing Content-Security-Policy. Chromium refuses to show a PDF
in an <iframe sandbox>, so the sandbox is the PDF response's own CSP (`sandbox`, which
its viewer honours), and the page embeds it with an <object> whose fallback is a link.

Routes (behind the app's login, for the secretariat only: the raw files are not the
committee's):
- GET /dossiers/{reference}/files/{sha256}         the file, as a download
- GET /dossiers/{reference}/files/{sha256}/pdf     a PDF, inline, sandboxed
- GET /dossiers/{reference}/files/{sha256}/apercu  a page with the PDF in it (no JavaScript)
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection, select
from sqlalchemy.engine import Row

from intake.reading.message import decode_message
from storage.blobs import BlobNotFound, BlobStore
from storage.schema import dossier_messages, dossiers, messages

from .pages import render, require_secretariat, templates_of

router = APIRouter(dependencies=[Depends(require_secretariat)])

SHA256_RE = re.compile(r"[0-9a-f]{64}")
MAX_NAME_CHARS = 120  # a file name in an archive or a download, extension included
# Windows refuses these names whatever the extension ("CON.txt" is the console).
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
# A PDF served inline: it is the only content of its (sandboxed) document, may be shown
# only inside this site's own pages, and loads nothing.
PDF_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'"
# A download: if a browser showed it anyway, it could run nothing.
DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'"


# ------------------------------------------------------------------ safe names

def safe_filename(name: str | None, fallback: str = "fichier") -> str:
    """A name that is safe as one file name on any system and in any archive: path
    separators and reserved characters replaced by '_', no control or format character
    (RTL override, zero width), no '..', no leading dot, no Windows device name, at most
    MAX_NAME_CHARS with the extension kept. `fallback` (itself made safe) when nothing
    is left."""
    text = unicodedata.normalize("NFC", str(name or ""))
    # Control (Cc), format (Cf: bidirectional overrides, zero-width...), unassigned,
    # surrogates and private-use characters go; separators of lines and paragraphs too.
    text = "".join(" " if unicodedata.category(c) in ("Zl", "Zp") else c for c in text
                   if unicodedata.category(c) not in ("Cc", "Cf", "Cn", "Cs", "Co"))
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"\.{2,}", ".", text)  # no '..' anywhere, even inside a name
    if not text:
        return safe_filename(fallback, "") if fallback else "fichier"
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10 or " " in ext:
        stem, ext = text, ""
    if stem.split(".")[0].upper() in _DEVICES:
        stem = "_" + stem
    room = MAX_NAME_CHARS - (len(ext) + 1 if ext else 0)
    stem = stem[:room].rstrip(" .") or "fichier"
    return f"{stem}.{ext}" if ext else stem


def unique_names(names: Iterable[str]) -> Iterator[str]:
    """The same names, made unique (ignoring case, as Windows and macOS do) by adding
    ' (2)', ' (3)'... before the extension."""
    seen: set[str] = set()
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            stem, dot, ext = name.rpartition(".")
            if not dot or not stem:
                stem, ext = name, ""
            stem = stem[:MAX_NAME_CHARS - len(f" ({n})") - (len(ext) + 1 if ext else 0)]
            candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
        seen.add(candidate.casefold())
        yield candidate


def ascii_filename(name: str) -> str:
    """The ASCII stand-in of a safe name, for the plain `filename=` parameter:
    accents dropped, anything else outside printable ASCII replaced by '_'."""
    out = []
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        out.append(c if " " <= c <= "~" and c not in '"\\%;' else "_")
    return "".join(out).strip() or "fichier"


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266: an ASCII `filename` for old clients and, when the name is not plain
    ASCII, its UTF-8 form in `filename*` (RFC 5987)."""
    name = safe_filename(filename)
    plain = ascii_filename(name)
    value = f'{"inline" if inline else "attachment"}; filename="{plain}"'
    if plain != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


# ------------------------------------------------------------------ original files

@dataclass(frozen=True)
class OriginalFile:
    """One MIME part of one message of a dossier, with the bytes it carried."""

    message: int        # the message's rank in the dossier, from 1 (first received first)
    part: int           # the part's rank in its message, from 1 (the pipeline's numbering)
    filename: str       # as decoded from the message (may be anything), or a stand-in
    content_type: str   # as declared by the message
    data: bytes
    sha256: str

    @property
    def is_pdf(self) -> bool:
        return self.data[:1024].lstrip().startswith(b"%PDF-")

    @property
    def safe_name(self) -> str:
        return safe_filename(self.filename, self.default_name)

    @property
    def default_name(self) -> str:
        ext = mimetypes.guess_extension(self.content_type or "") or ".bin"
        return f"piece-jointe-{self.part}{ext}"


def dossier_message_rows(conn: Connection, dossier_id: int) -> list[Row]:
    """The dossier's messages in the order the dossier page shows them."""
    return list(conn.execute(
        select(messages.c.id, messages.c.sha256, messages.c.internaldate, messages.c.message_id)
        .join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
        .where(dossier_messages.c.dossier_id == dossier_id)
        .order_by(messages.c.internaldate, messages.c.id)))


def contract_names(dossier_json: str | dict) -> dict[str, str]:
    """sha256 -> the name the dossier JSON gives an attachment (outside archives): the
    pipeline names a nameless part 'piece-jointe-N.ext', the page shows that name."""
    try:
        data = json.loads(dossier_json) if isinstance(dossier_json, str) else dossier_json
    except ValueError:
        return {}
    out: dict[str, str] = {}
    for a in (data or {}).get("attachments") or []:
        if isinstance(a, dict) and not a.get("container") and a.get("sha256") and a.get("filename"):
            out.setdefault(str(a["sha256"]), str(a["filename"]))
    return out


def message_files(raw: bytes, rank: int, names: dict[str, str] | None = None) -> list[OriginalFile]:
    """Every part of a raw message but its text body, as the pipeline numbers them."""
    out = []
    for i, part in enumerate(decode_message(raw).parts, 1):
        sha = hashlib.sha256(part.data).hexdigest()
        name = part.filename or (names or {}).get(sha, "")
        out.append(OriginalFile(rank, i, name, part.content_type or "", part.data, sha))
    return out


def find_file(blobs: BlobStore, rows: list[Row], sha: str, names: dict[str, str] | None = None
              ) -> OriginalFile | None:
    """The part of these messages whose bytes hash to `sha`; None when there is none
    (another dossier's file, a member of an archive, a pruned store)."""
    if not SHA256_RE.fullmatch(sha):
        return None
    for rank, row in enumerate(rows, 1):
        try:
            raw = blobs.get(row.sha256)
        except (BlobNotFound, ValueError):
            continue
        for f in message_files(raw, rank, names):
            if f.sha256 == sha:
                return f
    return None


def _dossier(conn: Connection, reference: str) -> Row:
    d = conn.execute(select(dossiers.c.id, dossiers.c.reference, dossiers.c.dossier_json, dossiers.c.title,
                            dossiers.c.subject)
                     .where(dossiers.c.reference == reference.upper())).first()
    if d is None:
        raise HTTPException(404)
    return d


def _file_of(request: Request, reference: str, sha256: str) -> tuple[Row, OriginalFile]:
    """The dossier and its file, or 404: a malformed address, another dossier's file,
    anything else."""
    if not SHA256_RE.fullmatch(sha256):
        raise HTTPException(404)
    db, blobs = request.app.state.db, request.app.state.blobs
    with db.connect() as conn:
        d = _dossier(conn, reference)
        rows = dossier_message_rows(conn, d.id)
    f = find_file(blobs, rows, sha256, contract_names(d.dossier_json))
    if f is None:
        raise HTTPException(404)
    return d, f


def download_type(content_type: str) -> str:
    """The declared media type when it is a well-formed one, else octet-stream; the
    browser downloads either way (attachment, nosniff)."""
    ctype = (content_type or "").strip().lower()
    return ctype if _MEDIA_TYPE.fullmatch(ctype) else "application/octet-stream"


@router.get("/dossiers/{reference}/files/{sha256}", summary="Télécharger une pièce jointe d'origine",
            response_class=Response, tags=["fichiers"],
            responses={200: {"content": {"application/octet-stream": {}},
                             "description": "Les octets de la pièce jointe, telle que reçue."},
                       404: {"description": "Pas de telle pièce dans ce dossier."}},
            description="Une pièce jointe d'un des courriels du dossier, désignée par l'empreinte SHA-256 "
                        "de ses octets (le `sha256` de la pièce dans le dossier JSON).")
def download(request: Request, reference: str, sha256: str) -> Response:
    """One attachment of one of the dossier's messages, addressed by the SHA-256 of its
    bytes (the `sha256` of the attachment in the dossier JSON)."""
    _d, f = _file_of(request, reference, sha256)
    return file_response(f)


def file_response(f: OriginalFile) -> Response:
    """An original file, downloaded (never shown by the browser)."""
    return Response(f.data, media_type=download_type(f.content_type), headers={
        "Content-Disposition": content_disposition(f.safe_name),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_CSP,
        "Cross-Origin-Resource-Policy": "same-origin",
    })


@router.get("/dossiers/{reference}/files/{sha256}/pdf", include_in_schema=False)
def inline_pdf(request: Request, reference: str, sha256: str) -> Response:
    """A PDF shown in the browser's viewer, in a sandboxed document of its own (no
    script, no form, no same-origin access), framable only by this site's pages."""
    _d, f = _file_of(request, reference, sha256)
    if not f.is_pdf:
        raise HTTPException(404)
    return Response(f.data, media_type="application/pdf", headers={
        "Content-Disposition": content_disposition(f.safe_name, inline=True),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": PDF_CSP,
        "Cross-Origin-Resource-Policy": "same-origin",
    })


# ------------------------------------------------------------------ the preview page

def render_page(request: Request, template: str, csp_extra: str = "", status: int = 200, **ctx) -> HTMLResponse:
    """A page of templates/web/ rendered as the app renders its own (same base, same
    style, same Content-Security-Policy), `csp_extra` added to the policy."""
    page = render(request, template, status, **ctx)
    page.headers["Content-Security-Policy"] = templates_of(request).csp(csp_extra)
    return page


@router.get("/dossiers/{reference}/files/{sha256}/apercu", response_class=HTMLResponse, include_in_schema=False)
def preview(request: Request, reference: str, sha256: str) -> HTMLResponse:
    """The PDF in the page, through the browser's own viewer (an <object>, with a
    download link as its fallback): no JavaScript of ours or of the file's."""
    d, f = _file_of(request, reference, sha256)
    if not f.is_pdf:
        raise HTTPException(404)
    base = f"/dossiers/{d.reference}/files/{f.sha256}"
    return render_page(request, "file_preview.html", csp_extra="object-src 'self'; frame-src 'self'; ",
                       d=d, name=f.safe_name, size=len(f.data), download_url=base, pdf_url=base + "/pdf")

