namespace Prefix.UserAgents.Devices;

/// <summary>Folds uap-core's operating-system families into the short list reports group by.</summary>
internal static class OsNames
{
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["Mac OS X"] = "macOS",
        ["Mac OS"] = "macOS",
        ["Chrome OS"] = "ChromeOS",
        ["ATV OS X"] = "tvOS",
        ["Other"] = string.Empty,
    };

    /// <summary>Distributions are "Linux" for counting: the listener's distro tells a podcaster nothing.</summary>
    private static readonly HashSet<string> LinuxDistributions = new(StringComparer.Ordinal)
    {
        "Ubuntu", "Kubuntu", "Debian", "Fedora", "Red Hat", "CentOS", "SUSE", "openSUSE", "Linux Mint", "Mint",
        "Arch Linux", "Gentoo", "Slackware", "Mandriva", "Mageia", "PCLinuxOS", "Knoppix", "Xubuntu", "Lubuntu",
    };

    public static string Normalize(string uapFamily)
    {
        if (Renames.TryGetValue(uapFamily, out var renamed))
        {
            return renamed;
        }

        if (LinuxDistributions.Contains(uapFamily))
        {
            return "Linux";
        }

        // uap-core spells some releases into the family ("Windows 10", "Windows XP"); the phone OS stays apart.
        if (uapFamily.StartsWith("Windows", StringComparison.Ordinal)
            && !uapFamily.StartsWith("Windows Phone", StringComparison.Ordinal)
            && !uapFamily.StartsWith("Windows Mobile", StringComparison.Ordinal)
            && !uapFamily.StartsWith("Windows CE", StringComparison.Ordinal))
        {
            return "Windows";
        }

        return uapFamily;
    }
}
