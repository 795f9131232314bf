import csv
import io
from datetime import date

from rasd.io.exports import (
    ACLED_COLUMNS, UCDP_COLUMNS, AcledCsvWriter, UcdpCsvWriter, build_notes, country_info,
    disorder_type, interaction_code, type_of_violence,
)
from rasd.io.writers import make_writer
from rasd.model import ArticleRecord, Event, FatalityClaim, Span


def ev(**kw):
    base = dict(id="ev1", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                actor1="Military Forces of Examplia", inter1=1, actor2="Civilians (Syria)", inter2=7,
                country="SY", admin1="Idlib", location="Kafr Wardan", latitude=35.9, longitude=36.6,
                geo_precision=1, event_date=date(2016, 3, 10), time_precision=1, fatalities=5,
                fatalities_low=4, fatalities_high=6, sources=["مصادر محلية"])
    base.update(kw)
    return Event(**base)


def record(events):
    return ArticleRecord(id="art-1", text="نص", outlet="وكالة المثال", events=events)


def rows(writer_cls, rec):
    buf = io.BytesIO()
    w = writer_cls(buf)
    w.write(rec)
    w.close()
    return list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8")))), buf.getvalue().decode("utf-8")


def test_acled_csv_columns_and_values():
    battle = ev(id="ev2", event_type="Battles", sub_event_type="Armed clash", actor2="Rebels of X", inter2=2,
                fatalities=0, fatalities_low=None, fatalities_high=None)
    out, raw = rows(AcledCsvWriter, record([ev(), battle]))
    assert raw.splitlines()[0] == ",".join(ACLED_COLUMNS)
    r = out[0]
    assert r["event_id_cnty"] == "SYR-art-1-1"
    assert r["event_date"] == "2016-03-10" and r["year"] == "2016" and r["time_precision"] == "1"
    assert r["disorder_type"] == "Political violence"
    assert r["iso"] == "760" and r["country"] == "Syria" and r["region"] == "Middle East"
    assert r["interaction"] == "17" and r["civilian_targeting"] == "Civilian targeting"
    assert r["source"] == "وكالة المثال; مصادر محلية"
    assert r["latitude"] == "35.9000" and r["fatalities"] == "5"
    assert r["notes"].startswith("On 10 March 2016, Military Forces of Examplia shelled Kafr Wardan, Idlib, killing 5 civilians.")
    assert out[1]["interaction"] == "12" and out[1]["civilian_targeting"] == ""


def test_acled_registry_and_empty_record():
    buf = io.BytesIO()
    w = make_writer("acled-csv", buf)
    w.write(record([]))
    w.close()
    assert buf.getvalue().decode().strip() == ",".join(ACLED_COLUMNS)


def test_ucdp_only_political_violence():
    protest = ev(id="p", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters", inter1=6,
                 actor2=None, inter2=None)
    out, raw = rows(UcdpCsvWriter, record([ev(), protest]))
    assert raw.splitlines()[0] == ",".join(UCDP_COLUMNS)
    assert len(out) == 1
    r = out[0]
    assert r["type_of_violence"] == "3" and r["side_b"] == "Civilians"
    assert r["deaths_civilians"] == "5" and r["best"] == "5" and r["low"] == "4" and r["high"] == "6"
    assert r["where_prec"] == "1" and r["date_prec"] == "1" and r["date_start"] == r["date_end"] == "2016-03-10"
    assert r["country"] == "Syria"


def test_ucdp_state_side_first_and_sided_deaths():
    claims = [FatalityClaim(kind="killed", value=3, side="Rebels of X", span=Span(start=0, end=1, text="ن")),
              FatalityClaim(kind="killed", value=2, side="Military Forces of Examplia", span=Span(start=0, end=1, text="ن"))]
    e = ev(event_type="Battles", sub_event_type="Armed clash", actor1="Rebels of X", inter1=2,
           actor2="Military Forces of Examplia", inter2=1, fatalities=6, fatalities_low=None, fatalities_high=None,
           fatality_claims=claims, time_precision=3, geo_precision=3)
    assert type_of_violence(e) == 1
    out, _ = rows(UcdpCsvWriter, record([e]))
    r = out[0]
    assert r["side_a"] == "Military Forces of Examplia" and r["side_b"] == "Rebels of X"
    assert (r["deaths_a"], r["deaths_b"], r["deaths_unknown"]) == ("2", "3", "1")
    assert r["date_prec"] == "4" and r["date_start"] == "2016-03-01" and r["date_end"] == "2016-03-31"
    assert r["where_prec"] == "4"
    rebels = ev(event_type="Battles", sub_event_type="Armed clash", actor1="A", inter1=2, actor2="B", inter2=3)
    assert type_of_violence(rebels) == 2


def test_derivations():
    assert disorder_type(ev(event_type="Protests", sub_event_type="Excessive force against protesters")) == \
        "Political violence; Demonstrations"
    assert disorder_type(ev(event_type="Strategic developments", sub_event_type="Arrests")) == "Strategic developments"
    assert interaction_code(7, 1) == 17 and interaction_code(6, None) == 60 and interaction_code(None, None) is None
    assert country_info("YE")[1:] == ("YEM", 887, "Yemen")
    assert country_info("Iraq")[0] == "IQ"
    assert country_info("Syria")[2] == 760


def test_build_notes_variants():
    e = ev(actor1=None, sub_event_type="Remote explosive/landmine/IED", actor2=None, inter2=None,
           fatalities=1, injuries=4, sources=[])
    assert build_notes(e) == "On 10 March 2016, an explosive device detonated in Kafr Wardan, Idlib, killing 1 person and injuring 4."
    e = ev(event_type="Battles", sub_event_type="Armed clash", actor2="Rebels of X (Examplia)", inter2=2,
           fatalities=0, time_precision=2, sources=["مرصد"])
    assert build_notes(e) == ("In the week of 10 March 2016, Military Forces of Examplia clashed with Rebels of X "
                              "in Kafr Wardan, Idlib. (Source: مرصد)")
