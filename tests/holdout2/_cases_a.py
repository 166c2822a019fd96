"""Cases h2-01 to h2-06 (see README.md)."""

from __future__ import annotations

from _model import (
    BUDGET,
    COLS,
    H1,
    H2,
    NBSP,
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

# =========================================================================== h2-01
# University lab in Grenoble; DOCX with Word headings and sub-sections; Gantt with X marks;
# messy XLSX budget (merged cells, header on row 3, subtotal formulas, "Recettes" on the
# right). Complete.

b01 = Budget(
    lines=[
        Line("Ingénieure d'études (12 mois à 50 %)", 27600, "personnel", "0,5 ETP x 12 mois"),
        Line("Enseignant-chercheur coordinateur (30 jours)", 9900, "personnel", "30 j x 330 €"),
        Line(
            "Doctorant contractuel – vacations d'enquête (40 jours)",
            6400,
            "personnel",
            "40 j x 160 €",
        ),
        Line(
            "Déplacements dans les PME (Isère, Savoie, Drôme)",
            2800,
            "deplacements_logistique",
            "train + véhicule de service, 35 A/R",
        ),
        Line(
            "Location de salles et restauration des ateliers",
            3200,
            "deplacements_logistique",
            "16 ateliers x 200 €",
        ),
        Line("Design graphique du kit de dialogue", 6500, "prestations", "devis Studio Ouvert"),
        Line("Transcription des entretiens", 2100, "prestations", "60 h d'enregistrement"),
        Line("Facilitation graphique du séminaire final", 1800, "prestations", "1 journée + rendu"),
    ],
    resources=[
        Resource("Anact – Fabrique CTO (demandé)", 48000, anact=True, status="sollicité"),
        Resource(
            "Université Grenoble Alpes – temps chercheur valorisé",
            9900,
            nature="autofinancement",
            status="acquis",
        ),
        Resource(
            "Pôle Pilote Innovation Industrie (appel à projets régional)",
            2400,
            nature="subvention",
            status="demandé",
        ),
    ],
)
p01 = [
    ("Aract Auvergne-Rhône-Alpes", "appui méthodologique, co-animation de deux ateliers par PME"),
    (
        "Cluster Industries Alpes Numériques (CIAN)",
        "mise en relation avec les PME adhérentes, accueil du séminaire final",
    ),
    (
        "Union départementale CFDT de l'Isère",
        "mobilisation des élus de CSE, participation au comité de pilotage",
    ),
    (
        "Fédération des industries mécaniques – délégation Alpes",
        "relais auprès des dirigeants, diffusion du kit",
    ),
]
ph01 = [
    ("1. Cadrage, revue de littérature", (2022, 9), (2022, 11)),
    ("2. Enquête dans 8 PME", (2022, 11), (2023, 3)),
    ("3. Ateliers de dialogue (3 par PME)", (2023, 2), (2023, 7)),
    ("4. Conception du kit DIALOG-IA", (2023, 5), (2023, 9)),
    ("5. Séminaire final, capitalisation", (2023, 9), (2023, 11)),
]
d01 = Doc(
    "DIALOG-IA_note_projet_ERGO-TIC.docx",
    "docx",
    [
        TITLE(
            "DIALOG-IA",
            "Mettre en discussion l'intelligence artificielle dans les PME industrielles "
            "alpines — Réponse à l'AMI « Développer le dialogue social technologique au "
            "travail » (La Fabrique CTO)",
        ),
        H1("Résumé du projet"),
        P(
            """Les PME industrielles de l'arc alpin s'équipent rapidement de logiciels de
            planification, de maintenance prédictive et, depuis peu, de briques d'intelligence
            artificielle vendues « clés en main ». Ces outils arrivent le plus souvent par la
            direction technique, sans que les opérateurs, les techniciens ni les élus du CSE
            aient été associés à leur choix. DIALOG-IA propose d'expérimenter, dans huit PME de
            l'Isère, de la Savoie et de la Drôme, une démarche outillée de dialogue sur ces
            projets, de la décision d'achat jusqu'aux premiers mois d'usage."""
        ),
        P(
            f"""Le projet dure quinze mois (septembre 2022 – novembre 2023). Son coût total est
            de 60{NBSP}300 € ; nous sollicitons 48{NBSP}000 € auprès de l'Anact, le solde étant
            apporté par l'Université Grenoble Alpes et un financement régional demandé."""
        ),
        H1("Présentation du porteur"),
        P(
            """Le laboratoire ERGO-TIC (Ergonomie, Organisation et Technologies de
            l'Information et de la Communication) est une équipe de recherche de l'Université
            Grenoble Alpes rattachée à l'UFR de psychologie et sciences sociales. Il réunit
            onze enseignants-chercheurs, six doctorants et deux ingénieures d'études autour des
            usages des technologies au travail. L'équipe a conduit depuis 2016 une vingtaine de
            recherches-interventions en entreprise, notamment sur l'introduction des
            progiciels de gestion intégrés dans la métallurgie et sur le télétravail contraint
            pendant la crise sanitaire."""
        ),
        P(
            """Le projet sera coordonné par Mme Claire Vasseur, maîtresse de conférences en
            ergonomie, avec l'appui de M. Yanis Belkacem, ingénieur d'études."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """L'industrie alpine compte près de 2 300 établissements de 10 à 250 salariés,
            souvent sous-traitants de rang 2 ou 3 pour l'aéronautique, le décolletage ou la
            mécanique de précision. La pression des donneurs d'ordre sur les délais et la
            traçabilité a accéléré depuis 2020 l'équipement numérique de ces entreprises :
            MES (systèmes d'exécution de la production), GMAO, tablettes en atelier, et
            désormais des modules d'IA pour l'ordonnancement ou le contrôle qualité par
            vision."""
        ),
        P(
            """Nos travaux antérieurs montrent que ces projets sont presque toujours pensés
            comme des projets informatiques. Le cahier des charges est rédigé avec
            l'éditeur ; l'organisation du travail est « ajustée » ensuite, souvent dans
            l'urgence. Les effets sur l'autonomie des opérateurs, sur la charge des
            régleurs ou sur les relations entre équipes ne sont discutés nulle part, alors
            même que l'accord-cadre européen de juin 2020 sur la transformation numérique
            invite précisément à ce dialogue."""
        ),
        NOTE(
            """¹ Enquête ERGO-TIC 2021 auprès de 146 PME adhérentes du CIAN : 71 % ont
            déployé au moins un nouvel outil de pilotage de la production depuis 2019, 12 %
            ont associé le CSE avant le choix de la solution."""
        ),
        H1("2. Objectifs", "objectifs"),
        P("""Le projet poursuit trois objectifs, qui seront évalués séparément :"""),
        NUM(
            """outiller le dialogue social et professionnel dans les PME à chaque étape d'un
            projet d'outil numérique : choix, paramétrage, déploiement, premiers usages ;""",
            """faire travailler ensemble acheteurs, fournisseurs et utilisateurs sur des
            situations concrètes, en s'appuyant sur la simulation de l'activité future ;""",
            """produire et diffuser un kit ouvert (DIALOG-IA) utilisable sans nous par les
            PME, les branches et les organisations syndicales.""",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Comment rendre discutable, dans une PME sans service RH étoffé ni
            représentants formés aux questions techniques, un outil dont le fonctionnement
            est en partie opaque y compris pour ceux qui l'achètent ? Notre hypothèse est que
            le dialogue ne porte pas d'abord sur la technique elle-même mais sur les
            situations de travail qu'elle transforme : qui décide d'une priorité de
            fabrication, qui peut corriger une proposition de la machine, qui porte la
            responsabilité d'une erreur."""
        ),
        P(
            """Le projet interroge donc la possibilité de construire, à partir de l'analyse de
            l'activité, des « objets intermédiaires » (scénarios, maquettes d'écran, récits
            d'incidents) autour desquels direction, encadrement, salariés et élus peuvent
            négocier des règles d'usage."""
        ),
        H1("4. Cibles", "cibles"),
        H2("4.1 Les PME visées"),
        P(
            """Huit PME industrielles de 20 à 200 salariés, engagées dans un projet d'outil
            numérique dont le déploiement est prévu entre fin 2022 et mi-2023. Quatre ont déjà
            donné leur accord de principe (décolletage, plasturgie, chaudronnerie, agro-
            équipement)."""
        ),
        H2("4.2 Les salariés et leurs représentants"),
        P(
            """Dans chaque entreprise : un groupe de 6 à 10 salariés directement concernés
            (opérateurs, régleurs, agents de méthode), les managers de proximité, les élus du
            CSE et, lorsqu'elle existe, la commission santé, sécurité et conditions de
            travail."""
        ),
        H2("4.3 Les fournisseurs de solutions"),
        P(
            """Les éditeurs et intégrateurs retenus par les PME seront invités à au moins un
            atelier : ils font partie du dialogue que nous voulons outiller."""
        ),
        H1("5. Déroulé méthodologique", "methodologie"),
        P(
            """La démarche s'inspire de la recherche-intervention en ergonomie et des
            méthodes de conception participative. Elle comprend, dans chaque PME :"""
        ),
        B(
            """une phase d'immersion (deux à trois jours) : entretiens, observations,
            recueil des traces de l'activité ;""",
            """trois ateliers de dialogue d'une demi-journée chacun : (1) partager le
            diagnostic et les attentes, (2) simuler l'activité future à partir de scénarios,
            (3) formaliser des règles d'usage et les points à surveiller ;""",
            """un retour à six mois, pour vérifier ce qui a été tenu et ce qui a dérivé.""",
        ),
        P(
            """Les ateliers sont co-animés par un membre de l'équipe et un chargé de mission
            de l'Aract. Leur déroulé, les supports et les difficultés rencontrées sont
            consignés dans un journal de bord commun, matière première du kit."""
        ),
        H1("6. Phasage détaillé", "phasage"),
        P(
            """Le calendrier ci-dessous court de septembre 2022 à novembre 2023 ; décembre
            2023 est laissé libre comme marge de sécurité."""
        ),
        gantt(ph01, (2022, 9), (2023, 12)),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Un comité de pilotage se réunit tous les quatre mois (cinq réunions). Il
            associe l'équipe ERGO-TIC, l'Aract Auvergne-Rhône-Alpes, le CIAN, l'UD CFDT de
            l'Isère, un représentant de la délégation Alpes de la fédération des industries
            mécaniques et, à chaque séance, deux PME expérimentatrices. Il valide le choix
            des entreprises, suit l'avancement et arbitre les questions de confidentialité."""
        ),
        P(
            """Une équipe projet (coordinatrice, ingénieur d'études, doctorant, chargé de
            mission Aract) se réunit toutes les deux semaines. Un comité scientifique
            restreint (trois chercheurs extérieurs) relit les productions."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        B(
            "huit monographies d'entreprise, anonymisées ;",
            """le kit DIALOG-IA : guide d'animation, cartes-scénarios, gabarits de règles
            d'usage, sous licence Creative Commons BY-SA ;""",
            "un article de recherche et une communication au congrès de la SELF 2023 ;",
            "un séminaire régional de restitution ouvert aux partenaires sociaux.",
        ),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """Le kit sera intégré à la formation continue proposée par l'université
            (diplôme universitaire « Transformation numérique et travail ») et mis à
            disposition du réseau Anact-Aract. Le CIAN s'est engagé à le proposer à ses
            adhérents en 2024. Nous chercherons enfin, avec l'UD CFDT, à en tirer une
            formation courte pour les élus de CSE."""
        ),
        H1("10. Partenaires mobilisés et contribution attendue", "partenaires"),
        partners_table(p01),
        NOTE(
            """Les lettres d'engagement de l'Aract et du CIAN peuvent être transmises sur
            demande ; celle de la fédération est en cours de signature."""
        ),
        H1("Budget"),
        P(
            """Le budget détaillé figure dans le classeur joint (DIALOG-IA_budget.xlsx),
            montants hors taxes."""
        ),
        SIG(
            "Claire Vasseur",
            "Maîtresse de conférences, coordinatrice du projet",
            "Laboratoire ERGO-TIC – Université Grenoble Alpes",
            "Grenoble, le 19 août 2022",
        ),
    ],
    opts={
        "author": "Claire Vasseur",
        "header": "DIALOG-IA – ERGO-TIC / UGA – AMI La Fabrique CTO",
        "font": "Calibri",
    },
)
CASES.append(
    Case(
        id="h2-01",
        title="Grenoble university lab, DOCX with Word headings and Gantt, messy XLSX budget",
        sender="Claire Vasseur <claire.vasseur@ergotic-uga.fr>",
        subject="Candidature AMI Fabrique CTO – projet DIALOG-IA (ERGO-TIC, Grenoble)",
        date="Fri, 19 Aug 2022 17:42:10 +0200",
        body="""Madame, Monsieur,

Vous trouverez ci-joints la note de présentation du projet DIALOG-IA et son budget
prévisionnel, en réponse à l'appel à manifestation d'intérêt « Développer le dialogue
social technologique au travail ».

Je reste à votre disposition pour tout complément.

Bien cordialement,

Claire Vasseur
Maîtresse de conférences en ergonomie
Laboratoire ERGO-TIC – Université Grenoble Alpes
04 76 00 00 00""",
        docs=[
            d01,
            Doc(
                "DIALOG-IA_budget.xlsx",
                "xlsx",
                budget=b01,
                opts={
                    "layout": "messy",
                    "title": "DIALOG-IA – Budget prévisionnel (sept. 2022 – nov. 2023)",
                    "qty": {
                        "Enseignant-chercheur coordinateur (30 jours)": (30, 330),
                        "Doctorant contractuel – vacations d'enquête (40 jours)": (40, 160),
                        "Location de salles et restauration des ateliers": (16, 200),
                    },
                    "author": "Yanis Belkacem",
                },
            ),
        ],
        partners=p01,
        end=gantt_end(ph01),
        defects="none",
    )
)

# =========================================================================== h2-02
# Three-person design studio; fpdf2 PDF, headings by bold/size only, page header/footer;
# own headings ("Le point de départ"...); budget table inside the PDF with "7.500 €" amounts;
# no governance part. Sent as application/octet-stream.

b02 = Budget(
    lines=[
        Line("Temps des trois designers", 32400, "personnel", "72 jours x 450 €"),
        Line("Coordination administrative (8 jours)", 2400, "personnel", "8 j x 300 €"),
        Line(
            "Déplacements Nantes – Saint-Nazaire – Cholet",
            1900,
            "deplacements_logistique",
            "forfait kilométrique + TER",
        ),
        Line(
            "Impression des prototypes papier et fournitures d'atelier",
            1300,
            "deplacements_logistique",
        ),
        Line(
            "Ergonome consultante (regard extérieur, 6 jours)", 4800, "prestations", "6 j x 800 €"
        ),
        Line("Vidéaste pour la capitalisation", 3500, "prestations", "tournage + montage"),
    ],
    resources=[
        Resource("Anact – La Fabrique CTO", 37000, anact=True, status="sollicité"),
        Resource("Autofinancement Atelier Tangente", 5300, nature="autofinancement"),
        Resource(
            "Nantes Métropole – appel « Innovation sociale »", 4000, status="demande en cours"
        ),
    ],
    style="dot",
)
p02 = [
    ("Aract Pays de la Loire", "relecture critique des prototypes, mise en lien avec des PME"),
    (
        "Plateforme RH Loire-Atlantique",
        "recrutement des entreprises volontaires parmi ses 90 adhérents",
    ),
    (
        "École supérieure de design de l'Erdre",
        "deux étudiantes en master design de services, en stage de mars à juin 2023",
    ),
]
d02 = Doc(
    "Atelier Tangente - Outils a parler - Fabrique CTO.pdf",
    "pdf",
    [
        TITLE(
            "« Outils à parler »",
            "Des prototypes pour discuter des outils numériques avant qu'ils n'arrivent — "
            "proposition de l'Atelier Tangente pour La Fabrique CTO",
        ),
        H1("Qui sommes-nous ?"),
        P(
            """L'Atelier Tangente est un petit studio de design de services installé sur
            l'île de Nantes depuis 2017. Nous sommes trois : Maëlle Guérin (design de
            services, ancienne ergonome), Thomas Le Bihan (design d'interaction) et Inès
            Carvalho (design graphique et facilitation). Nous travaillons surtout pour des
            collectivités et des associations, et de plus en plus pour des PME qui veulent
            « digitaliser » un processus sans savoir par où commencer."""
        ),
        P(
            """Ce qui nous a décidés à répondre : trop souvent, on nous demande de rendre un
            outil « plus joli » alors que le vrai problème est ailleurs, dans la façon dont
            il a été choisi, sans les gens qui vont s'en servir."""
        ),
        H1("Le point de départ", "contexte"),
        P(
            """Dans les PME de services que nous accompagnons (transport, aide à domicile,
            propreté, négoce), les nouveaux outils numériques arrivent par petites touches :
            une application de pointage, un logiciel de planning, un portail client. Chacun
            paraît anodin. Mis bout à bout, ils redessinent le travail : les horaires se
            décident sur un écran, les échanges informels disparaissent, les salariés les
            moins à l'aise avec le numérique décrochent."""
        ),
        P(
            """Les dirigeants de ces entreprises ne sont pas hostiles au dialogue, mais ils
            n'ont ni le temps ni les méthodes pour l'organiser. Les représentants du
            personnel, quand il y en a, découvrent l'outil le jour de sa mise en service."""
        ),
        H1("Ce que nous voulons changer", "objectifs"),
        B(
            """Que les salariés puissent « essayer » un futur outil avant son achat, sur des
            maquettes simples, et dire ce qui coince dans leur travail réel.""",
            """Que les dirigeants disposent d'une méthode légère (deux demi-journées) pour
            organiser ce dialogue eux-mêmes.""",
            """Que les échanges débouchent sur des décisions écrites : ce qu'on garde, ce
            qu'on demande au fournisseur, ce qu'on suivra après le déploiement.""",
        ),
        H1("La question qui nous occupe", "problematique"),
        P(
            """Comment parler d'un outil qui n'existe pas encore dans l'entreprise ? Les
            démonstrations commerciales montrent des écrans parfaits et des cas d'usage
            idéaux. Les salariés ne peuvent réagir qu'une fois l'outil installé, quand il est
            trop tard pour changer quoi que ce soit. Nous faisons l'hypothèse que des
            prototypes « pauvres » (papier, carton, vidéos de scénarios) ouvrent davantage la
            discussion que des démonstrations léchées, parce qu'ils autorisent la critique."""
        ),
        H1("Les personnes concernées", "cibles"),
        P(
            """Six PME de 15 à 120 salariés de Loire-Atlantique et du Maine-et-Loire, dans
            les services, ayant un projet d'outil numérique à moins d'un an. Dans chacune :
            la direction, deux ou trois encadrants, un groupe de six à huit salariés de
            terrain et, s'il existe, le CSE. Nous visons aussi, indirectement, les éditeurs
            locaux de logiciels qui vendent à ces entreprises."""
        ),
        H1("Notre manière de faire", "methodologie"),
        H2("Observer avant de dessiner"),
        P(
            """Une journée d'observation par entreprise : nous suivons les salariés dans
            leur journée, photographions les supports qu'ils utilisent (cahiers, tableaux
            blancs, post-it, groupes de messagerie) et repérons les arrangements informels
            que le futur outil risque de casser."""
        ),
        H2("Prototyper vite et mal"),
        P(
            """En une semaine, nous fabriquons trois ou quatre maquettes de l'outil envisagé
            et de ses usages possibles : écrans dessinés à la main, parcours joués avec des
            cartes, courtes vidéos de situations. Elles sont volontairement imparfaites."""
        ),
        H2("Faire parler les prototypes"),
        P(
            """Deux ateliers de trois heures réunissent salariés, encadrants et direction.
            Chacun manipule les maquettes, raconte ce qui se passerait « un lundi matin
            normal » et ce qui poserait problème. L'ergonome associée au projet veille à ce
            que les questions de charge, d'autonomie et de santé ne soient pas oubliées. Un
            relevé de décisions est rédigé à chaud et validé par tous."""
        ),
        H1("Étapes clés", "phasage"),
        T(
            [
                ["Quand", "Quoi"],
                ["Octobre 2022", "Recrutement des six PME avec la Plateforme RH"],
                ["Novembre 2022 – février 2023", "Observations et prototypes (trois PME)"],
                ["Mars – mai 2023", "Observations et prototypes (trois autres PME)"],
                ["Juin 2023", "Retours à trois mois dans les premières entreprises"],
                ["Septembre 2023", "Journée de partage et remise du guide « Outils à parler »"],
            ],
            [4, 12],
        ),
        H1("Ce que le projet va produire", "resultats"),
        P(
            """Six relevés de décisions co-signés, un guide illustré d'une trentaine de pages
            (« Outils à parler : organiser le dialogue avant d'acheter »), une bibliothèque
            de gabarits de prototypes téléchargeables, et un court film de 8 minutes montrant
            un atelier. Nous espérons surtout que deux ou trois dirigeants refassent
            l'exercice seuls pour leur prochain outil."""
        ),
        H1("Ce qui restera après le projet", "perennisation"),
        P(
            """Tous les supports seront publiés sous licence libre sur notre site et sur
            celui de l'Aract. Nous proposerons la méthode aux éditeurs nantais que nous
            connaissons, qui pourraient l'intégrer à leur avant-vente. La Plateforme RH
            envisage d'en faire un atelier régulier pour ses adhérents."""
        ),
        H1("Ils nous accompagnent", "partenaires"),
        partners_bullets(p02, " — "),
        H1("Budget"),
        P(
            """Montants en euros. L'Atelier Tangente n'est pas assujetti à la TVA (franchise
            en base) : les montants sont nets."""
        ),
        BUDGET("simple_cat"),
        SIG("Maëlle Guérin", "Cogérante – Atelier Tangente", "Nantes, le 22 août 2022"),
    ],
    opts={
        "header": "Atelier Tangente — « Outils à parler »",
        "footer": "Atelier Tangente SARL — 12 quai François Mitterrand, Nantes",
        "font": "sans",
        "accent": (190, 70, 40),
        "producer": "macOS Version 12.5 (Build 21G72) Quartz PDFContext",
        "creator": "Pages",
        "author": "Maëlle Guérin",
    },
    budget=b02,
    media_type="application/octet-stream",
)
CASES.append(
    Case(
        id="h2-02",
        title="3-person design studio, fpdf2 PDF with own headings, budget table inside",
        sender="Maëlle Guérin <maelle@atelier-tangente.fr>",
        subject="AMI La Fabrique CTO - candidature Atelier Tangente",
        date="Mon, 22 Aug 2022 11:05:44 +0200",
        body="""Bonjour,

Voici notre proposition « Outils à parler » pour l'AMI. Tout est dans le PDF (projet et
budget).

Belle journée,
Maëlle

--
Atelier Tangente · design de services
atelier-tangente.fr""",
        docs=[d02],
        partners=p02,
        end=(2023, 9),
        defects="no pilotage/comitologie part",
    )
)

# =========================================================================== h2-03
# Regional employers' association; DOCX with a custom style "Titre perso"; phasage by
# quarters; DOCX table budget HT/TTC with "Frais de gestion (7 %)"; sent 12 minutes late.

_direct03 = [
    Line(
        "Chargée de mission transformation numérique (0,4 ETP sur 14 mois)",
        22400,
        "personnel",
        "0,4 ETP x 14 mois x 4 000 € chargés",
    ),
    Line("Juriste droit social (10 jours)", 5000, "personnel", "10 j x 500 €"),
    Line(
        "Déplacements en région (8 départements)",
        3600,
        "deplacements_logistique",
        "barème kilométrique, 40 déplacements",
    ),
    Line(
        "Logistique des 4 rencontres territoriales (salles, repas)",
        4800,
        "deplacements_logistique",
        "4 x 1 200 € HT",
        vat=True,
    ),
    Line(
        "Animation d'ateliers par un cabinet spécialisé (12 demi-journées)",
        14400,
        "prestations",
        "12 x 1 200 € HT",
        vat=True,
    ),
    Line(
        "Conception du guide pratique (rédaction et mise en page)",
        5200,
        "prestations",
        "devis du 4 juillet 2022",
        vat=True,
    ),
]
_fg03 = round(0.07 * sum(x.amount for x in _direct03), 2)
b03 = Budget(
    lines=_direct03
    + [
        Line(
            "Frais de gestion (7 %)",
            _fg03,
            "autre",
            "7 % des dépenses directes",
            ineligible=True,
        )
    ],
    resources=[],
    style="fr2",
)
b03.resources = [
    Resource("Subvention Anact sollicitée", 45000, anact=True, status="sollicitée"),
    Resource("Fonds propres UPI-BFC", round(b03.sum_lines - 45000 - 6000, 2), status="acquis"),
    Resource("OPCO Atlas – cofinancement", 6000, status="sollicité"),
]
p03 = [
    (
        "Aract Bourgogne-Franche-Comté",
        "co-construction des ateliers, apport de ses outils sur les conditions de travail",
    ),
    (
        "Union régionale CFDT Bourgogne-Franche-Comté",
        "désignation de deux référents, participation aux rencontres territoriales",
    ),
    (
        "Union régionale Force ouvrière",
        "participation au comité de suivi paritaire, relecture du guide",
    ),
    ("CCI Bourgogne-Franche-Comté", "relais auprès des TPE, mise à disposition de salles"),
]
d03 = Doc(
    "UPI-BFC_Projet_Dialogue_Numerique_PME.docx",
    "docx",
    [
        TITLE(
            "Projet « Numérique : on en parle ! »",
            "Union patronale interprofessionnelle de Bourgogne-Franche-Comté",
        ),
        P(
            """Dossier de candidature à l'appel à manifestation d'intérêt « Développer le
            dialogue social technologique au travail » – La Fabrique CTO (Anact)."""
        ),
        H1("Présentation de l'UPI-BFC"),
        P(
            """L'Union patronale interprofessionnelle de Bourgogne-Franche-Comté fédère
            trente-deux organisations professionnelles et plus de 4 500 entreprises
            adhérentes, dont 92 % comptent moins de cinquante salariés. Elle siège dans les
            instances paritaires régionales (CESER, CREFOP, comité régional d'orientation
            des conditions de travail) et conduit depuis 2019 un programme d'appui aux
            dirigeants de TPE-PME sur la gestion des ressources humaines."""
        ),
        H1("I. Contexte du projet", "contexte"),
        P(
            """La crise sanitaire a précipité la numérisation de nombreuses petites
            entreprises de la région : outils de visioconférence, logiciels de paie en
            ligne, plateformes de commande, badgeuses connectées. Nos permanences juridiques
            reçoivent depuis 2021 un nombre croissant de questions de dirigeants sur
            l'information-consultation du CSE, sur le contrôle de l'activité des salariés ou
            sur le droit à la déconnexion."""
        ),
        P(
            """Ces questions sont le plus souvent posées trop tard, une fois l'outil choisi
            et les difficultés apparues. Elles traduisent une difficulté plus profonde : le
            dialogue social dans les TPE-PME reste centré sur les salaires et le temps de
            travail, et la transformation numérique n'y est presque jamais abordée comme un
            sujet d'organisation."""
        ),
        H1("II. Objectifs poursuivis", "objectifs"),
        H2("Objectif général"),
        P(
            """Faire entrer la transformation numérique dans le dialogue social des PME de la
            région, comme un sujet ordinaire et anticipé."""
        ),
        H2("Objectifs opérationnels"),
        B(
            "sensibiliser 300 dirigeants et élus lors de quatre rencontres territoriales ;",
            """accompagner douze entreprises volontaires dans la construction d'un
            « accord de méthode » sur leurs projets numériques ;""",
            "publier un guide pratique co-signé par les partenaires sociaux régionaux.",
        ),
        H1("III. Problématique", "problematique"),
        P(
            """Les dirigeants de PME considèrent souvent qu'associer les salariés au choix
            d'un outil ralentit le projet et ouvre une négociation qu'ils ne maîtrisent pas.
            Les représentants du personnel, de leur côté, manquent d'éléments pour formuler
            des demandes précises. Le projet part de cette double difficulté : comment
            rendre le dialogue sur le numérique utile à l'entreprise, rapide et sécurisé
            juridiquement, tout en lui donnant une vraie portée pour les salariés ?"""
        ),
        H1("IV. Publics cibles", "cibles"),
        T(
            [
                ["Public", "Volume", "Mode de contact"],
                ["Dirigeants de TPE-PME adhérentes", "250", "Rencontres territoriales"],
                ["Élus de CSE et salariés mandatés", "50", "Rencontres et ateliers"],
                ["Entreprises accompagnées", "12", "Ateliers en entreprise"],
                ["Conseillers des organisations membres", "20", "Formation de relais"],
            ],
            [8, 3, 5],
        ),
        H1("V. Démarche méthodologique", "methodologie"),
        P(
            """Le projet combine trois leviers : l'information de masse lors des rencontres
            territoriales, l'accompagnement approfondi de douze entreprises par un cabinet
            spécialisé dans le dialogue social, et la production d'outils pratiques validés
            paritairement."""
        ),
        P(
            """Dans chaque entreprise accompagnée, trois demi-journées d'atelier réunissent
            la direction et les représentants du personnel (ou, à défaut, des salariés
            volontaires) : diagnostic partagé du projet numérique, identification des
            impacts sur le travail, rédaction d'un accord de méthode ou d'une charte
            d'usage. La juriste de l'UPI sécurise les documents produits."""
        ),
        H1("VI. Calendrier de réalisation", "phasage"),
        T(
            [
                ["Période", "Étape"],
                ["T4 2022", "Lancement, recrutement des entreprises, formation des relais"],
                ["T1 2023", "Deux rencontres territoriales (Dijon, Besançon) ; ateliers 1 à 4"],
                ["T2 2023", "Ateliers 5 à 12"],
                ["T3 2023", "Deux rencontres territoriales (Nevers, Belfort) ; rédaction du guide"],
                ["T4 2023", "Validation paritaire du guide, diffusion, bilan du projet"],
            ],
            [3, 13],
        ),
        H1("VII. Gouvernance du projet", "pilotage"),
        P(
            """Un comité de suivi paritaire, présidé par le vice-président de l'UPI chargé
            des affaires sociales, réunit trois fois par an les partenaires du projet et
            l'Aract. Il valide le choix des entreprises, le contenu des rencontres et le
            guide. Un comité technique (chargée de mission, juriste, cabinet) se réunit
            chaque mois."""
        ),
        H1("VIII. Résultats attendus", "resultats"),
        B(
            "douze accords de méthode ou chartes d'usage signés ;",
            "300 participants aux rencontres, dont au moins 50 représentants du personnel ;",
            "un guide pratique de 40 pages, co-signé ;",
            "vingt conseillers formés au sein des organisations membres.",
        ),
        H1("IX. Pérennisation et essaimage", "perennisation"),
        P(
            """Les conseillers formés continueront d'accompagner les adhérents après le
            projet. Le guide sera diffusé par l'ensemble des organisations membres et par
            les réseaux de la CCI. Nous proposerons aux autres unions patronales régionales
            de reprendre la démarche."""
        ),
        H1("X. Partenaires", "partenaires"),
        partners_table(p03, ("Organisation", "Contribution")),
        H1("XI. Budget prévisionnel"),
        P("Montants en euros ; les prestations sont soumises à la TVA à 20 %."),
        BUDGET("ht_ttc"),
        P(
            """Les frais de gestion couvrent la quote-part des fonctions support de l'UPI
            (comptabilité, secrétariat, locaux)."""
        ),
        SIG(
            "Jean-Marc Pelletier",
            "Délégué général – UPI Bourgogne-Franche-Comté",
            "Dijon, le 23 août 2022",
        ),
    ],
    opts={
        "headings": "custom",
        "font": "Arial",
        "size": 10.5,
        "author": "Service communication UPI",
    },
    budget=b03,
)
CASES.append(
    Case(
        id="h2-03",
        title="Regional employers' association, custom 'Titre perso' style, HT/TTC budget, late",
        sender="Jean-Marc Pelletier <jm.pelletier@upi-bfc.fr>",
        subject="AMI « Développer le dialogue social technologique » – La Fabrique CTO – UPI-BFC",
        date="Wed, 24 Aug 2022 00:12:00 +0200",
        body="""Madame, Monsieur,

Veuillez trouver ci-joint le dossier de candidature de l'UPI Bourgogne-Franche-Comté.
Nous vous prions de bien vouloir excuser cet envoi tardif, lié à la validation du budget
par notre bureau ce soir même.

Nous restons à votre disposition.

Jean-Marc Pelletier
Délégué général""",
        docs=[d03],
        partners=p03,
        end=(2023, 12),
        defects="late (00:12 on 24 Aug, Paris); ineligible 'Frais de gestion (7 %)'",
        judgement="'T4 2023' is read as ending within December 2023: not after the limit.",
    )
)

# =========================================================================== h2-04
# Union-backed training body; ODT exported by LibreOffice; XLSX budget on two sheets;
# co-financing 11.8 % (below 20 %).

b04 = Budget(
    lines=[
        Line("Formateurs-consultants (45 jours x 520 €)", 23400, "personnel"),
        Line("Coordinatrice pédagogique (0,2 ETP, 12 mois)", 11200, "personnel"),
        Line("Déplacements des formateurs (4 régions)", 4600, "deplacements_logistique"),
        Line("Hébergement et restauration des stagiaires", 6800, "deplacements_logistique"),
        Line("Conception d'un module e-learning", 9000, "prestations", "prestataire à retenir"),
        Line("Évaluation externe du dispositif", 4500, "prestations"),
    ],
    resources=[
        Resource("Anact (AMI La Fabrique CTO)", 52500, anact=True, status="demandé"),
        Resource("Fonds propres de l'institut", 7000, nature="autofinancement", status="acquis"),
    ],
)
p04 = [
    ("Aract Hauts-de-France", "apport d'expertise sur l'analyse du travail, co-animation"),
    ("Aract Grand Est", "accueil de deux sessions à Metz, relais auprès des entreprises"),
    (
        "Université populaire du travail de Lille",
        "mise à disposition d'intervenants chercheurs pour les modules",
    ),
    (
        "Fédération des services CFDT",
        "repérage des équipes syndicales volontaires, diffusion des outils",
    ),
]
d04 = Doc(
    "Horizons-Travail_proposition.odt",
    "odt",
    [
        TITLE(
            "Former les élus au dialogue sur les technologies",
            "Institut Horizons Travail – proposition pour La Fabrique CTO",
        ),
        H1("Synthèse"),
        P(
            """Horizons Travail propose de construire et d'expérimenter, avec quarante
            équipes d'élus de CSE de PME des Hauts-de-France et du Grand Est, un parcours de
            formation-action leur permettant d'intervenir utilement dans les projets de
            transformation numérique de leur entreprise : lire un projet, poser les bonnes
            questions, proposer des expérimentations et en suivre les effets."""
        ),
        H1("Qui porte le projet"),
        P(
            """Horizons Travail est un organisme de formation associatif créé en 1998 à
            l'initiative d'organisations syndicales de salariés. Agréé pour la formation
            économique, sociale et syndicale et pour la formation des élus en santé, sécurité
            et conditions de travail, il forme chaque année environ 2 800 représentants du
            personnel. Son équipe compte douze salariés permanents et un réseau de
            quarante formateurs-consultants."""
        ),
        H1("1. Contexte", "contexte"),
        P(
            """Depuis les ordonnances de 2017, les CSE des entreprises de plus de cinquante
            salariés doivent être consultés sur l'introduction de nouvelles technologies.
            Dans la pratique, nos stagiaires nous disent recevoir une présentation
            commerciale de l'outil, souvent la veille de la réunion, et rendre un avis « pour
            la forme ». Les élus des PME, qui n'ont ni commission spécialisée ni budget
            d'expertise conséquent, sont les plus démunis."""
        ),
        P(
            """Nos formations actuelles traitent du numérique sous l'angle juridique
            (consultation, protection des données, surveillance). Elles ne donnent pas aux
            élus les moyens de discuter du travail concret que l'outil va modifier."""
        ),
        H1("2. Objectifs", "objectifs"),
        B(
            """Concevoir un parcours de formation-action de quatre jours, alternant sessions
            collectives et travail dans l'entreprise.""",
            "Le tester avec quarante équipes d'élus dans deux régions.",
            """Mesurer ce qu'il change effectivement dans la conduite des projets numériques
            des entreprises concernées.""",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Comment passer d'un dialogue social réactif (un avis sur un projet déjà
            ficelé) à un dialogue d'anticipation, où les élus contribuent au choix et au
            paramétrage des outils ? Et comment le faire dans des PME où le temps de
            délégation est compté et où la direction elle-même subit souvent les choix de
            l'éditeur ?"""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Quarante équipes d'élus de CSE (environ 120 personnes) d'entreprises de 50 à
            300 salariés, dans le commerce, les services et l'industrie, ayant un projet
            numérique en cours ou annoncé. Les directions seront invitées à la dernière
            journée du parcours."""
        ),
        H1("5. Méthodologie", "methodologie"),
        H2("5.1 Le parcours"),
        NUM(
            "Jour 1 : comprendre un projet numérique (acteurs, calendrier, marges de manœuvre).",
            "Jour 2 : enquêter sur le travail réel (méthodes simples d'observation).",
            "Intersession de six semaines : enquête dans l'entreprise, tutorat à distance.",
            "Jour 3 : construire des propositions et des indicateurs de suivi.",
            "Jour 4 : session commune élus-directions, mise en débat des propositions.",
        ),
        H2("5.2 L'évaluation"),
        P(
            """Un évaluateur externe suivra huit entreprises pendant six mois après le
            parcours pour vérifier si les propositions des élus ont été discutées et
            retenues."""
        ),
        H1("6. Phasage", "phasage"),
        B(
            "septembre – octobre 2022 : conception du parcours avec les Aract ;",
            "novembre 2022 : session pilote à Lille (8 équipes) ;",
            "janvier – avril 2023 : quatre sessions (Lille, Amiens, Metz, Reims) ;",
            "mai 2023 : évaluation à froid et ajustements ;",
            "juin 2023 : séminaire de clôture et remise du rapport d'évaluation.",
        ),
        H1("7. Pilotage", "pilotage"),
        P(
            """Un comité de pilotage réunit Horizons Travail, les deux Aract, l'Université
            populaire du travail et la fédération des services. Il se réunit à quatre
            reprises. La direction pédagogique de l'institut assure le suivi opérationnel."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        P(
            """Un parcours de formation validé et documenté ; 120 élus formés ; un rapport
            d'évaluation ; un module e-learning d'une heure en accès libre ; des fiches
            pratiques pour les élus."""
        ),
        H1("9. Pérennisation", "perennisation"),
        P(
            """Le parcours rejoindra notre catalogue dès la rentrée 2023 et sera proposé
            aux autres régions. Le module e-learning sera mis à disposition des
            organisations syndicales qui le souhaitent."""
        ),
        H1("10. Partenaires", "partenaires"),
        partners_bullets(p04),
        H1("Budget"),
        P("Voir le tableau joint (Horizons-Travail_budget.xlsx)."),
        SIG("Nadia Benali", "Directrice", "Montreuil, le 17 août 2022"),
    ],
    opts={"author": "Nadia Benali", "font": "Liberation Serif"},
)
CASES.append(
    Case(
        id="h2-04",
        title="Union-backed training body, ODT from LibreOffice, XLSX on two sheets",
        sender="Nadia Benali <direction@horizons-travail.org>",
        subject="Candidature - AMI Fabrique CTO",
        date="Wed, 17 Aug 2022 09:12:03 +0200",
        body="""Bonjour,

Veuillez trouver ci-joint notre réponse à l'appel à manifestation d'intérêt, ainsi que
le budget.

Cordialement,
Nadia Benali
Directrice – Institut Horizons Travail""",
        html_body=True,
        docs=[
            d04,
            Doc(
                "Horizons-Travail_budget.xlsx",
                "xlsx",
                budget=b04,
                opts={"layout": "two_sheets", "title": "Budget prévisionnel du projet"},
            ),
        ],
        partners=p04,
        end=(2023, 6),
        defects="co-financing 11.8 % (below 20 %)",
    )
)

# =========================================================================== h2-05
# SaaS vendor with a change-management team; fpdf2 PDF with a two-column page, running
# header/footer, Gantt table; vertical XLSX budget; Anact request 92 000 € (over the cap);
# no partners part (the vendor works alone).

b05 = Budget(
    lines=[
        Line(
            "Équipe conduite du changement (3 consultants, 110 jours)",
            66000,
            "personnel",
            "110 j x 600 €",
        ),
        Line("Product owner (25 jours)", 15000, "personnel", "25 j x 600 €"),
        Line("Data analyst (15 jours)", 8250, "personnel", "15 j x 550 €"),
        Line(
            "Déplacements sur sites clients (12 PME)",
            7800,
            "deplacements_logistique",
            "36 déplacements",
        ),
        Line("Organisation de 3 séminaires utilisateurs", 5400, "deplacements_logistique"),
        Line("Accompagnement par un cabinet d'ergonomie", 12000, "prestations"),
        Line("Adaptation FALC et accessibilité des supports", 3550, "prestations"),
    ],
    resources=[
        Resource("Subvention Anact", 92000, anact=True, status="sollicitée"),
        Resource("Autofinancement Qalia", 26000, nature="autofinancement", status="acquis"),
    ],
)
ph05 = [
    ("Cadrage avec 12 clients PME", (2022, 10), (2022, 12)),
    ("Diagnostics d'usage", (2022, 12), (2023, 3)),
    ("Comités d'usage paritaires", (2023, 2), (2023, 8)),
    ("Évolutions produit et tests", (2023, 4), (2023, 9)),
    ("Bilan et publication", (2023, 9), (2023, 10)),
]
d05 = Doc(
    "Qalia_Fabrique_CTO_Comites_d_usage.pdf",
    "pdf",
    [
        TITLE(
            "Comités d'usage : co-construire le planning numérique avec ceux qui le vivent",
            "Qalia Software — équipe Customer Success & Change — Août 2022",
        ),
        COLS(
            H1("Résumé"),
            P(
                """Qalia édite une solution SaaS de planification des équipes utilisée
                    par 640 entreprises, dont 80 % de PME (logistique, santé privée,
                    commerce). Nous proposons d'expérimenter avec douze clients des « comités
                    d'usage » paritaires qui examinent, avant et après chaque évolution
                    majeure du logiciel, ses effets sur l'organisation du travail, et qui
                    peuvent infléchir notre feuille de route produit."""
            ),
            H1("Présentation de Qalia"),
            P(
                """Fondée en 2014 à Lyon, Qalia compte 85 salariés. Notre équipe
                    « Change » (six personnes : consultants, formatrice, psychologue du
                    travail) accompagne les clients dans le déploiement, au-delà du seul
                    paramétrage. C'est elle qui portera le projet."""
            ),
            H1("1. Contexte", "contexte"),
            P(
                """Un logiciel de planning n'est jamais neutre : il fixe des règles de
                    repos, de polyvalence, de priorité entre les demandes des salariés. Nos
                    clients nous remontent régulièrement des tensions après une mise à jour
                    : un algorithme d'optimisation qui réduit les temps de chevauchement
                    entre équipes, et donc les transmissions ; une application mobile qui
                    permet d'envoyer des changements d'horaires le dimanche soir. Ces effets
                    ne sont discutés ni chez nos clients, ni chez nous."""
            ),
            P(
                """Nous pensons qu'un éditeur a une responsabilité propre dans le
                    dialogue social technologique, et qu'il peut l'outiller."""
            ),
        ),
        H1("2. Objectifs", "objectifs"),
        B(
            "Installer douze comités d'usage paritaires chez des clients PME volontaires.",
            """Faire de leurs avis une entrée formelle de notre processus de développement
            (au même titre que les demandes commerciales).""",
            "Documenter la démarche pour qu'elle soit reproductible par d'autres éditeurs.",
        ),
        H1("3. Problématique", "problematique"),
        P(
            """Le dialogue sur les outils se heurte à un partage des rôles : le client
            considère que le logiciel est « comme ça », l'éditeur que l'organisation relève
            du client. Entre les deux, personne ne discute des règles que le logiciel
            encode. Peut-on créer un espace où direction, salariés et éditeur négocient
            ces règles, sans transformer chaque mise à jour en négociation collective ?"""
        ),
        H1("4. Cibles", "cibles"),
        P(
            """Douze PME clientes (50 à 250 salariés), volontaires, dans trois secteurs :
            logistique, cliniques et EHPAD privés, commerce de détail. Dans chacune : les
            planificateurs, des salariés planifiés, des managers et les élus du CSE.
            En interne : nos équipes produit et développement."""
        ),
        H1("5. Méthodologie", "methodologie"),
        P(
            """Chaque comité d'usage (6 à 8 personnes) se réunit quatre fois en neuf mois.
            Avant la première réunion, un diagnostic d'usage croise les données
            anonymisées du logiciel (modifications tardives, demandes refusées, heures
            atypiques) et des entretiens. Les comités examinent ensuite les évolutions
            prévues du produit sur maquettes, et proposent des règles de paramétrage ou des
            garde-fous. Un cabinet d'ergonomie indépendant accompagne la démarche pour
            garantir que la parole des salariés n'est pas filtrée par l'éditeur."""
        ),
        H1("6. Phasage", "phasage"),
        gantt(ph05, (2022, 10), (2023, 10)),
        H1("7. Pilotage et comitologie", "pilotage"),
        P(
            """Le projet est piloté par la responsable de l'équipe Change, avec un comité
            de pilotage trimestriel réunissant notre direction produit, le cabinet
            d'ergonomie et trois représentants des comités d'usage (un par secteur). Un
            point mensuel avec l'Anact est proposé si le projet est retenu."""
        ),
        H1("8. Résultats escomptés", "resultats"),
        B(
            "douze comités d'usage installés, 48 réunions tenues ;",
            "au moins cinq évolutions produit modifiées ou ajoutées à la suite des avis ;",
            "un guide « comité d'usage » publié en licence ouverte ;",
            "une charte éditeur sur les paramétrages par défaut.",
        ),
        H1("9. Pérennisation et essaimage", "perennisation"),
        P(
            """Si l'expérimentation est concluante, les comités d'usage seront proposés à
            tous nos clients dans l'offre standard. Nous présenterons la démarche au
            syndicat professionnel des éditeurs de logiciels RH afin d'inciter d'autres
            éditeurs à s'en saisir."""
        ),
        H1("Budget"),
        P(
            """Le détail des coûts figure dans le fichier Excel joint. Le montant demandé à
            l'Anact s'élève à 92\u00a0000\u00a0€ : nous sommes conscients qu'il dépasse le plafond
            indicatif et sommes prêts à réduire le périmètre (huit comités au lieu de
            douze) si nécessaire."""
        ),
        SIG("Sarah Lemaire", "Head of Change Management — Qalia Software", "Lyon, 18/08/2022"),
    ],
    opts={
        "header": "Qalia Software — Projet « Comités d'usage »",
        "header_right": "Confidentiel — candidature AMI Fabrique CTO",
        "font": "sans",
        "accent": (20, 110, 120),
        "size": 9.5,
        "author": "Sarah Lemaire",
        "producer": "Skia/PDF m104 Google Docs Renderer",
        "creator": "Google Docs",
    },
)
CASES.append(
    Case(
        id="h2-05",
        title="SaaS vendor, two-column fpdf2 PDF + vertical XLSX, Anact request over cap",
        sender="Sarah Lemaire <sarah.lemaire@qalia-software.com>",
        subject="Fabrique CTO : candidature Qalia (comités d'usage)",
        date="Thu, 18 Aug 2022 15:30:00 +0200",
        body="""Bonjour l'équipe de la Fabrique CTO,

Ci-joints notre dossier et le budget détaillé. N'hésitez pas à me contacter si vous
souhaitez une démonstration de la solution.

Sarah Lemaire
Head of Change Management | Qalia Software
+33 6 00 00 00 00""",
        html_body=True,
        docs=[
            d05,
            Doc(
                "Qalia_budget_previsionnel.xlsx",
                "xlsx",
                budget=b05,
                opts={
                    "layout": "vertical",
                    "title": "Projet Comités d'usage — budget prévisionnel",
                    "subtitle": "Montants HT en euros",
                },
            ),
        ],
        partners=[],
        end=gantt_end(ph05),
        defects="Anact request 92 000 € (over the cap); no partners part",
    )
)

# =========================================================================== h2-06
# Cooperative (SCOP); DOCX with Heading styles renamed; merged part "Méthode, calendrier et
# gouvernance"; last phase "janvier – février 2024" (after the limit); volunteer time valued
# in kind on both sides.

b06 = Budget(
    lines=[
        Line("Deux salariés-associés animateurs (60 jours)", 24000, "personnel", "60 j x 400 €"),
        Line(
            "Valorisation du temps bénévole des administrateurs (80 h x 30 €)",
            2400,
            "personnel",
            "contribution en nature",
        ),
        Line(
            "Frais de déplacement (Lyon, Saint-Étienne, Villefranche)",
            2100,
            "deplacements_logistique",
        ),
        Line(
            "Repas et location de salle des ateliers coopératifs", 1900, "deplacements_logistique"
        ),
        Line(
            "Prestation d'un facilitateur numérique (outil de vote en ligne)", 3600, "prestations"
        ),
        Line("Vidéo de restitution", 2500, "prestations"),
    ],
    resources=[
        Resource("Anact – Fabrique CTO", 27000, anact=True, status="sollicité"),
        Resource("Autofinancement Coop'Actions", 7100, nature="autofinancement"),
        Resource(
            "Contribution en nature : bénévolat valorisé", 2400, nature="en nature", status="acquis"
        ),
    ],
)
p06 = [
    (
        "Union régionale des Scop Auvergne-Rhône-Alpes",
        "mise en relation avec des coopératives, relais de diffusion",
    ),
    ("Aract Auvergne-Rhône-Alpes", "regard méthodologique sur les conditions de travail"),
    (
        "La Fabrique à Projets de Villeurbanne",
        "tiers-lieu qui accueillera les ateliers inter-coopératives",
    ),
]
d06 = Doc(
    "CoopActions-projet-Gouverner-ses-outils.docx",
    "docx",
    [
        TITLE("Gouverner ensemble ses outils numériques", "Une expérimentation coopérative"),
        P("Porteur : Coop'Actions, SCOP SARL de conseil et formation, Lyon 7e."),
        H1("Qui sommes-nous"),
        P(
            """Coop'Actions est une société coopérative et participative de onze
            salariés, dont neuf associés. Nous accompagnons depuis 2011 des associations,
            des coopératives et des petites entreprises sur leur organisation et leur
            gouvernance. Nous sommes nous-mêmes passés, en 2020, d'une gestion « papier et
            tableur » à une suite collaborative en ligne, et nous avons mesuré ce que ce
            changement faisait à nos façons de décider."""
        ),
        H1("Le contexte", "contexte"),
        P(
            """Les coopératives et les entreprises de l'économie sociale revendiquent un
            fonctionnement démocratique. Pourtant, le choix de leurs outils numériques
            (messagerie, gestion de projet, comptabilité, outils métier) échappe presque
            toujours aux instances coopératives : il est fait par un salarié « geek », un
            prestataire ou un financeur. Or ces outils organisent la circulation de
            l'information, et donc le pouvoir."""
        ),
        H1("Ce que nous cherchons à faire", "objectifs"),
        P(
            """Expérimenter, avec huit coopératives de la région lyonnaise et stéphanoise,
            des manières de mettre les choix numériques à l'ordre du jour des instances
            (assemblées, conseils, comités d'entreprise quand il y en a), et de les décider
            collectivement en tenant compte des conditions de travail."""
        ),
        H1("La question posée", "problematique"),
        P(
            """La démocratie coopérative suffit-elle à garantir un dialogue de qualité sur
            les outils ? Notre expérience suggère que non : les associés votent, mais sur des
            options préparées par quelques-uns, sans avoir examiné le travail concret. Le
            projet explore les conditions d'un dialogue professionnel qui précède et nourrit
            la décision démocratique."""
        ),
        H1("Pour qui", "cibles"),
        P(
            """Huit coopératives (Scop, SCIC) de 8 à 60 salariés, dans le bâtiment, les
            services à la personne, le numérique et la culture. Dans chacune, un groupe
            mixte : associés et non-associés, administrateurs et salariés de terrain."""
        ),
        H1("Méthode, calendrier et gouvernance", "methodologie", "phasage", "pilotage"),
        H2("La méthode"),
        P(
            """Dans chaque coopérative, nous animons trois ateliers : une cartographie des
            outils et des usages réels (qui utilise quoi, pour quoi faire, avec quelles
            difficultés) ; une « assemblée des outils » où les options sont débattues à
            partir de situations de travail ; un atelier de rédaction d'une charte d'usage
            soumise ensuite aux instances. Deux ateliers inter-coopératives permettent de
            croiser les expériences."""
        ),
        H2("Le calendrier"),
        B(
            "octobre – décembre 2022 : choix des coopératives, premiers entretiens ;",
            "janvier – juin 2023 : ateliers dans les huit coopératives ;",
            "septembre – novembre 2023 : ateliers inter-coopératives, rédaction des chartes ;",
            """janvier – février 2024 : présentation des chartes en assemblées générales,
            bilan et film de restitution.""",
        ),
        H2("La gouvernance du projet"),
        P(
            """Un comité de suivi réunit trois fois par an l'équipe de Coop'Actions, un
            représentant de l'Union régionale des Scop, l'Aract et deux coopératives
            participantes tirées au sort. Les décisions importantes (choix des
            coopératives, contenu du film) y sont prises au consentement."""
        ),
        H1("Ce que nous attendons", "resultats"),
        P(
            """Huit chartes d'usage discutées et votées ; une méthode d'« assemblée des
            outils » documentée ; un film de 15 minutes ; un retour d'expérience publié
            dans la revue du mouvement coopératif."""
        ),
        H1("Et après ?", "perennisation"),
        P(
            """La méthode sera intégrée à notre offre d'accompagnement et proposée, avec
            l'Union régionale, aux coopératives en création. Les supports seront libres de
            droits."""
        ),
        H1("Nos partenaires", "partenaires"),
        *partners_paragraphs(p06),
        H1("Budget du projet"),
        BUDGET("grouped"),
        NOTE(
            """Le temps bénévole des administrateurs est valorisé en dépense et en
            ressource (contribution en nature), conformément à nos pratiques comptables."""
        ),
        SIG("Pour Coop'Actions,", "Julien Ferrand, cogérant", "Lyon, le 21 août 2022"),
    ],
    opts={
        "headings": "renamed",
        "h1_name": "Intertitre",
        "h2_name": "Sous-intertitre",
        "author": "Julien Ferrand",
    },
    budget=b06,
)
CASES.append(
    Case(
        id="h2-06",
        title="Cooperative (SCOP), renamed heading styles, merged parts, ends February 2024",
        sender="Julien Ferrand <julien@coop-actions.coop>",
        subject="Réponse à l'appel à manifestation d’intérêt – Coop'Actions",
        date="Sun, 21 Aug 2022 22:47:31 +0200",
        body="""Bonjour,

Voici la proposition de Coop'Actions pour l'appel à manifestation d'intérêt « Développer
le dialogue social technologique au travail ». Le budget est à la fin du document.

Coopérativement,
Julien Ferrand, pour l'équipe de Coop'Actions""",
        docs=[d06],
        partners=p06,
        end=(2024, 2),
        defects="project ends February 2024 (after 30 Dec 2023)",
        judgement="Volunteer time sits under the personnel heading of the budget, so it "
        "counts as personnel; its counterpart 'Contribution en nature' is co-financing.",
    )
)
