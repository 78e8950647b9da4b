using System.Diagnostics;
using Prefix.ClickHouse.Http;
using Prefix.Testing.Servers;

namespace Prefix.ClickHouse.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task ExecuteAsync_SyntaxError_ThrowsServerExceptionCode62WithQueryId()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(
            () => db.Client.ExecuteAsync("SELEC 1", new QueryOptions { QueryId = "syntax-test-1" }));
        Assert.Equal(62, ex.Code);
        Assert.Equal("SYNTAX_ERROR", ex.Name);
        Assert.Contains("Syntax error", ex.ServerMessage, StringComparison.Ordinal);
        Assert.Equal("syntax-test-1", ex.QueryId);
        Assert.Contains("syntax-test-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryRowsAsync_UnknownTable_ThrowsCode60WithGeneratedQueryId()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(
            async () => await db.Client.QueryRowsAsync("SELECT * FROM no_such_table").ToListAsync());
        Assert.Equal(60, ex.Code);
        Assert.Contains("no_such_table", ex.ServerMessage, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(ex.QueryId, out _), ex.QueryId);
    }

    [Fact]
    public async Task QueryRowsAsync_ErrorAfterRowsStreamed_ThrowsServerException()
    {
        await using var db = await TestDatabase.CreateAsync();
        var rows = 0;
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(async () =>
        {
            var sql = "SELECT number, throwIf(number = 300000) FROM system.numbers LIMIT 400000";
            await foreach (var row in db.Client.QueryRowsAsync(sql, new QueryOptions { Settings = new Dictionary<string, string> { ["max_block_size"] = "1000" } }))
            {
                Assert.Equal(rows++, row.GetInt64(0));
            }
        });
        Assert.Equal(395, ex.Code);
        Assert.True(rows > 0, "rows before the error were streamed");
    }

    [Fact]
    public async Task QueryRowsAsync_PerQuerySettingMaxResultRows_ThrowsTooManyRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string> { ["max_result_rows"] = "1", ["result_overflow_mode"] = "throw" };
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(
            async () => await db.Client.QueryRowsAsync("SELECT number FROM system.numbers LIMIT 5", new QueryOptions { Settings = settings }).ToListAsync());
        Assert.Equal(396, ex.Code);

        // Without the setting the same query is fine: the setting was per query.
        Assert.Equal(5, (await db.Client.QueryRowsAsync("SELECT number FROM system.numbers LIMIT 5").ToListAsync()).Count);
    }

    [Fact]
    public async Task ClientSettings_MaxResultRows_AppliesToEveryQuery()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var client = db.NewClient(o =>
        {
            o.Settings["max_result_rows"] = "1";
            o.Settings["result_overflow_mode"] = "throw";
        });
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(
            async () => await client.QueryRowsAsync("SELECT number FROM system.numbers LIMIT 5").ToListAsync());
        Assert.Equal(396, ex.Code);
    }

    [Fact]
    public async Task ExecuteScalarAsync_TimeoutExceeded_ThrowsTimeoutQuickly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queryId = $"sleep-{Guid.NewGuid():N}";
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ClickHouseTimeoutException>(
            () => db.Client.ExecuteScalarAsync<long>("SELECT sleep(3)", new QueryOptions { QueryId = queryId, Timeout = TimeSpan.FromSeconds(1) }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), watch.Elapsed.ToString());
        Assert.Equal(queryId, ex.QueryId);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.Timeout);
    }

    [Fact]
    public async Task ExecuteAsync_TimeoutOnLongQuery_KillsQueryOnServer()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queryId = $"long-{Guid.NewGuid():N}";

        // Many small blocks: the server checks for KILL between blocks (a single sleep() cannot be interrupted).
        var options = new QueryOptions
        {
            QueryId = queryId,
            Timeout = TimeSpan.FromSeconds(1),
            Settings = new Dictionary<string, string> { ["max_block_size"] = "1000" },
        };
        await Assert.ThrowsAsync<ClickHouseTimeoutException>(() => db.Client.ExecuteAsync("SELECT count() FROM system.numbers", options));

        var running = 1L;
        for (var i = 0; i < 40 && running > 0; i++)
        {
            running = await db.Client.ExecuteScalarAsync<long>($"SELECT count() FROM system.processes WHERE query_id = {ClickHouseSql.Literal(queryId)}");
            if (running > 0)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(0, running);
    }

    [Fact]
    public async Task QueryRowsAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => db.Client.ExecuteScalarAsync<long>("SELECT sleep(2)", null, cts.Token));
    }

    [Fact]
    public async Task ExecuteAsync_WrongPassword_ThrowsAuthenticationServerException()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var client = db.NewClient(o => o.Password = "definitely-wrong");
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteAsync("SELECT 1"));
        Assert.True(ex.Code is 192 or 193 or 516, ex.Message);
        Assert.Contains("password", ex.ServerMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownDatabase_ThrowsCode81()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(
            () => db.Client.ExecuteAsync("SELECT 1", new QueryOptions { Database = "no_such_db_" + Guid.NewGuid().ToString("N") }));
        Assert.Equal(81, ex.Code);
    }

    [Fact]
    public async Task PingAsync_NothingListening_ThrowsConnectionException()
    {
        using var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = new Uri($"http://127.0.0.1:{FreePort.Next()}/") });
        await Assert.ThrowsAsync<ClickHouseConnectionException>(() => client.PingAsync());
        await Assert.ThrowsAsync<ClickHouseConnectionException>(() => client.ExecuteAsync("SELECT 1"));
    }

    [Fact]
    public async Task PingAsync_ServerUp_Succeeds()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Client.PingAsync();
    }

    [Theory]
    [InlineData("Code: 62, e.displayText() = DB::Exception: Syntax error: failed at position 1: SELEC 1\n. Expected one of: SELECT, e.what() = DB::Exception", null, 62, "SYNTAX_ERROR", "Syntax error: failed at position 1: SELEC 1\n. Expected one of: SELECT")]
    [InlineData("Code: 60. DB::Exception: Table default.nosuch does not exist. (UNKNOWN_TABLE) (version 23.8.2.7 (official build))\n", "60", 60, "UNKNOWN_TABLE", "Table default.nosuch does not exist")]
    [InlineData("Code: 516. DB::Exception: default: Authentication failed. (AUTHENTICATION_FAILED) (version 24.3.1.1)", null, 516, "AUTHENTICATION_FAILED", "default: Authentication failed")]
    [InlineData("something went wrong", "159", 159, "TIMEOUT_EXCEEDED", "something went wrong")]
    public void ServerErrorParser_KnownLayouts_ParsesCodeNameMessage(string body, string? header, int code, string name, string message)
    {
        var ex = ServerErrorParser.TryParse(body, header, "q1");
        Assert.NotNull(ex);
        Assert.Equal(code, ex.Code);
        Assert.Equal(name, ex.Name);
        Assert.Equal(message, ex.ServerMessage);
        Assert.Equal("q1", ex.QueryId);
    }

    [Fact]
    public void ServerErrorParser_NotAnError_ReturnsNull() => Assert.Null(ServerErrorParser.TryParse("<html>bad gateway</html>", null, "q"));
}
