/// A study asked for something its inputs cannot give.
public enum StudyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The run counts residents and the study has none.
    case needsResidents(String)
    /// No destination set of this name (`park`, a service category).
    case unknownDestinationKind(DestinationKind)
    /// No travel profile of this name.
    case unknownProfile(String)

    public var description: String {
        switch self {
        case .needsResidents(let what): "\(what) needs residents"
        case .unknownDestinationKind(let name): "no destinations of kind '\(name.name)'"
        case .unknownProfile(let name): "unknown profile '\(name)'"
        }
    }
}
