namespace Prefix.Attribution.Model;

/// <summary>
/// A collaboration c of ATTRIBUTION.md, "Inputs": show A (promoted) appeared on show B (host).
/// </summary>
/// <param name="Id">Collaboration id.</param>
/// <param name="PromotedShowId">Show A, whose new listeners are counted.</param>
/// <param name="HostShowId">Show B, whose audience is exposed.</param>
/// <param name="EpisodeIds">E_B: B's episode(s) carrying the collaboration.</param>
/// <param name="Kind">guest | promo | dai | feed-drop (<see cref="CollaborationKinds"/>).</param>
/// <param name="AiredAt">t0, start of the exposure period.</param>
/// <param name="Spend">Optional spend, for the cost outputs.</param>
/// <param name="Currency">Currency of <paramref name="Spend"/>.</param>
/// <param name="DroppedEpisodeIds">Feed drop: the id(s) of the dropped episode's copy in A's feed. Downloads of
/// them are never a conversion and do not count towards retention (ATTRIBUTION.md, "Definitions").</param>
public sealed record Collaboration(
    Guid Id,
    Guid PromotedShowId,
    Guid HostShowId,
    IReadOnlyList<Guid> EpisodeIds,
    string Kind,
    DateTimeOffset AiredAt,
    double? Spend = null,
    string? Currency = null,
    IReadOnlyList<Guid>? DroppedEpisodeIds = null)
{
    /// <summary>Null when valid, else a message naming the bad field and value (for a 400 answer).</summary>
    public string? Validate()
    {
        if (PromotedShowId == Guid.Empty || HostShowId == Guid.Empty)
        {
            return "promotedShowId and hostShowId are required";
        }

        if (PromotedShowId == HostShowId)
        {
            // Reciprocal swaps are two collaborations, one per direction (ATTRIBUTION.md, "Outputs").
            return "promotedShowId and hostShowId must differ";
        }

        if (EpisodeIds is null || EpisodeIds.Count == 0 || EpisodeIds.Contains(Guid.Empty))
        {
            return "episodeIds must name at least one episode of the host show";
        }

        if (!CollaborationKinds.IsValid(Kind))
        {
            return $"kind must be guest, promo, dai or feed-drop (got '{Kind}')";
        }

        if (Spend is { } spend && (double.IsNaN(spend) || double.IsInfinity(spend) || spend < 0))
        {
            return $"spend must be a non-negative number (got {spend.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        }

        if (Spend is not null && string.IsNullOrWhiteSpace(Currency))
        {
            return "currency is required with spend";
        }

        return null;
    }
}
