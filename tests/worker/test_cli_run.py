"""`fabrique-intake run --once` and `dossiers` as an operator runs them: a French
summary, the dossiers listed, and clear errors."""

from __future__ import annotations

import subprocess
import sys

from .conftest import COMPLETE, INCOMPLETE, ROOT, reply


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_run_once_prints_a_french_summary_and_dossiers_lists_them(box, tmp_path):
    box.deliver(COMPLETE)
    box.deliver(INCOMPLETE)
    box.deliver(reply("FAB-2022-0001"))
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text(encoding="utf-8") + f"""
[storage]
db_url = "sqlite:///{tmp_path / 'f.db'}"
blobs_dir = "{tmp_path / 'blobs'}"
""", encoding="utf-8")

    out = run("run", "--once", "--maildir", str(box.path), "--config", str(config))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3 messages lus, 2 dossiers créés, 1 rattaché, 0 en quarantaine"
    assert box.inbox() == [] and any((tmp_path / "blobs").rglob("*"))

    again = run("run", "--once", "--maildir", str(box.path), "--config", str(config))
    assert again.stdout.strip() == "0 message lu, 0 dossier créé, 0 rattaché, 0 en quarantaine"

    listed = run("dossiers", "--config", str(config))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["FAB-2022-0001", "FAB-2022-0002"]
    assert "claire.lemonnier@trajectoires-travail.fr" in lines[0]
    assert "incomplete" in lines[1] and "thomas.keller@itn-recherche.fr" in lines[1]


def test_db_option_is_relative_to_the_current_folder(box, tmp_path):
    box.deliver(INCOMPLETE)
    config = tmp_path / "config.toml"
    config.write_text((ROOT / "config.toml").read_text(encoding="utf-8")
                      + f'\n[storage]\nblobs_dir = "{tmp_path / "blobs"}"\n', encoding="utf-8")
    # ./config.toml of the current folder is the one used; --db is relative to that folder too.
    out = run("run", "--once", "--maildir", str(box.path), "--db", "sqlite:///ici.db", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "ici.db").is_file()
    listed = run("dossiers", "--db", "sqlite:///ici.db", cwd=tmp_path)
    assert listed.stdout.startswith("FAB-2022-0001")


def test_errors_are_in_french(tmp_path):
    no_once = run("run", "--maildir", str(tmp_path))
    assert no_once.returncode == 2 and "--once" in no_once.stderr
    (tmp_path / "notes.txt").write_text("x")
    not_maildir = run("run", "--once", "--maildir", str(tmp_path), "--db", f"sqlite:///{tmp_path}/f.db")
    assert not_maildir.returncode == 2 and "n'est pas un dossier Maildir" in not_maildir.stderr
