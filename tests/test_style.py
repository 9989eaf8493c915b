"""Style: every text colour pair is readable (WCAG AA), and figures need alt text."""

import matplotlib.pyplot as plt
import pytest

from reliefcycle.core import style
from reliefcycle.core.safety import SafetyError


@pytest.mark.parametrize("fg, bg", style.TEXT_PAIRS)
def test_text_contrast_is_at_least_4_5(fg, bg):
    assert style.contrast(fg, bg) >= style.MIN_CONTRAST


def test_contrast_helper_matches_known_values():
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert style.contrast("#E69F00", "#FFFFFF") < 4.5  # orange is for lines and fills only


def test_style_file_applies_projector_sizes():
    with style.context():
        assert plt.rcParams["font.size"] >= 14
        assert plt.rcParams["svg.hashsalt"] == "reliefcycle"


def test_show_requires_alt_text():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="alt text"):
        style.show(fig, " ")
    with pytest.raises(SafetyError, match="self_harmer_label"):
        style.show(fig, "A chart about self-harmers")
    plt.close(fig)


def test_show_attaches_alt_text(capsys, monkeypatch):
    shown = {}
    monkeypatch.setattr("IPython.display.display", lambda data, raw: shown.update(data=data))
    fig, _ = plt.subplots()
    style.show(fig, 'A line "rising"')
    assert 'alt="A line &quot;rising&quot;"' in shown["data"]["text/html"]
    assert shown["data"]["text/html"].startswith('<img src="data:image/png;base64,iVBOR')
    assert shown["data"]["text/plain"] == '[Figure: A line "rising"]'
