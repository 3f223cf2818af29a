import Testing
import Walkshed
import WalkshedTestSupport

/// The selected median equals the middle of the sorted values (the mean of the two middle ones
/// for an even count), over runs of repeats, sorted and reversed input, −0 and single values.
@Test(arguments: 0..<300) func medianEqualsTheMiddleOfTheSortedValues(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let count = Int.random(in: 1...(seed % 3 == 0 ? 9 : 400), using: &rng)
    let palette: [Float] = [0, -0.0, 0.01, 1, 1, 2.5, 14.99, 15, 15.01, 1440, 3e-7]
    var values = (0..<count).map { _ in
        Int.random(in: 0..<4, using: &rng) == 0 ? palette[Int.random(in: 0..<palette.count, using: &rng)]
                                                 : Float(Int.random(in: 0...3000, using: &rng)) / 100
    }
    if seed % 5 == 1 { values.sort() }
    if seed % 5 == 2 { values.sort(by: >) }
    let sorted = values.sorted()
    let expected = count % 2 == 1 ? Double(sorted[count / 2]) : (Double(sorted[count / 2 - 1]) + Double(sorted[count / 2])) / 2
    var work = values
    #expect(Median.of(&work) == expected, "seed \(seed), \(count) values")
    #expect(work.sorted() == sorted, "the values are only reordered")
}

@Test func medianOfNothingIsNil() {
    var none: [Float] = []
    #expect(Median.of(&none) == nil)
    var two: [Float] = [4, 1]
    #expect(Median.of(&two) == 2.5)
}
