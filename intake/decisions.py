"""The decision, re-derived from the facts as the secretariat corrected them.

`corrected_decision` is the one place a dossier's decision is computed once corrections
exist: the worker after a new email or a re-read, and the web app after a correction, both
call it. Under it, pure functions: the stored reading (the dossier JSON of the contract) and the flag
overrides in, the decision out. The order is the contract's, as `intake.reading.rules.decide`
applies it: late, not_a_proposal, needs_review, incomplete, complete. A flag the
secretariat marked not applicable no longer counts; a confirmed flag stands, as it did.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from intake.vocabulary import DECISIONS
from storage import queries as q
from storage.schema import CONFIRMED, NOT_APPLICABLE

BLOCKING = "blocking"
WARNING = "warning"
# Attachment statuses whose unread content may hold what the blocking flags miss.
REVIEW_STATUSES = ("scanned", "encrypted", "unreadable")
# The flags that name such a file: set aside, the file no longer calls for a review.
FILE_FLAGS = ("scanned_document", "unreadable_attachment")
OVERRIDE_STATUSES = (NOT_APPLICABLE, CONFIRMED)

FlagKey = tuple[str, str]  # (code, target)


def flag_key(flag: Mapping) -> FlagKey:
    return (str(flag.get("code") or ""), str(flag.get("target") or ""))


@dataclass(frozen=True)
class FlagView:
    """A flag of the reading with what the secretariat said of it."""

    flag: Mapping
    override: str | None  # NOT_APPLICABLE, CONFIRMED or None

    @property
    def counts(self) -> bool:
        return self.override != NOT_APPLICABLE


def flag_views(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> list[FlagView]:
    return [FlagView(f, overrides.get(flag_key(f))) for f in dossier.get("flags") or []]


def standing_flags(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> list[Mapping]:
    """The flags that still hold: all but those marked not applicable."""
    return [v.flag for v in flag_views(dossier, overrides) if v.counts]


def derive_decision(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> str:
    """The decision the corrected facts call for.

    - late: a `late_submission` flag stands.
    - not_a_proposal: the reader found no proposal in the messages. The reading says so
      only through its decision; when it said `late`, which comes first, the message is
      taken to be a proposal (a late question is rare, and the secretariat sees it).
    - needs_review: a blocking flag stands and a file was not read (scanned, encrypted,
      unreadable) unless the secretariat set that file's flag aside (it read the file).
    - incomplete: a blocking flag stands.
    - complete otherwise.
    """
    standing = standing_flags(dossier, overrides)
    dropped_files = {target for (code, target), status in overrides.items()
                     if code in FILE_FLAGS and status == NOT_APPLICABLE}
    if any(f.get("code") == "late_submission" for f in standing):
        return "late"
    if dossier.get("decision") == "not_a_proposal":
        return "not_a_proposal"
    blocking = any(f.get("severity") == BLOCKING for f in standing)
    unread = [a for a in dossier.get("attachments") or []
              if a.get("status") in REVIEW_STATUSES and a.get("filename") not in dropped_files]
    if blocking and unread:
        return "needs_review"
    if blocking:
        return "incomplete"
    return "complete"


# The flags that cause others: a file not read hides the parts and the budget it holds;
# lateness and a missing proposal decide before any part does. They come first.
ROOT_CAUSES = ("unreadable_attachment", "scanned_document", "late_submission", "no_proposal_document",
               "missing_budget")


def cause_rank(flag: Mapping) -> tuple[bool, bool, int]:
    """Sort key of a flag: a file not read first whatever its severity (what it hides
    follows), then blocking flags, the root causes among them first."""
    code = str(flag.get("code") or "")
    return (code not in FILE_FLAGS, flag.get("severity") != BLOCKING,
            ROOT_CAUSES.index(code) if code in ROOT_CAUSES else len(ROOT_CAUSES))


def first_blocking(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> Mapping | None:
    """The standing blocking flag to name first (the queue's "which one"): a root cause
    if there is one, else the first the reading raised."""
    blocking = [f for f in standing_flags(dossier, overrides) if f.get("severity") == BLOCKING]
    return min(blocking, key=cause_rank) if blocking else None


def unread_file_flag(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> Mapping | None:
    """A standing flag of a file not read (scanned, unreadable, encrypted), of whatever
    severity: the likely cause of the parts and budget the reading did not find."""
    return next((f for f in standing_flags(dossier, overrides) if f.get("code") in FILE_FLAGS), None)


def severity_counts(dossier: Mapping, overrides: Mapping[FlagKey, str]) -> dict[str, int]:
    """Standing flags by severity, and how many the secretariat set aside."""
    out = {BLOCKING: 0, WARNING: 0, "set_aside": 0}
    for v in flag_views(dossier, overrides):
        if not v.counts:
            out["set_aside"] += 1
        elif v.flag.get("severity") in (BLOCKING, WARNING):
            out[v.flag["severity"]] += 1
    return out


def overrides_from_rows(rows: Iterable) -> dict[FlagKey, str]:
    """{(code, target): status} from rows with .code, .target and .status."""
    return {(r.code, r.target or ""): r.status for r in rows}


# ------------------------------------------------------------------ corrected facts

# What the secretariat may correct besides flags (storage: dossier_corrections.field).
BUDGET_FIELDS = ("total_cost", "anact_request", "cofinancing_amount")
SECTION_PREFIX = "section:"
DECISION_FIELD = "decision"


def _number(value) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def apply_corrections(dossier: Mapping, corrections: Mapping[str, str], *, anact_cap, min_share) -> dict:
    """The reading with the secretariat's corrections of facts: budget figures (total
    cost, Anact request, co-financing amount; the share recomputed, and the two flags
    that depend on them re-evaluated against the call's cap and minimum share, as
    intake.reading.rules words them), sections marked present or absent (their
    `missing_section` flag dropped or raised). The reading itself is not changed."""
    out = copy.deepcopy(dict(dossier))
    if not corrections:
        return out
    flags = list(out.get("flags") or [])
    if any(f in corrections for f in BUDGET_FIELDS):
        budget = dict(out.get("budget") or {})
        cof = dict(budget.get("cofinancing") or {})
        for name in BUDGET_FIELDS:
            if name in corrections:
                value = _number(corrections[name])
                if name == "cofinancing_amount":
                    cof["amount"] = value
                else:
                    budget[name] = value
        total, anact, amount = _number(budget.get("total_cost")), _number(budget.get("anact_request")), \
            _number(cof.get("amount"))
        cof["share"] = round(amount / total, 4) if total and amount is not None else None
        budget["cofinancing"] = cof
        out["budget"] = budget
        flags = [f for f in flags if f.get("code") not in ("anact_request_over_cap", "cofinancing_below_minimum")]
        if anact is not None and anact > float(anact_cap):
            flags.append({"code": "anact_request_over_cap", "target": "", "severity": BLOCKING,
                          "message": f"Le montant demandé à l'Anact ({anact:,.2f} €) dépasse le montant maximal "
                                     f"de financement fixé par l'appel ({float(anact_cap):,.2f} €).",
                          "evidence": "corrigé par le secrétariat"})
        if total and (amount or 0) / total < float(min_share):
            flags.append({"code": "cofinancing_below_minimum", "target": "", "severity": BLOCKING,
                          "message": f"Le co-financement ({(amount or 0):,.2f} € sur {total:,.2f} €) est "
                                     f"inférieur aux {float(min_share) * 100:.0f} % attendus par l'appel.",
                          "evidence": "corrigé par le secrétariat"})
    sections = dict(out.get("sections") or {})
    for name, state in corrections.items():
        if not name.startswith(SECTION_PREFIX):
            continue
        sid = name[len(SECTION_PREFIX):]
        present = state == "present"
        sections[sid] = dict(sections.get(sid) or {}, present=present)
        flags = [f for f in flags if flag_key(f) != ("missing_section", sid)]
        if not present:
            flags.append({"code": "missing_section", "target": sid, "severity": BLOCKING,
                          "message": "Partie absente (corrigé par le secrétariat).",
                          "evidence": "corrigé par le secrétariat"})
    out["sections"] = sections
    out["flags"] = flags
    return out


def budget_imbalance(facts: Mapping) -> tuple[float, float, float] | None:
    """(Anact request, co-financing, total cost) when the request and the co-financing no
    longer add up to the total (more than a euro apart): a correction of one figure that
    leaves the others as they were. None when they agree or a figure is unknown."""
    budget = facts.get("budget") or {}
    total, anact = _number(budget.get("total_cost")), _number(budget.get("anact_request"))
    cof = _number((budget.get("cofinancing") or {}).get("amount"))
    if total is None or anact is None or cof is None or abs(anact + cof - total) <= 1:
        return None
    return anact, cof, total


def final_decision(dossier: Mapping, overrides: Mapping[FlagKey, str], corrections: Mapping[str, str], *,
                   anact_cap, min_share) -> str:
    """The decision the app shows: the one the secretariat set directly, if any; else the
    one derived from the corrected facts and the flag overrides."""
    chosen = corrections.get(DECISION_FIELD)
    if chosen in DECISIONS:
        return chosen
    return derive_decision(apply_corrections(dossier, corrections, anact_cap=anact_cap, min_share=min_share),
                           overrides)


def corrections_from_rows(rows: Iterable) -> dict[str, str]:
    """{field: value} from rows with .field and .value."""
    return {r.field: r.value for r in rows}


def corrected_decision(conn, dossier_id: int, dossier: Mapping, call) -> str | None:
    """The decision of a reading once the secretariat's stored corrections apply (flags,
    budget figures, parts, a decision set directly); the reading's own when there are none."""
    rows = q.overrides_of(conn, dossier_id)
    fixes = corrections_from_rows(q.fact_corrections_of(conn, dossier_id))
    if not rows and not fixes:
        return dossier.get("decision")
    return final_decision(dossier, overrides_from_rows(rows), fixes, anact_cap=call.anact_cap,
                          min_share=call.cofinancing_min_share)


def _marks(conn, dossier_id: int) -> tuple[dict[FlagKey, str], dict[str, str]]:
    """The secretariat's marks on flags and corrections of facts, read once."""
    return (overrides_from_rows(q.overrides_of(conn, dossier_id)),
            corrections_from_rows(q.fact_corrections_of(conn, dossier_id)))


def _apply(dossier: Mapping, fixes: Mapping[str, str], call) -> dict:
    return apply_corrections(dossier, fixes, anact_cap=call.anact_cap,
                             min_share=call.cofinancing_min_share) if fixes else dict(dossier)


def corrected_facts(conn, dossier_id: int, dossier: Mapping, call) -> tuple[dict, dict[FlagKey, str]]:
    """The reading with the secretariat's corrections of facts applied (figures, the share
    recomputed, parts, the flags they re-evaluate), and its marks on flags: what every page
    showing figures and alerts reads, so that none shows the reading alone."""
    overrides, fixes = _marks(conn, dossier_id)
    return _apply(dossier, fixes, call), overrides


def current_reading(conn, dossier_id: int, dossier: Mapping, call) -> dict:
    """The dossier as it stands now, the one state every answer is written from: the
    reading with the secretariat's corrections applied (figures, parts), the flags it set
    aside left out, and the decision they call for (or the one it set directly)."""
    overrides, fixes = _marks(conn, dossier_id)
    out = _apply(dossier, fixes, call)
    if not overrides and not fixes:
        return out
    out["flags"] = standing_flags(out, overrides)
    out["decision"] = final_decision(dossier, overrides, fixes, anact_cap=call.anact_cap,
                                     min_share=call.cofinancing_min_share)
    return out
