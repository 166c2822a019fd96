"""The committee summaries at the edge: built when the worker files a dossier, stored
beside it, rebuilt from the stored emails when missing, and joined with what the
secretariat did (corrected figures, flags set aside, notes for the committee).

`committee_view` is the one shape every committee output reads: the web pages, the
PDF pack, the comparison table and the conflict-of-interest check.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from intake.committee.summary import build_summary
from intake.committee.summary_config import SummarySettings, load_summary_settings
from intake.config import Config
from intake.decisions import (
    apply_corrections,
    corrections_from_rows,
    flag_views,
    overrides_from_rows,
)
from intake.reading import pipeline
from intake.vocabulary import DECISION_LABELS, category_labels, euros, percent, staff_message
from storage import queries as q
from storage.schema import dossier_corrections, dossiers, flag_overrides, notes, users

log = logging.getLogger(__name__)

_SETTINGS: dict[str, SummarySettings] = {}



def settings_of(config: Config) -> SummarySettings:
    """The [summary] settings of this configuration, parsed once."""
    key = str(config.path or "")
    if key not in _SETTINGS:
        _SETTINGS[key] = load_summary_settings(config.path)
    return _SETTINGS[key]


def summarize(inspection, config: Config) -> dict | None:
    """The summary of a reading, as stored (JSON-ready); None for a message that is not a
    proposal, or when building it failed: a summary must never stop a dossier being filed."""
    dossier = inspection.dossier
    if dossier.get("decision") == "not_a_proposal":
        return None
    try:
        return build_summary(inspection, dossier, settings_of(config), config.call).to_dict()
    except Exception:  # noqa: BLE001 - logged; the committee page says the summary is missing
        log.exception("summary failed")
        return None


def stored_summary(d) -> dict | None:
    raw = getattr(d, "summary_json", None)
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def ensure_summary(db, blobs, config: Config, d) -> dict | None:
    """The dossier's summary: stored, or rebuilt from its stored emails and stored now
    (dossiers filed before summaries existed, or whose summary failed)."""
    found = stored_summary(d)
    if found is not None:
        return found
    with db.connect() as conn:
        parts = q.submission_messages(conn, d.id) or q.linked_messages(conn, d.id)
    if not parts:
        return None
    try:
        insp = pipeline.inspect_submission([(blobs.get(m.sha256), m.internaldate) for m in parts], config)
    except Exception:  # noqa: BLE001 - a pruned blob store, a reader bug: no summary, no crash
        log.exception("summary: re-reading %s failed", d.reference)
        return None
    found = summarize(insp, config)
    if found is not None:
        with db.begin() as conn:
            q.set_summary(conn, d.id, found)
    return found


@dataclass
class Check:
    """One of the call's budget rules and its result on the (corrected) figures."""

    label: str
    ok: bool | None  # None: cannot tell (figure missing)
    detail: str


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def budget_checks(budget: Mapping, flags: Sequence[Mapping], call) -> list[Check]:
    """The cap, the co-financing share and the eligible kinds of expense, as the call
    states them, on the figures the committee sees."""
    anact = budget.get("anact_request")
    cof = budget.get("cofinancing") or {}
    share = cof.get("share")
    cap = call.anact_cap
    out = [
        Check(f"Demande à l'Anact au plus {euros(cap)}", None if anact is None else anact <= float(cap) + 0.005,
              f"{euros(anact)} demandés" if anact is not None else "montant demandé non trouvé"),
        Check(f"Co-financement d'au moins {percent(call.cofinancing_min_share)} du coût total",
              None if share is None else share + 1e-9 >= float(call.cofinancing_min_share),
              f"{percent(share)} ({euros(cof.get('amount'))})"
              if share is not None else "part non calculable"),
    ]
    ineligible = [f for f in flags if f.get("code") == "ineligible_expense"]
    lines = budget.get("lines") or []
    out.append(Check("Dépenses des natures éligibles", None if not lines else not ineligible,
                     "; ".join(f.get("target") or f.get("message", "") for f in ineligible)
                     or ("toutes les lignes relèvent des natures éligibles" if lines else "aucune ligne lue")))
    return out


def committee_view(conn: Connection, d, summary: dict | None, config: Config) -> dict:
    """Everything the committee reads about one dossier, from its row, its summary and the
    secretariat's work on it: corrected budget, flags still standing (with the
    secretariat's word on those set aside), notes for the committee, what is missing,
    and the organisations named (applicant, partners, co-funders)."""
    try:
        data = json.loads(d.dossier_json)
    except ValueError:
        data = {}
    call = config.call
    overrides = {(o.code, o.target or ""): o for o in conn.execute(
        select(flag_overrides).where(flag_overrides.c.dossier_id == d.id))}
    statuses = overrides_from_rows(overrides.values())
    fixes = corrections_from_rows(conn.execute(select(dossier_corrections).where(
        dossier_corrections.c.dossier_id == d.id)))
    corrected = apply_corrections(data, fixes, anact_cap=call.anact_cap,
                                  min_share=call.cofinancing_min_share) if fixes else data
    budget = corrected.get("budget") or {}
    views = flag_views(corrected, statuses)
    flags = [{"code": v.flag.get("code"), "target": v.flag.get("target") or "",
              "severity": v.flag.get("severity"), "message": staff_message(v.flag),
              "evidence": v.flag.get("evidence") or "", "counts": v.counts,
              "override": (overrides.get((v.flag.get("code"), v.flag.get("target") or "")) or None)
              and overrides[(v.flag.get("code"), v.flag.get("target") or "")].comment}
             for v in views]
    standing = [f for f in flags if f["counts"]]
    missing = [f["message"] for f in standing if f["severity"] == "blocking"]
    note_rows = conn.execute(
        select(notes.c.body, notes.c.created_at, users.c.name).join(users, users.c.id == notes.c.user_id)
        .where(notes.c.dossier_id == d.id, notes.c.for_committee.is_(True)).order_by(notes.c.created_at))
    s = summary or {}
    identity = s.get("identity") or {}
    names = organisation_names(identity.get("applicant"), corrected)
    return {
        "reference": d.reference,
        "title": d.title or identity.get("title") or d.subject,
        "decision": d.decision,
        "decision_label": _capitalised(DECISION_LABELS.get(d.decision or "", d.decision or "—")),
        "first_received": d.first_received,
        "released_at": getattr(d, "released_at", None),
        "sender": d.sender,
        "summary": summary,
        "identity": identity,
        "budget": budget,
        "corrected": sorted(fixes),
        "categories": [(category_labels(call).get(k, k), v) for k, v in (budget.get("totals") or {}).items()],
        "checks": budget_checks(budget, standing, call),
        "flags": flags,
        "standing": standing,
        "missing": missing,
        "notes": [{"body": n.body, "created_at": n.created_at, "author": n.name} for n in note_rows],
        "partners": corrected.get("partners") or [],
        "names": names,
        "attachments": corrected.get("attachments") or [],
    }


def organisation_names(applicant: str | None, dossier: Mapping) -> list[str]:
    """The organisations a proposal names: applicant, partners, co-funders (not the
    applicant's own funds), without repeats, in that order."""
    out: list[str] = []
    seen: set[str] = set()

    def add(name) -> None:
        name = (name or "").strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)

    add(applicant)
    for p in dossier.get("partners") or []:
        add(p.get("name"))
    for src in ((dossier.get("budget") or {}).get("cofinancing") or {}).get("sources") or []:
        if src.get("nature") != "autofinancement":
            add(src.get("label"))
    return out


def views_of_released(db, blobs, config: Config, *, references: list[str] | None = None) -> list[dict]:
    """The committee view of every released dossier (or of the given references), by
    reference; summaries missing are built and stored on the way."""
    with db.connect() as conn:
        stmt = select(dossiers).order_by(dossiers.c.reference)
        if references:
            stmt = stmt.where(dossiers.c.reference.in_(references))
        else:
            stmt = stmt.where(dossiers.c.released_at.is_not(None))
        rows = list(conn.execute(stmt))
    out = []
    for d in rows:
        s = ensure_summary(db, blobs, config, d)
        with db.connect() as conn:
            out.append(committee_view(conn, d, s, config))
    return out


def now_paris() -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Paris"))
