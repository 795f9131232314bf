"""Events stage, fourth pass: detection and actor roles (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from tests.test_events import events_of


def test_count_of_shells_is_not_a_tally_of_events():
    evs = events_of("سقطت 12 قذيفة هاون على حي سكني في مدينة دوما.", quantities=[("12", 12)])
    assert [(e.sub_event_type, e.location) for e in evs] == [("Shelling/artillery/missile attack", "دوما")]


def test_condemned_abduction_is_an_event_not_a_purpose():
    evs = events_of("وعبر المجلس المحلي عن استنكاره لاختطاف ثلاثة صيادين قرب دوما.")
    assert [e.sub_event_type for e in evs] == ["Abduction/forced disappearance"]


def test_cyber_and_media_attacks_are_not_events():
    assert events_of("وتحدث الضابط عن هجمات سايبر استهدفت منشآت في دوما.") == []
    assert events_of("وشن داعش هجوما إعلاميا على قوات النظام في دوما.") == []


def test_appeal_to_fight_is_not_an_event():
    assert events_of("ودعا الزعيم أبناء المنطقة إلى مواجهة النظام في دوما.") == []


def test_pro_drop_territory_verb_continues_the_subject():
    evs = events_of("وكانت قوات النظام سيطرت على مدينة دوما، بعدما سيطرت على حرستا.")
    got = {(e.sub_event_type, e.location, e.actor1) for e in evs}
    assert ("Government regains territory", "حرستا", "Syrian government") in got
    assert all(e.sub_event_type != "Armed clash" for e in evs)


def test_storming_subject_is_the_abductor():
    evs = events_of("واقتحم مسلحو الحوثي منزل القيادي في صعدة واختطفوا نجليه.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("Abduction/forced disappearance", "Houthis")]


def test_section_heading_glued_to_the_body_is_not_an_event():
    evs = events_of("معارك دوما وفي ريف دمشق تواصلت الاشتباكات بين جيش الإسلام وقوات النظام في حرستا.")
    assert [(e.sub_event_type, e.location) for e in evs] == [("Armed clash", "حرستا")]


def test_subject_right_after_the_verb_is_the_agent():
    evs = events_of("استهدفت طائرات النظام مواقع تابعة لداعش في دوما.")
    assert [(e.actor1, e.actor2) for e in evs] == [("Syrian government", "Islamic State")]


def test_demonstrative_remention_joins_the_told_strike():
    evs = events_of("شن التحالف غارات على مواقع الحوثي في صعدة، وقتل في تلك الغارات 7 من الحوثيين.",
                    quantities=[("7", 7)])
    assert [(e.actor1, e.fatalities) for e in evs] == [("Saudi-led coalition", 7)]


def test_plural_attacks_told_precisely_in_a_where_clause_are_one_attack_there():
    evs = events_of("واستمرت هجمات داعش في ريف دمشق، حيث قُتل 9 مدنيين مساء الاثنين في بلدة حرستا.",
                    quantities=[("9", 9)])
    assert [(e.sub_event_type, e.location, e.actor2, e.fatalities) for e in evs] == [
        ("Attack", "حرستا", "Civilians", 9)]


def test_place_that_usually_sees_attacks_is_no_event():
    assert events_of("قتل جنديان في انفجار عبوة في دوما التي تشهد منذ أشهر هجمات متكررة.")[0].sub_event_type == \
        "Remote explosive/landmine/IED"
    assert len(events_of("قتل جنديان في انفجار عبوة في دوما التي تشهد منذ أشهر هجمات متكررة.")) == 1


def test_kind_of_event_talked_about_is_generic():
    assert events_of("وقال الوزير إن هذا النوع من التفجيرات في دوما يستهدف المدنيين.") == []


def test_operation_not_launched_yet_is_no_event():
    assert events_of("وطلب النائب ضمانات للسكان قبل بدء الهجوم على دوما.") == []
