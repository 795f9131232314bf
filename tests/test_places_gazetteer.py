"""Places: gazetteer files, GeoNames dump import (on a dump the test writes) and the CLI sub-app."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pycountry
from typer.testing import CliRunner

from rasd.cli import app
from rasd.places.gazetteer import COUNTRIES_FILE, Gazetteer, default_gazetteer
from rasd.places.geonames_import import import_geonames

# Two places in the real 19-column GeoNames format (made-up ids and places).
GEONAME_ROWS = [
    ["900001", "Tell Zaytun", "Tell Zaytun", "Tall Zaytun,تل زيتون", "36.1000", "37.9000", "P", "PPL", "SY", "",
     "09", "", "", "", "1200", "", "400", "Asia/Damascus", "2020-01-01"],
    ["900002", "Zaytun Airbase", "Zaytun Airbase", "", "36.2000", "37.8000", "S", "AIRB", "SY", "",
     "09", "", "", "", "0", "", "380", "Asia/Damascus", "2020-01-01"],
    ["900003", "Some Forest", "Some Forest", "", "36.3000", "37.7000", "V", "FRST", "SY", "",
     "09", "", "", "", "0", "", "380", "Asia/Damascus", "2020-01-01"],
]
# alternateNamesV2: id, geonameid, language, name, preferred, short, colloquial, historic, from, to
ALT_ROWS = [
    ["1", "900002", "ar", "مطار الزيتون العسكري", "1", "", "", "", "", ""],
    ["2", "900002", "en", "Zaytun Air Base", "", "", "", "", "", ""],
    ["3", "900003", "ar", "الغابة", "", "", "", "", "", ""],
]


def _zip(path: Path, member: str, rows) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(member, "".join("\t".join(r) + "\n" for r in rows))
        zf.writestr("readme.txt", "not data\n")
    return path


def test_import_geonames_dump(tmp_path):
    dump = _zip(tmp_path / "SY.zip", "SY.txt", GEONAME_ROWS)
    alt = _zip(tmp_path / "alternateNamesV2.zip", "alternateNamesV2.txt", ALT_ROWS)
    out_dir = tmp_path / "layers"
    out, n = import_geonames([dump], alt, out_dir=out_dir)
    assert n == 2 and out.exists()  # the forest (class V) is not kept
    gaz = Gazetteer.load(data_dir=tmp_path / "none", geonames_layer=None, user_dir=out_dir, word_stats=None)
    (tell,) = gaz.candidates("تل زيتون")
    assert tell.geonameid == 900001 and tell.country == "SY" and tell.kind == "village"
    (base,) = gaz.candidates("مطار الزيتون العسكري")
    assert base.kind == "base"


def test_cli_import_geonames(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_GAZETTEER_DIR", str(tmp_path / "cache"))
    dump = _zip(tmp_path / "SY.zip", "SY.txt", GEONAME_ROWS)
    result = CliRunner().invoke(app, ["gazetteer", "import-geonames", str(dump), "--countries", "SY"])
    assert result.exit_code == 0, result.output
    assert "imported 1 places" in result.output
    assert list((tmp_path / "cache").glob("*.tsv.gz"))


def test_countries_file_codes_are_iso():
    with open(COUNTRIES_FILE, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            assert pycountry.countries.get(alpha_2=row["iso2"]) is not None, row["iso2"]


def test_packaged_gazetteer_loads_and_resolves():
    gaz = default_gazetteer()
    assert len(gaz.places) > 20_000
    aleppo = [c for c in gaz.candidates("حلب") if c.kind == "city"]
    assert aleppo and aleppo[0].country == "SY" and aleppo[0].geonameid
