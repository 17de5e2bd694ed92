from spacy.lang.en import English

from newsevents.nlp import load_language
from newsevents.nlp.text import TEXT_KEY, doc_text, keep_text, span_text

TEXT = "KHARTOUM, May 14 (Reuters) -  Shelling killed 12 people.\n\nOfficials said so. "


def test_the_pipeline_keeps_each_text_it_reads():
    nlp = load_language()
    for doc in [nlp(TEXT), *nlp.pipe([TEXT, "Another one."])]:
        assert doc.user_data[TEXT_KEY] == doc.text
        assert doc_text(doc) == doc.text


def test_a_doc_made_elsewhere_is_joined():
    doc = English()(TEXT)
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == TEXT


def test_keep_text_on_any_pipeline():
    nlp = English()
    keep_text(nlp)
    assert nlp(TEXT).user_data[TEXT_KEY] is TEXT


def test_a_span_text_is_the_span_s_own():
    nlp = load_language()
    parsed = [nlp(TEXT), nlp(" \tTwo  spaces, a tab\t and  more .  ")]
    for doc in [*parsed, English()(TEXT)]:
        spans = [doc[:], doc[1:1], *(doc[i : i + 3] for i in range(len(doc)))]
        if doc in parsed:
            spans += [*doc.sents, *doc.ents]
        assert [span_text(span) for span in spans] == [span.text for span in spans]
