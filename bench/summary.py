#!/usr/bin/env python3
"""Prints the figures of bench/run.sh: vip beside its peers and beside the previous release,
the ratios, and the goals of issue 21. Whole processes first (what a user waits for), then
the figures in one process (the library's steps, as in earlier rounds).

  summary.py RESULTS_DIR BENCH_N CLI_N"""
import json
import os
import statistics
import sys

R = sys.argv[1]
N = int(sys.argv[2])
CLI_N = int(sys.argv[3])


def path(name):
    return os.path.join(R, name)


def runs(name):
    """The runs of one command: [(wall, user, sys, maxrss_kb, exit)]."""
    if not os.path.exists(path(name)):
        return None
    rows = []
    for line in open(path(name)):
        w, u, s, m, x = line.split()
        rows.append((float(w), float(u), float(s), int(m), int(x)))
    return rows or None


def q(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, round(p * (len(s) - 1)))]


def spread(values):
    return {"min": min(values), "median": statistics.median(values), "p90": q(values, 0.9)}


def figures(name, per=1):
    """CPU (user + sys) and wall in ms, per `per` packages: median, min and p90 over the runs."""
    r = runs(name)
    if not r:
        return None
    return {"cpu": spread([(u + s) * 1000 / per for _, u, s, _, _ in r]),
            "sys": spread([s * 1000 / per for _, _, s, _, _ in r]),
            "wall": spread([w * 1000 / per for w, _, _, _, _ in r]),
            "rss": max(m for *_, m, _ in r) / 1024, "exit": {x for *_, x in r}, "n": len(r)}


def ms(v, digits=2):
    return f"{v:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def cell(f, key="cpu", digits=2):
    s = f[key]
    return f"{ms(s['median'], digits)} ({ms(s['min'], digits)}–{ms(s['p90'], digits)})"


def ratio(a, b, key="cpu"):
    return f"{a[key]['median'] / b[key]['median']:.1f}×".replace(".", ",") if a and b else ""


def line(name):
    return open(path(name)).read().split() if os.path.exists(path(name)) else None


ok = lambda c: "gehaald" if c else "NIET gehaald"

ls, le = line("load-start.txt"), line("load-end.txt")
vorige = open(path("vorige-commit.txt")).read().strip()
huidige = open(path("huidige-commit.txt")).read().strip()
print(f"Samenvatting: {ls[0]} cores, {' '.join(ls[4:])}; load average bij de start {' '.join(ls[1:4])}, "
      f"aan het eind {' '.join(le[1:4])}. vip {huidige}, vorige release {vorige}.")
print(open(path("peer-versions.txt")).read().strip())
print()

# ------------------------------------------------------------------ a course in one call
print(f"Hele processen: een cursus van {N} aanvragen in één `vip build`-aanroep (ms per pakket, mediaan (min–p90) "
      "over de runs; CPU = user + sys)")
print(f"  {'formaat':8s} {'wie':10s} {'CPU per pakket':>24s} {'wand per pakket':>24s} {'piek-RSS':>9s}  "
      f"{'÷ vip (CPU)':>11s} {'÷ vip (wand)':>12s}")
batch = {}
for fmt, peer in (("odt", "relatorio"), ("docx", "docxtpl")):
    batch[fmt] = {who: figures(f"batch-{who}-{fmt}.txt", N) for who in ("vip", "vorige", peer)}
    v = batch[fmt]["vip"]
    for who in ("vip", "vorige", peer):
        f = batch[fmt][who]
        if not f:
            continue
        rel = "" if who == "vip" else ratio(f, v)
        relw = "" if who == "vip" else ratio(f, v, "wall")
        print(f"  {fmt:8s} {who:10s} {cell(f):>24s} {cell(f, 'wall'):>24s} {ms(f['rss'], 1):>6s} MB  {rel:>11s} {relw:>12s}")
diff = open(path("batch-diff.txt")).read().strip() if os.path.exists(path("batch-diff.txt")) else "?"
print("  documenten van de cursus (ODT + DOCX) byte voor byte gelijk aan die van de vorige release: "
      + ("ja" if diff == "" else "NEE"))
shm = {}
for fmt, peer in (("odt", "relatorio"), ("docx", "docxtpl")):
    shm[fmt] = {who: figures(f"shm-{who}-{fmt}.txt", N) for who in ("vip", peer)}
if shm["odt"]["vip"]:
    print("  dezelfde cursus met de uitvoer in het geheugen (tmpfs): zonder het werk van het bestandssysteem")
    for fmt, peer in (("odt", "relatorio"), ("docx", "docxtpl")):
        v = shm[fmt]["vip"]
        for who in ("vip", peer):
            f = shm[fmt][who]
            if not f:
                continue
            disk = batch[fmt][who]
            kernel = f"kernel op schijf {ms(disk['sys']['median'])}, in het geheugen {ms(f['sys']['median'])}" if disk else ""
            rel = "" if who == "vip" else ratio(f, v)
            print(f"  {fmt:8s} {who:10s} {cell(f):>24s} {cell(f, 'wall'):>24s}  {rel:>6s}  ({kernel})")
print()

# ------------------------------------------------------------------ one aanvraag
print("Eén aanvraag inclusief processtart (ms, mediaan (min–p90))")
print(f"  {'opdracht':34s} {'CPU vip':>20s} {'CPU vorige':>20s} {'wand vip':>22s} {'wand vorige':>22s} "
      f"{'vorige ÷ vip':>12s}")
one = {}
for kind, label in (("version", "vip --version (alleen de start)"), ("build", "vip build (ODT + DOCX)"),
                    ("odt", "vip build --formaat odt"), ("docx", "vip build --formaat docx"),
                    ("check", "vip check (met woordenboek)")):
    a, b = figures(f"one-vip-{kind}.txt"), figures(f"one-vorige-{kind}.txt")
    one[kind] = a
    if a:
        print(f"  {label:34s} {cell(a, 'cpu', 1):>20s} {cell(b, 'cpu', 1) if b else '':>20s} {cell(a, 'wall', 1):>22s} "
              f"{cell(b, 'wall', 1) if b else '':>22s} {ratio(b, a, 'wall'):>12s}")
first = figures("one-vip-check-eerste.txt")
if first:
    print(f"  {'vip check, eerste keer (index maken)':34s} {cell(first, 'cpu', 1):>20s} {'':>20s} "
          f"{cell(first, 'wall', 1):>22s}")
peers_one = {}
for name, label in (("relatorio-odt", "python + relatorio (ODT)"), ("docxtpl-docx", "python + docxtpl (DOCX)"),
                    ("python", "alleen python starten")):
    f = figures(f"one-{name}.txt")
    peers_one[name] = f
    if f:
        print(f"  {label:34s} {cell(f, 'cpu', 1):>20s} {'':>20s} {cell(f, 'wall', 1):>22s}")
if one.get("odt") and peers_one.get("relatorio-odt"):
    print(f"  relatorio ÷ vip --formaat odt (wand): {ratio(peers_one['relatorio-odt'], one['odt'], 'wall')}; "
          f"relatorio ÷ vip ODT + DOCX: {ratio(peers_one['relatorio-odt'], one['build'], 'wall')}; "
          f"docxtpl ÷ vip --formaat docx: {ratio(peers_one['docxtpl-docx'], one['docx'], 'wall')}")
print()

# ------------------------------------------------------------------ LibreOffice
so, son = runs("soffice.txt"), line("soffice-n.txt")
if so and son:
    n = int(son[0])
    w, u, s = so[0][0], so[0][1], so[0][2]
    print(f"LibreOffice, ODT → DOCX van {n} pakketten in één soffice-aanroep: {ms(w * 1000 / n, 0)} ms wand, "
          f"{ms((u + s) * 1000 / n, 0)} ms CPU per pakket ({son[1]} → {son[2]} bestanden)")
    print()

# ------------------------------------------------------------------ the CLI at scale
print(f"De CLI in één aanroep (s, piek-RSS)")
cli = {}
for name, label in ((f"vip-build-all", f"vip build van {CLI_N} aanvragen (ODT + DOCX)"),
                    (f"vorige-build-all", f"  vorige release"),
                    (f"vip-check-all", f"vip check van {CLI_N} aanvragen"),
                    (f"vorige-check-all", f"  vorige release"),
                    ("vip-check-2000", "vip check, 2 000 posten"), ("vip-build-2000", "vip build, 2 000 posten"),
                    ("vip-aliasbom", "vip check, aliasbom (10^10 knopen)")):
    r = runs(f"cli-{name}.txt")
    if r:
        w, u, s, m, x = r[0]
        cli[name] = r[0]
        print(f"  {label:46s} {ms(w, 2):>7s} s wand  {ms(u + s, 2):>7s} s CPU  {ms(m / 1024, 1):>6s} MB  exit {x}")
print()

# ------------------------------------------------------------------ in one process
vip = json.load(open(path("vip.json")))
m = vip["measures"]
print(f"In één proces (VipBench: de bibliotheek, zonder processtart, lezen van schijf en schrijven; "
      f"{vip['n']} varianten × {vip['runs']} runs; ms per pakket, mediaan (min–p90))")
for key, label in (("read", "lezen"), ("check", "lezen + check (met spellingcontrole)"),
                   ("check_no_spelling", "lezen + check zonder spellingcontrole"),
                   ("build", "build ODT + DOCX"), ("build_odt", "build alleen ODT"), ("build_docx", "build alleen DOCX"),
                   ("complete", "lezen + check + build")):
    s = m[key]["perPackage"]
    print(f"  {label:42s} {ms(s['median'], 3)} ({ms(s['min'], 3)}–{ms(s['p90'], 3)})")
print(f"  eenmalig per proces: woordenboek laden {ms(vip['startup_hunspell_ms'], 1)} ms (het hele woordenboek; "
      f"vip check laadt alleen wat zijn woorden nodig hebben), sjablonen {ms(vip['startup_templates_ms'], 1)} ms")
print(f"  pakket: {vip['package_files']} bestanden, {vip['package_bytes'] / 1024:.0f} KB")
for row in vip.get("posts", []):
    p = row["posts"]
    print(f"  {p:6d} posten: lezen + check {ms(row['check_ms'])} ms, build {ms(row['build_ms'])} ms")
print()

# ------------------------------------------------------------------ goals
print("Doelen (issue 21)")
odt = batch["odt"]["vip"]["cpu"]["median"]
print(f"  CPU per ODT-pakket, hele proces, batch ≤ 1,5 ms: {ms(odt)} ms — {ok(odt <= 1.5)} "
      f"(relatorio ÷ vip {ratio(batch['odt']['relatorio'], batch['odt']['vip'])})")
if shm["odt"]["vip"]:
    print(f"    idem met de uitvoer in het geheugen (tmpfs): {ms(shm['odt']['vip']['cpu']['median'])} ms "
          f"(relatorio ÷ vip {ratio(shm['odt']['relatorio'], shm['odt']['vip'])}; "
          f"docxtpl ÷ vip {ratio(shm['docx']['docxtpl'], shm['docx']['vip'])})")
r_docx = batch["docx"]["docxtpl"]["cpu"]["median"] / batch["docx"]["vip"]["cpu"]["median"]
print(f"  DOCX ≥ 50× docxtpl (CPU per pakket, hele proces, batch): {ms(r_docx, 1)}× — {ok(r_docx >= 50)}")
w1 = one["build"]["wall"]["median"]
print(f"  één pakket inclusief start ≤ 17 ms (vip build, ODT + DOCX, wand): {ms(w1, 1)} ms — {ok(w1 <= 17)} "
      f"(CPU {ms(one['build']['cpu']['median'], 1)} ms)")
if "vip-build-all" in cli:
    rss = cli["vip-build-all"][3] / 1024
    print(f"  piekgeheugen voor {CLI_N} pakketten ≤ 32 MB: {ms(rss, 1)} MB — {ok(rss <= 32)}")
c1 = one["check"]["wall"]["median"]
print(f"  vip check van één aanvraag met woordenboek < 60 ms (wand): {ms(c1, 1)} ms — {ok(c1 < 60)}")
