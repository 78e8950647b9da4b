using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Feed.Updater.Streams;
using Prefix.Feeds.Urls;

namespace Feed.Updater.Registration.Import;

/// <summary>
/// Streams the feed URLs out of a bulk-import body (FEEDS.md "Registration": NDJSON, CSV, OPML; streamed;
/// a million lines must work). Each URL is checked with <see cref="FeedUrlRules"/>; refused ones come out
/// as rejections with their line number, so one bad line never fails the import.
/// </summary>
/// <remarks>
/// <para>Format: by Content-Type when it names one (<see cref="DetectFormat"/>); otherwise sniffed from the
/// first non-whitespace byte: <c>{</c> or <c>"</c> NDJSON, <c>&lt;</c> OPML, anything else CSV.</para>
/// <para>Memory is bounded: the line formats use one fixed buffer, and a line longer than
/// <see cref="MaxLineBytes"/> is rejected and skipped to the next newline without being held. Line formats
/// are read as UTF-8 (a BOM is dropped); OPML takes its encoding from the XML declaration.</para>
/// <para>CSV vs plain text: <c>text/plain</c> means one URL per line, commas included (query strings
/// contain them); a CSV body is split on commas, so its URLs containing commas must be quoted.</para>
/// </remarks>
internal static class FeedImportReader
{
    /// <summary>Longest accepted line (or CSV record), in bytes.</summary>
    public const int MaxLineBytes = 16 * 1024;

    // How far sniffing looks for the first non-whitespace byte before settling on CSV.
    private const int MaxSniffBytes = 64 * 1024;

    /// <summary>Reads with credentials in URLs refused.</summary>
    public static IAsyncEnumerable<ImportLine> ReadAsync(Stream body, string? contentType, CancellationToken cancellationToken) =>
        ReadAsync(body, contentType, allowCredentials: false, cancellationToken);

    public static async IAsyncEnumerable<ImportLine> ReadAsync(
        Stream body,
        string? contentType,
        bool allowCredentials,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var prefix = ArrayPool<byte>.Shared.Rent(MaxSniffBytes);
        try
        {
            var (length, sniffed) = await SniffAsync(body, prefix, cancellationToken).ConfigureAwait(false);
            var format = DetectFormat(contentType) ?? sniffed;
            var stream = new PrefixedReadStream(prefix.AsMemory(0, length), body);
            var lines = format == ImportFormat.Opml
                ? OpmlOutlineReader.ReadAsync(stream, allowCredentials, cancellationToken)
                : ReadLinesAsync(stream, format, allowCredentials, cancellationToken);
            await foreach (var line in lines.ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }
    }

    /// <summary>The format a Content-Type names, or null when it names none of ours (then the body is sniffed).</summary>
    public static ImportFormat? DetectFormat(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines"
                or "application/jsonlines" or "application/json" => ImportFormat.Ndjson,
            "text/csv" or "application/csv" => ImportFormat.Csv,
            "text/plain" => ImportFormat.PlainText,
            "text/x-opml" or "text/x-opml+xml" or "application/x-opml" or "application/xml" or "text/xml" => ImportFormat.Opml,
            _ => null,
        };
    }

    private static async Task<(int Length, ImportFormat Format)> SniffAsync(Stream body, byte[] prefix, CancellationToken cancellationToken)
    {
        var length = 0;
        var limit = Math.Min(prefix.Length, MaxSniffBytes);
        while (length < limit)
        {
            var read = await body.ReadAsync(prefix.AsMemory(length, limit - length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var scanFrom = length;
            length += read;
            for (var i = scanFrom; i < length; i++)
            {
                var b = prefix[i];
                // A UTF-8 BOM (EF BB BF) before the first character is not content.
                var isBom = i < 3 && b is 0xEF or 0xBB or 0xBF;
                if (isBom || b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }

                return (length, b switch
                {
                    (byte)'{' or (byte)'"' => ImportFormat.Ndjson,
                    (byte)'<' => ImportFormat.Opml,
                    _ => ImportFormat.Csv,
                });
            }
        }

        return (length, ImportFormat.Csv);
    }

    private static async IAsyncEnumerable<ImportLine> ReadLinesAsync(
        Stream stream,
        ImportFormat format,
        bool allowCredentials,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new ImportLineReader(stream, MaxLineBytes);
        var csv = format == ImportFormat.Csv ? new CsvRecordParser(MaxLineBytes) : null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reader.TooLong)
            {
                csv?.Reset();
                yield return ImportLine.Reject(reader.LineNumber, $"The line is longer than {MaxLineBytes / 1024} KB and was skipped.");
                continue;
            }

            var span = reader.Line.Span;
            if (span.Trim(" \t"u8).IsEmpty && csv is not { InRecord: true })
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(span);
            var line = format switch
            {
                ImportFormat.Ndjson => FromNdjson(reader.LineNumber, span, allowCredentials),
                ImportFormat.Csv => FromCsv(csv!, text, reader.LineNumber, allowCredentials),
                _ => ImportLine.From(reader.LineNumber, FeedUrlRules.Check(text, allowCredentials)),
            };
            if (line is { } result)
            {
                yield return result;
            }
        }

        if (csv is { InRecord: true })
        {
            yield return ImportLine.Reject(csv.RecordLine, "A quoted CSV field is never closed (missing '\"').");
        }
    }

    private static ImportLine FromNdjson(long lineNumber, ReadOnlySpan<byte> line, bool allowCredentials)
    {
        var url = NdjsonLineParser.Parse(line, out var error);
        return error is not null
            ? ImportLine.Reject(lineNumber, error)
            : ImportLine.From(lineNumber, FeedUrlRules.Check(url, allowCredentials));
    }

    private static ImportLine? FromCsv(CsvRecordParser csv, string text, long lineNumber, bool allowCredentials)
    {
        switch (csv.AddLine(text, lineNumber))
        {
            case CsvRecordParser.Status.Incomplete:
                return null;
            case CsvRecordParser.Status.TooLong:
                return ImportLine.Reject(csv.RecordLine, $"The CSV record is longer than {MaxLineBytes / 1024} KB (is a closing quote missing?) and was skipped.");
        }

        if (csv.DecideHeader())
        {
            return null;
        }

        var column = csv.UrlColumn!.Value;
        if (column >= csv.Fields.Count)
        {
            return ImportLine.Reject(csv.RecordLine, $"The record has no column {column + 1}, where the header put the URL.");
        }

        return ImportLine.From(csv.RecordLine, FeedUrlRules.Check(csv.Fields[column], allowCredentials));
    }
}
