"""One module per interactive part.

A thin ipywidgets layer over a model or a data set. Imports any layer below.
"""
