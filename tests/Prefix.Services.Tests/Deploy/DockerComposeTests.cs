using System.Diagnostics;
using Prefix.Testing;

namespace Prefix.Services.Tests.Deploy;

/// <summary>There is no Docker engine here, so the compose file is checked the way docker-compose itself checks it.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public async Task ComposeFile_Config_IsValidAndPublishesOnlyOnLoopback()
    {
        var (exitCode, output) = await RunAsync("docker-compose", "-f", Path.Combine(RepositoryPaths.Root, "docker-compose.yml"), "config");

        Assert.True(exitCode == 0, output);
        foreach (var service in new[] { "clickhouse:", "redis:", "migrate:", "edge:", "updater:", "api:" })
        {
            Assert.Contains("  " + service, output, StringComparison.Ordinal);
        }

        var published = output.Split('\n').Where(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal) && l.Contains(":8", StringComparison.Ordinal) && l.Contains("/tcp", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(published);
        Assert.All(published, line => Assert.Contains("127.0.0.1:", line, StringComparison.Ordinal));
    }

    [Fact]
    public void ComposeFile_ServiceSettings_UseTheKeysTheServicesBind()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        var keys = System.Text.RegularExpressions.Regex.Matches(compose, @"(Redis|ClickHouse)__([A-Za-z]+):")
            .Select(m => (Section: m.Groups[1].Value, Property: m.Groups[2].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(keys);
        foreach (var (section, property) in keys)
        {
            var type = section == "Redis" ? typeof(Prefix.Hosting.Configuration.RedisSettings) : typeof(Prefix.Hosting.Configuration.ClickHouseSettings);
            Assert.True(type.GetProperty(property) is not null, $"{section}__{property} in docker-compose.yml is not a property of {type.Name}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
