"""The relation model's weights and how a pair is scored with them.

A linear model, one logistic output per label: `meetsWith=` (symmetric), `supports>` (the
first candidate of the pair supports the second), `supports<` (the other way round), ...
Weights are a matrix (float16 on disk) with one row per known feature (`weights.npy`) and the labels,
feature names, intercepts and decision thresholds in `model.json`, both in
`extract/models/relations/`; a pair's contextual vector (`features.pair_vectors`) adds its own
logits through `vector_weights.npy` (float32, the training projection folded in). Scoring
needs only numpy: scikit-learn is used to train, not to run.
"""
from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_DIR = Path(str(resources.files("extract") / "models" / "relations"))
SYMMETRIC = ("meetsWith", "cooperatesWith", "tensionWith", "conflictWith")
PREDICATES = ("leaderOf", "locatedIn", "capitalOf", "meetsWith", "cooperatesWith",
              "tensionWith", "conflictWith", "seeksFrom", "seeks", "provides", "supports",
              "develops", "pressures", "warnsAgainst", "distancesFrom", "sanctions", "memberOf")
LABELS = tuple(f"{p}=" if p in SYMMETRIC else f"{p}{d}" for p in PREDICATES
               for d in (("=",) if p in SYMMETRIC else (">", "<")))


def split_label(label: str) -> tuple[str, str]:
    """"supports>" -> ("supports", ">")."""
    return label[:-1], label[-1]


@dataclass
class RelationModel:
    labels: tuple[str, ...]
    features: dict[str, int]
    weights: np.ndarray                 # (n_features, n_labels)
    intercepts: np.ndarray              # (n_labels,)
    thresholds: np.ndarray              # (n_labels,)
    meta: dict = field(default_factory=dict)
    #: weights of the pair vector (`features.pair_vectors`), its projection folded in:
    #: (vector width + 1, n_labels), the last row a bias; None: a model of features only
    vector_weights: np.ndarray | None = None

    def scores(self, features: list[str], vector: np.ndarray | None = None) -> np.ndarray:
        """Probability of each label for one pair."""
        rows = sorted({self.features[f] for f in features if f in self.features})
        z = self.intercepts + (self.weights[rows].sum(axis=0) if rows else 0.0)
        if vector is not None and self.vector_weights is not None:
            z = z + self._vector_logits(vector[None, :])[0]
        return 1.0 / (1.0 + np.exp(-z))

    def _vector_logits(self, vectors: np.ndarray) -> np.ndarray:
        w = self.vector_weights
        return vectors.astype(np.float32) @ w[:-1] + w[-1]

    def scores_many(self, rows: list[list[str]],
                    vectors: np.ndarray | None = None) -> np.ndarray:
        """Probabilities of every label for many pairs at once: (n_pairs, n_labels).

        Each pair's logit is its intercept plus its known features' rows, each once, added in
        row order (the same sum as `scores`), for all pairs in one `np.add.reduceat`. The
        strings are looked up in one pass over all pairs; numpy sorts and deduplicates each
        pair's rows through one key per (pair, row), the intercept's smallest, so every pair's
        segment starts with its intercept and none is empty. With `vectors` (one row per pair)
        and a model that has vector weights, their logits are added."""
        if not rows:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        n_features = len(self.features)         # the intercept's row in `_rows`
        ids = np.fromiter(map(self.features.get, itertools.chain.from_iterable(rows),
                              itertools.repeat(-1)), dtype=np.int64)
        pair = np.repeat(np.arange(len(rows), dtype=np.int64),
                         np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)))
        known = ids >= 0
        width = n_features + 1
        # key: pair * width + 0 for the intercept, pair * width + 1 + id for a feature;
        # sorted and deduplicated in place (a third quicker than np.unique's hash table)
        keys = np.concatenate([np.arange(len(rows), dtype=np.int64) * width,
                               pair[known] * width + ids[known] + 1])
        keys.sort()
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        row = keys % width - 1
        row[row < 0] = n_features
        starts = np.flatnonzero(row == n_features)
        z = np.add.reduceat(self._rows[row], starts, axis=0)
        if vectors is not None and self.vector_weights is not None:
            z = z + self._vector_logits(vectors)
        return 1.0 / (1.0 + np.exp(-z))

    @cached_property
    def _rows(self) -> np.ndarray:
        """The weights as float32 with the intercepts as one more row."""
        return np.vstack([self.weights.astype(np.float32),
                          self.intercepts.astype(np.float32)[None, :]])

    def decide(self, features: list[str]) -> list[tuple[str, float]]:
        """The labels whose probability reaches their threshold, with that probability."""
        probs = self.scores(features)
        return [(self.labels[k], round(float(probs[k]), 3))
                for k in np.flatnonzero(probs >= self.thresholds)]

    def pruned(self, floor: float) -> RelationModel:
        """The model without the features whose stored (float16) weight is under `floor`
        for every label: a feature that moves no logit by `floor` moves no decision worth
        its row (what it costs on dev is measured in the README, "Training"). Intercepts,
        thresholds and vector weights are kept."""
        stored = np.abs(self.weights.astype(np.float16)).max(axis=1)
        keep = np.flatnonzero(stored >= floor)
        names = sorted(self.features, key=self.features.get)
        meta = {**self.meta, "pruned": {"floor": floor, "features_before": len(names),
                                        "features_after": int(len(keep))}}
        return RelationModel(self.labels, {names[i]: n for n, i in enumerate(keep)},
                             self.weights[keep], self.intercepts, self.thresholds, meta,
                             self.vector_weights)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.get)
        meta = {"labels": list(self.labels), "features": names,
                "intercepts": [round(float(x), 6) for x in self.intercepts],
                "thresholds": [round(float(x), 4) for x in self.thresholds], "meta": self.meta}
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0,
                                                      sort_keys=True) + "\n", encoding="utf-8")
        with open(folder / "weights.npy", "wb") as fh:
            np.save(fh, self.weights.astype(np.float16), allow_pickle=False)
        vectors = folder / "vector_weights.npy"
        if self.vector_weights is not None:
            with open(vectors, "wb") as fh:
                np.save(fh, self.vector_weights.astype(np.float32), allow_pickle=False)
        elif vectors.exists():
            vectors.unlink()

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> RelationModel:
        raw = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        weights = np.load(folder / "weights.npy", allow_pickle=False).astype(np.float32)
        vectors = folder / "vector_weights.npy"
        vector_weights = (np.load(vectors, allow_pickle=False).astype(np.float32)
                          if vectors.is_file() else None)
        return cls(tuple(raw["labels"]), {f: i for i, f in enumerate(raw["features"])},
                   weights, np.asarray(raw["intercepts"], dtype=np.float32),
                   np.asarray(raw["thresholds"], dtype=np.float32), raw.get("meta", {}),
                   vector_weights)


@lru_cache(maxsize=1)
def shipped() -> RelationModel | None:
    """The model in the package, or None where none has been trained yet."""
    if not (MODEL_DIR / "model.json").is_file():
        return None
    return RelationModel.load(MODEL_DIR)


def logit(p: float) -> float:
    return math.log(p / (1 - p))
