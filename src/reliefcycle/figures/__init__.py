"""Diagrams as code, the evidence map and forest plots.

Exported to the repository's figures/ folder. Imports core, data and models.
"""
