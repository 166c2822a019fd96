"""DOCX / DOCM to Document, walking the WordprocessingML body directly.

python-docx only sees top-level paragraphs and tables: it misses content controls
(w:sdt), text boxes, tracked insertions and altChunks, refuses .docm and Strict OOXML,
and repeats merged cells. Walking the XML in document order (with the package's own
relationships to find the parts) avoids all of that; the XML is parsed without entity
expansion (see archive.parse_xml). Macros are never looked at.
"""

from __future__ import annotations

import email
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from .archive import (
    ReadError,
    local,
    member_map,
    open_package,
    package_rels,
    parse_xml,
    read_member,
    style_chain,
)
from .document import UNREADABLE, Block, Document, Limits
from .text import document_from_html, document_from_text, one_line, table_blocks

_MAX_PART = 64 * 1024 * 1024
_MAX_DEPTH = 40
_HEADING_RE = re.compile(
    r"^(heading|titre|berschrift|überschrift|titolo|titulo|título|encabezado|kop|nagłówek"
    r"|rubrik|otsikko|overskrift|nadpis|заголовок)(\d)$"
)
_TOC_RE = re.compile(r"^(toc|tm|tabledesmatières|inhaltsverzeichnis|verzeichnis)\d$")
_TITLE_NAMES = {"title", "titre", "titel", "titolo", "título", "titulo"}
_FALSE = {"0", "false", "off", "none"}
_SKIP = {"del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr", "sdtPr",
         "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "bookmarkStart",
         "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart",
         "permEnd", "footnoteReference", "endnoteReference", "commentReference",
         "annotationRef", "lastRenderedPageBreak", "fldChar"}
_CONTAINERS = {"ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent", "customXml",
               "fldSimple", "dir", "bdo", "body", "txbxContent", "tc", "Choice", "Fallback"}


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    bold: bool | None = None
    numbered: bool = False


class _Reader:
    """One document's walk: styles, relationships, output blocks and text budget."""

    def __init__(self, w: str, styles: dict[str, _Style], limits: Limits,
                 chunk_loader) -> None:
        self.w = w
        self.styles = styles
        self.limits = limits
        self.load_chunk = chunk_loader
        self.chars = 0
        self.full = False
        self._bold_cache: dict[str, bool] = {}

    # -- helpers
    def q(self, name: str) -> str:
        return f"{{{self.w}}}{name}"

    def val(self, el: etree._Element | None, name: str = "val") -> str | None:
        if el is None:
            return None
        v = el.get(self.q(name))
        if v is None:
            for k, v2 in el.attrib.items():
                if local(k) == name:
                    return v2
        return v

    def on(self, el: etree._Element | None) -> bool | None:
        if el is None:
            return None
        v = self.val(el)
        return v is None or v.lower() not in _FALSE

    def style_chain(self, style_id: str | None):
        return style_chain(self.styles, style_id, lambda st: st.based_on)

    def heading_level(self, style_id: str | None, ppr: etree._Element | None) -> int:
        direct = ppr.find(self.q("outlineLvl")) if ppr is not None else None
        if direct is not None:
            lvl = _int(self.val(direct))
            if lvl is not None and lvl < 9:
                return min(lvl + 1, 6)
        for sid, st in self.style_chain(style_id):
            if st.outline is not None and st.outline < 9:
                return min(st.outline + 1, 6)
            for name in (st.name, sid):
                key = re.sub(r"[\s_\-]", "", name.lower())
                m = _HEADING_RE.match(key)
                if m:
                    return min(max(int(m.group(2)), 1), 6)
                if key in _TITLE_NAMES:
                    return 1
        return 0

    def style_bold(self, style_id: str | None) -> bool:
        key = style_id or ""
        if key not in self._bold_cache:
            self._bold_cache[key] = next(
                (st.bold for _, st in self.style_chain(style_id) if st.bold is not None), False)
        return self._bold_cache[key]

    def is_toc(self, style_id: str | None) -> bool:
        st = self.styles.get(style_id or "")
        names = (style_id or "", st.name if st else "")
        return any(_TOC_RE.match(re.sub(r"[\s_\-]", "", n.lower())) for n in names if n)

    def style_numbered(self, style_id: str | None) -> bool:
        return any(st.numbered for _, st in self.style_chain(style_id))

    # -- block walk
    def walk(self, container: etree._Element, out: list[Block], depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in container:
            if self.full:
                return
            tag = local(child.tag)
            if tag == "p":
                self.paragraph(child, out, depth)
            elif tag == "tbl":
                self.table(child, out, depth)
            elif tag == "altChunk":
                out.extend(self.load_chunk(self.val(child, "id")))
            elif tag == "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.walk(branch, out, depth + 1)
            elif tag in _CONTAINERS:
                self.walk(child, out, depth + 1)

    def paragraph(self, p: etree._Element, out: list[Block], depth: int) -> None:
        ppr = p.find(self.q("pPr"))
        style_id = self.val(ppr.find(self.q("pStyle"))) if ppr is not None else None
        para_bold = self.style_bold(style_id)
        if self.is_toc(style_id):
            return  # table of contents entry: the heading itself comes later
        parts: list[str] = []
        runs: list[tuple[str, bool]] = []
        boxes: list[etree._Element] = []
        self.inline(p, parts, runs, boxes, para_bold, 0)
        text = one_line("".join(parts))
        if text:
            self.chars += len(text)
            level = self.heading_level(style_id, ppr)
            if level:
                out.append(Block("heading", text=text, level=level))
            else:
                numpr = ppr.find(self.q("numPr")) if ppr is not None else None
                num_id = self.val(numpr.find(self.q("numId"))) if numpr is not None and \
                    numpr.find(self.q("numId")) is not None else None
                numbered = (numpr is not None and num_id != "0") or (
                    numpr is None and self.style_numbered(style_id))
                bold = all(b for t, b in runs if t.strip()) and any(t.strip() for t, _ in runs)
                ilvl = numpr.find(self.q("ilvl")) if numpr is not None else None
                depth_in_list = (_int(self.val(ilvl)) or 0) + 1 if numbered and ilvl is not None else 0
                out.append(Block("paragraph", text=text, list_item=numbered,
                                 emphasis=bold and len(text) <= 200, list_depth=depth_in_list))
            if self.chars > self.limits.max_text_chars:
                self.full = True
        for box in boxes:
            self.walk(box, out, depth + 1)

    def inline(self, el: etree._Element, parts: list[str], runs: list[tuple[str, bool]],
               boxes: list[etree._Element], para_bold: bool, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in el:
            tag = local(child.tag)
            if tag in _SKIP or not tag:
                continue
            if tag == "r":
                self.run(child, parts, runs, boxes, para_bold)
            elif tag == "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.inline(branch, parts, runs, boxes, para_bold, depth + 1)
            elif tag in _CONTAINERS:
                self.inline(child, parts, runs, boxes, para_bold, depth + 1)

    def run(self, r: etree._Element, parts: list[str], runs: list[tuple[str, bool]],
            boxes: list[etree._Element], para_bold: bool) -> None:
        rpr = r.find(self.q("rPr"))
        bold = para_bold
        if rpr is not None:
            rstyle = rpr.find(self.q("rStyle"))
            if rstyle is not None and self.style_bold(self.val(rstyle)):
                bold = True
            b = rpr.find(self.q("b"))
            if b is not None:
                bold = bool(self.on(b))
        chunk: list[str] = []
        for c in r:
            tag = local(c.tag)
            if tag == "t":
                chunk.append(c.text or "")
            elif tag in ("tab", "ptab"):
                chunk.append(" ")
            elif tag in ("br", "cr"):
                chunk.append(" ")
            elif tag == "noBreakHyphen":
                chunk.append("-")
            elif tag in ("drawing", "pict", "object", "AlternateContent"):
                boxes.extend(_text_boxes(c))
        text = "".join(chunk)
        parts.append(text)
        runs.append((text, bold))

    def _span(self, tcpr: etree._Element | None) -> int:
        span = tcpr.find(self.q("gridSpan")) if tcpr is not None else None
        return min(max(_int(self.val(span)) or 1, 1), 64) if span is not None else 1

    def table(self, tbl: etree._Element, out: list[Block], depth: int) -> None:
        rows: list[list[str]] = []
        cells_blocks: list[list[Block]] = []
        row_cells: list[list[list[Block]]] = []
        nested: list[Block] = []
        for tr in _children(tbl, "tr"):
            row: list[str] = []
            inner: list[list[Block]] = []
            for tc in _children(tr, "tc"):
                tcpr = tc.find(self.q("tcPr"))
                vmerge = tcpr.find(self.q("vMerge")) if tcpr is not None else None
                blocks: list[Block] = []
                self.walk(tc, blocks, depth + 1)
                span = self._span(tcpr)
                if vmerge is not None and (self.val(vmerge) or "continue") != "restart":
                    row.extend([""] * span)
                    inner.extend([] for _ in range(span))
                    continue
                cells_blocks.append(blocks)
                row.append(one_line(" ".join(b.text for b in blocks if b.kind != "table")))
                row.extend([""] * (span - 1))  # keep columns aligned
                inner.append([b for b in blocks if b.kind != "table"])
                inner.extend([] for _ in range(span - 1))
                nested.extend(b for b in blocks if b.kind == "table")
            rows.append(row)
            row_cells.append(inner)
            if self.full:
                break
        out.extend(table_blocks(rows, cells_blocks, nested, row_cells))


def _children(el: etree._Element, name: str):
    """Direct children named `name`, looking through sdt/customXml/ins wrappers."""
    for c in el:
        tag = local(c.tag)
        if tag == name:
            yield c
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
            yield from _children(c, name)


def _branch(alt: etree._Element) -> etree._Element | None:
    """mc:AlternateContent: the first Choice, else the Fallback (never both: text boxes
    are stored twice)."""
    choice = fallback = None
    for c in alt:
        if local(c.tag) == "Choice" and choice is None:
            choice = c
        elif local(c.tag) == "Fallback":
            fallback = c
    return choice if choice is not None else fallback


def _text_boxes(el: etree._Element, depth: int = 0) -> list[etree._Element]:
    if depth > _MAX_DEPTH:
        return []
    tag = local(el.tag)
    if tag == "txbxContent":
        return [el]
    if tag == "AlternateContent":
        branch = _branch(el)
        return _text_boxes(branch, depth + 1) if branch is not None else []
    out: list[etree._Element] = []
    for c in el:
        out.extend(_text_boxes(c, depth + 1))
    return out


def _int(v: str | None) -> int | None:
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------- package


def _main_part(zf: zipfile.ZipFile, members: dict) -> str | None:
    for rel_type, target in package_rels(zf, members, "").values():
        if rel_type.endswith("/officeDocument") and target.lower() in members:
            return target
    return "word/document.xml" if "word/document.xml" in members else None


def _styles(zf: zipfile.ZipFile, members: dict, part: str | None) -> dict[str, _Style]:
    if not part or part.lower() not in members:
        return {}
    root = parse_xml(read_member(zf, members[part.lower()], 16 * 1024 * 1024))
    out: dict[str, _Style] = {}
    for st in root:
        if local(st.tag) != "style":
            continue
        sid = next((v for k, v in st.attrib.items() if local(k) == "styleId"), "")
        s = _Style()
        for c in st:
            tag = local(c.tag)
            v = next((v for k, v in c.attrib.items() if local(k) == "val"), None)
            if tag == "name":
                s.name = v or ""
            elif tag == "basedOn":
                s.based_on = v or ""
            elif tag == "pPr":
                for pc in c:
                    pv = next((v for k, v in pc.attrib.items() if local(k) == "val"), None)
                    if local(pc.tag) == "outlineLvl":
                        s.outline = _int(pv)
                    elif local(pc.tag) == "numPr":
                        s.numbered = True
            elif tag == "rPr":
                for rc in c:
                    if local(rc.tag) == "b":
                        rv = next((v for k, v in rc.attrib.items() if local(k) == "val"), None)
                        s.bold = rv is None or rv.lower() not in _FALSE
        out[sid] = s
    return out


def read_docx(data: bytes, source: str, media_type: str, limits: Limits, *,
              _depth: int = 0) -> Document:
    """Blocks of a Word 2007+ document (DOCX, DOCM, Strict OOXML)."""
    zf = open_package(data, "Le document Word")
    members = member_map(zf)
    main = _main_part(zf, members)
    if main is None:
        raise ReadError(UNREADABLE, "Le fichier ne contient pas de document Word (partie "
                        "principale absente) : il est endommagé ou n'est pas un vrai .docx.")
    try:
        root = parse_xml(read_member(zf, members[main.lower()], _MAX_PART))
    except etree.XMLSyntaxError as exc:
        raise ReadError(UNREADABLE, "Le document Word est endommagé (contenu XML invalide) "
                        "et n'a pas pu être lu.") from exc
    rels = package_rels(zf, members, main)
    styles_part = next((t for ty, t in rels.values() if ty.endswith("/styles")), None)
    try:
        styles = _styles(zf, members, styles_part)
    except (ReadError, etree.XMLSyntaxError, ValueError):
        styles = {}
    if local(root.tag) != "document":
        raise ReadError(UNREADABLE, "Le fichier ne contient pas de document Word (partie "
                        "principale d'un autre type) : il est endommagé ou n'est pas un vrai "
                        ".docx.")
    w = root.tag.split("}")[0][1:] if root.tag.startswith("{") else ""

    def load_chunk(rid: str | None) -> list[Block]:
        target = rels.get(rid or "", ("", ""))[1]
        info = members.get(target.lower())
        if info is None:
            return []
        if _depth >= 2:
            return []
        return _chunk_blocks(read_member(zf, info, _MAX_PART), target, source, limits,
                             _depth + 1)

    reader = _Reader(w, styles, limits, load_chunk)
    body = next((c for c in root if local(c.tag) == "body"), None)
    blocks: list[Block] = []
    if body is not None:
        reader.walk(body, blocks)
    return Document(source=source, media_type=media_type, blocks=blocks)


def _chunk_blocks(data: bytes, target: str, source: str, limits: Limits,
                  depth: int) -> list[Block]:
    """An altChunk: HTML, MHT (web archive), plain text or an embedded DOCX."""
    name = target.lower()
    if data.startswith(b"PK"):
        try:
            return read_docx(data, source, "", limits, _depth=depth).blocks
        except Exception:  # noqa: BLE001 - an unreadable chunk must not lose the rest
            return []
    if name.endswith((".mht", ".mhtml")) or b"MIME-Version" in data[:2048]:
        msg = email.message_from_bytes(data)
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if not isinstance(payload, bytes):
                    payload = b""
                charset = part.get_content_charset() or "utf-8"
                try:
                    html = payload.decode(charset, "replace")
                except LookupError:
                    html = payload.decode("utf-8", "replace")
                return document_from_html(html, source).blocks
        return []
    text = data.decode("utf-8", "replace")
    if name.endswith((".htm", ".html", ".xhtml")) or "<html" in text[:2048].lower():
        return document_from_html(text, source).blocks
    return document_from_text(text, source).blocks
