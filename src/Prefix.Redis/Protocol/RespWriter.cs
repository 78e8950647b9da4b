using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Prefix.Redis.Protocol;

/// <summary>Writes commands as RESP arrays of bulk strings straight into the output buffer.</summary>
internal static class RespWriter
{
    // Values up to this size are encoded in place; larger ones are copied in chunks so the
    // pipe never has to hand out one huge contiguous buffer.
    private const int ChunkSize = 16 * 1024;

    public static void WriteCommand(IBufferWriter<byte> output, string name, RedisValue[] args)
    {
        WriteHeader(output, (byte)'*', args.Length + 1);
        WriteAsciiBulk(output, name);
        foreach (var arg in args)
        {
            WriteBulk(output, arg);
        }
    }

    private static void WriteAsciiBulk(IBufferWriter<byte> output, string text)
    {
        WriteHeader(output, (byte)'$', text.Length);
        var span = output.GetSpan(text.Length + 2);
        var written = Encoding.ASCII.GetBytes(text, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(written + 2);
    }

    private static void WriteBulk(IBufferWriter<byte> output, RedisValue value)
    {
        if (value.TryGetBytes(out var bytes))
        {
            WriteHeader(output, (byte)'$', bytes.Length);
            CopyChunked(output, bytes.Span);
        }
        else
        {
            var count = value.GetByteCount();
            WriteHeader(output, (byte)'$', count);
            if (count <= ChunkSize)
            {
                var span = output.GetSpan(count);
                value.CopyTo(span);
                output.Advance(count);
            }
            else
            {
                // Only a big string gets here; encode once into a pooled buffer, then copy in chunks.
                var rented = ArrayPool<byte>.Shared.Rent(count);
                try
                {
                    value.CopyTo(rented);
                    CopyChunked(output, rented.AsSpan(0, count));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        var end = output.GetSpan(2);
        end[0] = (byte)'\r';
        end[1] = (byte)'\n';
        output.Advance(2);
    }

    private static void CopyChunked(IBufferWriter<byte> output, ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(source.Length, ChunkSize));
            var take = Math.Min(span.Length, source.Length);
            source[..take].CopyTo(span);
            output.Advance(take);
            source = source[take..];
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte type, long length)
    {
        var span = output.GetSpan(24);
        span[0] = type;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[written + 1] = (byte)'\r';
        span[written + 2] = (byte)'\n';
        output.Advance(written + 3);
    }
}
