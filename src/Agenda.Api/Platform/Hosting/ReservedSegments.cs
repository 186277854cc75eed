namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// First path segments that belong to the host (its API, documented routes, pages, static files and operations
/// endpoints), never to an owner's public page at <c>/{owner}</c>. An owner cannot be created with such an id, and a
/// request under one of them is answered by the host alone, never by a booking page. A test holds this list to what
/// the host maps and serves.
/// </summary>
internal static class ReservedSegments
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "v1", "api", "appointments", "calendar", "openapi", "scalar", "healthz", "readyz", "metrics",
        "console", "mcp", "booking", "team", "link", "css", "js", "embed.js", "favicon.ico", "robots.txt", "_framework", "_content",
    };

    /// <summary>
    /// Whether <paramref name="segment"/> belongs to the host: one of <see cref="All"/>, or the name of a script,
    /// stylesheet or compressed copy (<c>embed.o1jlj6ycfs.js</c>, <c>embed.js.gz</c>), as the static assets' fingerprinted
    /// and compressed names at the root are.
    /// </summary>
    public static bool Contains(string segment) =>
        All.Contains(segment) || AssetSuffixes.Any(suffix => segment.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] AssetSuffixes = [".js", ".css", ".gz", ".br", ".map"];

    /// <summary>The first segment of <paramref name="path"/>, or null for the root.</summary>
    public static string? FirstOf(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : null;
}
