using Prefix.ClickHouse.Migrations;
using Prefix.ClickHouse.Sql;

namespace Prefix.ClickHouse;

/// <summary>
/// Applies <c>NNNN_name.sql</c> migrations once each, in version order, and records them in
/// <c>schema_migrations</c> in the target database.
/// </summary>
/// <remarks>
/// <para>ClickHouse has no transactions, so a migration is recorded only after all its statements succeeded;
/// if one fails half-way, the earlier statements stay applied and the whole file runs again next time. Write
/// statements to be re-runnable (<c>IF NOT EXISTS</c>, <c>IF EXISTS</c>).</para>
/// <para>Concurrent runners are serialised (best effort) by a lock table, <c>schema_migrations_lock</c>: creating
/// a table is atomic on the server, so only one runner succeeds; the others wait for it to be dropped and then
/// re-read what was applied. A runner killed while holding it leaves the table behind; after the lock timeout
/// the others fail with a message saying so, and dropping the table by hand releases it.</para>
/// <para><c>{database}</c> in a script is replaced by the quoted target database name. Statements are split at
/// semicolons outside strings, quoted identifiers and comments. Unqualified table names resolve to the target
/// database.</para>
/// </remarks>
public static class ClickHouseMigrator
{
    private const string MigrationsTable = "schema_migrations";
    private const string LockTable = "schema_migrations_lock";
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Applies pending migrations and returns their versions (empty when everything was applied already).</summary>
    /// <exception cref="ClickHouseMigrationException">An applied migration changed or disappeared, a file is misnamed, or the lock was not released in time.</exception>
    public static Task<IReadOnlyList<uint>> ApplyAsync(
        ClickHouseClient client,
        string migrationsDirectory,
        string database,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(client, migrationsDirectory, database, TimeSpan.FromMinutes(2), cancellationToken);

    /// <inheritdoc cref="ApplyAsync(ClickHouseClient, string, string, CancellationToken)"/>
    /// <param name="client">The client to run statements with.</param>
    /// <param name="migrationsDirectory">Folder of <c>NNNN_name.sql</c> files.</param>
    /// <param name="database">Target database, created when missing.</param>
    /// <param name="lockTimeout">How long to wait for another runner's lock.</param>
    /// <param name="cancellationToken">Cancels waiting and the current statement.</param>
    public static async Task<IReadOnlyList<uint>> ApplyAsync(
        ClickHouseClient client,
        string migrationsDirectory,
        string database,
        TimeSpan lockTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationsDirectory);
        var files = MigrationFile.Load(migrationsDirectory);
        var db = ClickHouseSql.Identifier(database);
        var options = new QueryOptions { Database = database, Timeout = StatementTimeout };

        await client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {db}", new QueryOptions { Timeout = StatementTimeout }, cancellationToken).ConfigureAwait(false);
        await client.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {db}.{ClickHouseSql.Identifier(MigrationsTable)} "
            + "(version UInt32, name String, checksum String, applied_at DateTime) ENGINE = MergeTree() ORDER BY version",
            options,
            cancellationToken).ConfigureAwait(false);

        await AcquireLockAsync(client, database, lockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = await ReadAppliedAsync(client, database, cancellationToken).ConfigureAwait(false);
            Validate(files, applied, migrationsDirectory);
            var done = new List<uint>();
            foreach (var file in files.Where(f => !applied.ContainsKey(f.Version)))
            {
                await ApplyOneAsync(client, file, database, options, cancellationToken).ConfigureAwait(false);
                done.Add(file.Version);
            }

            return done;
        }
        finally
        {
            await ReleaseLockAsync(client, database).ConfigureAwait(false);
        }
    }

    private static async Task ApplyOneAsync(ClickHouseClient client, MigrationFile file, string database, QueryOptions options, CancellationToken cancellationToken)
    {
        var script = file.Script.Replace("{database}", ClickHouseSql.Identifier(database), StringComparison.Ordinal);
        IReadOnlyList<string> statements;
        try
        {
            statements = SqlStatementSplitter.Split(script);
        }
        catch (FormatException ex)
        {
            throw new ClickHouseMigrationException($"Migration {file.Version:D4}_{file.Name}: {ex.Message}", ex);
        }

        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await client.ExecuteAsync(statements[i], options, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException ex)
            {
                throw new ClickHouseMigrationException(
                    $"Migration {file.Version:D4}_{file.Name} failed at statement {i + 1} of {statements.Count}; it is not recorded and will run again: {ex.Message}",
                    ex);
            }
        }

        object?[] record = [file.Version, file.Name, file.Checksum, DateTime.UtcNow];
        await client.InsertAsync(MigrationsTable, ["version", "name", "checksum", "applied_at"], [record], options, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<uint, (string Name, string Checksum)>> ReadAppliedAsync(ClickHouseClient client, string database, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<uint, (string, string)>();
        var sql = $"SELECT version, name, checksum FROM {ClickHouseSql.Identifier(database, MigrationsTable)} ORDER BY version";
        await foreach (var row in client.QueryRowsAsync(sql, null, cancellationToken).ConfigureAwait(false))
        {
            // A concurrent double-apply (lock broken by hand) leaves duplicate rows; they carry the same checksum.
            applied[(uint)row.GetUInt64(0)] = (row.GetString(1), row.GetString(2));
        }

        return applied;
    }

    private static void Validate(IReadOnlyList<MigrationFile> files, Dictionary<uint, (string Name, string Checksum)> applied, string directory)
    {
        var byVersion = files.ToDictionary(f => f.Version);
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (!byVersion.TryGetValue(version, out var file))
            {
                throw new ClickHouseMigrationException(
                    $"Migration {version:D4}_{name} was applied but is missing from '{directory}'. Applied migrations must not be deleted.");
            }

            if (!string.Equals(file.Checksum, checksum, StringComparison.Ordinal))
            {
                throw new ClickHouseMigrationException(
                    $"Migration {version:D4}_{file.Name} was changed after it was applied (checksum {checksum} in schema_migrations, "
                    + $"{file.Checksum} on disk). Applied migrations are immutable: revert the edit and add a new migration instead.");
            }
        }
    }

    private static async Task AcquireLockAsync(ClickHouseClient client, string database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var table = ClickHouseSql.Identifier(database, LockTable);
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // No IF NOT EXISTS: the failure of everyone but the first creator is the lock.
                await client.ExecuteAsync($"CREATE TABLE {table} (owner String, acquired_at DateTime) ENGINE = TinyLog", null, cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseServerException ex) when (ex.Code == 57)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var holder = await ReadLockOwnerAsync(client, table, cancellationToken).ConfigureAwait(false);
                    throw new ClickHouseMigrationException(
                        $"Another migration runner holds {table} ({holder}) for over {timeout.TotalSeconds:0} s. "
                        + $"If it is dead, run DROP TABLE {table} and try again.",
                        ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                // Only for the timeout message of a waiting runner; the table's existence is the lock.
                object?[] row = [owner, DateTime.UtcNow];
                await client.InsertAsync(LockTable, ["owner", "acquired_at"], [row], new QueryOptions { Database = database }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch
            {
                await ReleaseLockAsync(client, database).ConfigureAwait(false);
                throw;
            }
        }
    }

    private static async Task<string> ReadLockOwnerAsync(ClickHouseClient client, string table, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var row in client.QueryRowsAsync($"SELECT owner, toString(acquired_at) FROM {table}", null, cancellationToken).ConfigureAwait(false))
            {
                return $"owner {row.GetString(0)} since {row.GetString(1)}";
            }

            return "owner unknown";
        }
        catch (ClickHouseException)
        {
            return "owner unknown";
        }
    }

    private static async Task ReleaseLockAsync(ClickHouseClient client, string database)
    {
        try
        {
            // Not the caller's token: a cancelled run must still release the lock it holds.
            await client.ExecuteAsync($"DROP TABLE IF EXISTS {ClickHouseSql.Identifier(database, LockTable)}", null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ClickHouseException)
        {
            // The next runner reports the leftover lock with instructions; do not hide the original outcome.
        }
    }
}
