namespace Attribution.Api.Import;

/// <summary>The two line formats the hit import reads.</summary>
internal enum HitImportFormat
{
    /// <summary>One JSON object per line (COUNTING.md "Hit import format").</summary>
    Ndjson,

    /// <summary>nginx/Apache "combined": <c>%h %l %u [%t] "%r" %&gt;s %b "%{Referer}i" "%{User-agent}i"</c>, extra fields after allowed.</summary>
    CombinedLog,
}
