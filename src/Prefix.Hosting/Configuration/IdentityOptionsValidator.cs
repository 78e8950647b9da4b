using Microsoft.Extensions.Options;

namespace Prefix.Hosting.Configuration;

/// <summary>Start-up check of <see cref="IdentityOptions"/>: a usable secret; the message names the key, never the secret.</summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ResolveSecret() is null
            ? ValidateOptionsResult.Fail(SettingRules.Describe(
                options.SecretFile is null ? "Identity:Secret" : "Identity:SecretFile",
                options.SecretFile ?? (options.Secret is null ? null : "(hidden)"),
                "expected at least 32 hex digits of secret (or a file holding them)"))
            : ValidateOptionsResult.Success;
    }
}
