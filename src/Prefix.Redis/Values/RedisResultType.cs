namespace Prefix.Redis;

/// <summary>The RESP type of a reply. RESP3-only types appear only if the server sends them.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "These are the RESP type names.")]
public enum RedisResultType
{
    Null,
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Double,
    Boolean,
    Map,
    Set,
    Push,
}
