"""The same plan written in the ways real files arrive: encodings, line endings, markup, spaces."""

import re

import pytest

from pnetp.plans.exporter import export_json, load_plan
from pnetp.plans.importing import import_plan_document, parse_document
from pnetp.plans.importing.reading import Source


def structure(document) -> list:
    """Everything that reaches the database, without line numbers (blank lines shift them)."""
    return [
        (
            axis.code,
            axis.title,
            axis.description,
            [(a.code, a.title, [(x.code, x.description) for x in a.activities]) for a in axis.actions],
        )
        for axis in document.axes
    ]


def parse(data: bytes, name: str = "iv.txt"):
    return parse_document(Source(name=name, data=data))


def _text(data: bytes) -> str:
    return data.decode("utf-8")


def crlf(data):
    return data.replace(b"\n", b"\r\n")


def bom(data):
    return b"\xef\xbb\xbf" + data


def windows_1252(data):
    return _text(data).encode("cp1252")


def en_dash_headings(data):
    return re.sub(r"(?m)^(Eixo \d+) - ", "\\1 \u2013 ", _text(data)).encode()


def em_dash_headings_without_spaces(data):
    return re.sub(r"(?m)^(Eixo \d+) - ", "\\1\u2014", _text(data)).encode()


def non_breaking_spaces(data):
    # Every space, including those of headings and codes ("Eixo\xa01\xa0-\xa0…", "1.1\xa0Potencializar").
    return _text(data).replace(" ", "\u00a0").encode()


def blank_lines_inside_tables(data):
    return _text(data).replace("\n\t", "\n\n\t").replace("\n1.", "\n\n1.").encode()


def markup_on_every_cell(data):
    lines = []
    for line in _text(data).split("\n"):
        if "\t" in line:
            cells = [re.sub(r"</?p>", "", cell) for cell in line.split("\t")]
            line = "\t".join(f"<p>{cell}</p>" if cell else "" for cell in cells)
        elif line:
            line = f"<p>{line}</p>"
        lines.append(line)
    return "\n".join(lines).encode()


def doubled_whitespace(data):
    return _text(data).replace(" ", "  ").replace("\t", " \t ").encode()


def trailing_tab_and_spaces(data):
    return _text(data).replace("\n", " \t\n").encode()


def _all_text_variants(data):
    for variant in (markup_on_every_cell, non_breaking_spaces, en_dash_headings, blank_lines_inside_tables):
        data = variant(data)
    return data


def everything_at_once(data):
    return bom(crlf(_all_text_variants(data)))


def everything_in_windows_1252(data):
    return crlf(windows_1252(_all_text_variants(data)))


VARIANTS = [
    crlf,
    bom,
    windows_1252,
    en_dash_headings,
    em_dash_headings_without_spaces,
    non_breaking_spaces,
    blank_lines_inside_tables,
    markup_on_every_cell,
    doubled_whitespace,
    trailing_tab_and_spaces,
    everything_at_once,
    everything_in_windows_1252,
]


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_variant_parses_to_the_same_plan(document_bytes, variant):
    data = variant(document_bytes)
    assert data != document_bytes  # the variant really changes the file
    original = parse(document_bytes)
    document = parse(data)
    assert structure(document) == structure(original)
    assert (document.intro, document.start_year, document.end_year) == (original.intro, 2024, 2028)


def test_line_numbers_follow_crlf_and_blank_lines(document_bytes):
    document = parse(blank_lines_inside_tables(crlf(document_bytes)))
    # "1.1.2" is on line 13 of the original file; one blank line was added before it and one before 1.1.
    assert document.axes[0].actions[0].activities[1].line == 15


@pytest.mark.django_db
def test_windows_1252_file_imports_the_same_texts(document_bytes, write_file):
    import_plan_document(document_bytes, name="iv.txt")
    expected = export_json(load_plan("iv-pnetp"))
    path = write_file("iv-cp1252.txt", everything_in_windows_1252(document_bytes))
    result = import_plan_document(path)
    # Same texts, so nothing to update; only the plan's recorded source would differ.
    assert [len(level.updated) + len(level.created) for level in result.levels()] == [0, 0, 0]
    assert export_json(load_plan("iv-pnetp")) == expected
