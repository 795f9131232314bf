"""Event-vs-not sentence classifier: logistic regression over hashed word n-grams, plain numpy
weights (rasd/resources/models/event_sentence.npz, built by train/train_event_sentence.py).
Used as a confidence signal, not as a hard filter."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zlib import crc32

import numpy as np

from ..text.normalize import normalize_word

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "models" / "event_sentence.npz"
N_FEATURES = 1 << 16


def features(norm_sentence: str) -> np.ndarray:
    words = [w for w in norm_sentence.split() if w]
    stems = [_stem(w) for w in words]
    feats = [f"w:{w}" for w in words] + [f"s:{s}" for s in stems]
    feats += [f"b:{a}_{b}" for a, b in zip(stems, stems[1:])]
    idx = np.fromiter((crc32(f.encode()) & (N_FEATURES - 1) for f in feats), dtype=np.int64, count=len(feats))
    return np.unique(idx)


@lru_cache(maxsize=50_000)
def _stem(w: str) -> str:
    for p in ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p):]
            break
    for s in ("ات", "ين", "ون", "ها", "هم", "ه"):
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)]
    return w


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, float] | None:
    if not MODEL_PATH.exists():
        return None
    z = np.load(MODEL_PATH)
    return z["w"].astype(np.float32), float(z["b"])


def predict_proba(norm_sentence: str) -> float | None:
    wb = _weights()
    if wb is None:
        return None
    w, b = wb
    z = float(w[features(norm_sentence)].sum()) + b
    return 1.0 / (1.0 + np.exp(-z))


def sentence_scorer():
    """A callable normalised-sentence -> probability, or None when no model is shipped."""
    return predict_proba if _weights() is not None else None


def normalized(s: str) -> str:
    return normalize_word(s)
