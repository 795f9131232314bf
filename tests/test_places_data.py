"""The curated gazetteer data parses and passes the structural checks (no GeoNames needed)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _checker():
    spec = importlib.util.spec_from_file_location("check_places_data", ROOT / "bench" / "check_places_data.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_admin1_parses_and_covers_core_countries():
    mod = _checker()
    rows, issues = mod.load_admin1()
    assert not issues
    countries = {r["country"] for r in rows}
    assert {"SY", "IQ", "YE", "LY", "SD", "PS", "LB", "EG", "SO"} <= countries
    by_code = {r["iso_code"]: r for r in rows}
    assert by_code["SY-ID"]["name_ar"] == "إدلب"
    assert 35 < by_code["SY-ID"]["lat"] < 36.5


def test_curated_rows_are_well_formed():
    mod = _checker()
    rows, _ = mod.load_curated()
    assert len(rows) > 500
    assert mod.structural_issues() == []


def test_known_places_are_where_they_should_be():
    mod = _checker()
    rows, _ = mod.load_curated()
    by_name = {(r["country"], r["name_ar"]): r for r in rows}
    douma = by_name[("SY", "دوما")]
    assert douma["admin1"] == "Rural Damascus"
    assert mod.haversine_km(douma["lat"], douma["lon"], 33.57, 36.40) < 5
    assert by_name[("SY", "الغوطة الشرقية")]["kind"] == "region"
