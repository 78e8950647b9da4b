namespace Feed.Updater.Registration;

/// <summary>
/// The totals of a bulk import. Every valid line is either <see cref="Created"/> or <see cref="Existing"/>
/// (a URL repeated inside the import counts as existing the second time); invalid lines are <see cref="Rejected"/>.
/// </summary>
internal sealed record BulkRegisterResult
{
    /// <summary>Feeds this import made active, including <see cref="Reregistered"/> ones.</summary>
    public required long Created { get; init; }

    /// <summary>Of <see cref="Created"/>, feeds that had been deregistered.</summary>
    public required long Reregistered { get; init; }

    public required long Existing { get; init; }

    public required long Rejected { get; init; }

    /// <summary>The first rejected lines (up to <see cref="RegistrationOptions.MaxReportedRejections"/>), in line order.</summary>
    public required IReadOnlyList<ImportRejection> Rejections { get; init; }

    /// <summary>True when more lines were rejected than <see cref="Rejections"/> lists.</summary>
    public bool RejectionsTruncated => Rejected > Rejections.Count;

    public long Lines => Created + Existing + Rejected;
}
