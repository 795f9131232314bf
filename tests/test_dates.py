from datetime import date

import pytest

from rasd.doc import Doc
from rasd.model import Article
from rasd.pipeline import Pipeline
from rasd.stages.dates import DatesStage, date_for_span, event_date_for_span
from rasd.text.dates import parse_dates

FRIDAY = date(2016, 3, 11)  # a Friday


def one(text, published=FRIDAY):
    found = parse_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected, precision", [
    ("سقطت القذائف أمس على الحي", date(2016, 3, 10), 1),
    ("وصلت التعزيزات اليوم", FRIDAY, 1),
    ("جرى ذلك أول أمس", date(2016, 3, 9), 1),
    ("جرى ذلك أمس الأول", date(2016, 3, 9), 1),
    ("وقع الانفجار فجر اليوم", FRIDAY, 1),
    ("تجددت الاشتباكات مساء أمس", date(2016, 3, 10), 1),
    ("قصفت الطائرات ليلة أمس", date(2016, 3, 10), 1),
    ("دوت انفجارات الليلة الماضية", date(2016, 3, 10), 1),
    ("اقتحمت القوات القرية يوم الثلاثاء الماضي", date(2016, 3, 8), 1),
    ("شيع الأهالي الضحايا الأربعاء", date(2016, 3, 9), 1),
    ("شنت الطائرات غارات الأسبوع الماضي", date(2016, 3, 4), 2),
    ("اعتقل الشهر الماضي", date(2016, 2, 15), 3),
    ("قتل قبل يومين", date(2016, 3, 9), 1),
    ("أصيب قبل أربعة أيام", date(2016, 3, 7), 1),
    ("اختفى منذ أسبوع", date(2016, 3, 4), 2),
    ("في 3 شباط 2016", date(2016, 2, 3), 1),
    ("في 3 فبراير 2016", date(2016, 2, 3), 1),
    ("يوم ٣-٢-٢٠١٦", date(2016, 2, 3), 1),
    ("بتاريخ 3/2/2016", date(2016, 2, 3), 1),
    ("في 4 (آذار) مارس", date(2016, 3, 4), 1),
    ("في 20 كانون الأول", date(2015, 12, 20), 1),  # no year: the closest before publication
    ("في 20 تشرين الثاني/نوفمبر 2015", date(2015, 11, 20), 1),
    ("في أيلول 2015", date(2015, 9, 15), 3),
])
def test_resolves(text, expected, precision):
    d = one(text)
    assert d.value == expected
    assert d.precision == precision
    assert text[d.start:d.end] == d.text


def test_yesterday_with_weekday_is_that_weekday():
    d = one("قتل ثلاثة أمس الخميس")
    assert d.text == "أمس الخميس" and d.value == date(2016, 3, 10) and d.kind == "weekday"


def test_bare_weekday_never_after_publication():
    d = one("وقع الهجوم السبت")
    assert d.value == date(2016, 3, 5)
    d = one("وقع الهجوم الجمعة")
    assert d.value == FRIDAY
    d = one("وقع الهجوم يوم الجمعة الماضي")
    assert d.value == date(2016, 3, 4)


def test_future_weekday_is_flagged():
    d = one("يعقد الاجتماع الأحد المقبل")
    assert d.future and d.value == date(2016, 3, 13)


def test_hijri():
    d = one("في 10 محرم 1437 هـ")
    assert d.kind == "hijri" and d.value == date(2015, 10, 23)  # Umm al-Qura calendar


def test_no_publication_date_keeps_wording():
    d = one("قتل أمس الخميس", None)
    assert d.value is None and d.relative == "أمس الخميس"
    d = one("في 3 شباط 2016", None)
    assert d.value == date(2016, 2, 3)


def test_not_dates():
    assert parse_dates("بعد صلاة الجمعة خرج المصلون", FRIDAY) == []
    assert parse_dates("ما زال الحصار مستمرا حتى اليوم", FRIDAY) == []
    assert parse_dates("قتل 23 شخصا", FRIDAY) == []


def test_original_offsets_with_diacritics():
    text = "وقُتِلَ أَمْسِ الخَمِيسِ رجل"
    d = one(text)
    assert text[d.start:d.end] == "أَمْسِ الخَمِيسِ"


def _doc(text, published=FRIDAY):
    doc = Doc(Article(id="t", text=text, published=published))
    return DatesStage()(doc)


def test_stage_and_date_for_span():
    text = ("قصفت الطائرات أمس بلدة في الريف. وقتل ثلاثة مدنيين.\n"
            "وفي 2 آذار 2016 انفجرت عبوة. وسيعقد اجتماع السبت المقبل.")
    doc = _doc(text)
    assert [d.text for d in doc.user["dates"]] == ["أمس", "2 آذار 2016", "السبت المقبل"]
    trig = text.index("وقتل")
    assert date_for_span(doc, trig, trig + 4).text == "أمس"          # same paragraph, earlier sentence
    trig = text.index("انفجرت")
    assert date_for_span(doc, trig, trig + 6).value == date(2016, 3, 2)
    trig = text.index("قصفت")
    assert date_for_span(doc, trig, trig + 4).text == "أمس"          # after the trigger, same sentence
    trig = text.index("اجتماع")
    assert date_for_span(doc, trig, trig + 6).value == date(2016, 3, 2)  # future date never chosen


def test_event_date_fallback_to_publication():
    doc = _doc("انفجرت عبوة في السوق.")
    ed = event_date_for_span(doc, 0, 6)
    assert ed.value == FRIDAY and ed.source == "publication" and ed.confidence < 0.5
    doc = _doc("انفجرت عبوة في السوق.", None)
    assert event_date_for_span(doc, 0, 6).value is None


def test_stage_registered():
    assert "dates" in Pipeline.default().names


def test_anchored_scan_equals_full_scan():
    from rasd.text import dates as D
    from rasd.text.normalize import normalize

    text = ("وفي صباح يوم الخميس 3 آذار 2016، قصفت الطائرات الحي.\nوالسبت، هاجم مسلحون القرية "
            "قبل ثلاثة أيام من الاجتماع. وقال إن 12 شخصا قتلوا منذ 5 رمضان 1437 هـ ويوم 4/3/2016.")
    n = normalize(text)
    full = [m.span() for m in D._pattern().finditer(n.text) if D._resolve(m, FRIDAY)]
    fast = [m.span() for m in D._matches(n.text) if D._resolve(m, FRIDAY)]
    assert fast == full and len(full) == 5


@pytest.mark.parametrize("text, expected", [
    ("في الخامس من آذار 2016", date(2016, 3, 5)),
    ("في الخامس عشر من شباط", date(2016, 2, 15)),
    ("في الحادي والعشرين من كانون الثاني 2016", date(2016, 1, 21)),
    ("قتل خلال الساعات الماضية", FRIDAY),
    ("قتل خلال الساعات الـ24 الماضية", FRIDAY),
])
def test_ordinal_days_and_last_hours(text, expected):
    assert one(text).value == expected


def test_next_day_is_not_today():
    assert parse_dates("وفي اليوم التالي انسحبت القوات", FRIDAY) == []


# -- day frames: a passage dated days before publication relays that day's report ---------------
def test_today_in_a_passage_dated_days_earlier_is_that_day():
    pub = date(2019, 4, 10)   # a Wednesday
    text = ("قتل عشرون مسلحا في معارك متفرقة شرق البلاد الأحد.\n"
            "وقالت مصادر إن المواجهات استمرت من مساء أمس وحتى صباح اليوم.\n"
            "وشنت الطائرات غارات على مواقع المسلحين اليوم.")
    ms = parse_dates(text, pub)
    sunday = date(2019, 4, 7)
    by_text = {m.text: m.value for m in ms}
    assert by_text["الأحد"] == sunday
    assert by_text["صباح اليوم"] == sunday and by_text["مساء أمس"] == date(2019, 4, 6)
    assert by_text["اليوم"] == sunday


def test_yesterday_alone_stays_counted_from_publication_after_a_frame():
    pub = date(2019, 4, 10)
    text = "وقالت الوزارة إن الهجوم وقع مساء الأحد.\nوفي هجوم آخر أول من أمس قتل ثلاثة أشخاص."
    by_text = {m.text: m.value for m in parse_dates(text, pub)}
    assert by_text["أول من أمس"] == date(2019, 4, 8)


def test_today_without_an_earlier_frame_is_publication_day():
    pub = date(2019, 4, 10)
    text = "قتل ثلاثة أشخاص أمس الثلاثاء.\nوتجددت الاشتباكات اليوم في المدينة."
    by_text = {m.text: m.value for m in parse_dates(text, pub)}
    assert by_text["اليوم"] == pub and by_text["أمس الثلاثاء"] == date(2019, 4, 9)


def test_frame_ends_at_the_next_dated_passage():
    pub = date(2019, 4, 10)
    text = "قتل عشرون مسلحا في معارك الأحد.\nوشنت الطائرات فجر أمس الثلاثاء غارات على المدينة.\nوتجددت الاشتباكات اليوم."
    by_text = {m.text: m.value for m in parse_dates(text, pub)}
    assert by_text["اليوم"] == pub


def test_the_date_of_a_statement_is_not_the_events():
    text = "قال مسؤول أمني أمس إن القصف الذي استهدف السوق وقع الخميس وأسفر عن مقتل ثلاثة."
    doc = _doc(text)
    trig = text.index("القصف")
    assert date_for_span(doc, trig, trig + 5).text == "الخميس"
    text = "صرحت الشرطة، أمس، بأنها أوقفت ثلاثة أشخاص بعد الانفجار الذي حصل مساء أول من أمس قرب الجسر."
    doc = _doc(text)
    trig = text.index("الانفجار")
    assert date_for_span(doc, trig, trig + 8).text == "مساء أول من أمس"
    text = "أعلنت الشرطة أمس مقتل مسلح في اشتباك بالمدينة."     # the only date: kept
    doc = _doc(text)
    trig = text.index("اشتباك")
    assert date_for_span(doc, trig, trig + 6).text == "أمس"
