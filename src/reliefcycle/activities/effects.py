"""How much treatments help, and how sure we are: the names notebook 05 calls.

Notebook 05 calls ``effects.forest_plot()`` and ``effects.reading_help_markdown()``. The effect
sizes and their reading help are in ``reliefcycle.models.effects``, the graded claims about
treatment in ``reliefcycle.models.treatment_claims``, and the forest plot in
``reliefcycle.figures.effects``; this module only gathers the two names, so the notebook's
one-line calls keep working. It has no widget.
"""

from __future__ import annotations

from reliefcycle.figures.effects import forest_plot
from reliefcycle.models.effects import reading_help_markdown

__all__ = ["forest_plot", "reading_help_markdown"]
