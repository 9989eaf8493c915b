"""Slides: ``python -m reliefcycle.publish.slides`` (``make slides``) builds the decks.

The builder lives in the publish layer: ``reliefcycle.publish.deck`` (the decks) and
``reliefcycle.publish.outline`` (the slide outlines beside the package data, and their checks).
"""

import sys

from reliefcycle.publish.deck import build, main

__all__ = ["build", "main"]

if __name__ == "__main__":
    sys.exit(main())
