using System.Net;
using Prefix.Core.Hits;
using Prefix.Core.Privacy;

namespace Prefix.Geo;

/// <summary>
/// The one place a client's raw IP becomes what a hit keeps of it: the listener and household keys
/// (<see cref="ListenerKeyHasher"/>) and the place (<see cref="GeoLookup"/>). The edge and the hit import
/// both call it, so an imported hit is keyed and placed exactly like an edge hit (COUNTING.md "Hit import
/// format": "hashed exactly like edge hits"). The address itself is never written anywhere.
/// </summary>
public sealed class ClientAddressEnricher(GeoLookup geo, ListenerKeyHasher hasher)
{
    /// <summary>Sets the keys (from <paramref name="address"/> and the hit's User-Agent) and the geo fields of <paramref name="hit"/>.</summary>
    public void Enrich(HitRecord hit, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(hit);
        ArgumentNullException.ThrowIfNull(address);
        var place = geo.Lookup(address);
        hit.ListenerKey = hasher.ListenerKey(address, hit.UserAgent);
        hit.HouseholdKey = hasher.HouseholdKey(address);
        hit.KeyId = hasher.KeyId;
        hit.Country = place.Country ?? string.Empty;
        hit.Subdivision = place.Subdivision ?? string.Empty;
        hit.City = place.City ?? string.Empty;
        hit.TimeZone = place.TimeZone ?? string.Empty;
        hit.Asn = place.Asn;
        hit.AsOrganization = place.AsOrganization ?? string.Empty;
    }
}
