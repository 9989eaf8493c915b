"""Everything that leaves the notebooks: launch configuration, hub, book, slides, handouts, offline assets, the command line. The top layer."""
