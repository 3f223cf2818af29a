extension City {
    /// The same city with its transit stops replaced by `stops` (e.g. the served stops of GTFS
    /// feeds); other services stay. An empty `stops` leaves the city as it is.
    public func replacingTransit(with stops: [ServicePoint]) -> City {
        guard !stops.isEmpty else { return self }
        precondition(stops.allSatisfy { $0.category == .transit }, "only transit stops replace transit")
        var copy = self
        copy.services.removeAll { $0.category == .transit }
        copy.services += stops
        return copy
    }
}
