using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Prefix.Geo.Tests;

/// <summary>Reports load cost and lookup speed in the test output; nothing here asserts a timing.</summary>
[Collection(GeoDataCollectionDefinition.Name)]
public sealed class GeoLookupThroughputTests(GeoDataFixture data, ITestOutputHelper output)
{
    [Fact]
    public void Open_RealData_ReportsLoadCost()
    {
        var asn = data.Lookup.Asn;
        output.WriteLine(
            $"open: {data.LoadTime.TotalMilliseconds:F0} ms, managed heap kept {data.ManagedBytes / 1048576.0:F1} MiB; " +
            $"{asn.IPv4RangeCount:N0} IPv4 + {asn.IPv6RangeCount:N0} IPv6 ranges, {asn.OrganizationCount:N0} organizations");

        Assert.True(asn.IPv4RangeCount > 100_000);
        Assert.True(asn.IPv6RangeCount > 10_000);
    }

    [Theory]
    // 200k random addresses: every lookup walks a different path of the 61 MB tree, so mostly cache misses.
    [InlineData(200_000)]
    // 10k addresses: an audience concentrated the way real download traffic is.
    [InlineData(10_000)]
    public void Lookup_MillionMixedAddresses_ReportsRate(int distinctAddresses)
    {
        const int Lookups = 1_000_000;
        var addresses = SampleAddresses.Create(distinctAddresses, seed: 42);
        // Warm the caches and the mapped pages the way a running edge would be.
        foreach (var address in addresses)
        {
            data.Lookup.Lookup(address);
        }

        var found = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        // Processor time as well as wall time: on a shared two-core machine wall time mostly measures the neighbours.
        var processorBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Lookups; i++)
        {
            if (data.Lookup.Lookup(addresses[i % addresses.Length]).Country is not null)
            {
                found++;
            }
        }

        stopwatch.Stop();
        var processor = Process.GetCurrentProcess().TotalProcessorTime - processorBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine(
            $"{Lookups:N0} lookups over {distinctAddresses:N0} addresses: wall {stopwatch.ElapsedMilliseconds} ms " +
            $"({Lookups / stopwatch.Elapsed.TotalSeconds:N0}/s, {stopwatch.Elapsed.TotalNanoseconds / Lookups:F0} ns each), " +
            $"processor {processor.TotalMilliseconds:F0} ms ({Lookups / processor.TotalSeconds:N0}/s), " +
            $"{(double)allocated / Lookups:F1} B allocated each, {found:N0} with a country");

        Assert.True(found > 0);
    }

    [Fact]
    public void Lookup_SameAddress_AllocatesOnlyTheResult()
    {
        var address = IPAddress.Parse("129.187.1.1");
        data.Lookup.Lookup(address);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            data.Lookup.Lookup(address);
        }

        var perLookup = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        output.WriteLine($"{perLookup:F1} B allocated per warm lookup");

        // The GeoResult itself (~64 B) is the only allocation once the strings are cached.
        Assert.True(perLookup <= 96, $"{perLookup} B per lookup");
    }
}
