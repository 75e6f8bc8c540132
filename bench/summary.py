#!/usr/bin/env python3
"""Prints the figures of bench/run.sh: vip and its peers side by side, the ratios, and
the goals of issue 12."""
import json
import os
import statistics
import sys

R = sys.argv[1]
CLI_N = int(sys.argv[2]) if len(sys.argv) > 2 else None


def load(name):
    p = os.path.join(R, name)
    return json.load(open(p)) if os.path.exists(p) else None


def times(name):
    p = os.path.join(R, name)
    if not os.path.exists(p):
        return None
    v = sorted(int(x) / 1000 for x in open(p).read().split())
    return {"min": v[0], "median": statistics.median(v), "p90": v[min(len(v) - 1, round(0.9 * (len(v) - 1)))]}


def line(name):
    p = os.path.join(R, name)
    return open(p).read().split() if os.path.exists(p) else None


def ok(cond):
    return "gehaald" if cond else "NIET gehaald"


vip, peers = load("vip.json"), load("peers.json")
m = vip["measures"]
ls, le = line("load-start.txt"), line("load-end.txt")
print(f"Samenvatting ({ls[0]} cores; load average bij start {' '.join(ls[1:])}, aan het eind {' '.join(le[1:])})")
print(f"  pakket: {vip['package_files']} bestanden, {vip['package_bytes'] / 1024:.0f} KB "
      "(een brief per fonds dat niet afwees, projectplan, begroting, fondsenlijst in ODT en DOCX, per fonds een zip); "
      f"batch: {vip['n']} pakketten × {vip['runs']} runs (vip), {peers['n']} × {peers['runs']} (peers)" if peers else "")
print()
print(f"{'ms per pakket (mediaan, min–p90)':44s} {'vip':>22s} {'peer':>26s} {'peer/vip':>9s}")
rows = [("lezen + check", m["check"], None, None), ("lezen + check zonder spelling", m["check_no_spelling"], None, None),
        ("build ODT + DOCX", m["build"], None, None), ("lezen + check + build", m["complete"], None, None),
        ("build alleen ODT", m["build_odt"], "relatorio", "odt"), ("build alleen DOCX", m["build_docx"], "docxtpl", "docx")]
for label, v, peer, fmt in rows:
    s = v["perPackage"]
    vt = f"{s['median']:.3f} ({s['min']:.3f}–{s['p90']:.3f})"
    if peer and peers:
        p = peers[peer]["perPackage"]
        pt = f"{peer} {p['median']:.1f} ({p['min']:.1f}–{p['p90']:.1f})"
        print(f"  {label:42s} {vt:>22s} {pt:>26s} {p['median'] / s['median']:8.1f}×")
    else:
        print(f"  {label:42s} {vt:>22s}")
so = line("soffice.txt")
if so:
    n, nin, nout, us = int(so[0]), so[1], so[2], int(so[3])
    per = us / 1000 / n
    print(f"  {'LibreOffice ODT→DOCX (één soffice-aanroep)':42s} {'':>22s} "
          f"{f'soffice {per:.1f}':>26s} {per / m['build_docx']['perPackage']['median']:8.1f}×   ({nin} → {nout} bestanden)")
print(f"  pakketten per seconde (build ODT + DOCX): {m['build']['packagesPerSecond']:.0f}; "
      f"lezen + check + build: {m['complete']['packagesPerSecond']:.0f}")
print()
print("één pakket inclusief processtart (ms, mediaan (min–p90))")
one = {k: times(f"one-{k}.txt") for k in ("vip", "vip-odt", "vip-docx", "vip-check", "relatorio", "docxtpl", "python")}
one["vip-version"] = times("one-vip-version.txt")
for k, label in (("vip-version", "vip --version (alleen de start)"), ("vip", "vip build (ODT + DOCX)"),
                 ("vip-odt", "vip build --formaat odt"),
                 ("vip-docx", "vip build --formaat docx"), ("vip-check", "vip check"),
                 ("relatorio", "python + relatorio (ODT)"), ("docxtpl", "python + docxtpl (DOCX)"),
                 ("python", "alleen python starten")):
    t = one[k]
    if t:
        print(f"  {label:42s} {t['median']:8.1f} ({t['min']:.1f}–{t['p90']:.1f})")
r_one = one["relatorio"]["median"] / one["vip-odt"]["median"]
r_one_both = one["relatorio"]["median"] / one["vip"]["median"]
r_one_docx = one["docxtpl"]["median"] / one["vip-docx"]["median"]
print(f"  relatorio / vip --formaat odt: {r_one:.1f}×; relatorio / vip ODT+DOCX: {r_one_both:.1f}×; "
      f"docxtpl / vip --formaat docx: {r_one_docx:.1f}×")
print()
print("groei met het aantal begrotingsposten")
for row in vip.get("posts", []):
    p = row["posts"]
    print(f"  {p:6d} posten: lezen+check {row['check_ms']:9.2f} ms ({row['check_ms'] / p:.4f}/post)   "
          f"build {row['build_ms']:9.2f} ms ({row['build_ms'] / p:.4f}/post)")
print()
print("de CLI (/usr/bin/time: seconden, max RSS)")
cli = {}
n_cli = CLI_N or vip["n"]
for k, label in (("check-all", f"vip check van {n_cli} aanvragen"), ("build-all", f"vip build van {n_cli} aanvragen"),
                 ("check-2000", "vip check, 2 000 posten"), ("build-2000", "vip build, 2 000 posten"),
                 ("aliasbom", "vip check, aliasbom (10^10 knopen)")):
    v = open(os.path.join(R, f"cli-{k}.txt")).read().splitlines()[-1].split() if os.path.exists(os.path.join(R, f"cli-{k}.txt")) else None
    if v:
        cli[k] = (float(v[0]), int(v[1]) / 1024, int(v[2]))
        print(f"  {label:42s} {cli[k][0]:7.2f} s  {cli[k][1]:6.1f} MB  exit {cli[k][2]}")
print()
print("doelen (issue 12)")
b = m["build"]["perPackage"]["median"]
print(f"  build ODT + DOCX in batch ≤ 3 ms per pakket: {b:.2f} ms — {ok(b <= 3)}")
if peers:
    for peer, key, goal in (("relatorio", "build_odt", 10), ("docxtpl", "build_docx", 60)):
        r = peers[peer]["perPackage"]["median"] / m[key]["perPackage"]["median"]
        print(f"  alleen {key[6:].upper()} ≥ {goal}× sneller dan {peer} (batch): {r:.1f}× — {ok(r >= goal)}")
    if so:
        r = per / m["build_docx"]["perPackage"]["median"]
        print(f"  (LibreOffice-conversie naar DOCX ÷ vip DOCX: {r:.1f}×)")
v1 = one["vip"]["median"]
print(f"  één pakket met processtart ≥ 10× sneller dan relatorio en ≤ 17 ms: vip build {v1:.1f} ms, "
      f"{r_one_both:.1f}× (ODT + DOCX), {r_one:.1f}× (alleen ODT) — {ok(r_one_both >= 10 and v1 <= 17)}")
c1 = one["vip-check"]["median"]
print(f"  vip check van één schone aanvraag (proces) ≤ 40 ms: {c1:.1f} ms — {ok(c1 <= 40)}")
if "build-all" in cli:
    print(f"  piekgeheugen ≤ 32 MB voor {n_cli} pakketten in één aanroep: {cli['build-all'][1]:.1f} MB — "
          f"{ok(cli['build-all'][1] <= 32)}; in de benchmark zelf (VmHWM) {vip['peak_rss_mb']:.1f} MB")
posts = vip.get("posts", [])
if len(posts) >= 2:
    f = lambda k: posts[-1][k] / posts[-1]["posts"] / (posts[-2][k] / posts[-2]["posts"])
    print(f"  (lineair: ms/post bij {posts[-1]['posts']} ÷ ms/post bij {posts[-2]['posts']}: check {f('check_ms'):.2f}, "
          f"build {f('build_ms'):.2f})")
if "aliasbom" in cli:
    t, rss, code = cli["aliasbom"]
    print(f"  (aliasbom geweigerd met exit {code} in {t:.2f} s, {rss:.1f} MB)")
