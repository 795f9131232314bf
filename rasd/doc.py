"""Doc: the original text, its aligned normalised view, sentences, tokens, and the layers stages add.

Offsets everywhere are Python str indices, half-open, into the ORIGINAL text. Sentence and token
boundaries are numpy arrays (cheap to build, searchable); `Token`/`Sentence` views are made on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np

from .model import Actor, Article, ArticleRecord, Claim, Entity, ErrorRecord, Event, Place, Quantity, Quote, Span
from .text.normalize import LETTER, NormalizedText, normalize
from .text.sentences import split_sentences
from .text.tokens import Token, TokenArrays, tokenize

BASE_LAYERS = ("text", "norm", "sentences", "tokens")


@dataclass(frozen=True)
class Sentence:
    i: int
    start: int
    end: int
    text: str


class Doc:
    """One article being processed. Stages read and add layers; `to_record()` makes the output."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.norm: NormalizedText = normalize(self.text)
        self.sent_starts, self.sent_ends = split_sentences(self.norm)
        self.tok: TokenArrays = tokenize(self.norm)
        self.layers: set[str] = set(BASE_LAYERS)
        # Output layers (the record fields), filled by stages.
        self.quantities: list[Quantity] = []
        self.entities: list[Entity] = []
        self.places: list[Place] = []
        self.actors: list[Actor] = []
        self.quotes: list[Quote] = []
        self.claims: list[Claim] = []
        self.events: list[Event] = []
        self.errors: list[ErrorRecord] = []
        # Intermediate results one stage hands to later ones (mentions, dates, candidates…).
        self.user: dict[str, Any] = {}

    # -- spans ---------------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def norm_span_to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.norm.to_original(nstart, nend)

    # -- sentences -----------------------------------------------------------------------------
    @property
    def n_sentences(self) -> int:
        return int(self.sent_starts.size)

    def sentence(self, i: int) -> Sentence:
        s, e = int(self.sent_starts[i]), int(self.sent_ends[i])
        return Sentence(i, s, e, self.text[s:e])

    @property
    def sentences(self) -> list[Sentence]:
        return [self.sentence(i) for i in range(self.n_sentences)]

    def sentence_index(self, char: int) -> int | None:
        """Index of the sentence containing original offset `char`, or None."""
        i = int(np.searchsorted(self.sent_starts, char, "right")) - 1
        if i >= 0 and char < self.sent_ends[i]:
            return i
        return None

    # -- tokens --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.tok)

    def token(self, i: int) -> Token:
        t = self.tok
        s, e = int(t.start[i]), int(t.end[i])
        ns, ne = int(t.nstart[i]), int(t.nend[i])
        return Token(i, s, e, self.text[s:e], self.norm.text[ns:ne], int(t.klass[i]) == LETTER)

    def __iter__(self) -> Iterator[Token]:
        for i in range(len(self.tok)):
            yield self.token(i)

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens lying inside the original range [start, end)."""
        a = int(np.searchsorted(self.tok.start, start, "left"))
        b = int(np.searchsorted(self.tok.end, end, "right"))
        return range(a, b)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return [self.token(i) for i in self.token_range(start, end)]

    # -- output --------------------------------------------------------------------------------
    def add_error(self, stage: str, message: str) -> None:
        self.errors.append(ErrorRecord(stage=stage, message=message, path=self.article.source_path))

    def to_record(self) -> ArticleRecord:
        a = self.article
        return ArticleRecord(
            id=a.id, title=a.title, published=a.published, outlet=a.outlet, url=a.url,
            language=a.language, text=self.text, entities=self.entities, places=self.places,
            actors=self.actors, quotes=self.quotes, claims=self.claims, events=self.events,
            quantities=self.quantities, errors=self.errors,
        )
