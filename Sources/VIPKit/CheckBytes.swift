import VIPModel

extension Checker {
    /// Reads and checks bytes in memory as `check(path:)` reads and checks a file, with the
    /// same limits; `bestand` names them in messages (the server uses "aanvraag.yaml").
    public func check(bytes: [UInt8], bestand: String) -> CheckResultaat {
        do {
            let a = try AanvraagReader.parse(bytes, bestand: bestand, limits: limits)
            return CheckResultaat(bestand: bestand, aanvraag: a, leesfout: nil, bevindingen: try check(a))
        } catch {
            return CheckResultaat(bestand: bestand, aanvraag: nil, leesfout: error, bevindingen: [])
        }
    }
}
