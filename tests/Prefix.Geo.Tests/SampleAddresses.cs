using System.Net;

namespace Prefix.Geo.Tests;

/// <summary>A reproducible mix of addresses like an edge sees: mostly IPv4, a third IPv6, some mapped and private.</summary>
internal static class SampleAddresses
{
    public static IPAddress[] Create(int count, int seed)
    {
        var random = new Random(seed);
        var addresses = new IPAddress[count];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(100);
            if (kind < 60)
            {
                random.NextBytes(bytes[..4]);
                addresses[i] = new IPAddress(bytes[..4]);
            }
            else if (kind < 90)
            {
                // Global unicast 2000::/3, where the allocated space and the data are.
                random.NextBytes(bytes);
                bytes[0] = (byte)(0x20 | (bytes[0] & 0x0F));
                bytes[1] &= 0x0F;
                addresses[i] = new IPAddress(bytes);
            }
            else if (kind < 97)
            {
                random.NextBytes(bytes[..4]);
                addresses[i] = new IPAddress(bytes[..4]).MapToIPv6();
            }
            else
            {
                addresses[i] = new IPAddress([192, 168, (byte)random.Next(256), (byte)random.Next(256)]);
            }
        }

        return addresses;
    }
}
