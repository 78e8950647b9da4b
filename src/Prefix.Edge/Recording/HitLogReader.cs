namespace Prefix.Edge.Recording;

/// <summary>
/// Reads committed records from a position onwards, across segments, for the shipper. Old segments
/// (from before a restart) are read to their last complete record; a torn tail is skipped. The active
/// segment is read only up to what the writer has committed.
/// </summary>
internal sealed class HitLogReader(string directory, HitLogWriter writer)
{
    // Big enough for the largest frame, so a chunk always holds at least one whole record.
    private readonly byte[] _buffer = new byte[4 * 1024 * 1024];

    /// <summary>
    /// Appends up to <paramref name="maxRecords"/> payloads to <paramref name="records"/> and returns the
    /// position after the last one, together with how many bytes of log that covered.
    /// </summary>
    public (HitLogPosition Next, long Bytes) Read(HitLogPosition from, int maxRecords, List<byte[]> records)
    {
        var position = from;
        long consumed = 0;
        var wanted = records.Count + maxRecords;
        while (records.Count < wanted)
        {
            var committed = writer.Committed;
            if (position.Segment > committed.Segment || (position.Segment == committed.Segment && position.Offset >= committed.Offset))
            {
                break;
            }

            var isActive = position.Segment == committed.Segment;
            var path = HitLogSegments.PathOf(directory, position.Segment);
            if (!File.Exists(path))
            {
                position = NextSegment(position, committed);
                continue;
            }

            var limit = isActive ? committed.Offset : new FileInfo(path).Length;
            var read = ReadChunk(path, position.Offset, Math.Min(limit, position.Offset + ((long)(wanted - records.Count) * 4096) + HitLogFrame.MaxPayload));
            var span = _buffer.AsSpan(0, read);
            var used = 0;
            while (records.Count < wanted && HitLogFrame.TryRead(span[used..], out var payload, out var frameLength))
            {
                records.Add(payload.ToArray());
                used += frameLength;
            }

            position = position with { Offset = position.Offset + used };
            consumed += used;
            if (used > 0 || records.Count >= wanted)
            {
                continue;
            }

            if (isActive)
            {
                // Committed data always holds whole frames; nothing readable means nothing new yet.
                break;
            }

            // An old segment ends here: either at its end, or at a torn record a crash left behind.
            position = NextSegment(position, committed);
        }

        return (position, consumed);
    }

    private static HitLogPosition NextSegment(HitLogPosition position, HitLogPosition committed)
    {
        var next = position.Segment + 1;
        return next > committed.Segment ? position : new HitLogPosition(next, 0);
    }

    private int ReadChunk(string path, long offset, long limit)
    {
        var wanted = (int)Math.Min(_buffer.Length, Math.Max(0, limit - offset));
        if (wanted == 0)
        {
            return 0;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        file.Position = offset;
        var total = 0;
        while (total < wanted)
        {
            var n = file.Read(_buffer, total, wanted - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
