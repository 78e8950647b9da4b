using System.Globalization;

namespace Prefix.Hosting.Configuration;

/// <summary>Shared checks and the one message shape for configuration errors: key, value, what was expected.</summary>
public static class SettingRules
{
    public static string Describe(string key, object? value, string expectation) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} = '{value}' is invalid: {expectation}.");

    public static bool IsHostPort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var colon = value.LastIndexOf(':');
        return colon > 0
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535
            && Uri.CheckHostName(value[..colon].Trim('[', ']')) != UriHostNameType.Unknown;
    }

    public static bool IsPlainName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value <= TimeSpan.Zero)
        {
            failures.Add(Describe(key, value, "expected a positive duration, e.g. 00:00:05"));
        }
    }
}
