using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Feed.FakeHost.Configuration;
using Feed.FakeHost.Model;
using Feed.FakeHost.Observability;

namespace Feed.FakeHost.Endpoints;

/// <summary>What the benchmark driver reads: the feed list to import, the counters, and which versions went out when.</summary>
internal static class DriverEndpoints
{
    private const int FlushBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Suffix => ".xml\"}\n"u8;

    public static IEndpointRouteBuilder MapDriverEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Text(FakeHostArguments.Usage()));
        app.MapGet("/healthz", () => TypedResults.Text("ok\n"));
        app.MapGet("/stats", WriteStatsAsync);
        app.MapGet("/feeds.ndjson", WriteFeedListAsync);
        app.MapGet("/served-changes", WriteServedChangesAsync);
        app.MapGet("/profile/{n:int}", Profile);
        return app;
    }

    /// <summary>GET /profile/{n}: what the model decided for feed n (to pick a feed of a given kind, or to explain an outcome).</summary>
    private static IResult Profile(int n, FeedModel model, TimeProvider time)
    {
        if (n < 0 || n >= model.FeedCount)
        {
            return TypedResults.NotFound();
        }

        var feed = model.Profile(n);
        var version = FeedModel.Version(feed, time.GetUtcNow().ToUnixTimeMilliseconds());
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["feedNumber"] = n,
            ["behavior"] = feed.Behavior.ToString(),
            ["validators"] = feed.Validators.ToString(),
            ["gzip"] = feed.Gzip,
            ["items"] = feed.ItemCount,
            ["periodMs"] = feed.PeriodMs,
            ["phaseMs"] = feed.PhaseMs,
            ["version"] = version,
            ["versionStartMs"] = FeedModel.VersionStartMs(feed, version),
            ["nextVersionAtMs"] = FeedModel.VersionStartMs(feed, version + 1),
            ["mediaIgnoresRange"] = model.MediaIgnoresRange(n),
        });
    }

    private static async Task WriteStatsAsync(HttpContext context)
    {
        var stats = context.RequestServices.GetRequiredService<HostStats>();
        context.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter, new JsonWriterOptions { Indented = true }))
        {
            stats.WriteJson(json);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>GET /feeds.ndjson?count=N&amp;start=S: one {"url":…} line per feed, streamed (a million lines is ~50 MB).</summary>
    private static async Task WriteFeedListAsync(HttpContext context)
    {
        var model = context.RequestServices.GetRequiredService<FeedModel>();
        var start = QueryInt(context, "start", 0);
        var count = QueryInt(context, "count", model.FeedCount);
        var end = (int)Math.Min(model.FeedCount, (long)start + Math.Max(0, count));
        var prefix = Encoding.UTF8.GetBytes($"{{\"url\":\"{model.BaseUrl}/feeds/");
        var writer = context.Response.BodyWriter;
        context.Response.ContentType = "application/x-ndjson";
        var pending = 0;
        for (var n = Math.Max(0, start); n < end; n++)
        {
            var span = writer.GetSpan(prefix.Length + 24);
            prefix.CopyTo(span);
            Utf8Formatter.TryFormat(n, span[prefix.Length..], out var digits);
            var used = prefix.Length + digits;
            Suffix.CopyTo(span[used..]);
            used += Suffix.Length;
            writer.Advance(used);
            pending += used;
            if (pending >= FlushBytes)
            {
                pending = 0;
                await writer.FlushAsync(context.RequestAborted);
            }
        }

        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// GET /served-changes?since=&lt;unix ms&gt;: NDJSON {"feedNumber","version","servedAtMs","initial","url"} for every
    /// (feed, version) first served in a 200 at or after <c>since</c>, oldest first.
    /// </summary>
    private static async Task WriteServedChangesAsync(HttpContext context)
    {
        var served = context.RequestServices.GetRequiredService<ServedChanges>();
        var model = context.RequestServices.GetRequiredService<FeedModel>();
        var since = long.TryParse(context.Request.Query["since"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
        context.Response.ContentType = "application/x-ndjson";
        var cursor = served.Seek(since);
        var batch = new ServedChanges.Entry[4096];
        var writer = context.Response.BodyWriter;
        var options = new JsonWriterOptions { SkipValidation = true };
        int read;
        while ((read = served.Read(ref cursor, batch)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var entry = batch[i];
                await using (var json = new Utf8JsonWriter(writer, options))
                {
                    json.WriteStartObject();
                    json.WriteNumber("feedNumber", entry.Feed);
                    json.WriteNumber("version", entry.Version);
                    json.WriteNumber("servedAtMs", entry.ServedAtMs);
                    json.WriteBoolean("initial", entry.Initial);
                    json.WriteString("url", string.Create(CultureInfo.InvariantCulture, $"{model.BaseUrl}/feeds/{entry.Feed}.xml"));
                    json.WriteEndObject();
                }

                writer.GetSpan(1)[0] = (byte)'\n';
                writer.Advance(1);
            }

            await writer.FlushAsync(context.RequestAborted);
        }
    }

    private static int QueryInt(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
