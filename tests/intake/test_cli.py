"""The command as a person runs it: exit codes, French errors, both outputs."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "03-depense-non-eligible-et-cofinancement-insuffisant.eml"


def run(*args):
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_json_follows_the_contract():
    out = run("inspect", str(EXAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    d = json.loads(out.stdout)
    assert set(d) >= {"message", "attachments", "sections", "budget", "partners", "flags", "decision"}
    assert len(d["sections"]) == 10 and d["decision"] == "incomplete"
    assert {(f["code"], f["severity"]) for f in d["flags"]} == {
        ("cofinancing_below_minimum", "blocking"), ("ineligible_expense", "warning")}


def test_report_is_french_and_readable():
    out = run("inspect", str(EXAMPLE))
    assert out.returncode == 0
    assert "Décision: INCOMPLET" in out.stdout
    assert "Achat d'un véhicule de service" in out.stdout and "Points bloquants (1)" in out.stdout


def test_missing_file_and_bad_config_exit_2_with_a_french_message(tmp_path):
    out = run("inspect", "absent.eml")
    assert out.returncode == 2 and "fichier introuvable" in out.stderr
    bad = tmp_path / "config.toml"
    bad.write_text("[call\n")
    out = run("inspect", str(EXAMPLE), "--config", str(bad))
    assert out.returncode == 2 and "TOML" in out.stderr


def test_a_lone_document_is_read_as_an_attachment(tmp_path):
    import email
    from email import policy
    msg = email.message_from_bytes((ROOT / "examples" / "01-complete-docx-et-budget-xlsx.eml").read_bytes(),
                                   policy=policy.default)
    part = next(p for p in msg.walk() if (p.get_filename() or "").endswith(".docx"))
    doc = tmp_path / "projet.docx"
    doc.write_bytes(part.get_payload(decode=True))
    d = json.loads(run("inspect", str(doc), "--json").stdout)
    assert d["attachments"][0]["filename"] == "projet.docx" and d["attachments"][0]["status"] == "parsed"
    assert all(s["present"] for s in d["sections"].values())
