namespace Prefix.Ingest;

/// <summary>The hit ingest (Redis Stream → ClickHouse). Bound from the <c>Ingest</c> section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Whether this process runs the ingest. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The stream the edges ship to. Default <c>prefix:hits</c>.</summary>
    public string Stream { get; set; } = "prefix:hits";

    /// <summary>Consumer group; every ingest instance joins the same one. Default <c>ingest</c>.</summary>
    public string Group { get; set; } = "ingest";

    /// <summary>This instance's consumer name. Default machine name and process id.</summary>
    public string Consumer { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Entries read (and rows inserted) per batch. Default 20,000.</summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>How long one read waits for new entries. Default 1 s.</summary>
    public TimeSpan Block { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entries pending this long with another consumer are taken over (it crashed). Default 60 s.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often to look for such entries. Default 15 s.</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Where unreadable entries are parked with their reason. Default <c>prefix:hits:parked</c>.</summary>
    public string ParkedStream { get; set; } = "prefix:hits:parked";

    /// <summary>The ClickHouse table. Default <c>hits</c> (in the configured database).</summary>
    public string Table { get; set; } = "hits";

    /// <summary>How often entries every group has acknowledged are trimmed from the stream. Default 10 s.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between retries of a failed insert. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Directory with the npm data packages (uap-core, crawler-user-agents). Default <c>data/node_modules</c>.</summary>
    public string DataDirectory { get; set; } = "data/node_modules";

    /// <summary>Hosts our own edge answers on, so its prefix is unwrapped from chained URLs. Default none.</summary>
    public List<string> OwnPrefixHosts { get; set; } = [];
}
