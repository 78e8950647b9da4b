using System.Runtime.InteropServices;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// Owns a natively allocated <c>MMDB_s</c>. Lookups hold a reference through
/// <see cref="SafeHandle.DangerousAddRef"/>, so a concurrent <see cref="SafeHandle.Dispose()"/> waits for the
/// last lookup instead of unmapping the file under it.
/// </summary>
internal sealed unsafe class MaxMindDatabaseHandle : SafeHandle
{
    public MaxMindDatabaseHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Opens <paramref name="path"/> in MMAP mode; throws <see cref="InvalidDataException"/> with libmaxminddb's reason.</summary>
    public static MaxMindDatabaseHandle Open(string path)
    {
        var mmdb = NativeMemory.AllocZeroed(MaxMindNative.DatabaseStructAllocation);
        int status;
        try
        {
            status = MaxMindNative.Open(path, MaxMindNative.ModeMmap, mmdb);
        }
        catch
        {
            NativeMemory.Free(mmdb);
            throw;
        }

        if (status != MaxMindNative.Success)
        {
            // MMDB_open releases what it allocated before failing; only our block is left.
            NativeMemory.Free(mmdb);
            throw new InvalidDataException($"libmaxminddb cannot open '{path}': {MaxMindNative.Describe(status)}");
        }

        var result = new MaxMindDatabaseHandle();
        result.SetHandle((nint)mmdb);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        MaxMindNative.Close((void*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
