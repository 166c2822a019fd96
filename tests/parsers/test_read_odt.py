"""ODT reader: hand-written packages, and a real LibreOffice export when available."""

from __future__ import annotations

import io
import zipfile

from parsers.document import ENCRYPTED, PARSED, UNREADABLE
from parsers.files import read_file
from parsers.sniff import ODT

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
       'xmlns:dc="http://purl.org/dc/elements/1.1/"')

CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_NS}>
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
 <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
  <text:p>Texte supprimé par l'auteur</text:p></text:deletion></text:changed-region>
 </text:tracked-changes>
 <text:h text:outline-level="1">1. Contexte</text:h>
 <text:p>Le territoire<text:s/> connaît<text:change text:change-id="c1"/> des difficultés.<text:note><text:note-body><text:p>Note</text:p></text:note-body></text:note></text:p>
 <text:p text:style-name="P1">Résultats attendus</text:p>
 <text:list><text:list-item><text:p>Réduire l'absentéisme</text:p></text:list-item></text:list>
 <text:h text:outline-level="2">1.1 Budget</text:h>
 <table:table table:name="Budget">
  <table:table-header-rows><table:table-row>
   <table:table-cell><text:p>Poste</text:p></table:table-cell>
   <table:table-cell><text:p>Montant</text:p></table:table-cell></table:table-row>
  </table:table-header-rows>
  <table:table-row><table:table-cell><text:p>Personnel</text:p></table:table-cell>
   <table:table-cell><text:p>12 500 €</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Total 12 500 €</text:p></table:table-cell>
   <table:covered-table-cell/></table:table-row>
 </table:table>
</office:text></office:body></office:document-content>"""


def _odt(content: str, manifest: str = "<manifest/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODT)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def test_headings_lists_tables_and_tracked_deletions(limits):
    item = read_file("projet.odt", _odt(CONTENT), limits)[0]
    assert item.status == PARSED and item.media_type == ODT
    blocks = item.document.blocks
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", 1, "1. Contexte"), ("heading", 2, "1.1 Budget")]
    texts = {b.text: b for b in blocks if b.kind == "paragraph"}
    assert "Le territoire connaît des difficultés." in texts
    assert texts["Résultats attendus"].emphasis
    assert texts["Réduire l'absentéisme"].list_item
    assert not any("supprimé" in b.text or "Note" in b.text for b in blocks)
    table = next(b for b in blocks if b.kind == "table")
    assert table.rows == [["Poste", "Montant"], ["Personnel", "12 500 €"],
                          ["Total 12 500 €", ""]]


def test_encrypted_and_hostile_odt(limits):
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                '<manifest:encryption-data manifest:checksum-type="SHA1"/>'
                "</manifest:file-entry></manifest:manifest>")
    encrypted = read_file("projet.odt", _odt("\x00binary", manifest), limits)[0]
    assert encrypted.status == ENCRYPTED and "mot de passe" in encrypted.detail
    xxe = CONTENT.replace('<?xml version="1.0" encoding="UTF-8"?>',
                          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                          '"file:///etc/passwd">]>').replace("1. Contexte", "&e;")
    item = read_file("projet.odt", _odt(xxe), limits)[0]
    assert item.status == UNREADABLE and "entités" in item.detail


def test_libreoffice_odt(convert, proposal_docx, limits):
    odt = convert(proposal_docx, "docx", "odt")
    item = read_file("projet.odt", odt, limits)[0]
    assert item.status == PARSED
    blocks = item.document.blocks
    heads = {b.text: b.level for b in blocks if b.kind == "heading"}
    assert heads["1. Contexte"] == 1 and heads["2.1 Objectifs opérationnels"] == 2
    table = next(b for b in blocks if b.kind == "table")
    assert table.rows[1] == ["Personnel", "24 000 €", "Chef de projet (40 j)"]
    assert [b.text for b in blocks if b.list_item] == [
        "Améliorer les conditions de travail", "Réduire l'absentéisme de 20 %"]
