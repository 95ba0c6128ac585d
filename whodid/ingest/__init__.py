"""Ingest: read documents from files, folders and streams, and clean them."""

from .clean import clean
from .readers import InputProblem, parse_date, read_inputs

__all__ = ["clean", "read_inputs", "InputProblem", "parse_date"]
