"""Partners named in the partners part, with their expected contribution.

From a table ("Partenaire | Contribution"), a list ("Aract Occitanie : co-animation des
ateliers"), an enumeration ("... : A, qui ... ; B, dont ... ; enfin C, qui ...") or prose
("l'Aract Bretagne, qui co-animera les ateliers, et l'Université de Rennes 2, chargée de
l'évaluation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .amounts import find_amounts
from .document import Block
from .vocab import Vocabulary, fold

_NAME_HEAD = Vocabulary(["partenaire*", "structure*", "organisme*", "organisation*", "nom", "acteur*",
                         "etablissement*", "entite*", "institution*"])
_ROLE_HEAD = Vocabulary(["contribution*", "role*", "apport*", "mission*", "implication", "engagement*",
                         "participation", "fonction*", "actions", "intervention"])
_INTRO = re.compile(
    r"^(?:nous|notre|nos|le projet|ce projet|les partenaires|partenaires|la demarche|il|ils|elle|elles|"
    r"chaque|chacun|chacune|l ensemble|en outre|par ailleurs|ainsi|de plus|ces|cette|ce|un|une|des|plusieurs|"
    r"d autres|leur|leurs|pour|afin|dans|avec|les structures|les acteurs|contribution|role|aucun|"
    r"a ce jour|a noter|il s agit|sont|seront|outre|au total|deux|trois|quatre|cinq)\b"
)
_LEAD = re.compile(r"^\s*(?:enfin|et|ainsi que|puis|egalement|de plus|aussi|mais aussi|sans oublier)\s+",
                   re.IGNORECASE)
_ROLE_START = re.compile(
    r"(?:,\s*|\s+)(?:qui|dont|charg[ée]e?s?|en charge|mobilis[ée]e?s?|sollicit[ée]e?s?|associ[ée]e?s?|"
    r"impliqu[ée]e?s?|pour|avec|apportant|assurant|intervenant|engag[ée]e?s?|partenaire|pilote|"
    r"interviendra|apportera|assurera|contribuera|participera|prendra)\b|\s*:\s*|\s+[–—-]\s+|"
    r"\.\s+(?=[A-ZÀ-Ý])",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:l'|l’|le |la |les |un |une |des |du |de l'|de la |d'|d’)", re.IGNORECASE)
_CONNECT = {"de", "du", "des", "d", "la", "le", "l", "et", "en", "pour", "sur", "à", "au", "aux"}
_ADJECTIVE = re.compile(
    r"^(?:r[ée]gion|nation|d[ée]partement|interprofession|local|europ[ée]en|territori|paritaire|"
    r"intercommun|m[ée]tropolit|professionn|sup[ée]rieur|public|priv[ée]|social|sociale|inter)\w*$",
    re.IGNORECASE,
)


# a comma, then an organisation introduced by its article: a new item of an enumeration
_ENTITY_SPLIT = re.compile(r",\s*(?:et\s+|ainsi que\s+|enfin\s+)?(?=(?:l['’]|le |la |les )[A-ZÀ-Ý])")
_NEXT_ORG = re.compile(r"(?:^|,)\s*(?:et\s+|ainsi que\s+|enfin\s+)?(?:l['’]|le |la |les )?[A-ZÀ-Ý][\w'’-]+[^,]*,\s*(?:qui|dont|charg|en charge|mobilis)")
_LEAD_VERB = re.compile(
    r"^.*?\b(?:reunit|rassemble|associe|mobilise|implique|comprend|compte|s appuie sur|s appuiera sur|"
    r"s appuient sur|repose sur|fait appel a|travaille avec|travaillera avec|est porte avec|avec|aupres de|"
    r"sont|seront)\s+(?:l |le |la |les |d |de |du |des )?",
)


# "La Fédération des entreprises d'insertion Occitanie relaiera le projet…": one partner per
# sentence, named by its subject, up to its verb (a future tense, or a common present)
_SUBJECT = re.compile(
    r"^(?:[Ll]['’]|[Ll]e |[Ll]a |[Ll]es )?(?P<name>\w.*?)(?:\s*\((?P<aside>[^()]{2,80})\)|,\s[^,]{3,80},)?\s+"
    r"(?P<rest>(?:ne |n['’]|y |s['’]|se |en )?(?:[a-zàâçéèêëîïôûùüœ-]{2,}(?:ra|ront)"
    r"|est|sont|sera|seront|a|ont|co-[a-zàâçéèêëîïôûùüœ]+|"
    r"accompagne|accueille|anime|apporte|assure|cofinance|conçoit|conduit|construit|contribue|"
    r"coordonne|diffuse|évalue|facilite|finance|forme|fournit|héberge|intervient|mène|met|"
    r"mobilise|ouvre|outille|participe|partage|pilote|porte|prend|propose|réalise|relaie|"
    r"soutient|suit|fera|aura|identifie|organise|conseille|informe|appuie|recrute|sensibilise|"
    r"produit|rédige|teste|expérimente|relit|analyse|étudie|observe|documente|capitalise|"
    r"mobilisent|apportent|participent|accompagnent|animent|assurent|contribuent)\b.*)$", re.DOTALL)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])|\s*;\s+(?=(?:[Ll]['’]|[Ll]e |[Ll]a |[Ll]es )[A-ZÀ-Ý])")


_BULLET = re.compile(r"^\s*[-•*–—▪·]\s+")
_PLACE_DATE = re.compile(r"^[A-ZÀ-Ý][\w'’ -]{1,40},\s+le\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}")
# an aside that names the organisation by its acronym: "(CRESS Occitanie)", "(ARIA)"
_ACRONYM_NAME = re.compile(r"^\s*[A-ZÀ-Ý]{2,}[A-ZÀ-Ý0-9&-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,4}\s*$")
# "Aract Occitanie : appui méthodologique. FRCUMA Occitanie : choix des CUMA." run together
_NAMED_SENTENCE = re.compile(r"^[A-ZÀ-Ý][^:.;]{1,100}?\s:\s\S")

# items of an enumeration: after ";", or a comma or "et" before an article and a name
_BRACKET_SPLIT = re.compile(r"\s*;\s*|(?<=\)),\s*|(?<=\))\s+et\s+")


def _trim_lead(name_part: str) -> str:
    """"Le consortium réunit l'Union des coopératives" -> "l'Union des coopératives"."""
    f = fold(name_part)
    m = _LEAD_VERB.match(f)
    if not m:
        return name_part
    words_before = len(f[: m.end()].split())
    tokens = name_part.split()
    # folding turns "l'Union" into "l union": count words the same way in the original
    out, seen = [], 0
    for t in tokens:
        seen += len(fold(t).split()) or 1
        if seen > words_before:
            out.append(t)
    rest = " ".join(out)
    if m.group(0).rstrip().endswith((" l", " d")) and tokens:
        rest = re.sub(r"^[lLdD]['’]", "", rest)
    return rest if rest and rest[:1].isupper() else name_part


@dataclass
class Partner:
    name: str
    contribution: str

    def to_contract(self) -> dict:
        return {"name": self.name, "contribution": self.contribution}


def _clean_name(name: str) -> str:
    n = re.sub(r"^[\s\-•*–—▪·\d.)]+", "", name).strip(" :;,.–—-\t")
    n = _ARTICLE.sub("", n).strip()
    return n[:1].upper() + n[1:] if n else n


def _clean_role(text: str) -> str:
    t = " ".join(text.split()).strip(" ,;:.–—-")
    # "dont la contribution attendue porte sur : X", "qui prendra en charge : X" -> X
    if ":" in t and len(t.split(":", 1)[0].split()) <= 8:
        t = t.split(":", 1)[1].strip(" ,;.")
    return t[:300]


def _split_named(line: str) -> list[str]:
    """"UIMM Lorraine : mise en relation, diffusion du kit Union régionale CFDT Grand Est :
    mobilisation des élus" (two "Name : role" lines a PDF ran together): split before the
    name that opens each later " : ", the first capitalised word after a lower-case one."""
    colons = [m.start() for m in re.finditer(r"\s:\s", line)]
    if len(colons) < 2 or ";" in line:
        return [line]  # an enumeration ("… : X ; enfin Y, qui … : …") is read as one
    cuts = []
    for prev, c in zip(colons, colons[1:], strict=False):
        span = line[prev + 3:c]
        words = list(re.finditer(r"[\w'’()-]+", span))
        for w0, w1 in zip(words, words[1:], strict=False):
            a, b = w0.group(0), w1.group(0)
            # the name runs to the colon without a comma ("les PMI, diffusion du kit" is role)
            if a[:1].islower() and a.lower() not in _CONNECT | {"les"} and b[:1].isupper() \
                    and words.index(w1) >= 2 and "," not in span[w1.start():]:
                cuts.append(prev + 3 + w1.start())
                break
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]


class PartnerReader:
    def __init__(self, org_words: Vocabulary, not_orgs: list[str] | None = None):
        self.org = org_words
        self.not_orgs = {fold(w) for w in (not_orgs or [])}

    def _plausible(self, name: str) -> bool:
        f = fold(name)
        if not f or len(name) > 120 or len(f.split()) > 12 or _INTRO.match(f) or f in self.not_orgs:
            return False
        if re.search(r"\s(?:est|sont|sera|seront|a été|ont été)\s", name):  # lower case: "Grand Est" is a name
            return False  # a sentence ("La lettre d'engagement est jointe"), not a name
        if find_amounts(name) or not name[:1].isupper() and not name[:1].isdigit():
            return False
        if _PLACE_DATE.match(name):
            return False  # "Quimper, le 23 août 2022 – pour la coopérative": a signature
        return any(c.isupper() for c in name) or self.org.matches(f, folded=True)

    def read(self, blocks: list[Block], inline_text: str = "") -> list[Partner]:
        out: list[Partner] = []
        for b in blocks:
            if b.kind == "table" and not any(find_amounts(c) for r in b.rows for c in r if c):
                out.extend(self._from_table(b.rows))  # a table with euros is a budget
        if not out:
            # a list item is marked as one ("– la Filpac-CGT mobilisera…": a sentence of its own)
            items = ([(inline_text, False)] if inline_text else []) + [
                (f"– {b.text}" if b.list_item and not _BULLET.match(b.text) else b.text, b.list_item)
                for b in blocks if b.kind != "table"]
            for j in range(len(items) - 1, 0, -1):
                prev, (text, listed) = items[j - 1][0].rstrip(), items[j]
                # "Fédération régionale (ARIA) :" then its role on the next line; prose cut
                # by a PDF's line break ("… de travail. L'Union départementale" / "CFDT de la
                # Moselle facilite …")
                cut = (not listed and not items[j - 1][1] and len(prev.split()) >= 8
                       and re.search(r"[.!?]\s", prev) and not re.search(r"[.!?:;]$", prev))
                if (prev.endswith(":") and text[:1].islower() and not listed) or cut:
                    items[j - 1:j + 1] = [(f"{prev} {text}", items[j - 1][1])]
            for p, _ in items:
                for line in re.split(r"\n|\s*[•▪◦●■►]\s*", p):  # bullets run together in a form cell
                    for part in _split_named(line):
                        out.extend(self._from_text(part))
        # a list whose entries give contributions, then bare lines: a signature block
        if sum(1 for p in out if p.contribution) >= 0.6 * len(out):
            while out and not out[-1].contribution:
                out.pop()
        seen: set[str] = set()
        unique: list[Partner] = []
        for partner in out:
            k = fold(partner.name)
            if k and k not in seen:
                seen.add(k)
                unique.append(partner)
        return unique

    def _from_table(self, rows: list[list[str]]) -> list[Partner]:
        if not rows:
            return []
        head = [fold(c or "") for c in rows[0]]
        name_col = next((j for j, h in enumerate(head) if _NAME_HEAD.matches(h, folded=True)), None)
        role_col = next((j for j, h in enumerate(head) if _ROLE_HEAD.matches(h, folded=True) and j != name_col), None)
        body = rows[1:] if name_col is not None or role_col is not None else rows
        if name_col is None:
            name_col = 0
        if role_col is None:
            role_col = next((j for j in range(len(rows[0])) if j != name_col), None)
        out = []
        for r in body:
            name = _clean_name(r[name_col] if name_col < len(r) else "")
            role = (r[role_col] if role_col is not None and role_col < len(r) else "").strip()
            if name and self._plausible(name):
                out.append(Partner(name, " ".join(role.split())))
        return out

    def _from_text(self, line: str) -> list[Partner]:
        """A list line, or an enumeration split on ';' after its introduction."""
        text = line.strip()
        if not text or text.endswith(":") or len(find_amounts(text)) > 0:
            return []
        head, sep, tail = text.partition(":")
        if sep and (_INTRO.match(fold(head)) or "partenaire" in fold(head)) and len(head.split()) >= 2 \
                and not re.search(r"\.\s+[A-ZÀ-Ý]", head):  # one sentence, not "… partenaires. Kairn Labs :"
            text = tail.strip()  # "Le projet s'appuie sur plusieurs partenaires : ..."
        pairs = self._subjects(text) or self._name_sentence_pairs(text) or self._bracketed(text)
        if pairs:
            return pairs
        sentences = re.split(r"(?<=\.)\s+(?=[A-ZÀ-Ý])", text)
        if len(sentences) >= 2 and all(_NAMED_SENTENCE.match(s) for s in sentences[1:]):
            # one "Name : role." each, after an introduction ("Le projet est porté par …")
            named = sentences if _NAMED_SENTENCE.match(sentences[0]) else sentences[1:]
            return [p for s in named for p in self._from_text(s)]
        items = [i for i in re.split(r"\s*;\s*", text) if i.strip()]
        if len(items) == 1 and len(_NEXT_ORG.findall(text)) >= 2:
            # "réunit l'Union X, qui ..., l'Aract Y, qui ..., et le Lycée Z, qui ..."
            items = [i for i in _ENTITY_SPLIT.split(text) if i.strip()]
        out: list[Partner] = []
        for item in items:
            found = self._from_item(item)
            out.extend(found if found is not None else self._from_prose(item))
        return out

    def _bracketed(self, text: str) -> list[Partner]:
        """"l'Aract Occitanie (co-animation), le cabinet Ergonomia (diagnostic) et
        l'Université X, laboratoire Y (évaluation)": each name with its role in brackets."""
        items = [i for i in _BRACKET_SPLIT.split(text.strip().rstrip(".")) if i and i.strip()]
        out = []
        for item in items:
            m = re.fullmatch(r"\s*(?:et\s+|ainsi que\s+|enfin\s+)?(.+?)\s*\(([^()]{2,200})\)\s*", item)
            if not m:
                return []
            name = _clean_name(_trim_lead(m.group(1)))
            if not self._plausible(name):
                return []
            out.append(Partner(name, _clean_role(m.group(2))))
        return out if len(out) >= 2 else []

    def _subjects(self, text: str) -> list[Partner]:
        """Prose where each sentence's subject is a partner ("L'Aract Occitanie apportera
        …. La CPME du Rhône mobilisera …"): two such sentences or more, and no other
        sentence naming anyone another way (one without names, "Le projet sera présenté
        aux élus", is passed over)."""
        out = []
        # a list item is a sentence of its own: "– la Filpac-CGT Bretagne mobilisera les élus ;"
        bulleted = _BULLET.match(text)
        text = text[bulleted.end():].rstrip(" ;") if bulleted else text
        for sentence in (s.strip() for s in _SENTENCE.split(text.strip())):
            sentence = _LEAD.sub("", re.sub(r"^(?:enfin|puis|par ailleurs|de plus|en outre),\s*", "", sentence,
                                            flags=re.IGNORECASE))
            m = _SUBJECT.match(sentence) if ":" not in sentence else None
            raw = m.group("name") if m else ""
            if m and (raw[:1].isupper() or self.org.matches(raw.split()[0])):
                name = _clean_name(raw)
                aside = m.group("aside") or ""
                if _ACRONYM_NAME.match(aside):
                    name = f"{name} ({aside.strip()})"  # "La Chambre régionale … (CRESS Occitanie)"
                if self._plausible(name) and len(name.split()) <= 10:
                    out.append(Partner(name, _clean_role(m.group("rest"))))
                    continue
            if any(w[:1].isupper() for w in sentence.split()[1:]):
                return []  # a sentence naming someone another way: not this layout
        return out if len(out) >= (1 if bulleted else 2) else []

    def _name_sentence_pairs(self, text: str) -> list[Partner]:
        """"Aract X. Regard méthodologique. Union Y. Mobilisation des élus." run together:
        names and contributions alternate, one sentence each."""
        sentences = [x.strip() for x in re.split(r"\.\s+(?=[A-ZÀ-Ý])", text.strip().rstrip(".")) if x.strip()]
        if len(sentences) < 4 or len(sentences) % 2:
            return []
        names = sentences[0::2]
        if not all(self._plausible(_clean_name(n)) and len(n.split()) <= 10 for n in names):
            return []
        return [Partner(_clean_name(n), c) for n, c in zip(names, sentences[1::2], strict=True)]

    def _from_item(self, item: str) -> list[Partner] | None:
        """"NAME, qui ... : X" / "NAME : X" / "NAME (sigle) – X"; None when the item does
        not start with a name."""
        item = re.sub(r"^[\s\-•*–—▪·]+", "", item)
        item = _LEAD.sub("", item)
        m = _ROLE_START.search(item)
        name_part = _trim_lead(item[: m.start()] if m else item)
        rest = item[m.end() :] if m else ""
        role_word = m.group(0).strip(" ,:–—-") if m else ""
        name = _clean_name(name_part)
        # a parenthesis right after the name belongs to it: "Université de Bordeaux (équipe X)"
        if not self._plausible(name) or len(name.split()) > 12:
            return None
        if role_word and role_word.lower() not in ("qui", "dont", "pour", "avec"):
            rest = f"{role_word} {rest}"
        return [Partner(name, _clean_role(rest))]

    def _from_prose(self, text: str) -> list[Partner]:
        """Organisation names introduced by an organisation word, or acronyms; the
        contribution is what the sentence says up to the next organisation."""
        spans: list[tuple[int, int]] = []
        tokens = list(re.finditer(r"[\wÀ-ÿ'’\-]+|[,;.()]", text))
        i = 0
        while i < len(tokens):
            w = tokens[i].group(0)
            bare = re.sub(r"^[lLdD]['’]", "", w)
            is_org = self.org.matches(bare) and bare[:1].isupper()
            is_acr = len(bare) >= 3 and bare.isupper() and bare.isalpha() and fold(bare) not in self.not_orgs
            if not (is_org or is_acr):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                t = tokens[j].group(0)
                nxt = tokens[j + 1].group(0) if j + 1 < len(tokens) else ""
                after = tokens[j + 2].group(0) if j + 2 < len(tokens) else ""
                if (t[:1].isupper() or t[:1].isdigit() or _ADJECTIVE.match(t)
                        or (t.lower() in _CONNECT and (nxt[:1].isupper() or _ADJECTIVE.match(nxt)))):
                    j += 1
                    continue
                if t.lower() in _CONNECT and nxt.lower() in _CONNECT and after[:1].isupper():
                    j += 2  # "Union départementale CFDT de la Moselle"
                    continue
                if t.lower() in _CONNECT and re.match(r"^[lLdD]['’][A-ZÀ-Ý]", nxt):
                    j += 1  # "Chambre de l'Artisanat"
                    continue
                break
            spans.append((tokens[i].start() + (len(w) - len(bare)), tokens[j - 1].end()))
            i = j
        out: list[Partner] = []
        for k, (start, end) in enumerate(spans):
            name = _clean_name(text[start:end])
            limit = spans[k + 1][0] if k + 1 < len(spans) else len(text)
            after = text[end:limit]
            stop = re.search(r"[;.]", after)
            contribution = after[: stop.start()] if stop else after
            contribution = re.sub(r"[,\s]*(?:et|ainsi que)?\s*(?:sur|avec|de|par|aupres de)?\s*(?:l['’]|le|la|les)?\s*$",
                                  "", contribution)
            contribution = re.sub(r"^[,\s]*(?:qui|dont)\s+", "", contribution.strip(" ,:–—-()"))
            if name and fold(name) not in ("anact", "la fabrique cto") and len(name) > 2:
                out.append(Partner(name, _clean_role(contribution)))
        return out
