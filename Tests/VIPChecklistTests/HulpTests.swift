import Testing
@testable import VIPChecklist

/// Names are compared by `naamSleutel`; ASCII names take a byte-by-byte way, the rest the
/// general one. Both must give the same key for every text.
@Suite struct NaamSleutelTests {
    @Test func asciiWegGeeftDezelfdeSleutel() {
        let tekens = ["a", "Z", "1", " ", "\t", "\r\n", "\n", "\u{0B}", "\u{1C}", "-", "é", "\u{A0}", "İ", "ß"]
        var g = SystemRandomNumberGenerator()
        var teksten = ["", " ", "Huur  Zaal ", "\tMATERIAAL\n", "Fonds\u{A0}X", "  a  b  "]
        for _ in 0..<20000 {
            teksten.append((0..<Int.random(in: 0...12, using: &g)).map { _ in tekens.randomElement(using: &g)! }.joined())
        }
        for t in teksten {
            #expect(Hulp.naamSleutel(t) == Hulp.naamSleutelAlgemeen(t), "\(t.unicodeScalars.map(\.value))")
        }
        #expect(Hulp.naamSleutel("  Huur\t\tVAN de  Zaal\n") == "huur van de zaal")
    }
}
