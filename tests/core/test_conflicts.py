"""Conflicts of interest, matching: what a committee member declares against what
proposals write. A miss hides a conflict; a false alarm trains members to click through
warnings: both directions are checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from intake.committee.conflicts import (
    LEGAL_FORMS,
    match_affiliations,
    normalise_org,
    parse_affiliations,
)

# The organisations the five example proposals name (tests/web's template database).
EXAMPLE_NAMES = [
    "Trajectoires Travail SARL", "CCI Caen Normandie", "Aract Normandie",
    "Le Lab des Communs du Travail", "Union départementale CFE-CGC de Paris",
    "Conservatoire national des arts et métiers (équipe Travail et numérique)", "Aract Île-de-France",
    "Région Île-de-France (dossier déposé)", "Institut Travail & Numérique",
    "Chambre de métiers et de l'artisanat d'Alsace", "Aract Grand Est", "Fonds social européen (FSE+)",
    "Robotique & Humains SAS", "Décolletage Jurassien SAS", "Aract Bourgogne-Franche-Comté",
    "Mise à disposition de locaux (en nature)",
]


def matched(affiliation: str, names=EXAMPLE_NAMES) -> list[str]:
    return [m.name for m in match_affiliations([affiliation], names)]


# ------------------------------------------------------------------ normalisation

@pytest.mark.parametrize("written, normal", [
    ("Aract Normandie", "aract normandie"),
    ("ARACT NORMANDIE", "aract normandie"),
    ("l'Aract Normandie", "aract normandie"),
    ("L’ARACT Normandie", "aract normandie"),  # typographic apostrophe
    ("L'ARACT Normandie (S.A.R.L.)", "aract normandie"),
    ("Trajectoires Travail SARL", "trajectoires travail"),
    ("SARL Trajectoires Travail", "trajectoires travail"),
    ("Trajectoires Travail, S.A.R.L.", "trajectoires travail"),
    ("Cabinet Trajectoires Travail", "trajectoires travail"),
    ("Trajectoires Travail société à responsabilité limitée", "trajectoires travail"),
    ("Robotique & Humains SAS", "robotique et humains"),
    ("Robotique et Humains S.A.S.", "robotique et humains"),
    ("Décolletage Jurassien SASU", "decolletage jurassien"),
    ("Alpha Scop", "alpha"),
    ("Société coopérative et participative Alpha", "alpha"),
    ("Scic Beta", "beta"),
    ("GIE Gamma", "gamma"),
    ("Groupement d'intérêt économique Gamma", "gamma"),
    ("Association Les Amis du Travail", "amis du travail"),
    ("Les Amis du Travail (association loi 1901)", "amis du travail"),
    ("Asso. Delta", "delta"),
    ("Région Île-de-France", "region ile de france"),
    ("Œuvre des Cœurs EURL", "oeuvre des coeurs"),
    ("Chambre de métiers et de l'artisanat d'Alsace", "chambre de metiers et de l artisanat d alsace"),
    # words that identify are kept
    ("Fondation de France", "fondation de france"),
    ("Société Générale", "societe generale"),
    ("Institut Travail & Numérique", "institut travail et numerique"),
    ("Le Cabinet Noir", "noir"),
    ("Conseil Cabinet Noir", "conseil cabinet noir"),  # "cabinet" only dropped at the start
    # a legal form used as a noun of the name is kept
    ("Fédération des Scop du BTP", "federation des scop du btp"),
    ("La SCOP Trajectoires", "trajectoires"),
    ("Les Scop", "scop"),  # nothing but a legal form: kept as written
    ("SARL", "sarl"),
    ("l'", ""),
    ("", ""),
])
def test_normalise_org(written, normal):
    assert normalise_org(written) == normal


FRENCH = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"
LETTERS = FRENCH + FRENCH.upper() + "0123456789"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=10)
NAME = st.lists(st.one_of(WORD, st.sampled_from(["l'", "d'", "de", "la", "&", "et", "-", "(", ")", ",", ".",
                                                 "’", "SA", "S.A.R.L.", "Scop", "association"])),
                min_size=0, max_size=8).map(" ".join)
LEGAL_SUFFIXES = [" SARL", " SAS", ", S.A.R.L.", " (SCOP)", " sasu", " EURL", " - association loi 1901",
                  " société à responsabilité limitée", " GIE", " Scic"]
UNACCENT = str.maketrans("àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ", "aaaceeeeiioouuuyAAACEEEEIIOOUUUY")


@given(NAME)
def test_normalisation_is_idempotent(name):
    once = normalise_org(name)
    assert normalise_org(once) == once


@given(NAME)
def test_normalisation_ignores_case(name):
    assert normalise_org(name.upper()) == normalise_org(name) == normalise_org(name.lower())


@given(NAME)
def test_normalisation_ignores_accents(name):
    assert normalise_org(name.translate(UNACCENT)) == normalise_org(name)


def words(name: str) -> list[str]:
    return re.findall(r"[^\W_]+", name.translate(UNACCENT).casefold())


NOUN_MARKERS = {"l", "d", "le", "la", "les", "de", "du", "des", "aux", "pour"}


def says_something(name: str) -> bool:
    """A name with a word that is not a legal form or an article ("SA" alone is kept as
    written)."""
    return any(w not in LEGAL_FORMS | NOUN_MARKERS for w in normalise_org(name).split())


@given(NAME, st.sampled_from(LEGAL_SUFFIXES))
def test_normalisation_ignores_a_legal_form_added(name, suffix):
    """Before or after a name that says something (and does not end with an article:
    "Fédération des SCOP" keeps its Scop)."""
    assume(says_something(name) and words(name) and words(name)[-1] not in NOUN_MARKERS)
    assert normalise_org(name + suffix) == normalise_org(name)
    assert normalise_org(suffix.strip(" ,-") + " " + name) == normalise_org(name)


@given(NAME, st.sampled_from(["l'", "L'", "la ", "Le ", "les ", "de ", "d'"]))
def test_normalisation_ignores_a_leading_article(name, article):
    assume(says_something(name) and words(name) and words(name)[0] not in LEGAL_FORMS)
    assert normalise_org(article + name) == normalise_org(name)


@given(st.lists(WORD, min_size=2, max_size=5).map(" ".join))
def test_any_variant_of_a_two_word_name_matches_it(name):
    """A member who declares a name finds it however the proposal writes it."""
    if not (first := normalise_org(name)) or len(first.split()) < 2 or any(
            w in {"et", "a", "au", "aux", "en", "pour", "sur"} for w in first.split()):
        return  # words the matching ignores
    variant = "l'" + name.upper().translate(UNACCENT) + " SARL"
    assert [m.name for m in match_affiliations([name], [variant])] == [variant]


# ------------------------------------------------------------------ the Aract network

@pytest.mark.parametrize("declared", [
    "Aract Normandie", "ARACT Normandie", "l'Aract Normandie", "L’ARACT NORMANDIE", "Aract Normandie (association)",
    "Association Aract Normandie", "  aract   normandie  ",
])
def test_a_member_of_an_aract_matches_it_and_no_other(declared):
    assert matched(declared) == ["Aract Normandie"]


@pytest.mark.parametrize("name", ["Aract Normandie", "ARACT Normandie", "l'Aract Normandie", "L'ARACT NORMANDIE",
                                  "Aract Normandie, antenne de Rouen", "Association Aract Normandie"])
def test_the_aract_is_found_however_the_proposal_writes_it(name):
    assert matched("Aract Normandie", [name]) == [name]


@pytest.mark.parametrize("name", ["Aract Occitanie", "Aract Grand Est", "Aract Île-de-France", "Aract",
                                  "Agence régionale Normandie", "Normandie", "Anact"])
def test_another_aract_is_not_a_conflict(name):
    assert matched("Aract Normandie", [name]) == []


def test_a_single_ordinary_word_matches_only_that_name():
    """"Aract" written in lower case is a name, not the whole network."""
    assert matched("Aract") == []
    assert matched("Aract", ["l'ARACT", "Aract Occitanie"]) == ["l'ARACT"]
    assert matched("Normandie") == []
    assert matched("Travail") == []


def test_an_acronym_in_capitals_covers_its_branches():
    names = ["Union régionale CFDT Normandie", "CFDT", "CFDT Cadres", "Union départementale CFE-CGC de Paris",
             "CGT Métallurgie", "Cabinet CFDTX"]
    assert matched("CFDT", names) == ["Union régionale CFDT Normandie", "CFDT", "CFDT Cadres"]
    assert matched("CFE-CGC", names) == ["Union départementale CFE-CGC de Paris"]
    assert matched("CGT", names) == ["CGT Métallurgie"]
    assert matched("cgt", names) == []  # lower case: a word, not an acronym
    # an acronym the member wrote in capitals, every Aract: their declaration says so
    assert matched("ARACT") == ["Aract Normandie", "Aract Île-de-France", "Aract Grand Est",
                                "Aract Bourgogne-Franche-Comté"]


def test_generic_acronyms_do_not_match_everything():
    names = ["Réseau PME Normandie", "CSE de Renault Flins", "RSE Conseil"]
    assert matched("PME", names) == []
    assert matched("CSE", names) == []
    assert matched("RSE", names) == []


def test_an_acronym_in_parentheses_is_another_name():
    found = match_affiliations(["FSE"], EXAMPLE_NAMES)
    assert [(m.name, m.kind) for m in found] == [("Fonds social européen (FSE+)", "acronym")]
    assert "FSE+" in found[0].why
    assert matched("Fonds social européen") == ["Fonds social européen (FSE+)"]
    # a parenthesis that is not an acronym is not part of the name
    assert matched("Région Île-de-France") == ["Région Île-de-France (dossier déposé)"]
    assert matched("Dossier déposé") == []
    # the CNAM's team in parentheses is not the CNAM's name
    assert matched("Travail et numérique", [EXAMPLE_NAMES[5]]) == []
    assert matched("Conservatoire national des arts et métiers") == [EXAMPLE_NAMES[5]]


# ------------------------------------------------------------------ companies, chambers, universities

def test_a_company_is_the_same_whatever_its_legal_form():
    for declared in ("Trajectoires Travail", "Cabinet Trajectoires Travail", "TRAJECTOIRES TRAVAIL SAS",
                     "Trajectoires Travail S.A.R.L."):
        assert matched(declared) == ["Trajectoires Travail SARL"], declared
    assert matched("Trajectoires") == []  # one ordinary word: only "Trajectoires" itself
    assert matched("Trajectoires Conseil") == []
    assert matched("Robotique et Humains") == ["Robotique & Humains SAS"]
    assert matched("Institut Travail et Numérique") == ["Institut Travail & Numérique"]


def test_a_federation_of_scop_is_not_every_federation():
    """Measured on the labelled corpora: "Fédération des Scop du BTP" matched
    "Fédération du BTP du Loiret" while "Scop" was dropped everywhere."""
    names = ["Fédération des Scop du BTP", "Fédération du BTP du Loiret", "Trajectoires Travail SARL"]
    assert matched("Fédération des Scop du BTP", names) == ["Fédération des Scop du BTP"]
    assert matched("Fédération du BTP du Loiret", names) == ["Fédération du BTP du Loiret"]
    assert matched("La SCOP Trajectoires Travail", names) == ["Trajectoires Travail SARL"]


def test_chambers_and_their_articles():
    cma = "Chambre de métiers et de l'artisanat d'Alsace"
    assert matched("Chambre des métiers et de l'artisanat d'Alsace") == [cma]
    assert matched("CHAMBRE DE METIERS ET DE L’ARTISANAT D’ALSACE") == [cma]
    assert matched("Chambre de métiers et de l'artisanat de Normandie") == []
    assert matched("CCI Caen Normandie") == ["CCI Caen Normandie"]
    assert matched("CCI Normandie") == []  # words not side by side: another chamber
    assert matched("CMA Alsace") == []  # known limit: acronyms are not expanded


def test_universities():
    """The Université de Lyon federates Lyon 2 and Lyon 3: a possible conflict with
    either; Lyon 2 and Lyon 3 are different universities."""
    names = ["Université Lyon 2", "Université Lyon 3", "Université de Caen Normandie"]
    assert matched("Université de Lyon", names) == ["Université Lyon 2", "Université Lyon 3"]
    assert matched("Université Lyon 2", names) == ["Université Lyon 2"]
    assert matched("Université Lyon 3", names) == ["Université Lyon 3"]
    assert matched("Université de Caen", names) == ["Université de Caen Normandie"]
    assert matched("Université", names) == []


def test_a_short_name_inside_a_longer_affiliation():
    """The proposal names the parent, the member declared the branch."""
    found = match_affiliations(["Aract Normandie, antenne de Rouen"], ["l'Aract Normandie", "Aract Occitanie"])
    assert [(m.name, m.kind) for m in found] == [("l'Aract Normandie", "name_in_affiliation")]
    assert "Aract Normandie" in found[0].why


def test_hyphenated_places_count_as_one_word():
    """"Île-de-France" alone is a place, not an organisation: it does not match every
    organisation of the region."""
    assert matched("Île-de-France") == []
    assert matched("Aract Île-de-France") == ["Aract Île-de-France"]
    assert matched("Aract Bourgogne-Franche-Comté") == ["Aract Bourgogne-Franche-Comté"]
    assert matched("Bourgogne-Franche-Comté") == []


def test_several_affiliations_and_why():
    found = match_affiliations(["Aract Normandie", "CCI Caen Normandie", "Fondation de France", ""],
                               EXAMPLE_NAMES)
    assert [(m.affiliation, m.name, m.kind) for m in found] == [
        ("CCI Caen Normandie", "CCI Caen Normandie", "same"),
        ("Aract Normandie", "Aract Normandie", "same")]
    assert all(m.why for m in found)
    assert match_affiliations([], EXAMPLE_NAMES) == []
    assert match_affiliations(["Aract Normandie"], []) == []
    assert match_affiliations(["  ", "l'"], ["SARL", "", "Aract Normandie", "l'"]) == []


def test_parse_affiliations():
    text = "Aract Normandie\n\n  l'ARACT   Normandie \nCFDT\r\nCabinet Trajectoires Travail\n"
    assert parse_affiliations(text) == ["Aract Normandie", "CFDT", "Cabinet Trajectoires Travail"]
    assert parse_affiliations(None) == [] == parse_affiliations("")


def test_the_labelled_proposals_names_do_not_match_each_other():
    """Every organisation the labelled proposals name (partners, co-funders), declared as
    an affiliation: it matches itself and, among the other names, only the teams of the
    same university and other spellings of the same organisation."""
    root = Path(__file__).resolve().parents[1]
    names: set[str] = set()
    for path in sorted(root.glob("*/cases/*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        names |= {p["name"] for p in expected.get("partners") or []}
        names |= {s["label"] for s in ((expected.get("budget") or {}).get("cofinancing") or {}).get("sources") or []
                  if isinstance(s, dict) and s.get("label") and s.get("nature") != "autofinancement"}
    names = sorted(names)
    assert len(names) > 100
    others = {(a, m.name) for a in names for m in match_affiliations([a], names) if m.name != a}
    assert all(matched(a, [a]) == [a] for a in names if normalise_org(a))
    assert {frozenset(pair) for pair in others} == {
        frozenset({"Université de Bordeaux (équipe Psychologie du travail)", "Université de Bordeaux – master Ergonomie"}),
        frozenset({"Université de Strasbourg (laboratoire SAGE)", "Université de Strasbourg – laboratoire LISEC"}),
        # tests/holdout3: one university, one union, one laboratory and its acronym
        frozenset({"Université de Lille", "Université de Lille – IAE"}),
        frozenset({"Université de Bordeaux", "Université de Bordeaux (équipe Psychologie du travail)"}),
        frozenset({"Université de Bordeaux", "Université de Bordeaux – master Ergonomie"}),
        frozenset({"Union régionale des Scop Auvergne-Rhône-Alpes",
                   "Union régionale des Scop et Scic Auvergne-Rhône-Alpes"}),
        frozenset({"LEST", "Laboratoire d'économie et de sociologie du travail (LEST)"}),
        # tests/holdout3, writers e, f, h, i: one union of cooperatives, two union branches
        frozenset({"Union régionale des SCOP de l’Ouest", "Union régionale des Scop de l'Ouest"}),
        frozenset({"CFDT des Pays de la Loire", "Union régionale CFDT Pays de la Loire"}),
        frozenset({"CFDT Centre-Val de Loire", "Union régionale interprofessionnelle CFDT Centre-Val de Loire"}),
        # writers j and k: three universities and one of their laboratories
        frozenset({"Université de Lille", "Université de Lille – laboratoire Clersé"}),
        frozenset({"Université de Tours", "Université de Tours – laboratoire CITERES"}),
        frozenset({"Université Rennes 2", "Université Rennes 2 (laboratoire LP3C)"}),
        # writers n and o: one university's labs, one union's spellings, one university's lab
        frozenset({"LiRIS – Université Rennes 2", "Université Rennes 2"}),
        frozenset({"LiRIS – Université Rennes 2", "Université Rennes 2 (laboratoire LP3C)"}),
        frozenset({"CFDT des Pays de la Loire", "Union régionale CFDT des Pays de la Loire"}),
        frozenset({"Union régionale CFDT Pays de la Loire", "Union régionale CFDT des Pays de la Loire"}),
        frozenset({"Université de Rouen Normandie", "Université de Rouen Normandie – laboratoire DySoLab"})}
