#!/usr/bin/env python3
"""Build the h5s blind corpus: h5s-NN.eml + h5s-NN.expected.json, from the Python data in
cases_a.py / cases_b.py (rendering helpers in render_s.py).

Run with the venv:  /tmp/h5venv-s/bin/python gen_s.py   (needs soffice on PATH)
Then:               /tmp/h5venv-s/bin/python check_s.py
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
import zlib
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from render_s import (  # noqa: E402
    docx_bytes, eur, html_fragment, odt_bytes, pdf_bytes, soffice_convert,
)
import cases_a as A  # noqa: E402
import cases_b as B  # noqa: E402

TO = "La Fabrique CTO <fabrique@anact.fr>"
CATS = ("personnel", "deplacements_logistique", "prestations", "autre")
SECTION_IDS = ("contexte", "objectifs", "problematique", "cibles", "methodologie", "phasage",
               "pilotage", "resultats", "perennisation", "partenaires")

MIME = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": ("application", "vnd.oasis.opendocument.text"),
    "zip": ("application", "zip"),
}


# --------------------------------------------------------------------------- helpers
def png_logo(w: int = 120, h: int = 40, rgb=(30, 110, 90)) -> bytes:
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def budget_label(lines3, cofin, anact, total=None):
    """lines3: [(label, category, amount)] -> expected budget block."""
    totals = {c: 0.0 for c in CATS}
    for _, cat, amt in lines3:
        totals[cat] += float(amt)
    s = sum(totals.values())
    total_cost = float(total if total is not None else s)
    assert abs(total_cost - s) < 1, (total_cost, s)
    cof = float(sum(a for _, a in cofin))
    assert abs(cof + anact - total_cost) < 1, ("resources != costs", cof, anact, total_cost)
    return {
        "total_cost": total_cost,
        "anact_request": float(anact),
        "totals": totals,
        "cofinancing": {"amount": cof, "share": round(cof / total_cost, 4)},
    }


def sections_label(spec, source):
    out = {}
    for sid in SECTION_IDS:
        heading, start = spec[sid]
        d = {"present": True}
        if source:
            d["source"] = source
        d["heading"] = heading
        d["body_start"] = start
        out[sid] = d
    return out


def make_msg(frm, subject, date, msgid, extra_headers=()):
    m = EmailMessage()
    m["From"] = frm
    m["To"] = TO
    m["Subject"] = subject
    m["Date"] = date
    m["Message-ID"] = msgid
    m["MIME-Version"] = "1.0"
    for k, v in extra_headers:
        m[k] = v
    return m


def attach(m, name, data, mime=None):
    ext = name.rsplit(".", 1)[-1].lower()
    maintype, subtype = mime or MIME[ext]
    m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)


def xlsx_by_phase(lines, cofin, anact, title, phases) -> bytes:
    """h5s-03: formulas, then LibreOffice round trip so that cached values exist."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Budget par phase"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(["Poste de dépense", "Nature"] + list(phases) + ["Total (€ HT)"])
    for c in ws[3]:
        c.font = Font(bold=True)
    nat = {"personnel": "Personnel", "deplacements_logistique": "Frais de déplacement et logistique",
           "prestations": "Achat de prestations"}
    first = 4
    for label, cat, amounts in lines:
        r = ws.max_row + 1
        ws.append([label, nat[cat], *amounts, f"=SUM(C{r}:E{r})"])
    last = ws.max_row
    r = last + 1
    ws.append(["Total des dépenses", "", f"=SUM(C{first}:C{last})", f"=SUM(D{first}:D{last})",
               f"=SUM(E{first}:E{last})", f"=SUM(F{first}:F{last})"])
    for c in ws[r]:
        c.font = Font(bold=True)
    tot_row = r
    ws.append([])
    ws.append(["Plan de financement", "", "", "", "", "Montant (€)"])
    ws[ws.max_row][0].font = Font(bold=True)
    f1 = ws.max_row + 1
    ws.append(["Subvention sollicitée – Anact, La Fabrique CTO", "", "", "", "", anact])
    for label, amt in cofin:
        ws.append([label, "", "", "", "", amt])
    fl = ws.max_row
    ws.append(["Total des ressources", "", "", "", "", f"=SUM(F{f1}:F{fl})"])
    ws.append(["Part du co-financement", "", "", "", "", f"=SUM(F{f1 + 1}:F{fl})/F{tot_row}"])
    ws.cell(ws.max_row, 6).number_format = "0.0%"
    ws.column_dimensions["A"].width = 70
    for col in "BCDEF":
        ws.column_dimensions[col].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return soffice_convert(buf.getvalue(), "xlsx", "xlsx")


def xlsx_by_partner(lines, cofin, anact, payers) -> bytes:
    """h5s-04: one column per partner, plain values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Cobot & dialogue – budget prévisionnel par partenaire (euros HT)"])
    ws["A1"].font = Font(bold=True)
    ws.append(["Poste de dépense", "Type de dépense"] + list(payers) + ["Total"])
    for c in ws[2]:
        c.font = Font(bold=True)
    nat = {"personnel": "Dépenses de personnel", "deplacements_logistique": "Déplacements",
           "prestations": "Prestations"}
    col_tot = {p: 0 for p in payers}
    for label, cat, by in lines:
        vals = [by.get(p) for p in payers]
        for p in payers:
            col_tot[p] += by.get(p, 0)
        ws.append([label, nat[cat], *vals, sum(by.values())])
    ws.append(["TOTAL DES DÉPENSES", "", *[col_tot[p] for p in payers], sum(col_tot.values())])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    ws.append([])
    ws.append(["RESSOURCES", "", "", "", "Montant"])
    ws[ws.max_row][0].font = Font(bold=True)
    ws.append(["Anact – AMI La Fabrique CTO (demandé)", "", "", "", anact])
    for label, amt in cofin:
        ws.append([label, "", "", "", amt])
    ws.append(["TOTAL DES RESSOURCES", "", "", "", anact + sum(a for _, a in cofin)])
    ws.column_dimensions["A"].width = 78
    ws.column_dimensions["B"].width = 24
    for col in "CDE":
        ws.column_dimensions[col].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_simple(lines, cofin, anact) -> bytes:
    """h5s-06: category header rows, details below, resources underneath."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Budget prévisionnel"
    ws.append(["FNCSL – Voix et cadences", None])
    ws.append(["Budget prévisionnel 2022-2023", None])
    ws.append([])
    ws.append(["DÉPENSES", "Montant (€)"])
    heads = {"personnel": "Dépenses de personnel",
             "deplacements_logistique": "Frais de déplacement et de logistique",
             "prestations": "Achats de prestations"}
    for cat in ("personnel", "deplacements_logistique", "prestations"):
        ws.append([heads[cat], None])
        ws[ws.max_row][0].font = Font(bold=True, italic=True)
        for label, c, amt in lines:
            if c == cat:
                ws.append(["    " + label, amt])
    total = sum(a for _, _, a in lines)
    ws.append(["Total des dépenses", total])
    ws.append([])
    ws.append(["RESSOURCES", "Montant (€)"])
    ws.append(["Subvention demandée à l'Anact", anact])
    for label, amt in cofin:
        ws.append([label, amt])
    ws.append(["Total des ressources", anact + sum(a for _, a in cofin)])
    for r in ws.iter_rows():
        if r[0].value in ("DÉPENSES", "RESSOURCES", "Total des dépenses", "Total des ressources"):
            for c in r:
                c.font = Font(bold=True)
    ws.column_dimensions["A"].width = 80
    ws.column_dimensions["B"].width = 14
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- cases
def case01():
    pdf = pdf_bytes(A.c01_blocks(), header_text="LCTT – DIALOG-IA – AMI La Fabrique CTO",
                    widths=None)
    name = "DIALOG-IA_LCTT_AMI_FabriqueCTO.pdf"
    m = make_msg("Claire Vasseur <claire.vasseur@lctt-valdrome.fr>",
                 "AMI La Fabrique CTO – projet DIALOG-IA (LCTT)",
                 "Fri, 12 Aug 2022 16:43:09 +0200", "<20220812144309.7781@lctt-valdrome.fr>",
                 [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Thunderbird/91.12.0")])
    m.set_content(
        "Madame, Monsieur,\n\n"
        "Vous trouverez ci-joint la proposition du LCTT en réponse à l'appel à manifestation "
        "d'intérêt « Développer le dialogue social technologique au travail ». Le document "
        "contient la description du projet DIALOG-IA, le budget détaillé par phase et le plan "
        "de financement.\n\nBien cordialement,\n\nClaire Vasseur\nMaîtresse de conférences\n"
        "LCTT – École nationale d'ingénieurs de Valdrôme\n")
    attach(m, name, pdf)
    lines3 = [(l, c, a) for _, l, c, a in A.C01_BUDGET]
    return dict(
        id="h5s-01", msg=m, files={name: pdf},
        applicant="LCTT (UMR CNRS / école d'ingénieurs)", form="PDF fpdf2 long, budget par phase avec sous-totaux, tableau à cheval sur deux pages",
        defect="aucun (co-financement exactement 20 %)",
        label=dict(
            case="Laboratoire (LCTT, UMR CNRS), PDF fpdf2 long, budget par phase avec sous-totaux de phase et tableau coupé par un saut de page, Thunderbird ; complet, co-financement exactement 20 %",
            decision="complete", flags=[],
            sections=sections_label(A.C01_SECTIONS, name),
            budget=budget_label(lines3, A.C01_COFIN, A.C01_ANACT),
            partners=[{"name": "Aract Occitanie"}, {"name": "Association Logistique Sud Entreprises"},
                      {"name": "Union locale CFDT de Nîmes"}],
            attachments=[{"filename": name, "status": "parsed"}],
            project={"start": "2022-10", "end": "2023-11", "duration_months": 14},
            committee=A.C01_COMMITTEE),
        budget_lines=lines3, cofin=A.C01_COFIN)


def case02():
    docx = docx_bytes(A.c02_blocks(), mode="styled", font="Calibri")
    name = "ITD_reponse_AMI_Fabrique_CTO.docx"
    m = make_msg("Hélène Mercadier <h.mercadier@travail-demain.org>",
                 "Réponse à l’appel à manifestation d’intérêt – dialogue social technologique",
                 "Mon, 22 Aug 2022 21:51:00 +0000", "<CAE7x9pQ2vL1-itd-0822@mail.travail-demain.org>",
                 [("X-Mailer", "Apple Mail (2.3696.120.41.1.1)")])
    text = ("Bonsoir,\n\nVeuillez trouver ci-joint la réponse de l'Institut Travail Demain à "
            "l'appel à manifestation d'intérêt. Nous avons repris dans un tableau chacun des "
            "attendus de l'appel.\n\nCordialement,\nHélène Mercadier\n")
    m.set_content(text)
    m.add_alternative("<html><body><p>Bonsoir,</p><p>Veuillez trouver ci-joint la réponse de "
                      "l'Institut Travail Demain à l'appel à manifestation d'intérêt. Nous avons "
                      "repris dans un tableau chacun des attendus de l'appel.</p><p>Cordialement,"
                      "<br>Hélène Mercadier</p></body></html>", subtype="html")
    attach(m, name, docx)
    return dict(
        id="h5s-02", msg=m, files={name: docx},
        applicant="Institut Travail Demain (« laboratoire d'idées »)", form="DOCX tableau-formulaire « Question de l'appel | Notre réponse », budget en liste dans une cellule",
        defect="aucun (Date en UTC, 22 août 23:51 Paris)",
        label=dict(
            case="Think tank se disant « laboratoire d'idées » (Institut Travail Demain), DOCX tableau-formulaire Question/Réponse avec budget et co-financements en liste dans une cellule, Apple Mail, sujet à apostrophe typographique ; complet",
            decision="complete", flags=[],
            sections=sections_label(A.C02_SECTIONS, name),
            budget=budget_label(A.C02_BUDGET, A.C02_COFIN, A.C02_ANACT, total=50000),
            partners=[{"name": "Aract Hauts-de-France"},
                      {"name": "Cercle des DRH des PME de la Métropole lilloise"},
                      {"name": "Union régionale CFE-CGC Hauts-de-France"}],
            attachments=[{"filename": name, "status": "parsed"}],
            project={"start": "2022-11", "end": "2023-10", "duration_months": 12},
            committee=A.C02_COMMITTEE),
        budget_lines=A.C02_BUDGET, cofin=A.C02_COFIN)


def case03():
    docx = docx_bytes(A.c03_blocks(), mode="boldline", font="Arial")
    xlsx = xlsx_by_phase(A.C03_BUDGET, A.C03_COFIN, A.C03_ANACT,
                         "OST – Tablettes au chevet – Budget prévisionnel par phase (€ HT)",
                         ("Phase 1 (sept.–nov. 2022)", "Phase 2 (déc. 2022–mars 2023)",
                          "Phase 3 (avr.–juin 2023)"))
    n1, n2 = "OST_proposition_Tablettes_au_chevet.docx", "OST_budget_par_phase.xlsx"
    m = make_msg("Marion Le Goff <m.legoff@ost-ergonomie.fr>", "Candidature AMI Fabrique CTO - OST",
                 "Fri, 29 Jul 2022 10:05:33 +0200",
                 "<AM6PR08MB40214C3D5E2@AM6PR08MB4021.eurprd08.prod.outlook.com>",
                 [("X-Mailer", "Microsoft Outlook 16.0")])
    m.set_content("Bonjour,\n\nJe vous prie de trouver ci-joints notre proposition « Tablettes au "
                  "chevet » et le budget par phase.\n\nBelle journée,\n\nMarion Le Goff\n"
                  "Ergonome associée\nObservatoire des Situations de Travail\n")
    attach(m, n1, docx)
    attach(m, n2, xlsx)
    lines3 = [(l, c, sum(a)) for l, c, a in A.C03_BUDGET]
    return dict(
        id="h5s-03", msg=m, files={n1: docx, n2: xlsx},
        applicant="Observatoire des Situations de Travail (cabinet d'ergonomie)", form="DOCX à titres en gras (sans style), titres propres et ordre propre + XLSX budget par phase à formules (recalculé par LibreOffice)",
        defect="aucun",
        label=dict(
            case="Cabinet d'ergonomie au nom trompeur (« Observatoire … »), DOCX à lignes-titres en gras non stylées, ordre et intitulés propres, XLSX budget par phase (formules, valeurs en cache), Outlook ; complet",
            decision="complete", flags=[],
            sections=sections_label(A.C03_SECTIONS, n1),
            budget=budget_label(lines3, A.C03_COFIN, A.C03_ANACT),
            partners=[{"name": "Aract Bretagne"}, {"name": "Union Mutualiste Bretonne"},
                      {"name": "Réseau des EHPAD associatifs d'Ille-et-Vilaine"}],
            attachments=[{"filename": n1, "status": "parsed"}, {"filename": n2, "status": "parsed"}],
            project={"start": "2022-09", "end": "2023-06", "duration_months": 10},
            committee=A.C03_COMMITTEE),
        budget_lines=lines3, cofin=A.C03_COFIN)


def case04():
    odt = odt_bytes(A.c04_blocks())
    payers = ("Cobotik Ouest", "IUT de Cholet")
    xlsx = xlsx_by_partner(A.C04_BUDGET, A.C04_COFIN, A.C04_ANACT, payers)
    n1, n2 = "Cobot_et_dialogue_description.odt", "Cobot_et_dialogue_budget_par_partenaire.xlsx"
    m = make_msg("Sophie Guérin <sophie.guerin@cobotik-ouest.fr>",
                 "Candidature Cobotik Ouest – projet « Cobot & dialogue »",
                 "Wed, 17 Aug 2022 09:20:00 +0200", "<5e1b7c0a-93f2-4d8e-b1a4-cobotik@cobotik-ouest.fr>",
                 [("User-Agent", "Roundcube Webmail/1.5.2")])
    m.set_content("Bonjour,\n\nCobotik Ouest a le plaisir de vous adresser sa candidature. Vous "
                  "trouverez en pièces jointes la description du projet (format OpenDocument) et "
                  "le budget détaillé par partenaire.\n\nSophie Guérin\nCheffe de projet "
                  "accompagnement du changement\n")
    attach(m, n1, odt)
    attach(m, n2, xlsx)
    lines3 = [(l, c, sum(by.values())) for l, c, by in A.C04_BUDGET]
    return dict(
        id="h5s-04", msg=m, files={n1: odt, n2: xlsx},
        applicant="Cobotik Ouest (intégrateur de cobots, SAS)", form="ODT à titres-questions + XLSX budget par partenaire (colonnes Cobotik / IUT)",
        defect="sujet sans le nom de l'appel (avertissement seulement)",
        label=dict(
            case="Intégrateur de cobots (SAS), ODT à titres-questions, XLSX budget par partenaire, Roundcube ; sujet ne nommant pas l'appel (subject_mismatch, avertissement) ; complet",
            decision="complete",
            flags=[{"code": "subject_mismatch", "target": "", "severity": "warning"}],
            sections=sections_label(A.C04_SECTIONS, n1),
            budget=budget_label(lines3, A.C04_COFIN, A.C04_ANACT),
            partners=[{"name": "IUT de Cholet"}, {"name": "Aract Pays de la Loire"},
                      {"name": "Cluster Mécatronique Mauges"}],
            attachments=[{"filename": n1, "status": "parsed"}, {"filename": n2, "status": "parsed"}],
            project={"start": "2022-10", "end": "2023-10", "duration_months": 13},
            committee=A.C04_COMMITTEE),
        budget_lines=lines3, cofin=A.C04_COFIN)


def case05():
    logo = png_logo()
    cid = "logo-tnc@tn-conseil.org"
    body = ("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Verdana\">"
            "<p>Madame, Monsieur,</p><p>Voici notre proposition pour l'AMI La Fabrique CTO, "
            "directement dans ce message.</p>"
            + html_fragment(B.c05_blocks(), hstyle="h3")
            + "<p>Bien à vous,</p><p>Nadia Chauvet, coordinatrice<br>"
            "Territoires Numériques Conseil – association régie par la loi du 1er juillet 1901 "
            "– 8 place Bonnyaud, 23000 Guéret<br>"
            f"<img src=\"cid:{cid}\" alt=\"Territoires Numériques Conseil\" width=\"120\"></p>"
            "</body></html>")
    m = make_msg("Nadia Chauvet <coordination@tn-conseil.org>",
                 "AMI Fabrique CTO : notre proposition (dans le corps du message)",
                 "Thu, 18 Aug 2022 14:02:47 +0200", "<a71c2e94d0b34f1e@tn-conseil.org>",
                 [("X-Mailer", "Zimbra 8.8.15_GA_4308 (ZimbraWebClient - FF103)")])
    m.set_content(body, subtype="html")
    m.add_related(logo, maintype="image", subtype="png", cid=f"<{cid}>",
                  filename="logo-tnc.png", disposition="inline")
    return dict(
        id="h5s-05", msg=m, files={"body.html": body.encode("utf-8"), "logo-tnc.png": logo},
        applicant="Territoires Numériques Conseil (association loi 1901)", form="proposition courte dans un corps HTML seul (multipart/related) + logo inline",
        defect="co-financement 13,3 % < 20 %",
        label=dict(
            case="Association au nom trompeur (« … Conseil »), proposition courte dans le corps HTML seul (pas de text/plain), logo inline par Content-ID, Zimbra ; co-financement 13,3 % → incomplet",
            decision="incomplete",
            flags=[{"code": "cofinancing_below_minimum", "target": "", "severity": "blocking"}],
            sections=sections_label(B.C05_SECTIONS, None),
            budget=budget_label(B.C05_BUDGET, B.C05_COFIN, B.C05_ANACT, total=30000),
            partners=[{"name": "Association des maires ruraux de la Creuse"},
                      {"name": "Aract Nouvelle-Aquitaine"}],
            attachments=[{"filename": "logo-tnc.png", "status": "skipped"}],
            project={"start": "2022-11", "end": "2023-06", "duration_months": 8},
            committee=B.C05_COMMITTEE),
        budget_lines=B.C05_BUDGET, cofin=B.C05_COFIN)


def case06():
    docx = docx_bytes(B.c06_blocks(), mode="styled")
    xlsx = xlsx_simple(B.C06_BUDGET, B.C06_COFIN, B.C06_ANACT)
    m1, m2 = "1_Description_projet_FNCSL.docx", "2_Budget_FNCSL.xlsx"
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo(m1, date_time=(2022, 8, 23, 23, 58, 0)), docx)
        z.writestr(zipfile.ZipInfo(m2, date_time=(2022, 8, 23, 23, 55, 0)), xlsx)
    zdata = zbuf.getvalue()
    name = "FNCSL_candidature_FabriqueCTO.zip"
    m = make_msg("Bruno Lestrade <b.lestrade@fncsl.fr>",
                 "Appel à manifestation d'intérêt La Fabrique CTO – candidature FNCSL",
                 "Tue, 23 Aug 2022 22:31:17 +0000", "<1661293877.48213.fncsl@smtp.fncsl.fr>",
                 [("X-Mailer", "Microsoft Outlook 16.0")])
    m.set_content("Madame, Monsieur,\n\nVeuillez trouver ci-joint l'archive contenant la "
                  "description du projet « Voix et cadences » et son budget prévisionnel.\n\n"
                  "Salutations syndicales,\n\nBruno Lestrade\nSecrétaire fédéral\nFNCSL\n")
    attach(m, name, zdata)
    return dict(
        id="h5s-06", msg=m, files={name: zdata, m1: docx, m2: xlsx},
        applicant="FNCSL (fédération syndicale de salariés)", form="ZIP : DOCX à titres stylés + XLSX à rubriques et lignes indentées",
        defect="en retard : Date 23/08 22:31 UTC = 24/08 00:31 Paris",
        label=dict(
            case="Fédération syndicale (FNCSL), ZIP de DOCX à titres stylés + XLSX à rubriques, Outlook ; Date en UTC le 23 août à 22:31, soit le 24 août 00:31 à Paris → en retard, sinon complet",
            decision="late",
            flags=[{"code": "late_submission", "target": "", "severity": "blocking"}],
            sections=sections_label(B.C06_SECTIONS, m1),
            budget=budget_label(B.C06_BUDGET, B.C06_COFIN, B.C06_ANACT),
            partners=[{"name": "Aract Centre-Val de Loire"},
                      {"name": "Association des logisticiens du Val de Loire"}],
            attachments=[{"filename": m1, "status": "parsed"}, {"filename": m2, "status": "parsed"}],
            project={"start": "2022-10", "end": "2023-12", "duration_months": 15},
            committee=B.C06_COMMITTEE),
        budget_lines=B.C06_BUDGET, cofin=B.C06_COFIN)


def case07():
    docx = docx_bytes(B.c07_blocks(), mode="styled", font="Liberation Serif")
    pdf = soffice_convert(docx, "docx", "pdf")
    name = "CHVA_dossier_candidature.pdf"
    m = make_msg("Isabelle Ferrand <i.ferrand@ch-vernon-aulne.fr>",
                 "AMI Fabrique CTO - Centre hospitalier de Vernon-sur-Aulne",
                 "Tue, 16 Aug 2022 11:47:02 +0200", "<0f3b9a2c-5d71-4e0b-8a63-ch-vernon-aulne@ch-vernon-aulne.fr>",
                 [("X-Mailer", "IBM Notes Release 9.0.1FP10")])
    m.set_content("Madame, Monsieur,\n\nVeuillez trouver ci-joint le dossier de candidature du "
                  "Centre hospitalier de Vernon-sur-Aulne.\n\nIsabelle Ferrand\nDirectrice des "
                  "soins\n")
    attach(m, name, pdf, mime=("application", "octet-stream"))
    return dict(
        id="h5s-07", msg=m, files={name: pdf},
        applicant="Centre hospitalier de Vernon-sur-Aulne (établissement public de santé)", form="DOCX → PDF LibreOffice, envoyé en application/octet-stream, budget en tableaux",
        defect="demande Anact 86 400 € > 80 000 €",
        label=dict(
            case="Hôpital public, PDF produit par LibreOffice depuis un DOCX, envoyé en application/octet-stream, Lotus Notes ; demande Anact 86 400 € au-dessus du plafond (co-financement exactement 20 %) → incomplet",
            decision="incomplete",
            flags=[{"code": "anact_request_over_cap", "target": "", "severity": "blocking"}],
            sections=sections_label(B.C07_SECTIONS, name),
            budget=budget_label(B.C07_BUDGET, B.C07_COFIN, B.C07_ANACT, total=108000),
            partners=[{"name": "Aract Normandie"},
                      {"name": "Institut de formation en soins infirmiers de Vernon-sur-Aulne"},
                      {"name": "EHPAD publics Les Tilleuls et La Roseraie"}],
            attachments=[{"filename": name, "status": "parsed"}],
            project={"start": "2022-11", "end": "2023-12", "duration_months": 14},
            committee=B.C07_COMMITTEE),
        budget_lines=B.C07_BUDGET, cofin=B.C07_COFIN)


def case08():
    docx = docx_bytes(B.c08_blocks(), mode="styled", font="Calibri")
    name = "Proposition_Trame&Usages_facturation_électronique.docx"
    m = make_msg("Jeanne Roussel <jeanne.roussel.tu@gmail.com>",
                 "Fabrique CTO – proposition Trame & Usages",
                 "Fri, 05 Aug 2022 08:12:40 +0200",
                 "<CAHx3kRq8mZ0bVtL7n2YwQp5fJ9sD4gE1uA6cX0oP3iK2hN7r@mail.gmail.com>")
    m.set_content("Bonjour,\n\nci-joint notre proposition pour l'appel « dialogue social "
                  "technologique ».\n\nJeanne\n")
    attach(m, name, docx)
    return dict(
        id="h5s-08", msg=m, files={name: docx},
        applicant="Trame & Usages (nature jamais dite)", form="DOCX court à titres stylés, budget en tableau dans le DOCX, ligne prestations à 0 €, nom de fichier accentué (RFC 2231)",
        defect="aucun (ligne prestations à 0 € = présente)",
        label=dict(
            case="Porteur dont la nature n'est jamais dite (Trame & Usages), DOCX court à titres stylés, budget en tableau avec ligne de prestations à 0 €, nom de fichier accentué en RFC 2231, Gmail ; complet",
            decision="complete", flags=[],
            sections=sections_label(B.C08_SECTIONS, name),
            budget=budget_label(B.C08_BUDGET, B.C08_COFIN, B.C08_ANACT, total=30000),
            partners=[{"name": "Aract Auvergne-Rhône-Alpes"},
                      {"name": "Chambre de métiers et de l'artisanat de la Loire"}],
            attachments=[{"filename": name, "status": "parsed"}],
            project={"start": "2023-01", "end": "2023-09", "duration_months": 9},
            committee=B.C08_COMMITTEE),
        budget_lines=B.C08_BUDGET, cofin=B.C08_COFIN)


CASES = [case01, case02, case03, case04, case05, case06, case07, case08]
KEY_ORDER = ("case", "decision", "flags", "sections", "budget", "partners", "attachments",
             "message", "project", "committee")


def message_label(m) -> dict:
    from email.utils import parseaddr, parsedate_to_datetime

    return {
        "message_id": str(m["Message-ID"]),
        "from": parseaddr(str(m["From"]))[1],
        "subject": str(m["Subject"]),
        "date": parsedate_to_datetime(str(m["Date"])).isoformat(),
    }


def build(only=None):
    out = []
    for fn in CASES:
        c = fn()
        if only and c["id"] not in only:
            continue
        lab = dict(c["label"])
        lab["message"] = message_label(c["msg"])
        lab = {k: lab[k] for k in KEY_ORDER}
        (HERE / f"{c['id']}.eml").write_bytes(c["msg"].as_bytes(policy=SMTP))
        (HERE / f"{c['id']}.expected.json").write_text(
            json.dumps(lab, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        out.append(c)
        print("wrote", c["id"])
    return out


def readme(cases):
    lines = ["| id | applicant | form | files | defect | decision |",
             "| --- | --- | --- | --- | --- | --- |"]
    for c in cases:
        lab = c["label"]
        files = ", ".join(a["filename"] for a in lab["attachments"]) or "(corps seul)"
        if c["id"] == "h5s-05":
            files = "corps HTML + logo-tnc.png (inline)"
        if c["id"] == "h5s-06":
            files = "FNCSL_candidature_FabriqueCTO.zip → " + files
        cells = [c["id"], c["applicant"], c["form"], files, c["defect"], lab["decision"]]
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    cases = build(set(sys.argv[1:]) or None)
    if not sys.argv[1:]:
        print(readme(cases))  # the table of README_s.md
