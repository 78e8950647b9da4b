using System.Diagnostics;
using Prefix.UserAgents.Apps;
using Prefix.UserAgents.Bots;
using Prefix.UserAgents.Caching;
using Prefix.UserAgents.Devices;
using Prefix.UserAgents.Uap;

namespace Prefix.UserAgents;

/// <summary>Classifies the User-Agent of a download hit: podcast app, device, OS, and whether it is a bot.</summary>
/// <remarks>
/// <para>An agent is classified in these steps; the first that decides wins:</para>
/// <list type="number">
/// <item>Cut to <see cref="UserAgentText.MaxLength"/> characters, control characters become spaces, trimmed.
/// Blank → <c>no_ua</c>.</item>
/// <item>The bounded cache answers repeated agents (most hits repeat an agent seen seconds before).</item>
/// <item>Our ordered table of known agents (<c>Apps/known-agents.json</c>): a podcast app, a podcast crawler
/// (<c>bot_ua</c>) or an HTTP library (<c>bot_lib</c>). Listed apps therefore win over every bot rule below.</item>
/// <item>crawler-user-agents patterns → <c>bot_ua</c>.</item>
/// <item>Any other agent containing bot, crawler or spider → <c>bot_ua</c> (COUNTING.md stage 1 rule 4).</item>
/// <item>A human: uap-core gives the OS, the device and, when our table named no app, the browser; our device
/// hints (watch, speaker, car, TV, tablet, Mac) override uap-core; Apple Watch is <c>Os == "watchOS"</c>.</item>
/// </list>
/// <para>Instances are immutable apart from the cache and safe to share between threads.</para>
/// </remarks>
public sealed class UserAgentClassifier
{
    /// <summary>Distinct agents kept by default: a day of podcast traffic has tens of thousands.</summary>
    public const int DefaultCacheCapacity = 100_000;

    private static readonly UserAgentInfo NoUserAgent = new(string.Empty, DeviceTypes.Unknown, string.Empty, BotReasons.NoUserAgent, false);

    private readonly KnownAgentTable _table;
    private readonly CrawlerList _crawlers;
    private readonly UapParser _uap;
    private readonly ClassificationCache _cache;

    private UserAgentClassifier(KnownAgentTable table, CrawlerList crawlers, UapParser uap, int cacheCapacity, IReadOnlyList<string> warnings, TimeSpan loadTime)
    {
        _table = table;
        _crawlers = crawlers;
        _uap = uap;
        _cache = new ClassificationCache(cacheCapacity);
        LoadWarnings = warnings;
        LoadTime = loadTime;
    }

    /// <summary>Patterns of the data files that .NET could not compile and were skipped; the host logs them.</summary>
    public IReadOnlyList<string> LoadWarnings { get; }

    /// <summary>How long <see cref="Load(string, int)"/> took (reading and building every regex).</summary>
    public TimeSpan LoadTime { get; }

    internal int CachedCount => _cache.Count;

    internal int CacheCapacity => _cache.Capacity;

    internal int KnownAgentCount => _table.Agents.Length;

    internal int CrawlerPatternCount => _crawlers.PatternCount;

    internal int CrawlerRegexCount => _crawlers.RegexCount;

    internal int UapRuleCount => _uap.RuleCount;

    internal int UapSkippedCrawlerRuleCount => _uap.SkippedCrawlerRuleCount;

    /// <summary>
    /// Loads <c>uap-core/regexes.yaml</c> and <c>crawler-user-agents/crawler-user-agents.json</c> from
    /// <paramref name="dataDirectory"/> (the npm data packages <c>./prefix</c> installs) and our embedded table.
    /// </summary>
    /// <exception cref="FileNotFoundException">A data file is missing: the data packages are not installed.</exception>
    public static UserAgentClassifier Load(string dataDirectory) => Load(dataDirectory, DefaultCacheCapacity);

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="dataDirectory">The directory holding the <c>uap-core</c> and <c>crawler-user-agents</c> packages.</param>
    /// <param name="cacheCapacity">Distinct agents the cache holds at most (at least 2).</param>
    public static UserAgentClassifier Load(string dataDirectory, int cacheCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 2);

        var uapPath = Path.Combine(dataDirectory, "uap-core", "regexes.yaml");
        var crawlerPath = Path.Combine(dataDirectory, "crawler-user-agents", "crawler-user-agents.json");
        foreach (var path in (string[])[uapPath, crawlerPath])
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"User-Agent data file {path} is missing; run ./prefix to install the data packages or set PREFIX_DATA_DIR.", path);
            }
        }

        var started = Stopwatch.GetTimestamp();
        var warnings = new List<string>();
        var table = KnownAgentTable.LoadEmbedded(warnings);
        var crawlers = CrawlerList.Load(crawlerPath, warnings);
        var uap = UapParser.Load(uapPath, warnings);
        return new UserAgentClassifier(table, crawlers, uap, cacheCapacity, warnings.AsReadOnly(), Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Classifies one User-Agent header value; null, empty and blank give <c>no_ua</c>.</summary>
    public UserAgentInfo Classify(string? userAgent)
    {
        var text = UserAgentText.Normalize(userAgent);
        if (text.Length == 0)
        {
            return NoUserAgent;
        }

        if (_cache.TryGet(text, out var cached))
        {
            return cached;
        }

        var info = ClassifyText(text);
        _cache.Add(text, info);
        return info;
    }

    /// <summary>The classification without the cache, for tests and benchmarks of the cold path.</summary>
    internal UserAgentInfo ClassifyUncached(string? userAgent)
    {
        var text = UserAgentText.Normalize(userAgent);
        return text.Length == 0 ? NoUserAgent : ClassifyText(text);
    }

    private UserAgentInfo ClassifyText(string text)
    {
        var known = FindKnownAgent(text);
        switch (known?.Kind)
        {
            case KnownAgentKind.Bot:
                return Machine(known.Name, BotReasons.BotUserAgent);
            case KnownAgentKind.Library:
                return Machine(known.Name, BotReasons.BotLibrary);
            case null when _crawlers.IsMatch(text) || BotWords.Contains(text):
                return Machine(string.Empty, BotReasons.BotUserAgent);
        }

        var app = known?.Name ?? BrowserNames.Normalize(_uap.ParseBrowser(text));
        var os = OsNames.Normalize(_uap.ParseOs(text));
        string? device = null;
        if (FirstHint(_table.Devices, text) is { } hint)
        {
            device = hint.Device;
            os = hint.Os ?? os;
        }

        if (os.Length == 0 && FirstHint(_table.Platforms, text) is { Os: { } platform })
        {
            os = platform;
        }

        device ??= DeviceInference.FromOs(os, text) ?? DeviceInference.FromUapDevice(_uap.ParseDevice(text), text);
        return new UserAgentInfo(app, device, os, BotReasons.None, os == "watchOS");
    }

    private static UserAgentInfo Machine(string name, string reason) =>
        new(name, DeviceTypes.Server, string.Empty, reason, false);

    private KnownAgent? FindKnownAgent(string text)
    {
        foreach (var agent in _table.Agents)
        {
            if (PatternCompiler.SafeIsMatch(agent.Pattern, text))
            {
                return agent;
            }
        }

        return null;
    }

    private static DeviceHint? FirstHint(DeviceHint[] hints, string text)
    {
        foreach (var hint in hints)
        {
            if (PatternCompiler.SafeIsMatch(hint.Pattern, text))
            {
                return hint;
            }
        }

        return null;
    }
}
