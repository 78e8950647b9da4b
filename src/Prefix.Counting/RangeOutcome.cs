namespace Prefix.Counting;

/// <summary>What a Range header asks for.</summary>
internal enum RangeOutcome
{
    /// <summary>No Range header: the whole file.</summary>
    WholeFile,

    /// <summary>One or more satisfiable ranges (intervals written out).</summary>
    Ranges,

    /// <summary>A lone <c>bytes=0-1</c>.</summary>
    Probe,

    /// <summary>Unparseable, invalid or unsatisfiable.</summary>
    Bad,

    /// <summary>Every satisfiable range is ≤ 2 bytes.</summary>
    Tiny,
}
