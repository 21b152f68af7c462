"""The statistical backend's runtime set-up: numpy's BLAS, not blis, and no BLAS threads.

Both are for speed (figures in ``ner_spacy``'s and ``newsdesk/__init__``'s docstrings).
These tests check that they are in force and that the model finds what thinc's default
set-up finds on the seeds.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys

import pytest

from newsdesk.extract import ner_spacy
from newsdesk.extract.ner_spacy import MODEL, SpacyBackend

from tests.conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXCLUDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


@pytest.fixture(scope="module")
def backend() -> SpacyBackend:
    return SpacyBackend()


def paragraphs() -> list[str]:
    return [p for seed in SEEDS for p in seed.read_text("utf-8").split("\n") if p.strip()]


THREADS_AFTER_RECOGNISING = """
import os
import newsdesk
from newsdesk.extract.ner_spacy import SpacyBackend

found = SpacyBackend().find(["Defense Secretary Mark T. Esper spoke in Baghdad."] * 200)
assert found[0], found
print(os.environ["OPENBLAS_NUM_THREADS"], len(os.listdir("/proc/self/task")))
"""


def test_every_layer_of_the_model_multiplies_in_numpy_not_blis(backend):
    from thinc.api import NumpyOps

    model = backend._nlp.get_pipe("ner").model
    # The output layer ("upper") is not among them: spaCy builds it with thinc's default ops
    # on purpose, and only the parser's C loop uses its weights, through blis.
    layers = [layer for name in ("tok2vec", "lower") for layer in model.get_ref(name).walk()]
    assert len(layers) > 10
    assert all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
@pytest.mark.parametrize("preset", [None, "3"])
def test_recognising_starts_no_thread_unless_the_environment_asks_for_blas_threads(preset):
    """A process that imports newsdesk before numpy, as the CLI and MkDocs' plugin loading
    do, runs the model without OpenBLAS's thread pool; a user's own setting is kept."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if preset:
        env["OPENBLAS_NUM_THREADS"] = preset
    proc = subprocess.run([sys.executable, "-c", THREADS_AFTER_RECOGNISING], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    setting, threads = proc.stdout.split()
    assert setting == (preset or "1")
    if preset is None:
        assert int(threads) == 1
    elif (os.cpu_count() or 1) > 1:  # OpenBLAS starts at most one thread per core
        assert int(threads) > 1, "the user's OPENBLAS_NUM_THREADS was not kept"


def test_it_finds_what_thincs_default_set_up_finds_on_the_seeds(backend, monkeypatch):
    texts = paragraphs()
    ours = backend.find(texts)
    import spacy

    default = spacy.load(MODEL, exclude=EXCLUDED)  # thinc's default ops: blis
    assert default.get_pipe("ner").model.ops.use_blis
    monkeypatch.setattr(ner_spacy, "_load", functools.cache(lambda: default))
    assert backend.find(texts) == ours
    assert sum(map(len, ours)) > 200


def test_an_articles_entities_do_not_depend_on_the_seeds_analysed_with_it(tmp_path) -> None:
    """The model's result for a paragraph can change with the other paragraphs of its
    batch: these two edited seeds analysed together once gave "Revolutionary Guard Corps"
    where all five seeds analysed together gave "Islamic Revolutionary Guard Corps". Each
    article is now recognised in a batch of its own (``analyse._recognise``)."""
    import shutil

    from newsdesk.analyse import analyse_seeds
    from newsdesk.config import load_settings
    from tests.conftest import copy_bundled

    project = copy_bundled(tmp_path / "p")
    added = "\nThe Zorblaxian delegation met officials in Baghdad on Monday, Esper said.\n"
    for name in ("001_b0cd20c48cf146de", "002_5adceb2b319e5a58"):
        seed = project / "seeds" / f"{name}.txt"
        seed.write_text(seed.read_text("utf-8") + added, "utf-8")
    settings = load_settings(project)
    paths = sorted((project / "seeds").glob("*.txt"))
    edited = [p for p in paths if p.name.startswith(("001", "002"))]
    two = analyse_seeds(edited, settings).articles
    shutil.rmtree(settings.cache_dir)
    five = {a.seed: a for a in analyse_seeds(paths, settings).articles}
    assert len(two) == 2 and all(article == five[article.seed] for article in two)
