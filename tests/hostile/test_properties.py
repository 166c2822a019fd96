"""Property tests (hypothesis) of the pieces hostile input reaches first: the MIME
decoder never raises and gives clean text and safe names, whatever the bytes; the
amount parser reads back every French-formatted amount and never raises on any text;
the section finder never raises and finds a part whose heading sits among any text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.config import load_config
from intake.reading.message import MAX_NAME_CHARS, decode_message
from parsers.amounts import find_amounts, parse_amount
from parsers.document import Block, Document
from parsers.sections import SectionFinder
from parsers.text import document_from_text

from .build import ROOT

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
CONFIG = load_config(ROOT / "config.toml")
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _assert_clean(text: str) -> None:
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogate: storable in JSON and in the database
    assert "\x00" not in text


def _assert_decoded(raw: bytes) -> None:
    msg = decode_message(raw)
    for value in (msg.subject, msg.from_addr, msg.from_name, msg.message_id, msg.body_text,
                  msg.body_html, msg.date_raw, *msg.headers.values(), *msg.defects):
        _assert_clean(value)
    for part in msg.parts:
        _assert_clean(part.filename)
        assert not set(part.filename) & ({"/", "\\", "\x00"} | BIDI), part.filename
        assert part.filename not in (".", "..") and len(part.filename) <= MAX_NAME_CHARS
        assert isinstance(part.data, bytes)


# ------------------------------------------------------------------ MIME


@SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes_decode_without_raising(raw: bytes) -> None:
    _assert_decoded(raw)


header_bytes = st.binary(max_size=300).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b" "))
header_text = st.text(max_size=200).map(lambda s: s.replace("\r", "").replace("\n", " "))


@SETTINGS
@given(subject=header_bytes, sender=header_bytes, name=header_text, name2231=header_bytes,
       charset=st.text(max_size=40).map(lambda s: s.replace("\r", "").replace("\n", "")))
def test_any_header_values_decode_to_clean_text_and_safe_names(
        subject: bytes, sender: bytes, name: str, name2231: bytes, charset: str) -> None:
    raw = (b"From: " + sender + b"\r\nSubject: " + subject + b"\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
           b"Content-Type: text/plain; charset=\"" + charset.encode("utf-8", "replace")
           + b"\"\r\n\r\nBonjour\r\n--B\r\nContent-Type: application/octet-stream\r\n"
           b'Content-Disposition: attachment; filename="' + name.encode("utf-8", "replace")
           + b'"\r\n\r\ndata\r\n--B\r\nContent-Type: text/plain\r\n'
           b"Content-Disposition: attachment; filename*=" + name2231 + b"\r\n\r\nx\r\n--B--\r\n")
    _assert_decoded(raw)


@SETTINGS
@given(st.text(max_size=120))
def test_encoded_word_names_are_sanitised(name: str) -> None:
    import base64

    word = "=?utf-8?b?" + base64.b64encode(name.encode("utf-8", "surrogatepass")).decode() + "?="
    raw = ("From: a@b.fr\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
           'boundary="B"\r\n\r\n--B\r\nContent-Type: application/pdf\r\nContent-Disposition: '
           f'attachment; filename="{word}"\r\n\r\n%PDF\r\n--B--\r\n').encode()
    _assert_decoded(raw)


# ------------------------------------------------------------------ amounts

SEPARATORS = [" ", "\u00a0", "\u202f"]


def french(value: Decimal, sep: str, cents: bool) -> str:
    """12500.5 -> "12 500,50" with `sep` between thousands."""
    whole, frac = f"{value:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sep.join(groups)
    return out + ("," + frac if cents or frac != "00" else "")


amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@SETTINGS
@given(value=amounts, sep=st.sampled_from(SEPARATORS), cents=st.booleans(),
       unit=st.sampled_from([" €", "\u00a0€", " euros", " EUR", ""]))
def test_french_amounts_round_trip(value: Decimal, sep: str, cents: bool, unit: str) -> None:
    text = french(value, sep, cents) + unit
    assert parse_amount(text) == value, text
    if unit:
        found = find_amounts(f"Le coût total du projet s'élève à {text} HT, frais compris.")
        assert found and found[0].value == value, (text, found)
        assert found[0].tax == "HT"


@SETTINGS
@given(st.text(max_size=500))
def test_amount_parsing_never_raises(text: str) -> None:
    value = parse_amount(text)
    assert value is None or isinstance(value, Decimal)
    for a in find_amounts(text):
        assert isinstance(a.value, Decimal) and 0 <= a.start < a.end <= len(text)


# ------------------------------------------------------------------ sections


def _finder() -> SectionFinder:
    call = CONFIG.call
    return SectionFinder({sid: s.headings for sid, s in call.sections.items()},
                         call.placeholders, call.section_breaks, call.weak_headings)


@SETTINGS
@given(st.text(max_size=1500))
def test_section_finding_never_raises(text: str) -> None:
    hits = _finder().find([document_from_text(text, "corps du message")])
    assert set(hits) <= set(CONFIG.call.sections)


HEADINGS = [(sid, term.replace("*", "").replace("'", "’" if i % 2 else "'"))
            for sid, spec in CONFIG.call.sections.items()
            for i, term in enumerate(spec.headings.terms if hasattr(spec.headings, "terms")
                                     else [])]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=80)


@pytest.mark.skipif(not HEADINGS, reason="Vocabulary exposes no terms")
@SETTINGS
@given(before=st.lists(words, max_size=6), after=st.lists(words, max_size=6),
       heading=st.sampled_from(HEADINGS or [("", "")]), numbered=st.booleans())
def test_a_heading_of_the_vocabulary_is_found_among_any_text(
        before: list[str], after: list[str], heading: tuple[str, str], numbered: bool) -> None:
    sid, term = heading
    title = ("3. " if numbered else "") + term[:1].upper() + term[1:]
    blocks = [Block("paragraph", t) for t in before]
    blocks.append(Block("heading", title, level=1))
    blocks.append(Block("paragraph", "Nous décrivons ici en détail notre démarche, ses étapes "
                        "et les moyens que nous mobiliserons pendant toute sa durée."))
    blocks += [Block("paragraph", t) for t in after]
    hits = _finder().find([Document("projet.docx", "application/vnd.openxmlformats-"
                                    "officedocument.wordprocessingml.document", blocks)])
    assert sid in hits, (title, sorted(hits))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=0, max_size=6000), ending=st.sampled_from(["\r\n", "\n"]),
       cte=st.sampled_from(["base64", "7bit"]))
def test_setting_big_bodies_aside_changes_nothing(data: bytes, ending: str, cte: str) -> None:
    """decode_message cuts long base64 runs out before parsing (memory); with the
    thresholds lowered so that every email goes through it, the result is the same."""
    import base64
    import re

    from intake.reading.mime import framing

    body = base64.encodebytes(data).decode().replace("\n", ending)
    raw = ("From: a@b.fr\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
           'boundary="B"\n\n--B\nContent-Type: text/plain\n\nBonjour\n--B\n'
           f"Content-Type: application/pdf\nContent-Transfer-Encoding: {cte}\n"
           'Content-Disposition: attachment; filename="a.pdf"\n\n').replace("\n", ending) \
        + body + f"--B--{ending}"
    raw_bytes = raw.encode()
    saved = framing._SET_ASIDE_FROM, framing._B64_RUN
    try:
        framing._SET_ASIDE_FROM, framing._B64_RUN = 0, re.compile(
            rb"(?:[A-Za-z0-9+/]{60,76}={0,2}\r?\n){2,}")
        aside = decode_message(raw_bytes)
        framing._SET_ASIDE_FROM = 1 << 62
        plain = decode_message(raw_bytes)
    finally:
        framing._SET_ASIDE_FROM, framing._B64_RUN = saved
    assert [(p.filename, p.data) for p in aside.parts] == [(p.filename, p.data) for p in plain.parts]
    assert aside.body_text == plain.body_text and aside.defects == plain.defects
    if cte == "base64":
        assert aside.parts[0].data == data
