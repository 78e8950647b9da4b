using System.Diagnostics;
using System.Globalization;
using System.Xml;
using Feed.FakeHost.Configuration;
using Feed.FakeHost.Generation;
using Feed.FakeHost.Media;
using Feed.FakeHost.Model;

namespace Feed.FakeHost;

/// <summary>
/// <c>--self-check N</c>: generates N sampled feeds and the big feed, checks each is well-formed XML with a strict
/// XmlReader, and prints the size distribution, generation speed and the share of each behaviour — the model's
/// numbers without starting a server.
/// </summary>
internal static class SelfCheck
{
    public static int Run(FakeHostOptions options, TextWriter output)
    {
        var model = new FeedModel(options);
        var writer = new FeedWriter(model);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var random = new Random((int)options.Seed);
        var sizes = new List<int>(options.SelfCheck);
        var items = new List<int>(options.SelfCheck);
        long gzipBytes = 0, plainBytes = 0;
        var failures = 0;
        var generation = new Stopwatch();
        for (var i = 0; i < options.SelfCheck; i++)
        {
            var n = random.Next(model.FeedCount);
            var feed = model.Profile(n);
            var version = FeedModel.Version(feed, now);
            generation.Start();
            var body = writer.Write(feed, version, pooled: false);
            generation.Stop();
            sizes.Add(body.Length);
            items.Add(feed.ItemCount);
            if (i < 200)
            {
                plainBytes += body.Length;
                gzipBytes += body.Gzipped().Length;
            }

            failures += WellFormed(body, feed.ItemCount, out var problem) ? 0 : 1;
            if (problem is not null && failures <= 3)
            {
                output.WriteLine($"feed {n}: {problem}");
            }
        }

        sizes.Sort();
        items.Sort();
        var total = sizes.Sum(x => (long)x);
        output.WriteLine(Invariant($"{options.SelfCheck} feeds: well-formed {options.SelfCheck - failures}/{options.SelfCheck}"));
        output.WriteLine(Invariant($"  bytes: median {sizes[sizes.Count / 2]:N0}, mean {total / sizes.Count:N0}, p90 {sizes[sizes.Count * 9 / 10]:N0}, p99 {sizes[sizes.Count * 99 / 100]:N0}, max {sizes[^1]:N0}"));
        output.WriteLine(Invariant($"  items: median {items[items.Count / 2]}, mean {items.Average():F1}, >300: {items.Count(x => x > 300) * 100.0 / items.Count:F1} %, bytes/item ≈ {total / Math.Max(1, items.Sum()):N0}"));
        output.WriteLine(Invariant($"  generation: {total / generation.Elapsed.TotalSeconds / 1e6:F0} MB/s ({generation.Elapsed.TotalMilliseconds / sizes.Count:F3} ms per feed, one thread); gzip ratio {(double)gzipBytes / plainBytes:F2}"));

        if (options.BigFeed >= 0 && options.BigFeed < model.FeedCount)
        {
            var big = model.Profile(options.BigFeed);
            var watch = Stopwatch.StartNew();
            var body = writer.Write(big, FeedModel.Version(big, now), pooled: false);
            watch.Stop();
            var ok = WellFormed(body, big.ItemCount, out var problem);
            output.WriteLine(Invariant($"big feed {options.BigFeed}: {big.ItemCount} items, {body.Length:N0} bytes, generated in {watch.Elapsed.TotalMilliseconds:F1} ms, well-formed {ok} {problem}"));
        }

        WriteShares(model, options, output, now);
        failures += CheckMedia(model.Seed, output) ? 0 : 1;
        return failures == 0 ? 0 : 1;
    }

    private static void WriteShares(FeedModel model, FakeHostOptions options, TextWriter output, long now)
    {
        var sample = Math.Min(model.FeedCount, 200_000);
        var behaviors = new int[Enum.GetValues<FeedBehavior>().Length];
        var validators = new int[3];
        int gzip = 0, ignoresRange = 0, changed = 0;
        var poll = (long)options.PollInterval.TotalMilliseconds;
        for (var n = 0; n < sample; n++)
        {
            var feed = model.Profile(n);
            behaviors[(int)feed.Behavior]++;
            validators[(int)feed.Validators]++;
            gzip += feed.Gzip ? 1 : 0;
            ignoresRange += model.MediaIgnoresRange(n) ? 1 : 0;
            changed += FeedModel.Version(feed, now + poll) != FeedModel.Version(feed, now) ? 1 : 0;
        }

        string Share(int count) => (count * 100.0 / sample).ToString("F2", CultureInfo.InvariantCulture) + " %";
        output.WriteLine(Invariant($"feeds 0..{sample - 1}: new version within one poll interval {Share(changed)}; gzip-capable {Share(gzip)}; media ignores Range {Share(ignoresRange)}"));
        output.WriteLine("  validators: " + string.Join(", ", Enum.GetValues<ValidatorMode>().Select(v => $"{v} {Share(validators[(int)v])}")));
        output.WriteLine("  behaviour: " + string.Join(", ", Enum.GetValues<FeedBehavior>().Select(b => $"{b} {Share(behaviors[(int)b])}")));
    }

    private static bool CheckMedia(ulong seed, TextWriter output)
    {
        var media = new MediaFile(seed, 1, 12345);
        Span<byte> head = stackalloc byte[10];
        media.Fill(0, head);
        var size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9];
        Span<byte> sync = stackalloc byte[2];
        media.Fill(media.TagLength, sync);
        var ok = head[..3].SequenceEqual("ID3"u8) && size + 10 == media.TagLength && sync[0] == 0xFF;
        output.WriteLine(Invariant($"media 1/12345: {media.Length:N0} bytes, ID3v2.{head[3]} tag {media.TagLength:N0} bytes (syncsafe size {size:N0}), frame sync after it: {ok}"));
        return ok;
    }

    private static bool WellFormed(FeedBody body, int expectedItems, out string? problem)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        try
        {
            using var stream = new MemoryStream(body.ToArray());
            using var reader = XmlReader.Create(stream, settings);
            var count = 0;
            while (reader.Read())
            {
                count += reader is { NodeType: XmlNodeType.Element, LocalName: "item" } ? 1 : 0;
            }

            problem = count == expectedItems ? null : $"{count} items, expected {expectedItems}";
            return problem is null;
        }
        catch (XmlException e)
        {
            problem = e.Message;
            return false;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
