"""The typed settings of the tables that shape what the service sends: [answers] (who
the answers come from, how they are paced) and [smtp] (how they leave). config.toml is
parsed once (intake.config.config_data); these functions type and check its tables, each
mistake a French message saying what to fix."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from intake.config import ConfigError
from intake.reading.autoreply import usable_address
from storage.db import REPO_ROOT

# ------------------------------------------------------------------ [answers]

DEFAULT_FROM = "fabrique@anact.fr"
DEFAULT_SIGNATURE = (
    "Le secrétariat de la Fabrique CTO",
    "Anact – Agence nationale pour l'amélioration des conditions de travail",
)


@dataclass(frozen=True)
class AnswerSettings:
    """config.toml [answers]: who the answers come from and how the worker paces them."""

    from_address: str = DEFAULT_FROM
    from_name: str = "La Fabrique CTO – Anact"
    reply_to: str = DEFAULT_FROM
    own_addresses: tuple[str, ...] = (DEFAULT_FROM,)
    signature: tuple[str, ...] = (*DEFAULT_SIGNATURE, DEFAULT_FROM)
    holding_reply: bool = True
    max_per_recipient_per_day: int = 3
    hold_completion_requests: bool = False
    hold_for_approval: tuple[str, ...] = ("late",)
    split_window_minutes: int = 30
    message_id_domain: str = "anact.fr"
    reply_to_plus_reference: bool = False


_KEYS = ("from_address", "from_name", "reply_to", "own_addresses",
         "signature", "holding_reply", "max_per_recipient_per_day", "hold_completion_requests",
         "hold_for_approval", "split_window_minutes", "message_id_domain", "reply_to_plus_reference")
# The answers that refuse or ask something of the applicant: each can wait for a person.
HOLDABLE = ("late", "completion_request", "review")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def answer_settings(data: dict) -> AnswerSettings:
    """The [answers] table of a parsed config file; sane defaults where it is absent.
    The sender defaults to the call's mailbox ([call] mailbox)."""
    table = data.get("answers", {}) if isinstance(data, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError("config: « answers » doit être une table ([answers]).")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigError(f"config: clé inconnue « answers.{unknown[0]} » (clés possibles : "
                          f"{', '.join(_KEYS)}).")
    call: dict = data["call"] if isinstance(data, dict) and isinstance(data.get("call"), dict) else {}
    mailbox = usable_address(call.get("mailbox") if isinstance(call.get("mailbox"), str) else None)
    from_address = _address(table, "from_address", mailbox or DEFAULT_FROM)
    reply_to = _address(table, "reply_to", from_address)
    own = [from_address, reply_to]
    for i, value in enumerate(_strings(table, "own_addresses", [])):
        if not usable_address(value):
            raise ConfigError(f"config: « answers.own_addresses » : l'élément n° {i + 1} "
                              f"(« {value} ») n'est pas une adresse électronique.")
        own.append(value.strip())
    domain = _str(table, "message_id_domain", from_address.rpartition("@")[2])
    if not _DOMAIN.match(domain):
        raise ConfigError(f"config: « answers.message_id_domain » (« {domain} ») n'est pas un nom "
                          "de domaine (par exemple « anact.fr »).")
    signature = _strings(table, "signature", [*DEFAULT_SIGNATURE, from_address])
    held = _strings(table, "hold_for_approval", list(AnswerSettings.hold_for_approval))
    for kind in held:
        if kind not in HOLDABLE:
            raise ConfigError(f"config: « answers.hold_for_approval » : « {kind} » n'est pas une "
                              f"réponse qui refuse ou demande (possibles : {', '.join(HOLDABLE)}).")
    hold_requests = _bool(table, "hold_completion_requests", False)
    if hold_requests:
        held.append("completion_request")
    return AnswerSettings(
        from_address=from_address,
        from_name=_str(table, "from_name", "La Fabrique CTO – Anact"),
        reply_to=reply_to,
        own_addresses=tuple(dict.fromkeys(a.lower() for a in own)),
        signature=tuple(signature),
        holding_reply=_bool(table, "holding_reply", True),
        max_per_recipient_per_day=_int(table, "max_per_recipient_per_day", 3, minimum=1),
        hold_completion_requests=hold_requests or "completion_request" in held,
        hold_for_approval=tuple(dict.fromkeys(held)),
        split_window_minutes=_int(table, "split_window_minutes", 30, minimum=0),
        message_id_domain=domain.lower(),
        reply_to_plus_reference=_bool(table, "reply_to_plus_reference", False),
    )


def _str(table: dict, key: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip() or re.search(r"[\r\n\x00]", value):
        raise ConfigError(f"config: « answers.{key} » doit être un texte non vide, sur une ligne.")
    return value.strip()


def _address(table: dict, key: str, default: str) -> str:
    value = _str(table, key, default)
    if not usable_address(value) or value != value.strip("<>"):
        raise ConfigError(f"config: « answers.{key} » (« {value} ») n'est pas une adresse "
                          "électronique (par exemple « fabrique@anact.fr »).")
    return value


def _strings(table: dict, key: str, default: list[str]) -> list[str]:
    value = table.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) and not re.search(r"[\r\n]", v)
                                              for v in value):
        raise ConfigError(f"config: « answers.{key} » doit être une liste de textes "
                          "(par exemple [\"…\", \"…\"]).")
    return list(value)


def _int(table: dict, key: str, default: int, *, minimum: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"config: « answers.{key} » doit être un nombre entier supérieur ou "
                          f"égal à {minimum} (lu : {value!r}).")
    return value


def _bool(table: dict, key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"config: « answers.{key} » doit valoir true ou false (lu : {value!r}).")
    return value


# ------------------------------------------------------------------ [smtp]

SECURITY_MODES = ("starttls", "ssl", "plain")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "plain": 25}
DEFAULT_PASSWORD_ENV = "FABRIQUE_SMTP_PASSWORD"
DEFAULT_OUTBOX = "var/outbox"
DEFAULT_SENT = "Sent"


@dataclass(frozen=True)
class SmtpSettings:
    """[smtp] of config.toml. No host means the file outbox. The password comes from the
    environment variable named by `password_env`, never from the file."""

    host: str | None = None
    port: int | None = None
    security: str = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    password_env: str = DEFAULT_PASSWORD_ENV
    timeout: float = 30
    outbox_dir: Path = REPO_ROOT / DEFAULT_OUTBOX
    max_attempts: int = 8


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _smtp_int(table: dict, key: str, default: int | None, low: int, high: int) -> int | None:
    value = table.get(key, default)
    if value is None or (key == "port" and value == ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"config: « smtp.{key} » doit être un entier entre {low} et {high} "
                          f"(lu : {value!r}).")
    return value


def _smtp_str(table: dict, key: str, default: str | None = None) -> str | None:
    value = table.get(key, default)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"config: « smtp.{key} » doit être une chaîne de caractères.")
    return value.strip() or None


def smtp_settings(data: dict, env: Mapping[str, str] | None = None) -> SmtpSettings:
    """Read the [smtp] table of the parsed config.toml (`data` is the whole file).
    `env` defaults to os.environ."""
    env = os.environ if env is None else env
    table = data.get("smtp", {})
    if not isinstance(table, dict):
        raise ConfigError("config: « smtp » doit être une table ([smtp]).")
    if "password" in table:
        raise ConfigError("config: pas de mot de passe dans config.toml : mettez-le dans une "
                          "variable d'environnement et donnez son nom dans "
                          f"« smtp.password_env » (par défaut {DEFAULT_PASSWORD_ENV}).")
    host = _smtp_str(table, "host")
    security = (_smtp_str(table, "security", "starttls") or "").lower()
    if security not in SECURITY_MODES:
        raise ConfigError(f"config: « smtp.security » vaut « {table.get('security')} » ; "
                          f"valeurs possibles : {', '.join(SECURITY_MODES)}.")
    port = _smtp_int(table, "port", None, 1, 65535)
    max_attempts = _smtp_int(table, "max_attempts", 8, 1, 1000)
    timeout = table.get("timeout", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError("config: « smtp.timeout » doit être un nombre de secondes positif.")
    username = _smtp_str(table, "username")
    password_env = _smtp_str(table, "password_env", DEFAULT_PASSWORD_ENV)
    if password_env is None:
        raise ConfigError("config: « smtp.password_env » ne peut pas être vide.")
    outbox = Path(_smtp_str(table, "outbox_dir", DEFAULT_OUTBOX) or DEFAULT_OUTBOX)
    password = None
    if host and username:
        password = env.get(password_env) or None
        if password is None:
            raise ConfigError(f"config: « smtp.username » est renseigné mais la variable "
                              f"d'environnement {password_env} (mot de passe SMTP) est "
                              f"absente ou vide.")
        if security == "plain" and not _is_loopback(host):
            raise ConfigError(f"config: « smtp.security = \"plain\" » enverrait le mot de passe "
                              f"en clair à {host} : choisissez \"starttls\" ou \"ssl\".")
    return SmtpSettings(
        host=host, port=port, security=security, username=username if host else None,
        password=password, password_env=password_env, timeout=float(timeout),
        outbox_dir=outbox if outbox.is_absolute() else REPO_ROOT / outbox,
        max_attempts=max_attempts if max_attempts is not None else 8,
    )
