using Prefix.Testing;
using Prefix.UserAgents;

namespace Prefix.Ingest.Tests.Mapping;

/// <summary>One <see cref="UserAgentClassifier"/> over the real data that <c>./prefix</c> installs; loading it takes a moment.</summary>
public sealed class ClassifierFixture
{
    public ClassifierFixture()
    {
        Classifier = UserAgentClassifier.Load(RepositoryPaths.DataDirectory);
    }

    public UserAgentClassifier Classifier { get; }
}
