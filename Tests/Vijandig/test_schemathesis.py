"""schemathesis (PyPI) against a real server with the description it serves: it generates
requests for every operation (valid and invalid ones) as a signed-in cursist and as nobody, and
finds no 500 and no answer that breaks the schema (status, media type, body)."""
import os
import shutil
import subprocess
import sys

import pytest

from vijand import ROOT, Server, cursus_met_cursist

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def st():
    pad = shutil.which("st") or shutil.which("schemathesis")
    return [pad] if pad else [sys.executable, "-m", "schemathesis.cli"]


@pytest.mark.parametrize("wie", ["cursist", "anoniem"])
def test_schemathesis_vindt_niets(wie, tmp_path):
    server = Server().start()
    try:
        _, cursist, _ = cursus_met_cursist(server)
        headers = ["-H", f"Cookie: {cursist.cookie}", "-H", f"X-CSRF-Token: {cursist.csrf}"] if wie == "cursist" else []
        url = f"http://127.0.0.1:{server.poort}"
        config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemathesis.toml")
        r = subprocess.run([*st(), "--config-file", config, "run", f"{url}/api/openapi.json", "--url", url, "--checks", CHECKS,
                            "--max-examples", os.environ.get("VIP_SCHEMATHESIS_VOORBEELDEN", "25"), "--workers", "2",
                            "--seed", "20261206", "--generation-database", "none", "--no-color",
                            "--request-timeout", "30", "--report", "junit", "--report-dir", str(tmp_path),
                            # Its own cookie and token (below), not generated ones; and it must not end its own
                            # session halfway through the run.
                            "--generation-with-security-parameters", "false", "--exclude-name", "DELETE /api/sessie",
                            *headers],
                           capture_output=True, text=True, timeout=1800, cwd=ROOT)
        samenvatting = "\n".join(r.stdout.splitlines()[-60:])
        assert r.returncode == 0, samenvatting + "\n" + r.stderr[-3000:]
    finally:
        server.stop()
