from pnetp.core.text import clean_text, fold


def test_clean_text_strips_markup_and_spaces():
    raw = "<p>Vítimas\u00a0de  tráfico <i>queers</i> , e outras.</p>"
    assert clean_text(raw) == "Vítimas de tráfico queers, e outras."


def test_clean_text_unescapes_entities():
    assert clean_text("Comitê &amp; Núcleos&nbsp;NETP") == "Comitê & Núcleos NETP"


def test_fold_removes_accents_and_case():
    assert fold("Capacitação  ÓRGÃOS") == "capacitacao orgaos"


def test_decode_bytes_prefers_utf8_and_falls_back_to_windows_1252():
    from pnetp.core.files import decode_bytes

    assert decode_bytes("Ação".encode()) == "Ação"
    assert decode_bytes(b"\xef\xbb\xbf" + "Ação".encode()) == "Ação"  # BOM dropped
    assert decode_bytes("Ação".encode("cp1252")) == "Ação"
    assert decode_bytes(b"\x81\x8d\x8f") is None  # bytes Windows-1252 leaves undefined
