"""The events stage: ACLED-coded events with actors, place, date and fatalities (rasd.events)."""

from __future__ import annotations

from ..doc import Doc
from ..events.classifier import sentence_scorer
from ..events.extract import extract_events


class EventsStage:
    name = "events"
    requires = ("quantities", "places", "actors")
    assigns = ("events",)

    def __init__(self, use_classifier: bool = True):
        self.scorer = sentence_scorer() if use_classifier else None

    def __call__(self, doc: Doc) -> Doc:
        doc.events = extract_events(doc, self.scorer)
        return doc


class StandaloneEventsStage(EventsStage):
    """The same stage with no upstream requirement (for running it alone on a bare Doc)."""

    requires = ()


# Layers the stage uses; the ones whose stage is not available are read as empty (with fallbacks).
WANTED_LAYERS = ("quantities", "dates", "places", "actors", "quotes")


def make_events_stage() -> EventsStage:
    """The events stage requiring the upstream layers whose stages are registered, so that the
    default pipeline builds while sibling stages are still missing."""
    from ..pipeline import STAGE_FACTORIES, _plugin_factories

    known = set(STAGE_FACTORIES) | set(_plugin_factories())
    stage = EventsStage()
    stage.requires = tuple(l for l in EventsStage.requires + ("dates",) if l in known)
    return stage
