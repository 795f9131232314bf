"""Events stage: not-event contexts and re-mentions (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.model import Place, Span
from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def _add_country(doc, surface: str, name: str, pid: str = "c1"):
    spans, i = [], doc.text.find(surface)
    while i >= 0:
        spans.append(Span.of(doc.text, i, i + len(surface)))
        i = doc.text.find(surface, i + 1)
    doc.places.append(Place(id=pid, name=name, name_ar=surface, kind="country", geo_precision=3, mentions=spans))
    return doc


def test_habitual_strikes_are_not_an_event():
    assert _events(make_doc("ودائما ما تشن طائرات النظام غارات على مدينة دوما.")) == []


def test_drills_and_scenarios_are_not_events():
    assert _events(make_doc("أجرت قوات النظام تدريبات على اقتحام مدينة دوما وقصف مواقع فيها.")) == []
    assert _events(make_doc("وتشير تقديرات إلى أن جيش الإسلام سيشن هجوما على حرستا.")) == []


def test_summary_of_recent_weeks_is_background():
    assert _events(make_doc("وشهدت مدينة دوما خلال الأسابيع الأخيرة تفجيرات انتحارية.")) == []


def test_country_named_as_actor_or_origin_is_not_the_place():
    doc = _add_country(make_doc("انفجرت عبوة ناسفة في مدينة دوما، وقالت مصادر إن المتفجرات جاءت من لبنان."),
                       "لبنان", "Lebanon")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "دوما"


def test_country_after_locative_word_is_a_place():
    doc = _add_country(make_doc("انفجرت عبوة ناسفة في لبنان أمس."), "لبنان", "Lebanon")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "Lebanon"


def test_definite_remention_with_coarse_place_merges_into_the_told_event():
    doc = _add_country(make_doc("انفجرت عبوة ناسفة في مدينة دوما صباح أمس. "
                                "واتهمت السلطات جهات في لبنان بالوقوف وراء التفجير الذي هز لبنان."),
                       "لبنان", "Lebanon")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "دوما"


def test_opinion_on_what_a_capture_would_mean_is_not_an_event():
    assert _events(make_doc("ويرى خبراء أن السيطرة على حرستا تمثل أهمية كبيرة.")) == []
    assert _events(make_doc("والسيطرة على بلدة حرستا سيعني قطع الطريق.")) == []


def test_masdar_with_lil_is_a_purpose():
    assert _events(make_doc("تتقاتل الفصائل للسيطرة على مدينة دوما منذ أشهر طويلة.")) == []


def test_attempted_storming_is_not_a_separate_event():
    evs = _events(make_doc("اشتبك جيش الإسلام مع قوات النظام لدى محاولتها اقتحام بلدة حرستا."))
    assert [e.sub_event_type for e in evs] == ["Armed clash"]


def test_outlet_name_in_quotes_is_not_a_place():
    doc = make_doc("وقال مصدر لـ«دوما» إن طائرات النظام قصفت مدينة حرستا.")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "حرستا"


def test_definite_generic_noun_names_the_event_told_before():
    evs = _events(make_doc("فجر انتحاري حزاما ناسفا في سوق مدينة دوما. "
                           "وقال مسؤول إن الهجوم وقع في مدينة دوما قرب السوق."))
    assert [e.sub_event_type for e in evs] == ["Suicide bomb"]


def test_definite_noun_at_another_town_is_a_new_event():
    evs = _events(make_doc("فجر انتحاري حزاما ناسفا في سوق مدينة دوما. "
                           "وفي حرستا تواصلت الاشتباكات بين قوات النظام وجيش الإسلام."))
    assert {e.sub_event_type for e in evs} == {"Suicide bomb", "Armed clash"}


def test_protest_met_with_bullets_is_excessive_force():
    evs = _events(make_doc("خرجت مظاهرة في مدينة دوما وواجهتها قوات النظام بالرصاص."))
    assert evs and evs[0].sub_event_type == "Excessive force against protesters"


def test_quoted_group_name_does_not_cut_the_agent_off():
    evs = _events(make_doc("وقال ناشط إن تنظيم «داعش» قصف مدينة دوما بقذائف الهاون."))
    assert evs and evs[0].actor1 == "Islamic State"
    evs = _events(make_doc("وقال ناشط إن تنظيم (داعش) قصف مدينة دوما بقذائف الهاون."))
    assert evs and evs[0].actor1 == "Islamic State"


def test_place_inside_a_quoted_outlet_name_is_not_the_place():
    evs = _events(make_doc("أفادت «شبكة دوما الإخبارية» بقصف طائرات النظام مدينة حرستا."))
    assert evs and all(e.location == "حرستا" for e in evs)


def test_masdar_light_verb_makes_its_subject_the_agent():
    evs = _events(make_doc("قتل مدنيان لدى إلقاء طائرات النظام براميل متفجرة على مدينة دوما."))
    assert evs and evs[0].actor1 == "Syrian government" and evs[0].sub_event_type == "Air/drone strike"


def test_rockets_with_barrels_are_an_air_strike():
    evs = _events(make_doc("تعرضت مدينة دوما لقصف عنيف بالصواريخ والبراميل المتفجرة."))
    assert evs and evs[0].sub_event_type == "Air/drone strike"


def test_definite_trigger_without_agent_takes_the_agent_told_just_before():
    evs = _events(make_doc("شنت طائرات النظام غارات على مدينة دوما صباح اليوم. "
                           "وطال القصف أيضا بلدة حرستا المجاورة."))
    by_place = {e.location: e for e in evs}
    assert by_place["حرستا"].actor1 == "Syrian government"
