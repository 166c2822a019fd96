"""Accounts, sessions and the login rate limit, in the database.

Passwords are hashed with argon2id (argon2-cffi's defaults, rehashed on login when those
change). Sessions are server-side: the cookie carries a random token, the database its
SHA-256, the user and the session's CSRF secret. A session ends at logout, when its
account is disabled, after `idle` without a request, and `lifetime` after login whatever
happens. Failed logins are counted in the database, per address and per IP, so the
limit holds across restarts and across several server processes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select, update

from storage.queries import inserted_id, now
from storage.schema import ROLES, login_attempts, sessions, users

_hasher = PasswordHasher()
# Verified when the address is unknown, so a wrong address costs the same time as a
# wrong password and does not tell which addresses have an account.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

ROLE_LABELS = {"secretariat": "secrétariat", "committee": "comité", "chair": "présidence du comité",
               "admin": "administration"}
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A request about accounts that cannot be done (French, for the operator); `field`:
    the form field it is about, where a form shows it."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class WebSettings:
    """How long sessions last and how many failed logins are allowed."""

    session_lifetime: timedelta = timedelta(hours=12)   # a working day, then log in again
    session_idle: timedelta = timedelta(hours=2)        # a session left alone ends
    login_window: timedelta = timedelta(minutes=15)
    max_failures_per_email: int = 5
    max_failures_per_ip: int = 20


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: str

    @property
    def can_act(self) -> bool:
        """Secretariat actions on dossiers (overrides, notes, emails)."""
        return self.role in ("secretariat", "admin")

    @property
    def on_committee(self) -> bool:
        """A committee account: a member, or the chair who also records the decisions."""
        return self.role in ("committee", "chair")


@dataclass(frozen=True)
class Session:
    id: int
    user: User
    csrf_secret: str
    expires_at: datetime


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères.")


# ------------------------------------------------------------------ accounts

def add_user(conn: Connection, email: str, name: str, role: str, password: str) -> int:
    email = normalise_email(email)
    if "@" not in email or len(email) > 320:
        raise AccountError(f"adresse invalide : « {email} ».")
    if role not in ROLES:
        raise AccountError(f"rôle inconnu : « {role} » (au choix : {', '.join(ROLES)}).")
    check_password_strength(password)
    if conn.execute(select(users.c.id).where(users.c.email == email)).first() is not None:
        raise AccountError(f"un compte existe déjà pour {email}.")
    return inserted_id(conn.execute(insert(users).values(
        email=email, name=name.strip() or email, role=role, password_hash=hash_password(password),
        active=True, created_at=now())))


def set_password(conn: Connection, email: str, password: str) -> None:
    check_password_strength(password)
    r = conn.execute(update(users).where(users.c.email == normalise_email(email))
                     .values(password_hash=hash_password(password), active=True))
    if r.rowcount != 1:
        raise AccountError(f"aucun compte pour {normalise_email(email)}.")
    uid = conn.execute(select(users.c.id).where(users.c.email == normalise_email(email))).scalar()
    conn.execute(delete(sessions).where(sessions.c.user_id == uid))


def change_own_password(conn: Connection, session: Session, current: str, new: str, repeated: str) -> None:
    """The user changes their own password: the current one first, the new one twice;
    their other sessions end (this one goes on). Each refusal says which field."""
    if authenticate(conn, session.user.email, current) is None:
        raise AccountError("le mot de passe actuel n'est pas le bon.", field="current")
    if new != repeated:
        raise AccountError("les deux saisies du nouveau mot de passe diffèrent.", field="repeated")
    if new == current:
        raise AccountError("le nouveau mot de passe doit différer de l'actuel.", field="new")
    try:
        check_password_strength(new)
    except AccountError as e:
        raise AccountError(str(e), field="new") from None
    conn.execute(update(users).where(users.c.id == session.user.id).values(password_hash=hash_password(new)))
    conn.execute(delete(sessions).where(sessions.c.user_id == session.user.id, sessions.c.id != session.id))


def disable_user(conn: Connection, email: str) -> None:
    """The account can no longer log in, and its open sessions end now."""
    row = conn.execute(select(users.c.id).where(users.c.email == normalise_email(email))).first()
    if row is None:
        raise AccountError(f"aucun compte pour {normalise_email(email)}.")
    conn.execute(update(users).where(users.c.id == row.id).values(active=False))
    conn.execute(delete(sessions).where(sessions.c.user_id == row.id))


def list_users(conn: Connection) -> list:
    return list(conn.execute(select(users).order_by(users.c.email)))


def authenticate(conn: Connection, email: str, password: str) -> User | None:
    """The active account with this address and password, or None. Takes the same time
    whether the address exists or not."""
    row = conn.execute(select(users).where(users.c.email == normalise_email(email))).first()
    try:
        _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        conn.execute(update(users).where(users.c.id == row.id).values(password_hash=hash_password(password)))
    return User(row.id, row.email, row.name, row.role)


# ------------------------------------------------------------------ login rate limit

def login_blocked(conn: Connection, email: str, ip: str, settings: WebSettings,
                  at: datetime | None = None) -> bool:
    """Too many failures lately for this address, or from this IP."""
    since = (at or now()) - settings.login_window
    failed = [login_attempts.c.succeeded.is_(False), login_attempts.c.at >= since]
    by_email = conn.execute(select(func.count()).select_from(login_attempts).where(
        login_attempts.c.email == normalise_email(email), *failed)).scalar() or 0
    by_ip = conn.execute(select(func.count()).select_from(login_attempts).where(
        login_attempts.c.ip == ip, *failed)).scalar() or 0
    return by_email >= settings.max_failures_per_email or by_ip >= settings.max_failures_per_ip


def record_attempt(conn: Connection, email: str, ip: str, succeeded: bool) -> None:
    conn.execute(insert(login_attempts).values(at=now(), email=normalise_email(email)[:320], ip=ip[:64],
                                               succeeded=succeeded))


# ------------------------------------------------------------------ sessions

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(conn: Connection, user: User, ip: str, settings: WebSettings) -> str:
    """A new session for `user`; returns the token for the cookie (shown nowhere else)."""
    token = secrets.token_urlsafe(32)
    t = now()
    conn.execute(insert(sessions).values(
        token_hash=_digest(token), user_id=user.id, csrf_secret=secrets.token_urlsafe(32),
        created_at=t, last_seen_at=t, expires_at=t + settings.session_lifetime, ip=ip[:64]))
    conn.execute(update(users).where(users.c.id == user.id).values(last_login_at=t))
    # Sessions past their end are dropped here, so the table does not grow forever.
    conn.execute(delete(sessions).where(sessions.c.expires_at < t))
    return token


def find_session(conn: Connection, token: str | None, settings: WebSettings) -> Session | None:
    """The live session of this cookie token, its last request noted (at most once a
    minute: a page view is not a write); None when unknown, expired, idle or disabled."""
    if not token or len(token) > 200:
        return None
    row = conn.execute(select(sessions, users.c.email, users.c.name, users.c.role, users.c.active)
                       .join(users, users.c.id == sessions.c.user_id)
                       .where(sessions.c.token_hash == _digest(token))).first()
    if row is None:
        return None
    t = now()
    if not row.active or row.expires_at <= t or row.last_seen_at + settings.session_idle <= t:
        conn.execute(delete(sessions).where(sessions.c.id == row.id))
        return None
    if t - row.last_seen_at > timedelta(minutes=1):
        conn.execute(update(sessions).where(sessions.c.id == row.id).values(last_seen_at=t))
    return Session(row.id, User(row.user_id, row.email, row.name, row.role), row.csrf_secret, row.expires_at)


def close_session(conn: Connection, token: str | None) -> None:
    if token:
        conn.execute(delete(sessions).where(sessions.c.token_hash == _digest(token)))


def same_secret(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens; False when either is missing."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
