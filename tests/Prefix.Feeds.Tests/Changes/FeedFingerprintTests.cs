using Prefix.Feeds.Changes;
using static Prefix.Feeds.Tests.Changes.TestFeeds;

namespace Prefix.Feeds.Tests.Changes;

public sealed class FeedFingerprintTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void ToBytes_RoundTrip_SameBytesAndNoChanges(int itemCount)
    {
        var feed = Feed(Range(1, itemCount));
        var fingerprint = ChangeDetector.Detect(null, feed, 0xfeedface_12345678UL, Defaults).Next;

        var bytes = fingerprint.ToBytes();
        var read = FeedFingerprint.FromBytes(bytes);

        Assert.Equal(FeedFingerprint.FormatVersion, bytes[0]);
        Assert.Equal(FeedFingerprint.HeaderSize + (FeedFingerprint.ItemSize * itemCount), bytes.Length);
        Assert.Equal(fingerprint.ByteCount, bytes.Length);
        Assert.Equal(fingerprint.BodyHash, read.BodyHash);
        Assert.Equal(fingerprint.ProjectionHash, read.ProjectionHash);
        Assert.Equal(itemCount, read.ItemCount);
        Assert.Equal(bytes, read.ToBytes());
        Assert.False(ChangeDetector.Detect(read, feed, read.BodyHash, Defaults).HasChanges);
    }

    [Fact]
    public void ToBytes_HundredItemFeed_FitsThreeKilobytes()
    {
        var fingerprint = ChangeDetector.Detect(null, Feed(Range(1, 100)), 1, Defaults).Next;

        var length = fingerprint.ToBytes().Length;

        Assert.Equal(3001, length);
        Assert.True(length <= 3 * 1024);
    }

    [Fact]
    public void ToBytes_MissingCountsSurviveRoundTrip()
    {
        var fingerprint = ChangeDetector.Detect(null, Feed(Range(1, 6)), 1, Defaults).Next;
        var withoutMiddle = Feed(Range(1, 6).Where(e => e.Episode != 3).ToArray());
        for (var parse = 0; parse < 2; parse++)
        {
            fingerprint = FeedFingerprint.FromBytes(ChangeDetector.Detect(fingerprint, withoutMiddle, 1, Defaults).Next.ToBytes());
        }

        var changes = ChangeDetector.Detect(fingerprint, withoutMiddle, 1, Defaults);

        Assert.Equal([Episode(3).Id!.Value], changes.Removed);
    }

    public static TheoryData<string, byte[]> CorruptInputs()
    {
        var valid = ChangeDetector.Detect(null, Feed(Range(1, 3)), 7, Defaults).Next.ToBytes();
        var otherVersion = (byte[])valid.Clone();
        otherVersion[0] = 2;
        var zeroVersion = (byte[])valid.Clone();
        zeroVersion[0] = 0;
        var wrongCount = (byte[])valid.Clone();
        wrongCount[FeedFingerprint.HeaderSize - 4] = 4;
        var negativeCount = (byte[])valid.Clone();
        negativeCount[FeedFingerprint.HeaderSize - 1] = 0x80;
        var swapped = (byte[])valid.Clone();
        valid.AsSpan(FeedFingerprint.HeaderSize, FeedFingerprint.ItemSize).CopyTo(swapped.AsSpan(FeedFingerprint.HeaderSize + FeedFingerprint.ItemSize));
        valid.AsSpan(FeedFingerprint.HeaderSize + FeedFingerprint.ItemSize, FeedFingerprint.ItemSize).CopyTo(swapped.AsSpan(FeedFingerprint.HeaderSize));
        var duplicated = (byte[])valid.Clone();
        valid.AsSpan(FeedFingerprint.HeaderSize, FeedFingerprint.ItemSize).CopyTo(duplicated.AsSpan(FeedFingerprint.HeaderSize + FeedFingerprint.ItemSize));
        var random = new byte[valid.Length];
        new Random(12345).NextBytes(random);
        random[0] = FeedFingerprint.FormatVersion;

        return new()
        {
            { "empty", [] },
            { "one byte", [FeedFingerprint.FormatVersion] },
            { "header minus one", valid[..(FeedFingerprint.HeaderSize - 1)] },
            { "truncated by one", valid[..^1] },
            { "one extra byte", [.. valid, 0] },
            { "other version", otherVersion },
            { "version zero", zeroVersion },
            { "count too large", wrongCount },
            { "negative count", negativeCount },
            { "items out of order", swapped },
            { "duplicate item", duplicated },
            { "random bytes", random },
            { "text", "{\"title\":\"json\"}"u8.ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptInputs))]
    public void TryFromBytes_CorruptInput_FalseAndFromBytesThrows(string name, byte[] bytes)
    {
        Assert.False(FeedFingerprint.TryFromBytes(bytes, out var fingerprint), name);
        Assert.Null(fingerprint);
        Assert.Throws<FeedFingerprintFormatException>(() => FeedFingerprint.FromBytes(bytes));
    }

    [Fact]
    public void TryFromBytes_CorruptStored_CallerFallsBackToFirstParse()
    {
        var feed = Feed(Range(1, 4));
        FeedFingerprint.TryFromBytes([1, 2, 3], out var previous);

        var changes = ChangeDetector.Detect(previous, feed, 1, Defaults);

        Assert.True(changes.IsFirstParse);
        Assert.Equal(4, changes.Added.Count);
        Assert.True(FeedFingerprint.TryFromBytes(changes.Next.ToBytes(), out _));
    }

    [Fact]
    public void New_EmptyFingerprint_SerializesAsEmpty()
    {
        var empty = new FeedFingerprint { BodyHash = 5 };

        var read = FeedFingerprint.FromBytes(empty.ToBytes());

        Assert.Equal(5UL, read.BodyHash);
        Assert.Equal(0, read.ItemCount);
        Assert.Equal(FeedFingerprint.HeaderSize, empty.ByteCount);
    }
}
