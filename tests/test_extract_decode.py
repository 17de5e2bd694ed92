"""Decoding a corpus of pages in five encodings: declared, undeclared and mis-declared, short and
long, as HTML and as plain text. The pages are real sentences encoded here."""

from __future__ import annotations

import pytest

from newsevents.extract.decode import decode

SENTENCES = {
    # a mostly-ASCII English page with a few accented names: the case that went Polish
    "latin-1 names": ("latin-1", "Señor Peña said the talks in Bogotá would resume on Monday."),
    "latin-1 french": (
        "latin-1",
        "Le président a déclaré lundi que les négociations reprendraient à Genève la semaine "
        "prochaine, après l'accord conclu à Paris. Les élus ont salué une décision « très "
        "attendue » par les réfugiés.",
    ),
    "windows-1252 quotes": ("cp1252", "“We will return,” said José Müller — the mayor."),
    "windows-1252 german": (
        "cp1252",
        "„Wir werden zurückkehren“, sagte der Bürgermeister – die Straßen in Köln blieben "
        "gesperrt. Über 200 Häuser wurden überflutet, die Schäden beliefen sich auf 5 Mio. €.",
    ),
    "windows-1250 polish": (
        "cp1250",
        "Lech Wałęsa powiedział w poniedziałek, że rozmowy w Gdańsku zostaną wznowione w "
        "przyszłym tygodniu.",
    ),
    "windows-1251 russian": (
        "cp1251",
        "Президент России заявил в понедельник, что переговоры в Женеве продолжатся на "
        "следующей неделе. Беженцы возвращаются в свои дома.",
    ),
    "windows-1251 short": ("cp1251", "Москва: переговоры продолжатся."),
    "shift-jis": (
        "shift_jis",
        "東京で月曜日、大規模な抗議活動が行われ、警察は数百人を拘束したと発表した。",
    ),
    "gb18030": (
        "gb18030",
        "北京周一宣布，与邻国的谈判将于下周在日内瓦恢复，数千名难民已返回家园。",
    ),
}
# How a page states its charset: not at all, rightly, or wrongly (as UTF-8, or as Latin-1).
DECLARATIONS = ("undeclared", "declared", "declared utf-8", "declared iso-8859-1")
LENGTHS = {"short": 1, "long": 12}


def page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>News</title></head><body><p>{text}</p></body></html>"


def declared(declaration: str, encoding: str) -> str | None:
    return {"undeclared": None, "declared": encoding}.get(declaration, declaration[9:])


@pytest.mark.parametrize("length", LENGTHS)
@pytest.mark.parametrize("declaration", DECLARATIONS)
@pytest.mark.parametrize("case", SENTENCES)
def test_html_pages_in_the_corpus_decode_to_their_text(
    case: str, declaration: str, length: str
) -> None:
    encoding, sentence = SENTENCES[case]
    text = " ".join([sentence] * LENGTHS[length])
    html = page(text, declared(declaration, encoding))
    assert text in decode(html.encode(encoding), html=True)


@pytest.mark.parametrize("via", ["meta", "transport"])
@pytest.mark.parametrize("case", SENTENCES)
def test_a_charset_declared_by_the_transport_is_weighed_like_the_pages_own(
    case: str, via: str
) -> None:
    encoding, sentence = SENTENCES[case]
    if via == "meta":
        assert sentence in decode(page(sentence, "iso-8859-1").encode(encoding), html=True)
    else:
        assert sentence in decode(page(sentence, None).encode(encoding), "iso-8859-1", html=True)


@pytest.mark.parametrize("length", LENGTHS)
@pytest.mark.parametrize("case", SENTENCES)
def test_text_files_in_the_corpus_decode_to_their_text(case: str, length: str) -> None:
    encoding, sentence = SENTENCES[case]
    text = " ".join([sentence] * LENGTHS[length])
    assert decode(text.encode(encoding)) == text


def test_utf8_with_a_few_invalid_bytes_stays_utf8() -> None:
    text = ("Le café était fermé lundi, a dit le maire. " * 20).encode()
    damaged = text[:100] + b"\xe9" + text[100:400] + b"\x96\x97" + text[400:]
    decoded = decode(damaged)
    assert decoded.count("\ufffd") == 3
    assert decoded.count("café") == 20
    assert "cafй" not in decoded


def test_ascii_with_one_latin1_letter_is_western() -> None:
    assert decode(b"The cafe on the square was closed on Monday. Its caf\xe9 too.").endswith(
        "Its café too."
    )


@pytest.mark.parametrize(
    ("language", "encoding", "sentence"),
    [
        ("tr", "cp1254", "Şehirde yağmur sürdü, okullar kapandı."),
        ("cs", "cp1250", "Vláda v pondělí oznámila, že jednání začnou."),
    ],
)
def test_the_language_a_page_declares_weighs_for_its_charsets(
    language: str, encoding: str, sentence: str
) -> None:
    html = f"<html><head><title>News</title></head><body><p>{sentence}</p></body></html>"
    declared = html.replace("<html>", f'<html lang="{language}">')
    assert sentence in decode(declared.encode(encoding), html=True)
    # Undeclared, a sentence this short reads as Western: the prior, and a known limit.
    assert sentence not in decode(html.encode(encoding), html=True)
