"""Train the event-vs-not sentence classifier from ../shared/data/arabic_event_gsr (ASSAULT and
PROTEST sentences judged yes / easy no / difficult no; ambiguous ones are left out).

Logistic regression on hashed word/stem/bigram features (rasd.events.classifier.features), trained
with plain numpy (full-batch gradient descent with L2), held-out 20% for the printed accuracy;
weights land in rasd/resources/models/event_sentence.npz (float16, 128 KB).

  nice python train/train_event_sentence.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasd.events.classifier import MODEL_PATH, N_FEATURES, features  # noqa: E402
from rasd.text.normalize import normalize  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "arabic_event_gsr"


def load() -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for name in ("assault_gsr.csv", "protest_gsr.csv"):
        with open(DATA / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                lab = row["label"].strip()
                if lab == "ambiguous":
                    continue
                texts.append(normalize(row["text"]).text)
                labels.append(1.0 if lab == "yes" else 0.0)
    return texts, np.asarray(labels, dtype=np.float32)


def design(texts: list[str]):
    rows = [features(t) for t in texts]
    return rows


def predict(rows, w, b) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.array([w[r].sum() for r in rows]) + b)))


def train(rows, y, epochs=600, lr=0.5, l2=3e-4):
    w = np.zeros(N_FEATURES, dtype=np.float64)
    b = 0.0
    n = len(rows)
    pos_w = (len(y) - y.sum()) / max(y.sum(), 1)   # class balance: 'yes' is rare
    sw = np.where(y > 0, pos_w, 1.0)
    sw = sw / sw.mean()
    lens = np.array([len(r) for r in rows])
    flat = np.concatenate(rows)
    owner = np.repeat(np.arange(n), lens)
    for _ in range(epochs):
        z = np.bincount(owner, weights=w[flat], minlength=n) + b
        p = 1 / (1 + np.exp(-z))
        g = (p - y) * sw / n
        grad = np.bincount(flat, weights=g[owner], minlength=N_FEATURES) + l2 * w
        w -= lr * grad * 20
        b -= lr * g.sum() * 20
    return w, b


def main() -> None:
    if not DATA.is_dir():
        print("no data at", DATA)
        return
    texts, y = load()
    rng = np.random.default_rng(13)
    idx = rng.permutation(len(texts))
    cut = int(0.8 * len(idx))
    tr, te = idx[:cut], idx[cut:]
    rows = design(texts)
    w, b = train([rows[i] for i in tr], y[tr])
    p = predict([rows[i] for i in te], w, b)
    pred = p >= 0.5
    acc = float((pred == (y[te] > 0)).mean())
    tp = float(((pred) & (y[te] > 0)).sum())
    prec = tp / max(pred.sum(), 1)
    rec = tp / max((y[te] > 0).sum(), 1)
    base = float(1 - y[te].mean())
    print(f"held-out: n={len(te)} accuracy={acc:.3f} (majority baseline {base:.3f}) "
          f"P(yes)={prec:.3f} R(yes)={rec:.3f}")
    w, b = train(rows, y)   # final model on all data
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(MODEL_PATH, w=w.astype(np.float16), b=np.float32(b))
    print("wrote", MODEL_PATH, MODEL_PATH.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
