import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Every temporary file the process has made and not yet removed (the `--out` file being written,
/// spill files in `$TMPDIR`), so that an interrupted or failed run can remove them all before it
/// exits. Creation and registration happen under one lock, and ``removeAllAndHold()`` keeps the
/// lock, so no file is created after the clean-up has run.
package final class TemporaryFiles: @unchecked Sendable {
    /// The process's registry.
    package static let shared = TemporaryFiles()

    private var mutex = pthread_mutex_t()
    private var paths: Set<[UInt8]> = []

    private init() { pthread_mutex_init(&mutex, nil) }

    /// Creates a file from `template` (ending in `XXXXXX`, see mkstemp(3)) and registers it;
    /// returns its descriptor and path, or the errno.
    package func makeUnique(template: [UInt8]) -> Result<(fd: Int32, path: [UInt8]), POSIXError> {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        var t = template.map { CChar(bitPattern: $0) } + [0]
        let fd = t.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)) }
        let path = t.dropLast().map { UInt8(bitPattern: $0) }
        paths.insert(path)
        return .success((fd, path))
    }

    /// Forgets `path` without removing it (it was renamed into place).
    package func forget(_ path: [UInt8]) {
        pthread_mutex_lock(&mutex)
        paths.remove(path)
        pthread_mutex_unlock(&mutex)
    }

    /// Removes `path` and forgets it.
    package func remove(_ path: [UInt8]) {
        pthread_mutex_lock(&mutex)
        Self.unlink(path)
        paths.remove(path)
        pthread_mutex_unlock(&mutex)
    }

    /// Removes every registered file and keeps the lock: the caller is about to exit.
    package func removeAllAndHold() {
        pthread_mutex_lock(&mutex)
        for p in paths { Self.unlink(p) }
        paths.removeAll()
    }

    private static func unlink(_ path: [UInt8]) {
        let c = path.map { CChar(bitPattern: $0) } + [0]
        _ = Glibc.unlink(c)
    }

    /// The registered paths (for tests).
    package var registered: [[UInt8]] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return Array(paths)
    }
}
