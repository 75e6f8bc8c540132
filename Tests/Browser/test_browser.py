"""vip in a real browser: Debian's chromium driven by Playwright for Python.

Each module starts the real `vip server` on a free loopback port (harnas.py, conftest.py): on
SQLite, and again on PostgreSQL when VIP_TEST_POSTGRES is set.
The walk of a cursist runs once with JavaScript and once without; every page is screenshot to
.build/screenshots/ and checked with axe-core (no serious or critical violations). Hostile text
in every text field must stay text: no dialog, no script error, no injected element.

Run by `make test` (after the Swift tests) with the vip binary of the debug build.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import zipfile

from playwright.sync_api import expect

from harnas import (API, CHECKER, HOSTILE, Bewaking, Server, axe_zonder_js, bekijk, context, cursus_via_api,
                    cursus_via_pagina, opslaan, registreer_en_begin)


HOOFDLIJNEN = {
    "project.titel": "Samen tuinieren in de Bloemenbuurt",
    "project.samenvatting": "Wij maken een moestuin waar buurtbewoners samen groenten kweken en elkaar ontmoeten.",
    "project.aanleiding": "In de buurt wonen veel mensen alleen; er is geen plek om elkaar te ontmoeten.",
    "project.doel": "Dertig bewoners tuinieren samen en leren elkaar kennen.",
    "project.doelgroep.omschrijving": "Bewoners van de Bloemenbuurt die weinig contact hebben.",
    "project.doelgroep.problematiek": "Eenzaamheid en weinig groen in de wijk.",
    "project.werkwijze.omschrijving": "Elke zaterdag tuinieren wij samen onder begeleiding van een vrijwilliger.",
    "project.partners[0].naam": "Buurthuis De Linde",
    "project.partners[0].rol": "Het buurthuis stelt de grond en een schuur beschikbaar.",
    "project.resultaten[0].resultaat": "Dertig bewoners doen mee aan de tuin.",
}
POSTEN = [("Zaden en planten", "materiaal", "3", "stuk", "12,50"),
          ("Gereedschap", "materiaal", "1", "set", "1.234,50"),
          ("Huur schuur", "huisvesting", "2", "maand", "100")]
TOTAAL = "1472"  # 37,50 + 1.234,50 + 200,00


def naar(page, slug):
    """Follows the side menu to a part (its link's name also holds the part's status)."""
    page.locator(f'nav.zijbalk a[href$="/{slug}"]').click()
    page.wait_for_url(f"**/{slug}")


def vul(page, naam, waarde):
    page.locator(f'[name="{naam}"]').fill(waarde)


def de_wandeling(browser, server, js):
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    code = cursus_via_pagina(page, server, js) if js else cursus_via_api(server)
    email = f"petra-{'js' if js else 'zonder'}@example.nl"
    registreer_en_begin(page, server, code, email, js)
    cookies = c.cookies()

    # Usable with the keyboard: the first Tab reaches the skip link, which leads into the page.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")

    # The hoofdlijnen.
    for naam, waarde in HOOFDLIJNEN.items():
        vul(page, naam, waarde)
    opslaan(page, js)
    expect(page.locator("nav.zijbalk [data-aanvraag-titel]")).to_have_text(HOOFDLIJNEN["project.titel"])
    if js:
        # A session that ends while someone types loses nothing.
        api = API(server.url)
        token = [k for k in c.cookies() if k["name"] == "vip_sessie"][0]["value"]
        csrf = page.locator("input[name=csrf]").first.input_value()
        status, _ = api.vraag("DELETE", "/api/sessie", headers={"Cookie": "vip_sessie=" + token, "X-CSRF-Token": csrf})
        assert status == 204
        bewaking.verwachte.append("status of 401")  # the save that finds the session ended
        vul(page, "project.doel", "Veertig bewoners tuinieren samen en leren elkaar kennen.")
        expect(page.locator("#sessie-melding")).to_be_visible(timeout=15000)
        # While the dialog waits, no save goes out, not even the one the field's change event
        # (its blur) starts 1.2 s later: with the old CSRF token it could meet the new cookie.
        opslagen = []
        page.on("request", lambda r: r.method == "PATCH" and opslagen.append(r.url))
        page.wait_for_timeout(2500)
        assert opslagen == [], opslagen
        bekijk(page, "sessie-verlopen", js)
        page.locator("#sessie-email").fill(email)
        page.locator("#sessie-wachtwoord").fill("cursist-wachtwoord")
        page.get_by_role("button", name="Inloggen en opslaan").click()
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
        assert len(opslagen) == 1, opslagen  # the login saves what waited, once
        cookies = c.cookies()
        bewaking.verwachte.clear()
        page.reload()
        expect(page.locator('[name="project.doel"]')).to_have_value("Veertig bewoners tuinieren samen en leren elkaar kennen.")
    bekijk(page, "hoofdlijnen", js)
    if not js:
        axe_zonder_js(browser, page.url, cookies, "hoofdlijnen")

    # A begroting of three posts.
    naar(page, "begroting")
    for i, (post, categorie, aantal, eenheid, prijs) in enumerate(POSTEN):
        if js and i > 0:
            page.get_by_role("button", name="Post toevoegen").click()
        vul(page, f"begroting.posten[{i}].post", post)
        vul(page, f"begroting.posten[{i}].categorie", categorie)
        vul(page, f"begroting.posten[{i}].aantal", aantal)
        vul(page, f"begroting.posten[{i}].eenheid", eenheid)
        vul(page, f"begroting.posten[{i}].prijs", prijs)
        if not js:
            opslaan(page, js)
    if js:
        expect(page.locator("[data-totaal-uit]")).to_have_text("€\u00a01.472,00")
        opslaan(page, js)
        page.reload()
    expect(page.locator("[data-totaal-uit]")).to_have_text("€\u00a01.472,00")
    expect(page.locator("tr.post").nth(2).locator("[data-lopend-uit]")).to_have_text("€\u00a01.472,00")
    bekijk(page, "begroting", js)

    # The dekkingsplan: dekking_sluitend appears, then disappears once it is filled.
    naar(page, "dekkingsplan")
    expect(page.locator('[data-regel="dekking_sluitend"]')).to_have_count(1)
    bekijk(page, "dekkingsplan-leeg", js)
    vul(page, "dekkingsplan[0].bron", "Eigen bijdrage van de bewoners")
    page.locator('[name="dekkingsplan[0].soort"]').select_option("eigen-middelen")
    vul(page, "dekkingsplan[0].bedrag", "472")
    page.locator('[name="dekkingsplan[0].status"]').select_option("toegezegd")
    if js:
        page.get_by_role("button", name="Dekkingsplan: nog een toevoegen").click()
        expect(page.locator('[name="dekkingsplan[1].bron"]')).to_be_focused()
    else:
        opslaan(page, js)
    vul(page, "dekkingsplan[1].fonds", "Oranje Fonds")
    vul(page, "dekkingsplan[1].bedrag", "1.000,00")
    page.locator('[name="dekkingsplan[1].status"]').select_option("aangevraagd")
    opslaan(page, js)
    expect(page.locator('[data-regel="dekking_sluitend"]')).to_have_count(0)
    bekijk(page, "dekkingsplan", js)

    # The other pages, as a cursist sees them.
    for slug in ["organisatie", "activiteiten", "bijlagen", "fondsen", "brief", "geschiedenis", "uitwisselen"]:
        naar(page, slug)
        bekijk(page, slug, js)
    if js:
        # The upload limit is told before the upload starts.
        naar(page, "bijlagen")
        page.get_by_label("Bestand (hoogstens 10 MB)").set_input_files(
            files=[{"name": "groot.pdf", "mimeType": "application/pdf", "buffer": b"%" * (10 * 1024 * 1024 + 1)}])
        expect(page.locator("[data-upload-melding]")).to_contain_text("de grens is 10 MB")
        page.get_by_role("button", name="Bestand toevoegen").click()
        expect(page.locator("[data-upload-melding]")).to_contain_text("de grens is 10 MB")

    # Build, download the zip, check the documents.
    naar(page, "documenten")
    page.get_by_label("Als concept (met CONCEPT op elke pagina)").check()
    page.get_by_role("button", name="Documenten maken").click()
    expect(page.get_by_role("heading", name="Uw documenten")).to_be_visible()
    bekijk(page, "documenten", js)
    with page.expect_download() as download:
        page.get_by_role("link", name="Alles downloaden (zip)").click()
    map = tempfile.mkdtemp(prefix="vip-pakket-")
    zip_pad = os.path.join(map, "pakket.zip")
    download.value.save_as(zip_pad)
    documenten = pak_uit(zip_pad, map)
    assert any(d.endswith(".odt") for d in documenten) and any(d.endswith(".docx") for d in documenten), documenten
    env = dict(os.environ)
    if not js or server.motor != "sqlite":
        env["SKIP_SOFFICE"] = "1"  # LibreOffice once per run is enough (the walk with JavaScript, SQLite)
    r = subprocess.run([sys.executable, CHECKER, *documenten], capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr

    page.goto(server.url + "/")
    bekijk(page, "overzicht", js)
    bewaking.controleer()
    c.close()


def pak_uit(zip_pad, map):
    """Every ODT and DOCX in the package, also inside the zip per fund."""
    gevonden = []
    with zipfile.ZipFile(zip_pad) as z:
        z.extractall(map)
        for naam in z.namelist():
            pad = os.path.join(map, naam)
            if naam.endswith((".odt", ".docx")):
                gevonden.append(pad)
            elif naam.endswith(".zip"):
                gevonden += pak_uit(pad, pad[:-4])
    return gevonden


def test_wandeling_met_javascript(browser, server):
    de_wandeling(browser, server, js=True)


def test_wandeling_zonder_javascript(browser, server):
    de_wandeling(browser, server, js=False)


def test_vijandige_invoer_blijft_tekst(browser, server):
    """Every text field of every page gets the hostile text; every page shows it as text."""
    code = cursus_via_api(server)
    c = context(browser, False)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    bewaking.verwachte.append("status of 422")  # the refused `negeer[].regel`
    registreer_en_begin(page, server, code, "vijand@example.nl", False)
    slugs = page.locator("nav.zijbalk a[data-deel]").evaluate_all("els => els.map(e => e.dataset.deel)")
    basis = page.url.rsplit("/", 1)[0]
    for slug in slugs:
        page.goto(f"{basis}/{slug}")
        velden = page.locator('form[data-autosave] input[type=text]:not([data-bedrag]):not([data-getal]), '
                              'form[data-autosave] textarea')
        page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")
        namen = velden.evaluate_all("els => els.map(e => e.name)")
        for naam in namen:
            page.locator(f'[name="{naam}"]').fill(HOSTILE)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        # Saved; or, where a field holds no free text (`negeer[].regel` names a rule), refused
        # with the message beside it. Either way the page shows what was typed, as text.
        expect(page.locator(".melding")).to_contain_text(re.compile("Opgeslagen als versie|Niet opgeslagen"))
        if slug != "woordenlijst":
            expect(page.locator(".melding-succes")).to_contain_text("Opgeslagen als versie")
        for naam in namen:
            if page.locator(f'[name="{naam}"]').count():
                waarde = page.locator(f'[name="{naam}"]').input_value()
                assert waarde.strip() == HOSTILE.strip() or HOSTILE in waarde, (slug, naam, waarde)
        # A direction override quoted in a message would turn the rest of the message around.
        assert not any("\u202e" in t for t in page.locator(".bevinding").all_inner_texts()), slug
        assert page.locator("bdi", has_text="{{titel}}").count() >= 1 or slug != "hoofdlijnen"
        bekijk(page, f"vijandig-{slug}", False)
    for pad in ["/", f"{basis}/documenten?bouw=1&concept=1", f"{basis}/geschiedenis", f"{basis}/uitwisselen"]:
        page.goto(pad if pad.startswith("http") else server.url + pad)
        bekijk(page, "vijandig-" + (pad.strip("/").split("/")[-1].split("?")[0] or "overzicht"), False)
        assert "<script>alert" not in page.content().split("</head>")[1].replace("&lt;script&gt;", "")
    # And with JavaScript on: the same pages run nothing.
    c2 = context(browser, True)
    c2.add_cookies(c.cookies())
    p2 = c2.new_page()
    bewaking2 = Bewaking(p2, server)
    for slug in slugs + ["documenten", "geschiedenis"]:
        p2.goto(f"{basis}/{slug}")
        p2.wait_for_load_state("networkidle")
        bekijk(p2, f"vijandig-{slug}", True)
    assert p2.evaluate("document.title").endswith("Van Idee naar Project")
    bewaking.controleer()
    bewaking2.controleer()
    c.close()
    c2.close()


def test_upload_over_de_grens_geweigerd(server):
    """Over 10 MiB: 413 and nothing stored (without the page script, the server is the limit)."""
    code = cursus_via_api(server)
    api = API(server.url)
    status, _ = api.vraag("POST", "/api/aanmelden", {"uitnodigingscode": code, "naam": "Mo", "email": "mo@example.nl",
                                                      "wachtwoord": "cursist-wachtwoord"})
    assert status == 201
    api.meld_aan("mo@example.nl", "cursist-wachtwoord")
    status, body = api.vraag("POST", "/api/aanvragen", b"", headers={"Content-Type": "application/yaml"})
    assert status == 201
    id = json.loads(body)["id"]
    grens = "vipgrens"
    deel = lambda naam, waarde: f"--{grens}\r\nContent-Disposition: form-data; name=\"{naam}\"\r\n\r\n{waarde}\r\n".encode()
    body = deel("csrf", api.csrf) + deel("versie", "1") + deel("titel", "Groot") + (
        f"--{grens}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"groot.pdf\"\r\n\r\n").encode() + \
        b"%" * (10 * 1024 * 1024 + 1) + f"\r\n--{grens}--\r\n".encode()
    status, _ = api.vraag("POST", f"/aanvragen/{id}/bijlagen/upload", body,
                          headers={"Content-Type": f"multipart/form-data; boundary={grens}"})
    assert status == 413
    status, body = api.vraag("GET", f"/api/aanvragen/{id}/versies")
    assert len(json.loads(body)) == 1
    assert not os.path.exists(os.path.join(server.map, "bestanden", str(id), "groot.pdf"))


def test_demo_start_binnen_60_seconden():
    """`make serve` runs `vip server --demo`: /gezond answers within 60 s of the build."""
    s = Server(demo=True)
    s.start()
    try:
        assert s.opstarttijd < 60
        with urllib.request.urlopen(s.url + "/inloggen", timeout=5) as r:
            assert r.status == 200 and "Inloggen" in r.read().decode()
    finally:
        s.stop()
