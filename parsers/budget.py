"""Reading the budget: lines, categories, declared total, Anact request, co-financing.

Budgets come as tables (in a PDF, a DOCX, a spreadsheet, an HTML body), sometimes split
into expenses and resources, grouped by category with subtotals, with HT and TTC
columns; or as "Poste : montant" lines and sentences in a "Budget" part. Each row is
classified with the call's vocabularies (config [call.budget]); money stays Decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .amounts import cell_tax, find_amounts, parse_amount
from .document import Block, Document
from .sections import strip_numbering
from .vocab import Vocabulary, fold

EXPENSE_CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")

_RESOURCE_CONTEXT = Vocabulary(["ressources", "recettes", "financements", "plan de financement",
                                "produits", "cofinancements", "co-financements", "origine des fonds",
                                "sources de financement", "financeurs"])
_EXPENSE_CONTEXT = Vocabulary(["depenses", "charges", "emplois", "couts", "postes de depenses"])
_AMOUNT_HEAD = Vocabulary(["montant*", "total*", "cout*", "budget*", "€", "eur", "euros", "ht", "ttc",
                           "prix", "somme*", "valeur", "sous-total", "financement*", "depense*"])
_QTY_HEAD = Vocabulary(["nb", "nbre", "nombre*", "quantite*", "qte", "qty", "jours", "nb jours",
                        "heures", "unites", "volume", "duree", "j/h", "jh", "etp", "%", "pourcentage",
                        "taux de", "part", "annee", "date", "mois"])
_UNIT_HEAD = Vocabulary(["unitaire", "cout jour", "cout journalier", "prix jour", "tarif*", "tjm",
                         "taux journalier", "cout/jour", "par jour", "/jour", "cout horaire", "pu"])
_DETAIL_HEAD = Vocabulary(["detail du calcul", "calcul", "mode de calcul", "base de calcul", "commentaire*",
                           "observation*", "justification*", "precision*", "hypothese*", "remarque*"])
_TAX_HEAD = Vocabulary(["tva", "taxe*", "taux de tva"])
_TOTAL_HEAD = Vocabulary(["total*", "montant*", "cout*", "budget*", "somme*"])
_CAP_WORDS = Vocabulary(["maximal*", "maximum", "plafond*", "plafonne*", "au plus", "jusqu a",
                         "ne peut exceder", "dans la limite"])
_BUDGET_HEADING = Vocabulary(["budget*", "financement*", "plan de financement", "couts", "cout du projet",
                              "depenses", "ressources", "moyens", "elements financiers", "volet financier"])
_TOTAL_COST_PROSE = Vocabulary(["cout total", "budget total", "montant total", "cout global", "budget global",
                                "budget previsionnel", "total du projet", "cout du projet", "total des depenses"])


@dataclass
class BudgetLine:
    label: str
    category: str  # personnel, deplacements_logistique, prestations, autre, cofinancement
    amount: Decimal
    source: str
    ineligible: bool = False
    nature: str = ""

    def to_contract(self) -> dict:
        return {"label": self.label, "category": self.category, "amount": float(self.amount.quantize(Decimal("0.01"))),
                "source": self.source}


@dataclass
class Budget:
    lines: list[BudgetLine] = field(default_factory=list)  # expenses
    cofinancing: list[BudgetLine] = field(default_factory=list)  # category "cofinancement"
    declared_total: Decimal | None = None
    declared_total_source: str = ""
    resources_total: Decimal | None = None
    anact_request: Decimal | None = None
    anact_source: str = ""

    @property
    def found(self) -> bool:
        return bool(self.lines or self.cofinancing or self.declared_total is not None
                    or self.anact_request is not None)

    def lines_sum(self) -> Decimal | None:
        return sum((ln.amount for ln in self.lines), Decimal(0)) if self.lines else None

    def totals(self) -> dict[str, Decimal]:
        t = {c: Decimal(0) for c in EXPENSE_CATEGORIES}
        for ln in self.lines:
            t[ln.category] = t.get(ln.category, Decimal(0)) + ln.amount
        return t

    def total_cost(self) -> Decimal | None:
        if self.declared_total is not None:
            return self.declared_total
        s = self.lines_sum()
        if s is not None:
            return s
        return self.resources_total

    def cofinancing_amount(self) -> Decimal | None:
        if not self.cofinancing:
            return None
        return sum((c.amount for c in self.cofinancing), Decimal(0))

    def cofinancing_share(self) -> Decimal | None:
        amount, total = self.cofinancing_amount(), self.total_cost()
        if amount is None or not total:
            return None
        return amount / total


_CONNECTORS = {"dont", "soit", "et", "ou", "de", "d", "du", "des", "pour", "par", "a", "au", "aux", "en",
               "un", "une", "le", "la", "les", "l", "montant", "hauteur", "s", "eleve", "elevant",
               "est", "estime", "estimee", "represente", "representant", "sont", "seront", "sera",
               "prevu", "prevus", "prevue", "prevues", "budgete", "budgetes", "ht", "ttc",
               "euros", "environ", "necessaire", "necessaires", "sur", "avec", "concernant"}
_SEPARATORS = ",;:=\n"
# "nous visons un budget d'environ 40 000 €": a sentence of a letter, not a budget line
_SPEAKER = re.compile(r"^(?:nous|je|j|il|elle|ils|elles|on|vous|pourriez|pouvez|est ce|serait)\b")
_GROUP_HEAD = re.compile(r"\b(?:depenses|frais|achats|couts|charges|postes|total|sous total)\b")
_STOP = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "a", "en", "frais", "depenses", "achats",
         "achat", "couts", "cout", "charges", "postes", "poste"}


# an account of the associations' budget form: "60 – Achats", "64 Charges de personnel",
# "74 – Subventions d'exploitation", "86 – Emplois des contributions volontaires en nature"
_ACCOUNT = re.compile(r"^(?:6[0-9]|7[0-9]|8[6-7])\b(?!\s*(?:000|%|euros?|k))")
_RESOURCE_GROUP = re.compile(r"\bsubventions? d exploitation|\bautres produits|\bproduits de|"
                             r"\bsubventions? publiques?\b|\bfinancements? publics?\b|\bressources propres\b")
# a row that details the line above it ("dont chef de projet : 20 000 €")
_DETAIL = re.compile(r"^(?:dont|y compris|incluant)\b")
# a person's time counted in days or hours: staff, unless bought outside
_STAFF_TIME = re.compile(r"\b\d+(?:[,.]\d+)?\s*(?:j|jours?|jh|j h|journees?|demi journees?|heures?|h|mois)\b"
                         r"(?:\s+(?:de|d)\s+(?:travail|consultant\w*|chef\w*|charge\w*|ingenieur\w*))?")
_BOUGHT = re.compile(r"\b(?:prestation\w*|prestataire\w*|sous traitan\w*|honoraires?|cabinet\w*|"
                     r"externe\w*|exterieur\w*|factur\w*|achat\w*|intervenant\w* externe\w*|freelance|"
                     r"independant\w*|agence|societe|bureau d etudes)\b")
_ROLE = re.compile(r"\b(?:consultant\w*|charge\w* (?:de|d)|chef\w* de|responsable|ingenieur\w*|chercheu\w*|"
                   r"ergonome\w*|psycholog\w*|sociolog\w*|animat\w*|format(?:eur|rice)\w*|direct(?:eur|rice)\w*|"
                   r"coordinat\w*|assistant\w*|stagiaire\w*|doctorant\w*|senior|junior|salarie\w*|"
                   r"delegue\w*|facilitat(?:eur|rice)\w*|designer\w*|developpeu\w*|juriste\w*|"
                   r"associe\w*|gerant\w*|post doc\w*|technicien\w*|equipe)\b")
# a sentence that introduces a list of resources ("Co-financements envisagés ou acquis :")
_INTRO = re.compile(r":\s*$")


_ONE = Decimal(1)


def _subtotal_positions(lines: list[BudgetLine]) -> list[int]:
    """Lines equal to the sum of a run of at least two lines right below or right above
    them: subtotals the layout did not mark."""
    found = []
    amounts = [ln.amount for ln in lines]
    for i, a in enumerate(amounts):
        if a <= 0:
            continue
        run = Decimal(0)
        for j in range(i + 1, len(amounts)):
            run += amounts[j]
            if j > i + 1 and abs(run - a) <= _ONE:
                found.append(i)
                break
            if run > a + _ONE:
                break
        else:
            run = Decimal(0)
        if i in found:
            continue
        run = Decimal(0)
        for j in range(i - 1, -1, -1):
            run += amounts[j]
            if j < i - 1 and abs(run - a) <= _ONE:
                found.append(i)
                break
            if run > a + _ONE:
                break
    return found


def reconcile(b: Budget) -> Budget:
    """Reconcile before accusing: when the lines read do not add up to the total the
    applicant states, look for the reading whose arithmetic agrees: subtotals the layout
    did not mark (a line equal to the lines below or above it) counted twice. The first
    reading that agrees is kept; none agreeing, the lines stay as read (and the mismatch
    is real: an applicant's own arithmetic error is never explained away)."""
    total, lines = b.declared_total, b.lines
    if total is None or not lines or abs(sum((ln.amount for ln in lines), Decimal(0)) - total) <= _ONE:
        return _reconcile_resources(b)
    subtotals = _subtotal_positions(lines)
    candidates = []
    if subtotals:
        candidates.append([ln for k, ln in enumerate(lines) if k not in subtotals])
    # one unmarked subtotal at a time, where dropping them all would go too far
    candidates.extend([ln for k2, ln in enumerate(lines) if k2 != k] for k in subtotals)
    for cand in candidates:
        if abs(sum((ln.amount for ln in cand), Decimal(0)) - total) <= _ONE:
            b.lines = cand
            break
    return _reconcile_resources(b)


def _reconcile_resources(b: Budget) -> Budget:
    """Resources that add up to more than the cost once Anact's request is counted: a
    co-financing subtotal over its own lines, or Anact's line listed again among them."""
    total, anact = b.total_cost(), b.anact_request
    if total is None or anact is None or not b.cofinancing:
        return b
    expected = total - anact
    have = sum((c.amount for c in b.cofinancing), Decimal(0))
    if abs(have - expected) <= _ONE or have < expected:
        return b
    subtotals = _subtotal_positions(b.cofinancing)
    candidates = [[c for k, c in enumerate(b.cofinancing) if k not in subtotals]] if subtotals else []
    candidates += [[c for c in b.cofinancing if c is not line] for line in b.cofinancing
                   if abs(line.amount - anact) <= _ONE or abs(line.amount - (have - expected)) <= _ONE]
    for cand in candidates:
        if cand and abs(sum((c.amount for c in cand), Decimal(0)) - expected) <= _ONE:
            b.cofinancing = cand
            break
    return b


def _form_cells(doc: Document) -> list[Document]:
    """The cells of a form (a word-processor table) that hold several paragraphs or list
    items with amounts, each as a small document under its row's label: "Budget
    prévisionnel | Personnel : 20 000 € / Déplacements : 3 000 € / …"."""
    out: list[Document] = []
    for blk in doc.blocks:
        if blk.kind != "table" or not blk.cells:
            continue
        for i, row in enumerate(blk.cells):
            label = next((c for c in blk.rows[i] if c and c.strip()), "") if i < len(blk.rows) else ""
            for k, inner in enumerate(row):
                paras = [b for b in inner if b.kind != "table"]
                if len(paras) < 2 or sum(1 for b in paras if find_amounts(b.text)) < 2:
                    continue
                head = [] if k == 0 or not label or label == blk.rows[i][k] else \
                    [Block(kind="heading", text=label, level=1)]
                out.append(Document(doc.source, doc.media_type, head + paras))
    return out


def _meaningful(label: str) -> bool:
    return any(w not in _CONNECTORS for w in fold(label).split())


def _tidy(label: str) -> str:
    before = None
    while before != label:
        before = label
        label = re.sub(r"^[\s,;:)(.–—=-]+|[\s,;:(.…_=–—-]+$", "", label)
        label = re.sub(r"^(?:et|ou|puis|ainsi que|soit|enfin)\s+", "", label, flags=re.IGNORECASE)
        label = re.sub(r"\s+(?:pour|de|soit|à|a|:)$", "", label, flags=re.IGNORECASE)
    return label


def _clause_before(text: str, start: int, floor: int) -> str:
    """The words before an amount back to the previous separator outside parentheses; a
    bracket or separator right before the amount is passed over ("Région (8 000 €")."""
    i, depth, end = start, 0, start
    while i > floor:
        c = text[i - 1]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                if _meaningful(text[i:end]):
                    break
                end = i - 1  # "la Région (8 000 €": the label is before the bracket
            else:
                depth -= 1
        elif depth == 0 and (c in _SEPARATORS or (c == "." and text[i:i + 1].isspace())) \
                and _meaningful(text[i:end]):
            break
        i -= 1
    return _tidy(text[i:end])


def _clause_after(text: str, end: int, ceiling: int) -> str:
    """The words after an amount up to the next separator: "59 600 € sollicités auprès
    de l'Anact"."""
    rest = text[end:ceiling]
    m = re.search(r"[,;:()\n]|\.\s", rest)
    return _tidy(rest[: m.start()] if m else rest)


# ---------------------------------------------------------------------------------------
class BudgetReader:
    def __init__(self, vocab):  # vocab: intake.config.BudgetVocab (duck-typed: parsers stay pure)
        self.v = vocab
        self._header: list[str] = []  # column headers of the table part being read

    # -- row classification --------------------------------------------------------------
    def _category(self, label: str, context_cat: str | None) -> tuple[str, bool]:
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
        if _STAFF_TIME.search(f) and not _BOUGHT.search(f) and not self.v.categories[
                "deplacements_logistique"].matches(f, folded=True) and (
                _ROLE.search(f) or not self.v.categories["prestations"].matches(f, folded=True)):
            return "personnel", False  # "Consultante senior (45 jours)": someone's time
        if best and scores[best][0] > 0:
            return best, False
        if self.v.goods.matches(f, folded=True):
            return "autre", True  # goods bought: outside the eligible kinds
        return "prestations", False  # an unnamed service

    def _context_category(self, label: str) -> str | None:
        """The category a header row ("Dépenses de personnel", "Autres dépenses") opens."""
        f = fold(label)
        scores = {c: v.coverage(f, folded=True) for c, v in self.v.categories.items()}
        best = max(scores, key=lambda c: scores[c]) if scores else None
        if best and scores[best] > 0:
            return best
        if re.search(r"\bautres?\b|\bdivers\b", f) or self.v.ineligible.matches(f, folded=True):
            return "autre"
        return None

    def _is_category_name(self, text: str) -> bool:
        """"Personnel", "Déplacements / logistique", "Prestations": a cell that is a
        category's name rather than a line's description (its words are the category's)."""
        words = [w for w in fold(text).split() if w not in _STOP and len(w) > 1 and w.isalpha()]
        if not words or len(words) > 5:
            return False
        for v in self.v.categories.values():
            if sum(1 for w in words if v.matches(w, folded=True)) >= max(1, (len(words) * 2 + 2) // 3):
                return True
        return self.v.ineligible.matches(" ".join(words), folded=True) and len(words) <= 2 or bool(
            re.fullmatch(r"(?:autres?|divers)(?: (?:depenses|frais|charges|couts))?", " ".join(words)))

    def _nature(self, label: str) -> str:
        f = fold(label)
        for nature, v in self.v.natures.items():
            if v.matches(f, folded=True):
                return nature
        return "autre"

    def _is_anact(self, f: str) -> bool:
        return self.v.anact.matches(f, folded=True)

    # -- tables ---------------------------------------------------------------------------
    def read(self, docs: list[Document]) -> Budget:
        per_doc: list[tuple[Document, Budget]] = []
        for doc in docs:
            b = Budget()
            for blk in doc.blocks:
                if blk.kind == "table":
                    self._read_table(blk, doc.source, b)
            cells = _form_cells(doc)
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
            if b.found:
                per_doc.append((doc, b))
        return reconcile(self._merge(per_doc))

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
                if not self._same_budget(main, b):
                    out.lines = out.lines + b.lines  # a genuinely separate part of the budget
        for _, b in per_doc:
            if out.declared_total is None and b.declared_total is not None:
                out.declared_total, out.declared_total_source = b.declared_total, b.declared_total_source
            if out.resources_total is None:
                out.resources_total = b.resources_total
            if out.anact_request is None and b.anact_request is not None:
                out.anact_request, out.anact_source = b.anact_request, b.anact_source
        seen: set[tuple[str, Decimal]] = set()
        for _, b in per_doc:
            if b.cofinancing and not out.cofinancing:
                for c in b.cofinancing:
                    key = (fold(c.label), c.amount)
                    if key not in seen:
                        seen.add(key)
                        out.cofinancing.append(c)
        return out

    @staticmethod
    def _same_budget(a: Budget, b: Budget) -> bool:
        one = Decimal(1)
        ta = a.declared_total if a.declared_total is not None else a.lines_sum()
        tb = b.declared_total if b.declared_total is not None else b.lines_sum()
        if ta is not None and tb is not None and abs(ta - tb) <= one:
            return True
        sa, sb = a.lines_sum(), b.lines_sum()
        return sa is not None and sb is not None and abs(sa - sb) <= one

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
            if n == 0 or t > n * 2:
                roles[j] = "label"
                continue
            if h and _UNIT_HEAD.matches(h, folded=True):
                roles[j] = "unit"
            elif h and _TAX_HEAD.matches(h, folded=True) and not cell_tax(header[j]):
                roles[j] = "tax"
            elif h and cell_tax(header[j]) == "TTC":
                roles[j] = "ttc"
            elif h and _QTY_HEAD.matches(h, folded=True) and not _AMOUNT_HEAD.matches(h, folded=True):
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
            if self._is_anact(h):
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
        funders = {j for j in ht if head[j] and (self._is_anact(head[j])
                                                  or self.v.cofinancing.matches(head[j], folded=True))}
        totals = [j for j in ht if _TOTAL_HEAD.matches(head[j], folded=True) and j not in funders]
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

    @staticmethod
    def _is_header_row(row: list[str]) -> bool:
        cells = [c for c in row if c]
        return (len(cells) >= 2 and all(parse_amount(c) is None for c in cells)
                and any(_AMOUNT_HEAD.matches(c) for c in cells[1:]))

    def _split_parts(self, rows: list[list[str]]) -> list[list[list[str]]]:
        """A sheet often stacks two tables with their own columns (expenses, then
        "Ressources | Montant | Statut"): a header row after figures starts a new part."""
        parts: list[list[list[str]]] = [[]]
        seen_figures = False
        for r in rows:
            if seen_figures and self._is_header_row(r):
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
        resources = [_RESOURCE_CONTEXT.matches(h, folded=True) and not _EXPENSE_CONTEXT.matches(h, folded=True)
                     for h in heads]
        for (labels, amount_col, amts), head_labels, is_resources in zip(groups, heads, resources, strict=True):
            funding = self._funding_columns(amts, amount_col)
            ctx = "resources" if (_RESOURCE_CONTEXT.matches(sheet_ctx, folded=True)) else None
            if is_resources:
                ctx = "resources"
            elif any(resources) and _EXPENSE_CONTEXT.matches(head_labels, folded=True):
                # CHARGES | PRODUITS side by side: the left side is costs, whatever its words
                # ("86 – Emplois des contributions volontaires en nature" is a cost)
                ctx = "expenses"
            # rows above the first figure that are not column headers (a title, a first
            # "Dépenses de personnel" group row) are read too: they open categories
            start = max((i + 1 for i in range(first) if sum(1 for c in rows[i] if c) >= 2), default=0)
            self._read_rows(rows[start:], labels, amount_col, roles, source, b, ctx, funding)

    def _read_rows(self, rows, labels, amount_col, roles, source, b: Budget, ctx,
                   funding: tuple[int | None, list[int]] = (None, [])) -> None:
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
                      if not (j < len(self._header) and _DETAIL_HEAD.matches(self._header[j]))] or label_cols
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
                if _RESOURCE_CONTEXT.matches(f, folded=True) and not self.v.categories["personnel"].matches(f, folded=True):
                    ctx, cat_ctx = "resources", None
                elif _EXPENSE_CONTEXT.matches(f, folded=True) and not self._context_category(label):
                    ctx, cat_ctx = "expenses", None
                else:
                    c = self._context_category(label)
                    if c:
                        cat_ctx, ctx = c, "expenses" if ctx != "resources" else ctx
                        if ctx == "resources" and not self.v.cofinancing.matches(f, folded=True):
                            ctx = "expenses"
                continue
            # a label cell that only names a category ("Catégorie | Détail | Montant",
            # "Poste | Nature | Montant") gives the row its category
            cat_ctx_row, shown = None, label
            if len(texts) >= 2 and not self.v.total.matches(f, folded=True):
                for k, t in enumerate(texts):
                    c = self._context_category(t) if len(t.split()) <= 5 else None
                    if c and self._is_category_name(t):
                        cat_ctx_row, shown = c, " – ".join(texts[:k] + texts[k + 1 :])
                        if k == 0 and cells[0] and self._is_category_name(t):
                            cat_ctx = c  # a merged category cell covers the rows below it
                        break
            if self.v.subtotal.matches(f, folded=True):
                continue
            if _DETAIL.match(f) and last is not None:
                # "dont …" details the line above: counted once, in that line
                if self._is_anact(f) and b.anact_request is None and last.category == "cofinancement":
                    b.anact_request, b.anact_source = amount, source  # "Subventions … dont Anact"
                    last.amount -= amount
                    if last.amount <= 0 and last in b.cofinancing:
                        b.cofinancing.remove(last)
                continue
            if _DETAIL.match(f):
                shown = re.sub(r"^\s*(?:dont|y compris|incluant)\s+", "", shown, flags=re.IGNORECASE)
                label, f = shown, fold(shown)
            if self.v.resources_total.matches(f, folded=True):
                b.resources_total = b.resources_total if b.resources_total is not None else amount
                continue
            if self.v.total.matches(f, folded=True) and not self._is_anact(f):
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
            if self._is_anact(f) and not _CAP_WORDS.matches(f, folded=True):
                if b.anact_request is None:
                    b.anact_request, b.anact_source = amount, source
                ctx = "resources"
                continue
            cof_cov = self.v.cofinancing.coverage(f, folded=True)
            exp_cov = max(v.coverage(f, folded=True) for v in self.v.categories.values())
            if ctx == "resources" or (ctx == "after_total" and cof_cov) or (
                    cof_cov and cof_cov > exp_cov and cat_ctx is None and ctx != "expenses"):
                last = BudgetLine(shown, "cofinancement", amount, source, nature=self._nature(label))
                b.cofinancing.append(last)
                if _ACCOUNT.match(f) or _RESOURCE_GROUP.search(f):
                    resource_groups.append((last, b.anact_request))
                ctx = "resources"
                continue
            if _ACCOUNT.match(f):
                # "62 – Autres services extérieurs" over "Honoraires", "Déplacements": an
                # account's subtotal when its lines add up to it; they keep their own kinds
                groups.append((len(b.lines), amount, "account"))
            elif cat_ctx_row is None and self._is_category_name(label) and (
                    _GROUP_HEAD.search(fold(label)) or len(fold(label).split()) == 1):
                # "Dépenses de personnel : 48 000 €" over its detail lines: a group total
                # when the lines below add up to it, a line of its own otherwise
                groups.append((len(b.lines), amount, self._context_category(label)))
            category, inel = self._category(label, cat_ctx_row or cat_ctx)
            last = BudgetLine(shown, category, amount, source, ineligible=inel)
            b.lines.append(last)
            if since_total is not None:
                since_total += amount
                since_accounts += amount if _ACCOUNT.match(f) else 0
            split_values(r, split_sums)
        self._drop_group_totals(b, groups)
        self._drop_resource_groups(b, resource_groups)
        self._apply_splits(b, source, anact_col, cof_cols, split_totals or split_sums)

    @staticmethod
    def _drop_group_totals(b: Budget, groups: list[tuple[int, Decimal, str | None]]) -> None:
        """A category line whose following lines add up to it is their total: it goes, and
        they take its category (unless their own words make them ineligible)."""
        drop = []
        for k, (index, amount, category) in enumerate(groups):
            if category == "account":  # an account's subtotal: its lines run to the next account
                end = next((g[0] for g in groups[k + 1:] if g[2] == "account"), len(b.lines))
                category = None  # and keep their own kinds
            else:
                end = groups[k + 1][0] if k + 1 < len(groups) else len(b.lines)
            detail = b.lines[index + 1 : end]
            if detail and abs(sum((ln.amount for ln in detail), Decimal(0)) - amount) <= 1:
                drop.append(index)
                for ln in detail:
                    if category and not ln.ineligible:
                        ln.category = category
        for index in reversed(drop):
            del b.lines[index]

    @staticmethod
    def _drop_resource_groups(b: Budget, groups: list[tuple[BudgetLine, Decimal | None]]) -> None:
        """"74 – Subventions d'exploitation" over "Anact" and "Région": a resource subtotal
        whose following resources (Anact's request included) add up to it goes."""
        for k, (line, anact_before) in enumerate(groups):
            if line not in b.cofinancing:
                continue
            start = b.cofinancing.index(line) + 1
            end = (b.cofinancing.index(groups[k + 1][0]) if k + 1 < len(groups)
                   and groups[k + 1][0] in b.cofinancing else len(b.cofinancing))
            detail = sum((c.amount for c in b.cofinancing[start:end]), Decimal(0))
            if anact_before is None and b.anact_request is not None:
                detail += b.anact_request
            if end > start or detail:
                if abs(detail - line.amount) <= 1 and line.amount > 0:
                    b.cofinancing.remove(line)

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
                                                    nature=self._nature(label)))

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
                and _BUDGET_HEADING.first_position(fold(strip_numbering(blk.text)), folded=True) == 0
            if is_head or opens:
                lvl = blk.level or 2
                title = strip_numbering(blk.text)
                if _BUDGET_HEADING.matches(title) and not (cur is not None and lvl > level):
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

    @staticmethod
    def _segments(text: str) -> list[tuple[str, Decimal, str | None]]:
        """(label, amount, tax) for each amount of a text, the label being the words
        that name it: "Personnel : 42 000 €" lines joined into one paragraph, or prose
        ("frais de personnel pour 38 000 €", "dont 59 600 € sollicités auprès de l'Anact",
        "la Région (8 000 €, demande déposée)")."""
        out = []
        amounts = [a for a in find_amounts(text) if not a.per_unit]
        prev = 0
        for k, a in enumerate(amounts):
            nxt = amounts[k + 1].start if k + 1 < len(amounts) else len(text)
            if k + 1 < len(amounts) and amounts[k + 1].start - a.end < 4 and amounts[k + 1].tax:
                prev = a.end
                continue  # "96 000 € TTC (80 000 € HT)": keep the pair's HT figure below
            label = _clause_before(text, a.start, prev)
            if not _meaningful(label):
                label = _clause_after(text, a.end, nxt)
            prev = a.end
            out.append((label, a.value, a.tax))
        return out

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
            for blk in zone:
                if blk.kind != "paragraph":
                    continue
                segs = self._segments(blk.text)
                if not segs:
                    t = blk.text.strip()
                    if len(t) < 80 and not t.endswith("."):
                        flush()
                        batch.append([t.strip(" -•*:\t"), ""])  # a group title over the next lines
                    continue
                rows = [[label, str(value)] for label, value, tax in segs
                        if tax != "TTC" and label and len(label) <= 160 and len(label.split()) <= 22
                        and not _SPEAKER.match(fold(label))]
                if len(segs) == 1 and len(blk.text) < 160:
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
            intro = fold(blk.text)
            announces = _INTRO.search(blk.text) or blk.kind == "heading"  # a form's "Plan de financement" row
            if not announces or len(intro.split()) > 40 or find_amounts(blk.text):
                continue
            if not (_RESOURCE_CONTEXT.matches(intro, folded=True) or self.v.cofinancing.matches(intro, folded=True)):
                continue
            if _EXPENSE_CONTEXT.matches(intro, folded=True) and not _RESOURCE_CONTEXT.matches(intro, folded=True):
                continue
            rows: list[list[str]] = []
            for item in blocks[i + 1 : i + 30]:
                segs = self._segments(item.text)
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
                if _CAP_WORDS.matches(f, folded=True):
                    continue
                ht = [a for a in amounts if a.tax != "TTC"] or amounts
                if b.anact_request is None and self.v.anact.matches(f, folded=True) and (
                    re.search(r"sollicit|demand|finance|subvention|aide|soutien|apport|particip", f)
                ):
                    labelled = [v for lab, v, tax in self._segments(sent)
                                if tax != "TTC" and self.v.anact.matches(lab)]
                    if labelled:
                        b.anact_request = labelled[0]
                    else:
                        pos = self.v.anact.first_position(f, folded=True) or 0
                        b.anact_request = min(ht, key=lambda a: abs(len(fold(sent[: a.start])) - pos)).value
                    b.anact_source = doc.source
                elif b.declared_total is None and _TOTAL_COST_PROSE.matches(f, folded=True) and not b.lines:
                    b.declared_total, b.declared_total_source = ht[0].value, doc.source
