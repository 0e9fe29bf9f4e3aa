"""Charts drawn on the server as SVG: no script, readable by a screen reader, printable.

Each chart is an ``img`` with a title and a description that states every value, and the page
shows the same numbers in a table beside it, so nothing is said by the picture alone. Colours are
dark on white (above 4.5:1), and each bar carries its number as text, not only its length.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

BAR_COLOUR = "#1d4f91"
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#595959"
LABEL_WIDTH = 230
BAR_AREA = 360
ROW_HEIGHT = 28
LABEL_CHARACTERS = 32


def _short(label, limit=LABEL_CHARACTERS):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _description(figure):
    values = "; ".join(f"{label}: {value:,}" for label, value in figure.rows)
    return f"{figure.description} {values}." if values else f"{figure.description} No data yet."


def render(figure, id_prefix=""):
    """The SVG of ``figure`` as safe HTML: bars across for categories, columns for months."""
    if figure.chart == "columns":
        body, width, height = _columns(figure.rows)
    else:
        body, width, height = _bars(figure.rows)
    ident = f"{id_prefix}{figure.slug}-chart"
    return format_html(
        '<svg class="impact-chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{i}-title {i}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{i}-title">{title}</title><desc id="{i}-desc">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        i=ident,
        title=figure.title,
        desc=_description(figure),
        body=body,
    )


def _bars(rows):
    most = max((value for _label, value in rows), default=0) or 1
    height = max(1, len(rows)) * ROW_HEIGHT + 8
    width = LABEL_WIDTH + BAR_AREA + 60
    parts = [
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        length = round(BAR_AREA * value / most) if value else 0
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" font-size="14" '
            f'fill="{TEXT_COLOUR}">{escape(_short(label))}</text>'
        )
        if length:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW_HEIGHT - 10}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 18}" font-size="14" '
            f'fill="{TEXT_COLOUR}">{value:,}</text>'
        )
    if not rows:
        parts.append(
            f'<text x="{LABEL_WIDTH + 8}" y="20" font-size="14" fill="{TEXT_COLOUR}">No data yet</text>'
        )
    return mark_safe("".join(parts)), width, height  # every text in it is escaped above


def _columns(rows):
    chart_height, column_width, top, bottom = 180, 24, 20, 60
    most = max((value for _label, value in rows), default=0) or 1
    # Room on the right for the last month's leaning label, which would otherwise be cut off.
    axis_end = 40 + len(rows) * column_width + 10
    width, height = axis_end + 30, top + chart_height + bottom
    base = top + chart_height
    parts = [
        f'<line x1="36" y1="{base}" x2="{axis_end}" y2="{base}" stroke="{AXIS_COLOUR}" '
        'stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(rows):
        x = 40 + index * column_width
        size = round(chart_height * value / most) if value else 0
        if size:
            parts.append(
                f'<rect x="{x + 3}" y="{base - size}" width="{column_width - 6}" height="{size}" '
                f'fill="{BAR_COLOUR}"/>'
            )
        if value:
            parts.append(
                f'<text x="{x + column_width / 2}" y="{base - size - 4}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT_COLOUR}">{value:,}</text>'
            )
        # Months written upright would be unreadable at this size, so they lean.
        parts.append(
            f'<text transform="translate({x + column_width / 2 + 4},{base + 8}) rotate(60)" '
            f'font-size="11" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    return mark_safe("".join(parts)), width, height  # every text in it is escaped above
