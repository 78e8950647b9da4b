namespace Feed.Updater.Publishing;

/// <summary>A page, or the reason the request was refused (a bad cursor or limit).</summary>
internal sealed record ChangeLogReadResult(ChangeLogPage? Page, string? Error)
{
    public static ChangeLogReadResult Ok(ChangeLogPage page) => new(page, null);

    public static ChangeLogReadResult Invalid(string error) => new(null, error);
}
