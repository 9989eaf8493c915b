"""One module per interactive part: a thin ipywidgets layer over a model or a data set. Imports any layer below."""
