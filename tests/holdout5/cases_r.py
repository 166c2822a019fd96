"""Prose and data of the eight h5r cases (imported by gen_r.py)."""

from __future__ import annotations

from gen_r import Budget, budget_table, fmt_eur

CASES: list[dict] = []

# =========================================================================== h5r-01
# Research lab (UMR), DOCX with heading styles + XLSX budget (formulas, LibreOffice re-save).

x01 = [
    ("Dépenses de personnel", "personnel", [
        ("Ingénieure d'études contractuelle recrutée pour le projet (4 mois ETP)", 4, 4200),
        ("Post-doctorant·e en ergonomie, observations et ateliers (6 mois)", 6, 4400),
        ("Temps des enseignants-chercheurs du LITTS (valorisation, 40 jours)", 40, 350),
    ]),
    ("Frais de déplacement et logistique", "deplacements_logistique", [
        ("Déplacements vers les six entrepôts partenaires (allers-retours en train ou véhicule de service)", 24, 120),
        ("Location de salles et restauration pour les trois ateliers inter-entreprises", 3, 800),
    ]),
    ("Achats de prestations", "prestations", [
        ("Transcription des entretiens (prestataire, en heures)", 60, 45),
        ("Conception graphique et impression du guide « Paramétrer ensemble » (agence de design)", 1, 4800),
    ]),
]
b01 = Budget(
    [(cat, l, q * u) for _, cat, items in x01 for l, q, u in items],
    [("Université de Lille – valorisation du temps des enseignants-chercheurs (contribution en nature)", 14000),
     ("Fonds propres du laboratoire", 1980)],
    54000,
)
CASES.append({
    "id": "h5r-01",
    "case": "Laboratoire (UMR LITTS, Université de Lille/CNRS), DOCX à titres stylés + budget XLSX à formules re-sauvé par LibreOffice, Thunderbird ; complet",
    "kind": "laboratoire",
    "form": "docx",
    "doc_name": "LITTS_QUAIS_description_projet.docx",
    "xlsx": ("LITTS_QUAIS_budget_previsionnel.xlsx", "Projet QUAIS – budget prévisionnel (en euros, hors taxes)",
             [(t, [(l, q, u) for l, q, u in items]) for t, _, items in x01],
             [("Financement sollicité auprès de l'Anact (La Fabrique CTO)", None)]
             + [(l, a) for l, a in b01.cofin]),
    "budget": b01,
    "partners": ["Aract Hauts-de-France", "Union régionale des transporteurs et logisticiens du Nord",
                 "Union départementale CFDT du Nord"],
    "project": {"start": "2022-10", "end": "2023-11", "duration_months": 14},
    "from": "Claire Dumont <claire.dumont@litts-univ-lille.fr>",
    "cc": "Mehdi Arfaoui <mehdi.arfaoui@litts-univ-lille.fr>",
    "subject": "Candidature AMI La Fabrique CTO – projet QUAIS (LITTS)",
    "date": "Tue, 16 Aug 2022 15:42:10 +0200",
    "message_id": "<8c1b2f4e-5d7a-4b0e-9a61-3e2d4f7c9b10@litts-univ-lille.fr>",
    "headers": {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0",
                "Content-Language": "fr"},
    "body": """Madame, Monsieur,

Veuillez trouver ci-joint la candidature du LITTS à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail » : la description du projet QUAIS et son budget prévisionnel (fichier tableur).

Je reste à votre disposition pour tout complément.

Bien cordialement,

Claire Dumont
Maîtresse de conférences en sociologie, Université de Lille
LITTS – UMR 9031
""",
    "blocks": [
        ("title", "Projet QUAIS – Quais, algorithmes et dialogue social dans les entrepôts"),
        ("p", "[[K:Le LITTS est un laboratoire de recherche en sciences sociales du travail]], unité mixte de l'Université de Lille et du CNRS, qui réunit une trentaine de sociologues, d'ergonomes et de gestionnaires. Ce document présente la proposition de l'équipe « Travail, technique, organisation » en réponse à l'appel à manifestation d'intérêt de La Fabrique CTO."),
        ("p", "Porteuse du projet : Claire Dumont, maîtresse de conférences. Co-responsable : Mehdi Arfaoui, ergonome, ingénieur de recherche."),
        ("h", "Contexte scientifique et social", "contexte"),
        ("p", "Depuis 2018, les entrepôts des Hauts-de-France ont connu une diffusion rapide des logiciels de gestion d'entrepôt (WMS) et de la préparation de commandes guidée par la voix. Ces outils fixent désormais l'ordre des tâches, les cadences et une partie des contrôles, et ils sont le plus souvent paramétrés par l'éditeur et la direction des opérations, loin des quais."),
        ("p", "[[E:L'enquête par questionnaire que nous avons menée en 2021 auprès de 412 salariés d'entrepôts]] a montré que 61 % d'entre eux jugent ne jamais pouvoir discuter du paramétrage des outils qui organisent leur journée. Ce constat rejoint celui des [[E:entretiens collectifs réalisés en 2020 avec les représentants du personnel de cinq entreprises du secteur]] : les CSE sont informés des déploiements, rarement consultés sur leurs réglages."),
        ("h", "Question de recherche", "problematique"),
        ("p", "Comment faire du paramétrage des outils numériques un objet de dialogue professionnel et social dans des PME logistiques qui n'ont ni service informatique ni expertise ergonomique interne ? Nous faisons l'hypothèse que ce sont les réglages fins (seuils d'alerte, ordre de prélèvement, indicateurs affichés) qui pèsent le plus sur la charge de travail, et qu'ils sont accessibles à la discussion si on les rend visibles."),
        ("h", "Objectifs du projet", "objectifs"),
        ("bullets", [
            "rendre lisibles, pour les salariés et leurs représentants, les paramètres des outils qui organisent le travail sur les quais ;",
            "expérimenter dans six entreprises une instance de « paramétrage partagé » réunissant encadrement, salariés, élus et éditeur ;",
            "outiller les partenaires sociaux de la branche pour négocier les conditions d'usage de ces outils.",
        ]),
        ("h", "Publics visés", "cibles"),
        ("p", "Le projet s'adresse d'abord aux [[T:PME de la logistique et du transport routier des Hauts-de-France]] qui comptent entre 20 et 250 salariés et ont déployé un WMS depuis moins de cinq ans. Au sein de ces entreprises, il concerne [[T:les chefs de quai et les préparateurs de commandes]], premiers exposés aux cadences fixées par les logiciels, ainsi que [[T:les élus des CSE et les délégués syndicaux]]."),
        ("h", "Démarche et méthodes", "methodologie"),
        ("p", "La démarche combine recherche et intervention. [[P:Une observation ergonomique de l'activité sera conduite dans six entrepôts volontaires]] pendant deux semaines chacun, afin de relier les réglages des outils aux situations de travail concrètes. Les résultats seront restitués dans chaque entreprise sous la forme d'une « carte des paramètres » discutée en groupe de travail."),
        ("p", "Trois ateliers inter-entreprises permettront ensuite de comparer les pratiques et de formaliser une méthode transférable. [[P:Un second questionnaire, prévu au printemps 2023, mesurera l'évolution des perceptions des salariés]] dans les six entrepôts."),
        ("h", "Calendrier en trois phases", "phasage"),
        ("p", "Le projet débutera en octobre 2022 et s'achèvera en novembre 2023, soit quatorze mois."),
        ("bullets", [
            "Phase 1 (octobre 2022 – janvier 2023) : choix des six entreprises, entretiens avec les directions et les élus, observations.",
            "Phase 2 (février – juin 2023) : cartes des paramètres, groupes de travail dans chaque site, deux ateliers inter-entreprises.",
            "Phase 3 (juillet – novembre 2023) : troisième atelier, questionnaire de suivi, rédaction du guide et séminaire de restitution.",
        ]),
        ("h", "Organisation et instances", "pilotage"),
        ("p", "Un comité de pilotage se réunira quatre fois : il associe le LITTS, l'Aract Hauts-de-France, les deux organisations partenaires et un représentant de chaque entreprise. Une équipe projet (deux chercheurs, l'ingénieure d'études, le post-doctorant) se réunit chaque quinzaine."),
        ("h", "Partenaires associés", "partenaires"),
        ("bullets", [
            "Aract Hauts-de-France : co-animation des ateliers inter-entreprises et appui méthodologique sur le dialogue social.",
            "Union régionale des transporteurs et logisticiens du Nord : mobilisation des entreprises adhérentes et relais auprès de la branche.",
            "Union départementale CFDT du Nord : formation des élus participants et contribution au guide.",
        ]),
        ("h", "Productions attendues", "resultats"),
        ("p", "Six cartes des paramètres discutées et ajustées, un guide « Paramétrer ensemble » destiné aux PME et aux élus, un article scientifique et une note de synthèse pour la branche."),
        ("h", "Suites et diffusion", "perennisation"),
        ("p", "Le guide sera diffusé sous licence libre. Nous proposerons à la branche d'intégrer la démarche dans son offre de formation des élus, et une thèse CIFRE pourra prolonger le travail au-delà de 2023."),
        ("h", "Budget", None),
        ("p", f"Le budget détaillé figure dans le fichier tableur joint. Le coût total du projet s'élève à {fmt_eur(b01.total, ' ')} € HT, dont {fmt_eur(b01.anact, ' ')} € sollicités auprès de l'Anact ; le co-financement (université et laboratoire) atteint {fmt_eur(b01.cofin_amount, ' ')} €."),
    ],
})

# =========================================================================== h5r-02
# Consultancy called "Institut ...", LibreOffice PDF export, budget table crossing a page.

b02 = Budget(
    [("personnel", "Consultante senior ergonome : direction de projet, préparation et animation des quatre ateliers inter-entreprises (38 jours × 750 €)", 28500),
     ("personnel", "Consultant en organisation : diagnostics flash et accompagnement des dix magasins, entretiens et restitutions (42 jours × 620 €)", 26040),
     ("personnel", "Assistante de projet : logistique des ateliers, suivi administratif et financier (12 jours × 350 €)", 4200),
     ("deplacements_logistique", "Frais de déplacement entre Rouen, Le Havre, Évreux et Dieppe (indemnités kilométriques, 6 200 km × 0,45 €)", 2790),
     ("deplacements_logistique", "Location de salles et collations pour les quatre ateliers inter-entreprises", 1800),
     ("prestations", "Facilitation graphique des ateliers et réalisation d'une fresque de synthèse (prestataire indépendant)", 3600),
     ("prestations", "Réalisation de trois capsules vidéo de témoignages de salariés et de gérants (sous-traitance)", 5400)],
    [("Autofinancement de l'Institut Trajectoires (jours de consultants non facturés)", 10530),
     ("Participation des magasins bénéficiaires (10 × 400 €)", 4000)],
    57800,
)
rows02, bold02 = budget_table(
    b02,
    {"personnel": "Dépenses de personnel", "deplacements_logistique": "Frais de déplacement et logistique",
     "prestations": "Achats de prestations"},
    ["Poste", "Montant HT"], "Sous-total",
    [["Ressources"]]
    + [["Subvention sollicitée auprès de l’Anact", fmt_eur(b02.anact) + " €"]]
    + [[l, fmt_eur(a) + " €"] for l, a in b02.cofin]
    + [["Total des ressources", fmt_eur(b02.total) + " €"]],
)
CASES.append({
    "id": "h5r-02",
    "case": "Cabinet de conseil au nom trompeur (« Institut Trajectoires »), PDF export LibreOffice, budget en tableau qui passe la page, Outlook, objet avec apostrophe typographique ; complet",
    "kind": "cabinet_conseil",
    "form": "pdf",
    "doc_name": "Proposition Institut Trajectoires - Fabrique CTO.pdf",
    "pdf_table_split": ["Consultante senior ergonome", "Total des ressources"],
    "budget": b02,
    "partners": ["Aract Normandie", "Fédération du commerce indépendant de Normandie",
                 "Groupement des commerçants de la vallée de Seine"],
    "project": {"start": "2022-10", "end": "2023-06", "duration_months": 9},
    "from": "\"Sophie Marchand\" <s.marchand@institut-trajectoires.fr>",
    "subject": "Réponse à l’appel à manifestation d’intérêt – Institut Trajectoires",
    "date": "Mon, 22 Aug 2022 17:25:33 +0200",
    "message_id": "<PR1P264MB2187A4C0D91E3F55B2D1A7C3E8A49@PR1P264MB2187.FRAP264.PROD.OUTLOOK.COM>",
    "headers": {"X-Mailer": "Microsoft Outlook 16.0", "Thread-Topic": "Réponse à l’appel à manifestation d’intérêt – Institut Trajectoires",
                "Content-Language": "fr-FR"},
    "body": """Bonjour,

Nous avons le plaisir de vous adresser notre proposition pour La Fabrique CTO, en pièce jointe (PDF, budget inclus en fin de document).

Bien à vous,

Sophie Marchand
Associée – Institut Trajectoires
02 35 00 00 00
""",
    "blocks": [
        ("title", "Caisses, écrans et collectifs : le dialogue sur les outils dans les commerces de proximité"),
        ("sub", "Proposition de l’Institut Trajectoires – Appel à manifestation d’intérêt « Développer le dialogue social technologique au travail »"),
        ("h", "Qui sommes-nous ?", None),
        ("p", "Malgré notre nom, nous ne sommes pas un organisme de recherche : [[K:l’Institut Trajectoires est un cabinet de conseil en organisation du travail et en prévention des risques professionnels]], constitué en SARL à Rouen en 2011. Nos neuf consultants (ergonomes, psychologues du travail, spécialistes de l’organisation) interviennent auprès de PME, d’établissements médico-sociaux et de collectivités."),
        ("h", "1. Le constat de départ", "contexte"),
        ("p", "Les commerces alimentaires indépendants de Normandie s’équipent à grande vitesse : caisses automatiques, étiquettes électroniques, applications de commande et de « drive », logiciels de planning. Ces équipements sont choisis par le gérant, souvent sur les conseils du fournisseur ou de l’enseigne, et installés en quelques jours."),
        ("p", "Dans les magasins que nous accompagnons, les effets sur le travail sont visibles mais rarement discutés : polyvalence accrue, surveillance des caisses automatiques vécue comme une activité à part entière, interruptions multipliées par les commandes en ligne. Dans ces très petites équipes, il n’existe le plus souvent aucune instance où en parler."),
        ("h", "2. Ce que nous cherchons à comprendre", "problematique"),
        ("p", "Comment organiser, dans des entreprises de moins de vingt salariés sans représentants du personnel, un dialogue sur le choix et l’usage des outils numériques qui soit à la fois simple, régulier et utile aux décisions du gérant ?"),
        ("h", "3. Nos objectifs", "objectifs"),
        ("p", "Concevoir et tester avec dix magasins un format court de dialogue sur les outils (« le quart d’heure outils »), l’adapter aux contraintes d’ouverture des commerces et en tirer une méthode que les fédérations du commerce pourront proposer à leurs adhérents."),
        ("h", "4. Les entreprises et les personnes concernées", "cibles"),
        ("p", "Le projet vise [[T:une dizaine de magasins alimentaires indépendants de moins de vingt salariés]], situés en zone urbaine et en zone rurale. Il concerne [[T:les employées de caisse et de mise en rayon]], qui vivent au quotidien les changements d’outils, et [[T:les gérants et leurs adjoints]], qui les décident."),
        ("h", "5. Notre démarche d’intervention", "methodologie"),
        ("p", "Dans un premier temps, [[P:un diagnostic flash des usages numériques sera conduit dans chacune des dix entreprises]] : une demi-journée d’observation, des entretiens courts avec le gérant et deux ou trois salariés, un relevé des outils en place. Ce diagnostic servira de point de départ au premier « quart d’heure outils »."),
        ("p", "Le format sera ensuite expérimenté pendant quatre mois, avec un consultant présent lors des premières séances puis en retrait. [[P:Au cours de la phase 2, une enquête courte sera proposée aux salariés des dix magasins]] pour mesurer ce que le format change à leurs yeux. Quatre ateliers inter-entreprises permettront aux gérants de comparer leurs pratiques."),
        ("h", "6. Les étapes et le calendrier", "phasage"),
        ("p", "Le projet se déroulera du 3 octobre 2022 au 30 juin 2023."),
        ("bullets", [
            "Phase 1 – octobre à décembre 2022 : recrutement des magasins, diagnostics flash, premier atelier inter-entreprises.",
            "Phase 2 – janvier à avril 2023 : expérimentation du « quart d’heure outils », enquête courte auprès des salariés, deux ateliers.",
            "Phase 3 – mai et juin 2023 : bilan, dernier atelier, rédaction de la méthode et tournage des capsules vidéo.",
        ]),
        ("h", "7. Partenaires et apports", "partenaires"),
        ("p", "L’Aract Normandie apporte son expertise sur le dialogue professionnel dans les TPE et co-anime les ateliers. La Fédération du commerce indépendant de Normandie identifie les magasins volontaires et diffusera la méthode. Le Groupement des commerçants de la vallée de Seine met à disposition une salle et relaie le projet auprès des commerçants de l’Eure."),
        ("h", "8. Pilotage du projet", "pilotage"),
        ("p", "Un comité de suivi réunit tous les trois mois les partenaires, deux gérants et deux salariées volontaires. La direction de projet est assurée par Sophie Marchand, associée du cabinet, qui rend compte à l’Anact à chaque fin de phase."),
        ("h", "9. Ce que le projet produira", "resultats"),
        ("p", "Une méthode du « quart d’heure outils » décrite en dix fiches, trois capsules vidéo de témoignages, une fresque de synthèse des ateliers, et un retour d’expérience chiffré sur les dix magasins."),
        ("h", "10. Et après ?", "perennisation"),
        ("p", "La fédération s’est engagée à intégrer la méthode dans son offre d’accompagnement des adhérents en 2024. Les fiches seront publiées sous licence Creative Commons afin que d’autres réseaux de commerçants puissent s’en emparer."),
        ("h", "11. Budget prévisionnel", None),
        ("p", "Montants en euros hors taxes (l’Institut Trajectoires est assujetti à la TVA)."),
        ("table", rows02, {"header": True, "bold_rows": bold02}),
        ("p", "Fait à Rouen, le 22 août 2022. Sophie Marchand, associée."),
    ],
})

# =========================================================================== h5r-03
# Start-up called "Collectif ...", DOCX without heading styles (bold lines), budget table in
# the document; over the cap and co-financing below 20 %.

b03 = Budget(
    [("personnel", "Cheffe de projet accompagnement du changement (90 jours)", 43200),
     ("personnel", "Développeur produit – évolutions de l'application issues des ateliers (60 jours)", 31200),
     ("personnel", "Designer UX – tests avec les intervenantes (35 jours)", 17500),
     ("deplacements_logistique", "Déplacements et hébergement pour les visites des 12 services", 4600),
     ("deplacements_logistique", "Organisation de deux journées régionales (salle, repas)", 2500),
     ("prestations", "Évaluation externe confiée à un cabinet d'ergonomie", 12000)],
    [("Fonds propres Collectif Numa", 16000)],
    95000,
)
rows03 = [["Dépenses", "Montant (€)"]]
for cat, title in (("personnel", "Personnel"), ("deplacements_logistique", "Déplacements / logistique"),
                   ("prestations", "Prestations")):
    for _, l, a in [x for x in b03.lines if x[0] == cat]:
        rows03.append([l, fmt_eur(a, " ")])
rows03 += [["TOTAL DÉPENSES", fmt_eur(b03.total, " ")],
           ["Recettes", ""],
           ["Subvention Anact – Fabrique CTO", fmt_eur(b03.anact, " ")],
           ["Fonds propres Collectif Numa", fmt_eur(16000, " ")],
           ["TOTAL RECETTES", fmt_eur(b03.total, " ")]]
CASES.append({
    "id": "h5r-03",
    "case": "Start-up au nom trompeur (« Collectif Numa », éditeur de logiciel), DOCX sans styles de titre (lignes en gras), budget en tableau ; demande Anact 95 000 € > plafond et co-financement 14,4 % < 20 %",
    "kind": "fournisseur_techno",
    "form": "docx_plain",
    "doc_name": "Collectif_Numa_AMI_FabriqueCTO_v3.docx",
    "budget": b03,
    "partners": ["Aract Auvergne-Rhône-Alpes", "Union départementale des services à domicile de la Loire",
                 "Université Jean Monnet"],
    "project": {"start": "2022-11", "end": "2023-10", "duration_months": 12},
    "from": "Yanis Belkacem <yanis@collectif-numa.io>",
    "subject": "Fabrique CTO : notre proposition",
    "date": "Sun, 21 Aug 2022 22:51:06 +0200",
    "message_id": "<CAF7k2Qm0+Jx9TzYb8wV3nLq5r@mail.gmail.com>",
    "headers": {},
    "body": """Bonjour l'équipe de la Fabrique,

Voici notre proposition, tout est dans le document Word (budget compris).
Au plaisir d'en discuter !

Yanis
--
Yanis Belkacem | cofondateur
Collectif Numa – planification et coordination pour l'aide à domicile
Saint-Étienne
""",
    "blocks": [
        ("title", "PLANS PARTAGÉS – faire des plannings un sujet de dialogue dans l'aide à domicile"),
        ("p", "Proposition déposée par Collectif Numa dans le cadre de l'appel à manifestation d'intérêt La Fabrique CTO."),
        ("h", "1 - Pourquoi ce projet", "contexte"),
        ("p", "Dans l'aide à domicile, le planning est devenu numérique en quelques années : les intervenantes reçoivent leurs tournées sur smartphone, les modifications arrivent par notification, l'heure de badgeage au domicile sert à la fois à la facturation et au contrôle. Notre application est utilisée par une quarantaine de services en Auvergne-Rhône-Alpes."),
        ("p", "[[E:L'enquête de satisfaction réalisée en 2021 auprès de 140 intervenantes utilisatrices]] a fait remonter un malaise que nous n'avions pas anticipé : les modifications de dernière minute et l'absence de temps de trajet réaliste sont vécues comme imposées « par l'application ». [[E:Les ateliers utilisateurs organisés à l'automne 2021 dans trois services]] ont confirmé que personne ne sait plus qui décide des règles de planification."),
        ("h", "2 - Le problème à résoudre", "problematique"),
        ("p", "Un outil de planification encode des choix d'organisation (temps de trajet, amplitude, remplacements) qui devraient être discutés entre direction, responsables de secteur et intervenantes. Comment faire de ces règles un objet de dialogue plutôt qu'une boîte noire ?"),
        ("h", "3 - Objectifs", "objectifs"),
        ("p", "Co-construire avec douze services une charte des règles de planification, rendre ces règles visibles et modifiables dans l'outil, et former les responsables de secteur à les discuter avec les équipes."),
        ("h", "4 - Qui est concerné", "cibles"),
        ("p", "[[T:Les responsables de secteur des services d'aide et d'accompagnement à domicile]], qui construisent les plannings, et [[T:les aides à domicile qui reçoivent leurs tournées sur smartphone]]. Indirectement, les directions et les représentants du personnel des associations employeuses."),
        ("h", "5 - Notre approche", "methodologie"),
        ("p", "Nous travaillerons en cycles courts : un atelier de mise à plat des règles dans chaque service, une évolution de l'application rendant les règles visibles, puis un test de six semaines. Une designer UX accompagne chaque test sur le terrain."),
        ("h", "6 - Planning", "phasage"),
        ("p", "Novembre 2022 – janvier 2023 : ateliers de mise à plat dans les douze services. Février – juin 2023 : développement et tests en trois vagues. Juillet – octobre 2023 : évaluation externe, journées régionales et publication de la charte. Fin du projet : octobre 2023."),
        ("h", "7 - Gouvernance", "pilotage"),
        ("p", "Un comité de pilotage trimestriel réunit Collectif Numa, les partenaires et deux représentantes des intervenantes. Un comité technique mensuel suit les évolutions de l'application."),
        ("h", "8 - Nos partenaires", "partenaires"),
        ("p", "L'Aract Auvergne-Rhône-Alpes (appui méthodologique, animation des journées régionales) ; l'Union départementale des services à domicile de la Loire (mobilisation des services) ; l'Université Jean Monnet, master d'ergonomie (encadrement de deux stagiaires pour l'analyse des tests)."),
        ("h", "9 - Résultats attendus", "resultats"),
        ("p", "Une charte des règles de planification adoptée dans douze services, une fonctionnalité « règles visibles » disponible pour tous nos clients, un module de formation des responsables de secteur."),
        ("h", "10 - Et ensuite", "perennisation"),
        ("p", "La fonctionnalité restera dans le produit sans surcoût. La charte sera proposée aux fédérations de l'aide à domicile pour une diffusion nationale."),
        ("h", "11 - Budget", None),
        ("p", "Montants hors taxes."),
        ("table", rows03, {"header": True, "bold_rows": {7, 8, 11}}),
        ("sig", ["", "Yanis Belkacem, cofondateur",
                 "[[K:Collectif Numa SAS, éditeur du logiciel de planification Numa Planning]] pour les services d'aide à domicile – 12 rue de la Résistance, 42000 Saint-Étienne"]),
    ],
})

# =========================================================================== h5r-04
# Association (insertion), proposal in the plain-text body, budget as a list, inline logo.

b04 = Budget(
    [("personnel", "Coordinatrice du projet (0,3 ETP sur 12 mois)", 13500),
     ("personnel", "Encadrants techniques mobilisés pour les ateliers (40 jours)", 8000),
     ("deplacements_logistique", "Déplacements entre les trois sites et vers Brest", 1400),
     ("deplacements_logistique", "Repas et location de salles pour les temps collectifs", 900),
     ("prestations", "Intervenante en médiation numérique (prestataire, 12 demi-journées)", 4200),
     ("prestations", "Mise en page et impression des livrets en FALC", 1000)],
    [("Fondation Crédit Mutuel Arkéa (acquis)", 4000), ("Autofinancement de l'association", 3000)],
    22000,
)
CASES.append({
    "id": "h5r-04",
    "case": "Association d'insertion (ESS), proposition dans le corps du courriel (texte + HTML, logo inline), budget en liste ; complet",
    "kind": "ess",
    "form": "body",
    "html": True,
    "budget": b04,
    "partners": ["Aract Bretagne", "Inser'Action Finistère", "Maison de l'emploi du Pays de Morlaix"],
    "project": {"start": "2022-11", "end": "2023-10", "duration_months": 12},
    "from": "Atelier du Queffleuth <direction@atelier-queffleuth.bzh>",
    "subject": "Candidature Fabrique CTO – Atelier du Queffleuth",
    "date": "Fri, 19 Aug 2022 09:14:52 +0200",
    "message_id": "<20220819071452.4f3a9c@webmail.atelier-queffleuth.bzh>",
    "headers": {"User-Agent": "Roundcube Webmail/1.5.2"},
    "blocks": [
        ("p", "Bonjour,"),
        ("p", "Nous n'avons pas de dossier mis en forme, alors nous vous écrivons directement notre projet ci-dessous. Merci de votre lecture."),
        ("h", "1) D'où nous partons", "contexte"),
        ("p", "Depuis trois ans, le travail dans nos ateliers change : les fiches de poste, les consignes de sécurité, les pointages et même les entretiens de suivi passent par des tablettes et une plateforme en ligne imposée par nos financeurs. Pour [[K:notre association, qui gère depuis 2009 trois ateliers et chantiers d'insertion]] autour de Morlaix (menuiserie, maraîchage, recyclerie), c'est un progrès sur le papier, mais beaucoup de salariés décrochent et les encadrants passent des heures à saisir."),
        ("h", "2) Ce qui nous pose question", "problematique"),
        ("p", "Comment décider ensemble, encadrants et salariés en insertion, de la place des outils numériques dans les ateliers, alors que la plupart des outils nous sont imposés et que les salariés changent tous les six à vingt-quatre mois ?"),
        ("h", "3) Ce que nous voulons faire", "objectifs"),
        ("bullets", [
            "mettre en place dans chaque atelier un temps mensuel d'échange sur les outils, animé à deux voix (un encadrant, un salarié) ;",
            "rédiger avec les salariés des consignes d'usage simples, en facile à lire et à comprendre (FALC) ;",
            "porter auprès de nos financeurs des demandes d'adaptation de la plateforme.",
        ]),
        ("h", "4) Pour qui", "cibles"),
        ("p", "[[T:Les salariés en parcours d'insertion, souvent éloignés de l'écrit]], et [[T:les encadrants techniques d'insertion]] des trois ateliers (une cinquantaine de personnes en tout). Nous voulons aussi associer [[T:les petites structures de l'insertion par l'activité économique du Finistère]] qui vivent la même chose."),
        ("h", "5) Comment", "methodologie"),
        ("p", "Nous partirons des situations vécues dans les ateliers : chaque mois, un binôme encadrant-salarié choisit un outil qui pose problème et anime l'échange. Une intervenante en médiation numérique nous aide à préparer les premiers temps et à écrire les livrets. Deux fois dans l'année, nous invitons les autres structures du réseau pour comparer."),
        ("h", "6) Les étapes", "phasage"),
        ("p", "Le projet durera douze mois, de novembre 2022 à octobre 2023 : de novembre à janvier, formation des binômes et premiers temps d'échange ; de février à juin, temps mensuels dans les trois ateliers et premier temps collectif ; de juillet à octobre, rédaction des livrets, second temps collectif et bilan."),
        ("h", "7) Qui décide et comment on suit", "pilotage"),
        ("p", "Un groupe de suivi se réunit tous les deux mois : la directrice, deux encadrants, deux salariés en insertion élus par leurs collègues, l'Aract Bretagne. Le bureau de l'association valide les grandes décisions."),
        ("h", "8) Avec qui", "partenaires"),
        ("p", "L'Aract Bretagne nous apporte son regard sur les conditions de travail et participe au groupe de suivi. Inser'Action Finistère, le réseau départemental de l'insertion, organise les deux temps collectifs avec nous. La Maison de l'emploi du Pays de Morlaix prête ses salles et relaie auprès des employeurs du territoire."),
        ("h", "9) Ce que nous attendons", "resultats"),
        ("p", "Des temps d'échange qui tiennent dans la durée, trois livrets FALC, une liste d'adaptations demandées aux financeurs, et des salariés plus à l'aise avec les outils quand ils quittent l'atelier."),
        ("h", "10) Et après", "perennisation"),
        ("p", "Les temps mensuels feront partie du fonctionnement normal des ateliers. Inser'Action Finistère diffusera les livrets aux quarante structures de son réseau."),
        ("h", "11) Budget", None),
        ("p", "Dépenses prévues :"),
        ("bullets", [f"{l} : {fmt_eur(a, ' ')} €" for _, l, a in b04.lines]),
        ("p", f"Total des dépenses : {fmt_eur(b04.total, ' ')} €"),
        ("p", "Ressources :"),
        ("bullets", [f"Demandé à l'Anact : {fmt_eur(b04.anact, ' ')} €"]
         + [f"{l} : {fmt_eur(a, ' ')} €" for l, a in b04.cofin]),
        ("p", "Bien cordialement,"),
        ("sig", ["Gwenaëlle Le Bihan", "Directrice", "Atelier du Queffleuth", "Zone de Kerivoal, 29600 Morlaix"]),
    ],
    "body": "",
})

# =========================================================================== h5r-05
# Union body, ODT exported by LibreOffice, budget table in the ODT; no pérennisation part.

b05 = Budget(
    [("personnel", "Chargé de mission de l'Union départementale (0,4 ETP pendant 14 mois)", 22400),
     ("personnel", "Temps des militants formateurs (30 jours)", 6000),
     ("deplacements_logistique", "Frais de déplacement des militants et des élus participants", 3200),
     ("deplacements_logistique", "Location de salle pour les quatre sessions", 1600),
     ("prestations", "Honoraires Sextant Expertise pour les quatre monographies d'entreprise", 14000),
     ("prestations", "Conception graphique du kit pédagogique", 3800)],
    [("Fonds propres de l'Union départementale", 7000),
     ("Confédération CFE-CGC – fonds de formation syndicale (demande en cours)", 5000)],
    39000,
)
rows05 = [["Charges", "Montant"]] + [[l, fmt_eur(a, " ") + " €"] for _, l, a in b05.lines] + [
    ["Total des charges", fmt_eur(b05.total, " ") + " €"],
    ["Produits", "Montant"],
    ["Anact – appel à manifestation d'intérêt La Fabrique CTO", fmt_eur(b05.anact, " ") + " €"]] + [
    [l, fmt_eur(a, " ") + " €"] for l, a in b05.cofin] + [["Total des produits", fmt_eur(b05.total, " ") + " €"]]
CASES.append({
    "id": "h5r-05",
    "case": "Union départementale syndicale (CFE-CGC Isère), ODT exporté par LibreOffice, budget charges/produits en tableau ; pas de partie pérennisation/essaimage",
    "kind": "partenaire_social",
    "form": "odt",
    "doc_name": "Dossier_UD38_FabriqueCTO.odt",
    "budget": b05,
    "partners": ["Aract Auvergne-Rhône-Alpes", "Sextant Expertise", "Medef Isère"],
    "project": {"start": "2022-09", "end": "2023-10", "duration_months": 14},
    "from": "UD CFE-CGC Isère <contact@ud38-cfecgc.fr>",
    "subject": "Appel à manifestation d'intérêt Fabrique CTO – dossier UD CFE-CGC Isère",
    "date": "Thu, 18 Aug 2022 10:03:27 +0200",
    "message_id": "<a3d90e7f12b84c0e@ud38-cfecgc.fr>",
    "headers": {"X-Mailer": "Zimbra 8.8.15_GA_4372 (ZimbraWebClient - FF103 (Win))"},
    "cte": "8bit",
    "body": """Madame, Monsieur,

Veuillez trouver ci-joint le dossier de candidature de l'Union départementale CFE-CGC de l'Isère au titre de l'appel à manifestation d'intérêt La Fabrique CTO (format OpenDocument).

Nous vous prions d'agréer nos salutations distinguées.

Pour le bureau,
Frédéric Vasseur, secrétaire général
""",
    "blocks": [
        ("title", "Élus et managers face aux outils numériques : un dialogue à construire dans les PME industrielles de l'Isère"),
        ("h", "Présentation de l'Union départementale", None),
        ("p", "[[K:L'Union départementale CFE-CGC de l'Isère est la structure interprofessionnelle qui fédère les syndicats CFE-CGC du département]] ; elle représente environ 1 100 adhérents, cadres, techniciens et agents de maîtrise, dans 140 entreprises."),
        ("h", "Le contexte qui motive notre démarche", "contexte"),
        ("p", "Les PME industrielles de l'Isère (mécanique, plasturgie, électronique) déploient des outils de pilotage de production, des messageries collaboratives et des outils de suivi de l'activité des équipes. Les cadres de proximité sont à la fois prescripteurs, utilisateurs et relais de ces outils, souvent sans en avoir discuté les conditions d'usage."),
        ("p", "[[E:Le questionnaire diffusé au printemps 2022 auprès de nos 1 100 adhérents]] a recueilli 327 réponses. Les résultats de ce questionnaire montrent que deux répondants sur trois n'ont jamais vu la question des outils numériques abordée en CSE, et que la moitié des managers disent subir la « double charge » de l'outil et de son déploiement. [[E:Le diagnostic réalisé en 2021 par l'Aract dans deux entreprises de la plasturgie]] faisait déjà le même constat."),
        ("h", "Enjeux et problématique", "problematique"),
        ("p", "Comment permettre aux élus de CSE et aux managers de proximité de s'emparer ensemble des projets numériques, en amont du déploiement, dans des PME où le dialogue social se limite souvent aux obligations légales ?"),
        ("h", "Finalités et objectifs opérationnels", "objectifs"),
        ("bullets", [
            "former 60 élus et managers à l'analyse d'un projet numérique sous l'angle du travail ;",
            "accompagner quatre entreprises dans la négociation d'un accord de méthode sur un projet en cours ;",
            "produire un kit pédagogique réutilisable par les équipes syndicales.",
        ]),
        ("h", "Bénéficiaires", "cibles"),
        ("p", "[[T:Les élus CSE des PME industrielles de l'Isère de 50 à 250 salariés]], toutes organisations syndicales confondues, et [[T:les managers de proximité et cadres techniques]] qui conduisent les déploiements dans ces entreprises."),
        ("h", "Méthode", "methodologie"),
        ("p", "Quatre sessions de formation-action réunissent chaque fois des élus et des managers de plusieurs entreprises autour de cas réels. En parallèle, [[P:quatre monographies d'entreprise seront rédigées par Sextant Expertise]] à partir d'entretiens et d'observations, pour documenter la négociation des accords de méthode."),
        ("h", "Déroulement et calendrier", "phasage"),
        ("p", "Septembre – décembre 2022 : constitution du groupe de travail, choix des quatre entreprises, préparation des sessions. Janvier – juin 2023 : quatre sessions de formation-action et accompagnement des négociations. Juillet – octobre 2023 : monographies, finalisation du kit et réunion de restitution. Le projet s'achève fin octobre 2023."),
        ("h", "Instances de suivi", "pilotage"),
        ("p", "Un comité de pilotage paritaire (UD CFE-CGC, Medef Isère, Aract Auvergne-Rhône-Alpes) se réunit trois fois par an. Le chargé de mission de l'UD assure la coordination opérationnelle et rend compte au bureau."),
        ("h", "Nos partenaires", "partenaires"),
        ("bullets", [
            "Aract Auvergne-Rhône-Alpes : appui méthodologique et co-animation des sessions ;",
            "Sextant Expertise, cabinet d'expertise auprès des CSE : monographies et appui aux négociations ;",
            "Medef Isère : mobilisation des directions d'entreprise et participation au comité de pilotage.",
        ]),
        ("h", "Résultats attendus", "resultats"),
        ("p", "Soixante élus et managers formés, quatre accords de méthode négociés ou engagés, quatre monographies et un kit pédagogique composé de fiches et de cas."),
        ("h", "Budget du projet", None),
        ("table", rows05, {"header": True, "bold_rows": {7, 8, 12}}),
        ("p", "Frédéric Vasseur, secrétaire général de l'Union départementale."),
    ],
})

# =========================================================================== h5r-06
# Public hospital, LibreOffice PDF sent as application/octet-stream + XLSX; sent after the
# deadline (24 August 00:07 Paris).

x06 = [
    ("Dépenses de personnel", "personnel", [
        ("Cheffe de projet – cadre de santé détachée à 50 % (mois)", 12, 2250),
        ("Remplacement des agents participant aux ateliers (heures)", 120, 30),
    ]),
    ("Frais de déplacement et logistique", "deplacements_logistique", [
        ("Déplacements vers les sites de Vendôme et de Montoire (forfait)", 1, 1200),
        ("Logistique des ateliers (salles, reprographie)", 1, 800),
    ]),
    ("Achats de prestations", "prestations", [
        ("Accompagnement par un ergonome consultant (prestation, jours)", 18, 800),
        ("Formation des encadrants à l'animation du dialogue sur les outils (organisme extérieur)", 1, 5000),
    ]),
]
b06 = Budget(
    [(cat, l, q * u) for _, cat, items in x06 for l, q, u in items],
    [("Autofinancement du centre hospitalier", 9000),
     ("Agence régionale de santé Centre-Val de Loire – fonds d'intervention régional (sollicité)", 3000)],
    40000,
)
CASES.append({
    "id": "h5r-06",
    "case": "Centre hospitalier (public), PDF export LibreOffice envoyé en application/octet-stream + budget XLSX re-sauvé ; envoyé le 24/08 à 00:07 (hors délai)",
    "kind": "public",
    "form": "pdf",
    "doc_media": ("application", "octet-stream"),
    "doc_name": "CHI_Loir_projet_secretariats_FabriqueCTO.pdf",
    "xlsx": ("CHI_Loir_budget_prévisionnel.xlsx", "Centre hospitalier intercommunal du Loir – budget prévisionnel du projet",
             [(t, items) for t, _, items in x06],
             [("Financement demandé à l'Anact", None)] + [(l, a) for l, a in b06.cofin]),
    "budget": b06,
    "partners": ["Aract Centre-Val de Loire", "Université de Tours"],
    "project": {"start": "2022-10", "end": "2023-12", "duration_months": 15},
    "from": "Direction des projets - CHI du Loir <direction.projets@chi-loir.fr>",
    "subject": "Candidature Fabrique CTO - CHI du Loir (secrétariats médicaux)",
    "date": "Wed, 24 Aug 2022 00:07:31 +0200",
    "message_id": "<DB9PR02MB7243F0A1C2B3D4E5F6A7B8C9D0E1@DB9PR02MB7243.eurprd02.prod.outlook.com>",
    "headers": {"X-Mailer": "Microsoft Outlook 16.0", "Importance": "normal"},
    "body": """Madame, Monsieur,

Veuillez trouver ci-joint la candidature du Centre hospitalier intercommunal du Loir à l'appel à manifestation d'intérêt La Fabrique CTO : la description du projet (PDF) et le budget prévisionnel (Excel). Nous vous prions d'excuser cet envoi tardif, la validation par la direction générale n'ayant pu intervenir qu'en fin de journée.

Cordialement,

Anne-Sophie Garnier
Directrice adjointe, chargée des projets et de la qualité
Centre hospitalier intercommunal du Loir
""",
    "blocks": [
        ("title", "Dématérialisation des secrétariats médicaux : construire les usages avec les équipes"),
        ("p", "[[K:Le Centre hospitalier intercommunal du Loir est un établissement public de santé]] de 640 lits et places, réparti sur trois sites (Vendôme, Montoire, Saint-Amand), qui emploie 1 450 agents."),
        ("h", "Contexte", "contexte"),
        ("p", "L'établissement a engagé en 2021 la dématérialisation complète du dossier patient et des courriers médicaux : reconnaissance vocale, signature électronique, messagerie sécurisée avec les médecins de ville, prise de rendez-vous en ligne. Les secrétariats médicaux sont au centre de ces changements et expriment une forte inquiétude sur le sens de leur métier, relayée par les représentants du personnel en formation spécialisée."),
        ("h", "Problématique", "problematique"),
        ("p", "Comment associer les secrétaires médicales, les médecins et l'encadrement aux choix de paramétrage et d'organisation qui accompagnent la dématérialisation, plutôt que de les leur présenter une fois arrêtés ?"),
        ("h", "Objectifs", "objectifs"),
        ("p", "Réorganiser le travail des secrétariats de trois services pilotes en s'appuyant sur des ateliers pluriprofessionnels ; définir avec les représentants du personnel une méthode de conduite des prochains projets numériques ; former les cadres à l'animation de ce dialogue."),
        ("h", "Publics cibles", "cibles"),
        ("p", "[[T:Les secrétaires médicales des services de consultation]] (42 agents), [[T:les cadres de santé et cadres administratifs de pôle]], et [[T:les agents du bureau des entrées]], dont le travail dépend des mêmes outils."),
        ("h", "Méthodologie", "methodologie"),
        ("p", "[[P:Un audit des circuits de dématérialisation sera mené par la direction qualité au cours de la phase 1]], avec l'appui d'un ergonome consultant. Il s'agira ensuite d'organiser des ateliers pluriprofessionnels dans trois services pilotes (cardiologie, pédiatrie, consultations externes), où secrétaires, médecins et cadres examinent les circuits et proposent des ajustements."),
        ("p", "[[P:Une enquête sur la charge de travail des secrétariats sera lancée en janvier 2023]] auprès de l'ensemble des secrétaires de l'établissement, puis renouvelée en fin de projet."),
        ("h", "Phasage", "phasage"),
        ("p", "Phase 1, octobre – décembre 2022 : audit des circuits et constitution des groupes. Phase 2, janvier – juin 2023 : ateliers dans les trois services pilotes, enquête, premiers ajustements. Phase 3, juillet – décembre 2023 : généralisation aux autres secrétariats, formation des cadres, bilan. Le projet prendra fin le 15 décembre 2023."),
        ("h", "Pilotage et comitologie", "pilotage"),
        ("p", "Le comité de pilotage est présidé par la directrice adjointe chargée des projets ; il réunit le président de la commission médicale d'établissement, la coordinatrice générale des soins, deux représentants de la formation spécialisée en santé, sécurité et conditions de travail et l'Aract. Il se réunit à la fin de chaque phase."),
        ("h", "Partenaires", "partenaires"),
        ("p", "L'Aract Centre-Val de Loire accompagne la méthode et participe au comité de pilotage. L'Université de Tours (master d'ergonomie) accueille deux étudiants en stage pour l'analyse des ateliers."),
        ("h", "Résultats escomptés", "resultats"),
        ("p", "Des circuits de courrier simplifiés dans les trois services pilotes, une baisse mesurée des interruptions, une méthode validée en instance pour les projets numériques à venir, quinze cadres formés."),
        ("h", "Pérennisation et essaimage", "perennisation"),
        ("p", "La méthode sera inscrite dans la procédure de conduite de projet de l'établissement et présentée aux établissements du groupement hospitalier de territoire en 2024."),
        ("h", "Budget", None),
        ("p", "Le budget prévisionnel détaillé est joint au format Excel. Le coût total est de 52 000 €, dont 40 000 € demandés à l'Anact."),
    ],
})

# =========================================================================== h5r-07
# Observatory (think tank), DOCX with heading styles, budget table in the DOCX, co-financing
# exactly 20 %, Date header in UTC (23:30 Paris on the deadline day).

b07 = Budget(
    [("personnel", "Directrice des études (25 jours)", 15000),
     ("personnel", "Chargé d'études (60 jours)", 21000),
     ("personnel", "Gratification d'une stagiaire de master (6 mois)", 3600),
     ("deplacements_logistique", "Déplacements dans les quatre départements de l'enquête et hébergement", 3400),
     ("prestations", "Maquettage et impression de la publication finale (prestation graphique)", 4000),
     ("prestations", "Organisation technique et modération de deux webinaires (prestataire)", 3000)],
    [("Fonds propres de l'Observatoire", 6000), ("Fondation Agir pour le Travail (sollicitée)", 4000)],
    40000,
)
rows07 = [["Nature de la dépense", "Montant TTC"]] + [[l, fmt_eur(a, " ") + " €"] for _, l, a in b07.lines] + [
    ["Total", fmt_eur(b07.total, " ") + " €"]]
rows07b = [["Origine des ressources", "Montant"],
           ["Anact – La Fabrique CTO", fmt_eur(b07.anact, " ") + " €"]] + [
    [l, fmt_eur(a, " ") + " €"] for l, a in b07.cofin] + [["Total", fmt_eur(b07.total, " ") + " €"]]
CASES.append({
    "id": "h5r-07",
    "case": "Observatoire (think tank), DOCX à titres stylés, budget en deux tableaux dans le document, co-financement exactement 20 %, fin le 30/12/2023, Date en UTC (23:30 heure de Paris le 23/08) ; complet",
    "kind": "think_tank",
    "form": "docx",
    "doc_name": "OTN_Fabrique_CTO_Artisans_en_ligne.docx",
    "budget": b07,
    "partners": ["Aract Occitanie", "Chambre de métiers et de l'artisanat de l'Hérault", "U2P Occitanie"],
    "project": {"start": "2022-11", "end": "2023-12", "duration_months": 14},
    "from": "Hélène Castagné <helene.castagne@otn-observatoire.org>",
    "subject": "Fabrique CTO — proposition de l'Observatoire du Travail Numérique",
    "date": "Tue, 23 Aug 2022 21:30:00 +0000",
    "message_id": "<4E1D7A2B-9C3F-4B8E-A5D6-0F2E1C3B4A59@otn-observatoire.org>",
    "headers": {"X-Mailer": "Apple Mail (2.3696.120.41.1.1)"},
    "body": """Bonsoir,

Je vous prie de trouver ci-joint la proposition de l'Observatoire du Travail Numérique, « Artisans en ligne ». Le budget figure en fin de document.

Très cordialement,
Hélène Castagné
Directrice des études
""",
    "blocks": [
        ("title", "Artisans en ligne : les plateformes et le travail dans l'artisanat"),
        ("sub", "Une proposition de l'Observatoire du Travail Numérique (OTN), Montpellier"),
        ("h", "Le contexte", "contexte"),
        ("p", "Plateformes de mise en relation, logiciels de devis, places de marché : les artisans passent une part croissante de leur temps sur des outils qu'ils n'ont ni choisis ni paramétrés. Depuis 2017, [[K:l'OTN est un observatoire indépendant qui publie chaque année des études sur le travail dans les petites entreprises]], et ce sujet est remonté dans toutes nos enquêtes récentes."),
        ("p", "[[E:Notre baromètre 2021 « Artisans et numérique »]], conduit auprès de 1 200 chefs d'entreprise, a établi que les artisans consacrent en moyenne six heures par semaine aux plateformes et aux outils administratifs en ligne. [[E:À l'issue de la consultation menée en janvier 2022 auprès de 14 chambres de métiers]], les élus consulaires ont demandé que soit étudiée la façon dont ces outils transforment l'organisation du travail des plus petites entreprises."),
        ("h", "Les questions posées", "problematique"),
        ("p", "Qui, dans une entreprise artisanale de trois ou quatre personnes, décide de l'usage d'une plateforme, et avec qui en parle-t-on ? Quels espaces de dialogue peuvent exister là où il n'y a ni représentant du personnel ni service des ressources humaines ?"),
        ("h", "Nos objectifs", "objectifs"),
        ("p", "Comprendre les effets des plateformes sur le travail des artisans et de leurs salariés ; identifier les pratiques de dialogue qui existent déjà ; proposer aux organisations professionnelles des repères pour accompagner leurs ressortissants."),
        ("h", "À qui s'adresse le projet", "cibles"),
        ("p", "Aux [[T:dirigeants de TPE artisanales de moins de onze salariés]] du bâtiment, de l'alimentation et des services, mais aussi à ceux qui travaillent avec eux : [[T:conjoints collaborateurs]], [[T:salariés et apprentis]]."),
        ("h", "Méthode de travail", "methodologie"),
        ("p", "[[P:Une série de vingt entretiens approfondis sera réalisée dans quatre départements d'Occitanie]] auprès d'artisans, de leurs conjoints et de leurs salariés. Les enseignements seront mis en discussion lors de deux webinaires ouverts, puis lors d'un séminaire avec les organisations professionnelles."),
        ("h", "Étapes et calendrier", "phasage"),
        ("bullets", [
            "Novembre 2022 – février 2023 : préparation, recrutement des entreprises, grille d'entretien.",
            "Mars – juillet 2023 : entretiens et analyse.",
            "Septembre – octobre 2023 : webinaires de mise en discussion.",
            "Novembre – 30 décembre 2023 : séminaire, rédaction et publication du rapport.",
        ]),
        ("h", "Pilotage", "pilotage"),
        ("p", "Un comité d'orientation (Aract Occitanie, CMA de l'Hérault, U2P Occitanie, deux artisans) valide la méthode et discute les résultats à trois reprises. La directrice des études de l'OTN est responsable du projet."),
        ("h", "Partenaires mobilisés", "partenaires"),
        ("p", "L'Aract Occitanie contribue à la grille d'analyse des conditions de travail. La Chambre de métiers et de l'artisanat de l'Hérault facilite l'accès aux entreprises et accueille le séminaire. U2P Occitanie relaie l'étude auprès des organisations professionnelles et co-organise les webinaires."),
        ("h", "Résultats attendus", "resultats"),
        ("p", "Un rapport d'étude public, une synthèse de huit pages destinée aux artisans, des repères pour les organisations professionnelles et deux webinaires enregistrés."),
        ("h", "Diffusion et suites", "perennisation"),
        ("p", "Les repères seront intégrés au baromètre annuel de l'OTN pour en suivre l'appropriation. Les publications seront diffusées sous licence libre par le réseau des chambres de métiers."),
        ("h", "Budget prévisionnel", None),
        ("p", "L'OTN n'est pas assujetti à la TVA : les montants sont exprimés toutes taxes comprises."),
        ("table", rows07, {"header": True, "bold_rows": {7}}),
        ("p", ""),
        ("table", rows07b, {"header": True, "bold_rows": {4}}),
    ],
})

# =========================================================================== h5r-08
# Applicant never says what it is; DOCX (headings as questions, styled) + budget in a separate
# LibreOffice PDF; sent at 23:48 on the deadline day.

b08 = Budget(
    [("personnel", "Coordination du projet (55 jours)", 27500),
     ("personnel", "Animation des ateliers d'équipe (30 jours)", 15000),
     ("deplacements_logistique", "Déplacements et hébergement en Moselle, en Meurthe-et-Moselle et dans les Vosges", 4500),
     ("prestations", "Développement d'un prototype de carnet de bord numérique (sous-traitance)", 9000),
     ("prestations", "Tournage et montage de deux films courts (vidéaste indépendant)", 2500)],
    [("Autofinancement", 8500), ("Région Grand Est – demande en cours", 4000)],
    46000,
)
rows08 = [["Poste", "Montant HT (€)"]] + [[l, fmt_eur(a, " ")] for _, l, a in b08.lines] + [
    ["Coût total", fmt_eur(b08.total, " ")], ["Financements", ""],
    ["Anact (La Fabrique CTO)", fmt_eur(b08.anact, " ")]] + [[l, fmt_eur(a, " ")] for l, a in b08.cofin] + [
    ["Total financements", fmt_eur(b08.total, " ")]]
CASES.append({
    "id": "h5r-08",
    "case": "Porteur de nature jamais dite (« Ligne Claire »), DOCX à titres-questions stylés + budget en PDF séparé (LibreOffice), envoyé le 23/08 à 23:48 ; complet",
    "kind": "inconnu",
    "form": "docx",
    "doc_name": "Carnets_de_bord_projet.docx",
    "budget_pdf": ("Carnets_de_bord_budget.pdf", [
        ("title", "Carnets de bord – budget prévisionnel"),
        ("table", rows08, {"header": True, "bold_rows": {6, 7, 11}}),
        ("p", "Ligne Claire, le 23 août 2022."),
    ]),
    "budget": b08,
    "partners": ["Aract Grand Est", "UIMM Lorraine", "Lycée professionnel Henri Nominé"],
    "project": {"start": "2022-10", "end": "2023-09", "duration_months": 12},
    "from": "Camille Roussel <camille.roussel@ligneclaire.eu>",
    "subject": "fabrique cto / projet « Carnets de bord »",
    "date": "Tue, 23 Aug 2022 23:48:05 +0200",
    "message_id": "<e5b7c0d2-3a41-4f8b-b6e9-71c2d8a0f4e3@ligneclaire.eu>",
    "headers": {"User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:102.0) Gecko/20100101 Thunderbird/102.1.2"},
    "body": """Bonsoir,

Juste avant la clôture, voici notre dossier pour l'AMI : le projet (Word) et le budget (PDF).

Bonne réception,
Camille Roussel
Ligne Claire
""",
    "blocks": [
        ("title", "Carnets de bord"),
        ("sub", "Donner la parole aux techniciens itinérants sur les outils qui pilotent leurs interventions"),
        ("h", "Pourquoi maintenant ?", "contexte"),
        ("p", "Dans la maintenance industrielle, les interventions sont désormais attribuées, suivies et clôturées par des applications mobiles : géolocalisation, photos obligatoires, rapports à remplir sur place, indicateurs de délai. Les techniciens partent seuls, passent d'un site client à l'autre, et ne voient leur chef d'équipe qu'une fois par semaine. Les outils sont conçus pour le reporting, rarement pour ceux qui s'en servent."),
        ("h", "Quelle question voulons-nous traiter ?", "problematique"),
        ("p", "Comment des équipes dispersées, qui ne se retrouvent presque jamais, peuvent-elles débattre de leurs outils et faire remonter ce qui gêne le travail ?"),
        ("h", "Que voulons-nous obtenir ?", "objectifs"),
        ("p", "Tester dans cinq entreprises un « carnet de bord » partagé où les techniciens notent, en situation, ce que les outils facilitent ou empêchent ; faire de ces carnets la matière de réunions d'équipe trimestrielles ; en tirer une démarche reproductible."),
        ("h", "Pour qui ?", "cibles"),
        ("p", "[[T:Les techniciens de maintenance itinérants]] et [[T:leurs chefs d'équipe]], dans [[T:cinq PME de maintenance industrielle de Lorraine]] de 30 à 150 salariés."),
        ("h", "Comment allons-nous travailler ?", "methodologie"),
        ("p", "Au démarrage, [[P:il s'agira de conduire une cartographie des outils numériques utilisés par chaque équipe]] : qui les a choisis, ce qu'ils demandent, ce qu'ils mesurent. Un prototype de carnet de bord sera ensuite testé pendant six mois, avec des ateliers d'équipe tous les trois mois. [[P:Une évaluation intermédiaire est prévue en juin 2023]] pour ajuster le carnet avant la dernière vague."),
        ("h", "Quelles étapes ?", "phasage"),
        ("bullets", [
            "Mi-octobre à décembre 2022 : choix des cinq entreprises et cartographie des outils.",
            "Janvier à juin 2023 : première vague de carnets, deux ateliers par équipe, évaluation intermédiaire.",
            "Juillet à fin septembre 2023 : seconde vague, atelier final inter-entreprises, films courts, synthèse.",
        ]),
        ("h", "Qui pilote ?", "pilotage"),
        ("p", "Un comité de pilotage réunit l'Aract Grand Est, l'UIMM Lorraine, un dirigeant et un technicien de chaque entreprise ; il se réunit au lancement, à mi-parcours et en clôture. Camille Roussel coordonne l'ensemble."),
        ("h", "Avec qui ?", "partenaires"),
        ("p", "Aract Grand Est : appui sur l'analyse du travail et co-animation de l'atelier final. UIMM Lorraine : mobilisation des entreprises et diffusion des résultats. Lycée professionnel Henri Nominé (Sarreguemines) : ses élèves de bac pro maintenance testent le carnet en stage."),
        ("h", "Qu'en attendons-nous ?", "resultats"),
        ("p", "Cinq équipes qui discutent régulièrement de leurs outils, une liste d'ajustements demandés aux éditeurs et aux directions, un prototype de carnet libre de droits et deux films courts."),
        ("h", "Et au-delà ?", "perennisation"),
        ("p", "L'UIMM Lorraine envisage de proposer le carnet aux entreprises adhérentes en 2024 ; le lycée l'intégrera à la formation des futurs techniciens."),
        ("h", "Combien ?", None),
        ("p", "Coût total : 58 500 € HT, dont 46 000 € demandés à l'Anact. Le détail figure dans le budget joint en PDF."),
    ],
})
