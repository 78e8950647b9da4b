using System.Numerics;

namespace Prefix.Geo.Asn;

/// <summary>An inclusive address range announced by one autonomous system.</summary>
/// <param name="Start">First address, as a big-endian number.</param>
/// <param name="End">Last address, inclusive.</param>
/// <param name="Asn">Autonomous system number.</param>
/// <param name="Organization">Index into the shared organization names, or -1 when the row names none.</param>
internal readonly record struct AsnRange<T>(T Start, T End, uint Asn, int Organization)
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>;
