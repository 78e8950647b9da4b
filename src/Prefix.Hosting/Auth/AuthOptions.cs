namespace Prefix.Hosting.Auth;

/// <summary>API-key authentication (config section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>A file holding the admin key (./prefix up writes .prefix/admin-key). Default none.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The admin key itself, for deployments that pass secrets as environment variables. Default none.</summary>
    public string? AdminKey { get; set; }

    /// <summary>How long a looked-up key (or its absence) is cached in the process. Default 30 s: a revoked key stops working within that.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
