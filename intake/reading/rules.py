"""The call's checks: from what was read to flags and a decision.

One place for each rule. Every check runs whatever the decision (a late proposal still
carries its other flags); every figure comes from config [call]. Messages are polite
French sentences the secretariat can paste into an e-mail, with the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from intake.vocabulary import euros, long_date, percent, received_at
from parsers.amounts import to_float
from parsers.document import ENCRYPTED, SCANNED, UNREADABLE, UNSUPPORTED, ParsedFile
from parsers.proposal import Proposal

BLOCKING = "blocking"
WARNING = "warning"
_NEEDS_REVIEW_STATUSES = (SCANNED, ENCRYPTED, UNREADABLE)


@dataclass
class Flag:
    code: str
    target: str
    severity: str
    message: str
    evidence: str = ""

    def to_contract(self) -> dict:
        return {"code": self.code, "target": self.target, "severity": self.severity,
                "message": self.message, "evidence": self.evidence}


def check(
    call,
    proposal: Proposal,
    files: list[ParsedFile],
    *,
    subject: str,
    received: datetime | None,
    has_document: bool,
) -> list[Flag]:
    """All flags for one submission. `has_document`: some attachment or the body
    carries proposal material."""
    flags: list[Flag] = []
    add = flags.append

    if not has_document:
        add(Flag("no_proposal_document", "", BLOCKING,
                 "Votre envoi ne contient aucun document de candidature : ni pièce jointe lisible, "
                 "ni description du projet dans le corps du message. Merci de nous transmettre la "
                 "description du projet, le budget détaillé et la liste des partenaires mobilisés."))

    for f in files:
        if f.status in (ENCRYPTED, UNREADABLE, UNSUPPORTED):
            why, ask = {
                ENCRYPTED: ("elle est protégée par un mot de passe", "sans mot de passe"),
                UNREADABLE: ("elle semble endommagée ou dépasse les limites de lecture",
                             "enregistrée de nouveau depuis son logiciel d'origine"),
                UNSUPPORTED: ("son format n'est pas pris en charge", "enregistrée dans l'un de ces formats"),
            }[f.status]
            add(Flag("unreadable_attachment", f.filename, WARNING,
                     f"La pièce jointe « {f.filename} » n'a pas pu être lue ({why}). Merci de nous la "
                     f"renvoyer au format PDF ou DOCX, {ask}.", f.detail))
        elif f.status == SCANNED:
            add(Flag("scanned_document", f.filename, WARNING,
                     f"La pièce jointe « {f.filename} » est un document numérisé (une image, sans texte "
                     "lisible) : son contenu ne peut pas être analysé. Merci de nous transmettre, si "
                     "possible, la version d'origine au format PDF texte ou DOCX.", f.detail))

    for sid, spec in call.sections.items():
        if sid not in proposal.sections:
            add(Flag("missing_section", sid, BLOCKING,
                     f"La description du projet ne présente pas {spec.label} "
                     f"(partie demandée par l'appel : « {spec.quote} »)."))

    flags.extend(_budget_flags(call, proposal))

    if received is not None and received > call.deadline:
        add(Flag("late_submission", "", BLOCKING,
                 f"Votre proposition nous est parvenue {received_at(received, call.timezone)}, après la "
                 f"date limite de dépôt des candidatures fixée au {long_date(call.deadline.astimezone(call.timezone))} "
                 "à 23 h 59 (heure de Paris).", received.isoformat()))

    end = proposal.project_end
    if end is not None and end.start > call.end_date:
        add(Flag("project_end_after_limit", "", BLOCKING,
                 f"Le phasage du projet prévoit une fin « {end.text} », au-delà de la date à laquelle les "
                 f"projets doivent s'achever selon l'appel (au plus tard le {long_date(call.end_date)}).",
                 end.text))

    if not call.subject_words.matches(subject or ""):
        add(Flag("subject_mismatch", "", WARNING,
                 f"L'objet du message (« {subject.strip() if subject else 'vide'} ») ne mentionne pas "
                 f"l'appel à manifestation d'intérêt « {call.programme} ».", subject or ""))
    return flags


def _budget_flags(call, proposal: Proposal) -> list[Flag]:
    b = proposal.budget
    out: list[Flag] = []
    if not b.found:
        out.append(Flag("missing_budget", "", BLOCKING,
                        "Nous n'avons pas trouvé de budget dans votre envoi. L'appel demande un budget "
                        "détaillé : dépenses de personnel, frais de déplacement et logistique, achats de "
                        "prestations, co-financements envisagés ou existants et leur nature."))
        return out
    present = {ln.category for ln in b.lines}
    labels = call.budget.category_labels
    for cat, severity in (("personnel", BLOCKING), ("deplacements_logistique", WARNING),
                          ("prestations", WARNING)):
        if cat not in present:
            out.append(Flag("missing_budget_item", cat, severity,
                            f"Le budget ne comporte pas de ligne pour les {labels.get(cat, cat)}. Merci de la "
                            "préciser (ou d'indiquer 0 € si le projet n'en prévoit pas)."))
    if not b.cofinancing:
        out.append(Flag("missing_budget_item", "cofinancement", BLOCKING,
                        "Le budget ne mentionne aucun co-financement. L'appel attend un co-financement "
                        f"d'au moins {percent(call.cofinancing_min_share)} du montant total du projet "
                        "(autofinancement ou financements ad hoc), avec sa nature."))
    lines_sum = b.lines_sum()
    if b.declared_total is not None and lines_sum is not None and abs(b.declared_total - lines_sum) > call.total_tolerance:
        out.append(Flag("budget_total_mismatch", "", WARNING,
                        f"Le total indiqué dans le budget ({euros(b.declared_total)}) ne correspond pas à la "
                        f"somme des lignes de dépenses ({euros(lines_sum)}), soit un écart de "
                        f"{euros(abs(b.declared_total - lines_sum))}. Merci de vérifier vos montants.",
                        f"total déclaré {euros(b.declared_total)} ; somme des lignes {euros(lines_sum)}"))
    if b.anact_request is not None and b.anact_request > call.anact_cap:
        out.append(Flag("anact_request_over_cap", "", BLOCKING,
                        f"Le montant demandé à l'Anact ({euros(b.anact_request)}) dépasse le montant maximal "
                        f"de financement fixé par l'appel ({euros(call.anact_cap)} net de taxe).",
                        euros(b.anact_request)))
    share = b.cofinancing_share()
    total = b.total_cost()
    if not b.cofinancing and total:
        # no co-financing at all is none of the 20 % either: both flags, as the call reads
        out.append(Flag("cofinancing_below_minimum", "", BLOCKING,
                        f"Aucun co-financement n'apparaît dans le budget, alors que l'appel attend au moins "
                        f"{percent(call.cofinancing_min_share)} du coût total du projet ({euros(total)}), soit "
                        f"au moins {euros(total * call.cofinancing_min_share)}.", f"0 € / {euros(total)}"))
    elif share is not None and share < call.cofinancing_min_share:
        out.append(Flag("cofinancing_below_minimum", "", BLOCKING,
                        f"Le co-financement prévu ({euros(b.cofinancing_amount())}, soit {percent(share)} du "
                        f"coût total de {euros(total)}) est inférieur aux {percent(call.cofinancing_min_share)} "
                        f"attendus par l'appel, soit au moins {euros(total * call.cofinancing_min_share)}.",
                        f"{euros(b.cofinancing_amount())} / {euros(total)}"))
    for ln in b.lines:
        if ln.ineligible:
            out.append(Flag("ineligible_expense", ln.label, WARNING,
                            f"La dépense « {ln.label} » ({euros(ln.amount)}) ne relève pas des dépenses "
                            "éligibles de l'appel (dépenses de personnel, frais de déplacement et "
                            "logistique, prestations nécessaires au projet).", f"{ln.label} : {euros(ln.amount)}"))
    return out


def decide(flags: list[Flag], files: list[ParsedFile], *, late: bool, not_a_proposal: bool) -> str:
    """The contract's decision order: late, not_a_proposal, needs_review, incomplete, complete."""
    blocking = any(f.severity == BLOCKING for f in flags)
    if late:
        return "late"
    if not_a_proposal:
        return "not_a_proposal"
    if blocking and any(f.status in _NEEDS_REVIEW_STATUSES for f in files):
        return "needs_review"
    if blocking:
        return "incomplete"
    return "complete"


def budget_to_contract(proposal: Proposal) -> dict:
    b = proposal.budget
    share = b.cofinancing_share()
    return {
        "currency": "EUR",
        "lines": [ln.to_contract() for ln in b.lines + b.cofinancing],
        "totals": {k: to_float(v) for k, v in b.totals().items()},
        "total_cost": to_float(b.total_cost()),
        "anact_request": to_float(b.anact_request),
        "cofinancing": {
            "amount": to_float(b.cofinancing_amount()),
            "share": float(round(share, 4)) if share is not None else None,
            "sources": [{"label": c.label, "amount": to_float(c.amount), "nature": c.nature} for c in b.cofinancing],
        },
    }
