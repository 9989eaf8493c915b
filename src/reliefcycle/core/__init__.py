"""Lowest layer: the pieces every notebook uses.

Citations, safety, style, self-checks, anatomy, settings checks, static fallbacks and
accessibility. Imports nothing else of the package.
"""
