"""Places on real-news patterns: common words, organisations, demonyms, person names are not places.

Fixture gazetteer written by the test (own rows and word statistics, 5-column stats file with the
after-locative share), so the tests do not depend on the packaged data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from places_fixture import build_gazetteer, row, run

from rasd.doc import Doc
from rasd.places.gazetteer import COUNTRIES_FILE, PLAIN, SOFT, TRIGGER_ONLY, Gazetteer
from rasd.places.layers import write_layer

ADMIN1 = """country\tiso_code\tname_en\tname_ar\tvariants_ar\tlat\tlon
SY\tSY-HL\tAleppo\tحلب\t\t36.2\t37.4
"""
CURATED = """name_ar\tvariants_ar\tname_en\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tsource
"""
# name  per_million  after_trigger  person  after_locative
STATS = """name\tper_million\tafter_trigger\tperson\tafter_locative
كيف\t170.0\t0.000\t0\t0.005
باريس\t76.0\t0.007\t0\t0.41
كامل\t134.0\t0.001\t0\t0.0
امل\t49.0\t0.000\t1\t0.05
الحادث\t146.0\t0.021\t0\t0.07
سنه\t205.0\t0.001\t0\t0.11
"""



@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    d: Path = tmp_path_factory.mktemp("places_prec")
    return build_gazetteer(d, ADMIN1, CURATED, STATS, [
        row(1, "Aleppo", 36.20, 37.16, "SY", "09", 1_600_000, "حلب"),
        row(2, "Kyiv", 50.45, 30.52, "UA", "12", 2_900_000, "كيف"),
        row(3, "Paris", 48.85, 2.35, "FR", "11", 2_100_000, "باريس"),
        row(4, "Amol", 36.47, 52.35, "IR", "35", 230_000, "امل"),
        row(5, "Sanandaj", 35.31, 47.0, "IR", "16", 350_000, "سنه"),
        row(6, "Al Jazirah", 14.0, 33.3, "SD", "01", 3_000_000, "الجزيره"),
        row(7, "Salem", 11.65, 78.15, "IN", "25", 900_000, "سالم"),
        row(8, "Damascus", 33.51, 36.29, "SY", "13", 1_500_000, "دمشق"),
    ])


def names(doc: Doc) -> set:
    return {p.name for p in doc.places if p.kind != "relative"}


def test_frequent_word_never_after_a_locative_needs_a_trigger(gaz):
    assert gaz.level("كيف") == TRIGGER_ONLY and gaz.level("باريس") == PLAIN
    assert "Kyiv" not in names(run(gaz, "لا أعرف كيف يمكن أن يحدث ذلك، وكيف نرد عليه"))
    assert "Kyiv" in names(run(gaz, "وصل الوفد إلى مدينة كيف أمس"))
    assert "Paris" in names(run(gaz, "عقد الاجتماع في باريس"))


def test_clitic_reading_of_a_more_frequent_word_is_not_a_name(gaz):
    assert "Amol" not in names(run(gaz, "تمت السيطرة على كامل المنطقة"))


def test_preposition_then_conjunction_is_not_locative(gaz):
    assert gaz.level("امل") >= SOFT
    assert "Amol" not in names(run(gaz, "انتقل الحديث إلى فامل جديد"))


def test_word_before_a_number_is_not_a_place(gaz):
    assert "Sanandaj" not in names(run(gaz, "وقعت الاضطرابات في سنة 1979 في إيران"))


def test_organisation_names_are_not_places(gaz):
    assert "Al Jazirah" not in names(run(gaz, "وقال مراسل قناة الجزيرة إن الاشتباكات مستمرة"))
    assert "Damascus" not in names(run(gaz, "تخرج من جامعة دمشق قبل عشرين عاما"))
    assert "Damascus" in names(run(gaz, "سقطت قذائف على دمشق"))


def test_country_name_used_as_adjective_votes_but_is_no_place(gaz):
    doc = run(gaz, "أعلنت الحكومة السعودية دعمها، وقالت القوات السعودية إنها ردت")
    assert "Saudi Arabia" not in names(doc)
    doc = run(gaz, "دفع الرجل مليون ليرة سورية ثمنا للسيارة")
    assert "Syria" not in names(doc)
    assert "Saudi Arabia" in names(run(gaz, "عاد الوفد إلى السعودية"))


def test_surname_after_a_given_name_is_not_a_place(gaz):
    assert "Salem" not in names(run(gaz, "وقال محمد سالم للصحفيين إن الوضع هادئ"))


def test_unknown_name_after_trigger_must_not_be_a_common_word(gaz):
    doc = run(gaz, "وصلت فرق الإنقاذ إلى منطقة الحادث بعد ساعة")
    assert not [p for p in doc.places if not p.resolved]
    doc = run(gaz, "لقضاء حاجاتنا اليومية نذهب إلى السوق")
    assert not doc.places
    doc = run(gaz, "تقدمت القوات نحو قرية الزهيرات شرق حلب")
    assert [p.name_ar for p in doc.places if p.source == "anchored"] == ["الزهيرات"]


def test_small_place_with_a_direction_adjective_is_its_twin_not_itself(gaz):
    doc = run(gaz, "تقدمت القوات في محور الزهيرات الشرقية، وقصفت حلب الشرقية")
    assert "Aleppo" in names(doc)  # a big city: its eastern part


def test_direction_twin_of_known_small_place(tmp_path):
    d = tmp_path
    (d / "admin1.tsv").write_text(ADMIN1, encoding="utf-8")
    (d / "curated_t.tsv").write_text(CURATED + "الزهيرات\t\tAz Zuhayrat\tvillage\tSY\tAleppo\t\t36.1\t37.5\ttest\n",
                                     encoding="utf-8")
    layer = d / "gn.tsv.gz"
    write_layer([row(1, "Aleppo", 36.20, 37.16, "SY", "09", 1_600_000, "حلب")], layer)
    (d / "user").mkdir()
    g = Gazetteer.load(data_dir=d, geonames_layer=layer, user_dir=d / "user", countries_file=COUNTRIES_FILE,
                       word_stats=None)
    doc = run(g, "قصفت الطائرات قرية الزهيرات الشرقية قرب حلب")
    assert "Az Zuhayrat" not in names(doc)
    assert [p.name_ar for p in doc.places if p.source == "anchored"] == ["الزهيرات الشرقية"]
