"""Who applies, and what kind of organisation: from the documents' first lines, the
proposal's prose, or the sender's domain; each answer with its evidence."""

from __future__ import annotations

import re

from intake.committee.summary_config import SummarySettings
from intake.committee.summary_model import UNCLEAR, Sentence
from parsers.document import Document
from parsers.vocab import fold


def kind_of(text_first: str, text_then: str, kinds) -> tuple[str, str, str | None]:
    for text in (text_first, text_then):
        for k in kinds:
            found = k.cues.find(text)
            if found:
                return k.id, k.label, found[0]
    return "autre", UNCLEAR, None


def applicant_of(docs: list[Document], settings: SummarySettings) -> str | None:
    labels = settings.applicant_labels
    folded_labels = {fold(t) for t in labels.terms}

    def value(label: str, val: str) -> str | None:
        if fold(label) not in folded_labels or not re.search(r"[A-Za-zÀ-ÿ]", val):
            return None
        # "Trajectoires Travail SARL, cabinet conseil (Caen). Personne référente : ..." -> the name
        name = re.split(r"\.\s|\s\(|,\s|\s[–—-]\s", " ".join(val.split()))[0].strip(" .;")
        return name if 1 <= len(name.split()) <= 12 and ":" not in name else None

    for doc in docs:
        for b in doc.blocks:
            if b.kind == "table":
                for row in b.rows:
                    cells = [c for c in row if c and c.strip()]
                    if len(cells) >= 2 and (v := value(cells[0].strip(" :"), cells[1])):
                        return v
            else:
                for line in b.text.splitlines():
                    m = re.match(r"^\s*([^:]{2,50}?)\s*:\s*(\S.*)$", line)
                    if m and (v := value(m.group(1), m.group(2))):
                        return v
    return None


_SUBJECT = re.compile(r"^(?:Le |La |Les |L['’])?(.{3,80}?)\s*(?:\([^)]*\)\s*)?,?\s+(?:est|sont)\s+(?:un|une|le|la|l['’])")


def applicant_from_prose(sents: list[Sentence], settings: SummarySettings) -> str | None:
    """"Le laboratoire ERGO-TIC (...) est une équipe de recherche..." under a heading that
    presents the applicant: the subject of its first such sentence."""
    seen: dict[str, int] = {}
    for s in sents:
        if not s.heading or not (settings.applicant_labels.matches(s.heading)
                                  or settings.applicant_headings.matches(s.heading)):
            continue
        seen[s.heading] = seen.get(s.heading, 0) + 1
        if seen[s.heading] > 2:  # the presentation opens with who the applicant is
            continue
        if fold(s.text).split()[:1] in (["notre"], ["nos"], ["nous"], ["il"], ["elle"], ["ce"], ["cette"],
                                        ["depuis"], ["en"], ["avec"]):
            continue  # "Notre équipe « Change » accompagne...": not a name
        m = _SUBJECT.match(s.text)
        if m and any(w[:1].isupper() for w in m.group(1).split()):
            return m.group(1).strip(" ,")
        # "Laboratoire PRAXIS – Travail, Organisations (Université X), basé à Toulouse."
        name = re.split(r"\s[–—-]\s|\s\(|,\s|\.\s", s.text)[0].strip(" .")
        if (s.text[:1].isupper() and ":" not in name and not re.search(r"\d", name) and 1 <= len(name.split()) <= 8
                and sum(w[:1].isupper() for w in name.split()) >= 2):
            return name
    return None


_DEFINED = re.compile(
    r"^(?:(?P<before>[a-zà-ÿA-ZÀ-Ý][^,;:()]{2,70}),\s*)?(?:Le |La |Les |L['’])?"
    r"(?P<name>[A-ZÀ-Ý][\w'’&.-]*(?:\s+(?:\([^()]{1,20}\)|[\w'’&.-]+)){0,10}?)"
    r"\s*(?:\([^)]{1,90}\)\s*)?(?:(?P<sep>,|\s[–—-])\s*(?P<app>[a-zà-ÿ][^,;–—()]{2,90}?)\s*(?:,|\s[–—-]|$)"
    r"|\s+(?:est|sont)\s+(?:aujourd['’]hui\s+)?(?:un|une|l['’]|le|la)\s*(?P<np>[^,;.]{2,90})"
    r"|(?<=\))\s*(?=[a-zà-ÿ]))")


_NOT_A_NAME = {"le", "la", "ce", "cette", "notre", "nous", "projet", "il", "elle", "vous", "veuillez", "je",
               "bonjour", "madame", "monsieur", "cree", "creee", "fonde", "fondee", "depuis", "pour", "dans",
               "avec", "en", "au", "a", "cordialement", "merci", "ci", "voici"}  # a sentence's first word
_PERSON_TITLE = re.compile(r"^(?:professeure?s?|maitre de conferences|maitresse de conferences|directeur|directrice"
                           r"|charge|chargee|responsable|president|presidente|coordinat|chercheu|doctorant|docteur"
                           r"|ingenieur|gerant|gerante|delegue|deleguee|secretaire|fondat|co fondat|associe|associee"
                           r"|dr|pr)\w*\b")


_SENT_BY = re.compile(r"\b(?:proposition|candidature|dossier|réponse|projet) (?:de la |de l['’]|du |de |d['’])(?=[A-ZÀ-Ý])")


def _defines(m: re.Match, settings: SummarySettings, others: set[str]) -> bool:
    """Whether a _DEFINED match names an organisation (not a person, a partner or a phrase)
    and says what kind it is."""
    name = m.group("name").strip(" .")
    said = m.group("before") or m.group("app") or m.group("np") or ""
    words = name.split()
    if len(words) > 11 or fold(name) in {fold(o) for o in others} or (fold(name).split() or [""])[0] in _NOT_A_NAME:
        return False
    if _PERSON_TITLE.match(fold(said)) or _PERSON_TITLE.match(fold(name)):
        return False  # a signature: "Yann Le Goff, maître de conférences"
    # a name: capitalised words and their small words, or the kind itself at its head
    # ("Centre hospitalier de Vernon")
    if not (all(w[:1].isupper() or w[:1].isdigit() or w[:1] == "(" or fold(w) in _SMALL_WORDS or w in ("&", "-")
                for w in words) or _head_kind(fold(name), settings, name)):
        return False
    return bool(_head_kind(fold(said), settings, said))


def applicant_from_definition(sents: list[Sentence], settings: SummarySettings,
                              others: set[str]) -> str | None:
    """The organisation a proposal defines before its parts begin or under the heading that
    presents it ("L'Institut Travail Demain est un laboratoire d'idées…", "Le Centre
    hospitalier de Vernon, établissement public de santé, …", "Intégrateur de robots,
    Cobotik Ouest (SAS…) installe…", a signature "Territoires Numériques Conseil –
    association régie par la loi de 1901"): the name whose apposition or attribute names a
    kind of organisation. `others`: partners' names, never the applicant."""
    presenting = settings.applicant_headings
    for s in sents:
        if s.in_table or (s.sections and not (s.heading and presenting.matches(s.heading))):
            continue
        text = s.text.strip()
        tries = [_DEFINED.match(text)]
        lead = _SENT_BY.search(text) if not s.sections else None
        if lead:  # "… la proposition de l'Union régionale …, structure régionale d'un syndicat"
            tries.append(_DEFINED.match(text[lead.end():]))
        for m in tries:
            if m and _defines(m, settings, others):
                return m.group("name").strip(" .")
    return None


# Mail providers and the like: a domain that names nobody's organisation.
_GENERIC_DOMAINS = {"gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "orange", "wanadoo",
                    "free", "sfr", "laposte", "neuf", "bbox", "aol", "icloud", "me", "protonmail", "proton",
                    "gmx", "mail", "club-internet", "numericable", "example", "anact"}


_SMALL_WORDS = {"le", "la", "les", "l", "de", "des", "du", "d", "et", "en", "au", "aux", "pour", "sur", "a"}


_FILE_NAME = re.compile(r"\.(?:xlsx?|xlsm|docx?|docm|pdf|odt|ods|zip|csv|txt|rtf)\b|_", re.I)


_NAME_SPLIT = re.compile(r"\s[–—-]\s|,\s|\s\|\s|:\s|\s/\s")


def _squash(words: list[str]) -> str:
    return "".join(words)


def _domain_tokens(sender: str | None) -> list[str]:
    """'direction@horizons-travail.org' -> ['horizons', 'travail']; [] for a mail provider."""
    if not sender or "@" not in sender:
        return []
    host = sender.rsplit("@", 1)[1].strip(" >").lower()
    labels = host.split(".")
    if len(labels) < 2:
        return []
    # the registered name: the label before the TLD (and before "co"/"com" of two-level TLDs)
    name = labels[-3] if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "gouv", "asso") else labels[-2]
    if name in _GENERIC_DOMAINS or len(name) < 3:
        return []
    return [t for t in fold(name.replace("-", " ")).split() if t]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in _SMALL_WORDS)


def applicant_from_domain(docs: list[Document], sender: str | None) -> str | None:
    """The organisation the sender's own domain names, as the documents write it:
    'horizons-travail.org' -> 'Institut Horizons Travail', 'upi-bfc.fr' -> 'Union patronale
    interprofessionnelle de Bourgogne-Franche-Comté' (initials). Lines near the top of each
    document and signatures are looked at; the shortest segment covering the domain wins."""
    tokens = _domain_tokens(sender)
    if not tokens:
        return None
    whole = _squash(tokens)
    best: tuple[float, int, str] | None = None
    for doc in docs:
        lines = [ln.strip() for b in doc.blocks if b.kind != "table" for ln in b.text.splitlines() if ln.strip()]
        for line in lines[:60] + lines[-15:]:
            for seg in _NAME_SPLIT.split(line):
                seg = seg.strip(" .;«»\"“”")
                words = fold(seg).split()
                if not (1 <= len(words) <= 10) or len(seg) > 90 or not seg[:1].isupper() or "@" in seg:
                    continue
                plain, short = _squash(words), _squash([w for w in words if w not in _SMALL_WORDS])
                if _FILE_NAME.search(seg):
                    continue  # "Horizons-Travail_budget.xlsx": a file, not the organisation
                if len(tokens[0]) >= 3 and tokens[0] == _initials(words) and len(words) >= 3:
                    name, score = seg, 1.0  # "OTN" -> "Observatoire du travail numérique"
                    name, score = seg, 1.0  # the acronym's expansion, whole
                else:
                    found = [t for t in tokens if len(t) >= 3 and (t in plain or t in short)]
                    # the first label is the distinctive one ("itn-recherche": ITN, not "recherche")
                    if not found or found[0] != tokens[0] and whole not in plain + short:
                        continue
                    if whole in plain or whole in short:
                        score, name = 1.0, _name_around(seg, [whole])
                    else:
                        score, name = sum(map(len, found)) / len(whole), _name_around(seg, found)
                if score < 0.6 or not name:
                    continue
                key = (score, -len(name.split()), name)
                if best is None or key[:2] > best[:2]:
                    best = key
    return best[2] if best else None


def _name_around(seg: str, found: list[str]) -> str:
    """The fewest words of `seg` that carry the domain's labels, with the capitalised word
    just before them ("Institut", "Compagnie") and acronyms or numbers just after ("RH",
    "85"), not a heading around them ("Présentation de l'…", "Le secrétariat du …")."""
    words = seg.split()
    keys = [_squash(fold(w).split()) for w in words]

    def carries(i: int, j: int) -> bool:
        plain = _squash(keys[i:j + 1])
        short = _squash([k for k in keys[i:j + 1] if k not in _SMALL_WORDS])
        return all(t in plain or t in short for t in found)

    spans = [(j - i, i, j) for i in range(len(words)) for j in range(i, len(words)) if carries(i, j)]
    if not spans:
        return seg
    _, i, j = min(spans)
    if i > 0 and words[i - 1][:1].isupper() and keys[i - 1] not in _SMALL_WORDS:
        i -= 1
    while j + 1 < len(words) and re.fullmatch(r"[A-Z0-9]{2,5}", words[j + 1]):
        j += 1
    return re.sub(r"^(?:[lLdD]['’])", "", " ".join(words[i:j + 1])).strip(" ,.;:()")


# Where a proposal says what its applicant is: after a copula whose subject is the
# applicant ("Lumen est une société de conseil", "Nous sommes une association"), after
# "notre" ("notre cabinet"), or in apposition to its name ("UEPSA, union des entreprises").
_COPULA = re.compile(r"\b(?:est|sommes|etait|constitue|reste|se presente comme|se definit comme|"
                     r"agit en tant que|fonctionne comme|a ete creee? (?:en \d{4} )?comme)\s+"
                     r"(?:aujourd hui |avant tout |depuis \d{4} |egalement |donc )?(?:un |une |l |le |la )")
_OUR = re.compile(r"\b(?:notre|en tant qu e?|en tant que)\s+")
# "X, union des entreprises de …" or "X (société coopérative)": a common noun after the
# comma, not another name of a list ("AEN Conseil, l'Aract, la CPME")
_APPOSITION = re.compile(r"\s*(?:\((?P<paren>[^()]{2,120})(?:\)|$)|[,–—-]\s*(?:(?:un|une|le|la|l['’])\s*)?(?P<np>[a-zà-ÿ][^,;.]{2,90}))")
_HEAD_WORDS = 5  # the kind is named among the first words of what follows
_GENERIC_HEADS = {"structure", "organisme", "organisation", "entite", "acteur", "reseau", "membre", "antenne",
                  "branche", "delegation", "emanation"}
_BELONGS = {"de", "du", "des", "par", "avec", "a", "au", "aux", "dans", "pour", "sur", "aupres", "entre", "chez",
            "via", "et", "ou", "envers", "vers", "que", "intermediaire"}  # "par notre union": not the applicant
_ADJECTIVES = {"petite", "petit", "jeune", "grande", "grand", "importante", "ancienne", "nouvelle",
               "independante", "independant", "veritable", "vraie", "reelle", "modeste"}


def _head_kind(np: str, settings: SummarySettings, np_kept: str = "") -> tuple[str, str] | None:
    """The kind a noun phrase names in its first words ("societe cooperative de conseil" ->
    consultancy: the longest cue that starts there wins), with the cue."""
    words = [w for w in np.split() if w not in _ADJECTIVES]
    # a generic head ("structure régionale d'une organisation syndicale") names its kind after it
    head = " ".join(words[:_HEAD_WORDS + (3 if words[:1] and words[0] in _GENERIC_HEADS else 0)])
    best: tuple[int, int, str, str] | None = None  # (-length, start, kind, cue)
    for k in settings.applicant_kinds:
        for t, start, end in k.cues.words.spans(head, folded=True):
            if best is None or (start - end, start) < best[:2]:
                best = (start - end, start, k.id, t)
        for t in k.cues.find(np_kept or ""):  # acronyms, in capitals ("UMR", "SCOP")
            if t not in k.cues.words.terms and fold(t) in head.split() and (best is None or -len(t) < best[0]):
                best = (-len(t), head.split().index(fold(t)), k.id, t)
    return (best[2], best[3]) if best else None


def applicant_kind_of(applicant: str | None, sents: list[Sentence], settings: SummarySettings):
    """What kind of organisation applies, only where the documents say it: a sentence whose
    subject is the applicant defines it ("X est une association loi 1901", "notre cabinet",
    "X, union des entreprises de …"), weighted above what its name suggests (a consultancy
    may be called "Observatoire …"). Kinds tied or never said: à préciser."""
    keys = [fold(w) for w in re.findall(r"[\wÀ-ÿ'-]{3,}", applicant or "") if w[:1].isupper()][:3]
    keys += [fold(w) for w in re.findall(r"\b[A-Z]{2,6}\b", applicant or "") if fold(w) not in keys]  # "(OTN)"
    name = fold(applicant or "")
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}

    def vote(kid: str, weight: float, why: str) -> None:
        scores[kid] = scores.get(kid, 0) + weight
        if len(evidence.setdefault(kid, [])) < 2 and why not in evidence[kid]:
            evidence[kid].append(why)

    if applicant:
        named = _head_kind(name, settings, applicant) or next(
            ((k.id, found[0]) for k in settings.applicant_kinds if (found := k.cues.find(applicant))), None)
        if named:
            vote(named[0], 1.5, f"nom : « {applicant} »")
    presenting = settings.applicant_headings
    for s in sents:
        f = fold(s.text)
        about_us = bool(s.heading and (presenting.matches(s.heading) or settings.applicant_labels.matches(s.heading)))
        for m in _COPULA.finditer(f):
            subject = f[max(0, m.start() - 80):m.start()]
            if not (re.search(r"\bnous\s*$", subject) or (keys and any(k in subject.split() for k in keys))
                    or (about_us and len(subject.split()) <= 4)):
                continue
            said_kind = _head_kind(f[m.end():m.end() + 120], settings, s.text)
            if said_kind:
                vote(said_kind[0], 3, f"« {s.text} » ({s.source})")
        if keys and any(k in f.split()[:4] for k in keys):  # "Kalisto édite un logiciel de planification"
            rest = " ".join(w for w in f.split()[:14] if w not in keys)
            for k in settings.applicant_kinds:
                if k.does.words.matches(rest, folded=True):
                    vote(k.id, 2, f"« {s.text} » ({s.source})")
        ours_described = re.search(r"\b[Nn]otre\s+[\wÀ-ÿ'’-]+(?:\s+[\wÀ-ÿ'’-]+){0,2}?\s*,\s*qui\b", s.text)
        for m in _OUR.finditer(f):
            if f[:m.start()].split()[-1:] and f[:m.start()].split()[-1] in _BELONGS and not ours_described:
                continue  # "par notre union régionale": something the applicant belongs to
                # (but "pour notre association, qui gère trois chantiers" describes the applicant)
            said_kind = _head_kind(" ".join(f[m.end():].split()[:3]), settings, s.text)
            if said_kind:
                vote(said_kind[0], 2, f"« {s.text} » ({s.source})")
        at = s.text.casefold().find((applicant or "").casefold()) if name and name in f else -1
        if at >= 0:  # "UEPSA Occitanie, union des entreprises …", "Cyclopes (SCIC)"
            after = s.text[at + len(applicant or ""):]
            app = _APPOSITION.match(after)
            if app and app.group("paren") and not _head_kind(fold(app.group("paren")), settings, app.group("paren")):
                app = _APPOSITION.match(after[app.end():]) if len(app.group("paren")) <= 15 else app  # "X (ITN), …"
            if app and app.group("np") and re.match(r"(?:l['’]|le |la |les |un |une )[A-ZÀ-Ý]", app.group("np")):
                app = None  # "réunit X, l'IUT de Cholet, l'Aract": a list of names, not what X is
            if app:
                said = app.group("paren") or app.group("np")
                said_kind = _head_kind(fold(said), settings, said)
                if said_kind:
                    vote(said_kind[0], 2, f"« {s.text} » ({s.source})")
            before = s.text[:at] if after else ""
            lead = re.match(r"^([A-Za-zÀ-ÿ][^,;:()]{2,70})(?:,\s*(?:(?:le|la|les|l['’])\s*)?|\s*\()$", before, re.IGNORECASE)
            if lead:  # "Intégrateur de robots, Cobotik Ouest (SAS…) installe…", "École supérieure … (ESIGE)"
                said_kind = _head_kind(fold(lead.group(1)), settings, lead.group(1))
                if said_kind:
                    vote(said_kind[0], 2, f"« {s.text} » ({s.source})")
    if not scores:
        return "inconnu", UNCLEAR, []
    best = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(best) > 1 and best[0][1] == best[1][1]:
        return "inconnu", UNCLEAR, [e for kid, _ in best[:2] for e in evidence.get(kid, [])[:1]]
    kid = best[0][0]
    label = next(k.label for k in settings.applicant_kinds if k.id == kid)
    said = sorted(evidence.get(kid, []), key=lambda e: e.startswith("nom :"))  # what the text says first
    return kid, label, said
