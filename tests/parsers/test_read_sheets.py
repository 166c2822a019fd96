"""XLSX and ODS: budgets come out as rows the amount parser can read."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile

import openpyxl

from parsers.document import ENCRYPTED, PARSED, UNREADABLE
from parsers.files import read_file
from parsers.sheets import format_number
from parsers.sniff import ODS, XLSX


def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws["B2"], ws["C2"] = "Poste", "Montant"
    ws["B3"], ws["C3"] = "Personnel", 24000
    ws["B4"], ws["C4"] = "Déplacements", 3000.5
    ws["B5"], ws["C5"] = "Total", "=SUM(C3:C4)"
    ws["B6"], ws["C6"] = "Part cofinancement", 0.2
    ws["C6"].number_format = "0%"
    ws["B7"], ws["C7"] = "Fin du projet", dt.datetime(2023, 12, 30)
    ws["B8"], ws["C8"] = "Reste", "=C5-C3"
    wb.create_sheet("Notes")["A1"] = "Hypothèses de calcul"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, transform) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, transform(info.filename, src.read(info)))
    return out.getvalue()


def _with_cached_total(data: bytes) -> bytes:
    """openpyxl never computes formulas: write the cached value Excel would store."""

    def fix(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            content = re.sub(rb"(<f>SUM\(C3:C4\)</f>)<v\s*/>|(<f>SUM\(C3:C4\)</f>)<v></v>",
                             rb"<f>SUM(C3:C4)</f><v>27000.5</v>", content)
            if b"27000.5" not in content:
                content = content.replace(b"<f>SUM(C3:C4)</f>", b"<f>SUM(C3:C4)</f><v>27000.5</v>")
        return content

    return _rewrite(data, fix)


def test_budget_sheet_values_as_the_user_sees_them(limits):
    item = read_file("budget.xlsx", _with_cached_total(_workbook()), limits)[0]
    assert item.status == PARSED and item.media_type == XLSX
    budget, notes = item.document.blocks
    assert budget.sheet == "Budget" and notes.sheet == "Notes"
    assert budget.rows == [
        ["Poste", "Montant"],
        ["Personnel", "24000"],
        ["Déplacements", "3000.5"],
        ["Total", "27000.5"],  # cached formula value
        ["Part cofinancement", "20 %"],
        ["Fin du projet", "30/12/2023"],
        ["Reste", ""],  # formula without a cached value
    ]
    assert notes.rows == [["Hypothèses de calcul"]]


def test_number_rendering():
    assert format_number(12500) == "12500"
    assert format_number(12500.0) == "12500"
    assert format_number(12500.5) == "12500.5"
    assert format_number(0.1 + 0.2) == "0.3"
    assert format_number(0.2, "0.00%") == "20 %"


def test_sheet_claiming_the_whole_grid_is_read_quickly(limits):
    def huge(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            content = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>',
                             content)
            content = content.replace(
                b"</sheetData>",
                b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>fin</t></is></c>'
                b"</row></sheetData>")
        return content

    start = time.monotonic()
    item = read_file("budget.xlsx", _rewrite(_workbook(), huge), limits)[0]
    assert time.monotonic() - start < 10
    assert item.status == PARSED
    assert item.document.blocks[0].rows[1] == ["Personnel", "24000"]


def test_strict_ooxml_is_read_by_the_fallback(limits):
    def strict(name: str, content: bytes) -> bytes:
        return (content
                .replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                         b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                         b"http://purl.oclc.org/ooxml/officeDocument/relationships"))

    item = read_file("budget.xlsx", _rewrite(_workbook(), strict), limits)[0]
    assert item.status == PARSED
    rows = item.document.blocks[0].rows
    assert ["Personnel", "24000"] in rows
    assert ["Fin du projet", "30/12/2023"] in rows


def test_entity_bomb_is_refused(limits):
    dtd = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')

    def explode(name: str, content: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            content = dtd + content.replace(b"<t>Personnel</t>", b"<t>&lol2;</t>")
        return content

    item = read_file("budget.xlsx", _rewrite(_workbook(), explode), limits)[0]
    assert item.status == UNREADABLE and "entités" in item.detail


def _ods(content: str, manifest: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODS)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest or "<manifest/>")
    return out.getvalue()


_ODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Budget">
<table:table-row><table:table-cell office:value-type="string"><text:p>Poste</text:p>
</table:table-cell><table:table-cell office:value-type="string"><text:p>Montant</text:p>
</table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Personnel</text:p>
</table:table-cell><table:table-cell office:value-type="currency" office:value="24000">
<text:p>24 000,00 €</text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="16000"/></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell
 table:number-columns-repeated="1024"/></table:table-row>
<table:table-row table:number-rows-repeated="999999999"><table:table-cell
 table:number-columns-repeated="999999999" office:value-type="string"><text:p>X</text:p>
</table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


def test_ods_values_and_repeat_bombs(limits):
    start = time.monotonic()
    item = read_file("budget.ods", _ods(_ODS), limits)[0]
    assert time.monotonic() - start < 5
    assert item.status == PARSED and item.media_type == ODS
    rows = item.document.blocks[0].rows
    assert rows[:2] == [["Poste", "Montant"], ["Personnel", "24000"]]
    assert len(rows) <= 2 + 64  # the repeated "X" row is capped, not expanded


def test_encrypted_ods(limits):
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
    assert read_file("budget.ods", _ods("garbage", manifest), limits)[0].status == ENCRYPTED
