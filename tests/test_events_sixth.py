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
