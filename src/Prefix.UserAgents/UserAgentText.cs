using System.Buffers;

namespace Prefix.UserAgents;

/// <summary>Cleans a raw header value into the text that is classified and used as the cache key.</summary>
internal static class UserAgentText
{
    /// <summary>
    /// Real agents stay well under 1 KB (long in-app browser agents reach ~600 characters). Cutting longer ones
    /// bounds the regex work of a hostile 100 KB header and keeps cache keys small.
    /// </summary>
    public const int MaxLength = 1024;

    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    /// <summary>
    /// Cut to <see cref="MaxLength"/>, control characters turned into spaces, trimmed. Returns the input instance
    /// when it is already clean, so the cached path allocates nothing.
    /// </summary>
    public static string Normalize(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return string.Empty;
        }

        var span = userAgent.AsSpan();
        if (span.Length > MaxLength)
        {
            span = span[..MaxLength];
        }

        if (span.IndexOfAny(ControlCharacters) < 0)
        {
            var trimmed = span.Trim();
            return trimmed.Length == userAgent.Length ? userAgent : trimmed.ToString();
        }

        return string.Create(span.Length, userAgent, static (buffer, source) =>
        {
            source.AsSpan(0, buffer.Length).CopyTo(buffer);
            buffer.ReplaceAny(ControlCharacters, ' ');
        }).Trim();
    }
}
