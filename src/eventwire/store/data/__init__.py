"""Data files of the store: the codebook tables the exports and the filters read."""
