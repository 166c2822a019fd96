"""Automatic replies, bounces and mailing lists, from headers and subject."""

from __future__ import annotations

import re

AUTO_SUBJECT = re.compile(
    r"r[ée]ponse automatique|absence du bureau|absent(?:e)? du bureau|out of (?:the )?office"
    r"|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|abwesenheitsnotiz"
    r"|respuesta autom[aá]tica|^\s*auto\s*:",
    re.I,
)


BOUNCE_SUBJECT = re.compile(  # what MTAs put first in a bounce's subject
    r"^\s*(?:undeliverable|undelivered mail|non remis|non distribuable"
    r"|delivery status notification|mail delivery failed|returned mail|delivery failure"
    r"|failure notice|delivery has failed|mail system error|[ée]chec de (?:la )?remise"
    r"|unzustellbar|message non d[ée]livr[ée]|warning: could not send message)",
    re.I,
)


_DELIVERY_WORDS = re.compile(
    r"deliver|remis|distribu|zustell|returned|failure|[ée]chec|bounce|non d[ée]livr", re.I)


_BOUNCE_SENDERS = ("mailer-daemon", "postmaster")


def classify(headers: dict[str, str], from_addr: str, from_name: str, subject: str,
              report_types: set[str]) -> tuple[bool, bool, bool]:
    """(is_auto_reply, is_bounce, is_list) from headers, sender, subject, report parts."""
    auto = False
    submitted = headers.get("auto-submitted", "").split(";", 1)[0].strip().lower()
    if submitted and submitted != "no":
        auto = True
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        value = headers.get(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            auto = True
    precedence = headers.get("precedence", "").strip().lower()
    if precedence in ("auto_reply", "bulk", "junk", "list"):
        auto = True
    is_list = "list-id" in headers or "list-unsubscribe" in headers or precedence == "list"
    if AUTO_SUBJECT.search(subject):
        auto = True
    if report_types & {"disposition-notification", "feedback-report",
                       "global-disposition-notification"}:
        auto = True
    bounce = bool(report_types & {"delivery-status", "global-delivery-status"})
    local = from_addr.split("@", 1)[0]
    if local in _BOUNCE_SENDERS or from_name.lower().startswith("mail delivery"):
        bounce = True
    if BOUNCE_SUBJECT.search(subject):
        bounce = True
    if headers.get("return-path", "").strip() == "<>" and _DELIVERY_WORDS.search(subject):
        bounce = True
    return auto, bounce, is_list
