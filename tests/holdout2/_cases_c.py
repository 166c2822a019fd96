"""Cases h2-14 to h2-19 (see README.md)."""

from __future__ import annotations

from datetime import date

from _model import (
    BUDGET,
    H1,
    H2,
    NNBSP,
    NOTE,
    NUM,
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

# =========================================================================== h2-14
# Rural third place; subject does not name the call; DOCX whose headings are bold capitals
# in Normal style; budget in "k€"; no prestations line.

b14 = Budget(
    lines=[
        Line("Animatrice du tiers-lieu (0,5 ETP x 12 mois)", 19500, "personnel"),
        Line("Coordinateur (15 jours)", 4500, "personnel"),
        Line("Déplacements en milieu rural", 2750, "deplacements_logistique"),
        Line("Accueil des ateliers (repas, salle)", 1250, "deplacements_logistique"),
    ],
    resources=[
        Resource("Anact", 22000, anact=True, status="demandé"),
        Resource("Département de la Creuse", 3000, status="acquis"),
        Resource("Autofinancement La Grange", 3000, status="acquis"),
    ],
    style="keur",
)
p14 = [
    ("Aract Nouvelle-Aquitaine", "formation de l'animatrice, appui à l'évaluation"),
    ("Communauté de communes Creuse Sud-Ouest", "mise en relation avec les entreprises"),
    ("Chambre de métiers et de l'artisanat de la Creuse", "relais auprès des artisans"),
]
d14 = Doc(
    "La Grange - projet dialogue numerique.docx",
    "docx",
    [
        TITLE("Le numérique, parlons-en au village", "La Grange Numérique – tiers-lieu rural"),
        H1("Qui sommes-nous"),
        P(
            """La Grange Numérique est un tiers-lieu associatif ouvert en 2019 dans une
            ancienne grange de Bourganeuf (Creuse). On y trouve un espace de coworking, un
            fablab, une permanence France Services et un café associatif. Deux salariées et
            une trentaine de bénévoles le font vivre."""
        ),
        H1("Le contexte", "contexte"),
        P(
            """Les petites entreprises du territoire (artisans, commerçants, entreprises
            d'aide à domicile, scieries) nous sollicitent de plus en plus pour des questions
            numériques. Derrière la demande technique (« comment marche ce logiciel ? »),
            nous entendons souvent une autre question : comment faire accepter l'outil par
            l'équipe, comment éviter qu'il ne complique le travail de ceux qui ne sont pas
            à l'aise avec les écrans."""
        ),
        H1("Nos objectifs", "objectifs"),
        B(
            "faire du tiers-lieu un lieu neutre où employeurs et salariés parlent du numérique ;",
            "accompagner quinze petites entreprises dans un projet numérique concret ;",
            "former notre animatrice à l'animation de ce dialogue.",
        ),
        H1("La problématique", "problematique"),
        P(
            """Dans une entreprise de quatre personnes, le dialogue social se fait autour de
            la machine à café. C'est une force, mais aussi une limite : les sujets qui
            fâchent (charge de travail, contrôle, compétences) restent souvent non dits.
            Un lieu tiers peut-il faciliter cet échange sans le formaliser à l'excès ?"""
        ),
        H1("Les publics", "cibles"),
        P(
            """Quinze TPE du sud-ouest creusois (1 à 15 salariés) et leurs salariés, soit
            environ 80 personnes."""
        ),
        H1("La méthode", "methodologie"),
        P(
            """Pour chaque entreprise : une visite sur le lieu de travail, puis deux
            ateliers au tiers-lieu réunissant employeur et salariés, à partir des
            situations de travail concrètes. Des « cafés-numériques » mensuels, ouverts à
            tous, permettent aux entreprises de partager leurs expériences."""
        ),
        H1("Le calendrier", "phasage"),
        T(
            [
                ["Date", "Jalon"],
                ["1er décembre 2022", "Lancement, formation de l'animatrice par l'Aract"],
                ["Janvier – juin 2023", "Accompagnement des 15 TPE, cafés-numériques mensuels"],
                ["Septembre 2023", "Retour dans chaque entreprise"],
                ["30 novembre 2023", "Rencontre de clôture et bilan"],
            ],
            [4, 12],
        ),
        H1("Le pilotage", "pilotage"),
        P(
            """Le bureau de l'association suit le projet chaque mois. Un comité de suivi
            (tiers-lieu, Aract, communauté de communes, CMA, deux entreprises) se réunit
            trois fois."""
        ),
        H1("Les résultats attendus", "resultats"),
        P(
            """Quinze entreprises accompagnées, dix cafés-numériques, un recueil
            d'expériences illustré, une animatrice formée."""
        ),
        H1("L'après-projet", "perennisation"),
        P(
            """Les cafés-numériques continueront après le projet, financés par les
            adhésions. Nous partagerons la démarche avec le réseau des tiers-lieux de
            Nouvelle-Aquitaine."""
        ),
        H1("Nos partenaires", "partenaires"),
        partners_bullets(p14),
        H1("Le budget"),
        P("Montants en milliers d'euros (k€). Pas de prestation extérieure prévue."),
        BUDGET("simple"),
        SIG("Aurélie Dumas", "Coordinatrice de La Grange Numérique"),
    ],
    opts={"headings": "bold", "author": "Aurélie Dumas", "font": "Verdana", "size": 10},
    budget=b14,
)
CASES.append(
    Case(
        id="h2-14",
        title="Rural third place, headings as bold capitals, budget in k€, subject off-call",
        sender="Aurélie Dumas <aurelie@lagrange-numerique.fr>",
        subject="Projet dialogue numérique",
        date="Thu, 11 Aug 2022 12:48:00 +0200",
        body="""Bonjour,

Je vous envoie notre projet pour l'appel de l'Anact sur le dialogue social et le
numérique.

Bonne journée,
Aurélie Dumas
La Grange Numérique""",
        docs=[d14],
        partners=p14,
        end=date(2023, 11, 30),
        defects="subject does not name the call; no prestations line (warnings only)",
    )
)

# =========================================================================== h2-15
# Social-innovation agency; complete description, no budget at all ("il suivra").

p15 = [
    ("Aract Grand Est", "co-conception des ateliers et participation au comité de pilotage"),
    ("Eurométropole de Strasbourg", "mobilisation des entreprises du territoire"),
    ("Université de Strasbourg – laboratoire LISEC", "évaluation de l'expérimentation"),
    ("CFE-CGC Alsace", "mobilisation des managers de proximité"),
]
d15 = Doc(
    "Kaleido_Manager-Numerique_candidature.docx",
    "docx",
    [
        TITLE(
            "Managers de proximité et outils numériques : ouvrir la boîte noire",
            "Kaleido – agence d'innovation sociale",
        ),
        H1("Résumé exécutif"),
        P(
            """Les managers de proximité sont les grands oubliés des projets numériques :
            chargés de « faire adopter » les outils, ils sont rarement consultés sur leur
            choix. Kaleido propose d'expérimenter dans dix PME alsaciennes des « cercles
            managers-numérique » qui leur permettent d'analyser les effets des outils sur
            leur propre travail et sur celui de leurs équipes, puis de porter ces analyses
            dans le dialogue social de l'entreprise."""
        ),
        H1("Présentation de Kaleido"),
        P(
            """Kaleido est une SAS agréée entreprise solidaire d'utilité sociale (ESUS),
            créée en 2016 à Strasbourg. Ses six consultants accompagnent des entreprises,
            des collectivités et des associations dans des démarches d'innovation sociale
            et de qualité de vie au travail."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Outils de reporting, messageries instantanées, logiciels de planification :
            les managers de proximité des PME voient leur activité transformée par le
            numérique. Les études disponibles montrent une hausse du temps passé devant
            l'écran au détriment de la présence auprès des équipes, et un sentiment
            croissant d'être « le relais d'outils qu'on n'a pas choisis »."""
        ),
        H1("2. Objectifs", "objectifs"),
        P(
            """Donner aux managers de proximité une place dans le dialogue sur les outils ;
            outiller leur réflexion collective ; articuler cette réflexion avec les
            instances représentatives du personnel."""
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Le dialogue social technologique se pense souvent à deux : direction et
            représentants du personnel. Or les managers de proximité sont ceux qui font
            vivre (ou non) les règles d'usage. Comment les intégrer au dialogue sans les
            placer en porte-à-faux entre leur direction et leurs équipes ?"""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Dix PME de 50 à 250 salariés du Bas-Rhin, et dans chacune un groupe de cinq
            à huit managers de proximité. Les directions et les CSE sont associés aux temps
            de restitution."""
        ),
        H1("5. Méthodologie", "methodologie"),
        H2("5.1 Les cercles managers-numérique"),
        P(
            """Chaque cercle se réunit cinq fois (deux heures) sur six mois. Les managers
            y analysent des situations vécues à partir de « récits d'outil », construisent
            une cartographie des irritants et des ressources, et formulent des
            propositions."""
        ),
        H2("5.2 Les temps de restitution"),
        P(
            """Les propositions sont présentées à la direction et au CSE lors d'une séance
            commune, préparée avec l'Aract, qui débouche sur un plan d'action."""
        ),
        H1("6. Phasage", "phasage"),
        B(
            "T4 2022 : recrutement des entreprises ;",
            "T1 – T2 2023 : cercles dans cinq entreprises ;",
            "T2 – T3 2023 : cercles dans cinq autres entreprises ;",
            "T4 2023 : restitutions, évaluation, séminaire final.",
        ),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Comité de pilotage (Kaleido, Aract Grand Est, Eurométropole, LISEC,
            CFE-CGC) réuni quatre fois. Comité technique mensuel Kaleido – Aract."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P(
            """Dix cercles conduits, dix plans d'action, un guide d'animation publié sous
            licence libre, un rapport d'évaluation du LISEC."""
        ),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """Le guide permettra aux entreprises de reconduire les cercles en autonomie.
            L'Eurométropole envisage de proposer la démarche dans son programme
            d'accompagnement des PME."""
        ),
        H1("10. Partenaires mobilisés", "partenaires"),
        partners_table(p15),
        NOTE("Le budget détaillé sera transmis séparément."),
        SIG("Mathilde Schneider", "Présidente de Kaleido", "Strasbourg, le 15 août 2022"),
    ],
    opts={"author": "M. Schneider", "header": "Kaleido – Managers de proximité et numérique"},
)
CASES.append(
    Case(
        id="h2-15",
        title="Social-innovation agency, full description but no budget at all",
        sender="Mathilde Schneider <m.schneider@kaleido-is.fr>",
        subject="AMI La Fabrique CTO – candidature Kaleido",
        date="Mon, 15 Aug 2022 18:45:12 +0200",
        body="""Bonjour,

Vous trouverez ci-joint notre note de candidature. Le budget détaillé vous sera transmis
en début de semaine prochaine, notre expert-comptable étant en congés.

Bien cordialement,
Mathilde Schneider
Kaleido""",
        docs=[d15],
        partners=p15,
        end=(2023, 12),
        defects="no budget at all",
    )
)

# =========================================================================== h2-16
# Ergonomics agency; PDF exported by LibreOffice; no "problématique" part; the ergonomists'
# time is bought as a service: no personnel line.

b16 = Budget(
    lines=[
        Line("Déplacements Marseille – Toulon – Avignon", 2400, "deplacements_logistique"),
        Line("Location de salles pour les ateliers", 1600, "deplacements_logistique"),
        Line(
            "Interventions des ergonomes (40 jours x 700 €)",
            28000,
            "prestations",
            "facturées par la SARL",
        ),
        Line("Conception graphique de la boîte à outils", 4000, "prestations"),
    ],
    resources=[
        Resource("Subvention Anact demandée", 28500, anact=True),
        Resource("Autofinancement Ergonomia Sud", 7500, nature="autofinancement"),
    ],
    sep=NNBSP,
)
p16 = [
    ("Aract Provence-Alpes-Côte d'Azur", "co-animation, relecture de la boîte à outils"),
    ("Service de prévention et de santé au travail Provence", "repérage des entreprises"),
    ("Union régionale CFTC Provence-Alpes-Côte d'Azur", "participation au comité de suivi"),
]
d16 = Doc(
    "Ergonomia-Sud_candidature_Fabrique_CTO.pdf",
    "pdf_lo",
    [
        TITLE(
            "Écrans et comptoirs : le dialogue numérique dans le commerce de proximité",
            "Ergonomia Sud – cabinet d'ergonomie – Marseille",
        ),
        H1("Le cabinet"),
        P(
            """Ergonomia Sud est un cabinet de quatre ergonomes européens installé à
            Marseille depuis 2012. Nous intervenons auprès des commerces, des entreprises
            de services et des collectivités de la région."""
        ),
        H1("Contexte", "contexte"),
        P(
            """Caisses automatiques, terminaux de commande, applications de « click and
            collect », logiciels de gestion des stocks : le commerce de proximité vit une
            transformation numérique rapide, souvent décidée par les enseignes ou les
            centrales d'achat. Les salariés des magasins, principalement des femmes à temps
            partiel, en subissent les effets : tâches morcelées, relation client dégradée,
            sentiment de surveillance."""
        ),
        H1("Objectifs", "objectifs"),
        P(
            """Expérimenter dans huit commerces de proximité une démarche courte
            d'analyse des effets des outils numériques sur le travail, conduite avec les
            salariés et les responsables de magasin, et en tirer une boîte à outils."""
        ),
        H1("Publics", "cibles"),
        P(
            """Huit commerces indépendants ou franchisés de 10 à 60 salariés (alimentaire,
            bricolage, pharmacie), leurs salariés et leurs responsables."""
        ),
        H1("Méthodologie", "methodologie"),
        P(
            """Observation de l'activité sur deux journées par magasin ; atelier
            d'expression des salariés ; atelier de recherche de solutions associant
            responsables et salariés ; suivi à trois mois. L'ensemble est conduit par un
            binôme d'ergonomes."""
        ),
        H1("Phasage", "phasage"),
        T(
            [
                ["Période", "Étape"],
                ["Octobre 2022", "Sélection des commerces"],
                ["Novembre 2022 – mars 2023", "Interventions dans les huit commerces"],
                ["Avril – juin 2023", "Suivi à trois mois, conception de la boîte à outils"],
                ["Juillet 2023", "Restitution régionale"],
            ],
            [5, 11],
        ),
        H1("Pilotage", "pilotage"),
        P(
            """Comité de suivi réunissant le cabinet, l'Aract, le service de prévention et
            de santé au travail et l'union régionale CFTC, trois fois sur la durée du
            projet."""
        ),
        H1("Résultats escomptés", "resultats"),
        P("Huit interventions documentées ; une boîte à outils ; une restitution régionale."),
        H1("Pérennisation", "perennisation"),
        P(
            """La boîte à outils sera diffusée par le service de prévention et de santé au
            travail auprès de ses 9 000 entreprises adhérentes."""
        ),
        H1("Partenaires", "partenaires"),
        partners_table(p16),
        H1("Budget"),
        BUDGET("grouped"),
        NOTE(
            """Les ergonomes du cabinet étant associés, leur temps est facturé au projet
            sous forme de prestation."""
        ),
        SIG("Dr Karine Santoni", "Ergonome, gérante d'Ergonomia Sud"),
    ],
    opts={"author": "Karine Santoni", "header": "Ergonomia Sud — Écrans et comptoirs"},
    budget=b16,
)
CASES.append(
    Case(
        id="h2-16",
        title="Ergonomics agency, LibreOffice PDF, no problématique, no personnel line",
        sender="Karine Santoni <k.santoni@ergonomia-sud.fr>",
        subject="AMI Fabrique CTO",
        date="Fri, 19 Aug 2022 09:26:40 +0200",
        body="""Bonjour,

Candidature d'Ergonomia Sud en pièce jointe.

Karine Santoni""",
        docs=[d16],
        partners=p16,
        end=(2023, 7),
        defects="no 'problématique' part; budget without personnel",
    )
)

# =========================================================================== h2-17
# Two-person HR consultancy; DOCX with "Titre 1" styles; the budget has no co-financing
# at all (Anact asked for the whole cost).

b17 = Budget(
    lines=[
        Line("Consultante RH", 26000, "personnel", "40 jours x 650 €"),
        Line("Consultant systèmes d'information", 13000, "personnel", "20 jours x 650 €"),
        Line("Déplacements", 1500, "deplacements_logistique", "Hauts-de-France"),
        Line("Logistique des ateliers", 2000, "deplacements_logistique"),
        Line("Graphiste", 3500, "prestations"),
        Line("Conseil juridique (accord de méthode)", 6000, "prestations"),
    ],
    resources=[Resource("Subvention Anact sollicitée", 52000, anact=True)],
    style="fr2",
)
p17 = [
    ("Aract Hauts-de-France", "appui méthodologique"),
    ("Association des DRH des PME du Nord", "recrutement des entreprises"),
]
d17 = Doc(
    "TandemRH_AMI_Fabrique_CTO_2022.docx",
    "docx",
    [
        TITLE("SIRH : négocier avant de paramétrer", "Tandem RH – Lille"),
        H1("Résumé"),
        P(
            """Les logiciels de gestion des ressources humaines (SIRH) encodent des règles
            qui relèvent du dialogue social : circuits de validation des congés, critères
            des entretiens annuels, visibilité des informations personnelles. Tandem RH
            propose d'accompagner huit PME des Hauts-de-France dans la négociation d'un
            accord de méthode préalable au paramétrage de leur SIRH, et d'en tirer un guide
            pratique."""
        ),
        H1("Tandem RH en bref"),
        P(
            """Tandem RH est une petite société de conseil fondée en 2020 par Camille
            Roussel, ancienne DRH de PME industrielle, et Hugo Lefebvre, consultant en
            systèmes d'information. Nous accompagnons une trentaine de PME par an dans le
            choix et le déploiement de leurs outils RH (SIRH, entretiens annuels en ligne,
            gestion des temps et des activités)."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Les PME s'équipent de SIRH « tout-en-un » vendus sur abonnement, qui
            automatisent des processus jusque-là gérés humainement : demandes de congés,
            entretiens, suivi des compétences, notes de frais. Ces outils structurent la
            relation entre salariés et managers. Ils sont pourtant choisis par la direction
            seule, sur des critères de prix et d'ergonomie, et paramétrés par l'éditeur à
            partir de modèles standard."""
        ),
        P(
            """Dans les missions que nous avons conduites depuis 2020, les tensions
            apparaissent quelques mois après le déploiement : entretiens annuels vécus
            comme des formulaires, managers contournant les circuits de validation, élus
            découvrant que des informations sensibles sont visibles par des personnes qui
            n'auraient pas dû y accéder."""
        ),
        H1("2. Objectifs", "objectifs"),
        H2("2.1 Pour les entreprises"),
        P(
            """Négocier, avant le paramétrage, un accord de méthode qui fixe les règles
            structurantes de l'outil et les modalités de leur révision."""
        ),
        H2("2.2 Pour les acteurs du dialogue social"),
        P(
            """Produire un guide de négociation du paramétrage des SIRH, utilisable par
            les directions comme par les élus."""
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Un SIRH encode des règles RH. Ces règles relèvent du dialogue social, mais
            elles sont fixées par défaut par l'éditeur, et présentées comme des contraintes
            techniques. Comment les rendre visibles, puis négociables, dans des entreprises
            où le CSE dispose de peu de moyens et où la direction veut aller vite ?"""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Huit PME de 50 à 200 salariés des Hauts-de-France ayant un projet de SIRH
            en 2022-2023, leurs CSE, leurs managers et leurs services RH."""
        ),
        H1("5. Méthodologie", "methodologie"),
        NUM(
            """Atelier 1 – inventaire des règles contenues dans l'outil envisagé, à partir
            d'une démonstration commentée et du paramétrage par défaut ;""",
            """Atelier 2 – négociation d'un accord de méthode (règles structurantes,
            information des salariés, clause de revoyure) ;""",
            """Atelier 3 – vérification du paramétrage réel au regard de l'accord, trois
            mois après le déploiement.""",
        ),
        P(
            """Un avocat en droit social relit les accords. Un graphiste met en forme le
            guide final."""
        ),
        H1("6. Phasage", "phasage"),
        B(
            "3 octobre 2022 : démarrage ;",
            "novembre 2022 – mai 2023 : ateliers 1 et 2 dans les huit PME ;",
            "juin – août 2023 : ateliers de vérification ;",
            "15 septembre 2023 : fin du projet et remise du guide.",
        ),
        H1("7. Pilotage", "pilotage"),
        P(
            """Comité de pilotage : Tandem RH, Aract Hauts-de-France, deux DRH et deux élus
            de CSE des entreprises participantes. Trois réunions : lancement, mi-parcours,
            clôture."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P("Huit accords de méthode ; un guide de négociation du paramétrage des SIRH."),
        H1("9. Pérennisation", "perennisation"),
        P(
            """Le guide sera diffusé par l'association des DRH et intégré à nos missions ;
            nous le proposerons aussi aux éditeurs de SIRH avec lesquels nous
            travaillons."""
        ),
        H1("10. Partenaires", "partenaires"),
        partners_bullets(p17),
        H1("11. Budget"),
        BUDGET("grouped"),
        P(
            """Tandem RH étant une jeune structure, nous ne sommes pas en mesure d'apporter
            un autofinancement."""
        ),
        SIG("Camille Roussel", "Associée fondatrice"),
    ],
    opts={"headings": "renamed", "h1_name": "Titre 1", "h2_name": "Titre 2"},
    budget=b17,
)

CASES.append(
    Case(
        id="h2-17",
        title="Two-person HR consultancy, 'Titre 1' styles, no co-financing at all",
        sender="Camille Roussel <camille@tandem-rh.fr>",
        subject="Candidature AMI Fabrique CTO - Tandem RH",
        date="Thu, 18 Aug 2022 10:10:10 +0200",
        body="""Bonjour,

Ci-joint notre dossier de candidature.

Cordialement,
Camille Roussel – Tandem RH""",
        docs=[d17],
        partners=p17,
        end=date(2023, 9, 15),
        defects="no co-financing line at all",
        judgement="No co-financing: missing_budget_item(cofinancement) and "
        "cofinancing_below_minimum; cofinancing amount/share left out of the label.",
    )
)

# =========================================================================== h2-18
# Action-research institute; fpdf2 PDF (serif); budget table whose declared total
# (64 500 €) differs from the sum of its lines (63 900 €); no phasage part.

b18 = Budget(
    lines=[
        Line("Chercheuse senior", 21000, "personnel", "30 j x 700 €"),
        Line("Chargé d'études", 21000, "personnel", "60 j x 350 €"),
        Line("Missions en Occitanie", 3400, "deplacements_logistique"),
        Line("Salles et repas (6 ateliers)", 2700, "deplacements_logistique"),
        Line("Réalisation d'un serious game (studio)", 10000, "prestations"),
        Line("Transcriptions", 1800, "prestations"),
        Line("Graphisme du guide", 4000, "prestations"),
    ],
    resources=[
        Resource("Anact – Fabrique CTO", 51000, anact=True, status="sollicité"),
        Resource("Autofinancement ReSo", 9000, status="acquis"),
        Resource("Fondation pour l'innovation au travail", 4500, status="sollicité"),
    ],
    declared_total=64500,
    style="fr2",
)
p18 = [
    ("Aract Occitanie", "regard méthodologique, co-animation des ateliers"),
    ("Union régionale Solidaires Occitanie", "mobilisation des équipes syndicales"),
    ("Fédération des entreprises d'insertion Occitanie", "identification des structures"),
]
d18 = Doc(
    "ReSo_SeriousGame_DialogueNumerique.pdf",
    "pdf",
    [
        TITLE(
            "Jouer le numérique pour en débattre",
            "Un serious game pour le dialogue social technologique – Institut ReSo",
        ),
        H1("L'Institut ReSo"),
        P(
            """L'Institut ReSo (Recherche et Solidarités) est une association de
            recherche-action créée en 2010 à Toulouse. Ses cinq chercheurs et chargés
            d'études travaillent sur le travail dans l'économie sociale et solidaire."""
        ),
        H1("Contexte", "contexte"),
        P(
            """Dans les entreprises d'insertion et les structures de l'ESS, la
            transformation numérique touche des salariés souvent éloignés des outils. Les
            projets sont pilotés par des équipes réduites, et le dialogue social, quand il
            existe, manque de supports pour aborder ces sujets."""
        ),
        H2("Ce que nous avons déjà observé"),
        P(
            """Lors d'une étude conduite en 2021 pour la fédération des entreprises
            d'insertion, nous avons constaté que les encadrants techniques passent jusqu'à
            une journée par semaine sur des outils de suivi, et que les salariés en
            parcours ne sont presque jamais consultés sur leur usage. Les réunions
            d'équipe, quand elles abordent ces sujets, laissent peu de place à la parole de
            ceux qui maîtrisent mal l'écrit."""
        ),
        H1("Objectifs", "objectifs"),
        P(
            """Concevoir et tester un serious game qui met en scène un projet numérique
            fictif et permet à des équipes mixtes (direction, encadrants, salariés, élus)
            d'en débattre."""
        ),
        H1("Problématique", "problematique"),
        P(
            """Le jeu peut-il créer un espace de dialogue plus égalitaire que la réunion
            classique, où les salariés les moins à l'aise à l'écrit osent prendre la
            parole ?"""
        ),
        H1("Publics visés", "cibles"),
        P("Douze structures de l'ESS en Occitanie, soit environ 150 joueurs."),
        H1("Méthode", "methodologie"),
        P(
            """Le jeu sera conçu avec un studio toulousain à partir d'entretiens menés dans
            quatre structures, puis testé dans douze structures lors d'ateliers de deux
            heures suivis d'un débriefing. Une enquête à trois mois mesurera ce que le jeu
            a permis de discuter et de décider. La durée totale du projet est de douze
            mois."""
        ),
        H1("Pilotage et comitologie", "pilotage"),
        P(
            """Comité de pilotage (ReSo, Aract, Solidaires, fédération des entreprises
            d'insertion) réuni au lancement, à mi-parcours et à la clôture."""
        ),
        P(
            """L'équipe projet (une chercheuse senior, un chargé d'études, le studio) se
            réunit toutes les deux semaines pendant la conception du jeu, puis une fois par
            mois. Les structures participantes désignent chacune un référent."""
        ),
        H1("Résultats escomptés", "resultats"),
        P("Un serious game libre de droits ; douze ateliers ; un guide d'animation."),
        H1("Pérennisation et essaimage", "perennisation"),
        P(
            """Le jeu et son guide seront libres de droits et diffusés par la fédération
            auprès de toutes ses adhérentes."""
        ),
        H1("Partenaires et contributions", "partenaires"),
        partners_table(p18),
        H1("Budget prévisionnel"),
        BUDGET("grouped"),
        SIG("Dr Paul Castan", "Directeur de l'Institut ReSo", "Toulouse, le 20 août 2022"),
    ],
    opts={
        "header": "Institut ReSo – Jouer le numérique pour en débattre",
        "font": "serif",
        "accent": (110, 30, 60),
        "size": 11,
        "producer": "LibreOffice 7.3",
        "creator": "Writer",
        "author": "Paul Castan",
    },
    budget=b18,
)
CASES.append(
    Case(
        id="h2-18",
        title="Action-research institute, serif fpdf2 PDF, total mismatch, no phasage",
        sender="Paul Castan <p.castan@institut-reso.org>",
        subject="La Fabrique CTO : proposition de l'Institut ReSo",
        date="Sat, 20 Aug 2022 15:15:15 +0200",
        body="""Bonjour,

Veuillez trouver ci-joint la proposition de l'Institut ReSo.

Paul Castan""",
        docs=[d18],
        partners=p18,
        end=None,
        defects="declared total 64 500 € vs lines 63 900 €; no phasage part",
    )
)

# =========================================================================== h2-19
# Regional network of work-integration structures; DOCX with sub-sections + Gantt; messy
# XLSX; a scanned signed letter as an annex (RFC 2047 encoded name). Complete.

b19 = Budget(
    lines=[
        Line("Chargée de projet (0,5 ETP, 14 mois)", 23800, "personnel"),
        Line("Directeur (10 jours)", 4000, "personnel"),
        Line("Déplacements", 3100, "deplacements_logistique"),
        Line("Logistique des ateliers inter-structures", 2400, "deplacements_logistique"),
        Line("Formation des encadrants (3 sessions, organisme externe)", 7200, "prestations"),
        Line("Outil de cartographie des usages (prestation)", 4500, "prestations"),
    ],
    resources=[
        Resource("Anact – Fabrique CTO", 35600, anact=True, status="sollicité"),
        Resource("Fonds propres ARSI", 4000, status="acquis"),
        Resource("FSE+ (axe inclusion)", 5400, status="sollicité"),
    ],
)
p19 = [
    ("Aract Hauts-de-France", "co-animation des ateliers inter-structures"),
    ("Université de Lille – IAE", "évaluation qualitative"),
    ("Collectif régional des encadrants techniques d'insertion", "mobilisation des encadrants"),
    ("Fondation Agir pour l'emploi", "mise à disposition d'un outil de cartographie"),
]
ph19 = [
    ("Diagnostic dans 10 structures", (2022, 10), (2023, 1)),
    ("Formation des encadrants", (2023, 1), (2023, 3)),
    ("Ateliers inter-structures", (2023, 3), (2023, 8)),
    ("Évaluation, publication", (2023, 9), (2023, 11)),
]
d19 = Doc(
    "ARSI-HdF_projet_Fabrique_CTO.docx",
    "docx",
    [
        TITLE(
            "Encadrer à l'heure du numérique",
            "Association régionale des structures d'insertion des Hauts-de-France (ARSI)",
        ),
        H1("Présentation de l'ARSI"),
        P(
            """L'ARSI fédère 85 structures d'insertion par l'activité économique
            (ateliers et chantiers d'insertion, entreprises d'insertion, associations
            intermédiaires), qui emploient plus de 6 000 salariés en parcours. Elle assure
            la représentation du réseau, la professionnalisation des équipes et
            l'animation de projets collectifs."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """La dématérialisation (plateforme de l'inclusion, pointage numérique,
            applications de suivi des parcours) transforme le métier des encadrants
            techniques d'insertion. Ils passent plus de temps à renseigner des outils et
            moins à accompagner les salariés en parcours sur le chantier. Les salariés
            eux-mêmes, souvent peu familiers du numérique, sont confrontés à des outils qui
            conditionnent leur parcours."""
        ),
        H1("2. Objectifs", "objectifs"),
        H2("2.1 Objectif général"),
        P(
            """Faire de la transformation numérique des structures d'insertion un objet de
            dialogue entre directions, encadrants et salariés en parcours."""
        ),
        H2("2.2 Objectifs spécifiques"),
        B(
            "dresser un diagnostic des usages dans dix structures ;",
            "former trente encadrants à l'animation du dialogue sur les outils ;",
            "produire des règles d'usage partagées dans chaque structure.",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Comment organiser un dialogue sur le numérique dans des structures où une
            partie des salariés est en parcours de quelques mois, souvent en situation de
            fragilité, et où le dialogue social est peu institutionnalisé ?"""
        ),
        H1("4. Cibles", "cibles"),
        H2("4.1 Les structures"),
        P("Dix structures d'insertion volontaires, réparties dans les cinq départements."),
        H2("4.2 Les encadrants"),
        P("Trente encadrants techniques et accompagnateurs socioprofessionnels."),
        H2("4.3 Les salariés en parcours"),
        P("Environ 200 salariés en parcours participant aux ateliers."),
        H1("5. Méthodologie", "methodologie"),
        P(
            """Diagnostic des usages à l'aide d'un outil de cartographie ; formation des
            encadrants ; ateliers inter-structures associant encadrants et salariés en
            parcours ; rédaction de règles d'usage ; évaluation qualitative par l'IAE de
            Lille."""
        ),
        H1("6. Phasage", "phasage"),
        gantt(ph19, (2022, 10), (2023, 12)),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Comité de pilotage trimestriel (ARSI, Aract, IAE, collectif des encadrants,
            trois directeurs de structure). Groupe projet mensuel."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P("Dix diagnostics ; trente encadrants formés ; dix chartes d'usage ; un rapport."),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """La formation des encadrants sera intégrée au plan de professionnalisation
            du réseau ; les chartes seront proposées aux 85 structures."""
        ),
        H1("10. Partenaires", "partenaires"),
        *partners_paragraphs(p19),
        P(
            """La lettre d'engagement de l'Aract Hauts-de-France est jointe (version
            signée scannée)."""
        ),
        SIG("Sandrine Lefort", "Directrice de l'ARSI", "Lille, le 17 août 2022"),
    ],
    opts={"author": "Sandrine Lefort", "header": "ARSI – Encadrer à l'heure du numérique"},
)
d19_letter = Doc(
    "Lettre d'engagement signée.pdf",
    "pdf_scanned",
    [
        P("Aract Hauts-de-France"),
        P("Lille, le 10 août 2022"),
        P("Objet : lettre d'engagement – projet « Encadrer à l'heure du numérique »"),
        P("Madame la Directrice,"),
        P(
            """Par la présente, l'Aract Hauts-de-France confirme son engagement à
            co-animer les ateliers inter-structures du projet porté par l'ARSI dans le
            cadre de l'appel à manifestation d'intérêt La Fabrique CTO, à hauteur de six
            journées d'intervention."""
        ),
        P("Je vous prie d'agréer, Madame la Directrice, l'expression de mes salutations."),
        SIG("Le directeur", "Aract Hauts-de-France"),
    ],
    opts={"rfc2047_name": True},
)
CASES.append(
    Case(
        id="h2-19",
        title="Insertion network, DOCX + messy XLSX + scanned signed letter (RFC 2047 name)",
        sender="Sandrine Lefort <s.lefort@arsi-hdf.org>",
        subject="AMI La Fabrique CTO – candidature ARSI Hauts-de-France",
        date="Wed, 17 Aug 2022 14:40:00 +0200",
        body="""Madame, Monsieur,

Vous trouverez ci-joint :
- la note de présentation du projet ;
- le budget prévisionnel ;
- la lettre d'engagement de l'Aract Hauts-de-France.

Sincères salutations,
Sandrine Lefort""",
        docs=[
            d19,
            Doc(
                "Budget prévisionnel ARSI.xlsx",
                "xlsx",
                budget=b19,
                opts={"layout": "messy", "title": "ARSI – Encadrer à l'heure du numérique"},
            ),
            d19_letter,
        ],
        partners=p19,
        end=gantt_end(ph19),
        defects="none (scanned annex: warning only)",
    )
)
