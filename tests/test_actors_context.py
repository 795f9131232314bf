"""Actors stage: outlets, place names, affiliation, theatre descriptors, anaphora, per-paragraph country.

Hand-written snippets; places/entities layers are given by hand where the behaviour depends on them.
"""

from datetime import date

import pytest

from rasd.context import article_country, country_at, country_spans, pick_country
from rasd.doc import Doc
from rasd.model import Article, Entity, Place, Span
from rasd.resources.actor_kb import load_kb
from rasd.stages.actors import ActorsStage, is_event_actor


@pytest.fixture(scope="module")
def stage():
    return ActorsStage()


def make_doc(text, entities=(), places=(), published=date(2016, 3, 1)):
    doc = Doc(Article(id="t", text=text, published=published))
    doc.entities = list(entities)
    doc.places = list(places)
    return doc


def ent(text, sub, typ, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Entity(type=typ, text=sub, start=start, end=start + len(sub))


def place(text, sub, country, kind="city", pid=None):
    start = text.index(sub)
    sp = Span(start=start, end=start + len(sub), text=sub)
    return Place(id=pid or f"p:{sub}", name_ar=sub, country=country, kind=kind, mentions=[sp], evidence=[sp])


def actors_of(doc):
    return {a.id: a for a in doc.actors}


def ids_at(doc, surface):
    return {m.actor_id for m in doc.user["actor_mentions"] if m.text == surface}


# -- outlets ---------------------------------------------------------------------------------------
def test_kb_outlets_are_media_not_event_actors(stage):
    doc = stage(make_doc("وقال مصدر عسكري لوكالة الأنباء الفرنسية إن الجيش السوري قصف بلدة في ريف حماة."))
    acts = actors_of(doc)
    assert acts["media.afp"].kind == "media" and acts["media.afp"].inter is None
    assert not is_event_actor(acts["media.afp"])
    assert is_event_actor(acts["sy.military"])


def test_ner_org_after_outlet_word_is_media(stage):
    text = "وأفادت «شبكة الفرات برس» بأن قوات النظام السوري قصفت مدينة دير الزور."
    doc = stage(make_doc(text, entities=[ent(text, "الفرات برس", "ORG")]))
    outlet = next(a for a in doc.actors if a.name == "الفرات برس")
    assert outlet.kind == "media" and not is_event_actor(outlet)


def test_ner_org_quoted_after_li_is_media(stage):
    text = "وقال قائد ميداني لـ«الصباح» إن المعارك مستمرة في ريف حلب السوري."
    doc = stage(make_doc(text, entities=[ent(text, "الصباح", "ORG")]))
    assert next(a for a in doc.actors if a.name == "الصباح").kind == "media"


def test_latin_acronym_is_not_an_actor(stage):
    text = "وقال الجيش العراقي إن الصواريخ موجهة بنظام GPS وأطلقت من الموصل."
    doc = stage(make_doc(text, entities=[ent(text, "GPS", "ORG")]))
    assert not any(a.name == "GPS" for a in doc.actors)


# -- place names -----------------------------------------------------------------------------------
def test_name_after_facility_word_is_a_place(stage):
    text = "قصف الطيران الحربي محيط مطار النيرب العسكري في حلب السورية."
    doc = stage(make_doc(text, entities=[ent(text, "مطار النيرب العسكري", "FAC"), ent(text, "النيرب", "ORG")]))
    assert not any(a.name == "النيرب" for a in doc.actors)


def test_person_continuing_a_place_name_is_dropped(stage):
    text = "وقع انفجار في سوق كفر زيتا بريف حماة، وقال مدير شرطة كفر زيتا إن التحقيق جار."
    doc = stage(make_doc(text, entities=[ent(text, "سوق كفر", "LOC"), ent(text, "زيتا", "PER")]))
    assert not any(a.kind == "person" and "زيتا" in a.name for a in doc.actors)


def test_org_written_elsewhere_as_a_place(stage):
    text = "قتل عشرة في ولاية هلمند الأفغانية. وقال المتحدث باسم شرطة هلمند إن طالبان نفذت الهجوم."
    doc = stage(make_doc(text, entities=[ent(text, "ولاية هلمند", "LOC"), ent(text, "هلمند", "ORG", nth=1)]))
    assert not any(a.name == "هلمند" for a in doc.actors)
    assert "af.taliban" in actors_of(doc)


def test_event_noun_person_is_dropped(stage):
    text = "وأعلنت الشرطة العراقية توقيف متهمين في قضية تفجير سوق الشورجة."
    doc = stage(make_doc(text, entities=[ent(text, "تفجير سوق الشورجة", "PER")]))
    assert not any(a.kind == "person" for a in doc.actors)


# -- affiliation -----------------------------------------------------------------------------------
def test_fighters_affiliated_by_pronoun(stage):
    doc = stage(make_doc("وأعلنت فصائل المعارضة السورية أن مقاتلين تابعين لها سيطروا على تلة في ريف اللاذقية."))
    m = next(m for m in doc.user["actor_mentions"] if m.via == "affiliated")
    assert m.actor_id == "sy.opposition" and m.text.startswith("مقاتلين تابعين")


def test_fighters_affiliated_to_named_group(stage):
    doc = stage(make_doc("قتل ثلاثة عناصر تابعة لتنظيم داعش في اشتباك مع الجيش العراقي قرب تكريت."))
    m = next(m for m in doc.user["actor_mentions"] if m.via == "affiliated")
    assert m.actor_id == "intl.is" and m.text == "عناصر تابعة"


# -- descriptors per theatre -----------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["الفصائل المقاتلة المعارضة", "فصائل المعارضة المسلحة", "الكتائب المقاتلة", "الثوار"])
def test_syrian_rebel_descriptors(stage, phrase):
    doc = stage(make_doc(f"اشتبكت {phrase} مع قوات النظام السوري في ريف درعا."))
    assert ids_at(doc, phrase) == {"sy.opposition"}


def test_jihadist_descriptor_by_theatre(stage):
    so = stage(make_doc("هاجم مسلحون إسلاميون قاعدة للجيش الصومالي في إقليم شبيلي السفلى بالصومال."))
    assert ids_at(so, "مسلحون إسلاميون") == {"so.shabaab"}
    tn = stage(make_doc("قتل جنديان تونسيان في هجوم شنه مسلحون متشددون قرب جبل الشعانبي في تونس."))
    assert {actors_of(tn)[i].name for i in ids_at(tn, "مسلحون متشددون")} == {"Unidentified Armed Group (Tunisia)"}


def test_afghan_insurgents_are_taliban(stage):
    doc = stage(make_doc("قال مسؤولون أفغان إن المتمردين هاجموا نقطة للشرطة الأفغانية في ولاية غزني."))
    assert ids_at(doc, "المتمردين") == {"af.taliban"}


# -- anaphora --------------------------------------------------------------------------------------
def test_regime_anaphor_prefers_theatre_actor(stage):
    text = ("قتل مدنيون في قصف على مدينة حمص السورية. وكانت الحكومة الإيرانية قد أعلنت دعمها لدمشق. "
            "وجدد النظام قصفه لأحياء حمص.")
    doc = stage(make_doc(text))
    assert ids_at(doc, "النظام") == {"sy.military"}


def test_anaphor_follows_latest_international_group(stage):
    text = "تبنى تنظيم القاعدة الهجوم على ثكنة للجيش اليمني في أبين، وقال التنظيم إنه قتل عشرة جنود."
    doc = stage(make_doc(text))
    assert ids_at(doc, "التنظيم") == {"intl.aq"}


def test_anaphor_without_antecedent_uses_theatre_default(stage):
    doc = stage(make_doc("سيطرت الميليشيات على مدينة في محافظة البيضاء اليمنية بعد معارك مع الجيش اليمني."))
    assert ids_at(doc, "الميليشيات") == {"ye.houthis"}


# -- country of the article and per paragraph ------------------------------------------------------
def test_paragraph_about_another_country(stage):
    text = ("قتل عشرة من الحوثيين في غارات لطيران التحالف على مواقعهم في محافظة صعدة اليمنية.\n"
            "وفي تعز، قصف الحوثيون أحياء سكنية وقتل مدنيون في حي الجحملية.\n"
            "من جهة أخرى قتل خمسة جنود عراقيين في هجوم على نقطة للجيش في مدينة الرمادي بمحافظة الأنبار.")
    places = [place(text, "صعدة", "YE", "admin1"), place(text, "تعز", "YE"), place(text, "الجحملية", "YE", "neighbourhood"),
              place(text, "الرمادي", "IQ"), place(text, "الأنبار", "IQ", "admin1")]
    doc = stage(make_doc(text, places=places))
    assert doc.user["article_country"] == "YE"
    iraq_at = text.index("الرمادي")
    assert country_at(doc, iraq_at) == "IQ"
    assert country_at(doc, text.index("تعز")) == "YE"
    assert ids_at(doc, "جيش") == {"iq.military"} or ids_at(doc, "الجيش") == {"iq.military"}
    assert "SY" not in {c for _, _, c in doc.user["country_spans"]}


def test_metonym_does_not_move_a_paragraph(stage):
    text = ("قصفت قوات النظام السوري بلدات في ريف إدلب وقتل مدنيون في معرة النعمان.\n"
            "وقال قيادي إن التنسيق بين النظام وطهران قديم.")
    places = [place(text, "إدلب", "SY", "admin1"), place(text, "معرة النعمان", "SY"), place(text, "طهران", "IR")]
    doc = stage(make_doc(text, places=places))
    assert doc.user["country_spans"] == []
    assert country_at(doc, text.index("طهران")) == "SY"


def test_gaza_and_west_bank_places_make_ps():
    text = ("اقتحمت قوات الاحتلال الإسرائيلي مخيم جنين واعتقلت شبانا، وأطلق الجيش الإسرائيلي النار على "
            "متظاهرين قرب نابلس، وقصفت طائرات إسرائيلية موقعا في خان يونس.")
    places = [place(text, "مخيم جنين", "PS", "camp"), place(text, "نابلس", "PS"), place(text, "خان يونس", "PS")]
    doc = make_doc(text, places=places)
    assert article_country(doc) == "PS"


def test_pick_country_keeps_israel_without_territory_places():
    from collections import Counter
    votes = Counter({"IL": 10.0, "LB": 2.0})
    votes.place_votes = Counter({"IL": 3})
    assert pick_country(votes) == "IL"


def test_country_spans_empty_for_one_country(stage):
    text = "قتل جنود عراقيون في الموصل.\nوقصف الجيش العراقي مواقع في تكريت."
    doc = make_doc(text, places=[place(text, "الموصل", "IQ"), place(text, "تكريت", "IQ")])
    kb = load_kb()
    from rasd.resources.actor_kb import scan
    assert country_spans(doc, kb, scan(kb, doc.norm.text), "IQ") == []


def test_kb_cache_roundtrip(tmp_path, monkeypatch):
    import rasd.resources.actor_kb as kbmod

    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path))
    kbmod.load_kb.cache_clear()
    try:
        first = kbmod.load_kb()            # builds and writes the pickle
        assert list(tmp_path.glob("actor_kb-*.pickle"))
        kbmod.load_kb.cache_clear()
        second = kbmod.load_kb()           # reads it back
        assert second.actors.keys() == first.actors.keys()
        assert second.anaphor_defaults == first.anaphor_defaults
        text = "وقصف تنظيم داعش مواقع الجيش"
        assert [m.key for m in kbmod.scan(second, text)] == [m.key for m in kbmod.scan(first, text)]
    finally:
        kbmod.load_kb.cache_clear()
