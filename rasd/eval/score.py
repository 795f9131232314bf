"""Scoring extraction output against gold articles, by the rules of ../shared/gold/GUIDE.md.

Events
  A predicted event and a gold event are *compatible* when the event_type is equal and the
  predicted location names one of the gold `location` spellings, or lies within 10 km of the gold
  `latlon`. Predicted location names: Event.location, and for Event.place_id the record's Place
  name, name_ar and mention texts. Names are compared normalised (`norm_name`).
  Matching is one-to-one and maximises the number of matches (Hungarian assignment); among
  equally many matches it prefers required gold events, then pairs with the same sub_event_type,
  date and actor1.
  TP = matches with a required gold event; FP = unmatched predictions; FN = unmatched required
  gold events. A prediction matched to an optional gold event counts neither way.
  Field accuracy is over the TP pairs:
    sub_event_type   predicted value is one of the gold values
    actor1, actor2   `actor_matches` (aliases; a gold null means "no actor is acceptable")
    location         a predicted location name is one of the gold spellings (name, not distance)
    admin1           Event.admin1 is one of the gold admin1 spellings
    date             Event.event_date == gold date.value (only pairs whose gold gives a value)
    fatalities_exact Event.fatalities == gold fatalities.best
    fatalities_low   (Event.fatalities_low, else Event.fatalities) == gold fatalities.low
Entities
  Per-article sets of (normalised surface form, type) for PER/ORG/LOC/FAC; predicted MISC is
  ignored (gold has no MISC). Surface forms: `norm_text` (folded, lower-cased, punctuation and
  quote marks removed, spaces collapsed).
Quotes
  One-to-one: the speaker matches (equal; one is a word-suffix of the other, so a surname alone
  counts; or both are aliases of the same gold actor) and the predicted statement, normalised,
  starts with or contains the gold `begins`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

import regex

from ..model import ArticleRecord, Event
from ..text.normalize import normalize_word
from .gold import GoldArticle

MAX_KM = 10.0
ENTITY_TYPES = ("PER", "ORG", "LOC", "FAC")
EVENT_FIELDS = ("sub_event_type", "actor1", "actor2", "location", "admin1", "date",
                "fatalities_exact", "fatalities_low")

# -- normalisation ---------------------------------------------------------------------------------

_PAREN = regex.compile(r"\s*\([^()]*\)\s*$")
_PUNCT = regex.compile(r"[\p{P}\p{S}]+")
_SPACES = regex.compile(r"\s+")
_ARTICLE = regex.compile(r"^(?:(?:al|el)[\s\-]+|ال)", regex.IGNORECASE)
_CLITIC = regex.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?=\p{Arabic}{3})")


@lru_cache(maxsize=65536)
def norm_name(s: str | None) -> str:
    """Normalised name: parenthetical suffix dropped ('(Syria)', '(2000-2024)'), Arabic folded
    (normalize_word), lower-cased, punctuation removed, spaces collapsed."""
    if not s:
        return ""
    s = _PAREN.sub("", s.strip())
    s = normalize_word(s).lower()
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def norm_place(s: str | None) -> str:
    """Place names also ignore a leading article (Al Hajar al Aswad = Hajar al-Aswad, الحصبة = حصبة)."""
    n = norm_name(s)
    return _ARTICLE.sub("", n).replace(" ", "")


@lru_cache(maxsize=65536)
def norm_text(s: str | None) -> str:
    """Normalised running text (statements): folded, punctuation and quote marks removed."""
    if not s:
        return ""
    s = normalize_word(s).lower()
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


# -- small metric record ---------------------------------------------------------------------------

@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class FieldCounts:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool | None) -> None:
        if ok is None:  # not comparable (e.g. gold gives no date value)
            return
        self.total += 1
        self.correct += int(ok)

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.accuracy, 4)}


# -- assignment ------------------------------------------------------------------------------------

def max_weight_matching(weights: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """One-to-one pairs (row, col) maximising the total weight; None = not allowed.

    Hungarian algorithm (O(n^3), fine for the tens of events of one article). Give allowed pairs
    a large base weight to maximise the number of pairs first.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    n = max(n_rows, n_cols)
    big = max((w for row in weights for w in row if w is not None), default=0.0)
    # minimise cost = big - weight; forbidden / padding cells cost `big` (as good as unmatched)
    cost = [[big - (weights[i][j] if i < n_rows and j < n_cols and weights[i][j] is not None else 0.0)
             for j in range(n)] for i in range(n)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    p = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, n + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n + 1):
        i = p[j] - 1
        if 0 <= i < n_rows and j - 1 < n_cols and weights[i][j - 1] is not None:
            pairs.append((i, j - 1))
    return sorted(pairs)


# -- events ----------------------------------------------------------------------------------------

def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _as_list(x: Any) -> list:
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def predicted_location_names(event: Event, record: ArticleRecord) -> set[str]:
    """Normalised names the predicted event's location goes by (see the module docstring)."""
    names = {norm_place(event.location)} if event.location else set()
    if event.place_id:
        for place in record.places:
            if place.id == event.place_id:
                names.update(norm_place(n) for n in (place.name, place.name_ar) if n)
                for m in place.mentions:
                    names.add(norm_place(m.text))
                    names.add(norm_place(_CLITIC.sub("", normalize_word(m.text))))  # بحلب -> حلب
                break
    names.discard("")
    return names


def _event_coords(event: Event, record: ArticleRecord) -> tuple[float, float] | None:
    if event.latitude is not None and event.longitude is not None:
        return event.latitude, event.longitude
    if event.place_id:
        for place in record.places:
            if place.id == event.place_id and place.latitude is not None and place.longitude is not None:
                return place.latitude, place.longitude
    return None


def location_by_name(event: Event, record: ArticleRecord, gold_event: dict) -> bool:
    gold_names = {norm_place(n) for n in _as_list(gold_event.get("location")) if n}
    return bool(predicted_location_names(event, record) & gold_names)


def location_by_distance(event: Event, record: ArticleRecord, gold_event: dict) -> bool:
    latlon = gold_event.get("latlon")
    coords = _event_coords(event, record)
    if not latlon or coords is None:
        return False
    return haversine_km(coords, (float(latlon[0]), float(latlon[1]))) <= MAX_KM


def events_compatible(event: Event, record: ArticleRecord, gold_event: dict) -> bool:
    if event.event_type != gold_event.get("event_type"):
        return False
    return location_by_name(event, record, gold_event) or location_by_distance(event, record, gold_event)


class ActorAliases:
    """The gold article's actors: name -> normalised aliases (the name included)."""

    def __init__(self, gold_actors: Iterable[dict]):
        self.by_name: dict[str, set[str]] = {}
        for a in gold_actors or ():
            forms = {norm_name(a.get("name"))} | {norm_name(x) for x in a.get("aliases") or ()}
            forms.discard("")
            self.by_name.setdefault(norm_name(a.get("name")), set()).update(forms)

    def forms(self, gold_name: str) -> set[str]:
        key = norm_name(gold_name)
        return self.by_name.get(key, {key})

    def group_of(self, name: str) -> str | None:
        n = norm_name(name)
        for key, forms in self.by_name.items():
            if n in forms:
                return key
        return None


def predicted_actor_forms(actor: str | None, record: ArticleRecord) -> set[str]:
    """The predicted actor string and, through its Actor record, its Arabic name and mentions."""
    if not actor:
        return set()
    forms = {norm_name(actor)}
    key = norm_name(actor)
    for a in record.actors:
        if norm_name(a.name) == key:
            if a.name_ar:
                forms.add(norm_name(a.name_ar))
            forms.update(norm_name(m.text) for m in a.mentions)
    forms.discard("")
    return forms


def actor_matches(actor: str | None, gold_names: Any, aliases: ActorAliases, record: ArticleRecord) -> bool:
    """Does the predicted actor match one of the acceptable gold names?

    A gold null (None) in the list accepts a missing predicted actor."""
    options = _as_list(gold_names) if isinstance(gold_names, list) else [gold_names]
    if not actor:
        return any(g is None for g in options)
    forms = predicted_actor_forms(actor, record)
    for g in options:
        if g is None:
            continue
        if forms & aliases.forms(g):
            return True
    return False


def _gold_date(gold_event: dict):
    from datetime import date as _date

    d = gold_event.get("date") or {}
    v = d.get("value") if isinstance(d, dict) else None
    return _date.fromisoformat(v) if v else None


def compare_fields(event: Event, record: ArticleRecord, gold_event: dict, aliases: ActorAliases) -> dict[str, bool | None]:
    gold_sub = _as_list(gold_event.get("sub_event_type"))
    gold_admin1 = {norm_place(a) for a in _as_list(gold_event.get("admin1")) if a}
    gdate = _gold_date(gold_event)
    fat = gold_event.get("fatalities") or {}
    best, low = fat.get("best"), fat.get("low")
    pred_low = event.fatalities_low if event.fatalities_low is not None else event.fatalities
    return {
        "sub_event_type": event.sub_event_type in gold_sub,
        "actor1": actor_matches(event.actor1, gold_event.get("actor1"), aliases, record),
        "actor2": actor_matches(event.actor2, gold_event.get("actor2"), aliases, record),
        "location": location_by_name(event, record, gold_event),
        "admin1": (norm_place(event.admin1) in gold_admin1) if gold_admin1 else None,
        "date": (event.event_date == gdate) if gdate else None,
        "fatalities_exact": (event.fatalities == best) if best is not None else None,
        "fatalities_low": (pred_low == low) if low is not None else None,
    }


def _pair_weight(event: Event, record: ArticleRecord, gold_event: dict, aliases: ActorAliases) -> float:
    w = 1000.0
    if gold_event.get("required", True):
        w += 100.0
    if event.sub_event_type in _as_list(gold_event.get("sub_event_type")):
        w += 4.0
    gdate = _gold_date(gold_event)
    if gdate is not None and event.event_date == gdate:
        w += 2.0
    if actor_matches(event.actor1, gold_event.get("actor1"), aliases, record):
        w += 1.0
    if location_by_name(event, record, gold_event):
        w += 0.5
    return w


@dataclass
class EventMatch:
    pred_index: int
    pred_id: str
    gold_key: str
    required: bool
    fields: dict[str, bool | None]


@dataclass
class ArticleScore:
    id: str
    events: PRF = field(default_factory=PRF)
    entities: PRF = field(default_factory=PRF)
    quotes: PRF = field(default_factory=PRF)
    fields: dict[str, FieldCounts] = field(default_factory=lambda: {f: FieldCounts() for f in EVENT_FIELDS})
    matches: list[EventMatch] = field(default_factory=list)
    unmatched_pred: list[str] = field(default_factory=list)     # predicted event ids
    missed_gold: list[str] = field(default_factory=list)        # required gold keys
    optional_matched: int = 0
    n_pred_events: int = 0
    n_gold_required: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self, detail: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "events": self.events.as_dict(), "entities": self.entities.as_dict(),
            "quotes": self.quotes.as_dict(), "fields": {k: v.as_dict() for k, v in self.fields.items()},
            "optional_matched": self.optional_matched, "n_pred_events": self.n_pred_events,
            "n_gold_required": self.n_gold_required,
        }
        if detail:
            out["matches"] = [{"pred": m.pred_id, "gold": m.gold_key, "required": m.required, "fields": m.fields}
                              for m in self.matches]
            out["unmatched_pred"] = self.unmatched_pred
            out["missed_gold"] = self.missed_gold
            out["errors"] = self.errors
        return out


def score_events(gold: GoldArticle, record: ArticleRecord, result: ArticleScore) -> None:
    gold_events = list(gold.get("events") or [])
    preds = list(record.events)
    aliases = ActorAliases(gold.get("actors") or [])
    weights = [[_pair_weight(p, record, g, aliases) if events_compatible(p, record, g) else None
                for g in gold_events] for p in preds]
    pairs = max_weight_matching(weights) if preds and gold_events else []
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    result.n_pred_events = len(preds)
    result.n_gold_required = sum(1 for g in gold_events if g.get("required", True))
    for i, j in pairs:
        g = gold_events[j]
        required = bool(g.get("required", True))
        fields = compare_fields(preds[i], record, g, aliases)
        result.matches.append(EventMatch(i, preds[i].id, str(g.get("key", j)), required, fields))
        if required:
            result.events.tp += 1
            for name, ok in fields.items():
                result.fields[name].add(ok)
        else:
            result.optional_matched += 1
    for i, p in enumerate(preds):
        if i not in matched_pred:
            result.events.fp += 1
            result.unmatched_pred.append(p.id)
    for j, g in enumerate(gold_events):
        if j not in matched_gold and g.get("required", True):
            result.events.fn += 1
            result.missed_gold.append(str(g.get("key", j)))


# -- entities --------------------------------------------------------------------------------------

def gold_entity_set(gold: GoldArticle) -> set[tuple[str, str]]:
    ents = gold.get("entities") or {}
    out: set[tuple[str, str]] = set()
    if isinstance(ents, dict):
        for typ, forms in ents.items():
            out.update((norm_text(f), typ) for f in forms or () if norm_text(f))
    else:  # a list of {"text", "type"}
        out.update((norm_text(e["text"]), e["type"]) for e in ents if norm_text(e.get("text")))
    return out


def predicted_entity_set(record: ArticleRecord) -> set[tuple[str, str]]:
    return {(norm_text(e.text), e.type) for e in record.entities if e.type in ENTITY_TYPES and norm_text(e.text)}


def score_entities(gold: GoldArticle, record: ArticleRecord, result: ArticleScore) -> None:
    g, p = gold_entity_set(gold), predicted_entity_set(record)
    result.entities = PRF(len(g & p), len(p - g), len(g - p))


# -- quotes ----------------------------------------------------------------------------------------

def _is_suffix(short: list[str], long: list[str]) -> bool:
    return 0 < len(short) <= len(long) and long[-len(short):] == short


def _is_prefix(short: list[str], long: list[str]) -> bool:
    """A short form naming the same body: المرصد for المرصد السوري لحقوق الانسان."""
    return 0 < len(short) <= len(long) and long[:len(short)] == short


def speaker_matches(pred_names: Iterable[str], gold_speaker: str, aliases: ActorAliases) -> bool:
    g = norm_name(gold_speaker)
    if not g:
        return False
    gt = g.split()
    g_group = aliases.group_of(gold_speaker)
    for name in pred_names:
        n = norm_name(name)
        if not n:
            continue
        if n == g:
            return True
        nt = n.split()
        # a surname alone counts; a title before the name, or a short form of a body's name, too
        if _is_suffix(nt, gt) or _is_suffix(gt, nt) or _is_prefix(nt, gt) or _is_prefix(gt, nt):
            return True
        if g_group is not None and aliases.group_of(name) == g_group:
            return True
    return False


def statement_matches(statement: str, begins: str) -> bool:
    b = norm_text(begins)
    return bool(b) and b in norm_text(statement)


def score_quotes(gold: GoldArticle, record: ArticleRecord, result: ArticleScore) -> None:
    gold_quotes = list(gold.get("quotes") or [])
    aliases = ActorAliases(gold.get("actors") or [])
    preds = record.quotes
    weights: list[list[float | None]] = []
    for q in preds:
        names = [q.speaker or ""]
        if q.speaker_span is not None:
            names.append(q.speaker_span.text)
        row: list[float | None] = []
        for gq in gold_quotes:
            ok = statement_matches(q.text, gq.get("begins") or "") and speaker_matches(names, gq.get("speaker") or "", aliases)
            row.append(1.0 if ok else None)
        weights.append(row)
    pairs = max_weight_matching(weights) if preds and gold_quotes else []
    result.quotes = PRF(len(pairs), len(preds) - len(pairs), len(gold_quotes) - len(pairs))


# -- whole runs ------------------------------------------------------------------------------------

def score_article(gold: GoldArticle, record: ArticleRecord) -> ArticleScore:
    result = ArticleScore(id=gold.id)
    score_events(gold, record, result)
    score_entities(gold, record, result)
    score_quotes(gold, record, result)
    result.errors = [f"{e.stage}: {e.message}" for e in record.errors]
    return result


@dataclass
class EvalResult:
    articles: list[ArticleScore]
    stages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def total(self, what: str) -> PRF:
        out = PRF()
        for a in self.articles:
            out.add(getattr(a, what))
        return out

    def fields(self) -> dict[str, FieldCounts]:
        out = {f: FieldCounts() for f in EVENT_FIELDS}
        for a in self.articles:
            for k, v in a.fields.items():
                out[k].correct += v.correct
                out[k].total += v.total
        return out

    def as_dict(self, per_article: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": len(self.articles),
            "stages": self.stages,
            "seconds": round(self.seconds, 3),
            "events": self.total("events").as_dict(),
            "event_fields": {k: v.as_dict() for k, v in self.fields().items()},
            "optional_matched": sum(a.optional_matched for a in self.articles),
            "entities": self.total("entities").as_dict(),
            "quotes": self.total("quotes").as_dict(),
            "errors": sum(len(a.errors) for a in self.articles),
        }
        if per_article:
            out["per_article"] = [a.as_dict(detail=True) for a in self.articles]
        return out


def score(golds: Sequence[GoldArticle], records: Sequence[ArticleRecord]) -> EvalResult:
    by_id = {r.id: r for r in records}
    arts = []
    for g in golds:
        rec = by_id.get(g.id)
        if rec is None:
            rec = ArticleRecord(id=g.id, text=g.raw.get("text", ""))
        arts.append(score_article(g, rec))
    return EvalResult(arts)


def evaluate(gold_dir, pipeline=None) -> EvalResult:
    """Run the pipeline (default: Pipeline.default()) on the gold articles and score the output."""
    import time

    from ..pipeline import Pipeline
    from .gold import load_gold

    golds = load_gold(gold_dir)
    if not golds:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}; point GOLD_DIR at a folder like ../shared/gold/dev")
    pipe = pipeline or Pipeline.default()
    t0 = time.perf_counter()
    records = [pipe.process(g.article()) for g in golds]
    elapsed = time.perf_counter() - t0
    result = score(golds, records)
    result.stages = list(pipe.names)
    result.seconds = elapsed
    return result
