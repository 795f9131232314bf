"""Output records: what rasd writes for every article.

Every field read from the text carries `evidence` spans: half-open offsets into the ORIGINAL
article text (never into the normalised view). Derived fields (inter codes, interaction,
precision) are computed from fields that have evidence.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "rasd/1"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Span(Record):
    """A half-open character range [start, end) of the original text and the text it covers."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start=start, end=end, text=text[start:end])


class Article(Record):
    id: str
    title: str = ""
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "ar"
    source_path: str | None = Field(default=None, description="file the article was read from")


class Quantity(Record):
    """A count read from the text: '18', 'ثلاثة', 'نحو 20', 'أكثر من عشرة', 'عشرات'."""

    value: int | None = Field(description="best single value (ACLED convention for vague counts)")
    low: int | None = None
    high: int | None = None
    qualifier: str | None = Field(default=None, description="approx | at_least | more_than | less_than | at_most | exact")
    vague: bool = Field(default=False, description="a vague count such as عشرات / مئات / عدة")
    start: int
    end: int
    text: str


class Entity(Record):
    text: str
    type: Literal["PER", "ORG", "LOC", "FAC", "MISC"]
    start: int
    end: int
    confidence: float | None = None
    evidence: list[Span] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str | None = Field(default=None, description="English name")
    name_ar: str
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    admin2: str | None = None
    kind: str | None = Field(default=None, description="city | town | village | neighbourhood | camp | region | admin1 | country | facility …")
    geo_precision: int | None = Field(default=None, ge=1, le=3, description="ACLED: 1 town, 2 near/part of region, 3 region")
    relation: str | None = Field(default=None, description="north_of | near | between | outskirts_of … for relative descriptions")
    anchor: str | None = Field(default=None, description="id of the anchor place of a relative description")
    resolved: bool = True
    confidence: float = 0.0
    source: str | None = Field(default=None, description="gazetteer layer: geonames | admin1 | curated | country")
    mentions: list[Span] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Actor(Record):
    id: str
    name: str = Field(description="canonical English name, ACLED style")
    name_ar: str | None = None
    kind: str | None = Field(default=None, description="person | organisation | armed_group | state_forces | civilians | protesters …")
    inter: int | None = Field(default=None, ge=0, le=8, description="ACLED actor type 1-8; None when unknown")
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Quote(Record):
    id: str
    speaker: str | None = Field(description="as resolved: full name, organisation or described source")
    speaker_id: str | None = Field(default=None, description="Actor.id when the speaker is a known actor")
    speaker_role: str | None = None
    speaker_affiliation: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    text: str = Field(description="the statement")
    start: int
    end: int
    direct: bool
    venue: str | None = None
    source_chain: list[str] = Field(default_factory=list, description="outermost reporter first: نقلت X عن Y -> [X, Y]")
    continuation: bool = False
    evidence: list[Span] = Field(default_factory=list)


Stance = Literal["asserted", "alleged", "denied", "hedged"]


class Claim(Record):
    id: str
    claimant: str | None
    claimant_id: str | None = None
    subject: str | None = None
    relation: str = Field(description="responsibility | accusation | denial | coordination | support | threat | demand | controls_area …")
    object: str | None = None
    stance: Stance = "asserted"
    cue: str | None = None
    evidence: list[Span] = Field(default_factory=list)
    subject_id: str | None = Field(default=None, description="Actor.id when the subject is a known actor")
    object_id: str | None = Field(default=None, description="Actor.id when the object is a known actor")
    subject_span: Span | None = None
    object_span: Span | None = Field(default=None, description="the object phrase: an actor, a place, or the event claimed")
    event_id: str | None = Field(default=None, description="Event.id the object names (claim_links stage)")


class FatalityClaim(Record):
    """One reported casualty figure, kept with who reported it and whose dead they are."""

    kind: Literal["killed", "injured"]
    value: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    side: str | None = Field(default=None, description="actor the casualties belong to")
    source: str | None = None
    span: Span


class Event(Record):
    id: str
    event_date: date | None = None
    time_precision: int | None = Field(default=None, ge=1, le=3)
    date_expression: str | None = Field(default=None, description="the relative wording kept when no date can be resolved")
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    fatality_claims: list[FatalityClaim] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    notes: str = ""
    confidence: float = 0.0
    place_id: str | None = None
    actor_ids: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    trigger: Span | None = Field(default=None, description="the word or phrase that names the event")


class ErrorRecord(Record):
    stage: str
    message: str
    path: str | None = None
    line: int | None = None


class ArticleRecord(Record):
    """One article's output: the contract every writer serialises."""

    schema_: str = Field(default=SCHEMA_VERSION, alias="schema")
    id: str
    title: str = ""
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "ar"
    text: str = Field(description="the original text all offsets point into")
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)


def output_schema() -> dict:
    schema = ArticleRecord.model_json_schema(by_alias=True)
    schema["$id"] = f"https://rasd.example/schema/{SCHEMA_VERSION}"
    schema["title"] = f"rasd article record ({SCHEMA_VERSION})"
    return schema
