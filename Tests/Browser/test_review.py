"""The docent's peer review of bijeenkomst 4 in a real browser, with JavaScript and without.

Four cursisten of one cursus post their aanvragen through the API. The docent signs in, opens
the review page from her cursus page, picks three (and once lets vip pick), downloads the zip,
and enters the groups' rankings. Checked: the zip is the API's for the same choice and seed,
and its participant files are those `vip review` writes for the same three files and seed; no
identifying string of the aanvragen is in any participant part (inner XML of every ODT and
DOCX included); the combined result is what `vip review combineer` prints for the same
rankings and docentenblad; axe-core finds nothing serious on any page.
"""
import html
import io
import json
import os
import re
import subprocess
import tempfile
import zipfile

import pytest
import yaml
from playwright.sync_api import expect

from harnas import API, ROOT, VIP, WACHTWOORD, Bewaking, axe_zonder_js, bekijk, context

AANVRAGEN = [  # (file, cursist)
    ("Tests/Fixtures/review/goed.yaml", "Berendina Sloetmaker"),
    ("Tests/Fixtures/review/matig.yaml", "Cornelis Wapperhaan"),
    ("Tests/Fixtures/review/zwak.yaml", "Dieuwke Blommestein"),
    ("Samples/kinderfestival.yaml", "Evert Kniptang"),
]
RANGORDES = "Groep 1, B, A, C\nGroep 2: B, C, A\nGroep 3, C, A, B\nGroep 4, A, B, C\n"
CSV = "Groep 1,B,A,C\nGroep 2,B,C,A\nGroep 3,C,A,B\nGroep 4,A,B,C\n"


def identificerend(pad):
    """The aanvraag's strings that are never ordinary words: the organisation, its board and
    contact person, address, numbers, e-mail and website (the field table's identifying fields
    of those kinds)."""
    with open(os.path.join(ROOT, pad), encoding="utf-8") as f:
        a = yaml.safe_load(f)
    o = a.get("organisatie", {})
    adres = o.get("adres", {}) or {}
    contact = o.get("contactpersoon", {}) or {}
    waarden = [o.get("naam"), o.get("kvk"), o.get("rsin"), o.get("iban"), o.get("website"), adres.get("straat"),
               adres.get("postcode"), contact.get("naam"), contact.get("telefoon"), contact.get("email")]
    waarden += [b.get("naam") for b in o.get("bestuur", []) or []]
    return [str(w) for w in waarden if w and len(str(w)) >= 5]


@pytest.fixture(scope="module")
def cursus(server):
    """A cursus of docent@example.nl with four cursisten, each with an aanvraag."""
    docent = API(server.url)
    docent.meld_aan("docent@example.nl", WACHTWOORD)
    status, body = docent.vraag("POST", "/api/cursussen", {"naam": "Review-cursus", "bijeenkomsten": ["2026-09-01"]})
    assert status == 201, body
    c = json.loads(body)
    ids = []
    for i, (pad, naam) in enumerate(AANVRAGEN):
        api = API(server.url)
        email = f"cursist{i}@example.nl"
        status, body = api.vraag("POST", "/api/aanmelden", {"uitnodigingscode": c["uitnodigingscode"], "naam": naam,
                                                            "email": email, "wachtwoord": "cursist-wachtwoord"})
        assert status == 201, body
        api.meld_aan(email, "cursist-wachtwoord")
        with open(os.path.join(ROOT, pad), "rb") as f:
            status, body = api.vraag("POST", "/api/aanvragen", f.read(), headers={"Content-Type": "application/yaml"})
        assert status == 201, body
        ids.append(json.loads(body)["id"])
    gezocht = [naam for _, naam in AANVRAGEN] + [w for pad, _ in AANVRAGEN for w in identificerend(pad)]
    return {"id": c["id"], "ids": ids, "api": docent, "gezocht": gezocht}


def teksten(xml):
    """An XML part as text, with and without its markup (a name split over two runs shows only
    without it), character references resolved."""
    return [html.unescape(xml), html.unescape(re.sub(r"<[^>]+>", "", xml))]


def controleer_zip(inhoud, gezocht):
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    namen = z.namelist()
    assert any(n.startswith("deelnemers/") for n in namen) and any(n.startswith("docent/") for n in namen), namen
    assert "docent/docentenblad.json" in namen
    documenten = 0
    for naam in namen:
        if not naam.startswith("deelnemers/"):
            continue
        deel = z.read(naam)
        delen = [(naam, deel)]
        if naam.endswith((".odt", ".docx")):
            documenten += 1
            binnen = zipfile.ZipFile(io.BytesIO(deel))
            delen = [(f"{naam}:{n}", binnen.read(n)) for n in binnen.namelist()]
        for waar, bytes_ in delen:
            tekst = bytes_.decode("utf-8", errors="replace")
            for t in teksten(tekst):
                for s in gezocht:
                    assert s not in t, f"{s!r} in {waar}"
    assert documenten >= 6, namen
    return json.loads(z.read("docent/docentenblad.json"))


def combineer_cli(map_, blad):
    csv = os.path.join(map_, "rangordes.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(CSV)
    pad = os.path.join(map_, "docentenblad.json")
    with open(pad, "w", encoding="utf-8") as f:
        json.dump(blad, f)
    r = subprocess.run([VIP, "review", "combineer", csv, "--docentenblad", pad], capture_output=True, text=True,
                       timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == 0, r.stderr
    return r.stdout


def vergelijk_met_cli(inhoud, paden, zaad):
    """`vip review` of the same three files with the same seed writes the same participant
    files, byte for byte, and the same docent files (their docentenblad names the aanvragen by
    file instead of by cursist, so only the names are compared there)."""
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    with tempfile.TemporaryDirectory() as map_:
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        r = subprocess.run([VIP, "review", *[os.path.join(ROOT, p) for p in paden], "--zaad", str(zaad), "--uit", map_],
                           capture_output=True, text=True, timeout=300, env={**env, "NO_COLOR": "1"})
        assert r.returncode == 0, r.stderr
        for deel in ("deelnemers", "docent"):
            cli = sorted(os.listdir(os.path.join(map_, deel)))
            assert cli == sorted(n[len(deel) + 1:] for n in z.namelist() if n.startswith(deel + "/")), deel
        for naam in os.listdir(os.path.join(map_, "deelnemers")):
            with open(os.path.join(map_, "deelnemers", naam), "rb") as f:
                assert z.read("deelnemers/" + naam) == f.read(), naam


def naar_review(page, server, js):
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill("docent@example.nl")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Review-cursus").click()
    page.get_by_role("link", name="Peer-review voorbereiden").click()
    expect(page.get_by_role("heading", name="Peer-review van bijeenkomst 4", level=1)).to_be_visible()


def download(page):
    with page.expect_download() as info:
        page.get_by_role("link", name="Download de set (zip)").click()
    with open(info.value.path(), "rb") as f:
        return f.read()


def review(browser, server, cursus, js):
    c = context(browser, js)
    page = c.new_page()
    bewaking = Bewaking(page, server)
    bewaking.verwachte.append("422")
    naar_review(page, server, js)
    ids = cursus["ids"]
    for naam in [n for _, n in AANVRAGEN]:
        expect(page.locator("table.review-aanvragen")).to_contain_text(naam)
    bekijk(page, "review-kiezen", js)
    if not js:
        axe_zonder_js(browser, page.url, c.cookies(), "review-kiezen")

    # Two ticked: a Dutch message, 422, the two still ticked.
    for id_ in ids[:2]:
        page.locator(f'input[name="aanvraag"][value="{id_}"]').check()
    if js:
        expect(page.locator("[data-review-teller]")).to_have_text("U hebt 2 van de drie aanvragen gekozen.")
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name="Review maken met deze drie").click()
    assert antwoord.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Kies precies drie aanvragen; u koos er 2.")
    expect(page.locator(f'input[name="aanvraag"][value="{ids[0]}"]')).to_be_checked()
    bekijk(page, "review-keuzefout", js)

    # Three: the result, and the API's zip for the same ids and seed.
    page.locator(f'input[name="aanvraag"][value="{ids[2]}"]').check()
    if js:
        expect(page.locator("[data-review-teller]")).to_have_text("U hebt drie aanvragen gekozen.")
    page.get_by_role("button", name="Review maken met deze drie").click()
    expect(page.get_by_role("heading", name="De review is klaar")).to_be_visible()
    for naam in [n for _, n in AANVRAGEN[:3]]:
        expect(page.locator("table.review-letters")).to_contain_text(naam)
    bekijk(page, "review-gemaakt", js)
    zaad = int(page.locator("[data-review-zaad]").inner_text().strip())
    zip_ = download(page)
    status, api_zip = cursus["api"].vraag("POST", f"/api/cursussen/{cursus['id']}/review",
                                          {"aanvragen": ids[:3], "zaad": zaad})
    assert status == 200 and zip_ == api_zip
    blad = controleer_zip(zip_, cursus["gezocht"])
    vergelijk_met_cli(zip_, [pad for pad, _ in AANVRAGEN[:3]], zaad)
    assert page.locator("[data-review-rangorde]").inner_text().strip() == " > ".join(blad["rangorde"])

    # Rankings: with a mistake first (422, which line), then right.
    expect(page.get_by_role("textbox", name="Uw referentierangorde")).to_have_value(", ".join(blad["rangorde"]))
    page.get_by_role("textbox", name="Rangordes van de groepen").fill("Groep 1, B, A, C\nGroep 2, B, A, D\n")
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name="Rangordes combineren").click()
    assert antwoord.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Regel 2 van de rangordes: `D` is geen aanvraag")
    bekijk(page, "review-rangordefout", js)
    page.get_by_role("textbox", name="Rangordes van de groepen").fill(RANGORDES)
    page.get_by_role("textbox", name="Uw referentierangorde").fill(", ".join(blad["rangorde"]))
    page.get_by_role("button", name="Rangordes combineren").click()
    expect(page.get_by_role("heading", name="Uitslag van de groepen")).to_be_visible()
    bekijk(page, "review-uitslag", js)
    with tempfile.TemporaryDirectory() as map_:
        cli = combineer_cli(map_, blad)
    assert page.locator("[data-review-tabel]").text_content() == cli
    samen = cli.splitlines()[0].split(": ", 1)[1]
    assert page.locator("[data-review-samen]").inner_text().strip() == samen
    # Each group's distance in the table is the CLI's.
    for regel in cli.splitlines():
        m = re.match(r"^(Groep \d)\s+([A-C] [A-C] [A-C])\s+(\d)\s+(\S+)$", regel)
        if m:
            rij = page.locator("table.review-groepen tbody tr", has_text=m.group(1))
            expect(rij.locator("td").nth(0)).to_have_text(m.group(2))
            expect(rij.locator("td").nth(1)).to_have_text(m.group(3))
            expect(rij.locator("td").nth(2)).to_have_text(m.group(4))

    # Letting vip choose: the API's `kies`.
    page.goto(server.url + f"/cursussen/{cursus['id']}/review")
    page.get_by_role("button", name="Laat vip drie aanvragen kiezen").click()
    expect(page.get_by_role("heading", name="De review is klaar")).to_be_visible()
    bekijk(page, "review-gekozen", js)
    zip_ = download(page)
    status, api_zip = cursus["api"].vraag("POST", f"/api/cursussen/{cursus['id']}/review", {"kies": 3})
    assert status == 200 and zip_ == api_zip
    controleer_zip(zip_, cursus["gezocht"])
    bewaking.controleer()
    c.close()


def test_review_met_javascript(browser, server, cursus):
    review(browser, server, cursus, True)


def test_review_zonder_javascript(browser, server, cursus):
    review(browser, server, cursus, False)
