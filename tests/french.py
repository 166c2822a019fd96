"""A checker of French agreement for what the service writes: a count and its noun, a
determiner and its noun (number and gender), a participle and the noun it follows. Not
a grammar: the nouns the pages and emails count or name, and the mistakes a template
with a variable number makes ("2 dossier", "1 pièces", "votre candidature … reçu")."""

from __future__ import annotations

import html
import re

# noun -> (gender, plural), for the nouns the service's texts count or name
NOUNS = {
    "partie": ("f", "parties"), "pièce": ("f", "pièces"), "candidature": ("f", "candidatures"),
    "empreinte": ("f", "empreintes"), "dépense": ("f", "dépenses"), "alerte": ("f", "alertes"),
    "demande": ("f", "demandes"), "proposition": ("f", "propositions"), "bloquante": ("f", "bloquantes"),
    "réponse": ("f", "réponses"), "correction": ("f", "corrections"), "note": ("f", "notes"),
    "organisation": ("f", "organisations"),
    "document": ("m", "documents"), "message": ("m", "messages"), "envoi": ("m", "envois"),
    "dossier": ("m", "dossiers"), "élément": ("m", "éléments"), "courriel": ("m", "courriels"),
    "point": ("m", "points"), "partenaire": ("m", "partenaires"), "avertissement": ("m", "avertissements"),
    "fichier": ("m", "fichiers"), "projet": ("m", "projets"),
}
_SINGULAR = {p: s for s, (_g, p) in NOUNS.items()}
_NUMBERS = r"(?:[2-9]|[1-9]\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_PLURAL_DET = r"(?:ces|les|des|vos|nos|leurs|plusieurs|certaines|certains)"
_FEM_DET = r"(?:une|la|cette|aucune|toute)"
_MASC_DET = r"(?:un|le|ce|cet|aucun|tout)"
_SING_DET = r"(?:un|une|le|la|ce|cet|cette|votre|notre|chaque|aucun|aucune)"


def _words(forms) -> str:
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


_SINGULARS, _PLURALS = _words(NOUNS), _words(_SINGULAR)
_FEMININE = _words(n for n, (g, _p) in NOUNS.items() if g == "f")
_MASCULINE = _words(n for n, (g, _p) in NOUNS.items() if g == "m")

# what a count may be followed by besides a noun: the labels of states ("13 incomplets")
STATES = ("complet", "incomplet", "envoyé", "retiré", "écarté", "transmis", "coché", "examiné", "marqué", "validée",
          "validé", "écartée", "envoyée", "relevée", "levée", "déporté")

RULES = [
    ("un nombre pluriel devant un état au singulier",
     re.compile(rf"(?<![\d,.:/\u202f-])(?<!\d )\b{_NUMBERS} {_words(STATES)}\b(?!s)")),
    ("un déterminant pluriel devant « 1 »", re.compile(r"\b(?:les|ces|des) 1\b(?![\d,])")),
    ("un nombre pluriel devant un nom au singulier", re.compile(rf"(?<![\d,.:/\u202f-])(?<!\d )\b{_NUMBERS} {_SINGULARS}\b")),
    ("« 1 » ou « un » devant un nom au pluriel", re.compile(rf"(?<![\d,.:/\u202f-])(?<!\d )\b(?:1|un|une) {_PLURALS}\b")),
    ("un déterminant pluriel devant un nom au singulier", re.compile(rf"\b{_PLURAL_DET} {_SINGULARS}\b")),
    ("un déterminant singulier devant un nom au pluriel", re.compile(rf"\b{_SING_DET} {_PLURALS}\b")),
    ("un déterminant féminin devant un nom masculin", re.compile(rf"\b{_FEM_DET} {_MASCULINE}\b")),
    ("un déterminant masculin devant un nom féminin", re.compile(rf"\b{_MASC_DET} {_FEMININE}\b")),
    ("« candidature » suivie d'un participe au masculin",
     re.compile(r"\bcandidature(?: [^.;:()«»–\n]{0,60})?,? (?<!avons )(?<!bien )"
                r"(?:reçu|enregistré|examiné|transmis)\b(?![eé])")),
    ("« envois » suivis d'un participe au singulier", re.compile(r"\benvois\b[^.;:]{0,80}?\benregistré\b(?!s)")),
]


def visible_text(page: str) -> str:
    """An HTML page's text as read: tags out, entities decoded, spaces plain."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"[\s\u00a0\u202f]+", " ", html.unescape(page))


def agreement_problems(text: str) -> list[str]:
    """Each place the text breaks one of RULES: "<rule> : « … »"."""
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    out = []
    for why, rule in RULES:
        for m in rule.finditer(text):
            out.append(f"{why} : « {text[max(0, m.start() - 30):m.end() + 30].strip()} »")
    return out
