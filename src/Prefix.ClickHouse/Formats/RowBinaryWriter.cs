using System.Buffers.Binary;
using System.Text;

namespace Prefix.ClickHouse.Formats;

/// <summary>
/// Accumulates RowBinary bytes (little-endian fixed-width numbers, LEB128 lengths) in one growable
/// buffer; the caller flushes between rows so a row is never split across awaits.
/// </summary>
internal sealed class RowBinaryWriter
{
    private const int FlushThreshold = 128 * 1024;
    private byte[] _buffer = new byte[FlushThreshold + 4096];
    private int _length;

    /// <summary>UTF-8 that throws on unpaired surrogates instead of silently writing U+FFFD.</summary>
    public static UTF8Encoding StrictUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public bool ShouldFlush => _length >= FlushThreshold;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Unsigned LEB128, the length prefix of strings and arrays.</summary>
    public void WriteVarUInt(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length -= 10 - i;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A String value: length, then the UTF-8 bytes, encoded straight into the buffer.</summary>
    public void WriteString(string value)
    {
        var byteCount = StrictUtf8.GetByteCount(value);
        WriteVarUInt((ulong)byteCount);
        StrictUtf8.GetBytes(value, Reserve(byteCount));
    }

    public async ValueTask FlushAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }

        // A huge value grew the buffer; give the memory back rather than holding it for the whole insert.
        if (_buffer.Length > 4 * FlushThreshold)
        {
            _buffer = new byte[FlushThreshold + 4096];
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
