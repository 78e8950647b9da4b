namespace Feed.FakeHost.Model;

/// <summary>
/// Stateless hashing: every property of feed n (its size, faults, versions, media bytes) is a pure function of
/// (seed, n, …), so two runs with the same seed serve byte-identical feeds and nothing per feed is stored.
/// </summary>
internal static class Mix
{
    /// <summary>SplitMix64's finalizer: a cheap bijective mix with full avalanche.</summary>
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Hash(ulong seed, ulong a) => Finalize(seed + (0x9E3779B97F4A7C15UL * (a + 1)));

    public static ulong Hash(ulong seed, ulong a, ulong b) => Finalize(Hash(seed, a) ^ (0xD1B54A32D192ED03UL * (b + 1)));

    public static ulong Hash(ulong seed, ulong a, ulong b, ulong c) => Finalize(Hash(seed, a, b) ^ (0x8CB92BA72F3D8DD7UL * (c + 1)));

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
