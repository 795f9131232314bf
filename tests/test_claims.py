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
