import Foundation
import WentiCore
import WentiTerminal

/// The loop: render, present, read a key, update. Nothing happens between keys, so an idle
/// wenti uses no CPU.
@MainActor
public final class TerminalApp {
    public struct KeyTiming: Sendable {
        public var key: Key
        public var updateNanoseconds: UInt64
        public var renderNanoseconds: UInt64
    }

    public private(set) var state: AppState
    let environment: AppEnvironment
    let backend: any TerminalBackend

    public init(state: AppState, environment: AppEnvironment, backend: any TerminalBackend) {
        self.state = state
        self.environment = environment
        self.backend = backend
    }

    /// Runs until quit or the end of input. `onFrame` sees every frame (for `--dump`).
    @discardableResult
    public func run(onFrame: (Key?, Grid) -> Void = { _, _ in }) async -> [KeyTiming] {
        var timings: [KeyTiming] = []
        // The state is worked on as a local value: a stored property cannot be lent `inout`
        // across the suspensions of an update that waits for the store.
        var working = state
        await App.start(&working, environment)
        state = working
        var frame = draw()
        onFrame(nil, frame)
        while let key = backend.nextKey() {
            let started = DispatchTime.now().uptimeNanoseconds
            if key != .resize {
                working = state
                await App.update(key, &working, environment)
                state = working
            }
            let updated = DispatchTime.now().uptimeNanoseconds
            if state.effects.contains(.quit) { break }
            applyEffects()
            frame = draw()
            let rendered = DispatchTime.now().uptimeNanoseconds
            if key != .tick {
                timings.append(KeyTiming(key: key, updateNanoseconds: updated - started, renderNanoseconds: rendered - updated))
            }
            onFrame(key, frame)
        }
        backend.restore()
        return timings
    }

    private func draw() -> Grid {
        let size = backend.size
        state.size = size
        let grid = App.render(state, environment, width: size.width, height: size.height)
        backend.present(grid)
        return grid
    }

    private func applyEffects() {
        for effect in state.effects {
            switch effect {
            case .quit: break
            case .suspend: (backend as? NCursesTerminal)?.suspend()
            case .setMouse(let on): (backend as? NCursesTerminal)?.setMouse(on)
            }
        }
        state.effects = []
    }
}
