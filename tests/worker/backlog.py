"""A backlog of real proposals for the resilience tests, and what must become of it.

The messages are the repository's labelled corpora (examples/, tests/corpus/,
tests/holdout/, tests/holdout2/): complete and incomplete proposals, late ones,
questions, out-of-office replies, scanned, encrypted and corrupt documents, legacy .doc,
ZIP archives, proposals in the body. Each is appended to the Dovecot INBOX with its Date
header as INTERNALDATE, so the corpus label (on time or late) still holds. Two messages
are written here because the corpora have none of their kind: a delivery status
notification (bounce) and a notice from a no-reply address. Two are second deliveries
of a corpus message (the examples repeat corpus cases byte for byte).

Every sender is a different person, so that "one dossier per submission" and "one
answer per applicant" can be checked by sender without the split-submission window or
the daily limit per recipient coming into play.

`Expect` checks the end state on the real servers and the ledger: nothing in the inbox,
every message filed once in the right folder, one ledger row per message, one dossier
per submission, exactly one answer (distinct Message-IDs) per applicant at the SMTP
server and none to automatic or no-reply senders.
"""

from __future__ import annotations

import email
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from imapclient import IMAPClient
from sqlalchemy import Engine, select

from intake.filing.threads import address
from storage.schema import dossier_messages, dossiers, messages, outbox

from .dovecot import HOST, Dovecot
from .smtp_server import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "fabrique", "motdepasse"
PROCESSED, QUARANTINE = "Traitées", "Quarantaine"
FALLBACK_TIME = datetime.fromisoformat("2022-08-20T10:00:00+02:00")

# Corpus messages, one per sender, in the order of the backlog: the first 30 already
# mix every kind (the SIGKILL test uses them), the rest are more proposals.
PICKS = [
    "tests/corpus/cases/c01_docx_xlsx_formulas",           # complete, DOCX + XLSX
    "tests/corpus/cases/d36_out_of_office",                # automatic reply: no answer
    "tests/corpus/cases/d22_late_next_morning",            # late
    "tests/corpus/cases/d35_question_email",               # a question: holding reply
    "tests/corpus/cases/d28_scanned_proposal",             # scanned PDF
    "tests/corpus/cases/d30_encrypted_proposal",           # encrypted document
    "tests/corpus/cases/c06_legacy_doc",                   # legacy .doc (LibreOffice)
    "tests/corpus/cases/d29_scanned_budget",               # scanned budget
    "tests/corpus/cases/d33_cijoint_no_attachment",        # "ci-joint" without attachment
    "tests/corpus/cases/c12_on_time_2330_paris",           # on time by 30 minutes
    "tests/holdout/cases/h26_out_of_office_reply",         # automatic reply: no answer
    "tests/holdout2/cases/h2-09",                          # ZIP archive (folder inside)
    "tests/corpus/cases/c07_forwarded_rfc822",             # forwarded as message/rfc822
    "tests/corpus/cases/d15_ineligible_laptops",           # ineligible expense
    "tests/holdout/cases/h07_txt_attachment_late_utc",     # late (UTC)
    "tests/holdout/cases/h27_question_before_applying",    # a question
    "tests/holdout/cases/h01_docx_years_table_complete",
    "tests/holdout/cases/h03_pdf_fontsize_headings_mecenat",
    "tests/holdout2/cases/h2-12",                          # automatic reply: no answer
    "tests/holdout/cases/h04_html_body_questions_no_pilotage",
    "tests/holdout/cases/h22_encrypted_pdf_only",
    "tests/holdout/cases/h29_zip_pdf_xlsx_montreal_time",
    "tests/holdout2/cases/h2-03",                          # late by 13 minutes
    "tests/holdout/cases/h30_plain_text_body_no_travel_lines",
    "tests/holdout/cases/h06_odt_prose_budget_exact_share",
]
# Second deliveries of a corpus message (identical bytes and Message-ID).
REPEATS = {
    "examples/01-complete-docx-et-budget-xlsx": "tests/corpus/cases/c01_docx_xlsx_formulas",
    "examples/05-hors-delai": "tests/corpus/cases/d22_late_next_morning",
}
MORE = [
    "tests/holdout/cases/h02_form_docx_xlsx_cibles_todo",
    "tests/holdout/cases/h05_cover_letter_annex_pdf_complete",
    "tests/holdout/cases/h08_pdf_late_no_perennisation",
    "tests/holdout/cases/h09_docx_bold_merged_method_calendar_edge_time",
    "tests/holdout/cases/h10_pdf_roman_subject_mismatch",
    "tests/holdout/cases/h11_docx_ht_ttc_over_cap_no_problematique",
    "tests/holdout/cases/h12_pdf_kilo_euros_cofin_low_no_contexte",
    "tests/holdout/cases/h13_docx_exact_cap_exact_share_scanned_letter",
    "tests/holdout/cases/h14_docx_xlsx_charges_produits_total_mismatch",
    "tests/holdout/cases/h15_docx_inline_ineligible_tablets_licences",
    "tests/holdout/cases/h16_pdf_bars_structure_fee_no_prestations",
    "tests/holdout/cases/h17_docx_letters_no_personnel_empty_objectifs",
    "tests/holdout/cases/h18_pdf_xlsx_one_sheet_no_cofin_no_methodo",
    "tests/holdout/cases/h19_pdf_toc_no_budget_no_phasage",
    "tests/holdout/cases/h20_docx_styles_phasage_2024_no_partners",
    "tests/holdout/cases/h21_pdf_soffice_duration_past_limit",
    "tests/holdout/cases/h23_docx_corrupt_budget_rfc2047_name",
    "tests/holdout/cases/h24_pdf_octet_stream_corrupt_annex_logo",
    "tests/holdout/cases/h25_cijoint_nothing_attached_logo_only",
    "tests/holdout/cases/h28_doc_consortium_resultats_todo",
    "tests/holdout2/cases/h2-01",
]
# Senders that must get nothing back (RFC 3834 automatic messages, no-reply addresses).
SILENT = {"tests/corpus/cases/d36_out_of_office", "tests/holdout/cases/h26_out_of_office_reply",
          "tests/holdout2/cases/h2-12", "bounce", "no-reply"}

BOUNCE = b"""\
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx1.anact.fr>
To: fabrique@anact.fr
Subject: Undelivered Mail Returned to Sender
Date: Thu, 18 Aug 2022 07:12:40 +0200
Message-ID: <20220818051240.4A1B2C3D@mx1.anact.fr>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="4A1B2C3D.1660799560/mx1.anact.fr"

--4A1B2C3D.1660799560/mx1.anact.fr
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.anact.fr.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<contact@association-disparue.fr>: host mx.association-disparue.fr said:
    550 5.1.1 User unknown

--4A1B2C3D.1660799560/mx1.anact.fr
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.anact.fr
Arrival-Date: Thu, 18 Aug 2022 07:12:38 +0200

Final-Recipient: rfc822; contact@association-disparue.fr
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--4A1B2C3D.1660799560/mx1.anact.fr--
""".replace(b"\n", b"\r\n")

NO_REPLY = """\
From: Plateforme des aides <ne-pas-repondre@plateforme-aides.fr>
To: fabrique@anact.fr
Subject: AMI La Fabrique CTO : nouvelle candidature déposée
Date: Fri, 19 Aug 2022 15:02:11 +0200
Message-ID: <notif-88213@plateforme-aides.fr>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Bonjour,

Une nouvelle candidature a été déposée sur la plateforme pour l'appel
« La Fabrique CTO ». Connectez-vous à votre espace pour la consulter.

Ce message est envoyé automatiquement, merci de ne pas y répondre.
""".replace("\n", "\r\n").encode("utf-8")


@dataclass(frozen=True)
class Mail:
    name: str
    raw: bytes
    received: datetime  # the INTERNALDATE given at APPEND
    sender: str | None
    message_id: str | None
    decision: str | None  # the corpus label, when there is one
    answered: bool  # its sender must get exactly one email
    repeats: str | None = None  # a second delivery of this mail

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def load(name: str, raw: bytes | None = None, repeats: str | None = None) -> Mail:
    path = ROOT / f"{name}.eml"
    raw = raw if raw is not None else path.read_bytes()
    raw = re.sub(rb"\r?\n", b"\r\n", raw)  # as an IMAP server hands it out (holdouts use LF)
    head = email.message_from_bytes(raw, policy=policy.compat32)
    try:
        received = parsedate_to_datetime(str(head["Date"]).strip())
    except (TypeError, ValueError):
        received = FALLBACK_TIME
    label = path.with_name(path.stem + ".expected.json")
    expected = json.loads(label.read_text(encoding="utf-8")) if label.is_file() else {}
    decision = expected.get("decision")
    mid = str(head["Message-ID"] or "").strip() or None
    # the applicant as labelled: a proposal forwarded by the call's organisation is its
    # original sender's (the contract), else the From header
    sender = str((expected.get("message") or {}).get("from") or "") or address(str(head["From"] or ""))
    return Mail(name=name, raw=raw, received=received, sender=sender,
                message_id=mid, decision=decision, answered=name not in SILENT and repeats is None,
                repeats=repeats)


def backlog(n: int = 50) -> list[Mail]:
    """The first `n` messages of the 50-message backlog, always the same ones."""
    mails = [load(name) for name in PICKS]
    mails.insert(4, load("bounce", BOUNCE))
    mails.insert(9, load("no-reply", NO_REPLY))
    mails.insert(12, load("examples/01-complete-docx-et-budget-xlsx",
                          repeats=REPEATS["examples/01-complete-docx-et-budget-xlsx"]))
    mails.insert(20, load("examples/05-hors-delai", repeats=REPEATS["examples/05-hors-delai"]))
    mails += [load(name) for name in MORE]
    assert len(mails) == 50
    first = [m for m in mails if m.repeats is None]
    assert len({m.sender for m in first}) == len(first), "one sender per submission"
    return mails[:n]


# ------------------------------------------------------------------ the servers


def imap(server: Dovecot) -> IMAPClient:
    c = IMAPClient(HOST, port=server.port, ssl=False, timeout=10)
    c.normalise_times = False
    c.login(USER, PASSWORD)
    return c


def append(server: Dovecot, mails: list[Mail], folder: str = "INBOX") -> None:
    with imap(server) as c:
        for m in mails:
            c.append(folder, m.raw, msg_time=m.received)


def folder_hashes(server: Dovecot, folder: str) -> Counter[str]:
    """The sha256 of each message in `folder` (a multiset: a copy filed twice shows)."""
    with imap(server) as c:
        if not c.folder_exists(folder):
            return Counter()
        c.select_folder(folder, readonly=True)
        uids = c.search(["ALL"])
        if not uids:
            return Counter()
        data = c.fetch(uids, ["BODY.PEEK[]"])
        return Counter(hashlib.sha256(bytes(d[b"BODY[]"])).hexdigest() for d in data.values())


def unseen(server: Dovecot, folder: str) -> int:
    with imap(server) as c:
        c.select_folder(folder, readonly=True)
        return len(c.search(["UNSEEN"]))


def write_config(path: Path, *, imap_port: int, smtp_port: int, extra: str = "") -> Path:
    """The repository's config.toml, pointed at the test servers."""
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    # a backlog run measures delivery: every answer goes out, late refusals included
    # (held by default for a person: tests/worker/test_answers_flow.py)
    assert 'hold_for_approval = ["late"]' in text
    text = text.replace('hold_for_approval = ["late"]', "hold_for_approval = []")
    path.write_text(text + f"""
[mailbox]
imap_host = "{HOST}"
imap_port = {imap_port}
imap_security = "plain"
imap_user = "{USER}"

[smtp]
host = "{HOST}"
port = {smtp_port}
security = "plain"
timeout = 10
{extra}""", encoding="utf-8")
    return path


def cli(*args: str, config: Path, data: Path) -> list[str]:
    return [sys.executable, "-m", "intake.cli", *args, "--data", str(data), "--config", str(config)]


def cli_env() -> dict[str, str]:
    return {**os.environ, "FABRIQUE_IMAP_PASSWORD": PASSWORD}


def run_cli(*args: str, config: Path, data: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args, config=config, data=data), cwd=ROOT, env=cli_env(),
                          capture_output=True, text=True, timeout=timeout)


# ------------------------------------------------------------------ what must be true


@dataclass(frozen=True)
class Delivery:
    recipients: tuple[str, ...]
    message_id: str
    in_reply_to: str | None
    subject: str


def deliveries(smtp: SmtpServer) -> list[Delivery]:
    out = []
    for r in smtp.received:
        m = email.message_from_bytes(r.content, policy=policy.default)
        out.append(Delivery(tuple(a.lower() for a in r.rcpt_tos), str(m["Message-ID"]).strip(),
                            str(m["In-Reply-To"]).strip() if m["In-Reply-To"] else None,
                            str(m["Subject"])))
    return out


def table(db: Engine, t) -> list:
    with db.connect() as conn:
        return list(conn.execute(select(t).order_by(t.c[list(t.c.keys())[0]])))


@dataclass
class Expect:
    """The end state a backlog must reach, whatever happened on the way."""

    mails: list[Mail]
    quarantined: frozenset[str] = frozenset()  # names of the mails meant for quarantine

    @property
    def submissions(self) -> list[Mail]:
        return [m for m in self.mails if m.repeats is None and m.name not in self.quarantined]

    def folders(self, server: Dovecot) -> None:
        """INBOX empty; each message once in Traitées or once in Quarantaine."""
        assert folder_hashes(server, "INBOX") == Counter()
        filed = Counter(m.sha256 for m in self.mails if m.name not in self.quarantined)
        assert folder_hashes(server, PROCESSED) == filed
        bad = Counter(m.sha256 for m in self.mails if m.name in self.quarantined)
        assert folder_hashes(server, QUARANTINE) == bad

    def ledger(self, db: Engine) -> None:
        """One row per message (per UID under one UIDVALIDITY), each in its final state,
        with a reason for the quarantined; one dossier per submission."""
        rows = table(db, messages)
        assert Counter(r.sha256 for r in rows) == Counter(m.sha256 for m in self.mails)
        assert len({(r.uidvalidity, r.uid) for r in rows}) == len(rows)
        bad = {m.sha256 for m in self.mails if m.name in self.quarantined}
        for r in rows:
            if r.sha256 in bad:
                assert (r.state, bool(r.last_error)) == ("quarantined", True), r
            else:
                assert r.state == "moved", (r.uid, r.state, r.last_error)
        ds = table(db, dossiers)
        assert len(ds) == len(self.submissions)
        assert sorted(d.sender_address for d in ds) == sorted(m.sender for m in self.submissions)
        links = table(db, dossier_messages)
        by_sha = {r.id: r.sha256 for r in rows}
        per_dossier = Counter(link.dossier_id for link in links)
        first = {m.sha256 for m in self.submissions}
        for d in ds:
            shas = {by_sha[link.message_id] for link in links if link.dossier_id == d.id}
            assert len(shas & first) == 1, (d.reference, shas)
            assert per_dossier[d.id] >= 1
        by_sender = {d.sender_address: d for d in ds}
        for m in self.submissions:
            if m.decision is not None:
                assert by_sender[m.sender].decision == m.decision, m.name

    def answers(self, db: Engine, smtp: SmtpServer) -> dict[str, int]:
        """Exactly one answer per applicant that may be answered, in reply to their own
        email, none to the others; every outbox row sent. Returns figures: emails the
        server took, distinct Message-IDs, raw resends of the same Message-ID."""
        got = deliveries(smtp)
        ids_by_rcpt: dict[str, set[str]] = {}
        for g in got:
            for rcpt in g.recipients:
                ids_by_rcpt.setdefault(rcpt, set()).add(g.message_id)
        answered = [m for m in self.submissions if m.answered]
        for m in answered:
            ids = ids_by_rcpt.get(m.sender, set())
            assert len(ids) == 1, (m.name, m.sender, ids)
            (mid,) = ids
            replies = {g.in_reply_to for g in got if g.message_id == mid}
            assert replies == {m.message_id}, (m.name, replies)
        assert all(g.message_id.endswith("@anact.fr>") for g in got)  # ours, every one
        expected = {m.sender for m in answered}
        assert set(ids_by_rcpt) == expected, set(ids_by_rcpt) ^ expected
        rows = table(db, outbox)
        assert len(rows) == len(answered)
        assert all(r.state == "sent" for r in rows), [(r.id, r.state, r.last_error) for r in rows]
        assert {r.email_message_id for r in rows} == {g.message_id for g in got}
        per_kind = Counter((r.dossier_id, r.kind) for r in rows)
        assert max(per_kind.values(), default=1) == 1
        distinct = len({g.message_id for g in got})
        return {"emails": len(got), "distinct": distinct, "resent": len(got) - distinct}

    def all(self, server: Dovecot, db: Engine, smtp: SmtpServer) -> dict[str, int]:
        self.folders(server)
        self.ledger(db)
        return self.answers(db, smtp)
