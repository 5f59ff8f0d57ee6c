"""The handbook's icon, drawn here once and written as SVG and as PNG at the sizes phones ask for.

One list of shapes on a 100 x 100 grid gives both renderings, so the artwork has a single source
and the build needs nothing beyond Pillow (which WeasyPrint already brings): a dark blue tile with
a white checklist page, three ticked boxes and ruled lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from ..stepcache import StepCache, code_of

BACKGROUND = "#0b3c5d"   # the theme's primary colour (overrides/assets/stylesheets/handbook.css)
PAGE = "#ffffff"
TICK = "#a33b00"         # the theme's accent colour
RULE = "#0b3c5d"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    radius: float
    fill: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    width: float
    colour: str


def shapes(padding: float) -> list[Rect | Line]:
    """The icon's shapes; `padding` shrinks the drawing towards the centre (maskable icons keep
    everything inside the middle 80 %, since a phone may cut the corners to a circle)."""
    scale = (100 - 2 * padding) / 100

    def at(x: float, y: float) -> tuple[float, float]:
        return padding + x * scale, padding + y * scale

    drawn: list[Rect | Line] = []
    x, y = at(24, 14)
    drawn.append(Rect(x, y, 52 * scale, 72 * scale, 4 * scale, PAGE))
    for row in range(3):
        top = 26 + row * 20
        bx, by = at(31, top)
        drawn.append(Rect(bx, by, 11 * scale, 11 * scale, 1.5 * scale, RULE))
        drawn.append(Line((at(33, top + 5.5), at(36, top + 8.5), at(41, top + 1.5)), 2.6 * scale, TICK))
        drawn.append(Line((at(47, top + 3.5), at(69, top + 3.5)), 2.4 * scale, RULE))
        drawn.append(Line((at(47, top + 8.5), at(62, top + 8.5)), 2.4 * scale, RULE))
    return drawn


def svg(padding: float = 0, rounded: bool = True) -> str:
    body = [f'<rect width="100" height="100" rx="{18 if rounded else 0}" fill="{BACKGROUND}"/>']
    for shape in shapes(padding):
        if isinstance(shape, Rect):
            body.append(f'<rect x="{shape.x:g}" y="{shape.y:g}" width="{shape.width:g}" height="{shape.height:g}" '
                        f'rx="{shape.radius:g}" fill="{shape.fill}"/>')
        else:
            points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
            body.append(f'<polyline points="{points}" fill="none" stroke="{shape.colour}" stroke-width="{shape.width:g}" '
                        'stroke-linecap="round" stroke-linejoin="round"/>')
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">' + "".join(body) + "</svg>\n"


def png(size: int, padding: float = 0, rounded: bool = True) -> bytes:
    """The icon as a PNG `size` pixels square, drawn four times larger and scaled down for smooth edges."""
    big = size * 4
    unit = big / 100
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=18 * unit if rounded else 0, fill=BACKGROUND)
    for shape in shapes(padding):
        if isinstance(shape, Rect):
            box = (shape.x * unit, shape.y * unit, (shape.x + shape.width) * unit, (shape.y + shape.height) * unit)
            draw.rounded_rectangle(box, radius=shape.radius * unit, fill=shape.fill)
        else:
            width = round(shape.width * unit)
            points = [(x * unit, y * unit) for x, y in shape.points]
            draw.line(points, fill=shape.colour, width=width, joint="curve")
            for px, py in (points[0], points[-1]):  # round caps
                draw.ellipse((px - width / 2, py - width / 2, px + width / 2, py + width / 2), fill=shape.colour)
    out = BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


# File name in the site -> (size in pixels or None for SVG, purpose in the manifest).
ICONS = {
    "assets/images/icon.svg": (None, "any"),
    "assets/images/icon-192.png": (192, "any"),
    "assets/images/icon-512.png": (512, "any"),
    "assets/images/icon-maskable-512.png": (512, "maskable"),
}


def write_icons(site_dir: Path, cache: StepCache) -> None:
    """Write every icon in ICONS into the built site; the PNGs (a few tenths of a second to draw)
    come from `cache` when this module and Pillow are unchanged."""
    for name, (size, purpose) in ICONS.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        maskable = purpose == "maskable"   # fills the square: the phone cuts its own shape
        if size is None:
            path.write_text(svg(), encoding="utf-8")
        else:
            recipe = ["icon", *code_of(packages=["pillow"]), str(size), str(maskable)]
            path.write_bytes(cache.get(recipe, lambda: png(size, padding=10 if maskable else 0, rounded=not maskable)))
