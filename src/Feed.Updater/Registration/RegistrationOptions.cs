namespace Feed.Updater.Registration;

/// <summary>Registration and bulk import, bound from <c>Updater:Registration</c>.</summary>
internal sealed class RegistrationOptions
{
    public const string Section = "Updater:Registration";

    /// <summary>Accept <c>user:password@</c> in feed URLs (private feeds). Default false (FEEDS.md "Registration").</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>Approximate cap of the <c>feeds:changes</c> stream (XADD MAXLEN ~). Default 1,000,000.</summary>
    public long ChangeLogMaxLength { get; set; } = 1_000_000;

    /// <summary>URLs registered per script call during a bulk import. Default 1,000.</summary>
    public int ImportBatchSize { get; set; } = 1000;

    /// <summary>Bulk-import script calls pipelined at once. Default 4.</summary>
    public int ImportBatchesInFlight { get; set; } = 4;

    /// <summary>Rejected lines a bulk import reports in detail (all are counted). Default 1,000.</summary>
    public int MaxReportedRejections { get; set; } = 1000;

    /// <summary>How often a sequence compare-and-set is retried when a concurrent event got in first. Default 5.</summary>
    public int MaxSequenceAttempts { get; set; } = 5;
}
