"""French text library for the labelled corpus: applicants, partners, themes, headings, prose.

Every string is fictitious. Placeholders in braces are filled by ``generate.py``:
{projet}, {porteur}, {territoire}, {aract}, {theme}, {secteur}, {outil}, {public},
{n_ent}, {n_ateliers}.
"""

from __future__ import annotations

SECTION_IDS: tuple[str, ...] = (
    "contexte",
    "objectifs",
    "problematique",
    "cibles",
    "methodologie",
    "phasage",
    "pilotage",
    "resultats",
    "perennisation",
    "partenaires",
)

# Heading wordings per section id (first one is the "plain" wording).
HEADINGS: dict[str, list[str]] = {
    "contexte": [
        "Contexte",
        "Contexte et enjeux",
        "Éléments de contexte",
        "Le contexte du projet",
        "Genèse du projet",
    ],
    "objectifs": [
        "Objectifs",
        "Objectifs du projet",
        "Finalités et objectifs",
        "Ce que nous visons",
    ],
    "problematique": [
        "Problématique",
        "Problématique conditions de travail",
        "La question posée",
        "Problématique retenue",
    ],
    "cibles": [
        "Cibles",
        "Publics visés",
        "Bénéficiaires",
        "Publics cibles et bénéficiaires",
    ],
    "methodologie": [
        "Méthodologie",
        "Déroulé méthodologique",
        "Démarche proposée",
        "Méthode d'intervention",
    ],
    "phasage": [
        "Phasage",
        "Calendrier et étapes",
        "Planning prévisionnel",
        "Étapes et calendrier",
    ],
    "pilotage": [
        "Pilotage et comitologie",
        "Gouvernance du projet",
        "Pilotage",
        "Instances de suivi",
    ],
    "resultats": [
        "Résultats escomptés",
        "Impacts attendus",
        "Livrables et résultats attendus",
        "Résultats attendus",
    ],
    "perennisation": [
        "Pérennisation et essaimage",
        "Essaimage",
        "Suites du projet et diffusion",
        "Perspectives de pérennisation",
    ],
    "partenaires": [
        "Partenaires",
        "Partenaires mobilisés",
        "Les partenaires et leur contribution",
        "Partenaires et contributions attendues",
    ],
}

# Headings that cover two section ids at once.
COMBINED_HEADINGS: dict[tuple[str, str], list[str]] = {
    ("contexte", "problematique"): ["Contexte et problématique"],
    ("methodologie", "phasage"): ["Méthodologie et phasage"],
}

# Headings that are not one of the ten parts.
OTHER_HEADINGS: dict[str, list[str]] = {
    "porteur": ["Présentation du porteur", "Le porteur de projet", "Qui sommes-nous ?"],
    "budget": [
        "Budget prévisionnel",
        "Budget détaillé",
        "Plan de financement",
        "Budget et co-financements",
    ],
}

APPLICANTS: list[dict[str, str]] = [
    {
        "short": "Trajectoires Travail",
        "long": "Trajectoires Travail SARL, cabinet conseil en organisation du travail",
        "kind": "cabinet",
        "city": "Caen",
        "territoire": "Normandie",
        "aract": "Aract Normandie",
        "domain": "trajectoires-travail.fr",
        "contact": "Claire Lemonnier",
        "role": "gérante associée",
    },
    {
        "short": "le laboratoire PRAXIS",
        "long": "Laboratoire PRAXIS – Travail, Organisations, Technologies (Université de Haute-Garonne, UR 4821)",
        "kind": "labo",
        "city": "Toulouse",
        "territoire": "Occitanie",
        "aract": "Aract Occitanie",
        "domain": "praxis-univ.fr",
        "contact": "Mehdi Benali",
        "role": "maître de conférences, responsable scientifique",
    },
    {
        "short": "l'association Numérique Solidaire",
        "long": "Association Numérique Solidaire Hauts-de-France (loi 1901)",
        "kind": "association",
        "city": "Lille",
        "territoire": "Hauts-de-France",
        "aract": "Aract Hauts-de-France",
        "domain": "numerique-solidaire.org",
        "contact": "Sophie Vandamme",
        "role": "déléguée générale",
    },
    {
        "short": "Le Lab des Communs du Travail",
        "long": "Le Lab des Communs du Travail, think tank indépendant",
        "kind": "thinktank",
        "city": "Paris",
        "territoire": "Île-de-France",
        "aract": "Aract Île-de-France",
        "domain": "labcommunstravail.org",
        "contact": "Antoine Marchetti",
        "role": "directeur des études",
    },
    {
        "short": "Ergolys",
        "long": "Ergolys SAS, éditeur de logiciels de gestion des temps et d'accompagnement du changement",
        "kind": "editeur",
        "city": "Nantes",
        "territoire": "Pays de la Loire",
        "aract": "Aract Pays de la Loire",
        "domain": "ergolys.fr",
        "contact": "Julien Guérin",
        "role": "responsable des projets d'accompagnement",
    },
    {
        "short": "la coopérative Dialogues Ouverts",
        "long": "Dialogues Ouverts SCOP, coopérative de conseil en dialogue social",
        "kind": "cabinet",
        "city": "Lyon",
        "territoire": "Auvergne-Rhône-Alpes",
        "aract": "Aract Auvergne-Rhône-Alpes",
        "domain": "dialogues-ouverts.coop",
        "contact": "Nadia Ferhat",
        "role": "consultante associée",
    },
    {
        "short": "Atelier Sens & Organisation",
        "long": "Atelier Sens & Organisation, cabinet d'ergonomie et de conseil",
        "kind": "cabinet",
        "city": "Rennes",
        "territoire": "Bretagne",
        "aract": "Aract Bretagne",
        "domain": "sens-organisation.fr",
        "contact": "Gwenaëlle Le Goff",
        "role": "ergonome, cogérante",
    },
    {
        "short": "l'Institut Travail & Numérique",
        "long": "Institut Travail & Numérique (ITN), centre de recherche appliquée",
        "kind": "labo",
        "city": "Strasbourg",
        "territoire": "Grand Est",
        "aract": "Aract Grand Est",
        "domain": "itn-recherche.fr",
        "contact": "Thomas Keller",
        "role": "chargé de recherche",
    },
    {
        "short": "Robotique & Humains",
        "long": "Robotique & Humains SAS, intégrateur de robotique collaborative",
        "kind": "editeur",
        "city": "Besançon",
        "territoire": "Bourgogne-Franche-Comté",
        "aract": "Aract Bourgogne-Franche-Comté",
        "domain": "robotique-humains.fr",
        "contact": "Pauline Girardot",
        "role": "directrice de l'accompagnement client",
    },
    {
        "short": "le cabinet Alinéa Social",
        "long": "Alinéa Social, cabinet d'expertise auprès des CSE",
        "kind": "cabinet",
        "city": "Bordeaux",
        "territoire": "Nouvelle-Aquitaine",
        "aract": "Aract Nouvelle-Aquitaine",
        "domain": "alinea-social.fr",
        "contact": "Olivier Darriet",
        "role": "expert auprès des CSE",
    },
    {
        "short": "l'association Tiers-Lieux du Travail",
        "long": "Association Tiers-Lieux du Travail Centre-Val de Loire",
        "kind": "association",
        "city": "Orléans",
        "territoire": "Centre-Val de Loire",
        "aract": "Aract Centre-Val de Loire",
        "domain": "tiers-lieux-travail.fr",
        "contact": "Élodie Moreau",
        "role": "coordinatrice",
    },
    {
        "short": "Méditerranée Prospective Travail",
        "long": "Méditerranée Prospective Travail, think tank et bureau d'études",
        "kind": "thinktank",
        "city": "Marseille",
        "territoire": "Provence-Alpes-Côte d'Azur",
        "aract": "Aract Provence-Alpes-Côte d'Azur",
        "domain": "medprospective.fr",
        "contact": "Karim Haddad",
        "role": "président",
    },
]

# Partner pools per territory: (name, contribution) pairs; the Aract is added separately.
PARTNER_POOL: dict[str, list[tuple[str, str]]] = {
    "Normandie": [
        ("Union départementale CFDT du Calvados", "mobilisation des représentants du personnel"),
        ("CCI Caen Normandie", "repérage des PME volontaires"),
        ("Université de Caen Normandie", "appui méthodologique et évaluation"),
        ("Fonderies Lebrun SAS", "entreprise pilote, terrain d'expérimentation"),
    ],
    "Occitanie": [
        ("CPME Haute-Garonne", "relais auprès des dirigeants de PME"),
        ("Union régionale Solidaires Occitanie", "participation au groupe de travail paritaire"),
        ("Mutualité Sociale Agricole Midi-Pyrénées Sud", "expertise santé au travail"),
        ("Coopérative Agrisud Conseil", "terrain d'expérimentation"),
    ],
    "Hauts-de-France": [
        ("Union régionale CGT Hauts-de-France", "participation aux ateliers paritaires"),
        ("Maison de l'emploi de Roubaix", "mise en relation avec les structures"),
        ("OPCO Atlas", "ingénierie de formation"),
        ("Transports Ribot et Fils", "entreprise pilote"),
    ],
    "Île-de-France": [
        (
            "Conservatoire national des arts et métiers (équipe Travail et numérique)",
            "appui scientifique",
        ),
        ("Fédération des Scop du BTP", "relais auprès des entreprises du réseau"),
        ("Union départementale CFE-CGC de Paris", "mobilisation des élus cadres"),
        ("Cité des métiers de Paris", "diffusion des résultats"),
    ],
    "Pays de la Loire": [
        ("Clinique du Parc Nantes", "établissement pilote"),
        ("Union régionale CFDT Pays de la Loire", "formation des élus"),
        ("Réseau Ergonomes de l'Ouest", "co-animation des ateliers"),
        ("CCI Nantes Saint-Nazaire", "repérage d'entreprises"),
    ],
    "Auvergne-Rhône-Alpes": [
        ("Union départementale CFDT du Rhône", "mobilisation des élus de CSE"),
        ("Medef Lyon-Rhône", "relais auprès des directions"),
        ("Université Lumière Lyon 2 (master ergonomie)", "appui méthodologique"),
        ("Imprimerie Vercors Graphic", "entreprise pilote"),
    ],
    "Bretagne": [
        ("Collectif des ergonomes bretons", "co-animation des ateliers"),
        ("Technopole Rennes Atalante", "repérage des entreprises numériques"),
        ("Union régionale CGT Bretagne", "participation au comité paritaire"),
        ("Laiterie Coopérative de Ploërmel", "entreprise pilote"),
    ],
    "Grand Est": [
        ("Université de Strasbourg (laboratoire SAGE)", "appui scientifique"),
        ("Chambre de métiers et de l'artisanat d'Alsace", "relais auprès des TPE"),
        ("Union régionale FO Grand Est", "mobilisation des élus"),
        ("Clinique Sainte-Odile", "établissement pilote"),
    ],
    "Bourgogne-Franche-Comté": [
        ("Pôle des microtechniques", "animation du réseau industriel"),
        ("UIMM Franche-Comté", "mobilisation des PME industrielles"),
        ("Union départementale CFDT du Doubs", "formation des représentants du personnel"),
        ("Décolletage Jurassien SAS", "entreprise pilote"),
    ],
    "Nouvelle-Aquitaine": [
        ("Union régionale UNSA Nouvelle-Aquitaine", "mobilisation des élus de CSE"),
        ("Association régionale des DRH d'Aquitaine", "relais auprès des directions"),
        ("Université de Bordeaux (équipe Psychologie du travail)", "évaluation"),
        ("Vignobles Dubreuil", "entreprise pilote"),
    ],
    "Centre-Val de Loire": [
        ("Communauté de communes des Terres du Val de Loire", "mise à disposition de lieux"),
        ("CPME Loiret", "repérage des TPE-PME"),
        ("Union départementale CFTC du Loiret", "participation aux ateliers"),
        ("Boulangeries Coopératives du Centre", "terrain d'expérimentation"),
    ],
    "Provence-Alpes-Côte d'Azur": [
        ("Aix-Marseille Université (laboratoire LEST)", "appui scientifique"),
        ("Union patronale des Bouches-du-Rhône", "relais auprès des entreprises"),
        ("Union départementale CGT des Bouches-du-Rhône", "participation au comité paritaire"),
        ("Port Logistique Fos Services", "entreprise pilote"),
    ],
}

AARACT_CONTRIB = [
    "co-animation des ateliers",
    "apport d'expertise sur les conditions de travail",
    "participation au comité de pilotage et capitalisation",
    "appui méthodologique et mise en réseau des entreprises",
]

THEMES: dict[str, dict[str, object]] = {
    "teletravail": {
        "projets": ["HYBRIDE-COLLECTIF", "TRAVAIL-CAP", "Distances Partagées"],
        "theme": "le travail hybride",
        "secteur": "les PME de services",
        "outil": "les outils de visioconférence et d'agenda partagé",
        "public": "les salariés en travail hybride et leurs managers de proximité",
        "ctx": [
            "Depuis la crise sanitaire, le télétravail s'est installé durablement dans de nombreuses PME : près d'un salarié sur trois y a recours au moins un jour par semaine dans les entreprises que nous accompagnons.",
            "Les accords et chartes signés dans l'urgence arrivent à échéance et doivent être renégociés, souvent sans bilan partagé de ce qui a fonctionné ou non dans l'organisation du travail.",
        ],
        "pb": [
            "Comment faire du collectif de travail, et non du seul poste individuel, l'unité de réflexion pour organiser le travail hybride ?",
            "Les effets du travail à distance sur la charge de travail, l'isolement et la coopération restent peu discutés entre direction, managers et représentants du personnel.",
        ],
    },
    "ia": {
        "projets": ["ALGO-DIALOGUE", "Vox Travail", "IA en Débat"],
        "theme": "l'intelligence artificielle au travail",
        "secteur": "les centres de relation client",
        "outil": "les outils d'aide à la décision fondés sur l'apprentissage automatique",
        "public": "les conseillers clientèle, leurs superviseurs et les élus du personnel",
        "ctx": [
            "Les outils d'intelligence artificielle se diffusent dans les centres de relation client : routage automatique des demandes, suggestions de réponses, analyse de la tonalité des appels.",
            "Ces systèmes sont le plus souvent achetés « sur étagère » et déployés sans que les salariés concernés aient été associés à leur paramétrage ni à l'évaluation de leurs effets.",
        ],
        "pb": [
            "Comment rendre discutables, au sein de l'entreprise, les critères et les effets d'un algorithme qui prescrit une partie de l'activité ?",
            "L'opacité des systèmes d'IA fragilise l'autonomie des conseillers et rend difficile l'exercice du dialogue social sur des décisions pourtant structurantes pour le travail.",
        ],
    },
    "collaboratif": {
        "projets": ["Co-Outils", "OUTIL-COMMUN", "Le Numérique en Partage"],
        "theme": "les outils collaboratifs",
        "secteur": "les associations et structures de l'économie sociale et solidaire",
        "outil": "la messagerie instantanée, les espaces de travail partagés et les outils de gestion de projet en ligne",
        "public": "les salariés et bénévoles des structures de l'ESS",
        "ctx": [
            "Les structures de l'économie sociale et solidaire ont massivement adopté des outils collaboratifs en ligne, souvent gratuits et choisis au fil de l'eau.",
            "La multiplication des canaux (courriel, messagerie instantanée, espaces partagés) brouille les frontières entre temps de travail et temps personnel, chez les salariés comme chez les bénévoles.",
        ],
        "pb": [
            "Comment construire collectivement des règles d'usage des outils collaboratifs qui protègent la santé des équipes sans brider la coopération ?",
            "Le droit à la déconnexion reste théorique lorsque les outils sont choisis sans discussion sur l'organisation du travail qu'ils induisent.",
        ],
    },
    "cse": {
        "projets": ["CSE Numérique 360", "NUMÉRIQUE EN DIALOGUE", "Élus & Outils"],
        "theme": "le rôle du CSE dans les projets numériques",
        "secteur": "les entreprises de 50 à 300 salariés",
        "outil": "les projets de transformation numérique soumis à information-consultation",
        "public": "les élus de CSE, les directions et les responsables des systèmes d'information",
        "ctx": [
            "Les comités sociaux et économiques sont régulièrement consultés sur l'introduction de nouvelles technologies, mais souvent tard, sur des projets déjà arrêtés et décrits dans des termes très techniques.",
            "Les élus que nous rencontrons expriment le besoin de ressources pour comprendre les projets numériques et en discuter les effets sur le travail réel.",
        ],
        "pb": [
            "Comment permettre aux élus de CSE d'intervenir en amont des projets numériques, au moment où les choix d'organisation sont encore ouverts ?",
            "La consultation sur les nouvelles technologies se réduit trop souvent à une formalité, faute de méthode partagée entre direction et représentants du personnel.",
        ],
    },
    "plateformes": {
        "projets": ["Plateformes & Travail", "PLANI-DIAL", "Missions Partagées"],
        "theme": "le travail via les plateformes numériques",
        "secteur": "les services d'aide à domicile et de livraison",
        "outil": "les applications de planification et d'affectation des missions",
        "public": "les intervenants à domicile, les coursiers et leurs responsables de secteur",
        "ctx": [
            "Les applications d'affectation des missions transforment l'organisation du travail des intervenants à domicile : planning modifié en temps réel, géolocalisation, pointage sur smartphone.",
            "Ces outils promettent une meilleure réactivité mais réduisent les temps d'échange entre collègues et avec l'encadrement, qui faisaient la qualité du service.",
        ],
        "pb": [
            "Comment ouvrir un dialogue sur les règles d'affectation et de contrôle inscrites dans les applications, entre travailleurs, encadrement et concepteurs ?",
            "L'intensification du travail et la perte de marges de manœuvre liées au pilotage algorithmique restent peu visibles et peu débattues.",
        ],
    },
    "sirh": {
        "projets": ["PLANNING OUVERT", "ÉQUI-NUM", "Temps Dialogués"],
        "theme": "les logiciels RH et de gestion des temps",
        "secteur": "les établissements sanitaires et médico-sociaux",
        "outil": "les logiciels de planification des équipes et de gestion des temps",
        "public": "les cadres de santé, les soignants et les services RH",
        "ctx": [
            "Les établissements de santé et médico-sociaux renouvellent leurs logiciels de gestion des temps et de planification, souvent dans le cadre de regroupements d'établissements.",
            "Le paramétrage de ces outils fige des règles (cycles, remplacements, heures supplémentaires) qui pèsent directement sur les conditions de travail des équipes soignantes.",
        ],
        "pb": [
            "Comment associer les équipes et leurs représentants au paramétrage des logiciels de planification, pour que les règles inscrites dans l'outil soient discutées et révisables ?",
            "Le changement de logiciel est vécu comme un projet informatique alors qu'il redistribue la charge de travail entre cadres, soignants et services RH.",
        ],
    },
    "robotisation": {
        "projets": ["Cobot Ensemble", "ROBOT-DIALOGUE", "Atelier 4.0 Partagé"],
        "theme": "la robotisation dans les PME industrielles",
        "secteur": "les PME industrielles de la mécanique et de la plasturgie",
        "outil": "les robots collaboratifs (cobots) et les postes de travail assistés",
        "public": "les opérateurs, les régleurs, l'encadrement de proximité et les élus",
        "ctx": [
            "Soutenues par les plans de relance, de nombreuses PME industrielles investissent dans des robots collaboratifs pour faire face aux difficultés de recrutement et aux troubles musculo-squelettiques.",
            "Ces investissements sont rarement précédés d'une analyse du travail : le robot est choisi sur catalogue et les opérateurs découvrent le nouveau poste à la mise en service.",
        ],
        "pb": [
            "Comment faire de l'introduction d'un cobot l'occasion d'un dialogue sur le contenu du travail, les compétences et la santé des opérateurs ?",
            "Les gains attendus de la robotisation peuvent se retourner en intensification et en perte de sens si le travail réel n'est pas pris en compte dès la conception.",
        ],
    },
    "logistique": {
        "projets": ["Entrepôt Parlant", "Cadences en Débat", "LOGI-DIAL"],
        "theme": "le numérique dans les entrepôts logistiques",
        "secteur": "les entrepôts et plateformes logistiques",
        "outil": "les systèmes de gestion d'entrepôt et la préparation de commandes guidée par la voix",
        "public": "les préparateurs de commandes, les chefs d'équipe et les représentants du personnel",
        "ctx": [
            "La préparation de commandes est de plus en plus guidée par des systèmes numériques : commande vocale, terminaux portés au poignet, indicateurs de productivité en temps réel.",
            "Ces dispositifs, conçus pour optimiser les flux, modifient profondément le rythme et l'autonomie des préparateurs, dans un secteur déjà marqué par une forte sinistralité.",
        ],
        "pb": [
            "Comment mettre en discussion les indicateurs produits par les systèmes de gestion d'entrepôt, pour qu'ils servent aussi la prévention et non le seul contrôle ?",
            "L'usure professionnelle des préparateurs est renforcée par des cadences fixées par l'outil, sans espace de régulation collective.",
        ],
    },
    "commerce": {
        "projets": ["Proxi-Num", "Comptoir Numérique", "Paroles d'outils"],
        "theme": "le numérique dans le commerce de proximité",
        "secteur": "les commerces et supérettes indépendants",
        "outil": "les caisses automatiques, les étiquettes électroniques et les applications de commande",
        "public": "les employés de commerce, les gérants et les réseaux d'indépendants",
        "ctx": [
            "Le commerce de proximité s'équipe rapidement : caisses automatiques, étiquettes électroniques, préparation des commandes passées en ligne.",
            "Dans ces petites structures sans représentation du personnel, les changements de métier liés au numérique se font sans espace de discussion.",
        ],
        "pb": [
            "Comment construire un dialogue professionnel sur les transformations numériques dans des TPE du commerce dépourvues d'instances représentatives ?",
            "Les employés voient leur activité se déplacer de la relation client vers la surveillance des automates, sans que ce changement soit reconnu ni discuté.",
        ],
    },
    "btp": {
        "projets": ["Chantier Connecté", "BIM & Compagnons", "REGARDS CROISÉS"],
        "theme": "la maquette numérique dans le BTP",
        "secteur": "les entreprises du bâtiment et des travaux publics",
        "outil": "la maquette numérique (BIM) et les tablettes de chantier",
        "public": "les chefs de chantier, les compagnons et les bureaux d'études",
        "ctx": [
            "La maquette numérique et les tablettes de chantier se généralisent dans le BTP, y compris dans les entreprises de taille moyenne, sous la pression des donneurs d'ordre.",
            "Le travail des chefs de chantier se transforme : davantage de saisie et de reporting, moins de temps sur le terrain avec les équipes.",
        ],
        "pb": [
            "Comment associer les compagnons et l'encadrement de chantier aux choix d'outils numériques pour qu'ils soutiennent le travail plutôt qu'ils ne l'alourdissent ?",
            "La charge administrative induite par les outils numériques de chantier reste invisible dans l'organisation et dans le dialogue social.",
        ],
    },
}

# Paragraph variants per section; themes add specific sentences for contexte/problematique.
CONTEXTE: list[str] = [
    "L'accord-cadre européen sur la digitalisation signé en juin 2020 invite les partenaires sociaux à se saisir ensemble des transformations numériques. Sur notre territoire ({territoire}), ce dialogue reste pourtant rare dans {secteur}.",
    "{porteur_cap} accompagne depuis plusieurs années des entreprises confrontées à des projets numériques. Nous constatons que ces projets sont presque toujours pilotés sous l'angle technique, les questions d'organisation et de conditions de travail arrivant en fin de course.",
    "Les diagnostics que nous avons conduits en 2021 auprès d'une trentaine de structures montrent un écart important entre les usages prescrits des outils et le travail réellement effectué par les équipes.",
    "Ce projet prolonge une première série d'échanges menés avec l'{aract} et plusieurs organisations syndicales, qui ont fait émerger une demande forte d'outillage du dialogue social sur {theme}.",
]

OBJECTIFS_INTRO: list[str] = [
    "Le projet {projet} poursuit trois objectifs :",
    "Nos objectifs sont les suivants :",
    "Le projet vise à :",
    "À travers {projet}, nous souhaitons :",
]

OBJECTIFS_ITEMS: list[str] = [
    "outiller le dialogue social et professionnel sur {theme} dans {n_ent} entreprises volontaires",
    "construire et tester une méthode de mise en discussion des projets numériques avant leur déploiement",
    "former les représentants du personnel et les managers à l'analyse des effets des outils sur le travail",
    "produire des ressources ouvertes, réutilisables par d'autres entreprises et par le réseau Anact-Aract",
    "faire dialoguer acheteurs, utilisateurs et fournisseurs de solutions sur l'adaptation des outils au travail réel",
    "expérimenter des espaces de discussion sur le travail réunissant salariés, encadrement et direction",
]

PROBLEMATIQUE: list[str] = [
    "La question que nous posons est celle des conditions d'un dialogue social technologique effectif : qui décide des choix d'outils, à quel moment, et sur la base de quelle connaissance du travail réel ?",
    "Du point de vue des conditions de travail, l'enjeu est double : prévenir les risques liés à l'intensification et à la perte d'autonomie, et faire des outils numériques un support de qualité du travail.",
    "Nous faisons l'hypothèse que les difficultés rencontrées ne tiennent pas aux outils eux-mêmes mais à l'absence d'espaces où leurs effets sur le travail peuvent être discutés et corrigés.",
]

CIBLES: list[str] = [
    "Le projet s'adresse en priorité au public suivant : {public}. Il concernera {n_ent} entreprises ou structures de la région ({territoire}), de 20 à 250 salariés.",
    "Les bénéficiaires directs sont {public} des structures engagées dans l'expérimentation ; les bénéficiaires indirects sont les réseaux professionnels et les instances paritaires du secteur.",
    "Nous visons {secteur}, souvent dépourvus de fonction RH structurée, et en leur sein les binômes direction / représentants du personnel.",
    "Une attention particulière sera portée aux salariés les moins qualifiés et aux femmes, plus exposés aux effets des transformations numériques sur le contenu du travail.",
]

METHODOLOGIE: list[str] = [
    "La démarche repose sur une méthode d'analyse du travail en situation : observations, entretiens et ateliers collectifs permettent de documenter les effets des outils concernés ({outil}) sur l'activité.",
    "Nous animerons {n_ateliers} ateliers paritaires réunissant direction, managers et représentants du personnel, selon un format de « conférence de consensus » adapté à l'entreprise.",
    "Chaque entreprise pilote bénéficiera d'un accompagnement en trois temps : un diagnostic partagé, la co-construction d'un protocole d'expérimentation, puis une évaluation collective des effets sur le travail.",
    "Un dispositif de prototypage rapide, inspiré du design de services, permettra de tester des règles d'usage et des ajustements des outils avec les utilisateurs eux-mêmes.",
    "Les méthodes seront affinées avec les experts du réseau Anact-Aract lors de séances de travail régulières, afin de garantir leur transférabilité.",
]

PILOTAGE: list[str] = [
    "Un comité de pilotage se réunira tous les trimestres. Il associera le porteur, les partenaires du projet, des représentants des directions et des salariés des entreprises pilotes, ainsi qu'un représentant de l'Anact.",
    "Un comité technique, composé des chargés de mission du projet, se réunira chaque mois pour suivre l'avancement et préparer les ateliers.",
    "La gouvernance est paritaire : chaque instance compte autant de représentants des salariés que de représentants des directions. Les décisions sont prises par consensus.",
    "Un groupe miroir, ouvert aux acteurs institutionnels intéressés, sera réuni à mi-parcours et en fin de projet pour discuter les enseignements.",
]

RESULTATS: list[str] = [
    "Nous attendons du projet des effets concrets dans les entreprises pilotes : règles d'usage négociées, ajustements des outils, accords de méthode sur la conduite des projets numériques.",
    "Les livrables comprendront un guide méthodologique, des fiches pratiques, des supports de formation pour les élus et un rapport d'évaluation, tous diffusés sous licence libre.",
    "À l'échelle du territoire, le projet doit permettre de constituer un réseau de personnes ressources capables de mener ce type de démarche de façon autonome.",
    "Nous mesurerons les résultats à l'aide d'indicateurs suivis tout au long du projet : nombre de participants, ajustements effectivement mis en œuvre, appréciation des salariés.",
]

PERENNISATION: list[str] = [
    "Les ressources produites seront déposées sur une plateforme ouverte et présentées lors des rencontres régionales du réseau Anact-Aract.",
    "Le modèle d'intervention sera intégré à notre offre d'accompagnement et pourra être repris par d'autres consultants grâce à un kit de formation de formateurs.",
    "Les partenaires sociaux associés au projet se sont engagés à relayer la démarche dans leurs réseaux, notamment auprès des branches professionnelles.",
    "La pérennisation passe par l'appropriation de la démarche par les entreprises elles-mêmes : chacune désignera un binôme référent chargé de la faire vivre au-delà du projet.",
]

PERENNISATION_2024: list[str] = [
    "À partir de 2024, nous proposerons la démarche à d'autres territoires, en nous appuyant sur les Aract volontaires ; un essaimage auprès d'une vingtaine d'entreprises est envisagé en 2024 et 2025.",
    "Au-delà du projet, un second cycle d'ateliers pourra être organisé au premier semestre 2024 avec de nouvelles entreprises, sur financement des branches professionnelles.",
]

PORTEUR: list[str] = [
    "{porteur_long}, basé à {city}. Contact : {contact}, {role}.",
    "Structure porteuse : {porteur_long} ({city}). Personne référente : {contact}, {role}.",
]

PHASE_NAMES: list[tuple[str, str]] = [
    (
        "Cadrage et constitution du groupe projet",
        "recrutement des entreprises pilotes, réunion de lancement",
    ),
    ("Diagnostic partagé", "observations et entretiens dans les entreprises pilotes"),
    ("Ateliers de co-construction", "ateliers paritaires et prototypage des règles d'usage"),
    ("Expérimentation", "mise en œuvre des ajustements et suivi dans les entreprises"),
    (
        "Évaluation et capitalisation",
        "bilan collectif, rédaction du guide, séminaire de restitution",
    ),
]

COVER_LETTERS: list[str] = [
    "Madame, Monsieur,\n\nVeuillez trouver ci-joint notre dossier de candidature à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » pour le projet {projet}.\n\nNous restons à votre disposition pour tout complément.\n\nBien cordialement,",
    "Bonjour,\n\nJe vous prie de trouver en pièce jointe la proposition de {porteur} pour La Fabrique CTO (projet {projet}).\n\nEn vous remerciant par avance de l'attention portée à notre candidature,\n\nCordialement,",
    "Bonjour,\n\nComme suite à l'appel à manifestation d'intérêt de l'Anact, nous avons le plaisir de vous adresser notre candidature pour le projet {projet}. Vous trouverez en pièces jointes la description du projet et son budget.\n\nBelle journée,",
    "Madame, Monsieur,\n\nNous avons l'honneur de soumettre à l'Anact le projet {projet}, porté par {porteur}. Le dossier complet est joint à ce message.\n\nNous vous prions d'agréer nos salutations distinguées.",
]
