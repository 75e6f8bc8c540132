import Foundation

/// `vip init`: a new, complete and commented `aanvraag.yaml` that asks the course's
/// questions (L8187: wat, voor wie, met wie, hoe, met welk resultaat).
public enum Init {
    public static let schemaBestand = "vip-aanvraag.schema.json"

    public enum Fout: Error, Sendable, CustomStringConvertible {
        case bestaatAl(String)
        case schrijven(String, String)
        public var description: String {
            switch self {
            case .bestaatAl(let p):
                return "\(p) bestaat al; vip init overschrijft nooit een aanvraag. Kies een andere map: vip init MAP."
            case .schrijven(let p, let why):
                return "\(p) kan niet worden geschreven: \(why)"
            }
        }
    }

    /// Writes `aanvraag.yaml` (and the schema next to it, when absent) in `map`.
    /// Returns the written paths.
    @discardableResult
    public static func schrijf(in map: String) throws(Fout) -> [String] {
        let fm = FileManager.default
        let doel = (map as NSString).appendingPathComponent("aanvraag.yaml")
        let schema = (map as NSString).appendingPathComponent(schemaBestand)
        if fm.fileExists(atPath: doel) { throw .bestaatAl(doel) }
        do {
            try fm.createDirectory(atPath: map, withIntermediateDirectories: true)
        } catch {
            throw .schrijven(map, error.localizedDescription)
        }
        var geschreven: [String] = []
        // O_EXCL: never overwrite, not even a file that appeared a moment ago.
        for (pad, tekst) in [(doel, sjabloon), (schema, Schema.tekst)] {
            if pad == schema && fm.fileExists(atPath: schema) { continue }
            let fd = open(pad, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else {
                if pad == doel { throw .bestaatAl(doel) }
                continue
            }
            let bytes = Array(tekst.utf8)
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard n == bytes.count else { throw .schrijven(pad, String(cString: strerror(errno))) }
            geschreven.append(pad)
        }
        return geschreven
    }

    public static let sjabloon = #"""
# yaml-language-server: $schema=vip-aanvraag.schema.json
#
# Uw fondsaanvraag, volgens de cursus "Van Idee naar Project".
# Vul de velden in; lege velden mogen, `vip check aanvraag.yaml` zegt wat er nog ontbreekt.
# Een lege regel in een tekst begint een nieuwe alinea. Bedragen: 1250, 32.50 of "1.250,00".
# Datums: 2026-09-01 of 1-9-2026. Tekst met een dubbele punt zet u tussen aanhalingstekens.
formaat: vip-aanvraag/1

# Waarschuwingen of tips die u bewust laat staan, met de reden (een fout kan niet):
negeer: []
# Woorden die goed gespeld zijn maar die de spellingcontrole niet kent:
woordenlijst: []

organisatie:
  naam:                 # Wie bent u? Bijvoorbeeld: Stichting De Buurtkamer
  rechtsvorm:           # stichting, vereniging, stichting-in-oprichting of informele-groep
  doelstelling:         # De doelstelling uit de statuten: waarvoor bestaat uw organisatie?
  opgericht:            # Datum van oprichting
  kvk:                  # KvK-nummer, 8 cijfers
  rsin:                 # RSIN, 9 cijfers (staat op het KvK-uittreksel)
  anbi:                 # true als de Belastingdienst u als ANBI erkent
  iban:                 # Rekeningnummer van de organisatie
  adres:
    straat:
    postcode:
    plaats:
  website:
  logo:                 # Bijvoorbeeld logo.png, in dezelfde map als dit bestand
  bestuur:              # Houd bestuur en uitvoering gescheiden.
    - naam:
      functie:          # voorzitter, secretaris, penningmeester
  contactpersoon:       # Zorg dat de contactpersoon goed Nederlands spreekt.
    naam:
    functie:
    telefoon:
    email:
    bereikbaar:         # Wanneer? Bijvoorbeeld: dinsdag en donderdag van 9.00 tot 12.00 uur

project:
  titel:
  samenvatting:         # Wat gaat u doen, in vijf zinnen? Deze tekst komt in de brief.
  aanleiding:           # Waarom is het nodig, en waarom nu? (de urgentie)
  doel:                 # Wat wilt u bereiken?
  thema: []             # Bijvoorbeeld [participatie, opvoeding]; fondsen zoeken op thema.
  regio:                # Waar? Bijvoorbeeld: Amsterdam Nieuw-West
  doelgroep:            # Voor wie?
    omschrijving:       # Wie zijn het?
    problematiek:       # Met welke problemen hebben zij te maken?
    onderbouwing: []    # Cijfers en onderzoeksresultaten, met de bron.
    omvang:             # Hoeveel mensen horen bij de doelgroep?
  profijtgroep:         # Wie gaan er echt profijt van hebben, en hoeveel?
    omschrijving:
    aantal:
  instroom:             # Hoe komen de deelnemers binnen?
  doorstroom:           # Waar gaan zij daarna naartoe?
  uitstroom:            # Wanneer en hoe zijn zij klaar?
  aanpak: []            # [ontlasten, empoweren, activeren]: eerst ontlasten, dan empoweren, dan activeren.
  werkwijze:            # Hoe?
    omschrijving:
    motivering:         # En waarom zo?
  deskundigheid:        # Wat hebben wij in huis?
  positionering:        # Wat is er al, en wat voegt u toe?
    bestaande_initiatieven:
      - naam:
        wat:
    verhouding:         # aanvullend of alternatief
    toegevoegde_waarde:
  partners:             # Met wie? Je kunt de nood niet in je eentje lenigen.
    - naam:
      rol:
      status:           # toegezegd, in-gesprek of beoogd
  projectleider:
  eindverantwoordelijke:
  periode:
    start:
    eind:
  fasering:             # Begin klein: welke fase is dit?
  activiteiten:         # Wat gaat u doen, door wie, hoeveel uur, wanneer?
    - naam:
      omschrijving:
      fase:             # ontlasten, empoweren of activeren
      uitvoerders: []
      uren:
      start:
      eind:
  resultaten:           # Met welk resultaat? Maak het telbaar, en zeg waarom.
    - resultaat:
      waarom:
  succesfactoren: []
  faalfactoren: []
  evaluatie:            # Hoe, wanneer en door wie wordt het project geëvalueerd?
    hoe:
    wanneer:
    door:
  verslaglegging:       # Door wie, wanneer, en wat doet u met het verslag?
    door:
    wanneer:
    gebruik:
  vervolg:              # Wat zijn de vervolgstappen?

begroting:              # Vraag offertes op; geen natte-vingerwerk.
  posten:
    - post:
      categorie:        # Vrij, behalve: vrijwilligers, onvoorzien, exploitatie
      aantal:
      eenheid:
      prijs:
      inzet:            # betaald (standaard), pro-deo of eigen-vrijwilligers (eigen inzet: geen prijs)
      onderbouwing:     # offerte, berekening of schatting
      offerte:          # Titel van de offerte onder bijlagen
      toelichting:
  toelichting:          # Een toelichting op de begroting

dekkingsplan:           # Wie betaalt wat? Laat zien dat anderen ook meebetalen.
  - bron:
    soort:              # eigen-middelen, natura, deelnemersbijdrage, sponsor, overheid of overig
    bedrag:
    status:             # toegezegd, aangevraagd, verwacht of afgewezen
  - fonds:              # De naam van een fonds hieronder
    bedrag:
    status:

fondsen:                # Schrijf altijd meerdere fondsen aan.
  - naam:
    ter_attentie_van:   # Zoek van tevoren uit wie de contactpersoon is.
    aanhef:             # Bijvoorbeeld: Geachte mevrouw De Vries,
    adres:
      straat:
      postcode:
      plaats:
    doelstelling:       # Past uw project bij het fonds? Niet zeker? Bellen!

bijlagen:               # Statuten, KvK-uittreksel, jaarverslag en offertes.
  - titel:
    soort:              # statuten, kvk-uittreksel, jaarverslag, offerte of overig
    bestand:

brief:
  plaats:
  datum:
  inleiding:            # Leeg laten: vip schrijft zelf een inleiding.
  slot:
  gecorrigeerd_door:    # Laat de brief altijd corrigeren door iemand die goed Nederlands spreekt.
  ondertekening:
    - naam:
      functie:
"""#
}
