import Testing
import VIPYAML

/// The libyaml wrapper on its own: events in order with their marks, scalar styles,
/// anchors and aliases, and errors with libyaml's place.
@Suite struct YAMLParserTests {
    /// All events of `text`, up to and including the stream end.
    func events(_ text: String) throws(YAMLParseError) -> [(event: YAMLEvent, mark: YAMLMark)] {
        let parser = try YAMLParser(Array(text.utf8))
        var all: [(event: YAMLEvent, mark: YAMLMark)] = []
        while true {
            let e = try parser.next()
            all.append(e)
            if e.event == .streamEnd { return all }
        }
    }

    @Test func eventsOfAMappingWithASequence() throws {
        let all = try events("titel: Tuin\nleden:\n  - 'Jan'\n  - \"Piet\"\n")
        #expect(all.map(\.event) == [
            .streamStart, .documentStart,
            .mappingStart(anchor: nil, tag: nil),
            .scalar("titel", style: .plain, anchor: nil, tag: nil),
            .scalar("Tuin", style: .plain, anchor: nil, tag: nil),
            .scalar("leden", style: .plain, anchor: nil, tag: nil),
            .sequenceStart(anchor: nil, tag: nil),
            .scalar("Jan", style: .singleQuoted, anchor: nil, tag: nil),
            .scalar("Piet", style: .doubleQuoted, anchor: nil, tag: nil),
            .sequenceEnd, .mappingEnd, .documentEnd, .streamEnd,
        ])
    }

    @Test func marksAreOneBasedLinesAndCharacterColumns() throws {
        // "é" is two bytes in UTF-8 but one column.
        let all = try events("naam: é\nlijst:\n  - één: twee\n")
        func mark(of text: String) -> YAMLMark? {
            all.first { if case .scalar(text, _, _, _) = $0.event { true } else { false } }?.mark
        }
        #expect(mark(of: "naam") == YAMLMark(line: 1, column: 1))
        #expect(mark(of: "é") == YAMLMark(line: 1, column: 7))
        #expect(mark(of: "één") == YAMLMark(line: 3, column: 5))
        #expect(mark(of: "twee") == YAMLMark(line: 3, column: 10))
    }

    @Test func blockScalarsAnchorsAliasesAndTags() throws {
        let all = try events("a: &x |\n  regel\nb: *x\nc: !!str 12\nd: >\n  gevouwen\n")
        let kinds = all.map(\.event)
        #expect(kinds.contains(.scalar("regel\n", style: .literal, anchor: "x", tag: nil)))
        #expect(kinds.contains(.alias(anchor: "x")))
        #expect(kinds.contains(.scalar("12", style: .plain, anchor: nil, tag: "tag:yaml.org,2002:str")))
        #expect(kinds.contains(.scalar("gevouwen\n", style: .folded, anchor: nil, tag: nil)))
    }

    @Test func emptyInputIsAnEmptyStream() throws {
        #expect(try events("").map(\.event) == [.streamStart, .streamEnd])
    }

    @Test func afterTheEndTheStreamStaysEnded() throws {
        let parser = try YAMLParser(Array("a\n".utf8))
        for _ in 0..<5 { _ = try parser.next() }  // start, doc start, scalar, doc end, end
        #expect(try parser.next().event == .streamEnd)
        #expect(try parser.next().event == .streamEnd)
    }

    @Test func syntaxErrorHasLineAndColumn() throws {
        let text = "titel: Tuin\nproject:\n  naam: a: b\n"
        let error = #expect(throws: YAMLParseError.self) { try events(text) }
        #expect(error?.kind == .scanner)
        #expect(error?.problem == "mapping values are not allowed in this context")
        #expect(error?.mark == YAMLMark(line: 3, column: 10))
    }

    @Test func parserErrorHasContext() throws {
        let text = "a:\n  - b\n c: d\n"
        let error = #expect(throws: YAMLParseError.self) { try events(text) }
        #expect(error?.kind == .parser)
        #expect(error?.context == "while parsing a block mapping")
        #expect(error?.mark?.line == 3)
    }

    @Test func errorRepeatsAfterFailure() throws {
        let parser = try YAMLParser(Array("a: 'open\n".utf8))
        var first: YAMLParseError?
        do { while try parser.next().event != .streamEnd {} } catch { first = error }
        #expect(first?.kind == .scanner)
        #expect(first?.mark != nil)
        // libyaml hands out empty events after an error; the wrapper keeps failing.
        #expect(throws: YAMLParseError.self) { try parser.next() }
    }

    @Test func invalidUTF8IsAReaderErrorWithAnOffset() throws {
        let bytes: [UInt8] = Array("a: b\nc: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let parser = try YAMLParser(bytes)
        let error = #expect(throws: YAMLParseError.self) {
            while try parser.next().event != .streamEnd {}
        }
        #expect(error?.kind == .reader)
        #expect(error?.mark == nil)
        // 0xC3 (byte 8) opens a two-byte sequence; 0x28 (byte 9) cannot continue it.
        #expect(error?.offset == 9)
        #expect(error?.problem == "invalid trailing UTF-8 octet")
    }
}
