"""Casualty figures of events (rasd/events/fatalities.py) on hand-written Arabic snippets."""

from __future__ import annotations

from test_events import make_doc

from rasd.stages.dates import DatesStage
from rasd.stages.events import StandaloneEventsStage
from rasd.stages.quantities import QuantitiesStage


def events_of(text: str):
    """Hand-made places and actors (test_events.make_doc), the real quantities and dates layers."""
    doc = make_doc(text)
    doc = DatesStage()(QuantitiesStage()(doc))
    doc.layers.update({"quantities", "dates"})
    return StandaloneEventsStage(use_classifier=False)(doc).events


def _at(events, place: str):
    found = [e for e in events if e.location == place]
    assert found, [(e.location, e.sub_event_type) for e in events]
    return found[0]


def test_dozens_is_twelve_with_low_ten():
    e = events_of("قتل العشرات من عناصر تنظيم الدولة في اشتباكات مع جيش الإسلام في حرستا.")[0]
    assert (e.fatalities, e.fatalities_low) == (12, 10)


def test_combined_killed_and_injured_figure():
    e = events_of("أسفرت غارات طائرات النظام على دوما عن مقتل وإصابة 20 شخصا.")[0]
    assert (e.fatalities, e.fatalities_low) == (10, 0)
    e = events_of("شنت طائرات النظام غارات على دوما أوقعت عشرات القتلى والجرحى.")[0]
    assert (e.fatalities, e.fatalities_low) == (10, 0)


def test_separate_killed_and_injured_figures_are_not_combined():
    e = events_of("انفجرت سيارة مفخخة في دوما وأفادت قناة محلية بوقوع نحو 11 قتيلا وإصابة 23 آخرين.")[0]
    assert e.fatalities == 11 and e.fatalities_low == 11 and e.injuries == 23


def test_coordinated_counted_nouns_are_added():
    e = events_of("أدى انفجار عبوة ناسفة في دوما إلى مقتل نقيب وخمسة جنود من قوات النظام.")[0]
    assert e.fatalities == 6


def test_named_person_and_n_others():
    e = events_of("قتل القيادي أبو خالد و12 عنصرا آخرين في غارة لطائرات النظام على عربين.")[0]
    assert e.fatalities == 13


def test_subject_told_before_a_plural_verb():
    e = events_of("أفاد مصدر طبي بأن 15 شخصا على الأقل قتلوا في حرستا حين فجر انتحاري حزامه الناسف.")[0]
    assert (e.fatalities, e.fatalities_low) == (15, 15)


def test_met_their_death_construction():
    e = events_of("ولقي خمسة من سكان حرستا، بينهم طفلان، مصرعهم بقصف مدفعي لقوات النظام.")[0]
    assert e.fatalities == 5
    e = events_of("لقي رجلان حتفهما بقذيفة هاون أطلقتها قوات النظام على دوما.")[0]
    assert e.fatalities == 2


def test_figure_goes_to_the_event_its_clause_names_as_cause():
    text = ("قتل ثلاثة مدنيين في قصف لقوات النظام على دوما، كما قتل سبعة أشخاص، بينهم امرأتان، "
            "بسبب استهداف طائرات النظام مدينة حرستا.")
    evs = events_of(text)
    assert _at(evs, "دوما").fatalities == 3
    assert _at(evs, "حرستا").fatalities == 7


def test_background_tolls_belong_to_no_event():
    text = "شنت طائرات النظام غارات على دوما قتل فيها شخصان. وقتل مئات المدنيين في المدينة منذ عام 2012."
    assert events_of(text)[0].fatalities == 2
    text = "شنت طائرات النظام غارات على دوما قتل فيها شخصان. وفي مطلع العام الماضي قتل 50 شخصا في المدينة."
    assert events_of(text)[0].fatalities == 2


def test_a_figure_told_for_another_town_is_not_this_events():
    text = ("شنت طائرات النظام غارة على دوما، وكانت الأحدث في سلسلة غارات وقعت اثنتان منها في حرستا "
            "مما أسفر عن مقتل 9 أشخاص.")
    assert _at(events_of(text), "دوما").fatalities == 0


def test_a_duration_is_not_a_count():
    text = "شنت طائرات النظام غارة على دوما. وقالت الأمم المتحدة إن آلاف المدنيين قتلوا في أول ستة أشهر من العام."
    assert events_of(text)[0].fatalities == 0


def test_unspecified_plurals():
    e = events_of("شن الجيش غارات على دوما وأفاد عن مقتل العديد من عناصر تنظيم الدولة.")[0]
    assert (e.fatalities, e.fatalities_low) == (10, 3)
    e = events_of("قال مصدر إن تنظيم الدولة فقد الكثير من عناصره في غارة لطائرات النظام على عربين.")[0]
    assert (e.fatalities, e.fatalities_low) == (10, 0)


def test_a_rising_toll_replaces_the_first_figure():
    text = "انفجرت سيارة مفخخة في دوما ما أسفر عن مقتل 10 أشخاص. وارتفعت حصيلة القتلى إلى 25."
    e = events_of(text)[0]
    assert (e.fatalities, e.fatalities_low) == (25, 10)


def test_per_side_figures_of_one_sentence_stay_together():
    text = ("قصف تنظيم الدولة بلدة حرستا بقذائف الهاون، وقتل خلال المعارك أربعة مقاتلين من جيش الإسلام، "
            "بينما سقط ما لا يقل عن تسعة قتلى من تنظيم الدولة.")
    evs = events_of(text)
    assert sum(e.fatalities for e in evs) == 13


def test_a_figure_after_the_next_cue_is_that_cues():
    e = events_of("قال شهود إن 13 شخصا قتلوا وأصيب 27 في هجوم مسلحين على دوما.")[0]
    assert (e.fatalities, e.fatalities_low, e.injuries) == (13, 13, 27)


def test_a_new_clause_is_not_a_cause_link():
    text = "قتل ثلاثة أشخاص بقصف لقوات النظام على دوما، وفي حرستا قصفت طائرات النظام مبنى سكنيا."
    evs = events_of(text)
    assert _at(evs, "دوما").fatalities == 3
    assert _at(evs, "حرستا").fatalities == 0
