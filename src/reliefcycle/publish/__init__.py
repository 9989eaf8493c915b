"""Everything that leaves the notebooks.

Launch configuration, hub, book, slides, handouts, offline assets, the command line. The top
layer.
"""
