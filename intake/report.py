"""The French terminal report of `inspect`, rendered from templates/report/."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .rules import euros, percent

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
DECISIONS = {
    "complete": "COMPLET : la proposition peut être accusée en réception.",
    "incomplete": "INCOMPLET : des éléments sont à demander au porteur.",
    "needs_review": "À VÉRIFIER : une pièce illisible peut contenir ce qui manque.",
    "late": "HORS DÉLAI : reçu après la date limite.",
    "not_a_proposal": "PAS UNE CANDIDATURE : question, réponse automatique ou message d'erreur.",
}
STATUSES = {"parsed": "lu", "scanned": "numérisé", "encrypted": "protégé", "unreadable": "illisible",
            "unsupported": "format non pris en charge", "skipped": "ignoré"}
CATEGORIES = {"personnel": "Personnel", "deplacements_logistique": "Déplacements et logistique",
              "prestations": "Prestations", "autre": "Autre (non éligible)", "cofinancement": "Co-financement"}


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["euros"] = lambda v: "—" if v is None else euros(__import__("decimal").Decimal(str(v)))
    env.filters["percent"] = lambda v: "—" if v is None else percent(__import__("decimal").Decimal(str(v)))
    return env


def render_report(result, name: str, config) -> str:
    d = result.dossier
    return _env().get_template("report/inspect.txt.j2").render(
        name=name, d=d, call=config.call, decisions=DECISIONS, statuses=STATUSES, categories=CATEGORIES,
        blocking=[f for f in d["flags"] if f["severity"] == "blocking"],
        warnings=[f for f in d["flags"] if f["severity"] == "warning"],
    ).rstrip() + "\n"
