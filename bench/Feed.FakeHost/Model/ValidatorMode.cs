namespace Feed.FakeHost.Model;

/// <summary>Which validators a feed's server sends (and therefore honours).</summary>
internal enum ValidatorMode
{
    /// <summary>ETag and Last-Modified; If-None-Match takes precedence (RFC 9110 §13.2.2).</summary>
    Both,

    /// <summary>Last-Modified only; If-None-Match is ignored.</summary>
    LastModifiedOnly,

    /// <summary>Neither: always 200 with a body that only changes with the version (exercises the body-hash layer).</summary>
    None,
}
