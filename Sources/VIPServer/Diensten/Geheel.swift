/// A whole number from a parsed JSON body; `true` and `false` are not numbers, however
/// Foundation hands them over (a Swift `Bool`, or an `NSNumber` that also casts to `Bool`).
func geheel(_ waarde: Any?) -> Int? {
    guard let waarde, type(of: waarde) != Bool.self, "\(type(of: waarde))" != "__NSCFBoolean" else { return nil }
    return waarde as? Int
}
