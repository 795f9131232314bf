"""Places: the compiled gazetteer cache is read back identical, and any changed input rebuilds it."""

from __future__ import annotations

import os

from rasd.places import compiled_cache
from rasd.places.gazetteer import COUNTRIES_FILE, Gazetteer
from rasd.places.recognize import recognize
from rasd.text.normalize import normalize

ADMIN1 = """country\tiso_code\tname_en\tname_ar\tvariants_ar\tlat\tlon
SY\tSY-HL\tAleppo\tحلب\t\t36.2\t37.4
"""
CURATED = """name_ar\tvariants_ar\tname_en\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tsource
حي الزيتونة\tالزيتونة\tAz Zaytuna\tneighbourhood\tSY\tAleppo\t\t36.21\t37.15\ttest
"""


def _load(d, **kw):
    return Gazetteer.load(data_dir=d, geonames_layer=None, user_dir=d / "user", countries_file=COUNTRIES_FILE,
                          word_stats=None, cache=True, **kw)


def _setup(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path / "cache"))
    d = tmp_path / "data"
    d.mkdir()
    (d / "admin1.tsv").write_text(ADMIN1, encoding="utf-8")
    (d / "curated_test.tsv").write_text(CURATED, encoding="utf-8")
    return d


def test_cache_is_written_and_read_back_identical(tmp_path, monkeypatch):
    d = _setup(tmp_path, monkeypatch)
    built = _load(d)
    files = list((tmp_path / "cache" / "compiled").glob("gazetteer-*.pkl"))
    assert len(files) == 1
    cached = _load(d)
    assert cached is not built and cached._automaton is not None
    assert [p.__dict__ for p in cached.places] == [
        {k: v for k, v in p.__dict__.items() if k != "_names"} for p in built.places]
    assert cached.keys == built.keys and cached.levels == built.levels and cached.demonyms == built.demonyms
    text = normalize("قصف على حي الزيتونة في حلب").text
    names = [m.key for m in recognize(text, cached).names]
    assert names == [m.key for m in recognize(text, built).names]
    assert "حي الزيتونه" in names


def test_changed_data_file_invalidates_cache(tmp_path, monkeypatch):
    d = _setup(tmp_path, monkeypatch)
    _load(d)
    (d / "curated_test.tsv").write_text(
        CURATED + "تل الورد\t\tTal al Ward\tvillage\tSY\tAleppo\t\t36.3\t37.2\ttest\n", encoding="utf-8")
    gaz = _load(d)
    assert gaz.candidates("تل الورد")
    # a new data file (another helper's admin2_*.tsv, say) changes the signature too
    before = compiled_cache.cache_file(d, None, d / "user", COUNTRIES_FILE, None)
    (d / "admin2_sy.tsv").write_text("x\n", encoding="utf-8")
    assert compiled_cache.cache_file(d, None, d / "user", COUNTRIES_FILE, None) != before


def test_corrupt_cache_falls_back_to_building(tmp_path, monkeypatch):
    d = _setup(tmp_path, monkeypatch)
    _load(d)
    (path,) = (tmp_path / "cache" / "compiled").glob("gazetteer-*.pkl")
    path.write_bytes(b"not a pickle")
    gaz = _load(d)
    assert gaz.candidates("الزيتونه")


def test_no_cache_env_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RASD_NO_CACHE", "1")
    d = _setup(tmp_path, monkeypatch)
    Gazetteer.load(data_dir=d, geonames_layer=None, user_dir=d / "user", word_stats=None)
    assert not (tmp_path / "cache" / "compiled").exists()
    assert os.environ["RASD_NO_CACHE"] == "1"
