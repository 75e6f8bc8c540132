import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A template part, parsed once and serialised once, split at its `<?vip NAME?>`
/// markers. A render builds only the generated content (with the tree API, in an
/// `XMLFragment` that knows the template's namespace prefixes), serialises it, and
/// puts it between the cached segments. The static parts are never copied or
/// serialised again: that is where the time would go.
///
/// Immutable after `init`, so it may be shared between threads.
public final class XMLTemplate: @unchecked Sendable {
    /// Marker names in document order (a name may occur more than once).
    public let markers: [String]
    /// `markers.count + 1` byte segments around the markers.
    private let segments: [[UInt8]]
    /// The namespace prefixes the root element declares (generated names may use these).
    let prefixes: Set<String>

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
        self.prefixes = tree.rootPrefixes()
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
}

/// The generated content of one render of an `XMLTemplate`.
public final class XMLTemplateInstance {
    private let fragment: XMLFragment
    private var containers: [String: Int32] = [:]

    fileprivate init(template: XMLTemplate) {
        // Generated elements use the prefixes the template root declares; their
        // serialisation needs no declarations.
        fragment = XMLFragment(prefixes: template.prefixes)
        for name in template.markers where containers[name] == nil {
            containers[name] = fragment.appendContainer()
        }
    }

    /// Where content for `<?vip name?>` goes; nil when the template has no such marker.
    public func marker(_ name: String) -> XMLTreeElement? {
        containers[name].map { XMLTreeElement(fragment: fragment, index: $0) }
    }

    fileprivate func serializeContent(of name: String, into out: inout [UInt8]) {
        guard let container = containers[name] else { return }
        fragment.serializeChildren(of: container, into: &out)
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

    /// The prefixes the root element declares (not the default namespace).
    func rootPrefixes() -> Set<String> {
        var result: Set<String> = []
        var ns = xmlDocGetRootElement(doc)?.pointee.nsDef
        while let n = ns {
            if let prefix = n.pointee.prefix { result.insert(String(cString: prefix)) }
            ns = n.pointee.next
        }
        return result
    }
}

/// A growing byte buffer in malloc'ed memory, for the serialiser: appends without the
/// per-call checks of an Array. `free()` when done.
struct ByteWriter {
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
