"""Reading the text files people export from office suites and government systems."""

UTF8_BOM = b"\xef\xbb\xbf"


def decode_bytes(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) strictly, else Windows-1252; None when neither reads the bytes.

    UTF-8 goes first because Windows-1252 "decodes" almost any byte sequence; a BOM settles the
    question. The BOM is never part of the returned text.
    """
    encodings = ("utf-8-sig",) if data.startswith(UTF8_BOM) else ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
