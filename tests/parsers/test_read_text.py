"""Plain text and HTML (e-mail bodies and attachments)."""

from __future__ import annotations

from parsers.files import read_file
from parsers.text import clean_text, document_from_html, document_from_text, html_to_text

BODY = """Bonjour,

Veuillez trouver ci-dessous notre candidature.

1. Contexte
Le territoire connaît des difficultés de recrutement
importantes dans le secteur médico-social.
OBJECTIFS ET ENJEUX
- réduire l'absentéisme
  de 20 %
- améliorer la qualité de vie au travail
Méthodologie :
Des ateliers avec les salariés.

Poste\tMontant
Personnel\t12 500 €
Total\t12 500 €

## Partenaires
| Partenaire | Contribution |
|---|---|
| Aract Occitanie | co-animation |
"""


def test_text_paragraphs_title_lines_bullets_and_tables():
    blocks = document_from_text(BODY, "corps du message").blocks
    by_text = {b.text: b for b in blocks if b.kind != "table"}
    assert by_text["1. Contexte"].emphasis and by_text["1. Contexte"].kind == "paragraph"
    assert by_text["OBJECTIFS ET ENJEUX"].emphasis
    assert by_text["Méthodologie :"].emphasis
    assert ("Le territoire connaît des difficultés de recrutement importantes dans le secteur "
            "médico-social.") in by_text
    assert by_text["réduire l'absentéisme de 20 %"].list_item
    assert by_text["améliorer la qualité de vie au travail"].list_item
    assert by_text["Partenaires"].kind == "heading" and by_text["Partenaires"].level == 2
    tables = [b.rows for b in blocks if b.kind == "table"]
    assert tables[0] == [["Poste", "Montant"], ["Personnel", "12 500 €"], ["Total", "12 500 €"]]
    assert tables[1] == [["Partenaire", "Contribution"], ["Aract Occitanie", "co-animation"]]


def test_lines_not_hard_wrapped_are_paragraphs_each():
    text = ("Nous souhaitons déposer notre candidature à l'appel à manifestation d'intérêt pour "
            "le projet décrit en pièce jointe.\nLe budget total est de 45 000 euros dont 9 000 "
            "euros d'autofinancement, comme indiqué dans le tableau joint.")
    assert len(document_from_text(text, "x").blocks) == 2


def test_prose_with_semicolons_is_not_a_table():
    text = ("Nous mobilisons les salariés ; les managers ; la direction.\n"
            "Nous associons l'Aract ; la CARSAT ; les partenaires sociaux.")
    assert all(b.kind == "paragraph" for b in document_from_text(text, "x").blocks)


HTML = """<html><head><style>p {color: red}</style><script>alert(1)</script></head><body>
<h1>Projet &laquo;&nbsp;Mieux travailler&nbsp;&raquo;</h1>
<p class=MsoNormal><b>1. Contexte</b></p>
<p>Le territoire&nbsp;: des difficult&eacute;s.<br></p>
<ul><li>Premier objectif</li><li><p>Second objectif</p></li></ul>
<table border=1><tr><td><p>Poste</p></td><td>Montant</td></tr>
<tr><td>Personnel</td><td>12&nbsp;500 &euro;</td></tr></table>
<table><tr><td><h2>Partenaires</h2><p>Aract Occitanie</p></td></tr></table>
</body></html>"""


def test_html_headings_tables_and_emphasis():
    blocks = document_from_html(HTML, "corps").blocks
    assert blocks[0].kind == "heading" and blocks[0].text == "Projet « Mieux travailler »"
    assert blocks[1].text == "1. Contexte" and blocks[1].emphasis
    assert blocks[2].text == "Le territoire : des difficultés."
    assert [b.text for b in blocks if b.list_item] == ["Premier objectif", "Second objectif"]
    tables = [b.rows for b in blocks if b.kind == "table"]
    assert tables == [[["Poste", "Montant"], ["Personnel", "12 500 €"]]]  # layout table unwrapped
    assert any(b.kind == "heading" and b.text == "Partenaires" for b in blocks)
    assert not any("alert" in b.text or "color" in b.text for b in blocks)


def test_html_to_text_keeps_rows_and_drops_scripts():
    text = html_to_text(HTML)
    assert "Personnel\t12 500 €" in text
    assert "alert" not in text and "Projet « Mieux travailler »" in text


def test_clean_text_normalises_what_pdfs_and_word_emit():
    assert clean_text("con\ufb01ance\u00a0: 12\u202f500\u00a0€\u00ad") == "confiance : 12 500 €"
    assert clean_text("\uf0b7 point") == "• point"


def test_text_attachments_are_parsed(limits):
    csv = "Poste;Montant\nPersonnel;24000\nDéplacements;3000\n".encode("cp1252")
    item = read_file("budget.csv", csv, limits)[0]
    assert item.status == "parsed"
    assert item.document.blocks[0].rows[1] == ["Personnel", "24000"]
    html = read_file("projet.html", HTML.encode(), limits)[0]
    assert html.media_type == "text/html" and html.document.blocks[0].kind == "heading"
