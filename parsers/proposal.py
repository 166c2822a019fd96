"""From the documents of one submission to what the proposal says: sections, budget,
partners and the project's end, as a careful reader would gather them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .budget import BudgetReader
from .budget_lines import Budget
from .dates import FoundDate, Schedule, project_schedule, stated_months
from .document import Document
from .partners import Partner, PartnerReader
from .sections import SectionFinder, SectionHit
from .vocab import Vocabulary

_PARTNER_TABLE_HEAD = Vocabulary(["partenaire*"])


@dataclass
class Proposal:
    sections: dict[str, SectionHit] = field(default_factory=dict)  # present parts only
    budget: Budget = field(default_factory=Budget)
    partners: list[Partner] = field(default_factory=list)
    schedule: Schedule | None = None
    # each document's titles, styled or guessed: (block index, level, text), by source
    outlines: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    @property
    def project_end(self) -> FoundDate | None:
        return self.schedule.end if self.schedule else None

    @property
    def has_content(self) -> bool:
        return bool(self.sections) or self.budget.found


def read_proposal(docs: list[Document], call) -> Proposal:
    """`call` is intake.config.CallConfig (duck-typed, so parsers stay free of config I/O)."""
    finder = SectionFinder({sid: s.headings for sid, s in call.sections.items()}, call.placeholders,
                           call.section_breaks, call.weak_headings)
    sections, outlines = finder.find_with_outlines(docs)
    budget = BudgetReader(call.budget).read(docs)
    reader = PartnerReader(call.partner_org_words, call.partner_not_orgs)
    partners: list[Partner] = []
    hit = sections.get("partenaires")
    if hit:
        partners = reader.read(hit.blocks, hit.inline_text)
    if not partners:
        partner_tables = [b for d in docs for b in d.blocks if b.kind == "table" and b.rows
                          and _PARTNER_TABLE_HEAD.matches(" ".join(b.rows[0]))]
        partners = reader.read(partner_tables) if partner_tables else []
    phasage = sections.get("phasage")
    others = [h.text() for sid, h in sections.items() if sid not in ("perennisation", "phasage")]
    # "Le projet dure quinze mois (septembre 2022 – novembre 2023)" may stand anywhere
    others += [b.text for d in docs for b in d.blocks[:2000]
               if b.kind != "table" and "projet" in b.text and stated_months(b.text)][:3]
    tables = [b.rows for b in phasage.blocks if b.kind == "table"] if phasage else []
    schedule = project_schedule(phasage.text() if phasage else "", others, tables)
    return Proposal(sections, budget, partners, schedule, outlines)


