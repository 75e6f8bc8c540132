"""Measures mails per second through the outbox: N invitations are written while the mail
server is down (each fails its first attempt and waits), vip is stopped, the mail server comes
up, and vip starts again: at start every waiting mail is due at once, and the time until the
sink has all N is the outbox's own speed (claim, render, SMTP to a local aiosmtpd, mark sent).

    python3 scripts/postvak-meting.py [N]      (uses .build/release/vip, else .build/debug/vip)
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Beheer"))
from postvak import ROOT, Sink, Vip, vrije_poort  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
release = os.path.join(ROOT, ".build", "release", "vip")
if os.path.exists(release):
    os.environ["VIP"] = release
import postvak  # noqa: E402
postvak.VIP = os.environ.get("VIP", postvak.VIP)

poort = vrije_poort()
opties = ["--smtp", f"smtp://127.0.0.1:{poort}", "--afzender", "VIP <vip@voorbeeld.nl>", "--extern-url",
          "https://vip.voorbeeld.nl"]
vip = Vip(*opties, naam="meting")
vip.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea", "meet-wachtwoord-1")
vip.start()
api = vip.api().meld_aan("beheer@voorbeeld.nl", "meet-wachtwoord-1")
begin = time.monotonic()
for i in range(N):
    status, body, _ = api.vraag("POST", "/api/gebruikers", {"email": f"d{i}@voorbeeld.nl", "naam": f"D {i}", "rol": "docent"})
    assert status == 201, body
schrijven = time.monotonic() - begin
vip.stop()
sink = Sink(poort=poort).start()
tweede = Vip(*opties, data=vip.map, naam="meting")
begin = time.monotonic()
tweede.start()
sink.wacht(N, timeout=600)
duur = time.monotonic() - begin
time.sleep(2)
assert len(sink.berichten) == N, len(sink.berichten)
tweede.stop()
sink.stop()
print(f"{N} uitnodigingen geschreven in {schrijven:.1f} s ({N / schrijven:.0f} per seconde, elk met zijn mail in één transactie)")
print(f"{N} mails verstuurd in {duur:.1f} s inclusief de start van vip: {N / duur:.0f} mails per seconde "
      f"(binary {postvak.VIP}, {len(set(b['aan'][0] for b in sink.berichten))} verschillende ontvangers)")
