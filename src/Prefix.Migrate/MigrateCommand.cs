using Prefix.ClickHouse;

namespace Prefix.Migrate;

/// <summary>
/// <c>Prefix.Migrate --clickhouse URL --database NAME --migrations DIR [--user U] [--password P]</c>.
/// Every flag may instead come from the environment: <c>ClickHouse__Url</c>, <c>ClickHouse__Database</c>,
/// <c>ClickHouse__User</c>, <c>ClickHouse__Password</c>, <c>MIGRATIONS_DIR</c>.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? Value(string flag, string environment)
        {
            var index = Array.IndexOf(args, flag);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable(environment);
        }

        var url = Value("--clickhouse", "ClickHouse__Url") ?? "http://127.0.0.1:8123/";
        var database = Value("--database", "ClickHouse__Database") ?? "prefix";
        var directory = Value("--migrations", "MIGRATIONS_DIR") ?? "deploy/clickhouse/migrations";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint))
        {
            await error.WriteLineAsync($"--clickhouse = '{url}' is invalid: expected an http URL such as http://127.0.0.1:8123/.").ConfigureAwait(false);
            return 2;
        }

        if (!Directory.Exists(directory))
        {
            await error.WriteLineAsync($"--migrations = '{directory}' is invalid: no such directory.").ConfigureAwait(false);
            return 2;
        }

        var options = new ClickHouseOptions
        {
            Endpoint = endpoint,
            User = Value("--user", "ClickHouse__User") ?? "default",
            Password = Value("--password", "ClickHouse__Password"),
        };
        using var client = new ClickHouseClient(options);
        try
        {
            var applied = await ClickHouseMigrator.ApplyAsync(client, directory, database, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(applied.Count == 0
                ? $"database {database}: up to date"
                : $"database {database}: applied {string.Join(", ", applied)}").ConfigureAwait(false);
            return 0;
        }
        catch (ClickHouseException ex)
        {
            await error.WriteLineAsync($"migration failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
