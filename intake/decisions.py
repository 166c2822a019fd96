"""The decision, re-derived from the facts as the secretariat corrected them.

Pure functions: the stored reading (the dossier JSON of the contract) and the flag
overrides in, the decision out. The order is the contract's, as `intake.rules.decide`
applies it: late, not_a_proposal, needs_review, incomplete, complete. A flag the
secretariat marked not applicable no longer counts; a confirmed flag stands, as it did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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
