import Foundation
import Testing
import VIPZip

/// Each fund's zip holds the documents as they are (stored, method 0): they are zips
/// already, so deflating them again costs time and saves nothing. Every reader the
/// issue names must accept the result.
@Suite struct FondsZipTests {
    @Test func fundZipsStoreTheDocumentsAndEveryReaderAcceptsThem() throws {
        let dir = Repo.tempDir("fondszip")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try VipBinary.run(["build", Repo.fixture, "--uit", dir])
        #expect(r.status == 0, "\(r.stderr)")
        let zips = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasPrefix("aanvraag-") && $0.hasSuffix(".zip") }.sorted()
        #expect(zips.count >= 2, "\(zips)")
        for zip in zips {
            let path = dir + "/" + zip
            let reader = try ZipReader(path: path)
            let documents = reader.entryNames.filter { $0.hasSuffix(".odt") || $0.hasSuffix(".docx") }
            #expect(documents.count >= 8, "\(zip): \(reader.entryNames)")
            for name in documents {
                #expect(try reader.isStored(name), "\(name) in \(zip) is deflated a second time")
                let beside = try #require(FileManager.default.contents(atPath: dir + "/" + name))
                #expect(try reader.read(name) == [UInt8](beside), "\(name) in \(zip) differs from the file beside it")
            }
            // Python's zipfile reads every entry and checks its CRC; unzip -t does the same.
            let python = try run("/usr/bin/env", ["python3", "-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); "
                + "print(bad or 'ok'); sys.exit(1 if bad else 0)", path])
            #expect(python.status == 0, "zipfile.testzip on \(zip): \(python.stdout)\(python.stderr)")
            let unzip = try run("/usr/bin/env", ["unzip", "-t", path])
            #expect(unzip.status == 0 && unzip.stdout.contains("No errors detected"), "unzip -t \(zip): \(unzip.stdout)")
        }
        // LibreOffice (with the rest of the document checker) opens the documents taken
        // out of a fund's zip.
        let inner = dir + "/uitgepakt"
        let extract = try run("/usr/bin/env", ["python3", "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            + "[z.extract(n, sys.argv[2]) for n in z.namelist() if n.endswith(('.odt', '.docx'))]",
            dir + "/" + zips[0], inner])
        #expect(extract.status == 0, "\(extract.stderr)")
        let extracted = try FileManager.default.contentsOfDirectory(atPath: inner).sorted().map { inner + "/" + $0 }
        Oracles.expectAllPass(extracted)
    }
}
