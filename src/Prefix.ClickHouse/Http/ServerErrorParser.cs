using System.Globalization;
using System.Text.RegularExpressions;

namespace Prefix.ClickHouse.Http;

/// <summary>
/// Turns a ClickHouse error body into code, name and message. Two layouts exist:
/// 18.x <c>Code: 62, e.displayText() = DB::Exception: msg, e.what() = DB::Exception</c> and
/// 20.x+ <c>Code: 62. DB::Exception: msg. (SYNTAX_ERROR) (version 23.8.1.1)</c>.
/// </summary>
internal static partial class ServerErrorParser
{
    // 18.16 never sends the symbolic name, so the codes callers are likely to branch on are named here.
    private static readonly Dictionary<int, string> KnownNames = new()
    {
        [6] = "CANNOT_PARSE_TEXT",
        [16] = "NO_SUCH_COLUMN_IN_TABLE",
        [27] = "CANNOT_PARSE_INPUT_ASSERTION_FAILED",
        [33] = "CANNOT_READ_ALL_DATA",
        [46] = "UNKNOWN_FUNCTION",
        [47] = "UNKNOWN_IDENTIFIER",
        [53] = "TYPE_MISMATCH",
        [57] = "TABLE_ALREADY_EXISTS",
        [60] = "UNKNOWN_TABLE",
        [62] = "SYNTAX_ERROR",
        [73] = "UNKNOWN_FORMAT",
        [81] = "UNKNOWN_DATABASE",
        [82] = "DATABASE_ALREADY_EXISTS",
        [115] = "UNKNOWN_SETTING",
        [159] = "TIMEOUT_EXCEEDED",
        [164] = "READONLY",
        [192] = "UNKNOWN_USER",
        [193] = "WRONG_PASSWORD",
        [194] = "REQUIRED_PASSWORD",
        [202] = "TOO_MANY_SIMULTANEOUS_QUERIES",
        [216] = "QUERY_WITH_SAME_ID_IS_ALREADY_RUNNING",
        [241] = "MEMORY_LIMIT_EXCEEDED",
        [394] = "QUERY_WAS_CANCELLED",
        [395] = "FUNCTION_THROW_IF_VALUE_IS_NON_ZERO",
        [396] = "TOO_MANY_ROWS_OR_BYTES",
        [516] = "AUTHENTICATION_FAILED",
    };

    /// <summary>True when <paramref name="text"/> starts like a server exception (<c>Code: 123</c>).</summary>
    public static bool LooksLikeError(ReadOnlySpan<char> text) =>
        text.StartsWith("Code: ", StringComparison.Ordinal) && text.Length > 6 && char.IsAsciiDigit(text[6]);

    public static ClickHouseServerException? TryParse(string body, string? codeHeader, string? queryId)
    {
        var text = body.Trim();
        int? code = int.TryParse(codeHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader) ? fromHeader : null;
        var match = CodePrefix().Match(text);
        if (match.Success)
        {
            code ??= int.Parse(match.Groups["code"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            text = text[match.Length..];
        }

        if (code is null)
        {
            return null;
        }

        string? name = null;
        var what = text.IndexOf(", e.what() = ", StringComparison.Ordinal);
        if (what >= 0)
        {
            text = text[..what];
        }

        var version = VersionSuffix().Match(text);
        if (version.Success)
        {
            name = version.Groups["name"].Success ? version.Groups["name"].Value : null;
            text = text[..version.Index];
        }

        text = text.Trim();
        const string Exception = "DB::Exception: ";
        while (text.StartsWith(Exception, StringComparison.Ordinal))
        {
            text = text[Exception.Length..];
        }

        name ??= KnownNames.GetValueOrDefault(code.Value);
        return new ClickHouseServerException(code.Value, name, text.TrimEnd('.', ' ', '\n'), queryId);
    }

    [GeneratedRegex(@"^Code: (?<code>\d+)(, e\.displayText\(\) = |\. )")]
    private static partial Regex CodePrefix();

    [GeneratedRegex(@"(\s*\((?<name>[A-Z][A-Z0-9_]*)\))?\s*\(version [^\n]*\)\s*$")]
    private static partial Regex VersionSuffix();
}
