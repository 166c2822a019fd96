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
