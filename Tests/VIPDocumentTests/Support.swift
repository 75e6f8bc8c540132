import Foundation
import Testing
@testable import VIPDocument
import VIPTestSupport
import VIPZip

/// The package root (shared with the other test targets).
let packageRoot = Repo.root.path

/// The project's document checker (Tests/DocumentChecker/README.md).
let documentChecker = Repo.checker

/// A document with every block and inline kind, a letterhead with logo, concept mode
/// and text that tests escaping and scripts.
func sampleDocument(concept: Bool = true) -> Document {
    let logo = Image(data: TestImages.png, format: .png, pixelWidth: 12, pixelHeight: 6,
                     heightMM: 12, description: "Logo van Stichting Café & Zoon")
    let photo = Image(data: TestImages.jpeg, format: .jpeg, pixelWidth: 16, pixelHeight: 8,
                      heightMM: 40, description: "Foto <werkplaats> \"oud\"")
    let budget = Table(
        columnWidths: [6, 2, 2], alignments: [.left, .right, .right],
        rows: [
            Table.Row([[.text("Post")], [.text("Aantal")], [.text("Bedrag")]], kind: .header),
            Table.Row([[.text("Materiaal & gereedschap")], [.text("3")], [.text("€ 1.234,56")]]),
            Table.Row([[.text("Huur <zaal>")], [.text("2")], [.text("€ 600,00")]]),
            Table.Row([[.text("Subtotaal kosten")], [], [.text("€ 1.834,56")]], kind: .subtotal),
            Table.Row([[.text("BTW")], [.text("21%")], [.text("€ 385,26")]]),
            Table.Row([[.text("Totaal")], [], [.text("€ 2.219,82")]], kind: .total),
        ])
    return Document(
        metadata: Metadata(title: "Aanvraag Buurtwerkplaats", subject: "Subsidieaanvraag",
                           creator: "Jan de Vries", company: "Stichting Café & Zoon",
                           language: "nl-NL", date: "2024-05-01T09:30:00Z"),
        letterhead: Letterhead(name: "Stichting Café & Zoon", logo: logo,
                               footer: ["Dorpsstraat 1, 1234 AB Ergens", "KvK 12345678 · IBAN NL00 BANK 0123 4567 89"]),
        blocks: [
            .paragraph([.text("Aanvraag Buurtwerkplaats")], style: .title),
            .paragraph([.text("Fonds Goede Doelen")], style: .address),
            .paragraph([.text("Postbus 99"), .lineBreak, .text("9999 ZZ Elders")], style: .address),
            .paragraph([.text("Ergens, 1 mei 2024")], style: .right),
            .heading(level: 1, [.text("Inleiding")]),
            .paragraph([.text("Wij vragen "), .bold("€ 2.219,82"), .text(" voor "),
                        .italic("gereedschap"), .text(".")]),
            .paragraph([.text("Tekens: A & B < C > D \"dubbel\" 'enkel' — klaar.")]),
            .paragraph([.text("Arabisch: مرحبا بالعالم")]),
            .paragraph([.text("Turks: İstanbul ılık şeker dağ")]),
            .paragraph([.text("Feest 🎉 en twee  spaties\tmet tab")]),
            .heading(level: 2, [.text("Doelen")]),
            .bulletList([[.text("Eerste punt")], [.bold("Tweede"), .text(" punt")]]),
            .numberedList([[.text("Stap een")], [.text("Stap twee")]]),
            .numberedList([[.text("Opnieuw een")]]),
            .heading(level: 3, [.text("Begroting")]),
            .table(budget),
            .paragraph([.text("Bijlage: offertes")], style: .small),
            .pageBreak,
            .heading(level: 1, [.text("Bijlagen")]),
            .image(photo),
            .paragraph([.text("Einde.")]),
        ],
        concept: concept)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "vip-doc-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

struct ProcessResult {
    let status: Int32
    let output: String
}

/// Runs a program (looked up on PATH) and collects stdout and stderr together.
func runProcess(_ arguments: [String]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// One part of a package as text.
func part(_ name: String, of package: [UInt8]) throws -> String {
    String(decoding: try ZipReader(bytes: package).read(name), as: UTF8.self)
}
