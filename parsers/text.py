"""Plain text and HTML to Document (attachments and the e-mail body alike).

Text has no styles, so structure is guessed from layout: blank lines end paragraphs,
short title-like lines stand alone with `emphasis` (the section matcher decides whether
they are headings), aligned separator-delimited lines become tables. Also holds the
character clean-up every reader shares.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from html.parser import HTMLParser

from .document import Block, Document

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Symbol-font bullets land in the Private Use Area (Word's "\uf0b7" etc).
_PUA_BULLETS = "\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8\uf06e\uf0e0\uf0de\uf0f0\uf071\uf0aa"
_TRANSLATE: dict[int, str | None] = {ord(k): v for k, v in _LIGATURES.items()}
_TRANSLATE.update({ord(c): " " for c in _SPACES})
_TRANSLATE.update({ord(c): "•" for c in _PUA_BULLETS})
_TRANSLATE.update({0xAD: None, 0xFFFE: None, 0x200B: None, 0xFEFF: None, 0x2028: "\n",
                   0x2029: "\n", 0x0B: "\n", 0x0C: "\n"})

# Control characters, lone surrogates and private-use code points (Cc, Cs, Co).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                         "\U000f0000-\U0010ffff]")
_MULTISPACE_RE = re.compile(" {2,}")
BULLET_RE = re.compile(r"^\s*([-•*–—▪◦●·‣⁃►▸➢➤→✓✔□■o])\s+(?=\S)")
_NUMBERED_RE = re.compile(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)°]?|[IVXLC]{1,6}\s*[.)\-–]|[A-Za-z][.)])\s+\S"
)
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SETEXT_RE = re.compile(r"^\s*(=+|-+)\s*$")


_PDF_HYPHEN_KEEP = re.compile(r"\x02[ \t]*\r?\n?[ \t]*(?=[A-ZÀ-ÝŒ0-9])")
_PDF_HYPHEN_CUT = re.compile(r"\x02[ \t]*\r?\n?[ \t]*")


def clean_text(text: str, *, keep_tabs: bool = False) -> str:
    """Normalise what every reader hands out: ligatures, exotic spaces (the French
    thin space in "12 500 €"), symbol-font bullets, soft hyphens, control characters."""
    if "\x02" in text:
        # pdfium marks a hyphen that ends a line with U+0002: a real hyphen before a
        # capital ("Hauts-de-|France"), a word cut in two otherwise ("organi-|sation")
        stripped = text.rstrip(" \t\r\n")
        if stripped.endswith("\x02"):  # a line that ends a cut word: the line joiner decides
            text = stripped[:-1] + "-"
        text = _PDF_HYPHEN_CUT.sub("", _PDF_HYPHEN_KEEP.sub("-", text))
    text = _CONTROL_RE.sub("", text.translate(_TRANSLATE))
    if not keep_tabs:
        text = text.replace("\t", " ")
    return _MULTISPACE_RE.sub(" ", text)


def one_line(text: str) -> str:
    """Cell or heading text on one line, single-spaced."""
    return " ".join(clean_text(text).split())


def decode_bytes(data: bytes) -> str:
    """Decode text of unknown encoding: BOM, then UTF-8, then Windows-1252 (the usual
    encoding of French text that is not UTF-8)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def split_bullet(line: str) -> tuple[bool, str]:
    """(is a bullet item, text without the bullet glyph)."""
    m = BULLET_RE.match(line)
    if m and not (m.group(1) == "o" and not line.lstrip().startswith("o ")):
        return True, line[m.end():].strip()
    return False, line.strip()


def looks_like_heading(line: str) -> bool:
    """A line that reads like a title: short, no final period, numbered, upper-case or
    ending with a colon ("1. Contexte", "CONTEXTE ET ENJEUX", "Objectifs :")."""
    s = line.strip()
    if not s or len(s) > 90 or s.endswith((".", ",", ";")) and not s.endswith("..."):
        return False
    if len(s) < 3 or not any(c.isalpha() for c in s):
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    if s.endswith(":") and len(s) <= 70:
        return True
    if _NUMBERED_RE.match(s) and len(s) <= 80 and len(s.split()) <= 12:
        return True
    if re.match(r"^\*\*[^*]+\*\*:?$", s):
        return True
    return False


# ---------------------------------------------------------------- plain text


def document_from_text(text: str, source: str, media_type: str = "text/plain") -> Document:
    """Split plain text into paragraphs, emphasised title-like lines, bullet items and
    tables (aligned tab, pipe or semicolon separated lines)."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"), keep_tabs=True)
    return Document(source=source, media_type=media_type, blocks=text_blocks(text))


def text_blocks(text: str) -> list[Block]:
    """Blocks of already-cleaned text (shared with the HTML reader)."""
    lines = text.split("\n")
    blocks: list[Block] = []
    wrap = _wrap_width(lines)
    para: list[str] = []
    para_item = False

    def flush() -> None:
        nonlocal para, para_item
        if para:
            joined = " ".join(p.strip() for p in para).strip()
            if joined:
                blocks.append(Block("paragraph", text=joined, list_item=para_item))
        para, para_item = [], False

    i = 0
    while i < len(lines):
        line = lines[i]
        table_end = _table_run(lines, i)
        if table_end > i:
            flush()
            blocks.append(_table_block(lines[i:table_end]))
            i = table_end
            continue
        raw = line.replace("\t", " ")
        stripped = raw.strip()
        i += 1
        if not stripped:
            flush()
            continue
        m = _MD_HEADING_RE.match(raw)
        if m:
            flush()
            blocks.append(Block("heading", text=_strip_md(m.group(2)), level=len(m.group(1))))
            continue
        if (i < len(lines) and _SETEXT_RE.match(lines[i]) and not para and len(stripped) <= 90
                and len(lines[i].strip()) >= max(3, len(stripped) // 2)
                and not stripped.endswith(",")):  # not the "-- " signature delimiter
            flush()
            level = 1 if lines[i].strip().startswith("=") else 2
            blocks.append(Block("heading", text=_strip_md(stripped), level=level))
            i += 1
            continue
        is_item, body = split_bullet(raw)
        if is_item:
            flush()
            para, para_item = [body], True
            continue
        if looks_like_heading(stripped):
            flush()
            blocks.append(Block("paragraph", text=_strip_md(stripped), emphasis=True))
            continue
        if _NUMBERED_RE.match(stripped) and not para:
            para, para_item = [stripped], True
            continue
        if para and (wrap > 100 or _ends_paragraph(para[-1], wrap, stripped)):
            flush()
        if para_item and not raw.startswith((" ", "\t")) and _NUMBERED_RE.match(stripped):
            flush()
            para_item = True
        para.append(stripped)
    flush()
    return blocks


def _strip_md(text: str) -> str:
    return re.sub(r"^\*\*(.+)\*\*(:?)$", r"\1\2", text.strip()).strip()


def _wrap_width(lines: list[str]) -> int:
    """Width at which the author (or mail client) hard-wrapped lines; > 100 means each
    line is a paragraph of its own."""
    lengths = sorted(len(x) for x in lines if x.strip())
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.9) - (1 if len(lengths) >= 10 else 0)]


def _ends_paragraph(previous: str, wrap: int, following: str = "") -> bool:
    """A line well short of the wrap width ends its paragraph when it closes a sentence
    or the next line starts like a new item ("Personnel : 24 000 €" lines)."""
    s = previous.rstrip()
    if len(s) >= 0.75 * max(wrap, 40):
        return False
    starts_item = following[:1].isupper() or following[:1].isdigit()
    return s.endswith((".", "!", "?", ":", "…")) or (len(s) < 0.6 * max(wrap, 40) and starts_item)


def _separator(line: str) -> tuple[str, int]:
    s = line.strip()
    for sep in ("\t", "|", ";"):
        n = s.strip("|").count(sep) if sep == "|" else s.count(sep)
        if n >= (2 if sep == ";" else 1):
            return sep, n
    return "", 0


def _table_run(lines: list[str], start: int) -> int:
    """End index of a table starting at `start` (== start when there is none).

    Semicolon tables need the same count on every line (CSV pasted in a mail); tab and
    pipe tables only need the separator on each line, and may hold short label lines
    ("Frais de personnel") between their rows, as budgets typed in a mail do.
    """
    sep, n = _separator(lines[start])
    if not sep:
        return start
    end = start + 1
    while end < len(lines):
        other, count = _separator(lines[end])
        if (other, count) == (sep, n) or (sep != ";" and other == sep):
            end += 1
        elif sep == "|" and _MD_RULE_RE.match(lines[end]) and lines[end].strip():
            end += 1
        elif (sep != ";" and end + 1 < len(lines) and _is_label(lines[end])
              and _separator(lines[end + 1])[0] == sep):
            end += 1
        else:
            break
    rows = [x for x in lines[start:end] if not _MD_RULE_RE.match(x)]
    if sum(1 for x in rows if _separator(x)[0] == sep) < 2:
        return start
    if sep == ";" and any(" ; " in x or len(c.strip()) > 60 for x in rows for c in x.split(";")):
        return start  # French prose puts a space before ";", CSV does not
    return end


def _is_label(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 60 and not s.endswith((".", ",", ";"))


def _table_block(lines: list[str]) -> Block:
    sep, _ = _separator(lines[0])
    rows = []
    for line in lines:
        if sep == "|" and _MD_RULE_RE.match(line):
            continue
        s = line.strip()
        if sep == "|":
            s = s.strip("|")
        rows.append([one_line(c) for c in s.split(sep)] if sep in s else [one_line(s)])
    return Block("table", rows=trim_rows(rows))


def table_blocks(rows: list[list[str]], cell_blocks: list[list[Block]], nested: list[Block],
                 row_cells: list[list[list[Block]]] | None = None) -> list[Block]:
    """The blocks a word-processor table stands for: a one-column table is a frame around
    text (its cells' own blocks); otherwise the table (with each cell's blocks when
    `row_cells` gives them, aligned with `rows`), then the tables nested in its cells."""
    if max((len(r) for r in rows), default=0) <= 1:
        return [b for blocks in cell_blocks for b in blocks]
    if row_cells is None:
        rows = trim_rows(rows)
        return ([Block("table", rows=rows)] if rows else []) + nested
    keep_rows = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    width = max((len(rows[i]) for i in keep_rows), default=0)
    keep = [j for j in range(width) if any(j < len(rows[i]) and rows[i][j].strip() for i in keep_rows)]
    trimmed = [[rows[i][j] for j in keep if j < len(rows[i])] for i in keep_rows]
    cells = [[(row_cells[i][j] if i < len(row_cells) and j < len(row_cells[i]) else [])
              for j in keep if j < len(rows[i])] for i in keep_rows]
    return ([Block("table", rows=trimmed, cells=cells)] if trimmed else []) + nested


def trim_rows(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows and columns that are empty in every row (tables from every
    format: grid lines and merged cells leave such columns behind)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    keep = [j for j in range(width) if any(j < len(r) and r[j].strip() for r in rows)]
    if len(keep) == width:
        return rows
    return [[r[j] for j in keep if j < len(r)] for r in rows]


def read_text(data: bytes, source: str, media_type: str = "text/plain",
              max_chars: int = 5_000_000) -> Document:
    """A .txt / .md attachment; a .csv becomes one table."""
    text = decode_bytes(data)[:max_chars]
    if media_type == "text/csv":
        return Document(source=source, media_type=media_type, blocks=_csv_blocks(text))
    return document_from_text(text, source, media_type)


def _csv_blocks(text: str) -> list[Block]:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    rows = [[one_line(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    rows = trim_rows(rows)
    return [Block("table", rows=rows)] if rows else []


# ---------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
               "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset",
               "dl", "dt", "dd", "ul", "ol", "center", "hr", "body", "html"}
_SKIP_TAGS = {"script", "style", "head", "title", "template", "noscript", "svg", "object"}
_BOLD_TAGS = {"b", "strong"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


class _Cell:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.text: list[str] = []


class _HtmlBlocks(HTMLParser):
    """Collects blocks; tables are kept as tables only when they hold data (several
    columns, no block structure inside cells): layout tables are unwrapped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sink: list[Block] = []
        self.buf: list[str] = []
        self.bold_chars = 0
        self.all_chars = 0
        self.bold = 0
        self.skip = 0
        self.heading: int = 0
        self.item = False
        self.tables: list[dict] = []
        self.stack_sink: list[tuple[list[Block], list[str], int, int, bool]] = []

    # text buffer -> blocks
    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        bold_all = self.all_chars > 0 and self.bold_chars >= self.all_chars
        self.bold_chars = self.all_chars = 0
        text = clean_text(text, keep_tabs=True)
        if not text.strip():
            return
        if self.heading:
            self.sink.append(Block("heading", text=one_line(text), level=self.heading))
            return
        blocks = text_blocks(text)
        for b in blocks:
            if b.kind == "paragraph":
                if self.item:
                    b.list_item = True
                if bold_all and len(b.text) <= 200:
                    b.emphasis = True
        self.sink.extend(blocks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "br":
            self.buf.append("\n")
        elif tag in _BLOCK_TAGS or tag == "li":
            self.flush()
            self.item = tag == "li" or (self.item and tag not in ("ul", "ol"))
            if tag in ("ul", "ol"):
                self.item = False
        elif tag in _HEADINGS:
            self.flush()
            self.heading = _HEADINGS[tag]
        elif tag in _BOLD_TAGS:
            self.bold += 1
        elif tag == "table":
            self.flush()
            if self.tables:
                self.tables[-1]["layout"] = True
            self.tables.append({"rows": [], "layout": False, "cell": None})
        elif tag == "tr" and self.tables:
            self._end_cell()
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._end_cell()
            t = self.tables[-1]
            if not t["rows"]:
                t["rows"].append([])
            self.stack_sink.append((self.sink, self.buf, self.bold_chars, self.all_chars, self.item))
            cell = _Cell()
            self.sink, self.buf, self.bold_chars, self.all_chars = cell.blocks, cell.text, 0, 0
            t["cell"] = cell
            t["rows"][-1].append(cell)

    def _end_cell(self) -> None:
        t = self.tables[-1] if self.tables else None
        if t is None or t["cell"] is None:
            return
        self.flush()
        self.sink, self.buf, self.bold_chars, self.all_chars, self.item = self.stack_sink.pop()
        t["cell"] = None

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _BLOCK_TAGS or tag == "li":
            self.flush()
            if tag == "li":
                self.item = False
        elif tag in _HEADINGS:
            self.flush()
            self.heading = 0
        elif tag in _BOLD_TAGS:
            self.bold = max(0, self.bold - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "table" and self.tables:
            self._end_cell()
            self._emit_table(self.tables.pop())

    def _emit_table(self, t: dict) -> None:
        rows: list[list[_Cell]] = [r for r in t["rows"] if r]
        width = max((len(r) for r in rows), default=0)
        simple = all(all(b.kind == "paragraph" for b in c.blocks)
                     and sum(len(b.text) for b in c.blocks) <= 300 for r in rows for c in r)
        if not t["layout"] and simple and width >= 2:
            table = [[one_line(" ".join(b.text for b in c.blocks)) for c in r] for r in rows]
            table = trim_rows(table)
            if table:
                self.sink.append(Block("table", rows=table))
            return
        for r in rows:
            for c in r:
                self.sink.extend(c.blocks)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        n = len(data.strip())
        self.all_chars += n
        if self.bold:
            self.bold_chars += n
        self.buf.append(re.sub(r"[ \t\r\n]+", " ", data))

    def close(self) -> None:
        super().close()
        while self.tables:
            self._end_cell()
            self._emit_table(self.tables.pop())
        self.flush()


def document_from_html(html: str, source: str, media_type: str = "text/html") -> Document:
    """HTML (an e-mail body or a .html attachment) to blocks: <h1>-<h6> are headings,
    data tables stay tables, bold-only paragraphs get `emphasis`."""
    parser = _HtmlBlocks()
    parser.feed(html)
    parser.close()
    return Document(source=source, media_type=media_type, blocks=parser.sink)


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: one block per line group, table rows as
    tab-separated cells, scripts and styles dropped, entities decoded."""
    out: list[str] = []
    for b in document_from_html(html, "").blocks:
        if b.kind == "table":
            out.append("\n".join("\t".join(r) for r in b.rows))
        elif b.list_item:
            out.append("- " + b.text)
        else:
            out.append(b.text)
    return "\n\n".join(out)


def read_html(data: bytes, source: str, max_chars: int = 5_000_000) -> Document:
    """A .html attachment (charset from <meta> when the bytes are not UTF-8)."""
    head = data[:4096].decode("ascii", "replace")
    m = re.search(r"charset=[\"']?([A-Za-z0-9_\-]+)", head)
    text = None
    if m:
        try:
            text = data.decode(m.group(1), "replace")
        except LookupError:
            text = None
    html = text if text is not None else decode_bytes(data)
    return document_from_html(html[: max_chars * 4], source)
