using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Prefix.Core.Identities;

/// <summary>Name-based UUIDs, version 5 (SHA-1), as RFC 9562 §5.5 defines them.</summary>
public static class Uuid5
{
    // Names up to this many UTF-8 bytes are hashed from the stack: a 5,000-item feed computes 5,000 ids.
    private const int StackLimit = 512;

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var length = 16 + Encoding.UTF8.GetMaxByteCount(name.Length);
        byte[]? rented = null;
        var input = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            WriteBigEndian(namespaceId, input);
            var written = Encoding.UTF8.GetBytes(name, input[16..]);
            Span<byte> hash = stackalloc byte[20];

            // SHA-1 is what the RFC specifies for v5; it is an identifier here, not a security boundary.
#pragma warning disable CA5350
            SHA1.HashData(input[..(16 + written)], hash);
#pragma warning restore CA5350
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
            return new Guid(hash[..16], bigEndian: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // RFC 9562 hashes the namespace in network byte order, not .NET's mixed-endian Guid layout.
    private static void WriteBigEndian(Guid value, Span<byte> destination)
    {
        if (!value.TryWriteBytes(destination, bigEndian: true, out _))
        {
            throw new InvalidOperationException("16 bytes are always enough for a Guid.");
        }
    }
}
