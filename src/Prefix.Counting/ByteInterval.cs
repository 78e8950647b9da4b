namespace Prefix.Counting;

/// <summary>
/// Half-open byte interval [Start, End). RFC 9110 ranges have inclusive ends, so <c>a-b</c> becomes
/// [a, b+1). <see cref="long.MaxValue"/> as End means "to the end of a file whose size is unknown".
/// </summary>
internal readonly record struct ByteInterval(long Start, long End)
{
    public const long Open = long.MaxValue;

    public bool IsOpen => End == Open;

    public long Length => End - Start;
}
