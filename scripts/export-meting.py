"""Measures `vip server exporteer` of the demo plus 1,000 aanvragen: the demo (`--demo`), then 50
cursisten who each make 20 aanvragen through the API (a sample aanvraag with its own title), then
the export's time, size and gzip size (what the nightly backup writes), and its import.

    python3 scripts/export-meting.py      (uses .build/release/vip, else .build/debug/vip)
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Beheer"))
import postvak  # noqa: E402
from postvak import ROOT, Vip  # noqa: E402

release = os.path.join(ROOT, ".build", "release", "vip")
VIP = release if os.path.exists(release) else postvak.VIP
postvak.VIP = VIP
samples = [open(os.path.join(ROOT, "Samples", n), encoding="utf-8").read()
           for n in ("buurtmoestuin.yaml", "kinderfestival.yaml", "concept-vol-fouten.yaml")]

vip = Vip("--demo", naam="meting")
vip.start()
docent = vip.api().meld_aan("docent@demo.vip", "demo-docent")
begin = time.monotonic()
n = 0
for c in range(50):
    status, body, _ = docent.vraag("POST", "/api/cursussen", {"naam": f"Cursus {c}", "bijeenkomsten": ["2026-09-01"]})
    code = json.loads(body)["uitnodigingscode"]
    email = f"cursist{c}@meting.vip"
    assert vip.api().vraag("POST", "/api/aanmelden", {"uitnodigingscode": code, "naam": f"Cursist {c}", "email": email,
                                                      "wachtwoord": "meet-wachtwoord-1"})[0] == 201
    cursist = vip.api().meld_aan(email, "meet-wachtwoord-1")
    for a in range(20):
        tekst = samples[n % 3].replace("titel: ", f"titel: {n} ", 1)
        # The body is YAML text, not JSON.
        req = urllib.request.Request(vip.url + "/api/aanvragen", data=tekst.encode(), method="POST",
                                     headers={"Cookie": cursist.cookie, "X-CSRF-Token": cursist.csrf})
        with urllib.request.urlopen(req) as r:
            assert r.status == 201
        n += 1
vullen = time.monotonic() - begin
export = os.path.join(tempfile.mkdtemp(prefix="vip-export-"), "vip.export")
begin = time.monotonic()
with open(export, "wb") as f:
    r = subprocess.run([VIP, "server", "exporteer", "--data", vip.map], stdout=f, stderr=subprocess.PIPE)
duur = time.monotonic() - begin
assert r.returncode == 0, r.stderr
vip.stop()
grootte = os.path.getsize(export)
begin = time.monotonic()
gz = gzip.compress(open(export, "rb").read(), 6)
gzduur = time.monotonic() - begin
nieuw = tempfile.mkdtemp(prefix="vip-import-")
begin = time.monotonic()
r = subprocess.run([VIP, "server", "importeer", "--data", nieuw, export], capture_output=True)
importduur = time.monotonic() - begin
assert r.returncode == 0, r.stderr
db = os.path.getsize(os.path.join(vip.map, "vip.sqlite"))
print(f"demo + {n} aanvragen gevuld via de API in {vullen:.0f} s; database {db / 1e6:.1f} MB")
print(f"export: {duur:.2f} s, {grootte / 1e6:.1f} MB ({gzduur:.2f} s en {len(gz) / 1e6:.2f} MB met gzip -6, zoals vip-backup); "
      f"import in een lege map: {importduur:.2f} s  [{VIP}]")
print(r.stdout.decode().strip())
