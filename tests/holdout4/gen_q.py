#!/usr/bin/env python3
"""Build the blind corpus h4q-01 … h4q-08 (emails + labels) from the Python data below.

Run with a venv holding python-docx, openpyxl, fpdf2, odfpy (and Pillow, pulled by fpdf2);
LibreOffice (`soffice`) is used for the real PDF exports and to give XLSX formulas cached
values. Everything (documents, email, expected labels) comes from the same CASES data, so
the labels follow the documents.

    /tmp/h4venv-q/bin/python gen_q.py          # writes h4q-NN.eml / h4q-NN.expected.json here
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PARIS = timezone(timedelta(hours=2))  # summer time, August 2022
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=PARIS)
CAP = 80000.0
MIN_SHARE = 0.20
TO = "La Fabrique CTO <fabrique@anact.fr>"

PER = "personnel"
DEP = "deplacements_logistique"
PRE = "prestations"
AUT = "autre"


def eur(x: float) -> str:
    """French money format with a narrow no-break-free plain space: 12 500 €."""
    s = f"{x:,.0f}".replace(",", " ")
    return f"{s} €"


def num(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


# =============================================================================== DATA
# Each section: (section_id or None, heading, [paragraphs]). None = a part the call does
# not ask for (presentation of the applicant, title...).

CASES: list[dict] = []

# ------------------------------------------------------------------------- h4q-01
CASES.append(dict(
    id="h4q-01",
    case="Laboratoire (UMR CNRS / UGA « TACT »), PDF fpdf2 à titres numérotés, tableau budgétaire "
         "à sous-totaux coupé par un saut de page, annexe de lettres de soutien scannée ; "
         "Thunderbird ; complet (avertissement scan)",
    applicant="Laboratoire TACT, unité mixte de recherche CNRS / Université Grenoble Alpes",
    form="PDF écrit avec fpdf2 (description + budget) + annexe scannée",
    defect="aucun (annexe scannée = avertissement seulement)",
    sender=("Claire Vasseur-Nguyen", "claire.vasseur-nguyen@univ-grenoble-alpes.fr"),
    subject="Appel à manifestation d'intérêt – La Fabrique CTO : projet MÉDIA-LOG (laboratoire TACT)",
    date=datetime(2022, 8, 18, 16, 42, 10, tzinfo=PARIS),
    message_id="<7d1c2b9e-4f0a-4a61-9c3e-1b8f2a6d5e10@univ-grenoble-alpes.fr>",
    mailer=("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0"),
    body=("Madame, Monsieur,\n\n"
          "Veuillez trouver ci-joint la candidature du laboratoire TACT à l'appel à manifestation "
          "d'intérêt « Développer le dialogue social technologique au travail » (dispositif La "
          "Fabrique CTO), ainsi que les lettres de soutien de nos partenaires, numérisées.\n\n"
          "Je reste à votre disposition pour tout complément.\n\n"
          "Bien cordialement,\n\n"
          "Claire Vasseur-Nguyen\n"
          "Maîtresse de conférences en ergonomie, responsable scientifique du projet\n"
          "Laboratoire TACT – UMR CNRS / Université Grenoble Alpes\n"),
    doc_name="MEDIA-LOG_TACT_AMI_FabriqueCTO.pdf",
    annex_name="Lettres_soutien_partenaires.pdf",
    title="MÉDIA-LOG — Mettre en discussion la commande vocale dans les entrepôts de l'Isère",
    sections=[
        (None, "Le porteur", [
            "Le laboratoire TACT (Travail, Activité, Collectifs, Techniques) est une unité mixte "
            "de recherche du CNRS et de l'Université Grenoble Alpes. Il réunit 38 chercheurs et "
            "enseignants-chercheurs en ergonomie, sociologie du travail et sciences de gestion, "
            "et conduit depuis 2015 des recherches-interventions dans la logistique."]),
        ("contexte", "1. Point de départ", [
            "Depuis 2019, la préparation de commandes guidée par la voix s'est diffusée dans les "
            "entrepôts de taille moyenne de l'Isère. Le casque dicte l'emplacement, la quantité, "
            "le rythme ; le préparateur confirme à voix haute.",
            "Notre enquête par questionnaire de 2021 auprès de 412 préparateurs de commandes a "
            "montré que 58 % d'entre eux disent ne plus pouvoir s'organiser entre collègues. Les "
            "entretiens collectifs conduits en 2020 avec l'Aract Auvergne-Rhône-Alpes ont par "
            "ailleurs fait apparaître que les élus du personnel ne sont presque jamais consultés "
            "sur le paramétrage des cadences."]),
        ("objectifs", "2. Ce que nous voulons obtenir", [
            "Outiller trois entrepôts pour que le paramétrage de la commande vocale devienne un "
            "objet de dialogue professionnel et social ; construire avec les élus des CSE une "
            "grille de questions à poser avant toute évolution du logiciel ; tester une « revue "
            "de paramétrage » trimestrielle associant direction, encadrement de proximité, "
            "préparateurs et éditeur."]),
        ("problematique", "3. La question de recherche", [
            "Comment un système qui prescrit le travail seconde par seconde peut-il redevenir "
            "discutable par ceux qui le vivent ? Nous faisons l'hypothèse que les réglages "
            "(cadence cible, ordre des emplacements, messages d'alerte) sont des choix "
            "d'organisation qui peuvent être négociés, à condition d'être rendus visibles."]),
        ("cibles", "4. Publics concernés", [
            "Le projet s'adresse en premier lieu aux préparateurs de commandes équipés de casques "
            "vocaux dans trois entrepôts isérois de 80 à 240 salariés, ainsi qu'à leurs chefs "
            "d'équipe. Il vise aussi les élus des CSE de ces entrepôts et les responsables "
            "d'exploitation qui arbitrent le paramétrage."]),
        ("methodologie", "5. Démarche", [
            "La démarche combine observation ergonomique et dispositifs de dialogue. Une "
            "observation outillée de l'activité sera conduite dans chacun des trois entrepôts "
            "(chroniques d'activité, enregistrement des échanges vocaux avec l'accord des "
            "salariés, entretiens d'auto-confrontation).",
            "Les résultats seront mis en discussion dans des ateliers « réglages en débat » où "
            "chaque paramètre est présenté, chiffré et discuté. Un atelier inter-entreprises "
            "réunira ensuite les trois sites."]),
        ("phasage", "6. Calendrier", [
            "Phase 1 (octobre – décembre 2022) : conventions avec les entrepôts, présentation aux "
            "CSE, observation outillée.",
            "Phase 2 (janvier – juin 2023) : ateliers « réglages en débat » sur chaque site, "
            "première revue de paramétrage.",
            "Phase 3 (juillet – novembre 2023) : atelier inter-entreprises, seconde revue de "
            "paramétrage, écriture du guide.",
            "Phase 4 (décembre 2023) : restitution publique et remise des livrables le 15 "
            "décembre 2023, date de fin du projet."]),
        ("pilotage", "7. Organisation du projet", [
            "Un comité de pilotage se réunit tous les trois mois : la responsable scientifique du "
            "projet, un représentant de chaque direction d'entrepôt, un élu de chaque CSE, "
            "l'Aract Auvergne-Rhône-Alpes et le chargé de mission de l'Anact. Une équipe projet "
            "hebdomadaire (deux enseignants-chercheurs, l'ingénieure d'études, la stagiaire) "
            "assure le suivi opérationnel."]),
        ("resultats", "8. Livrables attendus", [
            "Un guide « Régler la voix : questions à se poser avant de paramétrer », une grille de "
            "revue de paramétrage testée dans trois entrepôts, trois capsules vidéo de "
            "restitution, un article scientifique et une communication au congrès de la SELF."]),
        ("perennisation", "9. Et après ?", [
            "La grille et le guide seront publiés sous licence Creative Commons. L'Aract "
            "Auvergne-Rhône-Alpes s'est engagée à les intégrer à son offre d'appui aux PME de la "
            "logistique ; l'éditeur de la solution vocale envisage de proposer la revue de "
            "paramétrage à ses autres clients. Un module de formation continue destiné aux élus "
            "de CSE sera construit avec l'Institut régional du travail."]),
        ("partenaires", "10. Partenaires mobilisés", [
            "Aract Auvergne-Rhône-Alpes : co-animation des ateliers et diffusion régionale.",
            "Entrepôts Dauphiné Frais (Voreppe), Logisud Isère (Saint-Quentin-Fallavier) et Alpes "
            "Distribution Services (Moirans) : terrains d'expérimentation, accès aux données de "
            "paramétrage.",
            "Vocalia Systems, éditeur de la solution vocale : mise à disposition d'un "
            "environnement de test et participation aux revues de paramétrage."]),
    ],
    budget_heading="11. Budget prévisionnel (montants nets de taxe)",
    lines=[
        ("Ingénieure d'études contractuelle (12 mois à 50 %)", PER, 26400),
        ("Temps des chercheurs statutaires (2 enseignants-chercheurs, 30 jours chacun)", PER, 18000),
        ("Stagiaire de master 2 en ergonomie (6 mois, gratification)", PER, 3900),
        ("Déplacements de l'équipe vers les trois entrepôts (Voreppe, Saint-Quentin-Fallavier, "
         "Moirans) et hébergement", DEP, 4200),
        ("Location de salles et restauration pour les quatre ateliers inter-entreprises à la "
         "Maison de l'emploi", DEP, 2600),
        ("Frais de participation au congrès de la SELF 2023 pour la restitution", DEP, 1100),
        ("Transcription intégrale des entretiens enregistrés par un prestataire spécialisé", PRE, 3800),
        ("Conception graphique et mise en page du guide par une graphiste indépendante", PRE, 4500),
        ("Réalisation de trois capsules vidéo de restitution (prestataire audiovisuel)", PRE, 6000),
    ],
    anact=52000,
    anact_label="Subvention sollicitée auprès de l'Anact (La Fabrique CTO)",
    cofin=[
        ("Autofinancement de l'unité sur crédits récurrents (temps des chercheurs statutaires)",
         14500, "autofinancement"),
        ("Université Grenoble Alpes – soutien du pôle sciences sociales (acquis)", 4000, "acquis"),
    ],
    partners=["Aract Auvergne-Rhône-Alpes", "Entrepôts Dauphiné Frais", "Logisud Isère",
              "Alpes Distribution Services", "Vocalia Systems"],
    project=dict(start="2022-10", end="2023-12", duration_months=15),
    extra_flags=[dict(code="scanned_document", target="Lettres_soutien_partenaires.pdf",
                      severity="warning")],
    committee=dict(
        applicant_kind="laboratoire",
        applicant_kind_evidence="unité mixte de recherche du CNRS et de l'Université Grenoble Alpes",
        targets=[
            "préparateurs de commandes équipés de casques vocaux dans trois entrepôts isérois de 80 à 240 salariés",
            "les élus des CSE de ces entrepôts",
            "les responsables d'exploitation qui arbitrent le paramétrage",
        ],
        studies_existing=[
            "Notre enquête par questionnaire de 2021 auprès de 412 préparateurs de commandes",
            "entretiens collectifs conduits en 2020 avec l'Aract Auvergne-Rhône-Alpes",
        ],
        studies_planned=[
            "Une observation outillée de l'activité sera conduite dans chacun des trois entrepôts",
        ],
    ),
    judgement="Les lettres de soutien sont une image sans couche texte : `scanned`, "
              "avertissement seul, car la proposition lisible est complète. Le tableau porte des "
              "sous-totaux par catégorie (à ne pas compter deux fois). « Le porteur » n'est pas "
              "une rubrique de l'appel.",
))

# ------------------------------------------------------------------------- h4q-02
CASES.append(dict(
    id="h4q-02",
    case="Think tank (Le Cercle Sillons), ODT à titres-questions stylés + budget XLSX par phase "
         "(formules, 2 feuilles dépenses / financement), Apple Mail ; complet",
    applicant="Le Cercle Sillons, think tank",
    form="ODT (titres en questions) + XLSX par phase",
    defect="aucun",
    sender=("Mathilde Roussel-Diallo", "m.roussel@cercle-sillons.org"),
    subject="Candidature AMI « Fabrique CTO » — Cercle Sillons",
    date=datetime(2022, 8, 22, 18, 3, 55, tzinfo=PARIS),
    message_id="<A41F0C2E-77B3-4E0D-9B21-5C6D8E9F0A12@cercle-sillons.org>",
    mailer=("X-Mailer", "Apple Mail (2.3696.120.41.1.1)"),
    body=("Bonjour,\n\n"
          "Le Cercle Sillons a le plaisir de vous adresser sa réponse à l'appel à manifestation "
          "d'intérêt « Développer le dialogue social technologique au travail ».\n\n"
          "Vous trouverez en pièces jointes la description du projet « Planifier ensemble » et "
          "son budget détaillé par phase, avec le plan de financement.\n\n"
          "Très cordialement,\n"
          "Mathilde Roussel-Diallo\n"
          "Directrice des études – Le Cercle Sillons\n"),
    html_body=True,
    doc_name="Sillons_Planifier-ensemble_description.odt",
    budget_name="Sillons_budget_par_phase.xlsx",
    title="Planifier ensemble — la planification automatique de l'aide à domicile en débat",
    sections=[
        (None, "Qui porte le projet ?", [
            "Le Cercle Sillons est un think tank indépendant fondé en 2016, qui publie chaque "
            "année des notes et un baromètre sur le travail dans les services aux personnes. Il "
            "est financé par les adhésions de ses membres et par des fonds de dotation."]),
        ("contexte", "Pourquoi maintenant ?", [
            "La télégestion et les logiciels de planification automatique se sont généralisés "
            "dans l'aide à domicile depuis 2020. Issu du baromètre Sillons « Travail et "
            "algorithmes » publié en mars 2022, un constat s'impose : 71 % des intervenantes "
            "interrogées découvrent leur planning de la semaine sur leur téléphone, sans avoir pu "
            "en parler avec leur responsable.",
            "Nos travaux de 2021 ont montré que les temps de trajet entre deux domiciles sont "
            "systématiquement sous-estimés par les algorithmes de tournée."]),
        ("objectifs", "Que voulons-nous changer ?", [
            "Faire de la planification un objet de dialogue entre intervenantes, responsables de "
            "secteur et direction ; expérimenter dans quatre services un « temps de planification "
            "partagée » hebdomadaire ; formuler des règles de paramétrage négociées, reprises dans "
            "un accord ou une charte."]),
        ("problematique", "Quelle question posons-nous ?", [
            "À quelles conditions un outil de planification automatique peut-il tenir compte de "
            "ce que les intervenantes savent de leurs tournées, des personnes aidées et des "
            "imprévus, plutôt que de l'ignorer ?"]),
        ("cibles", "Pour qui ?", [
            "Le projet s'adresse aux intervenantes à domicile des SAAD associatifs de la Nièvre "
            "et de l'Allier, aux responsables de secteur chargés de la planification et aux "
            "représentants du personnel de ces services."]),
        ("methodologie", "Comment allons-nous procéder ?", [
            "Une enquête flash sera lancée auprès de 300 intervenantes des quatre services pour "
            "documenter les écarts entre planning prévu et journée réelle. Un cabinet "
            "d'ergonomie analysera ensuite l'activité de planification des responsables de "
            "secteur.",
            "Sur cette base, chaque service expérimentera pendant six mois un temps de "
            "planification partagée, animé avec l'Aract. Un séminaire interdépartemental "
            "clôturera la démarche."]),
        ("phasage", "Quand ?", [
            "Phase 1 – octobre à décembre 2022 : enquête flash et restitution aux équipes.",
            "Phase 2 – janvier à juin 2023 : analyse de l'activité et expérimentation du temps "
            "de planification partagée.",
            "Phase 3 – juillet à octobre 2023 : séminaire interdépartemental, rédaction du cahier "
            "de propositions ; clôture du projet fin octobre 2023."]),
        ("partenaires", "Avec qui ?", [
            "Aract Bourgogne-Franche-Comté : co-animation des temps de planification partagée et "
            "capitalisation.",
            "Fédération des services à domicile de la Nièvre : mobilisation de deux services et "
            "relais auprès des salariées.",
            "Collectif des SAAD du Bourbonnais : mobilisation de deux services dans l'Allier.",
            "Fonds de dotation Travail & Territoires : soutien financier et participation au "
            "comité de pilotage."]),
        ("pilotage", "Qui décide, et comment ?", [
            "Un comité de pilotage trimestriel réunit le Cercle Sillons, l'Aract, les directions "
            "et les représentants du personnel des quatre services, ainsi que le fonds de "
            "dotation. Un comité d'usagères, composé de six intervenantes volontaires, est "
            "consulté avant chaque décision de paramétrage."]),
        ("resultats", "Qu'en attendre ?", [
            "Quatre services ayant expérimenté un temps de planification partagée ; un cahier de "
            "propositions pour le paramétrage des logiciels de planification ; une note du Cercle "
            "et une édition spéciale du baromètre."]),
        ("perennisation", "Et ensuite ?", [
            "Le cahier de propositions sera présenté aux éditeurs de logiciels du secteur et à la "
            "branche de l'aide à domicile. Les fédérations partenaires s'engagent à diffuser la "
            "démarche dans leurs autres services ; une seconde vague dans deux autres "
            "départements est envisagée en 2024."]),
        (None, "Et le budget ?", [
            "Le budget détaillé par phase et le plan de financement figurent dans le fichier "
            "joint « Sillons_budget_par_phase.xlsx »."]),
    ],
    # (label, category, [phase1, phase2, phase3])
    phase_lines=[
        ("Directrice des études (45 jours)", PER, [6000, 9000, 3000]),
        ("Chargé d'études junior (80 jours)", PER, [8000, 12000, 4000]),
        ("Déplacements dans la Nièvre et l'Allier (train, location de véhicule, hébergement)",
         DEP, [800, 2400, 600]),
        ("Location de salles, repas et frais d'accueil des ateliers de planification partagée",
         DEP, [0, 2200, 800]),
        ("Prestation d'un cabinet d'ergonomie pour l'analyse de l'activité de planification",
         PRE, [0, 9000, 0]),
        ("Conception et impression du cahier de propositions (studio graphique)", PRE, [0, 0, 5200]),
    ],
    anact=48000,
    anact_label="Anact – AMI La Fabrique CTO (sollicité)",
    cofin=[
        ("Autofinancement du Cercle Sillons (fonds propres issus des adhésions)", 9000,
         "autofinancement"),
        ("Fonds de dotation Travail & Territoires (convention signée le 12 mai 2022)", 6000, "acquis"),
    ],
    partners=["Aract Bourgogne-Franche-Comté", "Fédération des services à domicile de la Nièvre",
              "Collectif des SAAD du Bourbonnais", "Fonds de dotation Travail & Territoires"],
    project=dict(start="2022-10", end="2023-10", duration_months=13),
    extra_flags=[],
    committee=dict(
        applicant_kind="think_tank",
        applicant_kind_evidence="think tank indépendant fondé en 2016",
        targets=[
            "intervenantes à domicile des SAAD associatifs de la Nièvre et de l'Allier",
            "responsables de secteur chargés de la planification",
            "représentants du personnel de ces services",
        ],
        studies_existing=[
            "baromètre Sillons « Travail et algorithmes » publié en mars 2022",
            "Nos travaux de 2021 ont montré",
        ],
        studies_planned=[
            "Une enquête flash sera lancée auprès de 300 intervenantes des quatre services",
            "Un cabinet d'ergonomie analysera ensuite l'activité de planification des responsables de secteur",
        ],
    ),
    judgement="Le fonds de dotation est à la fois co-financeur et cité dans « Avec qui ? » : "
              "c'est un partenaire. Le budget n'a pas de colonne de catégorie ; les totaux "
              "sont des formules (valeurs en cache via LibreOffice). Les parties sont dans "
              "l'ordre de l'auteur (partenaires avant pilotage).",
))

# ------------------------------------------------------------------------- h4q-03
CASES.append(dict(
    id="h4q-03",
    case="Studio de design au nom trompeur (Laboratoire des Usages Ordinaires), DOCX à titres en "
         "lignes grasses (pas de styles), budget HT/TTC en tableau + co-financements en liste, "
         "Gmail ; complet (co-financement exactement 20 %)",
    applicant="Laboratoire des Usages Ordinaires (LUO), studio de design de services (SARL)",
    form="DOCX, titres = lignes en gras ; budget dans le document",
    defect="aucun (co-financement à exactement 20 %)",
    sender=("Inès Marchal", "ines.marchal@usages-ordinaires.fr"),
    subject="AMI La Fabrique CTO – Laboratoire des Usages Ordinaires",
    date=datetime(2022, 8, 19, 10, 15, 31, tzinfo=PARIS),
    message_id="<CAF3k9QpZ2x7mY1vN8rT0uW4sE6bH5jL3oK1cD9aG2fR7@mail.gmail.com>",
    mailer=None,
    body=("Bonjour,\n\n"
          "Ci-joint notre proposition « Carnet de bord des outils » pour l'AMI Développer le "
          "dialogue social technologique au travail. Le budget figure en fin de document.\n\n"
          "Belle journée,\n"
          "Inès Marchal\n"
          "Laboratoire des Usages Ordinaires — Limoges\n"),
    html_body=True,
    doc_name="LUO_FabriqueCTO_carnet-de-bord.docx",
    title="Carnet de bord des outils — rendre discutable le numérique des guichets creusois",
    sections=[
        (None, "Qui sommes-nous", [
            "Le Laboratoire des Usages Ordinaires (LUO) est un studio de design de services "
            "indépendant, constitué en SARL à Limoges en 2017. Ses six designers conçoivent avec "
            "les agents publics des services et des outils qui tiennent compte de leur travail "
            "réel."]),
        ("contexte", "Le contexte, vu du guichet", [
            "Les espaces France services de la Creuse accueillent chaque semaine des usagers qui "
            "n'arrivent plus à effectuer seuls leurs démarches en ligne. Les agents d'accueil "
            "jonglent entre une dizaine de portails partenaires, chacun avec ses identifiants et "
            "ses mises à jour.",
            "Aucun recensement de ces outils n'a encore été fait du point de vue de celles et "
            "ceux qui les utilisent."]),
        ("problematique", "Ce qui pose question", [
            "Les outils sont choisis par les opérateurs nationaux, mais le travail de médiation "
            "repose sur les agents. Comment ouvrir un espace où les agents, leurs employeurs et "
            "les opérateurs peuvent discuter de ce que ces outils font au travail d'accueil ?"]),
        ("objectifs", "Nos objectifs", [
            "Rendre visible le travail de médiation numérique ; co-concevoir avec les agents un "
            "« carnet de bord des outils » partagé entre espaces ; prototyper une instance de "
            "dialogue semestrielle entre agents, élus locaux et opérateurs."]),
        ("cibles", "Pour qui", [
            "Les agents d'accueil des espaces France services de la Creuse, les secrétaires de "
            "mairie des communes de moins de 1 000 habitants qui orientent les usagers, et les "
            "encadrants intercommunaux dont ils dépendent."]),
        ("methodologie", "Notre façon de travailler", [
            "Nous mènerons une immersion de deux semaines dans cinq espaces France services, en "
            "binôme designer–agent. Les observations alimenteront trois sessions de "
            "co-conception, puis des tests du prototype de carnet de bord en situation réelle.",
            "Chaque étape est restituée aux agents avant d'être présentée aux employeurs."]),
        ("phasage", "Étapes et calendrier", [
            "Phase 1 : état des lieux des outils utilisés au guichet (novembre – décembre 2022).",
            "Phase 2 : immersions et sessions de co-conception (janvier – mars 2023).",
            "Phase 3 : prototypage et tests du carnet de bord (avril – juin 2023).",
            "Phase 4 : première instance de dialogue et restitution (juillet 2023). Le projet "
            "s'achève le 31 juillet 2023."]),
        ("partenaires", "Qui fait quoi", [
            "Conseil départemental de la Creuse : accès aux espaces France services qu'il anime, "
            "participation à l'instance de dialogue.",
            "Centre de gestion de la fonction publique territoriale de la Creuse : relais vers "
            "les secrétaires de mairie, apport de son service de prévention.",
            "Aract Nouvelle-Aquitaine : regard sur les conditions de travail et co-animation de "
            "l'instance de dialogue."]),
        ("pilotage", "Comment le projet est piloté", [
            "Un comité de pilotage réunit tous les deux mois le studio, le Département, le "
            "centre de gestion, l'Aract et deux agents d'accueil désignés par leurs collègues. "
            "Un groupe de suivi composé de quatre agents valide chaque livrable intermédiaire."]),
        ("resultats", "Ce que nous livrerons", [
            "Un carnet de bord des outils testé dans cinq espaces ; un kit d'animation de "
            "l'instance de dialogue ; un cahier de recommandations adressé aux opérateurs "
            "nationaux."]),
        ("perennisation", "Après le projet", [
            "Le Département prévoit d'étendre le carnet de bord aux quatorze espaces creusois en "
            "2024. Le kit sera publié en libre accès et proposé au réseau national des France "
            "services."]),
    ],
    budget_heading="Budget",
    lines=[
        ("Designer de services senior (40 jours)", PER, 24000),
        ("Designer junior (35 jours)", PER, 14000),
        ("Chargée de coordination et d'administration du projet (10 jours)", PER, 3500),
        ("Déplacements Limoges–Guéret et hébergement pendant les semaines d'immersion", DEP, 5400),
        ("Location d'un tiers-lieu à Aubusson pour les sessions de co-conception, repas compris",
         DEP, 1800),
        ("Illustratrice indépendante pour les supports de restitution (honoraires)", PRE, 3200),
        ("Tests utilisateurs du prototype par un prestataire d'accessibilité numérique", PRE, 2600),
    ],
    anact=43600,
    cofin=[
        ("Autofinancement du studio (temps non facturé)", 6900, "autofinancement"),
        ("Conseil départemental de la Creuse – subvention « innovation publique » (demandée)",
         4000, "demandé"),
    ],
    partners=["Conseil départemental de la Creuse",
              "Centre de gestion de la fonction publique territoriale de la Creuse",
              "Aract Nouvelle-Aquitaine"],
    project=dict(start="2022-11", end="2023-07", duration_months=9),
    extra_flags=[],
    committee=dict(
        applicant_kind="cabinet_conseil",
        applicant_kind_evidence="studio de design de services indépendant, constitué en SARL",
        targets=[
            "Les agents d'accueil des espaces France services de la Creuse",
            "les secrétaires de mairie des communes de moins de 1 000 habitants qui orientent les usagers",
            "les encadrants intercommunaux dont ils dépendent",
        ],
        studies_existing=[],
        studies_planned=[
            "Nous mènerons une immersion de deux semaines dans cinq espaces France services",
            "Phase 1 : état des lieux des outils utilisés au guichet",
        ],
    ),
    judgement="Nom trompeur : « Laboratoire » mais studio de design (SARL) → cabinet_conseil. "
              "Budget en HT et TTC : le HT fait foi. Co-financement 10 900 / 54 500 = 20 % "
              "exactement : pas sous le minimum. « Aucun recensement … n'a encore été fait » "
              "n'est pas une étude existante. Le Département co-finance et est partenaire.",
))

# ------------------------------------------------------------------------- h4q-04
CASES.append(dict(
    id="h4q-04",
    case="Éditeur SaaS au nom trompeur (Institut Arcane SAS) avec équipe d'accompagnement du "
         "changement, ZIP (PDF LibreOffice + XLSX), Outlook ; demande Anact 90 000 € > plafond",
    applicant="Institut Arcane SAS, éditeur de logiciels SaaS",
    form="ZIP : description PDF (export LibreOffice d'un DOCX stylé) + budget XLSX",
    defect="demande Anact au-dessus du plafond (90 000 €)",
    sender=("Yann Le Gall", "yann.legall@arcane-pivot.fr"),
    subject="Appel à manifestation d'intérêt - La Fabrique CTO - Institut Arcane",
    date=datetime(2022, 8, 23, 11, 20, 4, tzinfo=PARIS),
    message_id="<PR1P264MB2087C0F5A1B2C3D4E5F6A7B8C9D0E1F2@PR1P264MB2087.FRAP264.PROD.OUTLOOK.COM>",
    mailer=("X-Mailer", "Microsoft Outlook 16.0"),
    body=("Madame, Monsieur,\n\n"
          "Nous vous prions de trouver ci-joint, dans une archive unique, notre dossier de "
          "candidature à l'AMI La Fabrique CTO : la description du projet « Paramétrage partagé » "
          "et le budget prévisionnel.\n\n"
          "Cordialement,\n\n"
          "Yann Le Gall\n"
          "Directeur de l'accompagnement client\n"
          "Institut Arcane SAS – Rennes\n"),
    html_body=True,
    zip_name="Arcane_AMI_FabriqueCTO.zip",
    doc_name="1_Description_projet_Arcane.pdf",
    budget_name="2_Budget_previsionnel_Arcane.xlsx",
    title="Paramétrage partagé — associer salariés et élus aux règles d'un logiciel de planification",
    sections=[
        (None, "Présentation de l'entreprise", [
            "Institut Arcane SAS est un éditeur de logiciels en mode SaaS basé à Rennes. Notre "
            "solution Pivot gère la planification des équipes et le suivi de production dans 140 "
            "PME agroalimentaires. Depuis 2020, une équipe d'accompagnement du changement de six "
            "personnes, dont une ergonome, accompagne chaque déploiement."]),
        ("contexte", "1. Contexte et enjeux", [
            "Les conserveries et ateliers de transformation de produits de la mer du Finistère "
            "numérisent leur planification sous la pression des donneurs d'ordre. Dans les "
            "déploiements que nous avons menés, le paramétrage des règles (polyvalence, temps de "
            "pause, affectation aux postes froids) est décidé en quelques réunions entre la "
            "direction et notre équipe, sans les salariés ni leurs représentants."]),
        ("objectifs", "2. Objectifs du projet", [
            "Concevoir et tester un « paramétrage partagé » : une méthode et un module du logiciel "
            "permettant aux salariés et aux élus du CSE de proposer, discuter et valider les "
            "règles de planification avant leur mise en production."]),
        ("problematique", "3. Problématique", [
            "Un éditeur peut-il organiser lui-même la mise en discussion de son outil sans en "
            "devenir juge et partie ? Quelles garanties donner aux représentants du personnel "
            "pour que leurs propositions soient effectivement intégrées ?"]),
        ("cibles", "4. Publics visés", [
            "Le projet vise les salariés des ateliers de transformation de produits de la mer du "
            "Finistère, en particulier les opératrices de conditionnement en horaires décalés, "
            "ainsi que les représentants du personnel des conserveries de moins de 300 "
            "salariés."]),
        ("methodologie", "5. Méthodologie", [
            "Un diagnostic des usages du logiciel sera réalisé dans chaque conserverie par notre "
            "ergonome, à partir d'observations et d'entretiens. Les élus de CSE suivront une "
            "formation de deux jours sur le paramétrage, assurée par un intervenant extérieur en "
            "droit social.",
            "Des ateliers de paramétrage partagé, facilités graphiquement, réuniront ensuite "
            "salariés, encadrants et élus ; les règles retenues seront implémentées dans une "
            "version de test, puis évaluées."]),
        ("phasage", "6. Phasage détaillé", [
            "Octobre – décembre 2022 : diagnostic des usages dans quatre conserveries.",
            "Janvier – février 2023 : formation des élus.",
            "Mars – mai 2023 : ateliers de paramétrage partagé et développement du module.",
            "Juin 2023 : évaluation et journée de restitution à Quimper ; fin du projet le 30 "
            "juin 2023."]),
        ("pilotage", "7. Gouvernance et comitologie", [
            "Un comité de pilotage mensuel associe Institut Arcane, les directions et les élus "
            "des quatre conserveries, l'Aract Bretagne et l'organisation professionnelle "
            "régionale. Un comité éthique de trois personnalités extérieures vérifie que les "
            "propositions des salariés ont été traitées."]),
        ("resultats", "8. Résultats attendus", [
            "Un module de paramétrage partagé intégré à Pivot ; une méthode documentée et "
            "publiée ; quatre accords de méthode signés dans les conserveries."]),
        ("perennisation", "9. Pérennisation et essaimage", [
            "Le module sera proposé sans surcoût à l'ensemble de nos clients. La méthode sera "
            "publiée sous licence ouverte pour que d'autres éditeurs puissent la reprendre."]),
        ("partenaires", "10. Partenaires et contributions", [
            "Aract Bretagne : appui méthodologique et évaluation indépendante.",
            "Conserveries Penmarc'h Océan, Saveurs d'Iroise, Atelier du Goéland et Marée Haute "
            "Concarneau : terrains d'expérimentation.",
            "Association bretonne des industries de la mer : relais auprès des entreprises du "
            "secteur."]),
        (None, "11. Budget", [
            "Le budget prévisionnel détaillé et le plan de financement sont présentés dans le "
            "fichier 2_Budget_previsionnel_Arcane.xlsx."]),
    ],
    lines=[
        ("Chef de projet accompagnement du changement (60 jours)", PER, 39000),
        ("Développeur produit pour le module de paramétrage partagé (64 jours)", PER, 38400),
        ("Ergonome interne (25 jours)", PER, 15000),
        ("Déplacements Rennes–Finistère, hébergement et repas lors des sessions en conserverie",
         DEP, 6500),
        ("Location de salles pour les deux journées inter-entreprises à Quimper", DEP, 1500),
        ("Intervenant extérieur en droit social pour la formation des élus de CSE", PRE, 8000),
        ("Facilitation graphique des ateliers (prestataire)", PRE, 5000),
    ],
    anact=90000,
    anact_label="Subvention Anact sollicitée",
    cofin=[
        ("Autofinancement Institut Arcane (fonds propres)", 15400, "autofinancement"),
        ("Région Bretagne – Pass Innovation (acquis)", 8000, "acquis"),
    ],
    partners=["Aract Bretagne", "Penmarc'h Océan", "Saveurs d'Iroise", "Atelier du Goéland",
              "Marée Haute Concarneau", "Association bretonne des industries de la mer"],
    project=dict(start="2022-10", end="2023-06", duration_months=9),
    extra_flags=[],
    committee=dict(
        applicant_kind="fournisseur_techno",
        applicant_kind_evidence="éditeur de logiciels en mode SaaS",
        targets=[
            "salariés des ateliers de transformation de produits de la mer du Finistère",
            "opératrices de conditionnement en horaires décalés",
            "représentants du personnel des conserveries de moins de 300 salariés",
        ],
        studies_existing=[],
        studies_planned=[
            "Un diagnostic des usages du logiciel sera réalisé dans chaque conserverie",
        ],
    ),
    judgement="« Institut » est trompeur : c'est un éditeur SaaS → fournisseur_techno. Seuls les "
              "membres du ZIP sont labellisés comme pièces (l'archive elle-même n'est pas notée). "
              "Ergonome et chef de projet internes = personnel. Co-financement 20,6 % : seul le "
              "plafond est dépassé.",
))

# ------------------------------------------------------------------------- h4q-05
CASES.append(dict(
    id="h4q-05",
    case="Mutuelle (MEAA), fiche-formulaire DOCX « Rubrique | Réponse » avec budget et "
         "co-financements dans des cellules, nom de fichier accentué (RFC 2231), Outlook ; "
         "complet, une dépense inéligible (tablettes)",
    applicant="Mutuelle Entraide Artisans Atlantique (MEAA)",
    form="DOCX tableau-formulaire « Rubrique / Réponse », budget en cellule",
    defect="aucun bloquant ; achat de tablettes = dépense inéligible (avertissement)",
    sender=("Hélène Guérin", "h.guerin@meaa-mutuelle.fr"),
    subject="AMI Fabrique CTO : candidature de la MEAA",
    date=datetime(2022, 8, 17, 9, 32, 48, tzinfo=PARIS),
    message_id="<DB9P195MB1466E2A7C3B1F0D94C2A8E7F5B6D9A0C@DB9P195MB1466.EURP195.PROD.OUTLOOK.COM>",
    mailer=("X-Mailer", "Microsoft Outlook 16.0"),
    body=("Bonjour,\n\n"
          "Veuillez trouver en pièce jointe la fiche de candidature de la Mutuelle Entraide "
          "Artisans Atlantique pour l'appel à manifestation d'intérêt de La Fabrique CTO. Le "
          "budget et le plan de financement sont intégrés à la fiche.\n\n"
          "Bien à vous,\n"
          "Hélène Guérin\n"
          "Responsable innovation sociale\n"
          "MEAA – 12 quai de la Fosse – 44000 Nantes\n"),
    doc_name="Réponse_AMI_Fabrique_CTO_MEAA.docx",
    title="Appel à manifestation d'intérêt La Fabrique CTO — Fiche de candidature",
    sections=[
        (None, "Structure porteuse", [
            "Mutuelle Entraide Artisans Atlantique (MEAA), mutuelle régie par le livre II du code "
            "de la mutualité, 38 000 adhérents, siège à Nantes."]),
        (None, "Intitulé du projet", [
            "Devis sans détour : le numérique administratif des artisans mis en discussion"]),
        ("contexte", "Contexte de la demande", [
            "Issu du baromètre annuel « Santé et travail des artisans » 2022 de la mutuelle, un "
            "signal nous alerte : la charge administrative numérique (devis, facturation "
            "électronique, plateformes de marchés) est désormais citée comme première source de "
            "fatigue par les chefs d'entreprise artisanale, devant les contraintes physiques.",
            "La consultation de nos délégués menée en 2021 confirmait déjà ce glissement."]),
        ("objectifs", "Objectifs", [
            "Aider les petites entreprises artisanales à choisir et organiser leurs outils "
            "numériques administratifs en discutant, au sein de l'entreprise, de qui fait quoi, "
            "quand et avec quel outil."]),
        ("problematique", "Problématique", [
            "Dans une entreprise de cinq salariés, il n'y a ni DSI ni CSE : comment faire exister "
            "un dialogue sur les outils numériques entre le chef d'entreprise, son conjoint "
            "collaborateur et les compagnons ?"]),
        ("cibles", "Publics ciblés", [
            "Les artisans du bâtiment employant moins de onze salariés adhérents de la mutuelle ; "
            "les conjoints collaborateurs qui assurent la gestion administrative ; les compagnons "
            "et apprentis à qui l'on confie de plus en plus la saisie sur tablette."]),
        ("methodologie", "Déroulé méthodologique", [
            "Nous mènerons une série de vingt entretiens dans des entreprises volontaires pour "
            "décrire le travail administratif réel. Un cabinet d'ergonomes analysera ensuite six "
            "situations types.",
            "Des soirées d'échange entre artisans, organisées dans les chambres de métiers, "
            "permettront de construire une « règle du jeu numérique » que chaque entreprise "
            "adaptera ; un simulateur de devis servira de support."]),
        ("phasage", "Phasage", [
            "Octobre – décembre 2022 : entretiens.",
            "Janvier – avril 2023 : analyse ergonomique, conception du simulateur.",
            "Mai – août 2023 : six soirées d'échange, expérimentation de la règle du jeu dans "
            "quinze entreprises.",
            "Septembre 2023 : bilan et clôture du projet."]),
        ("pilotage", "Pilotage et comitologie", [
            "Un comité de pilotage réunissant la mutuelle, la chambre de métiers, l'organisation "
            "professionnelle et le service de santé au travail se tient tous les deux mois. Les "
            "délégués de la mutuelle sont associés à chaque bilan d'étape."]),
        ("resultats", "Résultats attendus", [
            "Une règle du jeu numérique adaptable, un simulateur de devis en ligne gratuit, un "
            "retour d'expérience écrit de quinze entreprises."]),
        ("perennisation", "Pérennisation / essaimage", [
            "Les outils seront intégrés à l'offre de prévention de la mutuelle et proposés aux "
            "autres mutuelles de la fédération régionale."]),
        ("partenaires", "Partenaires et contribution attendue", [
            "Chambre de métiers et de l'artisanat des Pays de la Loire : accueil des soirées "
            "d'échange et relais vers les entreprises.",
            "CAPEB Loire-Atlantique : mobilisation des artisans.",
            "Santé Travail BTP Atlantique : participation des préventeurs aux entretiens et à "
            "l'analyse."]),
    ],
    budget_heading="Budget détaillé",
    cofin_heading="Plan de financement",
    lines=[
        ("Chargée de prévention de la mutuelle (45 jours)", PER, 15750),
        ("Responsable innovation sociale (20 jours)", PER, 9000),
        ("Déplacements sur chantiers et dans les ateliers des artisans des cinq départements "
         "ligériens", DEP, 3600),
        ("Location de salles et collations pour six soirées d'échange entre artisans dans les "
         "chambres de métiers", DEP, 1650),
        ("Accompagnement par un cabinet d'ergonomes pour l'analyse des situations de travail "
         "administratif", PRE, 12000),
        ("Développement d'un simulateur de devis en ligne par un prestataire web (sous-traitance)",
         PRE, 7500),
        ("Achat de dix tablettes durcies prêtées aux artisans pendant l'expérimentation", AUT, 4900),
    ],
    anact=42000,
    cofin=[
        ("Autofinancement de la mutuelle (fonds d'action sociale), acquis", 9400, "autofinancement"),
        ("Région Pays de la Loire – fonds régional pour l'innovation sociale, demandé", 3000,
         "demandé"),
    ],
    partners=["Chambre de métiers et de l'artisanat des Pays de la Loire", "CAPEB Loire-Atlantique",
              "Santé Travail BTP Atlantique"],
    project=dict(start="2022-10", end="2023-09", duration_months=12),
    extra_flags=[],
    committee=dict(
        applicant_kind="ess",
        applicant_kind_evidence="mutuelle régie par le livre II du code de la mutualité",
        targets=[
            "Les artisans du bâtiment employant moins de onze salariés adhérents de la mutuelle",
            "les conjoints collaborateurs qui assurent la gestion administrative",
            "les compagnons et apprentis à qui l'on confie de plus en plus la saisie sur tablette",
        ],
        studies_existing=[
            "baromètre annuel « Santé et travail des artisans » 2022",
            "La consultation de nos délégués menée en 2021",
        ],
        studies_planned=[
            "Nous mènerons une série de vingt entretiens dans des entreprises volontaires",
            "Un cabinet d'ergonomes analysera ensuite six situations types",
        ],
    ),
    judgement="Les tablettes sont un achat d'équipement, hors des trois natures éligibles : "
              "`autre` + ineligible_expense (avertissement), comptées dans le coût total. Les "
              "rubriques « Structure porteuse » et « Intitulé du projet » ne sont pas des parties "
              "de l'appel. Le budget est une liste dans une cellule, sous des intertitres de "
              "catégorie sans montant.",
))

# ------------------------------------------------------------------------- h4q-06
CASES.append(dict(
    id="h4q-06",
    case="Union régionale syndicale (URI CSTE Grand Est), proposition courte entièrement dans le "
         "corps HTML (titres h3, budget en tableau HTML), logo en ligne (cid), envoyée le 24 août ; "
         "en retard",
    applicant="Union régionale interprofessionnelle CSTE Grand Est (organisation syndicale)",
    form="Corps HTML seul (multipart/alternative + related), logo inline",
    defect="envoi tardif (24/08/2022 09:05)",
    sender=("URI CSTE Grand Est", "uri.grandest@cste-syndicat.fr"),
    subject="Fabrique CTO – proposition de l'URI CSTE Grand Est (données de conduite)",
    date=datetime(2022, 8, 24, 9, 5, 12, tzinfo=PARIS),
    message_id="<20220824070512.4c1e8a2f9b@cste-syndicat.fr>",
    mailer=("User-Agent", "Roundcube Webmail/1.5.2"),
    inline_logo="logo_uri_cste.png",
    title="Données de conduite : ce qui se négocie",
    intro=[
        "Madame, Monsieur,",
        "Nous vous adressons ci-dessous, directement dans ce message, la proposition de l'Union "
        "régionale interprofessionnelle (URI) CSTE Grand Est, structure régionale d'une "
        "organisation syndicale de salariés. Nous avons préféré un texte court ; nous pouvons le "
        "compléter à votre demande. Avec nos excuses pour cet envoi tardif, dû à la fermeture "
        "estivale de nos locaux.",
    ],
    sections=[
        ("contexte", "Pourquoi ce projet", [
            "Depuis 2021, les autocars interurbains et scolaires de la région sont équipés de "
            "boîtiers de géolocalisation et d'éco-conduite qui notent chaque conducteur. Les élus "
            "nous sollicitent de plus en plus sur l'usage de ces données, sans outil pour en "
            "discuter avec les directions."]),
        ("objectifs", "Notre but", [
            "Former et outiller les élus pour qu'ils puissent négocier les conditions d'usage des "
            "données de conduite : finalités, durée de conservation, accès des conducteurs à "
            "leurs propres données."]),
        ("problematique", "La difficulté", [
            "Les données sont présentées comme neutres et techniques ; comment les ramener dans "
            "le champ du dialogue social sans les refuser en bloc ?"]),
        ("cibles", "Les personnes concernées", [
            "Les élus de CSE des entreprises de transport routier de voyageurs du Grand Est et, à "
            "travers eux, les conducteurs d'autocars scolaires et interurbains."]),
        ("methodologie", "Comment", [
            "Quatre sessions de formation-action régionales, chacune suivie d'un accompagnement "
            "individuel de deux entreprises pour préparer une négociation ; appui d'un avocat et "
            "d'un ingénieur-conseil sur les systèmes embarqués."]),
        ("phasage", "Les étapes", [
            "Octobre – décembre 2022 : conception des modules ; janvier – avril 2023 : quatre "
            "sessions à Strasbourg, Metz, Reims et Nancy ; mai – juin 2023 : accompagnement des "
            "négociations et bilan, fin du projet le 30 juin 2023."]),
        ("pilotage", "Le pilotage", [
            "Un comité de suivi (deux représentants de l'URI, deux directeurs d'entreprises "
            "volontaires, l'Aract) se réunit après chaque session et valide le bilan final."]),
        ("resultats", "Ce que nous attendons", [
            "Une trentaine d'élus formés, huit négociations ouvertes, un guide « Données de "
            "conduite : ce qui se négocie »."]),
        ("perennisation", "Pour durer", [
            "Le module intégrera le catalogue de formation syndicale de l'URI et sera proposé aux "
            "autres unions régionales de notre confédération."]),
        ("partenaires", "Nos partenaires", [
            "L'Aract Grand Est (co-animation des sessions et bilan) et l'Institut du travail de "
            "Strasbourg (conception pédagogique des modules)."]),
    ],
    budget_heading="Budget",
    cofin_heading="Financement",
    lines=[
        ("Permanent syndical détaché sur le projet (50 jours)", PER, 12500),
        ("Secrétaire administrative de l'union (15 jours)", PER, 3000),
        ("Frais de déplacement des formateurs et des élus entre Strasbourg, Metz, Reims et Nancy",
         DEP, 4800),
        ("Location de salles et repas pour les quatre sessions de formation-action régionales",
         DEP, 3200),
        ("Intervention d'un avocat en droit social pour les modules sur l'information-consultation "
         "du CSE", PRE, 4500),
        ("Expertise technique sur les systèmes de géolocalisation embarqués par un "
         "ingénieur-conseil", PRE, 6000),
    ],
    anact=27000,
    anact_label="Demande à l'Anact",
    cofin=[
        ("Fonds propres de l'union régionale (budget formation syndicale)", 7000, "autofinancement"),
    ],
    partners=["Aract Grand Est", "Institut du travail de Strasbourg"],
    project=dict(start="2022-10", end="2023-06", duration_months=9),
    extra_flags=[],
    committee=dict(
        applicant_kind="partenaire_social",
        applicant_kind_evidence="structure régionale d'une organisation syndicale de salariés",
        targets=[
            "Les élus de CSE des entreprises de transport routier de voyageurs du Grand Est",
            "les conducteurs d'autocars scolaires et interurbains",
        ],
        studies_existing=[],
        studies_planned=[],
    ),
    judgement="Tout est dans le corps : les parties n'ont pas de fichier source (source null). "
              "Le logo est inline avec Content-ID → `skipped`, sans drapeau. Daté du 24/08 09:05 "
              "(Paris) : `late`, les autres contrôles passent. Aucune étude citée, ni passée ni "
              "prévue (« les élus nous sollicitent » n'en est pas une).",
))

# ------------------------------------------------------------------------- h4q-07
CASES.append(dict(
    id="h4q-07",
    case="Centre hospitalier support de GHT, PDF exporté par LibreOffice d'un ODT à titres "
         "lettrés dans un ordre propre + budget XLSX par établissement envoyé en "
         "application/octet-stream au nom RFC 2047 ; co-financement 15 % < 20 %",
    applicant="Centre hospitalier de Brenne (support du GHT Val de Brenne)",
    form="PDF (LibreOffice depuis ODT) + XLSX par partenaire (octet-stream)",
    defect="co-financement sous le minimum (15 %)",
    sender=("Direction des soins – CH de Brenne", "direction.soins@ch-brenne.fr"),
    subject="Candidature GHT Val de Brenne – Appel à manifestation d’intérêt Fabrique CTO",
    date=datetime(2022, 8, 22, 14, 51, 7, tzinfo=PARIS),
    message_id="<0a3e6c1f2b7d4e89a5c4b3d2e1f0a9b8@ch-brenne.fr>",
    mailer=("X-Mailer", "Microsoft Outlook 16.0"),
    body=("Madame, Monsieur,\n\n"
          "Au nom du groupement hospitalier de territoire Val de Brenne, je vous prie de trouver "
          "ci-joint notre dossier de candidature (description du projet) ainsi que le budget "
          "détaillé par établissement.\n\n"
          "Restant à votre disposition,\n\n"
          "Nathalie Fournier\n"
          "Coordonnatrice générale des soins\n"
          "Centre hospitalier de Brenne\n"),
    html_body=True,
    doc_name="GHT_ValDeBrenne_FabriqueCTO.pdf",
    budget_name="Budget par établissement.xlsx",
    title="Ajuster le dossier patient informatisé avec celles et ceux qui soignent",
    sections=[
        (None, "Le porteur du projet", [
            "Le Centre hospitalier de Brenne est un établissement public de santé de 620 lits, "
            "établissement support du groupement hospitalier de territoire (GHT) Val de Brenne, "
            "qui réunit trois établissements."]),
        ("problematique", "A. La question posée", [
            "Le dossier patient informatisé (DPI) commun au GHT a été déployé en dix-huit mois. "
            "Comment faire remonter et traiter, dans les instances de dialogue social, ce que le "
            "DPI change concrètement au travail de soin, notamment la nuit ?"]),
        ("contexte", "B. D'où nous partons", [
            "La consultation interne menée en 2021 auprès de 640 soignants sur le dossier patient "
            "informatisé a révélé un allongement du temps de saisie de 40 minutes par poste de "
            "nuit et un sentiment de perte de temps auprès des patients.",
            "Le retour d'expérience réalisé par la direction des soins en 2022 a confirmé des "
            "écarts importants entre services."]),
        ("objectifs", "C. Nos objectifs", [
            "Construire, avec les équipes et les représentants du personnel, une démarche "
            "d'ajustement continu du DPI : repérer les irritants, simuler des alternatives, "
            "décider collectivement des évolutions à demander à l'éditeur."]),
        ("cibles", "D. Les équipes concernées", [
            "Les infirmières et aides-soignantes de nuit des services de médecine des trois "
            "établissements ; les secrétaires médicales des consultations externes ; les "
            "représentants du personnel au CHSCT du GHT."]),
        ("partenaires", "E. Partenaires", [
            "Centre hospitalier de Saint-Aubin : deux services pilotes et un référent DPI.",
            "EHPAD public du Val de Brenne : une unité pilote et un référent.",
            "Aract Centre-Val de Loire : appui méthodologique, animation des ateliers de "
            "simulation."]),
        ("methodologie", "F. Méthode", [
            "Un diagnostic ergonomique de l'usage du DPI sera conduit dans six services par un "
            "cabinet spécialisé. Des ateliers de simulation, filmés avec l'accord des "
            "participants, permettront de tester des écrans et des circuits alternatifs.",
            "Les propositions seront instruites en CHSCT puis transmises à l'éditeur."]),
        ("phasage", "G. Calendrier détaillé", [
            "Novembre 2022 – février 2023 : diagnostic ergonomique.",
            "Mars – juin 2023 : ateliers de simulation dans les six services.",
            "Septembre – novembre 2023 : instruction des propositions, négociation avec "
            "l'éditeur.",
            "15 décembre 2023 : séminaire de clôture du projet."]),
        ("pilotage", "H. Gouvernance", [
            "Comité de pilotage GHT trimestriel (directions des soins et des ressources "
            "humaines, représentants du personnel, Aract) ; groupe projet mensuel animé par la "
            "cadre de santé chargée de projet."]),
        ("resultats", "I. Résultats escomptés", [
            "Une liste hiérarchisée d'évolutions du DPI validée en CHSCT, un protocole de "
            "simulation réutilisable, une baisse mesurée du temps de saisie de nuit."]),
        ("perennisation", "J. Diffusion et suite", [
            "Le protocole sera proposé aux autres GHT de la région par la fédération hospitalière "
            "régionale ; l'ajustement continu deviendra un point permanent de l'ordre du jour du "
            "CHSCT."]),
        (None, "K. Budget", [
            "Voir le fichier joint « Budget par établissement.xlsx » (dépenses par établissement "
            "et ressources)."]),
    ],
    establishments=["CH de Brenne", "CH de Saint-Aubin", "EHPAD du Val de Brenne"],
    partner_lines=[
        ("Infirmière cadre de santé chargée de projet (0,5 ETP sur 12 mois)", PER, [30000, 0, 0]),
        ("Temps des référents DPI des établissements partenaires (20 jours chacun)", PER,
         [0, 6000, 6000]),
        ("Remplacement des soignants participant aux ateliers (heures supplémentaires)", PER,
         [4000, 2000, 2000]),
        ("Navettes entre sites et frais de déplacement des participants aux ateliers", DEP,
         [1000, 800, 700]),
        ("Restauration et location de matériel pour les ateliers de simulation en salle de "
         "formation", DEP, [1500, 0, 0]),
        ("Accompagnement méthodologique par un cabinet d'ergonomie spécialisé en santé", PRE,
         [18000, 0, 0]),
        ("Captation vidéo et montage des situations de simulation (prestataire)", PRE, [6000, 0, 0]),
    ],
    anact=66300,
    anact_label="Subvention Anact demandée",
    cofin=[
        ("Autofinancement du CH de Brenne (temps de la cadre de santé chargée de projet)", 8000,
         "autofinancement"),
        ("Agence régionale de santé – crédits qualité de vie au travail (demandés)", 3700, "demandé"),
    ],
    partners=["Centre hospitalier de Saint-Aubin", "EHPAD public du Val de Brenne",
              "Aract Centre-Val de Loire"],
    project=dict(start="2022-11", end="2023-12", duration_months=14),
    extra_flags=[],
    committee=dict(
        applicant_kind="public",
        applicant_kind_evidence="établissement public de santé",
        targets=[
            "Les infirmières et aides-soignantes de nuit des services de médecine des trois établissements",
            "les secrétaires médicales des consultations externes",
            "les représentants du personnel au CHSCT du GHT",
        ],
        studies_existing=[
            "La consultation interne menée en 2021 auprès de 640 soignants sur le dossier patient informatisé",
            "Le retour d'expérience réalisé par la direction des soins en 2022",
        ],
        studies_planned=[
            "Un diagnostic ergonomique de l'usage du DPI sera conduit dans six services",
        ],
    ),
    judgement="Co-financement 11 700 / 78 000 = 15 % → cofinancing_below_minimum. Le budget se "
              "lit dans la colonne Total (colonnes par établissement). L'ARS n'apparaît que dans "
              "le budget : pas partenaire. Fin au 15/12/2023 : dans la limite. Le XLSX est en "
              "octet-stream avec nom encodé RFC 2047.",
))

# ------------------------------------------------------------------------- h4q-08
CASES.append(dict(
    id="h4q-08",
    case="Structure jamais qualifiée (en réalité une SCIC de livraison à vélo, Cyclopes), DOCX à "
         "titres stylés en mots propres + budget XLSX à deux colonnes CHARGES | PRODUITS avec "
         "comptes 86/87, K-9 Mail, Date en +0000 à 23:47 heure de Paris ; complet",
    applicant="Cyclopes (SCIC de livraison à vélo — jamais dit dans les documents)",
    form="DOCX stylé + XLSX charges/produits (86/87)",
    defect="aucun (envoi 23:47 heure de Paris, Date en UTC)",
    sender=("Sarah Bensaïd", "coordination@cyclopes-roubaix.fr"),
    subject="Fabrique CTO – dossier Cyclopes (dispatch lisible)",
    date=datetime(2022, 8, 23, 21, 47, 13, tzinfo=timezone.utc),
    message_id="<f3b2a1c0-9d8e-4f7a-b6c5-d4e3f2a1b0c9@cyclopes-roubaix.fr>",
    mailer=("User-Agent", "K-9 Mail for Android"),
    body=("Bonsoir,\n\n"
          "Voici notre dossier pour l'appel à manifestation d'intérêt : la description du projet "
          "« Dispatch lisible » et le budget prévisionnel. Merci de nous confirmer la bonne "
          "réception.\n\n"
          "Sarah Bensaïd, coordinatrice\n"
          "Cyclopes – 27 rue de l'Épeule – 59100 Roubaix\n"),
    doc_name="Cyclopes_Dispatch-lisible_projet.docx",
    budget_name="Cyclopes_budget_previsionnel.xlsx",
    title="Dispatch lisible — des règles d'attribution des courses discutées par ceux qui roulent",
    sections=[
        ("contexte", "Ce qui se passe sur le terrain", [
            "Dans la métropole lilloise, la livraison à vélo s'organise de plus en plus par des "
            "applications de dispatch qui attribuent les courses en temps réel. Les livreurs ne "
            "savent ni pourquoi une course leur est attribuée, ni comment leur temps d'attente "
            "est compté.",
            "Chez Cyclopes, nous utilisons nous-mêmes un outil de ce type depuis 2021 et nous "
            "voyons ses effets sur la fatigue et sur les relations entre livreurs et "
            "dispatcheurs."]),
        ("objectifs", "Ce que nous voulons changer", [
            "Co-concevoir avec les livreurs et les dispatcheurs des règles d'attribution des "
            "courses lisibles et discutées ; intégrer ces règles dans l'application ; créer un "
            "rendez-vous mensuel de révision des règles."]),
        ("problematique", "La question de fond", [
            "Peut-on rendre un algorithme d'attribution des courses discutable par ceux qu'il "
            "organise, dans des structures de quinze à quarante personnes où personne n'est "
            "informaticien ?"]),
        ("cibles", "Avec qui, pour qui", [
            "Les livreurs à vélo salariés des entreprises de logistique urbaine de la métropole "
            "lilloise, les dispatcheurs qui attribuent les courses et les commerçants clients qui "
            "fixent les créneaux."]),
        ("methodologie", "Notre démarche", [
            "Une enquête par questionnaire auprès des livreurs sera menée au premier trimestre "
            "2023 dans cinq structures de livraison. Un ergonome consultant analysera une "
            "vingtaine de tournées.",
            "Des ateliers de co-conception réuniront livreurs, dispatcheurs et un studio UX pour "
            "redessiner l'interface et les règles d'attribution."]),
        ("phasage", "Le déroulé dans le temps", [
            "Octobre – décembre 2022 : constitution du groupe de livreurs et préparation des "
            "ateliers.",
            "Janvier – mars 2023 : enquête et analyse des tournées.",
            "Avril – juillet 2023 : ateliers de co-conception et développement.",
            "Août – septembre 2023 : mise en service des nouvelles règles, bilan le 29 septembre "
            "2023."]),
        ("pilotage", "Qui décide", [
            "Un comité de pilotage de sept personnes (trois livreurs élus par leurs collègues, "
            "deux dispatcheurs, la coordinatrice du projet, un représentant de l'Aract) se réunit "
            "toutes les six semaines. Les décisions sur les règles d'attribution sont prises au "
            "consentement."]),
        ("resultats", "Ce qui restera", [
            "Une application de dispatch dont les règles sont affichées et révisables ; une charte "
            "des règles d'attribution ; un rendez-vous mensuel de révision installé dans cinq "
            "structures."]),
        ("perennisation", "Pour aller plus loin", [
            "Le code des nouvelles fonctions sera publié sous licence libre et proposé aux autres "
            "structures de livraison à vélo du réseau national ; la charte sera diffusée par "
            "l'Aract."]),
        ("partenaires", "Nos appuis", [
            "Ville de Roubaix, direction du développement économique : mise à disposition de la "
            "salle du conseil pour les ateliers.",
            "Aract Hauts-de-France : accompagnement du comité de pilotage et capitalisation.",
            "Université de Lille, master d'ergonomie : participation d'étudiants à l'analyse des "
            "tournées."]),
    ],
    # two-sided budget: (account, label, category, amount)
    charges=[
        ("604", "Conception de l'interface de l'application par un studio UX (prestataire)", PRE, 9000),
        ("622", "Honoraires d'un ergonome consultant pour l'analyse des tournées", PRE, 6000),
        ("613", "Location de la salle du tiers-lieu pour les ateliers de co-conception du dispatch",
         DEP, 1800),
        ("625", "Déplacements entre Roubaix, Lille et Tourcoing pour les observations", DEP, 1200),
        ("641", "Rémunération de la coordinatrice du projet (0,4 ETP sur 12 mois)", PER, 14400),
        ("645", "Charges sociales de la coordinatrice", PER, 6200),
        ("641", "Temps de livreurs détachés en atelier (120 heures rémunérées)", PER, 2400),
        ("861", "Mise à disposition gratuite de la salle du conseil et de son équipement par la "
                "mairie de Roubaix", DEP, 1200),
        ("864", "Bénévolat des livreurs pour la relecture des maquettes (60 heures valorisées)",
         PER, 900),
    ],
    anact=33000,
    anact_label="Anact – AMI La Fabrique CTO",
    produits=[  # (account, label, amount, nature)  (Anact line added separately)
        ("74", "Métropole européenne de Lille – appel à projets économie de proximité (demandé)",
         5000, "demandé"),
        ("75", "Fonds propres issus des recettes de livraison", 3000, "autofinancement"),
        ("870", "Mise à disposition gratuite de la salle du conseil et de son équipement par la "
                "mairie de Roubaix", 1200, "en nature"),
        ("875", "Bénévolat des livreurs (60 heures valorisées)", 900, "en nature"),
    ],
    partners=["Ville de Roubaix", "Aract Hauts-de-France", "Université de Lille"],
    project=dict(start="2022-10", end="2023-09", duration_months=12),
    extra_flags=[],
    committee=dict(
        applicant_kind="inconnu",
        applicant_kind_evidence=None,
        targets=[
            "Les livreurs à vélo salariés des entreprises de logistique urbaine de la métropole lilloise",
            "les dispatcheurs qui attribuent les courses",
            "les commerçants clients qui fixent les créneaux",
        ],
        studies_existing=[],
        studies_planned=[
            "Une enquête par questionnaire auprès des livreurs sera menée au premier trimestre 2023",
            "Un ergonome consultant analysera une vingtaine de tournées",
        ],
    ),
    judgement="Aucun document ne dit ce qu'est Cyclopes (SCIC dans la réalité) → inconnu. "
              "Date: 21:47 +0000 = 23:47 à Paris le 23/08 : à l'heure. Budget CHARGES | "
              "PRODUITS : les contributions en nature (861/864 ↔ 870/875) comptent des deux "
              "côtés ; salle mise à disposition → logistique, bénévolat → personnel. « Chez "
              "Cyclopes, nous utilisons… depuis 2021 » n'est pas une étude.",
))


# =============================================================================== BUDGET

def budget_of(c: dict) -> dict:
    """Expense lines [(label, cat, amount)], cofin sources, totals, for any layout."""
    if "lines" in c:
        lines = list(c["lines"])
    elif "phase_lines" in c:
        lines = [(lab, cat, sum(v)) for lab, cat, v in c["phase_lines"]]
    elif "partner_lines" in c:
        lines = [(lab, cat, sum(v)) for lab, cat, v in c["partner_lines"]]
    else:
        lines = [(lab, cat, amt) for _, lab, cat, amt in c["charges"]]
    if "produits" in c:
        cofin = [(lab, amt, nat) for _, lab, amt, nat in c["produits"]]
    else:
        cofin = list(c["cofin"])
    totals = {k: 0.0 for k in (PER, DEP, PRE, AUT)}
    for _, cat, amt in lines:
        totals[cat] += amt
    total = sum(totals.values())
    cof = sum(a for _, a, _ in cofin)
    assert abs(cof + c["anact"] - total) < 0.5, (c["id"], total, cof, c["anact"])
    return dict(lines=lines, cofin=cofin, totals=totals, total_cost=float(total),
                anact_request=float(c["anact"]), cofin_amount=float(cof),
                share=round(cof / total, 4))


# =============================================================================== DOCUMENTS

def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)])
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), out
    return out


def pdf_fpdf_case01(c: dict, b: dict) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(c["title"])
    pdf.set_author("Laboratoire TACT")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, c["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 6, "Réponse à l'appel à manifestation d'intérêt « Développer le dialogue "
                         "social technologique au travail » — La Fabrique CTO, août 2022",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for _sid, heading, paras in c["sections"]:
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        for p in paras:
            pdf.multi_cell(0, 5.2, p, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        pdf.ln(2.5)
    # budget: start low on the page so that the table runs over a page break
    pdf.set_font("DejaVu", "B", 12)
    room = pdf.h - pdf.b_margin - pdf.get_y()
    if room > 75:
        pdf.ln(room - 70)
    elif room < 40:
        pdf.add_page()
        pdf.ln(pdf.h - pdf.b_margin - pdf.get_y() - 70)
    pdf.multi_cell(0, 7, c["budget_heading"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, "L'unité n'est pas assujettie à la TVA pour ce projet : les montants "
                         "ci-dessous sont nets de taxe.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    cat_titles = {PER: "Dépenses de personnel", DEP: "Frais de déplacement et de logistique",
                  PRE: "Achats de prestations"}
    with pdf.table(col_widths=(140, 40), text_align=("LEFT", "RIGHT"), line_height=5.5,
                   repeat_headings=1) as t:
        r = t.row()
        pdf.set_font("DejaVu", "B", 9)
        r.cell("Poste de dépense")
        r.cell("Montant (€)")
        pdf.set_font("DejaVu", "", 9)
        for cat in (PER, DEP, PRE):
            r = t.row()
            r.cell(cat_titles[cat], colspan=2)
            for lab, lc, amt in b["lines"]:
                if lc == cat:
                    r = t.row()
                    r.cell("    " + lab)
                    r.cell(num(amt))
            r = t.row()
            r.cell(f"Sous-total {cat_titles[cat].lower()}")
            r.cell(num(b["totals"][cat]))
        r = t.row()
        r.cell("TOTAL DES DÉPENSES")
        r.cell(num(b["total_cost"]))
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 7, "Plan de financement", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(140, 40), text_align=("LEFT", "RIGHT"), line_height=5.5) as t:
        r = t.row()
        r.cell("Ressource")
        r.cell("Montant (€)")
        r = t.row()
        r.cell(c["anact_label"])
        r.cell(num(c["anact"]))
        for lab, amt, _ in b["cofin"]:
            r = t.row()
            r.cell(lab)
            r.cell(num(amt))
        r = t.row()
        r.cell("TOTAL DES RESSOURCES")
        r.cell(num(b["total_cost"]))
    return bytes(pdf.output())


def scanned_letters_pdf() -> bytes:
    """A PDF made only of page images (no text layer): the scanned support letters."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    letters = [
        ("Aract Auvergne-Rhône-Alpes", "Lyon, le 8 août 2022",
         ["Objet : soutien au projet MÉDIA-LOG", "",
          "Madame la responsable scientifique,", "",
          "L'Aract Auvergne-Rhône-Alpes confirme son engagement à co-animer",
          "les ateliers du projet et à en diffuser les résultats auprès",
          "des PME de la logistique de la région.", "",
          "Le directeur"]),
        ("Vocalia Systems", "Meylan, le 10 août 2022",
         ["Objet : lettre d'engagement", "",
          "Vocalia Systems mettra à disposition du laboratoire TACT un",
          "environnement de test de sa solution de commande vocale et",
          "participera aux revues de paramétrage.", "",
          "La présidente"]),
    ]
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), 30)
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif-Bold.ttf"), 38)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    tmp = Path(tempfile.mkdtemp(prefix="h4q-scan-"))
    for i, (org, date, lines) in enumerate(letters):
        img = Image.new("L", (1240, 1754), 250)
        d = ImageDraw.Draw(img)
        d.text((110, 120), org, font=bold, fill=30)
        d.text((760, 260), date, font=font, fill=40)
        y = 420
        for ln in lines:
            d.text((110, y), ln, font=font, fill=35)
            y += 48
        img = img.rotate(0.6, fillcolor=250).filter(ImageFilter.GaussianBlur(0.6))
        p = tmp / f"scan{i}.jpg"
        img.convert("RGB").save(p, quality=70)
        pdf.add_page()
        pdf.image(str(p), x=0, y=0, w=210, h=297)
    shutil.rmtree(tmp)
    return bytes(pdf.output())


def odt_doc(c: dict, path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    doc = OpenDocumentText()
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title.addElement(ParagraphProperties(marginbottom="0.4cm"))
    h1 = Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1")
    h1.addElement(TextProperties(fontsize="14pt", fontweight="bold", color="#1f4e79"))
    h1.addElement(ParagraphProperties(margintop="0.5cm", marginbottom="0.2cm"))
    body = Style(name="Text body", family="paragraph")
    body.addElement(TextProperties(fontsize="11pt"))
    body.addElement(ParagraphProperties(marginbottom="0.25cm"))
    for s in (title, h1, body):
        doc.styles.addElement(s)
    doc.text.addElement(P(stylename=title, text=c["title"]))
    for _sid, heading, paras in c["sections"]:
        doc.text.addElement(H(outlinelevel=1, stylename=h1, text=heading))
        for p in paras:
            doc.text.addElement(P(stylename=body, text=p))
    doc.save(str(path))


def docx_bold_lines(c: dict, b: dict, path: Path) -> None:
    """Case 03: headings are plain Normal paragraphs in bold, budget table HT/TTC, cofin list."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    p = d.add_paragraph()
    r = p.add_run(c["title"])
    r.bold = True
    r.font.size = Pt(16)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("Réponse à l'AMI « Développer le dialogue social technologique au travail » – "
                    "La Fabrique CTO")

    def bold_line(text: str) -> None:
        q = d.add_paragraph()
        q.paragraph_format.space_before = Pt(12)
        rr = q.add_run(text)
        rr.bold = True
        rr.font.size = Pt(12)

    for _sid, heading, paras in c["sections"]:
        bold_line(heading)
        for para in paras:
            d.add_paragraph(para)
    bold_line(c["budget_heading"])
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    hdr[0].text, hdr[1].text, hdr[2].text = "Poste de dépense", "Montant HT", "Montant TTC"
    for lab, _cat, amt in b["lines"]:
        row = t.add_row().cells
        row[0].text, row[1].text, row[2].text = lab, eur(amt), eur(amt * 1.2)
    row = t.add_row().cells
    row[0].text, row[1].text, row[2].text = ("Coût total du projet", eur(b["total_cost"]),
                                             eur(b["total_cost"] * 1.2))
    for cell in row:
        for rr in cell.paragraphs[0].runs:
            rr.bold = True
    d.add_paragraph("")
    d.add_paragraph(f"Montant sollicité auprès de l'Anact : {eur(c['anact'])} HT.")
    d.add_paragraph("Co-financements envisagés ou acquis :")
    for lab, amt, _ in b["cofin"]:
        d.add_paragraph(f"{lab} : {eur(amt)}", style="List Bullet")
    d.save(str(path))


def docx_styled(c: dict, path: Path, heading_level: int = 1) -> None:
    import docx

    d = docx.Document()
    d.add_heading(c["title"], level=0)
    for _sid, heading, paras in c["sections"]:
        d.add_heading(heading, level=heading_level)
        for para in paras:
            d.add_paragraph(para)
    d.save(str(path))


def docx_form(c: dict, b: dict, path: Path) -> None:
    """Case 05: a two-column form table, budget and financing in cells."""
    import docx
    from docx.shared import Cm, Pt

    d = docx.Document()
    d.styles["Normal"].font.size = Pt(10)
    d.add_heading(c["title"], level=1)
    d.add_paragraph("Merci de compléter chaque rubrique. Une seule fiche par projet.")
    t = d.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text = "Rubrique"
    t.rows[0].cells[1].text = "Réponse"
    for cell in t.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True

    def add_row(label: str, paras: list[str]) -> None:
        row = t.add_row().cells
        row[0].text = label
        row[1].text = paras[0]
        for para in paras[1:]:
            row[1].add_paragraph(para)

    for _sid, heading, paras in c["sections"]:
        add_row(heading, paras)
    cat_titles = {PER: "Dépenses de personnel :", DEP: "Frais de déplacement et logistique :",
                  PRE: "Achats de prestations :", AUT: "Autres dépenses :"}
    bud = []
    for cat in (PER, DEP, PRE, AUT):
        bud.append(cat_titles[cat])
        for lab, lc, amt in b["lines"]:
            if lc == cat:
                bud.append(f"{lab} : {eur(amt)}")
    bud.append(f"Coût total du projet : {eur(b['total_cost'])}")
    add_row(c["budget_heading"], bud)
    fin = [f"Montant demandé à l'Anact : {eur(c['anact'])}", "Co-financements envisagés ou acquis :"]
    fin += [f"{lab} : {eur(amt)}" for lab, amt, _ in b["cofin"]]
    add_row(c["cofin_heading"], fin)
    t.autofit = False
    for col, w in zip(t.columns, (Cm(4.5), Cm(12))):
        col.width = w
        for cell in col.cells:
            cell.width = w
    d.save(str(path))


def xlsx_by_phase(c: dict, b: dict, path: Path, tmpdir: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dépenses par phase"
    ws.append(["Projet « Planifier ensemble » – budget prévisionnel par phase (€, net de taxe)"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Poste", "Phase 1 (oct.–déc. 2022)", "Phase 2 (janv.–juin 2023)",
               "Phase 3 (juil.–oct. 2023)", "Total"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    first = 4
    for i, (lab, _cat, vals) in enumerate(c["phase_lines"]):
        r = first + i
        ws.append([lab, *vals, f"=SUM(B{r}:D{r})"])
    last = first + len(c["phase_lines"]) - 1
    tr = last + 1
    ws.append(["Total des dépenses", f"=SUM(B{first}:B{last})", f"=SUM(C{first}:C{last})",
               f"=SUM(D{first}:D{last})", f"=SUM(E{first}:E{last})"])
    for cell in ws[tr]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 82
    for col in "BCDE":
        ws.column_dimensions[col].width = 16
    ws2 = wb.create_sheet("Plan de financement")
    ws2.append(["Ressources", "Montant (€)", "Statut"])
    for cell in ws2[1]:
        cell.font = Font(bold=True)
    ws2.append([c["anact_label"], c["anact"], "sollicité"])
    for lab, amt, nat in b["cofin"]:
        ws2.append([lab, amt, nat])
    n = 2 + len(b["cofin"])
    ws2.append(["Total des ressources", f"=SUM(B2:B{n})", ""])
    ws2.column_dimensions["A"].width = 75
    ws2.column_dimensions["B"].width = 14
    raw = tmpdir / "raw" / path.name
    raw.parent.mkdir(exist_ok=True)
    wb.save(str(raw))
    out = soffice_convert(raw, "xlsx", tmpdir)  # real export: formulas get cached values
    shutil.move(str(out), str(path))


def xlsx_simple(c: dict, b: dict, path: Path) -> None:
    """Case 04: one sheet, nature column, financing block under the expenses."""
    import openpyxl
    from openpyxl.styles import Font

    nature = {PER: "Personnel", DEP: "Déplacements / logistique", PRE: "Prestations"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Institut Arcane – Projet « Paramétrage partagé » – Budget prévisionnel"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["Poste", "Nature", "Montant HT (€)"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for lab, cat, amt in b["lines"]:
        ws.append([lab, nature[cat], amt])
    ws.append(["Total des dépenses", "", b["total_cost"]])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append([])
    ws.append(["Financement", "", "Montant (€)"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append([c["anact_label"], "", c["anact"]])
    for lab, amt, _ in b["cofin"]:
        ws.append([lab, "", amt])
    ws.append(["Total des ressources", "", b["total_cost"]])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 88
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 16
    wb.save(str(path))


def xlsx_by_partner(c: dict, b: dict, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font

    catname = {PER: "Personnel", DEP: "Déplacements et logistique", PRE: "Prestations"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget GHT"
    ws.append(["Poste de dépense", "Catégorie", *c["establishments"], "Total"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for lab, cat, vals in c["partner_lines"]:
        ws.append([lab, catname[cat], *vals, sum(vals)])
    cols = [sum(v[i] for _, _, v in c["partner_lines"]) for i in range(len(c["establishments"]))]
    ws.append(["TOTAL DÉPENSES", "", *cols, b["total_cost"]])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append([])
    ws.append(["RESSOURCES", "", "", "", "", "Montant"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.append([c["anact_label"], "", "", "", "", c["anact"]])
    for lab, amt, _ in b["cofin"]:
        ws.append([lab, "", "", "", "", amt])
    ws.append(["TOTAL RESSOURCES", "", "", "", "", b["total_cost"]])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 80
    ws.column_dimensions["B"].width = 26
    for col in "CDEF":
        ws.column_dimensions[col].width = 18
    wb.save(str(path))


def xlsx_two_sided(c: dict, b: dict, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws.append(["BUDGET PRÉVISIONNEL DU PROJET « DISPATCH LISIBLE » (octobre 2022 – septembre 2023)"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["CHARGES", "", "", "", "PRODUITS", "", ""])
    ws.append(["Compte", "Libellé", "Montant (€)", "", "Compte", "Libellé", "Montant (€)"])
    for rr in (3, 4):
        for cell in ws[rr]:
            cell.font = Font(bold=True)
    prods = [("74", c["anact_label"], c["anact"])] + [(a, lab, amt) for a, lab, amt, _ in c["produits"]]
    n = max(len(c["charges"]), len(prods))
    for i in range(n):
        left = list(c["charges"][i][:2]) + [c["charges"][i][3]] if i < len(c["charges"]) else ["", "", ""]
        right = list(prods[i]) if i < len(prods) else ["", "", ""]
        ws.append([*left, "", *right])
    ws.append(["", "TOTAL DES CHARGES", b["total_cost"], "", "", "TOTAL DES PRODUITS",
               c["anact"] + b["cofin_amount"]])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["B"].width = 84
    ws.column_dimensions["F"].width = 78
    ws.column_dimensions["C"].width = 13
    ws.column_dimensions["G"].width = 13
    wb.save(str(path))


def html_case06(c: dict, b: dict, cid: str) -> tuple[str, str]:
    from html import escape

    h = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>',
         '<body style="font-family: Arial, sans-serif; font-size: 10pt">',
         f'<p><img src="cid:{cid}" alt="URI CSTE Grand Est" width="160"></p>']
    t = []
    for p in c["intro"]:
        h.append(f"<p>{escape(p)}</p>")
        t.append(p + "\n")
    h.append(f"<h2>{escape(c['title'])}</h2>")
    t.append(c["title"].upper() + "\n")
    for _sid, heading, paras in c["sections"]:
        h.append(f"<h3>{escape(heading)}</h3>")
        t.append(f"\n{heading}\n")
        for p in paras:
            h.append(f"<p>{escape(p)}</p>")
            t.append(p + "\n")
    h.append(f"<h3>{escape(c['budget_heading'])}</h3>")
    t.append(f"\n{c['budget_heading']}\n")
    h.append('<table border="1" cellpadding="4" style="border-collapse: collapse">')
    h.append("<tr><th>Poste</th><th>Montant (€)</th></tr>")
    for lab, _cat, amt in b["lines"]:
        h.append(f'<tr><td>{escape(lab)}</td><td align="right">{num(amt)}</td></tr>')
        t.append(f"- {lab} : {eur(amt)}\n")
    h.append(f'<tr><td><b>Coût total</b></td><td align="right"><b>{num(b["total_cost"])}</b></td></tr>')
    t.append(f"Coût total : {eur(b['total_cost'])}\n")
    h.append("</table>")
    h.append(f"<h3>{escape(c['cofin_heading'])}</h3>")
    t.append(f"\n{c['cofin_heading']}\n")
    h.append('<table border="1" cellpadding="4" style="border-collapse: collapse">')
    h.append(f'<tr><td>{escape(c["anact_label"])}</td><td align="right">{num(c["anact"])}</td></tr>')
    t.append(f"- {c['anact_label']} : {eur(c['anact'])}\n")
    for lab, amt, _ in b["cofin"]:
        h.append(f'<tr><td>{escape(lab)}</td><td align="right">{num(amt)}</td></tr>')
        t.append(f"- {lab} : {eur(amt)}\n")
    h.append("</table>")
    sig = ["Pour le bureau de l'URI,", "Marc Schaller, secrétaire général adjoint",
           "URI CSTE Grand Est – 4 rue de la Nuée-Bleue – 67000 Strasbourg"]
    h.append("<p>" + "<br>".join(escape(s) for s in sig) + "</p></body></html>")
    t.append("\n" + "\n".join(sig) + "\n")
    return "".join(t), "\n".join(h)


def logo_png() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (320, 90), (180, 20, 40))
    d = ImageDraw.Draw(img)
    d.text((18, 22), "URI CSTE", font=ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), 34),
           fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


# =============================================================================== EMAIL

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
ODT = ("application", "vnd.oasis.opendocument.text")
PDF = ("application", "pdf")
ZIP = ("application", "zip")


def base_message(c: dict) -> EmailMessage:
    m = EmailMessage(policy=policy.SMTP)
    name, addr = c["sender"]
    m["From"] = f"{name} <{addr}>"
    m["To"] = TO
    m["Subject"] = c["subject"]
    m["Date"] = format_datetime(c["date"])
    m["Message-ID"] = c["message_id"]
    if c.get("mailer"):
        m[c["mailer"][0]] = c["mailer"][1]
    m["Content-Language"] = "fr"
    return m


def text_to_html(text: str) -> str:
    from html import escape

    paras = text.strip().split("\n\n")
    return ("<html><head><meta charset=\"utf-8\"></head><body>"
            + "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paras)
            + "</body></html>")


def build_email(c: dict, atts: list[tuple[str, bytes, tuple[str, str]]]) -> bytes:
    m = base_message(c)
    m.set_content(c["body"])
    if c.get("html_body"):
        m.add_alternative(text_to_html(c["body"]), subtype="html")
    for fname, data, (maint, subt) in atts:
        m.add_attachment(data, maintype=maint, subtype=subt, filename=fname)
    return m.as_bytes()


# =============================================================================== LABELS

def body_start(paras: list[str], n: int = 6) -> str:
    return " ".join(paras[0].split()[:n])


def expected(c: dict, b: dict, section_source: str | None, attachments: list[dict]) -> dict:
    secs = {}
    by_id = {sid: (h, p) for sid, h, p in c["sections"] if sid}
    for sid in ("contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
                "pilotage", "resultats", "perennisation", "partenaires"):
        if sid in by_id:
            h, p = by_id[sid]
            secs[sid] = dict(present=True, source=section_source, heading=h,
                             body_start=body_start(p))
        else:
            secs[sid] = dict(present=False)
    flags = []
    late = c["date"] > DEADLINE
    if late:
        flags.append(dict(code="late_submission", target="", severity="blocking"))
    if b["anact_request"] > CAP:
        flags.append(dict(code="anact_request_over_cap", target="", severity="blocking"))
    if b["cofin_amount"] / b["total_cost"] < MIN_SHARE - 1e-12:
        flags.append(dict(code="cofinancing_below_minimum", target="", severity="blocking"))
    for lab, cat, _ in b["lines"]:
        if cat == AUT:
            flags.append(dict(code="ineligible_expense", target=lab, severity="warning"))
    flags += c["extra_flags"]
    blocking = any(f["severity"] == "blocking" for f in flags)
    unread = any(a["status"] in ("scanned", "encrypted", "unreadable") for a in attachments)
    if late:
        decision = "late"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"
    return dict(
        case=c["case"],
        decision=decision,
        flags=flags,
        sections=secs,
        budget=dict(
            total_cost=b["total_cost"],
            anact_request=b["anact_request"],
            totals={k: float(v) for k, v in b["totals"].items()},
            cofinancing=dict(amount=b["cofin_amount"], share=b["share"]),
        ),
        partners=[dict(name=p) for p in c["partners"]],
        attachments=attachments,
        message=dict(
            message_id=c["message_id"],
            **{"from": c["sender"][1]},
            subject=c["subject"],
            date=c["date"].isoformat(),
        ),
        project=c["project"],
        committee=c["committee"],
    )


def all_text(c: dict, b: dict) -> str:
    parts = [c.get("title", ""), c.get("body", "")] + c.get("intro", [])
    for _sid, h, ps in c["sections"]:
        parts.append(h)
        parts += ps
    parts += [lab for lab, _, _ in b["lines"]] + [lab for lab, _, _ in b["cofin"]]
    return " ".join(" ".join(parts).split())


def check_committee(c: dict, b: dict) -> None:
    text = all_text(c, b)
    com = c["committee"]
    phrases = list(com["targets"]) + com["studies_existing"] + com["studies_planned"]
    if com["applicant_kind_evidence"]:
        phrases.append(com["applicant_kind_evidence"])
    for p in phrases:
        assert " ".join(p.split()) in text, (c["id"], p)
    cible = " ".join(" ".join(dict((s, p) for s, _, p in c["sections"] if s)["cibles"]).split())
    for p in com["targets"]:
        assert p in cible, (c["id"], "target not in cibles", p)
    if com["applicant_kind"] == "inconnu":
        low = text.lower()
        for w in ("coopérative", "scic", "scop", "association", "entreprise ", "société",
                  "sarl", " sas", "mutuelle", "syndicat", "laboratoire", "think tank", "cabinet "):
            if w in ("entreprise ", "cabinet ") and w in low:
                # allowed only when not about the applicant (checked by hand below)
                continue
            assert w not in low, (c["id"], w)


# =============================================================================== MAIN

def build_case(c: dict, tmp: Path) -> tuple[bytes, dict]:
    b = budget_of(c)
    check_committee(c, b)
    cid = c["id"]
    if cid == "h4q-01":
        main = pdf_fpdf_case01(c, b)
        annex = scanned_letters_pdf()
        atts = [(c["doc_name"], main, PDF), (c["annex_name"], annex, PDF)]
        eml = build_email(c, atts)
        lab_atts = [dict(filename=c["doc_name"], status="parsed"),
                    dict(filename=c["annex_name"], status="scanned")]
        src = c["doc_name"]
    elif cid == "h4q-02":
        odt = tmp / c["doc_name"]
        odt_doc(c, odt)
        xl = tmp / c["budget_name"]
        xlsx_by_phase(c, b, xl, tmp)
        eml = build_email(c, [(c["doc_name"], odt.read_bytes(), ODT),
                              (c["budget_name"], xl.read_bytes(), XLSX)])
        lab_atts = [dict(filename=c["doc_name"], status="parsed"),
                    dict(filename=c["budget_name"], status="parsed")]
        src = c["doc_name"]
    elif cid == "h4q-03":
        p = tmp / c["doc_name"]
        docx_bold_lines(c, b, p)
        eml = build_email(c, [(c["doc_name"], p.read_bytes(), DOCX)])
        lab_atts = [dict(filename=c["doc_name"], status="parsed")]
        src = c["doc_name"]
    elif cid == "h4q-04":
        dx = tmp / "1_Description_projet_Arcane.docx"
        docx_styled(c, dx)
        pdf = soffice_convert(dx, "pdf", tmp)
        xl = tmp / c["budget_name"]
        xlsx_simple(c, b, xl)
        zbuf = io.BytesIO()
        with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(zipfile.ZipInfo(c["doc_name"], (2022, 8, 23, 10, 58, 2)), pdf.read_bytes())
            z.writestr(zipfile.ZipInfo(c["budget_name"], (2022, 8, 23, 11, 2, 40)), xl.read_bytes())
        eml = build_email(c, [(c["zip_name"], zbuf.getvalue(), ZIP)])
        lab_atts = [dict(filename=c["doc_name"], status="parsed"),
                    dict(filename=c["budget_name"], status="parsed")]
        src = c["doc_name"]
    elif cid == "h4q-05":
        p = tmp / "form.docx"
        docx_form(c, b, p)
        eml = build_email(c, [(c["doc_name"], p.read_bytes(), DOCX)])
        lab_atts = [dict(filename=c["doc_name"], status="parsed")]
        src = c["doc_name"]
    elif cid == "h4q-06":
        logo_cid = "logo.uri.cste.20220824@cste-syndicat.fr"
        text, html = html_case06(c, b, logo_cid)
        m = base_message(c)
        m.set_content(text)
        m.add_alternative(html, subtype="html")
        html_part = m.get_payload()[1]
        html_part.add_related(logo_png(), maintype="image", subtype="png",
                              cid=f"<{logo_cid}>", filename=c["inline_logo"],
                              disposition="inline")
        eml = m.as_bytes()
        lab_atts = [dict(filename=c["inline_logo"], status="skipped")]
        src = None
    elif cid == "h4q-07":
        odt = tmp / "GHT_ValDeBrenne_FabriqueCTO.odt"
        odt_doc(c, odt)
        pdf = soffice_convert(odt, "pdf", tmp)
        xl = tmp / "budget07.xlsx"
        xlsx_by_partner(c, b, xl)
        m = base_message(c)
        m.set_content(c["body"])
        m.add_alternative(text_to_html(c["body"]), subtype="html")
        m.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                         filename=c["doc_name"])
        m.add_attachment(xl.read_bytes(), maintype="application", subtype="octet-stream",
                         filename="budget.xlsx")
        # Outlook-style RFC 2047 encoded-word inside the quoted parameters (written raw:
        # the email package would re-encode it as RFC 2231)
        enc = "=?utf-8?B?QnVkZ2V0IHBhciDDqXRhYmxpc3NlbWVudC54bHN4?="
        raw = m.as_bytes()
        old_ct = b"Content-Type: application/octet-stream\r\n"
        old_cd = b'Content-Disposition: attachment; filename="budget.xlsx"\r\n'
        assert raw.count(old_ct) == 1 and raw.count(old_cd) == 1
        raw = raw.replace(old_ct, f'Content-Type: application/octet-stream;\r\n\tname="{enc}"\r\n'.encode())
        raw = raw.replace(old_cd, f'Content-Disposition: attachment;\r\n\tfilename="{enc}"\r\n'.encode())
        eml = raw
        lab_atts = [dict(filename=c["doc_name"], status="parsed"),
                    dict(filename=c["budget_name"], status="parsed")]
        src = c["doc_name"]
    elif cid == "h4q-08":
        dx = tmp / c["doc_name"]
        docx_styled(c, dx, heading_level=2)
        xl = tmp / c["budget_name"]
        xlsx_two_sided(c, b, xl)
        eml = build_email(c, [(c["doc_name"], dx.read_bytes(), DOCX),
                              (c["budget_name"], xl.read_bytes(), XLSX)])
        lab_atts = [dict(filename=c["doc_name"], status="parsed"),
                    dict(filename=c["budget_name"], status="parsed")]
        src = c["doc_name"]
    else:
        raise KeyError(cid)
    return eml, expected(c, b, src, lab_atts)


README_HEAD = """# Holdout 4 — lot q (h4q-01 … h4q-08)

Blind corpus of French proposals to the AMI « Développer le dialogue social technologique au
travail » (La Fabrique CTO), written without reading the service. Built by `gen_q.py` (documents,
emails and labels come from the same Python data). Deadline 23/08/2022 23:59:59 Paris; cap
80 000 €; co-financing ≥ 20 %; end ≤ 30/12/2023. Each `.expected.json` follows
`tests/corpus/score.py` (plus `project` and an extra `committee` key).

| id | applicant | form | files | defect | decision |
| --- | --- | --- | --- | --- | --- |
"""


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="h4q-"))
    rows = []
    notes = []
    try:
        for c in CASES:
            ctmp = tmp / c["id"]
            ctmp.mkdir()
            eml, exp = build_case(c, ctmp)
            (HERE / f"{c['id']}.eml").write_bytes(eml)
            (HERE / f"{c['id']}.expected.json").write_text(
                json.dumps(exp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            files = ", ".join(a["filename"] + ("" if a["status"] == "parsed" else f" ({a['status']})")
                              for a in exp["attachments"])
            if c["id"] == "h4q-04":
                files = f"{c['zip_name']} ⊃ {files}"
            if c["id"] == "h4q-06":
                files = "corps HTML ; " + files
            rows.append(f"| {c['id']} | {c['applicant']} | {c['form']} | {files} | {c['defect']} "
                        f"| {exp['decision']} |")
            bud = exp["budget"]
            notes.append(
                f"- **{c['id']}** — kind `{c['committee']['applicant_kind']}`; total "
                f"{num(bud['total_cost'])} €, Anact {num(bud['anact_request'])} €, co-financement "
                f"{num(bud['cofinancing']['amount'])} € ({bud['cofinancing']['share']:.2%}); "
                f"flags: {', '.join(f['code'] + ('(' + f['target'] + ')' if f['target'] else '') for f in exp['flags']) or 'aucun'}. "
                f"{c['judgement']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    readme = README_HEAD + "\n".join(rows) + "\n\n## Judgement calls\n\n" + "\n".join(notes) + "\n"
    readme += """
## General conventions

- `sections.*.source` is the file holding the description; for ZIP members the member name
  (the scorer accepts `archive.zip/member`); `null` for the HTML-body case (06).
- `attachments` lists only what a reader must report: ZIP members (not the archive itself),
  the inline logo of case 06 as `skipped`.
- `heading` / `body_start` / `project` are informative (the scorer reads `present` and `source`).
- `committee` phrases are copied verbatim from the documents; `gen_q.py` asserts each one
  is a substring of the case's text and that every target lies in the targets part; `verify_q.py`
  re-extracts the text from the built files and checks them again.
"""
    (HERE / "README_q.md").write_text(readme, encoding="utf-8")
    print("ok:", ", ".join(c["id"] for c in CASES))


if __name__ == "__main__":
    main()
