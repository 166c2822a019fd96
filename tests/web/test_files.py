"""The original files of a dossier: downloaded by the SHA-256 of their bytes among the
dossier's own messages only, under a safe name (RFC 5987 for non-ASCII), never by a path;
a PDF previewed in the page through the browser's viewer, sandboxed."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import UTC, datetime
from email.message import EmailMessage
from urllib.parse import unquote

import pytest
from sqlalchemy import insert, select

from intake.reading.message import decode_message
from storage.schema import dossier_messages, dossiers, messages
from web.files import (
    MAX_NAME_CHARS,
    ascii_filename,
    content_disposition,
    safe_filename,
    unique_names,
)

from .conftest import COMMITTEE, COMPLETE_DOCX, EXAMPLES, INCOMPLETE, SCANNED, login

HOSTILE_REFERENCE = "FAB-2022-0777"
LONG = "é" * 500 + ".pdf"
# Names as an applicant's mailer could write them (the decoder keeps the last path
# component of a name; a nameless part is named by the dossier JSON, which is written here).
HOSTILE_NAMES = ["../../etc/passwd", "/etc/shadow", "C:\\Windows\\system32\\x.pdf", "a\x00b.pdf",
                 "facture\u202efdp.exe", LONG, "CON.txt", "projet.pdf", "Projet.PDF", "projet.pdf", "..",
                 ".htaccess", "zero\u200bwidth\u2028line.docx", "tab\tname.pdf"]
NAMELESS_JSON_NAME = "../../../tmp/evil.sh"
EMPTY_BUDGET = {"currency": "EUR", "lines": [], "totals": {}, "total_cost": None, "anact_request": None,
                "cofinancing": {"amount": None, "share": None, "sources": []}}


def examples_file(name_start: str) -> bytes:
    return next(p for p in EXAMPLES if p.name.startswith(name_start)).read_bytes()


def part_sha(raw: bytes, filename: str) -> tuple[str, bytes]:
    part = next(p for p in decode_message(raw).parts if p.filename == filename)
    return hashlib.sha256(part.data).hexdigest(), part.data


def insert_dossier(engine, blobs, reference: str, raws: list[bytes], data: dict, *, title: str | None = None,
                   decision: str = "complete", at: datetime | None = None) -> int:
    """A dossier filed by hand (no reader would file it): its messages stored as the
    worker stores them, rows as the worker writes them."""
    t = at or datetime(2022, 8, 21, 9, 0, tzinfo=UTC)
    with engine.begin() as conn:
        did = conn.execute(insert(dossiers).values(
            reference=reference, sender="pirate@exemple.fr", subject=f"Fabrique CTO {reference}",
            decision=decision, dossier_json=json.dumps(data, ensure_ascii=False), created_at=t, updated_at=t,
            sender_address="pirate@exemple.fr", title=title, first_received=t, backfill=False)).inserted_primary_key[0]
        for n, raw in enumerate(raws):
            sha = blobs.put(raw)
            mid = conn.execute(insert(messages).values(
                account="maildir", folder="INBOX", uidvalidity=1, uid=f"{reference}-{n}", message_id=f"<{sha}@x>",
                sha256=sha, internaldate=t, first_received=t, state="moved", attempts=1, backfill=False,
                created_at=t, updated_at=t, decision=decision, sender="pirate@exemple.fr")).inserted_primary_key[0]
            conn.execute(insert(dossier_messages).values(dossier_id=did, message_id=mid))
    return did


def hostile_files_dossier(engine, blobs, reference: str = HOSTILE_REFERENCE) -> tuple[bytes, list]:
    """A dossier whose one message carries files with hostile names, and a nameless part
    that the dossier JSON names with a path. Returns the raw message and its parts."""
    m = EmailMessage()
    m["From"] = "pirate@exemple.fr"
    m["Subject"] = "Fabrique CTO"
    m["Message-ID"] = f"<{reference}@exemple.fr>"
    m.set_content("Bonjour, ci-joint notre dossier.")
    for n, name in enumerate(HOSTILE_NAMES):
        m.add_attachment(f"%PDF-1.4 fichier {n}".encode(), maintype="application", subtype="pdf", filename=name)
    m.add_attachment("<script>alert(document.cookie)</script>", subtype="html", filename="page.html")
    m.add_attachment(b"#!/bin/sh\necho nameless\n", maintype="application", subtype="octet-stream")
    raw = m.as_bytes()
    parts = decode_message(raw).parts
    attachments = [{"filename": p.filename or NAMELESS_JSON_NAME, "sha256": hashlib.sha256(p.data).hexdigest(),
                    "media_type": "application/pdf", "status": "unreadable", "detail": ""} for p in parts]
    data = {"message": {"message_id": m["Message-ID"], "from": "pirate@exemple.fr", "subject": "Fabrique CTO",
                        "date": "2022-08-21T11:00:00+02:00"},
            "attachments": attachments, "sections": {}, "budget": EMPTY_BUDGET, "partners": [], "flags": [],
            "decision": "complete", "title": None}
    insert_dossier(engine, blobs, reference, [raw], data)
    return raw, parts


def assert_safe_name(name: str) -> None:
    assert name and len(name) <= MAX_NAME_CHARS, name
    assert not any(c in name for c in '/\\:*?"<>|'), name
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name), repr(name)
    assert ".." not in name and not name.startswith(".") and not name.endswith((" ", ".")), name
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}, name


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("name", [*HOSTILE_NAMES, NAMELESS_JSON_NAME, "", "   ", "\x00", "...", "COM1",
                                  "lpt9.tar.gz", "x" * 300, "nom" + "\u202e" * 50 + ".pdf", "\udcff.pdf"])
def test_safe_filename(name):
    assert_safe_name(safe_filename(name))


def test_safe_filename_keeps_what_it_can():
    assert safe_filename("Budget signé.pdf") == "Budget signé.pdf"
    assert safe_filename("../../etc/passwd") == "_._etc_passwd"
    assert safe_filename("facture\u202efdp.exe") == "facturefdp.exe"     # the RTL override goes
    assert safe_filename("CON.txt") == "_CON.txt"
    assert safe_filename("..", "piece-jointe-3.pdf") == "piece-jointe-3.pdf"
    long = safe_filename(LONG)
    assert len(long) == MAX_NAME_CHARS and long.endswith("é.pdf")    # the extension stays
    assert safe_filename("e\u0301te\u0301.docx") == "été.docx"           # NFC


def test_unique_names_ignore_case():
    assert list(unique_names(["projet.pdf", "Projet.PDF", "projet.pdf", "a", "a"])) == [
        "projet.pdf", "Projet (2).PDF", "projet (3).pdf", "a", "a (2)"]
    names = list(unique_names([safe_filename(LONG)] * 3))
    assert len(set(names)) == 3 and all(len(n) <= MAX_NAME_CHARS for n in names)


def test_content_disposition_rfc5987():
    value = content_disposition("Budget signé.pdf")
    assert value == "attachment; filename=\"Budget signe.pdf\"; filename*=UTF-8''Budget%20sign%C3%A9.pdf"
    assert content_disposition("projet.pdf", inline=True) == 'inline; filename="projet.pdf"'
    hostile = content_disposition('a";b\r\nX-Injected: 1.pdf')
    assert "\r" not in hostile and "\n" not in hostile
    assert hostile.startswith('attachment; filename="a__bX-Injected_ 1.pdf"')
    assert ascii_filename("日本.pdf") == "__.pdf"


# ------------------------------------------------------------------ downloads

def test_download_an_attachment(secretariat):
    raw = examples_file("04-")
    sha, data = part_sha(raw, "Budget signé.pdf")
    r = secretariat.get(f"/dossiers/{SCANNED}/files/{sha}")
    assert r.status_code == 200 and r.content == data
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"Budget signe.pdf\"; filename*=UTF-8''Budget%20sign%C3%A9.pdf")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"].startswith("sandbox; default-src 'none'")
    assert r.headers["cache-control"] == "no-store"


def test_the_dossier_page_links_its_files(secretariat):
    raw = examples_file("04-")
    pdf, _ = part_sha(raw, "Budget signé.pdf")
    docx, _ = part_sha(raw, "AMI_LOGI-DIAL_v3.docx")
    html = secretariat.get(f"/dossiers/{SCANNED}").text
    assert f'href="/dossiers/{SCANNED}/files/{docx}"' in html
    assert f'href="/dossiers/{SCANNED}/files/{pdf}"' in html
    assert f'href="/dossiers/{SCANNED}/files/{pdf}/apercu"' in html       # a PDF: a preview
    assert f'href="/dossiers/{SCANNED}/files/{docx}/apercu"' not in html  # not a PDF: none
    assert f'href="/dossiers/{SCANNED}/dossier.zip"' in html
    # each link leads to the file it names
    for sha in (pdf, docx):
        assert secretariat.get(f"/dossiers/{SCANNED}/files/{sha}").status_code == 200


def test_pdf_preview(secretariat):
    sha, data = part_sha(examples_file("04-"), "Budget signé.pdf")
    page = secretariat.get(f"/dossiers/{SCANNED}/files/{sha}/apercu")
    assert page.status_code == 200
    assert f'<object data="/dossiers/{SCANNED}/files/{sha}/pdf" type="application/pdf"' in page.text
    assert f'href="/dossiers/{SCANNED}/files/{sha}"' in page.text  # the fallback: a download
    assert "<script" not in page.text and "<iframe" not in page.text
    csp = page.headers["content-security-policy"]
    assert "object-src 'self'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    pdf = secretariat.get(f"/dossiers/{SCANNED}/files/{sha}/pdf")
    assert pdf.status_code == 200 and pdf.content == data
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith('inline; filename="Budget signe.pdf"')
    assert pdf.headers["content-security-policy"] == "sandbox; default-src 'none'; frame-ancestors 'self'"
    assert pdf.headers["x-content-type-options"] == "nosniff"


def test_only_a_pdf_is_previewed(secretariat):
    sha, _ = part_sha(examples_file("04-"), "AMI_LOGI-DIAL_v3.docx")
    assert secretariat.get(f"/dossiers/{SCANNED}/files/{sha}/pdf").status_code == 404
    assert secretariat.get(f"/dossiers/{SCANNED}/files/{sha}/apercu").status_code == 404


def test_downloads_cannot_reach_outside_the_dossier(secretariat, blobs, intake_home):
    pdf, _ = part_sha(examples_file("04-"), "Budget signé.pdf")
    raw_sha = hashlib.sha256(examples_file("04-")).hexdigest()
    assert raw_sha in blobs  # the raw message is in the store, yet no file of the dossier
    refused = [
        f"/dossiers/{COMPLETE_DOCX}/files/{pdf}",              # another dossier's file
        f"/dossiers/{SCANNED}/files/{raw_sha}",                # a blob, not an attachment
        f"/dossiers/{SCANNED}/files/{pdf.upper()}",            # not the form of an address
        f"/dossiers/{SCANNED}/files/{pdf[:-1]}",
        f"/dossiers/{SCANNED}/files/..%2F..%2F..%2Fetc%2Fpasswd",
        f"/dossiers/{SCANNED}/files/%2Fetc%2Fpasswd",
        f"/dossiers/{SCANNED}/files/%2e%2e",
        f"/dossiers/{SCANNED}/files/..%5C..%5Cfabrique.db",
        f"/dossiers/{SCANNED}/files/{pdf}%00.pdf",
        f"/dossiers/{SCANNED}/files/Budget%20sign%C3%A9.pdf",  # never by name
        f"/dossiers/{SCANNED}/files/{pdf}/..%2F..%2F..%2Ffabrique.db",
        f"/dossiers/..%2F..%2Fetc/files/{pdf}",
        f"/dossiers/FAB-2022-9999/files/{pdf}",
        f"/dossiers/{SCANNED}/files/{intake_home}/fabrique.db",
    ]
    for path in refused:
        for suffix in ("", "/pdf", "/apercu"):
            r = secretariat.get(path + suffix, follow_redirects=False)
            assert r.status_code in (400, 404), (path + suffix, r.status_code)
            assert b"SQLite format" not in r.content and b"root:" not in r.content


def test_hostile_names_download_under_safe_names(secretariat, engine, blobs):
    _raw, parts = hostile_files_dossier(engine, blobs)
    html = secretariat.get(f"/dossiers/{HOSTILE_REFERENCE}").text
    for p in parts:
        sha = hashlib.sha256(p.data).hexdigest()
        assert f"/dossiers/{HOSTILE_REFERENCE}/files/{sha}" in html
        r = secretariat.get(f"/dossiers/{HOSTILE_REFERENCE}/files/{sha}")
        assert r.status_code == 200 and r.content == p.data
        value = r.headers["content-disposition"]
        assert value.startswith('attachment; filename="')
        plain = value.split('filename="', 1)[1].split('"', 1)[0]
        assert all(" " <= c <= "~" for c in plain) and "/" not in plain and "\\" not in plain
        name = unquote(value.split("filename*=UTF-8''", 1)[1]) if "filename*=" in value else plain
        assert_safe_name(name)
    html_part = next(p for p in parts if p.filename == "page.html")
    r = secretariat.get(f"/dossiers/{HOSTILE_REFERENCE}/files/{hashlib.sha256(html_part.data).hexdigest()}")
    assert r.headers["content-disposition"] == 'attachment; filename="page.html"'  # never shown as a page
    assert r.headers["content-security-policy"].startswith("sandbox;")
    assert r.headers["x-content-type-options"] == "nosniff"
    nameless = hashlib.sha256(parts[-1].data).hexdigest()
    r = secretariat.get(f"/dossiers/{HOSTILE_REFERENCE}/files/{nameless}")
    assert 'filename="_._._tmp_evil.sh"' in r.headers["content-disposition"]  # the JSON's name, made safe


def test_committee_cannot_download(client):
    sha, _ = part_sha(examples_file("04-"), "Budget signé.pdf")
    assert login(client, COMMITTEE).status_code == 303
    for suffix in ("", "/pdf", "/apercu"):
        r = client.get(f"/dossiers/{SCANNED}/files/{sha}{suffix}", follow_redirects=False)
        assert r.status_code == 403 and b"%PDF" not in r.content


def test_visitor_gets_the_login_form(client):
    sha, _ = part_sha(examples_file("04-"), "Budget signé.pdf")
    r = client.get(f"/dossiers/{SCANNED}/files/{sha}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_a_pruned_store_is_a_404(secretariat, engine):
    """A message whose bytes are gone: its files are not found, nothing breaks."""
    with engine.begin() as conn:
        mid = conn.execute(select(messages.c.id).join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
                           .join(dossiers, dossiers.c.id == dossier_messages.c.dossier_id)
                           .where(dossiers.c.reference == INCOMPLETE)).scalar()
        conn.execute(messages.update().where(messages.c.id == mid).values(sha256="f" * 64))
    assert secretariat.get(f"/dossiers/{INCOMPLETE}/files/{'f' * 64}").status_code == 404
    assert secretariat.get(f"/dossiers/{INCOMPLETE}").status_code == 200
