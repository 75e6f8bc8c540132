/// The generated content of one template render: elements, attributes and text kept in
/// two flat arrays of Swift values, linked by index, and serialised straight to bytes.
///
/// The writers build tens of thousands of elements per package. As libxml2 nodes each
/// element, attribute and text cost a few mallocs and copies to make, a name lookup, and
/// the same again in `xmlFreeDoc`; here an element is one array slot, and the names are
/// the writers' own string literals, written as they are given. The bytes are those
/// libxml2 writes for the same tree (`XMLTemplateTests` holds the two side by side).
///
/// Not shared between threads: each render has its own.
final class XMLFragment {
    struct Node {
        /// The qualified element name as the writer gave it, or the text of a text node.
        var value: String
        var isText: Bool
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        var firstAttribute: Int32 = -1
        var lastAttribute: Int32 = -1
    }

    struct Attribute {
        var name: String
        var value: String
        var next: Int32 = -1
    }

    /// A growing row of values in memory of its own: every element written goes through here
    /// several times, and a Swift array in a class property is checked for exclusive access and
    /// uniqueness at each of them.
    struct Rij<Element> {
        private(set) var basis: UnsafeMutablePointer<Element>
        private(set) var aantal = 0
        private var capaciteit: Int

        init(capaciteit: Int) {
            self.capaciteit = capaciteit
            basis = .allocate(capacity: capaciteit)
        }

        /// Adds `e` at the end; its index.
        mutating func voegToe(_ e: Element) -> Int32 {
            if aantal == capaciteit {
                capaciteit *= 2
                let groter = UnsafeMutablePointer<Element>.allocate(capacity: capaciteit)
                groter.moveInitialize(from: basis, count: aantal)
                basis.deallocate()
                basis = groter
            }
            (basis + aantal).initialize(to: e)
            aantal += 1
            return Int32(aantal - 1)
        }

        func vrij() {
            basis.deinitialize(count: aantal)
            basis.deallocate()
        }
    }

    /// The rows behind a `let`, so that reaching them is no class-property access either.
    private struct Store {
        var nodes = Rij<Node>(capaciteit: 64)
        var attributes = Rij<Attribute>(capaciteit: 64)
        /// Names already found valid, by the bits of their `String` (see `XMLTree.RecentNames`):
        /// the writers pass the same literals over and over.
        var checked: UnsafeMutablePointer<String?>
    }

    private static let checkedSlots = 256
    private let store: UnsafeMutablePointer<Store>
    /// The prefixes the template's root element declares, as bytes, and `xml`.
    private let prefixes: [[UInt8]]

    init(prefixes: Set<String>) {
        self.prefixes = [Array("xml".utf8)] + prefixes.sorted().map { Array($0.utf8) }
        store = .allocate(capacity: 1)
        let checked = UnsafeMutablePointer<String?>.allocate(capacity: Self.checkedSlots)
        checked.initialize(repeating: nil, count: Self.checkedSlots)
        store.initialize(to: Store(checked: checked))
    }

    deinit {
        store.pointee.nodes.vrij()
        store.pointee.attributes.vrij()
        store.pointee.checked.deinitialize(count: Self.checkedSlots)
        store.pointee.checked.deallocate()
        store.deinitialize(count: 1)
        store.deallocate()
    }

    func node(_ index: Int32) -> Node { store.pointee.nodes.basis[Int(index)] }

    private func newNode(_ node: Node) -> Int32 { store.pointee.nodes.voegToe(node) }

    /// A container for one marker's content: never written itself, only its children.
    func appendContainer() -> Int32 {
        newNode(Node(value: "", isText: false))
    }

    // MARK: - Building

    /// Refuses a prefix that the template's root does not declare (`xml` is always declared),
    /// as libxml2's namespace search does.
    func check(_ qualifiedName: String) throws(XMLError) {
        let slot = store.pointee.checked + Self.slot(qualifiedName)
        if let known = slot.pointee, known == qualifiedName { return }
        var name = qualifiedName
        let declared: Bool? = name.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return true }
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<colon])
            return prefixes.contains { $0.elementsEqual(prefix) } ? true : nil
        }
        guard declared != nil else {
            throw .unknownNamespacePrefix(String(qualifiedName[..<qualifiedName.firstIndex(of: ":")!]))
        }
        slot.pointee = qualifiedName
    }

    private static func slot(_ s: String) -> Int {
        let (a, b) = unsafeBitCast(s, to: (UInt64, UInt64).self)
        let h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15))
        return Int(truncatingIfNeeded: (h >> 56) ^ (h >> 17)) & (checkedSlots - 1)
    }

    private func link(_ child: Int32, to parent: Int32) {
        let nodes = store.pointee.nodes.basis
        let p = nodes + Int(parent)
        if p.pointee.lastChild < 0 {
            p.pointee.firstChild = child
        } else {
            nodes[Int(p.pointee.lastChild)].next = child
        }
        p.pointee.lastChild = child
    }

    /// A new element at the end of `parent`'s children; the name has been checked.
    func appendElement(_ qualifiedName: String, to parent: Int32) -> Int32 {
        let index = newNode(Node(value: qualifiedName, isText: false))
        link(index, to: parent)
        return index
    }

    /// A text node at the end of `parent`'s children; the characters have been checked.
    func appendText(_ text: String, to parent: Int32) {
        guard !text.isEmpty else { return }
        link(newNode(Node(value: text, isText: true)), to: parent)
    }

    /// Sets an attribute: a name set again keeps its place and takes the new value.
    func setAttribute(_ qualifiedName: String, _ value: String, on element: Int32) {
        let attributes = store.pointee.attributes.basis
        var a = store.pointee.nodes.basis[Int(element)].firstAttribute
        while a >= 0 {
            if attributes[Int(a)].name == qualifiedName {
                attributes[Int(a)].value = value
                return
            }
            a = attributes[Int(a)].next
        }
        let index = store.pointee.attributes.voegToe(Attribute(name: qualifiedName, value: value))
        let e = store.pointee.nodes.basis + Int(element)
        if e.pointee.lastAttribute < 0 {
            e.pointee.firstAttribute = index
        } else {
            store.pointee.attributes.basis[Int(e.pointee.lastAttribute)].next = index
        }
        e.pointee.lastAttribute = index
    }

    // MARK: - Reading back (tests and checks)

    func children(of element: Int32) -> [Int32] {
        var result: [Int32] = []
        var c = node(element).firstChild
        while c >= 0 {
            if !node(c).isText { result.append(c) }
            c = node(c).next
        }
        return result
    }

    func textContent(of index: Int32) -> String {
        let n = node(index)
        if n.isText { return n.value }
        var text = ""
        var c = n.firstChild
        while c >= 0 {
            text += textContent(of: c)
            c = node(c).next
        }
        return text
    }

    func attributeValue(_ localName: String, of element: Int32) -> String? {
        var a = node(element).firstAttribute
        while a >= 0 {
            let attribute = store.pointee.attributes.basis[Int(a)]
            if Self.localName(attribute.name) == localName { return attribute.value }
            a = attribute.next
        }
        return nil
    }

    static func localName(_ qualifiedName: String) -> String {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return qualifiedName }
        return String(qualifiedName[qualifiedName.index(after: colon)...])
    }

    // MARK: - Serialising

    /// The children of `element` as libxml2's xmlNodeDumpOutput writes them: no
    /// indentation, empty elements as `<a/>`, UTF-8 as it is.
    func serializeChildren(of element: Int32, into out: inout [UInt8]) {
        let nodes = store.pointee.nodes.basis, attributes = store.pointee.attributes.basis
        guard nodes[Int(element)].firstChild >= 0 else { return }
        var writer = ByteWriter()
        defer { writer.free() }
        var c = nodes[Int(element)].firstChild
        while c >= 0 {
            Self.serialize(nodes + Int(c), nodes, attributes, into: &writer)
            c = nodes[Int(c)].next
        }
        out.append(contentsOf: UnsafeBufferPointer(start: writer.base, count: writer.count))
    }

    private static func serialize(_ node: UnsafeMutablePointer<Node>, _ nodes: UnsafeMutablePointer<Node>,
                                  _ attributes: UnsafeMutablePointer<Attribute>, into out: inout ByteWriter) {
        if node.pointee.isText {
            appendEscaped(node.pointee.value, attribute: false, into: &out)
            return
        }
        out.append(UInt8(ascii: "<"))
        appendRaw(node.pointee.value, into: &out)
        var a = node.pointee.firstAttribute
        while a >= 0 {
            let attribute = attributes + Int(a)
            out.append(UInt8(ascii: " "))
            appendRaw(attribute.pointee.name, into: &out)
            out.append(UInt8(ascii: "="))
            out.append(UInt8(ascii: "\""))
            appendEscaped(attribute.pointee.value, attribute: true, into: &out)
            out.append(UInt8(ascii: "\""))
            a = attribute.pointee.next
        }
        guard node.pointee.firstChild >= 0 else {
            out.append(UInt8(ascii: "/"))
            out.append(UInt8(ascii: ">"))
            return
        }
        out.append(UInt8(ascii: ">"))
        var c = node.pointee.firstChild
        while c >= 0 {
            serialize(nodes + Int(c), nodes, attributes, into: &out)
            c = nodes[Int(c)].next
        }
        out.append(UInt8(ascii: "<"))
        out.append(UInt8(ascii: "/"))
        appendRaw(node.pointee.value, into: &out)
        out.append(UInt8(ascii: ">"))
    }

    private static func withUTF8(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if s.utf8.withContiguousStorageIfAvailable(body) == nil {
            Array(s.utf8).withUnsafeBufferPointer(body)
        }
    }

    private static func appendRaw(_ s: String, into out: inout ByteWriter) {
        withUTF8(s) { bytes in
            if let base = bytes.baseAddress { out.append(base, count: bytes.count) }
        }
    }

    /// The one place where generated text and attribute values are escaped, as libxml2
    /// does: `< > &` everywhere, CR as `&#13;`; in attribute values also `"`, tab and
    /// newline. Other bytes (UTF-8 included) are written as they are.
    private static func appendEscaped(_ s: String, attribute: Bool, into out: inout ByteWriter) {
        withUTF8(s) { bytes in
            guard let text = bytes.baseAddress else { return }
            var runStart = 0
            for i in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[i] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case 0x0D: replacement = "&#13;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x09 where attribute: replacement = "&#9;"
                default: continue
                }
                if runStart < i { out.append(text + runStart, count: i - runStart) }
                out.append(replacement.utf8Start, count: replacement.utf8CodeUnitCount)
                runStart = i + 1
            }
            if runStart < bytes.count { out.append(text + runStart, count: bytes.count - runStart) }
        }
    }
}
