"""Generate the labelled corpus of proposal e-mails (tests/corpus/cases/).

Usage (from the repository root)::

    .venv/bin/python -m tests.corpus.generate            # rewrite cases/, then self-check
    .venv/bin/python tests/corpus/location_labels.py     # then put back the location and date labels
    .venv/bin/python -m tests.corpus.generate --check    # only self-check the committed files
    .venv/bin/python -m tests.corpus.generate --no-soffice   # fail instead of calling LibreOffice

Everything is drawn from a random generator seeded per case, so a run is reproducible.
LibreOffice (``soffice``) is only needed for conversions that are not yet in
``soffice_cache/`` (PDF, DOC, ODS, XLSX with cached formula values, encrypted PDF); the
cache is committed with the corpus. Labels (``*.expected.json``) are computed from the case
specification by ``model.expected_dossier`` and re-checked against the rendered files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import sys
import unicodedata
import zipfile
from datetime import date
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "tests.corpus" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.corpus import render  # noqa: E402
from tests.corpus.build import (  # noqa: E402
    FORWARDED_ORIGINAL_DATE,
    SEED,
    Spec,
    build_message,
    build_proposal,
    date_header,
    formataddress,
    logo_png,
    make_attachments,
)
from tests.corpus.model import (  # noqa: E402
    END_LIMIT,
    Attachment,
    Case,
    expected_dossier,
    is_late,
    subject_names_call,
)
from tests.corpus.texts import APPLICANTS, COMBINED_HEADINGS, HEADINGS, SECTION_IDS, THEMES  # noqa: E402

CASES_DIR = Path(__file__).parent / "cases"

NAMING_SUBJECTS = [
    "Appel à manifestation d'intérêt – La Fabrique CTO",
    "Candidature AMI La Fabrique CTO – projet {projet}",
    "Réponse à l'appel à manifestation d'intérêt « Dialogue social technologique »",
    "[Fabrique CTO] Dossier de candidature – {porteur}",
    "CANDIDATURE - APPEL A MANIFESTATION D'INTERET FABRIQUE CTO",
    "fabrique cto : proposition {projet}",
    "Manifestation d'intérêt Anact – projet {projet}",
    "Appel à manifestation d’intérêt – La Fabrique CTO – {projet}",
]


def cases() -> list[Spec]:
    """The case table: one Spec per case (id prefix c = clean variant, d = defect)."""
    s = Spec
    return [
        # ---- complete proposals in varied formats -------------------------------------
        s(
            "c01_docx_xlsx_formulas",
            "docx+xlsx",
            budget={"formulas": True, "style": "simple"},
            heading_style="word",
            numbering="1.",
            notes="XLSX with SUM formulas, round-tripped through LibreOffice for cached values.",
        ),
        s(
            "c02_pdf_bold_headings",
            "pdf",
            heading_style="bold",
            numbering="I.",
            budget={"style": "simple", "fmt": "eur"},
        ),
        s(
            "c03_odt_outline_headings",
            "odt",
            date=date_header(12, 16, 2) + " (CEST)",
            heading_style="word",
            numbering="A)",
            partners_format="table",
            budget={"fmt": "dot", "style": "detailed"},
        ),
        s(
            "c04_body_text_labels",
            "text",
            heading_style="bold",
            numbering="",
            budget={"style": "text", "fmt": "keur"},
            notes="Whole proposal in a plain-text body, headings as 'Contexte : ...' labels, amounts in k€.",
        ),
        s(
            "c05_body_html_table_logo",
            "html",
            heading_style="word",
            numbering="1.",
            logo=True,
            budget={"style": "combined", "fmt": "eur_nnbsp"},
            notes="HTML body with <table> budget; inline logo with Content-ID is skipped.",
        ),
        s(
            "c06_legacy_doc",
            "doc+xlsx",
            budget={"two_sheets": True},
            heading_style="bold",
            numbering="1/",
            notes="Legacy Word 97 .doc made by LibreOffice; budget XLSX with expenses and resources on two sheets.",
        ),
        s(
            "c07_forwarded_rfc822",
            "forward",
            date=date_header(22, 9, 5),
            subject="TR: Candidature AMI La Fabrique CTO",
            notes="Proposal forwarded by an Anact colleague as a message/rfc822 attachment; message fields are the outer message's; the .eml part itself is not listed.",
        ),
        s(
            "c08_inline_pdf_rfc2231",
            "inline_pdf",
            filenames={"pdf": "Dossier_candidature_éditée_finale.pdf"},
            notes="PDF with Content-Disposition inline (must be read); accented name encoded RFC 2231.",
        ),
        s(
            "c09_octet_docx_rfc2047",
            "octet_docx",
            filenames={"docx": "Candidature – Projet Numérique en dialogue.docx"},
            notes="DOCX sent as application/octet-stream, file name encoded RFC 2047 inside the quoted parameter.",
        ),
        s(
            "c10_anact_exactly_cap",
            "docx+xlsx",
            budget={"total": 104000, "cofin_amount": 24000},
            numbering="1-",
            linesep="\n",
            notes="Anact request exactly 80 000 € is not over the cap.",
        ),
        s(
            "c11_cofin_exactly_20pct",
            "pdf+xlsx",
            budget={"total": 70000, "cofin_amount": 14000, "sources": 2},
            order="partners_first",
            heading_style="caps_bold",
            notes="Co-financing exactly 20 % is not below the minimum.",
        ),
        s(
            "c12_on_time_2330_paris",
            "docx",
            date=date_header(23, 23, 30),
            partners_format="prose",
            phasage_format="prose",
            notes="Sent 23 Aug 2022 23:30 +0200: on time.",
        ),
        s(
            "c13_end_exactly_30dec2023",
            "pdf",
            end=date(2023, 12, 30),
            end_style="exact",
            phasage_format="table",
            notes="Project ends exactly on 30 December 2023: passes.",
        ),
        s(
            "c14_perennisation_mentions_2024",
            "docx+xlsx",
            end=date(2023, 10, 31),
            end_style="month",
            perennisation_2024=True,
            notes="Phasage ends October 2023; the essaimage part mentions 2024 (a later plan, not the project end).",
        ),
        s(
            "c15_subject_curly_apostrophe",
            "odt",
            subject="AMI manifestation d’intérêt - candidature",
            order="results_before_phasage",
            notes="Subject with U+2019 apostrophe names the call.",
        ),
        s(
            "c16_total_rounding_cents",
            "docx",
            budget={"cents": True, "style": "simple", "fmt": "dec"},
            notes="Declared total differs from the sum of lines by 0.33 €: rounding, not a mismatch.",
        ),
        s(
            "c17_ht_ttc_columns",
            "docx",
            budget={"style": "detailed", "ttc": True, "fmt": "eur"},
            notes="Budget with HT and TTC columns: HT wins.",
        ),
        s(
            "c18_corrupt_annex_only",
            "docx+corrupt_annex",
            notes="Complete readable proposal + truncated CV DOCX: warning only, decision complete.",
        ),
        s(
            "c19_on_time_utc",
            "pdf",
            date=date_header(23, 21, 45, "+0000"),
            notes="21:45 +0000 = 23:45 Paris: on time.",
        ),
        s(
            "c20_odt_pdf_ods_caps",
            "odtpdf+ods",
            heading_style="caps",
            numbering="1.",
            budget={"formulas": True},
            notes="PDF exported from ODT with ALL CAPS headings; ODS budget converted by LibreOffice.",
        ),
        s(
            "c21_anact_in_sentence",
            "docx",
            budget={"anact_sentence": True, "style": "simple"},
            notes="Anact request stated only in a sentence; resources table lists the co-financing only.",
        ),
        s(
            "c22_combined_headings",
            "pdf",
            combined=(("contexte", "problematique"), ("methodologie", "phasage")),
            heading_style="word",
            notes="'Contexte et problématique' and 'Méthodologie et phasage' each count for two parts.",
        ),
        s(
            "c23_encrypted_annex",
            "pdf+enc_annex",
            notes="Password-protected support letter next to a complete proposal: warning only.",
        ),
        # ---- missing parts (each id at least once) -----------------------------------
        s(
            "d01_missing_contexte",
            "docx+xlsx",
            missing=("contexte",),
            defects=["missing_section:contexte"],
        ),
        s(
            "d02_missing_objectifs",
            "pdf",
            missing=("objectifs",),
            defects=["missing_section:objectifs"],
        ),
        s(
            "d03_missing_problematique",
            "odt",
            missing=("problematique",),
            defects=["missing_section:problematique"],
        ),
        s(
            "d04_missing_cibles_text_caps",
            "text",
            missing=("cibles",),
            heading_style="caps",
            numbering="A)",
            budget={"style": "text", "fmt": "eur"},
            combined=(("contexte", "problematique"),),
            defects=["missing_section:cibles"],
        ),
        s(
            "d05_missing_methodologie",
            "pdf+xlsx",
            missing=("methodologie",),
            defects=["missing_section:methodologie"],
        ),
        s(
            "d06_missing_phasage",
            "docx",
            missing=("phasage",),
            end=date(2024, 6, 30),
            end_style="month",
            defects=["missing_section:phasage"],
            notes="No phasage part, so no end date can be read: no project_end_after_limit.",
        ),
        s(
            "d07_missing_resultats_doc",
            "doc+xlsx",
            missing=("resultats",),
            defects=["missing_section:resultats"],
        ),
        s(
            "d08_missing_perennisation_zip",
            "zip",
            missing=("perennisation",),
            budget={"formulas": True},
            defects=["missing_section:perennisation"],
        ),
        s(
            "d09_missing_partenaires",
            "docx+ods",
            missing=("partenaires",),
            defects=["missing_section:partenaires"],
        ),
        # ---- budget defects ---------------------------------------------------------
        s("d10_no_budget", "docx", budget=None, defects=["missing_budget"]),
        s(
            "d11_no_personnel",
            "docx+xlsx",
            budget={"no": ("personnel",)},
            defects=["missing_budget_item:personnel"],
        ),
        s(
            "d12_no_cofinancing",
            "pdf",
            budget={"cofin": "none"},
            defects=["missing_budget_item:cofinancement"],
            notes="No co-financing line at all: missing_budget_item and cofinancing_below_minimum (nothing is below 20 %); cofinancing amount and share are null (none given).",
        ),
        s(
            "d13_no_travel_text_amounts",
            "docx+xlsx",
            budget={"no": ("deplacements_logistique",), "text_amounts": True, "style": "detailed"},
            defects=["missing_budget_item:deplacements_logistique"],
            notes="XLSX amounts typed as text ('12 500 €').",
        ),
        s(
            "d14_no_prestations",
            "odt",
            budget={"no": ("prestations",)},
            defects=["missing_budget_item:prestations"],
        ),
        s(
            "d15_ineligible_laptops",
            "docx+xlsx",
            budget={"ineligible": "Achat d'ordinateurs portables", "ineligible_amount": 4800},
            defects=["ineligible_expense"],
        ),
        s(
            "d16_anact_over_cap",
            "docx+xlsx",
            budget={"total": 125000, "cofin_amount": 30000},
            defects=["anact_request_over_cap"],
        ),
        s(
            "d17_cofin_below_minimum",
            "pdf",
            budget={"total": 64000, "cofin_amount": 8000, "fmt": "eur_ht"},
            defects=["cofinancing_below_minimum"],
        ),
        s(
            "d18_cofin_zero_line",
            "docx",
            budget={"total": 64000, "cofin_amount": 0, "style": "combined"},
            defects=["cofinancing_below_minimum"],
            notes="'Autofinancement : 0 €' is a present co-financing line, below the minimum.",
        ),
        s(
            "d19_budget_total_mismatch",
            "docx+xlsx",
            budget={"mismatch": 1500, "style": "simple"},
            defects=["budget_total_mismatch"],
            notes="Declared total is 1 500 € above the sum of the lines; total_cost is the declared total.",
        ),
        s(
            "d20_zero_personnel_line",
            "docx",
            budget={"no": ("personnel",), "zero": "personnel", "style": "simple"},
            notes="Personnel line at 0 € counts as present: no missing_budget_item.",
        ),
        s(
            "d21_ineligible_and_below",
            "html",
            budget={
                "ineligible": "Achat d'un véhicule de service",
                "ineligible_amount": 9000,
                "total": 60000,
                "cofin_amount": 9000,
                "style": "simple",
            },
            defects=["ineligible_expense", "cofinancing_below_minimum"],
        ),
        # ---- dates -----------------------------------------------------------------
        s(
            "d22_late_next_morning",
            "docx+xlsx",
            date=date_header(24, 9, 12),
            defects=["late_submission"],
        ),
        s(
            "d23_late_utc_after_midnight_paris",
            "pdf",
            date=date_header(23, 22, 30, "+0000"),
            defects=["late_submission"],
            notes="22:30 +0000 on 23 Aug = 00:30 Paris on 24 Aug: late.",
        ),
        s(
            "d24_late_and_missing_part",
            "docx",
            date=date_header(2, 10, 4, month=9),
            missing=("pilotage",),
            defects=["late_submission", "missing_section:pilotage"],
            notes="A late proposal still carries its other flags; decision late.",
        ),
        s(
            "d25_end_after_limit_month",
            "docx+xlsx",
            end=date(2024, 3, 31),
            end_style="month",
            defects=["project_end_after_limit"],
        ),
        # ---- subject -----------------------------------------------------------------
        s(
            "d26_subject_mismatch",
            "docx+xlsx",
            subject="Candidature projet {projet}",
            defects=["subject_mismatch"],
        ),
        s(
            "d27_subject_ami_abbreviation",
            "pdf",
            subject="AMI Anact – candidature {porteur_short}",
            defects=["subject_mismatch"],
            notes="'AMI' alone does not name the call under the literal rule (neither 'Fabrique CTO' nor 'manifestation d'intérêt').",
        ),
        # ---- unreadable documents ------------------------------------------------------
        s(
            "d28_scanned_proposal",
            "scan+xlsx",
            defects=["scanned_document"] + [f"missing_section:{i}" for i in SECTION_IDS],
            notes="Description only in an image-only PDF; budget readable in XLSX; decision needs_review.",
        ),
        s(
            "d29_scanned_budget",
            "docx+scanbudget",
            defects=["scanned_document", "missing_budget"],
            notes="Budget only in a scanned PDF: missing_budget from what could be read; decision needs_review.",
        ),
        s(
            "d30_encrypted_proposal",
            "enc",
            defects=["unreadable_attachment", "missing_budget"]
            + [f"missing_section:{i}" for i in SECTION_IDS],
            notes="Whole proposal in a password-protected PDF; status encrypted; decision needs_review.",
        ),
        s(
            "d31_corrupt_proposal",
            "corrupt+xlsx",
            defects=["unreadable_attachment"] + [f"missing_section:{i}" for i in SECTION_IDS],
            notes="Description DOCX truncated (no central directory): unreadable; decision needs_review.",
        ),
        s(
            "d32_unsupported_rar_and_missing",
            "docx+rar",
            missing=("pilotage",),
            defects=["unreadable_attachment", "missing_section:pilotage"],
            notes="RAR annex is 'unsupported', which does not make needs_review: decision incomplete.",
        ),
        # ---- messages without a proposal ----------------------------------------------
        s(
            "d33_cijoint_no_attachment",
            kind="cijoint",
            layout="none",
            defects=["no_proposal_document", "missing_budget"]
            + [f"missing_section:{i}" for i in SECTION_IDS],
            notes="Body says 'ci-joint' but nothing is attached: incomplete with no_proposal_document (rules applied literally: ten missing_section and missing_budget too).",
        ),
        s(
            "d34_logo_only",
            kind="cijoint",
            layout="none",
            logo=True,
            defects=["no_proposal_document", "missing_budget"]
            + [f"missing_section:{i}" for i in SECTION_IDS],
            notes="Only an inline logo is attached (skipped): incomplete with no_proposal_document.",
        ),
        s(
            "d35_question_email",
            kind="question",
            layout="none",
            subject="Question sur l'AMI La Fabrique CTO",
            defects=["not_a_proposal"],
            notes="A question: decision not_a_proposal; every check still runs (no document -> ten missing_section, missing_budget, no_proposal_document).",
        ),
        s(
            "d36_out_of_office",
            kind="autoreply",
            layout="none",
            subject="Réponse automatique : absence du bureau",
            defects=["not_a_proposal", "subject_mismatch"],
            notes="Out-of-office reply: not_a_proposal; literal checks give ten missing_section, missing_budget, no_proposal_document and subject_mismatch.",
        ),
        # ---- partners ---------------------------------------------------------------
        s(
            "d37_partners_exclude_applicant_cofunder",
            "docx+xlsx",
            partners_intro_porteur=True,
            partners_format="bullets",
            budget={"sources": 3, "region": True},
            notes="Partners part names the applicant as coordinator and the Région appears only in the budget: neither is a partner.",
        ),
    ]


# --------------------------------------------------------------------------- case assembly


def make_case(spec: Spec, index: int) -> tuple[Case, bytes]:
    """Build the Case (spec + rendered documents) and its raw message."""
    rng = random.Random(f"{SEED}:{spec.case_id}")
    app = APPLICANTS[index % len(APPLICANTS)]
    theme = list(THEMES)[(index * 7) % len(THEMES)]
    prop = build_proposal(spec, rng, app, theme, index) if spec.kind == "proposal" else None
    attachments, body = make_attachments(spec, prop, rng, app["contact"])
    if spec.layout in ("text", "html"):
        body = spec.layout
    if spec.logo:
        attachments.append(
            Attachment(
                "logo.png",
                "logo",
                status="skipped",
                disposition="inline",
                data=logo_png(app["short"]),
            )
        )
    day = rng.randrange(8, 23)
    date = spec.date or date_header(
        day, rng.randrange(8, 20), rng.randrange(60), "+0200", second=rng.randrange(60)
    )
    subject_tpl = spec.subject or rng.choice(NAMING_SUBJECTS)
    porteur_name = app["long"].split(",")[0].split(" (")[0]
    subject = subject_tpl.format(
        projet=prop.project if prop else "",
        porteur=porteur_name,
        porteur_short=app["short"].split(" ")[-1],
    )
    forwarded = spec.layout == "forward"
    sender = "Marion Durand <m.durand@anact.fr>" if forwarded else formataddress(app)
    domain = "anact.fr" if forwarded else app["domain"]
    message_id = f"<{hashlib.sha1(spec.case_id.encode()).hexdigest()[:16]}.{rng.randrange(10**6):06d}@{domain}>"
    case = Case(
        case_id=spec.case_id,
        sender=sender,
        sender_name=app["contact"],
        subject=subject,
        date=date,
        message_id=message_id,
        kind=spec.kind,
        body_proposal=body,
        attachments=attachments,
        proposal=prop,
        forwarded=forwarded,
        original_sender=formataddress(app) if forwarded else "",
        original_date=FORWARDED_ORIGINAL_DATE if forwarded else "",
        defects=list(spec.defects),
        notes=spec.notes,
        linesep=spec.linesep,
        logo=spec.logo,
    )
    case.formats = describe_formats(spec, case)
    return case, build_message(case, spec, app, rng)


def describe_formats(spec: Spec, case: Case) -> list[str]:
    """Human-readable list of the formats a case exercises (for the manifest)."""
    out: list[str] = []
    if case.body_proposal:
        out.append(f"body-{case.body_proposal}")
    for att in case.attachments:
        label = {
            "scan": "pdf-scanned",
            "enc": "pdf-encrypted",
            "corrupt": "docx-truncated",
            "logo": "inline-logo",
        }.get(att.kind, att.kind)
        if att.kind == "zip":
            label = "zip[" + ",".join(m.kind for m in att.members) + "]"
        if att.kind == "pdf" and att.source == "odt":
            label = "pdf-from-odt"
        if att.disposition == "inline" and att.kind != "logo":
            label += "-inline"
        if att.media_type == "application/octet-stream":
            label += "-octet-stream"
        if att.name_encoding == "rfc2047":
            label += "-rfc2047-name"
        elif not att.filename.isascii():
            label += "-rfc2231-name"
        out.append(label)
    if case.forwarded:
        out.append("message/rfc822-forward")
    prop = case.proposal
    if prop is not None:
        out.append(f"headings:{prop.heading_style}/{prop.numbering or 'none'}")
        if prop.budget is not None:
            b = prop.budget
            extra = [b.style, b.fmt] + [
                k
                for k in ("formulas", "ttc", "text_amounts", "two_sheets", "anact_sentence")
                if getattr(b, k)
            ]
            out.append("budget:" + "/".join(extra))
    if case.linesep == "\n":
        out.append("LF")
    return out


# --------------------------------------------------------------------------- self-check


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(text.split())


NUMBERING_RE = re.compile(r"^\s*(?:\d+\s*[./)\-]|[IVX]+\.|[A-J]\))\s*")


def document_text(att: Attachment) -> str | None:
    """Extract the text of a readable document (None when this check can't read it)."""
    if att.kind == "docx":
        import docx

        d = docx.Document(io.BytesIO(att.data))
        lines = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                lines.append("\t".join(c.text for c in row.cells))
        return "\n".join(lines)
    if att.kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(att.data)
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    if att.kind == "odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        doc = load(io.BytesIO(att.data))
        return "\n".join(
            teletype.extractText(e) for tag in (H, P) for e in doc.getElementsByType(tag)
        )
    if att.kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(att.data), data_only=True)
        return "\n".join(
            "\t".join("" if c is None else str(c) for c in row)
            for ws in wb
            for row in ws.iter_rows(values_only=True)
        )
    return None


def check_status(att: Attachment) -> None:
    """The rendered file really is in the state its label says."""
    import pypdfium2 as pdfium

    if att.kind == "scan":
        pdf = pdfium.PdfDocument(att.data)
        assert all(not pdf[i].get_textpage().get_text_range().strip() for i in range(len(pdf))), (
            att.filename
        )
    elif att.kind == "enc":
        try:
            pdfium.PdfDocument(att.data)
        except pdfium.PdfiumError:
            pass
        else:
            raise AssertionError(f"{att.filename} opens without a password")
        pdfium.PdfDocument(att.data, password="Fabrique2022")
    elif att.kind == "corrupt":
        try:
            zipfile.ZipFile(io.BytesIO(att.data))
        except zipfile.BadZipFile:
            pass
        else:
            raise AssertionError(f"{att.filename} is a valid ZIP")
    elif att.kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(att.data), data_only=True)
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (
                        f"{att.filename}: formula without cached value"
                    )
    elif att.kind in ("doc", "ods"):
        assert att.data[:4] in (b"\xd0\xcf\x11\xe0", b"PK\x03\x04"), att.filename


def _decoded_filename(part: object) -> str | None:
    name = part.get_filename()  # type: ignore[attr-defined]
    if name and "=?" in name:
        name = str(make_header(decode_header(name)))
    return name


def check_case(case: Case, eml: bytes, expected: dict[str, object]) -> None:
    """Re-check a case: the message parses and matches its labels, documents are in the
    stated state, present parts have their heading, missing parts have none, budget labels
    agree with the spec and the rules."""
    msg = BytesParser(policy=policy.default).parsebytes(eml)
    exp_msg = expected["message"]
    assert isinstance(exp_msg, dict)
    assert parseaddr(str(msg["From"]))[1] == parseaddr(case.sender)[1], case.case_id
    assert exp_msg["from"] == parseaddr(case.original_sender or case.sender)[1], case.case_id
    assert str(msg["Subject"]) == exp_msg["subject"], (case.case_id, str(msg["Subject"]))
    assert str(msg["Message-ID"]) == exp_msg["message_id"]
    assert str(msg["To"]).endswith("fabrique@anact.fr") or "fabrique@anact.fr" in str(msg["To"])
    # attachment names as a reader decodes them
    found: list[str] = []
    for part in msg.walk():
        name = _decoded_filename(part)
        if name:
            found.append(name)
            if name.lower().endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(part.get_content())) as zf:
                    found.extend(zf.namelist())
    for att in expected["attachments"]:  # type: ignore[union-attr]
        assert att["filename"] in found, (case.case_id, att["filename"], found)
    # documents
    prop = case.proposal
    texts: list[str] = []
    for att in case.all_attachments():
        check_status(att)
        if att.status == "parsed" and "sections" in att.content:
            text = document_text(att)
            if text is not None:
                texts.append(text)
    if case.body_proposal:
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None
        texts.append(body.get_content())
    sections = expected["sections"]
    assert isinstance(sections, dict)
    for text in texts:
        assert prop is not None
        lines = [_norm(NUMBERING_RE.sub("", ln).strip().rstrip(" :")) for ln in text.splitlines()]
        ntext = _norm(text)
        for part in prop.parts:
            assert _norm(part.heading) in ntext, (case.case_id, part.heading)
        for sid in SECTION_IDS:
            if sections[sid]["present"]:
                continue
            variants = HEADINGS[sid] + [
                h for combo, hs in COMBINED_HEADINGS.items() if sid in combo for h in hs
            ]
            for v in variants:
                assert _norm(v) not in lines, (case.case_id, sid, v)
                assert not any(ln.startswith(_norm(v) + " :") for ln in lines), (
                    case.case_id,
                    sid,
                    v,
                )
        if sections["phasage"]["present"] and "phasage" in {i for p in prop.parts for i in p.ids}:
            end = prop.end_date
            assert _norm(f"{end.year}") in ntext
    # rules re-derived independently from the spec
    flags = {(f["code"], f["target"]) for f in expected["flags"]}  # type: ignore[union-attr]
    assert (("late_submission", "") in flags) == is_late(case.date)
    assert (("subject_mismatch", "") in flags) == (not subject_names_call(case.subject))
    budget = expected["budget"]
    assert isinstance(budget, dict)
    if prop is not None and prop.budget is not None and budget["total_cost"] is not None:
        b = prop.budget
        total = b.declared_total if b.declared_total is not None else b.lines_sum
        assert abs(budget["total_cost"] - total) < 0.005
        totals = budget["totals"]
        assert abs(sum(totals.values()) - b.lines_sum) < 0.005
        if b.cofin:
            amount = sum(r.amount for r in b.cofin)
            share = round(amount / total, 4)
            assert budget["cofinancing"]["share"] == share
            assert (("cofinancing_below_minimum", "") in flags) == (amount * 5 < total)
            if (
                b.declared_total is not None
                and b.declared_total == b.lines_sum
                or b.style != "text"
            ):
                # resources balance the declared total (or the sum of the lines)
                assert abs(amount + b.anact - total) < 0.005, case.case_id
        else:
            assert budget["cofinancing"] == {"amount": None, "share": None}
        assert (("anact_request_over_cap", "") in flags) == (b.anact > 80_000)
        assert (("budget_total_mismatch", "") in flags) == (
            b.declared_total is not None and abs(b.declared_total - b.lines_sum) > 1
        )
        for ln in b.lines:
            if ln.days and ln.rate:
                assert ln.days * ln.rate == ln.amount
    if prop is not None and ("project_end_after_limit", "") in flags:
        assert prop.end_date > END_LIMIT and sections["phasage"]["present"]
    # the defects announced in the manifest are exactly the flags raised
    announced = set()
    for d in case.defects:
        code, _, target = d.partition(":")
        if code != "not_a_proposal":
            announced.add(code)
    assert announced <= {c for c, _ in flags}, (case.case_id, announced, flags)


# --------------------------------------------------------------------------- main


def _without_location(label: dict) -> dict:
    """A committed label without the keys tests/corpus/location_labels.py adds (heading and
    first words of each part, the project's dates): those come from that script, which is
    run again after any regeneration."""
    out = {k: v for k, v in label.items() if k != "project"}
    out["sections"] = {sid: {k: v for k, v in s.items() if k not in ("heading", "body_start")}
                       for sid, s in label.get("sections", {}).items()}
    return out


def write_all(only_check: bool) -> int:
    """(Re)generate every case, then self-check; returns the number of cases."""
    specs = cases()
    ids = [sp.case_id for sp in specs]
    assert len(ids) == len(set(ids)), "duplicate case id"
    CASES_DIR.mkdir(parents=True, exist_ok=True)
    manifest = []
    for index, spec in enumerate(specs):
        case, eml = make_case(spec, index)
        expected = {"case_id": case.case_id, **expected_dossier(case)}
        eml_path = CASES_DIR / f"{case.case_id}.eml"
        exp_path = CASES_DIR / f"{case.case_id}.expected.json"
        if only_check:
            assert eml_path.read_bytes() == eml, f"{eml_path.name} differs from a fresh build"
            assert _without_location(json.loads(exp_path.read_text(encoding="utf-8"))) == expected, exp_path.name
        else:
            eml_path.write_bytes(eml)
            exp_path.write_text(
                json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        check_case(case, eml, expected)
        manifest.append(
            {
                "id": case.case_id,
                "layout": spec.layout,
                "formats": case.formats,
                "defects": case.defects,
                "decision": expected["decision"],
                "notes": case.notes,
            }
        )
    # every section id is missing in at least one case that otherwise has a description
    for sid in SECTION_IDS:
        assert any(
            f"missing_section:{sid}" in m["defects"] and m["layout"] not in ("none",)
            for m in manifest
        ), sid
    if not only_check:
        for old in CASES_DIR.iterdir():
            if old.name != "MANIFEST.json" and old.name.split(".")[0] not in ids:
                old.unlink()
        (CASES_DIR / "MANIFEST.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        render.prune_cache()
    return len(specs)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only verify the committed files against a fresh build"
    )
    parser.add_argument(
        "--no-soffice", action="store_true", help="fail on a conversion missing from soffice_cache/"
    )
    args = parser.parse_args(argv)
    render.ALLOW_SOFFICE = not (args.no_soffice or args.check)
    n = write_all(args.check)
    print(f"{n} cases {'checked' if args.check else 'written'} in {CASES_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
