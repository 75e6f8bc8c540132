/// Proper edge colouring of bipartite multigraphs with Δ colours.
enum EdgeColouring {
    /// Colours the edges so that no two edges at one vertex share a colour.
    ///
    /// Each edge (u, v) takes a colour `a` free at u. If `a` is busy at v, v has
    /// another colour `b` free; swapping a and b along the a/b-alternating path
    /// that starts at v frees `a` at v. In a bipartite graph that path cannot end
    /// at u (it would close an odd cycle), so `a` stays free at u. This is the
    /// constructive proof of König's edge-colouring theorem; O(E·V).
    ///
    /// - Parameters:
    ///   - edges: Edges between vertex ids; every edge must join the two sides of a
    ///     bipartition (the caller's projects and fund tables).
    ///   - vertexCount: Number of vertex ids.
    ///   - colours: At least the maximum degree.
    /// - Returns: The colour (0-based) of each edge.
    static func colour(edges: [(u: Int, v: Int)], vertexCount: Int, colours: Int) -> [Int] {
        var edgeAt = [[Int]](repeating: [Int](repeating: -1, count: colours), count: vertexCount)
        var colour = [Int](repeating: -1, count: edges.count)

        for (e, edge) in edges.enumerated() {
            guard let a = edgeAt[edge.u].firstIndex(of: -1),
                  let b = edgeAt[edge.v].firstIndex(of: -1) else {
                preconditionFailure("more colours needed than the maximum degree allows")
            }
            if edgeAt[edge.v][a] != -1 {
                var path: [Int] = []
                var vertex = edge.v
                var current = a
                while edgeAt[vertex][current] != -1 {
                    let f = edgeAt[vertex][current]
                    path.append(f)
                    vertex = edges[f].u == vertex ? edges[f].v : edges[f].u
                    current = current == a ? b : a
                }
                for f in path {
                    edgeAt[edges[f].u][colour[f]] = -1
                    edgeAt[edges[f].v][colour[f]] = -1
                }
                for f in path {
                    colour[f] = colour[f] == a ? b : a
                    edgeAt[edges[f].u][colour[f]] = f
                    edgeAt[edges[f].v][colour[f]] = f
                }
            }
            colour[e] = a
            edgeAt[edge.u][a] = e
            edgeAt[edge.v][a] = e
        }
        return colour
    }
}
