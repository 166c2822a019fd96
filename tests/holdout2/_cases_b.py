"""Cases h2-07 to h2-13 (see README.md)."""

from __future__ import annotations

from _model import (
    BUDGET,
    H1,
    H2,
    NNBSP,
    NOTE,
    SIG,
    TITLE,
    B,
    Budget,
    Case,
    Doc,
    Line,
    P,
    Resource,
    T,
    gantt,
    gantt_end,
    partners_bullets,
    partners_table,
)

CASES: list[Case] = []

# =========================================================================== h2-07
# Consulting firm; .doc produced by LibreOffice; budget inside as lists with "euros HT";
# no travel line (warning only).

b07 = Budget(
    lines=[
        Line("Consultant senior", 28000, "personnel", "35 jours x 800 euros"),
        Line("Consultante junior", 20000, "personnel", "40 jours x 500 euros"),
        Line(
            "Sous-traitance design de service",
            7500,
            "prestations",
            "studio partenaire, 10 jours",
        ),
        Line(
            "Rédaction et graphisme du livret de capitalisation",
            4300,
            "prestations",
        ),
    ],
    resources=[
        Resource("Financement Anact sollicité", 47000, anact=True, status="sollicité"),
        Resource(
            "Autofinancement du cabinet (temps non facturé)",
            12800,
            nature="autofinancement",
            status="acquis",
        ),
    ],
    style="eur_ht",
)
p07 = [
    (
        "Aract Nouvelle-Aquitaine",
        "participation au comité de pilotage, apport de ses méthodes d'analyse du travail",
    ),
    (
        "Fédération régionale du transport et de la logistique",
        "identification des entreprises, diffusion des résultats",
    ),
    (
        "Université de Bordeaux – master Ergonomie",
        "accueil d'un stagiaire, regard scientifique sur le protocole",
    ),
]
ph07 = [
    ("Phase 1 – Diagnostic dans 6 entreprises", (2022, 11), (2023, 2)),
    ("Phase 2 – Ateliers « scénarios d'usage »", (2023, 2), (2023, 5)),
    ("Phase 3 – Expérimentation et suivi", (2023, 4), (2023, 8)),
    ("Phase 4 – Capitalisation", (2023, 7), (2023, 9)),
]
d07 = Doc(
    "Praxis_Organisation_AMI_FabriqueCTO.doc",
    "doc",
    [
        TITLE(
            "Logistique 4.0 : remettre le travail au cœur des projets d'entrepôt connecté",
            "Cabinet Praxis Organisation",
        ),
        H1("Préambule"),
        P(
            """Praxis Organisation est un cabinet de conseil en organisation et en santé au
            travail créé en 2009 à Bordeaux. Habilité comme intervenant en prévention des
            risques professionnels (IPRP), il compte sept consultants (ergonomes,
            sociologue, ingénieur en organisation industrielle). Nos interventions portent
            principalement sur les secteurs de la logistique, de l'agroalimentaire et du
            transport."""
        ),
        H1("Partie 1 – Contexte", "contexte"),
        P(
            """Les entrepôts de la région bordelaise s'équipent massivement : commande
            vocale, terminaux portés au poignet, systèmes de gestion d'entrepôt (WMS)
            pilotant les tâches en temps réel. Ces technologies promettent des gains de
            productivité et de traçabilité. Sur le terrain, nous observons aussi leurs
            effets : intensification du rythme, perte des marges de manœuvre, isolement
            des préparateurs qui n'échangent plus qu'avec une voix de synthèse, et une
            hausse des troubles musculo-squelettiques."""
        ),
        P(
            """Les PME logistiques (50 à 250 salariés) sont les plus exposées : elles
            achètent des solutions standard, sans service méthodes pour les adapter, et
            leurs représentants du personnel sont rarement consultés sur le paramétrage."""
        ),
        H1("Partie 2 – Objectifs", "objectifs"),
        B(
            """Construire, avec six PME logistiques, une méthode de « scénarios d'usage »
            permettant de discuter du paramétrage des outils (cadences, alertes,
            indicateurs) avant leur mise en service.""",
            """Associer à cette discussion les préparateurs, les chefs d'équipe, la
            direction, les élus et le fournisseur.""",
            """Suivre pendant trois mois les effets des choix retenus sur le travail et la
            santé.""",
        ),
        H1("Partie 3 – Problématique", "problematique"),
        P(
            """Le paramétrage d'un WMS est présenté comme une question technique réservée
            à l'intégrateur. Il contient pourtant des choix d'organisation majeurs :
            objectifs de productivité, ordre des tâches, possibilité pour le préparateur de
            signaler une difficulté. Comment rendre ces choix visibles et discutables par
            ceux qui en subiront les effets ?"""
        ),
        H1("Partie 4 – Publics cibles", "cibles"),
        H2("Les entreprises"),
        P(
            """Six PME de la logistique et du transport de Gironde et des Landes, dont
            trois sont déjà volontaires (un logisticien du e-commerce, un grossiste
            alimentaire, un transporteur frigorifique)."""
        ),
        H2("Les acteurs dans l'entreprise"),
        P(
            """Préparateurs de commandes, caristes, chefs d'équipe, responsables
            d'exploitation, direction, élus du CSE et, pour deux ateliers, les
            intégrateurs des solutions."""
        ),
        H1("Partie 5 – Méthodologie", "methodologie"),
        P(
            """Notre méthode repose sur l'analyse ergonomique de l'activité et sur la
            simulation. Après un diagnostic (observations, entretiens, exploitation des
            données de l'outil), nous construisons avec un groupe de travail des
            « scénarios d'usage » : des situations typiques (pic d'activité, commande
            urgente, panne, arrivée d'un intérimaire) jouées sur maquette. Pour chaque
            scénario, le groupe identifie les réglages de l'outil qui aident ou gênent le
            travail et formule des propositions. Celles-ci sont soumises à la direction et
            au CSE, puis testées pendant trois mois."""
        ),
        H1("Partie 6 – Phasage", "phasage"),
        gantt(ph07, (2022, 11), (2023, 9), mark="x"),
        H1("Partie 7 – Pilotage", "pilotage"),
        P(
            """Un comité de pilotage (cabinet, Aract, fédération régionale, un représentant
            de chaque entreprise et un élu par entreprise) se réunit au lancement, à
            mi-parcours et à la clôture. Un groupe de travail par entreprise assure le
            suivi opérationnel."""
        ),
        H1("Partie 8 – Résultats escomptés", "resultats"),
        P(
            """Six séries de scénarios d'usage et de propositions de paramétrage ; un
            livret de capitalisation à destination des PME logistiques et des
            intégrateurs ; une journée régionale de restitution."""
        ),
        H1("Partie 9 – Pérennisation et essaimage", "perennisation"),
        P(
            """La fédération régionale s'est engagée à diffuser le livret à ses 300
            adhérents. Nous proposerons la méthode aux intégrateurs de WMS avec qui nous
            travaillons, et l'intégrerons à nos interventions."""
        ),
        H1("Partie 10 – Partenaires", "partenaires"),
        partners_bullets(p07),
        H1("Partie 11 – Budget"),
        P(
            """Les consultants se déplaçant en véhicule personnel dans un rayon de 80 km,
            aucun frais de déplacement n'est prévu au budget."""
        ),
        BUDGET("list"),
        SIG("Philippe Arnaud", "Directeur associé", "Praxis Organisation – Bordeaux"),
    ],
    opts={"author": "P. Arnaud", "font": "Times New Roman", "size": 12},
    budget=b07,
)
CASES.append(
    Case(
        id="h2-07",
        title="Consulting firm, .doc from LibreOffice, list budget in 'euros HT', no travel",
        sender="Philippe Arnaud <p.arnaud@praxis-organisation.fr>",
        subject="Appel à manifestation d'intérêt – La Fabrique CTO – Praxis Organisation",
        date="Tue, 16 Aug 2022 08:55:17 +0200",
        body="""Bonjour,

Je vous prie de trouver ci-joint la candidature du cabinet Praxis Organisation.

Bien à vous,

Philippe Arnaud
Directeur associé
Praxis Organisation""",
        docs=[d07],
        partners=p07,
        end=gantt_end(ph07),
        defects="budget has no travel/logistics line (warning)",
    )
)

# =========================================================================== h2-08
# Think tank; the description is a password-protected DOCX (OLE2 container); the XLSX
# budget is readable.

b08 = Budget(
    lines=[
        Line("Chargé d'études (0,5 ETP, 12 mois)", 26000, "personnel"),
        Line("Directrice scientifique (20 jours)", 9000, "personnel"),
        Line("Déplacements", 2500, "deplacements_logistique"),
        Line("Logistique des tables rondes", 3000, "deplacements_logistique"),
        Line("Sondage auprès de 1 000 salariés (institut)", 12000, "prestations"),
        Line("Graphisme du rapport", 2500, "prestations"),
    ],
    resources=[
        Resource("Anact – AMI Fabrique CTO", 43500, anact=True, status="sollicité"),
        Resource("Fonds propres OTN", 6000, status="acquis"),
        Resource("Fondation Travail & Société (mécénat)", 5500, status="acquis"),
    ],
)
d08 = Doc(
    "OTN_note_projet_confidentiel.docx",
    "docx_encrypted",
    [
        TITLE("Baromètre du dialogue technologique", "Observatoire du travail numérique"),
        H1("1. Contexte", "contexte"),
        P(
            """L'Observatoire du travail numérique (OTN) est un think tank indépendant créé
            en 2018. Il publie chaque année une étude sur les effets du numérique sur les
            conditions de travail. Aucune donnée représentative n'existe aujourd'hui sur la
            place des technologies dans le dialogue social des PME."""
        ),
        H1("2. Objectifs", "objectifs"),
        P(
            """Construire un baromètre annuel, le tester en 2023 et en tirer des
            recommandations pour les partenaires sociaux."""
        ),
        H1("3. Problématique", "problematique"),
        P("Que sait-on de la façon dont les projets numériques sont discutés dans les PME ?"),
        H1("4. Cibles", "cibles"),
        P("Salariés, élus et dirigeants de PME de 11 à 250 salariés."),
        H1("5. Méthode", "methodologie"),
        P("Sondage, entretiens, tables rondes territoriales."),
        H1("6. Phasage", "phasage"),
        P("Octobre 2022 – septembre 2023."),
        H1("7. Pilotage", "pilotage"),
        P("Comité d'orientation réunissant chercheurs et partenaires sociaux."),
        H1("8. Résultats", "resultats"),
        P("Un baromètre, un rapport, trois tables rondes."),
        H1("9. Pérennisation", "perennisation"),
        P("Reconduction annuelle du baromètre."),
        H1("10. Partenaires", "partenaires"),
        P("Chaire Travail et Technologies ; Institut de sondage Opinion Travail."),
    ],
    opts={"author": "OTN"},
)
CASES.append(
    Case(
        id="h2-08",
        title="Think tank, password-protected DOCX description + readable XLSX budget",
        sender="Observatoire du travail numérique <contact@otn-travail.org>",
        subject="AMI Fabrique CTO — dossier OTN",
        date="Tue, 23 Aug 2022 18:20:45 +0200",
        body="""Madame, Monsieur,

Veuillez trouver ci-joint notre dossier de candidature. Par mesure de confidentialité, la
note de projet est protégée par un mot de passe que nous vous communiquerons par
téléphone sur simple demande.

Le budget est joint séparément.

Cordialement,
Hélène Roussel
Déléguée générale – Observatoire du travail numérique""",
        docs=[
            d08,
            Doc(
                "OTN_budget.xlsx",
                "xlsx",
                budget=b08,
                opts={
                    "layout": "messy",
                    "title": "Baromètre du dialogue technologique – budget",
                    "subtitle": "En euros (association non assujettie à la TVA)",
                    "sheet": "Budget 2022-2023",
                },
            ),
        ],
        partners=[],
        end=None,
        defects="description DOCX is encrypted: every part missing, so needs_review",
    )
)

# =========================================================================== h2-09
# Association for digital inclusion; ZIP with the proposal in a folder: PDF exported by
# LibreOffice (quarters as Gantt columns) + XLSX on two sheets. Complete.

b09 = Budget(
    lines=[
        Line("Médiatrice numérique (0,6 ETP, 13 mois)", 24700, "personnel"),
        Line("Directeur de l'association (12 jours)", 4200, "personnel"),
        Line("Déplacements en zone rurale (Aveyron, Lot, Tarn)", 3900, "deplacements_logistique"),
        Line("Location de salles", 1200, "deplacements_logistique"),
        Line("Intervention d'une ergonome (8 jours)", 6400, "prestations"),
        Line("Création d'un jeu de cartes « Dialogue numérique »", 3600, "prestations"),
    ],
    resources=[
        Resource("Anact (Fabrique CTO)", 35000, anact=True, nature="subvention", status="demandé"),
        Resource(
            "Région Occitanie – dispositif Inclusion numérique",
            5000,
            nature="subvention",
            status="acquis",
        ),
        Resource("Autofinancement", 4000, nature="fonds propres", status="acquis"),
    ],
)
p09 = [
    ("Aract Occitanie", "co-animation des ateliers, formation de la médiatrice"),
    (
        "Chambre de métiers et de l'artisanat de l'Aveyron",
        "repérage des TPE artisanales, prêt de salles",
    ),
    (
        "Mutualité sociale agricole Midi-Pyrénées Nord",
        "relais vers les exploitations et les salariés agricoles",
    ),
    ("Réseau des tiers-lieux d'Occitanie", "accueil des ateliers dans 4 tiers-lieux"),
]
d09 = Doc(
    "Projet_NSO_Fabrique_CTO.pdf",
    "pdf_lo",
    [
        TITLE(
            "Dialogues numériques en ruralité",
            "Association Numérique Solidaire Occitanie – Candidature à l'AMI La Fabrique CTO",
        ),
        H1("L'association"),
        P(
            """Numérique Solidaire Occitanie (NSO) est une association loi 1901 fondée en
            2015 à Rodez. Elle emploie cinq médiateurs numériques qui interviennent dans
            les espaces France Services, les tiers-lieux et, depuis 2020, directement dans
            les petites entreprises de l'Aveyron, du Lot et du Tarn. Nous avons accompagné
            plus de 200 TPE dans la prise en main d'outils numériques."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """En milieu rural, les TPE artisanales et agricoles se numérisent sous la
            contrainte : facturation électronique, télédéclarations, logiciels imposés par
            les donneurs d'ordre ou les coopératives. Les salariés, souvent peu nombreux et
            polyvalents, découvrent ces outils sans formation et sans espace pour dire ce
            qu'ils changent à leur travail. Le dialogue social y est informel, ce qui n'est
            pas un défaut, mais il n'aborde presque jamais ces questions."""
        ),
        H1("2. Objectifs", "objectifs"),
        B(
            """permettre à des TPE rurales d'aborder la transformation numérique comme un
            sujet de discussion entre employeur et salariés ;""",
            "outiller les médiateurs numériques pour animer ces échanges ;",
            "produire un jeu de cartes utilisable en autonomie par les TPE.",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Comment organiser un dialogue sur le numérique là où il n'y a ni
            représentants du personnel, ni service RH, ni temps disponible ? Notre
            hypothèse : en s'appuyant sur un tiers de confiance déjà présent (le médiateur
            numérique) et sur un support ludique qui dédramatise l'échange."""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Vingt TPE (2 à 20 salariés) : artisans du bâtiment, commerces, exploitations
            agricoles employeuses. Les dirigeants et l'ensemble des salariés sont
            concernés. Indirectement : les quarante médiateurs numériques du réseau
            régional."""
        ),
        H1("5. Déroulé méthodologique", "methodologie"),
        P(
            """Chaque TPE bénéficie de deux rencontres d'une heure trente, sur le lieu de
            travail ou dans un tiers-lieu voisin. La première permet, à l'aide du jeu de
            cartes (situations, outils, effets), de faire l'inventaire des changements
            vécus. La seconde aboutit à deux ou trois décisions concrètes (formation,
            réglage d'un outil, règle de déconnexion). Une ergonome accompagne la conception
            du jeu et supervise les premières rencontres."""
        ),
        H1("6. Phasage détaillé", "phasage"),
        T(
            [
                ["Étape", "T4 2022", "T1 2023", "T2 2023", "T3 2023", "T4 2023"],
                ["Conception du jeu avec l'ergonome", "X", "", "", "", ""],
                ["Rencontres dans 10 TPE (Aveyron)", "", "X", "X", "", ""],
                ["Rencontres dans 10 TPE (Lot, Tarn)", "", "", "X", "X", ""],
                ["Bilan, diffusion du jeu", "", "", "", "X", ""],
            ],
            [6, 2, 2, 2, 2, 2],
        ),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Le conseil d'administration de NSO désigne un référent. Un comité de
            pilotage (NSO, Aract, CMA, MSA, réseau des tiers-lieux) se réunit en décembre
            2022, en avril 2023 et en septembre 2023."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P(
            """Vingt TPE accompagnées ; un jeu de cartes « Dialogue numérique » édité à
            300 exemplaires et téléchargeable ; une fiche méthode pour les médiateurs."""
        ),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """Le jeu sera diffusé dans le réseau régional des médiateurs numériques et
            intégré à la formation des conseillers numériques France Services."""
        ),
        H1("10. Partenaires", "partenaires"),
        partners_table(p09),
        P("Budget : voir le fichier Budget_NSO.xlsx."),
        SIG("Karim Haddad", "Directeur de NSO", "Rodez, le 12 août 2022"),
    ],
    opts={"author": "Karim Haddad", "header": "NSO – Dialogues numériques en ruralité"},
)
CASES.append(
    Case(
        id="h2-09",
        title="Rural digital-inclusion association, ZIP with folder: LibreOffice PDF + XLSX",
        sender="Karim Haddad <direction@nso-occitanie.org>",
        subject="Candidature NSO – AMI Fabrique CTO",
        date="Fri, 12 Aug 2022 16:03:29 +0200",
        body="""Bonjour,

Vous trouverez notre dossier dans l'archive jointe (projet + budget).

Bien cordialement,
Karim Haddad
Numérique Solidaire Occitanie""",
        container="zip",
        zip_name="Candidature_NSO.zip",
        zip_folder="Candidature Fabrique CTO",
        docs=[
            d09,
            Doc(
                "Budget_NSO.xlsx",
                "xlsx",
                budget=b09,
                opts={"layout": "two_sheets", "title": "NSO – Budget prévisionnel 2022-2023"},
            ),
        ],
        partners=p09,
        end=(2023, 9),
        defects="none",
        judgement="The ZIP itself is not listed in the expected attachments (only its "
        "members, by base name); the last quarter column with an X is T3 2023.",
    )
)

# =========================================================================== h2-10
# Forwarded message (message/rfc822) carrying the DOCX and the XLSX; the XLSX gives the
# Anact request as the difference line; the "pérennisation" part is only "(à compléter)".

b10 = Budget(
    lines=[
        Line("Consultante-chercheuse (38 j x 600 €)", 22800, "personnel"),
        Line("Chargé de mission (25 j x 380 €)", 9500, "personnel"),
        Line("Déplacements en Bretagne", 2600, "deplacements_logistique"),
        Line("Restauration et salles", 1800, "deplacements_logistique"),
        Line("Prestation vidéo", 4200, "prestations"),
        Line("Graphiste", 2600, "prestations"),
    ],
    resources=[
        Resource("Autofinancement Alter-Travail", 5500, status="acquis"),
        Resource("Conseil régional de Bretagne", 4000, status="sollicité"),
        Resource("Montant sollicité auprès de l'Anact", 34000, anact=True),
    ],
)
p10 = [
    ("Aract Bretagne", "co-pilotage, relecture des outils"),
    ("Union des coopératives d'Ille-et-Vilaine", "recrutement des structures participantes"),
    ("Collectif des élus de CSE du Pays de Rennes", "participation aux ateliers, diffusion"),
]
d10 = Doc(
    "Alter-Travail_dossier_AMI_vf.docx",
    "docx",
    [
        TITLE("Numérique et santé au travail : le CSE en première ligne", "Alter-Travail"),
        H1("Présentation d'Alter-Travail"),
        P(
            """Alter-Travail est une coopérative de conseil (SCIC) fondée en 2013 à Rennes,
            spécialisée dans l'accompagnement des représentants du personnel et des
            directions sur les questions de santé et de conditions de travail. Elle réunit
            huit consultants, dont deux chercheurs associés à l'université Rennes 2."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Depuis 2020, les élus de CSE que nous accompagnons nous sollicitent de plus
            en plus souvent sur des projets numériques : télétravail outillé, logiciels de
            suivi d'activité, dématérialisation des procédures. Ils se sentent mal armés
            pour évaluer ces projets du point de vue de la santé au travail."""
        ),
        P(
            """Dans les PME bretonnes (agroalimentaire, services, économie sociale), ces
            projets sont rarement présentés comme des réorganisations. Ils le sont
            pourtant : un logiciel de traçabilité modifie le rythme de la ligne, un outil
            de planification change la façon dont les équipes se répartissent les tâches,
            une application de remontée d'incidents transforme la relation entre les
            opérateurs et leur hiérarchie. Les élus perçoivent ces effets après coup, à
            travers les plaintes des salariés ou les arrêts de travail."""
        ),
        NOTE(
            """En 2021, 14 des 31 CSE accompagnés par Alter-Travail ont été consultés sur
            un projet numérique ; aucun n'a disposé d'une étude d'impact sur les conditions
            de travail."""
        ),
        H1("2. Objectifs", "objectifs"),
        P(
            """Outiller dix CSE de PME bretonnes pour qu'ils puissent analyser les projets
            numériques sous l'angle des conditions de travail, et construire avec les
            directions un suivi partagé des effets."""
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Les CSE sont consultés, mais sur des dossiers techniques qu'ils ne peuvent
            discuter. Comment leur donner des repères pour transformer une consultation
            formelle en dialogue sur le travail ?"""
        ),
        H1("4. Cibles", "cibles"),
        H2("4.1 Les élus"),
        P("Dix CSE d'entreprises de 50 à 300 salariés, soit environ 60 élus."),
        H2("4.2 Les directions"),
        P("Les directions et les responsables des projets numériques concernés."),
        H1("5. Méthodologie", "methodologie"),
        P(
            """Formation-action en trois temps : apports et outils (une journée), enquête
            menée par les élus auprès des salariés (accompagnée), restitution et
            négociation d'indicateurs de suivi avec la direction."""
        ),
        H2("5.1 La journée d'apports"),
        P(
            """Elle réunit les élus de deux ou trois CSE. Elle présente des repères sur les
            effets des outils numériques sur le travail (autonomie, charge, collectifs,
            santé), des exemples de projets analysés et une méthode d'enquête simple."""
        ),
        H2("5.2 L'enquête des élus"),
        P(
            """Pendant six semaines, les élus conduisent des entretiens et des observations
            auprès des salariés concernés par le projet, avec l'appui à distance d'une
            consultante. Ils rédigent une note de quelques pages."""
        ),
        H2("5.3 La restitution"),
        P(
            """La note est présentée en réunion de CSE, en présence de la direction et,
            si possible, du responsable du projet numérique. La discussion vise à
            s'accorder sur quatre ou cinq indicateurs de suivi, revus à six mois."""
        ),
        H1("6. Phasage", "phasage"),
        B(
            "novembre 2022 : constitution du groupe des dix CSE ;",
            "décembre 2022 – mars 2023 : journées de formation et enquêtes ;",
            "avril – juin 2023 : restitutions et négociation des indicateurs ;",
            "septembre – octobre 2023 : suivi à six mois et bilan.",
        ),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Comité de pilotage trimestriel : Alter-Travail, Aract Bretagne, un
            représentant des coopératives, deux élus de CSE."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P("Dix enquêtes d'élus, dix tableaux de suivi négociés, un guide pour les CSE."),
        H1("9. Pérennisation et essaimage", "perennisation", placeholder=True),
        P("(à compléter)"),
        H1("10. Partenaires mobilisés", "partenaires"),
        partners_bullets(p10, " – "),
        P("Budget : cf. fichier Excel."),
    ],
    opts={"author": "Lucie Morvan"},
)
CASES.append(
    Case(
        id="h2-10",
        title="Forwarded message (rfc822) with DOCX + XLSX; a part left '(à compléter)'",
        sender="Erwan Le Goff <erwan.legoff@alter-travail.coop>",
        subject="TR: AMI Fabrique CTO - version finale du dossier Alter-Travail",
        date="Mon, 22 Aug 2022 19:31:02 +0200",
        body="""Bonjour,

Je vous transfère le dossier de candidature d'Alter-Travail préparé par ma collègue Lucie
Morvan (message ci-dessous avec les pièces jointes).

Cordialement,
Erwan Le Goff
Gérant – Alter-Travail SCIC""",
        container="forward",
        forward_from="Lucie Morvan <lucie.morvan@alter-travail.coop>",
        forward_subject="AMI Fabrique CTO - version finale du dossier",
        forward_date="Mon, 22 Aug 2022 18:02:40 +0200",
        inner_body="""Erwan,

Voici la version finale du dossier et le budget. Il reste la partie pérennisation à
compléter, je te laisse voir si tu veux l'écrire avant l'envoi.

Lucie""",
        docs=[
            d10,
            Doc(
                "Alter-Travail_budget_AMI.xlsx",
                "xlsx",
                budget=b10,
                opts={
                    "layout": "vertical",
                    "anact_formula": True,
                    "title": "Alter-Travail – budget prévisionnel AMI Fabrique CTO",
                    "subtitle": "Montants en euros",
                },
            ),
        ],
        partners=p10,
        end=(2023, 10),
        defects="'pérennisation' has its heading and '(à compléter)' only",
    )
)

# =========================================================================== h2-11
# "ci-joint" with nothing attached but the signature logo (inline, Content-ID).

CASES.append(
    Case(
        id="h2-11",
        title="Body says 'ci-joint' but only an inline logo is there",
        sender="Compagnons du Numérique 71 <contact@compagnons-numerique71.fr>",
        subject="Candidature – manifestation d'interet",
        date="Sat, 20 Aug 2022 10:14:55 +0200",
        body="""Madame, Monsieur,

Veuillez trouver ci-joint notre dossier de candidature à l'appel à manifestation
d'intérêt « Développer le dialogue social technologique au travail », ainsi que notre
budget prévisionnel.

Restant à votre disposition,

Bernard Morel
Président – Compagnons du Numérique 71
Mâcon""",
        inline_logo=("Compagnons 71", (0, 120, 80)),
        docs=[],
        defects="no proposal document (only an inline logo)",
        judgement="Every check runs: with no document, all ten parts are missing and "
        "there is no budget (missing_section x10 + missing_budget) besides "
        "no_proposal_document.",
    )
)

# =========================================================================== h2-12
# Out-of-office reply.

CASES.append(
    Case(
        id="h2-12",
        title="Out-of-office auto-reply",
        sender="Sophie Marchal <sophie.marchal@cabinet-ergosphere.fr>",
        subject="Réponse automatique : AMI La Fabrique CTO – accusé de réception",
        date="Thu, 18 Aug 2022 14:02:11 +0200",
        kind="autoreply",
        body="""Bonjour,

Je suis absente du bureau jusqu'au lundi 29 août inclus, avec un accès limité à ma
messagerie. Votre message sera traité à mon retour.

Pour toute urgence, vous pouvez contacter Antoine Perrin au 05 00 00 00 00.

Sophie Marchal
Cabinet Ergosphère""",
        defects="not a proposal (automatic reply)",
        judgement="Checks still run: no document, so no_proposal_document, ten "
        "missing_section and missing_budget are expected next to not_a_proposal.",
    )
)

# =========================================================================== h2-13
# A question about eligibility; the subject says only "AMI" (does not name the call).

CASES.append(
    Case(
        id="h2-13",
        title="Question about eligibility, subject not naming the call",
        sender="Lina Ouedraogo <lina.ouedraogo@gmail.com>",
        subject="Question éligibilité AMI – SCOP en création",
        date="Wed, 10 Aug 2022 21:37:06 +0200",
        kind="question",
        body=f"""Bonjour,

Nous sommes trois associées en train de créer une SCOP d'accompagnement au numérique
(immatriculation prévue en octobre). Deux questions avant de nous lancer dans la
rédaction :

1. Une structure en cours de création peut-elle déposer une candidature ?
2. Le temps bénévole des futures associées peut-il être valorisé comme
co-financement (nous visons un budget d'environ 40{NNBSP}000 €) ?

Merci d'avance pour votre réponse,

Lina Ouedraogo""",
        defects="not a proposal (question); subject lacks the call's name",
    )
)
