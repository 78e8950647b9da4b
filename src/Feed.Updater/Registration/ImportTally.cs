using Prefix.Redis;

namespace Feed.Updater.Registration;

/// <summary>Running totals of one bulk import.</summary>
internal sealed class ImportTally(int maxReportedRejections)
{
    private readonly List<ImportRejection> _rejections = [];
    private long _created;
    private long _reregistered;
    private long _existing;
    private long _rejected;

    /// <summary>Deregistered feeds the batches found; re-registered one by one afterwards.</summary>
    public List<(Guid FeedId, string Url)> DeregisteredFound { get; } = [];

    public void Reject(long line, string reason)
    {
        _rejected++;
        if (_rejections.Count < maxReportedRejections)
        {
            _rejections.Add(new ImportRejection(line, reason));
        }
    }

    public void Apply(RegistrationBatch batch, RedisResult reply)
    {
        if (reply.Length != batch.Count)
        {
            throw new InvalidOperationException($"The registration script answered {reply.Length} results for {batch.Count} feeds.");
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var answer = BatchAnswer.Parse(reply[i]);
            switch (answer.Kind)
            {
                case 'c':
                    _created++;
                    break;
                case 'e':
                    _existing++;
                    break;
                default:
                    DeregisteredFound.Add((answer.FeedId, batch[i].Url));
                    break;
            }
        }
    }

    public void Reregistered(bool done)
    {
        if (done)
        {
            _created++;
            _reregistered++;
        }
        else
        {
            _existing++;
        }
    }

    public BulkRegisterResult ToResult() => new()
    {
        Created = _created,
        Reregistered = _reregistered,
        Existing = _existing,
        Rejected = _rejected,
        Rejections = _rejections,
    };
}
