namespace Prefix.ClickHouse.Http;

/// <summary>
/// One query's identity and deadline: the id sent to the server and a token that fires on the caller's
/// cancellation or the timeout, whichever comes first. Lives as long as the response is being read.
/// </summary>
internal sealed class QueryScope : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public QueryScope(string queryId, TimeSpan timeout, CancellationToken userToken)
    {
        QueryId = queryId;
        Timeout = timeout;
        UserToken = userToken;
        _timeout = new CancellationTokenSource();
        _linked = CancellationTokenSource.CreateLinkedTokenSource(userToken, _timeout.Token);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            _timeout.CancelAfter(timeout);
        }
    }

    public string QueryId { get; }

    public TimeSpan Timeout { get; }

    public CancellationToken UserToken { get; }

    public CancellationToken Token => _linked.Token;

    /// <summary>The deadline passed while the caller had not cancelled.</summary>
    public bool TimedOut => _timeout.IsCancellationRequested && !UserToken.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
