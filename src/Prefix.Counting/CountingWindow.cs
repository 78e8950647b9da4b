namespace Prefix.Counting;

/// <summary>How hits of one (episode key, listener key) are cut into windows (COUNTING.md stage 2).</summary>
public enum CountingWindow
{
    /// <summary><c>calendar</c>: the UTC day [00:00, 24:00). The default.</summary>
    Calendar = 0,

    /// <summary><c>rolling-first</c>: opens at the first eligible hit and lasts 24 h; a hit at exactly +24 h opens a new one.</summary>
    RollingFirst = 1,

    /// <summary><c>rolling-last</c>: every eligible hit extends the window to 24 h after it; a hit exactly 24 h after the previous one opens a new one.</summary>
    RollingLast = 2,
}
