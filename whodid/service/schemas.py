"""Request bodies (pydantic): what POST /code and POST /ingest accept."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator


def valid_unicode(model: BaseModel) -> None:
    """Refuse strings that cannot be UTF-8 (a lone surrogate, sent as a \\ud800 escape): a 422, not a 500 later."""
    for name, value in model:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"'{name}' is not valid Unicode text: it holds a lone surrogate "
                                 "(such as a \\ud800 escape)") from None


class CodeRequest(BaseModel):
    """One article to code: plain `text` or an `html` page, and its publication date."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Russian warplanes bombed rebel positions near Idlib on Tuesday.", "date": "2015-10-09"}]})

    text: Optional[str] = Field(None, description="Article text as scraped (captions and boilerplate are skipped).")
    html: Optional[str] = Field(None, description="An HTML page; its main text is extracted with trafilatura.")
    date: Optional[str] = Field(None, max_length=40, description="Publication date, YYYY-MM-DD; relative dates in the "
                                                                 "text are resolved against it. For HTML, the page's "
                                                                 "own date is used when this is missing.")
    id: Optional[str] = Field(None, max_length=200, description="Document id to put in the records.")
    include_unrealized: bool = Field(False, description="Also return negated, hypothetical and historical events.")

    @model_validator(mode="after")
    def one_text(self) -> "CodeRequest":
        valid_unicode(self)
        has_text = bool(self.text and self.text.strip())
        has_html = bool(self.html and self.html.strip())
        if has_text and has_html:
            raise ValueError("give either 'text' or 'html', not both")
        if not has_text and not has_html:
            raise ValueError("give the article as 'text' or 'html' (non-empty)")
        return self


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Optional[str] = Field(None, max_length=200)
    text: Optional[str] = None
    html: Optional[str] = None
    date: Optional[str] = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    url: Optional[str] = Field(None, max_length=2000)
    source: Optional[str] = Field(None, max_length=200)
    title: Optional[str] = Field(None, max_length=1000)

    @model_validator(mode="after")
    def one_text(self) -> "DocumentIn":
        valid_unicode(self)
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("each document needs a non-empty 'text' or 'html'")
        return self


class IngestRequest(BaseModel):
    """Documents to code and store; ones already stored (same text or url) are skipped."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"documents": [
        {"id": "a1", "text": "Kerry telephoned Lavrov on Wednesday.", "date": "2015-10-09",
         "url": "https://news.example/a1", "source": "news.example", "title": "Kerry calls Lavrov"}]}]})

    documents: list[DocumentIn] = Field(..., min_length=1, max_length=10_000)
