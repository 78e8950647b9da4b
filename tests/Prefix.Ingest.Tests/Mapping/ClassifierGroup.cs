namespace Prefix.Ingest.Tests.Mapping;

/// <summary>The mapper tests share one loaded classifier.</summary>
[CollectionDefinition(Name)]
public sealed class ClassifierGroup : ICollectionFixture<ClassifierFixture>
{
    public const string Name = "User-Agent data";
}
