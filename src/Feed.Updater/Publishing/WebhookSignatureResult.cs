namespace Feed.Updater.Publishing;

/// <summary>The outcome of <see cref="WebhookSigner.Verify(string, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/>.</summary>
internal enum WebhookSignatureResult
{
    /// <summary>A <c>v1</c> signature matches the body and the timestamp is within the tolerance.</summary>
    Valid,

    /// <summary>The header is missing or not <c>t=&lt;digits&gt;,v1=&lt;64 hex&gt;</c>.</summary>
    Malformed,

    /// <summary>No <c>v1</c> signature matches: wrong secret, or the body or timestamp was altered.</summary>
    BadSignature,

    /// <summary>The signature matches but the timestamp is further from now than the tolerance (a replay, or a badly wrong clock).</summary>
    Expired,
}
