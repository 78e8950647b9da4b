namespace Prefix.Hosting.Configuration;

/// <summary>
/// The secret behind listener and household keys (ARCHITECTURE.md "Identities"). Bound from the
/// <c>Identity</c> section by the edge and by the hit import (Attribution.Api): both must see the same
/// secret so imported hits hash exactly like edge hits.
/// </summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Id stored with every key, so a rotation is visible in the data. Default 1.</summary>
    public ushort KeyId { get; set; } = 1;

    /// <summary>The secret as hex (at least 32 hex digits). Default none; this or <see cref="SecretFile"/> is required.</summary>
    public string? Secret { get; set; }

    /// <summary>A file holding the secret as hex (./prefix up writes <c>.prefix/identity-secret</c>). Default none.</summary>
    public string? SecretFile { get; set; }

    /// <summary>The secret bytes from <see cref="Secret"/> or <see cref="SecretFile"/>; null when neither is usable.</summary>
    public byte[]? ResolveSecret()
    {
        var text = Secret;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(SecretFile) && File.Exists(SecretFile))
        {
            text = File.ReadAllText(SecretFile);
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 32 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return Convert.FromHexString(text);
    }
}
