"""Scenes for the demo games' posters: one picture per theme (fruit, Egypt, space, Vikings,
cards, roulette…), varied per game by a generator seeded with its slug.

Each scene draws on a 480×360 canvas and returns SVG elements. A poster carries no text
but what a game's art would (a card's rank, a ball's number): the lobby prints the name.
"""

from __future__ import annotations

import math
import random
from typing import Callable

W, H = 480, 360

#: (sky top, sky bottom, accent, second accent, ink) by theme; a game picks one and shifts it.
Palette = tuple[str, str, str, str, str]
Scene = Callable[[random.Random, Palette], str]


def _sky(p: Palette, angle: str = "0 0 0 1") -> str:
    x1, y1, x2, y2 = angle.split()
    return (f'<defs><linearGradient id="sky" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}">'
            f'<stop offset="0" stop-color="{p[0]}"/><stop offset="1" stop-color="{p[1]}"/></linearGradient>'
            f'<radialGradient id="glow" cx=".5" cy=".5" r=".5"><stop offset="0" stop-color="{p[2]}" stop-opacity=".9"/>'
            f'<stop offset="1" stop-color="{p[2]}" stop-opacity="0"/></radialGradient></defs>'
            f'<rect width="{W}" height="{H}" fill="url(#sky)"/>')


def _stars(rng: random.Random, count: int, colour: str = "#fff", top: int = H) -> str:
    return "".join(f'<circle cx="{rng.randint(0, W)}" cy="{rng.randint(0, top)}" r="{rng.choice((1, 1, 1.5, 2.2))}" '
                   f'fill="{colour}" opacity="{rng.uniform(.4, 1):.2f}"/>' for _ in range(count))


def _sparkle(x: float, y: float, r: float, colour: str) -> str:
    return (f'<path d="M{x} {y - r} Q{x} {y} {x + r} {y} Q{x} {y} {x} {y + r} Q{x} {y} {x - r} {y} Q{x} {y} {x} {y - r}Z" '
            f'fill="{colour}"/>')


def fruit(rng: random.Random, p: Palette) -> str:
    rays = "".join(f'<path d="M240 200 L{240 + 600 * math.cos(a):.0f} {200 + 600 * math.sin(a):.0f} '
                   f'L{240 + 600 * math.cos(a + .16):.0f} {200 + 600 * math.sin(a + .16):.0f}Z" fill="{p[3]}" opacity=".16"/>'
                   for a in (i * math.pi / 8 + rng.uniform(0, .2) for i in range(16)))
    cx = rng.randint(150, 200)
    cherries = (f'<path d="M{cx} 190 Q{cx + 40} 70 {cx + 90} 80 M{cx + 90} 80 Q{cx + 100} 150 {cx + 120} 200" '
                f'stroke="#3c7a1e" stroke-width="9" fill="none" stroke-linecap="round"/>'
                f'<path d="M{cx + 90} 80 q40 -30 70 -5 q-35 20 -70 5z" fill="#58b32b"/>'
                f'<circle cx="{cx}" cy="222" r="52" fill="#d8102b"/><circle cx="{cx + 125}" cy="230" r="52" fill="#ef1f3c"/>'
                f'<circle cx="{cx - 16}" cy="204" r="13" fill="#fff" opacity=".55"/>'
                f'<circle cx="{cx + 109}" cy="212" r="13" fill="#fff" opacity=".55"/>')
    lemon = (f'<ellipse cx="{rng.randint(60, 90)}" cy="{rng.randint(90, 130)}" rx="48" ry="36" fill="#ffd92e" '
             f'transform="rotate(-20 80 110)"/>')
    melon = (f'<g transform="translate({rng.randint(370, 410)} {rng.randint(100, 140)}) rotate({rng.randint(-30, 10)})">'
             f'<path d="M-60 0 A60 60 0 0 0 60 0Z" fill="#2f9e44"/><path d="M-50 0 A50 50 0 0 0 50 0Z" fill="#ff4d6d"/>'
             + "".join(f'<circle cx="{x}" cy="{y}" r="4" fill="#222"/>' for x, y in ((-25, 15), (0, 28), (25, 15)))
             + '</g>')
    glitter = "".join(_sparkle(rng.randint(20, 460), rng.randint(20, 340), rng.randint(8, 16), p[4]) for _ in range(7))
    return _sky(p) + rays + lemon + melon + cherries + glitter


def sevens(rng: random.Random, p: Palette) -> str:
    reels = "".join(
        f'<rect x="{40 + i * 140}" y="70" width="120" height="200" rx="18" fill="#fff" opacity=".94"/>'
        f'<text x="{100 + i * 140}" y="222" font-size="150" font-weight="900" text-anchor="middle" fill="{p[2]}" '
        f'stroke="{p[0]}" stroke-width="4" font-family="Georgia, serif">7</text>' for i in range(3))
    frame = f'<rect x="24" y="54" width="432" height="232" rx="26" fill="none" stroke="{p[3]}" stroke-width="10"/>'
    lights = "".join(f'<circle cx="{40 + i * 40}" cy="40" r="7" fill="{p[3] if i % 2 else p[4]}"/>' for i in range(11))
    return _sky(p) + _stars(rng, 30, p[4]) + reels + frame + lights + lights.replace('cy="40"', 'cy="318"')


def egypt(rng: random.Random, p: Palette) -> str:
    sun = f'<circle cx="{rng.randint(300, 390)}" cy="{rng.randint(80, 120)}" r="58" fill="{p[2]}"/>'
    sun += '<circle cx="340" cy="100" r="150" fill="url(#glow)" opacity=".5"/>'
    big = rng.randint(150, 210)
    pyramids = (f'<path d="M{big - 150} 300 L{big} 110 L{big + 150} 300Z" fill="{p[3]}"/>'
                f'<path d="M{big} 110 L{big + 150} 300 L{big + 40} 300Z" fill="#000" opacity=".22"/>'
                f'<path d="M{big + 120} 300 L{big + 220} 180 L{big + 320} 300Z" fill="{p[3]}" opacity=".85"/>'
                f'<path d="M{big + 220} 180 L{big + 320} 300 L{big + 245} 300Z" fill="#000" opacity=".22"/>')
    dunes = (f'<path d="M0 290 Q120 260 240 292 T480 285 V360 H0Z" fill="{p[4]}"/>'
             f'<path d="M0 320 Q160 300 300 325 T480 318 V360 H0Z" fill="{p[3]}" opacity=".7"/>')
    eye = (f'<g transform="translate(90 70)" fill="none" stroke="{p[2]}" stroke-width="6" stroke-linecap="round">'
           '<path d="M-40 0 Q0 -30 40 0 Q0 30 -40 0Z"/><circle r="11" fill="#1a1206"/><path d="M-6 14 q-4 26 -22 30"/></g>')
    return _sky(p) + sun + pyramids + dunes + eye


def arabian(rng: random.Random, p: Palette) -> str:
    moon = f'<circle cx="370" cy="80" r="44" fill="{p[4]}"/><circle cx="388" cy="70" r="40" fill="{p[0]}"/>'
    x = rng.randint(60, 120)
    palace = (f'<rect x="{x}" y="200" width="260" height="110" fill="{p[3]}"/>'
              f'<path d="M{x + 70} 200 Q{x + 70} 120 {x + 130} 100 Q{x + 190} 120 {x + 190} 200Z" fill="{p[2]}"/>'
              f'<rect x="{x - 10}" y="140" width="34" height="170" fill="{p[3]}"/>'
              f'<path d="M{x - 14} 142 Q{x + 7} 95 {x + 28} 142Z" fill="{p[2]}"/>'
              f'<rect x="{x + 236}" y="140" width="34" height="170" fill="{p[3]}"/>'
              f'<path d="M{x + 232} 142 Q{x + 253} 95 {x + 274} 142Z" fill="{p[2]}"/>'
              + "".join(f'<path d="M{x + 30 + i * 50} 310 v-50 q15 -22 30 0 v50Z" fill="#000" opacity=".35"/>'
                        for i in range(5)))
    coins = "".join(f'<ellipse cx="{rng.randint(20, 460)}" cy="{rng.randint(318, 350)}" rx="16" ry="7" fill="#ffcf3f" '
                    f'stroke="#b07c10" stroke-width="2"/>' for _ in range(14))
    return _sky(p) + _stars(rng, 60, "#fff", 200) + moon + palace + f'<rect y="308" width="{W}" height="52" fill="{p[1]}"/>' + coins


def space(rng: random.Random, p: Palette) -> str:
    px, py = rng.randint(300, 380), rng.randint(90, 140)
    planet = (f'<circle cx="{px}" cy="{py}" r="70" fill="{p[2]}"/>'
              f'<circle cx="{px - 20}" cy="{py - 20}" r="70" fill="#fff" opacity=".12"/>'
              f'<ellipse cx="{px}" cy="{py}" rx="118" ry="22" fill="none" stroke="{p[4]}" stroke-width="7" '
              f'transform="rotate(-18 {px} {py})" opacity=".85"/>')
    rx, ry = rng.randint(110, 170), rng.randint(190, 230)
    rocket = (f'<g transform="translate({rx} {ry}) rotate(35)">'
              f'<path d="M-16 50 Q0 110 16 50Z" fill="#ffb020"/><path d="M-9 50 Q0 85 9 50Z" fill="#fff4c2"/>'
              f'<path d="M-22 -40 Q0 -110 22 -40 V50 H-22Z" fill="#eef2ff"/>'
              f'<circle cy="-20" r="11" fill="{p[3]}" stroke="#94a3c8" stroke-width="4"/>'
              f'<path d="M-22 20 L-44 56 L-22 50Z M22 20 L44 56 L22 50Z" fill="{p[3]}"/></g>')
    moonlet = f'<circle cx="{rng.randint(40, 90)}" cy="{rng.randint(50, 90)}" r="22" fill="{p[4]}" opacity=".8"/>'
    return _sky(p) + _stars(rng, 90) + moonlet + planet + rocket


def zodiac(rng: random.Random, p: Palette) -> str:
    ring = "".join(
        f'<circle cx="{240 + 120 * math.cos(i * math.pi / 6):.0f}" cy="{180 + 120 * math.sin(i * math.pi / 6):.0f}" '
        f'r="9" fill="{p[2]}"/>' for i in range(12))
    points = [(rng.randint(60, 420), rng.randint(40, 320)) for _ in range(6)]
    lines = "".join(f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}" stroke="{p[4]}" stroke-width="2" opacity=".6"/>'
                    for a, b in zip(points, points[1:], strict=False))
    return (_sky(p, "0 0 1 1") + _stars(rng, 80) + '<circle cx="240" cy="180" r="150" fill="url(#glow)" opacity=".4"/>'
            f'<circle cx="240" cy="180" r="120" fill="none" stroke="{p[2]}" stroke-width="4"/>'
            f'<circle cx="240" cy="180" r="80" fill="none" stroke="{p[3]}" stroke-width="2" stroke-dasharray="6 8"/>'
            + ring + lines + "".join(_sparkle(x, y, 12, p[4]) for x, y in points)
            + f'<circle cx="240" cy="180" r="34" fill="{p[2]}"/>')


def vikings(rng: random.Random, p: Palette) -> str:
    peaks = (f'<path d="M0 230 L90 120 L160 200 L250 90 L340 190 L420 130 L480 200 V360 H0Z" fill="{p[3]}" opacity=".55"/>'
             f'<path d="M250 90 L225 120 L245 115 L262 125 L275 107Z" fill="#fff" opacity=".8"/>')
    x = rng.randint(150, 220)
    ship = (f'<path d="M{x - 120} 250 Q{x} 300 {x + 130} 250 L{x + 150} 225 L{x + 120} 240 Q{x} 270 {x - 100} 240 '
            f'L{x - 135} 215Z" fill="#5b3418"/>'
            f'<circle cx="{x - 136}" cy="212" r="10" fill="#5b3418"/>'
            f'<rect x="{x - 3}" y="110" width="6" height="140" fill="#3b220f"/>'
            f'<path d="M{x - 70} 120 H{x + 70} Q{x + 80} 180 {x + 70} 230 H{x - 70} Q{x - 80} 180 {x - 70} 120Z" fill="{p[4]}"/>'
            + "".join(f'<rect x="{x - 70}" y="{130 + i * 34}" width="140" height="16" fill="{p[2]}"/>' for i in range(3))
            + "".join(f'<circle cx="{x - 90 + i * 40}" cy="252" r="13" fill="{p[2]}" stroke="#3b220f" stroke-width="4"/>'
                      for i in range(6)))
    waves = "".join(f'<path d="M0 {280 + i * 22} q30 -14 60 0 t60 0 t60 0 t60 0 t60 0 t60 0 t60 0 t60 0 V360 H0Z" '
                    f'fill="{p[1]}" opacity="{.6 + i * .13:.2f}"/>' for i in range(3))
    return _sky(p) + _stars(rng, 20, "#fff", 120) + peaks + ship + waves


def olympus(rng: random.Random, p: Palette) -> str:
    columns = "".join(
        f'<rect x="{70 + i * 80}" y="150" width="40" height="170" fill="{p[4]}"/>'
        + "".join(f'<rect x="{76 + i * 80 + j * 9}" y="158" width="3" height="154" fill="#000" opacity=".12"/>'
                  for j in range(4)) for i in range(5))
    roof = (f'<path d="M40 150 L240 60 L440 150Z" fill="{p[4]}"/><rect x="40" y="140" width="400" height="16" fill="{p[3]}"/>'
            f'<rect x="40" y="316" width="400" height="20" fill="{p[3]}"/>')
    bx = rng.randint(120, 360)
    bolt = (f'<path d="M{bx + 30} 10 L{bx - 20} 110 L{bx + 10} 110 L{bx - 30} 210 L{bx + 60} 90 L{bx + 25} 90 L{bx + 60} 10Z" '
            f'fill="{p[2]}" stroke="#fff" stroke-width="3"/>')
    clouds = "".join(f'<ellipse cx="{rng.randint(0, 480)}" cy="{rng.randint(300, 350)}" rx="{rng.randint(70, 120)}" '
                     f'ry="30" fill="#fff" opacity=".75"/>' for _ in range(5))
    return _sky(p) + roof + columns + bolt + clouds


def cards(rng: random.Random, p: Palette) -> str:
    suits = [("♠", "#111"), ("♥", "#d0112b"), ("♦", "#d0112b"), ("♣", "#111")]
    count = rng.choice((2, 3, 5))
    ranks = rng.sample(["A", "K", "Q", "J", "10", "9", "2"], count)
    chosen = [rng.choice(suits) for _ in range(count)]
    felt = f'<ellipse cx="240" cy="380" rx="360" ry="200" fill="{p[3]}" opacity=".5"/>'
    deck = ""
    for i, ((suit, colour), rank) in enumerate(zip(chosen, ranks, strict=False)):
        angle = (i - (count - 1) / 2) * (60 / count)
        deck += (f'<g transform="rotate({angle} 240 330)"><rect x="180" y="80" width="120" height="170" rx="12" fill="#fff" '
                 f'stroke="#ccd" stroke-width="2"/><text x="196" y="118" font-size="30" font-weight="800" fill="{colour}" '
                 f'font-family="Georgia, serif">{rank}</text><text x="240" y="200" font-size="70" text-anchor="middle" '
                 f'fill="{colour}">{suit}</text></g>')
    chips = "".join(
        f'<g transform="translate({x} {y})"><circle r="26" fill="{c}"/><circle r="26" fill="none" stroke="#fff" '
        f'stroke-width="7" stroke-dasharray="8 8"/><circle r="14" fill="none" stroke="#fff" stroke-width="2"/></g>'
        for x, y, c in ((rng.randint(50, 90), 300, p[2]), (rng.randint(390, 430), 295, "#1f6feb"), (410, 270, p[2])))
    return _sky(p) + '<circle cx="240" cy="150" r="200" fill="url(#glow)" opacity=".35"/>' + felt + deck + chips


def roulette(rng: random.Random, p: Palette) -> str:
    cx, cy, r = 240, 190, 140
    turn = rng.uniform(0, math.pi)
    segments = ""
    for i in range(18):
        a0, a1 = turn + i * math.pi / 9, turn + (i + 1) * math.pi / 9
        colour = "#0d9b4b" if i == 0 else ("#c8102e" if i % 2 else "#15151a")
        segments += (f'<path d="M{cx} {cy} L{cx + r * math.cos(a0):.1f} {cy + r * math.sin(a0):.1f} '
                     f'A{r} {r} 0 0 1 {cx + r * math.cos(a1):.1f} {cy + r * math.sin(a1):.1f}Z" fill="{colour}"/>')
    ball_a = rng.uniform(0, 2 * math.pi)
    wheel = (f'<circle cx="{cx}" cy="{cy}" r="{r + 18}" fill="#6b3d17" stroke="{p[2]}" stroke-width="6"/>' + segments
             + f'<circle cx="{cx}" cy="{cy}" r="80" fill="#7a4a1f"/><circle cx="{cx}" cy="{cy}" r="62" fill="{p[2]}"/>'
             f'<path d="M{cx - 40} {cy} H{cx + 40} M{cx} {cy - 40} V{cy + 40}" stroke="#7a4a1f" stroke-width="10" '
             f'stroke-linecap="round"/><circle cx="{cx}" cy="{cy}" r="14" fill="#fff4c2"/>'
             f'<circle cx="{cx + 118 * math.cos(ball_a):.1f}" cy="{cy + 118 * math.sin(ball_a):.1f}" r="9" fill="#fff"/>')
    return _sky(p) + f'<circle cx="{cx}" cy="{cy}" r="230" fill="url(#glow)" opacity=".45"/>' + wheel


def money_wheel(rng: random.Random, p: Palette) -> str:
    colours = ("#ffd12e", "#1fb5ff", "#ff4f9a", "#7ae14b", "#a467ff", "#ff8a1f")
    cx, cy, r = 240, 200, 150
    turn = rng.uniform(0, 1)
    segments = "".join(
        f'<path d="M{cx} {cy} L{cx + r * math.cos(turn + i * math.pi / 12):.1f} {cy + r * math.sin(turn + i * math.pi / 12):.1f} '
        f'A{r} {r} 0 0 1 {cx + r * math.cos(turn + (i + 1) * math.pi / 12):.1f} '
        f'{cy + r * math.sin(turn + (i + 1) * math.pi / 12):.1f}Z" fill="{colours[i % len(colours)]}"/>' for i in range(24))
    bulbs = "".join(f'<circle cx="{cx + (r + 12) * math.cos(i * math.pi / 12):.1f}" '
                    f'cy="{cy + (r + 12) * math.sin(i * math.pi / 12):.1f}" r="5" fill="#fff"/>' for i in range(24))
    return (_sky(p) + _stars(rng, 40, p[4]) + f'<circle cx="{cx}" cy="{cy}" r="{r + 22}" fill="{p[3]}"/>' + segments + bulbs
            + f'<circle cx="{cx}" cy="{cy}" r="36" fill="{p[2]}" stroke="#fff" stroke-width="5"/>'
            f'<path d="M{cx - 18} 20 H{cx + 18} L{cx} 62Z" fill="#fff" stroke="{p[0]}" stroke-width="3"/>')


def racing(rng: random.Random, p: Palette) -> str:
    sun = (f'<circle cx="240" cy="170" r="90" fill="{p[2]}"/>'
           + "".join(f'<rect x="140" y="{180 + i * 14}" width="200" height="{4 + i}" fill="{p[0]}"/>' for i in range(6)))
    hills = f'<path d="M0 200 L80 160 L150 195 L240 150 L330 190 L400 165 L480 200 V220 H0Z" fill="{p[3]}" opacity=".7"/>'
    ground = f'<rect y="210" width="{W}" height="150" fill="#0b0620"/>'
    grid = "".join(f'<line x1="240" y1="210" x2="{240 + (i - 6) * 90}" y2="360" stroke="{p[3]}" stroke-width="2"/>'
                   for i in range(13))
    grid += "".join(f'<line x1="0" y1="{210 + d}" x2="480" y2="{210 + d}" stroke="{p[3]}" stroke-width="2"/>'
                    for d in (8, 20, 38, 64, 100, 146))
    x = rng.randint(150, 190)
    car = (f'<g transform="translate({x} 250)"><path d="M0 60 L10 30 Q30 10 70 8 L110 8 Q140 10 160 30 L170 60Z" fill="{p[4]}"/>'
           f'<path d="M35 30 Q50 16 75 16 L105 16 Q125 16 138 30Z" fill="#0b0620" opacity=".8"/>'
           f'<rect x="-4" y="56" width="178" height="18" rx="6" fill="{p[4]}"/>'
           f'<rect x="6" y="60" width="26" height="8" fill="{p[2]}"/><rect x="138" y="60" width="26" height="8" fill="{p[2]}"/></g>')
    return _sky(p) + _stars(rng, 40, "#fff", 140) + sun + hills + ground + grid + car


def safari(rng: random.Random, p: Palette) -> str:
    sun = f'<circle cx="{rng.randint(120, 360)}" cy="200" r="90" fill="{p[2]}"/>'
    x = rng.randint(260, 360)
    tree = (f'<path d="M{x} 300 Q{x + 5} 220 {x - 20} 170 M{x} 240 Q{x + 30} 200 {x + 60} 180" stroke="#1d1208" '
            f'stroke-width="12" fill="none" stroke-linecap="round"/>'
            f'<ellipse cx="{x + 10}" cy="165" rx="110" ry="26" fill="#1d1208"/>'
            f'<ellipse cx="{x + 40}" cy="176" rx="60" ry="16" fill="#1d1208"/>')
    herd = "".join(
        f'<g transform="translate({gx} 282)" fill="#1d1208"><rect x="0" y="0" width="46" height="18" rx="8"/>'
        f'<rect x="4" y="16" width="5" height="20"/><rect x="36" y="16" width="5" height="20"/>'
        f'<path d="M42 4 L60 -26 L66 -24 L52 8Z"/><circle cx="63" cy="-26" r="6"/></g>'
        for gx in sorted(rng.sample(range(20, 200, 30), 2)))
    ground = '<path d="M0 300 Q240 280 480 300 V360 H0Z" fill="#1d1208"/>'
    birds = "".join(f'<path d="M{bx} {by} q8 -8 16 0 q8 -8 16 0" stroke="#1d1208" stroke-width="3" fill="none"/>'
                    for bx, by in ((rng.randint(40, 200), rng.randint(50, 100)) for _ in range(3)))
    return _sky(p) + sun + tree + herd + ground + birds


def wolf(rng: random.Random, p: Palette) -> str:
    moon = f'<circle cx="{rng.randint(300, 380)}" cy="100" r="62" fill="{p[4]}"/><circle cx="340" cy="100" r="160" fill="url(#glow)" opacity=".35"/>'
    mountains = f'<path d="M0 260 L110 150 L200 230 L290 130 L400 240 L480 190 V360 H0Z" fill="{p[3]}"/>'
    pines = "".join(f'<path d="M{x} {y} l-22 52 h44z M{x} {y + 25} l-28 55 h56z" fill="#06140f"/>'
                    for x, y in ((rng.randint(0, 480), rng.randint(230, 260)) for _ in range(9)))
    wolf_shape = ('<path d="M120 300 L130 240 L118 205 L130 200 L150 160 L158 130 L166 150 L172 175 L190 210 L200 300Z" '
                  'fill="#06140f"/>')
    return _sky(p) + _stars(rng, 50, "#fff", 200) + moon + mountains + pines + wolf_shape + \
        f'<rect y="300" width="{W}" height="60" fill="#06140f"/>'


def gems(rng: random.Random, p: Palette) -> str:
    def gem(x: int, y: int, s: float, colour: str) -> str:
        return (f'<g transform="translate({x} {y}) scale({s:.2f})"><path d="M-50 -20 L-30 -45 H30 L50 -20 L0 45Z" fill="{colour}"/>'
                f'<path d="M-50 -20 H50 L0 45Z" fill="#000" opacity=".18"/><path d="M-30 -45 L-12 -20 L0 -45 L12 -20 L30 -45" '
                f'fill="#fff" opacity=".35"/></g>')
    rocks = '<path d="M0 280 Q60 230 140 260 T300 250 T480 270 V360 H0Z" fill="#1a1230"/>'
    stalactites = "".join(f'<path d="M{x} 0 l18 0 l-9 {rng.randint(40, 90)}z" fill="#1a1230"/>' for x in range(0, 480, 36))
    shown = gem(240, 190, 1.6, p[2]) + gem(rng.randint(90, 130), 240, .9, p[3]) + gem(rng.randint(350, 390), 235, 1.0, p[4])
    glitter = "".join(_sparkle(rng.randint(40, 440), rng.randint(60, 300), rng.randint(6, 14), "#fff") for _ in range(8))
    return _sky(p) + '<circle cx="240" cy="190" r="200" fill="url(#glow)" opacity=".55"/>' + stalactites + rocks + shown + glitter


def neon(rng: random.Random, p: Palette) -> str:
    skyline = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{H - y}" fill="#0a0618"/>'
                      for x, y, w in ((i * 48 + rng.randint(-6, 6), rng.randint(150, 250), rng.randint(34, 52))
                                      for i in range(11)))
    windows = "".join(f'<rect x="{rng.randint(0, 470)}" y="{rng.randint(190, 340)}" width="6" height="8" fill="{p[4]}" '
                      f'opacity=".7"/>' for _ in range(40))
    notes = "".join(f'<g fill="{c}" transform="translate({x} {y})"><ellipse cx="0" cy="40" rx="14" ry="10"/>'
                    f'<rect x="10" y="-10" width="5" height="50"/><path d="M15 -10 q20 8 18 30 q-6 -16 -18 -16z"/></g>'
                    for x, y, c in ((rng.randint(60, 140), rng.randint(40, 90), p[2]), (rng.randint(300, 400), rng.randint(30, 80), p[3])))
    guitar = (f'<g transform="translate(240 150) rotate(28)"><rect x="-7" y="-130" width="14" height="130" fill="{p[4]}"/>'
              f'<ellipse cx="0" cy="30" rx="48" ry="56" fill="{p[2]}"/><ellipse cx="0" cy="-14" rx="36" ry="34" fill="{p[2]}"/>'
              f'<circle cy="10" r="14" fill="#0a0618"/></g>')
    return _sky(p) + skyline + windows + notes + guitar


def city(rng: random.Random, p: Palette) -> str:
    moon = f'<circle cx="{rng.randint(80, 160)}" cy="80" r="46" fill="{p[4]}"/>'
    skyline = "".join(f'<rect x="{x}" y="{y}" width="{w}" height="{H - y}" fill="#0b0b10"/>'
                      for x, y, w in ((i * 60 + rng.randint(-8, 8), rng.randint(120, 230), rng.randint(40, 64)) for i in range(9)))
    windows = "".join(f'<rect x="{rng.randint(0, 470)}" y="{rng.randint(160, 350)}" width="7" height="10" fill="{p[2]}" '
                      f'opacity=".85"/>' for _ in range(50))
    hat = (f'<g transform="translate(300 150)"><ellipse cx="0" cy="40" rx="110" ry="22" fill="#111"/>'
           f'<path d="M-60 40 Q-66 -40 0 -40 Q66 -40 60 40Z" fill="#1b1b22"/><rect x="-62" y="14" width="124" height="18" fill="{p[3]}"/></g>')
    rose = '<circle cx="80" cy="300" r="20" fill="#c8102e"/><path d="M80 320 V350" stroke="#2f6b1e" stroke-width="5"/>'
    return _sky(p) + moon + skyline + windows + hat + rose


def candy(rng: random.Random, p: Palette) -> str:
    def lolly(x: int, y: int, r: int, c: str) -> str:
        swirl = "".join(f'<circle cx="{x}" cy="{y}" r="{r - k * r // 4}" fill="{c if k % 2 == 0 else "#fff"}"/>' for k in range(4))
        return f'<rect x="{x - 4}" y="{y}" width="8" height="{r * 3}" fill="#fff"/>' + swirl
    wraps = "".join(
        f'<g transform="translate({x} {y}) rotate({rng.randint(-40, 40)})"><ellipse rx="28" ry="20" fill="{c}"/>'
        f'<path d="M-28 0 l-18 -14 v28z M28 0 l18 -14 v28z" fill="{c}"/></g>'
        for x, y, c in ((rng.randint(40, 120), rng.randint(240, 320), p[3]), (rng.randint(360, 440), rng.randint(250, 320), p[4]),
                        (rng.randint(200, 280), rng.randint(290, 330), p[2])))
    hills = '<path d="M0 300 Q80 250 160 300 T320 300 T480 300 V360 H0Z" fill="#fff" opacity=".6"/>'
    return (_sky(p) + hills + lolly(rng.randint(120, 170), 110, 62, p[2]) + lolly(rng.randint(320, 370), 140, 48, p[3])
            + wraps + "".join(_sparkle(rng.randint(20, 460), rng.randint(20, 200), 10, "#fff") for _ in range(6)))


def balls(rng: random.Random, p: Palette) -> str:
    colours = (p[2], p[3], "#ffffff", "#ffd12e", "#1fb5ff", "#ff4f9a")
    drawn = ""
    for i, n in enumerate(rng.sample(range(1, 80), 5)):
        x, y = 70 + i * 85, 180 + (i % 2) * 50 - 25
        drawn += (f'<circle cx="{x}" cy="{y}" r="38" fill="{colours[i % len(colours)]}"/>'
                  f'<circle cx="{x}" cy="{y}" r="22" fill="#fff"/>'
                  f'<text x="{x}" y="{y + 9}" font-size="26" font-weight="800" text-anchor="middle" fill="#111" '
                  f'font-family="system-ui, sans-serif">{n}</text><circle cx="{x - 14}" cy="{y - 16}" r="7" fill="#fff" opacity=".6"/>')
    grid = "".join(f'<rect x="{20 + c * 56}" y="{20 + r * 40}" width="48" height="32" rx="6" fill="#fff" opacity=".08"/>'
                   for c in range(8) for r in range(2))
    return _sky(p) + grid + '<circle cx="240" cy="190" r="220" fill="url(#glow)" opacity=".35"/>' + drawn


def sports(rng: random.Random, p: Palette) -> str:
    pitch = (f'<rect y="160" width="{W}" height="200" fill="#1f8a3b"/>'
             + "".join(f'<rect x="{i * 60}" y="160" width="30" height="200" fill="#26a046"/>' for i in range(0, 8))
             + '<path d="M0 250 H480 M240 160 V360" stroke="#fff" stroke-width="4" opacity=".8"/>'
             '<ellipse cx="240" cy="250" rx="80" ry="34" fill="none" stroke="#fff" stroke-width="4" opacity=".8"/>')
    lights = "".join(f'<circle cx="{x}" cy="60" r="40" fill="url(#glow)"/><rect x="{x - 3}" y="60" width="6" height="100" fill="#222"/>'
                     for x in (60, 420))
    bx = rng.randint(180, 300)
    ball = (f'<circle cx="{bx}" cy="150" r="46" fill="#fff" stroke="#111" stroke-width="3"/>'
            f'<path d="M{bx} 128 l20 14 -8 24 h-24 l-8 -24z" fill="#111"/>')
    return _sky(p) + lights + pitch + ball


def crash(rng: random.Random, p: Palette) -> str:
    grid = "".join(f'<line x1="{x}" y1="0" x2="{x}" y2="{H}" stroke="#fff" opacity=".06"/>' for x in range(0, 480, 40))
    grid += "".join(f'<line x1="0" y1="{y}" x2="{W}" y2="{y}" stroke="#fff" opacity=".06"/>' for y in range(0, 360, 40))
    top = rng.randint(50, 90)
    curve = (f'<path d="M20 330 Q300 320 400 {top}" stroke="{p[2]}" stroke-width="10" fill="none" stroke-linecap="round"/>'
             f'<path d="M20 330 Q300 320 400 {top} V340 H20Z" fill="{p[2]}" opacity=".18"/>')
    rocket = (f'<g transform="translate(400 {top}) rotate(40)"><path d="M-10 20 Q0 70 10 20Z" fill="#ffb020"/>'
              f'<path d="M-14 -30 Q0 -80 14 -30 V20 H-14Z" fill="#fff"/><circle cy="-14" r="7" fill="{p[3]}"/></g>')
    mult = rng.choice(("2.45", "5.10", "12.8", "3.33"))
    label = (f'<text x="150" y="160" font-size="64" font-weight="900" fill="{p[4]}" font-family="system-ui, sans-serif">'
             f'{mult}×</text>')
    return _sky(p) + _stars(rng, 30) + grid + curve + label + rocket


def plants(rng: random.Random, p: Palette) -> str:
    def pot(x: int, scale: float, colour: str) -> str:
        leaves = "".join(f'<path d="M0 0 Q{-40 + k * 20} -60 {-30 + k * 15} -120 Q{10 + k * 5} -70 0 0Z" fill="{colour}" '
                         f'transform="rotate({-40 + k * 20})"/>' for k in range(5))
        return (f'<g transform="translate({x} 260) scale({scale:.2f})">{leaves}'
                f'<path d="M-40 0 H40 L30 70 H-30Z" fill="#c2542d"/><rect x="-44" y="-6" width="88" height="14" rx="4" fill="#a8441f"/></g>')
    shelf = '<rect y="330" width="480" height="30" fill="#6b4423"/>'
    window = (f'<rect x="300" y="30" width="150" height="150" rx="6" fill="{p[4]}" opacity=".5"/>'
              f'<path d="M375 30 V180 M300 105 H450" stroke="{p[0]}" stroke-width="8"/>')
    return _sky(p) + window + shelf + pot(rng.randint(90, 130), 1.1, p[2]) + pot(rng.randint(240, 280), .9, p[3]) + \
        pot(rng.randint(380, 410), .75, "#2f9e44")


def treasure(rng: random.Random, p: Palette) -> str:
    coins = "".join(f'<g transform="translate({x} {y})"><ellipse rx="30" ry="12" fill="#b07c10"/>'
                    f'<ellipse cy="-5" rx="30" ry="12" fill="#ffcf3f"/></g>'
                    for x, y in sorted(((rng.randint(60, 420), rng.randint(250, 330)) for _ in range(16)), key=lambda c: c[1]))
    chest = ('<g transform="translate(240 200)"><rect x="-110" y="-10" width="220" height="110" rx="10" fill="#7a4a1f"/>'
             '<path d="M-110 -10 Q0 -110 110 -10Z" fill="#8d5a27"/><rect x="-110" y="-14" width="220" height="16" fill="#ffcf3f"/>'
             '<rect x="-16" y="-10" width="32" height="40" rx="4" fill="#ffcf3f"/>'
             '<rect x="-70" y="-10" width="12" height="110" fill="#ffcf3f"/><rect x="58" y="-10" width="12" height="110" fill="#ffcf3f"/></g>')
    return (_sky(p) + '<circle cx="240" cy="170" r="220" fill="url(#glow)" opacity=".6"/>' + chest + coins
            + "".join(_sparkle(rng.randint(40, 440), rng.randint(30, 180), rng.randint(8, 16), "#fff") for _ in range(6)))


#: Themes: the words in a game's name that pick one, then its category's default.
THEMES: dict[str, tuple[Scene, tuple[Palette, ...]]] = {
    "fruit": (fruit, (("#ff7a18", "#ffb347", "#fff3b0", "#ffd166", "#ffffff"), ("#ff3e8a", "#ff9a5a", "#fff", "#ffd166", "#fff3b0"))),
    "sevens": (sevens, (("#2a0845", "#6441a5", "#e0132f", "#ffd12e", "#fff"), ("#0f2027", "#2c5364", "#e0132f", "#36e2ff", "#fff"))),
    "egypt": (egypt, (("#f7b733", "#fc4a1a", "#fff1a8", "#c9822b", "#e3a857"), ("#ff9966", "#ff5e62", "#fff4c2", "#b86b25", "#e8b26a"))),
    "arabian": (arabian, (("#141e5a", "#3b1f6b", "#ffcf3f", "#2a1a4d", "#fff4c2"),)),
    "space": (space, (("#0b0033", "#370058", "#ff7ad9", "#7cf5ff", "#ffe27a"), ("#000428", "#004e92", "#ffb347", "#ff5e62", "#c4f1ff"))),
    "zodiac": (zodiac, (("#1b1446", "#3a1c71", "#ffd86b", "#8f7bff", "#fff"),)),
    "vikings": (vikings, (("#2b3a55", "#7d8fa8", "#b3261e", "#485b74", "#efe6d2"), ("#1e2a3a", "#46607a", "#1f5fa8", "#33475e", "#f2ead8"))),
    "olympus": (olympus, (("#3a7bd5", "#a4d4ff", "#ffd12e", "#c9a227", "#f6f1e3"), ("#5b247a", "#1bcedf", "#fff45c", "#b08d2a", "#f5efe0"))),
    "cards": (cards, (("#0f5132", "#052e1c", "#ffd12e", "#0a6b3d", "#fff"), ("#4a0b12", "#1e0508", "#ffcf3f", "#6b1420", "#fff"),
                      ("#0b2a4a", "#04121f", "#ff4f6d", "#0f3f6e", "#fff"), ("#3d1a5e", "#12061f", "#36e2ff", "#5a2a8a", "#fff"),
                      ("#5e3a00", "#1f1300", "#ffb020", "#8a5a00", "#fff"))),
    "roulette": (roulette, (("#3b0a0a", "#0d0d12", "#ffcf3f", "#222", "#fff"), ("#062a1a", "#020d08", "#ffd86b", "#222", "#fff"))),
    "wheel": (money_wheel, (("#2a0a5e", "#100326", "#ff2fbf", "#3b1a78", "#ffe27a"),)),
    "racing": (racing, (("#1a0536", "#ff2fbf", "#ffb020", "#b026ff", "#e6f7ff"), ("#0a0330", "#1fb5ff", "#ff4f6d", "#26e0ff", "#fff"))),
    "safari": (safari, (("#ff5f2e", "#ffb347", "#ffe27a", "#000", "#fff"), ("#f83600", "#f9d423", "#fff1a8", "#000", "#fff"))),
    "wolf": (wolf, (("#0f2027", "#2c5364", "#bfe9ff", "#17323f", "#fff8dc"),)),
    "gems": (gems, (("#1a0b3a", "#3f0f6e", "#36e2ff", "#ff3b9a", "#b5ff6b"), ("#06202a", "#103d52", "#ff3b6b", "#36e29a", "#ffd12e"))),
    "neon": (neon, (("#12002e", "#5b0a91", "#ff2fbf", "#26e0ff", "#ffe27a"), ("#001a2e", "#0a5c91", "#ffd12e", "#ff4f6d", "#b5ffec"))),
    "city": (city, (("#141414", "#3b2a1a", "#ffcf6b", "#8b0000", "#fff3d0"),)),
    "candy": (candy, (("#ff9ad5", "#ffd1f0", "#ff3f8e", "#7c5cff", "#36c5f0"), ("#a1ffce", "#faffd1", "#ff5fa2", "#ffb020", "#7c5cff"))),
    "balls": (balls, (("#1d2671", "#c33764", "#ff4f6d", "#36c5f0", "#fff"), ("#134e5e", "#71b280", "#ffd12e", "#ff4f9a", "#fff"))),
    "sports": (sports, (("#061a40", "#0353a4", "#fff7c2", "#1f8a3b", "#fff"),)),
    "crash": (crash, (("#0b0d2e", "#1e1b4b", "#ff3b6b", "#36e2ff", "#ffe27a"), ("#07131f", "#0c2b3f", "#36e29a", "#ff4f9a", "#e6fff4"))),
    "plants": (plants, (("#d4fc79", "#96e6a1", "#3c9d4e", "#5fbf5a", "#fffde8"),)),
    "treasure": (treasure, (("#3a1c00", "#140900", "#ffcf3f", "#7a4a1f", "#fff"), ("#1a1440", "#0b0820", "#ffd86b", "#7a4a1f", "#fff"))),
}

KEYWORDS = (
    ("cherry", "fruit"), ("fruit", "fruit"), ("7s", "sevens"), ("lucky", "sevens"), ("pharaoh", "egypt"),
    ("egypt", "egypt"), ("aladdin", "arabian"), ("moon", "space"), ("rocket", "crash"), ("zodiac", "zodiac"),
    ("viking", "vikings"), ("spartian", "olympus"), ("olympus", "olympus"), ("roulette", "roulette"),
    ("crazy", "wheel"), ("racer", "racing"), ("safari", "safari"), ("moolah", "safari"), ("wolf", "wolf"),
    ("crystal", "gems"), ("diamond", "gems"), ("rock", "neon"), ("neon", "neon"), ("copa", "neon"),
    ("slotfather", "city"), ("bingo", "balls"), ("sweet", "candy"), ("candy", "candy"), ("bonanza", "candy"), ("keno", "balls"),
    ("lotto", "balls"), ("scratch", "gems"), ("plant", "plants"), ("gold", "treasure"),
    ("loot", "treasure"), ("betting", "sports"), ("sportsbook", "sports"),
)
BY_CATEGORY = {"videoslots": "treasure", "classicslots": "sevens", "videopokers": "cards", "tablegames": "cards",
               "crashgames": "crash", "sportsbook": "sports", "other": "balls"}


def theme_of(name: str, category: str) -> str:
    lowered = name.lower()
    return next((theme for word, theme in KEYWORDS if word in lowered), BY_CATEGORY.get(category, "treasure"))


def scene(name: str, slug: str, category: str) -> str:
    """The poster's picture for a game: its theme's scene, varied by its slug."""
    draw, palettes = THEMES[theme_of(name, category)]
    rng = random.Random(slug)  # noqa: S311 - a picture, not a secret: the same one every time
    return draw(rng, palettes[rng.randrange(len(palettes))])
