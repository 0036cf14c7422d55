"""Bar charts drawn on the server as inline SVG with pygal.

Each chart is an image with a short accessible name (role="img", aria-label); the page
puts a data table beside it, which is the chart's text alternative. No script is
kept: pygal's tooltips would load JavaScript from the internet.
"""

import re

import pygal
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f23",
    foreground_strong="#1b1f23",
    foreground_subtle="#4a5159",
    opacity="1",
    opacity_hover="1",
    colors=("#0b5d4b",),
    font_family='"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    value_label_font_size=14,
    title_font_size=16,
)


def bar_chart(
    *, labels: list[str], values: list[float | None], name: str, label: str, percent=False
) -> SafeString:
    """An inline SVG bar chart; `label` is its accessible name."""
    chart = pygal.Bar(
        style=STYLE,
        js=(),
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        width=720,
        height=340,
        margin=16,
        x_label_rotation=-30 if len(labels) > 6 else 0,
        truncate_label=-1,
        min_scale=1,
        value_formatter=(lambda v: f"{v:.1f}%") if percent else (lambda v: f"{v:g}"),
        range=(0, 100) if percent else None,
    )
    chart.x_labels = labels
    chart.add(name, values)
    svg = SCRIPT.sub("", chart.render(is_unicode=True))  # an inline config, unused
    attributes = f'role="img" aria-label="{escape(label)}" focusable="false" '
    return mark_safe(svg.replace("<svg ", f"<svg {attributes}", 1))
