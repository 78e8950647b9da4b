using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Prefix.ClickHouse.Migrations;

/// <summary>One <c>NNNN_name.sql</c> file: its version, name, SHA-256 checksum and text.</summary>
internal sealed partial record MigrationFile(uint Version, string Name, string Checksum, string Script)
{
    public static IReadOnlyList<MigrationFile> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Migrations directory '{directory}' does not exist.");
        }

        var files = new List<MigrationFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var fileName = Path.GetFileName(path);
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new ClickHouseMigrationException($"Migration file '{fileName}' is not named NNNN_name.sql.");
            }

            var version = uint.Parse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

            // Line endings are normalised first so a Windows checkout does not look like an edited migration.
            var script = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
            files.Add(new MigrationFile(version, match.Groups["name"].Value, checksum, script));
        }

        files.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < files.Count; i++)
        {
            if (files[i].Version == files[i - 1].Version)
            {
                throw new ClickHouseMigrationException(
                    $"Two migrations have version {files[i].Version}: '{files[i - 1].Name}' and '{files[i].Name}'.");
            }
        }

        return files;
    }

    [GeneratedRegex(@"^(?<version>\d{1,9})_(?<name>[A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
