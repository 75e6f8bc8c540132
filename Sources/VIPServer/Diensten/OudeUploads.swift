import Foundation

/// Uploads of a vip before schema 4 lay in the data folder (`bestanden/<aanvraag>/<naam>`), beside
/// every version. At start they move into the database, each joining the versions of its
/// aanvraag, and the folder is renamed `bestanden.overgezet` (kept, never read again). A start
/// that is interrupted does it again: a file already moved joins no version twice.
enum OudeUploads {
    static func zetOver(data: String, opslag: any Opslag) async throws -> Int {
        let fm = FileManager.default
        let map = (data as NSString).appendingPathComponent("bestanden")
        var isMap: ObjCBool = false
        guard fm.fileExists(atPath: map, isDirectory: &isMap), isMap.boolValue else { return 0 }
        var overgezet = 0
        for sub in try fm.contentsOfDirectory(atPath: map).sorted() {
            guard let id = Int64(sub) else { continue }
            let aanvraagMap = (map as NSString).appendingPathComponent(sub)
            for naam in (try? fm.contentsOfDirectory(atPath: aanvraagMap))?.sorted() ?? [] where Bestanden.isGeldigeNaam(naam) {
                guard let data = fm.contents(atPath: (aanvraagMap as NSString).appendingPathComponent(naam)) else { continue }
                if try await opslag.hechtOudBestand(aanvraag: id, naam: naam, bytes: [UInt8](data)) > 0 { overgezet += 1 }
            }
        }
        var doel = (data as NSString).appendingPathComponent("bestanden.overgezet")
        var n = 2
        while fm.fileExists(atPath: doel) {
            doel = (data as NSString).appendingPathComponent("bestanden.overgezet-\(n)")
            n += 1
        }
        try fm.moveItem(atPath: map, toPath: doel)
        return overgezet
    }
}
