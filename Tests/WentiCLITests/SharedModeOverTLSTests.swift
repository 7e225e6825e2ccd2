import Foundation
import Testing
import WentiTestSupport

/// The shared server over the network, as a department runs it: TLS with the server's
/// certificate verified against the company CA from a file, and scram-sha-256 passwords from
/// PGPASSWORD, ~/.pgpass or a prompt. A cluster of its own (scripts/pg-cluster.sh --tcp), since
/// the test process's shared one listens on its socket only.
@Suite("wenti on a shared server over TLS", .serialized)
struct SharedModeOverTLSTests {
    let cli = CommandLineTests()

    /// A free TCP port on localhost, as the kernel hands one out. Close-on-exec: a daemon
    /// another test starts meanwhile (tmux, a cluster) would otherwise keep the port bound.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aPersonConnectsOverVerifiedTLSWithAPasswordAndNothingWeakerWorks() async throws {
        let script = TestServer.repository.appendingPathComponent("scripts/pg-cluster.sh").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-tls-\(UUID().uuidString)").path
        let port = try Self.freePort()
        let socket = try TestServer.run(script, ["start", dir, "--tcp", String(port)]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            _ = try? TestServer.run(script, ["stop", dir])
            try? FileManager.default.removeItem(atPath: dir)
        }
        try TestServer.run(try TestServer.tool("psql"), ["-h", socket, "-p", String(port), "-U", "postgres", "-d", "postgres", "-qtAc", "CREATE DATABASE wenti"])
        let admin = "postgresql:///wenti?host=\(socket)&port=\(port)&user=\(TestServer.administrator)"
        let initialised = try await cli.run(["server", "init", admin, "--demo", "--lang", "en"])
        #expect(initialised.status == 0, "\(initialised.err)")
        let password = "江城 供电 2026"
        let added = try await cli.run(["server", "add-person", "李强", "--login", "bzz-li", "--password-fd", "0", "--db", admin, "--lang", "en"],
                                input: Data((password + "\n").utf8))
        #expect(added.status == 0, "\(added.err)")
        let stored = try TestServer.run(try TestServer.tool("psql"), ["-h", socket, "-p", String(port), "-U", "postgres", "-d", "wenti", "-qtAc",
                                                                     "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'bzz-li'"])
        #expect(stored == "t\n", "the password is kept as a scram-sha-256 verifier")

        let ca = "\(dir)/tls/ca.crt"
        let url = "postgresql://bzz-li@localhost:\(port)/wenti?sslrootcert=\(ca)"
        func count(_ url: String, _ environment: [String: String]) async throws -> CommandLineTests.Result {
            try await cli.run(["list", "--count", "--db", url, "--lang", "en"], environment: environment)
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-tls-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }

        // With the company CA and the password from PGPASSWORD: 李强 sees his five.
        let works = try await count(url, ["PGPASSWORD": password, "HOME": home])
        #expect(works.status == 0 && works.out.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(works.out)\(works.err)")
        // The same from ~/.pgpass, which counts only when no one else may read it (as libpq).
        let pgpass = "\(home)/.pgpass"
        try "localhost:\(port):wenti:bzz-li:\(password)\n".write(toFile: pgpass, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass)
        let fromFile = try await count(url, ["HOME": home, "PGPASSWORD": ""])
        #expect(fromFile.status == 0 && fromFile.out.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(fromFile.err)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pgpass)

        // Without the company CA the server's certificate is not trusted: no connection at all.
        let untrusted = try await count("postgresql://bzz-li@localhost:\(port)/wenti", ["PGPASSWORD": password, "HOME": home])
        #expect(untrusted.status == 1 && untrusted.out.isEmpty && untrusted.err.contains("certificate could not be verified"), "\(untrusted.err)")
        // A wrong password, and a password in the URL, are refused with what is wrong.
        let wrong = try await count(url, ["PGPASSWORD": "猜的", "HOME": home])
        #expect(wrong.status == 1 && wrong.err.contains("password authentication failed"), "\(wrong.err)")
        let inURL = try await count("postgresql://bzz-li:\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)@localhost:\(port)/wenti?sslrootcert=\(ca)",
                              ["HOME": home])
        #expect(inURL.status != 0 && inURL.err.contains("does not go in the URL"), "\(inURL.err)")

        // Over the socket, peer authentication: the operating-system account is the login, as
        // the server's ident map allows (here the account running the tests may be 李强).
        let account = TestServer.administrator
        try "wenti \(account) \(account)\nwenti \(account) bzz-li\nwenti postgres postgres\n".write(toFile: "\(dir)/data/pg_ident.conf", atomically: false, encoding: .utf8)
        try "local all all peer map=wenti\nhostssl all all 127.0.0.1/32 scram-sha-256\n".write(toFile: "\(dir)/data/pg_hba.conf", atomically: false, encoding: .utf8)
        try TestServer.run(try TestServer.tool("psql"), ["-h", socket, "-p", String(port), "-U", account, "-d", "postgres", "-qtAc", "SELECT pg_reload_conf()"])
        let peer = try await count("postgresql:///wenti?host=\(socket)&port=\(port)&user=bzz-li", ["HOME": home, "PGPASSWORD": ""])
        #expect(peer.status == 0 && peer.out.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(peer.err)")
        let notMapped = try await count("postgresql:///wenti?host=\(socket)&port=\(port)&user=zg-zhao", ["HOME": home, "PGPASSWORD": ""])
        #expect(notMapped.status == 1 && notMapped.err.contains("zg-zhao"), "\(notMapped.err)")
        print("shared server over TLS: CA-verified TLS with scram-sha-256 works; no CA, a wrong password, a password in the URL refused; peer over the socket as mapped")

        // On a terminal, with no password anywhere, wenti asks for it (without echo), as psql does.
        guard TmuxHarness.available else { return }
        let tmux = try TmuxHarness()
        let command = "env -u PGPASSWORD HOME=\(home) LANG=C.UTF-8 \(CommandLineTests.binary.path) list --count --lang en --db '\(url)'; sleep 30"
        try tmux.run(["new-session", "-d", "-s", "w", "-x", "120", "-y", "10", command])
        _ = try await tmux.waitFor { $0.contains { $0.contains("Password for bzz-li@localhost/wenti:") } }
        try tmux.run(["send-keys", "-t", "w", "-l", password])
        try tmux.run(["send-keys", "-t", "w", "Enter"])
        let screen = try await tmux.waitFor { $0.contains { $0.trimmingCharacters(in: .whitespaces) == "5" } }
        #expect(!screen.joined().contains(password), "the password was not echoed")
    }
}
