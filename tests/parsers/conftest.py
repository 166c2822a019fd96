"""Shared fixtures: real documents built at test time (python-docx, LibreOffice)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.enum.text import WD_BREAK

from parsers.document import Limits

BUDGET = [
    ("Poste de dépense", "Montant HT", "Commentaire"),
    ("Personnel", "24 000 €", "Chef de projet (40 j)"),
    ("Déplacements et logistique", "3 000 €", ""),
    ("Prestations", "9 000 €", "Design et communication"),
    ("Total", "36 000 €", ""),
]


@pytest.fixture
def limits() -> Limits:
    return Limits()


def build_proposal() -> bytes:
    """A short grant proposal as an applicant would write it in Word."""
    d = WordDocument()
    d.sections[0].header.paragraphs[0].text = "AMI La Fabrique CTO – Dossier de candidature"
    d.add_heading("Projet « Travailler mieux »", 0)
    d.add_heading("1. Contexte", 1)
    for _ in range(2):
        d.add_paragraph(
            "Le territoire connaît des difficultés de recrutement importantes dans le secteur "
            "médico-social, avec un absentéisme élevé et une rotation des équipes qui fragilise "
            "la qualité du service rendu aux usagers et la santé des salariés."
        )
    d.add_heading("2. Objectifs", 1)
    d.add_paragraph("Améliorer les conditions de travail", style="List Bullet")
    d.add_paragraph("Réduire l'absentéisme de 20 %", style="List Bullet")
    d.add_heading("2.1 Objectifs opérationnels", 2)
    d.add_paragraph("Former les managers de proximité.")
    d.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)
    d.add_heading("3. Budget prévisionnel", 1)
    table = d.add_table(rows=len(BUDGET), cols=3)
    table.style = "Table Grid"
    for i, row in enumerate(BUDGET):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph("Le cofinancement est apporté par la structure (autofinancement).")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="session")
def proposal_docx() -> bytes:
    return build_proposal()


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def convert():
    """convert(data, ext, target) -> bytes, through LibreOffice; skips without it."""
    exe = _soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) n'est pas installé : test de conversion ignoré")
    cache: dict[tuple, bytes] = {}
    root = Path(tempfile.mkdtemp(prefix="parsers-tests-"))

    def run(data: bytes, ext: str, target: str) -> bytes:
        key = (data, ext, target)
        if key not in cache:
            work = Path(tempfile.mkdtemp(dir=root))
            src = work / f"doc.{ext}"
            src.write_bytes(data)
            subprocess.run(
                [exe, "--headless", "--norestore", "--nolockcheck",
                 f"-env:UserInstallation={(root / 'profile').as_uri()}",
                 "--convert-to", target, "--outdir", str(work), str(src)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False,
            )
            out = work / f"doc.{target.split(':')[0]}"
            if not out.exists():
                pytest.skip(f"LibreOffice n'a pas produit de fichier {target}")
            cache[key] = out.read_bytes()
        return cache[key]

    yield run
    shutil.rmtree(root, ignore_errors=True)
