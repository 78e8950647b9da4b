using System.Net;

namespace Feed.FakeHost.Configuration;

/// <summary>
/// Every knob of the fake feed host. Set from the command line (<c>--kebab-name value</c>, see
/// <see cref="FakeHostArguments"/>); each property's doc states its default and its option name.
/// Fault fractions are disjoint bands of feed numbers, so they must add up to at most 1.
/// </summary>
internal sealed class FakeHostOptions
{
    /// <summary><c>--address</c>: listen address, also the host written into feed and enclosure URLs. Default 127.0.0.1.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary><c>--port</c>: listen port, also written into URLs (so it cannot be 0). Default 8090.</summary>
    public int Port { get; set; } = 8090;

    /// <summary><c>--feed-count</c>: feeds 0 … N-1 exist; others are 404. Default 1,000,000.</summary>
    public int FeedCount { get; set; } = 1_000_000;

    /// <summary><c>--seed</c>: everything (sizes, faults, phases, text, media bytes) derives from it. Default 1.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary><c>--poll-interval</c>: how often the bench expects each feed to be polled. Default 60 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>--change-fraction</c>: share of polls (at <see cref="PollInterval"/>) that see a new version. Default 0.10,
    /// i.e. a feed's version period averages poll-interval / 0.10 = 10 min (each feed's period is spread ×0.5–×2).
    /// </summary>
    public double ChangeFraction { get; set; } = 0.10;

    /// <summary><c>--median-items</c>: median items per feed (log-normal, σ 1.07: ~3 % of feeds above 300). Default 40.</summary>
    public int MedianItems { get; set; } = 40;

    /// <summary><c>--max-items</c>: items per feed are capped here (the big feed excepted). Default 1,000.</summary>
    public int MaxItems { get; set; } = 1_000;

    /// <summary><c>--big-feed</c>: the feed number that carries <see cref="BigFeedItems"/> items and no faults; -1 for none. Default 0.</summary>
    public int BigFeed { get; set; }

    /// <summary><c>--big-feed-items</c>: item count of the big feed (the spec's "5,000-item feed"). Default 5,000.</summary>
    public int BigFeedItems { get; set; } = 5_000;

    /// <summary><c>--no-validators-fraction</c>: feeds that send neither ETag nor Last-Modified (always 200). Default 0.30.</summary>
    public double NoValidatorsFraction { get; set; } = 0.30;

    /// <summary><c>--last-modified-only-fraction</c>: feeds that send only Last-Modified. Default 0.10.</summary>
    public double LastModifiedOnlyFraction { get; set; } = 0.10;

    /// <summary><c>--gzip-fraction</c>: feeds whose server gzips the body when Accept-Encoding allows it. Default 0.20.</summary>
    public double GzipFraction { get; set; } = 0.20;

    /// <summary><c>--slow-fraction</c>: feeds that wait <see cref="SlowDelayMin"/>–<see cref="SlowDelayMax"/> before the headers. Default 0.01.</summary>
    public double SlowFraction { get; set; } = 0.01;

    /// <summary><c>--slow-delay-min</c>. Default 2 s.</summary>
    public TimeSpan SlowDelayMin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>--slow-delay-max</c>. Default 5 s.</summary>
    public TimeSpan SlowDelayMax { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--error-fraction</c>: feeds that answer 500. Default 0.01.</summary>
    public double ErrorFraction { get; set; } = 0.01;

    /// <summary><c>--html-fraction</c>: feeds that answer 200 with an HTML login page. Default 0.005.</summary>
    public double HtmlFraction { get; set; } = 0.005;

    /// <summary><c>--malformed-fraction</c>: feeds whose XML is truncated. Default 0.005.</summary>
    public double MalformedFraction { get; set; } = 0.005;

    /// <summary><c>--not-found-fraction</c>: feeds that answer 404. Default 0.002.</summary>
    public double NotFoundFraction { get; set; } = 0.002;

    /// <summary><c>--gone-fraction</c>: feeds that answer 410. Default 0.001.</summary>
    public double GoneFraction { get; set; } = 0.001;

    /// <summary><c>--too-many-requests-fraction</c>: feeds that answer 429 with <see cref="RetryAfter"/>. Default 0.002.</summary>
    public double TooManyRequestsFraction { get; set; } = 0.002;

    /// <summary><c>--retry-after</c>: the Retry-After of the 429 feeds. Default 3600 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>--redirect-fraction</c>: feeds that answer 301 to <c>?moved=1</c>. Default 0.005.</summary>
    public double RedirectFraction { get; set; } = 0.005;

    /// <summary><c>--media-ignore-range-fraction</c>: feeds whose media host ignores Range (200, full length). Default 0.10.</summary>
    public double MediaIgnoreRangeFraction { get; set; } = 0.10;

    /// <summary><c>--cache-mb</c>: budget of the LRU of generated bodies per (feed, version). Default 64 MB.</summary>
    public int CacheMegabytes { get; set; } = 64;

    /// <summary>
    /// <c>--cache-min-items</c>: only feeds with at least this many items go through the cache (the big ones, which cost
    /// the most to write); smaller bodies are written into pooled buffers per response, because at bench scale a feed is
    /// rarely fetched twice at the same version before it would be evicted. Default 300.
    /// </summary>
    public int CacheMinItems { get; set; } = 300;

    /// <summary><c>--served-changes-capacity</c>: entries kept by /served-changes (a ring; 32 bytes each). Default 1,000,000.</summary>
    public int ServedChangesCapacity { get; set; } = 1_000_000;

    /// <summary><c>--self-check N</c>: generate N sampled feeds, check them with XmlReader, print sizes and exit. Default 0 (serve).</summary>
    public int SelfCheck { get; set; }

    /// <summary>The origin written into every URL the host serves.</summary>
    public string BaseUrl => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}";
}
