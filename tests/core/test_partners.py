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


def test_each_sentence_names_its_partner_as_its_subject(call):
    """One paragraph, one partner per sentence, each the subject of its verb: the names
    with lower-case words inside ("des entreprises d'insertion") and a name in brackets
    after one ("(Université Lyon 2)") are all read, each with its own contribution."""
    found = partners(call, "Partenaires\n\nL'Aract Occitanie apportera son expertise sur les conditions de "
                           "travail. La Fédération des entreprises d'insertion Occitanie relaiera le projet "
                           "auprès de ses adhérents. Le laboratoire EVS (Université Lyon 2) assurera "
                           "l'évaluation. L'Adapei de la Côte-d'Or ouvre ses quatre ESAT.\n")
    assert set(found) == {"Aract Occitanie", "Fédération des entreprises d'insertion Occitanie",
                          "Laboratoire EVS", "Adapei de la Côte-d'Or"}
    assert found["Fédération des entreprises d'insertion Occitanie"].startswith("relaiera le projet")
    # a sentence about the project is no partner
    found = partners(call, "Partenaires\n\nL'Aract Occitanie co-animera les ateliers. Le projet sera "
                           "présenté aux élus. La CPME du Rhône mobilisera les entreprises.\n")
    assert set(found) == {"Aract Occitanie", "CPME du Rhône"}


def test_subjects_without_an_article_and_with_an_apposition(call):
    found = partners(call, "Partenaires\n\nStudio Bivouac (design de services, Lyon) conçoit et anime les "
                           "ateliers. Atelier Méridienne, studio de design de services, réalise les "
                           "maquettes. L'U2P Pays de la Loire mobilise les organisations professionnelles et "
                           "relaie la démarche ; la Carsat Pays de la Loire apporte son expertise.\n")
    assert set(found) == {"Studio Bivouac", "Atelier Méridienne", "U2P Pays de la Loire", "Carsat Pays de la Loire"}
    assert found["Atelier Méridienne"].startswith("réalise les maquettes")


def test_a_long_name_keeps_the_acronym_it_is_known_by(call):
    found = partners(call, "Nos partenaires\n\nTrois partenaires se sont engagés. L'Aract Occitanie co-animera les "
                           "rencontres. La Chambre régionale de l'économie sociale et solidaire (CRESS Occitanie) "
                           "relaiera l'appel auprès de ses adhérents. L'Université Toulouse Jean Jaurès (laboratoire "
                           "LISST) évaluera la démarche.\n")
    assert "Chambre régionale de l'économie sociale et solidaire (CRESS Occitanie)" in found
    assert "Université Toulouse Jean Jaurès" in found  # an aside that is not its name stays out


def test_name_colon_role_sentences_run_together_and_a_role_on_the_next_line(call):
    found = partners(call, "Partenaires associés\n\nAract Occitanie : appui méthodologique, participation au comité. "
                           "FRCUMA Occitanie (fédération régionale des CUMA) : choix des CUMA, co-animation. "
                           "CAE Les Ateliers du Sud : accompagnement des restitutions.\n\n"
                           "- Fédération régionale de l'agroalimentaire (ARIA Hauts-de-France) :\n"
                           "mobilisation des entreprises et relais auprès des directions.\n\n"
                           "Quimper, le 23 août 2022 – pour la coopérative, Léa Morvan\n")
    assert set(found) == {"Aract Occitanie", "FRCUMA Occitanie (fédération régionale des CUMA)",
                          "CAE Les Ateliers du Sud", "Fédération régionale de l'agroalimentaire (ARIA Hauts-de-France)"}
    assert found["CAE Les Ateliers du Sud"] == "accompagnement des restitutions"


def test_an_introduction_then_name_colon_role_and_bulleted_sentences(call):
    found = partners(call, "Nos partenaires\n\nLe projet est porté par le laboratoire avec deux partenaires. Kairn Labs "
                           "(start-up grenobloise, SAS) : conception du simulateur, co-animation des séances.\n\n"
                           "Aract Auvergne-Rhône-Alpes : appui méthodologique.\n")
    assert set(found) == {"Kairn Labs (start-up grenobloise, SAS)", "Aract Auvergne-Rhône-Alpes"}
    found = partners(call, "Nos partenaires\n\nTrois organisations se sont engagées à nos côtés :\n\n"
                           "– l'Aract Bretagne apportera son expertise et co-animera les journées ;\n\n"
                           "– la Filpac-CGT Bretagne mobilisera les élus et participera au comité de suivi ;\n")
    assert set(found) == {"Aract Bretagne", "Filpac-CGT Bretagne"}
    assert found["Filpac-CGT Bretagne"].startswith("mobilisera les élus")


def test_lines_a_pdf_ran_together_are_read_apart(call):
    """Two "Name : role" lines run together, and a sentence cut before its subject's end
    ("… L'Union départementale" / "CFDT de la Moselle facilite …"), as PDFs give them."""
    found = partners(call, "Partenariats\n\nAract Grand Est : co-construction des terrains\n\n"
                           "UIMM Lorraine : mise en relation avec les PMI, diffusion du kit Union régionale CFDT "
                           "Grand Est : mobilisation et formation des élus\n")
    assert set(found) == {"Aract Grand Est", "UIMM Lorraine", "Union régionale CFDT Grand Est"}
    assert found["UIMM Lorraine"] == "mise en relation avec les PMI, diffusion du kit"
    found = partners(call, "Partenariats mobilisés\n\nL'Aract Grand Est co-anime les séminaires et apporte son "
                           "expertise en conditions de travail. L'Union départementale\n\nCFDT de la Moselle facilite "
                           "l'accès aux élus. Le Club des dirigeants de PME du Pays messin identifie les entreprises.\n")
    assert set(found) == {"Aract Grand Est", "Union départementale CFDT de la Moselle",
                          "Club des dirigeants de PME du Pays messin"}
