"""The product's one vocabulary: the contract's codes, the French words every page, email,
summary and terminal report uses for them, and the formatters of figures and moments.

It sits at the bottom of the house, over the settings reader only, so that the reader, the
worker, the emails, the committee's papers and the web app all say an amount, a decision or
a date the same way. The call's own words (part titles, expense categories) are config:
`section_titles(call)` and `category_labels(call)` read them from config.toml's tables
(`title` of `[call.sections.<id>]` and `[call.budget.categories.<id>]`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from intake.config import default_call

PARIS = ZoneInfo("Europe/Paris")

# ------------------------------------------------------------------ the contract's codes

DECISIONS = ("complete", "incomplete", "needs_review", "late", "not_a_proposal")
DECISION_LABELS = {"complete": "complet", "incomplete": "incomplet", "needs_review": "à examiner",
                   "late": "hors délai", "not_a_proposal": "pas une candidature"}
# Counted labels in the plural ("13 incomplets", "2 envoyés"); French takes the singular
# for 0 and 1. A label not here takes an "s" on its first word (see `agreed`).
PLURAL_FORMS = {"complet": "complets", "incomplet": "incomplets", "à examiner": "à examiner",
                "hors délai": "hors délai", "pas une candidature": "ne sont pas des candidatures",
                "à envoyer": "à envoyer", "à valider": "à valider", "envoyé": "envoyés", "échec": "échecs",
                "écarté": "écartés", "retiré : le dossier a changé": "retirés : le dossier a changé"}
_INVARIABLE_START = ("à ", "hors ", "de ", "en ", "sans ")


def agreed(n: int | float | None, singular: str, plural: str | None = None) -> str:
    """`singular` or its plural as French agrees it with the count `n` (0 and 1 take the
    singular): "1 partenaire nommé", "4 partenaires nommés"."""
    if n is None or abs(n) < 2:
        return singular
    if plural is not None:
        return plural
    if singular in PLURAL_FORMS:
        return PLURAL_FORMS[singular]
    if singular.startswith(_INVARIABLE_START):
        return singular
    words = singular.split(" ")
    words = [w if w.endswith(("s", "x", "z")) or not w[:1].isalpha() or w in ("de", "du", "des", "la", "le", "à", "et")
             else w + "s" for w in words]
    return " ".join(words)


# The inspect report's verdict line: the decision and what it means for the secretariat.
DECISION_VERDICTS = {
    "complete": "COMPLET : la proposition peut être accusée en réception.",
    "incomplete": "INCOMPLET : des éléments sont à demander au porteur.",
    "needs_review": "À VÉRIFIER : une pièce illisible peut contenir ce qui manque.",
    "late": "HORS DÉLAI : reçu après la date limite.",
    "not_a_proposal": "PAS UNE CANDIDATURE : question, réponse automatique ou message d'erreur.",
}
# Order of the counts at the top of the queue: what needs a human first.
DECISION_ORDER = ("needs_review", "incomplete", "not_a_proposal", "complete", "late")

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

# The reader writes each flag's message to the applicant ("votre envoi", "merci de nous…"):
# the emails quote it. The secretariat and the committee read the same fact said of the
# dossier, without the request (staff_message).
_TO_STAFF = [
    (re.compile(r"^Nous n'avons pas trouvé de budget dans votre envoi\.?"), "Aucun budget trouvé dans l'envoi."),
    (re.compile(r"^Votre proposition nous est parvenue"), "La proposition est parvenue"),
    (re.compile(r"\bVotre envoi\b"), "L'envoi"),
    (re.compile(r"\bvotre envoi\b"), "l'envoi"),
    (re.compile(r"\bvos montants\b"), "les montants"),
]
_REQUEST = re.compile(r"\s*[:;,]?\s*\b(?:[Mm]erci de|[Nn]ous vous remercions de|[Pp]ourriez-vous|[Vv]euillez)\b.*$",
                      re.S)


def staff_message(flag) -> str:
    """A flag's message as the secretariat and the committee read it: the fact, said of
    the dossier; the request to the applicant left out (the emails keep it)."""
    text = str((flag or {}).get("message") or "")
    text = _REQUEST.sub("", text)
    for pattern, words in _TO_STAFF:
        text = pattern.sub(words, text)
    return text.strip()

# What the reader made of a file (une pièce jointe), as the secretariat and the inspect
# report read it...
ATTACHMENT_STATUS = {
    "parsed": "lue",
    "scanned": "numérisée (sans texte)",
    "encrypted": "protégée par mot de passe",
    "unreadable": "illisible",
    "unsupported": "format non pris en charge",
    "skipped": "ignorée (image, signature…)",
}
# The committee's decisions (storage.schema.SELECTION_DECISIONS).
SELECTION_LABELS = {"retenu": "retenu", "non_retenu": "non retenu", "attente": "liste d'attente"}
# The nature of a co-financing source (contract: budget.cofinancing.sources[].nature).
SOURCE_NATURES = {"autofinancement": "autofinancement", "public": "financement public", "prive": "financement privé",
                  "en_nature": "apport en nature", "autre": "autre"}
# ... and as an email tells the applicant about "votre pièce jointe".
ATTACHMENT_STATUS_TO_APPLICANT = {
    "parsed": "lue",
    "scanned": "document numérisé, dont le texte n'a pas pu être lu",
    "encrypted": "protégée par un mot de passe, non lue",
    "unreadable": "illisible",
    "unsupported": "format non pris en charge, non lue",
    "skipped": "non analysée (image ou élément intégré au message)",
}

# ------------------------------------------------------------------ the service's states

ANSWER_KINDS = ("acknowledgement", "completed", "completion_request", "late", "review", "holding")
KIND_LABELS = {"acknowledgement": "accusé de réception", "completion_request": "demande de compléments",
               "completed": "dossier complété", "late": "hors délai", "review": "examen annoncé",
               "holding": "réponse d'attente", "written": "courriel du secrétariat",
               "selected": "lettre : projet retenu", "not_selected": "lettre : projet non retenu"}
ANSWER_STATE_LABELS = {"queued": "à envoyer", "held": "à valider", "sent": "envoyé", "failed": "échec",
                       "discarded": "écarté", "withdrawn": "retiré : le dossier a changé"}
MESSAGE_STATES = {
    "stored": "enregistré",
    "failed": "lecture en échec",
    "dossier_updated": "classé",
    "duplicate": "doublon",
    "quarantining": "mise en quarantaine",
    "moved": "traité",
    "quarantined": "en quarantaine",
}
OVERRIDE_LABELS = {"not_applicable": "non applicable", "confirmed": "confirmée"}
AUDIT_ACTIONS = {
    "flag_override": "Alerte corrigée",
    "decision": "Décision",
    "note": "Note ajoutée",
    "note_committee": "Note pour le comité ajoutée",
    "note_edited": "Note modifiée",
    "review_saved": "Évaluation du comité : brouillon enregistré",
    "review_submitted": "Évaluation du comité soumise",
    "selection_decided": "Décision du comité enregistrée",
    "letter_prepared": "Lettre de décision préparée (à valider)",
    "note_deleted": "Note supprimée",
    "conflict_confirmed": "Conflit d'intérêts possible signalé, ouverture confirmée",
    "conflict_stepped_aside": "Conflit d'intérêts : le membre du comité s'est déporté du dossier",
    "affiliations_declared": "Affiliations déclarées",
    "password_changed": "Mot de passe changé par son titulaire",
    "email_approved": "Courriel validé",
    "email_discarded": "Courriel écarté",
    "email_withdrawn": "Courriel retiré avant l'envoi : le dossier a changé",
    "answer_planned": "Nouvelle réponse prévue",
    "email_edited": "Courriel modifié avant envoi",
    "email_resent": "Courriel renvoyé",
    "email_written": "Courriel écrit au porteur",
    "released": "Transmis au comité",
    "unreleased": "Retiré du comité",
    "reviewed": "Marqué examiné",
    "message_reprocessed": "Message relu depuis la quarantaine",
    "correction": "Donnée corrigée",
}

# ------------------------------------------------------------------ the call's words (config)


# The contract's own categories beyond the call's eligible ones.
_CONTRACT_CATEGORIES = {"autre": "Autre (hors dépenses éligibles)", "cofinancement": "Co-financement"}


def section_titles(call=None) -> dict[str, str]:
    """Part id -> its title on a page ("Contexte"), in the call's order; `call` None: the
    repository's config.toml."""
    call = call or default_call()
    return {sid: spec.title for sid, spec in call.sections.items()}


def category_labels(call=None) -> dict[str, str]:
    """Expense category -> its title ("Personnel"), the call's then the contract's own."""
    call = call or default_call()
    return {**call.budget.category_titles, **_CONTRACT_CATEGORIES}


def flag_target_label(code: str, target: str, call=None) -> str:
    """The part or expense category a flag is about, in the call's words."""
    if not target:
        return ""
    if code == "missing_section":
        return section_titles(call).get(target, target)
    if code == "missing_budget_item":
        return category_labels(call).get(target, target)
    return target


# ------------------------------------------------------------------ formatters

_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre")
_THIN = "\u202f"  # narrow no-break space: French thousands separator
_NBSP = "\u00a0"  # no-break space: before € and %


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def euros(value: object) -> str:
    """12500 -> '12 500 €', 12500.5 -> '12 500,50 €'; '—' when unknown. Narrow no-break
    spaces between thousands, a no-break space before the sign: French typography."""
    d = _decimal(value)
    if d is None:
        return "—"
    q = d.quantize(Decimal("0.01"))
    whole, cents = divmod(abs(q), 1)
    text = f"{int(whole):,}".replace(",", _THIN)
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return ("-" if q < 0 else "") + text + _NBSP + "€"


def percent(share: object) -> str:
    """0.2 -> '20 %', 0.1875 -> '18,8 %' (one decimal, none when it is 0); '—' when unknown."""
    d = _decimal(share)
    if d is None:
        return "—"
    text = f"{(d * 100).quantize(Decimal('0.1'))}".replace(".", ",")
    if text.endswith(",0"):
        text = text[:-2]
    return text + _NBSP + "%"


def long_date(d: date) -> str:
    """date(2022, 9, 1) -> '1er septembre 2022'."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {_MONTHS[d.month - 1]} {d.year}"


def moment(dt: datetime, tz=PARIS, *, seconds: bool = False) -> str:
    """"20 août 2022 à 10 h 03" (and "min 27 s" with seconds), in the call's time zone."""
    local = dt.astimezone(tz)
    text = f"{long_date(local)} à {local:%H}\u00a0h\u00a0{local:%M}"
    if seconds:
        text += f"\u00a0min\u00a0{local:%S}\u00a0s"
    return text


def received_at(dt: datetime, tz=PARIS) -> str:
    """A moment as a flag tells it: 'le 23 août 2022 à 18 h 05 (heure de Paris)'."""
    return f"le {moment(dt, tz)} (heure de Paris)"


def evidence_text(flag) -> str:
    """A flag's evidence as a person reads it: a receipt time stored as ISO text said in
    Paris time; the rest as the staff reads a flag (staff_message)."""
    evidence = str((flag or {}).get("evidence") or "")
    if (flag or {}).get("code") == "late_submission":
        try:
            return "reçue le " + paris(datetime.fromisoformat(evidence), "%d/%m/%Y à %H:%M") + " (heure de Paris)"
        except ValueError:
            return evidence
    return staff_message({"message": evidence})


def paris(dt: datetime | str | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """A moment (or its ISO text, as stored in a reading) as Paris time; '—' when unknown."""
    moment_: datetime | None
    if isinstance(dt, str):
        try:
            moment_ = datetime.fromisoformat(dt)
        except ValueError:
            return dt
    else:
        moment_ = dt
    if moment_ is None:
        return "—"
    return moment_.astimezone(PARIS).strftime(fmt)


# The kinds of files applicants send, as a reader names them (not a media type).
FILE_KINDS = {"application/pdf": "PDF", "application/zip": "archive ZIP",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
              "application/msword": "Word (DOC)",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
              "application/vnd.ms-excel": "Excel (XLS)",
              "application/vnd.oasis.opendocument.text": "texte OpenDocument (ODT)",
              "application/vnd.oasis.opendocument.spreadsheet": "tableur OpenDocument (ODS)",
              "text/plain": "texte", "text/html": "page HTML", "image/jpeg": "image JPEG", "image/png": "image PNG"}


def file_kind(media_type: str | None, filename: str | None = None) -> str:
    """"PDF", "Word (DOCX)"…: what a reader calls the file; its extension otherwise."""
    kind = FILE_KINDS.get((media_type or "").split(";")[0].strip().lower())
    if kind:
        return kind
    ext = (filename or "").rpartition(".")[2]
    return ext.upper() if ext and ext != filename and len(ext) <= 5 else "autre"
