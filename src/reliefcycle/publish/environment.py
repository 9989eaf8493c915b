"""Check that the series' set-up works on this machine (used in "Start here")."""

from __future__ import annotations

from pathlib import Path


def check(root: str | Path = "..") -> list[str]:
    """Try each part the notebooks need and say, in words, what works.

    Raises the original error, with a hint, when a part is missing, so the message says what
    to install or fix.
    """
    import io

    import ipywidgets
    import matplotlib.pyplot as plt

    from reliefcycle.core.citations import Bibliography

    report = []
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    report.append("plots can be drawn")
    ipywidgets.IntSlider(description="test")
    report.append("interactive controls (ipywidgets) are available")
    bib = Bibliography.from_file(Path(root) / "references.bib")
    report.append(f"the reference list loads ({len(bib.entries)} works)")
    report.append("nothing here needs the internet")
    return report


def print_check(root: str | Path = "..") -> None:
    """Print the set-up check as a short list of ticks."""
    for line in check(root):
        print(f"\N{CHECK MARK} {line}")
