"""The operator's commands as they are typed: `run --once` reads the Maildir, files the
dossiers and leaves the answers as .eml files; `dossiers` prints the triage table;
`outbox` approves held emails; `reprocess` re-reads without sending; `health` reports;
errors are French and exit 2."""

from __future__ import annotations

import email
import json
import subprocess
import sys
from email import policy

from .conftest import COMPLETE, INCOMPLETE, ROOT, reply


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180)


def test_run_once_files_answers_and_prints_the_triage_table(box, tmp_path):
    box.deliver(COMPLETE)
    box.deliver(INCOMPLETE)
    box.deliver(reply("FAB-2022-0001"))
    data = tmp_path / "data"

    out = run("run", "--once", "--maildir", str(box.path), "--data", str(data))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == ("3 messages lus, 2 dossiers créés, 1 rattaché, 0 en quarantaine, "
                        "2 réponses préparées")
    assert lines[1].startswith("2 courriels envoyés (fichiers .eml dans ")
    assert box.inbox() == [] and any((data / "blobs").rglob("*"))
    emls = sorted((data / "outbox").glob("*.eml"))
    assert len(emls) == 2
    subjects = sorted(email.message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"] for p in emls)
    assert subjects[0].startswith("[FAB-2022-0001] Accusé de réception")
    assert subjects[1].startswith("[FAB-2022-0002]") and "compléter" in subjects[1]

    again = run("run", "--once", "--maildir", str(box.path), "--data", str(data))
    assert again.stdout.splitlines()[0] == "0 message lu, 0 dossier créé, 0 rattaché, 0 en quarantaine"
    assert len(list((data / "outbox").glob("*.eml"))) == 2  # nothing sent twice

    listed = run("dossiers", "--data", str(data))
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()
    assert rows[0].split()[:3] == ["Référence", "Reçu", "le"]
    first = next(r for r in rows if r.startswith("FAB-2022-0001"))
    second = next(r for r in rows if r.startswith("FAB-2022-0002"))
    assert "complet" in first and "33\u202f500\u00a0€" in first and "accusé de réception : envoyé" in first
    assert "incomplet" in second and "thomas.keller@itn-recherche.fr" in second
    assert rows[-1] == "2 dossiers : 1 complet, 1 incomplet"
    as_json = json.loads(run("dossiers", "--json", "--data", str(data)).stdout)
    assert [d["reference"] for d in as_json] == ["FAB-2022-0001", "FAB-2022-0002"]

    health = run("health", "--json", "--data", str(data))
    figures = json.loads(health.stdout)
    assert (figures["backlog"], figures["outbox_backlog"], figures["quarantined"]) == (0, 0, 0)
    # the single run recorded its success where the operations page reads it
    state = json.loads((data / "health.json").read_text(encoding="utf-8"))
    assert state["mode"] == "once" and state["last_good_poll"] and state["last_error"] is None
    assert state["last_result"].startswith("0 message")  # the second run's summary


def test_held_completion_requests_wait_for_approval(box, tmp_path):
    box.deliver(INCOMPLETE)
    config = tmp_path / "config.toml"
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    assert "hold_completion_requests = false" in text
    config.write_text(text.replace("hold_completion_requests = false", "hold_completion_requests = true"),
                      encoding="utf-8")
    data = tmp_path / "data"
    out = run("run", "--once", "--maildir", str(box.path), "--data", str(data), "--config", str(config))
    assert out.returncode == 0, out.stderr
    assert not list((data / "outbox").glob("*.eml"))
    listed = run("outbox", "--data", str(data), "--config", str(config))
    assert "à valider" in listed.stdout and "validation" in listed.stdout
    approved = run("outbox", "--approve", "1", "--data", str(data), "--config", str(config))
    assert approved.returncode == 0 and "à envoyer" in approved.stdout
    assert run("outbox", "--approve", "1", "--data", str(data)).returncode == 1  # not held any more
    run("run", "--once", "--maildir", str(box.path), "--data", str(data), "--config", str(config))
    assert len(list((data / "outbox").glob("*.eml"))) == 1


def test_reprocess_rereads_without_sending(box, tmp_path):
    box.deliver(COMPLETE)
    data = tmp_path / "data"
    run("run", "--once", "--maildir", str(box.path), "--data", str(data))
    before = sorted((data / "outbox").glob("*.eml"))
    out = run("reprocess", "--data", str(data))
    assert out.returncode == 0, out.stderr
    assert "FAB-2022-0001  inchangé" in out.stdout and "aucun courriel envoyé" in out.stdout
    assert sorted((data / "outbox").glob("*.eml")) == before
    unknown = run("reprocess", "FAB-2022-0999", "--data", str(data))
    assert unknown.returncode == 2 and "dossier inconnu" in unknown.stderr


def test_errors_are_in_french(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    not_maildir = run("run", "--once", "--maildir", str(tmp_path), "--data", str(tmp_path / "d"))
    assert not_maildir.returncode == 2 and "n'est pas un dossier Maildir" in not_maildir.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "config.toml").read_text(encoding="utf-8") + "\n[smtp]\npassword = \"x\"\n")
    refused = run("run", "--once", "--maildir", str(tmp_path), "--data", str(tmp_path / "d"),
                  "--config", str(bad))
    assert refused.returncode == 2 and "mot de passe" in refused.stderr.lower()
