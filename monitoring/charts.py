"""Charts of the evaluation drawn on the server as SVG: no script, readable without colour (each
bar carries its number), and named for screen readers (role="img", a title and a description).
The page puts the same figures in a table beside each chart."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from kpss_pages.charts import BAR, LABEL, WIDTH, svg, text

# Colours with at least 3:1 contrast to white (WCAG 1.4.11) for each fulfilment status.
STATUS_COLOURS = {
    "splneno": "#1b6e3a",
    "prubezne": "#2f6fb0",
    "castecne": "#8a5a00",
    "nesplneno": "#a4262c",
    "odlozeno": "#5c5c5c",
    "zruseno": "#3b3b3b",
    "": "#767676",
}
PLANNED, ACTUAL = "#2f6fb0", "#1b6e3a"


def status_bars(chart_id, title, groups):
    """One stacked bar per group (code, label, [(status, label, count)])."""
    rows = []
    total_width = WIDTH - LABEL - 10
    most = max((sum(c for _s, _l, c in counts) for _c, _l, counts in groups), default=0) or 1
    for index, (_code, label, counts) in enumerate(groups):
        y = 10 + index * (BAR + 14)
        rows.append(text(0, y + 16, label[:34]))
        x = LABEL
        for status, status_label, count in counts:
            width = total_width * count / most
            rows.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" '
                f'fill="{STATUS_COLOURS.get(status, "#767676")}">'
                f"<title>{escape(status_label)}: {count}</title></rect>"
            )
            if width >= 18:
                rows.append(text(x + width / 2, y + 16, str(count), "middle", "#ffffff", "bold"))
            x += width
    legend_y = 10 + len(groups) * (BAR + 14) + 6
    used = [(s, label) for s, label, _c in {item for _c, _l, cs in groups for item in cs}]
    for index, (status, label) in enumerate(sorted(set(used), key=lambda pair: str(pair[1]))):
        x = (index % 3) * 240
        y = legend_y + (index // 3) * 20
        rows.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{STATUS_COLOURS[status]}"/>'
        )
        rows.append(text(x + 18, y + 11, str(label)))
    height = legend_y + ((len(set(used)) + 2) // 3) * 20 + 10
    description = "; ".join(
        f"{label}: " + ", ".join(f"{status_label} {count}" for _s, status_label, count in counts)
        for _code, label, counts in groups
    )
    return svg(chart_id, title, description, height, "".join(rows))


def cost_bars(chart_id, title, rows):
    """Planned and actual amounts per funding source: [(source label, planned, actual)]."""
    from kpss_pages.templatetags.kpss_tags import czk

    most = max((max(planned, actual) for _l, planned, actual in rows), default=0) or 1
    total_width = WIDTH - LABEL - 120
    parts = []
    for index, (label, planned, actual) in enumerate(rows):
        y = 10 + index * (2 * BAR + 18)
        parts.append(text(0, y + 27, str(label)[:34]))
        for offset, (amount, colour) in enumerate(((planned, PLANNED), (actual, ACTUAL))):
            width = total_width * amount / most
            bar_y = y + offset * BAR
            parts.append(
                f'<rect x="{LABEL}" y="{bar_y}" width="{width:.1f}" height="{BAR - 2}" '
                f'fill="{colour}"/>'
            )
            parts.append(text(LABEL + width + 6, bar_y + 15, czk(amount)))
    legend_y = 10 + len(rows) * (2 * BAR + 18)
    parts.append(f'<rect x="0" y="{legend_y}" width="12" height="12" fill="{PLANNED}"/>')
    parts.append(text(18, legend_y + 11, _("plánováno")))
    parts.append(f'<rect x="140" y="{legend_y}" width="12" height="12" fill="{ACTUAL}"/>')
    parts.append(text(158, legend_y + 11, _("skutečně")))
    description = "; ".join(
        _("%(source)s: plánováno %(planned)s, skutečně %(actual)s")
        % {"source": label, "planned": czk(planned), "actual": czk(actual)}
        for label, planned, actual in rows
    )
    return svg(chart_id, title, description, legend_y + 24, "".join(parts))
