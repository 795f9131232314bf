"""Claims stage on hand-written Arabic snippets (not from any gold file)."""

from __future__ import annotations

from rasd.doc import Doc
from rasd.model import Article
from rasd.stages.claims import ClaimsStage
from rasd.stages.quotes import QuotesStage


def run(text: str, doc: Doc | None = None) -> Doc:
    doc = doc or Doc(Article(id="t", text=text, outlet="وكالة الاختبار"))
    return ClaimsStage()(QuotesStage()(doc))


def by_relation(doc: Doc, relation: str):
    out = [c for c in doc.claims if c.relation == relation]
    assert out, f"no {relation} claim in {[c.relation for c in doc.claims]}"
    for c in out:
        for ev in c.evidence:
            assert ev.text == doc.text[ev.start:ev.end]
    return out[0]


def test_responsibility_is_asserted():
    c = by_relation(run("وتبنى تنظيم الدولة الهجوم على الحاجز في بيان نشره على الإنترنت."), "responsibility")
    assert c.stance == "asserted"
    assert "تنظيم الدولة" in c.subject


def test_announced_responsibility():
    c = by_relation(run("وأعلنت جماعة المرابطين مسؤوليتها عن تفجير السيارة."), "responsibility")
    assert c.stance == "asserted" and "تفجير السيارة" in (c.object or "")


def test_accusation_is_alleged():
    c = by_relation(run("واتهم ناشطون القوات الحكومية بقصف المدرسة."), "accusation")
    assert c.stance == "alleged"
    assert c.claimant == "ناشطون"
    assert "القوات الحكومية" in c.subject


def test_third_party_coordination_is_alleged():
    doc = run("وقال ناشطون إن التنظيم شن الهجوم بالتنسيق مع قوات النظام.")
    c = by_relation(doc, "coordination")
    assert c.stance == "alleged"
    assert c.claimant == "ناشطون"
    assert "قوات النظام" in (c.object or "")


def test_hedged_coordination():
    doc = run("وقال مصدر محلي إنه يُعتقد أن المجموعة تعمل بالتنسيق مع الفصيل المجاور.")
    assert by_relation(doc, "coordination").stance == "hedged"


def test_denial_is_denied():
    doc = run("ونفت وزارة الدفاع أن تكون طائراتها قصفت السوق.")
    c = by_relation(doc, "denial")
    assert c.stance == "denied" and c.claimant == "وزارة الدفاع"


def test_claim_inside_denied_statement_is_denied():
    doc = run("ونفى المتحدث باسم الفصيل أن تكون مجموعته تعمل بالتنسيق مع التنظيم.")
    assert by_relation(doc, "coordination").stance == "denied"


def test_threat_and_demand():
    doc = run("وهدد قائد الفصيل باستهداف المطار. وطالبت المنظمة الأطراف بوقف القتال.")
    assert by_relation(doc, "threat").stance == "asserted"
    assert by_relation(doc, "demand").stance == "asserted"


def test_controls_area():
    doc = run("سقطت قذيفة على حي الميدان الواقع تحت سيطرة فصائل المعارضة.")
    c = by_relation(doc, "controls_area")
    assert "فصائل المعارضة" in (c.subject or "")
    assert "الميدان" in (c.object or "")


def test_claim_subject_uses_actor_names_when_present():
    text = "واتهم ناشطون الفرقة الرابعة بقصف المدرسة."
    doc = Doc(Article(id="t", text=text))
    s = text.index("الفرقة")
    doc.user["actor_mentions"] = [{"start": s, "end": s + len("الفرقة الرابعة"), "actor_id": "a7",
                                   "name": "Fourth Division"}]
    c = by_relation(run(text, doc), "accusation")
    assert c.subject == "Fourth Division"


def test_no_claims_in_plain_text():
    assert run("شهدت المدينة هدوءا حذرا بعد أسبوع من المواجهات.").claims == []


def test_hedging_attribution_lowers_the_stance():
    c = by_relation(run("وأفادت تقارير بأن الميليشيا تعمل بالتنسيق مع قوات النظام."), "coordination")
    assert c.stance == "hedged"


def test_impersonal_belief_verb_is_hedged_and_has_no_speaker():
    doc = run("قتل عشرة مدنيين في القصف. ويُعتقد أن الجماعة تعمل بالتنسيق مع الحرس الثوري.")
    c = by_relation(doc, "coordination")
    assert c.stance == "hedged"
    assert doc.quotes[-1].speaker is None


def test_allegiance_and_affiliation_are_coordination():
    doc = run("وقالت الحكومة إن الجماعة المسلحة التي أعلنت مبايعة التنظيم الدولي تنشط في الجبال.")
    c = by_relation(doc, "coordination")
    assert "التنظيم الدولي" in c.object
    doc = run("وهاجمت الكتيبة المنضوية في إطار الجبهة الشعبية مواقع الجيش.")
    by_relation(doc, "coordination")


def test_air_support_received_names_the_supporter_as_subject():
    doc = run("وتقدم المقاتلون الذين يتلقون دعما جويا من التحالف الدولي نحو البلدة.")
    c = by_relation(doc, "support")
    assert "التحالف الدولي" in c.subject


def test_involvement_is_an_accusation():
    doc = run("ولمحت الحكومة إلى تورط الجماعة في التفجير.")
    c = by_relation(doc, "accusation")
    assert "الجماعة" in c.subject


def test_responsibility_after_a_long_self_named_subject():
    doc = run("وأعلنت جماعة مجهولة أطلقت على نفسها «كتائب الفجر الجديد» مسؤوليتها عن الاعتداء.")
    c = by_relation(doc, "responsibility")
    assert "الاعتداء" in c.object


def _with_actors(text: str, *names: tuple[str, str, str]) -> Doc:
    """A document whose actor mentions are given by hand: (surface, actor id, canonical name)."""
    from rasd.model import Actor
    doc = Doc(Article(id="t", text=text, outlet="وكالة الاختبار"))
    mentions = []
    for surface, aid, name in names:
        s = text.index(surface)
        mentions.append({"start": s, "end": s + len(surface), "actor_id": aid, "text": surface})
        if not any(a.id == aid for a in doc.actors):
            doc.actors.append(Actor(id=aid, name=name, name_ar=surface))
    doc.user["actor_mentions"] = sorted(mentions, key=lambda m: m["start"])
    return doc


def test_negated_responsibility_is_no_claim():
    doc = run("قتل جنديان في انفجار عبوة. ولم تعلن أي جهة مسؤوليتها عن التفجير حتى الآن.")
    assert not [c for c in doc.claims if c.relation == "responsibility"]
    doc = run("ولم يعلن التنظيم مسؤوليته عن الكمين.")
    assert not [c for c in doc.claims if c.relation == "responsibility"]


def test_responsibility_object_first_names_the_group():
    text = "وتبنت الهجوم جماعة «سرايا الفجر» في بيان على الإنترنت."
    doc = run(text, _with_actors(text, ("سرايا الفجر", "a1", "Saraya al-Fajr")))
    c = by_relation(doc, "responsibility")
    assert c.subject == "Saraya al-Fajr" and c.subject_id == "a1"
    assert c.claimant_id == "a1"
    assert c.object_span is not None and "الهجوم" in c.object_span.text


def test_held_responsible_is_an_accusation_with_both_actors():
    text = "وحمّلت حركة الأحرار الجيش المسؤولية عن مقتل ثلاثة صيادين."
    doc = run(text, _with_actors(text, ("حركة الأحرار", "a1", "Ahrar Movement"), ("الجيش", "a2", "Military Forces")))
    c = by_relation(doc, "accusation")
    assert c.claimant_id == "a1" and c.subject_id == "a2" and c.stance == "alleged"
    assert "مقتل" in (c.object or "")


def test_carrying_weapons_is_not_holding_responsible():
    assert not [c for c in run("وكانت الشاحنة تحمل أسلحة وذخائر.").claims if c.relation == "accusation"]


def test_accusation_with_an_object_pronoun():
    doc = run("وقال أحد السكان إن المسلحين أحرقوا المنازل بعدما اتهمونا بالتعاون مع الجيش.")
    c = by_relation(doc, "accusation")
    assert c.claimant == "أحد السكان" and c.stance == "alleged"


def test_accusation_skips_a_relative_clause_after_the_accuser():
    text = "واتهمت الهيئة التي يقع مقرها في العاصمة الحكومة بقصف الميناء."
    doc = run(text, _with_actors(text, ("الهيئة", "a1", "The Authority"), ("الحكومة", "a2", "Government")))
    c = by_relation(doc, "accusation")
    assert c.claimant_id == "a1" and c.subject_id == "a2"


def test_threat_object_is_the_threatened_actor():
    text = "وتوعد قائد الجيش بسحق المتمردين في الجبال."
    doc = run(text, _with_actors(text, ("قائد الجيش", "a1", "Army Commander"), ("المتمردين", "a2", "Rebels")))
    c = by_relation(doc, "threat")
    assert c.claimant_id == "a1" and c.object_id == "a2"


def test_standing_behind_an_attack_is_hedged_responsibility():
    text = "ولم تتبن أي جهة الهجوم، إلا أن مصادر محلية رجّحت وقوف خلايا تابعة لجماعة الظلام وراءه."
    doc = run(text, _with_actors(text, ("جماعة الظلام", "a1", "Darkness Group")))
    c = by_relation(doc, "responsibility")
    assert c.stance == "hedged" and c.subject_id == "a1"
    assert c.claimant == "مصادر محلية"
    assert not [x for x in doc.claims if x.relation == "responsibility" and x.stance == "asserted"]


def test_claim_links_points_responsibility_at_the_event():
    from rasd.model import Event, Span
    from rasd.stages.claim_links import ClaimLinksStage
    text = "انفجرت عبوة ناسفة بدورية للشرطة في السوق. وتبنى تنظيم الفجر الهجوم في بيان."
    doc = run(text)
    k = text.index("انفجرت")
    doc.events = [Event(id="ev1", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                        trigger=Span(start=k, end=k + 6, text="انفجرت"))]
    ClaimLinksStage()(doc)
    assert by_relation(doc, "responsibility").event_id == "ev1"
