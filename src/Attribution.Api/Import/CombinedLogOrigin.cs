namespace Attribution.Api.Import;

/// <summary>
/// Where the requests of a combined log went: the <c>host</c> (required for combined logs, which log only
/// the path) and <c>scheme</c> (default https) query parameters, as the origin <c>https://host[:port]</c>.
/// </summary>
internal static class CombinedLogOrigin
{
    /// <summary>The origin, or null with a reason when <paramref name="host"/> or <paramref name="scheme"/> is unusable.</summary>
    public static string? TryCreate(string host, string? scheme, out string? error)
    {
        error = null;
        scheme = string.IsNullOrEmpty(scheme) ? "https" : scheme.ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            error = $"'scheme' must be http or https; got '{HitFieldRules.Quote(scheme)}'";
            return null;
        }

        // A host name, IPv4 or [IPv6] literal, optionally with a port; nothing else may ride along into every URL.
        var plain = host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
        if (!plain || !Uri.TryCreate($"{scheme}://{host}/", UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || (!string.Equals(uri.Authority, host, StringComparison.OrdinalIgnoreCase) && !string.Equals($"{uri.Host}:{uri.Port}", host, StringComparison.OrdinalIgnoreCase)))
        {
            error = $"'host' must be the host name the log's requests went to, e.g. ?host=cdn.example.com (optionally with :port); got '{HitFieldRules.Quote(host)}'";
            return null;
        }

        return $"{scheme}://{host.ToLowerInvariant()}";
    }
}
