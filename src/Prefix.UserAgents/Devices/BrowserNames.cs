namespace Prefix.UserAgents.Devices;

/// <summary>
/// Folds uap-core's browser families into one name per browser: whether it ran on a phone is what
/// <see cref="UserAgentInfo.Device"/> says, so "Chrome Mobile" and "Chrome" are one app in reports.
/// </summary>
internal static class BrowserNames
{
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["Mobile Safari"] = "Safari",
        ["Mobile Safari UI/WKWebView"] = "Safari",
        ["Chrome Mobile"] = "Chrome",
        ["Chrome Mobile iOS"] = "Chrome",
        ["Chrome Mobile WebView"] = "Chrome",
        ["Firefox Mobile"] = "Firefox",
        ["Firefox iOS"] = "Firefox",
        ["Edge Mobile"] = "Edge",
        ["Opera Mobile"] = "Opera",
    };

    public static string Normalize(string uapFamily) => Renames.GetValueOrDefault(uapFamily, uapFamily);
}
