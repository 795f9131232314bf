"""Stage "quantities": counts in the text (digits, number words, vague counts, qualifiers)."""

from __future__ import annotations

from ..doc import Doc
from ..model import Quantity
from ..text.quantities import find_quantities


class QuantitiesStage:
    name = "quantities"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("quantities",)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        out = []
        for q in find_quantities(doc.norm):
            s, e = doc.norm.to_original(q.start, q.end)
            out.append(Quantity(value=q.value, low=q.low, high=q.high, qualifier=q.qualifier,
                                vague=q.vague, start=s, end=e, text=text[s:e]))
        out.sort(key=lambda q: q.start)
        doc.quantities = out
        return doc
