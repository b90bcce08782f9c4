from pnetp.core.text import clean_text, fold


def test_clean_text_strips_markup_and_spaces():
    raw = "<p>Vítimas\u00a0de  tráfico <i>queers</i> , e outras.</p>"
    assert clean_text(raw) == "Vítimas de tráfico queers, e outras."


def test_clean_text_unescapes_entities():
    assert clean_text("Comitê &amp; Núcleos&nbsp;NETP") == "Comitê & Núcleos NETP"


def test_fold_removes_accents_and_case():
    assert fold("Capacitação  ÓRGÃOS") == "capacitacao orgaos"
