using Prefix.Testing;

namespace Prefix.UserAgents.Tests;

/// <summary>One <see cref="UserAgentClassifier"/> over the real data that <c>./prefix</c> installs, shared by the data tests.</summary>
public sealed class ClassifierFixture
{
    public ClassifierFixture()
    {
        Classifier = UserAgentClassifier.Load(RepositoryPaths.DataDirectory);
    }

    public UserAgentClassifier Classifier { get; }
}
