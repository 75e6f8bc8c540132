import VIPDocument

/// Re-exports for the executable, which imports VIPKit only.
public typealias DocumentFormaat = DocumentFormat

public enum Sjablonen {
    public static func laad(_ map: String) throws -> TemplateSet { try TemplateSet.load(directory: map) }
}
