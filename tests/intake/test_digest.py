"""The committee's PDFs (intake.committee.digest, `fabrique-intake digest`) over dossiers the real
worker filed from examples/*.eml: each released proposal on one to three pages with its
reference, its Anact request in French, its partners and the seven criteria; the pack is
its cover plus every summary, and its contents give the right pages; the command writes
the files and emails the pack to each committee member through a real SMTP server.
The PDFs are read back with pdfinfo / pdftotext and rendered with pdftoppm."""

from __future__ import annotations

import email
import re
import subprocess
import sys
from email import policy
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from intake.committee.digest import PACK_NAME, build_digest, committee_settings
from intake.committee.summaries import settings_of, views_of_released
from intake.config import load_config
from intake.filing.worker import run_once
from intake.vocabulary import euros
from storage.blobs import BlobStore
from storage.db import open_db
from storage.schema import dossiers
from tests.worker.conftest import Box
from tests.worker.smtp_server import HOST, SmtpServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.eml"))
UNRELEASED = "FAB-2022-0005"  # examples/05: late; the secretariat keeps it from the committee


def flat(text: str) -> str:
    """Words only: line breaks, narrow and plain no-break spaces as one space."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def render_png(path: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / path.stem)], check=True)
    return sorted(folder.glob(f"{path.stem}*.png"))


def cli(*args: str, timeout: int = 600):
    return subprocess.run([sys.executable, "-m", "intake.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """One intake pass over the examples into a `--data` folder; all but one released."""
    home = tmp_path_factory.mktemp("digest-data")
    box = Box(home / "Maildir")
    for path in EXAMPLES:
        raw = path.read_bytes()
        box.deliver(raw, parsedate_to_datetime(str(BytesHeaderParser(policy=policy.compat32).parsebytes(raw)["Date"])))
    engine = open_db(f"sqlite:///{home / 'fabrique.db'}")
    summary = run_once(load_config(None), box.source(), engine, BlobStore(home / "blobs"))
    assert summary.created == len(EXAMPLES), summary.french()
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference != UNRELEASED)
                     .values(released_at=dossiers.c.first_received))
    engine.dispose()
    return home


@pytest.fixture(scope="module")
def storage(data):
    engine = open_db(f"sqlite:///{data / 'fabrique.db'}")
    yield engine, BlobStore(data / "blobs")
    engine.dispose()


@pytest.fixture(scope="module")
def digest(storage, tmp_path_factory):
    engine, blobs = storage
    out = tmp_path_factory.mktemp("digest-out")
    return build_digest(engine, blobs, load_config(None), out)


@pytest.fixture(scope="module")
def views(storage):
    engine, blobs = storage
    return {v["reference"]: v for v in views_of_released(engine, blobs, load_config(None))}


def test_one_pdf_per_released_dossier_on_one_to_three_pages(digest, views, tmp_path):
    assert sorted(digest.proposals) == sorted(views) and UNRELEASED not in digest.proposals
    assert len(views) == len(EXAMPLES) - 1
    for ref, path in digest.proposals.items():
        assert path.name == f"{ref}.pdf"
        pages = pdf_pages(path)
        assert 1 <= pages <= 3, (ref, pages)
        assert pages == digest.pages[ref]
        pngs = render_png(path, tmp_path / "png")
        assert len(pngs) == pages and all(p.stat().st_size > 5000 for p in pngs)
        text = pdf_text(path)
        assert f"{ref} — page 1/{pages}" in text  # the running footer


def test_each_summary_names_what_the_committee_looks_for(digest, views, storage):
    config = load_config(None)
    labels = [c.label for c in settings_of(config).criteria]
    assert len(labels) == 7
    for ref, v in views.items():
        text = flat(pdf_text(digest.proposals[ref]))
        assert ref in text
        anact = (v["budget"] or {}).get("anact_request")
        if anact is not None:
            assert flat(euros(anact)) in text, ref
        for p in v["partners"]:
            assert flat(p["name"]) in text, (ref, p["name"])
        for label in labels:
            assert flat(label) in text, (ref, label)
        assert "Identité" in text and "Budget" in text and "Partenaires" in text
        assert "Ce qui manque encore" in text


def test_missing_pieces_are_said_plainly(digest, views):
    """A dossier whose budget was not read says so, and lists what is still missing."""
    lacking = [ref for ref, v in views.items() if v["missing"]]
    assert lacking, "the examples hold at least one dossier with a blocking flag"
    for ref in lacking:
        text = flat(pdf_text(digest.proposals[ref]))
        assert "rien de bloquant" not in text
        for message in views[ref]["missing"]:
            assert flat(message)[:60] in text
    no_budget = [ref for ref, v in views.items() if not (v["budget"] or {}).get("lines")]
    for ref in no_budget:
        assert "Non trouvé dans la proposition" in flat(pdf_text(digest.proposals[ref]))


def test_the_pack_is_the_cover_then_every_summary(digest, tmp_path):
    pack = digest.pack
    assert pack.name == PACK_NAME and pack.exists()
    pages = pdf_pages(pack)
    assert pages == digest.pack_pages == 1 + sum(digest.pages.values())
    assert len(render_png(pack, tmp_path / "png")) == pages
    cover = flat(pdf_text(pack, 1, 1))
    assert f"{len(digest.proposals)} propositions" in cover
    assert committee_settings(load_config(None)).title in cover
    # the contents' page numbers (CSS target-counter) lead to each summary's first page
    for ref in digest.proposals:
        m = re.search(re.escape(ref) + r"\b.*?(\d+)$", pdf_text(pack, 1, 1), re.M)
        assert m, ref
        first = int(m.group(1))
        assert pdf_text(pack, first, first).lstrip().startswith(ref)


def test_the_comparison_workbook_is_written_when_its_module_is_there(digest):
    try:
        import intake.committee.comparison  # noqa: F401
    except ImportError:
        assert digest.comparison is None and any("comparatif" in m for m in digest.messages)
        return
    assert digest.comparison is not None and digest.comparison.read_bytes()[:2] == b"PK"


def config_with(tmp_path: Path, *, recipients: list[str], smtp_port: int | None = None) -> Path:
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    assert "recipients = []" in text
    text = text.replace("recipients = []", "recipients = [" + ", ".join(f'"{r}"' for r in recipients) + "]")
    if smtp_port is not None:
        text += f'\n[smtp]\nhost = "{HOST}"\nport = {smtp_port}\nsecurity = "plain"\n'
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_command_writes_the_files(data, views, tmp_path):
    out = tmp_path / "released"
    done = cli("digest", "--out", str(out), "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted([f"{r}.pdf" for r in views] + [PACK_NAME])
    assert "Dossier du comité" in done.stdout and str(out / PACK_NAME) in done.stdout

    one = next(iter(views))
    single = tmp_path / "one"
    done = cli("digest", "--out", str(single), "--data", str(data), "--reference", one)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in single.glob("*.pdf")) == sorted([f"{one}.pdf", PACK_NAME])
    assert pdf_pages(single / PACK_NAME) == 1 + pdf_pages(single / f"{one}.pdf")

    every = tmp_path / "all"
    done = cli("digest", "--out", str(every), "--data", str(data), "--all")
    assert done.returncode == 0, done.stderr
    assert (every / f"{UNRELEASED}.pdf").exists()


def test_email_without_recipients_is_refused_in_french(data, tmp_path):
    done = cli("digest", "--out", str(tmp_path / "x"), "--data", str(data), "--email")
    assert done.returncode == 2
    assert "aucun destinataire" in done.stderr and "[committee]" in done.stderr
    assert not (tmp_path / "x" / PACK_NAME).exists()  # nothing built, nothing sent


def test_email_sends_the_pack_to_each_member(data, tmp_path):
    members = ["membre.un@comite.test", "membre.deux@comite.test"]
    with SmtpServer() as server:
        config = config_with(tmp_path, recipients=members, smtp_port=server.port)
        out = tmp_path / "sent"
        done = cli("digest", "--out", str(out), "--data", str(data), "--config", str(config), "--email")
        assert done.returncode == 0, done.stderr
        received = list(server.received)
    assert "envoyé à 2 destinataires" in done.stdout
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(members)
    assert all(len(r.rcpt_tos) == 1 for r in received)
    pack = (out / PACK_NAME).read_bytes()
    for r in received:
        msg = email.message_from_bytes(r.content, policy=policy.default)
        assert msg["To"] == r.rcpt_tos[0]
        assert "comité" in msg["Subject"]
        body = msg.get_body(preferencelist=("plain",)).get_content()
        assert body.startswith("Bonjour,") and "aucune note" in body
        files = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
        assert [p.get_filename() for p in files] == [PACK_NAME]
        assert files[0].get_payload(decode=True) == pack


def test_a_dossier_without_summary_and_an_empty_pack_still_read_plainly(views, tmp_path):
    """A summary that could not be built, hostile text from an applicant, no proposal at all."""
    from intake.committee.digest import render_pack_html, render_proposal_html, write_pdf

    config = load_config(None)
    settings = settings_of(config)
    v = dict(next(iter(views.values())), summary=None, identity={},
             title='<script>alert("x")</script> Projet')
    html = render_proposal_html(v, settings, config.call)
    assert "<script>" not in html and "&lt;script&gt;" in html
    path = tmp_path / "bare.pdf"
    assert 1 <= write_pdf(html, path) <= 3
    text = flat(pdf_text(path))
    assert "Résumé non disponible" in text
    assert text.count("Non relu : résumé indisponible") >= 10 + 7  # ten parts, seven criteria at least
    assert "Non trouvé dans la proposition" not in text  # nothing said absent that was only unread
    assert "Coût total" in text  # the budget comes from the dossier, not the summary
    empty = tmp_path / "empty.pdf"
    assert write_pdf(render_pack_html([], settings, config.call), empty) == 1
    assert "Aucune proposition transmise au comité" in flat(pdf_text(empty))


def test_email_without_smtp_leaves_one_eml_per_member_in_the_outbox(data, tmp_path):
    """No [smtp] host: as `run` does, the messages become .eml files in the data outbox."""
    members = ["membre.trois@comite.test"]
    config = config_with(tmp_path, recipients=members)
    before = set((data / "outbox").glob("*.eml")) if (data / "outbox").exists() else set()
    done = cli("digest", "--out", str(tmp_path / "out"), "--data", str(data), "--config", str(config),
               "--reference", "FAB-2022-0001", "--email")
    assert done.returncode == 0, done.stderr
    new = sorted(set((data / "outbox").glob("*.eml")) - before)
    assert len(new) == 1 and "fichiers .eml" in done.stdout
    msg = email.message_from_bytes(new[0].read_bytes(), policy=policy.default)
    assert msg["To"] == members[0]
    assert [p.get_filename() for p in msg.iter_attachments()] == [PACK_NAME]


def test_a_source_whose_label_says_its_nature_is_not_told_it_twice():
    from intake.committee.digest import _nature_unsaid

    assert _nature_unsaid("Mise à disposition de locaux (en nature)", "en_nature") == ""
    assert _nature_unsaid("Autofinancement (temps des équipes valorisé)", "autofinancement") == ""
    assert _nature_unsaid("Région Grand Est", "public") == "financement public"
    assert _nature_unsaid("Temps des salariés valorisé", "en_nature") == "apport en nature"
