import Foundation
import Hummingbird
import VIPKit
import VIPModel
import VIPZip

/// A package built on disk (`Pakket.maakOpSchijf`) in a scratch folder of its own: the documents
/// in memory, every fund's zip as a file, and the package zip the API and the pages hand out. The
/// server's memory grows with the largest single file, not with the package (server.md, "Files").
/// The folder goes when the answer has been sent (`antwoord`) or by `ruimOp`.
final class Pakketmap: Sendable {
    let map: String
    let bestanden: [Pakket.Schijfuitvoer]
    /// The package zip: every document and every fund's zip (those stored, the rest deflated).
    let zip: String
    /// Kept by the `Pakketcache`: answers and `ruimOp` leave the folder alone; the cache removes
    /// it (`verwijder`) when the package falls out.
    let gedeeld: Bool

    init(map: String, bestanden: [Pakket.Schijfuitvoer], zip: String, gedeeld: Bool = false) {
        self.map = map
        self.bestanden = bestanden
        self.zip = zip
        self.gedeeld = gedeeld
    }

    /// Builds the package of `aanvraag` with `bron` into a fresh folder under the system's
    /// temporary folder. Runs on a `Zwaar` thread.
    static func bouw(_ aanvraag: Aanvraag, bron: any Bestandsbron, opties: BuildOpties) throws -> Pakketmap {
        let map = (NSTemporaryDirectory() as NSString).appendingPathComponent("vip-pakket-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        do {
            let bestanden = try Pakket(aanvraag: aanvraag, bron: bron, opties: opties).maakOpSchijf(werkmap: map)
            let zip = (map as NSString).appendingPathComponent("pakket.zip")
            try ZipWriter.write(bestanden.map { b -> ZipStroomEntry in
                switch b {
                case .bytes(let u): return .geheugen(Archief.entry(u.naam, u.bytes))
                case .bestand(let naam, let pad): return .bestand(name: naam, pad: pad)
                }
            }, naar: zip)
            return Pakketmap(map: map, bestanden: bestanden, zip: zip)
        } catch {
            try? FileManager.default.removeItem(atPath: map)
            throw error
        }
    }

    /// Done with a package of one answer: its folder goes, unless the cache keeps it.
    func ruimOp() { if !gedeeld { verwijder() } }

    func verwijder() { try? FileManager.default.removeItem(atPath: map) }

    /// The size of one file of the package.
    func grootte(_ b: Pakket.Schijfuitvoer) -> Int {
        switch b {
        case .bytes(let u): return u.bytes.count
        case .bestand(_, let pad): return Self.grootte(pad)
        }
    }

    static func grootte(_ pad: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: pad))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// An answer that streams the file at `pad` (or `bytes`) in blocks and removes the folder
    /// afterwards, also when the client goes away.
    func antwoord(_ bestand: Pakket.Schijfuitvoer? = nil, type: String, headers: HTTPFields) -> Response {
        var h = headers
        h[.contentType] = type
        let pad: String
        switch bestand {
        case .bytes(let u)?:
            ruimOp()
            return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: u.bytes)))
        case .bestand(_, let p)?: pad = p
        case nil: pad = zip
        }
        // Opened now, not when the body is written: a package the cache removes meanwhile stays
        // readable through the open file.
        guard let f = FileHandle(forReadingAtPath: pad) else {
            ruimOp()
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Het pakket is weg; probeer het opnieuw.")))
        }
        let lengte = Int((try? f.seekToEnd()) ?? 0)
        try? f.seek(toOffset: 0)
        return Response(status: .ok, headers: h, body: ResponseBody(contentLength: lengte) { writer in
            defer { self.ruimOp() }
            defer { try? f.close() }
            while let blok = try f.read(upToCount: 256 * 1024), !blok.isEmpty {
                try await writer.write(ByteBuffer(bytes: blok))
            }
            try await writer.finish(nil)
        })
    }
}
