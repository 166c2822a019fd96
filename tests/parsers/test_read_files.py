"""read_file: typing from bytes, statuses with French reasons, never an exception."""

from __future__ import annotations

import dataclasses
import hashlib
import random

import pytest

from parsers import legacy
from parsers.document import PARSED, STATUSES, UNREADABLE, UNSUPPORTED
from parsers.files import read_file
from parsers.sniff import DOC, MSG, PDF, PKCS7, TNEF, XLS, sniff


def test_first_item_describes_the_file(limits, proposal_docx):
    item = read_file("Projet final.docx", proposal_docx, limits)[0]
    assert item.filename == "Projet final.docx"
    assert item.sha256 == hashlib.sha256(proposal_docx).hexdigest()
    assert item.size == len(proposal_docx) and item.status == PARSED and item.detail == ""
    assert item.to_contract()["media_type"].endswith("wordprocessingml.document")


def test_type_comes_from_the_bytes_not_the_name(limits, proposal_docx):
    item = read_file("projet.pdf", proposal_docx, limits, declared_type="application/pdf")[0]
    assert item.status == PARSED and item.media_type.endswith("wordprocessingml.document")
    assert sniff(b"x\x9f>\"\x01\x00") == TNEF
    assert sniff(b"\x30\x82\x06\x22\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\xa0") == PKCS7
    assert sniff(b"junk\n%PDF-1.4\n") == PDF


def _ole(stream: str) -> bytes:
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016)
    name = stream.encode("utf-16-le") + b"\0\0"
    data[512:512 + len(name)] = name
    data[512 + 64] = len(name)
    data[512 + 66] = 2
    return bytes(data)


def test_ole_containers_are_told_apart():
    assert sniff(_ole("WordDocument")) == DOC
    assert sniff(_ole("Workbook")) == XLS
    assert sniff(_ole("__substg1.0_0037001F")) == MSG


def test_unsupported_formats_say_what_to_send_instead(limits):
    msg = read_file("message.msg", _ole("__substg1.0_0037001F"), limits)[0]
    assert msg.status == UNSUPPORTED
    assert msg.detail == ("Le format « Outlook .msg » n'est pas lu par le service : merci de "
                          "renvoyer ce document au format PDF ou DOCX.")
    png = read_file("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, limits)[0]
    assert png.status == UNSUPPORTED and "image PNG" in png.detail
    bz2 = read_file("annexes.bz2", b"BZh91AY&SY" + b"\0" * 50, limits)[0]
    assert bz2.status == UNSUPPORTED and "bzip2" in bz2.detail
    unknown = read_file("x.bin", bytes(range(256)) * 4, limits)[0]
    assert unknown.status == UNSUPPORTED and unknown.detail


def test_size_limit_and_empty_file(limits, proposal_docx):
    small = dataclasses.replace(limits, max_file_bytes=1000)
    item = read_file("projet.docx", proposal_docx, small)[0]
    assert item.status == UNREADABLE and "taille maximale" in item.detail
    assert read_file("vide.docx", b"", limits)[0].status == UNREADABLE


def test_never_raises_on_damaged_bytes(limits, proposal_docx):
    rng = random.Random(1234)
    samples = [proposal_docx[:n] for n in (10, 100, 1000, 5000)]
    for _ in range(30):
        buf = bytearray(proposal_docx)
        for _ in range(20):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        samples.append(bytes(buf))
    samples += [b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(2000)),
                b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)),
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(600))]
    for data in samples:
        for item in read_file("projet.docx", data, limits):
            assert item.status in STATUSES
            assert item.status == PARSED or item.detail


def test_legacy_word_without_libreoffice(limits, monkeypatch):
    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    item = read_file("projet.doc", _ole("WordDocument"), limits)[0]
    assert item.status == UNSUPPORTED
    assert item.detail == ("Le format Word 97-2003 (.doc) n'est pas lu par le service : merci "
                           "de renvoyer ce document au format PDF ou DOCX.")


@pytest.mark.slow
def test_legacy_word_and_rtf_through_libreoffice(convert, proposal_docx, limits):
    for ext, media in (("doc", DOC), ("rtf", "application/rtf")):
        data = convert(proposal_docx, "docx", ext)
        item = read_file(f"projet.{ext}", data, limits)[0]
        assert item.status == PARSED and item.media_type == media
        assert item.document.media_type == media
        blocks = item.document.blocks
        assert any(b.kind == "heading" and b.text == "1. Contexte" for b in blocks)
        table = next(b for b in blocks if b.kind == "table")
        assert table.rows[1][:2] == ["Personnel", "24 000 €"]


@pytest.mark.slow
def test_legacy_excel_through_libreoffice(convert, limits):
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Poste", "Montant"])
    ws.append(["Personnel", 24000])
    ws.append(["Total", "=SUM(B2:B2)"])
    buf = io.BytesIO()
    wb.save(buf)
    xls = convert(buf.getvalue(), "xlsx", "xls")
    item = read_file("budget.xls", xls, limits)[0]
    assert item.status == PARSED and item.media_type == XLS
    assert item.document.blocks[0].rows == [["Poste", "Montant"], ["Personnel", "24000"],
                                            ["Total", "24000"]]
