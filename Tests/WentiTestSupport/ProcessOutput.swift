import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a child process's output in tests. Foundation's `readDataToEndOfFile` traps when
/// a read is interrupted by a signal (EINTR), which other tests in the same process cause
/// (the terminal tests install signal handlers); this retries instead.
public enum ProcessOutput {
    public static func readAll(_ handle: FileHandle) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let descriptor = handle.fileDescriptor
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                data.append(buffer, count: count)
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }

    /// Both pipes read at once, so that a child filling one while the other is read never
    /// waits forever.
    public static func readBoth(_ out: FileHandle, _ err: FileHandle) -> (out: Data, err: Data) {
        let errData = LockedData()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData.set(readAll(err))
            done.signal()
        }
        let outData = readAll(out)
        done.wait()
        return (outData, errData.value)
    }

    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        var value: Data { lock.withLock { data } }
    }
}
