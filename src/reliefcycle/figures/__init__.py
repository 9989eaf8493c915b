"""Diagrams as code, the evidence map and forest plots, exported to the repository's figures/ folder. Imports core, data and models."""
