import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A template part, parsed once and serialised once, split at its `<?vip NAME?>`
/// markers. A render builds only the generated content (with the tree API, in a small
/// fragment document that declares the template's namespaces), serialises it, and
/// puts it between the cached segments. The static parts are never copied or
/// serialised again: that is where the time would go.
///
/// Immutable after `init`, so it may be shared between threads.
public final class XMLTemplate: @unchecked Sendable {
    /// Marker names in document order (a name may occur more than once).
    public let markers: [String]
    /// `markers.count + 1` byte segments around the markers.
    private let segments: [[UInt8]]
    private let namespaces: [(prefix: String?, uri: String)]

    public init(parsing bytes: [UInt8], url: String = "part.xml") throws(XMLError) {
        let tree = try XMLTree(parsing: bytes, url: url)
        // Comments explain the template in the repository; they do not belong in every
        // document, and one that mentions a marker would be split at.
        tree.removeComments()
        let names = tree.processingInstructions(target: "vip")
        let serialised = tree.serialized()
        // libxml2 writes a processing instruction as "<?target content?>"; split there.
        var segments: [[UInt8]] = []
        var start = 0
        for name in names {
            let needle = Array("<?vip \(name)?>".utf8)
            guard let found = Self.firstIndex(of: needle, in: serialised, from: start) else {
                throw .malformed(line: 0, column: 0, message: "marker <?vip \(name)?> not found after serialisation")
            }
            segments.append(Array(serialised[start..<found]))
            start = found + needle.count
        }
        segments.append(Array(serialised[start...]))
        self.markers = names
        self.segments = segments
        self.namespaces = tree.rootNamespaces()
    }

    /// Where `needle` first occurs in `bytes` at or after `start` (memchr and memcmp: the
    /// generic `firstRange(of:)` took a sixth of a one-package `vip build`).
    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first else { return start }
        return bytes.withUnsafeBytes { haystack -> Int? in
            needle.withUnsafeBytes { n -> Int? in
                guard let base = haystack.baseAddress else { return nil }
                var i = start
                while i + n.count <= haystack.count {
                    guard let hit = memchr(base + i, Int32(first), haystack.count - n.count + 1 - i) else { return nil }
                    i = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + i, n.baseAddress!, n.count) == 0 { return i }
                    i += 1
                }
                return nil
            }
        }
    }

    /// A fresh set of empty containers, one per marker name.
    public func instantiate() -> XMLTemplateInstance {
        XMLTemplateInstance(template: self)
    }

    /// The part: cached segments with the serialised content of each marker between them.
    public func render(_ instance: XMLTemplateInstance) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.count } + 1024)
        for (i, name) in markers.enumerated() {
            out += segments[i]
            instance.serializeContent(of: name, into: &out)
        }
        out += segments[markers.count]
        return out
    }

    fileprivate var namespaceDeclarations: [(prefix: String?, uri: String)] { namespaces }
}

/// The generated content of one render of an `XMLTemplate`.
public final class XMLTemplateInstance {
    private let tree: XMLTree
    private var containers: [String: XMLTreeElement] = [:]

    fileprivate init(template: XMLTemplate) {
        // The fragment root declares the template root's namespaces, so generated
        // elements use the same prefixes and their serialisation needs no declarations.
        tree = XMLTree(fragmentRootWith: template.namespaceDeclarations)
        for name in template.markers where containers[name] == nil {
            containers[name] = tree.appendContainer()
        }
    }

    /// Where content for `<?vip name?>` goes; nil when the template has no such marker.
    public func marker(_ name: String) -> XMLTreeElement? {
        containers[name]
    }

    fileprivate func serializeContent(of name: String, into out: inout [UInt8]) {
        guard let container = containers[name] else { return }
        tree.serializeChildren(of: container, into: &out)
    }
}

extension XMLTree {
    /// Names (content) of the processing instructions with this target, in document order.
    func processingInstructions(target: String) -> [String] {
        var result: [String] = []
        forEachNode { node in
            if node.pointee.type == XML_PI_NODE && Self.string(node.pointee.name) == target {
                result.append(Self.string(node.pointee.content).trimmedText)
            }
        }
        return result
    }

    func removeComments() {
        var comments: [xmlNodePtr] = []
        var top = doc.pointee.children
        while let t = top {
            if t.pointee.type == XML_COMMENT_NODE { comments.append(t) }
            top = t.pointee.next
        }
        forEachNode { node in
            if node.pointee.type == XML_COMMENT_NODE { comments.append(node) }
        }
        for c in comments {
            xmlUnlinkNode(c)
            xmlFreeNode(c)
        }
    }

    func rootNamespaces() -> [(prefix: String?, uri: String)] {
        var result: [(prefix: String?, uri: String)] = []
        var ns = xmlDocGetRootElement(doc)?.pointee.nsDef
        while let n = ns {
            result.append((n.pointee.prefix.map { String(cString: $0) }, Self.string(n.pointee.href)))
            ns = n.pointee.next
        }
        return result
    }

    convenience init(fragmentRootWith namespaces: [(prefix: String?, uri: String)]) {
        // Cannot fail: "fragments" has no prefix.
        try! self.init(root: "fragments")
        // Attribute values with non-ASCII are written as UTF-8 only when the document
        // has an encoding; otherwise libxml2 writes character references.
        doc.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
        let root = xmlDocGetRootElement(doc)
        for ns in namespaces {
            _ = xmlNewNs(root, ns.uri, ns.prefix)
        }
    }

    func appendContainer() -> XMLTreeElement {
        let node = xmlNewDocNode(doc, nil, "container", nil)!
        xmlAddChild(xmlDocGetRootElement(doc), node)
        return XMLTreeElement(node: node, document: self)
    }

    /// The children of `element`, serialised as UTF-8 without declarations: the same
    /// bytes libxml2's xmlNodeDumpOutput writes (no indentation, empty elements as
    /// `<a/>`, UTF-8 as it is), written straight into `out` instead of through an
    /// output buffer piece by piece. Elements, attributes and text are all this
    /// module builds; anything else goes through libxml2.
    func serializeChildren(of element: XMLTreeElement, into out: inout [UInt8]) {
        guard element.node.pointee.children != nil else { return }
        var writer = ByteWriter()
        defer { writer.free() }
        var child = element.node.pointee.children
        while let c = child {
            serialize(c, into: &writer)
            child = c.pointee.next
        }
        out.append(contentsOf: UnsafeBufferPointer(start: writer.base, count: writer.count))
    }

    private func serialize(_ node: xmlNodePtr, into out: inout ByteWriter) {
        switch node.pointee.type {
        case XML_TEXT_NODE where Self.isPlainText(node):
            Self.appendEscaped(node.pointee.content, attribute: false, into: &out)
        case XML_ELEMENT_NODE where node.pointee.nsDef == nil:
            out.append(UInt8(ascii: "<"))
            Self.appendName(node.pointee.ns, node.pointee.name, into: &out)
            var attribute = node.pointee.properties
            while let a = attribute {
                out.append(UInt8(ascii: " "))
                Self.appendName(a.pointee.ns, a.pointee.name, into: &out)
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: "\""))
                var text = a.pointee.children
                while let t = text {
                    if t.pointee.type == XML_TEXT_NODE {
                        Self.appendEscaped(t.pointee.content, attribute: true, into: &out)
                    }
                    text = t.pointee.next
                }
                out.append(UInt8(ascii: "\""))
                attribute = a.pointee.next
            }
            guard node.pointee.children != nil else {
                out.append(UInt8(ascii: "/"))
                out.append(UInt8(ascii: ">"))
                return
            }
            out.append(UInt8(ascii: ">"))
            var child = node.pointee.children
            while let c = child {
                serialize(c, into: &out)
                child = c.pointee.next
            }
            out.append(UInt8(ascii: "<"))
            out.append(UInt8(ascii: "/"))
            Self.appendName(node.pointee.ns, node.pointee.name, into: &out)
            out.append(UInt8(ascii: ">"))
        default:
            guard let buffer = xmlAllocOutputBuffer(nil) else { fatalError("libxml2: out of memory") }
            xmlNodeDumpOutput(buffer, doc, node, 0, 0, "UTF-8")
            xmlOutputBufferFlush(buffer)
            if let content = xmlOutputBufferGetContent(buffer) {
                out.append(content, count: Int(xmlOutputBufferGetSize(buffer)))
            }
            xmlOutputBufferClose(buffer)
        }
    }

    /// A text node to escape (libxml2 names them "text"; "textnoenc" is written raw).
    private static func isPlainText(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        return strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "text") == 0
    }

    private static func appendName(_ ns: xmlNsPtr?, _ name: UnsafePointer<xmlChar>?, into out: inout ByteWriter) {
        if let prefix = ns?.pointee.prefix {
            appendCString(prefix, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        if let name { appendCString(name, into: &out) }
    }

    private static func appendCString(_ s: UnsafePointer<xmlChar>, into out: inout ByteWriter) {
        out.append(s, count: strlen(UnsafeRawPointer(s).assumingMemoryBound(to: CChar.self)))
    }

    /// The one place where text and attribute values are escaped, as libxml2 does:
    /// `< > &` everywhere, CR as `&#13;`; in attribute values also `"`, tab and
    /// newline. Other bytes (UTF-8 included) are written as they are.
    private static func appendEscaped(_ text: UnsafePointer<xmlChar>?, attribute: Bool, into out: inout ByteWriter) {
        guard let text else { return }
        let count = strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))
        let bytes = UnsafeBufferPointer(start: text, count: count)
        var runStart = 0
        for i in 0..<count {
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
        if runStart < count { out.append(text + runStart, count: count - runStart) }
    }
}

/// A growing byte buffer in malloc'ed memory, for the serialiser: appends without the
/// per-call checks of an Array. `free()` when done.
private struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 16384) {
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    func free() { base.deallocate() }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (base + count).update(from: bytes, count: n)
        count += n
    }
}
