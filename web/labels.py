"""The French words the pages use for the contract's codes and the service's states."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from intake.operate import ANSWER_STATES, DECISIONS, KINDS

PARIS = ZoneInfo("Europe/Paris")

DECISION_LABELS = {**DECISIONS}
# Order of the counts at the top of the queue: what needs a human first.
DECISION_ORDER = ("needs_review", "incomplete", "not_a_proposal", "complete", "late")

SECTION_TITLES = {
    "contexte": "Contexte",
    "objectifs": "Objectifs",
    "problematique": "Problématique",
    "cibles": "Cibles",
    "methodologie": "Déroulé méthodologique",
    "phasage": "Phasage détaillé",
    "pilotage": "Pilotage et comitologie",
    "resultats": "Résultats escomptés",
    "perennisation": "Pérennisation et essaimage",
    "partenaires": "Partenaires et contributions",
}

FLAG_LABELS = {
    "no_proposal_document": "Aucun document de candidature",
    "unreadable_attachment": "Pièce jointe illisible",
    "scanned_document": "Document numérisé",
    "missing_section": "Partie manquante",
    "missing_budget": "Budget absent",
    "missing_budget_item": "Poste de budget manquant",
    "budget_total_mismatch": "Total du budget incohérent",
    "anact_request_over_cap": "Demande au-delà du plafond",
    "cofinancing_below_minimum": "Co-financement insuffisant",
    "ineligible_expense": "Dépense non éligible",
    "late_submission": "Hors délai",
    "project_end_after_limit": "Fin du projet trop tardive",
    "subject_mismatch": "Objet du message",
}

SEVERITY_LABELS = {"blocking": "bloquante", "warning": "avertissement"}

CATEGORY_LABELS = {
    "personnel": "Personnel",
    "deplacements_logistique": "Déplacements et logistique",
    "prestations": "Prestations",
    "autre": "Autre (hors dépenses éligibles)",
    "cofinancement": "Co-financement",
}

ATTACHMENT_STATUS = {
    "parsed": "lu",
    "scanned": "numérisé (sans texte)",
    "encrypted": "protégé par mot de passe",
    "unreadable": "illisible",
    "unsupported": "format non pris en charge",
    "skipped": "ignoré (image, signature…)",
}

MESSAGE_STATES = {
    "stored": "enregistré",
    "failed": "lecture en échec",
    "dossier_updated": "classé",
    "duplicate": "doublon",
    "quarantining": "mise en quarantaine",
    "moved": "traité",
    "quarantined": "en quarantaine",
}

MAIL_STATES = {**ANSWER_STATES}
MAIL_KINDS = {**KINDS, "written": "courriel du secrétariat"}

OVERRIDE_LABELS = {"not_applicable": "non applicable", "confirmed": "confirmée"}

AUDIT_ACTIONS = {
    "flag_override": "Alerte corrigée",
    "decision": "Décision",
    "note": "Note ajoutée",
    "note_committee": "Note pour le comité ajoutée",
    "conflict_confirmed": "Conflit d'intérêts possible signalé, ouverture confirmée",
    "affiliations_declared": "Affiliations déclarées",
    "email_approved": "Courriel validé",
    "email_discarded": "Courriel écarté",
    "email_edited": "Courriel modifié avant envoi",
    "email_resent": "Courriel renvoyé",
    "email_written": "Courriel écrit au porteur",
    "released": "Libéré pour le comité",
    "unreleased": "Retiré du comité",
    "reviewed": "Marqué examiné",
    "message_reprocessed": "Message relu depuis la quarantaine",
    "correction": "Donnée corrigée",
}


def flag_target_label(code: str, target: str) -> str:
    if not target:
        return ""
    if code == "missing_section":
        return SECTION_TITLES.get(target, target)
    if code == "missing_budget_item":
        return CATEGORY_LABELS.get(target, target)
    return target


def paris(dt: datetime | str | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """A moment (or its ISO text, as stored in a reading) as Paris time; '—' when unknown."""
    if isinstance(dt, str):
        try:
            dt = datetime.fromisoformat(dt)
        except ValueError:
            return dt
    if dt is None:
        return "—"
    return dt.astimezone(PARIS).strftime(fmt)


def euros(value) -> str:
    """12500.0 -> '12 500 €' (narrow no-break spaces); cents only when there are some."""
    if value is None:
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "—"
    whole = f"{abs(v):,.2f}".replace(",", "\u202f").replace(".", ",")
    if whole.endswith(",00"):
        whole = whole[:-3]
    return ("-" if v < 0 else "") + whole + "\u00a0€"


def percent(share) -> str:
    if share is None:
        return "—"
    try:
        v = float(share) * 100
    except (TypeError, ValueError):
        return "—"
    text = f"{v:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "\u00a0%"
