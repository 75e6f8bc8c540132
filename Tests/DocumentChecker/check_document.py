#!/usr/bin/env python3
"""The project's document checker for the ODT and DOCX files that vip writes.

usage: check_document.py [--skip CHECK]... FILE.odt|FILE.docx...

For every file it prints one line per check,

    PASS|FAIL|SKIP <check> <seconds>s <summary>

with the details of a failure indented below it, and a closing `RESULT:` line. It exits
1 when any check of any file failed, 2 on a usage error, 0 otherwise.

Checks (see README.md beside this file for the reasons):
  ODT : package (ODF 1.3 part 2 packaging rules), relaxng (OASIS ODF RELAX NG schema of
        the document's office:version, with jing -i), soffice, pandoc
  DOCX: package (OPC: content types, relationships), xsd (ECMA-376 transitional, after
        Markup Compatibility processing), python-docx, pandoc, soffice

A tool that is not installed is a FAIL, never a silent pass (`make setup-test` installs
them). `--skip soffice` (or SKIP_SOFFICE=1) reports the LibreOffice check as SKIP.
"""
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "schemas")
ODF_SCHEMAS = {  # office:version -> (document schema, manifest schema)
    "1.3": ("odf/OpenDocument-v1.3-schema.rng", "odf/OpenDocument-v1.3-manifest-schema.rng"),
}
OOXML_DRIVER = os.path.join(SCHEMAS, "ooxml-driver.xsd")

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_XML_PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml")

CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Parse without network access and without resolving external entities.
SAFE = etree.XMLParser(no_network=True, resolve_entities=False)


class Failed(Exception):
    """A check's verdict FAIL: a one-line summary and detail lines."""

    def __init__(self, summary, details=()):
        super().__init__(summary)
        self.summary = summary
        self.details = list(details)


class Skipped(Exception):
    pass


# ----------------------------------------------------------------------------- ODT

def check_odt_package(path, z):
    """ODF 1.3 part 2, sections 3.3 and 3.2: the mimetype entry and the manifest."""
    problems = []
    infos = z.infolist()
    names = [i.filename for i in infos]
    if not infos or infos[0].filename != "mimetype":
        where = f"entry {names.index('mimetype') + 1}" if "mimetype" in names else "missing"
        problems.append(f"'mimetype' must be the first zip entry ({where})")
    if "mimetype" in names:
        info = z.getinfo("mimetype")
        if info.compress_type != zipfile.ZIP_STORED:
            problems.append(f"'mimetype' must be stored (method 0), is method {info.compress_type}")
        if info.extra:
            problems.append("'mimetype' has an extra field in the central directory")
        # The local header is what a sniffer reads at offset 0: no extra field there either.
        with open(path, "rb") as f:
            f.seek(info.header_offset)
            local = f.read(30)
        if local[:4] == b"PK\x03\x04" and int.from_bytes(local[28:30], "little") != 0:
            problems.append("'mimetype' has an extra field in its local header")
        content = z.read("mimetype")
        if content != ODT_MIMETYPE.encode("ascii"):
            problems.append(f"'mimetype' holds {content[:80]!r}, expected {ODT_MIMETYPE!r}")
    if "META-INF/manifest.xml" not in names:
        problems.append("META-INF/manifest.xml is missing")
    else:
        try:
            manifest = etree.fromstring(z.read("META-INF/manifest.xml"), SAFE)
        except etree.XMLSyntaxError as e:
            raise Failed("META-INF/manifest.xml is not well-formed", [str(e)])
        listed = {}
        for entry in manifest.iter(f"{{{MANIFEST}}}file-entry"):
            listed[entry.get(f"{{{MANIFEST}}}full-path")] = entry.get(f"{{{MANIFEST}}}media-type")
        if listed.get("/") != ODT_MIMETYPE:
            problems.append(f"manifest entry '/' has media type {listed.get('/')!r}, expected {ODT_MIMETYPE!r}")
        for part in listed:
            if part != "/" and not part.endswith("/") and part not in names:
                problems.append(f"manifest lists '{part}', which the package does not hold")
        for name in names:
            if name == "mimetype" or name.startswith("META-INF/") or name.endswith("/"):
                continue
            if name not in listed:
                problems.append(f"part '{name}' is not listed in the manifest")
    for part in ("content.xml", "styles.xml"):
        if part not in names:
            problems.append(f"{part} is missing")
    if problems:
        raise Failed(f"{len(problems)} problem(s): {problems[0]}", problems)
    return f"{len(names)} entries; mimetype first, stored, no extra field; manifest matches the parts"


def odf_version(z):
    for part in ("content.xml", "styles.xml"):
        if part in z.namelist():
            root = etree.fromstring(z.read(part), SAFE)
            return root.get(f"{{{OFFICE}}}version")
    return None


def check_odt_relaxng(z, workdir):
    if shutil.which("jing") is None:
        raise Failed("jing is not installed (make setup-test)")
    version = odf_version(z)
    if version not in ODF_SCHEMAS:
        raise Failed(f"office:version {version!r} has no schema here (have {', '.join(sorted(ODF_SCHEMAS))})")
    document_schema, manifest_schema = (os.path.join(SCHEMAS, s) for s in ODF_SCHEMAS[version])
    folder = os.path.join(workdir, "odt-parts")
    os.makedirs(folder, exist_ok=True)
    parts = []
    for name in ODF_XML_PARTS + ("META-INF/manifest.xml",):
        if name in z.namelist():
            target = os.path.join(folder, name.replace("/", "_"))
            with open(target, "wb") as f:
                f.write(z.read(name))
            parts.append((name, target))
    details = []
    for schema, group in ((document_schema, [p for p in parts if p[0] != "META-INF/manifest.xml"]),
                          (manifest_schema, [p for p in parts if p[0] == "META-INF/manifest.xml"])):
        if not group:
            continue
        # -i: the ODF schemas break the DTD-compatibility ID/IDREF rules jing enforces by default.
        r = subprocess.run(["jing", "-i", schema] + [t for _, t in group], capture_output=True, text=True)
        out = (r.stdout + r.stderr).replace(folder + "/", "")
        details += [line for line in out.splitlines() if line.strip() and not line.startswith("[warning]")]
        if r.returncode != 0 and not details:
            details.append(f"jing exited {r.returncode}")
    if details:
        raise Failed(f"ODF {version} RELAX NG: {len(details)} error(s)", details)
    return f"ODF {version} RELAX NG: {len(parts) - 1} part(s) and the manifest are valid"


# ----------------------------------------------------------------------------- DOCX

def content_type_of(part, defaults, overrides):
    """The content type OPC gives a part name: its Override, else the Default of its extension."""
    if "/" + part.lower() in overrides:
        return overrides["/" + part.lower()]
    base = posixpath.basename(part)
    return defaults.get(base.rsplit(".", 1)[1].lower()) if "." in base else None


def check_docx_package(z):
    """ECMA-376 part 2 (OPC): content types, relationships."""
    names = [n for n in z.namelist() if not n.endswith("/")]
    by_lower = {n.lower(): n for n in names}
    problems = []
    if "[Content_Types].xml" not in names:
        raise Failed("[Content_Types].xml is missing")
    try:
        types = etree.fromstring(z.read("[Content_Types].xml"), SAFE)
    except etree.XMLSyntaxError as e:
        raise Failed("[Content_Types].xml is not well-formed", [str(e)])
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{{{CONTENT_TYPES}}}Default")}
    overrides = {o.get("PartName", "").lower(): o.get("ContentType") for o in types.iter(f"{{{CONTENT_TYPES}}}Override")}
    for name in names:
        if name != "[Content_Types].xml" and content_type_of(name, defaults, overrides) is None:
            problems.append(f"part '{name}' has no content type (no Override, no Default for its extension)")
    for part_name in overrides:
        if part_name.lstrip("/") not in by_lower:
            problems.append(f"[Content_Types].xml has an Override for '{part_name}', which the package does not hold")
    if "_rels/.rels" not in names:
        problems.append("_rels/.rels is missing")
    main = None
    for rels in (n for n in names if n.endswith(".rels")):
        try:
            root = etree.fromstring(z.read(rels), SAFE)
        except etree.XMLSyntaxError as e:
            problems.append(f"{rels} is not well-formed: {e}")
            continue
        # word/_rels/document.xml.rels belongs to word/document.xml: targets are relative to word/.
        source_folder = posixpath.dirname(posixpath.dirname(rels))
        seen = set()
        for rel in root.iter(f"{{{RELATIONSHIPS}}}Relationship"):
            rid, target = rel.get("Id"), rel.get("Target", "")
            if rid in seen:
                problems.append(f"{rels}: Id {rid} is used twice")
            seen.add(rid)
            if rel.get("TargetMode") == "External":
                continue
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_folder, target))
            if full.lower() not in by_lower:
                problems.append(f"{rels}: relationship {rid} points at '{target}', which the package does not hold")
            elif rels == "_rels/.rels" and rel.get("Type") == OFFICE_DOCUMENT:
                main = by_lower[full.lower()]
    if main is None:
        problems.append("_rels/.rels has no officeDocument relationship to an existing part")
    elif content_type_of(main, defaults, overrides) != WORD_MAIN:
        problems.append(f"main part '{main}' has content type {content_type_of(main, defaults, overrides)!r}, expected {WORD_MAIN!r}")
    if problems:
        raise Failed(f"{len(problems)} problem(s): {problems[0]}", problems)
    return f"{len(names)} parts; every part has a content type; every relationship target exists; main part {main}"


def understood_namespaces(schema_folder):
    """The namespaces our schema set declares: what a consumer of these schemas 'understands'."""
    found = set()
    for folder, _, files in os.walk(schema_folder):
        for f in files:
            if f.endswith(".xsd"):
                tns = etree.parse(os.path.join(folder, f), SAFE).getroot().get("targetNamespace")
                if tns:
                    found.add(tns)
    return found


def markup_compatibility(element, understood, ignorable=frozenset()):
    """Resolves ECMA-376 part 3 (Markup Compatibility and Extensibility) in place, as a
    consumer that understands only `understood` would, so that the result can be checked
    against the published schemas:
    - mc:AlternateContent becomes the content of its first mc:Choice whose Requires
      prefixes are all understood, else of its mc:Fallback, else nothing;
    - elements and attributes in an ignorable, not understood namespace are dropped
      (mc:ProcessContent keeps such an element's children);
    - the mc: attributes themselves are dropped.
    Not handled: mc:MustUnderstand is reported by the schema as an unknown attribute."""
    def ns_of(name):
        return name[1:].split("}", 1)[0] if name.startswith("{") else ""

    declared = element.get(f"{{{MC}}}Ignorable")
    if declared:
        ignorable = set(ignorable)
        ignorable.update(element.nsmap[p] for p in declared.split() if p in element.nsmap)
        ignorable -= understood
        ignorable = frozenset(ignorable)
    process_content = set()
    for qname in (element.get(f"{{{MC}}}ProcessContent") or "").split():
        prefix, _, local = qname.rpartition(":")
        if prefix in element.nsmap:
            process_content.add(f"{{{element.nsmap[prefix]}}}{local}")
    for attribute in list(element.attrib):
        if ns_of(attribute) == MC or ns_of(attribute) in ignorable:
            del element.attrib[attribute]

    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):  # comment or processing instruction
            index += 1
            continue
        replacement = None
        if child.tag == f"{{{MC}}}AlternateContent":
            replacement = []
            for option in child:
                if option.tag == f"{{{MC}}}Choice":
                    requires = (option.get("Requires") or "").split()
                    if all(option.nsmap.get(p) in understood for p in requires):
                        replacement = list(option)
                        break
                elif option.tag == f"{{{MC}}}Fallback":
                    replacement = list(option)
                    break
        elif ns_of(child.tag) in ignorable:
            replacement = list(child) if child.tag in process_content else []
        if replacement is None:
            markup_compatibility(child, understood, ignorable)
            index += 1
            continue
        element.remove(child)
        for offset, node in enumerate(replacement):
            element.insert(index + offset, node)
        # The inserted nodes are processed in their turn by this loop.
    return element


_schema = None


def ooxml_schema():
    global _schema
    if _schema is None:
        _schema = (etree.XMLSchema(etree.parse(OOXML_DRIVER, SAFE)), understood_namespaces(SCHEMAS))
    return _schema


def check_docx_xsd(z):
    schema, understood = ooxml_schema()
    checked, details = [], []
    for name in z.namelist():
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        try:
            root = etree.fromstring(z.read(name), SAFE)
        except etree.XMLSyntaxError as e:
            details.append(f"{name}: not well-formed: {e}")
            continue
        namespace = etree.QName(root).namespace
        if namespace not in understood:
            details.append(f"{name}: root element {root.tag} has no schema in this checker")
            continue
        markup_compatibility(root, understood)
        # Re-parse the processed tree so that error line numbers refer to one consistent text.
        text = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
        document = etree.fromstring(text, SAFE).getroottree()
        if not schema.validate(document):
            for e in schema.error_log:
                details.append(f"{name}:{e.line}: {e.message}")
        checked.append(name)
    if details:
        bad = sorted({d.split(":", 1)[0] for d in details})
        raise Failed(f"ECMA-376 transitional: {len(bad)} part(s) invalid: {', '.join(bad)}", details)
    return f"ECMA-376 transitional: {len(checked)} parts valid after Markup Compatibility processing"


def check_python_docx(path):
    try:
        import docx
    except ImportError:
        raise Failed("python-docx is not installed (make setup-test)")
    try:
        document = docx.Document(path)
        paragraphs = [p.text for p in document.paragraphs]
        cells = sum(1 for t in document.tables for row in t.rows for c in row.cells if c.text is not None)
        for section in document.sections:
            _ = [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
        _ = [s.name for s in document.styles]
        _ = document.core_properties.title
    except Exception as e:  # noqa: BLE001 - any exception is the verdict
        raise Failed(f"python-docx could not open it: {type(e).__name__}: {str(e)[:200]}")
    return f"opened: {len(paragraphs)} paragraphs, {len(document.tables)} tables, {cells} cells"


# ----------------------------------------------------------------------------- readers

def check_pandoc(path, reader):
    if shutil.which("pandoc") is None:
        raise Failed("pandoc is not installed (make setup-test)")
    r = subprocess.run(["pandoc", "-f", reader, "-t", "plain", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise Failed(f"pandoc -f {reader} exited {r.returncode}", r.stderr.splitlines())
    return f"pandoc -f {reader} read {len(r.stdout.split())} words"


class LibreOffice:
    """One private profile per checker run (its first start is the slow part), one output
    folder per document (two documents with the same stem would overwrite each other's PDF)."""

    def __init__(self, workdir):
        self.profile = os.path.join(workdir, "lo-profile")
        self.workdir = workdir
        self.count = 0

    def check(self, path):
        if shutil.which("soffice") is None:
            raise Failed("soffice is not installed (make setup-test)")
        self.count += 1
        outdir = os.path.join(self.workdir, f"pdf-{self.count}")
        os.makedirs(outdir)
        command = ["soffice", f"-env:UserInstallation=file://{self.profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", outdir, path]
        try:
            r = subprocess.run(command, capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired:
            raise Failed("soffice did not finish within 180 s")
        # soffice exits 0 even when it could not load the file: the PDF is the verdict.
        pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        if not os.path.exists(pdf) or os.path.getsize(pdf) == 0:
            log = [line for line in (r.stdout + r.stderr).splitlines() if "javaldx" not in line]
            raise Failed(f"LibreOffice made no PDF (exit {r.returncode})", log)
        pages = ""
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = next((f", {line.split()[1]} page(s)" for line in info.splitlines() if line.startswith("Pages:")), "")
        return f"LibreOffice opened it and exported a PDF of {os.path.getsize(pdf)} bytes{pages}"


# ----------------------------------------------------------------------------- driver

def run_check(name, skip, function, *arguments):
    start = time.monotonic()
    details = []
    if name in skip:
        status, summary = "SKIP", "skipped on request"
    else:
        try:
            status, summary = "PASS", function(*arguments)
        except Failed as f:
            status, summary, details = "FAIL", f.summary, f.details
        except Exception as e:  # noqa: BLE001 - a crash of a check is a failure, not a pass
            status, summary = "FAIL", f"{type(e).__name__}: {e}"
    print(f"{status} {name} {time.monotonic() - start:.2f}s {summary}")
    for line in details[:15]:
        print(f"    {line[:300]}")
    if len(details) > 15:
        print(f"    ... {len(details) - 15} more")
    sys.stdout.flush()
    return status != "FAIL"


def check_file(path, skip, office, workdir):
    kind = os.path.splitext(path)[1].lower()
    if not os.path.isfile(path):
        print(f"FAIL input 0.00s no such file: {path}")
        return False
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        print(f"FAIL package 0.00s not a zip file: {e}")
        return False
    with z:
        if z.testzip() is not None:
            print(f"FAIL package 0.00s CRC error in {z.testzip()}")
            return False
        if kind == ".odt":
            results = [run_check("package", skip, check_odt_package, path, z),
                       run_check("relaxng", skip, check_odt_relaxng, z, workdir),
                       run_check("soffice", skip, office.check, path),
                       run_check("pandoc", skip, check_pandoc, path, "odt")]
        elif kind == ".docx":
            results = [run_check("package", skip, check_docx_package, z),
                       run_check("xsd", skip, check_docx_xsd, z),
                       run_check("python-docx", skip, check_python_docx, path),
                       run_check("pandoc", skip, check_pandoc, path, "docx"),
                       run_check("soffice", skip, office.check, path)]
        else:
            print(f"FAIL input 0.00s not an .odt or .docx file: {path}")
            return False
    return all(results)


def main(argv):
    skip, files = set(), []
    if os.environ.get("SKIP_SOFFICE") == "1":
        skip.add("soffice")
    arguments = iter(argv)
    for a in arguments:
        if a == "--skip":
            skip.add(next(arguments, ""))
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    workdir = tempfile.mkdtemp(prefix="vip-check-document-")
    try:
        office = LibreOffice(workdir)
        failed = []
        for path in files:
            print(f"== {path}")
            if not check_file(os.path.abspath(path), skip, office, workdir):
                failed.append(path)
        if failed:
            print(f"RESULT: FAIL ({len(failed)} of {len(files)} file(s): {', '.join(os.path.basename(f) for f in failed)})")
            return 1
        print(f"RESULT: PASS ({len(files)} file(s))")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
