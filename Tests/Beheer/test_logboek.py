"""The request log of a real process (`--log json`: one JSON object per request, with the route's
pattern and no personal data) and `/metrics` (loopback only, not through the proxy, or with the
token)."""
import json
import urllib.request

from postvak import Vip, onthoud_geheim


def haal(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), dict(e.headers)


def test_json_log_en_metrics():
    onthoud_geheim("meet-token-geheim-1")
    vip = Vip("--log", "json", "--proxy", env={"VIP_METRICS_TOKEN": "meet-token-geheim-1"})
    try:
        vip.gebruiker("docent", "daan@voorbeeld.nl", "Daan", "docent-wachtwoord-1")
        vip.start()
        api = vip.api().meld_aan("daan@voorbeeld.nl", "docent-wachtwoord-1")
        status, body, koppen = api.vraag("POST", "/api/cursussen", {"naam": "C", "bijeenkomsten": ["2026-09-01"]})
        assert status == 201 and len(koppen["X-Request-Id"]) == 12
        assert api.vraag("GET", "/api/cursussen/999/voortgang")[0] == 404
        assert api.vraag("POST", "/api/sessie", {"email": "daan@voorbeeld.nl", "wachtwoord": "fout-wachtwoord"})[0] == 401

        # From this machine, not through the proxy: answered.
        status, tekst, koppen = haal(vip.url + "/metrics")
        assert status == 200 and koppen["Content-Type"].startswith("text/plain; version=0.0.4")
        assert 'vip_http_requests_total{method="POST",route="/api/cursussen",status="201"} 1' in tekst
        assert 'vip_http_requests_total{method="GET",route="/api/cursussen/{id}/voortgang",status="404"} 1' in tekst
        assert "# TYPE vip_http_request_duration_seconds histogram" in tekst
        assert "vip_outbox_waiting 0" in tekst and "vip_outbox_failed 0" in tekst
        # Through the proxy (X-Forwarded-For): only with the token.
        assert haal(vip.url + "/metrics", {"X-Forwarded-For": "203.0.113.9"})[0] == 403
        assert haal(vip.url + "/metrics", {"X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer fout"})[0] == 403
        assert haal(vip.url + "/metrics", {"X-Forwarded-For": "203.0.113.9",
                                           "Authorization": "Bearer meet-token-geheim-1"})[0] == 200
    finally:
        vip.stop()
    regels = [l for l in open(vip.log.name, encoding="utf-8") if l.startswith("{")]
    verzoeken = [json.loads(l) for l in regels]
    assert {"tijd", "methode", "route", "status", "ms", "id"} <= set(verzoeken[0])
    assert any(v["route"] == "/api/cursussen" and v["status"] == 201 and v["methode"] == "POST" for v in verzoeken)
    assert any(v["route"] == "/api/cursussen/{id}/voortgang" and v["status"] == 404 for v in verzoeken)
    assert any(v["route"] == "/api/sessie" and v["status"] == 401 for v in verzoeken)
    assert any(v["route"] == "/metrics" and v["status"] == 403 for v in verzoeken)
    alles = "".join(regels)
    assert "@" not in alles and "wachtwoord-1" not in alles and "meet-token" not in alles
