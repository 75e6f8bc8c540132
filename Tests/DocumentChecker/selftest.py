#!/usr/bin/env python3
"""Proves the document checker: builds a small valid ODT and DOCX from scratch, and
copies of them broken in one way each, runs check_document.py on every file and asserts
each check's verdict. Prints one line per case and `N passed, N failed`; exits 1 when any
verdict is not the expected one.

usage: selftest.py            (about half a minute; LibreOffice runs on three files)
"""
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_document.py")
sys.path.insert(0, HERE)
import check_document  # noqa: E402

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
NS_ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
ODT_CONTENT = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS_ODF} office:version="1.3">'
               '<office:body><office:text><text:h text:outline-level="1">Zelftest</text:h>'
               '<text:p>Een alinea met<text:s text:c="2"/>spaties.</text:p></office:text></office:body>'
               '</office:document-content>')
ODT_STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS_ODF} office:version="1.3">'
              '<office:styles/></office:document-styles>')
ODT_META = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS_ODF} office:version="1.3">'
            '<office:meta><dc:title>Zelftest</dc:title></office:meta></office:document-meta>')


def manifest(parts):
    entries = "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>' for p in parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
            f'manifest:media-type="{ODT_MIMETYPE.decode()}"/>{entries}</manifest:manifest>')


def odt(mimetype_first=True, mimetype_method=zipfile.ZIP_STORED, mimetype_extra=b"", mimetype=ODT_MIMETYPE,
        listed=("content.xml", "styles.xml", "meta.xml"), content=ODT_CONTENT):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = mimetype_method
        info.extra = mimetype_extra
        if mimetype_first:
            z.writestr(info, mimetype)
        for name, data in (("content.xml", content), ("styles.xml", ODT_STYLES), ("meta.xml", ODT_META),
                           ("META-INF/manifest.xml", manifest(listed))):
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        if not mimetype_first:
            z.writestr(info, mimetype)
    return buffer.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_BODY = '<w:p><w:r><w:t xml:space="preserve">Een alinea met  spaties.</w:t></w:r></w:p>'
DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        '</Relationships>'),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
        '</Relationships>'),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
        '<w:body>BODY<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'),
    "word/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
        '<w:name w:val="Normal"/></w:style></w:styles>'),
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>Zelftest</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '</cp:coreProperties>'),
}


def docx(body=DOCX_BODY, drop=(), replace=None):
    parts = dict(DOCX_PARTS)
    parts["word/document.xml"] = parts["word/document.xml"].replace("BODY", body)
    for old, new in (replace or {}).items():
        for name in parts:
            parts[name] = parts[name].replace(old, new)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name not in drop:
                z.writestr(name, data)
    return buffer.getvalue()


CT_STYLES = ('<Override PartName="/word/styles.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>')
MC_CHOICE = ('<mc:AlternateContent><mc:Choice xmlns:x="urn:example:unknown" Requires="x">'
             '<x:fancy/></mc:Choice><mc:Fallback><w:p><w:r><w:t>Terugval</w:t></w:r></w:p></mc:Fallback>'
             '</mc:AlternateContent>')

# (file name, bytes, {check: expected verdict}, checks to skip)
CASES = [
    ("goed.odt", odt(), {"package": "PASS", "relaxng": "PASS", "soffice": "PASS", "pandoc": "PASS"}, ()),
    ("goed.docx", docx(), {"package": "PASS", "xsd": "PASS", "python-docx": "PASS", "pandoc": "PASS",
                           "soffice": "PASS"}, ()),
    ("mimetype-niet-eerst.odt", odt(mimetype_first=False), {"package": "FAIL", "relaxng": "PASS"}, ("soffice",)),
    ("mimetype-gecomprimeerd.odt", odt(mimetype_method=zipfile.ZIP_DEFLATED), {"package": "FAIL"}, ("soffice",)),
    ("mimetype-extra-veld.odt", odt(mimetype_extra=b"\xfe\xca\x00\x00"), {"package": "FAIL"}, ("soffice",)),
    ("mimetype-verkeerd.odt", odt(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"),
     {"package": "FAIL"}, ("soffice",)),
    ("manifest-mist-deel.odt", odt(listed=("content.xml", "styles.xml")), {"package": "FAIL", "relaxng": "PASS"},
     ("soffice",)),
    ("manifest-noemt-afwezig-deel.odt", odt(listed=("content.xml", "styles.xml", "meta.xml", "settings.xml")),
     {"package": "FAIL"}, ("soffice",)),
    ("schema-ongeldig.odt", odt(content=ODT_CONTENT.replace("<text:p>", "<text:p><text:bestaatniet/>")),
     {"package": "PASS", "relaxng": "FAIL", "pandoc": "PASS"}, ("soffice",)),
    ("schema-ongeldig.docx", docx(body='<w:p><w:bestaatniet/></w:p>'),
     {"package": "PASS", "xsd": "FAIL"}, ("soffice",)),
    ("schema-volgorde.docx", docx(body='<w:p><w:r><w:t>a</w:t><w:rPr><w:b/></w:rPr></w:r></w:p>'),
     {"xsd": "FAIL"}, ("soffice",)),
    ("contenttype-mist.docx", docx(replace={CT_STYLES: ""}), {"package": "FAIL", "xsd": "PASS"}, ("soffice",)),
    ("relatie-wijst-nergens.docx", docx(replace={'Target="styles.xml"': 'Target="stijlen.xml"'}),
     {"package": "FAIL"}, ("soffice",)),
    ("rels-ontbreekt.docx", docx(drop=("_rels/.rels",)), {"package": "FAIL"}, ("soffice", "python-docx", "pandoc")),
    # Markup Compatibility: an ignorable element and an AlternateContent whose Choice needs an
    # unknown namespace are resolved before the schema check; the same element without the
    # Ignorable declaration is invalid.
    ("mc-negeerbaar.docx", docx(body='<w:p><w14:extra/><w:r w14:paraId="1"><w:t>a</w:t></w:r></w:p>' + MC_CHOICE),
     {"package": "PASS", "xsd": "PASS"}, ("soffice",)),
    ("mc-niet-negeerbaar.docx", docx(body='<w:p><w14:extra/></w:p>', replace={' mc:Ignorable="w14"': ""}),
     {"xsd": "FAIL"}, ("soffice",)),
]


def verdicts(output):
    return {m.group(2): m.group(1) for m in re.finditer(r"^(PASS|FAIL|SKIP) (\S+) [\d.]+s ", output, re.M)}


def main():
    passed = failed = 0

    def verdict(name, ok, detail=""):
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'ok  ' if ok else 'FOUT'} {name}{'' if ok else ': ' + detail}")

    with tempfile.TemporaryDirectory(prefix="vip-checker-selftest-") as folder:
        for name, data, expected, skip in CASES:
            path = os.path.join(folder, name)
            with open(path, "wb") as f:
                f.write(data)
            command = [sys.executable, CHECKER] + [a for s in skip for a in ("--skip", s)] + [path]
            r = subprocess.run(command, capture_output=True, text=True)
            got = verdicts(r.stdout)
            wrong = {c: got.get(c) for c, v in expected.items() if got.get(c) != v}
            should_fail = "FAIL" in expected.values()
            if r.returncode != (1 if should_fail else 0):
                wrong["exit"] = r.returncode
            verdict(name, not wrong, f"expected {expected}, got {wrong}\n{r.stdout}{r.stderr}")

        # LibreOffice's own verdict: a file it cannot load gives no PDF although soffice exits 0.
        junk = os.path.join(folder, "onleesbaar.odt")
        with open(junk, "wb") as f:
            f.write(b"PK\x03\x04 dit is geen document")
        office = check_document.LibreOffice(tempfile.mkdtemp(dir=folder))
        try:
            office.check(junk)
            verdict("soffice-onleesbaar.odt", False, "LibreOffice check passed a file it cannot load")
        except check_document.Failed:
            verdict("soffice-onleesbaar.odt", True)

        # A file that is not a zip at all fails, and the exit code says so.
        r = subprocess.run([sys.executable, CHECKER, junk], capture_output=True, text=True)
        verdict("geen-zip.odt", r.returncode == 1 and "FAIL package" in r.stdout, r.stdout)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
