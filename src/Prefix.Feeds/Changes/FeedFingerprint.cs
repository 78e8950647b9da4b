namespace Prefix.Feeds.Changes;

/// <summary>CONTRACT STUB — what is stored per feed between polls to detect changes (compact binary form).</summary>
public sealed class FeedFingerprint
{
    public ulong BodyHash { get; init; }

    public ulong ProjectionHash { get; init; }

    /// <summary>Hex of <see cref="ProjectionHash"/>: the event's feedVersion.</summary>
    public string ProjectionHashHex => ProjectionHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public byte[] ToBytes() => throw new NotImplementedException();

    public static FeedFingerprint FromBytes(ReadOnlySpan<byte> bytes) => throw new NotImplementedException();
}
