"""ZIP and winmail.dat: members become attachments, bombs and tricks are refused."""

from __future__ import annotations

import dataclasses
import io
import struct
import time
import zipfile

from parsers.document import ENCRYPTED, PARSED, UNREADABLE, UNSUPPORTED
from parsers.files import read_file
from parsers.sniff import DOCX, TNEF, ZIP


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_members_are_read_like_attachments(limits, proposal_docx):
    data = _zip({"dossier/projet.docx": proposal_docx, "dossier/budget.csv": b"Poste;Montant\n"
                 b"Personnel;100\n", "__MACOSX/dossier/._projet.docx": b"junk",
                 "dossier/.DS_Store": b"junk", "dossier/": b""})
    items = read_file("candidature.zip", data, limits)
    assert items[0].media_type == ZIP and items[0].status == PARSED
    assert [(i.filename, i.container, i.status) for i in items[1:]] == [
        ("dossier/projet.docx", "candidature.zip", PARSED),
        ("dossier/budget.csv", "candidature.zip", PARSED),
    ]
    assert items[1].media_type == DOCX and len(items[1].sha256) == 64


def test_nesting_stops_at_the_depth_limit(limits):
    inner = _zip({"note.txt": b"Bonjour"})
    for level in range(4):
        inner = _zip({f"niveau{level}.zip": inner})
    items = read_file("poupees.zip", inner, limits)
    assert all(i.status in (PARSED, UNREADABLE) for i in items)
    refused = [i for i in items if i.status == UNREADABLE]
    assert len(refused) == 1 and "profondeur" in refused[0].detail
    assert len(items) == limits.max_zip_depth + 1


def test_zip_bomb_member_is_refused_without_inflating(limits):
    bomb = _zip({"rapport.txt": b"0" * (60 * 1024 * 1024)})
    assert len(bomb) < 200_000
    start = time.monotonic()
    items = read_file("bombe.zip", bomb, limits)
    assert time.monotonic() - start < 5
    assert items[1].status == UNREADABLE and "compression" in items[1].detail


def test_member_count_and_total_size_limits(limits):
    small = dataclasses.replace(limits, max_zip_members=3)
    items = read_file("beaucoup.zip", _zip({f"f{i}.txt": b"texte" for i in range(10)}), small)
    assert len(items) == 4 and items[0].status == UNREADABLE
    assert "trop de fichiers" in items[0].detail


def test_path_traversal_and_symlinks_are_not_extracted(limits):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("../../etc/cron.d/x", b"* * * * * root sh")
        link = zipfile.ZipInfo("lien")
        link.external_attr = (0o120777 << 16)
        z.writestr(link, "/etc/passwd")
        z.writestr("ok.txt", b"Bonjour")
    items = read_file("piege.zip", out.getvalue(), limits)
    by_name = {i.filename: i for i in items[1:]}
    assert by_name["../../etc/cron.d/x"].status == UNREADABLE
    assert by_name["lien"].status == UNREADABLE
    assert by_name["ok.txt"].status == PARSED


def _set_encrypted_flag(data: bytes) -> bytes:
    """Mark every entry as encrypted (bit 0 of the general purpose flags)."""
    buf = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = buf.find(sig)
        while pos != -1:
            buf[pos + offset] |= 1
            pos = buf.find(sig, pos + 4)
    return bytes(buf)


def test_password_protected_zip(limits):
    data = _set_encrypted_flag(_zip({"projet.txt": b"secret"}, zipfile.ZIP_STORED))
    items = read_file("protege.zip", data, limits)
    assert items[0].status == ENCRYPTED and "mot de passe" in items[0].detail


def test_damaged_zip(limits):
    assert read_file("casse.zip", b"PK\x03\x04" + b"\x00" * 40, limits)[0].status == UNREADABLE


def _tnef_attr(level: int, attr: int, payload: bytes) -> bytes:
    checksum = sum(payload) & 0xFFFF
    return struct.pack("<BII", level, attr, len(payload)) + payload + struct.pack("<H", checksum)


def _tnef(attachments: list[tuple[str, bytes]]) -> bytes:
    out = struct.pack("<IH", 0x223E9F78, 1)
    out += _tnef_attr(1, 0x00069007, struct.pack("<II", 1252, 0))
    for name, data in attachments:
        out += _tnef_attr(2, 0x00069002, b"\x01\x00\xff\xff\xff\xff" + b"\x00" * 8)
        out += _tnef_attr(2, 0x00018010, name.encode("cp1252") + b"\x00")
        out += _tnef_attr(2, 0x0006800F, data)
    return out


def test_winmail_dat_attachments_become_members(limits, proposal_docx):
    data = _tnef([("projet.docx", proposal_docx), ("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)])
    items = read_file("winmail.dat", data, limits)
    assert items[0].media_type == TNEF and items[0].status == PARSED
    assert [(i.filename, i.container, i.status) for i in items[1:]] == [
        ("projet.docx", "winmail.dat", PARSED), ("logo.png", "winmail.dat", UNSUPPORTED)]


def test_winmail_dat_without_attachment_or_with_lying_lengths(limits):
    empty = read_file("winmail.dat", _tnef([]), limits)[0]
    assert empty.status == UNSUPPORTED and "TNEF" in empty.detail
    # a MAPI block announcing 2^32-1 properties (the tnefparse out-of-memory trap)
    mapi = struct.pack("<I", 0xFFFFFFFF) + struct.pack("<HH", 0x101F, 0x3707) + b"\xff" * 8
    lying = _tnef([("a.txt", b"Bonjour")]) + _tnef_attr(2, 0x00069005, mapi)
    start = time.monotonic()
    items = read_file("winmail.dat", lying, limits)
    assert time.monotonic() - start < 2
    assert items[1].filename == "a.txt" and items[1].status == PARSED
