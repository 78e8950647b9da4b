using System.Text.RegularExpressions;

namespace Prefix.UserAgents;

/// <summary>Builds the regexes of every data file the same way, and turns a pattern .NET rejects into a warning.</summary>
internal static class PatternCompiler
{
    /// <summary>
    /// Agents are cut to <see cref="UserAgentText.MaxLength"/> characters and the data files bound their quantifiers,
    /// so a match never comes near this; it only stops a future bad pattern from hanging the ingest.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static Regex? TryCreate(string pattern, RegexOptions options, string source, List<string> warnings)
    {
        try
        {
            return new Regex(pattern, options | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            warnings.Add($"{source}: skipped pattern '{pattern}': {exception.Message}");
            return null;
        }
    }

    /// <summary>A match that times out counts as no match: a slow pattern must not fail the whole hit.</summary>
    public static bool SafeIsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static Match SafeMatch(Regex regex, string text)
    {
        try
        {
            return regex.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return Match.Empty;
        }
    }
}
