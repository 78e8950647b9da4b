namespace Feed.Updater.Scheduling;

/// <summary>What one reconcile run looked at and repaired.</summary>
/// <param name="Scanned">Registered feeds examined.</param>
/// <param name="Requeued">Schedulable feeds that were in neither the due set nor the leases, now due again.</param>
/// <param name="Removed">Gone or deregistered feeds taken out of the due set.</param>
/// <param name="Wrapped">The scan reached the end of the registry (the next run starts from the top).</param>
internal sealed record ReconcileResult(int Scanned, int Requeued, int Removed, bool Wrapped)
{
    public static ReconcileResult Empty { get; } = new(0, 0, 0, false);

    public ReconcileResult Add(ReconcileResult other) =>
        new(Scanned + other.Scanned, Requeued + other.Requeued, Removed + other.Removed, Wrapped || other.Wrapped);
}
