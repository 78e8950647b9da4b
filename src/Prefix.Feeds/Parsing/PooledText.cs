using System.Buffers;

namespace Prefix.Feeds.Parsing;

/// <summary>
/// Decoded document text in a rented buffer: a 2 MB feed decodes to 4 MB of UTF-16, and renting keeps that
/// off the large-object heap on every poll.
/// </summary>
internal sealed class PooledText : IDisposable
{
    private char[]? _buffer;

    public PooledText(int capacity)
    {
        _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
    }

    public char[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledText));

    public int Length { get; set; }

    public Span<char> Span => Buffer.AsSpan(0, Length);

    /// <summary>Room for at least <paramref name="extra"/> more characters, keeping what was written.</summary>
    public void Reserve(int extra)
    {
        var buffer = Buffer;
        if (Length + extra <= buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, Length + extra));
        buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(buffer);
        _buffer = bigger;
    }

    public void Append(char c)
    {
        Reserve(1);
        Buffer[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(Buffer.AsSpan(Length));
        Length += text.Length;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
