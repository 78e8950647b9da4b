using System.Buffers.Binary;

namespace Prefix.Geo.Asn;

/// <summary>The autonomous system of an address, from ip-location-db's IPv4 and IPv6 range files.</summary>
internal sealed class AsnDatabase
{
    private readonly AsnRangeTable<uint> ipv4;
    private readonly AsnRangeTable<UInt128> ipv6;
    private readonly string[] organizations;

    private AsnDatabase(AsnRangeTable<uint> ipv4, AsnRangeTable<UInt128> ipv6, string[] organizations)
    {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.organizations = organizations;
    }

    public int IPv4RangeCount => ipv4.Count;

    public int IPv6RangeCount => ipv6.Count;

    public int OrganizationCount => organizations.Length;

    public static AsnDatabase Load(string ipv4Path, string ipv6Path)
    {
        // The files are independent, so the IPv6 one loads on a second core while this thread reads IPv4.
        var ipv6Pool = new OrganizationPool();
        var ipv6Load = Task.Run(() => RangeNormalizer.Normalize(AsnFileReader.ReadIPv6(ipv6Path, ipv6Pool)));
        var pool = new OrganizationPool();
        var ipv4 = RangeNormalizer.Normalize(AsnFileReader.ReadIPv4(ipv4Path, pool));
        var ipv6 = ipv6Load.GetAwaiter().GetResult();

        // Most IPv6 announcers also announce IPv4 under the same name: fold the IPv6 names into the one pool.
        var ipv6Names = ipv6Pool.ToArray();
        var remap = new int[ipv6Names.Length];
        for (var i = 0; i < ipv6Names.Length; i++)
        {
            remap[i] = pool.Intern(ipv6Names[i]);
        }

        for (var i = 0; i < ipv6.Length; i++)
        {
            if (ipv6[i].Organization >= 0)
            {
                ipv6[i] = ipv6[i] with { Organization = remap[ipv6[i].Organization] };
            }
        }

        return new AsnDatabase(new AsnRangeTable<uint>(ipv4), new AsnRangeTable<UInt128>(ipv6), pool.ToArray());
    }

    /// <summary>Looks up a 4-byte (IPv4) or 16-byte (IPv6) network-order address; ASN 0 when unknown.</summary>
    public uint Lookup(ReadOnlySpan<byte> address, out string? organization)
    {
        var found = address.Length == 4
            ? ipv4.TryFind(BinaryPrimitives.ReadUInt32BigEndian(address), out var asn, out var index)
            : ipv6.TryFind(BinaryPrimitives.ReadUInt128BigEndian(address), out asn, out index);
        organization = found && index >= 0 ? organizations[index] : null;
        return asn;
    }
}
