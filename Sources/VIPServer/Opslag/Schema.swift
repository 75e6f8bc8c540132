import Foundation

/// One stored table as the rest of the program sees it: its columns with their kinds and the
/// schema version that brought each, and the order of its rows (the primary key).
public struct Tabel: Sendable {
    public enum Soort: Sendable { case geheel, tekst, bytes }

    public struct Kolom: Sendable {
        public var naam: String
        public var soort: Soort
        /// The migration that added the column.
        public var sinds: Int
        /// Derived from the other columns and computed again where needed, or short-lived state
        /// (an outbox lease): not exported.
        public var afgeleid: Bool
    }

    public var naam: String
    public var kolommen: [Kolom]
    public var volgorde: String
    /// The migration that added the table.
    public var sinds: Int
    /// Rows that stay behind on a move (`vip server exporteer`): short-lived state.
    public var achterblijvend: Bool

    /// An identity column `id` whose counter must follow the imported rows (PostgreSQL).
    public var heeftId: Bool { kolommen.first?.naam == "id" }

    /// The columns a dump of schema version `versie` carries.
    public func overgedragen(in versie: Int) -> [Kolom] { kolommen.filter { !$0.afgeleid && $0.sinds <= versie } }
}

/// The schema as it stands after the last migration, described once: the export's table list
/// comes from here, and a contract test holds both engines' migrated schema against it (every
/// table and column, and no other).
public enum Schema {
    static func k(_ naam: String, _ soort: Tabel.Soort, sinds: Int = 1, afgeleid: Bool = false) -> Tabel.Kolom {
        Tabel.Kolom(naam: naam, soort: soort, sinds: sinds, afgeleid: afgeleid)
    }

    /// Parents before children (the order of an import).
    public static let tabellen: [Tabel] = [
        Tabel(naam: "gebruikers", kolommen: [k("id", .geheel), k("email", .tekst), k("naam", .tekst), k("rol", .tekst),
                                             k("cursus_id", .geheel), k("wachtwoord_hash", .tekst),
                                             k("aangemaakt", .geheel), k("geblokkeerd", .geheel, sinds: 6),
                                             k("laatst_ingelogd", .geheel, sinds: 6),
                                             k("mail_herinneringen", .geheel, sinds: 8),
                                             k("mail_meldingen", .geheel, sinds: 8)],
              volgorde: "id", sinds: 1, achterblijvend: false),
        Tabel(naam: "cursussen", kolommen: [k("id", .geheel), k("naam", .tekst), k("docent_id", .geheel),
                                            k("uitnodigingscode", .tekst), k("aangemaakt", .geheel),
                                            k("herinneringen", .geheel, sinds: 5), k("max_afwezig", .geheel, sinds: 5)],
              volgorde: "id", sinds: 1, achterblijvend: false),
        Tabel(naam: "cursus_docenten", kolommen: [k("cursus_id", .geheel, sinds: 5), k("gebruiker_id", .geheel, sinds: 5)],
              volgorde: "cursus_id, gebruiker_id", sinds: 5, achterblijvend: false),
        Tabel(naam: "bijeenkomsten", kolommen: [k("cursus_id", .geheel), k("nr", .geheel), k("datum", .tekst)],
              volgorde: "cursus_id, nr", sinds: 1, achterblijvend: false),
        Tabel(naam: "sessies", kolommen: [k("token_hash", .tekst), k("gebruiker_id", .geheel), k("csrf", .tekst),
                                          k("verloopt", .geheel)],
              volgorde: "token_hash", sinds: 1, achterblijvend: true),
        // One-time links move: a mail still waiting in the outbox carries one, and the imported
        // server sends it.
        Tabel(naam: "tokens", kolommen: [k("token_hash", .tekst, sinds: 6), k("gebruiker_id", .geheel, sinds: 6),
                                         k("soort", .tekst, sinds: 6), k("verloopt", .geheel, sinds: 6),
                                         k("gebruikt", .geheel, sinds: 6)],
              volgorde: "token_hash", sinds: 6, achterblijvend: false),
        Tabel(naam: "pogingen", kolommen: [k("id", .geheel, sinds: 4), k("sleutel", .tekst, sinds: 4),
                                           k("tijd", .geheel, sinds: 4)],
              volgorde: "id", sinds: 4, achterblijvend: true),
        Tabel(naam: "aanvragen", kolommen: [k("id", .geheel), k("eigenaar_id", .geheel), k("versie", .geheel),
                                            k("aangemaakt", .geheel), k("gedeeld", .geheel, sinds: 5)],
              volgorde: "id", sinds: 1, achterblijvend: false),
        Tabel(naam: "aanvraag_auteurs", kolommen: [k("aanvraag_id", .geheel, sinds: 5), k("gebruiker_id", .geheel, sinds: 5)],
              volgorde: "aanvraag_id, gebruiker_id", sinds: 5, achterblijvend: false),
        Tabel(naam: "versies", kolommen: [k("aanvraag_id", .geheel), k("versie", .geheel), k("tekst", .bytes),
                                          k("titel", .tekst), k("af", .geheel), k("fouten", .geheel),
                                          k("waarschuwingen", .geheel), k("gewijzigd", .geheel),
                                          k("onderdelen", .tekst, sinds: 3, afgeleid: true),
                                          k("ingevuld", .tekst, sinds: 3, afgeleid: true)],
              volgorde: "aanvraag_id, versie", sinds: 1, achterblijvend: false),
        Tabel(naam: "bestanden", kolommen: [k("sha256", .tekst, sinds: 4), k("grootte", .geheel, sinds: 4),
                                            k("inhoud", .bytes, sinds: 4)],
              volgorde: "sha256", sinds: 4, achterblijvend: false),
        Tabel(naam: "versie_bestanden", kolommen: [k("aanvraag_id", .geheel, sinds: 4), k("versie", .geheel, sinds: 4),
                                                   k("naam", .tekst, sinds: 4), k("sha256", .tekst, sinds: 4)],
              volgorde: "aanvraag_id, versie, naam", sinds: 4, achterblijvend: false),
        Tabel(naam: "aanwezigheid", kolommen: [k("cursus_id", .geheel, sinds: 5), k("nr", .geheel, sinds: 5),
                                               k("cursist_id", .geheel, sinds: 5), k("aanwezig", .geheel, sinds: 5)],
              volgorde: "cursus_id, nr, cursist_id", sinds: 5, achterblijvend: false),
        Tabel(naam: "opmerkingen", kolommen: [k("id", .geheel, sinds: 2), k("aanvraag_id", .geheel, sinds: 2),
                                              k("versie", .geheel, sinds: 2), k("docent_id", .geheel, sinds: 2),
                                              k("pad", .tekst, sinds: 2), k("tekst", .tekst, sinds: 2),
                                              k("geplaatst", .geheel, sinds: 2), k("afgehandeld", .geheel, sinds: 2)],
              volgorde: "id", sinds: 2, achterblijvend: false),
        Tabel(naam: "goedkeuringen", kolommen: [k("aanvraag_id", .geheel, sinds: 2), k("versie", .geheel, sinds: 2),
                                                k("docent_id", .geheel, sinds: 2), k("tijd", .geheel, sinds: 2)],
              volgorde: "aanvraag_id, versie", sinds: 2, achterblijvend: false),
        Tabel(naam: "evenementen", kolommen: [k("id", .geheel, sinds: 2), k("organisator_id", .geheel, sinds: 2),
                                              k("tekst", .bytes, sinds: 2), k("titel", .tekst, sinds: 2),
                                              k("datum", .tekst, sinds: 2), k("aangemaakt", .geheel, sinds: 2)],
              volgorde: "id", sinds: 2, achterblijvend: false),
        Tabel(naam: "evenement_cursussen", kolommen: [k("evenement_id", .geheel, sinds: 2), k("cursus_id", .geheel, sinds: 2),
                                                      k("nr", .geheel, sinds: 2)],
              volgorde: "evenement_id, nr", sinds: 2, achterblijvend: false),
        // Reminders sent move (so none goes out twice after a move); waiting meldingen move and are
        // sent by the imported server.
        Tabel(naam: "herinneringen", kolommen: [k("cursus_id", .geheel, sinds: 8), k("nr", .geheel, sinds: 8),
                                                k("cursist_id", .geheel, sinds: 8), k("verstuurd", .geheel, sinds: 8)],
              volgorde: "cursus_id, nr, cursist_id", sinds: 8, achterblijvend: false),
        Tabel(naam: "meldingen", kolommen: [k("id", .geheel, sinds: 8), k("aanvraag_id", .geheel, sinds: 8),
                                            k("soort", .tekst, sinds: 8), k("door_id", .geheel, sinds: 8),
                                            k("tekst", .tekst, sinds: 8), k("tijd", .geheel, sinds: 8),
                                            k("verstuurd", .geheel, sinds: 8)],
              volgorde: "id", sinds: 8, achterblijvend: false),
        Tabel(naam: "meldingmails", kolommen: [k("aanvraag_id", .geheel, sinds: 8), k("laatste", .geheel, sinds: 8)],
              volgorde: "aanvraag_id", sinds: 8, achterblijvend: false),
        // The links in mails already sent keep working after a move.
        Tabel(naam: "afmeldtokens", kolommen: [k("token_hash", .tekst, sinds: 8), k("gebruiker_id", .geheel, sinds: 8),
                                               k("soort", .tekst, sinds: 8), k("aangemaakt", .geheel, sinds: 8)],
              volgorde: "token_hash", sinds: 8, achterblijvend: false),
        // The outbox moves whole: waiting mail is sent by the imported server, sent and failed mail
        // is history. A lease (`bezig_tot`, `bezig_door`) belongs to a process of the old server and
        // stays behind.
        Tabel(naam: "postvak_uit", kolommen: [k("id", .geheel, sinds: 6), k("soort", .tekst, sinds: 6),
                                              k("aan", .tekst, sinds: 6), k("aan_naam", .tekst, sinds: 6),
                                              k("onderwerp", .tekst, sinds: 6), k("tekst", .tekst, sinds: 6),
                                              k("html", .tekst, sinds: 6), k("koppen", .tekst, sinds: 6),
                                              k("message_id", .tekst, sinds: 6), k("status", .tekst, sinds: 6),
                                              k("aangemaakt", .geheel, sinds: 6), k("volgende_poging", .geheel, sinds: 6),
                                              k("pogingen", .geheel, sinds: 6), k("fout", .tekst, sinds: 6),
                                              k("afgehandeld", .geheel, sinds: 6),
                                              k("bezig_tot", .geheel, sinds: 6, afgeleid: true),
                                              k("bezig_door", .tekst, sinds: 6, afgeleid: true)],
              volgorde: "id", sinds: 6, achterblijvend: false),
        Tabel(naam: "fondsenregisters", kolommen: [k("versie", .geheel, sinds: 7), k("tekst", .bytes, sinds: 7),
                                                   k("door_id", .geheel, sinds: 7), k("tijd", .geheel, sinds: 7)],
              volgorde: "versie", sinds: 7, achterblijvend: false),
    ]

    /// Tables that a migration removed again, with the version that removed them.
    public static let verdwenen: [String: Int] = ["mislukte_logins": 4]

    /// What a dump carries: the tables that move, each with the columns of schema `versie`.
    public static func overgedragen(in versie: Int) -> [Tabel] {
        tabellen.filter { !$0.achterblijvend && $0.sinds <= versie }.map { t in
            var t = t
            t.kolommen = t.overgedragen(in: versie)
            return t
        }
    }

    /// Every table and its columns at schema version `versie`, as the migrations make them.
    public static func kolommen(in versie: Int) -> [String: [String]] {
        var uit: [String: [String]] = [:]
        for t in tabellen where t.sinds <= versie {
            uit[t.naam] = t.kolommen.filter { $0.sinds <= versie }.map(\.naam)
        }
        if versie < 4 { uit["mislukte_logins"] = ["email", "tijd"] }
        return uit
    }
}
