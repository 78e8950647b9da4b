namespace Prefix.ClickHouse.Http;

/// <summary>Lets the insert path treat an <see cref="IEnumerable{T}"/> like an async source without a per-row allocation.</summary>
internal sealed class SyncRowEnumerator : IAsyncEnumerator<object?[]>
{
    private readonly IEnumerator<object?[]> _inner;

    public SyncRowEnumerator(IEnumerable<object?[]> rows) => _inner = rows.GetEnumerator();

    public object?[] Current => _inner.Current;

    public ValueTask<bool> MoveNextAsync() => ValueTask.FromResult(_inner.MoveNext());

    public ValueTask DisposeAsync()
    {
        _inner.Dispose();
        return ValueTask.CompletedTask;
    }
}
