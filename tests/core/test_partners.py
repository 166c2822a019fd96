"""Partners as applicants name them in prose, after the partners heading of a plain-text
body: one sentence each, or an enumeration with roles in brackets."""

from __future__ import annotations

from parsers.proposal import read_proposal
from parsers.text import document_from_text


def partners(call, text: str) -> dict[str, str]:
    return {p.name: p.contribution for p in read_proposal([document_from_text(text, "corps")], call).partners}


def test_one_sentence_per_partner_under_a_plain_heading(call):
    found = partners(call, "Contexte\n\nLe secteur évolue vite.\n\nPartenaires mobilisés\n\n"
                           "Nous travaillerons avec l'Aract Grand Est, qui apportera son appui méthodologique. "
                           "L'Union départementale CFDT de la Moselle participera au comité de pilotage. "
                           "Enfin, la CCI Moselle relaiera l'appel auprès des entreprises.\n")
    assert set(found) == {"Aract Grand Est", "Union départementale CFDT de la Moselle", "CCI Moselle"}
    assert found["Aract Grand Est"] == "apportera son appui méthodologique"


def test_an_enumeration_with_roles_in_brackets(call):
    found = partners(call, "Partenaires\n\nLe projet associe trois partenaires : l'Aract Occitanie "
                           "(co-animation des ateliers), le cabinet Ergonomia (diagnostic) et l'Université "
                           "Toulouse Jean Jaurès, laboratoire LISST (évaluation).\n")
    assert found == {"Aract Occitanie": "co-animation des ateliers", "Cabinet Ergonomia": "diagnostic",
                     "Université Toulouse Jean Jaurès, laboratoire LISST": "évaluation"}
