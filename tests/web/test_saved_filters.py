"""Saved filters: the queue's current filters saved under a name, found again as links
above the queue, per user; a name saved twice is replaced; nobody deletes another's."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from storage.schema import saved_filters

from .conftest import ADMIN, INCOMPLETE, SCANNED, csrf_of, login


def saved_links(html: str) -> dict[str, str]:
    tools = html[html.index('class="saved-list"'):html.index("</ul>", html.index('class="saved-list"'))]
    return {name: href.replace("&amp;", "&") for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', tools)}


def test_save_and_reuse_a_filter(secretariat, engine):
    page = secretariat.get("/?todo=1&sort=reference&dir=desc&page=2").text
    assert "aucun pour l'instant" in page
    params = re.search(r'name="params" value="([^"]*)"', page).group(1).replace("&amp;", "&")
    assert params == "todo=1&sort=reference&dir=desc"  # the page number is not part of a filter
    r = secretariat.post("/filters", data={"csrf_token": csrf_of(page), "name": "  À traiter,  récents ",
                                           "params": params}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?todo=1&sort=reference&dir=desc&fait=filtre"
    page = secretariat.get(r.headers["location"]).text
    assert "Le filtre est enregistré" in page
    links = saved_links(page)
    assert links == {"À traiter, récents": "/?todo=1&sort=reference&dir=desc"}
    rows = secretariat.get(links["À traiter, récents"]).text.split("<tbody>")[1]
    assert rows.index(INCOMPLETE) < rows.index(SCANNED)  # sorted by reference, descending

    # the same name again replaces it; values the queue does not know are dropped
    secretariat.post("/filters", data={"csrf_token": csrf_of(page), "name": "À traiter, récents",
                                       "params": "decision=incomplete&evil=<script>&sort=nope"})
    assert saved_links(secretariat.get("/").text) == {"À traiter, récents": "/?decision=incomplete"}
    r = secretariat.post("/filters", data={"csrf_token": csrf_of(page), "name": " ", "params": ""})
    assert r.status_code == 400 and "Donnez un nom au filtre" in r.text


def test_filters_are_per_user(secretariat, app, engine):
    page = secretariat.get("/?decision=late").text
    secretariat.post("/filters", data={"csrf_token": csrf_of(page), "name": "Hors délai", "params": "decision=late"})
    with engine.connect() as conn:
        mine = conn.execute(select(saved_filters)).one()
    with TestClient(app) as other:
        assert login(other, ADMIN).status_code == 303
        html = other.get("/").text
        assert "Hors délai</a>" not in html.split('class="tools"')[1].split("</div>")[0]
        r = other.post(f"/filters/{mine.id}/delete", data={"csrf_token": csrf_of(html)})
        assert r.status_code == 404
    r = secretariat.post(f"/filters/{mine.id}/delete", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?fait=filtre-supprime"
    with engine.connect() as conn:
        assert conn.execute(select(saved_filters)).first() is None
