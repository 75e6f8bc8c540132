"""server.md, "Files: bijlagen and logo" and beheer.md, "Backups": an answered upload survives
kill -9; a re-upload never changes an older version's package; export and import give the same
packages byte for byte, bijlagen included; building a package streams (the 300-bijlagen package
keeps the server's peak memory under 600 MB)."""
import hashlib
import io
import os
import signal
import subprocess
import zipfile

import pytest

from vijand import POSTGRES, SAMPLE, Server, Sessie, VIP, cursus_met_cursist

MOTOREN = ["sqlite"] + (["postgres"] if POSTGRES else [])


def met_bijlagen(namen, herhaal=1, fonds=False):
    tekst = SAMPLE.decode()
    if fonds:
        # A third fund that gets a letter (the sample's Oranje Fonds refused).
        tekst = tekst.replace("fondsen:\n", "fondsen:\n  - naam: Fonds Derde\n    ter_attentie_van: mevrouw A. Derde\n"
                              "    aanhef: Geachte mevrouw Derde,\n    adres:\n      straat: Postbus 3\n"
                              "      postcode: 3500 AA\n      plaats: Utrecht\n", 1)
    blok = "".join(f"  - titel: Bijlage {n}\n    soort: overig\n    bestand: {n}\n" for n in namen) * herhaal
    assert "bijlagen:\n" in tekst
    return tekst.replace("bijlagen:\n", "bijlagen:\n" + blok, 1).encode()


def zet(sessie, aanvraag, naam, bytes_, versie):
    return sessie.vraag("PUT", f"/api/aanvragen/{aanvraag}/bestanden/{naam}", bytes_,
                        {"If-Match": f'"{versie}"', "Content-Type": "application/octet-stream"})


def fonds_zips(pakket):
    z = zipfile.ZipFile(io.BytesIO(pakket))
    return {n: zipfile.ZipFile(io.BytesIO(z.read(n))) for n in z.namelist() if n.startswith("aanvraag-")}


@pytest.mark.parametrize("motor", MOTOREN)
def test_upload_overleeft_kill9_en_oude_pakketten_blijven(motor):
    server = Server(motor=motor).start()
    _, cursist, a = cursus_met_cursist(server)
    r = cursist.vraag("PUT", f"/api/aanvragen/{a}", met_bijlagen(["foto.jpg"]), {"If-Match": '"1"'})
    assert r.status == 200
    eerste = os.urandom(300_000)
    r = zet(cursist, a, "foto.jpg", eerste, 2)
    assert r.status == 201 and r.json()["versie"] == 3
    server.stop(signal.SIGKILL)
    server.start()
    r = cursist.vraag("GET", f"/api/aanvragen/{a}/bestanden/foto.jpg")
    assert r.status == 200 and r.body == eerste
    voor = cursist.vraag("POST", f"/api/aanvragen/{a}/pakket?versie=3")
    assert voor.status == 200
    for z in fonds_zips(voor.body).values():
        assert z.read("bijlagen/foto.jpg") == eerste
    # A new file of the same name: a new version; version 3's package stays the same bytes.
    assert zet(cursist, a, "foto.jpg", b"nieuw", 3).status == 201
    na = cursist.vraag("POST", f"/api/aanvragen/{a}/pakket?versie=3")
    assert na.body == voor.body
    server.stop()


def test_export_en_import_geven_dezelfde_pakketten():
    bron = Server().start()
    _, cursist, a = cursus_met_cursist(bron)
    r = cursist.vraag("PUT", f"/api/aanvragen/{a}", met_bijlagen(["a.pdf", "b.png"]), {"If-Match": '"1"'})
    assert r.status == 200
    assert zet(cursist, a, "a.pdf", os.urandom(50_000), 2).status == 201
    assert zet(cursist, a, "b.png", b"\x89PNG" + os.urandom(1000), 3).status == 201
    pakketten = {v: cursist.vraag("POST", f"/api/aanvragen/{a}/pakket?versie={v}").body for v in (2, 3, 4)}
    # Exported while the server runs: one consistent snapshot.
    export = subprocess.run([VIP, "server", "exporteer", "--data", bron.map], capture_output=True, timeout=120)
    assert export.returncode == 0, export.stderr
    bron.stop()
    doelen = [Server()] + ([Server(motor="postgres")] if POSTGRES else [])
    for doel in doelen:
        imp = subprocess.run([VIP, "server", "importeer", *doel.opslag()], input=export.stdout, capture_output=True,
                             timeout=120)
        assert imp.returncode == 0, imp.stderr
        # The dump of the import equals the first. Taken before anyone logs in: a login records
        # its time with the account (laatst_ingelogd, shown to the beheerder).
        opnieuw = subprocess.run([VIP, "server", "exporteer", *doel.opslag()], capture_output=True, timeout=120)
        assert opnieuw.returncode == 0
        assert hashlib.sha256(opnieuw.stdout).digest() == hashlib.sha256(export.stdout).digest()
        doel.start()
        s = Sessie(doel, "cursist@example.nl", "cursist-wachtwoord")
        for v, pakket in pakketten.items():
            r = s.vraag("POST", f"/api/aanvragen/{a}/pakket?versie={v}")
            assert r.status == 200 and r.body == pakket, (doel.motor, v)
        doel.stop()


def test_driehonderd_bijlagen_blijft_onder_600_mb():
    server = Server().start()
    _, cursist, a = cursus_met_cursist(server)
    # One 10 MiB file named 300 times, and the 25 files (50 MiB) a version may hold.
    namen = [f"stuk-{i:02d}.bin" for i in range(24)]
    r = cursist.vraag("PUT", f"/api/aanvragen/{a}", met_bijlagen(["groot.bin"], 300, fonds=True), {"If-Match": '"1"'})
    assert r.status == 200
    versie = 2
    assert zet(cursist, a, "groot.bin", os.urandom(10 * 1024 * 1024 - 100), versie).status == 201
    versie += 1
    pakket = cursist.vraag("POST", f"/api/aanvragen/{a}/pakket?concept=1")
    assert pakket.status == 200
    zips = fonds_zips(pakket.body)
    assert len(zips) >= 3
    for z in zips.values():
        assert [n for n in z.namelist() if n.startswith("bijlagen/")] == ["bijlagen/groot.bin"]
    r = cursist.vraag("PUT", f"/api/aanvragen/{a}", met_bijlagen(["groot.bin"] + namen, fonds=True),
                      {"If-Match": f'"{versie}"'})
    assert r.status == 200
    versie = r.json()["versie"]
    for n in namen:
        r = zet(cursist, a, n, os.urandom(40 * 1024 * 1024 // 24), versie)
        assert r.status == 201, r
        versie = r.json()["versie"]
    pakket = cursist.vraag("POST", f"/api/aanvragen/{a}/pakket?concept=1", timeout=300)
    assert pakket.status == 200
    assert len(pakket.body) > 100 * 1024 * 1024
    piek = server.piekgeheugen_mb()
    assert piek < 600, f"piekgeheugen {piek:.0f} MB"
    server.stop()
