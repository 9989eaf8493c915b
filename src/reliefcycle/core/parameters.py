"""Checking the settings of a teaching model against their allowed ranges.

Each model keeps its settings in a frozen dataclass whose fields (made with ``setting``) carry
their range, label and explanation in their metadata, together with why the range is what it is
(``basis``) and the citation keys it rests on (``sources``); ``check`` raises a ``ValueError``
that names the setting and its range, so a wrong slider value or a typo in a notebook says
exactly what to fix.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import field, fields

#: Why a setting that no study measures has the range it has.
UNMEASURED = "Not measured by any study on this scale: a teaching choice."


def setting(default, low, high, label, explanation, basis, *sources, unit="", step=0.05,
            whole=False):
    """A dataclass field for one setting, with its range and where that range comes from.

    ``basis`` says why the range is what it is; ``sources`` are the citation keys
    (references.bib) it rests on, none for a setting that no study measures (``UNMEASURED``).
    """
    meta = {"low": low, "high": high, "step": step, "whole": whole, "label": label,
            "unit": unit, "help": explanation, "basis": basis, "sources": sources}
    return field(default=default, metadata=meta)


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
