import VIPModel

/// The complete rule catalogue, in the order of `checklist.md`.
public enum Catalogus {
    public static let alle: [Regel] = organisatie + projectplan + begroting + dekking + brief + naHetBesluit + register

    /// Section names as in checklist.md, for `vip regels`.
    public static let onderdelen = ["Organisatie", "Projectplan", "Begroting", "Dekkingsplan en fondsen", "Brief en bijlagen",
                                    "Na het besluit", "Fondsenregister"]
}
