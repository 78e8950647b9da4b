using System.Text;
using Prefix.ClickHouse.Http;

namespace Prefix.ClickHouse.Formats;

/// <summary>Pieces of a TabSeparatedWithNamesAndTypes response: header, rows, and an error appended to it.</summary>
internal static class TsvResult
{
    public static bool MayStartError(byte[] line) =>
        (line.AsSpan().StartsWith("Code: "u8) && line.Length > 6 && char.IsAsciiDigit((char)line[6]))
        || line.AsSpan().StartsWith("__exception__"u8);

    public static string[] SplitHeader(byte[] line)
    {
        var parts = new List<string>();
        var span = line.AsSpan();
        while (true)
        {
            var tab = span.IndexOf((byte)'\t');
            parts.Add(TsvText.UnescapeToString(tab < 0 ? span : span[..tab]));
            if (tab < 0)
            {
                return [.. parts];
            }

            span = span[(tab + 1)..];
        }
    }

    public static ClickHouseRow SplitRow(ResultSchema schema, byte[] line, int columns, QueryScope scope)
    {
        var starts = new int[columns];
        var ends = new int[columns];
        var position = 0;
        for (var i = 0; i < columns; i++)
        {
            var tab = line.AsSpan(position).IndexOf((byte)'\t');
            var end = tab < 0 ? line.Length : position + tab;
            if ((tab < 0) != (i == columns - 1))
            {
                throw (ClickHouseException?)TryTailError([line], scope) ?? new ClickHouseConnectionException(
                    $"Malformed result row: expected {columns} tab-separated fields [query_id {scope.QueryId}]", scope.QueryId);
            }

            starts[i] = position;
            ends[i] = end;
            position = end + 1;
        }

        return new ClickHouseRow(schema, line, starts, ends);
    }

    /// <summary>The server exception in a response tail, if it holds one.</summary>
    public static ClickHouseServerException? TryTailError(IEnumerable<byte[]> lines, QueryScope scope)
    {
        var text = string.Join('\n', lines.Select(l => Encoding.UTF8.GetString(l)));
        var code = text.IndexOf("Code: ", StringComparison.Ordinal);
        return code >= 0 && text.Contains("Exception", StringComparison.Ordinal)
            ? ServerErrorParser.TryParse(text[code..], null, scope.QueryId)
            : null;
    }

    /// <summary>The error for a result that ended badly: a server exception if the tail holds one, else a cut-off stream.</summary>
    public static ClickHouseException TailError(IEnumerable<byte[]> lines, QueryScope scope) =>
        (ClickHouseException?)TryTailError(lines, scope)
        ?? new ClickHouseConnectionException(
            $"ClickHouse result ended unexpectedly (truncated response) [query_id {scope.QueryId}]", scope.QueryId);
}
