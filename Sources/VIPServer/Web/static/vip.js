// Van Idee naar Project: the page script. The pages work without it (plain forms); with it,
// a page saves and checks while the cursist types, budget rows are added without a reload,
// and a session that ends while someone types loses nothing. It only ever writes user text
// into the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var WACHTTIJD = 1200; // ms after the last keystroke before saving

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // ---- Amounts: Dutch notation, as the server reads a quoted amount ----
  function leesBedrag(tekst) {
    var s = (tekst || "").replace(/€|EUR|\s|\u00a0/g, "");
    if (!s) return null;
    var negatief = s.charAt(0) === "-";
    if (negatief) s = s.slice(1);
    if (!/^[0-9.,]+$/.test(s)) return null;
    if (s.indexOf(",") >= 0) { s = s.replace(/\./g, "").replace(",", "."); }
    else if ((s.match(/\./g) || []).length === 1 && /\.\d{3}$/.test(s)) { s = s.replace(".", ""); }
    else if ((s.match(/\./g) || []).length > 1) { s = s.replace(/\./g, ""); }
    var waarde = Math.round(parseFloat(s) * 100);
    if (isNaN(waarde)) return null;
    return negatief ? -waarde : waarde;
  }
  function toonBedrag(centen) {
    var negatief = centen < 0, abs = Math.abs(centen);
    var euros = String(Math.floor(abs / 100)), rest = abs % 100;
    euros = euros.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (negatief ? "-" : "") + "€\u00a0" + euros + "," + (rest < 10 ? "0" : "") + rest;
  }

  // ---- Budget: totals, and adding rows ----
  function herberekenBegroting(tabel) {
    var lopend = 0, ietsIngevuld = false;
    $$("tr.post", tabel).forEach(function (rij) {
      var pad = rij.getAttribute("data-item");
      var veld = function (naam) { return tabel.querySelector('[name="' + pad + "." + naam + '"]'); };
      var eigen = veld("bedrag"), aantal = veld("aantal"), prijs = veld("prijs");
      var bedrag = eigen && eigen.value.trim() ? leesBedrag(eigen.value) : null;
      if (bedrag === null && aantal && prijs && aantal.value.trim() && prijs.value.trim()) {
        var a = leesBedrag(aantal.value), p = leesBedrag(prijs.value);
        if (a !== null && p !== null) bedrag = Math.round(a * p / 100);
      }
      var uit = $("[data-bedrag-uit]", rij), lop = $("[data-lopend-uit]", rij);
      if (bedrag !== null) {
        lopend += bedrag; ietsIngevuld = true;
        uit.textContent = toonBedrag(bedrag); lop.textContent = toonBedrag(lopend);
      } else { uit.textContent = ""; lop.textContent = ""; }
    });
    var totaal = $("[data-totaal-uit]", tabel);
    if (totaal && ietsIngevuld) totaal.textContent = toonBedrag(lopend);
  }

  // ---- Realisatie: differences per post, running, per categorie and in total ----
  // The server shows the same figures (the verantwoording's); the script keeps them current
  // while the cursist types. A post without a werkelijk amount has no difference ("—").
  function toonVerschil(centen) {
    return centen === 0 ? toonBedrag(0) : (centen > 0 ? "+" : "\u2212") + toonBedrag(Math.abs(centen));
  }
  function herberekenRealisatie(tabel) {
    var lopend = 0, werkelijk = 0, begroot = 0;
    $$("tbody[data-categorie]", tabel).forEach(function (groep) {
      var w = 0, b = 0;
      $$("tr.realisatie-post", groep).forEach(function (rij) {
        var post = Number(rij.getAttribute("data-begroot")) || 0, bedrag = null;
        b += post;
        if (rij.hasAttribute("data-werkelijk")) {
          bedrag = Number(rij.getAttribute("data-werkelijk"));
        } else {
          var invoer = $("input[data-bedrag]", rij);
          if (invoer && invoer.value.trim()) bedrag = leesBedrag(invoer.value);
        }
        var verschil = $("[data-verschil-uit]", rij), lop = $("[data-lopend-uit]", rij);
        if (bedrag !== null) {
          w += bedrag; lopend += bedrag - post;
          verschil.textContent = toonVerschil(bedrag - post); lop.textContent = toonVerschil(lopend);
        } else { verschil.textContent = "\u2014"; lop.textContent = ""; }
      });
      var sub = $("tr[data-subtotaal]", groep);
      if (sub) {
        $("[data-werkelijk-uit]", sub).textContent = toonBedrag(w);
        $("[data-verschil-uit]", sub).textContent = toonVerschil(w - b);
      }
      werkelijk += w; begroot += b;
    });
    var tw = $("[data-totaal-werkelijk]", tabel), tv = $("[data-totaal-verschil]", tabel);
    if (tw) tw.textContent = toonBedrag(werkelijk);
    if (tv) tv.textContent = toonVerschil(werkelijk - begroot);
  }

  // A list of sections (partners, dekkingsplan, fondsen…): the empty entry at the end is
  // copied, numbered one higher, so there is always an empty one to fill in.
  function nieuwItem(lijst) {
    var leeg = $$("fieldset.item-nieuw", lijst).filter(function (f) { return f.parentNode === lijst; });
    if (!leeg.length) return null;
    var laatste = leeg[leeg.length - 1];
    var m = /\[(\d+)\]$/.exec(laatste.getAttribute("data-item") || "");
    if (!m) return null;
    var oud = Number(m[1]), volgende = oud + 1;
    var kopie = laatste.cloneNode(true);
    hernummer(kopie, oud, volgende);
    $$("input,textarea", kopie).forEach(function (el) { if (el.type !== "checkbox") el.value = ""; else el.checked = false; });
    $$("select", kopie).forEach(function (el) { el.selectedIndex = 0; });
    $$(".bevindingen li", kopie).forEach(function (li) { li.remove(); });
    laatste.classList.remove("item-nieuw");
    var legend = $("legend", laatste), hint = $("p.hint", laatste);
    var aantal = $$("fieldset.item", lijst).filter(function (f) { return f.parentNode === lijst; }).length;
    if (legend) legend.textContent = lijst.getAttribute("data-label") + " " + aantal;
    if (hint && /toe te voegen/.test(hint.textContent)) hint.remove();
    laatste.parentNode.insertBefore(kopie, laatste.nextSibling);
    return laatste;
  }

  function hernummer(kopie, oud, volgende) {
    var vervang = function (s) {
      return s.split("[" + oud + "]").join("[" + volgende + "]").split("-" + oud + "-").join("-" + volgende + "-");
    };
    var attrs = ["name", "id", "for", "data-item", "data-item-meer", "aria-describedby", "data-bevindingen-voor", "data-veld"];
    $$("[" + attrs.join("],[") + "]", kopie).concat([kopie]).forEach(function (el) {
      attrs.forEach(function (attr) {
        if (el.hasAttribute(attr)) el.setAttribute(attr, vervang(el.getAttribute(attr)));
      });
    });
  }

  function nieuweRij(tabel) {
    var nieuw = $$("tr.post-nieuw", tabel);
    if (nieuw.length < 2) return null;
    var laatste = nieuw[nieuw.length - 2], meer = nieuw[nieuw.length - 1];
    var pad = laatste.getAttribute("data-item");
    var m = /\[(\d+)\]$/.exec(pad);
    if (!m) return null;
    var oud = Number(m[1]), volgende = oud + 1;
    var kopieen = [laatste, meer].map(function (rij) {
      var kopie = rij.cloneNode(true);
      hernummer(kopie, oud, volgende);
      $$("input,textarea", kopie).forEach(function (el) { if (el.type !== "checkbox") el.value = ""; });
      // The row that was "Nieuwe post" is now post oud+1; the copy is the new empty one.
      $$("[aria-label]", rij).forEach(function (el) {
        el.setAttribute("aria-label", el.getAttribute("aria-label").replace("Nieuwe post:", "Post " + (oud + 1) + ":"));
      });
      $$("select", kopie).forEach(function (el) { el.selectedIndex = 0; });
      $$(".bevindingen li", kopie).forEach(function (li) { li.remove(); });
      return kopie;
    });
    // The row that was the empty one becomes a real row.
    laatste.classList.remove("post-nieuw"); meer.classList.remove("post-nieuw");
    var tbody = laatste.parentNode;
    tbody.appendChild(kopieen[0]); tbody.appendChild(kopieen[1]);
    return kopieen[0];
  }

  // ---- Saving while typing ----
  function Bewaarder(form) {
    this.form = form;
    this.timer = null;
    this.bezig = false;
    this.opnieuw = false;
    this.status = $("[data-status]", form);
    this.sleutel = "vip-concept:" + form.getAttribute("action");
  }
  // The form as the documented API takes it: PATCH /api/aanvragen/{id} with
  // {"pagina", "waarden": {pad: [tekst…]}} (the same fields the plain form posts).
  Bewaarder.prototype.verzoek = function () {
    var delen = (this.form.getAttribute("action") || "").split("/");
    var waarden = {};
    new FormData(this.form).forEach(function (waarde, naam) {
      if (typeof waarde !== "string" || naam === "csrf" || naam === "versie") return;
      (waarden[naam] = waarden[naam] || []).push(waarde);
    });
    return { id: delen[2], pagina: delen[3], waarden: waarden };
  };
  Bewaarder.prototype.bewaarConcept = function () {
    try {
      var waarden = {};
      $$("input[name],textarea[name],select[name]", this.form).forEach(function (el) {
        if (el.type === "hidden" || el.type === "file") return;
        waarden[el.name + (el.type === "checkbox" ? "=" + el.value : "")] = el.type === "checkbox" ? el.checked : el.value;
      });
      sessionStorage.setItem(this.sleutel, JSON.stringify(waarden));
    } catch (e) { /* storage full or off: the text stays in the page */ }
  };
  Bewaarder.prototype.zetConceptTerug = function () {
    var tekst = null;
    try { tekst = sessionStorage.getItem(this.sleutel); } catch (e) { return false; }
    if (!tekst) return false;
    var waarden = JSON.parse(tekst), veranderd = false, form = this.form;
    Object.keys(waarden).forEach(function (sleutel) {
      var i = sleutel.indexOf("=");
      if (typeof waarden[sleutel] === "boolean" && i > 0) {
        var naam = sleutel.slice(0, i), waarde = sleutel.slice(i + 1);
        $$("input[type=checkbox]", form).forEach(function (el) {
          if (el.name === naam && el.value === waarde && el.checked !== waarden[sleutel]) { el.checked = waarden[sleutel]; veranderd = true; }
        });
      } else {
        $$("[name]", form).forEach(function (el) {
          if (el.name === sleutel && el.type !== "hidden" && el.value !== waarden[sleutel]) { el.value = waarden[sleutel]; veranderd = true; }
        });
      }
    });
    return veranderd;
  };
  Bewaarder.prototype.meld = function (tekst, fout, goed) {
    if (!this.status) return;
    this.status.textContent = tekst;
    this.status.classList.toggle("fout", !!fout);
    this.status.classList.toggle("goed", !!goed);
  };
  Bewaarder.prototype.gewijzigd = function () {
    var self = this;
    this.bewaarConcept();
    this.meld("Nog niet opgeslagen…");
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.bewaar(); }, WACHTTIJD);
  };
  Bewaarder.prototype.bewaar = function () {
    var self = this;
    if (this.bezig) { this.opnieuw = true; return; }
    // While the login dialog waits, nothing goes out: with the old token such a save could
    // meet the new session cookie halfway through the login (403). The login saves it.
    if (wachtend) { wachtend = this; clearTimeout(this.timer); return; }
    this.bezig = true;
    this.meld("Bezig met opslaan…");
    var csrf = $("input[name=csrf]", this.form), versie = $("[data-versie]", this.form), v = this.verzoek();
    fetch("/api/aanvragen/" + encodeURIComponent(v.id), {
      method: "PATCH", credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/json",
                 "If-Match": '"' + (versie ? versie.value : "") + '"', "X-CSRF-Token": csrf ? csrf.value : "" },
      body: JSON.stringify({ pagina: v.pagina, waarden: v.waarden })
    }).then(function (antwoord) {
      return antwoord.json().catch(function () { return {}; }).then(function (json) {
        self.bezig = false;
        if (antwoord.status === 200) {
          $$("[data-versie]").forEach(function (el) { el.value = json.versie; });
          try { sessionStorage.removeItem(self.sleutel); } catch (e) { /* nothing kept */ }
          self.meld("Opgeslagen om " + json.opgeslagen, false, true);
          if (json.titel) $$("[data-aanvraag-titel]").forEach(function (el) { el.textContent = json.titel; });
          toonBevindingen(self.form, json);
        } else if (antwoord.status === 401 || antwoord.status === 403) {
          self.meld("Niet opgeslagen: u bent afgemeld. Uw tekst is bewaard in deze pagina.", true);
          vraagAanmelding(self);
        } else if (antwoord.status === 412 && antwoord.headers.get("ETag")) {
          // Saved elsewhere meanwhile: what was typed here stays; the next save builds on the new version.
          var nieuw = antwoord.headers.get("ETag").replace(/"/g, "");
          $$("[data-versie]").forEach(function (el) { el.value = nieuw; });
          self.meld("Deze aanvraag is intussen ergens anders gewijzigd. Wat u hier typte, staat nog in dit venster " +
                    "en is nog niet opgeslagen. Kijk het na en druk op Opslaan.", true);
        } else {
          self.meld(json.fout || "Niet opgeslagen (fout " + antwoord.status + "). Uw tekst staat er nog.", true);
        }
        if (self.opnieuw) { self.opnieuw = false; self.bewaar(); }
      });
    }).catch(function () {
      self.bezig = false;
      self.meld("Niet opgeslagen: geen verbinding met de server. Uw tekst staat er nog; wij proberen het zo opnieuw.", true);
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.bewaar(); }, 5000);
    });
  };

  // ---- Findings beside the fields ----
  function bevindingElement(b) {
    var li = document.createElement("li");
    li.className = "bevinding bevinding-" + b.ernst;
    li.setAttribute("data-regel", b.regel);
    var ernst = document.createElement("span");
    ernst.className = "ernst";
    ernst.textContent = b.ernstLabel;
    li.appendChild(ernst);
    li.appendChild(document.createTextNode(" " + b.melding));
    return li;
  }
  function toonBevindingen(form, json) {
    var main = $("main");
    var pagina = (form.getAttribute("action") || "").split("/").pop();
    $$("[data-bevindingen-voor]", main).forEach(function (ul) { ul.textContent = ""; });
    $$(".veld-met-bevinding", main).forEach(function (el) { el.classList.remove("veld-met-bevinding"); });
    var algemeen = $("[data-algemeen]", main), lijst = null;
    if (algemeen) {
      algemeen.textContent = "";
    }
    (json.bevindingen || []).forEach(function (b) {
      // A finding of another page counts here when this page shows its field too (the decision
      // of a fund on "Na het besluit" belongs to the dekkingsplan).
      if (b.pagina !== pagina && !main.querySelector('[data-bevindingen-voor="' + CSS.escape(b.pad) + '"]')) return;
      var doel = null, pad = b.pad;
      while (pad && !doel) {
        doel = main.querySelector('[data-bevindingen-voor="' + CSS.escape(pad) + '"]');
        if (doel) break;
        var punt = Math.max(pad.lastIndexOf("."), pad.lastIndexOf("["));
        pad = punt > 0 ? pad.slice(0, punt) : "";
      }
      if (!doel && algemeen) {
        if (!lijst) {
          var kop = document.createElement("h2");
          kop.className = "klein";
          kop.textContent = "Wat de checklist over dit onderdeel zegt";
          algemeen.appendChild(kop);
          lijst = document.createElement("ul");
          lijst.className = "bevindingen";
          algemeen.appendChild(lijst);
        }
        doel = lijst;
      }
      if (!doel) return;
      doel.appendChild(bevindingElement(b));
      // What waits for a later bijeenkomst is no error: the field is not marked for it.
      var veld = doel.closest("[data-veld]");
      if (veld && b.ernst !== "te-doen") veld.classList.add("veld-met-bevinding");
    });
    (json.delen || []).forEach(function (d) {
      var status = $('a[data-deel="' + d.slug + '"] .status');
      if (!status) return;
      status.textContent = d.status;
      status.className = "status " + (d.fouten > 0 ? "status-fout" : d.waarschuwingen > 0 ? "status-waarschuwing" : d.teDoen > 0 ? "status-te-doen" : "status-goed");
    });
  }

  // ---- A session that ended while typing ----
  var wachtend = null;
  function vraagAanmelding(bewaarder) {
    wachtend = bewaarder;
    var dialoog = $("#sessie-melding");
    if (!dialoog) return;
    dialoog.hidden = false;
    $("#sessie-email").focus();
  }
  function sessieFormulier() {
    var form = $("#sessie-formulier");
    if (!form) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var fout = $("#sessie-fout");
      fout.hidden = true;
      fetch("/api/sessie", {
        method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: $("#sessie-email").value, wachtwoord: $("#sessie-wachtwoord").value })
      }).then(function (antwoord) {
        return antwoord.json().then(function (json) {
          if (antwoord.status !== 200) {
            fout.textContent = json.fout || "Inloggen lukte niet.";
            fout.hidden = false;
            return;
          }
          $$("input[name=csrf]").forEach(function (el) { el.value = json.csrf; });
          $("#sessie-wachtwoord").value = "";
          $("#sessie-melding").hidden = true;
          if (wachtend) { var b = wachtend; wachtend = null; b.bewaar(); }
        });
      }).catch(function () { fout.textContent = "Geen verbinding met de server."; fout.hidden = false; });
    });
    document.addEventListener("keydown", function (e) {
      // Closed without logging in: the next save meets the ended session and asks again.
      if (e.key === "Escape" && !$("#sessie-melding").hidden) { $("#sessie-melding").hidden = true; wachtend = null; }
    });
  }

  // ---- Uploads: the limit is checked before the upload starts ----
  function uploadFormulieren() {
    $$("form[data-upload]").forEach(function (form) {
      var max = Number(form.getAttribute("data-max-bytes"));
      var input = $("input[type=file]", form), melding = $("[data-upload-melding]", form);
      var standaard = melding ? melding.textContent : "";
      function controleer() {
        var f = input.files && input.files[0];
        if (f && f.size > max) {
          var mb = (f.size / 1048576).toFixed(1).replace(".", ",");
          var tekst = "Dit bestand is " + mb + " MB; de grens is " + Math.round(max / 1048576) + " MB. Kies een kleiner bestand.";
          input.setCustomValidity(tekst);
          if (melding) { melding.textContent = tekst; melding.classList.add("fout-tekst"); }
          return false;
        }
        input.setCustomValidity("");
        if (melding) { melding.textContent = standaard; melding.classList.remove("fout-tekst"); }
        return true;
      }
      input.addEventListener("change", controleer);
      form.addEventListener("submit", function (e) { if (!controleer()) { e.preventDefault(); input.focus(); } });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sessieFormulier();
    uploadFormulieren();
    $$("form[data-autosave]").forEach(function (form) {
      var b = new Bewaarder(form);
      form.addEventListener("input", function () { b.gewijzigd(); });
      form.addEventListener("change", function () { b.gewijzigd(); });
      form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(b.timer); b.bewaar(); });
      if (b.zetConceptTerug()) {
        b.meld("Uw tekst die nog niet was opgeslagen, is teruggezet. Wij slaan hem nu op.");
        b.bewaar();
      }
      $$("fieldset.lijst[data-label]", form).forEach(function (lijst) {
        var knop = $$("[data-item-toevoegen]", lijst).filter(function (k) { return k.closest("fieldset.lijst") === lijst; })[0];
        if (!knop) return;
        knop.hidden = false;
        knop.addEventListener("click", function () {
          var item = nieuwItem(lijst);
          if (item) {
            var nieuw = item.nextSibling, eerste = nieuw && $("input,textarea,select", nieuw);
            if (eerste) eerste.focus();
          }
        });
      });
      var realisatie = $("table.realisatietabel", form);
      if (realisatie) {
        herberekenRealisatie(realisatie);
        form.addEventListener("input", function () { herberekenRealisatie(realisatie); });
      }
      var tabel = $("table.begrotingstabel", form);
      if (tabel) {
        herberekenBegroting(tabel);
        form.addEventListener("input", function () { herberekenBegroting(tabel); });
        var knop = $("[data-post-toevoegen]", form);
        if (knop) {
          knop.hidden = false;
          knop.addEventListener("click", function () {
            var rij = nieuweRij(tabel);
            if (rij) { var eerste = $("input,textarea", rij); if (eerste) eerste.focus(); }
          });
        }
      }
    });
  });
})();

/* Organisator */
// The new fund speed-date: "Meer fondsen" adds an empty fund block without a reload (without
// the script, the button posts the form and the server shows it again with more blocks).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var knop = document.querySelector("[data-meer-fondsen]");
    var houder = document.querySelector(".fonds-rijen");
    if (!knop || !houder) return;
    knop.addEventListener("click", function (e) {
      var rijen = houder.querySelectorAll("fieldset.fonds-rij");
      if (!rijen.length) return;
      e.preventDefault();
      var laatste = rijen[rijen.length - 1];
      var oud = laatste.getAttribute("data-rij");
      var nieuw = String(rijen.length);
      var rij = laatste.cloneNode(true);
      var voor = "fonds-" + oud + "-";
      function hernoem(waarde) { return waarde.split(voor).join("fonds-" + nieuw + "-"); }
      rij.id = "fonds-" + nieuw;
      rij.setAttribute("data-rij", nieuw);
      rij.querySelector("legend").textContent = "Fonds " + (rijen.length + 1);
      // A copied error message belongs to the old block.
      Array.prototype.slice.call(rij.querySelectorAll(".fout-tekst")).forEach(function (p) { p.parentNode.removeChild(p); });
      Array.prototype.slice.call(rij.querySelectorAll(".veld-met-bevinding")).forEach(function (v) {
        v.classList.remove("veld-met-bevinding");
      });
      Array.prototype.slice.call(rij.querySelectorAll("[id],[for],[name],[aria-describedby]")).forEach(function (el) {
        ["id", "for", "name"].forEach(function (a) { if (el.hasAttribute(a)) el.setAttribute(a, hernoem(el.getAttribute(a))); });
        if (el.hasAttribute("aria-describedby")) {
          el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").split(" ").filter(function (x) {
            return x && x.slice(-5) !== "-fout";
          }).map(hernoem).join(" "));
        }
        if (el.hasAttribute("aria-invalid")) el.setAttribute("aria-invalid", "false");
        if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") el.value = "";
      });
      houder.appendChild(rij);
      var eerste = rij.querySelector("input,textarea");
      if (eerste) eerste.focus();
    });
  });
})();

/* Review: counts the docent's choice of three aanvragen while she ticks them; the server
   checks the choice again, so without this script nothing changes but the counter. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-review-keuze]");
    var teller = form && form.querySelector("[data-review-teller]");
    if (!teller) return;
    var vakjes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="aanvraag"]'));
    function tel() {
      var n = vakjes.filter(function (v) { return v.checked; }).length;
      teller.textContent = n === 3 ? "U hebt drie aanvragen gekozen."
        : "U hebt " + n + " van de drie aanvragen gekozen" + (n > 3 ? "; dat zijn er te veel." : ".");
      teller.classList.toggle("goed", n === 3);
    }
    teller.hidden = false;
    vakjes.forEach(function (v) { v.addEventListener("change", tel); });
    tel();
  });
})();
