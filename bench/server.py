#!/usr/bin/env python3
"""Load test of `vip server` on loopback (called by bench/server.sh).

Starts `vip server` on 127.0.0.1 with a fresh data folder (or a PostgreSQL URL), makes the
accounts (a docent with `vip gebruiker toevoegen`, cursisten through the API), and measures
with a small asyncio HTTP/1.1 client at C concurrent keep-alive connections:

- POST /api/check with a sample aanvraag             req/s, p50, p99
- PUT /api/aanvragen/{id}, durable, one aanvraag per  req/s, p50, p99
  connection, each PUT with the version of the previous answer
- GET of an editor page (/aanvragen/{id}/hoofdlijnen)  p50, p99
- POST /api/aanvragen/{id}/pakket, one package         p50, p99 (at 1 and at C clients)
- GET /api/cursussen/{id}/voortgang and /cursussen/{id} of a cursus with 30 cursisten
- VmRSS of the server process after 10 000 and after 20 000 requests

Every loop is bounded in count and in time. Prints a table and writes JSON; asserts nothing
beyond the answers having the expected status (a load of errors is no measurement).
"""
import argparse
import asyncio
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import time

HOST = "127.0.0.1"


# MARK: A minimal HTTP/1.1 client (keep-alive, Content-Length or chunked answers)

class Verbinding:
    def __init__(self, poort):
        self.poort = poort
        self.r = self.w = None

    async def open(self):
        self.r, self.w = await asyncio.open_connection(HOST, self.poort)

    def close(self):
        if self.w:
            self.w.close()

    async def vraag(self, methode, pad, body=b"", headers=None):
        if self.w is None:
            await self.open()
        h = {"Host": f"{HOST}:{self.poort}", "Content-Length": str(len(body))}
        h.update(headers or {})
        kop = f"{methode} {pad} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in h.items()) + "\r\n"
        self.w.write(kop.encode("latin-1") + body)
        await self.w.drain()
        regel = await self.r.readuntil(b"\r\n")
        status = int(regel.split()[1])
        antwoord = {}
        while True:
            regel = await self.r.readuntil(b"\r\n")
            if regel == b"\r\n":
                break
            k, _, v = regel.decode("latin-1").partition(":")
            antwoord.setdefault(k.strip().lower(), []).append(v.strip())
        if "content-length" in antwoord:
            data = await self.r.readexactly(int(antwoord["content-length"][0]))
        elif "chunked" in ",".join(antwoord.get("transfer-encoding", [])):
            stukken = []
            while True:
                n = int((await self.r.readuntil(b"\r\n")).split(b";")[0], 16)
                if n == 0:
                    while await self.r.readuntil(b"\r\n") != b"\r\n":
                        pass
                    break
                stukken.append(await self.r.readexactly(n))
                await self.r.readexactly(2)
            data = b"".join(stukken)
        else:
            data = b""
        if "close" in ",".join(antwoord.get("connection", [])).lower():
            self.close()
            self.w = None
        return status, antwoord, data


async def een(poort, methode, pad, body=b"", headers=None):
    v = Verbinding(poort)
    try:
        return await v.vraag(methode, pad, body, headers)
    finally:
        v.close()


# MARK: Loads

def perc(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def belast(poort, clients, aantal, max_s, maak_vraag, verwacht=200, na=None):
    """`aantal` requests over `clients` connections (or fewer once `max_s` seconds passed).
    maak_vraag(i_client) -> (methode, pad, body, headers); na(i_client, data) sees each answer."""
    lat = []
    fouten = {}
    volgende = [0]
    eind = time.monotonic() + max_s

    async def client(i):
        v = Verbinding(poort)
        try:
            while volgende[0] < aantal and time.monotonic() < eind:
                volgende[0] += 1
                m, p, b, h = maak_vraag(i)
                t0 = time.perf_counter()
                status, _, data = await v.vraag(m, p, b, h)
                lat.append((time.perf_counter() - t0) * 1000)
                if status != verwacht:
                    fouten[status] = fouten.get(status, 0) + 1
                    if sum(fouten.values()) <= 3:
                        print(f"   onverwacht {status} op {m} {p}: {data[:200]!r}", file=sys.stderr)
                elif na:
                    na(i, data)
        finally:
            v.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    duur = time.perf_counter() - t0
    return {
        "verzoeken": len(lat), "clients": clients, "seconden": round(duur, 2),
        "per_s": round(len(lat) / duur, 1) if duur else None,
        "p50_ms": round(perc(lat, 50), 2) if lat else None,
        "p99_ms": round(perc(lat, 99), 2) if lat else None,
        "fouten": fouten,
    }


def wrk(args, poort):
    """The same check load with Debian's wrk (C, two threads), to see how much the Python
    client itself costs on this machine. None when wrk is not installed."""
    import shutil
    if not shutil.which("wrk"):
        return None
    lua = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk-check.lua")
    r = subprocess.run(["wrk", "-t2", f"-c{args.clients}", f"-d{args.wrk_s}s", "--timeout", "5s", "-s", lua,
                        f"http://{HOST}:{poort}/api/check"], capture_output=True, text=True,
                       env={**os.environ, "VIP_BENCH_BODY": os.path.abspath(args.sample)}, timeout=args.wrk_s + 30)
    m = re.search(r"VIPWRK (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+)", r.stdout)
    if not m:
        print(f"   wrk gaf geen uitslag: {r.stdout[-300:]} {r.stderr[-300:]}", file=sys.stderr)
        return None
    n, us, p50, p99, fout = m.groups()
    uit = {"verzoeken": int(n), "clients": args.clients, "seconden": round(int(us) / 1e6, 2),
           "per_s": round(int(n) / (int(us) / 1e6), 1), "p50_ms": round(float(p50) / 1000, 2),
           "p99_ms": round(float(p99) / 1000, 2), "fouten": {"niet 200": int(fout)} if int(fout) else {}}
    print(f"   check met wrk: {n} verzoeken, {uit['per_s']}/s, p50 {uit['p50_ms']} ms, p99 {uit['p99_ms']} ms", flush=True)
    return uit


def cpu_s(pid):
    """User plus system CPU seconds of process `pid` so far (/proc/PID/stat, fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as f:
        velden = f.read().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for regel in f:
            if regel.startswith("VmRSS:"):
                return round(int(regel.split()[1]) / 1024, 1)
    return None


# MARK: The server and its accounts

class Server:
    def __init__(self, vip, data, database=None):
        self.vip, self.data, self.database = vip, data, database

    def opslag(self):
        return ["--database", self.database] if self.database else ["--data", self.data]

    def start(self):
        # The request log (one line per request, on standard error) goes to a file: a pipe that
        # nobody reads would fill up (the server then drops log lines, see Logschrijver).
        self.log = open(os.path.join(self.data, "server.log"), "w")
        self.p = subprocess.Popen([self.vip, "server", *self.opslag(), "--adres", HOST, "--poort", "0"],
                                  stdout=subprocess.PIPE, stderr=self.log, text=True)
        eind = time.monotonic() + 60
        while time.monotonic() < eind:
            regel = self.p.stdout.readline()
            if not regel:
                break
            m = re.search(r"vip draait op http://[^:]+:(\d+)", regel)
            if m:
                self.poort = int(m.group(1))
                return self.poort
        self.p.kill()
        raise SystemExit(f"vip server startte niet: {regel!r}")

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            self.p.wait(15)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def json_body(o):
    return json.dumps(o).encode(), {"Content-Type": "application/json"}


async def aanmelden(poort, email, wachtwoord):
    body, h = json_body({"email": email, "wachtwoord": wachtwoord})
    status, kop, data = await een(poort, "POST", "/api/sessie", body, h)
    assert status == 200, (status, data)
    csrf = json.loads(data)["csrf"]
    cookie = next(c.split(";")[0] for c in kop["set-cookie"] if c.startswith("vip_sessie="))
    return {"Cookie": cookie, "X-CSRF-Token": csrf}


async def inrichten(server, yaml, n_cursisten, n_put):
    """A docent (CLI), a cursus (API), n_cursisten cursisten with one aanvraag each, and
    n_put extra aanvragen of the first cursist for the PUT load."""
    poort = server.poort
    wachtwoord = "bench-wachtwoord-123"
    email = "docent@bench.invalid"
    r = subprocess.run([server.vip, "gebruiker", "toevoegen", *server.opslag(), "--rol", "docent",
                        "--email", email, "--naam", "Docent Bench"], input=wachtwoord + "\n",
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    docent = await aanmelden(poort, email, wachtwoord)
    # One bijeenkomst past and two to come, so the cursus page shows the homework of the next.
    vandaag = datetime.date.today()
    dagen = [vandaag + datetime.timedelta(days=d) for d in (-7, 7, 14)]
    body, h = json_body({"naam": "Bench", "bijeenkomsten": [d.isoformat() for d in dagen]})
    status, _, data = await een(poort, "POST", "/api/cursussen", body, {**h, **docent})
    assert status == 201, (status, data)
    cursus = json.loads(data)

    async def cursist(i):
        e = f"cursist{i}@bench.invalid"
        body, h = json_body({"uitnodigingscode": cursus["uitnodigingscode"], "naam": f"Cursist {i}",
                             "email": e, "wachtwoord": wachtwoord})
        status, _, data = await een(poort, "POST", "/api/aanmelden", body, h)
        assert status == 201, (status, data)
        s = await aanmelden(poort, e, wachtwoord)
        status, _, data = await een(poort, "POST", "/api/aanvragen", yaml, {**s, "Content-Type": "application/yaml"})
        assert status == 201, (status, data)
        return s, json.loads(data)

    cursisten = []
    for i in range(n_cursisten):  # one at a time: each is a slow password hash or two
        cursisten.append(await cursist(i))
    sessie = cursisten[0][0]
    # The PUT load's aanvragen, spread over the cursisten: an account holds at most 20
    # (server.md, quotas), so a cursist gets at most 19 besides her own.
    put = []
    for i in range(n_put):
        eigen = cursisten[i % len(cursisten)][0]
        status, _, data = await een(poort, "POST", "/api/aanvragen", yaml, {**eigen, "Content-Type": "application/yaml"})
        assert status == 201, (status, data)
        put.append({**json.loads(data), "sessie": eigen})
    return {"docent": docent, "cursus": cursus, "cursisten": cursisten, "sessie": sessie, "put": put}


# MARK: The run

async def meet(args, database=None, alleen_opslag=False):
    yaml = open(args.sample, "rb").read()
    data = os.path.join(args.werk, "postgres" if database else "sqlite")
    os.makedirs(data, exist_ok=True)
    server = Server(args.vip, data, database)
    poort = server.start()
    C = args.clients
    uit = {"opslag": "PostgreSQL" if database else "SQLite"}
    try:
        t0 = time.monotonic()
        n_cursisten = -(-C // 19) if alleen_opslag else max(args.cursisten, -(-C // 19))
        st = await inrichten(server, yaml, n_cursisten, C)
        uit["inrichten_s"] = round(time.monotonic() - t0, 1)
        totaal = [0]

        async def fase(naam, *a, **k):
            # The server's own CPU (user + system) over the phase, per request: what a request
            # costs, whatever the load on the machine and the cost of this Python client.
            c0 = cpu_s(server.p.pid)
            r = await belast(poort, *a, **k)
            r["cpu_ms"] = round((cpu_s(server.p.pid) - c0) * 1000 / max(1, r["verzoeken"]), 2)
            totaal[0] += r["verzoeken"]
            uit[naam] = r
            print(f"   {naam}: {r['verzoeken']} verzoeken, {r['per_s']}/s, p50 {r['p50_ms']} ms, "
                  f"p99 {r['p99_ms']} ms, CPU {r['cpu_ms']} ms per verzoek"
                  f"{', fouten ' + str(r['fouten']) if r['fouten'] else ''}", flush=True)
            return r

        check = lambda i: ("POST", "/api/check", yaml, {"Content-Type": "application/yaml"})
        await fase("warm", C, 200, 30, check)

        # PUT: connection i saves aanvraag i, each time with the version the last answer gave.
        versies = [a["versie"] for a in st["put"]]
        ids = [a["id"] for a in st["put"]]

        def put(i):
            return ("PUT", f"/api/aanvragen/{ids[i]}", yaml,
                    {**st["put"][i]["sessie"], "Content-Type": "application/yaml", "If-Match": f'"{versies[i]}"'})

        def na_put(i, data):
            versies[i] = json.loads(data)["versie"]

        if alleen_opslag:
            await fase("check", C, args.check_n, args.max_s, check)
            await fase("put", C, args.put_n, args.max_s, put, na=na_put)
            return uit

        await fase("check", C, args.check_n, args.max_s, check)
        uit["rss_mb_na"] = {str(totaal[0]): rss_mb(server.p.pid)}
        await fase("put", C, args.put_n, args.max_s, put, na=na_put)
        aanvraag = st["cursisten"][0][1]["id"]
        pagina = lambda i: ("GET", f"/aanvragen/{aanvraag}/hoofdlijnen", b"", st["sessie"])
        await fase("pagina", C, args.pagina_n, args.max_s, pagina)
        await fase("pagina_1", 1, args.pakket_n, args.max_s, pagina)
        pakket = lambda i: ("POST", f"/api/aanvragen/{aanvraag}/pakket", b"", st["sessie"])
        await fase("pakket_1", 1, args.pakket_n, args.max_s, pakket)
        await fase("pakket", C, args.pakket_n, args.max_s, pakket)
        cid = st["cursus"]["id"]
        voortgang = lambda i: ("GET", f"/api/cursussen/{cid}/voortgang", b"", st["docent"])
        # The counts per onderdeel are stored with each version (schema 3), so the first round
        # reads them as the second does; the second round is the docent who looks again.
        await fase("voortgang", C, args.voortgang_n, args.max_s, voortgang)
        await fase("voortgang_2", C, args.voortgang_n, args.max_s, voortgang)
        status, _, data = await een(poort, "GET", f"/api/cursussen/{cid}/voortgang", b"", st["docent"])
        uit["voortgang_rijen"] = len(json.loads(data))
        # The docent's cursus page: the progress table of the 30 cursisten and the homework of
        # the next bijeenkomst. The first round reads which fields each current version fills
        # (kept per process and version); then one client alone, then 32 again.
        cursuspagina = lambda i: ("GET", f"/cursussen/{cid}", b"", st["docent"])
        await fase("cursuspagina", C, args.voortgang_n, args.max_s, cursuspagina)
        await fase("cursuspagina_1", 1, args.voortgang_n, args.max_s, cursuspagina)
        await fase("cursuspagina_2", C, args.voortgang_n, args.max_s, cursuspagina)
        status, _, data = await een(poort, "GET", f"/cursussen/{cid}", b"", st["docent"])
        uit["cursuspagina_rijen"] = data.decode().count('<tr data-cursist=')
        # The CPU a request costs once its version is known: the check API of a stored version,
        # and /gezond as the floor (routing, middleware, one small answer).
        checkversie = lambda i: ("GET", f"/api/aanvragen/{aanvraag}/check", b"", st["sessie"])
        await fase("checkversie_1", 1, args.pagina_n, args.max_s, checkversie)
        gezond = lambda i: ("GET", "/gezond", b"", {})
        await fase("gezond_1", 1, args.pagina_n, args.max_s, gezond)
        # Up to 20 000 requests in all, the same check load as the first 10 000.
        rest = max(0, 2 * args.check_n - totaal[0])
        await fase("check_2", C, rest, 2 * args.max_s, check)
        uit["rss_mb_na"][str(totaal[0])] = rss_mb(server.p.pid)
        # A third reading after another 10 000 of the same: does it level off?
        await fase("check_3", C, args.check_n, 2 * args.max_s, check)
        uit["rss_mb_na"][str(totaal[0])] = rss_mb(server.p.pid)
        uit["check_wrk"] = wrk(args, poort)
        return uit
    finally:
        server.stop()


def tabel(s, p, load):
    def f(x, eenheid=""):
        return "—" if x is None else f"{x:g}{eenheid}"

    def ok(b, *fasen):
        if any(d.get(k, {}).get("fouten") for d in (s, p or {}) for k in fasen):
            return "ongeldig: foutantwoorden"
        return "gehaald" if b else "niet gehaald"

    rss = list(s["rss_mb_na"].items())
    rijen = [
        ("POST /api/check (buurtmoestuin)", "≥ 300/s", f(s["check"]["per_s"], "/s"), ok(s["check"]["per_s"] >= 300, "check")),
        ("", "p99 ≤ 50 ms", f"p50 {f(s['check']['p50_ms'])} ms, p99 {f(s['check']['p99_ms'])} ms",
         ok(s["check"]["p99_ms"] <= 50, "check")),
        ("POST /api/check met wrk (ter controle)", "≥ 300/s, p99 ≤ 50 ms",
         "—" if not s.get("check_wrk") else
         f"{f(s['check_wrk']['per_s'], '/s')}, p50 {f(s['check_wrk']['p50_ms'])} ms, p99 {f(s['check_wrk']['p99_ms'])} ms",
         "wrk niet geïnstalleerd" if not s.get("check_wrk") else
         ok(s["check_wrk"]["per_s"] >= 300 and s["check_wrk"]["p99_ms"] <= 50, "check_wrk")),
        ("PUT /api/aanvragen/{id} (duurzaam)", "≥ 150/s",
         f"{f(s['put']['per_s'], '/s')} (p50 {f(s['put']['p50_ms'])} ms, p99 {f(s['put']['p99_ms'])} ms)",
         ok(s["put"]["per_s"] >= 150, "put")),
        ("editorpagina /aanvragen/{id}/hoofdlijnen", "p99 ≤ 20 ms",
         f"p50 {f(s['pagina']['p50_ms'])} ms, p99 {f(s['pagina']['p99_ms'])} ms ({f(s['pagina']['per_s'], '/s')})",
         ok(s["pagina"]["p99_ms"] <= 20, "pagina")),
        ("editorpagina, 1 client", "p99 ≤ 20 ms",
         f"p50 {f(s['pagina_1']['p50_ms'])} ms, p99 {f(s['pagina_1']['p99_ms'])} ms",
         ok(s["pagina_1"]["p99_ms"] <= 20, "pagina_1")),
        ("pakket, één pakket (32 clients)", "p50 ≤ 30 ms",
         f"p50 {f(s['pakket']['p50_ms'])} ms, p99 {f(s['pakket']['p99_ms'])} ms ({f(s['pakket']['per_s'], '/s')})",
         ok(s["pakket"]["p50_ms"] <= 30, "pakket")),
        ("pakket, één pakket (1 client)", "p50 ≤ 30 ms",
         f"p50 {f(s['pakket_1']['p50_ms'])} ms, p99 {f(s['pakket_1']['p99_ms'])} ms",
         ok(s["pakket_1"]["p50_ms"] <= 30, "pakket_1")),
        (f"GET /api/cursussen/{{id}}/voortgang ({s['voortgang_rijen']} cursisten)", "p99 ≤ 50 ms",
         f"p50 {f(s['voortgang']['p50_ms'])} ms, p99 {f(s['voortgang']['p99_ms'])} ms ({f(s['voortgang']['per_s'], '/s')})",
         ok(s["voortgang"]["p99_ms"] <= 50, "voortgang")),
        ("voortgang, tweede ronde (cache gevuld)", "p99 ≤ 50 ms",
         f"p50 {f(s['voortgang_2']['p50_ms'])} ms, p99 {f(s['voortgang_2']['p99_ms'])} ms ({f(s['voortgang_2']['per_s'], '/s')})",
         ok(s["voortgang_2"]["p99_ms"] <= 50, "voortgang_2")),
        (f"cursuspagina /cursussen/{{id}} ({s.get('cursuspagina_rijen', '?')} rijen), eerste ronde", "p99 ≤ 50 ms",
         f"p50 {f(s['cursuspagina']['p50_ms'])} ms, p99 {f(s['cursuspagina']['p99_ms'])} ms ({f(s['cursuspagina']['per_s'], '/s')})",
         ok(s["cursuspagina"]["p99_ms"] <= 50, "cursuspagina")),
        ("cursuspagina, 1 client", "p99 ≤ 50 ms",
         f"p50 {f(s['cursuspagina_1']['p50_ms'])} ms, p99 {f(s['cursuspagina_1']['p99_ms'])} ms",
         ok(s["cursuspagina_1"]["p99_ms"] <= 50, "cursuspagina_1")),
        ("cursuspagina, tweede ronde (32 clients)", "p99 ≤ 50 ms",
         f"p50 {f(s['cursuspagina_2']['p50_ms'])} ms, p99 {f(s['cursuspagina_2']['p99_ms'])} ms ({f(s['cursuspagina_2']['per_s'], '/s')})",
         ok(s["cursuspagina_2"]["p99_ms"] <= 50, "cursuspagina_2")),
        ("editorpagina, 32 clients (doel van issue 21)", "p99 ≤ 50 ms", f"p99 {f(s['pagina']['p99_ms'])} ms",
         ok(s["pagina"]["p99_ms"] <= 50, "pagina")),
        ("cursuspagina, 32 clients (doel van issue 21)", "p99 ≤ 50 ms",
         f"p99 {f(s['cursuspagina']['p99_ms'])} ms en {f(s['cursuspagina_2']['p99_ms'])} ms",
         ok(max(s["cursuspagina"]["p99_ms"], s["cursuspagina_2"]["p99_ms"]) <= 50, "cursuspagina", "cursuspagina_2")),
        ("CPU per verzoek: editorpagina (1 client)", "≤ 2 ms", f(s["pagina_1"]["cpu_ms"], " ms"),
         ok(s["pagina_1"]["cpu_ms"] <= 2, "pagina_1")),
        (f"CPU per verzoek: cursuspagina ({s.get('cursuspagina_rijen', '?')} rijen, 1 client)", "≤ 3 ms",
         f(s["cursuspagina_1"]["cpu_ms"], " ms"), ok(s["cursuspagina_1"]["cpu_ms"] <= 3, "cursuspagina_1")),
        ("CPU per verzoek: hetzelfde pakket opnieuw (1 client)", "≤ 2 ms", f(s["pakket_1"]["cpu_ms"], " ms"),
         ok(s["pakket_1"]["cpu_ms"] <= 2, "pakket_1")),
        ("CPU per verzoek: GET /api/aanvragen/{id}/check (1 client)", "< 1 ms", f(s["checkversie_1"]["cpu_ms"], " ms"),
         ok(s["checkversie_1"]["cpu_ms"] < 1, "checkversie_1")),
        ("CPU per verzoek: POST /api/check (steeds dezelfde tekst: uit het geheugen)", "—", f(s["check"]["cpu_ms"], " ms"), ""),
        ("CPU per verzoek: /gezond (1 client), de bodem", "—", f(s["gezond_1"]["cpu_ms"], " ms"), ""),
        (f"VmRSS na {' / '.join(k for k, _ in rss)} verzoeken", "< 150 MB, groeit niet",
         " → ".join(f"{r:g} MB" for _, r in rss),
         ok(max(r for _, r in rss) < 150 and rss[-1][1] <= rss[-2][1] * 1.05, "check", "check_2", "check_3")),
    ]
    if p:
        rijen += [
            ("PostgreSQL: POST /api/check", "≥ 300/s, p99 ≤ 50 ms",
             f"{f(p['check']['per_s'], '/s')}, p50 {f(p['check']['p50_ms'])} ms, p99 {f(p['check']['p99_ms'])} ms",
             ok(p["check"]["per_s"] >= 300 and p["check"]["p99_ms"] <= 50)),
            ("PostgreSQL: PUT (duurzaam)", "≥ 150/s",
             f"{f(p['put']['per_s'], '/s')} (p50 {f(p['put']['p50_ms'])} ms, p99 {f(p['put']['p99_ms'])} ms)",
             ok(p["put"]["per_s"] >= 150)),
        ]
    w = [max(len(r[i]) for r in rijen) for i in range(4)]
    print()
    print(f"== server: {s['check']['clients']} clients op loopback; load average {load}")
    kop = ("meting (SQLite tenzij vermeld)", "doel", "gemeten", "")
    w = [max(w[i], len(kop[i])) for i in range(4)]
    for r in [kop] + rijen:
        print("  ".join(r[i].ljust(w[i]) for i in range(4)).rstrip())
    fouten = {k: v["fouten"] for d in (s, p or {}) for k, v in d.items() if isinstance(v, dict) and v.get("fouten")}
    if fouten:
        print(f"Let op: onverwachte antwoorden {fouten}: deze cijfers meten ook fouten.")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--vip", required=True)
    a.add_argument("--werk", required=True)
    a.add_argument("--sample", default="Samples/buurtmoestuin.yaml")
    a.add_argument("--postgres")
    a.add_argument("--json")
    a.add_argument("--clients", type=int, default=32)
    a.add_argument("--cursisten", type=int, default=30)
    a.add_argument("--check-n", type=int, default=10000)
    a.add_argument("--put-n", type=int, default=2000)
    a.add_argument("--pagina-n", type=int, default=3000)
    a.add_argument("--pakket-n", type=int, default=200)
    a.add_argument("--voortgang-n", type=int, default=1000)
    a.add_argument("--max-s", type=float, default=60)
    a.add_argument("--wrk-s", type=int, default=10)
    a.add_argument("--vorige", help="the previous release's vip: measured the same way, in the same run")
    args = a.parse_args()
    load_start = open("/proc/loadavg").read().split()[:3]
    v = None
    if args.vorige:
        # The previous release first, on its own data folder; a phase it cannot serve is "—".
        print(f"== vorige release ({args.vorige}), SQLite", flush=True)
        vargs = argparse.Namespace(**{**vars(args), "vip": args.vorige, "werk": os.path.join(args.werk, "vorige")})
        os.makedirs(vargs.werk, exist_ok=True)
        try:
            v = asyncio.run(meet(vargs))
        except (AssertionError, SystemExit, OSError, KeyError, ValueError) as e:
            print(f"   de vorige release kon niet alles meten: {e!r}", flush=True)
    print(f"== SQLite ({args.werk})", flush=True)
    s = asyncio.run(meet(args))
    p = None
    if args.postgres:
        print("== PostgreSQL", flush=True)
        p = asyncio.run(meet(args, database=args.postgres, alleen_opslag=True))
    load_eind = open("/proc/loadavg").read().split()[:3]
    load = f"{' '.join(load_start)} bij de start, {' '.join(load_eind)} aan het eind"
    tabel(s, p, load)
    if args.vorige:
        naast(s, v)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"sqlite": s, "postgresql": p, "vorige": v, "load": load, "cores": os.cpu_count()}, f, indent=1)


def naast(s, v):
    """The figures of issue 21 for this build beside the previous release's, from this run."""
    def g(d, fase, veld):
        x = (d or {}).get(fase, {})
        return None if not isinstance(x, dict) or x.get("fouten") else x.get(veld)

    def f(x, eenheid):
        return "—" if x is None else f"{x:g} {eenheid}"

    rijen = [
        ("CPU per verzoek: editorpagina (1 client)", "pagina_1", "cpu_ms", "ms", "≤ 2 ms"),
        ("CPU per verzoek: cursuspagina (1 client)", "cursuspagina_1", "cpu_ms", "ms", "≤ 3 ms"),
        ("CPU per verzoek: hetzelfde pakket opnieuw", "pakket_1", "cpu_ms", "ms", "≤ 2 ms"),
        ("CPU per verzoek: check van een versie", "checkversie_1", "cpu_ms", "ms", "< 1 ms"),
        ("CPU per verzoek: /gezond", "gezond_1", "cpu_ms", "ms", ""),
        ("editorpagina, 32 clients, p99", "pagina", "p99_ms", "ms", "≤ 50 ms"),
        ("cursuspagina, 32 clients, p99", "cursuspagina", "p99_ms", "ms", "≤ 50 ms"),
        ("POST /api/check, 32 clients", "check", "per_s", "/s", "≥ 300/s"),
        ("duurzame PUT, 32 clients", "put", "per_s", "/s", "≥ 150/s"),
    ]
    print()
    print("== naast de vorige release (dezelfde run, dezelfde machine)")
    kop = ("meting", "doel", "vorige release", "nu", "vorige ÷ nu")
    tabel_ = [kop]
    for naam, fase, veld, eenheid, doel in rijen:
        a, b = g(v, fase, veld), g(s, fase, veld)
        if a is None or b is None or not b:
            ratio = "—"
        elif eenheid == "/s":
            ratio = f"{b / a:.1f}× zoveel" if a else "—"
        else:
            ratio = f"{a / b:.1f}×"
        tabel_.append((naam, doel, f(a, eenheid), f(b, eenheid), ratio))
    w = [max(len(r[i]) for r in tabel_) for i in range(5)]
    for r in tabel_:
        print("  ".join(r[i].ljust(w[i]) for i in range(5)).rstrip())


if __name__ == "__main__":
    main()
