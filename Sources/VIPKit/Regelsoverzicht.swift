import VIPChecklist

/// `vip regels`: the catalogue, generated from the rule values themselves.
public enum Regelsoverzicht {
    public static func tekst(_ regels: [Regel] = Catalogus.alle) -> String {
        var out = ""
        for onderdeel in Catalogus.onderdelen {
            out += "\(onderdeel)\n"
            for r in regels where r.onderdeel == onderdeel {
                out += "  \(r.id) (\(r.ernst.rawValue); bron: \(r.bron))\n"
                out += wrap(r.beschrijving, indent: "      ") + "\n"
            }
            out += "\n"
        }
        out += "\(regels.count) regels. Een waarschuwing of tip kunt u met `negeer:` en een reden uitzetten; een fout niet.\n"
        return out
    }

    public static func markdown(_ regels: [Regel] = Catalogus.alle) -> String {
        var out = "# De VIP-checklist\n\nGemaakt door `vip regels --format markdown` uit de regels zelf.\n"
        for onderdeel in Catalogus.onderdelen {
            out += "\n## \(onderdeel)\n\n| id | ernst | wat wordt gecontroleerd | bron |\n|---|---|---|---|\n"
            for r in regels where r.onderdeel == onderdeel {
                out += "| `\(r.id)` | \(r.ernst.rawValue) | \(r.beschrijving.replacingPipes) | \(r.bron) |\n"
            }
        }
        return out
    }

    public static func json(_ regels: [Regel] = Catalogus.alle) -> String {
        JSON.array(regels.map { r in
            .object([
                ("id", .string(r.id)), ("ernst", .string(r.ernst.rawValue)), ("onderdeel", .string(r.onderdeel)),
                ("beschrijving", .string(r.beschrijving)), ("bron", .string(r.bron)),
                ("voorbeelden", .object([
                    ("goed", .array(r.goed.map { .string($0.yaml) })),
                    ("fout", .array(r.fout.map { v in
                        .object([("yaml", .string(v.yaml)), ("pad", v.pad.map(JSON.string) ?? .null),
                                 ("ernst", .string((v.ernst ?? r.ernst).rawValue))])
                    })),
                ])),
            ])
        }).serialised() + "\n"
    }

    static func wrap(_ s: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        var line = indent
        for word in s.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    var replacingPipes: String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
}
