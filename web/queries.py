"""The web app's SQL: the queue (one statement for a page of dossiers), a dossier with its
messages, answers, overrides, notes and audit log, and the secretariat's changes, each
with its audit entry in the same transaction. Works on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Row

from intake.answering import outbox as mail_outbox
from intake.config import default_call
from intake.decisions import (
    BUDGET_FIELDS,
    DECISION_FIELD,
    DECISIONS,
    OVERRIDE_STATUSES,
    SECTION_PREFIX,
    apply_corrections,
    budget_imbalance,
    corrected_decision,
    first_blocking,
    flag_key,
    severity_counts,
    unread_file_flag,
)
from intake.reading.message import decode_message
from intake.reading.mime.html import html_to_text
from intake.vocabulary import PARIS, euros
from storage.blobs import BlobStore
from storage.queries import now
from storage.schema import (
    HELD,
    NOT_APPLICABLE,
    SEND_FAILED,
    audit_log,
    dossier_corrections,
    dossier_messages,
    dossiers,
    flag_overrides,
    messages,
    notes,
    outbox,
    users,
)

from .accounts import User

PAGE_SIZE = 50
TODO_DECISIONS = ("incomplete", "needs_review")
SORTS = ("reference", "received", "decision", "applicant", "title", "anact", "share", "mail")


class ActionError(ValueError):
    """A change the secretariat asked for that cannot be made (French, shown on the page)."""


class NeedsConfirmation(ActionError):
    """A change that can be made, but whose effect the page shows first (a budget that
    would no longer add up): made once the secretariat confirms."""


# ------------------------------------------------------------------ the queue

@dataclass
class QueueFilters:
    """What the queue's GET form asks for; every field comes from the URL."""

    decision: str = ""
    flag: str = ""
    date_from: date | None = None
    date_to: date | None = None
    todo: bool = False
    q: str = ""
    sort: str = "received"
    desc: bool = False
    page: int = 1

    @classmethod
    def from_params(cls, params) -> QueueFilters:
        def day(name: str) -> date | None:
            try:
                return date.fromisoformat(params.get(name, "").strip())
            except ValueError:
                return None

        try:
            page = max(1, int(params.get("page", "1")))
        except ValueError:
            page = 1
        decision = params.get("decision", "")
        sort = params.get("sort", "received")
        return cls(decision=decision if decision in DECISIONS else "",
                   flag=params.get("flag", "").strip()[:64], date_from=day("from"), date_to=day("to"),
                   todo=params.get("todo", "") in ("1", "on", "true"), q=params.get("q", "").strip()[:200],
                   sort=sort if sort in SORTS else "received", desc=params.get("dir", "") == "desc",
                   page=min(page, 100_000))

    def params(self, **changes) -> dict[str, str]:
        """The URL parameters of these filters (empty ones left out), with `changes`."""
        values = {"decision": self.decision, "flag": self.flag,
                  "from": self.date_from.isoformat() if self.date_from else "",
                  "to": self.date_to.isoformat() if self.date_to else "",
                  "todo": "1" if self.todo else "", "q": self.q, "sort": self.sort,
                  "dir": "desc" if self.desc else "", "page": str(self.page) if self.page > 1 else ""}
        values.update({k: v for k, v in changes.items()})
        if values.get("sort") == "received" and not values.get("dir"):
            values.pop("sort")
        return {k: v for k, v in values.items() if v}


@dataclass
class QueuePage:
    rows: list[dict]
    total: int           # dossiers matching the filters
    page: int
    pages: int
    counts: dict[str, int] = field(default_factory=dict)  # every dossier, per decision
    todo: int = 0        # every dossier needing a human


def _json_number(conn: Connection, *path: str):
    """A number inside dossier_json, for sorting (SQLite's json_extract, PostgreSQL's
    jsonb_extract_path_text)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB

        return cast(func.jsonb_extract_path_text(cast(dossiers.c.dossier_json, JSONB), *path), Float)
    return func.json_extract(dossiers.c.dossier_json, "$." + ".".join(path))


def _mail_summary():
    """Per dossier: its last outbox row, how many are held and how many failed."""
    return (select(outbox.c.dossier_id,
                   func.max(outbox.c.id).label("last_id"),
                   func.sum(case((outbox.c.state == HELD, 1), else_=0)).label("held"),
                   func.sum(case((outbox.c.state == SEND_FAILED, 1), else_=0)).label("failed"))
            .group_by(outbox.c.dossier_id).subquery("mail_summary"))


def _set_aside():
    """Per dossier: the flags marked not applicable, as 'code<TAB>target' lines."""
    return (select(flag_overrides.c.dossier_id,
                   func.aggregate_strings(flag_overrides.c.code + literal("\t") + flag_overrides.c.target,
                                          "\n").label("flag_keys"))
            .where(flag_overrides.c.status == NOT_APPLICABLE)
            .group_by(flag_overrides.c.dossier_id).subquery("set_aside"))


def _fixes():
    """Per dossier: the secretariat's corrections of facts, as 'field<TAB>value' lines."""
    return (select(dossier_corrections.c.dossier_id,
                   func.aggregate_strings(dossier_corrections.c.field + literal("\t") + dossier_corrections.c.value,
                                          "\n").label("fix_lines"))
            .group_by(dossier_corrections.c.dossier_id).subquery("fixes"))


def _not_reviewed():
    """Never marked reviewed, or changed since (a new email, a decision re-derived)."""
    return or_(dossiers.c.reviewed_at.is_(None), dossiers.c.reviewed_at < dossiers.c.updated_at)


def _todo_condition(summary):
    """Needs a human: incomplete or to review, a message that is not a proposal (a
    question) that nobody has noted yet, unless marked reviewed since its last change;
    an email held for approval or that failed, whatever the marks."""
    has_note = exists().where(notes.c.dossier_id == dossiers.c.id)
    return or_(and_(dossiers.c.decision.in_(TODO_DECISIONS), _not_reviewed()),
               and_(dossiers.c.decision == "not_a_proposal", ~has_note, _not_reviewed()),
               func.coalesce(summary.c.held, 0) > 0,
               func.coalesce(summary.c.failed, 0) > 0)


def _paris_midnight(d: date) -> datetime:
    return datetime.combine(d, time(0), tzinfo=PARIS)


def queue_page(conn: Connection, f: QueueFilters, page_size: int = PAGE_SIZE, *,
               only: list[str] | None = None, limits: dict | None = None) -> QueuePage:
    """One statement for the page's rows (dossier, last email, held/failed counts, flags
    set aside), one for the number of matches, one for the counts at the top (per
    decision, and how many need a human). `only`: these references alone (the rows
    ticked in the queue)."""
    summary = _mail_summary()
    aside = _set_aside()
    fixes = _fixes()
    last = outbox.alias("last_mail")
    conds: list[ColumnElement[bool]] = []
    if only is not None:
        conds.append(dossiers.c.reference.in_(only))
    if f.decision:
        conds.append(dossiers.c.decision == f.decision)
    if f.flag:
        conds.append(dossiers.c.dossier_json.contains(f'"code": {json.dumps(f.flag)}', autoescape=True))
    if f.date_from:
        conds.append(dossiers.c.first_received >= _paris_midnight(f.date_from))
    if f.date_to:
        conds.append(dossiers.c.first_received < _paris_midnight(f.date_to + timedelta(days=1)))
    if f.todo:
        conds.append(_todo_condition(summary))
    if f.q:
        words = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', f.q)][:8]  # words, "a phrase"
        for w in words:
            pattern = json.dumps(w, ensure_ascii=False)[1:-1]  # as it is written inside the JSON
            conds.append(or_(*(col.icontains(w, autoescape=True) for col in (
                dossiers.c.reference, dossiers.c.sender, dossiers.c.sender_address, dossiers.c.subject,
                dossiers.c.title)), dossiers.c.dossier_json.icontains(pattern, autoescape=True)))

    base = (select(dossiers.c.id)
            .select_from(dossiers.outerjoin(summary, summary.c.dossier_id == dossiers.c.id))
            .where(*conds))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar() or 0
    pages = max(1, -(-total // page_size))
    page = min(f.page, pages)

    order = {
        "reference": dossiers.c.reference,
        "received": dossiers.c.first_received,
        "decision": dossiers.c.decision,
        "applicant": func.coalesce(dossiers.c.sender_address, dossiers.c.sender),
        "title": func.coalesce(dossiers.c.title, dossiers.c.subject),
        "anact": _json_number(conn, "budget", "anact_request"),
        "share": _json_number(conn, "budget", "cofinancing", "share"),
        "mail": last.c.state,
    }[f.sort]
    order = order.desc() if f.desc else order.asc()
    joined = (dossiers.outerjoin(summary, summary.c.dossier_id == dossiers.c.id)
              .outerjoin(last, last.c.id == summary.c.last_id))
    # The page's ids sorted on narrow rows (a subquery), then those 50 rows in full: sorting
    # the full rows (dossier_json included) to skip the earlier pages cost 2 to 3 times more.
    page_ids = (select(dossiers.c.id).select_from(joined).where(*conds)
                .order_by(order.nulls_last(), dossiers.c.reference)
                .limit(page_size).offset((page - 1) * page_size).subquery("page_ids"))
    stmt = (select(dossiers.c.id, dossiers.c.reference, dossiers.c.sender, dossiers.c.sender_address,
                   dossiers.c.subject, dossiers.c.title, dossiers.c.decision, dossiers.c.first_received,
                   dossiers.c.answer_due_at, dossiers.c.dossier_json, dossiers.c.reviewed_at,
                   dossiers.c.updated_at,
                   last.c.state.label("mail_state"), last.c.kind.label("mail_kind"),
                   func.coalesce(summary.c.held, 0).label("held"),
                   func.coalesce(summary.c.failed, 0).label("failed"),
                   aside.c.flag_keys.label("set_aside"), fixes.c.fix_lines)
            .select_from(page_ids.join(dossiers, dossiers.c.id == page_ids.c.id)
                         .outerjoin(summary, summary.c.dossier_id == dossiers.c.id)
                         .outerjoin(last, last.c.id == summary.c.last_id)
                         .outerjoin(aside, aside.c.dossier_id == dossiers.c.id)
                         .outerjoin(fixes, fixes.c.dossier_id == dossiers.c.id))
            .order_by(order.nulls_last(), dossiers.c.reference))
    rows = [_queue_row(r, limits) for r in conn.execute(stmt)]
    counts, todo = {}, 0
    for decision, n, n_todo in conn.execute(
            select(dossiers.c.decision, func.count(), func.sum(case((_todo_condition(summary), 1), else_=0)))
            .select_from(dossiers.outerjoin(summary, summary.c.dossier_id == dossiers.c.id))
            .group_by(dossiers.c.decision)):
        counts[decision or ""] = n
        todo += int(n_todo or 0)
    return QueuePage(rows, total, page, pages, counts, todo)


def _queue_row(r: Row, limits: dict | None = None) -> dict:
    try:
        data = json.loads(r.dossier_json)
    except ValueError:
        data = {}
    fixes = dict(line.split("\t", 1) for line in (r.fix_lines or "").split("\n") if "\t" in line)
    if fixes:  # the figures and flags as the secretariat corrected them, as on the dossier page
        data = apply_corrections(data, fixes, **(limits or call_limits()))
    aside = {}
    for line in (r.set_aside or "").split("\n"):
        if line:
            code, _, target = line.partition("\t")
            aside[(code, target)] = NOT_APPLICABLE
    budget = data.get("budget") or {}
    return {
        "reference": r.reference,
        "applicant": r.sender_address or r.sender or "",
        "title": r.title or r.subject or "",
        "received": r.first_received,
        "decision": r.decision or "",
        "flags": severity_counts(data, aside),
        "first_blocking": first_blocking(data, aside),
        "unread_file": unread_file_flag(data, aside),
        "flag_codes": sorted({f.get("code", "") for f in data.get("flags") or []
                              if aside.get(flag_key(f)) != NOT_APPLICABLE}),
        "anact": budget.get("anact_request"),
        "share": (budget.get("cofinancing") or {}).get("share"),
        "mail_state": r.mail_state, "mail_kind": r.mail_kind,
        "answer_waiting": r.answer_due_at is not None,
        "held": int(r.held or 0), "failed": int(r.failed or 0),
        "reviewed": r.reviewed_at is not None and r.reviewed_at >= r.updated_at,
        "corrected": any(k in fixes for k in BUDGET_FIELDS),
        "data": data,
    }


# ------------------------------------------------------------------ a dossier

@dataclass
class DossierView:
    row: Row
    data: dict
    messages: list[dict]
    mails: list[Row]
    overrides: dict[tuple[str, str], Row]
    notes: list[Row]
    audit: list[Row]
    corrections: dict[str, Row] = field(default_factory=dict)


def dossier_by_reference(conn: Connection, reference: str) -> Row | None:
    return conn.execute(select(dossiers).where(dossiers.c.reference == reference.upper())).first()


def message_headers(blobs: BlobStore, sha: str) -> dict[str, str]:
    """From and Subject of a stored message, decoded; empty when the blob is gone."""
    try:
        head = BytesHeaderParser(policy=default_policy).parsebytes(blobs.get(sha))
        return {"from": str(head.get("From") or ""), "subject": str(head.get("Subject") or "")}
    except Exception:  # noqa: BLE001 - a broken header or a pruned store: shown as unknown
        return {"from": "", "subject": ""}


BODY_CHARS = 20_000  # the text of an email shown on its dossier's page, at most


def message_body(blobs: BlobStore, sha: str) -> str:
    """The readable text of a stored email (its plain body, or its HTML body as text),
    decoded as the reader decodes it; cut to BODY_CHARS; empty when the blob is gone."""
    try:
        decoded = decode_message(blobs.get(sha))
    except Exception:  # noqa: BLE001 - a pruned store or a message past repair: nothing to show
        return ""
    text = decoded.body_text or (html_to_text(decoded.body_html) if decoded.body_html else "")
    text = text.strip()
    return text if len(text) <= BODY_CHARS else text[:BODY_CHARS] + " […]"


def load_dossier(conn: Connection, blobs: BlobStore, reference: str) -> DossierView | None:
    d = dossier_by_reference(conn, reference)
    if d is None:
        return None
    try:
        data = json.loads(d.dossier_json)
    except ValueError:
        data = {}
    msgs = []
    for m in conn.execute(select(messages).join(dossier_messages, dossier_messages.c.message_id == messages.c.id)
                          .where(dossier_messages.c.dossier_id == d.id)
                          .order_by(messages.c.internaldate, messages.c.id)):
        msgs.append({"row": m, **message_headers(blobs, m.sha256), "body": message_body(blobs, m.sha256)})
    mails = list(conn.execute(select(outbox).where(outbox.c.dossier_id == d.id).order_by(outbox.c.id)))
    overrides = {(o.code, o.target or ""): o for o in conn.execute(
        select(flag_overrides, users.c.name.label("user_name"))
        .join(users, users.c.id == flag_overrides.c.user_id)
        .where(flag_overrides.c.dossier_id == d.id))}
    note_rows = list(conn.execute(select(notes, users.c.name.label("user_name"))
                                  .join(users, users.c.id == notes.c.user_id)
                                  .where(notes.c.dossier_id == d.id).order_by(notes.c.id.desc())))
    audit = list(conn.execute(select(audit_log, users.c.name.label("user_name"), users.c.email.label("user_email"))
                              .outerjoin(users, users.c.id == audit_log.c.user_id)
                              .where(audit_log.c.dossier_id == d.id).order_by(audit_log.c.id.desc())))
    return DossierView(d, data, msgs, mails, overrides, note_rows, audit, corrections_of(conn, d.id))


# ------------------------------------------------------------------ changes

def _audit(conn: Connection, user: User | None, dossier_id: int, action: str, before, after, reason: str | None) -> None:
    conn.execute(insert(audit_log).values(
        at=now(), user_id=user.id if user else None, dossier_id=dossier_id, action=action,
        before=None if before is None else json.dumps(before, ensure_ascii=False),
        after=None if after is None else json.dumps(after, ensure_ascii=False), reason=reason))


def _locked_dossier(conn: Connection, dossier_id: int) -> Row:
    """The dossier row, locked on PostgreSQL until the transaction ends (two people
    correcting the same dossier at once are applied one after the other)."""
    stmt = select(dossiers).where(dossiers.c.id == dossier_id)
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return conn.execute(stmt).one()


def call_limits(call=None) -> dict:
    """The call's cap on the Anact request and minimum co-financing share (config [call];
    the default configuration when the app was given none)."""
    call = call or default_call()
    return {"anact_cap": call.anact_cap, "min_share": call.cofinancing_min_share}


def corrections_of(conn: Connection, dossier_id: int) -> dict[str, Row]:
    return {r.field: r for r in conn.execute(
        select(dossier_corrections, users.c.name.label("user_name"))
        .join(users, users.c.id == dossier_corrections.c.user_id)
        .where(dossier_corrections.c.dossier_id == dossier_id))}


def rederive(conn: Connection, user: User | None, dossier_id: int, reason: str,
             call=None, *, replan: bool = True) -> tuple[str | None, str | None]:
    """Store the decision the corrected facts call for (or the one set directly);
    audited when it changes. With `user` None (the worker after a re-read, the command
    line) the journal says so. `replan`: withdraw the emails written from the old facts
    and plan the one that fits (off where the caller has just written the answer)."""
    d = _locked_dossier(conn, dossier_id)
    after = corrected_decision(conn, dossier_id, json.loads(d.dossier_json), call or default_call())
    if after != d.decision:
        conn.execute(update(dossiers).where(dossiers.c.id == dossier_id).values(decision=after, updated_at=now()))
        _audit(conn, user, dossier_id, "decision", {"decision": d.decision}, {"decision": after}, reason)
    # the emails written from the old facts and not sent yet no longer fit: withdrawn, and
    # the answer the dossier now calls for planned (written from the corrected facts)
    if not replan:
        return d.decision, after
    withdrawn, kind = mail_outbox.withdraw_and_replan(conn, dossier_id, d.decision, after,
                                                      holding_reply=True, now=now())
    for row in withdrawn:
        _audit(conn, user, dossier_id, "email_withdrawn", {"email": row.id, "kind": row.kind, "state": row.state},
               {"email": row.id, "kind": row.kind, "state": "withdrawn"}, reason)
    if kind and (withdrawn or after != d.decision):
        _audit(conn, user, dossier_id, "answer_planned", None, {"kind": kind}, reason)
    return d.decision, after


def _unbalanced_by(data: dict, fixes: dict[str, str], name: str, value: str, call) -> str:
    """What a budget correction would leave not adding up (French), "" when it adds up
    or when it was already so before this correction."""
    limits = call_limits(call)
    before = budget_imbalance(apply_corrections(data, fixes, **limits)) if fixes else budget_imbalance(data)
    after = budget_imbalance(apply_corrections(data, {**fixes, name: value}, **limits))
    if after is None or after == before:
        return ""
    anact, cof, total = after
    return (f"Avec ce montant, le budget ne s'additionne plus : {euros(anact)} demandés à l'Anact et "
            f"{euros(cof)} de co-financement font {euros(anact + cof)}, pour un coût total de {euros(total)} "
            f"(écart de {euros(abs(anact + cof - total))}). Corrigez aussi l'autre chiffre, ou enregistrez "
            "quand même si l'écart est voulu.")


def set_correction(conn: Connection, user: User, dossier_id: int, name: str, value: str, reason: str,
                   call=None, *, confirmed: bool = True) -> tuple[str | None, str | None]:
    """Correct a fact of the dossier: a budget figure (an amount in euros), a section
    present or absent, the decision set directly; an empty value takes the correction
    back (the reading holds again). Audited (before, after, why); then the decision is
    re-derived. Returns (decision before, after)."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionError("Indiquez la raison de la correction : elle est gardée au journal.")
    if len(reason) > 4000:
        raise ActionError("Raison trop longue (4 000 caractères au plus).")
    value = (value or "").strip()
    d = _locked_dossier(conn, dossier_id)
    data = json.loads(d.dossier_json)
    if name in BUDGET_FIELDS:
        if value:
            try:
                amount = float(value.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
                               .replace("€", "").replace(",", "."))
            except ValueError:
                raise ActionError("Montant illisible : écrivez un nombre d'euros, par exemple 12500 ou 12 500,50.") from None
            if not (0 <= amount < 1e12):
                raise ActionError("Le montant doit être positif.")
            value = f"{amount:.2f}".rstrip("0").rstrip(".")  # 12000, 12000.5
        budget = data.get("budget") or {}
        read = (budget.get("cofinancing") or {}).get("amount") if name == "cofinancing_amount" else budget.get(name)
    elif name.startswith(SECTION_PREFIX):
        if value not in ("", "present", "absent"):
            raise ActionError("Choix inconnu.")
        sid = name[len(SECTION_PREFIX):]
        limits_call = call or default_call()
        if sid not in limits_call.sections and sid not in (data.get("sections") or {}):
            raise ActionError("Cette partie n'est pas demandée par l'appel.")
        read = "present" if ((data.get("sections") or {}).get(sid) or {}).get("present") else "absent"
    elif name == DECISION_FIELD:
        if value not in ("", *DECISIONS):
            raise ActionError("Décision inconnue.")
        read = None
    else:
        raise ActionError("Correction inconnue.")
    old = conn.execute(select(dossier_corrections).where(
        dossier_corrections.c.dossier_id == dossier_id, dossier_corrections.c.field == name)).first()
    if (old.value if old else "") == value:
        raise ActionError("La donnée est déjà dans cet état." if value else "Il n'y a pas de correction à retirer.")
    if name in BUDGET_FIELDS and value and not confirmed:
        fixes = {r.field: r.value for r in conn.execute(select(dossier_corrections).where(
            dossier_corrections.c.dossier_id == dossier_id))}
        unbalanced = _unbalanced_by(data, fixes, name, value, call)
        if unbalanced:
            raise NeedsConfirmation(unbalanced)
    t = now()
    if not value and old is not None:
        conn.execute(delete(dossier_corrections).where(dossier_corrections.c.id == old.id))
    elif old is None:
        conn.execute(insert(dossier_corrections).values(dossier_id=dossier_id, field=name, value=value,
                                                        reason=reason, user_id=user.id, created_at=t, updated_at=t))
    else:
        conn.execute(update(dossier_corrections).where(dossier_corrections.c.id == old.id).values(
            value=value, reason=reason, user_id=user.id, updated_at=t))
    _audit(conn, user, dossier_id, "correction",
           {"field": name, "value": old.value if old else None, "read": read},
           {"field": name, "value": value or None, "read": read}, reason)
    return rederive(conn, user, dossier_id, reason, call)


def set_flag_override(conn: Connection, user: User, dossier_id: int, code: str, target: str, status: str,
                      comment: str, call=None) -> tuple[str | None, str | None]:
    """Mark a flag of the reading not applicable or confirmed (status ''), or take the
    mark back; then re-derive the decision. Returns (decision before, after)."""
    comment = (comment or "").strip()
    if not comment:
        raise ActionError("Indiquez la raison de la correction : elle est gardée au journal.")
    if len(comment) > 4000:
        raise ActionError("Commentaire trop long (4 000 caractères au plus).")
    if status not in (*OVERRIDE_STATUSES, ""):
        raise ActionError("Choix inconnu.")
    d = _locked_dossier(conn, dossier_id)
    data = json.loads(d.dossier_json)
    fixes = {f: r.value for f, r in corrections_of(conn, dossier_id).items()}
    if fixes:  # a flag the corrected facts raised can be set aside too
        data = apply_corrections(data, fixes, **call_limits(call))
    if (code, target) not in {flag_key(f) for f in data.get("flags") or []}:
        raise ActionError("Cette alerte ne figure pas (ou plus) dans le dossier.")
    old = conn.execute(select(flag_overrides).where(
        flag_overrides.c.dossier_id == dossier_id, flag_overrides.c.code == code,
        flag_overrides.c.target == target)).first()
    before = {"code": code, "target": target, "status": old.status if old else None}
    after = {"code": code, "target": target, "status": status or None}
    if (old.status if old else "") == status:
        raise ActionError("L'alerte est déjà dans cet état.")
    t = now()
    if not status and old is not None:
        conn.execute(delete(flag_overrides).where(flag_overrides.c.id == old.id))
    elif old is None:
        conn.execute(insert(flag_overrides).values(dossier_id=dossier_id, code=code, target=target, status=status,
                                                   comment=comment, user_id=user.id, created_at=t, updated_at=t))
    else:
        conn.execute(update(flag_overrides).where(flag_overrides.c.id == old.id).values(
            status=status, comment=comment, user_id=user.id, updated_at=t))
    _audit(conn, user, dossier_id, "flag_override", before, after, comment)
    return rederive(conn, user, dossier_id, comment, call)


def add_note(conn: Connection, user: User, dossier_id: int, body: str, for_committee: bool = False) -> None:
    """A note on the dossier; `for_committee`: shown to the committee on its summary
    (the others stay within the secretariat)."""
    body = (body or "").strip()
    if not body:
        raise ActionError("La note est vide.")
    if len(body) > 10_000:
        raise ActionError("Note trop longue (10 000 caractères au plus).")
    conn.execute(insert(notes).values(dossier_id=dossier_id, user_id=user.id, body=body, created_at=now(),
                                      for_committee=for_committee))
    _audit(conn, user, dossier_id, "note_committee" if for_committee else "note", None, {"note": body[:300]}, None)


def _own_note(conn: Connection, user: User, dossier_id: int, note_id: int) -> Row:
    row = conn.execute(select(notes).where(notes.c.id == note_id, notes.c.dossier_id == dossier_id)).first()
    if row is None:
        raise ActionError("Cette note n'existe pas (ou plus) dans ce dossier.")
    if row.user_id != user.id and user.role != "admin":
        raise ActionError("Seul l'auteur d'une note (ou un administrateur) peut la modifier ou la supprimer.")
    return row


def edit_note(conn: Connection, user: User, dossier_id: int, note_id: int, body: str,
              for_committee: bool = False) -> None:
    """The author rewrites a note (or changes who reads it); the journal keeps both texts."""
    row = _own_note(conn, user, dossier_id, note_id)
    body = (body or "").strip()
    if not body:
        raise ActionError("La note est vide : pour l'ôter, supprimez-la.")
    if len(body) > 10_000:
        raise ActionError("Note trop longue (10 000 caractères au plus).")
    if body == row.body and bool(row.for_committee) == for_committee:
        return
    conn.execute(update(notes).where(notes.c.id == row.id).values(body=body, for_committee=for_committee))
    _audit(conn, user, dossier_id, "note_edited",
           {"note": row.body[:300], "for_committee": bool(row.for_committee)},
           {"note": body[:300], "for_committee": for_committee}, None)


def delete_note(conn: Connection, user: User, dossier_id: int, note_id: int) -> None:
    """The author removes a note; its text stays in the journal."""
    row = _own_note(conn, user, dossier_id, note_id)
    conn.execute(delete(notes).where(notes.c.id == row.id))
    _audit(conn, user, dossier_id, "note_deleted", {"note": row.body[:300], "for_committee": bool(row.for_committee)},
           None, None)


def mail_action(conn: Connection, user: User, dossier_id: int, outbox_id: int, action: str,
                reason: str = "") -> None:
    """Approve or discard an email of this dossier (intake.answering.outbox does the change)."""
    row = conn.execute(select(outbox).where(outbox.c.id == outbox_id, outbox.c.dossier_id == dossier_id)).first()
    if row is None:
        raise ActionError("Ce courriel n'appartient pas à ce dossier.")
    if action == "approve":
        if not mail_outbox.approve(conn, outbox_id):
            raise ActionError("Ce courriel n'est pas en attente de validation.")
        new_state, audit_action = "queued", "email_approved"
    elif action == "discard":
        if not mail_outbox.discard(conn, outbox_id):
            raise ActionError("Ce courriel ne peut plus être écarté.")
        new_state, audit_action = "discarded", "email_discarded"
    else:
        raise ActionError("Action inconnue.")
    _audit(conn, user, dossier_id, audit_action,
           {"email": outbox_id, "kind": row.kind, "state": row.state},
           {"email": outbox_id, "kind": row.kind, "state": new_state}, reason.strip() or None)
