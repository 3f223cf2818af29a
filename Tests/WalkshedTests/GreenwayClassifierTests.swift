import Testing
import Walkshed
import WalkshedTestSupport

//   green area (0,0)–(100,100)
//   e0: path    (10,50)–(90,50)    inside            → greenway
//   e1: street  (10,20)–(90,20)    inside, a street  → not (streets are never greenways)
//   e2: path    (0,-10)–(100,-10)  10 m along edge   → greenway
//   e3: path    (0,-300)–(100,-300) far              → not
//   e4: path far but on a route relation             → greenway
@Test func greenwaysArePathsInOrAlongGreenSpaceOrOnRoutes() {
    var graph = TinyNetwork.graph(
        nodes: [(10, 50), (90, 50), (10, 20), (90, 20), (0, -10), (100, -10), (0, -300), (100, -300), (0, -400), (100, -400)],
        edges: [(0, 1, nil), (2, 3, nil), (4, 5, nil), (6, 7, nil), (8, 9, nil)],
        classes: [.path, .street, .footway, .path, .cycleway])
    graph.edgeFlags[4].insert(.onRoute)
    let classifier = GreenwayClassifier(greenAreas: [squarePark])
    #expect(classifier.classify(&graph) == 3)
    #expect(graph.edgeFlags.map { $0.contains(.greenway) } == [true, false, true, false, true])
}
