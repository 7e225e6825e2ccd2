import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a child spawned by a test must not inherit.
public enum InheritedDescriptors {
    /// Adds a close of every descriptor above standard error that this process has open.
    ///
    /// Tests run in parallel, so at any moment another test holds pipes of its own (a child's
    /// output it reads to the end, the test runner's event stream). A daemon started meanwhile
    /// (the PostgreSQL cluster, a tmux server) would keep their write ends open for its whole
    /// life, and whoever reads them would wait for an end of file that never comes.
    public static func closeAll(in actions: inout posix_spawn_file_actions_t) {
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }
}
