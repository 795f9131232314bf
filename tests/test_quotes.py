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
    for i, (a0, a1) in enumerate(spans):
        for b0, b1 in spans[i + 1:]:
            # statements may nest (a quote within a quote), never cross
            assert a1 <= b0 or b1 <= a1, f"crossing statements {(a0, a1)} {(b0, b1)}"
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


# --- addressees, verbal-noun objects, كما "also" (issue 5, round 2) --------------------------------
def test_definite_head_has_no_bare_name_after_it():
    doc = run("وأعلن الجيش شن غارات على مواقع المسلحين، وأفاد بمقتل عدد منهم.")
    check_spans(doc)
    q1, q2 = doc.quotes
    assert q1.speaker == "الجيش" and q1.text.startswith("شن غارات")
    assert q2.continuation and q2.speaker == "الجيش" and q2.text.startswith("مقتل")


def test_verbal_noun_is_never_a_speaker():
    doc = run("من جهتها، أعلنت الشرطة اعتقال خمسة مطلوبين. كما أعلنت مقتل مسلحين اثنين في الاشتباك.")
    check_spans(doc)
    q1, q2 = doc.quotes
    assert q2.speaker == "الشرطة" and q2.continuation and q2.text.startswith("مقتل")


def test_kama_before_a_verbal_noun_means_also():
    doc = run("وأعلن الدفاع المدني انتشال عشرة جثث، كما أكد سقوط جرحى بين المدنيين.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["الدفاع المدني", "الدفاع المدني"]
    assert doc.quotes[1].text.startswith("سقوط جرحى")


def test_sentence_initial_kama_is_also():
    doc = run("قتل جنديان في الهجوم. كما طالب المحتجون بالإفراج عن المعتقلين.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "المحتجون" and "الإفراج" in q.text


def test_appeal_verb_addressee_is_not_the_speaker():
    doc = run("أكدت الهيئة الوطنية للإغاثة تصاعد المعارك، وناشدت طرفي النزاع فتح ممرات آمنة. "
              "كما حذرت الأطراف من مغبة قصف الأحياء. كما دعت المواطنين إلى التزام منازلهم.")
    check_spans(doc)
    speakers = [q.speaker for q in doc.quotes]
    assert speakers == ["الهيئة الوطنية للإغاثة"] * 4
    assert doc.quotes[1].text.startswith("طرفي النزاع")
    assert doc.quotes[3].text.startswith("المواطنين")


def test_appeal_verb_subject_then_addressee():
    doc = run("وطالبت الحكومة المجتمع الدولي بإرسال المساعدات. وطالب الاتحاد مجددا المنظمات الإنسانية بالتدخل.")
    check_spans(doc)
    q1, q2 = doc.quotes
    assert q1.speaker == "الحكومة" and q1.text.startswith("المجتمع الدولي")
    assert q2.speaker == "الاتحاد" and q2.text.startswith("المنظمات")


def test_name_after_a_role_and_apposition_skipped():
    doc = run("عبرت السفيرة ليلى حداد، سفيرة الأردن لدى فرنسا، عن قلقها من التصعيد. وأشارت في بيان إلى أن الوضع خطير.")
    check_spans(doc)
    q1, q2 = doc.quotes
    assert q1.speaker.endswith("ليلى حداد") and q1.text.startswith("قلقها")
    assert q2.continuation and q2.speaker == q1.speaker


def test_place_after_a_name_is_the_object():
    from rasd.stages.entities import EntitiesStage
    doc = Doc(Article(id="t", text="ودعا المتحدث باسم الرئاسة سمير خالد إسرائيل إلى وقف الاقتحامات.", outlet="x"))
    doc = QuotesStage()(EntitiesStage()(doc))
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker.endswith("سمير خالد") and "إسرائيل" not in q.speaker


def test_responsibility_word_is_not_circumstantial():
    doc = run("وأعلنت جماعة مسلحة مسؤوليتها عن التفجير.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.text.startswith("مسؤوليتها")


# --- documents, information nouns, role antecedents, time phrases (issue 5, round 2) ---------------
def test_report_and_paper_speak_for_the_outlet_named_before():
    from rasd.stages.entities import EntitiesStage
    text = ("وتناول تقرير نشرته صحيفة «الأخبار اليومية»، الجمعة، أوضاع اللاجئين. وأشار التقرير إلى أن "
            "آلاف العائلات تعيش في العراء. وبحسب الصحيفة فإن المساعدات متوقفة منذ شهر.")
    doc = QuotesStage()(EntitiesStage()(Doc(Article(id="t", text=text, outlet="x"))))
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["الأخبار اليومية", "الأخبار اليومية"]


def test_report_content_after_a_preposition_names_no_issuer():
    from rasd.stages.entities import EntitiesStage
    from rasd.stages.places import PlacesStage
    text = ("وتحدث تقرير أصدرته مجلة «المرصد الأسبوعي» عن التدريبات. وأشار التقرير إلى ضباط في الجيش الأردني "
            "يشاركون في المناورة. ولفت التقرير إلى أن المناورة تستمر أسبوعا.")
    doc = QuotesStage()(EntitiesStage()(PlacesStage()(Doc(Article(id="t", text=text, outlet="x")))))
    check_spans(doc)
    assert [q.speaker for q in doc.quotes][-1:] == ["المرصد الأسبوعي"]


def test_information_nouns_are_not_speakers():
    doc = run("وتشير المعلومات إلى أن المعارك ستتجدد، موضحة أن التعزيزات وصلت. وبحسب النتائج الرسمية فاز الحزب بالأغلبية. "
              "وقال الجيش إن الوضع هادئ.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["الجيش"]


def test_indefinite_information_noun_with_adjective_is_a_described_source():
    doc = run("وأشارت معلومات أمنية إلى أن المادة مهربة من الخارج.")
    [q] = doc.quotes
    assert q.speaker == "معلومات أمنية"


def test_role_without_name_refers_to_the_person_named_with_it():
    doc = run("وقال رئيس المجلس المحلي المهندس خالد عمر يوسف إن الوضع صعب. وأضاف رئيس المجلس أن المياه مقطوعة.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["خالد عمر يوسف", "خالد عمر يوسف"]


def test_time_phrase_before_the_complementizer_is_not_a_speaker():
    doc = run("وكان الجيش أعلن خلال الأشهر الأخيرة إنه حرر مئات الرهائن. لكن البيت الأبيض أكد في وقت لاحق أن جنديا قتل. "
              "وكانت الحكومة قد ذكرت في وقت سابق من الشهر الجاري إنها كثفت غاراتها.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["الجيش", "البيت الأبيض", "الحكومة"]


def test_kana_subject_does_not_cross_a_clause_opener():
    doc = run("ولا يعرف ما إذا كانت النيران أوقعت ضحايا لكن حامد أكد أنه لم يعد هناك سكان.")
    [q] = doc.quotes
    assert q.speaker == "حامد"


def test_kana_subject_with_apposition_between_commas():
    doc = run("وكان الرئيس، سمير حداد، قال الجمعة إن الوضع صعب.")
    [q] = doc.quotes
    assert q.speaker.endswith("سمير حداد")


def test_statement_right_after_the_venue_without_complementizer():
    doc = run("وقال الإعلامي في المقاومة سالم حداد لـ «الوطن» المدينة حرة والمقاومة تتقدم في كل الجبهات، "
              "مبينا بأن التعزيزات مستمرة.")
    check_spans(doc)
    q1, q2 = doc.quotes
    assert q1.speaker == "سالم حداد" and q1.venue == "الوطن" and q1.text.startswith("المدينة حرة")
    assert q2.continuation and q2.speaker == "سالم حداد"


def test_kana_subject_of_an_object_verb():
    doc = run("وكان حزب التجمع دان استمرار الاعتقالات في المدينة.")
    [q] = doc.quotes
    assert q.speaker == "حزب التجمع" and not q.continuation


def test_definite_described_source_refers_back_to_its_full_description():
    doc = run("وقالت مصادر في الشرطة إن الطريق مغلق منذ يومين. وذكرت المصادر أن الدوريات انتشرت في الحي. "
              "وقال مصدر في الدفاع المدني إن الحريق أخمد. وأضاف المصدر أن فرق الإنقاذ انسحبت.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["مصادر في الشرطة", "مصادر في الشرطة",
                                              "مصدر في الدفاع المدني", "مصدر في الدفاع المدني"]


def test_definite_spokeswoman_refers_back():
    doc = run("وأشارت متحدثة باسم البلدية إلى أن المياه قطعت. وتابعت المتحدثة أن الإصلاح سيستغرق يومين.")
    assert [q.speaker for q in doc.quotes] == ["متحدثة باسم البلدية", "متحدثة باسم البلدية"]


def test_relative_clause_and_kinship_are_not_the_speaker_name():
    doc = run("وقال شقيقه سامر خليل الذي نجا من الحادث لوكالة الاختبار إن السيارة انقلبت مرتين.")
    [q] = doc.quotes
    assert q.speaker == "سامر خليل" and q.speaker_role == "شقيقه" and q.venue == "وكالة الاختبار"


def test_anonymity_clause_is_not_part_of_the_speaker():
    doc = run("وأكد مسؤول أمني طلب عدم نشر اسمه لوكالة الاختبار أن خمسة أشخاص أصيبوا.")
    [q] = doc.quotes
    assert q.speaker == "مسؤول أمني"


def test_named_reported_speech_inside_a_direct_quote_nests():
    doc = run("وقال المتحدث باسم الشرطة سامي ناصر إن «الدوريات تتقدم في الحي الشرقي، بينما أكد قائد المنطقة "
              "خالد يوسف أن الطرق آمنة». وأضاف أن التحقيق مستمر.")
    check_spans(doc)
    sp = [q.speaker for q in doc.quotes]
    assert sp == ["سامي ناصر", "خالد يوسف", "سامي ناصر"]
    outer, inner, cont = doc.quotes
    assert outer.start <= inner.start and inner.end <= outer.end and inner.text.startswith("الطرق آمنة")
    assert cont.continuation


def test_pronoun_opener_starts_a_new_statement_of_the_same_speaker():
    doc = run("واعترف الوزير سمير حداد بأن الأزمة طويلة، لكنه أكد أن الحلول قريبة.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["سمير حداد", "سمير حداد"]
    assert doc.quotes[1].text.startswith("الحلول قريبة")


def test_colon_quote_inside_a_statement_keeps_its_own_statement():
    doc = run("وأعلن الجيش استمرار الغارات على مواقع قال: «إنها تعود للمسلحين في المدينة».")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["الجيش", "الجيش"]
    assert "تعود للمسلحين" in doc.quotes[1].text and "قال" not in doc.quotes[0].text


def test_participle_takes_the_subject_of_its_own_clause():
    doc = run("وقال المتحدث سامي ناصر إن الطريق مغلق. إلى ذلك، شكلت رئاسة المحكمة العليا هيئة للتحقيق، "
              "مشيرة إلى أن النتائج ستعلن قريبا.")
    check_spans(doc)
    assert doc.quotes[-1].speaker == "رئاسة المحكمة العليا"


def test_cue_after_a_relative_clause_takes_its_subject():
    doc = run("وذكرت الوكالة أن الشحنة من النوع الذي صادرته الشرطة الأسبوع الماضي، حين قالت إنها مهربة.")
    check_spans(doc)
    assert doc.quotes[-1].speaker == "الشرطة"


def test_plain_continuation_is_unchanged_by_the_subject_tracker():
    doc = run("وقال الوزير سمير حداد إن الجيش قصف المواقع، مضيفا أن العملية مستمرة.")
    assert [q.speaker for q in doc.quotes] == ["سمير حداد", "سمير حداد"]


def test_possessed_noun_after_an_object_verb_is_the_object():
    doc = run("وأكدت الوزارة دعمها للمبادرة، وأبدت استياءها من التأخير، معتبرة أنه يضر بالسكان.")
    check_spans(doc)
    assert all(q.speaker == "الوزارة" for q in doc.quotes) and len(doc.quotes) == 3


def test_described_official_is_not_split_into_role_and_name():
    doc = run("وقال مسؤول عسكري فرنسي إن الدورية عادت إلى قاعدتها. وأضاف المسؤول أن الطريق ما زال مغلقا. "
              "وقال مسؤول من عشيرة الزبيدات إن الوساطة مستمرة.")
    check_spans(doc)
    assert [q.speaker for q in doc.quotes] == ["مسؤول عسكري فرنسي", "مسؤول عسكري فرنسي", "مسؤول من عشيرة الزبيدات"]


def test_negated_report_is_no_quote_but_its_subject_goes_on():
    doc = run("ولم تتبن أي جماعة حتى الآن تفجير السيارة قرب السوق. ولم تكشف الشرطة المزيد عن هوية الجناة. "
              "ولم يؤكد الناطق باسم البلدية سقوط الجسر، مكتفيا بالقول إن «الأضرار كبيرة في الطريق».")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "الناطق باسم البلدية"
    assert q.text.startswith("الأضرار كبيرة")


def test_relative_clause_with_resumptive_pronoun_reports_nothing():
    doc = run("وهي الخطة التي وصفت بها الوزارة إجراءات التقشف الجديدة. وأصدرت النقابة بيانا قالت فيه إن الإضراب مستمر.")
    check_spans(doc)
    assert [q.text[:13] for q in doc.quotes] == ["الإضراب مستمر"]


def test_that_after_a_clause_opener_is_not_part_of_the_subject():
    doc = run("وتراجعت الأسعار في الأسواق، إلا أن الخبير المالي أوضح أن الانتعاش قريب.")
    check_spans(doc)
    [q] = doc.quotes
    assert q.speaker == "الخبير المالي"
