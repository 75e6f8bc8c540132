import VIPModel

extension Catalogus {
    static let brief: [Regel] = []
}
