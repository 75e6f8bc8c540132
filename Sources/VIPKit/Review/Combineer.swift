import Foundation
import VIPModel
import VIPPlanning

/// `vip review combineer RANGORDES.csv`: the groups' rankings combined with the Schulze method,
/// each group's distance to the reference ranking (Kendall), as a short table for the plenary.
///
/// The CSV: one line per group, the letters best first, separated by commas or semicolons
/// (Dutch spreadsheets write semicolons). An optional first column holds the group's name: a
/// line with one field more than there are letters starts with that name. A first line that is
/// not a ranking (for example `groep,eerste,tweede,derde`) is a header and is skipped. Empty
/// lines and lines starting with `#` are skipped. Letters may be lower case.
public enum Combineer {
    public struct Groep: Sendable, Equatable {
        public var naam: String
        public var rangorde: [String]
        public var regel: Int
    }

    public struct Uitslag: Sendable {
        public var groepen: [Groep]
        public var schulze: Schulze
        /// The docent's reference ranking, when the docentenblad was found.
        public var referentie: [String]?
    }

    /// Reads the CSV; every problem names its line.
    public static func lees(_ tekst: String, bestand: String, letters: [String] = Peerreview.letters) throws(ReviewFout) -> [Groep] {
        var groepen: [Groep] = []
        var eersteInhoud = true
        let regels = tekst.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for (i, ruw) in regels.enumerated() {
            let nr = i + 1
            var regel = ruw.trimmedText
            if nr == 1, regel.hasPrefix("\u{FEFF}") { regel.removeFirst() }
            if regel.isEmpty || regel.hasPrefix("#") { continue }
            let scheiding: Character = regel.contains(";") ? ";" : ","
            var velden = regel.split(separator: scheiding, omittingEmptySubsequences: false)
                .map { $0.trimmedText.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            while velden.last == "" && velden.count > letters.count { velden.removeLast() }
            let isKop = eersteInhoud && !velden.suffix(letters.count).allSatisfy { letters.contains($0.uppercased()) }
            eersteInhoud = false
            if isKop { continue }
            var naam = "groep \(groepen.count + 1)"
            if velden.count == letters.count + 1 {
                if !velden[0].isEmpty { naam = velden[0] }
                velden.removeFirst()
            }
            guard velden.count == letters.count else {
                throw .rangordeVelden(bestand: bestand, regel: nr, letters: letters.count, velden: velden.count)
            }
            let rang = velden.map { $0.uppercased() }
            for l in rang where !letters.contains(l) {
                throw .rangordeLetter(bestand: bestand, regel: nr, letter: l, letters: letters)
            }
            if Set(rang).count != rang.count {
                let dubbel = rang.first { l in rang.filter { $0 == l }.count > 1 }!
                throw .rangordeDubbel(bestand: bestand, regel: nr, letter: dubbel)
            }
            groepen.append(Groep(naam: naam, rangorde: rang, regel: nr))
        }
        guard !groepen.isEmpty else { throw .geenRangorde(bestand: bestand) }
        return groepen
    }

    /// The reference ranking from `docentenblad.json`.
    public static func referentie(json data: Data, bestand: String) throws(ReviewFout) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rang = object["rangorde"] as? [String], !rang.isEmpty else {
            throw .geenDocentenblad(bestand)
        }
        return rang
    }

    public static func combineer(_ groepen: [Groep], referentie: [String]?, letters: [String] = Peerreview.letters)
        throws(ReviewFout) -> Uitslag {
        do {
            let s = try Schulze(candidates: letters, rankings: groepen.map(\.rangorde))
            if let referentie { _ = try Kendall.distance(referentie, letters) }
            return Uitslag(groepen: groepen, schulze: s, referentie: referentie)
        } catch {
            throw .referentie(letters: letters, detail: "\(error)")
        }
    }

    /// The table for the plenary discussion.
    public static func tabel(_ u: Uitslag) -> String {
        func afstand(_ r: [String]) -> String {
            guard let ref = u.referentie, let d = try? Kendall.distance(r, ref), let tau = try? Kendall.tau(r, ref) else { return "" }
            return "\(d)".leftPad(8) + "  " + String(format: "%+.2f", tau).replacingOccurrences(of: ".", with: ",").leftPad(6)
        }
        let breedte = max(12, (u.groepen.map(\.naam.count) + ["Samen (Schulze)".count]).max()!)
        var out = "Gecombineerde rangorde (Schulze, \(u.groepen.count) \(u.groepen.count == 1 ? "groep" : "groepen")): "
            + u.schulze.tiers.map { $0.joined(separator: " = ") }.joined(separator: " > ") + "\n"
        if let ref = u.referentie { out += "Referentie van de docent: \(ref.joined(separator: " > "))\n" }
        out += "\n"
        out += "Groep".rightPad(breedte) + "  Rangorde" + (u.referentie == nil ? "" : "  Afstand     τ") + "\n"
        for g in u.groepen {
            out += g.naam.rightPad(breedte) + "  " + g.rangorde.joined(separator: " ").rightPad(8) + afstand(g.rangorde) + "\n"
        }
        out += String(repeating: "-", count: breedte + (u.referentie == nil ? 10 : 26)) + "\n"
        out += "Samen (Schulze)".rightPad(breedte) + "  " + u.schulze.ranking.joined(separator: " ").rightPad(8)
            + afstand(u.schulze.ranking) + "\n"
        if !u.schulze.ties.isEmpty {
            out += "\nGelijk geëindigd: " + u.schulze.ties.map { $0.joined(separator: " en ") }.joined(separator: "; ")
                + " (in de rij hierboven op volgorde van letter).\n"
        }
        out += "\nPer paar: hoeveel groepen zetten de eerste boven de tweede?\n"
        let l = u.schulze.candidates
        for i in l.indices {
            for j in l.indices where i < j {
                out += "  \(l[i]) boven \(l[j]): \(u.schulze.pairwise[i][j]), \(l[j]) boven \(l[i]): \(u.schulze.pairwise[j][i])\n"
            }
        }
        if u.referentie != nil {
            out += "\nAfstand: het aantal paren dat de groep anders ordent dan de docent (0 = gelijk, 3 = omgekeerd); "
                + "τ (Kendall): 1 = gelijk, −1 = omgekeerd.\n"
        }
        return out
    }
}

fileprivate extension String {
    func rightPad(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
