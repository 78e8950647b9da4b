using System.Text.Json;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// One NDJSON line (https://github.com/ndjson/ndjson-spec): an object whose "url" member is a string, or a
/// bare JSON string. Other members are skipped without being materialised.
/// </summary>
internal static class NdjsonLineParser
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
        // Lets the parser see a second value and say so, rather than a generic syntax error.
        AllowMultipleValues = true,
    };

    /// <summary>Returns the URL text, or null with <paramref name="error"/> set.</summary>
    public static string? Parse(ReadOnlySpan<byte> line, out string? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(line, Options);
            if (!reader.Read())
            {
                error = "The line is not a JSON value.";
                return null;
            }

            string? url;
            if (reader.TokenType == JsonTokenType.String)
            {
                url = reader.GetString();
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                url = ReadUrlMember(ref reader, out error);
                if (error is not null)
                {
                    return null;
                }
            }
            else
            {
                error = "The line must be a JSON object with a \"url\" string, like {\"url\":\"https://example.com/feed.xml\"}.";
                return null;
            }

            if (reader.Read())
            {
                error = "The line holds more than one JSON value; put one object per line.";
                return null;
            }

            return url;
        }
        catch (JsonException e)
        {
            error = $"The line is not valid JSON ({e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]})";
            return null;
        }
    }

    private static string? ReadUrlMember(ref Utf8JsonReader reader, out string? error)
    {
        error = null;
        string? url = null;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUrl = reader.ValueTextEquals("url"u8);
            reader.Read();
            if (isUrl)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = "The \"url\" member must be a JSON string.";
                    return null;
                }

                url = reader.GetString();
                found = true;
            }
            else
            {
                reader.Skip();
            }
        }

        if (!found)
        {
            error = "The JSON object has no \"url\" member.";
        }

        return url;
    }
}
