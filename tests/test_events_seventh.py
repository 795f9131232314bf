"""Events stage, seventh pass (real-news generalisation): denials of responsibility, negated fire,
venues of statements, origins of strikes, facilities, background openers, one actor on both sides
(hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc
from tests.test_events_fifth import _add_actor, _add_place, _spans


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def test_denying_responsibility_keeps_the_shelling_and_its_target_facility():
    doc = make_doc("نفى قائد الفصيل مسؤولية مقاتليه عن القصف الذي استهدف مطار الوادي الجديد في مدينة الصفا مساء أمس.")
    _add_place(doc, "مطار الوادي الجديد", "ap1", "Wadi Airport", kind="airport", lat=33.10, lon=36.10)
    _add_place(doc, "الصفا", "c1", "As Safa", kind="city", lat=33.12, lon=36.12)
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "Wadi Airport"


def test_fire_negated_through_any_is_no_event_and_the_statement_venue_is_no_place():
    doc = make_doc("وقال المتحدث في مؤتمر صحفي عقده في مدينة الصفا إن «عناصرنا لم تطلق أي قذيفة على الحي».")
    _add_place(doc, "الصفا", "c1", "As Safa", kind="city", lat=33.12, lon=36.12)
    assert _events(doc) == []


def test_a_statement_venue_gives_way_to_the_attacked_town():
    doc = make_doc("وأعلن الوزير في مؤتمر صحفي في الصفا أن مسلحين هاجموا بلدة التلال وقتلوا أربعة مدنيين.")
    _add_place(doc, "الصفا", "c1", "As Safa", kind="city", lat=33.12, lon=36.12)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and all(e.location != "As Safa" for e in evs)


def test_the_base_a_jet_took_off_from_is_not_where_it_struck():
    doc = make_doc("قصفت طائرة حربية من قاعدة الرمال الجوية زورقا يحمل مسلحين قبالة ميناء الشاطئ.")
    _add_place(doc, "قاعدة الرمال الجوية", "b1", "Rimal Air Base", kind="base", lat=32.0, lon=24.0)
    _add_place(doc, "ميناء الشاطئ", "p1", "Shati Port", kind="port", lat=32.7, lon=22.6)
    evs = _events(doc)
    assert evs and evs[0].location == "Shati Port"


def test_a_sentence_recalling_history_with_kana_qad_is_background():
    doc = make_doc("وكانت الفصائل قد سيطرت على بلدة التلال بعد معارك مع القوات الحكومية.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc) == []


def test_a_sentence_with_kana_qad_that_names_the_day_is_news():
    doc = make_doc("وكانت الفصائل قد سيطرت أمس على بلدة التلال بعد معارك مع القوات الحكومية.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc)


def test_recent_past_periods_are_background():
    doc = make_doc("ونفذ المسلحون في الآونة الأخيرة تفجيرات في بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc) == []
    doc = make_doc("جاء ذلك بعد الهجوم الانتحاري في بلدة التلال قبل أسبوع.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc) == []


def test_one_actor_is_never_on_both_sides():
    doc = make_doc("هاجم مسلحون مسلحين آخرين في بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    _add_actor(doc, "مسلحون", "xx.ag", "Unidentified Armed Group (Xland)", "armed_group", 3)
    doc.actors[-1].mentions += _spans(doc.text, "مسلحين")
    evs = _events(doc)
    assert evs and all(e.actor1 != e.actor2 for e in evs)


def test_counted_policemen_are_the_theatre_police():
    doc = make_doc("قتل أربعة من رجال الشرطة في انفجار عبوة ناسفة على طريق في بلدة التلال.",
                   quantities=[("أربعة", 4)])
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor2 and evs[0].actor2.startswith("Police Forces of Syria")


def test_counted_soldiers_take_the_country_of_their_adjective():
    doc = make_doc("قتل ثلاثة جنود أتراك في هجوم بالأسلحة الرشاشة على نقطة عسكرية قرب بلدة التلال.",
                   quantities=[("ثلاثة", 3)])
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor2 and evs[0].actor2.startswith("Military Forces of Turkey")


def test_a_counted_armed_victim_before_the_trigger_is_not_its_agent():
    doc = make_doc("قتل خمسة من قوات النظام بانفجار عبوة ناسفة في بلدة التلال.", quantities=[("خمسة", 5)])
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 != "Syrian government" and evs[0].actor2 == "Syrian government"


def test_a_plane_crash_that_explodes_is_no_air_strike():
    doc = make_doc("وتحطمت طائرة خاصة أثناء هبوطها في مطار المدينة، وقتل ثلاثة ركاب بانفجار الطائرة.",
                   quantities=[("ثلاثة", 3)])
    assert _events(doc) == []


def test_a_jet_shot_down_still_counts():
    doc = make_doc("وتحطمت طائرة حربية بعد استهدافها بصاروخ أطلقه مسلحون قرب بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc)
