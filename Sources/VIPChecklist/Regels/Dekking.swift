import VIPModel

extension Catalogus {
    static let dekking: [Regel] = []
}
