using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Prefix.Core.Hits;
using Prefix.Core.Privacy;
using Prefix.Edge.Redirects;
using Prefix.Geo;

namespace Prefix.Microbench;

/// <summary>The work the edge does per request before the 302, piece by piece.</summary>
[MemoryDiagnoser]
public class EdgeHotPathBenchmarks : IDisposable
{
    private const string UserAgent = "AppleCoreMedia/1.0.0.20E252 (iPhone; U; CPU OS 16_4_1 like Mac OS X; en_us)";
    private readonly IPAddress _ip = IPAddress.Parse("8.8.8.8");
    private readonly ListenerKeyHasher _hasher = new(1, Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    private GeoLookup? _geo;
    private HitRecord _hit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _geo = GeoLookup.Open(GeoOptions.FromDataDirectory(DataDirectory.Find()));
        _hit = new HitRecord
        {
            Id = Guid.CreateVersion7(),
            TimestampMs = 1_795_326_334_607,
            Method = "GET",
            RequestUrl = "https://pfx.example.net/e/cdn.example.com/show/episode-123.mp3?x=1",
            TargetUrl = "https://cdn.example.com/show/episode-123.mp3?x=1",
            UserAgent = UserAgent,
            ListenerKey = _hasher.ListenerKey(_ip, UserAgent),
            HouseholdKey = _hasher.HouseholdKey(_ip),
            Country = "US",
            TimeZone = "America/Chicago",
            Asn = 15169,
            AsOrganization = "Google LLC",
        };
    }

    [Benchmark]
    public bool ParsePrefixUrl() => PrefixUrlParser.Parse("/e,pg=6a08eaa9-0d92-55eb-8198-9c13d37c83f2/dts.podtrac.com/redirect.mp3/cdn.example.com/show/episode-123.mp3?x=1").IsValid;

    [Benchmark]
    public GeoResult LookUpGeo() => _geo!.Lookup(_ip);

    [Benchmark]
    public string ListenerKey() => _hasher.ListenerKey(_ip, UserAgent);

    [Benchmark]
    public byte[] SerializeHit() => JsonSerializer.SerializeToUtf8Bytes(_hit, HitJsonContext.Default.HitRecord);

    public void Dispose()
    {
        _geo?.Dispose();
        GC.SuppressFinalize(this);
    }
}
