using System.Runtime.InteropServices;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// The parts of libmaxminddb's C API (<c>maxminddb.h</c>, 1.x, SONAME 0) the lookup needs. Debian ships it as
/// <c>libmaxminddb0</c>; the MaxMind NuGet readers are not available to this build.
/// </summary>
internal static unsafe partial class MaxMindNative
{
    internal const string Library = "libmaxminddb.so.0";

    /// <summary><c>MMDB_MODE_MMAP</c>: map the file read-only, shared by every lookup.</summary>
    internal const uint ModeMmap = 1;

    internal const int Success = 0;

    /// <summary><c>MMDB_DATA_TYPE_UTF8_STRING</c>.</summary>
    internal const uint DataTypeUtf8String = 2;

    /// <summary>
    /// <c>sizeof(MMDB_s)</c> is 136 on LP64. The header promises a SONAME bump before it grows; we still allocate
    /// with headroom because the caller owns this memory and an undersized block would be silent corruption.
    /// </summary>
    internal const int DatabaseStructAllocation = 256;

    [LibraryImport(Library, EntryPoint = "MMDB_open", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string filename, uint flags, void* mmdb);

    [LibraryImport(Library, EntryPoint = "MMDB_lookup_sockaddr")]
    internal static partial MmdbLookupResult LookupSockaddr(void* mmdb, byte* sockaddr, int* mmdbError);

    [LibraryImport(Library, EntryPoint = "MMDB_aget_value")]
    internal static partial int GetValue(MmdbEntry* start, MmdbEntryData* entryData, byte** path);

    [LibraryImport(Library, EntryPoint = "MMDB_close")]
    internal static partial void Close(void* mmdb);

    [LibraryImport(Library, EntryPoint = "MMDB_strerror")]
    internal static partial byte* StrError(int errorCode);

    internal static string Describe(int errorCode) =>
        Marshal.PtrToStringUTF8((nint)StrError(errorCode)) ?? $"libmaxminddb error {errorCode}";
}
