"""A tiny gazetteer built from rows a test writes, so place tests never depend on the packaged data."""

from __future__ import annotations

from pathlib import Path

from rasd.doc import Doc
from rasd.model import Article
from rasd.places.gazetteer import COUNTRIES_FILE, Gazetteer
from rasd.places.layers import LayerRow, write_layer
from rasd.stages.places import PlacesStage

CURATED_HEADER = "name_ar\tvariants_ar\tname_en\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tsource\n"


def row(gid, en, lat, lon, cc, a1, pop, *names) -> LayerRow:
    return LayerRow(gid, en, lat, lon, cc, a1, pop, list(names))


def build_gazetteer(d: Path, admin1: str, curated: str, stats: str, rows: list[LayerRow]) -> Gazetteer:
    (d / "admin1.tsv").write_text(admin1, encoding="utf-8")
    (d / "curated_test.tsv").write_text(curated, encoding="utf-8")
    (d / "stats.tsv").write_text(stats, encoding="utf-8")
    layer = d / "gn.tsv.gz"
    write_layer(rows, layer)
    (d / "user").mkdir()
    return Gazetteer.load(data_dir=d, geonames_layer=layer, user_dir=d / "user", countries_file=COUNTRIES_FILE,
                          word_stats=d / "stats.tsv")


def run(gaz: Gazetteer, text: str) -> Doc:
    return PlacesStage(gaz)(Doc(Article(id="t", text=text)))
