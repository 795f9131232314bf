"""Events stage, fifth pass: roles of outlets and foreign forces, relative places, withdrawals and
unattributed air strikes (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.model import Actor, Place, Span
from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def _spans(text: str, surface: str) -> list[Span]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append(Span.of(text, i, i + len(surface)))
        i = text.find(surface, i + 1)
    return out


def _add_actor(doc, surface: str, aid: str, name: str, kind: str, inter: int | None, country: str | None = None):
    doc.actors.append(Actor(id=aid, name=name, kind=kind, inter=inter, country=country,
                            mentions=_spans(doc.text, surface)))


def _add_place(doc, surface: str, pid: str, name: str, kind: str = "town", lat: float | None = None,
               lon: float | None = None, relation: str | None = None, anchor: str | None = None):
    doc.places.append(Place(id=pid, name=name, name_ar=surface, kind=kind, country="SY", latitude=lat,
                            longitude=lon, geo_precision=2 if relation else 1, relation=relation,
                            anchor=anchor, mentions=_spans(doc.text, surface)))


def test_a_news_agency_takes_no_role():
    doc = make_doc("هاجم مسلحو داعش قرية كفرنبل وقتلوا خمسة أشخاص، بحسب وكالة الأنباء الفرنسية.")
    _add_actor(doc, "وكالة الأنباء الفرنسية", "media.xyz", "Some Agency", "organisation", None)
    _add_place(doc, "كفرنبل", "k1", "Kafr Nabl", lat=35.6, lon=36.5)
    evs = _events(doc)
    assert evs and all(e.actor2 != "Some Agency" and e.actor1 != "Some Agency" for e in evs)


def test_a_relative_description_is_coded_at_its_anchor_town():
    doc = make_doc("استهدفت مقاتلات النظام حياً شعبياً وسط مدينة سراقب.")
    _add_place(doc, "سراقب", "t1", "Saraqib", lat=35.86, lon=36.8)
    _add_place(doc, "وسط مدينة سراقب", "rel1", "centre of Saraqib", kind="relative", lat=35.86, lon=36.8,
               relation="centre_of", anchor="t1")
    doc.places = [p for p in doc.places if p.id == "rel1"] + [p for p in doc.places if p.id != "rel1"]
    # the place stage gives the longer relative mention only
    doc.places[1].mentions = []
    evs = _events(doc)
    assert len(evs) == 1
    assert evs[0].location == "Saraqib" and evs[0].geo_precision == 2 and evs[0].place_id == "t1"


def test_a_reference_point_after_a_named_place_is_not_the_event_place():
    doc = make_doc("قتل أربعة جنود في كمين لداعش في منطقة الحويجة جنوب مدينة دوما.")
    _add_place(doc, "الحويجة", "n1", "الحويجة", kind="locality", lat=33.5, lon=36.4, relation="south_of", anchor="d1")
    _add_place(doc, "جنوب مدينة دوما", "rel2", "south of Douma", kind="relative", lat=33.57, lon=36.4,
               relation="south_of", anchor="d1")
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].location == "الحويجة"


def test_a_withdrawal_gives_the_ground_to_the_other_side():
    doc = make_doc("انسحب الحوثيين من مدينة تعز بعد إنذار أطلقه جيش الإسلام لهم.")
    evs = _events(doc)
    wd = [e for e in evs if e.sub_event_type == "Non-violent transfer of territory"]
    assert wd and wd[0].actor1 == "Jaish al-Islam" and wd[0].actor2 == "Houthis"


def test_unattributed_air_strikes_go_to_the_only_named_air_force():
    doc = make_doc("شن التحالف غارات على مدينة صعدة صباح اليوم. وفي تعز، استهدفت غارات مواقع للحوثيين.")
    evs = [e for e in _events(doc) if e.sub_event_type == "Air/drone strike"]
    assert len(evs) == 2 and {e.actor1 for e in evs} == {"Saudi-led coalition"}


def test_a_forces_descriptor_with_a_foreign_adjective_names_that_country():
    doc = make_doc("نفذت طائرات حربية روسية غارات على سوق شعبي في مدينة دوما.")
    _add_actor(doc, "طائرات حربية", "sy.military", "Military Forces of Syria", "state_forces", 1, "SY")
    _add_actor(doc, "وزارة الدفاع الروسية", "ru.military", "Military Forces of Russia", "state_forces", 8, "RU")
    doc.user["article_country"] = "SY"
    evs = _events(doc)
    assert len(evs) == 1 and evs[0].actor1 == "Military Forces of Russia" and evs[0].actor2 == "Civilians"


def test_names_after_a_reporting_participle_take_no_role():
    doc = make_doc("هاجم مسلحو داعش قرية حرستا، موضحا لمراسلنا أن جيش الإسلام انسحب قبل ذلك.")
    evs = [e for e in _events(doc) if e.location == "حرستا"]
    assert evs and evs[0].actor2 != "Jaish al-Islam"
