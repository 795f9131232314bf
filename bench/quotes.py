"""Quote and claim accuracy on the dev gold set (../shared/gold/dev), and speed.

    PYTHONPATH=. python bench/quotes.py [--gold DIR] [--stages quotes,claims] [-v]

Matching (gold/GUIDE.md), the same functions as `rasd eval` (rasd/eval/score.py): a predicted quote
matches a gold quote when the speakers agree (normalised; a surname alone counts) and the predicted
statement starts with, or contains, the gold `begins`; one-to-one. Prints P/R/F1, misses and spurious quotes by cue, the share of
continuation quotes with a person speaker resolved to the full name, ms/article; and, informative only,
how many gold claims have a predicted claim of the same relation family with overlapping evidence.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.doc import Doc  # noqa: E402
from rasd.eval.gold import DEFAULT_GOLD_DIR, load_gold  # noqa: E402
from rasd.eval.score import ActorAliases, speaker_matches, statement_matches  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.text.normalize import normalize_word  # noqa: E402

DESCRIBED = {normalize_word(w) for w in ("مصادر", "مصدر", "ناشطون", "ناشطين", "شهود", "شاهد", "سكان", "مسؤول",
                                         "مسؤولون", "خبراء", "مراقبون", "معلومات", "تقارير")}
_STRIP = str.maketrans("", "", "«»“”\"'()[]{}:،,.؛;!?؟-–—ـ")


def norm(s: str | None) -> str:
    if not s:
        return ""
    return " ".join(normalize_word(s).translate(_STRIP).split())


def _drop_article(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def match_quotes(preds, golds, aliases=None):
    """One-to-one with the same matcher as `rasd eval` (rasd.eval.score), so the figures agree."""
    aliases = aliases or ActorAliases([])
    used, pairs = set(), []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi in used:
                continue
            names = [p.speaker or ""] + ([p.speaker_span.text] if p.speaker_span is not None else [])
            if statement_matches(p.text, g.get("begins") or "") and speaker_matches(names, g.get("speaker") or "", aliases):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


FAMILIES = {
    # "held responsible" is an accusation, not a responsibility claim: checked first
    "accusation": ("accus", "held_responsible", "involved"),
    "responsibility": ("responsib", "claimed"),
    "coordination": ("coordinat", "allied", "alongside", "collu", "linked", "affiliated", "pledged", "fought_along"),
    "support": ("support", "facilitat", "arm", "train", "recruit", "provides"),
    "denial": ("den",),
    "threat": ("threat", "warn"),
    "demand": ("demand", "call"),
    "controls_area": ("control",),
}


def family(rel: str) -> str:
    rel = (rel or "").lower()
    for fam, keys in FAMILIES.items():
        if rel == fam or any(k in rel for k in keys):
            return fam
    return "other:" + rel


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(DEFAULT_GOLD_DIR))
    ap.add_argument("--stages", default=None, help="comma-separated stage names (default: the default pipeline)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss and spurious quote")
    ap.add_argument("--real", type=int, default=300, help="also time quotes+claims on N saudinewsnet articles (0: off)")
    args = ap.parse_args()
    if args.real:
        _time_real(args.real)
    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"no gold set at {gold_dir}; nothing to measure")
        return
    golds = load_gold(gold_dir)
    pipe = Pipeline.default(args.stages.split(",") if args.stages else None)
    print("stages:", ",".join(pipe.names))

    tp = n_pred = n_gold = 0
    missed, spurious, cue_tp = Counter(), Counter(), Counter()
    cont_person = cont_full = 0
    claim_gold = claim_hit = claim_pred = 0
    elapsed = 0.0
    own = Counter()   # seconds spent in the quotes and claims stages
    for _ in range(2):  # warm-up pass (lexicon load), then the timed pass
        docs = []
        own.clear()
        t0 = time.perf_counter()
        for g in golds:
            doc = Doc(g.article())
            for stage in pipe.stages:
                ts = time.perf_counter()
                doc = pipe.process_doc_stage(doc, stage) if hasattr(pipe, "process_doc_stage") else _run(doc, stage)
                if stage.name in ("quotes", "claims"):
                    own[stage.name] += time.perf_counter() - ts
            docs.append(doc)
        elapsed = time.perf_counter() - t0
    for g, doc in zip(golds, docs):
        gq = g.get("quotes", []) or []
        pq = doc.quotes
        pairs = match_quotes(pq, gq, ActorAliases(g.get("actors") or []))
        tp += len(pairs)
        n_pred += len(pq)
        n_gold += len(gq)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        for gi, pi in pairs:
            cue_tp[norm(gq[gi].get("cue"))] += 1
        for gi, q in enumerate(gq):
            if gi not in mg:
                missed[norm(q.get("cue"))] += 1
                if args.verbose:
                    print(f"  MISS {g.id}: [{q.get('cue')}] {q.get('speaker')} :: {q.get('begins')}")
        for pi, q in enumerate(pq):
            if pi not in mp:
                spurious[norm(q.cue)] += 1
                if args.verbose:
                    print(f"  SPUR {g.id}: [{q.cue}] {q.speaker} :: {q.text[:70]}")
        # continuation quotes whose speaker is a person: is the full name given?
        full_names = [norm(x.get("speaker")) for x in gq if len(norm(x.get("speaker")).split()) >= 2]
        for q in pq:
            if not q.continuation or not q.speaker:
                continue
            sw = norm(q.speaker).split()
            person = any(sw and fn.split()[-1] == sw[-1] for fn in full_names) or (q.speaker_role is not None)
            # a described source (مصادر محلية، مصدر أمني، ناشطون) is not a person with a name to give
            if not person or (sw and _drop_article(sw[0]) in DESCRIBED):
                continue
            cont_person += 1
            if len(sw) >= 2 and not any(w in {"مصادر", "مصدر"} for w in sw):
                cont_full += 1
        # claims (informative)
        gc = g.get("claims", []) or []
        claim_gold += len(gc)
        claim_pred += len(doc.claims)
        for c in gc:
            ev = norm(c.get("evidence"))
            fam = family(c.get("relation"))
            for pc in doc.claims:
                if family(pc.relation) != fam:
                    continue
                ptxt = norm(" ".join(s.text for s in pc.evidence))
                if ev and ptxt and (ev[:25] in ptxt or ptxt[:25] in ev or _overlap(ev, ptxt) >= 0.5):
                    claim_hit += 1
                    break

    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles: {len(golds)}  gold quotes: {n_gold}  predicted: {n_pred}  matched: {tp}")
    print(f"quotes  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print("missed by cue:   ", ", ".join(f"{k}:{v}" for k, v in missed.most_common()))
    print("spurious by cue: ", ", ".join(f"{k}:{v}" for k, v in spurious.most_common()))
    share = cont_full / cont_person if cont_person else 0.0
    print(f"continuation quotes with a person speaker: {cont_person}; full name given: {cont_full} ({share:.0%})")
    print(f"claims: gold {claim_gold}, predicted {claim_pred}, gold with a same-family overlapping prediction: "
          f"{claim_hit} (informative)")
    n = max(1, len(golds))
    print(f"speed: quotes {1000 * own['quotes'] / n:.2f} ms/article, claims {1000 * own['claims'] / n:.2f} ms/article; "
          f"whole pipeline {1000 * elapsed / n:.2f} ms/article ({','.join(pipe.names)})")


def _time_real(n: int) -> None:
    """CPU ms/article of the quotes and claims stages on real news (best of 3 passes), when the corpus is there."""
    from rasd.io.readers import iter_articles
    path = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
    if not path.is_file():
        print(f"no corpus at {path}; real-news timing skipped")
        return
    arts = [a for a in iter_articles([path], limit=n) if not isinstance(a, Exception)]
    pipe = Pipeline.default()
    docs = []
    for a in arts:
        doc = Doc(a)
        for st in pipe.stages:
            if st.name in ("quotes", "claims", "events"):
                continue
            doc = _run(doc, st)
        docs.append(doc)
    own = [s for s in pipe.stages if s.name in ("quotes", "claims")]
    best = {s.name: 9e9 for s in own}
    for _ in range(3):
        spent = Counter()
        for doc in docs:
            doc.user.pop("_quote_reader", None)
            doc.user.pop("_actor_index", None)
            for st in own:
                t0 = time.process_time()     # CPU time: the machine may be shared
                st(doc)
                spent[st.name] += time.process_time() - t0
        best = {k: min(v, spent[k]) for k, v in best.items()}
    k = max(1, len(docs))
    print(f"real news ({len(docs)} saudinewsnet articles, {sum(len(d.text) for d in docs) // k} chars avg): "
          + ", ".join(f"{name} {1000 * v / k:.2f}" for name, v in best.items())
          + f" ms/article; together {1000 * sum(best.values()) / k:.2f}")


def _run(doc, stage):
    try:
        doc = stage(doc)
        doc.layers.update(stage.assigns)
    except Exception as exc:  # as Pipeline.process_doc: record and go on
        doc.add_error(stage.name, f"{type(exc).__name__}: {exc}")
    return doc


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


if __name__ == "__main__":
    main()
