using Prefix.Geo;
using Prefix.Testing;

namespace Attribution.Api.Tests.Import;

/// <summary>One <see cref="GeoLookup"/> over the real data <c>./prefix</c> installs, shared by a test class (loading the ASN ranges takes a moment).</summary>
public sealed class ImportGeoFixture : IDisposable
{
    public GeoLookup Lookup { get; } = GeoLookup.Open(GeoOptions.FromDataDirectory(RepositoryPaths.DataDirectory));

    public void Dispose() => Lookup.Dispose();
}
