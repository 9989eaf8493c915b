"""The pieces every notebook uses, just above the data layer.

Citations, safety, style, self-checks, anatomy, timings, settings checks, static fallbacks and
accessibility. Imports only ``reliefcycle.data``.
"""
