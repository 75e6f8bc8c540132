"""The course between the meetings in a real browser, with and without JavaScript (issue 19):
a docent adds a co-docent and records attendance; a cursist shares her aanvraag and a fellow
cursist comments on it; a cursist opens her homework from the course page; and the docent's
course page with 30 cursisten fits a 1280 px screen without a horizontal scroll. axe-core runs
on every page."""
import json
import re
import uuid

from playwright.sync_api import expect

from harnas import API, WACHTWOORD, Bewaking, context
from test_docent import VOLLEDIG, controleer, log_in, uitloggen

CURSIST_WACHTWOORD = "cursist-wachtwoord"


def nieuwe_cursus(server, naam, data):
    api = API(server.url)
    api.meld_aan("docent@example.nl", WACHTWOORD)
    status, body = api.vraag("POST", "/api/cursussen", {"naam": naam, "bijeenkomsten": data})
    assert status == 201, body
    b = json.loads(body)
    return b["id"], b["uitnodigingscode"]


def cursist(server, code, naam, tekst=None):
    """Signs a cursist up with the code; with `tekst`, she begins an aanvraag with it
    (b"" for the `vip init` template). Returns her email and the aanvraag's id."""
    email = f"{naam.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.nl"
    api = API(server.url)
    status, body = api.vraag("POST", "/api/aanmelden", {"uitnodigingscode": code, "naam": naam, "email": email,
                                                        "wachtwoord": CURSIST_WACHTWOORD})
    assert status == 201, body
    if tekst is None:
        return email, None
    api.meld_aan(email, CURSIST_WACHTWOORD)
    status, body = api.vraag("POST", "/api/aanvragen", tekst, headers={"Content-Type": "application/yaml"})
    assert status == 201, body
    return email, json.loads(body)["id"]


def volledig():
    with open(VOLLEDIG, "rb") as f:
        return f.read()


def geen_horizontale_scroll(page):
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert breedte[0] <= breedte[1], f"horizontale scroll: {breedte}"


def docenten_en_aanwezigheid(browser, server, js):
    tag = "js" if js else "zonder"
    collega = f"collega-{tag}-{uuid.uuid4().hex[:6]}@example.nl"
    server.gebruiker("docent", collega, f"Collega {tag}", WACHTWOORD)
    cursus, code = nieuwe_cursus(server, f"Samen geven {tag}", ["2026-09-01", "2099-01-12"])
    cursist(server, code, f"Anna {tag}", volledig())
    cursist(server, code, f"Bram {tag}", volledig())

    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.goto(f"{server.url}/cursussen/{cursus}")
    geen_horizontale_scroll(page)

    # A co-docent, by her email; an unknown address is refused with a Dutch message.
    bewaking.verwachte.append("status of 422")
    page.get_by_label("E-mailadres van een collega met een docentaccount").fill("niemand@example.nl")
    page.get_by_role("button", name="Docent toevoegen").click()
    expect(page.locator(".melding-fout")).to_contain_text("Er is geen docent met dit e-mailadres")
    bewaking.verwachte.clear()
    page.get_by_label("E-mailadres van een collega met een docentaccount").fill(collega)
    page.get_by_role("button", name="Docent toevoegen").click()
    expect(page.locator(".melding-succes")).to_contain_text("De docent is toegevoegd")
    expect(page.locator("[data-docenten]")).to_contain_text(f"Collega {tag}")
    controleer(page, browser, c, "cursus-docenten", js)

    # Attendance of bijeenkomst 1: Bram was not there.
    expect(page.get_by_role("heading", name=re.compile("Aanwezigheid bij bijeenkomst 1"))).to_be_visible()
    page.get_by_label(f"Bram {tag}").uncheck()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.locator(".melding-succes")).to_contain_text("De aanwezigheid van bijeenkomst 1 is opgeslagen")
    expect(page.locator(f'tr[data-cursist="Bram {tag}"] [data-aanwezigheid]')).to_contain_text("1 keer afwezig")
    expect(page.locator(f'tr[data-cursist="Anna {tag}"] [data-aanwezigheid]')).to_contain_text("1 keer aanwezig")
    expect(page.get_by_label(f"Bram {tag}")).not_to_be_checked()
    # Allowed no absence at all: Bram is marked.
    page.get_by_label("Hoogstens afwezig (keer) voordat een cursist wordt gemarkeerd").fill("0")
    page.get_by_role("button", name="Instellingen opslaan").click()
    expect(page.locator(f'tr[data-cursist="Bram {tag}"]')).to_contain_text("vaker afwezig dan toegestaan")
    expect(page.locator(f'tr[data-cursist="Anna {tag}"]')).not_to_contain_text("vaker afwezig")
    controleer(page, browser, c, "cursus-aanwezigheid", js)
    uitloggen(page)

    # The co-docent runs the same cursus.
    log_in(page, server, collega, WACHTWOORD)
    page.get_by_role("link", name=f"Samen geven {tag}").click()
    expect(page.locator(f'tr[data-cursist="Bram {tag}"]')).to_contain_text("vaker afwezig dan toegestaan")
    bewaking.controleer()
    c.close()


def delen_en_reageren(browser, server, js):
    tag = "js" if js else "zonder"
    cursus, code = nieuwe_cursus(server, f"Delen {tag}", ["2026-09-01", "2099-01-12"])
    eigenaar, aanvraag = cursist(server, code, f"Carla {tag}", volledig())
    medecursist, _ = cursist(server, code, f"Dirk {tag}")

    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, eigenaar, CURSIST_WACHTWOORD)
    page.locator(".aanvraag-kaart h2 a").first.click()
    page.get_by_role("link", name="Samenwerken").click()
    expect(page.get_by_text("Niet gedeeld: alleen de schrijvers en de docent zien deze aanvraag.")).to_be_visible()
    page.get_by_role("button", name="Delen met de groep").click()
    expect(page.locator(".melding-succes")).to_contain_text("De aanvraag is gedeeld met de groep.")
    controleer(page, browser, c, "samenwerken-gedeeld", js)
    uitloggen(page)

    # Dirk finds it on the course page, reads it and comments on a field.
    log_in(page, server, medecursist, CURSIST_WACHTWOORD)
    page.get_by_role("link", name="Naar de cursuspagina").click()
    gedeeld = page.locator("[data-gedeeld]")
    expect(gedeeld).to_contain_text(f"Carla {tag}")
    controleer(page, browser, c, "cursist-cursus-gedeeld", js)
    gedeeld.get_by_role("link").first.click()
    expect(page).to_have_url(f"{server.url}/aanvragen/{aanvraag}/lezen")
    assert page.locator("[data-autosave]").count() == 0
    expect(page.get_by_role("button", name=re.compile("goedkeuren"))).to_have_count(0)
    doel = page.locator('[data-lees-veld="project.doel"]')
    doel.locator("summary").click()
    doel.get_by_label("Uw opmerking bij ‘Doel’").fill("Mooi doel! Hoeveel bewoners doen er mee?")
    doel.get_by_role("button", name="Opmerking plaatsen").click()
    expect(page.locator('[data-lees-veld="project.doel"] .opmerking-kop')).to_contain_text("(medecursist)")
    controleer(page, browser, c, "medecursist-lezen", js)
    # Her own edit page of it does not exist for her: she is sent to the read view.
    page.goto(f"{server.url}/aanvragen/{aanvraag}/hoofdlijnen")
    expect(page).to_have_url(f"{server.url}/aanvragen/{aanvraag}/lezen")
    uitloggen(page)

    # Carla sees the opmerking beside the field, marked as from a fellow cursist.
    log_in(page, server, eigenaar, CURSIST_WACHTWOORD)
    page.goto(f"{server.url}/aanvragen/{aanvraag}/hoofdlijnen")
    veld = page.locator('[data-veld="project.doel"]')
    expect(veld.locator(".opmerking-tekst")).to_have_text("Mooi doel! Hoeveel bewoners doen er mee?")
    expect(veld.locator(".opmerking-kop")).to_contain_text(f"Dirk {tag} (medecursist)")
    bewaking.controleer()
    c.close()


def huiswerk_openen(browser, server, js):
    tag = "js" if js else "zonder"
    cursus, code = nieuwe_cursus(server, f"Huiswerk {tag}", ["2026-09-01", "2099-01-12", "2099-01-19"])
    email, aanvraag = cursist(server, code, f"Esra {tag}", b"")

    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, email, CURSIST_WACHTWOORD)
    expect(page.locator(".cursus-samenvatting")).to_contain_text("Volgende bijeenkomst: 2, op 12 januari 2099")
    # A new aanvraag is no wall of red: what is due at bijeenkomst 2 is still to do.
    kaart = page.locator(".aanvraag-kaart").first
    expect(kaart.locator(".status-te-doen").first).to_be_visible()
    page.get_by_role("link", name="Naar de cursuspagina").click()
    expect(page.get_by_role("heading", name="Uw huiswerk voor bijeenkomst 2 (12 januari 2099)")).to_be_visible()
    controleer(page, browser, c, "cursist-cursus-huiswerk", js)
    page.locator('[data-huiswerk-veld="project.doel"] a').click()
    expect(page).to_have_url(re.compile(rf"/aanvragen/{aanvraag}/hoofdlijnen#v-project-doel$"))
    veld = page.locator('[data-veld="project.doel"]')
    expect(veld).to_be_visible()
    expect(veld.locator(".bevinding-te-doen")).to_contain_text("Nog te doen (bijeenkomst 2)")
    expect(page.locator(".bevinding-fout")).to_have_count(0)
    # Still to do is not wrong: the field has no red border.
    expect(veld).not_to_have_class(re.compile(r"veld-met-bevinding"))
    controleer(page, browser, c, "hoofdlijnen-nog-te-doen", js)
    page.locator('[name="project.doel"]').fill("Veertig bewoners tuinieren een jaar lang samen.")
    if js:
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
    else:
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.locator(".melding-succes")).to_contain_text("Opgeslagen als versie")
    page.goto(f"{server.url}/cursus/{cursus}")
    expect(page.locator('[data-huiswerk-veld="project.doel"]')).to_have_count(0)
    bewaking.controleer()
    c.close()


def dertig_cursisten(browser, server, js):
    tag = "js" if js else "zonder"
    cursus, code = nieuwe_cursus(server, f"Dertig {tag}", ["2026-09-01", "2026-09-08", "2099-01-12"])
    for i in range(30):
        cursist(server, code, f"Cursist{i:02d} Met Een Tamelijk Lange Achternaam {tag}", volledig() if i % 2 else b"")
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.goto(f"{server.url}/cursussen/{cursus}")
    expect(page.locator("tr[data-cursist]")).to_have_count(30)
    geen_horizontale_scroll(page)
    controleer(page, browser, c, "cursus-dertig", js)
    bewaking.controleer()
    c.close()


def test_docenten_en_aanwezigheid_met_javascript(browser, server):
    docenten_en_aanwezigheid(browser, server, True)


def test_docenten_en_aanwezigheid_zonder_javascript(browser, server):
    docenten_en_aanwezigheid(browser, server, False)


def test_delen_en_reageren_met_javascript(browser, server):
    delen_en_reageren(browser, server, True)


def test_delen_en_reageren_zonder_javascript(browser, server):
    delen_en_reageren(browser, server, False)


def test_huiswerk_openen_met_javascript(browser, server):
    huiswerk_openen(browser, server, True)


def test_huiswerk_openen_zonder_javascript(browser, server):
    huiswerk_openen(browser, server, False)


def test_dertig_cursisten_met_javascript(browser, server):
    dertig_cursisten(browser, server, True)


def test_dertig_cursisten_zonder_javascript(browser, server):
    dertig_cursisten(browser, server, False)
