import Foundation
import WentiCore

/// An exclusive `flock` on a file beside the numbers file, released when the last reference
/// goes (or the process ends: the kernel drops a dead process's locks, so a crash never
/// leaves the numbers locked).
///
/// The lock is on a file of its own because `DocumentNumbers.save` replaces the numbers file
/// (written beside, then renamed): a lock on the old file's inode would not stop a second
/// process that opened the new one.
///
/// Within one process the lock is shared: a second `DocumentNumbers` of the same file while
/// the first is alive gets the same lock (a second `flock` from the same process would wait
/// for itself for ever). Between processes it excludes.
final class NumbersFileLock: Sendable {
    private let descriptor: Int32

    /// The lock on `path`: this process's own if it holds one, else taken (waiting).
    static func acquire(_ path: String) throws(OfficeSettingsError) -> NumbersFileLock? {
        if let shared = held.lock(for: path) { return shared }
        guard let lock = try NumbersFileLock(locking: path) else { return nil }
        held.keep(lock, for: path)
        return lock
    }

    private static let held = HeldLocks()

    /// The locks this process holds, by path, kept weakly: a lock goes when its last user does.
    private final class HeldLocks: @unchecked Sendable {
        private let guardian = NSLock()
        private var locks: [String: Weak] = [:]
        struct Weak { weak var lock: NumbersFileLock? }

        func lock(for path: String) -> NumbersFileLock? {
            guardian.withLock { locks[path]?.lock }
        }

        func keep(_ lock: NumbersFileLock, for path: String) {
            guardian.withLock { locks[path] = Weak(lock: lock) }
        }
    }

    /// Nil where no lock file can be made (a read-only folder): there nobody can write the
    /// numbers either, so there is nothing to race for; `save` then says why it cannot.
    private init?(locking path: String) throws(OfficeSettingsError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if [EACCES, EROFS, EPERM].contains(errno) { return nil }
            throw OfficeSettingsError(file: path, key: nil, problem: LocalizedText(
                zh: "无法打开文号锁文件：\(String(cString: strerror(errno)))", en: "cannot open the numbers' lock: \(String(cString: strerror(errno)))"))
        }
        // Waits for the other process; EINTR (a signal while waiting) only means try again.
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw OfficeSettingsError(file: path, key: nil, problem: LocalizedText(zh: "无法锁定文号：\(reason)", en: "cannot lock the numbers: \(reason)"))
            }
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
