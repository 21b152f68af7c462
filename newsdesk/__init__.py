"""newsdesk: a folder of raw news articles in, a cross-linked, searchable MkDocs site out.

Importing newsdesk keeps OpenBLAS, numpy's BLAS (in which spaCy's model multiplies, see
``extract/ner_spacy.py``), from starting a pool of threads, unless the environment already
sets ``OPENBLAS_NUM_THREADS``. It must happen before numpy is loaded, hence here. The
threads would not help: the analysis runs one process per core. And they cost: once a
second thread has run in a process, spaCy's parser stays about a quarter slower for the
rest of that process (measured: 5.1 s before any thread, 7.0 s after one thread had run and
ended, on the same 97,000 words; most likely glibc's memory allocator leaving its
single-threaded fast path). Without the pool, the parallel analysis of 1,200 Wikinews
articles took 17.4 s instead of 21.9 s. OpenBLAS reads the variable once, when it loads.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
