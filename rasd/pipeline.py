"""The ordered stages that turn an Article into an ArticleRecord.

A stage is any callable `Doc -> Doc` with `name`, `requires` and `assigns` (tuples of layer names).
The pipeline checks at build time that every required layer is assigned by an earlier stage (or is
a base layer of the Doc). A stage that raises on one document records an error on that document;
the remaining stages still run and the batch goes on.

Plug-in point: third-party stages register a factory under the `rasd.stages` entry-point group and
are then available by name.
"""

from __future__ import annotations

import importlib
import traceback
from importlib.metadata import entry_points
from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from .doc import BASE_LAYERS, Doc
from .errors import PipelineConfigError
from .model import Article, ArticleRecord


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> Doc: ...


# name -> "module:attribute" of a zero-argument factory (a class or function) making the stage.
STAGE_FACTORIES: dict[str, str] = {
    "quantities": "rasd.stages.quantities:QuantitiesStage",
    "dates": "rasd.stages.dates:DatesStage",
    "places": "rasd.stages.places:PlacesStage",
    "entities": "rasd.stages.entities:EntitiesStage",
    "quotes": "rasd.stages.quotes:QuotesStage",
    "claims": "rasd.stages.claims:ClaimsStage",
    "claim_links": "rasd.stages.claim_links:ClaimLinksStage",
    "events": "rasd.stages.events:make_events_stage",
    "actors": "rasd.stages.actors:ActorsStage",
}

# The default order. Stages not (yet) registered are skipped with no error.
DEFAULT_STAGES: tuple[str, ...] = (
    "quantities", "dates", "places", "entities", "actors", "quotes", "claims", "events", "claim_links",
)


def _plugin_factories() -> dict[str, Callable[[], Stage]]:
    return {ep.name: ep.load for ep in entry_points(group="rasd.stages")}


def make_stage(name: str) -> Stage:
    if name in STAGE_FACTORIES:
        module, attr = STAGE_FACTORIES[name].split(":")
        factory = getattr(importlib.import_module(module), attr)
        return factory()
    plugins = _plugin_factories()
    if name in plugins:
        return plugins[name]()()
    known = sorted({*STAGE_FACTORIES, *plugins})
    raise PipelineConfigError(f"unknown stage {name!r}; known stages: {', '.join(known)}")


class Pipeline:
    def __init__(self, stages: Iterable[Stage]):
        self.stages = list(stages)
        self._check_order()

    @classmethod
    def default(cls, names: Iterable[str] | None = None) -> "Pipeline":
        if names is None:
            names = [n for n in DEFAULT_STAGES if n in STAGE_FACTORIES or n in _plugin_factories()]
        return cls(make_stage(n) for n in names)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def _check_order(self) -> None:
        have = set(BASE_LAYERS)
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in have]
            if missing:
                raise PipelineConfigError(
                    f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                    f"order the stages so that a stage assigning them comes first (order: {self.names})"
                )
            have.update(stage.assigns)

    def make_doc(self, article: Article) -> Doc:
        return Doc(article)

    def process_doc(self, doc: Doc) -> Doc:
        for stage in self.stages:
            try:
                doc = stage(doc)
                doc.layers.update(stage.assigns)
            except Exception as exc:  # one bad document must not stop the batch
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                doc.add_error(stage.name, f"{type(exc).__name__}: {exc} (at {tb.filename}:{tb.lineno})")
        return doc

    def process(self, article: Article) -> ArticleRecord:
        return self.process_doc(self.make_doc(article)).to_record()

    def pipe(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        for article in articles:
            yield self.process(article)
