"""Event extraction on the dev gold set, scored as in ../shared/gold/GUIDE.md (a quick local scorer
until `rasd eval` lands). Prints event P/R/F1 and per-field accuracy on matched events.

  --oracle   fill the upstream layers (actors, places) from the gold file itself, to measure the
             events stage alone (an upper bound of what the stage does with perfect inputs);
             otherwise the default pipeline's own stages are used.
  -v         list missed and spurious events per article.

Reads ../shared only at run time; nothing of it is copied into the repository.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasd.doc import Doc  # noqa: E402
from rasd.eval.gold import DEFAULT_GOLD_DIR, load_gold  # noqa: E402
from rasd.model import Actor, Place, Span  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.stages.events import StandaloneEventsStage  # noqa: E402
from rasd.text.normalize import normalize_word  # noqa: E402

INTER = {"state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4, "rioters": 5,
         "protesters": 6, "civilians": 7, "external": 8, "other": 8}
_AR = re.compile(r"[\u0600-\u06FF]")


def fold(s: str | None) -> str:
    return normalize_word(s or "").strip().lower().replace("ال", "", 1) if s else ""


def _find_all(doc: Doc, surface: str) -> list[tuple[int, int]]:
    n = normalize_word(surface)
    t = doc.norm.text
    out = []
    for m in re.finditer(r"(?<![\w])(?:[وفبلك]|وال|بال|فال|لل|ال|وب|ول)?(" + re.escape(n) + r")(?![\w])", t):
        out.append(doc.norm.to_original(m.start(1), m.end(1)))
    return out


def oracle_layers(doc: Doc, g) -> None:
    actors = []
    for i, a in enumerate(g.get("actors") or []):
        spans = []
        for alias in [a["name"], *a.get("aliases", [])]:
            if alias and _AR.search(alias):
                spans += _find_all(doc, alias)
        actors.append(Actor(id=f"a{i}", name=a["name"], kind=a.get("kind"), inter=INTER.get(a.get("kind")),
                            mentions=[Span.of(doc.text, s, e) for s, e in sorted(set(spans))]))
    doc.actors = actors
    places: dict[str, Place] = {}
    for e in g.get("events") or []:
        ll = e.get("latlon") or [None, None]
        for loc in e.get("location") or []:
            if not _AR.search(loc) or fold(loc) in places:
                continue
            spans = _find_all(doc, loc)
            if not spans:
                continue
            places[fold(loc)] = Place(id=f"p{len(places)}", name=loc, name_ar=loc, latitude=ll[0], longitude=ll[1],
                                      admin1=(e.get("admin1") or [None])[0], country=e.get("country"), kind="town",
                                      geo_precision=1, mentions=[Span.of(doc.text, s, e2) for s, e2 in spans])
    doc.places = list(places.values())
    doc.user.pop("place_mentions", None)
    doc.user.pop("actor_mentions", None)
    doc.layers.update({"actors", "places"})


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def loc_match(p, g) -> bool:
    names = {fold(x) for x in g.get("location") or []}
    if fold(p.location) in names:
        return True
    if g.get("latlon") and p.latitude is not None and p.longitude is not None:
        return km((p.latitude, p.longitude), g["latlon"]) <= 10
    return False


def score(golds, preds_by_article, verbose: bool):
    tp = fp = 0
    req_total = req_hit = 0
    fields = {"sub_event_type": [0, 0], "actor1": [0, 0], "date": [0, 0], "fatalities": [0, 0], "fatalities_low": [0, 0]}
    for g in golds:
        preds = list(preds_by_article[g.id])
        gev = sorted(g.get("events") or [], key=lambda e: not e.get("required", True))
        used = set()
        pairs = []
        for ge in gev:
            cands = [(i, p) for i, p in enumerate(preds) if i not in used and p.event_type == ge["event_type"] and loc_match(p, ge)]
            if not cands:
                continue
            cands.sort(key=lambda ip: (ip[1].sub_event_type not in ge["sub_event_type"], -ip[1].confidence))
            i, p = cands[0]
            used.add(i)
            pairs.append((ge, p))
        if verbose:
            print(f"== {g.id}")
        for ge in gev:
            if ge.get("required", True):
                req_total += 1
        for ge, p in pairs:
            if ge.get("required", True):
                req_hit += 1
            tp += 1
            f = fields["sub_event_type"]; f[1] += 1; f[0] += p.sub_event_type in ge["sub_event_type"]
            f = fields["actor1"]; f[1] += 1
            a1ok = fold(p.actor1) in {fold(x) for x in ge["actor1"] if x}
            f[0] += a1ok
            d = (ge.get("date") or {}).get("value")
            if d:
                f = fields["date"]; f[1] += 1; f[0] += str(p.event_date) == d
            fat = ge.get("fatalities") or {}
            f = fields["fatalities"]; f[1] += 1; f[0] += p.fatalities == fat.get("best", 0)
            f = fields["fatalities_low"]; f[1] += 1; f[0] += (p.fatalities_low or 0) == fat.get("low", 0)
            if verbose and (not a1ok or p.sub_event_type not in ge["sub_event_type"] or p.fatalities != fat.get("best", 0)
                            or (d and str(p.event_date) != d)):
                print(f"  ~ {ge['key']} {ge['sub_event_type'][0]} a1={ge['actor1'][:2]} fat={fat.get('best')} date={d}"
                      f" | pred {p.sub_event_type} a1={p.actor1} a2={p.actor2} fat={p.fatalities} date={p.event_date} @ {p.location}")
        matched_gold = {id(ge) for ge, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        for ge in gev:
            if id(ge) not in matched_gold and verbose:
                print(f"  - MISS {ge['key']}{'' if ge.get('required', True) else '(opt)'} {ge['event_type']}/{ge['sub_event_type'][0]}"
                      f" @ {ge['location'][:3]} :: {ge['evidence'][:90]}")
        for p in preds:
            if id(p) not in matched_pred:
                # a prediction matching an optional gold event is neither credit nor penalty (handled: matched)
                fp += 1
                if verbose:
                    ev = p.evidence[0].text[:90] if p.evidence else ""
                    print(f"  + SPUR {p.event_type}/{p.sub_event_type} @ {p.location} a1={p.actor1} :: {ev}")
        # optional matches are not true positives for precision purposes either way
        tp -= sum(1 for ge, _ in pairs if not ge.get("required", True))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = req_hit / req_total if req_total else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, fields, req_total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(DEFAULT_GOLD_DIR))
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    golds = load_gold(args.gold)
    if not golds:
        print("no gold articles found at", args.gold)
        return
    pipe = Pipeline.default()
    names = pipe.names[:pipe.names.index("events")]   # stages after events may need its output
    upstream = Pipeline.default(names) if names else None
    stage = StandaloneEventsStage()
    preds = {}
    t0 = time.perf_counter()
    for g in golds:
        doc = Doc(g.article())
        if upstream is not None:
            doc = upstream.process_doc(doc)
        if args.oracle:
            oracle_layers(doc, g)
        doc = stage(doc)
        preds[g.id] = doc.events
    dt = time.perf_counter() - t0
    p, r, f1, fields, n = score(golds, preds, args.verbose)
    mode = "oracle actors/places" if args.oracle else f"pipeline stages: {names or 'none'}"
    print(f"dev events ({len(golds)} articles, {n} required gold events; {mode})")
    print(f"  event P={p:.3f} R={r:.3f} F1={f1:.3f}")
    for k, (ok, tot) in fields.items():
        print(f"  {k:15s} {ok}/{tot} = {ok / tot if tot else 0:.3f}")
    print(f"  time {dt * 1000 / len(golds):.1f} ms/article (incl. upstream)")


if __name__ == "__main__":
    main()
