"""ZIP archives, plus the ZIP and XML helpers the office readers share.

Office files (DOCX, XLSX, ODT, ODS) are ZIP packages of XML parts, so the same guards
apply to them: never trust header sizes, read at most a cap, parse XML without entity
expansion or network access. `ReadError` carries a status and a French reason up to
`read_file`.
"""

from __future__ import annotations

import dataclasses
import io
import re
import stat
import zipfile
from collections.abc import Callable

from lxml import etree

from .document import ENCRYPTED, UNREADABLE, Limits, ParsedFile

_CHUNK = 1 << 16


class ReadError(Exception):
    """A reader's verdict on a file it could not read: status and French reason."""

    def __init__(self, status: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


# ---------------------------------------------------------------- XML


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part: no DTD loading, no entity expansion, no network.

    A part that declares entities is refused outright: no office suite writes them,
    and they are the vehicle of billion-laughs and XXE attacks.
    """
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:  # anywhere: a comment may push it past any window
        raise ReadError(UNREADABLE, ENTITY_DETAIL)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        recover = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                  huge_tree=False, recover=True, remove_comments=True,
                                  remove_pis=True)
        root = etree.fromstring(data, recover)
        if root is None:
            raise
    # a DTD the byte test cannot see (UTF-16, UTF-32...): refused all the same
    if root.getroottree().docinfo.internalDTD is not None:
        raise ReadError(UNREADABLE, ENTITY_DETAIL)
    return root


ENTITY_DETAIL = ("Le fichier contient des déclarations d'entités XML (procédé utilisé par des "
                 "fichiers malveillants) : il n'a pas été lu par sécurité.")


def local(tag: object) -> str:
    """Tag name without namespace ("" for comments, entities...)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ---------------------------------------------------------------- packages


def open_package(data: bytes, what: str) -> zipfile.ZipFile:
    """Open a ZIP-based office file; a broken one is `unreadable` with `what` named."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(UNREADABLE, f"{what} est endommagé ou tronqué et n'a pas pu être "
                        "ouvert (archive interne invalide).") from exc
    if not zf.infolist():
        raise ReadError(UNREADABLE, f"{what} est vide (aucun contenu dans le fichier).")
    return zf


def member_map(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Package part names, normalised (lower case, forward slashes, no leading slash);
    the last entry wins when a name is duplicated, as in most readers."""
    return {i.filename.replace("\\", "/").lstrip("/").lower(): i for i in zf.infolist()}


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes:
    """Read one member, decompressing at most `max_bytes` whatever the header claims."""
    if info.flag_bits & 0x1:
        raise ReadError(ENCRYPTED, "Le fichier est protégé par un mot de passe.")
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            out += chunk
            if len(out) > max_bytes:
                raise ReadError(UNREADABLE, "Le fichier est trop volumineux une fois "
                                f"décompressé (plus de {_mb(max_bytes)}) : il n'a pas été lu.")
    return bytes(out)


def package_rels(zf: zipfile.ZipFile, members: dict, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of `part` ("" for the package): id -> (type, resolved part name)."""
    folder, _, name = part.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    info = members.get(rels_name.lower())
    if info is None:
        return {}
    root = parse_xml(read_member(zf, info, 4 * 1024 * 1024))
    out = {}
    for rel in root:
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = _join(folder, target)
        out[rel.get("Id") or ""] = (rel.get("Type") or "", resolved)
    return out


def _join(folder: str, target: str) -> str:
    parts = folder.split("/") if folder else []
    for seg in target.replace("\\", "/").split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} Mo"


# ---------------------------------------------------------------- ZIP attachments

ReadFn = Callable[..., list[ParsedFile]]
_DRIVE = re.compile(r"^[A-Za-z]:")


def _member_name(info: zipfile.ZipInfo) -> str:
    """Name as the sender saw it: ZIP tools often write UTF-8 without the UTF-8 flag,
    which zipfile then decodes as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe_path(name: str, info: zipfile.ZipInfo) -> bool:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or _DRIVE.match(norm) or ".." in norm.split("/"):
        return True
    return stat.S_ISLNK(info.external_attr >> 16)


def read_zip(filename: str, data: bytes, limits: Limits, depth: int, read_fn: ReadFn,
             sha256: str) -> list[ParsedFile]:
    """The archive item plus one item per member (read with `read_fn`, i.e. read_file).

    Members share one budget of count and bytes, including nested archives, so a
    quine or a nest of archives cannot multiply the limits.
    """
    from .document import PARSED, Document
    from .sniff import ZIP

    me = ParsedFile(filename, sha256, ZIP, PARSED, document=Document(filename, ZIP), size=len(data))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception as exc:  # noqa: BLE001 - any failure means a damaged archive
        raise ReadError(UNREADABLE, "L'archive ZIP est endommagée ou tronquée et n'a pas pu "
                        "être ouverte.") from exc
    if depth >= limits.max_zip_depth:
        raise ReadError(UNREADABLE, "L'archive ZIP est contenue dans d'autres archives au-delà "
                        f"de la profondeur acceptée ({limits.max_zip_depth} niveaux) : son "
                        "contenu n'a pas été lu.")
    files = [i for i in infos if not i.is_dir() and not _ignored(_member_name(i))]
    if files and all(i.flag_bits & 0x1 for i in files):
        raise ReadError(ENCRYPTED, "L'archive ZIP est protégée par un mot de passe : son "
                        "contenu n'a pas pu être lu.")
    out = [me]
    budget_members = limits.max_zip_members
    budget_bytes = limits.max_zip_total_bytes
    for idx, info in enumerate(files):
        name = _member_name(info)
        if idx >= budget_members:
            rest = len(files) - idx
            me.status, me.document = UNREADABLE, None
            me.detail = (f"L'archive ZIP contient trop de fichiers : seuls les "
                         f"{budget_members} premiers ont été lus ({rest} ignorés).")
            break
        member = _read_one(zf, info, name, filename, limits, depth, read_fn, budget_bytes,
                           budget_members - idx - 1)
        budget_bytes -= sum(m.size for m in member)
        budget_members -= len(member) - 1
        out.extend(member)
    return out


_IGNORED = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.I)


def _ignored(name: str) -> bool:
    return bool(_IGNORED.search(name.replace("\\", "/")))


def _read_one(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, container: str,
              limits: Limits, depth: int, read_fn: ReadFn, budget_bytes: int,
              budget_members: int) -> list[ParsedFile]:
    from .sniff import OCTET, sniff

    def fail(status: str, detail: str) -> list[ParsedFile]:
        media = sniff(b"", name)
        return [ParsedFile(name, "", media if media != OCTET else OCTET, status, detail,
                           container=container, size=info.file_size)]

    if _unsafe_path(name, info):
        return fail(UNREADABLE, "Ce fichier de l'archive porte un chemin suspect (chemin "
                    "absolu, « .. » ou lien symbolique) : il n'a pas été extrait.")
    if info.flag_bits & 0x1:
        return fail(ENCRYPTED, "Ce fichier de l'archive est protégé par un mot de passe.")
    cap = min(limits.max_file_bytes, max(budget_bytes, 0))
    ratio_cap = max(info.compress_size * limits.max_zip_ratio, 1 << 20)
    suspect = ("Ce fichier de l'archive a un taux de compression suspect (plus de "
               f"{limits.max_zip_ratio} fois sa taille compressée, limite de lecture : possible "
               "« bombe de décompression ») : il n'a pas été extrait.")
    if info.file_size > ratio_cap:
        return fail(UNREADABLE, suspect)
    if info.file_size > cap:
        return fail(UNREADABLE, _too_big(cap, budget_bytes))
    try:
        payload = read_member(zf, info, min(cap, ratio_cap))
    except ReadError as exc:
        if exc.status != UNREADABLE:
            return fail(exc.status, exc.detail)
        return fail(UNREADABLE, suspect if ratio_cap < cap else _too_big(cap, budget_bytes))
    except Exception:  # noqa: BLE001 - CRC errors, truncation, unsupported compression
        return fail(UNREADABLE, "Ce fichier de l'archive est endommagé (données compressées "
                    "invalides) et n'a pas pu être extrait.")
    nested = dataclasses.replace(limits, max_zip_members=max(budget_members, 0),
                                 max_zip_total_bytes=max(budget_bytes - len(payload), 0))
    items = read_fn(name, payload, nested, depth=depth + 1)
    if items:
        items[0].container = container
    return items


def _too_big(cap: int, budget_bytes: int) -> str:
    if budget_bytes <= cap:
        return ("L'archive dépasse le volume total accepté une fois décompressée : ce fichier "
                "n'a pas été extrait.")
    return f"Ce fichier de l'archive dépasse la taille maximale acceptée ({_mb(cap)})."


def style_chain(styles: dict, name: str | None, parent_of):
    """(name, style) for a style and the ones it inherits from, nearest first; cycles and
    chains longer than 12 (hostile files) are cut."""
    seen: set[str] = set()
    while name and name not in seen and len(seen) < 12:
        seen.add(name)
        st = styles.get(name)
        if st is None:
            return
        yield name, st
        name = parent_of(st)
