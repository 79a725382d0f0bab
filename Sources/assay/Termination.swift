import Assay
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How the process ends when it cannot go on: a failed write, SIGINT/SIGTERM, or a reader that
/// closed the pipe. Every path removes the temporary files first (``TemporaryFiles``).
enum Termination {
    /// Whether SIGPIPE was at its default action when the process started. Then a closed pipe on
    /// standard output ends the process by SIGPIPE, quietly, as `cat` or `grep` do (after removing
    /// temporary files); when the caller had it ignored, a closed pipe is a write error (exit 1).
    nonisolated(unsafe) private static var sigpipeWasDefault = true
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Takes SIGPIPE over (so writes report EPIPE) and, unless they were ignored when the process
    /// started, SIGINT and SIGTERM: they remove the temporary files and exit 130 / 143.
    static func install() {
        sigpipeWasDefault = disposition(SIGPIPE) == .byDefault
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGINT, SIGTERM] where disposition(sig) != .ignored {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { exit(status: 128 + sig, message: nil) }
            source.resume()
            sources.append(source)
        }
    }

    /// Removes the temporary files, prints `message` (if any) and exits with `status`.
    static func exit(status: Int32, message: String?) -> Never {
        TemporaryFiles.shared.removeAllAndHold()
        if let message { printError(message) }
        _exit(status)
    }

    /// Ends the process after a write to `what` failed with `code`.
    static func writeFailed(_ what: String, errno code: Int32, toStandardOutput: Bool) -> Never {
        if code == EPIPE && toStandardOutput && sigpipeWasDefault {
            TemporaryFiles.shared.removeAllAndHold()
            signal(SIGPIPE, SIG_DFL)
            kill(getpid(), SIGPIPE)
            _exit(128 + SIGPIPE)
        }
        exit(status: 1, message: "assay: cannot write \(what): \(String(cString: strerror(code)))")
    }

    /// What a signal does when it arrives: SIG_DFL, SIG_IGN or a handler.
    private enum Disposition { case byDefault, ignored, handled }

    private static func disposition(_ sig: Int32) -> Disposition {
        var old = sigaction()
        guard sigaction(sig, nil, &old) == 0 else { return .byDefault }
        // SIG_DFL and SIG_IGN are the handler values 0 and 1.
        switch unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) {
        case 0: return .byDefault
        case 1: return .ignored
        default: return .handled
        }
    }
}

/// Writes to standard error; a failure there cannot be reported anywhere, so it is ignored (but
/// never traps, as `FileHandle.write` does).
func printError(_ s: String, newline: Bool = true) {
    let bytes = Array((newline && !s.hasSuffix("\n") ? s + "\n" : s).utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + off, $0.count - off) }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return }
        off += n
    }
}

/// Writes all of `bytes` to `fd`; on failure, the errno.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var off = 0
    while off < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if n == 0 { return EIO }
        off += n
    }
    return nil
}

/// Writes text to standard output, checked: a failed write ends the process (see ``Termination``).
func printOut(_ s: String) {
    var bytes = Array(s.utf8)
    bytes.append(0x0A)
    writeOut(bytes)
}

/// Writes bytes to standard output, checked.
func writeOut(_ bytes: [UInt8]) {
    if let code = bytes.withUnsafeBytes({ writeAll(STDOUT_FILENO, $0) }) {
        Termination.writeFailed("to standard output", errno: code, toStandardOutput: true)
    }
}

/// The command-line arguments as the kernel gave them. Swift's `CommandLine.arguments` replaces
/// bytes that are not UTF-8, so a path argument is looked up here by its repaired spelling.
enum RawArguments {
    static let byString: [String: RawPath] = {
        var map: [String: RawPath] = [:]
        for i in 1..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            let key = String(decoding: bytes, as: UTF8.self)
            if map[key] == nil || !bytes.elementsEqual(key.utf8) { map[key] = RawPath(bytes: bytes) }
        }
        return map
    }()

    /// The raw path of an argument.
    static func path(_ argument: String) -> RawPath { byString[argument] ?? RawPath(argument) }
}
