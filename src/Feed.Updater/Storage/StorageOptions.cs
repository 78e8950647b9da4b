namespace Feed.Updater.Storage;

/// <summary>Where and how much the updater keeps (config section <c>Updater:Storage</c>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Updater:Storage";

    /// <summary>Approximate length the change stream <c>feeds:changes</c> is trimmed to (the change log's reach). Default 1,000,000.</summary>
    public long ChangeLogMaxLength { get; set; } = 1_000_000;

    /// <summary>How long the ClickHouse writer waits to gather more rows into one insert. Default 100 ms.</summary>
    public TimeSpan HistoryFlushDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Rows per ClickHouse insert at most. Default 50,000.</summary>
    public int HistoryMaxBatchRows { get; set; } = 50_000;
}
