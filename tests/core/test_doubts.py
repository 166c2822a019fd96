"""Doubt goes to a person: evidence in the documents against a flag that would ask the
applicant for something is written out for the secretariat, and only then."""

from __future__ import annotations

from decimal import Decimal

from intake.reading.doubts import find_doubts
from intake.reading.rules import Flag
from parsers.budget_lines import Budget, BudgetLine
from parsers.proposal import Proposal
from parsers.text import document_from_text


def flag(code: str, target: str = "") -> Flag:
    return Flag(code, target, "blocking", "…")


def proposal(lines=(), cofinancing=(), total=None, anact=None) -> Proposal:
    b = Budget(lines=[BudgetLine(label, cat, Decimal(v), "budget.docx") for label, cat, v in lines],
               cofinancing=[BudgetLine(label, "cofinancement", Decimal(v), "budget.docx")
                            for label, v in cofinancing],
               declared_total=Decimal(total) if total else None,
               anact_request=Decimal(anact) if anact else None)
    return Proposal(budget=b)


LINES = [("Consultante senior (45 jours)", "prestations", "27000"), ("Déplacements", "deplacements_logistique", "3000")]


def test_an_unread_cofinancing_list_is_a_doubt(call):
    doc = document_from_text("Budget\n\nCoût total : 60 000 €. Demande à l'Anact : 48 000 €.\n\n"
                             "Co-financements envisagés ou acquis :\n- Région Bretagne : 8 000 €\n"
                             "- Fonds propres : 4 000 €\n", "projet.docx")
    p = proposal(LINES, total="60000", anact="48000")
    doubts = find_doubts(p, [doc], [flag("missing_budget_item", "cofinancement")], call)
    assert [(d.code, d.target) for d in doubts] == [("missing_budget_item", "cofinancement")]
    assert "Région Bretagne" in doubts[0].evidence and "projet.docx" in doubts[0].evidence


def test_the_cap_quoted_from_the_call_or_read_amounts_are_no_evidence(call):
    doc = document_from_text("Nous sollicitons le financement de l'Anact, dans la limite du plafond de 80 000 €.\n"
                             "Autofinancement : 12 000 €\n", "projet.docx")
    p = proposal(LINES, cofinancing=[("Autofinancement", "12000")], total="60000", anact="48000")
    assert find_doubts(p, [doc], [flag("cofinancing_below_minimum")], call) == []


def test_staff_time_with_an_amount_is_a_doubt_on_missing_personnel(call):
    doc = document_from_text("Budget prévisionnel\n\nChargée de mission : 20 jours × 400 € = 8 000 €\n",
                             "budget.pdf")
    p = proposal(LINES)
    doubts = find_doubts(p, [doc], [flag("missing_budget_item", "personnel")], call)
    assert [(d.code, d.target) for d in doubts] == [("missing_budget_item", "personnel")]


def test_amounts_everywhere_but_no_budget_is_a_doubt(call):
    doc = document_from_text("Animation des ateliers : 12 000 €\nConception du kit : 9 000 €\n"
                             "Déplacements : 2 500 €\nTotal : 23 500 €\n", "annexe.odt")
    doubts = find_doubts(Proposal(), [doc], [flag("missing_budget")], call)
    assert [(d.code, d.target) for d in doubts] == [("missing_budget", "")]


def test_a_heading_like_line_is_a_doubt_but_a_placeholder_is_not(call):
    with_text = document_from_text("Contexte\n\nLe secteur...\n\nGouvernance du projet\n\n"
                                   "Un comité de pilotage réunira les partenaires.\n", "projet.docx")
    doubts = find_doubts(Proposal(), [with_text], [flag("missing_section", "pilotage")], call)
    assert [(d.code, d.target) for d in doubts] == [("missing_section", "pilotage")]
    todo = document_from_text("Contexte\n\nLe secteur...\n\nPilotage\n\n(à compléter)\n", "projet.docx")
    assert find_doubts(Proposal(), [todo], [flag("missing_section", "pilotage")], call) == []


def test_a_mismatch_the_reader_may_have_made_is_a_doubt_a_real_one_is_not(call):
    double = proposal([("Personnel", "personnel", "30000"), ("dont chef de projet", "personnel", "20000"),
                       ("dont chargée d'études", "personnel", "10000")], total="30000")
    assert find_doubts(double, [], [flag("budget_total_mismatch")], call)
    real = proposal([("Personnel", "personnel", "30000"), ("Prestations", "prestations", "33900")],
                    total="64500")
    assert find_doubts(real, [], [flag("budget_total_mismatch")], call) == []


def test_a_heading_no_part_claimed_is_a_doubt_on_a_missing_part(call):
    """A structured document whose part is titled in the applicant's own words: the
    completion request waits for a person, who is told which titles went unread."""
    from parsers.text import document_from_html

    body = "<p>" + " ".join(["Le guide et les supports d'atelier seront publiés sous licence libre"] * 2) + "</p>"
    own_words = document_from_html(
        "<h1>Projet Passeurs</h1><h2>Le contexte</h2>" + body + "<h2>Nos objectifs</h2>" + body
        + "<h2>Après 2023 : faire durer et transmettre</h2>" + body, "projet.html")
    doubts = find_doubts(Proposal(), [own_words], [flag("missing_section", "perennisation")], call)
    assert [(d.code, d.target) for d in doubts] == [("missing_section", "perennisation")]
    assert "« Après 2023 : faire durer et transmettre »" in doubts[0].reason

    only_known = document_from_html(
        "<h1>Projet Passeurs</h1><h2>Le contexte</h2>" + body + "<h2>Nos objectifs</h2>" + body
        + "<h2>Budget prévisionnel</h2>" + body, "projet.html")
    assert find_doubts(Proposal(), [only_known], [flag("missing_section", "perennisation")], call) == []


def test_only_a_title_where_the_missing_part_would_stand_is_a_doubt(call):
    """A "Présentation de la structure" in the applicant's words sits before the first
    part: it is no place for the partners' part missing at the end, which is asked for."""
    from parsers.proposal import read_proposal
    from parsers.text import document_from_html

    body = "<p>" + " ".join(["Le guide et les supports d'atelier seront publiés sous licence libre"] * 2) + "</p>"
    html = ("<h1>Projet Passeurs</h1><h2>Qui sommes-nous vraiment</h2>" + body
            + "".join(f"<h2>{t}</h2>" + body for t in (
                "Contexte", "Objectifs", "Problématique", "Publics cibles", "Méthodologie", "Calendrier",
                "Pilotage", "Résultats attendus", "Essaimage")))
    d = document_from_html(html, "projet.html")
    found = read_proposal([d], call)
    assert "partenaires" not in found.sections
    assert find_doubts(found, [d], [flag("missing_section", "partenaires")], call) == []

    # two such titles between the calendar and the results, where pilotage is missing:
    # which one is it? a person says
    html = html.replace("<h2>Pilotage</h2>" + body, "<h2>Ce que nous avons déjà observé</h2>" + body
                        + "<h2>Une journée type</h2>" + body)
    d = document_from_html(html, "projet.html")
    found = read_proposal([d], call)
    doubts = find_doubts(found, [d], [flag("missing_section", "pilotage")], call)
    assert [(x.code, x.target) for x in doubts] == [("missing_section", "pilotage")]
    assert "« Ce que nous avons déjà observé »" in doubts[0].reason


def test_a_title_between_two_parts_where_nothing_is_missing_is_a_doubt(call):
    """The context written second, after the objectives, under its own words: the call's
    order gives it no slot, but a title between two parts where no part is missing is where
    a moved part stands; the request waits for a person. A sub-heading inside a part is not."""
    from parsers.proposal import read_proposal
    from parsers.text import document_from_html

    body = "<p>" + " ".join(["Le texte de cette partie décrit ce que nous ferons avec les équipes"] * 2) + "</p>"
    titles = ["Nos objectifs", "Un territoire qui change", "Le problème posé", "Pour qui ?", "Notre méthode",
              "Calendrier", "Qui pilote ?", "Résultats attendus", "Et ensuite ?", "Nos partenaires"]
    d = document_from_html("<h1>Projet</h1>" + "".join(f"<h2>{t}</h2>" + body for t in titles), "corps du message")
    found = read_proposal([d], call)
    assert "contexte" not in found.sections
    doubts = find_doubts(found, [d], [flag("missing_section", "contexte")], call)
    assert [(x.code, x.target) for x in doubts] == [("missing_section", "contexte")]
    assert "« Un territoire qui change »" in doubts[0].reason

    nested = document_from_html("<h1>Projet</h1>" + "".join(
        f"<h2>{t}</h2>" + body + ("<h3>Les élus du personnel</h3>" + body if t == "Pour qui ?" else "")
        for t in titles if t != "Un territoire qui change"), "corps du message")
    found = read_proposal([nested], call)
    assert find_doubts(found, [nested], [flag("missing_section", "contexte")], call) == []


def test_a_forms_unnamed_row_is_a_doubt_its_title_row_is_not(call):
    from parsers.document import Block, Document
    from parsers.proposal import read_proposal

    text = "Le texte de cette rubrique décrit ce que nous ferons avec les équipes du territoire dès l'automne."
    rows = [["Rubrique", "Contenu"], ["Intitulé du projet", "Parlons outils : un projet de dialogue sur les "
                                      "outils numériques dans les entreprises de la filière bois"]]
    rows += [[label, text] for label in ("Contexte", "Objectifs", "Problématique", "Publics cibles", "Méthodologie",
                                         "Phasage", "Qui tient la barre ?", "Une journée type", "Résultats attendus",
                                         "Pérennisation", "Partenaires")]
    d = Document("formulaire.docx", "x", [Block("table", rows=rows)])
    found = read_proposal([d], call)
    assert "pilotage" not in found.sections
    doubts = find_doubts(found, [d], [flag("missing_section", "pilotage")], call)
    assert [(x.code, x.target) for x in doubts] == [("missing_section", "pilotage")]
    assert "« Qui tient la barre ? »" in doubts[0].reason and "Intitulé" not in doubts[0].reason


def test_bold_line_titles_no_part_claimed_are_doubts_too(call):
    """Titles written as bold lines (no heading style), in the applicant's own order, two
    of them in the applicant's own words swapped so that nothing settles which is which:
    the requests for the two parts wait for a person, who is told the titles."""
    from parsers.document import Block, Document
    from parsers.proposal import read_proposal

    text = " ".join(["Le texte de cette partie décrit ce que nous ferons avec les équipes"] * 2)
    titles = ["Nos objectifs", "Un territoire qui change", "Le problème posé", "Pour qui ?", "Notre méthode",
              "Qui tient la barre ?", "Calendrier", "Nos appuis", "Résultats attendus", "Et ensuite ?"]
    blocks = [Block("paragraph", text="Projet Passeurs", emphasis=True)]
    for t in titles:
        blocks += [Block("paragraph", text=t, emphasis=True), Block("paragraph", text=text)]
    d = Document("projet.docx", "x", blocks)
    found = read_proposal([d], call)
    missing = [sid for sid in ("contexte", "pilotage", "partenaires") if sid not in found.sections]
    assert missing, "the swapped own-words titles were placed: this test no longer tests a doubt"
    doubts = find_doubts(found, [d], [flag("missing_section", sid) for sid in missing], call)
    assert sorted(x.target for x in doubts) == sorted(missing)
    assert "« Qui tient la barre ? »" in doubts[0].reason


def test_a_title_that_also_speaks_of_the_missing_part_is_a_doubt(call):
    """"Nos ambitions et leurs effets sur le travail" opened the objectives; its "effets"
    belongs to the results' words alone ("effets attendus"): asking for the results waits
    for a person. A title without such a word is no evidence."""
    from parsers.document import Block, Document
    from parsers.proposal import read_proposal

    text = " ".join(["Le texte de cette partie décrit ce que nous ferons avec les équipes"] * 2)

    def doubts_of(title):
        blocks = []
        for t in ["1. D'où nous partons", "2. La question qui nous occupe", "3. Les salariés concernés", title,
                  "5. Comment nous allons travailler", "6. Calendrier", "7. Gouvernance du projet",
                  "8. Partenaires associés", "9. Et après le projet ?"]:
            blocks += [Block("paragraph", text=t, emphasis=True), Block("paragraph", text=text)]
        d = Document("projet.docx", "x", blocks)
        found = read_proposal([d], call)
        assert "resultats" not in found.sections
        return find_doubts(found, [d], [flag("missing_section", "resultats")], call)
    doubts = doubts_of("4. Nos ambitions et leurs effets sur le travail")
    assert [(x.code, x.target) for x in doubts] == [("missing_section", "resultats")]
    assert "« 4. Nos ambitions et leurs effets sur le travail »" in doubts[0].reason
    assert doubts_of("4. Ce que nous visons") == []


def test_co_financing_larger_than_the_project_is_a_doubt(call):
    """Expense rows read as resources ("Organisation de quatre journées régionales" taken for
    a regional funder) make a co-financing larger than the whole project: the answer is
    held, with the figures, rather than a request built on an impossible budget."""
    doc = document_from_text("Budget\n", "projet.odt")
    p = proposal(LINES, cofinancing=[("Organisation de quatre journées régionales d'échange", "45000")],
                 total="30000", anact="95000")
    doubts = find_doubts(p, [doc], [flag("anact_request_over_cap")], call)
    assert [(d.code, d.target) for d in doubts] == [("budget_reading", "")]
    assert "45\u202f000" in doubts[0].reason and "30\u202f000" in doubts[0].reason
    assert "journées régionales" in doubts[0].evidence
    # a co-financing within the project's cost is no doubt
    p = proposal(LINES, cofinancing=[("Fonds propres", "6000")], total="30000", anact="24000")
    assert find_doubts(p, [doc], [flag("anact_request_over_cap")], call) == []
