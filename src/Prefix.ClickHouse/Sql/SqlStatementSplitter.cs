using System.Text;

namespace Prefix.ClickHouse.Sql;

/// <summary>
/// Splits a script into statements at semicolons that are outside string literals, quoted identifiers and
/// comments (the HTTP interface runs one statement per request). Comment-only pieces are dropped.
/// </summary>
internal static class SqlStatementSplitter
{
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c is '\'' or '"' or '`')
            {
                var end = EndOfQuoted(script, i);
                current.Append(script, i, end - i);
                hasCode = true;
                i = end;
            }
            else if (c == '-' && At(script, i + 1, '-'))
            {
                var end = script.IndexOf('\n', i);
                end = end < 0 ? script.Length : end;
                current.Append(script, i, end - i);
                i = end;
            }
            else if (c == '/' && At(script, i + 1, '*'))
            {
                var end = script.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"Unterminated /* comment starting at offset {i}.");
                }

                current.Append(script, i, end + 2 - i);
                i = end + 2;
            }
            else if (c == ';')
            {
                Flush();
                i++;
            }
            else
            {
                hasCode |= !char.IsWhiteSpace(c);
                current.Append(c);
                i++;
            }
        }

        Flush();
        return statements;

        void Flush()
        {
            if (hasCode)
            {
                statements.Add(current.ToString().Trim());
            }

            current.Clear();
            hasCode = false;
        }
    }

    /// <summary>Index just past the closing quote; a backslash escapes the next character and a doubled quote is a quote.</summary>
    private static int EndOfQuoted(string script, int start)
    {
        var quote = script[start];
        var i = start + 1;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (At(script, i + 1, quote))
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        throw new FormatException($"Unterminated {quote} quote starting at offset {start}.");
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;
}
