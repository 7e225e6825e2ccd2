import Foundation
import WentiTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real binary with its standard output and error on a pseudo-terminal, as when a
/// person types the command, and returns every byte it wrote there. `isatty` is true in the
/// child, so this is how a test sees what reaches a terminal rather than a pipe.
enum TerminalRun {
    struct Result {
        var status: Int32
        /// What the terminal received (standard output and error together, line feeds
        /// turned into CR LF by the terminal).
        var screen: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await offThePool { try runToEnd(arguments, environment: environment) }
    }

    /// `run`, holding its thread until the child has closed the terminal and exited.
    private static func runToEnd(_ arguments: [String], environment: [String: String]) throws -> Result {
        // posix_openpt and friends need _XOPEN_SOURCE, which Swift's Glibc module lacks; these
        // are the Linux ioctls they wrap (TIOCSPTLCK unlocks the pair, TIOCGPTN names it).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENXIO) }
        defer { close(master) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else { throw POSIXError(.ENXIO) }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENXIO) }
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.environment = CommandLineTests.childEnvironment(environment)
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardOutput = terminal
        process.standardError = terminal
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(slave)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                data.append(buffer, count: count)
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break   // EIO: the child has closed its side
            }
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, screen: String(decoding: data, as: UTF8.self))
    }
}
