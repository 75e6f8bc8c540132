"""server.md: login limits hold under concurrency (60 wrong logins for one email sent at once: at
most 10 answer 401, the rest 429). 100 failed logins from one client address within 15 minutes
give 429 for that address; the address is the peer's, or with --proxy the last one in
X-Forwarded-For. A wrong `oud` counts as a failed login; so does an unknown uitnodigingscode (20
per address per hour)."""
import json
import uuid

import pytest

from vijand import Server, Sessie, WACHTWOORD, parallel


@pytest.fixture(scope="module")
def server():
    s = Server(extra=["--proxy"]).start()
    s.gebruiker("docent", "docent@example.nl")
    yield s
    s.stop()


def login(server, email, wachtwoord, adres):
    return server.vraag("POST", "/api/sessie", json.dumps({"email": email, "wachtwoord": wachtwoord}).encode(),
                        {"Content-Type": "application/json", "X-Forwarded-For": f"10.9.9.9, {adres}"})


def test_zestig_tegelijk_voor_een_email(server):
    statussen = parallel(60, lambda i: login(server, "docent@example.nl", f"fout-{i}-wachtwoord", f"10.1.0.{i}").status)
    assert statussen.count(401) <= 10, statussen
    assert statussen.count(401) + statussen.count(429) == 60, statussen
    r = login(server, "docent@example.nl", "fout-nog-eens", "10.1.1.1")
    assert r.status == 429 and int(r.headers["retry-after"]) > 0
    # Even the right password is refused now, without being checked.
    assert login(server, "docent@example.nl", WACHTWOORD, "10.1.1.2").status == 429


def test_honderd_mislukte_logins_van_een_adres(server):
    adres = "10.2.0.1"
    statussen = [login(server, f"onbekend-{uuid.uuid4().hex[:6]}@example.nl", "wachtwoord-fout", adres).status
                 for _ in range(100)]
    assert statussen == [401] * 100
    server.gebruiker("docent", "ander@example.nl")
    # The 101st from that address: 429, even for an existing account with its right password.
    assert login(server, "ander@example.nl", WACHTWOORD, adres).status == 429
    # Another address is not hindered.
    assert login(server, "ander@example.nl", WACHTWOORD, "10.2.0.2").status == 200
    # Without --proxy-trusted header the peer address counts: loopback itself is not blocked here.
    assert server.vraag("GET", "/gezond").status == 200


def test_verkeerd_oud_wachtwoord_telt_als_mislukte_login(server):
    server.gebruiker("docent", "wissel@example.nl")
    s = Sessie(server, "wissel@example.nl", WACHTWOORD, adres="10.3.0.1")
    for i in range(10):
        r = s.vraag("PUT", "/api/sessie/wachtwoord", {"oud": f"niet-het-oude-{i}", "nieuw": "een-nieuw-wachtwoord"})
        assert r.status == 403, r
    r = s.vraag("PUT", "/api/sessie/wachtwoord", {"oud": WACHTWOORD, "nieuw": "een-nieuw-wachtwoord"})
    assert r.status == 429, r
    assert login(server, "wissel@example.nl", WACHTWOORD, "10.3.0.2").status == 429


def test_onbekende_uitnodigingscodes(server):
    adres = "10.4.0.1"

    def aanmelden(code, adres):
        return server.vraag("POST", "/api/aanmelden", json.dumps({
            "uitnodigingscode": code, "naam": "X", "email": f"x-{uuid.uuid4().hex[:6]}@example.nl",
            "wachtwoord": "een-wachtwoord"}).encode(), {"Content-Type": "application/json", "X-Forwarded-For": adres})

    statussen = [aanmelden(f"FOUT-{i:04d}", adres).status for i in range(20)]
    assert statussen == [404] * 20
    assert aanmelden("FOUT-9999", adres).status == 429
    assert aanmelden("FOUT-9999", "10.4.0.2").status == 404
