"""Events stage, sixth pass: sentence bounds around mismatched quote marks, speakers, background
clauses, counted victims (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.text.sentences import sentence_spans
from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc
from tests.test_events_fifth import _add_actor, _add_place


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def test_straight_quote_closed_by_guillemet_does_not_swallow_the_paragraph():
    text = ('وقال الناطق في بيان نشره موقع "النهار" إن "الموقوفين سيحالون إلى القضاء». '
            'وأضاف أن «التحقيق جار». وفي بلدة أخرى قصف الجيش مواقع المسلحين.')
    spans = sentence_spans(text)
    assert len(spans) == 3


def test_the_killed_after_a_casualty_word_are_never_the_agent():
    doc = make_doc("وقال المتحدث إن الانفجار أسفر عن مقتل ضابط واثنين من الجنود في بلدة العريش.")
    _add_actor(doc, "ضابط", "eg.mil", "Military Forces of Egypt", "state_forces", 1)
    _add_place(doc, "العريش", "ar1", "Al Arish", lat=31.1, lon=33.8)
    evs = _events(doc)
    assert evs and evs[0].actor1 != "Military Forces of Egypt"


def test_police_who_arrest_are_not_the_authors_of_the_bombing_named_next():
    doc = make_doc("أعلنت الشرطة أنها تمكنت من توقيف ثلاثة مشتبه بهم في التفجير الذي وقع أمس في بلدة الزهراء.")
    _add_actor(doc, "الشرطة", "xx.police", "Police Forces of Xland", "state_forces", 1)
    _add_place(doc, "الزهراء", "z1", "Az Zahra", lat=33.0, lon=36.0)
    evs = _events(doc)
    bombs = [e for e in evs if e.event_type == "Explosions/Remote violence"]
    assert bombs and all(e.actor1 != "Police Forces of Xland" for e in bombs)
