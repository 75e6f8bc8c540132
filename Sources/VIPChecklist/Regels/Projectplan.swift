import VIPModel

extension Catalogus {
    static let projectplan: [Regel] = []
}
