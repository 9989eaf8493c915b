"""Slides: ``python -m reliefcycle.publish.slides`` (``make slides``) builds the decks.

The builder lives in the publish layer: ``reliefcycle.publish.deck`` (the decks as HTML),
``reliefcycle.publish.outline`` (the slide outlines beside the package data, and their checks),
``reliefcycle.publish.outline_decks`` (decks put together from the outlines) and
``reliefcycle.publish.support_screens`` (the content note and support slides).
"""

import sys

from reliefcycle.publish.deck import build, main

__all__ = ["build", "main"]

if __name__ == "__main__":
    sys.exit(main())
