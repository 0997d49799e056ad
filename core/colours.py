"""Contrast of a colour on white, as WCAG 2.1 defines it (relative luminance)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_on_white(hex_colour: str) -> float:
    """The contrast ratio of ``#rrggbb`` text on a white background (1 to 21)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)
