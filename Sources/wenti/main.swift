import Foundation
import WentiCLI

// Wiring only: everything lives in WentiCLI and the layers below it.
//
// The commands are async, but the main actor must stay the process's main thread: the
// terminal UI lives on the main actor, and signals (window size, Ctrl-Z, Ctrl-C) are
// delivered to the main thread, where ncurses expects to handle them between its own
// calls. Top-level `await` would park the main thread in libdispatch and run the main
// actor on a worker thread; the run loop keeps it here and drains the main queue.
Task { @MainActor in
    await WentiCommand.runAsRoot()
    exit(0)
}
RunLoop.main.run()
