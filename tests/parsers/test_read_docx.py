"""DOCX reader: what a secretariat would notice in the extracted structure."""

from __future__ import annotations

import io
import zipfile

from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from parsers.document import ENCRYPTED, PARSED, UNREADABLE
from parsers.docx import read_docx
from parsers.files import read_file
from parsers.sniff import DOCM, DOCX, sniff


def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _blocks(data: bytes, limits):
    return read_docx(data, "projet.docx", DOCX, limits).blocks


def test_headings_whatever_the_style_language(limits):
    d = WordDocument()
    d.add_heading("Titre du projet", 0)
    d.add_heading("1. Contexte", 1)
    titre = d.styles.add_style("Titre 1", WD_STYLE_TYPE.PARAGRAPH)  # French Word's id: Titre1
    d.add_paragraph("2. Objectifs", style=titre)
    ueber = d.styles.add_style("Überschrift 3", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Methodik", style=ueber)
    mine = d.styles.add_style("Mon titre maison", WD_STYLE_TYPE.PARAGRAPH)
    mine.base_style = d.styles["Heading 2"]
    d.add_paragraph("2.1 Sous-objectifs", style=mine)
    p = d.add_paragraph("3. Pilotage")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    d.add_paragraph("Un paragraphe ordinaire.")
    toc = d.styles.add_style("TM 1", WD_STYLE_TYPE.PARAGRAPH)  # French Word's "TOC 1"
    d.paragraphs[0].insert_paragraph_before("1. Contexte\t3", style=toc)
    blocks = _blocks(_save(d), limits)
    assert not any("\t" in b.text or b.text.endswith(" 3") for b in blocks)  # TOC skipped
    heads = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert heads == [("Titre du projet", 1), ("1. Contexte", 1), ("2. Objectifs", 1),
                     ("Methodik", 3), ("2.1 Sous-objectifs", 2), ("3. Pilotage", 2)]


def test_bold_and_numbered_paragraphs_are_hints_not_headings(limits):
    d = WordDocument()
    d.add_paragraph().add_run("Résultats attendus").bold = True
    d.add_paragraph("Premier résultat", style="List Number")
    p = d.add_paragraph("Second résultat")
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'))
    mixed = d.add_paragraph()
    mixed.add_run("Budget :").bold = True
    mixed.add_run(" voir l'annexe.")
    blocks = _blocks(_save(d), limits)
    assert [b.kind for b in blocks] == ["paragraph"] * 4
    assert blocks[0].emphasis and not blocks[0].list_item
    assert blocks[1].list_item and blocks[2].list_item
    assert not blocks[3].emphasis


def test_a_multi_level_numbered_list_keeps_each_items_depth(limits):
    """A Word outline written as one numbered list: "D'où nous partons" at the outer
    level, the parts one level in; each item says how deep it is."""
    d = WordDocument()
    for text, ilvl in [("D'où nous partons", 0), ("Un groupement au carrefour de 140 TPE", 1),
                       ("Ce que nous cherchons à comprendre", 1), ("Ce que nous voulons faire", 0)]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="3"/></w:numPr>'))
    d.add_paragraph("Un paragraphe ordinaire.")
    blocks = _blocks(_save(d), limits)
    assert [(b.list_item, b.list_depth) for b in blocks] == [(True, 1), (True, 2), (True, 2), (True, 1), (False, 0)]


def test_table_with_merged_cells_comes_out_once_and_aligned(limits):
    d = WordDocument()
    t = d.add_table(rows=4, cols=3)
    rows = [("Poste", "Montant", "Financeur"), ("Personnel", "12 500 €", "Anact"),
            ("Prestations", "9 000 €", ""), ("Total", "", "")]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(1, 2).merge(t.cell(2, 2))  # vertical merge: "Anact" once
    total = t.cell(3, 1).merge(t.cell(3, 2))  # horizontal merge
    total.text = "21 500 €"
    tables = [b for b in _blocks(_save(d), limits) if b.kind == "table"]
    assert tables[0].rows == [
        ["Poste", "Montant", "Financeur"],
        ["Personnel", "12 500 €", "Anact"],
        ["Prestations", "9 000 €", ""],
        ["Total", "21 500 €", ""],
    ]


def test_tracked_changes_content_controls_and_text_boxes(limits):
    d = WordDocument()
    p = d.add_paragraph("Le projet ")
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="A"><w:r><w:t>associe</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="A"><w:r><w:delText>supprime</w:delText>'
        "</w:r></w:del>"))
    p.add_run(" les salariés.")
    d.element.body.insert(0, parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Nom du porteur : '
        "Aract</w:t></w:r></w:p></w:sdtContent></w:sdt>"))
    box = d.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
        "<w:t>Encadré : 3 entreprises pilotes</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"))
    texts = [b.text for b in _blocks(_save(d), limits)]
    assert texts[0] == "Nom du porteur : Aract"
    assert "Le projet associe les salariés." in texts
    assert not any("supprime" in t for t in texts)
    assert "Encadré : 3 entreprises pilotes" in texts


def test_nested_table_is_kept_as_its_own_table(limits):
    d = WordDocument()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Budget"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for i, row in enumerate([("Personnel", "10 000"), ("Total", "10 000")]):
        for j, v in enumerate(row):
            inner.cell(i, j).text = v
    tables = [b.rows for b in _blocks(_save(d), limits) if b.kind == "table"]
    assert ["Personnel", "10 000"] in tables[-1]


def _rewrite(data: bytes, name: str, transform) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == name:
                content = transform(content)
            dst.writestr(info.filename, content)
    return out.getvalue()


def test_entity_declarations_are_refused(limits, proposal_docx):
    def xxe(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        return (head + b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + rest)

    items = read_file("projet.docx", _rewrite(proposal_docx, "word/document.xml", xxe), limits)
    assert items[0].status == UNREADABLE
    assert "entités" in items[0].detail


def test_docm_is_read_as_text_and_typed_from_its_content(limits, proposal_docx):
    docm = _rewrite(proposal_docx, "[Content_Types].xml", lambda x: x.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml"))
    assert sniff(docm, "projet.bin") == DOCM
    item = read_file("projet.docm", docm, limits)[0]
    assert item.status == PARSED and item.media_type == DOCM
    assert any(b.text == "1. Contexte" for b in item.document.blocks)


def test_strict_ooxml_namespace_is_read(limits, proposal_docx):
    strict = _rewrite(proposal_docx, "word/document.xml", lambda x: x.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"))
    blocks = _blocks(strict, limits)
    assert any("difficultés de recrutement" in b.text for b in blocks)


def test_encrypted_and_truncated_documents(limits, proposal_docx):
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016)
    name = "EncryptionInfo".encode("utf-16-le") + b"\0\0"
    ole[512:512 + len(name)] = name
    ole[512 + 64] = len(name)
    ole[512 + 66] = 2
    assert read_file("projet.docx", bytes(ole), limits)[0].status == ENCRYPTED
    truncated = read_file("projet.docx", proposal_docx[: len(proposal_docx) // 2], limits)[0]
    assert truncated.status == UNREADABLE
    assert "Word" in truncated.detail
