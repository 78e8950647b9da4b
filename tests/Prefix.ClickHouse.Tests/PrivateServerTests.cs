namespace Prefix.ClickHouse.Tests;

public sealed class PrivateServerTests : IClassFixture<PrivateServer>
{
    private readonly PrivateServer _server;

    public PrivateServerTests(PrivateServer server) => _server = server;

    [Fact]
    public async Task ExecuteScalarAsync_PasswordUser_Authenticates()
    {
        using var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = _server.HttpUri, User = PrivateServer.User, Password = PrivateServer.Password });
        Assert.Equal(1, await client.ExecuteScalarAsync<int>("SELECT 1"));
        // The query sees itself in system.processes (18.16 has no currentUser()).
        var user = await client.ExecuteScalarAsync<string>("SELECT user FROM system.processes WHERE query LIKE '%whoami-marker%'");
        Assert.Equal(PrivateServer.User, user);
    }

    [Theory]
    [InlineData(PrivateServer.User, "wrong", 193)]
    [InlineData(PrivateServer.User, null, 194)]
    [InlineData("nobody", "x", 192)]
    public async Task ExecuteAsync_BadCredentials_ThrowsServerExceptionWithCode(string user, string? password, int code18)
    {
        using var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = _server.HttpUri, User = user, Password = password });
        var ex = await Assert.ThrowsAsync<ClickHouseServerException>(() => client.ExecuteAsync("SELECT 1"));

        // 18.x reports 192/193; current servers report 516 AUTHENTICATION_FAILED for both.
        Assert.True(ex.Code == code18 || ex.Code == 516, ex.Message);
        Assert.NotEmpty(ex.ServerMessage);
    }

    [Fact]
    public async Task GetDateTime_ServerInBerlin_ReturnsUtcAndDatesUnshifted()
    {
        using var client = new ClickHouseClient(new ClickHouseOptions { Endpoint = _server.HttpUri });
        await client.ExecuteAsync("CREATE TABLE IF NOT EXISTS default.times (dt DateTime, d Date) ENGINE = Memory");
        var summer = new DateTime(2024, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        var winter = new DateTime(2024, 1, 1, 23, 30, 0, DateTimeKind.Utc);
        await client.InsertAsync("times", ["dt", "d"], [[summer, new DateOnly(2024, 7, 1)], [winter, new DateOnly(2024, 1, 1)]]);

        var rows = await client.QueryAsync("SELECT dt, d, toString(dt) FROM default.times ORDER BY dt", r => (r.GetDateTime(0), r.GetDateTime(1), r.GetString(2))).ToListAsync();
        Assert.Equal((winter, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "2024-01-02 00:30:00"), rows[0]);
        Assert.Equal((summer, new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc), "2024-07-01 14:00:00"), rows[1]);
        Assert.Equal(summer, await client.ExecuteScalarAsync<DateTime>($"SELECT {ClickHouseSql.Literal(summer)}"));
    }
}
