using System.Globalization;

namespace Prefix.Redis;

/// <summary>Orders Redis Stream ids ("ms-seq") numerically, not as strings.</summary>
public static class StreamIds
{
    /// <summary>Negative, zero or positive as <paramref name="left"/> is before, equal to or after <paramref name="right"/>.</summary>
    public static int Compare(string left, string right)
    {
        var (leftMs, leftSeq) = Split(left);
        var (rightMs, rightSeq) = Split(right);
        return leftMs != rightMs ? leftMs.CompareTo(rightMs) : leftSeq.CompareTo(rightSeq);
    }

    private static (ulong Ms, ulong Seq) Split(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (ulong.Parse(id, CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }
}
