namespace Feed.Updater.Fetching;

/// <summary>Reads the response headers the poller keeps: raw where they are stored verbatim, typed where they are timed.</summary>
internal static class ResponseHeaders
{
    /// <summary>
    /// A header exactly as the server sent it (several lines joined with ", "), from the response or content
    /// headers; never parsed, so odd ETags such as <c>W/"x"</c> or an unquoted value survive for the next poll.
    /// </summary>
    public static string? Raw(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            var text = values.ToString();
            return text.Length == 0 ? null : text;
        }

        return null;
    }

    /// <summary>
    /// The longest of Cache-Control max-age and Expires − Date (RFC 9111 §4.2.1); s-maxage is for shared caches
    /// and ignored. Expires counts only with a Date to measure it from (our clock and theirs may differ); an
    /// Expires in the past, or an invalid one (which RFC 9111 §5.3 treats as already expired), gives null.
    /// </summary>
    public static TimeSpan? CacheLifetime(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var maxAge = response.Headers.CacheControl?.MaxAge;
        if (maxAge < TimeSpan.Zero)
        {
            maxAge = null;
        }

        TimeSpan? fromExpires = null;
        if (response.Content.Headers.Expires is { } expires && response.Headers.Date is { } date)
        {
            var lifetime = expires - date;
            fromExpires = lifetime >= TimeSpan.Zero ? lifetime : null;
        }

        return (maxAge, fromExpires) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    /// <summary>Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), measured from <paramref name="now"/>; never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } at)
        {
            var wait = at - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
