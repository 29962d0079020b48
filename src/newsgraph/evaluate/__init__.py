"""Evaluations against real gold data: loaders, matchers and scores. Only the CLI prints."""
