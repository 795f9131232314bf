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
    doc = make_doc("وتزايدت الهجمات التي تستهدف قوات النظام في بلدة التلال صباح اليوم.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 != "Syrian government"


def test_the_besieger_named_before_a_l_masdar_is_not_the_shelling_side():
    doc = make_doc("وتعرضت قرى بلدة التلال المحاصرة من قبل داعش لقصف عنيف بالبراميل المتفجرة.")
    _add_actor(doc, "البراميل المتفجرة", "gov", "Syrian government", "state_forces", 1)
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 == "Syrian government"


def test_residential_districts_of_one_town_are_no_summary():
    doc = make_doc("وقصف داعش الأحياء السكنية في بلدة التلال بقذائف الهاون، بعد تفجير سيارة مفخخة في بلدة الصخر.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    _add_place(doc, "الصخر", "t2", "As Sakhr", lat=34.05, lon=37.05)
    evs = _events(doc)
    assert any(e.location == "At Tilal" and e.actor1 == "Islamic State" for e in evs)


def test_a_pretext_for_shelling_is_no_shelling():
    doc = make_doc("وقال القيادي إن التحرك يمنح النظام مبررا لقصف بلدة التلال وتدميرها.")
    _add_place(doc, "التلال", "t1", "At Tilal", lat=34.0, lon=37.0)
    assert _events(doc) == []
