"""Two small charts for the committee's summaries, as inline SVG strings.

Hand-written SVG rather than a plotting library: the same markup renders in WeasyPrint
(the PDFs) and in Chromium (the web page, whose CSP forbids inline styles, so only
presentation attributes are used), weighs a few hundred bytes, and every text in it is
escaped. Amounts are written the French way by the vocabulary's formatters.
"""

from __future__ import annotations

from html import escape

from intake.vocabulary import euros, percent

FONT = "DejaVu Sans, Arial, sans-serif"
ANACT_COLOUR = "#1f4e79"
# Co-financing sources, in order; distinct in hue and in lightness (readable in grey).
PALETTE = ("#e08a1e", "#3b8f4e", "#8e5ba8", "#c0504d", "#2aa3b3", "#9c7a3c", "#6d7b8a", "#d4a017")
BAR_COLOUR = "#4a78a8"
TEXT = "#1a1a1a"
MUTED = "#5a5a5a"
CHAR_EM = 0.55  # average DejaVu Sans advance, in em: enough to keep labels inside the box


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _fit(text: str, width: float, size: float) -> str:
    """The text cut with "…" so that it fits `width` pixels at `size` (an estimate)."""
    room = max(3, int(width / (size * CHAR_EM)))
    return cut_at_word(" ".join(str(text).split()), room)


def cut_at_word(text: str, room: int) -> str:
    """`text` within `room` characters, cut after a whole word (never "éligi…"), without a
    dangling small word ("de…"), with "…"; a single word too long is cut as a last resort."""
    if len(text) <= room:
        return text
    head = text[: room - 1]
    if " " in head and not text[room - 1:room].isspace():
        head = head[: head.rfind(" ")]
    words = head.rstrip(" ,;:–-(").split(" ")
    while len(words) > 1 and words[-1].strip("()[]«» ").casefold() in _SMALL_WORDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:–-(") + "…"


_SMALL_WORDS = {"de", "des", "du", "d'", "à", "au", "aux", "en", "et", "ou", "la", "le", "les", "l'", "pour",
                "par", "sur", "dans", "avec", "un", "une"}


def _amount(value) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if v == v else None  # NaN is no amount


def _svg(width: float, height: float, label: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sum-chart" role="img" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'font-family="{FONT}" aria-label="{_esc(label)}"><title>{_esc(label)}</title>'
            + "".join(body) + "</svg>")


def budget_bars(categories: list[tuple[str, object]], *, width: float = 320, size: float = 10,
                title: str = "Budget par catégorie de dépense") -> str:
    """A horizontal bar per category of expense (label, bar, amount); "" when the
    proposal gives no amount at all, so that the page says so in words instead."""
    read = [(str(label), _amount(v)) for label, v in categories]
    rows = [(label, v) for label, v in read if v is not None]
    top = max((v for _, v in rows), default=0.0)
    if not rows or top <= 0:
        return ""
    row_h, gap, head = size * 1.6, size * 0.45, size * 1.7
    label_w = width * 0.5
    amount_w = size * CHAR_EM * 9  # "123 456 €"
    bar_w = width - label_w - amount_w - 8
    height = head + len(rows) * (row_h + gap) + 2
    body = [f'<text x="0" y="{size * 1.1:.1f}" font-size="{size:.1f}" font-weight="bold" '
            f'fill="{TEXT}">{_esc(title)}</text>']
    for i, (label, v) in enumerate(rows):
        y = head + i * (row_h + gap)
        mid = y + row_h / 2 + size * 0.35
        length = 0 if v <= 0 else max(1.5, bar_w * v / top)
        body.append(f'<text x="{label_w - 6:.1f}" y="{mid:.1f}" font-size="{size:.1f}" text-anchor="end" '
                    f'fill="{TEXT}">{_esc(_fit(label, label_w - 8, size))}</text>')
        body.append(f'<rect x="{label_w:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{row_h:.1f}" fill="#eef1f5"/>')
        if length:
            body.append(f'<rect x="{label_w:.1f}" y="{y:.1f}" width="{length:.1f}" height="{row_h:.1f}" '
                        f'fill="{BAR_COLOUR}"/>')
        body.append(f'<text x="{label_w + bar_w + 6:.1f}" y="{mid:.1f}" font-size="{size:.1f}" '
                    f'fill="{TEXT}">{_esc(euros(v))}</text>')
    return _svg(width, height, title, body)


def funding_split(anact_request, sources: list[dict], *, width: float = 320, size: float = 10,
                  title: str = "Financement : Anact et co-financements") -> str:
    """One bar cut in segments, the Anact request then each co-financing source, with a
    legend giving each amount and its share of the whole; "" when there is nothing."""
    parts: list[tuple[str, float, str]] = []
    anact = _amount(anact_request)
    if anact is not None and anact > 0:
        parts.append(("Demande à l'Anact", anact, ANACT_COLOUR))
    for i, src in enumerate(sources or []):
        v = _amount((src or {}).get("amount"))
        if v is None or v <= 0:
            continue
        label = (src.get("label") or "").strip() or "Co-financement (source non nommée)"
        parts.append((label, v, PALETTE[i % len(PALETTE)]))
    total = sum(v for _, v, _c in parts)
    if total <= 0:
        return ""
    head, bar_h = size * 1.8, size * 2.2
    line_h = size * 1.6
    height = head + bar_h + size * 0.8 + len(parts) * line_h + 2
    body = [f'<text x="0" y="{size * 1.1:.1f}" font-size="{size:.1f}" font-weight="bold" '
            f'fill="{TEXT}">{_esc(title)}</text>']
    x = 0.0
    for label, v, colour in parts:
        w = width * v / total
        body.append(f'<rect x="{x:.2f}" y="{head:.1f}" width="{max(w, 0.8):.2f}" height="{bar_h:.1f}" '
                    f'fill="{colour}" stroke="#ffffff" stroke-width="0.8"><title>{_esc(label)}</title></rect>')
        share = percent(v / total)
        if w > size * CHAR_EM * (len(share) + 1):
            body.append(f'<text x="{x + w / 2:.1f}" y="{head + bar_h / 2 + size * 0.35:.1f}" '
                        f'font-size="{size * 0.9:.1f}" text-anchor="middle" fill="#ffffff">{_esc(share)}</text>')
        x += w
    amount_w = size * CHAR_EM * 17  # "123 456 € (12,5 %)"
    for i, (label, v, colour) in enumerate(parts):
        y = head + bar_h + size * 0.8 + i * line_h
        body.append(f'<rect x="0" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="{colour}"/>')
        body.append(f'<text x="{size * 1.5:.1f}" y="{y + size * 0.85:.1f}" font-size="{size:.1f}" '
                    f'fill="{TEXT}">{_esc(_fit(label, width - amount_w - size * 2, size))}</text>')
        body.append(f'<text x="{width:.1f}" y="{y + size * 0.85:.1f}" font-size="{size:.1f}" '
                    f'text-anchor="end" fill="{MUTED}">{_esc(euros(v))} ({_esc(percent(v / total))})</text>')
    return _svg(width, height, title, body)
