using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Prefix.Feeds.Urls;

/// <summary>
/// Which feed URLs registration accepts, and the one canonical spelling each is stored under
/// (FEEDS.md "Registration": http(s) only, no credentials unless allowed, at most 2,000 characters).
/// Pure: no I/O, no DNS (the SSRF guard decides about addresses at connect time).
/// </summary>
/// <remarks>
/// <para>Steps: trim; length; no whitespace or control characters inside; podcast-app schemes rewritten;
/// scheme http/https; authority split into credentials, host and port; host checked (DNS name, IPv4
/// dotted quad or bracketed IPv6); fragment dropped.</para>
/// <para>The canonical form lower-cases the scheme and host (RFC 3986 §6.2.2.1: both are case-insensitive),
/// drops the default port (§6.2.3) and keeps the path and query exactly as given: no percent-decoding or
/// re-encoding and no trailing-slash changes, because servers are free to treat those spellings as
/// different resources.</para>
/// <para>Podcast apps link feeds with their own schemes: <c>feed://host/x</c>, <c>itpc://host/x</c>,
/// <c>pcast://host/x</c> and <c>podcast://host/x</c> become <c>http://host/x</c>, and the
/// <c>feed:https://host/x</c> form (a URL wrapped in <c>feed:</c>) becomes the wrapped URL. The feed id
/// ignores the scheme anyway (it is the podcast:guid UUIDv5 of the URL without scheme), so a feed given
/// as http and as https is one feed.</para>
/// </remarks>
public static class FeedUrlRules
{
    /// <summary>Longest accepted URL, in characters, after trimming (FEEDS.md: "absurd lengths (&gt; 2,000 chars)").</summary>
    public const int MaxLength = 2000;

    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    // The wrapper schemes podcast apps register for "subscribe" links; none is an IANA-registered fetch scheme.
    private static readonly string[] AppSchemes = ["feed:", "itpc:", "pcast:", "podcast:"];

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>Checks a feed URL and returns its canonical form or the reason it is refused.</summary>
    /// <param name="input">What the person or file supplied.</param>
    /// <param name="allowCredentials">Accept <c>user:password@</c> in the URL (private feeds); off by default.</param>
    public static FeedUrlCheck Check(string? input, bool allowCredentials = false)
    {
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return FeedUrlCheck.Reject("The URL is empty.");
        }

        if (text.Length > MaxLength)
        {
            return FeedUrlCheck.Reject(Invariant($"The URL is {text.Length:N0} characters long; at most {MaxLength:N0} are accepted."));
        }

        var bad = IndexOfWhitespaceOrControl(text);
        if (bad >= 0)
        {
            return FeedUrlCheck.Reject(Invariant(
                $"The URL contains a space, line break or control character at position {bad + 1}; percent-encode it (a space is %20)."));
        }

        text = UnwrapAppScheme(text, out var unwrapRejection);
        if (unwrapRejection is not null)
        {
            return FeedUrlCheck.Reject(unwrapRejection);
        }

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || !IsSchemeName(text.AsSpan(0, separator)))
        {
            return FeedUrlCheck.Reject(text.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                ? "The URL needs // after the scheme, as in https://example.com/feed.xml."
                : "The URL is not absolute; start it with https:// (or http://), as in https://example.com/feed.xml.");
        }

        var scheme = text[..separator].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return FeedUrlCheck.Reject($"Only http and https feed URLs are accepted, not '{scheme}'.");
        }

        var authorityStart = separator + 3;
        var authorityEnd = text.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        authorityEnd = authorityEnd < 0 ? text.Length : authorityStart + authorityEnd;
        var authority = text.AsSpan(authorityStart, authorityEnd - authorityStart);

        var at = authority.LastIndexOf('@');
        var userInfo = ReadOnlySpan<char>.Empty;
        if (at >= 0)
        {
            if (!allowCredentials)
            {
                return FeedUrlCheck.Reject("The URL contains a user name or password (user:password@); remove them, credentials in feed URLs are not accepted.");
            }

            userInfo = authority[..at];
            authority = authority[(at + 1)..];
        }

        var hostRejection = SplitHostAndPort(authority, out var host, out var port);
        if (hostRejection is not null)
        {
            return FeedUrlCheck.Reject(hostRejection);
        }

        // RFC 3986 §3.5: the fragment is for the client, never sent to the server; it cannot name another feed.
        var rest = text.AsSpan(authorityEnd);
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var canonical = new StringBuilder(text.Length);
        canonical.Append(scheme).Append("://");
        if (at >= 0)
        {
            canonical.Append(userInfo).Append('@');
        }

        canonical.Append(host);
        if (port is { } p && p != (scheme == "https" ? 443 : 80))
        {
            canonical.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        canonical.Append(rest);
        var result = canonical.ToString();

        // Last line of defence: whatever we accept must be something HttpClient can request.
        return Uri.TryCreate(result, UriKind.Absolute, out _)
            ? FeedUrlCheck.Accept(result)
            : FeedUrlCheck.Reject("The URL is not a valid http(s) URL.");
    }

    private static string UnwrapAppScheme(string text, out string? rejection)
    {
        rejection = null;
        foreach (var prefix in AppSchemes)
        {
            if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = text[prefix.Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                // feed://host/x and friends carry no scheme of their own: plain http, which servers upgrade by redirect.
                return "http:" + rest;
            }

            if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return rest;
            }

            rejection = $"The '{prefix[..^1]}:' link does not contain a web address; use the feed's https:// URL.";
            return text;
        }

        return text;
    }

    private static string? SplitHostAndPort(ReadOnlySpan<char> authority, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        ReadOnlySpan<char> hostPart;
        ReadOnlySpan<char> portPart;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return "The URL's IPv6 address is missing its closing ']'.";
            }

            hostPart = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (!after.IsEmpty && after[0] != ':')
            {
                return "The URL has characters after its IPv6 address that are not a port.";
            }

            portPart = after.IsEmpty ? [] : after[1..];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            hostPart = colon < 0 ? authority : authority[..colon];
            portPart = colon < 0 ? [] : authority[(colon + 1)..];
        }

        if (hostPart.IsEmpty)
        {
            return "The URL has no host name, as in https://example.com/feed.xml.";
        }

        // RFC 3986 §3.2.3: an empty port ("host:/x") is allowed and means the default.
        if (!portPart.IsEmpty)
        {
            if (portPart.Length > 5 || !int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                return $"The port '{portPart}' is not a number between 1 and 65535.";
            }

            port = number;
        }

        return hostPart[0] == '[' ? CheckIpv6(hostPart, out host) : CheckHostName(hostPart, out host);
    }

    private static string? CheckIpv6(ReadOnlySpan<char> bracketed, out string host)
    {
        host = string.Empty;
        var inner = bracketed[1..^1];
        if (!IPAddress.TryParse(inner, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || inner.Contains('%'))
        {
            return $"'{bracketed}' is not a valid IPv6 address.";
        }

        // The text is kept (lower-cased) rather than re-formatted: the compressed spelling is already unambiguous.
        host = bracketed.ToString().ToLowerInvariant();
        return null;
    }

    private static string? CheckHostName(ReadOnlySpan<char> hostPart, out string host)
    {
        host = string.Empty;
        if (hostPart.Contains('%'))
        {
            return $"The host name '{hostPart}' is percent-encoded; write it plainly.";
        }

        string ascii;
        if (Ascii.IsValid(hostPart))
        {
            ascii = hostPart.ToString().ToLowerInvariant();
        }
        else
        {
            // Internationalized names are stored in their A-label (xn--) form so both spellings are one feed (RFC 5891 §4).
            try
            {
                ascii = Idn.GetAscii(hostPart.ToString()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return $"The host name '{hostPart}' is not a valid domain name.";
            }
        }

        var name = ascii.EndsWith('.') ? ascii.AsSpan(0, ascii.Length - 1) : ascii.AsSpan();
        if (name.IsEmpty || name.Length > MaxHostLength)
        {
            return $"The host name '{hostPart}' is not a valid domain name.";
        }

        var lastLabelStart = name.LastIndexOf('.') + 1;
        if (LooksNumeric(name[lastLabelStart..]))
        {
            // WHATWG URL §3.5: a host whose last label is numeric is an IPv4 address; only the plain dotted quad is
            // accepted, since shorthand, octal and hex spellings ("127.1", "0x7f.1") are read differently by different clients.
            if (!IsDottedQuad(name))
            {
                return $"'{hostPart}' is not a valid IPv4 address (expected four numbers 0-255, like 192.0.2.10).";
            }

            host = ascii;
            return null;
        }

        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.IsEmpty || label.Length > MaxLabelLength)
            {
                return $"The host name '{hostPart}' is not a valid domain name.";
            }

            // Letters, digits and hyphens (RFC 1123 §2.1), plus '_' which real hosting CNAMEs use.
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    return $"The host name '{hostPart}' contains '{c}', which is not allowed in a domain name.";
                }
            }
        }

        host = ascii;
        return null;
    }

    private static bool LooksNumeric(ReadOnlySpan<char> label) =>
        !label.IsEmpty && char.IsAsciiDigit(label[0])
        && (label.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !label.ContainsAnyExceptInRange('0', '9'));

    private static bool IsDottedQuad(ReadOnlySpan<char> name)
    {
        var parts = 0;
        foreach (var range in name.Split('.'))
        {
            var part = name[range];
            parts++;
            if (parts > 4 || part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0')
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    private static bool IsSchemeName(ReadOnlySpan<char> scheme)
    {
        // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfWhitespaceOrControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u200B' or '\u2028' or '\u2029' or '\uFEFF')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
