using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Apps;

/// <summary>
/// Our own curated table (<c>known-agents.json</c>, embedded): podcast apps, podcast crawlers and HTTP libraries in
/// one ordered list, then device hints and platform fallbacks. Order is the rule: specific rows before generic ones,
/// first match wins. Patterns are case-insensitive.
/// </summary>
internal sealed class KnownAgentTable
{
    private const string ResourceName = "Prefix.UserAgents.known-agents.json";

    private KnownAgentTable(KnownAgent[] agents, DeviceHint[] devices, DeviceHint[] platforms)
    {
        Agents = agents;
        Devices = devices;
        Platforms = platforms;
    }

    public KnownAgent[] Agents { get; }

    /// <summary>Device facts that override uap-core: watches, speakers, cars, TVs, tablets.</summary>
    public DeviceHint[] Devices { get; }

    /// <summary>Operating systems named by app agents that uap-core does not know, used when it found none.</summary>
    public DeviceHint[] Platforms { get; }

    public static KnownAgentTable LoadEmbedded(List<string> warnings)
    {
        using var stream = typeof(KnownAgentTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().FullName}.");
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;

        var agents = new List<KnownAgent>();
        foreach (var row in root.GetProperty("agents").EnumerateArray())
        {
            var name = row.GetProperty("name").GetString()!;
            var kind = Enum.Parse<KnownAgentKind>(row.GetProperty("kind").GetString()!, ignoreCase: true);
            if (Create(row, name, warnings) is { } regex)
            {
                agents.Add(new KnownAgent(kind, name, regex));
            }
        }

        return new KnownAgentTable([.. agents], Hints(root, "devices", warnings), Hints(root, "platforms", warnings));
    }

    private static DeviceHint[] Hints(JsonElement root, string section, List<string> warnings)
    {
        var hints = new List<DeviceHint>();
        foreach (var row in root.GetProperty(section).EnumerateArray())
        {
            var device = row.TryGetProperty("device", out var deviceValue) ? deviceValue.GetString() : null;
            var os = row.TryGetProperty("os", out var osValue) ? osValue.GetString() : null;
            if (device is not null && !DeviceTypes.All.Contains(device))
            {
                throw new InvalidDataException($"{ResourceName} {section}: unknown device type '{device}'.");
            }

            if (Create(row, section, warnings) is { } regex)
            {
                hints.Add(new DeviceHint(regex, device, os));
            }
        }

        return [.. hints];
    }

    // Compiled: every cold agent runs most of these ~130 rows, and interpreted they cost ~200 µs an agent;
    // compiled they cost a few µs, for ~1 s more in Load (measured on 2 cores).
    private static Regex? Create(JsonElement row, string source, List<string> warnings) =>
        PatternCompiler.TryCreate(
            row.GetProperty("pattern").GetString()!,
            RegexOptions.IgnoreCase | RegexOptions.Compiled,
            $"{ResourceName} {source}",
            warnings);
}
