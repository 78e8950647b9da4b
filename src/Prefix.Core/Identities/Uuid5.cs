using System.Security.Cryptography;
using System.Text;

namespace Prefix.Core.Identities;

/// <summary>Name-based UUIDs, version 5 (SHA-1), as RFC 9562 §5.5 defines them.</summary>
public static class Uuid5
{
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        WriteBigEndian(namespaceId, input);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what the RFC specifies for v5; it is an identifier here, not a security boundary.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
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
