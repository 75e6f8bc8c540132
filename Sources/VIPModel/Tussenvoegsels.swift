/// Name particles that stand before a surname: Dutch ("van", "de", "'t") and those common
/// in the names of the course's participants ("el", "bin", "dos", "von"). One list for the
/// checklist (surnames of bestuursleden) and the anonymiser (name parts that identify no
/// one on their own).
public enum Tussenvoegsels {
    /// Lowercase.
    public static let lijst: Set<String> = [
        "van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "aan", "'t", "t", "vd",
        "el", "al", "la", "le", "du", "da", "di", "del", "dos", "das", "von", "zu", "bin", "ben", "ibn",
    ]

    /// Particles that are also given names: "Ben" in "Ben de Vries".
    static let ookVoornaam: Set<String> = ["ben"]

    /// Whether `woord` is a particle; with `positie` (its index in a name), a particle that
    /// is also a given name and stands first with a capital is the given name.
    public static func bevat(_ woord: String, positie: Int? = nil) -> Bool {
        let l = woord.lowercased()
        guard lijst.contains(l) else { return false }
        return !(positie == 0 && ookVoornaam.contains(l) && woord.first?.isUppercase == true)
    }
}
