"""Quantity expressions: counts written in digits, number words or vague words, with qualifiers.

'18', '٣٠٠', '1,500', 'ثلاثة', 'خمسة وعشرون', 'ثلاثة آلاف', 'نحو 20', 'أكثر من عشرة', 'عشرات',
'ما بين 10 و15', '10 آلاف', 'عشرات الآلاف'.

Found with one regex over the NORMALISED view (so أ/إ/آ, ة/ه, ى/ي, Indic digits and tashkeel are
already folded); offsets are mapped back to the original text by the caller. Word lists are
written in ordinary spelling and normalised at import with the same `normalize_word`.

Not quantities (filtered by their context): years, dates ('12 آذار', '2015/7/12'), times
('الساعة 10', '10:30'), percentages ('10%', '10 في المئة'), calibres ('عيار 14.5', '120 ملم'),
phone numbers, identifiers and ordinals ('الـ12', 'اللواء 93', 'رقم 5', 'إف 16', 'الحادي عشر').

Conventions for value / low / high (documented in docs/architecture.md):
- exact number: value = low = high, qualifier 'exact';
- approx (نحو، قرابة، حوالي، زهاء…): value only;  at_least (على الأقل، ما لا يقل عن): low = value;
  more_than (أكثر من، ما يزيد عن…): low = value (the stated bound);  less_than (أقل من) and
  at_most (حتى، لا يزيد عن): high = value (the stated bound);  range (بين X و Y, من X إلى Y):
  value = low = X, high = Y (ACLED codes the lower figure);
- vague counts (vague=True, qualifier None unless stated): عشرات / العشرات → 10 (ACLED codes
  'tens' as 10; the article in العشرات is grammatical, not a larger claim, so low stays 10),
  مئات → 100, آلاف → 1000, عشرات الآلاف → 10000, مئات الآلاف → 100000, ملايين → 1000000,
  بضعة / بضع → 3 (low 3, high 9), عدة → 3 (low 3). high is None for open-ended vague counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .normalize import NormalizedText, normalize_word

# -- lexicon (ordinary spelling; normalised below) -----------------------------------------------

_UNITS = {
    1: "واحد واحدة",
    2: "اثنان اثنين اثنتان اثنتين ثنتين",
    3: "ثلاثة ثلاث", 4: "أربعة أربع", 5: "خمسة خمس", 6: "ستة ست", 7: "سبعة سبع",
    8: "ثمانية ثماني ثمان", 9: "تسعة تسع",
}
_TEN = "عشرة عشر"
# Only valid directly before عشر/عشرة (أحد عشر، اثنا عشر، إحدى عشرة…).
_TEEN_HEADS = {1: "أحد إحدى", 2: "اثنا اثني اثنتا اثنتي"}
_DECADES = {
    20: "عشرون عشرين", 30: "ثلاثون ثلاثين", 40: "أربعون أربعين", 50: "خمسون خمسين",
    60: "ستون ستين", 70: "سبعون سبعين", 80: "ثمانون ثمانين", 90: "تسعون تسعين",
}
_HUNDREDS = {100: "مئة مائة", 200: "مئتان مئتين مائتان مائتين مئتا مئتي مائتا مائتي"}
for _v, _w in {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان ثماني", 9: "تسع"}.items():
    _HUNDREDS[_v * 100] = " ".join(f"{u}{h}" for u in _w.split() for h in ("مئة", "مائة"))
_SCALES = {1000: "ألف ألفا", 2000: "ألفان ألفين ألفا", 1_000_000: "مليون مليونا",
           2_000_000: "مليونان مليونين", 1_000_000_000: "مليار مليارا"}
# Plural scales only follow a count (ثلاثة آلاف، 10 ملايين).
_PLURAL_SCALES = {1000: "آلاف الآلاف ألوف", 1_000_000: "ملايين", 1_000_000_000: "مليارات"}

# Vague counts: normalised word(s) -> (value, low, high).
_VAGUE = {
    "عشرات الآلاف": (10_000, 10_000, None), "عشرات آلاف": (10_000, 10_000, None),
    "مئات الآلاف": (100_000, 100_000, None), "مئات آلاف": (100_000, 100_000, None),
    "عشرات": (10, 10, None), "مئات": (100, 100, None), "آلاف": (1000, 1000, None),
    "الآلاف": (1000, 1000, None), "ملايين": (1_000_000, 1_000_000, None),
    "بضعة": (3, 3, 9), "بضع": (3, 3, 9), "عدة": (3, 3, None),
}

# Qualifiers before the number (an optional و/ف/ب clitic is allowed on the first word).
_QUALIFIERS = {
    "approx": "نحو|قرابة|حوالي|حوالى|زهاء|ما يقارب|ما يقرب من|يقارب|ما يناهز|يناهز|تقريبا",
    "at_least": "ما لا يقل عن|لا يقل عن|على الأقل|ما لا يقل عن",
    "more_than": "أكثر من|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|أزيد من|ما يربو على|يربو على|ما يفوق|يفوق|ما فوق",
    "less_than": "أقل من|ما دون",
    "at_most": "حتى|ما لا يزيد عن|ما لا يزيد على|لا يزيد عن|لا يزيد على",
    "range": "ما بين|بين",
}
_POST_QUALIFIERS = {"على الأقل": "at_least", "تقريبا": "approx", "تقريباً": "approx"}

_MONTHS = (
    "يناير فبراير مارس أبريل إبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون تشرين شباط آذار نيسان أيار حزيران تموز آب أيلول "
    "جانفي فيفري أفريل ماي جوان جويلية أوت "
    "محرم صفر ربيع جمادى جمادي رجب شعبان رمضان شوال ذو ذي"
)
_YEAR_WORDS = "عام العام لعام بعام وعام سنة السنة لسنة عامي العامين"
_TIME_WORDS = "الساعة ساعة والساعة بالساعة"
_ID_WORDS = (  # a number after these names a thing, it does not count
    "ال رقم برقم الرقم المرتبة اللواء الفرقة الفوج الكتيبة الفيلق القرار الماده المادة البند الطريق "
    "الدورة الجولة الذكرى الصفحة الفقرة الفصل الحلقة الطابق الشارع المبنى الآية سورة رحلة الرحلة "
    "الطراز طراز موديل النسخة الإصدار المربع المنطقة الحي القطاع الكيلو الكيلومتر الكم الكيلومترات "
    "اف إف أف سو ميغ ميج يو بي تي إم ام سي كي جي دي إس اس آر ار إتش اتش إيه ايه إم-16 عيار بعيار العيار "
    "كورونا كوفيد"
)
_ORDINALS = (
    "الحادي الحادية الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة "
    "السابع السابعة الثامن الثامنة التاسع التاسعة حادي حادية ثاني ثانية ثالث ثالثة رابع رابعة "
    "خامس خامسة سادس سادسة سابع سابعة ثامن ثامنة تاسع تاسعة"
)
_CALIBRE_AFTER = "ملم مم ملليمتر مليمتر ملليمترا مليمترا ملي mm"
_PERCENT_AFTER = "بالمئة بالمائة بالمية %"
_PERCENT_AFTER2 = "في المئة|في المائة|في المية"
_NOT_WITH_ARTICLE = {1, 2}  # الواحد، الاثنين (Monday): the article makes them something else


def _nw(words: str) -> list[str]:
    return [normalize_word(w) for w in words.split()]


def _nphrases(phrases: str) -> list[str]:
    return [normalize_word(p.strip()) for p in phrases.split("|")]


@dataclass(frozen=True)
class _Lex:
    kind: str   # unit | ten | teenhead | decade | hundred | scale | pscale
    value: int


def _build_lexicon() -> dict[str, _Lex]:
    lex: dict[str, _Lex] = {}

    def put(words: str, kind: str, value: int) -> None:
        for w in _nw(words):
            lex.setdefault(w, _Lex(kind, value))

    for v, ws in _UNITS.items():
        put(ws, "unit", v)
    put(_TEN, "ten", 10)
    for v, ws in _TEEN_HEADS.items():
        put(ws, "teenhead", v)
    for v, ws in _DECADES.items():
        put(ws, "decade", v)
    for v, ws in _HUNDREDS.items():
        put(ws, "hundred", v)
    for v, ws in _SCALES.items():
        put(ws, "scale", v)
    for v, ws in _PLURAL_SCALES.items():
        put(ws, "pscale", v)
    return lex


LEXICON = _build_lexicon()
VAGUE = {normalize_word(k): v for k, v in _VAGUE.items()}
QUALIFIER_OF = {p: kind for kind, ps in _QUALIFIERS.items() for p in _nphrases(ps)}
POST_QUALIFIER_OF = {normalize_word(k): v for k, v in _POST_QUALIFIERS.items()}
MONTHS = frozenset(_nw(_MONTHS))
YEAR_WORDS = frozenset(_nw(_YEAR_WORDS))
TIME_WORDS = frozenset(_nw(_TIME_WORDS))
ID_WORDS = frozenset(_nw(_ID_WORDS))
ORDINALS = frozenset(_nw(_ORDINALS))
CALIBRE_AFTER = frozenset(_nw(_CALIBRE_AFTER))
PERCENT_AFTER = frozenset(_nw(_PERCENT_AFTER))
PERCENT_AFTER2 = frozenset(normalize_word(p) for p in _PERCENT_AFTER2.split("|"))


# -- regex ---------------------------------------------------------------------------------------

def trie_regex(words) -> str:
    """A regex alternation of `words` factored as a trie (fast for re: one branch per first char)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


_WB_END = r"(?!\w)"
_TEEN_TAIL = trie_regex(_nw(_TEN))
_ATOM_WORDS = f"(?:{trie_regex(w for w, lx in LEXICON.items() if lx.kind != 'teenhead')}){_WB_END}"
_TEEN_HEAD_RE = trie_regex(w for w, lx in LEXICON.items() if lx.kind == "teenhead")
# أحد / إحدى / اثنا … are number words only before عشر / عشرة.
_ATOM = f"(?:{_ATOM_WORDS}|{_TEEN_HEAD_RE}(?=[ \t]+{_TEEN_TAIL}{_WB_END}))"
_SEP = r"[ \t]+(?:و[ \t]?)?"
_DIGITS = r"[0-9]+(?:[,٬][0-9]{3})*(?:[.٫][0-9]+)?"
_DIGIT_SCALE = trie_regex([w for w, lx in LEXICON.items() if lx.kind in ("scale", "pscale") and lx.value in (1000, 1_000_000, 1_000_000_000)])
_VAGUE_RE = trie_regex(sorted(VAGUE, key=len, reverse=True))
# A clitic may be attached to the number: و/ف + ب/ل/ك + ال, or لل.
_CLITIC = r"(?P<cl>[وف]?(?:لل|[بلك]?(?:ال)?))"

_NUMBER_BODY = (
    rf"{_CLITIC}(?:"
    rf"(?P<dig>{_DIGITS})(?:[ \t]+(?P<dscale>{_DIGIT_SCALE}){_WB_END})?(?![0-9])"
    rf"|(?P<vague>{_VAGUE_RE}){_WB_END}"
    rf"|(?P<words>{_ATOM}(?:{_SEP}{_ATOM})*)"
    rf")(?!\w)"
)
QUANTITY_RE = re.compile(r"(?<!\w)" + _NUMBER_BODY)
_NUMBER_RE = re.compile(_NUMBER_BODY)  # the second number of a range, right after و / إلى
_ATOM_ITER = re.compile(rf"(?P<waw>(?<=[ \t])و[ \t]?)?(?P<w>{_ATOM})")
_QUAL_BEFORE = re.compile(rf"(?:^|(?<=[\s(«\"]))(?:[وف]?ب?)(?P<q>{trie_regex(QUALIFIER_OF)})[ \t]+$")
_POST_QUAL = re.compile(rf"(?:[ \t]+[^\s،,.؛:؟!]+){{0,2}}?[ \t]+(?P<q>{trie_regex(POST_QUALIFIER_OF)}){_WB_END}")
_RANGE_JOIN = re.compile(r"[ \t]*(?:و[ \t]?|(?:الي|حتي)[ \t]+|[-–][ \t]*)")
_NEXT_WORDS = re.compile(r"[ \t]*(\S+)(?:[ \t]+(\S+))?")
_PUNCT_STRIP = "()[]«»\"'“”،,.؛:؟!"
_QUALIFIER_LAST_WORDS = tuple(sorted({p.split()[-1] for p in QUALIFIER_OF}))
_POST_QUALIFIER_LAST_WORDS = tuple(sorted({p.split()[-1] for p in POST_QUALIFIER_OF}))


class QuantityMatch(NamedTuple):
    """A quantity found in the normalised view; offsets are NORMALISED (map back with to_original).
    (A named tuple: built three times faster than a frozen dataclass, on the hot path.)"""

    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    vague: bool


# -- parsing -------------------------------------------------------------------------------------

def parse_number_words(atoms: list[tuple[str, bool]]) -> tuple[int, int] | None:
    """Value of a sequence of number words [(word, joined_with_waw)]; returns (value, n_used).

    Follows Arabic order: units before tens with و (خمسة وعشرون), hundreds/thousands first
    (مئة وخمسون، ألف ومئتان), multiplying scales after a count (ثلاثة آلاف، خمسة عشر ألفا).
    Stops at the first word that does not continue the number (بين خمسة وعشرة = two numbers).
    """
    total = 0     # completed scaled groups (thousands, millions)
    group = 0     # current value below the next scale
    state = ""
    used = 0
    for i, (w, waw) in enumerate(atoms):
        lx = LEXICON.get(w)
        if lx is None:
            break
        k, v = lx.kind, lx.value
        if i == 0:
            if k == "pscale":
                break
            if k == "scale":
                total, state = v, "scale"
            else:
                group, state = v, k
        elif not waw:
            if k == "ten" and state in ("unit", "teenhead") and group % 100 < 10:
                group, state = group + 10, "teen"
            elif k == "hundred" and v == 100 and state == "unit" and 3 <= group <= 9:
                group, state = group * 100, "hundred"
            elif k in ("scale", "pscale") and group > 0 and state != "teenhead":
                scale = 1000 if v == 2000 else 1_000_000 if v == 2_000_000 else v
                total, group, state = total + group * scale, 0, "scale"
            else:
                break
        else:
            if k == "decade" and state == "unit" and group % 100 < 10:
                group, state = group + v, "decade"
            elif state == "hundred" and v < 100 and k != "scale":
                group, state = group + v, k
            elif state == "scale" and group == 0 and k in ("unit", "ten", "teenhead", "decade", "hundred"):
                group, state = v, k
            else:
                break
        used = i + 1
    if used == 0:
        return None
    if state == "teenhead":  # أحد / اثنا without عشر is not a number here
        used -= 1
        if used == 0:
            return None
        group -= LEXICON[atoms[used][0]].value
    return total + group, used


@lru_cache(maxsize=4096)
def _digits_value(digits: str, scale_word: str | None) -> tuple[int | None, bool]:
    """(value, is_decimal_without_scale)."""
    clean = digits.replace(",", "").replace("٬", "").replace("٫", ".")
    scale = 1
    if scale_word:
        lx = LEXICON[scale_word]
        scale = 1000 if lx.value == 2000 else lx.value
    if "." in clean:
        if scale == 1:
            return None, True
        return int(round(float(clean) * scale)), False
    return int(clean) * scale, False


def _bare(word: str) -> str:
    return word.strip(_PUNCT_STRIP)


def _prev_raw(text: str, pos: int) -> tuple[int, str]:
    """(start, word) of the non-space run that ends before `pos` (spaces/tabs between allowed),
    looking back at most 30 chars; (pos, '') when nothing or a line break comes first."""
    lo = pos - 30 if pos > 30 else 0
    seg = text[lo:pos]
    if seg[-1:] == "\n":  # one line break right before is passed over (as `$` did in a regex)
        seg = seg[:-1]
    seg = seg.rstrip(" \t")
    if not seg or seg[-1].isspace():
        return pos, ""
    word = seg.rsplit(None, 1)[-1]
    return lo + len(seg) - len(word), word


def _prev_word(text: str, pos: int) -> str:
    return _bare(_prev_raw(text, pos)[1])


def _next_words(text: str, pos: int) -> tuple[str, str]:
    m = _NEXT_WORDS.match(text, pos)
    if not m:
        return "", ""
    a, b = m.groups()
    return a, b or ""


_NOT_AFTER_DIGITS = frozenset("/:+-–.\\")
_NOT_BEFORE_DIGIT = frozenset("/:-–.,٫٬+\\")
# One dict lookup per neighbour word instead of a set test per list (the hot path): which lists
# the word is in, as bits.
_ALWAYS, _DIGITS_ONLY, _HIJRI = 1, 2, 4


def _flags(*groups: tuple[frozenset, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for words, bit in groups:
        for w in words:
            out[w] = out.get(w, 0) | bit
    return out


_PREV_FLAGS = _flags((TIME_WORDS, _ALWAYS), (ORDINALS, _ALWAYS), (MONTHS, _DIGITS_ONLY), (YEAR_WORDS, _DIGITS_ONLY),
                     (ID_WORDS, _DIGITS_ONLY))
_NEXT_FLAGS = _flags((PERCENT_AFTER, _ALWAYS), (MONTHS, _ALWAYS), (CALIBRE_AFTER, _DIGITS_ONLY),
                     (frozenset(("ه", "هـ")), _HIJRI))
_DASHES = ("-", "–")
_RANGE_WORDS = ("الي", "حتي")
_PERCENT_AFTER2_FIRST = frozenset(p.split(" ", 1)[0] for p in PERCENT_AFTER2)
_ASCII_DIGITS = frozenset("0123456789")
_DIGIT_GROUP_AFTER = re.compile(r"[ \t]+[0-9]{2,}")


def _digits_not_a_count(text: str, qs: int, ne: int, digits: str, value: int) -> bool:
    """The tests of `_not_a_count` that need no word around: years, long or zero-led digit runs,
    dates and times (a separator and a digit on either side)."""
    if digits.isdigit() and (len(digits) >= 7 or (len(digits) > 1 and digits[0] == "0")
                             or (len(digits) == 4 and 1900 <= value <= 2100)):
        return True
    if qs > 0 and text[qs - 1] in _NOT_AFTER_DIGITS:
        return True
    return ne + 1 < len(text) and text[ne] in _NOT_BEFORE_DIGIT and text[ne + 1].isdigit()


def _not_a_count(text: str, ns: int, ne: int, digits: str | None, value: int, clitic: str,
                 prev: str | None = None, digits_checked: bool = False,
                 next_words: tuple[str, str] | None = None) -> bool:
    """True for dates, years, times, percentages, calibres, phone numbers, identifiers, ordinals.
    `prev` (the bare word before) and `next_words` when the caller has them already."""
    qs = ns - len(clitic)
    if digits is not None:  # the cheap digit tests first: most digit runs are years and dates
        if not digits_checked and _digits_not_a_count(text, qs, ne, digits, value):
            return True
        plain = digits.isdigit()
        before = text[qs - 1] if qs > 0 else " "
    if prev is None:
        prev = _prev_word(text, qs)
    nxt, nxt2 = next_words if next_words is not None else _next_words(text, ne)
    nxt_b = _bare(nxt)
    next_flag = _NEXT_FLAGS.get(nxt_b, 0)
    prev_flag = _PREV_FLAGS.get(prev, 0)
    if (next_flag & _ALWAYS or prev_flag & _ALWAYS or nxt.startswith(("%", "٪"))
            or (nxt in _PERCENT_AFTER2_FIRST and f"{nxt} {_bare(nxt2)}" in PERCENT_AFTER2)
            or (nxt_b == "من" and _bare(nxt2) in ("الشهر", "شهر"))):
        return True  # per cent, a month name after; a time or an ordinal before
    if digits is None:
        return False
    if nxt in ("-", "–") and (nxt2[:1].isdigit() or (before == "\n" or qs == 0)):
        return True  # 1413 - 1414, and a list item number '3 - …' at a line start
    if plain and 1300 <= value <= 1500 and next_flag & _HIJRI:
        return True
    if prev_flag & _DIGITS_ONLY or next_flag & _DIGITS_ONLY:
        return True  # a month, a year word or an identifier word before; a calibre unit after
    if prev and prev[-1].isascii() and prev[-1].isalpha():  # F-16, M 16, Su 22
        return True
    if prev.isdigit() or (nxt[:1] in _ASCII_DIGITS and _DIGIT_GROUP_AFTER.match(text, ne, ne + 8)):
        # digit groups: a phone or an id (the regex only when the next word begins with a digit)
        return True
    return False


# -- candidate pre-filter ------------------------------------------------------------------------
# The full pattern is costly to try at every position, so the few positions where a number can
# begin are found first: every digit run (one C-level regex scan), and with numpy the positions
# where the first four letters of a number / vague word begin right after a non-word char or a
# clitic letter (و ف ب ل ك). It is a superset of the places QUANTITY_RE can match (checked against
# the plain search on news text); the full pattern is then tried only at the start of the word
# around each candidate.

_CLITIC_LETTERS = "وفبلك"
_BOUNDARY, _OTHER, _DIGIT = 0, 1, 2
_PAD_AFTER = 8  # the 8-byte window read at the last char
_HASH_BITS = 18
_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)
_HASH_SHIFT = np.uint64(64 - _HASH_BITS)
_KEY_MASK = np.uint64((1 << 40) - 1)  # five codes: the char before and the first four


@dataclass(frozen=True)
class _Prefilter:
    codes: np.ndarray      # uint8 per BMP code point: boundary / other word char / digit / letter id
    word_hash: np.ndarray  # bool per hash bucket of the (prev, c0, c1, c2, c3) code quints that begin a number word
    digit_head: np.ndarray  # bool per (prev, c0) code pair, read as a little-endian uint16: a digit run begins


@lru_cache(maxsize=1)
def _prefilter() -> _Prefilter:
    words = set(LEXICON) | set(VAGUE)
    letters = sorted(set("".join(w[:4] for w in words)) | set(_CLITIC_LETTERS))
    is_word = np.frombuffer(bytes(ch.isalnum() or ch == "_" for ch in map(chr, range(0x10000))), dtype=bool)
    codes = np.where(is_word, _OTHER, _BOUNDARY).astype(np.uint8)
    codes[0x30:0x3A] = _DIGIT
    code = {ch: 3 + i for i, ch in enumerate(letters)}
    for ch, c in code.items():
        codes[ord(ch)] = c
    any_code = range(3 + len(letters))
    # the number's first four chars; a shorter word ends at a non-word char (then anything)
    quads: set[tuple[int, ...]] = set()
    for w in words:
        c = [code[ch] for ch in w[:4]]
        if len(c) == 2:
            quads.update((*c, _BOUNDARY, d) for d in any_code)
        else:
            quads.add(tuple(c + [_BOUNDARY])[:4])
    heads = [_BOUNDARY] + [code[ch] for ch in _CLITIC_LETTERS]  # the number's first char follows these
    keys = np.array([prev | a << 8 | b << 16 | c << 24 | d << 32 for prev in heads for a, b, c, d in quads],
                    dtype=np.uint64)
    word_hash = np.zeros(1 << _HASH_BITS, dtype=bool)
    word_hash[_quint_hash(keys)] = True  # a superset: a colliding window only costs a regex try
    digit_head = np.zeros(0x10000, dtype=bool)
    digit_head[[prev | _DIGIT << 8 for prev in heads]] = True
    return _Prefilter(codes, word_hash, digit_head)


def _quint_hash(keys: np.ndarray) -> np.ndarray:
    return (keys * _HASH_MULT) >> _HASH_SHIFT  # multiplicative hash, mod 2**64


def _candidates(text: str, cps: np.ndarray | None) -> list[int]:
    """Positions where the number part of a quantity may start (sorted)."""
    pf = _prefilter()
    if cps is None:
        cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = cps.size
    c = np.zeros(n + 1 + _PAD_AFTER, dtype=np.uint8)
    pf.codes.take(cps, out=c[1:n + 1], mode="clip")  # astral chars clip to U+FFFF: a boundary
    # Strided views, no copies: window[i] = c[i] | c[i+1] << 8 | ... (the char before i, then i...)
    window = np.ndarray((n,), dtype="<u8", buffer=c, strides=(1,))
    pair = np.ndarray((n,), dtype="<u2", buffer=c, strides=(1,))
    ok = pf.word_hash.take(_quint_hash(window & _KEY_MASK))
    ok |= pf.digit_head.take(pair)
    return ok.nonzero()[0].tolist()


def _is_word_char(ch: str) -> bool:
    """`\\w` of `re` for one char ('' is not)."""
    return ch.isalnum() or ch == "_"


def find_quantities(text: str | NormalizedText) -> list[QuantityMatch]:
    """Quantities in an already-normalised text (a str, or the NormalizedText whose cached code
    points are reused); offsets into that normalised text, sorted by start."""
    if isinstance(text, NormalizedText):
        cps = text.codepoints()
        text = text.text
    else:
        cps = None
    out: list[QuantityMatch] = []
    if not text:
        return out
    match = QUANTITY_RE.match
    pos = 0
    last_p = -1
    for q in _candidates(text, cps):
        if q < pos:
            continue
        # the word (with its clitics) begins at most 4 chars before the number
        p = q
        if q:
            ch = text[q - 1]
            if ch.isalnum() or ch == "_":
                while p > 0 and q - p < 4 and _is_word_char(text[p - 1]):
                    p -= 1
                if p > 0 and _is_word_char(text[p - 1]):
                    continue
        if p < pos or p == last_p:
            continue
        last_p = p
        m = match(text, p)
        if m is None:
            continue
        r = _read_one(text, m)
        if r is None:
            pos = m.end()
            continue
        item, resume = r
        if item is not None:
            out.append(item)
        pos = max(resume, m.start() + 1)
    return out


@lru_cache(maxsize=4096)
def _parse_words(words: str, after_space: bool) -> tuple[int, int, int, str] | None:
    """(value, end offset inside `words`, n_used, first word) of a run of number words, or None. Cached: the
    same few runs recur everywhere. `after_space`: a space or tab comes before the run."""
    pad = 1 if after_space else 0
    padded = " " + words if after_space else words
    atoms = [(a.group("w"), a.group("waw") is not None, a.end() - pad) for a in _ATOM_ITER.finditer(padded, pad)]
    parsed = parse_number_words([(w, waw) for w, waw, _ in atoms])
    if parsed is None:
        return None
    value, used = parsed
    return value, atoms[used - 1][2], used, atoms[0][0]


def _number_at(text: str, m: re.Match) -> tuple[int, int, int | None, bool, str | None, tuple | None] | None:
    """(start, end, value, vague, digits, vague_triple) of the number in match `m`, or None."""
    cl, dig, dscale, vague, words = m.groups()
    cl = cl or ""
    if dig is not None:
        value, decimal = _digits_value(dig, dscale)
        if decimal or value is None or "ال" in cl:  # الـ12: an ordinal
            return None
        return m.start("dig"), m.end(), value, False, (dig if not dscale else dig.replace(",", "")), None
    if vague is not None:
        if cl.endswith(("ال", "لل")) and not vague.startswith("ال"):
            word_key = "ال" + vague if ("ال" + vague) in VAGUE else vague
        else:
            word_key = vague
        trip = VAGUE[word_key]
        return m.start("vague"), m.end("vague"), trip[0], True, None, trip
    start = m.start("words")
    parsed = _parse_words(words, start > 0 and text[start - 1] in " \t")
    if parsed is None:
        return None
    value, end, used, first_word = parsed
    first = LEXICON[first_word]
    if cl.endswith(("ال", "لل")) and first.kind == "unit" and first.value in _NOT_WITH_ARTICLE:
        return None
    if cl == "ل" and first_word == "ست" and used == 1:  # لست: 'I am not'
        return None
    if cl.endswith(("ال", "لل")) and first.kind == "hundred" and first.value == 100 and used == 1:
        return None  # في المئة / بالمئة: per cent
    return start, start + end, value, False, None, None


def _read_one(text: str, m: re.Match) -> tuple[QuantityMatch | None, int] | None:
    num = _number_at(text, m)
    if num is None:
        return None
    ns, ne, value, vague, digits, trip = num
    cl = m.group("cl") or ""
    qstart = ns - len(cl)
    if digits is not None and _digits_not_a_count(text, qstart, ne, digits, value):
        return None, ne  # years, dates, times, phone numbers: before any word is looked at
    prev_start, prev_raw = _prev_raw(text, qstart)
    prev = _bare(prev_raw)
    next_words = _next_words(text, ne)
    if _not_a_count(text, ns, ne, digits if not vague else None, value or 0, cl, prev, True, next_words):
        return None, ne
    # a qualifier ends with the word before (its regex is tried only then)
    qm = _QUAL_BEFORE.search(text, max(0, qstart - 24), qstart) if prev.endswith(_QUALIFIER_LAST_WORDS) else None
    qual = QUALIFIER_OF[qm.group("q")] if qm else None
    nxt = next_words[0]
    # a range join (و after بين, إلى, حتى, a dash) begins the next word: otherwise no range to try
    maybe_range = (nxt[:1] in _DASHES or nxt in _RANGE_WORDS or (qual == "range" and nxt[:1] == "و")) if nxt else False
    rng = _range_after(text, ne, value, digits, qual == "range") if maybe_range and not vague else None
    if rng is not None:
        high, end = rng
        if qual == "range":
            start = qm.start()
        elif prev == "من":
            start = prev_start
        else:
            start = qstart
        return QuantityMatch(start, end, value, value, high, "range", False), end
    if qual == "range":  # بين without a second number: not a range
        qual, qm = None, None
    start = qm.start() if qm else qstart
    if qual is None and _has_post_qualifier(text, ne):
        pm = _POST_QUAL.match(text, ne)
        if pm:
            qual = POST_QUALIFIER_OF[pm.group("q")]
    if vague:
        v, lo, hi = trip
        return QuantityMatch(start, ne, v, lo, hi, qual, True), ne
    return QuantityMatch(start, ne, value, *_bounds(value, qual), qual or "exact", False), ne


_post_memo: tuple[str, list[int]] = ("", [])


def _post_qualifier_positions(text: str) -> list[int]:
    """Sorted start offsets of the post-qualifier words in `text`, found once per text (one
    (text, positions) pair is kept: the quantities of a text are read one after another)."""
    global _post_memo
    memo = _post_memo
    if memo[0] is text:
        return memo[1]
    found = []
    for w in _POST_QUALIFIER_LAST_WORDS:
        i = text.find(w)
        while i >= 0:
            found.append(i)
            i = text.find(w, i + 1)
    found.sort()
    _post_memo = (text, found)
    return found


def _has_post_qualifier(text: str, ne: int) -> bool:
    """Whether a post-qualifier word occurs later on the line (its regex cannot cross a line).
    Most texts have none, so the per-text list (usually empty) answers without scanning the line."""
    found = _post_qualifier_positions(text)
    if not found:
        return False
    i = bisect_left(found, ne)
    return i < len(found) and text.find("\n", ne, found[i]) < 0


def _range_after(text: str, ne: int, value: int, digits: str | None, after_between: bool) -> tuple[int, int] | None:
    """(high, end) when the number at `ne` is followed by a second, larger one: و Y (after بين), إلى Y, - Y."""
    rj = _RANGE_JOIN.match(text, ne)
    if rj is None:
        return None
    join = rj.group().strip()
    if join.startswith("و") and not after_between:
        return None
    m2 = _NUMBER_RE.match(text, rj.end())
    if m2 is None or (m2.group("cl") or ""):
        return None
    num2 = _number_at(text, m2)
    if num2 is None or num2[3] or num2[2] is None or num2[2] <= value:
        return None
    if join in ("-", "–") and (digits is None or num2[4] is None):
        return None
    if _not_a_count(text, num2[0], num2[1], num2[4], num2[2], ""):
        return None
    return num2[2], num2[1]


def _bounds(value: int, qual: str | None) -> tuple[int | None, int | None]:
    if qual is None or qual == "exact":
        return value, value
    if qual in ("at_least", "more_than"):
        return value, None
    if qual in ("less_than", "at_most"):
        return None, value
    return None, None


def quantities(norm: NormalizedText) -> list[tuple[int, int, QuantityMatch]]:
    """Quantities of a normalised text with ORIGINAL offsets: [(start, end, match)]."""
    return [(*norm.to_original(q.start, q.end), q) for q in find_quantities(norm.text)]


# -- duals ---------------------------------------------------------------------------------------

# Nouns whose plural is broken, so a -ين/-ان ending can only be the dual (جنديين = two soldiers;
# مدنيين is left out: it is also the plural).
_DUAL_SINGULARS = (
    "شخص طفل طفلة جندي عنصر رجل شاب ضابط امرأة فتاة قتيل جريح أسير شقيق ابن مواطنة سيدة "
    "صاروخ قذيفة طائرة مروحية سيارة منزل"
)


@lru_cache(maxsize=1)
def _dual_stems() -> dict[str, str]:
    stems: dict[str, str] = {}
    for w in _nw(_DUAL_SINGULARS):
        base = w[:-1] + "ت" if w.endswith("ه") else w  # امراه -> امرات + ين
        stems[base] = w
    return stems


@lru_cache(maxsize=50_000)
def dual_count(norm_word: str) -> str | None:
    """The singular noun if `norm_word` (normalised, clitics allowed: و/ب/ل/ال) is its dual, else None.

    'شخصين' -> 'شخص', 'والجنديين' -> 'جندي', 'امراتين' -> 'امراه'. The dual implies a count of 2.
    """
    w = norm_word
    for pre in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", ""):
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            core = w[len(pre):]
            for suf in ("ين", "ان"):
                if core.endswith(suf) and core[:-2] in _dual_stems():
                    return _dual_stems()[core[:-2]]
    return None
