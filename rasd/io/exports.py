"""CSV exports in the shape analysts load: ACLED's public export and UCDP GED.

- `AcledCsvWriter` ("acled-csv"): one row per event, ACLED's 31 columns in ACLED's order.
- `UcdpCsvWriter` ("ucdp-csv"): one row per political-violence event (Battles,
  Explosions/Remote violence, Violence against civilians), UCDP GED columns.
- `build_notes(event, ...)`: a one-sentence English summary from the fields (the events stage
  may call it to fill Event.notes): "On 21 July 2015, Military Forces of Syria shelled
  Al Mughayer, Aleppo, killing 18 civilians."

Derivations (no evidence of their own; each comes from the fields named):
- disorder_type from sub_event_type/event_type (ACLED: excessive force against protesters is
  "Political violence; Demonstrations", mob violence "Political violence");
- iso (numeric ISO 3166-1), country (ACLED English name) and region from the country code;
- interaction from inter1/inter2 (ACLED: 10 × the smaller + the larger; one actor: 10 × inter1);
- UCDP type_of_violence from the actors' inter codes (one-sided when civilians are the target,
  state-based when one side is a state force (inter 1) or an external state force (inter 8),
  non-state otherwise); where_prec from geo_precision; date_prec from time_precision.
- event_id_cnty is ISO3-ARTICLEID-N (unique and traceable to the article; ACLED's own ids are
  assigned by ACLED).
"""

from __future__ import annotations

import csv
import io
import re
import time
from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache
from typing import BinaryIO, Iterable

from ..model import ArticleRecord, Event
from .writers import Writer

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "adm_1", "adm_2",
    "where_coordinates", "latitude", "longitude", "where_prec", "country", "date_start", "date_end",
    "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)

POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_EVENT = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}

# ACLED inter codes
STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)

# ACLED's English country names where they differ from pycountry's common names.
ACLED_COUNTRY_NAMES = {
    "SY": "Syria", "IR": "Iran", "PS": "Palestine", "RU": "Russia", "KR": "South Korea",
    "KP": "North Korea", "TZ": "Tanzania", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
    "VE": "Venezuela", "BO": "Bolivia", "MD": "Moldova", "LA": "Laos", "VN": "Vietnam", "TR": "Turkey",
    "CI": "Ivory Coast", "CV": "Cape Verde", "SZ": "eSwatini", "MK": "North Macedonia", "TW": "Taiwan",
    "BN": "Brunei", "FM": "Micronesia", "GB": "United Kingdom", "US": "United States", "CZ": "Czech Republic",
}

# ACLED regions (the countries where Arabic-language reporting is common, and their neighbours).
_REGIONS = {
    "Middle East": "SY IQ YE LB JO PS IL SA IR TR KW BH QA AE OM CY",
    "Northern Africa": "EG LY TN DZ MA SD EH",
    "Eastern Africa": "SO ET KE SS ER DJ UG TZ RW BI KM MG MU SC MZ ZM ZW MW",
    "Western Africa": "NG ML NE BF MR SN GM GN GW SL LR CI GH TG BJ CV",
    "Middle Africa": "CM TD CF CD CG GA GQ AO ST",
    "Southern Africa": "ZA NA BW LS SZ",
    "South Asia": "AF PK IN BD LK NP BT MV",
    "Caucasus and Central Asia": "AZ AM GE KZ KG TJ TM UZ",
    "Southeast Asia": "MM TH LA KH VN MY SG ID PH BN TL",
    "East Asia": "CN JP KR KP MN TW",
    "Europe": "RU UA BY MD FR DE GB IT ES PT NL BE GR SE NO FI DK PL AT CH IE CZ SK HU RO BG RS HR BA ME MK AL XK SI",
    "North America": "US CA",
}
REGION_BY_COUNTRY = {c: region for region, cs in _REGIONS.items() for c in cs.split()}


@lru_cache(maxsize=512)
def country_info(value: str | None) -> tuple[str, str, int | None, str]:
    """(alpha2, alpha3, numeric iso, ACLED country name) for an ISO code or a country name."""
    if not value:
        return "", "", None, ""
    import pycountry

    c = None
    v = value.strip()
    try:
        if len(v) == 2:
            c = pycountry.countries.get(alpha_2=v.upper())
        elif len(v) == 3 and v.isalpha():
            c = pycountry.countries.get(alpha_3=v.upper())
        if c is None:
            by_acled = {name.lower(): a2 for a2, name in ACLED_COUNTRY_NAMES.items()}
            if v.lower() in by_acled:
                c = pycountry.countries.get(alpha_2=by_acled[v.lower()])
            else:
                c = pycountry.countries.lookup(v)
    except LookupError:
        c = None
    if c is None:
        return "", "", None, v
    name = ACLED_COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    return c.alpha_2, c.alpha_3, int(c.numeric), name


def disorder_type(event: Event) -> str:
    return DISORDER_BY_SUB_EVENT.get(event.sub_event_type) or DISORDER_BY_EVENT_TYPE.get(event.event_type, "")


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    if not inter1 and not inter2:
        return None
    if not inter1 or not inter2:
        return 10 * (inter1 or inter2)
    lo, hi = sorted((inter1, inter2))
    return 10 * lo + hi


def _fmt(x) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.4f}"
    return str(x)


def _date_words(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _is_civilians(name: str | None, inter: int | None) -> bool:
    return inter == CIVILIANS or bool(name and name.lower().startswith("civilians"))


# -- notes -----------------------------------------------------------------------------------------

_VERBS = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained control of {loc} from {a2}",
    "Non-state actor overtakes territory": "{a1} took control of {loc} from {a2}",
    "Chemical weapon": "{a1} used chemical weapons against {a2}",
    "Air/drone strike": "{a1} carried out air/drone strikes against {a2}",
    "Suicide bomb": "a suicide bomber of {a1} blew himself up among {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled {a2}",
    "Remote explosive/landmine/IED": "{a1} detonated an explosive device against {a2}",
    "Grenade": "{a1} threw a grenade at {a2}",
    "Sexual violence": "{a1} sexually assaulted {a2}",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Peaceful protest": "{a1} demonstrated",
    "Protest with intervention": "{a1} demonstrated and {a2} intervened",
    "Excessive force against protesters": "{a1} used excessive force against {a2}",
    "Violent demonstration": "{a1} rioted",
    "Mob violence": "a mob of {a1} attacked {a2}",
    "Agreement": "{a1} and {a2} reached an agreement",
    "Arrests": "{a1} arrested {a2}",
    "Change to group/activity": "{a1} changed its activity",
    "Disrupted weapons use": "{a1} intercepted or defused weapons of {a2}",
    "Headquarters or base established": "{a1} established a base",
    "Looting/property destruction": "{a1} looted or destroyed property of {a2}",
    "Non-violent transfer of territory": "{a1} took over {loc} without fighting from {a2}",
    "Other": "{a1} was involved in an event with {a2}",
}
_NO_ACTOR1 = {
    "Remote explosive/landmine/IED": "an explosive device detonated",
    "Suicide bomb": "a suicide bomber blew himself up",
    "Air/drone strike": "air/drone strikes hit",
    "Shelling/artillery/missile attack": "shells hit",
    "Armed clash": "clashes took place",
    "Attack": "unidentified attackers attacked {a2}",
    "Abduction/forced disappearance": "unidentified gunmen abducted {a2}",
    "Peaceful protest": "people demonstrated",
}


# Remote violence whose target is civilians or unnamed: the place is the object ("shelled Yalda").
_AT_PLACE = {
    "Chemical weapon": "{a1} used chemical weapons in {loc}",
    "Air/drone strike": "{a1} carried out air/drone strikes on {loc}",
    "Shelling/artillery/missile attack": "{a1} shelled {loc}",
    "Remote explosive/landmine/IED": "{a1} detonated an explosive device in {loc}",
    "Suicide bomb": "a suicide bomber of {a1} blew himself up in {loc}",
    "Grenade": "{a1} threw a grenade in {loc}",
}
_PAREN = re.compile(r"\s*\([^()]*\)")


def _location_phrase(event: Event) -> str:
    parts = [p for p in (event.location, event.admin1) if p]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    if not parts and event.country:
        parts = [country_info(event.country)[3] or event.country]
    return ", ".join(parts)


def _date_phrase(event: Event) -> str:
    d = event.event_date
    if d is None:
        return ""
    if event.time_precision == 3:
        return f"In {d.strftime('%B')} {d.year}"
    if event.time_precision == 2:
        return f"In the week of {_date_words(d)}"
    return f"On {_date_words(d)}"


def build_notes(event: Event, sources: Iterable[str] | None = None) -> str:
    """A one-sentence English summary of an event, built from its fields (no text is translated).

    Example: "On 21 July 2015, Military Forces of Syria shelled Al Mughayer, Aleppo, killing 18
    civilians." Sources (Event.sources unless given) are appended: "(Source: SOHR)".
    """
    sub = event.sub_event_type
    a1 = _PAREN.sub("", event.actor1) if event.actor1 else None   # "(2000-2024)", "(Syria)" dropped
    a2 = _PAREN.sub("", event.actor2) if event.actor2 else None
    loc = _location_phrase(event)
    civilians = _is_civilians(event.actor2, event.inter2)
    if a1 and loc and sub in _AT_PLACE and (not a2 or civilians):
        template = _AT_PLACE[sub]
    elif a1:
        template = _VERBS.get(sub, "{a1} was involved in an event with {a2}")
    else:
        template = _NO_ACTOR1.get(sub, f"an event of type {sub or event.event_type} took place")
    if not a2:  # drop the "… {a2}" tail when there is no second actor
        for tail in (" with {a2}", " against {a2}", " among {a2}", " at {a2}", " of {a2}", " from {a2}",
                     " and {a2} intervened", " and {a2} reached an agreement"):
            template = template.replace(tail, "")
        template = template.replace("{a2}", "people")
    body = template.format(a1=a1 or "", a2=a2 or "", loc=loc or "the area")
    if loc and "{loc}" not in template:
        body += f" in {loc}"
    date_part = _date_phrase(event)
    sentence = f"{date_part}, {body}" if date_part else body[:1].upper() + body[1:]
    killed = event.fatalities or 0
    injured = event.injuries or 0
    def victims(k: int) -> str:
        return ("civilian" if civilians else "person") if k == 1 else ("civilians" if civilians else "people")

    if killed:
        sentence += f", killing {killed} {victims(killed)}"
        if injured:
            sentence += f" and injuring {injured}"
    elif injured:
        sentence += f", injuring {injured} {victims(injured)}"
    sentence += "."
    srcs = [s for s in (sources if sources is not None else event.sources) if s]
    if srcs:
        sentence += f" (Source: {'; '.join(dict.fromkeys(srcs))})"
    return sentence


# -- writers ---------------------------------------------------------------------------------------

class _CsvWriter(Writer):
    columns: tuple[str, ...] = ()

    def __init__(self, stream: BinaryIO):
        super().__init__(stream)
        self._buf = io.StringIO()
        self._csv = csv.writer(self._buf, lineterminator="\n")
        self._emit(self.columns)

    def _emit(self, row: Iterable) -> None:
        self._csv.writerow([_fmt(x) for x in row])
        self.stream.write(self._buf.getvalue().encode("utf-8"))
        self._buf.seek(0)
        self._buf.truncate()


def _sources(event: Event, record: ArticleRecord) -> list[str]:
    out = [record.outlet] if record.outlet else []
    out += [s for s in event.sources if s and s not in out]
    return out


class AcledCsvWriter(_CsvWriter):
    """ACLED's export columns (see ACLED_COLUMNS); event_date as YYYY-MM-DD."""

    columns = ACLED_COLUMNS

    def __init__(self, stream: BinaryIO):
        super().__init__(stream)
        self.timestamp = int(time.time())

    def row(self, event: Event, record: ArticleRecord, n: int) -> list:
        a2, a3, iso, country = country_info(event.country)
        interaction = event.interaction if event.interaction is not None else interaction_code(event.inter1, event.inter2)
        targeting = event.civilian_targeting or (
            "Civilian targeting" if _is_civilians(event.actor2, event.inter2) and event.event_type in POLITICAL_VIOLENCE else "")
        sources = _sources(event, record)
        return [
            f"{a3 or 'XXX'}-{record.id}-{n}",
            event.event_date.isoformat() if event.event_date else "",
            event.event_date.year if event.event_date else "",
            event.time_precision,
            disorder_type(event), event.event_type, event.sub_event_type,
            event.actor1, event.assoc_actor_1, event.inter1,
            event.actor2, event.assoc_actor_2, event.inter2,
            interaction, targeting,
            iso, REGION_BY_COUNTRY.get(a2, ""), country,
            event.admin1, event.admin2, event.admin3, event.location,
            event.latitude, event.longitude, event.geo_precision,
            "; ".join(sources), "",
            event.notes or build_notes(event, event.sources),
            event.fatalities, "", self.timestamp,
        ]

    def write(self, record: ArticleRecord) -> None:
        for n, event in enumerate(record.events, 1):
            self._emit(self.row(event, record, n))


def type_of_violence(event: Event) -> int:
    """UCDP: 1 state-based, 2 non-state, 3 one-sided violence (from the actors' inter codes)."""
    if event.event_type == "Violence against civilians" or _is_civilians(event.actor2, event.inter2):
        return 3
    if event.inter1 in (STATE, EXTERNAL) or event.inter2 in (STATE, EXTERNAL):
        return 1
    return 2


WHERE_PREC = {1: 1, 2: 2, 3: 4}   # ACLED geo_precision -> UCDP where_prec (1 exact … 4 admin1 … 6 country)
DATE_PREC = {1: 1, 2: 3, 3: 4}    # ACLED time_precision -> UCDP date_prec (1 day, 3 week, 4 month)


def date_range(d: date | None, precision: int | None) -> tuple[date | None, date | None]:
    if d is None:
        return None, None
    if precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    if precision == 3:
        return d.replace(day=1), d.replace(day=monthrange(d.year, d.month)[1])
    return d, d


class UcdpCsvWriter(_CsvWriter):
    """UCDP GED-style rows for political-violence events only."""

    columns = UCDP_COLUMNS

    def row(self, event: Event, record: ArticleRecord, n: int) -> list:
        tov = type_of_violence(event)
        side_a, side_b = event.actor1, event.actor2
        swapped = tov == 1 and event.inter1 not in (STATE, EXTERNAL) and event.inter2 in (STATE, EXTERNAL)
        if swapped:  # UCDP: side_a is the government side in state-based conflict
            side_a, side_b = side_b, side_a
        if tov == 3:
            side_b = "Civilians"
        best = event.fatalities or 0
        low = event.fatalities_low if event.fatalities_low is not None else best
        high = event.fatalities_high if event.fatalities_high is not None else max(best, low)
        deaths = self._deaths(event, tov, best)
        if swapped:
            deaths = (deaths[1], deaths[0], deaths[2], deaths[3])
        start, end = date_range(event.event_date, event.time_precision)
        _, a3, _, country = country_info(event.country)
        has_coords = event.latitude is not None and event.longitude is not None
        where_prec = WHERE_PREC.get(event.geo_precision or 0, 1) if has_coords else 6
        source = "; ".join(x for x in (record.outlet, record.title, record.url) if x)
        return [
            f"{a3 or 'XXX'}-{record.id}-{n}",
            event.event_date.year if event.event_date else "",
            tov, side_a, side_b, source, event.admin1, event.admin2,
            event.location or event.admin2 or event.admin1 or country,
            event.latitude, event.longitude, where_prec, country,
            start.isoformat() if start else "", end.isoformat() if end else "",
            DATE_PREC.get(event.time_precision or 0, 5) if event.event_date else 5,
            *deaths, best, high, low,
        ]

    @staticmethod
    def _deaths(event: Event, tov: int, best: int) -> tuple[int, int, int, int]:
        """(deaths_a, deaths_b, deaths_civilians, deaths_unknown) from the sided killed claims."""
        a = b = civ = 0
        for claim in event.fatality_claims:
            if claim.kind != "killed" or not claim.value:
                continue
            side = (claim.side or "").lower()
            if side and side.startswith("civilian"):
                civ += claim.value
            elif side and event.actor1 and side == event.actor1.lower():
                a += claim.value
            elif side and event.actor2 and side == event.actor2.lower():
                b += claim.value
        if a + b + civ > best:  # the sided claims overlap (several reports): trust the total
            a = b = civ = 0
        if tov == 3 and a + b + civ == 0:
            civ = best
        return a, b, civ, max(0, best - a - b - civ)

    def write(self, record: ArticleRecord) -> None:
        n = 0
        for event in record.events:
            if event.event_type in POLITICAL_VIOLENCE:
                n += 1
                self._emit(self.row(event, record, n))
