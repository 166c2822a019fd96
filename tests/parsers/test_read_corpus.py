"""Every hostile real-world file of the shared corpus: a status, a reason, in time.

The true protection against bombs is the sandboxed child process (intake/reading/sandbox.py);
this checks the readers themselves stay bounded and never raise.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from parsers.document import PARSED, STATUSES, Limits
from parsers.files import read_file

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
FOLDERS = ("pdf", "docx", "xlsx", "odt", "other")
FILES = sorted(p for f in FOLDERS for p in (CORPUS / f).glob("*") if p.is_file()) \
    if CORPUS.is_dir() else []
_FRENCH = re.compile(r"\b(le|la|les|de|du|des|n'a|n'est|est|ce|ne|pas|au|aux|un|une)\b", re.I)

# What a secretariat must see for the files whose outcome matters most.
EXPECTED = {
    "pdf/pdfplumber__password-example.pdf": "encrypted",
    "pdf/pypdf__r6-owner-password.pdf": "parsed",
    "pdf/pdfjs__empty_protected.pdf": "unreadable",
    "pdf/tika__testOCR.pdf": "scanned",
    "pdf/pdfplumber__empty.pdf": "unreadable",
    "pdf/pdfjs__freeculture.pdf": "parsed",
    "pdf/tika__testMicrosoftIRMServices.pdf": "encrypted",
    "docx/poi__bug53475-password-is-pass.docx": "encrypted",
    "docx/poi__ExternalEntityInText.docx": "unreadable",
    "docx/mammoth__strict-format.docx": "parsed",
    "docx/poi__SimpleMacro.docm": "parsed",
    "xlsx/calamine__issue_174.xlsx": "parsed",
    "xlsx/calamine__strict_iso_paths.xlsx": "parsed",
    "xlsx/poi__poc-xmlbomb.xlsx": "unreadable",
    "xlsx/calamine__pass_protected.xlsx": "encrypted",
    "odt/tika__testODTEncrypted.odt": "encrypted",
    "odt/odfpy__nasty.odt": "unreadable",
    "other/tika__testZipEncrypted.zip": "parsed",
    "other/poi__cyrillic_message.msg": "unsupported",
    "other/tika__testPKCS7_signed_data_def.p7m": "unsupported",
    "other/calamine__pass_protected.ods": "encrypted",
    "other/poi__oom.tnef": "unsupported",
}


def test_corpus_is_present():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus absent ({CORPUS}): robustness tests skipped")
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_file_gets_a_status_and_a_reason(path: Path):
    limits = Limits()
    data = path.read_bytes()
    start = time.monotonic()
    items = read_file(path.name, data, limits)
    elapsed = time.monotonic() - start
    assert elapsed < 30, f"{path.name}: {elapsed:.1f} s"
    assert items and items[0].filename == path.name and len(items[0].sha256) == 64
    for item in items:
        assert item.status in STATUSES
        if item.status != PARSED:
            assert _FRENCH.search(item.detail), f"{item.filename}: {item.detail!r}"
        else:
            assert item.document is not None
    expected = EXPECTED.get(f"{path.parent.name}/{path.name}")
    if expected:
        assert items[0].status == expected, items[0].detail


def test_zip_quine_and_winmail_members():
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    droste = read_file("droste.zip", (CORPUS / "other/tika__droste.zip").read_bytes(), Limits())
    assert len(droste) <= 2 * Limits().max_zip_depth + 2
    winmail = read_file("winmail.dat", (CORPUS / "other/poi__winmail-sample1.dat").read_bytes(),
                        Limits())
    assert [i.container for i in winmail[1:]] == ["winmail.dat"] * (len(winmail) - 1)
    assert any(i.status == PARSED for i in winmail[1:])
