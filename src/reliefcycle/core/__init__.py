"""Lowest layer: citations, safety, style, self-checks, anatomy, settings checks, static fallbacks, accessibility. Imports nothing else of the package."""
