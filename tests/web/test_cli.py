"""`fabrique-intake users add|list|disable` (passwords never on the command line) and
`fabrique-intake web --demo-account`, started for real and logged into over HTTP."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import select

from intake.cli import main
from storage.db import open_db
from storage.schema import audit_log, users

ROOT = Path(__file__).resolve().parents[2]


def test_users_add_list_disable(tmp_path, capsys, monkeypatch):
    data = ["--data", str(tmp_path)]
    monkeypatch.setenv("FI_TEST_PASSWORD", "un-mot-de-passe-solide")
    assert main(["users", "add", "Marie@Anact.fr", "--name", "Marie Durand", "--role", "admin",
                 "--password-env", "FI_TEST_PASSWORD", *data]) == 0
    assert "Compte créé : marie@anact.fr (administration)" in capsys.readouterr().out
    assert main(["users", "add", "marie@anact.fr", "--password-env", "FI_TEST_PASSWORD", *data]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert main(["users", "list", *data]) == 0
    out = capsys.readouterr().out
    assert "marie@anact.fr" in out and "administration" in out and "actif" in out
    assert main(["users", "disable", "marie@anact.fr", *data]) == 0
    assert main(["users", "list", *data]) == 0
    assert "désactivé" in capsys.readouterr().out
    engine = open_db(f"sqlite:///{tmp_path / 'fabrique.db'}")
    with engine.connect() as conn:
        row = conn.execute(select(users)).one()
        actions = [r.action for r in conn.execute(select(audit_log).order_by(audit_log.c.id))]
    engine.dispose()
    assert row.password_hash.startswith("$argon2id$") and not row.active
    assert actions == ["user_added", "user_disabled"]


def test_passwords_never_come_from_argv(tmp_path, capsys, monkeypatch):
    data = ["--data", str(tmp_path)]
    # no terminal (pytest's stdin) and no variable: refused, with what to do
    assert main(["users", "add", "a@anact.fr", *data]) == 2
    assert "--password-env" in capsys.readouterr().err
    monkeypatch.setenv("FI_SHORT", "court")
    assert main(["users", "add", "a@anact.fr", "--password-env", "FI_SHORT", *data]) == 2
    assert "12 caractères" in capsys.readouterr().err
    assert main(["users", "add", "a@anact.fr", "--password-env", "FI_ABSENT", *data]) == 2
    assert main(["users", "add", "pas-une-adresse", "--password-env", "FI_SHORT", *data]) == 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_web_command_serves_with_a_demo_account(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "intake.cli", "web", "--data", str(tmp_path), "--port", str(port),
                             "--demo-account"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        lines = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Application du secrétariat" in line:
                break
        out = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in out, out + proc.stderr.read() if proc.poll() is not None else out
        email = re.search(r"adresse\s+: (\S+)", out).group(1)
        password = re.search(r"mot de passe : (\S+)", out).group(1)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):  # uvicorn binds just after the line is printed
            try:
                form = opener.open(base + "/login", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token,
                                       "next": "/"}).encode()
        page = opener.open(base + "/login", data=body, timeout=10).read().decode()
        assert "Dossiers de candidature" in page and "Secrétariat (démonstration)" in page
    finally:
        proc.terminate()
        proc.wait(timeout=10)
