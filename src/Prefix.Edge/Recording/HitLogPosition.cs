using System.Globalization;

namespace Prefix.Edge.Recording;

/// <summary>A place in the hit log: segment number and byte offset in it.</summary>
public readonly record struct HitLogPosition(long Segment, long Offset) : IComparable<HitLogPosition>
{
    public int CompareTo(HitLogPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(HitLogPosition left, HitLogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(HitLogPosition left, HitLogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(HitLogPosition left, HitLogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HitLogPosition left, HitLogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Segment}:{Offset}");
}
