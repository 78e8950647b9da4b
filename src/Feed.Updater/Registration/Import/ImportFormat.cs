namespace Feed.Updater.Registration.Import;

/// <summary>The bulk-import body formats of FEEDS.md "Registration".</summary>
internal enum ImportFormat
{
    /// <summary>One JSON object with a "url" string (or a bare JSON string) per line.</summary>
    Ndjson,

    /// <summary>RFC 4180 CSV; a header naming the URL column is optional.</summary>
    Csv,

    /// <summary>One URL per line, nothing else (commas are part of the URL).</summary>
    PlainText,

    /// <summary>OPML: every <c>outline</c> with an <c>xmlUrl</c> (or <c>url</c>) attribute.</summary>
    Opml,
}
