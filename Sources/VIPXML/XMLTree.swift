import CLibXML2
import VIPHash
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors of the XML layer. Messages are produced by the callers (VIPDocument), which
/// know which part and which template the error belongs to.
public enum XMLError: Error, Equatable, Sendable {
    /// The bytes are not well-formed XML; `line` and `column` are 1-based as libxml2
    /// reports them (column 0 when libxml2 does not know it).
    case malformed(line: Int, column: Int, message: String)
    /// XML 1.0 cannot carry this character (most C0 controls, U+FFFE, U+FFFF).
    case illegalCharacter(scalar: UInt32, text: String)
    /// A qualified name uses a prefix that no ancestor declares.
    case unknownNamespacePrefix(String)
    case noRootElement
}

/// libxml2 keeps global state that is set up lazily; do it once, before any thread
/// races to it. (Never call `xmlCleanupParser`: Foundation shares the library.)
private let libxml2Initialised: Void = { xmlInitParser() }()

/// The first error of one parse (see `XMLTree.init(parsing:)`).
private final class FirstError {
    var code: Int32?
    var line = 0
    var column = 0
    var message: String?
}

/// An XML document owned by Swift (not named XMLDocument: Foundation has one on macOS). The libxml2 pointers never leave this module;
/// `deinit` frees the whole tree.
public final class XMLTree {
    let doc: xmlDocPtr
    private var namespaceCache: [String: xmlNsPtr] = [:]
    /// Namespace and interned local name per `NameTable` id, for documents built here
    /// (they have a dictionary): a name is split once per process and resolved once per
    /// document, not once per element.
    private var elementNames: [ResolvedName?] = []
    private var attributeNames: [ResolvedName?] = []
    /// The names asked for last, by the bits of their `String`: the writers pass the same
    /// literals over and over, and a literal (or a short string) has the same bits at every
    /// use, so most lookups end here without hashing the text or taking the name table's lock.
    /// An entry keeps its string alive, so equal bits mean an equal string.
    private var recentElementNames = RecentNames()
    private var recentAttributeNames = RecentNames()

    struct ResolvedName {
        let ns: xmlNsPtr?
        /// Owned by the document's dictionary (freed with the document).
        let local: UnsafePointer<xmlChar>
    }

    private init(adopting doc: xmlDocPtr) {
        self.doc = doc
    }

    deinit { xmlFreeDoc(doc) }

    /// A new document with one root element that declares `namespaces`
    /// (prefix "" is the default namespace).
    public convenience init(root qualifiedName: String,
                            namespaces: KeyValuePairs<String, String> = [:]) throws(XMLError) {
        _ = libxml2Initialised
        guard let doc = xmlNewDoc("1.0") else { fatalError("libxml2: out of memory") }
        // Element and attribute names are interned in the document's own dictionary
        // (freed by xmlFreeDoc); nothing is shared between documents or threads.
        doc.pointee.dict = xmlDictCreate()
        self.init(adopting: doc)
        let (prefix, local) = Self.split(qualifiedName)
        guard let root = xmlNewDocNode(doc, nil, local, nil) else { fatalError("libxml2: out of memory") }
        xmlDocSetRootElement(doc, root)
        for (p, uri) in namespaces {
            // The namespace is owned by the root element's nsDef list.
            _ = xmlNewNs(root, uri, p.isEmpty ? nil : p)
        }
        xmlSetNs(root, try namespace(prefix))
    }

    /// Parses `bytes`. Network access, DTD loading and libxml2's own error printing are
    /// off; the first error is returned with its line and column.
    /// Whitespace-only text between elements is dropped, so templates can be indented
    /// in the repository and still produce compact output.
    public convenience init(parsing bytes: [UInt8], url: String = "part.xml") throws(XMLError) {
        _ = libxml2Initialised
        let options = Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_NODICT.rawValue
            | XML_PARSE_NOCDATA.rawValue)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD }) else {
            throw .malformed(line: 1, column: 1, message: "het bestand is leeg")
        }
        // The first error is the one to report ("tag mismatch" rather than the
        // "premature end" that follows from it): a per-parse handler keeps it.
        guard let ctxt = xmlNewParserCtxt() else { fatalError("libxml2: out of memory") }
        defer { xmlFreeParserCtxt(ctxt) }
        let first = FirstError()
        let box = Unmanaged.passRetained(first)
        defer { box.release() }
        ctxt.pointee._private = box.toOpaque()
        ctxt.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let p = ctxt.pointee._private else { return }
            let first = Unmanaged<FirstError>.fromOpaque(p).takeUnretainedValue()
            guard first.code == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            first.code = error.pointee.code
            first.line = Int(error.pointee.line)
            first.column = Int(error.pointee.int2)
            first.message = error.pointee.message.map { String(cString: $0) }
        }
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(ctxt, $0, Int32(buffer.count), url, nil, options)
            }
        }
        guard let parsed else {
            if let code = first.code {
                throw .malformed(line: first.line, column: first.column,
                                 message: Self.dutchParseMessage(code: code,
                                                                 english: first.message?.trimmedText))
            }
            throw .malformed(line: 0, column: 0, message: "onbekende fout")
        }
        self.init(adopting: parsed)
        guard xmlDocGetRootElement(parsed) != nil else { throw .noRootElement }
    }

    /// libxml2's most common parse errors in Dutch, the English detail in parentheses.
    static func dutchParseMessage(code: Int32, english: String?) -> String {
        let detail = english.map { " (libxml2: \($0))" } ?? ""
        func matches(_ e: xmlParserErrors) -> Bool { code == Int32(e.rawValue) }
        let dutch: String
        if matches(XML_ERR_DOCUMENT_EMPTY) {
            dutch = "het bestand bevat geen XML"
        } else if matches(XML_ERR_TAG_NOT_FINISHED) || matches(XML_ERR_DOCUMENT_END) && english?.hasPrefix("Premature") == true {
            dutch = "het bestand houdt midden in een element op"
        } else if matches(XML_ERR_TAG_NAME_MISMATCH) {
            dutch = "een sluitende tag hoort niet bij de openende tag"
        } else if matches(XML_ERR_DOCUMENT_END) {
            dutch = "na het hoofdelement staat nog inhoud"
        } else if matches(XML_ERR_ENTITY_LOOP) {
            dutch = "de entiteiten in de DTD verwijzen in een kringloop naar elkaar of groeien explosief;"
                + " vip weigert zulke sjablonen"
        } else if matches(XML_ERR_UNDECLARED_ENTITY) {
            dutch = "een entiteit (&naam;) wordt gebruikt maar is niet gedeclareerd"
        } else if matches(XML_ERR_INVALID_CHAR) || matches(XML_ERR_INVALID_ENCODING) {
            dutch = "het bestand bevat een teken dat in XML niet mag of is geen geldige UTF-8"
        } else if matches(XML_ERR_GT_REQUIRED) {
            dutch = "een tag is niet afgesloten met '>'"
        } else if matches(XML_ERR_ATTRIBUTE_NOT_STARTED) || matches(XML_ERR_ATTRIBUTE_WITHOUT_VALUE)
                    || matches(XML_ERR_ATTRIBUTE_REDEFINED) || matches(XML_ERR_LT_IN_ATTRIBUTE) {
            dutch = "een attribuut is niet goed geschreven"
        } else if matches(XML_ERR_NAME_REQUIRED) {
            dutch = "na '<' ontbreekt de naam van een element"
        } else if let english {
            return "ongeldige XML (libxml2: \(english))"
        } else {
            return "onbekende fout"
        }
        return dutch + detail
    }

    public var root: XMLTreeElement {
        XMLTreeElement(node: xmlDocGetRootElement(doc)!, document: self)
    }

    /// UTF-8 bytes with an XML declaration, no added indentation (whitespace is
    /// significant in ODF paragraphs), identical for identical trees.
    public func serialized() -> [UInt8] {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        // An explicit encoding, or non-ASCII text would become character references.
        xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 0)
        guard let buffer else { fatalError("libxml2: out of memory") }
        defer { vip_xmlFree(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// Every node below the root element (root included), in document order.
    func forEachNode(_ body: (xmlNodePtr) -> Void) {
        _ = findNode(from: xmlDocGetRootElement(doc), where: { body($0); return false })
    }

    /// Depth-first, document order, without recursion (deep trees cannot overflow).
    private func findNode(from start: xmlNodePtr?, where match: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var node = start
        while let current = node {
            if match(current) { return current }
            if let child = current.pointee.children, current.pointee.type == XML_ELEMENT_NODE {
                node = child
                continue
            }
            var climb: xmlNodePtr? = current
            while let c = climb, c != start, c.pointee.next == nil { climb = c.pointee.parent }
            guard let c = climb, c != start else { return nil }
            node = c.pointee.next
        }
        return nil
    }

    // MARK: - Names

    /// Namespaces are resolved against the declarations on the root element, where
    /// templates and generated documents declare them all.
    func namespace(_ prefix: String?) throws(XMLError) -> xmlNsPtr? {
        let key = prefix ?? ""
        if let cached = namespaceCache[key] { return cached }
        let found = xmlSearchNs(doc, xmlDocGetRootElement(doc), prefix)
        if found == nil {
            if prefix == nil { return nil }   // no default namespace: unqualified name
            throw .unknownNamespacePrefix(key)
        }
        namespaceCache[key] = found
        return found
    }

    /// The namespace and interned local name of an element name.
    func elementName(_ qualifiedName: String) throws(XMLError) -> ResolvedName {
        if let recent = recentElementNames[qualifiedName] { return recent }
        let name = NameTable.shared.name(qualifiedName)
        if name.id < elementNames.count, let cached = elementNames[name.id] {
            recentElementNames[qualifiedName] = cached
            return cached
        }
        let resolved = ResolvedName(ns: try namespace(name.prefix), local: intern(name.local))
        Self.store(resolved, at: name.id, in: &elementNames)
        recentElementNames[qualifiedName] = resolved
        return resolved
    }

    /// The namespace and interned local name of an attribute name. Unprefixed
    /// attributes are in no namespace, whatever the default namespace is.
    func attributeName(_ qualifiedName: String) throws(XMLError) -> ResolvedName {
        if let recent = recentAttributeNames[qualifiedName] { return recent }
        let name = NameTable.shared.name(qualifiedName)
        if name.id < attributeNames.count, let cached = attributeNames[name.id] {
            recentAttributeNames[qualifiedName] = cached
            return cached
        }
        let resolved = ResolvedName(ns: name.prefix == nil ? nil : try namespace(name.prefix), local: intern(name.local))
        Self.store(resolved, at: name.id, in: &attributeNames)
        recentAttributeNames[qualifiedName] = resolved
        return resolved
    }

    /// A small direct-mapped cache from a name's `String` to its resolved name.
    struct RecentNames {
        private var slots = [(name: String, resolved: ResolvedName)?](repeating: nil, count: 64)

        private static func slot(_ s: String) -> Int {
            // The string's two words: an immortal literal's address and length, or a short
            // string's bytes.
            let (a, b) = unsafeBitCast(s, to: (UInt64, UInt64).self)
            let h = (a ^ (b &* 0x9E37_79B9_7F4A_7C15))
            return Int(truncatingIfNeeded: (h >> 58) ^ (h >> 17)) & 63
        }

        subscript(name: String) -> ResolvedName? {
            get {
                guard let entry = slots[Self.slot(name)], entry.name == name else { return nil }
                return entry.resolved
            }
            set { slots[Self.slot(name)] = newValue.map { (name, $0) } }
        }
    }

    private static func store(_ resolved: ResolvedName, at id: Int, in names: inout [ResolvedName?]) {
        if id >= names.count { names += repeatElement(nil, count: max(id + 1, NameTable.shared.count) - names.count) }
        names[id] = resolved
    }

    private func intern(_ name: UnsafePointer<xmlChar>) -> UnsafePointer<xmlChar> {
        if doc.pointee.dict == nil {
            // A parsed document (XML_PARSE_NODICT) gets a dictionary for the names
            // added to it; nodes that are not in it free their own names.
            doc.pointee.dict = xmlDictCreate()
        }
        guard let interned = xmlDictLookup(doc.pointee.dict, name, -1) else { fatalError("libxml2: out of memory") }
        return interned
    }

    /// Qualified names split once per process: the writers use a few hundred names
    /// tens of thousands of times. Each name gets a small id that indexes the per-document
    /// tables above. Shared by all threads, behind a lock; names are never freed.
    final class NameTable: @unchecked Sendable {
        struct Name {
            let id: Int
            let qualified: String
            let prefix: String?
            /// Copied once, never freed (the table lives as long as the process).
            let local: UnsafePointer<xmlChar>
        }

        static let shared = NameTable()
        private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
            let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
            pthread_mutex_init(m, nil)
            return m
        }()
        /// Open addressing with FNV-1a over the UTF-8 bytes: Swift's seeded hashing of a
        /// String cost more than the rest of a lookup, and this table is asked for every
        /// element and attribute written.
        private var slots = [Name?](repeating: nil, count: 512)
        private var used = 0

        var count: Int {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return used
        }

        private static func hash(_ s: String) -> Int {
            var copy = s
            let h = copy.withUTF8 { FNV1a64.hash($0) }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }

        func name(_ qualifiedName: String) -> Name {
            let h = Self.hash(qualifiedName)
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            var i = h & (slots.count - 1)
            while let known = slots[i] {
                if known.qualified == qualifiedName { return known }
                i = (i + 1) & (slots.count - 1)
            }
            let (prefix, local) = XMLTree.split(qualifiedName)
            guard let copy = xmlCharStrdup(local) else { fatalError("libxml2: out of memory") }
            let name = Name(id: used, qualified: qualifiedName, prefix: prefix, local: UnsafePointer(copy))
            slots[i] = name
            used += 1
            if used * 2 > slots.count { grow() }
            return name
        }

        /// Twice the slots, every name placed again (at most half full).
        private func grow() {
            let old = slots
            slots = [Name?](repeating: nil, count: old.count * 2)
            for case let name? in old {
                var i = Self.hash(name.qualified) & (slots.count - 1)
                while slots[i] != nil { i = (i + 1) & (slots.count - 1) }
                slots[i] = name
            }
        }
    }

    static func split(_ qualifiedName: String) -> (prefix: String?, local: String) {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return (nil, qualifiedName) }
        return (String(qualifiedName[..<colon]), String(qualifiedName[qualifiedName.index(after: colon)...]))
    }

    /// The text as a C string for libxml2, without the copy into a new array that the
    /// implicit String-to-`xmlChar *` conversion makes (libxml2 copies it anyway).
    static func withXMLChars<R>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    /// Swift strings cannot hold surrogates, so only controls and U+FFFE/U+FFFF remain.
    /// libxml2 would write them anyway and the part would no longer parse.
    static func checkCharacters(_ text: String) throws(XMLError) {
        // Fast path on the UTF-8 bytes: controls are single bytes below 0x20, U+FFFE
        // and U+FFFF are EF BF BE and EF BF BF.
        let suspicious = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x20 {
                    if b != 0x9 && b != 0xA && b != 0xD { return true }
                } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE {
                    return true
                }
                i += 1
            }
            return false
        } ?? true
        guard suspicious else { return }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 ? (v != 0x9 && v != 0xA && v != 0xD) : (v == 0xFFFE || v == 0xFFFF) {
                throw .illegalCharacter(scalar: v, text: text)
            }
        }
    }
}

extension XMLTreeElement {
    /// Convenience: a new element holding only `text`.
    @discardableResult
    public func append(_ qualifiedName: String, text: String) throws(XMLError) -> XMLTreeElement {
        // Checked first: a refused text leaves no empty element behind.
        try XMLTree.checkCharacters(text)
        let e = try append(qualifiedName)
        e.appendCheckedText(text)
        return e
    }
}

/// An element inside an `XMLTree` (libxml2) or inside the generated content of a template
/// render (`XMLFragment`); keeps its document alive.
public struct XMLTreeElement {
    enum Backing {
        case tree(xmlNodePtr, XMLTree)
        case fragment(Int32, XMLFragment)
    }
    let backing: Backing

    init(node: xmlNodePtr, document: XMLTree) {
        backing = .tree(node, document)
    }

    init(fragment: XMLFragment, index: Int32) {
        backing = .fragment(index, fragment)
    }

    static func newElement(_ qualifiedName: String, in document: XMLTree) throws(XMLError) -> xmlNodePtr {
        let name = try document.elementName(qualifiedName)
        // The name belongs to the document's dictionary, so the node takes the pointer
        // as it is (no copy) and xmlFreeNode leaves it alone.
        guard let new = xmlNewDocNodeEatName(document.doc, name.ns, UnsafeMutablePointer(mutating: name.local), nil)
        else { fatalError("libxml2: out of memory") }
        return new
    }

    /// Adds a child element at the end.
    @discardableResult
    public func append(_ qualifiedName: String) throws(XMLError) -> XMLTreeElement {
        switch backing {
        case .fragment(let index, let fragment):
            try fragment.check(qualifiedName)
            return XMLTreeElement(fragment: fragment, index: fragment.appendElement(qualifiedName, to: index))
        case .tree(let node, let document):
            let new = try Self.newElement(qualifiedName, in: document)
            xmlAddChild(node, new)
            return XMLTreeElement(node: new, document: document)
        }
    }

    /// Sets an attribute; the value is stored as text and escaped on output. Set again, an
    /// attribute keeps its place and takes the new value.
    @discardableResult
    public func attribute(_ qualifiedName: String, _ value: String) throws(XMLError) -> XMLTreeElement {
        try XMLTree.checkCharacters(value)
        switch backing {
        case .fragment(let index, let fragment):
            try fragment.check(qualifiedName)
            fragment.setAttribute(qualifiedName, value, on: index)
        case .tree(let node, let document):
            let name = try document.attributeName(qualifiedName)
            // Names in one document are interned once, so equal names are equal pointers.
            var existing = node.pointee.properties
            while let p = existing {
                if UnsafePointer(p.pointee.name) == name.local && p.pointee.ns == name.ns {
                    XMLTree.withXMLChars(value) { _ = xmlSetNsProp(node, name.ns, name.local, $0) }
                    return self
                }
                existing = p.pointee.next
            }
            let added = XMLTree.withXMLChars(value) {
                xmlNewNsPropEatName(node, name.ns, UnsafeMutablePointer(mutating: name.local), $0)
            }
            guard added != nil else { fatalError("libxml2: out of memory") }
        }
        return self
    }

    /// Appends a text node. `xmlNewDocText` takes the text literally; `xmlNodeSetContent`
    /// would parse entities and turn "A & B" into an empty node.
    public func appendText(_ text: String) throws(XMLError) {
        try XMLTree.checkCharacters(text)
        appendCheckedText(text)
    }

    /// `appendText` for a text whose characters have been checked.
    func appendCheckedText(_ text: String) {
        guard !text.isEmpty else { return }
        switch backing {
        case .fragment(let index, let fragment):
            fragment.appendText(text, to: index)
        case .tree(let node, let document):
            guard let t = XMLTree.withXMLChars(text, { xmlNewDocText(document.doc, $0) }) else {
                fatalError("libxml2: out of memory")
            }
            xmlAddChild(node, t)
        }
    }

    public var localName: String {
        switch backing {
        case .fragment(let index, let fragment): return XMLFragment.localName(fragment.node(index).value)
        case .tree(let node, _): return XMLTree.string(node.pointee.name)
        }
    }

    /// Concatenated text of all descendants (for tests and checks).
    public var textContent: String {
        switch backing {
        case .fragment(let index, let fragment): return fragment.textContent(of: index)
        case .tree(let node, _):
            guard let c = xmlNodeGetContent(node) else { return "" }
            defer { vip_xmlFree(c) }
            return String(cString: c)
        }
    }

    /// Child elements in order.
    public var children: [XMLTreeElement] {
        switch backing {
        case .fragment(let index, let fragment):
            return fragment.children(of: index).map { XMLTreeElement(fragment: fragment, index: $0) }
        case .tree(let node, let document):
            var result: [XMLTreeElement] = []
            var c = node.pointee.children
            while let n = c {
                if n.pointee.type == XML_ELEMENT_NODE { result.append(XMLTreeElement(node: n, document: document)) }
                c = n.pointee.next
            }
            return result
        }
    }

    public func attributeValue(_ localName: String) -> String? {
        switch backing {
        case .fragment(let index, let fragment): return fragment.attributeValue(localName, of: index)
        case .tree(let node, _):
            var a = node.pointee.properties
            while let p = a {
                if XMLTree.string(p.pointee.name) == localName {
                    guard let v = xmlNodeGetContent(UnsafeMutableRawPointer(p).assumingMemoryBound(to: xmlNode.self))
                    else { return "" }
                    defer { vip_xmlFree(v) }
                    return String(cString: v)
                }
                a = p.pointee.next
            }
            return nil
        }
    }
}

extension String {
    /// The text without leading and trailing white space. VIPXML sits below VIPModel,
    /// whose `trimmedText` the rest of the package uses; this is the same helper for
    /// this module alone (internal, so the two never meet).
    var trimmedText: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
