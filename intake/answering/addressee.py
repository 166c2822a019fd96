"""Who an answer greets: the person by name when the sender's display name is a person's
name that their address confirms ("Thomas Keller" <thomas.keller@…>, <tkeller@…>),
"Madame, Monsieur" otherwise. A display name alone may be an organisation ("Vox
Travail"), a role ("Service RH") or a colleague's: without the address agreeing, the
answer stays formal rather than greet the wrong person."""

from __future__ import annotations

import re
import unicodedata

FORMAL = "Madame, Monsieur"
_TITLES = {"m", "mr", "mme", "mlle", "dr", "pr", "me", "monsieur", "madame"}
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _natural(word: str) -> str:
    """KELLER -> Keller, JEAN-PIERRE -> Jean-Pierre; mixed case kept as written."""
    if word.isupper() and len(word) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


# Words that name an organisation or a role, not a person (folded).
_NOT_A_PERSON = {
    "association", "asso", "cabinet", "conseil", "conseils", "consulting", "institut", "laboratoire", "labo",
    "service", "services", "groupe", "sarl", "sas", "sa", "scop", "agence", "centre", "universite", "ecole",
    "federation", "syndicat", "chambre", "mairie", "commune", "region", "departement", "fondation", "reseau",
    "collectif", "cooperative", "direction", "secretariat", "contact", "equipe", "projet", "projets", "travail",
    "sante", "formation", "rh", "cfdt", "cgt", "fo", "cfe", "cgc", "cftc", "unsa", "aract", "anact", "cci", "cma",
}


def person_name(display_name: str, address: str) -> str | None:
    """The person's name as they write it, when the address confirms it; else None."""
    words = [w.strip(".,") for w in re.sub(r"\(.*?\)|\".*?\"", " ", display_name or "").split()]
    words = [w for w in words if w and _fold(w).rstrip(".") not in _TITLES]
    if not 2 <= len(words) <= 4 or not all(_WORD.match(w) for w in words):
        return None
    pieces = [x for w in words for x in re.split(r"[-'’]", _fold(w)) if x]
    if any(p in _NOT_A_PERSON for p in pieces):
        return None
    local = _fold((address or "").partition("@")[0])
    parts = [p for p in re.split(r"[._+\-]", local) if p]
    compact = "".join(parts)
    confirmed = all(p in parts for p in pieces) or any(
        len(w) >= 3 and compact in {initials + w, w + initials}
        for i, w in enumerate(pieces)
        for initials in ["".join(p[0] for p in pieces[:i] + pieces[i + 1:])])
    if not confirmed:
        return None
    # "KELLER Thomas": the surname in capitals, said after the first name
    caps = [w for w in words if w.isupper() and len(w) > 1]
    if caps and len(caps) < len(words):
        words = [w for w in words if w not in caps] + caps
    return " ".join(_natural(w) for w in words)


def greeting(display_name: str, address: str) -> str:
    """The first line of an answer, without its comma."""
    name = person_name(display_name, address)
    return f"Bonjour {name}" if name else FORMAL
