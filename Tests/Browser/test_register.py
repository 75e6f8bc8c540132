"""The fund register and "Na het besluit" in a real browser, with JavaScript and without (issue 20):

- the organiser imports the register on its page (an unreadable file first: the line of the error,
  nothing stored), and picks funds for a speed-date from it;
- the cursist searches the register on her fondsen page, sees why a fund fits and adds it with its
  address in one click; she records what the funds decided and enters the realisatie (the table of
  begroot and werkelijk shows the differences), and downloads the verantwoording.

Every page gets `bekijk` (screenshot and axe-core: no serious or critical violations); without
JavaScript the page is checked again by axe in a context with script.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import pytest
from playwright.sync_api import expect

from harnas import API, CHECKER, ROOT, Bewaking, axe_zonder_js, bekijk, context, cursus_via_api, registreer_en_begin

ORGANISATOR = "registerbeheer@example.nl"
ORG_WACHTWOORD = "organisator-wachtwoord-2"
REGISTER = os.path.join(ROOT, "Samples", "fondsenregister.yaml")
BUURTMOESTUIN = os.path.join(ROOT, "Samples", "buurtmoestuin.yaml")


def controleer(page, browser, c, naam, js):
    bekijk(page, naam, js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), naam)


def log_in(page, server, email, wachtwoord):
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def opslaan(page, js):
    """With script: wait until the automatic save of the last change is done; without: press Opslaan."""
    if js:
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
        page.wait_for_load_state("networkidle")
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
    else:
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.locator(".melding-succes")).to_contain_text("Opgeslagen als versie")


@pytest.fixture(scope="module")
def organisator(server):
    server.gebruiker("organisator", ORGANISATOR, "Rita Register", ORG_WACHTWOORD)
    return server


@pytest.mark.parametrize("js", [True, False], ids=["met-js", "zonder-js"])
def test_organisator_importeert_register_en_kiest_fondsen(browser, organisator, js):
    server = organisator
    cursus_via_api(server)  # a cursus to take part in the speed-date
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, ORGANISATOR, ORG_WACHTWOORD)
    expect(page.get_by_role("heading", name="Overzicht voor de organisator", level=1)).to_be_visible()
    page.get_by_role("link", name="Fondsenregister bekijken en bewerken").click()
    expect(page.get_by_role("heading", name="Fondsenregister", level=1)).to_be_visible()
    controleer(page, browser, c, "fondsenregister", js)

    # An unreadable file: the line of the error, nothing stored, the text in the box to correct.
    bewaking.verwachte.append("status of 422")
    page.get_by_label("Registerbestand").set_input_files(files=[{
        "name": "kapot.yaml", "mimeType": "text/yaml",
        "buffer": b"formaat: vip-fondsenregister/1\nfondsen:\n  - naam: Fonds A\n    bedrag: {min: 900, max: 100}\n"}])
    page.get_by_role("button", name="Register importeren").click()
    expect(page.locator("#registerfout")).to_contain_text("Er is niets opgeslagen")
    expect(page.locator("#registerfout")).to_contain_text("Regel 4")
    expect(page.get_by_label("Tekst van het register")).to_have_value(re.compile("max: 100"))
    controleer(page, browser, c, "fondsenregister-fout", js)
    bewaking.verwachte.clear()

    # The example register as a file.
    page.get_by_label("Registerbestand").set_input_files(REGISTER)
    page.get_by_role("button", name="Register importeren").click()
    expect(page.locator(".melding-succes")).to_contain_text("Het fondsenregister is opgeslagen als versie")
    tabel = page.locator("table#registerfondsen")
    expect(tabel.get_by_role("rowheader", name="Groenfonds Gelderland")).to_be_visible()
    expect(tabel.locator("tbody tr")).to_have_count(6)
    controleer(page, browser, c, "fondsenregister-geimporteerd", js)
    with page.expect_download() as d:
        page.get_by_role("link", name="Register downloaden (.yaml)").click()
    assert open(d.value.path(), "rb").read() == open(REGISTER, "rb").read()

    # A speed-date with funds from the register: they fill the blocks, the free blocks stay.
    page.goto(server.url + "/evenementen/nieuw")
    for naam in ["Groenfonds Gelderland", "Stichting Buurtkracht"]:
        page.get_by_role("checkbox", name=re.compile(re.escape(naam))).check()
    page.get_by_role("button", name="Overnemen in de fondsblokken").click()
    expect(page.locator("#overgenomen")).to_contain_text("Groenfonds Gelderland, Stichting Buurtkracht")
    expect(page.locator('[name="fonds-0-naam"]')).to_have_value("Groenfonds Gelderland")
    expect(page.locator('[name="fonds-0-thema"]')).to_have_value("natuur, ontmoeting, duurzaamheid")
    expect(page.locator('[name="fonds-0-bedrag-max"]')).to_have_value("10.000,00")
    expect(page.locator('[name="fonds-1-naam"]')).to_have_value("Stichting Buurtkracht")
    expect(page.locator('[name="fonds-2-naam"]')).to_have_value("")
    controleer(page, browser, c, "evenement-uit-register", js)
    titel = "Speeddate uit het register " + ("met script" if js else "zonder script")
    page.get_by_label("Titel").fill(titel)
    page.get_by_label("Datum").fill("2027-06-21")
    page.locator('input[name="cursus"]').first.check()
    page.locator('[name="fonds-1-tafels"]').fill("2")
    page.get_by_role("button", name="Fondsendate aanmaken").click()
    expect(page.get_by_role("heading", name=titel, level=1)).to_be_visible()
    fondsen = page.locator("table#fondsenlijst")
    expect(fondsen.get_by_role("rowheader", name="Groenfonds Gelderland")).to_be_visible()
    expect(fondsen.get_by_role("rowheader", name="Stichting Buurtkracht")).to_be_visible()
    bewaking.controleer()
    c.close()


def cursist_met_buurtmoestuin(page, server, js):
    """A cursist signs up on the page; her aanvraag becomes the sample through the API."""
    code = cursus_via_api(server)
    email = f"besluit-{'js' if js else 'zonder'}@example.nl"
    registreer_en_begin(page, server, code, email, js)
    id = re.search(r"/aanvragen/(\d+)/", page.url).group(1)
    api = API(server.url)
    api.meld_aan(email, "cursist-wachtwoord")
    status, body = api.vraag("PUT", f"/api/aanvragen/{id}", open(BUURTMOESTUIN, "rb").read(),
                             headers={"Content-Type": "application/yaml", "If-Match": '"1"'})
    assert status == 200, body
    # The organiser's test imports the register; on its own this test needs one too.
    org = API(server.url)
    org.meld_aan(ORGANISATOR, ORG_WACHTWOORD)
    if org.vraag("GET", "/api/fondsenregister")[0] == 404:
        assert org.vraag("PUT", "/api/fondsenregister", open(REGISTER, "rb").read())[0] == 200
    return id


@pytest.mark.parametrize("js", [True, False], ids=["met-js", "zonder-js"])
def test_cursist_zoekt_fonds_en_legt_besluit_en_realisatie_vast(browser, organisator, js):
    server = organisator
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    id = cursist_met_buurtmoestuin(page, server, js)
    basis = f"{server.url}/aanvragen/{id}"

    # 1. The fondsen page: search the register on the date of sending, see why a fund fits, add it.
    page.goto(basis + "/fondsen")
    page.get_by_label("Datum waarop u de aanvraag verstuurt").fill("2024-11-01")
    page.get_by_role("button", name="Zoeken").click()
    treffer = page.locator('[data-register-fonds="Groenfonds Gelderland"]')
    expect(treffer).to_contain_text("Thema: natuur en ontmoeting")
    expect(treffer).to_contain_text("Regio: werkt in Arnhem")
    expect(treffer).to_contain_text("t.a.v. mevrouw J. Hendriks, Postbus 1201, 6801 BE Arnhem")
    expect(page.locator(".register-treffer").first).to_have_attribute("data-register-fonds", "Groenfonds Gelderland")
    controleer(page, browser, c, "fondsen-register", js)
    treffer.get_by_role("button", name=re.compile("Toevoegen aan mijn fondsen")).click()
    expect(page.locator(".melding-succes")).to_contain_text("Groenfonds Gelderland staat nu bij uw fondsen")
    expect(page.locator('input[value="Groenfonds Gelderland"][name$=".naam"]')).to_have_count(1)
    expect(page.locator('input[name="fondsen[3].adres.straat"]')).to_have_value("Postbus 1201")
    expect(page.locator('input[name="fondsen[3].ter_attentie_van"]')).to_have_value("mevrouw J. Hendriks")
    expect(page.locator(".al-aangevraagd", has_text="Groenfonds Gelderland")).to_be_visible()
    controleer(page, browser, c, "fondsen-toegevoegd", js)

    # 2. Na het besluit: the funds' decisions.
    page.locator('nav.zijbalk a[href$="/na-het-besluit"]').click()
    expect(page.get_by_role("heading", name="Na het besluit", level=1)).to_be_visible()
    controleer(page, browser, c, "na-het-besluit-leeg", js)
    groen = page.locator('[data-besluit="Groenfonds Gelderland"]')
    groen.get_by_label("Status").select_option("toegezegd")
    groen.get_by_label("Besluit op").fill("2025-02-10")
    groen.get_by_label("Toegezegd bedrag").fill("2.500,00")
    groen.get_by_label("Kenmerk").fill("GG-2025-007")
    vsb = page.locator('[data-besluit="VSBfonds"]')
    vsb.get_by_label("Status").select_option("toegezegd")
    vsb.get_by_label("Besluit op").fill("2025-02-17")
    vsb.get_by_label("Toegezegd bedrag").fill("2.000,00")
    page.locator('[data-besluit="Skanfonds"]').get_by_label("Status").select_option("afgewezen")
    # The realisatie: two posts, a result, the verslag.
    page.get_by_label("Peildatum").fill("2026-01-15")
    page.get_by_label("Werkelijk bedrag van Tuinaarde en compost").fill("598,20")
    page.get_by_label("Werkelijk bedrag van Verhoogde plantenbakken van larikshout").fill("1.500")
    page.get_by_label("Toelichting bij Verhoogde plantenbakken van larikshout").fill("Eén bak meer dan gepland.")
    rij = page.locator("tr.realisatie-post", has_text="Tuinaarde en compost")
    if js:
        # The table follows while she types.
        expect(rij.locator("[data-verschil-uit]")).not_to_have_text("\u2014")
    page.get_by_label("Bereikt bij resultaat 1").fill("74 bewoners deden vijf keer of vaker mee.")
    page.get_by_label("Wat ging goed").fill("De tuindagen trokken meer bewoners dan we hoopten.")
    opslaan(page, js)
    page.goto(basis + "/na-het-besluit")
    expect(page.get_by_label("Werkelijk bedrag van Tuinaarde en compost")).to_have_value("598,20")
    expect(groen.get_by_label("Kenmerk")).to_have_value("GG-2025-007")
    expect(page.locator('[data-besluit="Skanfonds"]').get_by_label("Status")).to_have_value("afgewezen")
    # Begroot and werkelijk: the difference and the running difference of the two posts.
    verschillen = page.locator("tr.realisatie-post [data-verschil-uit]").all_inner_texts()
    lopend = page.locator("tr.realisatie-post [data-lopend-uit]").all_inner_texts()
    gevuld = [(v, l) for v, l in zip(verschillen, lopend) if v.strip() != "\u2014"]
    assert len(gevuld) == 2, verschillen
    assert gevuld[1][1].strip() != "" and gevuld[0][1] == gevuld[0][0], gevuld
    expect(page.locator("[data-zonder-werkelijk]")).to_be_visible()
    expect(page.locator("table.ontvangsttabel")).to_contain_text("Groenfonds Gelderland")
    controleer(page, browser, c, "na-het-besluit", js)

    # 3. Documenten: the new documents, explained, and the verantwoording downloaded.
    page.locator('nav.zijbalk a[href$="/documenten"]').click()
    page.get_by_label("Formaat").select_option("odt")
    page.get_by_label("Als concept (met CONCEPT op elke pagina)").check()
    page.get_by_role("button", name="Documenten maken").click()
    expect(page.get_by_role("heading", name="Na het besluit van de fondsen")).to_be_visible()
    expect(page.locator("li", has_text="bedankbrief-groenfonds-gelderland.odt")).to_contain_text(
        "Bedankbrief aan Groenfonds Gelderland")
    expect(page.locator("li", has_text="na-afwijzing-skanfonds.odt")).to_contain_text("Belblad na de afwijzing door Skanfonds")
    controleer(page, browser, c, "documenten-na-het-besluit", js)
    with page.expect_download() as d:
        page.get_by_role("link", name="verantwoording.odt", exact=True).click()
    assert d.value.suggested_filename == "verantwoording.odt"
    map_ = tempfile.mkdtemp(prefix="vip-verantwoording-")
    pad = os.path.join(map_, "verantwoording.odt")
    d.value.save_as(pad)
    with zipfile.ZipFile(pad) as z:
        inhoud = z.read("content.xml").decode()
    for tekst in ["598,20", "Groenfonds Gelderland", "74 bewoners deden vijf keer of vaker mee."]:
        assert tekst in inhoud, tekst
    env = dict(os.environ, SKIP_SOFFICE="1")
    r = subprocess.run([sys.executable, CHECKER, pad], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    bewaking.controleer()
    c.close()
