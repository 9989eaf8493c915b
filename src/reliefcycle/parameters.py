"""Checking the settings of a teaching model against their allowed ranges.

Each model keeps its settings in a frozen dataclass whose fields carry ``low``, ``high`` and
``whole`` in their metadata; ``check`` raises a ``ValueError`` that names the setting and its
range, so a wrong slider value or a typo in a notebook says exactly what to fix.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import fields


def check(settings) -> None:
    """Raise ``ValueError`` for the first field outside its range (or of the wrong type)."""
    for f in fields(settings):
        meta = f.metadata
        if "low" not in meta:
            continue
        value = getattr(settings, f.name)
        kind = "whole number" if meta["whole"] else "number"
        ok = (isinstance(value, numbers.Real) and not isinstance(value, bool)
              and math.isfinite(value) and meta["low"] <= value <= meta["high"]
              and (not meta["whole"] or float(value).is_integer()))
        if not ok:
            raise ValueError(f"{f.name} must be a {kind} between {meta['low']:g} and "
                             f"{meta['high']:g} (got {value!r})")
