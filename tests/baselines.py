"""Figure regression checks shared by the figure tests: matplotlib's image comparison against
PNG baselines in tests/baseline_images/<test module>/.

Regenerate baselines after an intended change with
``REGENERATE_BASELINES=1 python -m pytest tests/ -k baseline`` and look at them before committing.
"""

import os
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text

from reliefcycle.core import style

HERE = Path(__file__).parent
REGENERATE = os.environ.get("REGENERATE_BASELINES") == "1"
#: Baselines are drawn small: enough to catch a moved box or label, small enough to commit.
BASELINE_DPI = 72
TOLERANCE = 2


def texts(fig) -> list[Text]:
    """Every visible, non-empty piece of text in ``fig``."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def assert_matches_baseline(fig, module: str, name: str) -> None:
    """Compare ``fig`` (drawn in the series' style) with its baseline, or write the baseline."""
    expected = HERE / "baseline_images" / module / f"{name}.png"
    target = expected if REGENERATE else HERE / "result_images" / module / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    with style.context():
        fig.savefig(target, dpi=BASELINE_DPI)
    plt.close(fig)
    if REGENERATE:
        pytest.skip(f"baseline written: {expected}")
    assert expected.exists(), f"no baseline {expected}; see tests/baselines.py"
    assert compare_images(str(expected), str(target), tol=TOLERANCE) is None
