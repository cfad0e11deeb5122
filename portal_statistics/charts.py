"""Charts as SVG drawn on the server: shapes and words placed here, written out by one template.

Why our own few functions rather than a charting library: the site's Content-Security-Policy allows no
inline `<style>` or `style=` (libraries such as pygal put both, and a tooltip script, in their SVG),
and a page with a nonce could not be kept by the page cache. These charts use presentation attributes
(the site's colours) and class names that portal.css styles, need no script, scale with their viewBox
and print as they are. Two kinds cover the statistics page: horizontal bars, one to three series per
row (breakdowns, the funnel), and monthly columns (trends).

The viewBox is narrow (320 units), so that text stays legible on a 320 px phone; labels are wrapped to
its width (Chinese between any two characters, other text between words), as SVG text does not wrap.
"""

import math
import unicodedata
from dataclasses import dataclass, field

WIDTH = 320
PAD = 6
LABEL_SIZE, VALUE_SIZE, AXIS_SIZE = 15, 14, 13
LINE = 19  # height of a line of label text
BAR, BAR_GAP, ROW_GAP = 14, 3, 10
VALUE_ROOM = 84  # right of the longest bar, for its value ("1,250 (100%)")
# The site's colours (static/css/portal.css): --brand, --accent, and the InnoZone's violet; each has at
# least 3:1 contrast with white and the next (WCAG 1.4.11). The ink and muted text colours, the line colour.
SERIES_COLOURS = ("#00576b", "#b3410e", "#6b3fa0")
INK, MUTED, LINE_COLOUR = "#1b1f24", "#4a5560", "#d5dbe0"


class Rounded:
    """Coordinates to a tenth of a unit: short attributes, and no 129.07999999999998."""

    def __post_init__(self):
        for name in ("x", "y", "width", "height", "x1", "y1", "x2", "y2"):
            if isinstance(getattr(self, name, None), float):
                setattr(self, name, round(getattr(self, name), 1))


@dataclass
class Text(Rounded):
    x: float
    y: float
    text: str
    size: int = LABEL_SIZE
    anchor: str = "start"
    kind: str = "label"  # label, value, note, axis: a class for portal.css

    @property
    def colour(self):
        return MUTED if self.kind in ("note", "axis") else INK


@dataclass
class Rect(Rounded):
    x: float
    y: float
    width: float
    height: float
    series: int = 0
    tooltip: str = ""

    @property
    def colour(self):
        return SERIES_COLOURS[self.series % len(SERIES_COLOURS)]


@dataclass
class Line(Rounded):
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str = "grid"


@dataclass
class Chart:
    width: float
    height: float
    texts: list = field(default_factory=list)
    rects: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def text_width(text, size):
    """About how wide `text` is at `size`: CJK and other wide characters an em, the rest a bit over half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.58 for c in text)


def wrap(text, size, width):
    """`text` in lines no wider than `width` (a single word wider than that keeps its own line)."""
    tokens, word = [], ""
    for char in text:  # words, spaces, and each wide character on its own
        wide = unicodedata.east_asian_width(char) in "WF"
        if char == " " or wide:
            tokens += [word] if word else []
            tokens.append(char)
            word = ""
        else:
            word += char
    tokens += [word] if word else []
    lines, line = [], ""
    for token in tokens:
        if line and text_width((line + token).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def legend(series, chart, y):
    """Swatches and names of the series, on as many lines as they need; returns the y below them."""
    x = PAD
    for n, name in enumerate(series):
        needed = BAR + 4 + text_width(name, VALUE_SIZE) + 14
        if x > PAD and x + needed > WIDTH - PAD:
            x, y = PAD, y + LINE
        chart.rects.append(Rect(x, y, BAR, BAR, n))
        chart.texts.append(Text(x + BAR + 4, y + BAR - 2, name, VALUE_SIZE, kind="value"))
        x += needed
    return y + LINE + 4


def bars(rows, series, value_text=str):
    """Horizontal bars: `rows` are (label, values, note) with one value per series; each row has its label
    (and a note) above its bars, and each bar its value at its end. `value_text(row, n)` writes the value
    of series n of a row."""
    chart = Chart(WIDTH, 0)
    y = PAD
    if len(series) > 1:
        y = legend(series, chart, y)
    largest = max((value for _label, values, _note in rows for value in values), default=0) or 1
    room = WIDTH - 2 * PAD - VALUE_ROOM
    for index, (label, values, note) in enumerate(rows):
        for line in wrap(label, LABEL_SIZE, WIDTH - 2 * PAD):
            y += LINE
            chart.texts.append(Text(PAD, y - 4, line))
        for line in wrap(note, VALUE_SIZE, WIDTH - 2 * PAD) if note else []:
            y += LINE - 2
            chart.texts.append(Text(PAD, y - 4, line, VALUE_SIZE, kind="note"))
        y += 2
        for n, value in enumerate(values):
            width = room * value / largest
            if value:
                chart.rects.append(Rect(PAD, y, max(width, 1), BAR, n, f"{label}: {value_text(index, n)}"))
            chart.texts.append(Text(PAD + width + 4, y + BAR - 2, value_text(index, n), VALUE_SIZE, kind="value"))
            y += BAR + BAR_GAP
        y += ROW_GAP
    chart.height = y + PAD
    return chart


def nice_step(largest, ticks=4):
    """A round step (1, 2 or 5 times a power of ten) that divides 0..largest into at most `ticks` parts."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


COLUMNS_HEIGHT, AXIS_ROOM, YEAR_ROOM = 140, 36, 20


def columns(values, labels, year_labels, value_text=str):
    """Monthly columns: `values` and `labels` (each column's tooltip) oldest first; `year_labels` maps a
    column's index to the year written under it (each January's, and the first month's)."""
    chart = Chart(WIDTH, COLUMNS_HEIGHT + YEAR_ROOM + PAD)
    top, bottom, left, right = PAD + 4, COLUMNS_HEIGHT, PAD + AXIS_ROOM, WIDTH - PAD
    step = nice_step(max(values, default=0))
    highest = step * max(1, math.ceil(max(values, default=0) / step))
    scale = (bottom - top) / highest
    for tick in range(0, highest + 1, step):
        y = bottom - tick * scale
        chart.lines.append(Line(left, y, right, y, "grid" if tick else "axis"))
        chart.texts.append(Text(left - 4, y + 4, value_text(tick), AXIS_SIZE, "end", "axis"))
    slot = (right - left) / max(len(values), 1)
    for n, value in enumerate(values):
        if value:
            x, height = left + n * slot + slot * 0.15, value * scale
            chart.rects.append(Rect(x, bottom - height, slot * 0.7, height, 0, labels[n]))
        if n in year_labels:
            tick_x = left + n * slot
            chart.lines.append(Line(tick_x, bottom, tick_x, bottom + 4, "axis"))
            label = year_labels[n]
            fits = tick_x + text_width(label, AXIS_SIZE) <= WIDTH
            chart.texts.append(
                Text(tick_x if fits else WIDTH, bottom + 17, label, AXIS_SIZE, "start" if fits else "end", "axis")
            )
    return chart
