namespace Feed.FakeHost.Model;

/// <summary>A tiny deterministic generator for the text of one item or channel (a struct: no allocation per item).</summary>
internal struct SplitMix(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix.Finalize(_state);
    }

    /// <summary>An int in [0, max) by multiply-shift (no modulo bias worth caring about for text).</summary>
    public int Below(int max) => (int)(((Next() >> 32) * (ulong)max) >> 32);

    public int Between(int min, int maxExclusive) => min + Below(maxExclusive - min);

    public bool Chance(double p) => Mix.Unit(Next()) < p;
}
