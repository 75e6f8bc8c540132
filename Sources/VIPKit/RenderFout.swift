import Foundation
import VIPDocument

/// A document that could not be rendered: which output file, and why.
public struct RenderFout: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output file name, e.g. `brief-oranje-fonds.docx`.
    public var bestand: String
    public var fout: DocumentError

    public var description: String {
        "\(bestand) kon niet worden gemaakt: \(fout.errorDescription ?? "\(fout)")"
    }
}

/// Every document in every format, in that order (document by document), as output
/// files named `<stam>.<extensie>`. The one place where the package, the speed-date and
/// the review render their documents.
func renderAlle(_ documenten: [(naam: String, document: Document)], formaten: [DocumentFormat],
                sjablonen: TemplateSet, gelijktijdig: Bool = false) throws(RenderFout) -> [Pakket.Uitvoer] {
    let taken = documenten.flatMap { d in formaten.map { (naam: "\(d.naam).\($0.fileExtension)", document: d.document, formaat: $0) } }
    let uitkomsten = inVolgorde(taken.count, gelijktijdig: gelijktijdig) { i in
        Result { () throws(DocumentError) -> [UInt8] in
            try renderDocument(taken[i].document, format: taken[i].formaat, templates: sjablonen)
        }
    }
    var uit: [Pakket.Uitvoer] = []
    for (taak, uitkomst) in zip(taken, uitkomsten) {
        switch uitkomst {
        case .success(let bytes): uit.append(Pakket.Uitvoer(naam: taak.naam, bytes: bytes))
        case .failure(let fout): throw RenderFout(bestand: taak.naam, fout: fout)
        }
    }
    return uit
}

/// `werk(0) … werk(n - 1)` in that order; with `gelijktijdig` on every core at once (the
/// results still in order, so the output does not depend on which finished first). Own threads
/// rather than `DispatchQueue.concurrentPerform`: Linux's libdispatch adds its workers a few
/// milliseconds late, and one package is rendered in less time than that.
func inVolgorde<T>(_ n: Int, gelijktijdig: Bool, _ werk: @escaping (Int) -> T) -> [T] {
    let draden = min(n, ProcessInfo.processInfo.activeProcessorCount)
    guard gelijktijdig, draden > 1 else { return (0..<n).map(werk) }
    var uit = [T?](repeating: nil, count: n)
    uit.withUnsafeMutableBufferPointer { vakken in
        // Each index is taken once and written by the thread that took it; all threads are
        // done (the semaphore) before `uit` is read or freed.
        nonisolated(unsafe) let vakken = vakken
        nonisolated(unsafe) let werk = werk
        let teller = Teller()
        let klaar = DispatchSemaphore(value: 0)
        let doe: @Sendable () -> Void = {
            while let i = teller.volgende(tot: n) { vakken[i] = werk(i) }
        }
        for _ in 1..<draden { Thread.detachNewThread { doe(); klaar.signal() } }
        doe()
        for _ in 1..<draden { klaar.wait() }
    }
    return uit.map { $0! }
}

/// The next index to take, shared by the threads of `inVolgorde`.
private final class Teller: @unchecked Sendable {
    private let slot = NSLock()
    private var volgend = 0

    func volgende(tot n: Int) -> Int? {
        slot.lock()
        defer { slot.unlock() }
        guard volgend < n else { return nil }
        volgend += 1
        return volgend - 1
    }
}
