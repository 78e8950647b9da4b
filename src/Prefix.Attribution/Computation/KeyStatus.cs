namespace Prefix.Attribution.Computation;

/// <summary>Where an exposed key stands against A's history at its exposure time tx.</summary>
internal enum KeyStatus
{
    /// <summary>No A download in [tx − L, tx) and the whole lookback was tracked.</summary>
    Eligible,

    /// <summary>A download of A in [tx − L, tx).</summary>
    Prior,

    /// <summary>No A download seen, but A was not tracked for the whole lookback.</summary>
    Unknown,
}
