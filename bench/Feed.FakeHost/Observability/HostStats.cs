using System.Text.Json;

namespace Feed.FakeHost.Observability;

/// <summary>Counters since start for the benchmark driver (GET /stats). Plain interlocked longs: cheap on the hot path.</summary>
internal sealed class HostStats(TimeProvider time)
{
    private readonly long _startedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    private long _requests;
    private long _feed200;
    private long _feed304;
    private long _feed5xx;
    private long _feedSlow;
    private long _feedHtml;
    private long _feedMalformed;
    private long _feed404;
    private long _feed410;
    private long _feed429;
    private long _feedRedirects;
    private long _feedGzip;
    private long _feedNewVersions;
    private long _media206;
    private long _media200;
    private long _media416;
    private long _mediaHead;
    private long _bytesSent;
    private long _cacheHits;
    private long _cacheMisses;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Feed200() => Interlocked.Increment(ref _feed200);

    public void Feed304() => Interlocked.Increment(ref _feed304);

    public void Feed5xx() => Interlocked.Increment(ref _feed5xx);

    public void FeedSlow() => Interlocked.Increment(ref _feedSlow);

    public void FeedHtml() => Interlocked.Increment(ref _feedHtml);

    public void FeedMalformed() => Interlocked.Increment(ref _feedMalformed);

    public void Feed404() => Interlocked.Increment(ref _feed404);

    public void Feed410() => Interlocked.Increment(ref _feed410);

    public void Feed429() => Interlocked.Increment(ref _feed429);

    public void FeedRedirect() => Interlocked.Increment(ref _feedRedirects);

    public void FeedGzip() => Interlocked.Increment(ref _feedGzip);

    public void FeedNewVersion() => Interlocked.Increment(ref _feedNewVersions);

    public void Media206() => Interlocked.Increment(ref _media206);

    public void Media200() => Interlocked.Increment(ref _media200);

    public void Media416() => Interlocked.Increment(ref _media416);

    public void MediaHead() => Interlocked.Increment(ref _mediaHead);

    public void BytesSent(long count) => Interlocked.Add(ref _bytesSent, count);

    public void Cache(bool hit) => Interlocked.Increment(ref hit ? ref _cacheHits : ref _cacheMisses);

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("startedAtMs", _startedAtMs);
        json.WriteNumber("nowMs", time.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteNumber("requests", Volatile.Read(ref _requests));
        json.WriteStartObject("feeds");
        json.WriteNumber("ok200", Volatile.Read(ref _feed200));
        json.WriteNumber("notModified304", Volatile.Read(ref _feed304));
        json.WriteNumber("serverError5xx", Volatile.Read(ref _feed5xx));
        json.WriteNumber("slow", Volatile.Read(ref _feedSlow));
        json.WriteNumber("html", Volatile.Read(ref _feedHtml));
        json.WriteNumber("malformed", Volatile.Read(ref _feedMalformed));
        json.WriteNumber("notFound404", Volatile.Read(ref _feed404));
        json.WriteNumber("gone410", Volatile.Read(ref _feed410));
        json.WriteNumber("tooManyRequests429", Volatile.Read(ref _feed429));
        json.WriteNumber("redirects301", Volatile.Read(ref _feedRedirects));
        json.WriteNumber("gzip", Volatile.Read(ref _feedGzip));
        json.WriteNumber("newVersionsServed", Volatile.Read(ref _feedNewVersions));
        json.WriteNumber("cacheHits", Volatile.Read(ref _cacheHits));
        json.WriteNumber("cacheMisses", Volatile.Read(ref _cacheMisses));
        json.WriteEndObject();
        json.WriteStartObject("media");
        json.WriteNumber("partial206", Volatile.Read(ref _media206));
        json.WriteNumber("full200", Volatile.Read(ref _media200));
        json.WriteNumber("unsatisfiable416", Volatile.Read(ref _media416));
        json.WriteNumber("head", Volatile.Read(ref _mediaHead));
        json.WriteEndObject();
        json.WriteNumber("bytesSent", Volatile.Read(ref _bytesSent));

        // The host's own footprint, so the driver can show what the fake host took from the shared machine.
        var gc = GC.GetGCMemoryInfo();
        json.WriteStartObject("process");
        json.WriteNumber("workingSetBytes", Environment.WorkingSet);
        json.WriteNumber("gcHeapBytes", gc.HeapSizeBytes);
        json.WriteNumber("gen0Collections", GC.CollectionCount(0));
        json.WriteNumber("gen1Collections", GC.CollectionCount(1));
        json.WriteNumber("gen2Collections", GC.CollectionCount(2));
        json.WriteNumber("cpuSeconds", Environment.CpuUsage.TotalTime.TotalSeconds);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
