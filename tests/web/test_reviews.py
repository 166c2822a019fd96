"""The committee's review grid, as three members use it on two released dossiers: a draft
is private; the others' scores stay hidden until one's own review is submitted; then they
are side by side with the spread of each criterion; a member whose affiliations match a
dossier gets no grid; the secretariat reads the submitted reviews; the journal has each
step. The criteria and the scale are config.toml's."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from intake.committee.reviews import Scale, agreement, read_form
from intake.committee.summaries import settings_of
from storage.schema import audit_log, dossiers, users
from web.accounts import add_user

from .conftest import COMMITTEE, COMPLETE_DOCX, INCOMPLETE, PASSWORD, SECRETARIAT, csrf_of, login

OTHERS = ("deuxieme.membre@anact.test", "troisieme.membre@anact.test")


@pytest.fixture
def members(engine):
    with engine.begin() as conn:
        conn.execute(update(dossiers).where(dossiers.c.reference.in_([COMPLETE_DOCX, INCOMPLETE]))
                     .values(released_at=dossiers.c.first_received))
        for i, email in enumerate(OTHERS, 2):
            add_user(conn, email, f"Membre {i}", "committee", PASSWORD)


def grid(client, ref: str) -> str:
    return client.get(f"/committee/dossiers/{ref}/evaluation").text


def send(client, ref: str, scores: dict[str, int | None], opinion: str, action: str):
    token = csrf_of(grid(client, ref))
    data = {"csrf_token": token, "opinion": opinion, "action": action}
    for cid, s in scores.items():
        if s is not None:
            data[f"score-{cid}"] = str(s)
        data[f"comment-{cid}"] = f"Commentaire {cid}"
    return client.post(f"/committee/dossiers/{ref}/evaluation", data=data, follow_redirects=False)


def test_three_members_score_two_dossiers(app, engine, members, web_config):
    ids = [c.id for c in settings_of(web_config).criteria]
    assert len(ids) == 7  # the call's seven criteria
    first, second, third = TestClient(app), TestClient(app), TestClient(app)
    with first, second, third:
        assert login(first, COMMITTEE).status_code == 303
        assert login(second, OTHERS[0]).status_code == 303
        assert login(third, OTHERS[1]).status_code == 303
        page = html.unescape(grid(first, COMPLETE_DOCX))
        assert "Notez chaque critère de l'appel de 0 à 5" in page
        assert all(f'name="score-{cid}"' in page for cid in ids)

        # a draft is saved with scores missing, and stays private
        r = send(first, COMPLETE_DOCX, {ids[0]: 4}, "", "brouillon")
        assert r.status_code == 303 and r.headers["location"].endswith("fait=brouillon")
        # submitting needs every score, said beside the grid, what was typed kept
        r = send(first, COMPLETE_DOCX, {cid: 4 for cid in ids[:-1]}, "Projet solide.", "soumettre")
        text = html.unescape(r.text)
        assert r.status_code == 400 and "n'a pas de note : notez chaque critère avant de soumettre" in text
        assert "Projet solide." in text
        assert send(first, COMPLETE_DOCX, {cid: 4 for cid in ids}, "Projet solide.", "soumettre").status_code == 303

        listing = html.unescape(first.get("/committee").text)
        row = listing[listing.index(f">{COMPLETE_DOCX}<"):]
        assert ">soumise<" in row[:row.index("</tr>")]
        row = listing[listing.index(f">{INCOMPLETE}<"):]
        assert ">à faire<" in row[:row.index("</tr>")]
        # the second member sees no score before submitting their own
        before = html.unescape(grid(second, COMPLETE_DOCX))
        assert "1 évaluation soumise par un autre membre : elle s'affichera une fois la vôtre soumise." in before
        assert "Projet solide." not in before and "Membre du comité</th>" not in before
        send(second, COMPLETE_DOCX, {cid: 1 for cid in ids[:3]} | {cid: 4 for cid in ids[3:]}, "Trop flou.", "soumettre")
        after = html.unescape(grid(second, COMPLETE_DOCX))
        assert "Projet solide." in after and "Trop flou." in after
        # the spread: 4 against 1 on the first three criteria, a disagreement that stands out
        rows = re.findall(r'<tr( class="disagree")?>\s*<th scope="row">(\d)\. ', after)
        assert [n for flag, n in rows if flag] == ["1", "2", "3"]
        assert after.count("désaccord") == 3

        # the third member has a conflict with COMPLETE_DOCX (Aract Normandie is its partner): no grid
        token = csrf_of(third.get("/compte").text)
        third.post("/compte", data={"csrf_token": token, "affiliations": "Aract Normandie"})
        warning = third.get(f"/committee/dossiers/{COMPLETE_DOCX}/evaluation", follow_redirects=False)
        assert warning.status_code == 303 and warning.headers["location"].endswith("/conflit")
        token = csrf_of(third.get(f"/committee/dossiers/{COMPLETE_DOCX}/conflit").text)
        third.post(f"/committee/dossiers/{COMPLETE_DOCX}/conflit", data={"csrf_token": token})
        page = html.unescape(grid(third, COMPLETE_DOCX))
        assert "vous ne l'évaluez pas" in page and 'name="score-' not in page and "Projet solide." not in page
        r = send(third, COMPLETE_DOCX, {cid: 5 for cid in ids}, "x", "soumettre")
        assert r.status_code == 403
        # and scores INCOMPLETE, which names another Aract
        assert send(third, INCOMPLETE, {cid: 3 for cid in ids}, "Correct.", "soumettre").status_code == 303

    with TestClient(app) as secretariat:  # the secretariat reads the submitted reviews, no grid
        login(secretariat, SECRETARIAT)
        page = html.unescape(grid(secretariat, COMPLETE_DOCX))
        assert "Projet solide." in page and "Trop flou." in page and 'name="score-' not in page
    with engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))
                   if a.startswith("review")]
        names = {u.email: u.id for u in conn.execute(select(users))}
    assert actions == ["review_saved", "review_submitted", "review_submitted", "review_submitted"]
    assert names[COMMITTEE]


def test_the_grid_reads_the_form_as_the_scale_says():
    criteria = [("a", "Pertinence"), ("b", "Faisabilité")]
    scale = Scale(0, 5)
    entries, opinion = read_form({"score-a": "3", "comment-a": " bien ", "opinion": " ok "}, criteria, scale,
                                 submit=False)
    assert [(e.criterion, e.score, e.comment) for e in entries] == [("a", 3, "bien"), ("b", None, "")]
    assert opinion == "ok"
    for form, words in [({"score-a": "7"}, "la note va de 0 à 5"), ({"score-a": "trois"}, "nombre entier")]:
        with pytest.raises(ValueError, match=words):
            read_form(form, criteria, scale, submit=False)
    with pytest.raises(ValueError, match="avis d'ensemble"):
        read_form({"score-a": "1", "score-b": "2"}, criteria, scale, submit=True)
    [a, b] = agreement(["a", "b"], [{"a": 5, "b": 2}, {"a": 1, "b": 3}, {"a": None, "b": 3}])
    assert (a.average, a.spread, a.disagree(scale)) == (3.0, 4, True)
    assert (b.scores, b.spread, b.disagree(scale)) == ([2, 3, 3], 1, False)


def test_the_chair_records_decisions_against_the_envelope(app, engine, members, web_config, tmp_path):
    """Ranked by the members' mean; the chair records retenu with an amount, non retenu,
    liste d'attente; a decision over the envelope is shown first and saved only once
    confirmed; a plain member cannot decide; the journal has each decision."""
    from .conftest import configured

    ids = [c.id for c in settings_of(web_config).criteria]
    with engine.begin() as conn:
        add_user(conn, "presidence@anact.test", "Présidence", "chair", PASSWORD)
    small = tmp_path / "config.toml"  # an envelope smaller than two projects
    small.write_text(web_config.path.read_text(encoding="utf-8").replace("envelope_euros = 400000",
                                                                         "envelope_euros = 60000"), encoding="utf-8")
    from intake.config import load_config

    config = load_config(small)
    app = configured(app, config, tmp_path / "data")
    with TestClient(app) as member, TestClient(app) as chair:
        assert login(member, COMMITTEE).status_code == 303
        send(member, INCOMPLETE, {cid: 4 for cid in ids}, "Bon projet.", "soumettre")
        send(member, COMPLETE_DOCX, {cid: 2 for cid in ids}, "Moyen.", "soumettre")
        assert login(chair, "presidence@anact.test").status_code == 303
        page = html.unescape(chair.get("/committee/selection").text)
        order = re.findall(r'<tr id="ligne-(FAB-\d{4}-\d{4})">', page)
        assert order[:2] == [INCOMPLETE, COMPLETE_DOCX]  # best mean first
        assert "Enveloppe de l'appel" in page and "60\u202f000\u00a0€" in page

        def decide(ref, decision, amount="", consensus="", confirm=""):
            token = csrf_of(chair.get("/committee/selection").text)
            return chair.post(f"/committee/selection/{ref}", follow_redirects=False, data={
                "csrf_token": token, "decision": decision, "amount": amount, "consensus": consensus,
                "share": "1", "confirm": confirm})

        assert decide(INCOMPLETE, "retenu", "45 000", "Projet pertinent.").status_code == 303
        # a second one over the envelope: said first, nothing saved, then confirmed
        asked = decide(COMPLETE_DOCX, "retenu", "30 000")
        text = html.unescape(asked.text).replace("\u202f", " ").replace("\u00a0", " ")
        assert asked.status_code == 200 and "les projets retenus totalisent 75 000 € pour une enveloppe de " \
                                             "60 000 € : dépassement de 15 000 €" in text
        assert "Enregistrer malgré le dépassement" in text
        assert "Dépassement" not in text.split("Solde")[1][:120]  # not saved yet
        assert decide(COMPLETE_DOCX, "retenu", "30 000", confirm="oui").status_code == 303
        page = html.unescape(chair.get("/committee/selection").text).replace("\u202f", " ").replace("\u00a0", " ")
        assert "Dépassement de 15 000 €" in page
        assert decide(COMPLETE_DOCX, "attente").status_code == 303  # moved to the waiting list
        assert decide(COMPLETE_DOCX, "retenu", "90 000", confirm="oui").status_code == 400  # over the call's cap
        assert decide(COMPLETE_DOCX, "peut-être").status_code == 400
        page = html.unescape(chair.get("/committee/selection").text).replace("\u202f", " ").replace("\u00a0", " ")
        assert "Reste disponible : 15 000 €" in page and "liste d'attente" in page
        # the workbook: quotes per criterion, the member's ticks in Simulation, the decisions
        import io

        from openpyxl import load_workbook
        token = csrf_of(member.get("/committee/simulation").text)
        member.post("/committee/simulation", data={"csrf_token": token, "ref": [INCOMPLETE, COMPLETE_DOCX]})
        wb = load_workbook(io.BytesIO(member.get("/committee/comparaison.xlsx").content))
        sim = [r for r in wb["Simulation"].iter_rows(min_row=2, values_only=True) if r[0]]
        assert {r[0] for r in sim} >= {INCOMPLETE, COMPLETE_DOCX}
        decided = {r[0]: (r[2], r[3]) for r in wb["Décisions"].iter_rows(min_row=2, values_only=True) if r[0]}
        assert decided == {INCOMPLETE: ("retenu", 45000), COMPLETE_DOCX: ("liste d'attente", None)}
        ranking = load_workbook(io.BytesIO(member.get("/committee/classement.xlsx").content))["Classement"]
        ranked_rows = [r for r in ranking.iter_rows(min_row=2, values_only=True) if r[1]]
        assert [r[1] for r in ranked_rows][:2] == [INCOMPLETE, COMPLETE_DOCX]  # best mean first
        assert ranked_rows[0][0] == 1 and ranked_rows[0][4] == 4 and ranked_rows[0][8:10] == ("retenu", 45000)
        totals = {r[8]: r[9] for r in ranking.iter_rows(min_row=2, values_only=True) if r[8] and not r[1]}
        assert totals == {"Total accordé": 45000, "Enveloppe": 60000, "Reste": 15000}
        head = [c.value for c in wb["Comparaison"][1]]
        assert not any("passages cités" in str(h) for h in head)
        quote = next(i for i, h in enumerate(head, 1) if str(h).endswith("passage le plus parlant (et sa place)"))
        assert str(wb["Comparaison"].cell(2, quote).value).startswith("« ")
        # a plain member reads, cannot decide
        token = csrf_of(member.get("/committee/selection").text)
        assert 'action="/committee/selection/' not in member.get("/committee/selection").text
        r = member.post(f"/committee/selection/{INCOMPLETE}", data={"csrf_token": token, "decision": "non_retenu"})
        assert r.status_code == 403
    with engine.connect() as conn:
        decided = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))
                   if a == "selection_decided"]
    assert len(decided) == 3


def test_decision_letters_are_previewed_approved_and_threaded(app, engine, members, blobs, web_config):
    """The chair decides; the secretariat prepares the letters: each held, read on its
    page with its recipient, approved, then received at a real SMTP server in the
    applicant's thread; a letter not sent yet is replaced when the decision changes."""
    from email import message_from_bytes
    from email.policy import SMTP

    from intake.answering.mailer import SmtpTransport
    from intake.answering.outbox import send_due
    from storage.schema import outbox
    from tests.worker.smtp_server import HOST, SmtpServer

    with engine.begin() as conn:
        add_user(conn, "presidence@anact.test", "Présidence", "chair", PASSWORD)
    with TestClient(app) as chair, TestClient(app) as secretariat:
        assert login(chair, "presidence@anact.test").status_code == 303
        assert login(secretariat, SECRETARIAT).status_code == 303

        def decide(ref, decision, amount="", consensus=""):
            token = csrf_of(chair.get("/committee/selection").text)
            r = chair.post(f"/committee/selection/{ref}", follow_redirects=False, data={
                "csrf_token": token, "decision": decision, "amount": amount, "consensus": consensus, "share": "1"})
            assert r.status_code == 303, r.text

        decide(INCOMPLETE, "retenu", "45 000", "Un projet utile aux TPE du Grand Est.")
        decide(COMPLETE_DOCX, "non_retenu", "", "Le lien avec le dialogue social reste à construire.")

        def prepare():
            token = csrf_of(secretariat.get("/committee/selection").text)
            return secretariat.post("/committee/selection/lettres", data={"csrf_token": token},
                                    follow_redirects=False)

        assert chair.post("/committee/selection/lettres", data={"csrf_token": csrf_of(
            chair.get("/committee/selection").text)}).status_code == 403  # the secretariat's work
        r = prepare()
        assert r.status_code == 303 and "fait=lettres&n=2" in r.headers["location"]
        with engine.connect() as conn:
            held = {m.kind: m for m in conn.execute(select(outbox).where(outbox.c.kind.in_(
                ("selected", "not_selected"))))}
        assert {k: m.state for k, m in held.items()} == {"selected": "held", "not_selected": "held"}
        def flat(text: str) -> str:
            return " ".join(html.unescape(text).replace("\u202f", " ").replace("\u00a0", " ").split())

        preview = flat(secretariat.get(f"/emails/{held['selected'].id}").text)
        assert f"Envoyer ce courriel à {held['selected'].recipient}" in preview
        assert "a retenu votre projet" in preview and "45 000 €" in preview
        assert "Avis du comité : Un projet utile aux TPE du Grand Est." in preview
        assert "adressé automatiquement" not in preview
        refusal = flat(secretariat.get(f"/emails/{held['not_selected'].id}").text)
        assert "n'a pas retenu votre projet" in refusal and "souverain" in refusal
        assert "Le lien avec le dialogue social reste à construire." in refusal

        # the decision changes before sending: the held letter is replaced, not sent twice
        decide(INCOMPLETE, "retenu", "40 000", "Un projet utile aux TPE du Grand Est.")
        assert "n=2" in prepare().headers["location"]
        with engine.connect() as conn:
            states = sorted((m.kind, m.state) for m in conn.execute(select(outbox).where(outbox.c.kind.in_(
                ("selected", "not_selected")))))
        assert states == [("not_selected", "held"), ("not_selected", "withdrawn"), ("selected", "held"),
                          ("selected", "withdrawn")]
        with engine.connect() as conn:
            letters = list(conn.execute(select(outbox).where(outbox.c.state == "held", outbox.c.kind.in_(
                ("selected", "not_selected")))))
        for m in letters:
            token = csrf_of(secretariat.get(f"/emails/{m.id}").text)
            r = secretariat.post(f"/emails/{m.id}/approve", data={"csrf_token": token, "confirm": "oui"},
                                 follow_redirects=False)
            assert r.status_code == 303
    with SmtpServer() as smtp:
        sent = send_due(engine, blobs, SmtpTransport(HOST, smtp.port, security="plain", timeout=10),
                        envelope_from="fabrique@anact.fr")
        assert sent.sent == 2, sent.errors
        got = {str(message_from_bytes(m.content, policy=SMTP)["Subject"]): message_from_bytes(m.content, policy=SMTP)
               for m in smtp.received}
    selected = next(m for s, m in got.items() if "Votre projet est retenu" in s)
    assert "40 000 €" in " ".join(selected.get_body(("plain",)).get_content().replace("\u00a0", " ").split())
    for m in got.values():
        assert m["In-Reply-To"] and str(m["In-Reply-To"]) in str(m["References"])  # the applicant's thread
        assert m["Auto-Submitted"] is None  # a letter a person approved, not an automatic reply
    with engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(audit_log.c.action).order_by(audit_log.c.id))]
    assert actions.count("letter_prepared") == 4 and actions.count("email_approved") == 2


def test_the_minutes_pdf_says_members_conflicts_decisions_and_the_envelope(app, engine, members, tmp_path):
    """The procès-verbal, read back with pdftotext (and drawn with pdftoppm for a look)."""
    import subprocess

    with engine.begin() as conn:
        add_user(conn, "presidence@anact.test", "Présidence", "chair", PASSWORD)
    with TestClient(app) as member, TestClient(app) as chair:
        assert login(member, COMMITTEE).status_code == 303
        token = csrf_of(member.get("/compte").text)
        member.post("/compte", data={"csrf_token": token, "affiliations": "Aract Normandie"})
        token = csrf_of(member.get(f"/committee/dossiers/{COMPLETE_DOCX}/conflit").text)
        member.post(f"/committee/dossiers/{COMPLETE_DOCX}/deport", data={"csrf_token": token})
        assert member.get("/committee/proces-verbal.pdf").status_code == 403  # a member does not draw it up
        assert login(chair, "presidence@anact.test").status_code == 303
        for ref, decision, amount in ((INCOMPLETE, "retenu", "45 000"), (COMPLETE_DOCX, "non_retenu", "")):
            token = csrf_of(chair.get("/committee/selection").text)
            done = chair.post(f"/committee/selection/{ref}", data={"csrf_token": token, "decision": decision,
                                                                   "amount": amount, "consensus": "Avis partagé."},
                              follow_redirects=False)
            assert done.status_code == 303, html.unescape(done.text)[-3000:]
        r = chair.get("/committee/proces-verbal.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    path = tmp_path / "pv.pdf"
    path.write_bytes(r.content)
    from .conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(ARTIFACTS / "proces-verbal")],
                   check=True)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.replace("\u202f", " ").replace("\u00a0", " ").split())
    for words in ("Procès-verbal du comité de sélection", "Membre du comité", "Présidence", "présidence du comité",
                  f"Membre du comité {COMPLETE_DOCX} Aract Normandie s'est déporté", INCOMPLETE, "retenu", "45 000 €",
                  "non retenu", "Total accordé (1 projet retenu) 45 000 €", "Enveloppe de l'appel 400 000 €",
                  "Reste 355 000 €"):
        assert words in text, words


def test_scoring_sheets_and_the_packs_status_column(app, engine, members, tmp_path):
    """One printable sheet per released dossier (its criteria and scale), and the pack's
    contents say each dossier's state."""
    import subprocess

    with TestClient(app) as member:
        assert login(member, COMMITTEE).status_code == 303
        r = member.get("/committee/grilles.pdf")
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        (tmp_path / "g.pdf").write_bytes(r.content)
        info = subprocess.run(["pdfinfo", str(tmp_path / "g.pdf")], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages >= 2  # a sheet per released dossier, each from a new page
        text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "g.pdf"), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        assert f"Grille de notation — {COMPLETE_DOCX}" in text and f"Grille de notation — {INCOMPLETE}" in text
        assert "7. Capacité de contribution" in text and "Avis d'ensemble" in text and "incomplet" in text
        pack = member.get("/committee/pack.pdf")
        (tmp_path / "p.pdf").write_bytes(pack.content)
        toc = " ".join(subprocess.run(["pdftotext", "-l", "1", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                                      text=True, check=True).stdout.split())
        assert "Référence État Projet" in toc and f"{INCOMPLETE} Incomplet" in toc and f"{COMPLETE_DOCX} Complet" in toc
        from .conftest import ARTIFACTS

        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "g.pdf"),
                        str(ARTIFACTS / "grille")], check=True)
