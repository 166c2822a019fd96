"""The Maildir source: keys as UIDs, the file's time as receipt time, moves by rename
into subfolders it creates, and a UIDVALIDITY that notices a re-created folder."""

from __future__ import annotations

import shutil

import pytest

from intake.filing.sources import MaildirSource, SourceError

from .conftest import BODY, INCOMPLETE, ON_TIME


def test_lists_fetches_and_moves(box):
    k1 = box.deliver(BODY, ON_TIME)
    k2 = box.deliver(INCOMPLETE, ON_TIME.replace(hour=11))
    src = box.source()
    items = src.list_new()
    assert [i.uid for i in items] == [k1, k2]
    assert items[0].internaldate == ON_TIME and items[0].internaldate.tzinfo is not None
    assert src.fetch(k1) == BODY.read_bytes()
    src.move_processed(k1)
    src.move_quarantine(k2)
    assert src.list_new() == []
    assert src.folder_keys("processed") == [k1] and src.folder_keys("quarantine") == [k2]
    assert (box.path / ".Traitées" / "cur").is_dir() and (box.path / ".Quarantaine" / "cur").is_dir()
    moved = next((box.path / ".Traitées" / "cur").iterdir())
    assert moved.stat().st_mtime == ON_TIME.timestamp()  # receipt time survives the move


def test_uidvalidity_is_kept_and_changes_when_the_folder_is_recreated(box, monkeypatch):
    box.deliver(BODY)
    first = box.source().uidvalidity
    assert box.source().uidvalidity == first
    shutil.rmtree(box.path)
    monkeypatch.setattr("intake.filing.sources.time.time", lambda: first + 1000)
    assert MaildirSource(box.path).uidvalidity == first + 1000


def test_a_folder_that_is_not_a_maildir_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(SourceError, match="Maildir"):
        MaildirSource(tmp_path)
