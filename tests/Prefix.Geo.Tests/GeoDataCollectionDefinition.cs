namespace Prefix.Geo.Tests;

/// <summary>Runs the real-data tests one after another on one loaded <see cref="GeoLookup"/>, so timings are not shared with a parallel load.</summary>
[CollectionDefinition(Name)]
public sealed class GeoDataCollectionDefinition : ICollectionFixture<GeoDataFixture>
{
    public const string Name = "Geo data";
}
