import VIPModel

/// The valid baseline aanvraag that rule examples are laid over: the spec's example
/// (`spec/voorbeelden/steunpilaar.yaml`), which is "af" and gives no findings at all.
public enum Baseline {
    public static let yaml = #"""
formaat: vip-aanvraag/1
woordenlijst: [vadergroepen]

organisatie:
  naam: Stichting Steunpilaar
  rechtsvorm: stichting
  doelstelling: >
    De stichting heeft ten doel het bevorderen van de emancipatie en participatie
    van mannen en vaders in Amsterdam Nieuw-West, in het bijzonder door het
    versterken van de band tussen vaders en hun kinderen.
  opgericht: 2011-03-14
  kvk: "53012345"
  rsin: "850123458"
  anbi: true
  iban: NL91ABNA0417164300
  adres:
    straat: Pieter Calandlaan 12
    postcode: 1065 KH
    plaats: Amsterdam
  website: https://www.steunpilaar.example
  bestuur:
    - naam: Fatima Bouzid
      functie: voorzitter
    - naam: Joyce Mahabier
      functie: secretaris
    - naam: Hasan Yilmaz
      functie: penningmeester
  contactpersoon:
    naam: Naima El Amrani
    functie: projectcoördinator
    telefoon: "06 12345678"
    email: naima@steunpilaar.example
    bereikbaar: maandag tot en met donderdag van 10.00 tot 16.00 uur

project:
  titel: Vaders in Nieuw-West
  thema: [emancipatie, opvoeding, participatie]
  regio: Amsterdam Nieuw-West
  samenvatting: >
    Steunpilaar opent een wekelijks inloopspreekuur voor mannen in Slotervaart,
    organiseert acht voorlichtingsbijeenkomsten over opvoeding, geld en rechten,
    en geeft een cursus Nederlandse taal. Zo winnen we het vertrouwen van mannen
    die nu nergens met hun problemen terecht kunnen, en helpen we hen hun rol
    als vader en partner beter in te vullen.
  aanleiding: >
    Veel mannen van Marokkaanse, Turkse en Surinaamse afkomst in Slotervaart
    kampen met schulden, werkloosheid en spanningen in het gezin. Waar vrouwen
    elkaar inmiddels vinden in vrouwenorganisaties, praten mannen zelden over hun
    problemen: uit trots en uit angst voor wat anderen zeggen. Zij hangen rond in
    koffiehuizen en bereiken de reguliere hulpverlening niet of te laat.
  doel: >
    Mannen in Slotervaart een vertrouwde plek bieden waar zij hun problemen
    kunnen bespreken, hen ontlasten door hen in contact te brengen met de juiste
    instanties, en hen versterken in hun rol als vader.
  doelgroep:
    omschrijving: Mannen van 25 tot 65 jaar met een migratieachtergrond in Slotervaart.
    problematiek: >
      Schulden, werkloosheid, spanningen in het gezin, weinig contact met de
      kinderen en de school, en een grote drempel om hulp te vragen.
    onderbouwing:
      - In achterstandswijken zit 30% tot 40% van de bewoners in de gevarenzone of is al gemarginaliseerd (Giltay Veth, Het rendement van zalmgedrag, 2009, p. 15).
      - In een rondgang langs vijftien organisaties die met mannen werken noemde elk van hen de drempel om over problemen te praten als grootste knelpunt.
    omvang: 4500
  profijtgroep:
    omschrijving: Mannen die het spreekuur of een voorlichtingsbijeenkomst bezoeken.
    aantal: 60
  instroom: >
    Via de vijftien contactpersonen in moskeeën, koffiehuizen en zelforganisaties
    die zich met mannen bezighouden, en via mond-tot-mondreclame van bezoekers.
  doorstroom: >
    Bezoekers van het spreekuur worden naar de voorlichtingsbijeenkomsten en de
    taalcursus geleid, en waar nodig doorverwezen naar schuldhulp of het
    maatschappelijk werk.
  aanpak: [ontlasten, empoweren]
  werkwijze:
    omschrijving: >
      Laagdrempelige activiteiten in een vertrouwde omgeving, uitgevoerd door
      vrijwilligers die zelf uit de buurt komen, met een spreekuur in een
      afgezonderde ruimte zodat bezoekers niet gezien worden.
    motivering: >
      De mannen willen niet dat anderen zien dat zij hulp zoeken. Vertrouwen komt
      eerst; pas daarna kunnen zij over hun problemen praten.
  deskundigheid: >
    De initiatiefneemsters brengen ervaringsdeskundigheid in vanuit het perspectief
    van moeders en dochters, en een hbo-opleiding sociaal-juridische dienstverlening.
  positionering:
    bestaande_initiatieven:
      - naam: Buurtcentrum De Tagrijn
        wat: Activiteiten voor vrouwen en kinderen, geen aanbod voor mannen.
      - naam: Vadercentrum Adam
        wat: Opvoedingsondersteuning voor vaders in Amsterdam-Oost.
    verhouding: aanvullend
    toegevoegde_waarde: >
      Er is in Slotervaart geen laagdrempelig aanbod voor mannen; Steunpilaar vult
      dat aan en verwijst door naar bestaande hulp in plaats van die te vervangen.
  partners:
    - naam: Buurtcentrum De Tagrijn
      rol: stelt een afgezonderde spreekkamer beschikbaar
      status: toegezegd
    - naam: Stichting Gilde Amsterdam
      rol: taalvrijwilligers voor de cursus Nederlands
      status: in-gesprek
  projectleider: Naima El Amrani
  eindverantwoordelijke: Bestuur van Stichting Steunpilaar
  periode:
    start: 2011-09-01
    eind: 2012-06-30
  fasering: >
    Dit plan is de eerste fase. Bij succes volgen in een tweede fase
    vadergroepen en samenwerking met scholen.
  activiteiten:
    - naam: Inloopspreekuur
      omschrijving: Wekelijks spreekuur over juridische en andere kwesties.
      fase: ontlasten
      uitvoerders: [Naima El Amrani, Aarti Ramdin]
      uren: 160
      start: 2011-09-01
      eind: 2012-06-30
    - naam: Voorlichtingsbijeenkomsten
      omschrijving: Acht bijeenkomsten over opvoeding, geld, werk en rechten.
      fase: empoweren
      uitvoerders: [Aarti Ramdin, gastsprekers]
      uren: 64
      start: 2011-10-01
      eind: 2012-05-31
    - naam: Cursus Nederlandse taal
      omschrijving: Twintig lessen Nederlands voor mannen, in kleine groepen.
      fase: empoweren
      uitvoerders: [taalvrijwilligers van het Gilde]
      uren: 60
      start: 2012-01-09
      eind: 2012-06-15
  resultaten:
    - resultaat: 30 mannen bezoeken het spreekuur minstens twee keer.
      waarom: Een tweede bezoek laat zien dat er vertrouwen is ontstaan.
    - resultaat: 10 mannen zijn doorverwezen naar schuldhulp of maatschappelijk werk en zijn daar ook aangekomen.
      waarom: Ontlasten gaat vóór activeren.
    - resultaat: Gemiddeld 15 bezoekers per voorlichtingsbijeenkomst.
      waarom: Een groep van deze omvang maakt gesprek mogelijk.
  succesfactoren:
    - Een vertrouwde, afgezonderde ruimte.
    - Contactpersonen in moskeeën en koffiehuizen die de mannen kennen.
  faalfactoren:
    - Mannen durven niet te komen uit angst voor wat anderen zeggen.
    - Geen vaste ruimte na afloop van de toezegging van De Tagrijn.
  evaluatie:
    hoe: Bezoekersregistratie, een korte vragenlijst na elke bijeenkomst en een groepsgesprek aan het eind.
    wanneer: Na drie maanden en aan het eind van het project.
    door: De projectcoördinator samen met het bestuur.
  verslaglegging:
    door: De secretaris van het bestuur.
    wanneer: Binnen twee maanden na afloop.
    gebruik: Verantwoording aan de fondsen, publiciteit in de buurtkrant en basis voor de aanvraag van de tweede fase.
  vervolg: >
    Na afloop zoeken we een vaste ruimte en structurele samenwerking met het
    maatschappelijk werk; de tweede fase richt zich op vadergroepen.

begroting:
  posten:
    - post: Huur spreekkamer De Tagrijn
      categorie: huisvesting
      aantal: 40
      eenheid: dagdeel
      prijs: 25.00
      onderbouwing: offerte
      offerte: Offerte De Tagrijn
    - post: Zaalhuur voorlichtingsbijeenkomsten
      categorie: huisvesting
      aantal: 8
      eenheid: bijeenkomst
      prijs: 60.00
      onderbouwing: offerte
      offerte: Offerte De Tagrijn
    - post: Gastsprekers voorlichting
      categorie: deskundigheid
      aantal: 8
      eenheid: bijeenkomst
      prijs: 150.00
      onderbouwing: berekening
      toelichting: Vergoeding volgens het tarief van het Servicepunt voor gastsprekers.
    - post: Juridisch advies spreekuur (pro deo)
      categorie: deskundigheid
      aantal: 20
      eenheid: uur
      prijs: 75.00
      inzet: pro-deo
      onderbouwing: berekening
      toelichting: Een advocaat verleent pro deo twintig uur juridisch advies; zijn normale tarief is 75 euro per uur.
    - post: Lesmateriaal taalcursus
      categorie: materiaal
      aantal: 15
      eenheid: cursist
      prijs: 32.50
      onderbouwing: offerte
      offerte: Offerte boekhandel
    - post: Koffie, thee en versnaperingen
      categorie: activiteiten
      aantal: 68
      eenheid: bijeenkomst
      prijs: 12.50
      onderbouwing: berekening
    - post: Drukwerk en folders
      categorie: publiciteit
      aantal: 1
      eenheid: post
      prijs: 350.00
      onderbouwing: offerte
      offerte: Offerte drukkerij
    - post: Vrijwilligersvergoedingen
      categorie: vrijwilligers
      aantal: 4
      eenheid: vrijwilliger
      prijs: 150.00
      onderbouwing: berekening
      toelichting: Onkostenvergoeding binnen de fiscale vrijwilligersregeling.
    - post: Onvoorzien
      categorie: onvoorzien
      aantal: 1
      eenheid: post
      prijs: 200.00
      onderbouwing: schatting
  toelichting: >
    De bedragen voor huur, lesmateriaal en drukwerk zijn gebaseerd op offertes
    (bijgevoegd). De eigen inzet van de initiatiefneemsters is niet begroot.

dekkingsplan:
  - bron: Eigen bijdrage Stichting Steunpilaar
    soort: eigen-middelen
    bedrag: 250.00
    status: toegezegd
  - bron: Pro deo juridisch advies
    soort: natura
    bedrag: 1500.00
    status: toegezegd
  - bron: Bijdrage deelnemers taalcursus
    soort: deelnemersbijdrage
    bedrag: 150.00
    status: verwacht
  - fonds: Oranje Fonds
    bedrag: 2500.00
    status: aangevraagd
  - fonds: Skanfonds
    bedrag: 1767.50
    status: aangevraagd
  - bron: Stadsdeel Nieuw-West, buurtbudget
    soort: overheid
    bedrag: 500.00
    status: aangevraagd

fondsen:
  - naam: Oranje Fonds
    ter_attentie_van: mevrouw A. de Vries
    aanhef: Geachte mevrouw De Vries,
    adres:
      straat: Postbus 90
      postcode: 3500 AB
      plaats: Utrecht
    doelstelling: Sociale samenhang en participatie.
  - naam: Skanfonds
    ter_attentie_van: de heer B. Jansen
    aanhef: Geachte heer Jansen,
    adres:
      straat: Postbus 100
      postcode: 2501 CC
      plaats: Den Haag
    doelstelling: Participatie van kwetsbare mensen, zodat zij volwaardig mee kunnen doen.

bijlagen:
  - titel: Statuten van Stichting Steunpilaar
    soort: statuten
  - titel: Uittreksel Kamer van Koophandel
    soort: kvk-uittreksel
  - titel: Offerte De Tagrijn
    soort: offerte
  - titel: Offerte boekhandel
    soort: offerte
  - titel: Offerte drukkerij
    soort: offerte

brief:
  plaats: Amsterdam
  datum: 2011-06-15
  gecorrigeerd_door: Joyce Mahabier
  ondertekening:
    - naam: Fatima Bouzid
      functie: voorzitter
"""#

    /// The date the rule examples are checked on (`vip check --datum`): after the letter of
    /// 15 June 2011 was written, before the project starts on 1 September 2011.
    public static let datum = Datum(jaar: 2011, maand: 5, dag: 1)!

    /// The register the examples of the register's rules use (`vip check --register`): the
    /// baseline's two funds, and a regional fund it does not ask. Fictional entries.
    public static let registerYAML = #"""
formaat: vip-fondsenregister/1
fondsen:
  - naam: Oranje Fonds
    themas: [participatie, sociale samenhang]
    regio: [landelijk]
    bedrag: {min: 1000, max: 25000}
    beslistermijn_weken: 8
    aanvragen: doorlopend
    niet_voor: [structurele kosten, personeel]
  - naam: Skanfonds
    themas: [participatie, armoede]
    regio: [landelijk]
    bedrag: {min: 1000, max: 50000}
    beslistermijn_weken: 10
  - naam: Amsterdams Buurtfonds
    themas: [emancipatie, opvoeding]
    regio: [Amsterdam]
    bedrag: {max: 5000}
    beslistermijn_weken: 6
"""#

    public static var register: Fondsenregister {
        // A constant of this file; the register test reads it too.
        (try? FondsenregisterReader.parse(registerYAML, bestand: "baseline-register.yaml")) ?? Fondsenregister()
    }
}
