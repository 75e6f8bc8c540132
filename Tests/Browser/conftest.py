"""Fixtures of the browser tests. `server` is one real `vip server` per module and engine: every
module runs on SQLite, and on PostgreSQL when VIP_TEST_POSTGRES is set (`make test-postgres`,
which `.ci/run` uses).

On PostgreSQL only the walks with JavaScript run. A page without script posts the same forms to
the same services as the script does, and SQLite runs both; what the engine changes lies under
the services (the storage contract suite runs on both engines). The walks without script on
PostgreSQL added about a fifth to the browser suite, the longest part of CI."""
import pytest
from playwright.sync_api import sync_playwright

from harnas import CHROMIUM, MOTOREN, POSTGRES, WACHTWOORD, Server


def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        zonder_js = "zonder_javascript" in item.name or "zonder-js" in item.name
        if callspec and callspec.params.get("motor") == "postgres" and zonder_js:
            item.add_marker(pytest.mark.skip(reason="zonder JavaScript alleen op SQLite (zie conftest.py)"))


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
