import VIPFormulier

/// One input: the first byte picks urlencoded (even) or multipart (odd); for multipart the
/// bytes up to the first line end are the Content-Type's boundary, the rest the body. Refusals
/// are expected; crashes, hangs (the parser must stay linear) and sanitizer reports are findings.
/// A parsed form must keep within the reader's bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let eerste = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    let f: Formulierdata
    do {
        if eerste % 2 == 0 {
            f = try Formulierlezer.urlencoded(rest)
        } else {
            let nl = rest.firstIndex(of: 10) ?? rest.count
            let grens = try Formulierlezer.grens("multipart/form-data; boundary=" + String(decoding: rest[..<nl], as: UTF8.self))
            f = try Formulierlezer.multipart(Array(rest[min(rest.count, nl + 1)...]), grens: grens)
        }
    } catch {
        return 0
    }
    let velden = f.waarden.values.reduce(0) { $0 + $1.count } + f.bestanden.count
    if velden > Formulierlezer.maxVelden { fatalError("meer velden dan de grens: \(velden)") }
    return 0
}
