using System.Globalization;
using System.Text;
using Prefix.Core.Hits;

namespace Prefix.Edge.Redirects;

/// <summary>
/// Reads <c>/e[,args]/[scheme://]host[:port]/path[?query]</c> from the raw request target, by hand and
/// on the raw text, so that what goes into <c>Location</c> is exactly what the podcaster wrote:
/// nothing decoded, nothing re-encoded (the grammar follows OP3's, see shared/research/op3.md §1).
/// </summary>
/// <remarks>
/// The steps, in order; the first that fails decides the 400 reason:
/// <list type="number">
/// <item>size (8 KB) and control characters, raw or percent-encoded CR/LF/NUL (header injection);</item>
/// <item>prefix arguments between <c>/e,</c> and the slash (also the <c>/e/pg=…/</c> typo);</item>
/// <item>scheme: none means https; <c>https:/host</c> is repaired; a second scheme is refused;</item>
/// <item>host and port (<see cref="TargetHostRules"/>): characters, shape, localhost, non-public IP literals;</item>
/// <item>a non-empty path.</item>
/// </list>
/// </remarks>
internal static class PrefixUrlParser
{
    public const int MaxLength = 8192;

    public static PrefixParseResult Parse(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        if (rawTarget.Length > MaxLength)
        {
            return PrefixParseResult.Invalid($"the URL is longer than {MaxLength} bytes");
        }

        if (FindControlCharacter(rawTarget) is { } control)
        {
            return PrefixParseResult.Invalid(control);
        }

        if (!rawTarget.StartsWith("/e/", StringComparison.Ordinal) && !rawTarget.StartsWith("/e,", StringComparison.Ordinal))
        {
            return PrefixParseResult.Invalid("not a prefix URL: it must start with /e/");
        }

        var afterE = rawTarget.AsSpan(2);
        var arguments = ReadOnlySpan<char>.Empty;
        if (afterE[0] == ',')
        {
            var slash = afterE.IndexOf('/');
            if (slash < 0)
            {
                return PrefixParseResult.Invalid("nothing follows the prefix arguments: expected /e,args/host/path");
            }

            arguments = afterE[1..slash];
            afterE = afterE[slash..];
        }

        var rest = afterE[1..];
        if (arguments.IsEmpty && IsMisplacedArgumentSegment(rest, out var segmentLength))
        {
            // Seen in real feeds: "/e/pg=<guid>/host/path" where a comma was meant.
            arguments = rest[..segmentLength];
            rest = rest[(segmentLength + 1)..];
        }

        var scheme = "https";
        if (TryReadScheme(rest, out var explicitScheme, out var schemeLength))
        {
            scheme = explicitScheme;
            rest = rest[schemeLength..];
            if (TryReadScheme(rest, out _, out _) || StartsWithScheme(rest))
            {
                return PrefixParseResult.Invalid("the target has a second scheme (e.g. https://https://…)");
            }
        }
        else if (StartsWithScheme(rest))
        {
            return PrefixParseResult.Invalid("the target's scheme is malformed: expected http:// or https://");
        }

        var pathStart = rest.IndexOfAny('/', '?', '#');
        if (pathStart < 0 || rest[pathStart] != '/')
        {
            return PrefixParseResult.Invalid("the target has no path after the host (expected host/path)");
        }

        var authority = rest[..pathStart];
        var path = rest[pathStart..];
        if (path.Length == 1 || path[1] == '?' || path[1] == '#')
        {
            return PrefixParseResult.Invalid("the target's path is empty");
        }

        if (TargetHostRules.Check(authority) is { } hostError)
        {
            return PrefixParseResult.Invalid(hostError);
        }

        var target = BuildTarget(scheme, authority, path);
        return PrefixParseResult.Valid(new PrefixUrl(target, arguments.ToString(), PrefixArguments.PodcastGuid(arguments)));
    }

    private static string? FindControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == 0x7F)
            {
                return c is '\r' or '\n' ? "the URL contains CR or LF" : "the URL contains a control character";
            }

            if (c == '%' && i + 2 < text.Length && text[i + 1] == '0' && (text[i + 2] is 'd' or 'D' or 'a' or 'A' or '0'))
            {
                // An encoded CR, LF or NUL has no business in an enclosure URL and is the classic way to
                // smuggle a header into a downstream that decodes before it writes.
                return "the URL contains an encoded CR, LF or NUL (%0D, %0A, %00)";
            }
        }

        return null;
    }

    private static bool IsMisplacedArgumentSegment(ReadOnlySpan<char> rest, out int length)
    {
        length = rest.IndexOf('/');
        return length > 3 && rest.StartsWith("pg=", StringComparison.OrdinalIgnoreCase) && !rest[..length].Contains('.');
    }

    private static bool TryReadScheme(ReadOnlySpan<char> text, out string scheme, out int length)
    {
        foreach (var candidate in (ReadOnlySpan<string>)["https", "http"])
        {
            if (text.Length > candidate.Length + 1
                && text.StartsWith(candidate, StringComparison.OrdinalIgnoreCase)
                && text[candidate.Length] == ':'
                && text[candidate.Length + 1] == '/')
            {
                scheme = candidate;
                // "https://host" normally; "https:/host" (one slash) is a common typo, repaired.
                length = candidate.Length + (text.Length > candidate.Length + 2 && text[candidate.Length + 2] == '/' ? 3 : 2);
                return true;
            }
        }

        scheme = string.Empty;
        length = 0;
        return false;
    }

    private static bool StartsWithScheme(ReadOnlySpan<char> text) =>
        text.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    private static string BuildTarget(string scheme, ReadOnlySpan<char> authority, ReadOnlySpan<char> path)
    {
        var builder = new StringBuilder(scheme.Length + 3 + authority.Length + path.Length);
        builder.Append(scheme).Append("://").Append(authority);
        while (!path.IsEmpty)
        {
            var nonAscii = path.IndexOfAnyExceptInRange((char)0, (char)0x7F);
            if (nonAscii < 0)
            {
                builder.Append(path);
                break;
            }

            builder.Append(path[..nonAscii]);
            path = path[nonAscii..];
            var run = path.IndexOfAnyInRange((char)0, (char)0x7F);
            run = run < 0 ? path.Length : run;

            // A header value must be ASCII; raw non-ASCII text becomes its UTF-8 percent-encoding, which is
            // what every HTTP client sends for it anyway. ASCII is never touched (no double encoding).
            foreach (var b in Encoding.UTF8.GetBytes(path[..run].ToArray()))
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            path = path[run..];
        }

        return builder.ToString();
    }
}
