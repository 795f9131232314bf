"""Events stage: precision fixes of the third pass (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.model import Place, Span
from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def _add_place(doc, surface: str, name: str, country: str, kind: str = "town", pid: str = "x1",
               lat: float | None = None, lon: float | None = None):
    spans, i = [], doc.text.find(surface)
    while i >= 0:
        spans.append(Span.of(doc.text, i, i + len(surface)))
        i = doc.text.find(surface, i + 1)
    doc.places.append(Place(id=pid, name=name, name_ar=surface, kind=kind, country=country, latitude=lat,
                            longitude=lon, geo_precision=1 if kind != "country" else 3, mentions=spans))
    return doc


def test_a_town_of_another_country_read_from_a_common_word_is_not_the_place():
    doc = make_doc("قصفت طائرات النظام مدينة دوما، فإن القصف أدى إلى دمار كبير.")
    _add_place(doc, "فإن", "Vannes", "FR")
    doc.user["article_country"] = "SY"
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "دوما"


def test_a_foreign_town_is_a_place_when_its_country_is_named_in_the_sentence():
    doc = make_doc("انفجرت عبوة ناسفة في مدينة بيروت في لبنان.")
    _add_place(doc, "بيروت", "Beirut", "LB", pid="x1")
    _add_place(doc, "لبنان", "Lebanon", "LB", kind="country", pid="x2")
    doc.user["article_country"] = "SY"
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "Beirut"


def test_a_destination_after_movement_words_is_not_the_place():
    doc = make_doc("أصيب قائد في كمين نصبه داعش في دوما وجرى إسعافه إلى حرستا للعلاج.")
    evs = _events(doc)
    assert [e.location for e in evs] == ["دوما"]


def test_dawn_is_not_a_detonation():
    evs = _events(make_doc("شنت طائرات النظام فجر أمس غارات على مدينة دوما."))
    assert len(evs) == 1 and evs[0].sub_event_type == "Air/drone strike"
    assert evs[0].actor1 == "Syrian government"


def test_allegation_is_a_claim_not_an_event():
    assert _events(make_doc("واتهمت جهات محلية قوات النظام بأنها قصفت مدينة دوما مرات عدة.")) == []


def test_no_strike_seen_is_not_an_event():
    assert _events(make_doc("حلقت طائرات فوق مدينة دوما من دون أن تظهر بوادر قصف.")) == []


def test_could_not_advance_is_not_a_territory_change():
    evs = _events(make_doc("ولم تستطع قوات النظام التقدم نحو مدينة دوما."))
    assert all(e.event_type != "Battles" for e in evs)


def test_freed_hostages_are_not_territory():
    assert _events(make_doc("حرر جيش الإسلام عشرين رهينة قرب دوما.")) == []


def test_storming_a_house_to_abduct_is_one_abduction():
    evs = _events(make_doc("اقتحم مسلحو الحوثي منزلا في مدينة تعز واختطفوا شقيقه."))
    assert [e.sub_event_type for e in evs] == ["Abduction/forced disappearance"]


def test_summary_over_all_fronts_adds_no_event_when_details_are_told():
    evs = _events(make_doc("وقتل 30 مسلحا في مواجهات في مختلف جبهات القتال في ريف دمشق. "
                           "ودارت اشتباكات بين جيش الإسلام وقوات النظام في حرستا."))
    assert len(evs) == 1 and evs[0].location == "حرستا"


def test_summary_alone_is_still_an_event():
    evs = _events(make_doc("ودارت مواجهات في مختلف جبهات القتال في ريف دمشق بين جيش الإسلام وقوات النظام."))
    assert len(evs) == 1


def test_background_earlier_this_year_is_not_an_event():
    assert _events(make_doc("وكان جيش الإسلام قد شن هجوما على حرستا في وقت سابق من العام الجاري.")) == []


def test_headline_and_body_mentions_of_one_event_merge():
    doc = make_doc("قصف داعش حي القدم بقذائف الهاون أمس.\n"
                   "وأضاف المصدر أن داعش قصف حي القدم بقذائف الهاون، ما أدى إلى دمار.")
    evs = _events(doc)
    assert len(evs) == 1 and len(evs[0].evidence) == 2


def test_a_claimed_attack_is_the_attack_told_before():
    doc = make_doc("انفجرت سيارة مفخخة في مدينة دوما مساء أمس. وقال مسؤول إن الأضرار كبيرة. "
                   "وأعلن جيش الإسلام مسؤوليته عن هجوم دوما.")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].event_type == "Explosions/Remote violence"


def test_a_weapon_named_later_types_the_incident():
    doc = make_doc("وقع الحادث الإرهابي صباح أمس في مدينة دوما. وأدى التفجير إلى مقتل شخصين.")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].event_type == "Explosions/Remote violence"


def test_a_tally_of_strikes_is_a_summary_when_strikes_are_told_one_by_one():
    doc = make_doc("ونفذ التحالف 40 غارة في أنحاء البلاد. وشن التحالف غارات على مدينة صعدة.", quantities=[("40", 40)])
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "صعدة"


def test_capture_of_districts_counted_is_a_summary():
    doc = make_doc("وسيطر الحوثيين على ست مديريات في المحافظة. وسيطر الحوثيين على مدينة تعز بعد معارك.")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "تعز"


def test_an_event_dated_weeks_before_publication_is_background():
    from datetime import date
    doc = make_doc("وكان جيش الإسلام قد سيطر على حرستا في شباط بعد معارك.", dates=[("في شباط", date(2016, 2, 1))])
    assert _events(doc) == []
    doc = make_doc("سيطر جيش الإسلام على حرستا أمس بعد معارك.", dates=[("أمس", date(2016, 3, 11))])
    assert len(_events(doc)) == 1
