"""French amounts as applicants write them."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12 500 €", "12500"),
        ("12 500,00", "12500"),
        ("12.500,00 €", "12500"),
        ("12 k€", "12000"),
        ("12,5 K€", "12500"),
        ("12\u00a0500\u202f€", "12500"),
        ("12\u202f500,50 € HT", "12500.50"),
        ("1 234 567,89 €", "1234567.89"),
        ("€12,500.00", "12500"),
        ("80 000 € TTC", "80000"),
        ("3 000 euros", "3000"),
        ("0 €", "0"),
    ],
)
def test_cell_amounts(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["20 %", "40 j", "-", "", "Chef de projet", "T4 2023"])
def test_not_amounts(text):
    assert parse_amount(text) is None


def test_amounts_in_prose_keep_tax_and_rates():
    found = find_amounts(
        "Nous sollicitons 64 000 € auprès de l'Anact sur un coût de 80 000 € HT "
        "(96 000 € TTC), avec un taux de 600 €/jour, en 2022."
    )
    assert [a.value for a in found] == [Decimal(64000), Decimal(80000), Decimal(96000), Decimal(600)]
    assert [a.tax for a in found] == [None, "HT", "TTC", None]
    assert found[-1].per_unit


@given(st.integers(min_value=0, max_value=99_999_999), st.sampled_from([" ", "\u00a0", "\u202f", "."]),
       st.integers(min_value=0, max_value=99), st.booleans())
def test_formatted_amounts_round_trip(value, sep, cents, with_cents):
    digits = f"{value:,}".replace(",", sep)
    text = f"{digits},{cents:02d} €" if with_cents else f"{digits} €"
    expected = Decimal(value) + (Decimal(cents) / 100 if with_cents else 0)
    assert parse_amount(text) == expected
    assert [a.value for a in find_amounts(f"Montant : {text}.")] == [expected]
