/// Text from input files (a target's name, an OSM name) made safe to show: every control
/// character but tab and newline — C0, DEL, C1, among them ESC and CR, which could rewrite a
/// terminal line (a FAIL shown as PASS) — becomes a visible `\u{1B}`.
public enum VisibleText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A control character other than tab and newline.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
    }
}
