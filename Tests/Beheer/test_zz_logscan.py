"""After the whole suite (the Swift tests, the browser walk, these tests): the request logs that
every `vip server` of the Python suites wrote to .build/serverlogs/ (standard error) hold no
e-mail address, no password and no token."""
import os
import re

import pytest

from postvak import GEHEIMEN, LOGS

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def logs():
    return sorted(os.path.join(LOGS, n) for n in os.listdir(LOGS) if n.endswith(".log")) if os.path.isdir(LOGS) else []


def test_logs_zonder_adres_wachtwoord_of_token():
    bestanden = logs()
    if not bestanden:
        pytest.skip("geen serverlogs in .build/serverlogs (draai eerst de tests die servers starten)")
    geheimen = set()
    if os.path.exists(GEHEIMEN):
        geheimen = {g.strip().encode() for g in open(GEHEIMEN, encoding="utf-8") if len(g.strip()) >= 8}
    regels = 0
    vondsten = []
    for pad in bestanden:
        for nr, regel in enumerate(open(pad, "rb"), 1):
            regels += 1
            if EMAIL.search(regel):
                vondsten.append(f"{os.path.basename(pad)}:{nr}: e-mailadres")
            for g in geheimen:
                if g in regel:
                    vondsten.append(f"{os.path.basename(pad)}:{nr}: een wachtwoord of token")
            # Any 32 hex digits (a session, reset or invitation token) is suspect too.
            if re.search(rb"\b[0-9a-f]{32}\b", regel):
                vondsten.append(f"{os.path.basename(pad)}:{nr}: iets wat op een token lijkt")
    assert regels > 0
    assert vondsten == [], vondsten[:20]
    # The request log is really there: one line per request, with the route's pattern.
    alles = b"".join(open(p, "rb").read() for p in bestanden)
    assert re.search(rb"Z (GET|POST) /\S* \d{3} [0-9.]+ms id=[0-9a-f]{12}\n", alles) or b'"route":"/' in alles
    # Pages whose address holds a token are logged by their pattern.
    if b"/wachtwoord-herstellen/" in alles:
        assert re.search(rb"/wachtwoord-herstellen/[^{]", alles) is None
