"""Fill a fresh demo Maildir with the example proposals of examples/, each delivered at
the time its Date header says (the call closed in 2022: delivered today, every example
would be late). Used by `make demo`; it only ever touches the folder it is given."""

from __future__ import annotations

import os
import shutil
import sys
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(target: str) -> int:
    home = Path(target).resolve()
    if home.exists():
        if not (home / ".fabrique-demo").exists():
            print(f"demo : « {home} » existe et n'est pas un dossier de démonstration : rien n'est effacé.",
                  file=sys.stderr)
            return 2
        shutil.rmtree(home)
    maildir = home / "Maildir"
    for sub in ("tmp", "new", "cur"):
        (maildir / sub).mkdir(parents=True)
    (home / ".fabrique-demo").write_text("dossier recréé par make demo\n", encoding="utf-8")
    for n, path in enumerate(sorted((ROOT / "examples").glob("*.eml")), 1):
        raw = path.read_bytes()
        date = BytesHeaderParser(policy=compat32).parsebytes(raw).get("Date")
        when = parsedate_to_datetime(str(date)).timestamp()
        key = f"{int(when)}.M{n}P{os.getpid()}.demo"
        (maildir / "tmp" / key).write_bytes(raw)
        os.utime(maildir / "tmp" / key, (when, when))
        os.replace(maildir / "tmp" / key, maildir / "new" / key)
    print(f"demo : {n} courriels d'exemple déposés dans {maildir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "var" / "demo")))
