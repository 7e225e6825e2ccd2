import CNCurses
import Foundation

/// Process-wide care of the terminal: the locale, the signal mask, and putting the screen
/// back when the process dies of a crash.
public enum TerminalGuard {
    /// A UTF-8 locale (else ncurses draws every Chinese cell blank) and the signals a
    /// terminal program must receive. A parent that started us from a Swift task or a
    /// Dispatch thread hands down a mask that blocks SIGWINCH, SIGTERM and the rest.
    public static func prepareProcess() {
        setlocale(LC_ALL, "")
        if String(cString: wenti_codeset()) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGQUIT] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Crashes, and SIGHUP (the terminal went away), which ncurses does not catch.
    static let crashSignals = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGHUP]

    /// On a crash or a hang-up: leave curses mode (reset the terminal's modes, leave the
    /// alternate screen), then die of the same signal, so the exit status and any core dump
    /// stay true. SIGINT and SIGTERM are ncurses' own to handle: it restores and exits.
    static func installRestoreOnCrash() {
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                endwin()
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0   // the handler puts the default back itself before raising
            sigaction(signal, &action, nil)
        }
    }

    static func disarm() {
        for signal in crashSignals { Foundation.signal(signal, SIG_DFL) }
    }
}
