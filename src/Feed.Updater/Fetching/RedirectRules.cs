namespace Feed.Updater.Fetching;

/// <summary>
/// The rules a redirect hop must pass (FEEDS.md "Fetching"); shared by the feed fetcher and the enclosure probe.
/// </summary>
internal static class RedirectRules
{
    /// <summary>True for the statuses that carry a Location to follow (RFC 9110 §15.4).</summary>
    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>True for the permanent ones (RFC 9110 §15.4.2, RFC 9110 §15.4.9).</summary>
    public static bool IsPermanent(int status) => status is 301 or 308;

    /// <summary>The key a visited URL is remembered by for loop detection (the fragment never reaches the server).</summary>
    public static string VisitKey(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }

    /// <summary>
    /// Where hop <paramref name="hop"/> (1-based) leads from <paramref name="current"/>, or why it must not be followed.
    /// </summary>
    /// <param name="current">The URL whose response redirected.</param>
    /// <param name="status">The redirect status (for the messages).</param>
    /// <param name="location">The Location header as received (null when absent).</param>
    /// <param name="hop">The hop number, counted from 1.</param>
    /// <param name="visited">Visit keys of the URLs requested so far (see <see cref="VisitKey"/>).</param>
    public static RedirectStep Next(Uri current, int status, string? location, int hop, IReadOnlySet<string> visited)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(visited);
        if (string.IsNullOrWhiteSpace(location))
        {
            return RedirectStep.Refuse($"redirect hop {hop}: {status} from {current} has no Location header");
        }

        // A header value with control characters is a response-splitting attempt or garbage; neither is followed.
        if (location.Any(char.IsControl))
        {
            return RedirectStep.Refuse($"redirect hop {hop}: the Location header from {current} contains control characters");
        }

        // RFC 9110 §10.2.2: a relative reference is resolved against the URL that was requested.
        if (!Uri.TryCreate(current, location.Trim(), out var target))
        {
            return RedirectStep.Refuse($"redirect hop {hop}: Location '{location}' from {current} is not a valid URL");
        }

        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return RedirectStep.Refuse($"redirect hop {hop}: Location '{target}' is not an http or https URL");
        }

        // A downgrade would hand the feed (and whatever the poll trusts in it) to anyone on the path.
        if (current.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            return RedirectStep.Refuse($"redirect hop {hop}: {current} redirects to plain http {target}; https→http downgrades are refused");
        }

        if (visited.Contains(VisitKey(target)))
        {
            return RedirectStep.Refuse($"redirect hop {hop}: redirect loop, {target} was already requested in this chain");
        }

        return new RedirectStep(target, null);
    }
}
