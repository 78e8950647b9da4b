using System.Runtime.InteropServices;
using System.Text;

namespace Prefix.Geo.MaxMind;

/// <summary>
/// A NULL-terminated array of NUL-terminated UTF-8 keys, the shape <c>MMDB_aget_value</c> takes. Built once per
/// process and never freed: the few fixed paths are cheaper to keep than to marshal on every lookup.
/// </summary>
internal sealed unsafe class LookupPath
{
    private LookupPath(byte** keys) => Keys = keys;

    public byte** Keys { get; }

    public static LookupPath Create(params string[] keys)
    {
        var pointers = (byte**)NativeMemory.AllocZeroed((nuint)(keys.Length + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < keys.Length; i++)
        {
            var length = Encoding.UTF8.GetByteCount(keys[i]);
            var key = (byte*)NativeMemory.AllocZeroed((nuint)length + 1);
            Encoding.UTF8.GetBytes(keys[i], new Span<byte>(key, length));
            pointers[i] = key;
        }

        return new LookupPath(pointers);
    }
}
