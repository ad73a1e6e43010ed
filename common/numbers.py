"""Reading a whole number typed or posted as text.

``str.isdigit()`` is not the test to use before ``int()``: it is true for "²" and "①", which
``int()`` refuses, and ``int()`` also refuses more than 4,300 digits (Python's guard against
slow conversions). Both made a crafted query string or form a server error.
"""

MAX_DIGITS = 18  # every such number fits a 64-bit database integer


def whole_number(value: object) -> int | None:
    """The number ``value`` writes in decimal digits only ("2024", or "٢٠٢٤" in another
    script), at most ``MAX_DIGITS`` of them; None for anything else (a sign, blanks, "²",
    not a str)."""
    if isinstance(value, str) and value.isdecimal() and len(value) <= MAX_DIGITS:
        return int(value)
    return None
