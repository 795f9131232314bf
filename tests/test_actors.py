"""Actors stage on hand-written Arabic snippets: clitics, anaphora, descriptors, persons, spans."""

from datetime import date

import pytest

from rasd.context import article_country
from rasd.doc import Doc
from rasd.model import Article, Entity
from rasd.pipeline import STAGE_FACTORIES, make_stage
from rasd.resources.actor_kb import load_kb
from rasd.stages.actors import ActorsStage


@pytest.fixture(scope="module")
def stage():
    return ActorsStage()


def run(stage, text, published=date(2016, 3, 1), entities=()):
    doc = Doc(Article(id="t", text=text, published=published))
    doc.entities = list(entities)
    return stage(doc)


def by_id(doc):
    return {a.id: a for a in doc.actors}


def mentions(doc, actor_id):
    return [m for m in doc.user["actor_mentions"] if m.actor_id == actor_id]


def assert_spans_exact(doc):
    for m in doc.user["actor_mentions"]:
        assert doc.text[m.start:m.end] == m.text
    for a in doc.actors:
        for s in a.mentions:
            assert doc.text[s.start:s.end] == s.text
    starts = [m.start for m in doc.user["actor_mentions"]]
    assert starts == sorted(starts)


def test_registered():
    assert STAGE_FACTORIES["actors"].endswith(":ActorsStage")
    assert make_stage("actors").name == "actors"


def test_kb_loads_and_is_large():
    kb = load_kb()
    assert len(kb.actors) > 300
    assert kb.actors["intl.is"].inter == 2


def test_clitics(stage):
    doc = run(stage, "هاجم مقاتلون المدينة وداعش يتراجع، وتعهد التحالف بالحوثيين وللحوثيين فداعش.")
    ids = by_id(doc)
    assert "intl.is" in ids and "ye.houthis" in ids
    texts = [m.text for m in mentions(doc, "ye.houthis")]
    assert "الحوثيين" in texts  # بالحوثيين: the span drops ب and keeps ال
    assert [m.text for m in mentions(doc, "intl.is")] == ["داعش", "داعش"]
    assert_spans_exact(doc)


def test_no_match_inside_words(stage):
    doc = run(stage, "ذهب الحوثيانيون إلى سوق القسدير")  # not a word boundary: no Houthis, no SDF
    assert "ye.houthis" not in by_id(doc) and "sy.sdf" not in by_id(doc)


def test_diacritics_and_spans(stage):
    text = "أعلنَ تنظيمُ الدولةِ الإسلاميةِ مسؤوليتَه عن التفجير."
    doc = run(stage, text)
    m = mentions(doc, "intl.is")[0]
    assert m.text == "تنظيمُ الدولةِ الإسلاميةِ"
    assert_spans_exact(doc)


def test_anaphora_after_and_not_before(stage):
    doc = run(stage, "قال التنظيم في بيان إنه سيرد. ثم هاجم عناصر داعش قرية في ريف حلب، وأعلن التنظيم سيطرته عليها.")
    got = mentions(doc, "intl.is")
    assert [m.via for m in got] == ["name", "anaphor"]
    assert got[1].start > got[0].start
    assert doc.text.index("التنظيم") not in [m.start for m in got]  # the first التنظيم has no antecedent


def test_anaphora_picks_matching_head(stage):
    doc = run(stage, "اتهمت جماعة الحوثي قوات التحالف بقصف صعدة، وقالت الجماعة إن المدنيين قتلوا.")
    assert [m.via for m in mentions(doc, "ye.houthis")] == ["name", "anaphor"]


def test_regime_forces_and_descriptors_in_syria(stage):
    doc = run(stage, "قصفت قوات النظام بلدة في ريف إدلب السورية، وقتل خمسة مدنيين بينهم أطفال، "
                     "فيما شن الطيران الحربي غارات على المدينة. وقال ناشطون إن مسلحين مجهولين اغتالوا قياديا.")
    assert article_country(doc) == "SY"
    ids = by_id(doc)
    assert ids["sy.military"].name == "Military Forces of Syria (2000-2024)"
    assert {m.text for m in mentions(doc, "sy.military")} >= {"قوات النظام", "الطيران الحربي"}
    assert ids["SY.civilians"].name == "Civilians (Syria)" and ids["SY.civilians"].inter == 7
    assert ids["SY.unidentified"].name == "Unidentified Armed Group (Syria)"


def test_same_descriptor_other_country(stage):
    doc = run(stage, "قتل ثلاثة مدنيين في قصف على مدينة تعز اليمنية، واتهم الجيش اليمني الحوثيين بالقصف. "
                     "وشن طيران التحالف غارات على مواقع الحوثيين في صنعاء.")
    assert doc.user["article_country"] == "YE"
    ids = by_id(doc)
    assert "YE.civilians" in ids and ids["YE.civilians"].name == "Civilians (Yemen)"
    assert "intl.saudi_coalition" in ids and "intl.us_coalition" not in ids


def test_coalition_in_iraq_is_us_led(stage):
    doc = run(stage, "شن طيران التحالف غارات على مواقع داعش في الموصل العراقية، وقالت القوات العراقية إنها تقدمت. "
                     "وتقدم الجيش العراقي في الأنبار.")
    assert doc.user["article_country"] == "IQ"
    ids = by_id(doc)
    assert "intl.us_coalition" in ids
    assert ids["intl.is"].name == "Islamic State (Iraq)"
    assert ids["iq.military"].name.startswith("Military Forces of Iraq")


def test_foreign_forces_are_external(stage):
    doc = run(stage, "قصف الطيران الروسي ريف حماة السوري، وقالت المعارضة السورية إن قوات النظام تقدمت.")
    ru = by_id(doc)["ru.military"]
    assert ru.inter == 8


def test_eras_by_publication_date(stage):
    old = run(stage, "هاجمت جبهة النصرة مواقع في إدلب السورية.", published=date(2015, 5, 1))
    new = run(stage, "هاجمت جبهة النصرة مواقع في إدلب السورية.", published=date(2019, 5, 1))
    assert by_id(old)["sy.hts"].name == "Jabhat al-Nusra"
    assert by_id(new)["sy.hts"].name == "Hayat Tahrir al-Sham"


def test_surname_coreference_kb_person(stage):
    doc = run(stage, "قال الرئيس السوري بشار الأسد إن الحرب مستمرة. وأضاف الأسد أن الجيش سيستعيد الأرض.")
    got = mentions(doc, "p.bashar_assad")
    assert [m.via for m in got] == ["name", "surname"] and got[1].text == "الأسد"


def test_surname_coreference_ner_person(stage):
    text = "وقال أيهم العمر إن القصف استهدف السوق. وأكد العمر أن الضحايا من المدنيين."
    s = text.index("أيهم العمر")
    doc = run(stage, text, entities=[Entity(text="أيهم العمر", type="PER", start=s, end=s + len("أيهم العمر"))])
    per = [a for a in doc.actors if a.kind == "person"]
    assert len(per) == 1
    assert [m.text for m in per[0].mentions] == ["أيهم العمر", "العمر"]


def test_apposition_role_and_affiliation(stage):
    doc = run(stage, "قال يوسف حمدان، القيادي في جيش الأبابيل، إن الاشتباكات مستمرة.")
    per = [a for a in doc.actors if a.kind == "person"]
    assert per and per[0].name == "يوسف حمدان"
    assert per[0].role == "leader" and per[0].affiliation == "Jaish al-Ababil"


def test_role_before_person(stage):
    doc = run(stage, "وقال المتحدث باسم جيش الإسلام حمزة بيرقدار إن المقاتلين صدوا الهجوم.")
    per = [a for a in doc.actors if a.kind == "person"]
    assert per and per[0].name == "حمزة بيرقدار"
    assert per[0].role == "spokesperson" and per[0].affiliation == "Jaish al-Islam"


def test_unknown_org_from_ner_is_kept(stage):
    text = "تبنت كتيبة أنصار الفجر الهجوم على الحاجز."
    s = text.index("كتيبة أنصار الفجر")
    doc = run(stage, text, entities=[Entity(text="كتيبة أنصار الفجر", type="ORG", start=s, end=s + 17)])
    org = [a for a in doc.actors if a.kind == "unknown"]
    assert org and org[0].inter is None and org[0].mentions[0].text == "كتيبة أنصار الفجر"


def test_unknown_group_without_ner(stage):
    doc = run(stage, "وتبنت سرايا الفجر الجديد الهجوم على دورية في البصرة العراقية.")
    org = [a for a in doc.actors if a.kind == "unknown"]
    assert org and org[0].name == "سرايا الفجر الجديد"


def test_country_as_actor_not_place(stage):
    doc = run(stage, "اتهمت إيران الولايات المتحدة بالتصعيد في العراق، وقتل جنود عراقيون.")
    ids = by_id(doc)
    assert "ir.government" in ids or "IR.government" in ids
    assert "IQ.government" not in ids and "iq.government" not in ids  # في العراق is a place


def test_protesters_and_police(stage):
    doc = run(stage, "فرقت الشرطة البحرينية تظاهرة في المنامة، واعتقلت عددا من المحتجين.")
    ids = by_id(doc)
    assert "bh.police" in ids
    assert any(a.kind == "protesters" for a in doc.actors)
    assert_spans_exact(doc)


def test_empty_text(stage):
    doc = run(stage, "")
    assert doc.actors == [] and doc.user["actor_mentions"] == []


def test_article_country_from_text_only():
    doc = Doc(Article(id="c", text="قتل عشرة أشخاص في غارات على مدينة صعدة اليمنية بحسب مصادر يمنية."))
    assert article_country(doc) == "YE"


def test_record_contains_actors(stage):
    doc = run(stage, "قتل مدنيون في قصف لقوات النظام على حمص السورية.")
    rec = doc.to_record().model_dump(mode="json", by_alias=True)
    assert rec["actors"] and {"name", "name_ar", "inter", "country", "affiliation", "mentions"} <= set(rec["actors"][0])
