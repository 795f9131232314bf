"""Loading hand-coded gold articles (format: ../shared/gold/GUIDE.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Article

DEFAULT_GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "dev"


@dataclass
class GoldArticle:
    path: Path
    raw: dict[str, Any]

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def country(self) -> str | None:
        return self.raw.get("country")

    def article(self) -> Article:
        r = self.raw
        pub = r.get("published")
        return Article(
            id=r["id"], title=r.get("title") or "", text=r["text"],
            published=date.fromisoformat(pub) if pub else None,
            outlet=r.get("outlet"), url=r.get("url"), source_path=str(self.path),
        )

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)


def load_gold(directory: str | Path = DEFAULT_GOLD_DIR) -> list[GoldArticle]:
    directory = Path(directory)
    return [GoldArticle(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(directory.glob("*.json"))]
