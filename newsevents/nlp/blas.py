"""spaCy's matrix products through numpy's BLAS (OpenBLAS in numpy's wheels), one thread.

thinc's ``NumpyOps`` multiplies matrices with ``blis``. In ``en_core_web_sm`` most of the
neural time is such products: the maxout layers of the shared encoder and of the NER's own
encoder ((tokens x 288) by (288 x 288)), and the parser's and NER's first layer over every
token. On this project's machine (AMD EPYC, blis 1.3, numpy 2.4's OpenBLAS 0.3) numpy does that
product 3.6x faster (43 -> 12 ms for 6,000 tokens); the whole model reads the same texts in
about 0.8 of the time. Tags, heads, dependencies, lemmas and entities come out the same
(``tests/test_nlp_blas.py``; the first 100 articles of the bench corpus: all 137,425 tokens);
the encoder's output, ``doc.tensor``, differs by at most 4e-6 (another summation order).

The products are limited to one BLAS thread, as blis runs them: a pipeline process is one
worker on one core (``newsevents batch`` starts one per core), where OpenBLAS's own threads
would only compete with the other workers. The parser's and NER's per-step products are
compiled against blis inside spaCy and stay as they are.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

BLAS = ThreadpoolController()  # the BLAS libraries loaded now: numpy's


class NumpyBlasOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` is numpy's ``dot`` on one BLAS thread."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)  # NumpyOps.gemm then hands over to Ops.gemm: numpy.dot

    def gemm(
        self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False
    ) -> Any:
        with BLAS.limit(limits=1, user_api="blas"):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_blas(nlp: Language) -> None:
    """Every thinc layer of the pipeline's components computes with :class:`NumpyBlasOps`
    (a layer's ops are chosen when it is built: only this pipeline's layers change)."""
    ops = NumpyBlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops
