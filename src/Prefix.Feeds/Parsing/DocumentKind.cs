namespace Prefix.Feeds.Parsing;

/// <summary>What the first bytes of a body look like, before any XML parsing.</summary>
internal enum DocumentKind
{
    Empty,
    Markup,
    Html,
    Json,

    /// <summary>Neither markup nor JSON (plain text, binary, an error string).</summary>
    Other,
}
