from rasd.doc import Doc
from rasd.model import Article
from rasd.text.normalize import normalize
from rasd.text.tokens import clitic_readings


def test_normalize_folds_and_aligns():
    s = "قُتِلَ ١٨ شخصاً وأُصيب بالمدينةِ"
    n = normalize(s)
    assert n.text == "قتل 18 شخصا واصيب بالمدينه"
    a, b = n.to_original(n.text.index("شخصا"), n.text.index("شخصا") + 4)
    assert s[a:b] == "شخصاً"


def test_presentation_forms_and_bidi():
    s = "ﻻ بأس\u200f هنا"
    n = normalize(s)
    assert n.text == "لا باس هنا"
    i = n.text.index("هنا")
    a, b = n.to_original(i, i + 3)
    assert s[a:b] == "هنا"


def test_tokens_own_offsets():
    s = "وبالمدينةِ، قال «نعم»"
    d = Doc(Article(id="t", text=s))
    toks = list(d)
    assert [t.text for t in toks] == ["وبالمدينةِ", "،", "قال", "«", "نعم", "»"]
    assert all(s[t.start:t.end] == t.text for t in toks)


def test_clitic_readings():
    stems = {r.stem for r in clitic_readings("وبالمدينه")}
    assert {"وبالمدينه", "بالمدينه", "المدينه", "مدينه"} <= stems
    r = [r for r in clitic_readings("للمدينه") if r.stem == "المدينه"][0]
    assert r.prefixes == ("ل",) and r.offset == 1


def test_sentences_respect_quotes_and_lines():
    s = "قال «هذا. ذاك» ثم مضى. وانتهى، كما قال.\nعنوان\n- بند"
    d = Doc(Article(id="t", text=s))
    assert [x.text for x in d.sentences] == ["قال «هذا. ذاك» ثم مضى.", "وانتهى، كما قال.", "عنوان", "- بند"]
