"""Who an answer greets: the person by name only when the address confirms the display
name; an organisation, a role or a name the address does not carry stays formal."""

from __future__ import annotations

import pytest

from intake.answering.addressee import greeting


@pytest.mark.parametrize(("name", "address", "expected"), [
    ("Thomas Keller", "thomas.keller@itn-recherche.fr", "Bonjour Thomas Keller"),
    ("KELLER Thomas", "tkeller@itn-recherche.fr", "Bonjour Thomas Keller"),  # surname in capitals, said last
    ("Jean-Pierre Durand", "jp.durand@exemple.fr", "Bonjour Jean-Pierre Durand"),
    ("Dr Anne Martin", "martin.anne@chu-exemple.fr", "Bonjour Anne Martin"),  # the title left out
    ("Élodie Bérard", "elodie.berard@exemple.fr", "Bonjour Élodie Bérard"),  # accents kept, folded to compare
    ("Marie Dupont", "secretariat@labo.fr", "Madame, Monsieur"),  # a colleague's name on a shared box
    ("Vox Travail", "vox.travail@exemple.fr", "Madame, Monsieur"),  # an organisation
    ("Service RH", "rh@exemple.fr", "Madame, Monsieur"),
    ("Trajectoires Travail", "trajectoires@travail.fr", "Madame, Monsieur"),
    ("Anne", "anne@exemple.fr", "Madame, Monsieur"),  # a first name alone
    ("", "thomas.keller@itn-recherche.fr", "Madame, Monsieur"),
    ("Thomas Keller 2", "thomas.keller@itn-recherche.fr", "Madame, Monsieur"),
])
def test_the_greeting_names_the_person_only_when_the_address_agrees(name, address, expected):
    assert greeting(name, address) == expected
