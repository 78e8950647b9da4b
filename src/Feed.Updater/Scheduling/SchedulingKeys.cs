namespace Feed.Updater.Scheduling;

/// <summary>Redis keys only the scheduler uses (the shared ones are in <see cref="Storage.UpdaterKeys"/>).</summary>
internal static class SchedulingKeys
{
    /// <summary>STRING: the HSCAN cursor over <see cref="Storage.UpdaterKeys.ByUrl"/> where the next reconcile chunk starts ("0" = from the top).</summary>
    public const string ReconcileCursor = "feeds:reconcile:cursor";
}
