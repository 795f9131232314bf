"""Exceptions that name the problem and the fix (they subclass builtins so callers can catch broadly)."""

from __future__ import annotations


class RasdError(Exception):
    """Base class of rasd's own errors."""


class InputError(RasdError, ValueError):
    """An input file (or one line of it) cannot be read as an article."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class PipelineConfigError(RasdError, ValueError):
    """Stages were assembled in an order where one requires a layer nobody assigned before it."""


class ResourceMissingError(RasdError, FileNotFoundError):
    """A data file or model the package needs is missing; the message says how to rebuild it."""


class BackendMissingError(RasdError, ImportError):
    """An optional execution backend (e.g. Ray) was asked for but is not installed."""
