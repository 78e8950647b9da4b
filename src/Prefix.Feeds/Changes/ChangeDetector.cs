using Prefix.Feeds.Model;

namespace Prefix.Feeds.Changes;

/// <summary>
/// Decides what changed in a feed between polls (FEEDS.md "Change detection"): pure logic over a new good parse and
/// the <see cref="FeedFingerprint"/> stored after the previous ones.
/// </summary>
/// <remarks>
/// <para>The layers, cheapest first:</para>
/// <list type="number">
/// <item><b>HTTP 304</b> — the poller's business: nothing is read, nothing changes (removal counters do not move either,
/// since there was no new parse).</item>
/// <item><b>Body hash</b> — <see cref="HashBody"/> (XXH64 of the raw, decoded body: ~5 GiB/s, several times SHA-256 here
/// and far faster than the parse it saves; <see cref="XxHash64"/> says why non-cryptographic is fine). The poller
/// compares it with <see cref="FeedFingerprint.BodyHash"/> and skips the parse when equal; <see cref="Detect"/> only
/// stores it.</item>
/// <item><b>Projection hash</b> — a 64-bit hash of the normalized feed that changes exactly when something a
/// subscriber can see changes: the 20 metadata fields of <see cref="FeedProjection.FieldNames"/> plus the set of
/// (item key, item content hash). Left out on purpose: <c>warnings</c> and <c>bozo</c> (they describe our repair
/// of the document, not the show, and the repair text can vary with parser versions), <c>ttl</c> (a scheduling hint
/// that is not part of the normalized JSON), <c>id</c>/<c>showId</c>/<c>url</c> (identity, handled by
/// <c>feed.moved</c>), volatile channel dates (<c>lastBuildDate</c>, never in the model). Items are hashed sorted by key,
/// so <b>reordering items alone changes neither the projection nor produces events</b>; order inside a field (e.g.
/// categories, whose first entry is the primary one; persons; funding) does count. It is the event's
/// <c>feedVersion</c> (<see cref="FeedFingerprint.ProjectionHashHex"/>) and a pure function of the feed
/// (<see cref="ProjectionHash"/>), so the API can compute it for any snapshot.</item>
/// <item><b>Field hashes</b> — 32 bits per metadata field; <see cref="FeedChanges.ChangedFields"/> lists the FEEDS.md
/// JSON names whose hash differs, in <see cref="FeedProjection.FieldNames"/> order. Empty on a first parse (nothing to
/// compare; the caller announces the whole feed).</item>
/// <item><b>Per-item diff</b> — keyed by the episode id (<see cref="NormalizedEpisode.Id"/>). An item without one (a feed
/// parsed without a URL and without podcast:guid; never in the updater, which always knows the URL) is keyed by UUIDv5 in
/// the nil namespace of its guid, else enclosure URL, else title + raw date. If a key repeats in one feed, the first
/// occurrence wins and the rest are ignored. The 32-bit content hash covers title, description, publishedAt (as an
/// instant), enclosure URL/type/length, duration, explicit, episode, season, episodeType, image, transcripts, chapters,
/// persons and alternate enclosures — not guid (part of the key) and not publishedAtRaw (re-formatting a date that
/// parses is not an edit).
/// <list type="bullet">
/// <item><b>Added</b>: key not in the previous fingerprint. <b>Updated</b>: content hash differs (also for an item that
/// comes back after being missing). Both in document order.</item>
/// <item><b>Removed</b>: missing from <see cref="ChangeDetectionOptions.RemovalConfirmations"/> (K = 3) consecutive good
/// parses; the fingerprint keeps a per-item missing count, an item that comes back resets it to 0, and a confirmed
/// removal leaves the fingerprint. Listed in key order.</item>
/// <item><b>Truncation exemption</b>: a missing item whose publishedAt is not newer than (≤, at minute precision) the
/// oldest dated item still present is taken as fallen off the end of a feed that shows only its newest N items: it is
/// dropped from the fingerprint at once and never reported. Decided per item, so a feed that truncates and also
/// deletes an episode in the middle still reports that one. Unknown dates are <b>not</b> exempt (no evidence of
/// truncation; K confirmations already absorb glitches), and when no present item has a date nothing is exempt.
/// Known limits: deleting the oldest episodes looks exactly like truncation and is never reported; an exempt item that
/// reappears later (a host that varies its page size) is reported as Added again, with the same stable episode id.</item>
/// </list></item>
/// <item><b>Reset</b> (<see cref="FeedChanges.IsReset"/>, one <c>feed.reset</c> instead of the lists) when
/// (a) the previous fingerprint had at least <see cref="ChangeDetectionOptions.ResetMinimumItems"/> (4) items and more than
/// <see cref="ChangeDetectionOptions.ResetFraction"/> (0.5) of the current items are new, or (b) at least
/// <see cref="ChangeDetectionOptions.GuidRewriteMinimum"/> (3) new items carry the enclosure (compared as the counting
/// episode key, 32-bit hash kept per item) of an item that is now missing — guids rewritten, the same audio under new
/// ids. On a reset Added/Updated still describe the diff, Removed lists every previous item missing now (no K wait, no
/// exemption), and the next fingerprint holds only the current items.</item>
/// </list>
/// <para>A first parse (<c>previous</c> null, also for a fingerprint <see cref="FeedFingerprint.TryFromBytes"/> rejected)
/// reports every item Added, is never a reset and has no ChangedFields.</para>
/// <para>The caller stores <see cref="FeedChanges.Next"/> after every good parse, even without changes (missing
/// counters and the body hash move). All hashes are XXH64 over an unambiguous encoding (<see cref="CanonicalHasher"/>),
/// stable across processes and machines; changing what is hashed requires a <see cref="FeedFingerprint.FormatVersion"/>
/// bump, which turns every stored fingerprint into a first parse instead of a storm of false changes.</para>
/// </remarks>
public static class ChangeDetector
{
    /// <summary>The hash of the raw body: equal bodies skip the parse entirely.</summary>
    public static ulong HashBody(ReadOnlySpan<byte> body) => CanonicalHasher.Hash64(body);

    /// <summary>The projection hash (the event's feedVersion) of a feed, as <see cref="Detect"/> stores it.</summary>
    public static ulong ProjectionHash(NormalizedFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var hasher = new CanonicalHasher();
        Span<ulong> fields = stackalloc ulong[FeedProjection.FieldCount];
        FeedProjection.HashFields(feed, hasher, fields);
        return Projection(fields, Items(feed, hasher), hasher);
    }

    /// <summary>Compares a new good parse with the stored fingerprint of the previous ones.</summary>
    public static FeedChanges Detect(FeedFingerprint? previous, NormalizedFeed current, ulong bodyHash, ChangeDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        using var hasher = new CanonicalHasher();
        Span<ulong> fields = stackalloc ulong[FeedProjection.FieldCount];
        FeedProjection.HashFields(current, hasher, fields);
        var fieldHashes = new uint[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fieldHashes[i] = CanonicalHasher.Fold32(fields[i]);
        }

        var items = Items(current, hasher);
        var projection = Projection(fields, items, hasher);

        if (previous is null)
        {
            return new FeedChanges
            {
                Next = FeedFingerprint.Create(bodyHash, projection, fieldHashes, Stored(items, [])),
                IsFirstParse = true,
                Added = items.ConvertAll(static item => item.Episode),
            };
        }

        return Diff(previous, items, fieldHashes, bodyHash, projection, options);
    }

    private static FeedChanges Diff(
        FeedFingerprint previous, List<CurrentItem> items, uint[] fieldHashes, ulong bodyHash, ulong projection, ChangeDetectionOptions options)
    {
        var changedFields = new List<string>();
        var previousFields = previous.FieldHashes;
        for (var i = 0; i < fieldHashes.Length; i++)
        {
            if (fieldHashes[i] != previousFields[i])
            {
                changedFields.Add(FeedProjection.FieldNames[i]);
            }
        }

        var known = previous.Items;
        var seen = new bool[known.Length];
        var added = new List<CurrentItem>();
        var updated = new List<NormalizedEpisode>();
        uint oldestPresent = 0;
        foreach (var item in items)
        {
            if (item.PublishedMinutes != 0 && (oldestPresent == 0 || item.PublishedMinutes < oldestPresent))
            {
                oldestPresent = item.PublishedMinutes;
            }

            var index = IndexOf(known, item.Key);
            if (index < 0)
            {
                added.Add(item);
                continue;
            }

            seen[index] = true;
            if (known[index].ContentHash != CanonicalHasher.Fold32(item.ContentHash))
            {
                updated.Add(item.Episode);
            }
        }

        var missingEnclosures = new HashSet<uint>();
        for (var i = 0; i < known.Length; i++)
        {
            if (!seen[i] && known[i].EnclosureHash != 0)
            {
                missingEnclosures.Add(known[i].EnclosureHash);
            }
        }

        var rewritten = missingEnclosures.Count == 0 ? 0 : added.Count(item => missingEnclosures.Contains(item.EnclosureHash));
        var isReset = (known.Length >= options.ResetMinimumItems && added.Count > options.ResetFraction * items.Count)
            || rewritten >= options.GuidRewriteMinimum;

        var removed = new List<Guid>();
        var stillMissing = new List<FingerprintItem>();
        for (var i = 0; i < known.Length; i++)
        {
            if (seen[i])
            {
                continue;
            }

            var item = known[i];
            if (isReset)
            {
                removed.Add(item.Key);
            }
            else if (oldestPresent != 0 && item.PublishedMinutes != 0 && item.PublishedMinutes <= oldestPresent)
            {
                // Truncation: the feed shows only its newest items and this one fell off the end. Dropped silently.
            }
            else if (item.MissingCount + 1 >= options.RemovalConfirmations)
            {
                removed.Add(item.Key);
            }
            else
            {
                stillMissing.Add(item with { MissingCount = (byte)(item.MissingCount + 1) });
            }
        }

        return new FeedChanges
        {
            Next = FeedFingerprint.Create(bodyHash, projection, fieldHashes, Stored(items, stillMissing)),
            ChangedFields = changedFields,
            Added = added.ConvertAll(static item => item.Episode),
            Updated = updated,
            Removed = removed,
            IsReset = isReset,
        };
    }

    /// <summary>The current items, first occurrence of each key, in document order.</summary>
    private static List<CurrentItem> Items(NormalizedFeed feed, CanonicalHasher hasher)
    {
        var keys = new HashSet<Guid>(feed.Episodes.Count);
        var items = new List<CurrentItem>(feed.Episodes.Count);
        foreach (var episode in feed.Episodes)
        {
            var key = FeedProjection.Key(episode);
            if (keys.Add(key))
            {
                items.Add(new CurrentItem(
                    episode,
                    key,
                    FeedProjection.HashEpisode(episode, hasher),
                    FeedProjection.EnclosureHash(episode, hasher),
                    FeedProjection.PublishedMinutes(episode.PublishedAt)));
            }
        }

        return items;
    }

    private static ulong Projection(ReadOnlySpan<ulong> fields, List<CurrentItem> items, CanonicalHasher hasher)
    {
        var sorted = new (Guid Key, ulong Content)[items.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = (items[i].Key, items[i].ContentHash);
        }

        Array.Sort(sorted, static (a, b) => a.Key.CompareTo(b.Key));
        hasher.Reset();
        hasher.Tag(FeedFingerprint.FormatVersion);
        foreach (var field in fields)
        {
            hasher.Add(field);
        }

        hasher.AddCount(sorted.Length);
        foreach (var (key, content) in sorted)
        {
            hasher.Add(key);
            hasher.Add(content);
        }

        return hasher.Hash64();
    }

    /// <summary>The next fingerprint's items: the current ones (missing count 0) and the still-unconfirmed missing ones, sorted.</summary>
    private static FingerprintItem[] Stored(List<CurrentItem> items, List<FingerprintItem> stillMissing)
    {
        var stored = new FingerprintItem[items.Count + stillMissing.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            stored[i] = new FingerprintItem(item.Key, CanonicalHasher.Fold32(item.ContentHash), item.EnclosureHash, item.PublishedMinutes, 0);
        }

        stillMissing.CopyTo(stored, items.Count);
        Array.Sort(stored, static (a, b) => a.Key.CompareTo(b.Key));
        return stored;
    }

    /// <summary>Binary search in the fingerprint's items, which are sorted by key.</summary>
    private static int IndexOf(ReadOnlySpan<FingerprintItem> items, Guid key)
    {
        int low = 0, high = items.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = items[middle].Key.CompareTo(key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private readonly record struct CurrentItem(NormalizedEpisode Episode, Guid Key, ulong ContentHash, uint EnclosureHash, uint PublishedMinutes);
}
