namespace Prefix.Feeds.Parsing;

/// <summary>A <see cref="TextReader"/> over decoded text, so XmlReader reads our pooled buffer without a string copy.</summary>
internal sealed class CharBufferReader(char[] buffer, int length) : TextReader
{
    private int _position;

    public override int Peek() => _position < length ? buffer[_position] : -1;

    public override int Read() => _position < length ? buffer[_position++] : -1;

    public override int Read(char[] destination, int index, int count) => Read(destination.AsSpan(index, count));

    public override int Read(Span<char> destination)
    {
        var n = Math.Min(destination.Length, length - _position);
        buffer.AsSpan(_position, n).CopyTo(destination);
        _position += n;
        return n;
    }

    public override int ReadBlock(char[] destination, int index, int count) => Read(destination.AsSpan(index, count));
}
