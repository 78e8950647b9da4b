using Prefix.Feeds.Model;

namespace Prefix.Feeds.Changes;

/// <summary>CONTRACT STUB — the change-detection helper replaces the bodies; the signatures stay.</summary>
public static class ChangeDetector
{
    /// <summary>The hash of the raw body: equal bodies skip the parse entirely.</summary>
    public static ulong HashBody(ReadOnlySpan<byte> body) => throw new NotImplementedException();

    /// <summary>Compares a new good parse with the stored fingerprint of the previous ones.</summary>
    public static FeedChanges Detect(FeedFingerprint? previous, NormalizedFeed current, ulong bodyHash, ChangeDetectionOptions options) =>
        throw new NotImplementedException();
}
