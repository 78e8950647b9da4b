using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Feed.Updater.Publishing;

/// <summary>
/// Signs webhook deliveries and verifies them (the receivers' side, and the tests').
/// </summary>
/// <remarks>
/// <para>The signing scheme (a public contract; receivers implement it):</para>
/// <list type="number">
/// <item>Every delivery is a <c>POST</c> with <c>Content-Type: application/json</c> whose body is one change event
/// (FEEDS.md "Notifications"), byte for byte as it is in the change log.</item>
/// <item>Header <c>Prefix-Signature: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</c> where signature is the lowercase
/// hex of HMAC-SHA256 (RFC 2104) keyed with the UTF-8 bytes of the subscription's secret, over the UTF-8 bytes of
/// the timestamp, a full stop, and then the raw body: <c>"&lt;t&gt;.&lt;body&gt;"</c>. The timestamp is taken at each
/// attempt, so a retry carries a fresh one.</item>
/// <item>To verify: recompute the HMAC over the raw body as received (before any JSON parsing), compare in constant
/// time, and refuse timestamps more than 5 minutes from your clock (either way), which stops replays of
/// captured deliveries. Unknown keys in the header (a future <c>v2</c>) are ignored; several <c>v1</c> values may
/// appear (secret rotation) and any match is enough.</item>
/// <item>Also sent: <c>Prefix-Event-Id</c> (the event's <c>eventId</c>), <c>Prefix-Event-Type</c>, and
/// <c>Prefix-Delivery-Attempt</c> (1 for the first attempt).</item>
/// <item>Delivery is at least once: a receiver can see the same event again (after a timeout, or a crash between
/// its 2xx and the updater recording it), so it deduplicates by <c>eventId</c> or by <c>feedId</c> +
/// <c>sequence</c>. Answer 2xx quickly; anything else, a redirect (3xx, never followed) included, is a failure
/// and is retried.</item>
/// </list>
/// </remarks>
internal static class WebhookSigner
{
    public const string SignatureHeader = "Prefix-Signature";
    public const string EventIdHeader = "Prefix-Event-Id";
    public const string EventTypeHeader = "Prefix-Event-Type";
    public const string AttemptHeader = "Prefix-Delivery-Attempt";

    /// <summary>How far a timestamp may be from the verifier's clock: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int SignatureHexLength = 64;
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The <c>Prefix-Signature</c> value for <paramref name="body"/> at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(secret, timestamp, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>Puts the body and every delivery header on <paramref name="request"/>.</summary>
    public static void Apply(HttpRequestMessage request, string secret, byte[] body, string eventId, string eventType, int attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(secret, now.ToUnixTimeSeconds(), body));
        request.Headers.TryAddWithoutValidation(EventIdHeader, eventId);
        request.Headers.TryAddWithoutValidation(EventTypeHeader, eventType);
        request.Headers.TryAddWithoutValidation(AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Checks a delivery with the default 5-minute tolerance.</summary>
    public static WebhookSignatureResult Verify(string secret, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Verify(secret, signatureHeader, body, now, DefaultTolerance);

    /// <summary>Checks a delivery: the raw body as received, the <c>Prefix-Signature</c> value, the receiver's clock.</summary>
    public static WebhookSignatureResult Verify(string secret, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(signatureHeader) || signatureHeader.Length > 2048)
        {
            return WebhookSignatureResult.Malformed;
        }

        long? timestamp = null;
        var candidates = new List<byte[]>(1);
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return WebhookSignatureResult.Malformed;
            }

            var key = part.AsSpan(0, equals);
            var value = part.AsSpan(equals + 1);
            if (key.SequenceEqual("t"))
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    return WebhookSignatureResult.Malformed;
                }

                timestamp = t;
            }
            else if (key.SequenceEqual("v1"))
            {
                if (value.Length != SignatureHexLength || value.ContainsAnyExcept(HexDigits))
                {
                    return WebhookSignatureResult.Malformed;
                }

                candidates.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is not { } signedAt || candidates.Count == 0)
        {
            return WebhookSignatureResult.Malformed;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(secret, signedAt, body, expected);
        var matched = false;
        foreach (var candidate in candidates)
        {
            // Constant time, so the comparison does not tell an attacker how many leading bytes were right.
            matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        }

        if (!matched)
        {
            return WebhookSignatureResult.BadSignature;
        }

        var age = now.ToUnixTimeSeconds() - signedAt;
        return Math.Abs((double)age) > tolerance.TotalSeconds ? WebhookSignatureResult.Expired : WebhookSignatureResult.Valid;
    }

    private static void ComputeMac(string secret, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        Span<byte> prefix = stackalloc byte[24];
        timestamp.TryFormat(prefix, out var written, provider: CultureInfo.InvariantCulture);
        prefix[written++] = (byte)'.';
        hmac.AppendData(prefix[..written]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
