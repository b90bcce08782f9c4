"""XLSX decompression bombs built on the fly for tests and benchmarks (never committed as files).

The sheet's XML is a block of identical rows deflated once and repeated, each copy ending at a full
flush so the copies are byte-identical: a 2 MB file inflates to about 2 GB in a fraction of a second
of building, with a correct CRC, like a file an attacker would send. The zip is written by hand
(``zipfile`` can only compress what it is given, which would mean feeding it the gigabytes).
"""

import struct
import zlib

_BLOCK = 16 * 1024 * 1024
_ROW = b'<row><c t="inlineStr"><is><t>' + b"x" * 30000 + b"</t></is></c></row>"
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_PARTS = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b"</Types>"
    ),
    "_rels/.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>"
    ),
    "xl/workbook.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Planilha1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        b"</Relationships>"
    ),
}


def _deflated_sheet(compressed_bytes: int) -> tuple[bytes, int, int]:
    """(deflate stream, uncompressed size, crc32) of a sheet whose stream is about ``compressed_bytes`` long."""
    block = _ROW * (_BLOCK // len(_ROW))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(_SHEET_HEAD) + compressor.flush(zlib.Z_FULL_FLUSH)
    copy = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    copies = max(1, compressed_bytes // len(copy))
    tail = compressor.compress(_SHEET_TAIL) + compressor.flush()
    crc = zlib.crc32(_SHEET_HEAD)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(_SHEET_TAIL, crc)
    size = len(_SHEET_HEAD) + copies * len(block) + len(_SHEET_TAIL)
    return head + copy * copies + tail, size, crc


def xlsx_bomb(compressed_bytes: int) -> bytes:
    """A workbook of about ``compressed_bytes`` whose one sheet inflates about a thousand times."""
    entries = []
    for name, data in _PARTS.items():
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        entries.append((name, compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)))
    entries.append(("xl/worksheets/sheet1.xml", *_deflated_sheet(compressed_bytes)))
    body, directory = bytearray(), bytearray()
    for name, stream, size, crc in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0)
        body += encoded + stream
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(stream),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return bytes(body + directory + end)
