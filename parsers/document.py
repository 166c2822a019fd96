"""The format-neutral shape every reader produces.

Each reader (PDF, DOCX, XLSX, ODT, e-mail body...) turns bytes into a `Document`: an
ordered list of blocks (headings with a level, paragraphs, tables as rows of cells) so
that the proposal readers (sections, budget, partners) never care about the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]

# Attachment statuses, as the dossier contract names them.
PARSED = "parsed"
SCANNED = "scanned"
ENCRYPTED = "encrypted"
UNREADABLE = "unreadable"
UNSUPPORTED = "unsupported"
SKIPPED = "skipped"
STATUSES = (PARSED, SCANNED, ENCRYPTED, UNREADABLE, UNSUPPORTED, SKIPPED)


@dataclass
class Block:
    """One unit of reading order.

    kind:      "heading" (with `level` 1..6), "paragraph" or "table" (with `rows`).
    text:      the text of a heading or paragraph ("" for tables).
    level:     heading level; 0 for paragraphs and tables.
    rows:      table cells as text, row by row (merged cells appear once).
    page:      1-based page (PDF) or sheet index (spreadsheets) where known.
    emphasis:  True when the whole paragraph is bold or larger than body text: a hint
               that it may be a heading the author did not style as one.
    list_item: True when the paragraph is a bullet or numbered list item.
    list_depth: its depth in a multi-level list (Word's ilvl + 1), 0 where unknown.
    sheet:     worksheet name for spreadsheet tables.
    cells:     for word-processor tables, the blocks inside each cell, row by row and
               aligned with `rows` (empty where unknown): a form's "Contenu" cell keeps
               its paragraphs, lists and budget lines instead of one flattened line.
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    page: int | None = None
    emphasis: bool = False
    list_item: bool = False
    sheet: str | None = None
    cells: list[list[list[Block]]] = field(default_factory=list)
    list_depth: int = 0  # a numbered list item's depth (1 the outer level), where known


@dataclass
class Document:
    """The readable content of one file (or of the e-mail body)."""

    source: str
    media_type: str
    blocks: list[Block] = field(default_factory=list)
    pages: int = 0

    def text(self) -> str:
        """All text, tables flattened row by row (cells joined by ' | ')."""
        return blocks_text(self.blocks)


def blocks_text(blocks: list[Block], lead: str = "") -> str:
    """Blocks as plain text, one line per paragraph or table row (cells joined by ' | ',
    empty cells and lines left out), after an optional leading line."""
    parts = [lead] if lead else []
    for b in blocks:
        if b.kind == "table":
            parts.extend(" | ".join(c for c in r if c) for r in b.rows)
        else:
            parts.append(b.text)
    return "\n".join(p for p in parts if p.strip())


@dataclass
class ParsedFile:
    """One attachment (or archive member) after reading.

    status is one of STATUSES; detail is a French sentence saying why a file was not read
    (empty when parsed). container names the archive or TNEF wrapper it came from.
    """

    filename: str
    sha256: str
    media_type: str
    status: str
    detail: str = ""
    document: Document | None = None
    container: str | None = None
    size: int = 0

    def to_contract(self) -> dict:
        d = {
            "filename": self.filename,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "status": self.status,
            "detail": self.detail,
        }
        if self.container:
            d["container"] = self.container
        return d


@dataclass
class Limits:
    """Resource limits for reading untrusted files (from config [limits])."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_pages: int = 300
    max_zip_members: int = 200
    max_zip_total_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 100
    max_zip_depth: int = 2
    max_cells: int = 200_000
    max_text_chars: int = 5_000_000
    timeout_seconds: float = 25.0
    memory_bytes: int = 1024 * 1024 * 1024
    libreoffice_timeout_seconds: float = 60.0
    # per email: attachments read (each in its own child), MIME parts visited, nesting
    max_attachments: int = 100
    max_mime_parts: int = 2000
    max_mime_depth: int = 50
