using System.Text;

namespace Prefix.Geo.Asn;

/// <summary>
/// Deduplicates organization names while the CSVs load: ~515k rows name ~120k organizations, and each distinct
/// name becomes one string that every range refers to by index.
/// </summary>
internal sealed class OrganizationPool
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private char[] chars = new char[256];

    public int Count => names.Count;

    /// <summary>The index of the UTF-8 name, adding it if new; -1 for an empty name.</summary>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return -1;
        }

        var maxChars = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (chars.Length < maxChars)
        {
            chars = new char[maxChars];
        }

        return Intern(chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars)));
    }

    /// <summary>The index of the name, adding it if new; -1 for an empty name.</summary>
    public int Intern(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return -1;
        }

        // The span lookup finds repeats without allocating a string for every row.
        var lookup = indexes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var index))
        {
            return index;
        }

        var text = new string(name);
        index = names.Count;
        names.Add(text);
        indexes.Add(text, index);
        return index;
    }

    public string[] ToArray() => [.. names];
}
