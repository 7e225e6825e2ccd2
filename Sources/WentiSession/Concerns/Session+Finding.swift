import WentiCore
import WentiStore

/// Finding records by what people type: a concern by its number written any of the ways
/// people write it, and the record a link points to. Both front ends ask here, so `:goto`,
/// `/`, the link form and `wenti link` read a typed number alike.
extension Session {
    /// The concern a typed number names (`Q-2026-0068`, `2026-0068`, `0068`, `68`), if the
    /// viewer may see it; nil when it names none they may see; also nil for text that is no
    /// number (`ConcernCode.candidates`). A bare sequence is this year's concern first, then
    /// the same number in earlier years, the most recent first: one read per year tried.
    public func findConcern(_ text: String) async throws -> Concern? {
        guard let candidates = ConcernCode.candidates(for: text, thisYear: today().civil.year) else { return nil }
        for code in candidates {
            if let concern = try await concernIfVisible(code) { return concern }
        }
        return nil
    }

    /// One concern, or nil when there is none the viewer may see by that code.
    func concernIfVisible(_ code: ConcernCode) async throws -> Concern? {
        do {
            return try await concern(code)
        } catch {
            if case StoreError.concernNotFound = error { return nil }
            throw error
        }
    }

    /// The link from `code` to what `text` names, checked: a concern (by any form of its
    /// number), a supervision notice, a practice entry or a meeting the viewer may see. A link
    /// to nothing, or from a concern to itself, is refused in words instead of being kept.
    public func linkTarget(from code: ConcernCode, _ kind: ConcernLink.Kind, _ text: String) async throws -> ConcernLink {
        let typed = text.trimmed
        guard !typed.isEmpty else { throw StoreError.rule(.reasonRequired(.link)) }
        let target: String?
        switch kind {
        case .concern:
            let found = try await findConcern(typed)
            if found?.code == code { throw SessionError.linkToItself(code) }
            target = found?.code.description
        case .notice:
            target = try await notices().map(\.id).first { $0.uppercased() == typed.uppercased() }
        case .practice:
            target = try await practices().map(\.id).first { $0.uppercased() == typed.uppercased() }
        case .meeting:
            target = try await meetings().map(\.id).first { $0.uppercased() == typed.uppercased() }
        }
        guard let target else { throw SessionError.noLinkTarget(kind, typed) }
        return ConcernLink(kind: kind, target: target)
    }
}
