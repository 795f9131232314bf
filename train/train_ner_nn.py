"""Train the convolutional CRF NER tagger (torch, CPU) and export it for numpy inference.

    nice python train/train_ner_nn.py [--epochs 12] [--threads 1]

Needs: rasd/resources/models/ner_clusters.tsv.gz and ner_gazetteer.tsv.gz (train/train_ner.py
writes the gazetteer) and /tmp/rasd_ner_vectors.npz (train/build_word_clusters.py). Trains on the
ANERcorp train split, keeps the epoch with the best micro F1 on the last 10% of the train sentences
(held out), prints test P/R/F1 of that model, writes rasd/resources/models/ner_cnn.npz.
torch is needed here only; the runtime (rasd/ner/neural.py) is numpy.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

from rasd.ner.corpus import anercorp_split, conll_score, format_scores, pieces_to_tokens, retokenize
from rasd.ner.features import Featurizer, word_key
from rasd.ner.neural import GAZ_MARKS, NN_MODEL, NeuralTagger

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
TYPES = ["PER", "LOC", "ORG", "MISC"]


def quantize(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(m).max(1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(m / scale[:, None]).astype(np.int8), scale.astype(np.float32)


class ConvCRF(nn.Module):
    def __init__(self, n_feats: int, bag_dim: int, vecs: torch.Tensor, hidden: int, dropout: float):
        super().__init__()
        self.bag = nn.EmbeddingBag(n_feats, bag_dim, mode="sum")
        nn.init.normal_(self.bag.weight, std=0.1)
        self.vecs = nn.Embedding.from_pretrained(vecs, freeze=True)
        d = bag_dim + vecs.shape[1] + 1 + len(GAZ_MARKS)
        self.conv1 = nn.Conv1d(d, hidden, 5, padding=2)
        self.conv2 = nn.Conv1d(hidden, hidden, 3, padding=2, dilation=2)
        self.out = nn.Linear(hidden, len(TAGS))
        self.drop = nn.Dropout(dropout)
        self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
        self.start = nn.Parameter(torch.zeros(len(TAGS)))
        self.end = nn.Parameter(torch.zeros(len(TAGS)))

    def emissions(self, flat, offsets, vec_idx, extra, mask):
        b, L = mask.shape
        bag = self.bag(flat, offsets)                           # (n_tokens, bag_dim)
        vec = self.vecs(vec_idx.clamp(min=0)) * (vec_idx >= 0).unsqueeze(1).float()
        tok = torch.cat([bag, vec, extra], 1)
        x = torch.zeros(b, L, tok.shape[1])
        x[mask] = tok
        x = self.drop(x)
        m = mask.unsqueeze(1).float()
        h1 = torch.relu(self.conv1(x.transpose(1, 2))) * m
        h2 = torch.relu(self.conv2(self.drop(h1))) * m + h1
        return self.out(self.drop(h2.transpose(1, 2)))          # (b, L, T)

    def nll(self, em, tags, mask):
        b, L, T = em.shape
        idx = torch.arange(b)
        gold = self.start[tags[:, 0]] + em[idx, 0, tags[:, 0]]
        alpha = self.start[None] + em[:, 0]
        for t in range(1, L):
            mt = mask[:, t]
            gold = gold + (self.trans[tags[:, t - 1], tags[:, t]] + em[idx, t, tags[:, t]]) * mt
            nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, t, None, :], 1)
            alpha = torch.where(mt[:, None], nxt, alpha)
        last = tags[idx, mask.sum(1) - 1]
        gold = gold + self.end[last]
        logz = torch.logsumexp(alpha + self.end[None], 1)
        return (logz - gold).mean()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--bag-dim", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=160)
    ap.add_argument("--vec-words", type=int, default=40000)
    ap.add_argument("--vec-dim", type=int, default=32)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--out", default=str(NN_MODEL))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    random.seed(0)
    t0 = time.time()

    fz = Featurizer.default()
    train_all, test = anercorp_split(SHARED / "data" / "anercorp" / "ANERCorp.txt")
    cut = int(len(train_all) * 0.9)
    train, held = train_all[:cut], train_all[cut:]
    seqs = {name: [retokenize(s) for s in part] for name, part in
            (("train", train), ("held", held), ("all", train_all), ("test", test))}

    counts: Counter = Counter()
    for ts in seqs["all"]:
        for w in ts.words:
            counts.update(fz.info(word_key(w)).own)
    feat_names = sorted(f for f, c in counts.items() if c >= args.min_count and not f.startswith(("p4=", "s4=")))
    feat_index = {f: i for i, f in enumerate(feat_names)}
    z = np.load("/tmp/rasd_ner_vectors.npz")
    vec_words = z["vocab"][:args.vec_words].tolist()
    vecs = z["vec"][:args.vec_words, :args.vec_dim]
    vecs = vecs / (np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9)
    vec_q, vec_scale = quantize(vecs)
    vecs = vec_q.astype(np.float32) * vec_scale[:, None]  # train with what the runtime sees
    vec_index = {w: i for i, w in enumerate(vec_words)}
    print(f"{len(feat_names)} features, {len(vec_words)} vectors ({time.time() - t0:.0f}s)")

    def encode(ts):
        keys = [word_key(w) for w in ts.words]
        marks = fz.gazetteer_spans(keys)
        feats, vidx, extra = [], [], []
        for k, m in zip(keys, marks):
            feats.append([feat_index[f] for f in fz.info(k).own if f in feat_index] or [0])
            _, stem, bare = fz.stem_of(k)
            vi = vec_index.get(k, vec_index.get(stem, vec_index.get(bare, -1)))
            vidx.append(vi)
            ex = [1.0 if vi < 0 else 0.0] + [1.0 if g in m else 0.0 for g in GAZ_MARKS]
            extra.append(ex)
        return feats, vidx, extra, [TAGS.index(t) for t in ts.tags]

    def batch(items):
        L = max(len(it[3]) for it in items)
        flat, offsets, vidx, extra, tags = [], [], [], [], torch.zeros(len(items), L, dtype=torch.long)
        mask = torch.zeros(len(items), L, dtype=torch.bool)
        for i, (f, v, e, y) in enumerate(items):
            for ids in f:
                offsets.append(len(flat))
                flat.extend(ids)
            vidx.extend(v)
            extra.extend(e)
            tags[i, :len(y)] = torch.tensor(y)
            mask[i, :len(y)] = True
        return (torch.tensor(flat), torch.tensor(offsets), torch.tensor(vidx), torch.tensor(extra), mask), tags

    enc = {k: [encode(ts) for ts in v] for k, v in seqs.items()}
    print(f"encoded ({time.time() - t0:.0f}s)")

    model = ConvCRF(len(feat_names), args.bag_dim, torch.tensor(vecs), args.hidden, args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)

    def export(path):
        sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        bag_q, bag_scale = quantize(sd["bag.weight"])
        np.savez_compressed(
            path, feat_names=np.array(feat_names), bag_q=bag_q, bag_scale=bag_scale,
            vec_words=np.array(vec_words), vec_q=vec_q, vec_scale=vec_scale,
            w1=np.ascontiguousarray(sd["conv1.weight"].transpose(2, 1, 0)), b1=sd["conv1.bias"],
            w2=np.ascontiguousarray(sd["conv2.weight"].transpose(2, 1, 0)), b2=sd["conv2.bias"],
            wo=np.ascontiguousarray(sd["out.weight"].T), bo=sd["out.bias"],
            trans=sd["trans"], start=sd["start"], end=sd["end"], tags=np.array(TAGS))

    def evaluate(path, name):
        tagger = NeuralTagger(Path(path), fz)
        gold, pred = [], []
        sents = seqs[name]
        for a in range(0, len(sents), 20):  # about an article's worth of sentences at a time
            chunk = sents[a:a + 20]
            for ts, tags in zip(chunk, tagger.tag_sentences([ts.words for ts in chunk])):
                gold.append(ts.gold)
                pred.append(pieces_to_tokens(ts, tags))
        return conll_score(gold, pred, TYPES)

    best, best_f1 = None, -1.0
    tmp = "/tmp/rasd_ner_cnn_epoch.npz"
    data = list(range(len(enc["train"])))
    for epoch in range(args.epochs):
        model.train()
        random.shuffle(data)
        total = 0.0
        for a in range(0, len(data), 32):
            inputs, tags = batch([enc["train"][i] for i in data[a:a + 32]])
            em = model.emissions(*inputs)
            loss = model.nll(em, tags, inputs[-1])
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        model.eval()
        export(tmp)
        f1 = evaluate(tmp, "held")["micro"].f1
        print(f"epoch {epoch + 1}: loss {total:.0f}, held-out micro F1 {100 * f1:.2f} ({time.time() - t0:.0f}s)")
        if f1 > best_f1:
            best_f1, best = f1, epoch + 1
            export(args.out)
    print(f"best epoch {best}; model {Path(args.out).stat().st_size / 1e6:.2f} MB")
    print("ANERcorp test (exact span, conlleval):")
    print(format_scores(evaluate(args.out, "test")))


if __name__ == "__main__":
    main()
