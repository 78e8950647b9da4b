namespace Prefix.Redis;

/// <summary>Condition for SET: always, only if the key exists (XX), or only if it does not (NX).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Same name as StackExchange.Redis, so callers can swap clients.")]
public enum When
{
    Always,
    Exists,
    NotExists,
}
