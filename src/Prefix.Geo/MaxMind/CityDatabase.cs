using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// A GeoIP2/GeoLite2 City database opened once through libmaxminddb in MMAP mode. <c>MMDB_s</c> is read-only
/// after <c>MMDB_open</c>, so any number of threads look up at once without locking.
/// </summary>
/// <remarks>
/// Per lookup: build a <c>sockaddr</c> on the stack from the address bytes (no text round trip) and walk the tree
/// with one <c>MMDB_lookup_sockaddr</c>. The record it finds is named by its data-section offset, which stands for
/// one value for the life of the mapped file, so decoded records are cached by that offset: each
/// <c>MMDB_aget_value</c> rescans the record's top-level map, and four of them cost several times the tree walk.
/// Strings are cached by offset too, so records that share a country or time zone share one string.
/// </remarks>
internal sealed unsafe class CityDatabase : IDisposable
{
    // Linux sa_family_t values (<bits/socket.h>); the library only loads libmaxminddb.so.0 on Linux anyway.
    private const ushort AddressFamilyInet = 2;
    private const ushort AddressFamilyInet6 = 10;
    private const int SockaddrIn6Size = 28;

    // Caps on the caches (~100 B a record, ~60 B a string): enough for the places an edge's audience comes from,
    // small next to the mapped file. Past a cap, lookups still work, they just decode again.
    private const int MaxCachedRecords = 250_000;
    private const int MaxCachedStrings = 250_000;

    private static readonly LookupPath CountryPath = LookupPath.Create("country", "iso_code");
    private static readonly LookupPath SubdivisionPath = LookupPath.Create("subdivisions", "0", "iso_code");
    private static readonly LookupPath CityPath = LookupPath.Create("city", "names", "en");
    private static readonly LookupPath TimeZonePath = LookupPath.Create("location", "time_zone");

    private readonly MaxMindDatabaseHandle handle;
    private readonly ConcurrentDictionary<uint, CityRecord> records = new();
    private readonly ConcurrentDictionary<uint, string> strings = new();
    private int cachedRecords;
    private int cachedStrings;

    private CityDatabase(MaxMindDatabaseHandle handle) => this.handle = handle;

    public static CityDatabase Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Prefix.Geo reads GeoIP databases through Linux's libmaxminddb.so.0.");
        }

        try
        {
            return new CityDatabase(MaxMindDatabaseHandle.Open(path));
        }
        catch (DllNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"{MaxMindNative.Library} is not installed (Debian/Ubuntu: apt-get install libmaxminddb0); it is needed to read '{path}'.",
                exception);
        }
    }

    /// <summary>Looks up a 4-byte (IPv4) or 16-byte (IPv6) network-order address.</summary>
    public CityRecord Lookup(ReadOnlySpan<byte> address)
    {
        Span<byte> sockaddr = stackalloc byte[SockaddrIn6Size];
        sockaddr.Clear();
        if (address.Length == 4)
        {
            // struct sockaddr_in: family, port, in_addr at 4.
            MemoryMarshal.Write(sockaddr, AddressFamilyInet);
            address.CopyTo(sockaddr[4..]);
        }
        else
        {
            // struct sockaddr_in6: family, port, flowinfo, in6_addr at 8, scope id.
            MemoryMarshal.Write(sockaddr, AddressFamilyInet6);
            address.CopyTo(sockaddr[8..]);
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var mmdb = (void*)handle.DangerousGetHandle();
            int error;
            MmdbLookupResult result;
            fixed (byte* socket = sockaddr)
            {
                result = MaxMindNative.LookupSockaddr(mmdb, socket, &error);
            }

            // An error here is a corrupt tree for this address; the edge records the hit without geo.
            if (error != MaxMindNative.Success || result.FoundEntry == 0)
            {
                return CityRecord.None;
            }

            var entry = result.Entry;
            if (records.TryGetValue(entry.Offset, out var cached))
            {
                return cached;
            }

            var record = new CityRecord(
                ReadString(&entry, CountryPath),
                ReadString(&entry, SubdivisionPath),
                ReadString(&entry, CityPath),
                ReadString(&entry, TimeZonePath));
            if (Volatile.Read(ref cachedRecords) < MaxCachedRecords && records.TryAdd(entry.Offset, record))
            {
                Interlocked.Increment(ref cachedRecords);
            }

            return record;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => handle.Dispose();

    private string? ReadString(MmdbEntry* entry, LookupPath path)
    {
        MmdbEntryData data;
        // A missing key is MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR: the normal "not known" answer.
        if (MaxMindNative.GetValue(entry, &data, path.Keys) != MaxMindNative.Success
            || data.HasData == 0
            || data.Type != MaxMindNative.DataTypeUtf8String
            || data.DataSize == 0)
        {
            return null;
        }

        if (strings.TryGetValue(data.Offset, out var cached))
        {
            return cached;
        }

        var value = Encoding.UTF8.GetString((byte*)data.Utf8String, checked((int)data.DataSize));
        if (Volatile.Read(ref cachedStrings) >= MaxCachedStrings)
        {
            return value;
        }

        if (strings.TryAdd(data.Offset, value))
        {
            Interlocked.Increment(ref cachedStrings);
            return value;
        }

        // Another thread decoded the same value first; hand out its instance so equal strings stay shared.
        return strings.TryGetValue(data.Offset, out cached) ? cached : value;
    }
}
