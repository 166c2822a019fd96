"""A study the proposal cites is either done (the project builds on it) or planned (the
project's method): the committee's "demande sociale" must not count the second as the
first. Sentences written for this test, in several tenses and turns of phrase."""

from __future__ import annotations

import pytest

from intake.committee.tense import DONE, PLANNED, when
from parsers.vocab import Vocabulary

STUDIES = Vocabulary(["enquête*", "diagnostic*", "baromètre", "sondage*", "consultation*", "audit*",
                      "état des lieux", "étude"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Notre enquête de 2020 auprès de 180 aides-soignantes a montré une charge de saisie croissante.", DONE),
    ("Le projet fait suite à un audit des outils numériques réalisé en 2021 par la direction.", DONE),
    ("Issu du baromètre régional publié en novembre 2021, ce constat est partagé.", DONE),
    ("Nous avons interrogé 95 agents lors d'une consultation interne.", DONE),
    ("À l'issue du sondage mené auprès des adhérents, trois priorités ont émergé.", DONE),
    ("Un diagnostic partagé sera conduit dans chaque établissement pilote.", PLANNED),
    ("Une enquête flash est prévue en phase 1 auprès des conducteurs.", PLANNED),
    ("Il s'agira de mener un état des lieux des usages dès le démarrage.", PLANNED),
    ("Nous conduirons une enquête par questionnaire au mois 3.", PLANNED),
    ("À la suite de l'enquête de 2021, un diagnostic sera conduit.", DONE),  # the survey named first is done
    ("Aucun audit n'a encore été fait sur ces outils.", None),
    ("Le cabinet publie chaque année un baromètre sur la qualité de vie au travail.", None),
])
def test_when_a_study_takes_place(text, expected):
    assert when(text, STUDIES, start_year=2022) == expected


def test_a_line_of_the_schedule_or_a_step_of_the_method_is_planned():
    assert when("Novembre 2022 – février 2023 : diagnostic ergonomique", STUDIES, start_year=2022,
                plan_part=True) == PLANNED
    assert when("Réaliser un état des lieux des outils utilisés au guichet", STUDIES, start_year=2022,
                plan_part=True) == PLANNED
    # outside the method and schedule, a bare dated line says nothing
    assert when("Novembre 2022 – février 2023 : diagnostic ergonomique", STUDIES, start_year=2022) is None


def test_a_year_before_the_project_is_the_past_one_after_it_the_future():
    assert when("L'enquête de 2019 auprès des agents reste la référence.", STUDIES, start_year=2022) == DONE
    assert when("Une enquête en 2023 complétera le dispositif.", STUDIES, start_year=2022) == PLANNED
