"""atheris (libFuzzer) target: the attachment pipeline, pipeline.inspect_message, on
emails built from the fuzz input.

The first byte of the input picks the shape: the whole input as a raw email, or the
rest as the one attachment (PDF, DOCX, XLSX, ODT, ZIP, HTML, text, TNEF, an unnamed
octet-stream) of a small proposal email. The readers run in this process
(FABRIQUE_NO_SANDBOX=1) so that libFuzzer sees their coverage and reports a hang
(-timeout) or a memory blow-up (-rss_limit_mb) as a finding instead of the sandbox
quietly absorbing it. A finding is any exception escaping inspect_message, or a dossier
that is not JSON.

    python fuzz/fuzz_attachments.py -max_total_time=60 -timeout=25 CORPUS_DIR
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["FABRIQUE_NO_SANDBOX"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["intake", "parsers"]):
    from intake.config import load_config
    from intake.reading import pipeline

CONFIG = load_config(Path(__file__).resolve().parents[1] / "config.toml")
SHAPES = [
    ("dossier.pdf", "application/pdf"),
    ("candidature.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("projet.odt", "application/vnd.oasis.opendocument.text"),
    ("annexes.zip", "application/zip"),
    ("page.html", "text/html"),
    ("notes.txt", "text/plain"),
    ("winmail.dat", "application/ms-tnef"),
    ("", "application/octet-stream"),
]


def email_of(data: bytes) -> bytes:
    """The raw email a fuzz input stands for."""
    if not data:
        return b""
    choice, rest = data[0], data[1:]
    if choice % (len(SHAPES) + 1) == len(SHAPES):
        return rest  # the whole input is the email
    name, ctype = SHAPES[choice % (len(SHAPES) + 1)]
    import base64

    disposition = f'attachment; filename="{name}"' if name else "attachment"
    return (b"From: Candidat <candidat@exemple.fr>\r\nTo: fabrique@anact.fr\r\n"
            b"Subject: Candidature AMI La Fabrique CTO\r\nDate: Sat, 20 Aug 2022 10:00:00 +0200\r\n"
            b"Message-ID: <fuzz@exemple.fr>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="=_fuzz"\r\n\r\n--=_fuzz\r\n'
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nVeuillez trouver ci-joint notre "
            b"dossier.\r\n--=_fuzz\r\nContent-Type: " + ctype.encode() + b"\r\n"
            b"Content-Disposition: " + disposition.encode() + b"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(rest).replace(b"\n", b"\r\n") + b"--=_fuzz--\r\n")


def test_one_input(data: bytes) -> None:
    inspection = pipeline.inspect_message(email_of(data), CONFIG)
    json.dumps(inspection.dossier, ensure_ascii=False).encode("utf-8")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
