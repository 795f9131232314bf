"""Claim accuracy on the dev gold set (../shared/gold/dev).

    PYTHONPATH=. python bench/claims.py [--gold DIR] [-v]

A predicted claim matches a gold claim (one-to-one) when
  - the relation family is the same (bench/quotes.py FAMILIES: gold relation names are free English
    phrases, grouped by keyword into our relations),
  - the evidence overlaps (same test as bench/quotes.py), and
  - the claimant matches one of the gold claimants with the quote speaker matcher
    (rasd.eval.score.speaker_matches); a gold claimant "article…" (or none) accepts a claim made by the
    article itself (our claimant = the outlet / "article", no quote).
Prints P/R/F1 (recall over all gold claims and over those in a family we code), per-family counts, and
for matched claims the share with the gold stance and with subject/object naming the gold actor
(rasd.eval.score.actor_matches). "evidence only" counts gold claims found with the wrong claimant.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import _overlap, family, norm  # noqa: E402

from rasd.eval.gold import DEFAULT_GOLD_DIR, load_gold  # noqa: E402
from rasd.eval.score import ActorAliases, actor_matches, norm_name, speaker_matches  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402

OURS = ("responsibility", "accusation", "denial", "coordination", "support", "threat", "demand", "controls_area")


def evidence_overlaps(gold_ev: str, pred_ev: str) -> bool:
    ev, ptxt = norm(gold_ev), norm(pred_ev)
    return bool(ev and ptxt and (ev[:25] in ptxt or ptxt[:25] in ev or _overlap(ev, ptxt) >= 0.5))


def claimant_matches(pred, gold_claimants, aliases: ActorAliases, outlet: str | None) -> bool:
    golds = gold_claimants if isinstance(gold_claimants, list) else [gold_claimants]
    names = [n for n in (pred.claimant, pred.subject if pred.claimant_id and pred.claimant_id == getattr(pred, "subject_id", None) else None) if n]
    by_article = not pred.claimant or pred.claimant in ("article", outlet)
    if not [g for g in golds if g]:
        return by_article
    for g in golds:
        if not g:
            continue
        if norm_name(g).startswith("article"):
            if by_article:
                return True
            continue
        if speaker_matches(names, g, aliases):
            return True
    return False


def gold_stance(s: str | None) -> str:
    s = (s or "").lower()
    return "asserted" if s.startswith("asserted") else s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(DEFAULT_GOLD_DIR))
    ap.add_argument("-v", "--verbose", action="store_true", help="print misses and unmatched predictions")
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"no gold set at {gold_dir}; nothing to measure")
        return
    golds = load_gold(gold_dir)
    pipe = Pipeline.default()
    fam_gold, fam_pred, fam_hit, fam_ev = Counter(), Counter(), Counter(), Counter()
    stance_ok = subj_ok = obj_ok = subj_n = obj_n = 0
    for g in golds:
        rec = pipe.process(g.article())
        aliases = ActorAliases(g.get("actors") or [])
        outlet = g.article().outlet
        gc = g.get("claims") or []
        used: set[int] = set()
        for c in gc:
            fam = family(c.get("relation"))
            fam_gold[fam] += 1
            cands = [(pi, p) for pi, p in enumerate(rec.claims) if pi not in used and family(p.relation) == fam
                     and evidence_overlaps(c.get("evidence"), " ".join(s.text for s in p.evidence))]
            if cands:
                fam_ev[fam] += 1
            hit = next(((pi, p) for pi, p in cands if claimant_matches(p, c.get("claimant"), aliases, outlet)), None)
            if hit is None:
                if args.verbose:
                    why = "claimant" if cands else "missed"
                    got = f" (got claimant {cands[0][1].claimant!r})" if cands else ""
                    print(f"  {why.upper():8} {g.id}: {c.get('relation')} [{c.get('stance')}] C={c.get('claimant')}{got} :: {norm(c.get('evidence'))[:80]}")
                continue
            pi, p = hit
            used.add(pi)
            fam_hit[fam] += 1
            stance_ok += p.stance == gold_stance(c.get("stance"))
            if c.get("subject"):
                subj_n += 1
                subj_ok += actor_matches(p.subject, [x.strip() for x in str(c["subject"]).split(";")], aliases, rec)
            if c.get("object"):
                obj_n += 1
                obj_ok += actor_matches(p.object, [x.strip() for x in str(c["object"]).split(";")], aliases, rec)
        for pi, p in enumerate(rec.claims):
            fam_pred[family(p.relation)] += 1
            if args.verbose and pi not in used:
                print(f"  UNMATCHED {g.id}: {p.relation} [{p.stance}] C={p.claimant} S={p.subject} O={p.object} :: {p.evidence[0].text[:70] if p.evidence else ''}")
    n_gold, n_pred, n_hit = sum(fam_gold.values()), sum(fam_pred.values()), sum(fam_hit.values())
    n_ours = sum(v for k, v in fam_gold.items() if k in OURS)
    n_pred_coded = sum(v for k, v in fam_pred.items() if fam_gold.get(k))
    p = n_hit / n_pred if n_pred else 0.0
    r = n_hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"claims: gold {n_gold} ({n_ours} in our families), predicted {n_pred}, matched {n_hit} "
          f"(same family + overlapping evidence + claimant)")
    print(f"claims  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   |  R in our families {n_hit / max(1, n_ours):.3f}  "
          f"P among families the gold codes {n_hit / max(1, n_pred_coded):.3f}")
    print(f"evidence + family only (any claimant): {sum(fam_ev.values())}")
    print(f"matched: stance = gold {stance_ok}/{n_hit}; subject names the gold actor {subj_ok}/{subj_n}; "
          f"object {obj_ok}/{obj_n}")
    print("per family (gold / predicted / matched / evidence-only):")
    for fam in sorted(set(fam_gold) | set(fam_pred), key=lambda k: (k.startswith("other"), -fam_gold[k], k)):
        if fam.startswith("other"):
            continue
        print(f"  {fam:16} {fam_gold[fam]:3} {fam_pred[fam]:4} {fam_hit[fam]:4} {fam_ev[fam]:4}")
    other = sum(v for k, v in fam_gold.items() if k.startswith("other"))
    print(f"  {'(other: events)':16} {other:3}  — gold relations outside our families (bombed, killed …)")


if __name__ == "__main__":
    main()
