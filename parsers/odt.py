"""ODT (OpenDocument text) to Document, reading content.xml directly.

odfpy loads the whole DOM through a parser that refuses some real OOo files and fails
with UnicodeDecodeError on encrypted ones; a direct walk of content.xml (no entity
expansion, see archive.parse_xml) gives headings from text:h, list items, tables, and
skips deleted text kept for change tracking.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

from .archive import ReadError, local, member_map, open_package, parse_xml, read_member, style_chain
from .document import ENCRYPTED, UNREADABLE, Block, Document, Limits
from .text import one_line, table_blocks

_MAX_DEPTH = 40
_SKIP_BLOCKS = {"tracked-changes", "table-of-content", "illustration-index", "table-index",
                "object-index", "user-index", "alphabetical-index", "bibliography",
                "sequence-decls", "variable-decls", "user-field-decls", "forms",
                "hidden-paragraph", "note", "annotation", "index-title"}
_SKIP_INLINE = {"note", "annotation", "annotation-end", "change", "change-start", "change-end",
                "bookmark", "bookmark-start", "bookmark-end", "soft-page-break",
                "reference-mark-start", "reference-mark-end", "hidden-text", "toc-mark",
                "alphabetical-index-mark"}
_CONTAINERS = {"section", "text", "list-header", "deletion-free", "index-body"}


def odf_encrypted(zf: zipfile.ZipFile, members: dict) -> bool:
    """ODF encryption is declared per part in META-INF/manifest.xml."""
    info = members.get("meta-inf/manifest.xml")
    if info is None:
        return False
    try:
        head = read_member(zf, info, 4 << 20)
    except ReadError:
        return False
    return b"encryption-data" in head


def odf_inline_text(el: etree._Element, boxes: list[etree._Element] | None = None,
                    depth: int = 0) -> str:
    """Text of an ODF paragraph: text:s spaces, tabs and line breaks as spaces; notes,
    annotations and change marks skipped; text boxes (draw:text-box) set aside."""
    parts = [el.text or ""]
    for child in el:
        tag = local(child.tag)
        if tag == "s":
            n = next((v for k, v in child.attrib.items() if local(k) == "c"), "1")
            parts.append(" " * min(int(n) if n.isdigit() else 1, 8))
        elif tag in ("tab", "line-break"):
            parts.append(" ")
        elif tag == "text-box" and boxes is not None:
            boxes.append(child)
        elif tag in _SKIP_INLINE or not tag or depth > _MAX_DEPTH:
            pass
        elif tag in ("p", "h"):  # a paragraph inside a drawing shape
            parts.append(" " + odf_inline_text(child, boxes, depth + 1) + " ")
        else:
            parts.append(odf_inline_text(child, boxes, depth + 1))
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass
class _Style:
    parent: str = ""
    bold: bool | None = None
    outline: int = 0
    name: str = ""


def _styles(*roots: etree._Element | None) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    for root in roots:
        if root is None:
            continue
        for st in root.iter():
            if local(st.tag) != "style":
                continue
            attrs = {local(k): v for k, v in st.attrib.items()}
            s = _Style(parent=attrs.get("parent-style-name", ""),
                       name=attrs.get("display-name", attrs.get("name", "")))
            lvl = attrs.get("default-outline-level", "")
            s.outline = int(lvl) if lvl.isdigit() else 0
            for tp in st:
                if local(tp.tag) == "text-properties":
                    weight = next((v for k, v in tp.attrib.items() if local(k) == "font-weight"),
                                  None)
                    if weight is not None:
                        s.bold = weight in ("bold", "600", "700", "800", "900")
            out[attrs.get("name", "")] = s
    return out


class _Reader:
    def __init__(self, styles: dict[str, _Style], limits: Limits) -> None:
        self.styles = styles
        self.limits = limits
        self.chars = 0

    def chain(self, name: str):
        return (st for _, st in style_chain(self.styles, name, lambda st: st.parent))

    def bold(self, name: str) -> bool:
        return next((st.bold for st in self.chain(name) if st.bold is not None), False)

    def style_level(self, name: str) -> int:
        for st in self.chain(name):
            if st.outline:
                return min(st.outline, 6)
            lowered = st.name.lower()
            if lowered in ("title", "titre"):
                return 1
        return 0

    def walk(self, el: etree._Element, out: list[Block], depth: int = 0,
             in_list: bool = False) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in el:
            if self.chars > self.limits.max_text_chars:
                return
            tag = local(child.tag)
            if tag in ("p", "h"):
                self.paragraph(child, tag, out, depth, in_list)
            elif tag == "list":
                self.walk(child, out, depth + 1, True)
            elif tag == "list-item":
                self.walk(child, out, depth + 1, True)
            elif tag == "table":
                self.table(child, out, depth)
            elif tag in _SKIP_BLOCKS:
                continue
            elif tag in _CONTAINERS or tag in ("frame", "text-box"):
                self.walk(child, out, depth + 1, in_list)

    def paragraph(self, p: etree._Element, tag: str, out: list[Block], depth: int,
                  in_list: bool) -> None:
        attrs = {local(k): v for k, v in p.attrib.items()}
        style = attrs.get("style-name", "")
        boxes: list[etree._Element] = []
        text = one_line(odf_inline_text(p, boxes))
        if text:
            self.chars += len(text)
            level = 0
            if tag == "h":
                lvl = attrs.get("outline-level", "1")
                level = min(max(int(lvl) if lvl.isdigit() else 1, 1), 6)
            else:
                level = self.style_level(style)
            if level:
                out.append(Block("heading", text=text, level=level))
            else:
                out.append(Block("paragraph", text=text, list_item=in_list,
                                 emphasis=self._all_bold(p, style) and len(text) <= 200))
        for box in boxes:
            self.walk(box, out, depth + 1)

    def _all_bold(self, p: etree._Element, style: str) -> bool:
        base = self.bold(style)
        if (p.text or "").strip() and not base:
            return False
        for child in p:
            if local(child.tag) == "span":
                span_style = next((v for k, v in child.attrib.items()
                                   if local(k) == "style-name"), "")
                span_bold = self.bold(span_style) if span_style else base
                if span_style and self.styles.get(span_style) and \
                        self.styles[span_style].bold is None:
                    span_bold = base
                if "".join(child.itertext()).strip() and not span_bold:
                    return False
            elif "".join(child.itertext()).strip() and not base:
                return False
            if (child.tail or "").strip() and not base:
                return False
        return True

    def table(self, tbl: etree._Element, out: list[Block], depth: int) -> None:
        rows: list[list[str]] = []
        cell_blocks: list[list[Block]] = []
        row_cells: list[list[list[Block]]] = []
        nested: list[Block] = []
        for tr in _rows(tbl):
            row: list[str] = []
            inner: list[list[Block]] = []
            for tc in tr:
                tag = local(tc.tag)
                if tag == "covered-table-cell":
                    row.append("")
                    inner.append([])
                    continue
                if tag != "table-cell":
                    continue
                blocks: list[Block] = []
                self.walk(tc, blocks, depth + 1)
                cell_blocks.append(blocks)
                text = one_line(" ".join(b.text for b in blocks if b.kind != "table"))
                reps = next((v for k, v in tc.attrib.items()
                             if local(k) == "number-columns-repeated"), "1")
                reps_n = min(int(reps), 64) if reps.isdigit() else 1
                n = reps_n if text else 1
                row.extend([text] * n)
                inner.append([b for b in blocks if b.kind != "table"])
                inner.extend([] for _ in range(n - 1))
                nested.extend(b for b in blocks if b.kind == "table")
            rows.append(row)
            row_cells.append(inner)
        out.extend(table_blocks(rows, cell_blocks, nested, row_cells))


def _rows(tbl: etree._Element, depth: int = 0):
    for c in tbl:
        tag = local(c.tag)
        if tag == "table-row":
            yield c
        elif tag in ("table-header-rows", "table-rows", "table-row-group") and depth < 8:
            yield from _rows(c, depth + 1)


def open_odf(data: bytes, what: str, limits: Limits):
    """(zip, members, content.xml bytes) of an OpenDocument file; encrypted or damaged
    packages raise ReadError with `what` ("Le document OpenDocument") named."""
    zf = open_package(data, what)
    members = member_map(zf)
    if odf_encrypted(zf, members):
        raise ReadError(ENCRYPTED, f"{what} est protégé par un mot de passe : son contenu n'a "
                        "pas pu être lu.")
    if "content.xml" not in members:
        raise ReadError(UNREADABLE, f"{what} est endommagé (contenu absent) et n'a pas pu être lu.")
    return zf, members, read_member(zf, members["content.xml"], min(limits.max_zip_total_bytes, 256 << 20))


def read_odt(data: bytes, source: str, media_type: str, limits: Limits) -> Document:
    """Blocks of an OpenDocument text."""
    zf, members, raw = open_odf(data, "Le document OpenDocument", limits)
    try:
        content = parse_xml(raw)
    except etree.XMLSyntaxError as exc:
        raise ReadError(UNREADABLE, "Le document OpenDocument est endommagé (contenu XML "
                        "invalide) et n'a pas pu être lu.") from exc
    styles_root = None
    if "styles.xml" in members:
        try:
            styles_root = parse_xml(read_member(zf, members["styles.xml"], 32 << 20))
        except Exception:  # noqa: BLE001 - styles only refine headings and bold
            styles_root = None
    reader = _Reader(_styles(styles_root, content), limits)
    blocks: list[Block] = []
    for body in content:
        if local(body.tag) == "body":
            for text in body:
                if local(text.tag) == "text":
                    reader.walk(text, blocks)
    return Document(source=source, media_type=media_type, blocks=blocks)
