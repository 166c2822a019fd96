"""The JSON API: the queue with the page's filters, paginated; a dossier as stored (the
contract) with reference, receipt, decision and overrides; the OpenAPI description of it;
all behind the login, FastAPI's docs pages never served."""

from __future__ import annotations

import json

from .conftest import (
    COMMITTEE,
    COMPLETE_BODY,
    COMPLETE_DOCX,
    INCOMPLETE,
    LATE,
    SCANNED,
    csrf_of,
    login,
)

ALL = [COMPLETE_DOCX, SCANNED, COMPLETE_BODY, INCOMPLETE, LATE]
SECTION_IDS = {"contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage", "pilotage",
               "resultats", "perennisation", "partenaires"}


def refs(body: dict) -> list[str]:
    return [item["reference"] for item in body["items"]]


def test_list(secretariat):
    r = secretariat.get("/api/dossiers")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["total"] == 5 and body["page"] == 1 and body["pages"] == 1 and body["per_page"] == 50
    assert body["next"] is None and body["previous"] is None
    assert refs(body) == ALL
    vox = next(i for i in body["items"] if i["reference"] == INCOMPLETE)
    assert vox["url"] == f"/api/dossiers/{INCOMPLETE}" and vox["page_url"] == f"/dossiers/{INCOMPLETE}"
    assert vox["received_at"].startswith("2022-08-20T14:51:44")  # UTC
    assert vox["applicant"] == "thomas.keller@itn-recherche.fr" and "Vox Travail" in vox["title"]
    assert vox["decision"] == "incomplete"
    assert vox["flags"] == {"blocking": 1, "warning": 1, "set_aside": 0}
    assert vox["flag_codes"] == ["cofinancing_below_minimum", "ineligible_expense"]
    assert vox["anact_request"] == 51000.0 and vox["cofinancing_share"] == 0.15
    assert set(vox["totals"]) >= {"personnel", "deplacements_logistique", "prestations", "autre"}
    assert vox["sections_present"] == 10 and vox["partners"] >= 1
    assert vox["last_email"] == {"kind": "completion_request", "state": "held",
                                 "label": "demande de compléments : à valider"}
    assert vox["emails_held"] == 1


def test_list_filters_and_pages(secretariat):
    assert refs(secretariat.get("/api/dossiers?decision=complete").json()) == [COMPLETE_DOCX, COMPLETE_BODY]
    assert refs(secretariat.get("/api/dossiers?flag=late_submission").json()) == [LATE]
    assert refs(secretariat.get("/api/dossiers", params={"q": "vox travail"}).json()) == [INCOMPLETE]
    assert refs(secretariat.get("/api/dossiers?sort=reference&dir=desc").json()) == list(reversed(ALL))
    first = secretariat.get("/api/dossiers?per_page=2&sort=reference").json()
    assert refs(first) == ALL[:2] and first["pages"] == 3 and first["previous"] is None
    assert first["next"] == "/api/dossiers?sort=reference&page=2&per_page=2"
    second = secretariat.get(first["next"]).json()
    assert refs(second) == ALL[2:4] and second["previous"] == "/api/dossiers?sort=reference&per_page=2"
    third = secretariat.get(second["next"]).json()
    assert refs(third) == ALL[4:] and third["next"] is None
    assert secretariat.get("/api/dossiers?per_page=1000").status_code == 400  # at most 200


def test_dossier(secretariat):
    r = secretariat.get(f"/api/dossiers/{INCOMPLETE.lower()}")
    assert r.status_code == 200
    d = r.json()
    # the contract's keys, kept
    assert {"message", "attachments", "sections", "budget", "partners", "flags"} <= set(d)
    assert set(d["sections"]) == SECTION_IDS
    assert d["message"]["from"] == "thomas.keller@itn-recherche.fr"
    assert d["budget"]["anact_request"] == 51000.0 and d["budget"]["cofinancing"]["share"] == 0.15
    assert {f["code"] for f in d["flags"]} == {"cofinancing_below_minimum", "ineligible_expense"}
    # what the service adds
    assert d["reference"] == INCOMPLETE and d["received_at"].startswith("2022-08-20T14:51:44")
    assert "Vox Travail" in d["title"]
    assert d["decision"] == d["reading_decision"] == "incomplete"
    assert d["overrides"] == []
    assert all("container" not in a for a in d["attachments"])  # keys absent stay absent


def test_dossier_with_a_correction(secretariat):
    page = secretariat.get(f"/dossiers/{INCOMPLETE}").text
    secretariat.post(f"/dossiers/{INCOMPLETE}/flags", data={
        "csrf_token": csrf_of(page), "code": "cofinancing_below_minimum", "target": "",
        "status": "not_applicable", "comment": "Courrier du conseil régional reçu."})
    d = secretariat.get(f"/api/dossiers/{INCOMPLETE}").json()
    assert d["decision"] == "complete" and d["reading_decision"] == "incomplete"
    # the dossier as it stands: the alert set aside no longer counts; the reading keeps it
    assert {f["code"] for f in d["flags"]} == {"ineligible_expense"}
    assert {f["code"] for f in d["reading"]["flags"]} == {"cofinancing_below_minimum", "ineligible_expense"}
    assert d["reading"]["decision"] == "incomplete" and d["corrections"] == []
    [o] = d["overrides"]
    assert o["code"] == "cofinancing_below_minimum" and o["status"] == "not_applicable"
    assert o["comment"] == "Courrier du conseil régional reçu." and o["by"] == "Claire Secrétariat"
    item = next(i for i in secretariat.get("/api/dossiers").json()["items"] if i["reference"] == INCOMPLETE)
    assert item["decision"] == "complete" and item["flags"]["set_aside"] == 1


def test_attachments_link_their_files(secretariat):
    d = secretariat.get(f"/api/dossiers/{SCANNED}").json()
    for a in d["attachments"]:
        assert a["download_url"] == f"/dossiers/{SCANNED}/files/{a['sha256']}"
        assert secretariat.get(a["download_url"]).status_code == 200


def test_unknown_dossier_is_a_json_404(secretariat):
    r = secretariat.get("/api/dossiers/FAB-2022-9999")
    assert r.status_code == 404 and r.json() == {"detail": "Aucun dossier FAB-2022-9999."}


def test_openapi(secretariat):
    r = secretariat.get("/api/openapi.json")
    assert r.status_code == 200
    schema = json.loads(r.text)
    assert schema["openapi"].startswith("3.") and schema["info"]["title"]
    assert set(schema["paths"]) == {
        "/api/dossiers", "/api/dossiers/{reference}", "/exports/dossiers.csv", "/exports/dossiers.xlsx",
        "/dossiers/{reference}/dossier.zip", "/dossiers/{reference}/files/{sha256}"}  # no HTML page
    listing = schema["paths"]["/api/dossiers"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "decision", "flag", "from", "to", "todo", "q", "sort", "dir", "page", "per_page"}
    assert schema["components"]["securitySchemes"]["session"] == {
        "type": "apiKey", "in": "cookie", "name": "fabrique_session",
        "description": "Le cookie de session posé par la connexion (/login)."}
    assert schema["security"] == [{"session": []}]
    # every reference resolves
    defined = set(schema["components"]["schemas"])
    assert {"DossierList", "DossierSummary", "DossierDetail", "Attachment", "Flag", "Override"} <= defined

    def refs_in(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$ref":
                    yield v
                else:
                    yield from refs_in(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs_in(v)

    found = set(refs_in(schema))
    assert found and all(ref.removeprefix("#/components/schemas/") in defined for ref in found), found


def test_docs_pages_are_not_served(secretariat):
    for path in ("/docs", "/redoc", "/openapi.json", "/api/docs", "/docs/oauth2-redirect"):
        assert secretariat.get(path).status_code == 404, path


def test_the_api_asks_for_a_login(client):
    """A program calling the API gets a JSON 401; a person following an export link is
    sent to the login page."""
    for path in ("/api/dossiers", f"/api/dossiers/{INCOMPLETE}", "/api/openapi.json"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 401 and r.json() == {"detail": "Connexion requise."}, path
    for path in ("/exports/dossiers.csv", "/exports/dossiers.xlsx", f"/dossiers/{INCOMPLETE}/dossier.zip"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path
        assert b"Vox" not in r.content and b"thomas.keller" not in r.content, path


def test_the_committee_reaches_no_export_nor_api(client):
    assert login(client, COMMITTEE).status_code == 303
    for path in ("/api/dossiers", f"/api/dossiers/{INCOMPLETE}", "/api/openapi.json", "/exports/dossiers.csv",
                 "/exports/dossiers.xlsx", f"/dossiers/{INCOMPLETE}/dossier.zip"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 403 and b"thomas.keller" not in r.content, path
        if path.startswith("/api/"):  # in JSON, as the API speaks
            assert r.headers["content-type"].startswith("application/json") and r.json()["detail"], path
