"""Conflicts of interest: a committee member's declared affiliations against the
organisations a proposal names (applicant, partners, co-funders). Pure: no database,
no web.

Names are compared after `normalise_org`: accents, case, punctuation and apostrophes
folded, "&" read as "et", legal forms dropped wherever they stand, articles dropped at
the edges. Decisions (each one tested in tests/core/test_conflicts.py):

- Legal forms dropped wherever they stand (start, end, parenthesis): the acronyms SA,
  SAS, SASU, SARL, EURL, SCOP, SCIC, SNC, GIE, SEM, SPL, SCA, SCI, SCP, SCM, SEL, SELARL,
  SELAS, EI, EIRL (dotted or not:
  "S.A.R.L."), their spelled-out forms ("société à responsabilité limitée", "société
  coopérative et participative", "groupement d'intérêt économique"…), "association",
  "asso" and "loi 1901" -- except right after an article or "pour", where the word is
  part of the name ("Fédération des Scop du BTP" is not "Fédération du BTP"; but "La
  Scop Trajectoires" is "Trajectoires"), and a name that is nothing but a legal form
  ("Les Scop") is kept as written. "Cabinet" is dropped only at the start.
  Kept, because they identify: "fondation" ("Fondation de France" is not "France"),
  "société" alone ("Société générale"), "institut", "groupe", "chambre", "union"…
- Articles (le, la, les, l', de, du, des, d') are dropped at the edges by
  `normalise_org`; for matching, they and "et", "à", "en", "pour", "sur", "au", "aux"
  are ignored everywhere ("Chambre des métiers" = "Chambre de métiers").
- A parenthesis is not part of the name ("Région Île-de-France (dossier déposé)"), except
  a single acronym in capitals, read as another name for the organisation
  ("Fonds social européen (FSE+)" is also "FSE").

Two names match when (after the above):
- they are the same words ("same"); or
- the shorter one's words appear, in order and side by side, inside the longer one
  ("Aract Normandie" in "Aract Normandie, antenne de Rouen"; "Université de Lyon" in
  "Université Lyon 2": the Université de Lyon federates Lyon 2, a possible conflict is
  the right warning), provided the shorter one is distinctive: at least two words
  (a hyphenated name such as "Île-de-France" counts as one word), or an acronym written
  in capitals of 3 to 8 letters ("CFDT", "CGT", "CFE-CGC") that is not a generic one
  (PME, RSE, CSE…). So "Aract Normandie" matches "ARACT Normandie" and
  "l'Aract Normandie" but not "Aract Occitanie"; an affiliation "Aract" (one ordinary
  word) matches only an organisation called "Aract", while "CFDT" matches
  "Union régionale CFDT Normandie" (and "ARACT" in capitals, every Aract: that is what
  the member declared).
On the 115 labelled proposals (153 distinct names), each name declared as an affiliation
matches no other name, but for two universities whose teams match each other
("Université de Bordeaux (équipe …)" / "Université de Bordeaux – master …"): same
employer, a possible conflict indeed.
Known limits: two ordinary words that are a place ("Caen Normandie") match every
organisation named after it ("CCI Caen Normandie"); no acronym is expanded ("CMA Alsace"
is not "Chambre de métiers et de l'artisanat d'Alsace"), and words must be side by side
("Université Lyon 2" does not find "Université Lumière Lyon 2"): a member declares the
names as proposals write them, several per organisation if need be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Legal forms, as single words (dropped wherever they stand).
LEGAL_FORMS = frozenset({
    "sa", "sas", "sasu", "sarl", "eurl", "scop", "scic", "snc", "gie", "sem", "spl", "sca", "sci",
    "scp", "scm", "sel", "selarl", "selas", "selafa", "ei", "eirl", "association", "asso",
})
# Spelled-out legal forms (after folding; "&" already read as "et"); longest first.
LEGAL_PHRASES: tuple[tuple[str, ...], ...] = tuple(sorted((tuple(p.split()) for p in (
    "societe anonyme",
    "societe par actions simplifiee",
    "societe par actions simplifiee unipersonnelle",
    "societe a responsabilite limitee",
    "entreprise unipersonnelle a responsabilite limitee",
    "entreprise individuelle a responsabilite limitee",
    "entreprise individuelle",
    "societe en nom collectif",
    "societe cooperative et participative",
    "societe cooperative ouvriere de production",
    "societe cooperative de production",
    "societe cooperative d interet collectif",
    "groupement d interet economique",
    "societe d economie mixte",
    "societe publique locale",
    "loi 1901",
    "loi de 1901",
    "loi du 1er juillet 1901",
)), key=len, reverse=True))
NOUN_MARKERS = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "aux", "pour"})
LEADING_ONLY = frozenset({"cabinet"})  # a descriptor at the start, a word elsewhere
ARTICLES = frozenset({"le", "la", "les", "l", "de", "du", "des", "d"})
# Ignored anywhere when matching (never identify an organisation on their own).
STOPWORDS = ARTICLES | {"et", "a", "au", "aux", "en", "pour", "sur"}
# Acronyms in capitals that name a kind of thing, not an organisation.
GENERIC_ACRONYMS = frozenset({
    "pme", "tpe", "eti", "rse", "qvt", "qvct", "cse", "cssct", "rh", "drh", "cto", "ess", "sst",
    "tms", "rps", "cdi", "cdd", "btp", "ue", "ttc", "ht",
})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?")  # S.A.R.L. -> SARL, C.F.D.T -> CFDT
_WORD = re.compile(r"[^\W_]+")
_PAREN = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class _Token:
    text: str   # folded
    caps: bool  # written in capitals (an acronym, when short)
    group: int  # the whitespace-separated word it came from ("Île-de-France" is one)


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_LIGATURES).translate(_APOSTROPHES)


def _fold(word: str) -> str:
    """Accents and case away; what is left of a letter is its base letter."""
    return _strip_marks(_strip_marks(word).casefold())


def _tokens(name: str) -> list[_Token]:
    """The words of a name, folded, legal forms and edge articles dropped."""
    text = _strip_marks(name or "").replace("&", " et ")
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    out: list[_Token] = []
    for group, chunk in enumerate(text.split()):
        for raw in _WORD.findall(chunk):
            letters = [c for c in raw if c.isalpha()]
            caps = len(letters) >= 2 and all(c.isupper() for c in letters)
            for word in _WORD.findall(_fold(raw)):  # folding may split (a stray mark)
                out.append(_Token(word, caps, group))
    return _clean(out)


def _clean(tokens: list[_Token]) -> list[_Token]:
    """Legal forms, then edge articles, away until nothing changes; when nothing would be
    left ("SARL", "Les Scop"), the words as written, edge articles only away."""
    cleaned = _clean_all(tokens)
    return cleaned if cleaned or not tokens else _strip_edges(tokens, leading_only=False)


def _strip_edges(tokens: list[_Token], leading_only: bool = True) -> list[_Token]:
    while tokens and (tokens[0].text in ARTICLES or leading_only and tokens[0].text in LEADING_ONLY):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in ARTICLES:
        tokens = tokens[:-1]
    return tokens


def _clean_all(tokens: list[_Token]) -> list[_Token]:
    while True:
        before = len(tokens)
        # after a word and an article, a legal form is a noun of the name ("Fédération des
        # Scop du BTP"); "La SCOP Trajectoires" is the Scop called Trajectoires
        tokens = [t for i, t in enumerate(tokens)
                  if t.text not in LEGAL_FORMS or (i > 1 and tokens[i - 1].text in NOUN_MARKERS)]
        tokens = _drop_phrases(tokens)
        tokens = _strip_edges(tokens)
        if len(tokens) == before:
            return tokens


def _drop_phrases(tokens: list[_Token]) -> list[_Token]:
    words = [t.text for t in tokens]
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        for phrase in LEGAL_PHRASES:
            if tuple(words[i:i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def normalise_org(name: str) -> str:
    """The name as compared: folded words, legal forms and edge articles dropped
    ("L'ARACT Normandie (S.A.R.L.)" -> "aract normandie"). Idempotent."""
    return " ".join(t.text for t in _tokens(name))


# ------------------------------------------------------------------ matching

@dataclass(frozen=True)
class Match:
    """An affiliation the member declared and a name the proposal gives that may be the
    same organisation, and why."""

    affiliation: str  # as the member wrote it
    name: str         # as the proposal gives it
    kind: str         # "same" | "acronym" | "affiliation_in_name" | "name_in_affiliation"
    via: str = ""     # the words that matched, when not the whole names

    @property
    def why(self) -> str:
        """In French, for the warning page."""
        if self.kind == "same":
            return "même nom, aux accents, majuscules, articles et forme juridique près"
        if self.kind == "acronym":
            return f"même sigle « {self.via} »"
        if self.kind == "affiliation_in_name":
            return f"votre affiliation « {self.via} » figure dans le nom « {self.name} »"
        return f"le nom « {self.via} » figure dans votre affiliation « {self.affiliation} »"


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]  # significant words
    distinctive: bool       # may be looked for inside a longer name
    shown: str              # the form as written (for `via`)
    alias: bool = False     # an acronym given in parentheses


@lru_cache(maxsize=8192)  # a committee list compares the same names again and again
def _forms(name: str) -> tuple[_Form, ...]:
    """The forms under which a name is compared: itself without its parentheses, and an
    acronym in capitals given in parentheses ("Fonds social européen (FSE+)")."""
    main = _PAREN.sub(" ", name)
    texts = [(main, False)] if main.strip() else []
    for inner in _PAREN.findall(name):
        toks = _tokens(inner)
        if toks and len({t.group for t in toks}) == 1 and all(t.caps for t in toks):
            texts.append((inner, True))
    if not texts:  # only a parenthesis: take what it says
        texts = [(name.replace("(", " ").replace(")", " "), False)]
    out = []
    for text, alias in texts:
        toks = [t for t in _tokens(text) if t.text not in STOPWORDS]
        if not toks:
            continue
        groups = {t.group for t in toks}
        letters = sum(len(t.text) for t in toks if not t.text.isdigit())
        acronym = (len(groups) == 1 and all(t.caps for t in toks) and 3 <= letters <= 8
                   and "".join(t.text for t in toks) not in GENERIC_ACRONYMS)
        out.append(_Form(tuple(t.text for t in toks), len(groups) >= 2 or acronym, " ".join(text.split()),
                         alias))
    return tuple(out)


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _match(affiliation: str, name: str) -> Match | None:
    found = None
    for a in _forms(affiliation):
        for n in _forms(name):
            if a.words == n.words:
                if a.alias or n.alias:
                    found = Match(affiliation, name, "acronym", (n if n.alias else a).shown)
                    continue
                return Match(affiliation, name, "same")
            if found is None and a.distinctive and _inside(a.words, n.words):
                found = Match(affiliation, name, "affiliation_in_name", a.shown)
            elif found is None and n.distinctive and _inside(n.words, a.words):
                found = Match(affiliation, name, "name_in_affiliation", n.shown)
    return found


def match_affiliations(affiliations: list[str], names: list[str]) -> list[Match]:
    """Every (affiliation, name) pair that may be the same organisation, in the order of
    the names, then of the affiliations."""
    out = []
    for name in names:
        if not (name or "").strip():
            continue
        for aff in affiliations:
            if not (aff or "").strip():
                continue
            m = _match(aff.strip(), name.strip())
            if m is not None:
                out.append(m)
    return out


def parse_affiliations(text: str | None) -> list[str]:
    """The affiliations of a user (one per line), blanks and repeats (same normalised
    name) left out, in the order written."""
    out, seen = [], set()
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        key = normalise_org(line) or line.casefold()
        if line and key not in seen:
            seen.add(key)
            out.append(line)
    return out
