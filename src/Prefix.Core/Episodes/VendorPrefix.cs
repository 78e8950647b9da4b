using System.Text.RegularExpressions;

namespace Prefix.Core.Episodes;

/// <summary>One row of the vendor prefix table: the hosts it serves and the path that precedes the next URL.</summary>
internal sealed record VendorPrefix(string Vendor, Regex Path);
