using System.Globalization;

namespace Prefix.Redis;

/// <summary>
/// Where and how to connect. <see cref="Parse"/> reads the usual one-line form:
/// <c>host:port,password=secret,user=app,db=1,timeout=2000,connectTimeout=5000,name=feed-updater</c>
/// (timeouts in milliseconds).
/// </summary>
public sealed class RedisOptions
{
    public string EndPoint { get; set; } = "127.0.0.1:6379";

    /// <summary>ACL user for AUTH; null uses the default user (AUTH with only the password).</summary>
    public string? User { get; set; }

    /// <summary>Password for AUTH on every (re)connect; null sends no AUTH.</summary>
    public string? Password { get; set; }

    /// <summary>Database selected with SELECT on every (re)connect.</summary>
    public int Database { get; set; }

    /// <summary>How long one connect attempt (TCP connect plus AUTH/SELECT) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Default per-command timeout, measured from when the command is issued until its answer,
    /// including any time spent waiting for a reconnect. Blocking reads add their BLOCK time on top.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before reconnecting; doubles per failed attempt up to <see cref="ReconnectMaxBackoff"/>.</summary>
    public TimeSpan ReconnectMinBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan ReconnectMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent with CLIENT SETNAME so the connection shows up in CLIENT LIST.</summary>
    public string? ClientName { get; set; }

    /// <summary>Parses <c>host:port[,key=value...]</c>; keys are case-insensitive.</summary>
    /// <exception cref="FormatException">An unknown key or an invalid value.</exception>
    public static RedisOptions Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RedisOptions();
        foreach (var rawPart in configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                options.EndPoint = rawPart;
                continue;
            }

            var key = rawPart[..equals].Trim().ToUpperInvariant();
            var value = rawPart[(equals + 1)..].Trim();
            switch (key)
            {
                case "PASSWORD":
                    options.Password = value;
                    break;
                case "USER":
                    options.User = value;
                    break;
                case "DB" or "DEFAULTDATABASE":
                    options.Database = ParseInt(key, value);
                    break;
                case "TIMEOUT" or "SYNCTIMEOUT" or "ASYNCTIMEOUT":
                    options.CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "CONNECTTIMEOUT":
                    options.ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "NAME":
                    options.ClientName = value;
                    break;
                default:
                    throw new FormatException($"Unknown Redis option '{rawPart[..equals]}'.");
            }
        }

        return options;
    }

    internal RedisOptions Clone() => (RedisOptions)MemberwiseClone();

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new FormatException($"Redis option {key.ToLowerInvariant()} needs a non-negative integer, got '{value}'.");
}
