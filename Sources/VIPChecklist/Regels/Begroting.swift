import VIPModel

extension Catalogus {
    static let begroting: [Regel] = []
}
