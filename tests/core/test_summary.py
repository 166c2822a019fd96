"""Committee summaries, checked the way a committee member would read them: quotes that
really come from the part or passage they claim, evidence that carries a cue and its
place, partners of the right kind, territories where the text names them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from intake.committee.summary import build_summary, sentences
from intake.committee.summary_config import Cues, load_summary_settings
from intake.reading.pipeline import inspect_message
from parsers.vocab import fold

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.eml"))
CORPUS = sorted((ROOT / "tests/corpus/cases").glob("*.eml"))
HOLDOUT = sorted((ROOT / "tests/holdout/cases").glob("*.eml")) + sorted((ROOT / "tests/holdout2/cases").glob("*.eml"))
SAMPLE = EXAMPLES + random.Random(5).sample(CORPUS, min(12, len(CORPUS))) + random.Random(5).sample(
    HOLDOUT, min(12, len(HOLDOUT)))


@pytest.fixture(scope="session")
def settings():
    return load_summary_settings()


_CACHE: dict[Path, tuple] = {}


def summarise(path: Path, config, settings):
    if path not in _CACHE:
        ins = inspect_message(path.read_bytes(), config)
        _CACHE[path] = (ins, build_summary(ins, ins.dossier, settings, config.call))
    return _CACHE[path]


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.name)
def test_parts_quote_their_own_text(path, config, settings):
    ins, summary = summarise(path, config, settings)
    for part in summary.parts:
        hit = ins.proposal.sections.get(part.id)
        assert part.present == (hit is not None)
        if hit is None:
            assert part.sentences == []
            continue
        own = _norm(hit.text())
        assert 1 <= len(part.sentences) <= settings.part_sentences_max, (part.id, part.sentences)
        for q in part.sentences:
            # from this part's text (quoted whole, so never cut in the middle of a word); a
            # table row's cells each come from it (Gantt marks left out)
            assert all(_norm(cell) in own for cell in q.text.split(" | ")), (part.id, q.text)
            if " | " in q.text:
                continue
            assert fold(q.text) != fold(hit.heading)
            i = own.index(_norm(q.text))
            end = i + len(_norm(q.text))
            assert end == len(own) or not own[end].isalnum() or not q.text[-1].isalnum(), q.text
            assert q.file == hit.source


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.name)
def test_criteria_quotes_carry_a_cue_and_their_place(path, config, settings):
    ins, summary = summarise(path, config, settings)
    all_text = _norm("\n".join(d.text() for d in ins.documents))
    by_id = {c.id: c for c in settings.criteria} | {settings.commitment.id: settings.commitment}
    for crit in [*summary.criteria, summary.commitment]:
        assert len(crit.passages) <= settings.criterion_passages_max
        cues: Cues = by_id[crit.id].cues
        for q in crit.passages:
            assert q.file in {d.source for d in ins.documents}
            assert q.cues, q.text
            found = set(cues.find(q.text)) | set(settings.territories.find(q.text))
            assert found or crit.id == "collectif", (crit.id, q.text)
            assert set(q.cues) & found or crit.id == "collectif"
            # the quote is in the proposal, as written (table rows joined by " | ")
            assert _norm(q.text).replace(" | ", " ") in all_text.replace(" | ", " ").replace("\n", " ") \
                or _norm(q.text) in all_text, q.text


@pytest.mark.parametrize("path", CORPUS + HOLDOUT + EXAMPLES, ids=lambda p: p.name)
def test_every_corpus_file_summarises(path, config, settings):
    _, summary = summarise(path, config, settings)
    d = summary.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert len(d["criteria"]) == 7
    assert len(d["parts"]) == len(config.call.sections)
    assert all(1 <= len(p["sentences"]) <= settings.part_sentences_max for p in d["parts"] if p["present"])


def test_no_documents(config, settings):
    summary = build_summary([], {"title": None, "budget": {}, "flags": [], "decision": "incomplete"},
                            settings, config.call)
    d = summary.to_dict()
    assert all(not p["present"] for p in d["parts"])
    assert d["partners"] == [] and d["identity"]["applicant"] is None
    assert d["identity"]["applicant_kind_label"] == "à préciser"
    assert all(c["passages"] == [] for c in d["criteria"])


def test_example_complete_reads_like_the_proposal(config, settings):
    _, s = summarise(ROOT / "examples/01-complete-docx-et-budget-xlsx.eml", config, settings)
    i = s.identity
    assert i.applicant == "Trajectoires Travail SARL"
    assert i.applicant_kind == "cabinet_conseil"
    assert [t["name"] for t in i.territories] == ["Normandie"]
    assert i.amounts["anact_request"] == 33500.0 and i.amounts["total_cost"] == 48000.0
    kinds = {p.name: p.kind for p in s.partners}
    assert kinds["Aract Normandie"] == "reseau_anact"
    assert kinds["CCI Caen Normandie"] == "institutionnel"
    collectif = next(c for c in s.criteria if c.id == "collectif")
    assert any("cinq entreprises" in f for f in collectif.facts)


def test_holdout_lab_with_union_and_territories(config, settings):
    path = ROOT / "tests/holdout2/cases/h2-01.eml"
    if not path.exists():
        pytest.skip("holdout2 absent")
    _, s = summarise(path, config, settings)
    assert s.identity.applicant_kind == "laboratoire"
    # "Le projet dure quinze mois (septembre 2022 – novembre 2023)": both ends kept
    assert (s.identity.start, s.identity.end, s.identity.duration) == ("2022-09", "2023-11", "15 mois")
    kinds = {p.name: p.kind for p in s.partners}
    assert kinds["Union départementale CFDT de l'Isère"] == "partenaire_social"
    assert kinds["Aract Auvergne-Rhône-Alpes"] == "reseau_anact"
    names = {t["name"]: t["region"] for t in s.identity.territories}
    assert names["Isère"] == "Auvergne-Rhône-Alpes" and "Drôme" in names
    partenaires = next(c for c in s.criteria if c.id == "partenaires")
    assert any("CFDT" in f for f in partenaires.facts)
    demande = next(c for c in s.criteria if c.id == "demande_sociale")
    assert any("enquête" in q.text.lower() for q in demande.passages)


def test_territories_need_a_capital_and_a_place(settings):
    t = settings.territories
    assert t.find("La somme demandée est de 30 000 €.") == []
    assert t.find("Lot 2 : ateliers.") == []
    assert t.find("Cher Monsieur, voici notre dossier.") == []
    assert t.find("Des PME de la Somme et du Nord.") == ["Somme", "Nord"]
    assert t.find("En Pays de la Loire et en Haute-Loire.") == ["Pays de la Loire", "Haute-Loire"]
    assert t.region_of["Haute-Loire"] == "Auvergne-Rhône-Alpes"
    assert t.find("Ile de France") == ["Île-de-France"]


def test_acronyms_match_in_capitals_only():
    cues = Cues(["FO", "CGT", "SA", "syndicat*"])
    assert cues.find("sa mission est claire") == []
    assert cues.find("Union départementale FO") == ["FO"]
    assert cues.find("les syndicats et la CGT") == ["CGT", "syndicat*"]


def test_sentences_keep_their_part_and_heading(config):
    from parsers.document import Block, Document
    from parsers.proposal import read_proposal

    doc = Document("note.docx", "application/docx", [
        Block("heading", "1. Contexte", level=1),
        Block("paragraph", "Les PME de la filière bois de Bretagne s'équipent d'outils numériques. "
                           "Une enquête menée en 2021 auprès de 40 entreprises le montre."),
        Block("heading", "2. Objectifs", level=1),
        Block("paragraph", "Outiller le dialogue social dans douze PME volontaires du territoire."),
    ])
    sents = sentences([doc], read_proposal([doc], config.call))
    assert [s.sections for s in sents] == [("contexte",), ("contexte",), ("objectifs",)]
    assert sents[1].heading == "1. Contexte"
    assert sents[1].text.startswith("Une enquête")


def _doc(*lines: str):
    from parsers.document import Block, Document

    return Document("projet.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    [Block("paragraph", text=ln) for ln in lines])


@pytest.mark.parametrize(("sender", "lines", "expected"), [
    # the domain's words as the document writes them, with the word before ("Cabinet")
    ("j.martin@vega-conseil.fr", ["Réponse à l'AMI", "Cabinet Véga Conseil – Nantes", "Contexte"],
     "Cabinet Véga Conseil"),
    # small words of the name missing from the domain, an acronym after it
    ("contact@maisonemploi72.fr", ["Maison de l'Emploi 72 SARTHE – dossier de candidature"],
     "Maison de l'Emploi 72 SARTHE"),
    # an acronym domain, its expansion written out
    ("a.b@crtn.org", ["Présentation", "Centre de Ressources Travail Numérique", "Notre équipe"],
     "Centre de Ressources Travail Numérique"),
    # a heading around the name is not part of it
    ("x@upi-pdl.fr", ["Présentation de l'UPI-PDL", "L'UPI-PDL fédère 300 entreprises."], "UPI-PDL"),
])
def test_applicant_found_from_the_senders_domain(sender, lines, expected, config, settings):
    s = build_summary([_doc(*lines)], {"message": {"from": sender}, "budget": {}, "flags": [],
                                        "decision": "incomplete"}, settings, config.call)
    assert s.identity.applicant == expected


@pytest.mark.parametrize(("sender", "lines"), [
    ("jean.dupont@gmail.com", ["Gmail Travail Conseil"]),         # a mail provider names nobody
    ("t.k@itn-recherche.fr", ["Chargé de recherche", "Strasbourg"]),  # a common word is not the name
    ("a@vega-conseil.fr", ["Budget Vega-Conseil_v2.xlsx"]),        # a file name
    ("a@vega-conseil.fr", ["Le conseil régional nous soutient."]),  # part of the domain only
])
def test_no_applicant_from_a_weak_domain_match(sender, lines, config, settings):
    s = build_summary([_doc(*lines)], {"message": {"from": sender}, "budget": {}, "flags": [],
                                        "decision": "incomplete"}, settings, config.call)
    assert s.identity.applicant is None


def _kind(applicant, *texts, heading=None, settings=None):
    from intake.committee.summary_applicant import applicant_kind_of
    from intake.committee.summary_model import Sentence
    return applicant_kind_of(applicant, [Sentence(t, "projet.docx", heading) for t in texts], settings)[0]


@pytest.mark.parametrize(("applicant", "texts", "kind"), [
    # what the proposal says of its applicant decides, over what its name suggests
    ("Observatoire des Métiers Vivants", ["Observatoire des Métiers Vivants est un cabinet d'ergonomes "
                                          "installé à Tours depuis 2009."], "cabinet_conseil"),
    ("Laboratoire des Gestes", ["Le Laboratoire des Gestes est une agence de design de services."], "cabinet_conseil"),
    ("Collectif Boussole", ["Collectif Boussole est une start-up qui propose une application de covoiturage."],
     "fournisseur_techno"),
    ("Brico Mutuelle", ["Nous sommes une mutuelle d'assurance de 40 salariés."], "ess"),
    ("Les Jardins Partagés", ["Les Jardins Partagés, association régie par la loi de 1901, animent un réseau."], "ess"),
    ("Alpha Coop", ["Alpha Coop est une société coopérative de conseil en organisation."], "cabinet_conseil"),
    ("UDPT Bourgogne", ["L'UDPT Bourgogne (union départementale des syndicats de salariés du transport) "
                        "porte ce projet."], "partenaire_social"),
    ("Ville de Saint-Aubin", ["La Ville de Saint-Aubin est une commune de 12 000 habitants."], "public"),
    ("Boulangeries Martin", ["Boulangeries Martin est une entreprise familiale de 30 salariés."], "entreprise"),
    ("Chronoplan", ["Chronoplan édite depuis 2015 un logiciel de gestion des tournées."], "fournisseur_techno"),
    ("Équipe TRAVAIL-S", ["Depuis 2018, notre laboratoire étudie les collectifs de travail."], "laboratoire"),
    # a list of names after a comma, an organisation the applicant belongs to, a legal form:
    # none says what the applicant is
    ("AEN Stratégie", ["Un comité réunit AEN Stratégie, l'Aract, la CPME du Rhône et les élus."], "inconnu"),
    ("Mutuelle du Rail", ["Le guide sera diffusé par l'intermédiaire de notre fédération nationale."], "ess"),
    ("Octant", ["Octant est une SARL de six personnes créée en 2016."], "inconnu"),
    ("Nébuleuse", ["Les PME du territoire sont des entreprises familiales."], "inconnu"),
])
def test_the_applicants_kind_is_what_the_documents_say_of_it(settings, applicant, texts, kind):
    assert _kind(applicant, *texts, settings=settings) == kind


def test_the_applicants_kind_on_labelled_corpora_written_blind(config, settings):
    """tests/holdout4 and tests/holdout5: proposals whose writers labelled what kind of
    organisation applies (or "inconnu" where no document says it). First reads: holdout4
    6 of 16 (before the kinds were read from what the documents say of the applicant),
    holdout5 4 of 8 (writer s) and 7 of 8 (writer r, after the fixes drawn from s); now
    at least 90 %, and never a kind where the documents say none."""
    cases = sorted((ROOT / "tests/holdout4/cases").glob("*.eml")) + sorted(
        (ROOT / "tests/holdout5/cases").glob("*.eml"))
    if not cases:
        pytest.skip("tests/holdout4 and tests/holdout5 absent")
    right, wrong = 0, []
    for eml in cases:
        expected = json.loads(eml.with_suffix(".expected.json").read_text())["committee"]["applicant_kind"]
        _ins, s = summarise(eml, config, settings)
        if s.identity.applicant_kind == expected:
            right += 1
        else:
            wrong.append((eml.stem, s.identity.applicant_kind, expected))
    assert right >= 0.9 * len(cases), wrong
    assert not [w for w in wrong if w[2] == "inconnu"], wrong
