"""Cases h2-20 to h2-25 (see README.md)."""

from __future__ import annotations

from _model import (
    BR,
    BUDGET,
    H1,
    H2,
    NBSP,
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
    partners_paragraphs,
    partners_table,
)

CASES: list[Case] = []

# =========================================================================== h2-20
# Agricultural employers' group; the description is a scanned paper copy (no text layer);
# the XLSX budget is readable.

b20 = Budget(
    lines=[
        Line("Animatrice du groupement (0,3 ETP)", 13500, "personnel"),
        Line("Direction (8 jours)", 3200, "personnel"),
        Line("Déplacements dans les exploitations", 3800, "deplacements_logistique"),
        Line("Salle et repas des réunions", 1500, "deplacements_logistique"),
        Line("Consultant en organisation du travail agricole", 9000, "prestations"),
        Line(
            "Conception d'une application de planning partagé (prototype)",
            8000,
            "prestations",
        ),
    ],
    resources=[
        Resource("Anact", 31000, anact=True, status="demandé"),
        Resource("MSA – action sanitaire et sociale", 4000, status="sollicité"),
        Resource("Autofinancement GEA 85", 4000, status="acquis"),
    ],
)
p20 = [
    ("Aract Pays de la Loire", "appui méthodologique"),
    ("Chambre d'agriculture de la Vendée", "relais auprès des exploitants"),
    ("FGA-CFDT Vendée", "représentation des salariés agricoles"),
]
d20 = Doc(
    "Projet GEA85 - scan.pdf",
    "pdf_scanned",
    [
        TITLE(
            "Planifier ensemble le travail partagé",
            "Groupement d'employeurs agricoles de Vendée (GEA 85)",
        ),
        H1("Le groupement"),
        P(
            """Le GEA 85 met à disposition de 140 exploitations adhérentes une soixantaine
            de salariés agricoles à temps partagé (élevage, maraîchage, viticulture)."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Les plannings des salariés partagés sont aujourd'hui établis par téléphone et
            sur un tableur. Plusieurs adhérents réclament une application. Nous voulons
            éviter qu'elle ne dégrade les conditions de travail des salariés (changements
            de dernière minute, déplacements non anticipés)."""
        ),
        P(
            """Les salariés du groupement travaillent chaque semaine dans deux à cinq
            exploitations différentes. Leur planning est aujourd'hui le fruit d'un
            arrangement permanent entre l'animatrice, les exploitants et les salariés
            eux-mêmes : appels la veille au soir, échanges de créneaux entre collègues,
            ajustements selon la météo et les vêlages. Ce système souple repose sur
            beaucoup de disponibilité, en particulier de la part des salariés."""
        ),
        P(
            """Une application permettrait de mieux anticiper, mais elle risque aussi de
            rendre les salariés joignables en permanence et de figer des arrangements qui
            fonctionnent. Le conseil d'administration a donc souhaité que le projet soit
            construit avec les salariés et leurs représentants, avant tout choix
            technique."""
        ),
        H1("2. Objectifs", "objectifs"),
        P("Concevoir avec les salariés et les exploitants les règles d'un planning numérique."),
        B(
            "établir un diagnostic partagé des pratiques actuelles de planification ;",
            """définir des règles communes : délais de prévenance, droit de refus,
            plages sans sollicitation, priorités entre exploitations ;""",
            "tester un prototype d'application intégrant ces règles pendant trois mois.",
        ),
        H1("3. Problématique", "problematique"),
        P(
            "Comment concilier la souplesse attendue par les exploitants et la prévisibilité "
            "nécessaire aux salariés ?"
        ),
        H1("4. Cibles", "cibles"),
        P("Les 60 salariés du groupement et 40 exploitations volontaires."),
        H1("5. Méthodologie", "methodologie"),
        P("Entretiens, ateliers mixtes, prototype testé pendant trois mois."),
        P(
            """Un consultant spécialisé dans l'organisation du travail agricole conduit
            vingt entretiens (salariés, exploitants, animatrice) et anime trois ateliers
            mixtes. Les règles qui en sortent sont traduites dans un cahier des charges
            pour le prototype, développé par un prestataire local et testé par quinze
            salariés et vingt exploitations."""
        ),
        H1("6. Phasage", "phasage"),
        P(
            "Novembre 2022 : entretiens. Janvier – mars 2023 : ateliers. Avril – juillet 2023 : "
            "test du prototype. Septembre 2023 : bilan."
        ),
        H1("7. Pilotage", "pilotage"),
        P("Conseil d'administration du GEA et comité de suivi avec les partenaires."),
        H1("8. Résultats escomptés", "resultats"),
        P("Des règles de planification partagées ; un prototype d'application."),
        H1("9. Pérennisation", "perennisation"),
        P("Déploiement de l'application à tous les adhérents en 2024."),
        H1("10. Partenaires", "partenaires"),
        partners_bullets(p20),
        SIG("Le président", "Jean-Yves Ripaud", "La Roche-sur-Yon, le 16 août 2022"),
    ],
)
CASES.append(
    Case(
        id="h2-20",
        title="Agricultural employers' group, scanned description + readable XLSX",
        sender="GEA 85 <secretariat@gea85.fr>",
        subject="AMI Fabrique CTO - dossier GEA 85",
        date="Tue, 16 Aug 2022 16:58:03 +0200",
        body="""Bonjour,

Ci-joint le dossier signé (scanné) et le budget.

Cordialement,
Le secrétariat du GEA 85""",
        docs=[
            d20,
            Doc(
                "Budget GEA85.xlsx",
                "xlsx",
                budget=b20,
                opts={"layout": "two_sheets", "title": "GEA 85 – budget du projet"},
            ),
        ],
        partners=[],
        end=None,
        defects="description only as a scan: every part missing, so needs_review",
    )
)

# =========================================================================== h2-21
# Regional QVT resource centre; DOCX whose part headings are a numbered list (List Number,
# bold), with a "Perspectives 2024" paragraph after the project's end; a truncated PDF annex.

b21 = Budget(
    lines=[
        Line("Chargée de mission QVT (0,4 ETP, 12 mois)", 18000, "personnel"),
        Line("Déléguée générale (10 jours)", 4500, "personnel"),
        Line("Déplacements en Normandie", 2200, "deplacements_logistique"),
        Line("Accueil des cercles d'échange (salles, repas)", 2300, "deplacements_logistique"),
        Line("Intervention d'un juriste en droit social", 3000, "prestations"),
        Line("Conception d'un MOOC court", 8000, "prestations"),
    ],
    resources=[
        Resource("Anact – AMI La Fabrique CTO", 30000, anact=True, status="sollicité"),
        Resource("Région Normandie", 5000, status="acquis"),
        Resource("Autofinancement Trajectoires QVT", 3000, status="acquis"),
    ],
    style="fr2",
)
p21 = [
    ("Aract Normandie", "co-animation des cercles d'échange, expertise QVT"),
    ("Union régionale des PME de Normandie", "mobilisation des dirigeants"),
    ("Université de Rouen Normandie – laboratoire DySoLab", "évaluation"),
]
d21 = Doc(
    "Trajectoires-QVT_candidature.docx",
    "docx",
    [
        TITLE(
            "Cercles d'échange « télétravail et outils collaboratifs »",
            "Trajectoires QVT – centre de ressources régional",
        ),
        P(
            """Trajectoires QVT est une association normande créée en 2017 par des
            organisations d'employeurs et de salariés pour diffuser les démarches de
            qualité de vie et des conditions de travail dans les TPE-PME."""
        ),
        H1("Contexte", "contexte"),
        P(
            """Le télétravail, installé dans l'urgence en 2020, s'est pérennisé dans de
            nombreuses PME normandes, avec un empilement d'outils collaboratifs. Les
            accords signés portent sur le nombre de jours, rarement sur les outils et les
            façons de travailler ensemble à distance."""
        ),
        H1("Objectifs", "objectifs"),
        P(
            """Réunir des binômes dirigeant – représentant du personnel de douze PME dans
            des cercles d'échange pour construire des règles de fonctionnement hybrides et
            d'usage des outils."""
        ),
        H1("Problématique", "problematique"),
        P(
            """Comment passer d'accords de télétravail centrés sur les modalités
            (nombre de jours, indemnités) à un dialogue sur le travail hybride lui-même ?"""
        ),
        H1("Cibles", "cibles"),
        P("Douze PME de 20 à 250 salariés ; un binôme dirigeant – élu par entreprise."),
        H1("Méthodologie", "methodologie"),
        P(
            """Six cercles d'échange d'une demi-journée, entre lesquels chaque binôme
            expérimente une règle dans son entreprise. Un juriste intervient sur les
            questions de droit à la déconnexion et de protection des données."""
        ),
        H1("Phasage", "phasage"),
        T(
            [
                ["Échéance", "Étape"],
                ["Novembre 2022", "Constitution des binômes"],
                ["Décembre 2022 – juin 2023", "Six cercles d'échange"],
                ["Septembre 2023", "Conception du MOOC"],
                ["Octobre 2023", "Séminaire de clôture, mise en ligne du MOOC"],
            ],
            [5, 11],
        ),
        H2("Perspectives 2024"),
        P(
            """Au-delà du projet, nous envisageons en 2024 une seconde promotion de
            binômes, financée par la Région et les adhérents."""
        ),
        H1("Pilotage et comitologie", "pilotage"),
        P(
            """Comité de pilotage paritaire (administrateurs de Trajectoires QVT, Aract,
            Union régionale des PME, DySoLab), réuni trois fois."""
        ),
        H1("Résultats escomptés", "resultats"),
        P("Douze chartes du travail hybride ; un MOOC de 45 minutes ; une évaluation."),
        H1("Pérennisation et essaimage", "perennisation"),
        P("Le MOOC restera en libre accès ; les cercles seront reconduits (voir 2024)."),
        H1("Partenaires", "partenaires"),
        partners_table(p21),
        H1("Budget"),
        BUDGET("simple"),
        SIG("Anne-Sophie Vautier", "Déléguée générale", "Rouen, le 21 août 2022"),
    ],
    opts={"headings": "numbered_list", "author": "AS Vautier", "font": "Cambria"},
    budget=b21,
)
d21_cv = Doc(
    "CV_equipe_projet.pdf",
    "pdf_truncated",
    [
        TITLE("Équipe projet – curriculum vitae", "Trajectoires QVT"),
        H1("Anne-Sophie Vautier – déléguée générale"),
        P(
            """Diplômée en sociologie du travail (Université de Caen), quinze ans
            d'expérience dans l'accompagnement des PME, dont huit à l'Aract Normandie."""
        ),
        H1("Romain Lecoq – chargé de mission QVT"),
        P(
            """Master en ergonomie (Université de Rouen). Animateur de démarches QVT dans
            une quarantaine de PME depuis 2018."""
        ),
        BR(),
        H1("Publications et interventions"),
        B(
            "« Le télétravail dans les PME normandes », rapport, 2021.",
            "Intervention au congrès de la SELF, 2022.",
            "Animation du réseau régional des référents QVT depuis 2019.",
        ),
    ],
    opts={"keep": 0.42, "header": "Trajectoires QVT – CV"},
)
CASES.append(
    Case(
        id="h2-21",
        title="QVT centre, numbered-list headings, 'Perspectives 2024', truncated PDF annex",
        sender="Anne-Sophie Vautier <as.vautier@trajectoires-qvt.fr>",
        subject="AMI « Fabrique CTO » : candidature Trajectoires QVT",
        date="Sun, 21 Aug 2022 20:20:20 +0200",
        body="""Bonjour,

Veuillez trouver notre candidature et les CV de l'équipe.

Bien cordialement,
Anne-Sophie Vautier""",
        html_body=True,
        inline_logo=("Trajectoires QVT", (200, 90, 20)),
        docs=[d21, d21_cv],
        partners=p21,
        end=(2023, 10),
        defects="truncated PDF annex (warning only)",
        judgement="'Perspectives 2024' describes what may follow the project: the end "
        "date stays October 2023.",
    )
)

# =========================================================================== h2-22
# University research chair; fpdf2 PDF; exactly 80 000 € asked and exactly 20 %
# co-financing (Anact line computed as a difference in the XLSX); sent 23:59:30 Paris time
# with a +0000 Date header. Complete.

b22 = Budget(
    lines=[
        Line("Post-doctorant (12 mois)", 52000, "personnel"),
        Line("Titulaire de la chaire (25 jours)", 12500, "personnel"),
        Line("Missions et déplacements", 6500, "deplacements_logistique"),
        Line("Organisation du colloque de restitution", 7000, "deplacements_logistique"),
        Line("Réalisation des films courts", 14000, "prestations"),
        Line("Plateforme d'enquête – paramétrage (prestataire)", 8000, "prestations"),
    ],
    resources=[
        Resource("Université de Lille (autofinancement)", 12000, status="acquis"),
        Resource("Fondation Nord Solidarités (mécénat)", 8000, status="acquis"),
        Resource("Montant sollicité auprès de l'Anact", 80000, anact=True),
    ],
)
p22 = [
    ("Aract Hauts-de-France", "co-construction du protocole, accès au terrain"),
    ("Union régionale CGT Hauts-de-France", "mobilisation d'équipes syndicales"),
    ("Medef Lille Métropole", "mobilisation des directions d'entreprise"),
    ("Euratechnologies", "accueil du colloque, mise en relation avec des éditeurs"),
]
ph22 = [
    ("Revue de littérature et protocole", (2022, 9), (2022, 12)),
    ("Enquête par questionnaire", (2022, 12), (2023, 3)),
    ("Études de cas (6 entreprises)", (2023, 2), (2023, 9)),
    ("Films et colloque", (2023, 9), (2023, 12)),
]
d22 = Doc(
    "Chaire-TN_Lille_AMI-Fabrique-CTO.pdf",
    "pdf",
    [
        TITLE(
            "Algorithmes au travail : ce que négocient les entreprises",
            "Chaire Travail & Numérique – Université de Lille",
        ),
        H1("Résumé"),
        P(
            f"""La chaire propose une recherche-action de seize mois sur la négociation des
            outils algorithmiques dans les entreprises des Hauts-de-France. Coût total :
            100{NBSP}000 € ; montant sollicité auprès de l'Anact : 80{NBSP}000 € ;
            co-financement : 20{NBSP}000 € (20 %)."""
        ),
        H1("Présentation de la chaire"),
        P(
            """Créée en 2020, la chaire Travail & Numérique réunit des chercheurs en
            sociologie, droit social et sciences de gestion de l'Université de Lille. Elle
            est soutenue par des mécènes et conduit des travaux en partenariat avec les
            acteurs sociaux de la région."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Les outils algorithmiques (attribution automatique des tâches, notation,
            détection d'anomalies) se diffusent dans la logistique, la banque, les centres
            de relation client. Quelques accords d'entreprise commencent à les encadrer ;
            on sait peu de choses de ce qui s'y négocie réellement et de ce que cela change
            pour le travail."""
        ),
        H1("2. Objectifs", "objectifs"),
        B(
            "recenser et analyser les accords et pratiques de négociation existants ;",
            "étudier six cas d'entreprise en profondeur ;",
            "en tirer des repères pour les négociateurs, diffusés sous forme de films courts.",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Que peut-on négocier d'un algorithme ? Ses finalités, ses données, ses
            paramètres, ses effets ? Et qui, dans l'entreprise, dispose des connaissances
            nécessaires pour le faire ?"""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Négociateurs d'entreprise (directions et organisations syndicales),
            élus de CSE, responsables de projets numériques, dans les PME et ETI de la
            région."""
        ),
        H1("5. Méthodologie", "methodologie"),
        P(
            """Questionnaire auprès de 400 entreprises, six études de cas (entretiens,
            observation des réunions de négociation, analyse documentaire), ateliers de
            restitution avec les acteurs des cas, réalisation de quatre films courts."""
        ),
        H2("5.1 Le questionnaire"),
        P(
            """Adressé aux directions et aux délégués syndicaux de 400 entreprises de plus
            de 50 salariés, il porte sur les outils algorithmiques utilisés, la manière
            dont ils ont été introduits et les éventuels accords ou chartes."""
        ),
        H2("5.2 Les études de cas"),
        P(
            """Six entreprises sont choisies pour la diversité des outils et des
            situations de dialogue (accord signé, négociation en cours, conflit, absence
            de dialogue). Dans chacune, une vingtaine d'entretiens et l'observation de
            réunions permettent de reconstituer ce qui a été discuté, par qui, et avec quels
            effets sur le travail."""
        ),
        H2("5.3 Les films"),
        P(
            """Quatre films de dix minutes, réalisés par un prestataire, donnent la parole
            aux acteurs des cas et servent de support aux formations des négociateurs."""
        ),
        H1("6. Phasage détaillé", "phasage"),
        gantt(ph22, (2022, 9), (2023, 12)),
        NOTE("La dernière phase se termine avec le colloque du 14 décembre 2023."),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Un comité de pilotage paritaire (chaire, Aract, CGT, Medef, Euratechnologies)
            se réunit quatre fois. Un conseil scientifique de la chaire valide le
            protocole."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P("Un rapport, six monographies, quatre films, un colloque régional."),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """Les films seront diffusés par les organisations partenaires et utilisés
            dans les formations de l'université."""
        ),
        H1("10. Partenaires mobilisés et contributions", "partenaires"),
        partners_table(p22),
        P("Le budget détaillé est joint au format Excel."),
        SIG("Pr Élise Vandamme", "Titulaire de la chaire", "Lille, le 23 août 2022"),
    ],
    opts={
        "header": "Chaire Travail & Numérique – Université de Lille",
        "font": "serif",
        "size": 10.5,
        "accent": (0, 70, 130),
        "author": "Élise Vandamme",
    },
)
CASES.append(
    Case(
        id="h2-22",
        title="University chair, serif PDF, exactly 80 000 € and 20 %, sent 23:59:30 Paris",
        sender="Élise Vandamme <elise.vandamme@univ-lille.example>",
        subject="AMI La Fabrique CTO – Chaire Travail & Numérique",
        date="Tue, 23 Aug 2022 21:59:30 +0000",
        body="""Madame, Monsieur,

Veuillez trouver ci-joints notre proposition et son budget, en espérant qu'ils vous
parviennent dans les temps.

Élise Vandamme""",
        docs=[
            d22,
            Doc(
                "Budget_Chaire-TN.xlsx",
                "xlsx",
                budget=b22,
                opts={
                    "layout": "messy",
                    "anact_formula": True,
                    "title": "Chaire Travail & Numérique – budget prévisionnel",
                },
            ),
        ],
        partners=p22,
        end=gantt_end(ph22),
        defects="none (edge values: 80 000 € exactly, 20 % exactly, 23:59:30 Paris)",
        judgement="Medef Lille Métropole and Euratechnologies are partners (named in the "
        "partners part); the Fondation, named only in the budget, is not.",
    )
)

# =========================================================================== h2-23
# CSE expertise firm; sent 00:05 Paris time (22:05 +0000); no "cibles" part; the Anact
# request is given only in a sentence.

b23 = Budget(
    lines=[
        Line("Experts CSE (50 j x 750 €)", 37500, "personnel"),
        Line("Assistante (10 j)", 2500, "personnel"),
        Line("Déplacements", 3000, "deplacements_logistique"),
        Line("Salles pour les formations des élus", 2000, "deplacements_logistique"),
        Line("Conception d'un simulateur (prestataire)", 11000, "prestations"),
        Line("Impression des guides", 3000, "prestations"),
    ],
    resources=[Resource("Autofinancement du cabinet (temps non facturé)", 12000)],
    anact_sentence=47000,
)
p23 = [
    ("Aract Île-de-France", "apport méthodologique"),
    ("Institut régional du travail", "co-conception des formations"),
]
d23 = Doc(
    "Axiome-CSE_projet_simulateur.docx",
    "docx",
    [
        TITLE(
            "« Avant la consultation » : un simulateur pour préparer les élus aux projets "
            "numériques",
            "Cabinet Axiome CSE – proposition à l'AMI La Fabrique CTO",
        ),
        H1("Synthèse"),
        P(
            f"""Axiome CSE propose de concevoir un simulateur de projet numérique — un jeu de
            rôle outillé, joué en une journée — permettant aux élus de CSE de s'entraîner à
            analyser un projet technologique avant d'y être confrontés. Deux cents élus de
            PME franciliennes le testeront entre janvier et octobre 2023. Coût total :
            59{NBSP}000 € HT."""
        ),
        H1("Le cabinet"),
        P(
            """Axiome CSE est un cabinet d'expertise auprès des comités sociaux et
            économiques, habilité pour les expertises en santé, sécurité et conditions de
            travail et agréé pour la formation des élus. Ses douze consultants (ergonomes,
            économistes, juristes) réalisent chaque année une soixantaine d'expertises,
            dont un tiers portent désormais sur des projets numériques."""
        ),
        H1("Contexte", "contexte"),
        P(
            """Les expertises « introduction de nouvelles technologies » que nous
            conduisons arrivent presque toujours tard : le CSE est consulté quand le
            contrat avec l'éditeur est signé, parfois quand le déploiement a commencé. Les
            élus découvrent un vocabulaire (API, paramétrage, tableaux de bord,
            algorithmes de recommandation) qui les tient à distance, et la consultation se
            réduit souvent à un avis de principe."""
        ),
        P(
            """Notre expérience montre pourtant que des élus préparés posent des questions
            décisives : sur les données collectées, sur les indicateurs de performance, sur
            les possibilités de contourner l'outil en cas de dysfonctionnement, sur la
            formation. C'est cette préparation que le projet veut rendre possible."""
        ),
        NOTE(
            """¹ Sur nos 58 expertises de 2021, 19 portaient sur un projet numérique ; dans
            15 cas, la consultation a eu lieu après la signature du contrat."""
        ),
        H1("Objectifs", "objectifs"),
        B(
            "concevoir un simulateur réaliste, inspiré de cas réels anonymisés ;",
            "former 200 élus de CSE de PME à l'analyse d'un projet numérique ;",
            """mesurer l'effet de la formation sur la qualité des consultations suivantes
            (questions posées, propositions faites, suites données).""",
        ),
        H1("Problématique", "problematique"),
        P(
            """Comment se préparer à discuter d'un projet que l'on ne connaît pas encore ?
            La formation juridique ne suffit pas ; l'expertise, quand elle est possible,
            arrive tard. Un entraînement sur un cas fictif mais vraisemblable peut-il
            donner aux élus des réflexes transférables à leur propre entreprise ?"""
        ),
        H1("Méthodologie", "methodologie"),
        H2("Conception du simulateur"),
        P(
            """Le simulateur met en scène une PME fictive qui s'apprête à déployer un
            logiciel de gestion de la relation client. Les participants reçoivent, au fil
            de la journée, des documents (note de la direction, extraits du cahier des
            charges, témoignages de salariés, données) et doivent préparer l'avis du CSE.
            Un prestataire spécialisé dans les jeux sérieux en assure la réalisation."""
        ),
        H2("Sessions et évaluation"),
        P(
            """Dix sessions de vingt élus sont organisées, suivies d'un questionnaire à
            chaud et d'un entretien à six mois avec un échantillon de participants ayant
            vécu une consultation réelle entre-temps."""
        ),
        H1("Phasage", "phasage"),
        T(
            [
                ["Trimestre", "Étape"],
                ["Novembre 2022 – janvier 2023", "Conception du scénario et des documents"],
                ["Février – mars 2023", "Réalisation et test du simulateur"],
                ["Avril – septembre 2023", "Dix sessions de formation"],
                ["Octobre – novembre 2023", "Évaluation à six mois, rapport final"],
            ],
            [5, 11],
        ),
        H1("Pilotage", "pilotage"),
        P(
            """Un comité de pilotage réunit le cabinet, l'Aract Île-de-France et
            l'Institut régional du travail au lancement, après les tests et à la clôture.
            La directrice associée du cabinet est responsable du projet."""
        ),
        H1("Résultats escomptés", "resultats"),
        B(
            "un simulateur réutilisable, avec son guide d'animation ;",
            "200 élus formés ;",
            "un rapport d'évaluation et un guide « Préparer une consultation numérique ».",
        ),
        H1("Pérennisation", "perennisation"),
        P(
            """Le simulateur sera intégré à nos formations d'élus et mis à disposition des
            instituts régionaux du travail ; une version allégée sera proposée en accès
            libre."""
        ),
        H1("Partenaires", "partenaires"),
        partners_bullets(p23),
        H1("Budget"),
        BUDGET("simple_cat"),
        P(
            f"""Nous sollicitons auprès de l'Anact une subvention de 47{NBSP}000 €, le
            solde étant autofinancé par le cabinet."""
        ),
        SIG("Hélène Garnier", "Directrice associée – Axiome CSE", "Paris, le 23 août 2022"),
    ],
    opts={"author": "Axiome", "header": "Axiome CSE – simulateur « Avant la consultation »"},
    budget=b23,
)

CASES.append(
    Case(
        id="h2-23",
        title="CSE expertise firm, late by UTC offset, no cibles, Anact request in a sentence",
        sender="Cabinet Axiome CSE <contact@axiome-cse.fr>",
        subject="Manifestation d'intérêt – dialogue social technologique – Axiome CSE",
        date="Tue, 23 Aug 2022 22:05:00 +0000",
        body="""Bonsoir,

Ci-joint notre proposition.

L'équipe Axiome CSE""",
        docs=[d23],
        partners=p23,
        end=(2023, 11),
        defects="late (00:05 Paris time); no 'cibles' part",
    )
)

# =========================================================================== h2-24
# Basque-country association; DOCX; milestones ending "fin décembre 2023"; messy XLSX with
# "Achat d'un ordinateur portable" under logistics (ineligible); no "objectifs" part.

b24 = Budget(
    lines=[
        Line("Coordinatrice (0,5 ETP, 15 mois)", 24000, "personnel"),
        Line("Déplacements au Pays basque intérieur", 2400, "deplacements_logistique"),
        Line(
            "Achat d'un ordinateur portable pour la coordinatrice",
            1150,
            "deplacements_logistique",
            ineligible=True,
        ),
        Line("Location de salles", 1450, "deplacements_logistique"),
        Line("Interprétariat et traduction en basque", 2500, "prestations"),
        Line("Animation par une coopérative de facilitation", 6500, "prestations"),
    ],
    resources=[
        Resource("Anact", 29000, anact=True, status="sollicité"),
        Resource("Communauté d'agglomération Pays Basque", 5000, status="acquis"),
        Resource("Autofinancement", 4000, status="acquis"),
    ],
)
p24 = [
    ("Aract Nouvelle-Aquitaine", "formation de la coordinatrice, co-animation"),
    ("Euskal Herriko Laborantza Ganbara", "relais auprès des exploitations agricoles"),
    ("Association des commerçants de Saint-Palais", "mobilisation des commerçants"),
]
d24 = Doc(
    "Projet_Lan-Eta-Numerikoa_AMI.docx",
    "docx",
    [
        TITLE(
            "Lana eta numerikoa",
            "Travail et numérique dans les très petites entreprises du Pays basque intérieur",
        ),
        P("Porteur : Collectif Numérique & Travail du Pays Basque (association loi 1901)."),
        P(
            """Appel à manifestation d'intérêt « Développer le dialogue social technologique
            au travail » – La Fabrique CTO."""
        ),
        H1("Présentation"),
        P(
            """Notre collectif réunit depuis 2019 des salariés, des chefs d'entreprise et
            des élus locaux du Pays basque intérieur (Soule, Basse-Navarre, Amikuze) autour
            des questions de travail et de numérique. Il fonctionne avec une coordinatrice
            salariée à mi-temps et une quinzaine de bénévoles actifs. Nous avons organisé
            en 2021 un cycle de six conférences-débats sur le télétravail en zone rurale,
            qui a réuni près de 400 personnes."""
        ),
        H1("Contexte", "contexte"),
        P(
            """Dans les vallées de l'intérieur, les entreprises sont petites, dispersées et
            bilingues. La numérisation (logiciels de caisse, plateformes de réservation
            touristique, outils de gestion agricole, facturation électronique) se fait sans
            accompagnement, et presque toujours en français seulement, alors qu'une partie
            des salariés travaille et se forme en basque."""
        ),
        P(
            """Les employeurs que nous rencontrons ne refusent pas d'en parler avec leurs
            salariés ; ils ne savent pas comment s'y prendre, et craignent d'ouvrir des
            discussions qu'ils ne pourront pas conclure. Les salariés, eux, expriment une
            fatigue face à des outils qui s'ajoutent les uns aux autres."""
        ),
        H2("Quelques chiffres"),
        B(
            "92 % des établissements du territoire comptent moins de 10 salariés ;",
            "un tiers des salariés déclarent utiliser le basque au travail ;",
            """la moitié des TPE interrogées par notre collectif en 2021 ont changé au
            moins un logiciel métier depuis 2019.""",
        ),
        H1("Problématique", "problematique"),
        P(
            """Comment ouvrir un dialogue sur les outils numériques dans de très petites
            entreprises sans représentants du personnel, en tenant compte de la langue de
            travail des salariés ? Nous faisons l'hypothèse qu'un cadre collectif,
            inter-entreprises et bilingue, rend ce dialogue plus facile qu'un face-à-face
            dans chaque entreprise."""
        ),
        H1("Publics", "cibles"),
        P(
            """Vingt TPE (commerce, tourisme, agriculture, artisanat) de Soule et de
            Basse-Navarre, leurs dirigeants et leurs salariés, soit environ 110 personnes.
            Indirectement : les élus locaux et les réseaux consulaires du territoire."""
        ),
        H1("Démarche", "methodologie"),
        H2("Rencontres dans les entreprises"),
        P(
            """La coordinatrice rencontre chaque entreprise, en français ou en basque selon
            le souhait des participants, pour faire l'inventaire des outils utilisés et des
            difficultés qu'ils posent."""
        ),
        H2("Ateliers inter-entreprises"),
        P(
            """Quatre ateliers réunissent des binômes employeur-salarié de plusieurs
            entreprises. Animés par une coopérative de facilitation, avec interprétariat,
            ils aboutissent à des règles d'usage que chaque binôme rapporte dans son
            entreprise."""
        ),
        H2("Fiches bilingues"),
        P("Les enseignements sont rassemblés dans douze fiches bilingues français-basque."),
        H1("Calendrier", "phasage"),
        B(
            "septembre 2022 : lancement, recrutement des entreprises ;",
            "octobre 2022 – mars 2023 : rencontres dans les vingt TPE ;",
            "avril – octobre 2023 : ateliers inter-entreprises ;",
            "novembre 2023 : rédaction et traduction des fiches ;",
            "fin décembre 2023 : séminaire de clôture et remise du rapport final.",
        ),
        H1("Gouvernance", "pilotage"),
        P(
            """Un comité de suivi trimestriel réunit le bureau du collectif, l'Aract, les
            partenaires et deux entreprises participantes. Le conseil d'administration
            valide le rapport final."""
        ),
        H1("Résultats", "resultats"),
        P(
            """Vingt TPE accompagnées ; une quarantaine de règles d'usage adoptées ; douze
            fiches bilingues ; un séminaire de clôture."""
        ),
        H1("Suites", "perennisation"),
        P(
            """Les fiches seront diffusées par les partenaires ; les ateliers seront
            reconduits chaque année si la communauté d'agglomération confirme son
            soutien."""
        ),
        H1("Partenaires", "partenaires"),
        partners_bullets(p24),
        P("Budget : voir le fichier joint."),
        SIG("Maialen Etxeberria", "Coordinatrice", "Saint-Palais, le 19 août 2022"),
    ],
    opts={"headings": "renamed", "h1_name": "Titre 1", "h2_name": "Titre 2"},
)

CASES.append(
    Case(
        id="h2-24",
        title="Basque association, ends 'fin décembre 2023', laptop purchase, no objectifs",
        sender="Maialen Etxeberria <maialen@numerique-travail-eh.eus>",
        subject="AMI Fabrique CTO – Lana eta numerikoa",
        date="Fri, 19 Aug 2022 12:00:00 +0200",
        body="""Egun on,

Ci-joints notre projet et le budget.

Maialen Etxeberria""",
        docs=[
            d24,
            Doc(
                "Budget_Lana-eta-numerikoa.xlsx",
                "xlsx",
                budget=b24,
                opts={"layout": "messy", "title": "Lana eta numerikoa – budget"},
            ),
        ],
        partners=p24,
        end=(2023, 12),
        defects="ineligible 'Achat d'un ordinateur portable…'; no 'objectifs' part",
        judgement="'fin décembre 2023' is read as the call's end of December (30 Dec): "
        "not after the limit.",
    )
)

# =========================================================================== h2-25
# Forum-theatre company; fpdf2 PDF; budget with a travel line at 0 € (present) and a
# co-financing line at 0 € (present, below the minimum); no "résultats" part.

b25 = Budget(
    lines=[
        Line("Comédiens-intervenants (48 cachets x 320 €)", 15360, "personnel"),
        Line("Metteuse en scène – écriture des saynètes (20 j)", 6000, "personnel"),
        Line("Administratrice de production (10 j)", 2400, "personnel"),
        Line(
            "Frais de déplacement (pris en charge par les entreprises d'accueil)",
            0,
            "deplacements_logistique",
        ),
        Line("Location de matériel son et lumière", 1240, "deplacements_logistique"),
        Line("Ergonome associée à l'écriture (6 j)", 4200, "prestations"),
        Line("Captation vidéo", 2800, "prestations"),
    ],
    resources=[
        Resource("Anact – La Fabrique CTO", 32000, anact=True),
        Resource("Autofinancement de la compagnie", 0),
    ],
)
p25 = [
    ("Aract Occitanie", "regard sur les situations de travail mises en scène"),
    ("Union départementale CFDT de l'Hérault", "mobilisation des élus d'entreprise"),
    ("Club des entreprises de Montpellier Est", "accueil des représentations"),
]
d25 = Doc(
    "Le Pas de Cote - theatre-forum numerique.pdf",
    "pdf",
    [
        TITLE("Clic ! Théâtre-forum sur le travail numérique", "Compagnie Le Pas de Côté"),
        H1("La compagnie"),
        P(
            """Le Pas de Côté est une compagnie de théâtre-forum fondée en 2008 à
            Montpellier. Ses six comédiens-intervenants et sa metteuse en scène jouent
            chaque année une quarantaine de représentations dans des entreprises, des
            administrations et des associations, sur le travail, la santé, les
            discriminations. Nous travaillons depuis 2015 avec des ergonomes pour écrire
            des saynètes ancrées dans le travail réel."""
        ),
        H1("Pourquoi ce projet (contexte)", "contexte"),
        P(
            """Les salariés parlent difficilement des outils numériques qu'ils utilisent :
            la critique paraît passéiste, la plainte individuelle, et le sujet semble
            réservé aux techniciens. Lors de nos interventions sur les risques
            psychosociaux, les outils reviennent pourtant sans cesse : messageries qui
            débordent sur les soirées, tableaux de bord qui mettent les équipes en
            concurrence, logiciels qui imposent une façon de faire."""
        ),
        P(
            """Le théâtre-forum permet de jouer ces situations, de les arrêter, et
            d'inviter le public à monter sur scène pour essayer d'autres issues. Il crée un
            espace où directions, encadrants, salariés et élus peuvent débattre à partir
            d'une situation commune, à distance de leur propre entreprise."""
        ),
        H1("Nos objectifs", "objectifs"),
        B(
            "créer un spectacle-forum de 50 minutes sur le travail numérique ;",
            "le jouer dans dix entreprises de l'Hérault ;",
            """transformer les propositions du public en pistes de dialogue social,
            restituées à chaque entreprise.""",
        ),
        H1("La question", "problematique"),
        P(
            """Le jeu théâtral peut-il ouvrir un dialogue sur des sujets vécus comme
            techniques, et ce dialogue peut-il se prolonger dans les instances de
            l'entreprise une fois le rideau tombé ?"""
        ),
        H1("Le public", "cibles"),
        P(
            """Salariés, encadrants, directions et élus de dix entreprises de l'Hérault
            (50 à 300 salariés), dans la logistique, le commerce, le médico-social et les
            services. Environ 600 spectateurs."""
        ),
        H1("Comment nous travaillons", "methodologie"),
        H2("Immersion"),
        P(
            """La metteuse en scène et une ergonome passent deux journées dans trois
            entreprises volontaires pour observer le travail et recueillir des
            situations."""
        ),
        H2("Écriture et représentations"),
        P(
            """Cinq saynètes sont écrites à partir de ces situations. Chaque représentation
            est suivie d'un forum, puis d'un temps d'échange animé avec la direction et le
            CSE pour retenir deux ou trois sujets à mettre à l'ordre du jour."""
        ),
        H1("Calendrier", "phasage"),
        P(
            """Immersions d'octobre à décembre 2022 ; écriture en janvier 2023 ;
            représentations de février à juin 2023."""
        ),
        H1("Pilotage", "pilotage"),
        P(
            """Un comité de suivi (compagnie, Aract, UD CFDT, club d'entreprises) se réunit
            avant les immersions, après l'écriture et à la fin des représentations."""
        ),
        H1("Et ensuite", "perennisation"),
        P(
            """Le spectacle rejoindra notre répertoire et sera proposé à d'autres
            territoires d'Occitanie ; la captation vidéo permettra de l'utiliser en
            formation."""
        ),
        H1("Nos partenaires", "partenaires"),
        *partners_paragraphs(p25),
        H1("Budget"),
        BUDGET("grouped"),
        NOTE(
            """La compagnie, dont les réserves sont épuisées après deux années de crise
            sanitaire, ne peut apporter d'autofinancement cette année."""
        ),
        SIG("Lou Marchetti", "Directrice artistique", "Montpellier, le 11 août 2022"),
    ],
    opts={
        "header": "Compagnie Le Pas de Côté – « Clic ! »",
        "accent": (120, 40, 140),
        "size": 10.5,
        "font": "condensed",
    },
    budget=b25,
)

CASES.append(
    Case(
        id="h2-25",
        title="Forum-theatre company, PDF, 0 € travel and 0 € co-financing lines, no résultats",
        sender="Lou Marchetti <lou@lepasdecote-theatre.fr>",
        subject="Candidature AMI Fabrique CTO – théâtre-forum « Clic ! »",
        date="Thu, 11 Aug 2022 17:17:17 +0200",
        body="""Bonjour,

Voici notre proposition pour l'AMI.

Lou Marchetti
Compagnie Le Pas de Côté""",
        docs=[d25],
        partners=p25,
        end=(2023, 6),
        defects="co-financing line at 0 € (below the minimum); no 'résultats' part",
        judgement="A 0 € travel line and a 0 € co-financing line count as present: no "
        "missing_budget_item for them; co-financing amount 0, share 0.",
    )
)
