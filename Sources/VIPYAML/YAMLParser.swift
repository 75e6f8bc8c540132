import CYAML

/// A position in the input as libyaml reports it, made 1-based: the line, and the column
/// counted in characters (not bytes), as an editor shows it.
public struct YAMLMark: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// How a scalar was written. Block scalars (`|`, `>`) count as not plain: their text is
/// never a number or a null.
public enum YAMLScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One parse event, with its anchor and tag copied out of libyaml's memory.
public enum YAMLEvent: Sendable, Hashable {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(String, style: YAMLScalarStyle, anchor: String?, tag: String?)
    case sequenceStart(anchor: String?, tag: String?)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?)
    case mappingEnd
}

/// libyaml's own description of why it stopped, in its (English) words.
public struct YAMLParseError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// libyaml could not allocate memory.
        case memory
        /// The bytes are not text in the declared encoding (bad UTF-8, control characters).
        case reader
        /// A token could not be read (a tab, an unclosed quote, a stray `@`).
        case scanner
        /// The tokens do not form a valid YAML structure (indentation, a stray `:`).
        case parser
    }
    public var kind: Kind
    /// libyaml's problem text, e.g. "mapping values are not allowed in this context".
    public var problem: String
    /// What libyaml was reading when it met the problem, e.g. "while scanning a simple key".
    public var context: String?
    /// Where the problem is; `nil` for reader and memory errors, which libyaml reports as a
    /// byte offset rather than a line.
    public var mark: YAMLMark?
    /// The byte offset of the problem, for reader errors.
    public var offset: Int?

    public init(kind: Kind, problem: String, context: String? = nil, mark: YAMLMark? = nil, offset: Int? = nil) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.mark = mark
        self.offset = offset
    }
}

/// A pull parser over one UTF-8 input. Hides libyaml's parser and event structs: every
/// event is copied into Swift values and freed before `next()` returns, and the parser
/// and its copy of the input are freed in `deinit`.
public final class YAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// libyaml reads the input lazily while parsing, so it gets a copy that lives exactly
    /// as long as the parser (a pointer from `withUnsafeBufferPointer` would dangle).
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// Whether `yaml_parser_initialize` succeeded, so that `deinit` may call
    /// `yaml_parser_delete`. (A class whose init throws after its stored properties are
    /// set still runs `deinit`: the memory is freed there, in one place.)
    private var initialised = false

    /// Prepares a parser over `bytes` (UTF-8). Throws `.memory` if libyaml cannot start.
    public init(_ bytes: [UInt8]) throws(YAMLParseError) {
        // At least one byte: libyaml asserts a non-null input pointer, and an empty
        // array has none.
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        try check(yaml_parser_initialize(parser))
        initialised = true
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        if initialised { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    /// The next event and the mark where it starts. After the stream has ended, keeps
    /// returning `.streamEnd`; after an error, keeps throwing it.
    public func next() throws(YAMLParseError) -> (event: YAMLEvent, mark: YAMLMark) {
        var event = yaml_event_t()
        try check(yaml_parser_parse(parser, &event))
        // The event owns copies of its strings; they are copied out below and freed here.
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return (.streamStart, mark)
        case YAML_DOCUMENT_START_EVENT:
            return (.documentStart, mark)
        case YAML_DOCUMENT_END_EVENT:
            return (.documentEnd, mark)
        case YAML_ALIAS_EVENT:
            return (.alias(anchor: Self.string(event.data.alias.anchor) ?? ""), mark)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let style: YAMLScalarStyle
            switch s.style {
            case YAML_PLAIN_SCALAR_STYLE: style = .plain
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            default: style = .folded
            }
            let value = Self.string(s.value, length: Int(s.length))
            return (.scalar(value, style: style, anchor: Self.string(s.anchor), tag: Self.string(s.tag)), mark)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return (.sequenceStart(anchor: Self.string(s.anchor), tag: Self.string(s.tag)), mark)
        case YAML_SEQUENCE_END_EVENT:
            return (.sequenceEnd, mark)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return (.mappingStart(anchor: Self.string(m.anchor), tag: Self.string(m.tag)), mark)
        case YAML_MAPPING_END_EVENT:
            return (.mappingEnd, mark)
        default:
            // YAML_STREAM_END_EVENT, and YAML_NO_EVENT, which libyaml hands out (with
            // success) once the stream has ended.
            return (.streamEnd, mark)
        }
    }

    /// Every libyaml return code goes through here. libyaml also returns success with an
    /// empty event once it has failed, so its error state is checked as well.
    private func check(_ rc: Int32) throws(YAMLParseError) {
        // Only the error field is read on success: the parser struct is large, and a copy of it
        // per event was a measurable part of reading.
        guard rc != 1 || parser.pointee.error != YAML_NO_ERROR else { return }
        let p = parser.pointee
        // libyaml leaves `problem` unset when it runs out of memory (and a failed
        // `yaml_parser_initialize` sets no error at all).
        let problem = p.problem.map { String(cString: $0) }
            ?? (p.error == YAML_MEMORY_ERROR || p.error == YAML_NO_ERROR ? "out of memory" : "unknown error")
        let context = p.context.map { String(cString: $0) }
        switch p.error {
        case YAML_READER_ERROR:
            throw YAMLParseError(kind: .reader, problem: problem, context: context,
                                 offset: Int(p.problem_offset))
        case YAML_SCANNER_ERROR:
            throw YAMLParseError(kind: .scanner, problem: problem, context: context, mark: YAMLMark(p.problem_mark))
        case YAML_PARSER_ERROR:
            throw YAMLParseError(kind: .parser, problem: problem, context: context, mark: YAMLMark(p.problem_mark))
        default:
            throw YAMLParseError(kind: .memory, problem: problem, context: context)
        }
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let p, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self)
    }
}
