"""The pages of issue 18 in Chromium, with and without JavaScript, axe-core on every page: a
cursist who forgot her password ("Wachtwoord vergeten?") through the mail (a real SMTP sink on
loopback) to her new password; the beheerder who invites a docent (who sets her password from the
mail) and blocks and unblocks an account."""
import os
import sys

import pytest
from playwright.sync_api import expect

from harnas import MOTOREN, POSTGRES, Bewaking, Server, axe_zonder_js, bekijk, context, onthoud_geheim

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Beheer"))
from postvak import Sink, lees, link  # noqa: E402

BEHEER_WACHTWOORD = "beheerder-wachtwoord-1"


@pytest.fixture(scope="module")
def opzet(motor):
    sink = Sink().start()
    s = Server(motor=motor)
    # The extern-url is the server's own address, so the links of the mails open in the browser.
    s.extra = ["--smtp", f"smtp://127.0.0.1:{sink.poort}", "--afzender", "Stichting Voorbeeld <vip@voorbeeld.nl>",
               "--extern-url", s.url]
    s.gebruiker("beheerder", "bea@voorbeeld.nl", "Bea Beheer", BEHEER_WACHTWOORD)
    for js in (True, False):
        s.gebruiker("docent", f"petra-{'js' if js else 'zonder'}@voorbeeld.nl", "Petra de Vries", "oud-wachtwoord-1")
    s.start()
    yield s, sink
    s.stop()
    sink.stop()


def mail_link(sink, aantal, aan, pad):
    berichten = sink.wacht(aantal)
    mail = lees([b for b in berichten if b["aan"] == [aan]][-1])
    adres = link(mail, pad)
    onthoud_geheim(adres.rsplit("/", 1)[1])
    return adres


def inloggen(page, server, email, wachtwoord):
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def wachtwoord_vergeten(browser, server, sink, js):
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    email = f"petra-{'js' if js else 'zonder'}@voorbeeld.nl"
    voor = len(sink.berichten)
    page.goto(server.url + "/inloggen")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", name="Wachtwoord vergeten?", level=1)).to_be_visible()
    bekijk(page, "wachtwoord-vergeten", js)
    if not js:
        axe_zonder_js(browser, page.url, [], "wachtwoord-vergeten")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.locator(".melding-succes")).to_contain_text("Als er een account met dit e-mailadres is")
    bekijk(page, "wachtwoord-vergeten-verstuurd", js)

    adres = mail_link(sink, voor + 1, email, "/wachtwoord-herstellen/")
    assert adres.startswith(server.url + "/wachtwoord-herstellen/")
    page.goto(adres)
    expect(page.get_by_role("heading", name="Nieuw wachtwoord kiezen")).to_be_visible()
    bekijk(page, "wachtwoord-herstellen", js)
    if not js:
        axe_zonder_js(browser, page.url, [], "wachtwoord-herstellen")
    # Two different passwords first: said in Dutch (422), nothing changed.
    bewaking.verwachte.append("status of 422")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("nieuw-wachtwoord-1")
    page.get_by_label("Nieuw wachtwoord nogmaals").fill("nieuw-wachtwoord-2")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator(".melding-fout")).to_contain_text("niet gelijk")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("nieuw-wachtwoord-1")
    page.get_by_label("Nieuw wachtwoord nogmaals").fill("nieuw-wachtwoord-1")
    onthoud_geheim("nieuw-wachtwoord-1")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.locator(".melding-succes")).to_contain_text("Uw wachtwoord is ingesteld")
    bekijk(page, "wachtwoord-hersteld", js)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("nieuw-wachtwoord-1")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Overzicht voor de docent")).to_be_visible()
    # The link worked once (404 now).
    bewaking.verwachte.append("status of 404")
    page.goto(adres)
    expect(page.locator(".melding-fout")).to_contain_text("ongeldig, al gebruikt of verlopen")
    bekijk(page, "wachtwoord-link-gebruikt", js)
    bewaking.controleer()
    c.close()


def beheer(browser, server, sink, js):
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    inloggen(page, server, "bea@voorbeeld.nl", BEHEER_WACHTWOORD)
    expect(page.get_by_role("heading", name="Beheer", level=1)).to_be_visible()
    bekijk(page, "beheer", js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), "beheer")
    nieuw = f"nieuwe-docent-{'js' if js else 'zonder'}@voorbeeld.nl"
    voor = len(sink.berichten)
    page.get_by_label("Naam").fill("Nadia Nieuw")
    page.get_by_label("E-mailadres").fill(nieuw)
    page.get_by_label("Rol").select_option("docent")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.locator(".melding-succes")).to_contain_text("De uitnodiging staat klaar")
    rij = page.locator("tr", has_text=nieuw)
    expect(rij).to_contain_text("nog geen wachtwoord")
    bekijk(page, "beheer-uitgenodigd", js)

    # The invited docent sets her password from the mail, in a browser of her own.
    adres = mail_link(sink, voor + 1, nieuw, "/wachtwoord-instellen/")
    d = context(browser, js)
    docent = d.new_page()
    docent.goto(adres)
    expect(docent.get_by_role("heading", name="Welkom: kies uw wachtwoord")).to_be_visible()
    bekijk(docent, "wachtwoord-instellen", js)
    docent.get_by_label("Nieuw wachtwoord", exact=True).fill("nadia-wachtwoord-1")
    docent.get_by_label("Nieuw wachtwoord nogmaals").fill("nadia-wachtwoord-1")
    onthoud_geheim("nadia-wachtwoord-1")
    docent.get_by_role("button", name="Wachtwoord opslaan").click()
    inloggen(docent, server, nieuw, "nadia-wachtwoord-1")
    expect(docent.get_by_role("heading", name="Overzicht voor de docent")).to_be_visible()

    # Blocking ends her session; unblocking lets her in again.
    page.reload()
    rij = page.locator("tr", has_text=nieuw)
    rij.get_by_role("button", name="Blokkeren").click()
    expect(page.locator(".melding-succes")).to_contain_text("geblokkeerd")
    expect(page.locator("tr", has_text=nieuw)).to_contain_text("geblokkeerd")
    bekijk(page, "beheer-geblokkeerd", js)
    docent.reload()
    expect(docent.get_by_role("heading", name="Inloggen")).to_be_visible()
    inloggen(docent, server, nieuw, "nadia-wachtwoord-1")
    expect(docent.locator(".melding-fout")).to_contain_text("geblokkeerd")  # 403
    page.locator("tr", has_text=nieuw).get_by_role("button", name="Deblokkeren").click()
    expect(page.locator(".melding-succes")).to_contain_text("weer actief")
    inloggen(docent, server, nieuw, "nadia-wachtwoord-1")
    expect(docent.get_by_role("heading", name="Overzicht voor de docent")).to_be_visible()
    # The outbox: nothing waiting, nothing failed.
    page.reload()
    expect(page.locator("[data-wachtend]")).to_contain_text("Wachtend in de postbus: 0")
    expect(page.get_by_text("Geen mislukte e-mails.")).to_be_visible()
    bewaking.controleer()
    d.close()
    c.close()


def test_wachtwoord_vergeten_met_javascript(browser, opzet):
    wachtwoord_vergeten(browser, *opzet, True)


def test_wachtwoord_vergeten_zonder_javascript(browser, opzet):
    wachtwoord_vergeten(browser, *opzet, False)


def test_beheer_met_javascript(browser, opzet):
    beheer(browser, *opzet, True)


def test_beheer_zonder_javascript(browser, opzet):
    beheer(browser, *opzet, False)


def test_zonder_mail_zegt_de_pagina_dat(browser, server):
    """The module's server of conftest has no mail: the page says so and offers no form."""
    c = context(browser, True)
    page = c.new_page()
    page.goto(server.url + "/wachtwoord-vergeten")
    expect(page.locator(".melding-let-op")).to_contain_text("de mail staat uit")
    expect(page.get_by_role("button", name="Stuur mij een link")).to_have_count(0)
    bekijk(page, "wachtwoord-vergeten-zonder-mail", True)
    c.close()
