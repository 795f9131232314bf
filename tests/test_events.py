"""Events stage on hand-written Arabic snippets (upstream layers filled by hand)."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.doc import Doc
from rasd.events.lexicon import lexicon
from rasd.mentions import DateMention
from rasd.model import Actor, Article, Place, Quantity, Span
from rasd.stages.events import StandaloneEventsStage
from rasd.text.normalize import normalize_word

ACTORS = {
    "Syrian government": (1, ["قوات النظام", "النظام", "طائرات النظام"]),
    "Islamic State": (2, ["داعش", "تنظيم الدولة"]),
    "Jaish al-Islam": (2, ["جيش الإسلام"]),
    "Saudi-led coalition": (8, ["التحالف"]),
    "Houthis": (2, ["الحوثيين", "الحوثي"]),
}
PLACES = {"دوما": "town", "حرستا": "town", "عربين": "town", "ريف دمشق": "admin1", "حي القدم": "neighbourhood",
          "صعدة": "city", "تعز": "city"}


def _find(text: str, surface: str) -> list[tuple[int, int]]:
    out, i = [], text.find(surface)
    while i >= 0:
        out.append((i, i + len(surface)))
        i = text.find(surface, i + 1)
    return out


def make_doc(text: str, published: date | None = date(2016, 3, 12), quantities: list[tuple[str, int]] | None = None,
             dates: list[tuple[str, date | None]] | None = None) -> Doc:
    doc = Doc(Article(id="t", text=text, published=published, outlet="test-outlet"))
    actors = []
    taken: set[int] = set()
    for name, (inter, forms) in ACTORS.items():
        spans = []
        for f in sorted(forms, key=len, reverse=True):
            for s, e in _find(text, f):
                if not any(p in taken for p in range(s, e)):
                    spans.append(Span.of(text, s, e))
                    taken.update(range(s, e))
        if spans:
            actors.append(Actor(id=name, name=name, inter=inter, mentions=spans))
    doc.actors = actors
    places = []
    for i, (name, kind) in enumerate(PLACES.items()):
        spans = [Span.of(text, s, e) for s, e in _find(text, name)]
        if spans:
            places.append(Place(id=f"p{i}", name=name, name_ar=name, kind=kind, country="SY",
                                geo_precision=1 if kind != "admin1" else 3, mentions=spans))
    doc.places = places
    if quantities is not None:
        for surface, value in quantities:
            s, e = _find(text, surface)[0]
            doc.quantities.append(Quantity(value=value, low=value, high=value, start=s, end=e, text=surface))
    if dates is not None:
        doc.user["dates"] = [DateMention(start=_find(text, t)[0][0], end=_find(text, t)[0][1], text=t, value=v,
                                         precision=1 if v else None) for t, v in dates]
    doc.layers.update({"places", "actors"} | ({"quantities"} if quantities is not None else set()))
    return doc


def events_of(text: str, **kw):
    return StandaloneEventsStage(use_classifier=False)(make_doc(text, **kw)).events


# -- lexicon -------------------------------------------------------------------------------------
def test_lexicon_matches_with_clitics_and_respects_word_boundaries():
    text = normalize_word("وبالغارات الجوية على مقتله")
    labels = {(h.kind, h.label) for h in lexicon().scan(text)}
    assert ("trigger", "air") in labels
    assert not any(h.label == "kill" for h in lexicon().scan(normalize_word("مقتل")) if h.kind == "trigger")


# -- typing --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,sub", [
    ("شنت طائرات النظام غارات على مدينة دوما.", "Air/drone strike"),
    ("قصفت قوات النظام مدينة دوما بقذائف الهاون.", "Shelling/artillery/missile attack"),
    ("قصف جوي استهدف مدينة دوما صباح اليوم.", "Air/drone strike"),
    ("اندلعت اشتباكات عنيفة بين قوات النظام وجيش الإسلام في حرستا.", "Armed clash"),
    ("انفجرت عبوة ناسفة بسيارة في مدينة دوما.", "Remote explosive/landmine/IED"),
    ("فجر انتحاري حزاما ناسفا في سوق مدينة دوما.", "Suicide bomb"),
    ("استعادت قوات النظام السيطرة على بلدة حرستا.", "Government regains territory"),
    ("سيطر تنظيم الدولة على بلدة عربين.", "Non-state actor overtakes territory"),
    ("اختطف مسلحون مجهولون ناشطا في مدينة دوما.", "Abduction/forced disappearance"),
    ("خرجت مظاهرة في مدينة دوما تطالب بإطلاق سراح المعتقلين.", "Peaceful protest"),
    ("اعتقلت قوات النظام عشرين شابا في حرستا.", "Arrests"),
])
def test_typing(text, sub):
    evs = events_of(text)
    assert evs, text
    assert evs[0].sub_event_type == sub


# -- roles ---------------------------------------------------------------------------------------
def test_passive_voice_makes_the_regime_actor1_and_civilians_actor2():
    evs = events_of("قُتل ثلاثة مدنيين بقصف لطائرات النظام على مدينة دوما.")
    assert len(evs) == 1
    e = evs[0]
    assert e.sub_event_type == "Air/drone strike"
    assert e.actor1 == "Syrian government" and e.actor2 == "Civilians"
    assert e.civilian_targeting == "Civilian targeting"
    assert e.fatalities == 3 and e.inter1 == 1 and e.inter2 == 7 and e.interaction == 17


def test_launch_strikes_on_target():
    e = events_of("شن التحالف غارات على مواقع الحوثيين في صعدة.")[0]
    assert (e.actor1, e.actor2) == ("Saudi-led coalition", "Houthis")
    assert e.location == "صعدة"


def test_clash_between_two_actors():
    e = events_of("اندلعت اشتباكات بين جيش الإسلام وتنظيم الدولة في حي القدم.")[0]
    assert (e.actor1, e.actor2) == ("Jaish al-Islam", "Islamic State")
    assert e.interaction == 22


def test_exposed_to_attack_from():
    e = events_of("تعرضت مواقع جيش الإسلام في حرستا لهجوم من تنظيم الدولة.")[0]
    assert e.actor1 == "Islamic State" and e.actor2 == "Jaish al-Islam"


# -- places --------------------------------------------------------------------------------------
def test_several_towns_struck_give_one_event_each():
    evs = events_of("شنت طائرات النظام غارات على مدن دوما وحرستا وعربين في ريف دمشق.")
    assert sorted(e.location for e in evs) == ["حرستا", "دوما", "عربين"]
    assert all(e.sub_event_type == "Air/drone strike" for e in evs)


def test_most_specific_place_wins_over_governorate():
    e = events_of("قصفت قوات النظام بالمدفعية بلدة عربين في ريف دمشق.")[0]
    assert e.location == "عربين" and e.geo_precision == 1


# -- fatalities ----------------------------------------------------------------------------------
def test_per_side_fatalities_are_summed():
    text = "اندلعت اشتباكات بين جيش الإسلام وتنظيم الدولة في حرستا، قتل خلالها ثلاثة عناصر من جيش الإسلام، فيما سقط ما لا يقل عن عشرة قتلى و13 جريحا من تنظيم الدولة."
    e = events_of(text)[0]
    sides = {c.side for c in e.fatality_claims if c.kind == "killed"}
    assert sides == {"Jaish al-Islam", "Islamic State"}
    assert e.fatalities == 13 and e.injuries == 13


def test_subset_is_not_added():
    e = events_of("قتل ثمانية مدنيين بينهم طفلان بغارات لطائرات النظام على دوما.")[0]
    assert e.fatalities == 8


def test_singular_and_dual_nouns_count():
    assert events_of("أدى قصف قوات النظام بالهاون على حرستا إلى مقتل طفلين.")[0].fatalities == 2
    assert events_of("شنت طائرات النظام غارة على دوما أسفرت عن سقوط قتيل.")[0].fatalities == 1


def test_cumulative_totals_go_to_no_event():
    text = "شنت طائرات النظام غارات على دوما. وارتفع عدد القتلى منذ بداية الحملة إلى 200 قتيل."
    e = events_of(text)[0]
    assert e.fatalities == 0


def test_one_figure_for_killed_and_injured_is_not_counted_twice():
    e = events_of("قتل 21 قتيلا في اشتباكات بين قوات النظام وجيش الإسلام في حرستا.")[0]
    assert e.fatalities == 21


# -- not events ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "سيشن التحالف غارات على صعدة الأسبوع المقبل.",
    "هدد تنظيم الدولة بمهاجمة مدينة دوما.",
    "لم تقصف طائرات النظام مدينة دوما.",
    "نفى التحالف أنه قصف مدينة صعدة.",
    "يقصف النظام بانتظام مدينة دوما.",
    "وهذا ما يبرر المجازر كما يحدث في دوما وحرستا من قصف.",
    "وكانت قوات النظام قد قصفت مدينة دوما في عام 2013.",
    "يعتزم التحالف شن غارات على مواقع الحوثيين في صعدة.",
    "تقع البلدة في مناطق سيطرة قوات النظام في ريف دمشق.",
])
def test_not_events(text):
    assert events_of(text) == []


# -- merging, dates, spans -----------------------------------------------------------------------
def test_repeated_mentions_merge_into_one_event_with_several_evidence_spans():
    text = ("شنت طائرات النظام غارات على مدينة دوما أمس. "
            "وأفاد ناشطون أن الغارات أسفرت عن مقتل خمسة مدنيين.")
    evs = events_of(text)
    assert len(evs) == 1
    assert len(evs[0].evidence) == 2 and evs[0].fatalities == 5


def test_date_in_sentence_else_previous_else_publication():
    text = "شنت طائرات النظام غارات على دوما أمس. وقصفت قوات النظام بالمدفعية حرستا."
    evs = events_of(text, dates=[("أمس", date(2016, 3, 11))])
    assert all(e.event_date == date(2016, 3, 11) for e in evs)
    e = events_of("شنت طائرات النظام غارات على دوما.", dates=[])[0]
    assert e.event_date == date(2016, 3, 12) and e.time_precision == 2


def test_without_publication_date_the_relative_wording_is_kept():
    e = events_of("شنت طائرات النظام غارات على دوما أمس.", published=None, dates=[("أمس", None)])[0]
    assert e.event_date is None and e.date_expression == "أمس"


def test_spans_equal_text():
    text = "قُتل ثلاثة مدنيين بقصف لطائرات النظام على مدينة دوما. واندلعت اشتباكات في حرستا."
    doc = StandaloneEventsStage(use_classifier=False)(make_doc(text))
    for e in doc.events:
        for sp in e.evidence + [c.span for c in e.fatality_claims]:
            assert doc.text[sp.start:sp.end] == sp.text


def test_quantities_layer_is_used_when_present():
    text = "شنت طائرات النظام غارات على دوما أسفرت عن مقتل نحو عشرين شخصا."
    e = events_of(text, quantities=[("نحو عشرين", 20)])[0]
    assert e.fatalities == 20
