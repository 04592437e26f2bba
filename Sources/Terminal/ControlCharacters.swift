/// Removes control characters (C0, DEL, C1, and so escape sequences' introducers) from text a learner
/// typed, so names and answers echoed back cannot move the cursor, recolour or clear the screen.
public enum ControlCharacters {
    /// `text` with every control character removed; tabs become spaces.
    public static func strip(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09:
                scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
