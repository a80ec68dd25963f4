"""Charts drawn on the server as SVG: no script, readable without colour (each bar carries its
number), and named for screen readers (role="img", a title and a description). Every page that
shows a chart puts the same figures in a table beside it."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, LABEL, BAR = 720, 240, 22
# Colours with at least 3:1 contrast to white (WCAG 1.4.11), told apart by the legend too.
SERIES_COLOURS = ["#2f6fb0", "#1b6e3a", "#8a5a00", "#a4262c", "#5c5c5c"]


def svg(chart_id, title, description, height, body):
    return mark_safe(  # noqa: S308 - every text in it passed through escape()
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>{body}</svg>'
    )


def text(x, y, content, anchor="start", fill="#1a1a1a", weight="normal"):
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}" font-size="13" '
        f'font-weight="{weight}" font-family="sans-serif">{escape(content)}</text>'
    )


def legend(y, labels, colours):
    parts = []
    for index, label in enumerate(labels):
        x = (index % 3) * 240
        row_y = y + (index // 3) * 20
        parts.append(f'<rect x="{x}" y="{row_y}" width="12" height="12" fill="{colours[index]}"/>')
        parts.append(text(x + 18, row_y + 11, str(label)))
    return parts, ((len(labels) + 2) // 3) * 20


def grouped_bars(chart_id, title, series, rows, show=str):
    """Horizontal bars, one group per row: series = [label], rows = [(label, [value per
    series])]; `show` formats a value for its number beside the bar."""
    most = (
        max((max((v or 0 for v in values), default=0) for _label, values in rows), default=0) or 1
    )
    total_width = WIDTH - LABEL - 110
    step = len(series) * BAR + 14
    parts = []
    for index, (label, values) in enumerate(rows):
        y = 10 + index * step
        parts.append(text(0, y + len(series) * BAR / 2 + 5, str(label)[:34]))
        for offset, value in enumerate(values):
            width = total_width * (value or 0) / most
            bar_y = y + offset * BAR
            colour = SERIES_COLOURS[offset % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{LABEL}" y="{bar_y}" width="{width:.1f}" height="{BAR - 2}" '
                f'fill="{colour}"/>'
            )
            parts.append(text(LABEL + width + 6, bar_y + 15, "–" if value is None else show(value)))
    legend_y = 10 + len(rows) * step
    legend_parts, legend_height = legend(legend_y, series, SERIES_COLOURS)
    description = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {'–' if value is None else show(value)}"
            for name, value in zip(series, values, strict=True)
        )
        for label, values in rows
    )
    return svg(
        chart_id, title, description, legend_y + legend_height + 10, "".join(parts + legend_parts)
    )
