"""Content-addressed store for raw messages: every byte received is kept under its
SHA-256 before anything reads it, so any step can be replayed from what actually arrived."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class BlobNotFound(KeyError):
    """No blob with this hash: the store was moved or pruned."""


class BlobStore:
    """Files at <root>/ab/cd/<sha256>; writes are atomic (temp file + os.replace), and
    storing the same bytes twice is a no-op."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError(f"empreinte SHA-256 invalide : {sha!r}")
        return self.root / sha[:2] / sha[2:4] / sha

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        dest = self.path(sha)
        if dest.is_file():
            return sha
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha: str) -> bytes:
        try:
            return self.path(sha).read_bytes()
        except FileNotFoundError as e:
            raise BlobNotFound(sha) from e

    def __contains__(self, sha: str) -> bool:
        return self.path(sha).is_file()
