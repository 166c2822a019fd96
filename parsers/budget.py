"""Reading the budget: lines, categories, declared total, Anact request, co-financing.

Budgets come as tables (in a PDF, a DOCX, a spreadsheet, an HTML body), sometimes split
into expenses and resources, grouped by category with subtotals, with HT and TTC
columns; or as "Poste : montant" lines and sentences in a "Budget" part. Each row is
classified with the call's vocabularies (config [call.budget]); money stays Decimal.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .amounts import cell_tax, find_amounts, parse_amount
from .budget_kinds import LineKinds
from .budget_lines import (
    ACCOUNT,
    AMOUNT_HEAD,
    BUDGET_HEADING,
    CAP_WORDS,
    DETAIL,
    DETAIL_HEAD,
    EXPENSE_CONTEXT,
    GROUP_HEAD,
    INTRO,
    QTY_HEAD,
    RESOURCE_CONTEXT,
    RESOURCE_GROUP,
    SPEAKER,
    TAX_HEAD,
    TOTAL_COST_PROSE,
    TOTAL_HEAD,
    UNIT_HEAD,
    Budget,
    BudgetLine,
    drop_group_totals,
    drop_repeated_tables,
    drop_resource_groups,
    form_cells,
    is_header_row,
    reconcile,
    same_budget,
    segments,
    tidy_label,
)
from .document import Block, Document
from .sections import strip_numbering
from .vocab import Vocabulary, fold

ACCOUNT_HEAD = re.compile(r"(?:^|\s)(?:n[o°]?\s*)?(?:de\s*)?(?:comptes?|code comptable)$")
CATEGORY_HEAD = Vocabulary(["categorie*", "nature*", "type*", "rubrique*", "famille*"])
_BARE_LINE = re.compile(r"^(.{2,160}?)\s*:\s*((?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d{3,7})(?:,\d{1,2})?)$")
_DAYS_COUNTED = re.compile(r"\b\d+(?:[,.]\d+)?\s*(?:jours?|j|heures?|h|demi journees?|mois)\b")
_UNIT_NAME = Vocabulary(["unite*"])
_UNFINISHED = re.compile(r"(?:,|\b(?:dont|soit|et|de|du|des|à|au|aux|pour|par))\s*$", re.IGNORECASE)  # "Unité | jour": the unit a quantity counts
_JOINED_LINES = re.compile(r"(?<=€)\s+(?=[A-ZÀ-Ý][a-zà-ÿ]+\b)")
_DAYS_HEAD = re.compile(r"\b(?:jours?|journees?|j h|jh|nb j|hommes? jours?|jours? hommes?)\b")
_PERCENT = re.compile(r"\d{1,3}(?:[.,]\d+)?\s?%")


class BudgetReader(LineKinds):
    def __init__(self, vocab):  # vocab: intake.config.BudgetVocab (duck-typed: parsers stay pure)
        super().__init__(vocab)
        self._header: list[str] = []  # column headers of the table part being read

    # -- tables ---------------------------------------------------------------------------
    def read(self, docs: list[Document]) -> Budget:
        per_doc: list[tuple[Document, Budget]] = []
        for doc in docs:
            b = Budget()
            groups: list[tuple[int, int]] = []  # the lines each table gave
            for blk in doc.blocks:
                if blk.kind == "table":
                    start = len(b.lines)
                    self._read_table(blk, doc.source, b)
                    if len(b.lines) > start:
                        groups.append((start, len(b.lines)))
            b.lines = drop_repeated_tables(b.lines, groups, b.declared_total)
            cells = form_cells(doc)
            if not b.lines:  # no expense table: expenses written as lines or sentences
                self._read_prose_lines(doc, b)
                for sub in cells:  # a form's "Budget" cell holding its lines
                    if not b.lines:
                        self._read_prose_lines(sub, b)
            if not b.cofinancing:  # "Co-financements envisagés ou acquis :" then a list
                for d in [doc, *cells]:
                    self._read_introduced_lists(d, b)
            self._read_sentences(doc, b)
            for sub in cells:
                self._read_sentences(sub, b)
            if not b.cofinancing:  # "Demande à l'Anact : 42 000 €. Autofinancement : 8 000 €."
                for d in [doc, *cells]:
                    self._read_stated_cofinancing(d, b)
            if b.found:
                per_doc.append((doc, b))
        return self._settle_cofinancing(docs, reconcile(self._merge(per_doc)))

    def _settle_cofinancing(self, docs: list[Document], b: Budget) -> Budget:
        """Reconcile before accusing: the co-financing read falls short of the cost minus
        the request, and one amount the documents state in a sentence about co-financing
        ("le temps de nos moniteurs … est valorisé à 9 600 € : c'est une contribution en
        nature") makes up exactly the difference: it is a co-financing line the layout hid.
        An applicant's own shortfall (no such sentence) stays a shortfall."""
        total, anact = b.total_cost(), b.anact_request
        if total is None or anact is None or not b.cofinancing:
            return b
        gap = total - anact - sum((c.amount for c in b.cofinancing), Decimal(0))
        if gap <= 1:
            return b
        known = {c.amount for c in b.cofinancing} | {total, anact}  # an expense may be given in kind too
        for doc in docs:
            for blk in doc.blocks:
                if blk.kind == "table":
                    continue
                for sent in re.split(r"(?<=[.;!?])\s+", blk.text):
                    f = fold(sent)
                    if CAP_WORDS.matches(f, folded=True) or self.is_anact(f) \
                            or not self.v.cofinancing.matches(f, folded=True):
                        continue
                    amounts = [a for a in find_amounts(sent) if not a.per_unit]
                    if len(amounts) == 1 and abs(amounts[0].value - gap) <= 1 and amounts[0].value not in known:
                        label = tidy_label(sent.strip())[:160]
                        b.cofinancing.append(BudgetLine(label, "cofinancement", amounts[0].value, doc.source,
                                                        nature=self.nature(sent)))
                        return b
        return b

    def _merge(self, per_doc: list[tuple[Document, Budget]]) -> Budget:
        """One budget from several documents: the most detailed expense table wins when
        two documents give the same budget (a summary in the PDF, detail in the XLSX)."""
        out = Budget()
        with_lines = [(d, b) for d, b in per_doc if b.lines]
        if with_lines:
            main = max(with_lines, key=lambda db: (len(db[1].lines), db[0].media_type.endswith("sheet")))[1]
            out.lines = main.lines
            out.declared_total = main.declared_total
            out.declared_total_source = main.declared_total_source
            for _, b in with_lines:
                if b is main:
                    continue
                if not same_budget(main, b):
                    out.lines = out.lines + b.lines  # a genuinely separate part of the budget
        for _, b in per_doc:
            if out.declared_total is None and b.declared_total is not None:
                out.declared_total, out.declared_total_source = b.declared_total, b.declared_total_source
            if out.resources_total is None:
                out.resources_total = b.resources_total
            if out.anact_request is None and b.anact_request is not None:
                out.anact_request, out.anact_source = b.anact_request, b.anact_source
        # the plan that names its sources ("Autofinancement 8 400", "ARS 3 000") over a
        # sentence that gives their sum ("co-financements : 11 400 €")
        funded = [b for _, b in per_doc if b.cofinancing]
        seen: set[tuple[str, Decimal]] = set()
        for c in max(funded, key=lambda b: len(b.cofinancing)).cofinancing if funded else []:
            key = (fold(c.label), c.amount)
            if key not in seen:
                seen.add(key)
                out.cofinancing.append(c)
        return out

    def _column_roles(self, rows: list[list[str]]) -> tuple[int, dict[int, str]]:
        """(index of first data row, {column: 'amount'|'qty'|'unit'|'ttc'|'tax'|'label'})."""
        self._header = []
        width = max((len(r) for r in rows), default=0)
        first_data = 0
        for i, r in enumerate(rows):
            if any(parse_amount(c) is not None for c in r[1:] if c) and any(
                c.strip() and parse_amount(c) is None for c in r
            ):
                first_data = i
                break
        else:
            return 0, {}
        header = [" ".join(r[j] for r in rows[:first_data] if j < len(r) and r[j]) for j in range(width)]
        numeric: dict[int, int] = {}
        texty: dict[int, int] = {}
        for r in rows[first_data:]:
            for j, c in enumerate(r):
                if not c.strip():
                    continue
                if parse_amount(c) is not None:
                    numeric[j] = numeric.get(j, 0) + 1
                else:
                    texty[j] = texty.get(j, 0) + 1
        roles: dict[int, str] = {}
        for j in range(width):
            h = fold(header[j]) if j < len(header) else ""
            n, t = numeric.get(j, 0), texty.get(j, 0)
            cells = [r[j] for r in rows[first_data:] if j < len(r) and r[j].strip()]
            numbers = [c for c in cells if re.fullmatch(r"\d{2,6}", c.strip())]
            if h and ACCOUNT_HEAD.search(h) and len(numbers) >= 2 and len(cells) - len(numbers) <= 1:
                roles[j] = "label"  # "Compte | CHARGES | Montant": the account number names the line
                continue
            if cells and all(_PERCENT.fullmatch(c.strip()) for c in cells):
                roles[j] = "rate"  # "Taux TVA | 20 %", "Part | 12,5 %": neither a label nor money
                continue
            if h and (UNIT_HEAD.matches(h, folded=True) or _UNIT_NAME.matches(h, folded=True)) \
                    and cells and all(len(c.split()) <= 2 for c in cells):
                roles[j] = "unit"  # "Unité | jour", "Coût unitaire | 420": what a quantity counts
                continue
            if n == 0 or t > n * 2:
                roles[j] = "label"
                continue
            if h and UNIT_HEAD.matches(h, folded=True):
                roles[j] = "unit"
            elif h and TAX_HEAD.matches(h, folded=True) and not cell_tax(header[j]):
                roles[j] = "tax"
            elif h and cell_tax(header[j]) == "TTC":
                roles[j] = "ttc"
            elif h and QTY_HEAD.matches(h, folded=True) and not AMOUNT_HEAD.matches(h, folded=True):
                roles[j] = "qty"
            elif h and re.fullmatch(r"(19|20)\d\d", h.strip()):
                roles[j] = "year"
            else:
                roles[j] = "amount"
        self._header = header
        return first_data, roles

    def _groups(self, roles: dict[int, str]) -> list[tuple[list[int], int, list[int]]]:
        """Split columns into (label columns, amount column) groups: side-by-side
        expense/resource tables give two groups."""
        groups: list[tuple[list[int], list[int]]] = []
        labels: list[int] = []
        amounts: list[int] = []
        for j in sorted(roles):
            r = roles[j]
            if r == "label":
                if amounts:
                    groups.append((labels, amounts))
                    labels, amounts = [], []
                labels.append(j)
            elif r in ("amount", "ttc", "year"):
                amounts.append(j)
        if amounts or labels:
            groups.append((labels, amounts))
        out = []
        for labs, amts in groups:
            if not amts:
                continue
            out.append((labs, self._pick_amount(amts, roles), amts))
        return out

    def _funding_columns(self, amts: list[int], pick: int) -> tuple[int | None, list[int]]:
        """Columns that split each line's cost by funder ("dont Anact", "Autofinancement")."""
        anact, cof = None, []
        for j in amts:
            h = fold(self._header[j]) if j < len(self._header) else ""
            if j == pick or not h:
                continue
            if self.is_anact(h):
                anact = j
            elif self.v.cofinancing.matches(h, folded=True):
                cof.append(j)
        return anact, cof

    def _pick_amount(self, amts: list[int], roles: dict[int, str]) -> int:
        """The column holding each line's cost: HT over TTC, a total over yearly or
        per-funder columns, else the rightmost."""
        head = {j: fold(self._header[j]) if j < len(self._header) else "" for j in amts}
        ht = [j for j in amts if roles[j] == "amount"] or amts
        explicit_ht = [j for j in ht if cell_tax(self._header[j] if j < len(self._header) else "") == "HT"]
        if explicit_ht:
            return explicit_ht[0]
        funders = {j for j in ht if head[j] and (self.is_anact(head[j])
                                                  or self.v.cofinancing.matches(head[j], folded=True))}
        totals = [j for j in ht if TOTAL_HEAD.matches(head[j], folded=True) and j not in funders]
        if totals:
            return totals[-1]
        rest = [j for j in ht if j not in funders]
        return (rest or ht)[-1]

    def _read_table(self, blk: Block, source: str, b: Budget) -> None:
        rows = [[(c or "").strip() for c in r] for r in blk.rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        text = fold(" ".join(" ".join(r) for r in rows))
        v = self.v
        if not (v.markers.matches(text, folded=True) or any(c.matches(text, folded=True) for c in v.categories.values())
                or v.cofinancing.matches(text, folded=True)):
            return
        for part in self._split_parts(rows):
            self._read_part(part, source, b, fold(blk.sheet or ""))

    def _split_parts(self, rows: list[list[str]]) -> list[list[list[str]]]:
        """A sheet often stacks two tables with their own columns (expenses, then
        "Ressources | Montant | Statut"): a header row after figures starts a new part."""
        parts: list[list[list[str]]] = [[]]
        seen_figures = False
        for r in rows:
            if seen_figures and is_header_row(r):
                parts.append([])
                seen_figures = False
            parts[-1].append(r)
            if any(parse_amount(c) is not None for c in r[1:] if c):
                seen_figures = True
        return [p for p in parts if p]

    def _read_part(self, rows: list[list[str]], source: str, b: Budget, sheet_ctx: str) -> None:
        first, roles = self._column_roles(rows)
        if not roles:
            return
        groups = self._groups(roles)
        heads = [fold(" ".join(rows[i][j] for i in range(first) for j in labels if j < len(rows[i])))
                 for labels, _, _ in groups]
        resources = [RESOURCE_CONTEXT.matches(h, folded=True) and not EXPENSE_CONTEXT.matches(h, folded=True)
                     for h in heads]
        for (labels, amount_col, amts), head_labels, is_resources in zip(groups, heads, resources, strict=True):
            funding = self._funding_columns(amts, amount_col)
            ctx = "resources" if (RESOURCE_CONTEXT.matches(sheet_ctx, folded=True)) else None
            if is_resources:
                ctx = "resources"
            elif EXPENSE_CONTEXT.matches(head_labels, folded=True):
                ctx = "expenses"  # a "Dépenses" column header over a sheet named "Plan de financement"
            elif any(resources) and EXPENSE_CONTEXT.matches(head_labels, folded=True):
                # CHARGES | PRODUITS side by side: the left side is costs, whatever its words
                # ("86 – Emplois des contributions volontaires en nature" is a cost)
                ctx = "expenses"
            # rows above the first figure that are not column headers (a title, a first
            # "Dépenses de personnel" group row) are read too: they open categories
            start = max((i + 1 for i in range(first) if sum(1 for c in rows[i] if c) >= 2), default=0)
            self._read_rows(rows[start:], labels, amount_col, roles, source, b, ctx, funding,
                            side=is_resources and any(not r for r in resources))

    def _read_rows(self, rows, labels, amount_col, roles, source, b: Budget, ctx,
                   funding: tuple[int | None, list[int]] = (None, []), side: bool = False) -> None:
        """`side`: the PRODUITS half of a two-sided table, resources whatever its rows say."""
        cat_ctx: str | None = None
        anact_col, cof_cols = funding
        groups: list[tuple[int, Decimal, str | None]] = []  # category rows: (index, amount, category)
        split_sums: dict[int, Decimal] = {}
        split_totals: dict[int, Decimal] = {}

        def split_values(r: list[str], into: dict[int, Decimal]) -> None:
            for j in ([anact_col] if anact_col is not None else []) + cof_cols:
                v = parse_amount(r[j]) if j < len(r) else None
                if v is not None:
                    into[j] = into.get(j, Decimal(0)) + v

        last: BudgetLine | None = None  # the line a "dont …" row details
        resource_groups: list[tuple[BudgetLine, Decimal | None]] = []  # (line, Anact request before it)
        since_total: Decimal | None = None  # costs added after a stated total
        since_accounts = Decimal(0)  # of which accounts' subtotals
        label_cols = labels or [j for j in range(amount_col) if roles.get(j) == "label"]
        # "Détail du calcul", "Commentaire" columns explain a line; they do not name it
        named_cols = [j for j in label_cols
                      if not (j < len(self._header) and DETAIL_HEAD.matches(self._header[j]))] or label_cols
        for r in rows:
            cells = [r[j] if j < len(r) else "" for j in named_cols]
            texts = [c for c in cells if c]
            label = " ".join(texts)
            amt_cell = r[amount_col] if amount_col < len(r) else ""
            amount = parse_amount(amt_cell)
            if amount is None and amt_cell and any(ch.isdigit() for ch in amt_cell):
                found = find_amounts(amt_cell)
                amount = found[0].value if found else None
            f = fold(label)
            if not f:
                continue
            if amount is None:
                last = None
                # a header row inside the table: opens a category or the resources part
                if RESOURCE_CONTEXT.matches(f, folded=True) and not self.v.categories["personnel"].matches(f, folded=True):
                    ctx, cat_ctx = "resources", None
                elif side:
                    continue  # "78 – Reprises sur amortissements": an empty row of the form
                elif EXPENSE_CONTEXT.matches(f, folded=True) and not self.context_category(label):
                    ctx, cat_ctx = "expenses", None
                else:
                    c = self.context_category(label)
                    if c and not self.is_category_name(label) and self.org_like(label):
                        cat_ctx = None  # "Cabinet Ergos" over its lines: a partner's block, not a kind
                    elif c:
                        cat_ctx, ctx = c, "expenses" if ctx != "resources" else ctx
                        if ctx == "resources" and not self.v.cofinancing.matches(f, folded=True):
                            ctx = "expenses"
                continue
            # a label cell that only names a category ("Catégorie | Détail | Montant",
            # "Poste | Nature | Montant") gives the row its category
            cat_ctx_row, shown = None, label
            if len(texts) >= 2 and not self.v.total.matches(f, folded=True):
                # several cells may read as a category ("Déplacements et hébergement |
                # Déplacements / logistique"): the one under a "Catégorie" header, else the first
                columns = [j for j, c in zip(named_cols, cells, strict=True) if c]
                named = [(k, t, c) for k, t in enumerate(texts)
                         if len(t.split()) <= 5 and (c := self.context_category(t)) and self.is_category_name(t)]
                headed = [n for n in named if columns[n[0]] < len(self._header)
                          and CATEGORY_HEAD.matches(self._header[columns[n[0]]])]
                if named:
                    k, t, c = (headed or named)[0]
                    cat_ctx_row, shown = c, " – ".join(texts[:k] + texts[k + 1 :])
                    if k == 0 and cells[0]:
                        cat_ctx = c  # a merged category cell covers the rows below it
            if self.v.subtotal.matches(f, folded=True):
                continue
            if DETAIL.match(f) and last is not None:
                # "dont …" details the line above: counted once, in that line
                if self.is_anact(f) and b.anact_request is None and last.category == "cofinancement":
                    b.anact_request, b.anact_source = amount, source  # "Subventions … dont Anact"
                    last.amount -= amount
                    if last.amount <= 0 and last in b.cofinancing:
                        b.cofinancing.remove(last)
                continue
            if DETAIL.match(f):
                shown = re.sub(r"^\s*(?:dont|y compris|incluant)\s+", "", shown, flags=re.IGNORECASE)
                label, f = shown, fold(shown)
            if self.v.resources_total.matches(f, folded=True):
                b.resources_total = b.resources_total if b.resources_total is not None else amount
                continue
            if self.v.total.matches(f, folded=True) and not self.is_anact(f):
                if ctx != "resources" and not split_totals:
                    split_values(r, split_totals)
                if ctx == "resources":
                    b.resources_total = b.resources_total if b.resources_total is not None else amount
                elif cell_tax(label) == "TTC" and b.declared_total is not None:
                    pass
                elif (b.declared_total is not None and since_total
                      and min(abs(b.declared_total + since_total - amount),
                              abs(b.declared_total + since_total - since_accounts - amount)) <= 1):
                    # "TOTAL DES CHARGES" then the contributions in kind (86), then "TOTAL"
                    b.declared_total, b.declared_total_source = amount, source
                elif cell_tax(label) == "TTC" or (b.declared_total is not None and cell_tax(label) != "HT"):
                    if b.declared_total is None:
                        b.declared_total, b.declared_total_source = amount, source
                else:
                    b.declared_total, b.declared_total_source = amount, source
                    ctx = ctx or "after_total"
                cat_ctx = None
                since_total = Decimal(0) if ctx != "resources" else since_total
                continue
            if self.is_anact(f) and not CAP_WORDS.matches(f, folded=True):
                if b.anact_request is None:
                    b.anact_request, b.anact_source = amount, source
                ctx = "resources"
                continue
            cof_cov = self.v.cofinancing.coverage(f, folded=True)
            exp_cov = max(v.coverage(f, folded=True) for v in self.v.categories.values())
            # a row whose category cell names an expense ("Doctorant (contribution à 20 %) |
            # Personnel") is an expense, whatever its own words
            # a line counting days ("participation aux rencontres (30 jours)") is staff time
            # outside the resources part, whatever its words
            if cat_ctx_row is None and (ctx == "resources" or (ctx == "after_total" and cof_cov) or (
                    cof_cov and cof_cov > exp_cov and cat_ctx is None and ctx != "expenses"
                    and not _DAYS_COUNTED.search(f))):
                last = BudgetLine(shown, "cofinancement", amount, source, nature=self.nature(label))
                b.cofinancing.append(last)
                if ACCOUNT.match(f) or RESOURCE_GROUP.search(f):
                    resource_groups.append((last, b.anact_request))
                ctx = "resources"
                continue
            if ACCOUNT.match(f):
                # "62 – Autres services extérieurs" over "Honoraires", "Déplacements": an
                # account's subtotal when its lines add up to it; they keep their own kinds
                groups.append((len(b.lines), amount, "account"))
            elif cat_ctx_row is None and self.is_category_name(label) and (
                    GROUP_HEAD.search(fold(label)) or len(fold(label).split()) == 1):
                # "Dépenses de personnel : 48 000 €" over its detail lines: a group total
                # when the lines below add up to it, a line of its own otherwise
                groups.append((len(b.lines), amount, self.context_category(label)))
            category, inel = self.category(label + self._days(r, roles), cat_ctx_row or cat_ctx)
            last = BudgetLine(shown, category, amount, source, ineligible=inel)
            b.lines.append(last)
            if since_total is not None:
                since_total += amount
                since_accounts += amount if ACCOUNT.match(f) else 0
            split_values(r, split_sums)
        drop_group_totals(b, groups)
        drop_resource_groups(b, resource_groups)
        self._apply_splits(b, source, anact_col, cof_cols, split_totals or split_sums)

    def _days(self, row: list[str], roles: dict[int, str]) -> str:
        """" (30 jours)" when the row gives a number of days in a "Jours" column: a role
        with its days is someone's time ("Consultant senior | 30 | 700 | 21 000")."""
        for j, role in roles.items():
            head = fold(self._header[j]) if j < len(self._header) else ""
            if role == "qty" and j < len(row) and _DAYS_HEAD.search(head) and re.fullmatch(r"\d+(?:[,.]\d+)?", row[j].strip()):
                return f" ({row[j].strip()} jours)"
        return ""

    def _apply_splits(self, b: Budget, source: str, anact_col, cof_cols, values: dict[int, Decimal]) -> None:
        """Per-funder columns give the Anact request and co-financing when the table
        lists no resources of its own."""
        if anact_col is not None and b.anact_request is None and anact_col in values:
            b.anact_request, b.anact_source = values[anact_col], source
        if cof_cols and not b.cofinancing:
            for j in cof_cols:
                if j in values:
                    label = self._header[j].strip()
                    b.cofinancing.append(BudgetLine(label, "cofinancement", values[j], source,
                                                    nature=self.nature(label)))

    # -- prose ----------------------------------------------------------------------------
    def _budget_zones(self, doc: Document) -> list[list[Block]]:
        zones: list[list[Block]] = []
        cur: list[Block] | None = None
        level = 0
        for blk in doc.blocks:
            is_head = blk.kind == "heading" or (blk.kind == "paragraph" and blk.emphasis and len(blk.text) < 100)
            # a short plain line "Budget prévisionnel" opens a zone too (never closes one)
            opens = cur is None and blk.kind == "paragraph" and not blk.list_item and len(blk.text.split()) <= 6 \
                and not blk.text.rstrip().endswith((".", ";", ",")) and not find_amounts(blk.text) \
                and BUDGET_HEADING.first_position(fold(strip_numbering(blk.text)), folded=True) == 0
            if is_head or opens:
                lvl = blk.level or 2
                title = strip_numbering(blk.text)
                if BUDGET_HEADING.matches(title) and not (cur is not None and lvl > level):
                    cur, level = [], lvl
                    zones.append(cur)
                    continue
                if cur is not None and lvl <= level:
                    cur = None
            if cur is not None:
                cur.append(blk)
        if not zones and not any(b.kind == "heading" for b in doc.blocks):
            # no structure at all (a plain e-mail body): every line is a candidate
            zones.append([b for b in doc.blocks if b.kind == "paragraph"])
        return zones

    def _read_prose_lines(self, doc: Document, b: Budget) -> None:
        """"Personnel : 42 000 €" lines and budget sentences in the budget part, read like
        table rows: a run of one-amount lines is read as one table (its group titles and
        group totals apply), each sentence paragraph on its own (it opens its own context)."""
        batch: list[list[str]] = []

        def flush() -> None:
            if any(r[1] for r in batch):
                self._read_rows(list(batch), [0], 1, {0: "label", 1: "amount"}, doc.source, b, None)
            batch.clear()

        for zone in self._budget_zones(doc):
            # a PDF line joined to the next ("… : 3 000 € Soit un co-financement de …") is two;
            # a sentence cut by a PDF's line break ("… est de 61 000 €, dont" / "12 600 € de …") one
            paras = [blk.text for blk in zone if blk.kind == "paragraph"]
            for k in range(len(paras) - 1, 0, -1):
                if _UNFINISHED.search(paras[k - 1]) and paras[k][:1].isdigit():
                    paras[k - 1:k + 1] = [f"{paras[k - 1].rstrip()} {paras[k]}"]
            for text in [t for para in paras for t in _JOINED_LINES.split(para)]:
                segs = segments(text)
                bare = _BARE_LINE.match(text.strip())
                value = parse_amount(bare.group(2)) if bare and not segs else None
                if bare and value is not None:
                    segs = [(bare.group(1), value, None)]  # "dont … : 10 500"
                if not segs:
                    t = text.strip()
                    if len(t) < 80 and not t.endswith("."):
                        flush()
                        batch.append([t.strip(" -•*:\t"), ""])  # a group title over the next lines
                    continue
                rows = [[label, str(value)] for label, value, tax in segs
                        if tax != "TTC" and label and len(label) <= 160 and len(label.split()) <= 22
                        and not SPEAKER.match(fold(label))]
                if len(segs) == 1 and len(text) < 160:
                    batch.extend(rows)  # a budget line
                else:
                    flush()
                    batch.extend(rows)  # a sentence: read alone
                    flush()
            flush()

    def _read_introduced_lists(self, doc: Document, b: Budget) -> None:
        """Resources listed after a sentence that announces them, outside any table:
        "Co-financements envisagés ou acquis :" then list items or "Nom : montant" lines.
        Read like the resources part of a table (Anact's line is the request)."""
        blocks = [blk for blk in doc.blocks if blk.kind != "table"]
        for i, blk in enumerate(blocks):
            # the paragraph's last sentence announces the list ("Coût total : 71 000 €. Les
            # co-financements envisagés sont les suivants :")
            said = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", blk.text.strip())[-1]
            intro = fold(said)
            announces = INTRO.search(said) or blk.kind == "heading"  # a form's "Plan de financement" row
            if not announces or len(intro.split()) > 40 or find_amounts(said):
                continue
            if not (RESOURCE_CONTEXT.matches(intro, folded=True) or self.v.cofinancing.matches(intro, folded=True)):
                continue
            if EXPENSE_CONTEXT.matches(intro, folded=True) and not RESOURCE_CONTEXT.matches(intro, folded=True):
                continue
            rows: list[list[str]] = []
            for item in blocks[i + 1 : i + 30]:
                segs = [s for piece in _JOINED_LINES.split(item.text) for s in segments(piece)]
                if not segs or item.kind == "heading" or len(item.text) > 240:
                    break
                rows.extend([label, str(value)] for label, value, tax in segs if tax != "TTC" and label)
            if rows:
                found = Budget()
                self._read_rows(rows, [0], 1, {0: "label", 1: "amount"}, doc.source, found, "resources")
                if found.cofinancing:
                    b.cofinancing.extend(found.cofinancing)
                    if b.anact_request is None and found.anact_request is not None:
                        b.anact_request, b.anact_source = found.anact_request, found.anact_source
                    if b.resources_total is None:
                        b.resources_total = found.resources_total
                    return

    def _read_stated_cofinancing(self, doc: Document, b: Budget) -> None:
        """Co-financing stated in sentences, in the budget part or beside the Anact request
        ("Autofinancement AEN Conseil : 10 800 €", "le co-financement s'élève à 23 000 € :
        15 000 € de fonds propres et 8 000 € de la Confédération"): read like the resources
        part of a table, a stated subtotal over its details settled by reconcile()."""
        zone = {id(blk) for z in self._budget_zones(doc) for blk in z}
        rows: list[list[str]] = []  # beside the request
        loose: list[list[str]] = []  # elsewhere in the budget part: kept if the sums agree
        for blk in doc.blocks:
            if blk.kind == "table" or not find_amounts(blk.text):
                continue
            sents = [s for s in re.split(r"(?<=[.;!?])\s+|\n", blk.text) if s.strip()]
            beside_request = any(self.is_anact(fold(s)) and find_amounts(s) for s in sents)
            if id(blk) not in zone and not beside_request:
                continue
            for sent in sents:
                f = fold(sent)
                if CAP_WORDS.matches(f, folded=True) or not self.v.cofinancing.matches(f, folded=True):
                    continue
                for label, value, tax in segments(sent):
                    lab = fold(label)
                    if tax == "TTC" or not self.v.cofinancing.matches(lab, folded=True) \
                            or self.is_anact(lab) or self.v.total.matches(lab, folded=True):
                        continue
                    (rows if beside_request else loose).append([label, str(value)])
        total, anact = b.total_cost(), b.anact_request
        if not rows and loose and total is not None and anact is not None and \
                abs(sum(Decimal(v) for _, v in loose) - (total - anact)) <= 1:
            rows = loose
        if rows:
            found = Budget()
            self._read_rows(rows, [0], 1, {0: "label", 1: "amount"}, doc.source, found, "resources")
            b.cofinancing.extend(found.cofinancing)

    def _read_sentences(self, doc: Document, b: Budget) -> None:
        """The Anact request and total cost stated in sentences."""
        for blk in doc.blocks:
            if blk.kind == "table":
                continue
            for sent in re.split(r"(?<=[.;!?])\s+|\n", blk.text):
                amounts = [a for a in find_amounts(sent) if not a.per_unit]
                if not amounts:
                    continue
                f = fold(sent)
                if CAP_WORDS.matches(f, folded=True):
                    continue
                ht = [a for a in amounts if a.tax != "TTC"] or amounts
                if b.anact_request is None and self.v.anact.matches(f, folded=True) and (
                    re.search(r"sollicit|demand|finance|subvention|aide|soutien|apport|particip", f)
                ):
                    labelled = [v for lab, v, tax in segments(sent)
                                if tax != "TTC" and self.v.anact.matches(lab)]
                    if labelled:
                        b.anact_request = labelled[0]
                    else:
                        pos = self.v.anact.first_position(f, folded=True) or 0
                        b.anact_request = min(ht, key=lambda a: abs(len(fold(sent[: a.start])) - pos)).value
                    b.anact_source = doc.source
                elif b.declared_total is None and TOTAL_COST_PROSE.matches(f, folded=True) and not b.lines:
                    b.declared_total, b.declared_total_source = ht[0].value, doc.source
