import Synchronization
import WentiCore
import WentiStore

/// The runs of two letters of each solved concern the similarity check compares
/// (`PracticeSearch.comparedRuns`), kept per concern version for the life of a session.
///
/// The libraries pane asks for similar cases on every move of the selection; reading sixty
/// candidates whole and rebuilding their runs each time made every key wait (290 ms with
/// long titles among them). A candidate is read again only when its version moves.
final class ComparedRunsCache: Sendable {
    private let known = Mutex<[ConcernCode: (version: Int, runs: Set<String>)]>([:])

    /// The runs kept for `code` at `version`, or nil when the concern has to be read.
    func runs(of code: ConcernCode, version: Int) -> Set<String>? {
        known.withLock { entries in entries[code].flatMap { $0.version == version ? $0.runs : nil } }
    }

    /// Computes the runs of `concern` and keeps them for its version.
    func keep(_ concern: Concern) -> Set<String> {
        keep(ComparedText(code: concern.code, version: concern.version, title: concern.title, rootCause: concern.analysis.rootCause))
    }

    /// The same from the compared texts a store read.
    func keep(_ text: ComparedText) -> Set<String> {
        let runs = PracticeSearch.comparedRuns(title: text.title, rootCause: text.rootCause)
        known.withLock { $0[text.code] = (text.version, runs) }
        return runs
    }
}
