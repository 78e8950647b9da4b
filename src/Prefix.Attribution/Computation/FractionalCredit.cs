namespace Prefix.Attribution.Computation;

/// <summary>
/// Equal fractional credit (ATTRIBUTION.md, "Outputs": several collaborations exposing the same key within W).
/// </summary>
public static class FractionalCredit
{
    /// <summary>
    /// Splits one conversion at <paramref name="convertedAt"/> equally across every collaboration whose exposure of
    /// the key lies in [convertedAt − W, convertedAt] (i.e. the conversion falls in that collaboration's window
    /// [tx, tx + W]). Collaborations outside get nothing; the shares sum to 1 when any claim exists.
    /// </summary>
    /// <param name="convertedAt">ty, the key's conversion time.</param>
    /// <param name="exposures">Each collaboration's exposure time of this key.</param>
    /// <param name="window">W.</param>
    public static IReadOnlyDictionary<Guid, double> Split(
        DateTimeOffset convertedAt,
        IEnumerable<(Guid CollaborationId, DateTimeOffset ExposedAt)> exposures,
        TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        var claims = exposures
            .Where(e => e.ExposedAt <= convertedAt && convertedAt <= e.ExposedAt + window)
            .Select(e => e.CollaborationId)
            .Distinct()
            .ToList();
        return claims.ToDictionary(id => id, _ => 1.0 / claims.Count);
    }
}
