"""Mail through real mail servers on loopback (aiosmtpd): the reset flow end to end, an invitation,
the headers and parts parsed with Python's `email` package, STARTTLS and smtps with a self-signed
certificate and AUTH, `--sendmail` with a real msmtp, a mail server that is down while vip is
killed with -9, and two vip processes on one PostgreSQL database."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from email.utils import parsedate_to_datetime

import pytest

from postvak import POSTGRES, Sink, Vip, lees, link, onthoud_geheim, vrije_poort, wacht_tot

EXTERN = "https://vip.voorbeeld.nl"
AFZENDER = "Stichting Voorbeeld <vip@voorbeeld.nl>"
WACHTWOORD = "beheer-wachtwoord-1"


def mailopties(smtp):
    return ["--smtp", smtp, "--afzender", AFZENDER, "--extern-url", EXTERN]


def vergeten(vip, email):
    status, body, _ = vip.api().vraag("POST", "/api/wachtwoord-vergeten", {"email": email})
    assert status == 202, body
    return body


def herstel(vip, mail, pad="/wachtwoord-herstellen/"):
    adres = link(mail, pad)
    assert adres.startswith(EXTERN + pad), adres
    token = adres.rsplit("/", 1)[1]
    onthoud_geheim(token)
    return token


def test_herstel_van_begin_tot_eind_met_kop_en_delen():
    sink = Sink().start()
    vip = Vip(*mailopties(f"smtp://127.0.0.1:{sink.poort}"))
    try:
        vip.gebruiker("docent", "daan@voorbeeld.nl", "Daan van Ååß", WACHTWOORD)
        vip.start()
        # The same answer for an address without account, and no mail for it.
        assert vergeten(vip, "daan@voorbeeld.nl") == vergeten(vip, "niemand@voorbeeld.nl")
        berichten = sink.wacht(1, timeout=15)
        time.sleep(1.5)
        assert len(sink.berichten) == 1
        b = berichten[0]
        assert b["van"] == "vip@voorbeeld.nl" and b["aan"] == ["daan@voorbeeld.nl"]
        mail = lees(b)
        # RFC 5322 headers, decoded by Python's email package.
        assert mail["From"].addresses[0].display_name == "Stichting Voorbeeld"
        assert mail["From"].addresses[0].addr_spec == "vip@voorbeeld.nl"
        assert mail["To"].addresses[0].display_name == "Daan van Ååß"
        assert mail["To"].addresses[0].addr_spec == "daan@voorbeeld.nl"
        assert str(mail["Subject"]) == "Een nieuw wachtwoord voor Van Idee naar Project"
        assert re.fullmatch(r"<[^<>@\s]+@voorbeeld\.nl>", mail["Message-ID"])
        assert abs(time.time() - parsedate_to_datetime(mail["Date"]).timestamp()) < 120
        assert mail["MIME-Version"] == "1.0"
        assert mail.get_content_type() == "multipart/alternative"
        delen = [d.get_content_type() for d in mail.iter_parts()]
        assert delen == ["text/plain", "text/html"]
        for d in mail.iter_parts():
            assert d.get_content_charset() == "utf-8"
        tekst = mail.get_body(preferencelist=("plain",)).get_content()
        html = mail.get_body(preferencelist=("html",)).get_content()
        assert "Beste Daan van Ååß," in tekst and "U hebt gevraagd" in tekst and "een uur geldig" in tekst
        assert "Daan van Ååß" in html and 'lang="nl"' in html
        token = herstel(vip, mail)
        assert len(token) == 32 and EXTERN + "/wachtwoord-herstellen/" + token in html
        # The mail server saw one whole, well-formed message: every line ends in CRLF.
        assert b"\n" not in b["bytes"].replace(b"\r\n", b"")

        api = vip.api()
        status, body, _ = api.vraag("POST", "/api/wachtwoord-herstellen", {"token": token, "nieuw": "nieuw-wachtwoord-9"})
        assert status == 204, body
        onthoud_geheim("nieuw-wachtwoord-9")
        api.meld_aan("daan@voorbeeld.nl", "nieuw-wachtwoord-9")
        assert api.vraag("POST", "/api/wachtwoord-herstellen", {"token": token, "nieuw": "nog-een-wachtwoord"})[0] == 404
    finally:
        vip.stop()
        sink.stop()


def test_uitnodiging_door_de_beheerder():
    sink = Sink().start()
    vip = Vip(*mailopties(f"smtp://127.0.0.1:{sink.poort}"))
    try:
        vip.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea Beheer", WACHTWOORD)
        vip.start()
        api = vip.api().meld_aan("beheer@voorbeeld.nl", WACHTWOORD)
        status, body, _ = api.vraag("POST", "/api/gebruikers", {"email": "docent@voorbeeld.nl", "naam": "Daan", "rol": "docent"})
        assert status == 201 and json.loads(body)["link"] is None, body
        mail = lees(sink.wacht(1)[0])
        assert str(mail["Subject"]) == "Uw account bij Van Idee naar Project"
        tekst = mail.get_body(preferencelist=("plain",)).get_content()
        assert "Bea Beheer heeft een account voor u gemaakt" in tekst and "als docent" in tekst
        token = herstel(vip, mail, "/wachtwoord-instellen/")
        docent = vip.api()
        assert docent.vraag("POST", "/api/wachtwoord-herstellen", {"token": token, "nieuw": "docent-wachtwoord-1"})[0] == 204
        onthoud_geheim("docent-wachtwoord-1")
        docent.meld_aan("docent@voorbeeld.nl", "docent-wachtwoord-1")
        # The outbox after sending: nothing waiting, nothing failed.
        status, body, _ = api.vraag("GET", "/api/beheer/mail")
        assert json.loads(body) == {"ingesteld": True, "wachtend": 0, "mislukt": []}
    finally:
        vip.stop()
        sink.stop()


@pytest.mark.parametrize("soort", ["starttls", "smtps"])
def test_tls_met_eigen_certificaat_en_aanmelding(soort, cert):
    sink = Sink(starttls=soort == "starttls", tls=soort == "smtps", gebruiker="vip-mailer", wachtwoord="smtp-geheim-1",
                cert=cert).start()
    schema = "smtp" if soort == "starttls" else "smtps"
    onthoud_geheim("smtp-geheim-1")
    vip = Vip(*mailopties(f"{schema}://vip-mailer@localhost:{sink.poort}"), "--smtp-ca", cert[0],
              env={"VIP_SMTP_WACHTWOORD": "smtp-geheim-1"})
    try:
        vip.gebruiker("docent", "daan@voorbeeld.nl", "Daan", WACHTWOORD)
        vip.start()
        vergeten(vip, "daan@voorbeeld.nl")
        b = sink.wacht(1)[0]
        assert b["tls"] and b["login"] == "vip-mailer"
        herstel(vip, lees(b))
    finally:
        vip.stop()
        sink.stop()


def test_tls_met_onbekend_certificaat_wordt_niet_verstuurd(cert):
    """Without --smtp-ca the self-signed certificate is not trusted: nothing is sent, and the
    beheerder sees why."""
    sink = Sink(starttls=True, cert=cert).start()
    vip = Vip(*mailopties(f"smtp://localhost:{sink.poort}"))
    try:
        vip.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea", WACHTWOORD)
        vip.start()
        vergeten(vip, "beheer@voorbeeld.nl")
        api = vip.api().meld_aan("beheer@voorbeeld.nl", WACHTWOORD)
        time.sleep(3)
        assert sink.berichten == []
        status, body, _ = api.vraag("GET", "/api/beheer/mail")
        assert json.loads(body)["wachtend"] == 1
    finally:
        vip.stop()
        sink.stop()


def test_sendmail_met_msmtp():
    """`--sendmail` with Debian's msmtp, configured (in its own HOME) to deliver to the sink."""
    msmtp = shutil.which("msmtp")
    assert msmtp, "msmtp ontbreekt (make setup-test installeert het)"
    sink = Sink().start()
    thuis = tempfile.mkdtemp(prefix="vip-msmtp-")
    rc = os.path.join(thuis, ".msmtprc")
    with open(rc, "w") as f:
        f.write(f"account default\nhost 127.0.0.1\nport {sink.poort}\nauth off\ntls off\nfrom vip@voorbeeld.nl\n")
    os.chmod(rc, 0o600)
    vip = Vip("--sendmail", msmtp, "--afzender", AFZENDER, "--extern-url", EXTERN, env={"HOME": thuis})
    try:
        vip.gebruiker("docent", "daan@voorbeeld.nl", "Daan", WACHTWOORD)
        vip.start()
        vergeten(vip, "daan@voorbeeld.nl")
        b = sink.wacht(1)[0]
        assert b["aan"] == ["daan@voorbeeld.nl"]
        mail = lees(b)
        assert mail.get_content_type() == "multipart/alternative"
        herstel(vip, mail)
    finally:
        vip.stop()
        sink.stop()


def test_mailserver_weg_kill9_mailserver_terug_precies_een_mail():
    poort = vrije_poort()
    vip = Vip(*mailopties(f"smtp://127.0.0.1:{poort}"))
    sink = Sink(poort=poort)
    try:
        vip.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea", WACHTWOORD)
        vip.start()
        vergeten(vip, "beheer@voorbeeld.nl")
        # The first attempt fails (nothing listens); the mail waits.
        log = vip.log.name
        assert wacht_tot(lambda: "uitkomst=later" in open(log).read(), timeout=15), open(log).read()
        vip.kill9()
        sink.start()
        time.sleep(1)
        assert sink.berichten == []
        # The restarted server looks at the outbox at once.
        vip2 = Vip(*mailopties(f"smtp://127.0.0.1:{poort}"), data=vip.map)
        vip2.start()
        try:
            sink.wacht(1, timeout=15)
            time.sleep(3)
            assert len(sink.berichten) == 1
            api = vip2.api().meld_aan("beheer@voorbeeld.nl", WACHTWOORD)
            assert json.loads(api.vraag("GET", "/api/beheer/mail")[1])["wachtend"] == 0
            herstel(vip2, lees(sink.berichten[0]))
        finally:
            vip2.stop()
    finally:
        if vip.proces.poll() is None:
            vip.kill9()
        sink.stop()


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL niet beschikbaar (VIP_TEST_POSTGRES ontbreekt; gebruik make test-postgres)")
def test_twee_processen_op_een_postgresql_elke_mail_eenmaal():
    import uuid
    sink = Sink().start()
    db = POSTGRES + ("&" if "?" in POSTGRES else "?") + "schema=m_" + uuid.uuid4().hex
    a = Vip(*mailopties(f"smtp://127.0.0.1:{sink.poort}"), database=db)
    b = Vip(*mailopties(f"smtp://127.0.0.1:{sink.poort}"), database=db)
    try:
        a.gebruiker("beheerder", "beheer@voorbeeld.nl", "Bea", WACHTWOORD)
        a.start()
        b.start()
        apis = [a.api().meld_aan("beheer@voorbeeld.nl", WACHTWOORD), b.api().meld_aan("beheer@voorbeeld.nl", WACHTWOORD)]
        n = 40
        for i in range(n):
            status, body, _ = apis[i % 2].vraag("POST", "/api/gebruikers",
                                                {"email": f"docent{i}@voorbeeld.nl", "naam": f"Docent {i}", "rol": "docent"})
            assert status == 201, body
        sink.wacht(n, timeout=30)
        time.sleep(3)
        berichten = sink.berichten
        assert len(berichten) == n
        assert sorted(x["aan"][0] for x in berichten) == sorted(f"docent{i}@voorbeeld.nl" for i in range(n))
        assert len({lees(x)["Message-ID"] for x in berichten}) == n
    finally:
        for v in (a, b):
            v.stop()
        sink.stop()
