"""Where a queue search matched, for the secretariat to see why a dossier is listed: the
words of the search marked in the title or the applicant, or, when they are found only in
the documents, the place (a part, the partners, the budget, a file) and a short excerpt
around the first word. Pure functions of the dossier and the search; the page marks the
words with <mark>."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import Markup, escape

from intake import vocabulary

AROUND = 45  # characters of context on each side of the word found


def words_of(q: str) -> list[str]:
    """The search's words and "quoted phrases", as the queue's filter reads them."""
    return [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', q or "")][:8]


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    words = [w for w in words if w.strip()]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def marked(text: str | None, q: str) -> Markup:
    """`text` escaped, each word of the search in <mark>."""
    text = text or ""
    pattern = _pattern(words_of(q))
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last:m.start()]), Markup("<mark>"), escape(m.group(0)), Markup("</mark>")]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _places(data: dict, call=None) -> Iterator[tuple[str, str]]:
    """(where, text) of the dossier's readable text, in the order a reader meets it."""
    titles = vocabulary.section_titles(call)
    for sid, s in (data.get("sections") or {}).items():
        if isinstance(s, dict):
            for key in ("heading", "excerpt"):
                if s.get(key):
                    yield f"partie « {titles.get(sid, sid)} »", str(s[key])
    for p in data.get("partners") or []:
        if isinstance(p, dict):
            yield "partenaires", " : ".join(str(p[k]) for k in ("name", "contribution") if p.get(k))
    budget = data.get("budget") or {}
    for line in budget.get("lines") or []:
        if isinstance(line, dict) and line.get("label"):
            yield "budget", str(line["label"])
    for src in (budget.get("cofinancing") or {}).get("sources") or []:
        if isinstance(src, dict) and src.get("label"):
            yield "co-financements", str(src["label"])
    for a in data.get("attachments") or []:
        if isinstance(a, dict) and a.get("filename"):
            yield "pièce jointe", str(a["filename"])
    message = data.get("message") or {}
    if message.get("subject"):
        yield "objet du courriel", str(message["subject"])


def hit(data: dict, shown: list[str], q: str, call=None) -> tuple[str, str] | None:
    """Where the first word of the search not already visible in `shown` (the title, the
    applicant) is found in the dossier, and the excerpt around it; None when every word
    shows in the row itself."""
    seen = " ".join(s for s in shown if s).casefold()
    for word in words_of(q):
        if word.casefold() in seen:
            continue
        pattern = _pattern([word])
        assert pattern is not None
        for where, text in _places(data, call):
            m = pattern.search(text)
            if m is None:
                continue
            start, end = max(0, m.start() - AROUND), min(len(text), m.end() + AROUND)
            excerpt = " ".join(text[start:end].split())
            return where, ("…" if start else "") + excerpt + ("…" if end < len(text) else "")
    return None
