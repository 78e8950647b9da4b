namespace Prefix.Feeds.Changes;

/// <summary>
/// What the fingerprint remembers of one item: 29 bytes on the wire (16 + 4 + 4 + 4 + 1).
/// </summary>
/// <param name="Key">The episode id (or the fallback key of <see cref="FeedProjection.Key"/>).</param>
/// <param name="ContentHash">32 bits of the item's content hash: a change makes the item "updated".</param>
/// <param name="EnclosureHash">32 bits of the enclosure's episode key, 0 without an enclosure: finds guid rewrites.</param>
/// <param name="PublishedMinutes">Unix minutes of publishedAt, 0 when unknown: decides the truncation exemption.</param>
/// <param name="MissingCount">Consecutive good parses the item has been missing from; 0 when it was in the last one.</param>
internal readonly record struct FingerprintItem(Guid Key, uint ContentHash, uint EnclosureHash, uint PublishedMinutes, byte MissingCount)
{
    public const int Size = 16 + 4 + 4 + 4 + 1;
}
