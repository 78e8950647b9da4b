using static Prefix.Counting.Tests.TestHits;

namespace Prefix.Counting.Tests;

public class HitSorterTests
{
    [Fact]
    public void Sort_ShuffledHits_SameOrderAsHitOrder()
    {
        var random = new Random(3);
        var hits = Enumerable.Range(0, 2_000)
            .Select(i => Get(Day.AddSeconds(random.Next(50)), listener: $"l{random.Next(30)}", episode: $"https://h/{(char)('a' + random.Next(5))}{random.Next(3)}.mp3"))
            .ToList();
        hits.Add(hits[10] with { }); // same hit id and time: ordered next to each other
        var expected = hits.ToList();
        expected.Sort(HitOrder.Instance);

        var sorted = HitSorter.Sort(hits);

        Assert.Equal(expected.Select(h => h.HitId), sorted.Select(h => h.HitId));
    }

    [Fact]
    public void Sort_AlreadyOrdered_SameSequence()
    {
        var hits = new[] { Get(Day, listener: "a"), Get(Day.AddSeconds(1), listener: "a"), Get(Day, listener: "b") };

        Assert.Equal(hits, HitSorter.Sort(hits));
    }
}
