namespace Prefix.Feeds.Parsing;

/// <summary>
/// The warnings of one parse, capped so a 5,000-item feed with a bad date on every item does not carry
/// 5,000 near-identical sentences: the first <see cref="Limit"/> are kept and the rest are counted.
/// </summary>
internal sealed class FeedWarnings
{
    internal const int Limit = 100;

    private readonly List<string> _items = [];
    private int _dropped;

    /// <summary>True when something was repaired to make the document parse (the feed's <c>bozo</c> flag).</summary>
    public bool Bozo { get; set; }

    public int Count => _items.Count + _dropped;

    public void Add(string warning)
    {
        if (_items.Count < Limit)
        {
            _items.Add(warning);
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>Marks the document as repaired and says what was repaired.</summary>
    public void AddRepair(string warning)
    {
        Bozo = true;
        Add(warning);
    }

    /// <summary>Forgets the warnings added after <paramref name="count"/> (a failed attempt's).</summary>
    public void TruncateTo(int count)
    {
        if (count >= _items.Count + _dropped)
        {
            return;
        }

        if (count <= _items.Count)
        {
            _items.RemoveRange(count, _items.Count - count);
            _dropped = 0;
        }
        else
        {
            _dropped = count - _items.Count;
        }
    }

    public IReadOnlyList<string> ToList()
    {
        if (_dropped == 0)
        {
            return _items.Count == 0 ? [] : _items.ToArray();
        }

        var all = new string[_items.Count + 1];
        _items.CopyTo(all);
        all[^1] = $"… and {_dropped} more warnings.";
        return all;
    }
}
