"""The relation model: mention pairs in a sentence -> predicate and direction, or none.

`candidates` builds the arguments a sentence offers (named mentions, resolved references,
actor and thing noun phrases), `features` describes a pair, `model` scores it with weights
shipped in `extract/models/relations/`, `gold` reads annotated articles and aligns their
triples to sentences, and `train` fits the weights (`khabar train-relations`).
"""
