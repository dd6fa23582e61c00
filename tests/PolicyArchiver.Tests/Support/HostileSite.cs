using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A site that tries to turn captures against the archiver's own machine (Fixtures/hostile/, whose
/// README.md says what each page does): on 127.0.0.1 the target's pages; on 127.0.0.2, and on
/// 127.0.0.1 at another port, an "internal service" that counts every request it gets, so a test
/// can tell that nothing reached it.
/// </summary>
public sealed class HostileSite : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "hostile");

    /// <summary>How much the huge body would be if it were read to the end.</summary>
    public const long HugeBodyBytes = 200L * 1024 * 1024;

    /// <summary>What the gzip bomb expands to.</summary>
    public const int BombBytes = 20 * 1024 * 1024;

    private readonly List<WebApplication> _apps = [];
    private int _internalRequests;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The internal service on another loopback address (its root, ending with a slash).</summary>
    public Uri Elsewhere { get; private set; } = null!;

    /// <summary>The internal service on the target's own address, at another port.</summary>
    public Uri OtherPort { get; private set; } = null!;

    public int InternalRequests => Volatile.Read(ref _internalRequests);

    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var gzip = new MemoryStream();
        using (var writer = new GZipStream(gzip, CompressionLevel.SmallestSize))
        {
            writer.Write(Encoding.UTF8.GetBytes(Render("policy")));
            writer.Write(new byte[BombBytes]); // zeros compress a thousandfold
        }
        return gzip.ToArray();
    });

    public static async Task<HostileSite> StartAsync()
    {
        var site = new HostileSite();
        foreach (var (address, set) in new (string, Action<Uri>)[] { ("127.0.0.2", u => site.Elsewhere = u), ("127.0.0.1", u => site.OtherPort = u) })
        {
            var (app, url) = await LoopbackServer.StartAsync(app => app.Map("/internal.html", () =>
            {
                Interlocked.Increment(ref site._internalRequests);
                return Results.Content(File.ReadAllText(Path.Combine(Root, "internal.html")), "text/html; charset=utf-8");
            }), address);
            site._apps.Add(app);
            set(url);
        }
        var (target, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/redirect-elsewhere", () => Results.Redirect(new Uri(site.Elsewhere, "internal.html").AbsoluteUri));
            app.MapGet("/redirect-other-port", () => Results.Redirect(new Uri(site.OtherPort, "internal.html").AbsoluteUri));
            app.MapGet("/redirect-same-site", () => Results.Redirect("/policy.html"));
            app.MapGet("/huge-body", (HttpContext http) => ServeHugeBodyAsync(http, StatusCodes.Status200OK));
            app.MapGet("/huge-error", (HttpContext http) => ServeHugeBodyAsync(http, StatusCodes.Status503ServiceUnavailable));
            app.MapGet("/gzip-bomb", (HttpContext http) =>
            {
                http.Response.Headers.ContentEncoding = "gzip";
                return Results.Bytes(Bomb.Value, "text/html; charset=utf-8");
            });
            app.MapGet("/never-ending.png", ServeNeverEndingAsync);
            app.MapGet("/{page}.html", (string page) => site.Page(page));
        });
        site._apps.Add(target);
        site.BaseUrl = baseUrl;
        return site;
    }

    /// <summary>targets.json of the hostile site's documents.</summary>
    public string Targets() =>
        File.ReadAllText(Path.Combine(Root, "targets.json")).Replace("{{base}}", BaseUrl.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    private IResult Page(string page) =>
        page is "internal" or "policy-article" || !File.Exists(Path.Combine(Root, page + ".html"))
            ? Results.NotFound()
            : Results.Content(Render(page, Elsewhere), "text/html; charset=utf-8");

    /// <summary>A page of Fixtures/hostile/ with the policy's text in place, and the internal service's address when known.</summary>
    private static string Render(string page, Uri? elsewhere = null) =>
        File.ReadAllText(Path.Combine(Root, page + ".html"))
            .Replace("{{policy}}", File.ReadAllText(Path.Combine(Root, "policy-article.html")), StringComparison.Ordinal)
            .Replace("{{elsewhere}}", elsewhere?.AbsoluteUri.TrimEnd('/') ?? "", StringComparison.Ordinal);

    /// <summary>The policy followed by paragraphs without end (up to <see cref="HugeBodyBytes"/>).</summary>
    private static async Task ServeHugeBodyAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<p>More text of a policy that goes on and on.</p>\n", 1300)));
        try
        {
            await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Render("policy")), http.RequestAborted);
            for (long sent = 0; sent < HugeBodyBytes; sent += chunk.Length)
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The reader stopped at its cap and closed the connection.
        }
    }

    /// <summary>An image whose first bytes arrive and the rest never does.</summary>
    private static async Task ServeNeverEndingAsync(HttpContext http)
    {
        http.Response.ContentType = "image/png";
        http.Response.ContentLength = 100_000;
        await http.Response.Body.WriteAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The browser gave up on it, as it should.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
