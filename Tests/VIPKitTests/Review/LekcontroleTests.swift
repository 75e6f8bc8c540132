import Foundation
import Testing
import VIPDocument
import VIPZip
@testable import VIPKit

@Suite("Review: lekcontrole")
struct ReviewLekcontroleTests {
    let termen = [
        Lekcontrole.Term(Identificerend(soort: .persoon, tekst: "Petra Zwanenburg", label: "[persoon 1]"), aanvraag: "B"),
        Lekcontrole.Term(Identificerend(soort: .persoon, tekst: "Zwanenburg", label: "[persoon 1]"), aanvraag: "B"),
        Lekcontrole.Term(Identificerend(soort: .telefoonnummer, tekst: "06 52781934", label: "[telefoonnummer]"), aanvraag: "B"),
        Lekcontrole.Term(Identificerend(soort: .iban, tekst: "NL57TRIO0212348890", label: "[IBAN]"), aanvraag: "C"),
        Lekcontrole.Term(Identificerend(soort: .organisatie, tekst: "Vrouwen voor Elkaar", label: "[organisatie]",
                                        hoofdlettergevoelig: true), aanvraag: "A"),
    ]

    func schoon() -> Document {
        Document(metadata: Metadata(), letterhead: Letterhead(name: "Aanvraag B", footer: ["Geanonimiseerde kopie"]),
                 blocks: [.paragraph([.text("Een gewone tekst over [persoon 1] en vrouwen voor elkaar.")])])
    }

    func lek(_ doc: Document, _ formaat: DocumentFormat) throws -> Lekcontrole.Lek? {
        let bytes = try renderDocument(doc, format: formaat)
        do {
            try Lekcontrole.controleer([("aanvraag-B-projectplan.\(formaat.rawValue)", bytes)], termen: termen)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: DocumentFormat.allCases) func cleanDocumentPasses(_ f: DocumentFormat) throws {
        #expect(try lek(schoon(), f) == nil)
    }

    @Test(arguments: DocumentFormat.allCases) func nameInMetadata(_ f: DocumentFormat) throws {
        var doc = schoon()
        doc.metadata.creator = "P. Zwanenburg"
        let l = try #require(try lek(doc, f))
        #expect(l.soort == .persoon)
        #expect(l.onderdeel == (f == .odt ? "meta.xml" : "docProps/core.xml"))
        #expect(l.description == "Een naam van een persoon van aanvraag B staat nog in \(l.onderdeel) van aanvraag-B-projectplan.\(f.rawValue).")
        #expect(!l.description.contains("Zwanenburg"))
    }

    @Test(arguments: DocumentFormat.allCases) func companyInMetadata(_ f: DocumentFormat) throws {
        var doc = schoon()
        doc.metadata.company = "Vereniging Vrouwen voor Elkaar"
        let l = try #require(try lek(doc, f))
        #expect(l.soort == .organisatie && l.aanvraag == "A")
    }

    @Test(arguments: DocumentFormat.allCases) func phoneInTableCellWithOtherSpacing(_ f: DocumentFormat) throws {
        var doc = schoon()
        doc.blocks.append(.table(Table(columnWidths: [1, 1], alignments: [.left, .left],
                                       rows: [Table.Row([[.text("Telefoon")], [.text("06-5278 1934")]])])))
        let l = try #require(try lek(doc, f))
        #expect(l.soort == .telefoonnummer)
        #expect(l.onderdeel == (f == .odt ? "content.xml" : "word/document.xml"))
        #expect(l.description.hasPrefix("Een telefoonnummer van aanvraag B staat nog in"))
    }

    @Test(arguments: DocumentFormat.allCases) func headerAndFooter(_ f: DocumentFormat) throws {
        var doc = schoon()
        doc.letterhead.footer = ["IBAN NL57 TRIO 0212 3488 90"]
        let l = try #require(try lek(doc, f))
        #expect(l.soort == .iban && l.aanvraag == "C")
    }

    @Test func nameSplitOverRunsAndEncoded() throws {
        // Written by hand: a name split over two runs, and one with character references.
        let xml1 = "<w:p><w:r><w:t>Petra Zwa</w:t></w:r><w:r><w:t>nenburg</w:t></w:r></w:p>"
        let xml2 = "<text:p>&#80;etra &#x5A;wanenburg</text:p>"
        let xml3 = "<text:p>PETRA\nZWANENBURG</text:p>"
        for xml in [xml1, xml2, xml3] {
            let zip = try ZipWriter.archive([ZipEntry(name: "content.xml", data: Array(xml.utf8))])
            #expect(throws: Lekcontrole.Lek.self) { try Lekcontrole.controleer([("x.odt", zip)], termen: termen) }
        }
        #expect(Lekcontrole.decodeer("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233; &#xE9;") == "a & b <c> \"d\" 'e' é é")
    }

    @Test func caseSensitiveTermsOnlyAsName() throws {
        let zip = try ZipWriter.archive([ZipEntry(name: "content.xml", data: Array("<p>vrouwen voor elkaar</p>".utf8))])
        try Lekcontrole.controleer([("x.odt", zip)], termen: termen)
        let zip2 = try ZipWriter.archive([ZipEntry(name: "content.xml", data: Array("<p>Vrouwen voor Elkaar</p>".utf8))])
        #expect(throws: Lekcontrole.Lek.self) { try Lekcontrole.controleer([("x.odt", zip2)], termen: termen) }
    }
}
