"""Events stage, eighth pass (actor1): agents after بواسطة, targets after تستهدف, a besieger told
before a ل-masdar, districts inside one town, pretexts, unnamed and national-adjective forces,
responsibility claims, the sides of a حيث clause (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc
from tests.test_events_fifth import _add_actor, _add_place


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def test_the_group_after_bwasita_planted_the_bomb():
    doc = make_doc("وأصيب جنديان في انفجار لغم أرضي زرعته بواسطة خلية مسلحة قرب بلدة التلال.")
    _add_actor(doc, "خلية مسلحة", "g1", "Armed Cell", "rebel_group", 2)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 == "Armed Cell"


def test_forces_after_tastahdif_are_the_target_of_the_attacks():
    doc = make_doc("ونفذ مجهولون صباح اليوم هجمات تستهدف قوات النظام في بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 != "Syrian government"


def test_the_besieger_named_before_a_l_masdar_is_not_the_shelling_side():
    doc = make_doc("وتعرضت بلدة التلال المطوقة من طرف جماعة «داعش» لقصف بالبراميل المتفجرة.")
    _add_actor(doc, "البراميل المتفجرة", "gov", "Syrian government", "state_forces", 1)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 == "Syrian government"


def test_residential_districts_of_one_town_are_no_summary():
    doc = make_doc("وقصف داعش أمس مناطق في بلدة التلال بالمدافع، بعد تفجير سيارة مفخخة في بلدة الصخر.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    _add_place(doc, "الصخر", "t2", "As Sakhr", lat=34.05, lon=37.05)
    evs = _events(doc)
    assert any(e.location == "At Tilal" and e.actor1 == "Islamic State" for e in evs)


def test_a_pretext_for_shelling_is_no_shelling():
    doc = make_doc("وقال القيادي إن ما جرى في الحاجز أمس كان ذريعة لقصف بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert all(e.event_type != "Explosions/Remote violence" for e in _events(doc))


def test_unnamed_joint_forces_continuing_their_shelling_are_the_theatre_military():
    doc = make_doc("وصباح اليوم تتابع القوات المشتركة قصفها لمواقع المسلحين في بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].actor1.startswith("Military Forces of Syria")


def test_a_continuation_verb_after_its_subject_gives_no_agent():
    doc = make_doc("وقالت الحكومة إنها تتابع بقلق ما يجري من اقتتال في بلدة التلال.")
    _add_actor(doc, "الحكومة", "gov", "Some Government", "government", 1)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert all(e.actor1 != "Some Government" for e in _events(doc))


def test_national_adjective_aircraft_are_that_countrys_military():
    doc = make_doc("وشنت مروحيتان أمريكيتان غارات على مواقع للمسلحين في بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1.startswith("Military Forces of the United States")


def test_an_air_force_with_a_national_adjective_left_unnamed_upstream():
    doc = make_doc("ونفذت القوة الجوية العراقية غارات على تجمع للمسلحين قرب بلدة التلال.")
    _add_actor(doc, "القوة الجوية العراقية", "org:x", "Unknown Org", "unknown", None)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1.startswith("Military Forces of Iraq")


def test_a_named_group_after_a_national_adjective_is_not_the_state_military():
    doc = make_doc("وقصف الجيش السوري الحر مواقع في بلدة التلال بقذائف الهاون.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and not (evs[0].actor1 or "").startswith("Military Forces of Syria")


def test_a_strike_noun_with_a_national_adjective_names_that_military():
    doc = make_doc("وقتل ثلاثة مسلحين في غارة جوية أميركية على مخبأ قرب بلدة التلال.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1.startswith("Military Forces of the United States")


def test_air_strikes_named_again_lend_no_author_to_a_told_suicide_bombing():
    doc = make_doc("قتل أربعة من رجال الشرطة في هجوم انتحاري في بلدة التلال. "
                   "وقال مسؤول إن الغارات التركية ستتواصل.", quantities=[("أربعة", 4)])
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = [e for e in _events(doc) if e.sub_event_type == "Suicide bomb"]
    assert evs and not (evs[0].actor1 or "").startswith("Military Forces of Turkey")


def test_an_advance_told_as_the_manner_of_a_shelling_is_no_territory_event():
    doc = make_doc("واستهدف الجيش بالمدفعية مواقع المسلحين في بلدة التلال مع تقدم محدود.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and all("territory" not in e.sub_event_type for e in evs)
