"""The places stage: toponyms in the text → resolved Place records (doc.places).

Also hands `doc.user["place_mentions"]`: every mention as (start, end, place_id), original offsets,
sorted by start (see rasd/mentions.py), so the events stage can find the most precise place of a sentence.
"""

from __future__ import annotations

from ..doc import Doc
from ..places.gazetteer import Gazetteer, default_gazetteer
from ..places.recognize import recognize
from ..places.resolve import resolve


class PlacesStage:
    name = "places"
    requires = ("norm", "sentences", "tokens")
    assigns = ("places",)

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self.gazetteer.automaton()  # build once, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        rec = recognize(doc.norm.text, self.gazetteer)
        places, mentions = resolve(doc, rec, self.gazetteer)
        doc.places = places
        doc.user["place_mentions"] = mentions
        return doc
