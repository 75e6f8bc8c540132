"""server.md, "Hostile clients": a connection whose headers are not complete within 30 s, or
whose body stalls for 30 s, is closed; an idle keep-alive connection after 75 s. SIGTERM or
SIGINT ends the process within 10 s whatever its requests are doing; nothing answered is lost."""
import signal
import socket
import threading
import time

from vijand import SAMPLE, Server, cursus_met_cursist, lees_antwoord


def tot_gesloten(s, max_s):
    """Seconds until the server closes `s` (reads and drops what it sends)."""
    begin = time.monotonic()
    s.settimeout(max_s)
    try:
        while True:
            if not s.recv(65536):
                return time.monotonic() - begin
    except ConnectionResetError:
        return time.monotonic() - begin
    except socket.timeout:
        return None


def test_trage_verbindingen_worden_gesloten():
    server = Server().start()
    try:
        uitkomst = {}

        def kop():
            with server.verbind() as s:
                # Headers that never end; a byte now and then does not keep them open.
                s.sendall(b"GET /gezond HTTP/1.1\r\nHost: x\r\n")
                begin = time.monotonic()
                s.settimeout(1)
                while time.monotonic() - begin < 45:
                    try:
                        s.sendall(b"X-Druppel: 1\r\n")
                        if s.recv(1) == b"":
                            break
                    except socket.timeout:
                        continue
                    except OSError:
                        break
                    time.sleep(5)
                uitkomst["kop"] = time.monotonic() - begin

        def body():
            with server.verbind() as s:
                s.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nformaat: vip")
                uitkomst["body"] = tot_gesloten(s, 60)

        def stil():
            with server.verbind() as s:
                # One whole request and its answer, then nothing: keep-alive idles out after 75 s.
                s.sendall(b"GET /gezond HTTP/1.1\r\nHost: x\r\n\r\n")
                assert lees_antwoord(s).status == 200
                uitkomst["stil"] = tot_gesloten(s, 110)

        draden = [threading.Thread(target=f) for f in (kop, body, stil)]
        for t in draden:
            t.start()
        for t in draden:
            t.join()
        assert uitkomst["kop"] is not None and 25 <= uitkomst["kop"] <= 40, uitkomst
        assert uitkomst["body"] is not None and 25 <= uitkomst["body"] <= 40, uitkomst
        assert uitkomst["stil"] is not None and 70 <= uitkomst["stil"] <= 90, uitkomst
        # The server still answers.
        assert server.vraag("GET", "/gezond").status == 200
    finally:
        server.stop()


def test_sigterm_tijdens_een_stilstaande_body_en_niets_verloren():
    server = Server().start()
    _, cursist, aanvraag = cursus_met_cursist(server)
    nieuw = SAMPLE + b"# na de PUT\n"
    r = cursist.vraag("PUT", f"/api/aanvragen/{aanvraag}", nieuw, {"If-Match": '"1"'})
    assert r.status == 200
    stil = server.verbind()
    stil.sendall(f"PUT /api/aanvragen/{aanvraag} HTTP/1.1\r\nHost: x\r\nCookie: {cursist.cookie}\r\n"
                 f"X-CSRF-Token: {cursist.csrf}\r\nIf-Match: \"2\"\r\nContent-Length: 50000\r\n\r\nformaat".encode())
    time.sleep(1)
    begin = time.monotonic()
    server.proces.send_signal(signal.SIGTERM)
    server.proces.wait(timeout=15)
    duur = time.monotonic() - begin
    stil.close()
    assert duur < 10.5, f"SIGTERM: het proces stopte na {duur:.1f} s"
    # Restarted on the same data: the answered save is there, the stalled one is not.
    server.start()
    r = cursist.vraag("GET", f"/api/aanvragen/{aanvraag}")
    # The session survived the restart (it is stored); the text is the answered version.
    assert r.status == 200 and r.body == nieuw and r.headers["etag"] == '"2"', r
    server.stop()


def test_een_vroeg_antwoord_sluit_de_verbinding_zonder_de_client_te_blokkeren():
    """A body refused by its Content-Length (sign-up takes 64 KiB) is answered at once with
    `Connection: close`, on a keep-alive request too. The rest of the body is read and dropped,
    so a client that goes on sending is never blocked in its send; a client that stops sending
    is closed after a few seconds, not after the 30 s of a stalled body."""
    server = Server().start()
    try:
        groot = 5 * 1024 * 1024
        with server.verbind() as s:
            s.sendall(b"POST /registreren HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      + f"Content-Length: {groot}\r\n\r\n".encode())
            s.sendall(b"a" * 4096)
            r = lees_antwoord(s)
            assert r.status == 413, r
            assert r.headers.get("connection") == "close", r.headers
            # The whole rest goes through (each sendall would block once the buffers are full).
            s.settimeout(20)
            for i in range(4096, groot, 1 << 20):
                s.sendall(b"a" * min(1 << 20, groot - i))
            assert tot_gesloten(s, 20) is not None

        with server.verbind() as s:
            s.sendall(b"POST /registreren HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      + f"Content-Length: {groot}\r\n\r\n".encode() + b"a" * 1000)
            assert lees_antwoord(s).status == 413
            gesloten = tot_gesloten(s, 25)
            assert gesloten is not None and gesloten < 25, gesloten

        # The server still answers, and a normal keep-alive request keeps its connection.
        with server.verbind() as s:
            s.sendall(b"GET /gezond HTTP/1.1\r\nHost: x\r\n\r\n")
            r = lees_antwoord(s)
            assert r.status == 200 and r.headers.get("connection") != "close", r.headers
    finally:
        server.stop()


def test_een_vroeg_antwoord_geldt_alleen_het_verzoek_dat_beantwoord_wordt():
    """Pipelining: while a complete first request is answered, the body of a second one may be
    arriving. That first answer is not early: it keeps the connection, and the second request
    is read whole and answered on it."""
    server = Server().start()
    try:
        body = b"formaat: vip-aanvraag/1\n" + b"# " + b"x" * 20000 + b"\n"
        kop = (b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
               + f"Content-Length: {len(body)}\r\n\r\n".encode())
        with server.verbind() as s:
            s.sendall(b"GET /gezond HTTP/1.1\r\nHost: x\r\n\r\n" + kop + body[:100])
            eerste = lees_antwoord(s)
            assert eerste.status == 200 and eerste.headers.get("connection") != "close", eerste.headers
            s.sendall(body[100:])
            tweede = lees_antwoord(s)
            assert tweede.status == 200, tweede
            assert b'"bevindingen"' in tweede.body, tweede.body[:200]
    finally:
        server.stop()
