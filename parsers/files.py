"""Entry point for reading one attachment: type it by its bytes, dispatch to the reader.

Pure: bytes in, ParsedFile list out; no network, no config file reads.
"""

from __future__ import annotations

from .document import Limits, ParsedFile


def read_file(
    filename: str, data: bytes, limits: Limits, *, declared_type: str = "", depth: int = 0
) -> list[ParsedFile]:
    """Read one file. The first item describes the file itself; archives (ZIP, TNEF)
    append one item per member, each with `container` set. Never raises."""
    raise NotImplementedError
