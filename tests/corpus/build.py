"""Builders: turn a compact case specification into a Proposal, its attachments and a
raw RFC 5322 message (stdlib ``email``)."""

from __future__ import annotations

import hashlib
import io
import math
import random
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from email import policy
from email.message import EmailMessage
from email.utils import formataddr

from tests.corpus import render
from tests.corpus.model import Attachment, Budget, BudgetLine, Case, Part, Proposal, Resource
from tests.corpus.render import L, P, T
from tests.corpus.texts import (
    AARACT_CONTRIB,
    APPLICANTS,
    CIBLES,
    COMBINED_HEADINGS,
    CONTEXTE,
    COVER_LETTERS,
    HEADINGS,
    METHODOLOGIE,
    OBJECTIFS_INTRO,
    OBJECTIFS_ITEMS,
    OTHER_HEADINGS,
    PARTNER_POOL,
    PERENNISATION,
    PERENNISATION_2024,
    PHASE_NAMES,
    PILOTAGE,
    PORTEUR,
    PROBLEMATIQUE,
    RESULTATS,
    SECTION_IDS,
    THEMES,
)

SEED = 20220823
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

PERSONNEL = [
    ("Cheffe de projet", 600),
    ("Chef de projet", 550),
    ("Chargée d'études", 450),
    ("Consultant senior", 700),
    ("Ingénieure de recherche", 420),
    ("Ergonome consultante", 650),
    ("Direction scientifique", 750),
    ("Assistante administrative", 300),
    ("Chargé de mission", 480),
]
DEPLACEMENTS = [
    "Déplacements en région (train, hébergement)",
    "Frais de mission des intervenants",
    "Location de salles pour les ateliers",
    "Restauration lors des ateliers",
    "Organisation logistique du séminaire de restitution",
]
PRESTATIONS = [
    "Prestation de design de service",
    "Conception graphique des livrables",
    "Réalisation de vidéos pédagogiques",
    "Facilitation graphique des ateliers",
    "Expertise juridique en droit du travail",
    "Développement du site de ressources",
    "Traduction et sous-titrage des supports",
]


@dataclass
class Spec:
    """Compact description of one case; everything else is drawn from a seeded RNG."""

    case_id: str
    layout: str = "docx+xlsx"
    defects: list[str] = field(default_factory=list)
    notes: str = ""
    kind: str = "proposal"  # proposal | cijoint | question | autoreply
    date: str | None = None  # Date header; drawn in August 2022 when None
    subject: str | None = None
    missing: tuple[str, ...] = ()
    combined: tuple[tuple[str, str], ...] = ()
    heading_style: str | None = None
    numbering: str | None = None
    order: str = "standard"
    partners_format: str | None = None
    partners_intro_porteur: bool = False
    phasage_format: str | None = None
    end: date | None = None
    end_style: str | None = None  # month | exact
    perennisation_2024: bool = False
    budget: dict[str, object] | None = field(default_factory=dict)
    filenames: dict[str, str] = field(default_factory=dict)
    logo: bool = False
    linesep: str = "\r\n"


def slug(text: str) -> str:
    """ASCII slug for e-mail addresses."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c if c.isalnum() else "." for c in text).strip(".").replace("..", ".")


def month_year(d: date) -> str:
    """'octobre 2022'."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def full_date(d: date) -> str:
    """'1er octobre 2022' / '30 décembre 2023'."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def add_months(d: date, n: int) -> date:
    """First day of the month n months after d's month."""
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def month_diff(a: date, b: date) -> int:
    """Number of months from a's month to b's month."""
    return (b.year - a.year) * 12 + b.month - a.month


# --------------------------------------------------------------------------- budget


def build_budget(rng: random.Random, ctx: dict[str, str], opts: dict[str, object]) -> Budget:
    """Draw a budget; ``opts`` force totals, defects and rendering options."""
    total = float(opts.get("total") or rng.randrange(96, 190) * 500)  # type: ignore[arg-type]
    no = set(opts.get("no", ()))  # type: ignore[arg-type]
    lines: list[BudgetLine] = []
    inel_label = opts.get("ineligible")
    inel_amount = float(opts.get("ineligible_amount", 4800))  # type: ignore[arg-type]
    rest = total - (inel_amount if inel_label else 0)
    weights = {"personnel": 0.6, "deplacements_logistique": 0.1, "prestations": 0.3}
    for cat in no:
        weights.pop(cat, None)
    scale = sum(weights.values())
    alloc = {c: rest * w / scale for c, w in weights.items()}
    if "personnel" in alloc:
        people = rng.sample(PERSONNEL, rng.choice([2, 3]))
        share = alloc["personnel"] / len(people)
        for label, rate in people:
            days = max(5, round(share / rate))
            lines.append(BudgetLine(label, "personnel", float(days * rate), days, float(rate)))
    if opts.get("zero") == "personnel":
        lines.append(
            BudgetLine(
                "Dépenses de personnel (temps des équipes pris en charge par la structure)",
                "personnel",
                0.0,
            )
        )
    if "deplacements_logistique" in alloc:
        depl = rng.sample(DEPLACEMENTS, rng.choice([1, 2]))
        for label in depl:
            lines.append(
                BudgetLine(
                    label,
                    "deplacements_logistique",
                    float(round(alloc["deplacements_logistique"] / len(depl) / 100) * 100),
                )
            )
    if "prestations" in alloc:
        prest = rng.sample(PRESTATIONS, rng.choice([1, 2]))
        for label in prest:
            lines.append(
                BudgetLine(
                    label,
                    "prestations",
                    float(round(alloc["prestations"] / len(prest) / 100) * 100),
                )
            )
    if inel_label:
        lines.append(BudgetLine(str(inel_label), "autre", inel_amount))
    # adjust the last lump line so the lines add up to the total exactly
    diff = total - sum(ln.amount for ln in lines)
    lump = [ln for ln in lines if ln.days is None and ln.category != "autre" and ln.amount > 0]
    target = (
        lump[-1]
        if lump
        else max((ln for ln in lines if ln.category != "autre"), key=lambda x: x.amount)
    )
    if target.days:
        target.days, target.rate = None, None
    target.amount = float(target.amount + diff)
    assert target.amount > 0, (ctx, opts)
    if opts.get("cents"):
        # a line with cents, total declared rounded to the euro (difference < 1 €)
        target.amount = round(target.amount - 0.33, 2)
        total = total  # declared total stays the round figure
    lines_sum = round(sum(ln.amount for ln in lines), 2)
    declared: float | None = total if opts.get("declared", True) else None
    if opts.get("mismatch"):
        declared = total + float(opts["mismatch"])  # type: ignore[arg-type]
    base = declared if declared is not None else lines_sum
    cofin_mode = opts.get("cofin", "normal")
    cofin: list[Resource] = []
    if cofin_mode == "none":
        anact = float(opts.get("anact") or base)  # type: ignore[arg-type]
    else:
        if "cofin_amount" in opts:
            cofin_total = float(opts["cofin_amount"])  # type: ignore[arg-type]
        else:
            share = float(opts.get("share") or rng.choice([0.22, 0.25, 0.3, 0.35, 0.4]))  # type: ignore[arg-type]
            cofin_total = math.ceil(base * share / 500) * 500
            if base - cofin_total > 78_000:
                cofin_total = base - 78_000
        anact = base - cofin_total
        cofin = split_cofin(
            rng,
            cofin_total,
            ctx,
            int(opts.get("sources", rng.choice([1, 2, 2, 3]))),
            bool(opts.get("region")),
        )  # type: ignore[arg-type]
    return Budget(
        lines=lines,
        anact=anact,
        cofin=cofin,
        declared_total=declared,
        anact_sentence=bool(opts.get("anact_sentence")),
        style=str(opts.get("style", rng.choice(["simple", "simple", "detailed", "combined"]))),
        fmt=str(opts.get("fmt", rng.choice(["eur", "eur", "space", "eur_nnbsp", "dec", "dot"]))),
        ttc=bool(opts.get("ttc")),
        formulas=bool(opts.get("formulas")),
        text_amounts=bool(opts.get("text_amounts")),
        two_sheets=bool(opts.get("two_sheets")),
        anact_label=rng.choice(
            [
                "Subvention Anact – La Fabrique CTO",
                "Financement Anact sollicité",
                "Anact – La Fabrique CTO (demandé)",
                "Demande de subvention Anact",
            ]
        ),
    )


def split_cofin(
    rng: random.Random, amount: float, ctx: dict[str, str], n: int, region: bool = False
) -> list[Resource]:
    """Split the co-financing into sources of various natures."""
    if amount == 0:
        return [Resource("Autofinancement", 0.0, "autofinancement", "")]
    kinds = [
        ("Autofinancement (temps des équipes valorisé)", "autofinancement", "acquis"),
        (f"Région {ctx['territoire']} (dossier déposé)", "subvention", "sollicité"),
        ("Mise à disposition de locaux (en nature)", "en_nature", "acquis"),
        ("Fonds propres", "autofinancement", "acquis"),
        ("Fonds social européen (FSE+)", "subvention", "sollicité"),
    ]
    chosen = [kinds[0] if rng.random() < 0.5 else kinds[3]] + rng.sample(
        [kinds[1], kinds[2], kinds[4]], n - 1
    )
    if region and kinds[1] not in chosen:
        chosen[-1] = kinds[1]
    parts: list[float] = []
    left = amount
    for _ in chosen[:-1]:
        part = float(max(500, round(left * rng.uniform(0.3, 0.6) / 500) * 500))
        if part >= left:
            part = float(left // 2)
        parts.append(part)
        left -= part
    parts.append(float(left))
    return [
        Resource(label, p, nature, status)
        for (label, nature, status), p in zip(chosen, parts, strict=True)
    ]


# --------------------------------------------------------------------------- proposal


def phasage_blocks(
    rng: random.Random, start: date, end: date, end_style: str, fmt: str
) -> list[object]:
    """Phases from start to end, with the end as the applicant states it."""
    months = month_diff(start, end) + 1
    n = 5 if months >= 10 else 4
    names = (
        PHASE_NAMES if n == 5 else [PHASE_NAMES[0], PHASE_NAMES[1], PHASE_NAMES[2], PHASE_NAMES[4]]
    )
    cuts = [round(i * months / n) for i in range(n + 1)]
    periods = []
    for i in range(n):
        a = add_months(start, cuts[i])
        b = add_months(start, cuts[i + 1] - 1)
        if i == n - 1 and end_style == "exact":
            periods.append(f"{month_year(a)} – {full_date(end)}")
        elif a.year == b.year and a.month == b.month:
            periods.append(month_year(a))
        elif a.year == b.year:
            periods.append(f"{MONTHS[a.month - 1]} – {month_year(b)}")
        else:
            periods.append(f"{month_year(a)} – {month_year(b)}")
    if end_style == "month":
        assert not (end.year == 2023 and end.month == 12), (
            "month-only end in December 2023 is ambiguous"
        )
    intro = rng.choice(
        [
            f"Le projet se déroulera sur {months} mois, à partir de {month_year(start)}.",
            f"Démarrage prévu : {month_year(start)}. Durée totale : {months} mois.",
            f"Le calendrier s'organise en {n} phases successives.",
        ]
    )
    blocks: list[object] = [P(intro)]
    if fmt == "table":
        rows = [["Phase", "Période", "Contenu"]]
        rows += [[f"{i + 1}. {names[i][0]}", periods[i], names[i][1]] for i in range(n)]
        blocks.append(T(rows, {0}))
    elif fmt == "prose":
        sentences = [
            f"La phase {i + 1} ({names[i][0].lower()}) se tiendra en {periods[i]} : {names[i][1]}."
            if " – " not in periods[i]
            else f"Phase {i + 1}, {names[i][0].lower()} ({periods[i]}) : {names[i][1]}."
            for i in range(n)
        ]
        blocks.append(P(" ".join(sentences)))
    else:
        blocks.append(
            L([f"Phase {i + 1} – {names[i][0]} ({periods[i]}) : {names[i][1]}" for i in range(n)])
        )
    if end_style == "exact":
        blocks.append(
            P(
                rng.choice(
                    [
                        f"Le projet s'achèvera le {full_date(end)}.",
                        f"Fin du projet : {full_date(end)}.",
                        f"La clôture du projet est fixée au {full_date(end)}.",
                    ]
                )
            )
        )
    return blocks


def partners_blocks(
    rng: random.Random, partners: list[tuple[str, str]], fmt: str, porteur: str
) -> list[object]:
    """The partners part: bullets, a table or prose."""
    blocks: list[object] = []
    if porteur:
        blocks.append(
            P(f"Le projet est coordonné par {porteur}. Il mobilise les partenaires suivants :")
        )
    if fmt == "table":
        rows = [["Partenaire", "Contribution attendue"]] + [[n, c] for n, c in partners]
        blocks.append(T(rows, {0}))
    elif fmt == "prose":
        links = [
            "dont la contribution attendue porte sur",
            "qui prendra en charge",
            "mobilisé pour",
            "qui apportera",
        ]
        pieces = [
            f"{name}, {links[i % len(links)]} : {contrib}"
            for i, (name, contrib) in enumerate(partners)
        ]
        if len(pieces) > 1:
            pieces[-1] = "enfin " + pieces[-1]
        blocks.append(
            P("Le projet s'appuie sur plusieurs partenaires : " + " ; ".join(pieces) + ".")
        )
    else:
        if not porteur:
            blocks.append(
                P(
                    rng.choice(
                        [
                            "Les partenaires mobilisés sont les suivants :",
                            "Partenaires et contribution attendue :",
                            "Nous associons au projet :",
                        ]
                    )
                )
            )
        blocks.append(L([f"{n} : {c}" for n, c in partners]))
    return blocks


def build_proposal(
    spec: Spec, rng: random.Random, app: dict[str, str], theme_key: str, index: int
) -> Proposal:
    """Draw the proposal text from the library according to the spec."""
    theme = THEMES[theme_key]
    projects = list(theme["projets"])  # type: ignore[call-overload]
    project = projects[(index // len(THEMES)) % len(projects)]
    n_ent = rng.choice(["quatre", "cinq", "six", "huit", "dix"])
    porteur = app["short"]
    ctx = {
        "projet": project,
        "porteur": porteur,
        "porteur_cap": porteur[0].upper() + porteur[1:],
        "porteur_long": app["long"],
        "territoire": app["territoire"],
        "aract": app["aract"],
        "theme": str(theme["theme"]),
        "secteur": str(theme["secteur"]),
        "outil": str(theme["outil"]),
        "public": str(theme["public"]),
        "n_ent": n_ent,
        "n_ateliers": rng.choice(["quatre", "six", "huit"]),
        "city": app["city"],
        "contact": app["contact"],
        "role": app["role"],
    }

    def fill(text: str) -> str:
        return text.format(**ctx)

    def pick(pool: list[str], k: int) -> list[str]:
        return [fill(t) for t in rng.sample(pool, k)]

    ctx_theme = list(theme["ctx"])  # type: ignore[call-overload]
    pb_theme = list(theme["pb"])  # type: ignore[call-overload]
    end = spec.end or rng.choice(
        [
            date(2023, 6, 30),
            date(2023, 7, 31),
            date(2023, 9, 30),
            date(2023, 10, 31),
            date(2023, 11, 30),
            date(2023, 3, 31),
        ]
    )
    end_style = spec.end_style or rng.choice(["month", "exact"])
    start = rng.choice([date(2022, 9, 1), date(2022, 10, 1), date(2022, 11, 1)])
    partners_fmt = spec.partners_format or rng.choice(["bullets", "table", "prose"])
    phasage_fmt = spec.phasage_format or rng.choice(["bullets", "table", "prose"])
    pool = PARTNER_POOL[app["territoire"]]
    partners = [(app["aract"], rng.choice(AARACT_CONTRIB))] + rng.sample(
        pool, rng.choice([1, 2, 3])
    )
    rng.shuffle(partners)

    content: dict[str, list[object]] = {
        "contexte": [P(" ".join(ctx_theme)), *[P(t) for t in pick(CONTEXTE, rng.choice([1, 2]))]],
        "objectifs": [P(fill(rng.choice(OBJECTIFS_INTRO))), L(pick(OBJECTIFS_ITEMS, 3))],
        "problematique": [
            P(rng.choice(pb_theme)),
            *[P(t) for t in pick(PROBLEMATIQUE, rng.choice([1, 2]))],
        ],
        "cibles": [P(t) for t in pick(CIBLES, rng.choice([1, 2]))],
        "methodologie": [P(t) for t in pick(METHODOLOGIE, rng.choice([2, 3]))],
        "phasage": phasage_blocks(rng, start, end, end_style, phasage_fmt),
        "pilotage": [P(t) for t in pick(PILOTAGE, 2)],
        "resultats": [P(t) for t in pick(RESULTATS, 2)],
        "perennisation": [P(t) for t in pick(PERENNISATION, rng.choice([1, 2]))]
        + ([P(fill(rng.choice(PERENNISATION_2024)))] if spec.perennisation_2024 else []),
        "partenaires": partners_blocks(
            rng, partners, partners_fmt, porteur if spec.partners_intro_porteur else ""
        ),
    }
    order = list(SECTION_IDS)
    if spec.order == "partners_first":
        order.remove("partenaires")
        order.insert(4, "partenaires")
    elif spec.order == "results_before_phasage":
        order.remove("resultats")
        order.insert(order.index("phasage"), "resultats")
    elif spec.order == "pilotage_last":
        order.remove("pilotage")
        order.append("pilotage")
    elif spec.order == "objectifs_first":
        order.remove("objectifs")
        order.insert(0, "objectifs")

    parts: list[Part] = []
    done: set[str] = set()
    for sid in order:
        if sid in done or sid in spec.missing:
            continue
        combo = next((c for c in spec.combined if sid in c), None)
        if combo:
            blocks = [b for i in combo for b in content[i]]
            parts.append(Part(combo, rng.choice(COMBINED_HEADINGS[combo]), blocks))
            done.update(combo)
        else:
            parts.append(Part((sid,), rng.choice(HEADINGS[sid]), content[sid]))
            done.add(sid)
    assert not set(spec.missing) & {i for p in parts for i in p.ids}

    budget = None if spec.budget is None else build_budget(rng, ctx, spec.budget)
    return Proposal(
        title=f"Projet {project} – {str(theme['theme'])[0].upper()}{str(theme['theme'])[1:]} : outiller le dialogue social",
        project=project,
        porteur_heading=rng.choice(OTHER_HEADINGS["porteur"]),
        porteur_text=fill(rng.choice(PORTEUR)),
        parts=parts,
        budget=budget,
        budget_heading=rng.choice(OTHER_HEADINGS["budget"]),
        partners=partners,
        end_date=end,
        heading_style=spec.heading_style
        or rng.choice(["word", "word", "bold", "caps", "caps_bold"]),
        numbering=spec.numbering
        if spec.numbering is not None
        else rng.choice(["1.", "1.", "I.", "A)", "1/", ""]),
    )


# --------------------------------------------------------------------------- attachments


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def default_names(rng: random.Random, project: str) -> dict[str, str]:
    """File names as applicants choose them (accents, spaces, dashes)."""
    p = project.replace(" ", "_")
    pa = _ascii(p)
    return {
        "docx": rng.choice(
            [
                f"Candidature_Fabrique_CTO_{pa}.docx",
                f"Dossier de candidature – {project}.docx",
                f"Projet {project} - description.docx",
                f"AMI_{pa}_v3.docx",
            ]
        ),
        "pdf": rng.choice(
            [
                f"Dossier_candidature_{pa}.pdf",
                f"Candidature {project} – La Fabrique CTO.pdf",
                f"Proposition_{pa}_finale.pdf",
                "Réponse_AMI_Fabrique_CTO.pdf",
            ]
        ),
        "odt": rng.choice([f"Projet_{pa}.odt", f"Description du projet {project}.odt"]),
        "doc": rng.choice(
            [f"CANDIDATURE {_ascii(project).upper()}.doc", f"dossier_{pa.lower()}.doc"]
        ),
        "xlsx": rng.choice(
            [
                "Budget_prévisionnel.xlsx",
                f"Budget {project}.xlsx",
                f"budget_{pa.lower()}_v2.xlsx",
                "Annexe financière.xlsx",
            ]
        ),
        "ods": rng.choice([f"Budget_{pa}.ods", "Plan de financement.ods"]),
        "zip": rng.choice([f"Candidature_{pa}.zip", "Dossier complet Fabrique CTO.zip"]),
    }


def make_attachments(
    spec: Spec, prop: Proposal | None, rng: random.Random, author: str
) -> tuple[list[Attachment], str]:
    """Render the layout's documents; returns (attachments, body_proposal kind)."""
    if prop is None:
        return [], ""
    names = default_names(rng, prop.project) | spec.filenames
    v = rng.randrange(3)
    S, B, SB = frozenset({"sections"}), frozenset({"budget"}), frozenset({"sections", "budget"})

    def docx(content: frozenset[str]) -> bytes:
        return render.render_docx(
            render.proposal_blocks(prop, "sections" in content, "budget" in content, v), author
        )

    def odt(content: frozenset[str]) -> bytes:
        return render.render_odt(
            render.proposal_blocks(prop, "sections" in content, "budget" in content, v)
        )

    def xlsx() -> bytes:
        assert prop.budget is not None
        data = render.render_xlsx(
            prop.budget, f"Budget prévisionnel – projet {prop.project}", author
        )
        return render.xlsx_roundtrip(data) if prop.budget.formulas else data

    def att(
        name_key: str, kind: str, content: frozenset[str], data: bytes, **kw: object
    ) -> Attachment:
        return Attachment(filename=names[name_key], kind=kind, content=content, data=data, **kw)  # type: ignore[arg-type]

    lay = spec.layout
    if lay in ("text", "html"):
        return [], lay
    if lay == "docx":
        return [att("docx", "docx", SB, docx(SB))], ""
    if lay == "docx+xlsx":
        return [att("docx", "docx", S, docx(S)), att("xlsx", "xlsx", B, xlsx())], ""
    if lay == "docx+ods":
        return [att("docx", "docx", S, docx(S)), att("ods", "ods", B, render.to_ods(xlsx()))], ""
    if lay == "pdf":
        return [att("pdf", "pdf", SB, render.to_pdf(docx(SB), "docx"))], ""
    if lay == "pdf+xlsx":
        return [
            att("pdf", "pdf", S, render.to_pdf(docx(S), "docx")),
            att("xlsx", "xlsx", B, xlsx()),
        ], ""
    if lay == "odt":
        return [att("odt", "odt", SB, odt(SB))], ""
    if lay == "odtpdf+ods":
        return [
            att("pdf", "pdf", S, render.to_pdf(odt(S), "odt"), source="odt"),
            att("ods", "ods", B, render.to_ods(xlsx())),
        ], ""
    if lay == "doc":
        return [att("doc", "doc", SB, render.to_doc(docx(SB)))], ""
    if lay == "doc+xlsx":
        return [att("doc", "doc", S, render.to_doc(docx(S))), att("xlsx", "xlsx", B, xlsx())], ""
    if lay == "zip":
        pdf = att("pdf", "pdf", S, render.to_pdf(docx(S), "docx"))
        xl = att("xlsx", "xlsx", B, xlsx())
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for member in (pdf, xl):
                info = zipfile.ZipInfo(member.filename, date_time=(2022, 8, 17, 18, 4, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, member.data)
        return [
            Attachment(names["zip"], "zip", frozenset(), data=buf.getvalue(), members=[pdf, xl])
        ], ""
    if lay == "forward":
        return [att("docx", "docx", S, docx(S)), att("xlsx", "xlsx", B, xlsx())], ""
    if lay == "inline_pdf":
        return [att("pdf", "pdf", SB, render.to_pdf(docx(SB), "docx"), disposition="inline")], ""
    if lay == "octet_docx":
        return [
            att(
                "docx",
                "docx",
                SB,
                docx(SB),
                media_type="application/octet-stream",
                name_encoding="rfc2047",
            )
        ], ""
    if lay == "scan+xlsx":
        scan = render.to_scanned_pdf(render.to_pdf(docx(S), "docx"))
        return [att("pdf", "scan", S, scan, status="scanned"), att("xlsx", "xlsx", B, xlsx())], ""
    if lay == "docx+scanbudget":
        budget_pdf = render.to_pdf(docx(B), "docx")
        names["scan"] = spec.filenames.get("scan", "Budget signé.pdf")
        return [
            att("docx", "docx", S, docx(S)),
            att("scan", "scan", B, render.to_scanned_pdf(budget_pdf), status="scanned"),
        ], ""
    if lay == "enc":
        return [
            att("pdf", "enc", SB, render.to_encrypted_pdf(docx(SB), "docx"), status="encrypted")
        ], ""
    if lay == "corrupt+xlsx":
        full = docx(S)
        return [
            att("docx", "corrupt", S, full[: len(full) * 3 // 5], status="unreadable"),
            att("xlsx", "xlsx", B, xlsx()),
        ], ""
    if lay == "docx+corrupt_annex":
        annex = render.render_docx(
            [
                P("Curriculum vitae de l'équipe projet", bold=True),
                P(
                    f"{author} – "
                    + "expérience de quinze ans en conduite de projets de transformation du travail. "
                    * 6
                ),
            ],
            author,
        )
        names["annex"] = spec.filenames.get("annex", "CV_équipe_projet.docx")
        return [
            att("docx", "docx", SB, docx(SB)),
            att(
                "annex",
                "corrupt",
                frozenset(),
                annex[: len(annex) // 2],
                status="unreadable",
                annex="cv",
            ),
        ], ""
    if lay == "pdf+enc_annex":
        letter = render.render_docx(
            [
                P("Lettre de soutien", bold=True),
                P(
                    f"Nous soutenons pleinement le projet {prop.project} et participerons à ses instances."
                ),
            ],
            author,
        )
        names["annex"] = spec.filenames.get("annex", "Lettre_de_soutien_signée.pdf")
        return [
            att("pdf", "pdf", SB, render.to_pdf(docx(SB), "docx")),
            att(
                "annex",
                "enc",
                frozenset(),
                render.to_encrypted_pdf(letter, "docx"),
                status="encrypted",
                annex="lettre",
            ),
        ], ""
    if lay == "docx+rar":
        noise = random.Random(spec.case_id).randbytes(2400)
        names["annex"] = spec.filenames.get("annex", "Annexes.rar")
        return [
            att("docx", "docx", SB, docx(SB)),
            att(
                "annex",
                "rar",
                frozenset(),
                b"Rar!\x1a\x07\x01\x00" + noise,
                status="unsupported",
                media_type="application/vnd.rar",
            ),
        ], ""
    raise ValueError(lay)


# --------------------------------------------------------------------------- messages


def date_header(
    day: int, hour: int, minute: int, tz: str = "+0200", month: int = 8, second: int = 0
) -> str:
    """RFC 5322 date header for a day of 2022."""
    d = date(2022, month, day)
    return f"{WEEKDAYS[d.weekday()]}, {d.day:02d} {MONTH_ABBR[d.month - 1]} {d.year} {hour:02d}:{minute:02d}:{second:02d} {tz}"


# when the applicant of the forwarded case (c07) sent the original message
FORWARDED_ORIGINAL_DATE = date_header(18, 17, 42)

MEDIA = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "corrupt": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("application", "pdf"),
    "scan": ("application", "pdf"),
    "enc": ("application", "pdf"),
    "odt": ("application", "vnd.oasis.opendocument.text"),
    "doc": ("application", "msword"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("application", "vnd.oasis.opendocument.spreadsheet"),
    "zip": ("application", "zip"),
    "rar": ("application", "vnd.rar"),
}


def logo_png(text: str) -> bytes:
    """A small logo image (inline, with a Content-ID)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (160, 48), (24, 78, 119))
    draw = ImageDraw.Draw(img)
    draw.rectangle((4, 4, 44, 44), fill=(240, 180, 40))
    draw.text((52, 18), text[:16], fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def signature(app: dict[str, str], rng: random.Random) -> str:
    """E-mail signature block."""
    phone = "0{} {:02d} {:02d} {:02d} {:02d}".format(
        rng.choice([1, 2, 3, 4, 5, 6]), *(rng.randrange(100) for _ in range(4))
    )
    return f"--\n{app['contact']}\n{app['role'][0].upper() + app['role'][1:]}\n{app['long']}\n{app['city']} – {phone}\n"


def _add_attachment(msg: EmailMessage, att: Attachment, placeholders: dict[str, str]) -> None:
    maintype, subtype = MEDIA[att.kind]
    if att.media_type:
        maintype, subtype = att.media_type.split("/")
    filename = att.filename
    if att.name_encoding == "rfc2047":
        placeholder = f"PLACEHOLDER{len(placeholders)}{filename[filename.rfind('.') :]}"
        placeholders[placeholder] = filename
        filename = placeholder
    msg.add_attachment(
        att.data, maintype=maintype, subtype=subtype, filename=filename, disposition=att.disposition
    )


def _finish(msg: EmailMessage, case_id: str, linesep: str, placeholders: dict[str, str]) -> bytes:
    for i, part in enumerate(msg.walk()):
        if part.get_content_maintype() == "multipart":
            part.set_boundary(f"=_{hashlib.sha1(f'{case_id}:{i}'.encode()).hexdigest()[:20]}_{i}")
    pol = policy.SMTP if linesep == "\r\n" else policy.default
    data = msg.as_bytes(policy=pol)
    for placeholder, name in placeholders.items():
        import base64

        encoded = "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="
        data = data.replace(placeholder.encode(), encoded.encode())
    return data


def build_message(case: Case, spec: Spec, app: dict[str, str], rng: random.Random) -> bytes:
    """Assemble the raw RFC 5322 message for a case."""
    prop = case.proposal
    placeholders: dict[str, str] = {}
    msg = EmailMessage()
    msg["From"] = case.sender
    msg["To"] = rng.choice(
        ["fabrique@anact.fr", "La Fabrique CTO <fabrique@anact.fr>", "fabrique@anact.fr"]
    )
    msg["Subject"] = case.subject
    msg["Date"] = case.date
    msg["Message-ID"] = case.message_id
    msg["User-Agent" if rng.random() < 0.5 else "X-Mailer"] = rng.choice(
        [
            "Microsoft Outlook 16.0",
            "Mozilla Thunderbird 91.12.0",
            "Roundcube Webmail/1.5.2",
            "Apple Mail (2.3696.120.41.1.1)",
        ]
    )
    sig = signature(app, rng)
    cte = rng.choice(["quoted-printable", "8bit", "base64", "quoted-printable"])

    if case.kind == "question":
        msg.set_content(
            "Bonjour,\n\nNous envisageons de répondre à l'appel à manifestation d'intérêt « Développer le dialogue social technologique au travail ».\n"
            "Avant de finaliser notre dossier, pourriez-vous nous préciser si le temps de travail de nos salariés peut être valorisé au titre du co-financement, "
            "et si le budget doit être présenté hors taxes ou toutes taxes comprises ?\n\nPar ailleurs, un projet associant deux régions est-il éligible ?\n\n"
            "Merci par avance pour votre réponse.\n\n" + sig,
            cte=cte,
        )
        return _finish(msg, case.case_id, case.linesep, placeholders)
    if case.kind == "autoreply":
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Autoreply"] = "yes"
        msg.set_content(
            f"Bonjour,\n\nJe suis absente du bureau jusqu'au 29 août 2022 inclus, avec un accès limité à ma messagerie.\n"
            f"Pour toute demande urgente, vous pouvez contacter l'accueil de {app['long']}.\n\nCordialement,\n{app['contact']}\n",
            cte="quoted-printable",
        )
        return _finish(msg, case.case_id, case.linesep, placeholders)

    v = rng.randrange(3)
    cover = rng.choice(COVER_LETTERS).format(
        projet=prop.project if prop else "", porteur=app["short"]
    )
    if case.kind == "cijoint":
        cover = (
            "Bonjour,\n\nVeuillez trouver ci-joint notre dossier de candidature à l'appel à manifestation d'intérêt "
            "de La Fabrique CTO, ainsi que le budget prévisionnel.\n\nBien cordialement,"
        )
    if case.body_proposal:
        assert prop is not None
        blocks = render.proposal_blocks(prop, True, True, v)
        text_style = {
            "word": "line",
            "bold": "label",
            "caps": "line",
            "caps_bold": "underline",
        }.get(prop.heading_style, "line")
        intro = "Bonjour,\n\nVoici notre candidature à l'appel à manifestation d'intérêt, rédigée directement dans ce message.\n\n"
        text = intro + render.render_text(blocks, text_style) + "\nBien cordialement,\n" + sig
        if case.body_proposal == "text":
            msg.set_content(text, cte=cte)
        else:
            msg.set_content(text, cte="quoted-printable")
            html_body = (
                '<html><body style="font-family:Calibri,sans-serif">'
                + (
                    '<p><img src="cid:logo-porteur@mail" alt="logo" width="160" height="48"></p>'
                    if case.logo
                    else ""
                )
                + "<p>Bonjour,</p><p>Voici notre candidature à l'appel à manifestation d'intérêt, rédigée directement dans ce message.</p>"
                + render.render_html(blocks, prop.heading_style)
                + "<p>Bien cordialement,</p><pre>"
                + sig
                + "</pre></body></html>"
            )
            msg.add_alternative(html_body, subtype="html", cte="quoted-printable")
    elif case.logo:
        msg.set_content(cover + "\n\n" + sig, cte="quoted-printable")
        html_cover = "".join(f"<p>{line}</p>" for line in cover.split("\n\n"))
        msg.add_alternative(
            f'<html><body>{html_cover}<p><img src="cid:logo-porteur@mail" alt="logo" width="160" height="48"></p><pre>{sig}</pre></body></html>',
            subtype="html",
            cte="quoted-printable",
        )
    elif case.forwarded:
        msg.set_content(forward_body(), cte=cte)
    else:
        msg.set_content(cover + "\n\n" + sig, cte=cte)

    if case.logo:
        logo = next(a for a in case.attachments if a.kind == "logo")
        html_part = msg.get_payload()[1]  # type: ignore[index]
        html_part.add_related(
            logo.data,
            maintype="image",
            subtype="png",
            cid="<logo-porteur@mail>",
            filename=logo.filename,
            disposition="inline",
        )

    docs = [a for a in case.attachments if a.kind != "logo"]
    if case.forwarded:
        inner = EmailMessage()
        inner["From"] = formataddress(app)
        inner["To"] = "contact@anact.fr"
        inner["Subject"] = "Candidature AMI La Fabrique CTO"
        inner["Date"] = case.original_date or FORWARDED_ORIGINAL_DATE
        inner["Message-ID"] = (
            f"<inner.{hashlib.sha1(case.case_id.encode()).hexdigest()[:12]}@{app['domain']}>"
        )
        inner.set_content(cover + "\n\n" + sig, cte="quoted-printable")
        for a in docs:
            _add_attachment(inner, a, placeholders)
        msg.add_attachment(inner, filename="Candidature AMI La Fabrique CTO.eml")
    else:
        for a in docs:
            _add_attachment(msg, a, placeholders)
    return _finish(msg, case.case_id, case.linesep, placeholders)


def forward_body() -> str:
    """Body of the message by which an Anact colleague forwards a proposal."""
    return (
        "Bonjour,\n\nJe vous transfère cette candidature reçue sur la boîte contact, "
        "avec ses pièces jointes (message d'origine en pièce jointe).\n\nBonne journée,\n"
        "Marion Durand\nAnact – service communication\n"
    )


def formataddress(app: dict[str, str]) -> str:
    """From header for the applicant's contact."""
    return formataddr((app["contact"], f"{slug(app['contact'])}@{app['domain']}"))


__all__ = [
    "APPLICANTS",
    "SEED",
    "Spec",
    "build_message",
    "build_proposal",
    "date_header",
    "formataddress",
    "make_attachments",
]
