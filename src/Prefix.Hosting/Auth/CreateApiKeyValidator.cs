using System.Text.Json;

namespace Prefix.Hosting.Auth;

/// <summary>
/// Checks a POST /v1/admin/keys body field by field so every mistake gets a sentence naming the field, rather
/// than the framework's generic binding failure.
/// </summary>
internal static class CreateApiKeyValidator
{
    public const int MaxNameLength = 100;

    /// <summary>Upper bound for a per-key override: above this a limit is meaningless (10,000 requests a second).</summary>
    public const int MaxRateLimitPerMinute = 600_000;

    public static (CreateApiKeyRequest? Request, string? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object: {\"name\", \"scopes\": [...], \"shows\": [\"<uuid>\"], \"rateLimitPerMinute\"}");
        }

        string? name = null;
        if (body.TryGetProperty("name", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null)
        {
            if (nameElement.ValueKind != JsonValueKind.String)
            {
                return (null, "'name' must be a string");
            }

            name = nameElement.GetString()!.Trim();
            if (name.Length > MaxNameLength)
            {
                return (null, $"'name' is {name.Length} characters long; at most {MaxNameLength} are allowed");
            }

            if (name.Any(char.IsControl))
            {
                return (null, "'name' must not contain control characters (newlines, tabs, escapes)");
            }
        }

        var known = string.Join(", ", ApiScopes.All);
        if (!body.TryGetProperty("scopes", out var scopesElement) || scopesElement.ValueKind != JsonValueKind.Array || scopesElement.GetArrayLength() == 0)
        {
            return (null, $"give at least one scope in 'scopes'; known scopes: {known}");
        }

        var scopes = new List<string>();
        foreach (var scope in scopesElement.EnumerateArray())
        {
            var value = scope.ValueKind == JsonValueKind.String ? scope.GetString()! : scope.GetRawText();
            if (!ApiScopes.All.Contains(value, StringComparer.Ordinal))
            {
                return (null, $"unknown scope '{value}'; known scopes: {known}");
            }

            if (!scopes.Contains(value, StringComparer.Ordinal))
            {
                scopes.Add(value);
            }
        }

        var shows = new List<Guid>();
        if (body.TryGetProperty("shows", out var showsElement) && showsElement.ValueKind != JsonValueKind.Null)
        {
            if (showsElement.ValueKind != JsonValueKind.Array)
            {
                return (null, "'shows' must be an array of show ids (UUIDs)");
            }

            var index = 0;
            foreach (var show in showsElement.EnumerateArray())
            {
                if (show.ValueKind != JsonValueKind.String || !Guid.TryParse(show.GetString(), out var showId))
                {
                    return (null, $"shows[{index}] {show.GetRawText()} is not a UUID");
                }

                if (!shows.Contains(showId))
                {
                    shows.Add(showId);
                }

                index++;
            }
        }

        int? rateLimit = null;
        if (body.TryGetProperty("rateLimitPerMinute", out var limitElement) && limitElement.ValueKind != JsonValueKind.Null)
        {
            if (limitElement.ValueKind != JsonValueKind.Number || !limitElement.TryGetInt32(out var limit) || limit < 1 || limit > MaxRateLimitPerMinute)
            {
                return (null, $"'rateLimitPerMinute' must be a whole number from 1 to {MaxRateLimitPerMinute}, or absent for the default");
            }

            rateLimit = limit;
        }

        return (new CreateApiKeyRequest(string.IsNullOrEmpty(name) ? "unnamed" : name, scopes, shows, rateLimit), null);
    }
}
