"""Partners named in the partners part, with their expected contribution.

From a table ("Partenaire | Contribution"), a list ("Aract Occitanie : co-animation des
ateliers") or prose ("l'Aract Bretagne, qui co-animera les ateliers, et l'Université de
Rennes 2, chargée de l'évaluation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block
from .vocab import Vocabulary, fold

_NAME_HEAD = Vocabulary(["partenaire*", "structure*", "organisme*", "organisation*", "nom", "acteur*",
                         "etablissement*", "entite*", "institution*"])
_ROLE_HEAD = Vocabulary(["contribution*", "role*", "apport*", "mission*", "implication", "engagement*",
                         "participation", "fonction*", "actions", "intervention"])
_INTRO = re.compile(
    r"^(?:nous|notre|nos|le projet|ce projet|les partenaires|la demarche|il|ils|elle|elles|chaque|"
    r"l ensemble|en outre|par ailleurs|enfin|ainsi|de plus|ces|cette|ce|un|une|des|plusieurs|"
    r"d autres|leur|leurs|pour|afin|dans|avec|les structures|les acteurs|contribution|role|aucun)\b"
)
_SEP = re.compile(r"\s*(?::|\s[–—-]\s|\s*\(|,\s*(?:qui|dont|charge|chargee|en charge|pour)\b)\s*")
_ARTICLE = re.compile(r"^(?:l'|l’|le |la |les |un |une |des |du |de l'|de la )", re.IGNORECASE)
_CONNECT = {"de", "du", "des", "d", "la", "le", "l", "et", "en", "pour", "sur", "à", "au", "aux"}


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


def _plausible(name: str, org_words: Vocabulary) -> bool:
    f = fold(name)
    if not f or len(name) > 90 or len(f.split()) > 10 or _INTRO.match(f):
        return False
    return any(c.isupper() for c in name) or org_words.matches(f, folded=True)


class PartnerReader:
    def __init__(self, org_words: Vocabulary):
        self.org = org_words

    def read(self, blocks: list[Block], inline_text: str = "") -> list[Partner]:
        out: list[Partner] = []
        for b in blocks:
            if b.kind == "table":
                out.extend(self._from_table(b.rows))
        if not out:
            paras = ([inline_text] if inline_text else []) + [b.text for b in blocks if b.kind != "table"]
            for p in paras:
                for line in p.splitlines():
                    out.extend(self._from_line(line))
        seen: set[str] = set()
        unique = []
        for p in out:
            k = fold(p.name)
            if k and k not in seen:
                seen.add(k)
                unique.append(p)
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
            if name and _plausible(name, self.org) and not re.search(r"\d{3}", name):
                out.append(Partner(name, " ".join(role.split())))
        return out

    def _from_line(self, line: str) -> list[Partner]:
        text = line.strip()
        if not text:
            return []
        if _INTRO.match(fold(text)) and text.rstrip().endswith(":"):
            return []  # "Les partenaires mobilisés sont les suivants :"
        m = _SEP.search(text)
        if m and 0 < m.start() <= 90 and not _INTRO.match(fold(text[: m.start()])):
            name = _clean_name(text[: m.start()])
            rest = text[m.end() :].strip()
            if m.group(0).strip().startswith("("):
                close = rest.find(")")
                rest = rest[close + 1 :].lstrip(" :–—-,") if close >= 0 else rest
            if _plausible(name, self.org) and (rest or len(name.split()) <= 6) and len(name.split()) <= 8:
                return [Partner(name, " ".join(rest.split()).rstrip(" ;."))]
        return self._from_prose(text)

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
            is_acr = len(bare) >= 3 and bare.isupper() and bare.isalpha()
            if not (is_org or is_acr):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                t = tokens[j].group(0)
                nxt = tokens[j + 1].group(0) if j + 1 < len(tokens) else ""
                if t[:1].isupper() or t[:1].isdigit() or (t.lower() in _CONNECT and nxt[:1].isupper()):
                    j += 1
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
            contribution = re.sub(r"[,\s]*(?:et|ainsi que)?\s*(?:sur|avec|de|par|aupres de)?\s*(?:l['’]|le|la|les)?\s*$", "", contribution)
            contribution = contribution.strip(" ,:–—-()")
            if name and fold(name) not in ("anact", "la fabrique cto") and len(name) > 2:
                out.append(Partner(name, " ".join(contribution.split())[:300]))
        return out
