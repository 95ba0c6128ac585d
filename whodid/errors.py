"""Errors that reach users carry a stable code and say how to fix the problem."""

from __future__ import annotations


class WhodidError(Exception):
    """Base class: `code` is stable across releases so scripts can match on it."""

    code = "W000"

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ModelNotFound(WhodidError):
    code = "W001"


class InputError(WhodidError):
    """One document could not be read; the batch goes on without it."""

    code = "W002"


class DataFileError(WhodidError):
    """A knowledge file (lexicon, actors) is malformed."""

    code = "W003"


class DateError(WhodidError):
    code = "W004"
