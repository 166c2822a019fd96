"""Case data h5s-05 .. h5s-08 (text, budgets, labels)."""

from render_s import eur

# ======================================================================== h5s-05
# Association named "... Conseil", short proposal in an HTML-only body with an inline logo.
# Co-financing 13.3 % -> cofinancing_below_minimum (blocking) -> incomplete. No studies.

C05_BUDGET = [
    ("Temps de la coordinatrice (30 jours)", "personnel", 9000),
    ("Temps des deux animateurs numériques (50 jours)", "personnel", 12500),
    ("Déplacements en zone rurale (Creuse, Corrèze)", "deplacements_logistique", 3500),
    ("Location de salles et repas des ateliers", "deplacements_logistique", 1000),
    ("Création d'un jeu de cartes pédagogique par le Studio Pampa (prestation)", "prestations", 4000),
]
C05_COFIN = [("Fonds propres de l'association", 4000)]
C05_ANACT = 26000


def c05_blocks():
    rows = [(l, eur(a, sep="\u00a0")) for l, _, a in C05_BUDGET]
    rows.append(("Total des dépenses", eur(30000, sep="\u00a0")))
    rows.append(("Subvention Anact sollicitée", eur(C05_ANACT, sep="\u00a0")))
    rows.append(("Fonds propres de l'association", eur(4000, sep="\u00a0")))
    return [
        ("h", "Le constat"),
        ("p", "Dans les petites communes, la dématérialisation des démarches (état civil, urbanisme, demandes d'aides) a déplacé une grande partie du travail vers les secrétaires de mairie et les agents d'accueil. Les outils changent sans cesse et personne ne leur demande leur avis."),
        ("h", "Notre question"),
        ("p", "Comment donner aux agents qui font vivre les démarches en ligne une place dans les décisions sur les outils qu'ils utilisent ?"),
        ("h", "Ce que nous voulons faire"),
        ("p", "Créer, dans deux départements, des « cercles d'usagers-agents » où les secrétaires de mairie et les agents d'accueil échangent sur leurs outils et portent ensemble des demandes d'évolution auprès des élus et des éditeurs."),
        ("h", "Pour qui"),
        ("p", "Les secrétaires de mairie des communes de moins de 1 000 habitants et les agents d'accueil des maisons France Services de la Creuse et de la Corrèze."),
        ("h", "Notre démarche"),
        ("p", "Huit cercles de six à dix agents, réunis quatre fois chacun. Un jeu de cartes sert de support pour raconter les situations difficiles et formuler des demandes. Une rencontre avec les élus clôt chaque cycle."),
        ("h", "Étapes et calendrier"),
        ("ul", [
            "Novembre – décembre 2022 : constitution des cercles avec les associations de maires.",
            "Janvier – avril 2023 : quatre séances par cercle.",
            "Mai – juin 2023 : rencontres avec les élus. Fin du projet le 30 juin 2023.",
        ]),
        ("h", "Pilotage"),
        ("p", "Un comité de pilotage (association, Aract, deux maires, deux agents) se réunit trois fois. La coordinatrice anime l'équipe projet."),
        ("h", "Résultats attendus"),
        ("p", "Huit cercles actifs, une trentaine de demandes d'évolution transmises, un jeu de cartes diffusable."),
        ("h", "Et ensuite ?"),
        ("p", "Les cercles pourront continuer sans nous ; le jeu de cartes sera proposé aux centres de gestion de la fonction publique territoriale de la région."),
        ("h", "Partenaires"),
        ("ul", [
            "Association des maires ruraux de la Creuse : mobilisation des communes.",
            "Aract Nouvelle-Aquitaine : appui méthodologique et participation au comité de pilotage.",
        ]),
        ("h", "Budget"),
        ("table", ("Poste", "Montant"), rows),
    ]


C05_SECTIONS = {
    "contexte": ("Le constat", "Dans les petites communes, la dématérialisation"),
    "objectifs": ("Ce que nous voulons faire", "Créer, dans deux départements"),
    "problematique": ("Notre question", "Comment donner aux agents qui font vivre"),
    "cibles": ("Pour qui", "Les secrétaires de mairie des communes"),
    "methodologie": ("Notre démarche", "Huit cercles de six à dix agents"),
    "phasage": ("Étapes et calendrier", "Novembre – décembre 2022 : constitution"),
    "pilotage": ("Pilotage", "Un comité de pilotage (association, Aract"),
    "resultats": ("Résultats attendus", "Huit cercles actifs"),
    "perennisation": ("Et ensuite ?", "Les cercles pourront continuer sans nous"),
    "partenaires": ("Partenaires", "Association des maires ruraux de la Creuse"),
}

C05_COMMITTEE = {
    "applicant_kind": "ess",
    "applicant_kind_evidence": "association régie par la loi du 1er juillet 1901",
    "targets": [
        "Les secrétaires de mairie des communes de moins de 1 000 habitants",
        "agents d'accueil des maisons France Services de la Creuse et de la Corrèze",
    ],
    "studies_existing": [],
    "studies_planned": [],
}

# ======================================================================== h5s-06
# Union federation, ZIP (DOCX with styled headings + XLSX budget). Date header in UTC:
# 23 Aug 22:31 UTC = 24 Aug 00:31 Paris -> late. Otherwise complete.

C06_BUDGET = [
    ("Secrétaire fédéral chargé du projet (40 jours)", "personnel", 14000),
    ("Chargée de mission formation (45 jours)", "personnel", 13500),
    ("Déplacements des formateurs et des participants (six régions)", "deplacements_logistique", 9000),
    ("Salles et hébergement des sessions de formation", "deplacements_logistique", 4500),
    ("Intervention d'un cabinet d'expertise auprès des CSE – 8 jours d'honoraires", "prestations", 9600),
    ("Maquettage et impression du kit de négociation", "prestations", 2400),
]
C06_COFIN = [
    ("Fonds propres de la fédération", 7000),
    ("Valorisation du temps des militants (contribution en nature)", 4000),
]
C06_ANACT = 42000


def c06_blocks():
    return [
        ("title", "Voix et cadences : négocier l'usage de la commande vocale et des terminaux dans les entrepôts"),
        ("p", "La Fédération nationale Commerce, Services et Logistique (FNCSL) est une fédération syndicale de salariés qui regroupe 86 syndicats et quelque 21 000 adhérents dans le commerce de gros, la logistique et les services."),
        ("h", "Contexte : le numérique dans les entrepôts"),
        ("p", "La préparation de commandes guidée par la voix, les terminaux portés au poignet et le suivi de la productivité en temps réel se sont généralisés dans les entrepôts. Notre enquête « Numérique et charge de travail » menée en 2021 auprès de 1 450 adhérents montre que 62 % des préparateurs estiment que ces outils ont accéléré leur cadence et que seuls 18 % des CSE ont été consultés sur leurs paramètres."),
        ("h", "Nos objectifs"),
        ("ul", [
            "Former 120 délégués syndicaux et élus de CSE à l'analyse des outils de guidage et de suivi.",
            "Outiller la négociation d'accords sur les conditions d'usage de ces outils.",
            "Créer un réseau de référents « numérique et conditions de travail » dans six régions.",
        ]),
        ("h", "La question posée"),
        ("p", "Comment les représentants du personnel peuvent-ils peser sur les paramètres d'outils qui fixent la cadence, alors que ces paramètres sont présentés comme des données techniques ?"),
        ("h", "Public concerné"),
        ("p", "Les délégués syndicaux et élus CSE des entrepôts de moins de 300 salariés, ainsi que les salariés de la préparation de commandes équipés de commande vocale, qui seront associés aux diagnostics."),
        ("h", "Démarche proposée"),
        ("p", "Une enquête flash sera conduite auprès des délégués syndicaux pour recenser les outils en place et les accords existants. Les sessions de formation de deux jours alternent apports, analyse de cas et préparation d'une négociation réelle. Un cabinet d'expertise auprès des CSE accompagne huit équipes syndicales dans la préparation de leurs demandes."),
        ("h", "Calendrier prévisionnel"),
        ("ul", [
            "Octobre – décembre 2022 : enquête flash, conception des sessions et du kit.",
            "Janvier – septembre 2023 : douze sessions de formation dans six régions, accompagnement de huit négociations.",
            "Octobre – décembre 2023 : bilan, publication du kit, rencontre nationale. Le projet s'achève le 15 décembre 2023.",
        ]),
        ("h", "Organisation du pilotage"),
        ("p", "Le bureau fédéral désigne un comité de pilotage de cinq membres, qui associe l'Aract Centre-Val de Loire et se réunit tous les deux mois. Un point d'étape est présenté au conseil fédéral en mars et en novembre 2023."),
        ("h", "Résultats attendus"),
        ("p", "120 militants formés, huit négociations accompagnées dont au moins quatre aboutissant à un accord, un kit de négociation diffusé à tous les syndicats de la fédération."),
        ("h", "Pérennité et diffusion"),
        ("p", "Le module de formation rejoindra le catalogue de l'institut de formation de la fédération. Le réseau de référents sera animé par le secteur « conditions de travail » de la fédération après 2023."),
        ("h", "Partenaires et rôle de chacun"),
        ("ul", [
            "Aract Centre-Val de Loire : conception des sessions, participation au comité de pilotage.",
            "Association des logisticiens du Val de Loire : accès aux entreprises et participation d'employeurs à deux sessions.",
        ]),
        ("p", "Le budget figure dans le classeur joint."),
    ]


C06_SECTIONS = {
    "contexte": ("Contexte : le numérique dans les entrepôts", "La préparation de commandes guidée par la voix"),
    "objectifs": ("Nos objectifs", "Former 120 délégués syndicaux"),
    "problematique": ("La question posée", "Comment les représentants du personnel"),
    "cibles": ("Public concerné", "Les délégués syndicaux et élus CSE"),
    "methodologie": ("Démarche proposée", "Une enquête flash sera conduite"),
    "phasage": ("Calendrier prévisionnel", "Octobre – décembre 2022 : enquête flash"),
    "pilotage": ("Organisation du pilotage", "Le bureau fédéral désigne un comité"),
    "resultats": ("Résultats attendus", "120 militants formés"),
    "perennisation": ("Pérennité et diffusion", "Le module de formation rejoindra"),
    "partenaires": ("Partenaires et rôle de chacun", "Aract Centre-Val de Loire : conception"),
}

C06_COMMITTEE = {
    "applicant_kind": "partenaire_social",
    "applicant_kind_evidence": "une fédération syndicale de salariés",
    "targets": [
        "Les délégués syndicaux et élus CSE des entrepôts de moins de 300 salariés",
        "les salariés de la préparation de commandes équipés de commande vocale",
    ],
    "studies_existing": [
        "Notre enquête « Numérique et charge de travail » menée en 2021 auprès de 1 450 adhérents",
    ],
    "studies_planned": [
        "Une enquête flash sera conduite auprès des délégués syndicaux",
    ],
}

# ======================================================================== h5s-07
# Public hospital. DOCX converted to PDF by LibreOffice, sent as application/octet-stream.
# Anact asked 86 400 € > 80 000 € -> anact_request_over_cap (blocking) -> incomplete.

C07_BUDGET = [
    ("Cadre de santé chef de projet (0,3 ETP sur 14 mois)", "personnel", 22400),
    ("Psychologue du travail de l'établissement (40 jours)", "personnel", 12000),
    ("Remplacement des soignants participant aux ateliers (mensualités de remplacement)", "personnel", 18600),
    ("Déplacements vers les établissements du groupement hospitalier de territoire", "deplacements_logistique", 2800),
    ("Logistique des ateliers et de la journée régionale", "deplacements_logistique", 4200),
    ("Assistance à maîtrise d'ouvrage par un cabinet spécialisé en conduite du changement (45 jours d'honoraires)", "prestations", 40500),
    ("Réalisation d'un film de capitalisation", "prestations", 7500),
]
C07_COFIN = [
    ("Fonds d'intervention régional – ARS (demande déposée)", 15000),
    ("Autofinancement du centre hospitalier", 6600),
]
C07_ANACT = 86400


def c07_blocks():
    rows = [(l, eur(a, sym="")) for l, _, a in C07_BUDGET]
    rows.append(("Total des dépenses", eur(108000, sym="")))
    fin = [("Anact – La Fabrique CTO (sollicité)", eur(C07_ANACT, sym=""))]
    fin += [(l, eur(a, sym="")) for l, a in C07_COFIN]
    fin.append(("Total des recettes", eur(108000, sym="")))
    return [
        ("title", "Le dossier de soins à l'épreuve de la nuit"),
        ("p", "Candidature à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail »"),
        ("p", "Le Centre hospitalier de Vernon-sur-Aulne, établissement public de santé de 740 lits et places, est l'établissement support du groupement hospitalier de territoire Aulne-Seine."),
        ("h", "1. Contexte"),
        ("p", "Le dossier de soins informatisé a été déployé dans tous nos services entre 2019 et 2021. Le baromètre social réalisé en 2021 auprès de l'ensemble du personnel a fait apparaître une forte dégradation du ressenti des équipes de nuit : 58 % des infirmières de nuit jugent que l'outil a « alourdi » leur travail, contre 31 % des équipes de jour. Les représentants du personnel ont porté ce sujet en formation spécialisée en santé, sécurité et conditions de travail."),
        ("h", "2. Objectifs du projet"),
        ("ul", [
            "Construire avec les équipes de nuit des règles d'usage du dossier de soins adaptées à leur activité.",
            "Installer une instance de dialogue permanente sur les outils numériques entre la direction des soins, la DSI et les représentants du personnel.",
            "Partager la démarche avec les EHPAD publics du groupement.",
        ]),
        ("h", "3. Problématique"),
        ("p", "L'outil a été paramétré pour l'activité de jour. La nuit, avec moins de personnel et des patients endormis, les saisies obligatoires entrent en concurrence avec la surveillance. Comment faire de ces tensions un objet de dialogue professionnel et social, et non un simple sujet de maintenance informatique ?"),
        ("h", "4. Publics cibles"),
        ("p", "Le projet s'adresse aux infirmières et aides-soignantes de nuit, aux cadres de proximité qui organisent leur travail, aux représentants du personnel siégeant en formation spécialisée, et aux EHPAD publics du groupement hospitalier de territoire."),
        ("h", "5. Déroulé méthodologique"),
        ("ul", [
            "Étape 1 : installation du comité de pilotage et information des équipes.",
            "Étape 2 : diagnostic partagé des usages du dossier de soins la nuit, dans quatre services et deux EHPAD.",
            "Étape 3 : ateliers de reconception des écrans et des règles de saisie, avec l'éditeur.",
            "Étape 4 : expérimentation des nouvelles règles pendant trois mois, puis évaluation.",
        ]),
        ("h", "6. Phasage"),
        ("table", ("Période", "Étapes"), [
            ("Novembre – décembre 2022", "Étape 1"),
            ("Janvier – avril 2023", "Étape 2"),
            ("Mai – août 2023", "Étape 3"),
            ("Septembre – décembre 2023", "Étape 4 ; clôture du projet le 22 décembre 2023"),
        ]),
        ("h", "7. Pilotage et comitologie"),
        ("p", "Le comité de pilotage est présidé par la directrice des soins. Il comprend la DSI, la direction des ressources humaines, trois représentants du personnel, le médecin du travail et l'Aract Normandie. Il se réunit tous les deux mois. Un groupe projet de soignants de nuit se réunit chaque mois."),
        ("h", "8. Résultats attendus"),
        ("p", "Des règles de saisie de nuit validées et paramétrées ; une instance de dialogue sur les outils numériques inscrite dans le règlement intérieur ; un film de capitalisation ; une méthode transférable aux EHPAD du groupement."),
        ("h", "9. Pérennisation et essaimage"),
        ("p", "L'instance de dialogue sera pérennisée au-delà du projet. La méthode sera présentée aux autres groupements hospitaliers de la région par l'intermédiaire de la fédération hospitalière régionale."),
        ("h", "10. Partenaires"),
        ("ul", [
            "Aract Normandie : appui méthodologique, participation au comité de pilotage.",
            "Institut de formation en soins infirmiers de Vernon-sur-Aulne : participation des étudiants aux ateliers, intégration de la démarche dans la formation.",
            "EHPAD publics Les Tilleuls et La Roseraie : terrains d'expérimentation.",
        ]),
        ("h", "11. Budget prévisionnel"),
        ("table", ("Dépenses", "Montant (€)"), rows),
        ("table", ("Recettes", "Montant (€)"), fin),
        ("p", "Signé : Isabelle Ferrand, directrice des soins"),
    ]


C07_SECTIONS = {
    "contexte": ("1. Contexte", "Le dossier de soins informatisé a été déployé"),
    "objectifs": ("2. Objectifs du projet", "Construire avec les équipes de nuit"),
    "problematique": ("3. Problématique", "L'outil a été paramétré pour l'activité de jour"),
    "cibles": ("4. Publics cibles", "Le projet s'adresse aux infirmières"),
    "methodologie": ("5. Déroulé méthodologique", "Étape 1 : installation du comité de pilotage"),
    "phasage": ("6. Phasage", "Novembre – décembre 2022"),
    "pilotage": ("7. Pilotage et comitologie", "Le comité de pilotage est présidé"),
    "resultats": ("8. Résultats attendus", "Des règles de saisie de nuit validées"),
    "perennisation": ("9. Pérennisation et essaimage", "L'instance de dialogue sera pérennisée"),
    "partenaires": ("10. Partenaires", "Aract Normandie : appui méthodologique"),
}

C07_COMMITTEE = {
    "applicant_kind": "public",
    "applicant_kind_evidence": "établissement public de santé de 740 lits et places",
    "targets": [
        "infirmières et aides-soignantes de nuit",
        "cadres de proximité qui organisent leur travail",
        "représentants du personnel siégeant en formation spécialisée",
        "EHPAD publics du groupement hospitalier de territoire",
    ],
    "studies_existing": [
        "Le baromètre social réalisé en 2021 auprès de l'ensemble du personnel",
    ],
    "studies_planned": [
        "Étape 2 : diagnostic partagé des usages du dossier de soins la nuit",
    ],
}

# ======================================================================== h5s-08
# Applicant whose nature is never stated. DOCX with styled headings in its own words,
# budget table in the DOCX with a 0 € prestations line; non-ASCII filename (RFC 2231).

C08_BUDGET = [
    ("Coordinatrice du projet (35 jours)", "personnel", 15750),
    ("Animateur des ateliers (30 jours)", "personnel", 10500),
    ("Déplacements et location de salles", "deplacements_logistique", 3750),
    ("Prestations extérieures (aucune)", "prestations", 0),
]
C08_COFIN = [
    ("CAPEB de la Loire (acquis)", 4000),
    ("Apport propre", 2500),
]
C08_ANACT = 23500


def c08_blocks():
    rows = [(l, eur(a)) for l, _, a in C08_BUDGET]
    rows.append(("Coût total", eur(30000)))
    rows.append(("Demande à l'Anact", eur(C08_ANACT)))
    rows += [(l, eur(a)) for l, a in C08_COFIN]
    return [
        ("title", "Facture électronique, travail réel : le dialogue dans les petites entreprises du bâtiment"),
        ("h", "Pourquoi nous proposons ce projet"),
        ("p", "L'obligation de facturation électronique va toucher toutes les entreprises du bâtiment d'ici 2026. Chez les artisans, ce sont souvent les conjointes collaboratrices et les secrétaires, parfois un compagnon, qui absorbent ces changements, sans formation ni discussion."),
        ("h", "Le problème"),
        ("p", "Dans une entreprise de cinq ou dix personnes, il n'y a ni CSE ni service informatique : qui discute des conséquences d'un nouvel outil sur le travail ?"),
        ("h", "Nos buts"),
        ("p", "Expérimenter, dans douze entreprises artisanales, des « temps d'équipe numériques » où l'artisan et ses salariés choisissent ensemble l'outil et la manière de l'utiliser."),
        ("h", "Les bénéficiaires"),
        ("p", "Les salariés des TPE du bâtiment qui passent à la facturation électronique, en particulier les secrétaires et assistantes administratives, et les artisans employeurs de la Loire."),
        ("h", "La méthode"),
        ("p", "Nous prévoyons un diagnostic croisé dans chaque entreprise : l'artisan et un salarié décrivent séparément comment se fait aujourd'hui la facturation. Trois temps d'équipe permettent ensuite de choisir et de régler l'outil."),
        ("h", "Le calendrier"),
        ("p", "Janvier – mars 2023 : diagnostics croisés. Avril – juillet 2023 : temps d'équipe. Septembre 2023 : bilan et rencontre départementale. Le projet se termine le 29 septembre 2023."),
        ("h", "Le pilotage"),
        ("p", "Un comité réunit quatre fois l'Aract Auvergne-Rhône-Alpes, la chambre de métiers et deux artisans volontaires. La coordinatrice rend compte après chaque étape."),
        ("h", "Ce que nous attendons"),
        ("p", "Douze entreprises accompagnées, un déroulé de « temps d'équipe » testé et un court guide pour les artisans."),
        ("h", "Pour que cela dure"),
        ("p", "La chambre de métiers intégrera le déroulé à ses ateliers numériques à partir de 2024."),
        ("h", "Ceux qui nous accompagnent"),
        ("ul", [
            "Aract Auvergne-Rhône-Alpes : appui méthodologique.",
            "Chambre de métiers et de l'artisanat de la Loire : mise en relation avec les artisans, accueil des ateliers.",
        ]),
        ("h", "Ce que cela coûte"),
        ("table", ("Poste", "Montant"), rows),
        ("p", "Jeanne Roussel – Trame & Usages – 42000 Saint-Étienne"),
    ]


C08_SECTIONS = {
    "contexte": ("Pourquoi nous proposons ce projet", "L'obligation de facturation électronique"),
    "objectifs": ("Nos buts", "Expérimenter, dans douze entreprises artisanales"),
    "problematique": ("Le problème", "Dans une entreprise de cinq ou dix personnes"),
    "cibles": ("Les bénéficiaires", "Les salariés des TPE du bâtiment"),
    "methodologie": ("La méthode", "Nous prévoyons un diagnostic croisé"),
    "phasage": ("Le calendrier", "Janvier – mars 2023 : diagnostics croisés"),
    "pilotage": ("Le pilotage", "Un comité réunit quatre fois"),
    "resultats": ("Ce que nous attendons", "Douze entreprises accompagnées"),
    "perennisation": ("Pour que cela dure", "La chambre de métiers intégrera"),
    "partenaires": ("Ceux qui nous accompagnent", "Aract Auvergne-Rhône-Alpes : appui"),
}

C08_COMMITTEE = {
    "applicant_kind": "inconnu",
    "applicant_kind_evidence": None,
    "targets": [
        "Les salariés des TPE du bâtiment qui passent à la facturation électronique",
        "secrétaires et assistantes administratives",
        "artisans employeurs de la Loire",
    ],
    "studies_existing": [],
    "studies_planned": [
        "Nous prévoyons un diagnostic croisé dans chaque entreprise",
    ],
}
