namespace Prefix.UserAgents;

/// <summary>Values of <see cref="UserAgentInfo.Device"/>.</summary>
public static class DeviceTypes
{
    public const string Phone = "phone";
    public const string Tablet = "tablet";
    public const string Computer = "computer";
    public const string Watch = "watch";
    public const string SmartSpeaker = "smart_speaker";
    public const string Car = "car";
    public const string Tv = "tv";

    /// <summary>Bots and HTTP libraries: a machine, not a listener's device.</summary>
    public const string Server = "server";

    public const string Unknown = "unknown";

    /// <summary>Every value, for validating the data table.</summary>
    internal static readonly HashSet<string> All = [Phone, Tablet, Computer, Watch, SmartSpeaker, Car, Tv, Server, Unknown];
}
