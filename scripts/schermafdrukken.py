#!/usr/bin/env python3
"""The screenshots of the README, from the demo (`vip server --demo`) in Debian's chromium:

    python3 scripts/schermafdrukken.py      # after `swift build`; writes docs/schermafdruk*.png

- docs/schermafdruk.png: the cursist's Hoofdlijnen page (fatima@demo.vip);
- docs/schermafdruk-docent.png: the docent's cursus page (docent@demo.vip).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Browser"))
from harnas import CHROMIUM, ROOT, Server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def meld_aan(page, url, email, wachtwoord):
    page.goto(url + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def main():
    s = Server(demo=True).start()
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            c = b.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", timezone_id="Europe/Amsterdam")
            page = c.new_page()
            meld_aan(page, s.url, "fatima@demo.vip", "demo-cursist")
            page.locator("a[href^='/aanvragen/']").first.click()
            page.screenshot(path=os.path.join(ROOT, "docs", "schermafdruk.png"))
            c.clear_cookies()
            meld_aan(page, s.url, "docent@demo.vip", "demo-docent")
            page.locator("a[href^='/cursussen/']").first.click()
            page.wait_for_selector(".docent-tabel-houder")
            page.screenshot(path=os.path.join(ROOT, "docs", "schermafdruk-docent.png"))
            b.close()
    finally:
        s.stop()


if __name__ == "__main__":
    main()
