using Microsoft.Extensions.Options;
using Prefix.Core.Episodes;
using Prefix.UserAgents;

namespace Prefix.Ingest;

/// <summary>Builds the row mapper once the data files are known to exist (loading uap-core takes a moment).</summary>
public sealed class HitIngestMapperFactory(IOptions<IngestOptions> options, TimeProvider time)
{
    internal HitRowMapper Create()
    {
        var settings = options.Value;
        return new HitRowMapper(UserAgentClassifier.Load(settings.DataDirectory), new EpisodeKeyNormalizer(settings.OwnPrefixHosts), time);
    }
}
