using System.Text.RegularExpressions;

namespace Prefix.UserAgents.Apps;

/// <summary>
/// A row of the device or platform table: when the pattern matches, the device type (if any) and the operating
/// system (if any) replace what uap-core inferred.
/// </summary>
internal sealed record DeviceHint(Regex Pattern, string? Device, string? Os);
