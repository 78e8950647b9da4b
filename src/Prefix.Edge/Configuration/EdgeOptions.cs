namespace Prefix.Edge.Configuration;

/// <summary>The edge itself. Bound from the <c>Edge</c> section.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>
    /// Peers (CIDR, e.g. <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> / <c>Forwarded</c> headers are
    /// believed: your load balancer or CDN. Default none: the TCP peer is the listener.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Directory with the npm data packages (GeoLite2, ASN ranges). Default <c>data/node_modules</c>.</summary>
    public string DataDirectory { get; set; } = "data/node_modules";
}
