"""Case data h5s-01 .. h5s-04 (text, budgets, labels)."""

from render_s import eur

# ======================================================================== h5s-01
# CNRS/engineering-school team, long fpdf2 PDF, budget by phase with phase subtotals,
# table running across a page break. Complete; co-financing exactly 20 %.

C01_BUDGET = [
    # (phase, label, category, amount)
    ("Phase 1", "Ingénieure d'études en CDD (3 mois, charges comprises)", "personnel", 13500),
    ("Phase 1", "Enseignant-chercheur LCTT (30 jours, temps valorisé)", "personnel", 9000),
    ("Phase 1", "Déplacements sur les six sites (train, hébergement)", "deplacements_logistique", 2400),
    ("Phase 2", "Ingénieure d'études en CDD (6 mois, charges comprises)", "personnel", 27000),
    ("Phase 2", "Doctorant contractuel – quote-part de 6 mois", "personnel", 10800),
    ("Phase 2", "Facilitation graphique des ateliers inter-entreprises par un prestataire (Studio Traits d'Union)", "prestations", 4800),
    ("Phase 2", "Location de salles et restauration des six ateliers inter-entreprises", "deplacements_logistique", 3600),
    ("Phase 2", "Déplacements de l'équipe entre Valdrôme, Nîmes et Montpellier", "deplacements_logistique", 3200),
    ("Phase 3", "Ingénieure d'études en CDD (3 mois, charges comprises)", "personnel", 13500),
    ("Phase 3", "Conception graphique, mise en page et impression à 300 exemplaires du guide « Discuter l'algorithme » (prestation)", "prestations", 6200),
    ("Phase 3", "Journée de restitution à Montpellier : location de salle, restauration et déplacements des participants", "deplacements_logistique", 4500),
]
C01_COFIN = [
    ("Région Occitanie – appel « Recherche et société(s) » (demandé)", 10700),
    ("Autofinancement LCTT (temps des enseignants-chercheurs)", 9000),
]
C01_ANACT = 78800


def c01_blocks():
    rows = []
    for ph in ("Phase 1", "Phase 2", "Phase 3"):
        sub = 0
        for p, label, cat, amt in C01_BUDGET:
            if p != ph:
                continue
            nat = {"personnel": "Personnel", "deplacements_logistique": "Déplacements / logistique",
                   "prestations": "Prestation"}[cat]
            rows.append((ph, label, nat, eur(amt, sym="")))
            sub += amt
        rows.append(("", f"Sous-total {ph.lower()}", "", eur(sub, sym="")))
    total = sum(x[3] for x in C01_BUDGET)
    rows.append(("", "COÛT TOTAL DU PROJET", "", eur(total, sym="")))
    fin_rows = [("Subvention demandée à l'Anact (La Fabrique CTO)", eur(C01_ANACT, sym=""))]
    fin_rows += [(l, eur(a, sym="")) for l, a in C01_COFIN]
    fin_rows.append(("Total des ressources", eur(total, sym="")))
    lorem_terrain = (
        "Les six entreprises pressenties ont entre 25 et 180 salariés. Quatre d'entre elles "
        "exploitent un entrepôt de messagerie ou de préparation de commandes pour la grande "
        "distribution, deux sont des transporteurs qui ont intégré une activité de stockage. "
        "Toutes ont acquis ou vont acquérir, entre 2022 et 2023, un module d'optimisation des "
        "tournées ou d'affectation des tâches qui s'appuie sur des techniques d'apprentissage "
        "automatique. Dans aucune d'entre elles, le choix de l'outil n'a fait l'objet d'une "
        "consultation du CSE au-delà de l'information réglementaire."
    )
    return [
        ("title", "DIALOG-IA – Mettre en discussion les outils algorithmiques de planification dans les PME de la logistique"),
        ("p", "Réponse à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » – La Fabrique CTO. Porteur : Laboratoire Conception, Travail et Technologies (LCTT). Responsable scientifique : Claire Vasseur, maîtresse de conférences en ergonomie."),
        ("h", "1. Qui sommes-nous ?"),
        ("p", "Le Laboratoire Conception, Travail et Technologies (LCTT) est une unité mixte de recherche du CNRS et de l'École nationale d'ingénieurs de Valdrôme. Ses 38 membres (enseignants-chercheurs, ingénieurs, doctorants) étudient la conception des systèmes techniques à partir de l'activité réelle des personnes qui les utilisent. L'équipe « Travail et systèmes numériques », qui porte ce projet, travaille depuis 2015 avec des entreprises de la logistique et du transport de la région."),
        ("h", "2. Contexte scientifique et social"),
        ("p", "La logistique est l'un des secteurs où les outils algorithmiques de planification se diffusent le plus vite : affectation dynamique des tâches, optimisation des tournées, commande vocale, prévision des volumes. Dans les grandes entreprises, ces outils s'accompagnent en général d'une conduite de projet structurée et d'une négociation avec les représentants du personnel. Dans les PME, ils arrivent souvent « clés en main », par une mise à jour du progiciel de gestion d'entrepôt, sans que personne n'ait vraiment choisi les règles qu'ils appliquent."),
        ("p", "En 2021, nous avons interrogé 212 salariés de onze entrepôts de l'Hérault et du Gard sur leur expérience des outils de planification. Plus de la moitié déclarent ne pas savoir selon quelles règles les tâches leur sont attribuées, et un tiers disent avoir perdu la possibilité d'organiser eux-mêmes l'ordre de leur travail. Le diagnostic conduit en 2020 avec l'Aract Occitanie dans trois entreprises de messagerie avait déjà montré que les chefs d'équipe passent une part croissante de leur temps à « corriger » les propositions du logiciel, sans que ce travail soit reconnu ni discuté."),
        ("p", "Ces constats rejoignent ceux de l'accord-cadre européen de juin 2020 sur la digitalisation : l'enjeu n'est pas de refuser les outils, mais de rendre discutables leurs paramètres, leurs effets sur le travail et les marges de manœuvre qu'ils laissent."),
        ("h", "3. Problématique de recherche"),
        ("p", "Comment rendre discutables, dans une PME, des règles de décision qui sont inscrites dans un logiciel que ni la direction, ni les salariés, ni leurs représentants n'ont écrit ? Nous faisons l'hypothèse que le dialogue social technologique suppose trois conditions : des objets intermédiaires qui rendent visibles les règles de l'outil, des espaces où le travail réel peut être confronté à ces règles, et un cadre de négociation qui permet de les modifier."),
        ("h", "4. Objectifs"),
        ("ul", [
            "Rendre visibles, pour chacune des six entreprises, les règles de planification appliquées par l'outil et leurs effets sur l'activité.",
            "Concevoir et tester des objets intermédiaires (cartes de règles, simulations sur données réelles anonymisées) utilisables par des non-spécialistes.",
            "Outiller la négociation d'un accord de méthode sur l'introduction des outils algorithmiques dans au moins trois entreprises.",
            "Produire un guide et une formation transférables à d'autres PME du secteur.",
        ]),
        ("h", "5. Publics visés et terrains"),
        ("p", "Le projet s'adresse d'abord aux préparateurs de commandes et chefs d'équipe des entrepôts, qui vivent au quotidien les effets de l'outil, ensuite aux élus des CSE et aux délégués syndicaux, qui doivent pouvoir discuter des choix techniques, enfin aux dirigeants et responsables d'exploitation des PME et TPE de la logistique de la région Occitanie, qui achètent ces outils sans toujours en maîtriser le paramétrage."),
        ("p", lorem_terrain),
        ("h", "6. Méthode"),
        ("p", "La démarche combine l'analyse ergonomique du travail et la conception participative. Elle est conduite dans chaque entreprise par un binôme composé d'un membre du LCTT et d'un chargé de mission de l'Aract."),
        ("ul", [
            "Une enquête par questionnaire sera conduite auprès des salariés des six PME au démarrage, puis reconduite à la fin du projet, pour mesurer l'évolution de la compréhension des outils.",
            "Des observations ergonomiques des situations de planification seront réalisées sur chaque site (deux journées par site, en horaires de jour et de nuit).",
            "Des ateliers inter-entreprises réuniront des salariés, des encadrants, des élus et des dirigeants pour travailler sur des simulations construites à partir des données de leurs propres entrepôts.",
            "Un accompagnement à la négociation sera proposé aux entreprises volontaires, avec l'appui des partenaires sociaux du territoire.",
        ]),
        ("h", "7. Phasage détaillé"),
        ("p", "Le projet démarre le 3 octobre 2022 et s'achève le 30 novembre 2023, soit quatorze mois."),
        ("ul", [
            "Phase 1 – octobre à décembre 2022 : état des lieux dans les six entreprises, questionnaire initial, observations, cartographie des règles de chaque outil.",
            "Phase 2 – janvier à juin 2023 : six ateliers inter-entreprises, conception et test des objets intermédiaires, accompagnement de trois négociations d'accords de méthode.",
            "Phase 3 – juillet à novembre 2023 : questionnaire final, analyse, rédaction du guide « Discuter l'algorithme », journée de restitution à Montpellier le 16 novembre 2023.",
        ]),
        ("h", "8. Gouvernance et comitologie"),
        ("p", "Un comité de pilotage réunit tous les trois mois le LCTT, l'Aract Occitanie, un représentant de chaque entreprise (direction et CSE) et les deux organisations partenaires. Il valide le choix des terrains, suit l'avancement et arbitre les suites à donner. Une équipe projet (LCTT et Aract) se réunit toutes les deux semaines. Un conseil scientifique de trois chercheurs extérieurs relit le protocole et le guide."),
        ("h", "9. Partenaires mobilisés"),
        ("ul", [
            "Aract Occitanie : co-animation des ateliers, apport méthodologique sur le dialogue social, mise en relation avec les entreprises.",
            "Association Logistique Sud Entreprises (ALSE) : mobilisation des dirigeants de PME adhérentes, accueil de la journée de restitution.",
            "Union locale CFDT de Nîmes : formation des élus participants, relais auprès des délégués syndicaux du secteur.",
        ]),
        ("h", "10. Livrables et résultats attendus"),
        ("ul", [
            "Six cartographies des règles de planification, restituées et discutées dans chaque entreprise.",
            "Un jeu d'objets intermédiaires (cartes de règles, simulateur simplifié) en licence libre.",
            "Au moins trois accords de méthode signés ou en cours de négociation.",
            "Le guide « Discuter l'algorithme » et un module de formation d'une journée pour les élus de CSE.",
            "Deux communications scientifiques et un article de vulgarisation.",
        ]),
        ("h", "11. Pérennisation et essaimage"),
        ("p", "Le module de formation sera intégré à l'offre de formation continue de l'École nationale d'ingénieurs de Valdrôme dès 2024. L'ALSE s'est engagée à diffuser le guide auprès de ses 140 adhérents. Les objets intermédiaires seront publiés sous licence Creative Commons et pourront être repris par d'autres Aract. Une thèse CIFRE prolongera le travail avec deux des entreprises."),
        ("h", "12. Budget détaillé"),
        ("p", "Le budget est présenté par phase, hors taxes (le LCTT ne récupère pas la TVA sur ces dépenses). Les montants sont en euros."),
        ("p", "Hypothèses de calcul. Le coût de l'ingénieure d'études est calculé sur la base de la grille des ingénieurs d'études du CNRS, charges patronales comprises, soit 4 500 € par mois. Le temps des enseignants-chercheurs titulaires est valorisé à 300 € par jour ; il n'est pas demandé à l'Anact et constitue l'essentiel de l'autofinancement du laboratoire. La quote-part du doctorant contractuel correspond à la part de son temps consacrée au projet pendant la phase 2, soit 60 % de son contrat."),
        ("p", "Les frais de déplacement ont été estimés à partir des trajets réels entre Valdrôme et les six sites (deux à quatre déplacements par site, en train et, pour les deux sites non desservis, en véhicule de service), selon le barème du laboratoire. Les frais de logistique couvrent la location de salles neutres, hors des entreprises, pour les ateliers inter-entreprises, et la restauration des participants, qui viennent sur leur temps de travail."),
        ("p", "Les prestations sont limitées à ce que l'équipe ne sait pas faire elle-même : la facilitation graphique, qui permet de rendre lisibles les règles des outils pour des publics très divers, et la conception graphique du guide. Deux devis ont été demandés pour chacune d'elles ; les montants retenus sont ceux des offres les mieux-disantes."),
        ("table", ("Phase", "Poste de dépense", "Nature", "Montant (€)"), rows, (18, 92, 48, 26)),
        ("h", "13. Plan de financement"),
        ("table", ("Ressource", "Montant (€)"), fin_rows, (140, 44)),
        ("p", "Le co-financement représente 20 % du coût total du projet."),
        ("p", "Claire Vasseur – claire.vasseur@lctt-valdrome.fr – 04 67 00 12 34"),
    ]


C01_SECTIONS = {
    "contexte": ("2. Contexte scientifique et social", "La logistique est l'un des secteurs"),
    "objectifs": ("4. Objectifs", "Rendre visibles, pour chacune des six"),
    "problematique": ("3. Problématique de recherche", "Comment rendre discutables, dans une PME"),
    "cibles": ("5. Publics visés et terrains", "Le projet s'adresse d'abord aux préparateurs"),
    "methodologie": ("6. Méthode", "La démarche combine l'analyse ergonomique"),
    "phasage": ("7. Phasage détaillé", "Le projet démarre le 3 octobre 2022"),
    "pilotage": ("8. Gouvernance et comitologie", "Un comité de pilotage réunit tous les trois mois"),
    "resultats": ("10. Livrables et résultats attendus", "Six cartographies des règles de planification"),
    "perennisation": ("11. Pérennisation et essaimage", "Le module de formation sera intégré"),
    "partenaires": ("9. Partenaires mobilisés", "Aract Occitanie : co-animation des ateliers"),
}

C01_COMMITTEE = {
    "applicant_kind": "laboratoire",
    "applicant_kind_evidence": "une unité mixte de recherche du CNRS et de l'École nationale d'ingénieurs de Valdrôme",
    "targets": [
        "préparateurs de commandes et chefs d'équipe des entrepôts",
        "élus des CSE et aux délégués syndicaux",
        "dirigeants et responsables d'exploitation des PME et TPE de la logistique de la région Occitanie",
    ],
    "studies_existing": [
        "En 2021, nous avons interrogé 212 salariés de onze entrepôts de l'Hérault et du Gard",
        "Le diagnostic conduit en 2020 avec l'Aract Occitanie dans trois entreprises de messagerie",
    ],
    "studies_planned": [
        "Une enquête par questionnaire sera conduite auprès des salariés des six PME",
        "Des observations ergonomiques des situations de planification seront réalisées sur chaque site",
    ],
}

# ======================================================================== h5s-02
# Think tank ("laboratoire d'idées"), DOCX form table "Question de l'appel | Notre réponse",
# budget and financing as lists inside a cell. Complete. Only planned studies.

C02_BUDGET = [
    ("Directrice des études (25 jours)", "personnel", 15000),
    ("Chargé d'études (60 jours)", "personnel", 21000),
    ("Déplacements dans les quatre territoires d'expérimentation", "deplacements_logistique", 3800),
    ("Logistique des sessions de l'école (salles, repas, matériel)", "deplacements_logistique", 2700),
    ("Réalisation de six vidéos pédagogiques par un studio extérieur", "prestations", 7500),
]
C02_COFIN = [
    ("Fondation Ernest-Lamarque (acquis)", 6500),
    ("Autofinancement de l'Institut", 4000),
]
C02_ANACT = 39500


def c02_blocks():
    budget_cell = "\n".join([
        "Budget détaillé (montants nets de taxe) :",
        "Dépenses de personnel",
        f"– Directrice des études (25 jours) : {eur(15000)}",
        f"– Chargé d'études (60 jours) : {eur(21000)}",
        "Frais de déplacement et logistique",
        f"– Déplacements dans les quatre territoires d'expérimentation : {eur(3800)}",
        f"– Logistique des sessions de l'école (salles, repas, matériel) : {eur(2700)}",
        "Achats de prestations",
        f"– Réalisation de six vidéos pédagogiques par un studio extérieur : {eur(7500)}",
        f"Coût total du projet : {eur(50000)}",
        f"Montant sollicité auprès de l'Anact : {eur(C02_ANACT)}",
        "Co-financements envisagés ou acquis :",
        f"– Fondation Ernest-Lamarque (acquis) : {eur(6500)}",
        f"– Autofinancement de l'Institut : {eur(4000)}",
    ])
    rows = [
        ("Quel est le contexte ?",
         "Les logiciels de gestion des temps, de planification et de suivi de l'activité entrent dans les PME par la petite porte : un abonnement, une mise à jour, une application mobile. Les représentants du personnel en découvrent souvent l'existence après coup. Les accords d'entreprise qui traitent du numérique restent rares en dessous de 300 salariés et portent presque tous sur le droit à la déconnexion."),
        ("Quels sont vos objectifs ?",
         "Créer une « école du dialogue technologique » pour les élus et les dirigeants de PME.\nDonner aux élus de CSE les moyens de poser les bonnes questions lors de l'introduction d'un outil.\nAider les dirigeants à faire de la consultation un temps utile au choix de l'outil.\nRepérer et diffuser les pratiques de négociation qui fonctionnent."),
        ("Quelle est la problématique traitée ?",
         "Comment passer, dans une PME, d'une information-consultation formelle sur un logiciel déjà acheté à un dialogue sur le travail qu'il va transformer ?"),
        ("Quels sont les publics cibles ?",
         "Deux publics apprennent ensemble : les élus de CSE des entreprises de 50 à 250 salariés, et les dirigeants de PME qui déploient un logiciel de gestion des temps ou de planification. Nous visons 40 entreprises dans quatre territoires (métropole lilloise, Valenciennois, Artois, Littoral)."),
        ("Déroulé méthodologique envisagé",
         "Nous conduirons une revue des accords d'entreprise portant sur le numérique déposés depuis 2017 dans les Hauts-de-France.\nUne série de 30 entretiens sera menée avec des élus et des dirigeants pour identifier les situations où le dialogue a fonctionné.\nL'école fonctionnera ensuite en sessions mixtes (élus et dirigeants de la même entreprise) de deux jours, construites sur des cas réels apportés par les participants."),
        ("Phasage détaillé",
         "Novembre 2022 – janvier 2023 : revue des accords et entretiens.\nFévrier – juin 2023 : conception et première promotion de l'école (10 entreprises).\nSeptembre – octobre 2023 : deuxième et troisième promotions, évaluation, publication de la note de synthèse. Fin du projet : 31 octobre 2023."),
        ("Pilotage et comitologie",
         "Un comité d'orientation paritaire (deux représentants d'organisations syndicales, deux représentants d'employeurs, l'Aract, l'Institut) se réunit à chaque étape. La directrice des études assure le pilotage opérationnel et rend compte chaque mois au bureau de l'Institut."),
        ("Résultats escomptés",
         "40 binômes élu-dirigeant formés ; une note de synthèse sur les accords de méthode ; un kit pédagogique (six vidéos, douze cas) en accès libre ; au moins dix entreprises engagées dans une démarche de consultation anticipée."),
        ("Perspective de pérennisation et d'essaimage",
         "Le kit sera mis à la disposition des organismes de formation des élus. Nous chercherons à faire reconnaître l'école par la commission paritaire régionale interprofessionnelle, et à l'ouvrir à d'autres régions à partir de 2024."),
        ("Partenaires mobilisés et contribution attendue",
         "Aract Hauts-de-France : co-conception des sessions et appui à l'évaluation.\nCercle des DRH des PME de la Métropole lilloise : mobilisation des dirigeants et témoignages.\nUnion régionale CFE-CGC Hauts-de-France : mobilisation des élus et co-animation de deux sessions."),
        ("Budget détaillé et co-financements", budget_cell),
    ]
    return [
        ("title", "Les algorithmes au comité social : une école du dialogue technologique pour les PME"),
        ("p", "L'Institut Travail Demain est un laboratoire d'idées indépendant qui publie depuis 2016 des notes et des propositions sur l'avenir du travail et du dialogue social. Nous répondons ci-dessous, point par point, aux attendus de l'appel à manifestation d'intérêt La Fabrique CTO."),
        ("formtable", ("Question de l'appel", "Notre réponse"), rows),
        ("p", "Contact : Hélène Mercadier, directrice des études – 06 12 34 56 78"),
    ]


C02_SECTIONS = {
    "contexte": ("Quel est le contexte ?", "Les logiciels de gestion des temps, de planification"),
    "objectifs": ("Quels sont vos objectifs ?", "Créer une « école du dialogue technologique »"),
    "problematique": ("Quelle est la problématique traitée ?", "Comment passer, dans une PME"),
    "cibles": ("Quels sont les publics cibles ?", "Deux publics apprennent ensemble"),
    "methodologie": ("Déroulé méthodologique envisagé", "Nous conduirons une revue des accords"),
    "phasage": ("Phasage détaillé", "Novembre 2022 – janvier 2023"),
    "pilotage": ("Pilotage et comitologie", "Un comité d'orientation paritaire"),
    "resultats": ("Résultats escomptés", "40 binômes élu-dirigeant formés"),
    "perennisation": ("Perspective de pérennisation et d'essaimage", "Le kit sera mis à la disposition"),
    "partenaires": ("Partenaires mobilisés et contribution attendue", "Aract Hauts-de-France : co-conception"),
}

C02_COMMITTEE = {
    "applicant_kind": "think_tank",
    "applicant_kind_evidence": "un laboratoire d'idées indépendant",
    "targets": [
        "les élus de CSE des entreprises de 50 à 250 salariés",
        "les dirigeants de PME qui déploient un logiciel de gestion des temps ou de planification",
    ],
    "studies_existing": [],
    "studies_planned": [
        "Nous conduirons une revue des accords d'entreprise portant sur le numérique",
        "Une série de 30 entretiens sera menée avec des élus et des dirigeants",
    ],
}

# ======================================================================== h5s-03
# Ergonomics firm called "Observatoire ...", DOCX with bold-line headings in its own
# words and order, budget by phase in XLSX (formulas, cached by LibreOffice). Complete.
# Only existing studies.

C03_BUDGET = [
    # label, category, (P1, P2, P3)
    ("Ergonome senior – 42 jours à 750 €", "personnel", (9000, 12000, 10500)),
    ("Ergonome junior – 38 jours à 450 €", "personnel", (5400, 7200, 4500)),
    ("Déplacements Rennes – établissements (Bretagne, Pays de la Loire)", "deplacements_logistique", (1200, 1800, 600)),
    ("Frais de réunion des groupes de pairs (salles, collations)", "deplacements_logistique", (0, 900, 300)),
    ("Illustrateur indépendant pour la charte d'usage – prestation, droits de diffusion compris", "prestations", (0, 0, 4600)),
]
C03_COFIN = [
    ("Autofinancement OST (jours non facturés)", 7000),
    ("Union Mutualiste Bretonne – contribution acquise", 5000),
]
C03_ANACT = 46000


def c03_blocks():
    return [
        ("title", "Tablettes au chevet : construire avec les soignants les règles d'usage des outils de traçabilité en EHPAD"),
        ("p", "Proposition de l'Observatoire des Situations de Travail (OST) – AMI La Fabrique CTO, juillet 2022"),
        ("p", "L'Observatoire des Situations de Travail (OST) est un cabinet d'ergonomie fondé en 2009 à Rennes. Ses quatre ergonomes européens interviennent auprès d'établissements sanitaires et médico-sociaux, de collectivités et de PME industrielles, à la demande des directions ou des CSE."),
        ("h", "D'où nous partons"),
        ("p", "Depuis 2020, la plupart des EHPAD associatifs de l'Ouest ont remplacé les classeurs de transmissions par des tablettes : les soins, les repas, les changes, les chutes sont saisis au chevet du résident. Les directions y voient un progrès pour la qualité et la traçabilité. Les équipes soignantes décrivent une charge supplémentaire et un sentiment de surveillance."),
        ("p", "Entre octobre 2021 et février 2022, nous avons mené pour l'Union Mutualiste Bretonne une étude auprès de 14 EHPAD sur l'usage de ces outils. Le diagnostic ergonomique réalisé en 2021 dans deux établissements de Vitré a montré que les aides-soignantes saisissaient en moyenne 46 informations par poste de nuit, dont près d'un tiers en double. Ces travaux ont été présentés aux CSE concernés, qui ont demandé une suite."),
        ("h", "Ce que nous cherchons à comprendre"),
        ("p", "Qui décide de ce qui doit être tracé, et comment les professionnels qui saisissent peuvent-ils participer à ce choix ? Nous voulons comprendre à quelles conditions la traçabilité numérique peut devenir un objet de dialogue professionnel et social plutôt qu'une contrainte subie."),
        ("h", "Ce que nous visons"),
        ("ul", [
            "Réduire les saisies inutiles ou redondantes dans six établissements.",
            "Construire dans chaque établissement une charte d'usage négociée entre la direction, l'encadrement et les représentants du personnel.",
            "Former les cadres de proximité à animer des temps d'échange sur le travail autour de l'outil.",
        ]),
        ("h", "Les personnes concernées"),
        ("p", "Le projet concerne les aides-soignantes et agents de service hospitalier qui saisissent les informations, les infirmières coordinatrices qui les exploitent, et les directions d'EHPAD associatifs qui choisissent et paramètrent les logiciels. Les élus des CSE des six établissements sont associés à chaque étape."),
        ("h", "Comment nous travaillerons"),
        ("p", "Nous réunirons dans chaque établissement un groupe de pairs (six à huit soignants de jour et de nuit) qui dira, écran par écran, ce qu'il faut garder, simplifier ou supprimer dans ce qui est saisi. Des simulations sur une maquette du logiciel permettront de tester d'autres règles de saisie. Les propositions seront ensuite mises en discussion avec la direction et le CSE, jusqu'à l'adoption d'une charte d'usage."),
        ("h", "Calendrier"),
        ("ul", [
            "Septembre – novembre 2022 : constitution des groupes de pairs et premières propositions sur les écrans dans les six établissements.",
            "Décembre 2022 – mars 2023 : simulations, propositions de nouvelles règles de saisie, échanges avec les éditeurs.",
            "Avril – juin 2023 : négociation des chartes d'usage, formation des cadres, séminaire de clôture le 22 juin 2023.",
        ]),
        ("h", "Qui décide, qui suit"),
        ("p", "Un comité de suivi réunit tous les deux mois les directions des six établissements, un élu de chaque CSE, l'Aract Bretagne et l'Union Mutualiste Bretonne. L'OST assure le secrétariat et la coordination. Chaque établissement désigne un référent interne."),
        ("h", "Ce qui restera"),
        ("p", "Six chartes d'usage adoptées ; une liste des saisies supprimées ou simplifiées, transmise aux éditeurs ; un guide illustré pour animer les groupes de pairs ; quinze cadres de proximité formés."),
        ("h", "Au-delà de 2023"),
        ("p", "L'Union Mutualiste Bretonne proposera la démarche aux 31 autres établissements de son réseau. Le guide illustré sera diffusé par l'Aract Bretagne. Nous formerons deux référents par département pour que la démarche puisse être reprise sans nous."),
        ("h", "Nos partenaires"),
        ("ul", [
            "Aract Bretagne : participation au comité de suivi, diffusion du guide, appui à la formation des cadres.",
            "Union Mutualiste Bretonne : accès aux établissements, contribution financière, essaimage dans son réseau.",
            "Réseau des EHPAD associatifs d'Ille-et-Vilaine (REAIV) : relais auprès des directions, organisation du séminaire de clôture.",
        ]),
        ("h", "Budget"),
        ("p", "Le budget détaillé par phase figure dans le fichier joint « OST_budget_par_phase.xlsx ». Coût total : 58 000 € HT, dont 46 000 € demandés à l'Anact."),
        ("p", "Marion Le Goff, ergonome associée – OST, 12 rue de Châtillon, 35000 Rennes"),
    ]


C03_SECTIONS = {
    "contexte": ("D'où nous partons", "Depuis 2020, la plupart des EHPAD associatifs"),
    "objectifs": ("Ce que nous visons", "Réduire les saisies inutiles ou redondantes"),
    "problematique": ("Ce que nous cherchons à comprendre", "Qui décide de ce qui doit être tracé"),
    "cibles": ("Les personnes concernées", "Le projet concerne les aides-soignantes"),
    "methodologie": ("Comment nous travaillerons", "Nous réunirons dans chaque établissement"),
    "phasage": ("Calendrier", "Septembre – novembre 2022 : constitution"),
    "pilotage": ("Qui décide, qui suit", "Un comité de suivi réunit tous les deux mois"),
    "resultats": ("Ce qui restera", "Six chartes d'usage adoptées"),
    "perennisation": ("Au-delà de 2023", "L'Union Mutualiste Bretonne proposera la démarche"),
    "partenaires": ("Nos partenaires", "Aract Bretagne : participation au comité de suivi"),
}

C03_COMMITTEE = {
    "applicant_kind": "cabinet_conseil",
    "applicant_kind_evidence": "un cabinet d'ergonomie fondé en 2009 à Rennes",
    "targets": [
        "aides-soignantes et agents de service hospitalier qui saisissent les informations",
        "infirmières coordinatrices",
        "directions d'EHPAD associatifs qui choisissent et paramètrent les logiciels",
    ],
    "studies_existing": [
        "Entre octobre 2021 et février 2022, nous avons mené pour l'Union Mutualiste Bretonne une étude auprès de 14 EHPAD",
        "Le diagnostic ergonomique réalisé en 2021 dans deux établissements de Vitré",
    ],
    "studies_planned": [],
}

# ======================================================================== h5s-04
# Cobot integrator (SAS), ODT with question headings + XLSX budget by partner.
# Subject does not name the call -> subject_mismatch warning; complete.

C04_BUDGET = [
    # label, category, {payer: amount}
    ("Cheffe de projet accompagnement du changement (35 jours)", "personnel", {"Cobotik Ouest": 17500}),
    ("Technicien roboticien – adaptation des réglages avec les opérateurs (20 jours)", "personnel", {"Cobotik Ouest": 8000}),
    ("Enseignant-chercheur en ergonomie (12 jours)", "personnel", {"IUT de Cholet": 6000}),
    ("Déplacements dans les cinq PME pilotes", "deplacements_logistique", {"Cobotik Ouest": 2500, "IUT de Cholet": 800}),
    ("Traduction des consignes de sécurité en FALC par un prestataire spécialisé", "prestations", {"Cobotik Ouest": 3200}),
    ("Animation des ateliers de co-réglage par une facilitatrice extérieure (honoraires)", "prestations", {"Cobotik Ouest": 4000}),
]
C04_COFIN = [
    ("Autofinancement Cobotik Ouest", 8000),
    ("IUT de Cholet – valorisation du temps de l'enseignant-chercheur (en nature)", 2000),
]
C04_ANACT = 32000


def c04_blocks():
    return [
        ("title", "Cobot & dialogue : régler le robot avec ceux qui travaillent à côté"),
        ("p", "Intégrateur de robots collaboratifs, Cobotik Ouest (SAS au capital de 180 000 €, Cholet) installe depuis 2014 des cobots dans les ateliers de PME industrielles des Pays de la Loire et y accompagne les équipes dans le changement."),
        ("h", "Pourquoi ce projet maintenant ?"),
        ("p", "Les aides publiques à la modernisation ont fait entrer en deux ans plus de 300 cobots dans les PME de la région. Le robot est réglé par l'intégrateur en quelques jours ; les opérateurs vivent ensuite avec ces réglages pendant des années. En 2021, nous avons interrogé 64 opérateurs travaillant à côté d'un cobot installé par nos soins : 41 d'entre eux estiment que la cadence ou les zones de partage pourraient être mieux réglées, mais ne savent pas à qui le dire."),
        ("h", "Quel problème voulons-nous traiter ?"),
        ("p", "Le réglage d'un cobot est traité comme une question technique alors qu'il décide de la cadence, des gestes et de la sécurité des opérateurs. Comment en faire un objet de dialogue entre opérateurs, encadrement, représentants du personnel et intégrateur ?"),
        ("h", "Quels buts ?"),
        ("ul", [
            "Construire et tester une méthode de « co-réglage » associant les opérateurs au paramétrage du cobot.",
            "Intégrer ce temps de dialogue dans notre offre commerciale standard.",
            "Donner aux CSE des PME des repères pour être consultés utilement avant l'installation.",
        ]),
        ("h", "Pour qui ?"),
        ("p", "Pour les opérateurs et opératrices de production qui partagent leur poste avec un cobot, pour les chefs d'atelier qui organisent ce partage, et pour les représentants du personnel des PME industrielles de 20 à 200 salariés."),
        ("h", "Comment ?"),
        ("p", "La méthode sera construite avec l'IUT de Cholet et l'Aract Pays de la Loire, puis testée dans cinq PME pilotes."),
        ("ul", [
            "Étape 1 : diagnostic des situations de travail avant installation, réalisé par l'enseignant-chercheur de l'IUT avec les opérateurs.",
            "Étape 2 : ateliers de co-réglage sur le cobot, animés par une facilitatrice extérieure, avec les opérateurs et l'encadrement.",
            "Étape 3 : présentation des réglages retenus au CSE et ajustement après trois mois d'usage.",
        ]),
        ("h", "Quand ?"),
        ("p", "D'octobre 2022 à octobre 2023 (13 mois)."),
        ("table", ("Période", "Contenu"), [
            ("Octobre – décembre 2022", "Conception de la méthode, choix des cinq PME pilotes"),
            ("Janvier – juin 2023", "Déploiement dans les cinq PME (étapes 1 à 3)"),
            ("Juillet – octobre 2023", "Bilan, intégration à l'offre, rencontre régionale le 12 octobre 2023"),
        ]),
        ("h", "Qui pilote ?"),
        ("p", "Un comité de pilotage trimestriel réunit Cobotik Ouest, l'IUT de Cholet, l'Aract Pays de la Loire, le Cluster Mécatronique Mauges et un représentant du personnel de chaque PME pilote. La cheffe de projet de Cobotik Ouest assure la coordination."),
        ("h", "Avec quels partenaires ?"),
        ("ul", [
            "IUT de Cholet : diagnostic des situations de travail et évaluation de la méthode.",
            "Aract Pays de la Loire : appui méthodologique sur le dialogue social, lien avec les CSE.",
            "Cluster Mécatronique Mauges : recrutement des PME pilotes et diffusion des résultats.",
        ]),
        ("h", "Qu'en attendre ?"),
        ("p", "Une méthode de co-réglage documentée ; cinq retours d'expérience ; une fiche « Consulter le CSE avant un cobot » ; une offre commerciale qui inclut systématiquement deux jours de co-réglage."),
        ("h", "Et après ?"),
        ("p", "La méthode sera proposée à tous nos clients à partir de 2024 et partagée avec les autres intégrateurs adhérents du Cluster Mécatronique Mauges."),
        ("p", "Le budget par partenaire est joint au format Excel."),
    ]


C04_SECTIONS = {
    "contexte": ("Pourquoi ce projet maintenant ?", "Les aides publiques à la modernisation"),
    "objectifs": ("Quels buts ?", "Construire et tester une méthode"),
    "problematique": ("Quel problème voulons-nous traiter ?", "Le réglage d'un cobot est traité"),
    "cibles": ("Pour qui ?", "Pour les opérateurs et opératrices de production"),
    "methodologie": ("Comment ?", "La méthode sera construite avec l'IUT de Cholet"),
    "phasage": ("Quand ?", "D'octobre 2022 à octobre 2023"),
    "pilotage": ("Qui pilote ?", "Un comité de pilotage trimestriel réunit"),
    "resultats": ("Qu'en attendre ?", "Une méthode de co-réglage documentée"),
    "perennisation": ("Et après ?", "La méthode sera proposée à tous nos clients"),
    "partenaires": ("Avec quels partenaires ?", "IUT de Cholet : diagnostic des situations"),
}

C04_COMMITTEE = {
    "applicant_kind": "fournisseur_techno",
    "applicant_kind_evidence": "Intégrateur de robots collaboratifs",
    "targets": [
        "opérateurs et opératrices de production qui partagent leur poste avec un cobot",
        "chefs d'atelier qui organisent ce partage",
        "représentants du personnel des PME industrielles de 20 à 200 salariés",
    ],
    "studies_existing": [
        "En 2021, nous avons interrogé 64 opérateurs travaillant à côté d'un cobot installé par nos soins",
    ],
    "studies_planned": [
        "Étape 1 : diagnostic des situations de travail avant installation",
    ],
}
