"""Named-entity recognition: features, the CRF tagger, entity post-processing, corpus tools."""
