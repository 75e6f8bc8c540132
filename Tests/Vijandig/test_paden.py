"""server.md, "Hostile clients": CSRF and Cache-Control: no-store follow the route a request
reaches, not the text of its path; `terug` after login is followed only when it is a path of
this site; every answer that depends on who is signed in has no-store."""
import json
import urllib.parse

import pytest

from vijand import SAMPLE, Server, WACHTWOORD, cursus_met_cursist


@pytest.fixture(scope="module")
def opzet():
    server = Server().start()
    docent, cursist, aanvraag = cursus_met_cursist(server)
    yield server, docent, cursist, aanvraag
    server.stop()


VARIANTEN = ["//api/aanvragen/{id}", "/api//aanvragen/{id}", "/api/aanvragen//{id}", "/api/aanvragen/{id}/",
             "///api///aanvragen///{id}", "/api/./aanvragen/{id}", "/api/aanvragen/{id}?x=1", "/api/aanvragen/{id}#x"]


@pytest.mark.parametrize("vorm", VARIANTEN)
def test_csrf_volgt_de_route_niet_de_tekst(opzet, vorm):
    server, _, cursist, aanvraag = opzet
    pad = vorm.format(id=aanvraag)
    huidig = cursist.vraag("GET", f"/api/aanvragen/{aanvraag}").headers["etag"]
    r = cursist.vraag("PUT", pad, SAMPLE + b"# zonder token\n", {"If-Match": huidig}, csrf=False)
    assert r.status in (403, 404), (pad, r)
    assert "no-store" in r.headers.get("cache-control", ""), (pad, r.headers)
    # Nothing changed.
    assert cursist.vraag("GET", f"/api/aanvragen/{aanvraag}").headers["etag"] == huidig
    # With the token the same path either is the route (200) or does not exist (404).
    r = cursist.vraag("GET", pad)
    assert r.status in (200, 404), (pad, r)
    if r.status == 200:
        assert r.body == cursist.vraag("GET", f"/api/aanvragen/{aanvraag}").body
        assert "no-store" in r.headers.get("cache-control", "")


def test_andere_wijzigende_routes_zonder_token(opzet):
    server, docent, cursist, aanvraag = opzet
    for sessie, method, pad, body in [
        (cursist, "POST", "//api/aanvragen", SAMPLE),
        (cursist, "PUT", f"//api/aanvragen/{aanvraag}/bestanden/x.pdf", b"%PDF"),
        (cursist, "DELETE", "//api/sessie", b""),
        (docent, "POST", f"//api/aanvragen/{aanvraag}/opmerkingen", json.dumps({"pad": "", "tekst": "x"}).encode()),
        (docent, "POST", "/api//cursussen", json.dumps({"naam": "X", "bijeenkomsten": []}).encode()),
    ]:
        r = sessie.vraag(method, pad, body, {"If-Match": '"1"', "Content-Type": "application/json"}, csrf=False)
        assert r.status in (403, 404), (method, pad, r)
    # Both sessions still work (DELETE did not end the session).
    assert cursist.vraag("GET", "/api/sessie").status == 200


@pytest.mark.parametrize("terug,verwacht", [
    ("/aanvragen/1/hoofdlijnen", "/aanvragen/1/hoofdlijnen"),
    ("/%09/evil.example", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/"),
    ("/\t/evil.example", "/"), ("/\r\n/evil.example", "/"), ("/a\\b", "/"), ("", "/"), ("evil.example", "/"),
])
def test_terug_alleen_een_pad_van_deze_site(opzet, terug, verwacht):
    server, _, _, _ = opzet
    # Decoded as a browser's form post would be: the value arrives with its %09 as a tab.
    formulier = urllib.parse.urlencode({"email": "cursist@example.nl", "wachtwoord": "cursist-wachtwoord",
                                        "terug": urllib.parse.unquote(terug)})
    r = server.vraag("POST", "/inloggen", formulier.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 303, r
    assert r.headers["location"] == verwacht


def test_downloads_zijn_no_store(opzet):
    server, _, cursist, aanvraag = opzet
    for pad in [f"/aanvragen/{aanvraag}/export.yaml", f"/aanvragen/{aanvraag}/documenten/pakket.zip?concept=1",
                f"/api/aanvragen/{aanvraag}", f"/aanvragen/{aanvraag}/hoofdlijnen", "/"]:
        r = cursist.vraag("GET", pad)
        assert r.status == 200, (pad, r)
        assert r.headers.get("cache-control") == "no-store", (pad, r.headers)
    r = cursist.vraag("POST", f"/api/aanvragen/{aanvraag}/pakket?concept=1")
    assert r.status == 200 and r.headers.get("cache-control") == "no-store"


def test_een_formulier_van_elders_wordt_niet_bewaard_door_inloggen(opzet):
    """A form posted from another site without a session is never saved by logging in alone."""
    server, _, cursist, aanvraag = opzet
    voor = cursist.vraag("GET", f"/api/aanvragen/{aanvraag}")
    vals = urllib.parse.urlencode({"csrf": "x", "versie": voor.headers["etag"].strip('"'), "project.titel": "Gekaapt"})
    r = server.vraag("POST", f"/aanvragen/{aanvraag}/hoofdlijnen", vals.encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 401
    login = urllib.parse.urlencode({"email": "cursist@example.nl", "wachtwoord": "cursist-wachtwoord",
                                    "terug": f"/aanvragen/{aanvraag}/hoofdlijnen", "bewaard": vals,
                                    "bewaardNaar": f"/aanvragen/{aanvraag}/hoofdlijnen"})
    r = server.vraag("POST", "/inloggen", login.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 200
    assert "Gekaapt" in r.body.decode()
    na = cursist.vraag("GET", f"/api/aanvragen/{aanvraag}")
    assert na.headers["etag"] == voor.headers["etag"] and na.body == voor.body
