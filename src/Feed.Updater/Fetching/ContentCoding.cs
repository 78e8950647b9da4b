namespace Feed.Updater.Fetching;

/// <summary>The content codings the fetcher decodes itself (RFC 9110 §8.4.1).</summary>
internal enum ContentCoding
{
    Identity,
    Gzip,
    Deflate,
    Brotli,
}
