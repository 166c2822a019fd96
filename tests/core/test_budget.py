"""Budgets in the layouts applicants use."""

from decimal import Decimal

from parsers.document import Block, Document
from parsers.proposal import read_proposal


def budget_of(call, *blocks, source="budget.xlsx"):
    return read_proposal([Document(source, "x", list(blocks))], call).budget


def table(*rows, sheet=None):
    return Block("table", rows=[list(r) for r in rows], sheet=sheet)


def test_grouped_table_with_subtotals_and_resources(call):
    b = budget_of(call, table(
        ["Poste", "Montant (€)"],
        ["Dépenses de personnel", ""],
        ["Cheffe de projet (40 j)", "24 000 €"],
        ["Sociologue (10 j)", "6 000 €"],
        ["Sous-total personnel", "30 000 €"],
        ["Frais de déplacement et logistique", ""],
        ["Trains et hébergement", "3 000 €"],
        ["Prestations", ""],
        ["Graphiste", "7 000 €"],
        ["Total des dépenses", "40 000 €"],
        ["Ressources", ""],
        ["Subvention Anact sollicitée", "32 000 €"],
        ["Autofinancement (fonds propres)", "8 000 €"],
        ["Total des ressources", "40 000 €"],
    ))
    assert b.totals()["personnel"] == Decimal(30000)
    assert b.totals()["deplacements_logistique"] == Decimal(3000)
    assert b.totals()["prestations"] == Decimal(7000)
    assert b.total_cost() == Decimal(40000) and b.lines_sum() == Decimal(40000)
    assert b.anact_request == Decimal(32000)
    assert [(c.label, c.amount, c.nature) for c in b.cofinancing] == [
        ("Autofinancement (fonds propres)", Decimal(8000), "autofinancement")]
    assert b.cofinancing_share() == Decimal("0.2")


def test_detail_columns_pick_the_ht_total(call):
    b = budget_of(call, table(
        ["Catégorie", "Détail", "Nb jours", "Coût jour", "Total HT", "Total TTC"],
        ["Personnel", "Chef de projet", "40", "600", "24 000", "28 800"],
        ["Prestations", "Design de service", "10", "800", "8 000", "9 600"],
        ["Autres", "Achat d'ordinateurs portables", "", "", "2 000", "2 400"],
        ["Total", "", "", "", "34 000", "40 800"],
    ))
    labels = {ln.label: (ln.category, ln.amount, ln.ineligible) for ln in b.lines}
    assert labels["Chef de projet"] == ("personnel", Decimal(24000), False)
    assert labels["Design de service"] == ("prestations", Decimal(8000), False)
    assert labels["Achat d'ordinateurs portables"] == ("autre", Decimal(2000), True)
    assert b.declared_total == Decimal(34000)


def test_side_by_side_expenses_and_resources(call):
    b = budget_of(call, table(
        ["Dépenses", "Montant", "Ressources", "Montant"],
        ["Salaires chargés", "50 k€", "Anact (Fabrique CTO)", "60 k€"],
        ["Déplacements", "5 k€", "Région Bretagne (acquis)", "10 k€"],
        ["Conseil juridique", "20 k€", "Apport en nature", "5 k€"],
        ["Total", "75 k€", "Total", "75 k€"],
    ))
    assert b.lines_sum() == Decimal(75000)
    assert b.anact_request == Decimal(60000)
    assert b.cofinancing_amount() == Decimal(15000)
    assert {c.nature for c in b.cofinancing} == {"public", "en_nature"}


def test_mismatching_declared_total_is_kept_as_declared(call):
    b = budget_of(call, table(["Poste", "Montant"], ["Personnel", "10 000"], ["Déplacements", "2 000"],
                              ["Total", "13 500"]))
    assert b.declared_total == Decimal(13500) and b.lines_sum() == Decimal(12000)


def test_anact_request_in_a_sentence(call):
    b = budget_of(call, table(["Poste", "Montant"], ["Personnel", "50 000 €"], ["Total", "50 000 €"]),
                  Block("paragraph", text="Nous sollicitons auprès de l'Anact un financement de "
                                          "40 000 €, soit 80 % du coût total."))
    assert b.anact_request == Decimal(40000)


def test_the_cap_quoted_from_the_call_is_not_a_request(call):
    b = budget_of(call, Block("paragraph", text="Le montant maximal de financement par l'Anact est "
                                                 "fixé à 80 000 € net de taxe."))
    assert b.anact_request is None


def test_no_budget(call):
    b = budget_of(call, Block("paragraph", text="Notre projet associe dix PME du territoire."))
    assert not b.found


def test_per_funder_columns_and_a_vat_column(call):
    b = budget_of(call, table(
        ["Poste", "Montant HT", "TVA", "Montant TTC", "dont Anact", "dont autofinancement"],
        ["Chef de projet", "30 000", "0", "30 000", "24 000", "6 000"],
        ["Déplacements", "5 000", "1 000", "6 000", "4 000", "1 000"],
        ["Total", "35 000", "1 000", "36 000", "28 000", "7 000"],
    ))
    assert b.lines_sum() == Decimal(35000) and b.declared_total == Decimal(35000)
    assert b.anact_request == Decimal(28000)
    assert [(c.amount, c.nature) for c in b.cofinancing] == [(Decimal(7000), "autofinancement")]


def test_a_university_service_is_an_expense_not_a_cofunder(call):
    b = budget_of(call, table(["Poste", "Montant"], ["Prestation Université de Lyon (analyse)", "6 000"],
                              ["Personnel", "20 000"], ["Total", "26 000"]))
    assert b.totals()["prestations"] == Decimal(6000) and not b.cofinancing


def test_a_budget_written_in_sentences(call):
    b = budget_of(call, Block("heading", text="Budget", level=1), Block("paragraph", text=(
        "Le budget global s'élève à 50 000 € HT, dont 40 000 € demandés à l'Anact ; le reste, "
        "soit 10 000 €, est apporté par la Métropole de Lyon (6 000 €, acquis) et par nos fonds "
        "propres (4 000 €).")), Block("paragraph", text=(
        "Il se répartit ainsi : salaires de l'équipe pour 30 000 €, billets de train et "
        "hébergement pour 5 000 € et honoraires d'un designer (maquettes, tests) pour 15 000 €.")),
        source="projet.odt")
    assert b.declared_total == Decimal(50000) and b.anact_request == Decimal(40000)
    assert sorted((c.amount, c.nature) for c in b.cofinancing) == [(Decimal(4000), "autofinancement"),
                                                                    (Decimal(6000), "public")]
    t = b.totals()
    assert (t["personnel"], t["deplacements_logistique"], t["prestations"]) == (30000, 5000, 15000)


def test_merged_category_cells_cover_the_rows_below(call):
    b = budget_of(call, table(
        ["Catégorie", "Poste", "Montant"],
        ["Personnel", "Cheffe de projet (40 j)", "20 000"],
        ["", "Ergonome (10 j)", "6 000"],
        ["Prestations", "Graphiste", "4 000"],
        ["", "Vidéaste", "3 000"],
        ["Total", "", "33 000"],
    ))
    t = b.totals()
    assert (t["personnel"], t["prestations"]) == (26000, 7000) and b.declared_total == 33000


def test_category_lines_with_their_own_total_over_detail_lines(call):
    b = budget_of(call, Block("heading", text="Budget", level=1),
                  Block("paragraph", text="Dépenses de personnel : 48 000 euros HT"),
                  Block("paragraph", text="Consultant senior – 35 jours x 800 euros : 28 000 euros HT", list_item=True),
                  Block("paragraph", text="Consultante junior – 40 jours x 500 euros : 20 000 euros HT", list_item=True),
                  Block("paragraph", text="Frais de déplacement : 2 000 €"),
                  Block("paragraph", text="Coût total du projet : 50 000 euros HT"),
                  Block("table", rows=[["Ressource", "Montant"], ["Financement Anact sollicité", "40 000"],
                                       ["Autofinancement", "10 000"]]), source="projet.pdf")
    t = b.totals()
    assert (t["personnel"], t["deplacements_logistique"]) == (48000, 2000)
    assert b.declared_total == 50000 and b.anact_request == 40000 and b.cofinancing_amount() == 10000


def test_the_associations_two_sided_budget_form(call):
    """CHARGES | PRODUITS side by side with account numbers, subtotals over indented
    details, a 'Subventions' subtotal over Anact's line, contributions in kind (86/87)
    on both sides: counted once each, costs on the left, resources on the right."""
    b = budget_of(call, table(
        ["CHARGES", "Montant", "PRODUITS", "Montant"],
        ["60 - Achats", "2 000", "70 - Vente de produits finis, prestations de services", "0"],
        ["Prestations de services", "1 500", "74 - Subventions d'exploitation", "52 000"],
        ["Achats matières et fournitures", "500", "Anact – Fabrique CTO", "40 000"],
        ["61 - Services extérieurs", "3 000", "Région Occitanie", "12 000"],
        ["Locations", "3 000", "75 - Autres produits de gestion courante", "0"],
        ["62 - Autres services extérieurs", "14 000", "Fonds propres", "6 000"],
        ["Honoraires", "11 000", "", ""],
        ["Déplacements, missions", "3 000", "", ""],
        ["64 - Charges de personnel", "39 000", "", ""],
        ["Rémunération des personnels", "28 000", "", ""],
        ["Charges sociales", "11 000", "", ""],
        ["TOTAL DES CHARGES", "58 000", "TOTAL DES PRODUITS", "58 000"],
        ["86 - Emplois des contributions volontaires en nature", "4 000",
         "87 - Contributions volontaires en nature", "4 000"],
        ["Mise à disposition gratuite de biens et services", "4 000", "Bénévolat", "4 000"],
        ["TOTAL", "62 000", "TOTAL", "62 000"]), source="budget.docx")
    assert b.total_cost() == Decimal(62000)
    assert b.anact_request == Decimal(40000)
    assert b.cofinancing_amount() == Decimal(22000)  # Région, fonds propres, bénévolat
    totals = b.totals()
    # "Locations" (rooms, equipment hired) is logistics, beside "Déplacements, missions"
    assert totals["personnel"] == Decimal(39000) and totals["deplacements_logistique"] == Decimal(6000)
    assert sum(totals.values()) == Decimal(62000)  # each cost once, in kind included


def test_dont_rows_detail_the_line_above(call):
    b = budget_of(call, table(
        ["Poste", "Montant"],
        ["Personnel", "30 000"],
        ["dont cheffe de projet (30 j)", "20 000"],
        ["dont chargée d'études (25 j)", "10 000"],
        ["Prestations de design", "12 000"],
        ["Subventions publiques", "52 000"],
        ["dont Anact", "40 000"],
        ["dont Région Bretagne", "12 000"],
        ["Total", "42 000"]))
    assert b.totals()["personnel"] == Decimal(30000) and b.lines_sum() == Decimal(42000)
    assert b.anact_request == Decimal(40000)
    assert b.cofinancing_amount() == Decimal(12000)


def test_a_role_with_days_is_staff_unless_bought_outside(call):
    b = budget_of(call, table(
        ["Poste", "Montant"],
        ["Consultante senior (45 jours)", "27 000"],
        ["Cabinet conseil RH, prestation (10 jours)", "8 000"],
        ["Total", "35 000"]))
    cats = {ln.label: ln.category for ln in b.lines}
    assert cats["Consultante senior (45 jours)"] == "personnel"
    assert cats["Cabinet conseil RH, prestation (10 jours)"] == "prestations"


def test_resources_listed_after_an_announcing_sentence(call):
    from parsers.text import document_from_text

    doc = document_from_text("Budget prévisionnel\n\nPersonnel : 30 000 €\n\nDéplacements : 3 000 €\n\n"
                             "Total : 33 000 €\n\nCo-financements envisagés ou acquis :\n\n"
                             "- Conseil départemental du Gers : 4 000 €\n- Fonds propres : 2 600 €\n", "projet.docx")
    b = read_proposal([doc], call).budget
    assert b.cofinancing_amount() == Decimal(6600)
    assert {c.label for c in b.cofinancing} == {"Conseil départemental du Gers", "Fonds propres"}


def test_a_list_announced_by_the_last_sentence_of_a_paragraph(call):
    """The announcing sentence closes a paragraph that gives the cost and the request
    first; the list after it is the co-financing, its labels whole ("OPCO 2i, appui…")."""
    from parsers.document import Block

    doc = Document("projet.pdf", "x", [
        Block("heading", text="Budget par phase", level=2),
        table(["Poste", "Phase 1", "Phase 2", "Total"], ["Consultante (52 jours à 600 €)", "10 800", "20 400", "31 200"],
              ["Déplacements", "1 000", "2 000", "3 000"], ["Total", "11 800", "22 400", "34 200"]),
        Block("paragraph", text="Coût total du projet : 34 200 € HT. Montant sollicité auprès de l'Anact : "
                                "27 200 €. Les co-financements envisagés sont les suivants :"),
        Block("paragraph", text="Autofinancement (temps non facturé des associés) : 4 000 €", list_item=True),
        Block("paragraph", text="OPCO 2i, appui à la formation des élus (sollicité) : 3 000 € "
                                "Soit 7 000 € de co-financement, 20 % du coût total.", list_item=True)])
    b = read_proposal([doc], call).budget
    assert b.cofinancing_amount() == Decimal(7000)
    assert "OPCO 2i, appui à la formation des élus (sollicité)" in {c.label for c in b.cofinancing}


def test_a_pdf_line_joined_to_the_next_is_read_as_two(call):
    """"… : 3 000 € Soit un co-financement de …" (the line break lost by the PDF): the
    resource stays a resource, not an expense counted on top of the cost."""
    from parsers.text import document_from_text

    doc = document_from_text(
        "Budget prévisionnel\n\n- Personnel : 28 800 €\n- Prestations : 12 000 €\n\nPlan de financement\n\n"
        "Ressources prévues pour le projet :\n- Subvention Anact sollicitée : 32 640 €\n"
        "- Autofinancement du cabinet : 5 160 €\n"
        "- Fonds d'action sociale de la branche (acquis) : 3 000 € Soit un co-financement de 8 160 €, 20 % du coût.\n",
        "projet.pdf")
    b = read_proposal([doc], call).budget
    assert b.lines_sum() == Decimal(40800)
    assert b.cofinancing_amount() == Decimal(8160)


def test_an_unmarked_subtotal_is_not_counted_twice_when_the_total_says_so(call):
    b = budget_of(call, table(
        ["Poste", "Montant"],
        ["Animation des ateliers", "18 000"],
        ["Consultant senior (20 j)", "12 000"],
        ["Consultante (10 j)", "6 000"],
        ["Déplacements", "2 000"],
        ["Total", "20 000"]))
    assert b.lines_sum() == Decimal(20000)  # "Animation des ateliers" is the two lines below
    assert [ln.label for ln in b.lines][0].startswith("Consultant senior")


def test_an_applicants_own_arithmetic_error_stays_a_mismatch(call):
    b = budget_of(call, table(
        ["Poste", "Montant"],
        ["Personnel", "18 000"],
        ["Déplacements", "2 000"],
        ["Prestations", "5 000"],
        ["Total", "24 000"]))
    assert b.lines_sum() == Decimal(25000) and b.declared_total == Decimal(24000)


def test_cofinancing_stated_in_a_sentence_beside_the_request(call):
    """After the expense table, the request and the co-financing in one sentence: the
    co-financing is read (a stated subtotal over its details counted once), so the
    applicant is not told they have none."""
    expenses = table(["Poste de dépense", "Montant HT"], ["Consultante senior (40 jours)", "26 000 €"],
                     ["Déplacements", "2 800 €"], ["Facilitation graphique (prestataire)", "4 000 €"],
                     ["Total du projet", "40 000 €"])
    b = budget_of(call, expenses, Block("paragraph", text="Financement demandé à l'Anact : 32 000 €. "
                                                          "Autofinancement AEN Conseil : 8 000 €, soit 20 % du coût total."),
                  source="projet.docx")
    assert b.anact_request == Decimal(32000)
    assert [(c.amount, c.nature) for c in b.cofinancing] == [(Decimal(8000), "autofinancement")]

    b = budget_of(call, expenses, Block("paragraph", text=(
        "Nous sollicitons de l'Anact 32 000 €. Le co-financement s'élève à 8 000 € : 5 000 € de fonds "
        "propres de l'association et 3 000 € apportés par la Région (acquis).")), source="projet.docx")
    assert sorted(c.amount for c in b.cofinancing) == [Decimal(3000), Decimal(5000)]
    # labels as a committee reads them: the source named, no "de …" or "… et" left over
    assert sorted(c.label for c in b.cofinancing) == ["Fonds propres de l'association", "Région"]

    # the association's own funds described in its presentation are no co-financing
    b = budget_of(call, Block("paragraph", text="L'association dispose de fonds propres de 120 000 € "
                                                "et de 12 salariés."), expenses, source="projet.docx")
    assert b.cofinancing == []


def test_a_vat_rate_column_and_a_category_column_beside_the_line(call):
    """"Poste | Catégorie | Montant HT | Taux TVA | Montant TTC": the rate is neither a
    label nor money (the TTC column is not read as lines named "20 %"), the HT figure
    counts, and each line keeps its own words with the category column's kind."""
    b = budget_of(call, table(
        ["Poste", "Catégorie", "Montant HT", "Taux TVA", "Montant TTC"],
        ["Consultante-fondatrice (30 jours)", "Personnel", "18000", "0 %", "18000"],
        ["Déplacements et hébergement", "Déplacements / logistique", "2000", "20 %", "2400"],
        ["Illustratrice", "Prestations", "3500", "20 %", "4200"],
        ["Total", "", "23500", "", "24600"],
        ["Financement (HT)", "", "Montant", "Part", ""],
        ["Anact – aide sollicitée", "", "18800", "80 %", ""],
        ["Autofinancement", "", "4700", "20 %", ""],
    ))
    assert b.total_cost() == Decimal(23500) and b.lines_sum() == Decimal(23500)
    assert [(ln.label, ln.category) for ln in b.lines] == [
        ("Consultante-fondatrice (30 jours)", "personnel"),
        ("Déplacements et hébergement", "deplacements_logistique"), ("Illustratrice", "prestations")]
    assert b.anact_request == Decimal(18800) and [c.amount for c in b.cofinancing] == [Decimal(4700)]


def test_dont_lines_with_bare_figures_under_a_category_line(call):
    """In an e-mail: "Dépenses de personnel : 24 000 euros" then "dont … : 10 500" lines
    without a currency: details of the line above, never a title opening a category for
    the lines after them."""
    lines = ["Budget prévisionnel", "Dépenses de personnel : 24 000 euros",
             "dont coordinatrice de l'association (30 jours) : 10 500",
             "dont animateur numérique (40 jours) : 13 500",
             "Frais de déplacement et logistique (réunions, salles, repas) : 4 000 euros",
             "Prestations (juriste en droit social, graphiste) : 7 000 euros", "TOTAL DU PROJET : 35 000 euros"]
    b = budget_of(call, *[Block("paragraph", text=t) for t in lines], source="corps du message")
    assert b.totals()["personnel"] == Decimal(24000)
    assert b.totals()["deplacements_logistique"] == Decimal(4000)
    assert b.totals()["prestations"] == Decimal(7000)
    assert b.total_cost() == Decimal(35000) and b.lines_sum() == Decimal(35000)


def test_the_associations_form_with_empty_rows_on_its_resources_side(call):
    """The associations' CHARGES | PRODUITS form: an empty "78 – Reprises sur
    amortissements" row on the PRODUITS side does not turn that side into costs, so the
    volunteers' time (87) is co-financing on one side and staff cost (86) on the other;
    fees ("Rémunérations intermédiaires et honoraires") are bought services."""
    b = budget_of(call, table(
        ["CHARGES", "Montant", "PRODUITS", "Montant"],
        ["60 – Achats", "3 500 €", "70 – Vente de produits finis, prestations de services", ""],
        ["Prestations de services (animation)", "3 500 €", "74 – Subventions d'exploitation", "36 000 €"],
        ["62 – Autres services extérieurs", "9 100 €", "Anact – La Fabrique CTO", "33 000 €"],
        ["Rémunérations intermédiaires et honoraires", "7 000 €", "Région Normandie", "3 000 €"],
        ["Déplacements, missions", "2 100 €", "75 – Autres produits de gestion courante", "4 100 €"],
        ["64 – Charges de personnel", "26 600 €", "Fonds associatifs", "4 100 €"],
        ["Rémunération des personnels", "19 000 €", "78 – Reprises sur amortissements et provisions", ""],
        ["Charges sociales", "7 600 €", "", ""],
        ["TOTAL DES CHARGES", "39 200 €", "TOTAL DES PRODUITS", "40 100 €"],
        ["86 – Emplois des contributions volontaires en nature", "3 900 €", "87 – Contributions volontaires en nature", "3 900 €"],
        ["864 – Personnel bénévole", "3 900 €", "870 – Bénévolat", "3 900 €"],
        ["TOTAL", "43 100 €", "TOTAL", "44 000 €"],
    ), source="budget.pdf")
    assert b.anact_request == Decimal(33000)
    assert sorted(c.amount for c in b.cofinancing) == [Decimal(3000), Decimal(3900), Decimal(4100)]
    totals = b.totals()
    assert totals["personnel"] == Decimal(19000 + 7600 + 3900)
    assert totals["prestations"] == Decimal(3500 + 7000)
    assert totals["deplacements_logistique"] == Decimal(2100)


def test_account_numbers_in_their_own_column_and_a_sheet_named_for_its_financing(call):
    """"Compte | CHARGES | Montant | Compte | PRODUITS | Montant": the account numbers name
    the group rows (60, 61, 62, 64, 86 over their details, counted once), the grand TOTAL
    after the contributions in kind is the cost. And a sheet named "Plan de financement"
    whose first table says "Dépenses" holds expenses, a counsellor's days among the staff."""
    b = budget_of(call, table(
        ["Compte", "CHARGES", "Montant en euros", "Compte", "PRODUITS", "Montant en euros"],
        ["60", "Achats", "1200", "74", "Subventions d'exploitation", "46000"],
        ["", "Petit matériel et fournitures pour les ateliers", "1200", "", "Anact - La Fabrique CTO", "40000"],
        ["62", "Autres services extérieurs", "22800", "", "Conseil régional de Normandie", "6000"],
        ["", "Honoraires Tertio Conseil (revues d'usage)", "18000", "75", "Autres produits de gestion courante", "6200"],
        ["", "Conception graphique du guide", "4800", "", "Fonds propres de l'union", "6200"],
        ["64", "Charges de personnel", "28200", "", "", ""],
        ["", "Chargée de mission numérique (35 jours)", "28200", "", "", ""],
        ["", "TOTAL DES CHARGES", "52200", "", "TOTAL DES PRODUITS", "52200"],
        ["86", "Emplois des contributions volontaires en nature", "4000", "87", "Contributions volontaires en nature", "4000"],
        ["", "Personnel bénévole (militants, 40 jours)", "4000", "", "Bénévolat", "4000"],
        ["", "TOTAL", "56200", "", "TOTAL", "56200"]))
    assert b.total_cost() == Decimal(56200) and b.lines_sum() == Decimal(56200)
    assert b.totals()["personnel"] == Decimal(28200 + 4000)
    assert b.anact_request == Decimal(40000)
    assert sorted(c.amount for c in b.cofinancing) == [Decimal(4000), Decimal(6000), Decimal(6200)]

    b = budget_of(call, table(
        ["Dépenses", "Montant (€)"], ["Chef de projet RH (40 jours)", "12000"],
        ["Conseillère en prévention (25 jours)", "6250"], ["Déplacements inter-sites", "3000"],
        ["Total dépenses", "21250"], ["Recettes", "Montant (€)"], ["Subvention Anact", "17000"],
        ["Autofinancement de la Ville", "4250"], ["Total recettes", "21250"], sheet="Plan de financement"))
    assert b.totals()["personnel"] == Decimal(18250) and b.anact_request == Decimal(17000)
    assert [c.amount for c in b.cofinancing] == [Decimal(4250)]


def test_a_budget_by_partner_and_a_days_column(call):
    """Blocks per partner ("Cabinet Ergos" over its lines) do not make every line below a
    bought service; and in "Intervenant | Jours | Taux | Montant", a role with its days is
    staff time, a firm "(prestataire)" a service."""
    b = budget_of(call, table(
        ["Partenaire / poste", "Montant"], ["Cabinet Ergos", ""], ["Consultante (20 jours)", "12 000"],
        ["Déplacements", "1 000"], ["Sous-total Cabinet Ergos", "13 000"], ["Université de Lille", ""],
        ["Ingénieure d'études (15 jours)", "6 000"], ["Sous-total Université", "6 000"], ["Total général", "19 000"]))
    assert [(ln.category, ln.amount) for ln in b.lines] == [
        ("personnel", Decimal(12000)), ("deplacements_logistique", Decimal(1000)), ("personnel", Decimal(6000))]
    assert b.total_cost() == Decimal(19000)

    b = budget_of(call, table(
        ["Intervenant", "Jours", "Taux journalier (€)", "Montant (€)"], ["Consultant senior", "30", "700", "21 000"],
        ["Consultante junior", "20", "450", "9 000"], ["Cabinet Ergo (prestataire)", "10", "800", "8 000"],
        ["Frais de mission", "", "", "1 800"], ["Total", "", "", "39 800"]))
    assert b.totals()["personnel"] == Decimal(30000) and b.totals()["prestations"] == Decimal(8000)
    assert [ln.label for ln in b.lines][:2] == ["Consultant senior", "Consultante junior"]  # labels as written


def test_a_summary_sheet_before_the_detail_is_not_counted_twice(call):
    """A workbook whose first sheet sums the categories and whose second details them:
    the expenses are the detail's, once; the co-financing is the plan that names its
    sources, not a sentence elsewhere that gives their sum."""
    from parsers.text import document_from_text

    b = read_proposal([
        document_from_text("Coût total : 57 000 € ; demande à l'Anact : 45 600 € ; co-financements : 11 400 € (20 %).",
                           "projet.pdf"),
        Document("budget.xlsx", "x", [
            table(["Poste", "Montant"], ["Dépenses de personnel", "34950"], ["Déplacements et logistique", "4250"],
                  ["Prestations", "17800"], ["Coût total du projet", "57000"], sheet="Synthèse"),
            table(["Catégorie", "Poste", "Montant"],
                  ["Dépenses de personnel", "Ingénieure qualité (40 jours)", "16800"],
                  ["Dépenses de personnel", "Cadre de santé (30 jours)", "18150"],
                  ["Déplacements et logistique", "Déplacements inter-sites", "4250"],
                  ["Prestations", "Accompagnement ergonomique (cabinet)", "17800"],
                  ["TOTAL DES DÉPENSES", "", "57000"], sheet="Dépenses"),
            table(["Ressource", "Montant"], ["Anact – La Fabrique CTO", "45600"], ["Autofinancement", "8400"],
                  ["ARS Normandie", "3000"], ["Total des ressources", "57000"], sheet="Financement")])],
        call).budget
    assert b.lines_sum() == Decimal(57000) and len(b.lines) == 4
    assert sorted(c.amount for c in b.cofinancing) == [Decimal(3000), Decimal(8400)]


def test_two_tables_with_different_amounts_both_count(call):
    """Phase 1 and phase 2 in two tables: two parts of one budget, not one given twice."""
    b = budget_of(call,
                  table(["Phase 1", "Montant"], ["Chargée de mission", "12 000 €"], ["Déplacements", "1 000 €"]),
                  table(["Phase 2", "Montant"], ["Chargée de mission", "9 000 €"], ["Déplacements", "1 500 €"],
                        ["Graphiste", "3 000 €"]))
    assert b.lines_sum() == Decimal(26500)


def test_a_budget_by_partner_with_a_nature_column(call):
    """One block per partner, a "Nature" column naming each line's kind: a doctoral
    student's "contribution à 20 %" is staff time of the lab, not a co-funder's money, and
    the travel after it stays an expense; the resources below are the co-financing."""
    b = budget_of(call, table(
        ["Budget prévisionnel par partenaire (€ HT)", "", ""],
        ["Partenaire 1 : ENISE – Chaire TransTech (porteur)", "", ""],
        ["Poste", "Nature", "Montant HT"],
        ["Ingénieur de recherche (10 mois)", "Personnel", "38000"],
        ["Doctorant (contribution à 20 %)", "Personnel", "8000"],
        ["Missions et déplacements", "Déplacements", "2500"],
        ["Sous-total ENISE", "", "48500"],
        ["Partenaire 2 : Agence Lisière", "", ""],
        ["Poste", "Nature", "Montant HT"],
        ["Maquettes et supports d'ateliers", "Prestations", "9500"],
        ["TOTAL GÉNÉRAL DU PROJET", "", "58000"],
        ["Ressources", "", ""],
        ["Subvention sollicitée auprès de l'Anact", "", "46400"],
        ["Autofinancement ENISE", "", "11600"]))
    totals = b.totals()
    assert totals["personnel"] == Decimal(46000) and totals["deplacements_logistique"] == Decimal(2500)
    assert b.cofinancing_amount() == Decimal(11600)


def test_lines_under_a_category_total_are_expenses_whatever_their_words(call):
    """A budget by year: "Dépenses de personnel" carries its total, the lines below detail
    it; "participation aux rencontres" is staff time, not a funder's participation."""
    b = budget_of(call, table(
        ["Poste", "2022", "2023", "Total"],
        ["Dépenses de personnel", "8400", "21200", "29600"],
        ["Cheffe de projet (50 jours)", "6000", "14000", "20000"],
        ["Agents de silo – participation aux rencontres (30 jours)", "2400", "7200", "9600"],
        ["Frais de déplacement et logistique", "1300", "4200", "5500"],
        ["Déplacements sur les silos", "1300", "4200", "5500"],
        ["TOTAL DES DÉPENSES", "9700", "25400", "35100"],
        ["Ressources", "2022", "2023", "Total"],
        ["Aide Anact sollicitée", "7760", "20320", "28080"],
        ["Autofinancement", "1940", "5080", "7020"]))
    assert b.totals()["personnel"] == Decimal(29600) and b.lines_sum() == Decimal(35100)
    assert b.cofinancing_amount() == Decimal(7020)


def test_a_co_financing_in_kind_stated_in_prose_makes_up_the_shortfall(call):
    """The expenses in a table, the plan in prose: the applicant's own 5 000 € read, the
    staff time "valorisé à 9 600 € : c'est une contribution en nature" (also among the
    expenses) makes up exactly what the cost minus the request leaves: counted. Without
    such a sentence the shortfall stays."""
    from parsers.document import Block

    def read(prose):
        doc = Document("projet.docx", "x", [
            Block("heading", text="Ce que coûte le projet et qui le finance", level=2),
            table(["Poste", "Nature", "Montant"], ["Coordinatrice (60 jours)", "Personnel", "21 000 €"],
                  ["Temps des moniteurs (64 jours valorisés à 150 €)", "Personnel", "9 600 €"],
                  ["Cabinet d'ergonomie", "Prestations", "12 000 €"], ["Total", "", "42 600 €"]),
            Block("paragraph", text=prose)])
        return read_proposal([doc], call).budget
    b = read("Sur ces 42 600 €, le réseau prend lui-même en charge 14 600 €. D'une part, le temps de nos "
             "moniteurs consacré au projet est valorisé à 9 600 € : c'est une contribution en nature. D'autre "
             "part, nous apportons 5 000 € d'autofinancement. Nous sollicitons donc de l'Anact 28 000 €.")
    assert b.anact_request == Decimal(28000) and b.cofinancing_amount() == Decimal(14600)
    short = read("Nous apportons 5 000 € d'autofinancement. Nous sollicitons de l'Anact 28 000 €.")
    assert short.cofinancing_amount() == Decimal(5000)


def test_a_sentence_cut_by_a_pdf_line_break_is_one_sentence(call):
    """"Le coût complet du projet est de 61 000 €, dont" / "12 600 € de temps valorisé…"
    (two lines of a two-column PDF): the project's cost and its in-kind part, not two
    expense lines beside the workbook's."""
    from parsers.document import Block

    pdf = Document("projet.pdf", "x", [
        Block("heading", text="Budget", level=2),
        Block("paragraph", text="Le coût complet du projet est de 61 000 €, dont"),
        Block("paragraph", text="12 600 € de temps de chercheurs titulaires valorisé par l'institut. La subvention "
                                "demandée à l'Anact est de 48 400 €.")])
    xlsx = Document("budget.xlsx", "x", [table(
        ["Poste", "Montant"], ["Ingénieure d'études (9 mois)", "34 200"], ["Chercheurs – temps valorisé (30 jours)", "12 600"],
        ["Missions sur les terrains", "7 700"], ["Transcription (prestataire)", "6 500"], ["Total", "61 000"],
        ["Ressources", ""], ["Subvention Anact", "48 400"],
        ["Institut – valorisation du temps des chercheurs (en nature)", "12 600"])])
    b = read_proposal([pdf, xlsx], call).budget
    assert b.lines_sum() == Decimal(61000) and b.total_cost() == Decimal(61000)


def test_an_expense_named_like_a_funder_under_a_costs_header_stays_a_cost(call):
    """"Poste de dépense" heads the costs: "Organisation de quatre journées régionales
    d'échange" is logistics, not a regional funder, so the resources are the ones listed
    under "Ressources" and the bought services are found."""
    b = budget_of(call, table(
        ["Poste de dépense", "Montant HT (€)"],
        ["Dépenses de personnel", "12 600 €"],
        ["Temps des chefs d'équipe détachés pour les groupes de travail (60 jours)", "12 600 €"],
        ["Frais de déplacement et de logistique", "11 400 €"],
        ["Déplacements des chargés de mission sur les chantiers de la région", "6 400 €"],
        ["Organisation de quatre journées régionales d'échange (salle, repas, matériel de projection)", "5 000 €"],
        ["Achats de prestations", "28 000 €"],
        ["Cabinet d'expertise en ergonomie – analyse du travail sur six chantiers", "28 000 €"],
        ["Coût total du projet", "52 000 €"],
        ["Ressources", "Montant (€)"],
        ["Anact – La Fabrique CTO (montant sollicité)", "40 000 €"],
        ["OPCO des entreprises de proximité (demande en cours)", "12 000 €"],
        ["Total des ressources", "52 000 €"]), source="dossier.odt")
    assert b.totals() == {"personnel": Decimal(12600), "deplacements_logistique": Decimal(11400),
                          "prestations": Decimal(28000), "autre": Decimal(0)}
    assert [c.label for c in b.cofinancing] == ["OPCO des entreprises de proximité (demande en cours)"]
