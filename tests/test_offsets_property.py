"""Property: every span rasd produces points into the original text (text[start:end] == span text)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.doc import Doc
from rasd.model import Article, ArticleRecord
from rasd.pipeline import Pipeline
from rasd.text.normalize import normalize
from rasd.text.quantities import quantities
from rasd.text.sentences import split_sentences
from rasd.text.tokens import tokenize

WORDS = ["قتل", "وبالمدينة", "للجيش", "المرصد", "ثلاثة", "خمسة وعشرون", "عشرات", "نحو", "أكثر من",
         "آلاف", "بين", "و", "إلى", "قُتِلَ", "شخصاً", "عـــشرة", "ﻻ", "ﷲ", "١٢", "۱۵", "1,500", "2015",
         "آذار", "%", "«", "»", "“", "”", '"', ".", "،", "؟", "!", "…", "\n", "\n\n", "- ", "1.", "أ.",
         "مئتي", "أحد عشر", "الـ12", "A", "B."]
CHARS = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئىة") + [
    "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640", "\u200f", "\u200e", "\u200b",
    "\u202b", "\u202c", "\ufeff", "\u00a0", "\ufefb", "\ufe8d", "\ufdf2", "٣", "۴", "7", " ", "\n", ".", "«", "»",
    "\U0001F600", "x", "Z"])
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(CHARS, min_size=1, max_size=6)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_text_layer_alignment(text):
    n = normalize(text)
    if n.starts is not None:
        assert len(n.starts) == len(n.text)
        assert np.all(np.diff(n.starts) >= 0)
    # any normalised range maps to an original range whose normalisation contains it
    for a in range(0, len(n.text), 3):
        s, e = n.to_original(a, min(len(n.text), a + 4))
        assert 0 <= s <= e <= len(text)
        assert n.text[a:min(len(n.text), a + 4)] in normalize(text[s:e]).text
    tok = tokenize(n)
    assert np.all(tok.start < tok.end) and np.all(tok.end <= len(text))
    for i in range(len(tok)):
        assert normalize(text[tok.start[i]:tok.end[i]]).text == n.text[tok.nstart[i]:tok.nend[i]]
    ss, se = split_sentences(n)
    assert np.all(ss < se) and np.all(se[:-1] <= ss[1:])
    for s, e in zip(ss, se):
        piece = text[s:e]
        assert piece.strip() and not piece[0].isspace() and not piece[-1].isspace()
    for s, e, q in quantities(n):
        assert 0 <= s < e <= len(text)
        assert normalize(text[s:e]).text == n.text[q.start:q.end]


def walk_spans(obj, text):
    """Assert every {start, end, text} object in a record dump points into `text`."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and isinstance(obj.get("text"), str):
            assert text[obj["start"]:obj["end"]] == obj["text"], obj
        for v in obj.values():
            walk_spans(v, text)
    elif isinstance(obj, list):
        for v in obj:
            walk_spans(v, text)


PIPELINE = Pipeline.default()


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_pipeline_output_spans(text):
    rec = PIPELINE.process(Article(id="p", text=text))
    ArticleRecord.model_validate(rec.model_dump(by_alias=True))
    dump = rec.model_dump(by_alias=True)
    walk_spans({k: v for k, v in dump.items() if k != "text"}, text)
    for ent in rec.entities:
        assert text[ent.start:ent.end] == ent.text
    for q in rec.quotes:
        assert 0 <= q.start <= q.end <= len(text)
    d = Doc(Article(id="p", text=text))
    for t in d:
        assert text[t.start:t.end] == t.text
    for s in d.sentences:
        assert text[s.start:s.end] == s.text
