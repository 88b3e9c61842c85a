"""The palette in assets/styles.css keeps text at WCAG AA (4.5:1) wherever Radix puts it:
white on the solid steps 9 and 10, step 11 on the soft tints, the brand yellow on navy."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

CSS = (ROOT / "assets" / "styles.css").read_text()
WHITE = "#ffffff"
# What Radix's step-3 alpha tints render to on white (soft buttons, callouts, badges).
TINTS = {
    "blue": "#e6f4fe",
    "red": "#feebec",
    "green": "#e6f6eb",
    "orange": "#ffefd6",
    "amber": "#fff7c2",
    "indigo": "#edf2fe",
    "gray": "#f0f0f0",
}
SOLID = ("blue", "red", "green", "orange")  # amber's solid step carries dark text


def luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def variable(name: str) -> str:
    match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}});", CSS)
    assert match, f"--{name} is not set in assets/styles.css"
    return match.group(1)


def test_contrast_of_known_pairs() -> None:
    """The checker itself: Radix's own blue-9 under white is the 3.26:1 axe reported."""
    assert contrast(WHITE, "#0090ff") == pytest.approx(3.26, abs=0.01)
    assert contrast("#000000", WHITE) == pytest.approx(21)


@pytest.mark.parametrize("scale", SOLID)
@pytest.mark.parametrize("step", ["9", "10"])
def test_white_text_on_solid_steps(scale: str, step: str) -> None:
    assert contrast(WHITE, variable(f"{scale}-{step}")) >= 4.5


@pytest.mark.parametrize("scale", list(TINTS))
@pytest.mark.parametrize("step", ["11", "a11"])
def test_text_step_on_its_tint_and_on_white(scale: str, step: str) -> None:
    color = variable(f"{scale}-{step}")
    assert contrast(color, TINTS[scale]) >= 4.5
    assert contrast(color, WHITE) >= 4.5


@pytest.mark.parametrize(
    ("name", "background"),
    [
        ("success-text", "#ecfdf3"),
        ("info-text", "#f0f8ff"),
        ("warning-text", "#fffcf0"),
        ("error-text", "#fff0f0"),
    ],
)
def test_toast_text_on_its_background(name: str, background: str) -> None:
    assert contrast(variable(name), background) >= 4.5


def test_brand_yellow_on_navy() -> None:
    from mpv_app.components.layout import BRAND_NAVY, BRAND_YELLOW

    assert contrast(BRAND_YELLOW, BRAND_NAVY) >= 4.5
    assert contrast(WHITE, BRAND_NAVY) >= 4.5
