/// The median of many values without sorting them: selection in expected linear time.
public enum Median {
    /// The median of `values` (the mean of the two middle values when the count is even), or
    /// nil when there are none. `values` must hold no NaN; their order is changed.
    public static func of(_ values: inout [Float]) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        let upper = n / 2
        values.withUnsafeMutableBufferPointer { select(upper, in: $0) }
        let high = Double(values[upper])
        guard n % 2 == 0 else { return high }
        // Everything before `upper` is ≤ it after the selection: the lower middle is their maximum.
        var low = values[0]
        for i in 1..<upper where values[i] > low { low = values[i] }
        return (Double(low) + high) / 2
    }

    /// Moves the value of rank `k` to index `k`, smaller-or-equal values before it and
    /// greater-or-equal after (Hoare partitions around a median-of-three pivot).
    static func select(_ k: Int, in v: UnsafeMutableBufferPointer<Float>) {
        var low = 0, high = v.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            if v[middle] < v[low] { v.swapAt(middle, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[middle] { v.swapAt(high, middle) }
            let pivot = v[middle]
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            // Now v[low...j] ≤ pivot ≤ v[i...high], and values between j and i equal the pivot.
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }
}
