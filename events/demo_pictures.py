"""Pictures of some demo events, drawn here with Pillow (made for the project; public
domain, CC0 1.0, as docs/pictures.md records), each matching its alternative text in
fi, sv and en. Saved through the event service like an upload. Used only by
`manage.py load_events_demo`."""

import io

from django.core.files.base import ContentFile

WIDTH, HEIGHT = 960, 540  # 16:9, as cards and pages show pictures
NIGHT, STAGE, WOOD, DARK = (28, 38, 64), (150, 105, 60), (120, 80, 45), (40, 54, 66)
COLOURS = [(0, 80, 122), (179, 38, 30), (30, 107, 53), (214, 150, 20), (110, 60, 140)]


def _person(draw, x, y, colour, scale=1.0):
    head = int(22 * scale)
    draw.ellipse([x - head, y - 3 * head, x + head, y - head], fill=(240, 205, 170))
    draw.rounded_rectangle(
        [x - int(36 * scale), y - head, x + int(36 * scale), y + int(110 * scale)],
        radius=int(24 * scale),
        fill=colour,
    )


def _choir(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=NIGHT)
    draw.polygon([(480, 20), (300, 200), (660, 200)], fill=(60, 72, 110))  # the church vault
    draw.rectangle([80, 400, 880, 540], fill=STAGE)
    for row, y in enumerate((300, 360, 420)):
        for n in range(7 - row):
            _person(draw, 210 + row * 45 + n * 95, y, (230, 230, 235) if row % 2 else (0, 80, 122))
    for x in (120, 840):  # candles
        draw.rectangle([x - 8, 300, x + 8, 400], fill=(250, 245, 230))
        draw.ellipse([x - 10, 272, x + 10, 300], fill=(255, 200, 60))


def _jazz(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(58, 20, 40))
    draw.ellipse([330, 40, 630, 300], fill=(120, 50, 70))  # the spotlight
    draw.rectangle([0, 430, WIDTH, HEIGHT], fill=STAGE)
    _person(draw, 480, 330, DARK, 1.3)
    draw.line([510, 300, 600, 400], fill=(230, 180, 50), width=14)  # the saxophone
    draw.ellipse([585, 385, 635, 425], fill=(230, 180, 50))
    draw.rectangle([150, 300, 330, 430], fill=(20, 20, 20))  # the piano
    draw.rectangle([160, 300, 320, 320], fill=(250, 250, 250))
    draw.ellipse([700, 250, 820, 430], fill=(110, 60, 30))  # the double bass
    draw.line([760, 120, 760, 260], fill=(80, 40, 20), width=10)


def _market(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(200, 225, 240))
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill=(190, 185, 175))
    for n, x in enumerate((60, 360, 660)):
        colour = COLOURS[n + 1]
        for stripe in range(6):
            fill = colour if stripe % 2 == 0 else (250, 250, 250)
            draw.rectangle([x + stripe * 40, 140, x + stripe * 40 + 40, 200], fill=fill)
        draw.rectangle([x + 10, 200, x + 230, 380], fill=WOOD)
        for k in range(4):
            draw.ellipse([x + 25 + k * 50, 250, x + 65 + k * 50, 290], fill=(214, 150, 20))
    for n, x in enumerate((200, 520, 820)):
        _person(draw, x, 440, COLOURS[n])


def _dunes(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(170, 210, 240))
    draw.ellipse([760, 40, 860, 140], fill=(255, 220, 90))  # the sun
    draw.rectangle([0, 300, WIDTH, 360], fill=(40, 110, 170))  # the sea
    draw.polygon(
        [(0, 360), (250, 300), (520, 380), (760, 310), (960, 360), (960, 540), (0, 540)],
        fill=(230, 205, 150),
    )
    for x in (120, 300, 640, 820):  # beach grass
        for k in range(5):
            draw.line([x + k * 8, 420, x + k * 8 - 10 + k * 5, 370], fill=(90, 130, 60), width=4)
    for n, x in enumerate((420, 490, 560)):
        _person(draw, x, 420, COLOURS[n], 0.8 + 0.1 * (n % 2))


def _books(draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(236, 231, 222))
    for shelf in (60, 180):
        draw.rectangle([60, shelf + 100, 900, shelf + 110], fill=WOOD)
        for k in range(26):
            colour = COLOURS[k % len(COLOURS)]
            draw.rectangle(
                [70 + k * 32, shelf + 10 + (k % 3) * 8, 96 + k * 32, shelf + 100], fill=colour
            )
    draw.ellipse([280, 400, 680, 500], fill=WOOD)  # the table
    for n, x in enumerate((250, 400, 560, 710)):
        _person(draw, x, 390, COLOURS[n], 0.9)
    draw.rectangle([440, 400, 520, 430], fill=(250, 250, 250))  # an open book


# Event (name in Finnish) → scene and alternative text in fi, sv and en.
PICTURES = {
    "Kuoron joulukonsertti": (
        _choir,
        (
            "Kuoro laulaa kirkossa kynttilöiden valossa",
            "En kör sjunger i en kyrka i levande ljus",
            "A choir singing in a church by candlelight",
        ),
    ),
    "Jazz-ilta Promenadissa": (
        _jazz,
        (
            "Saksofonisti, piano ja kontrabasso lavalla",
            "En saxofonist, ett piano och en kontrabas på scenen",
            "A saxophonist, a piano and a double bass on stage",
        ),
    ),
    "Marttojen joulumyyjäiset": (
        _market,
        (
            "Raidallisia myyntikojuja ja ostajia",
            "Randiga marknadsstånd och kunder",
            "Striped market stalls and shoppers",
        ),
    ),
    "Luontoretki Yyterin dyyneille": (
        _dunes,
        (
            "Retkeilijöitä hiekkadyyneillä meren rannalla",
            "Vandrare på sanddynerna vid havet",
            "Walkers on the sand dunes by the sea",
        ),
    ),
    "Selkokielinen lukupiiri": (
        _books,
        (
            "Lukupiiri pöydän ääressä kirjahyllyjen edessä",
            "En läscirkel vid ett bord framför bokhyllor",
            "A book circle at a table in front of bookshelves",
        ),
    ),
}


def event_picture(name: str) -> tuple[ContentFile, dict] | None:
    """A PNG of the demo event called ``name`` and its alt texts, or None."""
    from PIL import Image, ImageDraw

    if name not in PICTURES:
        return None
    scene, (fi, sv, en) = PICTURES[name]
    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    scene(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="demo.png"), {"fi": fi, "sv": sv, "en": en}
