namespace Prefix.Attribution.Computation;

/// <summary>The definitions applied to one (pseudo-)exposed key.</summary>
internal readonly record struct KeyOutcome(KeyStatus Status, DateTimeOffset? ConvertedAt, bool Retained)
{
    public bool Converted => ConvertedAt.HasValue;
}
