"""A homework reminder through a real mail server on loopback (aiosmtpd) from a real `vip server`:
it goes out at the server's start, names exactly the fields the cursist still lacks for the next
bijeenkomst (each with its link), carries RFC 8058's one-click unsubscribe headers, and the
one-click POST (no session, no CSRF token) turns reminders off."""
import datetime
import json
import re
import urllib.error
import urllib.request

from postvak import Sink, Vip, lees, onthoud_geheim

EXTERN = "https://vip.voorbeeld.nl"
AFZENDER = "Stichting Voorbeeld <vip@voorbeeld.nl>"
WACHTWOORD = "docent-wachtwoord-1"


def ruw(api, method, pad, data, type_):
    """A request with a body that is not JSON, with the client's session."""
    h = {"Content-Type": type_}
    if api.cookie:
        h["Cookie"] = api.cookie
    if api.csrf:
        h["X-CSRF-Token"] = api.csrf
    req = urllib.request.Request(api.url + pad, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_herinnering_met_precies_de_ontbrekende_velden_en_afmelden_met_een_klik():
    sink = Sink().start()
    opties = ["--smtp", f"smtp://127.0.0.1:{sink.poort}", "--afzender", AFZENDER, "--extern-url", EXTERN,
              "--herinnering-dagen", "3"]
    vip = Vip(*opties, naam="herinneringen")
    try:
        vip.gebruiker("docent", "docent@voorbeeld.nl", "Dora Docent", WACHTWOORD)
        vip.start()
        docent = vip.api().meld_aan("docent@voorbeeld.nl", WACHTWOORD)
        # A bijeenkomst that has passed, the next one in two days (by the server's local date).
        vandaag = datetime.date.today()
        data = [str(vandaag - datetime.timedelta(days=7)), str(vandaag + datetime.timedelta(days=2)),
                str(vandaag + datetime.timedelta(days=9))]
        status, body, _ = docent.vraag("POST", "/api/cursussen", {"naam": "Najaar", "bijeenkomsten": data})
        assert status == 201, body
        cursus = json.loads(body)
        # Fatima begins an aanvraag with only a title; Sanne signs up and begins none.
        cursisten = {}
        for email, naam in [("fatima@thuis.nl", "Fatima"), ("sanne@thuis.nl", "Sanne")]:
            api = vip.api()
            onthoud_geheim("cursist-wachtwoord-1")
            status, body, _ = api.vraag("POST", "/api/aanmelden", {"uitnodigingscode": cursus["uitnodigingscode"],
                                                                     "naam": naam, "email": email,
                                                                     "wachtwoord": "cursist-wachtwoord-1"})
            assert status == 201, body
            cursisten[email] = api.meld_aan(email, "cursist-wachtwoord-1")
        fatima = cursisten["fatima@thuis.nl"]
        status, body = ruw(fatima, "POST", "/api/aanvragen",
                           b"formaat: vip-aanvraag/1\nproject:\n  titel: Samen moestuinieren\n", "application/yaml")
        assert status == 201, body
        # Her homework for the next bijeenkomst, as the course page and the API name it.
        status, body, _ = fatima.vraag("GET", f"/api/cursussen/{cursus['id']}")
        overzicht = json.loads(body)
        assert overzicht["volgende"] == 2
        huiswerk = overzicht["huiswerk"]
        assert huiswerk, overzicht

        # The server looks for due reminders at start: restart it.
        vip.stop()
        vip.start()
        b = sink.wacht(1, timeout=30)[0]
        assert b["aan"] == ["fatima@thuis.nl"]
        mail = lees(b)
        assert "bijeenkomst 2" in str(mail["Subject"])
        tekst = mail.get_body(preferencelist=("plain",)).get_content()
        html = mail.get_body(preferencelist=("html",)).get_content()
        # Exactly the missing fields, in order, each with the link to its page.
        labels = [r[2:].rstrip(":") for r in tekst.splitlines() if r.startswith("- ")]
        assert labels == [h["label"] for h in huiswerk], tekst
        for h in huiswerk:
            assert EXTERN + h["pagina"] in tekst and f'href="{EXTERN}{h["pagina"]}"' in html
        # RFC 8058.
        kop = str(mail["List-Unsubscribe"]).strip()
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        m = re.fullmatch(r"<(https://vip\.voorbeeld\.nl(/afmelden/[0-9a-f]{32}))>", kop)
        assert m, kop
        onthoud_geheim(m.group(2).rsplit("/", 1)[1])

        # "Nu versturen" right after: nothing more, and no second mail.
        status, body, _ = docent.vraag("POST", f"/api/cursussen/{cursus['id']}/herinneringen")
        assert status == 200 and json.loads(body) == {"verstuurd": []}, body

        # GET shows a page and turns nothing off; the mail program's one-click POST, without a
        # session or CSRF token, turns reminders off.
        with urllib.request.urlopen(vip.url + m.group(2), timeout=30) as r:
            assert r.status == 200 and "Afmelden" in r.read().decode()
        status, body = ruw(fatima, "GET", "/account", None, "text/html")
        assert 'name="herinneringen" value="1" checked' in body
        req = urllib.request.Request(vip.url + m.group(2), data=b"List-Unsubscribe=One-Click", method="POST",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(req, timeout=30) as r:
            assert r.status == 200 and "U bent afgemeld" in r.read().decode()
        status, body = ruw(fatima, "GET", "/account", None, "text/html")
        assert 'name="herinneringen" value="1">' in body and 'name="meldingen" value="1" checked' in body
        assert len(sink.berichten) == 1
    finally:
        vip.stop()
        sink.stop()
