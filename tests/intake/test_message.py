"""decode_message: what the pipeline sees of real-world and hostile mail."""

from __future__ import annotations

import base64
import binascii
import json
import time
from datetime import timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from intake.reading.message import FORWARD_SEPARATOR, MAX_PARTS, DecodedMessage, decode_message

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real" / "mail"

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = b"PK\x03\x04" + b"\x00" * 40


def _raw(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=SMTP)


def _part(result: DecodedMessage, filename: str):
    found = [p for p in result.parts if p.filename == filename]
    assert found, f"{filename!r} not in {[p.filename for p in result.parts]}"
    return found[0]


def _application() -> bytes:
    """A proposal as a mail client sends it: text + HTML alternative, attachments,
    a logo inline, a PDF inline, and a forwarded message carrying a DOCX."""
    msg = EmailMessage()
    msg["From"] = "Porteur de Projet <Porteur@Exemple.FR>"
    msg["To"] = "fabrique-cto@anact.fr"
    msg["Subject"] = "Appel à manifestation d'intérêt – La Fabrique CTO"
    msg["Date"] = "Sat, 20 Aug 2022 10:12:00 +0200"
    msg["Message-ID"] = "<candidature-1@exemple.fr>"
    msg.set_content("Bonjour,\n\nVeuillez trouver ci-joint notre candidature.\n")
    msg.add_alternative("<p>Bonjour,</p><p>Veuillez trouver <b>ci-joint</b> notre "
                        "candidature.</p><script>alert(1)</script>", subtype="html")
    # RFC 2231: filename*=utf-8''Budget%20pr%C3%A9visionnel.pdf
    msg.add_attachment(PDF, maintype="application", subtype="pdf",
                       filename="Budget prévisionnel.pdf")
    # RFC 2047 in the Content-Type name, no filename parameter (set on the wire below:
    # the stdlib would write RFC 2231)
    msg.add_attachment(PDF, maintype="application", subtype="pdf",
                       params={"name": "Présentation équipe.pdf"})
    msg.add_attachment(PDF, maintype="application", subtype="pdf", disposition="inline",
                       filename="projet.pdf")
    msg.add_attachment(PNG, maintype="image", subtype="png", disposition="inline",
                       filename="logo.png", cid="<logo@exemple.fr>")
    inner = EmailMessage()
    inner["From"] = "Partenaire <partenaire@aract.fr>"
    inner["Subject"] = "Lettre de soutien"
    inner["Date"] = "Fri, 19 Aug 2022 09:00:00 +0200"
    inner.set_content("Voici notre lettre de soutien au projet.\n")
    inner.add_attachment(DOCX, maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="Lettre de soutien.docx")
    msg.add_attachment(inner)
    raw = _raw(msg)
    rfc2231 = b"name*=utf-8''Pr%C3%A9sentation%20%C3%A9quipe.pdf"
    assert rfc2231 in raw
    return raw.replace(rfc2231, b'name="=?utf-8?q?Pr=C3=A9sentation_=C3=A9quipe.pdf?="')


@pytest.fixture(scope="module")
def application() -> DecodedMessage:
    return decode_message(_application())


def test_headers_are_decoded(application: DecodedMessage) -> None:
    assert application.message_id == "<candidature-1@exemple.fr>"
    assert application.from_addr == "porteur@exemple.fr"
    assert application.from_name == "Porteur de Projet"
    assert application.subject == "Appel à manifestation d'intérêt – La Fabrique CTO"
    assert application.date is not None
    assert application.date.isoformat() == "2022-08-20T10:12:00+02:00"
    assert application.headers["to"] == "fabrique-cto@anact.fr"
    assert not application.is_auto_reply and not application.is_bounce
    assert not application.is_list


def test_plain_alternative_is_the_body_and_html_is_no_part(application: DecodedMessage) -> None:
    assert application.body_text.startswith("Bonjour,\n\nVeuillez trouver ci-joint notre "
                                            "candidature.")
    assert "<p>" in application.body_html
    assert all(p.content_type not in ("text/plain", "text/html") for p in application.parts)


def test_rfc2231_and_rfc2047_names(application: DecodedMessage) -> None:
    budget = _part(application, "Budget prévisionnel.pdf")
    assert budget.content_type == "application/pdf"
    assert budget.disposition == "attachment"
    assert budget.data == PDF
    assert _part(application, "Présentation équipe.pdf").data == PDF


def test_inline_pdf_and_inline_logo_are_parts(application: DecodedMessage) -> None:
    pdf = _part(application, "projet.pdf")
    assert pdf.disposition == "inline" and pdf.data == PDF
    logo = _part(application, "logo.png")
    assert logo.disposition == "inline"
    assert logo.content_id == "logo@exemple.fr"
    assert logo.data == PNG


def test_forwarded_message_body_and_attachment(application: DecodedMessage) -> None:
    docx = _part(application, "Lettre de soutien.docx")
    assert docx.forwarded is True
    assert docx.data == DOCX
    assert not _part(application, "Budget prévisionnel.pdf").forwarded
    body = application.body_text
    assert FORWARD_SEPARATOR in body
    forwarded = body.split(FORWARD_SEPARATOR, 1)[1]
    assert "De : Partenaire <partenaire@aract.fr>" in forwarded
    assert "Objet : Lettre de soutien" in forwarded
    assert "Date : Fri, 19 Aug 2022 09:00:00 +0200" in forwarded
    assert "Voici notre lettre de soutien au projet." in forwarded
    assert body.index("ci-joint") < body.index(FORWARD_SEPARATOR)
    assert all(p.content_type != "message/rfc822" for p in application.parts)


def test_latin1_body_mislabelled_utf8() -> None:
    raw = (b"From: a@exemple.fr\r\nSubject: budget\r\nDate: Mon, 22 Aug 2022 09:00:00 +0200\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
           b"Budget pr\xe9visionnel : 45 000 \x80 HT\r\n")
    result = decode_message(raw)
    assert result.body_text == "Budget prévisionnel : 45 000 € HT"
    assert any("utf-8" in d for d in result.defects)


def test_unknown_charset() -> None:
    raw = ("From: a@exemple.fr\nSubject: x\nContent-Type: text/plain; charset=x-foo\n"
           "Content-Transfer-Encoding: 8bit\n\nDéroulé méthodologique\n").encode()
    result = decode_message(raw)
    assert result.body_text == "Déroulé méthodologique"
    assert any("x-foo" in d for d in result.defects)


def test_html_only_body_is_converted() -> None:
    msg = EmailMessage()
    msg["From"] = "a@exemple.fr"
    msg["Subject"] = "Candidature"
    msg.set_content("<html><head><style>p {color: red}</style></head><body><h1>Contexte</h1>"
                    "<p>Notre projet&nbsp;vise les TPE.</p><script>x()</script></body></html>",
                    subtype="html")
    result = decode_message(_raw(msg))
    assert "Contexte" in result.body_text
    assert "Notre projet vise les TPE." in result.body_text
    assert "<" not in result.body_text and "color" not in result.body_text
    assert "x()" not in result.body_text
    assert "<h1>" in result.body_html
    assert result.parts == []


def test_text_attachment_with_filename_is_a_part() -> None:
    msg = EmailMessage()
    msg["From"] = "a@exemple.fr"
    msg.set_content("Bonjour")
    msg.add_attachment("Objectifs : ...", filename="projet.txt")
    result = decode_message(_raw(msg))
    assert result.body_text == "Bonjour"
    assert _part(result, "projet.txt").data.strip() == b"Objectifs : ..."


def test_uuencoded_and_broken_base64_attachments() -> None:
    payload = bytes(range(256)) * 3
    uu = b"begin 644 annexe.bin\n" + b"".join(
        binascii.b2a_uu(payload[i:i + 45]) for i in range(0, len(payload), 45)) + b"`\nend\n"
    broken = base64.b64encode(PDF)[:-3]  # truncated: padding lost
    raw = (b'From: a@b.fr\nContent-Type: multipart/mixed; boundary="M"\n\n--M\n'
           b"Content-Type: text/plain\n\nVoir pieces jointes.\n--M\n"
           b"Content-Type: application/octet-stream; name=annexe.bin\n"
           b"Content-Transfer-Encoding: x-uuencode\n\n" + uu +
           b"--M\nContent-Type: application/pdf; name=projet.pdf\n"
           b"Content-Transfer-Encoding: base64\n\n" + broken + b"\n--M--\n")
    result = decode_message(raw)
    assert _part(result, "annexe.bin").data == payload
    assert PDF.startswith(_part(result, "projet.pdf").data[:-2])
    assert any("base64" in d for d in result.defects)


def test_auto_reply() -> None:
    msg = EmailMessage()
    msg["From"] = "Jean <jean@exemple.fr>"
    msg["Subject"] = "Re: Votre dossier"
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content("Je suis absent jusqu'au 29 août.")
    assert decode_message(_raw(msg)).is_auto_reply
    del msg["Auto-Submitted"]
    msg["Auto-Submitted"] = "no"
    assert not decode_message(_raw(msg)).is_auto_reply
    del msg["Subject"]
    msg["Subject"] = "Réponse automatique : Candidature"
    assert decode_message(_raw(msg)).is_auto_reply


def test_mailing_list_flag() -> None:
    msg = EmailMessage()
    msg["From"] = "lettre@exemple.fr"
    msg["List-Unsubscribe"] = "<mailto:unsubscribe@exemple.fr>"
    msg.set_content("Notre lettre d'information")
    assert decode_message(_raw(msg)).is_list


def test_bounce_multipart_report() -> None:
    raw = b"""From: MAILER-DAEMON@mx.exemple.fr (Mail Delivery System)
To: fabrique-cto@anact.fr
Subject: Undelivered Mail Returned to Sender
Date: Tue, 23 Aug 2022 10:00:00 +0200
Message-ID: <bounce-1@mx.exemple.fr>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.exemple.fr

Final-Recipient: rfc822; porteur@exemple.fr
Action: failed
Status: 5.1.1

--B
Content-Type: message/rfc822

From: fabrique-cto@anact.fr
To: porteur@exemple.fr
Subject: Accuse de reception

Votre candidature est bien arrivee.
--B--
"""
    result = decode_message(raw)
    assert result.is_bounce
    assert result.from_addr == "mailer-daemon@mx.exemple.fr"
    assert "could not be delivered" in result.body_text
    assert all(p.content_type != "message/delivery-status" for p in result.parts)
    assert result.parts == []


def test_missing_from_date_message_id() -> None:
    result = decode_message(b"Subject: question\n\nBonjour, quelle est la date limite ?\n")
    assert (result.from_addr, result.from_name, result.message_id) == ("", "", "")
    assert result.date is None and result.date_raw == ""
    assert result.subject == "question"
    assert result.body_text == "Bonjour, quelle est la date limite ?"
    notes = " ".join(result.defects)
    assert "Date" in notes and "Message-ID" in notes and "From" in notes


def test_date_without_zone_is_paris_time() -> None:
    result = decode_message(b"From: a@b.fr\nDate: Tue, 23 Aug 2022 23:59:00\n\nx\n")
    assert result.date is not None
    assert result.date.utcoffset() == timedelta(hours=2)


def test_unparsable_date_is_none_with_a_note() -> None:
    result = decode_message(b"From: a@b.fr\nDate: demain matin\n\nx\n")
    assert result.date is None
    assert result.date_raw == "demain matin"
    assert any("demain matin" in d for d in result.defects)


def test_loose_date_form() -> None:
    result = decode_message(b"From: a@b.fr\nDate: 16 May 2016 at 09:30:32  GMT+1\n\nx\n")
    assert result.date is not None
    assert result.date.isoformat() == "2016-05-16T09:30:32+01:00"


def test_raw_8bit_headers_and_utf7() -> None:
    raw = (b"From: =?utf-8?q?St=C3=A9phane?= <S@Exemple.fr>\n"
           b"Subject: Dossier pr\xe9sent\xe9\n"
           b"X-Note: =?unicode-1-1-utf-7?Q?+AOk-t+AOk-?=\n\nx\n")
    result = decode_message(raw)
    assert result.from_name == "Stéphane" and result.from_addr == "s@exemple.fr"
    assert result.subject == "Dossier présenté"
    assert result.headers["x-note"] == "été"


def test_lone_surrogates_never_reach_the_result() -> None:
    raw = (b"From: a@b.fr\nSubject: =?utf-7?Q?+2D0-x?=\n"
           b"Content-Type: text/plain; charset=utf-16-le\nContent-Transfer-Encoding: base64\n\n"
           b"NNhhAA==\n")  # U+D834 alone, then "a"
    result = decode_message(raw)
    json.dumps([result.subject, result.body_text]).encode("utf-8")
    result.subject.encode("utf-8")
    result.body_text.encode("utf-8")


def test_cr_only_line_endings() -> None:
    raw = b"From: a@b.fr\rSubject: Mac\rDate: Tue, 23 Aug 2022 10:00:00 +0200\r\rLigne 1\rLigne 2\r"
    result = decode_message(raw)
    assert result.subject == "Mac"
    assert result.body_text == "Ligne 1\nLigne 2"


def test_not_rfc5322_outlook_msg_is_kept_as_a_part() -> None:
    raw = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    result = decode_message(raw)
    assert [p.content_type for p in result.parts] == ["application/vnd.ms-outlook"]
    assert result.parts[0].data == raw
    assert any("Outlook" in d for d in result.defects)


def test_bom_mbox_and_emlx_framing() -> None:
    body = b"From: a@b.fr\nSubject: cadre\n\ncorps\n"
    for raw in (b"\xef\xbb\xbf" + body, b"From a@b.fr Tue Aug 23 10:00:00 2022\n" + body,
                str(len(body)).encode() + b"\n" + body + b"<?xml version='1.0'?><plist/>"):
        result = decode_message(raw)
        assert result.subject == "cadre", raw[:20]
        assert result.body_text == "corps"
        assert result.defects


def test_mbox_with_several_messages_reads_the_first() -> None:
    raw = (b"From - \nFrom: a@b.fr\nSubject: un\n\nFrom Russia with love\n\n"
           b"From - \nFrom: c@d.fr\nSubject: deux\n\nautre\n")
    result = decode_message(raw)
    assert result.subject == "un"
    assert result.body_text == "From Russia with love"
    assert any("mbox" in d for d in result.defects)


def _nested(depth: int) -> bytes:
    head = [b"From: a@b.fr\nSubject: deep\nMIME-Version: 1.0\n"]
    for i in range(depth):
        head.append(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i))
    head.append(b"Content-Type: text/plain\n\nfond\n")
    head.extend(b"--b%d--\n" % i for i in reversed(range(depth)))
    return b"".join(head)


@pytest.mark.parametrize("depth", [60, 1500])
def test_deep_nesting_is_cut_with_a_note(depth: int) -> None:
    started = time.monotonic()
    result = decode_message(_nested(depth))
    assert time.monotonic() - started < 10
    assert result.subject == "deep"
    assert "fond" not in result.body_text
    assert any("imbrication" in d or "profond" in d for d in result.defects)


def test_too_many_parts_stop_collection() -> None:
    chunks = [b'From: a@b.fr\nContent-Type: multipart/mixed; boundary="X"\n\n']
    for i in range(MAX_PARTS + 200):
        chunks.append(b"--X\nContent-Type: application/octet-stream; name=f%d.bin\n\n%d\n" % (i, i))
    chunks.append(b"--X--\n")
    result = decode_message(b"".join(chunks))
    assert MAX_PARTS - 5 <= len(result.parts) < MAX_PARTS
    assert any(str(MAX_PARTS) in d for d in result.defects)


def test_huge_header_is_truncated() -> None:
    words = " ".join(["=?utf-8?q?caf=C3=A9?="] * 20_000)  # about 440 kB
    result = decode_message(f"From: a@b.fr\nSubject: {words}\n\nx\n".encode())
    assert result.subject.startswith("cafécafé")
    assert len(result.subject) <= 100_000
    assert any("tronqué" in d for d in result.defects)


def test_garbage_never_raises() -> None:
    for raw in (b"", b"\x00" * 100, b"\xff\xfe\x00", b"--\n--", b"Content-Type: multipart/mixed\n\n",
                b"Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n!!!"):
        assert isinstance(decode_message(raw), DecodedMessage)


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.is_dir() else []


@pytest.mark.slow
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_real_corpus_never_raises(path: Path) -> None:
    raw = path.read_bytes()
    started = time.monotonic()
    result = decode_message(raw)
    assert time.monotonic() - started < 5
    text = json.dumps({
        "message_id": result.message_id, "from": result.from_addr, "name": result.from_name,
        "subject": result.subject, "date": result.date.isoformat() if result.date else None,
        "headers": result.headers, "body": result.body_text, "html": result.body_html,
        "parts": [[p.filename, p.content_type, p.disposition, p.content_id] for p in result.parts],
        "defects": result.defects,
    }, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogate anywhere


def test_real_corpus_is_present() -> None:
    if not _corpus_files():
        pytest.skip(f"real corpus not found at {CORPUS}")
    assert len(_corpus_files()) >= 100


@pytest.mark.parametrize("name, check", [
    ("zammad__mail018.box", lambda m: m.is_bounce and "Übermittlungsstatus" in m.subject),
    ("sisimai__autoreply-rfc3834-01.eml", lambda m: m.is_auto_reply),
    ("sisimai__mac-cr-only-rfc3834-01.eml", lambda m: m.is_auto_reply and m.from_addr),
    ("sisimai__bounce-exchange2007-fr.eml", lambda m: m.is_bounce),
    ("zammad__mail064.box", lambda m: any(p.filename == "Capture d’écran 2017-12-27 à 12.22.38.jpg"
                                          for p in m.parts)),
    ("mimekit__feedback-report-bom.eml", lambda m: m.from_addr == "abusedesk@example.com"),
    ("tika__testEMLX.emlx", lambda m: m.from_addr == "jira@apache.org"),
    ("mail-parser__mail_outlook_1", lambda m: m.parts[0].content_type
     == "application/vnd.ms-outlook"),
    ("mimekit__tnef-rich-text.eml", lambda m: any(p.content_type == "application/ms-tnef"
                                                  for p in m.parts)),
    ("tika__testGroupWiseEml.eml", lambda m: FORWARD_SEPARATOR in m.body_text
     and "TWltZS1" not in m.body_text),
    ("zammad__mail054.box", lambda m: m.from_addr == "karoline.smith@example.com"),
    ("zammad__mail046.box", lambda m: m.subject == "转发：整体提升企业服务水平"),
    ("flanker__enclosed-endless.eml", lambda m: any(str(MAX_PARTS) in d for d in m.defects)),
])
def test_real_corpus_oddities(name: str, check) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} absent")
    assert check(decode_message(path.read_bytes()))
