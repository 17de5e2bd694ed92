import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, POS, TAG
from thinc.api import Model, NumpyOps

from newsevents.nlp import load_language, load_model_package
from newsevents.nlp.blas import BLAS, NumpyBlasOps

TEXTS = [
    "Syrian troops backed by Russian airpower have advanced in recent weeks against jihadi "
    "forces, and encircled a Turkish military post near Idlib. The airstrike killed three "
    "civilians and wounded a dozen more; nearly half a million people have fled since April.",
    "Protesters were arrested in Khartoum on Monday, police said, after thousands marched on "
    "the presidential palace. Officials denied that any shots had been fired. 'We're not "
    "leaving,' one told Reuters, as the African Union called for talks in Addis Ababa.",
]
ATTRIBUTES = [TAG, HEAD, DEP, POS, LEMMA, ENT_IOB, ENT_TYPE]


def test_every_layer_of_the_pipeline_multiplies_with_numpy() -> None:
    models = [getattr(component, "model", None) for _, component in load_language().pipeline]
    layers = [layer for model in models if isinstance(model, Model) for layer in model.walk()]
    assert len(layers) > 100
    assert all(isinstance(layer.ops, NumpyBlasOps) for layer in layers)


def test_bare_spacy_keeps_its_own_ops() -> None:
    ner = load_model_package().get_pipe("ner")
    assert not isinstance(ner.model.ops, NumpyBlasOps)  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", TEXTS)
def test_the_analyses_equal_bare_spacys(text: str) -> None:
    bare, ours = load_model_package()(text), load_language()(text)
    assert [t.text for t in ours] == [t.text for t in bare]
    assert (ours.to_array(ATTRIBUTES) == bare.to_array(ATTRIBUTES)).all()
    assert np.allclose(ours.tensor, bare.tensor, atol=1e-4)


def test_products_run_on_one_blas_thread_and_the_setting_comes_back() -> None:
    def blas_threads() -> list[int]:
        return [library["num_threads"] for library in BLAS.info()]

    threads_before = blas_threads()
    seen: list[list[int]] = []

    class WatchedNumpy:  # numpy, its dot noting the BLAS threads it was given
        def __getattr__(self, name: str) -> object:
            return getattr(np, name)

        def dot(self, *args: object, **kwargs: object) -> object:
            seen.append(blas_threads())
            return np.dot(*args, **kwargs)  # type: ignore[call-overload]

    ops = NumpyBlasOps()
    ops.xp = WatchedNumpy()
    rng = np.random.default_rng(0)
    x, w = rng.random((50, 30), dtype=np.float32), rng.random((20, 30), dtype=np.float32)
    product = ops.gemm(x, w, trans2=True)
    assert np.allclose(product, NumpyOps().gemm(x, w, trans2=True), rtol=1e-5)
    assert seen == [[1] * len(threads_before)]
    assert blas_threads() == threads_before
