"""Data shipped inside the package: word lists, lexicons and tables per language
(data/<lang>/<name>.json, read once per process by newsgraph.data.lexicon). A second
language is a folder of the same files plus a spaCy pipeline name."""
