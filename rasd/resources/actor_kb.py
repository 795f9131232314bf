"""The actor knowledge base: curated YAML files under resources/data/actors/, compiled for matching.

Files (one per theatre, plus countries.yaml and descriptors.yaml):
- `actors:` canonical actors: id, name (ACLED style), kind, country, ar (Arabic names and variants),
  en (English aliases), parent, wikidata, eras (name/parent changes by date), by_country (name in
  a theatre, e.g. Islamic State (Syria)), heads (generic nouns that may refer back to it: التنظيم).
- `roles:` in a theatre file: which actor a generic role (military, police, coalition…) means there.
- countries.yaml: ISO-2 code, English name, Arabic names, nisba adjective(s) (سوري), metonyms (واشنطن).
- descriptors.yaml: role templates (Civilians ({country})) and generic Arabic descriptors (الجيش،
  مدنيون، مسلحون مجهولون) resolved in the article's country.

Every Arabic string is normalised with `normalize_word` (the same folding as the text) and put in
one Aho-Corasick automaton. A key starting with ال also gets its bare form (حوثيين), valid only
after ال or لل (للحوثيين) unless the bare form is itself listed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml

from ..errors import ResourceMissingError
from ..text.normalize import normalize_word

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"

KIND_INTER = {
    "state_forces": 1, "government": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external": 8,
}

# Proclitic strings allowed before a dictionary key (the key itself may start with ال).
FULL_PREFIXES = frozenset(["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"])
# Before the bare form of a key that began with ال: the article (or ل + ال written لل) must be there.
BARE_PREFIXES = frozenset(p + "ال" for p in ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"]) | {"لل", "ولل", "فلل"}

# Spelling variants generated for every key (written both ways in the press).
_VARIANTS = [("ميليشيات", "مليشيات"), ("ميليشيا", "مليشيا"), ("ميليشيا", "ميلشيا"), ("امريك", "اميرك"),
             ("سوريا", "سوريه"), ("الاسلاميه", "الاسلامي")]


# Roles that mean a country's forces in general when the KB has nothing more specific.
_ROLE_FALLBACK = {"airforce": "military", "navy": "military", "defence_ministry": "military",
                  "jihadists": "unidentified"}


@dataclass(frozen=True)
class Era:
    until: date | None
    name: str
    parent: str | None = None


@dataclass
class KBActor:
    id: str
    name: str
    kind: str
    country: str | None = None
    ar: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    parent: str | None = None
    wikidata: str | None = None
    eras: list[Era] = field(default_factory=list)
    by_country: dict[str, str] = field(default_factory=dict)
    heads: tuple[str, ...] = ()
    role: str | None = None          # persons: their office (president, spokesperson…)
    inter: int | None = None

    def resolved(self, when: date | None, theatre: str | None) -> tuple[str, str | None]:
        """(name, parent id) as of `when` in the theatre `theatre` (eras, then theatre names)."""
        name, parent = self.name, self.parent
        if self.eras:
            era = self.eras[-1]
            if when is not None:
                era = next((e for e in self.eras if e.until is None or when < e.until), self.eras[-1])
            name, parent = era.name, era.parent or parent
        if theatre and theatre in self.by_country:
            name = self.by_country[theatre]
        return name, parent

    @property
    def name_ar(self) -> str | None:
        return self.ar[0] if self.ar else None

    def all_names(self) -> list[str]:
        names = [self.name, *self.en, *(e.name for e in self.eras), *self.by_country.values()]
        return list(dict.fromkeys(names))


@dataclass(frozen=True)
class Descriptor:
    """A generic phrase (الجيش، مدنيون) that names an actor only through the article's country."""

    text: str
    role: str | None = None
    country: str | None = None        # fixed country (الجيش السوري), else the article's
    by_country: tuple[tuple[str, str], ...] = ()   # theatre -> actor id (التحالف: SY->US-led…)
    default: str | None = None        # actor id when no country is known / not in by_country


@dataclass(frozen=True)
class Hit:
    """One meaning of an automaton key."""

    kind: str                  # name | descriptor | anaphor | country
    target: str                # actor id | descriptor index | head | country code
    bare: bool = False         # the key is a generated bare form: needs ال / لل before it


@dataclass
class Country:
    code: str
    name: str
    ar: list[str]
    nisba: list[str]
    metonyms: list[str]


class ActorKB:
    def __init__(self, data_dir: Path = DATA_DIR):
        if not data_dir.is_dir():
            raise ResourceMissingError(f"actor data folder {data_dir} is missing; reinstall rasd")
        self.actors: dict[str, KBActor] = {}
        self.roles: dict[tuple[str, str], str] = {}
        self.descriptors: list[Descriptor] = []
        self.role_templates: dict[str, dict] = {}
        self.countries: dict[str, Country] = {}
        self.head_variants: dict[str, str] = {}
        self.anaphor_defaults: dict[tuple[str, str], str] = {}   # (country, head) -> actor id
        self._keys: dict[str, list[Hit]] = {}
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        files = sorted(data_dir.glob("*.yaml"))
        special = {"countries.yaml", "descriptors.yaml"}
        self._load_countries(yaml.load((data_dir / "countries.yaml").read_text("utf-8"), Loader=loader))
        desc = yaml.load((data_dir / "descriptors.yaml").read_text("utf-8"), Loader=loader)
        for path in files:
            if path.name not in special:
                self._load_theatre(yaml.load(path.read_text("utf-8"), Loader=loader), path)
        self._load_descriptors(desc)
        self._add_heads(desc.get("heads", {}))
        self._compile()

    # -- loading ---------------------------------------------------------------------------------
    def _load_countries(self, data: dict) -> None:
        for code, c in data["countries"].items():
            self.countries[code] = Country(code, c["name"], list(c.get("ar", [])), list(c.get("nisba", [])),
                                           list(c.get("metonyms", [])))
            for name in c.get("ar", []):
                self._add_key(name, Hit("country", code), article_variants=False)
            for name in c.get("metonyms", []):
                self._add_key(name, Hit("country", code), article_variants=False)
            if c.get("adj_votes", True):
                # the adjective alone (السوري، السوريه) only votes for the article's country
                for nisba in c.get("nisba", []):
                    for adj in ("m", "f", "pl"):
                        for form in _nisba_forms(nisba, adj):
                            self._add_key(form, Hit("adjective", code), article_variants=False)

    def _load_theatre(self, data: dict, path: Path) -> None:
        default_country = data.get("country")
        for role, actor_id in (data.get("roles") or {}).items():
            self.roles[(default_country, role)] = actor_id
        for head, actor_id in (data.get("anaphors") or {}).items():
            self.anaphor_defaults[(default_country, normalize_word(head))] = actor_id
        for raw in data.get("actors") or []:
            try:
                a = self._make_actor(raw, default_country)
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path.name}: bad actor entry {raw!r}: {exc}; see rasd/resources/actor_kb.py") from exc
            if a.id in self.actors:
                raise ValueError(f"{path.name}: duplicate actor id {a.id!r}")
            self.actors[a.id] = a
            for name in a.ar:
                self._add_key(name, Hit("name", a.id))

    @staticmethod
    def _make_actor(raw: dict, default_country: str | None) -> KBActor:
        eras = [Era(e.get("until"), e["name"], e.get("parent")) for e in raw.get("eras", [])]
        kind = raw["kind"]
        inter = raw.get("inter", KIND_INTER.get(kind))
        return KBActor(
            id=raw["id"], name=raw["name"], kind=kind, country=raw.get("country", default_country),
            ar=list(raw.get("ar", [])), en=list(raw.get("en", [])), parent=raw.get("parent"),
            wikidata=raw.get("wikidata"), eras=eras, by_country=dict(raw.get("by_country", {})),
            heads=tuple(normalize_word(h) for h in raw.get("heads", [])), role=raw.get("role"), inter=inter,
        )

    def _load_descriptors(self, data: dict) -> None:
        self.role_templates = data["roles"]
        for d in data["descriptors"]:
            by_country = tuple(sorted((d.get("by_country") or {}).items()))
            for text in d["ar"] if d.get("bare", True) else ():
                self._add_descriptor(Descriptor(text, d.get("role"), None, by_country, d.get("default")))
            adj = d.get("adj")
            if adj and d.get("role"):
                for code, c in self.countries.items():
                    for nisba in c.nisba:
                        for text in d["ar"]:
                            for form in _nisba_forms(nisba, adj):
                                self._add_descriptor(Descriptor(f"{text} {form}", d["role"], code))
        # "X + country name" (جيش سوريا) is rare in news; nisba forms cover the common case.

    def _add_descriptor(self, d: Descriptor) -> None:
        self.descriptors.append(d)
        self._add_key(d.text, Hit("descriptor", str(len(self.descriptors) - 1)))

    def _add_heads(self, extra: dict) -> None:
        """Generic heads (التنظيم، الجماعة…): from each actor's `heads` and the first word of its names."""
        generic = {normalize_word(h): normalize_word(h) for h in extra.get("generic", [])}
        for variant, head in (extra.get("variants") or {}).items():
            generic[normalize_word(variant)] = normalize_word(head)
        self.head_variants = generic
        for a in self.actors.values():
            heads = set(a.heads)
            for name in a.ar:
                first = normalize_word(name).split(" ")[0]
                for cand in ("ال" + first, first):
                    if cand in generic:
                        heads.add(generic[cand])
            a.heads = tuple(sorted(heads))
        for variant in generic:
            self._add_key(variant, Hit("anaphor", generic[variant]), article_variants=False)

    def _add_key(self, text: str, hit: Hit, article_variants: bool = True) -> None:
        key = normalize_word(text).strip()
        key = re.sub(r"\s+", " ", key)
        if not key:
            return
        forms = {key}
        for a, b in _VARIANTS:
            for f in list(forms):
                if a in f:
                    forms.add(f.replace(a, b))
        for f in forms:
            self._keys.setdefault(f, [])
            if hit not in self._keys[f]:
                self._keys[f].append(hit)
            if article_variants and f.startswith("ال") and len(f) > 4:
                bare = Hit(hit.kind, hit.target, bare=True)
                lst = self._keys.setdefault(f[2:], [])
                if bare not in lst:
                    lst.append(bare)

    def _compile(self) -> None:
        self.automaton = ahocorasick.Automaton()
        for key, hits in self._keys.items():
            full = tuple(h for h in hits if not h.bare)
            bare = tuple(h for h in hits if h.bare)
            rank_full = min((_KIND_RANK[h.kind] for h in full), default=9)
            rank_bare = min((_KIND_RANK[h.kind] for h in bare), default=9)
            self.automaton.add_word(key, (key, len(key), full, bare, rank_full, rank_bare))
        self.automaton.make_automaton()

    # -- queries -----------------------------------------------------------------------------------
    def role_actor(self, country: str | None, role: str) -> KBActor | None:
        """The actor a generic role means in `country`: curated (roles:) or made from the template."""
        if country is None:
            return None
        actor_id = self.roles.get((country, role)) or f"{country.lower()}.{role}"
        if actor_id in self.actors:
            return self.actors[actor_id]
        if role in _ROLE_FALLBACK:
            return self.role_actor(country, _ROLE_FALLBACK[role])
        template = self.role_templates.get(role)
        if template is None or country not in self.countries:
            return None
        actor_id = f"{country}.{role}"
        if actor_id not in self.actors:  # made once per country and role, then reused
            cname = self.countries[country].name
            kind = template["kind"]
            self.actors[actor_id] = KBActor(
                id=actor_id, name=template["name"].format(country=cname), kind=kind, country=country,
                ar=[], en=[t.format(country=cname) for t in template.get("en", [])],
                inter=template.get("inter", KIND_INTER.get(kind)),
            )
        return self.actors[actor_id]

    def resolve_descriptor(self, d: Descriptor, theatre: str | None) -> KBActor | None:
        by = dict(d.by_country)
        if theatre in by:
            return self.actors.get(by[theatre])
        if d.role:
            actor = self.role_actor(d.country or theatre, d.role)
            if actor is not None:
                return actor
        return self.actors.get(d.default) if d.default else None

    def stats(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in self.actors.values():
            out[a.country or "intl"] = out.get(a.country or "intl", 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def _nisba_forms(nisba: str, adj: str) -> list[str]:
    """Agreeing forms of a nisba adjective: سوري -> السوري / السوريه / السوريين …"""
    base = normalize_word(nisba)
    if adj == "m":
        return ["ال" + base]
    if adj == "f":
        return ["ال" + base + "ه"]
    if adj == "pl":
        return ["ال" + base + "ين", "ال" + base + "ون"]
    if adj == "pl_indef":
        return [base + "ين", base + "ون"]
    raise ValueError(f"unknown adjective agreement {adj!r}: use m, f, pl or pl_indef")


_CACHE_VERSION = b"actor-kb-1"


def _cache_path(data_dir: Path) -> Path | None:
    """Where the compiled KB is cached: $RASD_CACHE_DIR or ~/.cache/rasd, named by a digest of the
    YAML files and of the code that compiles them (any edit makes a new file; stale ones are ignored)."""
    base = os.environ.get("RASD_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "rasd")
    h = hashlib.sha1(_CACHE_VERSION)
    try:
        for path in sorted(data_dir.glob("*.yaml")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
        for module_file in (__file__, sys.modules[normalize_word.__module__].__file__):
            h.update(Path(module_file).read_bytes())
    except OSError:
        return None
    return Path(base) / f"actor_kb-{h.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """The KB, compiled once and cached as a pickle (YAML parsing, normalising ~6k keys and building
    the automaton cost ~0.15-0.3 s; the pickle loads in a few ms). Set RASD_NO_CACHE=1 to bypass."""
    if os.environ.get("RASD_NO_CACHE"):
        return ActorKB()
    path = _cache_path(DATA_DIR)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as f:
                kb = pickle.load(f)
            if isinstance(kb, ActorKB):
                return kb
        except Exception:  # a truncated / foreign file: rebuild it below
            pass
    kb = ActorKB()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # read-only home: just no cache
    return kb


@dataclass
class Match:
    """A dictionary key found in the normalised text (after the longest-match selection)."""

    nstart: int          # normalised span of the mention (clitics excluded, ال kept)
    nend: int
    key: str
    hits: tuple[Hit, ...]
    prefix: str          # the proclitics in front of it


_KIND_RANK = {"name": 0, "descriptor": 1, "country": 2, "adjective": 3, "anaphor": 4}


def scan(kb: ActorKB, text: str) -> list[Match]:
    """All KB keys in normalised `text`, clitic-aware, longest match first, sorted by position."""
    n = len(text)
    if n == 0:
        return []
    cands = []
    for last, (key, klen, full, bare, rank_full, rank_bare) in kb.automaton.iter(text):
        end = last + 1
        if end < n and text[end].isalpha():
            continue
        start = end - klen
        # walk back over the proclitics (at most 5 letters): cheaper than a per-char table per text
        ts = start
        while ts > 0 and text[ts - 1].isalpha():
            ts -= 1
            if start - ts > 5:
                break
        plen = start - ts
        if plen > 5:
            continue
        prefix = text[ts:start] if plen else ""
        if full and prefix in FULL_PREFIXES:
            cands.append((-klen, rank_full, start, end, key, prefix, full))
        elif bare and prefix in BARE_PREFIXES:
            if prefix.endswith("ال"):
                cands.append((-klen, rank_bare, start - 2, end, key, prefix[:-2], bare))
            else:
                cands.append((-klen, rank_bare, start, end, key, prefix, bare))
    if not cands:
        return []
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken = bytearray(n + 1)
    out: list[Match] = []
    for _, _, s, e, key, prefix, hits in cands:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(Match(s, e, key, hits, prefix))
    out.sort(key=lambda m: m.nstart)
    return out
