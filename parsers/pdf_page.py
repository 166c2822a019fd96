"""A PDF page as the reader sees it: its lines with their font sizes and weights, and the
ruled tables found in its drawing."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .text import clean_text, one_line, trim_rows

MAX_PATHS = 4000


_MAX_SEGMENTS = 50_000


_MAX_EDGES = 2500


@dataclass
class Line:
    text: str
    size: float
    bold: bool
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    # an amount ending the line far to the right of its words (or alone on its line):
    # where it starts and how it reads, a cell of a table drawn without rules
    num_x: float | None = None
    num_text: str = ""
    num_apart: bool = False  # far from its words (a column), not just ending a sentence


@dataclass
class _Table:
    rows: list[list[str]]
    top: float
    page: int
    bbox: tuple[float, float, float, float]


@dataclass
class PageText:
    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    height: float = 0.0
    alnum: int = 0
    drawn: bool = False


class _EdgesOnly:
    """The slice of a pdfplumber Page that TableFinder reads (lines strategy)."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]) -> None:
        self.edges = edges
        self.bbox = bbox
        self.chars: list[dict] = []


_Matrix = tuple[float, float, float, float, float, float]


_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(m1: _Matrix, m2: _Matrix) -> _Matrix:
    """m1 then m2."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _page_edges(page: pdfium.PdfPage, height: float) -> list[dict]:
    """Horizontal and vertical segments of every path (rectangles included), in
    top-down page coordinates, as pdfplumber edge dicts."""
    edges: list[dict] = []
    budget = [_MAX_SEGMENTS]
    matrix = pdfium_c.FS_MATRIX()
    x = ctypes.c_float()
    y = ctypes.c_float()

    def add(p0: tuple[float, float], p1: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p0, p1
        if abs(y0 - y1) < 1 and abs(x1 - x0) >= 3:
            top = height - (y0 + y1) / 2
            edges.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": top,
                          "doctop": top, "width": abs(x1 - x0), "height": 0.0,
                          "orientation": "h", "object_type": "line"})
        elif abs(x0 - x1) < 1 and abs(y1 - y0) >= 3:
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            edges.append({"x0": (x0 + x1) / 2, "x1": (x0 + x1) / 2, "top": top,
                          "bottom": bottom, "doctop": top, "width": 0.0,
                          "height": bottom - top, "orientation": "v", "object_type": "line"})

    def visit(obj, parent: _Matrix, depth: int) -> None:
        local_m = _IDENTITY
        if pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            local_m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        m = _compose(local_m, parent)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3:
            for k in range(min(pdfium_c.FPDFFormObj_CountObjects(obj), MAX_PATHS)):
                visit(pdfium_c.FPDFFormObj_GetObject(obj, k), m, depth + 1)
            return
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            return
        a, b, c, d, e, f = m
        start = cur = None
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            budget[0] -= 1
            if budget[0] < 0:
                return
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x),
                                                                  ctypes.byref(y)):
                continue
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind_seg = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind_seg == pdfium_c.FPDF_SEGMENT_MOVETO or cur is None:
                start = cur = pt
            elif kind_seg == pdfium_c.FPDF_SEGMENT_LINETO:
                add(cur, pt)
                cur = pt
            else:
                cur = pt
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                add(cur, start)
                cur = start

    for k in range(min(pdfium_c.FPDFPage_CountObjects(page), MAX_PATHS)):
        visit(pdfium_c.FPDFPage_GetObject(page, k), _IDENTITY, 0)
        if budget[0] < 0:
            break
    return edges


def find_tables(p: PageText, page: pdfium.PdfPage, tp: pdfium.PdfTextPage) -> None:
    """Ruled tables of the page, their cells read from pdfium's text by rectangle;
    the page's lines inside a table are removed (the table block carries them)."""
    from pdfplumber.table import TableFinder

    width, height = page.get_size()
    edges = _page_edges(page, height)
    if not 4 <= len(edges) <= _MAX_EDGES:  # thousands of strokes: a chart, not a table
        return
    finder = TableFinder(_EdgesOnly(edges, (0.0, 0.0, width, height)), {})  # type: ignore[arg-type]  # edges only
    for table in finder.tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    cells.append("")  # covered by a merged cell: keep columns aligned
                    continue
                x0, top, x1, bottom = cell
                text = tp.get_text_bounded(left=x0 + 0.5, bottom=height - bottom + 0.5,
                                           right=x1 - 0.5, top=height - top - 0.5)
                cells.append(one_line(clean_text(text)))
            rows.append(cells)
        rows = trim_rows(rows)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        filled = [len(c) for r in rows for c in r if c]
        if not filled or max(filled) > 400 or sum(filled) / len(filled) > 120:
            continue  # a frame around text, not a grid of cells
        p.tables.append(_Table(rows, table.bbox[1], p.number, table.bbox))
    for t in p.tables:
        x0, top, x1, bottom = t.bbox
        p.lines = [ln for ln in p.lines if not (
            x0 - 1 <= (ln.x0 + ln.x1) / 2 <= x1 + 1
            and top - 1 <= (ln.top + ln.bottom) / 2 <= bottom + 1)]


_ROW_MIN = 3


def find_borderless_tables(p: PageText) -> None:
    """Tables drawn without rules (a Word table without borders, exported to PDF): three
    rows or more whose amounts start at the same x, far from their words. The lines they
    span become one table of (label, amount) rows, a label wrapped on two lines joined,
    a line without an amount a row of its own ("Ressources")."""
    starts = [(ln.num_x, ln) for ln in p.lines if ln.num_x is not None and ln.num_apart]
    if len(starts) < _ROW_MIN:
        return
    column = max((x for x, _ in starts), key=lambda x: sum(abs(o - x) <= 8 for o, _ in starts))
    members = sorted((ln for x, ln in starts if abs(x - column) <= 8), key=lambda ln: ln.top)
    runs: list[list[Line]] = []
    for ln in members:
        if runs and not _apart(p.lines, runs[-1][-1], ln, column):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    for run in runs:
        if len(run) < _ROW_MIN:
            continue
        top, bottom = run[0].top, _wrapped_below(p.lines, run, column)
        inside = [ln for ln in p.lines if top - 1 <= (ln.top + ln.bottom) / 2 <= bottom + 1]
        rows = _rows(inside, column)
        if sum(1 for _, amount in rows if amount) < _ROW_MIN:
            continue
        bbox = (min(ln.x0 for ln in inside), top, max(ln.x1 for ln in inside), bottom)
        p.tables.append(_Table([list(r) for r in rows], top, p.number, bbox))
        ids = {id(ln) for ln in inside}
        p.lines = [ln for ln in p.lines if id(ln) not in ids]


DANGLING = re.compile(r"(?:^|\s)(?:de|des|du|d'|à|au|aux|et|en|la|le|les|l'|pour|par|sur)$", re.IGNORECASE)


def continues_label(label: str, text: str) -> bool:
    """Whether `text` is the rest of `label`, cut by a line or a page: it starts in lower
    case, or the label left a bracket open or ended on a small word ("Mise à disposition de")."""
    return text[:1].islower() or label.count("(") > label.count(")") or bool(DANGLING.search(label))


def _wrapped_below(lines: list[Line], run: list[Line], column: float) -> float:
    """The bottom of a run of amounts, with the lines its last label wraps onto ("Mise à
    disposition de | locaux (en nature)"): close below, left of the amounts, no amount
    of their own, and continuing the label (lower case, or after an open bracket or a
    small word)."""
    last = run[-1]
    bottom, height = last.bottom, max(last.bottom - last.top, 1.0)
    label = last.text[: len(last.text) - len(last.num_text or "")].strip()
    for ln in sorted((ln for ln in lines if ln.top >= last.bottom - 0.5), key=lambda ln: ln.top):
        if ln.top - bottom > 0.8 * height or ln.num_x is not None or ln.x1 > column - 2:
            break
        if not continues_label(label, ln.text):
            break
        bottom, label = ln.bottom, f"{label} {ln.text.strip()}"
    return bottom


def _apart(lines: list[Line], a: Line, b: Line, column: float) -> bool:
    """Whether two amounts of the column belong to different tables: text runs across the
    column between them (a sentence, not a short header such as "Ressources  Montant"), or
    more than eight lines' height separate them."""
    height = max(a.bottom - a.top, 1.0)
    if b.top - a.bottom > 8 * height:
        return True
    return any(a.bottom <= ln.top and ln.bottom <= b.top and ln.x0 < column - 4 < column + 4 < ln.x1
               and len(ln.text.split()) > 6 and not (ln.num_x is not None and abs(ln.num_x - column) <= 8)
               for ln in lines)


def _rows(lines: list[Line], column: float) -> list[tuple[str, str]]:
    """(label, amount) rows; an amount counts where it starts in the amounts' column."""

    def cell(ln: Line) -> bool:
        return ln.num_x is not None and abs(ln.num_x - column) <= 8

    groups: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if groups and abs(ln.top - groups[-1][0].top) <= 0.5 * max(ln.bottom - ln.top, 1.0):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    rows: list[tuple[str, str]] = []
    for g in groups:
        label = " ".join((ln.text[: len(ln.text) - len(ln.num_text)] if cell(ln) else ln.text).strip()
                         for ln in g).strip()
        amount = next((ln.num_text for ln in g if cell(ln)), "")
        prev = rows[-1][0] if rows else ""
        if not amount and rows and (continues_label(prev, label) or prev.endswith((",", "-", "–"))):
            rows[-1] = (f"{prev} {label}".strip(), rows[-1][1])  # a label wrapped on two lines
            continue
        if amount and not label and rows and not rows[-1][1]:
            rows[-1] = (prev, amount)  # the amount drawn a line below its label
            continue
        rows.append((label, amount))
    return rows
