"""The call's rules at their boundaries, and the decision order."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from intake.reading.rules import check, decide
from parsers.budget_lines import Budget, BudgetLine
from parsers.dates import find_dates, project_end
from parsers.document import ParsedFile
from parsers.proposal import Proposal
from parsers.sections import SectionHit

PARIS = ZoneInfo("Europe/Paris")


def full_proposal(call, *, anact=Decimal(64000), cof=Decimal(16000), total=Decimal(80000), end=None):
    lines = [BudgetLine("Personnel", "personnel", total - 2000, "b.xlsx"),
             BudgetLine("Déplacements", "deplacements_logistique", Decimal(1000), "b.xlsx"),
             BudgetLine("Graphiste", "prestations", Decimal(1000), "b.xlsx")]
    budget = Budget(lines=lines, cofinancing=[BudgetLine("Autofinancement", "cofinancement", cof, "b.xlsx")],
                    declared_total=total, anact_request=anact)
    sections = {sid: SectionHit(sid, "p.pdf", sid) for sid in call.sections}
    return Proposal(sections, budget, [], end)


def codes(flags):
    return sorted((f.code, f.target) for f in flags)


def run(call, proposal, *, subject="AMI La Fabrique CTO", received=None, files=()):
    return check(call, proposal, list(files), subject=subject, received=received, has_document=True)


def test_complete_proposal_has_no_flag(call):
    assert run(call, full_proposal(call)) == []


def test_cap_and_share_are_inclusive(call):
    assert run(call, full_proposal(call, anact=Decimal(80000), cof=Decimal(20000), total=Decimal(100000))) == []
    flags = run(call, full_proposal(call, anact=Decimal("80000.01"), cof=Decimal("19999"), total=Decimal(100000)))
    assert codes(flags) == [("anact_request_over_cap", ""), ("cofinancing_below_minimum", "")]


@pytest.mark.parametrize("when,late", [
    (datetime(2022, 8, 23, 23, 30, tzinfo=PARIS), False),
    (datetime(2022, 8, 23, 21, 59, 59, tzinfo=ZoneInfo("UTC")), False),
    (datetime(2022, 8, 24, 0, 0, 1, tzinfo=PARIS), True),
    (datetime(2022, 8, 23, 22, 5, tzinfo=ZoneInfo("UTC")), True),
])
def test_deadline_is_paris_time_inclusive(call, when, late):
    flags = run(call, full_proposal(call), received=when)
    assert (("late_submission", "") in codes(flags)) is late


@pytest.mark.parametrize("subject,ok", [
    ("Appel à manifestation d’intérêt – La Fabrique CTO", True),
    ("AMI MANIFESTATION D'INTERET - candidature", True),
    ("candidature fabrique cto", True),
    ("Notre projet", False),
])
def test_subject_names_the_call(call, subject, ok):
    assert (("subject_mismatch", "") not in codes(run(call, full_proposal(call), subject=subject))) is ok


def test_end_date_limit_is_inclusive_and_month_precise(call):
    assert project_end("Phase 3 : octobre à décembre 2023.", []).start <= call.end_date
    assert project_end("Bilan final le 30/12/2023.", []).start <= call.end_date
    assert project_end("Phase 3 : janvier 2024, restitution.", []).start > call.end_date
    assert project_end("Phase 2 : 2023. Après le projet, essaimage en 2024.", []).start <= call.end_date
    assert [d.precision for d in find_dates("T1 2024 ; 2e semestre 2023")] == ["quarter", "semester"]


def test_missing_budget_stands_alone(call):
    p = full_proposal(call)
    p.budget = Budget()
    assert codes(run(call, p)) == [("missing_budget", "")]


def test_zero_line_counts_as_present_but_zero_cofinancing_is_below(call):
    p = full_proposal(call)
    p.budget.lines[1].amount = Decimal(0)
    p.budget.cofinancing[0].amount = Decimal(0)
    p.budget.declared_total -= 1000
    assert codes(run(call, p)) == [("cofinancing_below_minimum", "")]


def test_decision_order(call):
    scanned = ParsedFile("scan.pdf", "x", "application/pdf", "scanned")
    parsed = ParsedFile("p.pdf", "x", "application/pdf", "parsed")
    p = full_proposal(call)
    del p.sections["pilotage"]
    flags = run(call, p, files=[scanned])
    assert decide(flags, [scanned], late=True, not_a_proposal=False) == "late"
    assert decide(flags, [scanned], late=False, not_a_proposal=True) == "not_a_proposal"
    assert decide(flags, [scanned, parsed], late=False, not_a_proposal=False) == "needs_review"
    assert decide(flags, [parsed], late=False, not_a_proposal=False) == "incomplete"
    assert decide(run(call, full_proposal(call), files=[scanned]), [scanned], late=False,
                  not_a_proposal=False) == "complete"


def test_no_cofinancing_at_all_is_missing_and_below_the_minimum(call):
    p = full_proposal(call)
    p.budget.cofinancing = []
    assert codes(run(call, p)) == [("cofinancing_below_minimum", ""), ("missing_budget_item", "cofinancement")]


# -- the project's calendar as people write it (one reading for inspect, summaries, emails)
@pytest.mark.parametrize("text, start, end, months", [
    ("Phase 1 : septembre – novembre 2022. Phase 2 : décembre 2022 à juin 2023.", "2022-09", "2023-06", 10),
    ("Diagnostic de novembre à février 2023, puis ateliers en mars 2023.", "2022-11", "2023-03", 5),
    ("Le projet se déroulera sur 14 mois à compter de novembre 2022.", "2022-11", "2023-12", 14),
    ("Automne 2022 : diagnostic ; T1 2023 : ateliers ; T3 2023 : bilan.", "2022-09", "2023-09", 13),
    ("Du 03/10/2022 au 30/06/2023, en trois temps.", "2022-10-03", "2023-06-30", 9),
    ("Phase 3 : octobre à décembre 2023.", "2023-10", "2023-12", 3),
    ("Lancement en janvier 2023. Restitution finale en juin 2023. Après le projet, essaimage en 2024.",
     "2023-01", "2023-06", 6),
    # a step's length is not the project's: "Phase 2 (3 mois)", "expérimentation pendant trois mois"
    ("Phase 1 (3 mois) : octobre à décembre 2022. Phase 2 : expérimentation pendant trois mois, "
     "de janvier à mars 2023. Phase 3 : bilan en septembre 2023.", "2022-10", "2023-09", 12),
    ("Durée : 18 mois, d'octobre 2022 à mars 2024.", "2022-10", "2024-03", 18),
])
def test_schedule_reads_ranges_seasons_quarters_and_durations(text, start, end, months):
    from parsers.dates import project_schedule

    s = project_schedule(text, []).to_contract()
    assert (s["start"], s["end"], s["duration_months"]) == (start, end, months)


def test_a_month_is_never_shown_as_its_first_day():
    from parsers.dates import french_period, project_schedule

    s = project_schedule("Bilan final en juin 2023.", []).to_contract()
    assert s["end"] == "2023-06" and french_period(s["end"]) == "juin 2023"
    assert french_period("2023-06-15") == "15 juin 2023"


def test_a_stated_length_elsewhere_gives_start_and_end():
    from parsers.dates import project_schedule

    s = project_schedule("", ["Le projet durera dix-huit mois à partir d'octobre 2022."]).to_contract()
    assert (s["start"], s["end"], s["duration_months"]) == ("2022-10", "2024-03", 18)


def test_a_gantt_charts_marked_columns_give_start_and_end_and_a_margin_is_no_end():
    from parsers.dates import project_schedule

    rows = [["Phase", "sept. 22", "oct. 22", "nov. 22", "déc. 22", "janv. 23", "févr. 23"],
            ["1. Cadrage", "", "X", "X", "", "", ""],
            ["2. Ateliers", "", "", "", "X", "X", ""]]
    s = project_schedule("Le calendrier court d'octobre 2022 à janvier 2023 ; février 2023 est laissé "
                         "libre comme marge de sécurité.", [], [rows]).to_contract()
    assert (s["start"], s["end"], s["duration_months"]) == ("2022-10", "2023-01", 4)


def test_an_unread_attachment_is_spoken_of_in_the_feminine_and_asked_back_as_fits(call):
    """"La pièce jointe … (elle est protégée …)": a corrupt file is not asked back "sans
    mot de passe", an encrypted one is."""
    def message(status):
        flags = run(call, Proposal(), files=[ParsedFile("projet.pdf", "0" * 64, "application/pdf", status)])
        return next(f.message for f in flags if f.code == "unreadable_attachment")
    encrypted, broken = message("encrypted"), message("unreadable")
    assert "(elle est protégée par un mot de passe)" in encrypted and "sans mot de passe" in encrypted
    assert "(elle semble endommagée" in broken and "mot de passe" not in broken


def test_a_steps_length_elsewhere_in_the_proposal_is_not_the_projects():
    """The method says "expérimentation des nouvelles règles pendant trois mois": the
    project still runs from November 2022 to December 2023, fourteen months, in every
    summary and email that reads this schedule."""
    from parsers.dates import project_schedule

    s = project_schedule("Novembre – décembre 2022 : étape 1. Septembre – décembre 2023 : étape 4, clôture.",
                         ["Étape 4 : expérimentation des nouvelles règles pendant trois mois, puis évaluation."])
    assert s.to_contract()["duration_months"] == 14
    s = project_schedule("Octobre 2022 : lancement.", ["Notre projet se déroulera sur 12 mois."])
    assert s.to_contract()["duration_months"] == 12
