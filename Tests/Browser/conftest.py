"""Fixtures of the browser tests. `server` is one real `vip server` per module and engine: every
module runs on SQLite, and on PostgreSQL when VIP_TEST_POSTGRES is set (`make test-postgres`,
which `.ci/run` uses)."""
import pytest
from playwright.sync_api import sync_playwright

from harnas import CHROMIUM, MOTOREN, POSTGRES, WACHTWOORD, Server


@pytest.fixture(scope="module", params=MOTOREN)
def motor(request):
    if request.param == "postgres" and not POSTGRES:
        pytest.skip("PostgreSQL niet beschikbaar (VIP_TEST_POSTGRES ontbreekt; gebruik make test-postgres)")
    return request.param


@pytest.fixture(scope="module")
def server(motor):
    s = Server(motor=motor)
    s.gebruiker("docent", "docent@example.nl", "Docent Jansen", WACHTWOORD)
    s.start()
    yield s
    s.stop()



@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()
