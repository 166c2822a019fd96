"""The atheris target fuzz/fuzz_attachments.py, run for a bounded time (20 s) from a
few seeds built here: it must finish its runs without a finding (no exception out of
inspect_message, no hang past 25 s, no blow-up past 3 GB). Skipped without atheris."""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import build

atheris = pytest.importorskip("atheris", reason="atheris absent : pip install atheris")

TARGET = build.ROOT / "fuzz" / "fuzz_attachments.py"


def _seeds(folder) -> None:
    """One seed per shape: a byte choosing the shape, then a small valid file of it."""
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{build._W}"><w:body>'
           f'{build._paragraphs(build.PROPOSAL_TEXT)}</w:body></w:document>').encode()
    pdf = build._pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", build._FONT,
                      build._page(2, 5, 3), build._stream(build._TEXT)])
    seeds = {"pdf": bytes([0]) + pdf, "docx": bytes([1]) + build._docx(xml),
             "html": bytes([5]) + b"<h1>Contexte</h1><p>Un projet.</p>",
             "text": bytes([6]) + "Objectifs : réduire l'usure.\nBudget : 12 500 €".encode(),
             "email": bytes([9]) + (build.EXAMPLES / "02-proposition-dans-le-corps-du-message.eml")
             .read_bytes()}
    for name, data in seeds.items():
        (folder / name).write_bytes(data)


def test_fuzz_the_attachment_pipeline_briefly(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _seeds(corpus)
    out = subprocess.run([sys.executable, str(TARGET), "-max_total_time=20", "-timeout=25",
                          "-rss_limit_mb=3072", f"-artifact_prefix={tmp_path}/", str(corpus)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=180)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "Done " in log and " runs in " in log, log[-2000:]
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
