from django.template import Context, Template

from pnetp.core.templatetags.pnetp_tags import highlight
from pnetp.core.text import find_folded


def test_find_folded_maps_back_to_accented_text():
    text = "Capacitação dos ÓRGÃOS"
    assert [text[s:e] for s, e in find_folded(text, ["capacitacao", "orgaos"])] == ["Capacitação", "ÓRGÃOS"]


def test_find_folded_merges_overlaps_and_handles_expanding_characters():
    assert find_folded("tráfico", ["traf", "afico"]) == [(0, 7)]
    assert find_folded("Straße", ["strasse"]) == [(0, 6)]
    assert find_folded("sem termos", []) == []


def test_highlight_escapes_everything_but_the_marks():
    html = highlight('<b>órgãos</b> & "aspas"', ["orgaos"])
    assert html == "&lt;b&gt;<mark>órgãos</mark>&lt;/b&gt; &amp; &quot;aspas&quot;"


def test_highlight_without_terms_only_escapes():
    assert highlight("<i>x</i>", []) == "&lt;i&gt;x&lt;/i&gt;"


def test_crumb_tag_links_or_marks_current_page():
    html = Template('{% load pnetp_tags %}{% crumb "Planos" "plans:plan_list" %}{% crumb "Eixo 1" %}').render(Context())
    assert '<a href="/plano/">Planos</a>' in html
    assert '<li class="crumb" data-active="active">' in html
    assert '<span aria-current="page">Eixo 1</span>' in html


def test_crumb_tag_reverses_with_arguments_and_escapes_labels():
    html = Template('{% load pnetp_tags %}{% crumb label "plans:plan" "iv-pnetp" %}').render(Context({"label": "<x>"}))
    assert '<a href="/plano/iv-pnetp/">&lt;x&gt;</a>' in html
