"""Filing one stored message again, outside any mailbox pass (a message taken out of
quarantine by the secretariat): the worker's own reading, matching, re-reading of the
dossier and planned answer, in one transaction."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import Row

from intake.config import Config
from intake.filing.worker import FilingPass
from storage import queries as sq
from storage.blobs import BlobStore


class ReprocessFailed(Exception):
    """The reading raised again: the message stays in quarantine."""


class _Refile(FilingPass):
    """The answer is planned only when asked; a reading that raises is reported, not
    counted as one more attempt."""

    def __init__(self, config: Config, db: Engine, blobs: BlobStore, *, answer: bool) -> None:
        super().__init__(config, None, db, blobs, False, 1)  # type: ignore[arg-type]  # no mailbox
        self.answer = answer

    def plan_answer(self, conn, d, row, raw) -> None:
        if self.answer:
            super().plan_answer(conn, d, row, raw)
        else:
            sq.add_event(conn, row.id, "no_answer", "relu depuis la quarantaine : aucune réponse demandée")

    def on_failure(self, row, e: Exception):
        raise ReprocessFailed(f"{type(e).__name__}: {e}"[:2000]) from e


def refile(config: Config, db: Engine, blobs: BlobStore, row: Row, *, answer: bool) -> Row:
    """File the stored message `row` again; raises ReprocessFailed when its reading fails."""
    return _Refile(config, db, blobs, answer=answer).read(row)
