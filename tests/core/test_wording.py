"""French agreement of counted words: 0 and 1 take the singular, 2 and more the plural,
with the labels the pages count (decisions, email states) and free phrases alike."""

from __future__ import annotations

from intake import vocabulary as v


def test_every_counted_label_agrees_with_0_1_and_2():
    for label in [*v.DECISION_LABELS.values(), *v.ANSWER_STATE_LABELS.values()]:
        assert v.agreed(0, label) == v.agreed(1, label) == label
        plural = v.agreed(2, label)
        assert "(s)" not in plural and plural, label
    assert v.agreed(13, "incomplet") == "incomplets" and v.agreed(27, "envoyé") == "envoyés"
    assert v.agreed(2, "à valider") == "à valider" and v.agreed(2, "hors délai") == "hors délai"


def test_free_phrases_agree_word_by_word():
    assert v.agreed(4, "partenaire nommé") == "partenaires nommés"
    assert v.agreed(1, "partenaire nommé") == "partenaire nommé"
    assert v.agreed(3, "courriel analysé") == "courriels analysés"
    assert v.agreed(2, "passage") == "passages" and v.agreed(2, "prix") == "prix"
    assert v.agreed(2, "cheval", "chevaux") == "chevaux"


def test_staff_and_committee_read_flags_said_of_the_dossier_not_to_the_applicant():
    """The emails ask ("Merci de nous transmettre…", "votre envoi"); the secretariat's and
    the committee's pages state the fact."""
    import re

    from intake.vocabulary import staff_message

    applicant_voice = re.compile(r"\b(?:[Vv]otre|[Vv]os|[Nn]ous|[Mm]erci|vous)\b")
    samples = [
        "Votre envoi ne contient aucun document de candidature : ni pièce jointe lisible, ni description du "
        "projet dans le corps du message. Merci de nous transmettre la description du projet.",
        "Nous n'avons pas trouvé de budget dans votre envoi. L'appel demande un budget détaillé.",
        "La pièce jointe « budget.pdf » n'a pas pu être lue (elle est protégée par un mot de passe). Merci de "
        "nous la renvoyer au format PDF ou DOCX, sans mot de passe.",
        "Votre proposition nous est parvenue le 24 août 2022 à 09 h 12, après la date limite.",
        "Le total indiqué (10 €) ne correspond pas à la somme des lignes (12 €). Merci de vérifier vos montants.",
    ]
    for text in samples:
        said = staff_message({"message": text})
        assert said and not applicant_voice.search(said), said
    assert staff_message({"message": samples[1]}).startswith("Aucun budget trouvé dans l'envoi.")
