"""The French terminal report of `inspect`, rendered from templates/report/."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from intake.config import TEMPLATES
from intake.vocabulary import (
    ATTACHMENT_STATUS,
    DECISION_LABELS,
    DECISION_VERDICTS,
    agreed,
    category_labels,
    euros,
    long_date,
    percent,
)
from parsers.dates import describe_schedule


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["euros"] = _figure(euros)
    env.filters["percent"] = _figure(percent)
    env.filters["when"] = _when
    env.filters["calendar"] = describe_schedule
    return env


def _figure(fmt):
    """A template filter for a contract float (or null) written the French way."""
    return lambda v: "—" if v is None else fmt(Decimal(str(v)))


def _when(iso: str | None) -> str:
    """"2022-08-10T11:14:50+02:00" -> "10 août 2022 à 11 h 14 (+02:00)"."""
    if not iso:
        return "(sans date)"
    dt = datetime.fromisoformat(iso)
    return f"{long_date(dt)} à {dt:%H} h {dt:%M} ({dt:%z}"[:-2] + ":" + f"{dt:%z}"[-2:] + ")"


def render_summary(results: list) -> str:
    """One line per message and the count per decision, after several reports."""
    counts: dict[str, int] = {}
    for r in results:
        counts[r.dossier["decision"]] = counts.get(r.dossier["decision"], 0) + 1
    lines = ["", f" Bilan : {len(results)} {agreed(len(results), 'courriel analysé')}"]
    lines += [f"   {n:3d}  {DECISION_LABELS.get(d, d)}" for d, n in sorted(counts.items())]
    return "\n".join(lines) + "\n"


def render_report(result, name: str, config) -> str:
    d = result.dossier
    return _env().get_template("report/inspect.txt.j2").render(
        name=name, d=d, call=config.call, decisions=DECISION_VERDICTS, statuses=ATTACHMENT_STATUS,
        categories=category_labels(config.call),
        blocking=[f for f in d["flags"] if f["severity"] == "blocking"],
        warnings=[f for f in d["flags"] if f["severity"] == "warning"],
    ).rstrip() + "\n"
