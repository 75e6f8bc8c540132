"""The browser harness shared by every browser test: a real `vip server` process (on SQLite in
a temporary folder, or on PostgreSQL in a schema of its own), a small JSON client, a browser
context with axe-core, and the checks every page must pass.
"""
import http.cookiejar
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid

from playwright.sync_api import expect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIP = os.environ.get("VIP", os.path.join(ROOT, ".build", "debug", "vip"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = os.path.join(ROOT, ".build", "screenshots")
# Every server's request log (standard error) goes here; Tests/Beheer/test_zz_logscan.py reads them
# after the suite for e-mail addresses, passwords and tokens (listed in geheimen.txt).
LOGS = os.path.join(ROOT, ".build", "serverlogs")


def onthoud_geheim(waarde):
    os.makedirs(LOGS, exist_ok=True)
    with open(os.path.join(LOGS, "geheimen.txt"), "a", encoding="utf-8") as f:
        f.write(waarde + "\n")
CHECKER = os.path.join(ROOT, "Tests", "DocumentChecker", "check_document.py")
WACHTWOORD = "docent-wachtwoord-1"
HOSTILE = "<script>alert('script')</script>\"><img src=x onerror=alert('img')>{{titel}}\u202e"
# The PostgreSQL database of `make test-postgres` (scripts/postgres-test.sh); without it the
# PostgreSQL runs are skipped.
POSTGRES = os.environ.get("VIP_TEST_POSTGRES")
MOTOREN = ["sqlite", "postgres"]


def axe_source():
    import axe_selenium_python
    return open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core",
                             "axe.min.js"), encoding="utf-8").read()


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A real `vip server` process with its own data folder."""

    def __init__(self, demo=False, motor="sqlite", extra=(), env=None):
        self.map = tempfile.mkdtemp(prefix="vip-browser-")
        self.motor = motor
        # PostgreSQL: the test database with a fresh schema, so every server starts empty.
        self.database = None
        if motor == "postgres":
            assert POSTGRES, "VIP_TEST_POSTGRES is niet gezet"
            schema = "b_" + uuid.uuid4().hex
            self.database = POSTGRES + ("&" if "?" in POSTGRES else "?") + "schema=" + schema
        self.poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.demo = demo
        self.extra = extra
        self.env = env or {}
        self.proces = None
        self.opstarttijd = None

    def gebruiker(self, rol, email, naam, wachtwoord):
        onthoud_geheim(wachtwoord)
        r = subprocess.run([VIP, "gebruiker", "toevoegen", *self.opslag(), "--rol", rol, "--email", email,
                            "--naam", naam], input=wachtwoord + "\n", capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr

    def opslag(self):
        """`--data MAP` or `--database URL`, as the command line names the storage."""
        return ["--database", self.database] if self.database else ["--data", self.map]

    def start(self):
        begin = time.monotonic()
        args = [VIP, "server", *self.opslag(), "--adres", "127.0.0.1", "--poort", str(self.poort)]
        if self.demo:
            args.append("--demo")
        self.log = open(os.path.join(self.map, "server.log"), "w")
        os.makedirs(LOGS, exist_ok=True)
        self.verzoeklog = open(os.path.join(LOGS, f"browser-{uuid.uuid4().hex[:8]}.log"), "w")
        self.proces = subprocess.Popen(args + list(self.extra), cwd=ROOT, stdout=self.log, stderr=self.verzoeklog,
                                       env=dict(os.environ, **self.env))
        while time.monotonic() - begin < 60:
            try:
                with urllib.request.urlopen(self.url + "/gezond", timeout=2) as r:
                    if json.load(r) == {"status": "ok"}:
                        self.opstarttijd = time.monotonic() - begin
                        return self
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            assert self.proces.poll() is None, "vip server stopte: " + open(self.log.name).read()
            time.sleep(0.1)
        raise AssertionError("/gezond antwoordde niet binnen 60 s")

    def stop(self):
        if self.proces and self.proces.poll() is None:
            self.proces.terminate()
            assert self.proces.wait(timeout=15) == 0
        self.log.close()
        self.verzoeklog.close()


class API:
    """A small JSON client with its own cookie jar (for setting up a cursus)."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def vraag(self, method, pad, body=None, headers=None):
        h = {"Content-Type": "application/json"}
        if self.csrf:
            h["X-CSRF-Token"] = self.csrf
        h.update(headers or {})
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        req = urllib.request.Request(self.url + pad, data=data, method=method, headers=h)
        try:
            with self.opener.open(req) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def meld_aan(self, email, wachtwoord):
        status, body = self.vraag("POST", "/api/sessie", {"email": email, "wachtwoord": wachtwoord})
        assert status == 200, body
        self.csrf = json.loads(body)["csrf"]


class Bewaking:
    """Everything a page must not do: dialogs, script errors, console errors (CSP violations
    included), requests to hosts other than the server."""

    def __init__(self, page, server):
        self.problemen = []
        page.on("dialog", lambda d: (self.problemen.append("dialoog: " + d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.problemen.append(f"scriptfout: {e}"))
        page.on("console", lambda m: m.type == "error" and not self.verwacht(m.text)
                and self.problemen.append("console: " + m.text))
        page.on("request", lambda r: r.url.startswith(server.url) or r.url.startswith("data:")
                or self.problemen.append("verzoek buiten de server: " + r.url))
        # Which request a console error is about: Chromium's message names only the status.
        self.foutantwoorden = []
        page.on("response", lambda a: a.status >= 400 and self.foutantwoorden.append(
            f"{a.request.method} {a.url[len(server.url):] if a.url.startswith(server.url) else a.url} -> {a.status}"))
        self.verwachte = []

    def verwacht(self, tekst):
        return any(v in tekst for v in self.verwachte)

    def controleer(self):
        assert self.problemen == [], (self.problemen, self.foutantwoorden)


def context(browser, js):
    c = browser.new_context(java_script_enabled=js, accept_downloads=True, viewport={"width": 1280, "height": 900},
                            locale="nl-NL", timezone_id="Europe/Amsterdam")
    c.add_init_script(script=axe_source())  # through the browser's own channel, so the CSP does not apply
    return c


def bekijk(page, naam, js):
    """Screenshot and axe-core: no serious or critical violations, and no injected markup."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    # A long page gives a large full-page image (3.6 MB for the docent's view of an aanvraag with
    # all its versions): on a busy machine that took over Playwright's 30 s once.
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{'js' if js else 'zonder-js'}-{naam}.png"), full_page=True,
                    timeout=120_000)
    if js:
        resultaat = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                  ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html).slice(0, 3)}))")
        ernstig = [v for v in resultaat if v["impact"] in ("serious", "critical")]
        assert ernstig == [], f"axe op {naam}: {ernstig}"
    # The site itself has no images and one script; anything else was injected.
    assert page.locator("img").count() == 0, f"{naam}: een <img> op de pagina"
    assert page.locator("script").count() == 1, f"{naam}: een extra <script> op de pagina"


def axe_zonder_js(browser, url, cookies, naam):
    """axe-core needs script; a page of the walk without JavaScript is checked again in a
    context with script, on the same session."""
    c = context(browser, True)
    c.add_cookies(cookies)
    p = c.new_page()
    p.goto(url)
    resultaat = p.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                           ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html).slice(0, 3)}))")
    c.close()
    ernstig = [v for v in resultaat if v["impact"] in ("serious", "critical")]
    assert ernstig == [], f"axe op {naam}: {ernstig}"


def cursus_via_api(server):
    api = API(server.url)
    api.meld_aan("docent@example.nl", WACHTWOORD)
    status, body = api.vraag("POST", "/api/cursussen", {"naam": "Najaar", "bijeenkomsten": ["2026-09-01", "2026-09-08"]})
    assert status == 201, body
    return json.loads(body)["uitnodigingscode"]


def cursus_via_pagina(page, server, js):
    page.goto(server.url + "/inloggen")
    page.get_by_label("E-mailadres").fill("docent@example.nl")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Nieuwe cursus aanmaken").click()
    page.get_by_label("Naam van de cursus").fill("Van Idee naar Project, najaar")
    page.get_by_label("Datums van de bijeenkomsten").fill("2026-09-01\n2026-09-08\n2026-09-15")
    bekijk(page, "cursus-maken", js)
    page.get_by_role("button", name="Cursus aanmaken").click()
    code = page.locator("[data-uitnodigingscode]").inner_text().strip()
    bekijk(page, "cursus", js)
    page.get_by_role("button", name="Uitloggen").click()
    return code


def opslaan(page, js):
    """Saves the page: with script, wait for the automatic save; without, press the button."""
    if js:
        expect(page.locator("[data-status]")).to_contain_text("Opgeslagen om", timeout=15000)
    else:
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.locator(".melding-succes")).to_contain_text("Opgeslagen als versie")


def registreer_en_begin(page, server, code, email, js):
    page.goto(server.url + "/")
    page.get_by_role("link", name="Maak met die code een account aan").click()
    page.get_by_label("Uitnodigingscode").fill(code)
    page.get_by_label("Uw naam").fill("Petra de Vries")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill("cursist-wachtwoord")
    page.get_by_label("Wachtwoord nogmaals").fill("cursist-wachtwoord")
    bekijk(page, "registreren", js)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator(".melding-succes")).to_contain_text("Uw account is aangemaakt")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("cursist-wachtwoord")
    bekijk(page, "inloggen", js)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn aanvragen", level=1)).to_be_visible()
    page.get_by_role("button", name="Nieuwe aanvraag beginnen").click()
    expect(page.get_by_role("heading", name="Hoofdlijnen")).to_be_visible()


