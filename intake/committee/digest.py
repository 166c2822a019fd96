"""The committee's papers: a PDF summary per proposal and one bound pack for a meeting.

Everything is read from `intake.committee.summaries` committee views (the shape the web pages read
too) and laid out by templates/summary/ with WeasyPrint. The summary of one proposal is
`templates/summary/_proposal.html`, which the web app's committee page includes as well:
`proposal_context` prepares what it reads (French strings, charts as SVG) so that the
template itself needs only the web app's filters. Evidence, never a verdict: the pages
quote the proposal with the place of each quote and say plainly what was not found.

`fabrique-intake digest --out DIR` writes DIR/<REF>.pdf for each released dossier, the
pack DIR/dossier-comite.pdf, and DIR/comparaison.xlsx when intake.committee.comparison exists;
`--email` sends the pack to `[committee] recipients`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup

from intake import vocabulary
from intake.answering import envelope
from intake.answering.mail_settings import answer_settings, smtp_settings
from intake.answering.mailer import DeliveryError, FileOutbox, make_transport
from intake.committee import comparison
from intake.committee.charts import budget_bars, cut_at_word, funding_split
from intake.committee.summaries import settings_of, views_of_released
from intake.config import TEMPLATES, Config, ConfigError, config_data
from parsers.dates import describe_schedule
from parsers.vocab import fold

PACK_NAME = "dossier-comite.pdf"
COMPARISON_NAME = "comparaison.xlsx"
DEFAULT_TITLE = "Dossier du comité de sélection"
NOT_FOUND = "Non trouvé dans la proposition"
UNREAD = "Non relu : résumé indisponible"
NATURES = vocabulary.SOURCE_NATURES
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


# ------------------------------------------------------------------ [committee] settings

@dataclass(frozen=True)
class CommitteeSettings:
    """config.toml [committee]: who receives the pack, the call's envelope (for the
    funding simulation) and the pack's title."""

    recipients: tuple[str, ...] = ()
    envelope_euros: float | None = None
    title: str = DEFAULT_TITLE


def committee_settings(config: Config) -> CommitteeSettings:
    table = config_data(config).get("committee", {})
    if not isinstance(table, dict):
        raise ConfigError("config: « committee » doit être une table ([committee]).")
    recipients = table.get("recipients", [])
    if not isinstance(recipients, list) or not all(isinstance(r, str) and "@" in r for r in recipients):
        raise ConfigError("config: « committee.recipients » doit être une liste d'adresses électroniques "
                          '(par exemple ["membre@exemple.fr"]).')
    envelope = table.get("envelope_euros")
    if envelope is not None and (isinstance(envelope, bool) or not isinstance(envelope, int | float)
                                 or envelope <= 0):
        raise ConfigError("config: « committee.envelope_euros » doit être un montant positif en euros.")
    title = table.get("title", DEFAULT_TITLE)
    if not isinstance(title, str) or not title.strip():
        raise ConfigError("config: « committee.title » doit être un texte non vide.")
    return CommitteeSettings(tuple(r.strip() for r in recipients),
                             None if envelope is None else float(envelope), title.strip())


# ------------------------------------------------------------------ what the template reads

@lru_cache(maxsize=1)
def environment() -> Environment:
    """The same loader layout and filters as the web app's ("summary/<name>.html"), so
    the partial renders identically in both."""
    env = Environment(loader=PrefixLoader({"summary": FileSystemLoader(str(TEMPLATES / "summary"))}),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(paris=vocabulary.paris, euros=vocabulary.euros, percent=vocabulary.percent)
    env.filters["css_string"] = css_string
    env.globals.update(L=vocabulary)
    return env


def css_string(value) -> Markup:
    """Text safe inside a CSS string ("…"): the page footers quote the programme's name."""
    text = " ".join(str(value or "").split())
    return Markup("".join(c if c.isalnum() or c in " -–—_.,:;'()«»/" else f"\\{ord(c):x} " for c in text))


def french_date(value) -> str | None:
    """'2022-10-01' -> '1er octobre 2022'; None when unknown or unreadable."""
    if not value:
        return None
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


def place(file: str | None, heading: str | None, main_file: str | None = None) -> str:
    """Where a quote comes from: 'file, « heading »'; the file is left out when it is the
    proposal's main file (named once at the top of the parts), unless nothing else is known."""
    heading = f"« {' '.join(heading.split())} »" if heading and heading.strip() else ""
    file = (file or "").strip()
    if file and file == main_file and heading:
        file = ""
    return ", ".join(b for b in (file, heading) if b) or "emplacement non indiqué"


def _clip(text: str, n: int) -> str:
    return cut_at_word(" ".join(str(text).split()), n)


def _short(text: str, words: int = 7) -> str:
    cut = text.split()
    return text if len(cut) <= words + 2 else " ".join(cut[:words]).rstrip(",;:") + "…"


class _Quoter:
    """Quotes as the template shows them: each with its place. A passage already quoted
    higher up (a criterion often rests on a sentence of a part) is not repeated: it
    points back to the first quote, which gets a number ("[3]") for that purpose."""

    def __init__(self, main_file: str | None) -> None:
        self.main_file = main_file
        self.first: dict[str, dict] = {}
        self.order: list[dict] = []

    def __call__(self, items, where: str) -> list[dict]:
        out = []
        for q in items or []:
            text = " ".join((q.get("text") or "").split())
            if not text:
                continue
            key = text.casefold()
            first = self.first.get(key)
            if first is not None and first["where"] == where:
                continue  # the same sentence twice under one heading
            row = {"text": text, "where": where, "n": None, "first": first,
                   "place": place(q.get("file"), q.get("heading"), self.main_file),
                   "cues": list(q.get("cues") or [])}
            if first is None:
                self.first[key] = row
                self.order.append(row)
            else:
                first["n"] = 0  # numbered below
            out.append(row)
        return out

    def number(self) -> None:
        """Number, in reading order, the quotes something points back to."""
        n = 0
        for row in self.order:
            if row["n"] is not None:
                n += 1
                row["n"] = n


def _main_file(summary: dict) -> str | None:
    """The file most quotes come from (named once rather than after every quote)."""
    counts: dict[str, int] = {}
    for group in [p.get("sentences") for p in summary.get("parts") or []] + [
            c.get("passages") for c in (summary.get("criteria") or []) + [summary.get("commitment") or {}]]:
        for q in group or []:
            if q.get("file"):
                counts[q["file"]] = counts.get(q["file"], 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None


def _identity(view: dict) -> dict:
    ident = view.get("identity") or {}
    budget = view.get("budget") or {}
    dates = describe_schedule({"start": ident.get("start"), "end": ident.get("end")})
    territories = []
    for t in ident.get("territories") or []:
        kind = t.get("kind") or ""
        region = t.get("region") if t.get("region") and t.get("region") != t.get("name") else ""
        territories.append(f"{t.get('name')} ({kind}{', ' + region if region else ''})" if kind else t.get("name"))
    cof = budget.get("cofinancing") or {}
    return {
        "applicant": ident.get("applicant"),
        "kind": ident.get("applicant_kind_label") if ident.get("applicant_kind") not in (None, "", "inconnu") else None,
        "kind_evidence": [_clip(e, 160) for e in list(ident.get("applicant_evidence") or [])[:1]],
        "dates": dates,
        "duration": ident.get("duration"),
        "territories": territories,
        "targets": [{"label": t.get("target"),
                     "cues": ", ".join(dict.fromkeys(  # no pattern syntax, even in a summary stored earlier
                         c.replace("*", "") for c in t.get("cues") or []
                         if c.replace("*", "").casefold() != (t.get("target") or "").casefold()))}
                    for t in ident.get("targets") or []],
        "targets_stated": [{"text": t.get("text"), "place": place(t.get("file"), t.get("heading"))}
                           for t in ident.get("targets_stated") or [] if t.get("text")],
        "total_cost": budget.get("total_cost"),
        "anact_request": budget.get("anact_request"),
        "cofinancing": cof.get("amount"),
        "share": cof.get("share"),
    }


def _funding(view: dict) -> list[dict]:
    """The funding split as rows: the Anact request, then each co-financing source, each
    with its share of the project's total cost."""
    budget = view.get("budget") or {}
    cof = budget.get("cofinancing") or {}
    total = budget.get("total_cost")
    anact = budget.get("anact_request")

    def share(v):
        return None if not total or v is None else v / total

    rows = [{"label": "Demande à l'Anact", "nature": "", "amount": anact, "share": share(anact), "anact": True}]
    for s in cof.get("sources") or []:
        label = s.get("label") or "Source non nommée"
        rows.append({"label": label, "amount": s.get("amount"), "nature": _nature_unsaid(label, s.get("nature")),
                     "share": share(s.get("amount")), "anact": False})
    return rows


def _nature_unsaid(label: str, nature: str | None) -> str:
    """The source's nature in words, unless its own label already says it ("Mise à
    disposition de locaux (en nature)" is not followed by "(apport en nature)")."""
    words = NATURES.get(nature or "", nature or "")
    key = fold(words).split()[-1] if words else ""
    return "" if key and key in fold(label).split() else words


def _partners(view: dict) -> list[dict]:
    """Partners with their kind (from the summary) and their contribution (from the
    dossier, as the secretariat may have corrected it)."""
    summary = view.get("summary") or {}
    kinds = {(p.get("name") or "").casefold(): p for p in summary.get("partners") or []}
    out = []
    for p in view.get("partners") or []:
        k = kinds.get((p.get("name") or "").casefold(), {})
        out.append({"name": p.get("name") or "—", "contribution": p.get("contribution") or k.get("contribution") or "",
                    "kind": k.get("kind_label") or "nature non déterminée"})
    if not out:  # a dossier without the contract's partners list: the summary's own reading
        out = [{"name": p.get("name") or "—", "contribution": p.get("contribution") or "",
                "kind": p.get("kind_label") or "nature non déterminée"} for p in summary.get("partners") or []]
    return out


def _parts(view: dict, call, quoter: _Quoter) -> list[dict]:
    titles = vocabulary.section_titles(call if getattr(call, "sections", None) else None)
    summary = view.get("summary") or {}
    found = {p.get("id"): p for p in summary.get("parts") or []}
    order = list(getattr(call, "sections", {}) or {}) or list(found) or list(titles)
    out = []
    for sid in order:
        p = found.get(sid) or {}
        title = titles.get(sid, sid)
        quotes = quoter(p.get("sentences"), title)
        common = {q["place"] for q in quotes}
        out.append({"id": sid, "title": title, "present": bool(p.get("present")),
                    "place": common.pop() if len(common) == 1 else None,
                    "quotes": quotes})
    return out


def _criteria(view: dict, settings, quoter: _Quoter) -> list[dict]:
    summary = view.get("summary") or {}
    found = {c.get("id"): c for c in summary.get("criteria") or []}
    specs = [(c.id, c.label) for c in getattr(settings, "criteria", [])] or [
        (c.get("id"), c.get("label")) for c in summary.get("criteria") or []]
    out = []
    for n, (cid, label) in enumerate(specs, 1):
        c = found.get(cid) or {}
        out.append({"id": cid, "label": label, "quotes": quoter(c.get("passages"), f"critère {n}"),
                    "facts": list(c.get("facts") or []), "commitment": False})
    cm = summary.get("commitment")
    spec = getattr(settings, "commitment", None)
    if cm or spec is not None:
        cm = cm or {}
        out.append({"id": cm.get("id") or getattr(spec, "id", "communs"),
                    "label": getattr(spec, "label", None) or cm.get("label") or "Engagement « communs »",
                    "quotes": quoter(cm.get("passages"), "engagement"), "facts": list(cm.get("facts") or []),
                    "commitment": True})
    return out


def _flags(view: dict) -> tuple[list[dict], list[dict]]:
    """Flags still standing, and those the secretariat set aside (with its word)."""
    standing: list[dict] = []
    aside: list[dict] = []
    for f in view.get("flags") or []:
        code = f.get("code") or ""
        target = vocabulary.flag_target_label(code, f.get("target") or "")
        row = {"label": vocabulary.FLAG_LABELS.get(code, code) + (f" : {target}" if target else ""),
               "severity": vocabulary.SEVERITY_LABELS.get(f.get("severity") or "", f.get("severity") or ""),
               "blocking": f.get("severity") == "blocking", "message": f.get("message") or "",
               "evidence": _clip(vocabulary.evidence_text(f), 200), "comment": f.get("override") or ""}
        (standing if f.get("counts") else aside).append(row)
    standing.sort(key=lambda r: not r["blocking"])
    return standing, aside


def _checks(view: dict) -> list[dict]:
    out = []
    for c in view.get("checks") or []:
        ok = getattr(c, "ok", None) if not isinstance(c, dict) else c.get("ok")
        out.append({"label": getattr(c, "label", None) or (c.get("label") if isinstance(c, dict) else ""),
                    "detail": getattr(c, "detail", None) or (c.get("detail") if isinstance(c, dict) else ""),
                    "ok": ok, "result": "respectée" if ok else ("non respectée" if ok is False else "à vérifier")})  # la règle
    return out


def proposal_context(view: dict, settings, call=None) -> dict:
    """Everything templates/summary/_proposal.html reads, under one name (`sum`): the
    web page passes `sum=proposal_context(view, settings_of(config), config.call)`."""
    budget = view.get("budget") or {}
    cof = budget.get("cofinancing") or {}
    categories = [(label, amount) for label, amount in view.get("categories") or []]
    if not budget.get("lines") and not any(amount for _, amount in categories):
        categories = []  # no budget read: say so, rather than a table of zeros
    total = budget.get("total_cost")
    standing, aside = _flags(view)
    ident = _identity(view)
    main_file = _main_file(view.get("summary") or {})
    quoter = _Quoter(main_file)
    parts = _parts(view, call, quoter)
    criteria = _criteria(view, settings, quoter)
    quoter.number()
    return {
        "view": view,
        "reference": view.get("reference"),
        "title": view.get("title") or (view.get("identity") or {}).get("title") or "Titre non trouvé",
        "has_summary": bool(view.get("summary")),
        "identity": ident,
        "categories": [{"label": label, "amount": amount,
                        "share": (amount / total) if total and amount is not None else None}
                       for label, amount in categories],
        "total_cost": total,
        "funding": _funding(view),
        "checks": _checks(view),
        "corrected": list(view.get("corrected") or []),
        "charts": {
            "categories": Markup(budget_bars(categories)),
            "funding": Markup(funding_split(budget.get("anact_request"), cof.get("sources") or [])),
        },
        "partners": _partners(view),
        "main_file": main_file,
        "parts": parts,
        "criteria": criteria,
        "standing": standing,
        "aside": aside,
        "notes": list(view.get("notes") or []),
        # what still blocks the dossier: the blocking flags still standing, named and said
        "missing": [{"label": f["label"], "message": f["message"]} for f in standing if f["blocking"]]
        or [{"label": "", "message": m} for m in view.get("missing") or []],
        "not_found": NOT_FOUND,
        # what the summary would have said, when there is none: not "absent", only unread
        "absent": NOT_FOUND if view.get("summary") else UNREAD,
    }


# ------------------------------------------------------------------ HTML and PDF

def programme_name(call) -> str:
    """The programme's name as the printed documents say it."""
    return (getattr(call, "programme", None) or "Fabrique CTO").strip()


def page_css() -> Markup:
    """The style of the printed documents (summaries, pack, minutes, scoring sheets)."""
    return Markup((TEMPLATES / "summary" / "summary.css").read_text(encoding="utf-8"))


def render_proposal_html(view: dict, settings, call) -> str:
    """One proposal as a standalone, printable document."""
    return environment().get_template("summary/proposal.html").render(
        sum=proposal_context(view, settings, call), programme=programme_name(call), css=page_css())


def render_pack_html(views: list[dict], settings, call, *, title: str = DEFAULT_TITLE,
                     when: datetime | None = None) -> str:
    """The meeting's pack: a cover (call, date, number of proposals, contents with page
    numbers), then each proposal's summary from a new page."""
    when = when or datetime.now().astimezone()
    return environment().get_template("summary/pack.html").render(
        sums=[proposal_context(v, settings, call) for v in views], programme=programme_name(call),
        call_title=getattr(call, "title", "") or "", title=title, css=page_css(),
        date=french_date(when.date()), count=len(views))


def write_pdf(html: str, path: Path | str) -> int:
    """Lay the HTML out with WeasyPrint into `path`; returns the number of pages."""
    from weasyprint import HTML

    doc = HTML(string=html, base_url=str(TEMPLATES / "summary")).render()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    doc.write_pdf(str(path))
    return len(doc.pages)


def _write_job(job: tuple[str, Path]) -> int:
    return write_pdf(*job)


def _lay_out(jobs: list[tuple[str, Path]], workers: int | None) -> list[int]:
    """Page counts of the PDFs written for `jobs`, in order; the first job (the pack,
    the longest) starts first. Forked processes on Linux; in this process otherwise."""
    import multiprocessing
    import os

    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    workers = min(workers, len(jobs))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [write_pdf(html, path) for html, path in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_write_job, jobs))


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES / "summary")).write_pdf()


def safe_name(reference: str) -> str:
    """A reference as a file name: letters, digits, '-' and '_' only."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in reference or "")
    return cleaned.strip("._") or "dossier"


@dataclass
class DigestResult:
    """What `build_digest` wrote, with page counts, and the messages for the person
    who ran it (French)."""

    out_dir: Path
    proposals: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    pack: Path | None = None
    pack_pages: int = 0
    comparison: Path | None = None
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0


def build_digest(db, blobs, config: Config, out_dir: Path | str, references: list[str] | None = None,
                 *, when: datetime | None = None, workers: int | None = None) -> DigestResult:
    """Write the PDF of each released dossier (or of `references`), the pack, and the
    comparison workbook when its module is there. The PDFs are laid out on `workers`
    processes (default: the machine's cores, at most 4): WeasyPrint is single-threaded
    and the pack alone takes as long as all the single summaries together."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = settings_of(config)
    views = views_of_released(db, blobs, config, references=references or None)
    result = DigestResult(out)
    if references:
        unknown = sorted(set(references) - {v["reference"] for v in views})
        for ref in unknown:
            result.messages.append(f"Dossier inconnu : {ref} (ignoré).")
    pack_title = committee_settings(config).title
    result.pack = out / PACK_NAME
    jobs = [(render_pack_html(views, settings, config.call, title=pack_title, when=when), result.pack)]
    for v in views:
        path = out / f"{safe_name(v['reference'])}.pdf"
        result.proposals[v["reference"]] = path
        jobs.append((render_proposal_html(v, settings, config.call), path))
    counts = _lay_out(jobs, workers)
    result.pack_pages = counts[0]
    result.pages = {ref: n for ref, n in zip(result.proposals, counts[1:], strict=True)}
    result.comparison = _comparison(views, settings, config, out, result.messages)
    result.seconds = time.perf_counter() - started
    return result


def _comparison(views, settings, config, out: Path, messages: list[str]) -> Path | None:
    """comparaison.xlsx: the committee's comparison table beside the pack."""
    path = out / COMPARISON_NAME
    path.write_bytes(comparison.comparison_xlsx(comparison.comparison_rows(views, settings), settings,
                                                envelope=committee_settings(config).envelope_euros))
    return path


# ------------------------------------------------------------------ sending the pack

def pack_message(pdf: bytes, settings, *, recipient: str, title: str, count: int, programme: str,
                 now: datetime | None = None, filename: str = PACK_NAME) -> bytes:
    """One email to one committee member, the pack attached (French, plain text), from
    the [answers] sender (`settings`)."""
    msg = EmailMessage()
    envelope.address(msg, settings, to=recipient, now=now or datetime.now().astimezone(),
                     subject=f"{programme} – {title} ({count} proposition{'s' if count > 1 else ''})",
                     automatic="auto-generated")
    signature = tuple(getattr(settings, "signature", ()) or ())
    plural = "s" if count > 1 else ""
    msg.set_content(
        "Bonjour,\n\n"
        f"Vous trouverez ci-joint le dossier préparé pour le comité de sélection de {programme} : "
        f"{count} proposition{plural}, chacune résumée sur une à deux pages (identité, budget, "
        "partenaires, passages relatifs aux critères de sélection, alertes et notes du secrétariat).\n\n"
        "Ces résumés citent les propositions sans les évaluer : aucune note n'y est attribuée.\n\n"
        "Bien cordialement,\n"
        + ("\n".join(signature) if signature else f"Le secrétariat de {programme}") + "\n")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return msg.as_bytes()


def send_pack(config: Config, worker_settings, pack: Path, *, count: int,
              recipients: list[str] | None = None) -> tuple[list[str], dict[str, str], str]:
    """Send the pack to each recipient, one message each, through the configured
    transport (SMTP from [smtp], else .eml files in the data folder's outbox, as `run`
    does). Returns (delivered, refused {address: reason}, where)."""
    from dataclasses import replace

    cs = committee_settings(config)
    to = list(recipients if recipients is not None else cs.recipients)
    if not to:
        raise ConfigError("aucun destinataire : indiquez les adresses des membres du comité dans "
                          "« recipients » de la section [committee] de config.toml.")
    data = config_data(config)
    smtp = smtp_settings(data)
    if not smtp.host:
        smtp = replace(smtp, outbox_dir=worker_settings.outbox_dir)
    transport = make_transport(smtp) if smtp.host else FileOutbox(worker_settings.outbox_dir)
    answers = answer_settings(data)
    pdf = pack.read_bytes()
    delivered: list[str] = []
    refused: dict[str, str] = {}
    for rcpt in to:
        raw = pack_message(pdf, answers, recipient=rcpt, title=cs.title, count=count,
                           programme=programme_name(config.call))
        try:
            bad = transport.send(raw, answers.from_address, [rcpt])
        except DeliveryError as e:
            refused[rcpt] = str(e)
            continue
        if bad:
            refused.update(bad)
        else:
            delivered.append(rcpt)
    folder = getattr(transport, "folder", None)
    where = f"fichiers .eml dans {folder}" if folder is not None else f"serveur SMTP {smtp.host}"
    return delivered, refused, where
