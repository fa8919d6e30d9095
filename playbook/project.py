"""Where a playbook project keeps its parts: content, generators, overrides, the staged folder and the site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Where a playbook project keeps its parts."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def generators_dir(self) -> Path:
        return self.root / "generators"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def stage_dir(self) -> Path:
        return self.root / ".stage"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def base_config(self) -> Path:
        return self.root / "mkdocs.yml"
