"""The relation model's weights and how a pair is scored with them.

A linear model, one logistic output per label: `meetsWith=` (symmetric), `supports>` (the
first candidate of the pair supports the second), `supports<` (the other way round), ...
Weights are a matrix (float16 on disk) with one row per known feature (`weights.npy`) and the labels,
feature names, intercepts and decision thresholds in `model.json`, both in
`extract/models/relations/`. Scoring needs only numpy: scikit-learn is used to train, not to run.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
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

    def scores(self, features: list[str]) -> np.ndarray:
        """Probability of each label for one pair."""
        rows = sorted({self.features[f] for f in features if f in self.features})
        z = self.intercepts + (self.weights[rows].sum(axis=0) if rows else 0.0)
        return 1.0 / (1.0 + np.exp(-z))

    def scores_many(self, rows: list[list[str]]) -> np.ndarray:
        """Probabilities of every label for many pairs at once: (n_pairs, n_labels)."""
        z = np.tile(self.intercepts.astype(np.float32), (len(rows), 1))
        index = self.features
        ids: list[int] = []
        owner: list[int] = []
        for r, features in enumerate(rows):
            known = {index[f] for f in features if f in index}
            ids.extend(known)
            owner.extend([r] * len(known))
        if ids:
            np.add.at(z, np.asarray(owner), self.weights[np.asarray(ids)].astype(np.float32))
        return 1.0 / (1.0 + np.exp(-z))

    def decide(self, features: list[str]) -> list[tuple[str, float]]:
        """The labels whose probability reaches their threshold, with that probability."""
        probs = self.scores(features)
        return [(self.labels[k], round(float(probs[k]), 3))
                for k in np.flatnonzero(probs >= self.thresholds)]

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

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> RelationModel:
        raw = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        weights = np.load(folder / "weights.npy", allow_pickle=False).astype(np.float32)
        return cls(tuple(raw["labels"]), {f: i for i, f in enumerate(raw["features"])},
                   weights, np.asarray(raw["intercepts"], dtype=np.float32),
                   np.asarray(raw["thresholds"], dtype=np.float32), raw.get("meta", {}))


@lru_cache(maxsize=1)
def shipped() -> RelationModel | None:
    """The model in the package, or None where none has been trained yet."""
    if not (MODEL_DIR / "model.json").is_file():
        return None
    return RelationModel.load(MODEL_DIR)


def logit(p: float) -> float:
    return math.log(p / (1 - p))
