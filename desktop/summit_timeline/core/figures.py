"""A figure as people say it: "over $200 billion", "6.3 million people", "2030".

One formatter for every place a figure is read (the details pane, slides,
handouts, the review and change reports), so a number never appears as
"2.401e+11 USD" in one of them and "$240.1 billion" in another.  Numbers are
written out, never in scientific notation; large ones by magnitude
(million, billion, trillion), currencies with their sign, percentages with
"%", and years as years (2030, not "2,030 year").
"""

from __future__ import annotations

import math
from typing import Final

from .model import Figure

_SCALES: Final = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_CURRENCY: Final = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "RUB": "₽", "JPY": "¥",
                    "INR": "₹"}
_PERCENT: Final = frozenset({"%", "percent", "per cent"})
_SHORT_QUALIFIER: Final = 3
"""Words a qualifier may have to be said before the number ("more than", "up to");
a longer one is a remark and follows it in brackets."""


def number_text(value: float) -> str:
    """1500 → "1,500"; 2.7 → "2.7"; 240.1e9 → "240.1 billion"; never "2.401e+11"."""
    for size, word in _SCALES:
        if math.isfinite(value) and abs(value) >= size:
            return f"{_plain(value / size)} {word}"
    return _plain(value)


def _plain(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.6f}".rstrip("0").rstrip(".")


def amount_text(value: float | None, unit: str, qualifier: str = "") -> str:
    """The value with its unit and qualifier, as said aloud."""
    if value is None:
        number = ""
    elif unit == "year" and math.isfinite(value) and value == int(value):
        number = str(int(value))
    else:
        number = number_text(value)
    if not number:
        text = "" if unit == "year" or unit in _CURRENCY or unit in _PERCENT else unit
    elif unit in _CURRENCY:
        text = ("-" if number.startswith("-") else "") + _CURRENCY[unit] + number.lstrip("-")
    elif unit in _PERCENT:
        text = f"{number}%"
    elif unit and unit != "year":
        text = f"{number} {unit}"
    else:
        text = number
    qualifier = " ".join(qualifier.split())
    if not qualifier:
        return text
    said_before = len(qualifier.split()) <= _SHORT_QUALIFIER and \
        not any(c in qualifier for c in ";:,'’“(")
    if said_before or not text:
        return f"{qualifier} {text}".strip()
    return f"{text} ({qualifier})"


def figure_amount(figure: Figure) -> str:
    """"over $200 billion": the figure's value, unit and qualifier."""
    return amount_text(figure.value, figure.unit, figure.qualifier)


def figure_text(figure: Figure) -> str:
    """"Russia–China trade: over $200 billion" (the label alone when there is no value)."""
    amount = figure_amount(figure)
    return f"{figure.label}: {amount}" if amount else figure.label
