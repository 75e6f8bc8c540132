"""Reminders, invitations and the mail settings in a real browser, with and without JavaScript
(issue 19): the docent presses "Nu versturen" on her course page and sees when each reminder
was sent, invites cursisten by mail, and a cursist turns reminders off on her account page.
Mail is on (a sendmail that accepts everything). axe-core runs on every page."""
import datetime
import re

import pytest
from playwright.sync_api import expect

from harnas import WACHTWOORD, Bewaking, Server, context
from test_cursus import CURSIST_WACHTWOORD, cursist, geen_horizontale_scroll, nieuwe_cursus, volledig
from test_docent import controleer, log_in, uitloggen

ALLEEN_TITEL = b"formaat: vip-aanvraag/1\nproject:\n  titel: Samen moestuinieren\n"


@pytest.fixture(scope="module")
def mailserver():
    s = Server()
    s.extra = ["--sendmail", "/bin/true", "--afzender", "Stichting Voorbeeld <vip@voorbeeld.nl>",
               "--extern-url", s.url]
    s.gebruiker("docent", "docent@example.nl", "Docent Jansen", WACHTWOORD)
    s.start()
    yield s
    s.stop()


@pytest.mark.parametrize("js", [True, False], ids=["met-js", "zonder-js"])
def test_nu_versturen_uitnodigen_en_instellingen(browser, mailserver, js):
    server = mailserver
    tag = "js" if js else "zonder"
    vandaag = datetime.date.today()
    cursus, code = nieuwe_cursus(server, f"Herinneren {tag}",
                                 [str(vandaag - datetime.timedelta(days=7)), str(vandaag + datetime.timedelta(days=2))])
    email, _ = cursist(server, code, f"Eva {tag}", ALLEEN_TITEL)
    cursist(server, code, f"Finn {tag}", volledig())

    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    log_in(page, server, "docent@example.nl", WACHTWOORD)
    page.goto(f"{server.url}/cursussen/{cursus}")
    geen_horizontale_scroll(page)
    page.get_by_role("button", name="Nu versturen").click()
    expect(page.locator(".melding-succes")).to_contain_text("Er is 1 herinnering verstuurd.")
    expect(page.locator(f'tr[data-cursist="Eva {tag}"] [data-herinnering]')).to_contain_text(
        re.compile(r"Herinnering bijeenkomst 2 verstuurd op \d+ \w+ \d{4}"))
    expect(page.locator(f'tr[data-cursist="Finn {tag}"] [data-herinnering]')).to_have_count(0)
    controleer(page, browser, c, "cursus-herinneringen", js)
    # Again right after: nobody left.
    page.get_by_role("button", name="Nu versturen").click()
    expect(page.locator(".melding-succes")).to_contain_text("Er was niemand om te herinneren")

    # Invitations: one invalid address refuses the lot, with a Dutch message.
    bewaking.verwachte.append("status of 422")
    page.get_by_label("E-mailadressen").fill("nieuw@example.nl\ngeen-adres")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator(".melding-fout")).to_contain_text("Dit is geen geldig e-mailadres: geen-adres")
    bewaking.verwachte.clear()
    page.get_by_label("E-mailadressen").fill("nieuw@example.nl, ook@example.nl")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator(".melding-succes")).to_contain_text("Er zijn 2 uitnodigingen verstuurd.")
    controleer(page, browser, c, "cursus-uitnodigingen", js)
    uitloggen(page)

    # The cursist turns reminders off on her account page.
    log_in(page, server, email, CURSIST_WACHTWOORD)
    page.get_by_role("link", name="Uw account").click()
    expect(page.get_by_role("heading", name="Uw account")).to_be_visible()
    herinneringen = page.get_by_label(re.compile("Herinneringen aan het huiswerk"))
    meldingen = page.get_by_label(re.compile("Meldingen van nieuwe opmerkingen"))
    expect(herinneringen).to_be_checked()
    expect(meldingen).to_be_checked()
    controleer(page, browser, c, "account", js)
    herinneringen.uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".melding-succes")).to_contain_text("Uw keuzes voor e-mail zijn opgeslagen.")
    page.goto(f"{server.url}/account")
    expect(page.get_by_label(re.compile("Herinneringen aan het huiswerk"))).not_to_be_checked()
    expect(page.get_by_label(re.compile("Meldingen van nieuwe opmerkingen"))).to_be_checked()
    controleer(page, browser, c, "account-opgeslagen", js)
    bewaking.controleer()
    c.close()
