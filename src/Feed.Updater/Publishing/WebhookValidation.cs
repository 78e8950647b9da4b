using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using Prefix.Feeds.Events;

namespace Feed.Updater.Publishing;

/// <summary>
/// Checks a <see cref="WebhookCreateRequest"/> and builds the subscription, or says exactly what is wrong
/// (the message names the field and the value, so the caller can fix it without reading code).
/// </summary>
internal static class WebhookValidation
{
    /// <summary>FEEDS.md "Registration": the same URL length limit as feeds.</summary>
    public const int MaxUrlLength = 2000;

    public const int MaxFeedIds = 1000;
    public const int MaxDescriptionLength = 500;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    private static readonly SearchValues<char> IdCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The subscription the request describes, or the reason it is refused.</summary>
    public static (WebhookSubscription? Subscription, string? Error) Validate(WebhookCreateRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckUrl(request.Url) is { } urlError)
        {
            return (null, urlError);
        }

        var eventTypes = new List<string>();
        foreach (var type in request.EventTypes ?? [])
        {
            if (!FeedEventTypes.All.Contains(type, StringComparer.Ordinal))
            {
                return (null, $"eventTypes contains '{type}', which is not an event type; expected any of {string.Join(", ", FeedEventTypes.All)} (or leave eventTypes empty for all)");
            }

            if (!eventTypes.Contains(type, StringComparer.Ordinal))
            {
                eventTypes.Add(type);
            }
        }

        var feedIds = new List<Guid>();
        if (request.FeedIds is { Count: > MaxFeedIds })
        {
            return (null, $"feedIds has {request.FeedIds.Count} entries; at most {MaxFeedIds} are allowed (leave it empty for all feeds)");
        }

        foreach (var value in request.FeedIds ?? [])
        {
            if (!Guid.TryParse(value, out var feedId))
            {
                return (null, $"feedIds contains '{value}', which is not a feed id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)");
            }

            if (!feedIds.Contains(feedId))
            {
                feedIds.Add(feedId);
            }
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            return (null, $"description has {request.Description.Length} characters; at most {MaxDescriptionLength} are allowed");
        }

        if (request.Secret is { } secret
            && (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => c is < '!' or > '~')))
        {
            return (null, $"secret must be {MinSecretLength} to {MaxSecretLength} printable ASCII characters without spaces (or leave it out to have one generated)");
        }

        if (request.StartAt is { } startAt && !ChangeLogCursor.IsValid(startAt))
        {
            return (null, ChangeLogCursor.Describe("startAt", startAt));
        }

        return (new WebhookSubscription
        {
            Id = NewId(),
            Url = request.Url!,
            Secret = request.Secret ?? NewSecret(),
            EventTypes = eventTypes,
            FeedIds = feedIds,
            CreatedAt = now,
            Description = request.Description,
        }, null);
    }

    /// <summary>Null when the URL is acceptable, otherwise why not.</summary>
    public static string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "url is required: the absolute http or https URL the events are POSTed to";
        }

        if (url.Length > MaxUrlLength)
        {
            return $"url has {url.Length} characters; at most {MaxUrlLength} are allowed";
        }

        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "url contains spaces or control characters; percent-encode them";
        }

        // On Unix, Uri reads "/some/path" as an absolute file URI; a path without a scheme is not absolute here.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.IsFile && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            return $"url '{url}' is not an absolute URL such as https://example.com/hooks/prefix";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"url '{url}' uses the scheme '{uri.Scheme}'; only http and https are delivered to";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return $"url '{url}' has no host; expected a URL such as https://example.com/hooks/prefix";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "url must not contain credentials (user:password@); authenticate the deliveries by their signature instead";
        }

        return null;
    }

    /// <summary>True for ids this registry could have made (keeps odd path values away from Redis key names).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 3 and <= 40 } && id.StartsWith("wh_", StringComparison.Ordinal)
        && !id.AsSpan(3).ContainsAnyExcept(IdCharacters);

    // Ids and secrets come from the OS CSPRNG rather than an injected Random: a guessable secret would let anyone
    // forge deliveries, and a guessable id would leak which subscriptions exist.
    private static string NewId() => "wh_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
