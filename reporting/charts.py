"""Bar charts of the published figures, drawn with Pillow as small PNG images.

``charts()`` takes the published figures and nothing else: the only text it can draw is a
title, category labels from the code, and published values. Suppressed values get no bar.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFont

from reporting.publication import (
    COMPONENT_LABELS,
    GROUP_LABELS,
    TIMEFRAME_LABELS,
    display,
)
from reporting.suppression import is_suppressed

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, MARGIN = 720, 26, 10, 300, 16
TITLE_HEIGHT = 40
INK, BAR, MUTED, PAPER = (27, 27, 27), (0, 94, 162), (113, 118, 122), (255, 255, 255)


@dataclass
class Chart:
    name: str
    title: str
    bars: list  # (label, published value)


def chart_specs(published: dict) -> list[Chart]:
    pending = published["pending"]["groups"]
    decisions = published["decisions"]["cumulative"]["components"]
    medians = published["timeframes"]["cumulative"]
    return [
        Chart(
            "pending",
            _("Pending at the end of the week"),
            [(GROUP_LABELS[g], row["count"]) for g, row in pending.items()],
        ),
        Chart(
            "decisions",
            _("Decisions by component, cumulative"),
            [(label, decisions[c]) for c, label in COMPONENT_LABELS.items()],
        ),
        Chart(
            "timeframes",
            _("Median days, cumulative"),
            [(label, medians[m]["median_days"]) for m, label in TIMEFRAME_LABELS.items()],
        ),
    ]


def _font(size):
    # Pillow's bundled font: no system font needed, same drawing everywhere.
    return ImageFont.load_default(size=size)


def _fit(draw, text, font, width):
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def draw_bar_chart(chart: Chart, *, k: int) -> bytes:
    height = TITLE_HEIGHT + len(chart.bars) * (BAR_HEIGHT + GAP) + MARGIN
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    title_font, font = _font(18), _font(13)
    draw.text((MARGIN, MARGIN - 4), str(chart.title), fill=INK, font=title_font)
    numbers = [v for _label, v in chart.bars if isinstance(v, int | float) and v]
    largest = max(numbers, default=1)
    span = WIDTH - LABEL_WIDTH - 2 * MARGIN - 90
    for index, (label, value) in enumerate(chart.bars):
        top = TITLE_HEIGHT + index * (BAR_HEIGHT + GAP)
        middle = top + BAR_HEIGHT // 2
        text = _fit(draw, str(label), font, LABEL_WIDTH - 2 * MARGIN)
        draw.text((MARGIN, middle), text, fill=INK, font=font, anchor="lm")
        left = LABEL_WIDTH
        if is_suppressed(value) or value is None:
            draw.text((left, middle), display(value, k), fill=MUTED, font=font, anchor="lm")
            continue
        length = max(int(span * value / largest), 1 if value else 0)
        draw.rectangle([left, top, left + length, top + BAR_HEIGHT], fill=BAR)
        draw.text((left + length + 6, middle), display(value, k), fill=INK, font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def charts(published: dict) -> dict[str, bytes]:
    """Every chart of a report, by name, as PNG bytes."""
    k = published["min_cell_size"]
    return {chart.name: draw_bar_chart(chart, k=k) for chart in chart_specs(published)}
