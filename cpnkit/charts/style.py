"""Shared look of the kit's charts: public-service palette (DSFR), French number, money,
duration and month formats.

matplotlib is imported when a chart is drawn, so that importing the kit stays fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, never before
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BLUE = "#000091"  # bleu France
BLUE_MID = "#6A6AF4"
BLUE_LIGHT = "#CACAFB"
RED = "#E1000F"  # rouge Marianne
RED_LIGHT = "#F7BFC3"
GREEN = "#18753C"
GREEN_LIGHT = "#B8FEC9"
ORANGE = "#E4794A"
YELLOW = "#C8AA39"
TEAL = "#009081"
GREY = "#666666"
GREY_MID = "#929292"
GREY_LIGHT = "#E5E5E5"
INK = "#161616"
CATEGORICAL = (BLUE, TEAL, "#C3992A", "#A558A0", "#CE614A", "#465F9D", "#B7A73F", "#E18B76",
               "#009099")  # one colour a category (activities, features), in this order

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelcolor": INK,
    "axes.edgecolor": GREY_MID,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": GREY,
    "ytick.color": INK,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.facecolor": "white",
    "legend.frameon": False,
}


def styled(chart: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw a chart in the kit's style. The figure is closed before it is returned, so a
    notebook shows it once: as the value of the cell."""

    @functools.wraps(chart)
    def draw(*args, **kwargs) -> Figure:
        import matplotlib.pyplot as plt

        with plt.rc_context(RC):
            fig = chart(*args, **kwargs)
        plt.close(fig)
        return fig

    return draw


def figure(rows: int = 1, cols: int = 1, size: tuple[float, float] = (10, 5),
           **kwargs) -> tuple[Figure, Axes]:
    import matplotlib.pyplot as plt

    return plt.subplots(rows, cols, figsize=size, **kwargs)


def grid(ax: Axes, axis: str = "x") -> None:
    """Light value grid behind the data."""
    ax.grid(axis=axis, color=GREY_LIGHT, linewidth=0.8)
    ax.set_axisbelow(True)


def headline(fig: Figure, title: str, subtitle: str = "") -> None:
    """A left-aligned headline (the message) and a grey subtitle (what is shown)."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=14, fontweight="bold", color=INK)
    if subtitle:
        fig.text(0.01, 0.93, subtitle, ha="left", va="top", fontsize=10, color=GREY)


def source(fig: Figure, text: str) -> None:
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=8, color=GREY_MID)


def fr(value: float, digits: int = 0, unit: str = "") -> str:
    """A number written the French way: 12 345,6 (narrow no-break space, decimal comma)."""
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text


def euros(value: float, sign: bool = False) -> str:
    """12345 -> « 12 345 € » ; with sign, « +12 345 € » or « −12 345 € »."""
    text = fr(abs(value), 0, "€")
    return ("+" if value >= 0 else "−") + text if sign else ("−" if value < 0 else "") + text


def days(value: float) -> str:
    """3 -> « 3,0 j »."""
    return fr(value, 1, "j")

