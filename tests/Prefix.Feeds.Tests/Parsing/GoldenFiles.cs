using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Prefix.Feeds.Model;
using Prefix.Feeds.Parsing;

namespace Prefix.Feeds.Tests.Parsing;

/// <summary>
/// The golden feed documents under TestData/Feeds and their expected JSON. Set PREFIX_UPDATE_GOLDEN=1 to
/// rewrite the expected files in the source tree — then read every changed one against its input: the goldens
/// are the specification, and a wrong golden is a bug.
/// </summary>
internal static class GoldenFiles
{
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "Feeds");

    public static bool Updating => Environment.GetEnvironmentVariable("PREFIX_UPDATE_GOLDEN") == "1";

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(OutputDirectory, "*.xml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(OutputDirectory, name + ".xml"));

    public static FeedParseResult Parse(string name) =>
        FeedParser.Parse(Read(name), new FeedParseOptions { FeedUrl = $"https://feeds.example.com/{name}.xml" });

    /// <summary>The feed as FeedJsonContext.Indented writes it, or {kind, reason} for an error.</summary>
    public static string Serialize(FeedParseResult result)
    {
        if (result.Feed is { } feed)
        {
            return JsonSerializer.Serialize(feed, FeedJsonContext.Indented.NormalizedFeed) + "\n";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", result.Error!.Kind.ToString());
            writer.WriteString("reason", result.Error.Reason);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string? Expected(string name)
    {
        var path = Path.Combine(OutputDirectory, name + ".expected.json");
        return File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
    }

    /// <summary>Writes the expected file in the source tree (not the build output).</summary>
    public static void WriteExpected(string name, string json) =>
        File.WriteAllText(Path.Combine(SourceDirectory(), "TestData", "Feeds", name + ".expected.json"), json);

    private static string SourceDirectory([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
