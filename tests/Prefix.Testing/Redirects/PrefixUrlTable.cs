namespace Prefix.Testing.Redirects;

/// <summary>
/// The prefix URL table: raw request target → exact status and Location (null for 400). One table for
/// the parser tests (Prefix.Edge.Tests) and the tests through the real edge over a socket
/// (Prefix.Pipeline.Tests), so both read the same promises.
/// </summary>
public static class PrefixUrlTable
{
    public const string Guid1 = "6a08eaa9-0d92-55eb-8198-9c13d37c83f2";

    public static IReadOnlyList<(string RawTarget, int Status, string? Location)> Cases { get; } =
    [
        // Valid: the base form, schemes, repair, ports, queries kept byte for byte.
        ("/e/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e/example.com/ep.mp3?x=1&y=2", 302, "https://example.com/ep.mp3?x=1&y=2"),
        ("/e/http://example.com/ep.mp3", 302, "http://example.com/ep.mp3"),
        ("/e/https://example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e/HTTPS://Example.COM/Ep.mp3", 302, "https://Example.COM/Ep.mp3"),
        ("/e/https:/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e/http:/example.com/ep.mp3", 302, "http://example.com/ep.mp3"),
        ("/e/example.com:8443/ep.mp3", 302, "https://example.com:8443/ep.mp3"),
        ("/e/example.com:65535/a.mp3", 302, "https://example.com:65535/a.mp3"),
        ("/e/example.com:1/a.mp3", 302, "https://example.com:1/a.mp3"),
        ("/e/http://example.com:080/ep.mp3", 302, "http://example.com:080/ep.mp3"),
        ("/e/1.1.1.1:8080/stream", 302, "https://1.1.1.1:8080/stream"),
        ("/e/8.8.8.8/ep.mp3", 302, "https://8.8.8.8/ep.mp3"),
        ("/e/172.32.0.1/ep.mp3", 302, "https://172.32.0.1/ep.mp3"),
        ("/e/xn--bcher-kva.example/ep.mp3", 302, "https://xn--bcher-kva.example/ep.mp3"),
        ("/e/example.com./ep.mp3", 302, "https://example.com./ep.mp3"),
        ("/e/sub-domain.example.com/a/b/c/d.mp3", 302, "https://sub-domain.example.com/a/b/c/d.mp3"),
        ("/e/example.com//double-slash.mp3", 302, "https://example.com//double-slash.mp3"),
        ("/e/example.com/ep.mp3?", 302, "https://example.com/ep.mp3?"),
        ("/e/example.com/ep.mp3?x=1?y=2", 302, "https://example.com/ep.mp3?x=1?y=2"),
        ("/e/example.com/path%20with%20spaces.mp3", 302, "https://example.com/path%20with%20spaces.mp3"),
        ("/e/example.com/a%2Fb.mp3", 302, "https://example.com/a%2Fb.mp3"),
        ("/e/example.com/ep.mp3?url=https%3A%2F%2Fx.com%2Fy", 302, "https://example.com/ep.mp3?url=https%3A%2F%2Fx.com%2Fy"),
        ("/e/example.com/ep.mp3?a=%25&b=%2525", 302, "https://example.com/ep.mp3?a=%25&b=%2525"),
        ("/e/example.com/ep.mp3?_from=app&utm_source=x", 302, "https://example.com/ep.mp3?_from=app&utm_source=x"),
        ("/e/example.com/%E2%9C%93.mp3", 302, "https://example.com/%E2%9C%93.mp3"),
        ("/e/example.com/ep.mp3?q=a+b&r=c%2Bd", 302, "https://example.com/ep.mp3?q=a+b&r=c%2Bd"),

        // Prefix arguments before the slash; unknown ones ignored; the /e/pg=… typo repaired.
        ($"/e,pg={Guid1}/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ($"/e,pg%3D{Guid1}/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e,/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ($"/e,foo=bar,pg={Guid1}/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e,pg=not-a-guid/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),
        ("/e,hls=1,zzz/http://example.com/ep.mp3", 302, "http://example.com/ep.mp3"),
        ($"/e/pg={Guid1}/example.com/ep.mp3", 302, "https://example.com/ep.mp3"),

        // Chained prefixes pass through untouched, embedded schemes deeper in the path included.
        ("/e/dts.podtrac.com/redirect.mp3/example.com/ep.mp3", 302, "https://dts.podtrac.com/redirect.mp3/example.com/ep.mp3"),
        ("/e/op3.dev/e/example.com/ep.mp3", 302, "https://op3.dev/e/example.com/ep.mp3"),
        ("/e/chrt.fm/track/ABC123/traffic.megaphone.fm/XYZ.mp3?updated=1", 302, "https://chrt.fm/track/ABC123/traffic.megaphone.fm/XYZ.mp3?updated=1"),
        ("/e/pdst.fm/e/https://example.com/ep.mp3", 302, "https://pdst.fm/e/https://example.com/ep.mp3"),
        ("/e/https://dts.podtrac.com/redirect.mp3/http://example.com/ep.mp3", 302, "https://dts.podtrac.com/redirect.mp3/http://example.com/ep.mp3"),

        // No path, empty path.
        ("/e/", 400, null),
        ("/e/example.com", 400, null),
        ("/e/example.com/", 400, null),
        ("/e/example.com/?x=1", 400, null),
        ("/e/example.com?x=1/ep.mp3", 400, null),
        ("/e,pg=abc", 400, null),

        // Schemes.
        ("/e/https://https://example.com/ep.mp3", 400, null),
        ("/e/https://http://example.com/ep.mp3", 400, null),
        ("/e/https:example.com/ep.mp3", 400, null),
        ("/e/http:example.com/ep.mp3", 400, null),

        // Host characters and shape.
        ("/e/exa_mple.com/ep.mp3", 400, null),
        ("/e/user@example.com/ep.mp3", 400, null),
        ("/e/user:pass@example.com/ep.mp3", 400, null),
        ("/e/exa%20mple.com/ep.mp3", 400, null),
        ("/e/ex%41mple.com/ep.mp3", 400, null),
        ("/e/[::1]/ep.mp3", 400, null),
        ("/e/.example.com/ep.mp3", 400, null),
        ("/e/-example.com/ep.mp3", 400, null),
        ("/e/example.com-/ep.mp3", 400, null),
        ("/e/example..com/ep.mp3", 400, null),
        ($"/e/{new string('a', 64)}.com/ep.mp3", 400, null),

        // localhost and non-public IP literals, in every spelling a browser accepts.
        ("/e/localhost/ep.mp3", 400, null),
        ("/e/LOCALHOST:8080/ep.mp3", 400, null),
        ("/e/foo.localhost/ep.mp3", 400, null),
        ("/e/127.0.0.1/ep.mp3", 400, null),
        ("/e/127.1/ep.mp3", 400, null),
        ("/e/10.1.2.3/ep.mp3", 400, null),
        ("/e/192.168.0.10/ep.mp3", 400, null),
        ("/e/172.16.5.4/ep.mp3", 400, null),
        ("/e/169.254.169.254/latest/meta-data", 400, null),
        ("/e/100.64.0.1/ep.mp3", 400, null),
        ("/e/0.0.0.0/ep.mp3", 400, null),
        ("/e/224.0.0.1/ep.mp3", 400, null),
        ("/e/2130706433/ep.mp3", 400, null),
        ("/e/0x7f.1/ep.mp3", 400, null),
        ("/e/0177.0.0.1/ep.mp3", 400, null),
        ("/e/256.1.1.1/ep.mp3", 400, null),
        ("/e/1.2.3.4.5/ep.mp3", 400, null),

        // Ports.
        ("/e/example.com:0/ep.mp3", 400, null),
        ("/e/example.com:65536/ep.mp3", 400, null),
        ("/e/example.com:99999/ep.mp3", 400, null),
        ("/e/example.com:/ep.mp3", 400, null),
        ("/e/example.com:abc/ep.mp3", 400, null),

        // Encoded CR/LF/NUL (header injection) and size.
        ("/e/example.com/ep.mp3%0D%0ASet-Cookie:%20x=1", 400, null),
        ("/e/example.com/ep.mp3?x=%0a", 400, null),
        ("/e/example.com/ep%00.mp3", 400, null),
        ("/e/example.com/" + new string('a', 8200) + ".mp3", 400, null),
    ];
}
