"""A per-day chart as inline SVG drawn on the server: no chart library, no CDN, no script."""

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 720, 240, 36


def day_chart(days: Sequence, *, title: str) -> Markup:
    """Bars for uses per day, a line for discount per day (each on its own scale)."""
    count = max(len(days), 1)
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = plot_w / count
    top_uses = max((d.uses for d in days), default=0) or 1
    top_cents = max((d.discount_cents for d in days), default=0) or 1
    bars, points, labels = [], [], []
    for i, d in enumerate(days):
        x = PAD + i * step
        h = plot_h * d.uses / top_uses
        bars.append(
            f'<rect class="bar-uses" x="{x + step * 0.15:.1f}" y="{PAD + plot_h - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}"><title>{escape(d.day.isoformat())}: {d.uses} uses, '
            f'${d.discount_cents / 100:,.2f} off</title></rect>'
        )
        points.append(f"{x + step / 2:.1f},{PAD + plot_h - plot_h * d.discount_cents / top_cents:.1f}")
        if count <= 14 or i % max(count // 10, 1) == 0:
            labels.append(f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle">{d.day:%b %d}</text>')
    svg = (
        f'<svg class="report-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<line class="axis" x1="{PAD}" y1="{PAD + plot_h}" x2="{WIDTH - PAD}" y2="{PAD + plot_h}"/>'
        + "".join(bars)
        + f'<polyline class="line-discount" points="{" ".join(points)}"/>'
        + "".join(labels)
        + f'<text x="{PAD}" y="{PAD - 12}">Uses (bars, max {top_uses}) · discount (line, max ${top_cents / 100:,.2f})</text>'
        + "</svg>"
    )
    return Markup(svg)
