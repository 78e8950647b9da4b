namespace Prefix.Feeds.Parsing;

/// <summary>What a charset label (XML declaration or HTTP Content-Type) lets us decode.</summary>
internal enum CharsetKind
{
    /// <summary>No label.</summary>
    None,
    Utf8,
    Utf16,

    /// <summary>windows-1252 and the labels that browsers treat as it (ISO-8859-1, US-ASCII, latin1).</summary>
    Windows1252,

    /// <summary>A label we cannot decode without the code-pages provider (Shift_JIS, KOI8-R, …).</summary>
    Unsupported,
}
