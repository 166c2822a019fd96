"""The two SVG charts of the committee summaries: well-formed, French amounts, text
escaped, bars in proportion, nothing drawn when there is nothing to draw, no inline style
(the web app's CSP), and laid out by WeasyPrint into a PDF whose text reads back."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from intake.committee.charts import budget_bars, funding_split
from intake.vocabulary import euros, percent

SVG = "{http://www.w3.org/2000/svg}"
CATEGORIES = [("Frais de personnel", 28800.0), ("Déplacements et logistique", 4800.0),
              ("Prestations", 14900.0), ("Autres dépenses", 0.0)]
SOURCES = [{"label": "Fonds propres", "amount": 5500.0, "nature": "autofinancement"},
           {"label": "Fonds social européen (FSE+)", "amount": 5500.0, "nature": "public"}]


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_budget_bars_show_each_category_with_its_french_amount():
    root = parsed(budget_bars(CATEGORIES))
    words = texts(root)
    for label, amount in CATEGORIES:
        assert label in words
        assert euros(amount) in words
    assert "28\u202f800\u00a0€" in words
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Budget par catégorie de dépense"


def test_bar_lengths_are_in_proportion():
    root = parsed(budget_bars([("A", 100.0), ("B", 50.0), ("C", 0.0)]))
    blue = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("fill") == "#4a78a8"]
    assert len(blue) == 2  # nothing drawn for zero
    assert blue[0] == pytest.approx(2 * blue[1], abs=0.2)  # drawn to 0.1 px


def test_funding_split_gives_anact_then_each_source_with_its_share():
    words = texts(parsed(funding_split(37500.0, SOURCES)))
    legend = " ".join(words)
    assert "Demande à l'Anact" in words and "Fonds propres" in words and "Fonds social européen (FSE+)" in words
    total = 37500 + 5500 + 5500
    assert f"{euros(37500)} ({percent(37500 / total)})" in legend
    assert "77,3\u00a0%" in legend and "11,3\u00a0%" in legend


def test_nothing_to_draw_gives_an_empty_string():
    assert budget_bars([]) == ""
    assert budget_bars([("Personnel", 0.0), ("Prestations", None)]) == ""
    assert funding_split(None, []) == ""
    assert funding_split(0, [{"label": "X", "amount": None}]) == ""


def test_text_is_escaped_and_long_labels_are_cut():
    hostile = '<script>alert("x")</script> & Cie'
    svg = funding_split(1000.0, [{"label": hostile, "amount": 500.0}]) + budget_bars([(hostile, 10.0)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    long = "Association régionale pour l'amélioration des conditions de travail et du dialogue social"
    words = texts(parsed(budget_bars([(long, 10.0)])))
    assert any(w.endswith("…") and long.startswith(w[:-1]) for w in words)


def test_no_inline_style_for_the_web_pages_csp():
    for svg in (budget_bars(CATEGORIES), funding_split(37500.0, SOURCES)):
        assert "style" not in svg
        assert not re.search(r"<(script|foreignObject|image)\b", svg)


def test_weasyprint_lays_the_charts_out(tmp_path):
    from weasyprint import HTML

    html = ("<html lang='fr'><body style='font-family: DejaVu Sans'>"
            + budget_bars(CATEGORIES) + funding_split(37500.0, SOURCES) + "</body></html>")
    path = tmp_path / "charts.pdf"
    HTML(string=html).write_pdf(str(path))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Frais de personnel" in flat and "28 800 €" in flat and "Fonds propres" in flat
    png = tmp_path / "charts"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(path), str(png)], check=True)
    assert (tmp_path / "charts.png").stat().st_size > 1000


def test_chromium_draws_the_charts(tmp_path):
    """The web app shows the same SVG inline: Chromium lays it out at its stated size."""
    from playwright.sync_api import sync_playwright

    html = ("<!DOCTYPE html><html lang='fr'><body>" + budget_bars(CATEGORIES)
            + funding_split(37500.0, SOURCES) + "</body></html>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            page = browser.new_page()
            page.set_content(html)
            boxes = [page.locator("svg").nth(i).bounding_box() for i in range(2)]
            words = page.locator("svg text").all_text_contents()
            page.screenshot(path=str(tmp_path / "charts.png"))
        finally:
            browser.close()
    assert all(b and b["width"] == pytest.approx(320, abs=1) and b["height"] > 40 for b in boxes)
    assert "Déplacements et logistique" in words and euros(14900) in words
