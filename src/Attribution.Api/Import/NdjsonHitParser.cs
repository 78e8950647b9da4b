using System.Text.Json;

namespace Attribution.Api.Import;

/// <summary>
/// One NDJSON line (COUNTING.md "Hit import format"):
/// <c>{"ts":"2026-11-02T22:00:00.000Z","ip":"203.0.113.7","ua":"…","url":"https://host/path.mp3","method":"GET","range":"bytes=0-","referer":null,"status":200,"bytes":1234567}</c>.
/// </summary>
/// <remarks>
/// Required: <c>ts</c>, <c>ip</c>, <c>url</c> (absolute: the line alone must say which file), <c>method</c>.
/// <c>ua</c>, <c>range</c>, <c>referer</c> may be missing or null (empty); <c>status</c> and <c>bytes</c> may be
/// missing or null (unknown). Other members are ignored, so exports with extra columns import as they are.
/// </remarks>
internal static class NdjsonHitParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static bool TryParse(ReadOnlySpan<byte> line, DateTimeOffset now, TimeSpan maxFutureSkew, out ImportedHit hit, out string reason)
    {
        hit = default;
        var fields = new Fields();
        try
        {
            var error = ReadObject(line, ref fields);
            if (error is not null)
            {
                reason = error;
                return false;
            }
        }
        catch (JsonException ex)
        {
            reason = "the line is not valid JSON: " + ex.Message;
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString on a string that is not valid UTF-8.
            reason = "the line holds a string that is not valid UTF-8; send the file as UTF-8";
            return false;
        }

        reason = Check(ref fields, now, maxFutureSkew, out hit) ?? string.Empty;
        return reason.Length == 0;
    }

    private static string? ReadObject(ReadOnlySpan<byte> line, ref Fields fields)
    {
        var reader = new Utf8JsonReader(line, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the line is not a JSON object; each line must be one object such as {\"ts\":\"2026-11-02T22:00:00Z\",\"ip\":\"203.0.113.7\",\"url\":\"https://…\",\"method\":\"GET\"}";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? error = null;
            if (reader.ValueTextEquals("ts"u8))
            {
                fields.Ts = ReadString(ref reader, "ts", ref error);
            }
            else if (reader.ValueTextEquals("ip"u8))
            {
                fields.Ip = ReadString(ref reader, "ip", ref error);
            }
            else if (reader.ValueTextEquals("ua"u8))
            {
                fields.UserAgent = ReadString(ref reader, "ua", ref error);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                fields.Url = ReadString(ref reader, "url", ref error);
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                fields.Method = ReadString(ref reader, "method", ref error);
            }
            else if (reader.ValueTextEquals("range"u8))
            {
                fields.Range = ReadString(ref reader, "range", ref error);
            }
            else if (reader.ValueTextEquals("referer"u8))
            {
                fields.Referer = ReadString(ref reader, "referer", ref error);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                fields.Status = ReadNumber(ref reader, "status", "206", ref error);
            }
            else if (reader.ValueTextEquals("bytes"u8))
            {
                fields.Bytes = ReadNumber(ref reader, "bytes", "1234567", ref error);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (error is not null)
            {
                return error;
            }
        }

        // Past the closing brace only white space may follow; Read throws on anything else.
        while (reader.Read())
        {
        }

        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, ref string? error)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                error = $"{name} must be a string; got {Describe(reader.TokenType)}";
                reader.Skip();
                return null;
        }
    }

    private static long? ReadNumber(ref Utf8JsonReader reader, string name, string example, ref string? error)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var value):
                return value;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                error = $"{name} must be a whole number such as {example}";
                return null;
            default:
                error = $"{name} must be a number such as {example}; got {Describe(reader.TokenType)}";
                reader.Skip();
                return null;
        }
    }

    private static string? Check(ref Fields fields, DateTimeOffset now, TimeSpan maxFutureSkew, out ImportedHit hit)
    {
        hit = default;
        if (fields.Ts is not { } ts)
        {
            return "ts is missing; give the request time in ISO 8601 with a zone, e.g. 2026-11-02T22:00:00.000Z";
        }

        if (!IsoTimestamp.TryParse(ts, out var time, out var timeError))
        {
            return timeError;
        }

        var error = HitFieldRules.CheckTime("ts", time, now, maxFutureSkew);
        if (error is not null)
        {
            return error;
        }

        if (fields.Ip is not { } ipText)
        {
            return "ip is missing; give the client's IP address (it is hashed, never stored)";
        }

        var address = HitFieldRules.ParseIp(ipText);
        if (address is null)
        {
            return HitFieldRules.IpReason("ip");
        }

        if (fields.Url is not { } url)
        {
            return "url is missing; give the absolute URL that was requested, e.g. https://cdn.example.com/show/episode1.mp3";
        }

        if (fields.Method is not { } method)
        {
            return "method is missing; give the HTTP method, e.g. GET or HEAD";
        }

        var range = fields.Range ?? string.Empty;
        error = HitFieldRules.CheckUrl("url", url)
            ?? HitFieldRules.CheckMethod("method", method)
            ?? HitFieldRules.CheckHeaderValue("range", range)
            ?? (fields.Status is { } status ? HitFieldRules.CheckStatus("status", status) : null)
            ?? (fields.Bytes is { } bytes ? HitFieldRules.CheckBytes("bytes", bytes) : null);
        if (error is not null)
        {
            return error;
        }

        hit = new ImportedHit(time, address, method, url, fields.UserAgent ?? string.Empty, fields.Referer ?? string.Empty, range, (int)(fields.Status ?? 0), fields.Bytes ?? -1);
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => token.ToString(),
    };

    private struct Fields
    {
        public string? Ts;
        public string? Ip;
        public string? UserAgent;
        public string? Url;
        public string? Method;
        public string? Range;
        public string? Referer;
        public long? Status;
        public long? Bytes;
    }
}
