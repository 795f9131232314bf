"""The runtime NER tagger: committed CRF + features, loaded once, tags lists of normalised words."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..errors import ResourceMissingError
from .features import MODELS, Featurizer, word_key

CRF_MODEL = MODELS / "ner_crf.crfsuite"


def attributes_path(model: Path) -> Path:
    return model.with_suffix(".attrs.gz")


def load_attributes(model: Path, crf: pycrfsuite.Tagger) -> frozenset[str]:
    """Attributes with a non-zero weight: from the list written at training, else from the model."""
    path = attributes_path(model)
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return frozenset(f.read().split("\n"))
    return frozenset(a for a, _ in crf.info().state_features)


class NerTagger:
    def __init__(self, model: Path = CRF_MODEL, featurizer: Featurizer | None = None):
        if not model.is_file():
            raise ResourceMissingError(f"NER model {model} is missing; rebuild it with `python train/train_ner.py`")
        self.featurizer = featurizer or Featurizer.default()
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model))
        self.featurizer.restrict_to(load_attributes(model, self.crf))

    def tag(self, norm_words: list[str]) -> list[str]:
        """BIO tags (B-PER, I-LOC, O…) for one sentence of normalised tokens."""
        if not norm_words:
            return []
        return self.crf.tag(self.featurizer.sentence([word_key(w) for w in norm_words]))


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    return NerTagger()
