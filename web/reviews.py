"""The committee's review grid: /committee/dossiers/{reference}/evaluation.

A committee member scores each of the call's criteria (intake.committee.reviews: the
scale and criteria from config.toml) with a comment and writes an overall opinion, saved
as a draft until submitted. The other members' reviews stay hidden until one's own is
submitted; then they are shown side by side with the spread of each criterion (the
disagreements stand out). A member whose affiliations match the dossier, or who stepped
aside from it, gets no grid. The secretariat reads the submitted reviews. Each save is in
the dossier's journal.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.engine import Row

from intake.committee.reviews import ReviewError, Scale, agreement, overall, read_form, scale_of
from intake.committee.summaries import settings_of
from storage.queries import now
from storage.schema import review_scores, reviews, users

from .committee import released_to
from .conflicts import member_scope
from .pages import audit, config_of, render, user_of

router = APIRouter()

EVALUATION = "/committee/dossiers/{reference}/evaluation"
# Routes a committee account may use besides web.committee's pages: (method, path).
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset({("GET", EVALUATION), ("POST", EVALUATION)})


def _criteria(request: Request) -> tuple[list[tuple[str, str]], Scale]:
    config = config_of(request)
    if config is None:
        raise HTTPException(503, "La configuration de l'appel n'est pas chargée : la grille ne peut pas s'afficher.")
    return [(c.id, c.label) for c in settings_of(config).criteria], scale_of(config)


def reviews_of(conn: Connection, dossier_id: int) -> list[dict]:
    """Every review of the dossier with its scores and comments, and its author's name."""
    rows = list(conn.execute(select(reviews, users.c.name.label("author"))
                             .join(users, users.c.id == reviews.c.user_id)
                             .where(reviews.c.dossier_id == dossier_id).order_by(reviews.c.id)))
    out = []
    for r in rows:
        entries = {e.criterion: e for e in conn.execute(select(review_scores).where(review_scores.c.review_id == r.id))}
        out.append({"row": r, "scores": {c: e.score for c, e in entries.items()},
                    "comments": {c: e.comment for c, e in entries.items()}})
    return out


def _page(request: Request, conn: Connection, d: Row, *, status: int = 200, error: str = "", field: str = "",
          typed: dict | None = None, notice: str = "") -> HTMLResponse:
    user = user_of(request)
    criteria, scale = _criteria(request)
    all_reviews = reviews_of(conn, d.id)
    mine = next((r for r in all_reviews if r["row"].user_id == user.id), None)
    submitted = [r for r in all_reviews if r["row"].submitted_at is not None]
    conflicted = not user.can_act and d.reference in member_scope(conn, user).marked
    may_review = not user.can_act and not conflicted
    # the others' scores: once one's own review is submitted (the secretariat reads them all)
    shown = submitted if user.can_act or (mine and mine["row"].submitted_at) else []
    ids = [cid for cid, _label in criteria]
    return render(request, "review.html", status, d=d, criteria=criteria, scale=scale, mine=mine,
                  shown=shown, waiting=len(submitted), conflicted=conflicted, may_review=may_review,
                  agreement={a.criterion: a for a in agreement(ids, [r["scores"] for r in shown])},
                  overall=overall, error=error, field=field, typed=typed, notice=notice)


@router.get(EVALUATION, response_class=HTMLResponse)
def review_page(request: Request, reference: str):
    with request.app.state.db.connect() as conn:
        d, gate = released_to(request, conn, reference)  # conflict warning, or stepped aside
        if gate is not None:
            return gate
        notice = {"brouillon": "Votre brouillon est enregistré : vous seul le voyez.",
                  "soumis": "Votre évaluation est soumise : les évaluations soumises des autres membres "
                            "s'affichent ci-dessous."}.get(request.query_params.get("fait", ""), "")
        return _page(request, conn, d, notice=notice)


@router.post(EVALUATION)
async def save_review(request: Request, reference: str):
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    submit = form.get("action") == "soumettre"
    criteria, scale = _criteria(request)
    user = user_of(request)
    with request.app.state.db.begin() as conn:
        d, gate = released_to(request, conn, reference)
        if gate is not None:
            return gate
        if user.can_act:
            raise HTTPException(403, "La grille est celle des membres du comité.")
        if d.reference in member_scope(conn, user).marked:
            raise HTTPException(403, "Vous avez un lien avec une organisation de ce dossier : vous ne l'évaluez pas.")
        try:
            entries, opinion = read_form(form, criteria, scale, submit=submit)
        except ReviewError as e:
            return _page(request, conn, d, status=400, error=str(e), field=e.field, typed=form)
        t = now()
        row = conn.execute(select(reviews).where(reviews.c.dossier_id == d.id, reviews.c.user_id == user.id)).first()
        if row is None:
            rid = conn.execute(insert(reviews).values(dossier_id=d.id, user_id=user.id, opinion=opinion,
                                                      submitted_at=t if submit else None, created_at=t,
                                                      updated_at=t)).inserted_primary_key[0]
        else:
            rid = row.id
            conn.execute(update(reviews).where(reviews.c.id == rid).values(
                opinion=opinion, updated_at=t, submitted_at=row.submitted_at or (t if submit else None)))
        for entry in entries:
            done = conn.execute(update(review_scores).where(review_scores.c.review_id == rid,
                                                            review_scores.c.criterion == entry.criterion)
                                .values(score=entry.score, comment=entry.comment))
            if done.rowcount == 0:
                conn.execute(insert(review_scores).values(review_id=rid, criterion=entry.criterion,
                                                          score=entry.score, comment=entry.comment))
        audit(conn, user, d.id, "review_submitted" if submit else "review_saved",
              after={"scores": {x.criterion: x.score for x in entries}})
    return RedirectResponse(f"/committee/dossiers/{d.reference}/evaluation?fait={'soumis' if submit else 'brouillon'}",
                            status_code=303)
