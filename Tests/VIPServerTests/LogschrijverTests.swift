import Foundation
import Testing
@testable import VIPServer

/// The log never stops a request: with standard error a pipe that nobody reads, writing goes on
/// (lines are dropped and counted), and once the pipe is read again every kept line arrives,
/// followed by how many were lost.
@Suite struct LogschrijverTests {
    @Test func eenVollePijpHoudtNiemandTegen() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let log = Logschrijver(fd: fds[1], maximum: 100)
        let regel = String(repeating: "x", count: 200)
        // 20 000 lines of 200 bytes: 4 MB, far more than a pipe holds (64 KB). Nothing reads yet.
        for i in 0..<20_000 { log.schrijf("\(i) \(regel)") }
        // Reading again: the writer thread goes on, and reports what it dropped.
        var gelezen = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let flags = fcntl(fds[0], F_GETFL)
        _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
        let tot = Date().addingTimeInterval(20)
        while Date() < tot {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if n > 0 { gelezen += buffer[0..<n] } else { usleep(10_000) }
            if String(decoding: gelezen, as: UTF8.self).contains("logregels niet geschreven") { break }
            if gelezen.count > 0 && n <= 0 { log.schrijf("nog een") }
        }
        let tekst = String(decoding: gelezen, as: UTF8.self)
        #expect(tekst.contains("logregels niet geschreven: de uitvoer liep niet door"))
        #expect(tekst.contains("\n0 xxx") || tekst.hasPrefix("0 xxx"), "the first kept line arrives")
        close(fds[0])
        close(fds[1])
    }
}
