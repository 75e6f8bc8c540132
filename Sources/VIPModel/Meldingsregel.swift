/// One message about a place in a file, as compilers print it:
/// `bestand:regel:kolom: ernst: melding` (cli.md), shortened to `bestand: ernst: melding`
/// when the place is not known. The one formatter for finding lines.
public enum Meldingsregel {
    /// `ernst` is printed as given, so a terminal may colour it.
    public static func tekst(bestand: String, mark: SourceMark?, ernst: String, melding: String) -> String {
        let plek = mark.map { "\(bestand):\($0.line):\($0.column)" } ?? bestand
        return "\(plek): \(ernst): \(melding)"
    }
}
