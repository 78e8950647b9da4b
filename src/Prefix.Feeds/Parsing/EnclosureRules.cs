namespace Prefix.Feeds.Parsing;

/// <summary>
/// Which enclosure is the episode's media, and its normalized type and length (FEEDS.md "Parsing and
/// normalization"; AntennaPod and Podcast Index make the same choices).
/// </summary>
internal static class EnclosureRules
{
    /// <summary>
    /// Lengths under 1 KiB are placeholders ("0", "1", "123") that hosts write when they do not know the size;
    /// no real episode is that small.
    /// </summary>
    internal const long MinimumLength = 1024;

    private static readonly (string Extension, string Type)[] Types =
    [
        (".mp3", "audio/mpeg"), (".m4a", "audio/x-m4a"), (".mp4", "video/mp4"), (".m4v", "video/x-m4v"),
        (".aac", "audio/aac"), (".ogg", "audio/ogg"), (".oga", "audio/ogg"), (".opus", "audio/opus"),
        (".wav", "audio/wav"), (".flac", "audio/flac"), (".mov", "video/quicktime"), (".m4b", "audio/x-m4b"),
        (".webm", "video/webm"), (".mpga", "audio/mpeg"), (".mp2", "audio/mpeg"), (".mpeg", "video/mpeg"),
        (".mpg", "video/mpeg"), (".ogv", "video/ogg"), (".3gp", "video/3gpp"), (".wma", "audio/x-ms-wma"),
        (".aiff", "audio/aiff"), (".aif", "audio/aiff"), (".m3u8", "application/vnd.apple.mpegurl"),
    ];

    /// <summary>The media type the URL's path extension implies, or null.</summary>
    public static string? GuessType(string url)
    {
        var path = url.AsSpan();
        var cut = path.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        var dot = path.LastIndexOf('.');
        if (dot < 0 || path.Length - dot > 6 || path[dot..].Contains('/'))
        {
            return null;
        }

        var extension = path[dot..];
        foreach (var (candidate, type) in Types)
        {
            if (extension.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>audio/*, video/*, and the few application types that are media (HLS playlists, Ogg).</summary>
    public static bool IsMediaType(string type) =>
        type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
        || type.Equals("application/ogg", StringComparison.OrdinalIgnoreCase)
        || type.Equals("application/x-mpegurl", StringComparison.OrdinalIgnoreCase)
        || type.Equals("application/vnd.apple.mpegurl", StringComparison.OrdinalIgnoreCase);

    /// <summary>A declared type is useless when empty, missing its subtype, or the generic octet-stream.</summary>
    public static bool IsUselessType(string? type) =>
        type is null || !type.Contains('/', StringComparison.Ordinal) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bytes, or null when missing, unparseable or a placeholder.</summary>
    public static long? Length(string? text) => FieldValues.Long(text) is { } length && length >= MinimumLength ? length : null;
}
