using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Prefix.Core.Episodes;
using Prefix.Core.Hits;
using Prefix.Ingest;
using Prefix.UserAgents;

namespace Prefix.Microbench;

/// <summary>The work the ingest does per hit between reading the stream and inserting the row.</summary>
[MemoryDiagnoser]
public class IngestHotPathBenchmarks
{
    private const string Agent = "Overcast/3.0 (+http://overcast.fm/; iOS podcast app)";
    private readonly EpisodeKeyNormalizer _episodes = new(["pfx.example.net"]);
    private UserAgentClassifier _agents = null!;
    private HitRowMapper _mapper = null!;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _agents = UserAgentClassifier.Load(DataDirectory.Find());
        _mapper = new HitRowMapper(_agents, _episodes, TimeProvider.System);
        _payload = JsonSerializer.SerializeToUtf8Bytes(
            new HitRecord
            {
                Id = Guid.CreateVersion7(),
                TimestampMs = 1_795_326_334_607,
                Method = "GET",
                RequestUrl = "https://pfx.example.net/e/cdn.example.com/show/episode-123.mp3?x=1",
                TargetUrl = "https://dts.podtrac.com/redirect.mp3/cdn.example.com/show/episode-123.mp3?x=1&utm_source=app",
                UserAgent = Agent,
                Country = "US",
            },
            HitJsonContext.Default.HitRecord);
    }

    [Benchmark]
    public int MapHitToRow() => _mapper.Map(_payload).Length;

    [Benchmark]
    public UserAgentInfo ClassifyCachedAgent() => _agents.Classify(Agent);

    [Benchmark]
    public string NormalizeEpisodeKey() => _episodes.Normalize("https://pfx.example.net/e/dts.podtrac.com/redirect.mp3/cdn.example.com/show/episode-123.mp3?x=1&utm_source=app");
}
