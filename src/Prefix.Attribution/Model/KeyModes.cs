namespace Prefix.Attribution.Model;

/// <summary>The two identity keys of ATTRIBUTION.md, "Inputs", with their wire names.</summary>
public static class KeyModes
{
    /// <summary>Listener key (IP* + user agent), the default.</summary>
    public const string Device = "device";

    /// <summary>Household key (IP* only), residential networks only.</summary>
    public const string Household = "household";

    /// <summary>Both modes in the order the sensitivity table lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Device, Household];

    /// <summary>True for <c>device</c> and <c>household</c> (ordinal, case-sensitive as the API names them).</summary>
    public static bool IsValid(string? mode) => mode is Device or Household;

    /// <summary>The key of <paramref name="download"/> under <paramref name="mode"/>; empty means "not countable".</summary>
    public static string KeyOf(QualifiedDownload download, string mode)
    {
        ArgumentNullException.ThrowIfNull(download);
        return mode == Household ? download.HouseholdKey : download.ListenerKey;
    }
}
