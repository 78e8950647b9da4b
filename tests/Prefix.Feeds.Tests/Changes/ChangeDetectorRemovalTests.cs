using Prefix.Feeds.Changes;
using static Prefix.Feeds.Tests.Changes.TestFeeds;

namespace Prefix.Feeds.Tests.Changes;

/// <summary>Removal after K parses, the truncation exemption and the reset rules.</summary>
public sealed class ChangeDetectorRemovalTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    public void Detect_ItemMissing_RemovedOnlyAtTheKthParse(int confirmations, int removedAtParse)
    {
        var options = new ChangeDetectionOptions { RemovalConfirmations = confirmations };
        var all = Range(1, 6);
        var withoutMiddle = all.Where(e => e.Episode != 3).ToArray();
        var fingerprint = Detect(null, Feed(all), options).Next;

        for (var parse = 1; parse <= removedAtParse; parse++)
        {
            var changes = Detect(fingerprint, Feed(withoutMiddle), options);
            if (parse < removedAtParse)
            {
                Assert.Empty(changes.Removed);
                Assert.False(changes.HasChanges);
                Assert.Equal(6, changes.Next.ItemCount);
            }
            else
            {
                Assert.Equal([Episode(3).Id!.Value], changes.Removed);
                Assert.False(changes.IsReset);
                Assert.Equal(5, changes.Next.ItemCount);
            }

            fingerprint = changes.Next;
        }
    }

    [Fact]
    public void Detect_ItemComesBack_CounterResets()
    {
        var all = Feed(Range(1, 6));
        var withoutMiddle = Feed(Range(1, 6).Where(e => e.Episode != 3).ToArray());
        var fingerprint = First(all);

        fingerprint = Detect(fingerprint, withoutMiddle).Next;
        fingerprint = Detect(fingerprint, withoutMiddle).Next;
        var back = Detect(fingerprint, all);
        Assert.False(back.HasChanges);
        fingerprint = Detect(back.Next, withoutMiddle).Next;
        var secondMiss = Detect(fingerprint, withoutMiddle);
        Assert.Empty(secondMiss.Removed);
        var thirdMiss = Detect(secondMiss.Next, withoutMiddle);

        Assert.Equal([Episode(3).Id!.Value], thirdMiss.Removed);
    }

    [Fact]
    public void Detect_ItemComesBackEdited_Updated()
    {
        var fingerprint = First(Feed(Range(1, 6)));
        fingerprint = Detect(fingerprint, Feed(Range(1, 6).Where(e => e.Episode != 3).ToArray())).Next;
        var episodes = Range(1, 6);
        episodes[3] = episodes[3] with { Title = "Episode 3 (remastered)" };

        var changes = Detect(fingerprint, Feed(episodes));

        Assert.Equal(Episode(3).Id, Assert.Single(changes.Updated).Id);
        Assert.Empty(changes.Added);
    }

    [Fact]
    public void Detect_FeedShowsNewestTenOfGrowingList_AddsButNeverRemoves()
    {
        var fingerprint = First(Feed(Range(1, 10)));

        for (var newest = 11; newest <= 30; newest++)
        {
            var changes = Detect(fingerprint, Feed(Range(newest - 9, newest)));

            Assert.Equal(Episode(newest).Id, Assert.Single(changes.Added).Id);
            Assert.Empty(changes.Removed);
            Assert.False(changes.IsReset);
            Assert.Equal(10, changes.Next.ItemCount);
            fingerprint = changes.Next;
        }
    }

    [Fact]
    public void Detect_TruncatedFeedAlsoDeletesMiddleItem_OnlyMiddleItemRemoved()
    {
        var fingerprint = First(Feed(Range(1, 10)));
        var current = Range(3, 12).Where(e => e.Episode != 7).ToArray();

        var removed = new List<Guid>();
        for (var parse = 0; parse < 3; parse++)
        {
            var changes = Detect(fingerprint, Feed(current));
            removed.AddRange(changes.Removed);
            fingerprint = changes.Next;
        }

        Assert.Equal([Episode(7).Id!.Value], removed);
        Assert.Equal(9, fingerprint.ItemCount);
    }

    [Fact]
    public void Detect_UndatedItemMissing_NotExemptRemovedAfterK()
    {
        var episodes = Range(1, 6);
        episodes[5] = episodes[5] with { PublishedAt = null };
        var fingerprint = First(Feed(episodes));
        var current = Feed(episodes[..5]);

        Assert.Empty(Detect(fingerprint, current).Removed);
        fingerprint = Detect(Detect(fingerprint, current).Next, current).Next;
        var changes = Detect(fingerprint, current);

        Assert.Equal([Episode(1).Id!.Value], changes.Removed);
    }

    [Fact]
    public void Detect_NoPresentItemHasDate_NothingExempt()
    {
        var episodes = Range(1, 4).Select(e => e with { PublishedAt = null }).ToArray();
        var fingerprint = First(Feed(episodes));
        var current = Feed(episodes[..3]);

        FeedChanges changes = null!;
        for (var parse = 0; parse < 3; parse++)
        {
            changes = Detect(fingerprint, current);
            fingerprint = changes.Next;
        }

        Assert.Equal([episodes[3].Id!.Value], changes.Removed);
    }

    [Fact]
    public void Detect_AllItemsGone_RemovedAfterK()
    {
        var fingerprint = First(Feed(Range(1, 3)));
        FeedChanges changes = null!;
        for (var parse = 0; parse < 3; parse++)
        {
            changes = Detect(fingerprint, Feed());
            fingerprint = changes.Next;
        }

        Assert.Equal(3, changes.Removed.Count);
        Assert.False(changes.IsReset);
        Assert.Equal(0, changes.Next.ItemCount);
    }

    [Theory]
    [InlineData(10, 6, false)]  // 6 of 16 new: 37.5%
    [InlineData(10, 11, true)]  // 11 of 21 new: more than half
    [InlineData(10, 10, false)] // 10 of 20 new: exactly half is not more than half
    [InlineData(3, 10, false)]  // previous had fewer than ResetMinimumItems: growth, not a reset
    [InlineData(4, 5, true)]    // 5 of 9 with the minimum of 4 previous items
    public void Detect_ManyNewAtOnce_ResetWhenMoreThanFraction(int previousCount, int newCount, bool expectedReset)
    {
        var fingerprint = First(Feed(Range(1, previousCount)));

        var changes = Detect(fingerprint, Feed(Range(1, previousCount + newCount)));

        Assert.Equal(expectedReset, changes.IsReset);
        Assert.Equal(newCount, changes.Added.Count);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Detect_AllGuidsRewrittenSameEnclosures_ResetAndFingerprintReplaced()
    {
        var fingerprint = First(Feed(Range(1, 10)));
        var rewritten = Enumerable.Range(1, 10).Reverse().Select(n => Episode(n, $"https://host.example/item/{n}")).ToArray();

        var changes = Detect(fingerprint, Feed(rewritten));

        Assert.True(changes.IsReset);
        Assert.Equal(10, changes.Added.Count);
        Assert.Equal(10, changes.Removed.Count);
        Assert.Equal(10, changes.Next.ItemCount);
        Assert.False(Detect(changes.Next, Feed(rewritten)).HasChanges);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    public void Detect_SomeGuidsRewrittenSameEnclosures_ResetFromGuidRewriteMinimum(int rewrittenCount, bool expectedReset)
    {
        var fingerprint = First(Feed(Range(1, 20)));
        var current = Range(1, 20);
        for (var i = 0; i < rewrittenCount; i++)
        {
            var n = current[i].Episode!.Value;
            current[i] = Episode(n, $"new-guid-{n}");
        }

        var changes = Detect(fingerprint, Feed(current));

        Assert.Equal(expectedReset, changes.IsReset);
        Assert.Equal(rewrittenCount, changes.Added.Count);
        Assert.Equal(expectedReset ? rewrittenCount : 0, changes.Removed.Count);
        Assert.Equal(expectedReset ? 20 : 20 + rewrittenCount, changes.Next.ItemCount);
    }

    [Fact]
    public void Detect_GuidRewriteBehindNewTrackingPrefix_StillSeenAsRewrite()
    {
        var fingerprint = First(Feed(Range(1, 20)));
        var current = Range(1, 20);
        for (var i = 0; i < 3; i++)
        {
            var n = current[i].Episode!.Value;
            current[i] = Episode(n, $"new-guid-{n}") with
            {
                EnclosureUrl = $"https://dts.podtrac.com/redirect.mp3/cdn.example.com/show/ep{n}.mp3",
            };
        }

        Assert.True(Detect(fingerprint, Feed(current)).IsReset);
    }
}
