import VIPChecklist
import VIPModel

/// The docent's view of one aanvraag: its findings, a score and three verbeterpunten.
public struct Beoordeling: Sendable {
    public var bestand: String
    public var bevindingen: [Bevinding]

    public init(bestand: String, bevindingen: [Bevinding]) {
        self.bestand = bestand
        self.bevindingen = bevindingen
    }

    /// The formula, as printed on the docentenblad.
    public static let formule = "score = 100 − 10 × fouten − 3 × waarschuwingen − 1 × tips, niet lager dan 0; "
        + "bevindingen die de aanvrager met `negeer:` en een reden heeft uitgezet tellen niet mee"

    /// Score from the checklist findings, higher is better:
    /// `max(0, 100 − 10·fouten − 3·waarschuwingen − 1·tips)`, suppressed findings not counted.
    /// The weights follow the severities' meaning: a fout makes the aanvraag not "af", a
    /// waarschuwing is what a fund will likely mark down, a tip is advice.
    public var score: Int {
        let telt = bevindingen.filter { !$0.onderdrukt }
        let fouten = telt.filter { $0.ernst == .fout }.count
        let waarschuwingen = telt.filter { $0.ernst == .waarschuwing }.count
        let tips = telt.filter { $0.ernst == .tip }.count
        return max(0, 100 - 10 * fouten - 3 * waarschuwingen - tips)
    }

    /// Three verbeterpunten: advice for the rules behind the most serious findings (fouten
    /// first, then by the weight of the rule for a fund, then by where the rule stands in the
    /// checklist), one per rule; when there are fewer than three, general advice from the course.
    public var verbeterpunten: [String] {
        let volgorde = Dictionary(uniqueKeysWithValues: Catalogus.alle.enumerated().map { ($1.id, $0) })
        let telt = bevindingen.filter { !$0.onderdrukt }
        let gesorteerd = telt.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            let ka = (a.ernst, -Advies.gewicht(a.regel), volgorde[a.regel] ?? Int.max, x.offset)
            let kb = (b.ernst, -Advies.gewicht(b.regel), volgorde[b.regel] ?? Int.max, y.offset)
            if ka.0 != kb.0 { return ka.0 < kb.0 }
            if ka.1 != kb.1 { return ka.1 < kb.1 }
            if ka.2 != kb.2 { return ka.2 < kb.2 }
            return ka.3 < kb.3
        }.map(\.element)
        var punten: [String] = []
        var regels = Set<String>()
        for b in gesorteerd where punten.count < 3 && regels.insert(b.regel).inserted {
            punten.append(Advies.voor(b.regel))
        }
        for algemeen in Advies.algemeen where punten.count < 3 && !punten.contains(algemeen) {
            punten.append(algemeen)
        }
        return punten
    }
}

/// Verbeterpunten in plain words, per checklist rule: what the applicant should do, as a
/// participant of the course could say it, not the rule's technical message.
public enum Advies {
    /// How much a rule weighs for a fund, among findings of the same severity (default 1).
    /// The core of a project plan (need, target group, approach, money) comes before form.
    static func gewicht(_ regel: String) -> Int {
        switch regel {
        case "urgentie", "doel", "doelgroep", "dekking_sluitend", "geen_structurele_kosten", "werkwijze",
             "begroting", "dekkingsplan", "activiteiten", "resultaten": return 3
        case "evaluatie", "verslaglegging", "toelichting_begroting", "offerte_bijgevoegd", "geen_eigen_inzet",
             "natura_gedekt", "profijtgroep_binnen_doelgroep", "cofinanciering", "post_onderbouwd",
             "werkwijze_motivering", "deskundigheid", "positionering", "doelgroep_onderbouwd", "partners",
             "projectleiding", "bestuur_en_uitvoering", "eerst_ontlasten", "meerdere_fondsen": return 2
        case "spelling", "gecorrigeerd", "fonds_geadresseerd", "fonds_doelstelling", "brief_lengte": return 1
        default: return 1
        }
    }

    static let teksten: [String: String] = [
        "verplichte_velden": "Vul alle basisgegevens in (naam, adres, titel, en bij elke post, bron en bijlage wat erbij hoort): een fonds legt een onvolledige aanvraag meteen weg.",
        "doelstelling_organisatie": "Neem de doelstelling van de organisatie op, zoals die in de statuten staat, zodat het fonds ziet dat het project daarbij past.",
        "rechtsvorm": "Vermeld de rechtsvorm van de organisatie (stichting, vereniging, in oprichting of informele groep); fondsen steunen vaak alleen rechtspersonen.",
        "kvk_nummer": "Vermeld het KvK-nummer van de organisatie; daarmee laat u zien dat zij echt bestaat.",
        "iban": "Vermeld een juist rekeningnummer (IBAN) op naam van de organisatie, zodat het fonds kan uitbetalen.",
        "rsin": "Controleer het RSIN-nummer; noem het als de organisatie een ANBI is.",
        "postcode": "Schrijf de postcode in de gewone vorm (1234 AB).",
        "contactpersoon": "Noem één contactpersoon met functie, telefoonnummer of e-mailadres en wanneer die bereikbaar is: fondsen haken af als niemand terugbelt.",
        "contactgegevens": "Controleer het telefoonnummer en het e-mailadres: het fonds moet u in één keer kunnen bereiken.",
        "bestuur": "Noem de bestuursleden met hun functie; een fonds wil weten wie verantwoordelijk is.",
        "bestuur_en_uitvoering": "Houd bestuur en uitvoering gescheiden: laat het werk doen door anderen dan de bestuursleden, zodat het bestuur toezicht kan houden.",
        "familie_in_bestuur": "Leg uit dat bestuursleden met dezelfde achternaam geen familie zijn, of zorg voor een onafhankelijker bestuur.",
        "samenvatting": "Begin met een korte samenvatting van het project: wat, voor wie, waar en wanneer, in een paar zinnen.",
        "urgentie": "Maak duidelijk waarom het project nodig is: beschrijf de nood en waarom juist nu iets moet gebeuren.",
        "doel": "Schrijf op wat het project moet bereiken voor de doelgroep, zo concreet dat u later kunt nagaan of het gelukt is.",
        "doelgroep": "Beschrijf de doelgroep en de problemen waar zij mee te maken heeft.",
        "doelgroep_onderbouwd": "Onderbouw de doelgroep met cijfers en een bron (wijkprofiel, CBS, eigen wachtlijst), niet alleen met een indruk.",
        "profijtgroep": "Zeg hoeveel mensen het project echt bereikt (de profijtgroep) en wie dat zijn.",
        "profijtgroep_binnen_doelgroep": "Maak de aantallen kloppend: het project kan niet meer mensen bereiken dan de doelgroep groot is.",
        "activiteiten": "Beschrijf elke activiteit met een naam en wat er gebeurt.",
        "werkwijze": "Beschrijf de werkwijze: hoe pakt u de activiteiten aan, met wie en hoe vaak?",
        "werkwijze_motivering": "Leg uit waarom deze werkwijze past bij de doelgroep; een fonds wil zien dat u over de aanpak hebt nagedacht.",
        "uitvoerders": "Zeg bij elke activiteit wie haar uitvoert (namen of rollen, zoals vrijwilligers of een trainer).",
        "projectleiding": "Noem de projectleider en wie eindverantwoordelijk is; een capabele projectleider is voor fondsen een vereiste.",
        "partners": "Zoek samenwerkingspartners en noem ze met hun rol: u kunt de nood niet in uw eentje lenigen.",
        "periode": "Geef de start- en einddatum van het project.",
        "activiteit_in_periode": "Zorg dat de data van de activiteiten binnen de projectperiode vallen.",
        "planning_per_activiteit": "Maak een planning: zet per activiteit het aantal uren en de start- en einddatum in een tabel.",
        "resultaten": "Noem de resultaten die u verwacht.",
        "resultaten_motivering": "Zeg bij elk resultaat waarom u het verwacht en waarom het ertoe doet.",
        "resultaten_meetbaar": "Maak de resultaten meetbaar met een getal (\"20 van de 24 deelnemers halen het diploma\"), zodat u bij de evaluatie kunt nagaan of ze gehaald zijn.",
        "evaluatie": "Beschrijf hoe, wanneer en door wie het project wordt geëvalueerd.",
        "verslaglegging": "Zeg wie wanneer verslag doet aan de fondsen en waarvoor u het verslag gebruikt; fondsen vinden dat erg belangrijk.",
        "succes_en_faalfactoren": "Noem wat nodig is om het project te laten slagen en wat het kan doen mislukken, met wat u daartegen doet.",
        "vervolgstappen": "Beschrijf wat er na afloop van het project gebeurt: hoe gaat het verder zonder deze bijdrage?",
        "deskundigheid": "Laat zien wat u in huis hebt: welke ervaring en deskundigheid hebben de uitvoerders?",
        "positionering": "Noem de bestaande initiatieven voor deze doelgroep en leg uit wat uw project daaraan toevoegt.",
        "instroom": "Beschrijf hoe deelnemers binnenkomen en hoe zij daarna echt profijt hebben (instroom en doorstroom).",
        "eerst_ontlasten": "Spring niet meteen naar activeren: begin met ontlasten en empoweren, zodat de deelnemers kunnen meedoen.",
        "fase_per_activiteit": "Geef bij elke activiteit aan welke fase zij dient: ontlasten, empoweren of activeren.",
        "afbakening": "Breng het project terug tot haalbare proporties: kies één werkveld en een paar activiteiten, en overweeg een fasering.",
        "begroting": "Stel een begroting op met alle kosten per post.",
        "post_bedrag": "Reken elke begrotingspost na: aantal maal prijs moet het bedrag zijn.",
        "geen_eigen_inzet": "Zet de eigen inzet van vrijwilligers niet als betaalde uren op de begroting; vraag hooguit een onkostenvergoeding.",
        "natura_gedekt": "Zet gratis professioneel werk zowel bij de kosten als in de dekking als bijdrage in natura, met hetzelfde bedrag.",
        "post_onderbouwd": "Onderbouw de grote posten van de begroting met een offerte of een berekening; een fonds herkent natte-vingerwerk.",
        "offerte_bijgevoegd": "Voeg de offertes toe waarop de begroting steunt.",
        "geen_structurele_kosten": "Vraag geld voor het project, niet voor vaste lasten of een exploitatietekort: fondsen betalen geen structurele kosten.",
        "toelichting_begroting": "Schrijf een toelichting bij de begroting: waarop zijn de bedragen gebaseerd?",
        "onvoorzien": "Houd de post onvoorzien klein (hooguit ongeveer 10% van de begroting).",
        "dekkingsplan": "Maak een dekkingsplan: wie betaalt welk deel van de kosten?",
        "dekking_sluitend": "Laat de begroting en het dekkingsplan op hetzelfde bedrag uitkomen: zoek aanvullende dekking of verlaag de kosten.",
        "cofinanciering": "Vraag niet één fonds om alles te betalen: laat zien dat ook anderen meebetalen (eigen middelen, een tweede fonds, sponsors, de gemeente).",
        "toezeggingen": "Probeer eerst een toezegging te krijgen (van een partner, de gemeente of uit eigen middelen): dan gaan deuren bij fondsen makkelijker open.",
        "aanvullende_bronnen": "Zoek naast fondsen ook andere bronnen: sponsoring, lokale partners, een deelnemersbijdrage of eigen middelen.",
        "meerdere_fondsen": "Schrijf meerdere fondsen aan en verdeel het gevraagde bedrag.",
        "fondsen_consistent": "Zorg dat elk fonds in het dekkingsplan ook in de lijst van aangeschreven fondsen staat, en omgekeerd.",
        "fonds_geadresseerd": "Zoek uit wie de contactpersoon bij het fonds is en richt de brief aan die persoon, met de juiste aanhef en het adres.",
        "fonds_doelstelling": "Kies fondsen waarvan de doelstelling bij het project past, en bel bij twijfel het fonds.",
        "bijlagen_wettelijk": "Voeg de statuten, een uittreksel van de KvK en het laatste jaarverslag bij.",
        "andere_organisatie": "Leg bij een bijlage van een andere organisatie uit waarom die erbij zit en hoe de organisaties samenhangen.",
        "ondertekening": "Laat de brief ondertekenen door een bestuurslid, dat namens de organisatie tekent.",
        "brief_lengte": "Maak de brief ongeveer twee A4 lang: vertel concreet over de achtergrond van het probleem en over het project.",
        "spelling": "Laat de tekst nakijken op spelling; fouten geven een slordige indruk.",
        "gecorrigeerd": "Laat de brief corrigeren door iemand die goed Nederlands spreekt.",
    ]

    /// General advice from the course (bijeenkomst 4, "Tips die je kunt geven bij de communicatie
    /// met fondsen", L8954–9012), for an aanvraag with fewer than three findings.
    public static let algemeen = [
        "Lees de aanvraag door de bril van een fonds: is in één keer duidelijk wat het probleem is, wat u gaat doen, voor wie, en wat het kost?",
        "Niet zeker of u binnen de doelstellingen van een fonds valt? Bel het fonds voordat u de aanvraag instuurt, en zorg dat u daarna goed bereikbaar bent.",
        "Stuur na een toekenning een bedankbrief en later een verslag over het project: dan weet het fonds dat het geld goed is besteed.",
    ]

    /// The advice for a rule; for a rule without its own text, its description from the checklist.
    public static func voor(_ regel: String) -> String {
        if let tekst = teksten[regel] { return tekst }
        if let r = Catalogus.alle.first(where: { $0.id == regel }) {
            return "Werk dit punt bij (\(r.onderdeel.lowercased())): \(r.beschrijving)"
        }
        return "Loop dit onderdeel van de aanvraag na met de checklist (\(regel))."
    }
}
