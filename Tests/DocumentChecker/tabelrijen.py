#!/usr/bin/env python3
"""Prints every table row of an ODT or DOCX document, one row per line, cells separated by a tab.

The rows are read the way a real reader reads them: python-docx for DOCX, the ODF XML for ODT.
Inside a cell, paragraphs and line breaks become spaces; a no-break space stays as it is.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET


def docx_rows(path):
    import docx
    for table in docx.Document(path).tables:
        for row in table.rows:
            yield [" ".join(p.text for p in cell.paragraphs).strip() for cell in row.cells]


ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def odf_text(element):
    parts = []
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag.split("}")[1]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{ODF_TEXT}}}c", "1")))
        elif tag in ("line-break", "tab"):
            parts.append(" ")
        else:
            parts.append(odf_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def odt_rows(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.xml"))
    for row in root.iter(f"{{{ODF_TABLE}}}table-row"):
        cells = []
        for cell in row:
            if cell.tag != f"{{{ODF_TABLE}}}table-cell":
                continue
            cells.append(" ".join(odf_text(p) for p in cell).strip())
        yield cells


def main():
    path = sys.argv[1]
    rows = docx_rows(path) if path.endswith(".docx") else odt_rows(path)
    for cells in rows:
        print("\t".join(" ".join(c.split(" ")) for c in cells))


if __name__ == "__main__":
    main()
