"""Quotes stage on hand-written Arabic snippets (not from any gold file)."""

from __future__ import annotations

import pytest

from rasd.doc import Doc
from rasd.model import Article
from rasd.stages.quotes import QuotesStage


def run(text: str, outlet: str | None = "وكالة الاختبار"):
    doc = Doc(Article(id="t", text=text, outlet=outlet))
    return QuotesStage()(doc)


def check_spans(doc) -> None:
    """Every span's text equals the article text at its offsets; statements never overlap."""
    spans = []
    for q in doc.quotes:
        assert q.text == doc.text[q.start:q.end]
        if q.speaker_span is not None:
            assert q.speaker_span.text == doc.text[q.speaker_span.start:q.speaker_span.end]
        if q.cue_span is not None:
            assert q.cue_span.text == doc.text[q.cue_span.start:q.cue_span.end]
        for ev in q.evidence:
            assert ev.text == doc.text[ev.start:ev.end]
        spans.append((q.start, q.end))
    spans.sort()
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        assert a1 <= b0, f"overlapping statements {(a0, a1)} {(b0, b1)}"
    for s in doc.user.get("sources", []):
        assert 0 <= s.start <= s.end <= len(doc.text)


def test_reported_speech_with_clitic_and_speaker():
    doc = run("وقال المكتب الإعلامي للدفاع المدني إن ثلاثة مدنيين قتلوا في القصف.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "المكتب الإعلامي للدفاع المدني"
    assert q.text.startswith("ثلاثة مدنيين قتلوا")
    assert q.cue == "وقال" and not q.direct


@pytest.mark.parametrize("cue", ["أكدت", "أوضحت", "ذكرت", "أفادت", "كشفت", "اعتبرت", "صرحت", "قالت", "تؤكد"])
def test_verb_inflections(cue):
    doc = run(f"{cue} مصادر طبية في المدينة أن المستشفى خرج عن الخدمة.")
    check_spans(doc)
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert q.speaker == "مصادر طبية في المدينة"
    assert q.text.startswith("المستشفى خرج")


def test_plural_verb_has_its_subject_already():
    doc = run("وقال ناشطون إن القصف طال المدرسة. وأكدوا سقوط جرحى بين الطلاب.")
    check_spans(doc)
    assert len(doc.quotes) == 2
    assert doc.quotes[1].continuation and doc.quotes[1].speaker == "ناشطون"
    assert doc.quotes[1].text.startswith("سقوط جرحى")


def test_present_tense_subject_first():
    doc = run("والجيش يقول إنه صد هجوما على الحاجز الشرقي.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "الجيش"
    assert q.text.startswith("صد هجوما")


def test_role_name_venue_and_continuation_full_name():
    text = ("وقال الناشط الإعلامي سامر الحلبي في حديث لـ(شبكة الرصد) إن الطائرات استهدفت السوق الشعبي. "
            "وأضاف أن فرق الإنقاذ ما زالت تبحث عن ناجين.\n"
            "وأشار الحلبي إلى أن القصف تجدد مساء.")
    doc = run(text)
    check_spans(doc)
    assert len(doc.quotes) == 3
    q1, q2, q3 = doc.quotes
    assert q1.speaker == "سامر الحلبي"
    assert q1.speaker_role == "الناشط الإعلامي"
    assert q1.venue == "شبكة الرصد"
    assert q2.continuation and q2.speaker == "سامر الحلبي"
    assert q2.text.startswith("فرق الإنقاذ")
    assert q3.speaker == "سامر الحلبي"          # a surname alone resolves to the full name
    assert q3.text.startswith("القصف تجدد")


def test_apposition_role_and_affiliation():
    doc = run("وقال خالد النمر، المتحدث باسم فصيل الأنصار، إن مقاتليه تقدموا نحو التلة.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "خالد النمر"
    assert q.speaker_role == "المتحدث باسم فصيل الأنصار"
    assert q.speaker_affiliation == "فصيل الأنصار"


def test_direct_quote_spanning_sentences_and_paragraphs():
    text = ("قال القائد الميداني رامي العلي: «لن ننسحب من مواقعنا. المعركة طويلة.\n"
            "وسنواصل الدفاع عن أهلنا».\nوانتهت المواجهات عند الفجر.")
    doc = run(text)
    check_spans(doc)
    [q] = doc.quotes
    assert q.direct
    assert q.speaker == "رامي العلي"
    assert q.text.startswith("لن ننسحب")
    assert q.text.endswith("عن أهلنا")


def test_direct_quote_after_complementizer():
    doc = run("وأكد المسؤول المحلي أن «الوضع الإنساني كارثي في كل الأحياء».")
    check_spans(doc)
    [q] = doc.quotes
    assert q.direct and q.text == "الوضع الإنساني كارثي في كل الأحياء"


def test_participle_continuation_in_same_sentence():
    doc = run("وقال مدير المستشفى إن خمسة جرحى وصلوا صباحا، مضيفا أن بينهم طفلين.")
    check_spans(doc)
    assert len(doc.quotes) == 2
    q1, q2 = doc.quotes
    assert q1.text.endswith("وصلوا صباحا")
    assert q2.continuation and q2.speaker == q1.speaker == "مدير المستشفى"
    assert q2.text.startswith("بينهم طفلين")


def test_source_chain():
    doc = run("ونقلت وكالة الأنباء المحلية عن مصدر عسكري أن الطريق أغلق بالكامل.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "مصدر عسكري"
    assert q.source_chain == ["وكالة الأنباء المحلية", "مصدر عسكري"]


def test_according_to_before_and_after():
    doc = run("قتل أربعة عناصر في الكمين، بحسب مصادر محلية.\nوبحسب المرصد، فإن الاشتباكات استمرت حتى الليل.")
    check_spans(doc)
    assert len(doc.quotes) == 2
    a, b = doc.quotes
    assert a.speaker == "مصادر محلية" and a.text.startswith("قتل أربعة عناصر في الكمين")
    assert b.speaker == "المرصد" and b.text.startswith("الاشتباكات استمرت")
    sources = doc.user["sources"]
    assert {s.source for s in sources} >= {"مصادر محلية", "المرصد"}
    for s in sources:
        assert doc.text[s.source_start:s.source_end] == s.source


def test_object_statement_without_complementizer():
    doc = run("وأعلنت قيادة الشرطة مقتل مسلحين اثنين في مداهمة.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "قيادة الشرطة"
    assert q.text.startswith("مقتل مسلحين")


def test_impersonal_passive():
    doc = run("وأُفيد بسقوط قذائف على الحي الغربي.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker is None and q.text.startswith("سقوط قذائف")


def test_denial_and_accusation_cues_are_quotes():
    doc = run("ونفت وزارة الدفاع أن تكون طائراتها قصفت المدينة. واتهم ناشطون القوات الحكومية بقصف المدرسة.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["وزارة الدفاع", "ناشطون"]


def test_affiliated_is_not_a_cue():
    doc = run("وسيطرت فصائل تابعة للمعارضة على القرية بعد معارك عنيفة.")
    assert doc.quotes == []


def test_no_quotes_in_plain_text():
    doc = run("شهدت المدينة هدوءا حذرا اليوم بعد أسبوع من المواجهات.")
    assert doc.quotes == [] and doc.user.get("sources", []) == []


def test_speaker_id_from_actor_mentions():
    text = "وقال الجيش الوطني إن قواته تقدمت."
    doc = Doc(Article(id="t", text=text))
    s = text.index("الجيش")
    doc.user["actor_mentions"] = [{"start": s, "end": s + len("الجيش الوطني"), "actor_id": "a1"}]
    doc = QuotesStage()(doc)
    [q] = doc.quotes
    assert q.speaker_id == "a1"


def test_many_cues_never_overlap():
    text = ("قال المرصد إن الغارات استهدفت الحي، وأضاف أن عدد القتلى ارتفع، مشيرا إلى أن بين القتلى أطفالا. "
            "وأكد ناشطون أن \"القصف لم يتوقف منذ الصباح وأن الأهالي نزحوا\"، بحسب ما ذكرت شبكة محلية.")
    doc = run(text)
    check_spans(doc)
    assert len(doc.quotes) >= 4
