"""The ten parts found whatever the applicant's wording, numbering or styling."""

import re

from parsers.document import Block, Document
from parsers.proposal import read_proposal

ALL = {"contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage", "pilotage",
       "resultats", "perennisation", "partenaires"}
BODY = "Ce paragraphe décrit la partie avec assez de mots pour compter."


def doc(*blocks, source="projet.docx"):
    return Document(source=source, media_type="x", blocks=list(blocks))


def h(text, level=1):
    return Block("heading", text=text, level=level)


def p(text=BODY, **kw):
    return Block("paragraph", text=text, **kw)


def test_styled_headings_with_other_words_and_combined_parts(call):
    d = doc(h("Genèse du projet et problématique"), p(), h("Finalités"), p(),
            h("Publics cibles et bénéficiaires"), p(), h("Démarche proposée et phasage"), p(),
            h("Instances de suivi"), p(), h("Livrables"), p(), h("Suites du projet et diffusion"), p(),
            h("Les partenaires et leur contribution"), p("Aract Normandie : appui méthodologique."))
    found = read_proposal([d], call).sections
    assert set(found) == ALL
    assert found["problematique"].heading == "Genèse du projet et problématique"
    assert found["phasage"].source == "projet.docx"


def test_bold_and_numbered_paragraphs_count_as_headings(call):
    d = doc(p("I - CONTEXTE", emphasis=True), p(), p("II - Objectifs visés"), p(),
            p("Publics visés :"), p())
    found = read_proposal([d], call).sections
    assert {"contexte", "objectifs", "cibles"} <= set(found)


def test_label_paragraphs_in_an_email_body(call):
    d = doc(p("Contexte : les PME du bâtiment numérisent leurs plannings sans concertation."),
            p("Objectifs : outiller le dialogue social autour de ces outils."), source="corps du message")
    found = read_proposal([d], call).sections
    assert set(found) == {"contexte", "objectifs"}
    assert "PME du bâtiment" in found["contexte"].excerpt()


def test_empty_or_placeholder_part_is_absent(call):
    d = doc(h("1. Contexte"), h("2. Objectifs"), p("À compléter"), h("3. Pilotage"), p())
    found = read_proposal([d], call).sections
    assert "contexte" not in found and "objectifs" not in found
    assert "pilotage" in found


def test_sub_headings_do_not_empty_their_parent(call):
    d = doc(h("Méthodologie", 1), h("Étape 1 : diagnostic", 2), p(), h("Gouvernance", 1), p())
    found = read_proposal([d], call).sections
    assert {"methodologie", "phasage", "pilotage"} <= set(found)


def test_form_layout_table(call):
    t = Block("table", rows=[["Rubrique", "Contenu"], ["Contexte", BODY], ["Cibles", BODY],
                             ["Pilotage et comitologie", BODY], ["Essaimage", "À compléter"]])
    found = read_proposal([doc(t)], call).sections
    assert {"contexte", "cibles", "pilotage"} <= set(found)
    assert "perennisation" not in found


def test_a_long_sentence_mentioning_a_part_is_not_a_heading(call):
    d = doc(p("Vous trouverez ci-joint notre proposition comprenant le contexte, les objectifs, "
              "la problématique, les cibles et le pilotage du projet, ainsi que le budget détaillé."))
    assert read_proposal([d], call).sections == {}


def test_bold_line_under_a_styled_heading_is_sub_structure(call):
    d = doc(h("Partenaires", 2), p("Nos partenaires :", emphasis=True), p("Aract Grand Est : appui."),
            h("Pilotage", 2), p())
    found = read_proposal([d], call).sections
    assert found["partenaires"].heading == "Partenaires"


def test_budget_heading_ends_the_part_before_it(call):
    d = doc(h("Partenaires", 1), p("Aract Grand Est : appui méthodologique aux ateliers."),
            p("Budget prévisionnel", emphasis=True),
            Block("table", rows=[["Poste", "Montant"], ["Chef de projet", "24 000 €"]]))
    proposal = read_proposal([d], call)
    assert [x.name for x in proposal.partners] == ["Aract Grand Est"]
    assert all(b.kind != "table" for b in proposal.sections["partenaires"].blocks)


def test_signature_ends_the_last_part(call):
    d = doc(p("Partenaires", emphasis=True), p("Aract Occitanie : co-animation des ateliers."),
            p("Bien cordialement,"), p("Jeanne Martin, Cabinet Travail & Co"), source="corps du message")
    assert [x.name for x in read_proposal([d], call).partners] == ["Aract Occitanie"]


def test_a_title_over_several_parts_is_not_a_part(call):
    d = doc(h("PLANIF-IA : des plannings automatisés en débat", 1), p(), h("Contexte", 2), p(),
            h("Objectifs", 2), p(), h("Pilotage", 2), p())
    found = read_proposal([d], call).sections
    assert "phasage" not in found and {"contexte", "objectifs", "pilotage"} <= set(found)


def test_loose_word_fills_the_missing_part(call):
    with_context = read_proposal([doc(h("Contexte"), p(), h("Enjeux"), p())], call).sections
    assert set(with_context) == {"contexte", "problematique"}
    alone = read_proposal([doc(h("Problématique"), p(), h("Enjeux"), p())], call).sections
    assert set(alone) == {"problematique", "contexte"}


def test_levels_follow_the_order_a_document_marks_headings(call):
    d = doc(p("A. Constat de départ", emphasis=True), p(), p("B. Publics", emphasis=True),
            p("Le projet touchera :"), p("- les salariés", list_item=True),
            p("C. La question posée", emphasis=True), p())
    found = read_proposal([d], call).sections
    assert {"contexte", "cibles", "problematique"} <= set(found)


def test_partners_written_as_name_then_contribution_sentences(call):
    d = doc(h("Nos partenaires"), p("Aract Occitanie. Regard sur les situations de travail. Union départementale "
                                    "CFDT de l'Hérault. Mobilisation des élus. Club des entreprises de Lunel. "
                                    "Accueil des ateliers."))
    assert [(x.name, x.contribution) for x in read_proposal([d], call).partners] == [
        ("Aract Occitanie", "Regard sur les situations de travail"),
        ("Union départementale CFDT de l'Hérault", "Mobilisation des élus"),
        ("Club des entreprises de Lunel", "Accueil des ateliers")]


def test_in_a_structured_document_a_list_item_does_not_open_a_part(call):
    """A phase title in the phasage's list ("Phase 4 – Capitalisation et diffusion") is
    part of the phasage, not the pérennisation part; the real headings win."""
    from parsers.document import Block, Document
    from parsers.sections import SectionFinder

    blocks = [Block("heading", "1. Contexte", 1), Block("paragraph", "Le secteur de l'aide à domicile évolue vite."),
              Block("heading", "2. Objectifs", 1), Block("paragraph", "Outiller le dialogue social sur les plannings."),
              Block("heading", "3. Calendrier des travaux", 1),
              Block("paragraph", "Une phase de diagnostic ouvre le projet en octobre 2022 et dure trois mois.",
                    list_item=True),
              Block("paragraph", "Phase 4 – Capitalisation et diffusion des outils auprès du réseau", list_item=True),
              Block("paragraph", "Les ateliers se tiennent dans chaque structure.")]
    finder = SectionFinder({sid: s.headings for sid, s in call.sections.items()}, call.placeholders,
                           call.section_breaks, call.weak_headings)
    found = finder.find([Document("projet.docx", "application/vnd.openxmlformats", blocks)])
    assert found["phasage"].heading == "3. Calendrier des travaux"
    assert found["phasage"].excerpt().startswith("Une phase de diagnostic")
    assert "perennisation" not in found


def _own_words_proposal(*, extra=(), order=None):
    """A proposal in the call's order whose contexte, pilotage and partenaires headings
    are the applicant's own words, which no vocabulary names."""
    parts = [("Un territoire, des exploitations qui changent", "contexte"),
             ("Nos intentions", "objectifs"), ("Le problème posé", "problematique"),
             ("Pour qui ?", "cibles"), ("Méthode de travail", "methodologie"),
             ("Calendrier", "phasage"), ("Qui tient la barre ?", "pilotage"),
             ("Résultats attendus", "resultats"), ("Essaimage", "perennisation"),
             ("Nos appuis", "partenaires")]
    if order:
        parts = [parts[k] for k in order]
    blocks = [h("Outils partagés, travail partagé", 1)]
    for title, sid in parts:
        blocks += [h(title, 2), p(f"Texte propre à la partie {sid}, assez long pour compter.")]
    for title, text in extra:
        blocks += [h(title, 2), *[p(line) for line in text]]
    return doc(*blocks)


def test_parts_titled_in_own_words_take_their_place_in_the_calls_order(call):
    found = read_proposal([_own_words_proposal()], call).sections
    assert set(found) == ALL
    assert found["contexte"].heading == "Un territoire, des exploitations qui changent"
    assert found["pilotage"].heading == "Qui tient la barre ?"
    assert found["partenaires"].heading == "Nos appuis"
    # each quotes its own text, not its neighbour's
    assert found["pilotage"].excerpt().startswith("Texte propre à la partie pilotage")
    assert found["partenaires"].excerpt().startswith("Texte propre à la partie partenaires")


def test_a_budget_after_the_parts_is_not_taken_for_a_part(call):
    budget = ("Combien ça coûte ?", ["Personnel : 24 000 €", "Déplacements : 3 000 €",
                                    "Prestations : 8 000 €", "Total : 35 000 €"])
    found = read_proposal([_own_words_proposal(extra=[budget])], call).sections
    assert found["partenaires"].heading == "Nos appuis"
    # the partners' part missing, the budget after the results does not stand in for it
    no_partners = _own_words_proposal(extra=[budget], order=range(9))
    found = read_proposal([no_partners], call).sections
    assert "partenaires" not in found


def test_no_placement_where_the_outline_does_not_settle_it(call):
    # two own-words titles where one part is missing: which one is it? nobody says
    two = doc(h("Titre", 1), h("Contexte", 2), p(), h("Objectifs", 2), p(), h("Le nœud", 2), p(),
              h("Quelques chiffres", 2), p(), h("Publics visés", 2), p(), h("Méthode", 2), p())
    assert "problematique" not in read_proposal([two], call).sections
    # in a document that does not follow the call's order, two own-words titles swapped
    # next to each other ("Nos appuis" before "Qui tient la barre ?") would fit as well,
    # and their text says nothing of what they are
    shuffled = _own_words_proposal(order=[1, 0, 2, 3, 4, 9, 6, 7, 8, 5])
    for b in shuffled.blocks:
        b.text = re.sub(r"Texte propre à la partie \w+", "Texte propre à cette partie", b.text)
    found = read_proposal([shuffled], call).sections
    assert "contexte" not in found and "pilotage" not in found


def test_where_the_outline_leaves_two_titles_open_their_own_text_settles_it(call):
    """The same swapped titles, each opening on text that speaks of its part ("…la partie
    pilotage", "…la partie partenaires"): the text says which is which."""
    found = read_proposal([_own_words_proposal(order=[1, 0, 2, 3, 4, 9, 6, 7, 8, 5])], call).sections
    assert found["pilotage"].heading == "Qui tient la barre ?"
    assert found["partenaires"].heading == "Nos appuis"
    assert found["contexte"].heading == "Un territoire, des exploitations qui changent"


def test_own_words_titles_in_the_applicants_own_order_take_the_clearly_closest_place(call):
    """Bold lines in the applicant's order (objectives first, the steering near the end):
    two titles name no part and two parts are missing; the context before the problem and
    the steering after the partners keep the document far closer to the call's order than
    the other way round, so each takes that part and quotes its own text."""
    parts = [("Ce que nous visons", "objectifs"), ("Pour qui ?", "cibles"), ("D'où vient le projet", "contexte"),
             ("La question posée", "problematique"), ("Les résultats escomptés", "resultats"),
             ("Comment nous comptons procéder", "methodologie"), ("Calendrier de réalisation", "phasage"),
             ("Les partenaires du projet", "partenaires"), ("Qui pilote ?", "pilotage"),
             ("Et après ?", "perennisation")]
    blocks = [p("Télégestion et dialogue : les applications mobiles au travail", emphasis=True),
              p("Proposition de la mutuelle à l'appel à manifestation d'intérêt « La Fabrique CTO »")]
    for title, sid in parts:
        blocks += [p(title, emphasis=True), p(f"Texte propre à la partie {sid}, assez long pour compter.")]
    found = read_proposal([doc(*blocks)], call).sections
    assert set(found) == ALL
    assert found["contexte"].heading == "D'où vient le projet"
    assert found["pilotage"].heading == "Qui pilote ?"
    assert found["pilotage"].excerpt().startswith("Texte propre à la partie pilotage")


def test_a_multi_level_list_outline_places_its_inner_items(call):
    """An outline written as one Word list: outer items group the parts ("Ce qui
    restera"), inner items are the parts, one in the applicant's own words and one whose
    words ("la démarche") name a part another item opened: it is the part still missing."""
    items = [("D'où nous partons", 1, None), ("Un territoire qui change", 2, "contexte"),
             ("La question posée", 2, "problematique"), ("Ce que nous voulons faire", 1, None),
             ("Nos ambitions", 2, "objectifs"), ("Les publics concernés", 2, "cibles"),
             ("La démarche pas à pas", 2, "methodologie"), ("Le calendrier", 2, "phasage"),
             ("Comment nous nous organisons", 1, None), ("Qui décide et comment", 2, "pilotage"),
             ("Les alliés du projet", 2, "partenaires"), ("Ce qui restera", 1, None),
             ("Les effets attendus", 2, "resultats"), ("Faire vivre et transmettre la démarche", 2, "perennisation")]
    blocks = []
    for title, depth, sid in items:
        blocks.append(p(title, list_item=True, list_depth=depth, emphasis=True))
        if sid:
            blocks.append(p(f"Texte propre à la partie {sid}, assez long pour compter."))
    found = read_proposal([doc(*blocks)], call).sections
    assert set(found) == ALL
    assert found["perennisation"].heading == "Faire vivre et transmettre la démarche"
    assert found["methodologie"].heading == "La démarche pas à pas"
    # "D'où nous partons" groups the context and the problem: the context is its own item
    assert found["contexte"].heading == "Un territoire qui change"
    assert found["contexte"].excerpt().startswith("Texte propre à la partie contexte")


def test_a_part_held_by_a_title_naming_two_goes_to_a_title_of_its_own(call):
    """"Le déroulé dans le temps" names the method and the schedule; "Comment nous comptons
    travailler" just before it names the method alone (weakly): the method is quoted from
    there, the schedule from the title over both."""
    d = doc(h("D'où nous partons"), p(), h("Ce que nous voulons faire"), p(), h("Le nœud du problème"), p(),
            h("Qui est concerné"), p(), h("Comment nous comptons travailler"), p("Trois ateliers par site."),
            h("Le déroulé dans le temps"), p("D'octobre 2022 à juin 2023, en trois temps."),
            h("Qui décide, qui suit"), p())
    found = read_proposal([d], call).sections
    assert found["methodologie"].heading == "Comment nous comptons travailler"
    assert found["phasage"].heading == "Le déroulé dans le temps"


def test_a_numbered_list_as_the_outline_places_its_own_words_items(call):
    """Headings written as a Word numbered list (list items, not heading styles): the
    items are the outline; those in the applicant's own words take their place, and a
    heading naming the targets "and the central stake" opens the problem too."""
    items = [("Pourquoi ce projet", "contexte"), ("Ce que nous cherchons à changer", "objectifs"),
             ("Publics concernés et enjeu central", "cibles"), ("Notre façon de faire", "methodologie"),
             ("Notre calendrier, saison par saison", "phasage"), ("Qui décide, qui suit", "pilotage"),
             ("Ce que nous aurons produit", "resultats"), ("Pour que cela dure et se diffuse", "perennisation"),
             ("Nos alliés", "partenaires")]
    blocks = [p("Le quart d'heure numérique – candidature de la SCOP", emphasis=True)]
    for title, sid in items:
        blocks += [p(title, list_item=True, emphasis=True), p(f"Texte propre à la partie {sid}, assez long pour compter.")]
    found = read_proposal([doc(*blocks)], call).sections
    assert set(found) == ALL
    assert found["objectifs"].heading == "Ce que nous cherchons à changer"
    assert found["problematique"].heading == found["cibles"].heading == "Publics concernés et enjeu central"
    assert found["perennisation"].excerpt().startswith("Texte propre à la partie perennisation")


def test_one_title_for_two_missing_parts_goes_where_its_words_point(call):
    """After the calendar, one own-words title where the steering and the results would
    both stand: "Effets recherchés" speaks of effects (the results' "effets attendus"),
    so it opens the results, and the steering part stays missing, to be asked for."""
    d = doc(h("Parler de nos outils", 1), h("Situation de départ", 2), p(), h("Buts poursuivis", 2), p(),
            h("Problème à traiter", 2), p(), h("Publics bénéficiaires", 2), p(),
            h("Déroulé méthodologique et calendrier", 2), p(), h("Effets recherchés", 2), p(),
            h("Pérennité et diffusion", 2), p(), h("Partenaires mobilisés", 2), p())
    found = read_proposal([d], call).sections
    assert found["resultats"].heading == "Effets recherchés"
    assert "pilotage" not in found


def test_a_title_over_two_parts_yields_to_its_sub_headings(call):
    """"3. Effets attendus et suites" names two parts and has a sub-heading for each: each
    part is quoted from its own sub-heading, not from the title over both."""
    d = doc(h("1. Contexte", 1), p(), h("2. Objectifs", 1), p(), h("3. Effets attendus et suites", 1),
            h("3.1 Productions et effets attendus", 2), p("Dix conférences des usages tenues dans les entreprises."),
            h("3.2 Diffusion et continuité après le projet", 2), p("Le réseau reprendra la démarche en 2024."))
    found = read_proposal([d], call).sections
    assert found["resultats"].heading == "3.1 Productions et effets attendus"
    assert found["perennisation"].heading == "3.2 Diffusion et continuité après le projet"
    assert found["perennisation"].excerpt().startswith("Le réseau reprendra")
    # a title over one part keeps it, its sub-heading is part of it
    d = doc(h("II. Objectifs poursuivis", 1), h("Objectif général", 2), p(), h("III. Publics", 1), p())
    assert read_proposal([d], call).sections["objectifs"].heading == "II. Objectifs poursuivis"


def test_a_line_naming_a_part_inside_an_own_words_title_yields_to_that_title(call):
    """Under "Comment allons-nous nous y prendre ?" (no part's word), the first line "La
    démarche suit trois mouvements :" names the method: the part is the title's, quoted
    from its first words, not opened by that line."""
    d = doc(h("Titre du projet", 1), h("Dans quel contexte ?", 2), p(), h("Que voulons-nous obtenir ?", 2), p(),
            h("Quelle question traiter ?", 2), p(), h("Qui est concerné ?", 2), p(),
            h("Comment allons-nous nous y prendre ?", 2),
            p("La démarche suit trois mouvements : observer les usages, essayer puis décider ensemble."),
            h("Selon quel calendrier ?", 2), p())
    found = read_proposal([d], call).sections
    assert found["methodologie"].heading == "Comment allons-nous nous y prendre ?"
    assert found["methodologie"].excerpt().startswith("La démarche suit trois mouvements")


def test_a_forms_own_words_rows_take_their_place_in_the_calls_order(call):
    """A form ("Rubrique | Contenu") whose rows for the context and the steering are the
    applicant's questions: placed by the rows around them, quoted from their own answer."""
    text = "Le texte de cette rubrique décrit ce que nous ferons avec les équipes du territoire."
    labels = ["D'où part le projet ?", "Objectifs", "Problématique", "Publics cibles", "Méthodologie", "Phasage",
              "Qui tient la barre ?", "Résultats attendus", "Pérennisation", "Partenaires"]
    rows = [["Rubrique", "Contenu"], ["Intitulé du projet", "Parlons outils"]]
    rows += [[label, f"{label} : {text}"] for label in labels]
    found = read_proposal([doc(Block("table", rows=rows), source="formulaire.docx")], call).sections
    assert set(found) == ALL
    assert found["contexte"].heading == "D'où part le projet ?"
    assert found["pilotage"].excerpt().startswith("Qui tient la barre ? : Le texte")
    # two unnamed rows where one part is missing: nobody says which
    rows.insert(9, ["Une journée type", text])
    assert "pilotage" not in read_proposal([doc(Block("table", rows=rows))], call).sections


def test_a_forms_row_naming_a_part_late_yields_to_the_row_naming_it_first(call):
    """"Contexte de la démarche" names the context first and the method in passing: the
    method is the "Méthodologie d'intervention" row's."""
    form = Block("table", rows=[["Rubrique", "Contenu"],
                                ["Contexte de la démarche", "La Fédération regroupe 1 150 entreprises adhérentes."],
                                ["Objectifs poursuivis", "Trois objectifs guident le projet de bout en bout."],
                                ["Méthodologie d'intervention", "La démarche combine des temps collectifs et des visites."]])
    found = read_proposal([doc(form)], call).sections
    assert found["contexte"].heading == "Contexte de la démarche"
    assert found["methodologie"].heading == "Méthodologie d'intervention"


def test_a_part_moved_out_of_the_calls_order_is_placed_when_its_text_says_so(call):
    """The context written after the objectives under its own words: the outline alone
    leaves it open (it is doubted, see test_doubts), but its text speaks of the context
    ("le constat est partagé…"), so it is the context; a title whose text does not is not."""
    def proposal(text):
        blocks = [h("Projet", 1)]
        for title, body in [("Nos objectifs", "Texte des objectifs, assez long pour compter."),
                            ("Un territoire qui change", text), ("Le problème posé", "Texte du problème posé ici."),
                            ("Pour qui ?", "Les salariés des entreprises du territoire."),
                            ("Notre méthode", "Des ateliers et des entretiens sur site."),
                            ("Calendrier", "D'octobre 2022 à juin 2023."), ("Pilotage", "Un comité réuni chaque trimestre."),
                            ("Résultats attendus", "Un guide et dix accords."), ("Essaimage", "Une diffusion régionale en 2024."),
                            ("Partenaires", "Aract Normandie : appui méthodologique.")]:
            blocks += [h(title, 2), p(body)]
        return read_proposal([doc(*blocks)], call).sections
    found = proposal("Depuis 2019, le constat est partagé par les acteurs du territoire et les entreprises.")
    assert found["contexte"].heading == "Un territoire qui change"
    assert "contexte" not in proposal("Nous présentons ici notre équipe et ses références depuis 2019.")


def test_a_placeholder_with_its_reason_is_no_content(call):
    """"À compléter (composition en cours de validation par le conseil d'administration)":
    the part is announced, not written; it is missing."""
    d = doc(h("Contexte"), p(), h("Objectifs"), p(), h("Pilotage et instances de suivi"),
            p("À compléter (composition en cours de validation par le conseil d'administration du 6 septembre)."),
            h("Résultats attendus"), p())
    assert "pilotage" not in read_proposal([d], call).sections


def test_two_own_words_titles_in_the_calls_slot_follow_their_text_over_the_calls_order(call):
    """Between the context and the targets, two own-words titles for the objectives and
    the problem: the call's order would give the first to the objectives, but the text
    under the second speaks of objectives ("poursuit trois objectifs") and the first of
    none: the problem was written first."""
    d = doc(h("Titre", 1), h("Pourquoi maintenant", 2), p(),
            h("Le point dur", 2), p("L'intérimaire n'a de place dans aucune instance où l'on parle de ses outils."),
            h("Ce que nous cherchons", 2), p("Le projet poursuit trois objectifs, que nous voulons évaluables en 2023."),
            h("Qui est concerné", 2), p(), h("Notre démarche", 2), p())
    found = read_proposal([d], call).sections
    assert found["problematique"].heading == "Le point dur"
    assert found["objectifs"].heading == "Ce que nous cherchons"


def test_a_bold_title_of_two_clauses_names_both_parts(call):
    """"4. Ce que nous visons et ce que nous en attendons" (a bold numbered line): the
    results' words come late in the line but early in its second clause."""
    d = doc(p("1. D'où nous partons", emphasis=True), p(), p("2. La question qui nous occupe", emphasis=True), p(),
            p("3. Les salariés concernés", emphasis=True), p(),
            p("4. Ce que nous visons et ce que nous en attendons", emphasis=True), p(),
            p("5. Comment nous allons travailler", emphasis=True), p())
    found = read_proposal([d], call).sections
    assert found["objectifs"].heading == found["resultats"].heading == "4. Ce que nous visons et ce que nous en attendons"


def test_a_title_naming_a_part_inside_a_phrase_does_not_open_it(call):
    """The document's bold title says "faire des plannings un sujet de dialogue": the word
    of the schedule sits inside a phrase, so "6 - Planning", the numbered line of the
    outline, opens the schedule."""
    d = doc(p("PLANS PARTAGÉS – faire des plannings un sujet de dialogue dans l'aide à domicile", emphasis=True),
            p(), p("1 - Pourquoi ce projet", emphasis=True), p(), p("2 - Le problème à résoudre", emphasis=True), p(),
            p("3 - Objectifs", emphasis=True), p(), p("4 - Qui est concerné", emphasis=True), p(),
            p("5 - Notre approche", emphasis=True), p(), p("6 - Planning", emphasis=True),
            p("Octobre 2022 : lancement ; janvier 2023 : ateliers ; juin 2023 : bilan."),
            p("7 - Gouvernance", emphasis=True), p())
    found = read_proposal([d], call).sections
    assert found["phasage"].heading == "6 - Planning"
    assert found["objectifs"].heading == "3 - Objectifs"
