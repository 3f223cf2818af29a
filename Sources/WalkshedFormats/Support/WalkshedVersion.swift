/// The version every output file and table names.
public enum WalkshedVersion {
    public static let current = "0.1.0"
}
