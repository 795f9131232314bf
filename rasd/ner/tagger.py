"""The runtime NER tagger: committed CRF + features, loaded once, tags lists of normalised words."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..errors import ResourceMissingError
from .features import MODELS, Featurizer, word_key

CRF_MODEL = MODELS / "ner_crf.crfsuite"


class NerTagger:
    def __init__(self, model: Path = CRF_MODEL, featurizer: Featurizer | None = None):
        if not model.is_file():
            raise ResourceMissingError(f"NER model {model} is missing; rebuild it with `python train/train_ner.py`")
        self.featurizer = featurizer or Featurizer.default()
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model))

    def tag(self, norm_words: list[str]) -> list[str]:
        """BIO tags (B-PER, I-LOC, O…) for one sentence of normalised tokens."""
        if not norm_words:
            return []
        return self.crf.tag(self.featurizer.sentence([word_key(w) for w in norm_words]))


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    return NerTagger()
