#!/usr/bin/env python3
"""Peers of vip for `make bench`: relatorio (ODT, Genshi directives) and docxtpl
(DOCX, Jinja tags), filling templates that this script makes itself with the same
documents vip builds per package: a letter per fund, the project plan, the budget
and the fund list. Runs inside bench/.venv (bench/run.sh installs it).

  peers.py templates DIR                      make the templates
  peers.py batch --templates DIR --variants DIR --n N --runs R --json OUT
  peers.py one --templates DIR --format odt|docx FILE.yaml OUTDIR   (one package, for process-start timing)
  peers.py verify --templates DIR VARIANT.yaml VIPDIR               (same key texts in peers' and vip's output)
"""
import io
import json
import os
import re
import statistics
import sys
import time
import zipfile
from decimal import Decimal

import yaml

# ---------------------------------------------------------------- data

def amount(v):
    """A vip amount (44.5, "44,75", "3.443,75", 2500) as Decimal."""
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    s = str(v).strip()
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    return Decimal(s)


def euro(d):
    s = f"{d:,.2f}"  # 3,443.75
    return "€ " + s.replace(",", "_").replace(".", ",").replace("_", ".")


def context(a):
    """The template data of one aanvraag, computed as vip computes it."""
    org = a["organisatie"]
    proj = a["project"]
    posten = []
    totaal = Decimal(0)
    for p in a["begroting"]["posten"]:
        bedrag = amount(p["aantal"]) * amount(p["prijs"])
        totaal += bedrag
        posten.append({"post": p["post"], "categorie": p["categorie"], "aantal": p["aantal"],
                       "eenheid": p.get("eenheid", ""), "prijs": euro(amount(p["prijs"])), "bedrag": euro(bedrag),
                       "toelichting": p.get("toelichting", "")})
    dekking = []
    dtotaal = Decimal(0)
    for d in a["dekkingsplan"]:
        b = amount(d["bedrag"])
        if d.get("status") != "afgewezen":
            dtotaal += b
        dekking.append({"naam": d.get("fonds") or d.get("bron"), "bedrag": euro(b), "status": d.get("status", "")})
    return {
        "organisatie": org["naam"], "adres": org["adres"], "contact": org["contactpersoon"],
        "kvk": org.get("kvk", ""), "iban": org.get("iban", ""),
        "titel": proj["titel"], "samenvatting": proj["samenvatting"].strip(), "aanleiding": proj["aanleiding"].strip(),
        "doel": proj["doel"].strip(), "doelgroep": proj["doelgroep"]["omschrijving"].strip(),
        "activiteiten": proj["activiteiten"], "resultaten": proj["resultaten"],
        "posten": posten, "totaal": euro(totaal), "dekking": dekking, "dekking_totaal": euro(dtotaal),
        "toelichting": a["begroting"].get("toelichting", "").strip(),
        "fondsen": a["fondsen"], "plaats": a["brief"]["plaats"], "datum": str(a["brief"]["datum"]),
        "ondertekening": a["brief"]["ondertekening"],
    }


def letter_context(ctx, fonds, a):
    gevraagd = next((d["bedrag"] for d in ctx["dekking"] if d["naam"] == fonds["naam"]), "")
    c = dict(ctx)
    c["fonds"] = fonds
    c["gevraagd"] = gevraagd
    return c

# ---------------------------------------------------------------- templates

# Each document: a list of (kind, text) where kind is p (paragraph), h (heading),
# for/endfor (loop over paragraphs), table (rows with a loop).
DOCS = {
    "brief": [
        ("p", "{organisatie}"), ("p", "{adres.straat}"), ("p", "{adres.postcode} {adres.plaats}"),
        ("p", "{fonds.naam}"), ("p", "t.a.v. {fonds.ter_attentie_van}"), ("p", "{fonds.adres.straat}"),
        ("p", "{fonds.adres.postcode} {fonds.adres.plaats}"), ("p", "{plaats}, {datum}"),
        ("p", "Betreft: aanvraag voor {titel}"), ("p", "{fonds.aanhef}"), ("p", "{samenvatting}"),
        ("p", "Wij vragen u een bijdrage van {gevraagd}. De totale begroting is {totaal}."),
        ("p", "{aanleiding}"), ("p", "Met vriendelijke groet,"),
        ("for", "o in ondertekening"), ("p", "{o.naam}, {o.functie}"), ("endfor", ""),
    ],
    "projectplan": [
        ("h", "{titel}"), ("p", "{organisatie}"), ("h", "Samenvatting"), ("p", "{samenvatting}"),
        ("h", "Aanleiding"), ("p", "{aanleiding}"), ("h", "Doel"), ("p", "{doel}"),
        ("h", "Doelgroep"), ("p", "{doelgroep}"), ("h", "Activiteiten"),
        ("for", "x in activiteiten"), ("p", "{x.naam}: {x.omschrijving}"), ("endfor", ""),
        ("h", "Resultaten"),
        ("for", "x in resultaten"), ("p", "{x.resultaat} {x.waarom}"), ("endfor", ""),
    ],
    "begroting": [
        ("h", "Begroting {titel}"), ("p", "{organisatie}"),
        ("table", ("posten", "p", ["{p.post}", "{p.aantal} {p.eenheid}", "{p.prijs}", "{p.bedrag}"],
                   ["Post", "Aantal", "Prijs", "Bedrag"], ["Totaal", "", "", "{totaal}"])),
        ("p", "{toelichting}"),
    ],
    "fondsenlijst": [
        ("h", "Dekkingsplan en fondsen {titel}"),
        ("table", ("dekking", "d", ["{d.naam}", "{d.status}", "{d.bedrag}"],
                   ["Bron of fonds", "Status", "Bedrag"], ["Totaal", "", "{dekking_totaal}"])),
    ],
}

FIELD = re.compile(r"\{([a-z_.]+)\}")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- ODT (relatorio): placeholders <text:placeholder>&lt;expr&gt;</text:placeholder>
def odt_ph(expr):
    return f'<text:placeholder text:placeholder-type="text">{xml_escape("<" + expr + ">")}</text:placeholder>'


def odt_text(t):
    out, pos = [], 0
    for m in FIELD.finditer(t):
        out.append(xml_escape(t[pos:m.start()]))
        out.append(odt_ph(m.group(1)))
        pos = m.end()
    out.append(xml_escape(t[pos:]))
    return "".join(out)


NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" ')


def odt_content(doc):
    body = []
    for kind, t in DOCS[doc]:
        if kind == "p":
            body.append(f'<text:p text:style-name="Standard">{odt_text(t)}</text:p>')
        elif kind == "h":
            body.append(f'<text:h text:outline-level="1">{odt_text(t)}</text:h>')
        elif kind == "for":
            body.append("<text:p>" + odt_ph('for each="' + t + '"') + "</text:p>")
        elif kind == "endfor":
            body.append(f'<text:p>{odt_ph("/for")}</text:p>')
        elif kind == "table":
            lst, var, cells, head, foot = t
            n = len(cells)
            row = lambda cs: "<table:table-row>" + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>' for c in cs) + "</table:table-row>"
            body.append(f'<table:table table:name="{doc}"><table:table-column table:number-columns-repeated="{n}"/>')
            body.append(row([xml_escape(h) for h in head]))
            body.append(row([odt_ph(f'for each="{var} in {lst}"')] + [""] * (n - 1)))
            body.append(row([odt_text(c) for c in cells]))
            body.append(row([odt_ph("/for")] + [""] * (n - 1)))
            body.append(row([odt_text(c) for c in foot]))
            body.append("</table:table>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document-content ' + NS + 'office:version="1.3">'
            '<office:body><office:text>' + "".join(body) + '</office:text></office:body></office:document-content>')


ODT_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ' + NS + 'office:version="1.3">'
              '<office:styles><style:style style:name="Standard" style:family="paragraph">'
              '<style:text-properties fo:font-size="11pt"/></style:style></office:styles></office:document-styles>')
ODT_META = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ' + NS + 'office:version="1.3">'
            '<office:meta/></office:document-meta>')
ODT_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')


def write_odt(path, doc):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", odt_content(doc), zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", ODT_STYLES, zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", ODT_META, zipfile.ZIP_DEFLATED)


# ---- DOCX (docxtpl): Jinja tags in runs, {%tr %} for table rows, {%p %} for paragraphs
def jinja(t):
    return FIELD.sub(lambda m: "{{ " + m.group(1) + " }}", t)


def write_docx(path, doc):
    import docx
    d = docx.Document()
    for kind, t in DOCS[doc]:
        if kind == "p":
            d.add_paragraph(jinja(t))
        elif kind == "h":
            d.add_heading(jinja(t), level=1)
        elif kind == "for":
            d.add_paragraph("{%p for " + t + " %}")
        elif kind == "endfor":
            d.add_paragraph("{%p endfor %}")
        elif kind == "table":
            lst, var, cells, head, foot = t
            table = d.add_table(rows=5, cols=len(cells))
            for i, h in enumerate(head):
                table.cell(0, i).text = h
            table.cell(1, 0).text = "{%tr for " + var + " in " + lst + " %}"
            for i, c in enumerate(cells):
                table.cell(2, i).text = jinja(c)
            table.cell(3, 0).text = "{%tr endfor %}"
            for i, c in enumerate(foot):
                table.cell(4, i).text = jinja(c)
    d.save(path)


def make_templates(folder):
    os.makedirs(folder, exist_ok=True)
    for doc in DOCS:
        write_odt(os.path.join(folder, doc + ".odt"), doc)
        write_docx(os.path.join(folder, doc + ".docx"), doc)

# ---------------------------------------------------------------- rendering

class Peers:
    def __init__(self, folder):
        self.folder = folder
        self.relatorio = {}

    def odt(self, doc):
        if doc not in self.relatorio:
            from relatorio.templates.opendocument import Template
            self.relatorio[doc] = Template(source="", filepath=os.path.join(self.folder, doc + ".odt"))
        return self.relatorio[doc]

    def package(self, a, fmt):
        """All documents of one package in memory: {name: bytes}."""
        ctx = context(a)
        jobs = [("brief-%d" % i, "brief", letter_context(ctx, f, a)) for i, f in enumerate(a["fondsen"])]
        jobs += [("projectplan", "projectplan", ctx), ("begroting", "begroting", ctx), ("fondsenlijst", "fondsenlijst", ctx)]
        out = {}
        for name, doc, c in jobs:
            if fmt == "odt":
                out[name + ".odt"] = self.odt(doc).generate(**c).render().getvalue()
            else:
                from docxtpl import DocxTemplate
                t = DocxTemplate(os.path.join(self.folder, doc + ".docx"))  # a template renders once
                t.render(c)
                buf = io.BytesIO()
                t.save(buf)
                out[name + ".docx"] = buf.getvalue()
        return out


def plain_text(data, name):
    z = zipfile.ZipFile(io.BytesIO(data))
    part = "content.xml" if name.endswith(".odt") else "word/document.xml"
    xml = z.read(part).decode("utf-8")
    xml = re.sub(r"<text:s( text:c=\"(\d+)\")?/>", lambda m: " " * int(m.group(2) or 1), xml)
    return re.sub(r"<[^>]+>", "", xml).replace("&amp;", "&").replace("\u00a0", " ")


def key_texts(a):
    ctx = context(a)
    return [ctx["organisatie"], ctx["titel"], ctx["fondsen"][0]["naam"], a["begroting"]["posten"][0]["post"],
            ctx["totaal"].replace("€ ", "")]


def spread(values):
    s = sorted(values)
    q = lambda p: s[min(len(s) - 1, int(round((len(s) - 1) * p)))]
    return {"min": s[0], "median": q(0.5), "p90": q(0.9), "max": s[-1]}


def main():
    cmd = sys.argv[1]
    if cmd == "templates":
        make_templates(sys.argv[2])
        return
    args = sys.argv[2:]
    opts = {}
    rest = []
    while args:
        x = args.pop(0)
        if x.startswith("--"):
            opts[x[2:]] = args.pop(0)
        else:
            rest.append(x)
    peers = Peers(opts["templates"])
    if cmd == "one":
        with open(rest[0], encoding="utf-8") as f:
            a = yaml.safe_load(f)
        os.makedirs(rest[1], exist_ok=True)
        for name, data in peers.package(a, opts["format"]).items():
            with open(os.path.join(rest[1], name), "wb") as f:
                f.write(data)
    elif cmd == "verify":
        with open(rest[0], encoding="utf-8") as f:
            a = yaml.safe_load(f)
        keys = key_texts(a)
        bad = 0
        sets = {"relatorio": peers.package(a, "odt"), "docxtpl": peers.package(a, "docx")}
        sets["vip"] = {n: open(os.path.join(rest[1], n), "rb").read() for n in os.listdir(rest[1])
                       if n.endswith((".odt", ".docx"))}
        for who, files in sets.items():
            text = " ".join(plain_text(d, n) for n, d in files.items())
            missing = [k for k in keys if k not in text]
            print(f"  {who:10s} {len(files):2d} documenten, sleutelteksten: "
                  + ("alle aanwezig" if not missing else "ONTBREEKT " + ", ".join(missing)))
            bad += bool(missing)
        sys.exit(1 if bad else 0)
    elif cmd == "batch":
        n, runs = int(opts["n"]), int(opts["runs"])
        files = sorted(os.listdir(opts["variants"]))[:n]
        data = []
        for fn in files:
            with open(os.path.join(opts["variants"], fn), encoding="utf-8") as f:
                data.append(yaml.safe_load(f))
        result = {"n": len(data), "runs": runs}
        for fmt, who in (("odt", "relatorio"), ("docx", "docxtpl")):
            peers.package(data[0], fmt)  # warm-up: templates parsed, modules imported
            each, means = [], []
            for _ in range(runs):
                r0 = time.perf_counter()
                for a in data:
                    t0 = time.perf_counter()
                    peers.package(a, fmt)
                    each.append((time.perf_counter() - t0) * 1000)
                means.append((time.perf_counter() - r0) * 1000 / len(data))
            s = spread(each)
            result[who] = {"perPackage": s, "perRunMean": spread(means),
                           "packagesPerSecond": 1000 / statistics.median(means)}
            print(f"  {who:10s} ({fmt}) min {s['min']:.3f}  mediaan {s['median']:.3f}  p90 {s['p90']:.3f}  "
                  f"max {s['max']:.3f}   ({1000 / statistics.median(means):.1f} pakketten/s)")
        with open(opts["json"], "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
