"""Printing an EvalResult: a short text report, or JSON (orjson)."""

from __future__ import annotations

import orjson

from .score import EVENT_FIELDS, PRF, EvalResult


def _prf_line(label: str, m: PRF) -> str:
    return (f"{label:<10} P {m.precision:6.1%}  R {m.recall:6.1%}  F1 {m.f1:6.1%}"
            f"   (tp {m.tp}, fp {m.fp}, fn {m.fn})")


def format_text(result: EvalResult, per_article: bool = False) -> str:
    lines = [f"rasd eval: {len(result.articles)} gold articles, stages: {', '.join(result.stages) or '-'}"
             f" ({result.seconds:.2f} s)", ""]
    lines.append(_prf_line("events", result.total("events")))
    opt = sum(a.optional_matched for a in result.articles)
    lines.append(f"{'':<10} predictions matching optional gold events (not counted): {opt}")
    lines.append(_prf_line("entities", result.total("entities")))
    lines.append(_prf_line("quotes", result.total("quotes")))
    lines.append("")
    lines.append("event fields on matched required events:")
    for name, fc in result.fields().items():
        lines.append(f"  {name:<17} {fc.accuracy:6.1%}  ({fc.correct}/{fc.total})")
    lines.append("  (fatalities_exact: Event.fatalities == gold best; fatalities_low: Event.fatalities_low"
                 " (else fatalities) == gold low; date: only where gold gives a value)")
    errors = sum(len(a.errors) for a in result.articles)
    if errors:
        lines.append(f"\nstage errors: {errors}")
    if per_article:
        lines.append("")
        lines.append(f"{'article':<26}{'ev tp/fp/fn':>13}{'ev F1':>8}{'ent F1':>8}{'quo F1':>8}  missed gold / unmatched pred")
        for a in result.articles:
            e = a.events
            lines.append(f"{a.id:<26}{f'{e.tp}/{e.fp}/{e.fn}':>13}{e.f1:8.1%}{a.entities.f1:8.1%}{a.quotes.f1:8.1%}"
                         f"  {','.join(a.missed_gold) or '-'} / {','.join(a.unmatched_pred) or '-'}")
            for m in a.matches:
                wrong = [k for k in EVENT_FIELDS if m.fields.get(k) is False]
                tag = "" if m.required else " (optional)"
                lines.append(f"    {m.pred_id} = {m.gold_key}{tag}: wrong {', '.join(wrong) or 'none'}")
            for err in a.errors:
                lines.append(f"    error: {err}")
    return "\n".join(lines)


def format_json(result: EvalResult, per_article: bool = False) -> bytes:
    return orjson.dumps(result.as_dict(per_article=per_article), option=orjson.OPT_INDENT_2)
