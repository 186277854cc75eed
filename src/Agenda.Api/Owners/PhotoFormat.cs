namespace Agenda.Api.Owners;

/// <summary>
/// The image formats an owner's photo may have, known by their bytes' magic numbers, never by what the sender declared:
/// PNG, JPEG, WebP and GIF, which every browser shows as an image and none runs. SVG is refused: it is a document that
/// can carry script and links.
/// </summary>
internal static class PhotoFormat
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The content type the bytes are, or null when they are none of the accepted formats.</summary>
    public static string? Detect(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Png) ? "image/png"
        : bytes.StartsWith(Jpeg) ? "image/jpeg"
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? "image/gif"
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>What refused bytes look like, for the message: SVG, another markup or text, PDF, or nothing known.</summary>
    public static RefusedKind Describe(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith(ByteOrderMark) ? bytes[3..] : bytes;
        start = start.TrimStart(" \t\r\n"u8);
        if (start.StartsWith("<"u8))
        {
            return start[..Math.Min(start.Length, 1024)].IndexOf("<svg"u8) >= 0 ? RefusedKind.Svg : RefusedKind.Markup;
        }

        return start.StartsWith("%PDF"u8) ? RefusedKind.Pdf : RefusedKind.Unknown;
    }

    /// <summary>The file name ending of a content type <see cref="Detect"/> gives.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        _ => "",
    };

    public enum RefusedKind
    {
        Unknown,
        Svg,
        Markup,
        Pdf,
    }
}
