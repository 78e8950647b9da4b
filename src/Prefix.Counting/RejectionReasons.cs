namespace Prefix.Counting;

/// <summary>Reason codes for hits that cannot count, exactly as COUNTING.md stage 1 names them.</summary>
public static class RejectionReasons
{
    /// <summary>HEAD, OPTIONS, POST… (stage 1.1).</summary>
    public const string NonGet = "non_get";

    /// <summary>A known status other than 200/206, 304 included (stage 1.2).</summary>
    public const string Status = "status";

    /// <summary>Missing or blank User-Agent (stage 1.3).</summary>
    public const string NoUserAgent = "no_ua";

    /// <summary>Bot User-Agent (stage 1.4); counted as a bot, apart from downloads.</summary>
    public const string BotUserAgent = "bot_ua";

    /// <summary>HTTP library without an app (stage 1.4); counted as a bot, apart from downloads.</summary>
    public const string BotLibrary = "bot_lib";

    /// <summary>Apple Watch agents (stage 1.5).</summary>
    public const string AppleWatch = "apple_watch";

    /// <summary>Browser-like agent from a datacenter network (stage 1.6).</summary>
    public const string DatacenterIp = "dc_ip";

    /// <summary>Unparseable or unsatisfiable Range (stage 1.7).</summary>
    public const string BadRange = "bad_range";

    /// <summary>All requested ranges ≤ 2 bytes, other than the lone <c>bytes=0-1</c> probe (stage 1.7).</summary>
    public const string TinyRange = "tiny_range";

    /// <summary>A lone <c>bytes=0-1</c> in <see cref="CountingMode.Strict"/> mode, where probes are dropped (stage 1.7).</summary>
    public const string Probe = "probe";
}
