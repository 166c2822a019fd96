"""What a budget is made of (its lines, totals and co-financing), the words and patterns
that recognise its rows, and the reconciliation of unmarked subtotals against the stated
total. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .amounts import find_amounts, parse_amount
from .document import Block, Document
from .vocab import Vocabulary, fold

EXPENSE_CATEGORIES = ("personnel", "deplacements_logistique", "prestations", "autre")


RESOURCE_CONTEXT = Vocabulary(["ressources", "recettes", "financements", "plan de financement",
                                "produits", "cofinancements", "co-financements", "origine des fonds",
                                "sources de financement", "financeurs"])


EXPENSE_CONTEXT = Vocabulary(["depense*", "charges", "emplois", "cout*", "postes de depenses"])


AMOUNT_HEAD = Vocabulary(["montant*", "total*", "cout*", "budget*", "€", "eur", "euros", "ht", "ttc",
                           "prix", "somme*", "valeur", "sous-total", "financement*", "depense*"])


QTY_HEAD = Vocabulary(["nb", "nbre", "nombre*", "quantite*", "qte", "qty", "jours", "nb jours",
                        "heures", "unites", "volume", "duree", "j/h", "jh", "etp", "%", "pourcentage",
                        "taux de", "part", "annee", "date", "mois"])


UNIT_HEAD = Vocabulary(["unitaire", "cout jour", "cout journalier", "prix jour", "tarif*", "tjm",
                         "taux journalier", "cout/jour", "par jour", "/jour", "cout horaire", "pu"])


DETAIL_HEAD = Vocabulary(["detail du calcul", "calcul", "mode de calcul", "base de calcul", "commentaire*",
                           "observation*", "justification*", "precision*", "hypothese*", "remarque*"])


TAX_HEAD = Vocabulary(["tva", "taxe*", "taux de tva"])


TOTAL_HEAD = Vocabulary(["total*", "montant*", "cout*", "budget*", "somme*"])


CAP_WORDS = Vocabulary(["maximal*", "maximum", "plafond*", "plafonne*", "au plus", "jusqu a",
                         "ne peut exceder", "dans la limite"])


BUDGET_HEADING = Vocabulary(["budget*", "financement*", "plan de financement", "couts", "cout du projet",
                              "depenses", "ressources", "moyens", "elements financiers", "volet financier"])


TOTAL_COST_PROSE = Vocabulary(["cout total", "budget total", "montant total", "cout global", "budget global",
                                "budget previsionnel", "total du projet", "cout du projet", "total des depenses",
                                "cout complet", "budget complet"])


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
SPEAKER = re.compile(r"^(?:nous|je|j|il|elle|ils|elles|on|vous|pourriez|pouvez|est ce|serait)\b")


GROUP_HEAD = re.compile(r"\b(?:depenses|frais|achats|couts|charges|postes|total|sous total)\b")


STOP = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "a", "en", "frais", "depenses", "achats",
         "achat", "couts", "cout", "charges", "postes", "poste"}


# an account of the associations' budget form: "60 – Achats", "64 Charges de personnel",
# "74 – Subventions d'exploitation", "86 – Emplois des contributions volontaires en nature"
ACCOUNT = re.compile(r"^(?:6[0-9]|7[0-9]|8[6-7])\b(?!\s*(?:000|%|euros?|k))")


RESOURCE_GROUP = re.compile(r"\bsubventions? d exploitation|\bautres produits|\bproduits de|"
                             r"\bsubventions? publiques?\b|\bfinancements? publics?\b|\bressources propres\b")


# a row that details the line above it ("dont chef de projet : 20 000 €")
DETAIL = re.compile(r"^(?:dont|y compris|incluant)\b")


# a person's time counted in days or hours: staff, unless bought outside
STAFF_TIME = re.compile(r"\b\d+(?:[,.]\d+)?\s*(?:j|jours?|jh|j h|journees?|demi journees?|heures?|h|mois)\b"
                         r"(?:\s+(?:de|d)\s+(?:travail|consultant\w*|chef\w*|charge\w*|ingenieur\w*))?")


BOUGHT = re.compile(r"\b(?:prestation\w*|prestataire\w*|sous traitan\w*|honoraires?|cabinet\w*|"
                     r"externe\w*|exterieur\w*|factur\w*|achat\w*|intervenant\w* externe\w*|freelance|"
                     r"independant\w*|agence|societe|bureau d etudes)\b")


ROLE = re.compile(r"\b(?:consultant\w*|charge\w* (?:de|d)|chef\w* de|responsable|ingenieur\w*|chercheu\w*|"
                   r"ergonome\w*|psycholog\w*|sociolog\w*|animat\w*|format(?:eur|rice)\w*|direct(?:eur|rice)\w*|"
                   r"coordinat\w*|assistant\w*|stagiaire\w*|doctorant\w*|senior|junior|salarie\w*|"
                   r"delegue\w*|facilitat(?:eur|rice)\w*|designer\w*|developpeu\w*|juriste\w*|"
                   r"associe\w*|gerant\w*|post doc\w*|technicien\w*|equipe|conseill(?:er|ere)s?|agent\w*)\b")


# a sentence that introduces a list of resources ("Co-financements envisagés ou acquis :")
INTRO = re.compile(r":\s*$")


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


def drop_repeated_tables(lines: list[BudgetLine], groups: list[tuple[int, int]],
                         total: Decimal | None) -> list[BudgetLine]:
    """One budget given twice in a document (a summary sheet, then the detail sheet): the
    summary's lines go when they give the same amount for each category as a table with
    more lines, or when, the lines overshooting the stated total, dropping them agrees
    with it. Two tables that give different amounts (phase 1, phase 2) both stay."""
    if len(groups) < 2:
        return lines
    def per_category(g: tuple[int, int]) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for ln in lines[g[0]:g[1]]:
            out[ln.category] = out.get(ln.category, Decimal(0)) + ln.amount
        return out
    whole = sum((ln.amount for ln in lines), Decimal(0))
    drop: set[int] = set()
    for g in groups:
        for other in groups:
            if other is g or other[1] - other[0] <= g[1] - g[0]:
                continue
            sums, detail = per_category(g), per_category(other)
            same = sums.keys() == detail.keys() and all(abs(v - detail[c]) <= _ONE for c, v in sums.items())
            agrees = total is not None and abs(whole - total) > _ONE \
                and abs(whole - sum(sums.values(), Decimal(0)) - total) <= _ONE \
                and abs(sum(sums.values(), Decimal(0)) - sum(detail.values(), Decimal(0))) <= _ONE
            if same or agrees:
                drop.update(range(*g))
                break
    return [ln for k, ln in enumerate(lines) if k not in drop]


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


def form_cells(doc: Document) -> list[Document]:
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


def tidy_label(label: str) -> str:
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
    return tidy_label(text[i:end])


_AFTER_LEAD = re.compile(
    r"^(?:(?:de(?:\s+la|\s+l['’])?|d['’]|du|des)\s*(?=\w)|(?:(?:apport|vers|financ|mobilis|pris en charge|accord|obten)\w*\s+)?"
    r"(?:par|de la part d[eu']|auprès d[eu'])\s*(?:la|le|les|l'|l’)?\s*)(?!\s*$)", re.IGNORECASE)


def _clause_after(text: str, end: int, ceiling: int) -> str:
    """The words after an amount up to the next separator: "59 600 € sollicités auprès
    de l'Anact"."""
    rest = text[end:ceiling]
    m = re.search(r"[,;:()\n]|\.\s", rest)
    label = (rest[: m.start()] if m else rest).strip()
    label = re.sub(r"\s+(?:et|ou|ainsi que|plus)$", "", label, flags=re.IGNORECASE)  # "… de l'URI et 8 000 €"
    label = _AFTER_LEAD.sub("", label)  # "de fonds propres", "apportés par la Confédération"
    label = tidy_label(label)
    return label[:1].upper() + label[1:]


def same_budget(a: Budget, b: Budget) -> bool:
    one = Decimal(1)
    ta = a.declared_total if a.declared_total is not None else a.lines_sum()
    tb = b.declared_total if b.declared_total is not None else b.lines_sum()
    if ta is not None and tb is not None and abs(ta - tb) <= one:
        return True
    sa, sb = a.lines_sum(), b.lines_sum()
    return sa is not None and sb is not None and abs(sa - sb) <= one


def is_header_row(row: list[str]) -> bool:
    cells = [c for c in row if c]
    return (len(cells) >= 2 and all(parse_amount(c) is None for c in cells)
            and any(AMOUNT_HEAD.matches(c) for c in cells[1:]))


def drop_group_totals(b: Budget, groups: list[tuple[int, Decimal, str | None]]) -> None:
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


def drop_resource_groups(b: Budget, groups: list[tuple[BudgetLine, Decimal | None]]) -> None:
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


def segments(text: str) -> list[tuple[str, Decimal, str | None]]:
    """(label, amount, tax) for each amount of a text, the label being the words
    that name it: "Personnel : 42 000 €" lines joined into one paragraph, or prose
    ("frais de personnel pour 38 000 €", "dont 59 600 € sollicités auprès de l'Anact",
    "la Région (8 000 €, demande déposée)")."""
    out = []
    amounts = [a for a in find_amounts(text) if not a.per_unit]
    prev = 0
    took_after = False
    for k, a in enumerate(amounts):
        nxt = amounts[k + 1].start if k + 1 < len(amounts) else len(text)
        if k + 1 < len(amounts) and amounts[k + 1].start - a.end < 4 and amounts[k + 1].tax:
            prev = a.end
            continue  # "96 000 € TTC (80 000 € HT)": keep the pair's HT figure below
        head = text[:a.start].rstrip()
        if len(amounts) == 1 and head.endswith(":") and len(head) <= 160:
            label = tidy_label(head.lstrip(" -•*\t"))  # "OPCO 2i, appui aux élus : 3 000 €": all of it
        else:
            label = _clause_before(text, a.start, prev) if not took_after else ""
        took_after = False
        if not _meaningful(label):  # "15 000 € de fonds propres et 8 000 € de la Région":
            label = _clause_after(text, a.end, nxt)  # the words after it, then theirs
            took_after = True
        prev = a.end
        out.append((label, a.value, a.tax))
    return out
