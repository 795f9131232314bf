import pytest

from rasd.doc import Doc
from rasd.model import Article
from rasd.pipeline import Pipeline
from rasd.text.normalize import normalize
from rasd.text.quantities import dual_count, find_quantities, parse_number_words, quantities


def q(text):
    return [(text[s:e], m.value, m.low, m.high, m.qualifier, m.vague) for s, e, m in quantities(normalize(text))]


def one(text):
    found = q(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,surface,value", [
    ("قتل 18 شخصاً", "18", 18),
    ("أصيب ٣٠٠ آخرون", "٣٠٠", 300),
    ("نزح 1,500 مدني", "1,500", 1500),
    ("نزح ۱۲ مدنيا", "۱۲", 12),
    ("قتل ثلاثة أشخاص", "ثلاثة", 3),
    ("قُتِلَ ثلاثةُ أشخاصٍ", "ثلاثةُ", 3),
    ("قتل اثنان من الحراس", "اثنان", 2),
    ("أصيبت اثنتين من النساء", "اثنتين", 2),
    ("مقتل ثلاث نساء", "ثلاث", 3),
    ("مقتل أحد عشر جنديا", "أحد عشر", 11),
    ("إصابة إحدى عشرة امرأة", "إحدى عشرة", 11),
    ("اثنا عشر مسلحا", "اثنا عشر", 12),
    ("تسعة عشر قتيلا", "تسعة عشر", 19),
    ("عشرون جريحا", "عشرون", 20),
    ("قتل تسعين شخصا", "تسعين", 90),
    ("مقتل خمسة وعشرين عنصرا", "خمسة وعشرين", 25),
    ("خمسة وعشرون", "خمسة وعشرون", 25),
    ("مئة مقاتل", "مئة", 100),
    ("مائة مقاتل", "مائة", 100),
    ("مئتان من الأسرى", "مئتان", 200),
    ("مئتي أسير", "مئتي", 200),
    ("ثلاثمئة عائلة", "ثلاثمئة", 300),
    ("ثلاث مئة عائلة", "ثلاث مئة", 300),
    ("مئة وخمسة وعشرون", "مئة وخمسة وعشرون", 125),
    ("ألف لاجئ", "ألف", 1000),
    ("ألفان من النازحين", "ألفان", 2000),
    ("ثلاثة آلاف مقاتل", "ثلاثة آلاف", 3000),
    ("خمسة عشر ألفا", "خمسة عشر ألفا", 15000),
    ("ألفين وخمسمئة وأحد عشر", "ألفين وخمسمئة وأحد عشر", 2511),
    ("10 آلاف نازح", "10 آلاف", 10000),
    ("2.5 مليون لاجئ", "2.5 مليون", 2_500_000),
    ("الجنود الثلاثة", "الثلاثة", 3),
    ("وخمسة جرحى", "وخمسة", 5),
    ("شخص واحد", "واحد", 1),
])
def test_exact_numbers(text, surface, value):
    s, v, lo, hi, qual, vague = one(text)
    assert (s, v, lo, hi, qual, vague) == (surface, value, value, value, "exact", False)


@pytest.mark.parametrize("text,surface,value,low,high,qual", [
    ("قتل نحو 20 شخصا", "نحو 20", 20, None, None, "approx"),
    ("قرابة خمسين قتيلا", "قرابة خمسين", 50, None, None, "approx"),
    ("حوالي 40 جريحا", "حوالي 40", 40, None, None, "approx"),
    ("زهاء مئتي عائلة", "زهاء مئتي", 200, None, None, "approx"),
    ("بنحو 40", "بنحو 40", 40, None, None, "approx"),
    ("أكثر من عشرة مدنيين", "أكثر من عشرة", 10, 10, None, "more_than"),
    ("ما يزيد عن 30 قتيلا", "ما يزيد عن 30", 30, 30, None, "more_than"),
    ("ما يزيد على 30 قتيلا", "ما يزيد على 30", 30, 30, None, "more_than"),
    ("ما لا يقل عن 7 قتلى", "ما لا يقل عن 7", 7, 7, None, "at_least"),
    ("مقتل 10 أشخاص على الأقل", "10", 10, 10, None, "at_least"),
    ("على الأقل 10 قتلى", "على الأقل 10", 10, 10, None, "at_least"),
    ("أقل من 5 إصابات", "أقل من 5", 5, None, 5, "less_than"),
    ("حتى 50 شخصا", "حتى 50", 50, None, 50, "at_most"),
    ("ما بين 10 و15 قتيلا", "ما بين 10 و15", 10, 10, 15, "range"),
    ("بين خمسة وعشرة أشخاص", "بين خمسة وعشرة", 5, 5, 10, "range"),
    ("من 20 إلى 30 جريحا", "من 20 إلى 30", 20, 20, 30, "range"),
])
def test_qualifiers_and_ranges(text, surface, value, low, high, qual):
    s, v, lo, hi, ql, vague = one(text)
    assert (s, v, lo, hi, ql, vague) == (surface, value, low, high, qual, False)


@pytest.mark.parametrize("text,surface,value,low,high", [
    ("قتل عشرات المدنيين", "عشرات", 10, 10, None),
    ("قتل العشرات", "العشرات", 10, 10, None),
    ("مئات الجرحى", "مئات", 100, 100, None),
    ("نزوح آلاف العائلات", "آلاف", 1000, 1000, None),
    ("عشرات الآلاف من النازحين", "عشرات الآلاف", 10000, 10000, None),
    ("مئات الآلاف", "مئات الآلاف", 100000, 100000, None),
    ("بضعة أشخاص", "بضعة", 3, 3, 9),
    ("بضع ساعات", "بضع", 3, 3, 9),
    ("عدة أشخاص", "عدة", 3, 3, None),
])
def test_vague_counts(text, surface, value, low, high):
    s, v, lo, hi, ql, vague = one(text)
    assert (s, v, lo, hi, vague) == (surface, value, low, high, True)
    assert ql is None


def test_vague_with_qualifier():
    assert one("أكثر من عشرات")[4] == "more_than"


@pytest.mark.parametrize("text", [
    "في 12 آذار الماضي", "يوم 3 أغسطس", "في 12/3/2015", "بتاريخ 2015-07-21", "عام 2014", "في 2015",
    "منذ 1436 هـ", "الساعة 10:30", "عند الساعة 10", "بنسبة 10%", "بنسبة ١٠٪", "عشرة في المئة",
    "ارتفع 5 بالمئة", "رشاش عيار 14.5", "مدفع 120 ملم", "اتصلوا على 0933123456", "الرقم +963 11 123",
    "الذكرى الـ12", "الذكرى الـ 12", "اللواء 93", "الفرقة 17", "القرار رقم 2216", "طائرة إف-16",
    "طائرات إف 16", "صواريخ سو 22", "الحادي عشر", "القرن التاسع عشر", "يوم الاثنين", "لست أدري",
    "ارتفع بنسبة 15,7% عن", "في الدقيقة 4+120", "الفلسطينيين", "الخميس", "الثلاثاء", "الأربعاء",
    "الواحد", "3.5 كيلو", "1413 - 1414هـ",
])
def test_not_counts(text):
    assert q(text) == []


def test_offsets_point_into_original_with_marks_and_indic_digits():
    text = "قُتِلَ\u200f ١٨ شخصاً، وأُصيب نحـــو ثلاثين آخرين"
    found = q(text)
    assert [f[0] for f in found] == ["١٨", "نحـــو ثلاثين"]
    assert found[1][1] == 30


def test_parse_number_words_stops_at_a_second_number():
    assert parse_number_words([("خمسه", False), ("عشره", True)]) == (5, 1)
    assert parse_number_words([("خمسه", False), ("عشرين", True)]) == (25, 2)
    assert parse_number_words([("الف", False), ("مايتان", True)]) == (1200, 2)


def test_find_quantities_offsets_are_normalised():
    n = normalize("قُتِلَ ثلاثةٌ")
    (m,) = find_quantities(n.text)
    assert n.text[m.start:m.end] == "ثلاثه"


def test_dual_helper():
    assert dual_count("شخصين") == "شخص"
    assert dual_count("والجنديين") == "جندي"
    assert dual_count("طفلين") == "طفل"
    assert dual_count("امراتين") == "امراه"
    assert dual_count("مدنيين") is None
    assert dual_count("المسلحين") is None


def test_stage_fills_doc_quantities_sorted():
    p = Pipeline.default(["quantities"])
    rec = p.process(Article(id="a", text="قتل 5 أشخاص وأصيب عشرات آخرون في 12 آذار"))
    assert [(x.text, x.value) for x in rec.quantities] == [("5", 5), ("عشرات", 10)]
    for x in rec.quantities:
        assert rec.text[x.start:x.end] == x.text


def test_stage_registered_in_default_pipeline():
    assert Pipeline.default().names[0] == "quantities"
    d = Doc(Article(id="a", text="قتل ثلاثة"))
    assert d.quantities == []


# -- the candidate pre-filter finds what a plain search of the full pattern finds ------------------

def _by_search(text):
    """The reference: QUANTITY_RE.search at every position (what the pre-filter must not change)."""
    from rasd.text import quantities as Q

    out, pos = [], 0
    while pos < len(text):
        m = Q.QUANTITY_RE.search(text, pos)
        if m is None:
            break
        r = Q._read_one(text, m)
        if r is None:
            pos = m.end()
            continue
        item, resume = r
        if item is not None:
            out.append(item)
        pos = max(resume, m.start() + 1)
    return out


_PIECES = ["3", "15", "1,500", "2.5", "2015", "ثلاثة", "وثلاثة", "بثلاثة", "الثلاثة", "عشرين", "وعشرين", "خمسة عشر",
           "مئة", "ثلاثمئة", "ألف", "آلاف", "الآلاف", "والآلاف", "عشرات", "العشرات", "بضعة", "عدة", "ست", "لست", "ستة",
           "أحد", "أحد عشر", "إحدى عشرة", "الفلسطيني", "الاتفاق", "استخدام", "مليون", "ملايين", "نحو", "أكثر من",
           "بين", "و", "إلى", "-", "عام", "الساعة", "آذار", "%", "قتل", "أشخاص", "،", ".", "\n", "(", "«", "F-16", "ـ"]


def test_prefilter_matches_plain_search_on_random_text():
    import random

    rnd = random.Random(7)
    for _ in range(3000):
        parts = [rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12))]
        text = normalize("".join(p + rnd.choice([" ", " ", "", "\t", "\n"]) for p in parts)).text
        assert find_quantities(text) == _by_search(text), text


def test_find_quantities_takes_the_normalized_text_too():
    n = normalize("قتل ٣ أشخاص وأصيب نحو عشرين")
    assert find_quantities(n) == find_quantities(n.text) and len(find_quantities(n)) == 2
