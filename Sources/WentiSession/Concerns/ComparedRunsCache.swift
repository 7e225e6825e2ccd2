import Synchronization
import WentiCore

/// The runs of two letters of each solved concern the similarity check compares
/// (`PracticeSearch.comparedRuns`), kept per concern version for the life of a session.
///
/// The libraries pane asks for similar cases on every move of the selection; reading sixty
/// candidates whole and rebuilding their runs each time made every key wait (290 ms with
/// long titles among them). A candidate is read again only when its version moves.
final class ComparedRunsCache: Sendable {
    private let known = Mutex<[ConcernCode: (version: Int, runs: Set<String>)]>([:])

    /// The runs of `code` at `version`, from the cache or from `load` (then kept).
    func runs(of code: ConcernCode, version: Int, load: () throws -> Concern) rethrows -> Set<String> {
        if let hit = known.withLock({ $0[code] }), hit.version == version { return hit.runs }
        let concern = try load()
        let runs = PracticeSearch.comparedRuns(of: concern)
        known.withLock { $0[code] = (concern.version, runs) }
        return runs
    }
}
