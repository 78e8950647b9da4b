using Prefix.ClickHouse.Sql;

namespace Prefix.ClickHouse.Tests;

public sealed class MigratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prefix-migrations-").FullName;

    [Fact]
    public async Task ApplyAsync_FreshDatabase_AppliesInNumericOrderOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var database = db.Name + "_m"; // also proves the runner creates a missing database
        Write("2_first.sql", "CREATE TABLE log (step UInt32, what String) ENGINE = TinyLog;\nINSERT INTO log VALUES (2, 'two');");
        Write("10_third.sql", "INSERT INTO log VALUES (10, 'ten');");
        Write("9_second.sql", "INSERT INTO {database}.log VALUES (9, 'nine');");
        try
        {
            var applied = await ClickHouseMigrator.ApplyAsync(db.Client, _directory, database);
            Assert.Equal([2u, 9u, 10u], applied);

            // TinyLog keeps insertion order: 10 ran after 9 even though "10_" sorts before "9_" as text.
            var steps = await db.Client.QueryAsync($"SELECT step FROM {ClickHouseSql.Identifier(database, "log")}", r => r.GetInt64(0)).ToListAsync();
            Assert.Equal([2L, 9L, 10L], steps);

            var recorded = await db.Client.QueryAsync(
                $"SELECT version, name, length(checksum), applied_at > toDateTime(0) FROM {ClickHouseSql.Identifier(database, "schema_migrations")} ORDER BY version",
                r => (r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3))).ToListAsync();
            Assert.Equal([(2L, "first", 64L, 1L), (9L, "second", 64L, 1L), (10L, "third", 64L, 1L)], recorded);

            Assert.Empty(await ClickHouseMigrator.ApplyAsync(db.Client, _directory, database));
            Assert.Equal(3, await db.Client.ExecuteScalarAsync<long>($"SELECT count() FROM {ClickHouseSql.Identifier(database, "log")}"));

            Write("11_fourth.sql", "INSERT INTO log VALUES (11, 'eleven')");
            Assert.Equal([11u], await ClickHouseMigrator.ApplyAsync(db.Client, _directory, database));
        }
        finally
        {
            await db.Client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(database)}");
        }
    }

    [Fact]
    public async Task ApplyAsync_AppliedFileChanged_ThrowsChecksumError()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("0001_t.sql", "CREATE TABLE t (x UInt8) ENGINE = Memory");
        await ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name);
        Write("0001_t.sql", "CREATE TABLE t (x UInt16) ENGINE = Memory");
        var ex = await Assert.ThrowsAsync<ClickHouseMigrationException>(() => ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
        Assert.Contains("0001_t was changed after it was applied", ex.Message, StringComparison.Ordinal);

        // The failed run released its lock.
        Assert.Equal(0, await db.Client.ExecuteScalarAsync<long>($"SELECT count() FROM system.tables WHERE database = {ClickHouseSql.Literal(db.Name)} AND name = 'schema_migrations_lock'"));
    }

    [Fact]
    public async Task ApplyAsync_LineEndingsChangedOnly_IsNotAChange()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("0001_t.sql", "CREATE TABLE t (x UInt8) ENGINE = Memory;\nSELECT 1;\n");
        await ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name);
        Write("0001_t.sql", "CREATE TABLE t (x UInt8) ENGINE = Memory;\r\nSELECT 1;\r\n");
        Assert.Empty(await ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
    }

    [Fact]
    public async Task ApplyAsync_MultiStatementFileWithSemicolonsInStringsAndComments_RunsEachStatement()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("0001_multi.sql", """
            -- a comment; with a semicolon
            CREATE TABLE t (s String) ENGINE = TinyLog;
            /* block; comment;
               over lines; */
            INSERT INTO t VALUES ('a;b'), ('it\'s; fine'), ('--not a comment;');
            INSERT INTO t VALUES ('c') ; -- trailing comment
            ;
            """);
        Assert.Equal([1u], await ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
        var values = await db.Client.QueryAsync("SELECT s FROM t", r => r.GetString(0)).ToListAsync();
        Assert.Equal(["a;b", "it's; fine", "--not a comment;", "c"], values);
    }

    [Fact]
    public async Task ApplyAsync_StatementFails_NotRecordedAndReportsStatement()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("0001_ok.sql", "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory");
        Write("0002_bad.sql", "CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;\nSELEC broken;");
        var ex = await Assert.ThrowsAsync<ClickHouseMigrationException>(() => ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
        Assert.Contains("0002_bad failed at statement 2 of 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(62, Assert.IsType<ClickHouseServerException>(ex.InnerException).Code);

        Write("0002_bad.sql", "CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;\nSELECT 1;");
        Assert.Equal([2u], await ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentRunners_ApplyEachMigrationOnce()
    {
        await using var db = await TestDatabase.CreateAsync();

        // Not re-runnable on purpose: a second application would fail with TABLE_ALREADY_EXISTS.
        for (var i = 1; i <= 5; i++)
        {
            Write($"{i:D4}_m{i}.sql", $"CREATE TABLE t{i} (x UInt8) ENGINE = Memory");
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name))));
        Assert.Equal([1u, 2u, 3u, 4u, 5u], runs.SelectMany(r => r).Order());
        Assert.Equal(5, await db.CountAsync("schema_migrations"));
    }

    [Fact]
    public async Task ApplyAsync_LockHeldByDeadRunner_ThrowsAfterTimeoutWithInstructions()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("0001_t.sql", "SELECT 1");
        await db.Client.ExecuteAsync("CREATE TABLE schema_migrations_lock (owner String, acquired_at DateTime) ENGINE = TinyLog");
        var ex = await Assert.ThrowsAsync<ClickHouseMigrationException>(
            () => ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name, TimeSpan.FromMilliseconds(500)));
        Assert.Contains("DROP TABLE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_RepositoryMigrations_CreateHitsTable()
    {
        await using var db = await TestDatabase.CreateAsync();
        var directory = Path.Combine(RepositoryRoot(), "deploy", "clickhouse", "migrations");
        var applied = await ClickHouseMigrator.ApplyAsync(db.Client, directory, db.Name);
        Assert.Contains(1u, applied);
        var columns = await db.Client.QueryAsync("DESCRIBE TABLE hits", r => r.GetString(0)).ToListAsync();
        Assert.Contains("hit_id", columns);
        Assert.Contains("range", columns);
        Assert.Contains("ingested_at", columns);
        Assert.Empty(await ClickHouseMigrator.ApplyAsync(db.Client, directory, db.Name));
    }

    [Fact]
    public async Task ApplyAsync_MisnamedFile_ThrowsMigrationException()
    {
        await using var db = await TestDatabase.CreateAsync();
        Write("create_things.sql", "SELECT 1");
        await Assert.ThrowsAsync<ClickHouseMigrationException>(() => ClickHouseMigrator.ApplyAsync(db.Client, _directory, db.Name));
    }

    [Theory]
    [InlineData("SELECT 1", new[] { "SELECT 1" })]
    [InlineData("SELECT 1;SELECT 2;", new[] { "SELECT 1", "SELECT 2" })]
    [InlineData("SELECT ';';\nSELECT \"a;b\";\nSELECT `c;d`", new[] { "SELECT ';'", "SELECT \"a;b\"", "SELECT `c;d`" })]
    [InlineData("SELECT 'it''s;' ; SELECT '\\';'", new[] { "SELECT 'it''s;'", "SELECT '\\';'" })]
    [InlineData("-- only; a comment\n/* and; another */", new string[0])]
    [InlineData("SELECT 1 -- x;y\n;SELECT 2 /* ; */", new[] { "SELECT 1 -- x;y", "SELECT 2 /* ; */" })]
    public void SqlStatementSplitter_Script_SplitsOutsideQuotesAndComments(string script, string[] expected) =>
        Assert.Equal(expected, SqlStatementSplitter.Split(script));

    [Theory]
    [InlineData("SELECT 'unterminated;")]
    [InlineData("SELECT 1 /* never closed")]
    public void SqlStatementSplitter_Unterminated_ThrowsFormatException(string script) =>
        Assert.Throws<FormatException>(() => SqlStatementSplitter.Split(script));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Prefix.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Prefix.sln not found above the test binaries.");
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);
}
