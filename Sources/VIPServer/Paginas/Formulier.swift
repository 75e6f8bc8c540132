import Foundation
import Hummingbird
import VIPFormulier

/// The fields of a posted HTML form: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` with files (an upload, an imported aanvraag), read by the linear
/// `Formulierlezer`. A body that breaks one of its bounds is 400 before the rest is read.
struct Formulier: Sendable {
    var data: Formulierdata

    var waarden: [String: [String]] { data.waarden }
    var bestanden: [String: Formulierdata.Bestand] { data.bestanden }
    subscript(naam: String) -> String? { data[naam] }

    /// Reads the body of `request` as a form, at most `limiet` bytes (413 beyond it). The
    /// parsing runs off the event loops and the cooperative pool (`Zwaar`).
    static func lees(_ request: Request, limiet: Int = Limieten.aanvraag) async throws -> Formulier {
        let type = request.headers[.contentType] ?? ""
        var grens: [UInt8]?
        if type.lowercased().hasPrefix("multipart/form-data") {
            // Refused before the body is read.
            do { grens = try Formulierlezer.grens(type) } catch { throw weigering(error) }
        }
        let bytes = try await request.tekst(limiet: limiet)
        let multipartGrens = grens
        let uitkomst: Result<Formulierdata, Formulierfout> = await Zwaar.doe {
            Result { () throws(Formulierfout) -> Formulierdata in
                if let g = multipartGrens { return try Formulierlezer.multipart(bytes, grens: g) }
                return try Formulierlezer.urlencoded(bytes)
            }
        }
        switch uitkomst {
        case .success(let d): return Formulier(data: d)
        case .failure(let f): throw weigering(f)
        }
    }

    static func urlencoded(_ tekst: String) throws -> Formulier {
        do { return Formulier(data: try Formulierlezer.urlencoded(tekst)) } catch { throw weigering(error) }
    }

    static func weigering(_ f: Formulierfout) -> Weigering {
        switch f {
        case .onleesbaar:
            return Weigering(.badRequest, "Het formulier is onleesbaar; er is niets opgeslagen.")
        case .teVeelVelden:
            return Weigering(.badRequest, "Het formulier heeft meer dan \(Formulierlezer.maxVelden) velden; er is niets "
                + "opgeslagen.")
        case .kopTeGroot:
            return Weigering(.badRequest, "Een deel van het formulier heeft koppen van meer dan 8 KiB; er is niets opgeslagen.")
        case .geenGrens:
            return Weigering(.badRequest, "Het formulier is onleesbaar (geen boundary).")
        case .grensOngeldig:
            return Weigering(.badRequest, "Het formulier is onleesbaar: de boundary is leeg of langer dan "
                + "\(Formulierlezer.maxGrens) tekens (RFC 2046).")
        }
    }
}
