"""Forwards as mail clients write them: the original sender and time are read from the
quoted header block, and only a forward by the call's own organisation changes whose
proposal it is."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest

from intake.reading.forwards import inline_forward, origin, parse_date
from intake.reading.message import decode_message

PARIS = ZoneInfo("Europe/Paris")
WHEN = datetime(2022, 8, 23, 18, 5, tzinfo=PARIS)

CLIENTS = {
    "gmail": "---------- Forwarded message ---------\nDe : Claire Lemonnier <claire@coop-travail.fr>\n"
             "Date: mar. 23 août 2022 à 18:05\nSubject: Candidature Fabrique CTO\nTo: <paul@anact.fr>\n",
    "thunderbird": "-------- Message transféré --------\nSujet : Candidature Fabrique CTO\n"
                   "Date : Tue, 23 Aug 2022 18:05:00 +0200\nDe : Claire Lemonnier <claire@coop-travail.fr>\n"
                   "Pour : paul@anact.fr\n",
    "outlook": "________________________________\nDe : Claire Lemonnier <claire@coop-travail.fr>\n"
               "Envoyé : mardi 23 août 2022 18:05\nÀ : Martin Paul <paul@anact.fr>\n"
               "Objet : Candidature Fabrique CTO\n",
    "outlook_mailto": "-----Message d'origine-----\nDe : Claire Lemonnier [mailto:claire@coop-travail.fr]\n"
                      "Envoyé : mardi 23 août 2022 18:05\nObjet : Candidature Fabrique CTO\n",
    "apple": "Début du message réexpédié :\n\nDe: Claire Lemonnier <claire@coop-travail.fr>\n"
             "Objet: Candidature Fabrique CTO\nDate: 23 août 2022 à 18:05:00 UTC+2\nÀ: paul@anact.fr\n",
    "outlook_en": "From: Claire Lemonnier <claire@coop-travail.fr>\nSent: Tuesday, August 23, 2022 6:05 PM\n"
                  "To: Paul Martin\nSubject: Candidature Fabrique CTO\n",
}


@pytest.mark.parametrize("client", sorted(CLIENTS))
def test_the_original_sender_and_time_are_read_from_each_clients_block(client):
    body = "Bonjour, pour suite à donner.\nPaul\n\n" + CLIENTS[client] + "\nBonjour, ci-joint notre dossier.\n"
    fwd = inline_forward(body, PARIS)
    assert fwd is not None and fwd.from_addr == "claire@coop-travail.fr"
    assert fwd.date == WHEN
    assert parse_date("n'importe quoi", PARIS) is None


def test_a_body_without_forward_has_none():
    assert inline_forward("Bonjour,\nDe : notre part, merci.\nCordialement", PARIS) is None


def _forward(sender: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "fabrique@anact.fr"
    m["Subject"] = "TR: Candidature Fabrique CTO"
    m["Date"] = "Thu, 25 Aug 2022 09:30:00 +0200"
    m.set_content("Pour suite à donner.\n\n" + CLIENTS["outlook"])
    return m.as_bytes()


def test_only_the_organisations_forwards_change_the_applicant(call):
    by_colleague = origin(decode_message(_forward("paul.martin@anact.fr")), call)
    assert (by_colleague.from_addr, by_colleague.date) == ("claire@coop-travail.fr", WHEN)
    assert by_colleague.forwarded_by == "paul.martin@anact.fr"
    by_partner = origin(decode_message(_forward("direction@coop-travail.fr")), call)
    assert by_partner.from_addr == "direction@coop-travail.fr" and by_partner.forwarded_by is None
