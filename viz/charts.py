"""Small inline SVG charts for the report: horizontal bars and vertical columns.

The SVG is generated here as text (no charting library, nothing fetched);
every label is HTML-escaped.

Examples
--------
>>> svg = hbar_chart([("Bank <b>", 3, "#16a085"), ("Fund", 1, "#e74c3c")])
>>> svg.startswith("<svg") and "Bank &lt;b&gt;" in svg
True
>>> "<rect" in column_chart([("2025-01", 2), ("2025-02", 5)])
True
"""

from __future__ import annotations

from collections.abc import Sequence

from ecox.viz.page import esc

__all__ = ["column_chart", "hbar_chart"]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def hbar_chart(
    rows: Sequence[tuple[str, float, str]],
    *,
    width: int = 460,
    row_height: int = 24,
    label_width: int = 170,
) -> str:
    """Horizontal bars, one per ``(label, value, colour)``, values printed at the bar ends.

    >>> hbar_chart([]).count("<rect")
    0
    """
    height = max(row_height * len(rows) + 10, 30)
    top = max((v for _, v, _ in rows), default=0) or 1
    span = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" width="{width}" height="{height}">'
    ]
    for i, (label, value, colour) in enumerate(rows):
        y = 5 + i * row_height
        bar = max(span * value / top, 1 if value else 0)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + row_height * 0.65:.1f}" text-anchor="end" '
            f'font-size="12">{esc(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row_height - 8}" '
            f'fill="{esc(colour)}" rx="2"><title>{esc(label)}: {_fmt(value)}</title></rect>'
            f'<text x="{label_width + bar + 5:.1f}" y="{y + row_height * 0.65:.1f}" '
            f'font-size="12">{_fmt(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    rows: Sequence[tuple[str, float]],
    *,
    width: int = 460,
    height: int = 210,
    colour: str = "#2980b9",
    x_title: str = "",
    y_title: str = "",
) -> str:
    """Vertical columns, one per ``(label, value)``; labels thinned to fit, values on hover.

    >>> column_chart([("a", 1)], x_title="degree").count("<rect")
    1
    """
    left, bottom, top_pad, right = 40, 44, 12, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    peak = max((v for _, v in rows), default=0) or 1
    n = max(len(rows), 1)
    step = plot_w / n
    every = max(1, round(n / 12))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" width="{width}" height="{height}">',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" '
        'stroke="#8a96a3"/>',
        f'<text x="{left - 5}" y="{top_pad + 8}" text-anchor="end" font-size="11">'
        f"{_fmt(peak)}</text>",
        f'<text x="{left - 5}" y="{top_pad + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for i, (label, value) in enumerate(rows):
        h = plot_h * value / peak
        x = left + i * step
        parts.append(
            f'<rect x="{x + step * 0.12:.1f}" y="{top_pad + plot_h - h:.1f}" '
            f'width="{max(step * 0.76, 1):.1f}" height="{h:.1f}" fill="{esc(colour)}">'
            f"<title>{esc(label)}: {_fmt(value)}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{top_pad + plot_h + 14}" text-anchor="middle" '
                f'font-size="10">{esc(label)}</text>'
            )
    if x_title:
        parts.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="11" fill="#5f6b78">{esc(x_title)}</text>'
        )
    if y_title:
        parts.append(
            f'<text x="12" y="{top_pad + plot_h / 2:.1f}" text-anchor="middle" font-size="11" '
            f'transform="rotate(-90 12 {top_pad + plot_h / 2:.1f})" fill="#5f6b78">'
            f"{esc(y_title)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
