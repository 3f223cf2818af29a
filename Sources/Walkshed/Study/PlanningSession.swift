/// A planner's edits against one baseline, tested one at a time: add, replace or remove an
/// edit, undo and redo, and after every change the scenario of all current edits evaluated
/// by incremental update (equal to `walkshed scenario` on a file holding the same edits).
///
/// Not thread-safe: a server serialises changes; `outcome` is a value, safe to hand to
/// readers.
public struct PlanningSession: Sendable {
    public let baseline: ScenarioBaseline
    /// The scenario name used for saved files and the outcome.
    public let name: String
    /// The edits in force, in the order they apply.
    public private(set) var edits: [ScenarioEdit] = []
    /// The scenario of `edits` against the baseline; nil while there are no edits.
    public private(set) var outcome: ScenarioOutcome?
    /// Earlier edit lists (most recent last) and the ones undone (most recently undone last).
    private var undoStack: [[ScenarioEdit]] = []
    private var redoStack: [[ScenarioEdit]] = []
    /// How many earlier states undo keeps.
    public static let historyLimit = 200

    public init(baseline: ScenarioBaseline, name: String = "session") {
        self.baseline = baseline
        self.name = name
    }

    /// One change to the list of edits.
    public enum Change: Sendable, Equatable {
        case add(ScenarioEdit)
        case replace(index: Int, with: ScenarioEdit)
        case remove(index: Int)
    }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// The current edits as a scenario (what a saved session file holds).
    public var scenario: Scenario { Scenario(name: name, edits: edits) }

    /// Applies `change` and evaluates the result; on error nothing changes.
    /// - Throws: `ScenarioError` when the change names no edit or an edit cannot apply.
    public mutating func apply(_ change: Change, progress: any StudyProgress) throws {
        var next = edits
        switch change {
        case .add(let edit):
            next.append(edit)
        case .replace(let index, let edit):
            guard next.indices.contains(index) else { throw ScenarioError(editIndex: index, message: "no edit \(index); there are \(next.count)") }
            next[index] = edit
        case .remove(let index):
            guard next.indices.contains(index) else { throw ScenarioError(editIndex: index, message: "no edit \(index); there are \(next.count)") }
            next.remove(at: index)
        }
        try move(to: next, progress: progress)
        redoStack = []
    }

    /// Replaces every edit by `edits` (a scenario file opened into the session) as one change,
    /// which undo takes back; on error nothing changes.
    /// - Throws: `ScenarioError` when an edit cannot apply.
    public mutating func open(_ edits: [ScenarioEdit], progress: any StudyProgress) throws {
        try move(to: edits, progress: progress)
        redoStack = []
    }

    /// Returns to the edits before the last change; false when there is none.
    public mutating func undo(progress: any StudyProgress) throws -> Bool {
        try travel(from: \.undoStack, to: \.redoStack, progress: progress)
    }

    /// Re-applies the last change undone; false when there is none.
    public mutating func redo(progress: any StudyProgress) throws -> Bool {
        try travel(from: \.redoStack, to: \.undoStack, progress: progress)
    }

    /// Makes the last edits of `source` current, keeping the current ones on `target`.
    private mutating func travel(from source: WritableKeyPath<Self, [[ScenarioEdit]]>, to target: WritableKeyPath<Self, [[ScenarioEdit]]>,
                                 progress: any StudyProgress) throws -> Bool {
        guard let next = self[keyPath: source].last else { return false }
        let current = edits
        try evaluate(next, progress: progress)
        self[keyPath: source].removeLast()
        self[keyPath: target].append(current)
        return true
    }

    /// Evaluates `next`, then records the current edits for undo and makes `next` current.
    private mutating func move(to next: [ScenarioEdit], progress: any StudyProgress) throws {
        let current = edits
        try evaluate(next, progress: progress)
        undoStack.append(current)
        if undoStack.count > Self.historyLimit { undoStack.removeFirst() }
    }

    /// Makes `list` current with its outcome; on error leaves everything as it was.
    private mutating func evaluate(_ list: [ScenarioEdit], progress: any StudyProgress) throws {
        let newOutcome = list.isEmpty ? nil : try baseline.outcome(of: Scenario(name: name, edits: list), progress: progress)
        edits = list
        outcome = newOutcome
    }
}
