"""(being written)"""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()

# Routes a committee account may use besides web.committee's pages: (method, path).
COMMITTEE_ROUTES: frozenset[tuple[str, str]] = frozenset()
