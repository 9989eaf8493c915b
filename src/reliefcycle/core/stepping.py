"""Showing a fixed list of things one at a time, as the walk-through and the scenarios do.

Things are counted from 0 here; people see them numbered from 1. Next after the last starts
again at the first and Previous from the first goes to the last, so the buttons never have to be
switched off (a switched-off button would drop the keyboard focus of someone using Tab).
"""

from __future__ import annotations


class Steps:
    """Which of ``items`` is shown, and how to move between them; ``noun`` names one in errors."""

    noun = "item"

    def __init__(self, items):
        self.items = tuple(items)
        self.index = 0

    def __len__(self) -> int:
        return len(self.items)

    @property
    def current(self):
        """The item shown now."""
        return self.items[self.index]

    def go(self, index: int) -> int:
        """Move to item ``index`` (from 0); a number outside the items is an error."""
        if not 0 <= index < len(self):
            raise IndexError(f"{self.noun} {index} does not exist; there are {len(self)} (0 to "
                             f"{len(self) - 1})")
        self.index = index
        return index

    def next(self) -> int:
        """Move one on; after the last, start again at the first."""
        return self.go((self.index + 1) % len(self))

    def previous(self) -> int:
        """Move one back; from the first, go to the last."""
        return self.go((self.index - 1) % len(self))
