"""Claim links: after events, point responsibility / accusation / denial claims at the event they name.

The claims stage runs before events, so it keeps the object phrase (Claim.object_span); this step sets
Claim.event_id to the event whose trigger lies in that phrase, else to an event triggered in the claim's
own sentence, else (a pronoun object: تبنت الهجوم / يقف وراءه) to the latest event triggered in the two
sentences before the claim.
"""

from __future__ import annotations

from bisect import bisect_right

from ..doc import Doc

LINKED = ("responsibility", "accusation", "denial")


class ClaimLinksStage:
    name = "claim_links"
    requires = ("claims", "events")
    assigns = ("claims",)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.claims or not doc.events:
            return doc
        trig = sorted((e.trigger.start, e.id) for e in doc.events if e.trigger is not None)
        if not trig:
            return doc
        starts = [t[0] for t in trig]
        for c in doc.claims:
            if c.relation not in LINKED or c.event_id is not None or not c.evidence:
                continue
            ev = c.evidence[0]
            c.event_id = (self._within(trig, starts, c.object_span.start, c.object_span.end) if c.object_span else None) \
                or self._within(trig, starts, ev.start, ev.end)
            if c.event_id is None and (c.object_span is None or c.relation == "responsibility"):
                s = doc.sentence_index(ev.start) or 0
                lo = int(doc.sent_starts[max(0, s - 2)]) if len(doc.sent_starts) else 0
                k = bisect_right(starts, ev.start) - 1
                if k >= 0 and starts[k] >= lo:
                    c.event_id = trig[k][1]
        return doc

    @staticmethod
    def _within(trig, starts, a: int, b: int) -> str | None:
        k = bisect_right(starts, a - 1)
        return trig[k][1] if k < len(trig) and starts[k] < b else None
