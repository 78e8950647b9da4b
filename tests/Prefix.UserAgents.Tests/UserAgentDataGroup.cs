namespace Prefix.UserAgents.Tests;

/// <summary>Runs the real-data tests one after another on one loaded classifier, so timings are not shared with a parallel load.</summary>
[CollectionDefinition(Name)]
public sealed class UserAgentDataGroup : ICollectionFixture<ClassifierFixture>
{
    public const string Name = "User-Agent data";
}
