"""A private Dovecot IMAP server on 127.0.0.1 for tests, following
shared/recipes/imap-smtp-test-servers.md (its gotcha numbers are quoted)."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time

HOST = "127.0.0.1"
DOVECOT = "/usr/sbin/dovecot"

CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
instance_name = dovecot-{port}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}
mail_location = maildir:~/Maildir:LAYOUT=fs
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service ipc {{
  chroot =
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Dovecot:
    def __init__(self, users: dict[str, str]) -> None:
        self.dir = tempfile.mkdtemp(prefix="dc-", dir="/tmp")  # short path: gotcha 4
        os.chmod(self.dir, 0o755)  # gotcha 3
        self.port = free_port()
        pw = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())  # 1, 5
        group = grp.getgrgid(pw.pw_gid).gr_name
        os.makedirs(f"{self.dir}/mail")
        os.chown(f"{self.dir}/mail", pw.pw_uid, pw.pw_gid)  # gotcha 2
        with open(f"{self.dir}/users", "w") as f:
            f.writelines(f"{u}:{{PLAIN}}{p}\n" for u, p in users.items())
        self.conf = f"{self.dir}/dovecot.conf"
        with open(self.conf, "w") as f:
            f.write(CONF.format(d=self.dir, port=self.port, user=pw.pw_name, group=group,
                                uid=pw.pw_uid, gid=pw.pw_gid))
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 10) -> Dovecot:
        with open(f"{self.dir}/stdout.log", "ab") as out:  # gotcha 6
            self.proc = subprocess.Popen(
                ["setpriv", "--pdeathsig", "TERM", DOVECOT, "-F", "-c", self.conf],  # gotcha 7
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("dovecot s'est arrêté :\n" + self.log())
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    if s.recv(200).startswith(b"* OK"):
                        s.sendall(b"a LOGOUT\r\n")
                        return self
            except OSError:
                time.sleep(0.02)
        self.kill()
        raise RuntimeError("dovecot ne répond pas :\n" + self.log())

    def kill(self) -> None:
        """SIGKILL to the server's own process group: the temp dir is thrown away anyway."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        parts = []
        for name in ("stdout.log", "dovecot.log"):
            path = f"{self.dir}/{name}"
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    parts.append(f.read())
        return "".join(parts)
