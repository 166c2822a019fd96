"""The queue: every dossier on one line, counts per decision, filters kept in the URL,
search in the extracted text, sorting, pagination, and a fixed number of statements per
page whatever the number of dossiers (no N+1)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import event

from web.queries import QueueFilters, queue_page

from .conftest import COMPLETE_BODY, COMPLETE_DOCX, INCOMPLETE, LATE, SCANNED

ALL = [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE, LATE]


def references(html: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*><a href="/dossiers/(FAB-\d{4}-\d{4})">', html)


def test_every_dossier_with_its_figures(secretariat):
    html = secretariat.get("/").text
    assert "<title>Dossiers — " in html
    assert references(html) == ALL  # first received first
    row = html[html.index(f"/dossiers/{INCOMPLETE}\""):]
    row = row[:row.index("</tr>")]
    for words in ("thomas.keller@itn-recherche.fr", "Vox Travail", "20/08/2022", "16:51", "incomplet",
                  "1 bloquante", "1 avertissement", "51\u202f000\u00a0€", "15\u00a0%",
                  "demande de compléments", "à valider"):
        assert words in row, words
    start = html.index('class="counts"')
    counts = html[start:html.index("</ul>", start)]
    # counts agree with their words: "2 complets", "1 incomplet", "0 pas une candidature"
    for n, label in ((5, "dossiers"), (2, "complets"), (1, "incomplet"), (1, "à examiner"), (1, "hors délai"),
                     (0, "pas une candidature"), (3, "à traiter")):
        assert re.search(rf"<strong>{n}</strong> {label}<", counts), label


def test_received_at_is_paris_time(secretariat):
    html = secretariat.get("/?q=claire.lemonnier").text
    assert references(html) == [COMPLETE_DOCX]
    assert "10/08/2022" in html and "11:14" in html  # Date: Wed, 10 Aug 2022 11:14 +0200


def test_filters(secretariat):
    def refs(query: str) -> list[str]:
        return references(secretariat.get("/?" + query).text)

    assert refs("decision=incomplete") == [INCOMPLETE]
    assert refs("decision=complete") == [COMPLETE_DOCX, COMPLETE_BODY]
    assert refs("flag=scanned_document") == [SCANNED]
    assert refs("flag=late_submission") == [LATE]
    assert refs("flag=missing_budget_item") == []          # "_" is no wildcard
    assert refs("todo=1") == [SCANNED, INCOMPLETE, LATE]    # to review, incomplete, late (held answers)
    assert refs("from=2022-08-20&to=2022-08-20") == [COMPLETE_BODY, INCOMPLETE]
    assert refs("from=2022-08-24") == [LATE]
    assert refs("to=2022-08-10") == [COMPLETE_DOCX, SCANNED]
    assert refs("decision=complete&from=2022-08-20") == [COMPLETE_BODY]
    assert refs("decision=n-importe-quoi&from=pas-une-date&page=zz") == ALL  # ignored, not an error


def test_search(secretariat):
    def refs(q: str) -> list[str]:
        return references(secretariat.get("/", params={"q": q}).text)

    assert refs("Vox") == [INCOMPLETE]                      # title
    assert refs("vox travail") == [INCOMPLETE]              # every word, any case
    assert refs("itn-recherche") == [INCOMPLETE]            # applicant
    assert refs("tonalité des appels") == [COMPLETE_BODY, INCOMPLETE]  # the extracted text of a section
    assert refs('"conférence de consensus"') == [SCANNED, COMPLETE_BODY, INCOMPLETE]  # a phrase
    assert refs("consensus conférence") == [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE]  # words
    assert refs("véhicule de service") == [INCOMPLETE]      # a budget line
    assert refs("FAB-2022-0005") == [LATE]
    assert refs("100%_introuvable") == []


def test_sorting(secretariat):
    def refs(query: str) -> list[str]:
        return references(secretariat.get("/?" + query).text)

    assert refs("sort=anact&dir=desc") == [COMPLETE_BODY, INCOMPLETE, LATE, COMPLETE_DOCX, SCANNED]
    assert refs("sort=anact") == [COMPLETE_DOCX, LATE, INCOMPLETE, COMPLETE_BODY, SCANNED]  # unknown last
    assert refs("sort=share") == [INCOMPLETE, COMPLETE_DOCX, LATE, COMPLETE_BODY, SCANNED]
    assert refs("sort=reference&dir=desc") == list(reversed(ALL))
    assert refs("sort=decision")[:2] == [COMPLETE_DOCX, COMPLETE_BODY]
    assert refs("sort=received&dir=desc") == list(reversed(ALL))


def test_links_keep_the_filters(secretariat):
    html = secretariat.get("/?decision=complete&q=outiller&sort=anact").text
    for href in re.findall(r'<th scope="col"[^>]*>\s*<a href="([^"]+)"', html):
        params = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert params["decision"] == ["complete"] and params["q"] == ["outiller"], href
    assert 'aria-sort="ascending"' in html
    # the form shows them back
    assert 'value="outiller"' in html and '<option value="complete" selected>' in html


def test_pagination(engine):
    with engine.connect() as conn:
        pages = [queue_page(conn, QueueFilters(page=n), page_size=2) for n in (1, 2, 3, 9)]
    assert [p.pages for p in pages] == [3, 3, 3, 3]
    assert [[r["reference"] for r in p.rows] for p in pages] == [ALL[:2], ALL[2:4], ALL[4:], ALL[4:]]
    assert pages[0].total == 5


def test_pager_links(secretariat, monkeypatch):
    import web.queries

    monkeypatch.setattr(web.queries, "PAGE_SIZE", 2)
    monkeypatch.setattr(web.queries.queue_page, "__defaults__", (2,))
    html = secretariat.get("/?decision=&page=2").text
    assert references(html) == ALL[2:4]
    assert 'href="/?page=3" rel="next"' in html and 'href="/" rel="prev"' in html
    assert "page 2 sur 3" in html


def test_a_fixed_number_of_statements_per_page(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with engine.connect() as conn:
            for f in (QueueFilters(), QueueFilters(todo=True, q="outiller", sort="anact", desc=True)):
                statements.clear()
                page = queue_page(conn, f)
                assert page.rows and len(statements) == 3, statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_the_queue_names_the_first_blocking_alert_its_cause_first(secretariat):
    """"N bloquantes" alone tells nothing: the row names the alert to look at first, the
    unread file that hides the parts before the parts it hides."""
    from .conftest import INCOMPLETE, SCANNED

    html = secretariat.get("/").text

    def cell(reference):
        row = html[html.index(f">{reference}<"):]
        return " ".join(row[:row.index("</tr>")].split())
    assert "1 bloquante</span> : Co-financement insuffisant" in cell(INCOMPLETE)
    scanned = cell(SCANNED)
    # the scanned file (a warning) is named as the likely cause of the missing budget
    assert "1 bloquante</span> : Budget absent — cause probable : document numérisé" in scanned, scanned
    # the whole line, also where the cell is cut, in its title
    assert 'title="1 bloquante : Budget absent — cause probable : document numérisé · 1 avertissement"' in scanned


def test_the_dossier_page_lists_the_unread_file_before_what_it_hides(secretariat):
    from .conftest import SCANNED

    page = secretariat.get(f"/dossiers/{SCANNED}").text
    alerts = page[page.index('id="alertes"'):page.index('id="messages"')]
    assert alerts.index("Document numérisé") < alerts.index("Budget absent")
    # the part it hides says so, under the file
    hidden = alerts[alerts.index("Budget absent"):]
    assert "Cause probable : document numérisé « " in hidden[:hidden.index("</tr>")]


def test_a_search_shows_where_it_matched(secretariat):
    """The words marked where the row shows them; found only in the documents, the place
    and the words around."""
    html = secretariat.get("/", params={"q": "Vox"}).text
    row = html[html.index(f">{INCOMPLETE}<"):]
    row = row[:row.index("</tr>")]
    assert "<mark>Vox</mark> Travail" in row and "trouvé dans" not in row
    html = secretariat.get("/", params={"q": "tonalité des appels"}).text  # in a part's text only
    assert 'class="queue searching"' in html
    rows = [r for r in html.split("<tr")[2:] if "/dossiers/FAB-" in r]
    assert len(rows) == 2
    for r in rows:
        assert "trouvé dans partie « " in r and "<mark>tonalité</mark>" in r, r
    assert "<mark>" not in secretariat.get("/").text  # no search, nothing marked


def test_search_hits_are_pure_and_escaped():
    from web.search import hit, marked

    data = {"sections": {"contexte": {"present": True, "heading": "Contexte",
                                      "excerpt": "Les centres d'appels <b>mesurent</b> la tonalité des appels."}},
            "partners": [{"name": "Aract Grand Est", "contribution": "comité de pilotage"}]}
    assert hit(data, ["Vox Travail", "thomas@x.fr"], "tonalité") == (
        "partie « Contexte »", "Les centres d'appels <b>mesurent</b> la tonalité des appels.")
    assert hit(data, ["Vox Travail"], "vox") is None  # seen in the row itself
    assert hit(data, ["Vox"], "Grand") == ("partenaires", "Aract Grand Est : comité de pilotage")
    assert str(marked("<b>tonalité</b>", "TONALITÉ")) == "&lt;b&gt;<mark>tonalité</mark>&lt;/b&gt;"
