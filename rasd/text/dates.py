"""Time expressions in Arabic news, resolved against the article's publication date.

One compiled `regex` pattern (alternatives with named groups) runs over the NORMALISED view
(so أمس/امس, الجمعة/الجمعه, ١٢/12 are one form each); every match is resolved by a small
function. Kinds (DateMention.kind):

- relative  أمس، اليوم، أول أمس، فجر اليوم، مساء أمس، الليلة الماضية، قبل يومين، منذ أسبوع …
- weekday   الاثنين، يوم الاثنين الماضي، أمس الجمعة (a weekday wins over the bare offset: it is
            what the reporter wrote when the publication date is a day off), السبت المقبل (future)
- period    الأسبوع الماضي (precision 2), الشهر الماضي (precision 3), هذا الأسبوع
- explicit  12 تموز 2015، ١٢-٧-٢٠١٥، 12/7/2015، (تموز) يوليو، الخميس 23 يوليو
- hijri     5 رمضان 1436 هـ (converted with hijridate)

Conventions (ACLED time_precision: 1 day, 2 week, 3 month):
- a weekday alone is the most recent such day on or before publication; with الماضي it is
  strictly before; with المقبل / القادم it is after publication and flagged `future`;
- a night spanning two days (ليل السبت الأحد) is coded to the second day (after midnight);
- a week is coded to the same weekday 7 days before publication (mid last week); a month to its 15th;
- a date without a year takes the year that puts it closest before (or at) publication;
- with no publication date, relative expressions keep their wording and `value` stays None
  (nothing is guessed); explicit dates with a year still resolve.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

import ahocorasick
import regex

from ..mentions import DateMention
from .normalize import NormalizedText, normalize_word

# -- lexicons (written in normal Arabic spelling; normalised when the pattern is compiled) -----------

WEEKDAYS = {  # Python weekday(): Monday = 0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الأربعاء": 2, "الأربعا": 2,
    "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6,
}

MONTHS = {
    "كانون الثاني": 1, "يناير": 1, "جانفي": 1,
    "شباط": 2, "فبراير": 2, "فيفري": 2,
    "آذار": 3, "مارس": 3,
    "نيسان": 4, "أبريل": 4, "ابريل": 4, "إبريل": 4, "أفريل": 4,
    "أيار": 5, "مايو": 5,
    "حزيران": 6, "يونيو": 6, "يونيه": 6, "جوان": 6,
    "تموز": 7, "يوليو": 7, "يوليه": 7, "جويلية": 7,
    "آب": 8, "أغسطس": 8, "اغسطس": 8, "أوت": 8,
    "أيلول": 9, "سبتمبر": 9, "شتنبر": 9,
    "تشرين الأول": 10, "أكتوبر": 10, "اكتوبر": 10,
    "تشرين الثاني": 11, "نوفمبر": 11, "نونبر": 11,
    "كانون الأول": 12, "ديسمبر": 12, "دجنبر": 12,
}

HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الثانية": 6, "جمادى الآخرة": 6, "جمادى الثاني": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}

_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_UNITS_COMPOUND = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
# Day of the month as an ordinal word: "الخامس عشر من تموز", "الحادي والعشرين من آب".
ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(_UNITS)}
ORDINAL_DAYS.update({"العاشر": 10, "العشرين": 20, "الثلاثين": 30})
ORDINAL_DAYS.update({f"{w} عشر": 11 + i for i, w in enumerate(_UNITS_COMPOUND)})
ORDINAL_DAYS.update({f"{w} والعشرين": 21 + i for i, w in enumerate(_UNITS_COMPOUND)})
ORDINAL_DAYS["الحادي والثلاثين"] = 31

NUMBER_WORDS = {
    "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
    "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
    "بضعة": 3, "بضع": 3, "عدة": 3,
}

# Offsets in days from publication for the bare relative words.
RELATIVE_DAYS = {
    "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2, "الليلة قبل الماضية": -2,
    "أمس": -1, "بالأمس": -1, "الأمس": -1, "البارحة": -1, "الليلة الماضية": -1,
    "اليوم": 0, "منتصف الليل": 0,
}

DAY_PARTS = ["فجر", "صباح", "ظهر", "ظهيرة", "عصر", "مساء", "ليل", "ليلة", "منتصف ليل", "منتصف ليلة",
             "بعد ظهر", "بعد منتصف ليل", "صبيحة", "فجر يوم", "صباح يوم", "مساء يوم", "ليل يوم"]

PAST_WORDS = ["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق"]
FUTURE_WORDS = ["المقبل", "المقبلة", "القادم", "القادمة"]
CURRENT_WORDS = ["الجاري", "الجارية", "الحالي", "الحالية"]

# Words before a weekday name that make it a noun, not a date (صلاة الجمعة، خطبة الجمعة).
NOT_A_DATE_BEFORE = ["صلاة", "صلاه", "خطبة", "جمعة", "أيام", "ايام"]


def _alt(words) -> str:
    forms = sorted({normalize_word(w) for w in words}, key=len, reverse=True)
    return "|".join(regex.escape(f).replace(r"\ ", r"\s+").replace(" ", r"\s+") for f in forms)


def _key(s: str) -> str:
    return " ".join(s.split())


@lru_cache(maxsize=1)
def _lexicons() -> dict:
    return {
        "weekdays": {normalize_word(k): v for k, v in WEEKDAYS.items()},
        "months": {normalize_word(k): v for k, v in MONTHS.items()},
        "hijri": {normalize_word(k): v for k, v in HIJRI_MONTHS.items()},
        "numbers": {normalize_word(k): v for k, v in NUMBER_WORDS.items()},
        "relative": {normalize_word(k): v for k, v in RELATIVE_DAYS.items()},
        "ordinals": {normalize_word(k): v for k, v in ORDINAL_DAYS.items()},
        "past": {normalize_word(w) for w in PAST_WORDS},
        "future": {normalize_word(w) for w in FUTURE_WORDS},
        "current": {normalize_word(w) for w in CURRENT_WORDS},
    }


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern:
    wd = _alt(WEEKDAYS)
    month = _alt(MONTHS)
    hmonth = _alt(HIJRI_MONTHS)
    part = _alt(DAY_PARTS)
    numw = _alt(NUMBER_WORDS)
    ordinal = _alt(ORDINAL_DAYS)
    past = _alt(PAST_WORDS)
    fut = _alt(FUTURE_WORDS)
    cur = _alt(CURRENT_WORDS)
    # One or two month names: "تموز"، "(تموز) يوليو"، "يوليو/تموز"، "تموز (يوليو)"
    mo = rf"(?:{month})(?!\p{{L}})"
    monthx = rf"\(?\s*{mo}\s*\)?(?:\s*[/\-]?\s*\(\s*{mo}\s*\)|\s*[/\-]\s*{mo}|\s+{mo})?"
    year = r"(?:\s*[،,]?\s*(?:من\s+|عام\s+|لعام\s+|سنه\s+|لسنه\s+)*(?P<year>[12]\d{3})(?:\s*م(?!\p{L}))?)"
    wd_pre = rf"(?:(?:(?:{part})\s+)?(?:يوم\s+)?(?P<ewd>{wd})\s*[،,]?\s*(?:الموافق\s+)?)?"
    # A leading و / ف (and ب/ل for some words) is a clitic: allowed, but left out of the span.
    lead = r"(?<![\p{L}\p{N}])(?:[وف](?=\p{L}))?"
    alts = [
        # numeric: 12/7/2015, 12-7-2015, 2015-07-12
        rf"(?P<num>(?P<n1>\d{{1,2}})\s*[/\-.]\s*(?P<n2>\d{{1,2}})\s*[/\-.]\s*(?P<n3>[12]\d{{3}})|(?P<i1>[12]\d{{3}})-(?P<i2>\d{{1,2}})-(?P<i3>\d{{1,2}}))(?!\d)",
        # hijri: 5 رمضان 1436 هـ ; رمضان 1436 هـ
        rf"(?P<hij>(?:(?P<hday>\d{{1,2}})\s*(?:من\s+)?)?(?:شهر\s+)?(?P<hmonth>{hmonth})\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<hyear>1[345]\d{{2}})(?:\s*(?:ه(?!\p{{L}})|هجريه|هجري|للهجره))?)",
        # explicit: (الخميس) 23 تموز (2015) ; تموز 2015
        rf"(?P<exp>{wd_pre}(?:(?:(?P<day>\d{{1,2}})(?!\d)\s*(?:من\s+)?|(?P<oday>{ordinal})\s+من\s+)(?:شهر\s+)?(?P<month>{monthx})|(?:شهر\s+)?(?P<mmonth>{monthx})(?=\s*[،,]?\s*(?:من\s+|عام\s+)?[12]\d{{3}})){year}?)",
        # ago: قبل يومين، منذ ثلاثة أيام، قبل أسبوع
        rf"(?P<ago>(?:قبل|منذ)\s+(?:(?P<agon>\d{{1,2}}|{numw})\s+)?(?P<agou>يومين|يوم|ايام|اسبوعين|اسبوع|اسابيع|شهرين|شهر|اشهر|ساعتين|ساعه|ساعات))(?!\p{{L}})",
        # period: الأسبوع الماضي، الشهر الماضي، هذا الأسبوع، الشهر الجاري
        rf"(?P<per>(?:(?P<perthis>هذا|هذه)\s+)?(?P<peru>الاسبوع|الشهر)(?:\s+(?P<perq>{past}|{cur}|{fut}))?)(?!\p{{L}})",
        # the last hours: خلال الساعات الماضية، الساعات الـ24 الماضية، الساعات الأخيرة
        rf"(?P<hrs>الساعات\s+(?:ال\s*)?(?:\d+\s+)?(?:القليله\s+)?(?:{past}|الاخيره))(?!\p{{L}})",
        # relative day: (فجر) أمس (الجمعة)، اليوم، أول من أمس، الليلة الماضية
        rf"(?P<rel>(?:(?P<rpart>{part})\s+)?(?P<rword>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|الليله\s+قبل\s+الماضيه|الليله\s+الماضيه|منتصف\s+الليل|بالامس|الامس|امس|البارحه|اليوم(?!\s+(?:التالي|الثاني|الاول|نفسه|ذاته|السابق|الذي|التي)(?!\p{{L}})))(?!\p{{L}})(?:\s*[،,]?\s*(?:يوم\s+)?(?P<rwd>{wd})(?!\p{{L}}))?)",
        # weekday: (يوم) الاثنين (الماضي)، ليل السبت الأحد، فجر الخميس
        rf"(?P<wk>(?:(?P<wpart>{part})\s+)?(?:يوم\s+)?(?P<wd1>{wd})(?!\p{{L}})(?:(?:\s*[\-–/]\s*|\s+(?:و\s*)?)(?P<wd2>{wd})(?!\p{{L}}))?(?:\s+(?P<wq>{past}|{fut}))?)(?!\p{{L}})",
    ]
    return regex.compile(lead + "(?:" + "|".join(alts) + ")")


_NOT_BEFORE = None


def _not_a_date_before(norm: str, start: int) -> bool:
    global _NOT_BEFORE
    if _NOT_BEFORE is None:
        _NOT_BEFORE = regex.compile(rf"(?:{_alt(NOT_A_DATE_BEFORE)})\s+$")
    return _NOT_BEFORE.search(norm, max(0, start - 8), start) is not None


# -- resolution ------------------------------------------------------------------------------------

def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_on_or_before(ref: date, weekday: int, strictly_before: bool = False) -> date:
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return ref - timedelta(days=back)


def weekday_after(ref: date, weekday: int) -> date:
    ahead = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=ahead or 7)


def year_closest_before(month: int, day: int, published: date) -> date | None:
    """The date with this month/day that lies closest before (or at) publication."""
    for y in (published.year, published.year - 1):
        d = _safe_date(y, month, day)
        if d is not None and d <= published:
            return d
    return _safe_date(published.year - 1, month, day)


@lru_cache(maxsize=1)
def _month_finder() -> regex.Pattern:
    return regex.compile(rf"(?:{_alt(MONTHS)})(?!\p{{L}})")


def _month_of(text: str) -> int | None:
    """The month of '(تموز) يوليو' and the like: the first month name found."""
    m = _month_finder().search(text)
    return _lexicons()["months"].get(_key(m.group())) if m else None


def _resolve(m: regex.Match, published: date | None) -> tuple[date | None, int | None, str, bool] | None:
    """(value, precision, kind, future) of one match, or None when it is not a date after all."""
    lex = _lexicons()
    g = m.group
    if g("num") is not None:
        if g("n1") is not None:
            d, mo, y = int(g("n1")), int(g("n2")), int(g("n3"))
            value = _safe_date(y, mo, d) or _safe_date(y, d, mo)  # day-first, US order as a fallback
        else:
            value = _safe_date(int(g("i1")), int(g("i2")), int(g("i3")))
        return (value, 1, "explicit", False) if value else None
    if g("hij") is not None:
        from hijridate import Hijri

        hm = lex["hijri"][_key(g("hmonth"))]
        hy = int(g("hyear"))
        hd = int(g("hday")) if g("hday") else 15
        try:
            value = Hijri(hy, hm, hd).to_gregorian().datetuple()
        except (ValueError, OverflowError):
            return None
        return date(*value), (1 if g("hday") else 3), "hijri", False
    if g("exp") is not None:
        mtext = g("month") or g("mmonth")
        month = _month_of(mtext)
        if month is None:
            return None
        if g("oday"):
            day = lex["ordinals"][_key(g("oday"))]
        else:
            day = int(g("day")) if g("day") else 15
        precision = 1 if (g("day") or g("oday")) else 3
        if not 1 <= day <= 31:
            return None
        if g("year"):
            value = _safe_date(int(g("year")), month, day)
        elif published is not None:
            value = year_closest_before(month, day, published)
        else:
            value = None
        if value is None and (g("year") or published is not None):
            return None
        return value, precision, "explicit", bool(value and published and value > published)
    if g("ago") is not None:
        unit = g("agou")
        n = g("agon")
        count = int(n) if n and n.isdigit() else lex["numbers"].get(n, 1) if n else 1
        if unit in ("يومين", "اسبوعين", "شهرين", "ساعتين"):
            count = 2
        if unit.startswith("ساع"):
            days, precision = 0, 1
        elif unit in ("يوم", "يومين", "ايام"):
            days, precision = count, 1
        elif unit.startswith("اسب"):
            days, precision = 7 * count, 2
        else:
            days, precision = 30 * count, 3
        value = published - timedelta(days=days) if published else None
        return value, precision, "relative", False
    if g("per") is not None:
        unit, q, this = g("peru"), g("perq"), g("perthis")
        if q is None and this is None:
            return None  # "الأسبوع" alone is not a date
        week = unit == "الاسبوع"
        future = q in lex["future"]
        precision = 2 if week else 3
        if published is None:
            return None, precision, "period", future
        if q in lex["past"]:
            value = published - timedelta(days=7) if week else (published.replace(day=1) - timedelta(days=1)).replace(day=15)
        elif future:
            value = published + timedelta(days=7) if week else (published.replace(day=28) + timedelta(days=4)).replace(day=15)
        else:  # this week / this month: the part of it before publication
            value = published
        return value, precision, "period", future
    if g("hrs") is not None:
        return published, 1, "relative", False
    if g("rel") is not None:
        offset = lex["relative"][_key(g("rword"))]
        if _key(g("rword")) == "اليوم" and g("rpart") is None and g("rwd") is None and _is_generic_today(m):
            return None
        if g("rwd"):
            wd = lex["weekdays"][g("rwd")]
            if published is None:
                return None, 1, "weekday", False
            if offset == 0:
                return published, 1, "weekday", False
            return weekday_on_or_before(published, wd, strictly_before=True), 1, "weekday", False
        return (published + timedelta(days=offset) if published else None), 1, "relative", False
    if g("wk") is not None:
        if _not_a_date_before(m.string, m.start("wk")):
            return None
        wd = lex["weekdays"][g("wd2") or g("wd1")]
        q = g("wq")
        future = q in lex["future"] if q else False
        if published is None:
            return None, 1, "weekday", future
        if future:
            return weekday_after(published, wd), 1, "weekday", True
        return weekday_on_or_before(published, wd, strictly_before=q is not None), 1, "weekday", False
    return None


_GENERIC_TODAY = regex.compile(r"(?:حتى|الى|منذ|حتي)\s+$")


def _is_generic_today(m: regex.Match) -> bool:
    """'حتى اليوم' / 'إلى اليوم' (up to now) is not a date."""
    s = m.start("rel")
    return _GENERIC_TODAY.search(m.string, max(0, s - 8), s) is not None


# The full pattern is tried only at a few word starts just before anchor words found by
# Aho-Corasick (and numeric dates): scanning every position of an article costs ~2 ms.
_ANCHOR_WORDS = ["أمس", "اليوم", "الليلة", "البارحة", "قبل", "منذ", "الأسبوع", "الشهر", "منتصف", "الساعات"]
_BEFORE = 24        # longest prefix before an anchor: "بعد منتصف ليل يوم " / "الخميس 23 " before a month
_MAX_WORDS_BACK = 4
_NUMERIC = regex.compile(r"\d{1,4}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d")


@lru_cache(maxsize=1)
def _anchors() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    words = {normalize_word(w).split()[0] for lex in (WEEKDAYS, MONTHS, HIJRI_MONTHS) for w in lex}
    words |= {normalize_word(w) for w in _ANCHOR_WORDS}
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def _anchor_starts(text: str) -> list[int]:
    starts = [end - n + 1 for end, n in _anchors().iter(text)]
    starts += [m.start() for m in _NUMERIC.finditer(text)]
    return sorted(set(starts))


@lru_cache(maxsize=1)
def _prefix_start() -> regex.Pattern:
    """How an expression that starts before its anchor word can begin (a cheap pre-check)."""
    words = [*DAY_PARTS, *WEEKDAYS, *(w.split()[0] for w in ORDINAL_DAYS), "يوم", "هذا", "هذه", "شهر", "أول", "من", "عام"]
    return regex.compile(rf"[وف]?(?:{_alt(words)}|\d|\()")


def _candidates(text: str, a: int, floor: int) -> list[int]:
    """Word starts from a few words before anchor `a` up to `a` (and `a` itself), earliest first."""
    out = [a]
    lo = max(floor, a - _BEFORE)
    prefix = _prefix_start()
    for i in range(a - 1, lo - 1, -1):
        if not text[i].isspace() and (i == 0 or text[i - 1].isspace()) and prefix.match(text, i):
            out.append(i)
            if len(out) > _MAX_WORDS_BACK:
                break
    out.reverse()
    return out


def _matches(text: str):
    pattern = _pattern()
    last_end = 0
    for a in _anchor_starts(text):
        if a < last_end:
            continue
        for s in _candidates(text, a, last_end):
            m = pattern.match(text, s)
            if m is not None and m.end() > a:
                last_end = m.end()
                yield m
                break


def find_dates(norm: NormalizedText, published: date | None) -> list[DateMention]:
    """All time expressions of a text (its normalised view), sorted by start, original offsets."""
    out: list[DateMention] = []
    original = norm.original
    for m in _matches(norm.text):
        resolved = _resolve(m, published)
        if resolved is None:
            continue
        value, precision, kind, future = resolved
        ns, ne = _core_span(m)
        s, e = norm.to_original(ns, ne)
        text = original[s:e]
        relative = text if kind in ("relative", "weekday", "period") or value is None else None
        out.append(DateMention(s, e, text, value, precision, relative, kind, future))
    if published is not None:
        out = rebase_on_day_frames(out, original, published)
    return out


_FRAME_MIN_DAYS_BACK = 2
_FRAME_PARAGRAPHS = 2          # the frame's own paragraph and this many after it
_RELAY_WORDS = ("امس", "اليوم", "البارحه", "الليله")


def rebase_on_day_frames(mentions: list[DateMention], text: str, published: date) -> list[DateMention]:
    """A passage led by a bare weekday or explicit date at least two days before publication
    ('… في محافظة مأرب الأحد.') relays a report of that day: its bare "today" (اليوم، صباح اليوم,
    and a range 'من مساء أمس وحتى صباح اليوم') is that day, not the publication day — a paper does
    not narrate its own publication day after dating the passage days earlier. أمس / أول من أمس
    alone stay counted from publication (the writer's own words). The frame covers its paragraph
    and the next two, and ends at the next weekday or explicit date (أمس الاثنين included)."""
    out = list(mentions)
    frame: DateMention | None = None
    frame_end = -1
    for i, m in enumerate(out):
        if m.value is None or m.future:
            continue
        if m.kind in ("weekday", "explicit", "hijri"):
            bare = not any(w in normalize_word(m.text) for w in _RELAY_WORDS)
            frame = m if (bare and m.precision == 1 and (published - m.value).days >= _FRAME_MIN_DAYS_BACK) else None
            if frame is not None:
                frame_end = frame.end
                for _ in range(_FRAME_PARAGRAPHS + 1):
                    nl = text.find("\n", frame_end + 1)
                    frame_end = len(text) if nl < 0 else nl
            continue
        if frame is None or m.kind != "relative" or m.precision != 1 or m.start > frame_end:
            continue
        offset = (m.value - published).days
        nxt = out[i + 1] if i + 1 < len(out) else None
        today_next = (nxt is not None and nxt.kind == "relative" and nxt.value == published
                      and nxt.start - m.end <= 25)
        if offset == 0 or (offset == -1 and today_next):
            out[i] = replace(m, value=frame.value + (m.value - published))
    return out


_CORE_GROUPS = ("num", "hij", "exp", "ago", "per", "hrs", "rel", "wk")


def _core_span(m: regex.Match) -> tuple[int, int]:
    for g in _CORE_GROUPS:
        if m.group(g) is not None:
            s, e = m.span(g)
            # trailing spaces the optional parts may leave
            while e > s and m.string[e - 1].isspace():
                e -= 1
            return s, e
    return m.span()


def parse_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Convenience for tests and callers without a Doc."""
    from .normalize import normalize

    return find_dates(normalize(text), published)
