"""Events stage, sixth pass: sentence bounds around mismatched quote marks, speakers, background
clauses, counted victims (hand-written snippets; layers filled by hand)."""

from __future__ import annotations

from rasd.text.sentences import sentence_spans
from rasd.stages.events import StandaloneEventsStage

from tests.test_events import make_doc
from tests.test_events_fifth import _add_actor, _add_place


def _events(doc):
    return StandaloneEventsStage(use_classifier=False)(doc).events


def test_straight_quote_closed_by_guillemet_does_not_swallow_the_paragraph():
    text = ('وقال الناطق في بيان نشره موقع "النهار" إن "الموقوفين سيحالون إلى القضاء». '
            'وأضاف أن «التحقيق جار». وفي بلدة أخرى قصف الجيش مواقع المسلحين.')
    spans = sentence_spans(text)
    assert len(spans) == 3


def test_the_killed_after_a_casualty_word_are_never_the_agent():
    doc = make_doc("وقال المتحدث إن الانفجار أسفر عن مقتل ضابط واثنين من الجنود في بلدة العريش.")
    _add_actor(doc, "ضابط", "eg.mil", "Military Forces of Egypt", "state_forces", 1)
    _add_place(doc, "العريش", "ar1", "Al Arish", lat=31.1, lon=33.8)
    evs = _events(doc)
    assert evs and evs[0].actor1 != "Military Forces of Egypt"


def test_police_who_arrest_are_not_the_authors_of_the_bombing_named_next():
    doc = make_doc("أعلنت الشرطة أنها تمكنت من توقيف ثلاثة مشتبه بهم في التفجير الذي وقع أمس في بلدة الزهراء.")
    _add_actor(doc, "الشرطة", "xx.police", "Police Forces of Xland", "state_forces", 1)
    _add_place(doc, "الزهراء", "z1", "Az Zahra", lat=33.0, lon=36.0)
    evs = _events(doc)
    bombs = [e for e in evs if e.event_type == "Explosions/Remote violence"]
    assert bombs and all(e.actor1 != "Police Forces of Xland" for e in bombs)


def test_subject_of_the_verb_fires_the_weapon_told_after_its_object():
    doc = make_doc("من جهة أخرى، أمطرت الفصائل المعارضة بلدة نبل بالقذائف الصاروخية صباح اليوم.")
    _add_actor(doc, "الفصائل المعارضة", "sy.opp", "Opposition Rebels (Syria)", "rebel_group", 2, "SY")
    _add_place(doc, "نبل", "n1", "Nubl", lat=36.37, lon=37.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 == "Opposition Rebels (Syria)"


def test_the_place_of_the_attack_responded_to_is_not_the_retaliation_place():
    doc = make_doc("قصف الجيش مواقع المسلحين في محيط سراقب بالمدفعية ردا على تعرض بلدة كفرنبل لهجوم من المسلحين.")
    _add_actor(doc, "الجيش", "sy.mil", "Military Forces of Syria", "state_forces", 1, "SY")
    _add_place(doc, "كفرنبل", "k1", "Kafr Nabl", lat=35.6, lon=36.5)
    _add_place(doc, "سراقب", "s1", "Saraqib", lat=35.86, lon=36.8)
    evs = _events(doc)
    shelling = [e for e in evs if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and all(e.location == "Saraqib" for e in shelling)


def test_the_side_that_attacked_is_actor1_of_a_repelled_attack():
    doc = make_doc("الفصائل تصد هجوم تنظيم داعش على بلدة مارع شمال حلب.")
    _add_actor(doc, "الفصائل", "sy.opp", "Opposition Rebels (Syria)", "rebel_group", 2, "SY")
    _add_actor(doc, "تنظيم داعش", "sy.is", "Islamic State (Syria)", "rebel_group", 2, "SY")
    _add_place(doc, "مارع", "m1", "Marea", lat=36.48, lon=37.2)
    evs = _events(doc)
    clash = [e for e in evs if e.event_type == "Battles"]
    assert clash and clash[0].actor1 == "Islamic State (Syria)" and clash[0].actor2 == "Opposition Rebels (Syria)"


def test_a_described_subject_of_a_light_verb_is_the_agent():
    doc = make_doc("وشنت قوات الحكومة المدعومة من طيران حليف، يوم السبت، هجوما على بلدة الحسينية.")
    _add_actor(doc, "قوات الحكومة", "xx.mil", "Military Forces of Xland", "state_forces", 1)
    _add_place(doc, "الحسينية", "h1", "Al Husayniyah", lat=33.0, lon=36.0)
    evs = _events(doc)
    assert evs and evs[0].actor1 == "Military Forces of Xland"


def test_a_quarter_read_in_another_city_gives_way_to_the_town_that_locates_it():
    doc = make_doc("انفجرت عبوة ناسفة في حي النور غربي المدينة الجديدة ما أدى إلى مقتل مدنيين.")
    _add_place(doc, "النور", "q1", "An Nur (Faraway)", kind="neighbourhood", lat=30.0, lon=40.0)
    _add_place(doc, "المدينة الجديدة", "t1", "New Town", lat=34.0, lon=44.0)
    _add_place(doc, "غربي المدينة الجديدة", "r1", "west of New Town", kind="relative", lat=34.0, lon=44.0,
               relation="west_of", anchor="t1")
    evs = _events(doc)
    assert evs and evs[0].location == "New Town"


def test_a_relative_clause_telling_who_took_a_town_is_background():
    doc = make_doc("وقع الانفجار في بلدة سراقب، التي طردت منها الفصائل في نهاية الربيع قوات النظام بعد معارك عنيفة.")
    _add_actor(doc, "الفصائل", "sy.opp", "Opposition Rebels (Syria)", "rebel_group", 2, "SY")
    _add_actor(doc, "قوات النظام", "sy.mil", "Military Forces of Syria", "state_forces", 1, "SY")
    _add_place(doc, "سراقب", "s1", "Saraqib", lat=35.86, lon=36.8)
    evs = _events(doc)
    assert all(e.event_type != "Battles" for e in evs)


def test_a_march_reaching_an_unlocated_landmark_stays_one_protest_in_the_city():
    doc = make_doc("تظاهر آلاف المحتجين اليوم في مدينة الخرطوم وفرقتهم الشرطة بالغاز المسيل للدموع. "
                   "وواصل المتظاهرون مسيرتهم نحو القصر حيث فرقتهم الشرطة بالغاز المسيل للدموع.")
    _add_actor(doc, "الشرطة", "sd.police", "Police Forces of Sudan", "state_forces", 1, "SD")
    _add_place(doc, "الخرطوم", "kh", "Khartoum", kind="city", lat=15.6, lon=32.5)
    _add_place(doc, "القصر", "qs", "القصر", kind="landmark")
    evs = [e for e in _events(doc) if e.event_type == "Protests"]
    assert len(evs) == 1 and evs[0].location == "Khartoum"
