"""The harness of the hostile-client suite: a real `vip server` of the release build (as it runs
on the open internet), raw sockets for what an ordinary client library will not send, and a
small JSON client that sets its cookie, CSRF token and X-Forwarded-For itself.

Every test reads only server.md: it is a client that knows the contract, not the code."""
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIP = os.environ.get("VIP_RELEASE", os.path.join(ROOT, ".build", "release", "vip"))
POSTGRES = os.environ.get("VIP_TEST_POSTGRES")
WACHTWOORD = "docent-wachtwoord-1"
SAMPLE = open(os.path.join(ROOT, "Samples", "buurtmoestuin.yaml"), "rb").read()


def vrije_poort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Antwoord:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<{self.status} {self.body[:200]!r}>"


def lees_antwoord(s, timeout=30):
    """One HTTP/1.1 response from socket `s` (Content-Length or chunked)."""
    s.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        blok = s.recv(65536)
        if not blok:
            raise ConnectionError("verbinding gesloten zonder antwoord: %r" % data[:200])
        data += blok
    kop, rest = data.split(b"\r\n\r\n", 1)
    regels = kop.decode("latin-1").split("\r\n")
    status = int(regels[0].split()[1])
    headers = {}
    for r in regels[1:]:
        k, v = r.split(":", 1)
        headers.setdefault(k.strip().lower(), []).append(v.strip())
    if "content-length" in headers:
        n = int(headers["content-length"][0])
        while len(rest) < n:
            blok = s.recv(max(65536, n - len(rest)))
            if not blok:
                break
            rest += blok
        body = rest[:n]
    elif "chunked" in headers.get("transfer-encoding", [""])[0]:
        body = b""
        while True:
            while b"\r\n" not in rest:
                rest += s.recv(65536)
            lengte, rest = rest.split(b"\r\n", 1)
            n = int(lengte.split(b";")[0], 16)
            while len(rest) < n + 2:
                rest += s.recv(65536)
            body += rest[:n]
            rest = rest[n + 2:]
            if n == 0:
                break
    else:
        body = rest
    return Antwoord(status, {k: v[0] for k, v in headers.items()}, body)


class Server:
    """A real `vip server` (release build) with its own data folder or PostgreSQL schema."""

    def __init__(self, motor="sqlite", extra=(), data=None, database=None):
        self.map = data or tempfile.mkdtemp(prefix="vip-vijandig-")
        self.motor = motor
        self.database = database
        if motor == "postgres" and database is None:
            assert POSTGRES, "VIP_TEST_POSTGRES is niet gezet"
            self.database = POSTGRES + ("&" if "?" in POSTGRES else "?") + "schema=v_" + uuid.uuid4().hex
        self.poort = vrije_poort()
        self.extra = list(extra)
        self.proces = None

    def opslag(self):
        return ["--database", self.database] if self.database else ["--data", self.map]

    def vip(self, *args, invoer=None, timeout=120):
        return subprocess.run([VIP, *args], input=invoer, capture_output=True, timeout=timeout)

    def gebruiker(self, rol, email, naam="Docent", wachtwoord=WACHTWOORD):
        r = self.vip("gebruiker", "toevoegen", *self.opslag(), "--rol", rol, "--email", email, "--naam", naam,
                     invoer=(wachtwoord + "\n").encode())
        assert r.returncode == 0, r.stderr

    def start(self, voor=()):
        """Starts the server; `voor` prefixes the command (strace)."""
        args = [*voor, VIP, "server", *self.opslag(), "--adres", "127.0.0.1", "--poort", str(self.poort), *self.extra]
        self.log = open(os.path.join(self.map, f"server-{self.poort}.log"), "ab")
        self.proces = subprocess.Popen(args, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        begin = time.monotonic()
        while time.monotonic() - begin < 60:
            try:
                if self.vraag("GET", "/gezond", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            assert self.proces.poll() is None, "vip server stopte: " + open(self.log.name, "rb").read().decode()
            time.sleep(0.1)
        raise AssertionError("/gezond antwoordde niet binnen 60 s")

    @property
    def pid(self):
        return self.proces.pid

    def kinderen(self):
        """The processes started by the server's process (vip under strace)."""
        uit = []
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    velden = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(velden[1]) == self.proces.pid:
                    uit.append(int(pid))
        return uit

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proces and self.proces.poll() is None:
            # Under strace the signal goes to vip itself; strace ends when it does.
            for kind in self.kinderen():
                os.kill(kind, sig)
            self.proces.send_signal(sig)
            self.proces.wait(timeout=timeout)
        if getattr(self, "log", None):
            self.log.close()
        return self.proces.returncode if self.proces else None

    def verbind(self):
        return socket.create_connection(("127.0.0.1", self.poort), timeout=30)

    def vraag(self, method, pad, body=b"", headers=None, timeout=60):
        """One request on a fresh connection, exactly as given (no path normalisation)."""
        h = {"Host": f"127.0.0.1:{self.poort}", "Connection": "close"}
        h.update(headers or {})
        if body is not None and "Content-Length" not in h:
            h["Content-Length"] = str(len(body))
        kop = f"{method} {pad} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items()) + "\r\n"
        with self.verbind() as s:
            s.sendall(kop.encode("latin-1"))
            # The server may answer (413, 400) and close before the whole body is sent: then stop
            # sending and read what it answered.
            try:
                for i in range(0, len(body or b""), 1 << 20):
                    s.sendall(body[i:i + (1 << 20)])
            except (BrokenPipeError, ConnectionResetError):
                pass
            return lees_antwoord(s, timeout=timeout)

    def cpu(self):
        """User and system CPU seconds of the server process so far."""
        velden = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        tik = os.sysconf("SC_CLK_TCK")
        return (int(velden[11]) + int(velden[12])) / tik

    def piekgeheugen_mb(self):
        for regel in open(f"/proc/{self.pid}/status"):
            if regel.startswith("VmHWM:"):
                return int(regel.split()[1]) / 1024
        raise AssertionError("geen VmHWM")


class Sessie:
    """A signed-in client: its cookie, its CSRF token, and the address it claims (with --proxy)."""

    def __init__(self, server, email, wachtwoord, adres=None):
        self.server = server
        self.adres = adres
        r = self.vraag("POST", "/api/sessie", {"email": email, "wachtwoord": wachtwoord}, csrf=False)
        assert r.status == 200, r
        self.cookie = [c for c in r.headers["set-cookie"].split(";")][0]
        self.csrf = r.json()["csrf"]

    def vraag(self, method, pad, body=None, headers=None, csrf=True, cookie=True, timeout=60):
        h = {}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if cookie and getattr(self, "cookie", None):
            h["Cookie"] = self.cookie
        if csrf and getattr(self, "csrf", None):
            h["X-CSRF-Token"] = self.csrf
        if self.adres:
            h["X-Forwarded-For"] = self.adres
        h.update(headers or {})
        return self.server.vraag(method, pad, body if body is not None else b"", h, timeout=timeout)


def cursus_met_cursist(server, email="cursist@example.nl", adres=None):
    """A docent, a cursus, a cursist signed up with its code, and her aanvraag (the sample)."""
    docent_email = f"docent-{uuid.uuid4().hex[:8]}@example.nl"
    server.gebruiker("docent", docent_email)
    d = Sessie(server, docent_email, WACHTWOORD, adres=adres)
    r = d.vraag("POST", "/api/cursussen", {"naam": "Vijandige cursus", "bijeenkomsten": ["2027-01-05"]})
    assert r.status == 201, r
    code = r.json()["uitnodigingscode"]
    r = server.vraag("POST", "/api/aanmelden", json.dumps({"uitnodigingscode": code, "naam": "Cursist", "email": email,
                                                            "wachtwoord": "cursist-wachtwoord"}).encode(),
                     {"Content-Type": "application/json", **({"X-Forwarded-For": adres} if adres else {})})
    assert r.status == 201, r
    c = Sessie(server, email, "cursist-wachtwoord", adres=adres)
    r = c.vraag("POST", "/api/aanvragen", SAMPLE, {"Content-Type": "application/yaml"})
    assert r.status == 201, r
    return d, c, r.json()["id"]


def parallel(n, werk):
    """Runs `werk(i)` in n threads at once; returns the results in order."""
    uit = [None] * n
    fouten = []
    start = threading.Barrier(n)

    def draai(i):
        try:
            start.wait()
            uit[i] = werk(i)
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(e)

    draden = [threading.Thread(target=draai, args=(i,)) for i in range(n)]
    for t in draden:
        t.start()
    for t in draden:
        t.join()
    if fouten:
        raise fouten[0]
    return uit
