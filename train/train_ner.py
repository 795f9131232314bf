"""Train the NER CRF on ANERcorp (standard CAMeL split) and write the runtime model files.

    nice python train/train_ner.py [--aqmar] [--iterations 200] [--c1 0.05 --c2 0.01]

Reads ../shared/data/anercorp (corpus + gazetteers) and, with --aqmar, ../shared/data/aqmar as
extra training sentences. Writes, under rasd/resources/models/:
  ner_gazetteer.tsv.gz   normalised gazetteer entries and their types (compiled from ANERGazet)
  ner_crf.npz            the CRF weights (attributes x labels, transitions) for numpy inference;
                         the crfsuite model itself goes to --out (/tmp) and is not needed at run time
Needs ner_clusters.tsv.gz first (train/build_word_clusters.py); uses ner_autogaz.tsv.gz when
present (train/build_auto_gazetteer.py, which tags the unlabelled corpus with a first model). Prints test P/R/F1 at the end.
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

import pycrfsuite

from rasd.ner.corpus import (anercorp_split, aqmar_sentences, conll_score, format_scores,
                             pieces_to_tokens, retokenize, runtime_pieces)
from rasd.ner.crf import CRF_WEIGHTS, CrfTagger, export_crfsuite
from rasd.ner.features import (GAZETTEER, Featurizer, load_auto_gazetteer, load_clusters, load_triggers,
                               word_key)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANER = SHARED / "data" / "anercorp"
GAZ_FILES = {"ANERGazet_Loc.txt": "LOC", "ANERGazet_Org.txt": "ORG", "ANERGazet_Pers.txt": "PER"}
TYPES = ["PER", "LOC", "ORG", "MISC"]


def build_gazetteer() -> dict[tuple[str, ...], str]:
    gaz: dict[tuple[str, ...], set[str]] = {}
    for name, typ in GAZ_FILES.items():
        for line in (ANER / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("="):
                continue
            words = tuple(word_key(p) for piece in line.split() for p in runtime_pieces(piece))
            if words and len("".join(words)) >= 2:
                gaz.setdefault(words, set()).add(typ)
    with gzip.open(GAZETTEER, "wt", encoding="utf-8", compresslevel=9) as f:
        for words, types in sorted(gaz.items()):
            f.write(" ".join(words) + "\t" + "|".join(sorted(types)) + "\n")
    return {k: "|".join(sorted(v)) for k, v in gaz.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--aqmar", action="store_true", help="add AQMAR sentences to training")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--out", default="/tmp/rasd_ner_crf.crfsuite", help="crfsuite model (not committed)")
    ap.add_argument("--weights", default=str(CRF_WEIGHTS), help="exported weights the runtime loads")
    args = ap.parse_args()
    t0 = time.time()

    gaz = build_gazetteer()
    fz = Featurizer(load_clusters(), gaz, load_triggers(), load_auto_gazetteer())
    train, test = anercorp_split(ANER / "ANERCorp.txt")
    if args.aqmar:
        train = train + aqmar_sentences(SHARED / "data" / "aqmar")
    print(f"{len(train)} train sentences, {len(test)} test sentences; gazetteer {len(gaz)} entries")

    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in train:
        ts = retokenize(sent)
        words = [word_key(w) for w in ts.words]
        trainer.append(fz.sentence(words), ts.tags)
    print(f"features built ({time.time() - t0:.0f}s)")
    trainer.set_params({
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.possible_transitions": True, "feature.minfreq": args.minfreq,
    })
    trainer.train(args.out)
    print(f"trained ({time.time() - t0:.0f}s), model {Path(args.out).stat().st_size / 1e6:.2f} MB")

    tagger = pycrfsuite.Tagger()
    tagger.open(args.out)
    attrs = sorted({a for a, _ in tagger.info().state_features})
    fz.restrict_to(frozenset(attrs))
    gold, pred = [], []
    for sent in test:
        ts = retokenize(sent)
        tags = tagger.tag(fz.sentence([word_key(w) for w in ts.words]))
        gold.append(ts.gold)
        pred.append(pieces_to_tokens(ts, tags))
    print("ANERcorp test (exact span, conlleval):")
    print(format_scores(conll_score(gold, pred, TYPES)))

    # The runtime uses the weights in numpy (rasd/ner/crf.py); check it tags as crfsuite does.
    export_crfsuite(Path(args.out), Path(args.weights))
    fast = CrfTagger(Path(args.weights), Featurizer(fz.clusters, gaz, fz.triggers, fz.auto))
    seqs = [retokenize(s) for s in test]
    fast_tags = [t for a in range(0, len(seqs), 20) for t in fast.tag_sentences([x.words for x in seqs[a:a + 20]])]
    crf_tags = [tagger.tag(fz.sentence([word_key(w) for w in ts.words])) for ts in seqs]
    same = sum(x == y for x, y in zip(fast_tags, crf_tags))
    print(f"numpy CRF agrees with crfsuite on {same}/{len(seqs)} test sentences; "
          f"weights {Path(args.weights).stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
