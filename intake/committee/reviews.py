"""The committee's own review of a proposal: each member scores each of the call's
criteria on the call's scale, with a comment, and writes an overall opinion; a draft until
submitted. Pure functions over plain values: the scale from config.toml ([committee]
score_min, score_max), the criteria from [[summary.criteria]]; web.reviews stores and
shows them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean

from intake.config import Config, ConfigError, config_data

MAX_COMMENT = 4000


@dataclass(frozen=True)
class Scale:
    """The scores a member may give each criterion (whole numbers, bounds included)."""

    low: int = 0
    high: int = 5

    @property
    def values(self) -> list[int]:
        return list(range(self.low, self.high + 1))


def scale_of(config: Config) -> Scale:
    """config.toml [committee] score_min / score_max (0 to 5 when absent)."""
    table = config_data(config).get("committee", {})
    low, high = table.get("score_min", 0), table.get("score_max", 5)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)) or not 0 <= low < high <= 20:
        raise ConfigError("config: « committee.score_min » et « committee.score_max » doivent être des nombres "
                          "entiers, le premier plus petit que le second (par exemple 0 et 5).")
    return Scale(low, high)


class ReviewError(ValueError):
    """A review that cannot be saved as asked (French; `field`: the criterion or "opinion")."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Entry:
    """One criterion of one review: its score (None: not given yet) and comment."""

    criterion: str
    score: int | None
    comment: str


def read_form(form: Mapping[str, str], criteria: Sequence[tuple[str, str]], scale: Scale, *,
              submit: bool) -> tuple[list[Entry], str]:
    """The entries and the opinion typed in the grid (fields score-<id>, comment-<id>,
    opinion). A draft may leave scores out; a submitted review needs every one, and an
    opinion. Raises ReviewError saying which field."""
    entries = []
    for cid, label in criteria:
        raw = (form.get(f"score-{cid}") or "").strip()
        score = None
        if raw:
            try:
                score = int(raw)
            except ValueError:
                raise ReviewError(f"« {label} » : la note doit être un nombre entier.", cid) from None
            if score not in scale.values:
                raise ReviewError(f"« {label} » : la note va de {scale.low} à {scale.high}.", cid)
        comment = (form.get(f"comment-{cid}") or "").strip()
        if len(comment) > MAX_COMMENT:
            raise ReviewError(f"« {label} » : commentaire trop long ({MAX_COMMENT} caractères au plus).", cid)
        if submit and score is None:
            raise ReviewError(f"« {label} » n'a pas de note : notez chaque critère avant de soumettre.", cid)
        entries.append(Entry(cid, score, comment))
    opinion = (form.get("opinion") or "").strip()
    if len(opinion) > MAX_COMMENT:
        raise ReviewError(f"Avis d'ensemble trop long ({MAX_COMMENT} caractères au plus).", "opinion")
    if submit and not opinion:
        raise ReviewError("Écrivez votre avis d'ensemble avant de soumettre.", "opinion")
    return entries, opinion


@dataclass(frozen=True)
class Agreement:
    """The submitted scores of one criterion side by side: their mean and spread."""

    criterion: str
    scores: list[int]
    average: float | None
    spread: int | None

    def disagree(self, scale: Scale) -> bool:
        """The members are far apart: a spread of at least half the scale."""
        return self.spread is not None and self.spread * 2 >= scale.high - scale.low


def agreement(criteria: Sequence[str], reviews: Sequence[Mapping[str, int | None]]) -> list[Agreement]:
    """Per criterion, over the submitted reviews ({criterion: score})."""
    out = []
    for cid in criteria:
        scores = [r[cid] for r in reviews if r.get(cid) is not None]
        scores_i = [int(s) for s in scores if s is not None]
        out.append(Agreement(cid, scores_i, round(mean(scores_i), 2) if scores_i else None,
                             max(scores_i) - min(scores_i) if scores_i else None))
    return out


def overall(review: Mapping[str, int | None]) -> float | None:
    """A review's mean score over the criteria it scored."""
    scores = [int(s) for s in review.values() if s is not None]
    return round(mean(scores), 2) if scores else None
