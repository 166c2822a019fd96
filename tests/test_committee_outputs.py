"""What the committee reads, for every labelled proposal the team has (tests/corpus,
holdout, holdout2, holdout3), filed by the real worker and rendered as the committee's
summary page: no pattern syntax ("association*"), no sentence written to the applicant
("votre envoi", "merci de…") outside the applicant's own quoted words, no label cut in the
middle of a word or left on a small word ("Mise à disposition de"), and every criterion
passage quoted from a file of the proposal."""

from __future__ import annotations

import html
import re
import unicodedata
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from intake.committee.digest import render_proposal_html
from intake.committee.summaries import settings_of, views_of_released
from intake.config import load_config
from intake.filing.worker import run_once
from storage.blobs import BlobStore
from storage.db import open_db
from storage.schema import dossiers
from tests import corpus_runs
from tests.worker.conftest import Box

ROOT = Path(__file__).resolve().parents[1]
PATTERN = re.compile(r"\w\*|\*\w")
APPLICANT_VOICE = re.compile(r"\b(?:[Vv]otre envoi|[Vv]os documents|[Mm]erci de (?:nous|renvoyer|vérifier)|"
                             r"[Nn]ous n'avons pas trouvé)\b")
SMALL = re.compile(r"(?:^|\s|\()(?:de|des|du|à|au|aux|la|le|les|pour|par|et|en|d'|l')\s*…?$", re.IGNORECASE)


def _words_of(view: dict) -> set[str]:
    """Every whole word of the dossier's budget labels (lines, categories, sources)."""
    budget = view.get("budget") or {}
    labels = [ln.get("label") or "" for ln in budget.get("lines") or [] if isinstance(ln, dict)]
    labels += [str(c[0]) for c in view.get("categories") or []]
    labels += [s.get("label") or "" for s in (budget.get("cofinancing") or {}).get("sources") or []]
    return {w.casefold() for label in labels for w in re.findall(r"[\w'’-]+", label)}


def _cut(label: str, words: set[str]) -> bool:
    """A label the page shortened ("…") in the middle of a word, or on a small word. (A
    label the reading itself cut short is the reader's: see the closing notes.)"""
    if not label.endswith("…"):
        return False
    if SMALL.search(label):
        return True
    last = re.findall(r"[\w'’-]+", label[:-1])
    return bool(last) and last[-1].casefold() not in words


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    emls = [eml for folder in corpus_runs.CORPORA for _c, eml, _l in corpus_runs.cases(folder)]
    if not emls:
        pytest.skip("no labelled corpus in tests/")
    home = tmp_path_factory.mktemp("committee")
    box = Box(home / "Maildir")
    for eml in emls:
        raw = eml.read_bytes()
        try:
            when = parsedate_to_datetime(str(BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"]))
        except (TypeError, ValueError):
            when = None
        box.deliver(raw, when) if when and when.tzinfo else box.deliver(raw)
    config = load_config(ROOT / "config.toml")
    engine = open_db(f"sqlite:///{home / 'fabrique.db'}")
    blobs = BlobStore(home / "blobs")
    run_once(config, box.source(), engine, blobs)
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.decision != "not_a_proposal")
                     .values(released_at=dossiers.c.first_received))
    views = views_of_released(engine, blobs, config)
    settings = settings_of(config)
    out = {v["reference"]: (v, render_proposal_html(v, settings, config.call)) for v in views}
    engine.dispose()
    return out


def test_no_committee_page_holds_a_pattern_an_applicant_sentence_or_a_cut_label(pages):
    assert len(pages) >= 150  # the four corpora's proposals
    problems = []
    for ref, (_view, page) in pages.items():
        body = page.split("<body>", 1)[1]
        ours = re.sub(r"(?s)<q>.*?</q>", " ", body)  # the proposal's own words are quoted as written
        text = " ".join(html.unescape(re.sub(r"(?s)<[^>]+>", " ", ours)).split())
        text = re.sub(r"« [^»]{0,400} »", " ", text)  # headings and labels quoted from the proposal
        for why, rule in (("motif", PATTERN), ("phrase au porteur", APPLICANT_VOICE)):
            problems += [f"{ref} {why} : …{text[max(0, m.start() - 40):m.end() + 40]}…" for m in rule.finditer(text)]
        words = _words_of(_view) | {w.casefold() for w in re.findall(r"[\w'’-]+", text)}
        for label in re.findall(r'<text[^>]*>([^<]+)</text>', body):  # chart labels
            if _cut(html.unescape(label).strip(), words):
                problems.append(f"{ref} libellé coupé : « {html.unescape(label)} »")
    assert not problems, "\n".join(problems[:30])


DANGLING = re.compile(r"(?:^|\s)(?:de|des|du|d'|à|au|aux|et|ou|la|le|les|l'|pour|par)$", re.IGNORECASE)


def test_budget_labels_shown_to_the_committee_are_whole(pages):
    """Every budget line and co-financing source the committee reads is a whole label: not
    left on a small word ("Mise à disposition de", "de fonds propres de l'URI et"), not
    opened by one ("de fonds propres")."""
    cut, seen = [], 0
    for ref, (view, _page) in pages.items():
        budget = view.get("budget") or {}
        labels = [ln.get("label") or "" for ln in budget.get("lines") or [] if isinstance(ln, dict)]
        labels += [s.get("label") or "" for s in (budget.get("cofinancing") or {}).get("sources") or []]
        for label in labels:
            seen += 1
            if DANGLING.search(label.strip()) or re.match(r"(?:de|d'|du|des)\s", label.strip()):
                cut.append(f"{ref} : « {label} »")
    assert seen > 1000 and not cut, "\n".join(cut[:30])


COVER = re.compile(r"(?i)^(?:je vous|nous vous|veuillez|vous trouverez|comme suite|suite à|ci-joint|--|"
                   r"bien cordialement|cordialement|madame, monsieur|bonjour)")


def test_criteria_passages_come_from_the_proposal_not_its_covering_email(pages):
    """Each passage quoted for a criterion names its file; none is the covering email's
    greeting, courtesy or signature (a body counts where it holds the proposal's parts)."""
    checked, wrong = 0, []
    for ref, (view, _page) in pages.items():
        summary = view.get("summary") or {}
        for crit in [*(summary.get("criteria") or []), summary.get("commitment") or {}]:
            for p in crit.get("passages") or []:
                assert p.get("file") and _flat(p.get("text") or ""), (ref, crit.get("id"), p)
                if p["file"] == "corps du message" and COVER.match(p["text"].strip()):
                    wrong.append(f"{ref} {crit.get('id')} : {p['text'][:90]}")
                checked += 1
    assert checked > 1000 and not wrong, "\n".join(wrong[:20])
