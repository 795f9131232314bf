"""Minimal stand-ins used only when an upstream layer is absent (stage run alone, or a layer that
failed on this document): counts when there is no `quantities` layer, day words when there are no
`dates`. The real stages are richer; these keep the events stage usable on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import regex

from ..mentions import DateMention
from ..model import Quantity

_UNITS = {
    "واحد": 1, "واحده": 1, "اثنين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
    "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9,
    "تسعه": 9, "عشر": 10, "عشره": 10, "احدي عشر": 11, "احد عشر": 11, "اثني عشر": 12, "اثنا عشر": 12,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50,
    "خمسون": 50, "مئه": 100, "مائه": 100,
}
_VAGUE = {"عشرات": (10, 12, 99), "العشرات": (10, 12, 99), "مئات": (100, 100, 999), "المئات": (100, 100, 999),
          "عده": (2, 3, 9), "العديد": (2, 10, None)}
_QUAL = regex.compile(r"(?:ما\s+لا\s+يقل\s+عن|لا\s+يقل\s+عن|اكثر\s+من|نحو|حوالي|قرابه|زهاء|ما\s+يزيد\s+عن)\s+$")
_NUM = regex.compile(
    r"(?<!\p{L})(?:[وب]?)(\d+|" + "|".join(sorted((regex.escape(k) for k in {**_UNITS, **_VAGUE}), key=len, reverse=True))
    + r")(?!\p{L})"
)


def quantities_from_norm(doc) -> list[Quantity]:
    out = []
    t = doc.norm.text
    for m in _NUM.finditer(t):
        w = m.group(1)
        if w.isdigit():
            v = int(w)
            if v > 5000 or (1900 <= v <= 2100):
                continue
            low, high, vague = v, v, False
        elif w in _UNITS:
            v = low = high = _UNITS[w]
            vague = False
        else:
            low, v, high = _VAGUE[w]
            vague = True
        qual = _QUAL.search(t, max(0, m.start(1) - 25), m.start(1))
        q = None
        if qual:
            q = "at_least" if "يقل" in qual.group() or "يزيد" in qual.group() or "اكثر" in qual.group() else "approx"
        s, e = doc.norm.to_original(m.start(1), m.end(1))
        out.append(Quantity(value=v, low=low, high=high, qualifier=q, vague=vague, start=s, end=e, text=doc.text[s:e]))
    return out


_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_DAY = regex.compile(r"(?<!\p{L})(?:[وف]?)(اول\s+من\s+امس|امس|اليوم|الليله\s+الماضيه|(?:يوم\s+)?(?:"
                     + "|".join(_WEEKDAYS) + r"))(?!\p{L})")


@dataclass
class _Found:
    start: int
    end: int
    value: date | None
    words: str


def dates_from_norm(doc) -> list[DateMention]:
    pub = doc.article.published
    out = []
    t = doc.norm.text
    for m in _DAY.finditer(t):
        w = m.group(1)
        val = None
        if pub is not None:
            if w.startswith("اول"):
                val = pub - timedelta(days=2)
            elif w == "امس" or w == "الليله الماضيه":
                val = pub - timedelta(days=1)
            elif w == "اليوم":
                val = pub
            else:
                wd = _WEEKDAYS[w.split()[-1]]
                back = (pub.weekday() - wd) % 7
                val = pub - timedelta(days=back)
        s, e = doc.norm.to_original(m.start(1), m.end(1))
        out.append(DateMention(start=s, end=e, text=doc.text[s:e], value=val, precision=1 if val else None,
                               relative=doc.text[s:e], kind="relative"))
    # merge "امس الجمعة": the weekday after امس names the same day
    return out
