namespace Prefix.Core.Identities;

/// <summary>
/// Show and episode ids as ARCHITECTURE.md ("Identities") fixes them, compatible with the
/// Podcasting 2.0 <c>podcast:guid</c> rule so a feed that declares no guid gets the same id
/// any other implementation of that rule would compute.
/// </summary>
public static class PodcastIdentity
{
    /// <summary>The namespace the podcast namespace specification fixes for <c>podcast:guid</c>.</summary>
    public static readonly Guid PodcastGuidNamespace = new("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

    /// <summary>The feed's declared <c>podcast:guid</c> when valid, else UUIDv5 of the feed URL without scheme and trailing slashes.</summary>
    public static Guid ShowId(string feedUrl, string? declaredPodcastGuid = null)
    {
        if (Guid.TryParse(declaredPodcastGuid?.Trim(), out var declared) && declared != Guid.Empty)
        {
            return declared;
        }

        return Uuid5.Create(PodcastGuidNamespace, FeedUrlName(feedUrl));
    }

    /// <summary>UUIDv5 in the show's namespace of the item guid, or of the enclosure URL when the guid is empty.</summary>
    public static Guid EpisodeId(Guid showId, string? itemGuid, string enclosureUrl)
    {
        var name = string.IsNullOrWhiteSpace(itemGuid) ? enclosureUrl : itemGuid.Trim();
        return Uuid5.Create(showId, name);
    }

    /// <summary>"https://Example.com/feed/" → "Example.com/feed": the name the podcast:guid rule hashes.</summary>
    public static string FeedUrlName(string feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var text = feedUrl.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }

        return text.TrimEnd('/');
    }
}
