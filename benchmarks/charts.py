"""Line charts of how a benchmark's figures grow with the size of its work, as SVG files: one
chart per figure, the value and its baseline against the size on a logarithmic axis, so that a
line that bends (a cost growing faster than the work) is seen."""

import html
import math
import re
from pathlib import Path

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP, BOTTOM = 80, 170, 40, 56
COLOURS = ("#1b7a4e", "#b35c00")


def _ticks(low, high, count=5):
    if high <= low:
        return [low]
    step = 10 ** math.floor(math.log10((high - low) / count))
    for factor in (1, 2, 5, 10):
        if (high - low) / (step * factor) <= count:
            step *= factor
            break
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 2)]


def _number(value):
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}" if value >= 1 else f"{value:.2g}"


def line_chart(title, size_label, unit, sizes, series):
    """SVG text: `series` is {name: [value per size]} (None where there is none)."""
    values = [v for points in series.values() for v in points if v is not None]
    top = max(values) * 1.1 if values else 1
    y_ticks = _ticks(0, top)
    top = max(top, y_ticks[-1])
    logs = [math.log10(size) for size in sizes]
    low, high = min(logs), max(logs)
    span = high - low or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(size):
        return LEFT + (math.log10(size) - low) / span * plot_w

    def y(value):
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12" role="img" '
        f'aria-label="{html.escape(title)}">',
        f"<title>{html.escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{html.escape(title)}</text>',
    ]
    for tick in y_ticks:
        if tick > top:
            continue
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{_number(tick)}</text>'
        )
    for size in sizes:
        parts.append(
            f'<line x1="{x(size):.1f}" x2="{x(size):.1f}" y1="{TOP}" y2="{TOP + plot_h}" '
            'stroke="#eee"/>'
            f'<text x="{x(size):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
            f"{size:,}</text>"
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
        f"{html.escape(size_label)} (logarithmic)</text>"
        f'<text x="16" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2:.1f})">{html.escape(unit)}</text>'
    )
    for index, (name, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        drawn = [(x(s), y(v)) for s, v in zip(sizes, points, strict=True) if v is not None]
        if not drawn:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in drawn)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>' for px, py in drawn
        ]
        legend_y = TOP + 14 + index * 20
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 12}" x2="{WIDTH - RIGHT + 32}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="{WIDTH - RIGHT + 38}" y="{legend_y}">{html.escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def write_series(rows, folder):
    """A chart for every figure measured at two sizes or more (rows carry `series`, `size` and
    `size_label`); returns the files written."""
    grouped = {}
    for row in rows:
        if row.get("size") is None or not isinstance(row.get("value"), (int, float)):
            continue
        if "load average" in row["metric"]:
            continue  # the machine's, not the work's
        key = (row["series"], row["metric"], row.get("occurrence", 0))
        grouped.setdefault(key, []).append(row)
    folder = Path(folder)
    written = []
    for (series, metric, occurrence), members in grouped.items():
        sizes = sorted({row["size"] for row in members})
        if len(sizes) < 2:
            continue
        by_size = {row["size"]: row for row in members}
        lines = {"value": [by_size[s]["value"] if s in by_size else None for s in sizes]}
        if any(isinstance(row.get("baseline"), (int, float)) for row in members):
            lines["baseline"] = [
                by_size[s].get("baseline") if s in by_size else None for s in sizes
            ]
        folder.mkdir(parents=True, exist_ok=True)
        path = (
            folder / f"{slug(series)}--{slug(metric)}{f'-{occurrence}' if occurrence else ''}.svg"
        )
        title = f"{series}: {metric}"
        if occurrence and members[0].get("note"):
            title += f" ({members[0]['note'].split(';')[0][:60]})"
        path.write_text(
            line_chart(title, members[0]["size_label"], metric, sizes, lines), encoding="utf-8"
        )
        written.append(path)
    return written
