using System.Diagnostics;
using Prefix.Testing;

namespace Prefix.Geo.Tests;

/// <summary>One <see cref="GeoLookup"/> over the real data that <c>./prefix</c> installs, shared by the data tests.</summary>
public sealed class GeoDataFixture : IDisposable
{
    public GeoDataFixture()
    {
        Options = GeoOptions.FromDataDirectory(RepositoryPaths.DataDirectory);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        Lookup = GeoLookup.Open(Options);
        LoadTime = stopwatch.Elapsed;
        ManagedBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
    }

    public GeoOptions Options { get; }

    public GeoLookup Lookup { get; }

    public TimeSpan LoadTime { get; }

    /// <summary>Managed heap the open lookup keeps (the ASN tables; the mapped City file is not on the heap).</summary>
    public long ManagedBytes { get; }

    public void Dispose() => Lookup.Dispose();
}
