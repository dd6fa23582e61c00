using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Bench.Fixtures;

/// <summary>
/// The tests' replay site (tests/PolicyArchiver.Tests/Fixtures/replay) served on two loopback ports,
/// in the harness process: three policy pages of one bank sharing a stylesheet that @imports
/// another, a header image and a logo, and a web font and a seal from a "CDN" port. What a site's
/// second and third documents add to an archive, when its resources are already there, is measured on it.
/// </summary>
public sealed class SharedResourceSite : IAsyncDisposable
{
    public static readonly IReadOnlyList<(string Id, string Page)> Documents =
        [("privacy-policy-ru", "index.html"), ("terms-of-service-ru", "terms.html"), ("cookie-policy-ru", "cookies.html")];

    private readonly WebApplication[] _apps;

    private SharedResourceSite(WebApplication[] apps) => _apps = apps;

    public static async Task<SharedResourceSite> StartAsync(string repo, int sitePort, int cdnPort, CancellationToken ct)
    {
        var root = Path.Combine(repo, "tests", "PolicyArchiver.Tests", "Fixtures", "replay");
        var cdn = $"http://127.0.0.1:{cdnPort}";
        var apps = new[] { await StartAsync(root, "", sitePort, cdn, ct), await StartAsync(root, "cdn/", cdnPort, cdn, ct) };
        return new SharedResourceSite(apps);
    }

    private static async Task<WebApplication> StartAsync(string root, string prefix, int port, string cdn, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/{**path}", (string? path, HttpContext http) =>
        {
            if (prefix.Length > 0) http.Response.Headers.AccessControlAllowOrigin = "*";
            var file = Path.Combine(root, prefix + (path ?? "index.html"));
            if (!File.Exists(file)) return Results.NotFound();
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "application/javascript; charset=utf-8",
                ".json" => "application/json; charset=utf-8",
                ".png" => "image/png",
                ".ttf" => "font/ttf",
                _ => "application/octet-stream",
            };
            return type.Contains("charset", StringComparison.Ordinal)
                ? Results.Text(File.ReadAllText(file).Replace("{{cdn}}", cdn, StringComparison.Ordinal), type)
                : Results.Bytes(File.ReadAllBytes(file), type);
        });
        await app.StartAsync(ct);
        return app;
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
