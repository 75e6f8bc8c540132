"""The docent's walk in a real browser, with and without JavaScript: she creates a cursus on the
page, sees a cursist's progress, reads her aanvraag and comments on a field (the cursist sees it
beside that field and marks it afgehandeld), approves a version without fouten, and sees that a
later version is not approved. axe-core runs on every page."""
import json
import re
import os
import uuid

from playwright.sync_api import expect

from harnas import API, ROOT, WACHTWOORD, Bewaking, axe_zonder_js, bekijk, context

# An aanvraag without fouten (the unit tests approve the same sample).
VOLLEDIG = os.path.join(ROOT, "Samples", "buurtmoestuin.yaml")
OPMERKING = "Maak het doel telbaar: hoeveel bewoners, en wanneer? <b>niet vet</b>"


def controleer(page, browser, c, naam, js):
    bekijk(page, naam, js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), naam)


def log_in(page, server, email, wachtwoord):
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def uitloggen(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen"))


def cursist_met_aanvraag(server, code, naam, email):
    """A cursist signs up with the code and posts a complete aanvraag through the API."""
    api = API(server.url)
    status, body = api.vraag("POST", "/api/aanmelden", {"uitnodigingscode": code, "naam": naam, "email": email,
                                                        "wachtwoord": "cursist-wachtwoord"})
    assert status == 201, body
    api.meld_aan(email, "cursist-wachtwoord")
    with open(VOLLEDIG, "rb") as f:
        status, body = api.vraag("POST", "/api/aanvragen", f.read(), headers={"Content-Type": "application/yaml"})
    assert status == 201, body
    return json.loads(body)["id"]


def docent_wandeling(browser, server, js):
    tag = "js" if js else "zonder"
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)

    # 1. The docent creates a cursus on the page; the second bijeenkomst is still to come.
    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.get_by_role("link", name="Nieuwe cursus aanmaken").click()
    page.get_by_label("Naam van de cursus").fill(f"Docentwandeling {tag}")
    page.get_by_label("Datums van de bijeenkomsten").fill("2026-09-01\n2099-01-12\n2099-01-19")
    page.get_by_role("button", name="Cursus aanmaken").click()
    code = page.locator("[data-uitnodigingscode]").inner_text().strip()
    cursus_url = page.url
    expect(page.get_by_text("Er hebben zich nog geen cursisten aangemeld")).to_be_visible()
    controleer(page, browser, c, "docent-cursus-leeg", js)

    # 2. A cursist signs up with the code and writes her aanvraag; the docent sees her row.
    naam = f"Petra {tag}"
    email = f"petra-docent-{tag}-{uuid.uuid4().hex[:6]}@example.nl"
    aanvraag = cursist_met_aanvraag(server, code, naam, email)
    page.goto(server.url + "/")
    page.get_by_role("link", name=f"Docentwandeling {tag}").click()
    expect(page).to_have_url(cursus_url)
    rij = page.locator(f'tr[data-cursist="{naam}"]')
    expect(rij).to_be_visible()
    expect(rij.get_by_role("rowheader")).to_have_text(naam)
    expect(rij).to_contain_text("in orde")
    expect(rij).not_to_contain_text(" fout")
    expect(rij.locator("[data-goedkeuring]")).to_have_text("Nee")
    expect(page.get_by_role("heading", name="Huiswerk voor bijeenkomst 2")).to_be_visible()
    controleer(page, browser, c, "docent-cursus", js)

    # 3. She reads the aanvraag and comments on a field, with the keyboard.
    page.locator(f'tr[data-aanvraag-van="{naam}"]').get_by_role("link", name="Lezen").click()
    expect(page).to_have_url(f"{server.url}/aanvragen/{aanvraag}/lezen")
    assert page.locator("[data-autosave]").count() == 0
    assert page.locator('[name="project.doel"]').count() == 0
    doel = page.locator('[data-lees-veld="project.doel"]')
    doel.locator("summary").focus()
    page.keyboard.press("Enter")
    doel.get_by_label("Uw opmerking bij ‘Doel’").fill(OPMERKING)
    doel.get_by_role("button", name="Opmerking plaatsen").focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-lees-veld="project.doel"] .opmerking-tekst')).to_have_text(OPMERKING)
    controleer(page, browser, c, "docent-lezen", js)
    # The edit pages send her back to the read view.
    page.goto(f"{server.url}/aanvragen/{aanvraag}/hoofdlijnen")
    expect(page).to_have_url(f"{server.url}/aanvragen/{aanvraag}/lezen")
    uitloggen(page)

    # The cursist sees the opmerking beside the field and marks it afgehandeld.
    log_in(page, server, email, "cursist-wachtwoord")
    page.locator(".aanvraag-kaart h2 a").first.click()
    veld = page.locator('[data-veld="project.doel"]')
    expect(veld.locator(".opmerking-tekst")).to_have_text(OPMERKING)
    expect(veld.locator(".opmerking-kop")).to_contain_text("Docent Jansen")
    controleer(page, browser, c, "cursist-opmerking", js)
    veld.get_by_role("button", name="Afgehandeld").click()
    expect(page.locator('[data-veld="project.doel"] .opmerking-afgehandeld')).to_be_visible()
    expect(page.locator('[data-veld="project.doel"] .opmerking-afgehandeld summary')).to_contain_text("Afgehandeld")
    controleer(page, browser, c, "cursist-afgehandeld", js)
    uitloggen(page)

    # 4. The docent approves version 1; the cursist sees it.
    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.goto(f"{server.url}/aanvragen/{aanvraag}/lezen")
    expect(page.locator('[data-lees-veld="project.doel"] .opmerking-afgehandeld')).to_be_visible()
    page.get_by_role("button", name="Versie 1 goedkeuren").click()
    expect(page.locator("[data-goedkeuring-tekst]")).to_have_text("Goedgekeurd: versie 1, de laatste versie.")
    controleer(page, browser, c, "docent-goedgekeurd", js)
    uitloggen(page)

    # She saves a new version: the approval stays with version 1.
    log_in(page, server, email, "cursist-wachtwoord")
    expect(page.locator("[data-goedkeuring]").first).to_have_text("Goedgekeurd: versie 1, uw laatste versie.")
    page.goto(f"{server.url}/aanvragen/{aanvraag}/hoofdlijnen")
    page.locator('[name="project.doel"]').fill("Veertig bewoners tuinieren een jaar lang samen, elke week.")
    if js:
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
        page.reload()
    else:
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.locator(".melding-succes")).to_contain_text("Opgeslagen als versie 2")
    expect(page.locator("[data-goedkeuring]")).to_have_text(
        "Versie 1 is goedgekeurd; uw laatste versie 2 nog niet. Uw docent keurt een nieuwe versie opnieuw goed.")
    controleer(page, browser, c, "cursist-nieuwe-versie", js)
    uitloggen(page)

    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.goto(cursus_url)
    expect(page.locator(f'tr[data-cursist="{naam}"] [data-goedkeuring]')).to_have_text(
        "Versie 1; niet de laatste versie (2)")
    page.locator(f'tr[data-aanvraag-van="{naam}"]').get_by_role("link", name="Lezen").click()
    expect(page.locator("[data-goedkeuring-tekst]")).to_have_text(
        "Goedgekeurd: versie 1. De laatste versie is 2 en is nog niet goedgekeurd.")
    expect(page.get_by_role("button", name="Versie 2 goedkeuren")).to_be_visible()
    controleer(page, browser, c, "docent-niet-de-laatste", js)
    bewaking.controleer()
    c.close()


def test_docent_met_javascript(browser, server):
    docent_wandeling(browser, server, True)


def test_docent_zonder_javascript(browser, server):
    docent_wandeling(browser, server, False)
