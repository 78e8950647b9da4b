using Prefix.UserAgents.Uap;

namespace Prefix.UserAgents.Devices;

/// <summary>
/// The device type when the hint table had nothing to say: from uap-core's device family, then the operating system.
/// </summary>
internal static class DeviceInference
{
    private static readonly HashSet<string> ComputerSystems = new(StringComparer.Ordinal) { "Windows", "macOS", "Linux", "ChromeOS", "FreeBSD", "OpenBSD", "NetBSD" };
    private static readonly HashSet<string> PhoneSystems = new(StringComparer.Ordinal) { "Windows Phone", "KaiOS", "BlackBerry OS", "Symbian OS", "Firefox OS" };

    /// <summary>The device type from the OS and the agent text, or null when only uap-core's device list can tell.</summary>
    /// <remarks>Deciding without the device list matters: it is uap-core's slowest list (~250 µs per agent).</remarks>
    public static string? FromOs(string os, string userAgent)
    {
        switch (os)
        {
            case "watchOS":
                return DeviceTypes.Watch;
            case "tvOS":
                return DeviceTypes.Tv;
            case "audioOS":
                return DeviceTypes.SmartSpeaker;
        }

        if (os == "iOS")
        {
            // iPad agents were caught by the tablet hint; CFNetwork agents name no model and stay unknown.
            return userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPod", StringComparison.Ordinal)
                ? DeviceTypes.Phone
                : DeviceTypes.Unknown;
        }

        if (os == "Android")
        {
            // Android browsers put "Mobile" in the agent on phones and leave it out on tablets
            // (https://developer.chrome.com/docs/multidevice/user-agent/); app agents rarely say, and most are phones.
            return userAgent.StartsWith("Mozilla/", StringComparison.Ordinal)
                && !userAgent.Contains("Mobile", StringComparison.Ordinal)
                ? DeviceTypes.Tablet
                : DeviceTypes.Phone;
        }

        if (ComputerSystems.Contains(os))
        {
            return DeviceTypes.Computer;
        }

        return PhoneSystems.Contains(os) ? DeviceTypes.Phone : null;
    }

    /// <summary>The device type from uap-core's device family, for agents <see cref="FromOs"/> could not place.</summary>
    public static string FromUapDevice(UapDevice device, string userAgent)
    {
        // "Generic Feature Phone" is not used: uap-core gives it to any agent starting with one of ~400 old WAP
        // prefixes ("pock", "good"), which podcast apps named Pocket Casts or Goodpods also start with.
        switch (device.Family)
        {
            case "iPhone":
            case "iPod":
            case "iPod touch":
            case "Generic Smartphone":
                return DeviceTypes.Phone;
            case "iPad":
            case "Generic Tablet":
                return DeviceTypes.Tablet;
            case "Mac":
                return DeviceTypes.Computer;
            case "AppleTV":
                return DeviceTypes.Tv;
        }

        return userAgent.Contains("mobile", StringComparison.OrdinalIgnoreCase)
            ? DeviceTypes.Phone
            : DeviceTypes.Unknown;
    }
}
