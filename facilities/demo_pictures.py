"""Photos of the demo rooms, drawn here with Pillow (made for the project; public
domain, CC0 1.0, as docs/pictures.md records): a room's picture matches its alternative
text in the demo data. Used only by `manage.py load_facilities_demo`."""

import io

from django.core.files.base import ContentFile

WIDTH, HEIGHT = 800, 600
WALL, FLOOR, WOOD, DARK = (236, 231, 222), (196, 172, 140), (150, 105, 60), (40, 54, 66)


def _canvas(wall=WALL):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), wall)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 390, WIDTH, HEIGHT], fill=FLOOR)
    return image, draw


def _window(draw, x, y, w=220, h=170):
    draw.rectangle([x, y, x + w, y + h], fill=(190, 220, 240), outline=(255, 255, 255), width=10)
    draw.line([x + w // 2, y, x + w // 2, y + h], fill=(255, 255, 255), width=8)


def _chair(draw, x, y, colour):
    draw.rectangle([x, y, x + 34, y + 44], fill=colour)
    draw.rectangle([x, y + 44, x + 34, y + 56], fill=DARK)
    draw.line([x + 4, y + 56, x + 4, y + 84], fill=DARK, width=4)
    draw.line([x + 30, y + 56, x + 30, y + 84], fill=DARK, width=4)


def _round_table_room(draw):
    _window(draw, 290, 90)
    draw.rectangle([560, 110, 740, 220], fill=DARK)  # the screen
    for n in range(8):
        _chair(draw, 170 + n * 60, 370 if n % 2 else 350, (0, 80, 122))
    draw.ellipse([200, 400, 620, 500], fill=WOOD)
    draw.rectangle([400, 480, 420, 560], fill=DARK)


def _u_shape_room(draw):
    draw.rectangle([250, 70, 550, 250], fill=(250, 250, 250), outline=(200, 200, 200), width=4)
    draw.rectangle([120, 420, 680, 450], fill=WOOD)
    draw.rectangle([120, 300, 150, 450], fill=WOOD)
    draw.rectangle([650, 300, 680, 450], fill=WOOD)
    for n in range(8):
        _chair(draw, 150 + n * 66, 455, (30, 107, 53))


def _hall(draw):
    draw.rectangle([150, 300, 650, 360], fill=WOOD)  # the stage
    draw.rectangle([260, 60, 540, 240], fill=(250, 250, 250), outline=(200, 200, 200), width=4)
    for row in range(3):
        for n in range(9):
            _chair(draw, 70 + n * 74 + row * 10, 380 + row * 70, (179, 38, 30))


def _cafe(draw):
    _window(draw, 60, 80, 260, 200)
    draw.rectangle([560, 260, 780, 400], fill=WOOD)  # the counter
    for x in (600, 660, 720):
        draw.rectangle([x, 220, x + 26, 260], fill=DARK)  # coffee pots
    draw.rounded_rectangle([40, 400, 300, 480], radius=20, fill=(0, 80, 122))  # a sofa
    draw.rounded_rectangle([40, 360, 300, 420], radius=20, fill=(0, 54, 82))
    for x in (360, 520):
        draw.ellipse([x, 430, x + 120, 470], fill=WOOD)
        draw.rectangle([x + 54, 460, x + 66, 540], fill=DARK)


SCENES = {
    "Neuvotteluhuone Reposaari": _round_table_room,
    "Kokoushuone Kirjurinluoto": _u_shape_room,
    "Sali Karhu": _hall,
    "Olohuone-kahvila": _cafe,
}


def room_photo(name: str) -> ContentFile | None:
    """A PNG of the demo room called ``name`` (None for a room without a scene)."""
    scene = SCENES.get(name)
    if scene is None:
        return None
    image, draw = _canvas()
    scene(draw)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="demo.png")
