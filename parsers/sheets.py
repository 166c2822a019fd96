"""XLSX / XLSM / ODS to Document: one table block per sheet.

Spreadsheets are where budgets live, and where hostile files hide their bombs (a sheet
claiming the whole grid, 999999999 repeated cells, entity expansion). openpyxl reads
ordinary XLSX (dates and percentages come out right); whatever it refuses or silently
empties (Strict OOXML, odd styles, missing parts) goes through a small streaming reader
of the sheet XML. Every loop is capped by `limits.max_cells`, by a run of empty rows and
by the time budget.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator

from lxml import etree

from .archive import (
    ReadError,
    local,
    member_map,
    open_package,
    package_rels,
    parse_xml,
    read_member,
)
from .document import UNREADABLE, Block, Document, Limits
from .odt import odf_inline_text, open_odf
from .text import one_line

MAX_COLUMNS = 1024
MAX_EMPTY_ROWS = 1000
MAX_REPEAT = 64
MAX_CELL_CHARS = 32767  # Excel's own limit: longer is not a real cell
_ENTITY_DETAIL = ("Le classeur contient des déclarations d'entités XML (procédé utilisé par des "
                  "fichiers malveillants) : il n'a pas été lu par sécurité.")


# ---------------------------------------------------------------- values


def format_number(x: float | int, number_format: str = "") -> str:
    """Plain digits the amount parser can read: 12500 -> "12500", 12500.5 -> "12500.5";
    a percentage cell shows as the user sees it ("20 %")."""
    if isinstance(x, bool):
        return "VRAI" if x else "FAUX"
    if "%" in number_format:
        return _plain(x * 100) + " %"
    return _plain(x)


def _plain(x: float | int) -> str:
    if isinstance(x, int):
        return str(x)
    if x != x or x in (float("inf"), float("-inf")):
        return ""
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


def format_value(v: object, number_format: str = "") -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "VRAI" if v else "FAUX"
    if isinstance(v, int | float):
        return format_number(v, number_format)
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second) == (0, 0, 0):
            return v.strftime("%d/%m/%Y")
        return v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, dt.timedelta):
        return str(v)
    return cell_text(str(v))


_TEXT_CACHE: dict[str, str] = {}


def cell_text(s: str) -> str:
    """One-line text of a cell, capped; long shared strings are cleaned once, not once
    per cell that references them."""
    if len(s) < 200:
        return one_line(s)
    cached = _TEXT_CACHE.get(s)
    if cached is None:
        if len(_TEXT_CACHE) > 256:
            _TEXT_CACHE.clear()
        cached = _TEXT_CACHE[s] = one_line(s[:MAX_CELL_CHARS])
    return cached


class _Budget:
    """Cells, characters and time left for the whole workbook."""

    def __init__(self, limits: Limits) -> None:
        self.cells = limits.max_cells
        self.chars = limits.max_text_chars
        self.deadline = time.monotonic() + limits.timeout_seconds * 0.8

    def spent(self) -> bool:
        return self.cells <= 0 or self.chars <= 0 or time.monotonic() > self.deadline


def _collect(rows: Iterable[list[str]], budget: _Budget) -> list[list[str]]:
    """Keep rows up to the budget; stop after a long run of empty rows (a sheet that
    declares a million rows has nothing after its data)."""
    out: list[list[str]] = []
    empty_run = 0
    for n, row in enumerate(rows):
        row = row[:MAX_COLUMNS]
        while row and not row[-1]:
            row.pop()
        budget.cells -= max(len(row), 1)
        budget.chars -= sum(len(c) for c in row)
        if row:
            empty_run = 0
            out.append(row)
        else:
            empty_run += 1
            if empty_run > MAX_EMPTY_ROWS:
                break
        if budget.cells <= 0 or budget.chars <= 0 or (n % 256 == 0 and budget.spent()):
            break
    return _trim(out)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows, trailing and leading empty columns (tables often start in B2)."""
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    lead = min(next(i for i, c in enumerate(r) if c) for r in rows)
    width = max(len(r) for r in rows)
    return [r[lead:] + [""] * (width - len(r)) for r in rows]


def _doc(source: str, media_type: str, sheets: list[tuple[str, list[list[str]]]]) -> Document:
    blocks = [Block("table", rows=rows, sheet=name, page=i + 1)
              for i, (name, rows) in enumerate(sheets) if rows]
    return Document(source=source, media_type=media_type, blocks=blocks, pages=len(sheets))


# ---------------------------------------------------------------- XLSX


def read_xlsx(data: bytes, source: str, media_type: str, limits: Limits) -> Document:
    """Every sheet of an XLSX/XLSM workbook as a table (cached formula values)."""
    zf = open_package(data, "Le classeur Excel")
    _refuse_doctype(zf)
    try:
        sheets = _openpyxl_sheets(data, limits)
    except ReadError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl's failures are many; the fallback decides
        sheets = None
    if sheets is None:
        try:
            sheets = _raw_sheets(zf, limits)
        except ReadError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ReadError(UNREADABLE, "Le classeur Excel est endommagé (structure interne "
                            "invalide) et n'a pas pu être lu.") from exc
    if not sheets:
        raise ReadError(UNREADABLE, "Le classeur Excel ne contient aucune feuille lisible "
                        "(format inhabituel, par exemple « Strict Open XML ») : merci de "
                        "l'enregistrer au format .xlsx standard.")
    return _doc(source, media_type, sheets)


def _refuse_doctype(zf: zipfile.ZipFile) -> None:
    """No spreadsheet writer emits a DOCTYPE: one in any part is an entity attack, and
    is refused before openpyxl (whose parsers differ by part) sees it."""
    for info in zf.infolist()[:1000]:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        if _declares_entities(zf, info):
            raise ReadError(UNREADABLE, _ENTITY_DETAIL)


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int = 64 << 20) -> bool:
    """A DOCTYPE or an entity declaration anywhere in the part's first `cap` bytes (a
    comment can push it past any fixed window), or a UTF-16/32 part (no writer uses one;
    the byte test cannot see its markup)."""
    tail = b""
    seen = 0
    try:
        with zf.open(info) as fh:
            while seen < cap:
                chunk = fh.read(1 << 16)
                if not chunk:
                    return False
                if seen == 0 and chunk[:2] in (b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00"):
                    return True
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    return True
                tail = window[-16:]
                seen += len(chunk)
    except Exception:  # noqa: BLE001 - damaged parts are the readers' business
        return False
    return False


def _openpyxl_sheets(data: bytes, limits: Limits) -> list[tuple[str, list[list[str]]]] | None:
    """None when openpyxl sees no sheet (Strict OOXML) so the raw reader gets a turn."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                        keep_links=False, keep_vba=False)
        except Exception as exc:
            if _is_entity_error(exc):
                raise ReadError(UNREADABLE, _ENTITY_DETAIL) from exc
            raise
        try:
            budget = _Budget(limits)
            out = []
            for ws in wb.worksheets:
                if not hasattr(ws, "iter_rows"):
                    continue
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()  # never trust <dimension ref="A1:XFD1048576">
                out.append((ws.title, _collect(_openpyxl_rows(ws), budget)))
                if budget.spent():
                    break
        finally:
            wb.close()
    return out or None


def _openpyxl_rows(ws) -> Iterator[list[str]]:
    for row in ws.iter_rows():
        values = []
        for cell in row[:MAX_COLUMNS]:
            v = getattr(cell, "value", None)
            fmt = getattr(cell, "number_format", "") if isinstance(v, int | float) else ""
            values.append(format_value(v, fmt or ""))
        yield values


def _is_entity_error(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 5:
        name = type(exc).__name__
        if name in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"):
            return True
        if "could not read strings" in str(exc) or "entit" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


# -- raw XLSX reader (fallback)

_DATE_FMT_IDS = set(range(14, 23)) | {45, 46, 47}
_REF_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _col_index(ref: str | None, default: int) -> int:
    if not ref:
        return default
    m = _REF_RE.match(ref.upper())
    if not m:
        return default
    n = 0
    for ch in m.group(1):
        n = n * 26 + ord(ch) - 64
    return n - 1


def _iter_elements(data: bytes, names: set[str]) -> Iterator[etree._Element]:
    """Stream elements with a given local name, freeing memory as it goes."""
    if b"<!DOCTYPE" in data[:4096] and b"<!ENTITY" in data:
        raise ReadError(UNREADABLE, _ENTITY_DETAIL)
    for _, el in etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False,
                                 recover=True, remove_comments=True):
        if local(el.tag) in names:
            yield el
            el.clear()
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]


def _raw_sheets(zf: zipfile.ZipFile, limits: Limits) -> list[tuple[str, list[list[str]]]]:
    members = member_map(zf)
    main = next((t for ty, t in package_rels(zf, members, "").values()
                 if ty.endswith("/officeDocument") and t.lower() in members), None)
    main = main or ("xl/workbook.xml" if "xl/workbook.xml" in members else None)
    if main is None:
        raise ReadError(UNREADABLE, "Le fichier ne contient pas de classeur Excel (partie "
                        "principale absente) : il est endommagé ou n'est pas un vrai .xlsx.")
    wb = parse_xml(read_member(zf, members[main.lower()], 16 << 20))
    rels = package_rels(zf, members, main)
    cap = min(limits.max_zip_total_bytes, 256 << 20)
    strings = _shared_strings(zf, members, rels, cap)
    dates = _date_styles(zf, members, rels)
    budget = _Budget(limits)
    out = []
    for sh in wb.iter():
        if local(sh.tag) != "sheet":
            continue
        rid = next((v for k, v in sh.attrib.items() if local(k) == "id"), "")
        target = rels.get(rid, ("", ""))[1].lower()
        if target not in members:
            continue
        data = read_member(zf, members[target], cap)
        rows = _collect(_raw_rows(data, strings, dates), budget)
        out.append((sh.get("name") or target, rows))
        if budget.spent():
            break
    return out


def _shared_strings(zf, members, rels, cap: int) -> list[str]:
    part = next((t for ty, t in rels.values() if ty.endswith("/sharedStrings")), None)
    if part is None or part.lower() not in members:
        return []
    out = []
    for si in _iter_elements(read_member(zf, members[part.lower()], cap), {"si"}):
        out.append(_si_text(si))
    return out


def _si_text(si: etree._Element) -> str:
    parts = []
    for el in si.iter():
        tag = local(el.tag)
        if tag == "rPh":
            continue
        if tag == "t" and el.text and local(el.getparent().tag) != "rPh":
            parts.append(el.text)
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), "".join(parts))


def _date_styles(zf, members, rels) -> list[bool]:
    part = next((t for ty, t in rels.values() if ty.endswith("/styles")), None)
    if part is None or part.lower() not in members:
        return []
    try:
        root = parse_xml(read_member(zf, members[part.lower()], 16 << 20))
    except Exception:  # noqa: BLE001 - styles only refine dates
        return []
    custom = {}
    for el in root.iter():
        if local(el.tag) == "numFmt":
            code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", (el.get("formatCode") or "").lower())
            custom[el.get("numFmtId")] = bool(re.search(r"[dy]|m{3,}", code))
    out = []
    for xfs in root.iter():
        if local(xfs.tag) != "cellXfs":
            continue
        for xf in xfs:
            fid = xf.get("numFmtId") or "0"
            out.append(custom.get(fid, fid.isdigit() and int(fid) in _DATE_FMT_IDS))
        break
    return out


def _raw_rows(data: bytes, strings: list[str], dates: list[bool]) -> Iterator[list[str]]:
    row: list[str] = []
    expected_row = 1
    for el in _iter_elements(data, {"c", "row"}):
        if local(el.tag) == "row":
            r = el.get("r")
            idx = int(r) if r and r.isdigit() else expected_row
            for _ in range(min(idx - expected_row, MAX_EMPTY_ROWS + 1)):
                yield []
            yield row
            row = []
            expected_row = idx + 1
            continue
        col = min(_col_index(el.get("r"), len(row)), MAX_COLUMNS)
        if col >= MAX_COLUMNS:
            continue
        value = _raw_value(el, strings, dates)
        if col >= len(row):
            row.extend([""] * (col - len(row) + 1))
        row[col] = value
    if row:
        yield row


def _raw_value(c: etree._Element, strings: list[str], dates: list[bool]) -> str:
    kind = c.get("t") or "n"
    v = next((x.text for x in c if local(x.tag) == "v"), None)
    if kind == "inlineStr":
        return cell_text("".join(_si_text(x) for x in c if local(x.tag) == "is"))
    if v is None:
        return ""
    if kind == "s":
        try:
            return cell_text(strings[int(v)])
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "VRAI" if v.strip() == "1" else "FAUX"
    if kind in ("str", "e", "d"):
        return one_line(v)
    try:
        x = float(v)
    except ValueError:
        return one_line(v)
    style = c.get("s")
    if style and style.isdigit() and int(style) < len(dates) and dates[int(style)]:
        try:
            from openpyxl.utils.datetime import from_excel

            return format_value(from_excel(x))
        except Exception:  # noqa: BLE001 - out-of-range serials stay numbers
            pass
    return format_number(x)


# ---------------------------------------------------------------- ODS

_ODS_TEXT_DETAIL = "Le classeur OpenDocument"


def read_ods(data: bytes, source: str, media_type: str, limits: Limits) -> Document:
    """Every sheet of an ODS workbook as a table; repeated rows/cells are capped."""
    _zf, _members, content = open_odf(data, _ODS_TEXT_DETAIL, limits)
    budget = _Budget(limits)
    sheets = []
    for name, rows in _ods_tables(content, budget):
        sheets.append((name, rows))
        if budget.spent():
            break
    return _doc(source, media_type, sheets)


def _ods_tables(content: bytes, budget: _Budget) -> Iterator[tuple[str, list[list[str]]]]:
    """Stream table:table elements; each yields (name, rows)."""
    if b"<!DOCTYPE" in content[:4096] and b"<!ENTITY" in content:
        raise ReadError(UNREADABLE, _ENTITY_DETAIL)
    ctx = etree.iterparse(io.BytesIO(content), events=("start", "end"), resolve_entities=False,
                          no_network=True, load_dtd=False, huge_tree=False, recover=True,
                          remove_comments=True)
    depth = 0
    for event, el in ctx:
        if local(el.tag) != "table":
            continue
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            name = next((v for k, v in el.attrib.items() if local(k) == "name"), "")
            yield name, _collect(_ods_rows(el), budget)
            el.clear()


def _ods_rows(table: etree._Element) -> Iterator[list[str]]:
    for row in table.iter():
        if local(row.tag) != "table-row" or _inside_nested_table(row, table):
            continue
        cells = _ods_cells(row)
        repeat = _repeat(row, "number-rows-repeated")
        if not any(cells):
            for _ in range(min(repeat, MAX_EMPTY_ROWS + 1)):
                yield []
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            yield list(cells)


def _inside_nested_table(row: etree._Element, table: etree._Element) -> bool:
    parent = row.getparent()
    while parent is not None and parent is not table:
        if local(parent.tag) == "table":
            return True
        parent = parent.getparent()
    return False


def _repeat(el: etree._Element, attr: str) -> int:
    v = next((v for k, v in el.attrib.items() if local(k) == attr), "1")
    try:
        return max(1, int(v))
    except ValueError:
        return 1


def _ods_cells(row: etree._Element) -> list[str]:
    out: list[str] = []
    pending_empty = 0
    for cell in row:
        tag = local(cell.tag)
        if tag not in ("table-cell", "covered-table-cell"):
            continue
        value = _ods_value(cell) if tag == "table-cell" else ""
        repeat = _repeat(cell, "number-columns-repeated")
        if not value:
            pending_empty += repeat
            continue
        if len(out) + pending_empty >= MAX_COLUMNS:
            break
        out.extend([""] * pending_empty)
        pending_empty = 0
        out.extend([value] * min(repeat, MAX_REPEAT, MAX_COLUMNS - len(out)))
    return out


def _ods_value(cell: etree._Element) -> str:
    attrs = {local(k): v for k, v in cell.attrib.items()}
    kind = attrs.get("value-type", "")
    if kind in ("float", "currency", "percentage"):
        try:
            x = float(attrs.get("value", ""))
            return format_number(x, "%" if kind == "percentage" else "")
        except ValueError:
            pass
    if kind == "date" and attrs.get("date-value"):
        try:
            return format_value(dt.datetime.fromisoformat(attrs["date-value"]))
        except ValueError:
            pass
    if kind == "boolean":
        return "VRAI" if attrs.get("boolean-value") == "true" else "FAUX"
    paragraphs = []
    for p in cell:
        if local(p.tag) in ("p", "h"):
            paragraphs.append(odf_inline_text(p))
    return cell_text(" ".join(paragraphs))
