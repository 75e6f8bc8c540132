"""The files of deploy/, run as shipped: the systemd units through `systemd-analyze verify`, the
nginx site through `nginx -t`, the Caddyfile through `caddy validate` (where Debian has Caddy),
and the nightly backup's command once, with its rotation, against a running server; the backup
is then imported into a new database, as docs/beheer.md says."""
import gzip
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from postvak import ROOT, VIP, Sink, Vip, certificaat, onthoud_geheim

DEPLOY = os.path.join(ROOT, "deploy")


def test_systemd_units_zijn_geldig():
    analyse = shutil.which("systemd-analyze")
    assert analyse, "systemd-analyze ontbreekt (make setup-test installeert systemd)"
    map_ = tempfile.mkdtemp(prefix="vip-units-")
    # verify checks that every ExecStart program exists: point them at this build's files.
    for naam in ("vip.service", "vip-backup.service", "vip-backup.timer"):
        tekst = open(os.path.join(DEPLOY, naam)).read()
        tekst = tekst.replace("/usr/local/bin/vip", os.path.abspath(VIP))
        tekst = tekst.replace("/usr/local/lib/vip/vip-backup", os.path.join(DEPLOY, "vip-backup"))
        with open(os.path.join(map_, naam), "w") as f:
            f.write(tekst)
    r = subprocess.run([analyse, "verify", *[os.path.join(map_, n) for n in ("vip.service", "vip-backup.service",
                                                                              "vip-backup.timer")]],
                       capture_output=True, text=True, cwd=map_, env=dict(os.environ, SYSTEMD_LOG_LEVEL="warning"))
    # Lines about other units of this machine (not ours) are not our business.
    eigen = [r for r in (r.stdout + r.stderr).splitlines() if "vip" in r and map_ in r]
    assert r.returncode == 0 and eigen == [], r.stdout + r.stderr
    # verify really checks here: a unit with a wrong value and a missing program is refused.
    kapot = os.path.join(map_, "kapot.service")
    with open(kapot, "w") as f:
        f.write(open(os.path.join(map_, "vip.service")).read().replace("ProtectSystem=strict", "ProtectSystem=bogus")
                .replace(os.path.abspath(VIP), "/bestaat/niet/vip"))
    r = subprocess.run([analyse, "verify", kapot], capture_output=True, text=True, cwd=map_)
    assert r.returncode != 0 and "bogus" in r.stdout + r.stderr, r.stdout + r.stderr
    unit = open(os.path.join(DEPLOY, "vip.service")).read()
    for regel in ("User=vip", "StateDirectory=vip", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes",
                  "--adres 127.0.0.1", "--proxy"):
        assert regel in unit, regel


def test_nginx_site(cert):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.path.exists(nginx), "nginx ontbreekt (make setup-test installeert het)"
    map_ = tempfile.mkdtemp(prefix="vip-nginx-")
    site = open(os.path.join(DEPLOY, "nginx-vip.conf")).read()
    site = site.replace("/etc/letsencrypt/live/vip.voorbeeld.nl/fullchain.pem", cert[0])
    site = site.replace("/etc/letsencrypt/live/vip.voorbeeld.nl/privkey.pem", cert[1])
    with open(os.path.join(map_, "vip.conf"), "w") as f:
        f.write(site)
    with open(os.path.join(map_, "nginx.conf"), "w") as f:
        f.write(f"pid {map_}/nginx.pid;\nerror_log {map_}/error.log;\nevents {{}}\n"
                f"http {{\n  access_log off;\n  client_body_temp_path {map_}/body;\n  proxy_temp_path {map_}/proxy;\n"
                f"  include {map_}/vip.conf;\n}}\n")
    r = subprocess.run([nginx, "-t", "-p", map_, "-c", os.path.join(map_, "nginx.conf")], capture_output=True, text=True)
    assert r.returncode == 0 and "test is successful" in r.stderr, r.stderr


def test_caddyfile():
    caddy = shutil.which("caddy")
    if not caddy:
        pytest.skip("Caddy is niet geïnstalleerd: Debian 12 heeft het pakket caddy, maar het ontbreekt hier; "
                    "caddy validate is niet gedraaid")
    thuis = tempfile.mkdtemp(prefix="vip-caddy-")
    r = subprocess.run([caddy, "validate", "--config", os.path.join(DEPLOY, "Caddyfile"), "--adapter", "caddyfile"],
                       capture_output=True, text=True, env=dict(os.environ, HOME=thuis, XDG_DATA_HOME=thuis,
                                                                XDG_CONFIG_HOME=thuis), timeout=60)
    assert r.returncode == 0 and "Valid configuration" in (r.stdout + r.stderr), r.stdout + r.stderr


def test_backup_commando_met_rotatie_en_terugzetten():
    """The timer's command once, while the server runs; rotation keeps VIP_BACKUP_BEWAAR; the
    backup imports into an empty folder with the same accounts, and the waiting mail goes along."""
    vip = Vip()
    backups = tempfile.mkdtemp(prefix="vip-backups-")
    try:
        vip.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea", "beheer-wachtwoord-1")
        vip.start()
        # Older backups, so rotation has something to do; and a stray file it must leave alone.
        for dag in range(1, 6):
            open(os.path.join(backups, f"vip-202601{dag:02d}T031500Z.export.gz"), "wb").write(gzip.compress(b"oud"))
        open(os.path.join(backups, "notities.txt"), "w").write("niet weggooien")
        env = dict(os.environ, VIP=os.path.abspath(VIP), VIP_DATA=vip.map, VIP_BACKUP_MAP=backups, VIP_BACKUP_BEWAAR="3")
        env.pop("VIP_DATABASE", None)
        r = subprocess.run([os.path.join(DEPLOY, "vip-backup")], capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        assert "Back-up geschreven" in r.stdout
        namen = sorted(n for n in os.listdir(backups) if n.startswith("vip-"))
        assert len(namen) == 3 and "notities.txt" in os.listdir(backups)
        nieuwste = namen[-1]
        assert nieuwste > "vip-2026"  # today's, not an old one
        assert namen[:2] == ["vip-20260104T031500Z.export.gz", "vip-20260105T031500Z.export.gz"]
        assert not any(n.endswith(".tmp") for n in os.listdir(backups))
        assert oct(os.stat(os.path.join(backups, nieuwste)).st_mode & 0o777) == "0o600"
        dump = gzip.decompress(open(os.path.join(backups, nieuwste), "rb").read()).decode()
        kop = json.loads(dump.splitlines()[0])
        assert kop["formaat"] == "vip-export/1"
        assert '"tabel":"gebruikers"' in dump and '"tabel":"sessies"' not in dump

        # Restore as docs/beheer.md says: import into an empty folder, start, log in.
        nieuw = tempfile.mkdtemp(prefix="vip-terug-")
        with gzip.open(os.path.join(backups, nieuwste)) as f:
            r = subprocess.run([VIP, "server", "importeer", "--data", nieuw], input=f.read(), capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        terug = Vip(data=nieuw)
        terug.start()
        try:
            terug.api().meld_aan("beheer@voorbeeld.nl", "beheer-wachtwoord-1")
        finally:
            terug.stop()
    finally:
        vip.stop()


def test_wachtende_mail_gaat_mee_met_de_backup():
    """Mail still waiting when the backup is made is sent by the imported server; sent mail stays
    history and is not sent again."""
    vip = Vip("--smtp", "smtp://127.0.0.1:9", "--afzender", "VIP <vip@voorbeeld.nl>", "--extern-url",
              "https://vip.voorbeeld.nl")
    try:
        vip.gebruiker("docent", "daan@voorbeeld.nl", "Daan", "docent-wachtwoord-1")
        vip.start()
        assert vip.api().vraag("POST", "/api/wachtwoord-vergeten", {"email": "daan@voorbeeld.nl"})[0] == 202
    finally:
        vip.stop()
    r = subprocess.run([VIP, "server", "exporteer", "--data", vip.map], capture_output=True, timeout=120)
    assert r.returncode == 0
    assert b'"status":"wachtend"' in r.stdout and b'"tabel":"postvak_uit"' in r.stdout
    assert b"bezig_door" not in r.stdout
    nieuw = tempfile.mkdtemp(prefix="vip-terug-")
    assert subprocess.run([VIP, "server", "importeer", "--data", nieuw], input=r.stdout, capture_output=True).returncode == 0
    sink = Sink().start()
    terug = Vip("--smtp", f"smtp://127.0.0.1:{sink.poort}", "--afzender", "VIP <vip@voorbeeld.nl>", "--extern-url",
                "https://vip.voorbeeld.nl", data=nieuw)
    try:
        terug.start()
        mail = sink.wacht(1)[0]
        assert mail["aan"] == ["daan@voorbeeld.nl"]
        from postvak import lees, link
        token = link(lees(mail), "/wachtwoord-herstellen/").rsplit("/", 1)[1]
        onthoud_geheim(token)
        # The link of the moved mail works on the imported server.
        assert terug.api().vraag("POST", "/api/wachtwoord-herstellen", {"token": token, "nieuw": "nieuw-na-import-1"})[0] == 204
        onthoud_geheim("nieuw-na-import-1")
    finally:
        terug.stop()
        sink.stop()
    # Exported again: the sent mail is history (no body), not waiting.
    r = subprocess.run([VIP, "server", "exporteer", "--data", nieuw], capture_output=True, timeout=120)
    regel = next(json.loads(l) for l in r.stdout.decode().splitlines() if '"postvak_uit"' in l)
    assert regel["rij"]["status"] == "verstuurd" and regel["rij"]["tekst"] is None
