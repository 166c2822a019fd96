"""Case specification model and the label engine (the call's rules applied to a spec).

The expected dossier of every case is computed here from the specification that the
generator also renders, so labels are never typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr, parsedate_to_datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

from tests.corpus.texts import SECTION_IDS

PARIS = ZoneInfo("Europe/Paris")
DEADLINE = datetime(2022, 8, 23, 23, 59, 59, tzinfo=PARIS)
END_LIMIT = date(2023, 12, 30)
CAP = 80_000
MIN_SHARE = Fraction(1, 5)
CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")

SEVERITY = {
    "no_proposal_document": "blocking",
    "unreadable_attachment": "warning",
    "scanned_document": "warning",
    "missing_section": "blocking",
    "missing_budget": "blocking",
    "budget_total_mismatch": "warning",
    "anact_request_over_cap": "blocking",
    "cofinancing_below_minimum": "blocking",
    "ineligible_expense": "warning",
    "late_submission": "blocking",
    "project_end_after_limit": "blocking",
    "subject_mismatch": "warning",
}
ITEM_SEVERITY = {
    "personnel": "blocking",
    "cofinancement": "blocking",
    "deplacements_logistique": "warning",
    "prestations": "warning",
}


@dataclass
class BudgetLine:
    """One expense line (amount excluding tax)."""

    label: str
    category: str
    amount: float
    days: int | None = None
    rate: float | None = None


@dataclass
class Resource:
    """One resource line: Anact's request or a co-financing source."""

    label: str
    amount: float
    nature: str  # anact | autofinancement | subvention | en_nature
    status: str = ""


@dataclass
class Budget:
    """A budget as the applicant wrote it, with its rendering options."""

    lines: list[BudgetLine]
    anact: float
    cofin: list[Resource]
    declared_total: float | None
    anact_sentence: bool = False
    style: str = "simple"  # simple | detailed | combined | text
    fmt: str = "eur"
    ttc: bool = False
    formulas: bool = False
    text_amounts: bool = False
    two_sheets: bool = False
    anact_label: str = "Subvention Anact – La Fabrique CTO"

    @property
    def lines_sum(self) -> float:
        """Sum of the expense lines."""
        return round(sum(line.amount for line in self.lines), 2)


@dataclass
class Part:
    """A part of the project description: one heading covering one or two section ids."""

    ids: tuple[str, ...]
    heading: str
    blocks: list[object]


@dataclass
class Proposal:
    """The project description and its budget."""

    title: str
    project: str
    porteur_heading: str
    porteur_text: str
    parts: list[Part]
    budget: Budget | None
    budget_heading: str
    partners: list[tuple[str, str]]
    end_date: date
    heading_style: str = "word"
    numbering: str = "1."

    @property
    def section_ids(self) -> set[str]:
        """Ids of the ten parts that the description contains."""
        return {i for part in self.parts for i in part.ids}


@dataclass
class Attachment:
    """A file carried by the message (or by a ZIP or a forwarded message)."""

    filename: str
    kind: str  # docx pdf odt doc xlsx ods scan enc corrupt rar logo zip
    content: frozenset[str] = frozenset()  # {"sections", "budget"} or empty (annex)
    status: str = "parsed"
    disposition: str = "attachment"
    media_type: str | None = None
    name_encoding: str = "rfc2231"  # rfc2231 | rfc2047
    members: list[Attachment] = field(default_factory=list)
    source: str = "docx"  # what a pdf/doc/scan/enc is made from: docx | odt
    annex: str = ""  # kind of annex text (cv, lettre)
    data: bytes = b""


@dataclass
class Case:
    """Everything needed to render one message and compute its expected dossier."""

    case_id: str
    sender: str
    sender_name: str
    subject: str
    date: str
    message_id: str
    kind: str  # proposal | cijoint | question | autoreply
    body_proposal: str  # "" | text | html
    attachments: list[Attachment]
    proposal: Proposal | None
    forwarded: bool = False
    # a proposal forwarded by the call's organisation is its original sender's, sent when
    # the original was (the contract): the label's message.from and message.date
    original_sender: str = ""
    original_date: str = ""
    defects: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    notes: str = ""
    linesep: str = "\r\n"
    logo: bool = False

    def all_attachments(self) -> Iterator[Attachment]:
        """Attachments as the reader should list them: ZIP members instead of the ZIP."""
        for att in self.attachments:
            if att.kind == "zip":
                yield from att.members
            else:
                yield att


def subject_names_call(subject: str) -> bool:
    """The call's subject rule: "Fabrique CTO" or "manifestation d'intérêt", loosely."""
    import unicodedata

    text = unicodedata.normalize("NFKD", subject)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for apo in ("\u2019", "\u2018", "\u02bc", "`", "\u00b4"):
        text = text.replace(apo, "'")
    text = " ".join(text.split())
    return "fabrique cto" in text or "manifestation d'interet" in text


def is_late(date_header: str) -> bool:
    """True when the Date header is after the deadline (Paris time, inclusive)."""
    return parsedate_to_datetime(date_header) > DEADLINE


def _flag(code: str, target: str = "") -> dict[str, str]:
    severity = ITEM_SEVERITY[target] if code == "missing_budget_item" else SEVERITY[code]
    return {"code": code, "target": target, "severity": severity}


def expected_dossier(case: Case) -> dict[str, object]:
    """Apply the call's rules (contract "How to read the rules") to the case spec."""
    proposal = case.proposal
    attachments = list(case.all_attachments())
    readable = [a for a in attachments if a.status == "parsed"]

    # Sections and budget come from readable documents or from the body.
    sources: dict[str, str | None] = {}
    budget_found = False
    if proposal is not None:
        if case.body_proposal:
            for sid in sorted(proposal.section_ids):
                sources.setdefault(sid, None)
            budget_found = proposal.budget is not None
        for att in readable:
            if "sections" in att.content:
                for sid in sorted(proposal.section_ids):
                    sources.setdefault(sid, att.filename)
            if "budget" in att.content and proposal.budget is not None:
                budget_found = True

    sections: dict[str, dict[str, object]] = {}
    for sid in SECTION_IDS:
        entry: dict[str, object] = {"present": sid in sources}
        if sources.get(sid):
            entry["source"] = sources[sid]
        sections[sid] = entry

    flags: list[dict[str, str]] = []
    documents = [a for a in attachments if a.status != "skipped"]
    if not documents and not case.body_proposal:
        flags.append(_flag("no_proposal_document"))
    for att in attachments:
        if att.status in ("encrypted", "unreadable", "unsupported"):
            flags.append(_flag("unreadable_attachment", att.filename))
        elif att.status == "scanned":
            flags.append(_flag("scanned_document", att.filename))
    for sid in SECTION_IDS:
        if sid not in sources:
            flags.append(_flag("missing_section", sid))

    budget_expected: dict[str, object]
    if not budget_found:
        flags.append(_flag("missing_budget"))
        budget_expected = {
            "total_cost": None,
            "anact_request": None,
            "cofinancing": {"amount": None, "share": None},
        }
    else:
        assert proposal is not None and proposal.budget is not None
        budget = proposal.budget
        totals = {c: 0.0 for c in CATEGORIES}
        for line in budget.lines:
            totals[line.category] = round(totals[line.category] + line.amount, 2)
        for cat in ("personnel", "deplacements_logistique", "prestations"):
            if not any(line.category == cat for line in budget.lines):
                flags.append(_flag("missing_budget_item", cat))
        if not budget.cofin:
            flags.append(_flag("missing_budget_item", "cofinancement"))
        lines_sum = Fraction(str(budget.lines_sum))
        total = (
            Fraction(str(budget.declared_total)) if budget.declared_total is not None else lines_sum
        )
        if budget.declared_total is not None and abs(total - lines_sum) > 1:
            flags.append(_flag("budget_total_mismatch"))
        if Fraction(str(budget.anact)) > CAP:
            flags.append(_flag("anact_request_over_cap"))
        cofin_amount: Fraction | None = None
        if budget.cofin:
            cofin_amount = sum((Fraction(str(r.amount)) for r in budget.cofin), Fraction(0))
            if cofin_amount / total < MIN_SHARE:
                flags.append(_flag("cofinancing_below_minimum"))
        elif total:
            # no co-financing at all is below the minimum too (figures stay null: none given)
            flags.append(_flag("cofinancing_below_minimum"))
        for line in budget.lines:
            if line.category == "autre":
                flags.append(_flag("ineligible_expense", line.label))
        budget_expected = {
            "total_cost": float(total),
            "anact_request": float(budget.anact),
            "cofinancing": {
                "amount": None if cofin_amount is None else float(cofin_amount),
                "share": None if cofin_amount is None else round(float(cofin_amount / total), 4),
            },
            "totals": totals,
        }

    if is_late(case.date):
        flags.append(_flag("late_submission"))
    if proposal is not None and "phasage" in sources and proposal.end_date > END_LIMIT:
        flags.append(_flag("project_end_after_limit"))
    if not subject_names_call(case.subject):
        flags.append(_flag("subject_mismatch"))

    partners: list[dict[str, str]] = []
    if proposal is not None and "partenaires" in sources:
        partners = [{"name": name} for name, _ in proposal.partners]

    blocking = any(f["severity"] == "blocking" for f in flags)
    unread = any(a.status in ("scanned", "encrypted", "unreadable") for a in attachments)
    if is_late(case.date):
        decision = "late"
    elif case.kind in ("question", "autoreply"):
        decision = "not_a_proposal"
    elif unread and blocking:
        decision = "needs_review"
    elif blocking:
        decision = "incomplete"
    else:
        decision = "complete"

    when = parsedate_to_datetime(case.original_date or case.date)
    return {
        "message": {
            "message_id": case.message_id,
            "from": parseaddr(case.original_sender or case.sender)[1],
            "subject": case.subject,
            "date": when.isoformat(),
        },
        "attachments": [{"filename": a.filename, "status": a.status} for a in attachments],
        "sections": sections,
        "budget": budget_expected,
        "partners": partners,
        "flags": flags,
        "decision": decision,
    }
