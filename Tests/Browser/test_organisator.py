"""The organiser's walk in a real browser, with JavaScript and without: she signs in, creates a
fund speed-date on the page (funds with themes, region and tables; the cursus that takes part),
sees who is admitted and why not, and downloads the schedule and the whole package.

The files she downloads are compared with the API's pakket and with what `vip fondsendate`
writes for the same event and the same aanvragen. Every page gets `bekijk` (screenshot and
axe-core: no serious or critical violations).

The organiser's account is added with `vip gebruiker toevoegen` while the shared server runs:
that works on SQLite (WAL, with a busy timeout) and on PostgreSQL alike.
"""
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile

import pytest
from playwright.sync_api import expect

from harnas import API, ROOT, VIP, WACHTWOORD, Bewaking, axe_zonder_js, bekijk, context

ORGANISATOR = "organisator@example.nl"
ORG_WACHTWOORD = "organisator-wachtwoord-1"
CURSUS = "Najaar, met speeddate"
# naam, vertegenwoordigers, doelstelling, thema's, regio, min, max, tafels
FONDSEN = [
    ("Oranje Fonds", "mevrouw L. Verhoeven, de heer T. Bos", "Sociale samenhang en ontmoeting in de buurt.",
     "participatie, ontmoeting, sociale samenhang", "landelijk", "1000", "25000", "2"),
    ("VSBfonds", "de heer R. Kuipers", "Meedoen in de samenleving.", "ontmoeting, natuur, cultuur", "landelijk",
     "1500", "15000", "1"),
    ("Jantje Beton", "mevrouw S. Brinkman", "Buiten spelen voor alle kinderen.", "spelen, jeugd", "landelijk",
     "250", "5000", "1"),
    ("Fonds 1818", "de heer P. Hoogendoorn", "Jeugd, zorg, cultuur en natuur in de regio Den Haag.",
     "jeugd, zorg, cultuur, natuur", "Den Haag, Delft", "500", "10000", "1"),
]
EVENEMENT = {"datum": "2027-06-21", "locatie": "Wijkcentrum De Brug, Arnhem", "aanvang": "14:00", "rondeduur": "10",
             "wisseltijd": "2"}


def sample(naam):
    with open(os.path.join(ROOT, naam), "rb") as f:
        return f.read()


@pytest.fixture(scope="module")
def opzet(server):
    """A cursus with four cursisten: two approved aanvragen, one af but not approved, one with fouten."""
    server.gebruiker("organisator", ORGANISATOR, "Olga Organisator", ORG_WACHTWOORD)
    docent = API(server.url)
    docent.meld_aan("docent@example.nl", WACHTWOORD)
    status, body = docent.vraag("POST", "/api/cursussen", {"naam": CURSUS, "bijeenkomsten": ["2027-03-01"]})
    assert status == 201, body
    code = json.loads(body)["uitnodigingscode"]
    aanvragen = {}
    for i, (naam, bestand, goedkeuren) in enumerate([
            ("Sanne Verbeek", "Samples/buurtmoestuin.yaml", True),
            ("Jolanda Smit", "Samples/kinderfestival.yaml", True),
            ("Piet Goed", "Tests/Fixtures/review/goed.yaml", False),
            ("Hanan El Idrissi", "Samples/concept-vol-fouten.yaml", False)]):
        cursist = API(server.url)
        email = f"cursist{i}@example.nl"
        status, body = cursist.vraag("POST", "/api/aanmelden", {"uitnodigingscode": code, "naam": naam, "email": email,
                                                               "wachtwoord": "cursist-wachtwoord"})
        assert status == 201, body
        cursist.meld_aan(email, "cursist-wachtwoord")
        tekst = sample(bestand)
        status, body = cursist.vraag("POST", "/api/aanvragen", tekst, headers={"Content-Type": "application/yaml"})
        assert status == 201, body
        id = json.loads(body)["id"]
        aanvragen[id] = (naam, tekst)
        if goedkeuren:
            status, body = docent.vraag("POST", f"/api/aanvragen/{id}/goedkeuring", {"versie": 1})
            assert status == 201, body
    return aanvragen


def vip_fondsendate(evenement, aanvragen):
    """`vip fondsendate` on the same event and aanvragen: its schema.csv and toelating.csv."""
    map = tempfile.mkdtemp(prefix="vip-fondsendate-browser-")
    regels = ["formaat: vip-fondsendate/1", "evenement:"]
    for k in ["titel", "datum", "locatie", "aanvang", "rondeduur", "wisseltijd", "max_gesprekken"]:
        if evenement.get(k) is not None:
            regels.append(f"  {k}: {json.dumps(str(evenement[k]))}")
    regels.append("fondsen:")
    for f in evenement["fondsen"]:
        regels.append(f"  - naam: {json.dumps(f['naam'])}")
        regels.append(f"    thema: {json.dumps(f['thema'])}")
        regels.append(f"    regio: {json.dumps(f['regio'])}")
        regels.append(f"    tafels: {f['tafels']}")
    # The bedragen, vertegenwoordigers and doelstelling of the funds are not in the two CSV files.
    regels.append("projecten:")
    for p in evenement["projecten"]:
        id = p["aanvraag"]
        with open(os.path.join(map, f"aanvraag-{id}.yaml"), "wb") as f:
            f.write(aanvragen[id][1])
        regels += [f"  - aanvraag: aanvraag-{id}.yaml", f"    acceptabel: {'true' if p['goedgekeurd'] else 'false'}",
                   f"    presentatoren: [{json.dumps(p['cursist'])}]"]
    with open(os.path.join(map, "fondsendate.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(regels) + "\n")
    r = subprocess.run([VIP, "fondsendate", os.path.join(map, "fondsendate.yaml"), "--uit", os.path.join(map, "uit")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return {naam: open(os.path.join(map, "uit", naam), "rb").read() for naam in ["schema.csv", "toelating.csv"]}


@pytest.mark.parametrize("js", [True, False], ids=["met-js", "zonder-js"])
def test_organisator(browser, server, opzet, js):
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill(ORGANISATOR)
    page.get_by_label("Wachtwoord").fill(ORG_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Overzicht voor de organisator", level=1)).to_be_visible()
    bekijk(page, "organisator", js)

    # 1. A new event, on the page.
    page.get_by_role("link", name="Nieuwe fondsendate").click()
    expect(page.get_by_role("heading", name="Nieuwe fondsendate", level=1)).to_be_visible()
    bekijk(page, "evenement-nieuw", js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), "evenement-nieuw")
    titel = "Speeddate " + ("met script" if js else "zonder script")
    page.get_by_label("Titel").fill(titel)
    page.get_by_label("Datum").fill(EVENEMENT["datum"])
    page.get_by_label("Plaats").fill(EVENEMENT["locatie"])
    page.get_by_label("Aanvang van de eerste ronde").fill(EVENEMENT["aanvang"])
    page.get_by_label("Duur van een ronde, in minuten").fill("tien")
    page.get_by_label("Wisseltijd tussen de rondes, in minuten").fill(EVENEMENT["wisseltijd"])
    assert page.locator("fieldset.fonds-rij").count() == 3
    for i, f in enumerate(FONDSEN):
        if i == 3:
            # A fourth fund: with the script a block is added in place, without it the form comes back.
            url = page.url
            page.get_by_role("button", name="Meer fondsen").click()
            if js:
                expect(page.locator("fieldset.fonds-rij")).to_have_count(4)
                expect(page.locator('[name="fonds-3-naam"]')).to_be_focused()
                assert page.url == url
            else:
                expect(page.locator("fieldset.fonds-rij")).to_have_count(6)
                expect(page.locator('[name="fonds-0-naam"]')).to_have_value(FONDSEN[0][0])
                expect(page.get_by_label("Titel")).to_have_value(titel)
        for veld, waarde in zip(["naam", "vertegenwoordigers", "doelstelling", "thema", "regio", "bedrag-min",
                                 "bedrag-max", "tafels"], f):
            page.locator(f'[name="fonds-{i}-{veld}"]').fill(waarde)
    page.get_by_role("checkbox", name=re.compile(re.escape(CURSUS))).check()

    # A round of "tien" minutes: the form again (422), with the message beside the field and nothing lost.
    bewaking.verwachte.append("status of 422")
    page.get_by_role("button", name="Fondsendate aanmaken").click()
    expect(page.locator("#formulierfout")).to_contain_text("Er is niets opgeslagen")
    expect(page.locator("#rondeduur-fout")).to_contain_text("geheel getal")
    expect(page.locator('[name="fonds-3-naam"]')).to_have_value(FONDSEN[3][0])
    expect(page.get_by_role("checkbox", name=re.compile(re.escape(CURSUS)))).to_be_checked()
    bekijk(page, "evenement-fout", js)
    bewaking.verwachte.clear()
    page.get_by_role("link", name="Duur van een ronde, in minuten").click()
    page.get_by_label("Duur van een ronde, in minuten").fill(EVENEMENT["rondeduur"])
    # Enter in a field makes the event (the first button of the form), not more fund blocks.
    page.get_by_label("Duur van een ronde, in minuten").press("Enter")

    # 2. The admission.
    expect(page.get_by_role("heading", name=titel, level=1)).to_be_visible()
    expect(page.locator(".melding-succes")).to_contain_text("aangemaakt")
    bekijk(page, "evenement", js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), "evenement")
    id = re.search(r"/evenementen/(\d+)", page.url).group(1)
    org = API(server.url)
    org.meld_aan(ORGANISATOR, ORG_WACHTWOORD)
    status, body = org.vraag("GET", f"/api/evenementen/{id}")
    assert status == 200, body
    evenement = json.loads(body)
    assert [f["naam"] for f in evenement["fondsen"]] == [f[0] for f in FONDSEN]
    assert [f["tafels"] for f in evenement["fondsen"]] == [int(f[7]) for f in FONDSEN]
    assert evenement["fondsen"][3]["regio"] == ["Den Haag", "Delft"]
    rijen = page.locator("table#toelating tbody tr")
    expect(rijen).to_have_count(4)
    per_cursist = {p["cursist"]: p for p in evenement["projecten"]}
    for naam, toegelaten, reden in [("Sanne Verbeek", "ja", ""), ("Jolanda Smit", "ja", ""),
                                    ("Piet Goed", "nee", "niet goedgekeurd"), ("Hanan El Idrissi", "nee", "niet af")]:
        rij = rijen.filter(has=page.get_by_role("cell", name=naam, exact=True))
        expect(rij.locator("td.toegelaten")).to_have_text(toegelaten)
        expect(rij.locator(".project")).to_have_text(per_cursist[naam]["titel"])
        if reden:
            expect(rij.locator(".reden")).to_contain_text(reden)
    expect(page.locator("table#schema caption")).to_have_text("Schema: rondes × fondsen")

    # 3. The downloads: schema.csv alone, and the whole package.
    with page.expect_download() as d:
        page.get_by_role("link", name="schema.csv", exact=True).click()
    assert d.value.suggested_filename == "schema.csv"
    schema = open(d.value.path(), "rb").read()
    with page.expect_download() as d:
        page.get_by_role("link", name="Alles als zip downloaden").click()
    assert d.value.suggested_filename == f"fondsendate-{id}.zip"
    pakketbytes = open(d.value.path(), "rb").read()
    status, api_zip = org.vraag("GET", f"/api/evenementen/{id}/pakket")
    assert status == 200 and pakketbytes == api_zip
    pakket = zipfile.ZipFile(io.BytesIO(pakketbytes))
    assert pakket.read("schema.csv") == schema
    cli = vip_fondsendate(evenement, opzet)
    assert schema == cli["schema.csv"]
    assert pakket.read("toelating.csv") == cli["toelating.csv"]
    regels = schema.decode().splitlines()
    assert regels[0] == "ronde,aanvang,einde,fonds,tafel,project,organisatie" and len(regels) > 1

    # Back to the start page: the event is listed.
    page.get_by_role("link", name="Overzicht").first.click()
    expect(page.get_by_role("link", name=titel)).to_be_visible()
    bekijk(page, "organisator-lijst", js)
    bewaking.controleer()
    c.close()
