"""Geoparsing: the offline GeoNames gazetteer (gazetteer.py), candidate features and the
learned ranker (resolve.py, ranker.json), and its training (train.py)."""
