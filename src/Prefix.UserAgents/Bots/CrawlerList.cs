using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Bots;

/// <summary>
/// The patterns of crawler-user-agents (https://github.com/monperrus/crawler-user-agents), loaded at run time.
/// </summary>
/// <remarks>
/// Patterns are case-sensitive, as the project's own validation runs them. Nearly all of them (1,475 of 1,500 in
/// v1.60) are plain text with escaped punctuation, sometimes anchored with <c>^</c>. Those become one vectorised
/// multi-string search (<see cref="SearchValues{T}"/>) and a short list of prefixes, so an agent is checked against
/// all of them in about a microsecond. Only the rest are run as regexes. Measured alternatives: one backtracking
/// union costs ~2 ms per agent, one regex per pattern ~95 µs, and a NonBacktracking union exceeds .NET's
/// automaton size limit and takes seconds to build.
/// </remarks>
internal sealed class CrawlerList
{
    /// <summary>Regex punctuation that a plain-text pattern escapes; any other escape or metacharacter means "regex".</summary>
    private const string Metacharacters = @"\.[]()|*+?{}^$";

    private readonly SearchValues<string>? _substrings;
    private readonly string[] _prefixes;
    private readonly Regex[] _regexes;

    private CrawlerList(SearchValues<string>? substrings, string[] prefixes, Regex[] regexes)
    {
        _substrings = substrings;
        _prefixes = prefixes;
        _regexes = regexes;
    }

    public int PatternCount => (_substrings is null ? 0 : SubstringCount) + _prefixes.Length + _regexes.Length;

    public int RegexCount => _regexes.Length;

    private int SubstringCount { get; init; }

    public static CrawlerList Load(string path, List<string> warnings)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);

        var substrings = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        var regexes = new List<Regex>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (!entry.TryGetProperty("pattern", out var patternValue) || patternValue.GetString() is not { Length: > 0 } pattern)
            {
                warnings.Add($"{path}: an entry has no pattern; skipped");
                continue;
            }

            var anchored = pattern.StartsWith('^');
            if (TryUnescapeLiteral(anchored ? pattern[1..] : pattern) is { Length: > 0 } literal)
            {
                if (anchored)
                {
                    prefixes.Add(literal);
                }
                else
                {
                    substrings.Add(literal);
                }
            }
            else if (PatternCompiler.TryCreate(pattern, RegexOptions.ExplicitCapture, path, warnings) is { } regex)
            {
                regexes.Add(regex);
            }
        }

        return new CrawlerList(
            substrings.Count == 0 ? null : SearchValues.Create([.. substrings], StringComparison.Ordinal),
            [.. prefixes],
            [.. regexes])
        {
            SubstringCount = substrings.Count,
        };
    }

    public bool IsMatch(string userAgent)
    {
        if (_substrings is not null && userAgent.AsSpan().ContainsAny(_substrings))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (userAgent.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var regex in _regexes)
        {
            if (PatternCompiler.SafeIsMatch(regex, userAgent))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text a pattern matches when it is plain text with escaped punctuation; null when it is a real regex.</summary>
    internal static string? TryUnescapeLiteral(string pattern)
    {
        var builder = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var character = pattern[i];
            if (character == '\\')
            {
                // An escaped letter or digit is a class or anchor (\d, \s, \b): not plain text.
                if (i + 1 >= pattern.Length || char.IsAsciiLetterOrDigit(pattern[i + 1]))
                {
                    return null;
                }

                builder.Append(pattern[++i]);
            }
            else if (Metacharacters.Contains(character, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }
}
