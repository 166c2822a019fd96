"""PDF to Document: pypdfium2 for the text, pdfplumber's table finder for ruled tables.

pdfplumber alone takes ~0.1 s per page (pdfminer re-interprets every page in Python;
40 s on a 352-page book). Here pdfium gives each page's text lines, with font size and
weight sampled on a few characters per line; pages whose drawing looks like a grid (a
cheap count of thin paths) get their ruling lines extracted from pdfium and passed to
pdfplumber's TableFinder, and each cell's text is read back from pdfium by rectangle.
Headings are lines clearly larger than the body text, or short bold lines; lines are
merged into paragraphs by vertical gaps, indentation and bullets.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import time
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .amounts import parse_amount
from .archive import ReadError
from .document import ENCRYPTED, SCANNED, UNREADABLE, Block, Document, Limits
from .pdf_page import (
    MAX_PATHS,
    Line,
    PageText,
    continues_label,
    find_borderless_tables,
    find_tables,
)
from .text import clean_text, one_line, split_bullet

_SAMPLES = 6


_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold", "demi", "extrabold", "ultra")


_PAGE_NUMBER_RE = re.compile(r"^(page\s*)?\d{1,4}(\s*(/|sur|of|de)\s*\d{1,4})?$", re.I)


_NUMBERED_RE = re.compile(r"^\(?\d{1,2}[.)]\s+\S|^[a-z][.)]\s+\S")


_TOC_RE = re.compile(r"(\.\s?){5,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")


_END_SENTENCE = (".", "!", "?", ":", "…", ";")


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise ReadError(ENCRYPTED, "Le fichier PDF est protégé par un mot de passe : son "
                            "contenu n'a pas pu être lu.") from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(ENCRYPTED, "Le fichier PDF est protégé par un système de "
                            "chiffrement non pris en charge : son contenu n'a pas pu être "
                            "lu.") from exc
        raise ReadError(UNREADABLE, "Le fichier PDF est endommagé et n'a pas pu être lu "
                        "(structure interne invalide).") from exc


def read_pdf(data: bytes, source: str, media_type: str, limits: Limits) -> Document:
    """Blocks of a PDF: headings, paragraphs and ruled tables, in reading order.

    Raises ReadError: encrypted (a user password; an owner-only password is read),
    unreadable (damaged, no page), scanned (pages without a text layer).
    """
    if b"MicrosoftIRMServices" in data:
        raise ReadError(ENCRYPTED, "Le fichier PDF est protégé par Microsoft IRM (gestion des "
                        "droits) : son contenu n'a pas pu être lu.")
    doc = _open(data)
    try:
        total = len(doc)
        if total <= 0:
            raise ReadError(UNREADABLE, "Le fichier PDF ne contient aucune page lisible "
                            "(structure interne endommagée).")
        deadline = time.monotonic() + limits.timeout_seconds * 0.8
        pages, bad_pages = _read_pages(doc, min(total, limits.max_pages), deadline, limits)
    finally:
        doc.close()
    if bad_pages and not pages:
        raise ReadError(UNREADABLE, "Les pages du fichier PDF sont endommagées et n'ont pas pu "
                        "être lues.")
    _check_text_layer(pages)
    blocks = _blocks(pages)
    return Document(source=source, media_type=media_type, blocks=blocks, pages=total)


_SCANNED = ("Le fichier PDF ne contient pas de texte exploitable (document numérisé ou composé "
            "d'images) : merci d'envoyer une version électronique (PDF issu d'un traitement de "
            "texte, DOCX ou ODT).")


def _check_text_layer(pages: list[PageText]) -> None:
    """Scanned: (almost) no text where pages show images, or most pages are images
    only. Empty: no text and nothing drawn."""
    alnum = sum(p.alnum for p in pages)
    drawn = any(p.drawn for p in pages)
    if alnum == 0 and not drawn:
        raise ReadError(UNREADABLE, "Le fichier PDF ne contient que des pages vides (ou "
                        "endommagées) : merci de vérifier le document et de le renvoyer.")
    if drawn and alnum < max(20, 8 * len(pages)):
        raise ReadError(SCANNED, _SCANNED)
    image_only = sum(1 for p in pages if p.drawn and not p.alnum)
    if len(pages) >= 2 and image_only * 2 > len(pages):
        raise ReadError(SCANNED, "La plupart des pages du fichier PDF sont numérisées (images "
                        "sans texte) : merci d'envoyer une version électronique (PDF issu d'un "
                        "traitement de texte, DOCX ou ODT).")


def _read_pages(doc: pdfium.PdfDocument, count: int, deadline: float,
                limits: Limits) -> tuple[list[PageText], int]:
    pages: list[PageText] = []
    bad = 0
    chars = 0
    for i in range(count):
        if time.monotonic() > deadline or chars > limits.max_text_chars:
            break
        try:
            page = doc[i]
        except pdfium.PdfiumError:
            bad += 1
            continue
        try:
            p = PageText(number=i + 1, height=page.get_height())
            tp = page.get_textpage()
            try:
                p.lines = _page_lines(tp, page, i + 1)
                p.alnum = sum(sum(c.isalnum() for c in ln.text) for ln in p.lines)
                if p.lines and page.get_rotation() % 180 == 0 and _looks_ruled(page):
                    find_tables(p, page, tp)
                find_borderless_tables(p)
            finally:
                tp.close()
            if p.alnum < 50:
                p.drawn = _has_graphics(page)
            chars += sum(len(ln.text) for ln in p.lines)
            pages.append(p)
        except pdfium.PdfiumError:
            bad += 1
        finally:
            page.close()
    return pages, bad


def _page_lines(tp: pdfium.PdfTextPage, page: pdfium.PdfPage, number: int) -> list[Line]:
    n = tp.count_chars()
    if n <= 0:
        return []
    text = tp.get_text_range(0, n)
    if _garbage(text):
        return []
    aligned = len(text) == n
    height = page.get_height()
    lines: list[Line] = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group(0)
        cleaned = " ".join(clean_text(raw).split())
        if not cleaned:
            continue
        idx = [m.start() + j for j, ch in enumerate(raw) if not ch.isspace()]
        if not aligned:
            idx = [min(k, n - 1) for k in idx]
        line = _measure(tp, idx, height)
        if line is None:
            continue
        size, bold, x0, x1, top, bottom = line
        ln = Line(cleaned, size, bold, x0, x1, top, bottom, number)
        if aligned:
            _column_amount(tp, ln, raw, m.start())
        lines.append(ln)
    return lines


_TRAILING_AMOUNT = re.compile(
    r"(?:(?<=\s)|^)((?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d{3,7})(?:,\d{1,2})?(?:\s?(?:€|EUR|k€))?)\s*$")


def _column_amount(tp: pdfium.PdfTextPage, ln: Line, raw: str, offset: int) -> None:
    """Mark a line ending with an amount set far right of its words, or an amount alone
    on its line: a row of a table drawn without rules (two character boxes, and only for
    such lines, so reading stays cheap)."""
    m = _TRAILING_AMOUNT.search(raw)
    if not m:
        return
    start = _char_x(tp, offset + m.start(1), left=True)
    if start is None:
        return
    before = raw[: m.start(1)].rstrip()
    end = _char_x(tp, offset + len(before) - 1, left=False) if before else None
    tail = _TRAILING_AMOUNT.search(ln.text)
    ln.num_x, ln.num_text = start, tail.group(1) if tail else m.group(1).strip()
    ln.num_apart = not before or (end is not None and start - end >= 2 * ln.size)


_BOX = [ctypes.c_double() for _ in range(4)]


def _char_x(tp: pdfium.PdfTextPage, index: int, *, left: bool) -> float | None:
    if not pdfium_c.FPDFText_GetCharBox(tp, index, *(ctypes.byref(v) for v in _BOX)):
        return None
    return _BOX[0].value if left else _BOX[1].value


# Scratch buffers for pdfium calls (pdfium itself is not thread-safe: one reader at a time
# per process, which the per-file sandbox guarantees).
_NAME_BUF = ctypes.create_string_buffer(256)


_FLAGS = ctypes.c_int()


def _measure(tp: pdfium.PdfTextPage, idx: list[int], height: float):
    """Size, boldness and box of a line from a few sampled characters."""
    if not idx:
        return None
    step = max(1, len(idx) // _SAMPLES)
    sample = idx[::step][:_SAMPLES] + [idx[-1]]
    sizes: list[float] = []
    bolds: list[bool] = []
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    x0 = x1 = top = bottom = None
    for k in sample:
        size = pdfium_c.FPDFText_GetFontSize(tp, k)
        if pdfium_c.FPDFText_GetMatrix(tp, k, ctypes.byref(matrix)):
            scale = math.hypot(matrix.c, matrix.d)
            if scale > 0:
                size *= scale
        if size > 0:
            sizes.append(size)
        pdfium_c.FPDFText_GetFontInfo(tp, k, _NAME_BUF, 256, ctypes.byref(_FLAGS))
        name = _NAME_BUF.value.decode("latin-1", "replace").lower()
        weight = pdfium_c.FPDFText_GetFontWeight(tp, k)
        bolds.append(any(b in name for b in _BOLD_NAMES) or weight >= 600
                     or bool(_FLAGS.value & (1 << 18)))
        if pdfium_c.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(rect)):
            t, b = height - rect.top, height - rect.bottom
            x0 = rect.left if x0 is None else min(x0, rect.left)
            x1 = rect.right if x1 is None else max(x1, rect.right)
            top = t if top is None else min(top, t)
            bottom = b if bottom is None else max(bottom, b)
    if x0 is None or not sizes:
        return None
    return (round(statistics.median(sizes), 1), all(bolds), x0, x1, top, bottom)


def _garbage(text: str) -> bool:
    """pdfium's rendering of fonts without a Unicode map: replacement characters,
    private-use or control code points instead of letters."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    bad = sum(1 for c in visible if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" and
              c not in "\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8\uf06e" or ord(c) < 32)
    return bad / len(visible) > 0.3


def _looks_ruled(page: pdfium.PdfPage) -> bool:
    """Cheap test for a drawn table grid: at least two thin horizontal and two thin
    vertical strokes, or several cell-sized rectangles (page-sized clip rectangles and
    frames excluded)."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    horizontal = vertical = boxes = 0
    try:
        for k, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH],
                                                 max_depth=3)):
            if k >= MAX_PATHS:
                return True
            left, bottom, right, top = obj.get_bounds()
            w, h = right - left, top - bottom
            if w * h > area * 0.5:
                continue
            if h < 3 and w > 10:
                horizontal += 1
            elif w < 3 and h > 8:
                vertical += 1
            elif w > 10 and h > 8:
                boxes += 1
            if (horizontal >= 2 and vertical >= 2) or boxes >= 3 or \
                    (horizontal >= 3 and boxes >= 1):
                return True
    except pdfium.PdfiumError:
        return False
    return False


def _has_graphics(page: pdfium.PdfPage) -> bool:
    """An image, or enough paths to be text drawn as outlines: a page that shows
    something without a text layer."""
    paths = 0
    try:
        for obj in page.get_objects(max_depth=3):
            if obj.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_SHADING):
                return True
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths += 1
                if paths >= 20:
                    return True
    except pdfium.PdfiumError:
        return False
    return False


def _drop_running_lines(pages: list[PageText]) -> None:
    """Remove page numbers, and headers/footers: lines at the top or bottom of the page
    repeated at the same height on many pages (digits ignored, so "40 FREE CULTURE" and
    "42 FREE CULTURE" count as one)."""

    def key(ln: Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", ln.text.lower()), round(ln.top / 4)

    def edges(p: PageText) -> list[Line]:
        margin = p.height * 0.12
        first_last = {id(x) for x in p.lines[:2] + p.lines[-2:]}
        return [ln for ln in p.lines if id(ln) in first_last or ln.bottom < margin
                or ln.top > p.height - margin]

    counts: Counter[tuple[str, int]] = Counter()
    for p in pages:
        counts.update({key(ln) for ln in edges(p)})
    threshold = max(2, math.ceil(len(pages) * 0.4))
    for p in pages:
        drop = {id(ln) for ln in edges(p) if _PAGE_NUMBER_RE.match(ln.text)
                or (len(pages) >= 2 and counts[key(ln)] >= threshold)}
        p.lines = [ln for ln in p.lines if id(ln) not in drop]


def _heading_levels(pages: list[PageText]) -> tuple[float, dict[float, int], bool]:
    """Body size, heading level by font size, and whether bold marks headings."""
    weight: Counter[float] = Counter()
    nlines = bold_lines = 0
    for p in pages:
        for ln in p.lines:
            weight[ln.size] += len(ln.text)
            nlines += 1
            bold_lines += ln.bold
    if not weight:
        return 0.0, {}, False
    body = weight.most_common(1)[0][0]
    big = sorted({ln.size for p in pages for ln in p.lines
                  if _is_big(ln.size, body) and len(ln.text) <= 150}, reverse=True)
    levels: dict[float, int] = {}
    for size in big:  # sizes within 0.6 pt share a level
        prev = next((s for s in levels if abs(s - size) <= 0.6), None)
        levels[size] = levels[prev] if prev is not None else min(len(set(levels.values())) + 1, 6)
    return body, levels, bold_lines <= 0.4 * nlines


def _is_big(size: float, body: float) -> bool:
    return size >= body * 1.15 and size >= body + 1.0


def _heading_level(ln: Line, body: float, levels: dict[float, int], bold_ok: bool) -> int:
    text = ln.text
    if not any(c.isalpha() for c in text) or len(text) > 150:
        return 0
    if ln.size in levels:
        return levels[ln.size]
    if (bold_ok and ln.bold and ln.size >= body * 0.95 and len(text) <= 100
            and not text.endswith((".", ",", ";")) and not split_bullet(text)[0]):
        return min(len(set(levels.values())) + 1, 6)
    return 0


def _blocks(pages: list[PageText]) -> list[Block]:
    _drop_running_lines(pages)
    body, levels, bold_ok = _heading_levels(pages)
    blocks: list[Block] = []
    para: list[Line] = []
    item = False
    prev: Line | None = None
    prev_heading: tuple[Line, Block] | None = None

    def flush() -> None:
        nonlocal para, item
        if para:
            text = _join(para)
            if text:
                bold = all(x.bold for x in para) or any(_is_big(x.size, body) for x in para)
                blocks.append(Block("paragraph", text=text, page=para[0].page,
                                    list_item=item, emphasis=bold and len(text) <= 200))
        para, item = [], False

    for page in pages:
        gap = _typical_gap(page.lines)
        width = max((x.x1 for x in page.lines), default=0) - min((x.x0 for x in page.lines),
                                                                  default=0)
        for n, (kind, obj) in enumerate(_page_items(page)):
            page_start = n == 0
            if kind == "table":
                flush()
                last = blocks[-1] if blocks else None
                if last is not None and last.kind == "table" and last.page == obj.page - 1 and (
                        len(last.rows[-1]) == len(obj.rows[0]) or (page_start and _continues(last.rows[-1], obj.rows[0]))):
                    # a table continued from the previous page (repeated header dropped); a row
                    # the page break split is joined back, even where a rule of it is missing
                    rows = obj.rows[1:] if obj.rows[0] == last.rows[0] else obj.rows
                    if rows and _continues(last.rows[-1], rows[0]):
                        last.rows[-1] = [_join_cell(a, rows[0][i] if i < len(rows[0]) else "")
                                         for i, a in enumerate(last.rows[-1])]
                        rows = rows[1:]
                    if len(last.rows[-1]) == len(obj.rows[-1]):
                        last.rows.extend(rows)
                    elif rows:  # other columns on this page: a table of its own
                        blocks.append(Block("table", rows=rows, page=obj.page))
                else:
                    blocks.append(Block("table", rows=obj.rows, page=obj.page))
                prev = prev_heading = None
                continue
            ln: Line = obj
            if _TOC_RE.search(ln.text):
                continue  # table of contents entry: the heading itself comes later
            level = _heading_level(ln, body, levels, bold_ok)
            if level:
                flush()
                if (prev_heading and prev is prev_heading[0] and prev_heading[1].level == level
                        and ln.page == prev.page and 0 <= ln.top - prev.bottom < ln.size):
                    prev_heading[1].text += " " + ln.text
                else:
                    blocks.append(Block("heading", text=ln.text, level=level, page=ln.page))
                prev_heading = (ln, blocks[-1])
                prev = ln
                continue
            is_item, rest = split_bullet(ln.text)
            if is_item or _NUMBERED_RE.match(ln.text):
                flush()
                item = True
                para = [Line(rest, ln.size, ln.bold, ln.x0, ln.x1, ln.top, ln.bottom, ln.page)]
            elif not para or _breaks(prev, ln, gap, width):
                flush()
                para = [ln]
            else:
                para.append(ln)
            prev = ln
            prev_heading = None
    flush()
    return blocks


def _continues(above: list[str], row: list[str]) -> bool:
    """Whether a table's first row on a page is the rest of the previous page's last row
    (cells split by the page break: "Mise à disposition de" | "locaux (en nature)",
    "Déplacement" | "s / logistique"): no figure, and each of its words continues the cell
    above it (lower case, or after an open bracket or a small word)."""
    filled = [(i, c.strip()) for i, c in enumerate(row) if (c or "").strip()]
    if not filled or any(parse_amount(c) is not None for _, c in filled):
        return False
    for i, text in filled:
        cell = (above[i] or "").strip() if i < len(above) else ""
        if not cell or not continues_label(cell, text):
            return False
    return True


def _join_cell(above: str, rest: str) -> str:
    """A cell and its rest on the next page; a word cut without a hyphen ("Déplacement" +
    "s / logistique") is joined without a space."""
    above, rest = (above or "").strip(), (rest or "").strip()
    if not rest:
        return above
    glue = "" if re.match(r"(?:s|x|es|e|nt)(?![\w'’])", rest) and above[-1:].isalpha() else " "
    return f"{above}{glue}{rest}".strip()


def _page_items(page: PageText):
    """Lines in pdfium's content order, each table placed before the first line that
    lies below its top edge."""
    tables = sorted(page.tables, key=lambda t: t.top)
    for ln in page.lines:
        while tables and ln.top >= tables[0].top:
            yield "table", tables.pop(0)
        yield "line", ln
    for t in tables:
        yield "table", t


def _typical_gap(lines: list[Line]) -> float:
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)
            if -1 <= b.top - a.bottom < (a.bottom - a.top) * 2]
    return statistics.median(gaps) if gaps else 2.0


def _breaks(prev: Line | None, ln: Line, gap: float, width: float) -> bool:
    """Does `ln` start a new paragraph after `prev`?"""
    if prev is None:
        return True
    ended = prev.text.rstrip().endswith(_END_SENTENCE)
    if ln.page != prev.page:
        return ended or not ln.text[:1].islower()
    if ln.top < prev.top - 2:
        return True
    height = max(prev.bottom - prev.top, 1.0)
    if ln.top - prev.bottom > max(height * 0.8, gap * 1.8 + 1.0):
        return True
    if abs(ln.size - prev.size) > 1.5 or ln.bold != prev.bold:
        return True  # a change of size or weight: a heading starts or ends
    short = width > 0 and (prev.x1 - prev.x0) < 0.7 * width
    if short and (ended or ln.text[:1].isupper() or ln.text[:1].isdigit()):
        return True  # a paragraph's last line, or rows of a borderless table / address
    return ended and ln.x0 > prev.x0 + 10


def _join(lines: list[Line]) -> str:
    out = ""
    for ln in lines:
        text = ln.text.strip()
        if not out:
            out = text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].isalpha():
            out = out[:-1] + text if text[:1].islower() else out + text  # "organi-|sation", "Hauts-de-|France"
        else:
            out += " " + text
    return one_line(out)
