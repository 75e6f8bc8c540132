"""Real mail servers on loopback for the beheer tests: aiosmtpd as a sink (plain, STARTTLS with a
self-signed certificate, or TLS from the start), with AUTH when asked; every message it accepts is
kept as bytes. And `vip server` processes whose request log (standard error) is written to
.build/serverlogs/, which the log scan reads at the end of the suite."""
import json
import os
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIP = os.environ.get("VIP", os.path.join(ROOT, ".build", "debug", "vip"))
LOGS = os.path.join(ROOT, ".build", "serverlogs")
GEHEIMEN = os.path.join(LOGS, "geheimen.txt")
POSTGRES = os.environ.get("VIP_TEST_POSTGRES")


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def onthoud_geheim(waarde):
    """A password or token the log scan must not find in any server log."""
    os.makedirs(LOGS, exist_ok=True)
    with open(GEHEIMEN, "a", encoding="utf-8") as f:
        f.write(waarde + "\n")


def certificaat(map_):
    """A self-signed certificate for localhost and 127.0.0.1 (openssl), its key, and the path of both."""
    cert, key = os.path.join(map_, "cert.pem"), os.path.join(map_, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class Opvanger:
    """The handler: keeps every accepted message."""

    def __init__(self):
        self.berichten = []
        self.aanmeldingen = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.berichten.append({"van": envelope.mail_from, "aan": list(envelope.rcpt_tos),
                                   "bytes": envelope.original_content or envelope.content,
                                   "tls": session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None,
                                   "login": getattr(session, "auth_data", None)})
        return "250 Message accepted for delivery"


class Sink:
    """aiosmtpd on 127.0.0.1:poort; `start()` and `stop()` may be called more than once (the
    mail server goes down and comes back on the same port)."""

    def __init__(self, poort=None, tls=None, starttls=False, gebruiker=None, wachtwoord=None, cert=None):
        self.poort = poort or vrije_poort()
        self.opvanger = Opvanger()
        self.tls, self.starttls = tls, starttls
        self.gebruiker, self.wachtwoord = gebruiker, wachtwoord
        self.cert = cert
        self.controller = None

    def _context(self):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*self.cert)
        return ctx

    def _auth(self, server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login.decode() == self.gebruiker \
            and data.password.decode() == self.wachtwoord
        return AuthResult(success=ok, auth_data=data.login.decode() if ok else None)

    def start(self):
        kw = {"hostname": "127.0.0.1", "port": self.poort}
        if self.starttls:
            kw.update(tls_context=self._context(), require_starttls=True)
        if self.tls:
            kw.update(ssl_context=self._context())
        if self.gebruiker:
            # With TLS from the start aiosmtpd does not see the session as TLS and would hide AUTH.
            kw.update(authenticator=self._auth, auth_required=True, auth_require_tls=not self.tls)
        else:
            kw.update(auth_require_tls=False)
        self.controller = Controller(self.opvanger, **kw)
        # aiosmtpd checks readiness with a plain connection, which cannot work with TLS from the start.
        if self.tls:
            self.controller.ready_timeout = 5
            try:
                self.controller.start()
            except Exception:
                pass
        else:
            self.controller.start()
        return self

    def stop(self):
        if self.controller:
            try:
                self.controller.stop()
            except AssertionError:
                pass
            self.controller = None

    @property
    def berichten(self):
        with self.opvanger.lock:
            return list(self.opvanger.berichten)

    def wacht(self, aantal, timeout=20):
        """Waits until `aantal` messages arrived; returns them."""
        einde = time.monotonic() + timeout
        while time.monotonic() < einde:
            if len(self.berichten) >= aantal:
                return self.berichten
            time.sleep(0.1)
        raise AssertionError(f"{len(self.berichten)} van {aantal} berichten aangekomen binnen {timeout} s")


def lees(bericht):
    return BytesParser(policy=policy.default).parsebytes(bericht["bytes"])


def link(mail, pad):
    """The link to `pad` in the text part of a parsed mail."""
    tekst = mail.get_body(preferencelist=("plain",)).get_content()
    for woord in tekst.split():
        if pad in woord:
            return woord.strip()
    raise AssertionError(f"geen link met {pad} in: {tekst}")


class Vip:
    """A real `vip server` process. Its request log (standard error) goes to .build/serverlogs/."""

    def __init__(self, *extra, data=None, database=None, env=None, naam="beheer"):
        self.map = data or tempfile.mkdtemp(prefix="vip-beheer-")
        self.database = database
        self.poort = vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.extra = list(extra)
        self.env = dict(os.environ, **(env or {}))
        self.naam = naam
        self.proces = None
        os.makedirs(LOGS, exist_ok=True)

    def opslag(self):
        return ["--database", self.database] if self.database else ["--data", self.map]

    def gebruiker(self, rol, email, naam, wachtwoord):
        onthoud_geheim(wachtwoord)
        r = subprocess.run([VIP, "gebruiker", "toevoegen", *self.opslag(), "--rol", rol, "--email", email, "--naam", naam],
                           input=wachtwoord + "\n", capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr

    def start(self):
        self.uit = open(os.path.join(self.map, "stdout.log"), "a")
        self.log = open(os.path.join(LOGS, f"{self.naam}-{uuid.uuid4().hex[:8]}.log"), "a")
        self.proces = subprocess.Popen([VIP, "server", *self.opslag(), "--poort", str(self.poort), *self.extra],
                                       stdout=self.uit, stderr=self.log, env=self.env, cwd=ROOT)
        einde = time.monotonic() + 60
        while time.monotonic() < einde:
            try:
                with urllib.request.urlopen(self.url + "/gezond", timeout=2) as r:
                    if json.load(r) == {"status": "ok"}:
                        return self
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            assert self.proces.poll() is None, "vip server stopte: " + open(self.uit.name).read()
            time.sleep(0.1)
        raise AssertionError("vip server startte niet")

    def kill9(self):
        self.proces.kill()
        self.proces.wait()

    def stop(self):
        if self.proces and self.proces.poll() is None:
            self.proces.terminate()
            assert self.proces.wait(timeout=20) == 0
        for f in (getattr(self, "uit", None), getattr(self, "log", None)):
            if f:
                f.close()

    def api(self):
        return API(self.url)


class API:
    """A JSON client that keeps the session cookie itself: with an https extern-url the cookie is
    `__Host-vip_sessie; Secure`, which a browser (and a cookie jar) would only send over https,
    while the tests talk to vip directly over http on loopback, as the proxy would."""

    def __init__(self, url):
        self.url = url
        self.cookie = None
        self.csrf = None

    def vraag(self, method, pad, body=None, headers=None):
        h = {"Content-Type": "application/json"}
        if self.csrf:
            h["X-CSRF-Token"] = self.csrf
        if self.cookie:
            h["Cookie"] = self.cookie
        h.update(headers or {})
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + pad, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, inhoud, koppen = r.status, r.read(), r.headers
        except urllib.error.HTTPError as e:
            status, inhoud, koppen = e.code, e.read(), e.headers
        for zet in koppen.get_all("Set-Cookie") or []:
            self.cookie = zet.split(";", 1)[0]
        return status, inhoud, dict(koppen)

    def meld_aan(self, email, wachtwoord):
        status, body, _ = self.vraag("POST", "/api/sessie", {"email": email, "wachtwoord": wachtwoord})
        assert status == 200, body
        self.csrf = json.loads(body)["csrf"]
        return self


def wacht_tot(voorwaarde, timeout=20, stap=0.1):
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(stap)
    return False
