#!/usr/bin/env python3
"""Generate the flat SVG demo art for the Verdant & Vale storefront.

Reads ``catalog/demo_store.toml`` and writes:

* ``storefront/static/img/products/<image>`` for every product,
* ``storefront/static/img/departments/<slug>.svg`` for every department,
* ``storefront/static/img/logo.svg`` (the wordmark).

Standard library only and fully deterministic: running it twice produces
byte-identical files, so the output can be committed and re-generated freely.

Usage:  python scripts/make_demo_art.py
"""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from xml.dom import minidom
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "catalog" / "demo_store.toml"
IMG_DIR = ROOT / "storefront" / "static" / "img"
MAX_BYTES = 3 * 1024

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

# department slug -> (background, accent, dark text colour)
PALETTE = {
    "cbd": ("#e4f1e6", "#2f6b45", "#1d3b29"),
    "supplements": ("#fdf1d8", "#b7791f", "#4a3410"),
    "sleep": ("#e7e8f6", "#4b4f9a", "#252850"),
    "pain-relief": ("#fbe6e1", "#b4473a", "#4e1d17"),
    "wellness-tools": ("#e1f0f2", "#2c7a86", "#163e44"),
}
DEFAULT_PALETTE = ("#eeeeee", "#555555", "#222222")

# which silhouettes illustrate each department's banner
DEPARTMENT_KINDS = {
    "cbd": ("jar", "dropper", "tube"),
    "supplements": ("box", "jar", "dropper"),
    "sleep": ("dropper", "jar", "box"),
    "pain-relief": ("tube", "jar", "box"),
    "wellness-tools": ("box", "dropper", "tube"),
}

DROPPER_TAGS = {"oil", "essential-oil"}
JAR_TAGS = {"gummies", "capsules", "softgels", "tablets", "chews", "powder"}
TUBE_TAGS = {"topical"}


def load_demo_data():
    store = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    return store["departments"], store["products"]


def product_kind(tags) -> str:
    tags = set(tags)
    if tags & DROPPER_TAGS:
        return "dropper"
    if tags & JAR_TAGS:
        return "jar"
    if tags & TUBE_TAGS:
        return "tube"
    return "box"


def short_name(name: str) -> str:
    """'CBD Gummies, Mixed Berry (30 ct)' -> 'CBD Gummies'."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = name.split(",")[0]
    name = re.sub(r"^(Full|Broad)-Spectrum\s+", "", name)
    return name.strip()


def strength(name: str) -> str:
    m = re.search(r"(\d+\s?(?:mg|ml|g|lb|ct|pc|IU))\b", name)
    return m.group(1) if m else ""


def wrap(text: str, width: int = 20, max_lines: int = 2) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


# --------------------------------------------------------------------------
# silhouettes: each returns SVG markup drawn around a 400x400 canvas centre
# --------------------------------------------------------------------------
def label(y: int, accent: str, tag: str, w: int = 96, cx: int = 200) -> str:
    x = cx - w // 2
    out = f'<rect x="{x}" y="{y}" width="{w}" height="62" rx="6" fill="#fff" opacity=".92"/>'
    out += f'<text x="{cx}" y="{y + 26}" font-size="15" font-weight="700" fill="{accent}">V&amp;V</text>'
    if tag:
        out += f'<text x="{cx}" y="{y + 48}" font-size="14" fill="#444">{escape(tag)}</text>'
    return out


def draw_dropper(accent: str, tag: str) -> str:
    return (
        '<rect x="182" y="52" width="36" height="58" rx="16" fill="#2b2b2b"/>'
        '<rect x="168" y="104" width="64" height="28" rx="5" fill="#3a3a3a"/>'
        f'<rect x="140" y="128" width="120" height="164" rx="24" fill="{accent}"/>'
        '<rect x="152" y="140" width="14" height="130" rx="7" fill="#fff" opacity=".18"/>'
        + label(182, accent, tag)
    )


def draw_jar(accent: str, tag: str) -> str:
    return (
        f'<rect x="128" y="100" width="144" height="40" rx="9" fill="{accent}"/>'
        '<rect x="128" y="128" width="144" height="8" fill="#000" opacity=".12"/>'
        '<rect x="116" y="136" width="168" height="156" rx="28" fill="#fff" opacity=".85"/>'
        f'<rect x="116" y="136" width="168" height="156" rx="28" fill="none" stroke="{accent}" stroke-width="4"/>'
        f'<rect x="116" y="178" width="168" height="72" fill="{accent}" opacity=".14"/>'
        + label(183, accent, tag, 110)
    )


def draw_tube(accent: str, tag: str) -> str:
    return (
        f'<rect x="128" y="62" width="144" height="20" rx="3" fill="{accent}" opacity=".75"/>'
        f'<path d="M134 80h132l-30 172h-72z" fill="{accent}"/>'
        '<path d="M150 86h14l-22 150h-6z" fill="#fff" opacity=".16"/>'
        '<rect x="170" y="250" width="60" height="42" rx="6" fill="#2b2b2b"/>'
        + label(130, accent, tag, 88)
    )


def draw_box(accent: str, tag: str) -> str:
    return (
        f'<path d="M124 104l30-28h150l-30 28z" fill="{accent}" opacity=".6"/>'
        f'<path d="M274 104l30-28v186l-30 30z" fill="{accent}" opacity=".8"/>'
        f'<rect x="124" y="104" width="150" height="188" fill="{accent}"/>'
        + label(166, accent, tag, 104, cx=199)
    )


DRAW = {"dropper": draw_dropper, "jar": draw_jar, "tube": draw_tube, "box": draw_box}


def svg_document(title: str, body: str, view_box: str = "0 0 400 400") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img" '
        f'aria-labelledby="t"><title id="t">{escape(title)}</title>'
        f'<g font-family="{FONT}" text-anchor="middle">{body}</g></svg>\n'
    )


def background(bg: str, accent: str) -> str:
    return (
        f'<rect width="400" height="400" fill="{bg}"/>'
        f'<circle cx="200" cy="180" r="150" fill="{accent}" opacity=".08"/>'
        f'<ellipse cx="200" cy="296" rx="110" ry="10" fill="#000" opacity=".08"/>'
    )


def caption(lines: list[str], color: str, y0: int = 336, size: int = 22) -> str:
    if len(lines) == 1:
        y0 += 12
    return "".join(
        f'<text x="200" y="{y0 + i * 28}" font-size="{size}" font-weight="600" '
        f'fill="{color}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


def product_svg(product: dict) -> str:
    bg, accent, dark = PALETTE.get(product["department"], DEFAULT_PALETTE)
    kind = product_kind(product["tags"])
    body = background(bg, accent)
    body += DRAW[kind](accent, strength(product["name"]))
    body += caption(wrap(short_name(product["name"])), dark)
    return svg_document(product["name"], body)


def department_svg(dept: dict) -> str:
    bg, accent, dark = PALETTE.get(dept["slug"], DEFAULT_PALETTE)
    kinds = DEPARTMENT_KINDS.get(dept["slug"], ("box", "jar", "dropper"))
    body = f'<rect width="400" height="400" fill="{bg}"/>'
    body += f'<circle cx="200" cy="170" r="160" fill="{accent}" opacity=".1"/>'
    # back-left, back-right, then the front item larger and centred
    for kind, (dx, dy, s) in zip(kinds, ((-22, 78, 0.6), (182, 78, 0.6), (40, 50, 0.8)), strict=True):
        body += (
            f'<g transform="translate({dx} {dy}) scale({s})">'
            f"{DRAW[kind](accent, '')}</g>"
        )
    body += f'<rect x="40" y="300" width="320" height="64" rx="32" fill="{accent}"/>'
    body += (
        f'<text x="200" y="341" font-size="26" font-weight="700" fill="#fff">'
        f'{escape(dept["name"])}</text>'
    )
    return svg_document(dept["name"], body)


def logo_svg() -> str:
    # A wide wordmark: a square viewBox would shrink the text in a header bar.
    body = (
        '<path d="M30 58C12 44 14 18 42 8c6 22 4 40-12 50z" fill="#2f6b45"/>'
        '<path d="M30 58c4-14 8-26 10-40" stroke="#e4f1e6" stroke-width="2.5" '
        'fill="none" stroke-linecap="round"/>'
        '<text x="62" y="45" text-anchor="start" font-size="32" font-weight="700" '
        'fill="#1d3b29" textLength="244" lengthAdjust="spacingAndGlyphs">Verdant <tspan fill="#2f6b45" '
        'font-style="italic" font-weight="400">&amp;</tspan> Vale</text>'
    )
    return svg_document("Verdant & Vale", body, view_box="0 0 312 64")


def write(path: Path, content: str) -> None:
    minidom.parseString(content)  # raises on malformed XML
    size = len(content.encode("utf-8"))
    if size > MAX_BYTES:
        raise SystemExit(f"{path} is {size} bytes (limit {MAX_BYTES})")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def main() -> int:
    departments, products = load_demo_data()
    count = 0
    for product in products:
        write(IMG_DIR / "products" / product["image"], product_svg(product))
        count += 1
    for dept in departments:
        write(IMG_DIR / "departments" / f"{dept['slug']}.svg", department_svg(dept))
        count += 1
    write(IMG_DIR / "logo.svg", logo_svg())
    count += 1
    print(f"wrote {count} SVG files under {IMG_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
