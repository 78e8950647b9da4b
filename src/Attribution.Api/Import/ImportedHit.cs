using System.Net;

namespace Attribution.Api.Import;

/// <summary>One accepted line, checked; <see cref="Address"/> lives only until the hit is keyed and placed.</summary>
/// <param name="Time">When the request was made.</param>
/// <param name="Address">The client's IP: turned into keys and geo fields by <see cref="ImportedHitMapper"/>, never stored.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The absolute request URL.</param>
/// <param name="UserAgent">The User-Agent, empty when none.</param>
/// <param name="Referer">The Referer, empty when none.</param>
/// <param name="Range">The Range header, empty when none.</param>
/// <param name="Status">HTTP status, 0 when the line has none.</param>
/// <param name="Bytes">Bytes served, -1 when the line has none.</param>
internal readonly record struct ImportedHit(
    DateTimeOffset Time,
    IPAddress Address,
    string Method,
    string Url,
    string UserAgent,
    string Referer,
    string Range,
    int Status,
    long Bytes);
