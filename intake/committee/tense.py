"""When a study a proposal cites takes place: already done (the project builds on it: "the
survey we ran in 2021 showed…") or planned by the project ("a shared diagnosis will be
carried out in phase 1"). The committee's "demande sociale" criterion counts only the
first; a planned diagnostic is method, not evidence. Pure functions of the French text."""

from __future__ import annotations

import re

from parsers.vocab import Vocabulary, fold

DONE, PLANNED = "done", "planned"

# future and plan: futur simple, "prévu", "il s'agira", a phase or step of the plan
_FUTURE = re.compile(
    r"\b(?:sera|seront|serons|aura|auront|fera|feront|ferons|ira|iront|pourra|pourront|devra|devront"
    r"|\w{3,}(?:era|eront|erons|ira|iront|irons|dra|dront|drons))\b"
    r"|\b(?:prevue?s?|envisagee?s?|programmee?s?|planifiee?s?|a venir|nous prevoyons|prevoit|prevoient"
    r"|il s agira|s agira|va etre|vont etre|allons|en phase \d|phase \d|etape \d|au cours du projet"
    r"|au mois \d|mois \d|dans le cadre du projet|pendant le projet|lors du projet)\b")
# past: a participle of what one does with a study, after an auxiliary ("a été menée",
# "avons interrogé", "ont montré") or dated ("réalisé en 2021", "publié en mars 2022");
# "à la suite de", "issu de"; the imperfect of what results showed
_DONE_VERBS = (r"(?:realise|mene|conduit|lance|effectue|publie|montre|revele|interroge|consulte|sonde|fait"
               r"|organise|produit|souligne|identifie|recueilli|analyse|etudie|observe|constate|commande"
               r"|finance|mesure|documente|pointe|confirme|exprime|remonte|mis en evidence|fait apparaitre"
               r"|porte|restitue|diffuse|soumis|adresse|envoye|collecte|dresse|etabli|elabore|presente)(?:e|s|es)?")
_PAST = re.compile(
    r"\b(?:a|ont|avons|avait|avaient|ai|aura)\s+(?:\w+\s+){0,2}?(?:ete\s+)?" + _DONE_VERBS + r"\b"
    r"|\b(?:(?:a la suite|a l issue|issue?s?) (?:d|de|du|des)|suite a|suite au|fait suite|faisant suite"
    r"|deja|recemment|precedente?s?|anterieure?s?|montrait|montraient|indiquait|revelait|soulignait)\b"
    r"|\b" + _DONE_VERBS + r"\s+(?:\w+\s+){0,3}?(?:en|au|a l|fin|debut|de|par)\s+(?:\w+\s+){0,2}?(?:19|20)\d\d\b")
# "aucun audit", "n'a pas été fait", "n'a fait l'objet d'aucune consultation": no study
_NEGATED = re.compile(r"^(?:\w+\s+){0,2}?aucune?\b|\bn (?:a|ont|avons|avait|avaient|est|sont|etait)\b"
                      r"|\bpas encore (?:ete|fait|realise|mene)|\bd aucune?\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_PLAN_VERB = re.compile(r"^(?:\w+\s*[:.)–-]\s*)?(?:realiser|conduire|mener|lancer|effectuer|organiser|produire"
                        r"|construire|etablir|dresser)\b")
_CLAUSES = re.compile(r"\s*[;:,()]\s*|\s+[–—]\s+|\s+(?:puis|ensuite|tandis que|alors que)\s+")


def when(text: str, cues: Vocabulary | None = None, *, start_year: int | None = None,
         plan_part: bool = False) -> str | None:
    """DONE, PLANNED or None (nothing says) for the study `cues` find in `text` (the whole
    sentence if None). The clause that names it speaks first, then the sentence's verbs.
    `start_year`: the project's; a year before it is the past. `plan_part`: the sentence
    belongs to the method or schedule, where an infinitive or a dated line is a step."""
    f = fold(text)
    clauses = [fold(c) for c in _CLAUSES.split(text) if c and c.strip()]
    clause = next((c for c in clauses if cues is None or cues.matches(c, folded=True)), f)
    if _NEGATED.search(clause):
        return None  # "aucun recensement n'a encore été fait": no study, neither done nor planned
    verdict = _tense(clause, start_year, dated=True)
    if verdict is None and clause != f:  # the sentence's verbs, not a date elsewhere in it
        verdict = _tense(f, start_year, dated=False)
    if verdict:
        return verdict
    if plan_part and (_PLAN_VERB.search(f) or (start_year and any(int(y) >= start_year for y in _YEAR.findall(f)))):
        return PLANNED  # a step of the method, a line of the schedule ("Octobre 2022 : diagnostic")
    return None


def _tense(f: str, start_year: int | None, *, dated: bool) -> str | None:
    years = [int(y) for y in _YEAR.findall(f)] if dated else []
    m_past, m_future = _PAST.search(f), _FUTURE.search(f)
    past = bool(m_past) or bool(start_year and years and max(years) < start_year)
    future = bool(m_future) or bool(start_year and years and min(years) > start_year and not m_past)
    if past and not future:
        return DONE
    if future and not past:
        return PLANNED
    if past and future:  # "les résultats de l'enquête de 2021 seront restitués": the survey is done
        return DONE if m_past and m_future and m_past.start() < m_future.start() else PLANNED
    return None
