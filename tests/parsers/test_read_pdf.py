"""PDF reader on real LibreOffice exports (skipped without soffice) and synthetic files."""

from __future__ import annotations

import io
import time

import pytest
from docx import Document as WordDocument

from parsers.document import ENCRYPTED, PARSED, SCANNED, UNREADABLE
from parsers.files import read_file

pytestmark = pytest.mark.slow

_ENCRYPT = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
_OWNER_ONLY = ('pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},'
               '"PermissionPassword":{"type":"string","value":"owner"}}')


def _table_docx(rows, *, heading: str, closing: str, lines_before: int = 0, grid: bool = False) -> bytes:
    """A Word document: a heading, filler lines, a table (ruled or not) and a closing line."""
    d = WordDocument()
    d.add_heading(heading, 1)
    for i in range(lines_before):
        d.add_paragraph(f"Ligne {i} du texte qui précède le plan de financement.")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        table.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph(closing)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def proposal_pdf(convert, proposal_docx) -> bytes:
    return convert(proposal_docx, "docx", "pdf")


def test_headings_paragraphs_and_budget_table(proposal_pdf, limits):
    item = read_file("projet.pdf", proposal_pdf, limits)[0]
    assert item.status == PARSED and item.detail == ""
    blocks = item.document.blocks
    heads = {b.text: b.level for b in blocks if b.kind == "heading"}
    assert {"1. Contexte", "2. Objectifs", "3. Budget prévisionnel"} <= set(heads)
    assert heads["2.1 Objectifs opérationnels"] > heads["2. Objectifs"]
    assert heads["Projet « Travailler mieux »"] < heads["1. Contexte"]
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    # two paragraphs of several lines each, merged back
    context = [b for b in paragraphs if b.text.startswith("Le territoire connaît")]
    assert len(context) == 2 and context[0].text.endswith("santé des salariés.")
    assert [b.text for b in paragraphs if b.list_item] == [
        "Améliorer les conditions de travail", "Réduire l'absentéisme de 20 %"]
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].page == 2
    assert tables[0].rows[1] == ["Personnel", "24 000 €", "Chef de projet (40 j)"]
    assert ["Total", "36 000 €"] == tables[0].rows[-1][:2]
    # the table's text is not repeated as paragraphs, the running header is dropped
    assert not any("24 000" in b.text for b in paragraphs)
    assert not any("Dossier de candidature" in b.text for b in blocks)
    # reading order: heading, then table, then the sentence after it
    kinds = [(b.kind, b.text[:10]) for b in blocks]
    i = kinds.index(("heading", "3. Budget "))
    assert kinds[i + 1][0] == "table" and kinds[i + 2][1] == "Le cofinan"


def test_password_protected_pdf_is_encrypted(convert, proposal_docx, limits):
    item = read_file("projet.pdf", convert(proposal_docx, "docx", _ENCRYPT), limits)[0]
    assert item.status == ENCRYPTED and "mot de passe" in item.detail


def test_owner_password_only_is_read(convert, proposal_docx, limits):
    item = read_file("projet.pdf", convert(proposal_docx, "docx", _OWNER_ONLY), limits)[0]
    assert item.status == PARSED
    assert any(b.text == "1. Contexte" for b in item.document.blocks)


def test_long_document_is_fast(convert, limits):
    d = WordDocument()
    for chapter in range(1, 41):
        d.add_heading(f"{chapter}. Chapitre", 1)
        for _ in range(6):
            d.add_paragraph("Texte du chapitre avec des détails sur le projet. " * 12)
        table = d.add_table(rows=4, cols=3)
        table.style = "Table Grid"
        for i in range(4):
            for j in range(3):
                table.cell(i, j).text = f"{chapter}-{i}-{j} 1 000 €"
    buf = io.BytesIO()
    d.save(buf)
    pdf = convert(buf.getvalue(), "docx", "pdf")
    start = time.monotonic()
    item = read_file("long.pdf", pdf, limits)[0]
    elapsed = time.monotonic() - start
    assert item.status == PARSED and item.document.pages >= 40
    assert elapsed < 10, f"{elapsed:.1f} s for {item.document.pages} pages"
    assert sum(b.kind == "table" for b in item.document.blocks) == 40


def test_image_only_pdf_is_scanned(limits):
    pil = pytest.importorskip("PIL.Image")
    buf = io.BytesIO()
    pil.new("RGB", (600, 800), "white").save(buf, "PDF")
    item = read_file("scan.pdf", buf.getvalue(), limits)[0]
    assert item.status == SCANNED and "numérisé" in item.detail


def test_damaged_pdf_is_unreadable_with_a_reason(limits):
    item = read_file("projet.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", limits)[0]
    assert item.status == UNREADABLE and "PDF" in item.detail
    assert read_file("vide.pdf", b"", limits)[0].status == UNREADABLE


def test_junk_before_the_header_is_still_a_pdf(proposal_pdf, limits):
    item = read_file("projet.bin", b"\r\n\x00junk" + proposal_pdf, limits)[0]
    assert item.media_type == "application/pdf"


def test_a_table_without_borders_is_read_as_a_table(convert, limits):
    """A budget laid out in a Word table with no borders, exported to PDF: no rules to find,
    but its amounts start at one x far from their words; the rows come back as a table,
    a label wrapped on two lines joined, and the amounts are not lost in one paragraph."""
    rows = [("Dépenses", "Montant (€)"),
            ("Enseignante-chercheuse, coordination scientifique de l'ensemble du projet (25 jours)", "9 500"),
            ("Post-doctorant en sociologie du travail (6 mois)", "24 000"),
            ("Missions sur les sites (Nancy, Metz, Épinal)", "3 200"),
            ("Total des dépenses", "36 700")]
    data = _table_docx(rows, heading="Budget prévisionnel",  # the default style: no borders
                       closing="Le solde est apporté par le laboratoire sur ses fonds propres.")
    item = read_file("budget.pdf", convert(data, "docx", "pdf"), limits)[0]
    tables = [b for b in item.document.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert ["Post-doctorant en sociologie du travail (6 mois)", "24 000"] in tables[0].rows
    assert ["Enseignante-chercheuse, coordination scientifique de l'ensemble du projet (25 jours)",
            "9 500"] in tables[0].rows
    assert tables[0].rows[-1] == ["Total des dépenses", "36 700"]
    paragraphs = [b.text for b in item.document.blocks if b.kind == "paragraph"]
    assert not any("24 000" in t for t in paragraphs)
    assert "Le solde est apporté par le laboratoire sur ses fonds propres." in paragraphs


_FINANCING = [("Ressources", "Montant (€)", "Statut"),
              ("Subvention Anact – La Fabrique CTO", "48 000", "sollicitée"),
              ("Autofinancement", "6 000", "acquis"),
              ("Mise à disposition de salles de réunion et d'un animateur par la mairie de Vierzon",
               "6 000", "acquis"),
              ("Total des ressources", "60 000", "")]


def _financing_after(lines: int, *, grid: bool, rows=_FINANCING) -> bytes:
    return _table_docx(rows, heading="Plan de financement", lines_before=lines, grid=grid,
                       closing="Le reste du document suit ici, avec une phrase assez longue pour un paragraphe.")


def test_a_table_row_split_by_a_page_break_keeps_its_whole_label(convert, limits):
    """A ruled financing table whose long label row is cut by the page break (LibreOffice
    lets a row break across pages): the label comes back whole, beside its amount, once,
    and the rows after it follow. Several fillers are tried so that one at
    least really splits the row, whatever the fonts' metrics."""
    import pypdfium2 as pdfium

    label = _FINANCING[3][0]
    split = 0
    for lines in (44, 45, 46, 47, 48):
        data = convert(_financing_after(lines, grid=True), "docx", "pdf")
        doc = pdfium.PdfDocument(data)
        texts = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
        if not any("Mise à disposition" in t and "Vierzon" not in t for t in texts):
            continue  # the row did not break across pages with this filler
        split += 1
        item = read_file("financement.pdf", data, limits)[0]
        tables = [b.rows for b in item.document.blocks if b.kind == "table"]
        assert [label, "6 000", "acquis"] in tables[0], tables
        rows = [r for t in tables for r in t]
        assert rows[-1][:2] == ["Total des ressources", "60 000"]
        assert sum("Vierzon" in c for r in rows for c in r) == 1
        assert not any("Vierzon" in b.text for b in item.document.blocks if b.kind == "paragraph")
    assert split, "no filler made LibreOffice break the row across pages"


def test_the_last_row_of_a_table_without_borders_keeps_its_wrapped_label(convert, limits):
    """A borderless table whose last row's label wraps below its amount: the wrapped
    words stay in the row, not in the next paragraph."""
    rows = [(a, b) for a, b, _ in _FINANCING[:4]]
    data = convert(_financing_after(0, grid=False, rows=rows), "docx", "pdf")
    item = read_file("financement.pdf", data, limits)[0]
    tables = [b.rows for b in item.document.blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0][-1] == [rows[3][0], "6 000"], tables
    assert not any("Vierzon" in b.text for b in item.document.blocks if b.kind == "paragraph")
