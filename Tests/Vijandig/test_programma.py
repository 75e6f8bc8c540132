"""The program as `make release` builds it. `vip` is linked fully statically there (glibc,
libstdc++, the Swift runtime and the C libraries in the file itself, no dynamic loader: Makefile,
Package.swift), the debug build that the Swift tests check links them all shared. Both must say
and write the same: the documents byte for byte, the checklist with its spelling findings
(hunspell and its C++ library), the exit codes, and the hand-over to vip-server."""
import os
import struct
import subprocess
import tempfile

import pytest

from vijand import ROOT, VIP

DEBUG = os.path.join(ROOT, ".build", "debug", "vip")
SAMPLES = os.path.join(ROOT, "Samples")


def heeft_dynamische_lader(pad):
    """True when the ELF file asks for a program interpreter (PT_INTERP, type 3)."""
    with open(pad, "rb") as f:
        kop = f.read(64)
        assert kop[:4] == b"\x7fELF" and kop[4] == 2, "geen 64-bits ELF-bestand"
        phoff, = struct.unpack_from("<Q", kop, 32)
        phentsize, phnum = struct.unpack_from("<HH", kop, 54)
        f.seek(phoff)
        tabel = f.read(phentsize * phnum)
    return any(struct.unpack_from("<I", tabel, i * phentsize)[0] == 3 for i in range(phnum))


def bestanden(map_):
    uit = {}
    for wortel, _, namen in os.walk(map_):
        for naam in namen:
            pad = os.path.join(wortel, naam)
            uit[os.path.relpath(pad, map_)] = open(pad, "rb").read()
    return uit


def draai(vip, *args):
    r = subprocess.run([vip, *args], capture_output=True, timeout=300)
    return r.returncode, r.stdout, r.stderr


pytestmark = pytest.mark.skipif(not os.path.exists(DEBUG), reason="de debug-build ontbreekt (make test bouwt die eerst)")


def test_vip_heeft_geen_dynamische_lader_vip_server_wel():
    assert not heeft_dynamische_lader(VIP)
    assert heeft_dynamische_lader(DEBUG)
    assert heeft_dynamische_lader(os.path.join(os.path.dirname(VIP), "vip-server"))


def build(vip, map_, *args):
    """Exit code, stdout and stderr (with the output folder as UIT) and the files written."""
    code, out, err = draai(vip, "build", *args, "--uit", map_)
    pad = map_.encode()
    return code, out.replace(pad, b"UIT"), err.replace(pad, b"UIT"), bestanden(map_) if os.path.isdir(map_) else {}


# The last value: whether the build must succeed (an aanvraag that is not af builds nothing).
@pytest.mark.parametrize("sample,extra,gebouwd", [
    ("buurtmoestuin.yaml", [], True),
    ("kinderfestival.yaml", ["--formaat", "docx"], True),
    ("concept-vol-fouten.yaml", ["--concept"], True),
    ("concept-vol-fouten.yaml", [], False),
    ("buurtmoestuin.yaml", ["--register", os.path.join(SAMPLES, "fondsenregister.yaml")], True),
])
def test_build_schrijft_dezelfde_bytes_als_de_debug_build(sample, extra, gebouwd):
    with tempfile.TemporaryDirectory() as d:
        release = build(VIP, os.path.join(d, "release"), os.path.join(SAMPLES, sample), *extra)
        debug = build(DEBUG, os.path.join(d, "debug"), os.path.join(SAMPLES, sample), *extra)
        assert release[:3] == debug[:3]
        assert sorted(release[3]) == sorted(debug[3])
        for naam in debug[3]:
            assert release[3][naam] == debug[3][naam], naam
        if gebouwd:
            assert release[0] == 0 and release[3], "er is niets gebouwd"


def test_check_en_spelling_zoals_de_debug_build():
    with tempfile.TemporaryDirectory() as d:
        # The sample with two spelling mistakes (the rule's own example words) and a word with
        # a suggestion, so that hunspell's findings are among what is compared.
        tekst = open(os.path.join(SAMPLES, "buurtmoestuin.yaml"), encoding="utf-8").read()
        assert "\n  vervolg: >\n    " in tekst
        tekst = tekst.replace("\n  vervolg: >\n    ",
                              "\n  vervolg: >\n    Wij zoeken strukturele samenwerking; er is vertrouwen onstaan.\n    ", 1)
        spel = os.path.join(d, "spelling.yaml")
        open(spel, "w", encoding="utf-8").write(tekst)
        invoer = [spel] + [os.path.join(SAMPLES, s) for s in ("buurtmoestuin.yaml", "kinderfestival.yaml", "concept-vol-fouten.yaml")]
        for formaat in ("json", "tekst"):
            release = draai(VIP, "check", *invoer, "--format", formaat, "--datum", "2026-03-01")
            debug = draai(DEBUG, "check", *invoer, "--format", formaat, "--datum", "2026-03-01")
            assert release == debug
        assert b"[spelling]" in release[1] and b"strukturele" in release[1], release[1].decode()


def test_fondsendate_en_overdracht_aan_vip_server():
    with tempfile.TemporaryDirectory() as d:
        a = draai(VIP, "fondsendate", os.path.join(SAMPLES, "fondsendate.yaml"), "--uit", os.path.join(d, "r"))
        b = draai(DEBUG, "fondsendate", os.path.join(SAMPLES, "fondsendate.yaml"), "--uit", os.path.join(d, "d"))
        assert a[0] == b[0] == 0
        assert bestanden(os.path.join(d, "r")) == bestanden(os.path.join(d, "d"))
    code, out, _ = draai(VIP, "server", "--help")
    assert code == 0 and b"vip server" in out
