import numpy as np
import pytest

from rasd.doc import Doc
from rasd.model import Article
from rasd.text.normalize import normalize, normalize_word
from rasd.text.sentences import sentence_spans


def sents(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("raw,norm", [
    ("أإآٱ", "اااا"), ("مؤتمر", "موتمر"), ("رئيس", "رييس"), ("مستشفى", "مستشفي"), ("مدينة", "مدينه"),
    ("کتاب", "كتاب"), ("ی", "ي"), ("١٢٣۴۵", "12345"), ("قـــتـــل", "قتل"), ("مُحَمَّدٌ", "محمد"),
    ("ﻻ", "لا"), ("ABC", "abc"), ("a\u200bb\u200fc", "abc"), ("a\u00a0b", "a b"),
])
def test_normalize_folds(raw, norm):
    assert normalize(raw).text == norm
    assert normalize_word(raw) == norm


def test_alignment_roundtrip_with_expansions_and_deletions():
    s = "ﷺ قُتـــِلَ ﻻ 𝟙 😀 نهاية"
    n = normalize(s)
    i = n.text.index("نهايه")
    a, b = n.to_original(i, i + 5)
    assert s[a:b] == "نهاية"
    assert n.to_normalized(a, b) == (i, i + 5)
    a, b = n.to_original(n.text.index("قتل"), n.text.index("قتل") + 3)
    assert s[a:b] == "قُتـــِلَ"  # trailing marks belong to the word


def test_identity_alignment_is_free():
    n = normalize("قتل 18 شخصا")
    assert n.identity and n.to_original(0, 3) == (0, 3)


def test_empty_text():
    d = Doc(Article(id="e", text=""))
    assert len(d) == 0 and d.sentences == [] and d.sentence_index(0) is None


@pytest.mark.parametrize("text,expected", [
    ("قتل شخص. وأصيب آخر.", ["قتل شخص.", "وأصيب آخر."]),
    ("هل انتهى؟ نعم! ثم… مضى", ["هل انتهى؟", "نعم!", "ثم…", "مضى"]),
    ("قال، وأضاف، ثم غادر؛ وانتهى", ["قال، وأضاف، ثم غادر؛ وانتهى"]),
    ("قال «هذا. ذاك» ثم مضى. وانتهى", ["قال «هذا. ذاك» ثم مضى.", "وانتهى"]),
    ('قال "هذا. ذاك" ثم مضى.', ['قال "هذا. ذاك" ثم مضى.']),
    ("قال “هذا. ذاك” ثم مضى.", ["قال “هذا. ذاك” ثم مضى."]),
    ("وقال: «انتهى الأمر». وغادر.", ["وقال: «انتهى الأمر».", "وغادر."]),
    ("نقلت أ. ف. ب عن د. محمد قوله.", ["نقلت أ. ف. ب عن د. محمد قوله."]),
    ("عنوان الخبر\n\nالفقرة الأولى. الثانية.\n- بند أول\n- بند ثان",
     ["عنوان الخبر", "الفقرة الأولى.", "الثانية.", "- بند أول", "- بند ثان"]),
    ("1. أولا\n2. ثانيا", ["1. أولا", "2. ثانيا"]),
    ("بلغ العدد 15. ثم ارتفع", ["بلغ العدد 15.", "ثم ارتفع"]),
    ("  \n\n  ", []),
    ("النسبة 3.5 بالمئة", ["النسبة 3.5 بالمئة"]),
])
def test_sentences(text, expected):
    assert sents(text) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph():
    assert sents("قال «هذا. ثم مضى. وانتهى") == ["قال «هذا.", "ثم مضى.", "وانتهى"]


def test_doc_sentences_in_original_offsets_with_marks():
    s = "قُتِلَ شخصٌ. وأُصيبَ آخرُ."
    d = Doc(Article(id="t", text=s))
    assert [x.text for x in d.sentences] == ["قُتِلَ شخصٌ.", "وأُصيبَ آخرُ."]
    assert d.sentence_index(s.index("وأ")) == 1


def test_tokens_digits_punct_and_non_bmp():
    s = "و١٢ قتيلاً 😀 (2015)"
    d = Doc(Article(id="t", text=s))
    assert [t.text for t in d] == ["و", "١٢", "قتيلاً", "😀", "(", "2015", ")"]
    assert np.all(d.tok.start[1:] >= d.tok.end[:-1])


# -- the vectorised text layer against plain per-char references on random strings ----------------

_ALPHABET = list("قتل خمسة أشخاص في حلب ١٢٣ 45 ،.؟!«»()\n\t") + ["\u064e", "\u0651", "\u0640", "\u200f", "ﻻ", "ﷺ", "😀", "A", "_"]


def _random_texts(n=400, seed=3):
    import random

    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


def _reference_tokens(norm_text):
    """Runs of letters, runs of digits, single punctuation chars, by a per-char loop over the classes."""
    from rasd.text.normalize import PUNCT, SPACE, char_classes

    cls = char_classes(norm_text).tolist()
    out, i = [], 0
    while i < len(cls):
        if cls[i] == SPACE:
            i += 1
            continue
        j = i + 1
        if cls[i] != PUNCT:
            while j < len(cls) and cls[j] == cls[i]:
                j += 1
        out.append((i, j))
        i = j
    return out


def test_tokens_and_alignment_match_per_char_references():
    from rasd.text.tokens import tokenize

    for text in _random_texts():
        n = normalize(text)
        t = tokenize(n)
        assert list(zip(t.nstart.tolist(), t.nend.tolist())) == _reference_tokens(n.text), text
        assert n.text == "".join(normalize_word(ch) for ch in text) or len(text) > 200
        if len(t) and not n.identity:
            # token ends computed without the full ends() array equal ends()
            assert t.end.tolist() == n.ends()[t.nend - 1].tolist(), text
