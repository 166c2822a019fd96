"""Personal data (RGPD): what the service holds about one applicant, exported or erased,
and the retention policy that empties the raw emails after the call's selection.

What is personal here: the emails as received and their attachments (blob store), the
answers sent (blob store), addresses, names and subjects in the database, the reading
(names, quotes) and the secretariat's notes. What is kept after an erasure or once the
retention period is over: an anonymised dossier (decision, budget figures, parts found,
flag codes, dates) so the call's statistics still add up. Every erasure is audited, with
the address hashed, never in clear.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from intake.config import ConfigError, config_data
from storage.blobs import BlobNotFound, BlobStore
from storage.schema import (
    audit_log,
    conflict_confirmations,
    dossier_messages,
    dossiers,
    events,
    funding_picks,
    messages,
    notes,
    outbox,
)

ERASED = "[effacé]"
# What an anonymised dossier keeps of its reading: no name, no address, no quote.
_KEPT_BUDGET = ("currency", "totals", "total_cost", "anact_request")


@dataclass(frozen=True)
class PrivacySettings:
    """[privacy] of config.toml: raw emails are deleted `retention_months` after the
    committee's selection (None: no automatic deletion)."""

    selection_date: date | None = None
    retention_months: int | None = None

    def purge_after(self) -> date | None:
        if self.selection_date is None or self.retention_months is None:
            return None
        return add_months(self.selection_date, self.retention_months)


def privacy_settings(raw: dict) -> PrivacySettings:
    p = raw.get("privacy") or {}
    sel = p.get("selection_date")
    if isinstance(sel, str):
        sel = date.fromisoformat(sel)
    months = p.get("retention_months")
    if months is not None and (not isinstance(months, int) or months < 0):
        raise ConfigError("config: [privacy] retention_months doit être un nombre entier de mois (0 ou plus).")
    return PrivacySettings(sel, months)


def retention_policy(config) -> PrivacySettings:
    """The [privacy] policy of this configuration."""
    return privacy_settings(config_data(config))


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def anonymised(dossier: dict, when: datetime) -> dict:
    """The statistics a dossier keeps once its personal data is gone: decision, budget
    figures, which parts were found, flag codes; no name, address, subject or quote."""
    budget = dossier.get("budget") or {}
    cof = budget.get("cofinancing") or {}
    return {
        "anonymised_at": when.isoformat(),
        "message": {"message_id": None, "from": None, "subject": None,
                    "date": (dossier.get("message") or {}).get("date")},
        "attachments": [{"filename": None, "media_type": a.get("media_type"), "status": a.get("status")}
                        for a in dossier.get("attachments") or []],
        "sections": {k: {"present": bool((v or {}).get("present"))} for k, v in (dossier.get("sections") or {}).items()},
        "budget": {**{k: budget.get(k) for k in _KEPT_BUDGET},
                   "lines": [], "cofinancing": {"amount": cof.get("amount"), "share": cof.get("share"), "sources": []}},
        "partners": [],
        "partner_count": len(dossier.get("partners") or []),
        "flags": [{"code": f.get("code"), "target": f.get("target") if f.get("code") in ("missing_section",
                   "missing_budget_item") else "", "severity": f.get("severity"), "message": "", "evidence": ""}
                  for f in dossier.get("flags") or []],
        "decision": dossier.get("decision"),
        "title": None,
    }


def address_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:16]


# ------------------------------------------------------------------ what is held about one address

@dataclass
class Holding:
    """Rows that concern one applicant's address."""

    messages: list = field(default_factory=list)
    dossiers: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.messages or self.dossiers or self.answers)


def holding(conn: Connection, address: str) -> Holding:
    """Messages from the address, dossiers it submitted (and the messages linked to
    them), answers sent to it."""
    addr = address.strip().lower()
    h = Holding()
    h.dossiers = list(conn.execute(select(dossiers).where(func.lower(dossiers.c.sender_address) == addr)
                                   .order_by(dossiers.c.reference)))
    ids = [d.id for d in h.dossiers]
    linked = select(dossier_messages.c.message_id).where(dossier_messages.c.dossier_id.in_(ids)) if ids else None
    cond = func.lower(messages.c.sender) == addr
    if linked is not None:
        cond = cond | messages.c.id.in_(linked)
    h.messages = list(conn.execute(select(messages).where(cond).order_by(messages.c.id)))
    acond = func.lower(outbox.c.recipient) == addr
    if ids:
        acond = acond | outbox.c.dossier_id.in_(ids)
    h.answers = list(conn.execute(select(outbox).where(acond).order_by(outbox.c.id)))
    return h


def export_applicant(db, blobs: BlobStore, address: str) -> bytes:
    """A ZIP of everything held about one address: each email as received (.eml), each
    answer as sent, each dossier's reading, summary, notes and journal, and an index
    in French. Missing blobs (already erased) are listed, not fatal."""
    with db.connect() as conn:
        h = holding(conn, address)
        dossier_notes = {d.id: list(conn.execute(select(notes).where(notes.c.dossier_id == d.id)
                                                 .order_by(notes.c.id))) for d in h.dossiers}
        journal = {d.id: list(conn.execute(select(audit_log).where(audit_log.c.dossier_id == d.id)
                                           .order_by(audit_log.c.id))) for d in h.dossiers}
        message_events = {m.id: list(conn.execute(select(events).where(events.c.message_id == m.id)
                                                  .order_by(events.c.id))) for m in h.messages}
    buf = io.BytesIO()
    index: dict = {"adresse": address.strip().lower(), "exporte_le": datetime.now(UTC).isoformat(),
                   "courriels_recus": [], "reponses_envoyees": [], "dossiers": [], "absents": []}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for m in h.messages:
            name = f"courriels-recus/{m.id:06d}.eml"
            _add_blob(z, blobs, m.sha256, name, index)
            index["courriels_recus"].append({
                "fichier": name, "message_id": m.message_id, "recu_le": _iso(m.internaldate),
                "etat": m.state, "sha256": m.sha256,
                "etapes": [{"etape": e.step, "le": _iso(e.at), "detail": e.detail} for e in message_events[m.id]]})
        for a in h.answers:
            name = f"reponses-envoyees/{a.id:06d}.eml"
            _add_blob(z, blobs, a.raw_sha256, name, index)
            index["reponses_envoyees"].append({"fichier": name, "objet": a.subject, "etat": a.state,
                                               "envoye_le": _iso(a.sent_at)})
        for d in h.dossiers:
            base = f"dossiers/{d.reference}"
            z.writestr(f"{base}/dossier.json", d.dossier_json)
            if d.summary_json:
                z.writestr(f"{base}/resume-comite.json", d.summary_json)
            z.writestr(f"{base}/notes.json", json.dumps(
                [{"le": _iso(n.created_at), "note": n.body, "pour_le_comite": bool(n.for_committee)}
                 for n in dossier_notes[d.id]], ensure_ascii=False, indent=2))
            z.writestr(f"{base}/journal.json", json.dumps(
                [{"le": _iso(a.at), "action": a.action, "avant": a.before, "apres": a.after, "motif": a.reason}
                 for a in journal[d.id]], ensure_ascii=False, indent=2))
            index["dossiers"].append({"reference": d.reference, "decision": d.decision, "titre": d.title,
                                      "recu_le": _iso(d.first_received)})
        z.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2))
        z.writestr("LISEZ-MOI.txt", _readme(index))
    return buf.getvalue()


def _add_blob(z: zipfile.ZipFile, blobs: BlobStore, sha: str, name: str, index: dict) -> None:
    try:
        z.writestr(name, blobs.get(sha))
    except BlobNotFound:
        index["absents"].append({"fichier": name, "motif": "déjà effacé (durée de conservation ou demande)"})


def _iso(v) -> str | None:
    return v.isoformat() if v is not None else None


def _readme(index: dict) -> str:
    return (
        "Données détenues par la Fabrique CTO (Anact) au sujet de l'adresse "
        f"{index['adresse']}, exportées le {index['exporte_le'][:10]}.\n\n"
        f"- courriels-recus/ : {len(index['courriels_recus'])} courriel(s) tel(s) que reçu(s) ;\n"
        f"- reponses-envoyees/ : {len(index['reponses_envoyees'])} réponse(s) envoyée(s) ;\n"
        f"- dossiers/ : {len(index['dossiers'])} dossier(s) : lecture de la candidature, résumé pour le "
        "comité, notes du secrétariat et journal des modifications ;\n"
        "- index.json : la liste de ces éléments et les étapes de leur traitement.\n"
    )


# ------------------------------------------------------------------ erasing

@dataclass
class Erasure:
    messages: int = 0
    dossiers: int = 0
    answers: int = 0
    blobs: int = 0

    def french(self) -> str:
        return (f"{self.messages} courriel(s) reçu(s), {self.answers} réponse(s), {self.dossiers} dossier(s) "
                f"anonymisé(s) ; {self.blobs} fichier(s) brut(s) supprimé(s)")


def erase_applicant(db, blobs: BlobStore, address: str, *, reason: str, by: str = "ligne de commande",
                    now: datetime | None = None) -> Erasure:
    """Erase what is held about one address: raw emails and answers deleted from the blob
    store, addresses, names, subjects, quotes and notes removed from the database, each
    dossier reduced to its anonymised statistics. Audited (address hashed)."""
    if not reason.strip():
        raise ValueError("Indiquez le motif de l'effacement (par exemple : demande de la personne, date).")
    now = now or datetime.now(UTC)
    with db.begin() as conn:
        h = holding(conn, address)
        result = _erase(conn, h, now)
        conn.execute(insert(audit_log).values(
            at=now, user_id=None, dossier_id=None, action="applicant_erased",
            before=json.dumps({"adresse_empreinte": address_hash(address)}),
            after=json.dumps({"messages": result.messages, "dossiers": result.dossiers,
                              "reponses": result.answers, "par": by}, ensure_ascii=False),
            reason=reason.strip()))
        shas = _unreferenced(conn, [m.sha256 for m in h.messages] + [a.raw_sha256 for a in h.answers])
    result.blobs = _delete_blobs(blobs, shas)
    return result


def _erase(conn: Connection, h: Holding, now: datetime) -> Erasure:
    r = Erasure()
    mids = [m.id for m in h.messages]
    if mids:
        conn.execute(update(messages).where(messages.c.id.in_(mids)).values(
            sender=None, message_id=None, thread_ids=None, last_error=None, updated_at=now))
        conn.execute(update(events).where(events.c.message_id.in_(mids)).values(detail=None))
        r.messages = len(mids)
    for d in h.dossiers:
        try:
            data = json.loads(d.dossier_json)
        except ValueError:
            data = {}
        conn.execute(update(dossiers).where(dossiers.c.id == d.id).values(
            sender=None, sender_address=None, subject=ERASED, title=None, match_note=None, summary_json=None,
            dossier_json=json.dumps(anonymised(data, now), ensure_ascii=False), updated_at=now))
        conn.execute(delete(notes).where(notes.c.dossier_id == d.id))
        conn.execute(delete(conflict_confirmations).where(conflict_confirmations.c.dossier_id == d.id))
        conn.execute(delete(funding_picks).where(funding_picks.c.dossier_id == d.id))
        # the journal keeps who did what and when, not the content (notes, letters' text)
        conn.execute(update(audit_log).where(audit_log.c.dossier_id == d.id).values(before=None, after=None))
        r.dossiers += 1
    aids = [a.id for a in h.answers]
    if aids:
        conn.execute(update(outbox).where(outbox.c.id.in_(aids)).values(
            recipient=ERASED, subject=ERASED, last_error=None, updated_at=now))
        r.answers = len(aids)
    return r


def _unreferenced(conn: Connection, shas: Iterable[str]) -> list[str]:
    """Hashes no longer needed by a row that was not erased (the same bytes received from
    someone else are kept)."""
    out = []
    for sha in sorted(set(shas)):
        others = conn.execute(select(func.count()).select_from(messages).where(
            messages.c.sha256 == sha, messages.c.sender.is_not(None))).scalar_one()
        others += conn.execute(select(func.count()).select_from(outbox).where(
            outbox.c.raw_sha256 == sha, outbox.c.recipient != ERASED)).scalar_one()
        if not others:
            out.append(sha)
    return out


def _delete_blobs(blobs: BlobStore, shas: Iterable[str]) -> int:
    n = 0
    for sha in shas:
        p = blobs.path(sha)
        if p.is_file():
            p.unlink()
            n += 1
    return n


# ------------------------------------------------------------------ retention

def apply_retention(db, blobs: BlobStore, settings: PrivacySettings, *, today: date | None = None,
                    now: datetime | None = None) -> Erasure | None:
    """Once the retention period after the selection is over, every dossier is reduced to
    its statistics and every raw email and answer deleted. None: not due yet (or no
    policy configured)."""
    due = settings.purge_after()
    today = today or datetime.now(UTC).date()
    if due is None or today < due:
        return None
    now = now or datetime.now(UTC)
    with db.begin() as conn:
        h = Holding(
            messages=list(conn.execute(select(messages).where(
                (messages.c.sender.is_not(None)) | (messages.c.message_id.is_not(None))))),
            dossiers=[d for d in conn.execute(select(dossiers)) if '"anonymised_at"' not in (d.dossier_json or "")],
            answers=list(conn.execute(select(outbox).where(outbox.c.recipient != ERASED))))
        shas = {m.sha256 for m in conn.execute(select(messages.c.sha256))} | {
            a.raw_sha256 for a in conn.execute(select(outbox.c.raw_sha256))}
        result = _erase(conn, h, now)
        conn.execute(insert(audit_log).values(
            at=now, user_id=None, dossier_id=None, action="retention_applied", before=None,
            after=json.dumps({"messages": result.messages, "dossiers": result.dossiers, "reponses": result.answers}),
            reason=f"durée de conservation écoulée le {due.isoformat()}"))
    result.blobs = _delete_blobs(blobs, shas)
    return result


def is_anonymised(dossier_json: str | None) -> bool:
    return bool(dossier_json) and '"anonymised_at"' in (dossier_json or "")
