using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Feed.FakeHost.Endpoints;

/// <summary>The little header parsing the fake host needs, allocation-light and lenient like a typical origin.</summary>
internal static class HttpHeaderRules
{
    /// <summary>If-None-Match (RFC 9110 §13.1.2): weak comparison, so W/"x" matches "x"; "*" matches any current version.</summary>
    public static bool AnyEntityTagMatches(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var tag = value.AsSpan()[range].Trim();
                if (tag.StartsWith("W/", StringComparison.Ordinal))
                {
                    tag = tag[2..];
                }

                if (tag is "*" || tag.SequenceEqual(etag))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>If-Modified-Since (RFC 9110 §13.1.3): not modified when the resource's date is not later than the given one.</summary>
    public static bool NotModifiedSince(StringValues ifModifiedSince, long lastModifiedMs) =>
        !StringValues.IsNullOrEmpty(ifModifiedSince)
        && HeaderUtilities.TryParseDate(ifModifiedSince.ToString(), out var since)
        && lastModifiedMs <= since.ToUnixTimeMilliseconds();

    /// <summary>Accept-Encoding (RFC 9110 §12.5.3) lists gzip (or *) without q=0.</summary>
    public static bool AcceptsGzip(StringValues acceptEncoding)
    {
        foreach (var value in acceptEncoding)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var item = value.AsSpan()[range].Trim();
                var semicolon = item.IndexOf(';');
                var coding = (semicolon < 0 ? item : item[..semicolon]).Trim();
                if (!coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) && coding is not "*")
                {
                    continue;
                }

                // Only the quality parameter matters: q=0 means "not acceptable"; an unreadable q counts as acceptable.
                var parameters = semicolon < 0 ? [] : item[(semicolon + 1)..];
                var at = parameters.IndexOf("q=", StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    return true;
                }

                var number = parameters[(at + 2)..];
                var end = number.IndexOfAny(';', ' ');
                number = end < 0 ? number : number[..end];
                return !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var quality) || quality > 0;
            }
        }

        return false;
    }

    /// <summary>
    /// A single byte range (RFC 9110 §14.1.2). Returns false when the header should be ignored (absent, not bytes,
    /// several ranges, syntactically invalid); <paramref name="satisfiable"/> false means answer 416.
    /// </summary>
    public static bool TryParseRange(StringValues header, long length, out long first, out long last, out bool satisfiable)
    {
        first = last = 0;
        satisfiable = false;
        if (header.Count != 1)
        {
            return false;
        }

        var text = header[0].AsSpan().Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || text.Contains(','))
        {
            return false;
        }

        text = text[6..].Trim();
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var left = text[..dash].Trim();
        var right = text[(dash + 1)..].Trim();
        if (left.IsEmpty)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(right, out var suffix) || suffix < 0)
            {
                return false;
            }

            satisfiable = suffix > 0 && length > 0;
            first = Math.Max(0, length - suffix);
            last = length - 1;
            return true;
        }

        if (!long.TryParse(left, out first) || first < 0)
        {
            return false;
        }

        last = length - 1;
        if (!right.IsEmpty && (!long.TryParse(right, out last) || last < first))
        {
            return false;
        }

        last = Math.Min(last, length - 1);
        satisfiable = first < length;
        return true;
    }
}
