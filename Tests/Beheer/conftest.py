"""Fixtures of the beheer tests: a self-signed certificate for the TLS mail servers."""
import os
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from postvak import certificaat  # noqa: E402


@pytest.fixture(scope="session")
def cert():
    return certificaat(tempfile.mkdtemp(prefix="vip-cert-"))
