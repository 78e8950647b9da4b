namespace Feed.Updater.Storage;

/// <summary>
/// A feed's lifecycle (docs/FEEDS-UPDATER.md "States"): active → erroring after repeated failures → dead after a
/// long run of them (checked monthly); gone at once on 410; deregistered by the API (state kept).
/// </summary>
internal static class FeedStatuses
{
    public const string Active = "active";
    public const string Erroring = "erroring";
    public const string Dead = "dead";
    public const string Gone = "gone";
    public const string Deregistered = "deregistered";

    /// <summary>Statuses that are polled.</summary>
    public static bool IsScheduled(string status) => status is Active or Erroring or Dead;
}
