"""server.md, "Promises": an answered PUT is durable, also through a power cut: on SQLite every
answered save is preceded by an fdatasync of the WAL (committed transaction, synchronous WAL).
Seen from outside with strace: between a commit's last write to the WAL and the answer on the
socket there is a sync of the WAL's file descriptor."""
import os
import re
import shutil

import pytest

from vijand import SAMPLE, Server, cursus_met_cursist

STRACE = shutil.which("strace")


@pytest.mark.skipif(STRACE is None, reason="strace ontbreekt (make setup-test installeert het)")
def test_elke_beantwoorde_opslag_wacht_op_fdatasync_van_de_wal():
    server = Server()
    spoor = os.path.join(server.map, "strace.log")
    server.start(voor=[STRACE, "-f", "-qq", "-o", spoor, "-e", "trace=openat,pwrite64,write,writev,fdatasync,fsync,close"])
    _, cursist, aanvraag = cursus_met_cursist(server)
    begin = os.path.getsize(spoor)
    antwoorden = []
    for i in range(5):
        r = cursist.vraag("PUT", f"/api/aanvragen/{aanvraag}", SAMPLE + f"# opslag {i}\n".encode(),
                          {"If-Match": f'"{i + 1}"'})
        assert r.status == 200, r
        antwoorden.append(r.json()["versie"])
    server.stop(timeout=60)
    regels = open(spoor, errors="replace").read().splitlines()
    # Which descriptors are the WAL (per process: strace -f shows thread ids; descriptors are shared).
    wal = set()
    gebeurtenissen = []
    for regel in regels:
        m = re.match(r"(\d+)\s+(\w+)\((\d+|AT_FDCWD)?,?\s*(.*)", regel)
        if not m:
            continue
        naam, arg, rest = m.group(2), m.group(3), m.group(4)
        if naam == "openat" and "vip.sqlite-wal" in rest:
            fd = re.search(r"= (\d+)$", regel)
            if fd:
                wal.add(int(fd.group(1)))
            continue
        if arg is None or not arg.isdigit():
            continue
        fd = int(arg)
        if naam == "pwrite64" and fd in wal:
            gebeurtenissen.append(("schrijf", fd))
        elif naam in ("fdatasync", "fsync") and fd in wal:
            gebeurtenissen.append(("sync", fd))
        elif naam in ("write", "writev") and "HTTP/1.1 200" in rest and "versie" in regel + rest:
            gebeurtenissen.append(("antwoord", fd))
        elif naam in ("write", "writev") and "HTTP/1.1 200" in rest:
            gebeurtenissen.append(("antwoord?", fd))
    assert wal, "geen WAL geopend in het spoor"
    # Every answer: since the last WAL write before it there was a sync of the WAL.
    geschreven = False
    gesynct = []
    for soort, _ in gebeurtenissen:
        if soort == "schrijf":
            geschreven = True
        elif soort == "sync":
            if geschreven:
                gesynct.append(True)
            geschreven = False
        elif soort.startswith("antwoord"):
            assert not geschreven, "een antwoord ging uit terwijl de WAL nog niet was gesynct"
    assert len(gesynct) >= 5, f"{len(gesynct)} syncs van de WAL na commits; verwacht ten minste 5 (een per opslag)"
