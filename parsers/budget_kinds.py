"""What kind of cost a budget line is: staff, travel and logistics, bought services,
or another (ineligible) kind; the nature of a co-financing line; whether a line is
Anact's. The call's vocabularies decide (config [call.budget]); the contract's rules on
time and on work bought outside (a role's days are staff time, fees are services) too."""

from __future__ import annotations

import re

from .budget_lines import BOUGHT, ROLE, STAFF_TIME, STOP
from .vocab import fold


class LineKinds:
    def __init__(self, vocab):  # vocab: intake.config.BudgetVocab (duck-typed: parsers stay pure)
        self.v = vocab

    def category(self, label: str, context_cat: str | None) -> tuple[str, bool]:
        """(category, ineligible) for an expense label."""
        f = fold(label)
        scores = {c: v.strength(f, folded=True) for c, v in self.v.categories.items()}
        best = max(scores, key=lambda c: scores[c]) if scores else None
        inel = self.v.ineligible.strength(f, folded=True)
        if inel[0] and (not best or inel >= scores[best]):
            return "autre", True
        if context_cat == "autre":
            return "autre", True
        if context_cat:
            return context_cat, False
        if STAFF_TIME.search(f) and not BOUGHT.search(f) and not self.v.categories[
                "deplacements_logistique"].matches(f, folded=True) and (
                ROLE.search(f) or not self.v.categories["prestations"].matches(f, folded=True)):
            return "personnel", False  # "Consultante senior (45 jours)": someone's time
        if best == "personnel" and scores.get("prestations", (0,))[0] and BOUGHT.search(f):
            return "prestations", False  # "Rémunérations intermédiaires et honoraires": bought outside
        if best and scores[best][0] > 0:
            return best, False
        if self.v.goods.matches(f, folded=True):
            return "autre", True  # goods bought: outside the eligible kinds
        return "prestations", False  # an unnamed service

    def context_category(self, label: str) -> str | None:
        """The category a header row ("Dépenses de personnel", "Autres dépenses") opens."""
        f = fold(label)
        scores = {c: v.coverage(f, folded=True) for c, v in self.v.categories.items()}
        best = max(scores, key=lambda c: scores[c]) if scores else None
        if best and scores[best] > 0:
            return best
        if re.search(r"\bautres?\b|\bdivers\b", f) or self.v.ineligible.matches(f, folded=True):
            return "autre"
        return None

    def is_category_name(self, text: str) -> bool:
        """"Personnel", "Déplacements / logistique", "Prestations": a cell that is a
        category's name rather than a line's description (its words are the category's)."""
        words = [w for w in fold(text).split() if w not in STOP and len(w) > 1 and w.isalpha()]
        if not words or len(words) > 5:
            return False
        for v in self.v.categories.values():
            if sum(1 for w in words if v.matches(w, folded=True)) >= max(1, (len(words) * 2 + 2) // 3):
                return True
        return self.v.ineligible.matches(" ".join(words), folded=True) and len(words) <= 2 or bool(
            re.fullmatch(r"(?:autres?|divers)(?: (?:depenses|frais|charges|couts))?", " ".join(words)))

    def nature(self, label: str) -> str:
        f = fold(label)
        for nature, v in self.v.natures.items():
            if v.matches(f, folded=True):
                return nature
        return "autre"

    def is_anact(self, f: str) -> bool:
        return self.v.anact.matches(f, folded=True)

    @staticmethod
    def org_like(label: str) -> bool:
        """"Cabinet Ergos", "Université de Lille": a title naming someone (capitalised words
        after the first), as in a budget laid out by partner."""
        words = [w for w in re.split(r"[\s'’]+", label.strip()) if w]
        return len(words) >= 2 and any(w[:1].isupper() for w in words[1:]) and len(words) <= 8
