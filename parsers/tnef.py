"""winmail.dat (Outlook TNEF): the attachments become members, read like any file.

tnefparse trusts the counts inside MAPI property blocks: a 53-byte crafted file makes
it allocate gigabytes for 40 s (corpus poi__oom.tnef). This reader walks the same
structure with every count and length checked against the bytes actually present, and
only looks for what intake needs: each attachment's name and data.
"""

from __future__ import annotations

import dataclasses
import struct

from .archive import ReadError, ReadFn
from .document import PARSED, UNREADABLE, UNSUPPORTED, Document, Limits, ParsedFile
from .sniff import TNEF

SIGNATURE = 0x223E9F78
_ATT_ATTACH_DATA = 0x800F
_ATT_ATTACH_TITLE = 0x8010
_ATT_ATTACH_REND = 0x9002
_ATT_ATTACHMENT = 0x9005
_ATT_CODEPAGE = 0x9007
_PR_ATTACH_FILENAME = 0x3704
_PR_ATTACH_LONG_FILENAME = 0x3707
_FIXED = {0x2: 4, 0xB: 4, 0x3: 4, 0x4: 4, 0xA: 4, 0x5: 8, 0x6: 8, 0x7: 8, 0x14: 8, 0x40: 8,
          0x48: 16, 0x1: 0}
_VARIABLE = {0x1E, 0x1F, 0x102, 0xD}
_NO_CONTENT = ("Le fichier winmail.dat (format Outlook TNEF) ne contient aucune pièce lisible : "
               "merci de désactiver le format « texte enrichi » d'Outlook et de renvoyer les "
               "documents en pièces jointes classiques (PDF ou DOCX).")


@dataclasses.dataclass
class _Attachment:
    title: str = ""
    long_name: str = ""
    data: bytes = b""


def _u16(b: bytes, o: int) -> int:
    return struct.unpack_from("<H", b, o)[0]


def _u32(b: bytes, o: int) -> int:
    return struct.unpack_from("<I", b, o)[0]


def parse_tnef(data: bytes) -> list[_Attachment]:
    """Attachments of a TNEF stream; raises ReadError when the structure is invalid."""
    if len(data) < 6 or _u32(data, 0) != SIGNATURE:
        raise ReadError(UNREADABLE, "Le fichier winmail.dat n'est pas un fichier TNEF valide.")
    offset = 6
    codepage = "cp1252"
    out: list[_Attachment] = []
    current: _Attachment | None = None
    while offset + 9 <= len(data):
        attr_id = _u32(data, offset + 1) & 0xFFFF
        length = _u32(data, offset + 5)
        start = offset + 9
        if start + length > len(data):
            if not out and current is None:
                raise ReadError(UNREADABLE, "Le fichier winmail.dat (format Outlook TNEF) est "
                                "tronqué ou endommagé : aucune pièce n'a pu en être extraite.")
            break  # trailing garbage after usable attributes
        value = data[start:start + length]
        offset = start + length + 2
        if attr_id == _ATT_CODEPAGE and length >= 4:
            codepage = f"cp{_u32(value, 0)}"
        elif attr_id == _ATT_ATTACH_REND:
            current = _Attachment()
            out.append(current)
        elif current is not None and attr_id == _ATT_ATTACH_TITLE:
            current.title = _decode(value.split(b"\x00", 1)[0], codepage)
        elif current is not None and attr_id == _ATT_ATTACH_DATA:
            current.data = value
        elif current is not None and attr_id == _ATT_ATTACHMENT:
            current.long_name = _long_filename(value, codepage) or current.long_name
    return out


def _decode(raw: bytes, codepage: str) -> str:
    try:
        return raw.decode(codepage, "replace").strip()
    except LookupError:
        return raw.decode("cp1252", "replace").strip()


def _long_filename(b: bytes, codepage: str) -> str:
    """PR_ATTACH_LONG_FILENAME from a MAPI property block, every count bounded."""
    end = len(b)
    if end < 4:
        return ""
    count = _u32(b, 0)
    o = 4
    names: dict[int, str] = {}
    for _ in range(min(count, end // 4)):
        if o + 4 > end:
            break
        ptype, pid = _u16(b, o), _u16(b, o + 2)
        o += 4
        if pid >= 0x8000:
            if o + 20 > end:
                break
            kind = _u32(b, o + 16)
            o += 20
            if kind == 0:
                o += 4
            else:
                if o + 4 > end:
                    break
                n = _u32(b, o)
                o += 4 + n + (-n % 4)
        multi = bool(ptype & 0x1000)
        ptype &= ~0x1000
        values = 1
        if multi or ptype in _VARIABLE:
            if o + 4 > end:
                break
            values = _u32(b, o)
            o += 4
            if values > (end - o) // 4 + 1:
                break
        if ptype in _VARIABLE:
            for _ in range(values):
                if o + 4 > end:
                    return names.get(_PR_ATTACH_LONG_FILENAME, names.get(_PR_ATTACH_FILENAME, ""))
                n = _u32(b, o)
                o += 4
                if n > end - o:
                    return names.get(_PR_ATTACH_LONG_FILENAME, names.get(_PR_ATTACH_FILENAME, ""))
                raw = b[o:o + n]
                o += n + (-n % 4)
                if pid in (_PR_ATTACH_LONG_FILENAME, _PR_ATTACH_FILENAME):
                    text = raw.decode("utf-16-le", "replace") if ptype == 0x1F else \
                        _decode(raw, codepage)
                    names[pid] = text.split("\x00", 1)[0].strip()
        elif ptype in _FIXED:
            o += _FIXED[ptype] * values
        else:
            break
        if o > end:
            break
    return names.get(_PR_ATTACH_LONG_FILENAME, names.get(_PR_ATTACH_FILENAME, ""))


def read_tnef(filename: str, data: bytes, limits: Limits, depth: int, read_fn: ReadFn,
              sha256: str) -> list[ParsedFile]:
    """The winmail.dat item plus one item per attachment it carries."""
    if depth >= limits.max_zip_depth:
        raise ReadError(UNREADABLE, "Le fichier winmail.dat est contenu dans des archives "
                        "au-delà de la profondeur acceptée : son contenu n'a pas été lu.")
    attachments = [a for a in parse_tnef(data) if a.data]
    if not attachments:
        raise ReadError(UNSUPPORTED, _NO_CONTENT)
    me = ParsedFile(filename, sha256, TNEF, PARSED, document=Document(filename, TNEF),
                    size=len(data))
    out = [me]
    budget_members = limits.max_zip_members
    budget_bytes = limits.max_zip_total_bytes
    for n, att in enumerate(attachments, 1):
        if n > budget_members or budget_bytes <= 0:
            me.status, me.document = UNREADABLE, None
            me.detail = ("Le fichier winmail.dat contient trop de pièces : seules les "
                         f"{n - 1} premières ont été lues.")
            break
        name = att.long_name or att.title or f"piece-jointe-{n}"
        nested = dataclasses.replace(limits, max_zip_members=budget_members - n,
                                     max_zip_total_bytes=budget_bytes - len(att.data))
        items = read_fn(name, att.data, nested, depth=depth + 1)
        if items:
            items[0].container = filename
        budget_members -= len(items) - 1
        budget_bytes -= sum(i.size for i in items)
        out.extend(items)
    return out
